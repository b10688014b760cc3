//! What to do about retrying a decoded error, in words a developer can act on: the family's
//! own rule where its protocol has one (SMTP's 4xx and 5xx, WebSocket's 1013, DNS's SERVFAIL
//! and NXDOMAIN, AWS and Google throttling), else the meaning of the entry's retry advice.

use super::{FoundError, families};
use crate::index::Index;

/// The retry advice for `e`'s best match, in a sentence; `None` when nothing was identified
/// or the entry gives no advice (a success, a warning).
pub fn advice(index: &Index, e: &FoundError) -> Option<&'static str> {
    let found = index.get(*e.match_rows.first()?);
    let entry = &found.entry;
    families::by_id(&found.vendor.id)
        .and_then(|f| (f.retry_words)(&entry.code, entry.kind))
        .or_else(|| entry.retry.map(|r| r.meaning()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decode::decode;

    fn advice_for(text: &str) -> Vec<(String, &'static str)> {
        let index = Index::embedded();
        decode(text, &index)
            .errors
            .iter()
            .filter_map(|e| Some((e.code.clone()?, advice(&index, e)?)))
            .collect()
    }

    #[test]
    fn protocols_say_when_to_try_again() {
        let smtp = advice_for("said: 452 4.2.2 The email account is over quota");
        assert!(
            smtp.iter().all(|(_, a)| a.starts_with("Temporary")),
            "{smtp:?}"
        );
        let smtp = advice_for("said: 550 5.1.1 <a@b>: Recipient address rejected");
        assert!(
            smtp.iter().all(|(_, a)| a.starts_with("Permanent")),
            "{smtp:?}"
        );
        let ws = advice_for("ConnectionClosedError: received 1013 (try again later) busy");
        assert!(ws[0].1.contains("come back later"), "{ws:?}");
        let servfail = advice_for(";; ->>HEADER<<- opcode: QUERY, status: SERVFAIL, id: 1");
        assert!(servfail[0].1.contains("try again"), "{servfail:?}");
        let nxdomain = advice_for("** server can't find x.example: NXDOMAIN");
        assert!(nxdomain[0].1.contains("does not exist"), "{nxdomain:?}");
        let aws = advice_for(
            "An error occurred (ThrottlingException) when calling the Scan operation: Rate exceeded",
        );
        assert!(aws[0].1.contains("backoff"), "{aws:?}");
        // Elsewhere, the entry's advice.
        let curl = advice_for("curl: (28) Operation timed out after 5001 milliseconds");
        assert!(curl[0].1.contains("after a delay"), "{curl:?}");
    }
}
