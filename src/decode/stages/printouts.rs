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
        let mut ranges = Vec::new();
        for p in printouts::find(paste.text()) {
            if self
                .whole_docs
                .iter()
                .any(|d| d.start < p.end && p.start < d.end)
            {
                continue;
            }
            let status = paste
                .statuses
                .iter()
                .rev()
                .find(|(at, _)| *at < p.start)
                .map(|&(_, s)| s);
            self.walk(&p.value, "$".into(), status, 0, p.start, p.start..p.end);
            ranges.push(p.start..p.end);
        }
        ranges
    }
}
