//! Message similarity: how close a pasted message is to a catalog message, both cut into
//! tokens (see `index::messages`). A catalog message's `%s` (or `%d`) is a placeholder that
//! matches any run of one or more tokens. The score is 1.0 when the pasted text fills the
//! catalog message's placeholders exactly, else the normalised longest common token
//! subsequence, `2·LCS / (|a| + |b|)`, in `0.0..=1.0`.

use crate::index::messages::PLACEHOLDER;
use std::borrow::Cow;

/// The LCS looks at this many tokens of each side.
const LCS_TOKENS: usize = 64;

/// How a pasted message relates to a catalog message, strongest first.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Agreement {
    /// The same tokens (folded), or the template with its placeholders filled in.
    Exact,
    /// A clear part of it: what servers send is often the start or the core of a longer
    /// documentation sentence (or the sentence with context around it). At least three tokens,
    /// and at least half of the longer one when it is its start, three quarters elsewhere.
    Part,
    /// Only similar, by [`similarity`].
    Near(f32),
}

/// How `query` (pasted text) agrees with `catalog` (a catalog message's tokens).
pub fn agreement(query: &[u64], catalog: &[u64]) -> Agreement {
    strong_agreement(query, catalog).unwrap_or_else(|| Agreement::Near(similarity(query, catalog)))
}

/// [`Agreement::Exact`] or [`Agreement::Part`], else `None`: all that naming an entry needs,
/// without the similarity's longest common subsequence (most rows sharing a word with the
/// paste are neither).
pub fn strong_agreement(query: &[u64], catalog: &[u64]) -> Option<Agreement> {
    let has_placeholder = catalog.contains(&PLACEHOLDER);
    let literal: Cow<[u64]> = if has_placeholder {
        Cow::Owned(
            catalog
                .iter()
                .copied()
                .filter(|&t| t != PLACEHOLDER)
                .collect(),
        )
    } else {
        Cow::Borrowed(catalog)
    };
    // Neither is a part of the other when one is over twice the other's length; only a
    // placeholder stretches a catalog message to a longer paste.
    if query.is_empty() || literal.is_empty() || literal.len() > 2 * query.len() {
        return None;
    }
    if (!has_placeholder && query == catalog)
        || (has_placeholder && placeholder_match(query, catalog))
    {
        return Some(Agreement::Exact);
    }
    if query.len() > 2 * literal.len() {
        return None;
    }
    // The start of the longer text, half of it or more; or elsewhere in it, three quarters.
    let part = |short: &[u64], long: &[u64]| {
        short.len() >= 3
            && match find(long, short) {
                Some(0) => 2 * short.len() >= long.len(),
                Some(_) => 4 * short.len() >= 3 * long.len(),
                None => false,
            }
    };
    (part(query, &literal) || part(&literal, query)).then_some(Agreement::Part)
}

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
    fn messages_as_servers_send_them() {
        let agree = |q: &str, c: &str| agreement(&tokenize(q, false).toks, &tokenize(c, true).toks);
        // The start of a documentation sentence, in the other script and punctuation.
        assert_eq!(
            agree(
                "rest 接口调用频率超过限制",
                "rest 接口調用頻率超過限制，請降低請求頻率 。"
            ),
            Agreement::Part
        );
        assert_eq!(
            agree(
                "Token is invalid or expired (id 7)",
                "Token is invalid or expired"
            ),
            Agreement::Part
        );
        assert_eq!(agree("User bob exists", "User %s exists"), Agreement::Exact);
        assert_eq!(agree("請填入作者", "请填入作者"), Agreement::Exact);
        // Too short a piece, or too small a part, is only near.
        assert!(matches!(
            agree("rate limit", "Exceed Anonymous Rate Limit"),
            Agreement::Near(_)
        ));
        assert!(matches!(
            agree("請聯繫客服", "系统错误，请联系客服。"),
            Agreement::Near(_)
        ));
        assert_eq!(
            agree("此APIkey已被停權", "錯誤:此APIkey已被停權"),
            Agreement::Part
        );
        assert!(matches!(
            agree(
                "the request",
                "The request could not be parsed because the body is malformed"
            ),
            Agreement::Near(_)
        ));
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
