//! Page HTML -> [`Article`]: DOM parse, boilerplate pruning, main-content scoring, metadata.
//!
//! The only module that parses HTML (html5ever, driven by `tree`). Everything here is pure
//! and deterministic: same HTML and options in, same article out.
//!
//! # Flow
//! 1. `streamed` moves server-streamed segments (React `<div hidden id="S:n">`) into their
//!    placeholders, as the page's script does; `prepass` empties scripts, styles and SVG;
//!    `tree` parses with html5ever straight into
//!    `dom`'s index-based tree (pre-order numbering), so every later pass is an iterative
//!    loop: page depth never reaches the call stack.
//! 2. `prune::mark_boilerplate`: scripts, hidden elements, furniture tags/roles and
//!    boilerplate class/id tokens are marked removed (a side table, not DOM edits).
//! 3. `score::select`: paragraphs score their ancestors; the best container and the
//!    siblings that belong with it are chosen. On the hosts of `[[site]]` tables, `site`
//!    first removes what the site's `drop` selectors match, and the elements its `body`
//!    selector matches replace the scored container.
//! 4. `prune::clean_selection`: link-dense lists, galleries and widgets inside the
//!    selection are marked removed.
//! 5. `render`: the selection becomes [`Block`]s; then link-dense lines, link runs at the
//!    body's edges, stranded headings and a heading repeating the title are dropped. The
//!    extractor removes by markup only: every removal because of what a line says is the
//!    filter stage's (named, guarded, audited). [`Extractor::explain`] lists what the
//!    extractor dropped and why ([`Dropped`]).
//! 6. `meta`: title, author, dates, language, site name, canonical URL, description,
//!    image and tags.
//!
//! If a pass yields too little text, steps 2-4 are retried with the doubtful rules off
//! (class tokens, then conditional cleaning), as Readability does. If the body is still
//! thin, `recover` offers the story from where the DOM pass cannot see it (`<noscript>`
//! markup, JSON-LD `articleBody`), taken when clearly longer. If the body left after the
//! line filters is a fragment (under 25 words outside short headings), a second, independent
//! candidate is computed: the page's text blocks outside its navigation, banner, footer,
//! dialogs and comment threads, hidden panels included, link-dense blocks left out; it is
//! taken when it holds at least twice the words. On a page without a date or comment thread
//! (no story: a landing, service, product or listing page), a body under 1000 words is one
//! block of several, and the page text replaces it when it holds at least three times the
//! words.
//!
//! Invariants: blocks are never empty; text is whitespace-collapsed except in `Code`.

mod budget;
mod dom;
mod meta;
mod page_type;
mod prepass;
mod prune;
mod recover;
mod render;
mod score;
mod selectors;
mod site;
mod streamed;
mod text_key;
mod trace;
mod tree;

use serde::Deserialize;
use thiserror::Error;
use url::Url;

use crate::article::{Article, Block, BlockKind};

use budget::Deadline;
pub use budget::{DEFAULT_MAX_EXTRACT_MS, DEFAULT_MAX_NODES, ExtractBudget};
use dom::Doc;
use prune::{CleanParams, MarkParams};
use render::{RawBlock, RenderParams};
use score::{SelectParams, Stats};
use site::SitePlan;
pub use site::{CssSelector, SiteConfig, Sites};
pub use trace::{Dropped, SiteChoice};

/// How to trade precision against recall when choosing what belongs to the body.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Favor {
    /// Drop anything doubtful: fewer boilerplate leaks, some story text may go.
    Precision,
    /// The default trade-off.
    #[default]
    Balanced,
    /// Keep anything plausible: more complete bodies, more furniture.
    Recall,
}

/// Latest year accepted for page dates by default. Extraction cannot read the clock
/// (determinism), so "not in the future" is a fixed bound; raise it in the config when
/// the calendar gets close.
pub const DEFAULT_MAX_DATE_YEAR: i32 = 2100;

/// `[extract]` in pipeline.toml.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ExtractConfig {
    /// Precision/recall preset.
    pub favor: Favor,
    /// Keep table rows in the body.
    pub include_tables: bool,
    /// Keep image captions in the body.
    pub include_captions: bool,
    /// Render images inside the body (alt text and source) in the Markdown output.
    pub include_images: bool,
    /// Render links inside the body (absolute URLs) in the Markdown output.
    pub include_links: bool,
    /// Dates after this year are rejected as implausible (default
    /// [`DEFAULT_MAX_DATE_YEAR`]; set it to the current year to reject future dates).
    pub max_date_year: i32,
}

impl Default for ExtractConfig {
    fn default() -> Self {
        Self {
            favor: Favor::Balanced,
            include_tables: true,
            include_captions: true,
            include_images: false,
            include_links: false,
            max_date_year: DEFAULT_MAX_DATE_YEAR,
        }
    }
}

/// Why a page gave no article.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum ExtractError {
    /// The page has no text that looks like an article body.
    #[error("no article content found")]
    NoContent,
    /// The parsed page has more nodes than `limits.max_nodes`.
    #[error("page exceeds max_nodes ({nodes} nodes, limit {limit})")]
    TooManyNodes {
        /// Nodes in the parsed page.
        nodes: usize,
        /// The configured limit.
        limit: usize,
    },
    /// Extraction ran past `limits.max_extract_ms`.
    #[error("extraction exceeds max_extract_ms ({limit_ms} ms)")]
    OverTime {
        /// The configured limit, in milliseconds.
        limit_ms: u64,
    },
}

impl ExtractError {
    /// A short, stable label for the summary's "rejects by reason" table.
    pub fn kind(&self) -> &'static str {
        match self {
            Self::NoContent => "no article content",
            Self::TooManyNodes { .. } => "over max_nodes",
            Self::OverTime { .. } => "over max_extract_ms",
        }
    }
}

/// The configured extractor; cheap to share between threads.
#[derive(Debug, Clone)]
pub struct Extractor {
    config: ExtractConfig,
    budget: ExtractBudget,
    markdown: bool,
    sites: Sites,
}

/// What [`Extractor::trace`] tells about one page.
#[derive(Debug)]
pub struct ExtractTrace {
    /// The article, as [`Extractor::extract`] gives it.
    pub article: Article,
    /// What the extractor left out of the body, and why.
    pub dropped: Vec<Dropped>,
    /// What the page's `[[site]]` chose, when its host has one.
    pub site: Option<SiteChoice>,
}

/// The numbers behind a [`Favor`] preset.
#[derive(Debug, Clone, Copy)]
struct Preset {
    mark: MarkParams,
    select: SelectParams,
    clean: CleanParams,
    /// A pass whose text is shorter than this (characters) triggers the next, more lenient
    /// pass (Readability `charThreshold` is 500).
    min_body_chars: usize,
    /// Drop blocks made only of link text with at most this many words (0 = never).
    max_link_block_words: usize,
    /// Drop blocks whose link text is at least this share of their text (1.0 = never):
    /// teaser and link lists that survived container cleaning (trafilatura's
    /// `link_density_test` uses 0.8).
    max_block_link_share: f32,
    /// Drop a run of at least this many link-only blocks at the start or end of the body
    /// (0 = never): breadcrumbs and "more stories" lists that border the story.
    min_edge_link_run: usize,
}

impl Preset {
    fn of(favor: Favor) -> Self {
        let select = SelectParams {
            min_paragraph_chars: 25,
            sibling_share: 0.2,
            sibling_max_link_density: 0.25,
            sibling_min_block_chars: 100,
            keep_short_siblings: true,
        };
        let mark = MarkParams {
            use_class_tokens: true,
            drop_headers: false,
            drop_forms: true,
        };
        let clean = CleanParams {
            link_density_modifier: 0.0,
            enabled: true,
        };
        match favor {
            Favor::Balanced => Self {
                mark,
                select,
                clean,
                min_body_chars: 500,
                max_link_block_words: 0,
                max_block_link_share: 0.8,
                min_edge_link_run: 2,
            },
            Favor::Precision => Self {
                mark: MarkParams {
                    drop_headers: true,
                    ..mark
                },
                select: SelectParams {
                    sibling_share: 0.3,
                    sibling_max_link_density: 0.1,
                    keep_short_siblings: false,
                    ..select
                },
                clean: CleanParams {
                    link_density_modifier: -0.1,
                    ..clean
                },
                min_body_chars: 250,
                max_link_block_words: 12,
                max_block_link_share: 0.6,
                min_edge_link_run: 2,
            },
            Favor::Recall => Self {
                mark: MarkParams {
                    drop_forms: false,
                    ..mark
                },
                select: SelectParams {
                    sibling_share: 0.1,
                    sibling_max_link_density: 0.4,
                    min_paragraph_chars: 20,
                    ..select
                },
                clean: CleanParams {
                    link_density_modifier: 0.2,
                    ..clean
                },
                min_body_chars: 1000,
                max_link_block_words: 0,
                max_block_link_share: 1.0,
                min_edge_link_run: 0,
            },
        }
    }
}

impl Extractor {
    /// Builds an extractor from its config.
    pub fn new(config: ExtractConfig) -> Self {
        Self {
            config,
            budget: ExtractBudget::default(),
            markdown: false,
            sites: Sites::default(),
        }
    }

    /// Applies per-site selectors (`[[site]]`) to the pages of their hosts.
    #[must_use]
    pub fn with_sites(mut self, sites: Sites) -> Self {
        self.sites = sites;
        self
    }

    /// Also renders each block as inline Markdown ([`Block::markdown`]): emphasis and code
    /// always, links and images as `include_links` / `include_images` say.
    #[must_use]
    pub fn with_markdown(mut self, markdown: bool) -> Self {
        self.markdown = markdown;
        self
    }

    /// Whether link and image targets must survive parsing (only Markdown reads them).
    fn keeps_targets(&self) -> bool {
        self.markdown && (self.config.include_links || self.config.include_images)
    }

    /// Sets the per-document budgets (`[limits] max_nodes`, `max_extract_ms`).
    #[must_use]
    pub fn with_budget(mut self, budget: ExtractBudget) -> Self {
        self.budget = budget;
        self
    }

    /// Extracts the article body and metadata from a page.
    ///
    /// `url` is the page's address when known; it resolves relative links and feeds
    /// metadata (site name, dates in the path).
    ///
    /// # Errors
    /// [`ExtractError::NoContent`] when nothing article-like is on the page;
    /// [`ExtractError::TooManyNodes`] or [`ExtractError::OverTime`] when it is over a budget.
    pub fn extract(&self, html: &str, url: Option<&Url>) -> Result<Article, ExtractError> {
        self.run(html, url, false).map(|t| t.article)
    }

    /// Like [`Extractor::extract`], and also lists what the extractor left out of the body
    /// and why (for `copydesk explain`): elements removed by markup inside the selected
    /// container, and rendered lines dropped for their links or place.
    ///
    /// # Errors
    /// As [`Extractor::extract`].
    pub fn explain(
        &self,
        html: &str,
        url: Option<&Url>,
    ) -> Result<(Article, Vec<Dropped>), ExtractError> {
        self.run(html, url, true).map(|t| (t.article, t.dropped))
    }

    /// Like [`Extractor::explain`], and also what the page's `[[site]]` selectors chose.
    ///
    /// # Errors
    /// As [`Extractor::extract`].
    pub fn trace(&self, html: &str, url: Option<&Url>) -> Result<ExtractTrace, ExtractError> {
        self.run(html, url, true)
    }

    fn run(
        &self,
        html: &str,
        url: Option<&Url>,
        trace: bool,
    ) -> Result<ExtractTrace, ExtractError> {
        let deadline = Deadline::start(self.budget.max_time);
        let site = self.sites.for_url(url);
        let doc = Doc::parse_keeping(
            html,
            self.keeps_targets(),
            site.map_or(&[], |s| s.attrs.as_slice()),
        );
        if doc.nodes.len() > self.budget.max_nodes {
            return Err(ExtractError::TooManyNodes {
                nodes: doc.nodes.len(),
                limit: self.budget.max_nodes,
            });
        }
        deadline.check()?;
        let preset = Preset::of(self.config.favor);
        let render = RenderParams {
            include_tables: self.config.include_tables,
            include_captions: self.config.include_captions,
            markdown: self.markdown,
            links: self.config.include_links,
            images: self.config.include_images,
            base: url,
        };
        let plan = site.map(|s| s.plan(&doc));
        deadline.check()?;
        let mut dropped = Vec::new();
        if trace && let Some(plan) = &plan {
            dropped.extend(plan.drops.iter().cloned());
        }
        // Comment threads, found once: the body passes leave them out, the page-text
        // candidate too, and a page that carries one is a story.
        let threads = prune::comment_threads(&doc);
        let mut raw = self.body(
            &doc,
            threads.as_deref(),
            &preset,
            &render,
            &deadline,
            plan.as_ref(),
            trace.then_some(&mut dropped),
        )?;
        let dom_chars: usize = raw.iter().map(|b| b.chars).sum();
        // A container a site's `body` selector chose is the article, however short.
        let site_body = plan.as_ref().is_some_and(|p| p.body.is_some());
        if !site_body
            && recover::should_try(dom_chars)
            && let Some(recovered) =
                self.recover(&doc, html, &preset, &render, &deadline, dom_chars)?
        {
            raw = recover::with_lead(&raw, recovered, recover::page_description(&doc).as_deref());
            // What the markup pass dropped has no place in a body from another source.
            dropped.iter_mut().for_each(|d| d.before = 0);
        }
        let mut from_dom = dropped.len();
        let mut rendered: Option<Vec<Block>> =
            trace.then(|| raw.iter().map(|r| r.block.clone()).collect());
        let mut body_link_chars: usize = raw.iter().map(|b| b.link_chars).sum();
        let mut catalogue = is_link_catalogue(&raw);
        let mut blocks = link_line_pass(raw, catalogue, &preset, &mut dropped);
        let meta_of = |blocks: &[Block]| {
            let body_text = joined_text(blocks);
            let (meta, page_stamp_only) = meta::extract_meta(&meta::MetaInput {
                doc: &doc,
                url,
                body_text: &body_text,
                max_year: self.config.max_date_year,
            });
            (body_text, meta, page_stamp_only)
        };
        let (mut body_text, mut meta, page_stamp_only) = meta_of(&blocks);
        // A fragment: the page's text blocks are the second candidate.
        let page = PageFacts {
            threads: threads.as_deref(),
            dated: meta.published.is_some() && !page_stamp_only,
        };
        if !site_body
            && let Some(second) =
                self.second_candidate(&doc, page, &preset, &render, &deadline, url, trace, &blocks)?
        {
            blocks = second.blocks;
            dropped = second.dropped;
            rendered = second.rendered;
            from_dom = second.from_dom;
            body_link_chars = second.link_chars;
            catalogue = false;
            (body_text, meta, _) = meta_of(&blocks);
        }
        meta.signals = page_type::signals(
            &doc,
            url,
            &page_type::BodyFacts {
                chars: body_text.chars().count(),
                link_chars: body_link_chars,
                text: &body_text,
                description: meta.description.as_deref(),
                catalogue,
            },
        );
        deadline.check()?;
        drop_title_heading(&mut blocks, meta.title.as_deref(), &mut dropped);
        if let Some(rendered) = rendered {
            trace::place(&rendered, &blocks, &mut dropped, from_dom);
        }
        if blocks.is_empty() {
            return Err(ExtractError::NoContent);
        }
        Ok(ExtractTrace {
            article: Article { meta, blocks },
            dropped,
            site: plan.map(|p| p.choice),
        })
    }

    /// The article body: the passes with the page's comment threads left out, or with
    /// them when nothing article-like is outside them (the thread is the page: a forum
    /// or Q&A page). `site` is what the page's `[[site]]` selectors decided. With `trace`,
    /// the markup removals inside the chosen selection are added to it.
    #[allow(clippy::too_many_arguments)] // the pass inputs and the page's thread mask
    fn body(
        &self,
        doc: &Doc,
        threads: Option<&[bool]>,
        preset: &Preset,
        render_params: &RenderParams<'_>,
        deadline: &Deadline,
        site: Option<&SitePlan>,
        trace: Option<&mut Vec<Dropped>>,
    ) -> Result<Vec<RawBlock>, ExtractError> {
        let reviews = threads.and_then(|_| prune::user_reviews(doc));
        let mut drops = Vec::new();
        let tracing = trace.is_some();
        let mut blocks = self.passes(
            doc,
            preset,
            render_params,
            deadline,
            Removals {
                threads,
                reviews: reviews.as_deref(),
            },
            site,
            if tracing { Some(&mut drops) } else { None },
        )?;
        let thread_start = threads.and_then(|t| t.iter().position(|&in_thread| in_thread));
        if thread_start.is_some_and(|start| !has_prose(&blocks, start)) {
            drops.clear();
            blocks = self.passes(
                doc,
                preset,
                render_params,
                deadline,
                Removals::default(),
                site,
                if tracing { Some(&mut drops) } else { None },
            )?;
        }
        if let Some(t) = trace {
            t.extend(drops);
        }
        Ok(blocks)
    }

    /// Runs the prune/score/clean/render passes, relaxing rules while the text is short.
    /// `removals.threads` (comment threads and customer reviews) stays removed in the lenient
    /// passes too, `removals.reviews` in every pass (no class rule names them); `trace` collects
    /// the markup removals of the pass that is kept. A `site` plan removes what its `drop`
    /// selectors name in every pass, and a container its `body` selector chose replaces
    /// scoring (and the whole-page baseline: the user said where the article is).
    #[allow(clippy::too_many_arguments)] // the pass inputs, each used in every pass
    fn passes(
        &self,
        doc: &Doc,
        preset: &Preset,
        render_params: &RenderParams<'_>,
        deadline: &Deadline,
        removals: Removals<'_>,
        site: Option<&SitePlan>,
        mut trace: Option<&mut Vec<Dropped>>,
    ) -> Result<Vec<RawBlock>, ExtractError> {
        let threads = removals.threads;
        let attempts = [
            (preset.mark, preset.clean),
            (
                MarkParams {
                    use_class_tokens: false,
                    ..preset.mark
                },
                preset.clean,
            ),
            (
                MarkParams {
                    use_class_tokens: false,
                    ..preset.mark
                },
                CleanParams {
                    enabled: false,
                    ..preset.clean
                },
            ),
        ];
        let mut best: Vec<RawBlock> = Vec::new();
        let mut best_len = 0usize;
        let mut best_drops = Vec::new();
        for (mark, clean) in attempts {
            let mut removed = prune::mark_boilerplate(doc, &mark);
            // The first pass already drops comment sections by name; the lenient passes,
            // which lift the name rules, must not let the thread in.
            if let Some(threads) = threads.filter(|_| !mark.use_class_tokens) {
                removed.iter_mut().zip(threads).for_each(|(r, &t)| *r |= t);
            }
            // Customer reviews carry no comment name the first pass would drop.
            if let Some(reviews) = removals.reviews {
                removed.iter_mut().zip(reviews).for_each(|(r, &t)| *r |= t);
            }
            if let Some(site) = site {
                site.apply(doc, &mut removed);
            }
            let stats = Stats::compute(doc, &removed);
            deadline.check()?;
            let chosen = site.and_then(|s| s.body.clone());
            let roots = match chosen {
                Some(roots) => roots,
                None => match score::select(doc, &removed, &stats, &preset.select) {
                    Some(sel) => sel.roots,
                    None => vec![doc.find_tag("body").unwrap_or(0)],
                },
            };
            deadline.check()?;
            prune::clean_selection(doc, &roots, &mut removed, &stats, &clean);
            let blocks = render::render(doc, &roots, &removed, &stats, render_params);
            deadline.check()?;
            let len: usize = blocks.iter().map(|b| b.chars).sum();
            let site_dropped = site.map(|s| s.dropped.as_slice());
            let drops = if trace.is_some() {
                trace::dom_drops(doc, &roots, &removed, &stats, render_params, site_dropped)
            } else {
                Vec::new()
            };
            if len >= preset.min_body_chars {
                if let Some(t) = trace.as_deref_mut() {
                    t.extend(drops);
                }
                return Ok(blocks);
            }
            if len > best_len {
                best_len = len;
                best = blocks;
                best_drops = drops;
            }
        }
        let best_words: usize = best
            .iter()
            .map(|b| crate::article::word_count(&b.block.text))
            .sum();
        let has_body = site.is_some_and(|s| s.body.is_some());
        if best_words < BASELINE_MAX_WORDS
            && !has_body
            && let Some(baseline) = baseline(doc, preset, render_params, threads, site, best_len)
        {
            if let Some(t) = trace {
                let site_dropped = site.map(|s| s.dropped.as_slice());
                let (removed, stats) = (&baseline.removed, &baseline.stats);
                t.extend(trace::dom_drops(
                    doc,
                    &[baseline.root],
                    removed,
                    stats,
                    render_params,
                    site_dropped,
                ));
            }
            return Ok(baseline.blocks);
        }
        if let Some(t) = trace {
            t.extend(best_drops);
        }
        Ok(best)
    }
}

/// User posts kept out of the body passes: comment threads and customer reviews (lenient
/// passes) and customer reviews alone (every pass).
#[derive(Debug, Clone, Copy, Default)]
struct Removals<'a> {
    threads: Option<&'a [bool]>,
    reviews: Option<&'a [bool]>,
}

/// The page's text outside its furniture, and the removal marks it was rendered with.
struct Baseline {
    blocks: Vec<RawBlock>,
    root: usize,
    removed: Vec<bool>,
    stats: Stats,
}

/// No pass found a body, only a fragment (`best_len` characters): the page's text outside
/// its furniture tags and roles (the baseline extraction that trafilatura also falls back
/// to) holds whatever content the page has, where a fragment holds almost none. `None` when
/// it is no longer than the fragment.
fn baseline(
    doc: &Doc,
    preset: &Preset,
    render_params: &RenderParams<'_>,
    threads: Option<&[bool]>,
    site: Option<&SitePlan>,
    best_len: usize,
) -> Option<Baseline> {
    let mut removed = prune::mark_boilerplate(
        doc,
        &MarkParams {
            use_class_tokens: false,
            ..preset.mark
        },
    );
    // Comment threads stay out of the baseline too: they are not the page's content.
    if let Some(threads) = threads {
        removed.iter_mut().zip(threads).for_each(|(r, &t)| *r |= t);
    }
    if let Some(site) = site {
        site.apply(doc, &mut removed);
    }
    let stats = Stats::compute(doc, &removed);
    let root = doc.find_tag("body").unwrap_or(0);
    let blocks = render::render(doc, &[root], &removed, &stats, render_params);
    let len: usize = blocks.iter().map(|b| b.chars).sum();
    (len > best_len).then_some(Baseline {
        blocks,
        root,
        removed,
        stats,
    })
}

/// A body of fewer words than this is a fragment (a caption, a label, a button row; a short
/// news item has two or three sentences), and the page's whole text outside its furniture is
/// rendered instead.
const BASELINE_MAX_WORDS: usize = 30;

impl Extractor {
    /// A thin DOM body: runs the body pass over the page's alternative sources (noscript
    /// markup, JSON-LD article text) and returns the longest if it is clearly better.
    fn recover(
        &self,
        doc: &Doc,
        html: &str,
        preset: &Preset,
        render: &RenderParams<'_>,
        deadline: &Deadline,
        dom_chars: usize,
    ) -> Result<Option<Vec<RawBlock>>, ExtractError> {
        let mut best: Option<(usize, Vec<RawBlock>)> = None;
        for page in recover::alternative_pages(doc, html, dom_chars) {
            let page = Doc::parse_keeping_targets(&page, self.keeps_targets());
            let threads = prune::comment_threads(&page);
            let blocks = self.body(
                &page,
                threads.as_deref(),
                preset,
                render,
                deadline,
                None,
                None,
            )?;
            let len: usize = blocks.iter().map(|b| b.chars).sum();
            if best.as_ref().is_none_or(|(l, _)| len > *l) {
                best = Some((len, blocks));
            }
        }
        tracing::debug!(
            dom_chars,
            recovered_chars = best.as_ref().map(|(l, _)| *l),
            "extract recovery"
        );
        Ok(best
            .filter(|(len, _)| recover::is_better(*len, dom_chars))
            .map(|(_, blocks)| blocks))
    }
}

/// A body of fewer words than this is a fragment, not a page's content (a caption, a label
/// row, a teaser; two sentences of a short news item already reach it), and the page's text
/// is looked at as a second candidate. The default filter rejects pages below the same count.
const FRAGMENT_MAX_WORDS: usize = 25;
/// The page-text candidate replaces a fragment only when it holds at least this many times
/// its words: otherwise the page is that short, and the rest of its text is furniture.
const PAGE_TEXT_MIN_GAIN: usize = 2;
/// Below this many words, a body on an undated page may be one section or card of a landing,
/// service or listing page (a service blurb, a product card, a course teaser run to a few
/// hundred words); a body this long is a page's content by itself.
const SECTION_MAX_WORDS: usize = 1000;
/// Such a body gives way to the page text only when the page text holds at least this many
/// times its words: the page is made of several comparable blocks, not one body beside a
/// rail of extras.
const SECTION_MIN_GAIN: usize = 3;
/// In the page-text candidate, a block whose link text is at least this share of its text is
/// navigation (a menu entry, a teaser link, a breadcrumb), whatever its markup; prose and
/// product or service copy carry few links (jusText's `max_link_density` is 0.2 for good
/// paragraphs).
const PAGE_TEXT_MAX_LINK_SHARE: f32 = 0.5;

/// Words outside short headings: a headline or a row of section labels is no content by
/// itself (a long heading is a paragraph set as a heading, and counts).
fn body_words(blocks: &[Block]) -> usize {
    blocks
        .iter()
        .filter(|b| {
            !matches!(b.kind, BlockKind::Heading(_))
                || b.text.split_whitespace().count() > ORPHAN_HEADING_MAX_WORDS
        })
        .map(|b| crate::article::word_count(&b.text))
        .sum()
}

/// What the second candidate needs to know of the page, found once per extraction.
#[derive(Clone, Copy)]
struct PageFacts<'a> {
    /// The comment-thread mask ([`prune::comment_threads`]).
    threads: Option<&'a [bool]>,
    /// Whether the page gives a publication date of its own (not only the date a CMS
    /// stamps on every page, see `meta::dated_as_page_only`).
    dated: bool,
}

impl PageFacts<'_> {
    /// Whether the page is a story (news, a post): it gives a publication date or carries a
    /// comment thread. Text around a story's body is a rail of extras, not more of it.
    fn is_story(self) -> bool {
        self.dated || self.threads.is_some()
    }
}

/// The blocks' text, one block per line.
fn joined_text(blocks: &[Block]) -> String {
    blocks
        .iter()
        .map(|b| b.text.as_str())
        .collect::<Vec<_>>()
        .join("\n")
}

/// A body that replaces the first candidate's, with what tracing needs.
struct Candidate {
    blocks: Vec<Block>,
    dropped: Vec<Dropped>,
    rendered: Option<Vec<Block>>,
    from_dom: usize,
    link_chars: usize,
}

/// The page-text candidate, as [`Extractor::page_text`] gives it.
struct PageText {
    /// The blocks it keeps.
    blocks: Vec<RawBlock>,
    /// What it left out: the markup removals first (`from_dom` of them), then the link lines.
    dropped: Vec<Dropped>,
    from_dom: usize,
    /// With `trace`, every block it rendered, for `trace::place`.
    rendered: Option<Vec<Block>>,
}

impl Extractor {
    /// A fragment where the page has text: the container choice went wrong (the content sits
    /// in a tab list, a collapsed panel, an aside, or beside a teaser block that scored
    /// higher). The page's text blocks are the second candidate, computed only then, and
    /// taken when they hold clearly more words than the fragment. On a page with no
    /// publication date and no comment thread (no story: a landing, service, product or
    /// listing page), a body
    /// under [`SECTION_MAX_WORDS`] is likewise one block of several, and gives way to page
    /// text of at least [`SECTION_MIN_GAIN`] times its words.
    #[allow(clippy::too_many_arguments)] // the page, its settings and the first candidate
    fn second_candidate(
        &self,
        doc: &Doc,
        page: PageFacts<'_>,
        preset: &Preset,
        render: &RenderParams<'_>,
        deadline: &Deadline,
        url: Option<&Url>,
        trace: bool,
        first: &[Block],
    ) -> Result<Option<Candidate>, ExtractError> {
        let words = body_words(first);
        let gain = if words < FRAGMENT_MAX_WORDS {
            PAGE_TEXT_MIN_GAIN
        } else if words < SECTION_MAX_WORDS && !page.is_story() {
            SECTION_MIN_GAIN
        } else {
            return Ok(None);
        };
        let page = self.page_text(doc, page.threads, render, deadline, trace)?;
        let mut dropped = page.dropped;
        let link_chars: usize = page.blocks.iter().map(|b| b.link_chars).sum();
        let mut blocks = filter_blocks(page.blocks, preset, &mut dropped);
        drop_orphan_headings(&mut blocks, &mut dropped);
        let page_words = body_words(&blocks);
        tracing::debug!(
            url = url.map(Url::as_str),
            words,
            page_words,
            "extract second candidate"
        );
        let taken = page_words >= FRAGMENT_MAX_WORDS && page_words >= words * gain;
        Ok(taken.then_some(Candidate {
            blocks,
            dropped,
            rendered: page.rendered,
            from_dom: page.from_dom,
            link_chars,
        }))
    }

    /// The second candidate: the page's text blocks outside its furniture and comment
    /// threads (see [`prune::mark_page_text`]), hidden panels included, without the blocks
    /// that are mostly link text. Independent of the container scoring; with `trace`, what
    /// it left out.
    fn page_text(
        &self,
        doc: &Doc,
        threads: Option<&[bool]>,
        render_params: &RenderParams<'_>,
        deadline: &Deadline,
        trace: bool,
    ) -> Result<PageText, ExtractError> {
        let removed = prune::mark_page_text(doc, threads);
        let stats = Stats::compute(doc, &removed);
        deadline.check()?;
        let root = doc.find_tag("body").unwrap_or(0);
        let raw = render::render(doc, &[root], &removed, &stats, render_params);
        let mut dropped = if trace {
            trace::dom_drops(doc, &[root], &removed, &stats, render_params, None)
        } else {
            Vec::new()
        };
        let from_dom = dropped.len();
        let rendered = trace.then(|| raw.iter().map(|r| r.block.clone()).collect());
        let link_dense = |r: &RawBlock| {
            r.chars > 0 && r.link_chars as f32 >= PAGE_TEXT_MAX_LINK_SHARE * r.chars as f32
        };
        let prose_words: usize = raw
            .iter()
            .filter(|r| !link_dense(r))
            .map(|r| crate::article::word_count(&r.block.text))
            .sum();
        // A page whose text outside its furniture is nearly all links is a table of
        // contents, an index or a directory: the links are its content.
        let links_are_content = prose_words < FRAGMENT_MAX_WORDS;
        let mut blocks = Vec::with_capacity(raw.len());
        for r in raw {
            if link_dense(&r) && !links_are_content {
                if trace {
                    dropped.push(dropped_block(&r.block, "link-dense line"));
                }
            } else {
                blocks.push(r);
            }
        }
        Ok(PageText {
            blocks,
            dropped,
            from_dom,
            rendered,
        })
    }
}

/// Whether a body holds a sentence of prose before the page's first comment thread
/// (`thread_start`, a node in document order): a paragraph of at least [`PROSE_MIN_WORDS`]
/// words that ends like a sentence. A story comes before its comments; text after the thread
/// is the page's frame (a cookie or sign-up notice, a footer). Once comment threads are left
/// out, a page without such a sentence has no article beside its thread (a forum, Q&A or
/// guestbook page: titles and labels only) and is read with the thread.
fn has_prose(blocks: &[RawBlock], thread_start: usize) -> bool {
    blocks.iter().any(|b| {
        let text = b.block.text.trim_end();
        b.node < thread_start
            && b.block.kind == BlockKind::Paragraph
            && text.split_whitespace().count() >= PROSE_MIN_WORDS
            && text.ends_with(['.', '!', '?', '…', '。', '！', '？', '"', '”', '»'])
    })
}

/// Words of the shortest sentence that counts as prose (a title or a label has fewer).
const PROSE_MIN_WORDS: usize = 6;

/// Markup-level pass over rendered blocks: paragraphs that are mostly link text (teaser
/// and link lists that survived container cleaning) and, by preset, short link-only lines
/// and link runs at the body's edges. What a line says is the filter stage's business.
fn filter_blocks(
    mut raw: Vec<RawBlock>,
    preset: &Preset,
    dropped: &mut Vec<Dropped>,
) -> Vec<Block> {
    trim_edge_link_runs(&mut raw, preset.min_edge_link_run, dropped);
    let mut kept = Vec::with_capacity(raw.len());
    for r in raw {
        let text = r.block.text.as_str();
        let words = text.split_whitespace().count();
        let reason = if r.chars > 0
            && preset.max_block_link_share < 1.0
            && r.block.kind == BlockKind::Paragraph
            && r.link_chars as f32 >= preset.max_block_link_share * r.chars as f32
            && !is_spelled_out_address(text)
        {
            Some("link-dense line")
        } else if preset.max_link_block_words > 0
            && words <= preset.max_link_block_words
            && r.chars > 0
            && r.link_chars * 10 >= r.chars * 9
        {
            Some("short link-only line")
        } else {
            None
        };
        match reason {
            Some(reason) => dropped.push(dropped_block(&r.block, reason)),
            None => kept.push(r.block),
        }
    }
    kept
}

/// The body's link-line pass: on an article, [`filter_blocks`] and
/// [`drop_orphan_headings`]; on a catalogue body (`catalogue`, see [`is_link_catalogue`]) nothing goes,
/// because there the linked titles and their headings are the items the page lists.
fn link_line_pass(
    raw: Vec<RawBlock>,
    catalogue: bool,
    preset: &Preset,
    dropped: &mut Vec<Dropped>,
) -> Vec<Block> {
    if catalogue {
        return raw.into_iter().map(|r| r.block).collect();
    }
    let mut blocks = filter_blocks(raw, preset, dropped);
    drop_orphan_headings(&mut blocks, dropped);
    blocks
}

/// Share of a catalogue body's words that are link text: a listing, category or search
/// page is a column of linked item titles and cards, so most of its words are links.
const CATALOGUE_MIN_LINK_SHARE: f32 = 0.6;
/// Fewest words of a catalogue body: a page of items, not a lone link box or a stub.
const CATALOGUE_MIN_WORDS: usize = 300;
/// Words of a paragraph of prose outside links; a catalogue has none (its snippets and
/// item labels are shorter, or sit inside the item's link).
const CATALOGUE_MAX_PROSE_WORDS: usize = 30;
/// Link share under which a paragraph counts as text of its own rather than a link card.
const CATALOGUE_PROSE_MAX_LINK_SHARE: f32 = 0.5;

/// Whether a selected body is a catalogue (a listing, category, search or product-grid
/// page): mostly link text, at least [`CATALOGUE_MIN_WORDS`] words, and no paragraph of
/// prose outside links. On such a page the items are the content; an article's link boxes
/// still go, since an article has prose.
fn is_link_catalogue(raw: &[RawBlock]) -> bool {
    let words = |r: &RawBlock| r.block.text.split_whitespace().count();
    let link_share = |r: &RawBlock| {
        if r.chars == 0 {
            0.0
        } else {
            r.link_chars as f32 / r.chars as f32
        }
    };
    let total: usize = raw.iter().map(words).sum();
    let link_words: f32 = raw.iter().map(|r| words(r) as f32 * link_share(r)).sum();
    let prose = raw.iter().any(|r| {
        r.block.kind == BlockKind::Paragraph
            && link_share(r) < CATALOGUE_PROSE_MAX_LINK_SHARE
            && words(r) >= CATALOGUE_MAX_PROSE_WORDS
    });
    total >= CATALOGUE_MIN_WORDS && link_words >= CATALOGUE_MIN_LINK_SHARE * total as f32 && !prose
}

/// A rendered block the extractor dropped, for [`Extractor::explain`].
fn dropped_block(block: &Block, reason: &'static str) -> Dropped {
    Dropped {
        element: trace::block_element(block.kind),
        reason: reason.into(),
        text: block.text.clone(),
        // Found again among the rendered blocks by `trace::place`.
        before: 0,
    }
}

/// Drops link-only blocks that border the body: a run of at least `min_run` of them
/// (headings in between count as part of the run) before the first or after the last block
/// of prose. Such runs are breadcrumbs, "more stories" and tag lists that the container
/// shares with the story; link lists inside the story (tables of contents between
/// paragraphs, reference lists) are left alone, and a body made only of links is kept.
fn trim_edge_link_runs(raw: &mut Vec<RawBlock>, min_run: usize, dropped: &mut Vec<Dropped>) {
    if min_run == 0 {
        return;
    }
    // A spelled-out address is a reference the story gives, not navigation.
    let link_only = |r: &RawBlock| {
        r.chars > 0 && r.link_chars * 10 >= r.chars * 9 && !is_spelled_out_address(&r.block.text)
    };
    let is_heading = |r: &RawBlock| matches!(r.block.kind, BlockKind::Heading(_));
    // Tail: the run may end the body with its own heading ("Related stories").
    let mut end = raw.len();
    let mut links = 0;
    while end > 0 && (link_only(&raw[end - 1]) || is_heading(&raw[end - 1])) {
        links += usize::from(link_only(&raw[end - 1]));
        end -= 1;
    }
    if links >= min_run && end > 0 {
        for r in raw.drain(end..) {
            dropped.push(dropped_block(&r.block, "link run at the body's end"));
        }
    }
    // Head: stop after the last link-only block, so the story's own heading stays.
    let mut start = 0;
    let mut links = 0;
    let mut cut = 0;
    while start < raw.len() && (link_only(&raw[start]) || is_heading(&raw[start])) {
        if link_only(&raw[start]) {
            links += 1;
            cut = start + 1;
        }
        start += 1;
    }
    if links >= min_run && start < raw.len() {
        for r in raw.drain(..cut) {
            dropped.push(dropped_block(&r.block, "link run at the body's start"));
        }
    }
}

/// Longest heading (words) that [`drop_orphan_headings`] treats as a section label.
const ORPHAN_HEADING_MAX_WORDS: usize = 12;

/// Drops headings that head nothing: the body's last block, or a heading followed at once
/// by a heading of the same or a higher rank. What they announced (a teaser box, a
/// "sources" list, a contact card) was cleaned away; the label alone is furniture.
fn drop_orphan_headings(blocks: &mut Vec<Block>, dropped: &mut Vec<Dropped>) {
    let mut keep = vec![true; blocks.len()];
    // Backwards, so a run of stranded headings at the end goes as a whole.
    let mut next_level: Option<u8> = None;
    for (k, b) in blocks.iter().enumerate().rev() {
        // A long heading is a standfirst set as a heading: content, not a label.
        match b.kind {
            BlockKind::Heading(level)
                if b.text.split_whitespace().count() <= ORPHAN_HEADING_MAX_WORDS =>
            {
                if next_level.is_none_or(|n| n <= level) {
                    keep[k] = false;
                } else {
                    next_level = Some(level);
                }
            }
            // Content: the heading before it heads something.
            _ => next_level = Some(u8::MAX),
        }
    }
    let mut k = 0;
    blocks.retain(|b| {
        k += 1;
        if !keep[k - 1] {
            dropped.push(dropped_block(b, "heading without content"));
        }
        keep[k - 1]
    });
}

/// A block that is one e-mail address or URL written out: a link whose text is its own
/// target is a reference the story gives (contact, petition, source), not navigation.
fn is_spelled_out_address(text: &str) -> bool {
    let t = text.trim();
    if t.contains(char::is_whitespace) {
        return false;
    }
    let lower = t.to_ascii_lowercase();
    let email = t
        .split_once('@')
        .is_some_and(|(user, host)| !user.is_empty() && host.contains('.') && !host.contains('@'));
    email
        || lower.starts_with("http://")
        || lower.starts_with("https://")
        || lower.starts_with("www.")
}

/// Drops a leading heading that repeats the title (it is metadata, not body).
fn drop_title_heading(blocks: &mut Vec<Block>, title: Option<&str>, dropped: &mut Vec<Dropped>) {
    let Some(title) = title else { return };
    let t = text_key::text_key(title);
    if t.is_empty() {
        return;
    }
    if let Some(pos) = blocks
        .iter()
        .take(3)
        .position(|b| matches!(b.kind, BlockKind::Heading(_)))
    {
        let h = text_key::text_key(&blocks[pos].text);
        if !h.is_empty()
            && (h == t || (h.len() > 20 && t.contains(&h)) || (t.len() > 20 && h.contains(&t)))
        {
            dropped.push(dropped_block(
                &blocks.remove(pos),
                "heading repeats the title",
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A rendered block of `text`, all of it link text when `linked`, ending at `node`.
    fn raw_block(kind: BlockKind, text: &str, linked: bool, node: usize) -> RawBlock {
        let chars = text.chars().count();
        RawBlock {
            block: Block::new(kind, text),
            link_chars: if linked { chars } else { 0 },
            chars,
            node,
        }
    }

    const PARA: &str = "The council voted on Tuesday, after a long debate, to approve the new budget for schools. ";

    fn page(extra_story: &str) -> String {
        format!(
            "<html lang=en><head><title>Budget approved | City Paper</title></head><body>\
             <header><nav><a href=/>Home</a> <a href=/news>News</a></nav></header>\
             <div class=layout><div id=story><h1>Budget approved</h1><p>{PARA}{PARA}</p><p>{PARA}</p>\
             <p>{PARA}{PARA}{PARA}</p>{extra_story}</div>\
             <div class=rail><ul><li><a href=/1>Other story one</a></li><li><a href=/2>Other story two</a></li></ul></div></div>\
             <footer>Copyright City Paper</footer></body></html>"
        )
    }

    fn extract(html: &str, favor: Favor) -> Article {
        Extractor::new(ExtractConfig {
            favor,
            ..ExtractConfig::default()
        })
        .extract(html, None)
        .unwrap()
    }

    fn text(a: &Article) -> String {
        a.blocks
            .iter()
            .map(|b| b.text.as_str())
            .collect::<Vec<_>>()
            .join("\n\n")
    }

    #[test]
    fn extracts_story_and_drops_furniture() {
        let a = extract(&page(""), Favor::Balanced);
        let t = text(&a);
        assert!(t.contains("approve the new budget"));
        assert!(!t.contains("Other story"));
        assert!(!t.contains("Copyright"));
        assert!(!t.contains("Home"));
        assert_eq!(a.meta.title.as_deref(), Some("Budget approved"));
        assert!(a.blocks.iter().all(|b| !b.text.trim().is_empty()));
        // The heading repeating the title is dropped.
        assert!(
            !a.blocks
                .iter()
                .any(|b| matches!(b.kind, BlockKind::Heading(_)))
        );
    }

    #[test]
    fn split_container_recovered() {
        let html = format!(
            "<body><div id=wrap><div class=part><p>{PARA}{PARA}</p><p>{PARA}</p></div>\
             <div class=ad-slot>Advertisement</div>\
             <div class=part><p>Second half starts here. {PARA}{PARA}</p><p>{PARA}</p></div></div>\
             <div id=links><a href=/x>Unrelated link</a></div></body>"
        );
        let t = text(&extract(&html, Favor::Balanced));
        assert!(t.contains("Second half starts here"));
        assert!(!t.contains("Advertisement"));
        assert!(!t.contains("Unrelated"));
    }

    #[test]
    fn spelled_out_addresses_survive_link_share_filter() {
        let extra = "<p>Questions go to the clerk:</p><p><a href='mailto:clerk@city.example'>clerk@city.example</a></p>\
                     <p><a href=https://petition.example/budget>https://petition.example/budget</a></p>\
                     <p><a href=/other>Another story on this site</a></p>";
        let t = text(&extract(&page(extra), Favor::Balanced));
        assert!(t.contains("clerk@city.example"));
        assert!(t.contains("https://petition.example/budget"));
        assert!(!t.contains("Another story on this site"));
        assert!(is_spelled_out_address("www.example.org/x"));
        assert!(!is_spelled_out_address("Write to us at a@b.c"));
        assert!(!is_spelled_out_address("@handle"));
    }

    /// Issue 15: the extractor removes by markup only. Story sentences that resemble
    /// boilerplate reach the filter stage, which guards them (quotations, shape, place);
    /// markup removals are listed by `explain` with their reason.
    #[test]
    fn issue_15_extractor_keeps_lines_whatever_they_say() {
        let sentences = [
            "'We will not wait another winter,' the mayor told AFP.",
            "Several fishermen said they would support our proposal to extend the quay.",
            "Residents can sign up for the lottery for berths at the town hall.",
            "The plan was first reported by Reuters.",
            "«Más barcos y menos promesas», resumió el presidente de la cofradía.",
        ];
        let extra: String = sentences.iter().map(|s| format!("<p>{s}</p>")).collect();
        let extra = format!(
            "{extra}<aside class=related><a href=/a>Harbour fees rise again</a> \
             <a href=/b>Ferry timetable changes</a></aside><p>{PARA}</p>"
        );
        let (a, dropped) = Extractor::new(ExtractConfig::default())
            .explain(&page(&extra), None)
            .unwrap();
        let t = text(&a);
        for s in sentences {
            assert!(t.contains(s), "lost {s:?} in {t}");
        }
        assert!(!t.contains("Harbour fees"));
        let shown: Vec<String> = dropped.iter().map(ToString::to_string).collect();
        assert!(
            shown.iter().any(|d| d.starts_with(
                "extract: dropped <aside class=related> (furniture tag): Harbour fees rise again"
            )),
            "{shown:?}"
        );
        // The heading repeating the title is listed too.
        assert!(
            shown
                .iter()
                .any(|d| d == "extract: dropped <h1> (heading repeats the title): Budget approved"),
            "{shown:?}"
        );
    }

    #[test]
    fn presets_differ() {
        // A short sibling sentence (recall and balanced keep it, precision drops it), a
        // link-only paragraph and a link-heavy box (only recall keeps them).
        let extra = "<p><a href=/more>See the full budget document</a></p>";
        let html = format!(
            "<body><div id=main><div id=story><p>{PARA}{PARA}</p><p>{PARA}</p><p>{PARA}{PARA}</p><p>{PARA}{PARA}</p>{extra}\
             <div class=box>Earlier: <a href=/a>Budget talks stall in committee</a> and more.</div></div>\
             <p>Officials agreed.</p></div></body>"
        );
        let p = text(&extract(&html, Favor::Precision));
        let b = text(&extract(&html, Favor::Balanced));
        let r = text(&extract(&html, Favor::Recall));
        assert!(!p.contains("See the full budget document"));
        assert!(!b.contains("See the full budget document"));
        assert!(r.contains("See the full budget document"));
        assert!(!p.contains("Officials agreed."));
        assert!(b.contains("Officials agreed."));
        assert!(!b.contains("Budget talks stall"));
        assert!(r.contains("Budget talks stall"));
        assert_ne!(p, b);
        assert_ne!(b, r);
    }

    #[test]
    fn link_runs_at_the_edges_of_the_body_are_dropped() {
        let block = |kind, text: &str, linked: bool| raw_block(kind, text, linked, 0);
        let story = "The council approved the budget after a long debate on Tuesday evening.";
        let para = |text| block(BlockKind::Paragraph, text, false);
        let link = |text| block(BlockKind::ListItem, text, true);
        let heading = |text, linked| block(BlockKind::Heading(2), text, linked);
        let blocks = vec![
            link("Home"),
            link("Politics"),
            heading("Budget approved", false),
            para(story),
            link("Budget document (PDF)"),
            para(story),
            heading("More stories", false),
            link("Schools reopen on Monday"),
            link("New bridge opens downtown"),
        ];
        let mut kept = blocks;
        trim_edge_link_runs(&mut kept, 2, &mut Vec::new());
        let texts: Vec<&str> = kept.iter().map(|b| b.block.text.as_str()).collect();
        // The story's own heading and the link inside the story stay.
        assert_eq!(
            texts,
            ["Budget approved", story, "Budget document (PDF)", story]
        );

        // One link at an edge is not a run; a body of links alone is left alone.
        let mut kept = vec![para(story), link("Schools reopen on Monday")];
        trim_edge_link_runs(&mut kept, 2, &mut Vec::new());
        assert_eq!(kept.len(), 2);
        let mut kept = vec![link("Schools reopen"), link("New bridge opens")];
        trim_edge_link_runs(&mut kept, 2, &mut Vec::new());
        assert_eq!(kept.len(), 2);
        // Balanced trims edge runs, recall keeps them.
        let edge_run = || {
            vec![
                para(story),
                link("Schools reopen"),
                link("New bridge opens"),
            ]
        };
        assert_eq!(
            filter_blocks(edge_run(), &Preset::of(Favor::Balanced), &mut Vec::new()).len(),
            1
        );
        // The recall preset keeps edge runs.
        let kept = filter_blocks(
            vec![
                para(story),
                link("Schools reopen"),
                link("New bridge opens"),
            ],
            &Preset::of(Favor::Recall),
            &mut Vec::new(),
        );
        assert_eq!(kept.len(), 3);
    }

    #[test]
    fn prose_after_the_thread_is_not_the_story() {
        let para = |text: &str, node| raw_block(BlockKind::Paragraph, text, false, node);
        let notice = "We have placed cookies on your device to help make this website better.";
        let story = "A short post about a dress, with a photo, and few words.";
        // The thread starts at node 10: a notice after it is the page's frame.
        assert!(!has_prose(&[para("Sign Up", 3), para(notice, 40)], 10));
        // A short story before its comments is prose.
        assert!(has_prose(&[para(story, 5), para(notice, 40)], 10));
        // Labels alone are not.
        assert!(!has_prose(&[para("Leaderboard", 5)], 10));
    }

    #[test]
    fn a_catalogue_body_keeps_its_linked_items() {
        let block = |kind, text: &str, linked: bool| raw_block(kind, text, linked, 0);
        // A category page: linked titles, each with a linked card line of a few words.
        let items = |n: usize| -> Vec<RawBlock> {
            (0..n)
                .flat_map(|i| {
                    [
                        block(
                            BlockKind::Heading(3),
                            &format!("Item {i} in the range"),
                            true,
                        ),
                        block(
                            BlockKind::Paragraph,
                            &format!("Card {i}: a short summary of what the item is, in a line"),
                            true,
                        ),
                        block(BlockKind::Paragraph, "New", false),
                    ]
                })
                .collect()
        };
        let catalogue = items(20);
        assert!(is_link_catalogue(&catalogue));
        let kept = link_line_pass(
            catalogue,
            true,
            &Preset::of(Favor::Balanced),
            &mut Vec::new(),
        );
        assert_eq!(kept.len(), 60);

        // A short link box is not a catalogue: its link-dense lines go.
        assert!(!is_link_catalogue(&items(3)));
        let kept = link_line_pass(
            items(3),
            false,
            &Preset::of(Favor::Balanced),
            &mut Vec::new(),
        );
        assert!(kept.len() < 9);

        // A story with a long teaser list is still an article: it has prose.
        let story = "The council approved the budget after a long debate on Tuesday evening, \
                     and the mayor said the new schools would open in the spring once the \
                     builders had finished the work on the roofs and the halls.";
        let mut article = vec![block(BlockKind::Paragraph, story, false)];
        article.extend(items(20));
        assert!(!is_link_catalogue(&article));
        let kept = link_line_pass(
            article,
            false,
            &Preset::of(Favor::Balanced),
            &mut Vec::new(),
        );
        assert!(kept.iter().all(|b| !b.text.starts_with("Card")));
    }

    #[test]
    fn render_filter_drops_by_links_only() {
        let raw = |kind, text: &str, link_chars| RawBlock {
            block: Block::new(kind, text),
            link_chars,
            chars: text.chars().count(),
            node: 0,
        };
        let story = "The council approved the budget after a long debate on Tuesday evening.";
        let blocks = vec![
            raw(BlockKind::Paragraph, "16. Oktober 2019 | Politik", 0),
            raw(BlockKind::Paragraph, story, 0),
            raw(
                BlockKind::Caption,
                "The mayor in the council chamber. (Foto: dpa)",
                0,
            ),
            raw(
                BlockKind::Paragraph,
                "Lesen Sie auch: Neue Schulen für die Stadt",
                20,
            ),
            raw(BlockKind::Paragraph, "Share this article", 0),
            raw(BlockKind::Paragraph, "Other headline as a link", 24),
            raw(BlockKind::Paragraph, story, 0),
            raw(BlockKind::Paragraph, story, 0),
            raw(BlockKind::Paragraph, story, 0),
            raw(
                BlockKind::Paragraph,
                "Wir verwenden Cookies, um die Seite zu verbessern.",
                0,
            ),
        ];
        let mut dropped = Vec::new();
        let kept = filter_blocks(blocks, &Preset::of(Favor::Balanced), &mut dropped);
        // Only the link-dense line goes; what the others say is the filter stage's business.
        assert_eq!(kept.len(), 9);
        assert_eq!(dropped.len(), 1);
        assert_eq!(
            dropped[0].to_string(),
            "extract: dropped <p> (link-dense line): Other headline as a link"
        );
    }

    #[test]
    fn thin_page_recovers_noscript_markup() {
        let html = format!(
            "<html><head><title>Post</title></head><body><div class=header>Blog name</div>\
             <div class=post-body><script type=text/template>ignored</script>\
             <noscript><p>{PARA}{PARA}</p><p>{PARA}</p><p>{PARA}{PARA}</p><p>{PARA}</p></noscript>\
             </div></body></html>"
        );
        let t = text(&extract(&html, Favor::Balanced));
        assert!(t.contains("approve the new budget"), "{t}");
        assert!(!t.contains("Blog name"));
    }

    #[test]
    fn thin_page_recovers_json_ld_article_body() {
        let body = format!("{PARA}{PARA}\\n{PARA}{PARA}\\n{PARA}{PARA}");
        let html = format!(
            "<html><head><script type=\"application/ld+json\">\
             {{\"@type\":\"NewsArticle\",\"headline\":\"Budget\",\"articleBody\":\"{body}\"}}\
             </script></head><body><div id=app><p>Budget approved: the council voted on Tuesday.</p></div></body></html>"
        );
        let a = extract(&html, Favor::Balanced);
        assert_eq!(a.blocks.len(), 3, "{:?}", a.blocks);
        assert!(text(&a).contains("approve the new budget"));
        // A full DOM body is not replaced by a declared one of similar length.
        let full = page(&format!(
            "<script type=\"application/ld+json\">{{\"@type\":\"NewsArticle\",\"articleBody\":\"Declared text only. {PARA}\"}}</script>"
        ));
        assert!(!text(&extract(&full, Favor::Balanced)).contains("Declared text only"));
    }

    #[test]
    fn hidden_tab_panels_and_gallery_pages_are_kept() {
        let tabs = format!(
            "<body><div id=recipe><ul class=tabs><li><a href=#t1>Ingredients</a></li>\
             <li><a href=#t2>Method</a></li></ul>\
             <div id=t1 class=panel><p>{PARA}</p><p>Two cups of rice, washed and drained well.</p></div>\
             <div id=t2 class=panel style='display:none'><p>Hidden method step. {PARA}{PARA}</p></div>\
             <div id=share style='display:none'>Share on social networks now</div></div></body>"
        );
        let t = text(&extract(&tabs, Favor::Balanced));
        assert!(t.contains("Hidden method step"), "{t}");
        assert!(t.contains("Two cups of rice"), "{t}");
        assert!(!t.contains("Share on social"), "{t}");
        let gallery = format!(
            "<body><article><div class=page><p>{PARA}{PARA}</p></div>\
             <div class='page hidden' style='display: none'><p>Second gallery page. {PARA}</p></div>\
             </article></body>"
        );
        let t = text(&extract(&gallery, Favor::Balanced));
        assert!(t.contains("Second gallery page"), "{t}");
    }

    #[test]
    fn a_fragment_gives_way_to_the_page_text() {
        // The content sits in a wrapper marked as a tab list and a collapsed panel; the
        // scored container is a two-line teaser.
        let service = format!(
            "<body><header><a href=/>Town</a> <a href=/a>Account</a></header>\
             <nav><a href=/gov>Government</a> <a href=/dep>Departments</a></nav>\
             <div class=teaser><p>Looking to build? Start here by clicking the link!</p></div>\
             <div role=tablist><div role=tab>Info</div><div>\
             <p>Building permits are required for new homes and additions. {PARA}</p>\
             <p>Inspections are scheduled by phone two days ahead. {PARA}</p></div></div>\
             <div aria-hidden=true><p>Fees are listed in the town code. {PARA}</p></div>\
             <ul><li><a href=/1>Related page one</a></li><li><a href=/2>Related page two</a></li></ul>\
             <footer>Copyright Town</footer></body>"
        );
        let t = text(&extract(&service, Favor::Balanced));
        assert!(t.contains("Building permits are required"), "{t}");
        assert!(t.contains("Fees are listed"), "{t}");
        assert!(!t.contains("Government"), "{t}");
        assert!(!t.contains("Related page one"), "{t}");
        assert!(!t.contains("Copyright"), "{t}");
        // A short page whose other text is furniture keeps its short body.
        let short = "<body><nav><a href=/>Home</a> <a href=/n>News</a></nav>\
                     <article><p>The bridge reopens on Monday after repairs, the city said.</p></article>\
                     <footer>Copyright City Paper, all rights reserved, since 1901</footer></body>";
        let t = text(&extract(short, Favor::Balanced));
        assert_eq!(
            t,
            "The bridge reopens on Monday after repairs, the city said."
        );
    }

    #[test]
    fn text_after_an_unclosed_named_anchor_is_not_link_text() {
        // Older pages open each section with `<a name=...>` and never close it: the parser
        // wraps the rest of the page in the anchor, which is no link.
        let sections: String = (0..4)
            .map(|k| {
                format!("<a name=s{k}><h3>Section {k}</h3><p>Section {k} says this. {PARA}</p>")
            })
            .collect();
        let html = format!(
            "<html><body><p><a href=/>Home</a> | <a href=/about>About</a></p>\
             <p>The guide opens here. {PARA}</p>{sections}</body></html>"
        );
        let t = text(&extract(&html, Favor::Balanced));
        assert!(t.contains("The guide opens here"), "{t}");
        assert!(t.contains("Section 0 says this"), "{t}");
        assert!(t.contains("Section 3 says this"), "{t}");
        // Link text is still link text: an unclosed link wraps its section (up to the next
        // `<a>`, which closes it), and that section goes as a link-dense line.
        let linked = html.replace("<a name=s2>", "<a href=/elsewhere>");
        let t = text(&extract(&linked, Favor::Balanced));
        assert!(!t.contains("Section 2 says this"), "{t}");
        assert!(t.contains("Section 3 says this"), "{t}");
    }

    #[test]
    fn an_undated_page_of_several_sections_is_read_whole() {
        // The scored container is the intro of a service page; its offers sit in cards in a
        // side column and are as much its content. A dated page is a story: the text beside
        // its body stays out.
        let cards: String = (0..8)
            .map(|k| format!("<div class=card><h3>Card {k}</h3><p>Offer {k} is described here. {PARA}</p></div>"))
            .collect();
        let page = |head: &str| {
            format!(
                "<html><head>{head}</head><body><nav><a href=/>Home</a> <a href=/s>Services</a></nav>\
                 <main><div class=intro><p>We plan data platforms for banks. {PARA}</p><p>{PARA}</p></div>\
                 <aside class=sidebar>{cards}</aside></main>\
                 <footer>Copyright Example Consulting</footer></body></html>"
            )
        };
        let t = text(&extract(&page(""), Favor::Balanced));
        assert!(t.contains("We plan data platforms"), "{t}");
        assert!(t.contains("Offer 0 is described"), "{t}");
        assert!(t.contains("Offer 7 is described"), "{t}");
        assert!(!t.contains("Services"), "{t}");
        assert!(!t.contains("Copyright"), "{t}");
        let dated = page("<meta property=\"article:published_time\" content=\"2024-05-02\">");
        let t = text(&extract(&dated, Favor::Balanced));
        assert!(t.contains("We plan data platforms"), "{t}");
        assert!(!t.contains("Offer 0 is described"), "{t}");
        // The date an SEO plugin stamps on every page's `WebPage` node does not make a story;
        // beside an `Article` node (a post) it does.
        let ld = |graph: &str| {
            page(&format!(
                "<script type=\"application/ld+json\">{{\"@context\":\"https://schema.org\",\"@graph\":[{graph}]}}</script>"
            ))
        };
        let web_page =
            r#"{"@type":"WebPage","name":"Services","datePublished":"2021-03-10T17:31:20+00:00"}"#;
        let t = text(&extract(&ld(web_page), Favor::Balanced));
        assert!(t.contains("Offer 7 is described"), "{t}");
        let post = format!(r#"{web_page},{{"@type":"BlogPosting","headline":"Services"}}"#);
        let t = text(&extract(&ld(&post), Favor::Balanced));
        assert!(!t.contains("Offer 0 is described"), "{t}");
        // So is a page with a comment thread.
        let commented = page("").replace(
            "</main>",
            "</main><div id=comments><ol class=commentlist><li class=comment>\
             <div class=comment-body><p>Nice work.</p></div></li></ol></div>",
        );
        let t = text(&extract(&commented, Favor::Balanced));
        assert!(t.contains("We plan data platforms"), "{t}");
        assert!(!t.contains("Offer 0 is described"), "{t}");
    }

    #[test]
    fn comment_thread_never_becomes_the_body() {
        // A short post under a long thread: the lenient passes (class tokens off) used to
        // take the comments.
        let comment = |k: u32| {
            format!(
                "<li class=\"comment depth-1\"><div class=comment-author><cite>Reader {k}</cite></div>\
                 <div class=comment-body><p>Comment {k}: {PARA}{PARA}</p></div>\
                 <a class=comment-reply-link href=#respond>Reply</a></li>"
            )
        };
        let thread: String = (1..6).map(comment).collect();
        let html = format!(
            "<html><head><title>Dress</title></head><body><div class=post><h1>Dress</h1>\
             <div class=entry><p>A short post about a dress, with a photo, and few words.</p></div></div>\
             <div id=comments><ol class=commentlist>{thread}</ol></div></body></html>"
        );
        let t = text(&extract(&html, Favor::Balanced));
        assert!(t.contains("A short post about a dress"), "{t}");
        assert!(!t.contains("Comment 3"), "{t}");
        // A forum page is its thread: with nothing else on the page it is read.
        let forum = format!("<html><body><div id=comments><ol>{thread}</ol></div></body></html>");
        let t = text(&extract(&forum, Favor::Balanced));
        assert!(t.contains("Comment 3"), "{t}");
    }

    #[test]
    fn no_content_is_an_error() {
        let e =
            Extractor::new(ExtractConfig::default()).extract("<html><body></body></html>", None);
        assert_eq!(e, Err(ExtractError::NoContent));
    }

    #[test]
    fn deep_page_does_not_overflow() {
        let depth = 100_000;
        let mut html = String::with_capacity(depth * 12);
        html.push_str("<html><body>");
        for _ in 0..depth {
            html.push_str("<div>");
        }
        html.push_str("<p>Deep text, with a comma, inside a very deep page structure here.</p>");
        for _ in 0..depth {
            html.push_str("</div>");
        }
        html.push_str("</body></html>");
        // Run on a thread with a small stack to prove the walk is not recursive.
        let handle = std::thread::Builder::new()
            .stack_size(256 * 1024)
            .spawn(move || {
                let a = Extractor::new(ExtractConfig::default())
                    .extract(&html, None)
                    .unwrap();
                text(&a)
            })
            .unwrap();
        let t = handle.join().unwrap();
        assert!(t.contains("Deep text"));
    }

    #[test]
    fn config_rejects_unknown_fields() {
        let ok: ExtractConfig = toml::from_str("favor = 'recall'\ninclude_tables = false").unwrap();
        assert_eq!(ok.favor, Favor::Recall);
        assert!(!ok.include_tables);
        assert!(toml::from_str::<ExtractConfig>("favour = 'recall'").is_err());
    }

    #[test]
    fn orphan_headings_dropped() {
        use BlockKind::{Heading, Paragraph};
        let standfirst =
            "A long standfirst set as a heading, which tells the reader what the story is about";
        let mut blocks = vec![
            Block::new(Heading(2), "Section"),
            Block::new(Paragraph, "Story text."),
            Block::new(Heading(2), standfirst),
            Block::new(Heading(2), "Most read"),
            Block::new(Heading(3), "Subsection"),
            Block::new(Paragraph, "More story text."),
            Block::new(Heading(3), "Most discussed"),
            Block::new(Heading(2), "Contact"),
        ];
        drop_orphan_headings(&mut blocks, &mut Vec::new());
        let texts: Vec<&str> = blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "Section",
                "Story text.",
                standfirst,
                "Most read",
                "Subsection",
                "More story text."
            ]
        );
    }
}
