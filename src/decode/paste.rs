//! The paste prepared once for every stage: its text after [`extract::preprocess`], its HTTP
//! status lines, and where its lines start.

use super::extract;
use std::borrow::Cow;
use std::cell::OnceCell;

pub(super) struct Paste<'t> {
    text: Cow<'t, str>,
    /// HTTP status lines: where each starts, and its status, in order.
    pub(super) statuses: Vec<(usize, u16)>,
    /// Where the lines start, once a line number is asked for.
    line_starts: OnceCell<Vec<usize>>,
}

impl<'t> Paste<'t> {
    pub(super) fn new(text: &'t str) -> Paste<'t> {
        let text = extract::preprocess(text);
        let statuses = extract::status_lines(&text);
        Paste {
            text,
            statuses,
            line_starts: OnceCell::new(),
        }
    }

    pub(super) fn text(&self) -> &str {
        &self.text
    }

    /// The lines with their 1-based number and byte offset.
    pub(super) fn lines(&self) -> impl Iterator<Item = (usize, usize, &str)> {
        extract::lines(&self.text)
    }

    /// `line N` for the line holding byte `at`.
    pub(super) fn line_of(&self, at: usize) -> String {
        let starts = self.line_starts.get_or_init(|| {
            std::iter::once(0)
                .chain(memchr::memchr_iter(b'\n', self.text.as_bytes()).map(|p| p + 1))
                .collect()
        });
        format!("line {}", starts.partition_point(|&s| s <= at))
    }

    /// Where the line holding `at` ends, or `at + most` (at a character boundary) if it ends
    /// later.
    pub(super) fn line_end_within(&self, at: usize, most: usize) -> usize {
        let limit = extract::floor_boundary(&self.text, at + most);
        memchr::memchr(b'\n', &self.text.as_bytes()[at..limit]).map_or(limit, |p| at + p)
    }
}
