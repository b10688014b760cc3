//! An open document: its text as the editor last sent it, where its lines start, and the
//! conversion between LSP positions (line, character in UTF-16 units or bytes) and byte offsets.

use lsp_types::{Position, Range, TextDocumentContentChangeEvent};

/// How the client counts characters within a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf16,
    Utf8,
}

#[derive(Debug)]
pub struct Document {
    pub text: String,
    pub version: i32,
    /// The client's `languageId` (`go`, `typescriptreact`, `log`), lower case.
    pub language: String,
    /// The path's extension, lower case (`log`, `json`), for clients that send no useful id.
    pub extension: String,
    /// Byte offsets where lines start; the first is 0.
    starts: Vec<usize>,
}

impl Document {
    pub fn new(uri: &str, language: &str, version: i32, text: String) -> Document {
        let name = uri.rsplit('/').next().unwrap_or("");
        let extension = match name.rsplit_once('.') {
            Some((_, ext)) => ext.to_ascii_lowercase(),
            None => String::new(),
        };
        let mut doc = Document {
            text,
            version,
            language: language.to_ascii_lowercase(),
            extension,
            starts: Vec::new(),
        };
        doc.index_lines(0);
        doc
    }

    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// Line `n` without its line break (empty past the end).
    pub fn line(&self, n: usize) -> &str {
        let Some(&start) = self.starts.get(n) else {
            return "";
        };
        let end = self.starts.get(n + 1).copied().unwrap_or(self.text.len());
        let line = &self.text[start..end];
        let line = line.strip_suffix('\n').unwrap_or(line);
        line.strip_suffix('\r').unwrap_or(line)
    }

    /// The byte offset of `pos` within its line, clamped to the line (and to a character
    /// boundary).
    pub fn column(&self, line: &str, character: u32, encoding: Encoding) -> usize {
        let want = character as usize;
        match encoding {
            Encoding::Utf8 => {
                let mut at = want.min(line.len());
                while !line.is_char_boundary(at) {
                    at -= 1;
                }
                at
            }
            Encoding::Utf16 => {
                let mut units = 0;
                for (i, c) in line.char_indices() {
                    if units >= want {
                        return i;
                    }
                    units += c.len_utf16();
                }
                line.len()
            }
        }
    }

    /// The character count (in the client's units) of the first `bytes` bytes of `line`.
    pub fn character(line: &str, bytes: usize, encoding: Encoding) -> u32 {
        let bytes = bytes.min(line.len());
        let n = match encoding {
            Encoding::Utf8 => bytes,
            Encoding::Utf16 => line[..floor_boundary(line, bytes)]
                .chars()
                .map(char::len_utf16)
                .sum(),
        };
        u32::try_from(n).unwrap_or(u32::MAX)
    }

    /// The byte offset in the text of `pos`, clamped to the text.
    pub fn offset(&self, pos: Position, encoding: Encoding) -> usize {
        let n = pos.line as usize;
        if n >= self.starts.len() {
            return self.text.len();
        }
        self.starts[n] + self.column(self.line(n), pos.character, encoding)
    }

    /// The range of bytes `start..end` of line `n`.
    pub fn range(&self, n: usize, start: usize, end: usize, encoding: Encoding) -> Range {
        let line = self.line(n);
        let n = u32::try_from(n).unwrap_or(u32::MAX);
        Range::new(
            Position::new(n, Document::character(line, start, encoding)),
            Position::new(n, Document::character(line, end, encoding)),
        )
    }

    /// Applies an edit as the client sent it: a range replaced, or the whole text.
    pub fn apply(&mut self, change: TextDocumentContentChangeEvent, encoding: Encoding) {
        match change.range {
            None => {
                self.text = change.text;
                self.starts.clear();
                self.index_lines(0);
            }
            Some(range) => {
                let start = self.offset(range.start, encoding);
                let end = self.offset(range.end, encoding).max(start);
                self.text.replace_range(start..end, &change.text);
                // Lines before the edit keep their starts.
                let keep = self.starts.partition_point(|&s| s <= start);
                self.starts.truncate(keep.max(1));
                let from = *self.starts.last().unwrap_or(&0);
                self.starts.pop();
                self.index_lines(from);
            }
        }
    }

    /// Appends the starts of the lines from byte `from` (a line start) on.
    fn index_lines(&mut self, from: usize) {
        self.starts.push(from);
        self.starts.extend(
            memchr::memchr_iter(b'\n', &self.text.as_bytes()[from..]).map(|p| from + p + 1),
        );
        // Keep the vector's size tied to the text's, so that edits over hours stay flat.
        if self.starts.capacity() > 2 * self.starts.len() + 64 {
            self.starts.shrink_to_fit();
        }
    }
}

fn floor_boundary(s: &str, mut at: usize) -> usize {
    while !s.is_char_boundary(at) {
        at -= 1;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;

    fn change(
        range: Option<((u32, u32), (u32, u32))>,
        text: &str,
    ) -> TextDocumentContentChangeEvent {
        TextDocumentContentChangeEvent {
            range: range.map(|(a, b)| Range::new(Position::new(a.0, a.1), Position::new(b.0, b.1))),
            range_length: None,
            text: text.into(),
        }
    }

    #[test]
    fn edits_in_utf16_land_where_the_editor_meant() {
        let mut d = Document::new("file:///a/x.go", "go", 1, "a😀b\nsecond\r\nthird".into());
        assert_eq!(d.line_count(), 3);
        assert_eq!(d.line(1), "second");
        // 😀 is two UTF-16 units: character 3 is `b`.
        d.apply(change(Some(((0, 3), (0, 4))), "B"), Encoding::Utf16);
        assert_eq!(d.line(0), "a😀B");
        d.apply(change(Some(((1, 6), (2, 0))), "\nnew\n"), Encoding::Utf16);
        assert_eq!(d.text, "a😀B\nsecond\nnew\nthird");
        assert_eq!(d.line_count(), 4);
        assert_eq!(d.line(3), "third");
        d.apply(change(None, "whole"), Encoding::Utf16);
        assert_eq!((d.line_count(), d.line(0)), (1, "whole"));
        assert_eq!(d.extension, "go");
    }

    #[test]
    fn positions_past_the_end_are_clamped() {
        let d = Document::new("file:///x.log", "", 1, "abc\n".into());
        assert_eq!(d.offset(Position::new(0, 99), Encoding::Utf16), 3);
        assert_eq!(d.offset(Position::new(9, 0), Encoding::Utf16), 4);
        assert_eq!(d.column("é", 1, Encoding::Utf8), 0);
        assert_eq!(Document::character("a😀b", 5, Encoding::Utf16), 3);
    }
}
