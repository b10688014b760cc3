//! Copying text out: the system clipboard through one long-lived `arboard::Clipboard`, or the
//! terminal's clipboard through OSC 52 when there is no display server, over SSH, when asked
//! (`--clipboard osc52`), or when arboard fails.

use base64::Engine;
use std::fmt;
use std::sync::mpsc;
use std::time::Duration;

/// How long to wait for a display server to answer before giving up on it.
const CONNECT_TIMEOUT: Duration = Duration::from_millis(1500);

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
        Ok(Via::Osc52(osc52(text)))
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
    fn forced_osc52_never_touches_the_display() {
        let mut c = Clipboard::new(Mode::Osc52);
        assert!(matches!(c.copy("x"), Ok(Via::Osc52(_))));
        assert!(c.read().is_err());
    }
}
