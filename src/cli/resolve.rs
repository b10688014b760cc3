//! What a user types for a vendor or a code, read as they meant it: a vendor by id, name or
//! alias (with "did you mean" for a near miss), a code by itself, its symbol or alias, with
//! leading zeros (`01004`) or a sign (`-111`, as Node prints errno), or in another form its
//! family writes it in (`80070005` for HRESULT `0x80070005`, `MY-1045`). When errdex reads a
//! code differently from how it was typed, it says so.

use crate::decode::families;
use crate::index::Index;
use crate::sanitize;

/// The vendor `name` names, or a one-line message saying what might have been meant.
pub fn vendor(index: &Index, name: &str) -> Result<usize, String> {
    if let Some(v) = index.find_vendor(name) {
        return Ok(v);
    }
    let typed = name.to_lowercase();
    let near = index
        .vendors()
        .iter()
        .map(|v| v.id.as_str())
        .filter(|id| close(&typed, id))
        .collect::<Vec<_>>();
    let shown = sanitize::line(name);
    Err(match near.as_slice() {
        [] => format!("unknown vendor `{shown}` (`errdex vendors` lists them)"),
        [one] => format!("unknown vendor `{shown}`; did you mean `{one}`?"),
        many => format!(
            "unknown vendor `{shown}`; did you mean one of {}?",
            many.iter()
                .map(|id| format!("`{id}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    })
}

/// Whether `typed` looks like a mistyped `name` (a command's): within one edit, or two letters
/// swapped.
pub fn is_slip(typed: &str, name: &str) -> bool {
    typed != name && (edit_distance(typed, name) <= 1 || swapped(typed, name))
}

fn swapped(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let diff: Vec<usize> = (0..a.len().min(b.len()))
        .filter(|&i| a[i] != b[i])
        .collect();
    a.len() == b.len()
        && diff.len() == 2
        && diff[1] == diff[0] + 1
        && a[diff[0]] == b[diff[1]]
        && a[diff[1]] == b[diff[0]]
}

/// Whether `typed` looks like a slip for `id`: a prefix of it (three letters or more), or within
/// one edit for short ids and two for longer ones.
fn close(typed: &str, id: &str) -> bool {
    if typed.chars().count() >= 3 && id.starts_with(typed) {
        return true;
    }
    let limit = if id.chars().count() > 5 { 2 } else { 1 };
    edit_distance(typed, id) <= limit
}

/// Levenshtein distance in characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (diagonal + usize::from(ca != cb))
                .min(row[j] + 1)
                .min(above + 1);
            diagonal = above;
        }
    }
    row[b.len()]
}

/// A code as the catalog writes it, and what errdex says about reading it so.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Code {
    pub code: String,
    pub note: Option<String>,
}

/// The codes of `vendor` that `typed` names (several when a symbol names several codes), in
/// `edition` (default the newest); empty when none does; `None` when there is no such edition.
pub fn codes(
    index: &Index,
    vendor: usize,
    typed: &str,
    edition: Option<&str>,
) -> Option<Vec<Code>> {
    let as_is = |code: &str| index.lookup(vendor, code, edition).map(|e| !e.is_empty());
    if as_is(typed)? {
        return Some(vec![Code {
            code: typed.to_string(),
            note: None,
        }]);
    }
    if edition.is_none() {
        let mut named: Vec<Code> = Vec::new();
        for row in index.by_name(vendor, typed) {
            let code = index.code(row).to_string();
            if !named.iter().any(|c| c.code == code) {
                named.push(Code { code, note: None });
            }
        }
        if !named.is_empty() {
            return Some(named);
        }
    }
    // A form the family writes otherwise (`80070005`, `-2147024891`, `MY-1045`).
    if edition.is_none() {
        let id = &index.vendors()[vendor].id;
        let form = families::by_id(id).and_then(|f| (f.code_form)(typed));
        if let Some(code) = form.filter(|c| c != typed && as_is(c) == Some(true)) {
            let note = format!("`{}` is read as {id} {code}", sanitize::line(typed));
            return Some(vec![Code {
                code,
                note: Some(note),
            }]);
        }
    }
    // A number typed with leading zeros or a sign: the catalog's number of the same value.
    let (negative, digits) = match typed.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, typed.strip_prefix('+').unwrap_or(typed)),
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Some(Vec::new());
    }
    let trimmed = digits.trim_start_matches('0');
    let plain = if trimmed.is_empty() { "0" } else { trimmed };
    if plain == typed || edition.is_some() {
        // Typed as the catalog would write it, or in an older edition: not there.
        return Some(Vec::new());
    }
    let id = &index.vendors()[vendor].id;
    let found = |code: &str| as_is(code).unwrap_or(false);
    let shown = sanitize::line(typed);
    let candidate = if found(plain) {
        Some(plain.to_string())
    } else {
        // A catalog that writes its codes with leading zeros (MantaGO's `0000`).
        let table = index.vendor_table(vendor);
        (0..table.len())
            .map(|i| table.code(i))
            .find(|c| c.trim_start_matches('0') == trimmed && c.bytes().all(|b| b.is_ascii_digit()))
            .map(str::to_string)
    };
    let Some(code) = candidate else {
        return Some(Vec::new());
    };
    let note = if negative {
        format!(
            "{id} has no negative codes; `{shown}` is read as {code} (Node and the kernel give errno negated)"
        )
    } else {
        format!("`{shown}` is read as {id} {code}")
    };
    Some(vec![Code {
        code,
        note: Some(note),
    }])
}

/// The entries of other families that `typed`, a code `vendor`'s catalog lacks, is by its
/// family's links (HRESULT `0x800706BA` is win32 `1722`), with what errdex says about it.
pub fn linked(index: &Index, vendor: usize, typed: &str) -> Vec<(usize, Code)> {
    let id = &index.vendors()[vendor].id;
    families::linked_codes(id, typed)
        .into_iter()
        .filter_map(|(family, code)| {
            let v = index.vendors().iter().position(|v| v.id == family)?;
            index.lookup(v, &code, None).filter(|e| !e.is_empty())?;
            let note = format!(
                "{id} has no code `{}`; it is {family} {code}",
                sanitize::line(typed)
            );
            Some((
                v,
                Code {
                    code,
                    note: Some(note),
                },
            ))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn near_misses_are_close_and_strangers_are_not() {
        assert!(close("pixnt", "pixnet"));
        assert!(close("tencent", "tencent-im"));
        assert!(close("erno", "errno"));
        assert!(!close("zzz", "http"));
        assert!(!close("go", "grpc"));
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("", "abc"), 3);
        assert!(is_slip("serch", "search") && is_slip("shwo", "show"));
        assert!(!is_slip("404", "show") && !is_slip("show", "show"));
    }

    #[test]
    fn codes_are_read_as_typed_by_name_with_zeros_and_signs() {
        let index = Index::embedded();
        let v = |id: &str| index.find_vendor(id).unwrap();
        let one = |id: &str, typed: &str| {
            let found = codes(&index, v(id), typed, None).unwrap();
            assert_eq!(found.len(), 1, "{id} {typed}: {found:?}");
            found.into_iter().next().unwrap()
        };
        assert_eq!(one("pixnet", "1302").note, None);
        assert_eq!(one("errno", "ECONNREFUSED").code, "111");
        let negative = one("errno", "-111");
        assert_eq!(negative.code, "111");
        assert!(negative.note.unwrap().contains("negative"));
        assert_eq!(one("mantago", "01004").code, "1004");
        assert!(
            codes(&index, v("pixnet"), "99999", None)
                .unwrap()
                .is_empty()
        );
        assert!(codes(&index, v("pixnet"), "1302", Some("nope")).is_none());
        assert!(
            vendor(&index, "pixnt")
                .unwrap_err()
                .contains("did you mean `pixnet`")
        );
        assert_eq!(vendor(&index, "PIXNET"), Ok(v("pixnet")));
    }

    #[test]
    fn codes_in_the_forms_their_family_writes() {
        let index = Index::embedded();
        let one = |id: &str, typed: &str| {
            let v = index.find_vendor(id).unwrap();
            let found = codes(&index, v, typed, None).unwrap();
            assert_eq!(found.len(), 1, "{id} {typed}: {found:?}");
            found.into_iter().next().unwrap()
        };
        for typed in ["0x80070005", "80070005", "0x80070005", "-2147024891"] {
            assert_eq!(one("hresult", typed).code, "0x80070005", "{typed}");
        }
        for typed in ["0xc0000005", "c0000005", "-1073741819"] {
            let code = one("ntstatus", typed).code;
            assert!(code.eq_ignore_ascii_case("0xC0000005"), "{typed}: {code}");
        }
        for typed in ["MY-1045", "MY-001045", "001045"] {
            let found = one("mysql", typed);
            assert_eq!(found.code, "1045", "{typed}");
            assert!(found.note.unwrap().contains("read as mysql 1045"));
        }
        assert_eq!(one("win32", "0x00000005").code, "5");
        let hresult = index.find_vendor("hresult").unwrap();
        assert!(
            codes(&index, hresult, "0x800706BA", None)
                .unwrap()
                .is_empty()
        );
        let linked = linked(&index, hresult, "0x800706BA");
        assert_eq!(linked.len(), 1);
        assert_eq!(linked[0].0, index.find_vendor("win32").unwrap());
        assert_eq!(linked[0].1.code, "1722");
        assert_eq!(one("quic", "0x010c").code, "0x10c");
    }
}
