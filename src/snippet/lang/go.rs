//! Go: a package named after the vendor (`package pixnet`), `type PixnetError int` (or
//! `string` for string codes) with one constant per code (`PixnetInvalidExpiredToken
//! PixnetError = 1000`), `FromCode(code) (PixnetError, bool)`, `Parse("1302")` for integer
//! codes, and `Code`, `Message`, `HTTPStatus` (0 when unknown), `Kind` ("" when unknown),
//! `IsRetryable` and `Error` methods, so a `PixnetError` is an `error`. With an envelope, the
//! body as structs with `json` tags, whose `Err()` maps the code to the constant and
//! `IsError()` reads the flag. gofmt-clean.
//!
//! The arm: `case 1004:` and `return PixnetX, true // message` on the next line, a case of
//! `FromCode`'s `switch`.

use super::{About, Language};
use super::{DocumentImport, InDocument};
use crate::catalog::Vendor;
use crate::snippet::Module;
use crate::snippet::body::{Field, FlagTests, FlagType, Shape, Spelling, described};
use crate::snippet::literal::{self, quoted};
use crate::snippet::naming;
use crate::snippet::out::Out;
use crate::snippet::{CodeType, Unit, Variant, one_line};
use std::collections::BTreeSet;
use std::fmt::Write;

/// The Go writer (see the module's documentation).
pub(super) struct Go;

impl Language for Go {
    fn ident(&self, vendor: &Vendor, words: &[String]) -> String {
        format!("{}{}", prefix(vendor), go_camel(words))
    }

    /// The body types share the package with the constants: no constant takes a name that
    /// starts like theirs.
    fn is_reserved(&self, type_name: &str, name: &str) -> bool {
        let reserved = self.about().reserved;
        reserved.iter().any(|names| names.contains(&name))
            || name.starts_with(&format!("{type_name}Body"))
    }

    #[cfg(test)]
    fn examples(&self) -> super::Examples {
        super::Examples {
            once: [" = 4109\n", "case 4109:"],
            reserved: "FromCode Parse string func XBodyItem",
            text: "\u{FEFF}\u{E0041}",
            literal: "\"\\ufeff\\U000e0041\"",
            comment_text: "a\r\nb // c\u{202E}",
            comment: "a b // c",
        }
    }

    fn about(&self) -> About {
        About {
            title: "Go",
            case: go_camel,
            names: "go golang",
            imports: "import",
            reserved: &[GO_KEYWORDS, GO_GENERATED, GO_PREDECLARED],
            editor_ids: "go",
            line_comment: one_line,
            arm: "case {code}:\n\treturn {member}, true",
            comment: "//",
            extensions: "go",
            literal,
        }
    }

    fn enumeration(&self, unit: &Unit, out: &mut Out) {
        let t = &unit.type_name;
        let (from_code, parse) = lookup_names(unit);
        let package = go_package(unit.vendor);
        let vendor = one_line(&unit.vendor.name);
        let _ = writeln!(
            out,
            "// Package {package} holds the error codes of {vendor}."
        );
        let _ = writeln!(out, "package {package}\n");
        let mut imports = Vec::new();
        let hex = unit.hex.filter(|_| unit.code_type == CodeType::Int);
        if hex.is_some() {
            imports.push("fmt");
        }
        if unit.code_type == CodeType::Int {
            imports.push("strconv");
        }
        if unit.body.as_ref().is_some_and(has_text_flag) {
            imports.push("strings");
        }
        match imports.as_slice() {
            [] => {}
            [one] => {
                let _ = writeln!(out, "import \"{one}\"\n");
            }
            many => {
                out.push_str("import (\n");
                for i in many {
                    let _ = writeln!(out, "\t\"{i}\"");
                }
                out.push_str(")\n\n");
            }
        }
        let _ = writeln!(
            out,
            "// {t} is an error code of {vendor}, as the API returns it."
        );
        let _ = writeln!(out, "type {t} {}\n", code_type(unit));
        let _ = writeln!(out, "// Error codes of {vendor}.");
        out.push_str("const (\n");
        for (i, v) in unit.variants.iter().enumerate() {
            if i > 0 {
                out.push('\n');
            }
            let (ident, code) = (&v.ident, one_line(&v.code));
            let first = |d: &str| format!("\t// {ident} ({code}): {}", one_line(d));
            v.write_docs(out, first, |d| format!("\t// {}", one_line(d)));
            let _ = writeln!(out, "\t{} {t} = {}", v.ident, v.code_literal(literal));
        }
        out.push_str(")\n\n");

        let _ = writeln!(
            out,
            "// {from_code} returns the {t} for an error code as the API returns it (matched\n\
             // exactly), and false when the code is unknown."
        );
        let _ = writeln!(
            out,
            "func {from_code}(code {}) ({t}, bool) {{",
            code_type(unit)
        );
        let close = format!("\t}}\n\treturn {}, false\n}}\n\n", zero(unit));
        unit.write_from_code(out, "\tswitch code {\n", "\t", &close);

        if hex.is_some() {
            let _ = writeln!(
                out,
                "// Parse returns the {t} for a code written as text (\"0x80070005\"; leading\n\
                 // zeros allowed), and false when it is not a hex number or not a known code."
            );
            let _ = writeln!(out, "func Parse(code string) ({t}, bool) {{");
            out.push_str(
                "\tif len(code) < 3 || (code[:2] != \"0x\" && code[:2] != \"0X\") {\n\t\treturn 0, false\n\t}\n",
            );
            let (bits, ty) = match int_type(unit) {
                "int" => (31, "int"),
                _ => (63, "int64"),
            };
            let _ = writeln!(
                out,
                "\tn, err := strconv.ParseUint(code[2:], 16, {bits})\n\tif err != nil {{\n\t\treturn 0, false\n\t}}\n\
                 \treturn FromCode({ty}(n))\n}}\n"
            );
        } else if unit.code_type == CodeType::Int {
            let _ = writeln!(
                out,
                "// {parse} returns the {t} for a code written as text (\"1302\"; leading zeros\n\
                 // allowed), and false when it is not a number or not a known code."
            );
            let _ = writeln!(out, "func {parse}(code string) ({t}, bool) {{");
            if int_type(unit) == "int" {
                out.push_str("\tn, err := strconv.Atoi(code)\n");
            } else {
                out.push_str("\tn, err := strconv.ParseInt(code, 10, 64)\n");
            }
            let _ = writeln!(
                out,
                "\tif err != nil {{\n\t\treturn 0, false\n\t}}\n\treturn {from_code}(n)\n}}\n"
            );
        }

        out.push_str("// Code returns the error code as the API returns it.\n");
        let _ = writeln!(
            out,
            "func (e {t}) Code() {ty} {{\n\treturn {ty}(e)\n}}\n",
            ty = code_type(unit)
        );

        let lookup = |out: &mut Out,
                      doc: &str,
                      sig: &str,
                      zero: &str,
                      value: &dyn Fn(&Variant) -> Option<String>| {
            let _ = writeln!(out, "{doc}");
            let _ = writeln!(out, "func (e {t}) {sig} {{");
            let cases = unit.values(value);
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
            out,
            "// Message returns the message the API returns with the code (the summary where the\n\
             // source has none), or \"\" for an unknown code.",
            "Message() string",
            "\"\"",
            &|v| Some(literal(&v.message)),
        );
        out.push('\n');
        lookup(
            out,
            "// HTTPStatus returns the HTTP status the API answers with, or 0 where the source gives\n\
             // none.",
            "HTTPStatus() int",
            "0",
            &|v| v.http_status.map(|s| s.to_string()),
        );
        out.push('\n');
        lookup(
            out,
            "// Kind returns the kind of problem in errdex's vocabulary across vendors (\"rate_limit\",\n\
             // \"not_found\", ...), or \"\" where the catalog gives none.",
            "Kind() string",
            "\"\"",
            &|v| v.kind_id().map(literal),
        );
        out.push('\n');
        out.push_str(
            "// IsRetryable reports whether sending the same request again later may succeed (back\n\
             // off, then retry).\n",
        );
        let _ = writeln!(out, "func (e {t}) IsRetryable() bool {{");
        if let Some(idents) = unit.retryable_members(|v| v.ident.clone(), ",\n\t\t") {
            let _ = writeln!(
                out,
                "\tswitch e {{\n\tcase {idents}:\n\t\treturn true\n\t}}"
            );
        }
        out.push_str("\treturn false\n}\n\n");
        out.push_str("// Error implements the error interface: the code and its message.\n");
        let text = match (unit.code_type, int_type(unit)) {
            (CodeType::Str, _) => "string(e)".to_string(),
            (CodeType::Int, _) if let Some(hex) = hex => {
                format!("fmt.Sprintf(\"{}\", {}(e))", hex.printf(), int_type(unit))
            }
            (CodeType::Int, "int") => "strconv.Itoa(int(e))".into(),
            (CodeType::Int, _) => "strconv.FormatInt(int64(e), 10)".into(),
        };
        let _ = writeln!(
            out,
            "func (e {t}) Error() string {{\n\treturn {text} + \": \" + e.Message()\n}}"
        );
    }

    /// A body type: a struct of pointer fields (nil when the body lacks the key) tagged with the
    /// keys the API sends, with `Err()` where the object holds a code and `IsError()` where it
    /// holds the flag.
    fn body_type(&self, unit: &Unit, shape: &Shape, root: bool, out: &mut Out) {
        let t = &unit.type_name;
        let vendor = one_line(&unit.vendor.name);
        let what = described(root).to_lowercase();
        let _ = writeln!(out, "// {} is {what} {vendor} sends.", shape.name);
        let names = field_names(shape);
        let rows: Vec<(String, String, String)> = shape
            .fields
            .iter()
            .zip(&names)
            .map(|(f, name)| {
                let int_code = format!("*{}", int_type(unit));
                let ty = f.ty.spelled(&Spelling {
                    int_code: &int_code,
                    ..FIELD_TYPES
                });
                (name.clone(), ty, tag(&f.key))
            })
            .collect();
        let _ = writeln!(out, "type {} struct {{", shape.name);
        // gofmt's columns: names, then types, padded with spaces to the widest plus one.
        let name_width = rows.iter().map(|r| r.0.len()).max().unwrap_or(0);
        let type_width = rows.iter().map(|r| r.1.len()).max().unwrap_or(0);
        for (name, ty, tag) in &rows {
            let _ = writeln!(out, "\t{name:name_width$} {ty:type_width$} {tag}");
        }
        out.push_str("}\n");

        if let Some(code) = shape.code_path() {
            let _ = writeln!(
                out,
                "\n// Err returns the error the body's code names, and false when the body holds no\n\
                 // code of {t}'s."
            );
            let _ = writeln!(out, "func (b {}) Err() ({t}, bool) {{", shape.name);
            let (checks, value) = access(shape, &code);
            let _ = writeln!(
                out,
                "\tif {} {{\n\t\treturn {}, false\n\t}}\n\treturn {}(*{value})\n}}",
                checks.join(" || "),
                zero(unit),
                lookup_names(unit).0
            );
        }
        if let Some(flag) = shape.flag() {
            let key = one_line(flag.key);
            let _ = writeln!(
                out,
                "\n// IsError reports whether the body's {key} says it reports an error."
            );
            let _ = writeln!(out, "func (b {}) IsError() bool {{", shape.name);
            let (checks, value) = access(shape, &flag.path);
            let test = flag.ty.test(&value, &FLAG_TESTS, literal);
            let present: Vec<String> = checks.iter().map(|c| c.replace("==", "!=")).collect();
            let _ = writeln!(out, "\treturn {} && {test}\n}}", present.join(" && "));
        }
    }

    fn is_head_line(&self, line: &str) -> bool {
        line.starts_with("// Package ")
            || line.starts_with("package ")
            || line.starts_with("import ")
            || line.starts_with("\t\"")
            || line == ")"
    }

    /// The package's path, from `import "strconv"` or a line of an `import ( … )` block.
    fn import(&self, line: &str) -> Option<String> {
        let quoted = line.strip_prefix("import ").unwrap_or(line).trim();
        let path = quoted.strip_prefix('"')?.strip_suffix('"')?;
        Some(path.to_string())
    }

    fn constants_at_top_level(&self) -> bool {
        true
    }

    /// One package, [`SHARED_PACKAGE`], whose lookups carry each type's name (`PixnetErrorFromCode`).
    fn shared_file(&self, imports: &BTreeSet<String>, parts: &[String]) -> Module {
        let mut text = format!(
            "// Package {SHARED_PACKAGE} holds the error codes of several APIs, a type each.\n\
             package {SHARED_PACKAGE}\n\n"
        );
        match imports.len() {
            0 => {}
            1 => {
                let _ = writeln!(text, "import \"{}\"\n", imports.first().map_or("", |p| p));
            }
            _ => {
                text.push_str("import (\n");
                for path in imports {
                    let _ = writeln!(text, "\t\"{path}\"");
                }
                text.push_str(")\n\n");
            }
        }
        text.push_str(&parts.join("\n\n"));
        text.push('\n');
        Module {
            text,
            file_name: Some(format!("package {SHARED_PACKAGE}")),
        }
    }

    fn in_document(&self, line: &str) -> InDocument {
        if line.starts_with("package ") {
            InDocument::Package
        } else if line.trim() == "import (" || line.trim() == ")" {
            InDocument::Dropped
        } else if line.starts_with("import ") {
            InDocument::Import(line.to_string())
        } else if line.starts_with("\t\"") {
            // A line of the unit's `import ( … )` block.
            InDocument::Import(format!("import {}", line.trim()))
        } else {
            InDocument::Code
        }
    }

    fn document_import(&self, line: &str) -> DocumentImport {
        match line.strip_prefix("import ") {
            Some(rest) if rest.trim_end().ends_with('(') => DocumentImport::Block,
            Some(_) => DocumentImport::Line,
            None => DocumentImport::No,
        }
    }

    /// `"strconv"` inside an `import (` block, or an aliased single import.
    fn imports_alike(&self, line: &str, import: &str) -> bool {
        let path = import.trim_start_matches("import").trim();
        line == path || line.ends_with(&format!(" {path}"))
    }
}

/// The package a file of several vendors declares.
const SHARED_PACKAGE: &str = "errcodes";

/// Go's integer type for the unit's codes: `int`, or `int64` when a code needs more than 32
/// bits (`int` is 32 bits wide on some platforms).
fn int_type(unit: &Unit) -> &'static str {
    if unit.codes_fit_i32() { "int" } else { "int64" }
}

/// The type under the unit's enum type, which `FromCode` takes and `Code` returns.
fn code_type(unit: &Unit) -> &'static str {
    match unit.code_type {
        CodeType::Int => int_type(unit),
        CodeType::Str => "string",
    }
}

/// The package-level lookups' names: `FromCode` and `Parse` in a vendor's own package, and
/// `PixnetErrorFromCode` and `ParsePixnetError` in a package shared by several vendors.
fn lookup_names(unit: &Unit) -> (String, String) {
    let t = &unit.type_name;
    if unit.shared_file {
        (format!("{t}FromCode"), format!("Parse{t}"))
    } else {
        ("FromCode".to_string(), "Parse".to_string())
    }
}

/// The zero value `FromCode` returns with `false`.
fn zero(unit: &Unit) -> &'static str {
    match unit.code_type {
        CodeType::Int => "0",
        CodeType::Str => "\"\"",
    }
}

fn has_text_flag(shape: &Shape) -> bool {
    shape
        .flag()
        .is_some_and(|flag| matches!(flag.ty, FlagType::Text { .. }))
}

/// The nil checks on the way to a field (`b.ErrResponse == nil`, `b.ErrResponse.Code ==
/// nil`) and the expression of the field itself.
fn access(shape: &Shape, path: &[&Field]) -> (Vec<String>, String) {
    let mut expr = String::from("b");
    let mut checks = Vec::new();
    for name in shape.names_along(path, |s, _| field_names(s)) {
        let _ = write!(expr, ".{name}");
        checks.push(format!("{expr} == nil"));
    }
    (checks, expr)
}

/// The struct tag for a key: `json:"botId,omitempty"`. A key encoding/json cannot name in a
/// tag (a comma, a quote, a backslash, a backtick, a control character) is skipped with
/// `json:"-"`: the field then stays nil rather than taking another key's value.
fn tag(key: &str) -> String {
    let valid = !key.is_empty()
        && key.chars().all(|c| {
            c.is_alphanumeric() || (c.is_ascii_punctuation() && !"\"\\,`'".contains(c)) || c == ' '
        });
    if valid {
        format!("`json:\"{key},omitempty\"`")
    } else {
        "`json:\"-\"`".into()
    }
}

/// Exported MixedCaps field names for a shape's keys (`ErrResponse`, `BotID`), a number
/// appended where two keys give the same name or a key the name of a method (`Err`).
fn field_names(shape: &Shape) -> Vec<String> {
    let bases = shape.fields.iter().map(|f| go_camel(&f.words));
    naming::unique(bases, "", |name| matches!(name, "Err" | "IsError"))
}

/// The types of a body's fields in Go, pointers (nil when the body lacks the key).
const FIELD_TYPES: Spelling = Spelling {
    int_code: "*int",
    text: "*string",
    number: "*int",
    bool: "*bool",
    object: "*{}",
    list: "[]{}",
    any: "any",
};

/// How Go tests the flag that says a body reports an error.
const FLAG_TESTS: FlagTests = FlagTests {
    is_true: "*{value}",
    is_false: "!*{value}",
    nonzero: "*{value} != 0",
    text: "strings.EqualFold(*{value}, {text})",
};

pub(super) fn literal(s: &str) -> String {
    quoted(s, &STYLE)
}

const STYLE: literal::Style = literal::Style {
    escape: literal::short_or_long,
    special: &[],
};

const GO_KEYWORDS: &[&str] = &[
    "break",
    "case",
    "chan",
    "const",
    "continue",
    "default",
    "defer",
    "else",
    "fallthrough",
    "for",
    "func",
    "go",
    "goto",
    "if",
    "import",
    "interface",
    "map",
    "package",
    "range",
    "return",
    "select",
    "struct",
    "switch",
    "type",
    "var",
];

const GO_PREDECLARED: &[&str] = &[
    "any",
    "bool",
    "byte",
    "comparable",
    "complex64",
    "complex128",
    "error",
    "float32",
    "float64",
    "int",
    "int8",
    "int16",
    "int32",
    "int64",
    "rune",
    "string",
    "uint",
    "uint8",
    "uint16",
    "uint32",
    "uint64",
    "uintptr",
    "true",
    "false",
    "iota",
    "nil",
    "append",
    "cap",
    "clear",
    "close",
    "complex",
    "copy",
    "delete",
    "imag",
    "len",
    "make",
    "max",
    "min",
    "new",
    "panic",
    "print",
    "println",
    "real",
    "recover",
];

/// Package-level names the Go unit defines.
const GO_GENERATED: &[&str] = &["FromCode", "Parse"];

/// golint's common initialisms.
const GO_INITIALISMS: &[&str] = &[
    "ACL", "API", "ASCII", "CPU", "CSS", "DNS", "EOF", "GUID", "HTML", "HTTP", "HTTPS", "ID", "IP",
    "JSON", "LHS", "QPS", "RAM", "RHS", "RPC", "SLA", "SMTP", "SQL", "SSH", "TCP", "TLS", "TTL",
    "UDP", "UI", "UID", "UUID", "URI", "URL", "UTF8", "VM", "XML", "XMPP", "XSRF", "XSS",
];

/// The prefix of a vendor's constants: its words in Go's camel case (`Pixnet` in
/// `PixnetExceedAnonymousRateLimit`).
pub(in crate::snippet) fn prefix(vendor: &Vendor) -> String {
    go_camel(&naming::vendor_words(vendor))
}

/// The Go package name for a vendor: its id in lower case without separators (`tencentim`),
/// never a keyword or predeclared name.
pub(super) fn go_package(vendor: &Vendor) -> String {
    let name: String = naming::vendor_words(vendor).concat();
    if GO_KEYWORDS.contains(&name.as_str()) || GO_PREDECLARED.contains(&name.as_str()) {
        format!("{name}codes")
    } else {
        name
    }
}

/// Go's MixedCaps with its initialisms upper case (`HTTPRequestURL`).
pub(super) fn go_camel(words: &[String]) -> String {
    words
        .iter()
        .map(|w| {
            let upper = w.to_ascii_uppercase();
            if GO_INITIALISMS.contains(&upper.as_str()) {
                upper
            } else {
                naming::capitalize(w)
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_name_only_keys_encoding_json_can_match() {
        for key in ["botId", "X-Request-ID"] {
            assert_eq!(tag(key), format!("`json:\"{key},omitempty\"`"));
        }
        for bad in ["a,b", "a\"b", "a`b", "a\nb", ""] {
            assert_eq!(tag(bad), "`json:\"-\"`", "{bad:?}");
        }
    }
}
