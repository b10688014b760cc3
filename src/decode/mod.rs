//! Decoding pasted error text (JSON in logs, HTTP transcripts, runtimes' printouts, bare
//! messages) into errors matched against the index, naming a vendor only on evidence.
//!
//! The pipeline: [`extract`] finds HTTP status lines and JSON-ish documents (parsed by
//! [`lenient`], which never recurses), [`printouts`] the bodies runtimes print in other shapes;
//! every object is examined, top down, against each catalog's `envelope` ([`envelope`]). A
//! vendor is named only when the object shows its envelope's evidence; otherwise only a
//! message that names exactly one entry identifies it, and a code alone is a suggestion.
//! [`families`] finds the standard families' printouts (gRPC, errno, SQLSTATE, SQLite, curl),
//! status lines give HTTP errors, and bare lines are compared with catalog messages
//! ([`similarity`]). Every error says how it was identified ([`Confidence`]) and by what.

mod clauses;
mod echo;
mod envelope;
mod extract;
pub mod families;
mod http_bodies;
mod http_printouts;
mod lenient;
mod links;
mod printouts;
pub mod retry;
mod retry_after;
mod rpc_details;
mod rpc_status;
mod rpc_text;
mod similarity;
mod weigh;
mod wrap;

use crate::catalog::VendorType;
use crate::index::messages::{MessageIndex, Tokens, tokenize};
use crate::index::{Field, Index, RowId};
use envelope::{Fit, Spec, Verdict};
use extract::{Docs, Found};
use lenient::Value;
use serde::Serialize;
use similarity::{Agreement, agreement, similarity};
use std::ops::Range;

pub use retry_after::RetryAfter;
pub use rpc_details::describe as describe_detail;

/// The bytes of a status line looked at (`HTTP/1.1 503 Service Unavailable` and what a proxy
/// adds), and the words of its reason phrase kept.
const MAX_STATUS_LINE: usize = 256;
const MAX_PHRASE_WORDS: usize = 8;

/// Where the line holding `at` ends, or `at + most` (at a character boundary) if it ends later.
fn line_end_within(text: &str, at: usize, most: usize) -> usize {
    let limit = extract::floor_boundary(text, at + most);
    memchr::memchr(b'\n', &text.as_bytes()[at..limit]).map_or(limit, |p| at + p)
}

/// Pastes larger than this are refused with a notice.
pub const MAX_PASTE_BYTES: usize = 16 * 1024 * 1024;
/// At most this many errors are reported; a notice says when there were more.
pub const MAX_ERRORS: usize = 1000;

/// JSON inside a string inside JSON is decoded this many levels deep.
const MAX_LEVEL: u8 = 3;
/// A bare line matches a catalog message at this similarity.
const CLOSE: f32 = 0.9;
/// A message identifies an entry only when the entry's message has at least this many
/// tokens: short phrases that happen to be in a catalog ("permission denied") say little.
const SPECIFIC_TOKENS: usize = 3;
const MAX_BARE_LINE: usize = 300;
/// A message agrees with the entry of its code at this similarity.
const AGREES: f32 = 0.5;
/// Suggestions need at least this similarity.
const SUGGEST_MIN: f32 = 0.3;
const SUGGESTIONS: usize = 5;

/// What a paste decoded to.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Decoded {
    pub errors: Vec<DecodedError>,
    /// Why the paste was refused, or what was left out (too many errors, too deep).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notice: Option<String>,
}

/// How an error was identified, strongest first. Only the first five identify an entry
/// ([`Confidence::identified`]); the others offer suggestions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Confidence {
    /// The vendor's envelope, its code and its message agree.
    EnvelopeCodeMessage,
    /// The vendor's envelope and its code (no message, or another one).
    EnvelopeCode,
    /// The vendor's envelope, no code, and a message naming one of its entries.
    EnvelopeMessage,
    /// No envelope, but the code and a message naming exactly that entry agree.
    CodeMessage,
    /// A message naming exactly one entry.
    MessageOnly,
    /// The vendor's envelope, one few APIs share, and its code; the message shares nothing
    /// with the entry of that code.
    EnvelopeCodeMessageDiffers,
    /// A message naming several entries equally: they are the suggestions.
    Ambiguous,
    /// A vendor's envelope that many APIs share, and a code, but a message that shares
    /// nothing with the entry of that code: most likely another API's error. The entry is a
    /// suggestion.
    Contradicted,
    /// A code some catalog has, without its vendor's envelope: suggestions only.
    CodeOnly,
    /// The vendor's envelope (or none) with a code no catalog has.
    NotInCatalog,
}

impl Confidence {
    /// Whether the error was identified as an entry (an answer, not a suggestion).
    pub fn identified(self) -> bool {
        matches!(
            self,
            Confidence::EnvelopeCodeMessage
                | Confidence::EnvelopeCode
                | Confidence::EnvelopeMessage
                | Confidence::CodeMessage
                | Confidence::MessageOnly
                | Confidence::EnvelopeCodeMessageDiffers
        )
    }

    /// How it was identified, in words.
    pub fn describe(self) -> &'static str {
        match self {
            Confidence::EnvelopeCodeMessage => "envelope + code + message agree",
            Confidence::EnvelopeCode => "envelope + code",
            Confidence::EnvelopeMessage => "envelope + message",
            Confidence::CodeMessage => "code + message agree (no envelope)",
            Confidence::MessageOnly => "message only",
            Confidence::EnvelopeCodeMessageDiffers => {
                "envelope + code; the message differs from the catalog's"
            }
            Confidence::Ambiguous => "ambiguous: the message fits several entries",
            Confidence::Contradicted => {
                "not claimed: the vendor's shape, but the message contradicts its code"
            }
            Confidence::CodeOnly => "code only (not this vendor's envelope): suggestions",
            Confidence::NotInCatalog => "not in catalog",
        }
    }
}

/// One error found in the paste.
#[derive(Debug, Clone, Serialize)]
pub struct DecodedError {
    /// The code as written (`"0000"`, `"1302"`, `"field_is_required"`); `None` for a bare
    /// message line or an error with a message only.
    pub code: Option<String>,
    pub message: Option<String>,
    /// From the HTTP status line before the body, else a `status` key of the object.
    pub http_status: Option<u16>,
    /// Vendor (or family) id, named only on evidence; `None` when unknown or ambiguous.
    pub vendor: Option<String>,
    /// Where it was found: a JSON path (`$.errResponse`, `$[1].validation_failed_responses[0]`;
    /// JSON inside a string continues the string's path), or `line N`.
    pub path: String,
    /// The field an item is about (Guo-Guo's `property_name`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    pub confidence: Confidence,
    /// The keys and text that decided (`error: 1`, `code: 1302`, `HTTP/1.1 403 Forbidden`).
    pub evidence: Vec<String>,
    /// What the reader should know beside the answer: that the message differs from the
    /// catalog's, or what the entry a body is shaped like says instead.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// When to try again, from the response's `Retry-After` or rate-limit reset header.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub retry_after: Option<RetryAfter>,
    /// `google.rpc.Status` error details (`ErrorInfo`, `BadRequest`, ...) in Google's JSON form,
    /// from the body or a `grpc-status-details-bin` trailer.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub details: Vec<serde_json::Value>,
    /// Catalog entries for this error, best first (rows of the index's default view); empty
    /// unless it was identified.
    #[serde(skip)]
    pub match_rows: Vec<RowId>,
    /// Near entries, offered when nothing was identified.
    #[serde(skip)]
    pub suggestion_rows: Vec<RowId>,
}

impl Decoded {
    /// Whether any error was identified as a catalog entry.
    pub fn matched(&self) -> bool {
        self.errors.iter().any(|e| !e.match_rows.is_empty())
    }
}

/// Decodes pasted text against the index. Never panics; work is linear in the paste.
pub fn decode(text: &str, index: &Index) -> Decoded {
    Decoding::new(index).decode(text)
}

/// What decoding needs from an index (its envelopes), kept for many pastes. (The message index
/// bare lines are compared with belongs to the [`Index`]: [`Index::prepare_messages`].)
pub struct Decoding<'i> {
    index: &'i Index,
    specs: Vec<Spec>,
    /// The HTTP status each vendor's envelope declares (Tencent: 200), by vendor.
    vendor_status: Vec<Option<u16>>,
    /// Library messages programs print after a `: `, lower-case, with their family: errno's
    /// strerror texts, SQLite's messages of three words or more.
    printed: std::collections::HashMap<String, &'static str>,
    /// Catalog messages' first clauses, built when a line first needs them.
    clauses: std::cell::OnceCell<clauses::FirstClauses>,
    /// HTTP reason phrases, built when a paste first needs them.
    http_phrases: std::cell::OnceCell<http_printouts::Phrases>,
    /// Whether each row is a vendor's (not a standard family's), by row: asked of every row
    /// sharing a word with a bare line, which on a long log is most rows many times over.
    vendor_rows: std::cell::OnceCell<Vec<bool>>,
}

impl<'i> Decoding<'i> {
    pub fn new(index: &'i Index) -> Decoding<'i> {
        let specs = Spec::all(index);
        let mut vendor_status = vec![None; index.vendors().len()];
        for s in &specs {
            if let Some(slot) = vendor_status.get_mut(s.vendor) {
                *slot = slot.or(s.http_status);
            }
        }
        Decoding {
            index,
            specs,
            vendor_status,
            printed: printed_messages(index),
            clauses: std::cell::OnceCell::new(),
            http_phrases: std::cell::OnceCell::new(),
            vendor_rows: std::cell::OnceCell::new(),
        }
    }

    /// See [`Decoding::vendor_rows`].
    fn vendor_rows(&self) -> &[bool] {
        self.vendor_rows.get_or_init(|| {
            let index = self.index;
            let mut rows = vec![false; index.len()];
            for v in 0..index.vendors().len() {
                if index.vendor_table(v).vendor().vendor_type == VendorType::Vendor {
                    for r in index.vendor_rows(v) {
                        rows[r as usize] = true;
                    }
                }
            }
            rows
        })
    }

    /// [`decode`] with what was prepared.
    pub fn decode(&self, text: &str) -> Decoded {
        if text.len() > MAX_PASTE_BYTES {
            return Decoded {
                errors: Vec::new(),
                notice: Some(format!(
                    "paste refused: {} is more than the {} errdex decodes",
                    megabytes(text.len()),
                    megabytes(MAX_PASTE_BYTES)
                )),
            };
        }
        let text = extract::preprocess(text);
        let mut d = Decoder::new(self);
        let mut docs = d.scan(&text, "", None, 0, None);
        docs.extend(d.printouts(&text));
        docs.sort_by_key(|r| r.start);
        d.families(&text);
        d.bare_lines(&text, &docs);
        d.status_lines(&text);
        let statuses = extract::status_lines(&text);
        d.http_printouts(&text, &statuses);
        d.rpc_trailers(&text);
        d.loose_details(&text);
        d.retry_headers(&text, &statuses);
        d.finish()
    }

    /// The HTTP family's reason phrases, for [`http_printouts`].
    fn http_phrases(&self) -> &http_printouts::Phrases {
        self.http_phrases.get_or_init(|| {
            let Some(http) = family_of(self.index, families::HTTP) else {
                return http_printouts::Phrases::new([]);
            };
            let rows = self.index.vendor_rows(http);
            http_printouts::Phrases::new(rows.filter_map(|r| {
                let status = self.index.code(r).parse().ok()?;
                Some((status, self.index.field(r, Field::Message)?))
            }))
        })
    }
}

/// The vendor index of a standard family's catalog, when it is loaded.
fn family_of(index: &Index, id: &str) -> Option<usize> {
    index
        .vendors()
        .iter()
        .position(|v| v.id == id)
        .filter(|&v| index.vendor_table(v).vendor().vendor_type == VendorType::Standard)
}

/// See [`Decoding::printed`].
fn printed_messages(index: &Index) -> std::collections::HashMap<String, &'static str> {
    let mut known = std::collections::HashMap::new();
    let family = |id: &str| {
        index
            .vendors()
            .iter()
            .position(|v| v.id == id)
            .filter(|&v| index.vendor_table(v).vendor().vendor_type == VendorType::Standard)
    };
    for f in families::ALL {
        let Some(fewest_words) = f.printed_words else {
            continue;
        };
        let Some(v) = family(f.id) else { continue };
        let id = f.id;
        let table = index.vendor_table(v);
        for i in 0..table.len() {
            let Some(m) = table.field(i, Field::Message) else {
                continue;
            };
            let generic = ["out of memory", "unknown error", "not an error"];
            let words = m.split_whitespace().count();
            if words >= fewest_words && !generic.contains(&m.to_lowercase().as_str()) {
                known.entry(m.to_lowercase()).or_insert(id);
            }
        }
        for (m, _) in f.known_messages {
            known.entry(m.to_lowercase()).or_insert(id);
        }
    }
    known
}

fn megabytes(n: usize) -> String {
    format!("{:.1} MB", n as f64 / (1024.0 * 1024.0))
}

/// What a message says of the entries it could be.
enum Identified {
    /// One entry (its rows: a code listed twice has two).
    One(Vec<RowId>),
    /// Several entries, equally: one row of each.
    Several(Vec<RowId>),
    None,
}

/// Bytes within which a trailer and a printout of the same gRPC code are one error.
const NEAR_BYTES: usize = 2000;

/// A `RetryInfo`'s wait as a retry header.
fn retry_info((seconds, value): (f64, String)) -> RetryAfter {
    RetryAfter {
        header: "RetryInfo".into(),
        value,
        seconds: Some(seconds),
        at: None,
    }
}

/// Spans of text that say a status, to ask whether a new one overlaps one with the same status.
struct Spans {
    /// For each status, its spans' starts in order, and the largest end among those up to each.
    by_status: std::collections::HashMap<u16, (Vec<usize>, Vec<usize>)>,
}

impl Spans {
    fn new(mut spans: Vec<(Range<usize>, u16)>) -> Spans {
        spans.sort_by_key(|(r, _)| r.start);
        let mut by_status: std::collections::HashMap<u16, (Vec<usize>, Vec<usize>)> =
            Default::default();
        for (r, status) in spans {
            let (starts, reach) = by_status.entry(status).or_default();
            let far = reach.last().map_or(r.end, |&f| f.max(r.end));
            starts.push(r.start);
            reach.push(far);
        }
        Spans { by_status }
    }

    /// Whether a span with `status` overlaps `at`: of those starting before it ends, one ends
    /// after it starts.
    fn overlaps(&self, at: Range<usize>, status: u16) -> bool {
        let Some((starts, reach)) = self.by_status.get(&status) else {
            return false;
        };
        let before = starts.partition_point(|&s| s < at.end);
        before > 0 && reach[before - 1] > at.start
    }
}

/// The envelope an object showed: whose, and whether few other APIs share it.
#[derive(Clone, Copy)]
struct Shape {
    vendor: usize,
    distinctive: bool,
}

/// An error found, with where it sorts and the text it came from.
struct Found_ {
    /// Offset in the top-level text it sorts by.
    anchor: usize,
    /// The text it was read from (a document, a line), for merging what several readings found.
    span: Range<usize>,
    error: DecodedError,
}

struct Decoder<'p> {
    prepared: &'p Decoding<'p>,
    index: &'p Index,
    specs: &'p [Spec],
    vendor_status: &'p [Option<u16>],
    printed: &'p std::collections::HashMap<String, &'static str>,
    clauses: &'p std::cell::OnceCell<clauses::FirstClauses>,
    found: Vec<Found_>,
    /// Offset where the error cap was reached.
    full_at: Option<usize>,
    too_deep: bool,
    /// The paste ends inside a document that held errors.
    cut_off: bool,
    /// Where the top-level text's lines start, once a line number is asked for.
    line_starts: std::cell::OnceCell<Vec<usize>>,
    /// Top-level JSON documents with objects that parsed to their end: a printout over one is
    /// its text (`pixnet: {...}` lines are not a YAML block).
    whole_docs: Vec<Range<usize>>,
    /// Error details that are objects of their own (grpcurl prints each after `Details:`),
    /// with the offset they sort by, for the error printed beside them.
    loose_details: Vec<(usize, serde_json::Value)>,
}

impl<'p> Decoder<'p> {
    fn new(prepared: &'p Decoding<'p>) -> Decoder<'p> {
        Decoder {
            prepared,
            index: prepared.index,
            specs: &prepared.specs,
            vendor_status: &prepared.vendor_status,
            printed: &prepared.printed,
            clauses: &prepared.clauses,
            found: Vec::new(),
            full_at: None,
            too_deep: false,
            cut_off: false,
            whole_docs: Vec::new(),
            loose_details: Vec::new(),
            line_starts: std::cell::OnceCell::new(),
        }
    }

    /// `line N` for the line of the top-level text holding byte `at`.
    fn line_of(&self, text: &str, at: usize) -> String {
        let starts = self.line_starts.get_or_init(|| {
            std::iter::once(0)
                .chain(memchr::memchr_iter(b'\n', text.as_bytes()).map(|p| p + 1))
                .collect()
        });
        format!("line {}", starts.partition_point(|&s| s <= at))
    }

    fn messages(&self) -> &MessageIndex {
        self.index.message_index()
    }

    fn vendor_id(&self, v: usize) -> String {
        self.index.vendors()[v].id.clone()
    }

    /// The vendor index of a family's catalog, when it is loaded.
    fn family(&self, id: &str) -> Option<usize> {
        family_of(self.index, id)
    }

    fn is_vendor(&self, row: RowId) -> bool {
        self.prepared
            .vendor_rows()
            .get(row as usize)
            .copied()
            .unwrap_or(false)
    }

    fn push(&mut self, anchor: usize, span: Range<usize>, errors: Vec<DecodedError>) {
        for error in errors {
            if self.found.len() >= MAX_ERRORS {
                self.full_at.get_or_insert(anchor);
                return;
            }
            self.found.push(Found_ {
                anchor,
                span: span.clone(),
                error,
            });
        }
    }

    fn finish(mut self) -> Decoded {
        // A code no catalog has, with no vendor named, where a family's printout in the same
        // text says what it is (Node's `errno: -111` beside `ECONNREFUSED`): the printout stays.
        let family_spans: Vec<Range<usize>> = self
            .found
            .iter()
            .filter(|f| f.error.confidence.identified() && f.error.path.starts_with("line "))
            .map(|f| f.span.clone())
            .collect();
        self.found.retain(|f| {
            f.error.confidence != Confidence::NotInCatalog
                || f.error.vendor.is_some()
                || !family_spans
                    .iter()
                    .any(|s| s.start < f.span.end && f.span.start < s.end)
        });
        self.found.sort_by_key(|f| f.anchor);
        let anchored: Vec<(usize, &DecodedError)> =
            self.found.iter().map(|f| (f.anchor, &f.error)).collect();
        let mut echoed = echo::echoes(&anchored).into_iter();
        self.found.retain(|_| !echoed.next().unwrap_or(false));
        // The same error read twice from one text: a printout the JSON parser read a part of,
        // or a family's printout (at a line) inside a document read whole (at a path).
        let mut kept: Vec<Found_> = Vec::with_capacity(self.found.len());
        for f in std::mem::take(&mut self.found) {
            let at_line = |e: &DecodedError| e.path.starts_with("line ");
            let twice = kept.iter().any(|k| {
                k.span.start < f.span.end
                    && f.span.start < k.span.end
                    && k.error.vendor == f.error.vendor
                    && k.error.code == f.error.code
                    && (k.error.path == f.error.path || at_line(&k.error) != at_line(&f.error))
            });
            if !twice {
                kept.push(f);
            }
        }
        self.found = kept;
        // A line read as a catalog message where a printout on it names the same entry with
        // its code (`Error: 429 Too Many Requests`): the printout's error is the one.
        let coded: Vec<(Range<usize>, RowId)> = self
            .found
            .iter()
            .filter(|f| f.error.code.is_some())
            .filter_map(|f| Some((f.span.clone(), *f.error.match_rows.first()?)))
            .collect();
        self.found.retain(|f| {
            f.error.code.is_some()
                || !f.error.match_rows.first().is_some_and(|r| {
                    coded
                        .iter()
                        .any(|(s, c)| c == r && s.start < f.span.end && f.span.start < s.end)
                })
        });
        let mut notices = Vec::new();
        if self.full_at.is_some() || self.found.len() > MAX_ERRORS {
            self.found.truncate(MAX_ERRORS);
            notices.push(format!(
                "showing the first {MAX_ERRORS} errors; the paste has more"
            ));
        }
        if self.cut_off {
            notices.push("the paste ends inside a document; decoded what was there".into());
        }
        if self.too_deep {
            notices.push(format!(
                "values nested deeper than {} levels were skipped",
                lenient::MAX_DEPTH
            ));
        }
        Decoded {
            errors: self.found.into_iter().map(|f| f.error).collect(),
            notice: (!notices.is_empty()).then(|| notices.join("; ")),
        }
    }

    /// Decodes the documents in `text`. `prefix` is the path of the string `text` came from
    /// (empty at the top); `anchor` the top-level offset errors sort by (the document's own
    /// offset at the top). Returns the ranges of documents that held objects or errors.
    fn scan(
        &mut self,
        text: &str,
        prefix: &str,
        status: Option<u16>,
        level: u8,
        anchor: Option<usize>,
    ) -> Vec<Range<usize>> {
        let statuses = extract::status_lines(text);
        let mut next_status = 0;
        let mut status = status;
        let mut ranges = Vec::new();
        for found in Docs::new(text) {
            if self.full_at.is_some() {
                break;
            }
            let start = match &found {
                Found::Doc { start, .. } | Found::Escaped { start, .. } => *start,
            };
            while next_status < statuses.len() && statuses[next_status].0 < start {
                status = Some(statuses[next_status].1);
                next_status += 1;
            }
            let at = anchor.unwrap_or(start);
            let before = self.found.len();
            match found {
                Found::Doc { start, parsed } => {
                    self.too_deep |= parsed.too_deep;
                    let root = if prefix.is_empty() { "$" } else { prefix };
                    let span = if anchor.is_some() {
                        at..at + 1
                    } else {
                        start..parsed.end
                    };
                    self.walk(&parsed.value, root.to_string(), status, level, at, span);
                    if parsed.value.has_object() || self.found.len() > before {
                        ranges.push(start..parsed.end);
                    }
                    if level == 0 && parsed.complete && parsed.value.has_object() {
                        self.whole_docs.push(start..parsed.end);
                    }
                    if level == 0
                        && !parsed.complete
                        && parsed.end >= text.len()
                        && self.found.len() > before
                    {
                        self.cut_off = true;
                    }
                }
                Found::Escaped { start, end, text } => {
                    if level < MAX_LEVEL {
                        self.scan(&text, prefix, status, level + 1, Some(at));
                    }
                    if self.found.len() > before {
                        ranges.push(start..end);
                    }
                }
            }
        }
        ranges
    }

    /// Bodies printed by runtimes in other shapes than JSON (Go, PHP, Kotlin, YAML-like),
    /// where no JSON object parsed whole (the lenient parser reads a little of `&{Code:1 ...}`
    /// and PHP's `[key]`, but not whole objects); returns their ranges.
    fn printouts(&mut self, text: &str) -> Vec<Range<usize>> {
        let statuses = extract::status_lines(text);
        let mut ranges = Vec::new();
        for p in printouts::find(text) {
            if self
                .whole_docs
                .iter()
                .any(|d| d.start < p.end && p.start < d.end)
            {
                continue;
            }
            let status = statuses
                .iter()
                .rev()
                .find(|(at, _)| *at < p.start)
                .map(|&(_, s)| s);
            self.walk(&p.value, "$".into(), status, 0, p.start, p.start..p.end);
            ranges.push(p.start..p.end);
        }
        ranges
    }

    /// Examines every object of a document, top down, without recursion. An object's own
    /// status (`"status": 403`, as HAR's responses hold) goes down to what it holds.
    fn walk(
        &mut self,
        root: &Value,
        root_path: String,
        status: Option<u16>,
        level: u8,
        at: usize,
        span: Range<usize>,
    ) {
        let worth = |v: &Value| match v {
            Value::Obj(_) | Value::Arr(_) => true,
            Value::Str(s) => level < MAX_LEVEL && s.contains('{'),
            _ => false,
        };
        let mut stack: Vec<(&Value, String, Option<u16>)> = vec![(root, root_path, status)];
        while let Some((v, path, status)) = stack.pop() {
            if self.full_at.is_some() {
                return;
            }
            match v {
                Value::Obj(members) => {
                    if rpc_details::is_detail(v) {
                        if self.loose_details.len() < MAX_ERRORS {
                            self.loose_details.push((at, http_bodies::to_json(v)));
                        }
                        continue;
                    }
                    if let Some(errors) = self.examine(v, &path, status) {
                        self.push(at, span.clone(), errors);
                        continue;
                    }
                    let status = status.or_else(|| envelope::status_in(v));
                    for (k, child) in members.iter().rev() {
                        if worth(child) {
                            stack.push((child, join_key(&path, k), status));
                        }
                    }
                }
                Value::Arr(items) => {
                    for (i, child) in items.iter().enumerate().rev() {
                        if worth(child) {
                            stack.push((child, format!("{path}[{i}]"), status));
                        }
                    }
                }
                Value::Str(s) => {
                    self.scan(s, &path, status, level + 1, Some(at));
                }
                _ => {}
            }
        }
    }

    /// Whether `obj` is an error (`Some`, with the errors it holds), a success body
    /// (`Some(empty)`: nothing to report, nothing to look into), or neither (`None`).
    fn examine(
        &self,
        obj: &Value,
        path: &str,
        status_line: Option<u16>,
    ) -> Option<Vec<DecodedError>> {
        let status = status_line.or_else(|| envelope::status_in(obj));
        let fits: Vec<Fit> = self.specs.iter().map(|s| s.fit(obj, status)).collect();

        // An envelope whose evidence the body shows names the vendor: the best of those.
        let best = fits
            .iter()
            .enumerate()
            .filter(|(_, f)| f.decides())
            .max_by_key(|(i, f)| (f.score, std::cmp::Reverse(*i)));
        if let Some((i, fit)) = best {
            let errors = self.vendor_errors(&self.specs[i], fit, path, status);
            // Not this vendor's after all: what the body says without its envelope.
            if errors
                .first()
                .is_some_and(|e| e.confidence == Confidence::Contradicted)
            {
                let other = self
                    .generic_error(envelope::generic(obj), path, status)
                    .filter(|e| e.confidence.identified());
                if let Some(e) = other {
                    return Some(vec![e]);
                }
            }
            return Some(errors);
        }
        let g = envelope::generic(obj);
        let success = fits.iter().any(|f| f.verdict == Verdict::Success)
            || g.message.as_deref().is_some_and(envelope::says_success)
            || (g.code.as_deref().is_some_and(envelope::looks_like_success) && !g.error_key);
        if success {
            return Some(Vec::new());
        }
        if let Some(errors) = self.platform_errors(obj, path) {
            return Some(errors);
        }
        if let Some(e) = self.problem(obj, path) {
            return Some(vec![e]);
        }
        let e = self.generic_error(g, path, status)?;
        // A status beside a code no catalog has (Twilio's `{"code": 20003, "status": 401}`):
        // the HTTP error is known even when the code is not.
        let beside = envelope::status_in(obj).filter(|s| (400..=599).contains(s));
        if let Some(s) =
            beside.filter(|_| e.confidence == Confidence::NotInCatalog && e.vendor.is_none())
        {
            let http = self.http_error(
                s,
                None,
                path.to_string(),
                vec![format!("status: {s}")],
                false,
            );
            return Some(vec![e, http]);
        }
        Some(vec![e])
    }

    /// A Kubernetes `Status` or a Google API error (see [`http_bodies`]): the HTTP error the body
    /// states, and for Google the gRPC code its `status` names.
    fn platform_errors(&self, obj: &Value, path: &str) -> Option<Vec<DecodedError>> {
        let p = http_bodies::kubernetes(obj)
            .or_else(|| http_bodies::google(obj))
            .or_else(|| http_bodies::rpc_status(obj))?;
        let grpc = match &p.grpc {
            Some(code) => {
                let v = self.family(families::GRPC)?;
                let rows: Vec<RowId> = match code {
                    http_bodies::Grpc::Name(name) => self.index.by_name(v, name),
                    http_bodies::Grpc::Number(n) => self
                        .index
                        .by_code(n)
                        .into_iter()
                        .filter(|&r| self.index.row_vendor(r) == v)
                        .collect(),
                };
                if rows.is_empty() {
                    return None;
                }
                Some(rows)
            }
            None => None,
        };
        // A `RetryInfo` among the details is the wait, as a Retry-After header would be.
        let retry_after = rpc_details::retry_delay(&p.details).map(retry_info);
        let mut out = Vec::new();
        if let Some(status) = p.http_status {
            let mut e = self.http_error(
                status,
                p.message.clone(),
                path.to_string(),
                p.evidence.clone(),
                false,
            );
            e.details = p.details.clone();
            e.retry_after = retry_after.clone();
            out.push(e);
        }
        if let Some(rows) = grpc {
            let v = self.index.row_vendor(rows[0]);
            let evidence = match &p.grpc {
                Some(http_bodies::Grpc::Name(name)) => vec![format!("status: {name}")],
                _ => p.evidence.clone(),
            };
            out.push(DecodedError {
                code: Some(self.index.code(rows[0]).to_string()),
                message: p.message,
                http_status: p.http_status,
                vendor: Some(self.vendor_id(v)),
                path: path.to_string(),
                field: None,
                confidence: Confidence::EnvelopeCode,
                evidence,
                note: None,
                retry_after,
                details: p.details,
                match_rows: rows,
                suggestion_rows: Vec::new(),
            });
        }
        Some(out)
    }

    /// `grpc-status-details-bin` trailers (see [`rpc_status`]): their details (and message, and
    /// a `RetryInfo`'s wait) go to the gRPC error of the same code printed close by (grpcurl's
    /// `Code:`, a `grpc-status` trailer), or make one of their own.
    fn rpc_trailers(&mut self, text: &str) {
        let Some(grpc) = self.family(families::GRPC) else {
            return;
        };
        let mut trailers = rpc_status::find(text).peekable();
        if trailers.peek().is_none() {
            return;
        }
        // The gRPC errors found, by where they sort.
        let mut near: Vec<(usize, usize)> = self
            .found
            .iter()
            .enumerate()
            .filter(|(_, f)| f.error.vendor.as_deref() == Some(families::GRPC))
            .map(|(i, f)| (f.anchor, i))
            .collect();
        near.sort_unstable();
        for (start, end, status) in trailers {
            if self.full_at.is_some() {
                break;
            }
            let code = status.code.to_string();
            let rows: Vec<RowId> = self
                .index
                .by_code(&code)
                .into_iter()
                .filter(|&r| self.index.row_vendor(r) == grpc)
                .collect();
            if status.code == 0 || rows.is_empty() {
                continue;
            }
            let retry_after = rpc_details::retry_delay(&status.details).map(retry_info);
            let from = near.partition_point(|&(a, _)| a + NEAR_BYTES < start);
            let same = near[from..]
                .iter()
                .take_while(|&&(a, _)| a <= start + NEAR_BYTES)
                .map(|&(_, i)| i)
                .find(|&i| self.found[i].error.code.as_deref() == Some(code.as_str()));
            if let Some(i) = same {
                let e = &mut self.found[i].error;
                e.details = status.details;
                if e.message.is_none() {
                    e.message = status.message;
                }
                if e.retry_after.is_none() {
                    e.retry_after = retry_after;
                }
                e.evidence.push("grpc-status-details-bin".into());
                continue;
            }
            let e = DecodedError {
                code: Some(code),
                message: status.message,
                http_status: None,
                vendor: Some(self.vendor_id(grpc)),
                path: self.line_of(text, start),
                field: None,
                confidence: Confidence::EnvelopeCode,
                evidence: vec![format!("grpc-status-details-bin: code {}", status.code)],
                note: None,
                retry_after,
                details: status.details,
                match_rows: rows,
                suggestion_rows: Vec::new(),
            };
            self.push(start, start..end, vec![e]);
        }
    }

    /// Error details printed apart from their error (see [`rpc_text`]; grpcurl's `Details:`,
    /// Go's `%v` of `status.Details()`, Python's `repr`): each goes to the gRPC, HTTP or Google
    /// error printed last before it within [`NEAR_BYTES`] (else first after it), and to the
    /// errors read from that error's line; a `RetryInfo`'s wait is theirs when no header gave
    /// one.
    fn loose_details(&mut self, text: &str) {
        let ids: Vec<String> = [families::GRPC, families::HTTP, families::GCP]
            .into_iter()
            .filter_map(|id| self.family(id))
            .map(|v| self.vendor_id(v))
            .collect();
        let mut near: Vec<(usize, usize)> = self
            .found
            .iter()
            .enumerate()
            .filter(|(_, f)| f.error.vendor.as_ref().is_some_and(|v| ids.contains(v)))
            .map(|(i, f)| (f.anchor, i))
            .collect();
        if near.is_empty() {
            return;
        }
        near.sort_unstable();
        // Text details are looked for only where they could go to an error.
        let mut windows: Vec<Range<usize>> = Vec::new();
        for &(a, _) in &near {
            let w = a.saturating_sub(NEAR_BYTES)..a.saturating_add(NEAR_BYTES + 1).min(text.len());
            match windows.last_mut() {
                Some(last) if w.start <= last.end => last.end = last.end.max(w.end),
                _ => windows.push(w),
            }
        }
        let mut loose = std::mem::take(&mut self.loose_details);
        loose.extend(
            rpc_text::find(text, &windows)
                .into_iter()
                .map(|d| (d.start, d.detail)),
        );
        loose.sort_by_key(|&(at, _)| at);
        for (at, detail) in loose {
            let after = near.partition_point(|&(a, _)| a <= at);
            let before = after.checked_sub(1).map(|i| near[i].0);
            let anchor = before.filter(|&a| at - a <= NEAR_BYTES).or_else(|| {
                near.get(after)
                    .map(|&(a, _)| a)
                    .filter(|&a| a - at <= NEAR_BYTES)
            });
            let Some(anchor) = anchor else { continue };
            // The errors read from that error's line.
            let line = text[..anchor].rfind('\n').map_or(0, |p| p + 1)
                ..text[anchor..].find('\n').map_or(text.len(), |p| anchor + p);
            let from = near.partition_point(|&(a, _)| a < line.start);
            let retry_after =
                rpc_details::retry_delay(std::slice::from_ref(&detail)).map(retry_info);
            for &(_, i) in near[from..]
                .iter()
                .take_while(|&&(a, _)| a < line.end.max(anchor + 1))
            {
                let e = &mut self.found[i].error;
                if e.details.len() >= rpc_details::MAX_DETAILS || e.details.contains(&detail) {
                    continue;
                }
                e.details.push(detail.clone());
                if e.retry_after.is_none() {
                    e.retry_after = retry_after.clone();
                }
            }
        }
    }

    /// HTTP errors printed by clients, proxies and servers (see [`http_printouts`]), where no
    /// status line or body already gave that status.
    fn http_printouts(&mut self, text: &str, statuses: &[(usize, u16)]) {
        if self.family(families::HTTP).is_none() {
            return;
        }
        let hits = http_printouts::find(text, self.prepared.http_phrases());
        if hits.is_empty() {
            return;
        }
        // What already says a status: the status lines (their response, up to the next one),
        // the HTTP errors found.
        let mut said: Vec<(Range<usize>, u16)> = self
            .found
            .iter()
            .filter(|f| f.error.vendor.as_deref() == Some(families::HTTP))
            .filter_map(|f| Some((f.span.clone(), f.error.code.as_deref()?.parse().ok()?)))
            .collect();
        for (n, &(at, status)) in statuses.iter().enumerate() {
            let next = statuses.get(n + 1).map_or(text.len(), |&(a, _)| a);
            said.push((at..next, status));
        }
        let said = Spans::new(said);
        for hit in hits {
            if said.overlaps(hit.start..hit.end, hit.status) {
                continue;
            }
            let agrees = hit.phrase.as_deref().is_some_and(|p| {
                self.http_rows(hit.status)
                    .first()
                    .and_then(|&r| self.index.field(r, Field::Message))
                    .is_some_and(|m| m.eq_ignore_ascii_case(p))
            });
            let e = self.http_error(
                hit.status,
                hit.phrase.clone(),
                self.line_of(text, hit.start),
                vec![short(&text[hit.start..hit.end])],
                agrees,
            );
            self.push(hit.start, hit.start..hit.end, vec![e]);
        }
    }

    /// The retry headers of each response (see [`retry_after`]), given to the errors of that
    /// response: those after its status line and before the next (the whole paste without one).
    fn retry_headers(&mut self, text: &str, statuses: &[(usize, u16)]) {
        let headers = retry_after::find(text);
        if headers.is_empty() {
            return;
        }
        let response = |at: usize| statuses.partition_point(|&(s, _)| s <= at);
        // The first header of each response; Retry-After before the rate-limit ones.
        let mut by_response: std::collections::HashMap<usize, RetryAfter> = Default::default();
        for (at, h) in headers {
            let slot = by_response.entry(response(at)).or_insert_with(|| h.clone());
            if !slot.header.eq_ignore_ascii_case("retry-after")
                && h.header.eq_ignore_ascii_case("retry-after")
            {
                *slot = h;
            }
        }
        for f in &mut self.found {
            if let Some(h) = by_response.get(&response(f.span.start)) {
                f.error.retry_after = Some(h.clone());
            }
        }
    }

    /// The error (and its items) of an object whose envelope named the vendor.
    fn vendor_errors(
        &self,
        spec: &Spec,
        fit: &Fit,
        path: &str,
        status: Option<u16>,
    ) -> Vec<DecodedError> {
        let vendor = spec.vendor;
        let shape = Shape {
            vendor,
            distinctive: spec.distinctive,
        };
        let mut out = vec![self.vendor_error(
            fit.code.clone(),
            fit.message.clone(),
            status,
            shape,
            join_keys(path, &fit.at),
            None,
            fit.evidence.clone(),
        )];
        if let (Some(items), Some((keys, list))) = (&spec.items, &fit.items) {
            let list_path = join_keys(path, keys);
            for (i, item) in list.iter().enumerate() {
                let get = |p: &Option<envelope::Path>| {
                    p.as_ref()
                        .and_then(|p| envelope::resolve(item, p))
                        .map(|(_, v)| v)
                };
                let code =
                    envelope::resolve(item, &items.code).and_then(|(_, v)| envelope::code_text(v));
                let message = get(&items.message).and_then(envelope::message_text);
                let field = get(&items.field).and_then(envelope::message_text);
                if code.is_none() && message.is_none() {
                    continue;
                }
                let mut evidence = fit.evidence.clone();
                evidence.push(format!("item {i} of {}", keys.join(".")));
                out.push(self.vendor_error(
                    code,
                    message,
                    status,
                    shape,
                    format!("{list_path}[{i}]"),
                    field,
                    evidence,
                ));
            }
        }
        out
    }

    /// An error of a vendor the envelope named: its entry by code (the message and status
    /// ranking a code listed twice), or without a code, by a message naming one entry. A
    /// message that shares nothing with the code's entry weighs against it (see [`weigh`]).
    #[allow(clippy::too_many_arguments)]
    fn vendor_error(
        &self,
        code: Option<String>,
        message: Option<String>,
        status: Option<u16>,
        shape: Shape,
        path: String,
        field: Option<String>,
        mut evidence: Vec<String>,
    ) -> DecodedError {
        let vendor = shape.vendor;
        let q = message.as_deref().map(|m| tokenize(m, false));
        let mut note = None;
        let (confidence, ranked, suggestions) = match &code {
            Some(code) => {
                let mut ranked: Vec<(RowId, f32)> = self
                    .rows_with_code(code, true)
                    .into_iter()
                    .filter(|&r| self.index.row_vendor(r) == vendor)
                    .map(|r| {
                        let score =
                            self.score_row(r, q.as_ref().map(|q| q.toks.as_slice()), status);
                        (r, score)
                    })
                    .collect();
                sort_ranked(&mut ranked);
                match ranked.first() {
                    Some(&(top, _)) => {
                        let agrees = q.as_ref().is_some_and(|q| self.agrees(&q.toks, top));
                        let rows: Vec<RowId> = ranked.iter().map(|&(r, _)| r).collect();
                        let weight = match &message {
                            _ if agrees => weigh::Weight::Agrees,
                            Some(m) => weigh::weigh(m, weigh::entry_texts(self.index, &rows)),
                            None => weigh::Weight::Open,
                        };
                        match weight {
                            weigh::Weight::Agrees => {
                                evidence.push("message agrees with the catalog".into());
                                (Confidence::EnvelopeCodeMessage, ranked, Vec::new())
                            }
                            weigh::Weight::Open => (Confidence::EnvelopeCode, ranked, Vec::new()),
                            weigh::Weight::Contradicts => {
                                let says = weigh::entry_says(self.index, top);
                                evidence.push("message shares nothing with the catalog's".into());
                                if shape.distinctive {
                                    note = Some(format!("the message differs: {says}"));
                                    (Confidence::EnvelopeCodeMessageDiffers, ranked, Vec::new())
                                } else {
                                    let name = &self.index.vendor_table(vendor).vendor().name;
                                    note = Some(format!("shaped like {name}'s errors, but {says}"));
                                    let mut near = rows;
                                    for r in self.suggest(None, message.as_deref(), None) {
                                        if !near.contains(&r) {
                                            near.push(r);
                                        }
                                    }
                                    (Confidence::Contradicted, Vec::new(), near)
                                }
                            }
                        }
                    }
                    None => {
                        let near = self.suggest(Some(code), message.as_deref(), Some(vendor));
                        (Confidence::NotInCatalog, Vec::new(), near)
                    }
                }
            }
            None => match q.as_ref().map(|q| self.identify(q, Some(vendor))) {
                Some(Identified::One(rows)) => {
                    evidence.push("message names one entry".into());
                    let ranked = rows.into_iter().map(|r| (r, 1.0)).collect();
                    (Confidence::EnvelopeMessage, ranked, Vec::new())
                }
                Some(Identified::Several(rows)) => (Confidence::Ambiguous, Vec::new(), rows),
                _ => {
                    let near = self.suggest(None, message.as_deref(), Some(vendor));
                    (Confidence::NotInCatalog, Vec::new(), near)
                }
            },
        };
        let named = confidence != Confidence::Contradicted;
        DecodedError {
            code,
            message,
            http_status: status,
            vendor: named.then(|| self.vendor_id(vendor)),
            path,
            field,
            confidence,
            evidence,
            note,
            retry_after: None,
            details: Vec::new(),
            match_rows: ranked.into_iter().map(|(r, _)| r).collect(),
            suggestion_rows: suggestions,
        }
    }

    /// An RFC 9457 problem (`{"type", "title", "status", "detail"}`) or a framework's error
    /// body that carries the HTTP status with its reason phrase (Spring Boot's
    /// `{"status": 404, "error": "Not Found"}`): an HTTP error.
    fn problem(&self, obj: &Value, path: &str) -> Option<DecodedError> {
        let (_, status) = obj.member("status")?;
        let status: u16 = status.scalar_text()?.trim().parse().ok()?;
        if !(400..=599).contains(&status) {
            return None;
        }
        let text = |k: &str| obj.member(k).and_then(|(_, v)| envelope::message_text(v));
        let title = text("title").or_else(|| text("error"));
        let problem = obj.member("type").is_some() && text("title").is_some();
        let phrase = title.as_deref().is_some_and(|t| {
            self.http_rows(status)
                .first()
                .and_then(|&r| self.index.field(r, Field::Message))
                .is_some_and(|m| m.eq_ignore_ascii_case(t.trim()))
        });
        if !(problem || phrase) {
            return None;
        }
        let mut evidence = vec![format!("status: {status}")];
        if let Some(t) = &title {
            evidence.push(format!("{}: {t}", if problem { "title" } else { "error" }));
        }
        Some(self.http_error(status, title, path.to_string(), evidence, phrase))
    }

    /// The HTTP family's rows for a status.
    fn http_rows(&self, status: u16) -> Vec<RowId> {
        let Some(http) = self.family(families::HTTP) else {
            return Vec::new();
        };
        let mut rows = self.index.by_code(&status.to_string());
        rows.retain(|&r| self.index.row_vendor(r) == http);
        rows
    }

    fn http_error(
        &self,
        status: u16,
        message: Option<String>,
        path: String,
        evidence: Vec<String>,
        phrase_agrees: bool,
    ) -> DecodedError {
        let rows = self.http_rows(status);
        let confidence = match (rows.is_empty(), phrase_agrees) {
            (true, _) => Confidence::NotInCatalog,
            (false, true) => Confidence::EnvelopeCodeMessage,
            (false, false) => Confidence::EnvelopeCode,
        };
        DecodedError {
            code: Some(status.to_string()),
            message,
            http_status: Some(status),
            vendor: self.family(families::HTTP).map(|v| self.vendor_id(v)),
            path,
            field: None,
            confidence,
            evidence,
            note: None,
            retry_after: None,
            details: Vec::new(),
            match_rows: rows,
            suggestion_rows: Vec::new(),
        }
    }

    /// An object no envelope names, with a code under a usual key, or a message: identified
    /// only by a message naming exactly one entry; a code alone is a suggestion.
    fn generic_error(
        &self,
        g: envelope::Generic,
        path: &str,
        status: Option<u16>,
    ) -> Option<DecodedError> {
        let q = g.message.as_deref().map(|m| tokenize(m, false));
        let identified = q
            .as_ref()
            .map_or(Identified::None, |q| self.identify(q, None));
        let mut evidence = Vec::new();
        if let Some(c) = &g.code {
            evidence.push(format!("code: {c}"));
        }
        if let Some(m) = &g.message {
            evidence.push(format!("message: {}", short(m)));
        }
        let code = g.code.clone();
        let with_code = |rows: &[RowId]| -> Vec<RowId> {
            match &code {
                Some(c) => rows
                    .iter()
                    .copied()
                    .filter(|&r| same_code(self.index.code(r), c))
                    .collect(),
                None => rows.to_vec(),
            }
        };
        let (confidence, matches, suggestions) = match identified {
            Identified::One(rows) if !with_code(&rows).is_empty() => {
                let c = if code.is_some() {
                    Confidence::CodeMessage
                } else {
                    Confidence::MessageOnly
                };
                evidence.push("message names one entry".into());
                (c, rows, Vec::new())
            }
            Identified::Several(rows) if code.is_some() && with_code(&rows).len() == 1 => {
                evidence.push("message and code name one entry".into());
                (Confidence::CodeMessage, with_code(&rows), Vec::new())
            }
            Identified::Several(rows) if code.is_none() => {
                (Confidence::Ambiguous, Vec::new(), rows)
            }
            // A message naming an entry whose code is another: they contradict each other.
            Identified::One(_) | Identified::Several(_) | Identified::None => {
                let code = code.as_deref()?;
                let rows = self.rows_with_code(code, false);
                if rows.is_empty() {
                    if g.message.is_none() && !g.error_key {
                        return None;
                    }
                    let near = self.suggest(None, g.message.as_deref(), None);
                    (Confidence::NotInCatalog, Vec::new(), near)
                } else {
                    let mut ranked: Vec<(RowId, f32)> = rows
                        .iter()
                        .map(|&r| {
                            (
                                r,
                                self.score_row(r, q.as_ref().map(|q| q.toks.as_slice()), status),
                            )
                        })
                        .collect();
                    sort_ranked(&mut ranked);
                    let rows = ranked.into_iter().map(|(r, _)| r).collect();
                    (Confidence::CodeOnly, Vec::new(), rows)
                }
            }
        };
        let vendor = matches
            .first()
            .map(|&r| self.vendor_id(self.index.row_vendor(r)));
        Some(DecodedError {
            code: g.code,
            message: g.message,
            http_status: status,
            vendor,
            path: path.to_string(),
            field: None,
            confidence,
            evidence,
            note: None,
            retry_after: None,
            details: Vec::new(),
            match_rows: matches,
            suggestion_rows: suggestions,
        })
    }

    /// The entries `q` names: every row (of `vendor`, if given) whose real message it is, or
    /// a clear part of (see [`Agreement`]), the exact ones before the parts. Only messages of
    /// [`SPECIFIC_TOKENS`] or more count.
    fn identify(&self, q: &Tokens, vendor: Option<usize>) -> Identified {
        let mi = self.messages();
        let keep = |r: RowId| vendor.is_none_or(|v| self.index.row_vendor(r) == v);
        let mut exact = Vec::new();
        let mut part = Vec::new();
        for (row, _) in mi.shared(&q.toks, keep) {
            let rt = mi.row_tokens(row);
            if rt.len() < SPECIFIC_TOKENS || self.index.field(row, Field::Message).is_none() {
                continue;
            }
            match agreement(&q.toks, rt) {
                Agreement::Exact => exact.push(row),
                Agreement::Part => part.push(row),
                Agreement::Near(_) => {}
            }
        }
        let mut rows = if exact.is_empty() { part } else { exact };
        rows.sort_unstable();
        // One entry: one vendor and code (a code listed twice is one entry).
        let entry = |r: RowId| (self.index.row_vendor(r), self.index.code(r).to_string());
        let mut entries: Vec<(usize, String)> = rows.iter().map(|&r| entry(r)).collect();
        entries.dedup();
        entries.sort();
        entries.dedup();
        match entries.len() {
            0 => Identified::None,
            1 => Identified::One(rows),
            _ => {
                let mut one_each = Vec::new();
                for r in rows {
                    if !one_each.iter().any(|&o| entry(o) == entry(r)) {
                        one_each.push(r);
                    }
                }
                Identified::Several(one_each)
            }
        }
    }

    /// Whether a pasted message agrees with row `r`'s message (or its summary, for rows
    /// without one).
    fn agrees(&self, q: &[u64], r: RowId) -> bool {
        match agreement(q, self.messages().row_tokens(r)) {
            Agreement::Exact | Agreement::Part => true,
            Agreement::Near(s) => s >= AGREES,
        }
    }

    /// Rows with the code, of the vendors' catalogs (and the standard families', with
    /// `families`: a bare code never names those); `0042` falls back to `42` when it is not a
    /// code.
    fn rows_with_code(&self, code: &str, families: bool) -> Vec<RowId> {
        let rows_of = |code: &str| -> Vec<RowId> {
            let mut rows = self.index.by_code(code);
            rows.retain(|&r| families || self.is_vendor(r));
            rows
        };
        let rows = rows_of(code);
        if !rows.is_empty() {
            return rows;
        }
        if code.len() > 1 && code.starts_with('0') && code.bytes().all(|b| b.is_ascii_digit()) {
            let stripped = code.trim_start_matches('0');
            return rows_of(if stripped.is_empty() { "0" } else { stripped });
        }
        Vec::new()
    }

    /// Message similarity plus HTTP status agreement (±0.5; a row without a status takes its
    /// vendor envelope's).
    fn score_row(&self, row: RowId, q: Option<&[u64]>, status: Option<u16>) -> f32 {
        let sim = match q {
            Some(q) => similarity(q, self.messages().row_tokens(row)),
            None => 0.0,
        };
        let expected = self.index.get(row).entry.http_status.or_else(|| {
            self.vendor_status
                .get(self.index.row_vendor(row))
                .copied()
                .flatten()
        });
        let adj = match (status, expected) {
            (Some(s), Some(x)) if s == x => 0.5,
            (Some(_), Some(_)) => -0.5,
            _ => 0.0,
        };
        sim + adj
    }

    /// The standard families' printouts in the text: one error for each (none for one that
    /// reports success), then the errors it links to, the same code printed again close by (a
    /// stack trace, a printed error object) counted once.
    fn families(&mut self, text: &str) {
        let mut hits = families::find(text);
        hits.extend(self.printed_messages(text));
        hits.extend(families::find_messages(text));

        hits.sort_by_key(|h| (h.start, h.end));
        // Where each (family, code) was last kept: the hits come in order, so the last is the
        // one a repeat would be close to.
        let mut kept: std::collections::HashMap<(String, String), usize> =
            std::collections::HashMap::new();
        let mut pending: Vec<families::Hit> = hits.into_iter().rev().collect();
        while let Some(hit) = pending.pop() {
            if self.full_at.is_some() {
                break;
            }
            let Some(e) = self.family_error(text, &hit) else {
                continue;
            };
            if self.means_success(&hit, &e) {
                continue;
            }
            pending.extend(self.linked(&hit, &e).into_iter().rev());
            let key = (
                e.vendor.clone().unwrap_or_default(),
                e.code.clone().unwrap_or_default(),
            );
            if kept.get(&key).is_some_and(|&at| hit.start < at + 2000) {
                continue;
            }
            kept.insert(key, hit.start);
            self.push(hit.start, hit.start..hit.end, vec![e]);
        }
    }

    fn family_error(&self, text: &str, hit: &families::Hit) -> Option<DecodedError> {
        let v = self.family(hit.family)?;
        let in_family = |mut rows: Vec<RowId>| {
            rows.retain(|&r| self.index.row_vendor(r) == v);
            rows
        };
        let (rows, by_message) = match &hit.key {
            families::Key::Code(c) => (in_family(self.index.by_code(c)), false),
            families::Key::Name(n) => (self.index.by_name(v, n), false),
            families::Key::Message(m) => (self.by_printed_message(v, m), true),
            families::Key::OneOf(codes) => {
                let rows: Vec<RowId> = codes.iter().flat_map(|c| self.index.by_code(c)).collect();
                return self.one_of(text, hit, v, in_family(rows));
            }
        };
        if rows.is_empty() {
            // A code the printout gives but the catalog lacks is still that family's, and so
            // is a name where only the family's names stand.
            let unknown = match &hit.key {
                families::Key::Code(c) => Some(c),
                families::Key::Name(n) if hit.pattern.is_some_and(|p| p.placed) => Some(n),
                _ => None,
            };
            let near = |c: &str| -> Vec<RowId> {
                let near = families::by_id(hit.family).map_or_else(Vec::new, |f| (f.near)(c));
                in_family(near.iter().flat_map(|n| self.index.by_code(n)).collect())
            };
            return unknown.map(|c| DecodedError {
                code: Some(c.clone()),
                message: hit.message.clone(),
                http_status: None,
                vendor: Some(self.vendor_id(v)),
                path: self.line_of(text, hit.start),
                field: None,
                confidence: Confidence::NotInCatalog,
                evidence: vec![short(&text[hit.start..hit.end])],
                note: None,
                retry_after: None,
                details: Vec::new(),
                match_rows: Vec::new(),
                suggestion_rows: near(c),
            });
        }
        let top = rows[0];
        let printed = hit.message.as_deref().map(|m| tokenize(m, false));
        let agrees = printed.as_ref().is_some_and(|q| self.agrees(&q.toks, top));
        if hit.pattern.is_some_and(|p| p.agreeing) && !agrees {
            return None;
        }
        let confidence = match (by_message, agrees) {
            (true, _) => Confidence::MessageOnly,
            (false, true) => Confidence::EnvelopeCodeMessage,
            (false, false) => Confidence::EnvelopeCode,
        };
        let message = match &hit.key {
            families::Key::Message(m) => Some(m.clone()),
            _ => hit.message.clone(),
        };
        Some(DecodedError {
            code: Some(self.index.code(top).to_string()),
            message,
            http_status: None,
            vendor: Some(self.vendor_id(v)),
            path: self.line_of(text, hit.start),
            field: None,
            confidence,
            evidence: vec![short(&text[hit.start..hit.end])],
            note: None,
            retry_after: None,
            details: Vec::new(),
            match_rows: rows,
            suggestion_rows: Vec::new(),
        })
    }

    /// A printout that names its family but not which of `rows` it is: the family, with the
    /// entries as suggestions ([`families::Key::OneOf`]).
    fn one_of(
        &self,
        text: &str,
        hit: &families::Hit,
        v: usize,
        rows: Vec<RowId>,
    ) -> Option<DecodedError> {
        (!rows.is_empty()).then(|| DecodedError {
            code: None,
            message: hit.message.clone(),
            http_status: None,
            vendor: Some(self.vendor_id(v)),
            path: self.line_of(text, hit.start),
            field: None,
            confidence: Confidence::Ambiguous,
            evidence: vec![short(&text[hit.start..hit.end])],
            note: None,
            retry_after: None,
            details: Vec::new(),
            match_rows: Vec::new(),
            suggestion_rows: rows,
        })
    }

    /// A library's message after a `: ` (see [`families::after_colons`]): errno's strerror
    /// and SQLite's messages of three words or more, matched without case.
    fn printed_messages(&self, text: &str) -> Vec<families::Hit> {
        let known = self.printed;
        let family_of = |segment: &str| {
            let lower = segment.to_lowercase();
            known
                .get(&lower)
                .copied()
                .or_else(|| families::known_message(&lower).map(|(f, _)| f))
        };
        families::after_colons(text)
            .filter_map(|(start, segment)| {
                let end = start + segment.len();
                // As printed, or cut by a terminal and joined with the next line.
                let (family, segment) = match family_of(segment) {
                    Some(f) => (f, segment.to_string()),
                    None => {
                        let whole = wrap::joined(text, start, end)?;
                        (family_of(&whole)?, whole)
                    }
                };
                Some(families::Hit {
                    family,
                    key: families::Key::Message(segment),
                    message: None,
                    start,
                    end,
                    pattern: None,
                })
            })
            .collect()
    }

    /// Rows of family `v` whose runtime text is `printed` (any case, a final full stop or
    /// not): errno's strerror as Go and C print it, SQLite's messages, Windows' texts, the
    /// codes a family's message templates name (PostgreSQL's server messages).
    fn by_printed_message(&self, v: usize, printed: &str) -> Vec<RowId> {
        let printed = printed.trim();
        let without_stop = printed.trim_end_matches('.');
        if let Some(family) = families::by_id(&self.index.vendors()[v].id) {
            let codes = (family.codes_of_message)(printed);
            if !codes.is_empty() {
                return codes
                    .into_iter()
                    .flat_map(|code| self.index.by_code(code))
                    .filter(|&r| self.index.row_vendor(r) == v)
                    .collect();
            }
        }
        if let Some((id, code)) = families::known_message(printed)
            && self.index.vendors()[v].id == id
        {
            let mut rows = self.index.by_code(code);
            rows.retain(|&r| self.index.row_vendor(r) == v);
            return rows;
        }
        self.index
            .vendor_rows(v)
            .find(|&r| {
                self.index
                    .field(r, Field::Message)
                    .is_some_and(|m| m.trim_end_matches('.').eq_ignore_ascii_case(without_stop))
            })
            .into_iter()
            .collect()
    }

    /// HTTP status lines of 400 and over: an HTTP error each, after the errors of the body
    /// that follows the line (the vendor's error first, the status beside it).
    fn status_lines(&mut self, text: &str) {
        let lines = extract::status_lines(text);
        for (n, &(at, status)) in lines.iter().enumerate() {
            if status < 400 {
                continue;
            }
            let next = lines.get(n + 1).map_or(usize::MAX, |&(a, _)| a);
            // A status line is short: its end is looked for within a few hundred bytes, so a
            // text of many status lines on one line is read in linear time.
            let line_end = line_end_within(text, at, MAX_STATUS_LINE);
            let line = text[at..line_end].trim();
            // The body of this response: errors found after the line, before the next one.
            let body = self
                .found
                .iter()
                .filter(|f| f.anchor > at && f.anchor < next)
                .map(|f| f.anchor)
                .min();
            let already = self.found.iter().any(|f| {
                f.anchor >= at
                    && f.anchor < next
                    && f.error.vendor.as_deref() == Some(families::HTTP)
                    && f.error.code.as_deref() == Some(status.to_string().as_str())
            });
            if already {
                continue;
            }
            let phrase = line
                .split_whitespace()
                .skip(2)
                .take(MAX_PHRASE_WORDS)
                .collect::<Vec<_>>()
                .join(" ");
            let phrase_agrees = self
                .http_rows(status)
                .first()
                .and_then(|&r| self.index.field(r, Field::Message))
                .is_some_and(|m| m.eq_ignore_ascii_case(&phrase));
            let message = (!phrase.is_empty()).then_some(phrase);
            let e = self.http_error(
                status,
                message,
                self.line_of(text, at),
                vec![short(line)],
                phrase_agrees,
            );
            // Sorted after the body's errors, which have the body's anchor.
            self.push(body.unwrap_or(at), at..line_end, vec![e]);
        }
    }

    /// Near entries for an error with nothing identified: by message (within the vendor when
    /// known), then the same code at other vendors.
    fn suggest(
        &self,
        code: Option<&str>,
        message: Option<&str>,
        vendor: Option<usize>,
    ) -> Vec<RowId> {
        let mut out: Vec<RowId> = match message {
            Some(m) => {
                let q = tokenize(m, false);
                self.by_message(&q.toks, vendor, SUGGEST_MIN)
                    .into_iter()
                    .take(SUGGESTIONS)
                    .map(|(r, _)| r)
                    .collect()
            }
            None => Vec::new(),
        };
        if let (Some(code), Some(v)) = (code, vendor) {
            for r in self.rows_with_code(code, false) {
                if self.index.row_vendor(r) != v && !out.contains(&r) && out.len() < SUGGESTIONS + 3
                {
                    out.push(r);
                }
            }
        }
        out
    }

    /// Rows whose message is near `q` (similarity ≥ `min`), best first.
    fn by_message(&self, q: &[u64], vendor: Option<usize>, min: f32) -> Vec<(RowId, f32)> {
        let mi = self.messages();
        let keep = |r: RowId| vendor.is_none_or(|v| self.index.row_vendor(r) == v);
        let mut shared = mi.shared(q, keep);
        shared.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let mut out: Vec<(RowId, f32)> = shared
            .into_iter()
            .take(256)
            .map(|(r, _)| (r, similarity(q, mi.row_tokens(r))))
            .filter(|&(_, s)| s >= min)
            .collect();
        sort_ranked(&mut out);
        out
    }

    /// Lines outside every document that are a catalog message (its start or core counts,
    /// after a log prefix): an error each, identified when exactly one entry has that message.
    fn bare_lines(&mut self, text: &str, docs: &[Range<usize>]) {
        let statuses = extract::status_lines(text);
        let mut taken: Vec<Range<usize>> = self.found.iter().map(|f| f.span.clone()).collect();
        taken.sort_by_key(|r| r.start);
        let mut next_taken = 0;
        let (mut next_status, mut next_doc) = (0, 0);
        let mut status = None;
        for (no, at, line) in extract::lines(text) {
            if self.full_at.is_some_and(|f| at >= f) {
                break;
            }
            let end = at + line.len();
            let mut status_here = false;
            while next_status < statuses.len() && statuses[next_status].0 < end {
                status = Some(statuses[next_status].1);
                status_here = true;
                next_status += 1;
            }
            while next_doc < docs.len() && docs[next_doc].end <= at {
                next_doc += 1;
            }
            let in_doc = docs[next_doc..]
                .iter()
                .take_while(|d| d.start < end)
                .any(|d| d.end > at);
            while next_taken < taken.len() && taken[next_taken].end <= at {
                next_taken += 1;
            }
            let printout = taken[next_taken..]
                .iter()
                .take_while(|s| s.start < end)
                .any(|s| s.end > at);
            if status_here || in_doc || printout {
                continue;
            }
            let t = line.trim();
            if t.len() < 8 || t.len() > MAX_BARE_LINE || !t.chars().any(char::is_alphabetic) {
                continue;
            }
            let q = tokenize(t, false);
            if q.toks.len() < 2 {
                continue;
            }
            let mut starts = vec![0, noise_prefix_tokens(t)];
            starts.extend(
                q.after_sep
                    .iter()
                    .enumerate()
                    .filter(|(_, s)| **s)
                    .map(|(i, _)| i)
                    .take(8),
            );
            starts.sort_unstable();
            starts.dedup();
            let mut ranked = self.close_messages(&q, &starts);
            let mut evidence = format!("the line is a catalog message: {}", short(t));
            if ranked.is_empty() {
                // A short server message: the first clause of exactly one catalog message.
                let clauses = self
                    .clauses
                    .get_or_init(|| clauses::FirstClauses::build(self.index));
                let rows = starts
                    .iter()
                    .filter(|&&s| s < q.toks.len())
                    .find_map(|&s| clauses.one_entry(self.index, &q.toks[s..]))
                    .filter(|rows| self.is_vendor(rows[0]));
                if let Some(rows) = rows {
                    ranked = rows.into_iter().map(|r| (r, 0.95)).collect();
                    evidence = format!(
                        "the line ends with the first clause of a catalog message: {}",
                        short(t)
                    );
                }
            }
            let Some(&(_, score)) = ranked.first() else {
                continue;
            };
            let best: Vec<RowId> = ranked
                .iter()
                .filter(|&&(_, s)| (score - s).abs() < 1e-4)
                .map(|&(r, _)| r)
                .collect();
            let entry = |r: RowId| (self.index.row_vendor(r), self.index.code(r).to_string());
            let one = best.iter().all(|&r| entry(r) == entry(best[0]));
            let (confidence, matches, suggestions, vendor) = if one {
                let v = self.index.row_vendor(best[0]);
                (
                    Confidence::MessageOnly,
                    best,
                    Vec::new(),
                    Some(self.vendor_id(v)),
                )
            } else {
                (Confidence::Ambiguous, Vec::new(), best, None)
            };
            let e = DecodedError {
                code: None,
                message: Some(t.to_string()),
                http_status: status,
                vendor,
                path: format!("line {no}"),
                field: None,
                confidence,
                evidence: vec![evidence],
                note: None,
                retry_after: None,
                details: Vec::new(),
                match_rows: matches,
                suggestion_rows: suggestions,
            };
            self.push(at, at..end, vec![e]);
        }
    }

    /// Rows whose real message the line is (or its start, or ≥ [`CLOSE`] similar), trying the
    /// text from each of `starts` (token offsets where a log prefix may end), best first.
    fn close_messages(&self, q: &Tokens, starts: &[usize]) -> Vec<(RowId, f32)> {
        let mi = self.messages();
        let mut out = Vec::new();
        // A standard family's message said alone ("Division by zero.", "Access is denied.") is
        // anyone's words: families are named from their runtimes' printouts only.
        for (row, shared) in mi.shared(&q.toks, |row| self.is_vendor(row)) {
            let literals = mi.distinct_literals(row);
            let rt = mi.row_tokens(row);
            if rt.len() < SPECIFIC_TOKENS
                || (shared as f32) < 0.5 * literals as f32
                || self.index.field(row, Field::Message).is_none()
            {
                continue;
            }
            let best = starts
                .iter()
                .filter(|&&s| s < q.toks.len())
                .map(|&s| bare_agreement(&q.toks[s..], rt))
                .fold(0.0f32, f32::max);
            if best >= CLOSE {
                out.push((row, best));
            }
        }
        sort_ranked(&mut out);
        out
    }
}

/// How well a bare line (from a token where a log prefix may end) is a catalog message: 1 when
/// it is the message, 0.95 when it is the message's start (servers cut documentation
/// sentences short), else the similarity. Stricter than [`agreement`]: a line that only holds
/// a message among other words is prose, not an error.
fn bare_agreement(line: &[u64], catalog: &[u64]) -> f32 {
    // Longer than the message, a line can only be similar; and similarity ≥ CLOSE needs
    // lengths within about a fifth of each other. Most log lines end here.
    let (l, c) = (line.len() as f32, catalog.len() as f32);
    if l > c && 2.0 * c < CLOSE * (l + c) {
        return 0.0;
    }
    match agreement(line, catalog) {
        Agreement::Exact => 1.0,
        Agreement::Part if catalog.starts_with(line) => 0.95,
        Agreement::Part => 0.0,
        Agreement::Near(sim) => sim,
    }
}

/// Whether two codes are the same: any case, and numbers with or without leading zeros.
fn same_code(a: &str, b: &str) -> bool {
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|c| c.is_ascii_digit());
    a.eq_ignore_ascii_case(b)
        || (digits(a) && digits(b) && a.trim_start_matches('0') == b.trim_start_matches('0'))
}

/// At most 80 characters of a text, for evidence.
fn short(t: &str) -> String {
    let t = t.trim();
    match t.char_indices().nth(80) {
        Some((cut, _)) => format!("{}…", &t[..cut]),
        None => t.to_string(),
    }
}

/// Sorts best first; equal scores keep catalog order.
fn sort_ranked(v: &mut [(RowId, f32)]) {
    v.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
}

/// How many tokens a log prefix takes: leading words with digits (timestamps, ids) or log
/// levels.
fn noise_prefix_tokens(line: &str) -> usize {
    let mut end = 0;
    for word in line.split_whitespace() {
        let w = word.trim_matches(|c: char| !c.is_alphanumeric());
        let level = [
            "error", "err", "warn", "warning", "info", "debug", "trace", "fatal", "critical",
            "notice", "e", "w", "i", "d",
        ]
        .iter()
        .any(|l| w.eq_ignore_ascii_case(l));
        if w.is_empty() || level || w.chars().any(|c| c.is_ascii_digit()) {
            // `word` is a slice of `line`: find where it ends.
            end = word.as_ptr() as usize - line.as_ptr() as usize + word.len();
        } else {
            break;
        }
    }
    tokenize(line.get(..end).unwrap_or(""), false).toks.len()
}

/// `$.key`, or `$["odd key"]` when the key is not an identifier.
fn join_key(path: &str, key: &str) -> String {
    // Keys are cut to 64 chars so hostile documents cannot make paths quadratic.
    let key = match key.char_indices().nth(64) {
        Some((cut, _)) => &key[..cut],
        None => key,
    };
    let ident = !key.is_empty()
        && !key.starts_with(|c: char| c.is_ascii_digit())
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$' || c == '-');
    if ident {
        format!("{path}.{key}")
    } else {
        format!(
            "{path}[{}]",
            serde_json::to_string(key).unwrap_or_else(|_| "\"?\"".into())
        )
    }
}

/// Joins keys from [`envelope::resolve`] (array indexes come as `[i]`).
fn join_keys(path: &str, keys: &[String]) -> String {
    let mut p = path.to_string();
    for k in keys {
        if k.starts_with('[')
            && k.ends_with(']')
            && k[1..k.len() - 1].bytes().all(|b| b.is_ascii_digit())
        {
            p.push_str(k);
        } else {
            p = join_key(&p, k);
        }
    }
    p
}

#[cfg(test)]
mod tests;
