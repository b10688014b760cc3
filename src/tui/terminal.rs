//! Entering and leaving the terminal's full-screen mode. Every mode errdex turns on (raw,
//! alternate screen, mouse capture, bracketed paste) is turned off again on exit, on Ctrl-C,
//! on Ctrl-Z (and back on after `fg`), on the signals that end a program, and on panic: the
//! panic hook is installed before the first mode is entered.
//!
//! The explorer draws on standard output, or, for `errdex pick` (whose standard output is for
//! the answer, often a pipe), on the controlling terminal `/dev/tty` as fzf does.

use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use std::io::{self, IsTerminal, Write};
use std::sync::atomic::{AtomicBool, Ordering};

pub type Term = Terminal<CrosstermBackend<Out>>;

/// Set while the explorer draws on `/dev/tty`, so the panic hook restores that terminal.
static ON_TTY: AtomicBool = AtomicBool::new(false);

/// Where frames go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    Stdout,
    /// The controlling terminal, whatever standard output is.
    Tty,
}

/// The terminal's output: standard output or `/dev/tty`.
pub enum Out {
    Stdout(io::Stdout),
    Tty(std::fs::File),
}

impl Write for Out {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Out::Stdout(o) => o.write(buf),
            Out::Tty(f) => f.write(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Out::Stdout(o) => o.flush(),
            Out::Tty(f) => f.flush(),
        }
    }
}

fn open_tty() -> io::Result<std::fs::File> {
    std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open("/dev/tty")
}

fn output() -> Out {
    if ON_TTY.load(Ordering::Relaxed)
        && let Ok(f) = open_tty()
    {
        return Out::Tty(f);
    }
    Out::Stdout(io::stdout())
}

/// Why the explorer cannot run on `screen`, if it cannot: it needs a terminal to read keys
/// from and draw on.
pub fn unavailable(screen: Screen) -> Option<String> {
    match screen {
        Screen::Stdout if !io::stdin().is_terminal() || !io::stdout().is_terminal() => Some(
            "the explorer needs a terminal (standard input and output); for scripts use `errdex search QUERY`".into(),
        ),
        Screen::Tty => open_tty().err().map(|e| {
            format!("the picker needs a terminal (/dev/tty: {e}); for scripts use `errdex search QUERY`")
        }),
        Screen::Stdout => None,
    }
}

/// Restores the terminal on panic, then lets the default hook print the message.
pub fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
    }));
}

/// Enters full-screen mode on standard output.
pub fn enter(mouse: bool) -> io::Result<Term> {
    enter_on(Screen::Stdout, mouse)
}

pub fn enter_on(screen: Screen, mouse: bool) -> io::Result<Term> {
    ON_TTY.store(screen == Screen::Tty, Ordering::Relaxed);
    let out = match screen {
        Screen::Stdout => Out::Stdout(io::stdout()),
        Screen::Tty => Out::Tty(open_tty()?),
    };
    modes_on(mouse)?;
    Terminal::new(CrosstermBackend::new(out))
}

/// Raw mode, the alternate screen, bracketed paste and (if on) the mouse.
fn modes_on(mouse: bool) -> io::Result<()> {
    enable_raw_mode()?;
    let mut out = output();
    execute!(out, EnterAlternateScreen, EnableBracketedPaste)?;
    if mouse {
        execute!(out, EnableMouseCapture)?;
    }
    Ok(())
}

pub fn set_mouse(on: bool) -> io::Result<()> {
    if on {
        execute!(output(), EnableMouseCapture)
    } else {
        execute!(output(), DisableMouseCapture)
    }
}

/// Ctrl-Z: gives the terminal back to the shell and stops the process; returns after `fg`
/// (SIGCONT) with every mode on again. The caller redraws the whole screen.
pub fn suspend(mouse: bool) -> io::Result<()> {
    restore();
    // SIGSTOP, not SIGTSTP: SIGTSTP from outside is handled (it comes here), so raising it
    // would not stop the process.
    signal_hook::low_level::raise(signal_hook::consts::SIGSTOP)?;
    modes_on(mouse)
}

/// Leaves every mode; safe to call more than once and from the panic hook.
pub fn restore() {
    let mut out = output();
    let _ = execute!(
        out,
        DisableMouseCapture,
        DisableBracketedPaste,
        LeaveAlternateScreen,
        ratatui::crossterm::cursor::Show
    );
    let _ = disable_raw_mode();
    let _ = out.flush();
}
