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

use super::body::{Field, FieldType, FlagType, Role, Shape};
use super::literal::{self, quoted};
use super::out::Out;
use super::{CodeType, Unit, Variant, indent, naming, one_line, trailing};
use std::fmt::Write;

pub(super) fn arm(_unit: &Unit, v: &Variant) -> String {
    format!(
        "case {}:\n\treturn {}, true{}",
        code_literal(v),
        v.ident,
        trailing("//", &one_line(&v.message))
    )
}

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

pub(super) fn enumeration(unit: &Unit, out: &mut Out) {
    let t = &unit.type_name;
    let (from_code, parse) = lookup_names(unit);
    let package = naming::go_package(unit.vendor);
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
        let _ = writeln!(out, "\t{} {t} = {}", v.ident, code_literal(v));
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
    out.push_str("\tswitch code {\n");
    for v in &unit.variants {
        let _ = writeln!(out, "{}", indent(&arm(unit, v), "\t"));
    }
    let _ = writeln!(out, "\t}}\n\treturn {}, false\n}}\n", zero(unit));

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
    let retryable: Vec<&str> = unit.retryable().map(|v| v.ident.as_str()).collect();
    if !retryable.is_empty() {
        let _ = writeln!(
            out,
            "\tswitch e {{\n\tcase {}:\n\t\treturn true\n\t}}",
            retryable.join(",\n\t\t")
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
    if let Some(body) = &unit.body {
        for shape in body.types() {
            out.push('\n');
            write_struct(out, unit, shape, std::ptr::eq(shape, body));
        }
    }
}

fn has_text_flag(shape: &super::body::Shape) -> bool {
    matches!(
        shape.path_to(Role::Flag).last().map(|f| &f.ty),
        Some(FieldType::Flag(FlagType::Text { .. }))
    )
}

/// A body type: a struct of pointer fields (nil when the body lacks the key) tagged with the
/// keys the API sends, with `Err()` where the object holds a code and `IsError()` where it
/// holds the flag.
fn write_struct(out: &mut Out, unit: &Unit, shape: &Shape, root: bool) {
    let t = &unit.type_name;
    let vendor = one_line(&unit.vendor.name);
    if root {
        let _ = writeln!(out, "// {} is the error body {vendor} sends.", shape.name);
    } else {
        let _ = writeln!(
            out,
            "// {} is part of the error body {vendor} sends.",
            shape.name
        );
    }
    let names = field_names(shape);
    let rows: Vec<(String, String, String)> = shape
        .fields
        .iter()
        .zip(&names)
        .map(|(f, name)| {
            let ty = match &f.ty {
                FieldType::Code(CodeType::Int) => format!("*{}", int_type(unit)),
                FieldType::Flag(FlagType::NonZero) => "*int".into(),
                FieldType::Code(CodeType::Str)
                | FieldType::Text
                | FieldType::Flag(FlagType::Text { .. }) => "*string".into(),
                FieldType::Flag(FlagType::Bool { .. }) => "*bool".into(),
                FieldType::Object(inner) => format!("*{}", inner.name),
                FieldType::List(inner) => format!("[]{}", inner.name),
                FieldType::Any => "any".into(),
            };
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

    let code = shape.path_to(Role::Code);
    if !code.is_empty() {
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
    let flag = shape.path_to(Role::Flag);
    if let Some(FieldType::Flag(flag_type)) = flag.last().map(|f| &f.ty) {
        let key = one_line(flag.last().map_or("", |f| f.key.as_str()));
        let _ = writeln!(
            out,
            "\n// IsError reports whether the body's {key} says it reports an error."
        );
        let _ = writeln!(out, "func (b {}) IsError() bool {{", shape.name);
        let (checks, value) = access(shape, &flag);
        let test = match flag_type {
            FlagType::Bool { error_when: true } => format!("*{value}"),
            FlagType::Bool { error_when: false } => format!("!*{value}"),
            FlagType::NonZero => format!("*{value} != 0"),
            FlagType::Text { error_when } => {
                format!("strings.EqualFold(*{value}, {})", literal(error_when))
            }
        };
        let present: Vec<String> = checks.iter().map(|c| c.replace("==", "!=")).collect();
        let _ = writeln!(out, "\treturn {} && {test}\n}}", present.join(" && "));
    }
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
    let mut used: Vec<String> = vec!["Err".into(), "IsError".into()];
    for f in &shape.fields {
        let base = naming::go_camel(&f.words);
        let mut name = base.clone();
        let mut n = 2;
        while used.contains(&name) {
            name = format!("{base}{n}");
            n += 1;
        }
        used.push(name);
    }
    used.split_off(2)
}

/// The code as the constants and arms write it: `1302` or `"data_validation_failed"`.
fn code_literal(v: &Variant) -> String {
    match v.int {
        Some(_) => v.literal.clone(),
        None => literal(&v.code),
    }
}

pub(super) fn literal(s: &str) -> String {
    quoted(s, &literal::GO)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_name_only_keys_encoding_json_can_match() {
        assert_eq!(tag("botId"), "`json:\"botId,omitempty\"`");
        assert_eq!(tag("X-Request-ID"), "`json:\"X-Request-ID,omitempty\"`");
        for bad in ["a,b", "a\"b", "a`b", "a\nb", ""] {
            assert_eq!(tag(bad), "`json:\"-\"`", "{bad:?}");
        }
    }
}
