//! The bare lines stage: lines outside every document and printout that are a catalog's
//! message, after whatever log prefix.

use crate::decode::Decoder;
use crate::decode::clauses;
use crate::decode::matching::{SPECIFIC_TOKENS, sort_ranked};
use crate::decode::paste::Paste;
use crate::decode::report::{Confidence, FoundError, short};
use crate::decode::run::Run;
use crate::decode::similarity::{Agreement, agreement};
use crate::index::messages::{Tokens, tokenize};
use crate::index::{Field, RowId};
use std::ops::Range;

/// A bare line matches a catalog message at this similarity.
const CLOSE: f32 = 0.9;

/// Longer lines are prose or data, not a message.
const MAX_BARE_LINE: usize = 300;

/// Whether any of `spans` (in order of start) overlaps `line`; `next` moves past the spans
/// that end before it, so going down the lines in order reads each span once.
fn overlaps(spans: &[Range<usize>], next: &mut usize, line: Range<usize>) -> bool {
    while *next < spans.len() && spans[*next].end <= line.start {
        *next += 1;
    }
    spans[*next..]
        .iter()
        .take_while(|s| s.start < line.end)
        .any(|s| s.end > line.start)
}

impl Run<'_> {
    /// Lines outside every document that are a catalog message (its start or core counts,
    /// after a log prefix): an error each, identified when exactly one entry has that message.
    pub(in crate::decode) fn bare_lines(&mut self, paste: &Paste, docs: &[Range<usize>]) {
        let (d, statuses) = (self.decoder, &paste.statuses);
        let mut taken: Vec<Range<usize>> = self.placed.iter().map(|f| f.span.clone()).collect();
        taken.sort_by_key(|r| r.start);
        let mut next_taken = 0;
        let (mut next_status, mut next_doc) = (0, 0);
        let mut status = None;
        for (no, at, line) in paste.lines() {
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
            let in_doc = overlaps(docs, &mut next_doc, at..end);
            let printout = overlaps(&taken, &mut next_taken, at..end);
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
            let mut ranked = d.close_messages(&q, &starts);
            let mut evidence = format!("the line is a catalog message: {}", short(t));
            if ranked.is_empty() {
                // A short server message: the first clause of exactly one catalog message.
                let clauses = d
                    .clauses
                    .get_or_init(|| clauses::FirstClauses::build(d.index));
                let rows = starts
                    .iter()
                    .filter(|&&s| s < q.toks.len())
                    .find_map(|&s| clauses.one_entry(d.index, &q.toks[s..]))
                    .filter(|rows| d.is_vendor(rows[0]));
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
            let entry = |r: RowId| (d.index.row_vendor(r), d.index.code(r).to_string());
            let one = best.iter().all(|&r| entry(r) == entry(best[0]));
            let (confidence, matches, suggestions, vendor) = if one {
                let v = d.index.row_vendor(best[0]);
                (
                    Confidence::MessageOnly,
                    best,
                    Vec::new(),
                    Some(d.vendor_id(v)),
                )
            } else {
                (Confidence::Ambiguous, Vec::new(), best, None)
            };
            let e = FoundError {
                message: Some(t.to_string()),
                http_status: status,
                vendor,
                evidence: vec![evidence],
                match_rows: matches,
                suggestion_rows: suggestions,
                ..FoundError::new(format!("line {no}"), confidence)
            };
            self.push(at, at..end, vec![e]);
        }
    }
}

impl Decoder<'_> {
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
                .map(|&s| bare_agreement(&q.toks[s..], &rt))
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

/// How many tokens a log prefix takes: leading words with digits (timestamps, ids) or log
/// levels.
pub(in crate::decode) fn noise_prefix_tokens(line: &str) -> usize {
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
