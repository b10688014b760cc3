//! HTTP: status lines (`HTTP/1.1 503 Service Unavailable`) and problem bodies, which the
//! decoder's own stages read; the family names them.

use super::Family;

pub const FAMILY: Family = Family {
    triggers: &["http/"],
    ..Family::new("http")
};
