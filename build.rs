//! Compiles the shipped catalogs into errdex: every `catalogs/*.json` (but the schema and the
//! kinds) is found here, validated by the same code that validates user catalogs (a problem fails
//! the build with `file:line:col`), packed into the index's tables by the same code that packs
//! user catalogs, and each table's buffers are written into `$OUT_DIR` with the Rust that makes
//! them `Table`s again, uncopied (`src/index/embedded.rs` includes it).
//!
//! The catalog model, its loader and validator and the table packer are the crate's own files,
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
#[path = "src/index/codes.rs"]
mod codes;
#[path = "src/files.rs"]
mod files;
#[path = "src/fold.rs"]
mod fold;
#[path = "src/catalog/kind.rs"]
mod kind;
#[path = "src/catalog/load.rs"]
mod load;
#[path = "src/catalog/loaded.rs"]
mod loaded;
#[path = "src/index/message_table.rs"]
mod message_table;
#[path = "src/catalog/model.rs"]
mod model;
#[path = "src/sanitize.rs"]
mod sanitize;
#[path = "src/catalog/stream/mod.rs"]
mod stream;
#[path = "src/index/table.rs"]
mod table;
#[path = "src/catalog/validate.rs"]
mod validate;
#[path = "src/index/words.rs"]
mod words;

/// The names `src/catalog/mod.rs` exports that the files above use.
mod catalog {
    pub use super::kind::{Kind, Retry};
    pub use super::loaded::{CatalogProblem, Loaded, Origin, Rows, TooLarge};
    pub use super::model::{
        Catalog, Edition, Entry, EntryFields, Envelope, TextRef, Vendor, VendorType,
    };
}

use model::{Catalog, Edition, Envelope, Flag, Items, Vendor, VendorType};
use table::{Table, TableBuilder};

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
        "src/catalog/loaded.rs",
        "src/catalog/model.rs",
        "src/catalog/stream",
        "src/catalog/validate.rs",
    ] {
        println!("cargo::rerun-if-changed={shared}");
    }
    println!("cargo::rerun-if-changed=src/index/table.rs");
    println!("cargo::rerun-if-changed=src/index/codes.rs");
    println!("cargo::rerun-if-changed=src/index/words.rs");
    println!("cargo::rerun-if-changed=src/index/message_table.rs");
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
    let mut code = String::from(
        "// Written by build.rs from the catalog files; see src/index/embedded.rs.\n\n\
         /// The shipped catalogs, packed, in load order.\n\
         pub fn tables() -> Vec<Table> {\n    vec![\n",
    );
    let mut headers = String::new();
    for (i, file) in files.iter().enumerate() {
        let table = pack(file);
        let name = file.file_name().unwrap_or_default().to_string_lossy();
        let parts = table.parts();
        let write = |suffix: &str, bytes: &[u8]| -> String {
            let path = out.join(format!("{i}.{suffix}"));
            std::fs::write(&path, bytes).expect("OUT_DIR is writable");
            format!("{:?}", path.display().to_string())
        };
        let chunks: Vec<String> = (parts.chunks.iter().enumerate())
            .map(|(k, c)| format!("include_str!({})", write(&format!("text{k}"), c.as_bytes())))
            .collect();
        writeln!(
            code,
            "        Table::from_parts(\n            header_{i}(),\n            \
             Origin::Embedded({name:?}),\n            Parts {{\n                \
             has_names: {},\n                chunks: vec![{}],\n                \
             folded: include_str!({}),\n                rows: include_bytes!({}),\n                \
             pieces: include_bytes!({}),\n                \
             code_starts: include_bytes!({}),\n                \
             code_rows: include_bytes!({}),\n                \
             name_starts: include_bytes!({}),\n                \
             name_rows: include_bytes!({}),\n                \
             words: WordParts {{\n                    \
             words: include_str!({}),\n                    \
             data: include_bytes!({}),\n                }},\n                \
             messages: MessageParts {{\n                    \
             tokens: aligned!({}),\n                    \
             toks: include_bytes!({}),\n                    \
             offsets: aligned!({}),\n                    \
             distinct: aligned!({}),\n                    \
             rows: include_bytes!({}),\n                    \
             starts: aligned!({}),\n                }},\n            }},\n        ),",
            parts.has_names,
            chunks.join(", "),
            write("folded", parts.folded.as_bytes()),
            write("rows", parts.rows),
            write("pieces", parts.pieces),
            write("code-starts", parts.code_starts),
            write("code-rows", parts.code_rows),
            write("name-starts", parts.name_starts),
            write("name-rows", parts.name_rows),
            write("words", parts.words.words.as_bytes()),
            write("word-data", parts.words.data),
            write("msg-tokens", &ints(parts.messages.tokens)),
            write("msg-toks", parts.messages.toks),
            write("msg-offsets", &ints(parts.messages.offsets)),
            write("msg-distinct", &ints(parts.messages.distinct)),
            write("msg-rows", parts.messages.rows),
            write("msg-starts", &ints(parts.messages.starts)),
        )
        .unwrap();
        writeln!(
            headers,
            "\nfn header_{i}() -> Catalog {{\n    {}\n}}",
            catalog_code(&table.header)
        )
        .unwrap();
    }
    code.push_str("    ]\n}\n");
    code.push_str(&headers);
    std::fs::write(out.join("embedded.rs"), code).expect("OUT_DIR is writable");
}

/// Integers as the target stores them in memory, for `aligned!` (src/index/embedded.rs) to
/// read in place.
fn ints<T: Int>(values: &[T]) -> Vec<u8> {
    let big = std::env::var("CARGO_CFG_TARGET_ENDIAN").as_deref() == Ok("big");
    values.iter().flat_map(|v| v.bytes(big)).collect()
}

trait Int: Copy {
    fn bytes(self, big: bool) -> Vec<u8>;
}

macro_rules! int {
    ($($t:ty),*) => {$(
        impl Int for $t {
            fn bytes(self, big: bool) -> Vec<u8> {
                if big { self.to_be_bytes().to_vec() } else { self.to_le_bytes().to_vec() }
            }
        }
    )*};
}
int!(u16, u32, u64);

/// A checked catalog file, packed as the index packs user catalogs.
fn pack(file: &Path) -> Table {
    let mut report = load::load_path::<TableBuilder>(file, &mut |_| {});
    let loaded = report.catalogs.pop().expect("the catalog was checked");
    loaded.rows.finish(loaded.header, loaded.origin)
}

/// Rust that makes `catalog` (its header: the entries are in the table).
fn catalog_code(catalog: &Catalog) -> String {
    let Catalog {
        json_schema,
        schema,
        vendor,
        edition,
        envelope,
        entries: _,
    } = catalog;
    format!(
        "Catalog {{ json_schema: {}, schema: {schema}, vendor: {}, edition: {}, envelope: {}, \
         entries: Vec::new() }}",
        opt(json_schema.as_deref()),
        vendor_code(vendor),
        edition_code(edition),
        envelope
            .as_ref()
            .map_or("None".into(), |e| format!("Some({})", envelope_code(e))),
    )
}

fn vendor_code(vendor: &Vendor) -> String {
    let Vendor {
        id,
        name,
        aliases,
        homepage,
        language,
        vendor_type,
        group,
    } = vendor;
    let vendor_type = match vendor_type {
        VendorType::Vendor => "VendorType::Vendor",
        VendorType::Standard => "VendorType::Standard",
    };
    format!(
        "Vendor {{ id: {}, name: {}, aliases: {}, homepage: {}, language: {}, \
         vendor_type: {vendor_type}, group: {} }}",
        string(id),
        string(name),
        list(aliases),
        opt(homepage.as_deref()),
        opt(language.as_deref()),
        opt(group.as_deref()),
    )
}

fn edition_code(edition: &Edition) -> String {
    let Edition {
        id,
        title,
        date,
        source,
        supersedes,
        notes,
    } = edition;
    format!(
        "Edition {{ id: {}, title: {}, date: {}, source: {}, supersedes: {}, notes: {} }}",
        string(id),
        opt(title.as_deref()),
        opt(date.as_deref()),
        opt(source.as_deref()),
        opt(supersedes.as_deref()),
        list(notes),
    )
}

fn envelope_code(envelope: &Envelope) -> String {
    let Envelope {
        code,
        message,
        flag,
        items,
        http_status,
        extra,
        evidence,
        distinctive,
    } = envelope;
    let flag = flag.as_ref().map_or("None".into(), |f| {
        let Flag { path, error_when } = f;
        format!(
            "Some(Flag {{ path: {}, error_when: {} }})",
            string(path),
            string(error_when)
        )
    });
    let items = items.as_ref().map_or("None".into(), |i| {
        let Items {
            path,
            code,
            message,
            field,
        } = i;
        format!(
            "Some(Items {{ path: {}, code: {}, message: {}, field: {} }})",
            string(path),
            string(code),
            opt(message.as_deref()),
            opt(field.as_deref())
        )
    });
    let evidence: Vec<String> = evidence.iter().map(|e| list(e)).collect();
    format!(
        "Envelope {{ code: {}, message: {}, flag: {flag}, items: {items}, http_status: {:?}, \
         extra: {}, evidence: vec![{}], distinctive: {:?} }}",
        string(code),
        opt(message.as_deref()),
        http_status,
        list(extra),
        evidence.join(", "),
        distinctive,
    )
}

/// A string literal (Rust's `Debug` of a `str` is one), owned.
fn string(s: &str) -> String {
    format!("String::from({s:?})")
}

fn opt(s: Option<&str>) -> String {
    s.map_or("None".into(), |s| format!("Some({})", string(s)))
}

fn list(items: &[String]) -> String {
    let items: Vec<String> = items.iter().map(|s| string(s)).collect();
    format!("vec![{}]", items.join(", "))
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
