//! The catalog data model: one file per (vendor, edition), exactly as DESIGN.md describes it.
//!
//! Field values are data: codes, statuses and messages are kept byte for byte as the vendor's
//! documentation has them, and a field the source is silent on is `None` (serialised as `null`).

use serde::{Deserialize, Deserializer, Serialize};
use std::fmt;

/// The schema version this build reads and writes.
pub const SCHEMA_VERSION: u32 = 1;

/// One catalog file: a vendor, one edition of its error table, its error envelope and the rows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
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

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
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
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
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
}

/// How a vendor's error bodies look, so the decoder recognises them from data, not code.
/// Paths are dotted (`errResponse.code`); keys are matched case-insensitively.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
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
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub http_status: Option<u16>,
    /// Other paths typical of this envelope; their presence helps recognise the vendor.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub extra: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Flag {
    pub path: String,
    /// `"false"`, `"true"`, `"nonzero"`, or a literal value such as `"FAIL"` (case-insensitive).
    pub error_when: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
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
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    #[serde(deserialize_with = "code_from_string_or_number")]
    pub code: String,
    #[serde(default)]
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
}

impl Entry {
    /// The best one-line text for tables: the message, else the summary, else the description.
    pub fn headline(&self) -> String {
        if let Some(m) = self.message.as_deref().filter(|m| !m.is_empty()) {
            return m.to_string();
        }
        if let Some(s) = self.summary_en.as_deref().filter(|s| !s.is_empty()) {
            return s.to_string();
        }
        self.description
            .as_ref()
            .map(|d| d.to_string())
            .unwrap_or_default()
    }
}

/// A text field that is either one string or a list of strings (MantaGO's `<ol>` cells).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
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

/// Hand-written catalogs often give numeric codes as numbers; keep their digits as written.
fn code_from_string_or_number<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Code {
        S(String),
        N(serde_json::Number),
    }
    match Code::deserialize(d)? {
        Code::S(s) => Ok(s),
        Code::N(n) => Ok(n.to_string()),
    }
}
