//! Which lines hold a trigger word, in any case: the one test most lines of a log get.
//! [`in_line`] is the plain definition; [`Triggers::hits`] answers it for a block of lines at
//! once (lower-cased in one pass, searched with SIMD) and is tested against it.

use crate::decode::families;
use aho_corasick::{AhoCorasick, Input, MatchKind};
use std::sync::LazyLock;

/// Words a line must hold for the decoder to look at it: the envelopes' keys (`code`, `err`,
/// `fail`), what logs say about errors, HTTP clients' and proxies' printouts, and each family's own words
/// (`crate::decode::families`). A line with none (most of a log, JSON lines of requests
/// included) is only copied; a bare vendor message without one of these words is the price
/// (`decode` still finds it). Lower case.
pub static WORDS: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    let mut words: Vec<&'static str> = GENERAL.to_vec();
    for w in families::trigger_words() {
        if !words.contains(&w) {
            words.push(w);
        }
    }
    words
});

/// The words of no one family.
const GENERAL: &[&str] = &[
    "code",
    "err",
    "fail",
    "denied",
    "exceed",
    "invalid",
    "refused",
    "timeout",
    "timed out",
    "unavailable",
    "exception",
    "panic",
    "fatal",
    "warn",
    "limit",
    "not found",
    "does not exist",
    "expired",
    "forbidden",
    "unauthorized",
    "too many",
    "cannot",
    "could not",
    "no such",
    "broken pipe",
    "reset by peer",
    // HTTP errors as clients and proxies print them, and error pages.
    "status code",
    "with status",
    "gateway",
    "upstream",
    "bad request",
    "conflict",
];

/// Whether `text` holds one of the [`WORDS`], in any case.
pub fn in_line(text: &[u8]) -> bool {
    let lower = text.to_ascii_lowercase();
    WORDS
        .iter()
        .any(|w| memchr::memmem::find(&lower, w.as_bytes()).is_some())
}

pub struct Triggers {
    /// The words in groups: SIMD search (Teddy) slows down sharply past a dozen words.
    groups: Vec<AhoCorasick>,
    /// The block being searched, lower-cased.
    lower: Vec<u8>,
}

impl Triggers {
    pub fn new() -> Triggers {
        Triggers {
            groups: WORDS
                .chunks(WORDS.len().div_ceil(3))
                .map(|group| {
                    AhoCorasick::builder()
                        .match_kind(MatchKind::LeftmostFirst)
                        .build(group)
                        .expect("the words are plain text")
                })
                .collect(),
            lower: Vec::new(),
        }
    }

    /// Where in `text` the lines holding a word have one, into `hits`, in order (one or more
    /// for each such line). A line of `text` holds a word when one of these falls in it.
    pub fn hits(&mut self, text: &[u8], hits: &mut Vec<usize>) {
        self.lower.clear();
        self.lower.extend_from_slice(text);
        self.lower.make_ascii_lowercase();
        hits.clear();
        for searcher in &self.groups {
            let mut at = 0;
            while let Some(m) = searcher.find(Input::new(&self.lower).span(at..self.lower.len())) {
                hits.push(m.start());
                // One is enough for a line: on to the next.
                match memchr::memchr(b'\n', &self.lower[m.start()..]) {
                    Some(nl) => at = m.start() + nl + 1,
                    None => break,
                }
            }
        }
        hits.sort_unstable();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Flags per line from [`Triggers::hits`], as the reader uses them.
    fn flags(text: &[u8]) -> Vec<bool> {
        let mut hits = Vec::new();
        Triggers::new().hits(text, &mut hits);
        let mut next = 0;
        text.split_inclusive(|&b| b == b'\n')
            .scan(0, |start, line| {
                let end = *start + line.len();
                while next < hits.len() && hits[next] < *start {
                    next += 1;
                }
                let hit = next < hits.len() && hits[next] < end;
                *start = end;
                Some(hit)
            })
            .collect()
    }

    #[test]
    fn the_block_search_agrees_with_the_plain_one_line_by_line() {
        let mut text = Vec::new();
        let samples: &[&[u8]] = &[
            b"INFO GET /api 200 12ms\n",
            b"ERROR upstream failed\n",
            b"{\"Code\": 5}\n",
            b"   timed out\n",
            b"timed\n",
            b" out\n",
            b"\xff\xfe ERR \x00\n",
            b"sql STATE 23505 and http/1.1 and more words\n",
            b"\n",
            b"codecode fail fail\n",
            b"no newline at the end, curl",
        ];
        // Every order of a few samples, so words meet line ends and starts.
        for (i, a) in samples.iter().enumerate() {
            for b in samples.iter().skip(i) {
                text.extend_from_slice(a);
                text.extend_from_slice(b);
            }
        }
        let plain: Vec<bool> = text.split_inclusive(|&b| b == b'\n').map(in_line).collect();
        assert_eq!(flags(&text), plain);
        assert!(plain.iter().any(|&f| f) && plain.iter().any(|&f| !f));
    }

    #[test]
    fn words_are_lower_case() {
        assert!(WORDS.iter().all(|w| w.to_ascii_lowercase() == *w));
    }
}
