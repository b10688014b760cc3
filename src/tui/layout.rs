//! Where each pane goes for a terminal size. One pure function, used both for drawing and for
//! mapping mouse clicks, so the two always agree. Panes are dropped by priority as space shrinks:
//! the detail pane first, then the sidebar; the filter bar, table and status line stay longest.

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

/// Rows of the table's body that fit (its block border and header take three lines).
pub fn table_rows(table: Rect) -> usize {
    table.height.saturating_sub(3) as usize
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
