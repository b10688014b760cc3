//! What a family's printout means beside its own entry: nothing, when the entry means success
//! and the printout does not say that something failed (`status: NOERROR`, `exit code 0`);
//! and the entries its catalog links it to, when the printout means them too (bash's
//! `Segmentation fault` is exit status 139; OpenSSL's `sslv3 alert handshake failure` is TLS
//! alert 40).

use super::report::FoundError;
use super::{Decoder, families};
use crate::catalog::Kind;

impl Decoder<'_> {
    /// Whether `e`, found by `hit`, reports a success rather than an error.
    pub(super) fn means_success(&self, hit: &families::Hit, e: &FoundError) -> bool {
        !hit.pattern.is_some_and(|p| p.failed)
            && e.match_rows
                .first()
                .is_some_and(|&r| self.index.get(r).entry.kind == Some(Kind::Ok))
    }

    /// The entries `e`'s `maps_to` names, as printouts at `hit`'s place, when `hit`'s printout
    /// means them too ([`families::Pattern::linked`]).
    pub(super) fn linked(&self, hit: &families::Hit, e: &FoundError) -> Vec<families::Hit> {
        let (Some(&row), true) = (e.match_rows.first(), hit.pattern.is_some_and(|p| p.linked))
        else {
            return Vec::new();
        };
        self.index
            .get(row)
            .entry
            .maps_to
            .iter()
            .filter_map(|m| {
                Some(families::Hit {
                    family: families::by_id(&m.vendor)?.id,
                    key: families::Key::Code(m.code.clone()),
                    message: None,
                    start: hit.start,
                    end: hit.end,
                    pattern: None,
                })
            })
            .collect()
    }
}
