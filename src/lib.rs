//! errdex: an offline, instant explorer for API error codes.
//!
//! Data flows one way: `catalog` files load into an [`index::Index`]; the `cli` and the `tui`
//! read from it; `decode` turns pasted text into errors matched against it; `snippet` turns
//! entries into code.

pub mod catalog;
pub mod cli;
pub mod clipboard;
pub mod decode;
pub mod files;
pub mod fold;
pub mod index;
pub mod lsp;
pub mod query;
pub mod sanitize;
pub mod snippet;
pub mod tui;
