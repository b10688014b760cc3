//! A query prepared once for every row: its field terms, fzf's special terms (`'exact`,
//! `^prefix`, `suffix$`, `!not`), and nucleo's fuzzy pattern, with what tells whether a row
//! passes them and how well it matches.

use crate::catalog::Kind;
use crate::fold::fold;
use crate::index::Index;
use crate::index::table::{Field, Table};
use crate::index::tiers::Plan;
use crate::query::Query;
use nucleo_matcher::pattern::{Atom, AtomKind, CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};

/// A fuzzy match counts when it scores at least this share of the most its letters can score
/// (all at the start of a word, in a row): letters scattered over a long text score far less.
const FUZZY_FLOOR: f32 = 0.5;

/// A query, prepared once for every row.
pub(in crate::index) struct Search<'q> {
    pub query: &'q Query,
    /// The plain words as nucleo's fuzzy pattern (the fuzzy tier).
    pub pattern: Pattern,
    /// Each atom's [`ascii_needle`].
    pub needles: Vec<Option<Vec<u8>>>,
    /// `'exact`, `^prefix`, `suffix$` and `!not` terms: each holds for some field of a row
    /// (a `!` term for none), tested field by field.
    pub special: Vec<Special>,
    /// The plain words, for the word tiers.
    pub plan: Plan,
    pub vendor_ok: Vec<bool>,
    /// The code the query is, lower-case, when it looks like one.
    pub exact: Option<String>,
    /// `cat:` terms, folded and lower-case.
    pub categories: Vec<String>,
    /// Kinds the query names in two words or more (see `tiers::tier::KIND`).
    pub kinds: Vec<Kind>,
    /// The lowest full score the fuzzy tier keeps.
    pub floor: u32,
}

/// What a search thread keeps between rows.
pub(in crate::index) struct Scratch {
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

/// One of fzf's special terms, tested on one field value: `'text` anywhere in it, `^text` at
/// its start, `text$` at its end, `^text$` the whole of it; `!` before any of them: not so.
/// Case is ignored unless the text has a capital (fzf's smart case).
#[derive(Debug, Clone)]
pub(in crate::index) struct Special {
    pub(super) text: String,
    at_start: bool,
    at_end: bool,
    pub negative: bool,
    ignore_case: bool,
}

impl Special {
    pub(super) fn parse(token: &str) -> Option<Special> {
        let mut t = token;
        let negative = t.starts_with('!');
        t = t.strip_prefix('!').unwrap_or(t);
        let quoted = t.starts_with('\'');
        t = t.strip_prefix('\'').unwrap_or(t);
        let at_start = !quoted && t.starts_with('^');
        t = t.strip_prefix('^').unwrap_or(t);
        let at_end = !quoted && t.ends_with('$') && !t.ends_with("\\$");
        if at_end {
            t = &t[..t.len() - 1];
        }
        let text = fold(t).into_owned();
        (!text.is_empty()).then(|| Special {
            ignore_case: !text.chars().any(char::is_uppercase),
            text: if text.chars().any(char::is_uppercase) {
                text
            } else {
                text.to_lowercase()
            },
            at_start,
            at_end,
            negative,
        })
    }

    /// Whether the term's text is in `value` where the term wants it (not minding `!`).
    fn matches(&self, value: &str) -> bool {
        let folded = fold(value);
        let value = folded.trim();
        let lower;
        let value = if self.ignore_case {
            lower = value.to_lowercase();
            lower.as_str()
        } else {
            value
        };
        match (self.at_start, self.at_end) {
            (true, true) => value == self.text,
            (true, false) => value.starts_with(&self.text),
            (false, true) => value.ends_with(&self.text),
            (false, false) => value.contains(&self.text),
        }
    }
}

/// Whether a query token is one of fzf's special terms (`'exact`, `^prefix`, `suffix$`,
/// `!not`) rather than a plain word.
pub(super) fn is_special(token: &str) -> bool {
    token.len() > 1 && (token.starts_with(['\'', '^', '!']) || token.ends_with('$'))
}

impl<'q> Search<'q> {
    pub fn new(index: &Index, query: &'q Query) -> Search<'q> {
        let (special, plain): (Vec<&str>, Vec<&str>) =
            query.text.split_whitespace().partition(|t| is_special(t));
        let plain = plain.join(" ");
        let pattern = Pattern::parse(&fold(&plain), CaseMatching::Smart, Normalization::Smart);
        let special = special.iter().filter_map(|t| Special::parse(t)).collect();
        let floor = {
            let matcher = &mut Matcher::new(Config::DEFAULT);
            let most: u32 = pattern
                .atoms
                .iter()
                .filter(|a| !a.negative)
                .filter_map(|a| crate::index::fast_search::bound_of(a.needle_text().len(), matcher))
                .sum();
            (most as f32 * FUZZY_FLOOR) as u32
        };
        let plan = Plan::new(&plain);
        let kinds = if plain.split_whitespace().count() >= 2 {
            query.named_kinds.clone()
        } else {
            Vec::new()
        };
        Search {
            query,
            needles: pattern.atoms.iter().map(ascii_needle).collect(),
            pattern,
            special,
            plan,
            vendor_ok: index.vendor_filter(query),
            exact: query.code_like().map(str::to_lowercase),
            categories: query
                .categories
                .iter()
                .map(|c| fold(c).to_lowercase())
                .collect(),
            kinds,
            floor,
        }
    }

    /// Whether row `i` passes the special terms: each positive one holds for some field,
    /// each `!` term for none.
    pub fn special_ok(&self, table: &Table, i: usize) -> bool {
        if self.special.is_empty() {
            return true;
        }
        self.special.iter().all(|term| {
            let found = table
                .pieces(i)
                .filter(|(f, _)| *f != Field::Vendor)
                .any(|(_, text)| term.matches(text));
            found != term.negative
        })
    }

    /// Whether row `i` is of a kind the query names.
    pub fn of_named_kind(&self, table: &Table, i: usize) -> bool {
        !self.kinds.is_empty() && table.kind(i).is_some_and(|k| self.kinds.contains(&k))
    }

    /// Whether each word of the fuzzy pattern matches row `i` within one field, its letters
    /// close together (a span of at most half again its length, and two): letters scattered
    /// over a long text are not a match.
    pub fn compact(&self, table: &Table, i: usize, scratch: &mut Scratch) -> bool {
        let mut buf = Vec::new();
        let mut indices = Vec::new();
        self.atoms().iter().filter(|a| !a.negative).all(|atom| {
            let len = atom.needle_text().len();
            let most = len + len / 2 + 2;
            table.pieces(i).any(|(_, text)| {
                let folded = fold(text);
                indices.clear();
                atom.indices(
                    Utf32Str::new(&folded, &mut buf),
                    &mut scratch.matcher,
                    &mut indices,
                )
                .is_some()
                    && {
                        indices.sort_unstable();
                        match (indices.first(), indices.last()) {
                            (Some(a), Some(b)) => ((b - a) as usize) < most,
                            _ => true,
                        }
                    }
            })
        })
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
fn ascii_needle(atom: &Atom) -> Option<Vec<u8>> {
    let needle = atom.needle_text();
    (0..needle.len())
        .map(|i| needle.get(i as u32))
        .map(|c| (c.is_ascii() && c != ' ').then(|| c.to_ascii_lowercase() as u8))
        .collect()
}

/// Whether an atom is plain fuzzy text (not `'exact`, `^prefix`, `suffix$`, `!not`).
pub(in crate::index) fn is_plain_fuzzy(atom: &Atom) -> bool {
    atom.kind == AtomKind::Fuzzy && !atom.negative
}

/// Whether `haystack` holds the bytes of `needle` (lower-case ASCII) in order, in any case:
/// true whenever nucleo could match the word, whatever its kind.
pub(in crate::index) fn in_order(needle: &[u8], haystack: &[u8]) -> bool {
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
