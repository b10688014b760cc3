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

/// Bytes of history errdex reads: far more than [`MAX_ENTRIES`] queries take.
pub const MAX_BYTES: u64 = 1 << 20;

/// The saved queries, oldest first. A missing or unreadable file, and anything that is not a
/// regular file of at most [`MAX_BYTES`] (a FIFO would block, `/dev/zero` never ends), is an
/// empty history.
pub fn load(path: &Path) -> Vec<String> {
    crate::files::read_regular(path, MAX_BYTES)
        .map(|bytes| {
            String::from_utf8_lossy(&bytes)
                .lines()
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default()
}

/// Saves `entries` (this explorer's list) into `path`, keeping the queries another explorer
/// saved there meanwhile: those go before this one's, which are the newest. The file is
/// replaced atomically and no temporary file is left on failure. A `path` that leads to
/// something other than a regular file (`history -> /dev/null` turns history off) is left
/// alone.
pub fn save(path: &Path, entries: &[String]) -> io::Result<()> {
    if crate::files::is_special(path) {
        return Ok(());
    }
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let merged = merge(&load(path), entries);
    let mut text = merged.join("\n");
    text.push('\n');
    crate::files::write_atomically(path, text.as_bytes(), true)
}

/// `saved` (what the file holds now) with `ours` after it, each query once, where it is newest,
/// the newest [`MAX_ENTRIES`] kept.
fn merge(saved: &[String], ours: &[String]) -> Vec<String> {
    let mut merged: Vec<String> = saved
        .iter()
        .filter(|q| !ours.contains(q))
        .cloned()
        .collect();
    merged.extend(ours.iter().cloned());
    History::new(merged).entries
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

    #[test]
    fn saving_keeps_what_another_explorer_saved() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("history");
        save(&file, &["a".into(), "b".into()]).unwrap();
        // Another explorer, started before, saves its own list.
        save(&file, &["c".into(), "a".into()]).unwrap();
        assert_eq!(load(&file), ["b", "c", "a"]);
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_history_that_is_not_a_regular_file_is_neither_read_nor_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let off = dir.path().join("history");
        std::os::unix::fs::symlink("/dev/null", &off).unwrap();
        save(&off, &["token".into()]).unwrap();
        assert_eq!(std::fs::read_link(&off).unwrap(), Path::new("/dev/null"));
        let zero = dir.path().join("zero");
        std::os::unix::fs::symlink("/dev/zero", &zero).unwrap();
        assert!(load(&zero).is_empty());
        let fifo = dir.path().join("fifo");
        crate::files::mkfifo(&fifo);
        assert!(load(&fifo).is_empty());
        save(&fifo, &["token".into()]).unwrap();
        let big = dir.path().join("big");
        std::fs::write(&big, vec![b'x'; MAX_BYTES as usize + 1]).unwrap();
        assert!(load(&big).is_empty());
    }
}
