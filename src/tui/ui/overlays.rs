//! Panels drawn over the main view: help, the paste panel, and a vendor's editions.

use super::text::{ellipsize, truncate};
use super::{Theme, centered, plain};
use crate::index::Index;
use crate::sanitize;
use crate::tui::action::HELP;
use crate::tui::app::App;
use crate::tui::decoded;
use crate::tui::layout;
use crate::tui::rows::{Row, Tone};
use ratatui::Frame;
use ratatui::layout::Rect;
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
    // Cut lines end in `…` at every width.
    let inner_width = usize::from(r.width.saturating_sub(2));
    let lines: Vec<Line> = lines
        .into_iter()
        .map(|l| Line::from(ellipsize(l.spans, inner_width)))
        .collect();
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
    let title = super::truncate(&title, inner_width);
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
    let (input, results) = layout::paste_panes(area);
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(theme.border(true))
        .title(truncate(
            " Paste an error response (Esc returns) ",
            usize::from(input.width.saturating_sub(2)),
        ));
    let inner = block.inner(input);
    frame.render_widget(block, input);
    frame.render_widget(&app.paste.textarea, inner);

    let inner = Block::new().borders(Borders::ALL).inner(results);
    let width = usize::from(inner.width);
    let height = usize::from(inner.height);
    let content = decoded::content(&app.paste, index);
    let (rows, selected) = decoded::rows(&content, width);
    let offset = decoded::offset(app.paste.scroll, rows.len(), &selected, height);
    // When it holds more than fits, the title says where the view is and how to move it, and
    // the bottom border how much is below.
    let title = if rows.len() > height {
        format!(
            " Decoded {}-{} of {} (Shift-↑↓ Ctrl-D/U scroll, Tab picks, Enter jumps) ",
            offset + 1,
            (offset + height).min(rows.len()),
            rows.len()
        )
    } else {
        " Decoded (Tab picks, Enter jumps) ".to_string()
    };
    let mut block = Block::new()
        .borders(Borders::ALL)
        .border_style(theme.border(false))
        .title(truncate(&title, width));
    let below = rows.len().saturating_sub(offset + height);
    if below > 0 {
        block = block.title_bottom(
            Line::from(Span::styled(
                truncate(&format!(" ↓ {below} more "), width),
                theme.label(),
            ))
            .right_aligned(),
        );
    }
    frame.render_widget(block, results);
    let shown: Vec<Line> = rows
        .into_iter()
        .skip(offset)
        .take(height)
        .map(|row| styled(row, theme))
        .collect();
    frame.render_widget(Paragraph::new(shown), inner);
}

/// A row of pieces in the styles of their tones.
fn styled(row: Row, theme: &Theme) -> Line<'static> {
    let style = |tone: Tone| match tone {
        Tone::Base => theme.base(),
        Tone::Selected => theme.selected(),
        Tone::Dim => theme.dim(),
        Tone::Label => theme.label(),
        Tone::Good => theme.good(),
        Tone::Warning => theme.warning(),
    };
    Line::from(
        row.into_iter()
            .map(|(tone, text)| Span::styled(text, style(tone)))
            .collect::<Vec<_>>(),
    )
}

/// The list of config warnings and catalog problems (`w`), over the body; it scrolls.
pub fn problems(app: &App, frame: &mut Frame, area: Rect, theme: &Theme) {
    frame.render_widget(Clear, area);
    let (rows, height) = app.problem_rows();
    let offset = app.problems_scroll.min(rows.len().saturating_sub(height));
    let width = usize::from(area.width.saturating_sub(2));
    let title = if rows.len() > height {
        format!(
            " Warnings and problems {}-{} of {} (j/k scroll, Esc closes) ",
            offset + 1,
            (offset + height).min(rows.len()),
            rows.len()
        )
    } else {
        " Warnings and problems (Esc closes) ".to_string()
    };
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(theme.border(true))
        .title(truncate(&title, width));
    let shown: Vec<Line> = rows
        .into_iter()
        .skip(offset)
        .take(height)
        .map(|row| styled(row, theme))
        .collect();
    frame.render_widget(Paragraph::new(shown).block(block).style(theme.base()), area);
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
