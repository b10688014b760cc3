//! Go: a package named after the vendor (`package pixnet`), `type PixnetError string` with one
//! constant per code (`PixnetInvalidExpiredToken PixnetError = "1000"`), `FromCode(code)
//! (PixnetError, bool)`, and `Code`, `Message`, `HTTPStatus` (0 when unknown) and `Error`
//! methods, so a `PixnetError` is an `error`. gofmt-clean.
//!
//! The arm: `case "1004":` and `return PixnetX, true // message` on the next line, a case of
//! `FromCode`'s `switch`.

use super::literal::{self, quoted};
use super::{Unit, Variant, indent, naming, one_line, trailing};
use std::fmt::Write;

pub(super) fn arm(_unit: &Unit, v: &Variant) -> String {
    format!(
        "case {}:\n\treturn {}, true{}",
        literal(&v.code),
        v.ident,
        trailing("//", &one_line(&v.message))
    )
}

pub(super) fn enumeration(unit: &Unit) -> String {
    let t = &unit.type_name;
    let package = naming::go_package(unit.vendor);
    let vendor = one_line(&unit.vendor.name);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "// Package {package} holds the error codes of {vendor}."
    );
    let _ = writeln!(out, "package {package}\n");
    let _ = writeln!(
        out,
        "// {t} is an error code of {vendor}, as the API returns it."
    );
    let _ = writeln!(out, "type {t} string\n");
    let _ = writeln!(out, "// Error codes of {vendor}.");
    out.push_str("const (\n");
    for (i, v) in unit.variants.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        for (j, d) in v.docs.iter().enumerate() {
            if j == 0 {
                let _ = writeln!(
                    out,
                    "\t// {} ({}): {}",
                    v.ident,
                    one_line(&v.code),
                    one_line(d)
                );
            } else {
                let _ = writeln!(out, "\t// {}", one_line(d));
            }
        }
        let _ = writeln!(out, "\t{} {t} = {}", v.ident, literal(&v.code));
    }
    out.push_str(")\n\n");

    let _ = writeln!(
        out,
        "// FromCode returns the {t} for an error code as the API returns it (matched\n\
         // exactly), and false when the code is unknown."
    );
    let _ = writeln!(out, "func FromCode(code string) ({t}, bool) {{");
    out.push_str("\tswitch code {\n");
    for v in &unit.variants {
        let _ = writeln!(out, "{}", indent(&arm(unit, v), "\t"));
    }
    out.push_str("\t}\n\treturn \"\", false\n}\n\n");

    out.push_str("// Code returns the error code as the API returns it.\n");
    let _ = writeln!(
        out,
        "func (e {t}) Code() string {{\n\treturn string(e)\n}}\n"
    );

    let lookup = |out: &mut String,
                  doc: &str,
                  sig: &str,
                  zero: &str,
                  value: &dyn Fn(&Variant) -> Option<String>| {
        let _ = writeln!(out, "{doc}");
        let _ = writeln!(out, "func (e {t}) {sig} {{");
        let cases: Vec<(&Variant, String)> = unit
            .variants
            .iter()
            .filter_map(|v| value(v).map(|x| (v, x)))
            .collect();
        if !cases.is_empty() {
            out.push_str("\tswitch e {\n");
            for (v, x) in cases {
                let _ = writeln!(out, "\tcase {}:\n\t\treturn {x}", v.ident);
            }
            out.push_str("\t}\n");
        }
        let _ = writeln!(out, "\treturn {zero}\n}}");
    };
    lookup(
        &mut out,
        "// Message returns the message the API returns with the code (the summary where the\n\
         // source has none), or \"\" for an unknown code.",
        "Message() string",
        "\"\"",
        &|v| Some(literal(&v.message)),
    );
    out.push('\n');
    lookup(
        &mut out,
        "// HTTPStatus returns the HTTP status the API answers with, or 0 where the source gives\n\
         // none.",
        "HTTPStatus() int",
        "0",
        &|v| v.http_status.map(|s| s.to_string()),
    );
    out.push('\n');
    out.push_str("// Error implements the error interface: the code and its message.\n");
    let _ = writeln!(
        out,
        "func (e {t}) Error() string {{\n\treturn string(e) + \": \" + e.Message()\n}}"
    );
    out
}

pub(super) fn literal(s: &str) -> String {
    quoted(s, &literal::GO)
}
