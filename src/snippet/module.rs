//! Several vendors' enums in one file that compiles as it is (the explorer's `Y` over rows of
//! several vendors): each vendor's unit is written as on its own, then what a file may hold only
//! once (the package line, imports, `<?php`, magic comments, Python's JSON helpers) is taken off
//! each and written once, the union of what the units need. How a language lays out such a file
//! (Java nests the enums in a class, Go names its package-level lookups after each type) is its
//! own (see [`Language::shared_file`]).

use super::lang::Language;
use super::{Snippets, Source, Unit, out::Out, write_unit};
use std::collections::BTreeSet;

/// One file of several vendors' enums.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Module {
    pub text: String,
    /// The name the file must have where the language ties it to the code (Java's public
    /// class), or the package it declares (Go).
    pub file_name: Option<String>,
}

/// The enums of `parts` (each vendor's snippets, with the entries of it to list, and the error
/// body's type where the snippets have an envelope) in one file of their language, every name
/// in it distinct; or why they cannot share one (two vendors whose type names come out the same).
pub fn module<S: Source>(parts: Vec<(Snippets<'_>, Vec<S>)>) -> Result<Module, String> {
    let Some(language) = parts.first().map(|(s, _)| s.lang.language()) else {
        return Ok(Module {
            text: String::new(),
            file_name: None,
        });
    };
    let units: Vec<Unit> = parts
        .into_iter()
        .map(|(mut snippets, entries)| {
            snippets.shared_file = true;
            snippets.unit(&entries)
        })
        .collect();
    distinct_names(language, &units)?;
    let mut imports = BTreeSet::new();
    let mut bodies = Vec::with_capacity(units.len() + 1);
    let mut tail = None;
    for unit in &units {
        let mut out = Out::string();
        write_unit(unit, &mut out);
        let text = out.into_string();
        let (head, mut body) = split_head(language, &text);
        imports.extend(head.lines().filter_map(|l| language.import(l)));
        if let Some(unit_tail) = language.unit_tail()
            && let Some(rest) = body.strip_suffix(unit_tail)
        {
            tail = Some(unit_tail);
            body = rest;
        }
        bodies.push(body.trim_end().to_string());
    }
    bodies.extend(tail.map(|t| t.trim_end().to_string()));
    Ok(language.shared_file(&imports, &bodies))
}

/// The import lines of a shared file, each on its line, then `gap` when there are any.
pub(super) fn import_lines(imports: &BTreeSet<String>, gap: &str) -> String {
    let mut text = String::new();
    for line in imports {
        text.push_str(line);
        text.push('\n');
    }
    if !imports.is_empty() {
        text.push_str(gap);
    }
    text
}

/// Refuses units that would declare the same name at the file's top level: their types (and
/// body types), and their constants where a language puts them there (Go).
fn distinct_names(language: &dyn Language, units: &[Unit]) -> Result<(), String> {
    let mut seen: std::collections::HashMap<String, &str> = Default::default();
    for unit in units {
        let mut names = vec![unit.type_name.clone()];
        if let Some(body) = &unit.body {
            names.extend(body.types().iter().map(|t| t.name.clone()));
        }
        if language.constants_at_top_level() {
            names.extend(unit.variants.iter().map(|v| v.ident.clone()));
        }
        for name in names {
            if let Some(other) = seen.insert(name.clone(), &unit.vendor.id)
                && other != unit.vendor.id
            {
                return Err(format!(
                    "{other} and {} would both declare {name} in one file: copy them one vendor at a time",
                    unit.vendor.id
                ));
            }
        }
    }
    Ok(())
}

/// A unit's text split where its own code starts: the leading lines a file holds once (and the
/// blank lines between them), and the rest.
fn split_head<'t>(language: &dyn Language, text: &'t str) -> (&'t str, &'t str) {
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let l = line.trim_end_matches('\n');
        if !(l.is_empty() || language.is_head_line(l)) {
            break;
        }
        at += line.len();
    }
    text.split_at(at)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::{Entry, Vendor};
    use crate::snippet::Lang;
    use crate::snippet::tests::vendor;

    fn entries(codes: &[&str]) -> Vec<Entry> {
        codes
            .iter()
            .map(|c| Entry {
                code: (*c).into(),
                message: Some(format!("message {c}")),
                ..Entry::default()
            })
            .collect()
    }

    fn two(lang: Lang, a: &Vendor, b: &Vendor) -> Result<Module, String> {
        let (ea, eb) = (entries(&["1", "2"]), entries(&["x_y", "z"]));
        module(vec![
            (Snippets::new(lang, a, &ea), ea.iter().collect::<Vec<_>>()),
            (Snippets::new(lang, b, &eb), eb.iter().collect()),
        ])
    }

    #[test]
    fn a_file_holds_its_prelude_once() {
        let (a, b) = (vendor("acme"), vendor("globex"));
        let once = |lang, line: &str| {
            let m = two(lang, &a, &b).unwrap();
            assert_eq!(
                m.text.matches(line).count(),
                1,
                "{lang}: {line}\n{}",
                m.text
            );
            m
        };
        let go = once(Lang::Go, "package ");
        assert!(
            go.text.contains("func AcmeErrorFromCode(")
                && go.text.contains("func GlobexErrorFromCode(")
        );
        assert!(go.text.contains("func ParseAcmeError("), "{}", go.text);
        assert_eq!(go.file_name.as_deref(), Some("package errcodes"));
        once(Lang::Php, "<?php");
        once(Lang::Php, "declare(strict_types=1);");
        once(Lang::Ruby, "# frozen_string_literal: true");
        once(Lang::Javascript, "// @ts-check");
        once(Lang::Python, "import enum");
        once(Lang::CSharp, "using System;");
        let java = once(Lang::Java, "public final class ErrorCodes");
        assert!(
            java.text.contains("    public enum AcmeError {"),
            "{}",
            java.text
        );
        assert_eq!(java.file_name.as_deref(), Some("ErrorCodes.java"));
    }

    #[test]
    fn vendors_whose_names_come_out_the_same_are_refused_with_the_reason() {
        let why = two(Lang::Rust, &vendor("foo-bar"), &vendor("foo_bar")).unwrap_err();
        assert!(
            why.contains("foo-bar and foo_bar") && why.contains("FooBarError"),
            "{why}"
        );
    }
}
