//! PHP (8.1+): a backed `enum PixnetError: int { case InvalidExpiredToken = 1000; … }` (`: string`
//! for string codes), so `PixnetError::tryFrom()` works too, with `fromCode` (a `match`, `null`
//! when unknown), `parse` for the code as text, and `code()`, `message()`, `httpStatus()`,
//! `kind()` and `isRetryable()`. With an envelope, the body as `final` classes of readonly
//! promoted properties, built by `fromJson(array)` from `json_decode($json, true)`, with
//! `error()` and `isError()`. The file declares `strict_types`: a value of the wrong JSON type
//! is a `TypeError`, not a silent conversion.
//!
//! Literals are single-quoted (nothing interpolates) unless the text needs an escape; then
//! double-quoted with `$` escaped. Comments cannot end early: `*/` and `?>` (which ends a `//`
//! comment and the PHP code with it) are broken up.
//!
//! The arm: `1004 => PixnetError::X, // message`, a line of `fromCode`'s `match`.

use super::{About, Language};
use super::{InDocument, prelude_is_the_documents};
use crate::snippet::body::{Field, FieldType, FlagTests, Shape, Spelling, described};
use crate::snippet::literal::{self, quoted, single_quoted};
use crate::snippet::naming;
use crate::snippet::out::Out;
use crate::snippet::{CodeType, Unit, Variant, one_line};
use std::fmt::Write;

/// The PHP writer (see the module's documentation).
pub(super) struct Php;

impl Language for Php {
    #[cfg(test)]
    fn examples(&self) -> super::Examples {
        super::Examples {
            // `X::Class` reads as the class-name constant `X::class`.
            once: ["= 4109;", "4109 =>"],
            reserved: "Class",
            text: "$var {$x} #{x} \u{0}\u{feff}",
            literal: "\"\\$var {\\$x} #{x} \\u{0}\\u{feff}\"",
            comment_text: "a */ b ?> c\nd */*/?>?>",
            comment: "a * / b ? > c d * /* /? >? >",
        }
    }

    fn about(&self) -> About {
        About {
            title: "PHP",
            case: naming::upper_camel,
            names: "php",
            imports: "use",
            reserved: &[KEYWORDS, TAKEN],
            editor_ids: "php",
            line_comment: comment,
            arm: "{code} => {type}::{member},",
            comment: "//",
            extensions: "php",
            literal,
        }
    }

    fn enumeration(&self, unit: &Unit, out: &mut Out) {
        let t = &unit.type_name;
        let int = unit.code_type == CodeType::Int;
        out.push_str(self.prelude());
        let _ = writeln!(out, "/** Error codes of {}. */", comment(&unit.vendor.name));
        let backing = if int { "int" } else { "string" };
        let _ = writeln!(out, "enum {t}: {backing}\n{{");
        for v in &unit.variants {
            if !v.docs.is_empty() {
                let _ = writeln!(
                    out,
                    "    /** `{}`: {} */",
                    comment(&v.code).replace('`', "'"),
                    comment(&v.docs.join(" -- "))
                );
            }
            let _ = writeln!(out, "    case {} = {};", v.ident, code_literal(v));
        }
        if !unit.variants.is_empty() {
            out.push('\n');
        }
        let open = format!(
            "    /** The case for an error code as the API sends it (matched exactly), or null. */\n    \
             public static function fromCode({backing} $code): ?self\n    {{\n        return match ($code) {{\n"
        );
        unit.write_from_code(
            out,
            &open,
            "            ",
            "            default => null,\n        };\n    }\n\n",
        );
        if int {
            if unit.hex.is_some() {
                out.push_str(
                    "    /** The case for the code written as text ('0x80070005'; leading zeros allowed), or null. */\n",
                );
                out.push_str("    public static function parse(string $code): ?self\n    {\n");
                out.push_str(
                    "        if (preg_match('/\\A0[xX]0*([0-9a-fA-F]{1,16})\\z/', $code, $parts) !== 1) {\n            return null;\n        }\n",
                );
                out.push_str("        $number = hexdec($parts[1]);\n\n");
                out.push_str(
                    "        return is_int($number) ? self::fromCode($number) : null;\n    }\n\n",
                );
            } else {
                out.push_str(
                    "    /** The case for the code written as text ('1302'; leading zeros allowed), or null. */\n",
                );
                out.push_str("    public static function parse(string $code): ?self\n    {\n");
                out.push_str(
                    "        if (preg_match('/\\A([+-]?)0*([0-9]+)\\z/', $code, $parts) !== 1) {\n            return null;\n        }\n",
                );
                out.push_str(
                    "        $number = filter_var($parts[1] . $parts[2], FILTER_VALIDATE_INT);\n\n",
                );
                out.push_str(
                    "        return $number === false ? null : self::fromCode($number);\n    }\n\n",
                );
            }
        }
        out.push_str("    /** The error code as the API sends it. */\n");
        let _ = writeln!(
            out,
            "    public function code(): {backing}\n    {{\n        return $this->value;\n    }}\n"
        );
        let lookup = |out: &mut Out, doc: &str, sig: &str, value: &dyn Fn(&Variant) -> String| {
            let _ = writeln!(out, "    /** {doc} */");
            let _ = writeln!(
                out,
                "    public function {sig}\n    {{\n        return match ($this) {{"
            );
            unit.write_lines(out, |v| {
                format!("            self::{} => {},", v.ident, value(v))
            });
            out.push_str("        };\n    }\n");
        };
        lookup(
            out,
            "The message the API returns with the code (the summary where the source has none).",
            "message(): string",
            &|v| literal(&v.message),
        );
        out.push('\n');
        lookup(
            out,
            "The HTTP status the API answers with, or null where the source gives none.",
            "httpStatus(): ?int",
            &|v| v.http_status.map_or("null".into(), |s| s.to_string()),
        );
        out.push('\n');
        lookup(
            out,
            "The kind of problem, in errdex's vocabulary across vendors ('rate_limit', 'not_found', ...), or null.",
            "kind(): ?string",
            &|v| v.kind_id().map_or("null".into(), literal),
        );
        out.push('\n');
        out.push_str(
            "    /** Whether sending the same request again later may succeed (back off, then retry). */\n",
        );
        out.push_str("    public function isRetryable(): bool\n    {\n");
        let retryable = unit.retryable_members(|v| format!("self::{}", v.ident), ",\n            ");
        match retryable {
            Some(cases) => {
                let _ = writeln!(
                    out,
                    "        return match ($this) {{\n            {cases} => true,\n            default => false,\n        }};\n    }}"
                );
            }
            None => out.push_str("        return false;\n    }\n"),
        }
        out.push_str("}\n");
    }

    /// A body class: readonly properties under camelCase names, each optional, filled from the
    /// decoded JSON's keys as the API sends them.
    fn body_type(&self, unit: &Unit, shape: &Shape, root: bool, out: &mut Out) {
        let t = &unit.type_name;
        let vendor = comment(&unit.vendor.name);
        let _ = writeln!(out, "/** {} {vendor} sends. */", described(root));
        let _ = writeln!(out, "final class {}\n{{", shape.name);
        let names = property_names(shape);
        if shape.fields.is_empty() {
            out.push_str("    public function __construct()\n    {\n    }\n");
        } else {
            let lists: Vec<String> = shape
                .fields
                .iter()
                .zip(&names)
                .filter_map(|(f, name)| match &f.ty {
                    FieldType::List(inner) => {
                        Some(format!("     * @param list<{}> ${name}\n", inner.name))
                    }
                    _ => None,
                })
                .collect();
            if !lists.is_empty() {
                let _ = writeln!(out, "    /**\n{}     */", lists.concat());
            }
            out.push_str("    public function __construct(\n");
            for (f, name) in shape.fields.iter().zip(&names) {
                let ty = f.ty.spelled(&FIELD_TYPES);
                let default = match f.ty {
                    FieldType::List(_) => "[]",
                    _ => "null",
                };
                let _ = writeln!(out, "        public readonly {ty} ${name} = {default},");
            }
            out.push_str("    ) {\n    }\n");
        }

        out.push_str(
            "\n    /**\n     * From the array `json_decode($json, true)` gives: keys as the API sends them, each optional.\n     *\n     * @param array<mixed> $data\n     */\n    \
             public static function fromJson(array $data): self\n    {\n",
        );
        if shape.fields.is_empty() {
            out.push_str("        return new self();\n    }\n");
        } else {
            out.push_str("        return new self(\n");
            for f in &shape.fields {
                let key = literal(&f.key);
                let value = match &f.ty {
                    FieldType::Object(inner) => format!(
                        "is_array($data[{key}] ?? null) ? {}::fromJson($data[{key}]) : null",
                        inner.name
                    ),
                    FieldType::List(inner) => format!(
                        "array_map(\n                static fn (array $item): {n} => {n}::fromJson($item),\n                \
                         array_values(array_filter(is_array($data[{key}] ?? null) ? $data[{key}] : [], 'is_array')),\n            )",
                        n = inner.name
                    ),
                    _ => format!("$data[{key}] ?? null"),
                };
                let _ = writeln!(out, "            {value},");
            }
            out.push_str("        );\n    }\n");
        }

        if let Some(code) = shape.code_path() {
            let _ = writeln!(
                out,
                "\n    /** The error the body's code names, when it is one of {t}'s. */"
            );
            let _ = writeln!(out, "    public function error(): ?{t}\n    {{");
            let _ = writeln!(out, "        $code = {};\n", access(shape, &code));
            let _ = writeln!(
                out,
                "        return $code === null ? null : {t}::fromCode($code);\n    }}"
            );
        }
        if let Some(flag) = shape.flag() {
            let _ = writeln!(
                out,
                "\n    /** Whether the body's `{}` says it reports an error. */",
                comment(flag.key).replace('`', "'")
            );
            out.push_str("    public function isError(): bool\n    {\n");
            let value = access(shape, &flag.path);
            let test = flag.ty.test(&value, &FLAG_TESTS, literal);
            let _ = writeln!(out, "        return {test};\n    }}");
        }
        out.push_str("}\n");
    }

    fn code(&self, _unit: &Unit, v: &Variant) -> String {
        code_literal(v)
    }

    fn closing_tag(&self) -> Option<&'static str> {
        Some("?>")
    }

    fn in_document(&self, line: &str) -> InDocument {
        prelude_is_the_documents(self, line)
    }

    fn prelude(&self) -> &'static str {
        "<?php\n\ndeclare(strict_types=1);\n\n"
    }
}

/// `$this->errResponse?->code`: a property reached through nested objects that may be null.
fn access(shape: &Shape, path: &[&Field]) -> String {
    let names = shape.names_along(path, |s, _| property_names(s));
    format!("$this->{}", names.join("?->"))
}

/// camelCase property names for a shape's keys, unique (a number appended); `$this` cannot be
/// a parameter.
fn property_names(shape: &Shape) -> Vec<String> {
    let bases = shape.fields.iter().map(|f| {
        let camel = naming::upper_camel(&f.words);
        let mut base = f.words[0].clone();
        base.push_str(&camel[f.words[0].len()..]);
        base
    });
    naming::unique(bases, "", |name| name == "this")
}

/// The code as the arms and cases write it: `1302` or `'data_validation_failed'`; the
/// smallest integer as an expression, since its digits alone are a float in PHP.
fn code_literal(v: &Variant) -> String {
    match v.int {
        Some(i64::MIN) => format!("{} - 1", i64::MIN + 1),
        _ => v.code_literal(literal),
    }
}

/// The types of a body's fields in PHP, nullable.
const FIELD_TYPES: Spelling = Spelling {
    int_code: "?int",
    text: "?string",
    number: "?int",
    bool: "?bool",
    object: "?{}",
    list: "array",
    any: "mixed",
};

/// How PHP tests the flag that says a body reports an error.
const FLAG_TESTS: FlagTests = FlagTests {
    is_true: "{value} === true",
    is_false: "{value} === false",
    nonzero: "({value} ?? 0) !== 0",
    text: "strcasecmp({value} ?? '', {text}) === 0",
};

pub(super) fn literal(s: &str) -> String {
    single_quoted(s).unwrap_or_else(|| quoted(s, &STYLE))
}

/// One line of a `//` or `/** */` comment: neither `*/` nor `?>` survives.
fn comment(s: &str) -> String {
    one_line(s).replace("*/", "* /").replace("?>", "? >")
}

/// PHP's double quotes: `\u{1f600}`, and `$` escaped so that `$var` and `{$x}` stay text.
const STYLE: literal::Style = literal::Style {
    escape: literal::braced,
    special: &[('$', "\\$")],
};

/// PHP enum cases are PascalCase; of the keywords only `class` is refused as a case name (it
/// would read as `PixnetError::class`, the class name).
const KEYWORDS: &[&str] = &["Class"];

/// The enum's own methods (`from`, `cases`, the generated lookups) are lower camel case, so no
/// case can take one.
const TAKEN: &[&str] = &[];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literals_interpolate_nothing() {
        assert_eq!(literal("$var {$x} it's"), r"'$var {$x} it\'s'");
        assert_eq!(literal("$var\n"), r#""\$var\n""#);
    }
}
