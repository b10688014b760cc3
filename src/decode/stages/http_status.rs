//! The HTTP status stage: status lines of 400 and over, and HTTP errors clients, proxies and
//! servers print ([`http_printouts`]), each an error of the HTTP family.

use crate::decode::paste::Paste;
use crate::decode::report::short;
use crate::decode::run::Run;
use crate::decode::{families, http_printouts};
use crate::index::Field;
use std::collections::HashMap;
use std::ops::Range;

/// The bytes of a status line looked at (`HTTP/1.1 503 Service Unavailable` and what a proxy
/// adds), and the words of its reason phrase kept.
const MAX_STATUS_LINE: usize = 256;
const MAX_PHRASE_WORDS: usize = 8;

impl Run<'_> {
    /// HTTP status lines of 400 and over: an HTTP error each, after the errors of the body
    /// that follows the line (the vendor's error first, the status beside it).
    pub(in crate::decode) fn status_lines(&mut self, paste: &Paste) {
        let (d, text, lines) = (self.decoder, paste.text(), &paste.statuses);
        for (n, &(at, status)) in lines.iter().enumerate() {
            if status < 400 {
                continue;
            }
            let next = lines.get(n + 1).map_or(usize::MAX, |&(a, _)| a);
            // A status line is short: its end is looked for within a few hundred bytes, so a
            // text of many status lines on one line is read in linear time.
            let line_end = paste.line_end_within(at, MAX_STATUS_LINE);
            let line = text[at..line_end].trim();
            // The body of this response: errors found after the line, before the next one.
            let body = self
                .placed
                .iter()
                .filter(|f| f.anchor > at && f.anchor < next)
                .map(|f| f.anchor)
                .min();
            let already = self.placed.iter().any(|f| {
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
            let phrase_agrees = d
                .http_rows(status)
                .first()
                .and_then(|&r| d.index.field(r, Field::Message))
                .is_some_and(|m| m.eq_ignore_ascii_case(&phrase));
            let message = (!phrase.is_empty()).then_some(phrase);
            let e = d.http_error(
                status,
                message,
                paste.line_of(at),
                vec![short(line)],
                phrase_agrees,
            );
            // Sorted after the body's errors, which have the body's anchor.
            self.push(body.unwrap_or(at), at..line_end, vec![e]);
        }
    }

    /// HTTP errors printed by clients, proxies and servers (see [`http_printouts`]), where no
    /// status line or body already gave that status.
    pub(in crate::decode) fn http_printouts(&mut self, paste: &Paste) {
        let (d, text, statuses) = (self.decoder, paste.text(), &paste.statuses);
        if d.family(families::HTTP).is_none() {
            return;
        }
        let hits = http_printouts::find(text, d.http_phrases());
        if hits.is_empty() {
            return;
        }
        // What already says a status: the status lines (their response, up to the next one),
        // the HTTP errors found.
        let mut said: Vec<(Range<usize>, u16)> = self
            .placed
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
                d.http_rows(hit.status)
                    .first()
                    .and_then(|&r| d.index.field(r, Field::Message))
                    .is_some_and(|m| m.eq_ignore_ascii_case(p))
            });
            let e = d.http_error(
                hit.status,
                hit.phrase.clone(),
                paste.line_of(hit.start),
                vec![short(&text[hit.start..hit.end])],
                agrees,
            );
            self.push(hit.start, hit.start..hit.end, vec![e]);
        }
    }
}

/// Spans of text that say a status, to ask whether a new one overlaps one with the same status.
struct Spans {
    /// For each status, its spans' starts in order, and the largest end among those up to each.
    by_status: HashMap<u16, (Vec<usize>, Vec<usize>)>,
}

impl Spans {
    fn new(mut spans: Vec<(Range<usize>, u16)>) -> Spans {
        spans.sort_by_key(|(r, _)| r.start);
        let mut by_status: HashMap<u16, (Vec<usize>, Vec<usize>)> = Default::default();
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
