//! The module structure stays one-way: a top-level module of `src/` refers only to modules of
//! its own layer or below (read from the code's `crate::` and `super::` paths), so there are no
//! cycles and no upward imports.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Top to bottom; a module may use its own layer and the ones after it.
const LAYERS: &[&[&str]] = &[
    &["cli"],
    &["tui"],
    &["lsp"],
    &["present"],
    &["decode", "snippet", "clipboard"],
    &["index"],
    &["catalog", "query"],
    &["fold", "sanitize", "files"],
];

fn layer(module: &str) -> usize {
    LAYERS
        .iter()
        .position(|l| l.contains(&module))
        .unwrap_or_else(|| panic!("module `{module}` is in no layer: add it to LAYERS"))
}

#[test]
fn every_top_level_module_has_a_layer() {
    let lib = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/lib.rs"));
    for line in lib.unwrap().lines() {
        if let Some(name) = line.trim().strip_prefix("pub mod ") {
            layer(name.trim_end_matches(';'));
        }
    }
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The top-level modules `code` refers to, from a file `depth` folders below `src/`.
fn references(code: &str, depth: usize) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    // A path that climbs out of the file's own top-level module names another one.
    let to_root = format!("{}super::", "super::".repeat(depth));
    for line in code.lines() {
        let line = line.split("//").next().unwrap_or("");
        for root in ["crate::", to_root.as_str()] {
            let mut rest = line;
            while let Some(at) = rest.find(root) {
                if root == "crate::" || at == 0 || !rest[..at].ends_with("super::") {
                    let after = &rest[at + root.len()..];
                    let names: Vec<&str> = match after.strip_prefix('{') {
                        Some(group) => group
                            .split('}')
                            .next()
                            .unwrap_or("")
                            .split(',')
                            .map(|n| n.trim().split("::").next().unwrap_or(""))
                            .collect(),
                        None => vec![after],
                    };
                    for name in names {
                        let name: String = name
                            .chars()
                            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                            .collect();
                        // Only top-level modules: a relative path from an inline module
                        // (`mod tests`) may name an item of its own file instead.
                        if LAYERS.iter().any(|l| l.contains(&name.as_str())) {
                            found.insert(name);
                        }
                    }
                }
                rest = &rest[at + root.len()..];
            }
        }
    }
    found
}

#[test]
fn no_module_imports_one_above_it() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut upward = Vec::new();
    for file in &files {
        let rel = file.strip_prefix(&src).unwrap();
        let parts: Vec<String> = rel
            .iter()
            .map(|p| p.to_string_lossy().trim_end_matches(".rs").to_string())
            .collect();
        if parts.len() == 1 && (parts[0] == "lib" || parts[0] == "main") {
            continue;
        }
        let module = &parts[0];
        // `src/a.rs` is at depth 0; `src/a/b.rs` and `src/a/mod.rs` at 1 (a `mod.rs` is its
        // folder's module).
        let depth = parts.len() - 1 - usize::from(parts.last().is_some_and(|p| p == "mod"));
        let code = std::fs::read_to_string(file).unwrap();
        for used in references(&code, depth) {
            if used == *module || used == "self" {
                continue;
            }
            if layer(&used) < layer(module) {
                upward.push(format!("{} uses {used}", rel.display()));
            }
        }
    }
    assert!(upward.is_empty(), "upward imports:\n{}", upward.join("\n"));
}

#[test]
fn the_reader_sees_grouped_and_relative_paths() {
    let code =
        "use crate::{index::Index, cli::Args};\nuse super::super::tui::App; // crate::fold\n";
    let found: Vec<String> = references(code, 1).into_iter().collect();
    assert_eq!(found, ["cli", "index", "tui"]);
    assert!(references("use super::Thing;", 1).is_empty());
}
