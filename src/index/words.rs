//! Words, the way search compares them: text split into words after folding (case, full width,
//! Traditional to Simplified), two English stems (inflections only, and derivations too), and
//! the word index of a table, a function of its rows alone: which rows hold each word, in which
//! field.

use super::table::{Field, Table};
use crate::fold::fold;
use std::collections::HashMap;

/// Whether `c` is part of a word. CJK characters are not: CJK text is matched as substrings.
fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || (!c.is_ascii() && c < '\u{2E80}' && c.is_alphanumeric())
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
/// (so it can be made when the table is loaded or ahead of time).
pub struct WordIndex {
    ids: HashMap<Box<str>, u32, foldhash::fast::RandomState>,
    words: Vec<Box<str>>,
    /// Word ids by [`inflect`] stem and by [`derive`] stem.
    by_inflection: HashMap<String, Vec<u32>, foldhash::fast::RandomState>,
    by_derivation: HashMap<String, Vec<u32>, foldhash::fast::RandomState>,
    /// Word ids in the order of their words, for finding the words that start with a prefix.
    sorted: Vec<u32>,
    /// The postings of word `w` are `postings[starts[w]..starts[w + 1]]`, in row order, each
    /// `row << FIELD_BITS | field`.
    starts: Vec<u32>,
    postings: Vec<u32>,
    /// Bytes of text per field, over all rows that have the field, and how many rows have it:
    /// the average length BM25 compares a field's length with.
    field_bytes: [u64; 16],
    field_rows: [u32; 16],
}

impl std::fmt::Debug for WordIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WordIndex")
            .field("words", &self.words.len())
            .field("postings", &self.postings.len())
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
        let mut seen: Vec<(u32, Field)> = Vec::new();
        for i in rows {
            seen.clear();
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
                    // A word twice in one field is one posting.
                    if !seen.contains(&(id, field)) {
                        seen.push((id, field));
                        lists[id as usize].push(posting);
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

impl WordIndex {
    /// Indexes every row of `table`.
    pub fn build(table: &Table) -> WordIndex {
        // Large tables are read by two threads, each half of the rows, and the halves joined.
        let Part {
            mut ids,
            mut lists,
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
        ids.shrink_to_fit();
        lists.shrink_to_fit();
        let mut words: Vec<Box<str>> = vec![Box::from(""); lists.len()];
        for (w, &id) in &ids {
            words[id as usize] = w.clone();
        }
        let mut starts = Vec::with_capacity(lists.len() + 1);
        let mut postings = Vec::with_capacity(lists.iter().map(Vec::len).sum());
        starts.push(0);
        for list in lists {
            postings.extend_from_slice(&list);
            starts.push(postings.len() as u32);
        }
        let mut by_inflection: HashMap<String, Vec<u32>, _> = HashMap::default();
        let mut by_derivation: HashMap<String, Vec<u32>, _> = HashMap::default();
        for (id, w) in words.iter().enumerate() {
            by_inflection.entry(inflect(w)).or_default().push(id as u32);
            by_derivation.entry(derive(w)).or_default().push(id as u32);
        }
        let mut sorted: Vec<u32> = (0..words.len() as u32).collect();
        sorted.sort_unstable_by(|&a, &b| words[a as usize].cmp(&words[b as usize]));
        WordIndex {
            ids,
            words,
            by_inflection,
            by_derivation,
            sorted,
            starts,
            postings,
            field_bytes,
            field_rows,
        }
    }

    pub fn word(&self, id: u32) -> &str {
        &self.words[id as usize]
    }

    pub fn id(&self, word: &str) -> Option<u32> {
        self.ids.get(word).copied()
    }

    /// Ids of the words with this [`inflect`] stem.
    pub fn by_inflection(&self, stem: &str) -> &[u32] {
        self.by_inflection.get(stem).map_or(&[], Vec::as_slice)
    }

    /// Ids of the words with this [`derive`] stem.
    pub fn by_derivation(&self, stem: &str) -> &[u32] {
        self.by_derivation.get(stem).map_or(&[], Vec::as_slice)
    }

    /// Ids of the words that start with `prefix` and are longer.
    pub fn starting_with<'a>(&'a self, prefix: &'a str) -> impl Iterator<Item = u32> + 'a {
        let from = self
            .sorted
            .partition_point(|&id| &*self.words[id as usize] < prefix);
        self.sorted[from..]
            .iter()
            .copied()
            .take_while(move |&id| self.words[id as usize].starts_with(prefix))
            .filter(move |&id| self.words[id as usize].len() > prefix.len())
    }

    /// Ids of every word (for typo search).
    pub fn all(&self) -> impl Iterator<Item = (u32, &str)> {
        self.words.iter().enumerate().map(|(i, w)| (i as u32, &**w))
    }

    /// The rows that hold word `id`, in row order, with the field (a row once per field).
    pub fn postings(&self, id: u32) -> impl ExactSizeIterator<Item = Posting> + '_ {
        let range = self.starts[id as usize] as usize..self.starts[id as usize + 1] as usize;
        self.postings[range].iter().map(|&p| Posting {
            row: p >> FIELD_BITS,
            field: Field::from_bits((p & ((1 << FIELD_BITS) - 1)) as u8),
        })
    }

    /// How many postings word `id` has.
    pub fn count(&self, id: u32) -> usize {
        (self.starts[id as usize + 1] - self.starts[id as usize]) as usize
    }

    /// Bytes of text in each field (by `Field as usize`) over all rows, and how many rows have
    /// the field: the parts of the average length BM25 compares a field's length with.
    pub fn field_sizes(&self) -> (&[u64; 16], &[u32; 16]) {
        (&self.field_bytes, &self.field_rows)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
