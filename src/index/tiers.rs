//! Search by words, ranked in tiers as a search engine does: a row whose field is the query
//! beats a row holding it as a phrase, which beats a row holding all its words, then most of
//! them, then typos and word starts. Inside a tier rows rank by a word-relevance score (BM25
//! with field weights: code, symbol and message above summary above description, shorter
//! fields first). Letters in order (the fuzzy tier) and named kinds come after, in `search`.
//!
//! Words are found through each table's word index (`words`), so the cost is the rows that
//! hold the words, not every row.

use super::search::Search;
use super::synonyms;
use super::table::{Field, Table};
use super::words::{self, Token, WordIndex, derive, inflect, typo_budget, within_edits};
use super::{Hit, Index, RowId};
use crate::fold::fold;
use std::sync::atomic::{AtomicBool, Ordering};

/// The tiers, higher is better (see the module documentation); [`Hit::tier`] holds one.
pub mod tier {
    /// A row of a kind the query names in plain words ("too many requests").
    pub const KIND: u8 = 1;
    /// The query's letters in order, close together.
    pub const FUZZY: u8 = 2;
    /// Some of the words of a longer question (three words or more): a fifth of its weight.
    pub const SOME: u8 = 3;
    /// Half the words or more, counting typos and word starts.
    pub const TYPO: u8 = 4;
    /// Half the words or more (by count, or by weight: a rare word counts more).
    pub const MOST: u8 = 5;
    /// Every word, some by a derived form, a synonym, or in a weaker field.
    pub const ALL: u8 = 6;
    /// Every word as written or inflected, in the symbol, message or summary.
    pub const HELD: u8 = 7;
    /// The words in a row, in order, in one field.
    pub const PHRASE: u8 = 8;
    /// A whole field equals the query.
    pub const FIELD: u8 = 9;
    /// The query is the row's code, symbol or alias.
    pub const CODE: u8 = 10;
}

/// The name of a tier, for `--json` and the explorer.
pub fn tier_name(t: u8) -> &'static str {
    match t {
        tier::CODE => "code",
        tier::FIELD => "field",
        tier::PHRASE => "phrase",
        tier::HELD => "words",
        tier::ALL => "related",
        tier::MOST => "most",
        tier::TYPO => "typo",
        tier::SOME => "some",
        tier::FUZZY => "fuzzy",
        tier::KIND => "kind",
        _ => "any",
    }
}

/// How a row's word matched a query word, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Class {
    Exact,
    Inflected,
    Derived,
    Synonym,
    Typo,
    Start,
}

impl Class {
    fn weight(self) -> f32 {
        match self {
            Class::Exact => 1.0,
            Class::Inflected => 0.95,
            Class::Derived => 0.7,
            Class::Synonym => 0.6,
            Class::Typo => 0.5,
            Class::Start => 0.4,
        }
    }

    fn strict(self) -> bool {
        self <= Class::Synonym
    }

    fn from_bits(b: u8) -> Class {
        [
            Class::Exact,
            Class::Inflected,
            Class::Derived,
            Class::Synonym,
            Class::Typo,
            Class::Start,
        ][b as usize % 6]
    }
}

/// How much a word found in `field` says about the row.
fn field_weight(field: Field) -> f32 {
    match field {
        Field::Code | Field::Symbol | Field::Message => 3.0,
        Field::Alias => 2.5,
        Field::Summary => 2.0,
        Field::Keyword => 1.5,
        Field::Vendor | Field::Category | Field::Subcategory | Field::Description => 1.0,
        Field::Fix => 0.7,
        Field::MapsCode | Field::MapsVendor => 0.5,
    }
}

/// The fields whose words a row is said to hold (the others describe it). A code's words
/// (`token_validation_failed`) are not among them: the code as a whole is found first, and its
/// parts name the entry less than its message does.
fn primary(field: Field) -> bool {
    matches!(
        field,
        Field::Symbol | Field::Alias | Field::Message | Field::Summary
    )
}

/// Words that carry no meaning of their own in a question ("the", "when"): they count for
/// phrases and whole fields, not as words to find. "not", "no", "out" and "too" do carry
/// meaning in error messages and stay. What is left of a negative contraction ("couldn" of
/// "couldn't", whose "t" reads as "not") is a stop word as the verb is.
const STOP_WORDS: &[&str] = &[
    "aren", "couldn", "didn", "doesn", "don", "hadn", "hasn", "haven", "isn", "shouldn", "wasn",
    "weren", "wouldn", "a", "about", "after", "also", "am", "an", "and", "any", "are", "as", "at",
    "be", "been", "being", "but", "by", "can", "could", "did", "do", "does", "doing", "for",
    "from", "had", "has", "have", "having", "he", "her", "his", "how", "i", "if", "into", "is",
    "it", "its", "just", "may", "me", "might", "must", "my", "of", "on", "or", "our", "s", "she",
    "should", "so", "some", "t", "than", "that", "the", "their", "them", "then", "there", "these",
    "they", "this", "those", "to", "very", "was", "we", "were", "what", "when", "which", "while",
    "who", "why", "will", "with", "would", "you", "your",
];

fn is_stop(t: &Token) -> bool {
    matches!(t, Token::Word(w) if STOP_WORDS.contains(&w.as_str()))
}

fn without_stop_words(tokens: &[Token]) -> Vec<Token> {
    tokens.iter().filter(|t| !is_stop(t)).cloned().collect()
}

/// A query word or CJK run to find in rows.
#[derive(Debug)]
struct Unit {
    token: Token,
    /// Its place among the query's tokens.
    at: usize,
}

/// A synonym that applies to the query: the units it stands for, and its phrases, each as
/// lookups (indexes into [`Plan::lookups`]).
#[derive(Debug)]
struct Rule {
    units: Vec<usize>,
    phrases: Vec<Vec<usize>>,
    /// The query's tokens the key is, as `start..end`.
    key: std::ops::Range<usize>,
}

impl Rule {
    /// Whether the key is a phrase of two words or more ("not logged in", "wrong password"):
    /// its words count as the phrase only where a row holds them as one (see
    /// [`Index::row_match`]).
    fn is_phrase(&self) -> bool {
        self.key.len() >= 2
    }
}

/// A word to look up in each table's word index: a query word (which may also match by a typo
/// or as the start of a longer word) or a word of a synonym's phrase.
#[derive(Debug)]
struct Lookup {
    word: String,
    inflected: String,
    derived: String,
    loose: bool,
}

/// The free text of a query, prepared for the word tiers.
pub(super) struct Plan {
    /// The query's tokens, stop words included (for phrases).
    tokens: Vec<Token>,
    /// The tokens without stop words (unless all are): a field whose words but its stop
    /// words are these is the query ("network unreachable" is "Network is unreachable"). Not
    /// for phrases, whose stop words matter ("column does not exist" is not "column if not
    /// exists").
    content: Vec<Token>,
    /// The units to find: every token but stop words (all of them when all are stop words).
    units: Vec<Unit>,
    /// `lookups[u]` is unit `u`'s word (for word units); synonyms' words follow.
    lookups: Vec<Lookup>,
    unit_lookup: Vec<Option<usize>>,
    rules: Vec<Rule>,
}

/// A match of a lookup in a row: its class and field.
#[derive(Debug, Clone, Copy)]
struct Found {
    class: Class,
    field: Field,
}

impl Plan {
    /// Prepares `text` (the plain words of the query: no `'`, `^`, `$` or `!` terms).
    pub fn new(text: &str) -> Plan {
        let tokens = words::tokens(text);
        let all_stop = tokens.iter().all(is_stop);
        let mut units = Vec::new();
        for (at, t) in tokens.iter().enumerate() {
            if all_stop || !is_stop(t) {
                // The same word twice is found once.
                if !units.iter().any(|u: &Unit| u.token == *t) {
                    units.push(Unit {
                        token: t.clone(),
                        at,
                    });
                }
            }
        }
        let mut lookups = Vec::new();
        let mut unit_lookup = Vec::new();
        for u in &units {
            unit_lookup.push(match &u.token {
                Token::Word(w) => {
                    lookups.push(Lookup::new(w, true));
                    Some(lookups.len() - 1)
                }
                Token::Cjk(_) => None,
            });
        }
        let stems: Vec<Option<String>> = tokens
            .iter()
            .map(|t| match t {
                Token::Word(w) => Some(inflect(w)),
                Token::Cjk(_) => None,
            })
            .collect();
        let mut rules = Vec::new();
        for syn in synonyms::table() {
            let n = syn.key.len();
            if n > stems.len() {
                continue;
            }
            for start in 0..=stems.len() - n {
                let hit = (0..n).all(|k| stems[start + k].as_deref() == Some(syn.key[k].as_str()));
                if !hit {
                    continue;
                }
                let covered: Vec<usize> = (0..units.len())
                    .filter(|&u| (start..start + n).contains(&units[u].at))
                    .collect();
                if covered.is_empty() {
                    continue;
                }
                let phrases = syn
                    .phrases
                    .iter()
                    .map(|p| {
                        p.iter()
                            .filter(|w| !STOP_WORDS.contains(&w.as_str()) || p.len() == 1)
                            .map(|w| {
                                lookups
                                    .iter()
                                    .position(|l: &Lookup| l.word == *w && !l.loose)
                                    .unwrap_or_else(|| {
                                        lookups.push(Lookup::new(w, false));
                                        lookups.len() - 1
                                    })
                            })
                            .collect()
                    })
                    .collect();
                rules.push(Rule {
                    units: covered,
                    phrases,
                    key: start..start + n,
                });
            }
        }
        Plan {
            content: if all_stop {
                tokens.clone()
            } else {
                without_stop_words(&tokens)
            },
            tokens,
            units,
            lookups,
            unit_lookup,
            rules,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.units.is_empty()
    }
}

impl Lookup {
    fn new(word: &str, loose: bool) -> Lookup {
        Lookup {
            word: word.to_string(),
            inflected: inflect(word),
            derived: derive(word),
            loose,
        }
    }

    /// The words of `index` this lookup matches, each with how.
    fn expand(&self, index: &WordIndex) -> Vec<(u32, Class)> {
        let mut out: Vec<(u32, Class)> = Vec::new();
        let mut add = |id: u32, class: Class| {
            if !out.iter().any(|&(i, _)| i == id) {
                out.push((id, class));
            }
        };
        if let Some(id) = index.id(&self.word) {
            add(id, Class::Exact);
        }
        for id in index.by_inflection(&self.inflected) {
            add(id, Class::Inflected);
        }
        for id in index.by_derivation(&self.derived) {
            add(id, Class::Derived);
        }
        if self.loose && self.word.bytes().all(|b| b.is_ascii_alphabetic()) {
            let budget = typo_budget(&self.word);
            if budget > 0 {
                for (id, w) in index.all() {
                    if w.len() >= 4 && within_edits(w, &self.word, budget) {
                        add(id, Class::Typo);
                    }
                }
            }
            if self.word.len() >= 3 {
                for id in index.starting_with(&self.word) {
                    add(id, Class::Start);
                }
            }
        }
        out
    }
}

/// BM25's constants: how fast repeated evidence saturates, and how much field length counts.
const K1: f32 = 1.2;
const B: f32 = 0.75;

/// What a word found in a field is worth: each unit's inverse document frequency, and each
/// field's average length in bytes.
struct Weights<'a> {
    idf: &'a [f32],
    averages: &'a [f32; 16],
    /// Whether the query's last word is no word of the searched catalogs, so may be the start
    /// of one (a word being typed) in a phrase.
    last_grows: bool,
}

/// The average bytes of each field over the rows of `indexes` that have it (1 where none has).
fn average_lengths<'a>(indexes: impl Iterator<Item = &'a WordIndex>) -> [f32; 16] {
    let mut bytes = [0u64; 16];
    let mut rows = [0u64; 16];
    for index in indexes {
        let (b, r) = index.field_sizes();
        for f in 0..16 {
            bytes[f] += b[f];
            rows[f] += u64::from(r[f]);
        }
    }
    std::array::from_fn(|f| {
        if rows[f] == 0 {
            1.0
        } else {
            (bytes[f] as f32 / rows[f] as f32).max(1.0)
        }
    })
}

/// What the word tiers found in one row.
struct RowMatch {
    /// The tier when the row holds every word; else decided once every row is seen.
    tier: Option<u8>,
    /// The share of the query's words the row holds strictly (words, stems, synonyms), and
    /// by typos and word starts.
    strict: f32,
    loose: f32,
    /// The share of the query's weight the row holds strictly.
    weight: f32,
    score: f32,
}

impl Index {
    /// The rows the words of `plan` find, each with its tier and score (unsorted); `None` when
    /// cancelled.
    pub(super) fn word_hits(
        &self,
        search: &Search,
        plan: &Plan,
        cancel: &AtomicBool,
    ) -> Option<Vec<Hit>> {
        let mut plan_units: Vec<f32> = vec![0.0; plan.units.len()];
        let vendors: Vec<usize> = (0..self.vendors.len())
            .filter(|&v| search.vendor_ok[v])
            .collect();
        // Each table's words for each lookup.
        let expanded: Vec<Vec<Vec<(u32, Class)>>> = vendors
            .iter()
            .map(|&v| {
                let index = self.vendor_table(v).words();
                plan.lookups.iter().map(|l| l.expand(index)).collect()
            })
            .collect();
        // The average length of each field over the rows searched, so that a field's length
        // counts the same in every table (a table of long messages does not make its messages
        // look short).
        let averages = average_lengths(vendors.iter().map(|&v| self.vendor_table(v).words()));
        let last_grows = match plan.tokens.last() {
            Some(Token::Word(w)) => !vendors
                .iter()
                .any(|&v| self.vendor_table(v).words().id(w).is_some()),
            _ => false,
        };
        // Inverse document frequencies over every row, from the rows that hold each unit.
        let total = self.len().max(1) as f32;
        for (u, unit) in plan.units.iter().enumerate() {
            let mut df = 0usize;
            for (n, &v) in vendors.iter().enumerate() {
                let table = self.vendor_table(v);
                df += match (&unit.token, plan.unit_lookup[u]) {
                    (_, Some(l)) => {
                        let index = table.words();
                        let mut rows: Vec<u32> = expanded[n][l]
                            .iter()
                            .flat_map(|&(id, _)| index.postings(id).map(|p| p.row))
                            .collect();
                        rows.sort_unstable();
                        rows.dedup();
                        rows.len()
                    }
                    (Token::Cjk(s), None) => (0..table.len())
                        .filter(|&i| {
                            table.haystack(i).has_unicode && table.unicode(i).contains(s.as_str())
                        })
                        .count(),
                    _ => 0,
                };
            }
            // A word no row holds in any form (and no synonym covers) cannot tell rows apart:
            // it is left out, so "ip not whitelisted" is answered by "ip" and "not".
            let covered = plan.rules.iter().any(|r| r.units.contains(&u));
            plan_units[u] = if df == 0 && !covered {
                0.0
            } else {
                let df = df.max(1) as f32;
                ((total - df + 0.5) / (df + 0.5) + 1.0).ln().max(0.01)
            };
        }
        let mut found: Vec<(RowId, RowMatch)> = Vec::new();
        for (n, &v) in vendors.iter().enumerate() {
            if cancel.load(Ordering::Relaxed) {
                return None;
            }
            let table = self.vendor_table(v);
            let base = self.starts[v];
            let weights = Weights {
                idf: &plan_units,
                averages: &averages,
                last_grows,
            };
            self.table_hits(search, plan, &weights, table, &expanded[n], |i, m| {
                found.push((base + i as RowId, m))
            });
        }
        let many = plan.units.len() >= 2;
        let question = plan.units.len() >= 3;
        let hits = found
            .into_iter()
            .filter_map(|(row, m)| {
                let tier = match m.tier {
                    Some(t) => t,
                    None if many && m.strict >= 0.5 => tier::MOST,
                    None if m.loose > 0.0 && m.strict + m.loose >= 0.5 => tier::TYPO,
                    None if question && m.weight >= 0.2 => tier::SOME,
                    None => return None,
                };
                Some(Hit {
                    row,
                    score: (m.score * 1000.0) as u32,
                    exact_code: false,
                    tier,
                })
            })
            .collect();
        Some(hits)
    }

    /// The word tiers' matches in one table, given the lookups' words there.
    #[allow(clippy::too_many_arguments)]
    fn table_hits(
        &self,
        search: &Search,
        plan: &Plan,
        weights: &Weights,
        table: &Table,
        expanded: &[Vec<(u32, Class)>],
        mut found: impl FnMut(usize, RowMatch),
    ) {
        let index = table.words();
        // Every match as (row, lookup, class, field), packed to sort by row.
        let mut events: Vec<u64> = Vec::new();
        for (l, words) in expanded.iter().enumerate() {
            for &(id, class) in words {
                for p in index.postings(id) {
                    events.push(
                        (p.row as u64) << 32
                            | (l as u64) << 16
                            | (class as u64) << 8
                            | p.field as u64,
                    );
                }
            }
        }
        // CJK runs are found as text; their matches take the slots after the lookups.
        let cjk: Vec<(usize, &str)> = plan
            .units
            .iter()
            .enumerate()
            .filter_map(|(u, unit)| match &unit.token {
                Token::Cjk(s) => Some((u, s.as_str())),
                Token::Word(_) => None,
            })
            .collect();
        if !cjk.is_empty() {
            for i in 0..table.len() {
                if !table.haystack(i).has_unicode {
                    continue;
                }
                let text = table.unicode(i);
                for &(u, s) in &cjk {
                    if text.contains(s) {
                        let field = table
                            .pieces(i)
                            .find(|(_, p)| !p.is_ascii() && fold(p).contains(s))
                            .map_or(Field::Description, |(f, _)| f);
                        let slot = plan.lookups.len() + u;
                        events.push((i as u64) << 32 | (slot as u64) << 16 | field as u64);
                    }
                }
            }
        }
        // A unit naming the vendor ("pixnet") is held by each of its rows.
        let names = vendor_names(table);
        let vendor_units: Vec<bool> = plan
            .units
            .iter()
            .map(|u| matches!(&u.token, Token::Word(w) if names.contains(w)))
            .collect();
        events.sort_unstable();
        let slots = plan.lookups.len() + plan.units.len();
        let mut best: Vec<Option<Found>> = vec![None; slots];
        let mut evaluate = |i: usize, best: &[Option<Found>]| {
            if search.filter(table, i).is_none() || !search.special_ok(table, i) {
                return;
            }
            if let Some(m) = self.row_match(plan, weights, table, i, best, &vendor_units) {
                found(i, m);
            }
        };
        if vendor_units.iter().any(|&b| b) {
            // Every row holds the vendor's name.
            let mut e = 0;
            for i in 0..table.len() {
                best.iter_mut().for_each(|b| *b = None);
                while e < events.len() && (events[e] >> 32) as usize == i {
                    record(&mut best, events[e]);
                    e += 1;
                }
                evaluate(i, &best);
            }
            return;
        }
        let mut e = 0;
        while e < events.len() {
            let row = (events[e] >> 32) as usize;
            best.iter_mut().for_each(|b| *b = None);
            while e < events.len() && (events[e] >> 32) as usize == row {
                record(&mut best, events[e]);
                e += 1;
            }
            evaluate(row, &best);
        }
    }

    /// The tier and score of row `i`, given the best match of each lookup there.
    fn row_match(
        &self,
        plan: &Plan,
        weights: &Weights,
        table: &Table,
        i: usize,
        best: &[Option<Found>],
        vendor_units: &[bool],
    ) -> Option<RowMatch> {
        let lens = field_lengths(table, i);
        let norm = |f: Field| {
            let len = lens[f as usize].max(1) as f32;
            (K1 + 1.0) / (1.0 + K1 * (1.0 - B + B * len / weights.averages[f as usize]))
        };
        let mut total = 0.0f32;
        let mut weight = 0.0f32;
        let mut strict_weight = 0.0f32;
        let mut strict = 0.0f32;
        let mut loose = 0.0;
        let mut all_strict = true;
        let mut held = true;
        let mut score = 0.0;
        // Whether the row holds each phrase rule's key as a phrase, found out once.
        let mut holds_key: Vec<Option<bool>> = vec![None; plan.rules.len()];
        for u in 0..plan.units.len() {
            let mut m: Option<Found> = match plan.unit_lookup[u] {
                Some(l) => best[l],
                None => best[plan.lookups.len() + u],
            };
            // The words of a phrase people say ("not logged in") apart in a row ("could not
            // ... in a registry log") say no more than the phrase's synonyms do.
            if let Some(f) = m.as_mut().filter(|f| f.class < Class::Synonym) {
                let apart = plan.rules.iter().enumerate().any(|(r, rule)| {
                    rule.is_phrase()
                        && rule.units.contains(&u)
                        && !*holds_key[r].get_or_insert_with(|| {
                            holds_tokens(&plan.tokens[rule.key.clone()], table, i)
                        })
                });
                if apart {
                    f.class = Class::Synonym;
                }
            }
            if vendor_units[u] {
                m = better(
                    m,
                    Some(Found {
                        class: Class::Exact,
                        field: Field::Vendor,
                    }),
                );
            }
            for rule in plan.rules.iter().filter(|r| r.units.contains(&u)) {
                for phrase in &rule.phrases {
                    let fields: Option<Vec<Field>> = phrase
                        .iter()
                        .map(|&l| {
                            best[l]
                                .filter(|f| f.class <= Class::Derived)
                                .map(|f| f.field)
                        })
                        .collect();
                    if let Some(fields) = fields {
                        let field = fields
                            .into_iter()
                            .min_by(|a, b| field_weight(*a).total_cmp(&field_weight(*b)))
                            .unwrap_or(Field::Description);
                        m = better(
                            m,
                            Some(Found {
                                class: Class::Synonym,
                                field,
                            }),
                        );
                    }
                }
            }
            let w = weights.idf[u];
            if w == 0.0 {
                continue;
            }
            total += 1.0;
            weight += w;
            match m {
                Some(f) if f.class.strict() => {
                    strict += 1.0;
                    strict_weight += w;
                    held &= f.holds();
                    score += w * f.class.weight() * field_weight(f.field) * norm(f.field);
                }
                Some(f) => {
                    loose += 1.0;
                    all_strict = false;
                    score += w * f.class.weight() * field_weight(f.field) * norm(f.field);
                }
                None => all_strict = false,
            }
        }
        if total <= 0.0 {
            return None;
        }
        score *= prior(table, i, &lens);
        let tier = all_strict.then(
            || match whole_or_phrase(plan, weights.last_grows, table, i) {
                Some(t) => t,
                None if held => tier::HELD,
                None => tier::ALL,
            },
        );
        Some(RowMatch {
            tier,
            // By count or by weight, whichever is more: the rarest word of a question counts as
            // much as two common ones.
            strict: (strict / total).max(strict_weight / weight),
            loose: loose / total,
            weight: strict_weight / weight,
            score,
        })
    }
}

/// Records one packed match in `best` (the better of what is there and it).
fn record(best: &mut [Option<Found>], event: u64) {
    let slot = (event >> 16 & 0xffff) as usize;
    let found = Found {
        class: Class::from_bits((event >> 8 & 0xff) as u8),
        field: Field::from_bits((event & 0xff) as u8),
    };
    best[slot] = better(best[slot], Some(found));
}

/// The better of two matches: a strict one (see [`Class::strict`]) over a loose one; then one
/// that makes the row a holder of the word (as written or inflected, in a field a row holds
/// words in: "refresh tokens" in a summary over "token endpoint" in a category); then the one
/// worth more (class by field); then a field a row holds words in (a symbol over the code that
/// spells it).
fn better(a: Option<Found>, b: Option<Found>) -> Option<Found> {
    let rank = |f: Found| {
        (
            !f.class.strict(),
            !f.holds(),
            -(f.class.weight() * field_weight(f.field)),
            !primary(f.field),
        )
    };
    match (a, b) {
        (Some(x), Some(y)) => {
            if rank(y) < rank(x) {
                Some(y)
            } else {
                Some(x)
            }
        }
        (x, None) => x,
        (None, y) => y,
    }
}

impl Found {
    /// Whether the row holds the word by this match: as written or inflected, in a field a
    /// row holds words in (or the vendor's name).
    fn holds(self) -> bool {
        self.class <= Class::Inflected && primary(self.field) || self.field == Field::Vendor
    }
}

/// The vendor's id, name and aliases as words.
fn vendor_names(table: &Table) -> Vec<String> {
    let v = table.vendor();
    std::iter::once(&v.id)
        .chain(std::iter::once(&v.name))
        .chain(&v.aliases)
        .map(|n| fold(n).to_lowercase())
        .collect()
}

/// How much a match in row `i` is worth beside an equal match elsewhere: an entry the source
/// marks obsolete gives way to the one in use, and a bare name (no message, no summary) to an
/// entry that says what happened.
fn prior(table: &Table, i: usize, lens: &[u32; 16]) -> f32 {
    let mut prior = 1.0;
    if table.is_obsolete(i) {
        prior *= 0.5;
    }
    if lens[Field::Message as usize] == 0 && lens[Field::Summary as usize] == 0 {
        prior *= 0.8;
    }
    prior
}

/// Bytes of each field of row `i` (list items added up).
fn field_lengths(table: &Table, i: usize) -> [u32; 16] {
    let mut lens = [0u32; 16];
    for (field, text) in table.pieces(i) {
        lens[field as usize] += text.len() as u32;
    }
    lens
}

/// [`tier::FIELD`] when a field of row `i` is the query (stop words aside: see
/// [`Plan::content`]), [`tier::PHRASE`] when one holds the query's words in order (CJK runs as
/// text). The last word may be the start of a longer one when `last_grows` (it is no word of
/// the catalogs: still being typed). The fields are those a row is said to hold words in; for
/// CJK text, whose words are mostly in descriptions, every text field.
fn whole_or_phrase(plan: &Plan, last_grows: bool, table: &Table, i: usize) -> Option<u8> {
    let q = &plan.tokens;
    let cjk = q.iter().any(|t| matches!(t, Token::Cjk(_)));
    let mut phrase = false;
    for (field, text) in table.pieces(i) {
        let text_field = !matches!(field, Field::Vendor | Field::MapsVendor | Field::MapsCode);
        if !(primary(field) || cjk && text_field) {
            continue;
        }
        let t = words::tokens(text);
        if t == *q || without_stop_words(&t) == plan.content {
            return Some(tier::FIELD);
        }
        if !phrase && (q.len() >= 2 || matches!(q.first(), Some(Token::Cjk(_)))) {
            phrase = holds_phrase(&t, q, last_grows);
        }
    }
    phrase.then_some(tier::PHRASE)
}

/// Whether a field of row `i` that a row holds words in has the tokens `q` in a row.
fn holds_tokens(q: &[Token], table: &Table, i: usize) -> bool {
    table
        .pieces(i)
        .filter(|(field, _)| primary(*field))
        .any(|(_, text)| holds_phrase(&words::tokens(text), q, false))
}

/// Whether `field` holds the tokens `q` in a row, the last perhaps as the start of a longer
/// word (when `last_grows`).
fn holds_phrase(field: &[Token], q: &[Token], last_grows: bool) -> bool {
    if q.is_empty() || field.len() < q.len() {
        return false;
    }
    let same = |f: &Token, q: &Token, last: bool| match (f, q) {
        (Token::Word(f), Token::Word(q)) => {
            f == q || inflect(f) == inflect(q) || (last && last_grows && f.starts_with(q.as_str()))
        }
        (Token::Cjk(f), Token::Cjk(q)) => f.contains(q.as_str()),
        _ => false,
    };
    (0..=field.len() - q.len()).any(|s| {
        q.iter()
            .enumerate()
            .all(|(k, t)| same(&field[s + k], t, k + 1 == q.len()))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stop_words_are_not_units_unless_all_are() {
        let p = Plan::new("port already taken when starting the server");
        let units: Vec<String> = p
            .units
            .iter()
            .map(|u| match &u.token {
                Token::Word(w) => w.clone(),
                Token::Cjk(s) => s.clone(),
            })
            .collect();
        assert_eq!(units, ["port", "already", "taken", "starting", "server"]);
        assert_eq!(Plan::new("to be").units.len(), 2);
    }

    #[test]
    fn a_phrase_people_say_counts_as_its_words_only_together() {
        let index = crate::index::Index::embedded();
        let hits = index.search(&crate::query::Query::parse("not logged in").unwrap());
        let phrase = words::tokens("not logged in");
        // "could not allocate the required space in a registry log" holds the words, apart.
        for h in hits.iter().filter(|h| h.tier >= tier::HELD) {
            let (table, i) = index.locate(h.row);
            assert!(holds_tokens(&phrase, table, i), "{:?}", table.entry(i));
        }
        let top: Vec<(String, String)> = hits[..3]
            .iter()
            .map(|h| {
                let (table, i) = index.locate(h.row);
                (table.vendor().id.clone(), table.code(i).to_string())
            })
            .collect();
        assert!(
            top.contains(&("pixnet".to_string(), "1203".to_string())),
            "{top:?}"
        );
    }

    #[test]
    fn phrases_allow_the_last_word_to_grow() {
        let t = |s: &str| words::tokens(s);
        assert!(holds_phrase(
            &t("Too Many Requests"),
            &t("too many req"),
            true
        ));
        assert!(!holds_phrase(
            &t("FWP_E_DUPLICATE_KEYMOD"),
            &t("duplicate key"),
            false
        ));
        assert!(holds_phrase(
            &t("Too Many Requests"),
            &t("too many request"),
            false
        ));
        assert!(holds_phrase(
            &t("Token 過期,請重新"),
            &t("token 过期"),
            false
        ));
        assert!(!holds_phrase(
            &t("Connection reset by peer"),
            &t("connection refused"),
            true
        ));
    }
}
