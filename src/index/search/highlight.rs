//! What the explorer marks in a row's text as matching the query.

use super::scoring::{Special, is_special};
use crate::fold::fold;
use crate::index::words;
use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};

/// Finds which characters of displayed text the query's free text matched, for highlighting:
/// the words the word tiers match (as written, inflected, derived, with a typo, or a longer
/// word they start), CJK runs and special terms' text where they occur, and when none of these
/// is there, the letters the fuzzy tier matched.
pub struct Highlighter {
    words: Vec<(String, String, String, usize)>,
    texts: Vec<String>,
    pattern: Option<Pattern>,
    matcher: Matcher,
}

impl Highlighter {
    pub fn new(query_text: &str) -> Highlighter {
        let (special, plain): (Vec<&str>, Vec<&str>) =
            query_text.split_whitespace().partition(|t| is_special(t));
        let mut words = Vec::new();
        let mut texts: Vec<String> = special
            .iter()
            .filter_map(|t| Special::parse(t))
            .filter(|s| !s.negative)
            .map(|s| s.text.to_lowercase())
            .collect();
        for token in words::tokens(&plain.join(" ")) {
            match token {
                words::Token::Word(w) => words.push((
                    words::inflect(&w),
                    words::derive(&w),
                    w.clone(),
                    words::typo_budget(&w),
                )),
                words::Token::Cjk(c) => texts.push(c),
            }
        }
        let plain = plain.join(" ");
        let pattern = (!plain.trim().is_empty())
            .then(|| Pattern::parse(&fold(&plain), CaseMatching::Smart, Normalization::Smart));
        Highlighter {
            words,
            texts,
            pattern,
            matcher: Matcher::new(Config::DEFAULT),
        }
    }

    /// Sorted char positions in `text` (folded the same way as the search) that matched.
    pub fn indices(&mut self, text: &str) -> Vec<u32> {
        // One char for one char, so positions are positions in `text`.
        let chars: Vec<char> = fold(text)
            .chars()
            .map(|c| c.to_lowercase().next().unwrap_or(c))
            .collect();
        let mut indices = Vec::new();
        let mut start = 0;
        while start < chars.len() {
            let is_word = |c: char| c.is_alphanumeric() && !words::is_cjk(c);
            if !is_word(chars[start]) {
                start += 1;
                continue;
            }
            let mut end = start;
            while end < chars.len() && is_word(chars[end]) {
                end += 1;
            }
            let word: String = chars[start..end].iter().collect();
            let (inflected, derived) = (words::inflect(&word), words::derive(&word));
            let hit = self.words.iter().any(|(i, d, w, budget)| {
                *i == inflected
                    || *d == derived
                    || (w.len() >= 3 && word.starts_with(w.as_str()))
                    || (*budget > 0 && words::within_edits(&word, w, *budget))
            });
            if hit {
                indices.extend(start as u32..end as u32);
            }
            start = end;
        }
        for t in &self.texts {
            let needle: Vec<char> = t.chars().collect();
            if needle.is_empty() || needle.len() > chars.len() {
                continue;
            }
            for at in 0..=chars.len() - needle.len() {
                if chars[at..at + needle.len()] == needle[..] {
                    indices.extend(at as u32..(at + needle.len()) as u32);
                }
            }
        }
        if indices.is_empty()
            && let Some(pattern) = &self.pattern
        {
            let folded = fold(text);
            let mut buf = Vec::new();
            let hay = Utf32Str::new(&folded, &mut buf);
            for atom in pattern.atoms.iter().filter(|a| !a.negative) {
                atom.indices(hay, &mut self.matcher, &mut indices);
            }
        }
        indices.sort_unstable();
        indices.dedup();
        indices
    }
}
