//! What loading gives, whichever reader read the file (`load`, `stream`, `validate`, `check`):
//! the rows a caller keeps entries in, a catalog that loaded and where it came from, and a
//! problem with a file. Apart from `load` so that the readers it calls need not import it.

use super::model::{Catalog, Entry, EntryFields};
use crate::sanitize::line;
use std::fmt;
use std::path::PathBuf;

/// Where the loader puts a catalog's entries as it reads them: the index packs them for search
/// as they come (`index::TableBuilder`), so a million entries never exist as [`Entry`] values
/// at once; `Vec<Entry>` keeps them as the model.
pub trait Rows: Sized + Send + 'static {
    /// No rows yet, of the vendor `vendor_id`.
    fn for_vendor(vendor_id: &str) -> Self;
    fn push(&mut self, entry: &EntryFields<'_>) -> Result<(), TooLarge>;
    /// Adds `later`'s rows after these, as if pushed here (a second reader thread's rows).
    fn append(&mut self, later: Self) -> Result<(), TooLarge>;
}

impl Rows for Vec<Entry> {
    fn for_vendor(_: &str) -> Self {
        Vec::new()
    }

    fn push(&mut self, entry: &EntryFields<'_>) -> Result<(), TooLarge> {
        Vec::push(self, entry.to_entry());
        Ok(())
    }

    fn append(&mut self, mut later: Self) -> Result<(), TooLarge> {
        Vec::append(self, &mut later);
        Ok(())
    }
}

/// A catalog would not fit the rows it is packed into (see `index::Table`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the catalog is too large (over 4 GiB of text, or a field over 128 MiB)")]
pub struct TooLarge;

/// A catalog that loaded: everything but its entries (`header.entries` is empty), its rows,
/// and where it came from.
#[derive(Debug)]
pub struct Loaded<R> {
    pub header: Catalog,
    pub rows: R,
    pub origin: Origin,
}

impl Loaded<Vec<Entry>> {
    /// The whole catalog.
    pub fn catalog(self) -> Catalog {
        Catalog {
            entries: self.rows,
            ..self.header
        }
    }
}

/// Where a catalog came from, for notices and the detail pane.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    Embedded(&'static str),
    File(PathBuf),
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Origin::Embedded(name) => write!(f, "embedded:{name}"),
            Origin::File(path) => write!(f, "{}", path.display()),
        }
    }
}

/// One problem with a catalog file, located as precisely as the parser allows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CatalogProblem {
    pub file: String,
    /// 1-based; 0 when the problem is about the whole file (unreadable, missing).
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl CatalogProblem {
    /// A problem with the whole file (unreadable, missing, too large), at no line.
    pub fn whole_file(file: impl fmt::Display, message: impl Into<String>) -> CatalogProblem {
        CatalogProblem {
            file: file.to_string(),
            line: 0,
            column: 0,
            message: message.into(),
        }
    }
}

impl fmt::Display for CatalogProblem {
    /// One line, safe to print: a file name or a key quoted from the catalog (serde names an
    /// unknown field as written) may hold control characters; they are shown escaped.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (file, message) = (line(&self.file), line(&self.message));
        if self.line == 0 {
            write!(f, "{file}: {message}")
        } else {
            write!(f, "{file}:{}:{}: {message}", self.line, self.column)
        }
    }
}
