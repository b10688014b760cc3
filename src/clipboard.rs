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
            unavailable,
        }
    }

    /// Copies `text`. With `--clipboard system` a failure is an error; otherwise OSC 52 is
    /// the fallback.
    pub fn copy(&mut self, text: &str) -> Result<Via, String> {
        if let Some(c) = &mut self.system {
            match c.set_text(text.to_string()) {
                Ok(()) => return Ok(Via::System),
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
