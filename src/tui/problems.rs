//! The list `w` opens: every config warning and catalog problem, each with its
//! `file:line:col`, and the notes of loading (a user catalog replacing an embedded one).

use super::rows::{Line, Tone};

/// The list's lines: a heading for each kind that has any, then its items, each wrapping under
/// itself.
pub fn lines(warnings: &[String], problems: &[String], notes: &[String]) -> Vec<Line> {
    let mut out = Vec::new();
    let mut group = |heading: String, items: &[String], tone: Tone| {
        if items.is_empty() {
            return;
        }
        out.push(Line::new(Tone::Label, &heading));
        out.extend(
            items
                .iter()
                .map(|item| Line::labelled("  ", Tone::Base, item, tone)),
        );
    };
    group(
        count(warnings.len(), "config warning", "config warnings"),
        warnings,
        Tone::Warning,
    );
    group(
        count(problems.len(), "catalog problem", "catalog problems"),
        problems,
        Tone::Warning,
    );
    group(count(notes.len(), "note", "notes"), notes, Tone::Base);
    if out.is_empty() {
        out.push(Line::new(
            Tone::Dim,
            "no config warnings and no catalog problems",
        ));
    }
    out
}

/// `1 config warning`, `2 config warnings`.
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn warnings_problems_and_notes_each_under_their_heading() {
        let text = |lines: Vec<Line>| -> Vec<String> {
            lines
                .iter()
                .map(|l| l.pieces.iter().map(|(_, s)| s.as_str()).collect())
                .collect()
        };
        let w = vec!["/c/config.toml:2:8: unknown theme `sepia`".to_string()];
        let p = vec![
            "/u/a.json:3:5: expected a string".to_string(),
            "/u/b.json:1:1: not JSON".to_string(),
        ];
        assert_eq!(
            text(lines(&w, &p, &[])),
            [
                "1 config warning",
                "  /c/config.toml:2:8: unknown theme `sepia`",
                "2 catalog problems",
                "  /u/a.json:3:5: expected a string",
                "  /u/b.json:1:1: not JSON",
            ]
        );
        assert_eq!(text(lines(&[], &[], &[])).len(), 1);
    }
}
