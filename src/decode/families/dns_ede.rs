//! DNS Extended Errors (RFC 8914) as dig prints them: `; EDE: 18 (Prohibited)`.

use super::{Family, Pattern, code};

pub const FAMILY: Family = Family {
    patterns: &[Pattern::new(r"(?m)^; EDE: (\d{1,2})\b", code)],
    triggers: &["; ede:"],
    ..Family::new("dns-ede")
};

#[cfg(test)]
mod tests {
    use super::super::tests::{Case, c, check_reads, exactly};

    #[test]
    fn dig() {
        check_reads(
            "dns-ede",
            [Case {
                line: "; EDNS: version: 0, flags:; udp: 1232\n; EDE: 18 (Prohibited)\n",
                reads: exactly([c("18")]),
            }],
        );
    }
}
