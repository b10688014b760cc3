//! Several vendors' enums in one file that compiles as it is (the explorer's `Y` over rows of
//! several vendors): each vendor's unit is written as on its own, then what a file may hold only
//! once (the package line, imports, `<?php`, magic comments) is taken off each and written once
//! at the top, the union of what the units need. Java, which allows one public type per file,
//! nests the enums in a class; Go names its package-level lookups after each type.

use super::{Lang, Snippets, Source, Unit, out::Out, python, write_unit};
use std::collections::BTreeSet;

/// The package a Go file of several vendors declares.
pub const GO_PACKAGE: &str = "errcodes";
/// The class a Java file of several vendors nests their enums in (and the file's name).
pub const JAVA_CLASS: &str = "ErrorCodes";

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
    let Some(lang) = parts.first().map(|(s, _)| s.lang) else {
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
    distinct_names(lang, &units)?;
    let mut heads = BTreeSet::new();
    let mut bodies = Vec::with_capacity(units.len());
    let mut python_helpers = false;
    for unit in &units {
        let mut out = Out::string();
        write_unit(unit, &mut out);
        let text = out.into_string();
        let (head, mut body) = split_head(lang, &text);
        heads.extend(imports(lang, head));
        if lang == Lang::Python
            && let Some(rest) = body.strip_suffix(python::JSON_HELPERS)
        {
            // The body types' JSON helpers: the same in every unit, written once at the end.
            python_helpers = true;
            body = rest.trim_end();
        }
        bodies.push(body.trim_end().to_string());
    }
    let mut text = String::new();
    let mut file_name = None;
    match lang {
        Lang::Rust | Lang::Typescript => {}
        Lang::Javascript => text.push_str("// @ts-check\n\n"),
        Lang::Python | Lang::Kotlin | Lang::CSharp | Lang::Java => {
            for line in &heads {
                text.push_str(line);
                text.push('\n');
            }
            if !heads.is_empty() {
                text.push_str(if lang == Lang::Python { "\n\n" } else { "\n" });
            }
        }
        Lang::Go => {
            text.push_str(&format!(
                "// Package {GO_PACKAGE} holds the error codes of several APIs, a type each.\n\
                 package {GO_PACKAGE}\n\n"
            ));
            match heads.len() {
                0 => {}
                1 => text.push_str(&format!("import \"{}\"\n\n", heads.first().unwrap())),
                _ => {
                    text.push_str("import (\n");
                    for h in &heads {
                        text.push_str(&format!("\t\"{h}\"\n"));
                    }
                    text.push_str(")\n\n");
                }
            }
            file_name = Some(format!("package {GO_PACKAGE}"));
        }
        Lang::Php => text.push_str("<?php\n\ndeclare(strict_types=1);\n\n"),
        Lang::Ruby => text.push_str("# frozen_string_literal: true\n\n"),
    }
    let gap = if lang == Lang::Python {
        "\n\n\n"
    } else {
        "\n\n"
    };
    let joined = bodies.join(gap);
    if lang == Lang::Java {
        // One public type per file: the enums, public, nested in a class of the file's name.
        text.push_str(&format!(
            "/** Error codes of several APIs, an enum each. */\n\
             public final class {JAVA_CLASS} {{\n    private {JAVA_CLASS}() {{\n    }}\n\n"
        ));
        for line in joined.lines() {
            if !line.is_empty() {
                text.push_str("    ");
                text.push_str(line);
            }
            text.push('\n');
        }
        text.push_str("}\n");
        file_name = Some(format!("{JAVA_CLASS}.java"));
    } else {
        text.push_str(&joined);
        text.push('\n');
    }
    if python_helpers {
        text.push_str("\n\n");
        text.push_str(python::JSON_HELPERS);
    }
    Ok(Module { text, file_name })
}

/// Refuses units that would declare the same name at the file's top level: their types (and
/// body types), and in Go, where an enum's constants live in the package, its constants.
fn distinct_names(lang: Lang, units: &[Unit]) -> Result<(), String> {
    let mut seen: std::collections::HashMap<String, &str> = Default::default();
    for unit in units {
        let mut names = vec![unit.type_name.clone()];
        if let Some(body) = &unit.body {
            names.extend(body.types().iter().map(|t| t.name.clone()));
        }
        if lang == Lang::Go {
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
fn split_head(lang: Lang, text: &str) -> (&str, &str) {
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let l = line.trim_end_matches('\n');
        if !(l.is_empty() || is_head_line(lang, l)) {
            break;
        }
        at += line.len();
    }
    text.split_at(at)
}

/// Whether `line` belongs to what a file of `lang` holds once, at its top.
fn is_head_line(lang: Lang, line: &str) -> bool {
    match lang {
        Lang::Rust | Lang::Typescript => false,
        Lang::Javascript => line == "// @ts-check",
        Lang::Python => line.starts_with("import ") || line.starts_with("from "),
        Lang::Go => {
            line.starts_with("// Package ")
                || line.starts_with("package ")
                || line.starts_with("import ")
                || line.starts_with("\t\"")
                || line == ")"
        }
        Lang::Java | Lang::Kotlin => line.starts_with("import "),
        Lang::CSharp => line.starts_with("using "),
        Lang::Php => line == "<?php" || line.starts_with("declare("),
        Lang::Ruby => line.starts_with("# frozen_string_literal:"),
    }
}

/// The imports a unit's head asks for: whole lines (`import enum`, `using System;`), or for Go
/// the packages' paths.
fn imports(lang: Lang, head: &str) -> Vec<String> {
    head.lines()
        .filter_map(|l| match lang {
            Lang::Go => {
                let quoted = l.strip_prefix("import ").unwrap_or(l).trim();
                let path = quoted.strip_prefix('"')?.strip_suffix('"')?;
                Some(path.to_string())
            }
            Lang::Python => (l.starts_with("import ") || l.starts_with("from ")).then(|| l.into()),
            Lang::Java | Lang::Kotlin => l.starts_with("import ").then(|| l.to_string()),
            Lang::CSharp => l.starts_with("using ").then(|| l.to_string()),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::{Entry, Vendor};

    fn vendor(id: &str) -> Vendor {
        Vendor {
            id: id.into(),
            name: id.to_uppercase(),
            ..Vendor::default()
        }
    }

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
