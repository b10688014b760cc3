//! What a document shows about the vendor its codes belong to: an enum or body type errdex
//! wrote (`PixnetError`, `TencentImErrorBody`), keys of a vendor's envelope (`errResponse`;
//! `ErrorCode` with `ActionStatus`), or, in a data file, a body the decoder names a vendor for.

use super::catalogs::Catalogs;
use super::document::Document;
use super::lex::is_ident_byte;
use crate::decode::Confidence;

/// Data files the decoder reads whole for evidence no larger than this.
const MAX_DECODED: usize = 2 * 1024 * 1024;

#[derive(Debug, Default, Clone)]
pub struct Evidence {
    /// Vendors shown, with what showed each.
    pub vendors: Vec<(usize, String)>,
    /// Type names of errdex's enums the document mentions, for `Type.Member`.
    pub enum_types: Vec<String>,
    /// Prefixes of errdex's Go constants, in a Go document that mentions the type.
    pub go_prefixes: Vec<String>,
    /// (vendor, code) the decoder identified in a data file.
    pub decoded: Vec<(usize, String)>,
}

impl Evidence {
    pub fn why(&self, vendor: usize) -> Option<&str> {
        self.vendors
            .iter()
            .find(|(v, _)| *v == vendor)
            .map(|(_, why)| why.as_str())
    }
}

/// Whether `word` occurs in `text` as a whole name.
pub(super) fn has_word(text: &str, word: &str) -> bool {
    let bytes = text.as_bytes();
    memchr::memmem::find_iter(bytes, word.as_bytes()).any(|at| {
        let before = at.checked_sub(1).map(|p| bytes[p]);
        let after = bytes.get(at + word.len()).copied();
        before.is_none_or(|b| !is_ident_byte(b)) && after.is_none_or(|b| !is_ident_byte(b))
    })
}

/// Whether `text` names the type `name` or its body type (`PixnetError`, `PixnetErrorBody`).
fn names_type(text: &str, name: &str) -> bool {
    has_word(text, name) || has_word(text, &format!("{name}Body"))
}

pub fn evidence(doc: &Document, catalogs: &Catalogs, data_file: bool) -> Evidence {
    let mut ev = Evidence::default();
    let text = doc.text.as_str();
    let go = doc.language == "go" || doc.extension == "go";
    for (v, facts) in catalogs.facts.iter().enumerate() {
        if names_type(text, &facts.type_name) {
            ev.vendors
                .push((v, format!("`{}` in this file", facts.type_name)));
            ev.enum_types.push(facts.type_name.clone());
            if go {
                ev.go_prefixes.push(facts.go_prefix.clone());
            }
            continue;
        }
        let shown: Vec<&String> = facts
            .envelope_keys
            .iter()
            .filter(|k| has_word(text, k))
            .collect();
        let telling = facts
            .telling_key
            .as_ref()
            .is_some_and(|k| shown.contains(&k));
        if shown.len() >= 2 || telling {
            let keys: Vec<String> = shown.iter().map(|k| format!("`{k}`")).collect();
            ev.vendors.push((
                v,
                format!("its envelope's keys in this file ({})", keys.join(", ")),
            ));
        }
    }
    if data_file && text.len() <= MAX_DECODED {
        let decoded = catalogs.decoder().decode(text);
        for e in decoded.errors {
            let named = e.confidence.identified() || e.confidence == Confidence::NotInCatalog;
            let (Some(id), Some(code)) = (e.vendor.as_deref(), e.code.as_deref()) else {
                continue;
            };
            let Some(v) = catalogs.vendor_by_id(id) else {
                continue;
            };
            if !named {
                continue;
            }
            if !ev.vendors.iter().any(|(x, _)| *x == v) {
                let shown: Vec<&str> = e.evidence.iter().map(String::as_str).take(3).collect();
                ev.vendors.push((
                    v,
                    format!(
                        "a {} error body in this file ({})",
                        catalogs.vendor_name(v),
                        shown.join("; ")
                    ),
                ));
            }
            ev.decoded.push((v, code.to_string()));
        }
    }
    ev
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_words_only() {
        assert!(has_word("x := PixnetError(1)", "PixnetError"));
        assert!(!has_word("MyPixnetErrors", "PixnetError"));
        assert!(names_type("var b PixnetErrorBody", "PixnetError"));
    }
}
