//! Synthetic catalogs for the benchmarks, made once by `benches/gen_catalog.py` into
//! `benches/data/` (not in git).

#![allow(dead_code)]

use std::path::PathBuf;
use std::process::Command;

/// `benches/data/syn-{label}.json` with `rows` rows (and its lines twin for fzf), made if missing.
pub fn catalog(rows: usize) -> PathBuf {
    let label = label(rows);
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("benches");
    let json = dir.join("data").join(format!("syn-{label}.json"));
    if !json.exists() {
        std::fs::create_dir_all(dir.join("data")).expect("cannot make benches/data");
        eprintln!("making {} ({rows} rows)…", json.display());
        let status = Command::new("python3")
            .arg(dir.join("gen_catalog.py"))
            .arg(rows.to_string())
            .arg(&json)
            .arg("--lines")
            .arg(json.with_extension("txt"))
            .status()
            .expect("python3 is needed to make benchmark data");
        assert!(status.success(), "gen_catalog.py failed");
    }
    json
}

/// `100k`, `1M`, or the number.
pub fn label(rows: usize) -> String {
    match rows {
        n if n >= 1_000_000 && n % 1_000_000 == 0 => format!("{}M", n / 1_000_000),
        n if n >= 1_000 && n % 1_000 == 0 => format!("{}k", n / 1_000),
        n => n.to_string(),
    }
}
