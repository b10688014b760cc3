//! The terminal explorer: runtime (threads, terminal, effects) around a pure `App` + `ui::draw`.
//!
//! Threads: the input reader and the catalog loader send messages to the main loop; the search
//! worker answers queries; the main loop alone owns the terminal and draws.

pub mod action;
pub mod app;
pub mod input;
pub mod layout;
pub mod paste;
mod search;
mod terminal;
pub mod ui;

use crate::cli::Args;
use crate::clipboard::{Clipboard, Via};
use crate::index::Index;
use action::Action;
use app::{App, Effect, Options};
use ratatui::crossterm::event::{self, Event};
use std::io::{self, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::Duration;

enum Msg {
    Term(Event),
    Action(Action),
}

/// Runs the TUI until the user quits. Returns the exit code.
pub fn run(args: &Args) -> io::Result<i32> {
    terminal::install_panic_hook();
    let stop = Arc::new(AtomicBool::new(false));
    for sig in [signal_hook::consts::SIGTERM, signal_hook::consts::SIGHUP] {
        signal_hook::flag::register(sig, stop.clone())?;
    }
    let mut app = App::new(Options {
        query: args.query.clone(),
        vendor: args.vendor.clone(),
        mouse: !args.no_mouse,
        color: std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
    });
    let (tx, rx) = mpsc::channel::<Msg>();

    let mut term = terminal::enter(app.mouse)?;
    let size = term.size()?;
    app.update(Action::Resize(size.width, size.height));
    term.draw(|f| ui::draw(&app, f))?;
    // A deliberate panic once the terminal is in full-screen mode, so a test can prove the
    // panic hook restores it.
    if std::env::var_os("ERRDEX_TEST_PANIC").is_some() {
        panic!("ERRDEX_TEST_PANIC is set: deliberate panic to test terminal restore");
    }

    // Catalogs load in the background: the first frame above never waits for them.
    let loader_tx = tx.clone();
    let load_args = LoadArgs::from(args);
    std::thread::spawn(move || {
        let report = load_args.load();
        let problems = report.problems.iter().map(ToString::to_string).collect();
        let index = Arc::new(Index::new(report.catalogs));
        let _ = loader_tx.send(Msg::Action(Action::Loaded(index, problems)));
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

    let mut clipboard: Option<Clipboard> = None;
    let mut osc: Vec<String> = Vec::new();
    'main: loop {
        let first = match rx.recv_timeout(Duration::from_millis(200)) {
            Ok(m) => Some(m),
            Err(RecvTimeoutError::Timeout) => None,
            Err(RecvTimeoutError::Disconnected) => break,
        };
        if stop.load(Ordering::Relaxed) {
            break;
        }
        // Handle everything that is waiting (a resize storm is one redraw), then draw once.
        let mut pending: Vec<Msg> = first.into_iter().collect();
        pending.extend(rx.try_iter());
        for msg in pending {
            let action = match msg {
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
                        Effect::Quit => break 'main,
                        Effect::Search(req) => {
                            if let Some(index) = &app.index {
                                worker.submit(req, index.clone());
                            }
                        }
                        Effect::SetMouse(on) => terminal::set_mouse(on)?,
                        Effect::Copy { text, what } => {
                            let cb =
                                clipboard.get_or_insert_with(|| Clipboard::new(args.clipboard));
                            let status = match cb.copy(&text) {
                                Ok(Via::Osc52(seq)) => {
                                    osc.push(seq);
                                    format!("copied {what} via OSC 52")
                                }
                                Ok(via) => format!("copied {what} to {via}"),
                                Err(e) => format!("copy failed: {e}"),
                            };
                            queue.push(Action::Status(status));
                        }
                        Effect::ReadClipboard => {
                            let cb =
                                clipboard.get_or_insert_with(|| Clipboard::new(args.clipboard));
                            queue.push(match cb.read() {
                                Ok(text) => Action::Paste(text),
                                Err(e) => Action::Status(format!("warning: {e}")),
                            });
                        }
                    }
                }
            }
        }
        term.draw(|f| ui::draw(&app, f))?;
        // OSC 52 goes out between frames so it never lands inside one.
        for seq in osc.drain(..) {
            let out = term.backend_mut();
            out.write_all(seq.as_bytes())?;
            out.flush()?;
        }
    }
    terminal::restore();
    Ok(0)
}

/// What the loader thread needs from the arguments (they are not `Send` as a whole).
struct LoadArgs {
    catalog: Vec<std::path::PathBuf>,
    no_user: bool,
}

impl LoadArgs {
    fn from(args: &Args) -> LoadArgs {
        LoadArgs {
            catalog: args.catalog.clone(),
            no_user: args.no_user_catalogs,
        }
    }

    fn load(&self) -> crate::catalog::LoadReport {
        crate::cli::load_catalogs(&self.catalog, self.no_user)
    }
}
