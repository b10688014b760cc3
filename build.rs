//! Compiles the shipped catalogs into errdex: every `catalogs/*.json` (but the schema and the
//! kinds) is found here, validated by the same code that validates user catalogs (a problem fails
//! the build with `file:line:col`), and written into `$OUT_DIR` for `src/catalog/embedded.rs`.
//!
//! The catalog model, its validating loader and the row packer are the crate's own files,
//! included by `#[path]` (see docs/design.md, "The embedded index"): one source of truth, no
//! second crate.
//!
//! `ERRDEX_EXTRA_CATALOGS=DIR` compiles the `*.json` catalogs of `DIR` in too, after the
//! shipped ones (the start-up benches build a binary with 20,000 generated entries this way).

#![allow(dead_code, unused_imports)]

// The files keep their own paths to each other: `super::load` from `check.rs` is this crate's
// `load`, and `crate::catalog::Rows` is the re-export below.
#[path = "src/catalog/check.rs"]
mod check;
#[path = "src/fold.rs"]
mod fold;
#[path = "src/catalog/kind.rs"]
mod kind;
#[path = "src/catalog/load.rs"]
mod load;
#[path = "src/catalog/model.rs"]
mod model;
#[path = "src/sanitize.rs"]
mod sanitize;
#[path = "src/catalog/stream/mod.rs"]
mod stream;
#[path = "src/catalog/validate.rs"]
mod validate;

/// The names `src/catalog/mod.rs` exports that the files above use.
mod catalog {
    pub use super::kind::{Kind, Retry};
    pub use super::load::{CatalogProblem, Loaded, Origin, Rows, TooLarge};
    pub use super::model::{Catalog, Edition, Entry, EntryFields, Envelope, TextRef, Vendor};
}

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// The shipped catalogs that keep the place they have always had (vendors' own catalogs, then
/// the standard families, in the order they were added); every other catalog file follows in
/// order of file name. The index lists vendors before families whatever the order here.
const FIRST: &[&str] = &[
    "mantago",
    "tencent-im",
    "pixnet",
    "pixnet-d8fc161",
    "guo-guo",
    "http",
    "grpc",
    "errno",
    "postgres",
    "sqlite",
    "curl",
];

/// Files of `catalogs/` that are not catalogs.
const NOT_CATALOGS: &[&str] = &["schema.json", "kinds.json"];

const EXTRA: &str = "ERRDEX_EXTRA_CATALOGS";

fn main() {
    println!("cargo::rerun-if-changed=catalogs");
    for shared in [
        "src/catalog/check.rs",
        "src/catalog/kind.rs",
        "src/catalog/load.rs",
        "src/catalog/model.rs",
        "src/catalog/stream",
        "src/catalog/validate.rs",
    ] {
        println!("cargo::rerun-if-changed={shared}");
    }
    println!("cargo::rerun-if-changed=src/index/table.rs");
    println!("cargo::rerun-if-changed=src/fold.rs");
    println!("cargo::rerun-if-changed=src/sanitize.rs");
    println!("cargo::rerun-if-env-changed={EXTRA}");

    let mut files = catalog_files(Path::new("catalogs"), true);
    if let Some(extra) = std::env::var_os(EXTRA).filter(|v| !v.is_empty()) {
        let extra = PathBuf::from(extra);
        println!("cargo::rerun-if-changed={}", extra.display());
        files.extend(catalog_files(&extra, false));
    }

    let problems = check::check(&files).problems;
    if !problems.is_empty() {
        for p in &problems {
            println!("cargo::error={p}");
        }
        std::process::exit(1);
    }

    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets it"));
    let mut code = String::from(
        "/// The shipped catalogs, by file name, in load order (found and validated by build.rs).\n\
         const EMBEDDED: &[(&str, &str)] = &[\n",
    );
    for file in &files {
        let name = file.file_name().unwrap_or_default().to_string_lossy();
        let path = manifest.join(file);
        writeln!(code, "    ({name:?}, include_str!({:?})),", path.display()).unwrap();
    }
    code.push_str("];\n");
    std::fs::write(out.join("embedded.rs"), code).expect("OUT_DIR is writable");
}

/// The catalog files of `dir` (`*.json`, not the schema or the kinds), in load order: for the
/// shipped folder, [`FIRST`] first.
fn catalog_files(dir: &Path, shipped: bool) -> Vec<PathBuf> {
    let listed = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read the catalogs in {}: {e}", dir.display()));
    let mut files: Vec<PathBuf> = listed
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "json") && p.is_file())
        .filter(|p| {
            let name = p.file_name().unwrap_or_default().to_string_lossy();
            !NOT_CATALOGS.contains(&name.as_ref())
        })
        .collect();
    let place = |p: &PathBuf| {
        let stem = p.file_stem().unwrap_or_default().to_string_lossy();
        let first = FIRST.iter().position(|f| *f == stem).filter(|_| shipped);
        (first.unwrap_or(FIRST.len()), p.clone())
    };
    files.sort_by_key(place);
    files
}
