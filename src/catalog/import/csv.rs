//! CSV and TSV (RFC 4180, read forgivingly): quoted fields with doubled quotes, delimiters and
//! line breaks inside quotes, CRLF or LF, spaces before an opening quote. The header is the
//! first record (of the first 20) with a code column; rows follow it.

use super::{Format, ImportError, RawRow, RawTable, header_field};
use crate::catalog::Text;

/// How many leading records may come before the header (a title line, notes).
const HEADER_SEARCH: usize = 20;

/// The table of a CSV or TSV document. With `delimiter` `None` the document is only taken as
/// CSV/TSV when a header with a code column is found (tab, then comma, then semicolon).
pub(crate) fn tables(text: &str, delimiter: Option<char>) -> Result<Vec<RawTable>, ImportError> {
    let candidates: &[char] = match &delimiter {
        Some(d) => std::slice::from_ref(d),
        None => &['\t', ',', ';'],
    };
    let mut forced_problem = None;
    for &d in candidates {
        let (records, problem) = records(text, d);
        let min_fields = if delimiter.is_some() { 1 } else { 2 };
        let header_at = records.iter().take(HEADER_SEARCH).position(|r| {
            r.fields.len() >= min_fields
                && r.fields
                    .iter()
                    .any(|f| header_field(f) == Some(super::Field::Code))
        });
        let Some(header_at) = header_at else {
            if delimiter.is_some() {
                forced_problem = Some(problem.unwrap_or(ImportError::NoTable(format!(
                    "no header row with a code column in the first {HEADER_SEARCH} records (looked for headers such as `code`, `error code`, `錯誤代碼`)"
                ))));
            }
            continue;
        };
        // A quote left open swallows the rest of the file: never guess around that.
        if let Some(problem) = problem {
            return Err(problem);
        }
        let header = &records[header_at];
        let rows = records[header_at + 1..]
            .iter()
            .filter(|r| r.fields.iter().any(|f| !f.trim().is_empty()))
            .map(|r| RawRow {
                line: r.line,
                cells: r
                    .fields
                    .iter()
                    .map(|f| Text::One(f.trim().to_string()))
                    .collect(),
            })
            .collect();
        return Ok(vec![RawTable {
            format: if d == '\t' { Format::Tsv } else { Format::Csv },
            offset: 0,
            line: header.line,
            header: header.fields.iter().map(|f| f.trim().to_string()).collect(),
            rows,
        }]);
    }
    match forced_problem {
        Some(p) => Err(p),
        None => Ok(Vec::new()),
    }
}

#[derive(Debug, PartialEq, Eq)]
struct Record {
    /// 1-based line the record starts on.
    line: usize,
    fields: Vec<String>,
}

/// Splits `text` into records; the error is an unterminated quote (the records before it are
/// still returned).
fn records(text: &str, delimiter: char) -> (Vec<Record>, Option<ImportError>) {
    let mut records = Vec::new();
    let mut fields: Vec<String> = Vec::new();
    let mut field = String::new();
    let mut line = 1;
    let mut record_line = 1;
    let mut quoted = false;
    // Whether the current field had a quoted part (then it is not trimmed into a new quote).
    let mut was_quoted = false;
    let mut quote_line = 0;
    let mut chars = text.chars().peekable();
    let end_record =
        |fields: &mut Vec<String>, field: &mut String, records: &mut Vec<Record>, at: usize| {
            fields.push(std::mem::take(field));
            let fs = std::mem::take(fields);
            // A blank line is no record.
            if !(fs.len() == 1 && fs[0].trim().is_empty()) {
                records.push(Record {
                    line: at,
                    fields: fs,
                });
            }
        };
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => quoted = false,
                '\r' if chars.peek() == Some(&'\n') => {}
                '\n' => {
                    line += 1;
                    field.push('\n');
                }
                c => field.push(c),
            }
            continue;
        }
        match c {
            c if c == delimiter => {
                fields.push(std::mem::take(&mut field));
                was_quoted = false;
            }
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' => {
                end_record(&mut fields, &mut field, &mut records, record_line);
                was_quoted = false;
                line += 1;
                record_line = line;
            }
            '"' if !was_quoted && field.trim().is_empty() => {
                field.clear();
                quoted = true;
                was_quoted = true;
                quote_line = line;
            }
            c => field.push(c),
        }
    }
    if quoted {
        let problem = ImportError::Malformed {
            line: quote_line,
            message: "a quoted field opened on this line is never closed (a `\"` inside a quoted field is written `\"\"`)".into(),
        };
        return (records, Some(problem));
    }
    if !field.is_empty() || !fields.is_empty() {
        end_record(&mut fields, &mut field, &mut records, record_line);
    }
    (records, None)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(text: &str, d: char) -> Vec<Vec<String>> {
        records(text, d).0.into_iter().map(|r| r.fields).collect()
    }

    #[test]
    fn quotes_doubled_quotes_and_line_breaks() {
        let text = "code,message\r\n1,\"a, \"\"b\"\"\"\r\n2, \"multi\nline\"\n\n3,plain \"quote\" inside\n";
        assert_eq!(
            fields(text, ','),
            [
                vec!["code", "message"],
                vec!["1", "a, \"b\""],
                vec!["2", "multi\nline"],
                vec!["3", "plain \"quote\" inside"],
            ]
        );
        let r = records(text, ',').0;
        assert_eq!(r[3].line, 6);
    }

    #[test]
    fn unterminated_quote_names_its_line() {
        let (_, problem) = records("code,message\n1,\"open\n2,x\n", ',');
        assert_eq!(
            problem.unwrap().to_string().split(':').next(),
            Some("line 2")
        );
    }

    #[test]
    fn tsv_and_header_after_a_title_line() {
        let text = "Acme errors\n\nCode\tHTTP Status\tMessage\n1001\t401\tToken expired\n";
        let t = &tables(text, None).unwrap()[0];
        assert_eq!(t.format, Format::Tsv);
        assert_eq!(t.line, 3);
        assert_eq!(t.rows.len(), 1);
        assert_eq!(t.rows[0].cells[2], Text::One("Token expired".into()));
    }

    #[test]
    fn prose_is_not_csv() {
        assert!(
            tables("Hello, world.\nNothing here, really.\n", None)
                .unwrap()
                .is_empty()
        );
    }
}
