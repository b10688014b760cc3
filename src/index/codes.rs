//! A table's rows by code (case-insensitive), for `by_code`, and by name (a symbol or alias,
//! without case or `_`), for `by_name`: a hash table in two flat arrays (rows grouped by the
//! hash bucket of their key, in row order), 8 bytes a row, built in one pass. Kept as
//! little-endian bytes like the table's own buffers, so build.rs writes the shipped tables'
//! indexes into the binary too.

use std::borrow::Cow;

#[derive(Debug)]
pub(super) struct CodeIndex {
    /// Bucket `b` holds rows `starts[b]..starts[b + 1]` of `rows`: `u32`s, little-endian.
    starts: Cow<'static, [u8]>,
    rows: Cow<'static, [u8]>,
    mask: u64,
}

fn u32_at(b: &[u8], i: usize) -> u32 {
    u32::from_le_bytes([b[i * 4], b[i * 4 + 1], b[i * 4 + 2], b[i * 4 + 3]])
}

impl CodeIndex {
    /// The index of `len` rows whose codes `code` gives.
    pub(super) fn new<'a>(len: usize, code: impl Fn(usize) -> &'a str) -> CodeIndex {
        let keys: Vec<(u32, u64)> = (0..len).map(|row| (row as u32, hash(code(row)))).collect();
        CodeIndex::of_keys(len, &keys)
    }

    /// The index of rows by name: `names` gives each of `len` rows' names (symbol, aliases).
    pub(super) fn of_names<'a, N: Iterator<Item = &'a str>>(
        len: usize,
        names: impl Fn(usize) -> N,
    ) -> CodeIndex {
        let mut keys: Vec<(u32, u64)> = Vec::new();
        for row in 0..len {
            let first = keys.len();
            for name in names(row) {
                let h = hash_name(name);
                if !keys[first..].iter().any(|&(_, k)| k == h) {
                    keys.push((row as u32, h));
                }
            }
        }
        CodeIndex::of_keys(len, &keys)
    }

    /// The index of `(row, hash)` keys, in row order, over `len` rows (for the bucket count).
    /// A row is in a bucket once, however many of its keys fall there.
    fn of_keys(len: usize, keys: &[(u32, u64)]) -> CodeIndex {
        let buckets = len.next_power_of_two().max(1);
        let mask = buckets as u64 - 1;
        let mut placed: Vec<(u32, u32)> = Vec::with_capacity(keys.len());
        for (k, &(row, h)) in keys.iter().enumerate() {
            let b = (h & mask) as u32;
            let same_row = keys[..k].iter().rev().take_while(|&&(r, _)| r == row);
            if !same_row
                .into_iter()
                .any(|&(_, other)| (other & mask) as u32 == b)
            {
                placed.push((row, b));
            }
        }
        let mut starts = vec![0u32; buckets + 1];
        for &(_, b) in &placed {
            starts[b as usize + 1] += 1;
        }
        for b in 0..buckets {
            starts[b + 1] += starts[b];
        }
        let mut next = starts.clone();
        let mut rows = vec![0u32; placed.len()];
        for &(row, b) in &placed {
            rows[next[b as usize] as usize] = row;
            next[b as usize] += 1;
        }
        let bytes = |v: Vec<u32>| -> Cow<'static, [u8]> {
            Cow::Owned(v.into_iter().flat_map(u32::to_le_bytes).collect())
        };
        CodeIndex {
            starts: bytes(starts),
            rows: bytes(rows),
            mask,
        }
    }

    /// An index of the buffers [`CodeIndex::parts`] gave, used where they lie.
    pub(super) fn from_parts(starts: &'static [u8], rows: &'static [u8]) -> CodeIndex {
        let buckets = (starts.len() / 4).saturating_sub(1).max(1);
        CodeIndex {
            starts: Cow::Borrowed(starts),
            rows: Cow::Borrowed(rows),
            mask: buckets as u64 - 1,
        }
    }

    /// The bucket starts and the rows, as bytes.
    pub(super) fn parts(&self) -> (&[u8], &[u8]) {
        (&self.starts, &self.rows)
    }

    /// The rows whose code is `code` (case-insensitive), in row order.
    pub(super) fn find<'a>(&self, code: &str, row_code: impl Fn(usize) -> &'a str) -> Vec<usize> {
        self.bucket(hash(code))
            .filter(|&row| same_code(row_code(row), code))
            .collect()
    }

    /// The rows with the name `name` (without case or `_`), in row order, given each row's
    /// names (an index made by [`CodeIndex::of_names`]).
    pub(super) fn find_name<'a, N: Iterator<Item = &'a str>>(
        &self,
        name: &str,
        names: impl Fn(usize) -> N,
    ) -> Vec<usize> {
        self.bucket(hash_name(name))
            .filter(|&row| names(row).any(|n| loose(n).eq(loose(name))))
            .collect()
    }

    /// The rows in the bucket of hash `h`.
    fn bucket(&self, h: u64) -> impl Iterator<Item = usize> + '_ {
        let b = (h & self.mask) as usize;
        let (start, end) = (u32_at(&self.starts, b), u32_at(&self.starts, b + 1));
        (start as usize..end as usize).map(|k| u32_at(&self.rows, k) as usize)
    }
}

/// A name's bytes without `_`, ASCII letters in lower case: `NotFound`, `NOT_FOUND` and
/// `not_found` are one name.
fn loose(name: &str) -> impl Iterator<Item = u8> + '_ {
    name.bytes()
        .filter(|&b| b != b'_')
        .map(|b| b.to_ascii_lowercase())
}

fn hash_name(name: &str) -> u64 {
    loose(name).fold(FNV_START, fnv)
}

const FNV_START: u64 = 0xcbf2_9ce4_8422_2325;

fn fnv(h: u64, b: u8) -> u64 {
    (h ^ b as u64).wrapping_mul(0x0100_0000_01b3)
}

/// FNV-1a of the lower-case code.
fn hash(code: &str) -> u64 {
    if code.is_ascii() {
        code.bytes()
            .map(|b| b.to_ascii_lowercase())
            .fold(FNV_START, fnv)
    } else {
        code.to_lowercase().bytes().fold(FNV_START, fnv)
    }
}

fn same_code(a: &str, b: &str) -> bool {
    if a.is_ascii() && b.is_ascii() {
        a.eq_ignore_ascii_case(b)
    } else {
        a.to_lowercase() == b.to_lowercase()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_every_row_of_a_code_in_order_whatever_the_case() {
        let codes = ["1004", "A1", "1004", "x", "a1", "ÄB", "äb", "1004"];
        let index = CodeIndex::new(codes.len(), |r| codes[r]);
        let find = |c| index.find(c, |r| codes[r]);
        assert_eq!(find("1004"), vec![0, 2, 7]);
        assert_eq!(find("a1"), vec![1, 4]);
        assert_eq!(find("Äb"), vec![5, 6]);
        assert_eq!(find("nope"), Vec::<usize>::new());
        let empty = CodeIndex::new(0, |_| "");
        assert!(empty.find("x", |_| "").is_empty());
        // Its own parts make the same index.
        let (starts, rows) = index.parts();
        let keep = |b: &[u8]| -> &'static [u8] { Box::leak(b.to_vec().into_boxed_slice()) };
        let read = CodeIndex::from_parts(keep(starts), keep(rows));
        assert_eq!(read.find("1004", |r| codes[r]), vec![0, 2, 7]);
        assert_eq!(read.find("äB", |r| codes[r]), vec![5, 6]);
    }

    #[test]
    fn finds_every_row_of_a_name_without_case_or_underscores() {
        let names: [&[&str]; 5] = [
            &["NOT_FOUND", "NotFound"],
            &[],
            &["ENOENT"],
            &["not_found"],
            &["EAGAIN", "EWOULDBLOCK"],
        ];
        let of = |r: usize| names[r].iter().copied();
        let index = CodeIndex::of_names(names.len(), of);
        assert_eq!(index.find_name("notfound", of), vec![0, 3]);
        assert_eq!(index.find_name("Not_Found", of), vec![0, 3]);
        assert_eq!(index.find_name("ewouldblock", of), vec![4]);
        assert_eq!(index.find_name("ENOENTX", of), Vec::<usize>::new());
        // Two names of a row in one bucket find it once.
        let one: [&[&str]; 1] = [&["A", "B", "C", "a_"]];
        let of = |r: usize| one[r].iter().copied();
        assert_eq!(CodeIndex::of_names(1, of).find_name("a", of), vec![0]);
        assert!(
            CodeIndex::of_names(0, |_| [].into_iter())
                .find_name("x", |_| [].into_iter())
                .is_empty()
        );
    }
}
