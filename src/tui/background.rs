//! Whether the terminal's background is light or dark, for the theme when neither `--theme`
//! nor the config file chooses one: `COLORFGBG` where the terminal sets it (rxvt, Konsole,
//! …), else the terminal's answer to an OSC 11 query, asked with a device-attributes query
//! behind it (which every terminal answers, so one that ignores OSC 11 costs no wait), within
//! a short timeout.

use std::io::{self, Write};
use std::os::fd::AsFd;
use std::time::{Duration, Instant};

/// Which terminal background the colours are chosen for (`theme` in the config file).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Palette {
    /// The terminal's own background, light or dark as it says (`COLORFGBG`, or its answer to
    /// an OSC 11 query), dark when it does not say: found as the explorer starts.
    #[default]
    Auto,
    /// Light text on a dark background: the bright ANSI colours.
    Dark,
    /// Dark text on a light background: the dark ANSI colours. Neither palette uses yellow
    /// or cyan for text, which fade on white.
    Light,
}

/// How long the terminal has to answer: a local one answers in a millisecond or two, one over
/// SSH in a round trip.
pub const TIMEOUT: Duration = Duration::from_millis(150);

/// OSC 11 ("what is your background colour?"), then DA1 ("what are you?").
const QUERY: &[u8] = b"\x1b]11;?\x1b\\\x1b[c";

/// The palette `COLORFGBG` (`"15;0"`: foreground 15 on background 0; rxvt writes
/// `"0;default;15"`) implies: the last field is the background's ANSI colour, light for 7
/// (white) and 9–15 (the bright ones, but for 8, bright black), dark for the rest.
pub fn from_colorfgbg(value: &str) -> Option<Palette> {
    let bg: u8 = value.rsplit(';').next()?.trim().parse().ok()?;
    Some(if bg == 7 || (9..=15).contains(&bg) {
        Palette::Light
    } else {
        Palette::Dark
    })
}

/// The palette a terminal's answer to OSC 11 implies (`ESC ] 11 ; rgb:RRRR/GGGG/BBBB` ending
/// in BEL or ST, each channel one to four hex digits), wherever it is in `answer`: light when
/// the colour's luminance is over half.
pub fn from_osc11(answer: &[u8]) -> Option<Palette> {
    let text = String::from_utf8_lossy(answer);
    let at = text.find("\x1b]11;rgb:")? + "\x1b]11;rgb:".len();
    let rest = &text[at..];
    let end = rest.find(['\x07', '\x1b']).unwrap_or(rest.len());
    let channels: Vec<f64> = rest[..end]
        .split('/')
        .map(|c| {
            let max = 16f64.powi(c.len() as i32) - 1.0;
            let v = u32::from_str_radix(c, 16).ok()?;
            (1..=4).contains(&c.len()).then(|| f64::from(v) / max)
        })
        .collect::<Option<_>>()?;
    let [r, g, b] = channels[..] else {
        return None;
    };
    let luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
    Some(if luminance > 0.5 {
        Palette::Light
    } else {
        Palette::Dark
    })
}

/// Whether `answer` holds the end of a DA1 answer (`ESC [ ? … c`): the terminal has said all
/// it will.
fn answered(answer: &[u8]) -> bool {
    answer
        .windows(3)
        .position(|w| w == b"\x1b[?")
        .is_some_and(|at| answer[at..].contains(&b'c'))
}

/// Asks the terminal (`input` in raw mode, `output` its screen) for its background, and reads
/// its answer until the DA1 answer ends it or `timeout` passes. Read straight from the file
/// descriptor, so nothing is left in a buffer the key reader does not see.
pub fn ask(input: impl AsFd, output: &mut impl Write, timeout: Duration) -> io::Result<Vec<u8>> {
    use rustix::event::{PollFd, PollFlags, Timespec, poll};
    output.write_all(QUERY)?;
    output.flush()?;
    let deadline = Instant::now() + timeout;
    let mut answer = Vec::new();
    while !answered(&answer) {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            break;
        }
        let mut fds = [PollFd::new(&input, PollFlags::IN)];
        let wait = Timespec::try_from(left).unwrap_or(Timespec {
            tv_sec: 0,
            tv_nsec: 0,
        });
        if poll(&mut fds, Some(&wait))? == 0 {
            break;
        }
        let mut buf = [0u8; 256];
        let n = rustix::io::read(&input, &mut buf)?;
        if n == 0 {
            break;
        }
        answer.extend_from_slice(&buf[..n]);
    }
    Ok(answer)
}

/// The background's palette: `COLORFGBG`'s if set, else the terminal's answer (never on a
/// `TERM=dumb` terminal), else none.
pub fn detect(input: impl AsFd, output: &mut impl Write) -> Option<Palette> {
    if let Some(p) = std::env::var("COLORFGBG")
        .ok()
        .as_deref()
        .and_then(from_colorfgbg)
    {
        return Some(p);
    }
    if std::env::var_os("TERM").is_some_and(|t| t == "dumb") {
        return None;
    }
    from_osc11(&ask(input, output, TIMEOUT).ok()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colorfgbg_says_which_background_by_its_last_field() {
        assert_eq!(from_colorfgbg("15;0"), Some(Palette::Dark));
        assert_eq!(from_colorfgbg("0;15"), Some(Palette::Light));
        assert_eq!(from_colorfgbg("0;default;15"), Some(Palette::Light));
        assert_eq!(from_colorfgbg("0;7"), Some(Palette::Light));
        assert_eq!(from_colorfgbg("15;8"), Some(Palette::Dark));
        assert_eq!(from_colorfgbg("default;default"), None);
        assert_eq!(from_colorfgbg(""), None);
    }

    #[test]
    fn an_osc_11_answer_is_light_or_dark_by_its_luminance() {
        // Terminated by ST or BEL; one to four hex digits a channel; among other answers.
        let white = b"\x1b]11;rgb:ffff/ffff/ffff\x1b\\\x1b[?62;22c";
        assert_eq!(from_osc11(white), Some(Palette::Light));
        assert_eq!(
            from_osc11(b"\x1b]11;rgb:0000/0000/0000\x07"),
            Some(Palette::Dark)
        );
        // Solarized light and dark, as xterm writes them, and tmux's white (colour 7).
        assert_eq!(
            from_osc11(b"\x1b]11;rgb:fdfd/f6f6/e3e3\x07"),
            Some(Palette::Light)
        );
        assert_eq!(
            from_osc11(b"\x1b]11;rgb:00/2b/36\x1b\\"),
            Some(Palette::Dark)
        );
        assert_eq!(
            from_osc11(b"\x1b]11;rgb:c0c0/c0c0/c0c0\x1b\\"),
            Some(Palette::Light)
        );
        // No colour: only DA1, or something else.
        assert_eq!(from_osc11(b"\x1b[?1;2c"), None);
        assert_eq!(from_osc11(b"\x1b]11;rgb:zz/00/00\x07"), None);
        assert_eq!(from_osc11(b"\x1b]11;rgb:00/00\x07"), None);
    }

    #[test]
    fn the_query_reads_the_answer_up_to_da1_and_waits_no_longer_than_the_timeout() {
        use std::os::unix::net::UnixStream;
        let (mut terminal, ours) = UnixStream::pair().unwrap();
        terminal
            .write_all(b"\x1b]11;rgb:ffff/ffff/ffff\x1b\\\x1b[?1;2c")
            .unwrap();
        let mut sent = Vec::new();
        let answer = ask(&ours, &mut sent, Duration::from_secs(5)).unwrap();
        assert_eq!(sent, QUERY);
        assert_eq!(from_osc11(&answer), Some(Palette::Light));
        // A terminal that never answers: the timeout ends the wait.
        let (_silent, ours) = UnixStream::pair().unwrap();
        let start = Instant::now();
        let answer = ask(&ours, &mut Vec::new(), Duration::from_millis(100)).unwrap();
        assert!(answer.is_empty());
        assert!(start.elapsed() < Duration::from_secs(2));
    }
}
