//! Decoding pasted error text (JSON in logs, HTTP transcripts, runtimes' printouts, bare
//! messages) into errors matched against the index, naming a vendor only on evidence.
//!
//! A [`Decoder`] is the index prepared once; [`Decoder::decode`] prepares the paste once
//! ([`paste`]: its text, status lines and lines) and runs the [`stages`] over it in order, each
//! in its own file, placing errors in a [`run`] that merges them into a [`Report`]. The readers
//! the stages use: [`extract`] finds JSON-ish documents (parsed by [`lenient`], which never
//! recurses), [`printouts`] the bodies runtimes print in other shapes; every object is examined,
//! top down, against each catalog's `envelope` ([`envelope`]). A vendor is named only when the
//! object shows its envelope's evidence; otherwise only a message that names exactly one entry
//! identifies it ([`matching`]), and a code alone is a suggestion. [`families`] finds the
//! standard families' printouts (gRPC, errno, SQLSTATE, SQLite, curl), status lines give HTTP
//! errors, and bare lines are compared with catalog messages ([`similarity`]). Every error
//! ([`FoundError`]) says how it was identified ([`Confidence`]) and by what.

mod clauses;
mod decoder;
mod echo;
mod envelope;
mod extract;
pub mod families;
mod http_bodies;
mod http_printouts;
mod lenient;
mod links;
mod matching;
mod paste;
mod printouts;
mod report;
pub mod retry;
mod retry_after;
mod rpc_details;
mod rpc_status;
mod rpc_text;
mod run;
mod similarity;
mod stages;
mod weigh;
mod wrap;

use crate::index::Index;
use paste::Paste;
use run::Run;

pub use decoder::Decoder;
pub use report::{Confidence, FoundError, Report};
pub use retry_after::RetryAfter;
pub use rpc_details::describe as describe_detail;

/// Pastes larger than this are refused with a notice.
pub const MAX_PASTE_BYTES: usize = 16 * 1024 * 1024;
/// At most this many errors are reported; a notice says when there were more.
pub const MAX_ERRORS: usize = 1000;

/// Decodes pasted text against the index. Never panics; work is linear in the paste.
pub fn decode(text: &str, index: &Index) -> Report {
    Decoder::new(index).decode(text)
}

impl Decoder<'_> {
    /// [`decode`] with what was prepared: every stage over the paste, in order (a stage may
    /// look at what the ones before it found).
    pub fn decode(&self, text: &str) -> Report {
        if text.len() > MAX_PASTE_BYTES {
            return Report {
                errors: Vec::new(),
                notice: Some(format!(
                    "paste refused: {} is more than the {} errdex decodes",
                    megabytes(text.len()),
                    megabytes(MAX_PASTE_BYTES)
                )),
            };
        }
        let paste = Paste::new(text);
        let mut run = Run::new(self);
        let mut docs = run.documents(&paste);
        docs.extend(run.printouts(&paste));
        docs.sort_by_key(|r| r.start);
        run.families(&paste);
        run.bare_lines(&paste, &docs);
        run.status_lines(&paste);
        run.http_printouts(&paste);
        run.rpc_trailers(&paste);
        run.loose_details(&paste);
        run.retry_headers(&paste);
        run.finish()
    }
}

fn megabytes(n: usize) -> String {
    format!("{:.1} MB", n as f64 / (1024.0 * 1024.0))
}

#[cfg(test)]
mod tests;
