//! Files errdex reads or writes that are not catalogs (the history, the config file, `-o`
//! outputs, man pages): only regular files, read under a size limit, written atomically. A
//! FIFO would block a read forever, a device (`/dev/zero`) never ends, and replacing one by
//! rename would remove it from the system.

use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

/// What a file that is not a regular one is, in words (`a FIFO`), or `None` for a regular file,
/// a folder or a link.
pub fn special_kind(kind: &std::fs::FileType) -> Option<&'static str> {
    use std::os::unix::fs::FileTypeExt;
    if kind.is_fifo() {
        Some("a FIFO")
    } else if kind.is_char_device() || kind.is_block_device() {
        Some("a device")
    } else if kind.is_socket() {
        Some("a socket")
    } else {
        None
    }
}

fn not_regular(meta: &std::fs::Metadata) -> io::Error {
    let what = if meta.is_dir() {
        "a folder"
    } else {
        special_kind(&meta.file_type()).unwrap_or("not a regular file")
    };
    io::Error::new(
        io::ErrorKind::InvalidInput,
        format!("it is {what}; errdex reads and writes only regular files"),
    )
}

/// The bytes of a regular file (links followed) of at most `limit` bytes; anything else is an
/// `InvalidInput` error saying what it is, checked before the file is opened, and the read
/// stops at `limit` whatever the file grows to meanwhile.
pub fn read_regular(path: &Path, limit: u64) -> io::Result<Vec<u8>> {
    let meta = std::fs::metadata(path)?;
    if !meta.is_file() {
        return Err(not_regular(&meta));
    }
    if meta.len() > limit {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!(
                "it is {} bytes, over the {limit} bytes errdex reads",
                meta.len()
            ),
        ));
    }
    let mut bytes = Vec::new();
    std::fs::File::open(path)?
        .take(limit)
        .read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// Whether `path` (links followed) exists and is not a regular file: what an output must not
/// replace.
pub fn is_special(path: &Path) -> bool {
    std::fs::metadata(path).is_ok_and(|m| !m.is_file())
}

/// Writes `data` to a temporary file next to `path`, then moves it into place, so `path` is
/// never left half-written. Without `overwrite`, an existing `path` is left alone
/// (`AlreadyExists`), even when it appears while the data is written. A symbolic link is
/// written through: its target gets the data and keeps its permissions. Ctrl-C, SIGTERM or
/// SIGHUP before the file is in place removes the temporary file and ends with `Interrupted`.
pub fn write_atomically(path: &Path, data: &[u8], overwrite: bool) -> io::Result<()> {
    // The number of the signal that arrived, 0 while none has.
    let stop = Arc::new(AtomicUsize::new(0));
    let mut ids = Vec::new();
    for sig in [SIGINT, SIGTERM, SIGHUP] {
        ids.push(signal_hook::flag::register_usize(
            sig,
            stop.clone(),
            sig as usize,
        )?);
    }
    let result = write_through(path, data, overwrite, &stop);
    for id in ids {
        signal_hook::low_level::unregister(id);
    }
    result
}

/// The error of a write stopped by a signal: its kind is `Interrupted`, and
/// [`stopping_signal`] tells which signal it was.
#[derive(Debug)]
struct Stopped(i32);

impl std::fmt::Display for Stopped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "stopped by signal {}", self.0)
    }
}

impl std::error::Error for Stopped {}

/// The signal that stopped a [`write_atomically`], so the caller can exit 128 + it.
pub fn stopping_signal(err: &io::Error) -> Option<i32> {
    err.get_ref()?.downcast_ref::<Stopped>().map(|s| s.0)
}

/// [`write_atomically`] with the stop flag its signals set: checked between steps, so a stop
/// leaves `path` as it was and no temporary file.
fn write_through(
    path: &Path,
    data: &[u8],
    overwrite: bool,
    stop: &AtomicUsize,
) -> std::io::Result<()> {
    let target = link_target(path)?;
    let path = target.as_path();
    if let Ok(meta) = std::fs::metadata(path)
        && !meta.is_file()
    {
        return Err(not_regular(&meta));
    }
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path.file_name().ok_or_else(|| {
        std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            "the output path names no file",
        )
    })?;
    let (tmp, mut file) = (0..100)
        .find_map(|n| {
            let mut tmp_name = std::ffi::OsString::from(".");
            tmp_name.push(name);
            tmp_name.push(format!(".{}.{n}.tmp", std::process::id()));
            let tmp = dir.join(tmp_name);
            match std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&tmp)
            {
                Ok(f) => Some(Ok((tmp, f))),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => None,
                Err(e) => Some(Err(e)),
            }
        })
        .unwrap_or_else(|| Err(std::io::Error::other("no free temporary file name")))?;
    let stopped = || -> std::io::Result<()> {
        match stop.load(Ordering::Relaxed) {
            0 => Ok(()),
            sig => Err(io::Error::new(
                io::ErrorKind::Interrupted,
                Stopped(sig as i32),
            )),
        }
    };
    let result = (|| {
        // The file replaced keeps its permissions (a catalog kept read-only stays so).
        if let Ok(old) = std::fs::metadata(path) {
            file.set_permissions(old.permissions())?;
        }
        for chunk in data.chunks(1 << 16) {
            stopped()?;
            file.write_all(chunk)?;
        }
        file.sync_all()?;
        drop(file);
        stopped()?;
        if overwrite {
            return std::fs::rename(&tmp, path);
        }
        // A hard link fails if `path` exists: no window where it could be overwritten.
        match std::fs::hard_link(&tmp, path) {
            Ok(()) => std::fs::remove_file(&tmp),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Err(e),
            // File systems without hard links: check, then rename.
            Err(_) if path.exists() => Err(std::io::ErrorKind::AlreadyExists.into()),
            Err(_) => std::fs::rename(&tmp, path),
        }
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// The file a path names: itself, or the end of its chain of symbolic links (which must
/// exist: a dangling link is refused rather than guessed at).
fn link_target(path: &Path) -> std::io::Result<PathBuf> {
    match std::fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => std::fs::canonicalize(path).map_err(|e| {
            std::io::Error::new(
                e.kind(),
                format!("it is a symbolic link that leads to no file ({e})"),
            )
        }),
        _ => Ok(path.to_path_buf()),
    }
}

/// Makes a FIFO at `path` (with `mkfifo`, as a user would): for tests of special files.
#[cfg(test)]
pub(crate) fn mkfifo(path: &Path) {
    let status = std::process::Command::new("mkfifo").arg(path).status();
    assert!(
        status.is_ok_and(|s| s.success()),
        "mkfifo {}",
        path.display()
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::FileTypeExt;

    #[test]
    fn a_stopped_write_leaves_the_file_and_no_temporary_one() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.json");
        std::fs::write(&path, b"old").unwrap();
        let stop = AtomicUsize::new(SIGTERM as usize);
        let err = write_through(&path, &[b'x'; 300_000], true, &stop).unwrap_err();
        assert_eq!(err.kind(), std::io::ErrorKind::Interrupted);
        assert_eq!(stopping_signal(&err), Some(SIGTERM));
        assert_eq!(std::fs::read(&path).unwrap(), b"old");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn atomic_write_never_overwrites_without_force() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.json");
        write_atomically(&path, b"one", false).unwrap();
        let err = write_atomically(&path, b"two", false).unwrap_err();
        assert_eq!(err.kind(), std::io::ErrorKind::AlreadyExists);
        assert_eq!(std::fs::read(&path).unwrap(), b"one");
        write_atomically(&path, b"three", true).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"three");
        // No temporary files are left behind.
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn special_files_are_neither_read_nor_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("fifo");
        mkfifo(&fifo);
        let err = read_regular(&fifo, 100).unwrap_err();
        assert!(err.to_string().contains("a FIFO"), "{err}");
        let err = write_atomically(&fifo, b"x", true).unwrap_err();
        assert!(err.to_string().contains("a FIFO"), "{err}");
        assert!(is_special(&fifo));
        let link = dir.path().join("zero");
        std::os::unix::fs::symlink("/dev/zero", &link).unwrap();
        assert!(
            read_regular(&link, 1 << 20)
                .unwrap_err()
                .to_string()
                .contains("a device")
        );
        assert!(write_atomically(Path::new("/dev/null"), b"x", true).is_err());
        assert!(
            std::fs::metadata("/dev/null")
                .unwrap()
                .file_type()
                .is_char_device()
        );
        let big = dir.path().join("big");
        std::fs::write(&big, [b'a'; 101]).unwrap();
        assert!(
            read_regular(&big, 100)
                .unwrap_err()
                .to_string()
                .contains("over the 100")
        );
        assert_eq!(read_regular(&big, 101).unwrap().len(), 101);
        // Only the files made here: no temporary one left.
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 3);
    }
}
