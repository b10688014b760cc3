//! TypeScript: `export enum PixnetError { X = 1004, … }` (the codes as the API sends them:
//! numbers, or strings for string-coded vendors; no `const enum`), lookups typed
//! `Record<PixnetError, …>` (so a missing member is a type error), and a namespace merged with
//! the enum for `PixnetError.fromCode(code)`, `PixnetError.parse("1004")` (integer codes),
//! `PixnetError.message(e)`, `PixnetError.httpStatus(e)`, `PixnetError.kind(e)` and
//! `PixnetError.isRetryable(e)`. With an envelope, the body as interfaces under the keys the
//! API sends, each with a merged namespace: `PixnetErrorBody.is(value)` (a type guard for what
//! `JSON.parse` returns), `PixnetErrorBody.error(body)` and `PixnetErrorBody.isError(body)`.
//! Clean under `tsc --strict`. Integer codes are JavaScript numbers when `JSON.parse` reads
//! them exactly (see [`js_code_type`]).
//!
//! The arm: `case 1004: return PixnetError.X; // message`, a line of `fromCode`'s `switch`.

use super::javascript::KEYWORDS;
use super::{About, Language};
use crate::snippet::body::{Field, FieldType, FlagTests, FlagType, Shape, Spelling, described};
use crate::snippet::literal::{self, quoted};
use crate::snippet::naming;
use crate::snippet::out::Out;
use crate::snippet::{CodeType, Unit, Variant, one_line};
use std::fmt::Write;

/// The TypeScript writer (see the module's documentation).
pub(super) struct Typescript;

impl Language for Typescript {
    #[cfg(test)]
    fn examples(&self) -> super::Examples {
        super::Examples {
            once: [" = 4109,", "case 4109:"],
            reserved: "NaN fromCode prototype enum",
            text: "a\"b\\c\n${x}\u{2028}\u{E0041}",
            literal: "\"a\\\"b\\\\c\\n${x}\\u2028\\uDB40\\uDC41\"",
            comment_text: "a */ b\u{2029}c",
            comment: "a *\\/ b c",
        }
    }

    fn about(&self) -> About {
        About {
            title: "TypeScript",
            case: naming::upper_camel,
            names: "typescript ts",
            imports: "import",
            reserved: &[KEYWORDS, TAKEN],
            editor_ids: "typescript typescriptreact",
            line_comment: comment,
            arm: "case {code}: return {type}.{member};",
            comment: "//",
            extensions: "ts tsx mts cts",
            literal,
        }
    }

    fn enumeration(&self, unit: &Unit, out: &mut Out) {
        let t = &unit.type_name;
        let consts = naming::screaming(t);
        let code = js_code_type(unit);
        let messages = format!("{consts}_MESSAGES");
        let statuses = format!("{consts}_HTTP_STATUS");
        let kinds = format!("{consts}_KINDS");
        let retryable = format!("{consts}_RETRYABLE");
        let _ = writeln!(out, "/** Error codes of {}. */", doc(&unit.vendor.name));
        let _ = writeln!(out, "export enum {t} {{");
        for v in &unit.variants {
            if !v.docs.is_empty() {
                let _ = writeln!(out, "  /** {} */", doc(&v.docs.join(" — ")));
            }
            let _ = writeln!(out, "  {} = {},", v.ident, code_literal(v, code));
        }
        out.push_str("}\n\n");

        let record = |out: &mut Out, name: &str, ty: &str, value: &dyn Fn(&Variant) -> String| {
            let _ = writeln!(out, "const {name}: Record<{t}, {ty}> = {{");
            unit.write_lines(out, |v| format!("  [{t}.{}]: {},", v.ident, value(v)));
            out.push_str("};\n\n");
        };
        record(out, &messages, "string", &|v| literal(&v.message));
        record(out, &statuses, "number | undefined", &|v| {
            v.http_status
                .map_or("undefined".to_string(), |s| s.to_string())
        });
        record(out, &kinds, "string | undefined", &|v| {
            v.kind_id().map_or("undefined".to_string(), literal)
        });
        record(out, &retryable, "boolean", &|v| {
            v.is_retryable().to_string()
        });
        open_namespace(out, t);
        out.push_str(
            "  /** The member for an error code as the API sends it (matched exactly). */\n",
        );
        let _ = writeln!(
            out,
            "  export function fromCode(code: {}): {t} | undefined {{",
            code_type(code)
        );
        let close = "      default: return undefined;\n    }\n  }\n\n";
        unit.write_from_code(out, "    switch (code) {\n", "      ", close);
        if code == CodeType::Int {
            let (example, parse) = match unit.hex {
                Some(_) => ("0x80070005", hex_parse("fromCode")),
                None => (
                    "1302",
                    "/^[+-]?[0-9]+$/.test(code) ? fromCode(Number(code)) : undefined".to_string(),
                ),
            };
            let _ = writeln!(
                out,
                "  /** The member for the code written as text (`\"{example}\"`; leading zeros allowed). */"
            );
            let _ = writeln!(
                out,
                "  export function parse(code: string): {t} | undefined {{"
            );
            let _ = writeln!(out, "    return {parse};\n  }}\n");
        }
        let lookup = |out: &mut Out, doc: &str, sig: &str, body: &str| {
            let _ = writeln!(out, "  /** {doc} */");
            let _ = writeln!(out, "  export function {sig} {{\n    return {body};\n  }}");
        };
        lookup(
            out,
            "The message the API returns with the code (the summary where the source has none).",
            &format!("message(error: {t}): string"),
            &format!("{messages}[error]"),
        );
        out.push('\n');
        lookup(
            out,
            "The HTTP status the API answers with, where the source gives one.",
            &format!("httpStatus(error: {t}): number | undefined"),
            &format!("{statuses}[error]"),
        );
        out.push('\n');
        lookup(
            out,
            "The kind of problem, in errdex's vocabulary across vendors (`rate_limit`, `not_found`, …).",
            &format!("kind(error: {t}): string | undefined"),
            &format!("{kinds}[error]"),
        );
        out.push('\n');
        lookup(
            out,
            "Whether sending the same request again later may succeed (back off, then retry).",
            &format!("isRetryable(error: {t}): boolean"),
            &format!("{retryable}[error]"),
        );
        out.push_str("}\n");
    }

    /// A body type: an interface of optional fields under the keys the API sends (`null` allowed,
    /// as JSON sends it), and a namespace with its type guard, `error()` where the object holds a
    /// code and `isError()` where it holds the flag.
    fn body_type(&self, unit: &Unit, shape: &Shape, root: bool, out: &mut Out) {
        let code = js_code_type(unit);
        let t = &unit.type_name;
        let name = &shape.name;
        let vendor = doc(&unit.vendor.name);
        let _ = writeln!(out, "/** {} {vendor} sends. */", described(root));
        let _ = writeln!(out, "export interface {name} {{");
        for f in &shape.fields {
            let ty = match &f.ty {
                FieldType::Any => "unknown".to_string(),
                FieldType::List(inner) => format!("{}[] | null", inner.name),
                other => format!("{} | null", value_type(other, code)),
            };
            let _ = writeln!(out, "  {}?: {ty};", key_name(&f.key));
        }
        out.push_str("}\n\n");

        open_namespace(out, name);
        out.push_str(
            "  /** Whether a value (from `JSON.parse`) has this shape: each field absent, null or of its type. */\n",
        );
        let _ = writeln!(
            out,
            "  export function is(value: unknown): value is {name} {{"
        );
        out.push_str(
            "    if (typeof value !== \"object\" || value === null || Array.isArray(value)) {\n      \
             return false;\n    }\n",
        );
        let checks: Vec<String> = shape
            .fields
            .iter()
            .filter_map(|f| {
                field_check(
                    &format!("o[{}]", literal(&f.key)),
                    &f.ty,
                    code,
                    "item: unknown",
                )
            })
            .collect();
        if checks.is_empty() {
            out.push_str("    return true;\n  }\n");
        } else {
            if reads_inherited(shape) {
                out.push_str(
                    "    // Own keys only: a key such as `constructor` is absent unless sent.\n    \
                     const o: { [key: string]: unknown } = Object.create(null);\n    \
                     for (const key of Object.keys(value)) {\n      \
                     o[key] = (value as { [key: string]: unknown })[key];\n    }\n",
                );
            } else {
                out.push_str("    const o = value as { [key: string]: unknown };\n");
            }
            let _ = writeln!(
                out,
                "    return (\n      {}\n    );\n  }}",
                checks.join(" &&\n      ")
            );
        }

        if let Some(code) = shape.code_path() {
            out.push('\n');
            let _ = writeln!(
                out,
                "  /** The error the body's code names, when it is one of `{t}`'s. */"
            );
            let _ = writeln!(
                out,
                "  export function error(body: {name}): {t} | undefined {{"
            );
            let _ = writeln!(out, "    {}\n  }}", error_lookup(t, &code));
        }
        if let Some(flag) = shape.flag() {
            out.push('\n');
            let _ = writeln!(
                out,
                "  /** Whether the body's `{}` says it reports an error. */",
                doc(flag.key).replace('`', "'")
            );
            let _ = writeln!(out, "  export function isError(body: {name}): boolean {{");
            let _ = writeln!(out, "    {}\n  }}", flag_test(flag.ty, &flag.path));
        }
        out.push_str("}\n");
    }

    fn code(&self, unit: &Unit, v: &Variant) -> String {
        code_literal(v, js_code_type(unit))
    }
}

/// The start of the namespace merged with the type `name`, the lint against namespaces silenced
/// (a merged namespace is how a TypeScript enum or interface gets functions).
fn open_namespace(out: &mut Out, name: &str) {
    out.push_str("// eslint-disable-next-line @typescript-eslint/no-namespace\n");
    let _ = writeln!(out, "export namespace {name} {{");
}

/// The statements of `error(body)`: the code at `path`, looked up in the enum `t`.
pub(super) fn error_lookup(t: &str, path: &[&Field]) -> String {
    format!(
        "const code = {};\n    \
         return code == null ? undefined : {t}.fromCode(code);",
        access("body", path)
    )
}

/// The statements of `isError(body)`: the flag at `path` compared with what means error (text
/// ignoring case).
pub(super) fn flag_test(flag_type: &FlagType, path: &[&Field]) -> String {
    flag_type.test(&access("body", path), &FLAG_TESTS, literal)
}

/// The TypeScript type of a field's value (without `null`), codes typed `code`.
pub(super) fn value_type(ty: &FieldType, code: CodeType) -> String {
    ty.spelled(&Spelling {
        int_code: code_type(code),
        text: "string",
        number: "number",
        bool: "boolean",
        object: "{}",
        list: "{}[]",
        any: "unknown",
    })
}

/// The guard's test of one field (`o["code"]`): absent, null, or of its type; `None` for a
/// field of any type. Codes are typed `code`; `item` is the parameter of the list items' test
/// (typed or not).
pub(super) fn field_check(
    value: &str,
    ty: &FieldType,
    code: CodeType,
    item: &str,
) -> Option<String> {
    let ty = match ty {
        FieldType::Code(_) => &FieldType::Code(code),
        other => other,
    };
    let test = match ty {
        FieldType::Code(CodeType::Int) | FieldType::Flag(FlagType::NonZero) => {
            format!("(typeof {value} === \"number\" && {value} % 1 === 0)")
        }
        FieldType::Code(CodeType::Str)
        | FieldType::Text
        | FieldType::Flag(FlagType::Text { .. }) => {
            format!("typeof {value} === \"string\"")
        }
        FieldType::Flag(FlagType::Bool { .. }) => format!("typeof {value} === \"boolean\""),
        FieldType::Object(inner) => format!("{}.is({value})", inner.name),
        FieldType::List(inner) => format!(
            "(Array.isArray({value}) && {value}.every(({item}) => {}.is(item)))",
            inner.name
        ),
        FieldType::Any => return None,
    };
    Some(format!("({value} == null || {test})"))
}

/// `body.errResponse?.code`: a field reached through optional objects (`?.` past null too).
pub(super) fn access(root: &str, path: &[&Field]) -> String {
    let mut expr = root.to_string();
    for (i, f) in path.iter().enumerate() {
        let optional = if i == 0 { "" } else { "?." };
        if INHERITED.contains(&f.key.as_str()) {
            let present = if i == 0 {
                String::new()
            } else {
                format!("{expr} != null && ")
            };
            expr = format!("({present}{})", own(&expr, &f.key));
        } else if is_identifier(&f.key) {
            let dot = if i == 0 { "." } else { optional };
            let _ = write!(expr, "{dot}{}", f.key);
        } else {
            let _ = write!(expr, "{optional}[{}]", literal(&f.key));
        }
    }
    expr
}

/// Keys every JavaScript object inherits: read as own properties only, so that a body without
/// them does not answer with `Object.prototype`'s (`constructor` would be a function).
const INHERITED: &[&str] = &[
    "__proto__",
    "__defineGetter__",
    "__defineSetter__",
    "__lookupGetter__",
    "__lookupSetter__",
    "constructor",
    "hasOwnProperty",
    "isPrototypeOf",
    "propertyIsEnumerable",
    "toLocaleString",
    "toString",
    "valueOf",
];

/// Whether the type guard reads a key every object inherits, and so reads a copy of the value
/// without a prototype.
pub(super) fn reads_inherited(shape: &Shape) -> bool {
    shape
        .fields
        .iter()
        .any(|f| INHERITED.contains(&f.key.as_str()))
}

fn own(object: &str, key: &str) -> String {
    let key = literal(key);
    format!("Object.prototype.hasOwnProperty.call({object}, {key}) ? {object}[{key}] : undefined")
}

/// A key as an interface member: as it is when it is an identifier, else quoted.
fn key_name(key: &str) -> String {
    if is_identifier(key) {
        key.to_string()
    } else {
        literal(key)
    }
}

/// Whether `key` is written as is after `.` (an ASCII identifier; keywords are fine there).
pub(super) fn is_identifier(key: &str) -> bool {
    let mut chars = key.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_' || c == '$')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$')
}

pub(super) fn code_type(c: CodeType) -> &'static str {
    match c {
        CodeType::Int => "number",
        CodeType::Str => "string",
    }
}

/// The code as the arms and the enum write it: `1302` or `"data_validation_failed"`.
pub(super) fn code_literal(v: &Variant, code: CodeType) -> String {
    match (code, v.int) {
        (CodeType::Int, Some(_)) => v.literal.clone(),
        _ => literal(&v.code),
    }
}

/// The expression of `parse` in a unit of hex codes: the digits after `0x`, read by
/// `from_code` (`fromCode` or `PixnetError.fromCode`).
pub(super) fn hex_parse(from_code: &str) -> String {
    format!(
        "/^0[xX][0-9a-fA-F]+$/.test(code) ? {from_code}(parseInt(code.slice(2), 16)) : undefined"
    )
}

/// How TypeScript and JavaScript type a unit's codes: numbers when they are integers that
/// `JSON.parse` reads exactly (within ±(2^53 − 1)), else strings, which stay exact (two codes
/// beyond 2^53 could be the same number).
pub(super) fn js_code_type(unit: &Unit) -> CodeType {
    const MAX_SAFE: i64 = (1 << 53) - 1;
    let safe = |v: &Variant| v.int.is_some_and(|n| (-MAX_SAFE..=MAX_SAFE).contains(&n));
    if unit.code_type == CodeType::Int && unit.variants.iter().all(safe) {
        CodeType::Int
    } else {
        CodeType::Str
    }
}

/// How TypeScript (and JavaScript) tests the flag that says a body reports an error.
const FLAG_TESTS: FlagTests = FlagTests {
    is_true: "return {value} === true;",
    is_false: "return {value} === false;",
    nonzero: "const flag = {value};
    return flag != null && flag !== 0;",
    text: "const flag = {value};
    return flag != null && flag.toLowerCase() === {lower};",
};

pub(super) fn literal(s: &str) -> String {
    quoted(s, &STYLE)
}

/// One line of a `//` or `/** */` comment: `*/` cannot close it.
pub(super) fn comment(s: &str) -> String {
    one_line(s).replace("*/", "*\\/")
}

/// One line of a `/** */` comment: as [`comment`], and an `@` after a space is written `\@`,
/// so that text cannot start a JSDoc tag (in JavaScript, `@type {string}` would retype the
/// member it documents).
pub(super) fn doc(s: &str) -> String {
    let mut out = String::new();
    let mut after_space = true;
    for c in comment(s).chars() {
        if c == '@' && after_space {
            out.push('\\');
        }
        out.push(c);
        after_space = c.is_whitespace();
    }
    out
}

/// TypeScript: UTF-16 escapes, a surrogate pair above the BMP; `${x}` is plain text in
/// double quotes.
pub(super) const STYLE: literal::Style = literal::Style {
    escape: literal::utf16,
    special: &[],
};

/// Names a member may not take beyond JavaScript's reserved words: TypeScript's own keywords,
/// strict mode's, and the generated functions.
const TAKEN: &[&str] = &[
    "as",
    "implements",
    "interface",
    "let",
    "package",
    "private",
    "protected",
    "public",
    "static",
    "yield",
    "any",
    "boolean",
    "constructor",
    "declare",
    "get",
    "module",
    "require",
    "number",
    "set",
    "string",
    "symbol",
    "type",
    "from",
    "of",
    "namespace",
    "async",
    "await",
    "undefined",
    "never",
    "unknown",
    "object",
    "bigint",
    "keyof",
    "readonly",
    "unique",
    "infer",
    "is",
    "asserts",
    "satisfies",
    "accessor",
    "override",
    "abstract",
    "global",
    "out",
    // Names that are not plain identifiers as enum members or on the merged namespace.
    "Infinity",
    "NaN",
    "prototype",
    "__proto__",
    // Generated functions.
    "fromCode",
    "parse",
    "message",
    "httpStatus",
    "kind",
    "isRetryable",
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::snippet::body::Role;

    #[test]
    fn literals_and_comments() {
        assert_eq!(literal("a\"b\\c\n${x}\u{2028}"), r#""a\"b\\c\n${x}\u2028""#);
        assert_eq!(literal("\u{E0041}"), r#""\uDB40\uDC41""#);
        assert_eq!(comment("a */ b\u{2029}c"), "a *\\/ b c");
        assert_eq!(
            doc("@type {x} a@b (@c) d\n@e"),
            "\\@type {x} a@b (@c) d \\@e"
        );
    }

    #[test]
    fn inherited_keys_are_read_as_own_properties() {
        let envelope = serde_json::from_str(
            r#"{"code": "constructor.code", "flag": {"path": "x-y.ok", "error_when": "true"}}"#,
        )
        .unwrap();
        let s = crate::snippet::body::shape("XError", &envelope, CodeType::Int).unwrap();
        assert!(reads_inherited(&s));
        assert_eq!(
            access("body", &s.path_to(Role::Code)),
            "(Object.prototype.hasOwnProperty.call(body, \"constructor\") ? body[\"constructor\"] : undefined)?.code"
        );
        assert_eq!(access("body", &s.path_to(Role::Flag)), "body[\"x-y\"]?.ok");
    }

    #[test]
    fn keys_that_are_not_identifiers_are_quoted() {
        assert_eq!(key_name("botId"), "botId");
        assert_eq!(key_name("$ref"), "$ref");
        assert_eq!(key_name("X-Request-ID"), "\"X-Request-ID\"");
        assert_eq!(key_name("2fa"), "\"2fa\"");
        assert_eq!(key_name(""), "\"\"");
        assert_eq!(key_name("a\"*/b"), "\"a\\\"*/b\"");
    }
}
