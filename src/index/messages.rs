//! The decoder's index of catalog messages: each row's message cut into tokens, and an
//! inverted index from token to the rows that hold it, so a pasted message finds its
//! candidates without comparing it with every row.
//!
//! Both catalog and pasted texts are folded ([`crate::fold::fold`]: Traditional → Simplified,
//! full-width → ASCII) and lower-cased, then cut into tokens: runs of letters and digits, and
//! each CJK character on its own. A catalog message's `%s` (or `%d`) becomes [`PLACEHOLDER`].

use super::{Field, Index, RowId};
use crate::fold::fold;
use std::collections::HashMap;
use std::sync::Mutex;

/// The token standing for `%s` in catalog messages.
pub const PLACEHOLDER: u64 = 0;

/// Tokens beyond this are ignored (messages are short; pastes may not be).
const MAX_TOKENS: usize = 256;

/// A tokenised text: token hashes, and for each token whether a separator (`:` `-` `]` `|`
/// `>` `=`) comes before it, which is where a log prefix may end.
#[derive(Debug, Default, Clone)]
pub struct Tokens {
    pub toks: Vec<u64>,
    pub after_sep: Vec<bool>,
}

/// Tokenises `text`; `catalog` makes `%s`/`%d` placeholders.
pub fn tokenize(text: &str, catalog: bool) -> Tokens {
    let folded = fold(text);
    let mut out = Tokens::default();
    let mut word = String::new();
    let mut sep = false;
    let mut chars = folded.chars().peekable();
    let flush = |word: &mut String, out: &mut Tokens, sep: &mut bool| {
        if !word.is_empty() {
            out.toks.push(hash(word));
            out.after_sep.push(*sep);
            *sep = false;
            word.clear();
        }
    };
    while let Some(c) = chars.next() {
        if out.toks.len() >= MAX_TOKENS {
            break;
        }
        if catalog && c == '%' && matches!(chars.peek(), Some('s' | 'd')) {
            chars.next();
            flush(&mut word, &mut out, &mut sep);
            out.toks.push(PLACEHOLDER);
            out.after_sep.push(sep);
            sep = false;
        } else if c.is_ascii_alphanumeric() {
            // Most text is ASCII: no Unicode tables for it.
            word.push(c.to_ascii_lowercase());
        } else if is_cjk(c) {
            flush(&mut word, &mut out, &mut sep);
            word.push(c);
            flush(&mut word, &mut out, &mut sep);
        } else if !c.is_ascii() && c.is_alphanumeric() {
            word.extend(c.to_lowercase());
        } else {
            flush(&mut word, &mut out, &mut sep);
            if matches!(c, ':' | '-' | ']' | '|' | '>' | '=' | '：') {
                sep = true;
            }
        }
    }
    flush(&mut word, &mut out, &mut sep);
    out
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x2FDF | 0x3040..=0x30FF | 0x3100..=0x312F | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF | 0x20000..=0x2FFFF)
}

/// FNV-1a; never [`PLACEHOLDER`].
fn hash(s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in s.bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    if h == PLACEHOLDER { 1 } else { h }
}

/// Rows' message tokens and an inverted index from token to the rows that contain it.
pub struct MessageIndex {
    postings: HashMap<u64, Vec<RowId>>,
    offsets: Vec<u32>,
    toks: Vec<u64>,
    /// Number of distinct literal (non-placeholder) tokens of each row.
    distinct: Vec<u16>,
    /// Per-row counters for [`MessageIndex::shared`], and the rows touched (a lock, so the
    /// index can be built on one thread and used on another).
    scratch: Mutex<(Vec<u16>, Vec<RowId>)>,
}

impl std::fmt::Debug for MessageIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MessageIndex")
            .field("rows", &self.distinct.len())
            .field("tokens", &self.postings.len())
            .finish()
    }
}

/// A posting list is read up to this many rows (a token in most rows tells little).
const POSTING_CAP: usize = 4096;

impl MessageIndex {
    pub fn build(index: &Index) -> MessageIndex {
        let mut postings: HashMap<u64, Vec<RowId>> = HashMap::new();
        let mut offsets = Vec::with_capacity(index.len() + 1);
        let mut toks = Vec::new();
        let mut distinct = Vec::with_capacity(index.len());
        offsets.push(0u32);
        let mut seen: Vec<u64> = Vec::new();
        for row in 0..index.len() as RowId {
            // A vendor's rows without a message (Guo-Guo's) are found by their English summary,
            // so suggestions can still reach them; a standard family's (gRPC, SQLSTATE) have no
            // runtime text, and their summaries' common words would only slow every lookup.
            let vendor = index.vendor_table(index.row_vendor(row)).vendor();
            let msg = index
                .field(row, Field::Message)
                .or_else(|| {
                    (vendor.vendor_type == crate::catalog::VendorType::Vendor)
                        .then(|| index.field(row, Field::Summary))
                        .flatten()
                })
                .unwrap_or("");
            let t = tokenize(msg, true);
            seen.clear();
            for &tok in &t.toks {
                if tok != PLACEHOLDER && !seen.contains(&tok) {
                    seen.push(tok);
                    postings.entry(tok).or_default().push(row);
                }
            }
            toks.extend_from_slice(&t.toks);
            offsets.push(toks.len() as u32);
            distinct.push(seen.len().min(u16::MAX as usize) as u16);
        }
        MessageIndex {
            postings,
            offsets,
            toks,
            distinct,
            scratch: Mutex::new((Vec::new(), Vec::new())),
        }
    }

    pub fn row_tokens(&self, row: RowId) -> &[u64] {
        let r = row as usize;
        match (self.offsets.get(r), self.offsets.get(r + 1)) {
            (Some(&a), Some(&b)) => &self.toks[a as usize..b as usize],
            _ => &[],
        }
    }

    pub fn distinct_literals(&self, row: RowId) -> usize {
        self.distinct.get(row as usize).copied().unwrap_or(0) as usize
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
        if counts.len() < self.distinct.len() {
            counts.resize(self.distinct.len(), 0);
        }
        for t in distinct {
            if let Some(rows) = self.postings.get(&t) {
                for &row in rows.iter().take(POSTING_CAP) {
                    if let Some(c) = counts.get_mut(row as usize) {
                        if *c == 0 {
                            if !keep(row) {
                                continue;
                            }
                            touched.push(row);
                        }
                        *c = c.saturating_add(1);
                    }
                }
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
    fn separators_are_remembered() {
        let t = tokenize("2024 ERROR: Token is invalid", false);
        assert_eq!(t.toks.len(), 5);
        assert_eq!(t.after_sep, vec![false, false, true, false, false]);
    }

    #[test]
    fn long_texts_are_cut() {
        let long = "word ".repeat(10_000);
        assert_eq!(tokenize(&long, false).toks.len(), MAX_TOKENS);
    }

    #[test]
    fn index_finds_rows_by_shared_tokens() {
        let index = Index::embedded();
        let mi = MessageIndex::build(&index);
        let q = tokenize("Exceed Anonymous Rate Limit", false);
        let mut shared = mi.shared(&q.toks, |_| true);
        shared.sort_by_key(|&(r, n)| (std::cmp::Reverse(n), r));
        let (best, n) = shared[0];
        assert_eq!(n, 4);
        assert_eq!(index.get(best).entry.code, "1302");
        assert_eq!(mi.distinct_literals(best), 4);
        assert_eq!(mi.row_tokens(best), &q.toks[..]);
    }
}
