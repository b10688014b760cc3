//! Query history for the filter bar (↑/↓ while filtering), kept across runs in
//! `$XDG_STATE_HOME/errdex/history` (default `~/.local/state/errdex/history`), one query a line,
//! oldest first. The list logic is pure; the runtime reads and writes the file.

use std::io;
use std::path::{Path, PathBuf};

/// Queries kept; older ones fall off.
pub const MAX_ENTRIES: usize = 500;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct History {
    entries: Vec<String>,
    /// The entry shown while browsing; `None` when the filter holds the user's own text.
    cursor: Option<usize>,
    /// What the filter held before browsing began, given back after the newest entry.
    draft: String,
}

impl History {
    pub fn new(mut entries: Vec<String>) -> History {
        entries.retain(|e| !e.trim().is_empty());
        let extra = entries.len().saturating_sub(MAX_ENTRIES);
        entries.drain(..extra);
        History {
            entries,
            cursor: None,
            draft: String::new(),
        }
    }

    pub fn entries(&self) -> &[String] {
        &self.entries
    }

    /// Adds `query` as the newest entry (once: an earlier copy moves up). An empty query is
    /// never kept. Returns whether the list changed.
    pub fn record(&mut self, query: &str) -> bool {
        self.cursor = None;
        let query = query.trim();
        if query.is_empty() || self.entries.last().is_some_and(|e| e == query) {
            return false;
        }
        self.entries.retain(|e| e != query);
        self.entries.push(query.to_string());
        let extra = self.entries.len().saturating_sub(MAX_ENTRIES);
        self.entries.drain(..extra);
        true
    }

    /// ↑: the entry before the one shown (`current` is the filter's text, kept as the draft
    /// when browsing starts). `None` when there is nothing older.
    pub fn older(&mut self, current: &str) -> Option<&str> {
        let next = match self.cursor {
            None => {
                self.draft = current.to_string();
                self.entries.len().checked_sub(1)?
            }
            Some(0) => return None,
            Some(i) => i - 1,
        };
        self.cursor = Some(next);
        Some(&self.entries[next])
    }

    /// ↓: the entry after the one shown, and after the newest the draft. `None` when not
    /// browsing.
    pub fn newer(&mut self) -> Option<&str> {
        let i = self.cursor?;
        if i + 1 < self.entries.len() {
            self.cursor = Some(i + 1);
            Some(&self.entries[i + 1])
        } else {
            self.cursor = None;
            Some(&self.draft)
        }
    }
}

/// Where the history lives: `$XDG_STATE_HOME/errdex/history`, else
/// `~/.local/state/errdex/history`; `None` without either variable.
pub fn path() -> Option<PathBuf> {
    let var = |k: &str| {
        std::env::var_os(k)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    };
    let state = var("XDG_STATE_HOME")
        .filter(|p| p.is_absolute())
        .or_else(|| var("HOME").map(|h| h.join(".local/state")))?;
    Some(state.join("errdex").join("history"))
}

/// The saved queries, oldest first; a missing or unreadable file is an empty history.
pub fn load(path: &Path) -> Vec<String> {
    std::fs::read(path)
        .map(|bytes| {
            String::from_utf8_lossy(&bytes)
                .lines()
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default()
}

/// Writes `entries` to `path` whole (through a temporary file, so a crash mid-write cannot
/// leave half a history).
pub fn save(path: &Path, entries: &[String]) -> io::Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let tmp = path.with_extension("tmp");
    let mut text = entries.join("\n");
    text.push('\n');
    std::fs::write(&tmp, text)?;
    std::fs::rename(&tmp, path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn browsing_goes_back_and_returns_to_the_draft() {
        let mut h = History::new(vec!["token".into(), "rate".into()]);
        assert_eq!(h.newer(), None, "not browsing");
        assert_eq!(h.older("draft"), Some("rate"));
        assert_eq!(h.older("ignored"), Some("token"));
        assert_eq!(h.older("ignored"), None, "nothing older");
        assert_eq!(h.newer(), Some("rate"));
        assert_eq!(h.newer(), Some("draft"));
        assert_eq!(h.newer(), None);
        assert_eq!(History::default().older("x"), None);
    }

    #[test]
    fn recording_skips_empty_queries_moves_repeats_and_keeps_the_newest_500() {
        let mut h = History::default();
        assert!(!h.record(""));
        assert!(!h.record("   "));
        assert!(h.record("a"));
        assert!(h.record("b"));
        assert!(!h.record("b"));
        assert!(h.record("a"));
        assert_eq!(h.entries(), ["b", "a"]);
        for i in 0..600 {
            h.record(&format!("q{i}"));
        }
        assert_eq!(h.entries().len(), MAX_ENTRIES);
        assert_eq!(h.entries().first().map(String::as_str), Some("q100"));
        assert_eq!(h.entries().last().map(String::as_str), Some("q599"));
        let loaded = History::new((0..700).map(|i| i.to_string()).collect());
        assert_eq!(loaded.entries().len(), MAX_ENTRIES);
        assert_eq!(loaded.entries()[0], "200");
    }

    #[test]
    fn saved_and_loaded_through_a_file() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("state/errdex/history");
        assert!(load(&file).is_empty());
        save(&file, &["token".into(), "v:pixnet 1302".into()]).unwrap();
        assert_eq!(load(&file), ["token", "v:pixnet 1302"]);
    }
}
