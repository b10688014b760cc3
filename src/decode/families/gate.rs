//! Which family patterns can match a text, found before any of them is compiled. Each
//! pattern's leading literals (read from its syntax, as the regex crate's own prefilter reads
//! them) go into one Aho-Corasick automaton; a pattern runs only on a text that holds one of
//! its literals, and is compiled the first time one does. Exists for speed: compiling every
//! pattern took most of a one-line `errdex decode`. The plain path, every pattern on every
//! text, is what the tests compare with.

use aho_corasick::{AhoCorasick, MatchKind};
use regex_syntax::hir::literal::{ExtractKind, Extractor};

/// The patterns' leading literals, in one automaton.
pub struct Gate {
    literals: AhoCorasick,
    /// The pattern each literal of `literals` leads.
    owner: Vec<usize>,
    /// Patterns with no finite set of leading literals (or an empty one): run on every text.
    always: Vec<usize>,
    count: usize,
}

impl Gate {
    pub fn new<'a>(patterns: impl IntoIterator<Item = &'a str>) -> Gate {
        let mut literals: Vec<Vec<u8>> = Vec::new();
        let mut owner = Vec::new();
        let mut always = Vec::new();
        let mut count = 0;
        for (i, re) in patterns.into_iter().enumerate() {
            count += 1;
            match leading_literals(re) {
                Some(lits) => {
                    owner.extend(std::iter::repeat_n(i, lits.len()));
                    literals.extend(lits);
                }
                None => always.push(i),
            }
        }
        let literals = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .build(&literals)
            .expect("literals of family patterns fit an automaton");
        Gate {
            literals,
            owner,
            always,
            count,
        }
    }

    /// For each pattern, whether `text` may hold a match of it (a match is sure to start with
    /// one of its literals, so `false` is certain).
    pub fn candidates(&self, text: &str) -> Vec<bool> {
        let mut may = vec![false; self.count];
        for &i in &self.always {
            may[i] = true;
        }
        let mut left = self.count - self.always.len();
        for m in self.literals.find_overlapping_iter(text) {
            let p = self.owner[m.pattern().as_usize()];
            if !may[p] {
                may[p] = true;
                left -= 1;
                if left == 0 {
                    break;
                }
            }
        }
        may
    }
}

/// The literals every match of `re` starts with, or `None` when they are not a short finite
/// set of non-empty strings (a leading class, or too many case variants).
fn leading_literals(re: &str) -> Option<Vec<Vec<u8>>> {
    let hir = regex_syntax::parse(re).ok()?;
    let seq = Extractor::new().kind(ExtractKind::Prefix).extract(&hir);
    let lits = seq.literals()?;
    if lits.is_empty() || lits.iter().any(|l| l.as_bytes().is_empty()) {
        return None;
    }
    Some(lits.iter().map(|l| l.as_bytes().to_vec()).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use regex::Regex;

    #[test]
    fn a_pattern_runs_only_where_its_literals_are() {
        let gate = Gate::new([
            r"\bERROR (\d{4})",
            r"(?i)errno[:=] ?(\d+)",
            r"[A-Z]+: (\d+)",
        ]);
        assert_eq!(gate.candidates("ERROR 1045"), [true, false, true]);
        assert_eq!(gate.candidates("ErrNo: 2"), [false, true, true]);
        assert_eq!(gate.candidates("nothing"), [false, false, true]);
    }

    /// On every fixture paste, the gate lets through each pattern that matches: it only ever
    /// leaves out patterns with no match.
    #[test]
    fn the_gate_never_hides_a_match() {
        let patterns: Vec<&str> = super::super::ALL
            .iter()
            .flat_map(|f| f.patterns.iter().map(|p| p.re))
            .collect();
        let gate = Gate::new(patterns.iter().copied());
        let compiled: Vec<Regex> = patterns.iter().map(|p| Regex::new(p).unwrap()).collect();
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
        let files = ["pastes", "decode-set", "eval/families", "eval/decode"]
            .iter()
            .flat_map(|dir| std::fs::read_dir(root.join(dir)).into_iter().flatten())
            .map(|entry| entry.unwrap().path())
            .filter(|path| path.is_file());
        let mut texts = 0;
        let mut matched = 0;
        for path in files {
            let text = String::from_utf8_lossy(&std::fs::read(path).unwrap()).into_owned();
            let may = gate.candidates(&text);
            for (i, re) in compiled.iter().enumerate() {
                if re.is_match(&text) {
                    matched += 1;
                    assert!(may[i], "pattern {} matches but was gated out", patterns[i]);
                }
            }
            texts += 1;
        }
        assert!(
            texts > 50 && matched > 50,
            "{texts} texts, {matched} matches"
        );
    }
}
