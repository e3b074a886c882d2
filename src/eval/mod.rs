//! Extraction quality on the development datasets: dataset folders + an extraction
//! function -> [`EvalReport`].
//!
//! A dataset folder holds `html/<id>.html.gz` and `ground-truth.jsonl` (see
//! `datasets/README.md`). The metrics are exactly those of the reference scorer
//! `datasets/score.py`:
//!
//! * **body sets** (records with `body`): `\w+` tokens (Python's definition: letters, digits
//!   and `_`, no combining marks), 4-gram shingles counted as multisets; per page TP/FP/FN
//!   normalised by their sum; precision averaged over pages with TP+FP > 0, recall over pages
//!   with TP+FN > 0, F1 of the two averages; plus mean per-page F1 and exact-token accuracy.
//! * **snippet sets** (records with `must_contain`): whitespace collapsed in snippet and body,
//!   case-sensitive substring tests; hit rate, leak rate, per-page means and pooled
//!   precision/recall/F1/accuracy.
//! * **metadata** per field where the gold has a value: `title` and `site_name` compare
//!   lowercased with whitespace collapsed and surrounding quotes/punctuation trimmed;
//!   `author` compares the set of `;`-separated names (lowercased, collapsed); `published`
//!   compares the calendar date (`YYYY-M-D` read as numbers, so `2022-11-1` equals
//!   `2022-11-01`); `lang` compares the primary subtag, lowercased. On trafilatura pages
//!   with `meta_annotated: true`, a missing gold title/author/published means "the page has
//!   none": predicting nothing is correct there.
//!
//! * **parts**: every page belongs to the tuning part or the check part (see [`is_check`]);
//!   with [`Part::All`] each set reports both beside the whole, so that a change tuned on the
//!   tuning part can be judged on pages nobody looked at.
//! * **peer**: another tool's predictions (`DIR/<set>.jsonl`, the input format of `score.py`)
//!   scored on the same pages and parts, printed beside ours.
//! * **page types and confidence**: for sets whose gold carries `page_type`, F1 per type and
//!   the accuracy of the predicted `page_type`; over body sets, the Spearman rank correlation
//!   of the predicted `confidence` with the page's real F1.
//!
//! The module does not depend on the pipeline: the caller passes the page -> output
//! function. Pages run on `threads` scoped threads.

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use serde::Deserialize;
use thiserror::Error;
use url::Url;

/// What the function under test returns for one page.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct EvalOutput {
    /// Body text, blocks separated by blank lines.
    pub body: String,
    /// Extracted title.
    pub title: Option<String>,
    /// Extracted author(s), `; `-separated.
    pub author: Option<String>,
    /// Extracted publication date (ISO 8601).
    pub published: Option<String>,
    /// Extracted language code.
    pub lang: Option<String>,
    /// Extracted site name.
    pub site_name: Option<String>,
    /// Predicted page type (`article`, `listing`, `forum`, ...).
    pub page_type: Option<String>,
    /// Predicted extraction quality, 0-1.
    pub confidence: Option<f64>,
    /// Why the document-level filter rejected the page (its body is then empty), if it did.
    pub rejected: Option<String>,
}

/// Which pages of each set to score.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Part {
    /// Pages outside the check part: the ones rules may be tuned on.
    Tune,
    /// The check part ([`is_check`]): judged, never debugged page by page.
    Check,
    /// Every page; the report also gives the tuning and check figures separately.
    #[default]
    All,
}

impl Part {
    /// `tune`, `check` or `all`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Tune => "tune",
            Self::Check => "check",
            Self::All => "all",
        }
    }

    fn admits(self, check: bool) -> bool {
        match self {
            Self::Tune => !check,
            Self::Check => check,
            Self::All => true,
        }
    }
}

/// Another tool's predictions, scored beside ours.
#[derive(Debug, Clone)]
pub struct Peer {
    /// Name printed in the report (e.g. `trafilatura`).
    pub name: String,
    /// Folder holding `<set>.jsonl` predictions.
    pub dir: PathBuf,
}

/// Options of [`evaluate`].
#[derive(Debug, Clone)]
pub struct EvalOptions {
    /// How many worst pages to list per set.
    pub worst: usize,
    /// Worker threads (at least 1).
    pub threads: usize,
    /// If set, write `<dir>/<set>.jsonl` predictions (`{"id", "body", "title", ...}` per
    /// line), the input format of `score.py`.
    pub predictions_dir: Option<PathBuf>,
    /// Pages to score.
    pub part: Part,
    /// Another tool's predictions to score beside ours.
    pub peer: Option<Peer>,
}

impl Default for EvalOptions {
    fn default() -> Self {
        Self {
            worst: 10,
            threads: 2,
            predictions_dir: None,
            part: Part::All,
            peer: None,
        }
    }
}

/// Why an evaluation could not run.
#[derive(Debug, Error)]
pub enum EvalError {
    /// A file could not be read or written.
    #[error("cannot access {path}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
    /// A ground-truth line is not valid JSON of the expected shape.
    #[error("{path}:{line}: invalid ground-truth record")]
    Record {
        /// The ground-truth file.
        path: PathBuf,
        /// 1-based line number.
        line: usize,
        /// The cause.
        #[source]
        source: serde_json::Error,
    },
    /// A peer prediction file is not valid JSON of the `score.py` format.
    #[error("{path}: invalid prediction record")]
    Prediction {
        /// The prediction file.
        path: PathBuf,
        /// The cause.
        #[source]
        source: serde_json::Error,
    },
    /// The floors file is not valid.
    #[error("invalid floors file {path}")]
    Floors {
        /// The floors file.
        path: PathBuf,
        /// The cause.
        #[source]
        source: toml::de::Error,
    },
    /// Writing a prediction failed to serialise.
    #[error("cannot serialise prediction")]
    Serialise(#[source] serde_json::Error),
}

#[derive(Debug, Deserialize)]
struct GoldRecord {
    id: String,
    url: Option<String>,
    body: Option<String>,
    must_contain: Option<Vec<String>>,
    #[serde(default)]
    must_not_contain: Vec<String>,
    title: Option<String>,
    author: Option<String>,
    published: Option<String>,
    lang: Option<String>,
    site_name: Option<String>,
    #[serde(default)]
    meta_annotated: bool,
    page_type: Option<String>,
}

/// Body-set scores (shingle metric).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BodyScores {
    /// Macro precision.
    pub precision: f64,
    /// Macro recall.
    pub recall: f64,
    /// F1 of macro precision and recall.
    pub f1: f64,
    /// Mean of per-page F1.
    pub mean_page_f1: f64,
    /// Share of pages whose token sequence equals the gold.
    pub exact_accuracy: f64,
}

/// Snippet-set scores.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SnippetScores {
    /// must_contain snippets found / all.
    pub hit_rate: f64,
    /// must_not_contain snippets found / all (`None` when the set has none).
    pub leak_rate: Option<f64>,
    /// Mean per-page hit rate.
    pub page_mean_hit_rate: f64,
    /// Mean per-page leak rate over pages with must_not_contain snippets.
    pub page_mean_leak_rate: Option<f64>,
    /// Pooled precision TP/(TP+FP).
    pub precision: f64,
    /// Pooled recall TP/(TP+FN).
    pub recall: f64,
    /// Pooled F1.
    pub f1: f64,
    /// (TP+TN)/all.
    pub accuracy: Option<f64>,
}

/// Accuracy of one metadata field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldScore {
    /// Field name (`title`, `author`, `published`, `lang`, `site_name`).
    pub field: &'static str,
    /// Pages where the prediction matched.
    pub correct: usize,
    /// Pages scored for this field.
    pub total: usize,
}

impl FieldScore {
    /// correct / total (0 when nothing was scored).
    pub fn accuracy(&self) -> f64 {
        if self.total == 0 {
            0.0
        } else {
            self.correct as f64 / self.total as f64
        }
    }
}

/// One metadata field on one part of a set: our accuracy and the peer's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MetaPartRow {
    /// The part.
    pub part: Part,
    /// Ours.
    pub ours: FieldScore,
    /// The peer's, when a peer is scored and gave this field on at least one page of the set.
    pub peer: Option<FieldScore>,
}

/// One page's result, for the worst-pages list.
#[derive(Debug, Clone, PartialEq)]
pub struct PageScore {
    /// Page id.
    pub id: String,
    /// Body: shingle precision; snippets: 1 - leak rate.
    pub precision: f64,
    /// Body: shingle recall; snippets: hit rate.
    pub recall: f64,
    /// Body: page F1; snippets: harmonic mean of the two above.
    pub f1: f64,
}

/// Results for one dataset folder.
#[derive(Debug, Clone, PartialEq)]
pub struct SetReport {
    /// Folder name (e.g. `readability`).
    pub name: String,
    /// Pages evaluated.
    pub pages: usize,
    /// Pages for which the function returned `None`.
    pub failed: usize,
    /// Body metric, for body sets.
    pub body: Option<BodyScores>,
    /// Snippet metric, for snippet sets.
    pub snippets: Option<SnippetScores>,
    /// Metadata accuracy per field.
    pub meta: Vec<FieldScore>,
    /// Metadata accuracy per field and part, ours and the peer's (when its predictions carry
    /// the field).
    pub meta_parts: Vec<MetaPartRow>,
    /// Worst pages, lowest F1 first.
    pub worst: Vec<PageScore>,
    /// Pages of the set in the check part (whatever part was scored).
    pub check_pages: usize,
    /// Pages in the whole set.
    pub set_pages: usize,
    /// Scored pages that the document-level filter rejected.
    pub rejected: usize,
    /// Ids of rejected pages whose gold body has at least [`LONG_GOLD_WORDS`] words.
    pub rejected_long: Vec<String>,
    /// Headline figures per part: tune, check and all for [`Part::All`], else the one part.
    pub parts: Vec<PartRow>,
    /// F1 per gold page type, for sets whose gold carries `page_type`.
    pub types: Vec<TypeRow>,
    /// (predicted confidence, real page F1) of the body pages of [`EvalReport::confidence_part`].
    pub confidence: Vec<(f64, f64)>,
}

/// A rejected page whose gold body has at least this many `\w+` words held real content: the
/// default config must not reject it.
pub const LONG_GOLD_WORDS: usize = 50;

/// Headline figures of one tool over a group of pages: the shingle figures on body sets, the
/// pooled snippet figures on snippet sets.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Headline {
    /// Pages in the group.
    pub pages: usize,
    /// Precision.
    pub precision: f64,
    /// Recall.
    pub recall: f64,
    /// F1.
    pub f1: f64,
}

/// One part of a set: our headline figures and the peer's.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PartRow {
    /// The part.
    pub part: Part,
    /// Ours (`None` when the part has no pages).
    pub ours: Option<Headline>,
    /// The peer's, when a peer is scored and has predictions for the set.
    pub peer: Option<Headline>,
}

/// Pages of one gold page type.
#[derive(Debug, Clone, PartialEq)]
pub struct TypeRow {
    /// The gold label mapped to our page types ([`gold_page_type`]).
    pub gold_type: &'static str,
    /// Our headline figures on these pages.
    pub ours: Headline,
    /// The peer's.
    pub peer: Option<Headline>,
    /// How many of these pages we typed as each page type (`-` when we gave none).
    pub predicted: BTreeMap<String, usize>,
}

/// Results over all folders.
#[derive(Debug, Clone, PartialEq)]
pub struct EvalReport {
    /// One entry per folder, in argument order.
    pub sets: Vec<SetReport>,
    /// The part that was scored.
    pub part: Part,
    /// The peer's name, when one was scored.
    pub peer: Option<String>,
    /// The part whose body pages give the confidence correlation: the check part unless only
    /// the tuning part was scored.
    pub confidence_part: Part,
}

/// Minimum figures for one set; absent keys are not checked.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SetFloor {
    /// Minimum body F1 or snippet F1.
    pub min_f1: Option<f64>,
    /// Minimum body precision or snippet precision.
    pub min_precision: Option<f64>,
    /// Minimum body recall or snippet recall.
    pub min_recall: Option<f64>,
    /// Minimum must_contain hit rate.
    pub min_hit_rate: Option<f64>,
    /// Maximum must_not_contain leak rate.
    pub max_leak_rate: Option<f64>,
}

/// `eval/floors.toml`: one `[set-name]` table per dataset folder name.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(transparent)]
pub struct Floors {
    /// Floors by set name.
    pub sets: BTreeMap<String, SetFloor>,
}

impl Floors {
    /// Reads a floors file.
    ///
    /// # Errors
    /// [`EvalError::Io`] if unreadable, [`EvalError::Floors`] if not valid.
    pub fn load(path: &Path) -> Result<Self, EvalError> {
        let text = std::fs::read_to_string(path).map_err(|source| EvalError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        toml::from_str(&text).map_err(|source| EvalError::Floors {
            path: path.to_path_buf(),
            source,
        })
    }
}

/// A figure below its floor (or a leak rate above its ceiling).
#[derive(Debug, Clone, PartialEq)]
pub struct FloorViolation {
    /// Set name.
    pub set: String,
    /// Metric key as in the floors file (`min_f1`, `max_leak_rate`, ...).
    pub metric: &'static str,
    /// The pinned limit.
    pub limit: f64,
    /// The figure achieved.
    pub actual: f64,
}

impl fmt::Display for FloorViolation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {} is {:.4}, limit {:.4}",
            self.set, self.metric, self.actual, self.limit
        )
    }
}

impl EvalReport {
    /// Compares the report with pinned floors. Sets named in the floors but not evaluated
    /// are skipped.
    pub fn check_floors(&self, floors: &Floors) -> Vec<FloorViolation> {
        let mut out = Vec::new();
        for set in &self.sets {
            let Some(fl) = floors.sets.get(&set.name) else {
                continue;
            };
            let (p, r, f1) = match (&set.body, &set.snippets) {
                (Some(b), _) => (Some(b.precision), Some(b.recall), Some(b.f1)),
                (None, Some(s)) => (Some(s.precision), Some(s.recall), Some(s.f1)),
                _ => (None, None, None),
            };
            let hit = set.snippets.map(|s| s.hit_rate);
            let leak = set.snippets.and_then(|s| s.leak_rate);
            let mut min = |metric: &'static str, limit: Option<f64>, actual: Option<f64>| {
                if let (Some(limit), Some(actual)) = (limit, actual)
                    && actual < limit
                {
                    out.push(FloorViolation {
                        set: set.name.clone(),
                        metric,
                        limit,
                        actual,
                    });
                }
            };
            min("min_f1", fl.min_f1, f1);
            min("min_precision", fl.min_precision, p);
            min("min_recall", fl.min_recall, r);
            min("min_hit_rate", fl.min_hit_rate, hit);
            if let (Some(limit), Some(actual)) = (fl.max_leak_rate, leak)
                && actual > limit
            {
                out.push(FloorViolation {
                    set: set.name.clone(),
                    metric: "max_leak_rate",
                    limit,
                    actual,
                });
            }
        }
        out
    }
}

/// Mean over sets of one part's headline F1, ours and the peer's.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MacroRow {
    /// The part.
    pub part: Part,
    /// Our mean F1 over the sets with pages in the part, and how many sets that is.
    pub ours: Option<(f64, usize)>,
    /// Our mean F1 over the sets the peer has figures for (equal to `ours` when it has all).
    pub ours_on_peer_sets: Option<f64>,
    /// The peer's mean F1 and its number of sets.
    pub peer: Option<(f64, usize)>,
}

/// Predicted page types against the gold labels.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TypeAccuracy {
    /// Pages whose predicted type equals the mapped gold type.
    pub correct: usize,
    /// Pages with a gold type.
    pub total: usize,
    /// Gold type -> predicted type -> pages.
    pub confusion: BTreeMap<&'static str, BTreeMap<String, usize>>,
}

impl EvalReport {
    /// The macro averages, one row per reported part.
    pub fn macro_rows(&self) -> Vec<MacroRow> {
        let n_parts = self.sets.first().map_or(0, |s| s.parts.len());
        (0..n_parts)
            .map(|k| {
                let rows: Vec<&PartRow> = self.sets.iter().filter_map(|s| s.parts.get(k)).collect();
                let avg = |v: Vec<f64>| (!v.is_empty()).then(|| (mean(&v), v.len()));
                let ours = avg(rows.iter().filter_map(|r| r.ours).map(|h| h.f1).collect());
                let with_peer: Vec<&&PartRow> = rows
                    .iter()
                    .filter(|r| r.ours.is_some() && r.peer.is_some())
                    .collect();
                let peer = avg(with_peer
                    .iter()
                    .filter_map(|r| r.peer)
                    .map(|h| h.f1)
                    .collect());
                let ours_on_peer_sets = avg(with_peer
                    .iter()
                    .filter_map(|r| r.ours)
                    .map(|h| h.f1)
                    .collect())
                .map(|(m, _)| m);
                MacroRow {
                    part: rows.first().map_or(self.part, |r| r.part),
                    ours,
                    ours_on_peer_sets,
                    peer,
                }
            })
            .collect()
    }

    /// Page-type accuracy and confusion over every set whose gold carries `page_type`.
    pub fn type_accuracy(&self) -> TypeAccuracy {
        let mut acc = TypeAccuracy::default();
        for row in self.sets.iter().flat_map(|s| &s.types) {
            let cell = acc.confusion.entry(row.gold_type).or_default();
            for (pred, n) in &row.predicted {
                *cell.entry(pred.clone()).or_insert(0) += n;
                acc.total += n;
                if pred == row.gold_type {
                    acc.correct += n;
                }
            }
        }
        acc
    }

    /// Spearman correlation of confidence with page F1 over the body pages of
    /// [`EvalReport::confidence_part`] of every set, pooled; and the number of pages.
    pub fn confidence_spearman(&self) -> (Option<f64>, usize) {
        let pairs: Vec<(f64, f64)> = self
            .sets
            .iter()
            .flat_map(|s| s.confidence.iter().copied())
            .collect();
        (spearman(&pairs), pairs.len())
    }
}

fn fmt_f1(h: Option<Headline>) -> String {
    h.map_or_else(|| "     -".to_owned(), |h| format!("{:.4}", h.f1))
}

impl EvalReport {
    fn fmt_set(&self, f: &mut fmt::Formatter<'_>, s: &SetReport) -> fmt::Result {
        writeln!(
            f,
            "== {} ({} pages of part {}, {} without output, {} rejected by the filter; {} of {} pages in the check part)",
            s.name,
            s.pages,
            self.part.as_str(),
            s.failed,
            s.rejected,
            s.check_pages,
            s.set_pages,
        )?;
        if let Some(b) = &s.body {
            writeln!(
                f,
                "body     P {:.4}  R {:.4}  F1 {:.4}  mean page F1 {:.4}  exact {:.4}",
                b.precision, b.recall, b.f1, b.mean_page_f1, b.exact_accuracy
            )?;
        }
        if let Some(x) = &s.snippets {
            let leak = x.leak_rate.map_or("-".to_string(), |l| format!("{l:.4}"));
            writeln!(
                f,
                "snippets hit {:.4}  leak {}  P {:.4}  R {:.4}  F1 {:.4}  acc {}",
                x.hit_rate,
                leak,
                x.precision,
                x.recall,
                x.f1,
                x.accuracy.map_or("-".to_string(), |a| format!("{a:.4}"))
            )?;
        }
        let parts: Vec<String> = s
            .parts
            .iter()
            .map(|r| {
                let peer = match (&self.peer, r.peer) {
                    (Some(name), p) => format!(" [{name} {}]", fmt_f1(p)),
                    (None, _) => String::new(),
                };
                format!(
                    "{} {} ({}){peer}",
                    r.part.as_str(),
                    fmt_f1(r.ours),
                    r.ours.map_or(0, |h| h.pages)
                )
            })
            .collect();
        writeln!(f, "F1 by part  {}", parts.join("  "))?;
        if !s.meta.is_empty() {
            let parts: Vec<String> = s
                .meta
                .iter()
                .map(|m| {
                    format!(
                        "{} {:.3} ({}/{})",
                        m.field,
                        m.accuracy(),
                        m.correct,
                        m.total
                    )
                })
                .collect();
            writeln!(f, "metadata {}", parts.join("  "))?;
        }
        if !s.meta_parts.is_empty() {
            let peer = self.peer.is_some();
            let mut line = String::from("metadata by part");
            let mut last = "";
            for r in &s.meta_parts {
                if r.ours.field != last {
                    last = r.ours.field;
                    line.push_str(&format!("  {last}"));
                }
                line.push_str(&format!(
                    " {} {:.3} ({}/{})",
                    r.part.as_str(),
                    r.ours.accuracy(),
                    r.ours.correct,
                    r.ours.total
                ));
                if peer {
                    let p = r
                        .peer
                        .as_ref()
                        .map_or("-".to_owned(), |p| format!("{:.3}", p.accuracy()));
                    line.push_str(&format!(" [{p}]"));
                }
            }
            writeln!(f, "{line}")?;
        }
        if let Some(rho) = spearman(&s.confidence) {
            writeln!(
                f,
                "confidence: Spearman {rho:.3} with page F1 over {} body pages of the {} part",
                s.confidence.len(),
                self.confidence_part.as_str()
            )?;
        }
        if !s.rejected_long.is_empty() {
            writeln!(
                f,
                "rejected with >= {LONG_GOLD_WORDS} gold words: {}",
                s.rejected_long.join(" ")
            )?;
        }
        if !s.worst.is_empty() {
            writeln!(f, "worst pages:")?;
            for w in &s.worst {
                writeln!(
                    f,
                    "  {:<48} P {:.3}  R {:.3}  F1 {:.3}",
                    w.id, w.precision, w.recall, w.f1
                )?;
            }
        }
        Ok(())
    }

    fn fmt_summary(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let peer = self.peer.as_deref();
        writeln!(
            f,
            "\n== F1 by set and part (body sets: shingle F1; snippet sets: pooled snippet F1){}",
            peer.map_or(String::new(), |p| format!("; [{p}] beside"))
        )?;
        let heads: Vec<&str> = self
            .sets
            .first()
            .map(|s| s.parts.iter().map(|r| r.part.as_str()).collect())
            .unwrap_or_default();
        let mut head = format!("{:<22} {:>6}", "set", "pages");
        for h in &heads {
            head.push_str(&format!("  {h:>7}"));
            if peer.is_some() {
                head.push_str(&format!(" {:>8}", format!("[{h}]")));
            }
        }
        writeln!(f, "{head}")?;
        for s in &self.sets {
            let mut line = format!("{:<22} {:>6}", s.name, s.pages);
            for r in &s.parts {
                line.push_str(&format!("  {:>7}", fmt_f1(r.ours)));
                if peer.is_some() {
                    line.push_str(&format!(" {:>8}", format!("[{}]", fmt_f1(r.peer).trim())));
                }
            }
            writeln!(f, "{line}")?;
        }
        let rows = self.macro_rows();
        let mut line = format!(
            "{:<22} {:>6}",
            format!("macro ({} sets)", self.sets.len()),
            ""
        );
        let mut note = Vec::new();
        for r in &rows {
            let ours = r.ours.map_or("-".to_owned(), |(m, _)| format!("{m:.4}"));
            line.push_str(&format!("  {ours:>7}"));
            if peer.is_some() {
                let p = r.peer.map_or("-".to_owned(), |(m, _)| format!("{m:.4}"));
                line.push_str(&format!(" {:>8}", format!("[{p}]")));
                if let (Some((_, n_ours)), Some((_, n_peer)), Some(o)) =
                    (r.ours, r.peer, r.ours_on_peer_sets)
                    && n_peer < n_ours
                {
                    note.push(format!(
                        "{}: the peer has {n_peer} sets; ours on those {o:.4}",
                        r.part.as_str()
                    ));
                }
            }
        }
        writeln!(f, "{line}")?;
        for n in note {
            writeln!(f, "  ({n})")?;
        }
        Ok(())
    }

    fn fmt_types(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.sets.iter().all(|s| s.types.is_empty()) {
            return Ok(());
        }
        let peer = self.peer.as_deref();
        writeln!(
            f,
            "\n== F1 by gold page type (part {}){}",
            self.part.as_str(),
            peer.map_or(String::new(), |p| format!("; [{p}] beside"))
        )?;
        for s in self.sets.iter().filter(|s| !s.types.is_empty()) {
            for t in &s.types {
                let p = if peer.is_some() {
                    format!(" [{}]", fmt_f1(t.peer).trim())
                } else {
                    String::new()
                };
                let predicted: Vec<String> = t
                    .predicted
                    .iter()
                    .map(|(k, n)| format!("{k} {n}"))
                    .collect();
                writeln!(
                    f,
                    "{:<14} {:<14} {:>5}  {}{p}   typed as: {}",
                    s.name,
                    t.gold_type,
                    t.ours.pages,
                    fmt_f1(Some(t.ours)),
                    predicted.join(", ")
                )?;
            }
        }
        let acc = self.type_accuracy();
        if acc.total > 0 {
            writeln!(
                f,
                "page_type accuracy {:.3} ({}/{})",
                ratio(acc.correct, acc.total),
                acc.correct,
                acc.total
            )?;
            for (gold, row) in &acc.confusion {
                let n: usize = row.values().sum();
                let cells: Vec<String> = row.iter().map(|(k, v)| format!("{k} {v}")).collect();
                writeln!(f, "  gold {gold:<14} ({n:>4}) -> {}", cells.join(", "))?;
            }
        }
        Ok(())
    }
}

impl fmt::Display for EvalReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for s in &self.sets {
            self.fmt_set(f, s)?;
        }
        self.fmt_summary(f)?;
        self.fmt_types(f)?;
        let (rho, n) = self.confidence_spearman();
        if let Some(rho) = rho {
            writeln!(
                f,
                "\nconfidence vs page F1: Spearman {rho:.3} over {n} body pages of the {} part",
                self.confidence_part.as_str()
            )?;
        }
        let rejected: usize = self.sets.iter().map(|s| s.rejected).sum();
        let long: usize = self.sets.iter().map(|s| s.rejected_long.len()).sum();
        writeln!(
            f,
            "rejected by the document filter: {rejected} pages; with >= {LONG_GOLD_WORDS} gold words: {long}"
        )
    }
}

// ---------------------------------------------------------------- decoding

/// Decodes page bytes the way the pipeline does ([`crate::input::charset::decode`]).
pub fn decode_html(bytes: &[u8]) -> String {
    crate::input::charset::decode(bytes, None, true).text
}

// ---------------------------------------------------------------- metrics

/// Python `\w` with `re.UNICODE`: `str.isalnum()` or `_`. Rust's alphabetic property also
/// covers some combining marks, which Python excludes.
fn is_word_char(c: char) -> bool {
    c == '_' || (c.is_alphanumeric() && !unicode_normalization::char::is_combining_mark(c))
}

/// `\w+` tokens of `text`.
pub fn tokens(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    for (i, c) in text.char_indices() {
        if is_word_char(c) {
            start.get_or_insert(i);
        } else if let Some(s) = start.take() {
            out.push(&text[s..i]);
        }
    }
    if let Some(s) = start {
        out.push(&text[s..]);
    }
    out
}

/// Normalised (TP, FP, FN) of 4-gram shingles, as `score.py` `tp_fp_fn`.
pub fn shingle_counts(gold: &str, pred: &str) -> (f64, f64, f64) {
    fn shingles<'a>(toks: &'a [&'a str]) -> HashMap<&'a [&'a str], i64> {
        let mut m = HashMap::new();
        if toks.is_empty() {
            return m;
        }
        let n = 4.min(toks.len());
        for w in toks.windows(n) {
            *m.entry(w).or_insert(0) += 1;
        }
        m
    }
    let gt = tokens(gold);
    let pt = tokens(pred);
    let g = shingles(&gt);
    let p = shingles(&pt);
    let (mut tp, mut fp, mut fn_) = (0i64, 0i64, 0i64);
    for (k, &gc) in &g {
        let pc = p.get(k).copied().unwrap_or(0);
        tp += gc.min(pc);
        fn_ += (gc - pc).max(0);
    }
    for (k, &pc) in &p {
        let gc = g.get(k).copied().unwrap_or(0);
        fp += (pc - gc).max(0);
    }
    let s = (tp + fp + fn_) as f64;
    if s > 0.0 {
        (tp as f64 / s, fp as f64 / s, fn_ as f64 / s)
    } else {
        (0.0, 0.0, 0.0)
    }
}

/// Page precision as `score.py` `prec`.
pub fn page_precision(tp: f64, fp: f64, fn_: f64) -> f64 {
    if fp == 0.0 && fn_ == 0.0 {
        1.0
    } else if tp == 0.0 && fp == 0.0 {
        0.0
    } else {
        tp / (tp + fp)
    }
}

/// Page recall as `score.py` `rec`.
pub fn page_recall(tp: f64, fp: f64, fn_: f64) -> f64 {
    if fp == 0.0 && fn_ == 0.0 {
        1.0
    } else if tp == 0.0 && fn_ == 0.0 {
        0.0
    } else {
        tp / (tp + fn_)
    }
}

fn f1(p: f64, r: f64) -> f64 {
    if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    }
}

fn norm_ws(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Snippet containment: whitespace collapsed on both sides, case-sensitive.
pub fn contains_snippet(body_norm: &str, snippet: &str) -> bool {
    body_norm.contains(&norm_ws(snippet))
}

// ---------------------------------------------------------------- metadata comparison

fn norm_text(s: &str) -> String {
    norm_ws(s)
        .to_lowercase()
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_string()
}

fn parse_ymd(s: &str) -> Option<(i32, u32, u32)> {
    let s = s.trim();
    let mut it = s.splitn(3, '-');
    let y = it.next()?.parse().ok()?;
    let m = it.next()?.parse().ok()?;
    let d_part: String = it
        .next()?
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    Some((y, m, d_part.parse().ok()?))
}

fn meta_match(field: &str, gold: &str, pred: &str) -> bool {
    match field {
        "author" => {
            let set = |s: &str| {
                let mut v: Vec<String> = s
                    .split(';')
                    .map(norm_text)
                    .filter(|x| !x.is_empty())
                    .collect();
                v.sort();
                v
            };
            set(gold) == set(pred)
        }
        "published" => parse_ymd(gold).is_some() && parse_ymd(gold) == parse_ymd(pred),
        "lang" => {
            let primary = |s: &str| {
                s.trim()
                    .split(['-', '_'])
                    .next()
                    .unwrap_or("")
                    .to_ascii_lowercase()
            };
            primary(gold) == primary(pred)
        }
        _ => norm_text(gold) == norm_text(pred),
    }
}

// ---------------------------------------------------------------- parts

/// FNV-1a 64-bit offset basis.
const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
/// FNV-1a 64-bit prime.
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;
/// The check part is bucket 0 of this many: a quarter of each set's hosts.
const PART_BUCKETS: u64 = 4;

/// FNV-1a, 64 bits.
fn fnv1a64(bytes: &[u8]) -> u64 {
    bytes.iter().fold(FNV_OFFSET, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(FNV_PRIME)
    })
}

/// The host of `url` as Python's `urlsplit(url).hostname` gives it: the netloc after
/// `scheme://` (or a leading `//`), without user info and port, lower-cased; `None` when
/// there is none.
fn url_host(url: &str) -> Option<String> {
    let url = url.trim_matches(|c: char| c <= ' ');
    let rest = match url.split_once(':') {
        Some((scheme, rest))
            if scheme.starts_with(|c: char| c.is_ascii_alphabetic())
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')) =>
        {
            rest
        }
        _ => url,
    };
    let rest = rest.strip_prefix("//")?;
    let netloc = &rest[..rest.find(['/', '?', '#']).unwrap_or(rest.len())];
    let host_port = netloc.rsplit_once('@').map_or(netloc, |(_, h)| h);
    let host = match host_port.strip_prefix('[') {
        Some(v6) => v6.split(']').next().unwrap_or(""),
        None => host_port.split(':').next().unwrap_or(""),
    };
    (!host.is_empty()).then(|| host.to_lowercase())
}

/// The key that places a page in a part: its URL's host without a leading `www.`, so that one
/// site never sits on both sides; the record id when the URL has no host.
pub fn part_key(url: Option<&str>, id: &str) -> String {
    match url.and_then(url_host) {
        Some(host) => host
            .strip_prefix("www.")
            .map_or(host.clone(), str::to_owned),
        None => id.to_owned(),
    }
}

/// Whether a page is in the check part: FNV-1a 64 of [`part_key`] falls in bucket 0 of 4.
pub fn is_check(url: Option<&str>, id: &str) -> bool {
    fnv1a64(part_key(url, id).as_bytes()).is_multiple_of(PART_BUCKETS)
}

// ---------------------------------------------------------------- evaluation

struct PageResult {
    output: Option<EvalOutput>,
}

impl PageResult {
    /// The body as scored: empty when extraction failed or the filter rejected the page.
    fn body(&self) -> &str {
        match &self.output {
            Some(o) if o.rejected.is_none() => &o.body,
            _ => "",
        }
    }
}

fn read_gold(dir: &Path) -> Result<Vec<GoldRecord>, EvalError> {
    let path = dir.join("ground-truth.jsonl");
    let text = std::fs::read_to_string(&path).map_err(|source| EvalError::Io {
        path: path.clone(),
        source,
    })?;
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let r: GoldRecord = serde_json::from_str(line).map_err(|source| EvalError::Record {
            path: path.clone(),
            line: n + 1,
            source,
        })?;
        out.push(r);
    }
    Ok(out)
}

fn read_page(dir: &Path, id: &str) -> Result<String, EvalError> {
    let path = dir.join("html").join(format!("{id}.html.gz"));
    let file = std::fs::File::open(&path).map_err(|source| EvalError::Io {
        path: path.clone(),
        source,
    })?;
    let mut bytes = Vec::new();
    flate2::read::GzDecoder::new(file)
        .read_to_end(&mut bytes)
        .map_err(|source| EvalError::Io { path, source })?;
    Ok(decode_html(&bytes))
}

/// One dataset page with its gold, for a report on single pages (`eval --report`).
#[derive(Debug, Clone)]
pub struct GoldPage {
    /// Page id.
    pub id: String,
    /// The page's URL, as the gold gives it.
    pub url: Option<String>,
    /// The page, decoded.
    pub html: String,
    /// The gold as text: the body, or for snippet sets what the body must and must not
    /// contain.
    pub gold: String,
    /// Whether the page is in the check part ([`is_check`]).
    pub check: bool,
}

/// The pages `ids` of the dataset folder `dir`, with their gold, in the order of `ids`.
///
/// # Errors
/// [`EvalError`] when the ground truth or a page cannot be read.
pub fn gold_pages(dir: &Path, ids: &[String]) -> Result<Vec<GoldPage>, EvalError> {
    let gold = read_gold(dir)?;
    let mut out = Vec::with_capacity(ids.len());
    for g in ids
        .iter()
        .filter_map(|id| gold.iter().find(|g| &g.id == id))
    {
        let mut text = g.body.clone().unwrap_or_default();
        for (label, lines) in [
            (
                "must contain",
                g.must_contain.as_deref().unwrap_or_default(),
            ),
            ("must not contain", g.must_not_contain.as_slice()),
        ] {
            if !lines.is_empty() {
                text.push_str(&format!("{label}:\n"));
                lines
                    .iter()
                    .for_each(|l| text.push_str(&format!("• {l}\n")));
                text.push('\n');
            }
        }
        out.push(GoldPage {
            id: g.id.clone(),
            url: g.url.clone(),
            html: read_page(dir, &g.id)?,
            gold: text.trim_end().to_owned(),
            check: is_check(g.url.as_deref(), &g.id),
        });
    }
    Ok(out)
}

/// Runs `extract` over every page of every dataset folder and scores the results.
///
/// # Errors
/// [`EvalError`] when a ground-truth file, page or peer prediction file cannot be read or
/// parsed, or when predictions cannot be written.
pub fn evaluate(
    dirs: &[PathBuf],
    extract: &(dyn Fn(&str, Option<&Url>) -> Option<EvalOutput> + Sync),
    opts: &EvalOptions,
) -> Result<EvalReport, EvalError> {
    let mut sets = Vec::new();
    for dir in dirs {
        let gold = read_gold(dir)?;
        let name = dir.file_name().map_or_else(
            || dir.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        let peer = match &opts.peer {
            Some(p) => load_predictions(&p.dir.join(format!("{name}.jsonl")))?,
            None => None,
        };
        let check: Vec<bool> = gold
            .iter()
            .map(|g| is_check(g.url.as_deref(), &g.id))
            .collect();
        let selected: Vec<usize> = (0..gold.len())
            .filter(|&i| opts.part.admits(check[i]))
            .collect();
        let results = run_pages(dir, &gold, &selected, extract, opts.threads.max(1))?;
        if let Some(pd) = &opts.predictions_dir {
            write_predictions(&pd.join(format!("{name}.jsonl")), &gold, &results)?;
        }
        let pages: Vec<Scored<'_>> = gold
            .iter()
            .zip(&results)
            .zip(&check)
            .filter_map(|((g, r), &check)| {
                let r = r.as_ref()?;
                Some(Scored {
                    gold: g,
                    result: r,
                    check,
                    ours: eval_page(g, r.body()),
                    peer: peer.as_ref().map(|p| {
                        eval_page(
                            g,
                            p.get(&g.id).and_then(|pp| pp.body.as_deref()).unwrap_or(""),
                        )
                    }),
                    peer_page: peer.as_ref().and_then(|p| p.get(&g.id)),
                })
            })
            .collect();
        let mut set = score_set(name, &pages, opts.worst);
        set.check_pages = check.iter().filter(|&&c| c).count();
        set.set_pages = gold.len();
        set.parts = part_rows(&pages, opts.part);
        set.meta_parts = meta_part_rows(&pages, opts.part, peer.is_some());
        set.types = type_rows(&pages);
        let conf_check = opts.part != Part::Tune;
        set.confidence = pages
            .iter()
            .filter(|p| p.check == conf_check && matches!(p.ours, PageEval::Body { .. }))
            .filter_map(|p| Some((p.result.output.as_ref()?.confidence?, p.ours.f1())))
            .collect();
        sets.push(set);
    }
    Ok(EvalReport {
        sets,
        part: opts.part,
        peer: opts.peer.as_ref().map(|p| p.name.clone()),
        confidence_part: if opts.part == Part::Tune {
            Part::Tune
        } else {
            Part::Check
        },
    })
}

/// A peer's prediction for one page: its body and whatever metadata it gave.
#[derive(Debug, Default, Deserialize)]
struct PeerPage {
    body: Option<String>,
    title: Option<String>,
    author: Option<String>,
    published: Option<String>,
    lang: Option<String>,
    site_name: Option<String>,
}

impl PeerPage {
    fn field(&self, field: &str) -> Option<&str> {
        match field {
            "title" => self.title.as_deref(),
            "author" => self.author.as_deref(),
            "published" => self.published.as_deref(),
            "lang" => self.lang.as_deref(),
            _ => self.site_name.as_deref(),
        }
    }
}

/// Reads predictions in `score.py`'s format: one `{"id", "body"}` object per line, or one
/// JSON object `{id: {"body": ...}}`; `articleBody` stands in for a missing `body`; `title`,
/// `author`, `published`, `lang` and `site_name` are read when present. `None` when the file
/// does not exist (the peer has no predictions for the set).
fn load_predictions(path: &Path) -> Result<Option<HashMap<String, PeerPage>>, EvalError> {
    #[derive(Deserialize)]
    struct Pred {
        #[serde(default)]
        id: String,
        #[serde(rename = "articleBody")]
        article_body: Option<String>,
        #[serde(flatten)]
        page: PeerPage,
    }
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(source) => {
            return Err(EvalError::Io {
                path: path.to_path_buf(),
                source,
            });
        }
    };
    let invalid = |source| EvalError::Prediction {
        path: path.to_path_buf(),
        source,
    };
    let page = |p: Pred| {
        let mut page = p.page;
        if page.body.is_none() {
            page.body = p.article_body;
        }
        page
    };
    if let Ok(map) = serde_json::from_str::<HashMap<String, Pred>>(&text) {
        return Ok(Some(map.into_iter().map(|(k, p)| (k, page(p))).collect()));
    }
    let mut out = HashMap::new();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let p: Pred = serde_json::from_str(line).map_err(invalid)?;
        out.insert(p.id.clone(), page(p));
    }
    Ok(Some(out))
}

/// Runs `extract` on the `selected` pages; the others stay `None`.
fn run_pages(
    dir: &Path,
    gold: &[GoldRecord],
    selected: &[usize],
    extract: &(dyn Fn(&str, Option<&Url>) -> Option<EvalOutput> + Sync),
    threads: usize,
) -> Result<Vec<Option<PageResult>>, EvalError> {
    let next = AtomicUsize::new(0);
    let slots: Mutex<Vec<Option<Result<PageResult, EvalError>>>> =
        Mutex::new((0..gold.len()).map(|_| None).collect());
    std::thread::scope(|s| {
        for _ in 0..threads {
            s.spawn(|| {
                loop {
                    let k = next.fetch_add(1, Ordering::Relaxed);
                    let Some(&i) = selected.get(k) else {
                        break;
                    };
                    let rec = &gold[i];
                    let url = rec.url.as_deref().and_then(|u| Url::parse(u).ok());
                    let res = read_page(dir, &rec.id).map(|html| PageResult {
                        output: extract(&html, url.as_ref()),
                    });
                    slots
                        .lock()
                        .unwrap_or_else(std::sync::PoisonError::into_inner)[i] = Some(res);
                }
            });
        }
    });
    slots
        .into_inner()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .into_iter()
        .map(Option::transpose)
        .collect()
}

fn write_predictions(
    path: &Path,
    gold: &[GoldRecord],
    results: &[Option<PageResult>],
) -> Result<(), EvalError> {
    let mut out = String::new();
    for (g, r) in gold.iter().zip(results) {
        let Some(r) = r else { continue };
        let o = r.output.clone().unwrap_or_default();
        let line = serde_json::to_string(&serde_json::json!({
            "id": g.id,
            "body": r.body(),
            "title": o.title,
            "author": o.author,
            "published": o.published,
            "lang": o.lang,
            "site_name": o.site_name,
            "page_type": o.page_type,
            "confidence": o.confidence,
            "rejected": o.rejected,
        }))
        .map_err(EvalError::Serialise)?;
        out.push_str(&line);
        out.push('\n');
    }
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|source| EvalError::Io {
            path: parent.to_path_buf(),
            source,
        })?;
    }
    std::fs::write(path, out).map_err(|source| EvalError::Io {
        path: path.to_path_buf(),
        source,
    })
}

fn mean(v: &[f64]) -> f64 {
    if v.is_empty() {
        0.0
    } else {
        v.iter().sum::<f64>() / v.len() as f64
    }
}

/// One page's evaluation against its gold, computed once and aggregated over any group.
#[derive(Debug, Clone, Copy, PartialEq)]
enum PageEval {
    /// Normalised shingle counts and whether the token sequences are equal.
    Body {
        tp: f64,
        fp: f64,
        fn_: f64,
        exact: bool,
    },
    /// Snippets found / asked for, leaked / forbidden.
    Snippets {
        found: usize,
        must: usize,
        leaked: usize,
        must_not: usize,
    },
    /// The gold has neither a body nor snippets.
    Unscored,
}

impl PageEval {
    fn precision(self) -> f64 {
        match self {
            Self::Body { tp, fp, fn_, .. } => page_precision(tp, fp, fn_),
            Self::Snippets {
                leaked, must_not, ..
            } => 1.0 - ratio(leaked, must_not),
            Self::Unscored => 0.0,
        }
    }

    fn recall(self) -> f64 {
        match self {
            Self::Body { tp, fp, fn_, .. } => page_recall(tp, fp, fn_),
            Self::Snippets { found, must, .. } => ratio(found, must),
            Self::Unscored => 0.0,
        }
    }

    fn f1(self) -> f64 {
        f1(self.precision(), self.recall())
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

fn eval_page(g: &GoldRecord, body: &str) -> PageEval {
    if let Some(gb) = &g.body {
        let (tp, fp, fn_) = shingle_counts(gb, body);
        return PageEval::Body {
            tp,
            fp,
            fn_,
            exact: tokens(gb) == tokens(body),
        };
    }
    let Some(must) = &g.must_contain else {
        return PageEval::Unscored;
    };
    let pred = norm_ws(body);
    PageEval::Snippets {
        found: must.iter().filter(|s| contains_snippet(&pred, s)).count(),
        must: must.len(),
        leaked: g
            .must_not_contain
            .iter()
            .filter(|s| contains_snippet(&pred, s))
            .count(),
        must_not: g.must_not_contain.len(),
    }
}

/// A scored page: its gold, our output, its part, our evaluation and the peer's.
struct Scored<'a> {
    gold: &'a GoldRecord,
    result: &'a PageResult,
    check: bool,
    ours: PageEval,
    peer: Option<PageEval>,
    /// The peer's prediction for the page (`None`: no peer, or no line for the page).
    peer_page: Option<&'a PeerPage>,
}

/// The shingle metric over body pages: macro precision over pages with TP+FP > 0, macro
/// recall over pages with TP+FN > 0, F1 of the two.
fn body_scores(evals: &[PageEval]) -> Option<BodyScores> {
    let (mut ps, mut rs, mut f1s, mut exact) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for e in evals {
        let PageEval::Body {
            tp,
            fp,
            fn_,
            exact: x,
        } = *e
        else {
            continue;
        };
        if tp + fp > 0.0 {
            ps.push(e.precision());
        }
        if tp + fn_ > 0.0 {
            rs.push(e.recall());
        }
        f1s.push(e.f1());
        exact.push(if x { 1.0 } else { 0.0 });
    }
    (!f1s.is_empty()).then(|| {
        let (p, r) = (mean(&ps), mean(&rs));
        BodyScores {
            precision: p,
            recall: r,
            f1: f1(p, r),
            mean_page_f1: mean(&f1s),
            exact_accuracy: mean(&exact),
        }
    })
}

/// The snippet metric over snippet pages: pooled counts, plus per-page means.
fn snippet_scores(evals: &[PageEval]) -> Option<SnippetScores> {
    let (mut tp, mut fp, mut fn_, mut tn) = (0usize, 0usize, 0usize, 0usize);
    let (mut hits, mut leaks) = (Vec::new(), Vec::new());
    for e in evals {
        let PageEval::Snippets {
            found,
            must,
            leaked,
            must_not,
        } = *e
        else {
            continue;
        };
        tp += found;
        fn_ += must - found;
        fp += leaked;
        tn += must_not - leaked;
        hits.push(ratio(found, must));
        if must_not > 0 {
            leaks.push(ratio(leaked, must_not));
        }
    }
    (!hits.is_empty()).then(|| {
        let p = ratio(tp, tp + fp);
        let r = ratio(tp, tp + fn_);
        let all = tp + fp + fn_ + tn;
        SnippetScores {
            hit_rate: r,
            leak_rate: (fp + tn > 0).then(|| ratio(fp, fp + tn)),
            page_mean_hit_rate: mean(&hits),
            page_mean_leak_rate: (!leaks.is_empty()).then(|| mean(&leaks)),
            precision: p,
            recall: r,
            f1: f1(p, r),
            accuracy: (all > 0).then(|| ratio(tp + tn, all)),
        }
    })
}

/// Headline figures of a group: body figures when it has body pages, else snippet figures.
fn headline(evals: &[PageEval]) -> Option<Headline> {
    let pages = evals.len();
    if let Some(b) = body_scores(evals) {
        return Some(Headline {
            pages,
            precision: b.precision,
            recall: b.recall,
            f1: b.f1,
        });
    }
    snippet_scores(evals).map(|s| Headline {
        pages,
        precision: s.precision,
        recall: s.recall,
        f1: s.f1,
    })
}

fn part_rows(pages: &[Scored<'_>], part: Part) -> Vec<PartRow> {
    let parts: &[Part] = match part {
        Part::All => &[Part::Tune, Part::Check, Part::All],
        one => std::slice::from_ref(match one {
            Part::Tune => &Part::Tune,
            _ => &Part::Check,
        }),
    };
    parts
        .iter()
        .map(|&part| {
            let group: Vec<&Scored<'_>> = pages.iter().filter(|p| part.admits(p.check)).collect();
            let ours: Vec<PageEval> = group.iter().map(|p| p.ours).collect();
            let peer: Option<Vec<PageEval>> = group.iter().map(|p| p.peer).collect();
            PartRow {
                part,
                ours: headline(&ours),
                peer: peer.as_deref().and_then(headline),
            }
        })
        .collect()
}

/// Maps a dataset's `page_type` label to ours: `collection` (a category or hub page of
/// teasers) is a listing; labels we do not distinguish are `other`.
pub fn gold_page_type(label: &str) -> &'static str {
    match label.trim().to_ascii_lowercase().as_str() {
        "article" => "article",
        "listing" | "collection" => "listing",
        "forum" => "forum",
        "product" => "product",
        "documentation" => "documentation",
        "service" => "service",
        _ => "other",
    }
}

fn type_rows(pages: &[Scored<'_>]) -> Vec<TypeRow> {
    let mut by_type: BTreeMap<&'static str, Vec<&Scored<'_>>> = BTreeMap::new();
    for p in pages {
        if let Some(t) = &p.gold.page_type {
            by_type.entry(gold_page_type(t)).or_default().push(p);
        }
    }
    by_type
        .into_iter()
        .filter_map(|(gold_type, group)| {
            let ours: Vec<PageEval> = group.iter().map(|p| p.ours).collect();
            let peer: Option<Vec<PageEval>> = group.iter().map(|p| p.peer).collect();
            let mut predicted = BTreeMap::new();
            for p in &group {
                let t = p.result.output.as_ref().and_then(|o| o.page_type.clone());
                *predicted
                    .entry(t.unwrap_or_else(|| "-".into()))
                    .or_insert(0) += 1;
            }
            Some(TypeRow {
                gold_type,
                ours: headline(&ours)?,
                peer: peer.as_deref().and_then(headline),
                predicted,
            })
        })
        .collect()
}

fn score_set(name: String, pages: &[Scored<'_>], worst_n: usize) -> SetReport {
    let failed = pages.iter().filter(|p| p.result.output.is_none()).count();
    let evals: Vec<PageEval> = pages.iter().map(|p| p.ours).collect();
    let body = body_scores(&evals);
    let snippets = snippet_scores(&evals);
    let rejected: Vec<&Scored<'_>> = pages
        .iter()
        .filter(|p| {
            p.result
                .output
                .as_ref()
                .is_some_and(|o| o.rejected.is_some())
        })
        .collect();
    let rejected_long = rejected
        .iter()
        .filter(|p| {
            p.gold
                .body
                .as_deref()
                .is_some_and(|b| tokens(b).len() >= LONG_GOLD_WORDS)
        })
        .map(|p| p.gold.id.clone())
        .collect();

    let meta = META_FIELDS
        .into_iter()
        .filter_map(|field| field_score(field, pages))
        .collect();

    let mut worst: Vec<PageScore> = pages
        .iter()
        .filter(|p| match p.ours {
            PageEval::Body { .. } => true,
            PageEval::Snippets { .. } => body.is_none(),
            PageEval::Unscored => false,
        })
        .map(|p| PageScore {
            id: p.gold.id.clone(),
            precision: p.ours.precision(),
            recall: p.ours.recall(),
            f1: p.ours.f1(),
        })
        .collect();
    worst.sort_by(|a, b| a.f1.total_cmp(&b.f1).then_with(|| a.id.cmp(&b.id)));
    worst.truncate(worst_n);
    SetReport {
        name,
        pages: pages.len(),
        failed,
        body,
        snippets,
        meta,
        meta_parts: Vec::new(),
        worst,
        check_pages: 0,
        set_pages: 0,
        rejected: rejected.len(),
        rejected_long,
        parts: Vec::new(),
        types: Vec::new(),
        confidence: Vec::new(),
    }
}

/// Accuracy of one metadata field over the pages whose gold has a value for it.
fn field_score(field: &'static str, pages: &[Scored<'_>]) -> Option<FieldScore> {
    let ours = pages.iter().map(|p| (p.gold, our_field(p, field)));
    field_score_of(field, ours)
}

/// Our prediction of `field` on a page.
fn our_field<'a>(p: &Scored<'a>, field: &str) -> Option<&'a str> {
    p.result.output.as_ref().and_then(|o| match field {
        "title" => o.title.as_deref(),
        "author" => o.author.as_deref(),
        "published" => o.published.as_deref(),
        "lang" => o.lang.as_deref(),
        _ => o.site_name.as_deref(),
    })
}

/// Accuracy of one metadata field over (gold, prediction) pairs, by the rules in the module
/// documentation.
fn field_score_of<'a>(
    field: &'static str,
    pairs: impl Iterator<Item = (&'a GoldRecord, Option<&'a str>)>,
) -> Option<FieldScore> {
    let mut fs = FieldScore {
        field,
        correct: 0,
        total: 0,
    };
    for (g, pred_v) in pairs {
        let gold_v = match field {
            "title" => g.title.as_deref(),
            "author" => g.author.as_deref(),
            "published" => g.published.as_deref(),
            "lang" => g.lang.as_deref(),
            _ => g.site_name.as_deref(),
        };
        let absent_means_none =
            g.meta_annotated && matches!(field, "title" | "author" | "published");
        match (gold_v, pred_v) {
            (Some(gv), Some(pv)) => {
                fs.total += 1;
                fs.correct += usize::from(meta_match(field, gv, pv));
            }
            (Some(_), None) => fs.total += 1,
            (None, pv) if absent_means_none => {
                fs.total += 1;
                fs.correct += usize::from(pv.is_none());
            }
            (None, _) => {}
        }
    }
    (fs.total > 0).then_some(fs)
}

/// Metadata accuracy per field on the tuning and check parts, ours and the peer's; a peer
/// that gave a field on no page of the set has no figure for it (its tool does not output it).
fn meta_part_rows(pages: &[Scored<'_>], part: Part, with_peer: bool) -> Vec<MetaPartRow> {
    let parts: &[Part] = match part {
        Part::All => &[Part::Tune, Part::Check],
        Part::Tune => &[Part::Tune],
        Part::Check => &[Part::Check],
    };
    let mut rows = Vec::new();
    for field in META_FIELDS {
        let peer_gives = with_peer
            && pages
                .iter()
                .any(|p| p.peer_page.is_some_and(|pp| pp.field(field).is_some()));
        for &part in parts {
            let group = || pages.iter().filter(move |p| part.admits(p.check));
            let Some(ours) = field_score_of(field, group().map(|p| (p.gold, our_field(p, field))))
            else {
                continue;
            };
            let peer = peer_gives
                .then(|| {
                    field_score_of(
                        field,
                        group().map(|p| (p.gold, p.peer_page.and_then(|pp| pp.field(field)))),
                    )
                })
                .flatten();
            rows.push(MetaPartRow { part, ours, peer });
        }
    }
    rows
}

/// The metadata fields scored, in report order.
const META_FIELDS: [&str; 5] = ["title", "author", "published", "lang", "site_name"];

// ---------------------------------------------------------------- rank correlation

/// Ranks (1-based) with ties given their average rank.
fn ranks(v: &[f64]) -> Vec<f64> {
    let mut order: Vec<usize> = (0..v.len()).collect();
    order.sort_by(|&a, &b| v[a].total_cmp(&v[b]));
    let mut out = vec![0.0; v.len()];
    let mut i = 0;
    while i < order.len() {
        let mut j = i;
        while j + 1 < order.len() && v[order[j + 1]] == v[order[i]] {
            j += 1;
        }
        let avg = (i + j) as f64 / 2.0 + 1.0;
        for &k in &order[i..=j] {
            out[k] = avg;
        }
        i = j + 1;
    }
    out
}

/// Spearman's rank correlation of the pairs (Pearson correlation of the tie-averaged ranks);
/// `None` with fewer than 3 pairs or when either side is constant.
pub fn spearman(pairs: &[(f64, f64)]) -> Option<f64> {
    if pairs.len() < 3 {
        return None;
    }
    let a = ranks(&pairs.iter().map(|p| p.0).collect::<Vec<_>>());
    let b = ranks(&pairs.iter().map(|p| p.1).collect::<Vec<_>>());
    let (ma, mb) = (mean(&a), mean(&b));
    let (mut cov, mut va, mut vb) = (0.0, 0.0, 0.0);
    for (x, y) in a.iter().zip(&b) {
        cov += (x - ma) * (y - mb);
        va += (x - ma) * (x - ma);
        vb += (y - mb) * (y - mb);
    }
    (va > 0.0 && vb > 0.0).then(|| cov / (va * vb).sqrt())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_follow_python_word_rule() {
        assert_eq!(tokens("Hello, wörld_1 x"), vec!["Hello", "wörld_1", "x"]);
        // U+093F DEVANAGARI VOWEL SIGN I is a combining mark: Python's \w splits there.
        assert_eq!(tokens("कि"), vec!["क"]);
    }

    #[test]
    fn shingles_known_answers() {
        // Identical texts: all TP.
        assert_eq!(shingle_counts("a b c d e", "a b c d e"), (1.0, 0.0, 0.0));
        // gold 5 tokens -> shingles abcd, bcde; pred "a b c d" -> abcd. TP1 FN1.
        let (tp, fp, fn_) = shingle_counts("a b c d e", "a b c d");
        assert_eq!((tp, fp, fn_), (0.5, 0.0, 0.5));
        assert_eq!(page_precision(tp, fp, fn_), 1.0);
        assert_eq!(page_recall(tp, fp, fn_), 0.5);
        // Short texts give one shorter shingle.
        assert_eq!(shingle_counts("a b", "a b"), (1.0, 0.0, 0.0));
        // Empty prediction: P 0 (tp = fp = 0), R 0.
        let t = shingle_counts("a b c d", "");
        assert_eq!(page_precision(t.0, t.1, t.2), 0.0);
        assert_eq!(page_recall(t.0, t.1, t.2), 0.0);
        // Both empty: perfect, as in score.py.
        let t = shingle_counts("", "");
        assert_eq!(page_precision(t.0, t.1, t.2), 1.0);
    }

    fn gold(id: &str, url: Option<&str>) -> GoldRecord {
        GoldRecord {
            id: id.into(),
            url: url.map(Into::into),
            body: None,
            must_contain: None,
            must_not_contain: Vec::new(),
            title: None,
            author: None,
            published: None,
            lang: None,
            site_name: None,
            meta_annotated: false,
            page_type: None,
        }
    }

    fn output(body: &str) -> PageResult {
        PageResult {
            output: Some(EvalOutput {
                body: body.into(),
                ..EvalOutput::default()
            }),
        }
    }

    fn scored<'a>(g: &'a GoldRecord, r: &'a PageResult, check: bool) -> Scored<'a> {
        Scored {
            gold: g,
            result: r,
            check,
            ours: eval_page(g, r.body()),
            peer: None,
            peer_page: None,
        }
    }

    #[test]
    fn snippet_hit_and_leak() {
        let g = GoldRecord {
            must_contain: Some(vec!["quick  brown".into(), "lazy cat".into()]),
            must_not_contain: vec!["jumps".into(), "Cookie".into()],
            ..gold("x", None)
        };
        let r = output("The quick\nbrown fox jumps");
        let report = score_set("s".into(), &[scored(&g, &r, false)], 5);
        let s = report.snippets.unwrap();
        assert_eq!(s.hit_rate, 0.5);
        assert_eq!(s.leak_rate, Some(0.5));
        assert_eq!(s.precision, 0.5);
        assert_eq!(s.accuracy, Some(0.5));
    }

    #[test]
    fn check_part_matches_the_reference_hash() {
        // FNV-1a 64 of the key and its bucket, from the Python in notes/COMMON.md.
        assert_eq!(fnv1a64(b"nytimes.com"), 0x1b67_1fbb_9d60_9fe5);
        assert_eq!(fnv1a64(b"bbc.co.uk"), 0x3756_0e87_b6fc_872c);
        assert_eq!(fnv1a64("新闻.cn".as_bytes()), 0xf73a_2b77_3e13_bd4b);
        assert!(is_check(Some("https://www.bbc.co.uk/news/x"), "a"));
        assert!(is_check(Some("http://TheGuardian.com:80/world?x=1"), "a"));
        assert!(!is_check(Some("https://www.nytimes.com/2017/x.html"), "a"));
        assert!(!is_check(Some("https://user@example.com/"), "a"));
        // No host: the id decides ("dev-1" is bucket 2, "bbc.co.uk" bucket 0).
        assert!(!is_check(None, "dev-1"));
        assert!(!is_check(Some("not a url"), "dev-1"));
        assert!(is_check(Some("/relative/path"), "bbc.co.uk"));
        assert_eq!(part_key(Some("//www.Medium.com/p"), "x"), "medium.com");
        assert_eq!(part_key(Some("http://[::1]:8080/"), "x"), "::1");
    }

    #[test]
    fn parts_split_the_pages_and_the_peer_scores_the_same_ones() {
        let body = |id: &str, text: &str| GoldRecord {
            body: Some(text.into()),
            ..gold(id, None)
        };
        let (g1, g2) = (
            body("a", "one two three four five"),
            body("b", "six seven eight nine"),
        );
        let (r1, r2) = (
            output("one two three four five"),
            output("other words only here"),
        );
        let mut pages = vec![scored(&g1, &r1, false), scored(&g2, &r2, true)];
        pages[0].peer = Some(eval_page(&g1, ""));
        pages[1].peer = Some(eval_page(&g2, "six seven eight nine"));
        let rows = part_rows(&pages, Part::All);
        assert_eq!(
            rows.iter().map(|r| r.part).collect::<Vec<_>>(),
            [Part::Tune, Part::Check, Part::All]
        );
        assert_eq!(rows[0].ours.unwrap().f1, 1.0);
        assert_eq!(rows[1].ours.unwrap().f1, 0.0);
        assert_eq!(rows[0].peer.unwrap().f1, 0.0);
        assert_eq!(rows[1].peer.unwrap().f1, 1.0);
        assert_eq!(rows[2].ours.unwrap().pages, 2);
        let only = part_rows(&pages, Part::Check);
        assert_eq!(only.len(), 1);
        assert_eq!(only[0].ours.unwrap().pages, 1);
    }

    #[test]
    fn peer_predictions_read_body_article_body_and_metadata() {
        let dir = tempfile::tempdir().unwrap();
        let lines = dir.path().join("lines.jsonl");
        std::fs::write(
            &lines,
            "{\"id\": \"a\", \"body\": \"B\", \"articleBody\": \"X\", \"published\": \"2020-01-02\"}\n\
             {\"id\": \"b\", \"articleBody\": \"A\", \"title\": \"T\", \"extra\": 1}\n",
        )
        .unwrap();
        let got = load_predictions(&lines).unwrap().unwrap();
        assert_eq!(got["a"].body.as_deref(), Some("B"));
        assert_eq!(got["a"].field("published"), Some("2020-01-02"));
        assert_eq!(got["b"].body.as_deref(), Some("A"));
        assert_eq!(got["b"].field("title"), Some("T"));
        assert_eq!(got["b"].field("author"), None);
        let map = dir.path().join("map.json");
        std::fs::write(&map, r#"{"c": {"body": "C", "author": "Jane Roe"}}"#).unwrap();
        let got = load_predictions(&map).unwrap().unwrap();
        assert_eq!(got["c"].body.as_deref(), Some("C"));
        assert_eq!(got["c"].field("author"), Some("Jane Roe"));
        assert!(
            load_predictions(&dir.path().join("none.jsonl"))
                .unwrap()
                .is_none()
        );
    }

    #[test]
    fn metadata_is_scored_per_part_for_us_and_the_peer() {
        let dated = |id: &str, date: &str| GoldRecord {
            published: Some(date.into()),
            ..gold(id, None)
        };
        let (g1, g2) = (dated("a", "2020-01-02"), dated("b", "2021-03-04"));
        let with_date = |date: &str| PageResult {
            output: Some(EvalOutput {
                published: Some(date.into()),
                ..EvalOutput::default()
            }),
        };
        let (r1, r2) = (with_date("2020-01-02T10:00:00+01:00"), output(""));
        let p1 = PeerPage {
            published: Some("2019-12-31".into()),
            ..PeerPage::default()
        };
        let p2 = PeerPage {
            published: Some("2021-3-4".into()),
            ..PeerPage::default()
        };
        let mut pages = vec![scored(&g1, &r1, false), scored(&g2, &r2, true)];
        pages[0].peer_page = Some(&p1);
        pages[1].peer_page = Some(&p2);
        let rows = meta_part_rows(&pages, Part::All, true);
        let published: Vec<_> = rows
            .iter()
            .filter(|r| r.ours.field == "published")
            .map(|r| {
                (
                    r.part,
                    r.ours.correct,
                    r.ours.total,
                    r.peer.clone().map(|p| p.correct),
                )
            })
            .collect();
        assert_eq!(
            published,
            [(Part::Tune, 1, 1, Some(0)), (Part::Check, 0, 1, Some(1))]
        );
        // A peer that never gives a field has no figure for it (it does not output it).
        assert!(rows.iter().all(|r| r.ours.field == "published"));
        pages[0].peer_page = None;
        pages[1].peer_page = None;
        let rows = meta_part_rows(&pages, Part::All, true);
        assert!(rows.iter().all(|r| r.peer.is_none()));
    }

    #[test]
    fn rejected_pages_score_empty_and_long_ones_are_listed() {
        let long: String = (0..60).map(|i| format!("w{i} ")).collect();
        let g = GoldRecord {
            body: Some(long.clone()),
            ..gold("long", None)
        };
        let r = PageResult {
            output: Some(EvalOutput {
                body: long,
                rejected: Some("quality.min_words".into()),
                ..EvalOutput::default()
            }),
        };
        let report = score_set("s".into(), &[scored(&g, &r, false)], 1);
        assert_eq!(report.body.unwrap().f1, 0.0);
        assert_eq!(report.rejected, 1);
        assert_eq!(report.rejected_long, vec!["long".to_owned()]);
    }

    #[test]
    fn spearman_known_answers() {
        let up = [(1.0, 10.0), (2.0, 20.0), (3.0, 25.0), (4.0, 80.0)];
        assert!((spearman(&up).unwrap() - 1.0).abs() < 1e-12);
        let down: Vec<(f64, f64)> = up.iter().map(|&(a, b)| (a, -b)).collect();
        assert!((spearman(&down).unwrap() + 1.0).abs() < 1e-12);
        // Ties get their average rank: ranks (1.5, 1.5, 3) against (1, 2, 3).
        let tied = [(0.0, 1.0), (0.0, 2.0), (1.0, 3.0)];
        assert!((spearman(&tied).unwrap() - 0.866_025_403_784_438_6).abs() < 1e-12);
        assert_eq!(spearman(&[(1.0, 1.0), (1.0, 2.0), (1.0, 3.0)]), None);
    }

    #[test]
    fn gold_page_types_map_to_ours() {
        assert_eq!(gold_page_type("collection"), "listing");
        assert_eq!(gold_page_type("Forum"), "forum");
        assert_eq!(gold_page_type("recipe"), "other");
    }

    #[test]
    fn meta_comparisons() {
        assert!(meta_match(
            "published",
            "2022-11-1",
            "2022-11-01T10:00:00+01:00"
        ));
        assert!(meta_match("lang", "en-US", "en"));
        assert!(meta_match("author", "B Two; A One", "a one;b two"));
        assert!(meta_match("title", " The  Title. ", "the title"));
        assert!(!meta_match("title", "The Title", "Other"));
    }

    #[test]
    fn floors_violations() {
        let floors: Floors = toml::from_str("[s]\nmin_f1 = 0.9\nmax_leak_rate = 0.1\n").unwrap();
        let report = EvalReport {
            sets: vec![SetReport {
                name: "s".into(),
                pages: 1,
                failed: 0,
                body: None,
                snippets: Some(SnippetScores {
                    hit_rate: 0.9,
                    leak_rate: Some(0.2),
                    page_mean_hit_rate: 0.9,
                    page_mean_leak_rate: None,
                    precision: 0.8,
                    recall: 0.9,
                    f1: 0.85,
                    accuracy: None,
                }),
                meta: vec![],
                worst: vec![],
                check_pages: 0,
                set_pages: 0,
                rejected: 0,
                rejected_long: vec![],
                meta_parts: vec![],
                parts: vec![],
                types: vec![],
                confidence: vec![],
            }],
            part: Part::All,
            peer: None,
            confidence_part: Part::Check,
        };
        let v = report.check_floors(&floors);
        assert_eq!(v.len(), 2);
        assert!(toml::from_str::<Floors>("[s]\nmin_f2 = 1.0\n").is_err());
    }

    #[test]
    fn decode_prefers_valid_utf8_over_stale_declaration() {
        let bytes = "<meta charset=gb2312><p>腾讯网</p>".as_bytes();
        assert!(decode_html(bytes).contains("腾讯网"));
    }

    #[test]
    fn decode_declared_charset() {
        let bytes = b"<meta charset=\"windows-1252\"><p>caf\xe9</p>";
        assert!(decode_html(bytes).contains("café"));
        let bytes = "<p>café</p>".as_bytes();
        assert!(decode_html(bytes).contains("café"));
    }
}
