//! The paste panel: a text area that decodes whatever is pasted or typed into it, as it arrives.

use crate::decode::{self, Decoded};
use crate::index::{Index, RowId};
use crate::sanitize;
use ratatui::crossterm::event::KeyEvent;
use ratatui_textarea::TextArea;

/// Larger pastes are refused in the panel (the textarea and a decode per keystroke would lag);
/// `errdex decode FILE` takes them.
pub const MAX_PANEL_BYTES: usize = 1024 * 1024;
/// The text area keeps screen positions in `u16`: longer lines, or more of them, are refused too
/// (a minified response of more than this on one line is for `errdex decode FILE`).
pub const MAX_PANEL_LINES: usize = 50_000;
pub const MAX_PANEL_COLUMNS: usize = 50_000;

#[derive(Default)]
pub struct PastePanel {
    pub textarea: TextArea<'static>,
    pub decoded: Option<Decoded>,
    /// Index into the decoded errors.
    pub selected: usize,
    pub notice: Option<String>,
}

impl PastePanel {
    pub fn input(&mut self, key: KeyEvent, index: &Index) {
        if self.textarea.input(key) {
            self.redecode(index);
        }
    }

    /// Inserts pasted text. Control characters are made visible before they reach the screen.
    pub fn paste(&mut self, text: &str, index: &Index) {
        let size = self.text().len() + text.len();
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
        self.textarea.insert_str(text);
        self.redecode(index);
    }

    /// Why `text` would not fit the text area's screen positions (u16: it overflows past
    /// 65,535 rows or columns), counting the line the cursor is on, which the paste joins.
    fn too_big_to_show(&self, text: &str) -> Option<String> {
        let lines = self.textarea.lines();
        let total = lines.len() + text.matches('\n').count();
        if total > MAX_PANEL_LINES {
            return Some(format!(
                "{total} lines are more than the panel shows ({MAX_PANEL_LINES})"
            ));
        }
        let here = lines
            .get(self.textarea.cursor().0)
            .map_or(0, |l| unicode_width::UnicodeWidthStr::width(l.as_str()));
        let widest = text
            .split('\n')
            .map(unicode_width::UnicodeWidthStr::width)
            .max()
            .unwrap_or(0);
        (here + widest > MAX_PANEL_COLUMNS).then(|| {
            format!(
                "a line of {} columns is wider than the panel shows ({MAX_PANEL_COLUMNS})",
                here + widest
            )
        })
    }

    pub fn text(&self) -> String {
        self.textarea.lines().join("\n")
    }

    pub fn clear(&mut self) {
        *self = PastePanel::default();
    }

    fn redecode(&mut self, index: &Index) {
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
    fn each_paste_adds_to_the_text_and_is_decoded_again() {
        let index = Index::embedded();
        let mut panel = PastePanel::default();
        panel.paste(
            r#"{"error":1,"code":1302,"message":"Exceed Anonymous Rate Limit"}"#,
            &index,
        );
        assert_eq!(panel.errors_len(), 1);
        panel.paste("\nToken is invalid or expired", &index);
        assert_eq!(panel.errors_len(), 2);
    }
}
