//! errdex: an offline, instant explorer for API error codes.
//!
//! Data flows one way: `catalog` files load into an [`index::Index`]; the `cli` and the `tui`
//! read from it; `decode` turns pasted text into errors matched against it; `snippet` turns
//! entries into code; `present` says what an entry and a decoded error mean, for every front end.

pub mod catalog;
pub mod cli;
pub mod clipboard;
pub mod decode;
pub mod files;
pub mod fold;
pub mod index;
pub mod lsp;
pub mod present;
pub mod query;
pub mod sanitize;
pub mod snippet;
pub mod tui;
