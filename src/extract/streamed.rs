//! Streamed server rendering: content the server sends after the page, for a script to move
//! into place.
//!
//! React 18 streaming SSR renders a page whose data is not ready yet with a placeholder per
//! Suspense boundary: `<!--$?--><template id="B:n"></template>` followed by a loading
//! skeleton up to `<!--/$-->` (or a bare `<template id="P:n">` for a delayed segment). When
//! the data arrives, the server appends the content to the body as
//! `<div hidden id="S:m">...</div>` and an inline script call (`$RC("B:n","S:m")`,
//! `$RS("S:m","P:n")`) swaps it in for the placeholder and its skeleton. The saved HTML holds
//! both halves; the main content of many pages (articles, listings, product pages) is such a
//! segment, hidden at the end of the body. [`splice`] makes the swaps in the source, so the
//! page is read as it is shown.
//!
//! Runs before the pre-pass; a page without a placeholder costs one substring search.

use std::borrow::Cow;

use memchr::memmem;

use super::prepass::find_subtree_end;

/// The placeholders' start tags as React writes them: a Suspense boundary (its loading
/// fallback follows) and a delayed segment.
const PLACEHOLDER: &[u8] = b"<template id=\"B:";
const SEGMENT_PLACEHOLDER: &[u8] = b"<template id=\"P:";
/// The streamed content's start tag as React writes it.
const SEGMENT: &[u8] = b"<div hidden id=\"S:";
/// Boundaries nest (a streamed segment can hold the placeholder of a later one); the swap
/// follows at most this many levels.
const MAX_DEPTH: usize = 16;

/// A streamed segment: `outer` is the whole `<div hidden id="S:n">...</div>`, `inner` its
/// content.
struct Segment<'a> {
    id: &'a [u8],
    outer: (usize, usize),
    inner: (usize, usize),
}

/// A placeholder: `segment` is the id of the segment that fills it, `start` its
/// `<template`, `end` the end of the loading fallback it replaces (the matching `<!--/$-->`
/// stays).
struct Placeholder<'a> {
    segment: &'a [u8],
    start: usize,
    end: usize,
}

/// The page with every streamed segment moved into its placeholder (the loading fallback
/// dropped). Borrows the input when there is nothing to move.
pub(crate) fn splice(html: &str) -> Cow<'_, str> {
    let b = html.as_bytes();
    if memmem::find(b, PLACEHOLDER).is_none() && memmem::find(b, SEGMENT_PLACEHOLDER).is_none() {
        return Cow::Borrowed(html);
    }
    let segments = segments(b);
    if segments.is_empty() {
        return Cow::Borrowed(html);
    }
    let placeholders = placeholders(b, &segments);
    if placeholders.is_empty() {
        return Cow::Borrowed(html);
    }
    // Events in source order: a segment's place is skipped, a placeholder's is filled.
    let mut events: Vec<(usize, Event)> = segments
        .iter()
        .enumerate()
        .map(|(k, s)| (s.outer.0, Event::Segment(k)))
        .chain(
            placeholders
                .iter()
                .enumerate()
                .map(|(k, p)| (p.start, Event::Placeholder(k))),
        )
        .collect();
    events.sort_by_key(|e| e.0);
    let mut w = Writer {
        b,
        segments: &segments,
        placeholders: &placeholders,
        events: &events,
        used: vec![false; segments.len()],
        out: Vec::with_capacity(b.len()),
    };
    w.emit(0, b.len(), 0);
    // Cuts fall next to ASCII bytes (`<`, `>`), which never sit inside a UTF-8 sequence.
    Cow::Owned(
        String::from_utf8(w.out)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()),
    )
}

#[derive(Clone, Copy)]
enum Event {
    Segment(usize),
    Placeholder(usize),
}

struct Writer<'a, 'b> {
    b: &'b [u8],
    segments: &'a [Segment<'b>],
    placeholders: &'a [Placeholder<'b>],
    events: &'a [(usize, Event)],
    used: Vec<bool>,
    out: Vec<u8>,
}

impl Writer<'_, '_> {
    /// Copies `from..to`, skipping segments and filling placeholders.
    fn emit(&mut self, from: usize, to: usize, depth: usize) {
        let mut i = from;
        let mut e = self.events.partition_point(|ev| ev.0 < from);
        while e < self.events.len() && self.events[e].0 < to {
            let (at, ev) = self.events[e];
            e += 1;
            if at < i {
                continue;
            }
            match ev {
                Event::Segment(k) => {
                    self.out.extend_from_slice(&self.b[i..at]);
                    i = self.segments[k].outer.1.min(to);
                }
                Event::Placeholder(k) => {
                    let p = &self.placeholders[k];
                    let Some(s) = self
                        .segments
                        .iter()
                        .position(|s| s.id == p.segment)
                        .filter(|&s| !self.used[s] && depth < MAX_DEPTH)
                    else {
                        continue;
                    };
                    self.used[s] = true;
                    self.out.extend_from_slice(&self.b[i..at]);
                    let (a, z) = self.segments[s].inner;
                    self.emit(a, z, depth + 1);
                    i = p.end.min(to);
                }
            }
        }
        if i < to {
            self.out.extend_from_slice(&self.b[i..to]);
        }
    }
}

/// The boundary's number after the `B:` / `S:` prefix, up to the closing quote (React writes
/// it in hexadecimal), and where that quote is.
fn boundary_id(b: &[u8], after_prefix: usize) -> Option<(&[u8], usize)> {
    let q = memchr::memchr(b'"', b.get(after_prefix..)?)? + after_prefix;
    let id = &b[after_prefix..q];
    (!id.is_empty() && id.iter().all(u8::is_ascii_alphanumeric)).then_some((id, q))
}

/// Every streamed segment, in source order; a segment inside another is found when the
/// outer one is emitted, so it is listed too.
fn segments(b: &[u8]) -> Vec<Segment<'_>> {
    let mut attrs = Vec::new();
    let mut out = Vec::new();
    for pos in memmem::find_iter(b, SEGMENT) {
        let Some((id, q)) = boundary_id(b, pos + SEGMENT.len()) else {
            continue;
        };
        if b.get(q + 1) != Some(&b'>') {
            continue;
        }
        let inner_start = q + 2;
        let Some(inner_end) = find_subtree_end(b, inner_start, b"div", &mut attrs) else {
            continue;
        };
        let Some(gt) = memchr::memchr(b'>', &b[inner_end..]) else {
            continue;
        };
        out.push(Segment {
            id,
            outer: (pos, inner_end + gt + 1),
            inner: (inner_start, inner_end),
        });
    }
    out
}

/// Every placeholder that has a segment, with the extent of its loading fallback. The swap
/// calls name the segment of each placeholder; without a call, the segment of the same
/// number fills it.
fn placeholders<'b>(b: &'b [u8], segments: &[Segment<'_>]) -> Vec<Placeholder<'b>> {
    let calls = swap_calls(b);
    let mut out = Vec::new();
    for (prefix, boundary) in [(PLACEHOLDER, true), (SEGMENT_PLACEHOLDER, false)] {
        for pos in memmem::find_iter(b, prefix) {
            let Some((id, q)) = boundary_id(b, pos + prefix.len()) else {
                continue;
            };
            let kind = if boundary { b'B' } else { b'P' };
            let segment = calls
                .iter()
                .find(|c| c.0 == kind && c.1 == id)
                .map_or(id, |c| c.2);
            if !segments.iter().any(|s| s.id == segment) {
                continue;
            }
            let Some(close) = memmem::find(&b[q..], b"</template>") else {
                continue;
            };
            let tpl_end = q + close + b"</template>".len();
            let end = if boundary {
                fallback_end(b, tpl_end).unwrap_or(tpl_end)
            } else {
                tpl_end
            };
            out.push(Placeholder {
                segment,
                start: pos,
                end,
            });
        }
    }
    out
}

/// The swap calls of React's inline runtime: `$RC("B:n","S:m")` completes boundary `n` with
/// segment `m`, `$RS("S:m","P:n")` puts segment `m` in placeholder `n`. Listed as
/// (placeholder kind, placeholder number, segment number).
fn swap_calls(b: &[u8]) -> Vec<(u8, &[u8], &[u8])> {
    let mut out = Vec::new();
    for (call, kind) in [(&b"$RC(\""[..], b'B'), (&b"$RS(\""[..], b'P')] {
        for pos in memmem::find_iter(b, call) {
            let args = pos + call.len();
            let Some(first_end) = memchr::memchr(b'"', &b[args..]).map(|k| args + k) else {
                continue;
            };
            let second = first_end + 3; // `","`
            if b.get(first_end..second) != Some(b"\",\"") {
                continue;
            }
            let Some(second_end) = memchr::memchr(b'"', &b[second..]).map(|k| second + k) else {
                continue;
            };
            let (first, second) = (&b[args..first_end], &b[second..second_end]);
            let (placeholder, segment) = if kind == b'B' {
                (first, second)
            } else {
                (second, first)
            };
            if let (Some(p), Some(s)) = (
                placeholder
                    .get(2..)
                    .filter(|_| placeholder.get(..2) == Some(&[kind, b':'])),
                segment.strip_prefix(b"S:"),
            ) {
                out.push((kind, p, s));
            }
        }
    }
    out
}

/// Where the loading fallback after a placeholder ends: the `<!--/$-->` that closes its
/// boundary, counting the boundaries nested in the fallback (`<!--$-->`, `<!--$?-->`,
/// `<!--$!-->` open one).
fn fallback_end(b: &[u8], from: usize) -> Option<usize> {
    let mut depth = 1usize;
    let mut i = from;
    while let Some(k) = memmem::find(&b[i..], b"<!--") {
        let at = i + k;
        let rest = &b[at + 4..];
        if rest.starts_with(b"/$-->") {
            depth -= 1;
            if depth == 0 {
                return Some(at);
            }
        } else if rest.starts_with(b"$") {
            depth += 1;
        }
        i = at + 4;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segment_replaces_placeholder_and_skeleton() {
        let page = "<body><main><!--$?--><template id=\"B:0\"></template><div>Loading</div>\
                    <!--/$--></main><footer>f</footer>\
                    <div hidden id=\"S:0\"><p>The story.</p></div><script>$RC(\"B:0\",\"S:0\")</script></body>";
        let out = splice(page);
        assert_eq!(
            out,
            "<body><main><!--$?--><p>The story.</p><!--/$--></main><footer>f</footer>\
             <script>$RC(\"B:0\",\"S:0\")</script></body>"
        );
    }

    #[test]
    fn nested_segments_follow_their_placeholders() {
        let page = "<main><template id=\"B:0\"></template><!--/$--></main>\
                    <div hidden id=\"S:0\"><h1>T</h1><template id=\"B:1\"></template><i>wait</i><!--/$--></div>\
                    <div hidden id=\"S:1\"><p>Body <div>x</div></p></div>";
        assert_eq!(
            splice(page),
            "<main><h1>T</h1><p>Body <div>x</div></p><!--/$--><!--/$--></main>"
        );
    }

    #[test]
    fn swap_calls_pair_placeholders_with_segments() {
        let page = "<main><template id=\"B:0\"></template><b>wait</b><!--/$--></main>\
                    <div hidden id=\"S:0\"><p>Other</p></div><div hidden id=\"S:1a\"><p>One</p>\
                    <template id=\"P:2\"></template></div><div hidden id=\"S:2\"><i>Two</i></div>\
                    <script>$RS(\"S:2\",\"P:2\");$RC(\"B:0\",\"S:1a\")</script>";
        assert_eq!(
            splice(page),
            "<main><p>One</p><i>Two</i><!--/$--></main>\
             <script>$RS(\"S:2\",\"P:2\");$RC(\"B:0\",\"S:1a\")</script>"
        );
    }

    #[test]
    fn pages_without_a_swap_are_borrowed() {
        let plain = "<body><div hidden id=\"S:0\"><p>x</p></div></body>";
        assert!(matches!(splice(plain), Cow::Borrowed(_)));
        // A placeholder whose segment never came keeps its fallback.
        let waiting = "<body><template id=\"B:0\"></template><p>Loading</p><!--/$--></body>";
        assert!(matches!(splice(waiting), Cow::Borrowed(_)));
    }
}
