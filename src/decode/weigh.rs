//! How a body's message weighs on the entry its code names. Many APIs answer
//! `{"error": 1, "code": N, "message": ...}`: when the message has nothing to do with the entry
//! of that code, the body is most likely another API's, and the message is evidence against
//! the claim. Only a message that shares nothing with every text of the entry contradicts it;
//! one that shares a word is left open, since servers word things their own way.

use super::similarity::{Agreement, agreement};
use crate::catalog::TextRef;
use crate::fold::fold;
use crate::index::messages::tokenize;
use crate::index::{Index, RowId};

/// What a pasted message says of an entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Weight {
    /// It is one of the entry's texts, a clear part of one, or a template of one filled in.
    Agrees,
    /// It shares a word with one of them, but is not one.
    Open,
    /// It shares no word with any of them (words every error says, such as "error",
    /// "invalid" or "the", do not count).
    Contradicts,
}

/// A similarity at which a message agrees with a text (as [`super::AGREES`]).
const AGREES: f32 = 0.5;

/// How `message` weighs on an entry whose texts (its message, English summary and
/// description, in whatever languages they are) are `texts`. Texts that are empty say
/// nothing: an entry without any text is never contradicted.
pub fn weigh<'t>(message: &str, texts: impl IntoIterator<Item = &'t str>) -> Weight {
    let texts: Vec<&str> = texts.into_iter().filter(|t| !t.trim().is_empty()).collect();
    if texts.is_empty() {
        return Weight::Open;
    }
    let q = tokenize(message, false).toks;
    let agrees = texts
        .iter()
        .any(|t| match agreement(&q, &tokenize(t, true).toks) {
            Agreement::Exact | Agreement::Part => true,
            Agreement::Near(s) => s >= AGREES,
        });
    if agrees {
        return Weight::Agrees;
    }
    let said = words(message);
    if said.is_empty() {
        // Only numbers or words every error says: nothing to weigh.
        return Weight::Open;
    }
    let shared = texts.iter().any(|t| {
        let theirs = words(t);
        said.iter().any(|w| theirs.contains(w))
    });
    if shared {
        Weight::Open
    } else {
        Weight::Contradicts
    }
}

/// The texts of the entries at `rows` (one entry, or a code listed twice): each message,
/// English summary and description, which together say what the entry means in every
/// language the catalog has. Rows without a message give none: a code whose runtime text is
/// unknown is never contradicted by one.
pub fn entry_texts<'i>(index: &'i Index, rows: &[RowId]) -> Vec<&'i str> {
    let mut texts = Vec::new();
    for &row in rows {
        let (table, i) = index.locate(row);
        let entry = table.fields(i);
        let Some(message) = entry.message else {
            continue;
        };
        texts.push(message);
        texts.extend(entry.summary_en);
        match entry.description {
            Some(TextRef::One(d)) => texts.push(d),
            Some(TextRef::List(items)) => texts.extend(items),
            None => {}
        }
    }
    texts
}

/// `PIXNET 4001 says “URL 中缺少必要參數 %s”`: what the entry at `row` says, for the reader.
pub fn entry_says(index: &Index, row: RowId) -> String {
    let e = index.get(row);
    let said = e
        .entry
        .message
        .clone()
        .unwrap_or_else(|| e.entry.headline());
    format!("{} {} says “{said}”", e.vendor.name, e.entry.code)
}

/// The words of a text that carry its meaning, folded (T/S, full width, case) and cut to a
/// stem: Latin words of two letters or more without the common ones, stems of five letters
/// (`expired`, `expires`, `expiration`), and two CJK characters side by side (one character
/// says too little: `不`, `无`). Numbers and `%s` are values, not meaning.
fn words(text: &str) -> Vec<String> {
    let folded = fold(text).to_lowercase();
    let mut out: Vec<String> = Vec::new();
    let push = |w: String, out: &mut Vec<String>| {
        if !out.contains(&w) {
            out.push(w);
        }
    };
    let mut latin = String::new();
    let mut previous_cjk: Option<char> = None;
    let mut chars = folded.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '%' && matches!(chars.peek(), Some('s' | 'd')) {
            chars.next();
            flush_latin(&mut latin, &mut out);
            previous_cjk = None;
            continue;
        }
        if is_cjk(c) {
            flush_latin(&mut latin, &mut out);
            if let Some(p) = previous_cjk {
                let pair: String = [p, c].iter().collect();
                if !GENERIC_CJK.contains(&pair.as_str()) {
                    push(pair, &mut out);
                }
            }
            previous_cjk = Some(c);
        } else if c.is_alphanumeric() {
            latin.push(c);
            previous_cjk = None;
        } else {
            flush_latin(&mut latin, &mut out);
            previous_cjk = None;
        }
    }
    flush_latin(&mut latin, &mut out);
    out
}

fn flush_latin(word: &mut String, out: &mut Vec<String>) {
    let w = std::mem::take(word);
    if w.chars().count() < 2 || w.chars().all(|c| c.is_ascii_digit()) || COMMON.contains(&&*w) {
        return;
    }
    let stem: String = w.chars().take(5).collect();
    if !out.contains(&stem) {
        out.push(stem);
    }
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF)
}

/// Words that say nothing about which error it is: function words, and the words every error
/// message uses.
const COMMON: &[&str] = &[
    "a",
    "an",
    "the",
    "this",
    "that",
    "these",
    "those",
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "being",
    "am",
    "do",
    "does",
    "did",
    "has",
    "have",
    "had",
    "of",
    "to",
    "in",
    "on",
    "at",
    "by",
    "for",
    "from",
    "with",
    "without",
    "as",
    "or",
    "and",
    "nor",
    "but",
    "if",
    "then",
    "than",
    "so",
    "it",
    "its",
    "into",
    "onto",
    "over",
    "under",
    "up",
    "out",
    "off",
    "about",
    "can",
    "cannot",
    "could",
    "may",
    "might",
    "must",
    "shall",
    "should",
    "will",
    "would",
    "please",
    "your",
    "you",
    "we",
    "our",
    "us",
    "me",
    "my",
    "he",
    "she",
    "they",
    "them",
    "their",
    "there",
    "here",
    "what",
    "which",
    "who",
    "when",
    "where",
    "why",
    "how",
    "all",
    "any",
    "some",
    "each",
    "other",
    "only",
    "same",
    "too",
    "very",
    "just",
    "also",
    "not",
    "no",
    "yet",
    "error",
    "errors",
    "err",
    "failed",
    "failure",
    "fail",
    "fails",
    "invalid",
    "request",
    "requests",
    "code",
    "message",
    "occurred",
    "unknown",
    "problem",
    "exception",
    "status",
    "response",
    "api",
    "again",
    "try",
    "later",
    "contact",
    "support",
];

/// Two-character words every Chinese error message uses: error, failure, request, please,
/// invalid, the system.
const GENERIC_CJK: &[&str] = &[
    "错误", "失败", "请求", "无效", "系统", "异常", "请稍", "稍后", "后再", "再试", "联系", "客服",
];

#[cfg(test)]
mod tests {
    use super::*;

    /// PIXNET 4001 and 1001, as their catalog entries read.
    const E4001: [&str; 2] = [
        "URL 中缺少必要參數 %s",
        "A required URL parameter (%s) is missing.",
    ];
    const E1001: [&str; 3] = [
        "錯誤:此APIkey已被停權",
        "This API key has been suspended; contact PIXNET.",
        "API Key 被停權,請洽站方",
    ];

    #[test]
    fn another_api_s_message_contradicts() {
        assert_eq!(
            weigh("Insufficient funds in wallet", E4001),
            Weight::Contradicts
        );
        assert_eq!(weigh("Card expired", E1001), Weight::Contradicts);
        assert_eq!(weigh("余额不足", E1001), Weight::Contradicts);
        // Only the words every error says are shared.
        assert_eq!(
            weigh("The request is invalid: card declined", E1001),
            Weight::Contradicts
        );
    }

    #[test]
    fn the_entry_s_message_in_any_language_agrees() {
        assert_eq!(weigh("URL 中缺少必要参数 user", E4001), Weight::Agrees);
        assert_eq!(
            weigh("A required URL parameter (page) is missing", E4001),
            Weight::Agrees
        );
        // 1001's Chinese text alone.
        assert_eq!(
            weigh("此APIkey已被停權", ["錯誤:此APIkey已被停權"]),
            Weight::Agrees
        );
    }

    #[test]
    fn a_shared_word_leaves_it_open() {
        assert_eq!(weigh("missing parameters: id", E4001), Weight::Open);
        assert_eq!(weigh("參數錯誤", E4001), Weight::Open);
        let e1000 = ["Invalid / expired Token"];
        assert_eq!(weigh("Token has expired for user 7", e1000), Weight::Open);
    }

    #[test]
    fn nothing_to_weigh_is_open() {
        assert_eq!(weigh("Card expired", ["", " "]), Weight::Open);
        assert_eq!(weigh("error 42", ["Token expired"]), Weight::Open);
    }
}
