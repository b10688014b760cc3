//! Loading catalogs straight into [`Table`]s, for the index: the file is read in chunks and each
//! entry is parsed with borrowed strings and packed at once, so neither the whole file nor a
//! `Vec<Entry>` is ever held. Memory is the packed table plus one chunk.
//!
//! This path only accepts what it fully understands. Anything else (a syntax or type error, an
//! unknown or repeated key, a value out of range, `entries` before `vendor`) sends the file
//! through [`load_file`], the validating loader, which reports the exact `file:line:col`
//! problem, or, for a valid file this path does not handle, gives the catalog to pack.

use super::load::{
    CatalogProblem, LoadReport, Origin, catalog_files, embedded_texts, load_file, parse_catalog,
};
use super::model::{Catalog, SCHEMA_VERSION};
use super::table::{EntryFields, Table, TableBuilder, TextRef};
use serde::Deserialize;
use serde::de::{self, Deserializer, IgnoredAny, SeqAccess, Visitor};
use std::borrow::Cow;
use std::fmt;
use std::io::Read;
use std::path::Path;

/// Bytes read at a time.
const CHUNK: usize = 4 << 20;

/// Catalogs loaded as tables, and the problems of those that did not load.
#[derive(Debug, Default)]
pub struct TableReport {
    pub tables: Vec<Table>,
    pub problems: Vec<CatalogProblem>,
}

impl TableReport {
    pub fn extend(&mut self, other: TableReport) {
        self.tables.extend(other.tables);
        self.problems.extend(other.problems);
    }

    /// Packs what the validating loader produced.
    pub fn from_loaded(report: LoadReport) -> TableReport {
        let mut out = TableReport {
            tables: Vec::new(),
            problems: report.problems,
        };
        for l in report.catalogs {
            let file = l.origin.to_string();
            match Table::from_catalog(l.catalog, l.origin) {
                Ok(t) => out.tables.push(t),
                Err(e) => out.problems.push(CatalogProblem {
                    file,
                    line: 0,
                    column: 0,
                    message: e.to_string(),
                }),
            }
        }
        out
    }
}

/// The embedded catalogs as tables.
pub fn embedded_tables() -> Vec<Table> {
    embedded_texts()
        .iter()
        .map(|&(name, text)| {
            table_from_text(name, text, Origin::Embedded(name))
                .unwrap_or_else(|p| panic!("embedded catalog is broken: {p}"))
        })
        .collect()
}

/// A catalog text as a table; `name` names it in a problem.
pub fn table_from_text(name: &str, text: &str, origin: Origin) -> Result<Table, CatalogProblem> {
    // Already text: no reading, and no UTF-8 check.
    let scanner = Scanner {
        reader: std::io::empty(),
        chunk: 0,
        text: text.to_string(),
        carry: Vec::new(),
        pos: 0,
        eof: true,
        read: text.len() as u64,
        progress: &mut |_| {},
    };
    if let Ok(table) = scan_catalog(scanner, origin.clone()) {
        return Ok(table);
    }
    let catalog = parse_catalog(name, text)?;
    Table::from_catalog(catalog, origin).map_err(|e| CatalogProblem {
        file: name.to_string(),
        line: 0,
        column: 0,
        message: e.to_string(),
    })
}

/// Loads a catalog file, or every catalog file of a folder (as [`super::load_path`] does).
/// `progress` is told the bytes read so far, across all the files of this call.
pub fn load_tables(path: &Path, progress: &mut dyn FnMut(u64)) -> TableReport {
    let mut report = TableReport::default();
    let files = match catalog_files(path) {
        Ok(files) => files,
        Err(problem) => {
            report.problems.push(problem);
            return report;
        }
    };
    let mut done = 0;
    for file in files {
        let mut seen = 0;
        report.extend(load_table_file(&file, &mut |n| {
            seen = n;
            progress(done + n)
        }));
        done += seen;
    }
    report
}

/// Loads one catalog file as a table.
pub fn load_table_file(path: &Path, progress: &mut dyn FnMut(u64)) -> TableReport {
    let origin = Origin::File(path.to_path_buf());
    if let Ok(file) = std::fs::File::open(path)
        && let Ok(table) = scan(file, origin, progress)
    {
        return TableReport {
            tables: vec![table],
            problems: Vec::new(),
        };
    }
    TableReport::from_loaded(load_file(path))
}

/// The total size of the catalog files at these paths, for progress.
pub fn total_bytes(paths: &[&Path]) -> u64 {
    paths
        .iter()
        .filter_map(|p| catalog_files(p).ok())
        .flatten()
        .filter_map(|f| std::fs::metadata(f).ok())
        .map(|m| m.len())
        .sum()
}

/// The fast path gave up; the validating loader takes over.
#[derive(Debug)]
struct GiveUp;

impl From<std::io::Error> for GiveUp {
    fn from(_: std::io::Error) -> GiveUp {
        GiveUp
    }
}

fn scan(reader: impl Read, origin: Origin, progress: &mut dyn FnMut(u64)) -> Result<Table, GiveUp> {
    scan_in_chunks(reader, origin, progress, CHUNK)
}

fn scan_in_chunks(
    reader: impl Read,
    origin: Origin,
    progress: &mut dyn FnMut(u64),
    chunk: usize,
) -> Result<Table, GiveUp> {
    let mut s = Scanner {
        reader,
        chunk,
        text: String::new(),
        carry: Vec::new(),
        pos: 0,
        eof: false,
        read: 0,
        progress,
    };
    s.fill()?;
    scan_catalog(s, origin)
}

/// Reads a catalog from `s`, which holds its start (or all of it).
fn scan_catalog<R: Read>(mut s: Scanner<R>, origin: Origin) -> Result<Table, GiveUp> {
    if s.text.starts_with('\u{feff}') {
        s.pos = 3;
    }
    s.expect(b'{')?;
    let mut header = String::from("{");
    let mut vendor_id: Option<String> = None;
    let mut table: Option<TableBuilder> = None;
    let mut first = true;
    loop {
        match s.peek()? {
            Some(b'}') if first => {
                s.pos += 1;
                break;
            }
            Some(b'"') => {}
            _ => return Err(GiveUp),
        }
        let key_raw = s.raw_value()?;
        let key: Cow<str> = serde_json::from_str(&key_raw).map_err(|_| GiveUp)?;
        s.expect(b':')?;
        s.peek()?;
        if key == "entries" {
            // The vendor id is part of every row's haystack, so it must be known by now.
            let (Some(id), None) = (&vendor_id, &table) else {
                return Err(GiveUp);
            };
            let mut b = TableBuilder::new(id);
            s.entries(&mut b)?;
            table = Some(b);
        } else {
            let raw = s.raw_value()?;
            if key == "vendor" {
                #[derive(Deserialize)]
                struct VendorId {
                    id: String,
                }
                let v: VendorId = serde_json::from_str(&raw).map_err(|_| GiveUp)?;
                vendor_id = Some(v.id);
            }
            header.push_str(&key_raw);
            header.push(':');
            header.push_str(&raw);
            header.push(',');
        }
        first = false;
        match s.peek()? {
            Some(b',') => s.pos += 1,
            Some(b'}') => {
                s.pos += 1;
                break;
            }
            _ => return Err(GiveUp),
        }
    }
    if s.peek()?.is_some() {
        return Err(GiveUp);
    }
    let table = table.ok_or(GiveUp)?;
    header.push_str("\"entries\":[]}");
    let header: Catalog = serde_json::from_str(&header).map_err(|_| GiveUp)?;
    if header.schema != SCHEMA_VERSION
        || header.vendor.id.trim().is_empty()
        || header.edition.id.trim().is_empty()
    {
        return Err(GiveUp);
    }
    Ok(table.finish(header, origin))
}

struct Scanner<'p, R> {
    reader: R,
    /// Bytes to read at a time (at least).
    chunk: usize,
    /// What has been read and not yet parsed, from `pos` on. Being a `String`, it is checked
    /// to be UTF-8 once, in large pieces, and the parser skips that check for every string.
    text: String,
    /// The start of a character cut off at the end of the last read.
    carry: Vec<u8>,
    /// Next byte to read in `text`; everything before it is done with.
    pos: usize,
    eof: bool,
    /// Bytes read from `reader` so far.
    read: u64,
    progress: &'p mut dyn FnMut(u64),
}

impl<R: Read> Scanner<'_, R> {
    /// Reads more: at least a chunk, and at least as much as is waiting, so a value that keeps
    /// not fitting is re-read a logarithmic number of times. False at the end of the input.
    fn fill(&mut self) -> Result<bool, GiveUp> {
        if self.eof {
            return Ok(false);
        }
        let mut bytes = std::mem::take(&mut self.text).into_bytes();
        bytes.drain(..self.pos);
        self.pos = 0;
        bytes.append(&mut self.carry);
        let want = self.chunk.max(bytes.len());
        let n = (&mut self.reader)
            .take(want as u64)
            .read_to_end(&mut bytes)?;
        self.read += n as u64;
        (self.progress)(self.read);
        if n < want {
            self.eof = true;
        }
        let cut = bytes.len() - incomplete_tail(&bytes);
        self.carry = bytes.split_off(cut);
        if self.eof && !self.carry.is_empty() {
            return Err(GiveUp);
        }
        self.text = String::from_utf8(bytes).map_err(|_| GiveUp)?;
        Ok(n > 0)
    }

    /// The next byte after whitespace, without taking it.
    fn peek(&mut self) -> Result<Option<u8>, GiveUp> {
        loop {
            while let Some(&b) = self.text.as_bytes().get(self.pos) {
                if !matches!(b, b' ' | b'\n' | b'\r' | b'\t') {
                    return Ok(Some(b));
                }
                self.pos += 1;
            }
            if !self.fill()? {
                return Ok(None);
            }
        }
    }

    fn expect(&mut self, byte: u8) -> Result<(), GiveUp> {
        if self.peek()? != Some(byte) {
            return Err(GiveUp);
        }
        self.pos += 1;
        Ok(())
    }

    /// Hands `f` the input at the next value (after whitespace) and whether it is all there
    /// is; `f` answers how many bytes it took, or that it needs more. Moves past the value.
    fn step(&mut self, mut f: impl FnMut(&str, bool) -> Step) -> Result<(), GiveUp> {
        self.peek()?;
        loop {
            match f(&self.text[self.pos..], self.eof) {
                Step::Done(n) => {
                    self.pos += n;
                    return Ok(());
                }
                Step::More if !self.eof => {
                    self.fill()?;
                }
                Step::More | Step::Fail => return Err(GiveUp),
            }
        }
    }

    /// The text of the next JSON value; moves past it.
    fn raw_value(&mut self) -> Result<String, GiveUp> {
        let mut raw = String::new();
        self.step(|input, eof| match one::<IgnoredAny>(input, eof) {
            Ok((_, n)) => {
                raw = input[..n].to_string();
                Step::Done(n)
            }
            Err(step) => step,
        })?;
        Ok(raw)
    }

    /// The `entries` array, each entry packed as it is read.
    fn entries(&mut self, table: &mut TableBuilder) -> Result<(), GiveUp> {
        self.expect(b'[')?;
        if self.peek()? == Some(b']') {
            self.pos += 1;
            return Ok(());
        }
        loop {
            self.step(|input, eof| match one::<RawEntry>(input, eof) {
                Ok((e, n)) => {
                    let valid = !e.code.0.trim().is_empty()
                        && e.http_status.is_none_or(|s| (100..=599).contains(&s));
                    if valid && table.push(&e.fields()).is_ok() {
                        Step::Done(n)
                    } else {
                        Step::Fail
                    }
                }
                Err(step) => step,
            })?;
            match self.peek()? {
                Some(b',') => self.pos += 1,
                Some(b']') => {
                    self.pos += 1;
                    return Ok(());
                }
                _ => return Err(GiveUp),
            }
        }
    }
}

/// How many bytes at the end of `bytes` are the start of a character cut off there.
fn incomplete_tail(bytes: &[u8]) -> usize {
    for back in 1..=bytes.len().min(3) {
        let b = bytes[bytes.len() - back];
        if b & 0xC0 != 0x80 {
            // A lead byte (or ASCII): how long is its character?
            let len = match b {
                0xC0..=0xDF => 2,
                0xE0..=0xEF => 3,
                0xF0..=0xF7 => 4,
                _ => 1,
            };
            return if len > back { back } else { 0 };
        }
    }
    0
}

/// What a [`Scanner::step`] function made of the input it was given.
enum Step {
    /// The value took this many bytes.
    Done(usize),
    /// The value does not end within the input.
    More,
    Fail,
}

/// One `T` at the start of `input` (after whitespace), and the bytes it took. A number or
/// literal that ends where the input ends might go on, unless the input is all there is.
fn one<'b, T: Deserialize<'b>>(input: &'b str, eof: bool) -> Result<(T, usize), Step> {
    let mut values = serde_json::Deserializer::from_str(input).into_iter::<T>();
    match values.next() {
        Some(Ok(value)) => {
            let n = values.byte_offset();
            if n < input.len() || eof {
                Ok((value, n))
            } else {
                Err(Step::More)
            }
        }
        // Cut off by the end of the input (what else is there to read may finish it).
        Some(Err(e)) if e.is_eof() => Err(Step::More),
        None => Err(Step::More),
        Some(Err(_)) => Err(Step::Fail),
    }
}

/// An entry as it is in the file: strings borrowed where they have no escapes.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEntry<'a> {
    #[serde(borrow)]
    code: Code<'a>,
    #[serde(default)]
    http_status: Option<u16>,
    #[serde(default, borrow)]
    category: Option<Str<'a>>,
    #[serde(default, borrow)]
    subcategory: Option<Str<'a>>,
    #[serde(default, borrow)]
    message: Option<Str<'a>>,
    #[serde(default, borrow)]
    description: Option<RawText<'a>>,
    #[serde(default, borrow)]
    fix: Option<RawText<'a>>,
    #[serde(default, borrow)]
    summary_en: Option<Str<'a>>,
}

fn text_ref<'r>(t: &'r Option<RawText<'_>>) -> Option<TextRef<'r>> {
    t.as_ref().map(|t| match t {
        RawText::One(s) => TextRef::One(&s.0),
        RawText::List(items) => TextRef::List(items.iter().map(|s| &*s.0).collect()),
    })
}

impl RawEntry<'_> {
    fn fields(&self) -> EntryFields<'_> {
        EntryFields {
            code: &self.code.0,
            http_status: self.http_status,
            category: self.category.as_ref().map(|s| &*s.0),
            subcategory: self.subcategory.as_ref().map(|s| &*s.0),
            message: self.message.as_ref().map(|s| &*s.0),
            description: text_ref(&self.description),
            fix: text_ref(&self.fix),
            summary_en: self.summary_en.as_ref().map(|s| &*s.0),
        }
    }
}

/// A string, borrowed from the input when it has no escapes.
struct Str<'a>(Cow<'a, str>);

struct StrVisitor;

impl<'de> Visitor<'de> for StrVisitor {
    type Value = Str<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string")
    }

    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Str<'de>, E> {
        Ok(Str(Cow::Borrowed(v)))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Str<'de>, E> {
        Ok(Str(Cow::Owned(v.to_string())))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Str<'de>, E> {
        Ok(Str(Cow::Owned(v)))
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for Str<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Str<'a>, D::Error> {
        d.deserialize_str(StrVisitor)
    }
}

/// A code: a string, or a number kept as written (as [`super::model::Entry`] reads it).
struct Code<'a>(Cow<'a, str>);

impl<'de: 'a, 'a> Deserialize<'de> for Code<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Code<'a>, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Code<'de>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string or a number")
            }

            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Code<'de>, E> {
                Ok(Code(Cow::Borrowed(v)))
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<Code<'de>, E> {
                Ok(Code(Cow::Owned(v.to_string())))
            }

            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Code<'de>, E> {
                Ok(Code(Cow::Owned(serde_json::Number::from(v).to_string())))
            }

            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Code<'de>, E> {
                Ok(Code(Cow::Owned(serde_json::Number::from(v).to_string())))
            }

            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Code<'de>, E> {
                serde_json::Number::from_f64(v)
                    .map(|n| Code(Cow::Owned(n.to_string())))
                    .ok_or_else(|| E::custom("not a JSON number"))
            }
        }
        d.deserialize_any(V)
    }
}

/// [`super::model::Text`] as it is in the file.
enum RawText<'a> {
    One(Str<'a>),
    List(Vec<Str<'a>>),
}

impl<'de: 'a, 'a> Deserialize<'de> for RawText<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<RawText<'a>, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = RawText<'de>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string or a list of strings")
            }

            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<RawText<'de>, E> {
                Ok(RawText::One(Str(Cow::Borrowed(v))))
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<RawText<'de>, E> {
                Ok(RawText::One(Str(Cow::Owned(v.to_string()))))
            }

            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<RawText<'de>, A::Error> {
                let mut items = Vec::new();
                while let Some(s) = seq.next_element::<Str<'de>>()? {
                    items.push(s);
                }
                Ok(RawText::List(items))
            }
        }
        d.deserialize_any(V)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn both(text: &str) -> (Result<Table, GiveUp>, Result<Catalog, CatalogProblem>) {
        (
            scan(text.as_bytes(), Origin::Embedded("t"), &mut |_| {}),
            parse_catalog("t", text),
        )
    }

    #[test]
    fn the_fast_path_reads_what_the_validating_loader_reads() {
        let text = "\u{feff} {\"$schema\": \"schema.json\", \"schema\": 1,\n \"vendor\": {\"id\": \"x\", \"name\": \"X\"},\
            \"edition\": {\"id\": \"1\"}, \"envelope\": {\"code\": \"code\"}, \"entries\": [\n\
            {\"code\": 1302, \"http_status\": 401, \"message\": \"a \\\"quoted\\\" \\u00e9\"},\n\
            {\"code\": \"錯誤\", \"description\": [\"one\", \"二\\n\"], \"fix\": null, \"summary_en\": \"s\"},\n\
            {\"code\": 1.5e3, \"category\": \"認證\", \"subcategory\": \"\"}\n ] }\n";
        let (fast, slow) = both(text);
        let (fast, slow) = (fast.unwrap(), slow.unwrap());
        assert_eq!(fast.to_catalog(), slow);
        assert_eq!(fast.header.json_schema.as_deref(), Some("schema.json"));
    }

    #[test]
    fn anything_unusual_is_left_to_the_validating_loader() {
        let head = r#"{"schema":1,"vendor":{"id":"x","name":"X"},"edition":{"id":"1"},"#;
        for tail in [
            r#""entries":[{"code":"1","extra":1}]}"#,
            r#""entries":[{"code":" "}]}"#,
            r#""entries":[{"code":"1","http_status":999}]}"#,
            r#""entries":[{"code":"1","http_status":"401"}]}"#,
            r#""entries":[{"code":"1"},]}"#,
            r#""entries":[{"code":"1"}]} x"#,
            r#""entries":[{"code":"1"}],"entries":[]}"#,
            r#""entries":[{"code":"1"}],}"#,
            r#""entries":[{"code":"1"}], "unknown": 1}"#,
            r#""entries":[{"code":"1"#,
            r#""entries":[{"message":"m"}]}"#,
        ] {
            let text = format!("{head}{tail}");
            assert!(
                scan(text.as_bytes(), Origin::Embedded("t"), &mut |_| {}).is_err(),
                "{tail}"
            );
            assert!(parse_catalog("t", &text).is_err(), "{tail}");
        }
        // Valid, but the vendor comes after the entries: the slow path packs it.
        let text = r#"{"entries":[{"code":"1"}],"schema":1,"vendor":{"id":"x","name":"X"},"edition":{"id":"1"}}"#;
        let (fast, slow) = both(text);
        assert!(fast.is_err());
        let t = table_from_text("t", text, Origin::Embedded("t")).unwrap();
        assert_eq!(t.to_catalog(), slow.unwrap());
        for text in [
            r#"{"schema":2,"vendor":{"id":"x","name":"X"},"edition":{"id":"1"},"entries":[]}"#,
            r#"{"schema":1,"vendor":{"id":"","name":"X"},"edition":{"id":"1"},"entries":[]}"#,
            r#"{"schema":1,"vendor":{"id":"x","name":"X"},"edition":{"id":"1"}}"#,
            "[]",
            "",
        ] {
            assert!(both(text).0.is_err(), "{text}");
        }
    }

    #[test]
    fn values_across_chunk_boundaries_are_read_whole() {
        let mut text = String::from(
            r#"{"schema": 1, "vendor": {"id": "x", "name": "X"}, "edition": {"id": "1"}, "entries": ["#,
        );
        for i in 0..50 {
            if i > 0 {
                text.push_str(", ");
            }
            text.push_str(&format!(
                r#"{{"code": {i}, "http_status": 404, "message": "m\u00e9 {i}", "description": "錯誤 {i}"}}"#
            ));
        }
        text.push_str("]}");
        let slow = parse_catalog("t", &text).unwrap();
        // Small reads cut every value somewhere, characters too.
        for chunk in [1, 2, 3, 5, 64] {
            let mut seen = Vec::new();
            let fast = scan_in_chunks(
                text.as_bytes(),
                Origin::Embedded("t"),
                &mut |n| seen.push(n),
                chunk,
            )
            .unwrap();
            assert_eq!(fast.to_catalog(), slow, "chunk {chunk}");
            assert_eq!(seen.last(), Some(&(text.len() as u64)));
        }
        // Invalid UTF-8 is left to the validating loader, which locates it.
        let mut bad = text.clone().into_bytes();
        let at = text.find("錯").unwrap();
        bad[at + 1] = b'x';
        assert!(scan_in_chunks(&bad[..], Origin::Embedded("t"), &mut |_| {}, 7).is_err());
        bad.truncate(at + 1);
        assert!(scan_in_chunks(&bad[..], Origin::Embedded("t"), &mut |_| {}, 7).is_err());
    }
}
