//! The terminal explorer: runtime (threads, terminal, effects) around a pure `App` + `ui::draw`.
//!
//! Threads: the input reader and the catalog loader send messages to the main loop; the search
//! worker answers queries; the main loop alone owns the terminal and draws.

pub mod action;
pub mod app;
pub mod detail;
pub mod history;
pub mod input;
pub mod layout;
pub mod paste;
mod search;
pub mod terminal;
pub mod ui;

use crate::catalog::Sources;
use crate::clipboard::{self, Clipboard, Via};
use crate::index::Index;
use action::Action;
use app::{App, Effect};
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

/// What the explorer starts with (the CLI builds it from its arguments).
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub start: app::Options,
    pub clipboard: clipboard::Mode,
    /// The catalogs to load besides the embedded ones.
    pub sources: Sources,
}

/// Runs the TUI until the user quits. Returns the exit code.
pub fn explore(options: Options) -> io::Result<i32> {
    terminal::install_panic_hook();
    let stop = Arc::new(AtomicBool::new(false));
    for sig in [signal_hook::consts::SIGTERM, signal_hook::consts::SIGHUP] {
        signal_hook::flag::register(sig, stop.clone())?;
    }
    let history_file = history::path();
    let mut start = options.start;
    start.history = history_file
        .as_deref()
        .map(history::load)
        .unwrap_or_default();
    let mut app = App::new(start);
    let (tx, rx) = mpsc::channel::<Msg>();

    let mut term = terminal::enter(app.mouse)?;
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
        if matches!(pending.first(), Some(Msg::Term(Event::Key(_)))) {
            // Keys of an unbracketed paste arrive together: give the rest a moment to land,
            // so the whole burst is seen as one paste, not as commands.
            std::thread::sleep(Duration::from_millis(3));
        }
        pending.extend(rx.try_iter());
        for msg in coalesce_pastes(pending, app.mode) {
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
