//! Ruby: `module PixnetError` holding one frozen constant per code (an `Entry` struct with
//! `code`, `message`, `http_status`, `kind` (a symbol) and `retryable?`), the lookup hash
//! `BY_CODE`, `ALL`, `from_code` and, for integer codes, `parse` for the code as text. With an
//! envelope, the body as structs built by `from_json(hash)` from `JSON.parse`'s Hash, with
//! `to_error` (the constant for the body's code) and `error?` (the flag).
//!
//! Literals are single-quoted (nothing interpolates) unless the text needs an escape; then
//! double-quoted with `#` escaped, so `#{…}` stays text.
//!
//! The arm: `1004 => PixnetError::X, # message`, a line of the `BY_CODE` hash.

use super::{About, Language};
use crate::snippet::body::{Field, FieldType, FlagTests, Shape, described};
use crate::snippet::literal::{self, quoted, single_quoted};
use crate::snippet::naming;
use crate::snippet::out::Out;
use crate::snippet::{CodeType, Unit, one_line};
use std::fmt::Write;

/// The Ruby writer (see the module's documentation).
pub(super) struct Ruby;

impl Language for Ruby {
    #[cfg(test)]
    fn examples(&self) -> super::Examples {
        super::Examples {
            once: ["code: 4109,", "4109 =>"],
            reserved: "BEGIN END ALL BY_CODE",
            text: "#{x} #@x #$x ${x} \u{202e}",
            literal: "\"\\#{x} \\#@x \\#$x ${x} \\u{202e}\"",
            comment_text: "x -*- frozen_string_literal: false -*-\ny",
            comment: "x -* - frozen_string_literal: false -* - y",
        }
    }

    fn about(&self) -> About {
        About {
            title: "Ruby",
            case: naming::upper_snake,
            names: "ruby rb",
            imports: "require",
            reserved: &[KEYWORDS, TAKEN],
            editor_ids: "ruby",
            line_comment: comment,
            arm: "{code} => {type}::{member},",
            comment: "#",
            extensions: "rb",
            literal,
        }
    }

    fn enumeration(&self, unit: &Unit, out: &mut Out) {
        let t = &unit.type_name;
        out.push_str(self.prelude());
        let _ = writeln!(
            out,
            "# Error codes of {}: a frozen constant per code, and lookups by code.",
            comment(&unit.vendor.name)
        );
        let _ = writeln!(out, "module {t}");
        out.push_str("  # One error code: what the API sends, and what it means.\n");
        out.push_str(
            "  Entry = Struct.new(:code, :message, :http_status, :kind, :retryable, keyword_init: true) do\n",
        );
        out.push_str(
            "    # Whether sending the same request again later may succeed (back off, then retry).\n",
        );
        out.push_str("    def retryable?\n      retryable\n    end\n\n");
        match unit.hex.filter(|_| unit.code_type == CodeType::Int) {
            Some(hex) => {
                let _ = writeln!(
                    out,
                    "    def to_s\n      format('{}: %s', code, message)\n    end\n  end",
                    hex.printf()
                );
            }
            None => out.push_str("    def to_s\n      \"#{code}: #{message}\"\n    end\n  end\n"),
        }
        for v in &unit.variants {
            out.push('\n');
            let code = comment(&v.code).replace('`', "'");
            let first = |d: &str| format!("  # `{code}`: {}", comment(d));
            v.write_docs(out, first, |d| format!("  # {}", comment(d)));
            let status = v.http_status.map_or("nil".into(), |s| s.to_string());
            let kind = v.kind_id().map_or("nil".into(), symbol);
            let _ = writeln!(
                out,
                "  {} = Entry.new(\n    code: {},\n    message: {},\n    http_status: {status},\n    kind: {kind},\n    retryable: {}\n  ).freeze",
                v.ident,
                v.code_literal(literal),
                literal(&v.message),
                v.is_retryable()
            );
        }
        out.push_str("\n  # Every code's constant, by the code as the API sends it.\n");
        if unit.variants.is_empty() {
            out.push_str("  BY_CODE = {}.freeze\n");
        } else {
            unit.write_from_code(out, "  BY_CODE = {\n", "    ", "  }.freeze\n");
        }
        out.push_str(
            "\n  # Every constant, in the catalog's order.\n  ALL = BY_CODE.values.freeze\n\n",
        );
        out.push_str(
            "  # The constant for an error code as the API sends it (matched exactly), or nil.\n",
        );
        out.push_str("  def self.from_code(code)\n    BY_CODE[code]\n  end\n");
        if unit.code_type == CodeType::Int {
            if unit.hex.is_some() {
                out.push_str(
                    "\n  # The constant for the code written as text ('0x80070005'; leading zeros allowed), or nil.\n",
                );
                out.push_str("  def self.parse(text)\n");
                out.push_str(
                    "    return nil unless text.is_a?(String) && text.match?(/\\A0[xX]\\h+\\z/)\n\n",
                );
                out.push_str("    from_code(text[2..].to_i(16))\n  end\n");
            } else {
                out.push_str(
                    "\n  # The constant for the code written as text ('1302'; leading zeros allowed), or nil.\n",
                );
                out.push_str("  def self.parse(text)\n");
                out.push_str(
                    "    return nil unless text.is_a?(String) && text.match?(/\\A[+-]?[0-9]+\\z/)\n\n",
                );
                out.push_str("    from_code(text.to_i)\n  end\n");
            }
        }
        out.push_str("end\n");
    }

    /// A body struct: members under snake_case names, each optional, filled from the keys as the
    /// API sends them.
    fn body_type(&self, unit: &Unit, shape: &Shape, root: bool, out: &mut Out) {
        let t = &unit.type_name;
        let vendor = comment(&unit.vendor.name);
        let _ = writeln!(out, "# {} {vendor} sends.", described(root));
        let names = member_names(shape);
        if names.is_empty() {
            let _ = writeln!(out, "{} = Class.new do", shape.name);
        } else {
            let members: Vec<String> = names.iter().map(|n| format!(":{n}")).collect();
            let _ = writeln!(
                out,
                "{} = Struct.new({}, keyword_init: true) do",
                shape.name,
                members.join(", ")
            );
        }
        out.push_str(
            "  # From the Hash JSON.parse gives: keys as the API sends them, each optional.\n  \
             def self.from_json(hash)\n",
        );
        if shape.fields.is_empty() {
            out.push_str("    new\n  end\n");
        } else {
            out.push_str("    new(\n");
            let values: Vec<String> = shape
                .fields
                .iter()
                .zip(&names)
                .map(|(f, name)| {
                    let key = literal(&f.key);
                    let value = match &f.ty {
                        FieldType::Object(inner) => format!(
                            "hash[{key}].then {{ |v| v.is_a?(Hash) ? {}.from_json(v) : nil }}",
                            inner.name
                        ),
                        FieldType::List(inner) => format!(
                            "hash[{key}].then {{ |v| v.is_a?(Array) ? v.grep(Hash).map {{ |i| {}.from_json(i) }} : [] }}",
                            inner.name
                        ),
                        _ => format!("hash[{key}]"),
                    };
                    format!("      {name}: {value}")
                })
                .collect();
            let _ = writeln!(out, "{}\n    )\n  end", values.join(",\n"));
        }
        if let Some(code) = shape.code_path() {
            let _ = writeln!(
                out,
                "\n  # The constant of {t} the body's code names, or nil."
            );
            let _ = writeln!(
                out,
                "  def to_error\n    {t}.from_code({})\n  end",
                access(shape, &code)
            );
        }
        if let Some(flag) = shape.flag() {
            let _ = writeln!(
                out,
                "\n  # Whether the body's `{}` says it reports an error.",
                comment(flag.key).replace('`', "'")
            );
            let value = access(shape, &flag.path);
            let test = flag.ty.test(&value, &FLAG_TESTS, literal);
            let _ = writeln!(out, "  def error?\n    {test}\n  end");
        }
        out.push_str("end\n");
    }

    fn prelude(&self) -> &'static str {
        "# frozen_string_literal: true\n\n"
    }
}

/// `err_response&.code`: a member reached through nested structs that may be nil.
fn access(shape: &Shape, path: &[&Field]) -> String {
    shape.names_along(path, |s, _| member_names(s)).join("&.")
}

/// snake_case member names for a shape's keys, unique (a number appended), clear of the
/// struct's own methods and of the methods every object has, which a member would replace.
fn member_names(shape: &Shape) -> Vec<String> {
    let bases = shape.fields.iter().map(|f| f.words.join("_"));
    naming::unique(bases, "_", |name| METHODS.contains(&name))
}

/// The body struct's own methods and the ones every object has: a member would replace them.
const METHODS: &[&str] = &[
    "from_json",
    "to_error",
    "class",
    "hash",
    "method",
    "methods",
    "send",
    "object_id",
    "freeze",
    "frozen",
    "dup",
    "clone",
    "display",
    "members",
    "size",
    "length",
    "values",
    "to_a",
    "to_h",
    "to_s",
    "inspect",
    "each",
    "each_pair",
    "select",
    "filter",
    "dig",
    "then",
    "tap",
    "extend",
    "equal",
    "eql",
    "instance_variables",
    "itself",
    "new",
    "initialize",
    "nil",
    "is_a",
    "respond_to",
    "public_send",
    "instance_of",
    "kind_of",
    "format",
    "puts",
    "print",
    "raise",
    "loop",
    "require",
    "p",
];

/// `:rate_limit`; quoted (`:"…"`) for an id that is not a plain name.
fn symbol(id: &str) -> String {
    let plain = id.starts_with(|c: char| c.is_ascii_lowercase() || c == '_')
        && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    if plain {
        format!(":{id}")
    } else {
        format!(":{}", quoted(id, &STYLE))
    }
}

/// How Ruby tests the flag that says a body reports an error.
const FLAG_TESTS: FlagTests = FlagTests {
    is_true: "{value} == true",
    is_false: "{value} == false",
    nonzero: "{value}.then { |f| f.is_a?(Integer) && !f.zero? }",
    text: "{value}.then { |f| f.is_a?(String) && f.casecmp?({text}) }",
};

pub(super) fn literal(s: &str) -> String {
    single_quoted(s).unwrap_or_else(|| quoted(s, &STYLE))
}

/// One line of a `#` comment. The comments before the first line of code are read for magic
/// comments, which an Emacs-style `-*- frozen_string_literal: false -*-` anywhere in the line
/// would be: its marker is broken up.
fn comment(s: &str) -> String {
    one_line(s).replace("-*-", "-* -")
}

/// Ruby's double quotes: `\u{1f600}`, and `#` escaped so that `#{x}`, `#@x` and `#$x` stay
/// text.
const STYLE: literal::Style = literal::Style {
    escape: literal::braced,
    special: &[('#', "\\#")],
};

/// Ruby constants are SCREAMING_SNAKE: of the keywords only `BEGIN` and `END` read as one.
const KEYWORDS: &[&str] = &["BEGIN", "END"];

/// The module's own constants.
const TAKEN: &[&str] = &["ALL", "BY_CODE"];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literals_interpolate_nothing() {
        assert_eq!(literal("#{x} it's"), r"'#{x} it\'s'");
        assert_eq!(literal("#{x}\n"), r##""\#{x}\n""##);
        assert_eq!(symbol("rate_limit"), ":rate_limit");
        assert_eq!(symbol("a-b"), ":\"a-b\"");
    }
}
