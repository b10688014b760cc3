//! `errdex lsp`: a language server on standard input and output that explains the error codes
//! in code and logs where they are read. Hover on a code whose context shows it is one (see
//! [`scan`]) gives its entries as Markdown; inlay hints name it (off unless the client's
//! initialization options turn them on); code actions insert the vendor's match arm or enum in
//! the document's language, or show every catalog's entries for the code.
//!
//! Which catalogs a code is read in: the family its context names, else the vendors the
//! workspace's `.errdex.toml` names, else the vendors the document shows ([`evidence`]), else
//! every catalog with the code, each named ([`resolve`]). The server reads the documents it is
//! sent, the catalogs and `.errdex.toml`, and nothing else; it runs nothing and writes nothing.

mod actions;
mod catalogs;
mod document;
mod evidence;
mod lex;
mod logs;
mod names;
mod render;
mod resolve;
mod scan;
mod server;
pub mod transport;
mod workspace;

pub use server::{Server, Step};

use crate::index::Index;
use std::io::{self, Write};
use transport::Incoming;

/// Serves on standard input and output until `exit` (or the end of the input); returns the
/// process's exit code: 0 after `shutdown` then `exit`, 1 otherwise.
pub fn serve(load: impl FnOnce() -> Index + Send + 'static) -> i32 {
    let stdin = io::stdin();
    let mut input = io::BufReader::with_capacity(1 << 16, stdin.lock());
    let stdout = io::stdout();
    let mut out = stdout.lock();
    let mut server = Server::new(load);
    loop {
        let step = match transport::read(&mut input) {
            Ok(Incoming::Message(m)) => server.handle(m),
            Ok(Incoming::Malformed(error)) => {
                if transport::write_value(&mut out, &error).is_err() {
                    return 1;
                }
                Step::Continue
            }
            Ok(Incoming::End) | Err(_) => return 1,
        };
        for message in server.take_outbox() {
            if transport::write_value(&mut out, &message).is_err() {
                return 1;
            }
        }
        if out.flush().is_err() {
            return 1;
        }
        if let Step::Exit(code) = step {
            return code;
        }
    }
}
