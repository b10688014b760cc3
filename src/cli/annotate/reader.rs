//! The reading half of `annotate`, on a thread of its own: it reads the input, cuts it into
//! blocks of whole lines and finds their trigger words while the other thread decodes and
//! writes the block before. Blocks arrive in order, so the output is the input's order.

use super::MAX_LINE;
use super::triggers::{self, Triggers};
use std::io::{self, Read};
use std::path::PathBuf;
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::time::Duration;

/// Bytes read at a time.
const READ: usize = 1 << 16;
/// Blocks read ahead of the writer: bounds memory on a fast input.
const AHEAD: usize = 4;

/// What the reader hands over, in input order.
pub enum Msg {
    /// Whole lines (each ending in `\n`), and where their trigger words are.
    Lines(Block),
    /// A piece of a line over [`MAX_LINE`], passed through as it comes; the line ends with
    /// the first line of the next [`Msg::Lines`].
    Long(Vec<u8>),
    /// The input's last line, without a line break.
    Tail {
        line: Vec<u8>,
        triggered: bool,
    },
    /// The input has nothing more for now (a pipe between writes, a followed file).
    Idle,
    Failed(io::Error),
}

pub struct Block {
    /// `data[..len]` are the lines.
    data: Vec<u8>,
    len: usize,
    /// Offsets in the lines of trigger words, sorted (see [`Triggers::hits`]).
    pub hits: Vec<usize>,
}

impl Block {
    pub fn lines(&self) -> &[u8] {
        &self.data[..self.len]
    }
}

/// Starts reading `input` (and on as it grows, with `follow`); the messages come in order and
/// end with the input (or with [`Msg::Failed`]). The thread stops when the receiver is gone.
pub fn spawn(input: impl Read + Send + 'static, follow: Option<PathBuf>) -> Receiver<Msg> {
    let (tx, rx) = sync_channel(AHEAD);
    std::thread::spawn(move || {
        // A send fails when the writer has stopped (a closed stdout): nothing more to do.
        let _ = read(input, follow.is_some(), &tx);
    });
    rx
}

fn read(mut input: impl Read, follow: bool, tx: &SyncSender<Msg>) -> Result<(), ()> {
    let mut triggers = Triggers::new();
    let send = |m: Msg| tx.send(m).map_err(|_| ());
    // The bytes after the last line break so far: the start of the next block.
    let mut carry: Vec<u8> = Vec::new();
    // A piece of an over-long line went out; its end has not.
    let mut long = false;
    loop {
        let mut data = std::mem::take(&mut carry);
        let start = data.len();
        data.resize(start + READ, 0);
        let n = match input.read(&mut data[start..]) {
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {
                data.truncate(start);
                carry = data;
                continue;
            }
            Err(e) => return send(Msg::Failed(e)),
        };
        let len = start + n;
        data.truncate(len);
        if n == 0 {
            if follow {
                carry = data;
                send(Msg::Idle)?;
                std::thread::sleep(Duration::from_millis(200));
                continue;
            }
            if !data.is_empty() {
                let triggered = triggers::in_line(&data);
                send(Msg::Tail {
                    line: data,
                    triggered,
                })?;
            }
            return Ok(());
        }
        let whole = memchr::memrchr(b'\n', &data).map_or(0, |nl| nl + 1);
        if whole > 0 {
            carry.extend_from_slice(&data[whole..]);
            let mut hits = Vec::new();
            triggers.hits(&data[..whole], &mut hits);
            send(Msg::Lines(Block {
                data,
                len: whole,
                hits,
            }))?;
            long = false;
        } else {
            carry = data;
        }
        if carry.len() > MAX_LINE || (long && !carry.is_empty()) {
            // A line too long to hold: it goes through as it comes.
            send(Msg::Long(std::mem::take(&mut carry)))?;
            long = true;
        }
    }
}
