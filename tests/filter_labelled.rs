//! Line-level precision and recall of the default filter over the labelled set in
//! `fixtures/filter/` (format in its README). Document-level rejection is off: the set measures
//! line removal only.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use copydesk::article::{Article, Block, BlockKind, Metadata};
use copydesk::filter::{Filter, FilterConfig};

/// Pinned floors from the issue: raise them when the rules improve, never lower them silently.
const MIN_PRECISION: f64 = 0.98;
const MIN_RECALL: f64 = 0.95;

struct Case {
    name: String,
    host: Option<String>,
    article: Article,
    /// Per block: true when labelled boilerplate.
    boilerplate: Vec<bool>,
}

fn parse_kind(tag: &str) -> Option<BlockKind> {
    Some(match tag {
        "li" => BlockKind::ListItem,
        "quote" => BlockKind::Quote,
        "code" => BlockKind::Code,
        "tr" => BlockKind::TableRow,
        "caption" => BlockKind::Caption,
        h if h.len() == 2 && h.starts_with('h') => {
            BlockKind::Heading(h[1..].parse().ok().filter(|l| (1..=6).contains(l))?)
        }
        _ => return None,
    })
}

fn load(path: &Path) -> Case {
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    let text = std::fs::read_to_string(path).unwrap();
    let mut host = None;
    let mut meta = Metadata::default();
    let mut blocks = Vec::new();
    let mut boilerplate = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        if let Some(header) = line.strip_prefix('#') {
            if let Some((key, value)) = header.split_once(':') {
                match key.trim() {
                    "host" => host = Some(value.trim().to_owned()),
                    "title" => meta.title = Some(value.trim().to_owned()),
                    _ => {}
                }
            }
            continue;
        }
        let (is_boilerplate, rest) = match line.split_at_checked(2) {
            Some(("- ", rest)) => (true, rest),
            Some(("+ ", rest)) => (false, rest),
            _ => panic!("{name}:{}: line must start with '+ ', '- ' or '#'", n + 1),
        };
        let (kind, body) = match rest.strip_prefix('[').and_then(|r| r.split_once("] ")) {
            Some((tag, body)) => (
                parse_kind(tag).unwrap_or_else(|| panic!("{name}:{}: unknown tag [{tag}]", n + 1)),
                body,
            ),
            None => (BlockKind::Paragraph, rest),
        };
        blocks.push(Block::new(kind, body));
        boilerplate.push(is_boilerplate);
    }
    Case {
        name,
        host,
        article: Article { meta, blocks },
        boilerplate,
    }
}

fn cases() -> Vec<Case> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/filter");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    paths.iter().map(|p| load(p)).collect()
}

fn line_filter() -> Filter {
    let mut c = FilterConfig::default();
    c.quality.min_words = 0;
    c.quality.max_non_alpha_share = 1.0;
    c.quality.javascript_page = false;
    c.build(Path::new(".")).unwrap()
}

#[test]
fn labelled_set_precision_and_recall() {
    let filter = line_filter();
    let cases = cases();
    assert!(cases.len() >= 40, "only {} labelled articles", cases.len());
    let (mut tp, mut fp, mut missed) = (0usize, 0usize, 0usize);
    let mut report = String::new();
    for case in cases {
        let mut article = case.article.clone();
        let result = filter
            .apply(&mut article, case.host.as_deref())
            .unwrap_or_else(|e| panic!("{}: rejected: {e}", case.name));
        // idempotence on realistic input: a second pass removes nothing
        let mut again = article.clone();
        let second = filter.apply(&mut again, case.host.as_deref()).unwrap();
        assert!(
            second.removed.is_empty(),
            "{}: second pass removed {:?}",
            case.name,
            second.removed
        );
        let mut removed_rule = vec![None; case.boilerplate.len()];
        for r in &result.removed {
            removed_rule[r.index] = Some(r.rule.to_string());
        }
        for (i, &is_boilerplate) in case.boilerplate.iter().enumerate() {
            let text = &case.article.blocks[i].text;
            match (&removed_rule[i], is_boilerplate) {
                (Some(_), true) => tp += 1,
                (Some(rule), false) => {
                    fp += 1;
                    let _ = writeln!(report, "FALSE POSITIVE {} [{rule}] {text}", case.name);
                }
                (None, true) => {
                    missed += 1;
                    let _ = writeln!(report, "MISSED         {} {text}", case.name);
                }
                (None, false) => {}
            }
        }
    }
    let precision = tp as f64 / (tp + fp).max(1) as f64;
    let recall = tp as f64 / (tp + missed).max(1) as f64;
    eprint!("{report}");
    eprintln!(
        "labelled set: precision {precision:.4} ({tp}/{}), recall {recall:.4} ({tp}/{})",
        tp + fp,
        tp + missed
    );
    assert!(
        precision >= MIN_PRECISION,
        "precision {precision:.4} < {MIN_PRECISION}"
    );
    assert!(recall >= MIN_RECALL, "recall {recall:.4} < {MIN_RECALL}");
}
