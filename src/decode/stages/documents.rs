//! The documents stage: JSON-ish documents in the paste (and JSON escaped in strings, and JSON
//! in strings of JSON), every object examined top down (`Decoder::examine`, in `envelopes`).

use crate::decode::extract::{self, Docs, Found};
use crate::decode::lenient::Value;
use crate::decode::paste::Paste;
use crate::decode::run::Run;
use crate::decode::{MAX_ERRORS, envelope, http_bodies, rpc_details};
use std::ops::Range;

/// JSON inside a string inside JSON is decoded this many levels deep.
pub(super) const MAX_LEVEL: u8 = 3;

impl Run<'_> {
    /// Decodes the paste's documents; returns the ranges of those that held objects or errors.
    pub(in crate::decode) fn documents(&mut self, paste: &Paste) -> Vec<Range<usize>> {
        self.scan(paste.text(), &paste.statuses, "", None, 0, None)
    }

    /// Decodes the documents in `text`, whose status lines are `statuses`. `prefix` is the path of the string `text` came from
    /// (empty at the top); `anchor` the top-level offset errors sort by (the document's own
    /// offset at the top). Returns the ranges of documents that held objects or errors.
    fn scan(
        &mut self,
        text: &str,
        statuses: &[(usize, u16)],
        prefix: &str,
        status: Option<u16>,
        level: u8,
        anchor: Option<usize>,
    ) -> Vec<Range<usize>> {
        let mut next_status = 0;
        let mut status = status;
        let mut ranges = Vec::new();
        for found in Docs::new(text) {
            if self.full_at.is_some() {
                break;
            }
            let start = match &found {
                Found::Doc { start, .. } | Found::Escaped { start, .. } => *start,
            };
            while next_status < statuses.len() && statuses[next_status].0 < start {
                status = Some(statuses[next_status].1);
                next_status += 1;
            }
            let at = anchor.unwrap_or(start);
            let before = self.placed.len();
            match found {
                Found::Doc { start, parsed } => {
                    self.too_deep |= parsed.too_deep;
                    let root = if prefix.is_empty() { "$" } else { prefix };
                    let span = if anchor.is_some() {
                        at..at + 1
                    } else {
                        start..parsed.end
                    };
                    self.walk(&parsed.value, root.to_string(), status, level, at, span);
                    if parsed.value.has_object() || self.placed.len() > before {
                        ranges.push(start..parsed.end);
                    }
                    if level == 0 && parsed.complete && parsed.value.has_object() {
                        self.whole_docs.push(start..parsed.end);
                    }
                    if level == 0
                        && !parsed.complete
                        && parsed.end >= text.len()
                        && self.placed.len() > before
                    {
                        self.cut_off = true;
                    }
                }
                Found::Escaped { start, end, text } => {
                    if level < MAX_LEVEL {
                        let statuses = extract::status_lines(&text);
                        self.scan(&text, &statuses, prefix, status, level + 1, Some(at));
                    }
                    if self.placed.len() > before {
                        ranges.push(start..end);
                    }
                }
            }
        }
        ranges
    }

    /// Examines every object of a document, top down, without recursion. An object's own
    /// status (`"status": 403`, as HAR's responses hold) goes down to what it holds.
    pub(super) fn walk(
        &mut self,
        root: &Value,
        root_path: String,
        status: Option<u16>,
        level: u8,
        at: usize,
        span: Range<usize>,
    ) {
        let worth = |v: &Value| match v {
            Value::Obj(_) | Value::Arr(_) => true,
            Value::Str(s) => level < MAX_LEVEL && s.contains('{'),
            _ => false,
        };
        let mut stack: Vec<(&Value, String, Option<u16>)> = vec![(root, root_path, status)];
        while let Some((v, path, status)) = stack.pop() {
            if self.full_at.is_some() {
                return;
            }
            match v {
                Value::Obj(members) => {
                    if rpc_details::is_detail(v) {
                        if self.loose_details.len() < MAX_ERRORS {
                            self.loose_details.push((at, http_bodies::to_json(v)));
                        }
                        continue;
                    }
                    if let Some(errors) = self.decoder.examine(v, &path, status) {
                        self.push(at, span.clone(), errors);
                        continue;
                    }
                    let status = status.or_else(|| envelope::status_in(v));
                    for (k, child) in members.iter().rev() {
                        if worth(child) {
                            stack.push((child, join_key(&path, k), status));
                        }
                    }
                }
                Value::Arr(items) => {
                    for (i, child) in items.iter().enumerate().rev() {
                        if worth(child) {
                            stack.push((child, format!("{path}[{i}]"), status));
                        }
                    }
                }
                Value::Str(s) => {
                    let statuses = extract::status_lines(s);
                    self.scan(s, &statuses, &path, status, level + 1, Some(at));
                }
                _ => {}
            }
        }
    }
}

/// `$.key`, or `$["odd key"]` when the key is not an identifier.
pub(in crate::decode) fn join_key(path: &str, key: &str) -> String {
    // Keys are cut to 64 chars so hostile documents cannot make paths quadratic.
    let key = match key.char_indices().nth(64) {
        Some((cut, _)) => &key[..cut],
        None => key,
    };
    let ident = !key.is_empty()
        && !key.starts_with(|c: char| c.is_ascii_digit())
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$' || c == '-');
    if ident {
        format!("{path}.{key}")
    } else {
        format!(
            "{path}[{}]",
            serde_json::to_string(key).unwrap_or_else(|_| "\"?\"".into())
        )
    }
}

/// Joins keys from [`envelope::resolve`] (array indexes come as `[i]`).
pub(in crate::decode) fn join_keys(path: &str, keys: &[String]) -> String {
    let mut p = path.to_string();
    for k in keys {
        if k.starts_with('[')
            && k.ends_with(']')
            && k[1..k.len() - 1].bytes().all(|b| b.is_ascii_digit())
        {
            p.push_str(k);
        } else {
            p = join_key(&p, k);
        }
    }
    p
}
