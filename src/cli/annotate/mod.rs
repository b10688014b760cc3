//! `errdex annotate`: a log passes through unchanged, byte for byte, and under each line in
//! which the decoder identifies an error comes one line saying what it is and what to do
//! (`  ↳ pixnet 1302 · rate_limit · ...`). A body printed over several lines is annotated after
//! its last line. Output is flushed whenever the input has nothing more ready, so on a pipe an
//! annotation follows its line at once, and a fast file is written in large blocks.

mod follow;
mod reader;
mod triggers;

use super::output::decoded_json;
use crate::decode::{Confidence, Decoder, FoundError};
use crate::index::Index;
use crate::sanitize;
use base64::Engine;
use follow::{By, Followed};
use reader::{Block, Input, Msg};
use std::io::{self, Write};
use std::ops::Range;
use std::path::PathBuf;
use std::sync::mpsc::TryRecvError;

/// Lines longer than this pass through undecoded (counted in `--stats`).
pub const MAX_LINE: usize = 1 << 20;
/// A body open over more than this many bytes, or lines, is given up on (its lines are then
/// decoded as they come).
const MAX_PENDING: usize = 1 << 20;
const MAX_PENDING_LINES: usize = 200;
/// Bytes of output held before they are written (and whenever the input has nothing ready).
const WRITE: usize = 1 << 18;

/// What `annotate` was asked to do: its command-line arguments.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct Options {
    /// Files to read (standard input when none).
    pub files: Vec<PathBuf>,
    /// Keep reading the files as they grow, through log rotation, like `tail -f`: a file emptied
    /// in place (`copytruncate`) is read again from its start; with `name`, a file renamed is
    /// read to its end and then the one created under its name (like `tail -F`). Several files
    /// are followed at once, under `==> NAME <==` headers (`"file"` in `--json`).
    #[arg(
        long,
        short = 'f',
        value_enum,
        value_name = "BY",
        num_args = 0..=1,
        require_equals = true,
        default_missing_value = "descriptor"
    )]
    pub follow: Option<FollowBy>,
    /// The same as `--follow=name` (like `tail -F`): follow each file's name through log rotation,
    /// and wait for a file not there yet.
    #[arg(short = 'F')]
    pub follow_name: bool,
    /// One JSON object per input line: {"line" (or "line_base64"), "errors"}.
    #[arg(long)]
    pub json: bool,
    /// Only the lines with errors, and their annotations.
    #[arg(long)]
    pub only: bool,
    /// Only this vendor or family may claim an error.
    #[arg(long, value_name = "ID", add = clap_complete::ArgValueCandidates::new(crate::cli::shell::vendor_candidates))]
    pub vendor: Option<String>,
    /// Counts on stderr at the end: lines, bytes, decoded, annotated, too long.
    #[arg(long)]
    pub stats: bool,
    /// Dim annotations (a terminal, and no `NO_COLOR`): decided by the program, not an argument.
    #[arg(skip)]
    pub color: bool,
}

/// How a followed file is found again once log rotation renamed it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FollowBy {
    /// The file opened, wherever it is renamed to (`tail -f`).
    Descriptor,
    /// The file that has the name (`tail -F`).
    Name,
}

impl Options {
    fn follow_by(&self) -> Option<By> {
        match (self.follow, self.follow_name) {
            (Some(FollowBy::Name), _) | (_, true) => Some(By::Name),
            (Some(FollowBy::Descriptor), false) => Some(By::Descriptor),
            (None, false) => None,
        }
    }
}

/// What went through, for `--stats`.
#[derive(Debug, Default)]
struct Stats {
    lines: u64,
    bytes: u64,
    decoded: u64,
    annotated: u64,
    too_long: u64,
}

pub fn annotate(index: &Index, options: &Options, out: &mut impl Write) -> io::Result<i32> {
    // Written in blocks, flushed when the input has nothing more ready (see the module docs).
    let out = &mut io::BufWriter::with_capacity(WRITE, out);
    let mut run = Run::new(index, options);
    let follow = options.follow_by().filter(|_| !options.files.is_empty());
    let result = if let Some(by) = follow {
        // Followed files are read at once, each on as it grows.
        let mut inputs = Vec::new();
        for path in &options.files {
            match open(path, Some(by)) {
                Ok(input) => inputs.push(input),
                Err(code) => return Ok(code),
            }
        }
        let labels = (inputs.len() > 1).then(|| {
            let names = options.files.iter().map(|p| p.display().to_string());
            names.collect()
        });
        run.read(inputs, labels, out)
    } else if options.files.is_empty() {
        run.read(vec![Input::Stream(Box::new(io::stdin()))], None, out)
    } else {
        // One after the other, as `cat` does.
        let mut result = Ok(());
        for path in &options.files {
            let input = match open(path, None) {
                Ok(input) => input,
                Err(code) => return Ok(code),
            };
            result = run.read(vec![input], None, out);
            if result.is_err() {
                break;
            }
        }
        result
    };
    result?;
    run.finish(out)?;
    if options.stats {
        let s = &run.stats;
        say!(
            "errdex: {} lines ({} bytes), {} decoded, {} annotated, {} over {} MB passed through",
            s.lines,
            s.bytes,
            s.decoded,
            s.annotated,
            s.too_long,
            MAX_LINE >> 20
        );
    }
    Ok(super::EXIT_OK)
}

/// `path` opened to be read, or followed `by`; on failure, the message is said and the exit
/// code returned.
fn open(path: &std::path::Path, follow: Option<By>) -> Result<Input, i32> {
    if path.is_dir() {
        say!("errdex: cannot read {}: it is a folder", path.display());
        return Err(super::EXIT_USAGE);
    }
    let input = match follow {
        Some(by) => Followed::open(path.to_path_buf(), by).map(Input::Followed),
        None => std::fs::File::open(path).map(|f| Input::Stream(Box::new(f))),
    };
    input.map_err(|e| {
        say!("errdex: cannot read {}: {e}", path.display());
        super::EXIT_USAGE
    })
}

struct Run<'a, 'i> {
    decoder: Decoder<'i>,
    index: &'i Index,
    options: &'a Options,
    /// What is open in the input being written: each input followed at once has its own.
    stream: Stream,
    stats: Stats,
}

/// What is open at the end of what an input has given so far.
#[derive(Default)]
struct Stream {
    /// A body open over several lines.
    pending: Option<Body>,
    /// The lines just before, for printouts spread over lines.
    context: Context,
    /// A line over [`MAX_LINE`] being passed through: in `--json`, base64 not yet written (a
    /// multiple of three bytes goes out at a time).
    long: Option<Vec<u8>>,
    /// In `--json`, the line of `long` is open in the output (its base64 is being written).
    long_open: bool,
    /// The input's name, when several are followed at once: each JSON line says it.
    label: Option<String>,
    /// The first line of a body over several lines whose errors were just found at its last:
    /// with `--only`, it is printed before the last, so the error keeps its time and source.
    body_opened_by: Option<String>,
}

impl<'a, 'i> Run<'a, 'i> {
    fn new(index: &'i Index, options: &'a Options) -> Self {
        Run {
            decoder: Decoder::new(index),
            index,
            options,
            stream: Stream::default(),
            stats: Stats::default(),
        }
    }

    /// Reads the inputs to their ends (a followed file on, as it grows). The reading and the
    /// search for trigger words run on a thread for each input ([`reader`]), a block ahead.
    /// With `labels` (one for each input), each input's output comes under a header with its
    /// label whenever the output turns to it (in `--json`, each line says it).
    fn read(
        &mut self,
        inputs: Vec<Input>,
        labels: Option<Vec<String>>,
        out: &mut impl Write,
    ) -> io::Result<()> {
        let mut streams: Vec<Option<Stream>> = (0..inputs.len()).map(|_| None).collect();
        if let Some(labels) = &labels {
            for (stream, label) in streams.iter_mut().zip(labels) {
                *stream = Some(Stream {
                    label: Some(label.clone()),
                    ..Stream::default()
                });
            }
            self.stream = streams[0].take().expect("one input at least");
        }
        let headers = labels.filter(|_| !self.options.json);
        let out = &mut Headed {
            out,
            headers,
            input: 0,
            last: None,
        };
        let reader = reader::spawn(inputs);
        let rx = &reader.messages;
        loop {
            let (input, msg) = match rx.try_recv() {
                Ok(msg) => msg,
                Err(TryRecvError::Empty) => {
                    // Nothing more ready: what is held goes out, so annotations follow at once.
                    out.flush()?;
                    match rx.recv() {
                        Ok(msg) => msg,
                        Err(_) => return Ok(()),
                    }
                }
                Err(TryRecvError::Disconnected) => return Ok(()),
            };
            let writes = matches!(msg, Msg::Lines(_) | Msg::Long(_) | Msg::Tail { .. });
            if writes && input != out.input {
                // A long line of the input left goes on in a JSON line of its own later.
                self.close_long(out)?;
                let next = streams[input].take().expect("each input has its stream");
                streams[out.input] = Some(std::mem::replace(&mut self.stream, next));
                out.input = input;
            }
            match msg {
                Msg::Lines(block) => {
                    self.lines(&block, out)?;
                    reader.give_back(input, block);
                }
                Msg::Long(part) => self.long_part(&part, out)?,
                Msg::Tail { line, triggered } => {
                    self.line(&line, 0..line.len(), triggered, out)?;
                    self.stream.context.detach(&line);
                }
                Msg::Idle => out.flush()?,
                Msg::Note(note) => {
                    out.flush()?;
                    say!("errdex: {note}");
                }
                Msg::Failed(e) => return Err(e),
            }
        }
    }

    /// A block of whole lines. Runs of lines that go out unchanged and unannotated are written
    /// in one piece.
    fn lines(&mut self, block: &Block, out: &mut impl Write) -> io::Result<()> {
        let text = block.lines();
        let hits = &block.hits;
        let plain = !self.options.json && !self.options.only;
        let (mut next, mut start, mut unwritten) = (0, 0, 0);
        for nl in memchr::memchr_iter(b'\n', text) {
            let end = nl + 1;
            while next < hits.len() && hits[next] < start {
                next += 1;
            }
            let triggered = next < hits.len() && hits[next] < end;
            if self.stream.long.is_some() || !plain {
                out.write_all(&text[unwritten..start])?;
                self.line(text, start..end, triggered, out)?;
                unwritten = end;
            } else {
                self.count(&text[start..end]);
                let errors = self.errors(text, start..end, triggered);
                if !errors.is_empty() {
                    out.write_all(&text[unwritten..start])?;
                    self.write(&text[start..end], &errors, out)?;
                    unwritten = end;
                }
            }
            start = end;
        }
        self.stream.context.detach(text);
        out.write_all(&text[unwritten..])
    }

    fn count(&mut self, line: &[u8]) {
        self.stats.lines += 1;
        self.stats.bytes += line.len() as u64;
    }

    /// The line `block[at]`, with its line break if it has one.
    fn line(
        &mut self,
        block: &[u8],
        at: Range<usize>,
        triggered: bool,
        out: &mut impl Write,
    ) -> io::Result<()> {
        let line = &block[at.clone()];
        if self.stream.long.is_some() {
            // The end of a line too long to decode.
            self.long_part(line, out)?;
            return self.end_long(out);
        }
        self.count(line);
        let errors = self.errors(block, at, triggered);
        self.write(line, &errors, out)
    }

    /// The errors identified at the line `block[at]`: of the line itself, or of the body it
    /// closes. The block is the one [`Context`] refers to until it is detached.
    fn errors(&mut self, block: &[u8], at: Range<usize>, triggered: bool) -> Vec<FoundError> {
        let line = &block[at.clone()];
        if let Some(mut body) = self.stream.pending.take() {
            let text = String::from_utf8_lossy(line);
            body.push(&text);
            if body.depth > 0 && body.text.len() < MAX_PENDING && body.lines < MAX_PENDING_LINES {
                self.stream.pending = Some(body);
                return Vec::new();
            }
            let errors = self.decode(&body.text);
            if !errors.is_empty() {
                let first = body.text.split_inclusive('\n').next().unwrap_or("");
                self.stream.body_opened_by = Some(first.to_string());
            }
            if !errors.is_empty() || !triggered {
                return errors;
            }
            // Not a body after all (a stray bracket opened it): the line on its own.
            return self.decode(&text);
        }
        if opens_body(line) {
            let mut body = Body::default();
            body.push(&String::from_utf8_lossy(line));
            if body.depth > 0 {
                self.stream.pending = Some(body);
                return Vec::new();
            }
        }
        let continues = self.stream.context.continued_by(line);
        if !triggered && !continues {
            self.stream.context.push(at, false);
            return Vec::new();
        }
        let mut errors = if triggered {
            self.decode(&String::from_utf8_lossy(line))
        } else {
            Vec::new()
        };
        if errors.is_empty() && !self.stream.context.is_empty() {
            // A printout over several lines (YAML-like, `print_r`, grpcurl): with the lines before.
            if triggered || self.stream.context.triggered() {
                let joined = self.stream.context.joined(block, line);
                errors = self.decode(&String::from_utf8_lossy(&joined));
            }
        }
        if errors.is_empty() {
            self.stream.context.push(at, triggered);
        } else {
            self.stream.context.clear();
        }
        errors
    }

    fn decode(&mut self, text: &str) -> Vec<FoundError> {
        self.stats.decoded += 1;
        let mut errors = self.decoder.decode(text).errors;
        errors.retain(|e| {
            // An entry, or a vendor's envelope with a code its catalog lacks.
            (e.confidence.identified()
                || (e.confidence == Confidence::NotInCatalog && e.vendor.is_some()))
                && self
                    .options
                    .vendor
                    .as_ref()
                    .is_none_or(|v| e.vendor.as_deref() == Some(v.as_str()))
        });
        errors
    }

    fn write(
        &mut self,
        line: &[u8],
        errors: &[FoundError],
        out: &mut impl Write,
    ) -> io::Result<()> {
        if self.options.only && errors.is_empty() {
            return Ok(());
        }
        let opened_by = self.stream.body_opened_by.take();
        if !errors.is_empty() {
            self.stats.annotated += 1;
        }
        if self.options.json {
            let mut obj = serde_json::Map::new();
            if let Some(label) = &self.stream.label {
                obj.insert("file".into(), label.as_str().into());
            }
            match std::str::from_utf8(line) {
                Ok(s) => obj.insert("line".into(), s.into()),
                Err(_) => obj.insert(
                    "line_base64".into(),
                    base64::engine::general_purpose::STANDARD
                        .encode(line)
                        .into(),
                ),
            };
            let decoded = crate::decode::Report {
                errors: errors.to_vec(),
                notice: None,
            };
            obj.insert(
                "errors".into(),
                decoded_json(&decoded, self.index)["errors"].clone(),
            );
            sanitize::write_json_compact(out, &serde_json::Value::Object(obj))?;
            return out.write_all(b"\n");
        }
        if let Some(first) = opened_by.filter(|_| self.options.only) {
            out.write_all(first.as_bytes())?;
            if !first.ends_with('\n') {
                out.write_all(b"\n")?;
            }
        }
        out.write_all(line)?;
        if !errors.is_empty() && !line.ends_with(b"\n") {
            out.write_all(b"\n")?;
        }
        for e in errors {
            let text = self.annotation(e);
            if self.options.color {
                writeln!(out, "\x1b[2m{text}\x1b[0m")?;
            } else {
                writeln!(out, "{text}")?;
            }
        }
        Ok(())
    }

    /// `  ↳ pixnet 1302 · rate_limit · The rate limit for anonymous apps was exceeded.`
    fn annotation(&self, e: &FoundError) -> String {
        let entry = e.match_rows.first().map(|&r| self.index.get(r).entry);
        let mut parts = vec![format!(
            "{} {}",
            e.vendor.as_deref().unwrap_or("?"),
            entry
                .as_ref()
                .map_or(e.code.as_deref().unwrap_or(""), |en| en.code.as_str())
        )];
        if let Some(k) = entry.as_ref().and_then(|en| en.kind) {
            parts.push(k.id().to_string());
        }
        match &entry {
            Some(en) => parts.push(en.summary_en.clone().unwrap_or_else(|| en.headline())),
            None => parts.push("not in errdex's catalog".into()),
        }
        if e.confidence == Confidence::EnvelopeCodeMessageDiffers {
            parts.push("its message differs from the catalog's".into());
        }
        if let Some(r) = &e.retry_after {
            parts.push(r.describe());
        }
        sanitize::line(&format!("  ↳ {}", parts.join(" · "))).into_owned()
    }

    /// Part of a line over [`MAX_LINE`]: copied through (in `--json`, as base64 of the bytes).
    fn long_part(&mut self, part: &[u8], out: &mut impl Write) -> io::Result<()> {
        if self.stream.long.is_none() {
            self.stats.lines += 1;
            self.stats.too_long += 1;
            self.stream.pending = None;
            self.stream.context.clear();
            self.stream.long = Some(Vec::new());
        }
        if self.options.json && !self.stream.long_open {
            out.write_all(b"{")?;
            if let Some(label) = &self.stream.label {
                out.write_all(b"\"file\":")?;
                sanitize::write_json_compact(out, label)?;
                out.write_all(b",")?;
            }
            out.write_all(b"\"line_base64\":\"")?;
            self.stream.long_open = true;
        }
        self.stats.bytes += part.len() as u64;
        if !self.options.json {
            return if self.options.only {
                Ok(())
            } else {
                out.write_all(part)
            };
        }
        let carry = self.stream.long.as_mut().expect("a long line is open");
        carry.extend_from_slice(part);
        let whole = carry.len() / 3 * 3;
        let encoded = base64::engine::general_purpose::STANDARD.encode(&carry[..whole]);
        carry.drain(..whole);
        out.write_all(encoded.as_bytes())
    }

    fn end_long(&mut self, out: &mut impl Write) -> io::Result<()> {
        self.close_long(out)?;
        self.stream.long = None;
        Ok(())
    }

    /// Ends the JSON line of a long line that is open (in `--json`), with the bytes still held.
    fn close_long(&mut self, out: &mut impl Write) -> io::Result<()> {
        if !self.stream.long_open {
            return Ok(());
        }
        let rest = self.stream.long.as_mut().expect("a long line is open");
        let encoded = base64::engine::general_purpose::STANDARD.encode(&rest);
        rest.clear();
        out.write_all(encoded.as_bytes())?;
        out.write_all(b"\",\"errors\":[]}\n")?;
        self.stream.long_open = false;
        Ok(())
    }

    /// The end of the input: a long line or an open body is closed.
    fn finish(&mut self, out: &mut impl Write) -> io::Result<()> {
        if self.stream.long.is_some() {
            self.end_long(out)?;
        }
        out.flush()
    }
}

/// The output; with headers (several files followed at once), each input's output comes after a
/// `==> NAME <==` line whenever the output turns to it, as `tail` writes them.
struct Headed<'w, W: Write> {
    out: &'w mut W,
    headers: Option<Vec<String>>,
    /// The input being written.
    input: usize,
    /// The input written last.
    last: Option<usize>,
}

impl<W: Write> Write for Headed<'_, W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if let Some(headers) = &self.headers
            && !buf.is_empty()
            && self.last != Some(self.input)
        {
            let gap = if self.last.is_some() { "\n" } else { "" };
            let name = sanitize::line(&headers[self.input]);
            writeln!(self.out, "{gap}==> {name} <==")?;
            self.last = Some(self.input);
        }
        self.out.write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

/// A body printed over several lines starts with a line that ends by opening it (`{`, `[`,
/// `Error{`); a bracket inside a line (`\x1b[2J`, `[INFO]`) does not start one.
fn opens_body(line: &[u8]) -> bool {
    line.trim_ascii_end()
        .last()
        .is_some_and(|b| matches!(b, b'{' | b'['))
}

/// The last lines without an error, for a printout over several lines (`response:` then
/// `  code: 4300`, `print_r`'s `(` … `)`, grpcurl's `ERROR:` then `  Code:`, `  Message:`): a
/// line that holds an error word, or continues the lines before (indented, or closing a
/// bracket), is decoded with them when it says nothing alone.
#[derive(Debug, Default)]
struct Context {
    /// The lines, oldest first, and whether each holds a trigger word.
    lines: std::collections::VecDeque<(Held, bool)>,
    bytes: usize,
    /// How many of the lines hold a trigger word.
    triggered: usize,
    /// Buffers of lines gone, used again.
    spare: Vec<Vec<u8>>,
}

/// A line of the context: where it is in the block being read, or a copy once that block is
/// gone. Most lines are never needed, so they are copied only when their block ends.
#[derive(Debug)]
enum Held {
    InBlock(Range<usize>),
    Kept(Vec<u8>),
}

impl Context {
    const LINES: usize = 8;
    const BYTES: usize = 4096;
    /// The longest line read as the rest of one a terminal cut.
    const CUT_REST: usize = 200;

    /// The line `at` of the current block.
    fn push(&mut self, at: Range<usize>, triggered: bool) {
        if at.len() > Self::BYTES {
            return self.clear();
        }
        self.triggered += usize::from(triggered);
        self.bytes += at.len();
        self.lines.push_back((Held::InBlock(at), triggered));
        while self.lines.len() > Self::LINES || self.bytes > Self::BYTES {
            let (gone, triggered) = self.lines.pop_front().expect("not empty");
            self.triggered -= usize::from(triggered);
            self.bytes -= match gone {
                Held::InBlock(at) => at.len(),
                Held::Kept(line) => {
                    let len = line.len();
                    self.spare.push(line);
                    len
                }
            };
        }
    }

    /// Copies the lines still in `block`, which is about to go.
    fn detach(&mut self, block: &[u8]) {
        for (held, _) in &mut self.lines {
            if let Held::InBlock(at) = held {
                let mut kept = self.spare.pop().unwrap_or_default();
                kept.clear();
                kept.extend_from_slice(&block[at.clone()]);
                *held = Held::Kept(kept);
            }
        }
    }

    fn clear(&mut self) {
        for (held, _) in self.lines.drain(..) {
            if let Held::Kept(line) = held {
                self.spare.push(line);
            }
        }
        self.bytes = 0;
        self.triggered = 0;
    }

    fn triggered(&self) -> bool {
        self.triggered > 0
    }

    fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    /// Whether `line` goes on from the lines before: indented, closing a bracket, the rest of
    /// a line with an error word that a terminal cut (`database is lo` / `cked`): short, and
    /// not starting as a new record does (a time's digit, a bracket), or a command's answer
    /// of a number alone after such a line (`$ echo $?` / `124`).
    fn continued_by(&self, line: &[u8]) -> bool {
        let rest = line.trim_ascii_start();
        if self.is_empty() || rest.is_empty() {
            return false;
        }
        let indented_or_closing = rest.len() < line.len() || matches!(rest[0], b')' | b']' | b'}');
        let after_trigger = self.lines.back().is_some_and(|&(_, triggered)| triggered);
        let cut_rest = after_trigger
            && line.len() <= Self::CUT_REST
            && !rest[0].is_ascii_digit()
            && rest[0] != b'[';
        let number = rest.trim_ascii_end();
        let answer = after_trigger && number.len() <= 3 && number.iter().all(u8::is_ascii_digit);
        indented_or_closing || cut_rest || answer
    }

    /// The lines with `line` after them; `block` is the block the lines not yet detached are in.
    fn joined(&self, block: &[u8], line: &[u8]) -> Vec<u8> {
        let mut text = Vec::with_capacity(self.bytes + line.len() + Self::LINES);
        for (held, _) in &self.lines {
            let l = match held {
                Held::InBlock(at) => &block[at.clone()],
                Held::Kept(l) => l,
            };
            text.extend_from_slice(l);
            if !l.ends_with(b"\n") {
                text.push(b'\n');
            }
        }
        text.extend_from_slice(line);
        text
    }
}

/// A body printed over several lines: open while its brackets, counted outside strings, add up
/// to more than zero. A string may go on over a line break (a terminal wrapped the body).
#[derive(Debug, Default)]
struct Body {
    text: String,
    depth: i64,
    quote: Option<char>,
    escaped: bool,
    lines: usize,
}

impl Body {
    fn push(&mut self, line: &str) {
        self.text.push_str(line);
        self.lines += 1;
        for c in line.chars() {
            if let Some(q) = self.quote {
                if self.escaped {
                    self.escaped = false;
                } else if c == '\\' {
                    self.escaped = true;
                } else if c == q {
                    self.quote = None;
                }
                continue;
            }
            match c {
                '"' => self.quote = Some(c),
                '{' | '[' => self.depth += 1,
                '}' | ']' => self.depth -= 1,
                _ => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(input: &str, options: Options) -> String {
        let index = Index::embedded();
        let mut out = Vec::new();
        let mut r = Run::new(&index, &options);
        let input = Input::Stream(Box::new(io::Cursor::new(input.as_bytes().to_vec())));
        r.read(vec![input], None, &mut out).unwrap();
        r.finish(&mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn lines_pass_through_and_errors_get_one_line_under_them() {
        let input = "start\nGET /x 403 {\"error\":1,\"code\":1302,\"message\":\"Exceed Anonymous Rate Limit\"}\nend";
        let out = run(input, Options::default());
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines[0], "start");
        assert!(
            lines[2].starts_with("  ↳ pixnet 1302 · rate_limit · "),
            "{out}"
        );
        assert_eq!(lines[3], "end");
        // Without the annotations, the input exactly.
        let plain: String = out
            .split_inclusive('\n')
            .filter(|l| !l.starts_with("  ↳ "))
            .collect();
        assert_eq!(plain, input);
    }

    #[test]
    fn a_body_over_several_lines_is_annotated_after_its_last() {
        let input = "{\n  \"success\": false,\n  \"errResponse\": {\n    \"code\": 1004,\n    \"message\": \"Token is invalid or expired\"\n  }\n}\nnext\n";
        let out = run(input, Options::default());
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines[6], "}");
        assert!(lines[7].starts_with("  ↳ mantago 1004 · auth"), "{out}");
        assert_eq!(lines[8], "next");
    }

    #[test]
    fn only_and_vendor() {
        let input = "a\n{\"error\":1,\"code\":1302}\nrpc error: code = Unavailable desc = x\n";
        let only = run(
            input,
            Options {
                only: true,
                ..Options::default()
            },
        );
        assert!(!only.contains("a\n"), "{only}");
        assert_eq!(only.matches("↳").count(), 2, "{only}");
        let grpc = run(
            input,
            Options {
                vendor: Some("grpc".into()),
                only: true,
                ..Options::default()
            },
        );
        assert!(
            grpc.contains("↳ grpc 14") && !grpc.contains("pixnet"),
            "{grpc}"
        );
    }

    #[test]
    fn only_prints_the_first_line_of_a_body_over_several_lines_with_its_last() {
        let input = "2024-05-13 10:22:01 ERROR bot answered {\n  \"success\": false,\n  \"errResponse\": {\"code\": 1004, \"message\": \"Token is invalid or expired\"}\n}\nnext\n";
        let out = run(
            input,
            Options {
                only: true,
                ..Options::default()
            },
        );
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(
            lines[0], "2024-05-13 10:22:01 ERROR bot answered {",
            "{out}"
        );
        assert_eq!(lines[1], "}", "{out}");
        assert!(lines[2].starts_with("  ↳ mantago 1004 · auth"), "{out}");
        assert_eq!(lines.len(), 3, "{out}");
    }

    #[test]
    fn a_line_cut_by_the_terminal_is_annotated_under_its_rest() {
        let input = "sqlite3.OperationalError: database is lo\ncked\n2024-05-13 next\n";
        let out = run(input, Options::default());
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines[1], "cked", "{out}");
        assert!(lines[2].starts_with("  ↳ sqlite 5 · "), "{out}");
        assert_eq!(lines[3], "2024-05-13 next", "{out}");
    }

    #[test]
    fn a_status_echoed_on_its_own_line_is_annotated_under_it() {
        let input = "$ timeout 30 ./integration.sh\n$ echo $?\n124\n$ ls\n";
        let out = run(input, Options::default());
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines[2], "124", "{out}");
        assert!(lines[3].starts_with("  ↳ exit 124 · "), "{out}");
        assert_eq!(lines[4], "$ ls", "{out}");
        // A number after a line with no error word is only copied.
        let out = run("total files\n124\n", Options::default());
        assert!(!out.contains('↳'), "{out}");
    }

    #[test]
    fn a_stray_bracket_does_not_hold_the_next_lines() {
        let input = "\x1b[2J cleared\n{\"error\":1,\"code\":1302}\r\n";
        let out = run(input, Options::default());
        assert!(out.contains("↳ pixnet 1302"), "{out}");
    }

    #[test]
    fn depth_counts_brackets_outside_strings_across_lines() {
        let mut body = Body::default();
        body.push(r#"{"a": "}{[", "b": ["#);
        assert_eq!(body.depth, 2);
        body.push(r#"  "x": "\"}" }"#);
        assert_eq!(body.depth, 1);
        // A string wrapped over the line break: its brackets still do not count.
        body.push(r#""wrapped str"#);
        body.push(r#"ing ]}" }"#);
        assert_eq!(body.depth, 0);
    }
}
