//! LDAP result codes as clients print them: JNDI's `[LDAP: error code 49 - …]`, OpenLDAP's tools
//! (`ldap_bind: Invalid credentials (49)`, ldapsearch's `result: 32 No such object`), Python's
//! ldap3 and python-ldap; and Active Directory's sub-code (`AcceptSecurityContext error, data
//! 52e`), which is a Win32 error.

use super::{Family, Key, Pattern, code};

pub const FAMILY: Family = Family {
    patterns: &[
        Pattern::new(r"\bLDAP: error code (\d{1,3})\b", code),
        Pattern::new(
            r"\bAcceptSecurityContext error, data ([0-9a-fA-F]{3,4})\b",
            ad_data,
        )
        .linked(),
        Pattern::new(r"\bldap_\w+(?:\(\w+\))?: [^\n]*?\((-?\d{1,3})\)", code),
        Pattern::new(r"(?m)^result: (\d{1,3}) [A-Za-z]", code),
        Pattern::new(r"\bLDAP\w*Result - (\d{1,3}) - ", code),
        Pattern::new(r"'result': (\d{1,3}), 'desc'", code),
    ],
    triggers: &["ldap", "result: ", "acceptsecuritycontext"],
    ..Family::new("ldap")
};

/// Active Directory's `data 52e`, as the catalog writes the sub-code.
fn ad_data(s: &str) -> Option<Key> {
    Some(Key::Code(format!("data {}", s.to_lowercase())))
}

#[cfg(test)]
mod tests {
    use super::super::tests::{Case, c, check_reads, exactly, including};

    #[test]
    fn jndi_openldap_and_python() {
        check_reads(
            "ldap",
            [
                Case {
                    line: "javax.naming.AuthenticationException: [LDAP: error code 49 - 80090308: LdapErr: DSID-0C09044E, comment: AcceptSecurityContext error, data 52e, v4563]",
                    reads: including([c("49"), c("data 52e")]),
                },
                Case {
                    line: "ldap_bind: Invalid credentials (49)",
                    reads: exactly([c("49")]),
                },
                Case {
                    line: "ldap_sasl_bind(SIMPLE): Can't contact LDAP server (-1)",
                    reads: exactly([c("-1")]),
                },
                Case {
                    line: "# search result\nsearch: 2\nresult: 32 No such object\n",
                    reads: exactly([c("32")]),
                },
                Case {
                    line: "ldap3.core.exceptions.LDAPSizeLimitExceededResult: LDAPSizeLimitExceededResult - 4 - sizeLimitExceeded - None",
                    reads: exactly([c("4")]),
                },
            ],
        );
    }
}
