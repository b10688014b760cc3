//! A file followed as it grows, through log rotation, as `tail -f` and `tail -F` do. Rotation
//! either empties the file in place (logrotate's `copytruncate`: the writer goes on at the new
//! end, near the start) or renames it and creates a new one at the name (`create`: the writer
//! goes on in the renamed file until it reopens the name). Followed by descriptor, the first is
//! noticed and reading goes on from the new start; followed by name, the second is noticed too,
//! and once the renamed file has nothing more the new one is read from its start.

use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom};
use std::os::unix::fs::{FileExt, MetadataExt};
use std::path::PathBuf;

/// Bytes kept of the file's start and of what was read last: a file emptied and written again
/// past the point reached between two looks is told from one that only grew by these.
const SIGN: usize = 64;

/// How a followed file is found again after a rotation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum By {
    /// The file opened at the start, wherever it is renamed to (`tail -f`).
    Descriptor,
    /// Whatever file has the name (`tail -F`): a missing file is waited for.
    Name,
}

/// What [`Followed::check`] found.
#[derive(Debug, PartialEq, Eq)]
pub enum Change {
    Nothing,
    /// Emptied (or cut shorter) in place: read again from the start.
    Truncated,
    /// Another file has the name: reading goes on in it from its start.
    Replaced,
    /// The name had no file and has one now.
    Appeared,
    /// The name has no file any more (the open one, if any, is still read to its end).
    Gone,
}

pub struct Followed {
    pub path: PathBuf,
    by: By,
    file: Option<File>,
    /// Where the next read of `file` starts.
    pos: u64,
    /// The file's first bytes, as read.
    head: Vec<u8>,
    /// The last bytes read, ending at `pos`.
    tail: Vec<u8>,
    /// Followed by name: the file that has the name now, read once `file` has nothing more.
    next: Option<File>,
    /// The name had no file at the last look (said once, not at every look).
    missing: bool,
}

impl Followed {
    /// Opens `path`; by name, a file not there yet is waited for.
    pub fn open(path: PathBuf, by: By) -> io::Result<Followed> {
        let file = match File::open(&path) {
            Ok(f) => Some(f),
            Err(e) if by == By::Name && e.kind() == io::ErrorKind::NotFound => None,
            Err(e) => return Err(e),
        };
        Ok(Followed {
            path,
            by,
            missing: file.is_none(),
            file,
            pos: 0,
            head: Vec::new(),
            tail: Vec::new(),
            next: None,
        })
    }

    pub fn is_missing(&self) -> bool {
        self.missing
    }

    /// Looks for a rotation, after a read found nothing more: by the file's size and its first
    /// and last bytes read (emptied in place), and by name, by the file the name is.
    pub fn check(&mut self) -> io::Result<Change> {
        if self.by == By::Name {
            let change = self.check_name()?;
            if change != Change::Nothing {
                return Ok(change);
            }
        }
        let Some(file) = &self.file else {
            return Ok(Change::Nothing);
        };
        let meta = file.metadata()?;
        if !meta.is_file() {
            // A FIFO or a device has no size to go by, and cannot be read again.
            return Ok(Change::Nothing);
        }
        let shorter = meta.len() < self.pos;
        // Longer than what was read: it grew, or it was emptied and written past `pos` since the
        // last look. The bytes already read tell which.
        let rewritten = meta.len() > self.pos
            && (!same_bytes(file, 0, &self.head)
                || !same_bytes(file, self.pos - self.tail.len() as u64, &self.tail));
        if !(shorter || rewritten) {
            return Ok(Change::Nothing);
        }
        self.file.as_mut().expect("open").seek(SeekFrom::Start(0))?;
        self.restart();
        Ok(Change::Truncated)
    }

    /// Followed by name: whether the name is now another file (or none, or one again).
    fn check_name(&mut self) -> io::Result<Change> {
        if self.next.is_some() {
            return Ok(Change::Nothing);
        }
        let named = match std::fs::metadata(&self.path) {
            Ok(m) => m,
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                if self.missing {
                    return Ok(Change::Nothing);
                }
                self.missing = true;
                return Ok(Change::Gone);
            }
            Err(e) => return Err(e),
        };
        let current = match &self.file {
            Some(f) => Some(f.metadata()?),
            None => None,
        };
        let same = current
            .as_ref()
            .is_some_and(|c| (c.dev(), c.ino()) == (named.dev(), named.ino()));
        if same {
            self.missing = false;
            return Ok(Change::Nothing);
        }
        let file = match File::open(&self.path) {
            Ok(f) => f,
            // Gone again between the two looks: the next look sees it.
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Change::Nothing),
            Err(e) => return Err(e),
        };
        let appeared = self.file.is_none();
        self.missing = false;
        self.next = Some(file);
        Ok(if appeared {
            Change::Appeared
        } else {
            Change::Replaced
        })
    }

    fn restart(&mut self) {
        self.pos = 0;
        self.head.clear();
        self.tail.clear();
    }

    /// Keeps the first and last bytes read, for [`Followed::check`].
    fn remember(&mut self, read: &[u8]) {
        if self.head.len() < SIGN && self.pos == self.head.len() as u64 {
            let more = (SIGN - self.head.len()).min(read.len());
            self.head.extend_from_slice(&read[..more]);
        }
        self.pos += read.len() as u64;
        if read.len() >= SIGN {
            self.tail.clear();
            self.tail.extend_from_slice(&read[read.len() - SIGN..]);
        } else {
            let drop = (self.tail.len() + read.len()).saturating_sub(SIGN);
            self.tail.drain(..drop);
            self.tail.extend_from_slice(read);
        }
    }
}

impl Read for Followed {
    /// Reads the file on; once a renamed file has nothing more, the one with the name.
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        loop {
            let n = match &mut self.file {
                Some(f) => f.read(buf)?,
                None => 0,
            };
            if n > 0 {
                self.remember(&buf[..n]);
                return Ok(n);
            }
            match self.next.take() {
                Some(next) => {
                    self.file = Some(next);
                    self.restart();
                }
                None => return Ok(0),
            }
        }
    }
}

/// Whether `file` holds `bytes` at `at` (no bytes: yes).
fn same_bytes(file: &File, at: u64, bytes: &[u8]) -> bool {
    if bytes.is_empty() {
        return true;
    }
    let mut now = vec![0; bytes.len()];
    file.read_exact_at(&mut now, at).is_ok() && now == bytes
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn read_all(f: &mut Followed) -> String {
        let mut s = String::new();
        f.read_to_string(&mut s).unwrap();
        s
    }

    fn append(path: &std::path::Path, text: &str) {
        let mut f = std::fs::OpenOptions::new()
            .append(true)
            .create(true)
            .open(path)
            .unwrap();
        f.write_all(text.as_bytes()).unwrap();
    }

    #[test]
    fn growth_is_no_rotation() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.log");
        append(&path, "one\n");
        let mut f = Followed::open(path.clone(), By::Descriptor).unwrap();
        assert_eq!(read_all(&mut f), "one\n");
        assert_eq!(f.check().unwrap(), Change::Nothing);
        append(&path, &"two\n".repeat(40));
        assert_eq!(f.check().unwrap(), Change::Nothing);
        assert_eq!(read_all(&mut f), "two\n".repeat(40));
        assert_eq!(f.check().unwrap(), Change::Nothing);
    }

    #[test]
    fn emptied_in_place_is_read_from_the_start() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.log");
        append(&path, "old 1\nold 2\n");
        let mut f = Followed::open(path.clone(), By::Descriptor).unwrap();
        assert_eq!(read_all(&mut f), "old 1\nold 2\n");
        std::fs::OpenOptions::new()
            .write(true)
            .open(&path)
            .unwrap()
            .set_len(0)
            .unwrap();
        append(&path, "new 1\n");
        assert_eq!(f.check().unwrap(), Change::Truncated);
        assert_eq!(read_all(&mut f), "new 1\n");
    }

    #[test]
    fn emptied_and_written_past_the_point_reached_is_noticed_too() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.log");
        append(&path, "2024-05-13 old\n");
        let mut f = Followed::open(path.clone(), By::Descriptor).unwrap();
        read_all(&mut f);
        std::fs::write(&path, "2024-05-14 new, and longer than before\n").unwrap();
        assert_eq!(f.check().unwrap(), Change::Truncated);
        assert_eq!(read_all(&mut f), "2024-05-14 new, and longer than before\n");
    }

    #[test]
    fn by_name_the_renamed_file_is_read_to_its_end_then_the_new_one() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.log");
        append(&path, "1\n");
        let mut f = Followed::open(path.clone(), By::Name).unwrap();
        assert_eq!(read_all(&mut f), "1\n");
        let rotated = dir.path().join("a.log.1");
        std::fs::rename(&path, &rotated).unwrap();
        assert_eq!(f.check().unwrap(), Change::Gone);
        append(&rotated, "2\n");
        append(&path, "3\n");
        assert_eq!(f.check().unwrap(), Change::Replaced);
        assert_eq!(read_all(&mut f), "2\n3\n");
        assert_eq!(f.check().unwrap(), Change::Nothing);
        // By descriptor, the renamed file is the one followed.
        let mut g = Followed::open(path.clone(), By::Descriptor).unwrap();
        read_all(&mut g);
        std::fs::rename(&path, &rotated).unwrap();
        append(&path, "4\n");
        assert_eq!(g.check().unwrap(), Change::Nothing);
        assert_eq!(read_all(&mut g), "");
    }

    #[test]
    fn by_name_a_missing_file_is_waited_for() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("later.log");
        assert!(Followed::open(path.clone(), By::Descriptor).is_err());
        let mut f = Followed::open(path.clone(), By::Name).unwrap();
        assert!(f.is_missing());
        assert_eq!(read_all(&mut f), "");
        assert_eq!(f.check().unwrap(), Change::Nothing);
        append(&path, "here\n");
        assert_eq!(f.check().unwrap(), Change::Appeared);
        assert_eq!(read_all(&mut f), "here\n");
    }
}
