//! One linear scan over the page source before the HTML parser sees it.
//!
//! html5ever tokenizes character by character, and on news pages about half the bytes are
//! scripts, style sheets, inline SVG and comments, none of which extraction reads (they are
//! junk subtrees to [`super::prune`]). Emptying them here costs a few instructions per byte
//! instead of the parser's ~100. The same scan drops start tags nested deeper than
//! [`super::dom::MAX_NESTING`] (see there).
//!
//! Only the *content* goes: `<script src=x></script>`, `<svg ...></svg>` and `<!---->` stay,
//! so the tree has the same elements, siblings and text-node boundaries as before and every
//! later pass sees the same structure. Kept whole on purpose: `<script
//! type="application/ld+json">` (metadata reads JSON-LD); `<noscript>` (its raw text counts
//! towards the subtree sizes that protect containers from class-token pruning, and it is
//! under 1 % of the bytes); the doctype. When an end tag cannot be found the element is left
//! as is, so the parser sees what it would have seen.

use std::borrow::Cow;

/// Elements that never take children.
const VOID_TAGS: &[&[u8]] = &[
    b"area", b"base", b"br", b"col", b"embed", b"hr", b"img", b"input", b"link", b"meta", b"param",
    b"source", b"track", b"wbr", b"keygen", b"frame",
];

/// Elements whose end tag is optional: they are not counted for nesting, so unclosed
/// `<p>`/`<li>` runs do not look deep.
const OPTIONAL_END_TAGS: &[&[u8]] = &[
    b"p",
    b"li",
    b"dt",
    b"dd",
    b"option",
    b"optgroup",
    b"tr",
    b"td",
    b"th",
    b"tbody",
    b"thead",
    b"tfoot",
    b"rt",
    b"rp",
    b"colgroup",
    b"caption",
    b"html",
    b"head",
    b"body",
];

/// Raw-text and RCDATA elements that are kept: their content is text up to the end tag and is
/// skipped by the scan (a `<div>` inside `<title>` is not a tag).
const KEPT_RAW_TAGS: &[&[u8]] = &[b"textarea", b"title", b"xmp", b"noscript"];

/// Raw-text elements whose content is dropped (`script` unless JSON-LD).
const EMPTIED_RAW_TAGS: &[&[u8]] = &[b"script", b"style", b"iframe", b"noembed", b"noframes"];

/// Elements with markup content dropped up to the matching end tag.
const EMPTIED_TREE_TAGS: &[&[u8]] = &[b"svg", b"template"];

/// A start or end tag found at some `<`.
struct Tag<'a> {
    /// Name as written (not lowercased).
    name: &'a [u8],
    end: bool,
    self_closing: bool,
    /// Byte range of the whole tag, `<` to `>` inclusive.
    start: usize,
    stop: usize,
}

impl Tag<'_> {
    fn is(&self, name: &[u8]) -> bool {
        self.name.eq_ignore_ascii_case(name)
    }

    fn is_in(&self, list: &[&[u8]]) -> bool {
        list.iter().any(|n| self.is(n))
    }

    /// Case-insensitive hash of the name, for the nesting stack (no allocation per tag).
    fn key(&self) -> u64 {
        self.name.iter().fold(0xcbf2_9ce4_8422_2325, |h: u64, b| {
            (h ^ u64::from(b.to_ascii_lowercase())).wrapping_mul(0x0100_0000_01b3)
        })
    }
}

/// Reads the tag starting at `<` (byte `i`); `None` if this `<` does not start one.
fn scan_tag(b: &[u8], i: usize) -> Option<Tag<'_>> {
    let mut j = i + 1;
    let end = b.get(j) == Some(&b'/');
    if end {
        j += 1;
    }
    if !b.get(j).is_some_and(u8::is_ascii_alphabetic) {
        return None;
    }
    let name_start = j;
    while j < b.len() && !b[j].is_ascii_whitespace() && b[j] != b'>' && b[j] != b'/' {
        j += 1;
    }
    let name = &b[name_start..j];
    // Attributes: a quoted value may hold `>`.
    while j < b.len() {
        let Some(k) = memchr::memchr3(b'>', b'"', b'\'', &b[j..]) else {
            j = b.len();
            break;
        };
        j += k;
        let c = b[j];
        if c == b'>' {
            break;
        }
        if b[j - 1] == b'=' || b[j - 1].is_ascii_whitespace() {
            // A quoted value: on to its closing quote (an unclosed one runs to the end).
            j = memchr::memchr(c, &b[j + 1..]).map_or(b.len(), |e| j + 1 + e + 1);
        } else {
            j += 1;
        }
    }
    let close = j.min(b.len());
    Some(Tag {
        name,
        end,
        self_closing: close > 0 && b.get(close - 1) == Some(&b'/'),
        start: i,
        stop: (close + 1).min(b.len()),
    })
}

/// Next `<` at or after `from`.
fn next_lt(b: &[u8], from: usize) -> Option<usize> {
    b.get(from..)?
        .iter()
        .position(|&c| c == b'<')
        .map(|k| from + k)
}

/// Start of the next end tag `</name` (any case) at or after `from`.
fn find_end_tag(b: &[u8], from: usize, name: &[u8]) -> Option<usize> {
    let mut i = from;
    while let Some(lt) = next_lt(b, i) {
        let after = lt + 2 + name.len();
        if b.get(lt + 1) == Some(&b'/')
            && b.get(lt + 2..after)
                .is_some_and(|n| n.eq_ignore_ascii_case(name))
            && b.get(after)
                .is_none_or(|c| c.is_ascii_whitespace() || matches!(c, b'>' | b'/'))
        {
            return Some(lt);
        }
        i = lt + 1;
    }
    None
}

/// Where the end tag of an element named `name` starts, searched from `from` and counting
/// nested elements of the same name; `None` when it is never closed.
fn find_subtree_end(b: &[u8], from: usize, name: &[u8]) -> Option<usize> {
    let mut depth = 1usize;
    let mut i = from;
    while let Some(lt) = next_lt(b, i) {
        if b[lt..].starts_with(b"<!--") {
            i = comment_end(b, lt)?;
            continue;
        }
        let Some(t) = scan_tag(b, lt) else {
            i = lt + 1;
            continue;
        };
        i = t.stop;
        if t.is(name) {
            if t.end {
                depth -= 1;
                if depth == 0 {
                    return Some(t.start);
                }
            } else if !t.self_closing {
                depth += 1;
            }
        }
    }
    None
}

/// End (one past `>`) of the comment starting at `<!--` (byte `i`); `None` when it runs to
/// the end of the input. `<!-->` and `<!--->` are complete (empty) comments.
fn comment_end(b: &[u8], i: usize) -> Option<usize> {
    let body = i + 4;
    if b.get(body) == Some(&b'>') {
        return Some(body + 1);
    }
    if b.get(body..body + 2) == Some(b"->") {
        return Some(body + 2);
    }
    memchr::memmem::find(b.get(body..)?, b"-->").map(|k| body + k + 3)
}

/// Is this `<script>` start tag JSON-LD?
fn is_json_ld(b: &[u8], tag: &Tag<'_>) -> bool {
    b[tag.start..tag.stop]
        .windows(7)
        .any(|w| w.eq_ignore_ascii_case(b"ld+json"))
}

/// The page with dead weight removed: the content of scripts (not JSON-LD), styles, `iframe`,
/// inline SVG, templates and comments, and start tags nested deeper than `max_nesting`
/// (with their end tags; their text stays). Borrows the input when nothing is removed.
pub(crate) fn lighten(html: &str, max_nesting: usize) -> Cow<'_, str> {
    let b = html.as_bytes();
    let mut out: Option<Vec<u8>> = None;
    let mut copied = 0usize;
    // Drops `start..stop` from the output.
    let mut cut = |start: usize, stop: usize, copied: &mut usize| {
        if start == stop {
            return;
        }
        let o = out.get_or_insert_with(|| Vec::with_capacity(b.len()));
        o.extend_from_slice(&b[*copied..start]);
        *copied = stop;
    };
    // Open counted elements (name keys) and, per name, how many deep start tags were dropped
    // whose end tags must go too.
    let mut stack: Vec<u64> = Vec::new();
    let mut dropped_deep: Vec<(u64, usize)> = Vec::new();
    let mut i = 0usize;
    while let Some(lt) = next_lt(b, i) {
        if b[lt..].starts_with(b"<!--") {
            match comment_end(b, lt) {
                Some(end) => {
                    if end >= lt + 7 {
                        cut(lt + 4, end - 3, &mut copied);
                    }
                    i = end;
                    continue;
                }
                // Unterminated: the rest is one comment to the parser as well.
                None => break,
            }
        }
        if b.get(lt + 1) == Some(&b'!') || b.get(lt + 1) == Some(&b'?') {
            // Doctype, CDATA, bogus comment: kept, skipped to its `>`.
            i = next_gt(b, lt).map_or(b.len(), |g| g + 1);
            continue;
        }
        let Some(tag) = scan_tag(b, lt) else {
            i = lt + 1;
            continue;
        };
        i = tag.stop;
        if !tag.end {
            if tag.is_in(EMPTIED_RAW_TAGS) && !(tag.is(b"script") && is_json_ld(b, &tag)) {
                // The content is text to the parser up to `</name` (a missing end tag makes
                // the rest of the page that text: dropping it all is the same).
                let end = find_end_tag(b, tag.stop, tag.name).unwrap_or(b.len());
                cut(tag.stop, end, &mut copied);
                i = end;
                continue;
            }
            if tag.is_in(EMPTIED_RAW_TAGS) || tag.is_in(KEPT_RAW_TAGS) {
                i = find_end_tag(b, tag.stop, tag.name).unwrap_or(b.len());
                continue;
            }
            if tag.is(b"plaintext") {
                break;
            }
            if tag.is_in(EMPTIED_TREE_TAGS) {
                if tag.self_closing && tag.is(b"svg") {
                    continue;
                }
                if let Some(end) = find_subtree_end(b, tag.stop, tag.name) {
                    cut(tag.stop, end, &mut copied);
                    i = end;
                    continue;
                }
            }
        }
        if tag.self_closing || tag.is_in(VOID_TAGS) || tag.is_in(OPTIONAL_END_TAGS) {
            continue;
        }
        let key = tag.key();
        let mut drop_it = false;
        if tag.end {
            if stack.last() == Some(&key) {
                stack.pop();
            } else if let Some(slot) = dropped_deep.iter_mut().find(|(k, n)| *k == key && *n > 0) {
                slot.1 -= 1;
                drop_it = true;
            } else if let Some(pos) = stack.iter().rposition(|k| *k == key) {
                stack.truncate(pos);
            }
        } else if stack.len() >= max_nesting {
            match dropped_deep.iter_mut().find(|(k, _)| *k == key) {
                Some(slot) => slot.1 += 1,
                None => dropped_deep.push((key, 1)),
            }
            drop_it = true;
        } else {
            stack.push(key);
        }
        if drop_it {
            cut(tag.start, tag.stop, &mut copied);
        }
    }
    match out {
        None => Cow::Borrowed(html),
        Some(mut o) => {
            o.extend_from_slice(&b[copied..]);
            // Cuts fall on `<` and `>` bytes, which never sit inside a UTF-8 sequence.
            Cow::Owned(
                String::from_utf8(o)
                    .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()),
            )
        }
    }
}

/// Next `>` at or after `from`.
fn next_gt(b: &[u8], from: usize) -> Option<usize> {
    b.get(from..)?
        .iter()
        .position(|&c| c == b'>')
        .map(|k| from + k)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn light(s: &str) -> String {
        lighten(s, 512).into_owned()
    }

    #[test]
    fn untouched_page_is_borrowed() {
        let page = "<html><head><title>a < b</title></head><body><p>x</p></body></html>";
        assert!(matches!(lighten(page, 512), Cow::Borrowed(_)));
    }

    #[test]
    fn empties_scripts_styles_and_comments_but_keeps_json_ld_and_noscript() {
        let page = concat!(
            "<head><script>var s = '</div><p>';</script>",
            "<SCRIPT type=\"application/ld+json\">{\"@type\":\"NewsArticle\"}</SCRIPT>",
            "<style>p > a { color: red }</style></head>",
            "<body><!-- note <p>hidden</p> --><p>one<script src=x.js>1</script> two</p>",
            "<noscript><img src=t.gif></noscript><iframe src=ad.html>fallback</iframe></body>"
        );
        assert_eq!(
            light(page),
            concat!(
                "<head><script></script>",
                "<SCRIPT type=\"application/ld+json\">{\"@type\":\"NewsArticle\"}</SCRIPT>",
                "<style></style></head><body><!----><p>one<script src=x.js></script> two</p>",
                "<noscript><img src=t.gif></noscript><iframe src=ad.html></iframe></body>"
            )
        );
    }

    #[test]
    fn empties_svg_and_template_subtrees() {
        let page = "<p>a<svg viewBox='0 0 1 1'><svg><path d='M0'/></svg><title>icon</title></svg>b</p>\
                    <template><div>t</div><template>u</template></template><svg/><p>c</p>";
        assert_eq!(
            light(page),
            "<p>a<svg viewBox='0 0 1 1'></svg>b</p><template></template><svg/><p>c</p>"
        );
    }

    #[test]
    fn unclosed_elements_stay_for_the_parser() {
        // A template without an end tag is left alone.
        assert_eq!(light("<p>x</p><template><p>y"), "<p>x</p><template><p>y");
        // A script without an end tag swallows the rest, for the parser too.
        assert_eq!(light("<p>x</p><script>if (a<b) {"), "<p>x</p><script>");
        // An unterminated comment is the rest of the page.
        assert_eq!(light("<p>x</p><!-- open"), "<p>x</p><!-- open");
    }

    #[test]
    fn markup_inside_title_and_textarea_is_text() {
        let page = "<title><!-- not a comment --></title><textarea><script>x</script></textarea>";
        assert!(matches!(lighten(page, 512), Cow::Borrowed(_)));
    }

    #[test]
    fn empty_comments_stay_as_they_are() {
        assert!(matches!(
            lighten("a<!-->b<!--->c<!---->d", 512),
            Cow::Borrowed(_)
        ));
        assert_eq!(light("a<!-->b<!-- x -->c"), "a<!-->b<!---->c");
    }

    #[test]
    fn deep_start_tags_dropped_with_their_end_tags() {
        let deep = "<div><div><div><span>x</span></div></div></div><p>y</p>";
        assert_eq!(lighten(deep, 2), "<div><div>x</div></div><p>y</p>");
        let shallow = "<div><p>a</div><script>if (a<b) {}</script>";
        assert_eq!(lighten(shallow, 2), "<div><p>a</div><script></script>");
    }

    #[test]
    fn quoted_gt_does_not_end_a_tag() {
        assert_eq!(
            light("<a title='x > y'>k</a><!--c-->"),
            "<a title='x > y'>k</a><!---->"
        );
    }
}
