//! The shipped catalogs, compiled into the binary so errdex needs no set-up. build.rs finds
//! every `catalogs/*.json` and validates it as user catalogs are validated, so a broken one
//! fails the build.

use super::load::{Loaded, Origin, Rows};
use super::stream;

include!(concat!(env!("OUT_DIR"), "/embedded.rs"));

/// The embedded catalogs. build.rs validated them, so a failure here is a build defect. Read
/// by two threads, each about half of the bytes: they are most of what a CLI call costs, and
/// they parse independently.
pub fn embedded<R: Rows>() -> Vec<Loaded<R>> {
    let read = |&(name, text): &(&'static str, &'static str)| {
        stream::read_text(name, text, Origin::Embedded(name))
            .unwrap_or_else(|p| panic!("embedded catalog is broken: {p}"))
    };
    let total: usize = EMBEDDED.iter().map(|(_, t)| t.len()).sum();
    let mut bytes = 0;
    let half = EMBEDDED
        .iter()
        .position(|(_, t)| {
            bytes += t.len();
            bytes >= total / 2
        })
        .map_or(EMBEDDED.len(), |i| i + 1);
    let (first, second) = EMBEDDED.split_at(half);
    std::thread::scope(|s| {
        let later = s.spawn(|| second.iter().map(read).collect::<Vec<_>>());
        let mut out: Vec<Loaded<R>> = first.iter().map(read).collect();
        match later.join() {
            Ok(rest) => out.extend(rest),
            Err(panic) => std::panic::resume_unwind(panic),
        }
        out
    })
}
