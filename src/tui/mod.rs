//! The terminal explorer: runtime (threads, terminal, effects) around a pure `App` + `ui::draw`.
//!
//! Threads: the input reader and the catalog loader send messages to the main loop; the search
//! worker answers queries; the main loop alone owns the terminal and draws.

pub mod action;
pub mod app;
pub mod background;
pub mod decoded;
pub mod detail;
pub mod history;
pub mod input;
pub mod layout;
pub mod open;
pub mod paste;
pub mod problems;
pub mod rows;
pub mod search;
pub mod terminal;
pub mod ui;

use crate::catalog::Sources;
use crate::clipboard::{self, Clipboard, Via};
use crate::index::Index;
use crate::sanitize;
use action::Action;
use app::{App, Effect};
pub use background::Palette;
use ratatui::crossterm::event::{self, Event};
use std::io::{self, Write};
use std::sync::Arc;
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::Duration;

enum Msg {
    Term(Event),
    Action(Action),
    Signal(i32),
}

/// What the explorer starts with (the CLI builds it from its arguments).
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub start: app::Options,
    pub clipboard: clipboard::Mode,
    /// The catalogs to load besides the embedded ones.
    pub sources: Sources,
    /// Problems found before the explorer started (the config file), shown with the catalogs'.
    pub warnings: Vec<String>,
}

/// How the explorer ended.
#[derive(Debug, Clone)]
pub enum Exit {
    /// The user quit.
    Quit,
    /// A signal from outside (SIGINT, SIGQUIT, SIGTERM, SIGHUP) ended it.
    Signal(i32),
    /// `errdex pick`: the user chose `row`; `arm` is what `y` would have copied for it.
    Picked {
        index: Arc<Index>,
        row: crate::index::RowId,
        arm: String,
    },
    /// `errdex pick`: the user left without choosing.
    Cancelled,
}

impl Exit {
    /// The process exit status: 0, 1 for a pick left without choosing, or 128 + the signal as
    /// shells report it.
    pub fn code(&self) -> i32 {
        match self {
            Exit::Quit | Exit::Picked { .. } => 0,
            Exit::Cancelled => 1,
            Exit::Signal(sig) => 128 + sig,
        }
    }
}

/// Whether to draw in colour: not with `NO_COLOR` set, nor on a `TERM=dumb` terminal.
pub fn colors_wanted() -> bool {
    let set = |k: &str| std::env::var_os(k).is_some_and(|v| !v.is_empty());
    !set("NO_COLOR") && std::env::var_os("TERM").is_none_or(|t| t != "dumb")
}

/// Runs the TUI until the user quits or a signal ends it. Without a terminal it starts
/// nothing and says so (an `Unsupported` error holding one line for the user).
pub fn explore(mut options: Options) -> io::Result<Exit> {
    // A pick's standard output is for its answer: it draws on the terminal itself.
    let screen = if options.start.pick {
        terminal::Screen::Tty
    } else {
        terminal::Screen::Stdout
    };
    if let Some(why) = terminal::unavailable(screen) {
        return Err(io::Error::new(io::ErrorKind::Unsupported, why));
    }
    use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGTSTP};
    // Registered before the terminal changes, so no signal finds it changed and unhandled.
    let mut signals =
        signal_hook::iterator::Signals::new([SIGINT, SIGQUIT, SIGTERM, SIGHUP, SIGTSTP])?;
    let signal_handle = signals.handle();
    terminal::install_panic_hook();
    let mut term = match terminal::enter_on(screen, options.start.mouse) {
        Ok(term) => term,
        Err(e) => {
            // Whatever modes came on before the failure go off again.
            terminal::restore();
            return Err(e);
        }
    };
    // Asked before the key reader starts, which would take the answer for keys.
    if options.start.palette == Palette::Auto {
        options.start.palette = terminal_background(screen).unwrap_or(Palette::Dark);
    }
    let (tx, rx) = mpsc::channel::<Msg>();
    let signal_tx = tx.clone();
    std::thread::spawn(move || {
        for sig in signals.forever() {
            if signal_tx.send(Msg::Signal(sig)).is_err() {
                break;
            }
        }
    });
    let result = run(&mut term, options, tx, rx);
    terminal::restore();
    signal_handle.close();
    result
}

/// The background of the terminal the explorer is on (in raw mode already).
fn terminal_background(screen: terminal::Screen) -> Option<Palette> {
    match screen {
        terminal::Screen::Stdout => background::detect(io::stdin(), &mut io::stdout()),
        terminal::Screen::Tty => {
            let mut tty = std::fs::OpenOptions::new()
                .read(true)
                .write(true)
                .open("/dev/tty")
                .ok()?;
            let input = tty.try_clone().ok()?;
            background::detect(input, &mut tty)
        }
    }
}

/// The main loop: messages in, `App::update`, effects out, one frame per batch.
fn run(
    term: &mut terminal::Term,
    options: Options,
    tx: mpsc::Sender<Msg>,
    rx: mpsc::Receiver<Msg>,
) -> io::Result<Exit> {
    let history_file = history::path();
    let mut start = options.start;
    start.warnings = options.warnings;
    start.history = history_file
        .as_deref()
        .map(history::load)
        .unwrap_or_default();
    let mut app = App::new(start);
    let size = term.size()?;
    app.update(Action::Resize(size.width, size.height));
    term.draw(|f| ui::draw(&app, f))?;

    // Catalogs load in the background: the first frame above never waits for them.
    let loader_tx = tx.clone();
    let sources = options.sources;
    std::thread::spawn(move || {
        let mut last = std::time::Instant::now();
        let (index, problems) = Index::load(&sources, &mut |loaded_bytes, total_bytes| {
            // A few updates a second are progress enough.
            if last.elapsed() >= Duration::from_millis(50) {
                last = std::time::Instant::now();
                let progress = Action::LoadProgress {
                    loaded_bytes,
                    total_bytes,
                };
                let _ = loader_tx.send(Msg::Action(progress));
            }
        });
        let problems = problems.iter().map(ToString::to_string).collect();
        // Built here, so the detail pane's first look-up does not hold up a frame.
        index.prepare_lookups();
        let _ = loader_tx.send(Msg::Action(Action::Loaded(Arc::new(index), problems)));
    });
    let input_tx = tx.clone();
    std::thread::spawn(move || {
        while let Ok(ev) = event::read() {
            if input_tx.send(Msg::Term(ev)).is_err() {
                break;
            }
        }
    });
    let (search_tx, search_rx) = mpsc::channel::<Action>();
    let worker = search::SearchWorker::start(search_tx);
    let forward_tx = tx.clone();
    std::thread::spawn(move || {
        while let Ok(a) = search_rx.recv() {
            if forward_tx.send(Msg::Action(a)).is_err() {
                break;
            }
        }
    });

    let hyperlinks = hyperlinks_wanted();
    // The hyperlink written after the last frame, and the screen size it was written on: a
    // new size (or a resume) redraws every cell, link or not.
    let mut last_link: Option<(ui::Link, ratatui::layout::Rect)> = None;
    let mut clipboard: Option<Clipboard> = None;
    let mut osc: Vec<String> = Vec::new();
    loop {
        let first = match rx.recv_timeout(Duration::from_millis(200)) {
            Ok(m) => Some(m),
            Err(RecvTimeoutError::Timeout) => None,
            Err(RecvTimeoutError::Disconnected) => return Ok(Exit::Quit),
        };
        // Handle everything that is waiting (a resize storm is one redraw), then draw once.
        let mut pending: Vec<Msg> = first.into_iter().collect();
        if matches!(pending.first(), Some(Msg::Term(Event::Key(_)))) {
            // Keys of an unbracketed paste arrive together: give the rest a moment to land,
            // so the whole burst is seen as one paste, not as commands.
            std::thread::sleep(Duration::from_millis(3));
        }
        pending.extend(rx.try_iter());
        for msg in coalesce_pastes(pending, app.mode) {
            let action = match msg {
                Msg::Signal(signal_hook::consts::SIGTSTP) => Some(Action::Suspend),
                Msg::Signal(sig) => return Ok(Exit::Signal(sig)),
                Msg::Action(a) => Some(a),
                Msg::Term(Event::Key(k)) => app.key(k),
                Msg::Term(Event::Resize(w, h)) => Some(Action::Resize(w, h)),
                Msg::Term(Event::Paste(s)) => Some(Action::Paste(s)),
                Msg::Term(Event::Mouse(m)) => Some(Action::Mouse(m)),
                Msg::Term(_) => None,
            };
            let Some(action) = action else { continue };
            let mut queue = vec![action];
            while let Some(action) = queue.pop() {
                for effect in app.update(action) {
                    match effect {
                        Effect::Quit => return Ok(Exit::Quit),
                        Effect::Cancel => return Ok(Exit::Cancelled),
                        Effect::Open(url) => {
                            let shown = sanitize::line(&url).into_owned();
                            queue.push(Action::Status(match open::open(&url) {
                                Ok(program) => format!("opened {shown} with {program}"),
                                Err(why) => format!("warning: cannot open {shown}: {why}"),
                            }));
                        }
                        Effect::Pick { row, arm } => {
                            if let Some(index) = app.index.clone() {
                                return Ok(Exit::Picked { index, row, arm });
                            }
                        }
                        Effect::Suspend => {
                            terminal::suspend(app.mouse)?;
                            last_link = None;
                            // Back from `fg`: the shell drew over the screen (which may have
                            // changed size), so all of it is drawn again. (`clear` would ask
                            // the terminal for the cursor, whose answer the input thread eats.)
                            let size = term.size()?;
                            term.resize(ratatui::layout::Rect::new(0, 0, size.width, size.height))?;
                            queue.push(Action::Resize(size.width, size.height));
                        }
                        Effect::Search(req) => {
                            if let Some(index) = &app.index {
                                worker.submit(req, index.clone());
                            }
                        }
                        Effect::SetMouse(on) => terminal::set_mouse(on)?,
                        Effect::SaveHistory(entries) => {
                            if let Some(file) = &history_file
                                && let Err(e) = history::save(file, &entries)
                            {
                                let why = format!("warning: history not saved: {e}");
                                queue.push(Action::Status(why));
                            }
                        }
                        Effect::Copy { text, what } => {
                            let cb =
                                clipboard.get_or_insert_with(|| Clipboard::new(options.clipboard));
                            let status = match cb.copy(&text) {
                                Ok(Via::Osc52(seq)) => {
                                    osc.push(seq);
                                    format!("copied {what} via OSC 52")
                                }
                                Ok(via) => format!("copied {what} to {via}"),
                                Err(e) => format!("copy failed: {what}: {e}"),
                            };
                            queue.push(Action::Status(status));
                        }
                        Effect::PrepareDecoder => {
                            if let Some(index) = app.index.clone() {
                                // A paste that comes first waits for it instead of building
                                // another (a `OnceLock`).
                                let _ = std::thread::Builder::new()
                                    .name("errdex-decoder".into())
                                    .spawn(move || index.prepare_messages());
                            }
                        }
                        Effect::ReadClipboard => {
                            let cb =
                                clipboard.get_or_insert_with(|| Clipboard::new(options.clipboard));
                            queue.push(match cb.read() {
                                Ok(text) => Action::Paste(text),
                                Err(e) => Action::Status(format!("warning: {e}")),
                            });
                        }
                    }
                }
            }
        }
        let frame = term.draw(|f| ui::draw(&app, f))?.buffer.clone();
        // Written only when it changes: an unchanged link's cells are not redrawn by ratatui.
        let link = ui::source_link(&app, frame.area)
            .filter(|_| hyperlinks)
            .map(|l| (l, frame.area));
        if link != last_link {
            if let Some((old, area)) = &last_link
                && *area == frame.area
            {
                write_link(term, &frame, &old.rects, None)?;
            }
            if let Some((l, _)) = &link {
                write_link(term, &frame, &l.rects, Some(&l.url))?;
            }
            last_link = link;
        }
        // OSC 52 goes out between frames so it never lands inside one.
        for seq in osc.drain(..) {
            let out = term.backend_mut();
            out.write_all(seq.as_bytes())?;
            out.flush()?;
        }
    }
}

/// Whether to make the source link an OSC 8 hyperlink: terminals that know OSC 8 make it
/// clickable, others ignore it; the Linux console and GNU screen print it, so not there.
fn hyperlinks_wanted() -> bool {
    let term = std::env::var("TERM").unwrap_or_default();
    !(term == "dumb" || term == "linux" || term.starts_with("screen"))
}

/// Draws the cells of `rects` again from `frame`, inside an OSC 8 hyperlink to `url` (or with
/// none, to unlink cells a former link covered). Between frames, like OSC 52, with the cursor
/// saved and restored around it (DECSC/DECRC) so the filter's cursor stays put.
fn write_link(
    term: &mut terminal::Term,
    frame: &ratatui::buffer::Buffer,
    rects: &[ratatui::layout::Rect],
    url: Option<&str>,
) -> io::Result<()> {
    use ratatui::backend::Backend;
    let out = term.backend_mut();
    out.write_all(b"\x1b7")?;
    if let Some(url) = url {
        write!(out, "\x1b]8;;{url}\x1b\\")?;
    }
    let area = frame.area;
    let cells = rects
        .iter()
        .flat_map(|r| r.positions())
        .filter(|p| area.contains(*p))
        .map(|p| (p.x, p.y, &frame[p]));
    out.draw(cells)?;
    if url.is_some() {
        out.write_all(b"\x1b]8;;\x1b\\")?;
    }
    out.write_all(b"\x1b8")?;
    Backend::flush(out)
}

/// Terminals without bracketed paste deliver a paste as a burst of key presses, where a newline
/// is Enter and every letter could be a command. A run of at least [`BURST`] plain keys that
/// arrived together, with a line break inside it, is no typing: it becomes one
/// [`Action::Paste`]. In the paste panel any burst is text, but an Enter after a single line
/// stays a key; single-line bursts elsewhere stay keys (scripts type `/token` that way).
const BURST: usize = 4;

fn coalesce_pastes(msgs: Vec<Msg>, mode: action::Mode) -> Vec<Msg> {
    use ratatui::crossterm::event::{KeyCode, KeyEventKind, KeyModifiers};
    let plain = |m: &Msg| -> Option<char> {
        let Msg::Term(Event::Key(k)) = m else {
            return None;
        };
        if k.kind != KeyEventKind::Press
            || k.modifiers
                .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
        {
            return None;
        }
        match k.code {
            KeyCode::Char(c) => Some(c),
            KeyCode::Enter => Some('\n'),
            KeyCode::Tab => Some('\t'),
            _ => None,
        }
    };
    let flush = |run: &mut Vec<Msg>, out: &mut Vec<Msg>| {
        let all: String = run.iter().filter_map(plain).collect();
        let multi_line = all.trim_end_matches('\n').contains('\n');
        // A final Enter after one typed line is the user's Enter; after several lines, text.
        let trailing_enter = !multi_line && all.ends_with('\n');
        let body = run.len() - usize::from(trailing_enter);
        let text: String = run[..body].iter().filter_map(plain).collect();
        if body >= BURST && (multi_line || mode == action::Mode::Paste) {
            out.push(Msg::Action(Action::Paste(text)));
            out.extend(run.drain(..).skip(body));
        } else {
            out.append(run);
        }
    };
    let mut out = Vec::with_capacity(msgs.len());
    let mut run: Vec<Msg> = Vec::new();
    for m in msgs {
        if plain(&m).is_some() {
            run.push(m);
        } else {
            flush(&mut run, &mut out);
            out.push(m);
        }
    }
    flush(&mut run, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use action::Mode;
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    fn key(code: KeyCode) -> Msg {
        Msg::Term(Event::Key(KeyEvent::new(code, KeyModifiers::NONE)))
    }

    fn keys(s: &str) -> Vec<Msg> {
        s.chars()
            .map(|c| {
                key(if c == '\n' {
                    KeyCode::Enter
                } else {
                    KeyCode::Char(c)
                })
            })
            .collect()
    }

    #[test]
    fn a_multi_line_burst_is_a_paste() {
        let out = coalesce_pastes(keys("{\"a\":\n1}"), Mode::Normal);
        assert!(matches!(&out[..], [Msg::Action(Action::Paste(t))] if t == "{\"a\":\n1}"));
    }

    #[test]
    fn a_pasted_text_keeps_its_final_newline() {
        let out = coalesce_pastes(keys("a: 1\nb: 2\n"), Mode::Normal);
        assert!(matches!(&out[..], [Msg::Action(Action::Paste(t))] if t == "a: 1\nb: 2\n"));
    }

    #[test]
    fn typing_and_single_line_bursts_stay_keys() {
        assert_eq!(coalesce_pastes(keys("q"), Mode::Normal).len(), 1);
        // A script typing `/token` then Enter: every key is a key.
        let out = coalesce_pastes(keys("/token\n"), Mode::Normal);
        assert_eq!(out.len(), 7);
        assert!(out.iter().all(|m| matches!(m, Msg::Term(_))));
    }

    #[test]
    fn in_the_paste_panel_a_burst_is_text_and_a_final_enter_a_key() {
        let out = coalesce_pastes(keys("1302 limit\n"), Mode::Paste);
        assert!(
            matches!(&out[..], [Msg::Action(Action::Paste(t)), Msg::Term(_)] if t == "1302 limit")
        );
    }
}
