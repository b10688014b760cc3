//! `catalog import` on any text, as Markdown/HTML (by content), CSV, TSV or plain text: an
//! error with one line, or a draft that loads.
#![no_main]

use errdex::catalog::import::{ImportError, import_report};
use libfuzzer_sys::fuzz_target;

const NAMES: [&str; 5] = [
    "table.md",
    "table.csv",
    "table.tsv",
    "table.html",
    "table.txt",
];

fuzz_target!(|data: &[u8]| {
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    let name = NAMES[first as usize % NAMES.len()];
    let text = String::from_utf8_lossy(rest);
    match import_report(&text, "fuzz", Some("Fuzz"), name) {
        // `import_report` runs every draft through `parse_catalog` before returning it.
        Ok(report) => assert!(!report.catalog.entries.is_empty()),
        Err(ImportError::Invalid(why)) => panic!("the draft does not load: {why}"),
        Err(e) => {
            let _ = e.to_string();
        }
    }
});
