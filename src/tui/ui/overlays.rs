//! Panels drawn over the main view: help, the paste panel, and a vendor's editions.

use super::text::split_line;
use super::{Theme, centered, plain};
use crate::index::Index;
use crate::sanitize;
use crate::tui::action::HELP;
use crate::tui::app::App;
use crate::tui::layout;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

pub fn help(app: &App, frame: &mut Frame, area: Rect, theme: &Theme) {
    let mut lines: Vec<Line> = Vec::new();
    for (group, keys) in HELP {
        lines.push(Line::from(Span::styled(*group, theme.label())));
        for (k, v) in *keys {
            lines.push(Line::from(vec![
                Span::styled(format!("  {k:<14}"), theme.key()),
                Span::raw(*v),
            ]));
        }
    }
    let r = layout::help_rect(area, lines.len());
    let shown = usize::from(r.height.saturating_sub(2));
    let offset = app.help_scroll.min(lines.len().saturating_sub(shown));
    let title = if shown < lines.len() {
        format!(
            " Help {}-{} of {} (j/k scroll, Esc closes) ",
            offset + 1,
            offset + shown,
            lines.len()
        )
    } else {
        " Help (Esc closes) ".to_string()
    };
    frame.render_widget(Clear, r);
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(theme.border(true))
        .title(title);
    let lines: Vec<Line> = lines.into_iter().skip(offset).collect();
    frame.render_widget(Paragraph::new(lines).block(block).style(theme.base()), r);
}

pub fn paste(app: &App, index: &Index, frame: &mut Frame, area: Rect, theme: &Theme) {
    frame.render_widget(Clear, area);
    // The answer matters more than the question: at small heights the decoded list keeps a
    // row of its own inside its border, and the text area gives way.
    let decoded_height = (area.height - area.height * 45 / 100)
        .max(3)
        .min(area.height);
    let [input, results] = Layout::vertical([
        Constraint::Length(area.height - decoded_height),
        Constraint::Length(decoded_height),
    ])
    .areas(area);
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(theme.border(true))
        .title(" Paste an error response (Esc returns) ");
    let inner = block.inner(input);
    frame.render_widget(block, input);
    frame.render_widget(&app.paste.textarea, inner);

    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(theme.border(false))
        .title(" Decoded (Ctrl-↑↓ picks, Enter jumps) ");
    let mut lines: Vec<Line> = Vec::new();
    // The selected error's lines, kept in view.
    let (mut selected_at, mut selected_end) = (0, 0);
    if let Some(n) = &app.paste.notice {
        lines.push(Line::from(plain(n, theme.warning())));
    }
    match &app.paste.decoded {
        None => lines.push(Line::from(Span::styled(
            "Paste JSON, a log line or an HTTP response: errdex names the vendor and code.",
            theme.dim(),
        ))),
        Some(d) if d.errors.is_empty() => lines.push(Line::from(Span::styled(
            "no error found in this text",
            theme.dim(),
        ))),
        Some(d) => {
            if let Some(n) = &d.notice {
                lines.push(Line::from(plain(n, theme.warning())));
            }
            for (i, err) in d.errors.iter().enumerate() {
                if i == app.paste.selected {
                    selected_at = lines.len();
                }
                let selected = i == app.paste.selected;
                let mark = if selected { "▶ " } else { "  " };
                let style = if selected {
                    theme.selected()
                } else {
                    theme.base()
                };
                let mut head = format!(
                    "{mark}{} {}",
                    err.vendor.as_deref().unwrap_or("unknown vendor"),
                    err.code.as_deref().unwrap_or("(no code)")
                );
                if let Some(s) = err.http_status {
                    head.push_str(&format!("  HTTP {s}"));
                }
                if let Some(f) = &err.field {
                    head.push_str(&format!("  field {f}"));
                }
                head.push_str(&format!("  at {}", err.path));
                lines.push(Line::from(plain(&head, style)));
                if let Some(m) = &err.message {
                    lines.push(Line::from(vec![
                        Span::styled("    says: ", theme.dim()),
                        plain(m, theme.dim()),
                    ]));
                }
                let how = if err.evidence.is_empty() {
                    err.confidence.describe().to_string()
                } else {
                    format!(
                        "{} ({})",
                        err.confidence.describe(),
                        err.evidence.join("; ")
                    )
                };
                lines.push(Line::from(vec![
                    Span::styled("    how:  ", theme.dim()),
                    plain(&how, theme.dim()),
                ]));
                if let Some(n) = &err.note {
                    lines.push(Line::from(vec![
                        Span::styled("    note: ", theme.label()),
                        plain(n, theme.warning()),
                    ]));
                }
                if let Some(r) = &err.retry_after {
                    lines.push(Line::from(vec![
                        Span::styled("    wait: ", theme.label()),
                        plain(&r.describe(), theme.base()),
                    ]));
                }
                for d in &err.details {
                    lines.push(Line::from(vec![
                        Span::styled("    detail: ", theme.label()),
                        plain(&crate::decode::describe_detail(d), theme.base()),
                    ]));
                }
                match err.match_rows.first() {
                    Some(&row) => {
                        let e = index.get(row);
                        let headline = e.entry.headline();
                        lines.push(Line::from(vec![
                            Span::raw("    "),
                            plain(&headline, theme.good()),
                        ]));
                        if let Some(s) = e.entry.summary_en.as_ref().filter(|s| **s != headline) {
                            lines.push(Line::from(vec![Span::raw("    "), plain(s, theme.base())]));
                        }
                        if let Some(f) = &e.entry.fix {
                            lines.push(Line::from(vec![
                                Span::styled("    fix: ", theme.label()),
                                plain(&f.to_string(), theme.base()),
                            ]));
                        }
                        if let Some(k) = e.entry.kind {
                            let retry = e
                                .entry
                                .retry
                                .map_or(String::new(), |r| format!(" · retry: {}", r.id()));
                            lines.push(Line::from(vec![
                                Span::styled("    kind: ", theme.label()),
                                plain(&format!("{}{retry}", k.id()), theme.base()),
                            ]));
                        }
                    }
                    None => {
                        if err.confidence == crate::decode::Confidence::NotInCatalog {
                            lines.push(Line::from(Span::styled(
                                "    not in catalog",
                                theme.warning(),
                            )));
                        }
                        for &row in err.suggestion_rows.iter().take(3) {
                            let e = index.get(row);
                            lines.push(Line::from(vec![
                                Span::styled("    maybe: ", theme.dim()),
                                plain(
                                    &format!(
                                        "{} {} {}",
                                        e.vendor.id,
                                        e.entry.code,
                                        e.entry.headline()
                                    ),
                                    theme.dim(),
                                ),
                            ]));
                        }
                    }
                }
                if i == app.paste.selected {
                    selected_end = lines.len();
                }
            }
        }
    }
    let inner = block.inner(results);
    frame.render_widget(block, results);
    let width = usize::from(inner.width);
    let rows: Vec<Vec<Line>> = lines.into_iter().map(|l| split_line(l, width)).collect();
    let skip = scroll_to_show(&rows, selected_at, selected_end, usize::from(inner.height));
    let shown: Vec<Line> = rows.into_iter().skip(skip).flatten().collect();
    frame.render_widget(Paragraph::new(shown), inner);
}

/// The first of `rows` (each a line split into screen rows) to draw in `height` rows so that
/// lines `start..end` (the selected error) are in view: as few skipped as that needs, and never
/// past `start`, so the selected error's first line always shows.
fn scroll_to_show(rows: &[Vec<Line>], start: usize, end: usize, height: usize) -> usize {
    let mut skip = 0;
    let mut used: usize = rows[..end.min(rows.len())].iter().map(Vec::len).sum();
    while used > height && skip < start {
        used -= rows[skip].len();
        skip += 1;
    }
    skip
}

pub fn editions(app: &App, index: &Index, frame: &mut Frame, area: Rect, theme: &Theme) {
    let Some(hit) = app.selected_hit() else {
        return;
    };
    let vendor = index.row_vendor(hit.row);
    let code = index.code(hit.row);
    let mut lines: Vec<Line> = Vec::new();
    for (n, &ci) in index.vendors()[vendor].editions.iter().enumerate() {
        let cat = &index.tables()[ci];
        let style = if n == app.edition_cursor {
            theme.selected()
        } else {
            theme.label()
        };
        let mut head = format!(
            "{}{}",
            cat.edition().id,
            if n == 0 { " (newest)" } else { "" }
        );
        if let Some(d) = &cat.edition().date {
            head.push_str(&format!("  {d}"));
        }
        head.push_str(&format!("  {} rows", cat.len()));
        lines.push(Line::from(plain(&head, style)));
        let rows: Vec<_> = (0..cat.len())
            .filter(|&i| cat.code(i) == code)
            .map(|i| cat.entry(i))
            .collect();
        if rows.is_empty() {
            lines.push(Line::from(Span::styled(
                format!("    {code}: not in this edition"),
                theme.dim(),
            )));
        }
        for e in rows {
            let mut text = format!("    {}: {}", code, e.headline());
            if let Some(d) = &e.description {
                text.push_str(&format!(" — {d}"));
            }
            lines.push(Line::from(Span::raw(sanitize::line(&text).into_owned())));
        }
    }
    let r = centered(
        area,
        area.width.saturating_sub(4).max(20),
        lines.len() as u16 + 2,
    );
    frame.render_widget(Clear, r);
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(theme.border(true))
        .title(format!(
            " Editions of {} (Esc closes) ",
            index.vendors()[vendor].id
        ));
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false }),
        r,
    );
}
