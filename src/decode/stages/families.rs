//! The families stage: the standard families' printouts ([`families::find`]), their messages
//! printed after a `: `, and the entries they link to.

use crate::decode::families;
use crate::decode::paste::Paste;
use crate::decode::report::{Confidence, FoundError, short};
use crate::decode::run::Run;
use crate::decode::{Decoder, wrap};
use crate::index::messages::tokenize;
use crate::index::{Field, RowId};

impl Run<'_> {
    /// The standard families' printouts in the text: one error for each (none for one that
    /// reports success), then the errors it links to, the same code printed again close by (a
    /// stack trace, a printed error object) counted once.
    pub(in crate::decode) fn families(&mut self, paste: &Paste) {
        let (d, text) = (self.decoder, paste.text());
        let mut hits = families::find(text);
        hits.extend(d.printed_messages(text));
        hits.extend(families::find_messages(text));

        hits.sort_by_key(|h| (h.start, h.end));
        // Where each (family, code) was last kept: the hits come in order, so the last is the
        // one a repeat would be close to.
        let mut kept: std::collections::HashMap<(String, String), usize> =
            std::collections::HashMap::new();
        let mut pending: Vec<families::Hit> = hits.into_iter().rev().collect();
        while let Some(hit) = pending.pop() {
            if self.full_at.is_some() {
                break;
            }
            let Some(e) = d.family_error(paste, &hit) else {
                continue;
            };
            if d.means_success(&hit, &e) {
                continue;
            }
            pending.extend(d.linked(&hit, &e).into_iter().rev());
            let key = (
                e.vendor.clone().unwrap_or_default(),
                e.code.clone().unwrap_or_default(),
            );
            if kept.get(&key).is_some_and(|&at| hit.start < at + 2000) {
                continue;
            }
            kept.insert(key, hit.start);
            self.push(hit.start, hit.start..hit.end, vec![e]);
        }
    }
}

impl Decoder<'_> {
    /// The error `hit` printed, when its family's catalog is loaded and has it (or `hit` gives a
    /// code the catalog lacks).
    fn family_error(&self, paste: &Paste, hit: &families::Hit) -> Option<FoundError> {
        let text = paste.text();
        let v = self.family(hit.family)?;
        let in_family = |mut rows: Vec<RowId>| {
            rows.retain(|&r| self.index.row_vendor(r) == v);
            rows
        };
        let (rows, by_message) = match &hit.key {
            families::Key::Code(c) => (in_family(self.index.by_code(c)), false),
            families::Key::Name(n) => (self.index.by_name(v, n), false),
            families::Key::Message(m) => (self.by_printed_message(v, m), true),
            families::Key::OneOf(codes) => {
                let rows: Vec<RowId> = codes.iter().flat_map(|c| self.index.by_code(c)).collect();
                return self.one_of(paste, hit, v, in_family(rows));
            }
        };
        if rows.is_empty() {
            // A code the printout gives but the catalog lacks is still that family's, and so
            // is a name where only the family's names stand.
            let unknown = match &hit.key {
                families::Key::Code(c) => Some(c),
                families::Key::Name(n) if hit.pattern.is_some_and(|p| p.placed) => Some(n),
                _ => None,
            };
            let near = |c: &str| -> Vec<RowId> {
                let near = families::by_id(hit.family).map_or_else(Vec::new, |f| (f.near)(c));
                in_family(near.iter().flat_map(|n| self.index.by_code(n)).collect())
            };
            return unknown.map(|c| FoundError {
                code: Some(c.clone()),
                message: hit.message.clone(),
                vendor: Some(self.vendor_id(v)),
                evidence: vec![short(&text[hit.start..hit.end])],
                suggestion_rows: near(c),
                ..FoundError::new(paste.line_of(hit.start), Confidence::NotInCatalog)
            });
        }
        let top = rows[0];
        let printed = hit.message.as_deref().map(|m| tokenize(m, false));
        let agrees = printed.as_ref().is_some_and(|q| self.agrees(&q.toks, top));
        if hit.pattern.is_some_and(|p| p.agreeing) && !agrees {
            return None;
        }
        let confidence = match (by_message, agrees) {
            (true, _) => Confidence::MessageOnly,
            (false, true) => Confidence::EnvelopeCodeMessage,
            (false, false) => Confidence::EnvelopeCode,
        };
        let message = match &hit.key {
            families::Key::Message(m) => Some(m.clone()),
            _ => hit.message.clone(),
        };
        Some(FoundError {
            code: Some(self.index.code(top).to_string()),
            message,
            vendor: Some(self.vendor_id(v)),
            evidence: vec![short(&text[hit.start..hit.end])],
            match_rows: rows,
            ..FoundError::new(paste.line_of(hit.start), confidence)
        })
    }

    /// A printout that names its family but not which of `rows` it is: the family, with the
    /// entries as suggestions ([`families::Key::OneOf`]).
    fn one_of(
        &self,
        paste: &Paste,
        hit: &families::Hit,
        v: usize,
        rows: Vec<RowId>,
    ) -> Option<FoundError> {
        (!rows.is_empty()).then(|| FoundError {
            message: hit.message.clone(),
            vendor: Some(self.vendor_id(v)),
            evidence: vec![short(&paste.text()[hit.start..hit.end])],
            suggestion_rows: rows,
            ..FoundError::new(paste.line_of(hit.start), Confidence::Ambiguous)
        })
    }

    /// A library's message after a `: ` (see [`families::after_colons`]): errno's strerror
    /// and SQLite's messages of three words or more, matched without case.
    fn printed_messages(&self, text: &str) -> Vec<families::Hit> {
        let known = &self.printed;
        let family_of = |segment: &str| {
            let lower = segment.to_lowercase();
            known
                .get(&lower)
                .copied()
                .or_else(|| families::known_message(&lower).map(|(f, _)| f))
        };
        families::after_colons(text)
            .filter_map(|(start, segment)| {
                let end = start + segment.len();
                // As printed, or cut by a terminal and joined with the next line.
                let (family, segment) = match family_of(segment) {
                    Some(f) => (f, segment.to_string()),
                    None => {
                        let whole = wrap::joined(text, start, end)?;
                        (family_of(&whole)?, whole)
                    }
                };
                Some(families::Hit {
                    family,
                    key: families::Key::Message(segment),
                    message: None,
                    start,
                    end,
                    pattern: None,
                })
            })
            .collect()
    }

    /// Rows of family `v` whose runtime text is `printed` (any case, a final full stop or
    /// not): errno's strerror as Go and C print it, SQLite's messages, Windows' texts, the
    /// codes a family's message templates name (PostgreSQL's server messages).
    fn by_printed_message(&self, v: usize, printed: &str) -> Vec<RowId> {
        let printed = printed.trim();
        let without_stop = printed.trim_end_matches('.');
        if let Some(family) = families::by_id(&self.index.vendors()[v].id) {
            let codes = (family.codes_of_message)(printed);
            if !codes.is_empty() {
                return codes
                    .into_iter()
                    .flat_map(|code| self.index.by_code(code))
                    .filter(|&r| self.index.row_vendor(r) == v)
                    .collect();
            }
        }
        if let Some((id, code)) = families::known_message(printed)
            && self.index.vendors()[v].id == id
        {
            let mut rows = self.index.by_code(code);
            rows.retain(|&r| self.index.row_vendor(r) == v);
            return rows;
        }
        self.index
            .vendor_rows(v)
            .find(|&r| {
                self.index
                    .field(r, Field::Message)
                    .is_some_and(|m| m.trim_end_matches('.').eq_ignore_ascii_case(without_stop))
            })
            .into_iter()
            .collect()
    }
}
