//! C#: `public enum PixnetError : long { InvalidExpiredToken = 1000, … }` (the codes are the
//! members' values where they are integers; a plain enum for string codes) and a static
//! `PixnetErrorExtensions` class: `FromCode` (a `switch`, `null` when unknown), `Parse` for the
//! code as text, and the extension methods `Code()`, `Message()`, `HttpStatus()`, `Kind()` and
//! `IsRetryable()`. With an envelope, the body as `[DataContract]` classes (read by .NET's and
//! Mono's `DataContractJsonSerializer`, and by Json.NET) with `FromJson`, `GetError()` and
//! `IsError()`. The language level is C# 6, so Mono's mcs compiles it as well as csc.
//!
//! The arm: `case 1004: return PixnetError.X; // message`, a line of `FromCode`'s `switch`.

use super::DocumentImport;
use super::{About, Language};
use crate::snippet::body::{Field, FieldType, FlagTests, Shape, Spelling, described};
use crate::snippet::literal::{self, quoted};
use crate::snippet::naming;
use crate::snippet::out::Out;
use crate::snippet::{CodeType, Unit, Variant, one_line};
use std::fmt::Write;

/// The C# writer (see the module's documentation).
pub(super) struct CSharp;

impl Language for CSharp {
    #[cfg(test)]
    fn examples(&self) -> super::Examples {
        super::Examples {
            once: ["= 4109,", "case 4109:"],
            reserved: "ToString GetHashCode value__",
            text: "a\"b\\c\n錯😀\u{2028}",
            literal: "\"a\\\"b\\\\c\\n錯😀\\u2028\"",
            comment_text: "a <b> &\nc",
            comment: "a <b> & c",
        }
    }

    fn about(&self) -> About {
        About {
            title: "C#",
            case: naming::upper_camel,
            names: "csharp cs c#",
            imports: "using",
            reserved: &[KEYWORDS, TAKEN],
            editor_ids: "csharp",
            line_comment: one_line,
            arm: "case {code}: return {type}.{member};",
            comment: "//",
            extensions: "cs",
            literal,
        }
    }

    fn enumeration(&self, unit: &Unit, out: &mut Out) {
        let t = &unit.type_name;
        let mut usings = vec!["System"];
        let int = unit.code_type == CodeType::Int;
        let ext = extensions(unit);
        if unit.body.is_some() {
            usings.extend([
                "System.Collections.Generic",
                "System.IO",
                "System.Runtime.Serialization",
                "System.Runtime.Serialization.Json",
                "System.Text",
            ]);
        }
        if int {
            usings.push("System.Globalization");
        }
        usings.sort_unstable();
        for u in usings {
            let _ = writeln!(out, "using {u};");
        }
        out.push('\n');
        let _ = writeln!(
            out,
            "/// <summary>Error codes of {}.</summary>",
            doc(&unit.vendor.name)
        );
        if int {
            let _ = writeln!(out, "public enum {t} : long\n{{");
        } else {
            let _ = writeln!(out, "public enum {t}\n{{");
        }
        for v in &unit.variants {
            if let Some((first, rest)) = v.docs.split_first() {
                let _ = writeln!(
                    out,
                    "    /// <summary><c>{}</c>: {}</summary>",
                    doc(&v.code),
                    doc(first)
                );
                if !rest.is_empty() {
                    let _ = writeln!(out, "    /// <remarks>{}</remarks>", doc(&rest.join(" ")));
                }
            }
            match v.int {
                Some(_) => {
                    let _ = writeln!(out, "    {} = {},", v.ident, v.literal);
                }
                None => {
                    let _ = writeln!(out, "    {},", v.ident);
                }
            }
        }
        out.push_str("}\n\n");

        let _ = writeln!(
            out,
            "/// <summary>Lookups for <see cref=\"{t}\"/>: from the code the API sends, and each \
             code's message, HTTP status, kind and retry advice.</summary>"
        );
        let _ = writeln!(out, "public static class {ext}\n{{");
        let param = if int { "long" } else { "string" };
        let open = format!(
            "    /// <summary>The member for an error code as the API sends it (matched exactly), or null.</summary>\n    \
             public static {t}? FromCode({param} code)\n    {{\n        switch (code)\n        {{\n"
        );
        unit.write_from_code(
            out,
            &open,
            "            ",
            "            default: return null;\n        }\n    }\n\n",
        );
        if int {
            let example = if unit.hex.is_some() {
                "0x80070005"
            } else {
                "1302"
            };
            let _ = writeln!(
                out,
                "    /// <summary>The member for the code written as text (\"{example}\"; leading zeros allowed), or null.</summary>"
            );
            let _ = writeln!(out, "    public static {t}? Parse(string code)\n    {{");
            out.push_str("        long number;\n");
            if unit.hex.is_some() {
                out.push_str(
                    "        return code != null && code.Length > 2 && (code.StartsWith(\"0x\", StringComparison.Ordinal) || code.StartsWith(\"0X\", StringComparison.Ordinal))\n            \
                     && long.TryParse(code.Substring(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out number)\n",
                );
            } else {
                out.push_str(
                    "        return long.TryParse(code, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out number)\n",
                );
            }
            out.push_str("            ? FromCode(number)\n            : null;\n    }\n\n");
            out.push_str("    /// <summary>The error code as the API sends it.</summary>\n");
            let _ = writeln!(
                out,
                "    public static long Code(this {t} error)\n    {{\n        return (long)error;\n    }}\n"
            );
        } else {
            lookup(
                out,
                unit,
                "The error code as the API sends it.",
                "string Code",
                &|v| Some(literal(&v.code)),
                None,
            );
        }
        lookup(
            out,
            unit,
            "The message the API returns with the code (the summary where the source has none).",
            "string Message",
            &|v| Some(literal(&v.message)),
            None,
        );
        lookup(
            out,
            unit,
            "The HTTP status the API answers with, or null where the source gives none.",
            "int? HttpStatus",
            &|v| v.http_status.map(|s| s.to_string()),
            Some("null"),
        );
        lookup(
            out,
            unit,
            "The kind of problem, in errdex's vocabulary across vendors (\"rate_limit\", \"not_found\", …), or null.",
            "string Kind",
            &|v| v.kind_id().map(literal),
            Some("null"),
        );
        out.push_str(
            "    /// <summary>Whether sending the same request again later may succeed (back off, then retry).</summary>\n",
        );
        let _ = writeln!(
            out,
            "    public static bool IsRetryable(this {t} error)\n    {{"
        );
        let case = |v: &Variant| format!("            case {t}.{}:\n", v.ident);
        match unit.retryable_members(case, "") {
            None => out.push_str("        return false;\n    }\n"),
            Some(cases) => {
                let _ = writeln!(
                    out,
                    "        switch (error)\n        {{\n{cases}                return true;\n            default:\n                return false;\n        }}\n    }}"
                );
            }
        }
        out.push_str("}\n");
    }

    /// A body class: nullable properties under the keys the API sends, with `GetError()` where
    /// the object holds a code, `IsError()` where it holds the flag, and `FromJson` on the body.
    fn body_type(&self, unit: &Unit, shape: &Shape, root: bool, out: &mut Out) {
        let t = &unit.type_name;
        let vendor = doc(&unit.vendor.name);
        let what = described(root);
        let _ = writeln!(out, "/// <summary>{what} {vendor} sends.</summary>");
        let _ = writeln!(
            out,
            "[DataContract]\npublic sealed class {}\n{{",
            shape.name
        );
        let names = property_names(shape);
        for (i, (f, name)) in shape.fields.iter().zip(&names).enumerate() {
            let ty = f.ty.spelled(&FIELD_TYPES);
            if i > 0 {
                out.push('\n');
            }
            if matches!(f.ty, FieldType::List(_)) {
                out.push_str("    /// <summary>Null when the body has none.</summary>\n");
            }
            let _ = writeln!(
                out,
                "    [DataMember(Name = {}, EmitDefaultValue = false)]",
                literal(&f.key)
            );
            let _ = writeln!(out, "    public {ty} {name} {{ get; set; }}");
        }
        if root {
            let _ = writeln!(
                out,
                "\n    /// <summary>The body from its JSON text (every key optional).</summary>"
            );
            let _ = writeln!(
                out,
                "    public static {n} FromJson(string json)\n    {{\n        \
                 var serializer = new DataContractJsonSerializer(typeof({n}));\n        \
                 using (var stream = new MemoryStream(Encoding.UTF8.GetBytes(json)))\n        {{\n            \
                 return ({n})serializer.ReadObject(stream);\n        }}\n    }}",
                n = shape.name
            );
        }

        if let Some(code) = shape.code_path() {
            let _ = writeln!(
                out,
                "\n    /// <summary>The error the body's code names, when it is one of <see cref=\"{t}\"/>'s.</summary>"
            );
            let _ = writeln!(out, "    public {t}? GetError()\n    {{");
            let ext = extensions(unit);
            let value = access(shape, &code);
            match unit.code_type {
                CodeType::Int => {
                    let _ = writeln!(
                        out,
                        "        var code = {value};\n        return code.HasValue ? {ext}.FromCode(code.Value) : null;"
                    );
                }
                CodeType::Str => {
                    let _ = writeln!(out, "        return {ext}.FromCode({value});");
                }
            }
            out.push_str("    }\n");
        }
        if let Some(flag) = shape.flag() {
            let _ = writeln!(
                out,
                "\n    /// <summary>Whether the body's <c>{}</c> says it reports an error.</summary>",
                doc(flag.key)
            );
            out.push_str("    public bool IsError()\n    {\n");
            let value = access(shape, &flag.path);
            let test = flag.ty.test(&value, &FLAG_TESTS, literal);
            let _ = writeln!(out, "        return {test};\n    }}");
        }
        out.push_str("}\n");
    }

    /// A `using` directive, not a `using` statement or declaration.
    fn document_import(&self, line: &str) -> DocumentImport {
        if line.starts_with("using ") && line.ends_with(';') && !line.contains('(') {
            DocumentImport::Line
        } else {
            DocumentImport::No
        }
    }
}

/// The static class beside the enum: `PixnetErrorExtensions`.
fn extensions(unit: &Unit) -> String {
    format!("{}Extensions", unit.type_name)
}

/// An extension method that switches over the members: `value` gives a member's result
/// (`None` for `otherwise`, which is also the `default`); without `otherwise`, a value that is
/// no member (a cast) throws.
fn lookup(
    out: &mut Out,
    unit: &Unit,
    summary: &str,
    signature: &str,
    value: &dyn Fn(&Variant) -> Option<String>,
    otherwise: Option<&str>,
) {
    let t = &unit.type_name;
    let _ = writeln!(out, "    /// <summary>{}</summary>", doc(summary));
    let _ = writeln!(out, "    public static {signature}(this {t} error)\n    {{");
    let cases = unit.values(value);
    if let (true, Some(result)) = (cases.is_empty(), otherwise) {
        let _ = writeln!(out, "        return {result};\n    }}\n");
        return;
    }
    out.push_str("        switch (error)\n        {\n");
    for (v, result) in cases {
        let _ = writeln!(out, "            case {t}.{}: return {result};", v.ident);
    }
    match otherwise {
        Some(result) => {
            let _ = writeln!(out, "            default: return {result};");
        }
        None => out.push_str(
            "            default: throw new ArgumentOutOfRangeException(\"error\", error, null);\n",
        ),
    }
    out.push_str("        }\n    }\n\n");
}

/// `ErrResponse?.Code`: a property reached through nested objects that may be null.
fn access(shape: &Shape, path: &[&Field]) -> String {
    shape.names_along(path, |s, _| property_names(s)).join("?.")
}

/// PascalCase property names for a shape's keys, clear of the class's own name (a member may
/// not share it), its methods and `object`'s, unique (a number appended).
fn property_names(shape: &Shape) -> Vec<String> {
    let bases = shape.fields.iter().map(|f| naming::upper_camel(&f.words));
    naming::unique(bases, "", |name| {
        METHODS.contains(&name) || name == shape.name
    })
}

/// The methods of a body class and of `object`: no property may take one's name.
const METHODS: &[&str] = &[
    "FromJson",
    "GetError",
    "IsError",
    "Equals",
    "GetHashCode",
    "GetType",
    "ToString",
    "Finalize",
    "MemberwiseClone",
    "ReferenceEquals",
];

/// The types of a body's fields in C#.
const FIELD_TYPES: Spelling = Spelling {
    int_code: "long?",
    text: "string",
    number: "long?",
    bool: "bool?",
    object: "{}",
    list: "List<{}>",
    any: "object",
};

/// How C# tests the flag that says a body reports an error.
const FLAG_TESTS: FlagTests = FlagTests {
    is_true: "{value} == true",
    is_false: "{value} == false",
    nonzero: "({value} ?? 0) != 0",
    text: "string.Equals({value}, {text}, StringComparison.OrdinalIgnoreCase)",
};

pub(super) fn literal(s: &str) -> String {
    quoted(s, &STYLE)
}

/// Text for an XML documentation comment: one line, with `&`, `<` and `>` as entities so the
/// comment stays well-formed XML.
fn doc(s: &str) -> String {
    one_line(s)
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// C#: UTF-16 escapes (`\x` is not used: it takes up to four hex digits, so what follows
/// could join it).
const STYLE: literal::Style = literal::Style {
    escape: literal::utf16,
    special: &[],
};

/// C# enum members are PascalCase, so no keyword (all lower case) can be one.
const KEYWORDS: &[&str] = &[];

/// The members every enum inherits, which a member of the same name would hide.
const TAKEN: &[&str] = &[
    "Equals",
    "GetHashCode",
    "GetType",
    "ToString",
    "HasFlag",
    "CompareTo",
    "GetTypeCode",
    "Finalize",
    "MemberwiseClone",
    "ReferenceEquals",
    "value__",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doc_comments_stay_one_line_of_xml() {
        assert_eq!(doc("a <b> & c\nd"), "a &lt;b&gt; &amp; c d");
    }
}
