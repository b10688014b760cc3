//! What the paste panel's decoded pane says: for each error found, its heading, what the text
//! said, how it was identified and the entry it names, wrapped to the pane's width with each
//! line's hanging indent kept. `update` counts the rows to bound scrolling, `ui` draws them:
//! both from here, so they agree.

use super::paste::PastePanel;
use super::rows::{Line, Row, Tone, wrap};
use crate::decode::Confidence;
use crate::index::Index;
use crate::present::{self, decoded::Role, decoded::heading};
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
                let tone = if is_selected {
                    Tone::Selected
                } else {
                    Tone::Base
                };
                let mark = if is_selected { "▶ " } else { "  " };
                lines.push(Line::labelled(mark, tone, &heading(err), tone));
                for said in present::decoded::lines(index, err) {
                    let (label, text) = match said.role {
                        Role::How if err.confidence == Confidence::NotInCatalog => {
                            (Tone::Dim, Tone::Warning)
                        }
                        Role::How | Role::Said | Role::Or | Role::Maybe => (Tone::Dim, Tone::Dim),
                        Role::Means => (Tone::Label, Tone::Good),
                        Role::Note => (Tone::Label, Tone::Warning),
                        _ => (Tone::Label, Tone::Base),
                    };
                    let label_text = format!("    {}: ", said.role.label());
                    lines.push(Line::labelled(&label_text, label, &said.text, text));
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
    fn an_error_s_details_and_wait_are_shown() {
        let index = Index::embedded();
        let mut panel = PastePanel::default();
        panel.paste(
            "2024/05/14 10:32:07 charge failed: rpc error: code = ResourceExhausted desc = quota exceeded\n\
             2024/05/14 10:32:07 details: [retry_delay:{seconds:30} violations:{subject:\"project:acme-prod\" description:\"Daily limit reached\"}]\n",
            &index,
        );
        let text: Vec<String> = content(&panel, &index)
            .lines
            .iter()
            .map(|l| l.pieces.iter().map(|(_, t)| t.as_str()).collect())
            .collect();
        for want in [
            "    wait: retry after 30 s (RetryInfo: 30s)",
            "    detail: RetryInfo: retry after 30s",
            "    detail: QuotaFailure: project:acme-prod: Daily limit reached",
        ] {
            assert!(text.iter().any(|l| l == want), "{want:?} in {text:#?}");
        }
    }

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
