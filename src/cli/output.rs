//! What the commands print: aligned text for people, the documented JSON shapes for scripts.
//! Text output passes through `sanitize`, so catalog text cannot drive the terminal.

use super::{EXIT_NOT_FOUND, EXIT_OK};
use crate::catalog::VendorType;
use crate::decode::Report;
use crate::index::{EntryRef, Index, RowId};
use crate::present;
use crate::query::Query;
use crate::sanitize;
use crate::snippet::{Source, TableRow};
use serde::Serialize;
use serde_json::json;
use std::io::{self, Write};
use unicode_width::UnicodeWidthStr;

/// The JSON shape of an entry in the CLI contract.
#[derive(Debug, Serialize)]
pub struct EntryJson<'a> {
    pub vendor: &'a str,
    pub edition: &'a str,
    pub code: &'a str,
    pub http_status: Option<u16>,
    pub category: Option<&'a str>,
    pub subcategory: Option<&'a str>,
    pub message: Option<&'a str>,
    pub description: Option<&'a crate::catalog::Text>,
    pub fix: Option<&'a crate::catalog::Text>,
    pub summary_en: Option<&'a str>,
    pub symbol: Option<&'a str>,
    pub aliases: &'a [String],
    pub maps_to: &'a [crate::catalog::CodeRef],
    pub kind: Option<crate::catalog::Kind>,
    pub retry: Option<crate::catalog::Retry>,
    pub obsolete: bool,
}

impl<'a> EntryJson<'a> {
    pub fn of(found: &'a EntryRef<'_>) -> EntryJson<'a> {
        let e = &found.entry;
        EntryJson {
            vendor: &found.vendor.id,
            edition: &found.edition.id,
            code: &e.code,
            http_status: e.http_status,
            category: e.category.as_deref(),
            subcategory: e.subcategory.as_deref(),
            message: e.message.as_deref(),
            description: e.description.as_ref(),
            fix: e.fix.as_ref(),
            summary_en: e.summary_en.as_deref(),
            symbol: e.symbol.as_deref(),
            aliases: &e.aliases,
            maps_to: &e.maps_to,
            kind: e.kind,
            retry: e.retry,
            obsolete: e.obsolete,
        }
    }
}

/// The `decode --json` shape: `{"errors":[{"code","message","http_status","vendor","path",
/// "confidence","evidence","matches":[entry…],"suggestions":[entry…]}]}`, with `"field"`,
/// `"note"`, `"retry_after"` (`{"header","value","seconds"|"at"}`) and `"details"`
/// (`google.rpc.Status` details as Google's JSON prints them) when an error has them,
/// `"retry_advice"` (what to do about retrying, in words) when there is one, and `"notice"`
/// when the paste has one.
pub fn decoded_json(decoded: &Report, index: &Index) -> serde_json::Value {
    let entries = |rows: &[RowId]| -> serde_json::Value {
        rows.iter()
            .filter(|&&r| (r as usize) < index.len())
            .map(|&r| serde_json::to_value(EntryJson::of(&index.get(r))).unwrap_or_default())
            .collect()
    };
    let errors: Vec<serde_json::Value> = decoded
        .errors
        .iter()
        .map(|e| {
            let mut m = serde_json::Map::new();
            m.insert("code".into(), e.code.clone().into());
            m.insert("message".into(), e.message.clone().into());
            m.insert("http_status".into(), e.http_status.into());
            m.insert("vendor".into(), e.vendor.clone().into());
            m.insert("path".into(), e.path.clone().into());
            if let Some(f) = &e.field {
                m.insert("field".into(), f.clone().into());
            }
            m.insert(
                "confidence".into(),
                serde_json::to_value(e.confidence).unwrap_or_default(),
            );
            m.insert("evidence".into(), e.evidence.clone().into());
            if let Some(n) = &e.note {
                m.insert("note".into(), n.clone().into());
            }
            if let Some(a) = crate::decode::retry::advice(index, e) {
                m.insert("retry_advice".into(), a.into());
            }
            if let Some(r) = &e.retry_after {
                m.insert(
                    "retry_after".into(),
                    serde_json::to_value(r).unwrap_or_default(),
                );
            }
            if !e.details.is_empty() {
                m.insert("details".into(), e.details.clone().into());
            }
            m.insert("matches".into(), entries(&e.match_rows));
            m.insert("suggestions".into(), entries(&e.suggestion_rows));
            serde_json::Value::Object(m)
        })
        .collect();
    let mut out = serde_json::Map::new();
    out.insert("errors".into(), errors.into());
    if let Some(n) = &decoded.notice {
        out.insert("notice".into(), n.clone().into());
    }
    serde_json::Value::Object(out)
}

pub fn print_vendors(index: &Index, json: bool, out: &mut impl Write) -> io::Result<i32> {
    if json {
        let list: Vec<_> = index
            .vendors()
            .iter()
            .enumerate()
            .map(|(i, v)| {
                let newest = index.vendor_table(i);
                let editions: Vec<_> = v
                    .editions
                    .iter()
                    .map(|&c| {
                        let cat = &index.tables()[c];
                        json!({
                            "id": cat.edition().id,
                            "title": cat.edition().title,
                            "date": cat.edition().date,
                            "source": cat.edition().source,
                            "notes": cat.edition().notes,
                            "entries": cat.len(),
                        })
                    })
                    .collect();
                json!({
                    "id": v.id,
                    "name": newest.vendor().name,
                    "type": newest.vendor().vendor_type,
                    "group": newest.vendor().group,
                    "aliases": newest.vendor().aliases,
                    "entries": newest.len(),
                    "editions": editions,
                })
            })
            .collect();
        write_json_line(out, &list)?;
        return Ok(EXIT_OK);
    }
    let mut rows = vec![[
        "ID".to_string(),
        "NAME".to_string(),
        "TYPE".to_string(),
        "ENTRIES".to_string(),
        "EDITIONS".to_string(),
    ]];
    for (i, v) in index.vendors().iter().enumerate() {
        let newest = index.vendor_table(i);
        let editions: Vec<String> = v
            .editions
            .iter()
            .enumerate()
            .map(|(n, &c)| {
                let cat = &index.tables()[c];
                let mut s = format!("{} ({} rows", cat.edition().id, cat.len());
                if let Some(d) = &cat.edition().date {
                    s.push_str(&format!(", {d}"));
                }
                s.push_str(if n == 0 { ", newest)" } else { ")" });
                s
            })
            .collect();
        let kind = match newest.vendor().vendor_type {
            VendorType::Vendor => "vendor",
            VendorType::Standard => "standard",
        };
        rows.push([
            v.id.clone(),
            newest.vendor().name.clone(),
            kind.to_string(),
            newest.len().to_string(),
            editions.join(", "),
        ]);
    }
    write_table(out, &rows, &[false, false, false, true, false])?;
    Ok(EXIT_OK)
}

pub fn print_search(
    index: &Index,
    query: &Query,
    limit: Option<usize>,
    json: bool,
    color: bool,
    out: &mut impl Write,
) -> io::Result<i32> {
    let mut hits = crate::decode::families::with_code_forms(index, query, index.search(query));
    if let Some(n) = limit
        && hits.len() > n
    {
        say!(
            "errdex: showing {n} of {} matches (--limit {n})",
            hits.len()
        );
        hits.truncate(n);
    }
    if json {
        #[derive(Serialize)]
        struct Scored<'a> {
            #[serde(flatten)]
            entry: EntryJson<'a>,
            tier: &'static str,
            score: u32,
        }
        let entries: Vec<_> = hits.iter().map(|h| index.get(h.row)).collect();
        let list: Vec<Scored> = hits
            .iter()
            .zip(&entries)
            .map(|(h, e)| Scored {
                entry: EntryJson::of(e),
                tier: crate::index::tier_name(h.tier),
                score: h.score,
            })
            .collect();
        write_json_line(out, &list)?;
    } else {
        let mut rows = vec![[
            "VENDOR".to_string(),
            "CODE".to_string(),
            "HTTP".to_string(),
            "MESSAGE".to_string(),
        ]];
        for h in &hits {
            let e = index.get(h.row);
            rows.push([
                sanitize::line(&e.vendor.id).into_owned(),
                sanitize::line(&e.entry.code).into_owned(),
                e.entry
                    .http_status
                    .map(|s| s.to_string())
                    .unwrap_or_default(),
                sanitize::line(&e.entry.headline()).into_owned(),
            ]);
        }
        if hits.is_empty() {
            say!("errdex: no matches");
        } else if color {
            let mut h = crate::index::Highlighter::new(&query.text);
            let marks: Vec<[Vec<u32>; 4]> = rows
                .iter()
                .enumerate()
                .map(|(n, r)| {
                    if n == 0 {
                        Default::default()
                    } else {
                        [Vec::new(), h.indices(&r[1]), Vec::new(), h.indices(&r[3])]
                    }
                })
                .collect();
            write_table_marked(out, &rows, &[false, false, false, false], &marks)?;
        } else {
            write_table(out, &rows, &[false, false, false, false])?;
        }
    }
    Ok(if hits.is_empty() {
        EXIT_NOT_FOUND
    } else {
        EXIT_OK
    })
}

/// One entry as an object; a code the source lists several times (PIXNET 4109) as an array.
pub fn print_show(
    index: &Index,
    found: &[EntryRef],
    json: bool,
    out: &mut impl Write,
) -> io::Result<i32> {
    if json {
        if let [one] = found {
            write_json_line(out, &EntryJson::of(one))?;
        } else {
            let list: Vec<_> = found.iter().map(EntryJson::of).collect();
            write_json_line(out, &list)?;
        }
        return Ok(EXIT_OK);
    }
    for (n, e) in found.iter().enumerate() {
        if n > 0 {
            writeln!(out)?;
        }
        write_entry(index, e, out)?;
    }
    Ok(EXIT_OK)
}

/// The human form of one entry: [`present::entry::fields`], a label column and the value,
/// lines of a value under each other.
pub fn write_entry(index: &Index, e: &EntryRef, out: &mut impl Write) -> io::Result<()> {
    for f in present::entry::fields(index, e) {
        let value = sanitize::block(&f.value).replace('\n', "\n             ");
        writeln!(out, "{:<12} {value}", f.name.label())?;
    }
    Ok(())
}

/// [`sanitize::write_json`] and a line break.
pub fn write_json_line(out: &mut impl Write, value: &impl Serialize) -> io::Result<()> {
    sanitize::write_json(&mut *out, value)?;
    writeln!(out)
}

/// Columns padded by display width (CJK counts double); the last column is not padded.
fn write_table<const N: usize>(
    out: &mut impl Write,
    rows: &[[String; N]],
    right: &[bool; N],
) -> io::Result<()> {
    write_table_marked(out, rows, right, &[])
}

/// Matched text on a terminal: bold red, as ripgrep shows it.
const MARK_ON: &str = "\x1b[1;31m";
const MARK_OFF: &str = "\x1b[0m";

/// `text` with the chars at `marks` (sorted positions) between [`MARK_ON`] and [`MARK_OFF`].
fn marked(text: &str, marks: &[u32]) -> String {
    if marks.is_empty() {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + marks.len() * 8);
    let mut on = false;
    for (i, c) in text.chars().enumerate() {
        let want = marks.binary_search(&(i as u32)).is_ok();
        if want != on {
            out.push_str(if want { MARK_ON } else { MARK_OFF });
            on = want;
        }
        out.push(c);
    }
    if on {
        out.push_str(MARK_OFF);
    }
    out
}

/// [`write_table`], with the chars at `marks[row][column]` highlighted (rows past the end of
/// `marks` are plain); alignment is by the plain text.
fn write_table_marked<const N: usize>(
    out: &mut impl Write,
    rows: &[[String; N]],
    right: &[bool; N],
    marks: &[[Vec<u32>; N]],
) -> io::Result<()> {
    // Cells come from catalogs, user catalogs included: nothing in them reaches the terminal raw.
    let rows: Vec<Vec<std::borrow::Cow<str>>> = rows
        .iter()
        .map(|row| row.iter().map(|c| sanitize::line(c)).collect())
        .collect();
    let mut widths = [0usize; N];
    for row in &rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.width());
        }
    }
    for (r, row) in rows.iter().enumerate() {
        let mut line = String::new();
        for (i, cell) in row.iter().enumerate() {
            let pad = widths[i] - cell.width();
            let shown = match marks.get(r) {
                Some(m) => marked(cell, &m[i]),
                None => cell.to_string(),
            };
            if i + 1 == N {
                line.push_str(shown.trim_end());
            } else if right[i] {
                line.push_str(&" ".repeat(pad));
                line.push_str(&shown);
                line.push_str("  ");
            } else {
                line.push_str(&shown);
                line.push_str(&" ".repeat(pad + 2));
            }
        }
        writeln!(out, "{}", line.trim_end())?;
    }
    Ok(())
}

/// Decoded errors: one block per error for people, the contract's shape for scripts.
/// Exit 0 when at least one error matched a catalog entry, 1 when none did.
pub fn print_decode(
    index: &Index,
    text: &str,
    json: bool,
    out: &mut impl Write,
) -> io::Result<i32> {
    let decoded = crate::decode::decode(text, index);
    let code = if decoded.matched() {
        EXIT_OK
    } else {
        EXIT_NOT_FOUND
    };
    if json {
        write_json_line(out, &decoded_json(&decoded, index))?;
        return Ok(code);
    }
    if let Some(n) = &decoded.notice {
        say!("errdex: note: {}", sanitize::line(n));
    }
    if decoded.errors.is_empty() {
        say!("errdex: no error response found in the input");
    }
    for (n, err) in decoded.errors.iter().enumerate() {
        if n > 0 {
            writeln!(out)?;
        }
        writeln!(out, "{}", sanitize::line(&present::decoded::heading(err)))?;
        for said in present::decoded::lines(index, err) {
            let label = format!("{}:", said.role.label());
            writeln!(out, "  {label:<12} {}", sanitize::line(&said.text))?;
        }
    }
    Ok(code)
}

/// What `errdex snippet` writes.
pub struct SnippetShape {
    pub lang: crate::snippet::Lang,
    /// A whole enum rather than arms.
    pub enumeration: bool,
    /// The enum and the error body's type.
    pub envelope: bool,
}

/// Match arms for the codes given, or an enum (for the codes, or the whole vendor), with the
/// error body's type when asked.
pub fn print_snippet(
    index: &Index,
    vendor: usize,
    codes: &[String],
    shape: SnippetShape,
    out: &mut impl Write,
) -> io::Result<i32> {
    let SnippetShape {
        lang,
        enumeration,
        envelope,
    } = shape;
    // The rows' fields borrowed from the index: a large catalog is not unpacked into entries.
    let table = index.vendor_table(vendor);
    let id = &table.vendor().id;
    if envelope && table.envelope().is_none() {
        say!("errdex: the {id} catalog describes no error body (no `envelope`)");
        return Ok(EXIT_NOT_FOUND);
    }
    let all: Vec<TableRow> = (0..table.len())
        .map(|row| TableRow { table, row })
        .collect();
    let mut entries: Vec<&TableRow> = Vec::new();
    for code in codes {
        let before = entries.len();
        entries.extend(all.iter().filter(|e| e.code().eq_ignore_ascii_case(code)));
        if entries.len() == before {
            say!("errdex: {id} has no code `{}`", sanitize::line(code));
            return Ok(EXIT_NOT_FOUND);
        }
    }
    let mut snippets = crate::snippet::Snippets::new(lang, table.vendor(), &all);
    if envelope && let Some(env) = table.envelope() {
        snippets = snippets.with_envelope(env);
    }
    if envelope || enumeration || codes.is_empty() {
        if codes.is_empty() {
            snippets.write_enumeration(&all, out)?;
        } else {
            snippets.write_enumeration(&entries, out)?;
        }
    } else {
        // Named as in the vendor's enum; a code listed twice (PIXNET 4109) gives one arm.
        let arms = snippets.arms(&all);
        let mut seen = std::collections::HashSet::new();
        for e in &entries {
            if seen.insert(e.code())
                && let Some((_, arm)) = arms.iter().find(|(code, _)| code == e.code())
            {
                writeln!(out, "{}", arm.trim_end())?;
            }
        }
    }
    Ok(EXIT_OK)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_shape() {
        let index = Index::embedded();
        let d = crate::decode::decode(
            r#"{"validation_failed_responses":[{"result_code":"field_is_required","message":"m","property_name":"p"}],"result_code":"data_validation_failed","message":"Validation failed."}"#,
            &index,
        );
        let j = decoded_json(&d, &index);
        let errors = j["errors"].as_array().unwrap();
        assert_eq!(errors.len(), 2);
        assert_eq!(errors[0]["vendor"], "guo-guo");
        assert_eq!(errors[0]["matches"][0]["code"], "data_validation_failed");
        assert!(errors[0].get("field").is_none());
        assert_eq!(errors[1]["field"], "p");
        assert_eq!(errors[1]["path"], "$.validation_failed_responses[0]");
        assert!(errors[1]["suggestions"].as_array().unwrap().is_empty());
        assert!(j.get("notice").is_none());
        assert!(d.matched());
    }
}
