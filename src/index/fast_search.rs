//! The explorer's search, for speed only: it must answer within a keystroke at a million rows,
//! where the full score of every row (the plain path, `search`) costs about a second for a one-
//! or two-letter word. So it ranks the best [`FULL_SCORES`] hits by the full score and leaves
//! the rest in catalog order:
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
//! The results are complete either way, and the same as the plain path's up to
//! [`FULL_SCORES`] hits; the tests check both against it.

use super::search::{BLOCK, Scratch, Search, fuzzy_cap, in_order, is_plain_fuzzy, ranked};
use super::table::Table;
use super::tiers::tier;
use super::{Hit, Index};
use crate::query::Query;
use nucleo_matcher::pattern::Atom;
use nucleo_matcher::{Config, Matcher, Utf32Str};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex};

/// How many hits get nucleo's full score.
pub const FULL_SCORES: usize = 1_000;

/// How many blocks the first pass gives the full score (when words have a bound) before it
/// falls back to the greedy score.
const FULL_FIRST_BLOCKS: usize = 8;

/// Which score a pass computes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Score {
    /// No score: only whether the row matches (rows that cannot rank among the best).
    Membership,
    Greedy,
    Full,
}

/// A search word, with what the greedy matcher and the membership test need to know.
struct Word<'a> {
    atom: &'a Atom,
    /// The word is ASCII without spaces (see `search::ascii_needle`).
    ascii: bool,
    /// Lower-case needle of a plain fuzzy ASCII word.
    needle: Option<&'a [u8]>,
    /// Whether a plain fuzzy word ignores case (no capitals in it, as nucleo's smart case
    /// decides), for calling the greedy matcher directly.
    ignore_case: bool,
}

impl Index {
    /// Like [`Index::search`], for each keystroke of the explorer: giving up with `None` when
    /// `cancel` is set (a newer keystroke arrived), and with the fuzzy tier's full score for
    /// the best [`FULL_SCORES`] rows only (see the module documentation).
    pub fn search_cancellable(&self, query: &Query, cancel: &AtomicBool) -> Option<Vec<Hit>> {
        let search = Search::new(self, query);
        let base = self.base_hits(&search, cancel)?;
        let fuzzy = match fuzzy_cap(&search, &base) {
            Some(_) => self.fuzzy_best(&search, cancel)?,
            None => Vec::new(),
        };
        Some(self.finish(&search, base, fuzzy))
    }

    /// The fuzzy tier's best [`FULL_SCORES`] rows, with their full scores.
    fn fuzzy_best(&self, search: &Search, cancel: &AtomicBool) -> Option<Vec<Hit>> {
        let words: Vec<Word> = search
            .atoms()
            .iter()
            .zip(&search.needles)
            .map(|(atom, needle)| {
                let text = atom.needle_text();
                Word {
                    atom,
                    ascii: needle.is_some(),
                    needle: needle.as_deref().filter(|_| is_plain_fuzzy(atom)),
                    ignore_case: !(0..text.len()).any(|i| text.get(i as u32).is_ascii_uppercase()),
                }
            })
            .collect();
        let bound = greedy_bound(&words);
        let blocks = self.len().div_ceil(BLOCK);
        let prefix = Mutex::new(Prefix {
            at_bound: vec![None; blocks],
            done: 0,
            total: 0,
            more_full: None,
        });
        // Signalled as blocks are recorded.
        let recorded = Condvar::new();
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
        let parts = self.in_blocks(cancel, |rows, scratch| {
            let b = rows.start / BLOCK;
            let kind = if b >= unranked_from.load(Ordering::Relaxed) {
                Score::Membership
            } else if bound.is_some() && b < FULL_FIRST_BLOCKS && (b < 2 || more_full()) {
                Score::Full
            } else {
                Score::Greedy
            };
            let mut hits = Vec::new();
            self.each_row(search, rows, |table, i, row| {
                search.filter(table, i)?;
                let exact_code = false;
                let score = match kind {
                    _ if words.is_empty() => 0,
                    Score::Full => search.full_score(table, i, scratch)?,
                    Score::Greedy => greedy_score(&words, table, i, scratch)?,
                    Score::Membership => matches(&words, table, i, scratch).then_some(0)?,
                };
                if !search.special_ok(table, i) {
                    return None;
                }
                hits.push(Hit {
                    row,
                    score,
                    exact_code,
                    tier: 0,
                });
                Some(())
            });
            if let Some(bound) = bound {
                let at_bound = hits
                    .iter()
                    .filter(|h| !h.exact_code && h.score == bound)
                    .count();
                let mut p = prefix.lock().expect("search worker panicked");
                if let Some(end) = p.add(b, at_bound, FULL_SCORES) {
                    unranked_from.fetch_min(end, Ordering::Relaxed);
                }
                recorded.notify_all();
            }
            (hits, kind)
        })?;
        // The best by the first pass's score get the full score.
        let candidates = parts
            .iter()
            .filter(|(_, kind)| *kind != Score::Membership)
            .flat_map(|(hits, _)| hits.iter().copied());
        let mut best = best_of(candidates.collect(), FULL_SCORES);
        self.full_scores(search, &mut best, cancel)?;
        for h in &mut best {
            h.tier = tier::FUZZY;
        }
        Some(best)
    }

    /// Replaces the scores of `hits` by nucleo's full scores.
    fn full_scores(&self, search: &Search, hits: &mut [Hit], cancel: &AtomicBool) -> Option<()> {
        let rescore = |hits: &mut [Hit]| -> Option<()> {
            let mut scratch = Scratch::new();
            for (n, hit) in hits.iter_mut().enumerate() {
                if n % 1024 == 0 && cancel.load(Ordering::Relaxed) {
                    return None;
                }
                let (table, i) = self.locate(hit.row);
                // Both scores match the same rows; keep the greedy one if that ever failed.
                if let Some(full) = search.full_score(table, i, &mut scratch) {
                    hit.score = full;
                }
            }
            Some(())
        };
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(8));
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
}

/// Row `i`'s greedy score: nucleo's greedy matcher for plain fuzzy words, the full score for
/// the others. Goes through the words last first, the word being typed, which the rows of a
/// narrowed search (`within`) lack when they fail, so a failing row costs one test.
fn greedy_score(words: &[Word], table: &Table, i: usize, scratch: &mut Scratch) -> Option<u32> {
    let mut chars_ready = false;
    words.iter().rev().try_fold(0, |total, word| {
        Some(total + word_score(word, table, i, scratch, &mut chars_ready)?)
    })
}

/// Whether row `i` matches every word, without scoring where that can be avoided: all nucleo
/// would find out about a plain fuzzy word on ASCII-only text is whether its letters are there
/// in order.
fn matches(words: &[Word], table: &Table, i: usize, scratch: &mut Scratch) -> bool {
    let hay = table.haystack(i);
    let unicode_cannot_match = !hay.has_unicode || hay.unicode_cjk;
    let mut chars_ready = false;
    words.iter().rev().all(|word| match &word.needle {
        Some(needle) if word.ignore_case && unicode_cannot_match => in_order(needle, hay.ascii),
        _ => word_score(word, table, i, scratch, &mut chars_ready).is_some(),
    })
}

/// One word's greedy score on row `i` (the better of its two haystacks); `None` when the row
/// fails it (a word not there, or an excluded word there). `chars_ready` says whether
/// `scratch.chars` already holds the row's non-ASCII text.
fn word_score(
    word: &Word,
    table: &Table,
    i: usize,
    scratch: &mut Scratch,
    chars_ready: &mut bool,
) -> Option<u32> {
    let hay = table.haystack(i);
    let atom = word.atom;
    let greedy = word.needle.is_some();
    if greedy {
        // What `Atom::score` sets before matching.
        scratch.matcher.config.ignore_case = word.ignore_case;
        scratch.matcher.config.normalize = true;
    }
    let score_in = |hay: Utf32Str<'_>, matcher: &mut Matcher| {
        if greedy {
            matcher.fuzzy_match_greedy(hay, atom.needle_text())
        } else {
            atom.score(hay, matcher)
        }
    };
    let a = score_in(Utf32Str::Ascii(hay.ascii), &mut scratch.matcher);
    let u = if !hay.has_unicode || (hay.unicode_cjk && word.ascii) {
        // Nothing there for this word: what matching would say when it finds nothing.
        atom.negative.then_some(0)
    } else {
        if !*chars_ready {
            scratch.chars.clear();
            scratch.chars.extend(table.unicode(i).chars());
            *chars_ready = true;
        }
        score_in(Utf32Str::Unicode(&scratch.chars), &mut scratch.matcher)
    };
    if atom.negative {
        // `score` is `None` when the excluded text is there.
        return (a.is_some() && u.is_some()).then_some(0);
    }
    a.max(u).map(u32::from)
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
/// rest consecutive with it). `None` when a word is not plain fuzzy ASCII (those are scored by
/// other rules), or there are no words.
fn greedy_bound(words: &[Word]) -> Option<u32> {
    let matcher = &mut Matcher::new(Config::DEFAULT);
    let mut total = 0u32;
    for word in words.iter().filter(|w| !w.atom.negative) {
        word.needle.as_ref()?;
        total += bound_of(word.atom.needle_text().len(), matcher)?;
    }
    (!words.is_empty()).then_some(total)
}

/// The greedy score of `len` letters right after a space: the most a word of that length scores.
pub(super) fn bound_of(len: usize, matcher: &mut Matcher) -> Option<u32> {
    let letters = "a".repeat(len);
    let hay = format!(" {letters}");
    matcher
        .fuzzy_match_greedy(
            Utf32Str::Ascii(hay.as_bytes()),
            Utf32Str::Ascii(letters.as_bytes()),
        )
        .map(u32::from)
}

/// The best `n` of `hits` by (exact code, score, row), in no particular order.
fn best_of(mut hits: Vec<Hit>, n: usize) -> Vec<Hit> {
    if hits.len() > n && n > 0 {
        hits.select_nth_unstable_by(n - 1, ranked);
    }
    hits.truncate(n);
    hits
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::{Catalog, Entry, Origin, Text};
    use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};

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
            let bound = bound_of(atom.needle_text().len(), &mut Matcher::new(Config::DEFAULT)).unwrap();
            let mut matcher = Matcher::new(Config::DEFAULT);
            matcher.config.ignore_case = !needle.bytes().any(|b| b.is_ascii_uppercase());
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
    fn with_few_hits_it_ranks_as_the_plain_search() {
        let index = Index::embedded();
        for text in crate::index::search::tests::QUERIES
            .iter()
            .chain(&["v:pix s:4xx 請", "cat:認證"])
        {
            let q = Query::parse(text).unwrap();
            let fast = index.search_cancellable(&q, &AtomicBool::new(false));
            assert_eq!(fast.unwrap(), index.search(&q), "{text:?}");
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
            .map(|i| Entry {
                code: format!("{}", 10000 + i),
                http_status: Some(400),
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
                // Unicode text: full-width letters (folded to ASCII, so words can match there
                // too), and CJK only.
                description: match (i % 13, i % 17) {
                    (0, _) => Some(Text::One("ｚｏｎｅ ｅｘｐｉｒｅｄ 過期".into())),
                    (_, 0) => Some(Text::One("錯誤".into())),
                    _ => None,
                },
                ..Entry::default()
            })
            .collect();
        let catalog = Catalog {
            json_schema: None,
            schema: 1,
            vendor: serde_json::from_str(r#"{"id":"syn","name":"Syn"}"#).unwrap(),
            edition: serde_json::from_str(r#"{"id":"1"}"#).unwrap(),
            envelope: None,
            entries,
        };
        Index::from_tables(vec![
            Table::from_catalog(catalog, Origin::Embedded("t")).unwrap(),
        ])
    }

    #[test]
    fn beyond_the_full_scores_the_fuzzy_tier_keeps_fully_scored_rows() {
        // More rows than the first pass gives the full score, so later blocks are scored
        // greedily or only tested.
        let index = synthetic(FULL_FIRST_BLOCKS * BLOCK + 3 * BLOCK);
        // "ex": many rows at the bound, in the first block; "zo": fewer, over a few blocks;
        // "xp": none at the bound; the last row's code: an exact code hit in a block that is
        // never scored; "ex !quota": a filter; "token": words, no fuzzy tier.
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
            "token",
        ] {
            let q = Query::parse(text).unwrap();
            let hits = index
                .search_cancellable(&q, &AtomicBool::new(false))
                .unwrap();
            let plain = index.search(&q);
            assert_eq!(hits.is_empty(), plain.is_empty(), "{text}");
            // The rows before the fuzzy tier are the same; the fuzzy rows carry their full
            // scores (the plain search's), above the floor, ranked.
            let words = |h: &[Hit]| {
                h.iter()
                    .filter(|h| h.tier > tier::FUZZY)
                    .copied()
                    .collect::<Vec<_>>()
            };
            assert_eq!(words(&hits), words(&plain), "{text}");
            let search = Search::new(&index, &q);
            let mut scratch = Scratch::new();
            for h in hits.iter().filter(|h| h.tier == tier::FUZZY) {
                let (t, i) = index.locate(h.row);
                assert_eq!(
                    Some(h.score),
                    search.full_score(t, i, &mut scratch),
                    "{text}"
                );
                assert!(h.score >= search.floor, "{text}");
            }
            assert!(
                hits.windows(2).all(|p| ranked(&p[0], &p[1]).is_lt()),
                "{text}"
            );
            assert!(hits.len() <= plain.len(), "{text}");
            if text == "ex" || text == "zo" || text == last_code {
                // Enough rows reach the bound early (or the code is exact): the best are the
                // plain search's best, though later rows were never scored.
                let diff = (0..hits.len()).find(|&i| hits[i] != plain[i]);
                assert_eq!(diff.map(|i| (i, hits[i], plain[i])), None, "{text}");
            }
            // Again: the same (which blocks get which score never depends on thread timing).
            for _ in 0..2 {
                let rerun = index.search_cancellable(&q, &AtomicBool::new(false));
                assert!(rerun.as_ref() == Some(&hits), "{text}: another run differs");
            }
        }
    }
}
