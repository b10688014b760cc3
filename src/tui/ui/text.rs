//! Turning catalog and pasted text into spans: control characters made visible, match
//! highlights kept on the characters they belong to.

use crate::sanitize;
use ratatui::style::Style;
use ratatui::text::Span;

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
}
