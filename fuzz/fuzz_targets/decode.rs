//! The decoder on any bytes: never panics, never loops, and what it returns can be printed.
#![no_main]

use errdex::decode::{Decoder, MAX_ERRORS};
use errdex::index::Index;
use libfuzzer_sys::fuzz_target;
use std::sync::LazyLock;

static INDEX: LazyLock<Index> = LazyLock::new(Index::embedded);

thread_local! {
    /// Prepared once, like the paste panel would: `decode::decode` is `Decoder::new` + this.
    static DECODER: Decoder<'static> = Decoder::new(&INDEX);
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let decoded = DECODER.with(|d| d.decode(&text));
    assert!(decoded.errors.len() <= MAX_ERRORS);
    // `decode --json`: always serialisable, and back.
    let json = serde_json::to_string(&errdex::cli::output::decoded_json(&decoded, &INDEX))
        .expect("decode JSON");
    let _: serde_json::Value = serde_json::from_str(&json).expect("decode JSON reads back");
    // The text output: whatever came from the paste is made safe to print.
    for e in &decoded.errors {
        for s in [
            e.code.as_deref(),
            e.message.as_deref(),
            e.field.as_deref(),
            Some(e.path.as_str()),
        ]
        .into_iter()
        .flatten()
        {
            let shown = errdex::sanitize::line(s);
            assert!(!shown.chars().any(char::is_control), "{shown:?}");
        }
        for &row in e.match_rows.iter().chain(&e.suggestion_rows) {
            assert!((row as usize) < INDEX.len());
        }
    }
});
