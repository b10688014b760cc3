//! One paste's decoding under way: the errors the stages have placed so far, and what a stage
//! leaves for the next; [`Run::finish`] merges them into the [`Report`].

use super::report::{Confidence, FoundError, Report};
use super::{Decoder, MAX_ERRORS, echo, lenient};
use crate::index::RowId;
use std::ops::Range;

/// An error found, with where it sorts and the text it came from.
pub(super) struct Placed {
    /// Offset in the top-level text it sorts by.
    pub(super) anchor: usize,
    /// The text it was read from (a document, a line), for merging what several readings found.
    pub(super) span: Range<usize>,
    pub(super) error: FoundError,
}

pub(super) struct Run<'d> {
    pub(super) decoder: &'d Decoder<'d>,
    pub(super) placed: Vec<Placed>,
    /// Offset where the error cap was reached.
    pub(super) full_at: Option<usize>,
    pub(super) too_deep: bool,
    /// The paste ends inside a document that held errors.
    pub(super) cut_off: bool,
    /// Top-level JSON documents with objects that parsed to their end: a printout over one is
    /// its text (`pixnet: {...}` lines are not a YAML block).
    pub(super) whole_docs: Vec<Range<usize>>,
    /// Error details that are objects of their own (grpcurl prints each after `Details:`),
    /// with the offset they sort by, for the error printed beside them.
    pub(super) loose_details: Vec<(usize, serde_json::Value)>,
}

impl<'d> Run<'d> {
    pub(super) fn new(decoder: &'d Decoder<'d>) -> Run<'d> {
        Run {
            decoder,
            placed: Vec::new(),
            full_at: None,
            too_deep: false,
            cut_off: false,
            whole_docs: Vec::new(),
            loose_details: Vec::new(),
        }
    }

    /// Places `errors`, read from `span`, at `anchor`; past [`MAX_ERRORS`] notes where the cap
    /// was reached.
    pub(super) fn push(&mut self, anchor: usize, span: Range<usize>, errors: Vec<FoundError>) {
        for error in errors {
            if self.placed.len() >= MAX_ERRORS {
                self.full_at.get_or_insert(anchor);
                return;
            }
            self.placed.push(Placed {
                anchor,
                span: span.clone(),
                error,
            });
        }
    }

    /// The report: errors read twice (or echoed) merged, in paste order, with the notices.
    pub(super) fn finish(mut self) -> Report {
        // A code no catalog has, with no vendor named, where a family's printout in the same
        // text says what it is (Node's `errno: -111` beside `ECONNREFUSED`): the printout stays.
        let family_spans: Vec<Range<usize>> = self
            .placed
            .iter()
            .filter(|f| f.error.confidence.identified() && f.error.path.starts_with("line "))
            .map(|f| f.span.clone())
            .collect();
        self.placed.retain(|f| {
            f.error.confidence != Confidence::NotInCatalog
                || f.error.vendor.is_some()
                || !family_spans
                    .iter()
                    .any(|s| s.start < f.span.end && f.span.start < s.end)
        });
        self.placed.sort_by_key(|f| f.anchor);
        let anchored: Vec<(usize, &FoundError)> =
            self.placed.iter().map(|f| (f.anchor, &f.error)).collect();
        let mut echoed = echo::echoes(&anchored).into_iter();
        self.placed.retain(|_| !echoed.next().unwrap_or(false));
        // The same error read twice from one text: a printout the JSON parser read a part of,
        // or a family's printout (at a line) inside a document read whole (at a path).
        let mut kept: Vec<Placed> = Vec::with_capacity(self.placed.len());
        for f in std::mem::take(&mut self.placed) {
            let at_line = |e: &FoundError| e.path.starts_with("line ");
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
        self.placed = kept;
        // A line read as a catalog message where a printout on it names the same entry with
        // its code (`Error: 429 Too Many Requests`): the printout's error is the one.
        let coded: Vec<(Range<usize>, RowId)> = self
            .placed
            .iter()
            .filter(|f| f.error.code.is_some())
            .filter_map(|f| Some((f.span.clone(), *f.error.match_rows.first()?)))
            .collect();
        self.placed.retain(|f| {
            f.error.code.is_some()
                || !f.error.match_rows.first().is_some_and(|r| {
                    coded
                        .iter()
                        .any(|(s, c)| c == r && s.start < f.span.end && f.span.start < s.end)
                })
        });
        let mut notices = Vec::new();
        if self.full_at.is_some() || self.placed.len() > MAX_ERRORS {
            self.placed.truncate(MAX_ERRORS);
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
        Report {
            errors: self.placed.into_iter().map(|f| f.error).collect(),
            notice: (!notices.is_empty()).then(|| notices.join("; ")),
        }
    }
}
