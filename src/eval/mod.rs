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
#[derive(Debug, Clone, Default, PartialEq, Eq)]
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
}

impl Default for EvalOptions {
    fn default() -> Self {
        Self {
            worst: 10,
            threads: 2,
            predictions_dir: None,
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
    /// Worst pages, lowest F1 first.
    pub worst: Vec<PageScore>,
}

/// Results over all folders.
#[derive(Debug, Clone, PartialEq)]
pub struct EvalReport {
    /// One entry per folder, in argument order.
    pub sets: Vec<SetReport>,
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

impl fmt::Display for EvalReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for s in &self.sets {
            writeln!(
                f,
                "== {} ({} pages, {} without output)",
                s.name, s.pages, s.failed
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
        }
        Ok(())
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

// ---------------------------------------------------------------- evaluation

struct PageResult {
    output: Option<EvalOutput>,
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

/// Runs `extract` over every page of every dataset folder and scores the results.
///
/// # Errors
/// [`EvalError`] when a ground-truth file or page cannot be read or parsed, or when
/// predictions cannot be written.
pub fn evaluate(
    dirs: &[PathBuf],
    extract: &(dyn Fn(&str, Option<&Url>) -> Option<EvalOutput> + Sync),
    opts: &EvalOptions,
) -> Result<EvalReport, EvalError> {
    let mut sets = Vec::new();
    for dir in dirs {
        let gold = read_gold(dir)?;
        let results = run_pages(dir, &gold, extract, opts.threads.max(1))?;
        let name = dir.file_name().map_or_else(
            || dir.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        if let Some(pd) = &opts.predictions_dir {
            write_predictions(&pd.join(format!("{name}.jsonl")), &gold, &results)?;
        }
        sets.push(score_set(name, &gold, &results, opts.worst));
    }
    Ok(EvalReport { sets })
}

fn run_pages(
    dir: &Path,
    gold: &[GoldRecord],
    extract: &(dyn Fn(&str, Option<&Url>) -> Option<EvalOutput> + Sync),
    threads: usize,
) -> Result<Vec<PageResult>, EvalError> {
    let next = AtomicUsize::new(0);
    let slots: Mutex<Vec<Option<Result<PageResult, EvalError>>>> =
        Mutex::new((0..gold.len()).map(|_| None).collect());
    std::thread::scope(|s| {
        for _ in 0..threads {
            s.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= gold.len() {
                        break;
                    }
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
        .map(|r| r.expect("every page index is processed once"))
        .collect()
}

fn write_predictions(
    path: &Path,
    gold: &[GoldRecord],
    results: &[PageResult],
) -> Result<(), EvalError> {
    let mut out = String::new();
    for (g, r) in gold.iter().zip(results) {
        let o = r.output.clone().unwrap_or_default();
        let line = serde_json::to_string(&serde_json::json!({
            "id": g.id,
            "body": o.body,
            "title": o.title,
            "author": o.author,
            "published": o.published,
            "lang": o.lang,
            "site_name": o.site_name,
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

fn score_set(
    name: String,
    gold: &[GoldRecord],
    results: &[PageResult],
    worst_n: usize,
) -> SetReport {
    let failed = results.iter().filter(|r| r.output.is_none()).count();
    let body_of = |r: &PageResult| r.output.as_ref().map_or(String::new(), |o| o.body.clone());

    // Body metric.
    let mut pages: Vec<PageScore> = Vec::new();
    let (mut ps, mut rs, mut f1s, mut exact) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for (g, r) in gold.iter().zip(results) {
        let Some(gb) = &g.body else { continue };
        let pred = body_of(r);
        let (tp, fp, fn_) = shingle_counts(gb, &pred);
        let p = page_precision(tp, fp, fn_);
        let rc = page_recall(tp, fp, fn_);
        if tp + fp > 0.0 {
            ps.push(p);
        }
        if tp + fn_ > 0.0 {
            rs.push(rc);
        }
        f1s.push(f1(p, rc));
        exact.push(if tokens(gb) == tokens(&pred) {
            1.0
        } else {
            0.0
        });
        pages.push(PageScore {
            id: g.id.clone(),
            precision: p,
            recall: rc,
            f1: f1(p, rc),
        });
    }
    let body = (!f1s.is_empty()).then(|| {
        let (p, r) = (mean(&ps), mean(&rs));
        BodyScores {
            precision: p,
            recall: r,
            f1: f1(p, r),
            mean_page_f1: mean(&f1s),
            exact_accuracy: mean(&exact),
        }
    });

    // Snippet metric.
    let (mut tp, mut fp, mut fn_, mut tn) = (0usize, 0usize, 0usize, 0usize);
    let (mut hits, mut leaks) = (Vec::new(), Vec::new());
    let mut snippet_pages = Vec::new();
    for (g, r) in gold.iter().zip(results) {
        let Some(must) = &g.must_contain else {
            continue;
        };
        let pred = norm_ws(&body_of(r));
        let w = must.iter().filter(|s| contains_snippet(&pred, s)).count();
        let wo = g
            .must_not_contain
            .iter()
            .filter(|s| contains_snippet(&pred, s))
            .count();
        tp += w;
        fn_ += must.len() - w;
        fp += wo;
        tn += g.must_not_contain.len() - wo;
        let hit = if must.is_empty() {
            0.0
        } else {
            w as f64 / must.len() as f64
        };
        hits.push(hit);
        let leak = if g.must_not_contain.is_empty() {
            0.0
        } else {
            let l = wo as f64 / g.must_not_contain.len() as f64;
            leaks.push(l);
            l
        };
        snippet_pages.push(PageScore {
            id: g.id.clone(),
            precision: 1.0 - leak,
            recall: hit,
            f1: f1(1.0 - leak, hit),
        });
    }
    let snippets = (!hits.is_empty()).then(|| {
        let p = if tp + fp > 0 {
            tp as f64 / (tp + fp) as f64
        } else {
            0.0
        };
        let r = if tp + fn_ > 0 {
            tp as f64 / (tp + fn_) as f64
        } else {
            0.0
        };
        let all = tp + fp + fn_ + tn;
        SnippetScores {
            hit_rate: r,
            leak_rate: (fp + tn > 0).then(|| fp as f64 / (fp + tn) as f64),
            page_mean_hit_rate: mean(&hits),
            page_mean_leak_rate: (!leaks.is_empty()).then(|| mean(&leaks)),
            precision: p,
            recall: r,
            f1: f1(p, r),
            accuracy: (all > 0).then(|| (tp + tn) as f64 / all as f64),
        }
    });

    // Metadata.
    let mut meta = Vec::new();
    for field in ["title", "author", "published", "lang", "site_name"] {
        let mut fs = FieldScore {
            field,
            correct: 0,
            total: 0,
        };
        for (g, r) in gold.iter().zip(results) {
            let gold_v = match field {
                "title" => g.title.as_deref(),
                "author" => g.author.as_deref(),
                "published" => g.published.as_deref(),
                "lang" => g.lang.as_deref(),
                _ => g.site_name.as_deref(),
            };
            let pred_v = r.output.as_ref().and_then(|o| match field {
                "title" => o.title.as_deref(),
                "author" => o.author.as_deref(),
                "published" => o.published.as_deref(),
                "lang" => o.lang.as_deref(),
                _ => o.site_name.as_deref(),
            });
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
        if fs.total > 0 {
            meta.push(fs);
        }
    }

    let mut worst = if body.is_some() { pages } else { snippet_pages };
    worst.sort_by(|a, b| a.f1.total_cmp(&b.f1).then_with(|| a.id.cmp(&b.id)));
    worst.truncate(worst_n);
    SetReport {
        name,
        pages: gold.len(),
        failed,
        body,
        snippets,
        meta,
        worst,
    }
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

    #[test]
    fn snippet_hit_and_leak() {
        let gold = vec![GoldRecord {
            id: "x".into(),
            url: None,
            body: None,
            must_contain: Some(vec!["quick  brown".into(), "lazy cat".into()]),
            must_not_contain: vec!["jumps".into(), "Cookie".into()],
            title: None,
            author: None,
            published: None,
            lang: None,
            site_name: None,
            meta_annotated: false,
        }];
        let results = vec![PageResult {
            output: Some(EvalOutput {
                body: "The quick\nbrown fox jumps".into(),
                ..EvalOutput::default()
            }),
        }];
        let r = score_set("s".into(), &gold, &results, 5);
        let s = r.snippets.unwrap();
        assert_eq!(s.hit_rate, 0.5);
        assert_eq!(s.leak_rate, Some(0.5));
        assert_eq!(s.precision, 0.5);
        assert_eq!(s.accuracy, Some(0.5));
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
            }],
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
