//! What people say for what the catalogs say: `assets/synonyms.json`, a small table written
//! for this project. A phrase of the query that is a key there may be matched by any of the
//! key's phrases instead (as a weaker match than its own words).

use super::words::{inflect, words_of};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::sync::OnceLock;

#[derive(Deserialize)]
struct File {
    synonyms: BTreeMap<String, Vec<String>>,
}

/// One entry of the table: a phrase people say, and the phrases catalogs use for it, each as
/// its words ([`inflect`] stems for the key, words for the phrases).
#[derive(Debug)]
pub struct Synonym {
    pub key: Vec<String>,
    pub phrases: Vec<Vec<String>>,
}

/// The table, parsed once.
pub fn table() -> &'static [Synonym] {
    static TABLE: OnceLock<Vec<Synonym>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let file: File = serde_json::from_str(include_str!("../../assets/synonyms.json"))
            .expect("assets/synonyms.json is tested");
        file.synonyms
            .into_iter()
            .map(|(key, phrases)| Synonym {
                key: words_of(&key).iter().map(|w| inflect(w)).collect(),
                phrases: phrases.iter().map(|p| words_of(p)).collect(),
            })
            .filter(|s| !s.key.is_empty())
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_parses_and_every_phrase_has_words() {
        let t = table();
        assert!(t.len() >= 60, "{}", t.len());
        for s in t {
            assert!(!s.phrases.is_empty(), "{:?}", s.key);
            assert!(s.phrases.iter().all(|p| !p.is_empty()), "{:?}", s.key);
        }
    }
}
