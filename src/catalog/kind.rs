//! One vocabulary of error kinds across every catalog, and retry advice. The ids are fixed here
//! (a catalog naming another is refused); their rules, HTTP statuses, gRPC codes and the plain
//! words people search with are data, in `catalogs/kinds.json`, described in docs/design.md.

use serde::{Deserialize, Serialize};
use std::sync::LazyLock;

/// What kind of problem an entry is, whoever reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Auth,
    Permission,
    RateLimit,
    Quota,
    NotFound,
    Conflict,
    Validation,
    Precondition,
    Unavailable,
    Timeout,
    Cancelled,
    Internal,
    Network,
    Unsupported,
    Payment,
    Ok,
    Redirect,
    Warning,
}

impl Kind {
    pub const ALL: [Kind; 18] = [
        Kind::Auth,
        Kind::Permission,
        Kind::RateLimit,
        Kind::Quota,
        Kind::NotFound,
        Kind::Conflict,
        Kind::Validation,
        Kind::Precondition,
        Kind::Unavailable,
        Kind::Timeout,
        Kind::Cancelled,
        Kind::Internal,
        Kind::Network,
        Kind::Unsupported,
        Kind::Payment,
        Kind::Ok,
        Kind::Redirect,
        Kind::Warning,
    ];

    /// The id catalogs and queries use (`rate_limit`).
    pub fn id(self) -> &'static str {
        self.info().id.as_str()
    }

    pub fn from_id(id: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.id() == id)
    }

    /// Its rule, statuses and words, from `catalogs/kinds.json`.
    pub fn info(self) -> &'static KindInfo {
        &KINDS.kinds[self as usize]
    }

    /// Whether the kind is an error at all (not success, a redirect or a warning).
    pub fn is_error(self) -> bool {
        !matches!(self, Kind::Ok | Kind::Redirect | Kind::Warning)
    }

    /// Packed in a few bits of a row (see `index::table`): 0 is no kind.
    pub fn to_bits(kind: Option<Kind>) -> u16 {
        kind.map_or(0, |k| k as u16 + 1)
    }

    pub fn from_bits(bits: u16) -> Option<Kind> {
        bits.checked_sub(1)
            .and_then(|i| Kind::ALL.get(i as usize).copied())
    }
}

/// Whether and how to retry a request that failed this way.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Retry {
    /// The same request fails the same way: ask for something else.
    No,
    /// Retry once the request, credentials or state is fixed.
    AfterFix,
    /// Transient: retry after a delay that grows each time.
    Backoff,
    /// Retry much later (a limit resets, an operator fixes the service).
    Later,
}

impl Retry {
    pub const ALL: [Retry; 4] = [Retry::No, Retry::AfterFix, Retry::Backoff, Retry::Later];

    pub fn id(self) -> &'static str {
        match self {
            Retry::No => "no",
            Retry::AfterFix => "after_fix",
            Retry::Backoff => "backoff",
            Retry::Later => "later",
        }
    }

    pub fn from_id(id: &str) -> Option<Retry> {
        Retry::ALL.into_iter().find(|r| r.id() == id)
    }

    /// What the advice means, in a sentence.
    pub fn meaning(self) -> &'static str {
        match self {
            Retry::No => &KINDS.retry.no,
            Retry::AfterFix => &KINDS.retry.after_fix,
            Retry::Backoff => &KINDS.retry.backoff,
            Retry::Later => &KINDS.retry.later,
        }
    }

    pub fn to_bits(retry: Option<Retry>) -> u16 {
        retry.map_or(0, |r| r as u16 + 1)
    }

    pub fn from_bits(bits: u16) -> Option<Retry> {
        bits.checked_sub(1)
            .and_then(|i| Retry::ALL.get(i as usize).copied())
    }
}

/// A kind as `catalogs/kinds.json` describes it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KindInfo {
    pub id: String,
    pub title: String,
    /// What an entry must be to get this kind.
    pub rule: String,
    /// HTTP statuses an entry of this kind may carry.
    pub http: Vec<u16>,
    /// gRPC codes that mean the same.
    pub grpc: Vec<String>,
    /// The advice that fits most entries of this kind.
    pub retry: Option<Retry>,
    /// Plain words people search with for this kind.
    pub synonyms: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RetryMeanings {
    no: String,
    after_fix: String,
    backoff: String,
    later: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Kinds {
    #[serde(rename = "_comment")]
    _comment: String,
    retry: RetryMeanings,
    kinds: Vec<KindInfo>,
}

/// `catalogs/kinds.json`, in the order of [`Kind::ALL`] (a test holds them together).
static KINDS: LazyLock<Kinds> = LazyLock::new(|| {
    serde_json::from_str(include_str!("../../catalogs/kinds.json"))
        .expect("catalogs/kinds.json is tested")
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_data_lists_every_kind_in_order() {
        assert_eq!(KINDS.kinds.len(), Kind::ALL.len());
        for (k, info) in Kind::ALL.iter().zip(&KINDS.kinds) {
            let serde_id = serde_json::to_value(k).unwrap();
            assert_eq!(serde_id, info.id.as_str(), "{k:?}");
            assert_eq!(Kind::from_id(&info.id), Some(*k));
            assert_eq!(Kind::from_bits(Kind::to_bits(Some(*k))), Some(*k));
            assert!(!info.synonyms.is_empty() && !info.rule.is_empty(), "{k:?}");
            assert_eq!(info.retry.is_none(), !k.is_error(), "{k:?}");
        }
        for r in Retry::ALL {
            assert_eq!(serde_json::to_value(r).unwrap(), r.id());
            assert_eq!(Retry::from_bits(Retry::to_bits(Some(r))), Some(r));
            assert!(!r.meaning().is_empty());
        }
        assert_eq!(Kind::from_bits(0), None);
    }
}
