//! The snippet languages: one file each, holding everything about its language (its writer, its
//! reserved words, its literal and comment escaping, its identifier rules) behind [`Language`];
//! [`Lang`] names them, and [`Lang::language`] is the one place that maps a name to its file.
//!
//! To add a language: a file here with a unit struct implementing [`Language`], a variant of
//! [`Lang`] with its row in [`Lang::ALL`] and [`Lang::language`], and a test file in
//! `tests/snippets/` (see docs/design.md, "Add a snippet language").

mod csharp;
mod go;
mod java;
mod javascript;
mod kotlin;
mod php;
mod python;
mod ruby;
mod rust;
mod typescript;

pub(super) use go::prefix as go_prefix;

use super::body::Shape;
pub(super) use super::document::{DocumentImport, InDocument};
use super::module::{Module, import_lines};
use super::out::Out;
use super::{Unit, Variant, fill, trailing};
use crate::catalog::Vendor;
use std::borrow::Cow;
use std::collections::BTreeSet;
use std::fmt;
use std::str::FromStr;

/// What a language gives the snippets. The shared work (grouping entries into variants, the
/// words of their names, typing the codes, the body's shape) is done before a language is
/// asked; a language turns it into its own text.
pub(super) trait Language: Sync {
    /// What the language is called and how its files are known.
    fn about(&self) -> About;

    /// The enum and its lookups: what a unit holds before its body types.
    fn enumeration(&self, unit: &Unit, out: &mut Out);

    /// One type of the unit's error body: the body itself (`root`) or a part of it (a nested
    /// object, the item of a list).
    fn body_type(&self, unit: &Unit, shape: &Shape, root: bool, out: &mut Out);

    /// The body's types after the enum, each after a blank line.
    fn body_types(&self, unit: &Unit, out: &mut Out) {
        for (shape, root) in unit.body_types() {
            out.push('\n');
            self.body_type(unit, shape, root, out);
        }
    }

    /// The arm of `v`: the line (or lines) the enum's `from_code` holds for it, with the
    /// message as a comment. By default [`About::arm`] (see [`member_arm`]).
    fn arm(&self, unit: &Unit, v: &Variant) -> String {
        member_arm(self, unit, v)
    }

    /// `v`'s code as the arms write it: its integer literal in a unit of integer codes, else
    /// the code as a string literal.
    fn code(&self, _unit: &Unit, v: &Variant) -> String {
        v.code_literal(self.about().literal)
    }

    /// A variant's identifier from its words (lower-case ASCII, never starting with a digit):
    /// the words in the language's case ([`About::case`]).
    fn ident(&self, _vendor: &Vendor, words: &[String]) -> String {
        (self.about().case)(words)
    }

    /// Whether a variant of the type `type_name` may not take `name`: by default whether one of
    /// [`About::reserved`] holds it.
    fn is_reserved(&self, _type_name: &str, name: &str) -> bool {
        self.about()
            .reserved
            .iter()
            .any(|names| names.contains(&name))
    }

    // Several vendors' units in one file (`snippet::module`, the explorer's `Y` over rows of
    // several vendors).

    /// What every file of the language starts with (`<?php` and `declare(strict_types=1);`, a
    /// magic comment): a unit's own, which a file of several units writes once at its top.
    fn prelude(&self) -> &'static str {
        ""
    }

    /// Whether `line` is an import: it starts with one of [`About::imports`]' words.
    fn is_import(&self, line: &str) -> bool {
        let mut words = self.about().imports.split_whitespace();
        words.any(|word| line.strip_prefix(word).is_some_and(|r| r.starts_with(' ')))
    }

    /// Whether `line`, at the top of a unit, is one a file holds once (an import, `<?php`, a
    /// magic comment): a shared file takes these off each unit. By default a line of the
    /// prelude, or an import.
    fn is_head_line(&self, line: &str) -> bool {
        let prelude = self.prelude().lines();
        self.is_import(line) || prelude.into_iter().any(|l| !l.is_empty() && l == line)
    }

    /// What a head line asks a shared file to import, written once: the import line itself
    /// (Go: the package's path); `None` for a line the file's own top has anyway.
    fn import(&self, line: &str) -> Option<String> {
        self.is_import(line).then(|| line.to_string())
    }

    /// The text every unit ends with that a shared file holds once, at its end.
    fn unit_tail(&self) -> Option<&'static str> {
        None
    }

    /// Whether a unit's constants are declared at the file's top level (Go's package), so two
    /// units may not share one.
    fn constants_at_top_level(&self) -> bool {
        false
    }

    /// A file of several units: `imports` are what their heads asked for, `parts` the units
    /// without their heads and tails (and the tail, last, when a unit had one), each trimmed.
    /// By default the prelude, the imports and the parts.
    fn shared_file(&self, imports: &BTreeSet<String>, parts: &[String]) -> Module {
        let (prelude, imports) = (self.prelude(), import_lines(imports, "\n"));
        Module {
            text: format!("{prelude}{imports}{}\n", parts.join("\n\n")),
            file_name: None,
        }
    }

    // A unit put into a document of the language (`snippet::document`, the editor server's
    // code action).

    /// What `line`, at the top of a unit, is to a document the unit goes into: code, a line
    /// the document has its own of, the package clause, or an import. By default the package
    /// clause and imports are the document's; the rest is code.
    fn in_document(&self, line: &str) -> InDocument {
        if line.starts_with("package ") {
            InDocument::Package
        } else if self.is_import(line) {
            InDocument::Import(line.to_string())
        } else {
            InDocument::Code
        }
    }

    /// A line of the unit's code as a document takes it.
    fn code_line_in_document<'l>(&self, line: &'l str) -> Cow<'l, str> {
        Cow::Borrowed(line)
    }

    /// Whether the unit's `export`s go in a CommonJS document (`require`, `module.exports`).
    fn exports_drop_in_commonjs(&self) -> bool {
        false
    }

    /// What a document's line (trimmed at the start) is to its imports.
    fn document_import(&self, line: &str) -> DocumentImport {
        if line.starts_with("import ") {
            DocumentImport::Line
        } else {
            DocumentImport::No
        }
    }

    /// Whether a document's line imports what `import` does, beside being the same line (both
    /// trimmed, without `;`).
    fn imports_alike(&self, _line: &str, _import: &str) -> bool {
        false
    }

    /// The tag a document may end with, before which code goes (PHP's `?>`).
    fn closing_tag(&self) -> Option<&'static str> {
        None
    }

    /// What the language's tests hold it to (`every_language_keeps_its_examples`).
    #[cfg(test)]
    fn examples(&self) -> Examples;
}

/// What a language's tests hold it to.
#[cfg(test)]
pub(super) struct Examples {
    /// Names a variant may not take (keywords, names the generated code defines), separated by
    /// spaces.
    pub reserved: &'static str,
    /// What stands once in the enum of PIXNET's 4109, listed twice, and 4110 (the code listed
    /// twice is one variant): where the variant is defined, and its arm in the lookup.
    pub once: [&'static str; 2],
    /// Text that needs the language's escapes,
    pub text: &'static str,
    /// and the language's string literal of it.
    pub literal: &'static str,
    /// Text that would end a comment after code early (a line break, the language's comment
    /// terminators),
    pub comment_text: &'static str,
    /// and [`About::line_comment`] of it.
    pub comment: &'static str,
}

/// What a language is called, what its files start with, and how it writes names, literals,
/// comments and arms. The lists are words separated by spaces.
#[derive(Debug, Clone, Copy)]
pub(super) struct About {
    /// The language's proper name, for titles and the status line (`C#`).
    pub title: &'static str,
    /// A member's name from its words (lower-case ASCII): `InvalidExpiredToken`,
    /// `INVALID_EXPIRED_TOKEN` (see [`Language::ident`]).
    pub case: fn(&[String]) -> String,
    /// The id the CLI and the config file take (`csharp`), then its aliases (`cs c#`), in lower
    /// case.
    pub names: &'static str,
    /// The words its import lines start with (`import from`, `using`): such lines at the top of
    /// a unit are what a file of several units imports, each once, and what a document gets
    /// where it lacks them.
    pub imports: &'static str,
    /// The lists of names a member may not take: keywords, names the generated code defines
    /// beside the members, ones that would read as something else.
    pub reserved: &'static [&'static [&'static str]],
    /// The ids editors give its files (the LSP's `typescript typescriptreact`).
    pub editor_ids: &'static str,
    /// Text as such a comment: on one line, with nothing that would end the comment early.
    pub line_comment: fn(&str) -> String,
    /// An arm of `from_code`: `{code}` ([`Language::code`]) maps to the member `{member}` of
    /// the type `{type}` (`{code} => {type}::{member},`).
    pub arm: &'static str,
    /// What starts a comment after code on its line (`//`, `#`).
    pub comment: &'static str,
    /// The file extensions of its sources, the usual one first (`ts tsx mts cts`).
    pub extensions: &'static str,
    /// Text as a string literal.
    pub literal: fn(&str) -> String,
}

/// The lookups every enum defines beside its members (`from_code`, `message`, …), as the
/// languages that write them in snake case name them: no member may take one of these names.
pub(super) const LOOKUPS_SNAKE: &[&str] = &[
    "from_code",
    "parse",
    "code",
    "message",
    "http_status",
    "kind",
    "is_retryable",
];

/// [`LOOKUPS_SNAKE`] in lower camel case (`fromCode`).
pub(super) const LOOKUPS_CAMEL: &[&str] = &[
    "fromCode",
    "parse",
    "code",
    "message",
    "httpStatus",
    "kind",
    "isRetryable",
];

/// [`Language::in_document`] for a language whose documents have its prelude of their own
/// (`<?php`, `// @ts-check`): a line of it is dropped, the rest is code.
pub(super) fn prelude_is_the_documents<L: Language + ?Sized>(
    language: &L,
    line: &str,
) -> InDocument {
    if language.is_head_line(line) {
        InDocument::Dropped
    } else {
        InDocument::Code
    }
}

/// [`About::arm`] filled in for `v`, then its message as a comment.
pub(super) fn member_arm<L: Language + ?Sized>(language: &L, unit: &Unit, v: &Variant) -> String {
    let about = language.about();
    let code = language.code(unit, v);
    let values = [
        ("{code}", code.as_str()),
        ("{type}", &unit.type_name),
        ("{member}", &v.ident),
    ];
    let mut arm = fill(about.arm, &values);
    arm.push_str(&trailing(about.comment, &(about.line_comment)(&v.message)));
    arm
}

impl About {
    fn names(self) -> impl Iterator<Item = &'static str> {
        self.names.split_whitespace()
    }
}

/// A language snippets are written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    Rust,
    Typescript,
    Javascript,
    Python,
    Go,
    Java,
    Kotlin,
    CSharp,
    Php,
    Ruby,
}

impl Lang {
    /// Every language, in the order the explorer's `L` cycles through them.
    pub const ALL: [Lang; 10] = [
        Lang::Rust,
        Lang::Typescript,
        Lang::Javascript,
        Lang::Python,
        Lang::Go,
        Lang::Java,
        Lang::Kotlin,
        Lang::CSharp,
        Lang::Php,
        Lang::Ruby,
    ];

    /// The language's implementation: the one place a `Lang` is matched.
    pub(super) fn language(self) -> &'static dyn Language {
        match self {
            Lang::Rust => &rust::Rust,
            Lang::Typescript => &typescript::Typescript,
            Lang::Javascript => &javascript::Javascript,
            Lang::Python => &python::Python,
            Lang::Go => &go::Go,
            Lang::Java => &java::Java,
            Lang::Kotlin => &kotlin::Kotlin,
            Lang::CSharp => &csharp::CSharp,
            Lang::Php => &php::Php,
            Lang::Ruby => &ruby::Ruby,
        }
    }

    /// The language's proper name, for titles and the status line.
    pub fn name(self) -> &'static str {
        self.language().about().title
    }

    /// The id the CLI and the config file take (`csharp`).
    pub fn id(self) -> &'static str {
        self.language().about().names().next().unwrap_or_default()
    }

    /// The next language, cycling (the TUI's `L` key).
    pub fn next(self) -> Lang {
        let i = Lang::ALL.iter().position(|&l| l == self).unwrap_or(0);
        Lang::ALL[(i + 1) % Lang::ALL.len()]
    }

    /// The usual file extension of the language.
    pub fn extension(self) -> &'static str {
        self.language()
            .about()
            .extensions
            .split_whitespace()
            .next()
            .unwrap_or_default()
    }

    /// The language of a file from the id an editor gives it (a language's name or alias, or
    /// an editor's own id such as `typescriptreact`), else from its extension (`mts`, `kts`).
    pub fn of_file(editor_id: &str, extension: &str) -> Option<Lang> {
        let by = |list: fn(About) -> &'static str, wanted: &str| {
            Lang::ALL.into_iter().find(|l| {
                list(l.language().about())
                    .split_whitespace()
                    .any(|w| w == wanted)
            })
        };
        by(|a| a.editor_ids, editor_id)
            .or_else(|| editor_id.parse().ok())
            .or_else(|| by(|a| a.extensions, extension))
            .or_else(|| extension.parse().ok())
    }

    /// Whether the enum's members are named without their type, at the file's top level (Go's
    /// `PixnetInvalidExpiredToken`), rather than as `PixnetError::InvalidExpiredToken`.
    pub fn members_at_top_level(self) -> bool {
        self.language().constants_at_top_level()
    }
}

impl Default for Lang {
    /// Rust, the language errdex is written in.
    fn default() -> Lang {
        Lang::Rust
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Lang {
    type Err = String;

    /// A language's id or alias, in any case (`rust`/`rs`, `csharp`/`cs`/`c#`, …).
    fn from_str(s: &str) -> Result<Lang, String> {
        let wanted = s.trim().to_ascii_lowercase();
        Lang::ALL
            .into_iter()
            .find(|l| l.language().about().names().any(|n| n == wanted))
            .ok_or_else(|| {
                let ids: Vec<&str> = Lang::ALL.iter().map(|l| l.id()).collect();
                let (last, rest) = ids.split_last().unwrap_or((&"", &[]));
                format!(
                    "unknown language `{s}` (expected {} or {last})",
                    rest.join(", ")
                )
            })
    }
}

impl clap::ValueEnum for Lang {
    fn value_variants<'a>() -> &'a [Self] {
        &Lang::ALL
    }

    fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
        let mut names = self.language().about().names();
        Some(clap::builder::PossibleValue::new(names.next()?).aliases(names))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lang_parses_names_and_aliases_in_any_case() {
        for (s, l) in [
            ("rust", Lang::Rust),
            ("RS", Lang::Rust),
            ("TypeScript", Lang::Typescript),
            ("ts", Lang::Typescript),
            ("JavaScript", Lang::Javascript),
            ("js", Lang::Javascript),
            ("Python", Lang::Python),
            ("py", Lang::Python),
            ("GO", Lang::Go),
            ("golang", Lang::Go),
            ("java", Lang::Java),
            ("C#", Lang::CSharp),
            ("cs", Lang::CSharp),
            ("CSharp", Lang::CSharp),
            ("php", Lang::Php),
            ("Ruby", Lang::Ruby),
            ("rb", Lang::Ruby),
            ("Kotlin", Lang::Kotlin),
            ("kt", Lang::Kotlin),
        ] {
            assert_eq!(s.parse::<Lang>(), Ok(l), "{s}");
            assert_eq!(
                <Lang as clap::ValueEnum>::from_str(s, true),
                Ok(l),
                "clap {s}"
            );
        }
        assert_eq!(
            "cobol".parse::<Lang>().unwrap_err(),
            "unknown language `cobol` (expected rust, typescript, javascript, python, go, java, \
             kotlin, csharp, php or ruby)"
        );
    }

    #[test]
    fn every_language_keeps_its_examples() {
        for lang in Lang::ALL {
            let (language, lang_id) = (lang.language(), lang.id());
            let examples = language.examples();
            let reserved: Vec<&str> = examples.reserved.split_whitespace().collect();
            crate::snippet::tests::check_names(lang, &reserved, examples.once);
            let about = language.about();
            assert_eq!(
                (about.literal)(examples.text),
                examples.literal,
                "{lang_id}"
            );
            let comment = (about.line_comment)(examples.comment_text);
            assert_eq!(comment, examples.comment, "{lang_id}");
        }
    }

    #[test]
    fn a_file_is_known_by_its_editor_id_else_its_extension() {
        for (id, ext, lang) in [
            ("typescriptreact", "tsx", Some(Lang::Typescript)),
            ("javascriptreact", "", Some(Lang::Javascript)),
            ("plaintext", "mts", Some(Lang::Typescript)),
            ("", "cjs", Some(Lang::Javascript)),
            ("", "kts", Some(Lang::Kotlin)),
            ("csharp", "txt", Some(Lang::CSharp)),
            ("", "rb", Some(Lang::Ruby)),
            ("go", "rs", Some(Lang::Go)),
            ("plaintext", "txt", None),
            ("", "", None),
        ] {
            assert_eq!(Lang::of_file(id, ext), lang, "{id} {ext}");
        }
    }

    #[test]
    fn lang_cycles_through_all() {
        let mut l = Lang::default();
        let mut seen = vec![];
        for _ in 0..Lang::ALL.len() {
            seen.push(l.name());
            l = l.next();
        }
        assert_eq!(l, Lang::default());
        assert_eq!(
            seen,
            [
                "Rust",
                "TypeScript",
                "JavaScript",
                "Python",
                "Go",
                "Java",
                "Kotlin",
                "C#",
                "PHP",
                "Ruby"
            ]
        );
    }

    #[test]
    fn every_language_has_its_own_names_and_reserves_the_type_name_nowhere_else() {
        let mut seen = std::collections::HashSet::new();
        for lang in Lang::ALL {
            let about = lang.language().about();
            assert!(!about.names.is_empty(), "{lang}");
            for name in about.names() {
                assert!(!name.is_empty(), "{lang}: {:?}", about.names);
                assert!(seen.insert(name), "{name} names two languages");
                assert_eq!(name.to_ascii_lowercase(), name);
            }
            assert!(!about.extensions.is_empty());
        }
    }
}
