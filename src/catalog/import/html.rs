//! HTML tables: `<table>` with `<thead>`/`<th>` headers, cells with inline markup, `<br>`,
//! entities, lists (`<ol>`/`<ul>` of `<li>` → a list value), omitted end tags, `colspan` and
//! `rowspan`, read from html5gum's tokens (no tree: enough for documentation tables).

use super::{Format, LineCounter, RawRow, RawTable};
use crate::catalog::Text;
use html5gum::{DefaultEmitter, Tokenizer};
use std::borrow::Cow;

/// Every `<table>` of the document, outermost tables after the tables nested in them.
pub(crate) fn tables(text: &str) -> Vec<RawTable> {
    if !contains_ignore_case(text, "<table") {
        return Vec::new();
    }
    let mut done = Vec::new();
    let mut open: Vec<Builder> = Vec::new();
    let mut lines = LineCounter::new(text);
    for token in tokens(text) {
        match token {
            Token::Start { name, attrs, at } => match name.as_str() {
                "table" => open.push(Builder::new(at, lines.line_at(at))),
                _ => {
                    if let Some(b) = open.last_mut() {
                        b.start(&name, &attrs, lines.line_at(at));
                    }
                }
            },
            Token::End { name, .. } => match name.as_str() {
                "table" => {
                    if let Some(b) = open.pop() {
                        done.push(b.finish());
                    }
                }
                _ => {
                    if let Some(b) = open.last_mut() {
                        b.end(&name);
                    }
                }
            },
            Token::Text(t) => {
                if let Some(b) = open.last_mut() {
                    b.text(&t);
                }
            }
            Token::Raw { .. } => {}
        }
    }
    // Unclosed tables at the end of the document still count.
    while let Some(b) = open.pop() {
        done.push(b.finish());
    }
    done.retain(|t| !t.header.is_empty());
    done
}

/// The first `<h1>`…`<h6>` (or else `<title>`) text, with its offset.
pub(crate) fn title(text: &str) -> Option<(usize, String)> {
    if !text.contains('<') {
        return None;
    }
    let mut heading: Option<(usize, String)> = None;
    let mut in_heading = false;
    let mut page_title = None;
    for token in tokens(text) {
        match token {
            Token::Start { name, at, .. } if is_heading(&name) && heading.is_none() => {
                heading = Some((at, String::new()));
                in_heading = true;
            }
            Token::End { name, .. } if is_heading(&name) && in_heading => {
                in_heading = false;
                let (at, t) = heading.take().expect("open heading");
                let t = collapse(&t);
                if !t.is_empty() {
                    return Some((at, t));
                }
            }
            Token::Text(t) if in_heading => {
                if let Some((_, h)) = heading.as_mut() {
                    h.push_str(&t);
                }
            }
            Token::Raw { name, content, at } if name == "title" && page_title.is_none() => {
                let t = collapse(&content);
                if !t.is_empty() {
                    page_title = Some((at, t));
                }
            }
            _ => {}
        }
    }
    page_title
}

fn is_heading(name: &str) -> bool {
    matches!(name, "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn contains_ignore_case(haystack: &str, needle: &str) -> bool {
    haystack
        .as_bytes()
        .windows(needle.len())
        .any(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

// ---------------------------------------------------------------------------------------------
// Table building

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Section {
    Head,
    Body,
}

#[derive(Debug)]
struct Builder {
    offset: usize,
    line: usize,
    section: Section,
    rows: Vec<BuiltRow>,
    row: Option<BuiltRow>,
    cell: Option<Cell>,
    /// Cells spanning down: (column, rows still to fill, value).
    carry: Vec<(usize, usize, Text)>,
}

#[derive(Debug)]
struct BuiltRow {
    line: usize,
    head: bool,
    cells: Vec<(bool, Text)>,
}

#[derive(Debug, Default)]
struct Cell {
    th: bool,
    colspan: usize,
    rowspan: usize,
    /// Finished pieces: plain text runs and list items, in order.
    pieces: Vec<(bool, String)>,
    current: String,
    in_item: bool,
}

impl Cell {
    fn push_text(&mut self, t: &str) {
        for c in t.chars() {
            if c.is_whitespace() {
                if !self.current.is_empty() && !self.current.ends_with([' ', '\n']) {
                    self.current.push(' ');
                }
            } else {
                self.current.push(c);
            }
        }
    }

    fn line_break(&mut self) {
        let trimmed = self.current.trim_end_matches(' ').len();
        self.current.truncate(trimmed);
        self.current.push('\n');
    }

    /// Ends the current piece (a list item when inside `<li>`).
    fn flush(&mut self) {
        let text = tidy(&self.current);
        self.current.clear();
        if !text.is_empty() {
            self.pieces.push((self.in_item, text));
        }
    }

    fn finish(mut self) -> Text {
        self.flush();
        if self.pieces.iter().any(|(item, _)| *item) {
            Text::List(self.pieces.into_iter().map(|(_, t)| t).collect())
        } else {
            let parts: Vec<String> = self.pieces.into_iter().map(|(_, t)| t).collect();
            Text::One(parts.join("\n"))
        }
    }
}

/// Lines trimmed, blank lines dropped.
fn tidy(s: &str) -> String {
    s.split('\n')
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

impl Builder {
    fn new(offset: usize, line: usize) -> Self {
        Builder {
            offset,
            line,
            section: Section::Body,
            rows: Vec::new(),
            row: None,
            cell: None,
            carry: Vec::new(),
        }
    }

    fn start(&mut self, name: &str, attrs: &[(String, String)], line: usize) {
        match name {
            "thead" => {
                self.end_row();
                self.section = Section::Head;
            }
            "tbody" | "tfoot" => {
                self.end_row();
                self.section = Section::Body;
            }
            "tr" => {
                self.end_row();
                self.row = Some(BuiltRow {
                    line,
                    head: self.section == Section::Head,
                    cells: Vec::new(),
                });
            }
            "td" | "th" => {
                self.end_cell();
                if self.row.is_none() {
                    self.start("tr", &[], line);
                }
                let span = |key: &str| {
                    attrs
                        .iter()
                        .find(|(k, _)| k == key)
                        .and_then(|(_, v)| v.trim().parse::<usize>().ok())
                        .map_or(1, |n| n.clamp(1, 1000))
                };
                self.cell = Some(Cell {
                    th: name == "th",
                    colspan: span("colspan"),
                    rowspan: span("rowspan"),
                    ..Cell::default()
                });
            }
            "li" => {
                if let Some(c) = self.cell.as_mut() {
                    c.flush();
                    c.in_item = true;
                }
            }
            "ul" | "ol" | "p" | "div" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "pre"
            | "blockquote" | "dl" | "dt" | "dd" => {
                if let Some(c) = self.cell.as_mut() {
                    if c.in_item {
                        c.line_break();
                    } else {
                        c.flush();
                    }
                }
            }
            "br" | "hr" => {
                if let Some(c) = self.cell.as_mut() {
                    c.line_break();
                }
            }
            _ => {}
        }
    }

    fn end(&mut self, name: &str) {
        match name {
            "td" | "th" => self.end_cell(),
            "tr" => self.end_row(),
            "thead" => {
                self.end_row();
                self.section = Section::Body;
            }
            "li" | "ul" | "ol" => {
                if let Some(c) = self.cell.as_mut() {
                    c.flush();
                    c.in_item = false;
                }
            }
            "p" | "div" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "pre" | "blockquote" | "dl"
            | "dt" | "dd" => {
                if let Some(c) = self.cell.as_mut() {
                    c.line_break();
                }
            }
            _ => {}
        }
    }

    fn text(&mut self, t: &str) {
        if let Some(c) = self.cell.as_mut() {
            c.push_text(t);
        }
    }

    fn end_cell(&mut self) {
        if let Some(cell) = self.cell.take() {
            let (th, colspan, rowspan) = (cell.th, cell.colspan, cell.rowspan);
            let value = cell.finish();
            let row = self.row.as_mut().expect("a cell is always in a row");
            // Columns taken by cells spanning down from rows above come first.
            Self::fill_carried(&mut self.carry, row);
            let column = row.cells.len();
            if rowspan > 1 {
                self.carry.push((column, rowspan - 1, value.clone()));
            }
            row.cells.push((th, value));
            for _ in 1..colspan {
                row.cells.push((th, Text::One(String::new())));
            }
        }
    }

    fn fill_carried(carry: &mut [(usize, usize, Text)], row: &mut BuiltRow) {
        while let Some(slot) = carry
            .iter_mut()
            .find(|(col, left, _)| *col == row.cells.len() && *left > 0)
        {
            slot.1 -= 1;
            row.cells.push((false, slot.2.clone()));
        }
    }

    fn end_row(&mut self) {
        self.end_cell();
        if let Some(mut row) = self.row.take() {
            // Spanned cells at the end of the row.
            loop {
                let before = row.cells.len();
                Self::fill_carried(&mut self.carry, &mut row);
                if row.cells.len() == before {
                    break;
                }
            }
            self.carry.retain(|(_, left, _)| *left > 0);
            if !row.cells.is_empty() {
                self.rows.push(row);
            }
        }
    }

    fn finish(mut self) -> RawTable {
        self.end_row();
        // The header is the last row of <thead>, else the last of the leading all-<th> rows,
        // else the first row.
        let head_rows = self.rows.iter().take_while(|r| r.head).count();
        let th_rows = self
            .rows
            .iter()
            .take_while(|r| r.cells.iter().all(|(th, _)| *th))
            .count();
        let header_at = if head_rows > 0 {
            head_rows - 1
        } else {
            th_rows.saturating_sub(1)
        };
        let mut rows = self.rows.into_iter().skip(header_at);
        let (header, line) = match rows.next() {
            Some(r) => (
                r.cells.into_iter().map(|(_, t)| t.to_string()).collect(),
                r.line,
            ),
            None => (Vec::new(), self.line),
        };
        RawTable {
            format: Format::Html,
            offset: self.offset,
            line,
            header,
            rows: rows
                .map(|r| RawRow {
                    line: r.line,
                    cells: r.cells.into_iter().map(|(_, t)| t).collect(),
                })
                .collect(),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Tokens

/// What the table builder reads of a document: html5gum tokenizes it (the WHATWG rules, every
/// named entity decoded), and the content of elements that hold no markup (`<script>`,
/// `<style>`, `<title>`, `<textarea>`, `<xmp>`) comes as one [`Token::Raw`].
#[derive(Debug)]
enum Token {
    Start {
        name: String,
        attrs: Vec<(String, String)>,
        at: usize,
    },
    End {
        name: String,
    },
    Text(String),
    Raw {
        name: String,
        content: String,
        at: usize,
    },
}

fn tokens(text: &str) -> Vec<Token> {
    let lossy = |s: &[u8]| String::from_utf8_lossy(s).into_owned();
    let mut emitter = DefaultEmitter::<usize>::new_with_span();
    // The tokenizer alone cannot know that `<script>` holds no markup; this tells it.
    emitter.naively_switch_states(true);
    let mut out = Vec::new();
    // Inside an element without markup: its name, where it began, its text so far.
    let mut raw: Option<(String, usize, String)> = None;
    for token in Tokenizer::new_with_emitter(text, emitter).flatten() {
        match token {
            html5gum::Token::StartTag(tag) => {
                let name = lossy(&tag.name);
                let at = tag.span.start;
                if raw.is_none()
                    && !tag.self_closing
                    && matches!(
                        name.as_str(),
                        "script" | "style" | "title" | "textarea" | "xmp"
                    )
                {
                    raw = Some((name.clone(), at, String::new()));
                }
                let attrs = tag
                    .attributes
                    .iter()
                    .map(|(k, v)| (lossy(k), lossy(v)))
                    .collect();
                out.push(Token::Start { name, attrs, at });
            }
            html5gum::Token::EndTag(tag) => {
                let name = lossy(&tag.name);
                if let Some((raw_name, at, content)) = raw.take_if(|r| r.0 == name) {
                    out.push(Token::Raw {
                        name: raw_name,
                        content,
                        at,
                    });
                }
                out.push(Token::End { name });
            }
            html5gum::Token::String(s) => match raw.as_mut() {
                Some((_, _, content)) => content.push_str(&lossy(&s)),
                None => out.push(Token::Text(lossy(&s))),
            },
            _ => {}
        }
    }
    out
}

/// Decodes the character references of text without markup (`&amp;`, `&#39;`, `&#x4E2D;`,
/// and every HTML5 named one, `&eacute;` `&hellip;` `&nbsp;`), as a browser does.
pub(crate) fn decode_entities(s: &str) -> Cow<'_, str> {
    if !s.contains('&') {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    for token in Tokenizer::new(s).flatten() {
        if let html5gum::Token::String(text) = token {
            out.push_str(&String::from_utf8_lossy(&text));
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(t: &RawTable) -> Vec<Vec<String>> {
        t.rows
            .iter()
            .map(|r| r.cells.iter().map(|c| format!("{c:?}")).collect())
            .collect()
    }

    #[test]
    fn entities() {
        assert_eq!(
            decode_entities("a &amp; b &lt;c&gt; &#39;d&#x27; &nbsp;e &unknown; AT&T &amp"),
            "a & b <c> 'd' \u{a0}e &unknown; AT&T &"
        );
        assert_eq!(decode_entities("&#x4E2D;&#25991;"), "中文");
        // Every HTML5 named entity, not a list of common ones.
        assert_eq!(
            decode_entities("caf&eacute;&hellip; &rarrw; &NotNestedGreaterGreater; &fjlig;"),
            "café… ↝ \u{2AA2}\u{338} fj"
        );
    }

    #[test]
    fn named_entities_in_cells_and_headers() {
        let html = "<table><tr><th>Code</th><th>R&eacute;sum&eacute;</th></tr>\
            <tr><td>E1</td><td>Caf&eacute;&nbsp;ferm&eacute;&hellip; &#x4E2D;&lsaquo;x&rsaquo;</td></tr></table>";
        let t = &tables(html)[0];
        assert_eq!(t.header, ["Code", "Résumé"]);
        assert_eq!(t.rows[0].cells[1], Text::One("Café fermé… 中‹x›".into()));
    }

    #[test]
    fn lists_breaks_and_omitted_end_tags() {
        let html = "<TABLE><tr><th>Code<th>Message<th>Description\n<tr><td>1<td>A &amp; B<br/>second line<td><ul><li>one<li>two</ul>\n<tr><td><code>2</code></td><td>  spaced\n  out  </td><td><p>p1</p><p>p2</p></td></tr></TABLE>";
        let t = &tables(html)[0];
        assert_eq!(t.header, ["Code", "Message", "Description"]);
        assert_eq!(t.rows[0].cells[1], Text::One("A & B\nsecond line".into()));
        assert_eq!(
            t.rows[0].cells[2],
            Text::List(vec!["one".into(), "two".into()])
        );
        assert_eq!(t.rows[1].cells[0], Text::One("2".into()));
        assert_eq!(t.rows[1].cells[1], Text::One("spaced out".into()));
        assert_eq!(t.rows[1].cells[2], Text::One("p1\np2".into()));
        assert_eq!(t.rows[1].line, 3);
    }

    #[test]
    fn rowspan_and_colspan_keep_columns_aligned() {
        let html = "<table><thead><tr><th>Category</th><th>Code</th><th>Message</th></tr></thead>\
            <tbody><tr><td rowspan=\"2\">Auth</td><td>1</td><td>a</td></tr>\
            <tr><td>2</td><td>b</td></tr>\
            <tr><td colspan=2>3</td><td>c</td></tr></tbody></table>";
        let t = &tables(html)[0];
        assert_eq!(
            cells(t),
            [
                ["One(\"Auth\")", "One(\"1\")", "One(\"a\")"],
                ["One(\"Auth\")", "One(\"2\")", "One(\"b\")"],
                ["One(\"3\")", "One(\"\")", "One(\"c\")"],
            ]
        );
    }

    #[test]
    fn comments_scripts_and_attributes_with_angle_brackets() {
        let html = "<!-- <table> --><script>var t = '<table>';</script><table data-x=\"a>b\"><tr><th title='x>y'>Code</th></tr><tr><td>9</td></tr></table>";
        let all = tables(html);
        assert_eq!(all.len(), 1);
        assert_eq!(all[0].header, ["Code"]);
        assert_eq!(all[0].rows.len(), 1);
    }

    #[test]
    fn titles() {
        assert_eq!(
            title("<html><head><title>T &amp; C</title></head><body><h2> Errors </h2>")
                .unwrap()
                .1,
            "Errors"
        );
        assert_eq!(title("<title>T &amp; C</title>").unwrap().1, "T & C");
        assert_eq!(title("no markup"), None);
    }
}
