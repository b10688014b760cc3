//! Search over the default view, the plain way: the word tiers (`tiers`) from each table's
//! word index, the exact code, symbol or alias first, and after the words a fuzzy tier: every
//! row that passes the query's field terms is matched with nucleo's full score on its
//! haystacks where they lie in the packed tables, in parallel blocks, and the rows above a
//! quality floor are kept (a short tail when words found rows). The CLI uses this; the
//! explorer's faster search (`fast_search`) is checked against it.
//!
//! This file collects the rows (the word tiers, the exact code, the fuzzy tier in parallel
//! blocks) and ranks them; [`scoring`] is the query prepared for one row at a time (field
//! terms, fzf's special terms, nucleo's score), [`highlight`] what the explorer marks.

mod highlight;
mod scoring;

use super::table::Table;
use super::tiers::tier;
use super::{Hit, Index, RowId};
use crate::fold::fold;
use crate::query::Query;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

pub use highlight::Highlighter;
pub(super) use scoring::{Scratch, Search, in_order, is_plain_fuzzy};

/// Rows per unit of work: small enough to share out evenly and to notice a cancel quickly.
pub(super) const BLOCK: usize = 1 << 12;

/// At most this many fuzzy rows follow the rows the words found: a short tail, not a flood.
pub const FUZZY_TAIL: usize = 10;

/// At most this many fuzzy rows when the words found none.
pub const FUZZY_MOST: usize = super::fast_search::FULL_SCORES;

impl Index {
    /// Searches the default view. Results are sorted: the exact code first, then by tier
    /// (see [`tier`]), then score, then catalog order. An empty query returns every row
    /// (filtered) in catalog order.
    pub fn search(&self, query: &Query) -> Vec<Hit> {
        let search = Search::new(self, query);
        let never = AtomicBool::new(false);
        let Some(base) = self.base_hits(&search, &never) else {
            return Vec::new();
        };
        let fuzzy = match fuzzy_cap(&search, &base) {
            Some(_) => self
                .in_blocks(&never, |rows, scratch| {
                    let mut hits = Vec::new();
                    self.each_row(&search, rows, |table, i, row| {
                        search.filter(table, i)?;
                        let score = search.full_score(table, i, scratch)?;
                        if score >= search.floor && search.special_ok(table, i) {
                            hits.push(Hit {
                                row,
                                score,
                                exact_code: false,
                                tier: tier::FUZZY,
                            });
                        }
                        Some(())
                    });
                    hits
                })
                .unwrap_or_default()
                .into_iter()
                .flatten()
                .collect(),
            None => Vec::new(),
        };
        self.finish(&search, base, fuzzy)
    }

    /// The rows found before any fuzzy matching: the exact code, symbol or alias, and the
    /// word tiers; for a query without plain words, every row its terms let through.
    pub(super) fn base_hits(&self, search: &Search, cancel: &AtomicBool) -> Option<Vec<Hit>> {
        if search.plan.is_empty() {
            let tier = if search.special.is_empty() {
                0
            } else {
                tier::HELD
            };
            let parts = self.in_blocks(cancel, |rows, _| {
                let mut hits = Vec::new();
                self.each_row(search, rows, |table, i, row| {
                    let exact_code = search.filter(table, i)?;
                    if search.special_ok(table, i) {
                        hits.push(Hit {
                            row,
                            score: 0,
                            exact_code,
                            tier: if exact_code { tier::CODE } else { tier },
                        });
                    }
                    Some(())
                });
                hits
            })?;
            return Some(parts.into_iter().flatten().collect());
        }
        let mut hits = self.word_hits(search, &search.plan, cancel)?;
        for row in self.exact_rows(search) {
            match hits.iter_mut().find(|h| h.row == row) {
                Some(h) => {
                    h.exact_code = true;
                    h.tier = tier::CODE;
                }
                None => hits.push(Hit {
                    row,
                    score: 0,
                    exact_code: true,
                    tier: tier::CODE,
                }),
            }
        }
        Some(hits)
    }

    /// Only the rows whose code (or symbol, or alias) is the query's, that its terms let
    /// through: what a code written in another family's form needs, without the word and fuzzy
    /// passes.
    pub fn code_hits(&self, query: &Query) -> Vec<Hit> {
        let search = Search::new(self, query);
        self.exact_rows(&search)
            .into_iter()
            .map(|row| Hit {
                row,
                score: 0,
                exact_code: true,
                tier: tier::CODE,
            })
            .collect()
    }

    /// The rows of [`Index::code_hits`], in row order.
    fn exact_rows(&self, search: &Search) -> Vec<RowId> {
        let Some(code) = &search.exact else {
            return Vec::new();
        };
        let mut rows = self.by_code(code);
        for v in 0..self.vendors.len() {
            if self.vendor_table(v).has_names() {
                rows.extend(self.by_name(v, code));
            }
        }
        rows.sort_unstable();
        rows.dedup();
        rows.retain(|&row| {
            let (table, i) = self.locate(row);
            search.vendor_ok[self.row_vendor(row)]
                && search.filter(table, i) == Some(true)
                && search.special_ok(table, i)
        });
        rows
    }

    /// Puts the results together: `base` (from [`Index::base_hits`]), then the best fuzzy
    /// rows above the floor that `base` does not hold (a short tail when it holds some; see
    /// [`fuzzy_cap`]), then the rows of the kinds the query names; ranked.
    pub(super) fn finish(&self, search: &Search, base: Vec<Hit>, fuzzy: Vec<Hit>) -> Vec<Hit> {
        let mut seen = vec![false; self.len()];
        for h in &base {
            seen[h.row as usize] = true;
        }
        if code_tail(search, &base) {
            let tail = self.code_tail_rows(search, &seen);
            return rank(base.into_iter().chain(tail).collect());
        }
        let mut hits = base;
        if let Some(cap) = fuzzy_cap(search, &hits) {
            let mut fuzzy: Vec<Hit> = fuzzy
                .into_iter()
                .filter(|h| !seen[h.row as usize] && h.score >= search.floor)
                .collect();
            fuzzy.sort_unstable_by(ranked);
            let mut scratch = Scratch::new();
            let mut kept = 0;
            fuzzy.retain(|h| {
                let (table, i) = self.locate(h.row);
                let keep = kept < cap && search.compact(table, i, &mut scratch);
                kept += usize::from(keep);
                keep
            });
            for h in &fuzzy {
                seen[h.row as usize] = true;
            }
            hits.extend(fuzzy);
        }
        if !search.kinds.is_empty() {
            self.each_row(search, 0..self.len(), |table, i, row| {
                if !seen[row as usize] && search.of_named_kind(table, i) {
                    let exact_code = search.filter(table, i)?;
                    if search.special_ok(table, i) {
                        hits.push(Hit {
                            row,
                            score: 0,
                            exact_code,
                            tier: tier::KIND,
                        });
                    }
                }
                Some(())
            });
        }
        rank(hits)
    }

    /// The first [`FUZZY_TAIL`] rows not `seen` whose code starts with the query's code (any
    /// case) and that its terms let through: shorter codes first, then in catalog order.
    fn code_tail_rows(&self, search: &Search, seen: &[bool]) -> Vec<Hit> {
        let Some(code) = &search.exact else {
            return Vec::new();
        };
        let mut rows: Vec<(usize, RowId)> = Vec::new();
        self.each_row(search, 0..self.len(), |table, i, row| {
            let c = table.code(i);
            let starts = c.len() > code.len()
                && c.is_char_boundary(code.len())
                && c[..code.len()].eq_ignore_ascii_case(code);
            if starts && !seen[row as usize] {
                search.filter(table, i)?;
                if search.special_ok(table, i) {
                    rows.push((c.len(), row));
                }
            }
            Some(())
        });
        rows.sort_unstable();
        // Their order is their score: ranking keeps it.
        rows.into_iter()
            .take(FUZZY_TAIL)
            .zip((1..=FUZZY_TAIL as u32).rev())
            .map(|((_, row), score)| Hit {
                row,
                score,
                exact_code: false,
                tier: tier::FUZZY,
            })
            .collect()
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
            // This thread is one of the workers: one spawn fewer for a short search.
            std::thread::scope(|s| {
                let workers: Vec<_> = (1..threads).map(|_| s.spawn(worker)).collect();
                let mut all = worker();
                for w in workers {
                    let theirs = w.join().expect("search worker panicked");
                    all = all.zip(theirs).map(|(mut a, b)| {
                        a.extend(b);
                        a
                    });
                }
                all
            })?
        };
        parts.sort_unstable_by_key(|&(b, _)| b);
        Some(parts.into_iter().map(|(_, t)| t).collect())
    }

    /// Calls `f` with each row in `rows` whose vendor the query allows, in order: its table,
    /// its place in the table, and its row id.
    pub(super) fn each_row(
        &self,
        search: &Search,
        rows: std::ops::Range<usize>,
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
                for row in start..end {
                    f(table, row - base, row as RowId);
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

/// The order of results: exact code hits, then the tier, then higher scores, then catalog
/// order.
pub(super) fn ranked(a: &Hit, b: &Hit) -> std::cmp::Ordering {
    b.exact_code
        .cmp(&a.exact_code)
        .then(b.tier.cmp(&a.tier))
        .then(b.score.cmp(&a.score))
        .then(a.row.cmp(&b.row))
}

/// Sorts hits by [`ranked`].
pub(super) fn rank(mut hits: Vec<Hit>) -> Vec<Hit> {
    hits.sort_unstable_by(ranked);
    hits
}

/// How many fuzzy rows the results take after the `base` rows (exact code and words):
/// [`FUZZY_MOST`] when there are none, a short tail when there are a few, none when there are
/// many, when the query has no plain words, or when the codes that start with it follow
/// instead (see [`code_tail`]).
pub(super) fn fuzzy_cap(search: &Search, base: &[Hit]) -> Option<usize> {
    if search.atoms().iter().all(|a| a.negative) || code_tail(search, base) {
        return None;
    }
    match base.len() {
        0 => Some(FUZZY_MOST),
        n if n < FUZZY_MOST / 2 => Some(FUZZY_TAIL),
        _ => None,
    }
}

/// Whether a code with a digit, typed whole and found, is followed by the codes that start
/// with it (`1004`: win32 `10040`…) rather than by rows whose text holds its characters in
/// order somewhere.
pub(super) fn code_tail(search: &Search, base: &[Hit]) -> bool {
    search
        .exact
        .as_ref()
        .is_some_and(|c| c.bytes().any(|b| b.is_ascii_digit()))
        && base.iter().any(|h| h.exact_code)
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use std::sync::atomic::AtomicBool;

    fn hit(row: RowId, score: u32, exact_code: bool, tier: u8) -> Hit {
        Hit {
            row,
            score,
            exact_code,
            tier,
        }
    }

    #[test]
    fn matched_words_are_highlighted_whole() {
        let mut h = Highlighter::new("conection refused ^Exceed");
        let text = "Connection refused: Exceed";
        let marked: String = h
            .indices(text)
            .iter()
            .map(|&i| text.chars().nth(i as usize).unwrap())
            .collect();
        assert_eq!(
            marked,
            "Connectionrefusedexceed".replace("exceed", "Exceed")
        );
        let mut h = Highlighter::new("過期");
        assert_eq!(h.indices("Token 过期"), [6, 7]);
        // Letters in order where no word matches.
        let mut h = Highlighter::new("tkn");
        assert_eq!(h.indices("token"), [0, 2, 4]);
    }

    #[test]
    fn ranking_is_exact_then_tier_then_score_then_row() {
        let hits = vec![
            hit(0, 5, false, tier::HELD),
            hit(1, 9, false, tier::MOST),
            hit(2, 1, true, tier::CODE),
            hit(3, 9, false, tier::HELD),
            hit(4, 5, false, tier::HELD),
            hit(5, 99, false, tier::FUZZY),
        ];
        let order = |h: &[Hit]| h.iter().map(|h| h.row).collect::<Vec<_>>();
        assert_eq!(order(&rank(hits)), [2, 3, 0, 4, 1, 5]);
        assert!(rank(Vec::new()).is_empty());
    }

    #[test]
    fn words_in_order_any_case() {
        assert!(in_order(b"tokn", b"The Token expired"));
        assert!(in_order(b"", b""));
        assert!(!in_order(b"tokn", b"not k"));
        assert!(in_order(b"4x_", b"code 4X_1"));
    }

    /// (vendor, code) of each hit.
    fn keys(index: &Index, hits: &[Hit]) -> Vec<(String, String)> {
        hits.iter()
            .map(|h| {
                let (t, i) = index.locate(h.row);
                (t.vendor().id.clone(), t.code(i).to_string())
            })
            .collect()
    }

    fn first(index: &Index, text: &str) -> (String, String) {
        let hits = index.search(&Query::parse(text).unwrap());
        keys(index, &hits[..1]).remove(0)
    }

    fn pair(v: &str, c: &str) -> (String, String) {
        (v.to_string(), c.to_string())
    }

    /// Whether `text` holds `word` or one of its inflections as a whole word.
    fn holds(text: &str, word: &str) -> bool {
        let stem = super::super::words::inflect(word);
        super::super::words::words_of(text)
            .iter()
            .any(|w| super::super::words::inflect(w) == stem)
    }

    /// Whether entry `row` holds `word` (or an inflection) in its message, symbol or summary.
    fn holder(index: &Index, row: RowId, word: &str) -> bool {
        let e = index.get(row).entry;
        [
            e.message.as_deref(),
            e.symbol.as_deref(),
            e.summary_en.as_deref(),
        ]
        .into_iter()
        .flatten()
        .any(|t| holds(t, word))
    }

    #[test]
    fn a_word_finds_the_entries_that_hold_it_first_and_no_flood() {
        let index = Index::embedded();
        for word in ["deadlock", "timeout", "token", "refused", "locked", "quota"] {
            let hits = index.search(&Query::parse(word).unwrap());
            let holding: Vec<bool> = hits.iter().map(|h| holder(&index, h.row, word)).collect();
            let all = (0..index.len() as RowId)
                .filter(|&r| holder(&index, r, word))
                .count();
            let held = holding.iter().take_while(|&&h| h).count();
            assert_eq!(held, all, "{word}: every holder first");
            assert!(holding[held..].iter().all(|&h| !h), "{word}");
            // What follows is found by the word too (a derived form, a synonym, a typo, in a
            // description), and then at most a short tail of letters in order.
            let letters = hits.iter().filter(|h| h.tier <= tier::FUZZY).count();
            assert!(letters <= FUZZY_TAIL, "{word}: {letters} rows by letters");
        }
        // `d…e…a…d…l…o…c…k` scattered over a long summary is not a match.
        let hits = index.search(&Query::parse("deadlock").unwrap());
        assert!(hits.len() < 20, "{}", hits.len());
    }

    #[test]
    fn a_field_that_is_the_query_comes_first() {
        let index = Index::embedded();
        assert_eq!(first(&index, "connection refused"), pair("errno", "111"));
        assert_eq!(first(&index, "database is locked").0, "sqlite");
        assert_eq!(first(&index, "Not Found"), pair("http", "404"));
        assert_eq!(first(&index, "address already in use"), pair("errno", "98"));
        let hits = index.search(&Query::parse("connection refused").unwrap());
        assert_eq!(hits[0].tier, tier::FIELD);
        // A field is the query when only stop words tell them apart ("is", "the").
        let hits = index.search(&Query::parse("network unreachable").unwrap());
        assert_eq!(keys(&index, &hits[..1]), [pair("errno", "101")]);
        assert_eq!(hits[0].tier, tier::FIELD);
        // "Couldn't" is "could not".
        assert_eq!(
            first(&index, "could not resolve host name"),
            pair("curl", "6")
        );
        assert_eq!(first(&index, "can't connect to server"), pair("curl", "7"));
    }

    #[test]
    fn the_code_symbol_or_alias_comes_first() {
        let index = Index::embedded();
        // Node's system error named ECONNREFUSED and errno's symbol are both exact.
        let top2 = keys(
            &index,
            &index.search(&Query::parse("ECONNREFUSED").unwrap())[..2],
        );
        assert!(top2.contains(&pair("errno", "111")), "{top2:?}");
        assert_eq!(first(&index, "unique_violation"), pair("postgres", "23505"));
        let hits = index.search(&Query::parse("1302").unwrap());
        assert_eq!(keys(&index, &hits[..1]), [pair("pixnet", "1302")]);
        assert!(hits[0].exact_code && hits[0].tier == tier::CODE);
    }

    #[test]
    fn typos_and_inflections_find_the_word() {
        let index = Index::embedded();
        let top = |text: &str, n: usize| {
            let hits = index.search(&Query::parse(text).unwrap());
            keys(&index, &hits[..n.min(hits.len())])
        };
        // A typo finds what the word finds, in the same order: the holders of "deadlock".
        let holders = index
            .search(&Query::parse("deadlock").unwrap())
            .iter()
            .take_while(|h| holder(&index, h.row, "deadlock"))
            .count();
        assert!(holders >= 5, "{holders}");
        assert_eq!(top("deadlok", holders), top("deadlock", holders));
        assert!(top("deadlok", holders).contains(&pair("postgres", "40P01")));
        assert_eq!(top("conection refusd", 1), [pair("errno", "111")]);
        assert_eq!(top("databse is lockd", 1)[0].0, "sqlite");
        // "expires" finds "expired"; "refuse" finds "refused".
        assert!(top("token expires", 3).contains(&pair("pixnet", "1000")));
        assert!(top("connection refuse", 1).contains(&pair("errno", "111")));
    }

    /// Every text of an entry that a `^`, `$` or `'` term is tested on.
    fn entry_texts(e: &crate::catalog::Entry) -> Vec<&str> {
        let mut texts = vec![e.code.as_str()];
        texts.extend(e.symbol.as_deref());
        texts.extend(e.aliases.iter().map(String::as_str));
        texts.extend(
            [&e.category, &e.subcategory, &e.message, &e.summary_en]
                .into_iter()
                .flatten()
                .map(String::as_str),
        );
        for text in [&e.description, &e.fix].into_iter().flatten() {
            texts.extend(text.items());
        }
        texts.extend(e.keywords.iter().map(String::as_str));
        for m in &e.maps_to {
            texts.extend([m.vendor.as_str(), m.code.as_str()]);
        }
        texts
    }

    /// The rows whose entry passes `ok`.
    fn rows_where(index: &Index, ok: impl Fn(&crate::catalog::Entry) -> bool) -> Vec<RowId> {
        (0..index.len() as RowId)
            .filter(|&r| ok(&index.get(r).entry))
            .collect()
    }

    fn sorted_rows(hits: &[Hit]) -> Vec<RowId> {
        let mut rows: Vec<RowId> = hits.iter().map(|h| h.row).collect();
        rows.sort_unstable();
        rows
    }

    #[test]
    fn anchors_apply_to_every_field() {
        let index = Index::embedded();
        // A capital makes the term match case (fzf's smart case).
        let starts = |prefix: &'static str| {
            move |e: &crate::catalog::Entry| entry_texts(e).iter().any(|t| t.starts_with(prefix))
        };
        let hits = index.search(&Query::parse("^Exceed").unwrap());
        let got = keys(&index, &hits);
        for code in ["1300", "1301", "1302"] {
            assert!(got.contains(&pair("pixnet", code)), "{got:?}");
        }
        // Exactly the entries with a field that starts so: PIXNET's messages, AWS's and
        // MongoDB's symbols, descriptions that start with "Exceeded".
        assert_eq!(sorted_rows(&hits), rows_where(&index, starts("Exceed")));

        let hits = index.search(&Query::parse("^ECONN").unwrap());
        let got = keys(&index, &hits);
        assert!(got.contains(&pair("errno", "111")) && got.contains(&pair("errno", "104")));
        assert_eq!(sorted_rows(&hits), rows_where(&index, starts("ECONN")));

        let hits = index.search(&Query::parse("Rate Limit$").unwrap());
        assert!(keys(&index, &hits).contains(&pair("pixnet", "1302")));
        for h in &hits {
            let e = index.get(h.row).entry;
            assert!(
                entry_texts(&e).iter().any(|t| t.ends_with("Rate Limit")),
                "{e:?}"
            );
        }

        let hits = index.search(&Query::parse("^Exceed !Anonymous").unwrap());
        let want = rows_where(&index, |e| {
            starts("Exceed")(e) && !entry_texts(e).iter().any(|t| t.contains("Anonymous"))
        });
        assert_eq!(sorted_rows(&hits), want);
        let got = keys(&index, &hits);
        assert!(got.contains(&pair("pixnet", "1300")) && !got.contains(&pair("pixnet", "1302")));
    }

    #[test]
    fn cjk_matches_as_text_after_folding() {
        let index = Index::embedded();
        assert_eq!(first(&index, "敏感詞"), pair("tencent-im", "100015"));
        assert_eq!(first(&index, "敏感词"), pair("tencent-im", "100015"));
        assert_eq!(first(&index, "token 过期"), pair("pixnet", "1000"));
    }

    #[test]
    fn plain_words_for_a_kind_find_its_entries_at_every_vendor() {
        let index = Index::embedded();
        let q = Query::parse("too many requests").unwrap();
        let hits = index.search(&q);
        // The exact phrase first (HTTP 429), then every rate limit after the words.
        assert_eq!(keys(&index, &hits[..1]), [pair("http", "429")]);
        let limits = (0..index.len() as RowId)
            .filter(|&r| index.get(r).entry.kind == Some(crate::catalog::Kind::RateLimit))
            .count();
        let tiers: Vec<u8> = hits.iter().map(|h| h.tier).collect();
        assert!(tiers.windows(2).all(|w| w[0] >= w[1]), "tiers in order");
        let rate: Vec<&Hit> = hits
            .iter()
            .filter(|h| index.get(h.row).entry.kind == Some(crate::catalog::Kind::RateLimit))
            .collect();
        assert_eq!(rate.len(), limits);
        let vendors: std::collections::BTreeSet<String> = rate
            .iter()
            .map(|h| index.get(h.row).vendor.id.clone())
            .collect();
        for v in ["pixnet", "tencent-im", "http", "grpc"] {
            assert!(vendors.contains(v), "{v}: {vendors:?}");
        }
        // The explorer's search gives the same.
        let fast = index.search_cancellable(&q, &AtomicBool::new(false));
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
        for text in ["!token", "expired !token"] {
            let hits = index.search(&Query::parse(text).unwrap());
            assert!(!hits.is_empty(), "{text}");
            for h in hits {
                let e = index.get(h.row).entry;
                let text = format!("{e:?}").to_lowercase();
                assert!(!text.contains("token"), "{text}");
            }
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
        let hits = index.search(&Query::parse("token v:pixnet s:401").unwrap());
        assert!(!hits.is_empty());
        assert!(hits.iter().all(|h| {
            let e = index.get(h.row);
            e.vendor.id == "pixnet" && e.entry.http_status == Some(401)
        }));
    }

    #[test]
    fn a_found_code_is_followed_by_the_codes_that_start_with_it() {
        let index = Index::embedded();
        for text in ["1004", "404", "v:win32 1004", "5"] {
            let hits = index.search(&Query::parse(text).unwrap());
            let code = Query::parse(text)
                .unwrap()
                .code_like()
                .unwrap()
                .to_lowercase();
            assert!(hits.first().is_some_and(|h| h.exact_code), "{text}");
            let tail: Vec<String> = (hits.iter())
                .filter(|h| h.tier == tier::FUZZY)
                .map(|h| index.code(h.row).to_lowercase())
                .collect();
            assert!(
                !tail.is_empty() && tail.len() <= FUZZY_TAIL,
                "{text}: {tail:?}"
            );
            assert!(
                tail.iter().all(|c| c.starts_with(&code) && *c != code),
                "{text}: {tail:?}"
            );
            assert!(
                tail.windows(2).all(|w| w[0].len() <= w[1].len()),
                "{text}: {tail:?}"
            );
        }
        // Words are not codes: `deadlock` keeps its fuzzy tail.
        let q = Query::parse("deadlock").unwrap();
        let s = Search::new(&index, &q);
        assert!(!code_tail(&s, &[]));
    }

    /// Queries the explorer's search is checked on against this one.
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
        "deadlok",
        "connection refused",
        "port already taken when starting the server",
        "",
    ];
}
