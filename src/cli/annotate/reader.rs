//! The reading half of `annotate`, on a thread of its own for each input: it reads the input,
//! cuts it into blocks of whole lines and finds their trigger words while the other thread
//! decodes and writes the block before. Each input's blocks arrive in order, tagged with the
//! input, so the output is each input's order.

use super::MAX_LINE;
use super::follow::{Change, Followed};
use super::triggers::{self, Triggers};
use std::io::{self, Read};
use std::sync::mpsc::{Receiver, Sender, channel, sync_channel};
use std::time::Duration;

/// Bytes read at a time: a read returns what is there, so a large one costs no latency.
const READ: usize = 1 << 20;
/// Blocks read ahead of the writer: bounds memory on a fast input.
const AHEAD: usize = 4;
/// How long a followed file is left between looks at its end.
const PAUSE: Duration = Duration::from_millis(200);

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
    /// Something a person following the file should know (`file truncated`), for stderr.
    Note(String),
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

/// What is read: a stream to its end, or a file followed as it grows.
pub enum Input {
    Stream(Box<dyn Read + Send>),
    Followed(Followed),
}

/// The reading threads' messages, each with the number of its input, and the ways back for the
/// buffers of blocks written.
pub struct Reader {
    pub messages: Receiver<(usize, Msg)>,
    spares: Vec<Sender<Vec<u8>>>,
}

impl Reader {
    /// Hands a written block's buffer back to its input's thread to be read into again: the
    /// buffers of a run are allocated and zeroed once, not once a block.
    pub fn give_back(&self, input: usize, block: Block) {
        // Fails only when the reader has ended: the buffer is simply dropped.
        let _ = self.spares[input].send(block.data);
    }
}

/// Starts reading each input (a followed one on as it grows), each on its thread. An input's
/// messages come in order and end with the input (or with [`Msg::Failed`]); the messages end
/// when every input has. The threads stop when the receiver is gone.
pub fn spawn(inputs: Vec<Input>) -> Reader {
    let (tx, messages) = sync_channel(AHEAD);
    // Each input's thread starts once the one before has reached its end, so that what the
    // inputs hold at the start comes out one input after the other, as with `tail -f a b`.
    // (The first has nothing to wait for: its sender is gone at once.)
    let (_, mut started) = channel::<()>();
    let spares = inputs
        .into_iter()
        .enumerate()
        .map(|(number, input)| {
            let (spare, spares) = channel();
            let tx = tx.clone();
            let (next, next_started) = channel::<()>();
            let started = std::mem::replace(&mut started, next_started);
            // Dropped unsent when the input ends: the next thread starts then too.
            let next = std::cell::Cell::new(Some(next));
            std::thread::spawn(move || {
                // An error is the thread before ending: a start too.
                let _ = started.recv();
                let send = |m: Msg| {
                    if matches!(m, Msg::Idle)
                        && let Some(next) = next.take()
                    {
                        let _ = next.send(());
                    }
                    tx.send((number, m)).map_err(|_| ())
                };
                // A send fails when the writer has stopped (a closed stdout): nothing more to do.
                let _ = match input {
                    Input::Stream(stream) => read(stream, &send, &spares),
                    Input::Followed(followed) => {
                        if followed.is_missing() {
                            let _ = send(Msg::Note(format!(
                                "{}: not there yet; waiting for it",
                                followed.path.display()
                            )));
                        }
                        read(followed, &send, &spares)
                    }
                };
            });
            spare
        })
        .collect();
    Reader { messages, spares }
}

/// An input as [`read`] reads it: to its end, or on after pauses at its end.
trait Source: Read {
    fn follows(&self) -> bool {
        false
    }

    /// After a pause at the end: what changed that a person should know, if anything.
    fn look(&mut self) -> io::Result<Option<String>> {
        Ok(None)
    }
}

impl Source for Box<dyn Read + Send> {}

impl Source for Followed {
    fn follows(&self) -> bool {
        true
    }

    fn look(&mut self) -> io::Result<Option<String>> {
        let name = self.path.display().to_string();
        let change = self
            .check()
            .map_err(|e| io::Error::new(e.kind(), format!("cannot look at {name}: {e}")))?;
        Ok(match change {
            Change::Nothing => None,
            Change::Truncated => Some(format!("{name}: file truncated; reading from its start")),
            Change::Replaced => Some(format!(
                "{name} has been replaced; following the new file once the old one has nothing more"
            )),
            Change::Appeared => Some(format!("{name} has appeared; following it")),
            Change::Gone => Some(format!(
                "{name} has gone; reading it on, then the file created under its name"
            )),
        })
    }
}

/// Reads `input` into blocks of lines; a followed file on, after pauses at its end.
fn read(
    mut input: impl Source,
    send: &dyn Fn(Msg) -> Result<(), ()>,
    spares: &Receiver<Vec<u8>>,
) -> Result<(), ()> {
    let mut triggers = Triggers::new();
    // The last error looking at the followed file: said once, not at every look.
    let mut failed: Option<String> = None;
    // The buffer read into, and how many bytes at its start are read: a line not ended yet.
    // Reads append to them, so a long line arriving in small pieces is neither copied nor
    // searched for a line break again at each read.
    let mut data: Vec<u8> = Vec::new();
    let mut filled = 0;
    // A piece of an over-long line went out; its end has not.
    let mut long = false;
    loop {
        if data.len() < filled + READ {
            data.resize(filled + READ, 0);
        }
        let n = match input.read(&mut data[filled..filled + READ]) {
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return send(Msg::Failed(e)),
        };
        if n == 0 {
            if input.follows() {
                send(Msg::Idle)?;
                std::thread::sleep(PAUSE);
                // The bytes held (a line not ended yet) stay: after `copytruncate` the writer
                // ends the line at the new start, and a renamed file was read to its end.
                match input.look() {
                    Ok(note) => {
                        failed = None;
                        if let Some(note) = note {
                            send(Msg::Note(note))?;
                        }
                    }
                    Err(e) => {
                        let error = e.to_string();
                        if failed.as_ref() != Some(&error) {
                            send(Msg::Note(error.clone()))?;
                        }
                        failed = Some(error);
                    }
                }
                continue;
            }
            if filled > 0 {
                data.truncate(filled);
                let triggered = triggers::in_line(&data);
                send(Msg::Tail {
                    line: data,
                    triggered,
                })?;
            }
            return Ok(());
        }
        let new = filled;
        filled += n;
        // Only the bytes just read can hold a line break.
        if let Some(nl) = memchr::memrchr(b'\n', &data[new..filled]) {
            let whole = new + nl + 1;
            // The rest, a line not ended yet, starts the next buffer.
            let rest = filled - whole;
            let mut next = spares.try_recv().unwrap_or_default();
            if next.len() < rest + READ {
                next.resize(rest + READ, 0);
            }
            next[..rest].copy_from_slice(&data[whole..filled]);
            let lines = std::mem::replace(&mut data, next);
            filled = rest;
            let mut hits = Vec::new();
            triggers.hits(&lines[..whole], &mut hits);
            send(Msg::Lines(Block {
                data: lines,
                len: whole,
                hits,
            }))?;
            long = false;
        }
        if filled > MAX_LINE || (long && filled > 0) {
            // A line too long to hold: it goes through as it comes.
            send(Msg::Long(data[..filled].to_vec()))?;
            filled = 0;
            long = true;
        }
    }
}
