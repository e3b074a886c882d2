//! Page type and the counts behind the extraction's confidence: one pass over the parsed
//! page -> [`PageSignals`].
//!
//! The type comes from conventions pages follow to say what they are: schema.org `@type` in
//! JSON-LD, `og:type`, microdata `itemprop`s, class and id words that templates use for
//! products, posts, code and navigation, and the URL path's section words. When the page
//! says nothing, the shape of the text decides: link-dense pages of teasers are listings,
//! long prose is an article. Cost: one walk over the nodes plus the JSON-LD parse.

use serde_json::Value;
use url::Url;

use crate::article::{PageSignals, PageType};

use super::dom::{Doc, NodeData};
use super::meta::{json_ld_documents, ld_types};
use super::selectors as sel;

/// schema.org types of a discussion.
const LD_FORUM: &[&str] = &["discussionforumposting", "qapage", "question", "comment"];
/// schema.org types of an item for sale.
const LD_PRODUCT: &[&str] = &[
    "product",
    "productgroup",
    "offer",
    "aggregateoffer",
    "individualproduct",
    "vehicle",
    "car",
];
/// schema.org types of technical documentation.
const LD_DOCUMENTATION: &[&str] = &["techarticle", "apireference", "softwaresourcecode"];
/// schema.org types of a page of links to other pages.
const LD_LISTING: &[&str] = &[
    "collectionpage",
    "itemlist",
    "searchresultspage",
    "blog",
    "profilepage",
];
/// schema.org types of an organisation's own pages.
const LD_SERVICE: &[&str] = &[
    "service",
    "contactpage",
    "aboutpage",
    "localbusiness",
    "professionalservice",
    "financialservice",
    "softwareapplication",
    "webapplication",
    "event",
    "jobposting",
];

/// Class/id words of price and purchase markup (shop templates).
const SHOP_WORDS: &[&str] = &[
    "price",
    "cart",
    "basket",
    "addtocart",
    "add-to-cart",
    "buy",
    "checkout",
    "sku",
    "wishlist",
];
/// Class/id words of one post in a thread (forum and Q&A templates). Not "comment": a
/// story with a comment section is still an article.
const POST_WORDS: &[&str] = &["post", "reply", "message", "answer", "postbody"];
/// Class/id words of a thread container.
const THREAD_WORDS: &[&str] = &["thread", "topic", "forum", "discussion", "posts", "replies"];
/// Class/id words of documentation navigation and code highlighting.
const DOC_WORDS: &[&str] = &[
    "toc",
    "docs",
    "documentation",
    "highlight",
    "sourcecode",
    "api",
    "manual",
];

/// URL path words of sections: `/forum/...`, `/docs/...`, `/product/...`, `/tag/...`.
const PATH_FORUM: &[&str] = &[
    "forum",
    "forums",
    "thread",
    "threads",
    "topic",
    "topics",
    "discussion",
    "community",
    "questions",
    "showthread.php",
    "viewtopic.php",
];
const PATH_DOCUMENTATION: &[&str] = &[
    "docs",
    "doc",
    "documentation",
    "api",
    "reference",
    "manual",
    "guide",
    "tutorial",
    "wiki",
];
const PATH_PRODUCT: &[&str] = &["product", "products", "shop", "store", "item", "dp"];
const PATH_LISTING: &[&str] = &[
    "category",
    "categories",
    "tag",
    "tags",
    "search",
    "archive",
    "archives",
    "section",
];
const PATH_SERVICE: &[&str] = &[
    "about",
    "about-us",
    "contact",
    "contact-us",
    "pricing",
    "services",
    "service",
    "solutions",
    "company",
    "careers",
    "support",
    "features",
];

/// Counts gathered in the walk over the page.
#[derive(Debug, Default)]
struct Counts {
    text: usize,
    link_text: usize,
    articles: usize,
    code_blocks: usize,
    shop_marks: usize,
    price_props: usize,
    post_marks: usize,
    thread_marks: usize,
    doc_marks: usize,
    linked_headings: usize,
    headings: usize,
    paragraphs: usize,
}

/// The word lists a `class` or `id` value is matched against, in the order of
/// [`class_marks`]' answer.
const MARK_WORDS: [&[&str]; 4] = [SHOP_WORDS, POST_WORDS, THREAD_WORDS, DOC_WORDS];

/// For each list of [`MARK_WORDS`], whether a `class` or `id` value holds one of its words
/// (lowercase) as a token or as a hyphen-separated part of one (`post-body`): the value is
/// split once for all lists, compared without allocating.
fn class_marks(value: &str) -> [bool; 4] {
    let mut marks = [false; 4];
    // Split on bytes: every byte of a non-ASCII character separates, as the character does.
    for token in value
        .as_bytes()
        .split(|&b| !(b.is_ascii_alphanumeric() || b == b'-'))
    {
        if token.is_empty() {
            continue;
        }
        let hyphen_parts = token.contains(&b'-').then(|| token.split(|&b| b == b'-'));
        for t in std::iter::once(token).chain(hyphen_parts.into_iter().flatten()) {
            for (mark, words) in marks.iter_mut().zip(MARK_WORDS) {
                *mark |= words.iter().any(|w| w.as_bytes().eq_ignore_ascii_case(t));
            }
        }
    }
    marks
}

/// Characters of the words of `text` plus one per word (the space after it): what
/// `split_whitespace().map(|w| w.chars().count() + 1).sum()` counts, on the bytes.
fn word_chars(text: &str) -> usize {
    let bytes = text.as_bytes();
    let (mut n, mut in_word, mut i) = (0, false, 0);
    while i < bytes.len() {
        let space = crate::article::space_at(bytes, i);
        if space > 0 {
            in_word = false;
            i += space;
            continue;
        }
        // A character counts at its leading byte (not `10xxxxxx`).
        if bytes[i] & 0xC0 != 0x80 {
            n += 1 + usize::from(!in_word);
            in_word = true;
        }
        i += 1;
    }
    n
}

fn count(doc: &Doc) -> Counts {
    let mut c = Counts::default();
    // End of the innermost `<a>` and of the skipped subtree (scripts, styles, templates).
    let mut link_end = 0;
    let mut i = 0;
    while i < doc.nodes.len() {
        let node = &doc.nodes[i];
        match &node.data {
            NodeData::Text(t) => {
                let n = word_chars(t);
                c.text += n;
                if i < link_end {
                    c.link_text += n;
                }
            }
            NodeData::Element(e) => {
                match e.tag.as_str() {
                    "script" | "style" | "template" | "noscript" | "head" => {
                        i = node.end;
                        continue;
                    }
                    "a" if doc.is_link(i) => link_end = link_end.max(node.end),
                    "article" => c.articles += 1,
                    "pre" => c.code_blocks += 1,
                    "p" => c.paragraphs += 1,
                    "h2" | "h3" | "h4" => {
                        c.headings += 1;
                        if (i..node.end).any(|j| doc.is_link(j)) {
                            c.linked_headings += 1;
                        }
                    }
                    _ => {}
                }
                if let Some(p) = e.attr("itemprop")
                    && matches!(p, "price" | "offers" | "lowPrice" | "priceCurrency")
                {
                    c.price_props += 1;
                }
                for (k, v) in &e.attrs {
                    if k == "class" || k == "id" {
                        let [shop, post, thread, docs] = class_marks(v);
                        c.shop_marks += usize::from(shop);
                        c.post_marks += usize::from(post);
                        c.thread_marks += usize::from(thread);
                        c.doc_marks += usize::from(docs);
                    }
                }
            }
            _ => {}
        }
        i += 1;
    }
    c
}

/// Lowercased schema.org `@type`s of every JSON-LD object on the page (nested ones too).
fn ld_type_list(doc: &Doc) -> Vec<String> {
    let mut out = Vec::new();
    for v in json_ld_documents(doc) {
        let mut stack: Vec<(&Value, usize)> = vec![(&v, 0)];
        while let Some((val, depth)) = stack.pop() {
            if depth > 6 {
                continue;
            }
            match val {
                Value::Array(a) => stack.extend(a.iter().map(|x| (x, depth + 1))),
                Value::Object(o) => {
                    out.extend(ld_types(val));
                    for key in ["@graph", "mainEntity", "mainEntityOfPage"] {
                        if let Some(x) = o.get(key) {
                            stack.push((x, depth + 1));
                        }
                    }
                }
                _ => {}
            }
        }
    }
    out
}

fn og_type(doc: &Doc) -> Option<String> {
    (0..doc.nodes.len()).find_map(|i| {
        let e = doc.elem(i)?;
        if e.tag != "meta" || e.attr("property").is_none_or(|p| p.trim() != "og:type") {
            return None;
        }
        e.attr("content").map(|c| c.trim().to_ascii_lowercase())
    })
}

fn path_words(url: Option<&Url>) -> Vec<String> {
    url.and_then(|u| u.path_segments())
        .map(|segs| {
            segs.filter(|s| !s.is_empty())
                .map(str::to_ascii_lowercase)
                .collect()
        })
        .unwrap_or_default()
}

/// What the extractor knows about the body it chose.
pub(crate) struct BodyFacts<'a> {
    /// Characters of the body.
    pub chars: usize,
    /// Of which inside links.
    pub link_chars: usize,
    /// The body text (blocks joined by newlines).
    pub text: &'a str,
    /// The page's description (meta or JSON-LD).
    pub description: Option<&'a str>,
    /// The body is a catalogue: linked items and no prose (see `is_link_catalogue`).
    pub catalogue: bool,
}

/// The page's signals: its type and the counts behind the confidence.
pub(crate) fn signals(doc: &Doc, url: Option<&Url>, body: &BodyFacts<'_>) -> PageSignals {
    let c = count(doc);
    let ld = ld_type_list(doc);
    let og = og_type(doc);
    let path = path_words(url);
    let page_type = classify(&c, &ld, og.as_deref(), &path, body);
    PageSignals {
        page_type,
        page_chars: c.text,
        page_link_chars: c.link_text,
        body_chars: body.chars,
        body_link_chars: body.link_chars,
        description_in_body: body
            .description
            .and_then(|d| description_share(d, body.text)),
    }
}

/// Per mille of the description's words (4+ letters) that occur in the body.
fn description_share(description: &str, body: &str) -> Option<u16> {
    let words: Vec<String> = description
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 4)
        .map(str::to_lowercase)
        .collect();
    if words.len() < 3 {
        return None;
    }
    let body = body.to_lowercase();
    let found = words
        .iter()
        .filter(|w| memchr::memmem::find(body.as_bytes(), w.as_bytes()).is_some())
        .count();
    u16::try_from(found * 1000 / words.len()).ok()
}

/// Body characters from which prose counts as an article when nothing else says what the
/// page is (about 200 words: more than a product blurb or a teaser).
const ARTICLE_MIN_CHARS: usize = 1200;
/// Share of the body's text inside links above which it is a list of links, not prose.
const LISTING_LINK_SHARE: f64 = 0.5;
/// Teaser headings (a heading that is a link) from which a page is a list of teasers.
const LISTING_MIN_TEASERS: usize = 6;
/// Post-like elements that make a thread (a question and two replies).
const FORUM_MIN_POSTS: usize = 3;

fn classify(
    c: &Counts,
    ld: &[String],
    og: Option<&str>,
    path: &[String],
    body: &BodyFacts<'_>,
) -> PageType {
    let ld_is = |set: &[&str]| ld.iter().any(|t| set.contains(&t.as_str()));
    let path_is = |set: &[&str]| path.iter().any(|p| set.contains(&p.as_str()));
    let body_link_share = body.link_chars as f64 / body.chars.max(1) as f64;
    let page_link_share = c.link_text as f64 / c.text.max(1) as f64;

    if ld_is(LD_FORUM) {
        return PageType::Forum;
    }
    if ld_is(LD_PRODUCT) || og == Some("product") || c.price_props > 0 {
        return PageType::Product;
    }
    if ld_is(LD_DOCUMENTATION) {
        return PageType::Documentation;
    }
    let ld_article = ld_is(sel::STORY_TYPES) || og == Some("article");
    let forum_shape =
        c.post_marks >= FORUM_MIN_POSTS && (c.thread_marks > 0 || path_is(PATH_FORUM));
    if forum_shape && !ld_article {
        return PageType::Forum;
    }
    if path_is(PATH_DOCUMENTATION) && (c.code_blocks > 0 || c.doc_marks > 0) {
        return PageType::Documentation;
    }
    if c.shop_marks >= 2 && path_is(PATH_PRODUCT) {
        return PageType::Product;
    }
    // A page that declares itself one story is one, whatever rails of teasers surround it.
    if ld_article {
        return PageType::Article;
    }
    let teasers = c.linked_headings >= LISTING_MIN_TEASERS
        && c.linked_headings * 2 >= c.headings
        && body.chars < ARTICLE_MIN_CHARS * 2;
    if ld_is(LD_LISTING)
        || path_is(PATH_LISTING)
        || teasers
        || c.articles >= 4
        || body.catalogue
        || (body_link_share > LISTING_LINK_SHARE && page_link_share > LISTING_LINK_SHARE)
    {
        return PageType::Listing;
    }
    if c.code_blocks >= 2 && c.doc_marks > 0 {
        return PageType::Documentation;
    }
    if ld_is(LD_SERVICE) || path_is(PATH_SERVICE) {
        return PageType::Service;
    }
    if body.chars >= ARTICLE_MIN_CHARS {
        return PageType::Article;
    }
    PageType::Service
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page_type(html: &str, url: &str, body: &str) -> PageType {
        let doc = Doc::parse(html);
        let url = Url::parse(url).ok();
        let facts = BodyFacts {
            chars: body.chars().count(),
            link_chars: 0,
            text: body,
            description: None,
            catalogue: false,
        };
        signals(&doc, url.as_ref(), &facts).page_type
    }

    #[test]
    fn word_chars_counts_each_word_and_a_space() {
        let reference = |t: &str| {
            t.split_whitespace()
                .map(|w| w.chars().count() + 1)
                .sum::<usize>()
        };
        for t in [
            "",
            "  ",
            "one two",
            " café\u{a0}au\u{2009}lait ",
            "日本語\u{3000}文章\n\t",
            "\u{85}x\u{2028}\u{1680}yz\u{202f}",
        ] {
            assert_eq!(word_chars(t), reference(t), "{t:?}");
        }
    }

    #[test]
    fn class_marks_split_at_non_ascii_characters() {
        assert_eq!(class_marks("commentéforum"), class_marks("comment forum"));
        assert_eq!(class_marks("post-body"), class_marks("post"));
    }

    #[test]
    fn schema_types_decide_first() {
        let ld = |t: &str| {
            format!(
                "<html><head><script type=\"application/ld+json\">{{\"@type\":\"{t}\"}}</script></head><body><p>x</p></body></html>"
            )
        };
        let u = "https://example.com/x";
        assert_eq!(page_type(&ld("NewsArticle"), u, "short"), PageType::Article);
        assert_eq!(page_type(&ld("Product"), u, "short"), PageType::Product);
        assert_eq!(page_type(&ld("QAPage"), u, "short"), PageType::Forum);
        assert_eq!(
            page_type(&ld("TechArticle"), u, "short"),
            PageType::Documentation
        );
        assert_eq!(
            page_type(&ld("CollectionPage"), u, "short"),
            PageType::Listing
        );
    }

    #[test]
    fn structure_decides_without_schema() {
        let long = "word ".repeat(400);
        let posts = "<div class=\"thread\"><div class=\"post\">a</div><div class=\"post\">b</div><div class=\"post\">c</div></div>";
        assert_eq!(
            page_type(posts, "https://example.com/t/1", "a b c"),
            PageType::Forum
        );
        let teasers: String = (0..8)
            .map(|i| format!("<h3><a href=\"/s{i}\">Story {i}</a></h3><p>teaser</p>"))
            .collect();
        assert_eq!(
            page_type(&teasers, "https://example.com/", "teaser"),
            PageType::Listing
        );
        let doc = "<pre>fn main() {}</pre><div class=\"toc\"></div>";
        assert_eq!(
            page_type(doc, "https://example.com/docs/start", "text"),
            PageType::Documentation
        );
        assert_eq!(
            page_type("<p>story</p>", "https://example.com/2024/story", &long),
            PageType::Article
        );
        assert_eq!(
            page_type("<p>we help</p>", "https://example.com/contact", "we help"),
            PageType::Service
        );
    }

    #[test]
    fn a_catalogue_body_is_a_listing() {
        let doc = Doc::parse("<div><p><a href=\"/a\">Item</a></p></div>");
        let url = Url::parse("https://example.com/shoes").ok();
        let text = "Item ".repeat(400);
        let facts = |catalogue| BodyFacts {
            chars: text.chars().count(),
            link_chars: 0,
            text: &text,
            description: None,
            catalogue,
        };
        assert_eq!(
            signals(&doc, url.as_ref(), &facts(true)).page_type,
            PageType::Listing
        );
        assert_eq!(
            signals(&doc, url.as_ref(), &facts(false)).page_type,
            PageType::Article
        );
    }

    #[test]
    fn description_share_counts_words() {
        assert_eq!(
            description_share(
                "Storm floods harbour town overnight",
                "The storm floods the harbour town."
            ),
            Some(800)
        );
        assert_eq!(description_share("Two", "x"), None);
    }
}
