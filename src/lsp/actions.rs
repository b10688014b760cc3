//! Code actions at a code: insert the match arm errdex's enum holds for it, insert the
//! vendor's enum, in the document's language (the snippet writers); and show every catalog's
//! entries for the code. An edit is placed where the language accepts it: an arm goes into the
//! enum's lookup when the document holds it, an enum's imports go to the top of the file and a
//! Go package clause is dropped, so the file still compiles.

use super::catalogs::Catalogs;
use super::document::{Document, Encoding};
use super::resolve::Resolved;
use super::server::{SHOW_EVERYWHERE, lang_of};
use crate::snippet::{self, Lang, Snippets, TableRow};
use lsp_types::{Position, Range, TextEdit, Uri};
use serde_json::{Value, json};

/// A vendor with more codes than this gets an enum of the code at hand, not of every code.
const WHOLE_ENUM_MAX: usize = 400;
/// Arm and enum actions are offered for at most this many of the catalogs resolved.
const MAX_VENDORS: usize = 3;

pub fn actions(
    catalogs: &Catalogs,
    doc: &Document,
    uri: &Uri,
    n: usize,
    resolved: &Resolved,
    encoding: Encoding,
) -> Vec<Value> {
    let mut out = Vec::new();
    if let Some(lang) = lang_of(doc) {
        for g in resolved.groups.iter().take(MAX_VENDORS) {
            let v = g.vendor;
            let table = catalogs.index.vendor_table(v);
            let vendor = table.vendor();
            let rows: Vec<TableRow> = (0..table.len())
                .map(|row| TableRow { table, row })
                .collect();
            let code = catalogs.index.code(g.rows[0]).to_string();
            let shown_code = crate::sanitize::line(&code).into_owned();
            let name = crate::sanitize::line(&vendor.name).into_owned();
            let snippets = Snippets::new(lang, vendor, &rows);
            if let Some(edit) = arm_edit(
                catalogs,
                doc,
                n,
                v,
                lang,
                &snippets,
                &rows,
                &code,
                resolved.in_arm,
                encoding,
            ) {
                out.push(action(
                    &format!("Insert the match arm for {name} {shown_code}"),
                    "refactor",
                    uri,
                    vec![edit],
                ));
            }
            let type_name = &catalogs.facts[v].type_name;
            // A document that names the type has it already, or imports it.
            if !super::evidence::has_word(&doc.text, type_name) {
                let (text, title) = if rows.len() <= WHOLE_ENUM_MAX {
                    (
                        snippets.enumeration(&rows),
                        format!("Insert {name}'s enum ({type_name})"),
                    )
                } else {
                    let own: Vec<&TableRow> = rows
                        .iter()
                        .filter(|r| r.table.code(r.row) == code)
                        .collect();
                    (
                        snippets.enumeration(&own),
                        format!(
                            "Insert {name}'s enum ({type_name}, with {shown_code}; the catalog has {} codes)",
                            rows.len()
                        ),
                    )
                };
                out.push(action(
                    &title,
                    "refactor",
                    uri,
                    enum_edits(doc, lang, &text, encoding),
                ));
            }
        }
    }
    let shown = crate::sanitize::line(&resolved.code).into_owned();
    out.push(json!({
        "title": format!("Show every catalog's {shown}"),
        "kind": "quickfix",
        "command": {
            "title": format!("Show every catalog's {shown}"),
            "command": SHOW_EVERYWHERE,
            "arguments": [resolved.code],
        },
    }));
    out
}

fn action(title: &str, kind: &str, uri: &Uri, edits: Vec<TextEdit>) -> Value {
    json!({
        "title": title,
        "kind": kind,
        "edit": {"changes": {uri.as_str(): edits}},
    })
}

/// A line with comments cut off, trimmed: what two copies of an arm have in common.
fn bare(line: &str) -> &str {
    let cut = [" //", " #", "  #"]
        .iter()
        .filter_map(|m| line.find(m))
        .min()
        .unwrap_or(line.len());
    line[..cut].trim()
}

/// The arm for `code`: into the enum's lookup when the document holds it (after its last arm,
/// when the variant is declared and the code has no arm yet); otherwise after line `n`.
#[allow(clippy::too_many_arguments)]
fn arm_edit(
    catalogs: &Catalogs,
    doc: &Document,
    n: usize,
    vendor: usize,
    lang: Lang,
    snippets: &Snippets,
    rows: &[TableRow],
    code: &str,
    in_arm: bool,
    encoding: Encoding,
) -> Option<TextEdit> {
    let arms = snippets.arms(rows);
    let arm = arms.iter().find(|(c, _)| c == code)?.1.clone();
    // The lookup's arms in the document: each arm's lines, matched without comments.
    let mut by_first: std::collections::HashMap<&str, Vec<&str>> = std::collections::HashMap::new();
    for (_, a) in &arms {
        let lines: Vec<&str> = a.lines().map(bare).collect();
        if let Some(first) = lines.first() {
            by_first.insert(first, lines);
        }
    }
    let own_first = arm.lines().next().map(bare).unwrap_or("");
    let mut last_arm: Option<(usize, usize)> = None;
    let mut k = 0;
    while k < doc.line_count() {
        let line = doc.line(k);
        if let Some(lines) = by_first.get(bare(line)) {
            let whole = (1..lines.len()).all(|j| bare(doc.line(k + j)) == lines[j]);
            if whole {
                if bare(line) == own_first {
                    // The code has its arm already.
                    return None;
                }
                last_arm = Some((k, lines.len()));
                k += lines.len();
                continue;
            }
        }
        k += 1;
    }
    let member = catalogs.names(vendor, lang).by_code.get(code)?.clone();
    let declared = doc.text.contains(member.as_str());
    let (at_line, indent) = match last_arm {
        Some((k, len)) if declared => (k + len, indent_of(doc.line(k))),
        // An arm of the user's own switch has the code already.
        _ if in_arm => return None,
        _ => (n + 1, indent_of(doc.line(n))),
    };
    let mut text: String = arm
        .lines()
        .map(|l| {
            if l.is_empty() {
                "\n".to_string()
            } else {
                format!("{indent}{l}\n")
            }
        })
        .collect();
    let position = if at_line < doc.line_count() {
        Position::new(at_line as u32, 0)
    } else {
        // After the last line, which has no line break.
        text.insert(0, '\n');
        end_of(doc, encoding)
    };
    Some(TextEdit {
        range: Range::new(position, position),
        new_text: text,
    })
}

fn indent_of(line: &str) -> String {
    line.chars()
        .take_while(|c| matches!(c, ' ' | '\t'))
        .collect()
}

fn end_of(doc: &Document, encoding: Encoding) -> Position {
    let last = doc.line_count().saturating_sub(1);
    Position::new(
        last as u32,
        Document::character(doc.line(last), doc.line(last).len(), encoding),
    )
}

/// The edits that put an enum into the document: its imports after the document's own, the
/// rest at the end (before PHP's closing `?>`), as `snippet::placement` lays them out.
fn enum_edits(doc: &Document, lang: Lang, text: &str, encoding: Encoding) -> Vec<TextEdit> {
    let lines: Vec<&str> = (0..doc.line_count()).map(|n| doc.line(n)).collect();
    let placement = snippet::placement(lang, text, &lines);
    let mut edits = Vec::new();
    if !placement.imports.is_empty() {
        let text: String = placement.imports.iter().map(|i| format!("{i}\n")).collect();
        let position = Position::new(placement.imports_at as u32, 0);
        edits.push(TextEdit {
            range: Range::new(position, position),
            new_text: text,
        });
    }
    let (end, before_close) = match placement.before_line {
        Some(k) => (Position::new(k as u32, 0), true),
        None => (end_of(doc, encoding), false),
    };
    let last_line = doc.line(doc.line_count().saturating_sub(1));
    let lead = if before_close || doc.text.is_empty() {
        ""
    } else if last_line.is_empty() {
        "\n"
    } else {
        "\n\n"
    };
    let mut new_text = format!("{lead}{}\n", placement.code.join("\n").trim_end());
    if before_close {
        new_text.push('\n');
    }
    edits.push(TextEdit {
        range: Range::new(end, end),
        new_text,
    });
    edits
}

#[cfg(test)]
mod tests {
    use super::*;

    fn apply(doc: &Document, edits: &[TextEdit]) -> String {
        let mut d = Document::new("file:///x", &doc.language, 1, doc.text.clone());
        let mut sorted = edits.to_vec();
        sorted.sort_by_key(|e| std::cmp::Reverse((e.range.start.line, e.range.start.character)));
        for e in sorted {
            d.apply(
                lsp_types::TextDocumentContentChangeEvent {
                    range: Some(e.range),
                    range_length: None,
                    text: e.new_text,
                },
                Encoding::Utf16,
            );
        }
        d.text
    }

    #[test]
    fn go_enums_lose_their_package_clause_and_bring_their_imports_up() {
        let doc = Document::new(
            "file:///m.go",
            "go",
            1,
            "package main\n\nimport \"fmt\"\n\nfunc main() { fmt.Println(1) }\n".into(),
        );
        let snippet =
            "// Package p.\npackage pixnet\n\nimport \"strconv\"\n\ntype PixnetError int\n";
        let out = apply(&doc, &enum_edits(&doc, Lang::Go, snippet, Encoding::Utf16));
        assert_eq!(
            out,
            "package main\n\nimport \"fmt\"\nimport \"strconv\"\n\nfunc main() { fmt.Println(1) }\n\ntype PixnetError int\n"
        );
    }

    #[test]
    fn java_types_become_package_private_and_php_goes_before_the_close() {
        let doc = Document::new(
            "file:///A.java",
            "java",
            1,
            "package a;\n\npublic class A {}".into(),
        );
        let out = apply(
            &doc,
            &enum_edits(
                &doc,
                Lang::Java,
                "public enum PixnetError {\n    X;\n}\n",
                Encoding::Utf16,
            ),
        );
        assert_eq!(
            out,
            "package a;\n\npublic class A {}\n\nenum PixnetError {\n    X;\n}\n"
        );
        let doc = Document::new("file:///a.php", "php", 1, "<?php\necho 1;\n?>\n".into());
        let out = apply(
            &doc,
            &enum_edits(
                &doc,
                Lang::Php,
                "<?php\n\ndeclare(strict_types=1);\n\nenum E: int {}\n",
                Encoding::Utf16,
            ),
        );
        assert_eq!(out, "<?php\necho 1;\nenum E: int {}\n\n?>\n");
    }
}
