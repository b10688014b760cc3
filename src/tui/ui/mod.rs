//! Drawing: a pure function of the app state. Only the visible rows are drawn.

mod overlays;
mod text;
mod theme;

pub use theme::Theme;

use super::action::Mode;
use super::app::{App, Focus};
use super::detail;
use super::layout::{self, SidebarLine};
use crate::index::{Highlighter, Index};
use crate::sanitize;
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Clear, Paragraph, Row, Table, Wrap};
use text::{ellipsize, highlighted, plain, truncate};

pub fn draw(app: &App, frame: &mut Frame) {
    let area = frame.area();
    let theme = Theme {
        color: app.color,
        palette: app.palette,
    };
    let panes = app.panes(area);
    frame.render_widget(Block::new().style(theme.base()), area);
    if panes.too_small {
        let msg = Paragraph::new("errdex: terminal too small").wrap(Wrap { trim: true });
        frame.render_widget(msg, area);
        return;
    }
    draw_filter(app, frame, panes.filter, &theme);
    draw_status(app, frame, panes.status, &theme);
    let Some(index) = app.index.as_deref() else {
        let msg = match app.loading {
            Some((done, total)) if total > 0 => format!(
                "loading catalogs… {}% of {} MB",
                done.min(total) * 100 / total,
                total.div_ceil(1 << 20)
            ),
            _ => "loading catalogs…".to_string(),
        };
        let msg = Paragraph::new(msg).style(theme.dim());
        frame.render_widget(msg, panes.table);
        return;
    };
    if let Some(sb) = panes.sidebar {
        draw_sidebar(app, index, frame, sb, &theme);
    }
    draw_table(app, index, frame, panes.table, &theme);
    if let Some(d) = panes.detail {
        draw_detail(app, index, frame, d, &theme);
    }
    match app.mode {
        Mode::Help => overlays::help(app, frame, area, &theme),
        Mode::Paste => overlays::paste(app, index, frame, layout::body(&panes), &theme),
        Mode::Editions => overlays::editions(app, index, frame, layout::body(&panes), &theme),
        Mode::Problems => overlays::problems(app, frame, layout::body(&panes), &theme),
        Mode::Normal | Mode::Filter => {}
    }
}

fn draw_filter(app: &App, frame: &mut Frame, area: Rect, theme: &Theme) {
    let editing = app.mode == Mode::Filter;
    let mut spans = vec![Span::styled(
        if editing { "/ " } else { "filter " },
        if editing { theme.key() } else { theme.dim() },
    )];
    let text = app.filter.text();
    if text.is_empty() && !editing {
        spans.push(Span::styled(
            "press / to search (vendor: status: cat: code:)",
            theme.dim(),
        ));
    } else {
        spans.push(plain(text, theme.base()));
    }
    // Without a sidebar, say which vendor the table is narrowed to.
    if app.panes(frame.area()).sidebar.is_none()
        && let (Some(v), Some(index)) = (app.vendor(), &app.index)
    {
        spans.push(Span::styled(
            format!("  [{}]", index.vendors()[v].id),
            theme.label(),
        ));
    }
    if let Some(err) = &app.query_error {
        spans.push(Span::styled(format!("  {err}"), theme.warning()));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
    if editing {
        let before: String = text.chars().take(app.filter.cursor()).collect();
        // In usize: a pasted filter can be wider than u16 counts.
        let x = usize::from(area.x)
            + 2
            + unicode_width::UnicodeWidthStr::width(sanitize::line(&before).as_ref());
        if x < usize::from(area.right()) {
            frame.set_cursor_position((x as u16, area.y));
        }
    }
}

fn draw_status(app: &App, frame: &mut Frame, area: Rect, theme: &Theme) {
    let problems = problem_counts(app);
    let right = match &app.index {
        Some(_) => format!(
            "{problems}{}{}/{}  {} ",
            if app.searching { "… " } else { "" },
            if app.results.is_empty() {
                0
            } else {
                app.selected + 1
            },
            app.results.len(),
            app.lang.name()
        ),
        None => String::new(),
    };
    let left: Vec<Span> = if !app.status.is_empty() {
        let style = if app.status.starts_with("warning") || app.status.starts_with("copy failed") {
            theme.warning()
        } else {
            theme.good()
        };
        vec![plain(&app.status, style)]
    } else {
        key_hints(app)
            .iter()
            .flat_map(|(k, v)| {
                [
                    Span::styled(*k, theme.key()),
                    Span::styled(format!(" {v}  "), theme.dim()),
                ]
            })
            .collect()
    };
    let rw = right.chars().count() as u16;
    // A gap of one column keeps the hints and the counter apart.
    let left_area = Rect {
        width: area.width.saturating_sub(rw + 1),
        ..area
    };
    let left = ellipsize(left, left_area.width.into());
    frame.render_widget(Paragraph::new(Line::from(left)), left_area);
    if rw <= area.width {
        let r = Rect {
            x: area.right() - rw,
            width: rw,
            ..area
        };
        frame.render_widget(Paragraph::new(Span::styled(right, theme.dim())), r);
    }
}

/// The footer's count of warnings and problems, each kind for what it is, and the key that
/// lists them: `⚠ 1 config warning, 2 catalog problems (w)  `.
fn problem_counts(app: &App) -> String {
    use crate::tui::problems::count;
    let mut parts = Vec::new();
    if !app.warnings.is_empty() {
        parts.push(count(
            app.warnings.len(),
            "config warning",
            "config warnings",
        ));
    }
    if !app.problems.is_empty() {
        parts.push(count(
            app.problems.len(),
            "catalog problem",
            "catalog problems",
        ));
    }
    if parts.is_empty() {
        return String::new();
    }
    format!("⚠ {} (w)  ", parts.join(", "))
}

/// The footer's key hints: what the keys do in this mode and focus, so each hint is true.
fn key_hints(app: &App) -> &'static [(&'static str, &'static str)] {
    let sidebar = app.focus == Focus::Sidebar;
    match app.mode {
        Mode::Filter if app.pick => &[
            ("Enter", "pick"),
            ("Esc", "cancel"),
            ("↑↓", "move"),
            ("Ctrl-R", "history"),
        ],
        Mode::Normal if app.pick => &[
            ("Enter", "pick"),
            ("Esc", "cancel"),
            ("/", "filter"),
            ("Tab", "vendors"),
            ("L", "lang"),
            ("?", "help"),
        ],
        Mode::Filter => &[
            ("Enter", "keep"),
            ("Esc", "clear"),
            ("↑↓", "move"),
            ("Ctrl-R", "history"),
        ],
        Mode::Paste => &[
            ("Enter", "jump"),
            ("Tab", "next error"),
            ("Shift-↑↓", "scroll"),
            ("Ctrl-V", "paste"),
            ("Ctrl-L", "clear"),
            ("Esc", "back"),
        ],
        Mode::Help | Mode::Problems => &[("Esc", "close"), ("j/k", "scroll")],
        Mode::Editions => &[("Esc", "close"), ("j/k", "move")],
        Mode::Normal if sidebar => &[
            ("j/k", "vendor"),
            ("Enter/Tab", "its codes"),
            ("/", "filter"),
            ("?", "help"),
            ("q", "quit"),
        ],
        Mode::Normal => &[
            ("/", "filter"),
            ("Tab", "vendors"),
            ("y/Enter", "copy arm"),
            ("Y", "enum"),
            ("L", "lang"),
            ("p", "paste"),
            ("?", "help"),
            ("q", "quit"),
        ],
    }
}

fn draw_sidebar(app: &App, index: &Index, frame: &mut Frame, area: Rect, theme: &Theme) {
    let focused = app.focus == Focus::Sidebar && app.mode == Mode::Normal;
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(theme.border(focused))
        .title(" Vendors ");
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = inner.width as usize;
    let lines = layout::sidebar_lines(index);
    let offset = layout::sidebar_offset(&lines, app.sidebar, inner.height as usize);
    let shown: Vec<Line> = lines
        .iter()
        .skip(offset)
        .take(inner.height as usize)
        .map(|line| match *line {
            SidebarLine::Heading(name) => sidebar_heading(name, width, theme),
            SidebarLine::Item(n) => sidebar_item(app, index, n, width, theme),
        })
        .collect();
    frame.render_widget(Paragraph::new(shown), inner);
}

/// A group's heading in the sidebar: bold, and ruled to the edge, so it reads as a heading
/// without colour too.
fn sidebar_heading(name: &str, width: usize, theme: &Theme) -> Line<'static> {
    let name = truncate(&sanitize::line(name), width);
    let rule = width.saturating_sub(unicode_width::UnicodeWidthStr::width(name.as_str()) + 1);
    let mut spans = vec![Span::styled(name, theme.label())];
    if rule > 0 {
        spans.push(Span::styled(format!(" {}", "─".repeat(rule)), theme.dim()));
    }
    Line::from(spans)
}

/// Item `n` of the sidebar (0 is All): its name, cut in `…` where it must be, and its count
/// at the right edge.
fn sidebar_item(app: &App, index: &Index, n: usize, width: usize, theme: &Theme) -> Line<'static> {
    // While a filter is active: how many of the vendor's entries match.
    let (name, count) = match (n.checked_sub(1), &app.matches) {
        (None, Some(m)) => ("All".to_string(), m.iter().sum()),
        (None, None) => ("All".to_string(), index.len()),
        (Some(v), Some(m)) => (index.vendor_table(v).vendor().name.clone(), m[v]),
        (Some(v), None) => {
            let t = index.vendor_table(v);
            (t.vendor().name.clone(), t.len())
        }
    };
    let count = count.to_string();
    let name_w = width.saturating_sub(count.len() + 1);
    let name: String = truncate(&sanitize::line(&name), name_w);
    let pad =
        width.saturating_sub(unicode_width::UnicodeWidthStr::width(name.as_str()) + count.len());
    let style = if n == app.sidebar {
        theme.selected()
    } else {
        theme.base()
    };
    Line::from(vec![
        Span::styled(format!("{name}{}", " ".repeat(pad)), style),
        Span::styled(count, if n == app.sidebar { style } else { theme.dim() }),
    ])
}

/// The widest VENDOR column (vendor ids are cut in `…` beyond it).
const VENDOR_WIDTH: u16 = 10;
const HTTP_WIDTH: u16 = 4;
/// Below this inner width the HTTP column goes, to leave the message room.
const MIN_WIDTH_FOR_HTTP: u16 = 44;
/// The message keeps at least this many columns; the CODE column gives way first.
const MIN_MESSAGE_WIDTH: u16 = 12;

/// Widths of the table's columns (0: not shown).
struct Columns {
    vendor: u16,
    code: u16,
    http: u16,
    message: usize,
}

/// The table's columns for the `visible` rows in `width` columns. VENDOR is there whenever the
/// results come from more than one vendor, at any width (`5 NOT_FOUND` and `5 Input/output
/// error` are told apart by it), as wide as the ids shown need; HTTP goes on narrow screens;
/// CODE is as wide as the codes shown, but leaves the message its room; cut text ends in `…`.
fn table_columns(app: &App, index: &Index, visible: &[crate::index::Hit], width: u16) -> Columns {
    let widest = |f: &dyn Fn(crate::index::RowId) -> usize| {
        visible.iter().map(|h| f(h.row)).max().unwrap_or(0) as u16
    };
    let vendor = if app.many_vendors {
        widest(&|row| {
            let v = index.row_vendor(row);
            index.vendors()[v].id.chars().count()
        })
        .clamp("VENDOR".len() as u16, VENDOR_WIDTH)
    } else {
        0
    };
    let http = if width >= MIN_WIDTH_FOR_HTTP {
        HTTP_WIDTH
    } else {
        0
    };
    // Each shown column but the last is followed by a gap of one.
    let gap = |w: u16| if w > 0 { w + 1 } else { 0 };
    let room = width.saturating_sub(gap(vendor) + gap(http) + 1 + MIN_MESSAGE_WIDTH);
    let code = widest(&|row| index.code(row).chars().count())
        .clamp(4, 24)
        .min(room)
        .max(4);
    let message = width.saturating_sub(gap(vendor) + gap(code) + gap(http)) as usize;
    Columns {
        vendor,
        code,
        http,
        message,
    }
}

fn draw_table(app: &App, index: &Index, frame: &mut Frame, area: Rect, theme: &Theme) {
    let focused = app.focus == Focus::Table || app.mode == Mode::Filter;
    let title = match app.vendor() {
        Some(v) => format!(" {} ", index.vendor_table(v).vendor().name),
        None => " All vendors ".to_string(),
    };
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(theme.border(focused))
        .title(sanitize::line(&title).into_owned());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if app.results.is_empty() {
        let elsewhere: usize = app.matches.as_ref().map_or(0, |m| m.iter().sum());
        let msg = if app.searching {
            "searching…".to_string()
        } else if app.vendor().is_some() && elsewhere > 0 {
            format!(
                "no matches here; {elsewhere} in other catalogs (select All in the sidebar to see them)"
            )
        } else {
            "no matches".to_string()
        };
        frame.render_widget(
            Paragraph::new(Span::styled(msg, theme.dim()))
                .wrap(ratatui::widgets::Wrap { trim: true }),
            inner,
        );
        return;
    }
    let rows_fit = layout::table_rows(area);
    let visible = &app.results[app.offset.min(app.results.len())..]
        [..rows_fit.min(app.results.len() - app.offset.min(app.results.len()))];
    let mut highlighter = Highlighter::new(&app.query_text());
    let cols = table_columns(app, index, visible, inner.width);
    let show_vendor = cols.vendor > 0;
    let code_w = cols.code;
    let message_w = cols.message;
    let rows: Vec<Row> = visible
        .iter()
        .enumerate()
        .map(|(i, hit)| {
            let e = index.get(hit.row);
            let selected = app.offset + i == app.selected;
            let base = if selected {
                theme.selected()
            } else {
                theme.base()
            };
            let hl = if selected {
                theme.selected().patch(theme.matched())
            } else {
                theme.matched()
            };
            let code_hl = highlighter.indices(&e.entry.code);
            let headline = e.entry.headline();
            let msg_hl = highlighter.indices(&headline);
            let mut cells = Vec::new();
            if show_vendor {
                let id = truncate(&sanitize::line(&e.vendor.id), cols.vendor.into());
                cells.push(Cell::from(Span::styled(id, base)));
            }
            cells.push(Cell::from(Line::from(ellipsize(
                highlighted(&e.entry.code, &code_hl, base, hl),
                code_w.into(),
            ))));
            if cols.http > 0 {
                cells.push(Cell::from(plain(
                    &e.entry
                        .http_status
                        .map(|s| s.to_string())
                        .unwrap_or_default(),
                    base,
                )));
            }
            cells.push(Cell::from(Line::from(ellipsize(
                highlighted(&headline, &msg_hl, base, hl),
                message_w,
            ))));
            Row::new(cells).style(base)
        })
        .collect();
    let mut widths = Vec::new();
    let mut header = Vec::new();
    if show_vendor {
        widths.push(Constraint::Length(cols.vendor));
        header.push("VENDOR");
    }
    widths.push(Constraint::Length(code_w));
    header.push("CODE");
    if cols.http > 0 {
        widths.push(Constraint::Length(cols.http));
        header.push("HTTP");
    }
    widths.push(Constraint::Fill(1));
    header.push("MESSAGE");
    let table = Table::new(rows, widths)
        .header(Row::new(header).style(theme.label()))
        .column_spacing(1);
    frame.render_widget(table, inner);
}

fn draw_detail(app: &App, index: &Index, frame: &mut Frame, area: Rect, theme: &Theme) {
    frame.render_widget(Clear, area);
    let inner = Block::new().borders(Borders::ALL).inner(area);
    let Some(hit) = app.selected_hit() else {
        let block = Block::new()
            .borders(Borders::ALL)
            .border_style(theme.border(false))
            .title(" Detail ");
        frame.render_widget(block, area);
        return;
    };
    let e = index.get(hit.row);
    let entry = &e.entry;
    let mut head = vec![
        Span::styled(sanitize::line(&e.vendor.name).into_owned(), theme.label()),
        Span::raw("  "),
        Span::styled(sanitize::line(&entry.code).into_owned(), theme.matched()),
    ];
    if let Some(s) = entry.http_status {
        head.push(Span::raw(format!("  HTTP {s}")));
    }
    let cat: Vec<&str> = [&entry.category, &entry.subcategory]
        .into_iter()
        .flatten()
        .map(String::as_str)
        .collect();
    if !cat.is_empty() {
        head.push(Span::styled(
            format!("  {}", sanitize::line(&cat.join(" / "))),
            theme.dim(),
        ));
    }
    let mut lines: Vec<Line> = vec![Line::from(ellipsize(head, inner.width as usize))];
    let preview = app.preview.then(|| app.preview_arm()).flatten();
    let fields = match &preview {
        Some(_) => Vec::new(),
        None => detail::fields(index, hit.row, &app.query_text()),
    };
    if let Some((text, what)) = &preview {
        lines[0] = Line::from(ellipsize(
            vec![
                Span::styled("y copies ", theme.label()),
                plain(what, theme.base()),
            ],
            inner.width as usize,
        ));
        for row in detail::preview_rows(text, inner.width) {
            lines.push(Line::from(Span::styled(row, theme.base())));
        }
    }
    let width = detail::value_width(inner.width);
    for field in fields {
        let label_style = if field.matched {
            theme.matched()
        } else {
            theme.label()
        };
        let value_style = if field.link {
            theme.link()
        } else {
            theme.base()
        };
        for (i, row) in detail::value_rows(&field, width).into_iter().enumerate() {
            let label = match (i, field.matched) {
                (0, true) => format!("▸{:<w$}", field.label, w = detail::LABEL_WIDTH - 1),
                (0, false) => format!("{:<w$}", field.label, w = detail::LABEL_WIDTH),
                _ => " ".repeat(detail::LABEL_WIDTH),
            };
            lines.push(Line::from(vec![
                Span::styled(label, label_style),
                Span::raw(" "),
                Span::styled(row, value_style),
            ]));
        }
    }
    let height = inner.height as usize;
    let offset = app.detail_offset().min(lines.len().saturating_sub(height));
    // When it holds more than fits, the title says where the view is and how to move it.
    let title = if lines.len() > height {
        format!(
            " Detail {}-{} of {} (Shift-↑↓ Ctrl-D/U) ",
            offset + 1,
            (offset + height).min(lines.len()),
            lines.len()
        )
    } else {
        " Detail ".to_string()
    };
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(theme.border(false))
        .title(title);
    frame.render_widget(block, area);
    let shown: Vec<Line> = lines.into_iter().skip(offset).collect();
    frame.render_widget(Paragraph::new(shown), inner);
}

/// The source link on screen: its URL and where its text is drawn, one rectangle a row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub url: String,
    pub rects: Vec<Rect>,
}

/// Where `draw` puts the detail pane's source link on a screen of `area`, if it shows one
/// (the runtime makes it an OSC 8 hyperlink there). Agrees with `draw_detail` row for row.
pub fn source_link(app: &App, area: Rect) -> Option<Link> {
    if app.preview || !matches!(app.mode, Mode::Normal | Mode::Filter) {
        return None;
    }
    let index = app.index.as_deref()?;
    let hit = app.selected_hit()?;
    let pane = app.panes(area).detail?;
    let inner = Block::new().borders(Borders::ALL).inner(pane);
    let width = detail::value_width(inner.width);
    let height = inner.height as usize;
    let mut at = 1;
    let mut link = None;
    for field in detail::fields(index, hit.row, "") {
        let rows = detail::value_rows(&field, width);
        if field.link && super::open::is_web_link(&field.value) {
            link = Some((field.value.clone(), at, rows));
            break;
        }
        at += rows.len();
    }
    let (url, first, rows) = link?;
    let total = detail::rows(&detail::fields(index, hit.row, ""), inner.width);
    let offset = app.detail_offset().min(total.saturating_sub(height));
    let x = inner.x + detail::LABEL_WIDTH as u16 + 1;
    let rects: Vec<Rect> = rows
        .iter()
        .enumerate()
        .map(|(i, row)| (first + i, row))
        .filter(|(r, _)| *r >= offset && *r < offset + height)
        .map(|(r, row)| Rect {
            x,
            y: inner.y + (r - offset) as u16,
            width: (unicode_width::UnicodeWidthStr::width(row.as_str()) as u16)
                .min(inner.right().saturating_sub(x)),
            height: 1,
        })
        .collect();
    (!rects.is_empty()).then_some(Link { url, rects })
}

/// A centred rectangle of at most `w` x `h` inside `area`.
fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}
