//! Logs and plain text: the errors the decoder identifies on a line (a body printed over
//! several lines is decoded whole, from the line that opens it), located in the line by their
//! code, else their message, so that a hover or hint sits on what it explains.

use super::catalogs::Catalogs;
use super::document::Document;
use super::resolve::{Basis, Group, Resolved};
use crate::decode::{Confidence, Decoder, FoundError};
use std::ops::Range;

/// A body is looked for at most this many lines above.
const MAX_BODY_LINES: usize = 60;

/// Whether a document is read as a log or plain text (by its language id, else its extension).
pub fn is_log(doc: &Document) -> bool {
    matches!(
        doc.language.as_str(),
        "log" | "text" | "plaintext" | "txt" | "messages" | "output"
    ) || (matches!(doc.language.as_str(), "" | "unknown")
        && matches!(doc.extension.as_str(), "log" | "txt" | "out" | "err" | ""))
        || matches!(doc.extension.as_str(), "log")
}

/// An error on a line, and where in the line it is.
pub struct LineError {
    pub span: Range<usize>,
    pub resolved: Resolved,
}

/// The errors identified on line `n`.
pub fn errors(doc: &Document, n: usize, catalogs: &Catalogs, decoder: &Decoder) -> Vec<LineError> {
    let line = doc.line(n);
    let mut found = from_text(line, line, catalogs, decoder);
    if found.is_empty()
        && let Some(body) = body_around(doc, n)
    {
        found = from_text(&body, line, catalogs, decoder);
    }
    found
}

fn from_text(text: &str, line: &str, catalogs: &Catalogs, decoder: &Decoder) -> Vec<LineError> {
    let mut out = Vec::new();
    for e in decoder.decode(text).errors {
        if !e.confidence.identified() || e.match_rows.is_empty() {
            continue;
        }
        let Some(span) = locate(line, &e, catalogs) else {
            continue;
        };
        let mut groups: Vec<Group> = Vec::new();
        for &r in &e.match_rows {
            let v = catalogs.index.row_vendor(r);
            match groups.iter_mut().find(|g| g.vendor == v) {
                Some(g) => g.rows.push(r),
                None => groups.push(Group {
                    vendor: v,
                    rows: vec![r],
                }),
            }
        }
        let code = catalogs.index.code(e.match_rows[0]).to_string();
        let mut how = e.confidence.describe().to_string();
        if !e.evidence.is_empty() && e.confidence != Confidence::MessageOnly {
            how.push_str(&format!(" ({})", e.evidence.join("; ")));
        }
        out.push(LineError {
            resolved: Resolved {
                written: line[span.clone()].to_string(),
                code,
                groups,
                basis: Basis::Decoded(how),
                context: "in this log line".into(),
                in_arm: false,
            },
            span,
        });
    }
    out
}

/// Where in the line the error is: its code as written, else the entry's code or names
/// (gRPC's `Unavailable` for code 14), as a whole word in any case; else its message.
fn locate(line: &str, e: &FoundError, catalogs: &Catalogs) -> Option<Range<usize>> {
    let mut words: Vec<String> = e.code.iter().cloned().collect();
    if let Some(&row) = e.match_rows.first() {
        let (table, i) = catalogs.index.locate(row);
        words.push(table.code(i).to_string());
        words.extend(table.names(i).map(str::to_string));
    }
    let lower = line.to_ascii_lowercase();
    let bytes = lower.as_bytes();
    let word = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    for w in words.iter().filter(|w| !w.is_empty()) {
        let w = w.to_ascii_lowercase();
        for at in memchr::memmem::find_iter(bytes, w.as_bytes()) {
            let end = at + w.len();
            let before = at.checked_sub(1).map(|p| bytes[p]);
            if before.is_none_or(|b| !word(b)) && bytes.get(end).is_none_or(|&b| !word(b)) {
                return Some(at..end);
            }
        }
    }
    if let Some(m) = e.message.as_deref().filter(|m| m.len() >= 4)
        && let Some(at) = line.find(m)
    {
        return Some(at..at + m.len());
    }
    None
}

/// A body printed over several lines that holds line `n`: from a line above ending with `{`
/// (or `[`) to the line where its brackets close.
fn body_around(doc: &Document, n: usize) -> Option<String> {
    let opens = |l: &str| l.trim_end().ends_with(['{', '[']);
    let start = (n.saturating_sub(MAX_BODY_LINES)..=n)
        .rev()
        .find(|&k| opens(doc.line(k)) && (k == n || depth(doc.line(k)) > 0))?;
    let mut text = String::new();
    let mut level = 0i64;
    for k in start..doc.line_count().min(start + 2 * MAX_BODY_LINES) {
        let l = doc.line(k);
        text.push_str(l);
        text.push('\n');
        level += depth(l);
        if level <= 0 {
            return (k >= n).then_some(text);
        }
    }
    None
}

/// Brackets opened minus closed outside strings.
fn depth(line: &str) -> i64 {
    let mut d = 0;
    let mut quote = false;
    let mut escaped = false;
    for c in line.chars() {
        if quote {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => quote = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => quote = true,
            '{' | '[' => d += 1,
            '}' | ']' => d -= 1,
            _ => {}
        }
    }
    d
}
