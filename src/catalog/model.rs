//! The catalog data model: one file per (vendor, edition), exactly as DESIGN.md describes it.
//!
//! Field values are data: codes, statuses and messages are kept byte for byte as the vendor's
//! documentation has them, and a field the source is silent on is `None` (serialised as `null`).

use super::kind::{Kind, Retry};
use serde::{Deserialize, Deserializer, Serialize};
use std::fmt;

/// The schema version this build reads and writes.
pub const SCHEMA_VERSION: u32 = 1;

/// One catalog file: a vendor, one edition of its error table, its error envelope and the rows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(
    deny_unknown_fields,
    expecting = "a catalog object ({\"schema\": 1, \"vendor\": ..., ...})"
)]
pub struct Catalog {
    /// Editors' JSON Schema reference (`"$schema": "schema.json"`); ignored by errdex.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub json_schema: Option<String>,
    pub schema: u32,
    pub vendor: Vendor,
    pub edition: Edition,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub envelope: Option<Envelope>,
    pub entries: Vec<Entry>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(
    deny_unknown_fields,
    expecting = "a vendor object ({\"id\", \"name\", ...})"
)]
pub struct Vendor {
    /// Stable lower-case id used on the command line (`pixnet`, `tencent-im`).
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub homepage: Option<String>,
    /// BCP 47 tag of the source's language (`zh-TW`).
    #[serde(default)]
    pub language: Option<String>,
    /// One company's API, or an error family many programs share.
    #[serde(
        rename = "type",
        default,
        skip_serializing_if = "VendorType::is_vendor"
    )]
    pub vendor_type: VendorType,
    /// The heading the explorer's sidebar lists the catalog under (`Databases`); without one,
    /// `Vendors` or `Standards` by its type.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
}

impl Vendor {
    /// Whether `id` may name a vendor: lower-case ASCII letters, digits, `-`, `_` and `.`,
    /// starting with a letter or digit. Ids are typed on command lines and offered by shell
    /// completion, so nothing a shell treats specially (spaces, `;`, `$`, quotes, globs,
    /// controls) may be in one.
    pub fn is_valid_id(id: &str) -> bool {
        id.chars()
            .next()
            .is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
            && id.chars().all(|c| {
                c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '-' | '_' | '.')
            })
    }
}

/// Whether a catalog is one company's API or a standard error family (HTTP, errno, ...).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VendorType {
    #[default]
    Vendor,
    Standard,
}

impl VendorType {
    fn is_vendor(&self) -> bool {
        *self == VendorType::Vendor
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, expecting = "an edition object ({\"id\", ...})")]
pub struct Edition {
    pub id: String,
    #[serde(default)]
    pub title: Option<String>,
    /// ISO date of the edition where the source gives one.
    #[serde(default)]
    pub date: Option<String>,
    #[serde(default)]
    pub source: Option<String>,
    /// The edition this one replaces; how "newest" is decided when dates are missing.
    #[serde(default)]
    pub supersedes: Option<String>,
    /// Facts about this edition's data (counts, quirks, entries without a kind and why).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
}

/// How a vendor's error bodies look, so the decoder recognises them from data, not code.
/// Paths are dotted (`errResponse.code`); keys are matched case-insensitively.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(
    deny_unknown_fields,
    expecting = "an envelope object ({\"code\", ...})"
)]
pub struct Envelope {
    pub code: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// A field that says "this is an error" (`success: false`, `ActionStatus: "FAIL"`, `error: 1`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub flag: Option<Flag>,
    /// An array of nested errors (Guo-Guo's `validation_failed_responses`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub items: Option<Items>,
    /// The HTTP status the vendor answers API errors with, when it is always the same (Tencent: 200).
    #[serde(
        default,
        deserialize_with = "http_status",
        skip_serializing_if = "Option::is_none"
    )]
    pub http_status: Option<u16>,
    /// Other paths typical of this envelope; their presence helps recognise the vendor.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub extra: Vec<String>,
    /// What a body must show for the decoder to name this vendor: alternatives, each a list of
    /// signals that must all be there (`"flag"` saying error, `"code"`, `"message"`,
    /// `"items"`, or a dotted path present, e.g. `"errResponse"`). Empty: `[["flag", "code"],
    /// ["flag", "message"]]` with a flag, else `[["code"]]` when the code's path is nested or
    /// its key uncommon, else none (only a message naming one entry identifies it).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<Vec<String>>,
    /// Whether a body of this shape is this vendor's even when its message is another: true for
    /// a shape few APIs share (`errResponse`, `ActionStatus`), false for keys many APIs use
    /// (`error`, `code`, `message`). On a shape that is not distinctive, a message that shares
    /// nothing with its code's entry stops the claim. Absent: true when the code's path is
    /// nested or its key uncommon.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub distinctive: Option<bool>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(
    deny_unknown_fields,
    expecting = "a flag object ({\"path\", \"error_when\"})"
)]
pub struct Flag {
    pub path: String,
    /// `"false"`, `"true"`, `"nonzero"`, or a literal value such as `"FAIL"` (case-insensitive).
    pub error_when: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(
    deny_unknown_fields,
    expecting = "an items object ({\"path\", \"code\", ...})"
)]
pub struct Items {
    pub path: String,
    pub code: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// The key naming the field an item is about (`property_name`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
}

/// One row of a vendor's error table.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, expecting = "an entry object ({\"code\", ...})")]
pub struct Entry {
    #[serde(deserialize_with = "code_from_string_or_number")]
    pub code: String,
    /// The name programs use for the code (`ENOENT`, `NOT_FOUND`, `unique_violation`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub symbol: Option<String>,
    /// Other names of the same code (`EWOULDBLOCK` for `EAGAIN`, a runtime's spelling).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// Codes of other catalogs that mean the same, as the source states (gRPC → HTTP).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub maps_to: Vec<CodeRef>,
    #[serde(default, deserialize_with = "http_status")]
    pub http_status: Option<u16>,
    #[serde(default)]
    pub category: Option<String>,
    #[serde(default)]
    pub subcategory: Option<String>,
    /// The exact text the API returns, `%s` placeholders kept.
    #[serde(default)]
    pub message: Option<String>,
    /// The source's explanation; a list where the source has a list.
    #[serde(default)]
    pub description: Option<Text>,
    #[serde(default)]
    pub fix: Option<Text>,
    /// A short English summary written for this project.
    #[serde(default)]
    pub summary_en: Option<String>,
    /// English words a developer would search with that the summary and message do not carry
    /// (written for this project; search finds the entry by them, ranked below its own text).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub keywords: Vec<String>,
    /// What kind of problem it is (see `catalogs/kinds.json`); `None` where the source gives
    /// nothing to judge by.
    #[serde(default)]
    pub kind: Option<Kind>,
    /// Whether and how to retry; `None` where it does not apply.
    #[serde(default)]
    pub retry: Option<Retry>,
    /// The source marks the code obsolete, unused or no longer returned.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub obsolete: bool,
}

/// A code of another catalog.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(
    deny_unknown_fields,
    expecting = "a code of a catalog ({\"vendor\", \"code\"})"
)]
pub struct CodeRef {
    pub vendor: String,
    pub code: String,
}

impl Entry {
    /// The best one-line text for tables: the message, else the symbol, else the summary, else the
    /// description.
    pub fn headline(&self) -> String {
        EntryFields::of(self).headline()
    }
}

/// A text field that is either one string or a list of strings (MantaGO's `<ol>` cells).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged, expecting = "a string or a list of strings")]
pub enum Text {
    One(String),
    List(Vec<String>),
}

impl Text {
    pub fn items(&self) -> Vec<&str> {
        match self {
            Text::One(s) => vec![s.as_str()],
            Text::List(items) => items.iter().map(String::as_str).collect(),
        }
    }
}

impl fmt::Display for Text {
    /// Lists are shown on one line, items separated by "; ".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Text::One(s) => f.write_str(s),
            Text::List(items) => f.write_str(&items.join("; ")),
        }
    }
}

/// An HTTP status: a whole number (its range is checked after parsing, where it can be located).
fn http_status<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u16>, D::Error> {
    struct Status;
    impl<'de> serde::de::Visitor<'de> for Status {
        type Value = Option<u16>;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("an HTTP status number (100-599)")
        }

        fn visit_none<E>(self) -> Result<Self::Value, E> {
            Ok(None)
        }

        fn visit_unit<E>(self) -> Result<Self::Value, E> {
            Ok(None)
        }

        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            d.deserialize_u64(self)
        }

        fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Self::Value, E> {
            u16::try_from(v)
                .map(Some)
                .map_err(|_| E::invalid_value(serde::de::Unexpected::Unsigned(v), &self))
        }
    }
    d.deserialize_option(Status)
}

/// Hand-written catalogs often give numeric codes as numbers; keep their digits as written.
fn code_from_string_or_number<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged, expecting = "a string or a number")]
    enum Code {
        S(String),
        N(serde_json::Number),
    }
    match Code::deserialize(d)? {
        Code::S(s) => Ok(s),
        Code::N(n) => Ok(n.to_string()),
    }
}

/// The fields of one entry, borrowed from the text they were read from: what the loader hands
/// to [`super::Rows::push`], so a million entries never exist as [`Entry`] values at once.
#[derive(Debug, Clone, Default)]
pub struct EntryFields<'a> {
    pub code: &'a str,
    pub symbol: Option<&'a str>,
    pub aliases: Vec<&'a str>,
    /// (vendor, code) of each [`CodeRef`].
    pub maps_to: Vec<(&'a str, &'a str)>,
    pub http_status: Option<u16>,
    pub category: Option<&'a str>,
    pub subcategory: Option<&'a str>,
    pub message: Option<&'a str>,
    pub description: Option<TextRef<'a>>,
    pub fix: Option<TextRef<'a>>,
    pub summary_en: Option<&'a str>,
    pub keywords: Vec<&'a str>,
    pub kind: Option<Kind>,
    pub retry: Option<Retry>,
    pub obsolete: bool,
}

/// [`Text`], borrowed.
#[derive(Debug, Clone)]
pub enum TextRef<'a> {
    One(&'a str),
    List(Vec<&'a str>),
}

impl fmt::Display for TextRef<'_> {
    /// As [`Text`] shows: list items separated by "; ".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TextRef::One(s) => f.write_str(s),
            TextRef::List(items) => f.write_str(&items.join("; ")),
        }
    }
}

impl<'a> TextRef<'a> {
    pub fn of(t: &'a Text) -> TextRef<'a> {
        match t {
            Text::One(s) => TextRef::One(s),
            Text::List(items) => TextRef::List(items.iter().map(String::as_str).collect()),
        }
    }

    pub fn to_text(&self) -> Text {
        match self {
            TextRef::One(s) => Text::One(s.to_string()),
            TextRef::List(items) => Text::List(items.iter().map(|s| s.to_string()).collect()),
        }
    }
}

impl<'a> EntryFields<'a> {
    pub fn of(e: &'a Entry) -> EntryFields<'a> {
        EntryFields {
            code: &e.code,
            symbol: e.symbol.as_deref(),
            aliases: e.aliases.iter().map(String::as_str).collect(),
            maps_to: e
                .maps_to
                .iter()
                .map(|m| (m.vendor.as_str(), m.code.as_str()))
                .collect(),
            http_status: e.http_status,
            category: e.category.as_deref(),
            subcategory: e.subcategory.as_deref(),
            message: e.message.as_deref(),
            description: e.description.as_ref().map(TextRef::of),
            fix: e.fix.as_ref().map(TextRef::of),
            summary_en: e.summary_en.as_deref(),
            keywords: e.keywords.iter().map(String::as_str).collect(),
            kind: e.kind,
            retry: e.retry,
            obsolete: e.obsolete,
        }
    }

    /// The best one-line text for tables: the message, else the symbol, else the summary, else
    /// the description.
    pub fn headline(&self) -> String {
        [self.message, self.symbol, self.summary_en]
            .into_iter()
            .flatten()
            .find(|s| !s.is_empty())
            .map(str::to_string)
            .or_else(|| self.description.as_ref().map(|d| d.to_string()))
            .unwrap_or_default()
    }

    pub fn to_entry(&self) -> Entry {
        let owned = |s: Option<&str>| s.map(str::to_string);
        Entry {
            code: self.code.to_string(),
            symbol: owned(self.symbol),
            aliases: self.aliases.iter().map(|s| s.to_string()).collect(),
            maps_to: self
                .maps_to
                .iter()
                .map(|&(vendor, code)| CodeRef {
                    vendor: vendor.to_string(),
                    code: code.to_string(),
                })
                .collect(),
            http_status: self.http_status,
            category: owned(self.category),
            subcategory: owned(self.subcategory),
            message: owned(self.message),
            description: self.description.as_ref().map(TextRef::to_text),
            fix: self.fix.as_ref().map(TextRef::to_text),
            summary_en: owned(self.summary_en),
            keywords: self.keywords.iter().map(|s| s.to_string()).collect(),
            kind: self.kind,
            retry: self.retry,
            obsolete: self.obsolete,
        }
    }
}
