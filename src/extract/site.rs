//! Per-site selectors (`[[site]]` in pipeline.toml): for a source a user knows, CSS
//! selectors name the article container (`body`) and the elements to remove (`drop`).
//!
//! Page -> [`SitePlan`]: applied on the extractor's own tree ([`Doc`]) before scoring.
//! `drop` goes first: each matching element is removed with its subtree, whatever the
//! markup rules think of it, and listed in `explain` as `site drop: <selector>`. Then the
//! outermost elements that `body` matches (outside what `drop` removed) are the article
//! container, in page order, and scoring is skipped; the usual clean-up inside the container
//! still runs. A `body` that matches nothing leaves the page to scoring, and `explain` says so.
//!
//! Selectors are parsed once, when the config is read ([`CssSelector`]'s `Deserialize`), so
//! a selector that does not parse is a config error that names its line. They are matched
//! with the `selectors` crate (the engine under `scraper` and Servo) through an
//! [`Element`] view of [`Doc`]; the pre-pass drops the attributes extraction never reads, so
//! the attributes a site's selectors name are kept for that site's pages
//! ([`Site::attrs`]).
//!
//! A site's `host` matches the page's host exactly, lower-cased and with a leading `www.`
//! ignored on both sides: `example.com` covers `www.example.com` but not
//! `news.example.com` (a subdomain is its own site, with its own markup).

use std::fmt;

use cssparser::{ParseError, ParseErrorKind, ToCss};
use selectors::attr::{AttrSelectorOperation, CaseSensitivity, NamespaceConstraint};
use selectors::bloom::BloomFilter;
use selectors::context::{
    MatchingContext, MatchingForInvalidation, MatchingMode, NeedsSelectorFlags, QuirksMode,
    SelectorCaches,
};
use selectors::matching::{ElementSelectorFlags, matches_selector_list};
use selectors::parser::{ParseRelative, SelectorParseErrorKind};
use selectors::visitor::SelectorVisitor;
use selectors::{Element, OpaqueElement, SelectorImpl, SelectorList};
use serde::Deserialize;
use url::Url;

use super::dom::{Doc, Elem, NodeData};
use super::trace::{self, Dropped, SiteChoice};

/// One `[[site]]` table of pipeline.toml, as written (selectors already parsed).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiteConfig {
    /// The site's host (`example.com`); a leading `www.` is ignored, subdomains are other
    /// sites.
    pub host: String,
    /// The article container. When it matches nothing on a page, the page is scored as
    /// usual.
    #[serde(default)]
    pub body: Option<CssSelector>,
    /// Elements removed (with everything inside) before the container is chosen.
    #[serde(default)]
    pub drop: Vec<CssSelector>,
}

/// A CSS selector list, parsed when the config is read. Equal when written alike.
#[derive(Clone)]
pub struct CssSelector {
    source: String,
    list: SelectorList<Css>,
}

impl CssSelector {
    /// Parses a selector list (`div.story, article > .body`).
    ///
    /// # Errors
    /// What is wrong with it, and where (column in the selector).
    pub fn parse(source: &str) -> Result<Self, String> {
        let mut parser = cssparser::Parser::new(source);
        match SelectorList::parse(&CssParser, &mut parser, ParseRelative::No) {
            Ok(list) => Ok(Self {
                source: source.to_owned(),
                list,
            }),
            Err(e) => Err(describe(
                source,
                &e,
                parser.current_source_location().column,
            )),
        }
    }

    /// The selector as written.
    pub fn as_str(&self) -> &str {
        &self.source
    }

    fn matches(&self, doc: &Doc, i: usize, caches: &mut SelectorCaches) -> bool {
        let mut context = MatchingContext::new(
            MatchingMode::Normal,
            None,
            caches,
            QuirksMode::NoQuirks,
            NeedsSelectorFlags::No,
            MatchingForInvalidation::No,
        );
        matches_selector_list(&self.list, Node { doc, i }, &mut context)
    }

    /// Lower-case names of the attributes the selector tests.
    fn attr_names(&self, out: &mut Vec<String>) {
        struct Names<'a>(&'a mut Vec<String>);
        impl SelectorVisitor for Names<'_> {
            type Impl = Css;
            fn visit_attribute_selector(
                &mut self,
                _: &NamespaceConstraint<&CssString>,
                _: &CssString,
                lower: &CssString,
            ) -> bool {
                if !self.0.contains(&lower.0) {
                    self.0.push(lower.0.clone());
                }
                true
            }
        }
        for selector in self.list.slice() {
            selector.visit(&mut Names(out));
        }
    }
}

impl fmt::Debug for CssSelector {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "CssSelector({:?})", self.source)
    }
}

impl PartialEq for CssSelector {
    fn eq(&self, other: &Self) -> bool {
        self.source == other.source
    }
}

impl Eq for CssSelector {}

impl<'de> Deserialize<'de> for CssSelector {
    /// Parses while the string is being read, so that toml points its error at the
    /// selector itself (an element of a `drop` list on its own line), not at the list.
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Selector;
        impl serde::de::Visitor<'_> for Selector {
            type Value = CssSelector;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a CSS selector")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<CssSelector, E> {
                CssSelector::parse(v).map_err(E::custom)
            }
        }
        d.deserialize_str(Selector)
    }
}

/// `invalid CSS selector "div[": unexpected end of input at column 5`.
fn describe(source: &str, e: &ParseError<SelectorParseErrorKind>, column: u32) -> String {
    let what = match &e.kind {
        ParseErrorKind::Basic(cssparser::BasicParseErrorKind::EndOfInput) => {
            "unexpected end of input".to_owned()
        }
        ParseErrorKind::Basic(cssparser::BasicParseErrorKind::UnexpectedToken) => {
            "unexpected token".to_owned()
        }
        ParseErrorKind::Basic(other) => format!("{other:?}"),
        ParseErrorKind::Custom(kind) => match kind {
            SelectorParseErrorKind::EmptySelector => "empty selector",
            SelectorParseErrorKind::DanglingCombinator => "a combinator with nothing after it",
            SelectorParseErrorKind::ClassNeedsIdent => "a class name must follow `.`",
            SelectorParseErrorKind::UnsupportedPseudoClassOrElement => {
                "unsupported pseudo-class or pseudo-element (states such as :hover mean nothing \
                 on a page at rest; structural ones such as :first-child work)"
            }
            SelectorParseErrorKind::NoQualifiedNameInAttributeSelector
            | SelectorParseErrorKind::InvalidQualNameInAttr => "an attribute name must follow `[`",
            SelectorParseErrorKind::BadValueInAttr => "bad attribute value",
            SelectorParseErrorKind::UnexpectedIdent => "unexpected name",
            other => {
                return format!("invalid CSS selector {source:?}: {other:?} near column {column}");
            }
        }
        .to_owned(),
    };
    format!("invalid CSS selector {source:?}: {what} near column {column}")
}

/// Compiled `[[site]]` tables: which site (if any) a page belongs to.
#[derive(Debug, Clone, Default)]
pub struct Sites {
    sites: Vec<Site>,
}

/// One site, ready to apply.
#[derive(Debug, Clone)]
pub(crate) struct Site {
    /// Host key: lower-case, no leading `www.`.
    host: String,
    body: Option<CssSelector>,
    drop: Vec<CssSelector>,
    /// Attributes the selectors test, kept by the pre-pass on this site's pages.
    pub attrs: Vec<String>,
}

impl Sites {
    /// Checks the `[[site]]` tables: each host is a bare host name, given once.
    ///
    /// # Errors
    /// Every problem, each naming its key path (`site[1].host: ...`).
    pub fn build(configs: &[SiteConfig]) -> Result<Self, Vec<String>> {
        let mut problems = Vec::new();
        let mut sites: Vec<Site> = Vec::with_capacity(configs.len());
        for (k, c) in configs.iter().enumerate() {
            let Some(host) = config_host(&c.host) else {
                problems.push(format!(
                    "site[{k}].host: {:?} is not a host name (write it as example.com, \
                     without scheme, port or path)",
                    c.host
                ));
                continue;
            };
            if let Some(first) = sites.iter().position(|s| s.host == host) {
                problems.push(format!(
                    "site[{k}].host: {host:?} is already given by site[{first}]; \
                     put its selectors in one table"
                ));
                continue;
            }
            let mut attrs = Vec::new();
            for s in c.body.iter().chain(&c.drop) {
                s.attr_names(&mut attrs);
            }
            sites.push(Site {
                host,
                body: c.body.clone(),
                drop: c.drop.clone(),
                attrs,
            });
        }
        if problems.is_empty() {
            Ok(Self { sites })
        } else {
            Err(problems)
        }
    }

    /// The site a page at `url` belongs to.
    pub(crate) fn for_url(&self, url: Option<&Url>) -> Option<&Site> {
        if self.sites.is_empty() {
            return None;
        }
        let host = host_key(url?.host_str()?);
        self.sites.iter().find(|s| s.host == host)
    }
}

/// A host as sites are keyed: lower-case, without a trailing dot or a leading `www.`.
fn host_key(host: &str) -> String {
    let host = host.trim().trim_end_matches('.').to_lowercase();
    match host.strip_prefix("www.") {
        Some(rest) => rest.to_owned(),
        None => host,
    }
}

/// A `host` as written in the config, keyed as page hosts are (URL parsing lower-cases it
/// and writes international names in Punycode, as page URLs are); `None` when it is not a
/// bare host name.
fn config_host(written: &str) -> Option<String> {
    let written = written.trim();
    if written.is_empty() || written.contains(['/', ':', '@', '?', '#', '*', ' ', '\\']) {
        return None;
    }
    let url = Url::parse(&format!("http://{written}/")).ok()?;
    let key = host_key(url.host_str()?);
    (!key.is_empty()).then_some(key)
}

/// What a site's selectors decided on one page.
#[derive(Debug)]
pub(crate) struct SitePlan {
    /// Per node: removed by a `drop` selector (whole subtrees).
    pub dropped: Vec<bool>,
    /// The article container chosen by `body`, outermost matches in page order; `None` when
    /// the site has no `body` or it matched nothing.
    pub body: Option<Vec<usize>>,
    /// What `drop` removed that holds text, for `explain`.
    pub drops: Vec<Dropped>,
    /// What `body` chose, for `explain`.
    pub choice: SiteChoice,
}

impl Site {
    /// Applies the site's selectors to a page.
    pub(crate) fn plan(&self, doc: &Doc) -> SitePlan {
        let n = doc.nodes.len();
        let mut caches = SelectorCaches::default();
        let mut dropped = vec![false; n];
        let mut drops = Vec::new();
        let mut i = 0;
        while i < n {
            let hit = doc
                .elem(i)
                .and_then(|_| self.drop.iter().find(|s| s.matches(doc, i, &mut caches)));
            match hit {
                Some(selector) => {
                    let end = doc.nodes[i].end;
                    dropped[i..end].iter_mut().for_each(|d| *d = true);
                    drops.extend(trace::site_drop(doc, i, selector.as_str()));
                    i = end;
                }
                None => i += 1,
            }
        }
        let body = self.body.as_ref().and_then(|selector| {
            let mut roots = Vec::new();
            let mut i = 0;
            while i < n {
                if !dropped[i] && doc.elem(i).is_some() && selector.matches(doc, i, &mut caches) {
                    roots.push(i);
                    i = doc.nodes[i].end;
                } else {
                    i += 1;
                }
            }
            (!roots.is_empty()).then_some(roots)
        });
        let choice = SiteChoice {
            host: self.host.clone(),
            body: self.body.as_ref().map(|s| s.as_str().to_owned()),
            chosen: body
                .iter()
                .flatten()
                .map(|&r| trace::start_tag(doc, r))
                .collect(),
        };
        SitePlan {
            dropped,
            body,
            drops,
            choice,
        }
    }
}

impl SitePlan {
    /// Applies the plan to a pass's removal marks: the chosen container is kept whatever
    /// the markup rules said of it (the user named it), and what `drop` names is removed.
    pub(crate) fn apply(&self, doc: &Doc, removed: &mut [bool]) {
        for &root in self.body.iter().flatten() {
            if removed[root] {
                removed[root..doc.nodes[root].end]
                    .iter_mut()
                    .for_each(|r| *r = false);
            }
        }
        removed
            .iter_mut()
            .zip(&self.dropped)
            .for_each(|(r, &d)| *r |= d);
    }
}

// ---- the `selectors` crate's view of the tree ----

/// Strings in parsed selectors (names, classes, attribute values).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CssString(String);

impl From<&str> for CssString {
    fn from(s: &str) -> Self {
        Self(s.to_owned())
    }
}

impl AsRef<str> for CssString {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl ToCss for CssString {
    fn to_css<W: fmt::Write>(&self, dest: &mut W) -> fmt::Result {
        cssparser::serialize_identifier(&self.0, dest)
    }
}

impl precomputed_hash::PrecomputedHash for CssString {
    /// FNV-1a over the bytes (only the selectors' Bloom filter reads it; none is used here).
    fn precomputed_hash(&self) -> u32 {
        self.0.bytes().fold(0x811c_9dc5_u32, |h, b| {
            (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
        })
    }
}

/// No pseudo-classes or pseudo-elements beyond the structural ones the crate knows
/// (`:first-child`, `:nth-of-type()`, `:not()`, `:is()`, ...): states like `:hover` mean
/// nothing on a page at rest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NoPseudo {}

impl ToCss for NoPseudo {
    fn to_css<W: fmt::Write>(&self, _: &mut W) -> fmt::Result {
        match *self {}
    }
}

impl selectors::parser::NonTSPseudoClass for NoPseudo {
    fn is_active_or_hover(&self) -> bool {
        match *self {}
    }
    fn is_user_action_state(&self) -> bool {
        match *self {}
    }
}

impl selectors::parser::PseudoElement for NoPseudo {}

/// The selector types for pages (`selectors::SelectorImpl`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Css;

impl SelectorImpl for Css {
    type ExtraMatchingData<'a> = ();
    type AttrValue = CssString;
    type Identifier = CssString;
    type LocalName = CssString;
    type NamespaceUrl = CssString;
    type NamespacePrefix = CssString;
    type BorrowedNamespaceUrl = CssString;
    type BorrowedLocalName = CssString;
    type NonTSPseudoClass = NoPseudo;
    type PseudoElement = NoPseudo;
}

/// The selector parser: the crate's defaults plus `:is()` and `:where()`.
struct CssParser;

impl selectors::Parser<'_> for CssParser {
    type Impl = Css;
    type Error = SelectorParseErrorKind;

    fn parse_is_and_where(&self) -> bool {
        true
    }
}

/// An element of the page, as the `selectors` crate sees it.
#[derive(Clone, Copy)]
struct Node<'a> {
    doc: &'a Doc,
    i: usize,
}

impl fmt::Debug for Node<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "<{}>#{}", self.doc.tag(self.i), self.i)
    }
}

impl<'a> Node<'a> {
    fn at(&self, i: usize) -> Option<Self> {
        self.doc.elem(i).map(|_| Self { doc: self.doc, i })
    }

    fn elem(&self) -> &'a Elem {
        self.doc
            .elem(self.i)
            .expect("a selector node is always an element")
    }

    fn attr(&self, name: &str) -> Option<&'a str> {
        self.elem()
            .attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// The parent's children and this node's place among them.
    fn siblings(&self) -> Option<(&'a [usize], usize)> {
        let parent = self.doc.nodes[self.i].parent?;
        let kids = &self.doc.nodes[parent].children;
        kids.binary_search(&self.i)
            .ok()
            .map(|k| (kids.as_slice(), k))
    }
}

impl Element for Node<'_> {
    type Impl = Css;

    fn opaque(&self) -> OpaqueElement {
        OpaqueElement::new(&self.doc.nodes[self.i])
    }

    fn parent_element(&self) -> Option<Self> {
        self.at(self.doc.nodes[self.i].parent?)
    }

    fn parent_node_is_shadow_root(&self) -> bool {
        false
    }

    fn containing_shadow_host(&self) -> Option<Self> {
        None
    }

    fn is_pseudo_element(&self) -> bool {
        false
    }

    fn prev_sibling_element(&self) -> Option<Self> {
        let (kids, k) = self.siblings()?;
        kids[..k].iter().rev().find_map(|&j| self.at(j))
    }

    fn next_sibling_element(&self) -> Option<Self> {
        let (kids, k) = self.siblings()?;
        kids[k + 1..].iter().find_map(|&j| self.at(j))
    }

    fn first_element_child(&self) -> Option<Self> {
        self.doc.nodes[self.i]
            .children
            .iter()
            .find_map(|&j| self.at(j))
    }

    fn is_html_element_in_html_document(&self) -> bool {
        true
    }

    fn has_local_name(&self, name: &CssString) -> bool {
        self.elem().tag == name.0
    }

    fn has_namespace(&self, ns: &CssString) -> bool {
        // The tree keeps no namespaces: every element is taken as HTML.
        ns.0.is_empty() || ns.0 == "http://www.w3.org/1999/xhtml"
    }

    fn is_same_type(&self, other: &Self) -> bool {
        self.elem().tag == other.elem().tag
    }

    fn attr_matches(
        &self,
        _ns: &NamespaceConstraint<&CssString>,
        local_name: &CssString,
        operation: &AttrSelectorOperation<&CssString>,
    ) -> bool {
        self.attr(&local_name.0)
            .is_some_and(|value| operation.eval_str(value))
    }

    fn match_non_ts_pseudo_class(&self, pc: &NoPseudo, _: &mut MatchingContext<'_, Css>) -> bool {
        match *pc {}
    }

    fn match_pseudo_element(&self, pe: &NoPseudo, _: &mut MatchingContext<'_, Css>) -> bool {
        match *pe {}
    }

    fn apply_selector_flags(&self, _: ElementSelectorFlags) {}

    fn is_link(&self) -> bool {
        false
    }

    fn is_html_slot_element(&self) -> bool {
        false
    }

    fn has_id(&self, id: &CssString, case: CaseSensitivity) -> bool {
        self.attr("id")
            .is_some_and(|v| case.eq(v.as_bytes(), id.0.as_bytes()))
    }

    fn has_class(&self, name: &CssString, case: CaseSensitivity) -> bool {
        self.attr("class").is_some_and(|v| {
            v.split_ascii_whitespace()
                .any(|c| case.eq(c.as_bytes(), name.0.as_bytes()))
        })
    }

    fn has_custom_state(&self, _: &CssString) -> bool {
        false
    }

    fn imported_part(&self, _: &CssString) -> Option<CssString> {
        None
    }

    fn is_part(&self, _: &CssString) -> bool {
        false
    }

    fn is_empty(&self) -> bool {
        self.doc.nodes[self.i]
            .children
            .iter()
            .all(|&j| match &self.doc.nodes[j].data {
                NodeData::Element(_) => false,
                NodeData::Text(t) => t.is_empty(),
                NodeData::Document | NodeData::Other => true,
            })
    }

    fn is_root(&self) -> bool {
        self.doc.nodes[self.i]
            .parent
            .is_some_and(|p| matches!(self.doc.nodes[p].data, NodeData::Document) && p == 0)
    }

    fn add_element_unique_hashes(&self, _: &mut BloomFilter) -> bool {
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sel(s: &str) -> CssSelector {
        CssSelector::parse(s).unwrap()
    }

    /// Tags (with their class) of the elements `selector` matches, in page order.
    fn matched(html: &str, selector: &str) -> Vec<String> {
        let s = sel(selector);
        let mut attrs = Vec::new();
        s.attr_names(&mut attrs);
        let doc = Doc::parse_keeping(html, false, &attrs);
        let mut caches = SelectorCaches::default();
        (0..doc.nodes.len())
            .filter(|&i| doc.elem(i).is_some() && s.matches(&doc, i, &mut caches))
            .map(|i| trace::start_tag(&doc, i))
            .collect()
    }

    const PAGE: &str = "<body><div id=main class='wrap Story'><h1>T</h1><p class=lead>a</p>\
        <p>b</p><aside data-kind=promo><p>c</p></aside><p></p></div><div class=wrap></div></body>";

    #[test]
    fn selectors_match_tags_classes_ids_and_structure() {
        assert_eq!(
            matched(PAGE, "#main"),
            ["<div class=\"wrap Story\" id=main>"]
        );
        assert_eq!(matched(PAGE, ".wrap").len(), 2);
        // Class names are case-sensitive, as in browsers (standards mode).
        assert_eq!(matched(PAGE, ".story").len(), 0);
        assert_eq!(matched(PAGE, "div.Story > p").len(), 3);
        assert_eq!(matched(PAGE, "div p").len(), 4);
        assert_eq!(matched(PAGE, "h1 + p"), ["<p class=lead>"]);
        assert_eq!(matched(PAGE, "p.lead ~ p").len(), 2);
        assert_eq!(matched(PAGE, "#main > p:first-of-type"), ["<p class=lead>"]);
        assert_eq!(matched(PAGE, "#main > :last-child"), ["<p>"]);
        assert_eq!(matched(PAGE, "p:empty").len(), 1);
        assert_eq!(matched(PAGE, "div:not(#main)"), ["<div class=wrap>"]);
        assert_eq!(matched(PAGE, ":is(h1, aside)").len(), 2);
        assert_eq!(matched(PAGE, "html:root").len(), 1);
        assert_eq!(matched(PAGE, "DIV#main").len(), 1);
    }

    #[test]
    fn attribute_selectors_see_attributes_the_prepass_would_drop() {
        // `data-kind` is not an attribute extraction reads: the selector keeps it.
        assert_eq!(matched(PAGE, "aside[data-kind=promo]"), ["<aside>"]);
        assert_eq!(matched(PAGE, "[data-kind^=pro]").len(), 1);
        assert_eq!(matched(PAGE, "[data-kind=other]").len(), 0);
        let doc = Doc::parse(PAGE);
        let aside = doc.find_tag("aside").unwrap();
        assert!(doc.elem(aside).unwrap().attrs.is_empty());
    }

    #[test]
    fn bad_selectors_are_refused_with_their_place() {
        for bad in ["div[", "", "p >", ".", ":hover", "a::before", "div{}"] {
            let e = CssSelector::parse(bad).unwrap_err();
            assert!(
                e.starts_with(&format!("invalid CSS selector {bad:?}: ")),
                "{e}"
            );
            assert!(e.contains("column"), "{e}");
        }
    }

    #[test]
    fn hosts_match_exactly_with_www_ignored() {
        let sites = Sites::build(&[SiteConfig {
            host: "WWW.Example.com".into(),
            body: Some(sel("article")),
            drop: Vec::new(),
        }])
        .unwrap();
        let at = |u: &str| sites.for_url(Some(&Url::parse(u).unwrap())).is_some();
        assert!(at("https://example.com/a"));
        assert!(at("http://www.EXAMPLE.com:8080/a?b"));
        assert!(at("https://example.com./a"));
        // A subdomain is another site; so is a lookalike.
        assert!(!at("https://news.example.com/a"));
        assert!(!at("https://example.com.evil.test/a"));
        assert!(!at("https://notexample.com/a"));
        assert!(sites.for_url(None).is_none());
    }

    #[test]
    fn bad_hosts_and_repeated_hosts_are_config_problems() {
        let site = |host: &str| SiteConfig {
            host: host.into(),
            body: None,
            drop: vec![sel(".ad")],
        };
        let problems = Sites::build(&[
            site("example.com"),
            site("https://example.org/"),
            site(""),
            site("www.example.com"),
        ])
        .unwrap_err();
        assert_eq!(problems.len(), 3, "{problems:?}");
        assert!(problems[0].starts_with("site[1].host: \"https://example.org/\" is not"));
        assert!(problems[1].starts_with("site[2].host: \"\" is not"));
        assert!(
            problems[2].starts_with("site[3].host: \"example.com\" is already given by site[0]")
        );
        // International names are keyed in Punycode, as URLs give them.
        let idn = Sites::build(&[site("bücher.example")]).unwrap();
        let url = Url::parse("https://www.bücher.example/x").unwrap();
        assert!(idn.for_url(Some(&url)).is_some());
    }

    #[test]
    fn plan_drops_first_then_picks_the_outermost_body_matches() {
        let site = Sites::build(&[SiteConfig {
            host: "example.com".into(),
            body: Some(sel(".part, .part p")),
            drop: vec![sel("aside"), sel("[data-kind=promo]")],
        }])
        .unwrap();
        let url = Url::parse("https://example.com/").unwrap();
        let site = site.for_url(Some(&url)).unwrap();
        let html = "<body><div class=part><p>One.</p><aside>Read more</aside></div>\
            <div data-kind=promo><div class=part><p>Ad.</p></div></div>\
            <div class=part><p>Two.</p></div></body>";
        let doc = Doc::parse_keeping(html, false, &site.attrs);
        let plan = site.plan(&doc);
        // The second `.part` sits inside a dropped element; nested matches are covered by
        // their outer match.
        assert_eq!(plan.choice.chosen, ["<div class=part>", "<div class=part>"]);
        let roots = plan.body.as_ref().unwrap();
        assert_eq!(doc.text_of(roots[1], |_| false), "Two.");
        let shown: Vec<String> = plan.drops.iter().map(ToString::to_string).collect();
        assert_eq!(
            shown,
            [
                "extract: dropped <aside> (site drop: aside): Read more",
                "extract: dropped <div> (site drop: [data-kind=promo]): Ad.",
            ]
        );
        assert_eq!(
            plan.choice.to_string(),
            "site example.com: body `.part, .part p` chose <div class=part> <div class=part>"
        );
        // A body selector that matches nothing leaves the page to scoring.
        let none = Sites::build(&[SiteConfig {
            host: "example.com".into(),
            body: Some(sel("main")),
            drop: Vec::new(),
        }])
        .unwrap();
        let plan = none.for_url(Some(&url)).unwrap().plan(&doc);
        assert!(plan.body.is_none());
        assert_eq!(
            plan.choice.to_string(),
            "site example.com: body `main` matched nothing; the container was scored as usual"
        );
    }
}
