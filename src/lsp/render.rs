//! What the editor shows: a hover's Markdown, an inlay hint's label, the plain text of "every
//! catalog's code". Catalog text is data: control characters are made visible
//! ([`crate::sanitize`]) and Markdown's own characters escaped, so a catalog can neither drive
//! the editor nor turn its text into links or markup.

use super::catalogs::Catalogs;
use super::resolve::{Basis, Resolved};
use crate::index::RowId;
use crate::sanitize;

/// At most this many catalogs are shown in one hover; the rest are counted.
pub const MAX_GROUPS: usize = 8;

/// Catalog text for Markdown: one line, controls visible, Markdown characters escaped.
pub fn text(s: &str) -> String {
    let line = sanitize::line(s);
    let mut out = String::with_capacity(line.len() + 8);
    let chars: Vec<char> = line.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let intraword = c == '_'
            && i > 0
            && chars[i - 1].is_alphanumeric()
            && chars.get(i + 1).is_some_and(|n| n.is_alphanumeric());
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' | '~' | '!' | '&'
        ) && !intraword
        {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Text inside a code span: one line, controls visible, no backticks.
pub fn code(s: &str) -> String {
    format!("`{}`", sanitize::line(s).replace('`', "'"))
}

/// A link target: only http(s) URLs, with nothing that could end the link early.
fn url(s: &str) -> Option<String> {
    let s = s.trim();
    let ok = (s.starts_with("https://") || s.starts_with("http://"))
        && s.chars()
            .all(|c| c.is_ascii_graphic() && !matches!(c, '<' | '>' | '"' | '`' | '\\'));
    ok.then(|| s.replace('(', "%28").replace(')', "%29"))
}

/// The hover for a resolved code.
pub fn hover(catalogs: &Catalogs, r: &Resolved) -> String {
    let mut out = String::new();
    let total = r.groups.len();
    let basis = match &r.basis {
        Basis::Family(_) => None,
        Basis::Workspace => Some("the vendor the workspace's `.errdex.toml` names".to_string()),
        Basis::Evidence(why) => Some(format!("chosen by {}", why)),
        Basis::Member(_) => None,
        Basis::Decoded(how) => Some(format!("identified by the decoder: {}", text(how))),
        Basis::Everywhere if total > 1 => Some(format!(
            "no evidence of the vendor here: {total} catalogs have {}",
            code(&r.written)
        )),
        Basis::Everywhere => None,
    };
    for (n, g) in r.groups.iter().take(MAX_GROUPS).enumerate() {
        if n > 0 {
            out.push_str("\n\n---\n\n");
        }
        for (k, &row) in g.rows.iter().enumerate() {
            if k > 0 {
                out.push_str("\n\n");
            }
            entry(catalogs, row, &mut out);
        }
    }
    if total > MAX_GROUPS {
        out.push_str(&format!(
            "\n\n---\n\n…and {} more catalogs (`errdex show {}`)",
            total - MAX_GROUPS,
            sanitize::line(&r.code).replace('`', "'")
        ));
    }
    out.push_str(&format!("\n\n*{}", r.context));
    if let Some(b) = basis {
        out.push_str(&format!("; {b}"));
    }
    out.push('*');
    out
}

/// One entry: the catalog and code, message, summary, kind, retry advice, HTTP status, source.
pub fn entry(catalogs: &Catalogs, row: RowId, out: &mut String) {
    let index = &catalogs.index;
    let e = index.get(row);
    let en = &e.entry;
    out.push_str(&format!(
        "**{}** {} {}",
        text(&e.vendor.name),
        code(&e.vendor.id),
        code(&en.code)
    ));
    if let Some(s) = en.symbol.as_deref().filter(|s| *s != en.code) {
        out.push_str(&format!(" {}", code(s)));
    }
    if en.obsolete {
        out.push_str(" *(obsolete)*");
    }
    if let Some(m) = en.message.as_deref().filter(|m| !m.trim().is_empty()) {
        out.push_str(&format!("\n\n{}", text(m)));
    }
    if let Some(s) = en.summary_en.as_deref().filter(|s| !s.trim().is_empty()) {
        if en.message.as_deref() != Some(s) {
            out.push_str(&format!("\n\n{}", text(s)));
        }
    } else if en.message.is_none()
        && let Some(d) = &en.description
    {
        out.push_str(&format!("\n\n{}", text(&d.to_string())));
    }
    let mut facts = Vec::new();
    if let Some(k) = en.kind {
        facts.push(format!("kind {} ({})", code(k.id()), text(&k.info().title)));
    }
    if let Some(r) = en.retry {
        facts.push(format!("retry {}: {}", code(r.id()), text(r.meaning())));
    }
    if let Some(s) = en.http_status {
        facts.push(format!("HTTP {s}"));
    }
    if !facts.is_empty() {
        out.push_str(&format!("\n\n{}", facts.join(" · ")));
    }
    let link = e
        .edition
        .source
        .as_deref()
        .and_then(url)
        .map(|u| (u, "source"));
    let link = link.or_else(|| {
        e.vendor
            .homepage
            .as_deref()
            .and_then(url)
            .map(|u| (u, "homepage"))
    });
    if let Some((u, what)) = link {
        out.push_str(&format!("\n\n[{what}]({u})"));
    }
}

/// The name an inlay hint shows after a literal: the code's symbol, else the name errdex's
/// enum gives it in the default language (`ExceedAnonymousRateLimit`); `None` when the code is
/// that name already.
pub fn hint_label(catalogs: &Catalogs, r: &Resolved, written: &str) -> Option<String> {
    let [group] = r.groups.as_slice() else {
        return None;
    };
    let row = *group.rows.first()?;
    let (table, i) = catalogs.index.locate(row);
    let symbol = table.names(i).next().map(str::to_string);
    let name = match symbol {
        Some(s) => s,
        None => catalogs
            .names(group.vendor, crate::snippet::Lang::default())
            .by_code
            .get(table.code(i))?
            .clone(),
    };
    if name.eq_ignore_ascii_case(written) {
        // `"ECONNREFUSED"` needs no hint `ECONNREFUSED`: the code is shown instead.
        let code = table.code(i);
        return (!code.eq_ignore_ascii_case(written)).then(|| sanitize::line(code).into_owned());
    }
    Some(sanitize::line(&name).into_owned())
}

/// Every catalog's entries for a code, as plain text (a message to show, not Markdown).
pub fn everywhere(catalogs: &Catalogs, code: &str) -> String {
    let index = &catalogs.index;
    let rows = index.by_code(code);
    if rows.is_empty() {
        return format!("No catalog has the code {}.", sanitize::line(code));
    }
    let mut lines = vec![format!(
        "{} {} {}:",
        rows.len(),
        if rows.len() == 1 {
            "entry has"
        } else {
            "entries have"
        },
        sanitize::line(code)
    )];
    for r in rows {
        let e = index.get(r);
        let mut line = format!("{} {}", e.vendor.id, e.entry.code);
        let head = e
            .entry
            .summary_en
            .clone()
            .unwrap_or_else(|| e.entry.headline());
        if !head.is_empty() {
            line.push_str(&format!(": {head}"));
        }
        if let Some(k) = e.entry.kind {
            line.push_str(&format!(" [{}]", k.id()));
        }
        lines.push(sanitize::line(&line).into_owned());
    }
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalog_text_cannot_make_markup_or_reach_the_editor_raw() {
        assert_eq!(
            text("a\x1b]0;x\x07 <b>[x](javascript:1) *y* data_id"),
            "a␛\\]0;x␇ \\<b\\>\\[x\\](javascript:1) \\*y\\* data_id"
        );
        assert_eq!(code("a`b\u{9b}"), "`a'b\\u{9b}`");
        assert_eq!(url("javascript:alert(1)"), None);
        assert_eq!(
            url("https://x.test/a(b)"),
            Some("https://x.test/a%28b%29".into())
        );
    }
}
