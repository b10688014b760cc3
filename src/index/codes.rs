//! Rows by code (case-insensitive), for `by_code`: a hash table in two flat arrays (rows grouped
//! by the hash bucket of their lower-case code, in row order), 8 bytes a row, built in one pass.

use super::RowId;

#[derive(Debug)]
pub(super) struct CodeIndex {
    /// Bucket `b` holds `rows[starts[b]..starts[b + 1]]`.
    starts: Vec<u32>,
    rows: Vec<RowId>,
    mask: u64,
}

impl CodeIndex {
    pub(super) fn new<'a>(len: usize, code: impl Fn(RowId) -> &'a str) -> CodeIndex {
        let buckets = len.next_power_of_two().max(1);
        let mask = buckets as u64 - 1;
        let bucket: Vec<u32> = (0..len as RowId)
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
        let mut rows = vec![0; len];
        for (row, &b) in bucket.iter().enumerate() {
            rows[next[b as usize] as usize] = row as RowId;
            next[b as usize] += 1;
        }
        CodeIndex { starts, rows, mask }
    }

    /// The rows whose code is `code` (case-insensitive), in row order.
    pub(super) fn find<'a>(&self, code: &str, row_code: impl Fn(RowId) -> &'a str) -> Vec<RowId> {
        let b = (hash(code) & self.mask) as usize;
        self.rows[self.starts[b] as usize..self.starts[b + 1] as usize]
            .iter()
            .copied()
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
        let index = CodeIndex::new(codes.len(), |r| codes[r as usize]);
        let find = |c| index.find(c, |r| codes[r as usize]);
        assert_eq!(find("1004"), vec![0, 2, 7]);
        assert_eq!(find("a1"), vec![1, 4]);
        assert_eq!(find("Äb"), vec![5, 6]);
        assert_eq!(find("nope"), Vec::<RowId>::new());
        let empty = CodeIndex::new(0, |_| "");
        assert!(empty.find("x", |_| "").is_empty());
    }
}
