//! Turning catalog and pasted text into spans: control characters made visible, match
//! highlights kept on the characters they belong to.

use crate::sanitize;
use ratatui::style::Style;
use ratatui::text::Span;
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
}
