//! Rust: `pub enum PixnetError { … }` with `from_code`, `code`, `message` and `http_status`,
//! `Display` and `std::error::Error`.
//!
//! The arm: `"1004" => PixnetError::DeveloperAccountOwnsApiKey, // The developer account …`,
//! a line of `from_code`'s `Some(match code { … _ => return None })`.

use super::literal::{self, quoted};
use super::{Unit, Variant, indent, one_line, trailing};
use std::fmt::Write;

pub(super) fn arm(unit: &Unit, v: &Variant) -> String {
    format!(
        "{} => {}::{},{}",
        literal(&v.code),
        unit.type_name,
        v.ident,
        trailing("//", &comment(&v.message))
    )
}

pub(super) fn enumeration(unit: &Unit) -> String {
    let t = &unit.type_name;
    let mut out = String::new();
    let _ = writeln!(out, "/// Error codes of {}.", comment(&unit.vendor.name));
    out.push_str("#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]\n");
    let _ = writeln!(out, "pub enum {t} {{");
    for v in &unit.variants {
        for (i, d) in v.docs.iter().enumerate() {
            if i == 0 {
                let _ = writeln!(
                    out,
                    "    /// `{}`: {}",
                    comment(&v.code).replace('`', "'"),
                    comment(d)
                );
            } else {
                out.push_str("    ///\n");
                let _ = writeln!(out, "    /// {}", comment(d));
            }
        }
        let _ = writeln!(out, "    {},", v.ident);
    }
    out.push_str("}\n\n");

    let _ = writeln!(out, "impl {t} {{");
    out.push_str("    /// Every variant, in the catalog's order.\n");
    let _ = writeln!(out, "    pub const ALL: [{t}; {}] = [", unit.variants.len());
    for v in &unit.variants {
        let _ = writeln!(out, "        {t}::{},", v.ident);
    }
    out.push_str("    ];\n\n");

    out.push_str(
        "    /// The variant for an error code as the API returns it (matched exactly).\n",
    );
    out.push_str("    pub fn from_code(code: &str) -> Option<Self> {\n");
    out.push_str("        Some(match code {\n");
    for v in &unit.variants {
        let _ = writeln!(out, "{}", indent(&arm(unit, v), "            "));
    }
    out.push_str("            _ => return None,\n        })\n    }\n\n");

    let lookup = |out: &mut String, doc: &str, sig: &str, value: &dyn Fn(&Variant) -> String| {
        let _ = writeln!(out, "    /// {doc}");
        let _ = writeln!(out, "    pub fn {sig} {{");
        out.push_str("        match *self {\n");
        for v in &unit.variants {
            let _ = writeln!(out, "            {t}::{} => {},", v.ident, value(v));
        }
        out.push_str("        }\n    }\n");
    };
    lookup(
        &mut out,
        "The error code as the API returns it.",
        "code(&self) -> &'static str",
        &|v| literal(&v.code),
    );
    out.push('\n');
    lookup(
        &mut out,
        "The message the API returns with the code (the summary where the source has none).",
        "message(&self) -> &'static str",
        &|v| literal(&v.message),
    );
    out.push('\n');
    lookup(
        &mut out,
        "The HTTP status the API answers with, where the source gives one.",
        "http_status(&self) -> Option<u16>",
        &|v| match v.http_status {
            Some(s) => format!("Some({s})"),
            None => "None".into(),
        },
    );
    out.push_str("}\n\n");

    let _ = writeln!(out, "impl std::fmt::Display for {t} {{");
    out.push_str("    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {\n");
    out.push_str("        write!(f, \"{}: {}\", self.code(), self.message())\n    }\n}\n\n");
    let _ = writeln!(out, "impl std::error::Error for {t} {{}}");
    out
}

pub(super) fn literal(s: &str) -> String {
    quoted(s, &literal::RUST)
}

/// One line of a `//` or `///` comment; a run of three backticks (a doctest fence in
/// rustdoc) is broken up.
fn comment(s: &str) -> String {
    let mut s = one_line(s);
    while s.contains("```") {
        s = s.replace("```", "`` `");
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_stay_on_one_line() {
        assert_eq!(comment("a\nb ``` c"), "a b `` ` c");
        assert!(!comment("``````").contains("```"));
    }
}
