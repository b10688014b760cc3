//! What is given to the errors other stages found: the details of gRPC trailers and of details
//! printed apart, and the retry headers of their response.

use crate::decode::paste::Paste;
use crate::decode::report::{Confidence, FoundError};
use crate::decode::run::Run;
use crate::decode::{RetryAfter, families, retry_after, rpc_details, rpc_status, rpc_text};
use crate::index::RowId;
use std::ops::Range;

/// Bytes within which a trailer and a printout of the same gRPC code are one error.
pub(super) const NEAR_BYTES: usize = 2000;

/// A `RetryInfo`'s wait as a retry header.
pub(super) fn retry_info((seconds, value): (f64, String)) -> RetryAfter {
    RetryAfter {
        header: "RetryInfo".into(),
        value,
        seconds: Some(seconds),
        at: None,
    }
}

impl Run<'_> {
    /// `grpc-status-details-bin` trailers (see [`rpc_status`]): their details (and message, and
    /// a `RetryInfo`'s wait) go to the gRPC error of the same code printed close by (grpcurl's
    /// `Code:`, a `grpc-status` trailer), or make one of their own.
    pub(in crate::decode) fn rpc_trailers(&mut self, paste: &Paste) {
        let (d, text) = (self.decoder, paste.text());
        let Some(grpc) = d.family(families::GRPC) else {
            return;
        };
        let mut trailers = rpc_status::find(text).peekable();
        if trailers.peek().is_none() {
            return;
        }
        // The gRPC errors found, by where they sort.
        let mut near: Vec<(usize, usize)> = self
            .placed
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
            let rows: Vec<RowId> = d
                .index
                .by_code(&code)
                .into_iter()
                .filter(|&r| d.index.row_vendor(r) == grpc)
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
                .find(|&i| self.placed[i].error.code.as_deref() == Some(code.as_str()));
            if let Some(i) = same {
                let e = &mut self.placed[i].error;
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
            let e = FoundError {
                code: Some(code),
                message: status.message,
                vendor: Some(d.vendor_id(grpc)),
                evidence: vec![format!("grpc-status-details-bin: code {}", status.code)],
                retry_after,
                details: status.details,
                match_rows: rows,
                ..FoundError::new(paste.line_of(start), Confidence::EnvelopeCode)
            };
            self.push(start, start..end, vec![e]);
        }
    }

    /// Error details printed apart from their error (see [`rpc_text`]; grpcurl's `Details:`,
    /// Go's `%v` of `status.Details()`, Python's `repr`): each goes to the gRPC, HTTP or Google
    /// error printed last before it within [`NEAR_BYTES`] (else first after it), and to the
    /// errors read from that error's line; a `RetryInfo`'s wait is theirs when no header gave
    /// one.
    pub(in crate::decode) fn loose_details(&mut self, paste: &Paste) {
        let (d, text) = (self.decoder, paste.text());
        let ids: Vec<String> = [families::GRPC, families::HTTP, families::GCP]
            .into_iter()
            .filter_map(|id| d.family(id))
            .map(|v| d.vendor_id(v))
            .collect();
        let mut near: Vec<(usize, usize)> = self
            .placed
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
                .map(|found| (found.start, found.detail)),
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
                let e = &mut self.placed[i].error;
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

    /// The retry headers of each response (see [`retry_after`]), given to the errors of that
    /// response: those after its status line and before the next (the whole paste without one).
    pub(in crate::decode) fn retry_headers(&mut self, paste: &Paste) {
        let (text, statuses) = (paste.text(), &paste.statuses);
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
        for f in &mut self.placed {
            if let Some(h) = by_response.get(&response(f.span.start)) {
                f.error.retry_after = Some(h.clone());
            }
        }
    }
}
