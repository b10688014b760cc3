//! The in-memory index over every loaded catalog: exact lookups by (vendor, code) and by code,
//! and fuzzy search with the query language, ranked the same way for the CLI and the TUI.

use crate::catalog::{Catalog, Edition, Entry, Loaded, Origin, Vendor};
use crate::fold::fold;
use crate::query::Query;
use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};
use serde::Serialize;
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};

/// A row of the default view (newest edition of each vendor), by position.
pub type RowId = u32;

/// One vendor and its editions, newest first (indexes into [`Index::catalogs`]).
#[derive(Debug, Clone)]
pub struct VendorInfo {
    pub id: String,
    pub editions: Vec<usize>,
}

/// Everything loaded, plus what makes lookups and search fast.
#[derive(Debug)]
pub struct Index {
    catalogs: Vec<Loaded>,
    vendors: Vec<VendorInfo>,
    rows: Vec<Row>,
    by_code: HashMap<String, Vec<RowId>>,
    /// Notices about how catalogs were combined (a user catalog replacing an embedded one).
    pub notices: Vec<String>,
}

#[derive(Debug)]
struct Row {
    catalog: u32,
    entry: u32,
    vendor: u16,
    /// ASCII fields joined: matched without conversion.
    ascii: Box<str>,
    /// Non-ASCII fields joined and folded (T→S), as chars for the matcher; empty when none.
    wide: Box<[char]>,
}

/// An entry with its vendor and edition: what every view and output needs.
#[derive(Debug, Clone, Copy)]
pub struct EntryRef<'a> {
    pub row: Option<RowId>,
    pub vendor: &'a Vendor,
    pub edition: &'a Edition,
    pub entry: &'a Entry,
    pub origin: &'a Origin,
}

/// The JSON shape of an entry in the CLI contract.
#[derive(Debug, Serialize)]
pub struct EntryJson<'a> {
    pub vendor: &'a str,
    pub edition: &'a str,
    pub code: &'a str,
    pub http_status: Option<u16>,
    pub category: Option<&'a str>,
    pub subcategory: Option<&'a str>,
    pub message: Option<&'a str>,
    pub description: Option<&'a crate::catalog::Text>,
    pub fix: Option<&'a crate::catalog::Text>,
    pub summary_en: Option<&'a str>,
}

impl<'a> EntryRef<'a> {
    pub fn to_json(&self) -> EntryJson<'a> {
        let e = self.entry;
        EntryJson {
            vendor: &self.vendor.id,
            edition: &self.edition.id,
            code: &e.code,
            http_status: e.http_status,
            category: e.category.as_deref(),
            subcategory: e.subcategory.as_deref(),
            message: e.message.as_deref(),
            description: e.description.as_ref(),
            fix: e.fix.as_ref(),
            summary_en: e.summary_en.as_deref(),
        }
    }
}

/// A search result: the row and nucleo's score (higher is better); exact code hits come first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub row: RowId,
    pub score: u32,
    pub exact_code: bool,
}

impl Index {
    /// Builds the index. Later catalogs with the same (vendor, edition) replace earlier ones,
    /// so user catalogs (loaded after the embedded ones) win, with a notice.
    pub fn new(loaded: Vec<Loaded>) -> Index {
        let mut catalogs: Vec<Loaded> = Vec::with_capacity(loaded.len());
        let mut notices = Vec::new();
        for l in loaded {
            let key = (&l.catalog.vendor.id, &l.catalog.edition.id);
            if let Some(old) = catalogs
                .iter_mut()
                .find(|c| (&c.catalog.vendor.id, &c.catalog.edition.id) == key)
            {
                notices.push(format!(
                    "{} replaces {} ({} edition {})",
                    l.origin, old.origin, l.catalog.vendor.id, l.catalog.edition.id
                ));
                *old = l;
            } else {
                catalogs.push(l);
            }
        }

        let mut vendors: Vec<VendorInfo> = Vec::new();
        for (i, l) in catalogs.iter().enumerate() {
            match vendors.iter_mut().find(|v| v.id == l.catalog.vendor.id) {
                Some(v) => v.editions.push(i),
                None => vendors.push(VendorInfo {
                    id: l.catalog.vendor.id.clone(),
                    editions: vec![i],
                }),
            }
        }
        for v in &mut vendors {
            v.editions = newest_first(&catalogs, &v.editions);
        }

        let mut rows = Vec::new();
        let mut by_code: HashMap<String, Vec<RowId>> = HashMap::new();
        for (vi, v) in vendors.iter().enumerate() {
            let ci = v.editions[0];
            let cat = &catalogs[ci].catalog;
            for (ei, entry) in cat.entries.iter().enumerate() {
                let id = rows.len() as RowId;
                by_code
                    .entry(entry.code.to_lowercase())
                    .or_default()
                    .push(id);
                let (ascii, wide) = haystacks(cat, entry);
                rows.push(Row {
                    catalog: ci as u32,
                    entry: ei as u32,
                    vendor: vi as u16,
                    ascii,
                    wide,
                });
            }
        }
        Index {
            catalogs,
            vendors,
            rows,
            by_code,
            notices,
        }
    }

    /// The embedded catalogs only.
    pub fn embedded() -> Index {
        Index::new(crate::catalog::embedded())
    }

    pub fn catalogs(&self) -> &[Loaded] {
        &self.catalogs
    }

    pub fn vendors(&self) -> &[VendorInfo] {
        &self.vendors
    }

    /// The vendor's newest catalog.
    pub fn vendor_catalog(&self, vendor: usize) -> &Catalog {
        &self.catalogs[self.vendors[vendor].editions[0]].catalog
    }

    /// Finds a vendor by id, name or alias (case-insensitive).
    pub fn find_vendor(&self, name: &str) -> Option<usize> {
        let name = name.to_lowercase();
        self.vendors.iter().position(|v| v.id == name).or_else(|| {
            (0..self.vendors.len()).find(|&i| {
                let vendor = &self.vendor_catalog(i).vendor;
                vendor.name.to_lowercase() == name
                    || vendor.aliases.iter().any(|a| a.to_lowercase() == name)
            })
        })
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// Number of rows of a vendor in the default view.
    pub fn vendor_len(&self, vendor: usize) -> usize {
        self.vendor_catalog(vendor).entries.len()
    }

    pub fn row_vendor(&self, row: RowId) -> usize {
        self.rows[row as usize].vendor as usize
    }

    pub fn get(&self, row: RowId) -> EntryRef<'_> {
        let r = &self.rows[row as usize];
        let l = &self.catalogs[r.catalog as usize];
        EntryRef {
            row: Some(row),
            vendor: &l.catalog.vendor,
            edition: &l.catalog.edition,
            entry: &l.catalog.entries[r.entry as usize],
            origin: &l.origin,
        }
    }

    /// Rows with this code at any vendor (case-insensitive), in vendor order.
    pub fn by_code(&self, code: &str) -> &[RowId] {
        self.by_code
            .get(&code.to_lowercase())
            .map_or(&[], Vec::as_slice)
    }

    /// Entries of `vendor` with `code` in an edition (default: the newest). Several when the
    /// source lists a code twice (PIXNET 4109).
    pub fn lookup(
        &self,
        vendor: usize,
        code: &str,
        edition: Option<&str>,
    ) -> Option<Vec<EntryRef<'_>>> {
        let v = &self.vendors[vendor];
        let ci = match edition {
            None => v.editions[0],
            Some(e) => *v
                .editions
                .iter()
                .find(|&&ci| self.catalogs[ci].catalog.edition.id == e)?,
        };
        let l = &self.catalogs[ci];
        let newest = ci == v.editions[0];
        Some(
            l.catalog
                .entries
                .iter()
                .enumerate()
                .filter(|(_, e)| e.code.eq_ignore_ascii_case(code))
                .map(|(ei, entry)| EntryRef {
                    row: newest.then(|| self.row_of(ci, ei)).flatten(),
                    vendor: &l.catalog.vendor,
                    edition: &l.catalog.edition,
                    entry,
                    origin: &l.origin,
                })
                .collect(),
        )
    }

    fn row_of(&self, catalog: usize, entry: usize) -> Option<RowId> {
        self.rows
            .iter()
            .position(|r| r.catalog as usize == catalog && r.entry as usize == entry)
            .map(|p| p as RowId)
    }

    /// Searches the default view. Results are sorted: exact code hits, then score, then
    /// catalog order. An empty query returns every row (filtered) in catalog order.
    pub fn search(&self, query: &Query) -> Vec<Hit> {
        self.search_cancellable(query, None, &AtomicBool::new(false))
            .unwrap_or_default()
    }

    /// Like [`Index::search`], limited to `within` (the previous results, when a query only
    /// grew) and giving up with `None` when `cancel` is set (a newer keystroke arrived).
    pub fn search_cancellable(
        &self,
        query: &Query,
        within: Option<&[RowId]>,
        cancel: &AtomicBool,
    ) -> Option<Vec<Hit>> {
        let vendor_ok = self.vendor_filter(query);
        let folded_text = fold(&query.text);
        let pattern = Pattern::parse(&folded_text, CaseMatching::Smart, Normalization::Smart);
        let exact = query.code_like().map(str::to_lowercase);
        let threads = std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .min(8);

        let candidates: Vec<RowId> = match within {
            Some(rows) => rows.to_vec(),
            None => (0..self.rows.len() as RowId).collect(),
        };
        let chunk = candidates.len().div_ceil(threads).max(4096);
        let mut hits: Vec<Hit> = std::thread::scope(|s| {
            let workers: Vec<_> = candidates
                .chunks(chunk)
                .map(|part| {
                    let pattern = &pattern;
                    let vendor_ok = &vendor_ok;
                    let exact = exact.as_deref();
                    s.spawn(move || {
                        let mut matcher = Matcher::new(Config::DEFAULT);
                        let mut out = Vec::new();
                        for (n, &row) in part.iter().enumerate() {
                            if n % 4096 == 0 && cancel.load(Ordering::Relaxed) {
                                return None;
                            }
                            if let Some(hit) =
                                self.match_row(row, query, vendor_ok, pattern, exact, &mut matcher)
                            {
                                out.push(hit);
                            }
                        }
                        Some(out)
                    })
                })
                .collect();
            let mut all = Vec::new();
            for w in workers {
                all.extend(w.join().expect("search worker panicked")?);
            }
            Some(all)
        })?;
        hits.sort_by(|a, b| {
            b.exact_code
                .cmp(&a.exact_code)
                .then(b.score.cmp(&a.score))
                .then(a.row.cmp(&b.row))
        });
        Some(hits)
    }

    fn match_row(
        &self,
        row: RowId,
        query: &Query,
        vendor_ok: &[bool],
        pattern: &Pattern,
        exact: Option<&str>,
        matcher: &mut Matcher,
    ) -> Option<Hit> {
        let r = &self.rows[row as usize];
        if !vendor_ok[r.vendor as usize] {
            return None;
        }
        let entry = &self.catalogs[r.catalog as usize].catalog.entries[r.entry as usize];
        if !query.statuses.is_empty()
            && !entry
                .http_status
                .is_some_and(|s| query.statuses.iter().any(|f| f.matches(s)))
        {
            return None;
        }
        if !query.code_prefixes.is_empty()
            && !query.code_prefixes.iter().any(|p| {
                entry.code.len() >= p.len()
                    && entry.code.as_bytes()[..p.len()].eq_ignore_ascii_case(p.as_bytes())
            })
        {
            return None;
        }
        if !query.categories.is_empty() {
            let cat = fold(entry.category.as_deref().unwrap_or("")).to_lowercase();
            let sub = fold(entry.subcategory.as_deref().unwrap_or("")).to_lowercase();
            if !query.categories.iter().any(|c| {
                let c = fold(c).to_lowercase();
                cat.contains(&c) || sub.contains(&c)
            }) {
                return None;
            }
        }
        let exact_code = exact.is_some_and(|x| entry.code.eq_ignore_ascii_case(x));
        if pattern.atoms.is_empty() {
            return Some(Hit {
                row,
                score: 0,
                exact_code,
            });
        }
        // Each atom must match one of the two haystacks; the row's score is the sum of the best.
        let mut score = 0u32;
        for atom in &pattern.atoms {
            let a = atom.score(Utf32Str::Ascii(r.ascii.as_bytes()), matcher);
            let w = if r.wide.is_empty() {
                None
            } else {
                atom.score(Utf32Str::Unicode(&r.wide), matcher)
            };
            let best = match (a, w) {
                (Some(a), Some(w)) => a.max(w),
                (Some(x), None) | (None, Some(x)) => x,
                (None, None) if atom.negative => 0,
                (None, None) => return None,
            };
            // A negative atom "matches" by scoring; it must fail on both haystacks.
            if atom.negative && (a.is_none() || w.is_none()) && !(a.is_none() && w.is_none()) {
                return None;
            }
            score += best as u32;
        }
        Some(Hit {
            row,
            score,
            exact_code,
        })
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
                    let v = &self.vendor_catalog(i).vendor;
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

/// Orders a vendor's editions newest first: an edition superseded by another comes after it;
/// otherwise later dates first; otherwise later-loaded first.
fn newest_first(catalogs: &[Loaded], editions: &[usize]) -> Vec<usize> {
    let mut order: Vec<usize> = editions.to_vec();
    let superseded = |ci: usize| {
        let id = &catalogs[ci].catalog.edition.id;
        editions
            .iter()
            .any(|&o| catalogs[o].catalog.edition.supersedes.as_ref() == Some(id))
    };
    order.sort_by(|&a, &b| {
        let (ea, eb) = (&catalogs[a].catalog.edition, &catalogs[b].catalog.edition);
        superseded(a)
            .cmp(&superseded(b))
            .then_with(|| eb.date.cmp(&ea.date))
            .then(b.cmp(&a))
    });
    order
}

/// The text a row is found by: code, vendor, category, subcategory, message, description, fix
/// and summary. ASCII and non-ASCII parts are kept apart so ASCII never pays for UTF-32.
fn haystacks(cat: &Catalog, e: &Entry) -> (Box<str>, Box<[char]>) {
    let mut ascii = String::new();
    let mut wide = String::new();
    let mut add = |s: &str| {
        let target = if s.is_ascii() { &mut ascii } else { &mut wide };
        if !target.is_empty() {
            target.push(' ');
        }
        target.push_str(s);
    };
    add(&e.code);
    add(&cat.vendor.id);
    for f in [&e.category, &e.subcategory, &e.message, &e.summary_en]
        .into_iter()
        .flatten()
    {
        add(f);
    }
    for t in [&e.description, &e.fix].into_iter().flatten() {
        for item in t.items() {
            add(item);
        }
    }
    let wide: Box<[char]> = fold(&wide).chars().collect();
    (ascii.into_boxed_str(), wide)
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
