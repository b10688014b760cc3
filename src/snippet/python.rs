//! Python (3.10+): `class PixnetError(enum.Enum)` whose values are the codes (so
//! `PixnetError("1004")` works too), a `from_code` classmethod with a `match`, and `code`,
//! `message` and `http_status` properties backed by module-level dicts.
//!
//! The arm: `case "1004": return PixnetError.X  # message`, a line of `from_code`'s `match`.

use super::literal::{self, quoted};
use super::{Unit, Variant, indent, one_line, trailing};
use std::fmt::Write;

pub(super) fn arm(unit: &Unit, v: &Variant) -> String {
    format!(
        "case {}: return {}.{}{}",
        literal(&v.code),
        unit.type_name,
        v.ident,
        trailing(" #", &one_line(&v.message))
    )
}

pub(super) fn enumeration(unit: &Unit) -> String {
    let t = &unit.type_name;
    let consts = super::naming::screaming(t);
    let messages = format!("_{consts}_MESSAGES");
    let statuses = format!("_{consts}_HTTP_STATUS");
    let mut out = String::new();
    out.push_str("import enum\n\n\n");
    let _ = writeln!(out, "class {t}(enum.Enum):");
    let _ = writeln!(
        out,
        "    {}\n",
        docstring(&format!("Error codes of {}.", unit.vendor.name))
    );
    for v in &unit.variants {
        for d in &v.docs {
            let _ = writeln!(out, "    # {}", one_line(d));
        }
        let _ = writeln!(out, "    {} = {}", v.ident, literal(&v.code));
    }
    if !unit.variants.is_empty() {
        out.push('\n');
    }
    out.push_str("    @classmethod\n");
    let _ = writeln!(out, "    def from_code(cls, code: str) -> \"{t} | None\":");
    out.push_str("        \"\"\"The member for an error code as the API returns it (matched exactly).\"\"\"\n");
    if !unit.variants.is_empty() {
        out.push_str("        match code:\n");
        for v in &unit.variants {
            let _ = writeln!(out, "{}", indent(&arm(unit, v), "            "));
        }
    }
    out.push_str("        return None\n\n");

    out.push_str("    @property\n    def code(self) -> str:\n");
    out.push_str("        \"\"\"The error code as the API returns it.\"\"\"\n");
    out.push_str("        return str(self.value)\n\n");
    out.push_str("    @property\n    def message(self) -> str:\n");
    out.push_str("        \"\"\"The message the API returns with the code (the summary where the source has none).\"\"\"\n");
    let _ = writeln!(out, "        return {messages}[self]\n");
    out.push_str("    @property\n    def http_status(self) -> \"int | None\":\n");
    out.push_str(
        "        \"\"\"The HTTP status the API answers with, where the source gives one.\"\"\"\n",
    );
    let _ = writeln!(out, "        return {statuses}[self]\n\n");

    let _ = writeln!(out, "{messages}: \"dict[{t}, str]\" = {{");
    for v in &unit.variants {
        let _ = writeln!(out, "    {t}.{}: {},", v.ident, literal(&v.message));
    }
    out.push_str("}\n\n");
    let _ = writeln!(out, "{statuses}: \"dict[{t}, int | None]\" = {{");
    for v in &unit.variants {
        let status = v.http_status.map_or("None".to_string(), |s| s.to_string());
        let _ = writeln!(out, "    {t}.{}: {status},", v.ident);
    }
    out.push_str("}\n");
    out
}

pub(super) fn literal(s: &str) -> String {
    quoted(s, &literal::PYTHON)
}

/// A one-line docstring.
fn docstring(s: &str) -> String {
    let body = literal(&one_line(s));
    format!("\"\"{body}\"\"")
}
