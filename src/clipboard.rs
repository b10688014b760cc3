//! Copying text out: the system clipboard through one long-lived `arboard::Clipboard`, or the
//! terminal's clipboard through OSC 52 when there is no display server, over SSH, when asked
//! (`--clipboard osc52`), or when arboard fails.

use base64::Engine;
use std::fmt;
use std::sync::mpsc;
use std::time::Duration;

/// How long to wait for a display server to answer before giving up on it.
const CONNECT_TIMEOUT: Duration = Duration::from_millis(1500);

/// The longest OSC 52 sequence errdex sends. tmux, the usual hop between errdex and the
/// terminal, drops longer ones without a word (its input buffer holds 1 MiB), so a larger copy
/// is refused with a reason instead of reported as copied.
pub const MAX_OSC52_BYTES: usize = 1_000_000;

/// Text made safe to copy: what a terminal or an editor would obey (control characters, bidi
/// overrides) is gone, and `removed` counts it so the status line can say so.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cleaned {
    pub text: String,
    pub removed: usize,
}

/// Cleans `text` for the clipboard. `multi_line` text (snippets) keeps its line breaks and
/// tabs; a single value (a code, a message) gets a space for each line break or tab.
pub fn clean(text: &str, multi_line: bool) -> Cleaned {
    let mut out = String::with_capacity(text.len());
    let mut removed = 0;
    for c in text.chars() {
        let bidi = matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}');
        let kept_break = multi_line && (c == '\n' || c == '\t');
        if (!c.is_control() && !bidi) || kept_break {
            out.push(c);
        } else {
            removed += 1;
            if matches!(c, '\n' | '\t' | '\r') && !out.ends_with(' ') {
                out.push(' ');
            }
        }
    }
    Cleaned { text: out, removed }
}

/// How copied text reaches the clipboard (`--clipboard`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Mode {
    /// The system clipboard, or OSC 52 when there is no display or over SSH.
    #[default]
    Auto,
    /// The system clipboard (X11/Wayland) only.
    System,
    /// The terminal's clipboard via the OSC 52 escape sequence.
    Osc52,
}

/// Which way the text went, for the status line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Via {
    System,
    /// The escape sequence to write to the terminal (between frames, never inside one).
    Osc52(String),
}

impl fmt::Display for Via {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Via::System => f.write_str("the system clipboard"),
            Via::Osc52(_) => f.write_str("OSC 52"),
        }
    }
}

pub struct Clipboard {
    mode: Mode,
    system: Option<arboard::Clipboard>,
    /// The last text put on the system clipboard, handed to a server when errdex exits.
    last: Option<String>,
    /// Why the system clipboard is not used, for messages.
    pub unavailable: Option<String>,
}

impl Clipboard {
    pub fn new(mode: Mode) -> Clipboard {
        let env = |k: &str| std::env::var_os(k).is_some_and(|v| !v.is_empty());
        let display = env("DISPLAY") || env("WAYLAND_DISPLAY");
        let ssh = env("SSH_CONNECTION") || env("SSH_TTY");
        let reason = match mode {
            Mode::Osc52 => Some("--clipboard osc52".to_string()),
            Mode::Auto if !display => Some("no display server".to_string()),
            Mode::Auto if ssh => Some("SSH session".to_string()),
            _ => None,
        };
        let (system, unavailable) = match reason {
            Some(r) => (None, Some(r)),
            None => match connect() {
                Ok(c) => (Some(c), None),
                Err(e) => (None, Some(e)),
            },
        };
        Clipboard {
            mode,
            system,
            last: None,
            unavailable,
        }
    }

    /// Copies `text`. With `--clipboard system` a failure is an error; otherwise OSC 52 is
    /// the fallback.
    pub fn copy(&mut self, text: &str) -> Result<Via, String> {
        if let Some(c) = &mut self.system {
            match c.set_text(text.to_string()) {
                Ok(()) => {
                    self.last = Some(text.to_string());
                    return Ok(Via::System);
                }
                Err(e) if self.mode == Mode::System => {
                    return Err(format!("system clipboard: {e}"));
                }
                Err(_) => {}
            }
        } else if self.mode == Mode::System {
            return Err(format!(
                "system clipboard unavailable ({})",
                self.unavailable.as_deref().unwrap_or("unknown")
            ));
        }
        let seq = osc52(text);
        if seq.len() > MAX_OSC52_BYTES {
            return Err(format!(
                "{} is over the {} terminals take through OSC 52",
                megabytes(seq.len()),
                megabytes(MAX_OSC52_BYTES)
            ));
        }
        Ok(Via::Osc52(seq))
    }

    /// The clipboard's text, for Ctrl-V in the paste panel.
    pub fn read(&mut self) -> Result<String, String> {
        match &mut self.system {
            Some(c) => c.get_text().map_err(|e| e.to_string()),
            None => Err(format!(
                "cannot read the clipboard ({}); paste with your terminal instead",
                self.unavailable.as_deref().unwrap_or("unavailable")
            )),
        }
    }
}

/// On X11 and Wayland the clipboard's text is served by the program that copied it, so it would
/// go with errdex. When errdex exits with its last copy still on the clipboard, a background
/// errdex takes the text over and serves it until another program copies something, as `xclip`
/// and `wl-copy` do. A newer copy made elsewhere is never overwritten.
impl Drop for Clipboard {
    fn drop(&mut self) {
        let (Some(c), Some(text)) = (&mut self.system, self.last.take()) else {
            return;
        };
        if c.get_text().ok().as_deref() == Some(text.as_str()) {
            hand_off(&text);
        }
    }
}

/// The environment variable that makes errdex serve the clipboard (see [`serve_if_asked`]).
const SERVE_VAR: &str = "ERRDEX_SERVE_CLIPBOARD";

/// How long errdex waits, on exit, for the background server to hold the text.
const HAND_OFF_TIMEOUT: Duration = Duration::from_secs(2);

/// Starts `errdex` as a clipboard server in a process group of its own (Ctrl-C in the terminal
/// does not reach it), gives it `text` and waits until it holds the clipboard.
fn hand_off(text: &str) {
    use std::io::{BufRead, Write};
    use std::os::unix::process::CommandExt;
    use std::process::{Command, Stdio};
    let Ok(exe) = std::env::current_exe() else {
        return;
    };
    let child = Command::new(exe)
        .env(SERVE_VAR, "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .process_group(0)
        .spawn();
    let Ok(mut child) = child else {
        return;
    };
    if let Some(mut stdin) = child.stdin.take() {
        let _ = stdin.write_all(text.as_bytes());
    }
    let Some(stdout) = child.stdout.take() else {
        return;
    };
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut line = String::new();
        let _ = std::io::BufReader::new(stdout).read_line(&mut line);
        let _ = tx.send(line);
    });
    let _ = rx.recv_timeout(HAND_OFF_TIMEOUT);
}

/// When errdex was started by [`hand_off`]: reads the text from stdin, puts it on the clipboard,
/// says `ok` and serves it until another program takes the clipboard. Returns the exit code,
/// or `None` for an ordinary run.
pub fn serve_if_asked() -> Option<i32> {
    use std::io::{Read, Write};
    std::env::var_os(SERVE_VAR)?;
    let mut text = String::new();
    if std::io::stdin().read_to_string(&mut text).is_err() {
        return Some(2);
    }
    let Ok(mut c) = arboard::Clipboard::new() else {
        return Some(2);
    };
    if c.set_text(text.clone()).is_err() {
        return Some(2);
    }
    let mut out = std::io::stdout();
    let _ = out.write_all(b"ok\n").and_then(|()| out.flush());
    serve(&mut c, text);
    Some(0)
}

#[cfg(target_os = "linux")]
fn serve(c: &mut arboard::Clipboard, text: String) {
    use arboard::SetExtLinux;
    let _ = c.set().wait().text(text);
}

#[cfg(not(target_os = "linux"))]
fn serve(_: &mut arboard::Clipboard, _: String) {}

/// Connects to the display server on a helper thread, so an X server that never answers
/// cannot hang errdex.
fn connect() -> Result<arboard::Clipboard, String> {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(arboard::Clipboard::new().map_err(|e| e.to_string()));
    });
    rx.recv_timeout(CONNECT_TIMEOUT)
        .map_err(|_| "the display server did not answer".to_string())?
}

fn megabytes(bytes: usize) -> String {
    format!("{:.1} MB", bytes as f64 / 1e6)
}

/// The OSC 52 sequence that asks the terminal to put `text` on its clipboard.
pub fn osc52(text: &str) -> String {
    let b64 = base64::engine::general_purpose::STANDARD.encode(text.as_bytes());
    format!("\x1b]52;c;{b64}\x07")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn osc52_encodes_text_as_base64() {
        assert_eq!(osc52("hi"), "\x1b]52;c;aGk=\x07");
        // Whatever the text holds, the sequence carries only base64 between its delimiters.
        let seq = osc52("\x1b]0;x\x07 錯誤");
        assert!(
            seq[7..seq.len() - 1]
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"+/=".contains(&b))
        );
    }

    #[test]
    fn cleaning_removes_what_a_terminal_would_obey_and_counts_it() {
        let hostile = "\x1b[31m1004\u{9b}2J\x07";
        assert_eq!(
            clean(hostile, false),
            Cleaned {
                text: "[31m10042J".into(),
                removed: 3
            }
        );
        assert_eq!(clean("a\nb\tc", false).text, "a b c");
        assert_eq!(clean("a\r\nb", false).text, "a b");
        let arm = "match c {\n\t1 => \u{202e}x,\n}";
        let cleaned = clean(arm, true);
        assert_eq!(cleaned.text, "match c {\n\t1 => x,\n}");
        assert_eq!(cleaned.removed, 1);
        assert_eq!(clean("plain 錯誤", false).removed, 0);
    }

    #[test]
    fn osc52_copies_too_big_for_terminals_are_refused() {
        let mut c = Clipboard::new(Mode::Osc52);
        // Base64 makes 3 bytes 4.
        let fits = "x".repeat(MAX_OSC52_BYTES / 4 * 3 - 12);
        assert!(matches!(c.copy(&fits), Ok(Via::Osc52(s)) if s.len() <= MAX_OSC52_BYTES));
        let err = c.copy(&"x".repeat(MAX_OSC52_BYTES)).unwrap_err();
        assert_eq!(
            err,
            "1.3 MB is over the 1.0 MB terminals take through OSC 52"
        );
    }

    #[test]
    fn forced_osc52_never_touches_the_display() {
        let mut c = Clipboard::new(Mode::Osc52);
        assert!(matches!(c.copy("x"), Ok(Via::Osc52(_))));
        assert!(c.read().is_err());
    }
}
