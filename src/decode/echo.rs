//! A number printed beside the name of the same error: Node prints libuv's `errno: -111` beside
//! `code: 'ECONNREFUSED'`, and the decoder reads the name as errno 111 and the object around it
//! as an unknown code -111. The number is the same error, not a second one.

use super::report::{Confidence, FoundError};
use std::collections::HashMap;

/// Bytes within which a number and a name are read as one printout (a stack trace between).
const NEAR: usize = 2000;

/// For each error of `found` (sorted by anchor, the offset it sorts by), whether it only echoes
/// an identified error nearby: a code no catalog has, with no vendor named, whose number
/// without its sign is that error's code.
pub fn echoes(found: &[(usize, &FoundError)]) -> Vec<bool> {
    let mut anchors: HashMap<&str, Vec<usize>> = HashMap::new();
    for &(at, e) in found {
        let named = e.confidence.identified() && e.vendor.is_some();
        if let Some(code) = e.code.as_deref().filter(|_| named) {
            anchors.entry(code).or_default().push(at);
        }
    }
    found
        .iter()
        .map(|&(at, e)| {
            let number = e.code.as_deref().map(|c| c.trim_start_matches('-'));
            let unknown = e.confidence == Confidence::NotInCatalog && e.vendor.is_none();
            let Some(list) = number.filter(|_| unknown).and_then(|n| anchors.get(n)) else {
                return false;
            };
            // The nearest identified error with that code, before or after.
            let i = list.partition_point(|&a| a < at);
            let before = i.checked_sub(1).map(|j| at - list[j]);
            let after = list.get(i).map(|&a| a - at);
            before.into_iter().chain(after).any(|d| d <= NEAR)
        })
        .collect()
}
