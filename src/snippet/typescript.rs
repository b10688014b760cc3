//! TypeScript: `export enum PixnetError { X = "1004", … }` (string values, no `const enum`),
//! message and HTTP status maps typed `Record<PixnetError, …>` (so a missing member is a type
//! error), and a namespace merged with the enum for `PixnetError.fromCode(code)`,
//! `PixnetError.message(e)` and `PixnetError.httpStatus(e)`. Clean under `tsc --strict`.
//!
//! The arm: `case "1004": return PixnetError.X; // message`, a line of `fromCode`'s `switch`.

use super::literal::{self, quoted};
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
    let consts = super::naming::screaming(t);
    let messages = format!("{consts}_MESSAGES");
    let statuses = format!("{consts}_HTTP_STATUS");
    let mut out = String::new();
    let _ = writeln!(out, "/** Error codes of {}. */", comment(&unit.vendor.name));
    let _ = writeln!(out, "export enum {t} {{");
    for v in &unit.variants {
        if !v.docs.is_empty() {
            let _ = writeln!(out, "  /** {} */", comment(&v.docs.join(" — ")));
        }
        let _ = writeln!(out, "  {} = {},", v.ident, literal(&v.code));
    }
    out.push_str("}\n\n");

    let _ = writeln!(out, "const {messages}: Record<{t}, string> = {{");
    for v in &unit.variants {
        let _ = writeln!(out, "  [{t}.{}]: {},", v.ident, literal(&v.message));
    }
    out.push_str("};\n\n");
    let _ = writeln!(
        out,
        "const {statuses}: Record<{t}, number | undefined> = {{"
    );
    for v in &unit.variants {
        let status = v
            .http_status
            .map_or("undefined".to_string(), |s| s.to_string());
        let _ = writeln!(out, "  [{t}.{}]: {status},", v.ident);
    }
    out.push_str("};\n\n");

    out.push_str("// eslint-disable-next-line @typescript-eslint/no-namespace\n");
    let _ = writeln!(out, "export namespace {t} {{");
    out.push_str(
        "  /** The member for an error code as the API returns it (matched exactly). */\n",
    );
    let _ = writeln!(
        out,
        "  export function fromCode(code: string): {t} | undefined {{"
    );
    out.push_str("    switch (code) {\n");
    for v in &unit.variants {
        let _ = writeln!(out, "{}", indent(&arm(unit, v), "      "));
    }
    out.push_str("      default: return undefined;\n    }\n  }\n\n");
    out.push_str(
        "  /** The message the API returns with the code (the summary where the source has none). */\n",
    );
    let _ = writeln!(out, "  export function message(error: {t}): string {{");
    let _ = writeln!(out, "    return {messages}[error];\n  }}\n");
    out.push_str("  /** The HTTP status the API answers with, where the source gives one. */\n");
    let _ = writeln!(
        out,
        "  export function httpStatus(error: {t}): number | undefined {{"
    );
    let _ = writeln!(out, "    return {statuses}[error];\n  }}");
    out.push_str("}\n");
    out
}

pub(super) fn literal(s: &str) -> String {
    quoted(s, &literal::TYPESCRIPT)
}

/// One line of a `//` or `/** */` comment: `*/` cannot close it.
fn comment(s: &str) -> String {
    one_line(s).replace("*/", "*\\/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literals_and_comments() {
        assert_eq!(literal("a\"b\\c\n${x}\u{2028}"), r#""a\"b\\c\n${x}\u2028""#);
        assert_eq!(literal("\u{E0041}"), r#""\uDB40\uDC41""#);
        assert_eq!(comment("a */ b\u{2029}c"), "a *\\/ b c");
    }
}
