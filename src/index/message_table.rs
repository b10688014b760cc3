//! One table's messages as the decoder compares them: each row's message cut into tokens, and
//! for each token the rows that hold it. Made from the rows for user catalogs; the shipped
//! tables come with theirs, written by build.rs (see [`MessageParts`]), so a decode does not
//! tokenise every shipped message when errdex starts.
//!
//! Both catalog and pasted texts are folded ([`crate::fold::fold`]: Traditional → Simplified,
//! full-width → ASCII) and lower-cased, then cut into tokens: runs of letters and digits, and
//! each CJK character on its own. A catalog message's `%s` (or `%d`) becomes [`PLACEHOLDER`].

use super::table::{Field, Table};
use crate::catalog::VendorType;
use crate::fold::fold;
use std::borrow::Cow;

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

/// A table's message buffers, borrowed: what build.rs writes into the binary, and what
/// [`TableMessages::from_parts`] takes back without copying.
#[derive(Debug, Clone, Copy)]
pub struct MessageParts<'a> {
    /// Every row's tokens, one row after another.
    pub toks: &'a [u64],
    /// Where each row's tokens start in `toks`, and the end: one more than the rows.
    pub offsets: &'a [u32],
    /// Each row's number of distinct literal (non-placeholder) tokens.
    pub distinct: &'a [u16],
    /// The tokens some row holds, sorted.
    pub tokens: &'a [u64],
    /// Where each token's rows start in `rows`, and the end.
    pub starts: &'a [u32],
    /// The rows of each token, in row order.
    pub rows: &'a [u32],
}

/// One table's messages (see the module documentation).
#[derive(Debug)]
pub struct TableMessages {
    toks: Cow<'static, [u64]>,
    offsets: Cow<'static, [u32]>,
    distinct: Cow<'static, [u16]>,
    tokens: Cow<'static, [u64]>,
    starts: Cow<'static, [u32]>,
    rows: Cow<'static, [u32]>,
}

impl TableMessages {
    /// Tokenises every row's message. A vendor's rows without a message (Guo-Guo's) are found
    /// by their English summary, so suggestions can still reach them; a standard family's
    /// (gRPC, SQLSTATE) have no runtime text, and their summaries' common words would only slow
    /// every lookup.
    pub fn build(table: &Table) -> TableMessages {
        let by_summary = table.vendor().vendor_type == VendorType::Vendor;
        let mut offsets = Vec::with_capacity(table.len() + 1);
        let mut toks = Vec::new();
        let mut distinct = Vec::with_capacity(table.len());
        let mut postings: Vec<(u64, u32)> = Vec::new();
        offsets.push(0u32);
        let mut seen: Vec<u64> = Vec::new();
        for i in 0..table.len() {
            let msg = table
                .field(i, Field::Message)
                .or_else(|| by_summary.then(|| table.field(i, Field::Summary)).flatten())
                .unwrap_or("");
            let t = tokenize(msg, true);
            seen.clear();
            for &tok in &t.toks {
                if tok != PLACEHOLDER && !seen.contains(&tok) {
                    seen.push(tok);
                    postings.push((tok, i as u32));
                }
            }
            toks.extend_from_slice(&t.toks);
            offsets.push(toks.len() as u32);
            distinct.push(seen.len().min(u16::MAX as usize) as u16);
        }
        // By token, then row: each token's rows in row order.
        postings.sort_unstable();
        let mut tokens = Vec::new();
        let mut starts = Vec::new();
        for (n, &(tok, _)) in postings.iter().enumerate() {
            if tokens.last() != Some(&tok) {
                tokens.push(tok);
                starts.push(n as u32);
            }
        }
        starts.push(postings.len() as u32);
        TableMessages {
            toks: Cow::Owned(toks),
            offsets: Cow::Owned(offsets),
            distinct: Cow::Owned(distinct),
            tokens: Cow::Owned(tokens),
            starts: Cow::Owned(starts),
            rows: Cow::Owned(postings.into_iter().map(|(_, row)| row).collect()),
        }
    }

    /// The messages of the buffers `parts` (a table's own, from [`TableMessages::parts`]),
    /// used where they lie.
    pub fn from_parts(parts: MessageParts<'static>) -> TableMessages {
        TableMessages {
            toks: Cow::Borrowed(parts.toks),
            offsets: Cow::Borrowed(parts.offsets),
            distinct: Cow::Borrowed(parts.distinct),
            tokens: Cow::Borrowed(parts.tokens),
            starts: Cow::Borrowed(parts.starts),
            rows: Cow::Borrowed(parts.rows),
        }
    }

    pub fn parts(&self) -> MessageParts<'_> {
        MessageParts {
            toks: &self.toks,
            offsets: &self.offsets,
            distinct: &self.distinct,
            tokens: &self.tokens,
            starts: &self.starts,
            rows: &self.rows,
        }
    }

    /// Row `i`'s tokens (empty past the last row).
    pub fn row_tokens(&self, i: usize) -> &[u64] {
        match (self.offsets.get(i), self.offsets.get(i + 1)) {
            (Some(&a), Some(&b)) => &self.toks[a as usize..b as usize],
            _ => &[],
        }
    }

    /// Row `i`'s number of distinct literal tokens.
    pub fn distinct_literals(&self, i: usize) -> usize {
        self.distinct.get(i).copied().unwrap_or(0) as usize
    }

    /// The rows that hold `token`, in row order.
    pub fn rows_with(&self, token: u64) -> &[u32] {
        match self.tokens.binary_search(&token) {
            Ok(n) => &self.rows[self.starts[n] as usize..self.starts[n + 1] as usize],
            Err(_) => &[],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::Index;

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
    fn the_shipped_tables_messages_are_what_their_rows_make() {
        // The compiled buffers (build.rs) against the same rows tokenised here.
        let index = Index::embedded();
        assert!(
            index
                .tables()
                .iter()
                .any(|t| !t.messages().parts().toks.is_empty())
        );
        for table in index.tables() {
            let compiled = table.messages();
            let built = TableMessages::build(table);
            assert_eq!(compiled.parts().toks, built.parts().toks);
            assert_eq!(compiled.parts().offsets, built.parts().offsets);
            assert_eq!(compiled.parts().distinct, built.parts().distinct);
            assert_eq!(compiled.parts().tokens, built.parts().tokens);
            assert_eq!(compiled.parts().starts, built.parts().starts);
            assert_eq!(compiled.parts().rows, built.parts().rows);
        }
    }

    #[test]
    fn rows_are_found_by_their_tokens() {
        let index = Index::embedded();
        let pixnet = index.find_vendor("pixnet").unwrap();
        let m = index.vendor_table(pixnet).messages();
        let t = tokenize("Exceed Anonymous Rate Limit", false);
        let rows: Vec<usize> = t.toks.iter().map(|&tok| m.rows_with(tok).len()).collect();
        assert!(rows.iter().all(|&n| n >= 1), "{rows:?}");
        let row = m.rows_with(t.toks[1])[0] as usize;
        assert_eq!(m.row_tokens(row), &t.toks[..]);
        assert_eq!(m.distinct_literals(row), 4);
        assert!(m.rows_with(12345).is_empty());
    }
}
