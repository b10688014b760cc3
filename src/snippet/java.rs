//! Java: `public enum PixnetError { INVALID_EXPIRED_TOKEN("1000", "…", 401), …; }` with
//! `fromCode(String)` (a string `switch`, `null` when unknown), `code()`, `message()` and
//! `httpStatus()` (an `Integer`, `null` when unknown). The file is pure ASCII (everything else
//! as `\uXXXX`), so javac reads it under any `-encoding`.
//!
//! The arm: `case "1004": return PixnetError.X; // message`, a line of `fromCode`'s `switch`.

use super::literal::{self, quoted, utf16};
use super::{Unit, Variant, indent, one_line, trailing};
use std::fmt::Write;

pub(super) fn arm(unit: &Unit, v: &Variant) -> String {
    format!(
        "case {}: return {}.{};{}",
        literal(&v.code),
        unit.type_name,
        v.ident,
        trailing("//", &comment(&v.message))
    )
}

pub(super) fn enumeration(unit: &Unit) -> String {
    let t = &unit.type_name;
    let mut out = String::new();
    let _ = writeln!(out, "/** Error codes of {}. */", comment(&unit.vendor.name));
    let _ = writeln!(out, "public enum {t} {{");
    for (i, v) in unit.variants.iter().enumerate() {
        if !v.docs.is_empty() {
            let _ = writeln!(out, "    /** {} */", comment(&v.docs.join(" -- ")));
        }
        let status = v.http_status.map_or("null".to_string(), |s| s.to_string());
        let end = if i + 1 == unit.variants.len() {
            ";"
        } else {
            ","
        };
        let _ = writeln!(
            out,
            "    {}({}, {}, {status}){end}",
            v.ident,
            literal(&v.code),
            literal(&v.message)
        );
    }
    if unit.variants.is_empty() {
        out.push_str("    ;\n");
    }
    out.push_str(
        "\n    private final String code;\n    private final String message;\n    private final Integer httpStatus;\n\n",
    );
    let _ = writeln!(
        out,
        "    {t}(String code, String message, Integer httpStatus) {{\n        this.code = code;\n        this.message = message;\n        this.httpStatus = httpStatus;\n    }}\n"
    );
    out.push_str(
        "    /** The constant for an error code as the API returns it (matched exactly), or null. */\n",
    );
    let _ = writeln!(out, "    public static {t} fromCode(String code) {{");
    out.push_str("        if (code == null) {\n            return null;\n        }\n");
    out.push_str("        switch (code) {\n");
    for v in &unit.variants {
        let _ = writeln!(out, "{}", indent(&arm(unit, v), "            "));
    }
    out.push_str("            default: return null;\n        }\n    }\n\n");
    out.push_str("    /** The error code as the API returns it. */\n");
    out.push_str("    public String code() {\n        return code;\n    }\n\n");
    out.push_str(
        "    /** The message the API returns with the code (the summary where the source has none). */\n",
    );
    out.push_str("    public String message() {\n        return message;\n    }\n\n");
    out.push_str(
        "    /** The HTTP status the API answers with, or null where the source gives none. */\n",
    );
    out.push_str("    public Integer httpStatus() {\n        return httpStatus;\n    }\n}\n");
    out
}

pub(super) fn literal(s: &str) -> String {
    quoted(s, &literal::JAVA)
}

/// One line of a `//` or `/** */` comment, in ASCII. javac turns `\u…` into characters even
/// inside comments, so backslashes are doubled first (an escape needs an odd number of them);
/// `*/` cannot close the comment; the rest of the text outside ASCII becomes `\uXXXX`.
fn comment(s: &str) -> String {
    let text = one_line(s).replace('\\', "\\\\").replace("*/", "*\\/");
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii() {
            out.push(c);
        } else {
            utf16(c, &mut out);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_cannot_end_early() {
        assert_eq!(comment(r"x \u000a */ y"), r"x \\u000a *\/ y");
        assert_eq!(comment("錯"), r"\u932F");
    }
}
