//! Loading catalogs: the embedded defaults, user files and folders, with problems reported as
//! `file:line:col: message` while every other catalog still loads.

use super::model::{Catalog, SCHEMA_VERSION};
use crate::sanitize::line;
use std::fmt;
use std::path::{Path, PathBuf};

/// The shipped catalogs, compiled into the binary so errdex needs no set-up.
const EMBEDDED: &[(&str, &str)] = &[
    ("mantago.json", include_str!("../../catalogs/mantago.json")),
    (
        "tencent-im.json",
        include_str!("../../catalogs/tencent-im.json"),
    ),
    ("pixnet.json", include_str!("../../catalogs/pixnet.json")),
    (
        "pixnet-d8fc161.json",
        include_str!("../../catalogs/pixnet-d8fc161.json"),
    ),
    ("guo-guo.json", include_str!("../../catalogs/guo-guo.json")),
];

/// Where a catalog came from, for notices and the detail pane.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    Embedded(&'static str),
    File(PathBuf),
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Origin::Embedded(name) => write!(f, "embedded:{name}"),
            Origin::File(path) => write!(f, "{}", path.display()),
        }
    }
}

/// A catalog that parsed and validated, with its origin.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub catalog: Catalog,
    pub origin: Origin,
}

/// One problem with a catalog file, located as precisely as the parser allows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CatalogProblem {
    pub file: String,
    /// 1-based; 0 when the problem is about the whole file (unreadable, missing).
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl CatalogProblem {
    /// A problem with the whole file (unreadable, missing, too large), at no line.
    pub fn whole_file(file: impl fmt::Display, message: impl Into<String>) -> CatalogProblem {
        CatalogProblem {
            file: file.to_string(),
            line: 0,
            column: 0,
            message: message.into(),
        }
    }
}

impl fmt::Display for CatalogProblem {
    /// One line, safe to print: a file name or a key quoted from the catalog (serde names an
    /// unknown field as written) may hold control characters; they are shown escaped.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (file, message) = (line(&self.file), line(&self.message));
        if self.line == 0 {
            write!(f, "{file}: {message}")
        } else {
            write!(f, "{file}:{}:{}: {message}", self.line, self.column)
        }
    }
}

/// What loading a set of paths produced: the good catalogs and the problems of the bad ones.
#[derive(Debug, Default)]
pub struct LoadReport {
    pub catalogs: Vec<Loaded>,
    pub problems: Vec<CatalogProblem>,
}

impl LoadReport {
    pub fn extend(&mut self, other: LoadReport) {
        self.catalogs.extend(other.catalogs);
        self.problems.extend(other.problems);
    }
}

/// The embedded catalogs' file names and texts.
pub(crate) fn embedded_texts() -> &'static [(&'static str, &'static str)] {
    EMBEDDED
}

/// The embedded catalogs. They are tested, so a failure here is a build defect.
pub fn embedded() -> Vec<Loaded> {
    EMBEDDED
        .iter()
        .map(|(name, text)| Loaded {
            catalog: parse_catalog(name, text)
                .unwrap_or_else(|p| panic!("embedded catalog is broken: {p}")),
            origin: Origin::Embedded(name),
        })
        .collect()
}

/// `$XDG_CONFIG_HOME/errdex/catalogs`, else `~/.config/errdex/catalogs`.
pub fn user_catalog_dir() -> Option<PathBuf> {
    let base = std::env::var_os("XDG_CONFIG_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".config")))?;
    Some(base.join("errdex").join("catalogs"))
}

/// Loads a catalog file, or every `*.json` file of a folder (sorted by name, not recursive).
pub fn load_path(path: &Path) -> LoadReport {
    let mut report = LoadReport::default();
    match catalog_files(path) {
        Ok(files) => {
            for file in files {
                report.extend(load_file(&file));
            }
        }
        Err(problem) => report.problems.push(problem),
    }
    report
}

/// The catalog files at `path`: the file itself, or the `*.json` files of a folder (sorted by
/// name, not recursive).
pub(crate) fn catalog_files(path: &Path) -> Result<Vec<PathBuf>, CatalogProblem> {
    if !path.is_dir() {
        return Ok(vec![path.to_path_buf()]);
    }
    let mut files: Vec<PathBuf> = match std::fs::read_dir(path) {
        Ok(dir) => dir
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "json") && p.is_file())
            // The JSON Schema that editors validate catalogs with is not a catalog.
            .filter(|p| p.file_name().is_some_and(|n| n != "schema.json"))
            .collect(),
        Err(err) => {
            return Err(CatalogProblem::whole_file(
                path.display(),
                format!("cannot read folder: {err}"),
            ));
        }
    };
    files.sort();
    Ok(files)
}

/// Loads one catalog file.
pub fn load_file(path: &Path) -> LoadReport {
    let mut report = LoadReport::default();
    match std::fs::read(path) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => match parse_catalog(&path.display().to_string(), &text) {
                Ok(catalog) => report.catalogs.push(Loaded {
                    catalog,
                    origin: Origin::File(path.to_path_buf()),
                }),
                Err(problem) => report.problems.push(problem),
            },
            Err(err) => {
                let (line, column) = line_col(err.as_bytes(), err.utf8_error().valid_up_to());
                report.problems.push(CatalogProblem {
                    file: path.display().to_string(),
                    line,
                    column,
                    message: "the file is not valid UTF-8".into(),
                })
            }
        },
        Err(err) => report.problems.push(CatalogProblem::whole_file(
            path.display(),
            format!("cannot read: {err}"),
        )),
    }
    report
}

/// Parses and validates catalog text; `file` names it in the problem.
pub fn parse_catalog(file: &str, text: &str) -> Result<Catalog, CatalogProblem> {
    let problem = |(line, column): (usize, usize), message: String| CatalogProblem {
        file: file.to_string(),
        line,
        column,
        message,
    };
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    let first = body.trim_start();
    if first.is_empty() {
        // Located at 1:1, where the catalog's `{` belongs, so editors can jump to it.
        return Err(problem(
            (1, 1),
            "the file is empty; a catalog is a JSON object".into(),
        ));
    }
    // serde would read a struct from an array too ("invalid length 1, expected a catalog object
    // with 6 elements"); say what is wrong instead.
    if !first.starts_with('{') {
        let at = body.len() - first.len();
        let what = match first.as_bytes()[0] {
            b'[' => "a JSON array",
            b'"' => "a JSON string",
            b'-' | b'0'..=b'9' => "a JSON number",
            b't' | b'f' | b'n' => "a JSON literal",
            _ => "something that is not JSON",
        };
        return Err(problem(
            line_col(body.as_bytes(), at),
            format!(
                "a catalog is a JSON object ({{\"schema\": 1, ...}}) but this file holds {what}"
            ),
        ));
    }
    let catalog: Catalog = serde_json::from_str(body).map_err(|e| {
        let at = serde_offset(body, e.line(), e.column());
        problem(
            line_col(body.as_bytes(), at),
            plain_serde_message(body, at, &e),
        )
    })?;
    if catalog.schema != SCHEMA_VERSION {
        return Err(problem(
            locate_member(body, &["schema"]),
            format!(
                "schema {} is not supported (this errdex reads schema {SCHEMA_VERSION})",
                catalog.schema
            ),
        ));
    }
    if catalog.vendor.id.trim().is_empty() {
        return Err(problem(
            locate_member(body, &["vendor", "id"]),
            "vendor.id must not be empty".into(),
        ));
    }
    if catalog.edition.id.trim().is_empty() {
        return Err(problem(
            locate_member(body, &["edition", "id"]),
            "edition.id must not be empty".into(),
        ));
    }
    for (i, entry) in catalog.entries.iter().enumerate() {
        let index = i.to_string();
        if entry.code.trim().is_empty() {
            return Err(problem(
                locate_member(body, &["entries", &index, "code"]),
                format!("entries[{i}].code must not be empty"),
            ));
        }
        if let Some(status) = entry.http_status
            && !(100..=599).contains(&status)
        {
            return Err(problem(
                locate_member(body, &["entries", &index, "http_status"]),
                format!("entries[{i}].http_status {status} is not an HTTP status (100-599)"),
            ));
        }
    }
    Ok(catalog)
}

/// serde's messages name Rust types and no place; say it in the catalog's terms, with the path
/// of the value (`entries[3].http_status`) that is wrong.
fn plain_serde_message(body: &str, at: usize, e: &serde_json::Error) -> String {
    let raw = e.to_string();
    // serde appends " at line L column C"; we print the location ourselves.
    let msg = raw.split(" at line ").next().unwrap_or(&raw);
    let msg = msg
        .replace("u16", "an HTTP status number (100-599)")
        .replace("u32", "a whole number")
        .replace("struct Catalog", "a catalog object")
        .replace("struct Entry", "an entry object")
        .replace("struct Vendor", "a vendor object")
        .replace("struct Edition", "an edition object")
        .replace("struct Envelope", "an envelope object")
        .replace("struct Flag", "a flag object ({\"path\", \"error_when\"})")
        .replace(
            "struct Items",
            "an items object ({\"path\", \"code\", ...})",
        )
        .replace(
            "data did not match any variant of untagged enum Text",
            "expected a string or a list of strings",
        )
        .replace(
            "data did not match any variant of untagged enum Code",
            "expected a string or a number",
        )
        .replace("invalid type: map", "invalid type: an object")
        .replace("invalid type: sequence", "invalid type: a list")
        .replace("expected a sequence", "expected a list ([...])")
        .replace("expected a map", "expected an object ({...})")
        .replace("expected a string", "expected a string (\"...\")")
        .replace("expected a string (\"...\") or", "expected a string or");
    match e.classify() {
        serde_json::error::Category::Syntax => format!("JSON syntax error: {msg}"),
        serde_json::error::Category::Eof => format!("unexpected end of file: {msg}"),
        serde_json::error::Category::Data => {
            // A missing field is reported at the end of the object that lacks it: name the object.
            let missing = msg.starts_with("missing field") || msg.starts_with("unknown field");
            let path = json_path_at(body, at, !missing);
            if path.is_empty() {
                format!("wrong content at the top level: {msg}")
            } else {
                format!("wrong content at {path}: {msg}")
            }
        }
        serde_json::error::Category::Io => msg.to_string(),
    }
}

/// Byte offset of serde's (line, column); its columns count bytes from 1 (0 before the first).
fn serde_offset(text: &str, line: usize, column: usize) -> usize {
    let mut start = 0;
    for _ in 1..line {
        match text[start..].find('\n') {
            Some(p) => start += p + 1,
            None => break,
        }
    }
    let mut at = (start + column.saturating_sub(1)).min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// 1-based line and column (in characters) of byte offset `at`.
pub(crate) fn line_col(bytes: &[u8], at: usize) -> (usize, usize) {
    let before = &bytes[..at.min(bytes.len())];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |p| p + 1);
    let column = String::from_utf8_lossy(&before[line_start..])
        .chars()
        .count()
        + 1;
    (line, column)
}

/// Line and column of the member at `path` (object keys, or array indexes written as numbers):
/// the position of its key, or of the element for an array index. (1, 1) when not found, which
/// only happens for text that did not parse.
pub(crate) fn locate_member(text: &str, path: &[&str]) -> (usize, usize) {
    let mut walker = JsonWalker::new(text);
    while let Some(start) = walker.peek_start() {
        // An array element starts here: is it the one asked for?
        if matches!(walker.frames.last(), Some(Frame::Array { .. }))
            && !matches!(text.as_bytes()[start], b',' | b']')
            && walker.is_at(path)
        {
            return line_col(text.as_bytes(), start);
        }
        let token = walker.next_token();
        if token.is_some_and(|t| t.is_key) && walker.is_at(path) {
            return line_col(text.as_bytes(), start);
        }
    }
    (1, 1)
}

/// The path (`entries[3].http_status`) of the value being read at byte `at`; with
/// `include_key` false, the path of the object around it.
fn json_path_at(text: &str, at: usize, include_key: bool) -> String {
    let mut walker = JsonWalker::new(text);
    while walker.peek_start().is_some_and(|s| s < at) {
        walker.next_token();
    }
    let n = walker.frames.len();
    let mut out = String::new();
    for (i, f) in walker.frames.iter().enumerate() {
        match f {
            Frame::Object { key: Some(k), .. } if include_key || i + 1 < n => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(k);
            }
            Frame::Object { .. } => {}
            Frame::Array { index } => out.push_str(&format!("[{index}]")),
        }
    }
    out
}

#[derive(Debug)]
enum Frame {
    /// `key` is the member being read (or last read); `want_key` until its `:`.
    Object {
        key: Option<String>,
        want_key: bool,
    },
    Array {
        index: usize,
    },
}

struct Token {
    is_key: bool,
}

/// A tolerant JSON token walker that tracks where in the document it is. Only used to locate
/// problems, so it never fails: it reads text serde has (at least partly) parsed already.
struct JsonWalker<'a> {
    text: &'a str,
    pos: usize,
    frames: Vec<Frame>,
}

impl<'a> JsonWalker<'a> {
    fn new(text: &'a str) -> Self {
        JsonWalker {
            text,
            pos: 0,
            frames: Vec::new(),
        }
    }

    /// Whether the walker is at `path` (keys, and array indexes as numbers).
    fn is_at(&self, path: &[&str]) -> bool {
        self.frames.len() == path.len()
            && self.frames.iter().zip(path).all(|(f, p)| match f {
                Frame::Object { key, .. } => key.as_deref() == Some(*p),
                Frame::Array { index } => index.to_string() == *p,
            })
    }

    fn peek_start(&self) -> Option<usize> {
        let rest = &self.text[self.pos..];
        let skipped = rest.len() - rest.trim_start().len();
        (self.pos + skipped < self.text.len()).then_some(self.pos + skipped)
    }

    fn next_token(&mut self) -> Option<Token> {
        let start = self.peek_start()?;
        let bytes = self.text.as_bytes();
        let mut token = Token { is_key: false };
        match bytes[start] {
            b'{' | b'[' => {
                self.frames.push(if bytes[start] == b'{' {
                    Frame::Object {
                        key: None,
                        want_key: true,
                    }
                } else {
                    Frame::Array { index: 0 }
                });
                self.pos = start + 1;
            }
            b'}' | b']' => {
                self.frames.pop();
                self.pos = start + 1;
            }
            b':' => {
                if let Some(Frame::Object { want_key, .. }) = self.frames.last_mut() {
                    *want_key = false;
                }
                self.pos = start + 1;
            }
            b',' => {
                match self.frames.last_mut() {
                    Some(Frame::Object { want_key, .. }) => *want_key = true,
                    Some(Frame::Array { index }) => *index += 1,
                    None => {}
                }
                self.pos = start + 1;
            }
            b'"' => {
                let mut i = start + 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                let end = (i + 1).min(bytes.len());
                self.pos = end;
                if let Some(Frame::Object {
                    key,
                    want_key: true,
                }) = self.frames.last_mut()
                {
                    let raw = &self.text[start..end];
                    *key = Some(
                        serde_json::from_str::<String>(raw)
                            .unwrap_or_else(|_| raw.trim_matches('"').to_string()),
                    );
                    token.is_key = true;
                }
            }
            _ => {
                let mut i = start;
                while i < bytes.len()
                    && !matches!(bytes[i], b',' | b']' | b'}' | b':' | b'"')
                    && !bytes[i].is_ascii_whitespace()
                {
                    i += 1;
                }
                // Step over at least one whole character, whatever it is.
                let mut end = i.max(start + 1);
                while !self.text.is_char_boundary(end) {
                    end += 1;
                }
                self.pos = end;
            }
        }
        Some(token)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syntax_errors_have_line_and_column() {
        let err = parse_catalog("bad.json", "{\n  \"schema\": 1,\n  \"vendor\": }").unwrap_err();
        assert_eq!(
            (err.file.as_str(), err.line, err.column),
            ("bad.json", 3, 13)
        );
        assert!(
            err.message.starts_with("JSON syntax error"),
            "{}",
            err.message
        );
    }

    #[test]
    fn empty_file_is_named_plainly() {
        let err = parse_catalog("e.json", "  \n").unwrap_err();
        assert!(err.to_string().contains("empty"), "{err}");
    }

    #[test]
    fn missing_fields_and_wrong_types_are_explained() {
        let text = r#"{"schema":1,"vendor":{"id":"x","name":"X"},"edition":{"id":"1"},"entries":[{"code":"1","http_status":"401"}]}"#;
        let err = parse_catalog("t.json", text).unwrap_err();
        assert!(err.message.contains("HTTP status"), "{}", err.message);
        let text = r#"{"schema":1,"vendor":{"name":"X"},"edition":{"id":"1"},"entries":[]}"#;
        let err = parse_catalog("t.json", text).unwrap_err();
        assert!(
            err.message.contains("missing field `id`"),
            "{}",
            err.message
        );
    }

    #[test]
    fn numeric_codes_are_accepted_as_written() {
        let text = r#"{"schema":1,"vendor":{"id":"x","name":"X"},"edition":{"id":"1"},"entries":[{"code":1302}]}"#;
        assert_eq!(
            parse_catalog("t.json", text).unwrap().entries[0].code,
            "1302"
        );
    }

    #[test]
    fn semantic_problems_point_at_the_entry() {
        let text = "{\"schema\":1,\"vendor\":{\"id\":\"x\",\"name\":\"X\"},\"edition\":{\"id\":\"1\"},\"entries\":[\n{\"code\":\"1\"},\n{\"code\":\"2\", \"http_status\": 999}]}";
        let err = parse_catalog("t.json", text).unwrap_err();
        assert_eq!(err.line, 3);
        assert!(err.message.contains("999"));
    }

    #[test]
    fn data_problems_name_the_path_of_the_value() {
        let text = "{\"schema\":1,\"vendor\":{\"id\":\"x\",\"name\":\"X\"},\"edition\":{\"id\":\"1\"},\"entries\":[\n{\"code\":\"1\"},\n{\"code\":\"2\",\"fix\":5}]}";
        let err = parse_catalog("t.json", text).unwrap_err();
        assert_eq!(err.line, 3);
        assert!(err.message.contains("entries[1].fix"), "{}", err.message);
        assert!(
            err.message.contains("a string or a list of strings"),
            "{}",
            err.message
        );
        let text = "{\"schema\":1,\"vendor\":{\"id\":\"x\",\"name\":\"X\"},\"edition\":{\"id\":\"1\"},\"entries\":[\n{\"code\":\"1\"},\n{\"message\":\"m\"}]}";
        let err = parse_catalog("t.json", text).unwrap_err();
        assert!(
            err.message.contains("at entries[1]: missing field `code`"),
            "{}",
            err.message
        );
        let text =
            "{\"schema\":1,\"vendor\":{\"id\":\"x\",\"name\":\"X\"},\"edition\":{\"id\":\"1\"}}";
        let err = parse_catalog("t.json", text).unwrap_err();
        assert!(
            err.message.contains("top level: missing field `entries`"),
            "{}",
            err.message
        );
    }

    #[test]
    fn semantic_problems_skip_envelope_keys_of_the_same_name() {
        let text = "{\"schema\":1,\"vendor\":{\"id\":\"x\",\"name\":\"X\"},\"edition\":{\"id\":\"1\"},\n\"envelope\":{\"code\":\"code\"},\"entries\":[\n{\"code\":\"1\"},\n  {\"code\":\" \"}]}";
        let err = parse_catalog("t.json", text).unwrap_err();
        assert_eq!((err.line, err.column), (4, 4), "{err}");
    }

    #[test]
    fn a_top_level_array_is_not_a_catalog() {
        let err = parse_catalog("t.json", "\n  [1, 2]").unwrap_err();
        assert_eq!((err.line, err.column), (2, 3));
        assert!(err.message.contains("JSON array"), "{}", err.message);
    }

    #[test]
    fn columns_count_characters_not_bytes() {
        let text = "{\"schema\":1,\"vendor\":{\"id\":\"錯誤\",\"name\":\"X\"},\"edition\":{\"id\":\"1\"},\"entries\":[{\"code\":\"1\",\"http_status\":\"x\"}]}";
        let err = parse_catalog("t.json", text).unwrap_err();
        let col = text.find("\"x\"}").unwrap() + 3 - "錯誤".len() + 2;
        assert_eq!(err.column, col, "{err}");
    }
}
