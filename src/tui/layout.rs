//! Where each pane goes for a terminal size. One pure function, used both for drawing and for
//! mapping mouse clicks, so the two always agree. Panes are dropped by priority as space shrinks:
//! the detail pane first, then the sidebar; the filter bar, table and status line stay longest.

use crate::catalog::VendorType;
use crate::index::Index;
use ratatui::layout::Rect;

pub const SIDEBAR_WIDTH: u16 = 24;
/// Below this the sidebar goes (the filter bar then names the selected vendor).
pub const MIN_WIDTH_FOR_SIDEBAR: u16 = 60;
/// Below this the detail pane goes.
pub const MIN_HEIGHT_FOR_DETAIL: u16 = 14;
/// Below this nothing useful fits; a short notice is drawn instead.
pub const MIN_WIDTH: u16 = 20;
pub const MIN_HEIGHT: u16 = 4;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Panes {
    pub filter: Rect,
    pub sidebar: Option<Rect>,
    pub table: Rect,
    pub detail: Option<Rect>,
    pub status: Rect,
    /// True when the terminal is too small for the layout; draw a notice in `table`.
    pub too_small: bool,
}

pub fn panes(area: Rect) -> Panes {
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        return Panes {
            table: area,
            too_small: true,
            ..Panes::default()
        };
    }
    let filter = Rect { height: 1, ..area };
    let status = Rect {
        y: area.bottom() - 1,
        height: 1,
        ..area
    };
    let body = Rect {
        y: area.y + 1,
        height: area.height - 2,
        ..area
    };
    let (sidebar, main) = if area.width >= MIN_WIDTH_FOR_SIDEBAR {
        let w = SIDEBAR_WIDTH.min(area.width / 4 + 6);
        (
            Some(Rect { width: w, ..body }),
            Rect {
                x: body.x + w,
                width: body.width - w,
                ..body
            },
        )
    } else {
        (None, body)
    };
    let (table, detail) = if area.height >= MIN_HEIGHT_FOR_DETAIL {
        // The detail pane gets about 40% of the height, at least 6 rows.
        let d = (main.height * 2 / 5).max(6).min(main.height - 5);
        (
            Rect {
                height: main.height - d,
                ..main
            },
            Some(Rect {
                y: main.y + main.height - d,
                height: d,
                ..main
            }),
        )
    } else {
        (main, None)
    };
    Panes {
        filter,
        sidebar,
        table,
        detail,
        status,
        too_small: false,
    }
}

/// Width of the help overlay (it is centred; narrower terminals get all of their width).
pub const HELP_WIDTH: u16 = 62;

/// Where the help overlay of `lines` lines goes: centred, as tall as it needs or the terminal.
pub fn help_rect(area: Rect, lines: usize) -> Rect {
    let w = HELP_WIDTH.min(area.width);
    let h = u16::try_from(lines + 2)
        .unwrap_or(u16::MAX)
        .min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

/// Rows of the table's body that fit (its block border and header take three lines).
pub fn table_rows(table: Rect) -> usize {
    table.height.saturating_sub(3) as usize
}

/// The sidebar's lines, top to bottom: `Some(n)` is item `n` (0 is All, `v + 1` vendor `v`),
/// `None` the heading before the standard families (the index lists vendors first).
pub fn sidebar_lines(index: &Index) -> Vec<Option<usize>> {
    let mut lines = vec![Some(0)];
    let mut heading = false;
    for v in 0..index.vendors().len() {
        if !heading && index.vendor_table(v).vendor().vendor_type == VendorType::Standard {
            lines.push(None);
            heading = true;
        }
        lines.push(Some(v + 1));
    }
    lines
}

/// The first sidebar line shown in `height` lines, so that item `selected` is visible.
pub fn sidebar_offset(lines: &[Option<usize>], selected: usize, height: usize) -> usize {
    let at = lines.iter().position(|&l| l == Some(selected)).unwrap_or(0);
    (at + 1).saturating_sub(height.max(1))
}

/// The sidebar item on line `row` of the sidebar's inside (0 is its first line), if any.
pub fn sidebar_item(index: &Index, selected: usize, height: usize, row: usize) -> Option<usize> {
    let lines = sidebar_lines(index);
    let offset = sidebar_offset(&lines, selected, height);
    lines.get(offset + row).copied().flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn panes_drop_by_priority() {
        let big = panes(Rect::new(0, 0, 120, 35));
        assert!(big.sidebar.is_some() && big.detail.is_some());
        let small = panes(Rect::new(0, 0, 60, 15));
        assert!(small.sidebar.is_some() && small.detail.is_some());
        assert!(table_rows(small.table) >= 2);
        let narrow = panes(Rect::new(0, 0, 40, 10));
        assert!(narrow.sidebar.is_none() && narrow.detail.is_none());
        assert!(!narrow.too_small);
        assert!(panes(Rect::new(0, 0, 1, 1)).too_small);
    }

    #[test]
    fn the_sidebar_groups_standards_under_a_heading_and_scrolls_to_the_selection() {
        let index = Index::embedded();
        let lines = sidebar_lines(&index);
        let heading = lines.iter().position(Option::is_none).unwrap();
        for (at, line) in lines.iter().enumerate().skip(1) {
            if let Some(n) = line {
                let standard =
                    index.vendor_table(n - 1).vendor().vendor_type == VendorType::Standard;
                assert_eq!(standard, at > heading, "{at}");
            }
        }
        let last = index.vendors().len();
        assert_eq!(sidebar_offset(&lines, 0, 5), 0);
        let offset = sidebar_offset(&lines, last, 5);
        assert_eq!(offset + 5, lines.len());
        assert_eq!(sidebar_item(&index, last, 5, 4), Some(last));
        assert_eq!(sidebar_item(&index, 0, 50, heading), None);
    }

    #[test]
    fn every_size_gives_rects_inside_the_area() {
        for w in 0..=130 {
            for h in 0..=40 {
                let area = Rect::new(0, 0, w, h);
                let p = panes(area);
                for r in [
                    Some(p.filter),
                    p.sidebar,
                    Some(p.table),
                    p.detail,
                    Some(p.status),
                ]
                .into_iter()
                .flatten()
                {
                    assert_eq!(area.union(r), area, "{w}x{h}: {r:?}");
                }
            }
        }
    }
}
