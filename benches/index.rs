//! In-process costs behind `errdex search`: loading catalogs into packed tables, building the
//! index (and the by-code lookup it builds on first use), and one query, at the embedded
//! catalogs' size (ten catalogs, 980 rows) and at 100k and 1M synthetic rows.
//!
//! `cargo bench --bench index` (1M rows take a few samples only; the data is made on first run).

use divan::Bencher;
use errdex::catalog;
use errdex::index::{Index, Table, TableBuilder};
use errdex::query::Query;
use std::path::Path;
use std::sync::OnceLock;

#[path = "common/mod.rs"]
mod common;

fn main() {
    divan::main();
}

const QUERY: &str = "tokn exprd";

fn load_file(path: &Path) -> Vec<Table> {
    let report = catalog::load_path::<TableBuilder>(path, &mut |_| {});
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    finish(report.catalogs)
}

fn finish(loaded: Vec<catalog::Loaded<TableBuilder>>) -> Vec<Table> {
    loaded
        .into_iter()
        .map(|l| l.rows.finish(l.header, l.origin))
        .collect()
}

/// The shipped catalogs, packed at build time: what loading them at start costs.
fn embedded_tables() -> Vec<Table> {
    errdex::index::embedded::tables()
}

fn index(rows: usize) -> &'static Index {
    static I100K: OnceLock<Index> = OnceLock::new();
    static I1M: OnceLock<Index> = OnceLock::new();
    let cell = if rows == 100_000 { &I100K } else { &I1M };
    cell.get_or_init(|| Index::from_tables(load_file(&common::catalog(rows))))
}

fn embedded_index() -> &'static Index {
    static I: OnceLock<Index> = OnceLock::new();
    I.get_or_init(Index::embedded)
}

mod load {
    use super::*;

    #[divan::bench]
    fn embedded() -> Vec<Table> {
        embedded_tables()
    }

    #[divan::bench(sample_count = 10, sample_size = 1)]
    fn rows_100k(b: Bencher) {
        let path = common::catalog(100_000);
        b.bench(|| load_file(&path));
    }

    #[divan::bench(sample_count = 3, sample_size = 1)]
    fn rows_1m(b: Bencher) {
        let path = common::catalog(1_000_000);
        b.bench(|| load_file(&path));
    }
}

/// `Index::from_tables` plus the by-code lookup (built on first use; the TUI builds it while
/// loading). The tables are made outside the timing.
mod build_index {
    use super::*;

    fn build(tables: Vec<Table>) -> Index {
        let index = Index::from_tables(tables);
        index.prepare_lookups();
        index
    }

    #[divan::bench]
    fn embedded(b: Bencher) {
        b.with_inputs(embedded_tables).bench_values(build);
    }

    #[divan::bench(sample_count = 10, sample_size = 1)]
    fn rows_100k(b: Bencher) {
        let path = common::catalog(100_000);
        b.with_inputs(|| load_file(&path)).bench_values(build);
    }

    #[divan::bench(sample_count = 3, sample_size = 1)]
    fn rows_1m(b: Bencher) {
        let path = common::catalog(1_000_000);
        b.with_inputs(|| load_file(&path)).bench_values(build);
    }
}

/// `tokn exprd`, all hits ranked (the CLI then prints the first 20).
mod query {
    use super::*;

    #[divan::bench]
    fn embedded(b: Bencher) {
        let index = embedded_index();
        let q = Query::parse(QUERY).unwrap();
        b.bench(|| index.search(&q));
    }

    #[divan::bench(sample_count = 20, sample_size = 1)]
    fn rows_100k(b: Bencher) {
        let index = index(100_000);
        let q = Query::parse(QUERY).unwrap();
        b.bench(|| index.search(&q));
    }

    #[divan::bench(sample_count = 10, sample_size = 1)]
    fn rows_1m(b: Bencher) {
        let index = index(1_000_000);
        let q = Query::parse(QUERY).unwrap();
        b.bench(|| index.search(&q));
    }
}
