//! Thompson NFAs of the built-in patterns, compiled ahead of time.
//!
//! A process compiles each pattern the first time a text needs it (see
//! `latin::form_dfa`). Parsing a pattern, translating it with case folding and
//! compiling its NFA was about a quarter of the instructions of a 60-page run, most of it for
//! the filter's long word alternations. The table in `prebuilt_nfas.bin` holds the NFAs those
//! patterns compile to, keyed by pattern, form, case and word mode
//! (`latin::prebuilt_key`); an entry is rebuilt state by
//! state with regex-automata's NFA builder (one linear pass, nothing parsed). A pattern not in
//! the table compiles as before, so the table changes speed only, never an answer.
//!
//! The table holds what the repository's fixtures make a process compile (every page of
//! `fixtures/pages`, and every labelled article of the filter's sets as a simple HTML page): `tests/prebuilt_nfas.rs` writes it
//! with `UPDATE_PREBUILT_NFAS=1` and fails when it differs from what the patterns compile to now.
//!
//! Layout: the magic `MAGIC`, the entry count, then per entry, sorted by key, the offset and
//! length of its key and of its NFA in the data that follows (little-endian `u32`s). An NFA is
//! its anchored, unanchored and pattern start states, a byte of flags (UTF-8, reverse) and its
//! states; a state is a tag byte (see `Tag`) and its fields, numbers as LEB128 varints and
//! each target state as its distance from the state (most are near). Each NFA is stored as an
//! LZ4 block: the table is a sixth of its plain size, which is memory a process keeps mapped.

use std::collections::BTreeMap;
use std::sync::Mutex;

use regex_automata::nfa::thompson::{self, NFA, State, Transition};
use regex_automata::util::look::Look;
use regex_automata::util::primitives::{PatternID, StateID};

static TABLE: &[u8] = include_bytes!("prebuilt_nfas.bin");

const MAGIC: &[u8; 8] = b"cdnfa\x00\x00\x03";

/// The NFA stored under `key`, if any.
pub(crate) fn nfa(key: &str) -> Option<NFA> {
    let block = lookup(TABLE, key)?;
    decode(&lz4_flex::block::decompress_size_prepended(block).ok()?)
}

/// The NFA bytes stored under `key` in `table` (binary search over the sorted keys).
fn lookup<'t>(table: &'t [u8], key: &str) -> Option<&'t [u8]> {
    let mut r = Reader::new(table);
    if r.bytes(MAGIC.len())? != MAGIC {
        return None;
    }
    let count = r.u32()? as usize;
    let index = r.at;
    let data = index + count * 16;
    let entry = |i: usize| -> Option<(&'t [u8], &'t [u8])> {
        let mut e = Reader::new(table);
        e.at = index + i * 16;
        let (ko, kl, no, nl) = (e.u32()?, e.u32()?, e.u32()?, e.u32()?);
        let slice = |o: u32, l: u32| table.get(data + o as usize..data + o as usize + l as usize);
        Some((slice(ko, kl)?, slice(no, nl)?))
    };
    let (mut lo, mut hi) = (0, count);
    while lo < hi {
        let mid = (lo + hi) / 2;
        let (k, n) = entry(mid)?;
        match k.cmp(key.as_bytes()) {
            std::cmp::Ordering::Less => lo = mid + 1,
            std::cmp::Ordering::Greater => hi = mid,
            std::cmp::Ordering::Equal => return Some(n),
        }
    }
    None
}

/// The tag byte of each kind of NFA state the table stores. Capture states are not stored
/// (the forms are compiled without captures), nor dense ones (the compiler makes none).
#[repr(u8)]
enum Tag {
    ByteRange = 0,
    Sparse = 1,
    Look = 2,
    Union = 3,
    BinaryUnion = 4,
    Fail = 5,
    Match = 6,
}

/// `nfa` as the table stores it; `None` for an NFA the table cannot hold (captures, several
/// patterns).
fn encode(nfa: &NFA) -> Option<Vec<u8>> {
    if nfa.pattern_len() != 1 {
        return None;
    }
    let mut out = Vec::new();
    let start = nfa.start_pattern(PatternID::ZERO)?;
    for id in [nfa.start_anchored(), nfa.start_unanchored(), start] {
        put_varint(&mut out, u64::from(id.as_u32()));
    }
    out.push(u8::from(nfa.is_utf8()) | (u8::from(nfa.is_reverse()) << 1));
    put_varint(&mut out, nfa.states().len() as u64);
    for (at, state) in nfa.states().iter().enumerate() {
        // a state's targets are written as their distance from it: most are near
        let target = |out: &mut Vec<u8>, id: StateID| put_varint(out, zigzag(id, at));
        let transition = |out: &mut Vec<u8>, t: &Transition| {
            out.extend_from_slice(&[t.start, t.end]);
            target(out, t.next);
        };
        match state {
            State::ByteRange { trans } => {
                out.push(Tag::ByteRange as u8);
                transition(&mut out, trans);
            }
            State::Sparse(sparse) => {
                out.push(Tag::Sparse as u8);
                put_varint(&mut out, sparse.transitions.len() as u64);
                for t in sparse.transitions.iter() {
                    transition(&mut out, t);
                }
            }
            State::Look { look, next } => {
                out.push(Tag::Look as u8);
                put_varint(&mut out, u64::from(look.as_repr()));
                target(&mut out, *next);
            }
            State::Union { alternates } => {
                out.push(Tag::Union as u8);
                put_varint(&mut out, alternates.len() as u64);
                for a in alternates.iter() {
                    target(&mut out, *a);
                }
            }
            State::BinaryUnion { alt1, alt2 } => {
                out.push(Tag::BinaryUnion as u8);
                target(&mut out, *alt1);
                target(&mut out, *alt2);
            }
            State::Fail => out.push(Tag::Fail as u8),
            State::Match { .. } => out.push(Tag::Match as u8),
            State::Dense(_) | State::Capture { .. } => return None,
        }
    }
    Some(out)
}

/// LEB128: seven bits a byte, low first, the high bit set on every byte but the last.
fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// The signed distance from state `at` to `id`, folded to an unsigned number (0, -1, 1, -2 ...
/// as 0, 1, 2, 3 ...).
fn zigzag(id: StateID, at: usize) -> u64 {
    let d = id.as_usize() as i64 - at as i64;
    ((d << 1) ^ (d >> 63)) as u64
}

/// The NFA of `bytes` (see [`encode`]), added state by state in its own order, so that each
/// state keeps its identifier and the builder's final pass maps them one to one.
fn decode(bytes: &[u8]) -> Option<NFA> {
    let mut r = Reader::new(bytes);
    let (anchored, unanchored, pattern) = (r.id()?, r.id()?, r.id()?);
    let flags = r.u8()?;
    let count = r.varint()?;
    let mut b = thompson::Builder::new();
    b.set_utf8(flags & 1 != 0);
    b.set_reverse(flags & 2 != 0);
    b.start_pattern().ok()?;
    for at in 0..usize::try_from(count).ok()? {
        let added = match r.u8()? {
            t if t == Tag::ByteRange as u8 => b.add_range(r.transition(at)?),
            t if t == Tag::Sparse as u8 => {
                let n = r.varint()?;
                let transitions = (0..n)
                    .map(|_| r.transition(at))
                    .collect::<Option<Vec<_>>>()?;
                b.add_sparse(transitions)
            }
            t if t == Tag::Look as u8 => {
                let look = Look::from_repr(u32::try_from(r.varint()?).ok()?)?;
                b.add_look(r.target(at)?, look)
            }
            t if t == Tag::Union as u8 => {
                let n = r.varint()?;
                let alternates = (0..n).map(|_| r.target(at)).collect::<Option<Vec<_>>>()?;
                b.add_union(alternates)
            }
            t if t == Tag::BinaryUnion as u8 => b.add_union(vec![r.target(at)?, r.target(at)?]),
            t if t == Tag::Fail as u8 => b.add_fail(),
            t if t == Tag::Match as u8 => b.add_match(),
            _ => return None,
        };
        added.ok()?;
    }
    b.finish_pattern(pattern).ok()?;
    b.build(anchored, unanchored).ok()
}

struct Reader<'b> {
    bytes: &'b [u8],
    at: usize,
}

impl<'b> Reader<'b> {
    fn new(bytes: &'b [u8]) -> Self {
        Self { bytes, at: 0 }
    }

    fn bytes(&mut self, n: usize) -> Option<&'b [u8]> {
        let b = self.bytes.get(self.at..self.at + n)?;
        self.at += n;
        Some(b)
    }

    fn u8(&mut self) -> Option<u8> {
        Some(self.bytes(1)?[0])
    }

    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.bytes(4)?.try_into().ok()?))
    }

    fn varint(&mut self) -> Option<u64> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.u8()?;
            v |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Some(v);
            }
        }
        None
    }

    fn id(&mut self) -> Option<StateID> {
        StateID::new(usize::try_from(self.varint()?).ok()?).ok()
    }

    /// A state written as its distance from state `at` (see [`zigzag`]).
    fn target(&mut self, at: usize) -> Option<StateID> {
        let z = self.varint()?;
        let d = (z >> 1) as i64 ^ -((z & 1) as i64);
        StateID::new(usize::try_from(at as i64 + d).ok()?).ok()
    }

    fn transition(&mut self, at: usize) -> Option<Transition> {
        let (start, end) = (self.u8()?, self.u8()?);
        Some(Transition {
            start,
            end,
            next: self.target(at)?,
        })
    }
}

/// What a process compiled while recording: key -> the NFA it compiled to (`None` when the
/// form has no lazy DFA).
static RECORDED: Mutex<Option<BTreeMap<String, Option<NFA>>>> = Mutex::new(None);

/// Whether compilations are being recorded (for [`table_of_recorded`]).
pub(crate) fn recording() -> bool {
    RECORDED.lock().is_ok_and(|r| r.is_some())
}

/// Notes that `key` compiled to `nfa`, when recording.
pub(crate) fn record(key: &str, nfa: Option<&NFA>) {
    if let Ok(mut recorded) = RECORDED.lock()
        && let Some(recorded) = recorded.as_mut()
    {
        recorded.insert(key.to_owned(), nfa.cloned());
    }
}

/// Starts recording the forms this process compiles, for [`table_of_recorded`]. While
/// recording, every form is compiled from its pattern, not taken from the table.
#[doc(hidden)]
pub fn start_recording() {
    if let Ok(mut recorded) = RECORDED.lock() {
        *recorded = Some(BTreeMap::new());
    }
}

/// The table of the forms compiled since [`start_recording`] (which ends the recording), and
/// the table the binary holds, for `tests/prebuilt_nfas.rs`.
#[doc(hidden)]
pub fn table_of_recorded() -> (Vec<u8>, &'static [u8]) {
    let recorded = RECORDED
        .lock()
        .ok()
        .and_then(|mut r| r.take())
        .unwrap_or_default();
    let entries: Vec<(String, Vec<u8>)> = recorded
        .into_iter()
        .filter_map(|(key, nfa)| {
            let bytes = encode(nfa.as_ref()?)?;
            Some((key, lz4_flex::block::compress_prepend_size(&bytes)))
        })
        .collect();
    let mut index = Vec::new();
    let mut data = Vec::new();
    let mut put = |index: &mut Vec<u8>, bytes: &[u8]| {
        index.extend_from_slice(&(data.len() as u32).to_le_bytes());
        index.extend_from_slice(&(bytes.len() as u32).to_le_bytes());
        data.extend_from_slice(bytes);
    };
    for (key, nfa) in &entries {
        put(&mut index, key.as_bytes());
        put(&mut index, nfa);
    }
    let mut table = MAGIC.to_vec();
    table.extend_from_slice(&(entries.len() as u32).to_le_bytes());
    table.extend_from_slice(&index);
    table.extend_from_slice(&data);
    (table, TABLE)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An NFA rebuilt from its encoding is the NFA that was encoded, state for state.
    #[test]
    fn encoding_round_trips() {
        for (pattern, captures) in [
            (
                r"(?i)\b(?:subscribe|newsletter)s?\b",
                thompson::WhichCaptures::None,
            ),
            (
                r"^\W*(?:read|lies|lisez)\s+(?:more|mehr|plus)",
                thompson::WhichCaptures::None,
            ),
            (
                r"[\p{L}&&[^a-z]]+\d{2,4}$|^$",
                thompson::WhichCaptures::None,
            ),
        ] {
            let nfa = thompson::Compiler::new()
                .configure(thompson::Config::new().which_captures(captures))
                .build(pattern)
                .unwrap();
            let bytes = encode(&nfa).unwrap();
            let back = decode(&bytes).unwrap();
            assert_eq!(format!("{nfa:?}"), format!("{back:?}"), "{pattern}");
        }
        let with_captures = thompson::Compiler::new().build(r"(a)b").unwrap();
        assert!(encode(&with_captures).is_none());
    }

    /// A key that is in a table is found, one that is not is not; a table that is not one
    /// holds nothing.
    #[test]
    fn lookup_finds_exactly_the_stored_keys() {
        let nfa = thompson::Compiler::new()
            .configure(thompson::Config::new().which_captures(thompson::WhichCaptures::None))
            .build("ab+")
            .unwrap();
        let mut table = MAGIC.to_vec();
        let bytes = encode(&nfa).unwrap();
        let keys = ["a", "b", "c"];
        table.extend_from_slice(&3u32.to_le_bytes());
        let mut data = Vec::new();
        for k in keys {
            for part in [k.as_bytes(), &bytes] {
                table.extend_from_slice(&(data.len() as u32).to_le_bytes());
                table.extend_from_slice(&(part.len() as u32).to_le_bytes());
                data.extend_from_slice(part);
            }
        }
        table.extend_from_slice(&data);
        for k in keys {
            assert_eq!(lookup(&table, k), Some(&bytes[..]));
        }
        assert_eq!(lookup(&table, "bb"), None);
        assert_eq!(lookup(&table, ""), None);
        assert_eq!(lookup(b"not a table", "a"), None);
    }
}
