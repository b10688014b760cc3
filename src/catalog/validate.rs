//! The validating loader: reads a whole catalog text with serde, checks what the schema cannot
//! say (schema version, empty ids and codes, HTTP statuses), and reports the first problem as
//! `file:line:col: message`. It is the one source of such problems: the fast reader
//! (`catalog::stream`) hands anything it does not fully understand to it.

use super::loaded::CatalogProblem;
use super::model::{Catalog, Entry, SCHEMA_VERSION};
use std::path::Path;

/// Reads and validates a catalog file.
pub fn parse_file(path: &Path) -> Result<Catalog, CatalogProblem> {
    let name = path.display().to_string();
    not_an_object(path, &name)?;
    let bytes = std::fs::read(path)
        .map_err(|err| CatalogProblem::whole_file(&name, format!("cannot read: {err}")))?;
    let text = String::from_utf8(bytes).map_err(|err| {
        let (line, column) = line_col(err.as_bytes(), err.utf8_error().valid_up_to());
        CatalogProblem {
            file: name.clone(),
            line,
            column,
            message: "the file is not valid UTF-8".into(),
        }
    })?;
    parse_catalog(&name, &text)
}

/// [`every_problem`] of a file, read as [`parse_file`] reads it.
pub fn every_problem_in_file(path: &Path) -> Vec<CatalogProblem> {
    let name = path.display().to_string();
    if let Err(p) = not_an_object(path, &name) {
        return vec![p];
    }
    match std::fs::read_to_string(path) {
        Ok(text) => every_problem(&name, &text),
        Err(_) => parse_file(path).err().into_iter().collect(),
    }
}

/// A file whose first character (after a BOM and blanks, within the first 64 KiB) is not the
/// `{` of a catalog is refused at once, so a gigabyte of zeros or a binary is not read whole.
fn not_an_object(path: &Path, name: &str) -> Result<(), CatalogProblem> {
    use std::io::Read;
    let mut head = Vec::new();
    let read = std::fs::File::open(path).and_then(|f| f.take(64 << 10).read_to_end(&mut head));
    if read.is_err() {
        // The whole read that follows reports why.
        return Ok(());
    }
    let body = head.strip_prefix(b"\xef\xbb\xbf").unwrap_or(&head);
    let skipped = head.len() - body.len();
    let Some(at) = body.iter().position(|b| !b.is_ascii_whitespace()) else {
        return Ok(());
    };
    if body[at] == b'{' {
        return Ok(());
    }
    let (line, column) = line_col(&head, skipped + at);
    Err(CatalogProblem {
        file: name.to_string(),
        line,
        column,
        message: format!(
            "not a catalog: a catalog is a JSON object, starting with `{{`, not byte 0x{:02x}",
            body[at]
        ),
    })
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
    let mut json = serde_json::Deserializer::from_str(body);
    let catalog: Catalog = serde_path_to_error::deserialize(&mut json).map_err(|e| {
        let at = serde_offset(body, e.inner().line(), e.inner().column());
        problem(line_col(body.as_bytes(), at), serde_message(&e))
    })?;
    // Nothing but white space may follow the catalog.
    json.end().map_err(|e| {
        let at = serde_offset(body, e.line(), e.column());
        let msg = e.to_string();
        let msg = msg.split(" at line ").next().unwrap_or(&msg);
        problem(
            line_col(body.as_bytes(), at),
            format!("JSON syntax error: {msg}"),
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
    // Upper case is forgiven (the loader lower-cases it and says so); anything else that could
    // reach a shell through completion keeps the catalog out.
    if !catalog.vendor.id.trim().is_empty()
        && !super::Vendor::is_valid_id(&catalog.vendor.id.to_lowercase())
    {
        return Err(problem(
            locate_member(body, &["vendor", "id"]),
            format!(
                "vendor.id `{}` is not an id: use lower-case letters, digits, `-`, `_` or `.`",
                crate::sanitize::line(&catalog.vendor.id)
            ),
        ));
    }
    if catalog.edition.id.trim().is_empty() {
        return Err(problem(
            locate_member(body, &["edition", "id"]),
            "edition.id must not be empty".into(),
        ));
    }
    for (i, entry) in catalog.entries.iter().enumerate() {
        if let Some((field, message)) = entry_problem(i, entry) {
            return Err(problem(
                locate_member(body, &["entries", &i.to_string(), field]),
                message,
            ));
        }
    }
    Ok(catalog)
}

/// What the types cannot say about entry `i`: the field that is wrong, and why.
fn entry_problem(i: usize, entry: &Entry) -> Option<(&'static str, String)> {
    if entry.code.trim().is_empty() {
        return Some(("code", format!("entries[{i}].code must not be empty")));
    }
    match entry.http_status {
        Some(status) if !(100..=599).contains(&status) => Some((
            "http_status",
            format!("entries[{i}].http_status {status} is not an HTTP status (100-599)"),
        )),
        _ => None,
    }
}

/// Every problem of a catalog text, not only the first that stops loading it: each entry is
/// checked on its own, and the rest of the file without its entries, so one wrong field hides
/// no other (`catalog check`). A text that is not JSON has its one syntax problem.
pub fn every_problem(file: &str, text: &str) -> Vec<CatalogProblem> {
    let first = match parse_catalog(file, text) {
        Ok(_) => return Vec::new(),
        Err(p) => p,
    };
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    let Ok(serde_json::Value::Object(mut top)) = serde_json::from_str(body) else {
        return vec![first];
    };
    let at = |path: &[String], message: String| {
        let path: Vec<&str> = path.iter().map(String::as_str).collect();
        let (line, column) = locate_member(body, &path);
        CatalogProblem {
            file: file.to_string(),
            line,
            column,
            message,
        }
    };
    let mut problems = Vec::new();
    let entries = top.insert("entries".into(), serde_json::Value::Array(Vec::new()));
    let head = serde_json::Value::Object(top);
    if let Err(e) = serde_path_to_error::deserialize::<_, Catalog>(&head) {
        problems.push(at(&segments(e.path()), value_message("", &e)));
    } else if let Err(p) = parse_catalog(file, &head.to_string()) {
        // Schema and ids: located in this file, not in the text made to check them.
        problems.push(at(&[], p.message));
    }
    let entries = match entries {
        Some(serde_json::Value::Array(entries)) => entries,
        _ => Vec::new(),
    };
    for (i, value) in entries.iter().enumerate() {
        let here = |rest: Vec<String>| {
            let mut path = vec!["entries".to_string(), i.to_string()];
            path.extend(rest);
            path
        };
        match serde_path_to_error::deserialize::<_, Entry>(value) {
            Err(e) => {
                let msg = value_message(&format!("entries[{i}]"), &e);
                problems.push(at(&here(segments(e.path())), msg));
            }
            Ok(entry) => {
                if let Some((field, message)) = entry_problem(i, &entry) {
                    problems.push(at(&here(vec![field.to_string()]), message));
                }
            }
        }
    }
    // The first problem as loading found it, at serde's own place (the value, not its key);
    // whatever the parts cannot show (a problem of the whole) is still said.
    match problems.iter().position(|p| p.message == first.message) {
        Some(same) => problems[same] = first,
        None if problems.is_empty() => problems.push(first),
        None => {}
    }
    problems.sort_by_key(|p| (p.line, p.column));
    problems
}

/// The keys and indexes of a serde path (`entries[3].kind` → `entries`, `3`, `kind`).
fn segments(path: &serde_path_to_error::Path) -> Vec<String> {
    use serde_path_to_error::Segment;
    path.iter()
        .filter_map(|s| match s {
            Segment::Seq { index } => Some(index.to_string()),
            Segment::Map { key } => Some(key.clone()),
            Segment::Enum { variant } => Some(variant.clone()),
            Segment::Unknown => None,
        })
        .collect()
}

/// serde's message for a value that is the wrong shape, with its path below `within` (a
/// path itself, or nothing for the top level); serde's " at line L column C" is dropped, as
/// the problem carries its place.
fn value_message(within: &str, e: &serde_path_to_error::Error<serde_json::Error>) -> String {
    let path = e.path().to_string();
    let raw = e.inner().to_string();
    let msg = raw.split(" at line ").next().unwrap_or(&raw);
    let place = match (within, path.as_str()) {
        ("", ".") => "the top level".to_string(),
        ("", path) => path.to_string(),
        (within, ".") => within.to_string(),
        (within, path) => format!("{within}.{path}"),
    };
    format!("wrong content at {place}: {msg}")
}

/// serde's own message (the types say what they expect, see `model`), with the path of the
/// value that is wrong (`entries[3].http_status`); serde's " at line L column C" is dropped, as
/// the problem carries its place.
fn serde_message(e: &serde_path_to_error::Error<serde_json::Error>) -> String {
    use serde_json::error::Category;
    let raw = e.inner().to_string();
    let msg = raw.split(" at line ").next().unwrap_or(&raw);
    match e.inner().classify() {
        Category::Syntax => format!("JSON syntax error: {msg}"),
        Category::Eof => format!("unexpected end of file: {msg}"),
        Category::Data => value_message("", e),
        Category::Io => msg.to_string(),
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
