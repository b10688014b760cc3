//! Markdown pipe tables (GitHub style, read forgivingly): the leading and closing pipes are
//! optional, `\|` is a pipe inside a cell, alignment rows (`:---:`) mark a header, cells may be
//! padded with spaces or tabs, a row may lack its closing pipe, and a document may hold several
//! tables. Lines inside fenced code blocks are never tables.

use super::html;
use super::{Format, RawRow, RawTable};
use crate::catalog::Text;

/// Every pipe table of the document, in order.
pub(crate) fn tables(text: &str) -> Vec<RawTable> {
    let lines = lines(text);
    let fenced = fenced(&lines);
    let usable = |i: usize| i < lines.len() && !fenced[i];
    let mut out = Vec::new();
    let mut i = 0;
    while i + 1 < lines.len() {
        let starts_table = usable(i)
            && usable(i + 1)
            && has_pipe(lines[i].1)
            && !lines[i].1.trim().is_empty()
            && is_delimiter_row(lines[i + 1].1)
            && !is_delimiter_row(lines[i].1);
        if !starts_table {
            i += 1;
            continue;
        }
        let (offset, header_line) = lines[i];
        let header: Vec<String> = split_row(header_line).into_iter().map(inline).collect();
        let mut rows = Vec::new();
        let mut j = i + 2;
        while usable(j) {
            let line = lines[j].1;
            if line.trim().is_empty() || !has_pipe(line) || line.trim_start().starts_with('#') {
                break;
            }
            // The header of the next table, written without a blank line in between.
            if usable(j + 1) && is_delimiter_row(lines[j + 1].1) && !is_delimiter_row(line) {
                break;
            }
            if !is_delimiter_row(line) {
                rows.push(RawRow {
                    line: j + 1,
                    cells: split_row(line)
                        .into_iter()
                        .map(|c| Text::One(inline(c)))
                        .collect(),
                });
            }
            j += 1;
        }
        out.push(RawTable {
            format: Format::Markdown,
            offset,
            line: i + 1,
            header,
            rows,
        });
        i = j;
    }
    out
}

/// The first heading (ATX `# Title` or setext `Title\n===`), with its offset. A scrape may
/// leave the heading's `#` alone on its line with the text on the next: that text is taken.
pub(crate) fn title(text: &str) -> Option<(usize, String)> {
    let lines = lines(text);
    let fenced = fenced(&lines);
    let plain = |i: usize| {
        let l = lines[i].1.trim();
        !fenced[i]
            && !l.is_empty()
            && !has_pipe(l)
            && !l.starts_with(['#', '<', '`', '~', '>', '-', '=', '*', '{', '['])
    };
    for i in 0..lines.len() {
        if fenced[i] {
            continue;
        }
        let (offset, line) = lines[i];
        if let Some(heading) = atx_heading(line) {
            if !heading.is_empty() {
                return Some((offset, inline(heading)));
            }
            let next = (i + 1..lines.len()).find(|&j| !lines[j].1.trim().is_empty());
            if let Some(j) = next.filter(|&j| plain(j)) {
                return Some((offset, inline(lines[j].1.trim())));
            }
            continue;
        }
        let underline = lines.get(i + 1).map(|l| l.1.trim()).unwrap_or("");
        let setext = !underline.is_empty()
            && (underline.chars().all(|c| c == '=') || underline.chars().all(|c| c == '-'))
            && (i == 0 || lines[i - 1].1.trim().is_empty());
        if setext && plain(i) && !fenced[i + 1] {
            return Some((offset, inline(line.trim())));
        }
    }
    None
}

/// Byte ranges of fenced code blocks: examples, not content (an HTML table shown as an
/// example in a Markdown document is not imported).
pub(crate) fn fenced_ranges(text: &str) -> Vec<std::ops::Range<usize>> {
    let lines = lines(text);
    let fenced = fenced(&lines);
    let mut out: Vec<std::ops::Range<usize>> = Vec::new();
    for (i, &(offset, line)) in lines.iter().enumerate() {
        if !fenced[i] {
            continue;
        }
        let end = offset + line.len();
        match out.last_mut() {
            Some(r) if i > 0 && fenced[i - 1] => r.end = end,
            _ => out.push(offset..end),
        }
    }
    out
}

/// `# Title ##` → `Title`; `#` alone → empty.
fn atx_heading(line: &str) -> Option<&str> {
    let t = line.trim_start_matches(' ');
    if line.len() - t.len() > 3 {
        return None;
    }
    let hashes = t.bytes().take_while(|&b| b == b'#').count();
    if !(1..=6).contains(&hashes) {
        return None;
    }
    let rest = &t[hashes..];
    if !(rest.is_empty() || rest.starts_with([' ', '\t'])) {
        return None;
    }
    let rest = rest.trim();
    // A closing run of #s, when separated by a space, is not part of the heading.
    let without_closing = rest.trim_end_matches('#');
    Some(
        if without_closing.is_empty() || without_closing.ends_with([' ', '\t']) {
            without_closing.trim_end()
        } else {
            rest
        },
    )
}

/// Lines with their byte offsets, line endings removed.
fn lines(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.strip_suffix('\n').unwrap_or(line);
        let trimmed = trimmed.strip_suffix('\r').unwrap_or(trimmed);
        out.push((offset, trimmed));
        offset += line.len();
    }
    out
}

/// Which lines belong to fenced code blocks (the fences included).
fn fenced(lines: &[(usize, &str)]) -> Vec<bool> {
    let mut out = Vec::with_capacity(lines.len());
    let mut open: Option<(char, usize)> = None;
    for (_, line) in lines {
        let fence = fence_of(line);
        match (open, fence) {
            (None, Some(f)) => {
                open = Some(f);
                out.push(true);
            }
            (Some((c, n)), Some((fc, fnum))) if c == fc && fnum >= n && closes(line, fc) => {
                open = None;
                out.push(true);
            }
            (Some(_), _) => out.push(true),
            (None, None) => out.push(false),
        }
    }
    out
}

fn fence_of(line: &str) -> Option<(char, usize)> {
    let t = line.trim_start_matches(' ');
    if line.len() - t.len() > 3 {
        return None;
    }
    let c = t.chars().next().filter(|c| matches!(c, '`' | '~'))?;
    let n = t.chars().take_while(|&x| x == c).count();
    (n >= 3).then_some((c, n))
}

/// A closing fence has nothing after its run.
fn closes(line: &str, c: char) -> bool {
    line.trim().chars().all(|x| x == c)
}

/// Whether `s` has a `|` not escaped by a backslash.
fn has_pipe(s: &str) -> bool {
    let mut escaped = false;
    for c in s.chars() {
        match c {
            '\\' if !escaped => escaped = true,
            '|' if !escaped => return true,
            _ => escaped = false,
        }
    }
    false
}

/// `| :--- | ---: |`: cells of dashes with optional alignment colons.
fn is_delimiter_row(line: &str) -> bool {
    if !has_pipe(line) {
        return false;
    }
    let cells = split_row(line);
    !cells.is_empty()
        && cells.iter().all(|c| {
            let c = c.trim();
            let c = c.strip_prefix(':').unwrap_or(c);
            let c = c.strip_suffix(':').unwrap_or(c);
            !c.is_empty() && c.chars().all(|x| x == '-')
        })
}

/// The raw cells of a row: outer pipes optional, `\|` kept for [`inline`] to unescape.
fn split_row(line: &str) -> Vec<&str> {
    let s = line.trim();
    let s = s.strip_prefix('|').unwrap_or(s);
    let s = match s.strip_suffix('|') {
        Some(inner) if !ends_with_odd_backslashes(inner) => inner,
        _ => s,
    };
    let mut cells = Vec::new();
    let mut start = 0;
    let mut escaped = false;
    for (i, c) in s.char_indices() {
        match c {
            '\\' if !escaped => escaped = true,
            '|' if !escaped => {
                cells.push(&s[start..i]);
                start = i + 1;
            }
            _ => escaped = false,
        }
    }
    cells.push(&s[start..]);
    cells
}

fn ends_with_odd_backslashes(s: &str) -> bool {
    s.bytes().rev().take_while(|&b| b == b'\\').count() % 2 == 1
}

/// A cell's text as a reader sees it: backslash escapes resolved (`\(` → `(`; inside code spans
/// only `\|`), `<br>` as a line break, entities decoded; other markup kept as written.
pub(crate) fn inline(raw: &str) -> String {
    let raw = raw.trim();
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(c) = rest.chars().next() {
        match c {
            '`' => {
                let run = rest.bytes().take_while(|&b| b == b'`').count();
                let ticks = &rest[..run];
                match find_closing_ticks(&rest[run..], run) {
                    Some(end) => {
                        out.push_str(ticks);
                        out.push_str(&rest[run..run + end].replace("\\|", "|"));
                        out.push_str(ticks);
                        rest = &rest[run + end + run..];
                    }
                    None => {
                        out.push_str(ticks);
                        rest = &rest[run..];
                    }
                }
            }
            '\\' => match rest[1..].chars().next() {
                Some(p) if p.is_ascii_punctuation() => {
                    out.push(p);
                    rest = &rest[2..];
                }
                _ => {
                    out.push('\\');
                    rest = &rest[1..];
                }
            },
            '<' => match br_len(rest) {
                Some(len) => {
                    let kept = out.trim_end_matches([' ', '\t']).len();
                    out.truncate(kept);
                    out.push('\n');
                    rest = rest[len..].trim_start_matches([' ', '\t']);
                }
                None => {
                    out.push('<');
                    rest = &rest[1..];
                }
            },
            '&' => {
                // Decode one entity (or keep the `&`).
                let name = rest[1..]
                    .bytes()
                    .take(32)
                    .take_while(|b| b.is_ascii_alphanumeric() || *b == b'#')
                    .count();
                let end = 1 + name + usize::from(rest[1 + name..].starts_with(';'));
                let decoded = html::decode_entities(&rest[..end]);
                if decoded != rest[..end] {
                    out.push_str(&decoded);
                    rest = &rest[end..];
                } else {
                    out.push('&');
                    rest = &rest[1..];
                }
            }
            c => {
                out.push(c);
                rest = &rest[c.len_utf8()..];
            }
        }
    }
    out.trim().to_string()
}

/// Offset of the run of exactly `n` backticks that closes a code span, in `s`.
fn find_closing_ticks(s: &str, n: usize) -> Option<usize> {
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'`' {
            let run = bytes[i..].iter().take_while(|&&b| b == b'`').count();
            if run == n {
                return Some(i);
            }
            i += run;
        } else {
            i += 1;
        }
    }
    None
}

/// Length of a `<br>`, `<br/>` or `<br />` tag at the start of `s`.
fn br_len(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    if b.len() < 4 || !b[1..3].eq_ignore_ascii_case(b"br") {
        return None;
    }
    let mut i = 3;
    while i < b.len() && b[i].is_ascii_whitespace() {
        i += 1;
    }
    if b.get(i) == Some(&b'/') {
        i += 1;
    }
    (b.get(i) == Some(&b'>')).then_some(i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(t: &RawTable) -> Vec<Vec<String>> {
        t.rows
            .iter()
            .map(|r| r.cells.iter().map(|c| c.to_string()).collect())
            .collect()
    }

    #[test]
    fn escapes_code_spans_breaks_and_entities() {
        assert_eq!(
            inline(r" \(GET/POST\) id\_x Can\'t "),
            "(GET/POST) id_x Can't"
        );
        assert_eq!(inline(r"`a\_b \| c` and \`x\`"), r"`a\_b | c` and `x`");
        assert_eq!(inline("one<br>two <BR/> three"), "one\ntwo\nthree");
        assert_eq!(inline("A &amp; B &copy; &x"), "A & B © &x");
        assert_eq!(inline(r"\&amp; kept"), "&amp; kept");
        assert_eq!(
            inline(r"[https://x.cc/\#/s](https://x.cc/#/s) **bold**"),
            "[https://x.cc/#/s](https://x.cc/#/s) **bold**"
        );
        assert_eq!(
            inline(r"trailing \ backslash \\"),
            r"trailing \ backslash \"
        );
    }

    #[test]
    fn rows_with_escaped_pipes_missing_pipes_and_tabs() {
        let md = "# Codes\n\n|Code|\tMessage|\n|-----|-----|\n|1\t| a \\| b |\n|2|\tno closing pipe\n3 | no leading pipe |\n\nafter";
        let t = &tables(md)[0];
        assert_eq!(t.line, 3);
        assert_eq!(t.header, ["Code", "Message"]);
        assert_eq!(
            strings(t),
            [
                ["1", "a | b"],
                ["2", "no closing pipe"],
                ["3", "no leading pipe"]
            ]
        );
        assert_eq!(t.rows[2].line, 7);
    }

    #[test]
    fn several_tables_and_fenced_code() {
        let md = "```\n| a | b |\n|---|---|\n| x | y |\n```\n| Code | M |\n| :--- | ---: |\n| 1 | one |\n| Code | M |\n|---|---|\n| 2 | two |\nplain line ends nothing | but this has a pipe\n\n## H\nText\n";
        let all = tables(md);
        assert_eq!(all.len(), 2);
        assert_eq!(strings(&all[0]), [["1", "one"]]);
        assert_eq!(strings(&all[1])[0], ["2", "two"]);
        assert_eq!(all[1].rows.len(), 2);
    }

    #[test]
    fn titles() {
        assert_eq!(title("intro\n\n# Errors #\n").unwrap().1, "Errors");
        assert_eq!(
            title("#\nAPI Error Codes\n\n## 認證錯誤\n").unwrap().1,
            "API Error Codes"
        );
        assert_eq!(title("Error Codes\n===\n").unwrap().1, "Error Codes");
        assert_eq!(title("```\n# not a title\n```\nplain"), None);
        assert_eq!(title("#hashtag only"), None);
    }
}
