//! Kotlin: `enum class PixnetError(val code: Int, val message: String, val httpStatus: Int?,
//! val kind: String?, val isRetryable: Boolean)` with a `companion object` holding
//! `fromCode(code)` (a `when`, `null` when unknown; `Long` codes when one needs 64 bits,
//! `String` for string codes) and `parse("1302")` for integer codes. With an envelope, the
//! body as data classes for Gson (the JSON library on the JVM that needs no compiler plugin),
//! whose `error()` maps the code to the enum and `isError()` reads the flag.
//!
//! The arm: `1004 -> PixnetError.X // message`, a branch of `fromCode`'s `when`.

use super::java;
use super::{About, LOOKUPS_CAMEL, Language};
use crate::snippet::body::{Field, FieldType, FlagTests, Shape, Spelling, described};
use crate::snippet::literal::{self, quoted};
use crate::snippet::naming;
use crate::snippet::out::Out;
use crate::snippet::{CodeType, Unit, Variant, break_up, one_line};
use std::fmt::Write;

/// The Kotlin writer (see the module's documentation).
pub(super) struct Kotlin;

impl Language for Kotlin {
    #[cfg(test)]
    fn examples(&self) -> super::Examples {
        super::Examples {
            once: ["(4109, ", "4109 ->"],
            reserved: "Companion entries in fromCode",
            text: "a\"b\\c\n${x} $var \u{8}錯\u{2028}\u{0}",
            literal: "\"a\\\"b\\\\c\\n\\${x} \\$var \\b錯\\u2028\\u0000\"",
            comment_text: "a */ b\n/* c",
            comment: "a */ b /* c",
        }
    }

    fn about(&self) -> About {
        About {
            title: "Kotlin",
            case: naming::upper_snake,
            names: "kotlin kt",
            imports: "import",
            reserved: &[KEYWORDS, TAKEN, LOOKUPS_CAMEL],
            editor_ids: "kotlin",
            line_comment: one_line,
            arm: "{code} -> {type}.{member}",
            comment: "//",
            extensions: "kt kts",
            literal,
        }
    }

    fn enumeration(&self, unit: &Unit, out: &mut Out) {
        let (t, ct) = (&unit.type_name, code_type(unit));
        if let Some(body) = &unit.body {
            let any = body
                .types()
                .iter()
                .any(|s| s.fields.iter().any(|f| f.ty == FieldType::Any));
            if any {
                out.push_str("import com.google.gson.JsonElement\n");
            }
            out.push_str("import com.google.gson.annotations.SerializedName\n\n");
        }
        let _ = writeln!(out, "/** Error codes of {}. */", comment(&unit.vendor.name));
        let chunked = unit.variants.len() > java::JVM_CHUNK;
        if chunked {
            class_head(unit, out);
        } else {
            enum_head(unit, out);
        }
        out.push_str(
            "        /** The constant for an error code as the API sends it (matched exactly), or null. */\n",
        );
        if chunked {
            let parts: Vec<String> = (0..unit.variants.len().div_ceil(java::JVM_CHUNK))
                .map(|part| format!("fromCode{part}(code)"))
                .collect();
            let _ = writeln!(
                out,
                "        @JvmStatic\n        fun fromCode(code: {ct}): {t}? =\n            {}",
                parts.join(" ?: ")
            );
            for (part, variants) in unit.variants.chunks(java::JVM_CHUNK).enumerate() {
                let open = format!(
                    "\n        private fun fromCode{part}(code: {ct}): {t}? = when (code) {{\n"
                );
                let close = "            else -> null\n        }\n";
                unit.write_part_of_from_code(out, variants, &open, "            ", close);
            }
        } else {
            let open = format!(
                "        @JvmStatic\n        fun fromCode(code: {ct}): {t}? = when (code) {{\n"
            );
            unit.write_from_code(
                out,
                &open,
                "            ",
                "            else -> null\n        }\n",
            );
        }
        parse(unit, out);
        if chunked {
            rows(unit, out);
        }
        out.push_str("    }\n}\n");
    }

    /// A body type: a data class of nullable properties (null when the body lacks the key) under
    /// the keys the API sends, with `error()` where the object holds a code and `isError()` where
    /// it holds the flag. Every property has a default, so Gson builds it through the
    /// parameterless constructor Kotlin generates.
    fn body_type(&self, unit: &Unit, shape: &Shape, root: bool, out: &mut Out) {
        let t = &unit.type_name;
        let vendor = comment(&unit.vendor.name);
        let what = described(root);
        let _ = writeln!(out, "/** {what} {vendor} sends{}. */", java::gson(root));
        let names = super::java::member_names(shape, &taken);
        let params: Vec<String> = shape
            .fields
            .iter()
            .zip(&names)
            .map(|(f, name)| {
                let ty = f.ty.spelled(&Spelling {
                    int_code: code_type(unit),
                    ..FIELD_TYPES
                });
                format!(
                    "@field:SerializedName({}) val {name}: {ty}? = null",
                    literal(&f.key)
                )
            })
            .collect();
        let _ = writeln!(
            out,
            "data class {}(\n    {}\n) {{",
            shape.name,
            params.join(",\n    ")
        );
        let code = shape.code_path();
        if let Some(code) = &code {
            let _ = writeln!(
                out,
                "    /** The error the body's code names, or null when it is none of [{t}]'s. */"
            );
            let _ = writeln!(
                out,
                "    fun error(): {t}? = {}?.let {{ {t}.fromCode(it) }}",
                access(shape, code, &names)
            );
        }
        if let Some(flag) = shape.flag() {
            if code.is_some() {
                out.push('\n');
            }
            let key = comment(flag.key);
            let _ = writeln!(
                out,
                "    /** Whether the body's {key} says it reports an error. */"
            );
            let value = access(shape, &flag.path, &names);
            let test = flag.ty.test(&value, &FLAG_TESTS, literal);
            let _ = writeln!(out, "    fun isError(): Boolean = {test}");
        }
        out.push_str("}\n");
    }

    fn code(&self, unit: &Unit, v: &Variant) -> String {
        code_literal(unit, v)
    }
}

/// The Kotlin type of the unit's codes: `Int`, `Long` when a code needs 64 bits, or `String`.
fn code_type(unit: &Unit) -> &'static str {
    match unit.code_type {
        CodeType::Int if unit.codes_fit_i32() => "Int",
        CodeType::Int => "Long",
        CodeType::Str => "String",
    }
}

/// The head of an enum class whose constants carry their data, up to its companion object.
fn enum_head(unit: &Unit, out: &mut Out) {
    let t = &unit.type_name;
    let ct = code_type(unit);
    let _ = writeln!(
        out,
        "enum class {t}(\n    \
         /** The error code as the API sends it. */\n    val code: {ct},\n    \
         /** The message the API returns with the code (the summary where the source has none). */\n    \
         val message: String,\n    \
         /** The HTTP status the API answers with, or null where the source gives none. */\n    \
         val httpStatus: Int?,\n    \
         /** The kind of problem in errdex's vocabulary across vendors (\"rate_limit\", \"not_found\", ...), or null. */\n    \
         val kind: String?,\n    \
         /** Whether sending the same request again later may succeed (back off, then retry). */\n    \
         val isRetryable: Boolean\n) {{"
    );
    java::constants(
        unit,
        out,
        java::Jvm {
            comment,
            literal,
            code_literal,
        },
    );
    out.push_str("\n    companion object {\n");
}

/// The head of a large unit, up to the constants in its companion object: a class rather than
/// an enum class, since kotlinc builds every entry of an enum class in one static initializer,
/// which may not pass 64 KB (about 2,900 entries without data). The constants are properties
/// of the companion object read from an array built in parts (see [`rows`]), so `X.NAME`,
/// `==`, `when` and `values()` work as with an enum class.
fn class_head(unit: &Unit, out: &mut Out) {
    let t = &unit.type_name;
    let ct = code_type(unit);
    let _ = writeln!(
        out,
        "class {t} private constructor(\n    \
         /** The constant's name, as an enum constant's. */\n    val name: String,\n    \
         /** The error code as the API sends it. */\n    val code: {ct},\n    \
         /** The message the API returns with the code (the summary where the source has none). */\n    \
         val message: String,\n    \
         /** The HTTP status the API answers with, or null where the source gives none. */\n    \
         val httpStatus: Int?,\n    \
         /** The kind of problem in errdex's vocabulary across vendors (\"rate_limit\", \"not_found\", ...), or null. */\n    \
         val kind: String?,\n    \
         /** Whether sending the same request again later may succeed (back off, then retry). */\n    \
         val isRetryable: Boolean\n) {{\n    \
         /** The constant's name. */\n    override fun toString(): String = name\n\n    companion object {{"
    );
    for (i, v) in unit.variants.iter().enumerate() {
        if !v.docs.is_empty() {
            let _ = writeln!(out, "        /** {} */", comment(&v.docs.join(" -- ")));
        }
        let _ = writeln!(out, "        val {}: {t} get() = all[{i}]\n", v.ident);
    }
}

/// A large unit's constants, built in parts of at most [`java::JVM_CHUNK`] rows, and
/// `values()`.
fn rows(unit: &Unit, out: &mut Out) {
    let t = &unit.type_name;
    let n = unit.variants.len();
    let _ = writeln!(
        out,
        "\n        private val all: Array<{t}> = Array({n}) {{ row(it) }}\n\n        \
         /** Every constant, in the catalog's order. */\n        \
         @JvmStatic\n        fun values(): Array<{t}> = all.copyOf()\n\n        \
         private fun row(row: Int): {t} = when {{"
    );
    let parts = n.div_ceil(java::JVM_CHUNK);
    for part in 0..parts {
        if part + 1 == parts {
            let _ = writeln!(out, "            else -> row{part}(row)\n        }}");
        } else {
            let _ = writeln!(
                out,
                "            row < {} -> row{part}(row)",
                (part + 1) * java::JVM_CHUNK
            );
        }
    }
    for (part, variants) in unit.variants.chunks(java::JVM_CHUNK).enumerate() {
        let _ = writeln!(
            out,
            "\n        private fun row{part}(row: Int): {t} = when (row) {{"
        );
        for (i, v) in variants.iter().enumerate() {
            let status = v.http_status.map_or("null".to_string(), |s| s.to_string());
            let kind = v.kind_id().map_or("null".to_string(), literal);
            let _ = writeln!(
                out,
                "            {} -> {t}({}, {}, {}, {status}, {kind}, {})",
                part * java::JVM_CHUNK + i,
                literal(&v.ident),
                code_literal(unit, v),
                literal(&v.message),
                v.is_retryable()
            );
        }
        out.push_str(
            "            else -> throw IllegalArgumentException(\"no row $row\")\n        }\n",
        );
    }
}

/// `parse` for integer codes: the code written as text.
fn parse(unit: &Unit, out: &mut Out) {
    let t = &unit.type_name;
    let ct = code_type(unit);
    if unit.code_type == CodeType::Int {
        match unit.hex {
            Some(_) => {
                out.push_str(
                    "\n        /** The constant for a code written as text (\"0x80070005\"; leading zeros allowed), or null. */\n",
                );
                let _ = writeln!(
                    out,
                    "        @JvmStatic\n        fun parse(code: String): {t}? =\n            \
                     if (code.startsWith(\"0x\", ignoreCase = true)) code.substring(2).to{ct}OrNull(16)?.let {{ fromCode(it) }} else null"
                );
            }
            None => {
                out.push_str(
                    "\n        /** The constant for a code written as text (\"1302\"; leading zeros allowed), or null. */\n",
                );
                let _ = writeln!(
                    out,
                    "        @JvmStatic\n        fun parse(code: String): {t}? = code.to{ct}OrNull()?.let {{ fromCode(it) }}"
                );
            }
        }
    }
}

/// Names a body's property may not take: the hard keywords, what every data class has, and
/// the methods the body types add.
fn taken(name: &str) -> bool {
    is_kotlin_keyword(name)
        || matches!(
            name,
            "error" | "isError" | "hashCode" | "toString" | "equals" | "copy" | "javaClass"
        )
        || name
            .strip_prefix("component")
            .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

/// `errResponse?.code`: a field reached through nullable objects.
fn access(shape: &Shape, path: &[&Field], names: &[String]) -> String {
    shape
        .names_along(path, |s, depth| {
            if depth == 0 {
                names.to_vec()
            } else {
                super::java::member_names(s, &taken)
            }
        })
        .join("?.")
}

/// The code as the constants and branches write it: `1302`, `1302L` (a `Long` unit) or
/// `"data_validation_failed"`; the smallest values by name, since their literal (`-2147483648`)
/// is out of range before the minus applies.
fn code_literal(unit: &Unit, v: &Variant) -> String {
    match v.int {
        Some(n) if unit.codes_fit_i32() && n == i64::from(i32::MIN) => "Int.MIN_VALUE".into(),
        Some(_) if unit.codes_fit_i32() => v.literal.clone(),
        Some(i64::MIN) => "Long.MIN_VALUE".into(),
        Some(_) => format!("{}L", v.literal),
        None => literal(&v.code),
    }
}

/// The types of a body's fields in Kotlin (nullable where they are written).
const FIELD_TYPES: Spelling = Spelling {
    int_code: "Long",
    text: "String",
    number: "Long",
    bool: "Boolean",
    object: "{}",
    list: "List<{}>",
    any: "JsonElement",
};

/// How Kotlin tests the flag that says a body reports an error.
const FLAG_TESTS: FlagTests = FlagTests {
    is_true: "{value} == true",
    is_false: "{value} == false",
    nonzero: "({value} ?: 0L) != 0L",
    text: "{value}.equals({text}, ignoreCase = true)",
};

pub(super) fn literal(s: &str) -> String {
    quoted(s, &STYLE)
}

/// One line of a `/** */` comment. Kotlin's block comments nest, so neither `*/` nor `/*` may
/// stay whole.
fn comment(s: &str) -> String {
    break_up(one_line(s), &[("*/", "* /"), ("/*", "/ *")])
}

/// Kotlin: UTF-16 escapes; `$` is escaped, since `"${x}"` and `"$x"` interpolate.
const STYLE: literal::Style = literal::Style {
    escape: literal::utf16,
    special: &[('$', "\\$"), ('\u{8}', "\\b")],
};

/// Kotlin's hard keywords: never an identifier without backticks.
const KEYWORDS: &[&str] = &[
    "as",
    "break",
    "class",
    "continue",
    "do",
    "else",
    "false",
    "for",
    "fun",
    "if",
    "in",
    "interface",
    "is",
    "null",
    "object",
    "package",
    "return",
    "super",
    "this",
    "throw",
    "true",
    "try",
    "typealias",
    "typeof",
    "val",
    "var",
    "when",
    "while",
    "_",
];

/// Names a Kotlin enum constant must not take beyond the keywords: enum classes' own members
/// and the generated ones.
const TAKEN: &[&str] = &[
    "values",
    "valueOf",
    "entries",
    "name",
    "ordinal",
    "Companion",
];

/// Whether `name` is a Kotlin hard keyword (a property named so is written in backticks).
pub(super) fn is_kotlin_keyword(name: &str) -> bool {
    KEYWORDS.contains(&name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_cannot_open_or_close_a_block() {
        assert_eq!(comment("a */ b /* c\nd"), "a * / b / * c d");
        assert!(!comment("/*/*/").contains("/*"));
        assert!(!comment("/*/*/").contains("*/"));
    }

    fn unit_of(codes: &[&str]) -> String {
        let entries: Vec<crate::catalog::Entry> = codes
            .iter()
            .map(|c| crate::catalog::Entry {
                code: (*c).into(),
                message: Some(format!("m{c}")),
                ..Default::default()
            })
            .collect();
        let refs: Vec<&crate::catalog::Entry> = entries.iter().collect();
        let vendor = crate::catalog::Vendor {
            id: "x".into(),
            name: "X".into(),
            ..Default::default()
        };
        crate::snippet::enumeration(crate::snippet::Lang::Kotlin, &vendor, &refs)
    }

    #[test]
    fn the_smallest_integers_are_written_by_name() {
        let narrow = unit_of(&["-2147483648", "5"]);
        assert!(narrow.contains("fun fromCode(code: Int)"), "{narrow}");
        assert!(narrow.contains("Int.MIN_VALUE -> XError."), "{narrow}");
        assert!(narrow.contains("(Int.MIN_VALUE, "), "{narrow}");
        let wide = unit_of(&["-9223372036854775808", "5"]);
        assert!(wide.contains("fun fromCode(code: Long)"), "{wide}");
        assert!(wide.contains("Long.MIN_VALUE -> XError."), "{wide}");
        assert!(wide.contains("5L -> XError."), "{wide}");
        assert!(wide.contains("code.toLongOrNull()"), "{wide}");
    }

    #[test]
    fn properties_keep_clear_of_keywords_and_generated_members() {
        for n in ["in", "error", "copy", "component1", "isError"] {
            assert!(taken(n), "{n}");
        }
        for n in ["code", "message", "component", "botId"] {
            assert!(!taken(n), "{n}");
        }
    }
}
