//! Rust: `pub enum PixnetError { … }` with `from_code`, `parse` (integer codes), `code`,
//! `message`, `http_status`, `kind` and `is_retryable`, `Display` and `std::error::Error`;
//! with an envelope, the body as serde structs whose `error()` maps the code to the enum.
//!
//! The arm: `1004 => PixnetError::DeveloperAccountOwnsApiKey, // The developer account …`,
//! a line of `from_code`'s `Some(match code { … _ => return None })`.

use super::{About, LOOKUPS_SNAKE, Language};
use crate::snippet::body::{Field, FieldType, FlagTests, Shape, Spelling, described};
use crate::snippet::literal::{self, quoted};
use crate::snippet::naming;
use crate::snippet::out::Out;
use crate::snippet::{CodeType, Unit, Variant, break_up, one_line};
use std::fmt::Write;

/// The Rust writer (see the module's documentation).
pub(super) struct Rust;

impl Language for Rust {
    #[cfg(test)]
    fn examples(&self) -> super::Examples {
        super::Examples {
            once: ["=> 4109,", "4109 =>"],
            reserved: "Self None from_code gen",
            text: "a\"b\\c\nd\te 錯誤 😀 ${x} %s {} \u{202E}\u{0}",
            literal: "\"a\\\"b\\\\c\\nd\\te 錯誤 😀 ${x} %s {} \\u{202e}\\u{0}\"",
            comment_text: "a\nb ``` c ``````",
            comment: "a b `` ` c `` `` ` `",
        }
    }

    fn about(&self) -> About {
        About {
            title: "Rust",
            case: naming::upper_camel,
            names: "rust rs",
            imports: "use",
            reserved: &[KEYWORDS, TAKEN, LOOKUPS_SNAKE],
            editor_ids: "rust",
            line_comment: comment,
            arm: "{code} => {type}::{member},",
            comment: "//",
            extensions: "rs",
            literal,
        }
    }

    fn enumeration(&self, unit: &Unit, out: &mut Out) {
        let t = &unit.type_name;
        let _ = writeln!(out, "/// Error codes of {}.", comment(&unit.vendor.name));
        out.push_str("#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]\n");
        let _ = writeln!(out, "pub enum {t} {{");
        for v in &unit.variants {
            // A blank line between paragraphs, as rustdoc wants them.
            let code = comment(&v.code).replace('`', "'");
            let first = |d: &str| format!("    /// `{code}`: {}", comment(d));
            v.write_docs(out, first, |d| format!("    ///\n    /// {}", comment(d)));
            let _ = writeln!(out, "    {},", v.ident);
        }
        out.push_str("}\n\n");

        let _ = writeln!(out, "impl {t} {{");
        out.push_str("    /// Every variant, in the catalog's order.\n");
        let _ = writeln!(out, "    pub const ALL: [{t}; {}] = [", unit.variants.len());
        unit.write_lines(out, |v| format!("        {t}::{},", v.ident));
        out.push_str("    ];\n\n");

        let (code_param, code_ret) = match unit.code_type {
            CodeType::Int => ("i64", "i64"),
            CodeType::Str => ("&str", "&'static str"),
        };
        out.push_str(
            "    /// The variant for an error code as the API sends it (matched exactly).\n",
        );
        let _ = writeln!(
            out,
            "    pub fn from_code(code: {code_param}) -> Option<Self> {{"
        );
        let close = "            _ => return None,\n        })\n    }\n\n";
        unit.write_from_code(out, "        Some(match code {\n", "            ", close);
        if unit.code_type == CodeType::Int && unit.hex.is_some() {
            out.push_str(
                "    /// The variant for the code written as text (`\"0x80070005\"`; leading zeros allowed).\n",
            );
            out.push_str("    pub fn parse(code: &str) -> Option<Self> {\n");
            out.push_str(
                "        let digits = code.strip_prefix(\"0x\").or_else(|| code.strip_prefix(\"0X\"))?;\n",
            );
            out.push_str(
                "        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_hexdigit()) {\n            \
                 return None;\n        }\n",
            );
            out.push_str(
                "        i64::from_str_radix(digits, 16).ok().and_then(Self::from_code)\n    }\n\n",
            );
        } else if unit.code_type == CodeType::Int {
            out.push_str(
                "    /// The variant for the code written as text (`\"1302\"`; leading zeros allowed).\n",
            );
            out.push_str("    pub fn parse(code: &str) -> Option<Self> {\n");
            out.push_str("        code.parse::<i64>().ok().and_then(Self::from_code)\n    }\n\n");
        }

        let lookup = |out: &mut Out, doc: &str, sig: &str, value: &dyn Fn(&Variant) -> String| {
            let _ = writeln!(out, "    /// {doc}");
            let _ = writeln!(out, "    pub fn {sig} {{");
            out.push_str("        match *self {\n");
            unit.write_lines(out, |v| {
                format!("            {t}::{} => {},", v.ident, value(v))
            });
            out.push_str("        }\n    }\n");
        };
        lookup(
            out,
            "The error code as the API sends it.",
            &format!("code(&self) -> {code_ret}"),
            &|v| v.code_literal(literal),
        );
        out.push('\n');
        lookup(
            out,
            "The message the API returns with the code (the summary where the source has none).",
            "message(&self) -> &'static str",
            &|v| literal(&v.message),
        );
        out.push('\n');
        lookup(
            out,
            "The HTTP status the API answers with, where the source gives one.",
            "http_status(&self) -> Option<u16>",
            &|v| match v.http_status {
                Some(s) => format!("Some({s})"),
                None => "None".into(),
            },
        );
        out.push('\n');
        lookup(
            out,
            "The kind of problem, in errdex's vocabulary across vendors (`rate_limit`, `not_found`, …).",
            "kind(&self) -> Option<&'static str>",
            &|v| match v.kind_id() {
                Some(k) => format!("Some({})", literal(k)),
                None => "None".into(),
            },
        );
        out.push('\n');
        out.push_str(
            "    /// Whether sending the same request again later may succeed (back off, then retry).\n",
        );
        out.push_str("    pub fn is_retryable(&self) -> bool {\n");
        let members =
            unit.retryable_members(|v| format!("{t}::{}", v.ident), "\n                | ");
        let answer = members.map_or("false".to_string(), |members| {
            format!("matches!(\n            *self,\n            {members}\n        )")
        });
        let _ = writeln!(out, "        {answer}\n    }}");
        out.push_str("}\n\n");

        let _ = writeln!(out, "impl std::fmt::Display for {t} {{");
        out.push_str("    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {\n");
        let code = match unit.hex {
            Some(hex) if unit.code_type == CodeType::Int => {
                let case = if hex.upper { 'X' } else { 'x' };
                match hex.width {
                    0 => format!("0x{{:{case}}}"),
                    w => format!("0x{{:0{w}{case}}}"),
                }
            }
            _ => "{}".into(),
        };
        let _ = writeln!(
            out,
            "        write!(f, \"{code}: {{}}\", self.code(), self.message())\n    }}\n}}\n"
        );
        let _ = writeln!(out, "impl std::error::Error for {t} {{}}");
    }

    /// A body type: a serde struct of optional fields under the keys the API sends, with
    /// `error()` where the object holds a code and `is_error()` where it holds the flag.
    fn body_type(&self, unit: &Unit, shape: &Shape, root: bool, out: &mut Out) {
        let t = &unit.type_name;
        let vendor = comment(&unit.vendor.name);
        let _ = writeln!(out, "/// {} {vendor} sends.", described(root));
        out.push_str(
            "#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]\n",
        );
        let _ = writeln!(out, "pub struct {} {{", shape.name);
        let names = field_names(shape);
        for (f, name) in shape.fields.iter().zip(&names) {
            let ty = f.ty.spelled(&FIELD_TYPES);
            let skip = if matches!(f.ty, FieldType::List(_)) {
                "Vec::is_empty"
            } else {
                "Option::is_none"
            };
            let _ = writeln!(
                out,
                "    #[serde(rename = {}, default, skip_serializing_if = \"{skip}\")]",
                literal(&f.key)
            );
            let _ = writeln!(out, "    pub {name}: {ty},");
        }
        out.push_str("}\n");

        let (code, flag) = (shape.code_path(), shape.flag());
        if code.is_none() && flag.is_none() {
            return;
        }
        let _ = writeln!(out, "\nimpl {} {{", shape.name);
        if let Some(code) = &code {
            let _ = writeln!(
                out,
                "    /// The error the body's code names, when it is one of [`{t}`]'s."
            );
            let _ = writeln!(out, "    pub fn error(&self) -> Option<{t}> {{");
            let last = match unit.code_type {
                CodeType::Int => format!("and_then(|c| {t}::from_code(*c))"),
                CodeType::Str => format!("and_then(|c| {t}::from_code(c))"),
            };
            let _ = writeln!(out, "        {}", chain(shape, code, &last));
            out.push_str("    }\n");
        }
        if let Some(flag) = flag {
            if code.is_some() {
                out.push('\n');
            }
            let _ = writeln!(
                out,
                "    /// Whether the body's `{}` says it reports an error.",
                comment(&flag.key.replace('`', "'"))
            );
            out.push_str("    pub fn is_error(&self) -> bool {\n");
            // The test ends the chain that reaches the flag, so it reads no `{value}`.
            let test = flag.ty.test("", &FLAG_TESTS, literal);
            let _ = writeln!(out, "        {}", chain(shape, &flag.path, &test));
            out.push_str("    }\n");
        }
        out.push_str("}\n");
    }
}

/// `self.err_response.as_ref().and_then(|o| o.code.as_ref()).and_then(…)`: reaching a field
/// through optional objects, ending with `last`.
fn chain(shape: &Shape, path: &[&Field], last: &str) -> String {
    let mut expr = String::from("self");
    for (i, name) in shape
        .names_along(path, |s, _| field_names(s))
        .iter()
        .enumerate()
    {
        if i == 0 {
            let _ = write!(expr, ".{name}.as_ref()");
        } else {
            let _ = write!(expr, "\n            .and_then(|o| o.{name}.as_ref())");
        }
    }
    if path.len() > 1 {
        format!("{expr}\n            .{last}")
    } else {
        format!("{expr}.{last}")
    }
}

/// Snake-case field names for a shape's keys: keywords as raw identifiers, and a number
/// appended where two keys give the same name (`errorCode` and `error_code`).
fn field_names(shape: &Shape) -> Vec<String> {
    let bases = shape.fields.iter().map(|f| {
        let base = f.words.join("_");
        if matches!(base.as_str(), "self" | "super" | "crate") {
            format!("{base}_")
        } else if is_rust_keyword(&base) {
            format!("r#{base}")
        } else {
            base
        }
    });
    naming::unique(bases, "_", |_| false)
}

/// The types of a body's fields in Rust, optional.
const FIELD_TYPES: Spelling = Spelling {
    int_code: "Option<i64>",
    text: "Option<String>",
    number: "Option<i64>",
    bool: "Option<bool>",
    object: "Option<{}>",
    list: "Vec<{}>",
    any: "Option<serde_json::Value>",
};

/// How Rust tests the flag that says a body reports an error.
const FLAG_TESTS: FlagTests = FlagTests {
    is_true: "is_some_and(|f| *f)",
    is_false: "is_some_and(|f| !*f)",
    nonzero: "is_some_and(|f| *f != 0)",
    text: "is_some_and(|f| f.eq_ignore_ascii_case({text}))",
};

pub(super) fn literal(s: &str) -> String {
    quoted(s, &STYLE)
}

/// One line of a `//` or `///` comment; a run of three backticks (a doctest fence in
/// rustdoc) is broken up.
fn comment(s: &str) -> String {
    break_up(one_line(s), &[("```", "`` `")])
}

/// Rust: `\u{1f600}`.
const STYLE: literal::Style = literal::Style {
    escape: literal::braced,
    special: &[],
};

/// Rust's keywords: no variant takes one, and a field named so is written `r#name`.
const KEYWORDS: &[&str] = &[
    // Keywords, strict and reserved, every edition (2024's `gen` included).
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern",
    "false", "fn", "for", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub",
    "ref", "return", "self", "Self", "static", "struct", "super", "trait", "true", "type",
    "unsafe", "use", "where", "while", "abstract", "become", "box", "do", "final", "macro",
    "override", "priv", "typeof", "unsized", "virtual", "yield", "try", "gen", "union",
];

/// Names a Rust variant must not take beyond the keywords.
const TAKEN: &[&str] = &[
    // Prelude names a variant would shadow after `use PixnetError::*`.
    "Some", "None", "Ok", "Err", "Option", "Result", "Box", "String", "Vec", "ALL",
];

/// Whether `name` is a Rust keyword (a field named so is written `r#name`).
pub(super) fn is_rust_keyword(name: &str) -> bool {
    KEYWORDS.contains(&name)
}
