//! The query language on any text: parse, search the embedded catalogs, highlight what matched.
#![no_main]

use errdex::index::{Highlighter, Index, Table};
use errdex::query::Query;
use libfuzzer_sys::fuzz_target;
use std::sync::LazyLock;
use std::sync::atomic::AtomicBool;

/// Every embedded catalog, each cut to its first rows and then every 32nd: about 750
/// rows with every catalog's scripts, code shapes and fields. Searching all 14,000 rows runs
/// this target at a few dozen inputs a second; the search code is the same on fewer rows.
static INDEX: LazyLock<Index> = LazyLock::new(|| {
    let tables = Index::embedded()
        .tables()
        .iter()
        .map(|t| {
            let mut catalog = t.to_catalog();
            catalog.entries = (catalog.entries.into_iter().enumerate())
                .filter(|(i, _)| *i < 8 || i % 32 == 0)
                .map(|(_, e)| e)
                .collect();
            Table::from_catalog(catalog, t.origin.clone()).expect("a cut catalog fits")
        })
        .collect();
    Index::from_tables(tables)
});

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let Ok(query) = Query::parse(&text) else {
        return;
    };
    let _ = query.code_like();
    // The explorer's path (word indexes, tiers, a bounded fuzzy pass) over every catalog's sample.
    let hits = INDEX
        .search_cancellable(&query, &AtomicBool::new(false))
        .expect("not cancelled");
    let mut hl = Highlighter::new(&query.text);
    for h in hits.iter().take(8) {
        let e = INDEX.get(h.row);
        for s in [e.entry.code.clone(), e.entry.headline()] {
            let n = s.chars().count() as u32;
            let idx = hl.indices(&s);
            assert!(idx.windows(2).all(|w| w[0] < w[1]), "sorted: {idx:?}");
            assert!(
                idx.iter().all(|&i| i < n.max(1) * 2),
                "{idx:?} in {n} chars"
            );
        }
    }
    // The query text highlighted against itself (a displayed filter).
    let _ = hl.indices(&text);
});
