//! From a code found in the text to catalog entries, choosing the catalogs as the issue orders:
//! the family the context names (`status` → HTTP); then the vendors the workspace names
//! (`.errdex.toml`); then the vendors the document shows; else every catalog with the code,
//! each named.

use super::catalogs::Catalogs;
use super::evidence::Evidence;
use super::scan::{Code, Found, Why};
use crate::index::RowId;
use crate::snippet::Lang;

/// One catalog's entries for the code.
#[derive(Debug, Clone)]
pub struct Group {
    pub vendor: usize,
    pub rows: Vec<RowId>,
}

/// Why these catalogs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Basis {
    /// The context names the family (`status` → HTTP).
    Family(String),
    /// The workspace's `.errdex.toml` (or the client's settings) names the vendor.
    Workspace,
    /// The document shows the vendor (what showed it).
    Evidence(String),
    /// A member of the vendor's enum.
    Member(String),
    /// The decoder identified the error on this line (how).
    Decoded(String),
    /// No evidence: every catalog that has the code.
    Everywhere,
}

#[derive(Debug, Clone)]
pub struct Resolved {
    /// The code as the catalogs write it (`1302`, `0x80070005`, `111` for `ECONNREFUSED`).
    pub code: String,
    /// The code as the text writes it (`ECONNREFUSED`).
    pub written: String,
    pub groups: Vec<Group>,
    pub basis: Basis,
    /// Why the text is read as a code (`compared with ErrorCode`).
    pub context: String,
    /// The code is an arm's pattern already (a `case 1302:`).
    pub in_arm: bool,
}

/// The settings the choice depends on.
pub struct Choice<'a> {
    pub workspace: &'a [usize],
    pub evidence: &'a Evidence,
    pub lang: Option<Lang>,
}

pub fn resolve(found: &Found, catalogs: &Catalogs, choice: &Choice) -> Option<Resolved> {
    let index = &catalogs.index;
    let context = describe(&found.why);
    if let Code::Member { type_name, member } = &found.code {
        return resolve_member(catalogs, choice, type_name, member);
    }
    let exact = found.why == Why::Shape;
    let mut rows: Vec<RowId> = Vec::new();
    for code in spellings(found) {
        rows.extend(index.by_code(&code));
    }
    if let Code::Text(text) = &found.code {
        for v in 0..index.vendors().len() {
            rows.extend(index.by_name(v, text));
        }
        if exact {
            // On its shape alone, a string is a code only as the catalog writes it exactly.
            rows.retain(|&r| {
                let (table, i) = index.locate(r);
                table.code(i) == text || table.names(i).any(|n| n == text)
            });
        }
    }
    rows.sort_unstable();
    rows.dedup();
    let mut groups: Vec<Group> = Vec::new();
    for r in rows {
        let v = index.row_vendor(r);
        match groups.iter_mut().find(|g| g.vendor == v) {
            Some(g) => g.rows.push(r),
            None => groups.push(Group {
                vendor: v,
                rows: vec![r],
            }),
        }
    }
    if groups.is_empty() {
        return None;
    }
    let family = found.family;
    let mut basis = Basis::Everywhere;
    if !family.ids.is_empty() {
        let mut kept: Vec<Group> = Vec::new();
        for id in family.ids {
            kept.extend(
                groups
                    .iter()
                    .filter(|g| catalogs.vendor_id(g.vendor) == *id)
                    .cloned(),
            );
        }
        if !kept.is_empty() {
            // The first family of the list that has the code.
            kept.truncate(1);
            basis = Basis::Family(context.clone());
            groups = kept;
        } else if family.hard {
            return None;
        }
    }
    if basis == Basis::Everywhere {
        let named: Vec<Group> = groups
            .iter()
            .filter(|g| choice.workspace.contains(&g.vendor))
            .cloned()
            .collect();
        if !named.is_empty() {
            groups = named;
            basis = Basis::Workspace;
        } else {
            let shown: Vec<Group> = groups
                .iter()
                .filter(|g| choice.evidence.why(g.vendor).is_some())
                .cloned()
                .collect();
            if let Some(first) = shown.first() {
                let why = choice
                    .evidence
                    .why(first.vendor)
                    .unwrap_or_default()
                    .to_string();
                groups = shown;
                basis = Basis::Evidence(why);
            }
        }
    }
    let code = index.code(groups[0].rows[0]).to_string();
    Some(Resolved {
        code,
        written: found.code.written().to_string(),
        groups,
        basis,
        context,
        in_arm: matches!(found.why, Why::Arm(_)),
    })
}

/// The ways a literal may be written in the catalogs: as it is; a number without its sign or
/// leading zeros (Node prints errno negated); an HRESULT in hex when written in decimal; a short
/// hex value widened to 8 digits.
fn spellings(found: &Found) -> Vec<String> {
    let mut out = Vec::new();
    match &found.code {
        Code::Int(s) => {
            out.push(s.clone());
            let hresults = found
                .family
                .ids
                .iter()
                .any(|id| matches!(*id, "hresult" | "ntstatus"));
            if let Ok(n) = s.parse::<i64>() {
                if n < 0 && found.family.ids.contains(&"errno") {
                    out.push((-n).to_string());
                }
                if hresults && let Ok(x) = i32::try_from(n) {
                    out.push(format!("0x{:08X}", x as u32));
                }
                if hresults && let Ok(x) = u32::try_from(n) {
                    out.push(format!("0x{x:08X}"));
                }
                let plain = n.to_string();
                if plain != *s {
                    out.push(plain);
                }
            }
        }
        Code::Hex(h) => {
            out.push(h.clone());
            let digits = &h[2..];
            if digits.len() < 8 {
                out.push(format!("0x{digits:0>8}"));
            }
        }
        Code::Text(t) => out.push(t.clone()),
        Code::Member { .. } => {}
    }
    out
}

fn resolve_member(
    catalogs: &Catalogs,
    choice: &Choice,
    type_name: &str,
    member: &str,
) -> Option<Resolved> {
    let lang = choice.lang?;
    for (v, facts) in catalogs.facts.iter().enumerate() {
        let ours = if type_name.is_empty() {
            lang.members_at_top_level()
                && choice.evidence.go_prefixes.contains(&facts.go_prefix)
                && member.starts_with(facts.go_prefix.as_str())
        } else {
            facts.type_name == type_name
        };
        if !ours {
            continue;
        }
        let names = catalogs.names(v, lang);
        let Some(code) = names.by_name.get(member) else {
            continue;
        };
        let rows = catalogs.rows(v, code);
        if rows.is_empty() {
            continue;
        }
        return Some(Resolved {
            code: code.clone(),
            written: member.to_string(),
            groups: vec![Group { vendor: v, rows }],
            basis: Basis::Member(facts.type_name.clone()),
            context: format!("a member of `{}`, an enum errdex wrote", facts.type_name),
            in_arm: false,
        });
    }
    None
}

/// Why the text reads as a code, in words for the hover.
fn describe(why: &Why) -> String {
    match why {
        Why::Named(name) => format!("compared with or set as `{}`", plain(name)),
        Why::Argument(f) => format!("passed to `{}`", plain(f)),
        Why::Arm(name) => format!("an arm of a switch over `{}`", plain(name)),
        Why::Shape => "written as a code's name".into(),
        Why::Member => "a member of an enum errdex wrote".into(),
    }
}

/// A name from the document, safe inside a code span.
fn plain(name: &str) -> String {
    name.chars()
        .filter(|c| !c.is_control() && *c != '`')
        .take(60)
        .collect()
}
