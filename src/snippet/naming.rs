//! Identifiers for generated code: readable words from an entry, then each language's case,
//! kept clear of keywords and generated names, unique within a set.
//!
//! Words come from, in order of preference:
//! 1. the code itself when it is a symbolic name (`data_validation_failed`,
//!    `AuthFailure.SignatureExpire`): the vendor already named it;
//! 2. the message when it is ASCII and short (`Invalid / expired Token` → invalid expired token);
//! 3. the English summary (first clause, parentheses dropped, stop-words dropped; a long
//!    clause is cut at its first comma, then to the first and last words, [`MAX_WORDS`] in all);
//! 4. a long ASCII message, cut the same way; an ASCII description;
//! 5. `code` + the code (`Code5001`).
//!
//! A name that collides with an earlier one, a keyword or a generated name gets the code
//! appended (`AlbumNotFound2202`), then a counter.

#[cfg(test)]
use super::Lang;
use super::lang::Language;
#[cfg(test)]
use crate::catalog::Entry;
use crate::catalog::{EntryFields, Vendor};
use foldhash::HashSet;
use std::borrow::Cow;

/// The most words a name made from prose keeps.
pub(super) const MAX_WORDS: usize = 5;

/// Words that carry no meaning in a name.
const STOP_WORDS: &[&str] = &[
    "a", "an", "the", "is", "are", "was", "were", "be", "been", "being", "am", "has", "have",
    "had", "do", "does", "did", "of", "for", "to", "in", "on", "at", "by", "as", "this", "that",
    "these", "those", "it", "its", "your", "you", "please", "and", "or", "could", "would",
    "should", "will", "may", "might", "there", "which",
];

/// Words dropped at the start of a name only (`Error, Param email is invalid` → ParamEmailInvalid;
/// `System error` keeps its `error`).
const LEADING_NOISE: &[&str] = &["error", "errors", "err"];

/// The enum (type) name for a vendor: its id in UpperCamel case + `Error` (`tencent-im` →
/// `TencentImError`).
pub(super) fn type_name(vendor: &Vendor) -> String {
    format!("{}Error", upper_camel(&vendor_words(vendor)))
}

/// The vendor's words: from the id, else the name, else `vendor`; never starting with a digit.
pub(super) fn vendor_words(vendor: &Vendor) -> Vec<String> {
    let mut words = tokenize(&vendor.id);
    if words.is_empty() {
        words = tokenize(&vendor.name);
    }
    if words.is_empty() || words[0].starts_with(|c: char| c.is_ascii_digit()) {
        words.insert(0, "vendor".into());
    }
    words
}

/// The words (lower case, ASCII alphanumeric) a name for this entry of `vendor` is made of;
/// never empty and never starting with a digit.
pub(super) fn words(entry: &EntryFields, vendor: &Vendor) -> Vec<String> {
    let mut words = symbol_words(entry, vendor).unwrap_or_else(|| pick_words(entry));
    if words.is_empty() {
        words = fallback(entry.code);
    }
    if words[0].starts_with(|c: char| c.is_ascii_digit()) {
        words.insert(0, "code".into());
    }
    words
}

/// The words of the entry's symbol (`SQLITE_BUSY_RECOVERY`, `unique_violation`), without a
/// first word that names the library (`SQLITE`, `CURLE` for the `curl` catalog): the type name
/// says it already.
fn symbol_words(entry: &EntryFields, vendor: &Vendor) -> Option<Vec<String>> {
    let mut words = tokenize(entry.symbol?);
    let library = vendor_words(vendor).concat();
    let names_library =
        |w: &str| !library.is_empty() && w.starts_with(&library) && w.len() <= library.len() + 1;
    if words.len() > 1 && names_library(&words[0]) {
        words.remove(0);
    }
    (!words.is_empty()).then_some(words)
}

fn pick_words(entry: &EntryFields) -> Vec<String> {
    if let Some(w) = symbolic_code(entry.code) {
        return w;
    }
    let ascii_message = entry
        .message
        .filter(|m| m.is_ascii())
        .map(prose_words)
        .unwrap_or_default();
    if !ascii_message.is_empty() && ascii_message.len() <= MAX_WORDS {
        return ascii_message;
    }
    let summary = entry.summary_en.map(prose_words).unwrap_or_default();
    if !summary.is_empty() {
        return cut(summary);
    }
    if !ascii_message.is_empty() {
        return cut(ascii_message);
    }
    let description = entry
        .description
        .as_ref()
        .map(|d| d.to_string())
        .filter(|d| d.is_ascii())
        .map(|d| prose_words(&d))
        .unwrap_or_default();
    cut(description)
}

/// At most [`MAX_WORDS`]: the first ones (the subject) and the last two (what happened to it:
/// `… not exist`, `… too fast`).
fn cut(mut words: Vec<String>) -> Vec<String> {
    if words.len() > MAX_WORDS {
        words.drain(MAX_WORDS - 2..words.len() - 2);
    }
    words
}

/// `Code5001`: the word `code` and the code's own words.
fn fallback(code: &str) -> Vec<String> {
    let mut w = vec!["code".to_string()];
    w.extend(tokenize(code));
    w
}

/// A code that is already a name (`data_validation_failed`, `INVALID_ARGUMENT`,
/// `AuthFailure.SignatureExpire`): ASCII, at least two words of two or more letters.
fn symbolic_code(code: &str) -> Option<Vec<String>> {
    if !code
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
    {
        return None;
    }
    let words = tokenize(code);
    let named = words
        .iter()
        .filter(|w| w.chars().filter(|c| c.is_ascii_alphabetic()).count() >= 2)
        .count();
    (named >= 2).then_some(words)
}

/// The meaningful words of a sentence: placeholders (`%s`) and parenthesised asides dropped,
/// only the first clause (up to `;`, `:` or the end of the first sentence), stop-words and a
/// leading "Error" dropped. Not cut to [`MAX_WORDS`].
fn prose_words(text: &str) -> Vec<String> {
    let text = strip_placeholders(text);
    let bare = match strip_parentheses(&text) {
        Cow::Owned(bare) => Some(bare),
        Cow::Borrowed(_) => None,
    };
    // Without its asides, unless they were all it said.
    let text = match bare {
        Some(bare) if !significant(tokenize(&bare)).is_empty() => Cow::Owned(bare),
        _ => text,
    };
    let first = first_clause(&text);
    let words = significant(tokenize(first));
    if words.is_empty() {
        return significant(tokenize(&text));
    }
    if words.len() > MAX_WORDS {
        // A long clause: what comes before its first comma, when that says something.
        if let Some((head, _)) = first.split_once([',', '，', '、']) {
            let head = significant(tokenize(head));
            if head.len() >= 2 {
                return head;
            }
        }
    }
    words
}

fn significant(mut words: Vec<String>) -> Vec<String> {
    words.retain(|w| !STOP_WORDS.contains(&w.as_str()));
    let noise = words
        .iter()
        .take_while(|w| LEADING_NOISE.contains(&w.as_str()))
        .count();
    // A leading "error" goes, unless it is all there is: then nothing is said.
    words.drain(..noise.min(words.len().saturating_sub(1)));
    if words.len() == 1 && LEADING_NOISE.contains(&words[0].as_str()) {
        words.clear();
    }
    words
}

/// Drops printf placeholders: `%s`, `%d`, `%1$s`, `%.2f`.
fn strip_placeholders(text: &str) -> Cow<'_, str> {
    if !text.contains('%') {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '%' {
            let mut spec = String::new();
            while let Some(&n) = chars.peek() {
                if n.is_ascii_digit() || matches!(n, '$' | '.' | '-' | '+') {
                    spec.push(n);
                    chars.next();
                } else {
                    break;
                }
            }
            if chars.peek().is_some_and(|n| n.is_ascii_alphabetic()) {
                chars.next();
                out.push(' ');
                continue;
            }
            out.push(c);
            out.push_str(&spec);
            continue;
        }
        out.push(c);
    }
    Cow::Owned(out)
}

/// Drops `( … )` and `（ … ）` asides.
fn strip_parentheses(text: &str) -> Cow<'_, str> {
    if !text.contains(['(', '（']) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut depth = 0usize;
    for c in text.chars() {
        match c {
            '(' | '（' => depth += 1,
            ')' | '）' if depth > 0 => {
                depth -= 1;
                out.push(' ');
            }
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    Cow::Owned(out)
}

/// Text up to the first `;`, `:` or sentence end (". ").
fn first_clause(text: &str) -> &str {
    let mut end = text.len();
    for (i, c) in text.char_indices() {
        let stop = match c {
            ';' | ':' | '；' | '：' | '。' => true,
            '.' | '!' | '?' => text[i + c.len_utf8()..].starts_with(' '),
            _ => false,
        };
        if stop {
            end = i;
            break;
        }
    }
    &text[..end]
}

/// Lower-case ASCII alphanumeric words: split at anything else and at lower→upper humps
/// (`botId` → bot, id); apostrophes inside a word are dropped (`isn't` → isnt).
fn tokenize(text: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut cur = String::new();
    let mut prev: Option<char> = None;
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            if prev.is_some_and(|p| p.is_ascii_lowercase()) && c.is_ascii_uppercase() {
                words.push(std::mem::take(&mut cur));
            }
            cur.push(c.to_ascii_lowercase());
            prev = Some(c);
        } else if matches!(c, '\'' | '’') && !cur.is_empty() {
            // Joined with what follows.
        } else {
            if !cur.is_empty() {
                words.push(std::mem::take(&mut cur));
            }
            prev = None;
        }
    }
    if !cur.is_empty() {
        words.push(cur);
    }
    words
}

/// `["album", "not", "found"]` → `AlbumNotFound`.
pub(super) fn upper_camel(words: &[String]) -> String {
    let mut name = String::with_capacity(words.iter().map(String::len).sum());
    for w in words {
        push_capitalized(&mut name, w);
    }
    name
}

/// `["album", "not", "found"]` → `ALBUM_NOT_FOUND`.
pub(super) fn upper_snake(words: &[String]) -> String {
    let mut name = String::with_capacity(words.iter().map(|w| w.len() + 1).sum());
    for (i, w) in words.iter().enumerate() {
        if i > 0 {
            name.push('_');
        }
        name.extend(w.chars().map(|c| c.to_ascii_uppercase()));
    }
    name
}

/// `PixnetError` → `PIXNET_ERROR`, for constants that go with a type.
pub(super) fn screaming(type_name: &str) -> String {
    upper_snake(&tokenize(type_name))
}

pub(super) fn capitalize(w: &str) -> String {
    let mut s = String::with_capacity(w.len());
    push_capitalized(&mut s, w);
    s
}

fn push_capitalized(name: &mut String, w: &str) {
    let mut c = w.chars();
    if let Some(f) = c.next() {
        name.push(f.to_ascii_uppercase());
        name.push_str(c.as_str());
    }
}

/// Identifiers for a set of (code, words), in order: each language's case, never reserved,
/// unique (the code appended on a collision, then a counter).
pub(super) fn assign(
    lang: &dyn Language,
    vendor: &Vendor,
    items: &[(&str, Vec<String>)],
) -> Vec<String> {
    let type_name = type_name(vendor);
    let mut used: HashSet<String> = HashSet::default();
    let mut out = Vec::with_capacity(items.len());
    for (code, words) in items {
        let free = |name: &str, used: &HashSet<String>| {
            // The type's own name is never a variant's.
            !used.contains(name) && name != type_name && !lang.is_reserved(&type_name, name)
        };
        let mut name = lang.ident(vendor, words);
        if !free(&name, &used) {
            let mut longer = words.clone();
            let code_words = tokenize(code);
            if !words.ends_with(&code_words) {
                longer.extend(code_words);
            }
            name = lang.ident(vendor, &longer);
            let mut n = 2;
            while !free(&name, &used) {
                let mut counted = longer.clone();
                counted.push(n.to_string());
                name = lang.ident(vendor, &counted);
                n += 1;
            }
        }
        used.insert(name.clone());
        out.push(name);
    }
    out
}

/// The names of a body type's fields from their `bases` (each key's words in the language's
/// case), in order: a base already given, or `taken` (a keyword, a method of the type), gets
/// the first number from 2 that frees it, after `separator` (`error_code_2`, `ErrorCode2`).
pub(super) fn unique(
    bases: impl IntoIterator<Item = String>,
    separator: &str,
    taken: impl Fn(&str) -> bool,
) -> Vec<String> {
    let mut used: Vec<String> = Vec::new();
    for base in bases {
        let mut name = base.clone();
        let mut n = 2;
        while used.contains(&name) || taken(&name) {
            name = format!("{base}{separator}{n}");
            n += 1;
        }
        used.push(name);
    }
    used
}

/// `["bot", "id"]` → `botId`: Java's and Kotlin's member case.
pub(super) fn lower_camel(words: &[String]) -> String {
    let mut out = String::new();
    for (i, w) in words.iter().enumerate() {
        if i == 0 {
            out.push_str(w);
        } else {
            out.push_str(&capitalize(w));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::snippet::tests::{entry, vendor};

    fn name(lang: Lang, e: &Entry) -> String {
        let v = vendor("pixnet");
        assign(
            lang.language(),
            &v,
            &[(e.code.as_str(), words(&EntryFields::of(e), &v))],
        )
        .remove(0)
    }

    #[test]
    fn type_names_come_from_the_vendor_id() {
        assert_eq!(type_name(&vendor("pixnet")), "PixnetError");
        assert_eq!(type_name(&vendor("mantago")), "MantagoError");
        assert_eq!(type_name(&vendor("tencent-im")), "TencentImError");
        assert_eq!(type_name(&vendor("guo-guo")), "GuoGuoError");
        assert_eq!(type_name(&vendor("37signals")), "Vendor37signalsError");
    }

    #[test]
    fn short_ascii_messages_win() {
        let token = entry(
            "1000",
            Some("Invalid / expired Token"),
            Some("The access token is invalid."),
        );
        for (lang, want) in [
            (Lang::Rust, "InvalidExpiredToken"),
            (Lang::Typescript, "InvalidExpiredToken"),
            (Lang::Python, "INVALID_EXPIRED_TOKEN"),
            (Lang::Java, "INVALID_EXPIRED_TOKEN"),
            (Lang::Go, "PixnetInvalidExpiredToken"),
        ] {
            assert_eq!(name(lang, &token), want, "{lang}");
        }
        for (message, want) in [
            ("Article is not found", "ArticleNotFound"),
            (
                "Redirect URI isn't match configuration.",
                "RedirectUriIsntMatchConfiguration",
            ),
            ("Invalid %s format", "InvalidFormat"),
            ("Error, Param email is invalid.", "ParamEmailInvalid"),
        ] {
            assert_eq!(name(Lang::Rust, &entry("1", Some(message), None)), want);
        }
    }

    #[test]
    fn chinese_and_long_messages_use_the_summary() {
        for (message, summary, want) in [
            (
                "錯誤：此APIkey已被停權",
                "This API key has been suspended; contact PIXNET.",
                "ApiKeySuspended",
            ),
            (
                "相簿元素",
                "Album element (photo or video) not found.",
                "AlbumElementNotFound",
            ),
            (
                "系统错误，请联系客服。",
                "System error; contact customer support.",
                "SystemError",
            ),
        ] {
            let e = entry("1", Some(message), Some(summary));
            assert_eq!(name(Lang::Rust, &e), want, "{message}");
        }
        let suspended = entry(
            "1001",
            Some("錯誤：此APIkey已被停權"),
            Some("This API key has been suspended; contact PIXNET."),
        );
        assert_eq!(name(Lang::Go, &suspended), "PixnetAPIKeySuspended");
        let words = words(
            &EntryFields::of(&entry(
                "1004",
                Some(
                    "The developer account for this API Key requires cell phone number verification.",
                ),
                Some(
                    "The developer account that owns this API key must verify its cellphone number.",
                ),
            )),
            &vendor("pixnet"),
        );
        assert_eq!(words.len(), MAX_WORDS);
    }

    #[test]
    fn symbols_name_entries_without_the_library_prefix() {
        let named = |vendor_id: &str, symbol: &str| {
            let e = Entry {
                symbol: Some(symbol.into()),
                ..entry("5", Some("database is locked"), None)
            };
            let v = vendor(vendor_id);
            assign(
                Lang::Rust.language(),
                &v,
                &[("5", words(&EntryFields::of(&e), &v))],
            )
            .remove(0)
        };
        assert_eq!(named("sqlite", "SQLITE_BUSY_RECOVERY"), "BusyRecovery");
        assert_eq!(
            named("curl", "CURLE_OPERATION_TIMEDOUT"),
            "OperationTimedout"
        );
        assert_eq!(named("errno", "ENOENT"), "Enoent");
        assert_eq!(named("postgres", "unique_violation"), "UniqueViolation");
        assert_eq!(named("grpc", "NOT_FOUND"), "NotFound");
    }

    #[test]
    fn symbolic_codes_name_themselves() {
        let e = entry(
            "data_validation_failed",
            None,
            Some("Data validation failed; check."),
        );
        assert_eq!(name(Lang::Rust, &e), "DataValidationFailed");
        assert_eq!(name(Lang::Java, &e), "DATA_VALIDATION_FAILED");
        let e = entry("AuthFailure.SignatureExpire", None, None);
        assert_eq!(name(Lang::Rust, &e), "AuthFailureSignatureExpire");
        // Not names: numbers, or a single word with digits.
        assert_eq!(symbolic_code("0000"), None);
        assert_eq!(symbolic_code("E1001"), None);
    }

    #[test]
    fn nothing_usable_falls_back_to_the_code() {
        for e in [
            entry("5001", Some("尋找Bot資訊失敗"), None),
            entry("5001", None, None),
            entry("5001", Some(""), Some("")),
            entry("5001", Some("Error"), Some("the of a")),
            entry("5001", Some("%s"), Some("(…)")),
        ] {
            assert_eq!(name(Lang::Rust, &e), "Code5001", "{e:?}");
            assert_eq!(name(Lang::Python, &e), "CODE_5001");
            assert_eq!(name(Lang::Go, &e), "PixnetCode5001");
        }
        assert_eq!(name(Lang::Rust, &entry("0000", None, None)), "Code0000");
        // A code with no usable characters still gives a valid name.
        assert_eq!(name(Lang::Rust, &entry("錯誤", None, None)), "Code");
    }

    #[test]
    fn names_never_start_with_a_digit() {
        for (lang, message, want) in [
            (Lang::Rust, "404 not found", "Code404NotFound"),
            (Lang::Java, "404 not found", "CODE_404_NOT_FOUND"),
            (Lang::Python, "20 tags at most", "CODE_20_TAGS_MOST"),
        ] {
            assert_eq!(name(lang, &entry("9", Some(message), None)), want);
        }
    }

    #[test]
    fn keywords_and_generated_names_are_avoided() {
        // A reserved name takes the code.
        for (lang, code, message, want) in [
            (Lang::Rust, "7", "Self", "Self7"),
            (Lang::Typescript, "7", "Self", "Self"),
            (Lang::Rust, "8", "None", "None8"),
            (Lang::Typescript, "9", "NaN", "NaN9"),
        ] {
            assert_eq!(name(lang, &entry(code, Some(message), None)), want);
        }
        // The type's own name is never a variant.
        let v = vendor("pixnet");
        assert_eq!(
            assign(Lang::Go.language(), &v, &[("10", vec!["error".into()])]),
            ["PixnetError10"]
        );
        assert_eq!(
            assign(
                Lang::Rust.language(),
                &v,
                &[("1", vec!["pixnet".into(), "error".into()])]
            ),
            ["PixnetError1"]
        );
    }

    #[test]
    fn collisions_get_the_code_then_a_counter() {
        let v = vendor("pixnet");
        let items = vec![
            (
                "2202",
                vec!["album".to_string(), "not".into(), "found".into()],
            ),
            (
                "2203",
                vec!["album".to_string(), "not".into(), "found".into()],
            ),
            ("", vec!["album".to_string(), "not".into(), "found".into()]),
            (
                "x",
                vec![
                    "album".to_string(),
                    "not".into(),
                    "found".into(),
                    "2203".into(),
                ],
            ),
        ];
        assert_eq!(
            assign(Lang::Rust.language(), &v, &items),
            [
                "AlbumNotFound",
                "AlbumNotFound2203",
                "AlbumNotFound2",
                "AlbumNotFound2203X"
            ]
        );
        assert_eq!(
            assign(Lang::Java.language(), &v, &items),
            [
                "ALBUM_NOT_FOUND",
                "ALBUM_NOT_FOUND_2203",
                "ALBUM_NOT_FOUND_2",
                "ALBUM_NOT_FOUND_2203_X"
            ]
        );
    }

    #[test]
    fn tokenizer_splits_humps_and_keeps_contractions() {
        assert_eq!(
            tokenize("botId can't be IntegrationId"),
            ["bot", "id", "cant", "be", "integration", "id"]
        );
        assert_eq!(tokenize("calling_code"), ["calling", "code"]);
        assert_eq!(
            strip_placeholders("User %s exists, %1$d and 100%"),
            "User   exists,   and 100%"
        );
    }
}
