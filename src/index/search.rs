//! Fuzzy search over the default view: each row's haystacks are matched where they lie in the
//! packed tables, in parallel blocks, and the hits are ranked with a counting sort on the score.
//!
//! [`Index::search`] (the CLI's) ranks every hit by nucleo's full score. The TUI's
//! [`Index::search_cancellable`] scores in two passes: the full score finds the best of all the
//! ways a word matches a row, and at a million rows that costs about a second for a one- or
//! two-letter word, far more than a keystroke may take. So its first pass scores every
//! matching row with nucleo's greedy score (linear, and it matches exactly the same rows); the
//! second gives the full score to the best [`FULL_SCORES`] rows by the greedy score (all of
//! them when there are no more) and ranks those by it. The results are complete either way,
//! and the same as the CLI's up to [`FULL_SCORES`] hits; beyond that, which rows come first
//! is the greedy score's choice.

use super::{Hit, Index, RowId};
use crate::catalog::table::{Field, Table};
use crate::fold::fold;
use crate::query::Query;
use nucleo_matcher::pattern::{Atom, AtomKind, CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

/// Rows per unit of work: small enough to share out evenly and to notice a cancel quickly.
const BLOCK: usize = 1 << 14;

/// How many hits get nucleo's full score in the TUI's search (see the module documentation).
pub const FULL_SCORES: usize = 2_000;

/// Which score a pass computes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Score {
    Greedy,
    Full,
}

/// A query, prepared once for every row.
struct Search<'q> {
    query: &'q Query,
    vendor_ok: Vec<bool>,
    atoms: Vec<Word<'q>>,
    exact: Option<String>,
    /// `cat:` terms, folded and lower-case.
    categories: Vec<String>,
    /// The score of the first pass.
    first_pass: Score,
}

/// One atom of the pattern (a search word).
struct Word<'q> {
    atom: &'q Atom,
    /// The needle, lower-case, when it is ASCII without spaces: CJK-only text cannot match it,
    /// and a row can only match it if its ASCII text holds these bytes in order.
    ascii: Option<Box<[u8]>>,
    /// For an ASCII fuzzy word: whether it ignores case (no capitals in it, as nucleo's
    /// smart case decides), for calling the greedy matcher directly.
    greedy_ignore_case: Option<bool>,
}

/// What a search thread keeps between rows.
struct Scratch {
    matcher: Matcher,
    chars: Vec<char>,
}

impl Index {
    /// Searches the default view. Results are sorted: exact code hits, then score, then
    /// catalog order. An empty query returns every row (filtered) in catalog order.
    pub fn search(&self, query: &Query) -> Vec<Hit> {
        self.run_search(query, None, &AtomicBool::new(false), usize::MAX)
            .unwrap_or_default()
    }

    /// Like [`Index::search`], for each keystroke of the TUI: limited to `within` (the previous
    /// results, when a query only grew), giving up with `None` when `cancel` is set (a newer
    /// keystroke arrived), and with the full score for the best [`FULL_SCORES`] hits only
    /// (see the module documentation).
    pub fn search_cancellable(
        &self,
        query: &Query,
        within: Option<&[RowId]>,
        cancel: &AtomicBool,
    ) -> Option<Vec<Hit>> {
        self.run_search(query, within, cancel, FULL_SCORES)
    }

    /// Searches, giving the `full` best hits by the greedy score the full score.
    fn run_search(
        &self,
        query: &Query,
        within: Option<&[RowId]>,
        cancel: &AtomicBool,
        full: usize,
    ) -> Option<Vec<Hit>> {
        // With every hit to get the full score, the greedy pass would be wasted.
        let first_pass = if full == usize::MAX {
            Score::Full
        } else {
            Score::Greedy
        };
        let pattern = Pattern::parse(
            &fold(&query.text),
            CaseMatching::Smart,
            Normalization::Smart,
        );
        let search = Search {
            query,
            vendor_ok: self.vendor_filter(query),
            atoms: pattern
                .atoms
                .iter()
                .map(|atom| {
                    let needle = atom.needle_text();
                    let chars = (0..needle.len()).map(|i| needle.get(i as u32));
                    let ascii = chars.clone().all(|c| c.is_ascii() && c != ' ');
                    let fuzzy = atom.kind == AtomKind::Fuzzy && !atom.negative && ascii;
                    Word {
                        atom,
                        greedy_ignore_case: fuzzy
                            .then(|| !chars.clone().any(|c| c.is_ascii_uppercase())),
                        ascii: ascii.then(|| chars.map(|c| c.to_ascii_lowercase() as u8).collect()),
                    }
                })
                .collect(),
            exact: query.code_like().map(str::to_lowercase),
            categories: query
                .categories
                .iter()
                .map(|c| fold(c).to_lowercase())
                .collect(),
            first_pass,
        };
        let within = within.map(|rows| {
            let mut bits = vec![0u64; self.len().div_ceil(64)];
            for &r in rows {
                if let Some(w) = bits.get_mut(r as usize / 64) {
                    *w |= 1 << (r % 64);
                }
            }
            bits
        });
        let within = within.as_deref();

        let blocks = self.len().div_ceil(BLOCK);
        let threads = std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .min(8)
            .min(blocks);
        let next = AtomicUsize::new(0);
        // Each worker takes the next block until none are left; blocks come back in order, so
        // the hits are in row order.
        let work = || -> Option<Vec<(usize, Vec<Hit>)>> {
            let mut scratch = Scratch {
                matcher: Matcher::new(Config::DEFAULT),
                chars: Vec::new(),
            };
            let mut done = Vec::new();
            loop {
                let b = next.fetch_add(1, Ordering::Relaxed);
                if b >= blocks {
                    return Some(done);
                }
                if cancel.load(Ordering::Relaxed) {
                    return None;
                }
                let mut hits = Vec::new();
                let rows = b * BLOCK..((b + 1) * BLOCK).min(self.len());
                self.search_block(&search, rows, within, &mut scratch, &mut hits);
                done.push((b, hits));
            }
        };
        let mut parts = if threads <= 1 {
            work()?
        } else {
            std::thread::scope(|s| {
                let workers: Vec<_> = (0..threads).map(|_| s.spawn(work)).collect();
                let mut all = Vec::new();
                for w in workers {
                    all.extend(w.join().expect("search worker panicked")?);
                }
                Some(all)
            })?
        };
        parts.sort_unstable_by_key(|&(b, _)| b);
        let mut hits = Vec::with_capacity(parts.iter().map(|(_, h)| h.len()).sum());
        for (_, part) in parts {
            hits.extend(part);
        }
        if search.atoms.is_empty() || first_pass == Score::Full {
            return Some(rank(hits));
        }
        // The best by the greedy score get the full score, and are ranked by it.
        let mut hits = rank(hits);
        let best = hits.len().min(full);
        self.full_scores(&search, &mut hits[..best], threads, cancel)?;
        hits[..best].sort_unstable_by(|a, b| {
            b.exact_code
                .cmp(&a.exact_code)
                .then(b.score.cmp(&a.score))
                .then(a.row.cmp(&b.row))
        });
        Some(hits)
    }

    /// Replaces the scores of `hits` by nucleo's full scores.
    fn full_scores(
        &self,
        search: &Search,
        hits: &mut [Hit],
        threads: usize,
        cancel: &AtomicBool,
    ) -> Option<()> {
        let rescore = |hits: &mut [Hit]| -> Option<()> {
            let mut scratch = Scratch {
                matcher: Matcher::new(Config::DEFAULT),
                chars: Vec::new(),
            };
            for (n, hit) in hits.iter_mut().enumerate() {
                if n % 1024 == 0 && cancel.load(Ordering::Relaxed) {
                    return None;
                }
                let (table, i) = self.locate(hit.row);
                // Both scores match the same rows; keep the greedy one if that ever failed.
                if let Some(full) = match_row(table, i, hit.row, search, &mut scratch, Score::Full)
                {
                    hit.score = full.score;
                }
            }
            Some(())
        };
        if threads <= 1 || hits.len() < 2048 {
            return rescore(hits);
        }
        let chunk = hits.len().div_ceil(threads);
        std::thread::scope(|s| {
            let workers: Vec<_> = hits
                .chunks_mut(chunk)
                .map(|part| s.spawn(|| rescore(part)))
                .collect();
            workers
                .into_iter()
                .map(|w| w.join().expect("search worker panicked"))
                .collect::<Option<Vec<()>>>()
        })?;
        Some(())
    }

    /// Matches the rows `rows` (those in `within`, if given), in order, into `out`.
    fn search_block(
        &self,
        search: &Search,
        rows: std::ops::Range<usize>,
        within: Option<&[u64]>,
        scratch: &mut Scratch,
        out: &mut Vec<Hit>,
    ) {
        if rows.is_empty() {
            return;
        }
        let mut v = self.row_vendor(rows.start as RowId);
        while v < self.vendors.len() && (self.starts[v] as usize) < rows.end {
            let start = rows.start.max(self.starts[v] as usize);
            let end = rows.end.min(self.starts[v + 1] as usize);
            if search.vendor_ok[v] && start < end {
                let table = self.vendor_table(v);
                let base = self.starts[v] as usize;
                let mut one = |row: usize| {
                    if let Some(hit) = match_row(
                        table,
                        row - base,
                        row as RowId,
                        search,
                        scratch,
                        search.first_pass,
                    ) {
                        out.push(hit);
                    }
                };
                match within {
                    None => (start..end).for_each(&mut one),
                    Some(bits) => for_each_set(bits, start, end, one),
                }
            }
            v += 1;
        }
    }

    /// Which vendors pass the query's `vendor:` terms (prefix of id, name or alias).
    fn vendor_filter(&self, query: &Query) -> Vec<bool> {
        (0..self.vendors.len())
            .map(|i| {
                if query
                    .vendor_id
                    .as_ref()
                    .is_some_and(|id| *id != self.vendors[i].id)
                {
                    return false;
                }
                query.vendors.is_empty() || {
                    let v = self.vendor_table(i).vendor();
                    let names: Vec<String> = std::iter::once(&v.id)
                        .chain(std::iter::once(&v.name))
                        .chain(v.aliases.iter())
                        .map(|n| fold(n).to_lowercase())
                        .collect();
                    query.vendors.iter().any(|q| {
                        let q = fold(q).to_lowercase();
                        names.iter().any(|n| n.starts_with(&q))
                    })
                }
            })
            .collect()
    }
}

/// Calls `f` with each row in `start..end` whose bit is set.
fn for_each_set(bits: &[u64], start: usize, end: usize, mut f: impl FnMut(usize)) {
    let mut word = start / 64;
    let mut w = bits[word] & (!0u64 << (start % 64));
    loop {
        while w != 0 {
            let row = word * 64 + w.trailing_zeros() as usize;
            if row >= end {
                return;
            }
            f(row);
            w &= w - 1;
        }
        word += 1;
        if word * 64 >= end {
            return;
        }
        w = bits[word];
    }
}

/// Row `i` of `table` (`row` in the view) if it matches, with its score of the kind asked.
fn match_row(
    table: &Table,
    i: usize,
    row: RowId,
    search: &Search,
    scratch: &mut Scratch,
    kind: Score,
) -> Option<Hit> {
    let query = search.query;
    if !query.statuses.is_empty()
        && !table
            .http_status(i)
            .is_some_and(|s| query.statuses.iter().any(|f| f.matches(s)))
    {
        return None;
    }
    let code = if query.code_prefixes.is_empty() && search.exact.is_none() {
        ""
    } else {
        table.code(i)
    };
    if !query.code_prefixes.is_empty()
        && !query.code_prefixes.iter().any(|p| {
            code.len() >= p.len() && code.as_bytes()[..p.len()].eq_ignore_ascii_case(p.as_bytes())
        })
    {
        return None;
    }
    if !search.categories.is_empty() {
        let cat = fold(table.field(i, Field::Category).unwrap_or("")).to_lowercase();
        let sub = fold(table.field(i, Field::Subcategory).unwrap_or("")).to_lowercase();
        if !search
            .categories
            .iter()
            .any(|c| cat.contains(c) || sub.contains(c))
        {
            return None;
        }
    }
    let exact_code = search
        .exact
        .as_deref()
        .is_some_and(|x| code.eq_ignore_ascii_case(x));
    if search.atoms.is_empty() {
        return Some(Hit {
            row,
            score: 0,
            exact_code,
        });
    }
    // Each atom must match one of the two haystacks; the row's score is the sum of the best.
    // A negative atom must match neither.
    let hay = table.haystack(i);
    // For the full score, most rows miss some word: find out cheaply before scoring any (the
    // full score finds the best of all the ways a word matches, which costs many times more).
    // The greedy score is that cheap test and a score; it goes through the words last first,
    // the word being typed, which the rows of a narrowed search (`within`) lack when they
    // fail, so a failing row costs one test.
    if kind == Score::Full {
        let wide_cannot_match = !hay.has_wide || hay.wide_cjk;
        for w in &search.atoms {
            if let Some(needle) = &w.ascii
                && !w.atom.negative
                && wide_cannot_match
                && !in_order(needle, hay.ascii)
            {
                return None;
            }
        }
    }
    let mut chars_ready = false;
    let mut score = 0u32;
    let words: &mut dyn Iterator<Item = &Word> = match kind {
        Score::Full => &mut search.atoms.iter(),
        Score::Greedy => &mut search.atoms.iter().rev(),
    };
    for word in words {
        let atom = word.atom;
        let greedy = match word.greedy_ignore_case {
            Some(ignore_case) if kind == Score::Greedy => {
                // What `Atom::score` sets before matching.
                scratch.matcher.config.ignore_case = ignore_case;
                scratch.matcher.config.normalize = true;
                true
            }
            _ => false,
        };
        let score_in = |hay: Utf32Str<'_>, matcher: &mut Matcher| {
            if greedy {
                matcher.fuzzy_match_greedy(hay, atom.needle_text())
            } else {
                atom.score(hay, matcher)
            }
        };
        let a = score_in(Utf32Str::Ascii(hay.ascii), &mut scratch.matcher);
        let w = if !hay.has_wide || (word.ascii.is_some() && hay.wide_cjk) {
            // Nothing there for this atom: what matching would say when it finds nothing.
            atom.negative.then_some(0)
        } else {
            if !chars_ready {
                scratch.chars.clear();
                scratch.chars.extend(table.wide(i).chars());
                chars_ready = true;
            }
            score_in(Utf32Str::Unicode(&scratch.chars), &mut scratch.matcher)
        };
        if atom.negative {
            // `score` is `None` when the excluded text is there.
            if a.is_none() || w.is_none() {
                return None;
            }
            continue;
        }
        score += match (a, w) {
            (Some(a), Some(w)) => a.max(w),
            (Some(x), None) | (None, Some(x)) => x,
            (None, None) => return None,
        } as u32;
    }
    Some(Hit {
        row,
        score,
        exact_code,
    })
}

/// Whether `haystack` holds the bytes of `needle` (lower-case ASCII) in order, in any case:
/// true whenever nucleo could match the word, whatever its kind. (A plain loop: haystacks are
/// a hundred bytes or so, where a `memchr` call per needle byte costs more than it saves.)
fn in_order(needle: &[u8], haystack: &[u8]) -> bool {
    let mut rest = needle.iter();
    let Some(mut want) = rest.next() else {
        return true;
    };
    for &b in haystack {
        if b.to_ascii_lowercase() == *want {
            match rest.next() {
                Some(next) => want = next,
                None => return true,
            }
        }
    }
    false
}

/// Sorts hits (given in row order) by exact code match, then score, both descending, then row:
/// a stable counting sort on (exact, score), linear in the hits where a comparison sort of a
/// million hits would take most of a keystroke's time.
fn rank(hits: Vec<Hit>) -> Vec<Hit> {
    let (Some(lo), Some(hi)) = (
        hits.iter().map(|h| h.score).min(),
        hits.iter().map(|h| h.score).max(),
    ) else {
        return hits;
    };
    let span = (hi - lo) as usize + 1;
    if span > hits.len().max(1 << 16) {
        let mut hits = hits;
        hits.sort_unstable_by(|a, b| {
            b.exact_code
                .cmp(&a.exact_code)
                .then(b.score.cmp(&a.score))
                .then(a.row.cmp(&b.row))
        });
        return hits;
    }
    // Bucket 0 is the best: exact hits with the highest score.
    let bucket = |h: &Hit| (!h.exact_code as usize) * span + (hi - h.score) as usize;
    let mut starts = vec![0usize; 2 * span + 1];
    for h in &hits {
        starts[bucket(h) + 1] += 1;
    }
    if starts.iter().filter(|&&n| n > 0).count() <= 1 {
        return hits;
    }
    for b in 0..2 * span {
        starts[b + 1] += starts[b];
    }
    let mut out = vec![
        Hit {
            row: 0,
            score: 0,
            exact_code: false
        };
        hits.len()
    ];
    for h in hits {
        let slot = &mut starts[bucket(&h)];
        out[*slot] = h;
        *slot += 1;
    }
    out
}

/// Finds which characters of displayed text the query's free text matched, for highlighting.
pub struct Highlighter {
    pattern: Option<Pattern>,
    matcher: Matcher,
}

impl Highlighter {
    pub fn new(query_text: &str) -> Highlighter {
        let pattern = (!query_text.trim().is_empty())
            .then(|| Pattern::parse(&fold(query_text), CaseMatching::Smart, Normalization::Smart));
        Highlighter {
            pattern,
            matcher: Matcher::new(Config::DEFAULT),
        }
    }

    /// Sorted char positions in `text` (folded the same way as the search) that matched.
    pub fn indices(&mut self, text: &str) -> Vec<u32> {
        let Some(pattern) = &self.pattern else {
            return Vec::new();
        };
        let folded = fold(text);
        let mut buf = Vec::new();
        let hay = Utf32Str::new(&folded, &mut buf);
        let mut indices = Vec::new();
        for atom in pattern.atoms.iter().filter(|a| !a.negative) {
            atom.indices(hay, &mut self.matcher, &mut indices);
        }
        indices.sort_unstable();
        indices.dedup();
        indices
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hit(row: RowId, score: u32, exact_code: bool) -> Hit {
        Hit {
            row,
            score,
            exact_code,
        }
    }

    #[test]
    fn ranking_is_exact_then_score_then_row() {
        let hits = vec![
            hit(0, 5, false),
            hit(1, 9, false),
            hit(2, 1, true),
            hit(3, 9, false),
            hit(4, 5, true),
            hit(5, 0, false),
        ];
        let mut expected = hits.clone();
        expected.sort_by(|a, b| {
            b.exact_code
                .cmp(&a.exact_code)
                .then(b.score.cmp(&a.score))
                .then(a.row.cmp(&b.row))
        });
        assert_eq!(rank(hits.clone()), expected);
        // Scores too far apart for buckets take the comparison sort, with the same order.
        let mut wide = hits;
        wide[0].score = 1 << 20;
        let mut expected = wide.clone();
        expected.sort_by(|a, b| {
            b.exact_code
                .cmp(&a.exact_code)
                .then(b.score.cmp(&a.score))
                .then(a.row.cmp(&b.row))
        });
        assert_eq!(rank(wide), expected);
        assert!(rank(Vec::new()).is_empty());
    }

    #[test]
    fn words_in_order_any_case() {
        assert!(in_order(b"tokn", b"The Token expired"));
        assert!(in_order(b"", b""));
        assert!(!in_order(b"tokn", b"not k"));
        assert!(in_order(b"4x_", b"code 4X_1"));
    }

    #[test]
    fn set_bits_are_visited_in_range() {
        let mut bits = vec![0u64; 3];
        for r in [0usize, 5, 63, 64, 100, 150, 191] {
            bits[r / 64] |= 1 << (r % 64);
        }
        let mut seen = Vec::new();
        for_each_set(&bits, 5, 151, |r| seen.push(r));
        assert_eq!(seen, [5, 63, 64, 100, 150]);
        seen.clear();
        for_each_set(&bits, 0, 192, |r| seen.push(r));
        assert_eq!(seen, [0, 5, 63, 64, 100, 150, 191]);
    }

    /// Every row's full score, ranked: what search gives when no pass is cut short.
    fn brute_force(index: &Index, q: &Query) -> Vec<Hit> {
        let pattern = Pattern::parse(&fold(&q.text), CaseMatching::Smart, Normalization::Smart);
        let search = Search {
            query: q,
            vendor_ok: index.vendor_filter(q),
            atoms: pattern
                .atoms
                .iter()
                .map(|atom| Word {
                    atom,
                    ascii: None,
                    greedy_ignore_case: None,
                })
                .collect(),
            exact: q.code_like().map(str::to_lowercase),
            categories: q
                .categories
                .iter()
                .map(|c| fold(c).to_lowercase())
                .collect(),
            first_pass: Score::Full,
        };
        let mut scratch = Scratch {
            matcher: Matcher::new(Config::DEFAULT),
            chars: Vec::new(),
        };
        let hits = (0..index.len() as RowId)
            .filter(|&r| search.vendor_ok[index.row_vendor(r)])
            .filter_map(|r| {
                let (t, i) = index.locate(r);
                match_row(t, i, r, &search, &mut scratch, Score::Full)
            })
            .collect();
        let mut hits: Vec<Hit> = hits;
        hits.sort_by(|a, b| {
            b.exact_code
                .cmp(&a.exact_code)
                .then(b.score.cmp(&a.score))
                .then(a.row.cmp(&b.row))
        });
        hits
    }

    #[test]
    fn search_ranks_by_the_full_score() {
        let index = Index::embedded();
        for q in [
            "tokn exprd",
            "1004",
            "t",
            "錯誤",
            "错误 token",
            "'token !expired",
            "v:pix s:4xx 請",
            "^inv",
            "failed$",
            "cat:認證",
            "Token",
            "",
        ] {
            let q = Query::parse(q).unwrap();
            let exact = brute_force(&index, &q);
            assert_eq!(index.search(&q), exact, "{q:?}");
            // Fewer hits than FULL_SCORES: the TUI's two passes rank the same.
            let tui = index.search_cancellable(&q, None, &AtomicBool::new(false));
            assert_eq!(tui.unwrap(), exact, "{q:?}");
        }
    }

    #[test]
    fn beyond_the_full_scores_results_stay_complete() {
        let words = [
            "token", "expired", "invalid", "request", "failed", "quota", "exceeded",
        ];
        let entries = (0..2 * FULL_SCORES)
            .map(|i| crate::catalog::Entry {
                code: format!("{}", 10000 + i),
                http_status: Some(400),
                category: None,
                subcategory: None,
                message: Some(format!(
                    "{} {} {}",
                    words[i % 7],
                    words[i / 7 % 7],
                    words[i / 49 % 7]
                )),
                description: None,
                fix: None,
                summary_en: None,
            })
            .collect();
        let catalog = crate::catalog::Catalog {
            json_schema: None,
            schema: 1,
            vendor: serde_json::from_str(r#"{"id":"syn","name":"Syn"}"#).unwrap(),
            edition: serde_json::from_str(r#"{"id":"1"}"#).unwrap(),
            envelope: None,
            entries,
        };
        let table = Table::from_catalog(catalog, crate::catalog::Origin::Embedded("t")).unwrap();
        let index = Index::from_tables(vec![table]);
        let q = Query::parse("ex").unwrap();
        let hits = index
            .search_cancellable(&q, None, &AtomicBool::new(false))
            .unwrap();
        let exact = brute_force(&index, &q);
        assert_eq!(index.search(&q), exact);
        assert!(hits.len() > FULL_SCORES);
        let set = |h: &[Hit]| {
            let mut rows: Vec<RowId> = h.iter().map(|h| h.row).collect();
            rows.sort_unstable();
            rows
        };
        assert_eq!(set(&hits), set(&exact));
        // The first FULL_SCORES carry full scores, in order.
        let full: std::collections::HashMap<RowId, u32> =
            exact.iter().map(|h| (h.row, h.score)).collect();
        for pair in hits[..FULL_SCORES].windows(2) {
            assert_eq!(pair[0].score, full[&pair[0].row]);
            assert!(
                (pair[0].score, std::cmp::Reverse(pair[0].row))
                    > (pair[1].score, std::cmp::Reverse(pair[1].row))
            );
        }
    }

    #[test]
    fn excluded_words_drop_rows_that_have_them_anywhere() {
        let index = Index::embedded();
        let hits = index.search(&Query::parse("!token").unwrap());
        assert!(!hits.is_empty());
        for h in hits {
            let e = index.get(h.row).entry;
            let text = format!("{e:?}").to_lowercase();
            assert!(!text.contains("token"), "{text}");
        }
    }
}
