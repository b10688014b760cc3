//! Reading a large catalog file with two threads, for speed only (a million rows load in about
//! two thirds of the time). The second thread starts at an entry it finds in the middle of the
//! file (`,` then `{` then `"code"`: only an entry start in the `entries` array looks like that,
//! since a JSON string cannot hold a bare `"`), and the first, reading from the start, takes the
//! second's rows only if it arrives exactly there; otherwise it reads on alone. So a file reads
//! the same either way; the tests check it against one thread.

use super::{GiveUp, Scanner, Source};
use crate::catalog::Rows;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

/// Files from this size on are read by two threads.
pub(super) const TWO_THREADS_FROM: u64 = 8 << 20;

/// A file to be read by two threads.
pub(super) struct Split {
    path: PathBuf,
    size: u64,
    /// Bytes each thread reads at a time.
    chunk: usize,
    shared: Arc<Shared>,
}

/// What the two threads share.
#[derive(Default)]
struct Shared {
    /// Set when the first thread no longer wants the second's rows.
    stop: AtomicBool,
    /// Bytes the second thread has read, for progress.
    read: AtomicU64,
}

/// The second thread, while it runs; dropping it tells the thread to stop.
pub(super) struct SecondThread<R> {
    shared: Arc<Shared>,
    /// Where it started: the offset of an entry's `{`.
    start: u64,
    handle: Option<std::thread::JoinHandle<Result<(R, u64), GiveUp>>>,
}

impl Split {
    pub(super) fn new(path: &Path, size: u64, chunk: usize) -> Split {
        Split {
            path: path.to_path_buf(),
            size,
            chunk,
            shared: Arc::new(Shared::default()),
        }
    }

    /// How many bytes the second thread has read so far, for progress.
    pub(super) fn bytes_read(&self) -> impl Fn() -> u64 + use<> {
        let shared = self.shared.clone();
        move || shared.read.load(Ordering::Relaxed)
    }

    /// Starts reading, into rows of `vendor_id`, from the first entry in the second half of
    /// what lies after `here` (the start of the entries), once that entry is found (in well
    /// under a millisecond); `None` when there is none.
    pub(super) fn start<R: Rows>(&self, here: u64, vendor_id: &str) -> Option<SecondThread<R>> {
        let from = here + self.size.saturating_sub(here) / 2;
        let (path, shared, id, chunk) = (
            self.path.clone(),
            self.shared.clone(),
            vendor_id.to_string(),
            self.chunk,
        );
        let (found, start) = std::sync::mpsc::sync_channel(1);
        let handle = std::thread::Builder::new()
            .name("errdex-load".into())
            .spawn(move || second_half(&path, from, &id, &shared, chunk, found))
            .ok()?;
        Some(SecondThread {
            shared: self.shared.clone(),
            // Nothing sent: the thread found no entry, or failed before.
            start: start.recv().ok()?,
            handle: Some(handle),
        })
    }
}

impl<R: Rows> SecondThread<R> {
    /// Where its rows begin.
    pub(super) fn begins_at(&self) -> u64 {
        self.start
    }

    /// When the first thread is `at` exactly where this one began, appends its rows to `rows`
    /// and returns the offset after the `]` it stopped at; `None` when they cannot be taken.
    pub(super) fn take_if_at(mut self, at: u64, rows: &mut R) -> Result<Option<u64>, GiveUp> {
        if at != self.start {
            return Ok(None);
        }
        let Some(Ok(Ok((later, end)))) = self.handle.take().map(|h| h.join()) else {
            return Ok(None);
        };
        rows.append(later).map_err(|_| GiveUp)?;
        Ok(Some(end))
    }
}

impl<R> Drop for SecondThread<R> {
    fn drop(&mut self) {
        self.shared.stop.store(true, Ordering::Relaxed);
        self.shared.read.store(0, Ordering::Relaxed);
    }
}

/// The second thread's work: finds the first entry start after `from`, tells `found`, and
/// reads the entries from there to the end of the array.
fn second_half<R: Rows>(
    path: &Path,
    from: u64,
    vendor_id: &str,
    shared: &Shared,
    chunk: usize,
    found: std::sync::mpsc::SyncSender<u64>,
) -> Result<(R, u64), GiveUp> {
    let mut file = std::fs::File::open(path)?;
    file.jump(from)?;
    let mut window = Vec::new();
    (&mut file).take(1 << 20).read_to_end(&mut window)?;
    let at = from + entry_start(&window).ok_or(GiveUp)? as u64;
    file.jump(at)?;
    found.send(at).map_err(|_| GiveUp)?;
    let mut progress = |n| shared.read.store(n, Ordering::Relaxed);
    let mut s = Scanner::new(file, chunk, at, &mut progress);
    s.fill()?;
    let mut rows = R::for_vendor(vendor_id);
    loop {
        if shared.stop.load(Ordering::Relaxed) {
            return Err(GiveUp);
        }
        s.entry(&mut rows)?;
        if !s.more_entries()? {
            return Ok((rows, s.offset()));
        }
    }
}

/// The first place in `bytes` that looks like the start of an entry after another: `,` then
/// `{` then `"code"`, with any whitespace between.
fn entry_start(bytes: &[u8]) -> Option<usize> {
    let ws = |b: &u8| matches!(b, b' ' | b'\n' | b'\r' | b'\t');
    memchr::memchr_iter(b'{', bytes).find(|&at| {
        let before = bytes[..at].iter().rev().find(|b| !ws(b));
        let after = bytes[at + 1..].iter().position(|b| !ws(b));
        before == Some(&b',') && after.is_some_and(|n| bytes[at + 1 + n..].starts_with(b"\"code\""))
    })
}
