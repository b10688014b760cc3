//! The in-memory index over every loaded catalog: exact lookups by (vendor, code) and by code,
//! and fuzzy search with the query language, ranked the same way for the CLI and the TUI.
//!
//! Catalogs are kept as packed [`Table`]s (see `table`): the rows' text is the search
//! column, and [`Entry`] values are made only for the rows someone looks at (and whole
//! [`Catalog`] values for the one vendor a command works on). The code lookup, which only some
//! commands need, is built on first use.

mod codes;
pub mod embedded;
mod fast_search;
mod message_table;
pub mod messages;
mod search;
mod synonyms;
mod table;
mod tiers;
pub mod words;

use crate::catalog::{self, Catalog, CatalogProblem, Edition, Entry, Origin, Sources, Vendor};
use messages::MessageIndex;

pub use fast_search::FULL_SCORES;
pub use search::{FUZZY_MOST, FUZZY_TAIL, Highlighter};
pub use table::{Field, Haystack, Table, TableBuilder};
pub use tiers::{tier, tier_name};

/// A row of the default view (newest edition of each vendor), by position.
pub type RowId = u32;

/// One vendor and its editions, newest first (indexes into [`Index::tables`]).
#[derive(Debug, Clone)]
pub struct VendorInfo {
    pub id: String,
    pub editions: Vec<usize>,
}

/// Everything loaded, plus what makes lookups and search fast.
#[derive(Debug)]
pub struct Index {
    tables: Vec<Table>,
    vendors: Vec<VendorInfo>,
    /// The default view's rows are each vendor's newest table, one after the other: vendor
    /// `v` has rows `starts[v]..starts[v + 1]`.
    starts: Vec<RowId>,
    /// [`MessageIndex::shared`]'s counters, kept between calls.
    message_scratch: messages::Scratch,
    /// Notices about how catalogs were combined (a user catalog replacing an embedded one).
    pub notices: Vec<String>,
}

/// An entry with its vendor and edition: what every view and output needs.
#[derive(Debug, Clone)]
pub struct EntryRef<'a> {
    pub row: Option<RowId>,
    pub vendor: &'a Vendor,
    pub edition: &'a Edition,
    pub entry: Entry,
    pub origin: &'a Origin,
}

/// A search result: the row and nucleo's score (higher is better); exact code hits come first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub row: RowId,
    pub score: u32,
    pub exact_code: bool,
    /// When the query names kinds in plain words: 2 for a row with every word of the query,
    /// 1 for a row of a named kind, else 0 (see `search::Search::tier`).
    pub tier: u8,
}

impl Index {
    /// Loads the embedded catalogs and `sources` (see [`catalog::load_sources`]) and indexes
    /// them; also returns the problems of the catalogs that did not load.
    pub fn load(
        sources: &Sources,
        progress: &mut dyn FnMut(u64, u64),
    ) -> (Index, Vec<CatalogProblem>) {
        let report = catalog::load_sources::<TableBuilder>(sources, progress);
        let mut tables = embedded::tables();
        tables.extend(
            report
                .catalogs
                .into_iter()
                .map(|l| l.rows.finish(l.header, l.origin)),
        );
        let mut index = Index::from_tables(tables);
        index.notices.splice(0..0, report.notices);
        (index, report.problems)
    }

    /// The embedded catalogs only.
    pub fn embedded() -> Index {
        Index::from_tables(embedded::tables())
    }

    /// Builds the index. Later catalogs with the same (vendor, edition) replace earlier ones,
    /// so user catalogs (loaded after the embedded ones) win, with a notice.
    pub fn from_tables(loaded: Vec<Table>) -> Index {
        let mut tables: Vec<Table> = Vec::with_capacity(loaded.len());
        let mut notices = Vec::new();
        for t in loaded {
            let key = (&t.vendor().id, &t.edition().id);
            if let Some(old) = tables
                .iter_mut()
                .find(|c| (&c.vendor().id, &c.edition().id) == key)
            {
                notices.push(format!(
                    "{} replaces {} ({} edition {})",
                    t.origin,
                    old.origin,
                    t.vendor().id,
                    t.edition().id
                ));
                *old = t;
            } else {
                tables.push(t);
            }
        }

        let mut vendors: Vec<VendorInfo> = Vec::new();
        for (i, t) in tables.iter().enumerate() {
            match vendors.iter_mut().find(|v| v.id == t.vendor().id) {
                Some(v) => v.editions.push(i),
                None => vendors.push(VendorInfo {
                    id: t.vendor().id.clone(),
                    editions: vec![i],
                }),
            }
        }
        for v in &mut vendors {
            v.editions = newest_first(&tables, &v.editions);
        }
        // Vendors' own catalogs first, then the standard families (the sidebar groups them).
        vendors.sort_by_key(|v| tables[v.editions[0]].vendor().vendor_type);
        let mut starts = vec![0];
        for v in &vendors {
            let rows = tables[v.editions[0]].len() as u64;
            let next = *starts.last().unwrap() as u64 + rows;
            // Row ids are 32 bits: four billion rows is far beyond any catalog set.
            starts.push(RowId::try_from(next).expect("more than 2^32 rows"));
        }
        Index {
            tables,
            vendors,
            starts,
            message_scratch: Default::default(),
            notices,
        }
    }

    /// Every catalog loaded (all editions), packed; [`VendorInfo::editions`] indexes them.
    pub fn tables(&self) -> &[Table] {
        &self.tables
    }

    pub fn vendors(&self) -> &[VendorInfo] {
        &self.vendors
    }

    /// The vendor's newest catalog, packed.
    pub fn vendor_table(&self, vendor: usize) -> &Table {
        &self.tables[self.vendors[vendor].editions[0]]
    }

    /// The vendor's newest catalog as a whole [`Catalog`], unpacked from its table (the others stay
    /// packed).
    pub fn vendor_catalog(&self, vendor: usize) -> Catalog {
        self.vendor_table(vendor).to_catalog()
    }

    /// Finds a vendor by id, name or alias (case-insensitive).
    pub fn find_vendor(&self, name: &str) -> Option<usize> {
        let name = name.to_lowercase();
        self.vendors.iter().position(|v| v.id == name).or_else(|| {
            (0..self.vendors.len()).find(|&i| {
                let vendor = self.vendor_table(i).vendor();
                vendor.name.to_lowercase() == name
                    || vendor.aliases.iter().any(|a| a.to_lowercase() == name)
            })
        })
    }

    pub fn len(&self) -> usize {
        *self.starts.last().unwrap_or(&0) as usize
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Number of rows of a vendor in the default view.
    pub fn vendor_len(&self, vendor: usize) -> usize {
        self.vendor_table(vendor).len()
    }

    pub fn row_vendor(&self, row: RowId) -> usize {
        assert!((row as usize) < self.len(), "row {row} out of range");
        self.starts.partition_point(|&s| s <= row) - 1
    }

    /// The rows of `vendor` in the default view (its newest table).
    pub fn vendor_rows(&self, vendor: usize) -> std::ops::Range<RowId> {
        self.starts[vendor]..self.starts[vendor + 1]
    }

    /// The table and the row within it.
    pub fn locate(&self, row: RowId) -> (&Table, usize) {
        let v = self.row_vendor(row);
        (self.vendor_table(v), (row - self.starts[v]) as usize)
    }

    /// The code of a row, without making its [`Entry`].
    pub fn code(&self, row: RowId) -> &str {
        let (t, i) = self.locate(row);
        t.code(i)
    }

    /// A field of a row (see [`Table::field`]), without making its [`Entry`].
    pub fn field(&self, row: RowId, field: Field) -> Option<&str> {
        let (t, i) = self.locate(row);
        t.field(i, field)
    }

    pub fn get(&self, row: RowId) -> EntryRef<'_> {
        let (t, i) = self.locate(row);
        EntryRef {
            row: Some(row),
            vendor: t.vendor(),
            edition: t.edition(),
            entry: t.entry(i),
            origin: &t.origin,
        }
    }

    /// Rows with this code at any vendor (case-insensitive), in vendor order. Each table
    /// answers from its own code index, so a look-up costs the same whatever the catalogs hold.
    pub fn by_code(&self, code: &str) -> Vec<RowId> {
        (0..self.vendors.len())
            .flat_map(|v| {
                let start = self.starts[v];
                self.vendor_table(v)
                    .rows_with_code(code)
                    .into_iter()
                    .map(move |i| start + i as RowId)
            })
            .collect()
    }

    /// The decoder's index of message words (see `decode::similarity`).
    pub fn message_index(&self) -> MessageIndex<'_> {
        MessageIndex::new(self, &self.message_scratch)
    }

    /// Makes the user catalogs' message tokens now, not at the first paste that needs them
    /// (about half a second at a million rows; the shipped tables come with theirs): the
    /// explorer does it in the background when the paste panel opens.
    pub fn prepare_messages(&self) {
        for v in 0..self.vendors.len() {
            self.vendor_table(v).messages();
        }
    }

    /// Builds now what [`Index::by_code`] would build on first use, so that a view asking
    /// later does not wait (the TUI's loader thread calls this).
    pub fn prepare_lookups(&self) {
        self.by_code("");
    }

    /// Rows of `vendor` whose code has the name `name` (its symbol or an alias), compared
    /// without case or `_`, so `NotFound`, `NOT_FOUND` and `not_found` are one name.
    pub fn by_name(&self, vendor: usize, name: &str) -> Vec<RowId> {
        let base = self.starts[vendor];
        (self.vendor_table(vendor).rows_with_name(name).into_iter())
            .map(|i| base + i as RowId)
            .collect()
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
                .find(|&&ci| self.tables[ci].edition().id == e)?,
        };
        let t = &self.tables[ci];
        let newest = ci == v.editions[0];
        Some(
            (0..t.len())
                .filter(|&i| t.code(i).eq_ignore_ascii_case(code))
                .map(|i| EntryRef {
                    row: newest.then(|| self.starts[vendor] + i as RowId),
                    vendor: t.vendor(),
                    edition: t.edition(),
                    entry: t.entry(i),
                    origin: &t.origin,
                })
                .collect(),
        )
    }
}

/// Orders a vendor's editions newest first: an edition superseded by another comes after it;
/// otherwise later dates first; otherwise later-loaded first.
fn newest_first(tables: &[Table], editions: &[usize]) -> Vec<usize> {
    let mut order: Vec<usize> = editions.to_vec();
    let superseded = |ci: usize| {
        let id = &tables[ci].edition().id;
        editions
            .iter()
            .any(|&o| tables[o].edition().supersedes.as_ref() == Some(id))
    };
    order.sort_by(|&a, &b| {
        let (ea, eb) = (tables[a].edition(), tables[b].edition());
        superseded(a)
            .cmp(&superseded(b))
            .then_with(|| eb.date.cmp(&ea.date))
            .then(b.cmp(&a))
    });
    order
}
