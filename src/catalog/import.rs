//! `errdex catalog import`: draft a catalog from a vendor's error table.
//!
//! Reads Markdown pipe tables, HTML tables and CSV/TSV, plus one plain-text layout (a scraped
//! table whose columns are separated by single spaces, see [`scrape`]). Columns are recognised
//! by their header in English, Traditional or Simplified Chinese (see [`header_field`]); a table
//! without a code column is skipped. Values are kept as the source has them: Markdown escapes
//! (`\(` `\_` `\|`), HTML entities and `<br>` are resolved, inline markup (`**bold**`,
//! `` `code` ``, `[text](url)` links) is kept as written, except around a code or an HTTP status,
//! where wrapping `` ` `` or `**` is dropped. HTML lists (`<ol><li>`) become list values.
//!
//! The draft is edition `draft`, with every field the source is silent on left `null`
//! (`summary_en` included: summaries are written by people), and is validated with
//! [`parse_catalog`] before it is returned.

mod csv;
mod html;
mod markdown;
mod scrape;

use super::model::{Catalog, Edition, Entry, SCHEMA_VERSION, Text, Vendor, VendorType};
use super::validate::parse_catalog;
use std::fmt;
use std::sync::LazyLock;

/// The kind of table a row came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Markdown,
    Html,
    Csv,
    Tsv,
    /// Plain text with single-space columns (a scrape of a rendered table).
    PlainText,
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Format::Markdown => "Markdown",
            Format::Html => "HTML",
            Format::Csv => "CSV",
            Format::Tsv => "TSV",
            Format::PlainText => "plain-text",
        })
    }
}

/// Why nothing could be drafted. Each message is one line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImportError {
    #[error(
        "`{given}` is not a vendor id: use lower-case letters, digits, `-`, `_` or `.` (e.g. `{suggestion}`)"
    )]
    VendorId { given: String, suggestion: String },
    #[error("{0}")]
    NoTable(String),
    #[error("line {line}: {message}")]
    Malformed { line: usize, message: String },
    #[error("the draft does not pass validation: {0}")]
    Invalid(String),
}

/// Something the importer noticed and the person editing the draft should know.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportWarning {
    /// 1-based line of the input, when the warning is about one place.
    pub line: Option<usize>,
    pub message: String,
}

impl fmt::Display for ImportWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "line {line}: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

/// One table that contributed rows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableSummary {
    pub format: Format,
    /// 1-based line of its header.
    pub line: usize,
    pub rows: usize,
}

/// A draft catalog and how it was made.
#[derive(Debug, Clone)]
pub struct Imported {
    pub catalog: Catalog,
    pub tables: Vec<TableSummary>,
    pub warnings: Vec<ImportWarning>,
}

/// Drafts a catalog from `text`. `source_name` (a file name) names the input in messages and,
/// by its extension, forces CSV (`.csv`) or TSV (`.tsv`, `.tab`); otherwise the format is found
/// from the content.
pub fn import(
    text: &str,
    vendor_id: &str,
    name: Option<&str>,
    source_name: &str,
) -> Result<Catalog, ImportError> {
    import_report(text, vendor_id, name, source_name).map(|i| i.catalog)
}

/// [`import`] with the tables used and the warnings, for the command line.
pub fn import_report(
    text: &str,
    vendor_id: &str,
    name: Option<&str>,
    source_name: &str,
) -> Result<Imported, ImportError> {
    check_vendor_id(vendor_id)?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let ext = source_name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    let mut warnings = Vec::new();
    let mut seen_tables = 0;

    let forced_delimiter = match ext.as_str() {
        "csv" => Some(','),
        "tsv" | "tab" => Some('\t'),
        _ => None,
    };
    let mut drafted = if let Some(delimiter) = forced_delimiter {
        let tables = csv::tables(text, Some(delimiter))?;
        seen_tables += tables.len();
        entries_of(&tables, &mut warnings)
    } else {
        let fences = markdown::fenced_ranges(text);
        let mut tables = html::tables(text);
        tables.retain(|t| !fences.iter().any(|f| f.contains(&t.offset)));
        tables.extend(markdown::tables(text));
        tables.sort_by_key(|t| t.offset);
        seen_tables += tables.len();
        entries_of(&tables, &mut warnings)
    };
    if drafted.is_empty() && forced_delimiter.is_none() {
        let tables = csv::tables(text, None)?;
        seen_tables += tables.len();
        drafted = entries_of(&tables, &mut warnings);
    }
    if drafted.is_empty() && forced_delimiter.is_none() {
        let (tables, scrape_warnings) = scrape::tables(text);
        seen_tables += tables.len();
        drafted = entries_of(&tables, &mut warnings);
        if !drafted.is_empty() {
            warnings.extend(scrape_warnings);
        }
    }
    if drafted.is_empty() {
        return Err(ImportError::NoTable(if seen_tables == 0 {
            format!(
                "no table found in {source_name}: expected a Markdown pipe table, an HTML <table>, \
                 CSV/TSV with a header row, or plain-text rows under a header line"
            )
        } else {
            let why = warnings.last().map(|w| w.to_string()).unwrap_or_default();
            format!("no rows with a code in the {seen_tables} table(s) of {source_name} ({why})")
        }));
    }

    let mut entries = Vec::new();
    let mut tables = Vec::new();
    for (summary, rows) in drafted {
        tables.push(summary);
        entries.extend(rows);
    }
    let title = [markdown::title(text), html::title(text)]
        .into_iter()
        .flatten()
        .min_by_key(|(offset, _)| *offset)
        .map(|(_, title)| title);
    let catalog = Catalog {
        json_schema: None,
        schema: SCHEMA_VERSION,
        vendor: Vendor {
            id: vendor_id.to_string(),
            name: name
                .filter(|n| !n.trim().is_empty())
                .unwrap_or(vendor_id)
                .to_string(),
            aliases: Vec::new(),
            homepage: None,
            language: None,
            vendor_type: VendorType::Vendor,
            group: None,
        },
        edition: Edition {
            id: "draft".into(),
            title,
            date: None,
            source: None,
            supersedes: None,
            notes: Vec::new(),
        },
        envelope: None,
        entries,
    };
    // What is written must load: run it through the loader's own validation.
    let json =
        serde_json::to_string_pretty(&catalog).map_err(|e| ImportError::Invalid(e.to_string()))?;
    parse_catalog(source_name, &json).map_err(|p| ImportError::Invalid(p.to_string()))?;
    Ok(Imported {
        catalog,
        tables,
        warnings,
    })
}

/// Vendor ids are typed on the command line and matched as given: keep them simple.
fn check_vendor_id(id: &str) -> Result<(), ImportError> {
    let ok = super::Vendor::is_valid_id(id);
    if ok {
        return Ok(());
    }
    let mut suggestion = String::new();
    for c in id.trim().chars() {
        if c.is_ascii_alphanumeric() {
            suggestion.push(c.to_ascii_lowercase());
        } else if !suggestion.is_empty() && !suggestion.ends_with('-') {
            suggestion.push('-');
        }
    }
    let suggestion = suggestion.trim_end_matches('-').to_string();
    Err(ImportError::VendorId {
        given: id.to_string(),
        suggestion: if suggestion.is_empty() {
            "acme".into()
        } else {
            suggestion
        },
    })
}

/// A table as read from the input, before its columns are interpreted.
#[derive(Debug, Clone)]
pub(crate) struct RawTable {
    pub format: Format,
    /// Byte offset in the input, to keep tables of different kinds in document order.
    pub offset: usize,
    pub line: usize,
    pub header: Vec<String>,
    pub rows: Vec<RawRow>,
}

#[derive(Debug, Clone)]
pub(crate) struct RawRow {
    pub line: usize,
    pub cells: Vec<Text>,
}

/// The catalog fields a column can hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Field {
    Code,
    Status,
    Category,
    Subcategory,
    Message,
    Description,
    Fix,
}

impl Field {
    pub(crate) fn name(self) -> &'static str {
        match self {
            Field::Code => "code",
            Field::Status => "http_status",
            Field::Category => "category",
            Field::Subcategory => "subcategory",
            Field::Message => "message",
            Field::Description => "description",
            Field::Fix => "fix",
        }
    }
}

/// Header words for each field, in any case; Traditional and Simplified Chinese and full-width
/// forms are folded before matching, so either spelling may be listed.
const HEADERS: &[(Field, &[&str])] = &[
    (
        Field::Code,
        &[
            "code",
            "codes",
            "error code",
            "error codes",
            "errorcode",
            "err code",
            "errcode",
            "error no",
            "errno",
            "error number",
            "result code",
            "return code",
            "ret code",
            "retcode",
            "錯誤代碼",
            "错误码",
            "錯誤碼",
            "錯誤代號",
            "錯誤編號",
            "代碼",
            "代號",
            "返回碼",
            "結果代碼",
            "結果碼",
            "回傳代碼",
            "回應代碼",
            "錯誤碼值",
        ],
    ),
    (
        Field::Status,
        &[
            "http status",
            "http status code",
            "http status codes",
            "status",
            "status code",
            "http code",
            "http",
            "http response code",
            "http 狀態碼",
            "http狀態碼",
            "狀態碼",
            "http 狀態",
            "狀態",
        ],
    ),
    (
        Field::Message,
        &[
            "message",
            "messages",
            "error message",
            "msg",
            "errmsg",
            "error msg",
            "error info",
            "errorinfo",
            "error text",
            "訊息",
            "錯誤訊息",
            "錯誤碼說明",
            "錯誤信息",
            "錯誤消息",
            "信息",
            "消息",
            "提示信息",
            "提示訊息",
            "返回信息",
            "回傳訊息",
            "錯誤提示",
        ],
    ),
    (
        Field::Description,
        &[
            "description",
            "desc",
            "meaning",
            "details",
            "detail",
            "explanation",
            "reason",
            "cause",
            "說明",
            "描述",
            "發生原因",
            "原因",
            "含義",
            "錯誤描述",
            "錯誤說明",
            "錯誤原因",
            "意義",
        ],
    ),
    (
        Field::Category,
        &["category", "categories", "分類", "類別", "大類"],
    ),
    (
        Field::Subcategory,
        &["subcategory", "sub category", "子分類", "子類別", "小類"],
    ),
    (
        Field::Fix,
        &[
            "how to fix",
            "fix",
            "fixes",
            "solution",
            "solutions",
            "resolution",
            "remedy",
            "what to do",
            "suggestion",
            "suggested action",
            "action",
            "解決方法",
            "解決方案",
            "解決辦法",
            "處理方法",
            "處理方式",
            "處理建議",
            "建議",
            "修正方式",
            "排除方法",
        ],
    ),
];

static HEADER_TABLE: LazyLock<Vec<(String, Field)>> = LazyLock::new(|| {
    HEADERS
        .iter()
        .flat_map(|(field, names)| names.iter().map(move |n| (normalize_header(n), *field)))
        .collect()
});

/// Case, script (Traditional/Simplified), full-width forms, `_`/`-` and markup folded away.
fn normalize_header(h: &str) -> String {
    let h: String = h.chars().filter(|c| !matches!(c, '*' | '`')).collect();
    let folded = crate::fold::fold(&h).to_lowercase();
    let spaced: String = folded
        .chars()
        .map(|c| {
            if matches!(c, '_' | '-' | '\u{a0}') {
                ' '
            } else {
                c
            }
        })
        .collect();
    spaced
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .trim_matches(|c: char| c == ':' || c == '.' || c.is_whitespace())
        .to_string()
}

/// The field a header names exactly (case, script and width folded; nothing split off).
pub(crate) fn header_field_exact(header: &str) -> Option<Field> {
    let h = normalize_header(header);
    HEADER_TABLE.iter().find(|(n, _)| *n == h).map(|(_, f)| *f)
}

/// The field a column header names, if any. Tries the header as a whole, without parenthesised
/// parts (`錯誤代碼(code)`), the parenthesised parts, the halves of `A / B`, and the Chinese and
/// Latin halves of bilingual headers (`訊息 Message`).
pub(crate) fn header_field(header: &str) -> Option<Field> {
    if let Some(f) = header_field_exact(header) {
        return Some(f);
    }
    let h = normalize_header(header);
    let lookup = |s: &str| {
        let s = s.trim();
        HEADER_TABLE.iter().find(|(n, _)| n == s).map(|(_, f)| *f)
    };
    let mut main = String::new();
    let mut inner = Vec::new();
    let mut depth = 0;
    for c in h.chars() {
        match c {
            '(' | '[' => {
                depth += 1;
                if depth == 1 {
                    inner.push(String::new());
                }
            }
            ')' | ']' if depth > 0 => depth -= 1,
            _ if depth > 0 => inner.last_mut().expect("opened").push(c),
            _ => main.push(c),
        }
    }
    let mut candidates = vec![main.clone()];
    candidates.extend(inner);
    candidates.extend(main.split(['/', '|', ',']).map(str::to_string));
    let cjk: String = main.chars().filter(|c| !c.is_ascii()).collect();
    let latin: String = main.chars().filter(|c| c.is_ascii()).collect();
    candidates.push(cjk);
    candidates.push(latin);
    candidates
        .iter()
        .map(|c| c.split_whitespace().collect::<Vec<_>>().join(" "))
        .find_map(|c| lookup(&c))
}

/// Which column holds which field.
#[derive(Debug, Default)]
struct Columns {
    of: Vec<(Field, usize)>,
}

impl Columns {
    fn get(&self, field: Field) -> Option<usize> {
        self.of.iter().find(|(f, _)| *f == field).map(|(_, i)| *i)
    }
}

/// The entries of each table with a code column, with its summary; warnings for the rest.
fn entries_of(
    tables: &[RawTable],
    warnings: &mut Vec<ImportWarning>,
) -> Vec<(TableSummary, Vec<Entry>)> {
    let mut out = Vec::new();
    for table in tables {
        let mut columns = Columns::default();
        let mut unknown = Vec::new();
        for (i, h) in table.header.iter().enumerate() {
            match header_field(h) {
                Some(f) if columns.get(f).is_none() => columns.of.push((f, i)),
                Some(f) => warnings.push(warn(
                    table.line,
                    format!(
                        "column `{}` repeats the {} column; ignored",
                        h.trim(),
                        f.name()
                    ),
                )),
                None if !h.trim().is_empty() => unknown.push(format!("`{}`", h.trim())),
                None => {}
            }
        }
        let Some(code_col) = columns.get(Field::Code) else {
            let headers: Vec<&str> = table.header.iter().map(|h| h.trim()).collect();
            warnings.push(warn(
                table.line,
                format!(
                    "{} table skipped: none of its columns is a code column (headers: {})",
                    table.format,
                    headers.join(", ")
                ),
            ));
            continue;
        };
        if !unknown.is_empty() {
            warnings.push(warn(
                table.line,
                format!("column(s) {} not recognised; left out", unknown.join(", ")),
            ));
        }
        let header_code = unwrap_markup(&table.header[code_col]);
        let mut entries = Vec::new();
        for row in &table.rows {
            let cell = |f: Field| columns.get(f).and_then(|i| row.cells.get(i));
            let code = cell(Field::Code)
                .map(|t| unwrap_markup(&t.to_string()))
                .unwrap_or_default();
            if code.is_empty() {
                if row.cells.iter().any(|c| !text_is_empty(c)) {
                    warnings.push(warn(row.line, "row without a code skipped".into()));
                }
                continue;
            }
            // A header repeated inside the table (long HTML tables do this).
            if code.eq_ignore_ascii_case(&header_code) {
                continue;
            }
            let status_text = cell(Field::Status).map(|t| unwrap_markup(&t.to_string()));
            let (http_status, problem) = parse_status(status_text.as_deref().unwrap_or(""));
            if let Some(problem) = problem {
                warnings.push(warn(row.line, format!("code {code}: {problem}")));
            }
            let string = |f: Field| cell(f).and_then(one_line);
            let text = |f: Field| cell(f).and_then(clean_text);
            entries.push(Entry {
                code,
                http_status,
                category: string(Field::Category),
                subcategory: string(Field::Subcategory),
                message: string(Field::Message),
                description: text(Field::Description),
                fix: text(Field::Fix),
                ..Entry::default()
            });
        }
        if entries.is_empty() {
            warnings.push(warn(
                table.line,
                format!("{} table has no rows with a code", table.format),
            ));
            continue;
        }
        if table.format == Format::Markdown {
            let marked: Vec<&str> = entries
                .iter()
                .filter(|e| e.message.as_deref().is_some_and(has_markup))
                .map(|e| e.code.as_str())
                .collect();
            if !marked.is_empty() {
                warnings.push(warn(
                    table.line,
                    format!(
                        "the message of {} keeps its Markdown markup as written (**bold**, `code`, [link](url)); remove it where the API returns plain text",
                        marked.join(", ")
                    ),
                ));
            }
        }
        out.push((
            TableSummary {
                format: table.format,
                line: table.line,
                rows: entries.len(),
            },
            entries,
        ));
    }
    out
}

/// Inline Markdown that a reader would not see as such.
fn has_markup(s: &str) -> bool {
    s.contains("**") || s.contains('`') || s.contains("](")
}

fn warn(line: usize, message: String) -> ImportWarning {
    ImportWarning {
        line: Some(line),
        message,
    }
}

fn text_is_empty(t: &Text) -> bool {
    t.items().iter().all(|s| s.trim().is_empty())
}

/// A one-string field: lists are joined as they are displayed ("a; b").
fn one_line(t: &Text) -> Option<String> {
    clean_text(t).map(|t| t.to_string())
}

/// Trimmed; empty strings and empty list items dropped; `None` when nothing is left.
fn clean_text(t: &Text) -> Option<Text> {
    match t {
        Text::One(s) => {
            let s = s.trim();
            (!s.is_empty()).then(|| Text::One(s.to_string()))
        }
        Text::List(items) => {
            let items: Vec<String> = items
                .iter()
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect();
            (!items.is_empty()).then_some(Text::List(items))
        }
    }
}

/// A code or status cell without wrapping `` `…` `` or `**…**`.
fn unwrap_markup(s: &str) -> String {
    let mut s = s.trim();
    loop {
        let inner = ["**", "__", "`"].iter().find_map(|m| {
            s.strip_prefix(m)
                .and_then(|r| r.strip_suffix(m))
                .filter(|r| !r.is_empty())
        });
        match inner {
            Some(inner) => s = inner.trim(),
            None => return s.to_string(),
        }
    }
}

/// `400`, `400 Bad Request`, `HTTP 400` → 400; empty, `-`, `N/A` → none. The second value is a
/// warning for the person editing the draft.
fn parse_status(s: &str) -> (Option<u16>, Option<String>) {
    let t = s.trim();
    let none = ["-", "—", "–", "n/a", "na", "none", "無", "无"];
    if t.is_empty() || none.contains(&t.to_lowercase().as_str()) {
        return (None, None);
    }
    let mut numbers = Vec::new();
    let mut digits = String::new();
    for c in t.chars().chain([' ']) {
        if c.is_ascii_digit() {
            digits.push(c);
        } else if !digits.is_empty() {
            numbers.push(std::mem::take(&mut digits));
        }
    }
    let statuses: Vec<u16> = numbers
        .iter()
        .filter(|n| n.len() == 3)
        .filter_map(|n| n.parse().ok())
        .filter(|n| (100..=599).contains(n))
        .collect();
    match statuses.as_slice() {
        [] => (
            None,
            Some(format!(
                "HTTP status `{t}` is not a number from 100 to 599; left null"
            )),
        ),
        [one] => (Some(*one), None),
        [first, ..] => (
            Some(*first),
            Some(format!(
                "HTTP status `{t}` has several numbers; kept {first} (an entry has one)"
            )),
        ),
    }
}

/// 1-based line numbers of increasing byte offsets, counted once over the text.
pub(crate) struct LineCounter<'a> {
    text: &'a str,
    at: usize,
    line: usize,
}

impl<'a> LineCounter<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        LineCounter {
            text,
            at: 0,
            line: 1,
        }
    }

    /// The line of `offset`; offsets must not decrease between calls (earlier ones are
    /// counted from the start again).
    pub(crate) fn line_at(&mut self, offset: usize) -> usize {
        let offset = offset.min(self.text.len());
        if offset < self.at {
            self.at = 0;
            self.line = 1;
        }
        self.line += self.text.as_bytes()[self.at..offset]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        self.at = offset;
        self.line
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_in_english_and_both_chinese_scripts() {
        let cases = [
            ("錯誤代碼(code)", Field::Code),
            ("错误码", Field::Code),
            ("Error Code", Field::Code),
            ("result_code", Field::Code),
            ("代碼", Field::Code),
            ("**Code**", Field::Code),
            ("HTTP Status Code", Field::Status),
            ("狀態碼", Field::Status),
            ("状态码", Field::Status),
            ("錯誤訊息(message)", Field::Message),
            ("错误码说明", Field::Message),
            ("错误信息", Field::Message),
            ("訊息", Field::Message),
            ("發生原因", Field::Description),
            ("发生原因", Field::Description),
            ("說明", Field::Description),
            ("说明", Field::Description),
            ("Meaning", Field::Description),
            ("分類", Field::Category),
            ("分类", Field::Category),
            ("子分類", Field::Subcategory),
            ("子分类", Field::Subcategory),
            ("How to Fix", Field::Fix),
            ("解決方法", Field::Fix),
            ("解决方法", Field::Fix),
            ("訊息 Message", Field::Message),
            ("Code / 代碼", Field::Code),
            ("錯誤代碼（code）", Field::Code),
            ("DESCRIPTION:", Field::Description),
        ];
        for (h, f) in cases {
            assert_eq!(header_field(h), Some(f), "{h}");
        }
        for h in ["Field", "Type", "Required", ""] {
            assert_eq!(header_field(h), None, "{h}");
        }
    }

    #[test]
    fn statuses() {
        assert_eq!(parse_status("400"), (Some(400), None));
        assert_eq!(parse_status("HTTP 401 Unauthorized"), (Some(401), None));
        assert_eq!(parse_status(" - "), (None, None));
        assert!(matches!(parse_status("4xx"), (None, Some(_))));
        assert!(matches!(parse_status("1000"), (None, Some(_))));
        assert!(matches!(parse_status("400 / 401"), (Some(400), Some(_))));
    }

    #[test]
    fn codes_lose_wrapping_markup_only() {
        assert_eq!(unwrap_markup(" `invalid_token` "), "invalid_token");
        assert_eq!(unwrap_markup("**1004**"), "1004");
        assert_eq!(unwrap_markup("a_b"), "a_b");
        assert_eq!(unwrap_markup("``"), "``");
    }

    #[test]
    fn tables_of_both_kinds_keep_document_order_and_fenced_examples_are_ignored() {
        let text = "# Errors\n\n| Code | Message |\n|---|---|\n| 1 | one |\n\n\
            ```html\n<table><tr><th>Code</th></tr><tr><td>X</td></tr></table>\n```\n\n\
            <table><tr><th>Code</th><th>Message</th></tr><tr><td>2</td><td>two</td></tr></table>\n\n\
            | Code | Message |\n|---|---|\n| 3 | three |\n";
        let report = import_report(text, "x", None, "doc.md").unwrap();
        let codes: Vec<&str> = report
            .catalog
            .entries
            .iter()
            .map(|e| e.code.as_str())
            .collect();
        assert_eq!(codes, ["1", "2", "3"]);
        let formats: Vec<Format> = report.tables.iter().map(|t| t.format).collect();
        assert_eq!(formats, [Format::Markdown, Format::Html, Format::Markdown]);
        assert_eq!(report.catalog.edition.title.as_deref(), Some("Errors"));
    }

    #[test]
    fn vendor_ids_are_checked() {
        assert!(check_vendor_id("acme-cloud").is_ok());
        let err = check_vendor_id("Acme Cloud").unwrap_err();
        assert!(err.to_string().contains("`acme-cloud`"), "{err}");
        assert!(check_vendor_id("").is_err());
    }
}
