//! DNS response codes as resolvers' tools print them: dig's `->>HEADER<<- … status: SERVFAIL`,
//! nslookup's `** server can't find …: NXDOMAIN`, host's `not found: 3(NXDOMAIN)`, and
//! dnspython's `dns.resolver.NXDOMAIN`. NOERROR is no error.

use super::{Family, Kind, Pattern, code, name};

pub const FAMILY: Family = Family {
    patterns: &[
        Pattern::new(r"->>HEADER<<- opcode: \w+, status: ([A-Z]+)\b", name),
        Pattern::new(r"\bserver can't find [^\n:]+: ([A-Z]{4,})\b", name),
        Pattern::new(r"\bnot found: (\d{1,2})\([A-Z]+\)", code),
        Pattern::new(r"\bdns\.resolver\.(NXDOMAIN)\b", name),
    ],
    triggers: &[
        "->>header<<-",
        "server can't find",
        "nxdomain",
        "not found: ",
    ],
    retry_words,
    ..Family::new("dns")
};

/// SERVFAIL is worth another try, NXDOMAIN is not.
fn retry_words(code: &str, _: Option<Kind>) -> Option<&'static str> {
    match code {
        "2" => Some(
            "A failure on the way (the resolver, the zone's servers, or DNSSEC validation), not an answer: try again after a short delay or through another resolver; if it lasts, check the zone's DNSSEC and nameservers.",
        ),
        "3" => Some(
            "An answer: the name does not exist. Asking again gives the same answer (resolvers keep it for the zone's negative TTL) until the record is created; check the name and the search domain.",
        ),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{Case, c, check_reads, exactly, n};

    #[test]
    fn dig_nslookup_host_and_dnspython() {
        check_reads(
            "dns",
            [
                Case {
                    line: ";; ->>HEADER<<- opcode: QUERY, status: SERVFAIL, id: 23409",
                    reads: exactly([n("SERVFAIL")]),
                },
                Case {
                    line: "** server can't find nosuch.example.com: NXDOMAIN",
                    reads: exactly([n("NXDOMAIN")]),
                },
                Case {
                    line: "Host nosuch.example.com not found: 3(NXDOMAIN)",
                    reads: exactly([c("3")]),
                },
                Case {
                    line: "dns.resolver.NXDOMAIN: The DNS query name does not exist: x.",
                    reads: exactly([n("NXDOMAIN")]),
                },
            ],
        );
    }
}
