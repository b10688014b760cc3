//! What decoding gives: a [`Report`] of the errors found in a paste ([`FoundError`]), each
//! saying how it was identified ([`Confidence`]).

use super::RetryAfter;
use crate::index::RowId;
use serde::Serialize;

/// What a paste decoded to.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Report {
    pub errors: Vec<FoundError>,
    /// Why the paste was refused, or what was left out (too many errors, too deep).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notice: Option<String>,
}

/// How an error was identified, strongest first. Only the first five identify an entry
/// ([`Confidence::identified`]); the others offer suggestions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Confidence {
    /// The vendor's envelope, its code and its message agree.
    EnvelopeCodeMessage,
    /// The vendor's envelope and its code (no message, or another one).
    EnvelopeCode,
    /// The vendor's envelope, no code, and a message naming one of its entries.
    EnvelopeMessage,
    /// No envelope, but the code and a message naming exactly that entry agree.
    CodeMessage,
    /// A message naming exactly one entry.
    MessageOnly,
    /// The vendor's envelope, one few APIs share, and its code; the message shares nothing
    /// with the entry of that code.
    EnvelopeCodeMessageDiffers,
    /// A message naming several entries equally: they are the suggestions.
    Ambiguous,
    /// A vendor's envelope that many APIs share, and a code, but a message that shares
    /// nothing with the entry of that code: most likely another API's error. The entry is a
    /// suggestion.
    Contradicted,
    /// A code some catalog has, without its vendor's envelope: suggestions only.
    CodeOnly,
    /// The vendor's envelope (or none) with a code no catalog has.
    NotInCatalog,
}

impl Confidence {
    /// Whether the error was identified as an entry (an answer, not a suggestion).
    pub fn identified(self) -> bool {
        matches!(
            self,
            Confidence::EnvelopeCodeMessage
                | Confidence::EnvelopeCode
                | Confidence::EnvelopeMessage
                | Confidence::CodeMessage
                | Confidence::MessageOnly
                | Confidence::EnvelopeCodeMessageDiffers
        )
    }

    /// How it was identified, in words.
    pub fn describe(self) -> &'static str {
        match self {
            Confidence::EnvelopeCodeMessage => "envelope + code + message agree",
            Confidence::EnvelopeCode => "envelope + code",
            Confidence::EnvelopeMessage => "envelope + message",
            Confidence::CodeMessage => "code + message agree (no envelope)",
            Confidence::MessageOnly => "message only",
            Confidence::EnvelopeCodeMessageDiffers => {
                "envelope + code; the message differs from the catalog's"
            }
            Confidence::Ambiguous => "ambiguous: the message fits several entries",
            Confidence::Contradicted => {
                "not claimed: the vendor's shape, but the message contradicts its code"
            }
            Confidence::CodeOnly => "code only (not this vendor's envelope): suggestions",
            Confidence::NotInCatalog => "not in catalog",
        }
    }
}

/// One error found in the paste.
#[derive(Debug, Clone, Serialize)]
pub struct FoundError {
    /// The code as written (`"0000"`, `"1302"`, `"field_is_required"`); `None` for a bare
    /// message line or an error with a message only.
    pub code: Option<String>,
    pub message: Option<String>,
    /// From the HTTP status line before the body, else a `status` key of the object.
    pub http_status: Option<u16>,
    /// Vendor (or family) id, named only on evidence; `None` when unknown or ambiguous.
    pub vendor: Option<String>,
    /// Where it was found: a JSON path (`$.errResponse`, `$[1].validation_failed_responses[0]`;
    /// JSON inside a string continues the string's path), or `line N`.
    pub path: String,
    /// The field an item is about (Guo-Guo's `property_name`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    pub confidence: Confidence,
    /// The keys and text that decided (`error: 1`, `code: 1302`, `HTTP/1.1 403 Forbidden`).
    pub evidence: Vec<String>,
    /// What the reader should know beside the answer: that the message differs from the
    /// catalog's, or what the entry a body is shaped like says instead.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// When to try again, from the response's `Retry-After` or rate-limit reset header.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub retry_after: Option<RetryAfter>,
    /// `google.rpc.Status` error details (`ErrorInfo`, `BadRequest`, ...) in Google's JSON form,
    /// from the body or a `grpc-status-details-bin` trailer.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub details: Vec<serde_json::Value>,
    /// Catalog entries for this error, best first (rows of the index's default view); empty
    /// unless it was identified.
    #[serde(skip)]
    pub match_rows: Vec<RowId>,
    /// Near entries, offered when nothing was identified.
    #[serde(skip)]
    pub suggestion_rows: Vec<RowId>,
}

impl FoundError {
    /// An error found at `path`, identified with `confidence`, and nothing else known yet: a
    /// stage sets what it knows over it (`FoundError { code, ..FoundError::new(path, c) }`).
    pub(super) fn new(path: String, confidence: Confidence) -> FoundError {
        FoundError {
            code: None,
            message: None,
            http_status: None,
            vendor: None,
            path,
            field: None,
            confidence,
            evidence: Vec::new(),
            note: None,
            retry_after: None,
            details: Vec::new(),
            match_rows: Vec::new(),
            suggestion_rows: Vec::new(),
        }
    }
}

impl Report {
    /// Whether any error was identified as a catalog entry.
    pub fn matched(&self) -> bool {
        self.errors.iter().any(|e| !e.match_rows.is_empty())
    }
}

/// At most 80 characters of a text, for evidence.
pub(super) fn short(t: &str) -> String {
    let t = t.trim();
    match t.char_indices().nth(80) {
        Some((cut, _)) => format!("{}…", &t[..cut]),
        None => t.to_string(),
    }
}
