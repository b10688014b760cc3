//! The printouts stage: bodies runtimes print in other shapes than JSON ([`printouts`]), walked
//! like documents.

use crate::decode::paste::Paste;
use crate::decode::printouts;
use crate::decode::run::Run;
use std::ops::Range;

impl Run<'_> {
    /// Bodies printed by runtimes in other shapes than JSON (Go, PHP, Kotlin, YAML-like),
    /// where no JSON object parsed whole (the lenient parser reads a little of `&{Code:1 ...}`
    /// and PHP's `[key]`, but not whole objects); returns their ranges.
    pub(in crate::decode) fn printouts(&mut self, paste: &Paste) -> Vec<Range<usize>> {
        // Printouts come in order and apart, status lines in order: one sweep over each (and
        // over the documents, by start) finds what lies before or across a printout, so
        // thousands of printouts beside thousands of documents stay linear.
        let statuses = &paste.statuses;
        let (mut next_status, mut status) = (0, None);
        let mut docs = self.whole_docs.clone();
        docs.sort_by_key(|d| d.start);
        // The documents that start before the printout ends, and the furthest end among them.
        let (mut next_doc, mut furthest_doc_end) = (0, 0);
        let mut ranges = Vec::new();
        for p in printouts::find(paste.text()) {
            while next_doc < docs.len() && docs[next_doc].start < p.end {
                furthest_doc_end = furthest_doc_end.max(docs[next_doc].end);
                next_doc += 1;
            }
            while next_status < statuses.len() && statuses[next_status].0 < p.start {
                status = Some(statuses[next_status].1);
                next_status += 1;
            }
            if furthest_doc_end > p.start {
                continue;
            }
            self.walk(&p.value, "$".into(), status, 0, p.start, p.start..p.end);
            ranges.push(p.start..p.end);
        }
        ranges
    }
}
