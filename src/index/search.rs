//! Fuzzy search over the default view, the plain way: every row that passes the query's field
//! terms is matched with nucleo's full score on its haystacks where they lie in the packed
//! tables, in parallel blocks, and the hits are ranked: exact code hits first, then score, then
//! catalog order. The CLI uses this; the explorer's faster search (`fast_search`) is checked
//! against it.

use super::table::{Field, Table};
use super::{Hit, Index, RowId};
use crate::fold::fold;
use crate::query::Query;
use nucleo_matcher::pattern::{Atom, AtomKind, CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

/// Rows per unit of work: small enough to share out evenly and to notice a cancel quickly.
pub(super) const BLOCK: usize = 1 << 12;

/// A query, prepared once for every row.
pub(super) struct Search<'q> {
    pub query: &'q Query,
    pub pattern: Pattern,
    /// Each atom's [`ascii_needle`].
    pub needles: Vec<Option<Vec<u8>>>,
    pub vendor_ok: Vec<bool>,
    /// The code the query is, lower-case, when it looks like one.
    pub exact: Option<String>,
    /// `cat:` terms, folded and lower-case.
    pub categories: Vec<String>,
    /// The query's free-text words, lower-case, when it names kinds (for [`Search::tier`]).
    pub words: Vec<String>,
}

/// What a search thread keeps between rows.
pub(super) struct Scratch {
    pub matcher: Matcher,
    pub chars: Vec<char>,
}

impl Scratch {
    pub fn new() -> Scratch {
        Scratch {
            matcher: Matcher::new(Config::DEFAULT),
            chars: Vec::new(),
        }
    }
}

impl<'q> Search<'q> {
    pub fn new(index: &Index, query: &'q Query) -> Search<'q> {
        let pattern = Pattern::parse(
            &fold(&query.text),
            CaseMatching::Smart,
            Normalization::Smart,
        );
        Search {
            query,
            needles: pattern.atoms.iter().map(ascii_needle).collect(),
            pattern,
            vendor_ok: index.vendor_filter(query),
            exact: query.code_like().map(str::to_lowercase),
            categories: query
                .categories
                .iter()
                .map(|c| fold(c).to_lowercase())
                .collect(),
            words: if query.named_kinds.is_empty() {
                Vec::new()
            } else {
                fold(&query.text)
                    .to_lowercase()
                    .split(|c: char| !c.is_alphanumeric() && c != '\'')
                    .filter(|w| !w.is_empty())
                    .map(str::to_string)
                    .collect()
            },
        }
    }

    /// Where a row ranks among the others when the query names kinds in plain words: rows with
    /// every word of the query (whole words: "too many requests" is HTTP 429's phrase) first,
    /// then rows of a named kind, then the rest. Always 0 otherwise, so ranking is by score.
    pub fn tier(&self, table: &Table, i: usize, text_matched: bool) -> u8 {
        if self.query.named_kinds.is_empty() {
            return 0;
        }
        if text_matched && self.has_words(table, i) {
            return 2;
        }
        u8::from(
            table
                .kind(i)
                .is_some_and(|k| self.query.named_kinds.contains(&k)),
        )
    }

    /// Whether row `i` holds every query word as a whole word, without case (CJK words as
    /// text).
    fn has_words(&self, table: &Table, i: usize) -> bool {
        let ascii = table.haystack(i).ascii;
        self.words.iter().all(|w| {
            if w.is_ascii() {
                whole_word(ascii, w.as_bytes())
            } else {
                table.unicode(i).contains(w.as_str())
            }
        })
    }

    /// Whether a row that the free text does not match is one of a kind the text names.
    pub fn of_named_kind(&self, table: &Table, i: usize) -> bool {
        !self.query.named_kinds.is_empty()
            && table
                .kind(i)
                .is_some_and(|k| self.query.named_kinds.contains(&k))
    }

    pub fn atoms(&self) -> &[Atom] {
        &self.pattern.atoms
    }

    /// Whether row `i` of `table` passes the field terms (status, code prefix, category), and
    /// if so whether its code is the query's exact code.
    pub fn filter(&self, table: &Table, i: usize) -> Option<bool> {
        let query = self.query;
        if !query.kinds.is_empty() && !table.kind(i).is_some_and(|k| query.kinds.contains(&k)) {
            return None;
        }
        if !query.retries.is_empty() && !table.retry(i).is_some_and(|r| query.retries.contains(&r))
        {
            return None;
        }
        if !query.statuses.is_empty()
            && !table
                .http_status(i)
                .is_some_and(|s| query.statuses.iter().any(|f| f.matches(s)))
        {
            return None;
        }
        if query.code_prefixes.is_empty() && self.exact.is_none() && self.categories.is_empty() {
            return Some(false);
        }
        let code = table.code(i);
        if !query.code_prefixes.is_empty()
            && !query.code_prefixes.iter().any(|p| {
                code.len() >= p.len()
                    && code.as_bytes()[..p.len()].eq_ignore_ascii_case(p.as_bytes())
            })
        {
            return None;
        }
        if !self.categories.is_empty() {
            let cat = fold(table.field(i, Field::Category).unwrap_or("")).to_lowercase();
            let sub = fold(table.field(i, Field::Subcategory).unwrap_or("")).to_lowercase();
            if !self
                .categories
                .iter()
                .any(|c| cat.contains(c) || sub.contains(c))
            {
                return None;
            }
        }
        // The code, or its symbol or alias (`ECONNREFUSED`, `unique_violation`).
        Some(self.exact.as_deref().is_some_and(|x| {
            code.eq_ignore_ascii_case(x)
                || (table.has_names() && table.names(i).any(|n| n.eq_ignore_ascii_case(x)))
        }))
    }

    /// Row `i`'s full score, `None` when it does not match: each atom must match one of the two
    /// haystacks (the row scores the sum of each atom's better one), and a negative atom
    /// neither.
    pub fn full_score(&self, table: &Table, i: usize, scratch: &mut Scratch) -> Option<u32> {
        let hay = table.haystack(i);
        // Most rows miss some word: find out cheaply before scoring any (the full score looks
        // for the best of all the ways a word matches, which costs many times more).
        let unicode_cannot_match = !hay.has_unicode || hay.unicode_cjk;
        let atoms = self.atoms().iter().zip(&self.needles);
        if unicode_cannot_match
            && atoms.clone().any(|(a, needle)| {
                !a.negative && needle.as_ref().is_some_and(|n| !in_order(n, hay.ascii))
            })
        {
            return None;
        }
        let mut chars_ready = false;
        let mut score = 0u32;
        for (atom, needle) in atoms {
            let a = atom.score(Utf32Str::Ascii(hay.ascii), &mut scratch.matcher);
            let u = if !hay.has_unicode || (hay.unicode_cjk && needle.is_some()) {
                // Nothing there for this atom: what matching would say when it finds nothing.
                atom.negative.then_some(0)
            } else {
                if !chars_ready {
                    scratch.chars.clear();
                    scratch.chars.extend(table.unicode(i).chars());
                    chars_ready = true;
                }
                atom.score(Utf32Str::Unicode(&scratch.chars), &mut scratch.matcher)
            };
            if atom.negative {
                // `score` is `None` when the excluded text is there.
                if a.is_none() || u.is_none() {
                    return None;
                }
                continue;
            }
            score += a.max(u)? as u32;
        }
        Some(score)
    }
}

/// The needle of an atom, lower-case, when it is ASCII without spaces: CJK-only text cannot
/// match it, and a row can only match it if its ASCII text holds these bytes in order.
pub(super) fn ascii_needle(atom: &Atom) -> Option<Vec<u8>> {
    let needle = atom.needle_text();
    (0..needle.len())
        .map(|i| needle.get(i as u32))
        .map(|c| (c.is_ascii() && c != ' ').then(|| c.to_ascii_lowercase() as u8))
        .collect()
}

/// Whether an atom is plain fuzzy text (not `'exact`, `^prefix`, `suffix$`, `!not`).
pub(super) fn is_plain_fuzzy(atom: &Atom) -> bool {
    atom.kind == AtomKind::Fuzzy && !atom.negative
}

/// Whether `haystack` holds `word` (lower-case ASCII) as a whole word, in any case.
fn whole_word(haystack: &[u8], word: &[u8]) -> bool {
    if word.is_empty() || word.len() > haystack.len() {
        return word.is_empty();
    }
    let is_word = |b: u8| b.is_ascii_alphanumeric();
    (0..=haystack.len() - word.len()).any(|at| {
        haystack[at..at + word.len()].eq_ignore_ascii_case(word)
            && (at == 0 || !is_word(haystack[at - 1]))
            && haystack.get(at + word.len()).is_none_or(|&b| !is_word(b))
    })
}

/// Whether `haystack` holds the bytes of `needle` (lower-case ASCII) in order, in any case:
/// true whenever nucleo could match the word, whatever its kind.
pub(super) fn in_order(needle: &[u8], haystack: &[u8]) -> bool {
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

impl Index {
    /// Searches the default view. Results are sorted: exact code hits, then score, then
    /// catalog order. An empty query returns every row (filtered) in catalog order.
    pub fn search(&self, query: &Query) -> Vec<Hit> {
        let search = Search::new(self, query);
        let parts = self
            .in_blocks(&AtomicBool::new(false), |rows, scratch| {
                let mut hits = Vec::new();
                self.each_row(&search, rows, None, |table, i, row| {
                    let exact_code = search.filter(table, i)?;
                    let (score, tier) = match search.full_score(table, i, scratch) {
                        Some(score) => (score, search.tier(table, i, true)),
                        None if search.of_named_kind(table, i) => (0, 1),
                        None => return None,
                    };
                    hits.push(Hit {
                        row,
                        score,
                        exact_code,
                        tier,
                    });
                    Some(())
                });
                hits
            })
            .unwrap_or_default();
        rank(parts.into_iter().flatten().collect())
    }

    /// Runs `work` on every block of rows, on as many threads as there are cores (at most 8);
    /// the results come back in block order. `None` when `cancel` was set.
    pub(super) fn in_blocks<T: Send>(
        &self,
        cancel: &AtomicBool,
        work: impl Fn(std::ops::Range<usize>, &mut Scratch) -> T + Sync,
    ) -> Option<Vec<T>> {
        let blocks = self.len().div_ceil(BLOCK);
        let threads = std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .min(8)
            .min(blocks);
        let next = AtomicUsize::new(0);
        let worker = || -> Option<Vec<(usize, T)>> {
            let mut scratch = Scratch::new();
            let mut done = Vec::new();
            loop {
                let b = next.fetch_add(1, Ordering::Relaxed);
                if b >= blocks {
                    return Some(done);
                }
                if cancel.load(Ordering::Relaxed) {
                    return None;
                }
                let rows = b * BLOCK..((b + 1) * BLOCK).min(self.len());
                done.push((b, work(rows, &mut scratch)));
            }
        };
        let mut parts = if threads <= 1 {
            worker()?
        } else {
            std::thread::scope(|s| {
                let workers: Vec<_> = (0..threads).map(|_| s.spawn(worker)).collect();
                let mut all = Vec::new();
                for w in workers {
                    all.extend(w.join().expect("search worker panicked")?);
                }
                Some(all)
            })?
        };
        parts.sort_unstable_by_key(|&(b, _)| b);
        Some(parts.into_iter().map(|(_, t)| t).collect())
    }

    /// Calls `f` with each row in `rows` (of those set in `within`, if given) whose vendor the
    /// query allows, in order: its table, its place in the table, and its row id.
    pub(super) fn each_row(
        &self,
        search: &Search,
        rows: std::ops::Range<usize>,
        within: Option<&[u64]>,
        mut f: impl FnMut(&Table, usize, RowId) -> Option<()>,
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
                    f(table, row - base, row as RowId);
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

/// The order of results: exact code hits, then the tier (when the query names kinds), then
/// higher scores, then catalog order.
pub(super) fn ranked(a: &Hit, b: &Hit) -> std::cmp::Ordering {
    b.exact_code
        .cmp(&a.exact_code)
        .then(b.tier.cmp(&a.tier))
        .then(b.score.cmp(&a.score))
        .then(a.row.cmp(&b.row))
}

/// Sorts hits (given in row order) by [`ranked`]: a stable counting sort on (exact, score),
/// linear in the hits where a comparison sort of a million hits would take most of a
/// keystroke's time.
pub(super) fn rank(hits: Vec<Hit>) -> Vec<Hit> {
    if hits.iter().any(|h| h.tier > 0) {
        let mut hits = hits;
        hits.sort_by(ranked);
        return hits;
    }
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
            exact_code: false,
            tier: 0,
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
pub(super) mod tests {
    use super::*;
    use std::sync::atomic::AtomicBool;

    fn hit(row: RowId, score: u32, exact_code: bool) -> Hit {
        Hit {
            row,
            score,
            exact_code,
            tier: 0,
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
        let order = |h: &[Hit]| h.iter().map(|h| h.row).collect::<Vec<_>>();
        assert_eq!(order(&rank(hits.clone())), [4, 2, 1, 3, 0, 5]);
        // Scores too far apart for buckets take the comparison sort, with the same order.
        let mut far = hits;
        far[0].score = 1 << 20;
        assert_eq!(order(&rank(far)), [4, 2, 0, 1, 3, 5]);
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

    /// The oracle: every row of the embedded catalogs scored with nucleo's `Pattern` on the
    /// row's text as an entry holds it, ranked by the rule, without any of the search's
    /// shortcuts (packed haystacks, in-order tests, blocks, counting sort).
    fn oracle(index: &Index, text: &str, vendor: Option<&str>) -> Vec<(RowId, u32)> {
        let pattern = Pattern::parse(&fold(text), CaseMatching::Smart, Normalization::Smart);
        let mut matcher = Matcher::new(Config::DEFAULT);
        let code_like = Query::parse(text)
            .unwrap()
            .code_like()
            .map(str::to_lowercase);
        let mut hits: Vec<(bool, u32, RowId)> = Vec::new();
        for row in 0..index.len() as RowId {
            let found = index.get(row);
            if vendor.is_some_and(|v| v != found.vendor.id) {
                continue;
            }
            let e = &found.entry;
            let values: Vec<String> = [Some(&e.code), Some(&found.vendor.id), e.symbol.as_ref()]
                .into_iter()
                .flatten()
                .chain(&e.aliases)
                .chain(
                    [&e.category, &e.subcategory, &e.message, &e.summary_en]
                        .into_iter()
                        .flatten(),
                )
                .cloned()
                .chain(
                    e.description
                        .iter()
                        .flat_map(|t| t.items())
                        .map(String::from),
                )
                .chain(e.fix.iter().flat_map(|t| t.items()).map(String::from))
                .chain(
                    e.maps_to
                        .iter()
                        .flat_map(|m| [m.vendor.clone(), m.code.clone()]),
                )
                .collect();
            let (ascii, other): (Vec<&String>, Vec<&String>) =
                values.iter().partition(|v| v.is_ascii());
            let join = |v: &[&String]| v.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(" ");
            let (ascii, other) = (join(&ascii), fold(&join(&other)).into_owned());
            let mut score = Some(0u32);
            for atom in &pattern.atoms {
                let mut buf = Vec::new();
                let a = atom.score(Utf32Str::new(&ascii, &mut buf), &mut matcher);
                let mut buf = Vec::new();
                let u = atom.score(Utf32Str::new(&other, &mut buf), &mut matcher);
                score = match (atom.negative, a.max(u)) {
                    (true, _) if a.is_none() || u.is_none() => None,
                    (true, _) => score,
                    (false, best) => score.zip(best).map(|(s, b)| s + b as u32),
                };
            }
            if let Some(score) = score {
                let mut names = std::iter::once(&e.code).chain(&e.symbol).chain(&e.aliases);
                let exact = code_like
                    .as_deref()
                    .is_some_and(|c| names.any(|n| n.to_lowercase() == c));
                hits.push((exact, score, row));
            }
        }
        hits.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2)));
        hits.into_iter().map(|(_, s, r)| (r, s)).collect()
    }

    pub(in crate::index) const QUERIES: &[&str] = &[
        "tokn exprd",
        "1004",
        "t",
        "錯誤",
        "错误 token",
        "'token !expired",
        "^inv",
        "failed$",
        "Token",
        "ＡＰＩ",
        "ECONNREFUSED",
        "5",
        "",
    ];

    #[test]
    fn search_ranks_as_nucleo_scores_every_row() {
        let index = Index::embedded();
        for text in QUERIES {
            let got: Vec<(RowId, u32)> = index
                .search(&Query::parse(text).unwrap())
                .iter()
                .map(|h| (h.row, h.score))
                .collect();
            assert_eq!(got, oracle(&index, text, None), "{text:?}");
        }
        let got: Vec<(RowId, u32)> = index
            .search(&Query::parse("v:pixnet 請").unwrap())
            .iter()
            .map(|h| (h.row, h.score))
            .collect();
        assert_eq!(got, oracle(&index, "請", Some("pixnet")));
    }

    #[test]
    fn plain_words_for_a_kind_find_its_entries_at_every_vendor() {
        let index = Index::embedded();
        let q = Query::parse("too many requests").unwrap();
        let hits = index.search(&q);
        let kind = |h: &Hit| index.get(h.row).entry.kind;
        // The exact phrase first (HTTP 429), then every rate limit, then the fuzzy rest.
        let first = index.get(hits[0].row);
        assert_eq!(
            (first.vendor.id.as_str(), first.entry.code.as_str()),
            ("http", "429")
        );
        let limits = (0..index.len() as RowId)
            .filter(|&r| index.get(r).entry.kind == Some(crate::catalog::Kind::RateLimit))
            .count();
        let tiers: Vec<u8> = hits.iter().map(|h| h.tier).collect();
        assert!(tiers.windows(2).all(|w| w[0] >= w[1]), "tiers in order");
        let named: Vec<&Hit> = hits.iter().filter(|h| h.tier >= 1).collect();
        assert!(named.len() >= limits);
        assert!(
            hits.iter()
                .filter(|h| h.tier == 1)
                .all(|h| kind(h) == Some(crate::catalog::Kind::RateLimit))
        );
        let vendors: std::collections::BTreeSet<String> = named
            .iter()
            .map(|h| index.get(h.row).vendor.id.clone())
            .collect();
        for v in ["pixnet", "tencent-im", "http", "grpc"] {
            assert!(vendors.contains(v), "{v}: {vendors:?}");
        }
        // What the fuzzy text matches is all still there, after them.
        let fuzzy = oracle(&index, "too many requests", None);
        let rows: std::collections::HashSet<RowId> = hits.iter().map(|h| h.row).collect();
        assert!(fuzzy.iter().all(|(r, _)| rows.contains(r)));
        // The explorer's search gives the same.
        let fast = index.search_cancellable(&q, None, &AtomicBool::new(false));
        assert_eq!(fast.unwrap(), hits);
    }

    #[test]
    fn kind_and_retry_terms_filter() {
        let index = Index::embedded();
        let hits = index.search(&Query::parse("k:not_found retry:no").unwrap());
        assert!(hits.len() > 20);
        for h in hits {
            let e = index.get(h.row).entry;
            assert_eq!(
                (e.kind, e.retry),
                (
                    Some(crate::catalog::Kind::NotFound),
                    Some(crate::catalog::Retry::No)
                )
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

    #[test]
    fn field_terms_filter_rows() {
        let index = Index::embedded();
        for (text, ok) in [
            (
                "s:4xx",
                &(|e: &crate::catalog::Entry| {
                    e.http_status.is_some_and(|s| (400..500).contains(&s))
                }) as &dyn Fn(&crate::catalog::Entry) -> bool,
            ),
            ("code:41", &|e| e.code.starts_with("41")),
            ("cat:認證", &|e| {
                e.category.as_deref().is_some_and(|c| c.contains("認證"))
            }),
        ] {
            let hits = index.search(&Query::parse(text).unwrap());
            assert!(!hits.is_empty(), "{text}");
            let all = (0..index.len() as RowId)
                .filter(|&r| ok(&index.get(r).entry))
                .count();
            assert_eq!(hits.len(), all, "{text}");
            assert!(hits.iter().all(|h| ok(&index.get(h.row).entry)), "{text}");
        }
    }
}
