//! SMTP replies as mail servers and clients print them: a reply code beside its enhanced status
//! code (`550 5.1.1 <a@b>: Recipient address rejected`, in bounces, Postfix logs and Java's
//! exceptions), Python smtplib's `(535, b'5.7.8 …')`, and Postfix's `dsn=4.7.0`. Enhanced codes
//! are written with their class (`5.1.1`).

use super::{Family, Key, Kind, Pattern, code};

pub const FAMILY: Family = Family {
    patterns: &[
        Pattern::new(r"\b([245]\d\d[ -][245]\.\d{1,3}\.\d{1,3})\b", reply),
        Pattern::new(r"\b([245]\d\d[ -][245]\.\d{1,3}\.\d{1,3})\b", enhanced),
        Pattern::new(r#"\(([245]\d\d, b['"][245]\.\d{1,3}\.\d{1,3})\b"#, reply),
        Pattern::new(r#"\(([245]\d\d, b['"][245]\.\d{1,3}\.\d{1,3})\b"#, enhanced),
        Pattern::new(r#"\(([45]\d\d), b['"]"#, code),
        Pattern::new(r"\bdsn=([245]\.\d{1,3}\.\d{1,3})\b", code),
    ],
    triggers: &["smtp", "dsn=", " 5.", " 4."],
    retry_words,
    ..Family::new("smtp")
};

/// SMTP says by the first digit whether to try again.
fn retry_words(code: &str, _: Option<Kind>) -> Option<&'static str> {
    match code.as_bytes().first()? {
        b'4' => Some(
            "Temporary (4xx): a mail server keeps the message queued and tries again by itself, for hours or days; a program sending directly should try again later, waiting longer each time.",
        ),
        b'5' => Some(
            "Permanent (5xx): sending the same message again fails the same way; fix the address, the message or the sender's setup (authentication, SPF, DKIM) first.",
        ),
        _ => None,
    }
}

/// The reply and the enhanced code of `550 5.1.1` (or `535, b'5.7.8`), when their classes
/// agree.
fn split(s: &str) -> Option<(&str, &str)> {
    let reply = s.get(..3)?;
    let enhanced = s.rsplit([' ', '-', '\'', '"']).next()?;
    (reply.as_bytes()[0] == enhanced.as_bytes()[0]).then_some((reply, enhanced))
}

fn reply(s: &str) -> Option<Key> {
    split(s).map(|(r, _)| Key::Code(r.to_string()))
}

fn enhanced(s: &str) -> Option<Key> {
    split(s).map(|(_, e)| Key::Code(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::super::tests::{Case, c, check_reads, exactly, including, nothing};

    #[test]
    fn bounces_logs_and_smtplib() {
        check_reads(
            "smtp",
            [
                Case {
                    line: "<nobody@example.com>: host mx1.example.com[203.0.113.25] said: 550 5.1.1\n    <nobody@example.com>: Recipient address rejected: User unknown",
                    reads: exactly([c("550"), c("5.1.1")]),
                },
                Case {
                    line: "smtplib.SMTPAuthenticationError: (535, b'5.7.8 Username and Password not accepted.')",
                    reads: including([c("535"), c("5.7.8")]),
                },
                Case {
                    line: "to=<a@b>, relay=mx[1.2.3.4]:25, delay=1.2, dsn=4.7.0, status=deferred",
                    reads: including([c("4.7.0")]),
                },
                // Classes that disagree, versions and sizes are not replies.
                Case {
                    line: "250 5.1.1",
                    reads: nothing(),
                },
                Case {
                    line: "v2 release 2.0.1",
                    reads: nothing(),
                },
            ],
        );
    }
}
