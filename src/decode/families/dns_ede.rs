//! DNS Extended Errors (RFC 8914) as dig prints them: `; EDE: 18 (Prohibited)`.

use super::{Family, Pattern, code};

pub const FAMILY: Family = Family {
    patterns: &[Pattern::new(r"(?m)^; EDE: (\d{1,2})\b", code)],
    triggers: &["; ede:"],
    ..Family::new("dns-ede")
};

#[cfg(test)]
mod tests {
    use super::super::tests::{c, keys_in};

    fn read(text: &str) -> Vec<(&'static str, super::super::Key)> {
        keys_in(&["dns-ede"], text)
    }

    #[test]
    fn dig() {
        assert_eq!(
            read("; EDNS: version: 0, flags:; udp: 1232\n; EDE: 18 (Prohibited)\n"),
            [("dns-ede", c("18"))]
        );
    }
}
