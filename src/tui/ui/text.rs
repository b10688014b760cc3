//! Turning catalog and pasted text into spans: control characters made visible, match
//! highlights kept on the characters they belong to.

use crate::sanitize;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthChar;

/// Spans for `text` with the chars at `matched` (sorted char indices) in `hl`.
pub fn highlighted(text: &str, matched: &[u32], base: Style, hl: Style) -> Vec<Span<'static>> {
    let mut spans = Vec::new();
    let mut run = String::new();
    let mut run_hl = false;
    let mut m = matched.iter().peekable();
    for (i, c) in text.chars().enumerate() {
        let is_hl = if m.peek().is_some_and(|&&x| x as usize == i) {
            m.next();
            true
        } else {
            false
        };
        if is_hl != run_hl && !run.is_empty() {
            spans.push(Span::styled(
                std::mem::take(&mut run),
                if run_hl { hl } else { base },
            ));
        }
        run_hl = is_hl;
        match sanitize::replacement(c) {
            Some(r) => run.push_str(&r),
            None => run.push(c),
        }
    }
    if !run.is_empty() {
        spans.push(Span::styled(run, if run_hl { hl } else { base }));
    }
    spans
}

/// One safe line of text.
pub fn plain(text: &str, style: Style) -> Span<'static> {
    Span::styled(sanitize::line(text).into_owned(), style)
}

/// `spans` cut to at most `width` columns; when something is cut, the last column is `…`
/// (in the style of the text it replaces), so a reader knows there is more.
pub fn ellipsize(spans: Vec<Span<'static>>, width: usize) -> Vec<Span<'static>> {
    let total: usize = spans.iter().map(Span::width).sum();
    if total <= width {
        return spans;
    }
    let mut room = width.saturating_sub(1);
    let mut out = Vec::new();
    let mut last_style = spans.first().map_or(Style::new(), |s| s.style);
    for span in spans {
        if room == 0 {
            break;
        }
        last_style = span.style;
        let mut piece = String::new();
        for c in span.content.chars() {
            let w = c.width().unwrap_or(0);
            if w > room {
                room = 0;
                break;
            }
            room -= w;
            piece.push(c);
        }
        out.push(Span::styled(piece, span.style));
    }
    if width > 0 {
        out.push(Span::styled("…", last_style));
    }
    out
}

/// `s` cut to at most `width` columns, ending in `…` when cut.
pub fn truncate(s: &str, width: usize) -> String {
    ellipsize(vec![Span::raw(s.to_string())], width)
        .iter()
        .map(|s| s.content.as_ref())
        .collect()
}

/// `line` cut into screen rows of at most `width` columns, at spaces where it can (between
/// characters in a word longer than a row, and in CJK text), so a list of lines knows exactly
/// how many rows it takes (a paragraph's own wrapping does not say).
pub fn split_line(line: Line<'static>, width: usize) -> Vec<Line<'static>> {
    let width = width.max(1);
    let chars: Vec<(char, Style)> = line
        .spans
        .iter()
        .flat_map(|s| s.content.chars().map(move |c| (c, s.style)))
        .collect();
    let mut rows: Vec<&[(char, Style)]> = Vec::new();
    let mut start = 0;
    let mut used = 0;
    // Just after the last space in the current row: where it breaks best.
    let mut after_space = None;
    let mut i = 0;
    while i < chars.len() {
        let w = chars[i].0.width().unwrap_or(0);
        if used + w > width && i > start {
            let end = after_space.filter(|&e| e > start).unwrap_or(i);
            rows.push(&chars[start..end]);
            start = end;
            used = chars[start..i]
                .iter()
                .map(|(c, _)| c.width().unwrap_or(0))
                .sum();
            after_space = None;
            continue;
        }
        used += w;
        if chars[i].0 == ' ' {
            after_space = Some(i + 1);
        }
        i += 1;
    }
    rows.push(&chars[start..]);
    rows.into_iter()
        .map(|row| {
            let mut spans: Vec<Span<'static>> = Vec::new();
            for &(c, style) in row {
                match spans.last_mut() {
                    Some(last) if last.style == style => last.content.to_mut().push(c),
                    _ => spans.push(Span::styled(c.to_string(), style)),
                }
            }
            Line::from(spans).style(line.style)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::style::Modifier;

    #[test]
    fn highlights_stay_on_their_chars_after_escaping() {
        let hl = Style::new().add_modifier(Modifier::BOLD);
        let spans = highlighted("\x1bab", &[1], Style::new(), hl);
        let texts: Vec<(&str, bool)> = spans
            .iter()
            .map(|s| (s.content.as_ref(), s.style == hl))
            .collect();
        assert_eq!(texts, [("␛", false), ("a", true), ("b", false)]);
    }

    #[test]
    fn cut_text_ends_in_an_ellipsis() {
        assert_eq!(truncate("PostgreSQL SQLSTATE", 10), "PostgreSQ…");
        assert_eq!(truncate("short", 10), "short");
        assert_eq!(truncate("錯誤錯誤", 5), "錯誤…");
        assert_eq!(truncate("abc", 0), "");
        let bold = Style::new().add_modifier(Modifier::BOLD);
        let cut = ellipsize(vec![Span::raw("ab"), Span::styled("cdef", bold)], 4);
        let cut: Vec<(&str, bool)> = cut
            .iter()
            .map(|s| (s.content.as_ref(), s.style == bold))
            .collect();
        assert_eq!(cut, [("ab", false), ("c", true), ("…", true)]);
    }

    #[test]
    fn split_line_breaks_at_spaces_where_it_can() {
        let rows: Vec<String> = split_line(Line::from("says: Token is invalid"), 12)
            .iter()
            .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
            .collect();
        assert_eq!(rows, ["says: Token ", "is invalid"]);
        let rows = split_line(Line::from("abcdefghij klm"), 4);
        assert_eq!(rows.len(), 4, "a long word is cut between characters");
    }

    #[test]
    fn split_line_cuts_at_the_width_keeping_styles_and_wide_chars_whole() {
        let bold = Style::new().add_modifier(Modifier::BOLD);
        let line = Line::from(vec![Span::raw("ab"), Span::styled("c錯d", bold)]);
        let rows: Vec<Vec<(String, bool)>> = split_line(line, 3)
            .into_iter()
            .map(|l| {
                l.spans
                    .iter()
                    .map(|s| (s.content.to_string(), s.style == bold))
                    .collect()
            })
            .collect();
        assert_eq!(
            rows,
            [
                vec![("ab".to_string(), false), ("c".to_string(), true)],
                vec![("錯d".to_string(), true)],
            ]
        );
        assert_eq!(split_line(Line::from(""), 5).len(), 1);
    }
}
