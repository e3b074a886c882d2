//! Line-level precision and recall of the default filter over the labelled set in
//! `fixtures/filter/` (format in its README), and of the whole pipeline on the same articles
//! rendered as simple HTML pages. Document-level rejection is off: the sets measure line
//! removal only.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use copydesk::article::{Article, Block, BlockKind, Metadata};
use copydesk::filter::{Filter, FilterConfig};
use copydesk::{ContentKind, ExtractConfig, Extractor, Page, Processor};

/// Pinned floors from the issue: raise them when the rules improve, never lower them silently.
const MIN_PRECISION: f64 = 0.98;
const MIN_RECALL: f64 = 0.95;
/// Floors on the blind set, in both modes. Frozen before tuning (see
/// `fixtures/filter-blind/README.md`): precision 0.997 text / 0.943 HTML, recall 0.465 / 0.477.
/// The issue's targets are precision >= 0.99 and recall >= 0.95; recall is not there yet, so
/// the floor is the figure the general cues reach today (0.918 text / 0.927 HTML with the
/// shape-and-place cues of `filter/cues.rs`); with the widget, label-headline, field and credit
/// cues, 0.930 / 0.939 at precision 1.000; with the cues built on all six blind sets,
/// 0.9605 (316/329) / 0.9635 (317/329) at precision 1.000; with the shape cues of
/// `filter/shapes.rs` (issue 15, round 9), 0.9635 (317/329) / 0.9666 (318/329) at precision
/// 1.000 (rounded down below). With the convention vocabularies filled across the web's languages and the literal
/// tables of `filter/buttons.rs` (issue 15, round 10): 0.9635 -> 0.9666 (318/329) text, 0.9666 ->
/// 0.9696 (319/329) HTML, precision 1.000. Round 11 (bios, stamps, forum boxes, closing notes
/// and related labels in more languages): unchanged, precision 1.000.
const BLIND1_FLOORS: [(&str, f64, f64); 2] = [("text", 1.0, 0.966), ("html", 1.0, 0.969)];

struct Case {
    name: String,
    host: Option<String>,
    article: Article,
    /// Per block: true when labelled boilerplate.
    boilerplate: Vec<bool>,
    /// Per block: a credit (from a `# trim:` line) to be cut from this caption.
    trim: Vec<Option<String>>,
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
    let mut trim = Vec::new();
    let mut pending_trim = None;
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        if let Some(header) = line.strip_prefix('#') {
            if let Some((key, value)) = header.split_once(':') {
                match key.trim() {
                    "host" => host = Some(value.trim().to_owned()),
                    "title" => meta.title = Some(value.trim().to_owned()),
                    "trim" => pending_trim = Some(value.trim().to_owned()),
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
        // A bracket that is not a block-kind tag is the line's own text (a share bar's
        // "[Tweeter] [J'aime]").
        let (kind, body) = match rest
            .strip_prefix('[')
            .and_then(|r| r.split_once("] "))
            .and_then(|(tag, body)| Some((parse_kind(tag)?, body)))
        {
            Some((kind, body)) => (kind, body),
            None => (BlockKind::Paragraph, rest),
        };
        if let Some(credit) = &pending_trim {
            assert!(
                body.contains(credit.as_str()),
                "{name}:{}: no {credit:?}",
                n + 1
            );
        }
        blocks.push(Block::new(kind, body));
        boilerplate.push(is_boilerplate);
        trim.push(pending_trim.take());
    }
    Case {
        name,
        host,
        article: Article { meta, blocks },
        boilerplate,
        trim,
    }
}

fn cases(set: &str) -> Vec<Case> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(set);
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    paths.iter().map(|p| load(p)).collect()
}

/// The default line filter, with or without `learned_boilerplate`.
fn line_filter_with(learned: bool) -> Filter {
    let mut c = FilterConfig::default();
    c.builtin.learned = learned;
    c.quality.min_words = 0;
    c.quality.max_non_alpha_share = 1.0;
    c.quality.javascript_page = false;
    c.build(Path::new(".")).unwrap()
}

/// Story units kept and boilerplate units removed, with a listing of the misses.
#[derive(Default)]
struct Score {
    story: usize,
    story_kept: usize,
    boilerplate: usize,
    boilerplate_removed: usize,
    report: String,
}

impl Score {
    fn precision(&self) -> f64 {
        self.story_kept as f64 / self.story.max(1) as f64
    }
    fn recall(&self) -> f64 {
        self.boilerplate_removed as f64 / self.boilerplate.max(1) as f64
    }
    /// Counts one block: `kept` says whether its story text is still there, `credit_gone`
    /// (for a `# trim:` caption) whether its credit was cut.
    fn count(&mut self, case: &Case, i: usize, kept: bool, credit_gone: Option<bool>) {
        let text = &case.article.blocks[i].text;
        let name = &case.name;
        if case.boilerplate[i] {
            self.boilerplate += 1;
            if kept {
                let _ = writeln!(self.report, "MISSED         {name} {text}");
            } else {
                self.boilerplate_removed += 1;
            }
            return;
        }
        self.story += 1;
        if kept {
            self.story_kept += 1;
        } else {
            let _ = writeln!(self.report, "FALSE POSITIVE {name} {text}");
        }
        if let Some(gone) = credit_gone {
            self.boilerplate += 1;
            if gone {
                self.boilerplate_removed += 1;
            } else {
                let _ = writeln!(self.report, "UNTRIMMED      {name} {text}");
            }
        }
    }

    fn summary(&self, what: &str) -> String {
        format!(
            "{what}: precision {:.4} ({}/{}), recall {:.4} ({}/{})",
            self.precision(),
            self.story_kept,
            self.story,
            self.recall(),
            self.boilerplate_removed,
            self.boilerplate
        )
    }
}

/// Text mode: the labelled blocks, with their kinds, straight into the filter stage.
fn score_text(set: &str) -> Score {
    score_text_with(set, true)
}

fn score_text_with(set: &str, learned: bool) -> Score {
    let filter = line_filter_with(learned);
    let mut score = Score::default();
    for case in cases(set) {
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
        let mut dropped = vec![false; case.boilerplate.len()];
        let mut trimmed: Vec<Option<String>> = vec![None; case.boilerplate.len()];
        for r in &result.removed {
            if r.trimmed {
                trimmed[r.index] = Some(r.text.clone());
            } else {
                dropped[r.index] = true;
            }
        }
        for i in 0..case.boilerplate.len() {
            let credit_gone = case.trim[i].as_ref().map(|credit| {
                trimmed[i]
                    .as_ref()
                    .is_some_and(|cut| cut.contains(credit.as_str()))
            });
            score.count(&case, i, !dropped[i], credit_gone);
        }
    }
    score
}

/// The article as a simple HTML page: headline in `<h1>`, blocks as `<p>`, `<h2>`,
/// `<figure><figcaption>`, `<li>` (in a `<ul>`), `<blockquote>` inside `<article>`.
fn to_html(case: &Case) -> String {
    let esc = |t: &str| {
        t.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    };
    let title = case.article.meta.title.as_deref().unwrap_or("Untitled");
    let mut html = format!(
        "<!doctype html><html><head><meta charset=utf-8><title>{}</title></head><body><article><h1>{}</h1>\n",
        esc(title),
        esc(title)
    );
    let mut in_list = false;
    for b in &case.article.blocks {
        let is_item = b.kind == BlockKind::ListItem;
        if is_item && !in_list {
            html.push_str("<ul>");
        } else if !is_item && in_list {
            html.push_str("</ul>\n");
        }
        in_list = is_item;
        let t = esc(&b.text);
        let _ = match b.kind {
            BlockKind::Heading(l) => writeln!(html, "<h{l}>{t}</h{l}>"),
            BlockKind::ListItem => write!(html, "<li>{t}</li>"),
            BlockKind::Quote => writeln!(html, "<blockquote><p>{t}</p></blockquote>"),
            BlockKind::Caption => writeln!(html, "<figure><figcaption>{t}</figcaption></figure>"),
            BlockKind::Code => writeln!(html, "<pre>{t}</pre>"),
            BlockKind::TableRow => writeln!(
                html,
                "<table><tr><td>{}</td></tr></table>",
                t.replace(" | ", "</td><td>")
            ),
            BlockKind::Paragraph => writeln!(html, "<p>{t}</p>"),
        };
    }
    if in_list {
        html.push_str("</ul>");
    }
    html.push_str("</article></body></html>");
    html
}

fn processor() -> Processor {
    processor_with(true)
}

fn processor_with(learned: bool) -> Processor {
    Processor::new(
        Extractor::new(ExtractConfig::default()),
        line_filter_with(learned),
        false,
        true,
    )
}

fn collapse(t: &str) -> String {
    t.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether `text` is among the kept blocks: equal to one, or (for four words or more) inside
/// one, since the pipeline may join lines.
fn is_kept(kept: &[String], text: &str) -> bool {
    let t = collapse(text);
    kept.iter()
        .any(|k| *k == t || (t.split(' ').count() >= 4 && k.contains(&t)))
}

/// HTML mode: each article rendered by [`to_html`] through extraction, normalisation and
/// the filter stage; a block counts as kept when its text is still in the output.
fn score_html(set: &str) -> Score {
    score_html_with(set, true)
}

fn score_html_with(set: &str, learned: bool) -> Score {
    let processor = processor_with(learned);
    let mut score = Score::default();
    for case in cases(set) {
        let page = Page {
            seq: 0,
            source: case.name.clone(),
            url: case
                .host
                .as_deref()
                .map(|h| url::Url::parse(&format!("https://{h}/article")).unwrap()),
            kind: ContentKind::Html,
            text: to_html(&case),
        };
        let explained = processor
            .explain_all(&page)
            .unwrap_or_else(|e| panic!("{}: {e}", case.name));
        let kept: Vec<String> = explained
            .article
            .blocks
            .iter()
            .flat_map(|b| b.text.split('\n').map(collapse).collect::<Vec<_>>())
            .collect();
        for i in 0..case.boilerplate.len() {
            let text = &case.article.blocks[i].text;
            match &case.trim[i] {
                Some(credit) => {
                    let caption = text.replace(credit.as_str(), "");
                    let caption = caption
                        .trim_end_matches(|c: char| c.is_whitespace() || ",;|/–—-(".contains(c));
                    let story_kept = is_kept(&kept, caption);
                    let gone = !kept.iter().any(|k| k.contains(&collapse(credit)));
                    score.count(&case, i, story_kept, Some(gone));
                }
                None => score.count(&case, i, is_kept(&kept, text), None),
            }
        }
    }
    score
}

#[test]
fn labelled_set_precision_and_recall() {
    assert!(cases("filter").len() >= 40, "too few labelled articles");
    let text = score_text("filter");
    let html = score_html("filter");
    eprint!("{}{}", text.report, html.report);
    eprintln!("{}", text.summary("labelled set, text"));
    eprintln!("{}", html.summary("labelled set, html"));
    print_without_learned("filter");
    for (mode, s) in [("text", &text), ("html", &html)] {
        assert!(
            s.precision() >= MIN_PRECISION,
            "{mode}: precision {:.4} < {MIN_PRECISION}",
            s.precision()
        );
        assert!(
            s.recall() >= MIN_RECALL,
            "{mode}: recall {:.4} < {MIN_RECALL}",
            s.recall()
        );
    }
}

/// Issue 15: story sentences that resemble boilerplate (a quotation naming an agency, "support
/// our proposal", "sign up for the lottery", "first reported by", a Spanish quotation opening
/// with a word related-link labels use) survive the whole pipeline, as text and as HTML.
#[test]
fn issue_15_story_sentences_survive_text_and_html() {
    let story = [
        "'We will not wait another winter,' the mayor told AFP.",
        "Several fishermen said they would support our proposal to extend the quay.",
        "Residents can sign up for the lottery for berths at the town hall.",
        "The plan was first reported by Reuters.",
        "«Más barcos y menos promesas», resumió el presidente de la cofradía.",
        "—Más vale tarde que nunca —dijo la alcaldesa al salir del pleno.",
        "Más de 300 familias viven de la pesca en el puerto, según la cofradía.",
    ];
    let filler = "The harbour board met on Monday to discuss the state of the old quay, which storms damaged twice last year.";
    let processor = processor();
    let mut text_page = format!("Harbour board backs quay plan\n\n{filler}\n\n");
    let mut html_page = format!(
        "<html><head><title>Harbour board backs quay plan</title></head><body><article><h1>Harbour board backs quay plan</h1><p>{filler}</p>"
    );
    for s in story {
        text_page.push_str(&format!("{s}\n\n{filler}\n\n"));
        html_page.push_str(&format!("<p>{s}</p><p>{filler}</p>"));
    }
    html_page.push_str("</article></body></html>");
    for (kind, body) in [
        (ContentKind::Text, text_page),
        (ContentKind::Html, html_page),
    ] {
        let page = Page {
            seq: 0,
            source: "issue-15".into(),
            url: None,
            kind,
            text: body,
        };
        let record = processor.process(&page).unwrap();
        for s in story {
            assert!(
                record.text.contains(s),
                "{kind:?}: lost {s:?}; removed {:?}",
                record.removed
            );
        }
    }
}

/// The blind set (`fixtures/filter-blind/`, 48 articles in eight languages, written by someone
/// who had read none of the rules; see its README): figures first measured before any tuning
/// and frozen there, then required here.
#[test]
fn blind_set_precision_and_recall() {
    check_blind_set("filter-blind", "blind set", BLIND1_FLOORS);
}

/// Scores a blind set in text and HTML mode, prints its report and its figures with and
/// without the line model, and requires its floors (mode, precision, recall).
fn check_blind_set(set: &str, label: &str, floors: [(&str, f64, f64); 2]) {
    assert_eq!(cases(set).len(), 48);
    let text = score_text(set);
    let html = score_html(set);
    eprint!("{}{}", text.report, html.report);
    eprintln!("{}", text.summary(&format!("{label}, text")));
    eprintln!("{}", html.summary(&format!("{label}, html")));
    print_without_learned(set);
    for ((mode, min_p, min_r), s) in floors.into_iter().zip([&text, &html]) {
        assert!(
            s.precision() >= min_p,
            "{set} {mode}: precision {:.4} < {min_p}",
            s.precision()
        );
        assert!(
            s.recall() >= min_r,
            "{set} {mode}: recall {:.4} < {min_r}",
            s.recall()
        );
    }
}

/// Prints a set's figures without `learned_boilerplate` (the rules alone), for comparison with
/// the figures the tests above require.
fn print_without_learned(set: &str) {
    for (mode, s) in [
        ("text", score_text_with(set, false)),
        ("html", score_html_with(set, false)),
    ] {
        eprintln!("{}", s.summary(&format!("{set}, {mode}, rules alone")));
    }
}

/// Floors on the second blind set (`fixtures/filter-blind-2/`, 48 articles, written by someone
/// who had read neither the rules nor the first blind set; see its README), at the figures
/// first measured on it, never tuned on it. Rules alone: precision 1.000 text / 1.000 HTML,
/// recall 0.529 (184/348) / 0.534 (186/348); with `learned_boilerplate`: precision 1.000 / 1.000,
/// recall 0.537 (187/348) / 0.543 (189/348). The set was then opened for development: with the
/// shape-and-place cues of `filter/cues.rs`, precision 1.000 / 1.000, recall 0.891 (310/348) /
/// 0.894 (311/348); with the widget, label-headline, field and credit cues (written against
/// the third blind set), 0.9195 (320/348) / 0.9224 (321/348); with the cues built on the
/// fourth blind set, 0.9224 (321/348) / 0.9253 (322/348); with the cues built on all six blind
/// sets, 0.9511 (331/348) / 0.9540 (332/348); with the cues of issue 15's shapes across the
/// seven sets and the languages of real pages (closing notes, credits, counters, offers and
/// votes in more languages), 0.9569 (333/348) / 0.9598 (334/348); with the shape cues of
/// `filter/shapes.rs` (round 9), 0.9598 (334/348) / 0.9626 (335/348). The floors are the
/// latter, rounded down.
const BLIND2_FLOORS: [(&str, f64, f64); 2] = [("text", 1.0, 0.959), ("html", 1.0, 0.962)];

#[test]
fn second_blind_set_precision_and_recall() {
    check_blind_set("filter-blind-2", "blind set 2", BLIND2_FLOORS);
}

/// Floors on the third blind set (`fixtures/filter-blind-3/`, 48 articles in ten languages,
/// written by someone who had read neither the rules nor the earlier blind sets; see its
/// README), frozen before it was first run and never tuned on. First measured on main at
/// 9d1daf1: precision 1.000 text / 1.000 HTML, recall 0.533 (177/332) / 0.539 (179/332). With
/// the shape-and-place cues of `filter::cues` (written against the first two blind sets only):
/// precision 0.9933 (297/299) in both modes, two story lines lost (a sentence opening with an
/// imperative and "you", a story sentence about a paid subscription), recall 0.6988 (232/332) /
/// 0.7048 (234/332). The set was then opened for development: with the widget,
/// label-headline, field and credit cues, the wider closing notes and the guards that spare
/// those two story lines, the article-self publication note anywhere, credit-only captions
/// judged first and button counters, precision 1.000 (299/299) in both modes, recall 0.8916
/// (296/332) / 0.8976 (298/332); with the cues built on the fourth blind set, 0.8946
/// (297/332) / 0.9006 (299/332); with the cues built on all six blind sets, 0.9247 (307/332) /
/// 0.9277 (308/332); with the cues built on all seven, 0.9337 (310/332) / 0.9367 (311/332).
/// The floors are the latter, rounded down. With the convention vocabularies filled across the web's languages and the literal
/// tables of `filter/buttons.rs` (issue 15, round 10): 0.9337 -> 0.9398 (312/332) text,
/// 0.9367 -> 0.9428 (313/332) HTML, precision 1.000. Round 11: unchanged, precision 1.000.
const BLIND3_FLOORS: [(&str, f64, f64); 2] = [("text", 1.0, 0.939), ("html", 1.0, 0.942)];

#[test]
fn third_blind_set_precision_and_recall() {
    check_blind_set("filter-blind-3", "blind set 3", BLIND3_FLOORS);
}

/// Floors on the fourth blind set (`fixtures/filter-blind-4/`, 48 articles in thirteen
/// languages, written by someone given only the categories, who opened neither the rules nor
/// the earlier blind sets; see its README). Frozen (sha256 of every file) before it was first
/// run. Measured once on main at eb9fb93 (the filter of the third set's cues): precision
/// 0.9827 (284/289) in both modes, recall 0.6466 (183/283) text / 0.6502 (184/283) HTML. Then
/// measured once after the cues built on the third set (`widget_line`, `label_headline`,
/// `field_line`, `credit_line`), never tuned on: precision 0.9827 in both modes (five story
/// lines lost: two public-service sign-ups with "free", a free guided session, an interview's
/// "Q:" line, a recipe ingredient), recall 0.7138 (202/283) / 0.7173 (203/283). The set was
/// then opened for development: with the guards for those five lines (a public body's service,
/// "free" close to the imperative, a speaker's turn, a measured list item) and the cues built
/// on its misses (tip lines, paywall cuts, sign-ups promising delivery, role-first bios,
/// disclaimers, moderation and reuse notes, provenance credits, pointer lines, publication
/// notes in more verbs and compounds), precision 1.000 (289/289) in both modes, recall 0.8728
/// (247/283) / 0.8763 (248/283). The floors are those figures, rounded down, still below the
/// issue's recall bar of 0.95.
/// With the cues built on all six blind sets: precision 1.000, recall 0.9329 (264/283) in both
/// modes; with the cues built on all seven, 0.9364 (265/283); with round 11's forum edit
/// stamps (issue 15), 0.9364 -> 0.9399 (266/283) in both modes, precision 1.000; the floors
/// below.
const BLIND4_FLOORS: [(&str, f64, f64); 2] = [("text", 1.0, 0.939), ("html", 1.0, 0.939)];

#[test]
fn fourth_blind_set_precision_and_recall() {
    check_blind_set("filter-blind-4", "blind set 4", BLIND4_FLOORS);
}

/// Floors on the fifth blind set (`fixtures/filter-blind-5/`, 48 articles in thirteen
/// languages, written by someone given only the categories, who opened neither the rules nor
/// the earlier blind sets; see its README). Frozen (sha256 of every file in its SHA256SUMS)
/// before it was first run; the cues of this round were written without access to it.
/// Measured once on main at 6c94d86: precision 1.000 (275/275) in both modes, recall 0.7256
/// (230/317) in both modes. Measured once after the cues built on the fourth set and the
/// extraction changes of the same round, never tuned on: precision 1.000 in both modes,
/// recall 0.7445 (236/317) in both modes. The floors are those figures, below the issue's bar
/// of 0.95 recall. The set was then opened for development (cues built on all six blind sets):
/// precision 1.000, recall 0.8991 (285/317) in both modes; with the cues built on all seven,
/// 0.9243 (293/317) in both modes; the floors are those figures rounded down. With the convention vocabularies filled across the web's languages and the literal
/// tables of `filter/buttons.rs` (issue 15, round 10): 0.9243 -> 0.9401 (298/317) in both
/// modes, precision 1.000.
const BLIND5_FLOORS: [(&str, f64, f64); 2] = [("text", 1.0, 0.940), ("html", 1.0, 0.940)];

#[test]
fn fifth_blind_set_precision_and_recall() {
    check_blind_set("filter-blind-5", "blind set 5", BLIND5_FLOORS);
}

/// Floors on the sixth blind set (`fixtures/filter-blind-6/`, 48 articles in fourteen
/// languages, written by someone given only the categories, who opened neither the rules nor
/// the earlier blind sets; see its README). Frozen (sha256 of every file in its SHA256SUMS)
/// before it was first run; nothing was tuned on it. Measured on main at 72fb3d5: precision
/// 1.000 (290/290) in both modes, recall 0.7548 (237/314) text / 0.7580 (238/314) HTML; the
/// same after the round's extraction, speed and guard merges. A second line model trained on
/// blind sets 1-4 (not merged) raised recall to 0.7707 / 0.7739 and removed one plain story
/// sentence (precision 0.9966). The floors are the merged figures rounded down, below the
/// issue's recall bar of 0.95. The set was then opened for development (cues built on all six
/// blind sets): precision 1.000, recall 0.9204 (289/314) / 0.9236 (290/314); with the cues
/// built on all seven, 0.9363 (294/314) / 0.9395 (295/314); the floors are those figures
/// rounded down. With the convention vocabularies filled across the web's languages and the literal
/// tables of `filter/buttons.rs` (issue 15, round 10): 0.9363 -> 0.9427 (296/314) text, 0.9395 ->
/// 0.9459 (297/314) HTML, precision 1.000.
const BLIND6_FLOORS: [(&str, f64, f64); 2] = [("text", 1.0, 0.942), ("html", 1.0, 0.945)];

#[test]
fn sixth_blind_set_precision_and_recall() {
    check_blind_set("filter-blind-6", "blind set 6", BLIND6_FLOORS);
}

/// Floors on the seventh blind set (`fixtures/filter-blind-7/`, 48 articles in fourteen
/// languages, written by someone given only the categories, who opened neither the rules nor
/// the earlier blind sets; see its README). Frozen (sha256 of every file in its SHA256SUMS)
/// before it was first run. Measured on main at 0cdc758, before this round's cues: precision
/// 0.9968 (309/310), recall 0.7563 (239/316) text / 0.7595 (240/316) HTML; measured again
/// after the cues built on blind sets 1-6, never tuned on it: precision 0.9968, recall 0.8133
/// (257/316) in both modes. The one story line lost both times was a pitch rule's match on
/// reported speech ("..., someone suggested at the meeting, ..."); pitch rules now leave
/// lines that report speech, a fix made after seeing that line. The floors are the figures
/// after it, below the issue's recall bar of 0.95. The set was then opened for development
/// (issue 15's shapes across the seven sets: closing notes, credits, counters, offers, votes
/// and publication notes in more languages): precision 1.000, recall 0.9335 (295/316) in both
/// modes; with the shape cues of `filter/shapes.rs` (round 9), 0.9430 (298/316). The floors
/// are those figures rounded down. With the convention vocabularies filled across the web's languages and the literal
/// tables of `filter/buttons.rs` (issue 15, round 10): 0.9430 -> 0.9494 (300/316) in both
/// modes, precision 1.000. With round 11's writer bios (under the byline too, and with an
/// appositive): 0.9494 -> 0.9557 (302/316) in both modes, precision 1.000.
const BLIND7_FLOORS: [(&str, f64, f64); 2] = [("text", 1.0, 0.955), ("html", 1.0, 0.955)];

#[test]
fn seventh_blind_set_precision_and_recall() {
    check_blind_set("filter-blind-7", "blind set 7", BLIND7_FLOORS);
}

/// Floors on the eighth blind set (`fixtures/filter-blind-8/`, 48 articles in fourteen
/// languages, among them four the rules had no set in before: ro, hu, ca, hr; written by
/// someone given only the categories, who opened neither the rules nor the earlier sets; see
/// its README). Frozen (sha256 of every file in its SHA256SUMS) before it was first run.
/// Measured on main at 69b61cc, before this round's cues: precision 0.9969 (318/319), recall
/// 0.7583 (251/331) text / 0.7613 (252/331) HTML; measured again after the cues built on blind
/// sets 1-7 (d8d2b8d), never tuned on it: precision 0.9969, recall 0.7855 (260/331) /
/// 0.7885 (261/331). The story line lost both times is `learned_boilerplate`'s (an imperative
/// piece of advice in a Q&A answer, "Scrivete al vicino una lettera raccomandata ...").
/// The cues that lifted blind set 7 from 0.81 to 0.93 moved this unseen set by nine lines.
/// Then opened for development (round 9): the shape cues of `filter/shapes.rs` (counters with
/// an invitation, feedback votes, dash teasers, post headers, dated headers, tag lists,
/// bracketed credits, priced offers, about-notes and writer bios) and guards on
/// `reader_prompt` (a lone question needs a convention noun) and on `learned_boilerplate`
/// (advice in the story's own topic is story): precision 0.9969 -> 1.000, recall 0.7855 ->
/// 0.8489 (281/331) text, 0.7885 -> 0.8520 (282/331) HTML; with feed links, 0.8580 (284/331)
/// / 0.8610 (285/331). Floors rounded down below. With the convention vocabularies filled across the web's languages and the literal
/// tables of `filter/buttons.rs` (issue 15, round 10): 0.8580 -> 0.9456 (313/331) text, 0.8610 ->
/// 0.9486 (314/331) HTML, precision 1.000. With round 11's conventions (writer bios whose
/// byline follows a disclosure, forum "who is online" boxes): 0.9456 -> 0.9517 (315/331)
/// text, 0.9486 -> 0.9547 (316/331) HTML, precision 1.000.
const BLIND8_FLOORS: [(&str, f64, f64); 2] = [("text", 1.0, 0.951), ("html", 1.0, 0.954)];

#[test]
fn eighth_blind_set_precision_and_recall() {
    check_blind_set("filter-blind-8", "blind set 8", BLIND8_FLOORS);
}

/// Floors on the ninth blind set (`fixtures/filter-blind-9/`, 48 articles in fifteen
/// languages, among them nb, fi, cs and tr; written by someone given only the categories, who
/// opened neither the rules nor the earlier sets; see its README). Frozen (sha256 of every file
/// in its SHA256SUMS) before it was first run. Measured on main at 67b409f, before this round's
/// work: precision 0.9964 (273/274), recall 0.7891 (247/313) text / 0.7923 (248/313) HTML;
/// measured again after the shape cues built on blind sets 1-8 (merge of `frec9`), never tuned
/// on it: precision 0.9964, recall 0.8019 (251/313) / 0.8051 (252/313). The story line lost
/// both times is `reader_prompt`'s ("Sigue siendo, sin embargo, ...": the verb that asks a
/// reader to follow an account also means "it remains"). After that measurement, a guard read
/// from that line (a verb followed by the gerund of "be" or "have" states how things remain,
/// `cues::AUXILIARY_GERUNDS`) keeps it: precision 1.000, recall unchanged. The floors are
/// those figures. Then opened for development (round 10): most of its missed lines were
/// convention words in languages the cues were thin in (publication notes in ro ca pl cs hu,
/// share verbs, subscription and membership pitches without a price in hu hr da cs tr,
/// credit labels, forum widgets); with each convention's vocabulary filled across the web's
/// languages (`filter/cues.rs`) and the literal tables of `filter/buttons.rs`: recall 0.8019
/// -> 0.9265 (290/313) text, 0.8051 -> 0.9297 (291/313) HTML, precision 1.000. Floors
/// rounded down below. With round 11's conventions (related labels, create-an-account and
/// saved-search pitches, "Zarejestruj się" sign-ups): 0.9265 -> 0.9361 (293/313) text, 0.9297
/// -> 0.9393 (294/313) HTML, precision 1.000.
const BLIND9_FLOORS: [(&str, f64, f64); 2] = [("text", 1.0, 0.936), ("html", 1.0, 0.939)];

#[test]
fn ninth_blind_set_precision_and_recall() {
    check_blind_set("filter-blind-9", "blind set 9", BLIND9_FLOORS);
}

/// Floors on the tenth blind set (`fixtures/filter-blind-10/`, 48 articles in fifteen
/// languages, da, ro and hr for the first time; written by someone given only the categories,
/// who opened neither the rules nor the earlier sets; see its README). Frozen (sha256 of every
/// file in its SHA256SUMS) before it was first run. Measured on main at a15222b, before round
/// 10's work: precision 1.000 (276/276), recall 0.7774 (227/292) in text and HTML mode; measured
/// again after round 10's vocabularies (merge of `frec10`, bfdd6e2), never tuned on it:
/// precision 1.000, recall 0.8185 (239/292) in both modes. Then opened for development
/// (round 11, issue 15): its misses by convention were writer bios at the tail (a first name
/// the byline gives in full, a full name with an appositive), forum furniture ("who is
/// online" boxes, edit stamps), page stamps, read-aloud, forward and tweet buttons, related
/// labels ("Billets similaires :", "Otras consultas:", "Předchozí výlet:"), closing notes
/// (an advertiser answering for its ad, an imprint's "Verantwortlich:", the press code
/// followed, pictures released for editorial use, a blog's host, agencies need not apply,
/// times may change, affiliate links in Czech) and membership, no-ads and create-an-account
/// pitches. With those conventions in the web's languages (`filter/bios.rs`,
/// `filter/buttons.rs`, `filter/cues.rs`): recall 0.8185 -> 0.9486 (277/292) in both modes,
/// precision 1.000. Floors rounded down below.
const BLIND10_FLOORS: [(&str, f64, f64); 2] = [("text", 1.0, 0.948), ("html", 1.0, 0.948)];

#[test]
fn tenth_blind_set_precision_and_recall() {
    check_blind_set("filter-blind-10", "blind set 10", BLIND10_FLOORS);
}

/// Floors on the eleventh blind set (`fixtures/filter-blind-11/`, 48 articles in fifteen
/// languages, nb, fi, sk, sl, ca and el (Greek) among them; written by someone given only the
/// categories, who opened neither the rules nor the earlier sets; see its README). Frozen (sha256
/// of every file in its SHA256SUMS) before it was first run. Measured on main at cf02d8f, before
/// round 11's work: precision 0.9929 (280/282), recall 0.7907 (238/301) in text and HTML mode;
/// measured again after round 11's merges (6a7705c), never tuned on it: precision 0.9929,
/// recall 0.8073 (243/301) in both modes. Two story lines are lost in both measurements: a club
/// newsletter's "the membership fee stays at 5 euros a month" and a forum reply's "join the
/// community garden ... they teach this for free". The floors are the second measurement.
const BLIND11_FLOORS: [(&str, f64, f64); 2] = [("text", 0.992, 0.807), ("html", 0.992, 0.807)];

#[test]
fn eleventh_blind_set_precision_and_recall() {
    check_blind_set("filter-blind-11", "blind set 11", BLIND11_FLOORS);
}
