//! Python (3.10+): `class PixnetError(enum.Enum)` whose values are the codes as the API sends
//! them (`int`, or `str` for string-coded vendors; so `PixnetError(1004)` works too), a
//! `from_code` classmethod with a `match`, `parse("1004")` for integer codes, and `code`,
//! `message`, `http_status`, `kind` and `is_retryable` properties backed by module-level
//! tables. With an envelope, the body as dataclasses whose `from_json(dict)` reads what
//! `json.loads` returns (a value of another type raises `ValueError`), with `error()` and
//! `is_error()`.
//!
//! The arm: `case 1004: return PixnetError.X  # message`, a line of `from_code`'s `match`.

use super::{About, InDocument, LOOKUPS_SNAKE, Language};
use crate::snippet::body::{Field, FieldType, FlagTests, Shape, Spelling, described};
use crate::snippet::literal::{self, quoted};
use crate::snippet::module::{Module, import_lines};
use crate::snippet::naming;
use crate::snippet::out::Out;
use crate::snippet::{CodeType, Unit, Variant, one_line};
use std::collections::BTreeSet;
use std::fmt::Write;

/// The Python writer (see the module's documentation).
pub(super) struct Python;

impl Language for Python {
    #[cfg(test)]
    fn examples(&self) -> super::Examples {
        super::Examples {
            once: [" = 4109\n", "case 4109:"],
            reserved: "None match from_code value",
            text: "a\"b\\c\nd %s {x} 錯誤\u{0}\u{E0041}",
            literal: "\"a\\\"b\\\\c\\nd %s {x} 錯誤\\u0000\\U000e0041\"",
            comment_text: "a\nb\t c  #d",
            comment: "a b c #d",
        }
    }

    fn about(&self) -> About {
        About {
            title: "Python",
            case: naming::upper_snake,
            names: "python py",
            imports: "import from",
            reserved: &[KEYWORDS, TAKEN, LOOKUPS_SNAKE],
            editor_ids: "python",
            line_comment: one_line,
            arm: "case {code}: return {type}.{member}",
            comment: " #",
            extensions: "py",
            literal,
        }
    }

    fn enumeration(&self, unit: &Unit, out: &mut Out) {
        let t = &unit.type_name;
        let consts = crate::snippet::naming::screaming(t);
        let messages = format!("_{consts}_MESSAGES");
        let statuses = format!("_{consts}_HTTP_STATUS");
        let kinds = format!("_{consts}_KINDS");
        let retryable = format!("_{consts}_RETRYABLE");
        let code = code_type(unit.code_type);
        if unit.body.is_some() {
            out.push_str("import dataclasses\n");
        }
        out.push_str("import enum\n");
        if unit.body.is_some() {
            out.push_str("import typing\n");
        }
        out.push_str("\n\n");
        let doc = format!("Error codes of {}.", unit.vendor.name);
        class_head(out, &format!("class {t}(enum.Enum)"), &doc);
        for v in &unit.variants {
            for d in &v.docs {
                let _ = writeln!(out, "    # {}", one_line(d));
            }
            let _ = writeln!(out, "    {} = {}", v.ident, v.code_literal(literal));
        }
        if !unit.variants.is_empty() {
            out.push('\n');
        }
        out.push_str("    @classmethod\n");
        let _ = writeln!(
            out,
            "    def from_code(cls, code: {code}) -> \"{t} | None\":"
        );
        out.push_str(
            "        \"\"\"The member for an error code as the API sends it (matched exactly).\"\"\"\n",
        );
        if unit.code_type == CodeType::Int {
            // A bool or a float compares equal to an int (`True == 1`, `1302.0 == 1302`).
            out.push_str("        if type(code) is not int:\n            return None\n");
        }
        // A `match` without cases is no Python.
        let open = if unit.variants.is_empty() {
            ""
        } else {
            "        match code:\n"
        };
        unit.write_from_code(out, open, "            ", "        return None\n\n");
        if unit.code_type == CodeType::Int {
            out.push_str("    @classmethod\n");
            let _ = writeln!(out, "    def parse(cls, code: str) -> \"{t} | None\":");
            if unit.hex.is_some() {
                out.push_str(
                    "        \"\"\"The member for the code written as text (\"0x80070005\"; leading zeros allowed).\"\"\"\n",
                );
                out.push_str(
                    "        digits = code[2:] if code[:2] in (\"0x\", \"0X\") else \"\"\n",
                );
                out.push_str(
                    "        if not digits or not all(c in \"0123456789abcdefABCDEF\" for c in digits):\n",
                );
                out.push_str("            return None\n");
                out.push_str("        return cls.from_code(int(digits, 16))\n\n");
            } else {
                out.push_str(
                    "        \"\"\"The member for the code written as text (\"1302\"; leading zeros allowed).\"\"\"\n",
                );
                out.push_str("        digits = code[1:] if code[:1] in (\"+\", \"-\") else code\n");
                out.push_str("        if not (digits.isascii() and digits.isdigit()):\n");
                out.push_str("            return None\n");
                out.push_str("        return cls.from_code(int(code))\n\n");
            }
        }

        let property = |out: &mut Out, name: &str, ty: &str, doc: &str, body: &str| {
            let _ = writeln!(
                out,
                "    @property\n    def {name}(self) -> {ty}:\n        \"\"\"{doc}\"\"\"\n        return {body}\n"
            );
        };
        property(
            out,
            "code",
            code,
            "The error code as the API sends it.",
            &format!("{code}(self.value)"),
        );
        property(
            out,
            "message",
            "str",
            "The message the API returns with the code (the summary where the source has none).",
            &format!("{messages}[self]"),
        );
        property(
            out,
            "http_status",
            "\"int | None\"",
            "The HTTP status the API answers with, where the source gives one.",
            &format!("{statuses}[self]"),
        );
        property(
            out,
            "kind",
            "\"str | None\"",
            "The kind of problem, in errdex's vocabulary across vendors (rate_limit, not_found, ...).",
            &format!("{kinds}[self]"),
        );
        property(
            out,
            "is_retryable",
            "bool",
            "Whether sending the same request again later may succeed (back off, then retry).",
            &format!("self in {retryable}"),
        );
        out.push('\n');

        let table = |out: &mut Out, name: &str, ty: &str, value: &dyn Fn(&Variant) -> String| {
            let _ = writeln!(out, "{name}: \"dict[{t}, {ty}]\" = {{");
            unit.write_lines(out, |v| format!("    {t}.{}: {},", v.ident, value(v)));
            out.push_str("}\n\n");
        };
        table(out, &messages, "str", &|v| literal(&v.message));
        table(out, &statuses, "int | None", &|v| {
            v.http_status.map_or("None".to_string(), |s| s.to_string())
        });
        table(out, &kinds, "str | None", &|v| {
            v.kind_id().map_or("None".to_string(), literal)
        });
        let members = unit.retryable_members(|v| format!("    {t}.{},\n", v.ident), "");
        let set = members.map_or("frozenset()".to_string(), |m| {
            format!("frozenset({{\n{m}}})")
        });
        let _ = writeln!(out, "{retryable}: \"frozenset[{t}]\" = {set}");
    }

    /// A body type: a dataclass of optional fields, read by `from_json` under the keys the API
    /// sends, with `error()` where the object holds a code and `is_error()` where it holds the flag.
    fn body_type(&self, unit: &Unit, shape: &Shape, root: bool, out: &mut Out) {
        let t = &unit.type_name;
        let name = &shape.name;
        let what = described(root);
        out.push_str("@dataclasses.dataclass\n");
        let doc = format!("{what} {} sends.", unit.vendor.name);
        class_head(out, &format!("class {name}"), &doc);
        let names = field_names(shape);
        for (f, field) in shape.fields.iter().zip(&names) {
            let line = match &f.ty {
                FieldType::List(inner) => format!(
                    "{field}: \"list[{}]\" = dataclasses.field(default_factory=list)",
                    inner.name
                ),
                FieldType::Any => format!("{field}: object = None"),
                other => format!("{field}: \"{} | None\" = None", value_type(other)),
            };
            let _ = writeln!(out, "    {line}");
        }
        if !shape.fields.is_empty() {
            out.push('\n');
        }
        out.push_str("    @classmethod\n");
        let _ = writeln!(out, "    def from_json(cls, data: object) -> \"{name}\":");
        out.push_str(
            "        \"\"\"Read from what json.loads returns; a value of another type raises ValueError.\"\"\"\n",
        );
        let _ = writeln!(out, "        o = _json_object(data, {})", literal(name));
        out.push_str("        return cls(\n");
        for (f, field) in shape.fields.iter().zip(&names) {
            let key = literal(&f.key);
            let value = match &f.ty {
                FieldType::Object(inner) => format!(
                    "{n}.from_json(o[{key}]) if o.get({key}) is not None else None",
                    n = inner.name
                ),
                FieldType::List(inner) => format!(
                    "[{}.from_json(item) for item in _json_list(o, {key})]",
                    inner.name
                ),
                FieldType::Any => format!("o.get({key})"),
                other => format!("_json_value(o, {key}, {})", value_type(other)),
            };
            let _ = writeln!(out, "            {field}={value},");
        }
        out.push_str("        )\n");

        if let Some(code) = shape.code_path() {
            let _ = writeln!(
                out,
                "\n    def error(self) -> \"{t} | None\":\n        \
                 \"\"\"The error the body's code names, when it is one of {t}'s.\"\"\""
            );
            let _ = writeln!(
                out,
                "{}",
                delegate(shape, &code, "error", "None", &|value| {
                    format!("None if {value} is None else {t}.from_code({value})")
                })
            );
        }
        if let Some(flag) = shape.flag() {
            let _ = writeln!(
                out,
                "\n    def is_error(self) -> bool:\n        {}",
                docstring(&format!(
                    "Whether the body's `{}` says it reports an error.",
                    flag.key
                ))
            );
            let test = |value: &str| flag.ty.test(value, &FLAG_TESTS, literal);
            let _ = writeln!(
                out,
                "{}",
                delegate(shape, &flag.path, "is_error", "False", &test)
            );
        }
    }

    /// PEP 8's two blank lines between top-level definitions, then the helpers the types read
    /// JSON with.
    fn body_types(&self, unit: &Unit, out: &mut Out) {
        if unit.body.is_none() {
            return;
        }
        for (shape, root) in unit.body_types() {
            out.push_str("\n\n");
            self.body_type(unit, shape, root, out);
        }
        out.push_str("\n\n");
        out.push_str(JSON_HELPERS);
    }

    /// PEP 8's two blank lines around top-level definitions.
    fn shared_file(&self, imports: &BTreeSet<String>, parts: &[String]) -> Module {
        Module {
            text: format!(
                "{}{}\n",
                import_lines(imports, "\n\n"),
                parts.join("\n\n\n")
            ),
            file_name: None,
        }
    }

    /// Imports stay with the code (Python takes them anywhere).
    fn in_document(&self, _line: &str) -> InDocument {
        InDocument::Code
    }

    fn unit_tail(&self) -> Option<&'static str> {
        Some(JSON_HELPERS)
    }
}

/// What the body types' `from_json` reads fields with: a value is `None` when absent or null,
/// else it must be of the field's type (`bool` is not an `int` here, as JSON tells them apart).
const JSON_HELPERS: &str = r#"_T = typing.TypeVar("_T")


def _json_object(data: object, what: str) -> "dict[str, typing.Any]":
    if not isinstance(data, dict):
        raise ValueError(f"{what}: expected a JSON object, got {type(data).__name__}")
    return data


def _json_value(data: "dict[str, typing.Any]", key: str, kind: "type[_T]") -> "_T | None":
    value = data.get(key)
    if value is None:
        return None
    if not isinstance(value, kind) or (isinstance(value, bool) and kind is not bool):
        raise ValueError(f"{key!r}: expected {kind.__name__}, got {type(value).__name__}")
    return value


def _json_list(data: "dict[str, typing.Any]", key: str) -> "list[typing.Any]":
    value = data.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        raise ValueError(f"{key!r}: expected a JSON array, got {type(value).__name__}")
    return value
"#;

/// The body of `error()` or `is_error()`: on the object that holds the field, `test` of it;
/// on an object above it, the same method of the nested object it is in (`fallback` when that
/// is absent).
fn delegate(
    shape: &Shape,
    path: &[&Field],
    method: &str,
    fallback: &str,
    test: &dyn Fn(&str) -> String,
) -> String {
    let names = field_names(shape);
    let at = shape
        .fields
        .iter()
        .position(|g| std::ptr::eq(g, path[0]))
        .unwrap_or(0);
    let field = format!("self.{}", names[at]);
    if path.len() == 1 {
        format!("        return {}", test(&field))
    } else {
        format!("        return {fallback} if {field} is None else {field}.{method}()")
    }
}

/// The Python type of a field's value (without `None`); also what `_json_value` checks.
fn value_type(ty: &FieldType) -> String {
    ty.spelled(&FIELD_TYPES)
}

/// Python's types of a body's fields (without `None`).
const FIELD_TYPES: Spelling = Spelling {
    int_code: "int",
    text: "str",
    number: "int",
    bool: "bool",
    object: "{}",
    list: "list[{}]",
    any: "object",
};

/// Snake-case field names for a shape's keys: keywords, and the names the dataclass defines,
/// get a trailing underscore (`from_`, PIXNET's `error` flag beside `error()`); a number is
/// appended where two keys give the same name (`errorCode` and `error_code`).
fn field_names(shape: &Shape) -> Vec<String> {
    let bases = shape.fields.iter().map(|f| {
        let base = f.words.join("_");
        let taken = KEYWORDS.contains(&base.as_str())
            || matches!(
                base.as_str(),
                "error"
                    | "is_error"
                    | "from_json"
                    | "self"
                    | "cls"
                    | "dataclasses"
                    | "typing"
                    | "int"
                    | "str"
                    | "bool"
                    | "list"
                    | "dict"
                    | "object"
            );
        if taken { format!("{base}_") } else { base }
    });
    naming::unique(bases, "_", |_| false)
}

/// Python's hard keywords (soft ones, `match`, `case`, `type`, are fine as attribute names).
const KEYWORDS: &[&str] = &[
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue",
    "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import",
    "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while",
    "with", "yield",
];

fn code_type(c: CodeType) -> &'static str {
    match c {
        CodeType::Int => "int",
        CodeType::Str => "str",
    }
}

/// How Python tests the flag that says a body reports an error.
const FLAG_TESTS: FlagTests = FlagTests {
    is_true: "{value} is True",
    is_false: "{value} is False",
    nonzero: "{value} is not None and {value} != 0",
    text: "{value} is not None and {value}.lower() == {lower}",
};

pub(super) fn literal(s: &str) -> String {
    quoted(s, &STYLE)
}

/// A class's first lines: `head` (`class X(enum.Enum)`), its docstring, a blank line.
fn class_head(out: &mut Out, head: &str, doc: &str) {
    let _ = writeln!(out, "{head}:\n    {}\n", docstring(doc));
}

/// A one-line docstring.
fn docstring(s: &str) -> String {
    let body = literal(&one_line(s));
    format!("\"\"{body}\"\"")
}

/// Python and Go: `\u00e9`, `\U0001f600`.
const STYLE: literal::Style = literal::Style {
    escape: literal::short_or_long,
    special: &[],
};

/// Names a variant may not take beyond the hard keywords: the soft ones, and the enum's own
/// attributes and the generated ones.
const TAKEN: &[&str] = &["match", "case", "type", "_", "name", "value", "mro"];

#[cfg(test)]
mod tests {
    use super::*;

    fn shape(envelope: &str) -> Shape {
        let envelope = serde_json::from_str(envelope).unwrap();
        crate::snippet::body::shape("XError", &envelope, CodeType::Int).unwrap()
    }

    #[test]
    fn field_names_keep_clear_of_keywords_and_methods() {
        let s = shape(
            r#"{"code": "code", "flag": {"path": "error", "error_when": "nonzero"},
                "extra": ["class", "from_json", "errorCode", "error_code", "match"]}"#,
        );
        assert_eq!(
            field_names(&s),
            [
                "error_",
                "code",
                "class_",
                "from_json_",
                "error_code",
                "error_code_2",
                "match"
            ]
        );
    }

    #[test]
    fn docstrings_cannot_end_early() {
        assert_eq!(docstring("a \"\"\" b\nc"), r#""""a \"\"\" b c""""#);
        assert_eq!(docstring("ends with \""), r#""""ends with \"""""#);
    }
}
