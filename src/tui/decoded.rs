//! What the paste panel's decoded pane says: for each error found, its heading, what the text
//! said, how it was identified and the entry it names, wrapped to the pane's width with each
//! line's hanging indent kept. `update` counts the rows to bound scrolling, `ui` draws them:
//! both from here, so they agree.

use super::paste::PastePanel;
use super::rows::{Line, Row, Tone, wrap};
use crate::decode::Confidence;
use crate::index::Index;
use std::ops::Range;

/// The pane's lines, and which of them are the selected error's.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Content {
    pub lines: Vec<Line>,
    pub selected: Range<usize>,
}

/// The pane's content for what the panel holds.
pub fn content(panel: &PastePanel, index: &Index) -> Content {
    let mut lines = Vec::new();
    let mut selected = 0..0;
    if let Some(n) = &panel.notice {
        lines.push(Line::new(Tone::Warning, n));
    }
    match &panel.decoded {
        None => lines.push(Line::new(
            Tone::Dim,
            "Paste JSON, a log line or an HTTP response: errdex names the vendor and code.",
        )),
        Some(d) if d.errors.is_empty() => {
            lines.push(Line::new(Tone::Dim, "no error found in this text"))
        }
        Some(d) => {
            if let Some(n) = &d.notice {
                lines.push(Line::new(Tone::Warning, n));
            }
            for (i, err) in d.errors.iter().enumerate() {
                let start = lines.len();
                let is_selected = i == panel.selected;
                let mut head = format!(
                    "{} {}",
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
                let tone = if is_selected {
                    Tone::Selected
                } else {
                    Tone::Base
                };
                lines.push(Line::labelled(
                    if is_selected { "▶ " } else { "  " },
                    tone,
                    &head,
                    tone,
                ));
                if let Some(m) = &err.message {
                    lines.push(Line::labelled("    says: ", Tone::Dim, m, Tone::Dim));
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
                lines.push(Line::labelled("    how:  ", Tone::Dim, &how, Tone::Dim));
                if let Some(n) = &err.note {
                    lines.push(Line::labelled("    note: ", Tone::Label, n, Tone::Warning));
                }
                if let Some(r) = &err.retry_after {
                    let wait = r.describe();
                    lines.push(Line::labelled("    wait: ", Tone::Label, &wait, Tone::Base));
                }
                for d in &err.details {
                    let said = crate::decode::describe_detail(d);
                    lines.push(Line::labelled(
                        "    detail: ",
                        Tone::Label,
                        &said,
                        Tone::Base,
                    ));
                }
                match err.match_rows.first() {
                    Some(&row) => {
                        let e = index.get(row);
                        let headline = e.entry.headline();
                        lines.push(Line::labelled("    ", Tone::Base, &headline, Tone::Good));
                        if let Some(s) = e.entry.summary_en.as_ref().filter(|s| **s != headline) {
                            lines.push(Line::labelled("    ", Tone::Base, s, Tone::Base));
                        }
                        if let Some(f) = &e.entry.fix {
                            let fix = f.to_string();
                            lines.push(Line::labelled("    fix: ", Tone::Label, &fix, Tone::Base));
                        }
                        if let Some(k) = e.entry.kind {
                            let retry = e
                                .entry
                                .retry
                                .map_or(String::new(), |r| format!(" · retry: {}", r.id()));
                            let kind = format!("{}{retry}", k.id());
                            lines.push(Line::labelled(
                                "    kind: ",
                                Tone::Label,
                                &kind,
                                Tone::Base,
                            ));
                        }
                        if let Some(a) = crate::decode::retry::advice(index, err) {
                            lines.push(Line::labelled(
                                "    retrying: ",
                                Tone::Label,
                                a,
                                Tone::Base,
                            ));
                        }
                    }
                    None => {
                        if err.confidence == Confidence::NotInCatalog {
                            lines.push(Line::new(Tone::Warning, "    not in catalog"));
                        }
                        for &row in err.suggestion_rows.iter().take(3) {
                            let e = index.get(row);
                            let text =
                                format!("{} {} {}", e.vendor.id, e.entry.code, e.entry.headline());
                            lines.push(Line::labelled("    maybe: ", Tone::Dim, &text, Tone::Dim));
                        }
                    }
                }
                if is_selected {
                    selected = start..lines.len();
                }
            }
        }
    }
    Content { lines, selected }
}

/// The content as screen rows of at most `width` columns, and the rows of the selected error.
pub fn rows(content: &Content, width: usize) -> (Vec<Row>, Range<usize>) {
    let mut out = Vec::new();
    let mut selected = 0..0;
    for (i, line) in content.lines.iter().enumerate() {
        if i == content.selected.start {
            selected.start = out.len();
        }
        out.extend(wrap(line, width));
        if i + 1 == content.selected.end {
            selected.end = out.len();
        }
    }
    (out, selected)
}

/// The first row shown in `height` rows: the panel's own scroll where the user scrolled (within
/// the content), else as few rows skipped as keep the selected error in view, never past its
/// first row.
pub fn offset(
    scroll: Option<usize>,
    total: usize,
    selected: &Range<usize>,
    height: usize,
) -> usize {
    let max = total.saturating_sub(height);
    match scroll {
        Some(n) => n.min(max),
        None => selected
            .end
            .saturating_sub(height)
            .min(selected.start)
            .min(max),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_offset_keeps_the_selection_in_view_unless_the_user_scrolled() {
        // Ten rows in four: the selected error at rows 5..8.
        assert_eq!(offset(None, 10, &(5..8), 4), 4);
        assert_eq!(offset(None, 10, &(5..12), 4), 5, "never past its first row");
        assert_eq!(offset(None, 10, &(0..2), 4), 0);
        assert_eq!(offset(Some(3), 10, &(0..2), 4), 3);
        assert_eq!(offset(Some(30), 10, &(0..2), 4), 6, "within the content");
    }
}
