//! The fields of one entry, in the order someone debugging reads them: what the server said,
//! what it means, what to do, then the rest, and last the links (`maps to`, which a source
//! states or a family works out) before the same code in other catalogs (only the same number
//! or name, not a link).

use crate::catalog::Text;
use crate::decode::families;
use crate::index::{EntryRef, Index};

/// Which fact a field holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Name {
    Vendor,
    Code,
    HttpStatus,
    Category,
    Message,
    Summary,
    Fix,
    Symbol,
    Aliases,
    Kind,
    Retry,
    About,
    Obsolete,
    Edition,
    Source,
    MapsTo,
    SameCode,
}

impl Name {
    /// The label every front end shows (at most ten columns: the detail pane's label width).
    pub fn label(self) -> &'static str {
        match self {
            Name::Vendor => "vendor",
            Name::Code => "code",
            Name::HttpStatus => "http",
            Name::Category => "category",
            Name::Message => "message",
            Name::Summary => "summary",
            Name::Fix => "fix",
            Name::Symbol => "symbol",
            Name::Aliases => "aliases",
            Name::Kind => "kind",
            Name::Retry => "retry",
            Name::About => "about",
            Name::Obsolete => "obsolete",
            Name::Edition => "edition",
            Name::Source => "source",
            Name::MapsTo => "maps to",
            Name::SameCode => "same code",
        }
    }
}

/// One labelled fact; a value may span lines (a numbered list, one link a line).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    pub name: Name,
    pub value: String,
}

/// Every field `e` has, in reading order; empty ones are left out.
pub fn fields(index: &Index, e: &EntryRef) -> Vec<Field> {
    let entry = &e.entry;
    let mut out = Vec::new();
    let mut add = |name: Name, value: Option<String>| {
        if let Some(value) = value.filter(|v| !v.trim().is_empty()) {
            out.push(Field { name, value });
        }
    };
    add(
        Name::Vendor,
        Some(format!("{} ({})", e.vendor.name, e.vendor.id)),
    );
    add(Name::Code, Some(entry.code.clone()));
    add(Name::HttpStatus, entry.http_status.map(|s| s.to_string()));
    let category: Vec<&str> = [&entry.category, &entry.subcategory]
        .into_iter()
        .flatten()
        .map(String::as_str)
        .collect();
    add(Name::Category, Some(category.join(" / ")));
    add(Name::Message, entry.message.clone());
    add(
        Name::Summary,
        entry
            .summary_en
            .clone()
            .filter(|s| entry.message.as_ref() != Some(s)),
    );
    add(Name::Fix, entry.fix.as_ref().map(numbered));
    add(Name::Symbol, entry.symbol.clone());
    add(Name::Aliases, Some(entry.aliases.join(", ")));
    add(
        Name::Kind,
        entry.kind.map(|k| match &k.info().title {
            title if title.eq_ignore_ascii_case(k.id()) => k.id().to_string(),
            title => format!("{} ({title})", k.id()),
        }),
    );
    add(
        Name::Retry,
        entry.retry.map(|r| format!("{}: {}", r.id(), r.meaning())),
    );
    add(Name::About, entry.description.as_ref().map(numbered));
    if entry.obsolete {
        add(
            Name::Obsolete,
            Some("yes: the source marks it obsolete or unused".into()),
        );
    }
    add(Name::Edition, Some(edition(index, e)));
    add(Name::Source, e.edition.source.clone());
    let maps: Vec<String> = families::maps_to(&e.vendor.id, entry)
        .iter()
        .map(|(vendor, code)| {
            let found = index
                .find_vendor(vendor)
                .and_then(|v| index.lookup(v, code, None))
                .and_then(|rows| rows.into_iter().next());
            match found {
                Some(o) if o.entry.headline() != *code => {
                    format!("{vendor} {code} {}", o.entry.headline())
                }
                Some(_) => format!("{vendor} {code}"),
                None => format!("{vendor} {code} (not in the loaded catalogs)"),
            }
        })
        .collect();
    add(Name::MapsTo, Some(maps.join("\n")));
    let others: Vec<String> = index
        .by_code(&entry.code)
        .iter()
        .map(|&r| index.get(r))
        .filter(|o| o.vendor.id != e.vendor.id)
        .map(|o| format!("{}: {}", o.vendor.id, o.entry.headline()))
        .collect();
    add(Name::SameCode, Some(others.join("\n")));
    out
}

/// A list as numbered lines, one text as it is.
fn numbered(t: &Text) -> String {
    match t {
        Text::One(s) => s.clone(),
        Text::List(items) => items
            .iter()
            .enumerate()
            .map(|(i, s)| format!("{}. {s}", i + 1))
            .collect::<Vec<_>>()
            .join("\n"),
    }
}

/// The edition's id and title, and which of how many it is when the vendor has several.
fn edition(index: &Index, e: &EntryRef) -> String {
    let mut out = e.edition.id.clone();
    if let Some(t) = &e.edition.title {
        out.push_str(&format!(" · {t}"));
    }
    let editions = index
        .find_vendor(&e.vendor.id)
        .map_or(0, |v| index.vendors()[v].editions.len());
    if editions > 1 {
        out.push_str(&format!(" (newest of {editions})"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::Index;

    fn shown(index: &Index, vendor: &str, code: &str) -> Vec<(&'static str, String)> {
        let v = index.find_vendor(vendor).unwrap();
        let e = index
            .lookup(v, code, None)
            .unwrap()
            .into_iter()
            .next()
            .unwrap();
        fields(index, &e)
            .into_iter()
            .map(|f| (f.name.label(), f.value))
            .collect()
    }

    #[test]
    fn fields_come_in_reading_order_with_links_before_the_same_code() {
        let index = Index::embedded();
        let f = shown(&index, "hresult", "0x80070005");
        let labels: Vec<&str> = f.iter().map(|(l, _)| *l).collect();
        let at = |l: &str| labels.iter().position(|x| *x == l).unwrap();
        assert_eq!(labels[..2], ["vendor", "code"]);
        assert!(at("message") < at("summary"), "{labels:?}");
        assert!(at("summary") < at("edition"), "{labels:?}");
        assert_eq!(labels.last(), Some(&"maps to"), "{labels:?}");
        assert_eq!(f[at("maps to")].1, "win32 5 Access is denied.");
        let f = shown(&index, "errno", "5");
        assert_eq!(f.last().map(|(l, _)| *l), Some("same code"), "{f:?}");
    }

    #[test]
    fn the_same_code_names_each_other_catalog_and_never_its_own() {
        let index = Index::embedded();
        let f = shown(&index, "errno", "5");
        let (_, same) = f.iter().find(|(l, _)| *l == "same code").unwrap();
        assert!(same.lines().all(|l| !l.starts_with("errno:")), "{same}");
        assert!(same.lines().any(|l| l == "grpc: NOT_FOUND"), "{same}");
    }

    #[test]
    fn lists_are_numbered_and_empty_fields_left_out() {
        assert_eq!(
            numbered(&Text::List(vec!["a".into(), "b".into()])),
            "1. a\n2. b"
        );
        let index = Index::embedded();
        let f = shown(&index, "mantago", "1004");
        assert!(f.iter().all(|(_, value)| !value.trim().is_empty()), "{f:?}");
        assert!(f.iter().all(|(l, _)| *l != "http"), "{f:?}");
    }

    #[test]
    fn an_older_edition_count_is_said() {
        let index = Index::embedded();
        let f = shown(&index, "pixnet", "1004");
        let (_, ed) = f.iter().find(|(l, _)| *l == "edition").unwrap();
        assert!(ed.contains("(newest of 2)"), "{ed}");
    }
}
