//! Decoding pasted error text (JSON in logs, HTTP responses, printed dicts, bare messages) into
//! errors matched against the index.
//!
//! The pipeline: [`extract`] finds HTTP status lines and JSON-ish documents in the text
//! (parsed by [`lenient`], which never recurses and tolerates what real pastes contain); every
//! object of every document is examined, top down, against each loaded catalog's `envelope`
//! ([`envelope`]); an object that is an error is reported (with its nested items) and not
//! descended into; strings holding JSON (log shippers) are decoded in turn. Lines outside any
//! document are compared with catalog messages ([`similarity`]) and kept only when one
//! matches closely.
//!
//! Who decides the vendor: the envelope that fits best (a flag saying "error", nested or
//! uncommon paths, the items list, extra paths); then, for objects no envelope decides, the
//! catalog rows with the code, ranked by message similarity and HTTP status.

mod envelope;
mod extract;
mod lenient;
mod similarity;

use crate::index::messages::{MessageIndex, Tokens, tokenize};
use crate::index::{Index, RowId};
use envelope::{Fit, Spec, Verdict};
use extract::{Docs, Found};
use lenient::Value;
use serde::Serialize;
use similarity::similarity;
use std::ops::Range;

/// Pastes larger than this are refused with a notice.
pub const MAX_PASTE_BYTES: usize = 16 * 1024 * 1024;
/// At most this many errors are reported; a notice says when there were more.
pub const MAX_ERRORS: usize = 1000;

/// JSON inside a string inside JSON is decoded this many levels deep.
const MAX_LEVEL: u8 = 3;
/// A bare line (or a message without a code) matches a catalog message at this similarity.
const CLOSE: f32 = 0.9;
/// Catalog messages with fewer literal tokens than this never match a bare line, so short
/// phrases that happen to be in a catalog ("Permission denied") do not turn log text into errors.
const BARE_MIN_TOKENS: usize = 3;
const MAX_BARE_LINE: usize = 300;
/// Suggestions need at least this similarity.
const SUGGEST_MIN: f32 = 0.3;
const SUGGESTIONS: usize = 5;
/// An unknown code with no envelope takes the vendor of a message this close.
const VENDOR_BY_MESSAGE: f32 = 0.85;

/// What a paste decoded to.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Decoded {
    pub errors: Vec<DecodedError>,
    /// Why the paste was refused, or what was left out (too many errors, too deep).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notice: Option<String>,
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
    /// Vendor id, decided by envelope, then by status and message; `None` when unknown or
    /// ambiguous.
    pub vendor: Option<String>,
    /// Where it was found: a JSON path (`$.errResponse`,
    /// `$[1].validation_failed_responses[0]`; JSON inside a string continues the string's
    /// path, `$.log.errResponse`), or `line N` for a bare message line.
    pub path: String,
    /// The field an item is about (Guo-Guo's `property_name`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// Catalog entries for this error, best first (rows of the index's default view). Empty
    /// when the code is not in the catalog.
    #[serde(skip)]
    pub match_rows: Vec<RowId>,
    /// Near entries, offered when there is no match: by message, then the same code at other
    /// vendors.
    #[serde(skip)]
    pub suggestion_rows: Vec<RowId>,
}

impl Decoded {
    /// Whether any error matched a catalog entry.
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
        }
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
        let docs = d.scan(&text, "", None, 0, None);
        d.bare_lines(&text, &docs);
        d.finish()
    }
}

fn megabytes(n: usize) -> String {
    format!("{:.1} MB", n as f64 / (1024.0 * 1024.0))
}

struct Decoder<'p> {
    index: &'p Index,
    specs: &'p [Spec],
    vendor_status: &'p [Option<u16>],
    /// Errors with the offset (in the top-level text) they sort by.
    found: Vec<(usize, DecodedError)>,
    /// Offset where the error cap was reached.
    full_at: Option<usize>,
    too_deep: bool,
    /// The paste ends inside a document that held errors.
    cut_off: bool,
}

impl<'p> Decoder<'p> {
    fn new(prepared: &'p Decoding<'_>) -> Decoder<'p> {
        Decoder {
            index: prepared.index,
            specs: &prepared.specs,
            vendor_status: &prepared.vendor_status,
            found: Vec::new(),
            full_at: None,
            too_deep: false,
            cut_off: false,
        }
    }

    fn messages(&self) -> &MessageIndex {
        self.index.message_index()
    }

    fn vendor_id(&self, v: usize) -> String {
        self.index.vendors()[v].id.clone()
    }

    fn push(&mut self, anchor: usize, errors: Vec<DecodedError>) {
        for e in errors {
            if self.found.len() >= MAX_ERRORS {
                self.full_at.get_or_insert(anchor);
                return;
            }
            self.found.push((anchor, e));
        }
    }

    fn finish(mut self) -> Decoded {
        self.found.sort_by_key(|(at, _)| *at);
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
            errors: self.found.into_iter().map(|(_, e)| e).collect(),
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
                    self.walk(&parsed.value, root.to_string(), status, level, at);
                    if parsed.value.has_object() || self.found.len() > before {
                        ranges.push(start..parsed.end);
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

    /// Examines every object of a document, top down, without recursion.
    fn walk(&mut self, root: &Value, root_path: String, status: Option<u16>, level: u8, at: usize) {
        let worth = |v: &Value| match v {
            Value::Obj(_) | Value::Arr(_) => true,
            Value::Str(s) => level < MAX_LEVEL && s.contains('{'),
            _ => false,
        };
        let mut stack: Vec<(&Value, String)> = vec![(root, root_path)];
        while let Some((v, path)) = stack.pop() {
            if self.full_at.is_some() {
                return;
            }
            match v {
                Value::Obj(members) => {
                    if let Some(errors) = self.examine(v, &path, status) {
                        self.push(at, errors);
                        continue;
                    }
                    for (k, child) in members.iter().rev() {
                        if worth(child) {
                            stack.push((child, join_key(&path, k)));
                        }
                    }
                }
                Value::Arr(items) => {
                    for (i, child) in items.iter().enumerate().rev() {
                        if worth(child) {
                            stack.push((child, format!("{path}[{i}]")));
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

        // An envelope decides: the best of those that fit well enough.
        let mut best: Option<(f32, usize, Ranked)> = None;
        for (i, f) in fits.iter().enumerate().filter(|(_, f)| f.decides()) {
            let ranked = self.rank_vendor(
                f.code.as_deref(),
                f.message.as_deref(),
                status,
                self.specs[i].vendor,
            );
            let total = f.score as f32 + ranked.first().map_or(0.0, |r| 2.0 + r.1);
            if best.as_ref().is_none_or(|b| total > b.0) {
                best = Some((total, i, ranked));
            }
        }
        if let Some((_, i, ranked)) = best {
            return Some(self.vendor_errors(&self.specs[i], &fits[i], ranked, path, status));
        }
        if fits.iter().any(|f| f.verdict == Verdict::Success) {
            return Some(Vec::new());
        }
        self.generic_error(obj, &fits, path, status)
            .map(|e| vec![e])
    }

    /// The error (and its items) of an object whose envelope decided the vendor.
    fn vendor_errors(
        &self,
        spec: &Spec,
        fit: &Fit,
        ranked: Vec<(RowId, f32)>,
        path: &str,
        status: Option<u16>,
    ) -> Vec<DecodedError> {
        let vendor = spec.vendor;
        let mut out = vec![self.error(
            fit.code.clone(),
            fit.message.clone(),
            status,
            Some(vendor),
            join_keys(path, &fit.at),
            None,
            ranked,
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
                let ranked = self.rank_vendor(code.as_deref(), message.as_deref(), status, vendor);
                out.push(self.error(
                    code,
                    message,
                    status,
                    Some(vendor),
                    format!("{list_path}[{i}]"),
                    field,
                    ranked,
                ));
            }
        }
        out
    }

    /// An object no envelope decides, with a code under a usual key (or a weak envelope fit).
    fn generic_error(
        &self,
        obj: &Value,
        fits: &[Fit],
        path: &str,
        status: Option<u16>,
    ) -> Option<DecodedError> {
        let g = envelope::generic(obj);
        let weak = fits
            .iter()
            .filter(|f| f.code.is_some())
            .fold(None::<&Fit>, |b, f| match b {
                Some(b) if b.score >= f.score => Some(b),
                _ => Some(f),
            });
        let (code, message, at, error_key) = match weak {
            Some(f) => (
                f.code.clone(),
                f.message.clone().or(g.message),
                f.at.clone(),
                g.error_key || f.score >= 2,
            ),
            None => (g.code, g.message, Vec::new(), g.error_key),
        };
        let code = code?;
        let rows = self.rows_with_code(&code);
        if rows.is_empty()
            && (envelope::looks_like_success(&code) || (message.is_none() && !error_key))
        {
            return None;
        }
        let q = message.as_deref().map(|m| tokenize(m, false).toks);
        let mut ranked: Vec<(RowId, f32)> = rows
            .iter()
            .map(|&r| {
                let v = self.index.row_vendor(r);
                let structural = fits
                    .iter()
                    .zip(self.specs)
                    .any(|(f, s)| s.vendor == v && f.code.as_deref() == Some(code.as_str()));
                (
                    r,
                    self.score_row(r, q.as_deref(), status) + if structural { 0.25 } else { 0.0 },
                )
            })
            .collect();
        sort_ranked(&mut ranked);
        let vendor = if let Some(&(top, score)) = ranked.first() {
            let tv = self.index.row_vendor(top);
            let tie = ranked
                .iter()
                .any(|&(r, s)| self.index.row_vendor(r) != tv && (score - s).abs() < 1e-4);
            if tie {
                None
            } else {
                ranked.retain(|&(r, _)| self.index.row_vendor(r) == tv);
                Some(tv)
            }
        } else {
            // Not in any catalog: a vendor only when the message is close to one of theirs.
            q.as_deref()
                .and_then(|q| self.by_message(q, None, SUGGEST_MIN).into_iter().next())
                .filter(|&(_, s)| s >= VENDOR_BY_MESSAGE)
                .map(|(r, _)| self.index.row_vendor(r))
        };
        Some(self.error(
            code.into(),
            message,
            status,
            vendor,
            join_keys(path, &at),
            None,
            ranked,
        ))
    }

    /// Builds an error; suggestions are looked up when nothing matched.
    #[allow(clippy::too_many_arguments)]
    fn error(
        &self,
        code: Option<String>,
        message: Option<String>,
        http_status: Option<u16>,
        vendor: Option<usize>,
        path: String,
        field: Option<String>,
        ranked: Vec<(RowId, f32)>,
    ) -> DecodedError {
        let suggestion_rows = if ranked.is_empty() {
            self.suggest(code.as_deref(), message.as_deref(), vendor)
        } else {
            Vec::new()
        };
        DecodedError {
            code,
            message,
            http_status,
            vendor: vendor.map(|v| self.vendor_id(v)),
            path,
            field,
            match_rows: ranked.into_iter().map(|(r, _)| r).collect(),
            suggestion_rows,
        }
    }

    /// A vendor's rows for a code (ranked by message and status), or, without a code, the
    /// vendor's rows whose message matches closely.
    fn rank_vendor(
        &self,
        code: Option<&str>,
        message: Option<&str>,
        status: Option<u16>,
        vendor: usize,
    ) -> Vec<(RowId, f32)> {
        let q = message.map(|m| tokenize(m, false));
        match code {
            Some(code) => {
                let mut ranked: Vec<(RowId, f32)> = self
                    .rows_with_code(code)
                    .into_iter()
                    .filter(|&r| self.index.row_vendor(r) == vendor)
                    .map(|r| {
                        (
                            r,
                            self.score_row(r, q.as_ref().map(|q| q.toks.as_slice()), status),
                        )
                    })
                    .collect();
                sort_ranked(&mut ranked);
                ranked
            }
            None => match q {
                Some(q) => self.close_messages(&q, Some(vendor), 1, &[0]),
                None => Vec::new(),
            },
        }
    }

    /// Rows with the code, at any vendor (standard families are not claimed by a bare
    /// code: they have printouts of their own); `0042` falls back to `42` when it is not a code.
    fn rows_with_code(&self, code: &str) -> Vec<RowId> {
        let vendor_rows = |code: &str| -> Vec<RowId> {
            let mut rows = self.index.by_code(code);
            rows.retain(|&r| {
                let v = self.index.vendor_table(self.index.row_vendor(r)).vendor();
                v.vendor_type == crate::catalog::VendorType::Vendor
            });
            rows
        };
        let rows = vendor_rows(code);
        if !rows.is_empty() {
            return rows;
        }
        if code.len() > 1 && code.starts_with('0') && code.bytes().all(|b| b.is_ascii_digit()) {
            let stripped = code.trim_start_matches('0');
            return vendor_rows(if stripped.is_empty() { "0" } else { stripped });
        }
        Vec::new()
    }

    /// Message similarity plus HTTP status agreement (±0.5; a row without a status takes its
    /// vendor envelope's).
    fn score_row(&self, row: RowId, q: Option<&[u64]>, status: Option<u16>) -> f32 {
        let e = self.index.get(row);
        let sim = match (q, e.entry.message.as_deref()) {
            (Some(q), Some(m)) => similarity(q, &tokenize(m, true).toks),
            _ => 0.0,
        };
        let expected = e.entry.http_status.or_else(|| {
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

    /// Rows whose message matches `q` closely (similarity ≥ [`CLOSE`]), trying the text from
    /// each of `starts` (token offsets where a log prefix may end), best first.
    fn close_messages(
        &self,
        q: &Tokens,
        vendor: Option<usize>,
        min_tokens: usize,
        starts: &[usize],
    ) -> Vec<(RowId, f32)> {
        let mi = self.messages();
        let mut out = Vec::new();
        let keep = |r: RowId| vendor.is_none_or(|v| self.index.row_vendor(r) == v);
        for (row, shared) in mi.shared(&q.toks, keep) {
            let literals = mi.distinct_literals(row);
            let rt = mi.row_tokens(row);
            // A placeholder counts towards the length, not towards what must be shared.
            if rt.len() < min_tokens || (shared as f32) < 0.8 * literals as f32 {
                continue;
            }
            let best = starts
                .iter()
                .filter(|&&s| s < q.toks.len())
                .map(|&s| similarity(&q.toks[s..], rt))
                .fold(0.0f32, f32::max);
            if best >= CLOSE {
                out.push((row, best));
            }
        }
        sort_ranked(&mut out);
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

    /// Near entries for an error with no match: by message (within the vendor when known),
    /// then the same code at other vendors.
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
            for r in self.rows_with_code(code) {
                if self.index.row_vendor(r) != v && !out.contains(&r) && out.len() < SUGGESTIONS + 3
                {
                    out.push(r);
                }
            }
        }
        out
    }

    /// Lines outside every document that match a catalog message closely.
    fn bare_lines(&mut self, text: &str, docs: &[Range<usize>]) {
        let statuses = extract::status_lines(text);
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
            if status_here || docs.get(next_doc).is_some_and(|d| d.start < end) {
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
            let mut ranked = self.close_messages(&q, None, BARE_MIN_TOKENS, &starts);
            // A bare line is something an API said: only real messages count, not summaries.
            ranked.retain(|&(r, _)| self.index.get(r).entry.message.is_some());
            let Some(&(top, score)) = ranked.first() else {
                continue;
            };
            let tv = self.index.row_vendor(top);
            let tie = ranked
                .iter()
                .any(|&(r, s)| self.index.row_vendor(r) != tv && (score - s).abs() < 1e-4);
            let vendor = (!tie).then_some(tv);
            if let Some(v) = vendor {
                ranked.retain(|&(r, _)| self.index.row_vendor(r) == v);
            }
            let err = self.error(
                None,
                Some(t.to_string()),
                status,
                vendor,
                format!("line {no}"),
                None,
                ranked,
            );
            self.push(at, vec![err]);
        }
    }
}

/// Rows with their scores, best first.
type Ranked = Vec<(RowId, f32)>;

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
