//! Moving and scrolling: the selection, the sidebar's cursor, the focus, and the scroll of each
//! pane and overlay, always within its content.

use super::{App, Effect, Focus};
use crate::tui::action::{self, Mode};
use crate::tui::{decoded, detail, layout, problems, rows};

impl App {
    /// The detail pane's first shown row: its scroll belongs to the entry it was made on, so
    /// any new selection starts at the top.
    pub fn detail_offset(&self) -> usize {
        match (self.detail_scroll, self.selected_hit()) {
            (Some((row, offset)), Some(hit)) if row == hit.row => offset,
            _ => 0,
        }
    }

    /// Scrolls the detail pane by `delta` rows, within its content.
    pub(super) fn scroll_detail(&mut self, delta: isize) {
        let (Some(index), Some(hit)) = (self.index.clone(), self.selected_hit()) else {
            return;
        };
        let Some(pane) = self.panes(self.size).detail else {
            return;
        };
        let inner = pane.width.saturating_sub(2);
        let height = usize::from(pane.height.saturating_sub(2));
        let total = match self.preview.then(|| self.arm_to_copy()).flatten() {
            Some((text, _)) => 1 + detail::preview_rows(&text, inner).len(),
            None => detail::rows(&detail::fields(&index, hit.row, ""), inner),
        };
        let max = total.saturating_sub(height);
        let offset = step(self.detail_offset(), delta, max + 1);
        self.detail_scroll = Some((hit.row, offset));
    }

    /// The paste panel's decoded pane: its inside's width and height.
    pub(super) fn decoded_pane(&self) -> (u16, usize) {
        let (_, pane) = layout::paste_panes(layout::body(&self.panes(self.size)));
        (
            pane.width.saturating_sub(2),
            usize::from(pane.height.saturating_sub(2)),
        )
    }

    /// Scrolls the paste panel's decoded errors by `delta` rows, within its content.
    pub(super) fn scroll_decoded(&mut self, delta: isize) {
        let Some(index) = self.index.clone() else {
            return;
        };
        let (width, height) = self.decoded_pane();
        let content = decoded::content(&self.paste, &index);
        let (rows, selected) = decoded::rows(&content, usize::from(width));
        let now = decoded::offset(self.paste.scroll, rows.len(), &selected, height);
        let max = rows.len().saturating_sub(height);
        self.paste.scroll = Some(step(now, delta, max + 1));
    }

    /// Rows of the detail pane's inside (half of it is Ctrl-D's step).
    pub(super) fn detail_height(&self) -> usize {
        self.panes(self.size)
            .detail
            .map_or(0, |d| usize::from(d.height.saturating_sub(2)))
    }

    /// The problems list: its rows at the width it is drawn, and the rows shown.
    pub fn problem_rows(&self) -> (Vec<rows::Row>, usize) {
        let area = layout::body(&self.panes(self.size));
        let lines = problems::lines(&self.warnings, &self.problems, &self.notes);
        let rows = rows::rows(&lines, usize::from(area.width.saturating_sub(2)));
        (rows, usize::from(area.height.saturating_sub(2)))
    }

    /// Scrolls the problems list by `delta` rows, within its content.
    pub(super) fn scroll_problems(&mut self, delta: isize) {
        let (rows, shown) = self.problem_rows();
        let max = rows.len().saturating_sub(shown);
        self.problems_scroll = step(self.problems_scroll, delta, max + 1);
    }

    /// The help overlay's first shown line, within its content.
    pub(super) fn scroll_help(&mut self, delta: isize) {
        let lines = action::help_lines();
        let shown = usize::from(layout::help_rect(self.size, lines).height.saturating_sub(2));
        let max = lines.saturating_sub(shown);
        self.help_scroll = step(self.help_scroll, delta, max + 1);
    }

    /// Tab: the focus goes to the other pane, never into a sidebar the screen has no room for.
    pub(super) fn focus_next(&mut self) {
        match self.focus {
            Focus::Sidebar => self.focus = Focus::Table,
            Focus::Table if self.size.width < layout::MIN_WIDTH_FOR_SIDEBAR => {
                self.status = format!(
                    "the vendor list needs {} columns; the filter's v: narrows to a vendor",
                    layout::MIN_WIDTH_FOR_SIDEBAR
                );
            }
            Focus::Table => self.focus = Focus::Sidebar,
        }
    }

    /// `v`: pins the sidebar shown or hidden, whatever the width.
    pub(super) fn toggle_sidebar(&mut self) {
        let shown = self.panes(self.size).sidebar.is_some();
        self.sidebar_pinned = Some(!shown);
        if shown {
            self.focus = Focus::Table;
            self.status = "vendor list hidden (v or Tab shows it)".into();
        } else if self.size.width < layout::MIN_WIDTH_FOR_SIDEBAR {
            self.status = format!(
                "the vendor list needs {} columns",
                layout::MIN_WIDTH_FOR_SIDEBAR
            );
        } else {
            self.status = "vendor list shown (v hides it)".into();
        }
    }

    pub(super) fn move_by(&mut self, delta: isize) -> Vec<Effect> {
        match self.mode {
            Mode::Editions => {
                let n = self.editions_len();
                self.edition_cursor = step(self.edition_cursor, delta, n);
                return Vec::new();
            }
            Mode::Paste => {
                self.paste.move_selection(delta);
                return Vec::new();
            }
            Mode::Help => {
                self.scroll_help(delta);
                return Vec::new();
            }
            Mode::Problems => {
                self.scroll_problems(delta);
                return Vec::new();
            }
            _ => {}
        }
        if self.focus == Focus::Sidebar && self.mode == Mode::Normal {
            return self.move_in_sidebar(delta);
        }
        self.selected = step(self.selected, delta, self.results.len());
        self.scroll_into_view();
        Vec::new()
    }

    /// Moves the sidebar's cursor `delta` items in the order they are shown (groups in turn).
    pub(super) fn move_in_sidebar(&mut self, delta: isize) -> Vec<Effect> {
        let Some(index) = self.index.clone() else {
            return Vec::new();
        };
        let items = layout::sidebar_items(&index);
        let at = items.iter().position(|&n| n == self.sidebar).unwrap_or(0);
        let next = items[step(at, delta, items.len())];
        if next != self.sidebar {
            self.sidebar = next;
            return self.search();
        }
        Vec::new()
    }

    pub(super) fn page(&self) -> usize {
        if self.mode == Mode::Problems {
            return self.problem_rows().1.max(1);
        }
        if self.mode == Mode::Help {
            let shown = layout::help_rect(self.size, action::help_lines()).height;
            return usize::from(shown.saturating_sub(2)).max(1);
        }
        layout::table_rows(self.panes(self.size).table).max(1)
    }

    pub(super) fn scroll_into_view(&mut self) {
        let rows = self.page();
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + rows {
            self.offset = self.selected + 1 - rows;
        }
        let max_offset = self.results.len().saturating_sub(rows);
        self.offset = self.offset.min(max_offset);
    }

    pub fn editions_len(&self) -> usize {
        match (&self.index, self.selected_hit()) {
            (Some(index), Some(hit)) => index.vendors()[index.row_vendor(hit.row)].editions.len(),
            _ => 0,
        }
    }

    /// Ctrl-D and Ctrl-U: half the pane under the keys, the decoded errors in the paste panel.
    pub(super) fn scroll_half_page(&mut self, direction: isize) {
        if self.mode == Mode::Paste {
            let half = (self.decoded_pane().1 / 2).max(1) as isize;
            self.scroll_decoded(direction.signum() * half);
        } else {
            let half = (self.detail_height() / 2).max(1) as isize;
            self.scroll_detail(direction.signum() * half);
        }
    }
}

/// Moves `pos` by `delta` within `0..len`, clamped.
pub(super) fn step(pos: usize, delta: isize, len: usize) -> usize {
    if len == 0 {
        return 0;
    }
    (pos as isize)
        .saturating_add(delta)
        .clamp(0, len as isize - 1) as usize
}
