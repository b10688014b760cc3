//! Java: `public enum PixnetError { INVALID_EXPIRED_TOKEN(1000, "…", 401, "auth", false), …; }`
//! with `fromCode(int)` (a `switch`, `null` when unknown; `long` codes when one needs 64
//! bits, `String` for string codes), `parse(String)` for integer codes, `code()`, `message()`,
//! `httpStatus()` and `kind()` (`null` when unknown) and `isRetryable()`. With an envelope, the
//! body as records nested in the enum (`PixnetError.Body`) for Gson, whose `error()` maps the
//! code to the enum and `isError()` reads the flag. Messages keep their own script (CJK as it is, for
//! `javac -encoding UTF-8`); only invisible characters become `\uXXXX`.
//!
//! The arm: `case 1004: return PixnetError.X; // message`, a line of `fromCode`'s `switch`
//! (`if (code == 1004L) return PixnetError.X;` for `long` codes, which `switch` cannot take).

use super::{About, LOOKUPS_CAMEL, Language, member_arm};
use crate::snippet::body::{
    Field, FieldType, FlagTests, FlagType, Role, Shape, Spelling, described,
};
use crate::snippet::literal::{self, quoted};
use crate::snippet::module::{Module, import_lines};
use crate::snippet::naming;
use crate::snippet::out::Out;
use crate::snippet::{CodeType, Unit, Variant, indent, one_line, trailing};
use std::borrow::Cow;
use std::collections::BTreeSet;
use std::fmt::Write;

/// The Java writer (see the module's documentation).
pub(super) struct Java;

impl Language for Java {
    #[cfg(test)]
    fn examples(&self) -> super::Examples {
        super::Examples {
            once: ["(4109, ", "case 4109:"],
            reserved: "values ordinal fromCode class",
            text: "a\"b\\c\n錯😀\u{202E}\u{1}\u{8}",
            literal: "\"a\\\"b\\\\c\\n錯😀\\u202E\\u0001\\b\"",
            comment_text: "x \\u000a */ y 錯誤",
            comment: "x \\\\u000a *\\/ y 錯誤",
        }
    }

    fn about(&self) -> About {
        About {
            title: "Java",
            case: naming::upper_snake,
            names: "java",
            imports: "import",
            reserved: &[KEYWORDS, TAKEN, LOOKUPS_CAMEL],
            editor_ids: "java",
            line_comment: comment,
            arm: "case {code}: return {type}.{member};",
            comment: "//",
            extensions: "java",
            literal,
        }
    }

    fn enumeration(&self, unit: &Unit, out: &mut Out) {
        let t = &unit.type_name;
        if let Some(body) = &unit.body {
            let types = body.types();
            let any =
                |p: fn(&FieldType) -> bool| types.iter().any(|s| s.fields.iter().any(|f| p(&f.ty)));
            if any(|ty| matches!(ty, FieldType::Any)) {
                out.push_str("import com.google.gson.JsonElement;\n");
            }
            out.push_str("import com.google.gson.annotations.SerializedName;\n");
            if any(|ty| matches!(ty, FieldType::List(_))) {
                out.push_str("import java.util.List;\n");
            }
            out.push('\n');
        }
        let ct = code_type(unit);
        let _ = writeln!(out, "/** Error codes of {}. */", comment(&unit.vendor.name));
        let _ = writeln!(out, "public enum {t} {{");
        let chunked = unit.variants.len() > JVM_CHUNK;
        if chunked {
            bare_constants(unit, out);
        } else {
            constants(
                unit,
                out,
                Jvm {
                    comment,
                    literal,
                    code_literal,
                },
            );
        }
        let _ = writeln!(
            out,
            "\n    private final {ct} code;\n    private final String message;\n    private final Integer httpStatus;\n    \
             private final String kind;\n    private final boolean retryable;\n"
        );
        if chunked {
            let _ = writeln!(
                out,
                "    {t}() {{\n        int row = ordinal();\n        this.code = codeAt(row);\n        \
                 this.message = messageAt(row);\n        this.httpStatus = httpStatusAt(row);\n        \
                 this.kind = kindAt(row);\n        this.retryable = retryableAt(row);\n    }}\n"
            );
        } else {
            let _ = writeln!(
                out,
                "    {t}({ct} code, String message, Integer httpStatus, String kind, boolean retryable) {{\n        \
                 this.code = code;\n        this.message = message;\n        this.httpStatus = httpStatus;\n        \
                 this.kind = kind;\n        this.retryable = retryable;\n    }}\n"
            );
        }
        out.push_str(
            "    /** The constant for an error code as the API returns it (matched exactly), or null. */\n",
        );
        let _ = writeln!(out, "    public static {t} fromCode({ct} code) {{");
        if chunked {
            if ct == "String" {
                out.push_str("        if (code == null) {\n            return null;\n        }\n");
            }
            let parts = unit.variants.len().div_ceil(JVM_CHUNK);
            let _ = writeln!(out, "        {t} found = fromCode0(code);");
            for part in 1..parts {
                let _ = writeln!(
                    out,
                    "        if (found == null) {{\n            found = fromCode{part}(code);\n        }}"
                );
            }
            out.push_str("        return found;\n    }\n\n");
            for (part, variants) in unit.variants.chunks(JVM_CHUNK).enumerate() {
                let _ = writeln!(out, "    private static {t} fromCode{part}({ct} code) {{");
                lookup_body(unit, variants, ct, out);
            }
        } else {
            lookup_body(unit, &unit.variants, ct, out);
        }
        if unit.code_type == CodeType::Int {
            let parse = if ct == "int" {
                "Integer.parseInt"
            } else {
                "Long.parseLong"
            };
            let (example, refuse, text, radix) = match unit.hex {
                Some(_) => (
                    "0x80070005",
                    "code == null || !(code.startsWith(\"0x\") || code.startsWith(\"0X\"))",
                    "code.substring(2)",
                    ", 16",
                ),
                None => ("1302", "code == null", "code", ""),
            };
            let _ = writeln!(
                out,
                "    /** The constant for a code written as text (\"{example}\"; leading zeros allowed), or null. */"
            );
            let _ = writeln!(
                out,
                "    public static {t} parse(String code) {{\n        if ({refuse}) {{\n            return null;\n        }}\n        \
                 try {{\n            return fromCode({parse}({text}{radix}));\n        }} catch (NumberFormatException e) {{\n            \
                 return null;\n        }}\n    }}\n"
            );
        }
        out.push_str("    /** The error code as the API returns it. */\n");
        let _ = writeln!(
            out,
            "    public {ct} code() {{\n        return code;\n    }}\n"
        );
        out.push_str(
            "    /** The message the API returns with the code (the summary where the source has none). */\n",
        );
        out.push_str("    public String message() {\n        return message;\n    }\n\n");
        out.push_str(
            "    /** The HTTP status the API answers with, or null where the source gives none. */\n",
        );
        out.push_str("    public Integer httpStatus() {\n        return httpStatus;\n    }\n\n");
        out.push_str(
            "    /** The kind of problem in errdex's vocabulary across vendors (\"rate_limit\", \"not_found\", ...), or null. */\n",
        );
        out.push_str("    public String kind() {\n        return kind;\n    }\n\n");
        out.push_str(
            "    /** Whether sending the same request again later may succeed (back off, then retry). */\n",
        );
        out.push_str("    public boolean isRetryable() {\n        return retryable;\n    }\n");
        if chunked {
            chunked_data(unit, out);
        }
    }

    fn body_type(&self, unit: &Unit, shape: &Shape, root: bool, out: &mut Out) {
        let record = write_record(unit, shape, root);
        let _ = writeln!(out, "{}", indent(&record, "    "));
    }

    /// Nested in the enum, which they close.
    fn body_types(&self, unit: &Unit, out: &mut Out) {
        for (shape, root) in unit.body_types() {
            out.push('\n');
            self.body_type(unit, shape, root, out);
        }
        out.push_str("}\n");
    }

    /// `if (code == 1004L) return PixnetError.X;` for `long` codes, which `switch` cannot take.
    fn arm(&self, unit: &Unit, v: &Variant) -> String {
        match v.int {
            Some(_) if !unit.codes_fit_i32() => format!(
                "if (code == {}L) return {}.{};{}",
                v.literal,
                unit.type_name,
                v.ident,
                trailing("//", &comment(&v.message))
            ),
            _ => member_arm(self, unit, v),
        }
    }

    /// One public type per file, the document's own: the unit's types lose `public`.
    fn code_line_in_document<'l>(&self, line: &'l str) -> Cow<'l, str> {
        const PUBLIC_TYPES: [&str; 5] = [
            "public enum ",
            "public class ",
            "public final class ",
            "public interface ",
            "public record ",
        ];
        if PUBLIC_TYPES.iter().any(|p| line.starts_with(p)) {
            Cow::Borrowed(&line["public ".len()..])
        } else {
            Cow::Borrowed(line)
        }
    }

    /// One public type per file: the enums, public, nested in the class [`SHARED_CLASS`].
    fn shared_file(&self, imports: &BTreeSet<String>, parts: &[String]) -> Module {
        let mut text = import_lines(imports, "\n");
        let _ = write!(
            text,
            "/** Error codes of several APIs, an enum each. */\n\
             public final class {SHARED_CLASS} {{\n    private {SHARED_CLASS}() {{\n    }}\n\n"
        );
        for line in parts.join("\n\n").lines() {
            if !line.is_empty() {
                text.push_str("    ");
                text.push_str(line);
            }
            text.push('\n');
        }
        text.push_str("}\n");
        Module {
            text,
            file_name: Some(format!("{SHARED_CLASS}.java")),
        }
    }
}

/// The class a file of several vendors nests their enums in (and the file's name).
const SHARED_CLASS: &str = "ErrorCodes";

/// The Java type of the unit's codes: `int`, `long` when a code needs 64 bits, or `String`.
fn code_type(unit: &Unit) -> &'static str {
    match unit.code_type {
        CodeType::Int if unit.codes_fit_i32() => "int",
        CodeType::Int => "long",
        CodeType::Str => "String",
    }
}

/// The body of `fromCode` (or of one of its parts) over `variants`: a `switch` of their arms,
/// or a run of `if`s for `long` codes.
fn lookup_body(unit: &Unit, variants: &[Variant], ct: &str, out: &mut Out) {
    if ct == "long" {
        let close = "        return null;\n    }\n\n";
        unit.write_part_of_from_code(out, variants, "", "        ", close);
    } else {
        if ct == "String" && variants.len() == unit.variants.len() {
            out.push_str("        if (code == null) {\n            return null;\n        }\n");
        }
        let close = "            default: return null;\n        }\n    }\n\n";
        let open = "        switch (code) {\n";
        unit.write_part_of_from_code(out, variants, open, "            ", close);
    }
}

/// The constants of a large unit, without data: `NAME,` with the documentation. Each
/// constant's data comes from lookups by ordinal (see [`chunked_data`]): javac compiles
/// every constant into the enum's static initializer, which may not pass 64 KB, and a
/// constant without arguments takes the fewest bytes there (16), so about 4,000 fit.
fn bare_constants(unit: &Unit, out: &mut Out) {
    for (i, v) in unit.variants.iter().enumerate() {
        if !v.docs.is_empty() {
            let _ = writeln!(out, "    /** {} */", comment(&v.docs.join(" -- ")));
        }
        let end = if i + 1 == unit.variants.len() {
            ";"
        } else {
            ","
        };
        let _ = writeln!(out, "    {}{end}", v.ident);
    }
}

/// What a data lookup returns for a variant (`None`: the lookup's default).
type ValueOf<'a> = dyn Fn(&Variant) -> Option<String> + 'a;

/// The lookups a large unit's constructor reads its data from: per field, a method that picks
/// the part holding the row, and the parts, each a `switch` of at most [`JVM_CHUNK`] rows.
fn chunked_data(unit: &Unit, out: &mut Out) {
    let ct = code_type(unit);
    let fields: [(&str, &str, &str, &ValueOf); 5] = [
        ("code", ct, "The code", &|v: &Variant| {
            Some(code_literal(unit, v))
        }),
        ("message", "String", "The message", &|v: &Variant| {
            Some(literal(&v.message))
        }),
        (
            "httpStatus",
            "Integer",
            "The HTTP status",
            &|v: &Variant| v.http_status.map(|s| s.to_string()),
        ),
        ("kind", "String", "The kind", &|v: &Variant| {
            v.kind_id().map(literal)
        }),
        (
            "retryable",
            "boolean",
            "Whether retrying may succeed",
            &|v: &Variant| v.is_retryable().then(|| "true".to_string()),
        ),
    ];
    let parts = unit.variants.len().div_ceil(JVM_CHUNK);
    for (name, ty, what, value) in fields {
        let otherwise = match ty {
            "boolean" => "false",
            "long" | "int" => "0",
            _ => "null",
        };
        let _ = writeln!(
            out,
            "\n    /** {what} of the constant whose ordinal is {{@code row}}. */\n    \
             private static {ty} {name}At(int row) {{"
        );
        for part in 0..parts {
            if part + 1 == parts {
                let _ = writeln!(out, "        return {name}At{part}(row);\n    }}");
            } else {
                let _ = writeln!(
                    out,
                    "        if (row < {}) {{\n            return {name}At{part}(row);\n        }}",
                    (part + 1) * JVM_CHUNK
                );
            }
        }
        for (part, variants) in unit.variants.chunks(JVM_CHUNK).enumerate() {
            let _ = writeln!(
                out,
                "\n    private static {ty} {name}At{part}(int row) {{\n        switch (row) {{"
            );
            let first = part * JVM_CHUNK;
            for (i, v) in variants.iter().enumerate() {
                if let Some(x) = value(v) {
                    let _ = writeln!(out, "            case {}: return {x};", first + i);
                }
            }
            let _ = writeln!(
                out,
                "            default: return {otherwise};\n        }}\n    }}"
            );
        }
    }
}

/// A nested type's name inside the enum: `PixnetErrorBody` → `Body`.
fn nested_name(unit: &Unit, shape: &Shape) -> String {
    shape
        .name
        .strip_prefix(unit.type_name.as_str())
        .unwrap_or(&shape.name)
        .to_string()
}

/// A body type: a record of boxed (nullable) components under the keys the API sends, with
/// `error()` where the object holds a code and `isError()` where it holds the flag.
fn write_record(unit: &Unit, shape: &Shape, root: bool) -> String {
    let t = &unit.type_name;
    let vendor = comment(&unit.vendor.name);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "/** {} {vendor} sends{}. */",
        described(root),
        gson(root)
    );
    let names = member_names(shape, &|n| {
        is_java_keyword(n) || JAVA_RECORD_MEMBERS.contains(&n)
    });
    let components: Vec<String> = shape
        .fields
        .iter()
        .zip(&names)
        .map(|(f, name)| {
            let spelling = Spelling {
                int_code: if unit.codes_fit_i32() {
                    "Integer"
                } else {
                    "Long"
                },
                ..FIELD_TYPES
            };
            let ty =
                f.ty.spelled_naming(&spelling, |inner| nested_name(unit, inner));
            format!("@SerializedName({}) {ty} {name}", literal(&f.key))
        })
        .collect();
    let _ = writeln!(
        out,
        "public record {}(\n        {}) {{",
        nested_name(unit, shape),
        components.join(",\n        ")
    );
    let code = shape.code_path();
    if let Some(code) = &code {
        let _ = writeln!(
            out,
            "    /** The error the body's code names, or null when it is none of {t}'s. */"
        );
        let _ = writeln!(out, "    public {t} error() {{");
        let (checks, value) = access(shape, code, &names);
        let _ = writeln!(
            out,
            "        if ({}) {{\n            return null;\n        }}\n        return {t}.fromCode({value});\n    }}",
            checks.join(" || ")
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
        out.push_str("    public boolean isError() {\n");
        let (checks, value) = access(shape, &flag.path, &names);
        let test = flag.ty.test(&value, &FLAG_TESTS, literal);
        let mut present: Vec<String> = checks.iter().map(|c| c.replace("==", "!=")).collect();
        // `equals` and `equalsIgnoreCase` answer false for null by themselves.
        if !matches!(flag.ty, FlagType::NonZero) {
            present.pop();
        }
        present.push(test);
        let _ = writeln!(out, "        return {};\n    }}", present.join(" && "));
    }
    out.push_str("}\n");
    out
}

/// What the body itself says beside its name: `, as Gson reads it` (the JVM's JSON library).
pub(super) fn gson(root: bool) -> &'static str {
    if root { ", as Gson reads it" } else { "" }
}

/// The null checks on the way to a field (`errResponse == null`, `errResponse.code() ==
/// null`) and the expression of the field itself.
fn access(shape: &Shape, path: &[&Field], names: &[String]) -> (Vec<String>, String) {
    let mut expr = String::new();
    let mut checks = Vec::new();
    let along = shape.names_along(path, |s, depth| {
        if depth == 0 {
            names.to_vec()
        } else {
            member_names(s, &|n| {
                is_java_keyword(n) || JAVA_RECORD_MEMBERS.contains(&n)
            })
        }
    });
    for (i, name) in along.iter().enumerate() {
        if i == 0 {
            expr.push_str(name);
        } else {
            let _ = write!(expr, ".{name}()");
        }
        checks.push(format!("{expr} == null"));
    }
    (checks, expr)
}

/// Methods every record has, and the ones the body types add: a component may not take them.
const JAVA_RECORD_MEMBERS: &[&str] = &[
    "error",
    "isError",
    "hashCode",
    "toString",
    "equals",
    "getClass",
    "notify",
    "notifyAll",
    "wait",
    "clone",
    "finalize",
];

/// lowerCamel member names for a shape's keys (`errResponse`, `botId`). A name `taken` (a
/// keyword, a method of the type) gets a word for its role (`errorFlag` for PIXNET's `error`);
/// two keys that give the same name get a number.
pub(super) fn member_names(shape: &Shape, taken: &dyn Fn(&str) -> bool) -> Vec<String> {
    let bases = shape.fields.iter().map(|f| {
        let mut base = naming::lower_camel(&f.words);
        if taken(&base) {
            base.push_str(match f.role {
                Role::Flag => "Flag",
                Role::Code => "Code",
                Role::Message => "Message",
                _ => "Value",
            });
        }
        base
    });
    naming::unique(bases, "", taken)
}

/// Above this many codes, the JVM writers keep each code's data out of the constants and
/// split every lookup into parts of this many cases: javac and kotlinc allow 64 KB of bytecode
/// per method, the static initializer that builds the constants included.
pub(super) const JVM_CHUNK: usize = 1000;

/// How Java and Kotlin write text, which is all that differs in their enum constants.
pub(super) struct Jvm {
    pub comment: fn(&str) -> String,
    pub literal: fn(&str) -> String,
    pub code_literal: fn(&Unit, &Variant) -> String,
}

/// The enum constants, one a code: `NAME(code, "message", status, "kind", retryable),` with
/// the variant's documentation, ended by `;` (alone when there are none).
pub(super) fn constants(unit: &Unit, out: &mut Out, jvm: Jvm) {
    let Jvm {
        comment,
        literal,
        code_literal,
    } = jvm;
    for (i, v) in unit.variants.iter().enumerate() {
        if !v.docs.is_empty() {
            let _ = writeln!(out, "    /** {} */", comment(&v.docs.join(" -- ")));
        }
        let status = v.http_status.map_or("null".to_string(), |s| s.to_string());
        let kind = v.kind_id().map_or("null".to_string(), literal);
        let end = if i + 1 == unit.variants.len() {
            ";"
        } else {
            ","
        };
        let _ = writeln!(
            out,
            "    {}({}, {}, {status}, {kind}, {}){end}",
            v.ident,
            code_literal(unit, v),
            literal(&v.message),
            v.is_retryable()
        );
    }
    if unit.variants.is_empty() {
        out.push_str("    ;\n");
    }
}

/// The code as the constants and arms write it: `1302`, `1302L` (a `long` unit) or
/// `"data_validation_failed"`.
fn code_literal(unit: &Unit, v: &Variant) -> String {
    match v.int {
        Some(_) if unit.codes_fit_i32() => v.literal.clone(),
        Some(_) => format!("{}L", v.literal),
        None => literal(&v.code),
    }
}

/// The types of a body's fields in Java, boxed (null when the body lacks the key).
const FIELD_TYPES: Spelling = Spelling {
    int_code: "Long",
    text: "String",
    number: "Long",
    bool: "Boolean",
    object: "{}",
    list: "List<{}>",
    any: "JsonElement",
};

/// How Java tests the flag that says a body reports an error.
const FLAG_TESTS: FlagTests = FlagTests {
    is_true: "Boolean.TRUE.equals({value})",
    is_false: "Boolean.FALSE.equals({value})",
    nonzero: "{value} != 0",
    text: "{text}.equalsIgnoreCase({value})",
};

pub(super) fn literal(s: &str) -> String {
    quoted(s, &STYLE)
}

/// One line of a `//` or `/** */` comment. javac turns `\u…` into characters even inside
/// comments, so backslashes are doubled (an escape needs an odd number of them); `*/` cannot
/// close the comment.
fn comment(s: &str) -> String {
    one_line(s).replace('\\', "\\\\").replace("*/", "*\\/")
}

/// Java. `\u000a` would end the line before javac sees the literal, so line breaks are never
/// written that way.
const STYLE: literal::Style = literal::Style {
    escape: literal::utf16,
    special: &[('\u{8}', "\\b"), ('\u{c}', "\\f")],
};

const KEYWORDS: &[&str] = &[
    "abstract",
    "assert",
    "boolean",
    "break",
    "byte",
    "case",
    "catch",
    "char",
    "class",
    "const",
    "continue",
    "default",
    "do",
    "double",
    "else",
    "enum",
    "extends",
    "final",
    "finally",
    "float",
    "for",
    "goto",
    "if",
    "implements",
    "import",
    "instanceof",
    "int",
    "interface",
    "long",
    "native",
    "new",
    "package",
    "private",
    "protected",
    "public",
    "return",
    "short",
    "static",
    "strictfp",
    "super",
    "switch",
    "synchronized",
    "this",
    "throw",
    "throws",
    "transient",
    "try",
    "void",
    "volatile",
    "while",
    "true",
    "false",
    "null",
    "var",
    "yield",
    "record",
    "sealed",
    "permits",
    "non-sealed",
    "_",
];

/// Names a Java enum constant must not take beyond the keywords: the enum's own members and
/// the generated ones.
const TAKEN: &[&str] = &[
    "values",
    "valueOf",
    "name",
    "ordinal",
    "compareTo",
    "getDeclaringClass",
];

/// Whether `name` is a Java keyword or literal (a record component named so gets a suffix).
pub(super) fn is_java_keyword(name: &str) -> bool {
    KEYWORDS.contains(&name)
}
