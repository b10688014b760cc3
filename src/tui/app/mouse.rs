//! The mouse: `M` takes it or gives it back to the terminal; the wheel scrolls the pane under
//! the pointer, a click selects.

use super::{App, Effect, Focus};
use crate::tui::action::Mode;
use crate::tui::layout;
use ratatui::crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::Position;

impl App {
    /// `M`: the mouse for the explorer, or for the terminal's own text selection.
    pub(super) fn toggle_mouse(&mut self) -> Vec<Effect> {
        self.mouse = !self.mouse;
        self.status = if self.mouse {
            "mouse on (M to give it back to the terminal)".into()
        } else {
            "mouse off: the terminal selects text (M to turn on)".into()
        };
        vec![Effect::SetMouse(self.mouse)]
    }

    pub(super) fn mouse_event(&mut self, ev: MouseEvent) -> Vec<Effect> {
        if !self.mouse {
            return Vec::new();
        }
        // Over the help overlay the wheel scrolls it.
        if self.mode == Mode::Help {
            match ev.kind {
                MouseEventKind::ScrollDown => self.scroll_help(3),
                MouseEventKind::ScrollUp => self.scroll_help(-3),
                _ => {}
            }
            return Vec::new();
        }
        // In the paste panel the wheel over the decoded errors scrolls them.
        if self.mode == Mode::Paste {
            let (_, pane) = layout::paste_panes(layout::body(&self.panes(self.size)));
            if !pane.contains(Position::new(ev.column, ev.row)) {
                return Vec::new();
            }
            match ev.kind {
                MouseEventKind::ScrollDown => self.scroll_decoded(3),
                MouseEventKind::ScrollUp => self.scroll_decoded(-3),
                _ => {}
            }
            return Vec::new();
        }
        if !matches!(self.mode, Mode::Normal | Mode::Filter) {
            return Vec::new();
        }
        let panes = self.panes(self.size);
        let at = Position::new(ev.column, ev.row);
        let in_sidebar = panes.sidebar.is_some_and(|r| r.contains(at));
        match ev.kind {
            MouseEventKind::ScrollDown | MouseEventKind::ScrollUp => {
                let delta: isize = if ev.kind == MouseEventKind::ScrollDown {
                    3
                } else {
                    -3
                };
                if in_sidebar {
                    self.focus = Focus::Sidebar;
                    return self.move_by(delta.signum());
                }
                // The wheel scrolls the pane under the pointer.
                if panes.detail.is_some_and(|r| r.contains(at)) {
                    self.scroll_detail(delta);
                    return Vec::new();
                }
                self.focus = Focus::Table;
                return self.move_by(delta);
            }
            MouseEventKind::Down(MouseButton::Left) => {
                if let Some(sb) = panes.sidebar.filter(|r| r.contains(at)) {
                    self.focus = Focus::Sidebar;
                    // Inside the border.
                    let (row, height) =
                        ((ev.row - sb.y).checked_sub(1), sb.height.saturating_sub(2));
                    let item = self.index.as_deref().zip(row).and_then(|(index, row)| {
                        layout::sidebar_item(index, self.sidebar, height as usize, row as usize)
                    });
                    if let Some(item) = item.filter(|&i| i != self.sidebar) {
                        self.sidebar = item;
                        return self.search();
                    }
                } else if panes.table.contains(at) {
                    self.focus = Focus::Table;
                    // Border and header take the first two lines.
                    let line = ev.row.saturating_sub(panes.table.y + 2) as usize;
                    if ev.row >= panes.table.y + 2 && self.offset + line < self.results.len() {
                        self.selected = self.offset + line;
                    }
                } else if panes.filter.contains(at) {
                    self.mode = Mode::Filter;
                }
            }
            _ => {}
        }
        Vec::new()
    }
}
