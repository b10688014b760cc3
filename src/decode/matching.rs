//! Which catalog entries a code or a message names: what every stage asks of the index once it
//! has read a code, a message or a status from the paste.

use super::Decoder;
use super::families;
use super::report::{Confidence, FoundError};
use super::similarity::{Agreement, agreement, similarity, strong_agreement};
use crate::index::messages::{Tokens, tokenize};
use crate::index::{Field, RowId};

/// A message identifies an entry only when the entry's message has at least this many
/// tokens: short phrases that happen to be in a catalog ("permission denied") say little.
pub(super) const SPECIFIC_TOKENS: usize = 3;
/// A message agrees with the entry of its code at this similarity.
const AGREES: f32 = 0.5;
/// Suggestions need at least this similarity.
const SUGGEST_MIN: f32 = 0.3;
const SUGGESTIONS: usize = 5;

/// What a message says of the entries it could be.
pub(super) enum Identified {
    /// One entry (its rows: a code listed twice has two).
    One(Vec<RowId>),
    /// Several entries, equally: one row of each.
    Several(Vec<RowId>),
    None,
}

impl Decoder<'_> {
    /// The entries `q` names: every row (of `vendor`, if given) whose real message it is, or
    /// a clear part of (see [`Agreement`]), the exact ones before the parts. Only messages of
    /// [`SPECIFIC_TOKENS`] or more count.
    pub(super) fn identify(&self, q: &Tokens, vendor: Option<usize>) -> Identified {
        let mi = self.messages();
        let keep = |r: RowId| vendor.is_none_or(|v| self.index.row_vendor(r) == v);
        let mut exact = Vec::new();
        let mut part = Vec::new();
        for (row, _) in mi.shared(&q.toks, keep) {
            let rt = mi.row_tokens(row);
            if rt.len() < SPECIFIC_TOKENS {
                continue;
            }
            let found = match strong_agreement(&q.toks, &rt) {
                Some(Agreement::Exact) => &mut exact,
                Some(Agreement::Part) => &mut part,
                _ => continue,
            };
            // A row without a message is matched by its summary: that names no entry.
            if self.index.field(row, Field::Message).is_some() {
                found.push(row);
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
    pub(super) fn agrees(&self, q: &[u64], r: RowId) -> bool {
        match agreement(q, &self.messages().row_tokens(r)) {
            Agreement::Exact | Agreement::Part => true,
            Agreement::Near(s) => s >= AGREES,
        }
    }

    /// Rows with the code, of the vendors' catalogs (and the standard families', with
    /// `families`: a bare code never names those); `0042` falls back to `42` when it is not a
    /// code.
    pub(super) fn rows_with_code(&self, code: &str, families: bool) -> Vec<RowId> {
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
    pub(super) fn score_row(&self, row: RowId, q: Option<&[u64]>, status: Option<u16>) -> f32 {
        let sim = match q {
            Some(q) => similarity(q, &self.messages().row_tokens(row)),
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

    /// Near entries for an error with nothing identified: by message (within the vendor when
    /// known), then the same code at other vendors.
    pub(super) fn suggest(
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
    pub(super) fn by_message(
        &self,
        q: &[u64],
        vendor: Option<usize>,
        min: f32,
    ) -> Vec<(RowId, f32)> {
        let mi = self.messages();
        let keep = |r: RowId| vendor.is_none_or(|v| self.index.row_vendor(r) == v);
        let mut shared = mi.shared(q, keep);
        shared.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let mut out: Vec<(RowId, f32)> = shared
            .into_iter()
            .take(256)
            .map(|(r, _)| (r, similarity(q, &mi.row_tokens(r))))
            .filter(|&(_, s)| s >= min)
            .collect();
        sort_ranked(&mut out);
        out
    }

    /// The HTTP family's rows for a status.
    pub(super) fn http_rows(&self, status: u16) -> Vec<RowId> {
        let Some(http) = self.family(families::HTTP) else {
            return Vec::new();
        };
        let mut rows = self.index.by_code(&status.to_string());
        rows.retain(|&r| self.index.row_vendor(r) == http);
        rows
    }

    pub(super) fn http_error(
        &self,
        status: u16,
        message: Option<String>,
        path: String,
        evidence: Vec<String>,
        phrase_agrees: bool,
    ) -> FoundError {
        let rows = self.http_rows(status);
        let confidence = match (rows.is_empty(), phrase_agrees) {
            (true, _) => Confidence::NotInCatalog,
            (false, true) => Confidence::EnvelopeCodeMessage,
            (false, false) => Confidence::EnvelopeCode,
        };
        FoundError {
            code: Some(status.to_string()),
            message,
            http_status: Some(status),
            vendor: self.family(families::HTTP).map(|v| self.vendor_id(v)),
            evidence,
            match_rows: rows,
            ..FoundError::new(path, confidence)
        }
    }
}

/// Whether two codes are the same: any case, and numbers with or without leading zeros.
pub(super) fn same_code(a: &str, b: &str) -> bool {
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|c| c.is_ascii_digit());
    a.eq_ignore_ascii_case(b)
        || (digits(a) && digits(b) && a.trim_start_matches('0') == b.trim_start_matches('0'))
}

/// Sorts best first; equal scores keep catalog order.
pub(super) fn sort_ranked(v: &mut [(RowId, f32)]) {
    v.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
}
