//! Files that are not regular files, for tests of what errdex does when one stands where it
//! reads or writes.

use std::path::Path;

/// Makes a FIFO at `path` (with `mkfifo`, as a user would).
pub fn mkfifo(path: impl AsRef<Path>) {
    let path = path.as_ref();
    let status = std::process::Command::new("mkfifo").arg(path).status();
    assert!(
        status.is_ok_and(|s| s.success()),
        "mkfifo {}",
        path.display()
    );
}
