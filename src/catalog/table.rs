//! A catalog as the index keeps it: the header (vendor, edition, envelope) as parsed, and the
//! rows packed into one text buffer instead of a `Vec<Entry>` of small strings.
//!
//! A million rows as `Entry` values cost about 450 bytes each in structs and allocations, before
//! any search column; packed, a row is its text plus 24 bytes and 4 bytes per field. The packing
//! is also the search column: each row's text is laid out as the haystacks the matcher reads
//! (ASCII fields joined by spaces, then the non-ASCII fields joined by spaces), so search reads
//! the row's text where it lies and field values are slices of the same text. [`Entry`] values
//! are made on demand, for the rows that are shown or printed.

use super::load::Origin;
use super::model::{Catalog, Edition, Entry, Envelope, Text, Vendor};
use crate::fold::fold;
use std::fmt;

/// A field of a row, in the order the search haystack lists them. `Vendor` is the vendor id,
/// repeated in each row's haystack so a query can name the vendor; it is not an entry field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum Field {
    Code = 0,
    Vendor = 1,
    Category = 2,
    Subcategory = 3,
    Message = 4,
    Summary = 5,
    Description = 6,
    Fix = 7,
}

impl Field {
    const ALL: [Field; 8] = [
        Field::Code,
        Field::Vendor,
        Field::Category,
        Field::Subcategory,
        Field::Message,
        Field::Summary,
        Field::Description,
        Field::Fix,
    ];
}

/// The fields of one entry, borrowed: what the loader hands to [`TableBuilder::push`].
#[derive(Debug, Clone, Default)]
pub struct EntryFields<'a> {
    pub code: &'a str,
    pub http_status: Option<u16>,
    pub category: Option<&'a str>,
    pub subcategory: Option<&'a str>,
    pub message: Option<&'a str>,
    pub description: Option<TextRef<'a>>,
    pub fix: Option<TextRef<'a>>,
    pub summary_en: Option<&'a str>,
}

/// [`Text`], borrowed.
#[derive(Debug, Clone)]
pub enum TextRef<'a> {
    One(&'a str),
    List(Vec<&'a str>),
}

impl<'a> EntryFields<'a> {
    pub fn of(e: &'a Entry) -> EntryFields<'a> {
        let text = |t: &'a Text| match t {
            Text::One(s) => TextRef::One(s),
            Text::List(items) => TextRef::List(items.iter().map(String::as_str).collect()),
        };
        EntryFields {
            code: &e.code,
            http_status: e.http_status,
            category: e.category.as_deref(),
            subcategory: e.subcategory.as_deref(),
            message: e.message.as_deref(),
            description: e.description.as_ref().map(text),
            fix: e.fix.as_ref().map(text),
            summary_en: e.summary_en.as_deref(),
        }
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
const WIDE_CJK: u16 = 16;
/// The row has non-ASCII text.
const HAS_WIDE: u16 = 32;
/// The code is non-ASCII (so it starts the non-ASCII text).
const CODE_WIDE: u16 = 64;

/// One row: where its text, folded text and pieces start, and what does not fit in a piece.
#[derive(Debug, Clone, Copy)]
struct RowMeta {
    /// Start of the row in `text`; it ends where the next row starts.
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

/// A piece is one field value (or one item of a list) in the row text: its length, its field,
/// and which haystack (ASCII or not) it went into, in the order they were added.
const PIECE_LEN_BITS: u32 = 28;
const PIECE_MAX: usize = (1 << PIECE_LEN_BITS) - 1;

fn piece(len: usize, field: Field, wide: bool) -> u32 {
    len as u32 | (field as u32) << PIECE_LEN_BITS | (wide as u32) << 31
}

fn piece_parts(p: u32) -> (usize, Field, bool) {
    (
        (p as usize) & PIECE_MAX,
        Field::ALL[((p >> PIECE_LEN_BITS) & 7) as usize],
        p >> 31 == 1,
    )
}

/// The text a row is found by: the ASCII part, and what there is to know about the folded
/// non-ASCII part ([`Table::wide`]) without reading it.
#[derive(Debug, Clone, Copy)]
pub struct Haystack<'a> {
    pub ascii: &'a [u8],
    /// There is non-ASCII text.
    pub has_wide: bool,
    /// The non-ASCII text has only CJK-range characters and spaces (see `WIDE_CJK`).
    pub wide_cjk: bool,
}

/// A catalog with its rows packed (see the module documentation).
pub struct Table {
    /// Everything but the entries (`header.entries` is empty).
    pub header: Catalog,
    pub origin: Origin,
    text: String,
    folded: String,
    rows: Vec<RowMeta>,
    pieces: Vec<u32>,
}

impl fmt::Debug for Table {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Table")
            .field("vendor", &self.header.vendor.id)
            .field("edition", &self.header.edition.id)
            .field("origin", &self.origin)
            .field("rows", &self.rows.len())
            .finish()
    }
}

/// A table would not fit the packed form (over 4 GiB of text, or a field over 256 MiB).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TooLarge;

impl fmt::Display for TooLarge {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the catalog is too large (over 4 GiB of text, or a field over 256 MiB)")
    }
}

impl Table {
    /// Packs a parsed catalog.
    pub fn from_catalog(mut catalog: Catalog, origin: Origin) -> Result<Table, TooLarge> {
        let entries = std::mem::take(&mut catalog.entries);
        let mut b = TableBuilder::new(&catalog.vendor.id);
        for e in &entries {
            b.push(&EntryFields::of(e))?;
        }
        Ok(b.finish(catalog, origin))
    }

    pub fn vendor(&self) -> &Vendor {
        &self.header.vendor
    }

    pub fn edition(&self) -> &Edition {
        &self.header.edition
    }

    pub fn envelope(&self) -> Option<&Envelope> {
        self.header.envelope.as_ref()
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    fn text_range(&self, i: usize) -> (usize, usize) {
        let start = self.rows[i].text as usize;
        let end = self
            .rows
            .get(i + 1)
            .map_or(self.text.len(), |r| r.text as usize);
        (start, end)
    }

    fn pieces_of(&self, i: usize) -> &[u32] {
        let start = self.rows[i].pieces as usize;
        let end = self
            .rows
            .get(i + 1)
            .map_or(self.pieces.len(), |r| r.pieces as usize);
        &self.pieces[start..end]
    }

    /// Each piece of row `i` with its text, in haystack order.
    fn each_piece(&self, i: usize) -> impl Iterator<Item = (Field, &str)> {
        let (start, _) = self.text_range(i);
        let wide_start = start + self.rows[i].ascii_len as usize;
        let (mut ascii, mut wide) = (start, wide_start);
        self.pieces_of(i).iter().map(move |&p| {
            let (len, field, is_wide) = piece_parts(p);
            let (cursor, half) = if is_wide {
                (&mut wide, wide_start)
            } else {
                (&mut ascii, start)
            };
            // The haystack joins values with a space, as `TableBuilder::push` wrote them.
            if *cursor > half {
                *cursor += 1;
            }
            let s = &self.text[*cursor..*cursor + len];
            *cursor += len;
            (field, s)
        })
    }

    /// The code of row `i`: always the first piece, so the start of its haystack.
    pub fn code(&self, i: usize) -> &str {
        let r = &self.rows[i];
        let start = r.text as usize
            + if r.flags & CODE_WIDE != 0 {
                r.ascii_len as usize
            } else {
                0
            };
        &self.text[start..start + r.code_len as usize]
    }

    pub fn http_status(&self, i: usize) -> Option<u16> {
        let r = &self.rows[i];
        (r.flags & HAS_STATUS != 0).then_some(r.status)
    }

    /// A one-string field of row `i` (`Code`, `Category`, `Subcategory`, `Message`, `Summary`);
    /// for `Description` and `Fix`, their first item.
    pub fn field(&self, i: usize, field: Field) -> Option<&str> {
        self.each_piece(i)
            .find(|&(f, _)| f == field)
            .map(|(_, s)| s)
    }

    /// The haystacks of row `i`. Reads the row's entry in the row table only, so that search
    /// touches nothing else of a row it rejects on its ASCII text.
    pub fn haystack(&self, i: usize) -> Haystack<'_> {
        let r = &self.rows[i];
        let start = r.text as usize;
        Haystack {
            ascii: &self.text.as_bytes()[start..start + r.ascii_len as usize],
            has_wide: r.flags & HAS_WIDE != 0,
            wide_cjk: r.flags & WIDE_CJK != 0,
        }
    }

    /// The folded non-ASCII haystack of row `i` (T→S, full-width forms as ASCII).
    pub fn wide(&self, i: usize) -> &str {
        let r = &self.rows[i];
        if r.flags & FOLD_SAME != 0 {
            let (start, end) = self.text_range(i);
            &self.text[start + r.ascii_len as usize..end]
        } else {
            &self.folded[r.folded as usize..(r.folded + r.folded_len) as usize]
        }
    }

    /// Row `i` as an [`Entry`].
    pub fn entry(&self, i: usize) -> Entry {
        let flags = self.rows[i].flags;
        let mut e = Entry {
            code: String::new(),
            http_status: self.http_status(i),
            category: None,
            subcategory: None,
            message: None,
            description: (flags & DESCRIPTION_LIST != 0).then(|| Text::List(Vec::new())),
            fix: (flags & FIX_LIST != 0).then(|| Text::List(Vec::new())),
            summary_en: None,
        };
        for (field, s) in self.each_piece(i) {
            let s = s.to_string();
            match field {
                Field::Code => e.code = s,
                Field::Vendor => {}
                Field::Category => e.category = Some(s),
                Field::Subcategory => e.subcategory = Some(s),
                Field::Message => e.message = Some(s),
                Field::Summary => e.summary_en = Some(s),
                Field::Description | Field::Fix => {
                    let slot = if field == Field::Description {
                        &mut e.description
                    } else {
                        &mut e.fix
                    };
                    match slot {
                        Some(Text::List(items)) => items.push(s),
                        _ => *slot = Some(Text::One(s)),
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

/// Packs rows one at a time (see [`Table`]).
pub struct TableBuilder {
    vendor_id: String,
    /// Row text; with [`TableBuilder::in_pieces`], only the last piece of it, the others in
    /// `sealed`.
    text: String,
    /// Full pieces of the row text, in order (rows never span two), and their total length.
    sealed: Vec<String>,
    sealed_len: usize,
    /// Seal the text at this length (`usize::MAX`: never).
    seal_at: usize,
    folded: String,
    rows: Vec<RowMeta>,
    pieces: Vec<u32>,
    wide: String,
}

impl TableBuilder {
    /// Rows of the vendor `vendor_id` (its id is part of each row's haystack).
    pub fn new(vendor_id: &str) -> TableBuilder {
        TableBuilder {
            vendor_id: vendor_id.to_string(),
            text: String::new(),
            sealed: Vec::new(),
            sealed_len: 0,
            seal_at: usize::MAX,
            folded: String::new(),
            rows: Vec::new(),
            pieces: Vec::new(),
            wide: String::new(),
        }
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// Appends a row. The haystacks are exactly the old joined strings: each value goes to the
    /// ASCII or the non-ASCII one, joined by a space to what that one already holds.
    pub fn push(&mut self, e: &EntryFields<'_>) -> Result<(), TooLarge> {
        if self.text.len() >= self.seal_at {
            self.sealed_len += self.text.len();
            self.sealed.push(std::mem::take(&mut self.text));
        }
        let start = self.text.len();
        let first_piece = self.pieces.len();
        let folded_start = self.folded.len();
        self.wide.clear();
        let mut flags = 0;
        if e.http_status.is_some() {
            flags |= HAS_STATUS;
        }
        let add = |this: &mut TableBuilder, s: &str, field: Field| -> Result<(), TooLarge> {
            if s.len() > PIECE_MAX {
                return Err(TooLarge);
            }
            let wide = !s.is_ascii();
            let target = if wide { &mut this.wide } else { &mut this.text };
            let half_start = if wide { 0 } else { start };
            if target.len() > half_start {
                target.push(' ');
            }
            target.push_str(s);
            this.pieces.push(piece(s.len(), field, wide));
            Ok(())
        };
        add(self, e.code, Field::Code)?;
        let vendor = std::mem::take(&mut self.vendor_id);
        let added = add(self, &vendor, Field::Vendor);
        self.vendor_id = vendor;
        added?;
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
        let ascii_len = self.text.len() - start;
        self.text.push_str(&self.wide);
        let mut folded_len = 0;
        let folded_text = fold(&self.wide);
        if *folded_text == *self.wide {
            flags |= FOLD_SAME;
        } else {
            folded_len = folded_text.len();
            self.folded.push_str(&folded_text);
        }
        if folded_text.chars().all(|c| c == ' ' || c >= '\u{2E80}') {
            flags |= WIDE_CJK;
        }
        if !self.wide.is_empty() {
            flags |= HAS_WIDE;
        }
        if !e.code.is_ascii() {
            flags |= CODE_WIDE;
        }
        if self.sealed_len + self.text.len() > u32::MAX as usize
            || self.folded.len() > u32::MAX as usize
            || self.pieces.len() > u32::MAX as usize
        {
            self.text.truncate(start);
            self.folded.truncate(folded_start);
            self.pieces.truncate(first_piece);
            return Err(TooLarge);
        }
        self.rows.push(RowMeta {
            text: (self.sealed_len + start) as u32,
            ascii_len: ascii_len as u32,
            folded: folded_start as u32,
            folded_len: folded_len as u32,
            pieces: first_piece as u32,
            code_len: e.code.len() as u32,
            status: e.http_status.unwrap_or(0),
            flags,
        });
        Ok(())
    }

    pub fn vendor_id(&self) -> &str {
        &self.vendor_id
    }

    /// Keeps the row text in pieces of about `bytes`, so that [`TableBuilder::append`] can hand
    /// each piece back as soon as it is copied (the rows are then held twice a piece at a
    /// time, not all at once).
    pub fn in_pieces(mut self, bytes: usize) -> TableBuilder {
        self.seal_at = bytes;
        self
    }

    /// Makes room for `bytes` of row text.
    pub fn reserve_text(&mut self, bytes: usize) {
        self.text.reserve(bytes.min(u32::MAX as usize));
    }

    /// Adds the rows of `later` (of the same vendor) after these, as if pushed here.
    pub fn append(&mut self, later: TableBuilder) -> Result<(), TooLarge> {
        let TableBuilder {
            sealed,
            sealed_len,
            text: last,
            folded,
            rows,
            pieces,
            ..
        } = later;
        let (text_at, folded_at, pieces_at) = (
            self.sealed_len + self.text.len(),
            self.folded.len(),
            self.pieces.len(),
        );
        if text_at + sealed_len + last.len() > u32::MAX as usize
            || folded_at + folded.len() > u32::MAX as usize
            || pieces_at + pieces.len() > u32::MAX as usize
        {
            return Err(TooLarge);
        }
        // Each piece of text is freed as soon as it is copied.
        for piece in sealed.into_iter().chain(std::iter::once(last)) {
            self.text.push_str(&piece);
        }
        self.folded.push_str(&folded);
        drop(folded);
        self.pieces.extend_from_slice(&pieces);
        drop(pieces);
        self.rows.extend(rows.iter().map(|r| RowMeta {
            text: r.text + text_at as u32,
            folded: r.folded + folded_at as u32,
            pieces: r.pieces + pieces_at as u32,
            ..*r
        }));
        Ok(())
    }

    pub fn finish(mut self, mut header: Catalog, origin: Origin) -> Table {
        header.entries = Vec::new();
        if !self.sealed.is_empty() {
            let mut text = String::with_capacity(self.sealed_len + self.text.len());
            for piece in self.sealed.drain(..) {
                text.push_str(&piece);
            }
            text.push_str(&self.text);
            self.text = text;
        }
        self.text.shrink_to_fit();
        self.folded.shrink_to_fit();
        self.rows.shrink_to_fit();
        self.pieces.shrink_to_fit();
        Table {
            header,
            origin,
            text: self.text,
            folded: self.folded,
            rows: self.rows,
            pieces: self.pieces,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn rows_kept_in_pieces_and_appended_make_the_same_table() {
        let entries: Vec<Entry> = (0..50)
            .map(|i| Entry {
                message: Some(format!("message {i}")),
                description: (i % 3 == 0).then(|| Text::One(format!("說明 {i}"))),
                ..entry(&format!("C{i}"))
            })
            .collect();
        let whole = Table::from_catalog(catalog(entries.clone()), Origin::Embedded("t")).unwrap();
        // The first 20 rows in one piece, the other 30 in pieces of a few rows, appended.
        let mut first = TableBuilder::new("pixnet");
        let mut later = TableBuilder::new("pixnet").in_pieces(64);
        for (i, e) in entries.iter().enumerate() {
            let b = if i < 20 { &mut first } else { &mut later };
            b.push(&EntryFields::of(e)).unwrap();
        }
        assert!(later.sealed.len() > 3);
        first.append(later).unwrap();
        let joined = first.finish(catalog(Vec::new()), Origin::Embedded("t"));
        assert_eq!(joined.to_catalog(), whole.to_catalog());
        for i in 0..50 {
            assert_eq!(joined.haystack(i).ascii, whole.haystack(i).ascii);
            assert_eq!(joined.wide(i), whole.wide(i));
        }
        // Pieces that were never appended are joined when the table is finished.
        let mut alone = TableBuilder::new("pixnet").in_pieces(64);
        for e in &entries {
            alone.push(&EntryFields::of(e)).unwrap();
        }
        let alone = alone.finish(catalog(Vec::new()), Origin::Embedded("t"));
        assert_eq!(alone.to_catalog(), whole.to_catalog());
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
        assert_eq!(t.wide(0), "认证错误 Token 过期");
        assert!(h.has_wide && !h.wide_cjk);
        let h = t.haystack(1);
        assert_eq!(
            (h.ascii, h.has_wide, h.wide_cjk),
            (&b"1 pixnet"[..], false, true)
        );
        assert_eq!(t.wide(1), "");
    }

    #[test]
    fn cjk_only_text_is_marked_for_ascii_words_to_skip() {
        let e = Entry {
            description: Some(Text::List(vec!["錯誤".into(), "失敗".into()])),
            ..entry("1")
        };
        let t = Table::from_catalog(catalog(vec![e]), Origin::Embedded("t")).unwrap();
        assert_eq!(t.wide(0), "错误 失败");
        assert!(t.haystack(0).wide_cjk);
    }
}
