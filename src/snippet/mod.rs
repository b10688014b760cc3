//! Code snippets from catalog entries: one match arm for an entry, or a whole enum (with a
//! `from_code` lookup and message and HTTP status lookups) for a set of entries, in Rust,
//! TypeScript, JavaScript, Python, Go, Java, Kotlin, C#, PHP and Ruby.
//!
//! Every language works from the same [`Variant`]s: entries grouped by code (a code the source
//! lists twice, PIXNET 4109, becomes one variant whose message joins both), each with an
//! identifier from [`naming`]. The arm of an entry is exactly the line (or lines) the enum's
//! `from_code` holds for it, so a copied arm pastes into a generated enum.
//!
//! Codes are typed as the API sends them ([`CodeType`]): a vendor whose codes are all integers
//! gets integer arms (`1302 =>`) and a second lookup from the numeric string form (`"1302"`,
//! `"0000"`); string-coded vendors (`"data_validation_failed"`) match strings. Messages are
//! data: each language escapes them for its string literals, and comments get a one-line form
//! that cannot end the comment early. With an envelope, the unit also holds the error body's
//! type ([`body`]), whose `error()` maps the body's code to the enum.

mod body;
mod document;
mod lang;
mod literal;
mod module;
mod naming;
mod out;
mod parallel;

pub use document::{Placement, placement};
pub use module::{Module, module};

use crate::catalog::{Entry, EntryFields, Envelope, Kind, Retry, Vendor};
use crate::index::Table;
pub use lang::Lang;
use out::Out;
use std::fmt::Write as _;
use std::io;

/// What snippets of one vendor are made from: the language, the vendor, how its codes are
/// typed (judged from all of its entries, so a subset of SQLSTATEs that happen to be digits
/// stays strings) and, for the body's type, its envelope.
pub struct Snippets<'a> {
    lang: Lang,
    vendor: &'a Vendor,
    code_type: CodeType,
    envelope: Option<&'a Envelope>,
    /// The enum shares its file with other vendors' ([`module`]).
    shared_file: bool,
}

/// What snippets are made from: catalog entries, or the rows of an index table, read as
/// borrowed fields one at a time, so that a large catalog is never unpacked into entries.
pub trait Source: Sync {
    fn fields(&self) -> EntryFields<'_>;

    fn code(&self) -> &str;
}

impl Source for Entry {
    fn fields(&self) -> EntryFields<'_> {
        EntryFields::of(self)
    }

    fn code(&self) -> &str {
        &self.code
    }
}

/// A row of an index table, its fields borrowed from the table as each code is named.
pub struct TableRow<'t> {
    pub table: &'t Table,
    pub row: usize,
}

impl Source for TableRow<'_> {
    fn fields(&self) -> EntryFields<'_> {
        self.table.fields(self.row)
    }

    fn code(&self) -> &str {
        self.table.code(self.row)
    }
}

impl<T: Source + ?Sized> Source for &T {
    fn fields(&self) -> EntryFields<'_> {
        (**self).fields()
    }

    fn code(&self) -> &str {
        (**self).code()
    }
}

impl<'a> Snippets<'a> {
    /// `vendor_entries`: every entry of the vendor (or of the set the code type is judged on).
    pub fn new(lang: Lang, vendor: &'a Vendor, vendor_entries: &[impl Source]) -> Snippets<'a> {
        Snippets {
            lang,
            vendor,
            code_type: code_type(vendor_entries.iter().map(Source::code)),
            envelope: None,
            shared_file: false,
        }
    }

    /// [`Snippets::new`] from the vendor's codes alone (a table's, without making entries).
    pub fn for_codes<'c>(
        lang: Lang,
        vendor: &'a Vendor,
        vendor_codes: impl IntoIterator<Item = &'c str>,
    ) -> Snippets<'a> {
        Snippets {
            lang,
            vendor,
            code_type: code_type(vendor_codes),
            envelope: None,
            shared_file: false,
        }
    }

    /// Adds the type of the vendor's error body to [`Snippets::enumeration`]'s output.
    pub fn with_envelope(mut self, envelope: &'a Envelope) -> Snippets<'a> {
        self.envelope = Some(envelope);
        self
    }

    /// One match arm (or `case`) for `code`, carrying the message as a comment: the lines the
    /// enum of `context` (the vendor's entries, or any set holding the code) writes into
    /// `from_code` for it, with the same identifier, so it pastes into that enum's lookup. The
    /// rows of a code listed twice (PIXNET 4109) make one arm, as they make one variant. Empty
    /// when `context` lacks the code.
    pub fn arm(&self, context: &[impl Source], code: &str) -> String {
        let unit = Unit::new(self, context);
        match unit.variants.iter().find(|v| v.code == code) {
            Some(v) => write_arm(&unit, v),
            None => String::new(),
        }
    }

    /// [`Snippets::arm`] for every code of `context`, in its order: `(code, arm)`, the enum
    /// worked out once.
    pub fn arms(&self, context: &[impl Source]) -> Vec<(String, String)> {
        let unit = Unit::new(self, context);
        unit.variants
            .iter()
            .map(|v| (v.code.clone(), write_arm(&unit, v)))
            .collect()
    }

    /// A complete, idiomatic enum (or constants) for a set of entries with a `from_code`
    /// lookup, message, HTTP status, kind and retry lookups, followed by the error body's type
    /// when an envelope was given (unless its paths contradict each other, see
    /// [`body::shape`]); a unit the language's compiler accepts as it is.
    pub fn enumeration(&self, entries: &[impl Source]) -> String {
        let mut out = Out::string();
        write_unit(&self.unit(entries), &mut out);
        out.into_string()
    }

    /// [`Snippets::enumeration`] written to `sink` as it is made, never held whole: the way
    /// for a large catalog.
    pub fn write_enumeration(
        &self,
        entries: &[impl Source],
        sink: &mut dyn io::Write,
    ) -> io::Result<()> {
        let mut out = Out::stream(sink);
        write_unit(&self.unit(entries), &mut out);
        out.finish()
    }

    fn unit(&self, entries: &[impl Source]) -> Unit<'a> {
        let mut unit = Unit::new(self, entries);
        if let Some(envelope) = self.envelope {
            unit.body = body::shape(&unit.type_name, envelope, unit.code_type);
        }
        unit
    }
}

/// [`Snippets::arm`] with the code type judged from `context`.
pub fn arm(lang: Lang, vendor: &Vendor, context: &[impl Source], code: &str) -> String {
    Snippets::new(lang, vendor, context).arm(context, code)
}

/// [`Snippets::enumeration`] with the code type judged from `entries`, without a body type.
pub fn enumeration(lang: Lang, vendor: &Vendor, entries: &[impl Source]) -> String {
    Snippets::new(lang, vendor, entries).enumeration(entries)
}

fn write_arm(unit: &Unit, v: &Variant) -> String {
    unit.lang.language().arm(unit, v)
}

/// A whole unit: the enum and its lookups, then the types of the error body when it has one.
fn write_unit(unit: &Unit, out: &mut Out) {
    let language = unit.lang.language();
    language.enumeration(unit, out);
    language.body_types(unit, out);
}

/// The name of the enum (or type) [`enumeration`] writes for a vendor: `PixnetError`.
pub fn type_name(vendor: &Vendor) -> String {
    naming::type_name(vendor)
}

/// The name each code of `entries` has in the enum [`enumeration`] writes for them, in the
/// order of the codes: `(code, name)`. Other languages qualify the name with [`type_name`]
/// (`PixnetError::ExceedAnonymousRateLimit`); Go's constants carry [`go_prefix`] instead.
pub fn member_names(lang: Lang, vendor: &Vendor, entries: &[impl Source]) -> Vec<(String, String)> {
    let groups = group_by_code(entries);
    let words: Vec<(&str, Vec<String>)> = parallel::map(&groups, |g| {
        let first = &entries[g[0]];
        (first.code(), naming::words(&first.fields(), vendor))
    });
    let idents = naming::assign(lang.language(), vendor, &words);
    words
        .into_iter()
        .zip(idents)
        .map(|((code, _), ident)| (code.to_string(), ident))
        .collect()
}

/// What Go's constants for a vendor start with (`Pixnet` in `PixnetExceedAnonymousRateLimit`).
pub fn go_prefix(vendor: &Vendor) -> String {
    lang::go_prefix(vendor)
}

/// How the codes of a unit are typed in the generated code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CodeType {
    /// Every code is an integer written in one base, all decimal (an optional `-`, then
    /// digits: `1302`, `-32601`) or all hex (`0x` and hex digits: `0x80070005`, `0x10c`), that
    /// fits an `i64`, and no two codes are the same number: arms match integers (hex ones
    /// written in hex, so an arm reads as the catalog's code), and a second lookup takes the
    /// code as text (leading zeros allowed: MantaGO's sample `"code": 0000`). A hex code is
    /// the unsigned number its digits spell (`0x80070005` is 2147680261, not the negative
    /// `int` .NET's `HResult` holds), typed 64 bits wide where it needs more than 31 bits.
    Int,
    /// Anything else (Guo-Guo's `data_validation_failed`, SQLSTATE `0A000`, LDAP's `data
    /// 52e`, a set mixing `0x1` and `1`): arms match the code exactly as a string.
    Str,
}

/// How the codes of a unit of hex codes are written back as text (by `Display`, `Error()`,
/// `toString()`, `to_s`): in the case the catalog writes their digits, padded with zeros to
/// the width they all share (`0xC0000005`), or unpadded when widths differ (`0x10c`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Hex {
    /// Digits every code has; 0 when they differ.
    width: usize,
    /// Upper-case letters (`0xC0000005`), unless a code has a lower-case one (`0x10c`).
    upper: bool,
}

impl Hex {
    /// The form of `codes`, when every one is written `0x…`.
    fn of<'c>(codes: impl IntoIterator<Item = &'c str>) -> Option<Hex> {
        let mut width = None;
        let mut same_width = true;
        let mut upper = true;
        for code in codes {
            let digits = hex_digits(code)?;
            match width {
                None => width = Some(digits.len()),
                Some(w) if w != digits.len() => same_width = false,
                Some(_) => {}
            }
            upper &= !digits.bytes().any(|b| b.is_ascii_lowercase());
        }
        Some(Hex {
            width: if same_width { width? } else { 0 },
            upper,
        })
    }
}

impl Hex {
    /// The printf conversion that writes a code back (`0x%08X`, `0x%x`), for Go, Ruby and
    /// the others whose formatting follows C's.
    fn printf(self) -> String {
        let case = if self.upper { 'X' } else { 'x' };
        match self.width {
            0 => format!("0x%{case}"),
            w => format!("0x%0{w}{case}"),
        }
    }
}

/// The digits of a code written `0x…` (or `0X…`), when it is one.
fn hex_digits(code: &str) -> Option<&str> {
    let digits = code
        .strip_prefix("0x")
        .or_else(|| code.strip_prefix("0X"))?;
    (!digits.is_empty() && digits.bytes().all(|b| b.is_ascii_hexdigit())).then_some(digits)
}

/// The number a code spells, decimal (`-3`, `0042`) or hex (`0x80070005`), when it fits an
/// `i64`.
fn code_number(code: &str) -> Option<i64> {
    if let Some(digits) = hex_digits(code) {
        return i64::from_str_radix(digits, 16).ok();
    }
    let digits = code.strip_prefix('-').unwrap_or(code);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    code.parse().ok()
}

/// What a language writer needs: names, the variants in catalog order, and the body's shape
/// when the unit holds one.
struct Unit<'a> {
    lang: Lang,
    vendor: &'a Vendor,
    /// `PixnetError`.
    type_name: String,
    code_type: CodeType,
    /// How the codes are written back as text, in a unit of hex codes.
    hex: Option<Hex>,
    variants: Vec<Variant>,
    body: Option<body::Shape>,
    /// Other vendors' enums share the file ([`module`]): package-level names carry the type's.
    shared_file: bool,
}

/// One code of the set: its entries merged, named for the language.
struct Variant {
    ident: String,
    code: String,
    /// The code as a number, for units of [`CodeType::Int`] (`None` in string units).
    int: Option<i64>,
    /// The number as an integer literal: decimal (`1302`, `-3` for `"-03"`), or hex as the
    /// catalog writes its digits (`0x80070005`); empty in string units.
    literal: String,
    /// What the message lookup returns: each entry's headline (message, else symbol, else
    /// summary, else description) as the catalog has it, joined with " / " when the code is
    /// listed more than once.
    message: String,
    /// Lines for the variant's documentation, each on one line and never empty: each entry's
    /// headline, and its English summary when that says something else.
    docs: Vec<String>,
    /// The first HTTP status the entries give.
    http_status: Option<u16>,
    /// The first kind the entries give (`None` where the catalog gives none).
    kind: Option<Kind>,
    /// The first retry advice the entries give.
    retry: Option<Retry>,
}

impl Variant {
    /// The code as the language writes it: its integer literal (`1302`, `0x80070005`) in a unit
    /// of integer codes, else the code as text, written by the language's `literal`.
    fn code_literal(&self, literal: fn(&str) -> String) -> String {
        match self.int {
            Some(_) => self.literal.clone(),
            None => literal(&self.code),
        }
    }

    /// Writes the variant's documentation, a line (or lines) each: the first as `first` makes it
    /// (it names the code), the others as `rest` does.
    fn write_docs(
        &self,
        out: &mut Out,
        first: impl Fn(&str) -> String,
        rest: impl Fn(&str) -> String,
    ) {
        for (i, d) in self.docs.iter().enumerate() {
            let line = if i == 0 { first(d) } else { rest(d) };
            let _ = writeln!(out, "{line}");
        }
    }

    /// Whether the same request may succeed later without a change (`backoff`, `later`):
    /// what `is_retryable()` answers. `after_fix` needs a change first, so it is not.
    fn is_retryable(&self) -> bool {
        matches!(self.retry, Some(Retry::Backoff | Retry::Later))
    }

    /// The kind's id (`rate_limit`), what `kind()` returns; `None` without a kind.
    fn kind_id(&self) -> Option<&'static str> {
        self.kind.map(Kind::id)
    }
}

impl<'a> Unit<'a> {
    fn new(snippets: &Snippets<'a>, entries: &[impl Source]) -> Unit<'a> {
        let (lang, vendor) = (snippets.lang, snippets.vendor);
        let groups = group_by_code(entries);
        let type_name = naming::type_name(vendor);
        let words: Vec<(&str, Vec<String>)> = parallel::map(&groups, |g| {
            let first = &entries[g[0]];
            (first.code(), naming::words(&first.fields(), vendor))
        });
        let idents = naming::assign(lang.language(), vendor, &words);
        drop(words);
        let code_type = snippets.code_type;
        let ints = match code_type {
            CodeType::Int => integer_codes(groups.iter().map(|g| entries[g[0]].code())),
            CodeType::Str => None,
        };
        // A set wider than the one the type was judged on (not the callers' way) stays strings.
        let code_type = if ints.is_some() {
            code_type
        } else {
            CodeType::Str
        };
        let mut variants = parallel::map(&groups, |g| {
            let mut docs = Vec::with_capacity(g.len());
            let mut messages: Vec<String> = Vec::with_capacity(1);
            let (mut http_status, mut kind, mut retry) = (None, None, None);
            for &i in g {
                let e = entries[i].fields();
                // The message as the API sends it, its spaces at either end included (as
                // `show --json` has it); the documentation's lines are trimmed.
                let headline = e.headline();
                let summary = e.summary_en.map(str::trim).unwrap_or("");
                let differs = !summary.is_empty() && summary != headline.trim();
                docs.push(one_line(&headline));
                if differs {
                    docs.push(one_line(summary));
                }
                if !messages.contains(&headline) {
                    messages.push(headline);
                }
                // The first the entries give.
                http_status = http_status.or(e.http_status);
                kind = kind.or(e.kind);
                retry = retry.or(e.retry);
            }
            docs.retain(|d| !d.is_empty());
            let message = match messages.len() {
                1 => messages.pop().unwrap_or_default(),
                _ => messages.join(" / "),
            };
            Variant {
                ident: String::new(),
                code: entries[g[0]].code().to_string(),
                int: None,
                literal: String::new(),
                message,
                docs,
                http_status,
                kind,
                retry,
            }
        });
        let hex = match code_type {
            CodeType::Int => Hex::of(variants.iter().map(|v| v.code.as_str())),
            CodeType::Str => None,
        };
        let mut ints = ints.map(Vec::into_iter);
        for (v, ident) in variants.iter_mut().zip(idents) {
            v.ident = ident;
            if let Some((n, literal)) = ints.as_mut().and_then(Iterator::next) {
                v.int = Some(n);
                v.literal = literal;
            }
        }
        Unit {
            lang,
            vendor,
            type_name,
            code_type,
            hex,
            variants,
            body: None,
            shared_file: snippets.shared_file,
        }
    }
}

impl Unit<'_> {
    /// `from_code`'s lookup: `open` (the `switch` or `match` that starts it), the arms
    /// ([`lang::Language::arm`]) each on a line (or lines) of its own indented by `by`, then
    /// `close` (what an unknown code gets, and the end of the lookup).
    fn write_from_code(&self, out: &mut Out, open: &str, by: &str, close: &str) {
        self.write_part_of_from_code(out, &self.variants, open, by, close);
    }

    /// [`Unit::write_from_code`] over some of the variants: a part of a lookup split in parts
    /// (the JVM's limit on a method's size).
    fn write_part_of_from_code(
        &self,
        out: &mut Out,
        variants: &[Variant],
        open: &str,
        by: &str,
        close: &str,
    ) {
        out.push_str(open);
        let language = self.lang.language();
        for v in variants {
            let _ = writeln!(out, "{}", indent(&language.arm(self, v), by));
        }
        out.push_str(close);
    }

    /// A line for each variant, in order: `line` of it (a case of a lookup, a row of a table).
    fn write_lines(&self, out: &mut Out, line: impl Fn(&Variant) -> String) {
        for v in &self.variants {
            let _ = writeln!(out, "{}", line(v));
        }
    }

    /// The variants `value` gives a value for, with it: the cases of a lookup whose other
    /// variants get its default.
    fn values(&self, value: impl Fn(&Variant) -> Option<String>) -> Vec<(&Variant, String)> {
        let with = |v| value(v).map(|x| (v, x));
        self.variants.iter().filter_map(with).collect()
    }

    /// What `is_retryable()` lists: the retryable variants, each as `member` writes it, joined
    /// by `separator`; `None` when no variant is retryable.
    fn retryable_members(
        &self,
        member: impl Fn(&Variant) -> String,
        separator: &str,
    ) -> Option<String> {
        let members: Vec<String> = self.retryable().map(member).collect();
        (!members.is_empty()).then(|| members.join(separator))
    }

    /// The types of the unit's error body, the body's own first (`true`), then its parts.
    fn body_types(&self) -> impl Iterator<Item = (&body::Shape, bool)> {
        self.body.iter().flat_map(|body| {
            body.types()
                .into_iter()
                .map(move |shape| (shape, std::ptr::eq(shape, body)))
        })
    }

    /// The variants `is_retryable()` answers true for, in order.
    fn retryable(&self) -> impl Iterator<Item = &Variant> {
        self.variants.iter().filter(|v| v.is_retryable())
    }

    /// Whether every code fits a 32-bit integer: the JVM languages and Go then take `int`,
    /// the type their JSON libraries and their users reach for; wider codes take 64 bits.
    fn codes_fit_i32(&self) -> bool {
        self.variants
            .iter()
            .all(|v| v.int.is_some_and(|n| i32::try_from(n).is_ok()))
    }
}

/// [`CodeType::Int`] when every code is an integer written in one base and no two different
/// codes are the same number (a code listed twice is one code).
fn code_type<'c>(codes: impl IntoIterator<Item = &'c str>) -> CodeType {
    let mut numbers: foldhash::HashMap<i64, &str> = foldhash::HashMap::default();
    let mut bases = (false, false);
    for code in codes {
        let Some(n) = code_number(code) else {
            return CodeType::Str;
        };
        if hex_digits(code).is_some() {
            bases.0 = true;
        } else {
            bases.1 = true;
        }
        if *numbers.entry(n).or_insert(code) != code {
            return CodeType::Str;
        }
    }
    match bases {
        (true, true) | (false, false) => CodeType::Str,
        _ => CodeType::Int,
    }
}

/// Each group's code as a number and as a literal (`1302`, `0x80070005`), when every code is
/// a distinct integer written in one base (see [`CodeType::Int`]); `None` otherwise, and for
/// an empty set.
fn integer_codes<'c>(codes: impl ExactSizeIterator<Item = &'c str>) -> Option<Vec<(i64, String)>> {
    let mut seen = foldhash::HashSet::default();
    let mut out = Vec::with_capacity(codes.len());
    let mut hex = None;
    for code in codes {
        let n = code_number(code)?;
        let digits = hex_digits(code);
        if *hex.get_or_insert(digits.is_some()) != digits.is_some() || !seen.insert(n) {
            return None;
        }
        let literal = match digits {
            Some(digits) => format!("0x{digits}"),
            None => n.to_string(),
        };
        out.push((n, literal));
    }
    (!out.is_empty()).then_some(out)
}

/// The positions of entries grouped by code (exact match), in order of first appearance.
fn group_by_code(entries: &[impl Source]) -> Vec<Vec<usize>> {
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut at: foldhash::HashMap<&str, usize> = foldhash::HashMap::default();
    for (i, e) in entries.iter().enumerate() {
        match at.get(e.code()) {
            Some(&g) => groups[g].push(i),
            None => {
                at.insert(e.code(), groups.len());
                groups.push(vec![i]);
            }
        }
    }
    groups
}

/// Text for a one-line comment: invisible characters (line breaks among them) become spaces
/// and runs of whitespace collapse to one space. Each language then neutralises its own
/// comment terminators.
fn one_line(s: &str) -> String {
    if is_plain_line(s) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let c = if literal::is_invisible(c) { ' ' } else { c };
        if c.is_whitespace() {
            if !out.is_empty() && !out.ends_with(' ') {
                out.push(' ');
            }
        } else {
            out.push(c);
        }
    }
    out.truncate(out.trim_end().len());
    out
}

/// `text` with each of `pieces` (what, and what it becomes) replaced until none is left: a
/// terminator that a replacement would form again (`*/*/`) is broken up too.
fn break_up(mut text: String, pieces: &[(&str, &str)]) -> String {
    while let Some((what, by)) = pieces.iter().find(|(what, _)| text.contains(what)) {
        text = text.replace(what, by);
    }
    text
}

/// Whether [`one_line`] would give `s` back as it is: printable ASCII, single spaces, none at
/// either end (most messages; the character-by-character path is for the rest).
fn is_plain_line(s: &str) -> bool {
    let b = s.as_bytes();
    b.first().is_none_or(|&c| c != b' ')
        && b.last().is_none_or(|&c| c != b' ')
        && b.iter().all(|&c| (b' '..=b'~').contains(&c))
        && memchr::memmem::find(b, b"  ").is_none()
}

/// ` // text` after code, or nothing when the text is empty (no trailing whitespace).
fn trailing(marker: &str, text: &str) -> String {
    if text.is_empty() {
        String::new()
    } else {
        format!(" {marker} {text}")
    }
}

/// `template` with each of its placeholders (`{code}`) replaced by its value, in one pass: a
/// value that reads like a placeholder (a code `{type}`) stays as it is.
fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out =
        String::with_capacity(template.len() + values.iter().map(|v| v.1.len()).sum::<usize>());
    let mut rest = template;
    while let Some(at) = rest.find('{') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        match values
            .iter()
            .find(|(placeholder, _)| rest.starts_with(placeholder))
        {
            Some((placeholder, value)) => {
                out.push_str(value);
                rest = &rest[placeholder.len()..];
            }
            None => {
                out.push('{');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Indents every non-empty line of `text` by `by`.
fn indent(text: &str, by: &str) -> String {
    text.lines()
        .map(|l| {
            if l.is_empty() {
                String::new()
            } else {
                format!("{by}{l}")
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An entry with an HTTP status, a message and a summary.
    pub(super) fn entry(code: &str, message: Option<&str>, summary: Option<&str>) -> Entry {
        Entry {
            code: code.into(),
            http_status: Some(400),
            message: message.map(Into::into),
            summary_en: summary.map(Into::into),
            ..Entry::default()
        }
    }

    /// A vendor named after its id, in capitals.
    pub(super) fn vendor(id: &str) -> Vendor {
        Vendor {
            id: id.into(),
            name: id.to_uppercase(),
            ..Vendor::default()
        }
    }

    /// PIXNET's 4109, listed twice with messages of its own, and 4110.
    fn listed_twice() -> [Entry; 3] {
        [
            entry(
                "4109",
                Some("請填入訂閱群組名稱"),
                Some("Subscription group name is required."),
            ),
            entry("4109", Some("Missing cellphone or calling_code"), None),
            entry("4110", Some("Other"), None),
        ]
    }

    #[test]
    fn duplicate_codes_merge_into_one_variant() {
        let (entries, v) = (listed_twice(), vendor("pixnet"));
        let unit = Unit::new(&Snippets::new(Lang::Rust, &v, &entries), &entries);
        assert_eq!(unit.variants.len(), 2);
        assert_eq!(
            unit.variants[0].message,
            "請填入訂閱群組名稱 / Missing cellphone or calling_code"
        );
        assert_eq!(unit.variants[0].ident, "SubscriptionGroupNameRequired");
        // Each language's enum holds the merged code once where the variant is defined and once
        // in the lookup: see `check_names` and each language's use of it.
    }

    /// What each language's tests check of its names: `lang` reserves every one of `reserved`
    /// (a keyword, a name the generated code defines) and not `AlbumNotFound`; and PIXNET's 4109,
    /// listed twice, is one variant, so each of `once` (where the variant is defined, its arm
    /// in the lookup) stands once in the enum of 4109, 4109 again and 4110.
    pub(super) fn check_names(lang: Lang, reserved: &[&str], once: [&str; 2]) {
        for name in reserved {
            assert!(lang.language().is_reserved("X", name), "{lang} {name}");
        }
        assert!(!lang.language().is_reserved("X", "AlbumNotFound"), "{lang}");
        let out = enumeration(lang, &vendor("pixnet"), &listed_twice());
        for text in once {
            assert_eq!(out.matches(text).count(), 1, "{lang} {text:?}\n{out}");
        }
    }

    #[test]
    fn messages_keep_their_spaces_and_documentation_trims_them() {
        let a = entry(
            "1",
            Some("NOQUORUM %i usable Sentinels. "),
            Some("Too few."),
        );
        let b = entry("2", Some("  "), None);
        let v = vendor("pixnet");
        let unit = Unit::new(&Snippets::new(Lang::Rust, &v, &[&a, &b]), &[&a, &b]);
        assert_eq!(unit.variants[0].message, "NOQUORUM %i usable Sentinels. ");
        assert_eq!(
            unit.variants[0].docs,
            ["NOQUORUM %i usable Sentinels.", "Too few."]
        );
        assert_eq!(unit.variants[1].message, "  ");
        assert!(unit.variants[1].docs.is_empty());
        let rust = enumeration(Lang::Rust, &v, &[&a, &b]);
        assert!(
            rust.contains(r#"=> "NOQUORUM %i usable Sentinels. ","#),
            "{rust}"
        );
        assert!(rust.contains(r#"=> "  ","#), "{rust}");
    }

    #[test]
    fn codes_are_integers_when_every_distinct_code_is_a_distinct_number() {
        assert_eq!(code_type(["1302", "4109", "4109", "-3"]), CodeType::Int);
        assert_eq!(code_type(["0000", "0"]), CodeType::Str);
        assert_eq!(code_type(["23505", "0A000"]), CodeType::Str);
        assert_eq!(code_type(["99999999999999999999"]), CodeType::Str);
        assert_eq!(code_type(["", "1"]), CodeType::Str);
        assert_eq!(code_type(["+1"]), CodeType::Str);
        assert_eq!(code_type([]), CodeType::Str);
        // Hex codes: integers when every code is one.
        assert_eq!(code_type(["0x80070005", "0xC0000005"]), CodeType::Int);
        assert_eq!(code_type(["0x0", "0x10c", "0X3fff"]), CodeType::Int);
        assert_eq!(code_type(["0x1", "1"]), CodeType::Str);
        assert_eq!(code_type(["0x1", "0x01"]), CodeType::Str);
        assert_eq!(code_type(["0x", "0x1"]), CodeType::Str);
        assert_eq!(code_type(["-0x1"]), CodeType::Str);
        assert_eq!(code_type(["0xFFFFFFFFFFFFFFFF"]), CodeType::Str);
        assert_eq!(code_type(["0x7FFFFFFFFFFFFFFF"]), CodeType::Int);
    }

    #[test]
    fn hex_codes_keep_their_digits_and_their_form() {
        let ints = integer_codes(["0x80070005", "0X0000000a"].into_iter()).unwrap();
        assert_eq!(
            ints,
            [
                (0x8007_0005, "0x80070005".to_string()),
                (10, "0x0000000a".into())
            ]
        );
        assert_eq!(integer_codes(["0x1", "2"].into_iter()), None);
        assert_eq!(
            integer_codes(["-03", "0042"].into_iter()).unwrap(),
            [(-3, "-3".to_string()), (42, "42".into())]
        );
        assert_eq!(
            Hex::of(["0x00000000", "0xC0000005"]),
            Some(Hex {
                width: 8,
                upper: true
            })
        );
        assert_eq!(
            Hex::of(["0x0", "0x10c"]),
            Some(Hex {
                width: 0,
                upper: false
            })
        );
        assert_eq!(Hex::of(["0x1", "2"]), None);
    }

    #[test]
    fn plain_lines_are_what_one_line_gives_back() {
        for s in ["", "a b", "Token is invalid (x) %s", "~!@#$%^&*()_+`"] {
            assert!(is_plain_line(s), "{s:?}");
            assert_eq!(one_line_slow(s), s);
        }
        // Any change one_line would make keeps the text off the fast path.
        for s in [
            " a", "a ", "a  b", "a\tb", "a\nb", "a\u{7f}", "é", "\u{202E}",
        ] {
            assert!(!is_plain_line(s), "{s:?}");
        }
    }

    /// [`one_line`] without its fast path.
    fn one_line_slow(s: &str) -> String {
        one_line(&format!("{s}\u{0}")).trim_end().to_string()
    }

    #[test]
    fn one_line_neutralises_breaks_and_invisibles() {
        assert_eq!(one_line("a\nb\r\n\tc\u{2028}d\u{202E}e  f "), "a b c d e f");
    }
}
