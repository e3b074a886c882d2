//! The inspection report (`copydesk report`, `copydesk eval --report`): one self-contained
//! HTML file that shows, for each page, its metadata and every piece of its text in page
//! order, marked by what happened to it: kept, dropped by the extractor (with the markup
//! reason) or removed by the filter stage (with the rule).
//!
//! [`ReportPage::explained`] shapes a [`crate::process::Explanation`] into blocks; [`render`]
//! writes the HTML. Both are pure. The file has inline CSS and nothing else: no scripts, no
//! fonts, images or style sheets from elsewhere, so it opens offline and can be mailed.
//! Every block element carries `data-fate="kept|extract|filter"`, and removed ones
//! `data-rule` (the rule or reason), so that tests and scripts can read the report.

use std::fmt::Write as _;

use crate::article::{Block, BlockKind};
use crate::process::Explanation;

/// What happened to a piece of page text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fate {
    /// In the record.
    Kept,
    /// Left out by the extractor, for a markup reason.
    Extract {
        /// Why (`link-dense box`, `furniture tag`, `outside the article container`, ...).
        reason: String,
        /// The element it came from, as a short start tag (`<aside class=related>`).
        element: String,
    },
    /// Removed by a filter rule.
    Filter {
        /// The rule's name (`photo_credit`, `share_prompt`, a user rule's name, ...).
        rule: String,
    },
}

impl Fate {
    /// The `data-fate` value: `kept`, `extract` or `filter`.
    pub fn name(&self) -> &'static str {
        match self {
            Self::Kept => "kept",
            Self::Extract { .. } => "extract",
            Self::Filter { .. } => "filter",
        }
    }
}

/// One piece of page text and its fate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportBlock {
    /// What happened to it.
    pub fate: Fate,
    /// Its kind, for the layout (text the extractor dropped shows as a paragraph).
    pub kind: BlockKind,
    /// The text; line breaks are `\n`.
    pub text: String,
}

/// How many blocks of a page met each fate.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Blocks in the record.
    pub kept: usize,
    /// Blocks the extractor left out.
    pub extract: usize,
    /// Blocks (or parts of blocks) the filter removed.
    pub filter: usize,
}

/// One page of the report.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ReportPage {
    /// Where the page came from (path, archive record, dataset id).
    pub source: String,
    /// Metadata as label and value, in display order; missing values are left out.
    pub meta: Vec<(&'static str, String)>,
    /// The page's text in page order.
    pub blocks: Vec<ReportBlock>,
    /// Why the page gives no record (unreadable, no article, rejected by the filter's
    /// document checks), when it gives none.
    pub rejected: Option<String>,
    /// A line about the page shown under its heading (`eval --report`: its scores).
    pub note: Option<String>,
    /// Reference text shown beside the page's blocks (`eval --report`: the gold).
    pub gold: Option<String>,
}

impl ReportPage {
    /// A page that was read and explained: metadata, and the extractor's drops and the
    /// filter's removals put in their places between the blocks the filter got.
    pub fn explained(source: String, url: Option<&str>, ex: &Explanation) -> Self {
        let meta = &ex.article.meta;
        let language = match &ex.audit.report.language {
            Some(l) => Some(format!("{} (detected, {:.2})", l.code, l.confidence)),
            None => meta.language.as_ref().map(|l| format!("{l} (declared)")),
        };
        let fields = [
            ("title", meta.title.clone()),
            ("author", meta.author.clone()),
            ("date", meta.published.clone()),
            ("language", language),
            ("site", meta.site_name.clone()),
            ("url", url.map(str::to_owned).or(meta.canonical_url.clone())),
            (
                "page type",
                Some(meta.signals.page_type.as_str().to_owned()),
            ),
        ];
        Self {
            source,
            meta: fields
                .into_iter()
                .filter_map(|(k, v)| Some((k, v?)))
                .collect(),
            blocks: page_order(ex),
            rejected: ex.audit.rejected.as_ref().map(ToString::to_string),
            note: None,
            gold: None,
        }
    }

    /// A page that gives nothing to show: why.
    pub fn rejected(source: String, reason: String) -> Self {
        Self {
            source,
            rejected: Some(reason),
            ..Self::default()
        }
    }

    /// How many blocks met each fate.
    pub fn counts(&self) -> Counts {
        let mut c = Counts::default();
        for b in &self.blocks {
            match b.fate {
                Fate::Kept => c.kept += 1,
                Fate::Extract { .. } => c.extract += 1,
                Fate::Filter { .. } => c.filter += 1,
            }
        }
        c
    }
}

/// The page's text in page order: before each block the filter got, what the extractor
/// dropped just before it; then the block, cut into what the filter kept and removed.
fn page_order(ex: &Explanation) -> Vec<ReportBlock> {
    let mut out = Vec::new();
    let mut drops = ex.extract_dropped.iter().peekable();
    for (index, block) in ex.blocks_in.iter().enumerate() {
        while let Some(d) = drops.next_if(|d| d.before <= index) {
            out.push(dropped(d));
        }
        let removals: Vec<_> = ex
            .audit
            .report
            .removed
            .iter()
            .filter(|r| r.index == index)
            .collect();
        filtered_block(block, &removals, &mut out);
    }
    out.extend(drops.map(dropped));
    out
}

fn dropped(d: &crate::extract::Dropped) -> ReportBlock {
    ReportBlock {
        fate: Fate::Extract {
            reason: d.reason.to_string(),
            element: d.element.clone(),
        },
        kind: BlockKind::Paragraph,
        text: d.text.clone(),
    }
}

/// One block the filter got, as kept and removed pieces. The filter judges a paragraph,
/// caption or list item line by line (a `<br>` may join furniture to the story), and cuts
/// a trailing credit off a caption: each removal is a whole line or a line's tail.
fn filtered_block(block: &Block, removals: &[&crate::filter::Removed], out: &mut Vec<ReportBlock>) {
    let piece = |fate: Fate, text: &str| ReportBlock {
        fate,
        kind: block.kind,
        text: text.to_owned(),
    };
    if removals.is_empty() {
        out.push(piece(Fate::Kept, &block.text));
        return;
    }
    let lines = crate::filter::rule_lines(block).unwrap_or_else(|| vec![block.text.trim()]);
    let mut pending = removals.iter().peekable();
    let mut kept: Vec<&str> = Vec::new();
    let flush = |kept: &mut Vec<&str>, out: &mut Vec<ReportBlock>| {
        if !kept.is_empty() {
            out.push(piece(Fate::Kept, &kept.join("\n")));
            kept.clear();
        }
    };
    for line in lines {
        let rule = |r: &crate::filter::Removed| Fate::Filter {
            rule: r.rule.to_string(),
        };
        if let Some(r) = pending.next_if(|r| !r.trimmed && r.text == line) {
            flush(&mut kept, out);
            out.push(piece(rule(r), line));
        } else if let Some(r) = pending.next_if(|r| r.trimmed && line.ends_with(r.text.as_str())) {
            let rest = line[..line.len() - r.text.len()].trim_end();
            if !rest.is_empty() {
                kept.push(rest);
            }
            flush(&mut kept, out);
            out.push(piece(rule(r), &r.text));
        } else {
            kept.push(line);
        }
    }
    flush(&mut kept, out);
    // A removal whose text no line matches (a rule that rewrote it) still shows.
    for r in pending {
        out.push(piece(
            Fate::Filter {
                rule: r.rule.to_string(),
            },
            &r.text,
        ));
    }
}

/// The whole report as one HTML document.
pub fn render(title: &str, pages: &[ReportPage]) -> String {
    let mut h = String::with_capacity(64 * 1024);
    let total = pages.iter().fold(Counts::default(), |mut t, p| {
        let c = p.counts();
        t.kept += c.kept;
        t.extract += c.extract;
        t.filter += c.filter;
        t
    });
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{t}</title><style>{STYLE}</style></head>\n<body>\n<header>\
         <h1>{t}</h1>\n{LEGEND}\n",
        t = escape(title)
    );
    let _ = writeln!(
        h,
        "<table class=\"summary\" data-pages=\"{}\" data-kept=\"{}\" data-extract=\"{}\" \
         data-filter=\"{}\"><thead><tr><th>page</th><th>kept</th><th>extract</th>\
         <th>filter</th><th>outcome</th></tr></thead><tbody>",
        pages.len(),
        total.kept,
        total.extract,
        total.filter
    );
    for (n, page) in pages.iter().enumerate() {
        let c = page.counts();
        let _ = writeln!(
            h,
            "<tr><td><a href=\"#page-{n}\">{}</a></td><td>{}</td><td>{}</td><td>{}</td>\
             <td>{}</td></tr>",
            escape(&page.source),
            c.kept,
            c.extract,
            c.filter,
            page.rejected.as_deref().map_or_else(
                || "record".to_owned(),
                |r| format!("rejected: {}", escape(r))
            )
        );
    }
    h.push_str("</tbody></table>\n</header>\n<main>\n");
    for (n, page) in pages.iter().enumerate() {
        render_page(&mut h, n, page);
    }
    h.push_str("</main>\n</body></html>\n");
    h
}

fn render_page(h: &mut String, n: usize, page: &ReportPage) {
    let c = page.counts();
    let _ = writeln!(
        h,
        "<section class=\"page\" id=\"page-{n}\" data-kept=\"{}\" data-extract=\"{}\" \
         data-filter=\"{}\"{}>\n<h2>{}</h2>",
        c.kept,
        c.extract,
        c.filter,
        if page.rejected.is_some() {
            " data-rejected=\"true\""
        } else {
            ""
        },
        escape(&page.source)
    );
    let _ = writeln!(
        h,
        "<p class=\"counts\">{} kept · {} dropped by the extractor · {} removed by the filter</p>",
        c.kept, c.extract, c.filter
    );
    if let Some(note) = &page.note {
        let _ = writeln!(h, "<p class=\"note\">{}</p>", escape(note));
    }
    if let Some(reason) = &page.rejected {
        let _ = writeln!(
            h,
            "<p class=\"rejected\">rejected: {} (no record)</p>",
            escape(reason)
        );
    }
    if !page.meta.is_empty() {
        h.push_str("<dl class=\"meta\">");
        for (label, value) in &page.meta {
            let _ = write!(h, "<dt>{label}</dt><dd>{}</dd>", escape(value));
        }
        h.push_str("</dl>\n");
    }
    h.push_str("<div class=\"columns\">\n<div class=\"blocks\">\n");
    for block in &page.blocks {
        render_block(h, block);
    }
    h.push_str("</div>\n");
    if let Some(gold) = &page.gold {
        let _ = writeln!(
            h,
            "<div class=\"gold\"><h3>gold</h3><div class=\"gold-text\">{}</div></div>",
            escape(gold)
        );
    }
    h.push_str("</div>\n</section>\n");
}

fn render_block(h: &mut String, block: &ReportBlock) {
    let kind = match block.kind {
        BlockKind::Heading(_) => "heading",
        BlockKind::Paragraph => "paragraph",
        BlockKind::ListItem => "list-item",
        BlockKind::Quote => "quote",
        BlockKind::Code => "code",
        BlockKind::TableRow => "table-row",
        BlockKind::Caption => "caption",
    };
    let fate = block.fate.name();
    let _ = write!(h, "<div class=\"block {fate} {kind}\" data-fate=\"{fate}\"");
    match &block.fate {
        Fate::Kept => h.push('>'),
        Fate::Extract { reason, element } => {
            let _ = write!(
                h,
                " data-rule=\"{r}\"><span class=\"why\">extract: {r} · {e}</span>",
                r = escape(reason),
                e = escape(element)
            );
        }
        Fate::Filter { rule } => {
            let _ = write!(
                h,
                " data-rule=\"{r}\"><span class=\"why\">filter: {r}</span>",
                r = escape(rule)
            );
        }
    }
    // What the extractor dropped is often a menu or a list of links, one line per item:
    // run together with a separator it stays short; the story keeps its line breaks.
    let text = escape(&block.text);
    let text = match block.fate {
        Fate::Extract { .. } => text.replace('\n', "<span class=\"sep\"> · </span>"),
        _ => text.replace('\n', "<br>"),
    };
    let _ = writeln!(h, "{text}</div>");
}

/// Text for HTML content and quoted attribute values.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

const LEGEND: &str = "<p class=\"legend\"><span class=\"chip kept\">kept</span> in the record \
<span class=\"chip extract\">extract</span> left out by the extractor (markup reason) \
<span class=\"chip filter\">filter</span> removed by a filter rule (rule name)</p>";

const STYLE: &str = "\
body{font:15px/1.45 system-ui,sans-serif;margin:0;color:#1b1b1b;background:#f6f6f3}\
header{padding:12px 24px;background:#fff;border-bottom:1px solid #ddd}\
h1{font-size:20px;margin:0 0 6px}h2{font-size:17px;margin:0 0 4px;word-break:break-all}\
.legend .chip{display:inline-block;padding:0 8px;border-radius:9px;font-size:13px;margin:0 4px 0 12px}\
.chip.kept{background:#e3f1e4;border:1px solid #2e7d32}\
.chip.extract{background:#fff1d6;border:1px solid #c77c00}\
.chip.filter{background:#fde3e1;border:1px solid #c62828}\
table.summary{border-collapse:collapse;font-size:13px}\
table.summary td,table.summary th{border:1px solid #ddd;padding:2px 8px;text-align:left}\
main{padding:8px 24px}\
section.page{background:#fff;border:1px solid #ddd;border-radius:6px;margin:12px 0;padding:12px 16px}\
.counts,.note{font-size:13px;color:#555;margin:0 0 6px}\
.rejected{background:#fde3e1;border-left:4px solid #c62828;padding:4px 8px;margin:6px 0}\
dl.meta{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px;font-size:13px;margin:6px 0 10px}\
dl.meta dt{color:#666}dl.meta dd{margin:0;word-break:break-all}\
.columns{display:flex;gap:16px;align-items:flex-start}.blocks{flex:1;min-width:0}\
.gold{flex:1;min-width:0;background:#f3f6fb;border-left:4px solid #3465a4;padding:4px 10px}\
.gold h3{font-size:14px;margin:4px 0}.gold-text{white-space:pre-wrap;font-size:14px}\
.block{margin:3px 0;padding:3px 8px;border-left:4px solid;overflow-wrap:anywhere}\
.block.kept{border-color:#2e7d32;background:#fbfefb}\
.block.extract{border-color:#c77c00;background:#fff8ea;color:#6b5a3a}\
.block.filter{border-color:#c62828;background:#fff1f0;color:#7a3b38}\
.sep{color:#c77c00}.why{display:block;font-size:11px;color:#555;font-family:ui-monospace,monospace}\
.block.heading{font-weight:600;font-size:16px}.block.list-item::before{content:'• '}\
.block.quote{font-style:italic}.block.caption{font-size:13px;font-style:italic}\
.block.code,.block.table-row{font-family:ui-monospace,monospace;font-size:13px;white-space:pre-wrap}";

#[cfg(test)]
mod tests {
    use std::borrow::Cow;

    use super::*;
    use crate::article::{Article, Metadata};
    use crate::extract::Dropped;
    use crate::filter::{Audit, FilterReport, Removed};

    fn removed(rule: &'static str, index: usize, text: &str, trimmed: bool) -> Removed {
        Removed {
            rule: Cow::Borrowed(rule),
            index,
            kind: BlockKind::Paragraph,
            text: text.to_owned(),
            trimmed,
        }
    }

    fn explanation() -> Explanation {
        let blocks_in = vec![
            Block::new(BlockKind::Heading(2), "A heading"),
            Block::new(
                BlockKind::Paragraph,
                "Story line.\nFollow us on social media",
            ),
            Block::new(BlockKind::Caption, "A harbour at dawn. Photo: Jo Doe"),
            Block::new(BlockKind::Paragraph, "Share this"),
        ];
        Explanation {
            article: Article {
                meta: Metadata {
                    title: Some("T <b>".into()),
                    ..Metadata::default()
                },
                blocks: Vec::new(),
            },
            blocks_in,
            extract_dropped: vec![
                Dropped {
                    element: "<nav>".into(),
                    reason: "furniture tag".into(),
                    text: "Home News".into(),
                    before: 0,
                },
                Dropped {
                    element: "<footer>".into(),
                    reason: "furniture tag".into(),
                    text: "© 2024".into(),
                    before: 4,
                },
            ],
            site: None,
            audit: Audit {
                report: FilterReport {
                    removed: vec![
                        removed("social_follow", 1, "Follow us on social media", false),
                        removed("caption_credit", 2, "Photo: Jo Doe", true),
                        removed("share_prompt", 3, "Share this", false),
                    ],
                    ..FilterReport::default()
                },
                rejected: None,
            },
        }
    }

    #[test]
    fn blocks_come_in_page_order_with_their_fates() {
        let page = ReportPage::explained("a.html".into(), None, &explanation());
        let shown: Vec<(&str, &str)> = page
            .blocks
            .iter()
            .map(|b| (b.fate.name(), b.text.as_str()))
            .collect();
        assert_eq!(
            shown,
            [
                ("extract", "Home News"),
                ("kept", "A heading"),
                ("kept", "Story line."),
                ("filter", "Follow us on social media"),
                ("kept", "A harbour at dawn."),
                ("filter", "Photo: Jo Doe"),
                ("filter", "Share this"),
                ("extract", "© 2024"),
            ]
        );
        assert_eq!(
            page.counts(),
            Counts {
                kept: 3,
                extract: 2,
                filter: 3
            }
        );
        assert_eq!(page.meta[0], ("title", "T <b>".to_owned()));
        assert!(page.meta.contains(&("page type", "other".to_owned())));
    }

    #[test]
    fn html_marks_every_block_and_escapes_page_text() {
        let mut page = ReportPage::explained("<a>&.html".into(), None, &explanation());
        page.blocks.push(ReportBlock {
            fate: Fate::Kept,
            kind: BlockKind::Paragraph,
            text: "x data-fate=\"kept\" <script>alert(1)</script>".into(),
        });
        page.gold = Some("gold <i>".into());
        let rejected = ReportPage::rejected("b.bin".into(), "not HTML: binary".into());
        let html = render("report", &[page, rejected]);
        assert_eq!(html.matches("data-fate=\"kept\"").count(), 4);
        assert_eq!(html.matches("data-fate=\"extract\"").count(), 2);
        assert_eq!(html.matches("data-fate=\"filter\"").count(), 3);
        assert!(html.contains("data-rule=\"caption_credit\""));
        assert!(html.contains("data-rule=\"furniture tag\""));
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(html.contains("&lt;a&gt;&amp;.html"));
        assert!(html.contains("gold &lt;i&gt;"));
        assert!(html.contains("rejected: not HTML: binary"));
        assert!(html.contains("data-pages=\"2\" data-kept=\"4\" data-extract=\"2\""));
        // Self-contained: nothing loaded from elsewhere.
        for outside in ["<script", "<link", "src=", "@import", "url(", "http"] {
            assert!(!html.contains(outside), "{outside} in the report");
        }
    }

    #[test]
    fn a_removal_no_line_matches_still_shows() {
        let mut out = Vec::new();
        let block = Block::new(BlockKind::Paragraph, "one");
        let r = removed("rule", 0, "other", false);
        filtered_block(&block, &[&r], &mut out);
        assert_eq!(out.len(), 2);
        assert_eq!(out[1].fate.name(), "filter");
    }
}
