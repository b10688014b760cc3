//! Message similarity: how close a pasted message is to a catalog message, both cut into
//! tokens (see `index::messages`). A catalog message's `%s` (or `%d`) is a placeholder that
//! matches any run of one or more tokens. The score is 1.0 when the pasted text fills the
//! catalog message's placeholders exactly, else the normalised longest common token
//! subsequence, `2·LCS / (|a| + |b|)`, in `0.0..=1.0`.

use crate::index::messages::PLACEHOLDER;

/// The LCS looks at this many tokens of each side.
const LCS_TOKENS: usize = 64;

/// How close `query` (pasted text) is to `catalog` (a catalog message's tokens).
pub fn similarity(query: &[u64], catalog: &[u64]) -> f32 {
    if query.is_empty() || catalog.is_empty() {
        return 0.0;
    }
    let has_placeholder = catalog.contains(&PLACEHOLDER);
    if has_placeholder && placeholder_match(query, catalog) {
        return 1.0;
    }
    let literal: Vec<u64> = if has_placeholder {
        catalog
            .iter()
            .copied()
            .filter(|&t| t != PLACEHOLDER)
            .collect()
    } else {
        catalog.to_vec()
    };
    if literal.is_empty() {
        return 0.0;
    }
    let q = &query[..query.len().min(LCS_TOKENS)];
    let c = &literal[..literal.len().min(LCS_TOKENS)];
    let l = lcs(q, c);
    (2 * l) as f32 / (q.len() + c.len()) as f32
}

/// Whether `query` is `catalog` with each placeholder filled by one or more tokens. A catalog
/// message that is only placeholders matches nothing.
fn placeholder_match(query: &[u64], catalog: &[u64]) -> bool {
    let segments: Vec<&[u64]> = catalog.split(|&t| t == PLACEHOLDER).collect();
    if segments.iter().all(|s| s.is_empty()) {
        return false;
    }
    let (first, rest) = match segments.split_first() {
        Some(x) => x,
        None => return false,
    };
    let Some((last, middle)) = rest.split_last() else {
        return query == *first;
    };
    if !query.starts_with(first) {
        return false;
    }
    let mut pos = first.len();
    for seg in middle {
        // At least one token for the placeholder before this segment.
        let from = pos + 1;
        if from > query.len() {
            return false;
        }
        match find(&query[from..], seg) {
            Some(i) => pos = from + i + seg.len(),
            None => return false,
        }
    }
    query.len() >= pos + 1 + last.len() && query.ends_with(last)
}

fn find(hay: &[u64], needle: &[u64]) -> Option<usize> {
    if needle.is_empty() {
        return Some(0);
    }
    hay.windows(needle.len()).position(|w| w == needle)
}

fn lcs(a: &[u64], b: &[u64]) -> usize {
    let mut prev = vec![0u16; b.len() + 1];
    let mut cur = vec![0u16; b.len() + 1];
    for &x in a {
        for (j, &y) in b.iter().enumerate() {
            cur[j + 1] = if x == y {
                prev[j] + 1
            } else {
                prev[j + 1].max(cur[j])
            };
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()] as usize
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::messages::tokenize;

    fn sim(q: &str, c: &str) -> f32 {
        similarity(&tokenize(q, false).toks, &tokenize(c, true).toks)
    }

    #[test]
    fn equal_messages_score_one_whatever_the_case_and_punctuation() {
        assert_eq!(
            sim("Exceed Anonymous Rate Limit", "Exceed Anonymous Rate Limit"),
            1.0
        );
        assert_eq!(
            sim(
                "token is INVALID or expired.",
                "Token is invalid or expired"
            ),
            1.0
        );
        assert_eq!(
            sim("Invalid / expired Token", "Invalid / expired Token"),
            1.0
        );
    }

    #[test]
    fn placeholders_match_filled_in_text() {
        assert_eq!(sim("User alice exists", "User %s exists"), 1.0);
        assert_eq!(sim("User alice bob exists", "User %s exists"), 1.0);
        assert_eq!(sim("Invalid date format", "Invalid %s format"), 1.0);
        assert_eq!(sim("URL 中缺少必要參數 user", "URL 中缺少必要參數 %s"), 1.0);
        // The placeholder needs at least one token.
        let (q, c) = (
            tokenize("User exists", false),
            tokenize("User %s exists", true),
        );
        assert!(!placeholder_match(&q.toks, &c.toks));
        assert!(sim("User alice", "User %s exists") < 1.0);
        // Only a placeholder matches nothing.
        assert_eq!(sim("anything", "%s"), 0.0);
    }

    #[test]
    fn traditional_and_simplified_chinese_compare_equal() {
        assert_eq!(sim("請填入作者", "请填入作者"), 1.0);
        assert_eq!(sim("錯誤：此APIkey已被停權", "錯誤:此APIkey已被停權"), 1.0);
    }

    #[test]
    fn near_messages_score_between() {
        let s = sim("Album is not found", "Album set is not found");
        assert!(s > 0.8 && s < 1.0, "{s}");
        let s = sim("Exceed Anonymous Rate Limit", "Exceed App Rate Limit");
        assert!(s > 0.5 && s < 0.9, "{s}");
        assert_eq!(
            sim("completely unrelated", "Token is invalid or expired"),
            0.0
        );
        assert_eq!(sim("", "x"), 0.0);
    }
}
