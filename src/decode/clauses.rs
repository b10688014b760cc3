//! The first clause of catalog messages: servers often send only the start of what the
//! documentation says, up to its first comma or full stop (Tencent's `AppId 失效` for
//! `AppId 失效，请核对 AppId 有效性 。`). A line that ends with exactly such a clause, of one
//! entry, names it.

use crate::index::messages::{PLACEHOLDER, tokenize};
use crate::index::{Field, Index, RowId};
use std::collections::HashMap;

/// A clause says enough to name an entry from this many tokens (as `SPECIFIC_TOKENS`).
const MIN_TOKENS: usize = 3;

/// Catalog messages' first clauses (tokens) and the rows whose message starts with each.
pub struct FirstClauses {
    rows: HashMap<Vec<u64>, Vec<RowId>>,
}

impl FirstClauses {
    pub fn build(index: &Index) -> FirstClauses {
        let mut rows: HashMap<Vec<u64>, Vec<RowId>> = HashMap::new();
        for row in 0..index.len() as RowId {
            let Some(clause) = index.field(row, Field::Message).and_then(first_clause) else {
                continue;
            };
            let toks = tokenize(clause, true).toks;
            if toks.len() >= MIN_TOKENS && !toks.contains(&PLACEHOLDER) {
                rows.entry(toks).or_default().push(row);
            }
        }
        FirstClauses { rows }
    }

    /// The rows whose message's first clause is exactly `toks`, when they are one entry (one
    /// vendor and code; a code listed twice is one entry).
    pub fn one_entry(&self, index: &Index, toks: &[u64]) -> Option<Vec<RowId>> {
        let rows = self.rows.get(toks)?;
        let entry = |r: RowId| (index.row_vendor(r), index.code(r));
        rows.iter()
            .all(|&r| entry(r) == entry(rows[0]))
            .then(|| rows.clone())
    }
}

/// The text before a message's first clause break (a comma, semicolon, colon or full stop, in
/// ASCII or full width, followed by more words), when there is more after it.
fn first_clause(message: &str) -> Option<&str> {
    let mut chars = message.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        let next = chars.peek().map(|&(_, n)| n);
        let ascii_break =
            matches!(c, ',' | ';' | ':' | '.') && next.is_some_and(char::is_whitespace);
        let wide_break = matches!(c, '，' | '；' | '：' | '。' | '、');
        if ascii_break || wide_break {
            let rest = &message[at + c.len_utf8()..];
            return rest
                .chars()
                .any(char::is_alphanumeric)
                .then_some(message[..at].trim_end());
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clauses_end_at_the_first_break_with_words_after_it() {
        assert_eq!(
            first_clause("AppId 失效，请核对 AppId 有效性 。"),
            Some("AppId 失效")
        );
        assert_eq!(
            first_clause("Token expired, request a new one"),
            Some("Token expired")
        );
        assert_eq!(first_clause("Version 1.2 is old"), None);
        assert_eq!(first_clause("Token expired."), None);
        assert_eq!(first_clause("No clause here"), None);
    }

    #[test]
    fn a_clause_of_one_entry_names_it() {
        let index = Index::embedded();
        let clauses = FirstClauses::build(&index);
        let toks = tokenize("AppId 失效", false).toks;
        let rows = clauses.one_entry(&index, &toks).expect("one entry");
        let e = index.get(rows[0]);
        assert_eq!(
            (e.vendor.id.as_str(), e.entry.code.as_str()),
            ("tencent-im", "60006")
        );
        assert!(
            clauses
                .one_entry(&index, &tokenize("AppId", false).toks)
                .is_none()
        );
    }
}
