//! Fuzzy search over the default view: each row's haystacks are matched where they lie in the
//! packed tables, in parallel blocks, and the hits are ranked with a counting sort on the score.
//!
//! [`Index::search`] (the CLI's) ranks every hit by nucleo's full score. The TUI's
//! [`Index::search_cancellable`] must answer within a keystroke at a million rows, where the
//! full score of every row costs about a second for a one- or two-letter word, so it ranks the
//! best [`FULL_SCORES`] hits by the full score and leaves the rest in catalog order:
//!
//! 1. A first pass scores the matching rows: the first [`FULL_FIRST_BLOCKS`] blocks with the
//!    full score (fewer when the first two show too few rows at the bound, below), the others
//!    with nucleo's greedy score (linear, and it matches exactly the same rows). No row can
//!    score more than a word's *bound*, the score of the word right after a space; once the
//!    blocks before some point hold [`FULL_SCORES`] rows at the bound, no later row can rank
//!    among the best (ties go to the earlier row), and later blocks only test whether rows
//!    match, which costs a fraction of scoring them.
//! 2. The best [`FULL_SCORES`] by the first pass's score get the full score and are ranked by
//!    it; the other hits follow in catalog order, with score 0.
//!
//! The results are complete either way, and the same as the CLI's up to [`FULL_SCORES`] hits.

use super::table::{Field, Table};
use super::{Hit, Index, RowId};
use crate::fold::fold;
use crate::query::Query;
use nucleo_matcher::pattern::{Atom, AtomKind, CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

/// Rows per unit of work: small enough to share out evenly and to notice a cancel quickly.
const BLOCK: usize = 1 << 12;

/// How many hits get nucleo's full score in the TUI's search (see the module documentation).
pub const FULL_SCORES: usize = 1_000;

/// How many blocks the TUI's first pass gives the full score (when words have a bound, see the
/// module documentation) before it falls back to the greedy score.
const FULL_FIRST_BLOCKS: usize = 8;

/// Which score a pass computes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Score {
    /// No score: only whether the row matches (rows that cannot rank among the best).
    Membership,
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
    /// The most a row can score in the greedy pass, when every word has a known bound.
    bound: Option<u32>,
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
        let atoms: Vec<Word> = pattern
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
            .collect();
        let search = Search {
            query,
            vendor_ok: self.vendor_filter(query),
            exact: query.code_like().map(str::to_lowercase),
            categories: query
                .categories
                .iter()
                .map(|c| fold(c).to_lowercase())
                .collect(),
            first_pass,
            bound: (first_pass == Score::Greedy)
                .then(|| greedy_bound(&atoms))
                .flatten(),
            atoms,
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
        let prefix = std::sync::Mutex::new(Prefix {
            at_bound: vec![None; blocks],
            done: 0,
            total: 0,
            more_full: None,
        });
        // Signalled as blocks are recorded.
        let recorded = std::sync::Condvar::new();
        // Blocks from here on only test membership (see the module documentation).
        let unranked_from = AtomicUsize::new(usize::MAX);
        // Whether blocks after the first two get the full score (see `Prefix::more_full`):
        // waits for those two, so the answer, and the results, do not depend on timing.
        let more_full = || {
            let mut p = prefix.lock().expect("search worker panicked");
            loop {
                if let Some(more) = p.more_full {
                    return more;
                }
                if cancel.load(Ordering::Relaxed) {
                    return false;
                }
                p = recorded
                    .wait_timeout(p, std::time::Duration::from_millis(1))
                    .expect("search worker panicked")
                    .0;
            }
        };
        // Each worker takes the next block until none are left; blocks come back in order, so
        // the hits are in row order.
        let work = || -> Option<Vec<(usize, Vec<Hit>, Score)>> {
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
                let kind = if b >= unranked_from.load(Ordering::Relaxed) {
                    Score::Membership
                } else if search.bound.is_some() && b < FULL_FIRST_BLOCKS && (b < 2 || more_full())
                {
                    Score::Full
                } else {
                    search.first_pass
                };
                let mut hits = Vec::new();
                let rows = b * BLOCK..((b + 1) * BLOCK).min(self.len());
                self.search_block(&search, rows, within, kind, &mut scratch, &mut hits);
                if let Some(bound) = search.bound {
                    let at_bound = hits
                        .iter()
                        .filter(|h| !h.exact_code && h.score == bound)
                        .count();
                    let mut p = prefix.lock().expect("search worker panicked");
                    if let Some(end) = p.add(b, at_bound, full) {
                        unranked_from.fetch_min(end, Ordering::Relaxed);
                    }
                    recorded.notify_all();
                }
                done.push((b, hits, kind));
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
        parts.sort_unstable_by_key(|&(b, _, _)| b);
        let total = parts.iter().map(|(_, h, _)| h.len()).sum();
        let mut out = Vec::with_capacity(total);
        if search.atoms.is_empty() || first_pass == Score::Full {
            for (_, part, _) in parts {
                out.extend(part);
            }
            return Some(rank(out));
        }
        // The best by the first pass's score get the full score, and are ranked by it; rows
        // that were only tested for membership rank after them (exact code hits are scored).
        let candidates = parts.iter().flat_map(|(_, hits, kind)| {
            hits.iter()
                .filter(move |h| *kind != Score::Membership || h.exact_code)
        });
        let mut best = best_of(candidates.copied().collect(), full);
        let mut chosen: Vec<RowId> = best.iter().map(|h| h.row).collect();
        chosen.sort_unstable();
        self.full_scores(&search, &mut best, threads, cancel)?;
        best.sort_unstable_by(ranked);
        out.extend(best);
        // The rest in row order, unranked: with no score (the first pass's would differ with
        // the timing of the threads).
        let mut chosen = chosen.into_iter().peekable();
        for (_, mut part, _) in parts {
            part.iter_mut().for_each(|h| h.score = 0);
            match (chosen.peek(), part.last()) {
                (Some(&next), Some(last)) if next <= last.row => {
                    for h in part {
                        if chosen.next_if_eq(&h.row).is_none() {
                            out.push(h);
                        }
                    }
                }
                _ => out.extend(part),
            }
        }
        Some(out)
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
        kind: Score,
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
                    if let Some(hit) =
                        match_row(table, row - base, row as RowId, search, scratch, kind)
                    {
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

/// The blocks done so far, for finding the point after which no row can rank among the best.
struct Prefix {
    /// For each block done: its hits at the bound (not exact code hits, which rank first).
    at_bound: Vec<Option<usize>>,
    /// Blocks `0..done` are all done, with `total` hits at the bound.
    done: usize,
    total: usize,
    /// Whether blocks after the first two get the full score, known once those two are done.
    more_full: Option<bool>,
}

impl Prefix {
    /// Records block `b`; returns the block from which rows cannot rank among the `best`, once
    /// the blocks before it hold that many hits at the bound.
    fn add(&mut self, b: usize, at_bound: usize, best: usize) -> Option<usize> {
        self.at_bound[b] = Some(at_bound);
        while let Some(Some(n)) = self.at_bound.get(self.done) {
            self.total += n;
            self.done += 1;
            if self.done == 2 {
                // At the rate of the first two blocks, would the blocks that get the full score
                // hold `best` hits at the bound? If not, the full score is only cost.
                self.more_full = Some(self.total * FULL_FIRST_BLOCKS >= best * 2);
            }
        }
        (self.total >= best).then_some(self.done)
    }
}

/// The most the greedy pass can score a row: for each word, the score of as many letters right
/// after a space, where every character scores its most (the first at the start of a word, the
/// rest consecutive with it). `None` when a word is not plain ASCII fuzzy text (those are
/// scored by other rules).
fn greedy_bound(words: &[Word]) -> Option<u32> {
    let matcher = &mut Matcher::new(Config::DEFAULT);
    let mut total = 0u32;
    for word in words.iter().filter(|w| !w.atom.negative) {
        word.greedy_ignore_case?;
        let letters = "a".repeat(word.atom.needle_text().len());
        let hay = format!(" {letters}");
        let score = matcher.fuzzy_match_greedy(
            Utf32Str::Ascii(hay.as_bytes()),
            Utf32Str::Ascii(letters.as_bytes()),
        )?;
        total += score as u32;
    }
    Some(total)
}

/// The best `n` of `hits` by (exact code, score, row), in no particular order.
fn best_of(mut hits: Vec<Hit>, n: usize) -> Vec<Hit> {
    if hits.len() > n && n > 0 {
        hits.select_nth_unstable_by(n - 1, ranked);
    }
    hits.truncate(n);
    hits
}

/// The order of results: exact code hits, then higher scores, then catalog order.
fn ranked(a: &Hit, b: &Hit) -> std::cmp::Ordering {
    b.exact_code
        .cmp(&a.exact_code)
        .then(b.score.cmp(&a.score))
        .then(a.row.cmp(&b.row))
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
    // Exact code hits rank first whatever comes before them: they always get their score.
    let kind = match kind {
        Score::Membership if exact_code => Score::Greedy,
        kind => kind,
    };
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
    let unicode_cannot_match = !hay.has_unicode || hay.unicode_cjk;
    // For the full score, most rows miss some word: find out cheaply before scoring any (the
    // full score finds the best of all the ways a word matches, which costs many times more).
    // The greedy score is that cheap test and a score; it goes through the words last first,
    // the word being typed, which the rows of a narrowed search (`within`) lack when they
    // fail, so a failing row costs one test.
    if kind == Score::Full {
        for w in &search.atoms {
            if let Some(needle) = &w.ascii
                && !w.atom.negative
                && unicode_cannot_match
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
        Score::Greedy | Score::Membership => &mut search.atoms.iter().rev(),
    };
    for word in words {
        let atom = word.atom;
        if kind == Score::Membership
            && word.greedy_ignore_case == Some(true)
            && unicode_cannot_match
            && let Some(needle) = &word.ascii
        {
            // All nucleo would find out about this word here: whether it is there.
            if !in_order(needle, hay.ascii) {
                return None;
            }
            continue;
        }
        let greedy = match word.greedy_ignore_case {
            Some(ignore_case) if kind != Score::Full => {
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
        let w = if !hay.has_unicode || (word.ascii.is_some() && hay.unicode_cjk) {
            // Nothing there for this atom: what matching would say when it finds nothing.
            atom.negative.then_some(0)
        } else {
            if !chars_ready {
                scratch.chars.clear();
                scratch.chars.extend(table.unicode(i).chars());
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
        score: if kind == Score::Membership { 0 } else { score },
        exact_code,
    })
}

/// Whether `haystack` holds the bytes of `needle` (lower-case ASCII) in order, in any case:
/// true whenever nucleo could match the word, whatever its kind.
fn in_order(needle: &[u8], haystack: &[u8]) -> bool {
    let mut rest = haystack;
    for &want in needle {
        let found = if want.is_ascii_lowercase() {
            memchr::memchr2(want, want.to_ascii_uppercase(), rest)
        } else {
            memchr::memchr(want, rest)
        };
        match found {
            Some(at) => rest = &rest[at + 1..],
            None => return false,
        }
    }
    true
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
        hits.sort_unstable_by(ranked);
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

    proptest::proptest! {
        /// The bound pruning relies on: no haystack scores a word more than the word right
        /// after a space, by the greedy score or the full one.
        #[test]
        fn no_row_scores_above_the_bound(
            hay in "[abAB1 _/.:,錯誤ａ-]{0,30}",
            needle in "[abAB1_.-]{1,5}",
        ) {
            let pattern = Pattern::parse(&needle, CaseMatching::Smart, Normalization::Smart);
            let atom = &pattern.atoms[0];
            let words = [Word {
                atom,
                ascii: None,
                greedy_ignore_case: Some(!needle.bytes().any(|b| b.is_ascii_uppercase())),
            }];
            let bound = greedy_bound(&words).unwrap();
            let mut matcher = Matcher::new(Config::DEFAULT);
            matcher.config.ignore_case = words[0].greedy_ignore_case.unwrap();
            let mut buf = Vec::new();
            let hay = Utf32Str::new(&hay, &mut buf);
            if let Some(greedy) = matcher.fuzzy_match_greedy(hay, atom.needle_text()) {
                proptest::prop_assert!(greedy as u32 <= bound, "greedy {greedy} > {bound}");
            }
            if let Some(full) = atom.score(hay, &mut matcher) {
                proptest::prop_assert!(full as u32 <= bound, "full {full} > {bound}");
            }
        }
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
            bound: None,
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

    /// A vendor of `n` rows whose messages are three of a few words: many rows hold "ex" at
    /// the start of a word (at the bound), every row holds "xp" inside a word only; one row in
    /// 29 has "zo" at the start of a word, and more have it inside one ("ozone"). Some rows have
    /// full-width or CJK descriptions.
    fn synthetic(n: usize) -> Index {
        let words = [
            "token", "expired", "invalid", "request", "failed", "quota", "exceeded",
        ];
        let entries = (0..n)
            .map(|i| crate::catalog::Entry {
                code: format!("{}", 10000 + i),
                http_status: Some(400),
                category: None,
                subcategory: None,
                message: Some(format!(
                    "{} {} {}{}",
                    words[i % 7],
                    words[i / 7 % 7],
                    words[i / 49 % 7],
                    match (i % 29, i % 5) {
                        (0, _) => " zone",
                        (_, 0) => " ozone",
                        _ => "",
                    }
                )),
                // Wide text: full-width letters (folded to ASCII, so words can match there
                // too), and CJK only.
                description: match (i % 13, i % 17) {
                    (0, _) => Some(crate::catalog::Text::One(
                        "ｚｏｎｅ ｅｘｐｉｒｅｄ 過期".into(),
                    )),
                    (_, 0) => Some(crate::catalog::Text::One("錯誤".into())),
                    _ => None,
                },
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
        Index::from_tables(vec![table])
    }

    #[test]
    fn beyond_the_full_scores_results_stay_complete() {
        // More rows than the first pass gives the full score, so later blocks are scored
        // greedily or only tested.
        let index = synthetic(FULL_FIRST_BLOCKS * BLOCK + 3 * BLOCK);
        let in_row_order = |h: &[Hit]| h.windows(2).all(|p| p[0].row < p[1].row);
        // "ex": many rows at the bound, in the first block; "zo": fewer, over a few blocks;
        // "xp": none at the bound; the last row's code: an exact code hit in a block that is
        // never scored; "ex !quota": a filter.
        let last_code = format!("{}", 10000 + index.len() - 1);
        for text in [
            "ex",
            "zo",
            "ted",
            "xp",
            &last_code,
            "ex !quota",
            "zon 过期",
            "錯",
        ] {
            let q = Query::parse(text).unwrap();
            let hits = index
                .search_cancellable(&q, None, &AtomicBool::new(false))
                .unwrap();
            let exact = index.search(&q);
            assert_eq!(hits.len(), exact.len(), "{text}");
            let set = |h: &[Hit]| {
                let mut rows: Vec<RowId> = h.iter().map(|h| h.row).collect();
                rows.sort_unstable();
                rows
            };
            assert_eq!(set(&hits), set(&exact), "{text}");
            let best = hits.len().min(FULL_SCORES);
            // The best carry full scores, ranked; the rest follow in row order.
            let full: std::collections::HashMap<RowId, u32> =
                exact.iter().map(|h| (h.row, h.score)).collect();
            for pair in hits[..best].windows(2) {
                assert_eq!(pair[0].score, full[&pair[0].row], "{text}");
                assert!(
                    (
                        pair[0].exact_code,
                        pair[0].score,
                        std::cmp::Reverse(pair[0].row)
                    ) > (
                        pair[1].exact_code,
                        pair[1].score,
                        std::cmp::Reverse(pair[1].row)
                    ),
                    "{text}"
                );
            }
            assert!(in_row_order(&hits[best..]), "{text}");
            assert!(hits[best..].iter().all(|h| h.score == 0), "{text}");
            if text == "ex" || text == "zo" || text == last_code {
                // Enough rows reach the bound early (or the code is exact): the best are the
                // CLI's best, though later rows were never scored.
                let diff = (0..best).find(|&i| hits[i] != exact[i]);
                assert_eq!(diff.map(|i| (i, hits[i], exact[i])), None, "{text}");
            }
            // Again: the same (which blocks get which score never depends on thread timing).
            for _ in 0..2 {
                let rerun = index.search_cancellable(&q, None, &AtomicBool::new(false));
                assert!(rerun.as_ref() == Some(&hits), "{text}: another run differs");
            }
            // Narrowing to the results gives the same.
            let within: Vec<RowId> = hits.iter().map(|h| h.row).collect();
            let again = index
                .search_cancellable(&q, Some(&within), &AtomicBool::new(false))
                .unwrap();
            let diff = (0..hits.len()).find(|&i| hits[i] != again[i]);
            assert_eq!(diff.map(|i| (i, hits[i], again[i])), None, "{text}");
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
