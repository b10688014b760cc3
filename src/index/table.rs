//! A catalog as the index keeps it: the header (vendor, edition, envelope) as parsed, and the
//! rows packed into a few large text buffers instead of a `Vec<Entry>` of small strings.
//!
//! A million rows as `Entry` values cost about 450 bytes each in structs and allocations, before
//! any search column; packed, a row is its text plus 28 bytes and 4 bytes per field. The packing
//! is also the search column: each row's text is laid out as the haystacks the matcher reads
//! (ASCII fields joined by spaces, then the non-ASCII fields joined by spaces), so search reads
//! the row's text where it lies and field values are slices of the same text. [`Entry`] values
//! are made on demand, for the rows that are shown or printed.
//!
//! The buffers are plain bytes (row metadata little-endian), so a table is the same in memory
//! and written out: build.rs packs the shipped catalogs with [`TableBuilder`] and writes each
//! table's [`Parts`] into the binary, and [`Table::from_parts`] uses them where they lie.

use super::codes::CodeIndex;
use super::message_table::{MessageParts, TableMessages};
use super::words::{WordIndex, WordParts};
use crate::catalog::{
    Catalog, Edition, Entry, EntryFields, Envelope, Kind, Origin, Retry, Rows, TextRef, TooLarge,
    Vendor,
};
use crate::fold::fold;
use std::borrow::Cow;
use std::fmt;
use std::sync::OnceLock;

/// A field of a row, in the order the search haystack lists them. `Vendor` is the vendor id,
/// repeated in each row's haystack so a query can name the vendor; it is not an entry field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum Field {
    Code = 0,
    Vendor = 1,
    Symbol = 2,
    Alias = 3,
    Category = 4,
    Subcategory = 5,
    Message = 6,
    Summary = 7,
    Description = 8,
    Fix = 9,
    /// The vendor and the code of one of `maps_to`, two pieces.
    MapsVendor = 10,
    MapsCode = 11,
    /// One of the entry's search `keywords`.
    Keyword = 12,
}

impl Field {
    const ALL: [Field; 13] = [
        Field::Code,
        Field::Vendor,
        Field::Symbol,
        Field::Alias,
        Field::Category,
        Field::Subcategory,
        Field::Message,
        Field::Summary,
        Field::Description,
        Field::Fix,
        Field::MapsVendor,
        Field::MapsCode,
        Field::Keyword,
    ];

    /// The field whose `as u8` is `bits` (`Code` for a value no field has).
    pub fn from_bits(bits: u8) -> Field {
        Field::ALL
            .get(bits as usize)
            .copied()
            .unwrap_or(Field::Code)
    }
}

// Row flags.
const HAS_STATUS: u16 = 1;
const DESCRIPTION_LIST: u16 = 2;
const FIX_LIST: u16 = 4;
/// Folding left the non-ASCII text as it was: the haystack is the text itself.
const FOLD_SAME: u16 = 8;
/// The non-ASCII haystack holds only CJK-range characters and spaces, which no ASCII letter,
/// digit or sign matches (even after case folding and normalisation): ASCII search words can
/// skip it.
const UNICODE_CJK: u16 = 16;
/// The row has non-ASCII text.
const HAS_UNICODE: u16 = 32;
/// The code is non-ASCII (so it starts the non-ASCII text).
const CODE_UNICODE: u16 = 64;
const OBSOLETE: u16 = 128;
/// [`Kind::to_bits`] and [`Retry::to_bits`] live in the top bits.
const KIND_SHIFT: u16 = 8;
const KIND_MASK: u16 = 0x1f;
const RETRY_SHIFT: u16 = 13;
const RETRY_MASK: u16 = 0x7;

/// Row text is kept in chunks of about this size; a row never spans two, so a row's place is
/// a chunk and an offset below this in one `u32` (see [`RowMeta::text`]).
const CHUNK_BITS: u32 = 22;
const CHUNK: usize = 1 << CHUNK_BITS;
const MAX_CHUNKS: usize = 1 << (32 - CHUNK_BITS);

/// One row: where its text, folded text and pieces start, and what does not fit in a piece.
/// Kept as [`ROW_BYTES`] little-endian bytes (see [`RowMeta::to_bytes`]).
#[derive(Debug, Clone, Copy)]
struct RowMeta {
    /// Chunk (high bits) and offset in it (low [`CHUNK_BITS`]) of the row's text; it ends where
    /// the next row of the chunk starts, or at the chunk's end.
    text: u32,
    /// Bytes of the ASCII haystack at the start of the row; the non-ASCII one follows.
    ascii_len: u32,
    /// The folded non-ASCII haystack in `folded` (unless `FOLD_SAME`).
    folded: u32,
    folded_len: u32,
    /// First piece in `pieces`; they end where the next row's start.
    pieces: u32,
    /// Bytes of the code (the first piece), so a look at the code reads nothing else.
    code_len: u32,
    status: u16,
    flags: u16,
}

/// Bytes of a [`RowMeta`]: six `u32`s and two `u16`s.
const ROW_BYTES: usize = 28;
/// Bytes of a piece (a `u32`).
const PIECE_BYTES: usize = 4;

fn u32_at(b: &[u8], at: usize) -> u32 {
    u32::from_le_bytes([b[at], b[at + 1], b[at + 2], b[at + 3]])
}

impl RowMeta {
    fn to_bytes(self) -> [u8; ROW_BYTES] {
        let mut b = [0; ROW_BYTES];
        let words = [
            self.text,
            self.ascii_len,
            self.folded,
            self.folded_len,
            self.pieces,
            self.code_len,
        ];
        for (k, w) in words.into_iter().enumerate() {
            b[k * 4..k * 4 + 4].copy_from_slice(&w.to_le_bytes());
        }
        b[24..26].copy_from_slice(&self.status.to_le_bytes());
        b[26..28].copy_from_slice(&self.flags.to_le_bytes());
        b
    }

    /// Row `i` of the row bytes `rows`.
    fn at(rows: &[u8], i: usize) -> RowMeta {
        let b: &[u8; ROW_BYTES] = rows[i * ROW_BYTES..(i + 1) * ROW_BYTES]
            .try_into()
            .expect("a row is ROW_BYTES long");
        RowMeta {
            text: u32_at(b, 0),
            ascii_len: u32_at(b, 4),
            folded: u32_at(b, 8),
            folded_len: u32_at(b, 12),
            pieces: u32_at(b, 16),
            code_len: u32_at(b, 20),
            status: u16::from_le_bytes([b[24], b[25]]),
            flags: u16::from_le_bytes([b[26], b[27]]),
        }
    }

    /// Row `i`, if there is one.
    fn get(rows: &[u8], i: usize) -> Option<RowMeta> {
        (i < rows.len() / ROW_BYTES).then(|| RowMeta::at(rows, i))
    }

    fn chunk(&self) -> usize {
        (self.text >> CHUNK_BITS) as usize
    }

    fn offset(&self) -> usize {
        (self.text & (CHUNK as u32 - 1)) as usize
    }
}

/// A piece is one field value (or one item of a list) in the row text: its length, its field,
/// and which haystack (ASCII or not) it went into, in the order they were added.
const PIECE_LEN_BITS: u32 = 27;
const PIECE_MAX: usize = (1 << PIECE_LEN_BITS) - 1;

fn piece(len: usize, field: Field, unicode: bool) -> u32 {
    len as u32 | (field as u32) << PIECE_LEN_BITS | (unicode as u32) << 31
}

fn piece_parts(p: u32) -> (usize, Field, bool) {
    (
        (p as usize) & PIECE_MAX,
        Field::ALL[((p >> PIECE_LEN_BITS) & 15) as usize],
        p >> 31 == 1,
    )
}

/// The text a row is found by: the ASCII part, and what there is to know about the folded
/// non-ASCII part ([`Table::unicode`]) without reading it.
#[derive(Debug, Clone, Copy)]
pub struct Haystack<'a> {
    pub ascii: &'a [u8],
    /// There is non-ASCII text.
    pub has_unicode: bool,
    /// The non-ASCII text has only CJK-range characters and spaces (see `UNICODE_CJK`).
    pub unicode_cjk: bool,
}

/// A catalog with its rows packed (see the module documentation): the buffers are the
/// builder's, or the binary's own for the shipped catalogs.
pub struct Table {
    /// Everything but the entries (`header.entries` is empty).
    pub header: Catalog,
    pub origin: Origin,
    /// Some row has a symbol or an alias (so a look at names can be skipped when none has).
    has_names: bool,
    chunks: Vec<Cow<'static, str>>,
    folded: Cow<'static, str>,
    /// [`ROW_BYTES`] a row.
    rows: Cow<'static, [u8]>,
    /// [`PIECE_BYTES`] a piece, little-endian.
    pieces: Cow<'static, [u8]>,
    /// The rows by code, built on first use (the shipped tables come with theirs).
    codes: OnceLock<CodeIndex>,
    /// The rows by name (symbol or alias), the same way.
    names: OnceLock<CodeIndex>,
    /// The rows' words (see [`Table::words`]), made on first use (the shipped tables come with
    /// theirs).
    words: OnceLock<WordIndex>,
    /// The rows' message tokens (see [`Table::messages`]), the same way.
    messages: OnceLock<TableMessages>,
}

/// A table's packed buffers, borrowed: what build.rs writes into the binary for each shipped
/// catalog, and what [`Table::from_parts`] takes back without copying.
#[derive(Debug, Clone)]
pub struct Parts<'a> {
    pub has_names: bool,
    pub chunks: Vec<&'a str>,
    pub folded: &'a str,
    pub rows: &'a [u8],
    pub pieces: &'a [u8],
    /// The code index: its bucket starts and its rows.
    pub code_starts: &'a [u8],
    pub code_rows: &'a [u8],
    /// The name index, the same way.
    pub name_starts: &'a [u8],
    pub name_rows: &'a [u8],
    pub words: WordParts<'a>,
    pub messages: MessageParts<'a>,
}

impl fmt::Debug for Table {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Table")
            .field("vendor", &self.header.vendor.id)
            .field("edition", &self.header.edition.id)
            .field("origin", &self.origin)
            .field("rows", &self.len())
            .finish()
    }
}

impl Table {
    /// Packs a parsed catalog.
    pub fn from_catalog(mut catalog: Catalog, origin: Origin) -> Result<Table, TooLarge> {
        let entries = std::mem::take(&mut catalog.entries);
        let mut b = TableBuilder::for_vendor(&catalog.vendor.id);
        for e in &entries {
            b.push(&EntryFields::of(e))?;
        }
        Ok(b.finish(catalog, origin))
    }

    pub fn vendor(&self) -> &Vendor {
        &self.header.vendor
    }

    /// Which rows hold each word, made from the rows on first use.
    pub fn words(&self) -> &WordIndex {
        self.words.get_or_init(|| WordIndex::build(self))
    }

    /// The rows' message tokens, as the decoder compares them, made from the rows on first use.
    pub fn messages(&self) -> &TableMessages {
        self.messages.get_or_init(|| TableMessages::build(self))
    }

    pub fn edition(&self) -> &Edition {
        &self.header.edition
    }

    pub fn envelope(&self) -> Option<&Envelope> {
        self.header.envelope.as_ref()
    }

    /// A table of the buffers `parts` (a table's own, from [`Table::parts`]), used where they
    /// lie: the shipped catalogs are tables of the binary's bytes, built when errdex was.
    pub fn from_parts(mut header: Catalog, origin: Origin, parts: Parts<'static>) -> Table {
        header.entries = Vec::new();
        Table {
            header,
            origin,
            has_names: parts.has_names,
            chunks: parts.chunks.into_iter().map(Cow::Borrowed).collect(),
            folded: Cow::Borrowed(parts.folded),
            rows: Cow::Borrowed(parts.rows),
            pieces: Cow::Borrowed(parts.pieces),
            codes: OnceLock::from(CodeIndex::from_parts(parts.code_starts, parts.code_rows)),
            names: OnceLock::from(CodeIndex::from_parts(parts.name_starts, parts.name_rows)),
            words: OnceLock::from(WordIndex::from_parts(parts.words)),
            messages: OnceLock::from(TableMessages::from_parts(parts.messages)),
        }
    }

    /// The packed buffers (the code, name and word indexes built if they were not), for
    /// build.rs to write into the binary.
    pub fn parts(&self) -> Parts<'_> {
        let (code_starts, code_rows) = self.code_index().parts();
        let (name_starts, name_rows) = self.name_index().parts();
        Parts {
            has_names: self.has_names,
            chunks: self.chunks.iter().map(|c| c.as_ref()).collect(),
            folded: &self.folded,
            rows: &self.rows,
            pieces: &self.pieces,
            code_starts,
            code_rows,
            name_starts,
            name_rows,
            words: self.words().parts(),
            messages: self.messages().parts(),
        }
    }

    fn code_index(&self) -> &CodeIndex {
        self.codes
            .get_or_init(|| CodeIndex::new(self.len(), |i| self.code(i)))
    }

    /// The rows whose code is `code` (case-insensitive), in order.
    pub fn rows_with_code(&self, code: &str) -> Vec<usize> {
        self.code_index().find(code, |i| self.code(i))
    }

    fn name_index(&self) -> &CodeIndex {
        self.names.get_or_init(|| {
            // A table without names needs no buckets.
            let rows = if self.has_names { self.len() } else { 0 };
            CodeIndex::of_names(rows, |i| self.names(i))
        })
    }

    /// The rows whose code has the name `name` (its symbol or an alias), compared without case
    /// or `_`, in order.
    pub fn rows_with_name(&self, name: &str) -> Vec<usize> {
        if !self.has_names {
            return Vec::new();
        }
        self.name_index().find_name(name, |i| self.names(i))
    }

    pub fn len(&self) -> usize {
        self.rows.len() / ROW_BYTES
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    fn row(&self, i: usize) -> RowMeta {
        RowMeta::at(&self.rows, i)
    }

    /// The whole text of row `i`.
    fn row_text(&self, i: usize) -> &str {
        let r = self.row(i);
        let chunk = &self.chunks[r.chunk()];
        let end = match RowMeta::get(&self.rows, i + 1) {
            Some(next) if next.chunk() == r.chunk() => next.offset(),
            _ => chunk.len(),
        };
        &chunk[r.offset()..end]
    }

    fn pieces_of(&self, i: usize) -> impl Iterator<Item = u32> + use<'_> {
        let start = self.row(i).pieces as usize;
        let end = RowMeta::get(&self.rows, i + 1)
            .map_or(self.pieces.len() / PIECE_BYTES, |r| r.pieces as usize);
        self.pieces[start * PIECE_BYTES..end * PIECE_BYTES]
            .chunks_exact(PIECE_BYTES)
            .map(|b| u32_at(b, 0))
    }

    /// Each field value (or list item) of row `i` with its field, in haystack order.
    pub fn pieces(&self, i: usize) -> impl Iterator<Item = (Field, &str)> {
        self.each_piece(i)
    }

    /// Each piece of row `i` with its text, in haystack order.
    fn each_piece(&self, i: usize) -> impl Iterator<Item = (Field, &str)> {
        let text = self.row_text(i);
        let unicode_start = self.row(i).ascii_len as usize;
        let (mut ascii, mut unicode) = (0, unicode_start);
        self.pieces_of(i).map(move |p| {
            let (len, field, is_unicode) = piece_parts(p);
            let (cursor, half) = if is_unicode {
                (&mut unicode, unicode_start)
            } else {
                (&mut ascii, 0)
            };
            // The haystack joins values with a space, as `TableBuilder::push` wrote them.
            if *cursor > half {
                *cursor += 1;
            }
            let s = &text[*cursor..*cursor + len];
            *cursor += len;
            (field, s)
        })
    }

    /// The code of row `i`: always the first piece, so the start of its haystack.
    pub fn code(&self, i: usize) -> &str {
        let r = self.row(i);
        let start = r.offset()
            + if r.flags & CODE_UNICODE != 0 {
                r.ascii_len as usize
            } else {
                0
            };
        &self.chunks[r.chunk()][start..start + r.code_len as usize]
    }

    pub fn http_status(&self, i: usize) -> Option<u16> {
        let r = self.row(i);
        (r.flags & HAS_STATUS != 0).then_some(r.status)
    }

    pub fn kind(&self, i: usize) -> Option<Kind> {
        Kind::from_bits(self.row(i).flags >> KIND_SHIFT & KIND_MASK)
    }

    pub fn retry(&self, i: usize) -> Option<Retry> {
        Retry::from_bits(self.row(i).flags >> RETRY_SHIFT & RETRY_MASK)
    }

    /// A one-string field of row `i` (`Code`, `Category`, `Subcategory`, `Message`, `Summary`);
    /// for `Description` and `Fix`, their first item.
    pub fn field(&self, i: usize, field: Field) -> Option<&str> {
        self.each_piece(i)
            .find(|&(f, _)| f == field)
            .map(|(_, s)| s)
    }

    /// Whether any row has a symbol or an alias.
    pub fn has_names(&self) -> bool {
        self.has_names
    }

    /// The names of row `i`'s code: its symbol, then its aliases.
    pub fn names(&self, i: usize) -> impl Iterator<Item = &str> {
        self.each_piece(i)
            .filter(|(f, _)| matches!(f, Field::Symbol | Field::Alias))
            .map(|(_, s)| s)
    }

    /// The haystacks of row `i`. Reads the row's entry in the row table only, so that search
    /// touches nothing else of a row it rejects on its ASCII text.
    pub fn haystack(&self, i: usize) -> Haystack<'_> {
        let r = self.row(i);
        let start = r.offset();
        Haystack {
            ascii: &self.chunks[r.chunk()].as_bytes()[start..start + r.ascii_len as usize],
            has_unicode: r.flags & HAS_UNICODE != 0,
            unicode_cjk: r.flags & UNICODE_CJK != 0,
        }
    }

    /// The folded non-ASCII haystack of row `i` (T→S, full-width forms as ASCII).
    pub fn unicode(&self, i: usize) -> &str {
        let r = self.row(i);
        if r.flags & FOLD_SAME != 0 {
            &self.row_text(i)[r.ascii_len as usize..]
        } else {
            &self.folded[r.folded as usize..(r.folded + r.folded_len) as usize]
        }
    }

    /// Row `i` as an [`Entry`].
    pub fn entry(&self, i: usize) -> Entry {
        self.fields(i).to_entry()
    }

    /// Whether the source marks row `i` obsolete or unused.
    pub fn is_obsolete(&self, i: usize) -> bool {
        self.row(i).flags & OBSOLETE != 0
    }

    /// The fields of row `i`, borrowed from the table: an entry without unpacking it.
    pub fn fields(&self, i: usize) -> EntryFields<'_> {
        let flags = self.row(i).flags;
        let mut e = EntryFields {
            http_status: self.http_status(i),
            kind: self.kind(i),
            retry: self.retry(i),
            obsolete: flags & OBSOLETE != 0,
            description: (flags & DESCRIPTION_LIST != 0).then(|| TextRef::List(Vec::new())),
            fix: (flags & FIX_LIST != 0).then(|| TextRef::List(Vec::new())),
            ..EntryFields::default()
        };
        for (field, s) in self.each_piece(i) {
            match field {
                Field::Code => e.code = s,
                Field::Vendor => {}
                Field::Symbol => e.symbol = Some(s),
                Field::Alias => e.aliases.push(s),
                Field::MapsVendor => e.maps_to.push((s, "")),
                Field::MapsCode => {
                    if let Some(m) = e.maps_to.last_mut() {
                        m.1 = s;
                    }
                }
                Field::Category => e.category = Some(s),
                Field::Subcategory => e.subcategory = Some(s),
                Field::Message => e.message = Some(s),
                Field::Summary => e.summary_en = Some(s),
                Field::Keyword => e.keywords.push(s),
                Field::Description | Field::Fix => {
                    let slot = if field == Field::Description {
                        &mut e.description
                    } else {
                        &mut e.fix
                    };
                    match slot {
                        Some(TextRef::List(items)) => items.push(s),
                        _ => *slot = Some(TextRef::One(s)),
                    }
                }
            }
        }
        e
    }

    /// The whole catalog, unpacked.
    pub fn to_catalog(&self) -> Catalog {
        let mut c = self.header.clone();
        c.entries = (0..self.len()).map(|i| self.entry(i)).collect();
        c
    }
}

/// The bytes of a row's text: its values and a space between each two.
fn row_len(e: &EntryFields<'_>, vendor_id: &str) -> usize {
    let texts = [&e.description, &e.fix];
    let items = texts.iter().flat_map(|t| match t {
        None => Vec::new(),
        Some(TextRef::One(s)) => vec![s.len()],
        Some(TextRef::List(items)) => items.iter().map(|s| s.len()).collect(),
    });
    let fields = [e.symbol, e.category, e.subcategory, e.message, e.summary_en];
    let maps = e.maps_to.iter().flat_map(|(v, c)| [v.len(), c.len()]);
    let keywords = e.keywords.iter().map(|k| k.len());
    let lens = [e.code.len(), vendor_id.len()]
        .into_iter()
        .chain(fields.into_iter().flatten().map(str::len))
        .chain(e.aliases.iter().map(|a| a.len()))
        .chain(items)
        .chain(maps)
        .chain(keywords);
    lens.map(|n| n + 1).sum()
}

/// Packs rows one at a time (see [`Table`]); the loader pushes each entry as it reads it.
pub struct TableBuilder {
    vendor_id: String,
    /// Full chunks of row text, and the one being filled.
    chunks: Vec<String>,
    text: String,
    folded: String,
    /// As the table keeps them ([`ROW_BYTES`] a row, [`PIECE_BYTES`] a piece).
    rows: Vec<u8>,
    pieces: Vec<u8>,
    /// The non-ASCII haystack of the row being pushed.
    unicode: String,
    has_names: bool,
}

impl Rows for TableBuilder {
    fn for_vendor(vendor_id: &str) -> TableBuilder {
        TableBuilder {
            vendor_id: vendor_id.to_string(),
            chunks: Vec::new(),
            text: String::new(),
            folded: String::new(),
            rows: Vec::new(),
            pieces: Vec::new(),
            unicode: String::new(),
            has_names: false,
        }
    }

    /// Appends a row: each value goes to the ASCII or the non-ASCII haystack, joined by a space
    /// to what that one already holds.
    fn push(&mut self, e: &EntryFields<'_>) -> Result<(), TooLarge> {
        // A chunk is allocated once, at its full size, and never grows: a row that would not
        // fit starts the next one.
        let need = row_len(e, &self.vendor_id);
        if self.text.len() + need > self.text.capacity() {
            self.seal()?;
            self.text = String::with_capacity(need.max(CHUNK));
        }
        let start = self.text.len();
        let first_piece = self.pieces.len() / PIECE_BYTES;
        let folded_start = self.folded.len();
        self.unicode.clear();
        let mut flags =
            Kind::to_bits(e.kind) << KIND_SHIFT | Retry::to_bits(e.retry) << RETRY_SHIFT;
        if e.http_status.is_some() {
            flags |= HAS_STATUS;
        }
        if e.obsolete {
            flags |= OBSOLETE;
        }
        let add = |this: &mut TableBuilder, s: &str, field: Field| -> Result<(), TooLarge> {
            if s.len() > PIECE_MAX {
                return Err(TooLarge);
            }
            let unicode = !s.is_ascii();
            let target = if unicode {
                &mut this.unicode
            } else {
                &mut this.text
            };
            let half_start = if unicode { 0 } else { start };
            if target.len() > half_start {
                target.push(' ');
            }
            target.push_str(s);
            this.pieces
                .extend_from_slice(&piece(s.len(), field, unicode).to_le_bytes());
            Ok(())
        };
        let added = (|| -> Result<(), TooLarge> {
            add(self, e.code, Field::Code)?;
            let vendor = std::mem::take(&mut self.vendor_id);
            let added = add(self, &vendor, Field::Vendor);
            self.vendor_id = vendor;
            added?;
            if let Some(s) = e.symbol {
                add(self, s, Field::Symbol)?;
                self.has_names = true;
            }
            self.has_names |= !e.aliases.is_empty();
            for s in &e.aliases {
                add(self, s, Field::Alias)?;
            }
            for (field, value) in [
                (Field::Category, e.category),
                (Field::Subcategory, e.subcategory),
                (Field::Message, e.message),
                (Field::Summary, e.summary_en),
            ] {
                if let Some(s) = value {
                    add(self, s, field)?;
                }
            }
            for (field, value, list_flag) in [
                (Field::Description, &e.description, DESCRIPTION_LIST),
                (Field::Fix, &e.fix, FIX_LIST),
            ] {
                match value {
                    None => {}
                    Some(TextRef::One(s)) => add(self, s, field)?,
                    Some(TextRef::List(items)) => {
                        flags |= list_flag;
                        for s in items {
                            add(self, s, field)?;
                        }
                    }
                }
            }
            for (vendor, code) in &e.maps_to {
                add(self, vendor, Field::MapsVendor)?;
                add(self, code, Field::MapsCode)?;
            }
            for s in &e.keywords {
                add(self, s, Field::Keyword)?;
            }
            Ok(())
        })();
        let ascii_len = self.text.len() - start;
        self.text.push_str(&self.unicode);
        let folded = fold(&self.unicode);
        let mut folded_len = 0;
        if *folded == *self.unicode {
            flags |= FOLD_SAME;
        } else {
            folded_len = folded.len();
            self.folded.push_str(&folded);
        }
        if folded.chars().all(|c| c == ' ' || c >= '\u{2E80}') {
            flags |= UNICODE_CJK;
        }
        if !self.unicode.is_empty() {
            flags |= HAS_UNICODE;
        }
        if !e.code.is_ascii() {
            flags |= CODE_UNICODE;
        }
        if added.is_err()
            || self.text.len() > u32::MAX as usize
            || self.folded.len() > u32::MAX as usize
            || self.pieces.len() / PIECE_BYTES > u32::MAX as usize
        {
            self.text.truncate(start);
            self.folded.truncate(folded_start);
            self.pieces.truncate(first_piece * PIECE_BYTES);
            return Err(TooLarge);
        }
        let meta = RowMeta {
            text: (self.chunks.len() << CHUNK_BITS | start) as u32,
            ascii_len: ascii_len as u32,
            folded: folded_start as u32,
            folded_len: folded_len as u32,
            pieces: first_piece as u32,
            code_len: e.code.len() as u32,
            status: e.http_status.unwrap_or(0),
            flags,
        };
        self.rows.extend_from_slice(&meta.to_bytes());
        Ok(())
    }

    /// Moves `later`'s chunks after these (no text is copied) and its rows with them.
    fn append(&mut self, mut later: TableBuilder) -> Result<(), TooLarge> {
        self.seal()?;
        later.seal()?;
        let (chunks_at, folded_at, pieces_at) = (
            self.chunks.len(),
            self.folded.len(),
            self.pieces.len() / PIECE_BYTES,
        );
        if chunks_at + later.chunks.len() > MAX_CHUNKS
            || folded_at + later.folded.len() > u32::MAX as usize
            || pieces_at + later.pieces.len() / PIECE_BYTES > u32::MAX as usize
        {
            return Err(TooLarge);
        }
        // Each of `later`'s parts is freed as soon as it is copied, so they are not all held
        // twice at once.
        self.has_names |= later.has_names;
        self.chunks.append(&mut later.chunks);
        self.folded.push_str(&std::mem::take(&mut later.folded));
        self.pieces
            .extend_from_slice(&std::mem::take(&mut later.pieces));
        let rows = std::mem::take(&mut later.rows);
        for i in 0..rows.len() / ROW_BYTES {
            let r = RowMeta::at(&rows, i);
            let moved = RowMeta {
                text: r.text + ((chunks_at as u32) << CHUNK_BITS),
                folded: r.folded + folded_at as u32,
                pieces: r.pieces + pieces_at as u32,
                ..r
            };
            self.rows.extend_from_slice(&moved.to_bytes());
        }
        Ok(())
    }
}

impl TableBuilder {
    pub fn len(&self) -> usize {
        self.rows.len() / ROW_BYTES
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// Closes the chunk being filled; later rows go into a new one.
    fn seal(&mut self) -> Result<(), TooLarge> {
        if self.text.is_empty() {
            return Ok(());
        }
        if self.chunks.len() + 1 >= MAX_CHUNKS {
            return Err(TooLarge);
        }
        self.chunks.push(std::mem::take(&mut self.text));
        Ok(())
    }

    pub fn finish(mut self, mut header: Catalog, origin: Origin) -> Table {
        header.entries = Vec::new();
        if !self.text.is_empty() {
            self.text.shrink_to_fit();
            self.chunks.push(std::mem::take(&mut self.text));
        }
        self.folded.shrink_to_fit();
        self.rows.shrink_to_fit();
        self.pieces.shrink_to_fit();
        Table {
            header,
            origin,
            has_names: self.has_names,
            chunks: self.chunks.into_iter().map(Cow::Owned).collect(),
            folded: Cow::Owned(self.folded),
            rows: Cow::Owned(self.rows),
            pieces: Cow::Owned(self.pieces),
            codes: OnceLock::new(),
            names: OnceLock::new(),
            words: OnceLock::new(),
            messages: OnceLock::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::{Rows, Text};

    fn catalog(entries: Vec<Entry>) -> Catalog {
        serde_json::from_str::<Catalog>(
            r#"{"schema":1,"vendor":{"id":"pixnet","name":"PIXNET"},"edition":{"id":"1"},"entries":[]}"#,
        )
        .map(|mut c| {
            c.entries = entries;
            c
        })
        .unwrap()
    }

    fn entry(code: &str) -> Entry {
        Entry {
            code: code.into(),
            http_status: None,
            category: None,
            subcategory: None,
            message: None,
            description: None,
            fix: None,
            summary_en: None,
            ..Entry::default()
        }
    }

    #[test]
    fn rows_unpack_to_the_entries_they_were_made_of() {
        let entries = vec![
            Entry {
                http_status: Some(401),
                category: Some("認證錯誤".into()),
                subcategory: Some(String::new()),
                message: Some("Invalid / expired Token".into()),
                description: Some(Text::One("Token 過期，請重新要求新的 Token".into())),
                fix: Some(Text::List(vec![
                    "re-issue".into(),
                    "重新申請".into(),
                    "".into(),
                ])),
                summary_en: Some("The token expired.".into()),
                ..entry("1000")
            },
            entry("錯誤"),
            Entry {
                description: Some(Text::List(vec![])),
                fix: Some(Text::List(vec!["one".into()])),
                ..entry("x")
            },
        ];
        let t = Table::from_catalog(catalog(entries.clone()), Origin::Embedded("t")).unwrap();
        assert_eq!(t.len(), 3);
        for (i, e) in entries.iter().enumerate() {
            assert_eq!(&t.entry(i), e);
            assert_eq!(t.code(i), e.code);
        }
        assert_eq!(t.to_catalog().entries, entries);
        assert_eq!(t.field(0, Field::Message), Some("Invalid / expired Token"));
        assert_eq!(t.field(0, Field::Subcategory), Some(""));
        assert_eq!(t.field(1, Field::Message), None);
        assert_eq!(t.http_status(0), Some(401));
        assert_eq!(t.http_status(1), None);
    }

    #[test]
    fn rows_in_many_chunks_and_appended_make_the_same_table() {
        // Rows long enough that the text takes several chunks.
        let long = "x".repeat(CHUNK / 5);
        let entries: Vec<Entry> = (0..50)
            .map(|i| Entry {
                message: Some(format!("message {i}")),
                description: (i % 3 == 0).then(|| Text::One(format!("說明 {i}"))),
                summary_en: (i % 4 == 0).then(|| long.clone()),
                ..entry(&format!("C{i}"))
            })
            .collect();
        let whole = Table::from_catalog(catalog(entries.clone()), Origin::Embedded("t")).unwrap();
        assert!(whole.chunks.len() > 2);
        // The first 20 rows in one builder, the other 30 in another, appended.
        let mut first = TableBuilder::for_vendor("pixnet");
        let mut later = TableBuilder::for_vendor("pixnet");
        for (i, e) in entries.iter().enumerate() {
            let b = if i < 20 { &mut first } else { &mut later };
            b.push(&EntryFields::of(e)).unwrap();
        }
        first.append(later).unwrap();
        let joined = first.finish(catalog(Vec::new()), Origin::Embedded("t"));
        assert_eq!(joined.to_catalog(), whole.to_catalog());
        for (i, e) in entries.iter().enumerate() {
            assert_eq!(joined.haystack(i).ascii, whole.haystack(i).ascii);
            assert_eq!(joined.unicode(i), whole.unicode(i));
            assert_eq!(joined.code(i), e.code);
        }
    }

    #[test]
    fn a_table_of_its_own_parts_is_the_same_table() {
        let entries: Vec<Entry> = (0..40)
            .map(|i| Entry {
                symbol: (i % 2 == 0).then(|| format!("E_{i}")),
                message: Some(format!("message {i}")),
                description: (i % 3 == 0).then(|| Text::One(format!("說明 {i}"))),
                fix: (i % 5 == 0).then(|| Text::List(vec!["重試".into(), "wait".into()])),
                http_status: (i % 4 == 0).then_some(400 + i),
                ..entry(&format!("C{i}"))
            })
            .collect();
        let made = Table::from_catalog(catalog(entries), Origin::Embedded("t")).unwrap();
        let parts = made.parts();
        // As build.rs writes them: bytes that outlive the table they were read from.
        let keep = |b: &[u8]| -> &'static [u8] { Box::leak(b.to_vec().into_boxed_slice()) };
        let keep_str = |s: &str| -> &'static str { Box::leak(s.to_string().into_boxed_str()) };
        let parts = Parts {
            has_names: parts.has_names,
            chunks: parts.chunks.iter().map(|c| keep_str(c)).collect(),
            folded: keep_str(parts.folded),
            rows: keep(parts.rows),
            pieces: keep(parts.pieces),
            code_starts: keep(parts.code_starts),
            code_rows: keep(parts.code_rows),
            name_starts: keep(parts.name_starts),
            name_rows: keep(parts.name_rows),
            words: WordParts {
                words: keep_str(parts.words.words),
                data: keep(parts.words.data),
            },
            messages: MessageParts {
                tokens: Box::leak(parts.messages.tokens.into()),
                toks: keep(parts.messages.toks),
                offsets: Box::leak(parts.messages.offsets.into()),
                distinct: Box::leak(parts.messages.distinct.into()),
                rows: keep(parts.messages.rows),
                starts: Box::leak(parts.messages.starts.into()),
            },
        };
        let read = Table::from_parts(catalog(Vec::new()), Origin::Embedded("t"), parts);
        assert_eq!(read.len(), made.len());
        assert_eq!(read.to_catalog(), made.to_catalog());
        assert!(read.has_names());
        for i in 0..made.len() {
            assert_eq!(read.haystack(i).ascii, made.haystack(i).ascii);
            assert_eq!(read.unicode(i), made.unicode(i));
            assert_eq!(read.http_status(i), made.http_status(i));
            assert_eq!(read.rows_with_code(made.code(i)), vec![i]);
            assert_eq!(read.messages().row_tokens(i), made.messages().row_tokens(i));
            for name in made.names(i) {
                assert!(read.rows_with_name(name).contains(&i), "{name}");
            }
        }
        let (read_words, made_words) = (read.words(), made.words());
        assert_eq!(
            read_words.all().collect::<Vec<_>>(),
            made_words.all().collect::<Vec<_>>()
        );
        for (id, _) in made_words.all() {
            assert!(read_words.postings(id).eq(made_words.postings(id)));
        }
    }

    #[test]
    fn haystacks_are_the_joined_fields_ascii_apart_and_folded() {
        let e = Entry {
            category: Some("認證錯誤".into()),
            message: Some("Invalid Token".into()),
            description: Some(Text::One("Token 過期".into())),
            summary_en: Some("expired".into()),
            ..entry("1000")
        };
        let t = Table::from_catalog(catalog(vec![e, entry("1")]), Origin::Embedded("t")).unwrap();
        let h = t.haystack(0);
        assert_eq!(h.ascii, b"1000 pixnet Invalid Token expired");
        assert_eq!(t.unicode(0), "认证错误 Token 过期");
        assert!(h.has_unicode && !h.unicode_cjk);
        let h = t.haystack(1);
        assert_eq!(
            (h.ascii, h.has_unicode, h.unicode_cjk),
            (&b"1 pixnet"[..], false, true)
        );
        assert_eq!(t.unicode(1), "");
    }

    #[test]
    fn cjk_only_text_is_marked_for_ascii_words_to_skip() {
        let e = Entry {
            description: Some(Text::List(vec!["錯誤".into(), "失敗".into()])),
            ..entry("1")
        };
        let t = Table::from_catalog(catalog(vec![e]), Origin::Embedded("t")).unwrap();
        assert_eq!(t.unicode(0), "错误 失败");
        assert!(t.haystack(0).unicode_cjk);
    }
}
