//! What the detail pane says about the selected entry: labelled fields in the order someone
//! debugging reads them (what the server said, what it means, what to do, then the rest),
//! wrapped to the pane's width. `update` counts the rows to bound scrolling, `ui` draws them:
//! both from here, so they agree.

use crate::index::{Highlighter, Index, RowId};
use crate::present::{self, entry::Name};
use crate::sanitize;

/// Label column width (`▸same code`, the mark of a match included); values wrap under themselves, not under the labels.
pub const LABEL_WIDTH: usize = 10;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    pub label: &'static str,
    pub value: String,
    /// The query matched this field while the table's columns (code, message) show no match:
    /// the pane marks why the row is listed.
    pub matched: bool,
    /// The value is a link (`o` opens it).
    pub link: bool,
}

/// The fields of `row` ([`present::entry::fields`]) but those the pane's heading shows.
/// `query_text` is the filter's fuzzy text.
pub fn fields(index: &Index, row: RowId, query_text: &str) -> Vec<Field> {
    let e = index.get(row);
    let mut out: Vec<Field> = present::entry::fields(index, &e)
        .into_iter()
        .filter(|f| {
            !matches!(
                f.name,
                Name::Vendor | Name::Code | Name::HttpStatus | Name::Category
            )
        })
        .map(|f| Field {
            label: f.name.label(),
            link: f.name == Name::Source,
            value: with_key(f.name, f.value),
            matched: false,
        })
        .collect();
    let mut highlighter = Highlighter::new(query_text);
    let in_columns = !highlighter.indices(&e.entry.code).is_empty()
        || !highlighter.indices(&e.entry.headline()).is_empty();
    if !in_columns {
        for f in &mut out {
            f.matched = !highlighter.indices(&f.value).is_empty();
        }
    }
    out
}

/// The key that goes on from a field: `e` lists the editions of a vendor that has several.
fn with_key(name: Name, mut value: String) -> String {
    if name == Name::Edition && value.ends_with(')') && value.contains("(newest of ") {
        value.insert_str(value.len() - 1, "; e: editions");
    }
    value
}

/// A field's value as screen rows of at most `width` columns (control characters made visible).
pub fn value_rows(field: &Field, width: usize) -> Vec<String> {
    sanitize::block(&field.value)
        .lines()
        .flat_map(|l| wrap(l, width))
        .collect()
}

/// The `s` preview of a snippet as screen rows of at most `width` columns (the copy is
/// cleaned already; tabs are expanded for the screen).
pub fn preview_rows(text: &str, inner_width: u16) -> Vec<String> {
    let width = usize::from(inner_width).max(1);
    sanitize::block(text)
        .lines()
        .flat_map(|l| wrap(l, width))
        .collect()
}

/// The width values wrap to in a pane `inner_width` wide.
pub fn value_width(inner_width: u16) -> usize {
    (inner_width as usize)
        .saturating_sub(LABEL_WIDTH + 1)
        .max(8)
}

/// Rows the pane's content takes: the heading line, then every field's rows.
pub fn rows(fields: &[Field], inner_width: u16) -> usize {
    let width = value_width(inner_width);
    1 + fields
        .iter()
        .map(|f| value_rows(f, width).len())
        .sum::<usize>()
}

/// Splits a line into pieces of at most `width` display columns, at spaces where possible
/// (CJK text, which has none, breaks between characters).
pub fn wrap(line: &str, width: usize) -> Vec<String> {
    use unicode_width::UnicodeWidthChar;
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut cur_w = 0;
    for word in line.split_inclusive(' ') {
        let ww: usize = word
            .trim_end()
            .chars()
            .map(|c| c.width().unwrap_or(0))
            .sum();
        if cur_w + ww > width && !cur.is_empty() && ww <= width {
            out.push(std::mem::take(&mut cur).trim_end().to_string());
            cur_w = 0;
        }
        for c in word.chars() {
            let cw = c.width().unwrap_or(0);
            if cur_w + cw > width {
                out.push(std::mem::take(&mut cur).trim_end().to_string());
                cur_w = 0;
            }
            if c == ' ' && cur.is_empty() && !out.is_empty() {
                continue;
            }
            cur.push(c);
            cur_w += cw;
        }
    }
    if !cur.trim_end().is_empty() || out.is_empty() {
        out.push(cur.trim_end().to_string());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_breaks_at_spaces_and_inside_cjk() {
        assert_eq!(wrap("aa bb cc", 5), ["aa bb", "cc"]);
        assert_eq!(wrap("錯誤錯誤錯誤", 4), ["錯誤", "錯誤", "錯誤"]);
        assert_eq!(wrap("abcdefgh", 3), ["abc", "def", "gh"]);
        assert_eq!(wrap("", 3), [""]);
    }

    fn row_of(index: &Index, vendor: &str, code: &str) -> RowId {
        let v = index.find_vendor(vendor).unwrap();
        index.lookup(v, code, None).unwrap()[0].row.unwrap()
    }

    #[test]
    fn fields_come_in_reading_order() {
        let index = Index::embedded();
        let labels = |vendor, code| -> Vec<&'static str> {
            fields(&index, row_of(&index, vendor, code), "")
                .iter()
                .map(|f| f.label)
                .collect()
        };
        // What the server says, what it means, what to do; then the rest.
        assert_eq!(
            labels("mantago", "1004")[..3],
            ["message", "summary", "kind"]
        );
        let guo = labels("guo-guo", "token_validation_failed");
        assert_eq!(guo[..3], ["summary", "fix", "kind"], "{guo:?}");
        assert_eq!(guo.last(), Some(&"source"), "{guo:?}");
    }

    #[test]
    fn the_same_code_elsewhere_is_labelled_so_and_comes_after_real_links() {
        let index = Index::embedded();
        // Exit status 137 maps to SIGKILL and OOMKilled; 137 is also a code of other catalogs.
        let f = fields(&index, row_of(&index, "exit", "137"), "");
        let labels: Vec<&str> = f.iter().map(|f| f.label).collect();
        let maps = labels.iter().position(|&l| l == "maps to").unwrap();
        let same = labels.iter().position(|&l| l == "same code").unwrap();
        assert!(maps < same, "{labels:?}");
        assert!(!labels.contains(&"also"), "{labels:?}");
        assert_eq!(f[maps].value, "signal 9 Killed\nk8s OOMKilled");
        assert!(
            f[same].value.lines().all(|l| !l.starts_with("exit:")),
            "{}",
            f[same].value
        );
        assert!(f[same].value.contains("win32: "), "{}", f[same].value);
    }

    #[test]
    fn a_match_outside_the_columns_marks_its_field() {
        let index = Index::embedded();
        // MantaGO 1004's description is Chinese; its code and message do not hold "Secret".
        let row = row_of(&index, "mantago", "1004");
        let marked: Vec<&str> = fields(&index, row, "Secret Key到期")
            .iter()
            .filter(|f| f.matched)
            .map(|f| f.label)
            .collect();
        assert!(marked.contains(&"about"), "{marked:?}");
        // A match in the message column marks nothing.
        assert!(
            fields(&index, row, "token invalid")
                .iter()
                .all(|f| !f.matched)
        );
    }
}
