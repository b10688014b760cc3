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
/// [`TableMessages::from_parts`] takes back without copying. Row tokens and posting lists are
/// LEB128 varints (most are one or two bytes), so the shipped messages cost the binary about a
/// byte or two a token.
#[derive(Debug, Clone, Copy)]
pub struct MessageParts<'a> {
    /// The tokens some row holds, sorted: a token's place here is its id.
    pub tokens: &'a [u64],
    /// Every row's tokens, one row after another, as varints: `id + 1` (0 for a placeholder).
    pub toks: &'a [u8],
    /// Where each row's tokens start in `toks`, and the end: one more than the rows.
    pub offsets: &'a [u32],
    /// Each row's number of distinct literal (non-placeholder) tokens.
    pub distinct: &'a [u16],
    /// Each token's rows, in row order, as varints of the gap from the row before.
    pub rows: &'a [u8],
    /// Where each token's rows start in `rows`, and the end: one more than the tokens.
    pub starts: &'a [u32],
}

/// One table's messages (see the module documentation).
#[derive(Debug)]
pub struct TableMessages {
    tokens: Cow<'static, [u64]>,
    toks: Cow<'static, [u8]>,
    offsets: Cow<'static, [u32]>,
    distinct: Cow<'static, [u16]>,
    rows: Cow<'static, [u8]>,
    starts: Cow<'static, [u32]>,
}

fn push_varint(out: &mut Vec<u8>, mut v: u32) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// The varints of `bytes`, in order.
fn varints(bytes: &[u8]) -> impl Iterator<Item = u32> + '_ {
    let mut bytes = bytes.iter();
    std::iter::from_fn(move || {
        let (mut v, mut shift) = (0u32, 0);
        loop {
            let b = *bytes.next()?;
            v |= u32::from(b & 0x7f).checked_shl(shift).unwrap_or(0);
            if b < 0x80 {
                return Some(v);
            }
            shift += 7;
        }
    })
}

impl TableMessages {
    /// Tokenises every row's message. A vendor's rows without a message (Guo-Guo's) are found
    /// by their English summary, so suggestions can still reach them; a standard family's
    /// (gRPC, SQLSTATE) have no runtime text, and their summaries' common words would only slow
    /// every lookup.
    pub fn build(table: &Table) -> TableMessages {
        let by_summary = table.vendor().vendor_type == VendorType::Vendor;
        let rows: Vec<Vec<u64>> = (0..table.len())
            .map(|i| {
                let msg = table
                    .field(i, Field::Message)
                    .or_else(|| by_summary.then(|| table.field(i, Field::Summary)).flatten())
                    .unwrap_or("");
                tokenize(msg, true).toks
            })
            .collect();
        let mut tokens: Vec<u64> = rows.iter().flatten().copied().collect();
        tokens.retain(|&t| t != PLACEHOLDER);
        tokens.sort_unstable();
        tokens.dedup();
        let id = |t: u64| tokens.binary_search(&t).expect("every token is listed") as u32;
        let mut toks = Vec::new();
        let mut offsets = vec![0u32];
        let mut distinct = Vec::with_capacity(rows.len());
        let mut postings: Vec<Vec<u32>> = vec![Vec::new(); tokens.len()];
        for (i, row) in rows.iter().enumerate() {
            let mut seen: Vec<u32> = Vec::new();
            for &t in row {
                if t == PLACEHOLDER {
                    push_varint(&mut toks, 0);
                    continue;
                }
                let n = id(t);
                push_varint(&mut toks, n + 1);
                if !seen.contains(&n) {
                    seen.push(n);
                    postings[n as usize].push(i as u32);
                }
            }
            offsets.push(toks.len() as u32);
            distinct.push(seen.len().min(u16::MAX as usize) as u16);
        }
        let mut gaps = Vec::new();
        let mut starts = vec![0u32];
        for list in &postings {
            let mut last = 0;
            for &row in list {
                push_varint(&mut gaps, row - last);
                last = row;
            }
            starts.push(gaps.len() as u32);
        }
        TableMessages {
            tokens: Cow::Owned(tokens),
            toks: Cow::Owned(toks),
            offsets: Cow::Owned(offsets),
            distinct: Cow::Owned(distinct),
            rows: Cow::Owned(gaps),
            starts: Cow::Owned(starts),
        }
    }

    /// The messages of the buffers `parts` (a table's own, from [`TableMessages::parts`]),
    /// used where they lie.
    pub fn from_parts(parts: MessageParts<'static>) -> TableMessages {
        TableMessages {
            tokens: Cow::Borrowed(parts.tokens),
            toks: Cow::Borrowed(parts.toks),
            offsets: Cow::Borrowed(parts.offsets),
            distinct: Cow::Borrowed(parts.distinct),
            rows: Cow::Borrowed(parts.rows),
            starts: Cow::Borrowed(parts.starts),
        }
    }

    pub fn parts(&self) -> MessageParts<'_> {
        MessageParts {
            tokens: &self.tokens,
            toks: &self.toks,
            offsets: &self.offsets,
            distinct: &self.distinct,
            rows: &self.rows,
            starts: &self.starts,
        }
    }

    /// Row `i`'s tokens (empty past the last row).
    pub fn row_tokens(&self, i: usize) -> Vec<u64> {
        let (Some(&a), Some(&b)) = (self.offsets.get(i), self.offsets.get(i + 1)) else {
            return Vec::new();
        };
        varints(&self.toks[a as usize..b as usize])
            .map(|n| match n {
                0 => PLACEHOLDER,
                n => self.tokens[n as usize - 1],
            })
            .collect()
    }

    /// Row `i`'s number of distinct literal tokens.
    pub fn distinct_literals(&self, i: usize) -> usize {
        self.distinct.get(i).copied().unwrap_or(0) as usize
    }

    /// The rows that hold `token`, in row order.
    pub fn rows_with(&self, token: u64) -> impl Iterator<Item = u32> + '_ {
        let bytes = match self.tokens.binary_search(&token) {
            Ok(n) => &self.rows[self.starts[n] as usize..self.starts[n + 1] as usize],
            Err(_) => &[],
        };
        varints(bytes).scan(0u32, |row, gap| {
            *row += gap;
            Some(*row)
        })
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
            let (a, b) = (compiled.parts(), built.parts());
            assert_eq!(a.tokens, b.tokens);
            assert_eq!(a.toks, b.toks);
            assert_eq!(a.offsets, b.offsets);
            assert_eq!(a.distinct, b.distinct);
            assert_eq!(a.rows, b.rows);
            assert_eq!(a.starts, b.starts);
            for i in 0..table.len() {
                let tokens = tokenize(table.field(i, Field::Message).unwrap_or(""), true).toks;
                if table.field(i, Field::Message).is_some() {
                    assert_eq!(compiled.row_tokens(i), tokens);
                }
            }
        }
    }

    #[test]
    fn rows_are_found_by_their_tokens() {
        let index = Index::embedded();
        let pixnet = index.find_vendor("pixnet").unwrap();
        let m = index.vendor_table(pixnet).messages();
        let t = tokenize("Exceed Anonymous Rate Limit", false);
        let rows: Vec<usize> = t.toks.iter().map(|&tok| m.rows_with(tok).count()).collect();
        assert!(rows.iter().all(|&n| n >= 1), "{rows:?}");
        let row = m.rows_with(t.toks[1]).next().unwrap() as usize;
        assert_eq!(m.row_tokens(row), t.toks);
        assert_eq!(m.distinct_literals(row), 4);
        assert_eq!(m.rows_with(12345).count(), 0);
        // Placeholders, and rows in order whatever the gaps between them.
        let with = tokenize("Value %s is out of range %d", true).toks;
        assert_eq!(with.iter().filter(|&&t| t == PLACEHOLDER).count(), 2);
        for table in index.tables() {
            let m = table.messages();
            for i in 0..table.len() {
                for &tok in &m.row_tokens(i) {
                    if tok != PLACEHOLDER {
                        let rows: Vec<u32> = m.rows_with(tok).collect();
                        assert!(rows.windows(2).all(|w| w[0] < w[1]));
                        assert!(rows.contains(&(i as u32)), "{} {i}", table.vendor().id);
                    }
                }
            }
        }
    }
}
