//! Plain text copied from a rendered table, where every column is separated by a single space
//! (seed 002, a scrape of a GitHub page):
//!
//! ```text
//! 分類 子分類 Error Code HTTP Status Code 訊息 說明
//! 認證錯誤 Token 1000 401 Invalid / expired Token Token 過期,請重新要求新的 Token
//! ```
//!
//! Such text is only read when a header line names every column (multi-word names such as
//! `HTTP Status Code` included) and the code and HTTP status columns are next to each other.
//! Then what is reliable is read: each column before the code is one word, the code is digits,
//! the status three digits from 100 to 599. What follows the status is free text; with one
//! column after the status it is that column, but with several (message and description) the
//! boundary is a space like any other, so it cannot be found: all of it goes into the first of
//! them (the message), and a warning says so. Lines that do not fit between rows are named.

use super::{Field, Format, ImportWarning, RawRow, RawTable, header_field_exact};
use crate::catalog::Text;

/// Longest header name, in words.
const MAX_HEADER_WORDS: usize = 4;

/// The layout a header line announces.
#[derive(Debug, Clone)]
struct Layout {
    line: usize,
    offset: usize,
    names: Vec<String>,
    fields: Vec<Field>,
    /// Columns before the code/status pair, one word each.
    lead: usize,
    /// Whether the code comes before the status.
    code_first: bool,
}

impl Layout {
    fn tail(&self) -> usize {
        self.fields.len() - self.lead - 2
    }
}

pub(crate) fn tables(text: &str) -> (Vec<RawTable>, Vec<ImportWarning>) {
    let mut out: Vec<RawTable> = Vec::new();
    let mut warnings = Vec::new();
    let mut layout: Option<Layout> = None;
    // Lines after a row that are not rows: reported only if another row follows.
    let mut stray: Vec<usize> = Vec::new();
    let mut merged_rows = 0;
    let mut offset = 0;
    for (i, raw_line) in text.split_inclusive('\n').enumerate() {
        let line_no = i + 1;
        let line_offset = offset;
        offset += raw_line.len();
        let line = raw_line.trim();
        if line.is_empty() {
            continue;
        }
        if let Some(l) = header(line, line_no, line_offset) {
            stray.clear();
            out.push(RawTable {
                format: Format::PlainText,
                offset: l.offset,
                line: l.line,
                header: l.names.clone(),
                rows: Vec::new(),
            });
            layout = Some(l);
            continue;
        }
        let Some(l) = &layout else { continue };
        match row(l, line) {
            Some(cells) => {
                let table = out.last_mut().expect("a layout comes with its table");
                for s in stray.drain(..) {
                    warnings.push(ImportWarning {
                        line: Some(s),
                        message: format!(
                            "not read as a row: expected {} one-word column(s), a numeric code and an HTTP status, separated by single spaces",
                            l.lead
                        ),
                    });
                }
                if l.tail() > 1 && !cells[l.lead + 2].is_empty() {
                    merged_rows += 1;
                }
                table.rows.push(RawRow {
                    line: line_no,
                    cells: cells.into_iter().map(Text::One).collect(),
                });
            }
            None => {
                if out.last().is_some_and(|t| !t.rows.is_empty()) {
                    stray.push(line_no);
                }
            }
        }
    }
    out.retain(|t| !t.rows.is_empty());
    if let Some(l) = &layout
        && !out.is_empty()
        && l.tail() > 1
    {
        let quoted = |v: &[String]| {
            v.iter()
                .map(|n| format!("`{n}`"))
                .collect::<Vec<_>>()
                .join(" and ")
        };
        let after = &l.names[l.lead + 2..];
        let fields: Vec<String> = l.fields[l.lead + 3..]
            .iter()
            .map(|f| f.name().to_string())
            .collect();
        warnings.push(ImportWarning {
            line: None,
            message: format!(
                "this is plain text with columns separated by single spaces: codes, HTTP statuses and the columns before them are exact, but {} cannot be told apart, so all the text after the HTTP status is in `message` ({merged_rows} rows); move the {} part of each into {} by hand",
                quoted(after),
                quoted(&after[1..]),
                quoted(&fields),
            ),
        });
    }
    (out, warnings)
}

/// A header line: every word part of a known column name, code and status adjacent.
fn header(line: &str, line_no: usize, offset: usize) -> Option<Layout> {
    let words: Vec<&str> = line.split_whitespace().collect();
    if words.len() < 2 || words.len() > 40 {
        return None;
    }
    let mut names = Vec::new();
    let mut fields = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let (len, field) = (1..=MAX_HEADER_WORDS.min(words.len() - i))
            .rev()
            .find_map(|n| header_field_exact(&words[i..i + n].join(" ")).map(|f| (n, f)))?;
        names.push(words[i..i + len].join(" "));
        fields.push(field);
        i += len;
    }
    let code = fields.iter().position(|&f| f == Field::Code)?;
    let status = fields.iter().position(|&f| f == Field::Status)?;
    if code.abs_diff(status) != 1 {
        return None;
    }
    Some(Layout {
        line: line_no,
        offset,
        names,
        fields,
        lead: code.min(status),
        code_first: code < status,
    })
}

/// The cells of a row in the header's column order, or `None` when the line does not fit.
fn row(l: &Layout, line: &str) -> Option<Vec<String>> {
    let mut words = words_with_offsets(line);
    if words.len() < l.lead + 2 {
        return None;
    }
    let rest_at = words.get(l.lead + 2).map(|&(at, _)| at);
    words.truncate(l.lead + 2);
    let (a, b) = (words[l.lead].1, words[l.lead + 1].1);
    let (code, status) = if l.code_first { (a, b) } else { (b, a) };
    let is_code = !code.is_empty() && code.len() <= 12 && code.bytes().all(|b| b.is_ascii_digit());
    let is_status = status.len() == 3
        && status
            .parse::<u16>()
            .is_ok_and(|s| (100..=599).contains(&s));
    if !is_code || !is_status {
        return None;
    }
    let rest = rest_at.map_or("", |at| line[at..].trim());
    if l.tail() == 0 && !rest.is_empty() {
        return None;
    }
    let mut cells: Vec<String> = words.iter().map(|(_, w)| w.to_string()).collect();
    if l.tail() > 0 {
        cells.push(rest.to_string());
        cells.resize(l.fields.len(), String::new());
    }
    Some(cells)
}

fn words_with_offsets(line: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in line.char_indices() {
        match (c.is_whitespace(), start) {
            (true, Some(s)) => {
                out.push((s, &line[s..i]));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, &line[s..]));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_under_a_header_line() {
        let text = "junk\n\n分類 子分類 Error Code HTTP Status Code 訊息 說明\nA Token 1000 401 Invalid / expired Token Token 過期\nA Token 4000 400 User required\nnot a row\nA B 1001 401 x\n\ntrailing words\n";
        let (tables, warnings) = tables(text);
        assert_eq!(tables.len(), 1);
        let t = &tables[0];
        assert_eq!(
            t.header,
            [
                "分類",
                "子分類",
                "Error Code",
                "HTTP Status Code",
                "訊息",
                "說明"
            ]
        );
        assert_eq!(t.line, 3);
        assert_eq!(t.rows.len(), 3);
        assert_eq!(
            t.rows[0].cells[4],
            Text::One("Invalid / expired Token Token 過期".into())
        );
        assert_eq!(t.rows[0].cells[5], Text::One(String::new()));
        assert_eq!(warnings.len(), 2, "{warnings:?}");
        assert_eq!(warnings[0].line, Some(6));
        assert!(
            warnings[1].message.contains("cannot be told apart"),
            "{}",
            warnings[1]
        );
        assert!(warnings[1].message.contains("(3 rows)"), "{}", warnings[1]);
        assert!(
            warnings[1]
                .message
                .contains("`說明` part of each into `description`"),
            "{}",
            warnings[1]
        );
    }

    #[test]
    fn one_column_after_the_status_is_exact() {
        let (tables, warnings) = tables("Code Status Message\n1 400 Bad thing happened\n");
        assert_eq!(
            tables[0].rows[0].cells[2],
            Text::One("Bad thing happened".into())
        );
        assert!(warnings.is_empty());
    }

    #[test]
    fn prose_is_not_a_header() {
        let (tables, _) = tables("The code and the status are here\n1 400 x\n");
        assert!(tables.is_empty());
    }
}
