//! A table's rows by code (case-insensitive), for `by_code`: a hash table in two flat arrays
//! (rows grouped by the hash bucket of their lower-case code, in row order), 8 bytes a row,
//! built in one pass. Kept as little-endian bytes like the table's own buffers, so build.rs
//! writes the shipped tables' code indexes into the binary too.

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
        let buckets = len.next_power_of_two().max(1);
        let mask = buckets as u64 - 1;
        let bucket: Vec<u32> = (0..len)
            .map(|row| (hash(code(row)) & mask) as u32)
            .collect();
        let mut starts = vec![0u32; buckets + 1];
        for &b in &bucket {
            starts[b as usize + 1] += 1;
        }
        for b in 0..buckets {
            starts[b + 1] += starts[b];
        }
        let mut next = starts.clone();
        let mut rows = vec![0u32; len];
        for (row, &b) in bucket.iter().enumerate() {
            rows[next[b as usize] as usize] = row as u32;
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
        let b = (hash(code) & self.mask) as usize;
        let (start, end) = (u32_at(&self.starts, b), u32_at(&self.starts, b + 1));
        (start as usize..end as usize)
            .map(|k| u32_at(&self.rows, k) as usize)
            .filter(|&row| same_code(row_code(row), code))
            .collect()
    }
}

/// FNV-1a of the lower-case code.
fn hash(code: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |b: u8| {
        h ^= b as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
    };
    if code.is_ascii() {
        code.bytes().for_each(|b| eat(b.to_ascii_lowercase()));
    } else {
        code.to_lowercase().bytes().for_each(eat);
    }
    h
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
}
