//! The decoder's view of every catalog's messages: each row's message tokens and, for a
//! pasted message, the rows that share tokens with it, without comparing it with every row.
//! The tokens and postings are each table's own ([`TableMessages`]); this joins them in row
//! order.

use super::{Index, RowId};
use std::sync::Mutex;

pub use super::message_table::{PLACEHOLDER, Tokens, tokenize};

/// A posting list is read up to this many rows (a token in most rows tells little).
const POSTING_CAP: usize = 4096;

/// Per-row counters for [`MessageIndex::shared`], and the rows touched: kept between calls (a
/// lock, so the index can be used from any thread).
pub type Scratch = Mutex<(Vec<u16>, Vec<RowId>)>;

/// Every shown table's messages, by row id (see the module documentation).
#[derive(Clone, Copy)]
pub struct MessageIndex<'a> {
    index: &'a Index,
    scratch: &'a Scratch,
}

impl std::fmt::Debug for MessageIndex<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MessageIndex")
            .field("rows", &self.index.len())
            .finish()
    }
}

impl<'a> MessageIndex<'a> {
    pub fn new(index: &'a Index, scratch: &'a Scratch) -> MessageIndex<'a> {
        MessageIndex { index, scratch }
    }

    pub fn row_tokens(&self, row: RowId) -> Vec<u64> {
        if row as usize >= self.index.len() {
            return Vec::new();
        }
        let (table, i) = self.index.locate(row);
        table.messages().row_tokens(i)
    }

    pub fn distinct_literals(&self, row: RowId) -> usize {
        if row as usize >= self.index.len() {
            return 0;
        }
        let (table, i) = self.index.locate(row);
        table.messages().distinct_literals(i)
    }

    /// Rows sharing at least one token with `query` and passing `keep`, each with the number
    /// of distinct query tokens it contains (in no particular order).
    pub fn shared(&self, query: &[u64], keep: impl Fn(RowId) -> bool) -> Vec<(RowId, usize)> {
        let mut distinct: Vec<u64> = query
            .iter()
            .copied()
            .filter(|&t| t != PLACEHOLDER)
            .collect();
        distinct.sort_unstable();
        distinct.dedup();
        // Counts live in a scratch array reused between calls; only touched slots are reset.
        let mut scratch = self
            .scratch
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let (counts, touched) = &mut *scratch;
        if counts.len() < self.index.len() {
            counts.resize(self.index.len(), 0);
        }
        let vendors = self.index.vendors().len();
        for t in distinct {
            // The first POSTING_CAP rows in row order, over the tables in turn.
            let mut left = POSTING_CAP;
            for v in 0..vendors {
                if left == 0 {
                    break;
                }
                let base = self.index.vendor_rows(v).start;
                let mut read = 0;
                for i in self
                    .index
                    .vendor_table(v)
                    .messages()
                    .rows_with(t)
                    .take(left)
                {
                    read += 1;
                    let row = base + i;
                    let c = &mut counts[row as usize];
                    if *c == 0 {
                        if !keep(row) {
                            continue;
                        }
                        touched.push(row);
                    }
                    *c = c.saturating_add(1);
                }
                left -= read;
            }
        }
        let out = touched
            .iter()
            .map(|&r| (r, counts[r as usize] as usize))
            .collect();
        for &r in touched.iter() {
            counts[r as usize] = 0;
        }
        touched.clear();
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn index_finds_rows_by_shared_tokens() {
        let index = Index::embedded();
        let mi = index.message_index();
        let q = tokenize("Exceed Anonymous Rate Limit", false);
        let mut shared = mi.shared(&q.toks, |_| true);
        shared.sort_by_key(|&(r, n)| (std::cmp::Reverse(n), r));
        let (best, n) = shared[0];
        assert_eq!(n, 4);
        assert_eq!(index.get(best).entry.code, "1302");
        assert_eq!(mi.distinct_literals(best), 4);
        assert_eq!(mi.row_tokens(best), q.toks);
    }
}
