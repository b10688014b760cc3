//! Loading catalogs: the embedded defaults, user files and folders, with problems reported as
//! `file:line:col: message` while every other catalog still loads.

use super::model::{Catalog, SCHEMA_VERSION};
use std::fmt;
use std::path::{Path, PathBuf};

/// The shipped catalogs, compiled into the binary so errdex needs no set-up.
const EMBEDDED: &[(&str, &str)] = &[
    ("mantago.json", include_str!("../../catalogs/mantago.json")),
    ("tencent-im.json", include_str!("../../catalogs/tencent-im.json")),
    ("pixnet.json", include_str!("../../catalogs/pixnet.json")),
    ("pixnet-d8fc161.json", include_str!("../../catalogs/pixnet-d8fc161.json")),
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
    /// 1-based; 0 when the problem is about the whole file (unreadable, empty).
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl fmt::Display for CatalogProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            write!(f, "{}: {}", self.file, self.message)
        } else {
            write!(f, "{}:{}:{}: {}", self.file, self.line, self.column, self.message)
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
    if path.is_dir() {
        let mut files: Vec<PathBuf> = match std::fs::read_dir(path) {
            Ok(dir) => dir
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "json") && p.is_file())
                // The JSON Schema that editors validate catalogs with is not a catalog.
                .filter(|p| p.file_name().is_some_and(|n| n != "schema.json"))
                .collect(),
            Err(err) => {
                report.problems.push(whole_file(path, format!("cannot read folder: {err}")));
                return report;
            }
        };
        files.sort();
        for file in files {
            report.extend(load_file(&file));
        }
    } else {
        report.extend(load_file(path));
    }
    report
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
        Err(err) => report.problems.push(whole_file(path, format!("cannot read: {err}"))),
    }
    report
}

/// Parses and validates catalog text; `file` names it in the problem.
pub fn parse_catalog(file: &str, text: &str) -> Result<Catalog, CatalogProblem> {
    let problem = |line, column, message: String| CatalogProblem {
        file: file.to_string(),
        line,
        column,
        message,
    };
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    if body.trim().is_empty() {
        return Err(problem(0, 0, "the file is empty; a catalog is a JSON object".into()));
    }
    let catalog: Catalog = serde_json::from_str(body)
        .map_err(|e| problem(e.line(), e.column(), plain_serde_message(&e)))?;
    if catalog.schema != SCHEMA_VERSION {
        let (line, column) = locate_key(body, "schema");
        return Err(problem(
            line,
            column,
            format!("schema {} is not supported (this errdex reads schema {SCHEMA_VERSION})", catalog.schema),
        ));
    }
    if catalog.vendor.id.trim().is_empty() {
        let (line, column) = locate_key(body, "vendor");
        return Err(problem(line, column, "vendor.id must not be empty".into()));
    }
    if catalog.edition.id.trim().is_empty() {
        let (line, column) = locate_key(body, "edition");
        return Err(problem(line, column, "edition.id must not be empty".into()));
    }
    for (i, entry) in catalog.entries.iter().enumerate() {
        if entry.code.trim().is_empty() {
            let (line, column) = locate_nth_key(body, "code", i);
            return Err(problem(line, column, format!("entries[{i}].code must not be empty")));
        }
        if let Some(status) = entry.http_status
            && !(100..=599).contains(&status)
        {
            let (line, column) = locate_nth_key(body, "http_status", i);
            return Err(problem(
                line,
                column,
                format!("entries[{i}].http_status {status} is not an HTTP status (100-599)"),
            ));
        }
    }
    Ok(catalog)
}

fn whole_file(path: &Path, message: String) -> CatalogProblem {
    CatalogProblem {
        file: path.display().to_string(),
        line: 0,
        column: 0,
        message,
    }
}

/// serde's messages name Rust types; say it in the catalog's terms instead.
fn plain_serde_message(e: &serde_json::Error) -> String {
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
        .replace("struct Envelope", "an envelope object");
    match e.classify() {
        serde_json::error::Category::Syntax => format!("JSON syntax error: {msg}"),
        serde_json::error::Category::Eof => format!("unexpected end of file: {msg}"),
        serde_json::error::Category::Data => format!("wrong content: {msg}"),
        serde_json::error::Category::Io => msg.to_string(),
    }
}

/// 1-based line and column (in characters) of byte offset `at`.
fn line_col(bytes: &[u8], at: usize) -> (usize, usize) {
    let before = &bytes[..at.min(bytes.len())];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = before.iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1);
    let column = String::from_utf8_lossy(&before[line_start..]).chars().count() + 1;
    (line, column)
}

fn locate_key(text: &str, key: &str) -> (usize, usize) {
    locate_nth_key(text, key, 0)
}

/// Position of the `n`th occurrence of `"key":`: a good-enough pointer for semantic problems,
/// which serde cannot locate once the text has parsed.
fn locate_nth_key(text: &str, key: &str, n: usize) -> (usize, usize) {
    let needle = format!("\"{key}\"");
    let mut from = 0;
    let mut seen = 0;
    while let Some(pos) = text[from..].find(&needle) {
        let at = from + pos;
        let rest = text[at + needle.len()..].trim_start();
        if rest.starts_with(':') {
            if seen == n {
                return line_col(text.as_bytes(), at);
            }
            seen += 1;
        }
        from = at + needle.len();
    }
    (1, 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syntax_errors_have_line_and_column() {
        let err = parse_catalog("bad.json", "{\n  \"schema\": 1,\n  \"vendor\": }").unwrap_err();
        assert_eq!((err.file.as_str(), err.line, err.column), ("bad.json", 3, 13));
        assert!(err.message.starts_with("JSON syntax error"), "{}", err.message);
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
        assert!(err.message.contains("missing field `id`"), "{}", err.message);
    }

    #[test]
    fn numeric_codes_are_accepted_as_written() {
        let text = r#"{"schema":1,"vendor":{"id":"x","name":"X"},"edition":{"id":"1"},"entries":[{"code":1302}]}"#;
        assert_eq!(parse_catalog("t.json", text).unwrap().entries[0].code, "1302");
    }

    #[test]
    fn semantic_problems_point_at_the_entry() {
        let text = "{\"schema\":1,\"vendor\":{\"id\":\"x\",\"name\":\"X\"},\"edition\":{\"id\":\"1\"},\"entries\":[\n{\"code\":\"1\"},\n{\"code\":\"2\", \"http_status\": 999}]}";
        let err = parse_catalog("t.json", text).unwrap_err();
        assert_eq!(err.line, 3);
        assert!(err.message.contains("999"));
    }
}
