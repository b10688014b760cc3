//! `errdex catalog diff`: rows added, removed and changed between two editions of a vendor's
//! table.
//!
//! Rows are matched by code; a code listed several times (PIXNET 4109) is paired in order, the
//! first with the first. Every field but the code is compared.
//!
//! Punctuation: sources are often re-typed or scraped, and full-width `，：（）` turn into ASCII
//! `,:()` (PIXNET's current edition is such a scrape). By default values are compared with
//! full-width forms folded to ASCII (the same fold as search, see `crate::fold`), so only real
//! changes are listed; rows whose only differences are such punctuation are counted apart in
//! `punctuation_only`. With `exact`, values are compared byte for byte and those rows are
//! listed as changed like any other.

use super::model::{Catalog, Entry, Text};
use serde::Serialize;
use serde::ser::SerializeMap;
use serde_json::Value;
use std::collections::HashMap;

/// How to compare.
#[derive(Debug, Clone, Copy, Default)]
pub struct DiffOptions {
    /// Compare byte for byte: full-width and ASCII punctuation differ.
    pub exact: bool,
}

/// The differences between two editions. Serialises to the `catalog diff --json` shape:
/// `{"vendor","old","new","added":[entry..],"removed":[entry..],"changed":[{"code","fields"}],
/// "punctuation_only":[{"code","fields"}]}`.
#[derive(Debug, Clone, Serialize)]
pub struct Diff {
    pub vendor: String,
    /// Edition ids.
    pub old: String,
    pub new: String,
    /// Rows of the new edition only, in its order.
    pub added: Vec<DiffEntry>,
    /// Rows of the old edition only, in its order.
    pub removed: Vec<DiffEntry>,
    /// Rows in both with different values, in the new edition's order.
    pub changed: Vec<Change>,
    /// Rows whose only differences are full-width vs ASCII punctuation (empty when exact).
    pub punctuation_only: Vec<Change>,
}

impl Diff {
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty() && self.changed.is_empty()
    }
}

/// An added or removed row, in the contract's entry shape (with vendor and edition).
#[derive(Debug, Clone, Serialize)]
pub struct DiffEntry {
    pub vendor: String,
    pub edition: String,
    #[serde(flatten)]
    pub entry: Entry,
}

/// One row present in both editions whose fields differ.
#[derive(Debug, Clone, Serialize)]
pub struct Change {
    pub code: String,
    /// Field name → old and new value, in the entry's field order.
    #[serde(serialize_with = "fields_as_map")]
    pub fields: Vec<FieldChange>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FieldChange {
    #[serde(skip)]
    pub field: &'static str,
    pub old: Value,
    pub new: Value,
}

fn fields_as_map<S: serde::Serializer>(fields: &[FieldChange], s: S) -> Result<S::Ok, S::Error> {
    let mut map = s.serialize_map(Some(fields.len()))?;
    for f in fields {
        map.serialize_entry(f.field, f)?;
    }
    map.end()
}

/// The differences from `old` to `new`, punctuation folded (see the module docs).
pub fn diff(old: &Catalog, new: &Catalog) -> Diff {
    diff_with(old, new, DiffOptions::default())
}

pub fn diff_with(old: &Catalog, new: &Catalog, options: DiffOptions) -> Diff {
    // Old rows by code, in order; pairing takes them from the front.
    let mut old_by_code: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, e) in old.entries.iter().enumerate() {
        old_by_code.entry(e.code.as_str()).or_default().push(i);
    }
    let mut taken = vec![false; old.entries.len()];
    let mut next_of_code: HashMap<&str, usize> = HashMap::new();
    let entry = |c: &Catalog, e: &Entry| DiffEntry {
        vendor: c.vendor.id.clone(),
        edition: c.edition.id.clone(),
        entry: e.clone(),
    };
    let mut out = Diff {
        vendor: new.vendor.id.clone(),
        old: old.edition.id.clone(),
        new: new.edition.id.clone(),
        added: Vec::new(),
        removed: Vec::new(),
        changed: Vec::new(),
        punctuation_only: Vec::new(),
    };
    for n in &new.entries {
        let k = next_of_code.entry(n.code.as_str()).or_insert(0);
        let paired = old_by_code
            .get(n.code.as_str())
            .and_then(|v| v.get(*k))
            .copied();
        *k += 1;
        let Some(oi) = paired else {
            out.added.push(entry(new, n));
            continue;
        };
        taken[oi] = true;
        let o = &old.entries[oi];
        let fields = changed_fields(o, n, |a, b| a == b);
        if fields.is_empty() {
            continue;
        }
        let change = Change {
            code: n.code.clone(),
            fields,
        };
        if options.exact {
            out.changed.push(change);
            continue;
        }
        let folded = changed_fields(o, n, |a, b| fold_width(a) == fold_width(b));
        if folded.is_empty() {
            out.punctuation_only.push(change);
        } else {
            // Only the fields that really changed.
            out.changed.push(Change {
                code: n.code.clone(),
                fields: folded,
            });
        }
    }
    out.removed = old
        .entries
        .iter()
        .zip(&taken)
        .filter(|(_, t)| !**t)
        .map(|(e, _)| entry(old, e))
        .collect();
    out
}

/// The fields of `o` and `n` that `same` says differ.
fn changed_fields(o: &Entry, n: &Entry, same: impl Fn(&str, &str) -> bool) -> Vec<FieldChange> {
    let mut out = Vec::new();
    let mut check = |field: &'static str, a: Option<Value>, b: Option<Value>| {
        let equal = match (&a, &b) {
            (Some(x), Some(y)) => values_same(x, y, &same),
            (None, None) => true,
            _ => false,
        };
        if !equal {
            out.push(FieldChange {
                field,
                old: a.unwrap_or(Value::Null),
                new: b.unwrap_or(Value::Null),
            });
        }
    };
    let s = |v: &Option<String>| v.as_ref().map(|s| Value::String(s.clone()));
    let t = |v: &Option<Text>| {
        v.as_ref()
            .map(|t| serde_json::to_value(t).expect("text serialises"))
    };
    check(
        "http_status",
        o.http_status.map(Value::from),
        n.http_status.map(Value::from),
    );
    check("category", s(&o.category), s(&n.category));
    check("subcategory", s(&o.subcategory), s(&n.subcategory));
    check("message", s(&o.message), s(&n.message));
    check("description", t(&o.description), t(&n.description));
    check("fix", t(&o.fix), t(&n.fix));
    check("summary_en", s(&o.summary_en), s(&n.summary_en));
    out
}

fn values_same(a: &Value, b: &Value, same: &impl Fn(&str, &str) -> bool) -> bool {
    match (a, b) {
        (Value::String(x), Value::String(y)) => same(x, y),
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(x, y)| values_same(x, y, same))
        }
        _ => a == b,
    }
}

/// Full-width forms (`，` `：` `（` `Ａ`) as their ASCII twins, the ideographic space as a space:
/// the width half of `crate::fold` (without its Traditional → Simplified half, which would hide
/// real edits).
fn fold_width(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            _ => c,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::{Edition, SCHEMA_VERSION, Vendor};

    fn entry(code: &str, message: &str) -> Entry {
        Entry {
            code: code.into(),
            http_status: Some(400),
            category: None,
            subcategory: None,
            message: Some(message.into()),
            description: None,
            fix: None,
            summary_en: None,
            ..Entry::default()
        }
    }

    fn catalog(edition: &str, entries: Vec<Entry>) -> Catalog {
        Catalog {
            json_schema: None,
            schema: SCHEMA_VERSION,
            vendor: Vendor {
                id: "v".into(),
                name: "V".into(),
                aliases: vec![],
                homepage: None,
                language: None,
                ..Vendor::default()
            },
            edition: Edition {
                id: edition.into(),
                title: None,
                date: None,
                source: None,
                supersedes: None,
                ..Edition::default()
            },
            envelope: None,
            entries,
        }
    }

    #[test]
    fn duplicate_codes_pair_in_order() {
        let old = catalog("1", vec![entry("1", "a"), entry("9", "x"), entry("9", "y")]);
        let new = catalog(
            "2",
            vec![
                entry("9", "x"),
                entry("9", "z"),
                entry("9", "w"),
                entry("2", "b"),
            ],
        );
        let d = diff(&old, &new);
        let codes = |v: &[DiffEntry]| v.iter().map(|e| e.entry.code.clone()).collect::<Vec<_>>();
        assert_eq!(codes(&d.added), ["9", "2"]);
        assert_eq!(d.added[0].entry.message.as_deref(), Some("w"));
        assert_eq!(codes(&d.removed), ["1"]);
        assert_eq!(d.changed.len(), 1);
        assert_eq!(d.changed[0].fields[0].field, "message");
        assert_eq!(d.changed[0].fields[0].old, "y");
        assert_eq!(d.changed[0].fields[0].new, "z");
    }

    #[test]
    fn full_width_punctuation_is_set_apart_unless_exact() {
        let old = catalog(
            "1",
            vec![entry("1", "錯誤：停權，請洽"), entry("2", "（a）")],
        );
        let mut new = catalog("2", vec![entry("1", "錯誤:停權,請洽"), entry("2", "(b)")]);
        new.entries[1].http_status = Some(401);
        let d = diff(&old, &new);
        assert_eq!(d.punctuation_only.len(), 1);
        assert_eq!(d.changed.len(), 1);
        assert_eq!(d.changed[0].code, "2");
        let fields: Vec<&str> = d.changed[0].fields.iter().map(|f| f.field).collect();
        assert_eq!(fields, ["http_status", "message"]);
        let exact = diff_with(&old, &new, DiffOptions { exact: true });
        assert_eq!(exact.changed.len(), 2);
        assert!(exact.punctuation_only.is_empty());
    }

    #[test]
    fn json_shape() {
        let old = catalog("1", vec![entry("1", "a")]);
        let new = catalog("2", vec![entry("1", "b"), entry("2", "c")]);
        let v = serde_json::to_value(diff(&old, &new)).unwrap();
        assert_eq!(v["changed"][0]["fields"]["message"]["old"], "a");
        assert_eq!(v["changed"][0]["fields"]["message"]["new"], "b");
        let keys: Vec<&String> = v["added"][0].as_object().unwrap().keys().collect();
        assert_eq!(
            keys,
            [
                "vendor",
                "edition",
                "code",
                "http_status",
                "category",
                "subcategory",
                "message",
                "description",
                "fix",
                "summary_en",
                "kind",
                "retry"
            ]
        );
        assert_eq!(v["added"][0]["edition"], "2");
    }
}
