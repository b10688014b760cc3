//! The query language shared by the TUI filter bar and the CLI.
//!
//! Free text is fuzzy (nucleo's fzf-like syntax: `'exact`, `^prefix`, `suffix$`, `!not`);
//! field terms narrow it: `vendor:` (`v:`), `status:` (`s:`, also `4xx`), `cat:` (`c:`), `code:`,
//! `kind:` (`k:`), `retry:`. Free text that says a kind in plain words ("too many requests",
//! "does not exist") names it too: its entries are found at every vendor.

use crate::catalog::{Kind, Retry};
use crate::fold::fold;

/// Free text beyond this many characters is dropped: nucleo's scores are `u16` and a needle of
/// a few thousand characters overflows them (a panic where overflow is checked). Found by the
/// `catalog` fuzz target, searching for a long code.
pub const MAX_TEXT_CHARS: usize = 1000;

/// At most this many different free-text words: each is scored against every row it may
/// match, so the cost grows with their number (README: Limits). A word given twice counts once.
pub const MAX_WORDS: usize = 16;

/// At most this many field terms (`vendor:`, `status:`, `code:`, …) in all.
pub const MAX_FIELD_TERMS: usize = 256;

/// The query language, term by term: `errdex search --help` and the man pages print it (with
/// [`help`]); the explorer's help lists the same terms (a test holds them together).
pub const SYNTAX: &[(&str, &str)] = &[
    (
        "word",
        "fuzzy: its letters in order, in the code, symbol, message or summary",
    ),
    ("'word", "exact: the word as typed, not fuzzy"),
    ("^word", "starts with the word"),
    ("word$", "ends with the word"),
    ("!word", "leaves out what matches the word"),
    (
        "vendor:ID v:ID",
        "a vendor or family by id, name or alias: v:pixnet, v:errno",
    ),
    (
        "status:N s:N",
        "HTTP status: one (401), a class (4xx) or a decade (40x)",
    ),
    ("cat:TEXT c:TEXT", "category or subcategory holds TEXT"),
    (
        "code:PREFIX",
        "the code starts with PREFIX: code:14, code:0x8007",
    ),
    (
        "kind:K k:K",
        "a kind, or the start of one: k:rate, kind:not_found",
    ),
    ("retry:R", "retry advice: no, after_fix, backoff or later"),
];

/// The query language as text for `--help`: [`SYNTAX`], then [`notes`].
pub fn help() -> String {
    let width = SYNTAX.iter().map(|(t, _)| t.len()).max().unwrap_or(0);
    let mut out = String::from("Query language (the explorer's filter takes the same):\n");
    for (term, meaning) in SYNTAX {
        out.push_str(&format!("  {term:<width$}  {meaning}\n"));
    }
    out.push('\n');
    out.push_str(&notes().join("\n\n"));
    out
}

/// What [`SYNTAX`] leaves to say, a paragraph each: the kinds there are, how terms combine,
/// examples.
pub fn notes() -> Vec<String> {
    let kinds: Vec<&str> = Kind::ALL.iter().map(|k| k.id()).collect();
    vec![
        format!("Kinds: {}.", kinds.join(", ")),
        "Terms of one field are alternatives (v:http v:grpc), different fields all apply \
         (v:http s:4xx). A code alone ranks its exact matches first; words that say a kind \
         (\"too many requests\") bring in that kind at every vendor."
            .to_string(),
        "Examples: errdex search 'v:pixnet rate limit'; errdex search k:rate_limit s:429; \
         errdex search code:0x8007"
            .to_string(),
    ]
}

/// A parsed query. Terms of the same field are alternatives (OR); different fields all apply (AND).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    /// The free-text part, handed to nucleo's pattern parser.
    pub text: String,
    pub vendors: Vec<String>,
    pub statuses: Vec<StatusFilter>,
    pub categories: Vec<String>,
    pub code_prefixes: Vec<String>,
    pub kinds: Vec<Kind>,
    pub retries: Vec<Retry>,
    /// Kinds the free text names in plain words (see [`named_kinds`]).
    pub named_kinds: Vec<Kind>,
    /// One vendor by exact id: the TUI sidebar's selection (not part of the text syntax).
    pub vendor_id: Option<String>,
}

/// `401` matches one status; `4xx` (or `4**`) a class; `40x` a decade.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusFilter {
    pattern: [Option<u8>; 3],
}

impl StatusFilter {
    pub fn parse(s: &str) -> Option<StatusFilter> {
        let bytes = s.as_bytes();
        if bytes.len() != 3 {
            return None;
        }
        let mut pattern = [None; 3];
        for (slot, b) in pattern.iter_mut().zip(bytes) {
            *slot = match b {
                b'0'..=b'9' => Some(b - b'0'),
                b'x' | b'X' | b'*' => None,
                _ => return None,
            };
        }
        pattern[0]?;
        Some(StatusFilter { pattern })
    }

    pub fn matches(&self, status: u16) -> bool {
        let digits = [
            (status / 100 % 10) as u8,
            (status / 10 % 10) as u8,
            (status % 10) as u8,
        ];
        status < 1000
            && self
                .pattern
                .iter()
                .zip(digits)
                .all(|(p, d)| p.is_none_or(|p| p == d))
    }
}

/// A query term that could not be understood, with the reason, for a one-line error.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum QueryError {
    #[error("`{0}` is not an HTTP status (use 401, 4xx or 40x)")]
    BadStatus(String),
    #[error("`{0}:` needs a value")]
    EmptyTerm(String),
    #[error("`{0}` is not a kind (kinds: {ids})", ids = kind_ids())]
    BadKind(String),
    #[error("`{0}` is not a retry advice (no, after_fix, backoff, later)")]
    BadRetry(String),
    #[error(
        "the query has {0} different words; errdex searches for at most {MAX_WORDS} at once \
         (fewer words, or field terms such as code: and vendor:, narrow it as well)"
    )]
    TooManyWords(usize),
    #[error("the query has {0} field terms; errdex takes at most {MAX_FIELD_TERMS}")]
    TooManyFieldTerms(usize),
}

fn kind_ids() -> String {
    Kind::ALL.map(Kind::id).join(", ")
}

/// A kind by its id, or an unambiguous start of it (`rate` for `rate_limit`).
fn kind_by_prefix(value: &str) -> Option<Kind> {
    let v = value.to_ascii_lowercase().replace('-', "_");
    Kind::from_id(&v).or_else(|| {
        let mut starting = Kind::ALL.into_iter().filter(|k| k.id().starts_with(&v));
        match (starting.next(), starting.next()) {
            (Some(k), None) => Some(k),
            _ => None,
        }
    })
}

impl Query {
    /// Parses a query. Unknown `word:` prefixes are kept as free text (URLs, `ErrorCode:60003`).
    pub fn parse(input: &str) -> Result<Query, QueryError> {
        let mut q = Query::default();
        let mut text: Vec<&str> = Vec::new();
        let mut field_terms = 0;
        for token in input.split_whitespace() {
            let Some((key, value)) = token.split_once(':') else {
                // The same word twice matches the same rows: searched once.
                if !text.contains(&token) {
                    text.push(token);
                }
                continue;
            };
            let field = match key.to_ascii_lowercase().as_str() {
                "vendor" | "v" => Field::Vendor,
                "status" | "s" | "http" => Field::Status,
                "cat" | "c" | "category" => Field::Category,
                "code" => Field::Code,
                "kind" | "k" => Field::Kind,
                "retry" => Field::Retry,
                _ => {
                    if !text.contains(&token) {
                        text.push(token);
                    }
                    continue;
                }
            };
            if value.is_empty() {
                return Err(QueryError::EmptyTerm(key.to_string()));
            }
            field_terms += 1;
            match field {
                Field::Vendor => q.vendors.push(value.to_lowercase()),
                Field::Status => q.statuses.push(
                    StatusFilter::parse(value)
                        .ok_or_else(|| QueryError::BadStatus(value.to_string()))?,
                ),
                Field::Category => q.categories.push(value.to_string()),
                Field::Code => q.code_prefixes.push(value.to_string()),
                Field::Kind => q.kinds.push(
                    kind_by_prefix(value).ok_or_else(|| QueryError::BadKind(value.to_string()))?,
                ),
                Field::Retry => q.retries.push(
                    Retry::from_id(&value.to_ascii_lowercase().replace('-', "_"))
                        .ok_or_else(|| QueryError::BadRetry(value.to_string()))?,
                ),
            }
        }
        if field_terms > MAX_FIELD_TERMS {
            return Err(QueryError::TooManyFieldTerms(field_terms));
        }
        // nucleo reads `\ ` as an escaped space inside one word; the rest split at spaces.
        let words = text.iter().filter(|t| !t.ends_with('\\')).count();
        if words > MAX_WORDS {
            return Err(QueryError::TooManyWords(words));
        }
        q.text = text.join(" ");
        if let Some((cut, _)) = q.text.char_indices().nth(MAX_TEXT_CHARS) {
            q.text.truncate(cut);
        }
        q.named_kinds = named_kinds(&q.text);
        Ok(q)
    }

    /// True when the query has no free text and no field terms: everything matches.
    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
            && self.vendors.is_empty()
            && self.statuses.is_empty()
            && self.categories.is_empty()
            && self.code_prefixes.is_empty()
            && self.kinds.is_empty()
            && self.retries.is_empty()
            && self.vendor_id.is_none()
    }

    /// The free text when it is a single token that could be a code itself (`1004`, `0000`,
    /// `data_not_exist`): those rows rank first.
    pub fn code_like(&self) -> Option<&str> {
        let t = self.text.trim();
        let plain = !t.is_empty()
            && !t.contains(char::is_whitespace)
            && t.chars()
                .all(|c| c.is_alphanumeric() || c == '_' || c == '-' || c == '.');
        plain.then_some(t)
    }
}

enum Field {
    Vendor,
    Status,
    Category,
    Code,
    Kind,
    Retry,
}

/// The words of a text, folded and lower-case; each CJK character is a word of its own.
fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    for c in fold(text).chars() {
        if c.is_ascii_alphanumeric() || c == '\'' {
            word.push(c.to_ascii_lowercase());
        } else if c >= '\u{2E80}' && c.is_alphanumeric() {
            if !word.is_empty() {
                out.push(std::mem::take(&mut word));
            }
            out.push(c.to_string());
        } else if !word.is_empty() {
            out.push(std::mem::take(&mut word));
        }
    }
    if !word.is_empty() {
        out.push(word);
    }
    out
}

/// The kinds free text names in plain words: each kind's words (`catalogs/kinds.json`: its id,
/// title and synonyms) found in the text as whole words. Where phrases overlap the longest
/// wins, so "too many requests" is a rate limit, not the quota of "too many".
pub fn named_kinds(text: &str) -> Vec<Kind> {
    // Words with the fuzzy syntax (`'exact`, `^prefix`, `suffix$`, `!not`) are not plain words.
    let plain: Vec<&str> = text
        .split_whitespace()
        .filter(|w| !w.starts_with(['\'', '^', '!']) && !w.ends_with('$'))
        .collect();
    let text = words(&plain.join(" "));
    if text.is_empty() {
        return Vec::new();
    }
    // (start, end, kind) of every phrase found.
    let mut found: Vec<(usize, usize, Kind)> = Vec::new();
    for kind in Kind::ALL {
        let info = kind.info();
        let id = info.id.replace('_', " ");
        let phrases = std::iter::once(id.as_str())
            .chain(std::iter::once(info.title.as_str()))
            .chain(info.synonyms.iter().map(String::as_str));
        for phrase in phrases {
            let p = words(phrase);
            if p.is_empty() || p.len() > text.len() {
                continue;
            }
            for start in 0..=text.len() - p.len() {
                if text[start..start + p.len()] == p[..] {
                    found.push((start, start + p.len(), kind));
                }
            }
        }
    }
    let inside = |a: &(usize, usize, Kind), b: &(usize, usize, Kind)| {
        b.0 <= a.0 && a.1 <= b.1 && (b.1 - b.0) > (a.1 - a.0)
    };
    let mut kinds: Vec<Kind> = found
        .iter()
        .filter(|a| !found.iter().any(|b| inside(a, b)))
        .map(|&(_, _, k)| k)
        .collect();
    kinds.sort();
    kinds.dedup();
    kinds
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_terms_are_split_from_free_text() {
        let q = Query::parse("token v:pixnet status:4xx cat:認證 code:41 expired").unwrap();
        assert_eq!(q.text, "token expired");
        assert_eq!(q.vendors, vec!["pixnet"]);
        assert_eq!(q.categories, vec!["認證"]);
        assert_eq!(q.code_prefixes, vec!["41"]);
        assert!(q.statuses[0].matches(403));
        assert!(!q.statuses[0].matches(503));
    }

    #[test]
    fn status_patterns() {
        let exact = StatusFilter::parse("401").unwrap();
        assert!(exact.matches(401) && !exact.matches(403));
        let decade = StatusFilter::parse("40x").unwrap();
        assert!(decade.matches(404) && !decade.matches(410));
        assert!(StatusFilter::parse("x01").is_none());
        assert_eq!(
            Query::parse("s:abc"),
            Err(QueryError::BadStatus("abc".into()))
        );
    }

    #[test]
    fn unknown_prefixes_stay_text() {
        let q = Query::parse("https://emma.pixnet.cc ErrorCode:60003").unwrap();
        assert_eq!(q.text, "https://emma.pixnet.cc ErrorCode:60003");
        assert!(q.vendors.is_empty());
    }

    #[test]
    fn code_like_only_for_single_tokens() {
        assert_eq!(Query::parse("1004").unwrap().code_like(), Some("1004"));
        assert_eq!(
            Query::parse("v:pixnet 1004").unwrap().code_like(),
            Some("1004")
        );
        assert_eq!(Query::parse("token expired").unwrap().code_like(), None);
        assert_eq!(Query::parse("'exact").unwrap().code_like(), None);
    }

    #[test]
    fn a_word_given_twice_is_searched_once() {
        let q = Query::parse(&"tok ".repeat(250)).unwrap();
        assert_eq!(q.text, "tok");
        let q = Query::parse("tok exp tok Tok").unwrap();
        assert_eq!(q.text, "tok exp Tok");
    }

    #[test]
    fn too_many_words_or_field_terms_are_refused_with_the_limit() {
        let words: Vec<String> = (0..=MAX_WORDS).map(|i| format!("w{i}")).collect();
        assert_eq!(
            Query::parse(&words.join(" ")),
            Err(QueryError::TooManyWords(MAX_WORDS + 1))
        );
        assert!(Query::parse(&words[..MAX_WORDS].join(" ")).is_ok());
        let err = QueryError::TooManyWords(17).to_string();
        assert!(err.contains("at most 16"), "{err}");
        let terms = "code:1 ".repeat(MAX_FIELD_TERMS + 1);
        assert_eq!(
            Query::parse(&terms),
            Err(QueryError::TooManyFieldTerms(MAX_FIELD_TERMS + 1))
        );
    }

    #[test]
    fn free_text_is_cut_where_fuzzy_scores_stay_in_range() {
        let long = "錯".repeat(5000);
        let q = Query::parse(&format!("v:pixnet {long} code:1")).unwrap();
        assert_eq!(q.text.chars().count(), MAX_TEXT_CHARS);
        assert_eq!(q.code_prefixes, ["1"]);
        assert_eq!(Query::parse("token").unwrap().text, "token");
    }

    #[test]
    fn kind_and_retry_terms() {
        let q = Query::parse("k:rate kind:not_found retry:backoff token").unwrap();
        assert_eq!(q.kinds, [Kind::RateLimit, Kind::NotFound]);
        assert_eq!(q.retries, [Retry::Backoff]);
        assert_eq!(q.text, "token");
        let err = Query::parse("kind:nope").unwrap_err().to_string();
        assert!(err.contains("rate_limit"), "{err}");
        assert!(Query::parse("retry:soon").is_err());
        // `p` starts permission, precondition and payment: not a kind.
        assert!(Query::parse("k:p").is_err());
    }

    #[test]
    fn plain_words_name_kinds_the_longest_phrase_winning() {
        let named = |t: &str| Query::parse(t).unwrap().named_kinds;
        assert_eq!(named("too many requests"), [Kind::RateLimit]);
        assert_eq!(named("throttled"), [Kind::RateLimit]);
        assert_eq!(named("rate limited"), [Kind::RateLimit]);
        assert_eq!(named("does not exist"), [Kind::NotFound]);
        assert_eq!(named("用戶不存在"), [Kind::NotFound]);
        assert_eq!(named("knowledge base full"), [Kind::Quota]);
        assert_eq!(named("invalid token"), [Kind::Auth]);
        assert!(named("tokn exprd").is_empty());
        assert!(named("failed$ 'full !invalid").is_empty());
        assert!(named("1302").is_empty());
    }

    #[test]
    fn empty_term_is_an_error() {
        assert!(Query::parse("vendor:").is_err());
        assert!(Query::parse("").unwrap().is_empty());
    }
}
