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

use super::Lang;
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
fn vendor_words(vendor: &Vendor) -> Vec<String> {
    let mut words = tokenize(&vendor.id);
    if words.is_empty() {
        words = tokenize(&vendor.name);
    }
    if words.is_empty() || words[0].starts_with(|c: char| c.is_ascii_digit()) {
        words.insert(0, "vendor".into());
    }
    words
}

/// The prefix of a vendor's Go constants: its words in Go's camel case.
pub(super) fn go_prefix(vendor: &Vendor) -> String {
    go_camel(&vendor_words(vendor))
}

/// The Go package name for a vendor: its id in lower case without separators (`tencentim`),
/// never a keyword or predeclared name.
pub(super) fn go_package(vendor: &Vendor) -> String {
    let name: String = vendor_words(vendor).concat();
    if GO_KEYWORDS.contains(&name.as_str()) || GO_PREDECLARED.contains(&name.as_str()) {
        format!("{name}codes")
    } else {
        name
    }
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

/// Go's MixedCaps with its initialisms upper case (`HTTPRequestURL`).
pub(super) fn go_camel(words: &[String]) -> String {
    words
        .iter()
        .map(|w| {
            let upper = w.to_ascii_uppercase();
            if GO_INITIALISMS.contains(&upper.as_str()) {
                upper
            } else {
                capitalize(w)
            }
        })
        .collect()
}

fn capitalize(w: &str) -> String {
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

/// The identifier for a variant's words in a language's convention.
fn ident(lang: Lang, vendor: &Vendor, words: &[String]) -> String {
    match lang {
        Lang::Rust | Lang::Typescript => upper_camel(words),
        Lang::Javascript => upper_camel(words),
        Lang::Python | Lang::Java => upper_snake(words),
        Lang::Kotlin | Lang::Ruby => upper_snake(words),
        Lang::CSharp | Lang::Php => upper_camel(words),
        Lang::Go => format!("{}{}", go_prefix(vendor), go_camel(words)),
    }
}

/// Names a variant must not take in a language: keywords, names the generated code defines
/// next to the variants, and names that would read as something else.
pub(super) fn reserved(lang: Lang) -> &'static [&'static str] {
    match lang {
        Lang::Rust => RUST_RESERVED,
        Lang::Typescript => TS_RESERVED,
        Lang::Javascript => JS_RESERVED,
        Lang::Python => PYTHON_RESERVED,
        Lang::Go => GO_KEYWORDS,
        Lang::Java => JAVA_KEYWORDS,
        Lang::Kotlin => KOTLIN_KEYWORDS,
        Lang::CSharp => CSHARP_RESERVED,
        Lang::Php => PHP_RESERVED,
        Lang::Ruby => RUBY_RESERVED,
    }
}

/// Whether `name` may not be used for a variant of `type_name` in `lang`.
pub(super) fn is_reserved(lang: Lang, type_name: &str, name: &str) -> bool {
    name == type_name
        || reserved(lang).contains(&name)
        || (lang == Lang::Rust && RUST_OTHER.contains(&name))
        || (lang == Lang::Go && (GO_GENERATED.contains(&name) || GO_PREDECLARED.contains(&name)))
        || (lang == Lang::Java && JAVA_MEMBERS.contains(&name))
        || (lang == Lang::Kotlin && KOTLIN_MEMBERS.contains(&name))
        // Go's body types share the package with the constants.
        || (lang == Lang::Go && name.starts_with(&format!("{type_name}Body")))
}

/// Identifiers for a set of (code, words), in order: each language's case, never reserved,
/// unique (the code appended on a collision, then a counter).
pub(super) fn assign(lang: Lang, vendor: &Vendor, items: &[(&str, Vec<String>)]) -> Vec<String> {
    let type_name = type_name(vendor);
    let mut used: HashSet<String> = HashSet::default();
    let mut out = Vec::with_capacity(items.len());
    for (code, words) in items {
        let free = |name: &str, used: &HashSet<String>| {
            !used.contains(name) && !is_reserved(lang, &type_name, name)
        };
        let mut name = ident(lang, vendor, words);
        if !free(&name, &used) {
            let mut longer = words.clone();
            let code_words = tokenize(code);
            if !words.ends_with(&code_words) {
                longer.extend(code_words);
            }
            name = ident(lang, vendor, &longer);
            let mut n = 2;
            while !free(&name, &used) {
                let mut counted = longer.clone();
                counted.push(n.to_string());
                name = ident(lang, vendor, &counted);
                n += 1;
            }
        }
        used.insert(name.clone());
        out.push(name);
    }
    out
}

const RUST_RESERVED: &[&str] = &[
    // Keywords, strict and reserved, every edition (2024's `gen` included).
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern",
    "false", "fn", "for", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub",
    "ref", "return", "self", "Self", "static", "struct", "super", "trait", "true", "type",
    "unsafe", "use", "where", "while", "abstract", "become", "box", "do", "final", "macro",
    "override", "priv", "typeof", "unsized", "virtual", "yield", "try", "gen", "union",
];

/// Names a Rust variant must not take beyond the keywords.
const RUST_OTHER: &[&str] = &[
    // Prelude names a variant would shadow after `use PixnetError::*`.
    "Some",
    "None",
    "Ok",
    "Err",
    "Option",
    "Result",
    "Box",
    "String",
    "Vec",
    // Generated items.
    "ALL",
    "from_code",
    "parse",
    "code",
    "message",
    "http_status",
    "kind",
    "is_retryable",
];

/// Whether `name` is a Rust keyword (a field named so is written `r#name`).
pub(super) fn is_rust_keyword(name: &str) -> bool {
    RUST_RESERVED.contains(&name)
}

const TS_RESERVED: &[&str] = &[
    "break",
    "case",
    "catch",
    "class",
    "const",
    "continue",
    "debugger",
    "default",
    "delete",
    "do",
    "else",
    "enum",
    "export",
    "extends",
    "false",
    "finally",
    "for",
    "function",
    "if",
    "import",
    "in",
    "instanceof",
    "new",
    "null",
    "return",
    "super",
    "switch",
    "this",
    "throw",
    "true",
    "try",
    "typeof",
    "var",
    "void",
    "while",
    "with",
    "as",
    "implements",
    "interface",
    "let",
    "package",
    "private",
    "protected",
    "public",
    "static",
    "yield",
    "any",
    "boolean",
    "constructor",
    "declare",
    "get",
    "module",
    "require",
    "number",
    "set",
    "string",
    "symbol",
    "type",
    "from",
    "of",
    "namespace",
    "async",
    "await",
    "undefined",
    "never",
    "unknown",
    "object",
    "bigint",
    "keyof",
    "readonly",
    "unique",
    "infer",
    "is",
    "asserts",
    "satisfies",
    "accessor",
    "override",
    "abstract",
    "global",
    "out",
    // Names that are not plain identifiers as enum members or on the merged namespace.
    "Infinity",
    "NaN",
    "prototype",
    "__proto__",
    // Generated functions.
    "fromCode",
    "parse",
    "message",
    "httpStatus",
    "kind",
    "isRetryable",
];

/// JavaScript's reserved words, and the names the generated class defines: members are its
/// static fields, beside `fromCode`, `parse` and a function's own `name`, `length` and
/// `prototype`.
const JS_RESERVED: &[&str] = &[
    "break",
    "case",
    "catch",
    "class",
    "const",
    "continue",
    "debugger",
    "default",
    "delete",
    "do",
    "else",
    "enum",
    "export",
    "extends",
    "false",
    "finally",
    "for",
    "function",
    "if",
    "import",
    "in",
    "instanceof",
    "new",
    "null",
    "return",
    "super",
    "switch",
    "this",
    "throw",
    "true",
    "try",
    "typeof",
    "var",
    "void",
    "while",
    "with",
    "implements",
    "interface",
    "let",
    "package",
    "private",
    "protected",
    "public",
    "static",
    "yield",
    "await",
    "async",
    "arguments",
    "eval",
    "undefined",
    "NaN",
    "Infinity",
    "constructor",
    "prototype",
    "__proto__",
    "name",
    "length",
    "caller",
    "fromCode",
    "parse",
    "code",
    "message",
    "httpStatus",
    "kind",
    "isRetryable",
];

const PYTHON_RESERVED: &[&str] = &[
    "False",
    "None",
    "True",
    "and",
    "as",
    "assert",
    "async",
    "await",
    "break",
    "class",
    "continue",
    "def",
    "del",
    "elif",
    "else",
    "except",
    "finally",
    "for",
    "from",
    "global",
    "if",
    "import",
    "in",
    "is",
    "lambda",
    "nonlocal",
    "not",
    "or",
    "pass",
    "raise",
    "return",
    "try",
    "while",
    "with",
    "yield",
    "match",
    "case",
    "type",
    "_",
    // Enum's own attributes and the generated ones.
    "name",
    "value",
    "mro",
    "from_code",
    "parse",
    "code",
    "message",
    "http_status",
    "kind",
    "is_retryable",
];

const JAVA_KEYWORDS: &[&str] = &[
    "abstract",
    "assert",
    "boolean",
    "break",
    "byte",
    "case",
    "catch",
    "char",
    "class",
    "const",
    "continue",
    "default",
    "do",
    "double",
    "else",
    "enum",
    "extends",
    "final",
    "finally",
    "float",
    "for",
    "goto",
    "if",
    "implements",
    "import",
    "instanceof",
    "int",
    "interface",
    "long",
    "native",
    "new",
    "package",
    "private",
    "protected",
    "public",
    "return",
    "short",
    "static",
    "strictfp",
    "super",
    "switch",
    "synchronized",
    "this",
    "throw",
    "throws",
    "transient",
    "try",
    "void",
    "volatile",
    "while",
    "true",
    "false",
    "null",
    "var",
    "yield",
    "record",
    "sealed",
    "permits",
    "non-sealed",
    "_",
];

/// Names a Java enum constant must not take beyond the keywords: the enum's own members and
/// the generated ones.
const JAVA_MEMBERS: &[&str] = &[
    "values",
    "valueOf",
    "name",
    "ordinal",
    "compareTo",
    "getDeclaringClass",
    "fromCode",
    "code",
    "message",
    "httpStatus",
    "parse",
    "kind",
    "isRetryable",
];

/// C# enum members are PascalCase, so no keyword can be one; these are the members every enum
/// inherits, which a member of the same name would hide.
const CSHARP_RESERVED: &[&str] = &[
    "Equals",
    "GetHashCode",
    "GetType",
    "ToString",
    "HasFlag",
    "CompareTo",
    "GetTypeCode",
    "Finalize",
    "MemberwiseClone",
    "ReferenceEquals",
    "value__",
];

/// PHP enum cases are PascalCase; of the keywords only `class` is refused as a case name (it
/// would read as `PixnetError::class`, the class name).
const PHP_RESERVED: &[&str] = &["Class"];

/// Ruby constants are SCREAMING_SNAKE: `BEGIN` and `END` are keywords, the rest are the
/// module's own constants.
const RUBY_RESERVED: &[&str] = &["BEGIN", "END", "ALL", "BY_CODE"];
/// Kotlin's hard keywords: never an identifier without backticks.
const KOTLIN_KEYWORDS: &[&str] = &[
    "as",
    "break",
    "class",
    "continue",
    "do",
    "else",
    "false",
    "for",
    "fun",
    "if",
    "in",
    "interface",
    "is",
    "null",
    "object",
    "package",
    "return",
    "super",
    "this",
    "throw",
    "true",
    "try",
    "typealias",
    "typeof",
    "val",
    "var",
    "when",
    "while",
    "_",
];

/// Names a Kotlin enum constant must not take beyond the keywords: enum classes' own members
/// and the generated ones.
const KOTLIN_MEMBERS: &[&str] = &[
    "values",
    "valueOf",
    "entries",
    "name",
    "ordinal",
    "Companion",
    "fromCode",
    "parse",
    "code",
    "message",
    "httpStatus",
    "kind",
    "isRetryable",
];

/// Whether `name` is a Kotlin hard keyword (a property named so is written in backticks).
pub(super) fn is_kotlin_keyword(name: &str) -> bool {
    KOTLIN_KEYWORDS.contains(&name)
}

/// Whether `name` is a Java keyword or literal (a record component named so gets a suffix).
pub(super) fn is_java_keyword(name: &str) -> bool {
    JAVA_KEYWORDS.contains(&name)
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

const GO_KEYWORDS: &[&str] = &[
    "break",
    "case",
    "chan",
    "const",
    "continue",
    "default",
    "defer",
    "else",
    "fallthrough",
    "for",
    "func",
    "go",
    "goto",
    "if",
    "import",
    "interface",
    "map",
    "package",
    "range",
    "return",
    "select",
    "struct",
    "switch",
    "type",
    "var",
];

const GO_PREDECLARED: &[&str] = &[
    "any",
    "bool",
    "byte",
    "comparable",
    "complex64",
    "complex128",
    "error",
    "float32",
    "float64",
    "int",
    "int8",
    "int16",
    "int32",
    "int64",
    "rune",
    "string",
    "uint",
    "uint8",
    "uint16",
    "uint32",
    "uint64",
    "uintptr",
    "true",
    "false",
    "iota",
    "nil",
    "append",
    "cap",
    "clear",
    "close",
    "complex",
    "copy",
    "delete",
    "imag",
    "len",
    "make",
    "max",
    "min",
    "new",
    "panic",
    "print",
    "println",
    "real",
    "recover",
];

/// Package-level names the Go unit defines.
const GO_GENERATED: &[&str] = &["FromCode", "Parse"];

/// golint's common initialisms.
const GO_INITIALISMS: &[&str] = &[
    "ACL", "API", "ASCII", "CPU", "CSS", "DNS", "EOF", "GUID", "HTML", "HTTP", "HTTPS", "ID", "IP",
    "JSON", "LHS", "QPS", "RAM", "RHS", "RPC", "SLA", "SMTP", "SQL", "SSH", "TCP", "TLS", "TTL",
    "UDP", "UI", "UID", "UUID", "URI", "URL", "UTF8", "VM", "XML", "XMPP", "XSRF", "XSS",
];

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(code: &str, message: Option<&str>, summary: Option<&str>) -> Entry {
        Entry {
            code: code.into(),
            http_status: None,
            category: None,
            subcategory: None,
            message: message.map(Into::into),
            description: None,
            fix: None,
            summary_en: summary.map(Into::into),
            ..Entry::default()
        }
    }

    fn vendor(id: &str) -> Vendor {
        Vendor {
            id: id.into(),
            name: id.to_uppercase(),
            aliases: vec![],
            homepage: None,
            language: None,
            ..Vendor::default()
        }
    }

    fn name(lang: Lang, e: &Entry) -> String {
        let v = vendor("pixnet");
        assign(
            lang,
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
        assert_eq!(go_package(&vendor("tencent-im")), "tencentim");
        assert_eq!(go_package(&vendor("go")), "gocodes");
    }

    #[test]
    fn short_ascii_messages_win() {
        let e = entry(
            "1000",
            Some("Invalid / expired Token"),
            Some("The access token is invalid."),
        );
        assert_eq!(name(Lang::Rust, &e), "InvalidExpiredToken");
        assert_eq!(name(Lang::Typescript, &e), "InvalidExpiredToken");
        assert_eq!(name(Lang::Python, &e), "INVALID_EXPIRED_TOKEN");
        assert_eq!(name(Lang::Java, &e), "INVALID_EXPIRED_TOKEN");
        assert_eq!(name(Lang::Go, &e), "PixnetInvalidExpiredToken");
        let e = entry("2101", Some("Article is not found"), None);
        assert_eq!(name(Lang::Rust, &e), "ArticleNotFound");
        let e = entry(
            "1204",
            Some("Redirect URI isn't match configuration."),
            None,
        );
        assert_eq!(name(Lang::Rust, &e), "RedirectUriIsntMatchConfiguration");
        let e = entry("4216", Some("Invalid %s format"), None);
        assert_eq!(name(Lang::Rust, &e), "InvalidFormat");
        let e = entry("5500", Some("Error, Param email is invalid."), None);
        assert_eq!(name(Lang::Rust, &e), "ParamEmailInvalid");
    }

    #[test]
    fn chinese_and_long_messages_use_the_summary() {
        let e = entry(
            "1001",
            Some("錯誤：此APIkey已被停權"),
            Some("This API key has been suspended; contact PIXNET."),
        );
        assert_eq!(name(Lang::Rust, &e), "ApiKeySuspended");
        assert_eq!(name(Lang::Go, &e), "PixnetAPIKeySuspended");
        let e = entry(
            "2201",
            Some("相簿元素"),
            Some("Album element (photo or video) not found."),
        );
        assert_eq!(name(Lang::Rust, &e), "AlbumElementNotFound");
        let e = entry(
            "100001",
            Some("系统错误，请联系客服。"),
            Some("System error; contact customer support."),
        );
        assert_eq!(name(Lang::Rust, &e), "SystemError");
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
            assign(Lang::Rust, &v, &[("5", words(&EntryFields::of(&e), &v))]).remove(0)
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
        let e = entry("9", Some("404 not found"), None);
        assert_eq!(name(Lang::Rust, &e), "Code404NotFound");
        assert_eq!(name(Lang::Java, &e), "CODE_404_NOT_FOUND");
        let e = entry("9", Some("20 tags at most"), None);
        assert_eq!(name(Lang::Python, &e), "CODE_20_TAGS_MOST");
    }

    #[test]
    fn keywords_and_generated_names_are_avoided() {
        let e = entry("7", Some("Self"), None);
        assert_eq!(name(Lang::Rust, &e), "Self7");
        assert_eq!(name(Lang::Typescript, &e), "Self");
        let e = entry("8", Some("None"), None);
        assert_eq!(name(Lang::Rust, &e), "None8");
        let e = entry("9", Some("NaN"), None);
        assert_eq!(name(Lang::Typescript, &e), "NaN9");
        // The type's own name is never a variant.
        let v = vendor("pixnet");
        assert_eq!(
            assign(Lang::Go, &v, &[("10", vec!["error".into()])]),
            ["PixnetError10"]
        );
        for lang in Lang::ALL {
            for kw in reserved(lang) {
                assert!(is_reserved(lang, "X", kw));
            }
        }
        assert!(is_reserved(Lang::Go, "X", "FromCode"));
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
            assign(Lang::Rust, &v, &items),
            [
                "AlbumNotFound",
                "AlbumNotFound2203",
                "AlbumNotFound2",
                "AlbumNotFound2203X"
            ]
        );
        assert_eq!(
            assign(Lang::Java, &v, &items),
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
