//! The paste panel: a text area that decodes whatever is pasted or typed into it, as it arrives.

use crate::decode::{self, Report};
use crate::index::{Index, RowId};
use crate::sanitize;
use ratatui::crossterm::event::KeyEvent;
use ratatui_textarea::{CursorMove, TextArea, WrapMode};

/// Larger pastes are refused in the panel (the textarea and a decode per keystroke would lag);
/// `errdex decode FILE` takes them.
pub const MAX_PANEL_BYTES: usize = 1024 * 1024;
/// The text area keeps screen positions in `u16`: longer lines, or more of them, are refused too
/// (a minified response of more than this on one line is for `errdex decode FILE`).
pub const MAX_PANEL_LINES: usize = 50_000;
pub const MAX_PANEL_COLUMNS: usize = 50_000;

pub struct PastePanel {
    pub textarea: TextArea<'static>,
    pub decoded: Option<Report>,
    /// Index into the decoded errors.
    pub selected: usize,
    pub notice: Option<String>,
    /// The decoded pane's first row where the user scrolled it; `None` keeps the selected
    /// error in view.
    pub scroll: Option<usize>,
}

impl Default for PastePanel {
    fn default() -> PastePanel {
        PastePanel {
            textarea: text_area(),
            decoded: None,
            selected: 0,
            notice: None,
            scroll: None,
        }
    }
}

/// An empty text area whose long lines wrap (at spaces, or between characters in a longer
/// word) instead of running off the panel's edge.
fn text_area() -> TextArea<'static> {
    let mut t = TextArea::default();
    t.set_wrap_mode(WrapMode::WordOrGlyph);
    t
}

impl PastePanel {
    pub fn input(&mut self, key: KeyEvent, index: &Index) {
        if self.textarea.input(key) {
            self.redecode(index);
        }
    }

    /// Replaces the panel's text with a paste, whose first error is then selected: the panel
    /// decodes what was pasted last. A refused paste leaves the text as it was. Control
    /// characters are made visible before they reach the screen.
    pub fn paste(&mut self, text: &str, index: &Index) {
        let size = text.len();
        if size > MAX_PANEL_BYTES {
            self.notice = Some(format!(
                "paste refused: {:.1} MB is more than the panel takes ({} MB); use `errdex decode FILE`",
                size as f64 / 1e6,
                MAX_PANEL_BYTES / (1024 * 1024)
            ));
            return;
        }
        // Terminals send pasted line breaks as CR (tmux's paste-buffer too); make them lines.
        let text = sanitize::block(&text.replace("\r\n", "\n").replace('\r', "\n"));
        if let Some(why) = self.too_big_to_show(&text) {
            self.notice = Some(format!("paste refused: {why}; use `errdex decode FILE`"));
            return;
        }
        self.notice = None;
        self.textarea = text_area();
        self.textarea.insert_str(text);
        // It reads from its start.
        self.textarea.move_cursor(CursorMove::Top);
        self.textarea.move_cursor(CursorMove::Head);
        self.selected = 0;
        self.redecode(index);
    }

    /// Why `text` would not fit the text area's screen positions (u16: it overflows past
    /// 65,535 rows or columns).
    fn too_big_to_show(&self, text: &str) -> Option<String> {
        let total = 1 + text.matches('\n').count();
        if total > MAX_PANEL_LINES {
            return Some(format!(
                "{total} lines are more than the panel shows ({MAX_PANEL_LINES})"
            ));
        }
        let widest = text
            .split('\n')
            .map(unicode_width::UnicodeWidthStr::width)
            .max()
            .unwrap_or(0);
        (widest > MAX_PANEL_COLUMNS).then(|| {
            format!(
                "a line of {widest} columns is wider than the panel shows ({MAX_PANEL_COLUMNS})"
            )
        })
    }

    pub fn text(&self) -> String {
        self.textarea.lines().join("\n")
    }

    /// Ctrl-L: empties the panel for the next paste.
    pub fn clear(&mut self) {
        *self = PastePanel::default();
    }

    fn redecode(&mut self, index: &Index) {
        self.scroll = None;
        let text = self.text();
        self.decoded = (!text.trim().is_empty()).then(|| decode::decode(&text, index));
        let n = self.errors_len();
        self.selected = self.selected.min(n.saturating_sub(1));
    }

    pub fn errors_len(&self) -> usize {
        self.decoded.as_ref().map_or(0, |d| d.errors.len())
    }

    pub fn move_selection(&mut self, delta: isize) {
        let n = self.errors_len();
        self.scroll = None;
        if n > 0 {
            self.selected = (self.selected as isize + delta).clamp(0, n as isize - 1) as usize;
        }
    }

    /// The best catalog entry of the selected error.
    pub fn selected_row(&self) -> Option<RowId> {
        let d = self.decoded.as_ref()?;
        d.errors.get(self.selected)?.match_rows.first().copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_paste_replaces_the_last_and_selects_its_first_error() {
        let index = Index::embedded();
        let mut panel = PastePanel::default();
        let two = concat!(
            r#"{"error":1,"code":1302,"message":"Exceed Anonymous Rate Limit"}"#,
            "\n",
            r#"{"ErrorCode":60003,"ErrorInfo":"x","ActionStatus":"FAIL"}"#
        );
        panel.paste(two, &index);
        assert_eq!(panel.errors_len(), 2);
        panel.move_selection(1);
        assert_eq!(panel.selected, 1);
        panel.paste("Token is invalid or expired", &index);
        assert_eq!(panel.text(), "Token is invalid or expired");
        assert_eq!(panel.errors_len(), 1);
        assert_eq!(panel.selected, 0);
        let row = panel.selected_row().unwrap();
        assert_eq!(index.get(row).entry.code, "1004");
        // A refused paste keeps what was there.
        panel.paste(&"x".repeat(MAX_PANEL_BYTES + 1), &index);
        assert!(panel.notice.as_deref().unwrap().contains("refused"));
        assert_eq!(panel.text(), "Token is invalid or expired");
        panel.clear();
        assert_eq!(panel.text(), "");
        assert!(panel.decoded.is_none());
    }
}
