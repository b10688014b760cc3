//! Catalog loading on any bytes: a problem located inside the text, or a catalog that
//! round-trips, indexes, and decodes and searches with its own envelope. The fast reader
//! (`catalog::read_text`, which tries it before the validating loader) must agree with
//! `parse_catalog`: the same catalogs accepted, with the same content.
#![no_main]

use errdex::catalog::{Catalog, Origin, parse_catalog, read_text};
use errdex::cli::output::decoded_json;
use errdex::decode;
use errdex::index::{Index, Table, TableBuilder};
use errdex::query::Query;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let origin = || Origin::File("fuzz.json".into());
    let streamed = read_text::<TableBuilder>("fuzz.json", &text, origin())
        .map(|l| l.rows.finish(l.header, l.origin));
    match parse_catalog("fuzz.json", &text) {
        Err(p) => {
            let lines = text.split('\n').count();
            assert!(p.line >= 1 && p.line <= lines, "{p} (of {lines} lines)");
            assert!(p.column >= 1, "{p}");
            // One line on stderr, with nothing a terminal would obey.
            let shown = p.to_string();
            assert!(!shown.chars().any(char::is_control), "{shown:?}");
            if let Ok(t) = streamed {
                panic!(
                    "the streaming loader takes what parse_catalog refuses ({p}): {:?}",
                    t.to_catalog()
                );
            }
        }
        Ok(catalog) => {
            let json = serde_json::to_string(&catalog).expect("catalog serialises");
            let again: Catalog =
                parse_catalog("again.json", &json).expect("a written catalog loads");
            assert_eq!(again, catalog);
            let table = streamed.unwrap_or_else(|p| {
                panic!("the streaming loader refuses what parse_catalog takes: {p}")
            });
            let packed = Table::from_catalog(catalog, origin()).expect("small enough");
            assert_eq!(
                table.to_catalog(),
                packed.to_catalog(),
                "streamed vs parsed"
            );
            let index = Index::from_tables(vec![table]);
            let first = (!index.is_empty()).then(|| index.get(0).entry.code.clone());
            if let Some(code) = first {
                let _ = index.search(&Query::parse(&code).unwrap_or_default());
                let paste = format!(
                    "{{\"code\":{code:?},\"message\":\"m\",\"error\":1,\"success\":false,\"errResponse\":{{\"code\":{code:?}}}}}"
                );
                let d = decode::decode(&paste, &index);
                let _ = serde_json::to_string(&decoded_json(&d, &index));
            }
            let _ = decode::decode(&text, &index);
        }
    }
});
