//! The fast reader: a catalog file is read in chunks and each entry is parsed with borrowed
//! strings and handed to the [`Rows`] at once, so neither the whole file nor its entries are
//! ever held. Memory is the rows plus one chunk. A large file is read by two threads
//! ([`split`]).
//!
//! It only accepts what it fully understands. Anything else (a syntax or type error, an unknown
//! or repeated key, a value out of range, `entries` before `vendor`) goes to the validating
//! loader ([`super::validate`]), which reports the exact `file:line:col` problem, or, for a
//! valid file this reader does not handle, gives the catalog whose entries are then pushed.

mod split;

use super::kind::{Kind, Retry};
use super::loaded::{CatalogProblem, Loaded, Origin, Rows};
use super::model::{Catalog, EntryFields, SCHEMA_VERSION, TextRef};
use super::validate;
use serde::Deserialize;
use serde::de::{self, Deserializer, IgnoredAny, SeqAccess, Visitor};
use split::Split;
use std::borrow::Cow;
use std::fmt;
use std::io::{Read, Seek, SeekFrom};
use std::path::Path;

/// Bytes read at a time.
const CHUNK: usize = 4 << 20;

/// What a scanner reads from; only files can be read from the middle.
trait Source: Read {
    fn jump(&mut self, _to: u64) -> std::io::Result<()> {
        Err(std::io::ErrorKind::Unsupported.into())
    }
}

impl Source for std::fs::File {
    fn jump(&mut self, to: u64) -> std::io::Result<()> {
        self.seek(SeekFrom::Start(to)).map(|_| ())
    }
}

impl Source for &[u8] {}
impl Source for std::io::Empty {}

/// A catalog text, read into rows; `name` names it in a problem.
pub fn read_text<R: Rows>(
    name: &str,
    text: &str,
    origin: Origin,
) -> Result<Loaded<R>, CatalogProblem> {
    // Already text: no reading, and no UTF-8 check.
    let mut no_progress = |_| {};
    let mut scanner = Scanner::new(std::io::empty(), 0, 0, &mut no_progress);
    scanner.text = text.to_string();
    scanner.eof = true;
    scanner.read = text.len() as u64;
    if let Ok((loaded, _)) = scan_catalog(scanner, origin.clone(), None) {
        return Ok(loaded);
    }
    into_rows(name, validate::parse_catalog(name, text)?, origin)
}

/// A catalog file, read into rows. `progress` is told the bytes read so far.
pub fn read_file<R: Rows>(
    path: &Path,
    progress: &mut dyn FnMut(u64),
) -> Result<Loaded<R>, CatalogProblem> {
    let origin = Origin::File(path.to_path_buf());
    if let Ok((loaded, _)) = scan_file(path, origin.clone(), progress) {
        return Ok(loaded);
    }
    let name = path.display().to_string();
    into_rows(&name, validate::parse_file(path)?, origin)
}

/// A catalog the validating loader read, its entries pushed into rows.
fn into_rows<R: Rows>(
    name: &str,
    mut catalog: Catalog,
    origin: Origin,
) -> Result<Loaded<R>, CatalogProblem> {
    let entries = std::mem::take(&mut catalog.entries);
    let mut rows = R::for_vendor(&catalog.vendor.id.to_lowercase());
    for e in &entries {
        rows.push(&EntryFields::of(e))
            .map_err(|e| CatalogProblem::whole_file(name, e.to_string()))?;
    }
    Ok(Loaded {
        header: catalog,
        rows,
        origin,
    })
}

/// The fast path gave up; the validating loader takes over.
#[derive(Debug)]
struct GiveUp;

impl From<std::io::Error> for GiveUp {
    fn from(_: std::io::Error) -> GiveUp {
        GiveUp
    }
}

/// Reads a catalog file, with two threads if it is large and there are two cores.
fn scan_file<R: Rows>(
    path: &Path,
    origin: Origin,
    progress: &mut dyn FnMut(u64),
) -> Result<(Loaded<R>, bool), GiveUp> {
    let two_threads_from = if std::thread::available_parallelism().is_ok_and(|n| n.get() >= 2) {
        split::TWO_THREADS_FROM
    } else {
        u64::MAX
    };
    scan_file_from(path, origin, progress, two_threads_from, CHUNK)
}

/// [`scan_file`], with two threads from `two_threads_from` bytes on, reading `chunk` bytes at a
/// time. Also says whether the second thread's rows were taken.
fn scan_file_from<R: Rows>(
    path: &Path,
    origin: Origin,
    progress: &mut dyn FnMut(u64),
    two_threads_from: u64,
    chunk: usize,
) -> Result<(Loaded<R>, bool), GiveUp> {
    let file = std::fs::File::open(path)?;
    let size = file.metadata()?.len();
    let split = (size >= two_threads_from).then(|| Split::new(path, size, chunk));
    let second = split.as_ref().map(Split::bytes_read);
    // Both threads' reads (the first may read on past where the second began, so at most
    // the file's size).
    let mut report = |n: u64| {
        let other = second.as_ref().map_or(0, |read| read());
        progress((n + other).min(size))
    };
    let mut s = Scanner::new(file, chunk, 0, &mut report);
    s.fill()?;
    scan_catalog(s, origin, split)
}

/// Reads a catalog from `s`, which holds its start (or all of it); says whether a second
/// thread's rows were taken.
fn scan_catalog<S: Source, R: Rows>(
    mut s: Scanner<S>,
    origin: Origin,
    split: Option<Split>,
) -> Result<(Loaded<R>, bool), GiveUp> {
    if s.text.starts_with('\u{feff}') {
        s.pos = 3;
    }
    s.expect(b'{')?;
    let mut header = String::from("{");
    let mut vendor_id: Option<String> = None;
    let mut rows: Option<R> = None;
    let mut taken = false;
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
            let (Some(id), None) = (&vendor_id, &rows) else {
                return Err(GiveUp);
            };
            let mut r = R::for_vendor(id);
            taken = s.entries(&mut r, id, split.as_ref())?;
            rows = Some(r);
        } else {
            let raw = s.raw_value()?;
            if key == "vendor" {
                #[derive(Deserialize)]
                struct VendorId {
                    id: String,
                }
                let v: VendorId = serde_json::from_str(&raw).map_err(|_| GiveUp)?;
                // Lower case, as the loader makes the id (see `load::lower_case_vendor`); an id
                // that is not one is the validating loader's to report.
                let id = v.id.to_lowercase();
                if !super::model::Vendor::is_valid_id(&id) {
                    return Err(GiveUp);
                }
                vendor_id = Some(id);
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
    let rows = rows.ok_or(GiveUp)?;
    header.push_str("\"entries\":[]}");
    let header: Catalog = serde_json::from_str(&header).map_err(|_| GiveUp)?;
    if header.schema != SCHEMA_VERSION
        || header.vendor.id.trim().is_empty()
        || header.edition.id.trim().is_empty()
    {
        return Err(GiveUp);
    }
    Ok((
        Loaded {
            header,
            rows,
            origin,
        },
        taken,
    ))
}

struct Scanner<'p, S> {
    reader: S,
    /// Bytes to read at a time (at least).
    chunk: usize,
    /// What has been read and not yet parsed, from `pos` on. Being a `String`, it is checked
    /// to be UTF-8 once, in large pieces, and the parser skips that check for every string.
    text: String,
    /// The start of a character cut off at the end of the last read.
    carry: Vec<u8>,
    /// Where `text` starts in the input.
    base: u64,
    /// Next byte to read in `text`; everything before it is done with.
    pos: usize,
    eof: bool,
    /// Bytes read from `reader` so far.
    read: u64,
    progress: &'p mut dyn FnMut(u64),
}

impl<'p, S: Source> Scanner<'p, S> {
    /// A scanner of `reader`, which is at `base` in the input, reading `chunk` bytes at a time
    /// and telling `progress` how many it has read; nothing read yet.
    fn new(reader: S, chunk: usize, base: u64, progress: &'p mut dyn FnMut(u64)) -> Self {
        Scanner {
            reader,
            chunk,
            text: String::new(),
            carry: Vec::new(),
            base,
            pos: 0,
            eof: false,
            read: 0,
            progress,
        }
    }

    /// Where the next byte to read is in the input.
    fn offset(&self) -> u64 {
        self.base + self.pos as u64
    }

    /// Goes on reading at `to` in the input.
    fn jump(&mut self, to: u64) -> Result<(), GiveUp> {
        self.reader.jump(to)?;
        self.text.clear();
        self.carry.clear();
        self.base = to;
        self.pos = 0;
        self.read = to;
        self.eof = false;
        self.fill()?;
        Ok(())
    }

    /// Reads more: at least a chunk, and at least as much as is waiting, so a value that keeps
    /// not fitting is re-read a logarithmic number of times. False at the end of the input.
    fn fill(&mut self) -> Result<bool, GiveUp> {
        if self.eof {
            return Ok(false);
        }
        let mut bytes = std::mem::take(&mut self.text).into_bytes();
        bytes.drain(..self.pos);
        self.base += self.pos as u64;
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

    /// The `entries` array, each entry pushed as it is read. With a `split`, a second thread
    /// reads from the middle, and its rows are taken when this one gets exactly where it began
    /// (see [`split`]); says whether they were.
    fn entries<R: Rows>(
        &mut self,
        rows: &mut R,
        vendor_id: &str,
        split: Option<&Split>,
    ) -> Result<bool, GiveUp> {
        self.expect(b'[')?;
        if self.peek()? == Some(b']') {
            self.pos += 1;
            return Ok(false);
        }
        let mut second = split.and_then(|split| split.start(self.offset(), vendor_id));
        loop {
            if let Some(thread) = second.take_if(|t| t.begins_at() <= self.offset()) {
                // On failure (it began outside the array, or found a bad entry further on),
                // read on alone: a problem is then found where it is.
                if let Some(end) = thread.take_if_at(self.offset(), rows)? {
                    self.jump(end)?;
                    return Ok(true);
                }
            }
            self.entry(rows)?;
            if !self.more_entries()? {
                return Ok(false);
            }
        }
    }

    /// After an entry: whether another follows (past the `,`, at the next value), or the
    /// array ends (past the `]`).
    fn more_entries(&mut self) -> Result<bool, GiveUp> {
        match self.peek()? {
            Some(b',') => {
                self.pos += 1;
                self.peek()?;
                Ok(true)
            }
            Some(b']') => {
                self.pos += 1;
                Ok(false)
            }
            _ => Err(GiveUp),
        }
    }

    /// One entry, pushed into `rows`.
    fn entry<R: Rows>(&mut self, rows: &mut R) -> Result<(), GiveUp> {
        self.step(|input, eof| match one::<RawEntry>(input, eof) {
            Ok((e, n)) => {
                let valid = !e.code.0.trim().is_empty()
                    && e.http_status.is_none_or(|s| (100..=599).contains(&s));
                if valid && rows.push(&e.fields()).is_ok() {
                    Step::Done(n)
                } else {
                    Step::Fail
                }
            }
            Err(step) => step,
        })
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
    #[serde(default, borrow)]
    symbol: Option<Str<'a>>,
    #[serde(default, borrow)]
    aliases: Vec<Str<'a>>,
    #[serde(default, borrow)]
    maps_to: Vec<RawCodeRef<'a>>,
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
    #[serde(default, borrow)]
    keywords: Vec<Str<'a>>,
    #[serde(default)]
    kind: Option<Kind>,
    #[serde(default)]
    retry: Option<Retry>,
    #[serde(default)]
    obsolete: bool,
}

/// [`super::model::CodeRef`] as it is in the file.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCodeRef<'a> {
    #[serde(borrow)]
    vendor: Str<'a>,
    #[serde(borrow)]
    code: Str<'a>,
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
            symbol: self.symbol.as_ref().map(|s| &*s.0),
            aliases: self.aliases.iter().map(|s| &*s.0).collect(),
            maps_to: self
                .maps_to
                .iter()
                .map(|m| (&*m.vendor.0, &*m.code.0))
                .collect(),
            http_status: self.http_status,
            category: self.category.as_ref().map(|s| &*s.0),
            subcategory: self.subcategory.as_ref().map(|s| &*s.0),
            message: self.message.as_ref().map(|s| &*s.0),
            description: text_ref(&self.description),
            fix: text_ref(&self.fix),
            summary_en: self.summary_en.as_ref().map(|s| &*s.0),
            keywords: self.keywords.iter().map(|s| &*s.0).collect(),
            kind: self.kind,
            retry: self.retry,
            obsolete: self.obsolete,
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
    use crate::catalog::Entry;
    use crate::catalog::validate::parse_catalog;

    type Fast = Result<Catalog, GiveUp>;

    /// Reads `reader` with the fast path only, `chunk` bytes at a time, as whole catalogs.
    fn scan_in_chunks(reader: &[u8], progress: &mut dyn FnMut(u64), chunk: usize) -> Fast {
        let mut s = Scanner::new(reader, chunk, 0, progress);
        s.fill()?;
        scan_catalog::<_, Vec<Entry>>(s, Origin::Embedded("t"), None).map(|(l, _)| l.catalog())
    }

    fn scan(reader: &[u8]) -> Fast {
        scan_in_chunks(reader, &mut |_| {}, CHUNK)
    }

    fn both(text: &str) -> (Fast, Result<Catalog, CatalogProblem>) {
        (scan(text.as_bytes()), parse_catalog("t", text))
    }

    /// Loads `text` from a file with two threads (whatever its size), in chunks of a few sizes
    /// (all the same), and as the validating loader does.
    fn two_threads(text: &str) -> Loads {
        two_threads_taken(text).0
    }

    type Loads = (Fast, Result<Catalog, CatalogProblem>);

    /// [`two_threads`], and how many of the three loads took the second thread's rows.
    fn two_threads_taken(text: &str) -> (Loads, usize) {
        let mut taken = 0;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.json");
        std::fs::write(&path, text).unwrap();
        let slow = parse_catalog("t", text);
        let mut fast = Vec::new();
        // Reading in small chunks cuts entries and characters at the ends of reads.
        for chunk in [CHUNK, 4099, 777] {
            let origin = Origin::File(path.clone());
            let mut seen = 0;
            let read =
                scan_file_from::<Vec<Entry>>(&path, origin, &mut |n| seen = seen.max(n), 0, chunk);
            if let Ok((_, took)) = &read {
                assert_eq!(seen, text.len() as u64, "progress ends at the file's size");
                taken += usize::from(*took);
            }
            fast.push(read.map(|(l, _)| l.catalog()));
        }
        let last = fast.pop().unwrap();
        for other in fast {
            assert_eq!(other.as_ref().ok(), last.as_ref().ok());
        }
        ((last, slow), taken)
    }

    fn catalog_text(entries: &[String], after: &str) -> String {
        format!(
            "{{\"schema\": 1, \"vendor\": {{\"id\": \"x\", \"name\": \"X\"}}, \"edition\": {{\"id\": \"1\"}},\n\
             \"entries\": [\n{}\n]{after}}}\n",
            entries.join(",\n")
        )
    }

    #[test]
    fn two_threads_read_what_one_reads() {
        let entries: Vec<String> = (0..3000)
            .map(|i| match i % 4 {
                0 => format!(r#"{{"code": {i}, "message": "m,{{\"code\": {i}}} 錯誤"}}"#),
                1 => format!(
                    r#"  {{ "code" : "c{i}", "description": ["a", "b"], "http_status": 404 }}"#
                ),
                2 => format!(r#"{{"message": "code first? no", "code": "{i}"}}"#),
                _ => format!(r#"{{"code":"{i}","summary_en":"s"}}"#),
            })
            .collect();
        for after in [
            "",
            r#", "envelope": {"code": "code", "message": "message"}"#,
        ] {
            let text = catalog_text(&entries, after);
            let ((fast, slow), taken) = two_threads_taken(&text);
            assert_eq!(
                taken, 3,
                "the second thread's rows were not taken each time"
            );
            let (fast, slow) = (fast.unwrap(), slow.unwrap());
            assert_eq!(fast.entries.len(), 3000);
            assert_eq!(fast, slow);
        }
        // Entries whose first key is not `code`: no place to split; one thread reads them all.
        let odd: Vec<String> = (0..500)
            .map(|i| format!(r#"{{"message": "m", "code": "{i}"}}"#))
            .collect();
        let ((fast, slow), taken) = two_threads_taken(&catalog_text(&odd, ""));
        assert_eq!(taken, 0);
        assert_eq!(fast.unwrap(), slow.unwrap());
    }

    #[test]
    fn a_bad_entry_in_the_second_half_is_still_reported_where_it_is() {
        let mut entries: Vec<String> = (0..2000)
            .map(|i| format!(r#"{{"code": "{i}", "message": "m"}}"#))
            .collect();
        entries[1900] = r#"{"code": "1900", "http_status": "four"}"#.to_string();
        let (fast, slow) = two_threads(&catalog_text(&entries, ""));
        assert!(fast.is_err());
        let problem = slow.unwrap_err();
        assert_eq!(problem.line, 1903, "{problem}");
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
        assert_eq!(fast, slow);
        assert_eq!(fast.json_schema.as_deref(), Some("schema.json"));
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
            assert!(scan(text.as_bytes()).is_err(), "{tail}");
            assert!(parse_catalog("t", &text).is_err(), "{tail}");
        }
        // Valid, but the vendor comes after the entries: the slow path packs it.
        let text = r#"{"entries":[{"code":"1"}],"schema":1,"vendor":{"id":"x","name":"X"},"edition":{"id":"1"}}"#;
        let (fast, slow) = both(text);
        assert!(fast.is_err());
        let read = read_text::<Vec<Entry>>("t", text, Origin::Embedded("t")).unwrap();
        assert_eq!(read.catalog(), slow.unwrap());
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
            let fast = scan_in_chunks(text.as_bytes(), &mut |n| seen.push(n), chunk).unwrap();
            assert_eq!(fast, slow, "chunk {chunk}");
            assert_eq!(seen.last(), Some(&(text.len() as u64)));
        }
        // Invalid UTF-8 is left to the validating loader, which locates it.
        let mut bad = text.clone().into_bytes();
        let at = text.find("錯").unwrap();
        bad[at + 1] = b'x';
        assert!(scan_in_chunks(&bad[..], &mut |_| {}, 7).is_err());
        bad.truncate(at + 1);
        assert!(scan_in_chunks(&bad[..], &mut |_| {}, 7).is_err());
    }
}
