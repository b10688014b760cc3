//! The query language shared by the TUI filter bar and the CLI.
//!
//! Free text is fuzzy (nucleo's fzf-like syntax: `'exact`, `^prefix`, `suffix$`, `!not`);
//! field terms narrow it: `vendor:` (`v:`), `status:` (`s:`, also `4xx`), `cat:` (`c:`), `code:`.

/// Free text beyond this many characters is dropped: nucleo's scores are `u16` and a needle of
/// a few thousand characters overflows them (a panic where overflow is checked). Found by the
/// `catalog` fuzz target, searching for a long code.
pub const MAX_TEXT_CHARS: usize = 1000;

/// A parsed query. Terms of the same field are alternatives (OR); different fields all apply (AND).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    /// The free-text part, handed to nucleo's pattern parser.
    pub text: String,
    pub vendors: Vec<String>,
    pub statuses: Vec<StatusFilter>,
    pub categories: Vec<String>,
    pub code_prefixes: Vec<String>,
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
}

impl Query {
    /// Parses a query. Unknown `word:` prefixes are kept as free text (URLs, `ErrorCode:60003`).
    pub fn parse(input: &str) -> Result<Query, QueryError> {
        let mut q = Query::default();
        let mut text: Vec<&str> = Vec::new();
        for token in input.split_whitespace() {
            let Some((key, value)) = token.split_once(':') else {
                text.push(token);
                continue;
            };
            let field = match key.to_ascii_lowercase().as_str() {
                "vendor" | "v" => Field::Vendor,
                "status" | "s" | "http" => Field::Status,
                "cat" | "c" | "category" => Field::Category,
                "code" => Field::Code,
                _ => {
                    text.push(token);
                    continue;
                }
            };
            if value.is_empty() {
                return Err(QueryError::EmptyTerm(key.to_string()));
            }
            match field {
                Field::Vendor => q.vendors.push(value.to_lowercase()),
                Field::Status => q.statuses.push(
                    StatusFilter::parse(value)
                        .ok_or_else(|| QueryError::BadStatus(value.to_string()))?,
                ),
                Field::Category => q.categories.push(value.to_string()),
                Field::Code => q.code_prefixes.push(value.to_string()),
            }
        }
        q.text = text.join(" ");
        if let Some((cut, _)) = q.text.char_indices().nth(MAX_TEXT_CHARS) {
            q.text.truncate(cut);
        }
        Ok(q)
    }

    /// True when the query has no free text and no field terms: everything matches.
    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
            && self.vendors.is_empty()
            && self.statuses.is_empty()
            && self.categories.is_empty()
            && self.code_prefixes.is_empty()
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
    fn free_text_is_cut_where_fuzzy_scores_stay_in_range() {
        let long = "錯".repeat(5000);
        let q = Query::parse(&format!("v:pixnet {long} code:1")).unwrap();
        assert_eq!(q.text.chars().count(), MAX_TEXT_CHARS);
        assert_eq!(q.code_prefixes, ["1"]);
        assert_eq!(Query::parse("token").unwrap().text, "token");
    }

    #[test]
    fn empty_term_is_an_error() {
        assert!(Query::parse("vendor:").is_err());
        assert!(Query::parse("").unwrap().is_empty());
    }
}
