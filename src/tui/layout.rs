//! Where each pane goes for a terminal size. One pure function, used both for drawing and for
//! mapping mouse clicks, so the two always agree. Panes give way by priority as space shrinks:
//! below [`FOLD_SIDEBAR_BELOW`] columns the sidebar folds away (unless it has the focus or was
//! pinned) before any column of the table narrows; the detail pane goes at small heights; the
//! filter bar, table and status line stay longest.

use crate::catalog::VendorType;
use crate::index::Index;
use ratatui::layout::Rect;

/// Below this width the sidebar folds away unless it has the focus or `v` pinned it: a
/// 72-column split gives its columns to the table.
pub const FOLD_SIDEBAR_BELOW: u16 = 100;
/// Below this the sidebar is never shown: it and the table need 20 columns each.
pub const MIN_WIDTH_FOR_SIDEBAR: u16 = 40;
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

/// The sidebar's width on a screen `width` columns wide: from 100 columns wide enough for the
/// family names (`PostgreSQL SQLSTATE 262`), more from 130 and 180; narrower screens show it
/// only on demand, at half the width or less.
pub fn sidebar_width(width: u16) -> u16 {
    if width >= 180 {
        44
    } else if width >= 130 {
        34
    } else if width >= FOLD_SIDEBAR_BELOW {
        30
    } else {
        (width / 2).min(24)
    }
}

/// The panes of a screen of `area`; `sidebar` says whether the sidebar is wanted (it is shown
/// when it is and the screen is at least [`MIN_WIDTH_FOR_SIDEBAR`] wide).
pub fn panes(area: Rect, sidebar: bool) -> Panes {
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
    let (sidebar, main) = if sidebar && area.width >= MIN_WIDTH_FOR_SIDEBAR {
        let w = sidebar_width(area.width);
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

/// The paste panel's text area and decoded pane in `area` (the space between the filter bar
/// and the status line). The answer matters more than the question: at small heights the
/// decoded pane keeps a row of its own inside its border, and the text area gives way.
pub fn paste_panes(area: Rect) -> (Rect, Rect) {
    let decoded = (area.height - area.height * 45 / 100)
        .max(3)
        .min(area.height);
    let input = Rect {
        height: area.height - decoded,
        ..area
    };
    let results = Rect {
        y: area.y + input.height,
        height: decoded,
        ..area
    };
    (input, results)
}

/// The area between the filter bar and the status line.
pub fn body(p: &Panes) -> Rect {
    Rect {
        x: p.filter.x,
        y: p.filter.y + 1,
        width: p.filter.width,
        height: p.status.y.saturating_sub(p.filter.y + 1),
    }
}

/// Rows of the table's body that fit (its block border and header take three lines).
pub fn table_rows(table: Rect) -> usize {
    table.height.saturating_sub(3) as usize
}

/// A line of the sidebar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SidebarLine<'i> {
    /// Item `n`: 0 is All, `v + 1` vendor `v`.
    Item(usize),
    /// The heading of a group of catalogs.
    Heading(&'i str),
}

/// The heading a catalog is listed under: its `group`, else `Vendors` or `Standards`.
pub fn group_of(index: &Index, vendor: usize) -> &str {
    let v = index.vendor_table(vendor).vendor();
    match v.group.as_deref().map(str::trim) {
        Some(g) if !g.is_empty() => g,
        _ => match v.vendor_type {
            VendorType::Vendor => "Vendors",
            VendorType::Standard => "Standards",
        },
    }
}

/// The sidebar's lines, top to bottom: All, then each group's heading and catalogs, groups in
/// the order their first catalog comes in the index (vendors' own first), catalogs in index order
/// within their group. Twenty and more families read as a handful of short lists.
pub fn sidebar_lines(index: &Index) -> Vec<SidebarLine<'_>> {
    let mut groups: Vec<(&str, Vec<usize>)> = Vec::new();
    for v in 0..index.vendors().len() {
        let g = group_of(index, v);
        match groups.iter_mut().find(|(name, _)| *name == g) {
            Some((_, members)) => members.push(v),
            None => groups.push((g, vec![v])),
        }
    }
    let mut lines = vec![SidebarLine::Item(0)];
    for (name, members) in groups {
        lines.push(SidebarLine::Heading(name));
        lines.extend(members.into_iter().map(|v| SidebarLine::Item(v + 1)));
    }
    lines
}

/// The sidebar's items in the order they are shown (what `j` and `k` step through).
pub fn sidebar_items(index: &Index) -> Vec<usize> {
    sidebar_lines(index)
        .into_iter()
        .filter_map(|l| match l {
            SidebarLine::Item(n) => Some(n),
            SidebarLine::Heading(_) => None,
        })
        .collect()
}

/// The first sidebar line shown in `height` lines, so that item `selected` is visible.
pub fn sidebar_offset(lines: &[SidebarLine], selected: usize, height: usize) -> usize {
    let at = lines
        .iter()
        .position(|&l| l == SidebarLine::Item(selected))
        .unwrap_or(0);
    (at + 1).saturating_sub(height.max(1))
}

/// The sidebar item on line `row` of the sidebar's inside (0 is its first line), if any.
pub fn sidebar_item(index: &Index, selected: usize, height: usize, row: usize) -> Option<usize> {
    let lines = sidebar_lines(index);
    let offset = sidebar_offset(&lines, selected, height);
    match lines.get(offset + row) {
        Some(SidebarLine::Item(n)) => Some(*n),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn panes_drop_by_priority() {
        let big = panes(Rect::new(0, 0, 120, 35), true);
        assert!(big.sidebar.is_some() && big.detail.is_some());
        let small = panes(Rect::new(0, 0, 60, 15), true);
        assert!(small.sidebar.is_some() && small.detail.is_some());
        assert!(table_rows(small.table) >= 2);
        let folded = panes(Rect::new(0, 0, 72, 15), false);
        assert_eq!((folded.sidebar, folded.table.width), (None, 72));
        let narrow = panes(Rect::new(0, 0, 39, 10), true);
        assert!(narrow.sidebar.is_none() && narrow.detail.is_none());
        assert!(!narrow.too_small);
        assert!(panes(Rect::new(0, 0, 1, 1), true).too_small);
    }

    #[test]
    fn the_sidebar_is_wide_enough_for_family_names_on_wide_screens() {
        for width in [100, 130, 200] {
            // Borders, the name, a space and a count.
            let inner = usize::from(sidebar_width(width)) - 2;
            assert!(inner >= "PostgreSQL SQLSTATE 262".len(), "{width}");
            assert!(inner >= "SQLite result codes 113".len(), "{width}");
        }
        assert!(sidebar_width(72) <= 24);
    }

    #[test]
    fn the_sidebar_groups_catalogs_under_headings_and_scrolls_to_the_selection() {
        let index = Index::embedded();
        let lines = sidebar_lines(&index);
        assert_eq!(lines[0], SidebarLine::Item(0));
        // Every catalog once, under the heading of its group; no heading twice.
        let mut heading = None;
        let mut seen_headings = Vec::new();
        let mut seen_items = Vec::new();
        for line in &lines[1..] {
            match *line {
                SidebarLine::Heading(h) => {
                    assert!(!seen_headings.contains(&h), "{h} twice");
                    seen_headings.push(h);
                    heading = Some(h);
                }
                SidebarLine::Item(n) => {
                    assert_eq!(Some(group_of(&index, n - 1)), heading, "{n}");
                    seen_items.push(n);
                }
            }
        }
        seen_items.sort_unstable();
        assert_eq!(seen_items, (1..=index.vendors().len()).collect::<Vec<_>>());
        assert_eq!(seen_headings[0], "Vendors");
        assert!(seen_headings.contains(&"Databases"), "{seen_headings:?}");
        let last = *sidebar_items(&index).last().unwrap();
        assert_eq!(sidebar_offset(&lines, 0, 5), 0);
        let offset = sidebar_offset(&lines, last, 5);
        assert_eq!(offset + 5, lines.len());
        assert_eq!(sidebar_item(&index, last, 5, 4), Some(last));
        assert_eq!(sidebar_item(&index, 0, 50, 1), None, "a heading");
    }

    #[test]
    fn every_size_gives_rects_inside_the_area() {
        for w in 0..=130 {
            for h in 0..=40 {
                let area = Rect::new(0, 0, w, h);
                let p = panes(area, true);
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
