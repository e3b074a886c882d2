//! Cross-document deduplication: exact (hash of the normalised text) and near (MinHash
//! signatures with LSH banding).
//!
//! The state spans a run, so it is not a global: the pipeline owns one [`DedupIndex`] (from
//! [`super::Filter::dedup_index`]) and calls [`DedupIndex::check_and_insert`] from its single
//! writer thread, in output order. The first copy of a text is kept; later copies are reported
//! as duplicates of it and are not inserted. Everything is seeded with constants, so the same
//! input order gives the same answers.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::{xxh3_64, xxh3_128};

use super::text;

/// Default near-duplicate threshold: estimated Jaccard similarity of word 5-shingles. 0.8 is
/// the value datatrove and the Gopher/RefinedWeb dedup passes use for web pages; syndicated
/// wire copies with a changed first line stay above it.
pub const DEFAULT_NEAR_THRESHOLD: f64 = 0.8;
/// Words per shingle (datatrove and RefinedWeb use 5).
pub const DEFAULT_SHINGLE_WORDS: usize = 5;
/// MinHash functions per signature; more gives a finer similarity estimate, costs memory
/// (4 bytes each per document kept) and time.
pub const DEFAULT_NUM_HASHES: usize = 128;
/// LSH bands. 16 bands of 8 rows put the S-curve's midpoint at (1/16)^(1/8) ≈ 0.71, below the
/// 0.8 threshold, so pairs above the threshold are found with probability > 0.9.
pub const DEFAULT_BANDS: usize = 16;

/// `[filter.dedup]`: duplicate detection across the documents of a run.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct DedupConfig {
    /// Reject a document whose normalised text (lowercase, whitespace collapsed) equals an earlier
    /// one's.
    pub exact: bool,
    /// Reject a document whose estimated similarity to an earlier one is at least `threshold`.
    /// Unset: on with `[filter.quality] preset = "dataset"`, off otherwise (a syndicated
    /// story on two sites is content on both).
    pub near: Option<bool>,
    /// Estimated Jaccard similarity (0.0-1.0] of word shingles from which a document is a near
    /// duplicate.
    pub threshold: f64,
    /// Words per shingle (at least 1).
    pub shingle_words: usize,
    /// MinHash functions per signature (a multiple of `bands`).
    pub num_hashes: usize,
    /// LSH bands; `num_hashes / bands` hashes per band.
    pub bands: usize,
}

impl Default for DedupConfig {
    fn default() -> Self {
        Self {
            exact: true,
            near: None,
            threshold: DEFAULT_NEAR_THRESHOLD,
            shingle_words: DEFAULT_SHINGLE_WORDS,
            num_hashes: DEFAULT_NUM_HASHES,
            bands: DEFAULT_BANDS,
        }
    }
}

/// How a document duplicates an earlier one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DuplicateKind {
    /// Same normalised text.
    Exact,
    /// Estimated similarity at or above the threshold.
    Near,
}

/// The earlier document a text duplicates.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DuplicateOf {
    /// Record id given to [`DedupIndex::check_and_insert`] for the earlier document.
    pub id: String,
    /// Exact or near.
    pub kind: DuplicateKind,
    /// 1.0 for exact duplicates, the MinHash estimate for near ones.
    pub similarity: f64,
    /// The threshold in force (1.0 for exact duplicates).
    pub threshold: f64,
}

/// Validated dedup settings.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct DedupSettings {
    pub exact: bool,
    pub near: bool,
    pub threshold: f64,
    pub shingle_words: usize,
    pub num_hashes: usize,
    pub bands: usize,
}

/// Documents seen so far in a run. `Send`; owned by the pipeline, never global.
#[derive(Debug, Clone)]
pub struct DedupIndex {
    settings: DedupSettings,
    seeds: Vec<u64>,
    exact: HashMap<u128, u32>,
    ids: Vec<String>,
    signatures: Vec<Vec<u32>>,
    /// One map per band: band hash -> documents (indices into `ids`).
    buckets: Vec<HashMap<u64, Vec<u32>>>,
}

/// splitmix64's finaliser: a fast, well-mixed 64-bit permutation.
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

impl DedupIndex {
    pub(crate) fn new(settings: DedupSettings) -> Self {
        let seeds = (0..settings.num_hashes as u64)
            .map(|i| mix(i.wrapping_add(0x9e37_79b9_7f4a_7c15)))
            .collect();
        let buckets = vec![HashMap::new(); if settings.near { settings.bands } else { 0 }];
        Self {
            settings,
            seeds,
            exact: HashMap::new(),
            ids: Vec::new(),
            signatures: Vec::new(),
            buckets,
        }
    }

    /// Number of documents kept in the index.
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// True when no document was inserted yet.
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// Checks `text` against the documents seen so far. If it duplicates one, returns which and
    /// does not insert it; otherwise inserts it under `record_id` and returns `None`.
    pub fn check_and_insert(&mut self, record_id: &str, text: &str) -> Option<DuplicateOf> {
        if !self.settings.exact && !self.settings.near {
            return None;
        }
        let normalized = text::normalize_line(text);
        let exact_key = xxh3_128(normalized.as_bytes());
        if self.settings.exact
            && let Some(&i) = self.exact.get(&exact_key)
        {
            return Some(DuplicateOf {
                id: self.ids[i as usize].clone(),
                kind: DuplicateKind::Exact,
                similarity: 1.0,
                threshold: 1.0,
            });
        }
        let signature = if self.settings.near {
            self.signature(&normalized)
        } else {
            None
        };
        let band_keys = signature.as_ref().map(|s| self.band_keys(s));
        if let (Some(sig), Some(keys)) = (&signature, &band_keys) {
            let mut best: Option<(f64, u32)> = None;
            for (band, key) in keys.iter().enumerate() {
                let Some(docs) = self.buckets[band].get(key) else {
                    continue;
                };
                for &d in docs {
                    let other = &self.signatures[d as usize];
                    let same = sig.iter().zip(other).filter(|(a, b)| a == b).count();
                    let sim = same as f64 / sig.len() as f64;
                    let better = match best {
                        None => true,
                        Some((s, i)) => sim > s || (sim == s && d < i),
                    };
                    if sim >= self.settings.threshold && better {
                        best = Some((sim, d));
                    }
                }
            }
            if let Some((similarity, d)) = best {
                return Some(DuplicateOf {
                    id: self.ids[d as usize].clone(),
                    kind: DuplicateKind::Near,
                    similarity,
                    threshold: self.settings.threshold,
                });
            }
        }
        let idx = u32::try_from(self.ids.len()).expect("fewer than 4 billion documents per run");
        self.ids.push(record_id.to_owned());
        if self.settings.exact {
            self.exact.insert(exact_key, idx);
        }
        // Keep the signature vector aligned with `ids` even for texts without one.
        self.signatures.push(signature.unwrap_or_default());
        if let Some(keys) = band_keys {
            for (band, key) in keys.into_iter().enumerate() {
                self.buckets[band].entry(key).or_default().push(idx);
            }
        }
        None
    }

    /// MinHash signature of the word shingles; `None` for a text without words.
    fn signature(&self, normalized: &str) -> Option<Vec<u32>> {
        let words: Vec<u64> = if normalized.is_ascii() {
            // same words as the char split below: for ASCII, `char::is_alphanumeric` is
            // `u8::is_ascii_alphanumeric`
            normalized
                .as_bytes()
                .split(|b| !b.is_ascii_alphanumeric())
                .filter(|w| !w.is_empty())
                .map(xxh3_64)
                .collect()
        } else {
            normalized
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .map(|w| xxh3_64(w.as_bytes()))
                .collect()
        };
        if words.is_empty() {
            return None;
        }
        let k = self.settings.shingle_words.min(words.len());
        let mut buf = Vec::with_capacity(k * 8);
        let shingles: Vec<u64> = words
            .windows(k)
            .map(|window| {
                buf.clear();
                for h in window {
                    buf.extend_from_slice(&h.to_le_bytes());
                }
                xxh3_64(&buf)
            })
            .collect();
        // One seed at a time over all shingles: the running minimum stays in a register.
        Some(
            self.seeds
                .iter()
                .map(|&seed| {
                    let min = shingles
                        .iter()
                        .map(|&shingle| mix(shingle ^ seed))
                        .min()
                        .unwrap_or(u64::MAX);
                    (min >> 32) as u32
                })
                .collect(),
        )
    }

    fn band_keys(&self, sig: &[u32]) -> Vec<u64> {
        let rows = self.settings.num_hashes / self.settings.bands;
        sig.chunks(rows)
            .enumerate()
            .map(|(band, chunk)| {
                let mut buf = Vec::with_capacity(4 * rows + 8);
                buf.extend_from_slice(&(band as u64).to_le_bytes());
                for v in chunk {
                    buf.extend_from_slice(&v.to_le_bytes());
                }
                xxh3_64(&buf)
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index() -> DedupIndex {
        DedupIndex::new(DedupSettings {
            exact: true,
            near: true,
            threshold: DEFAULT_NEAR_THRESHOLD,
            shingle_words: DEFAULT_SHINGLE_WORDS,
            num_hashes: DEFAULT_NUM_HASHES,
            bands: DEFAULT_BANDS,
        })
    }

    fn story(seed: usize, len: usize) -> String {
        // deterministic pseudo-text with a wide vocabulary
        (0..len)
            .map(|i| format!("w{}", mix((seed * 1_000_003 + i) as u64) % 5000))
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn exact_duplicate_names_the_first_record() {
        let mut idx = index();
        assert_eq!(idx.check_and_insert("a", "Hello   World, again."), None);
        let d = idx.check_and_insert("b", "hello world, AGAIN.").unwrap();
        assert_eq!(d.id, "a");
        assert_eq!(d.kind, DuplicateKind::Exact);
        assert_eq!(idx.len(), 1);
    }

    #[test]
    fn near_duplicate_with_small_edit_is_found() {
        let mut idx = index();
        let a = story(1, 400);
        let mut b = a.clone();
        b.push_str(" Reporting by Jane Doe; editing by John Roe.");
        assert_eq!(idx.check_and_insert("a", &a), None);
        let d = idx.check_and_insert("b", &b).unwrap();
        assert_eq!(d.id, "a");
        assert_eq!(d.kind, DuplicateKind::Near);
        assert!(d.similarity >= 0.8, "{}", d.similarity);
    }

    #[test]
    fn different_texts_are_not_duplicates() {
        let mut idx = index();
        for i in 0..50 {
            assert_eq!(
                idx.check_and_insert(&i.to_string(), &story(i, 300)),
                None,
                "{i}"
            );
        }
        assert_eq!(idx.len(), 50);
    }

    #[test]
    fn half_overlap_is_below_threshold() {
        let mut idx = index();
        let a = story(7, 400);
        let b = format!("{} {}", &a[..a.len() / 2], story(8, 200));
        idx.check_and_insert("a", &a);
        assert_eq!(idx.check_and_insert("b", &b), None);
    }

    #[test]
    fn disabled_index_accepts_everything() {
        let mut idx = DedupIndex::new(DedupSettings {
            exact: false,
            near: false,
            ..index().settings
        });
        assert_eq!(idx.check_and_insert("a", "same"), None);
        assert_eq!(idx.check_and_insert("b", "same"), None);
    }

    #[test]
    fn index_is_send() {
        fn assert_send<T: Send>() {}
        assert_send::<DedupIndex>();
    }
}
