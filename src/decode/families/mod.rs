//! The standard families as their runtimes print them, one module each, found through one
//! registry ([`ALL`]): a family's printouts, the words annotate looks for, the messages its
//! runtimes print after a `: `, the forms people write its codes in, and the other families
//! the same error belongs to. Each printout names a family and a code, symbol or message,
//! which [`Hit::key`] holds; the decoder looks it up.
//!
//! To add a family: a module here with its [`Family`], and a line in [`ALL`] (docs/design.md,
//! "Adding a family").

/// Which patterns a text may hold, before any is compiled (for speed).
mod gate;

mod aws;
mod curl;
mod dns;
mod dns_ede;
mod errno;
mod exit;
mod gcp;
mod grpc;
mod hresult;
mod http;
mod http2;
mod jsonrpc;
mod k8s;
mod ldap;
mod mongodb;
mod mysql;
mod node;
mod ntstatus;
mod oauth;
mod openssl;
mod postgres;
mod postgres_words;
mod quic;
mod redis;
mod signal;
mod smtp;
mod sqlite;
mod tls_alert;
mod websocket;
mod win32;
mod x509;

use crate::catalog::{Entry, Kind};
use crate::index::{self, Index};
use crate::query::Query;
use regex::Regex;
use std::sync::{LazyLock, OnceLock};

/// Every family the decoder knows, in the order their printouts are tried.
pub static ALL: &[&Family] = &[
    &http::FAMILY,
    &grpc::FAMILY,
    &errno::FAMILY,
    &postgres::FAMILY,
    &sqlite::FAMILY,
    &curl::FAMILY,
    &win32::FAMILY,
    &hresult::FAMILY,
    &ntstatus::FAMILY,
    &x509::FAMILY,
    &openssl::FAMILY,
    &tls_alert::FAMILY,
    &signal::FAMILY,
    &exit::FAMILY,
    &node::FAMILY,
    &k8s::FAMILY,
    &mysql::FAMILY,
    &redis::FAMILY,
    &ldap::FAMILY,
    &mongodb::FAMILY,
    &oauth::FAMILY,
    &aws::FAMILY,
    &gcp::FAMILY,
    &websocket::FAMILY,
    &dns::FAMILY,
    &dns_ede::FAMILY,
    &http2::FAMILY,
    &quic::FAMILY,
    &jsonrpc::FAMILY,
    &smtp::FAMILY,
];

/// The HTTP family's id: status lines and problem bodies are its errors.
pub const HTTP: &str = http::FAMILY.id;

/// The gRPC family's id: a `google.rpc.Status` (body or trailer) is its error.
pub const GRPC: &str = grpc::FAMILY.id;

/// Google Cloud's family: its `ErrorInfo` reasons come with the error's other details.
pub const GCP: &str = gcp::FAMILY.id;

/// What the decoder and annotate know about one family.
pub struct Family {
    /// The family's catalog id.
    pub id: &'static str,
    /// How its runtimes print its errors.
    pub patterns: &'static [Pattern],
    /// Words (lower case) that a log line holding one of the printouts holds: annotate
    /// decodes no other line for this family.
    pub triggers: &'static [&'static str],
    /// Whether programs print the catalog's messages after a `: ` (errno's strerror as Go
    /// and C print it), and from how many words a message says enough to be taken alone.
    pub printed_words: Option<usize>,
    /// Messages the runtime prints beyond the catalog's (what a message begins with), with
    /// their code.
    pub known_messages: &'static [(&'static str, &'static str)],
    /// A code as people type or print it, in the form the catalog writes it (`80070005` →
    /// `0x80070005`); `None` when the text is no other form of one of its codes.
    pub code_form: fn(&str) -> Option<String>,
    /// The same error in other families' terms, worked out from the key (HRESULT
    /// `0x8007xxxx` is Win32 error `xxxx`).
    pub links: fn(&Key) -> Vec<(&'static str, Key)>,
    /// What to do about retrying an entry (its code and kind), in words, where the protocol
    /// says more than the entry's retry advice (SMTP's 4xx and 5xx, WebSocket's 1013).
    pub retry_words: fn(&str, Option<Kind>) -> Option<&'static str>,
    /// Where the family's runtime messages are in a text, found without a code beside them
    /// (PostgreSQL's server messages, from its templates).
    pub find_messages: fn(&str) -> Vec<std::ops::Range<usize>>,
    /// The codes a runtime message of the family is raised with, from its templates.
    pub codes_of_message: fn(&str) -> Vec<&'static str>,
    /// Families whose printout close by says whose code this is: a SQLSTATE printed beside a
    /// MySQL error is MySQL's, not PostgreSQL's.
    pub outranked_by: &'static [&'static str],
    /// Codes the catalog may hold a printed code it lacks under, offered as suggestions and
    /// never claimed (AWS's wire code `ExpiredToken` beside the shape `ExpiredTokenException`).
    pub near: fn(&str) -> Vec<String>,
}

impl Family {
    /// A family with no printouts, triggers or forms: the fields to fill start from here.
    pub const fn new(id: &'static str) -> Family {
        Family {
            id,
            patterns: &[],
            triggers: &[],
            printed_words: None,
            known_messages: &[],
            code_form: no_form,
            links: no_links,
            retry_words: no_words,
            find_messages: no_messages,
            codes_of_message: no_codes,
            outranked_by: &[],
            near: no_near,
        }
    }
}

fn no_words(_: &str, _: Option<Kind>) -> Option<&'static str> {
    None
}

fn no_messages(_: &str) -> Vec<std::ops::Range<usize>> {
    Vec::new()
}

fn no_codes(_: &str) -> Vec<&'static str> {
    Vec::new()
}

fn no_near(_: &str) -> Vec<String> {
    Vec::new()
}

fn no_form(_: &str) -> Option<String> {
    None
}

fn no_links(_: &Key) -> Vec<(&'static str, Key)> {
    Vec::new()
}

/// One printout: a regular expression, and what its captures mean.
pub struct Pattern {
    pub re: &'static str,
    /// Reads the capture named `key`, else capture 1 (the code, name or message); `None`
    /// when it names nothing.
    pub key: fn(&str) -> Option<Key>,
    /// The capture named `message`, else capture 2, holds the message printed with it.
    pub message: bool,
    /// The printout says something failed, so even an entry that means success is reported
    /// (Go's `server sent GOAWAY … ErrCode=NO_ERROR`).
    pub failed: bool,
    /// The printout also means what the entry's `maps_to` names (bash's `Segmentation
    /// fault` is exit status 139 too).
    pub linked: bool,
    /// The printout names its entry only when the message printed with it agrees with the
    /// entry's: its code alone is anyone's word (Redis's `READONLY` or `BUSY` at a line's start).
    pub agreeing: bool,
    /// Where the name stands says it is the family's (a warning event's REASON column): a name
    /// the catalog lacks is reported as not in it, as a code is.
    pub placed: bool,
}

impl Pattern {
    pub const fn new(re: &'static str, key: fn(&str) -> Option<Key>) -> Pattern {
        Pattern {
            re,
            key,
            message: false,
            failed: false,
            linked: false,
            agreeing: false,
            placed: false,
        }
    }

    /// See [`Pattern::message`].
    pub const fn with_message(self) -> Pattern {
        Pattern {
            message: true,
            ..self
        }
    }

    /// See [`Pattern::failed`].
    pub const fn failed(self) -> Pattern {
        Pattern {
            failed: true,
            ..self
        }
    }

    /// See [`Pattern::linked`].
    pub const fn linked(self) -> Pattern {
        Pattern {
            linked: true,
            ..self
        }
    }

    /// See [`Pattern::placed`].
    pub const fn placed(self) -> Pattern {
        Pattern {
            placed: true,
            ..self
        }
    }

    /// See [`Pattern::agreeing`]; the message is the capture `with_message` reads.
    pub const fn agreeing(self) -> Pattern {
        Pattern {
            agreeing: true,
            message: true,
            ..self
        }
    }
}

/// One printout found.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    /// The family's catalog id (`grpc`, `errno`, `postgres`, `sqlite`, `curl`, …).
    pub family: &'static str,
    pub key: Key,
    /// The text the runtime printed with it, when there is one.
    pub message: Option<String>,
    /// Where the printout is in the text.
    pub start: usize,
    pub end: usize,
    /// The printout that found it (none for a message after a `: `).
    pub pattern: Option<&'static Pattern>,
}

impl PartialEq for Pattern {
    fn eq(&self, other: &Pattern) -> bool {
        std::ptr::eq(self, other)
    }
}

impl std::fmt::Debug for Pattern {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.re)
    }
}

/// How the printout names the code.
#[derive(Debug, Clone, PartialEq)]
pub enum Key {
    /// The code itself (`111`, `23505`).
    Code(String),
    /// A symbol or a runtime's name for it (`ECONNREFUSED`, `Unavailable`, `UniqueViolation`).
    Name(String),
    /// Only the text printed for it, which the family's messages must name exactly (Go's
    /// `connection refused`).
    Message(String),
    /// Codes the printout may be, none more than the others: the family is certain, the
    /// entry is not (Go's `certificate signed by unknown authority` is any missing trust
    /// anchor). The answer is ambiguous, with these as its suggestions.
    OneOf(&'static [&'static str]),
}

pub fn code(s: &str) -> Option<Key> {
    Some(Key::Code(s.to_string()))
}

pub fn name(s: &str) -> Option<Key> {
    Some(Key::Name(s.to_string()))
}

pub fn message(s: &str) -> Option<Key> {
    Some(Key::Message(s.to_string()))
}

/// A 32-bit value as people write one: `0x80070005` (or fewer hex digits after `0x`),
/// `80070005` (eight hex digits), `-2147024891` (signed, as .NET prints an HRESULT) or
/// `2147942405`; `None` for a small positive decimal, which is no such value's form.
pub fn u32_value(typed: &str) -> Option<u32> {
    let t = typed.trim();
    if let Some(hex) = hex_digits(t) {
        return (!hex.is_empty() && hex.len() <= 8)
            .then(|| u32::from_str_radix(hex, 16).ok())
            .flatten();
    }
    if t.len() == 8 && t.bytes().all(|b| b.is_ascii_hexdigit()) {
        return u32::from_str_radix(t, 16).ok();
    }
    if let Some(digits) = t.strip_prefix('-') {
        let n: i64 = digits.parse().ok()?;
        return (n > 0 && n <= 1 << 31).then(|| (-n) as i32 as u32);
    }
    let n: u64 = t.parse().ok()?;
    (n > i32::MAX as u64 && n <= u32::MAX as u64).then_some(n as u32)
}

/// The digits of a number written in hex, after its `0x` or `0X`.
pub fn hex_digits(typed: &str) -> Option<&str> {
    typed
        .strip_prefix("0x")
        .or_else(|| typed.strip_prefix("0X"))
}

/// `0x` and eight upper-case hex digits, the form of HRESULT and NTSTATUS codes.
pub fn hex8(value: u32) -> String {
    format!("0x{value:08X}")
}

/// A 32-bit value typed in any of its forms ([`u32_value`]), as [`hex8`] writes it.
pub fn hex8_form(typed: &str) -> Option<String> {
    u32_value(typed).map(hex8)
}

/// The family with this id.
pub fn by_id(id: &str) -> Option<&'static Family> {
    ALL.iter().copied().find(|f| f.id == id)
}

/// Every family's trigger words.
pub fn trigger_words() -> impl Iterator<Item = &'static str> {
    ALL.iter().flat_map(|f| f.triggers.iter().copied())
}

/// The family and code of a message a runtime prints beyond the catalog's, when `printed`
/// (any case) begins with one.
pub fn known_message(printed: &str) -> Option<(&'static str, &'static str)> {
    let lower = printed.to_lowercase();
    ALL.iter().find_map(|f| {
        f.known_messages
            .iter()
            .find(|(m, _)| lower.starts_with(&m.to_lowercase()))
            .map(|&(_, code)| (f.id, code))
    })
}

/// The forms of `typed` that families write their codes in, with the family of each
/// (`-2147024891` → hresult `0x80070005`).
pub fn code_forms(typed: &str) -> Vec<(&'static str, String)> {
    ALL.iter()
        .filter_map(|f| (f.code_form)(typed).map(|c| (f.id, c)))
        .filter(|(_, c)| c != typed)
        .collect()
}

/// The codes of other families that `code` of `family` is, by the family's links (HRESULT
/// `0x800706BA` is win32 `1722`), in whatever form the family writes `code`.
pub fn linked_codes(family: &str, code: &str) -> Vec<(&'static str, String)> {
    let Some(f) = by_id(family) else {
        return Vec::new();
    };
    let code = (f.code_form)(code).unwrap_or_else(|| code.to_string());
    (f.links)(&Key::Code(code))
        .into_iter()
        .filter_map(|(family, key)| match key {
            Key::Code(c) => Some((family, c)),
            _ => None,
        })
        .collect()
}

/// The codes of other families an entry is: its `maps_to`, then those its family's links
/// work out (an HRESULT `0x8007xxxx` is Win32 `xxxx`), for `show` and the detail pane.
pub fn maps_to(vendor: &str, entry: &Entry) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = entry
        .maps_to
        .iter()
        .map(|m| (m.vendor.clone(), m.code.clone()))
        .collect();
    for (family, code) in linked_codes(vendor, &entry.code) {
        if !out.iter().any(|(v, c)| v == family && *c == code) {
            out.push((family.to_string(), code));
        }
    }
    out
}

/// `hits` of `query`, with first, as exact code hits, the entries whose code is the query's
/// code in the form its family writes it (`-2147024891` → hresult `0x80070005`, `MY-1045` →
/// mysql `1045`): search and the explorer's filter take every form. The query's other terms
/// (vendor, status, kind) still apply.
pub fn with_code_forms(index: &Index, query: &Query, hits: Vec<index::Hit>) -> Vec<index::Hit> {
    let Some(typed) = query.code_like() else {
        return hits;
    };
    let mut first: Vec<index::Hit> = Vec::new();
    for (family, form) in code_forms(typed) {
        let Some(v) = index.vendors().iter().position(|v| v.id == family) else {
            continue;
        };
        let as_written = Query {
            text: form,
            ..query.clone()
        };
        for h in index.code_hits(&as_written) {
            if index.row_vendor(h.row) == v && !first.iter().any(|f| f.row == h.row) {
                first.push(h);
            }
        }
    }
    if first.is_empty() {
        return hits;
    }
    let rest: Vec<index::Hit> = hits
        .into_iter()
        .filter(|h| !first.iter().any(|f| f.row == h.row))
        .collect();
    first.extend(rest);
    first
}

/// Every pattern with its family, each compiled the first time a text may hold it.
struct Compiled {
    /// Which patterns a text may hold (most texts hold none).
    gate: gate::Gate,
    patterns: Vec<(&'static Family, &'static Pattern, OnceLock<Regex>)>,
}

static COMPILED: LazyLock<Compiled> = LazyLock::new(|| {
    let patterns: Vec<_> = ALL
        .iter()
        .flat_map(|f| f.patterns.iter().map(move |p| (*f, p, OnceLock::new())))
        .collect();
    Compiled {
        gate: gate::Gate::new(patterns.iter().map(|(_, p, _)| p.re)),
        patterns,
    }
});

/// The text after each `: ` up to the next quote, bracket, comma or line end: where Go, C's
/// `perror` and command-line tools put a library's message (`dial tcp ...: connect: connection
/// refused`, `open x: permission denied`). A quoted value (`"message": "..."`) is not one.
pub fn after_colons(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.match_indices(": ").filter_map(move |(at, _)| {
        let start = at + 2;
        let rest = &text[start..];
        if rest.starts_with(['"', '\'', ' ']) {
            return None;
        }
        // A message is at most 80 bytes, so its end is looked for no further than a few times
        // that: a text of many `: ` is read in linear time.
        let window = super::extract::floor_boundary(rest, 320);
        let end = rest[..window]
            .find(['"', '\'', ')', '(', ']', ',', ';', '\n', '\r'])
            .unwrap_or(window);
        let segment = rest[..end].trim_end();
        (segment.len() >= 4 && segment.len() <= 80).then_some((start, segment))
    })
}

/// The families' runtime messages found by their templates, each a hit keyed by its text.
pub fn find_messages(text: &str) -> Vec<Hit> {
    ALL.iter()
        .flat_map(|f| {
            (f.find_messages)(text).into_iter().map(|span| Hit {
                family: f.id,
                key: Key::Message(text[span.clone()].to_string()),
                message: None,
                start: span.start,
                end: span.end,
                pattern: None,
            })
        })
        .collect()
}

/// Every printout in `text`, in the order they appear (several patterns may find the same
/// code; the decoder keeps one), each followed by what its family's links make of it.
pub fn find(text: &str) -> Vec<Hit> {
    let compiled = &*COMPILED;
    let mut hits = Vec::new();
    let may = compiled.gate.candidates(text);
    for (i, (family, p, re)) in compiled.patterns.iter().enumerate() {
        if !may[i] {
            continue;
        }
        let re = re.get_or_init(|| Regex::new(p.re).expect("family patterns are tested"));
        for c in re.captures_iter(text) {
            let (Some(all), Some(capture)) = (c.get(0), c.name("key").or_else(|| c.get(1))) else {
                continue;
            };
            let Some(key) = (p.key)(capture.as_str()) else {
                continue;
            };
            let message = p
                .message
                .then(|| c.name("message").or_else(|| c.get(2)))
                .flatten()
                .map(|m| m.as_str().trim().to_string())
                .filter(|m| !m.is_empty());
            let links = (family.links)(&key);
            let hit = Hit {
                family: family.id,
                key,
                message,
                start: all.start(),
                end: all.end(),
                pattern: Some(p),
            };
            for (family, key) in links {
                hits.push(Hit {
                    family,
                    key,
                    ..hit.clone()
                });
            }
            hits.push(hit);
        }
    }
    hits.sort_by_key(|h| (h.start, h.end));
    let outranked = outranked(&hits);
    let mut outranked = outranked.into_iter();
    hits.retain(|_| !outranked.next().unwrap_or(false));
    hits
}

/// For each of `hits` (sorted by start), whether a hit of a family it is outranked by lies
/// within [`NEARBY`] of it. Each family that outranks another keeps its hits' starts and the
/// furthest end up to each, so a hit is one binary search, not a scan of every hit: a paste of
/// thousands of SQLSTATEs stays linear.
fn outranked(hits: &[Hit]) -> Vec<bool> {
    let outranking = |id: &str| ALL.iter().any(|f| f.outranked_by.contains(&id));
    // family -> (starts in order, the furthest end among the hits up to each)
    let mut spans: Vec<(&str, Vec<usize>, Vec<usize>)> = Vec::new();
    for h in hits.iter().filter(|h| outranking(h.family)) {
        let i = match spans.iter().position(|(id, ..)| *id == h.family) {
            Some(i) => i,
            None => {
                spans.push((h.family, Vec::new(), Vec::new()));
                spans.len() - 1
            }
        };
        let (_, starts, ends) = &mut spans[i];
        let furthest = ends.last().map_or(h.end, |&e| e.max(h.end));
        starts.push(h.start);
        ends.push(furthest);
    }
    hits.iter()
        .map(|h| {
            let by = by_id(h.family).map_or(&[][..], |f| f.outranked_by);
            spans
                .iter()
                .filter(|(id, ..)| by.contains(id))
                .any(|(_, starts, ends)| {
                    // The hits that start before `h` ends (and NEARBY after); one of them is near
                    // when the furthest of their ends reaches `h`'s start (less NEARBY).
                    let before = starts.partition_point(|&s| s < h.end + NEARBY);
                    before > 0 && h.start < ends[before - 1] + NEARBY
                })
        })
        .collect()
}

/// How far apart two printouts may be and still be one error's (a driver's error object).
const NEARBY: usize = 400;

#[cfg(test)]
mod tests {
    use super::*;

    pub(super) fn keys(text: &str) -> Vec<(&'static str, Key)> {
        find(text).into_iter().map(|h| (h.family, h.key)).collect()
    }

    /// What `families` find in `text`, each key once, in order.
    pub(super) fn keys_in(families: &[&str], text: &str) -> Vec<(&'static str, Key)> {
        let mut out: Vec<(&'static str, Key)> = Vec::new();
        for k in keys(text) {
            if families.contains(&k.0) && !out.contains(&k) {
                out.push(k);
            }
        }
        out
    }

    /// Keys, for the families' tests.
    pub(super) fn c(s: &str) -> Key {
        Key::Code(s.into())
    }

    pub(super) fn n(s: &str) -> Key {
        Key::Name(s.into())
    }

    pub(super) fn m(s: &str) -> Key {
        Key::Message(s.into())
    }

    /// A printed line and what a family must read in it.
    pub(super) struct Case<'a> {
        pub line: &'a str,
        pub reads: Reads,
    }

    /// What a family must read in a printed line.
    pub(super) enum Reads {
        /// These keys, in this order, and no other key of the family.
        Exactly(Vec<Key>),
        /// Each of these keys, among whatever else the family reads.
        Including(Vec<Key>),
        /// These keys, in this order, and no key of any family besides.
        Alone(Vec<Key>),
        /// No key: the line is not the family's printout.
        Nothing,
    }

    /// The family reads these keys and no others ([`Reads::Exactly`]).
    pub(super) fn exactly<const N: usize>(keys: [Key; N]) -> Reads {
        Reads::Exactly(keys.into())
    }

    /// The family reads these keys among others ([`Reads::Including`]).
    pub(super) fn including<const N: usize>(keys: [Key; N]) -> Reads {
        Reads::Including(keys.into())
    }

    /// The family reads these keys and no family reads anything else ([`Reads::Alone`]).
    pub(super) fn alone<const N: usize>(keys: [Key; N]) -> Reads {
        Reads::Alone(keys.into())
    }

    /// The family reads no key in the line ([`Reads::Nothing`]).
    pub(super) fn nothing() -> Reads {
        Reads::Nothing
    }

    /// The keys `family` reads in `text`, each once, in order.
    pub(super) fn family_keys(family: &str, text: &str) -> Vec<Key> {
        keys_in(&[family], text)
            .into_iter()
            .map(|(_, k)| k)
            .collect()
    }

    /// Checks what `family` reads in each case's line; a failure names the line.
    pub(super) fn check_reads<'a>(family: &'static str, cases: impl IntoIterator<Item = Case<'a>>) {
        for Case { line, reads } in cases {
            let read = family_keys(family, line);
            match reads {
                Reads::Exactly(want) => assert_eq!(read, want, "{family} in {line:?}"),
                Reads::Including(want) => {
                    for k in &want {
                        assert!(
                            read.contains(k),
                            "{family} in {line:?}: {k:?} not in {read:?}"
                        );
                    }
                }
                Reads::Alone(want) => {
                    let want: Vec<_> = want.into_iter().map(|k| (family, k)).collect();
                    assert_eq!(keys(line), want, "every family in {line:?}");
                }
                Reads::Nothing => assert!(read.is_empty(), "{family} reads {read:?} in {line:?}"),
            }
        }
    }

    /// The binary search in `outranked` says what a scan of every pair says.
    #[test]
    fn outranked_hits_are_those_near_an_outranking_one() {
        let hit = |family: &'static str, start: usize, end: usize| Hit {
            family,
            key: c("23505"),
            message: None,
            start,
            end,
            pattern: None,
        };
        let mut hits = Vec::new();
        // Postgres hits every 97 bytes; MySQL hits, some long, at irregular places.
        for i in 0..60 {
            hits.push(hit("postgres", i * 97, i * 97 + 15));
        }
        for (start, len) in [(10, 5), (900, 2000), (3100, 3), (5000, 40), (5790, 1)] {
            hits.push(hit("mysql", start, start + len));
        }
        hits.sort_by_key(|h| (h.start, h.end));
        let scanned: Vec<bool> = hits
            .iter()
            .map(|h| {
                h.family == "postgres"
                    && hits.iter().any(|o| {
                        o.family == "mysql" && o.start < h.end + NEARBY && h.start < o.end + NEARBY
                    })
            })
            .collect();
        assert!(scanned.contains(&true) && scanned.contains(&false));
        assert_eq!(outranked(&hits), scanned);
    }

    #[test]
    fn every_pattern_compiles() {
        assert!(!COMPILED.patterns.is_empty());
        for (family, p, _) in &COMPILED.patterns {
            assert!(Regex::new(p.re).is_ok(), "{}: {}", family.id, p.re);
        }
    }

    #[test]
    fn ids_are_unique_and_triggers_lower_case() {
        for (i, f) in ALL.iter().enumerate() {
            assert!(ALL[..i].iter().all(|g| g.id != f.id), "{}", f.id);
            assert!(
                f.triggers.iter().all(|w| w.to_lowercase() == *w),
                "{}",
                f.id
            );
        }
    }

    #[test]
    fn links_and_forms_of_codes() {
        assert_eq!(
            linked_codes("hresult", "800706ba"),
            [("win32", "1722".to_string())]
        );
        assert!(linked_codes("hresult", "0x80004005").is_empty());
        assert!(code_forms("-2147024891").contains(&("hresult", "0x80070005".to_string())));
        let index = Index::embedded();
        let query = Query::parse("-2147024891").unwrap();
        let hits = with_code_forms(&index, &query, index.search(&query));
        let first = index.get(hits[0].row);
        assert_eq!(
            (first.vendor.id.as_str(), first.entry.code.as_str()),
            ("hresult", "0x80070005")
        );
        assert!(hits[0].exact_code);
    }

    /// Each family writes a typed code in its own form; `None`: the text is no form of one
    /// of its codes.
    #[test]
    fn each_family_writes_typed_codes_in_its_form() {
        for (family, typed, written) in [
            ("hresult", "80070005", Some("0x80070005")),
            ("hresult", "0x80070005", Some("0x80070005")),
            ("hresult", "0x8007000e", Some("0x8007000E")),
            ("hresult", "-2147024891", Some("0x80070005")),
            ("hresult", "5", None),
            ("hresult", "E_ACCESSDENIED", None),
            ("mysql", "MY-1045", Some("1045")),
            ("mysql", "MY-001045", Some("1045")),
            ("mysql", "001045", Some("1045")),
            ("mysql", "ER_DUP_ENTRY", None),
            ("ntstatus", "c0000005", Some("0xC0000005")),
            ("ntstatus", "0xc0000005", Some("0xC0000005")),
            ("ntstatus", "-1073741819", Some("0xC0000005")),
            ("quic", "0x10C", Some("0x10c")),
            ("quic", "0x010c", Some("0x10c")),
            ("quic", "268", None),
            // Win32 codes are written in decimal: hex is read as the decimal code.
            ("win32", "0x00000005", Some("5")),
            ("win32", "0x80070005", None),
            ("win32", "5", None),
        ] {
            let form = by_id(family).expect("a family").code_form;
            assert_eq!(form(typed).as_deref(), written, "{family}: {typed:?}");
        }
    }

    #[test]
    fn messages_after_colons() {
        let segments: Vec<&str> =
            after_colons("dial tcp 1.2.3.4:5432: connect: connection refused)")
                .map(|(_, s)| s)
                .collect();
        assert_eq!(
            segments,
            ["connect: connection refused", "connection refused"]
        );
        assert_eq!(
            after_colons(r#"{"message": "permission denied"}"#).count(),
            0
        );
    }
}
