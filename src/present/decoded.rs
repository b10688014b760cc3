//! What errdex says about one decoded error: a heading (vendor, code, status, where it was
//! found), then labelled lines: what the text said, how the error was identified, the entry
//! it names and what to do, or the entries it may be when none matched.

use crate::decode::{FoundError, describe_detail, retry};
use crate::index::Index;

/// Which fact a line holds, so each front end can colour it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// What the paste said: its message.
    Said,
    /// How the error was identified, and the evidence.
    How,
    /// A caution about the claim.
    Note,
    /// How long the response asks to wait before trying again.
    Wait,
    /// A detail the error carries (reason, field violation, quota, help link).
    Detail,
    /// The matched entry's headline.
    Means,
    Summary,
    Fix,
    Kind,
    /// Whether and how to retry this error.
    Retrying,
    About,
    /// Another entry that matches as well.
    Or,
    /// A near entry, when none matched.
    Maybe,
}

impl Role {
    /// The label every front end shows before the line's text.
    pub fn label(self) -> &'static str {
        match self {
            Role::Said => "says",
            Role::How => "how",
            Role::Note => "note",
            Role::Wait => "wait",
            Role::Detail => "detail",
            Role::Means => "means",
            Role::Summary => "summary",
            Role::Fix => "fix",
            Role::Kind => "kind",
            Role::Retrying => "retrying",
            Role::About => "about",
            Role::Or => "or",
            Role::Maybe => "maybe",
        }
    }
}

/// One labelled line (its text may be long: front ends wrap or cut it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Said {
    pub role: Role,
    pub text: String,
}

/// `vendor code  HTTP 404  field email  at $.error`.
pub fn heading(err: &FoundError) -> String {
    let mut head = format!(
        "{} {}",
        err.vendor.as_deref().unwrap_or("unknown vendor"),
        err.code.as_deref().unwrap_or("(no code)")
    );
    if let Some(s) = err.http_status {
        head.push_str(&format!("  HTTP {s}"));
    }
    if let Some(f) = &err.field {
        head.push_str(&format!("  field {f}"));
    }
    head.push_str(&format!("  at {}", err.path));
    head
}

/// The lines under the heading, in reading order.
pub fn lines(index: &Index, err: &FoundError) -> Vec<Said> {
    let mut out = Vec::new();
    let mut add = |role: Role, text: String| out.push(Said { role, text });
    if let Some(m) = &err.message {
        add(Role::Said, m.clone());
    }
    let how = match err.evidence.as_slice() {
        [] => err.confidence.describe().to_string(),
        evidence => format!("{} ({})", err.confidence.describe(), evidence.join("; ")),
    };
    add(Role::How, how);
    if let Some(n) = &err.note {
        add(Role::Note, n.clone());
    }
    if let Some(r) = &err.retry_after {
        add(
            Role::Wait,
            format!("{} ({}: {})", r.describe(), r.header, r.value),
        );
    }
    for d in &err.details {
        add(Role::Detail, describe_detail(d));
    }
    match err.match_rows.split_first() {
        Some((&row, others)) => {
            let e = index.get(row);
            let headline = e.entry.headline();
            let summary = e.entry.summary_en.clone().filter(|s| *s != headline);
            // The catalog's words, unless they are what the paste said.
            let said = err.message.as_deref().map(str::trim);
            if !said.is_some_and(|m| m.eq_ignore_ascii_case(headline.trim())) {
                add(Role::Means, headline);
            }
            if let Some(s) = summary {
                add(Role::Summary, s);
            }
            if let Some(d) = &e.entry.description {
                add(Role::About, d.to_string());
            }
            if let Some(f) = &e.entry.fix {
                add(Role::Fix, f.to_string());
            }
            if let Some(k) = e.entry.kind {
                let retry = e
                    .entry
                    .retry
                    .map_or(String::new(), |r| format!(" · retry: {}", r.id()));
                add(Role::Kind, format!("{}{retry}", k.id()));
            }
            if let Some(a) = retry::advice(index, err) {
                add(Role::Retrying, a.to_string());
            }
            for &other in others {
                let o = index.get(other);
                add(
                    Role::Or,
                    format!("{} {} {}", o.vendor.id, o.entry.code, o.entry.headline()),
                );
            }
        }
        None => {
            for &row in err.suggestion_rows.iter().take(3) {
                let e = index.get(row);
                add(
                    Role::Maybe,
                    format!("{} {} {}", e.vendor.id, e.entry.code, e.entry.headline()),
                );
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decode::{Confidence, decode};

    const MANTAGO: &str = r#"MantaGO API call failed: {"success":false,"errResponse":{"message":"Token is invalid or expired","code":1004}}"#;

    #[test]
    fn a_matched_error_says_what_it_means_and_what_to_do() {
        let index = Index::embedded();
        let d = decode(MANTAGO, &index);
        let err = &d.errors[0];
        assert_eq!(heading(err), "mantago 1004  at $.errResponse");
        let said = lines(&index, err);
        let roles: Vec<Role> = said.iter().map(|l| l.role).collect();
        // The catalog's message is what the paste said: said once, then the summary.
        assert_eq!(
            roles[..3],
            [Role::Said, Role::How, Role::Summary],
            "{said:?}"
        );
        assert_eq!(said[0].text, "Token is invalid or expired");
        assert!(
            said[1]
                .text
                .starts_with(Confidence::EnvelopeCodeMessage.describe()),
            "{said:?}"
        );
    }

    #[test]
    fn the_catalog_s_words_are_said_when_the_paste_says_other_words() {
        let index = Index::embedded();
        let d = decode(
            &MANTAGO.replace("Token is invalid or expired", "token bad"),
            &index,
        );
        let said = lines(&index, &d.errors[0]);
        let means = said.iter().find(|l| l.role == Role::Means);
        assert_eq!(
            means.map(|l| l.text.as_str()),
            Some("Token is invalid or expired"),
            "{said:?}"
        );
    }

    #[test]
    fn a_code_its_catalog_lacks_is_said_once_and_names_no_entry() {
        let index = Index::embedded();
        let d = decode(&MANTAGO.replace("1004", "9876"), &index);
        let err = &d.errors[0];
        assert_eq!(err.confidence, Confidence::NotInCatalog);
        let said = lines(&index, err);
        let how: Vec<&Said> = said
            .iter()
            .filter(|l| l.text.contains("not in catalog"))
            .collect();
        assert_eq!(how.len(), 1, "{said:?}");
        assert!(said.iter().all(|l| l.role != Role::Means), "{said:?}");
    }
}
