//! Words, the way search compares them: text split into words after folding (case, full width,
//! Traditional to Simplified), two English stems (inflections only, and derivations too), and
//! the word index of a table, a function of its rows alone: which rows hold each word, in which
//! field.

use super::table::{Field, Table};
use crate::fold::fold;
use std::borrow::Cow;
use std::collections::HashMap;

/// Whether `c` is part of a word. CJK characters are not: CJK text is matched as substrings.
fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || (!c.is_ascii() && c < '\u{2E80}' && c.is_alphanumeric())
}

/// Whether `c` is part of a word once folded (full-width letters and digits fold to ASCII).
fn folds_into_a_word(c: char) -> bool {
    is_word_char(c)
        || matches!(c, '\u{FF10}'..='\u{FF19}' | '\u{FF21}'..='\u{FF3A}' | '\u{FF41}'..='\u{FF5A}')
}

/// Whether `c` is a CJK character (matched as substrings).
pub fn is_cjk(c: char) -> bool {
    c >= '\u{2E80}' && c.is_alphanumeric()
}

/// A piece of folded text: a word (lower-case) or a run of CJK characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Token {
    Word(String),
    Cjk(String),
}

/// Whether the word `word`, which follows `before` in a text, is the `t` of a negative
/// contraction (`couldn't`, `doesn’t`): it is then the word "not", so "could not resolve"
/// finds "Couldn't resolve".
fn is_contracted_not(before: &str, word: &str) -> bool {
    let mut back = before.chars().rev();
    word == "t"
        && matches!(back.next(), Some('\'' | '\u{2019}'))
        && matches!(back.next(), Some('n' | 'N'))
}

/// The words and CJK runs of `text`, folded and lower-case, in order.
pub fn tokens(text: &str) -> Vec<Token> {
    let folded = fold(text);
    let mut out = Vec::new();
    let mut word = String::new();
    let mut start = 0;
    let mut cjk = String::new();
    let push_word = |out: &mut Vec<Token>, word: &mut String, start: usize| {
        if is_contracted_not(&folded[..start], word) {
            word.clear();
            out.push(Token::Word("not".into()));
        } else {
            out.push(Token::Word(std::mem::take(word)));
        }
    };
    for (at, c) in folded.char_indices() {
        if is_word_char(c) {
            if !cjk.is_empty() {
                out.push(Token::Cjk(std::mem::take(&mut cjk)));
            }
            if word.is_empty() {
                start = at;
            }
            word.extend(c.to_lowercase());
        } else if is_cjk(c) {
            if !word.is_empty() {
                push_word(&mut out, &mut word, start);
            }
            cjk.push(c);
        } else {
            if !word.is_empty() {
                push_word(&mut out, &mut word, start);
            }
            if !cjk.is_empty() {
                out.push(Token::Cjk(std::mem::take(&mut cjk)));
            }
        }
    }
    if !word.is_empty() {
        push_word(&mut out, &mut word, start);
    }
    if !cjk.is_empty() {
        out.push(Token::Cjk(cjk));
    }
    out
}

/// Calls `f` with each word of already folded `text`, lower-case (the `t` of `couldn't` as
/// "not"), using `buf` for the word.
fn each_word(text: &str, buf: &mut String, mut f: impl FnMut(&str)) {
    buf.clear();
    let mut start = 0;
    let mut emit = |buf: &mut String, start: usize| {
        if is_contracted_not(&text[..start], buf) {
            f("not");
        } else {
            f(buf);
        }
        buf.clear();
    };
    if text.is_ascii() {
        for (at, &b) in text.as_bytes().iter().enumerate() {
            if b.is_ascii_alphanumeric() {
                if buf.is_empty() {
                    start = at;
                }
                buf.push(b.to_ascii_lowercase() as char);
            } else if !buf.is_empty() {
                emit(buf, start);
            }
        }
    } else {
        for (at, c) in text.char_indices() {
            if is_word_char(c) {
                if buf.is_empty() {
                    start = at;
                }
                buf.extend(c.to_lowercase());
            } else if !buf.is_empty() {
                emit(buf, start);
            }
        }
    }
    if !buf.is_empty() {
        emit(buf, start);
    }
}

/// The words of `text` (folded, lower-case), in order: what a field or a query is compared by.
pub fn words_of(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut buf = String::new();
    each_word(&fold(text), &mut buf, |w| out.push(w.to_string()));
    out
}

fn has_vowel(s: &str) -> bool {
    s.bytes().any(|b| b"aeiouy".contains(&b))
}

/// Drops the second of two equal final consonants (`stopp` → `stop`, `logg` → `log`).
fn undouble(s: &mut String) {
    let b = s.as_bytes();
    let n = b.len();
    if n >= 3 && b[n - 1] == b[n - 2] && b"bdgmnprt".contains(&b[n - 1]) {
        s.pop();
    }
}

/// The word without its regular English inflections: plural and third person `-s`/`-es`/`-ies`,
/// past `-ed`/`-ied`, `-ing`, and a final `e`, so `expire`, `expires`, `expired` and
/// `expiring` are one stem, and `refuse` and `refused` another. Derivations (`expiry`) keep
/// theirs (see [`derive`]). Words that are not lower-case ASCII letters come back as they are.
pub fn inflect(word: &str) -> String {
    let mut s = word.to_string();
    if s.len() <= 3 || !s.bytes().all(|b| b.is_ascii_lowercase()) {
        return s;
    }
    let n = s.len();
    if s.ends_with("ies") && n > 4 {
        s.truncate(n - 3);
        s.push('y');
    } else if s.ends_with("sses")
        || s.ends_with("xes")
        || s.ends_with("ches")
        || s.ends_with("shes")
        || s.ends_with("zzes")
    {
        s.truncate(n - 2);
    } else if s.ends_with('s') && !s.ends_with("ss") && !s.ends_with("us") && !s.ends_with("is") {
        s.truncate(n - 1);
    } else if s.ends_with("ied") && n > 4 {
        s.truncate(n - 3);
        s.push('y');
    } else if s.ends_with("eed") {
    } else if s.ends_with("ed") && n >= 5 && has_vowel(&s[..n - 2]) {
        s.truncate(n - 2);
        undouble(&mut s);
    } else if s.ends_with("ing") && n >= 5 && has_vowel(&s[..n - 3]) {
        s.truncate(n - 3);
        undouble(&mut s);
    }
    if s.len() > 3 && s.ends_with('e') && !s.ends_with("ee") {
        s.pop();
    }
    s
}

/// The [`inflect`] stem, also without common derivational endings (`-ation`, `-tion`,
/// `-ment`, `-ity`, `-able`, `-y`), so `expiry` and `expiration` meet `expire`, and
/// `connection` meets `connect`. Looser than the inflection stem: a match by it ranks lower.
pub fn derive(word: &str) -> String {
    let mut s = inflect(word);
    if !s.bytes().all(|b| b.is_ascii_lowercase()) {
        return s;
    }
    let rules: &[(&str, &str, usize)] = &[
        ("ication", "ic", 4),
        ("icat", "ic", 4),
        ("ation", "", 4),
        ("ition", "", 4),
        ("tion", "t", 3),
        ("ment", "", 3),
        ("ness", "", 3),
        ("ity", "", 4),
        ("able", "", 4),
        ("ible", "", 4),
        ("at", "", 5),
        ("y", "", 4),
    ];
    for &(suffix, with, min) in rules {
        if s.len() >= suffix.len() + min && s.ends_with(suffix) {
            s.truncate(s.len() - suffix.len());
            s.push_str(with);
            if s.len() > 3 && s.ends_with('e') {
                s.pop();
            }
            break;
        }
    }
    s
}

/// Whether `a` and `b` are within `max` edits (insert, delete, replace, swap two neighbours).
pub fn within_edits(a: &str, b: &str, max: usize) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len().abs_diff(b.len()) > max {
        return false;
    }
    // Optimal string alignment distance, row by row, giving up once a row is all above `max`.
    let mut prev2: Vec<usize> = vec![0; b.len() + 1];
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for i in 1..=a.len() {
        cur[0] = i;
        let mut best = cur[0];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(prev2[j - 2] + 1);
            }
            cur[j] = d;
            best = best.min(d);
        }
        if best > max {
            return false;
        }
        std::mem::swap(&mut prev2, &mut prev);
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()] <= max
}

/// How many edits a typo of `word` may have: none under five letters, one under eight, else two.
pub fn typo_budget(word: &str) -> usize {
    match word.chars().count() {
        0..=4 => 0,
        5..=7 => 1,
        _ => 2,
    }
}

/// Fields whose words are indexed, and the bits of a posting that say which.
const FIELD_BITS: u32 = 4;

/// A posting: a row of the table and the field that holds the word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Posting {
    pub row: u32,
    pub field: Field,
}

/// Which rows of a table hold each word, and in which fields; built from the table's rows
/// when the table is loaded, or when errdex is built (the shipped tables: build.rs writes
/// [`WordIndex::parts`] into the binary and [`WordIndex::from_parts`] uses them where they lie).
///
/// Packed, so that it can be borrowed from the binary without a copy or a parse: word `id` is
/// the `id`-th word in byte order, so a word, a prefix and a stem's words are found by binary
/// search. `data` holds `u32`s, little-endian, then the postings (see [`Layout`]).
pub struct WordIndex {
    /// Every word, in byte order, one after another.
    words: Cow<'static, str>,
    data: Cow<'static, [u8]>,
    layout: Layout,
}

/// Where each part of a [`WordIndex`]'s `data` starts: after a header of two counts (words,
/// bytes of postings) and the bytes and rows of each field (see [`WordIndex::field_sizes`]),
///
/// - `word_ends` (`u32`s): where each word ends in `words`;
/// - `starts` (`u32`s, one more than the words): word `w`'s postings are the bytes
///   `postings[starts[w]..starts[w + 1]]`;
/// - `postings` (bytes): each word's `row << FIELD_BITS | field` values in row order, each the
///   difference from the one before (the first from 0) as a LEB128 number: most take a byte.
#[derive(Debug, Clone, Copy)]
struct Layout {
    words: usize,
    /// In `u32`s.
    word_ends: usize,
    starts: usize,
    /// In bytes.
    postings: usize,
}

const HEADER: usize = 2;
/// `u32`s of the field sizes: 16 fields' bytes (`u64`, two `u32`s each) and rows.
const FIELD_SIZES: usize = 16 * 3;

fn u32_at(data: &[u8], i: usize) -> u32 {
    u32::from_le_bytes([
        data[i * 4],
        data[i * 4 + 1],
        data[i * 4 + 2],
        data[i * 4 + 3],
    ])
}

impl Layout {
    fn read(data: &[u8]) -> Layout {
        let words = if data.len() >= HEADER * 4 {
            u32_at(data, 0) as usize
        } else {
            0
        };
        let word_ends = HEADER + FIELD_SIZES;
        let starts = word_ends + words;
        Layout {
            words,
            word_ends,
            starts,
            postings: (starts + words + 1) * 4,
        }
    }
}

/// Appends `value` as a LEB128 number: seven bits a byte, low first, the high bit set on all
/// but the last.
fn push_varint(out: &mut Vec<u8>, mut value: u32) {
    while value >= 0x80 {
        out.push(value as u8 | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}

/// A word index's buffers, borrowed: what build.rs writes into the binary for each shipped
/// table, and what [`WordIndex::from_parts`] takes back without copying.
#[derive(Debug, Clone, Copy)]
pub struct WordParts<'a> {
    pub words: &'a str,
    pub data: &'a [u8],
}

impl std::fmt::Debug for WordIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WordIndex")
            .field("words", &self.layout.words)
            .field("posting_bytes", &(self.data.len() - self.layout.postings))
            .finish()
    }
}

/// Whether a field's words are indexed: the vendor id is the same in every row (search names
/// vendors otherwise), and the vendors that `maps_to` names are not the row's words.
fn indexed(field: Field) -> bool {
    !matches!(field, Field::Vendor | Field::MapsVendor)
}

/// Tables of at least this many rows are indexed by two threads.
const PARALLEL_ROWS: usize = 200_000;

/// The words of some rows of a table, as [`WordIndex::build`] gathers them.
struct Part {
    ids: HashMap<Box<str>, u32, foldhash::fast::RandomState>,
    lists: Vec<Vec<u32>>,
    field_bytes: [u64; 16],
    field_rows: [u32; 16],
}

impl Part {
    /// Reads rows `rows` of `table`.
    fn read(table: &Table, rows: std::ops::Range<usize>) -> Part {
        let mut ids: HashMap<Box<str>, u32, foldhash::fast::RandomState> = HashMap::default();
        let mut lists: Vec<Vec<u32>> = Vec::new();
        let mut field_bytes = [0u64; 16];
        let mut field_rows = [0u32; 16];
        let mut buf = String::new();
        for i in rows {
            let mut last_field = None;
            for (field, text) in table.pieces(i) {
                if !indexed(field) {
                    continue;
                }
                let f = field as usize;
                field_bytes[f] += text.len() as u64;
                if last_field != Some(field) {
                    field_rows[f] += 1;
                    last_field = Some(field);
                }
                if !text.is_ascii() && !text.chars().any(folds_into_a_word) {
                    // CJK text, matched as text: no word to index, nothing to fold.
                    continue;
                }
                let folded = fold(text);
                let mut add = |w: &str| {
                    // A code's digits are found by the code itself; numbered codes would fill
                    // the index with a word for each row.
                    if field == Field::Code && w.bytes().all(|b| b.is_ascii_digit()) {
                        return;
                    }
                    let id = match ids.get(w) {
                        Some(&id) => id,
                        None => {
                            let id = lists.len() as u32;
                            ids.insert(w.into(), id);
                            lists.push(Vec::new());
                            id
                        }
                    };
                    let posting = (i as u32) << FIELD_BITS | field as u32;
                    // A word twice in one field is one posting (a row's pieces come field by
                    // field, so the word's last posting is this one if it was there).
                    let list = &mut lists[id as usize];
                    if list.last() != Some(&posting) {
                        list.push(posting);
                    }
                };
                each_word(&folded, &mut buf, &mut add);
            }
        }
        Part {
            ids,
            lists,
            field_bytes,
            field_rows,
        }
    }

    /// Adds the words of `later` (rows after these), keeping each word's rows in order.
    fn append(&mut self, later: Part) {
        let mut by_id: Vec<(u32, Box<str>)> =
            later.ids.into_iter().map(|(w, id)| (id, w)).collect();
        by_id.sort_unstable_by_key(|&(id, _)| id);
        for ((_, word), list) in by_id.into_iter().zip(later.lists) {
            match self.ids.get(&word) {
                Some(&id) => self.lists[id as usize].extend_from_slice(&list),
                None => {
                    self.ids.insert(word, self.lists.len() as u32);
                    self.lists.push(list);
                }
            }
        }
        for f in 0..16 {
            self.field_bytes[f] += later.field_bytes[f];
            self.field_rows[f] += later.field_rows[f];
        }
    }
}

/// No word is more than this many letters longer than its [`inflect`] stem (`singeing`,
/// `sing`), nor more than [`DERIVED_LONGER`] longer than its [`derive`] stem
/// (`notifications`, `notif`).
const INFLECTED_LONGER: usize = 5;
const DERIVED_LONGER: usize = 12;

impl WordIndex {
    /// Indexes every row of `table`.
    pub fn build(table: &Table) -> WordIndex {
        // Large tables are read by two threads, each half of the rows, and the halves joined.
        let Part {
            ids,
            lists,
            field_bytes,
            field_rows,
        } = if table.len() >= PARALLEL_ROWS
            && std::thread::available_parallelism().map_or(1, |n| n.get()) > 1
        {
            let mid = table.len() / 2;
            let (first, second) = std::thread::scope(|s| {
                let later = s.spawn(|| Part::read(table, mid..table.len()));
                let first = Part::read(table, 0..mid);
                (first, later.join().expect("word index worker panicked"))
            });
            let mut joined = first;
            joined.append(second);
            joined
        } else {
            Part::read(table, 0..table.len())
        };
        // Word ids in the order of the words.
        let mut sorted: Vec<(Box<str>, u32)> = ids.into_iter().collect();
        sorted.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let mut head: Vec<u32> = Vec::with_capacity(HEADER + FIELD_SIZES + 2 * sorted.len() + 1);
        head.extend([sorted.len() as u32, 0]);
        for bytes in field_bytes {
            head.extend([bytes as u32, (bytes >> 32) as u32]);
        }
        head.extend(field_rows);
        let mut words = String::with_capacity(sorted.iter().map(|(w, _)| w.len()).sum());
        for (w, _) in &sorted {
            words.push_str(w);
            head.push(words.len() as u32);
        }
        let mut postings = Vec::with_capacity(lists.iter().map(Vec::len).sum::<usize>() * 2);
        head.push(0);
        for (_, old) in &sorted {
            let mut last = 0u32;
            for &p in &lists[*old as usize] {
                push_varint(&mut postings, p.wrapping_sub(last));
                last = p;
            }
            head.push(postings.len() as u32);
        }
        head[1] = postings.len() as u32;
        let mut data: Vec<u8> = head.into_iter().flat_map(u32::to_le_bytes).collect();
        data.extend(postings);
        WordIndex {
            layout: Layout::read(&data),
            words: Cow::Owned(words),
            data: Cow::Owned(data),
        }
    }

    /// The index of buffers [`WordIndex::parts`] gave, used where they lie.
    pub fn from_parts(parts: WordParts<'static>) -> WordIndex {
        WordIndex {
            layout: Layout::read(parts.data),
            words: Cow::Borrowed(parts.words),
            data: Cow::Borrowed(parts.data),
        }
    }

    /// The buffers, for build.rs to write into the binary.
    pub fn parts(&self) -> WordParts<'_> {
        WordParts {
            words: &self.words,
            data: &self.data,
        }
    }

    fn at(&self, i: usize) -> usize {
        u32_at(&self.data, i) as usize
    }

    pub fn word(&self, id: u32) -> &str {
        let id = id as usize;
        let start = if id == 0 {
            0
        } else {
            self.at(self.layout.word_ends + id - 1)
        };
        &self.words[start..self.at(self.layout.word_ends + id)]
    }

    /// The first word id whose word is not below `word` (in byte order).
    fn first_at_least(&self, word: &str) -> u32 {
        let (mut lo, mut hi) = (0, self.layout.words as u32);
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            if self.word(mid) < word {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        lo
    }

    pub fn id(&self, word: &str) -> Option<u32> {
        let at = self.first_at_least(word);
        ((at as usize) < self.layout.words && self.word(at) == word).then_some(at)
    }

    /// Ids of the words that start with `prefix` (itself included), in order.
    fn with_prefix<'a>(&'a self, prefix: &'a str) -> impl Iterator<Item = u32> + 'a {
        (self.first_at_least(prefix)..self.layout.words as u32)
            .take_while(move |&id| self.word(id).starts_with(prefix))
    }

    /// Ids of the words whose `stem` is `s`, given that such a word starts with all of `s` but
    /// its last `loose` letters and is at most `longer` letters longer.
    fn by_stem<'a>(
        &'a self,
        s: &'a str,
        loose: usize,
        longer: usize,
        stem: fn(&str) -> String,
    ) -> impl Iterator<Item = u32> + 'a {
        // Stemming changes only a word's end, so every word with stem `s` starts with its
        // first character: a one-letter stem does not scan the whole vocabulary.
        let first = s.chars().next().map_or(0, char::len_utf8);
        let mut cut = s.len().saturating_sub(loose).max(first);
        while !s.is_char_boundary(cut) {
            cut -= 1;
        }
        self.with_prefix(&s[..cut])
            .filter(move |&id| self.word(id).len() <= s.len() + longer)
            .filter(move |&id| stem(self.word(id)) == s)
    }

    /// Ids of the words with this [`inflect`] stem. A stem is its words' start, but for a `y`
    /// that stands for `ies` or `ied`.
    pub fn by_inflection<'a>(&'a self, stem: &'a str) -> impl Iterator<Item = u32> + 'a {
        self.by_stem(stem, 1, INFLECTED_LONGER, inflect)
    }

    /// Ids of the words with this [`derive`] stem. A stem is its words' start, but for what a
    /// derivation puts back (`ic` of `-ication`, `t` of `-tion`) or a `y` of an inflection.
    pub fn by_derivation<'a>(&'a self, stem: &'a str) -> impl Iterator<Item = u32> + 'a {
        self.by_stem(stem, 2, DERIVED_LONGER, derive)
    }

    /// Ids of the words that start with `prefix` and are longer.
    pub fn starting_with<'a>(&'a self, prefix: &'a str) -> impl Iterator<Item = u32> + 'a {
        self.with_prefix(prefix)
            .filter(move |&id| self.word(id).len() > prefix.len())
    }

    /// Ids of every word (for typo search).
    pub fn all(&self) -> impl Iterator<Item = (u32, &str)> {
        (0..self.layout.words as u32).map(|id| (id, self.word(id)))
    }

    /// The rows that hold word `id`, in row order, with the field (a row once per field).
    pub fn postings(&self, id: u32) -> impl Iterator<Item = Posting> + '_ {
        let starts = self.layout.starts + id as usize;
        let base = self.layout.postings;
        let mut bytes = self.data[base + self.at(starts)..base + self.at(starts + 1)].iter();
        let mut last = 0u32;
        std::iter::from_fn(move || {
            let mut value = 0u32;
            let mut shift = 0;
            loop {
                let b = *bytes.next()?;
                value |= u32::from(b & 0x7f).checked_shl(shift).unwrap_or(0);
                shift += 7;
                if b < 0x80 {
                    break;
                }
            }
            last = last.wrapping_add(value);
            Some(Posting {
                row: last >> FIELD_BITS,
                field: Field::from_bits((last & ((1 << FIELD_BITS) - 1)) as u8),
            })
        })
    }

    /// Bytes of text in each field (by `Field as usize`) over all rows, and how many rows have
    /// the field: the parts of the average length BM25 compares a field's length with.
    pub fn field_sizes(&self) -> ([u64; 16], [u32; 16]) {
        let mut bytes = [0u64; 16];
        let mut rows = [0u32; 16];
        if self.data.is_empty() {
            return (bytes, rows);
        }
        for f in 0..16 {
            bytes[f] = u64::from(u32_at(&self.data, HEADER + 2 * f))
                | u64::from(u32_at(&self.data, HEADER + 2 * f + 1)) << 32;
            rows[f] = u32_at(&self.data, HEADER + 32 + f);
        }
        (bytes, rows)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_shipped_word_is_found_by_its_stems() {
        // `by_stem` scans only the words that start with the stem's first character.
        let index = crate::index::Index::embedded();
        for table in index.tables() {
            let words = table.words();
            for (id, w) in words.all() {
                let (i, d) = (inflect(w), derive(w));
                assert!(words.by_inflection(&i).any(|x| x == id), "{w} by {i}");
                assert!(words.by_derivation(&d).any(|x| x == id), "{w} by {d}");
            }
        }
    }

    #[test]
    fn inflections_meet_and_derivations_stay_apart() {
        for group in [
            &["expire", "expires", "expired", "expiring"][..],
            &["refuse", "refuses", "refused", "refusing"],
            &["lock", "locks", "locked", "locking"],
            &["busy", "busies", "busied"],
            &["duplicate", "duplicates", "duplicated", "duplicating"],
            &["token", "tokens"],
            &["deny", "denies", "denied"],
            &["log", "logged", "logging", "logs"],
            &["exceed", "exceeded", "exceeds"],
            &["process", "processes"],
            &["address", "addresses"],
            &["certificate", "certificates"],
        ] {
            let stems: Vec<String> = group.iter().map(|w| inflect(w)).collect();
            assert!(
                stems.windows(2).all(|p| p[0] == p[1]),
                "{group:?}: {stems:?}"
            );
        }
        for (a, b) in [
            ("expire", "expiry"),
            ("lock", "deadlock"),
            ("certificate", "certification"),
            ("status", "statu"),
        ] {
            assert_ne!(inflect(a), inflect(b), "{a} {b}");
        }
        for (a, b) in [
            ("expire", "expiry"),
            ("expired", "expiration"),
            ("connect", "connection"),
            ("authenticate", "authentication"),
            ("certificate", "certification"),
            ("duplicate", "duplication"),
            ("validate", "validation"),
            ("delete", "deletion"),
        ] {
            assert_eq!(derive(a), derive(b), "{a} {b}");
        }
        assert_ne!(derive("format"), derive("form"));
    }

    #[test]
    fn halves_joined_are_the_whole() {
        let index = crate::index::Index::embedded();
        let table = index.vendor_table(index.find_vendor("postgres").unwrap());
        let whole = Part::read(table, 0..table.len());
        let mut joined = Part::read(table, 0..100);
        joined.append(Part::read(table, 100..table.len()));
        assert_eq!(whole.ids.len(), joined.ids.len());
        for (w, &id) in &whole.ids {
            assert_eq!(
                whole.lists[id as usize], joined.lists[joined.ids[w] as usize],
                "{w}"
            );
        }
        assert_eq!(whole.field_bytes, joined.field_bytes);
        assert_eq!(whole.field_rows, joined.field_rows);
    }

    fn naive_postings_are(table: &Table, built: &WordIndex) {
        let mut naive: std::collections::BTreeMap<String, Vec<Posting>> = Default::default();
        for row in 0..table.len() {
            for (field, text) in table.pieces(row) {
                let skip_digits = field == Field::Code;
                for w in words_of(text) {
                    if !indexed(field) || skip_digits && w.bytes().all(|b| b.is_ascii_digit()) {
                        continue;
                    }
                    let list = naive.entry(w).or_default();
                    let p = Posting {
                        row: row as u32,
                        field,
                    };
                    if !list.contains(&p) {
                        list.push(p);
                    }
                }
            }
        }
        assert_eq!(naive.len(), built.all().count());
        for (w, list) in &naive {
            let id = built.id(w).unwrap();
            assert!(built.postings(id).eq(list.iter().copied()), "{w}");
        }
    }

    #[test]
    fn the_packed_index_finds_every_word_stem_and_prefix() {
        let index = crate::index::Index::embedded();
        let table = index.vendor_table(index.find_vendor("postgres").unwrap());
        let built = WordIndex::build(table);
        let words: Vec<(u32, &str)> = built.all().collect();
        assert!(words.len() > 500, "{}", words.len());
        assert!(words.windows(2).all(|w| w[0].1 < w[1].1), "in byte order");
        let whole = Part::read(table, 0..table.len());
        assert_eq!(words.len(), whole.ids.len());
        for &(id, w) in &words {
            assert_eq!(built.id(w), Some(id));
            assert!(built.by_inflection(&inflect(w)).any(|i| i == id), "{w}");
            assert!(built.by_derivation(&derive(w)).any(|i| i == id), "{w}");
            let rows: Vec<u32> = built
                .postings(id)
                .map(|p| p.row << FIELD_BITS | p.field as u32)
                .collect();
            assert_eq!(rows, whole.lists[whole.ids[w] as usize], "{w}");
        }
        // Every word of every shipped table is found by its stems.
        for v in 0..index.vendors().len() {
            let words = index.vendor_table(v).words();
            for (id, w) in words.all() {
                assert!(words.by_inflection(&inflect(w)).any(|i| i == id), "{w}");
                assert!(words.by_derivation(&derive(w)).any(|i| i == id), "{w}");
            }
        }
        // The postings are each row's words, field by field, found one by one (CJK text too).
        for vendor in ["postgres", "pixnet", "tencent-im"] {
            let table = index.vendor_table(index.find_vendor(vendor).unwrap());
            let built = WordIndex::build(table);
            naive_postings_are(table, &built);
        }
        assert_eq!(built.id("zzzz"), None);
        assert_eq!(built.id(""), None);
        assert_eq!(built.by_inflection("zzzz").count(), 0);
        let locks: Vec<&str> = built
            .starting_with("lock")
            .map(|id| built.word(id))
            .collect();
        assert!(!locks.is_empty() && locks.iter().all(|w| w.starts_with("lock") && *w != "lock"));
        assert_eq!(built.field_sizes(), (whole.field_bytes, whole.field_rows));
        // The embedded table's index, compiled into the binary, is the one its rows make.
        let shipped = table.words();
        assert!(shipped.all().eq(built.all()));
        assert_eq!(shipped.parts().data, built.parts().data);
        // An empty table's index finds nothing.
        let empty = WordIndex::build(
            &crate::index::table::Table::from_catalog(
                crate::catalog::Catalog {
                    entries: Vec::new(),
                    ..table.header.clone()
                },
                table.origin.clone(),
            )
            .unwrap(),
        );
        assert_eq!(empty.all().count(), 0);
        assert_eq!(empty.id("lock"), None);
        assert_eq!(empty.starting_with("l").count(), 0);
    }

    /// What the stem lookups rely on: a word starts with its stem but for the stem's last
    /// letter (inflection) or two (derivation), and is not much longer.
    #[test]
    fn stems_start_their_words() {
        for w in [
            "singeing",
            "stopping",
            "busies",
            "busied",
            "processes",
            "notifications",
            "authentications",
            "duplications",
            "expiry",
            "expirations",
            "connections",
            "certifications",
            "deletions",
            "validations",
            "statuses",
            "dies",
            "ies",
            "abilities",
            "responsibilities",
            "ab",
            "x",
            "é",
            "naïveté",
            "ｆｕｌｌ",
            "uses",
            "agreeing",
        ] {
            let (i, d) = (inflect(w), derive(w));
            let start = |s: &str, n: usize| -> String {
                s.chars()
                    .take(s.chars().count().saturating_sub(n))
                    .collect()
            };
            assert!(w.starts_with(&start(&i, 1)), "{w}: {i}");
            assert!(w.starts_with(&start(&d, 2)), "{w}: {d}");
            assert!(w.len() <= i.len() + INFLECTED_LONGER, "{w}: {i}");
            assert!(w.len() <= d.len() + DERIVED_LONGER, "{w}: {d}");
        }
    }

    #[test]
    fn typos_within_their_budget() {
        assert!(within_edits("deadlok", "deadlock", 1));
        assert!(within_edits("conection", "connection", 1));
        assert!(within_edits("databse", "database", 1));
        assert!(within_edits("recieve", "receive", 1));
        assert!(!within_edits("deadlock", "headlong", 1));
        assert!(within_edits("permision", "permission", 2));
        assert_eq!(typo_budget("tokn"), 0);
        assert_eq!(typo_budget("refusd"), 1);
        assert_eq!(typo_budget("conection"), 2);
    }

    #[test]
    fn tokens_fold_and_split_cjk_from_words() {
        assert_eq!(
            tokens("Token 過期，ＡＰＩ key_v2"),
            [
                Token::Word("token".into()),
                Token::Cjk("过期".into()),
                Token::Word("api".into()),
                Token::Word("key".into()),
                Token::Word("v2".into()),
            ]
        );
        assert_eq!(words_of("Couldn't connect"), ["couldn", "not", "connect"]);
        assert_eq!(words_of("doesn’t exist"), ["doesn", "not", "exist"]);
        // Only after `n'`: a possessive or a quoted `t` stays.
        assert_eq!(words_of("it's 't'"), ["it", "s", "t"]);
        assert_eq!(
            tokens("can't 連線"),
            [
                Token::Word("can".into()),
                Token::Word("not".into()),
                Token::Cjk("连线".into())
            ]
        );
    }
}
