//! Site profiles: lines that recur across many pages of one host (footers, promos, bylines of a
//! template) learnt from a sample of pages, saved as JSON, and dropped by the filter as
//! `site_profile`.
//!
//! A line belongs to a host's profile when it appears on at least `min_pages` pages of that host
//! *and* on at least `min_share` of them. Both bounds matter: `min_pages` keeps a quotation that
//! two articles happen to share, `min_share` keeps a phrase that recurs on many pages of a big
//! site but is not template text. Lines that open as quoted speech are never learnt, and
//! headings are never dropped (a recipe site's "Ingredients" recurs on every page and is
//! structure, not boilerplate).

use std::collections::{BTreeMap, HashMap, HashSet};
use std::io;
use std::path::Path;

use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::engine::normalize_host;
use super::text;

/// Version written to, and required in, profile files.
pub const PROFILE_FORMAT_VERSION: u32 = 1;

/// Learnt per-host repeated lines. Serialised as JSON by [`SiteProfiles::save`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiteProfiles {
    /// File format version ([`PROFILE_FORMAT_VERSION`]).
    pub version: u32,
    /// `min_pages` used when learning; lines below it were not kept.
    pub min_pages: usize,
    /// `min_share` used when learning.
    pub min_share: f64,
    /// Profiles by host (lowercase, without `www.` or port).
    pub hosts: BTreeMap<String, HostProfile>,
}

/// One host's profile.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HostProfile {
    /// Pages of this host seen while learning.
    pub pages: usize,
    /// Normalised line (lowercase, single spaces) -> number of pages it appeared on.
    pub lines: BTreeMap<String, usize>,
}

/// Reading or writing a profile file failed.
#[derive(Debug, Error)]
pub enum ProfileError {
    /// The file could not be read or written.
    #[error("cannot access site profiles file")]
    Io(#[source] io::Error),
    /// The file is not a profile file.
    #[error("invalid site profiles JSON")]
    Json(#[source] serde_json::Error),
    /// The file was written by another format version.
    #[error("site profiles format version {found}, expected {PROFILE_FORMAT_VERSION}")]
    Version {
        /// Version found in the file.
        found: u32,
    },
}

/// Learns site profiles from pages given as `(host, block texts)`. Pages without a host are
/// skipped. Lines repeated inside one page count once for that page.
pub fn learn(
    pages: impl Iterator<Item = (Option<String>, Vec<String>)>,
    min_pages: usize,
    min_share: f64,
) -> SiteProfiles {
    #[derive(Default)]
    struct Counts {
        pages: usize,
        lines: HashMap<String, usize>,
    }
    let mut hosts: HashMap<String, Counts> = HashMap::new();
    for (host, blocks) in pages {
        let Some(host) = host else { continue };
        let counts = hosts.entry(normalize_host(&host)).or_default();
        counts.pages += 1;
        let mut seen = HashSet::new();
        for b in &blocks {
            let t = b.trim();
            if t.is_empty() || text::is_quoted_speech(t) {
                continue;
            }
            let norm = text::normalize_line(t);
            if seen.insert(norm.clone()) {
                *counts.lines.entry(norm).or_default() += 1;
            }
        }
    }
    let hosts = hosts
        .into_iter()
        .filter_map(|(host, c)| {
            let pages = c.pages;
            let lines: BTreeMap<String, usize> = c
                .lines
                .into_iter()
                .filter(|&(_, n)| is_repeated(n, pages, min_pages, min_share))
                .collect();
            (!lines.is_empty()).then_some((host, HostProfile { pages, lines }))
        })
        .collect();
    SiteProfiles {
        version: PROFILE_FORMAT_VERSION,
        min_pages,
        min_share,
        hosts,
    }
}

fn is_repeated(count: usize, pages: usize, min_pages: usize, min_share: f64) -> bool {
    count >= min_pages.max(1) && count as f64 >= min_share * pages as f64
}

impl SiteProfiles {
    /// Parses profiles from JSON.
    ///
    /// # Errors
    /// Invalid JSON or another format version.
    pub fn from_json(json: &str) -> Result<Self, ProfileError> {
        let p: Self = serde_json::from_str(json).map_err(ProfileError::Json)?;
        if p.version != PROFILE_FORMAT_VERSION {
            return Err(ProfileError::Version { found: p.version });
        }
        Ok(p)
    }

    /// Pretty JSON, with hosts and lines in sorted order (byte-stable for the same input).
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("profiles serialise: string keys only")
    }

    /// Reads a profile file.
    ///
    /// # Errors
    /// I/O errors, invalid JSON, another format version.
    pub fn load(path: &Path) -> Result<Self, ProfileError> {
        let json = std::fs::read_to_string(path).map_err(ProfileError::Io)?;
        Self::from_json(&json)
    }

    /// Writes a profile file.
    ///
    /// # Errors
    /// I/O errors.
    pub fn save(&self, path: &Path) -> Result<(), ProfileError> {
        let mut json = self.to_json();
        json.push('\n');
        std::fs::write(path, json).map_err(ProfileError::Io)
    }

    /// The lines to drop per host under the given thresholds (which may be stricter than the
    /// ones used when learning).
    pub(crate) fn compile(&self, min_pages: usize, min_share: f64) -> ProfileIndex {
        let hosts = self
            .hosts
            .iter()
            .filter_map(|(host, p)| {
                let mut scratch = String::new();
                let lines: HashSet<u64> = p
                    .lines
                    .iter()
                    .filter(|&(_, &n)| is_repeated(n, p.pages, min_pages, min_share))
                    .map(|(l, _)| text::line_key(&mut scratch, l))
                    .collect();
                (!lines.is_empty()).then(|| (host.clone(), lines))
            })
            .collect();
        ProfileIndex { hosts }
    }
}

/// Compiled profiles: host -> keys ([`text::line_key`]) of lines to drop.
#[derive(Debug, Clone, Default)]
pub(crate) struct ProfileIndex {
    hosts: HashMap<String, HashSet<u64>>,
}

impl ProfileIndex {
    /// The line set for a page's host, if it has a profile.
    pub(crate) fn for_host(&self, host: &str) -> Option<&HashSet<u64>> {
        self.hosts.get(&normalize_host(host))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(host: &str, lines: &[&str]) -> (Option<String>, Vec<String>) {
        (
            Some(host.to_owned()),
            lines.iter().map(|s| (*s).to_owned()).collect(),
        )
    }

    #[test]
    fn learn_keeps_lines_on_enough_pages() {
        let footer = "The Courier is published by Courier Media Group.";
        let pages = (0..6).map(|i| {
            let story = format!("Story number {i} is about the council budget.");
            page("www.courier.example", &[&story, footer])
        });
        let p = learn(pages, 3, 0.5);
        let host = &p.hosts["courier.example"];
        assert_eq!(host.pages, 6);
        assert_eq!(host.lines.len(), 1);
        assert_eq!(host.lines[&text::normalize_line(footer)], 6);
    }

    #[test]
    fn quote_repeated_in_two_articles_is_not_learnt() {
        let quote = "We will not back down, the mayor said on Tuesday.";
        let mut pages = vec![
            page("courier.example", &["First story.", quote]),
            page("courier.example", &["Second story.", quote]),
        ];
        for i in 0..4 {
            pages.push(page("courier.example", &[&format!("Other story {i}.")]));
        }
        let p = learn(pages.into_iter(), 3, 0.3);
        assert!(p.hosts.is_empty());
    }

    #[test]
    fn quoted_speech_is_never_learnt() {
        let quote = "“We will not back down,” the mayor said.";
        let pages = (0..5).map(|_| page("courier.example", &[quote]));
        assert!(learn(pages, 3, 0.5).hosts.is_empty());
    }

    #[test]
    fn share_threshold_applies_per_host() {
        let line = "Follow the Courier for more local news and updates";
        let mut pages: Vec<_> = (0..3).map(|_| page("courier.example", &[line])).collect();
        pages.extend((0..7).map(|i| page("courier.example", &[&format!("s{i}")])));
        // 3 of 10 pages: below a share of 0.5
        assert!(learn(pages.clone().into_iter(), 3, 0.5).hosts.is_empty());
        assert_eq!(learn(pages.into_iter(), 3, 0.3).hosts.len(), 1);
    }

    #[test]
    fn json_round_trip_and_version_check() {
        let pages = (0..3).map(|_| page("a.example", &["Footer line here."]));
        let p = learn(pages, 2, 0.5);
        let back = SiteProfiles::from_json(&p.to_json()).unwrap();
        assert_eq!(back, p);
        let bad = p.to_json().replace("\"version\": 1", "\"version\": 9");
        assert!(matches!(
            SiteProfiles::from_json(&bad),
            Err(ProfileError::Version { found: 9 })
        ));
    }

    #[test]
    fn compile_applies_stricter_thresholds() {
        let pages = (0..4).map(|i| {
            let mut v = vec!["Always here."];
            if i < 2 {
                v.push("Sometimes here.");
            }
            page("a.example", &v)
        });
        let p = learn(pages, 2, 0.5);
        assert_eq!(p.hosts["a.example"].lines.len(), 2);
        let idx = p.compile(3, 0.5);
        let set = idx.for_host("WWW.a.example").unwrap();
        let mut s = String::new();
        assert!(set.contains(&text::line_key(&mut s, "Always  HERE.")));
        assert!(!set.contains(&text::line_key(&mut s, "Sometimes here.")));
    }
}
