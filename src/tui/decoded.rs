//! What the paste panel's decoded pane says: for each error found, its heading, what the text
//! said, how it was identified and the entry it names, wrapped to the pane's width with each
//! line's hanging indent kept. `update` counts the rows to bound scrolling, `ui` draws them:
//! both from here, so they agree.

use super::paste::PastePanel;
use crate::decode::Confidence;
use crate::index::Index;
use crate::sanitize;
use std::ops::Range;
use unicode_width::UnicodeWidthChar;

/// What a piece of text is, for the drawing to style it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Base,
    /// The selected error's heading.
    Selected,
    Dim,
    Label,
    /// The entry an error names.
    Good,
    Warning,
}

/// A screen row: pieces of text, each in its tone.
pub type Row = Vec<(Tone, String)>;

/// One line of the pane before wrapping; its continuation rows start under column `hang`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub pieces: Row,
    pub hang: usize,
}

impl Line {
    fn new(tone: Tone, text: &str) -> Line {
        Line {
            pieces: vec![(tone, sanitize::line(text).into_owned())],
            hang: 0,
        }
    }

    /// `label` (`"    says: "`) then `text`, wrapping under the text.
    fn labelled(label: &str, label_tone: Tone, text: &str, tone: Tone) -> Line {
        Line {
            pieces: vec![
                (label_tone, label.to_string()),
                (tone, sanitize::line(text).into_owned()),
            ],
            hang: label.chars().count(),
        }
    }
}

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

/// `line` cut into rows of at most `width` columns, at spaces where it can (between characters
/// in a word longer than a row, and in CJK text); rows after the first start with `hang`
/// spaces, so a wrapped value stays under itself (not where it leaves too little room).
pub fn wrap(line: &Line, width: usize) -> Vec<Row> {
    let width = width.max(1);
    let hang = if line.hang * 2 <= width { line.hang } else { 0 };
    let chars: Vec<(char, Tone)> = line
        .pieces
        .iter()
        .flat_map(|(t, s)| s.chars().map(move |c| (c, *t)))
        .collect();
    let cw = |c: char| c.width().unwrap_or(0);
    let mut rows: Vec<&[(char, Tone)]> = Vec::new();
    let mut start = 0;
    let mut used = 0;
    // The room of the row being filled: the first has all of it, the others less the hang.
    let room = |rows: &Vec<&[(char, Tone)]>| if rows.is_empty() { width } else { width - hang };
    let mut after_space = None;
    let mut i = 0;
    while i < chars.len() {
        let w = cw(chars[i].0);
        if used + w > room(&rows) && i > start {
            // At the last space, but never right after the first row's label.
            let end = after_space
                .filter(|&e| e > start && (!rows.is_empty() || e > hang))
                .unwrap_or(i);
            rows.push(&chars[start..end]);
            start = end;
            // A continuation does not start with the spaces it broke at.
            while start < chars.len() && chars[start].0 == ' ' {
                start += 1;
            }
            i = i.max(start);
            used = chars[start..i].iter().map(|&(c, _)| cw(c)).sum();
            after_space = None;
            continue;
        }
        used += w;
        if chars[i].0 == ' ' {
            after_space = Some(i + 1);
        }
        i += 1;
    }
    rows.push(&chars[start..]);
    rows.into_iter()
        .enumerate()
        .map(|(n, row)| {
            let mut out: Row = Vec::new();
            if n > 0 && hang > 0 {
                out.push((Tone::Base, " ".repeat(hang)));
            }
            for &(c, tone) in row {
                match out.last_mut() {
                    Some((t, s)) if *t == tone => s.push(c),
                    _ => out.push((tone, c.to_string())),
                }
            }
            out
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(rows: &[Row]) -> Vec<String> {
        rows.iter()
            .map(|r| r.iter().map(|(_, s)| s.as_str()).collect())
            .collect()
    }

    #[test]
    fn a_long_value_wraps_under_itself() {
        let line = Line::labelled(
            "    says: ",
            Tone::Dim,
            "Token is invalid or expired",
            Tone::Dim,
        );
        assert_eq!(
            texts(&wrap(&line, 24)),
            [
                "    says: Token is ",
                "          invalid or ",
                "          expired"
            ]
        );
        // Too narrow for the hang: rows start at the left edge.
        assert_eq!(texts(&wrap(&line, 12))[1], "Token is ");
    }

    #[test]
    fn wide_characters_and_long_words_are_kept_whole_and_cut_between_characters() {
        let line = Line::labelled("  ", Tone::Base, "錯誤錯誤錯誤 abcdefghijkl", Tone::Base);
        let rows = texts(&wrap(&line, 8));
        assert_eq!(rows, ["  錯誤錯", "  誤錯誤", "  abcdef", "  ghijkl"]);
        for r in &rows {
            assert!(
                unicode_width::UnicodeWidthStr::width(r.as_str()) <= 8,
                "{r}"
            );
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
