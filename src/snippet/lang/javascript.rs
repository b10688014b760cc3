//! JavaScript: an ES module with JSDoc types (`// @ts-check` clean). The enum is a class of
//! frozen instances, one static field per code (`PixnetError.InvalidExpiredToken`), each
//! carrying `code` (a number, or a string as in TypeScript), `message`, `httpStatus`,
//! `kind` and `isRetryable`; `PixnetError.fromCode(code)` and, for integer codes,
//! `PixnetError.parse("1004")` find them. With an envelope, the body as JSDoc typedefs under
//! the keys the API sends, each with a frozen object of functions: `PixnetErrorBody.is(value)`
//! (a type guard for what `JSON.parse` returns), `.error(body)` and `.isError(body)`; the
//! body stays the plain object `JSON.parse` made, as in TypeScript.
//!
//! The arm: `case 1004: return PixnetError.X; // message`, a line of `fromCode`'s `switch`,
//! as in TypeScript.

use super::typescript::{
    code_literal, code_type, comment, doc, error_lookup, field_check, flag_test, hex_parse,
    js_code_type, reads_inherited, value_type,
};
use super::{About, LOOKUPS_CAMEL, Language};
use super::{InDocument, prelude_is_the_documents};
use crate::snippet::body::{FieldType, Shape, described};
use crate::snippet::literal::{self, quoted};
use crate::snippet::naming;
use crate::snippet::out::Out;
use crate::snippet::{CodeType, Unit, Variant};
use std::fmt::Write;

/// The JavaScript writer (see the module's documentation).
pub(super) struct Javascript;

impl Language for Javascript {
    #[cfg(test)]
    fn examples(&self) -> super::Examples {
        super::Examples {
            once: ["(4109, ", "case 4109:"],
            reserved: "name length constructor fromCode",
            text: "\u{2028}\u{2029}",
            literal: "\"\\u2028\\u2029\"",
            comment_text: "a */ b\u{2029}c @type",
            comment: "a *\\/ b c @type",
        }
    }

    fn about(&self) -> About {
        About {
            title: "JavaScript",
            case: naming::upper_camel,
            names: "javascript js",
            imports: "import",
            reserved: &[KEYWORDS, TAKEN, LOOKUPS_CAMEL],
            editor_ids: "javascript javascriptreact",
            line_comment: comment,
            arm: "case {code}: return {type}.{member};",
            comment: "//",
            extensions: "js jsx mjs cjs",
            literal,
        }
    }

    fn enumeration(&self, unit: &Unit, out: &mut Out) {
        let t = &unit.type_name;
        let typed = js_code_type(unit);
        let code = code_type(typed);
        out.push_str(self.prelude());
        let _ = writeln!(out, "/** Error codes of {}. */", doc(&unit.vendor.name));
        let _ = writeln!(out, "export class {t} {{");
        for v in &unit.variants {
            let first = v.docs.first().map_or(String::new(), |d| format!(": {d}"));
            let rest: String = v.docs.iter().skip(1).map(|d| format!(" — {d}")).collect();
            let _ = writeln!(
                out,
                "  /** `{}`{} */",
                doc(&v.code).replace('`', "'"),
                doc(&format!("{first}{rest}"))
            );
            let status = v
                .http_status
                .map_or("undefined".to_string(), |s| s.to_string());
            let kind = v.kind_id().map_or("undefined".to_string(), literal);
            let (code, message) = (code_literal(v, typed), literal(&v.message));
            let retryable = v.is_retryable();
            let _ = writeln!(
                out,
                "  static {} = new {t}({code}, {message}, {status}, {kind}, {retryable});",
                v.ident
            );
        }
        if !unit.variants.is_empty() {
            out.push('\n');
        }
        let _ = writeln!(
            out,
            "  /**\n   \
             * @param {{{code}}} code the error code as the API sends it\n   \
             * @param {{string}} message the message the API returns with the code (the summary where the source has none)\n   \
             * @param {{number | undefined}} httpStatus the HTTP status the API answers with, where the source gives one\n   \
             * @param {{string | undefined}} kind the kind of problem, in errdex's vocabulary across vendors (`rate_limit`, `not_found`, …)\n   \
             * @param {{boolean}} isRetryable whether sending the same request again later may succeed (back off, then retry)\n   \
             */\n  \
             constructor(code, message, httpStatus, kind, isRetryable) {{"
        );
        for field in ["code", "message", "httpStatus", "kind", "isRetryable"] {
            let _ = writeln!(out, "    /** @readonly */\n    this.{field} = {field};");
        }
        out.push_str("    Object.freeze(this);\n  }\n\n");

        let _ = writeln!(
            out,
            "  /**\n   \
             * The member for an error code as the API sends it (matched exactly).\n   \
             * @param {{{code}}} code\n   \
             * @returns {{{t} | undefined}}\n   \
             */\n  \
             static fromCode(code) {{"
        );
        let close = "      default: return undefined;\n    }\n  }\n\n";
        unit.write_from_code(out, "    switch (code) {\n", "      ", close);
        let hex = unit.hex.filter(|_| typed == CodeType::Int);
        if typed == CodeType::Int {
            let (example, parse) = match hex {
                Some(_) => ("0x80070005", hex_parse(&format!("{t}.fromCode"))),
                None => (
                    "1302",
                    format!("/^[+-]?[0-9]+$/.test(code) ? {t}.fromCode(Number(code)) : undefined"),
                ),
            };
            let _ = writeln!(
                out,
                "  /**\n   \
                 * The member for the code written as text (`\"{example}\"`; leading zeros allowed).\n   \
                 * @param {{string}} code\n   \
                 * @returns {{{t} | undefined}}\n   \
                 */\n  \
                 static parse(code) {{\n    \
                 return {parse};\n  }}\n"
            );
        }
        out.push_str("  /** `code: message`. */\n  toString() {\n");
        match hex {
            Some(hex) => {
                let case = if hex.upper { ".toUpperCase()" } else { "" };
                let pad = match hex.width {
                    0 => String::new(),
                    w => format!(".padStart({w}, \"0\")"),
                };
                let _ = writeln!(
                    out,
                    "    return `0x${{this.code.toString(16){case}{pad}}}: ${{this.message}}`;\n  }}\n}}\n"
                );
            }
            None => out.push_str("    return `${this.code}: ${this.message}`;\n  }\n}\n\n"),
        }
        let _ = writeln!(out, "Object.freeze({t});");
    }

    /// A body type: a JSDoc typedef of optional fields under the keys the API sends (`null`
    /// allowed, as JSON sends it), and a frozen object with its type guard, `error()` where the
    /// object holds a code and `isError()` where it holds the flag.
    fn body_type(&self, unit: &Unit, shape: &Shape, root: bool, out: &mut Out) {
        let code = js_code_type(unit);
        let t = &unit.type_name;
        let name = &shape.name;
        let vendor = doc(&unit.vendor.name);
        let what = described(root);
        let _ = writeln!(out, "/**\n * {what} {vendor} sends.\n * @typedef {{{{");
        for f in &shape.fields {
            let ty = match &f.ty {
                FieldType::Any => "unknown".to_string(),
                other => format!("{} | null", value_type(other, code)),
            };
            let _ = writeln!(out, " *   {}?: {ty},", key_in_comment(&f.key));
        }
        let _ = writeln!(out, " * }}}} {name}\n */\n");

        let _ = writeln!(
            out,
            "/** Reading `{name}` from what `JSON.parse` returns. */"
        );
        let _ = writeln!(out, "export const {name} = Object.freeze({{");
        out.push_str(
            "  /**\n   \
             * Whether a value (from `JSON.parse`) has this shape: each field absent, null or of its type.\n   \
             * @param {unknown} value\n",
        );
        let _ = writeln!(
            out,
            "   * @returns {{value is {name}}}\n   */\n  is(value) {{"
        );
        out.push_str(
            "    if (typeof value !== \"object\" || value === null || Array.isArray(value)) {\n      \
             return false;\n    }\n",
        );
        let checks: Vec<String> = shape
            .fields
            .iter()
            .filter_map(|f| field_check(&format!("o[{}]", literal(&f.key)), &f.ty, code, "item"))
            .collect();
        if checks.is_empty() {
            out.push_str("    return true;\n  },\n");
        } else {
            if reads_inherited(shape) {
                out.push_str(
                    "    // Own keys only: a key such as `constructor` is absent unless sent.\n    \
                     /** @type {{ [key: string]: unknown }} */\n    \
                     const o = Object.create(null);\n    \
                     for (const key of Object.keys(value)) {\n      \
                     o[key] = /** @type {{ [key: string]: unknown }} */ (value)[key];\n    }\n",
                );
            } else {
                out.push_str("    const o = /** @type {{ [key: string]: unknown }} */ (value);\n");
            }
            let _ = writeln!(
                out,
                "    return (\n      {}\n    );\n  }},",
                checks.join(" &&\n      ")
            );
        }
        if let Some(code) = shape.code_path() {
            let _ = writeln!(
                out,
                "\n  /**\n   \
                 * The error the body's code names, when it is one of `{t}`'s.\n   \
                 * @param {{{name}}} body\n   \
                 * @returns {{{t} | undefined}}\n   \
                 */\n  \
                 error(body) {{\n    {}\n  }},",
                error_lookup(t, &code)
            );
        }
        if let Some(flag) = shape.flag() {
            let _ = writeln!(
                out,
                "\n  /**\n   \
                 * Whether the body's `{}` says it reports an error.\n   \
                 * @param {{{name}}} body\n   \
                 * @returns {{boolean}}\n   \
                 */\n  \
                 isError(body) {{\n    {}\n  }},",
                doc(flag.key).replace('`', "'"),
                flag_test(flag.ty, &flag.path)
            );
        }
        out.push_str("});\n");
    }

    fn code(&self, unit: &Unit, v: &Variant) -> String {
        code_literal(v, js_code_type(unit))
    }

    fn exports_drop_in_commonjs(&self) -> bool {
        true
    }

    fn in_document(&self, line: &str) -> InDocument {
        prelude_is_the_documents(self, line)
    }

    fn prelude(&self) -> &'static str {
        "// @ts-check\n\n"
    }
}

/// A key as a member of the typedef's type literal, inside the JSDoc comment: as it is when it
/// is an identifier, else quoted, with `*/` written `*\/` (the same string) so the comment
/// cannot end there.
fn key_in_comment(key: &str) -> String {
    if super::typescript::is_identifier(key) {
        key.to_string()
    } else {
        literal(key).replace("*/", "*\\/")
    }
}

pub(super) fn literal(s: &str) -> String {
    quoted(s, &STYLE)
}

/// JavaScript: as TypeScript (U+2028 and U+2029, line breaks in older engines' strings, are
/// escaped as every invisible character is).
const STYLE: literal::Style = super::typescript::STYLE;

/// JavaScript's reserved words, which TypeScript reserves too.
pub(super) const KEYWORDS: &[&str] = &[
    "break",
    "case",
    "catch",
    "class",
    "const",
    "continue",
    "debugger",
    "default",
    "delete",
    "do",
    "else",
    "enum",
    "export",
    "extends",
    "false",
    "finally",
    "for",
    "function",
    "if",
    "import",
    "in",
    "instanceof",
    "new",
    "null",
    "return",
    "super",
    "switch",
    "this",
    "throw",
    "true",
    "try",
    "typeof",
    "var",
    "void",
    "while",
    "with",
];

/// Names a member may not take beyond the reserved words: strict mode's reserved words, names
/// that are not plain identifiers there, and the names the generated class defines: members
/// are its static fields, beside `fromCode`, `parse` and a function's own `name`, `length` and
/// `prototype`.
const TAKEN: &[&str] = &[
    "implements",
    "interface",
    "let",
    "package",
    "private",
    "protected",
    "public",
    "static",
    "yield",
    "await",
    "async",
    "arguments",
    "eval",
    "undefined",
    "NaN",
    "Infinity",
    "constructor",
    "prototype",
    "__proto__",
    "name",
    "length",
    "caller",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_in_the_typedef_cannot_end_its_comment() {
        assert_eq!(key_in_comment("botId"), "botId");
        assert_eq!(key_in_comment("a*/b"), "\"a*\\/b\"");
        assert_eq!(key_in_comment("a\\*/b\n"), "\"a\\\\*\\/b\\n\"");
    }
}
