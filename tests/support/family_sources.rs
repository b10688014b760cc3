//! What the family tests share: the repository's paths, a source TSV read as rows, a catalog
//! read as errdex reads a user file (with `catalog check` finding nothing), and errdex's answer
//! from a catalog file as a user gets it.

#![allow(dead_code)] // each test file uses some of these

use errdex::catalog::{Catalog, Entry, check_paths, load_path};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn catalog_path(id: &str) -> PathBuf {
    root().join("catalogs").join(format!("{id}.json"))
}

/// The rows of a source TSV (`catalogs/tools/sources/NAME`) as header -> value maps (no
/// quoting: fields may hold a `"`).
pub fn tsv(name: &str) -> Vec<HashMap<String, String>> {
    let path = root().join("catalogs/tools/sources").join(name);
    let text = std::fs::read_to_string(&path).unwrap();
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap().split('\t').collect();
    lines
        .map(|line| {
            let fields: Vec<&str> = line.split('\t').collect();
            assert_eq!(fields.len(), header.len(), "{name}: {line}");
            header
                .iter()
                .zip(fields)
                .map(|(h, f)| (h.to_string(), f.to_string()))
                .collect()
        })
        .collect()
}

/// The catalog `catalogs/ID.json` through the validating loader: exactly one, with no problem,
/// and `errdex catalog check`'s checks find nothing either.
pub fn load(id: &str) -> Catalog {
    let path = catalog_path(id);
    assert_eq!(check_paths(std::slice::from_ref(&path)), vec![], "{id}");
    let report = load_path::<Vec<Entry>>(&path, &mut |_| {});
    assert!(report.problems.is_empty(), "{id}: {:?}", report.problems);
    assert_eq!(report.catalogs.len(), 1, "{id}");
    let catalog = report.catalogs.into_iter().next().unwrap().catalog();
    assert_eq!(catalog.vendor.id, id);
    catalog
}

/// Entries by code; a code appears once.
pub fn by_code(c: &Catalog) -> HashMap<&str, &Entry> {
    let map: HashMap<&str, &Entry> = c.entries.iter().map(|e| (e.code.as_str(), e)).collect();
    assert_eq!(map.len(), c.entries.len(), "{}: a code twice", c.vendor.id);
    map
}

/// Every entry has a kind. Whether its retry advice and HTTP status fit the kind is checked for
/// every catalog in tests/families.rs.
pub fn assert_every_entry_has_a_kind(c: &Catalog) {
    for e in &c.entries {
        assert!(e.kind.is_some(), "{} {}: no kind", c.vendor.id, e.code);
    }
}

/// `errdex --catalog FILE ARGS` (no user catalogs), which must succeed, its output read as JSON.
pub fn errdex(catalog: &Path, args: &[&str]) -> serde_json::Value {
    errdex_with(&[catalog], args)
}

/// [`errdex`] with several catalog files.
pub fn errdex_with(catalogs: &[&Path], args: &[&str]) -> serde_json::Value {
    let mut cmd = assert_cmd::Command::cargo_bin("errdex").unwrap();
    cmd.env("XDG_CONFIG_HOME", "/nonexistent-errdex-test")
        .arg("--no-user-catalogs");
    for c in catalogs {
        cmd.arg("--catalog").arg(c);
    }
    let out = cmd.args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}
