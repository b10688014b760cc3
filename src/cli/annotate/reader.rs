//! The reading half of `annotate`, on a thread of its own: it reads the input, cuts it into
//! blocks of whole lines and finds their trigger words while the other thread decodes and
//! writes the block before. Blocks arrive in order, so the output is the input's order.

use super::MAX_LINE;
use super::triggers::{self, Triggers};
use std::io::{self, Read};
use std::path::PathBuf;
use std::sync::mpsc::{Receiver, Sender, SyncSender, channel, sync_channel};
use std::time::Duration;

/// Bytes read at a time: a read returns what is there, so a large one costs no latency.
const READ: usize = 1 << 20;
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
    /// `data[..len]` are the lines; the rest is room for the next read once the block has
    /// been given back (see [`Reader::give_back`]).
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

/// The reading thread's messages, and the way back for the buffers of blocks written.
pub struct Reader {
    pub messages: Receiver<Msg>,
    spare: Sender<Vec<u8>>,
}

impl Reader {
    /// Hands a written block's buffer back to be read into again: the buffers of a run are
    /// allocated and zeroed once, not once a block.
    pub fn give_back(&self, block: Block) {
        // Fails only when the reader has ended: the buffer is simply dropped.
        let _ = self.spare.send(block.data);
    }
}

/// Starts reading `input` (and on as it grows, with `follow`); the messages come in order and
/// end with the input (or with [`Msg::Failed`]). The thread stops when the receiver is gone.
pub fn spawn(input: impl Read + Send + 'static, follow: Option<PathBuf>) -> Reader {
    let (tx, messages) = sync_channel(AHEAD);
    let (spare, spares) = channel();
    std::thread::spawn(move || {
        // A send fails when the writer has stopped (a closed stdout): nothing more to do.
        let _ = read(input, follow.is_some(), &tx, &spares);
    });
    Reader { messages, spare }
}

fn read(
    mut input: impl Read,
    follow: bool,
    tx: &SyncSender<Msg>,
    spares: &Receiver<Vec<u8>>,
) -> Result<(), ()> {
    let mut triggers = Triggers::new();
    let send = |m: Msg| tx.send(m).map_err(|_| ());
    // The bytes after the last line break so far: the start of the next block.
    let mut carry: Vec<u8> = Vec::new();
    // A buffer read into that held no line break: read into again.
    let mut unused: Option<Vec<u8>> = None;
    // A piece of an over-long line went out; its end has not.
    let mut long = false;
    loop {
        let mut data = unused
            .take()
            .or_else(|| spares.try_recv().ok())
            .unwrap_or_default();
        let start = carry.len();
        if data.len() < start + READ {
            data.resize(start + READ, 0);
        }
        data[..start].copy_from_slice(&carry);
        carry.clear();
        let n = match input.read(&mut data[start..start + READ]) {
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {
                carry.extend_from_slice(&data[..start]);
                unused = Some(data);
                continue;
            }
            Err(e) => return send(Msg::Failed(e)),
        };
        let len = start + n;
        if n == 0 {
            if follow {
                carry.extend_from_slice(&data[..len]);
                unused = Some(data);
                send(Msg::Idle)?;
                std::thread::sleep(Duration::from_millis(200));
                continue;
            }
            if len > 0 {
                data.truncate(len);
                let triggered = triggers::in_line(&data);
                send(Msg::Tail {
                    line: data,
                    triggered,
                })?;
            }
            return Ok(());
        }
        let whole = memchr::memrchr(b'\n', &data[..len]).map_or(0, |nl| nl + 1);
        if whole > 0 {
            carry.extend_from_slice(&data[whole..len]);
            let mut hits = Vec::new();
            triggers.hits(&data[..whole], &mut hits);
            send(Msg::Lines(Block {
                data,
                len: whole,
                hits,
            }))?;
            long = false;
        } else {
            carry.extend_from_slice(&data[..len]);
            unused = Some(data);
        }
        if carry.len() > MAX_LINE || (long && !carry.is_empty()) {
            // A line too long to hold: it goes through as it comes.
            send(Msg::Long(std::mem::take(&mut carry)))?;
            long = true;
        }
    }
}
