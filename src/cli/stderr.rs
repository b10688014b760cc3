//! Messages for people: warnings, notes, "nothing found" and usage errors, on stderr, so stdout
//! holds results only. `eprintln!` panics when stderr cannot be written (`2>/dev/full`); these
//! never do, and remember the failure so the run ends with exit 2 instead of passing silently.

use std::fmt;
use std::io::Write;
use std::sync::atomic::{AtomicBool, Ordering};

/// Set once a message could not be written; read by [`failed`] when the command ends.
static FAILED: AtomicBool = AtomicBool::new(false);

/// Writes one message to stderr, its line breaks kept and every other control character shown,
/// not sent: messages quote file names, queries and arguments, which may hold escapes.
pub fn line(args: fmt::Arguments<'_>) {
    let text = crate::sanitize::block(&args.to_string());
    let mut err = std::io::stderr().lock();
    if writeln!(err, "{text}").and_then(|()| err.flush()).is_err() {
        FAILED.store(true, Ordering::Relaxed);
    }
}

/// Whether some message could not be written.
pub fn failed() -> bool {
    FAILED.load(Ordering::Relaxed)
}

/// `eprintln!` that neither panics nor goes unnoticed (see the module docs).
macro_rules! say {
    ($($arg:tt)*) => {
        $crate::cli::stderr::line(format_args!($($arg)*))
    };
}
