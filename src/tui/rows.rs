//! Text as screen rows: lines of pieces, each in a tone the drawing styles, wrapped to a width
//! with each line's hanging indent kept. The panes whose content `update` must measure (to
//! bound scrolling) and `ui` draws make their rows here, so the two agree.

use crate::sanitize;
use unicode_width::UnicodeWidthChar;

/// What a piece of text is, for the drawing to style it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Base,
    /// The selected item.
    Selected,
    Dim,
    Label,
    /// An answer: the entry an error names.
    Good,
    Warning,
}

/// A screen row: pieces of text, each in its tone.
pub type Row = Vec<(Tone, String)>;

/// One line before wrapping; its continuation rows start under column `hang`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub pieces: Row,
    pub hang: usize,
}

impl Line {
    pub fn new(tone: Tone, text: &str) -> Line {
        Line {
            pieces: vec![(tone, sanitize::line(text).into_owned())],
            hang: 0,
        }
    }

    /// `label` (`"    says: "`) then `text`, wrapping under the text.
    pub fn labelled(label: &str, label_tone: Tone, text: &str, tone: Tone) -> Line {
        Line {
            pieces: vec![
                (label_tone, label.to_string()),
                (tone, sanitize::line(text).into_owned()),
            ],
            hang: label.chars().count(),
        }
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

/// `lines` as screen rows of at most `width` columns.
pub fn rows(lines: &[Line], width: usize) -> Vec<Row> {
    lines.iter().flat_map(|l| wrap(l, width)).collect()
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
}
