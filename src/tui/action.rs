//! Everything that can happen to the app, and the pure mapping from key presses to it.
//! The mapping depends on the mode, so typing in the filter never triggers a command.

use crate::index::{Hit, Index};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseEvent};
use std::sync::Arc;

#[derive(Debug, Clone)]
pub enum Action {
    Quit,
    /// Ctrl-Z, or SIGTSTP from outside: stop until `fg`.
    Suspend,
    /// Enter in `errdex pick`: hand the selected entry to the caller.
    Choose,
    // Moving
    Up,
    Down,
    PageUp,
    PageDown,
    Top,
    Bottom,
    /// Switch focus between the vendor sidebar and the code table.
    FocusNext,
    /// `v`: show or hide the vendor sidebar, whatever the width.
    ToggleSidebar,
    /// Enter outside the filter: on a code, copy its arm (as `y`); on a vendor, go to its codes.
    Activate,
    /// Scroll the detail pane (in the paste panel, the decoded errors) by this many rows
    /// (Shift-↑/↓, the wheel over it).
    ScrollDetail(isize),
    /// Scroll the detail pane (or the decoded errors) half its height down (1) or up (-1):
    /// Ctrl-D / Ctrl-U.
    ScrollDetailHalfPage(isize),
    // The filter
    StartFilter,
    FilterInput(KeyEvent),
    /// Leave the filter keeping the query (and remembering it in the history).
    AcceptFilter,
    /// Ctrl-R or Alt-↑ in the filter: the previous query of the history.
    HistoryOlder,
    /// Alt-↓ in the filter: the next query of the history (after the newest, what was typed).
    HistoryNewer,
    /// Esc: clear the filter (or close what is open).
    Back,
    // Copying
    CopyArm,
    CopyEnum,
    CopyCode,
    CopyMessage,
    CycleLanguage,
    /// `Y` with or without the error body's type.
    ToggleBody,
    /// `s`: the detail pane shows what `y` would copy, or the entry again.
    TogglePreview,
    /// `o`: open the selected entry's source link in the browser.
    OpenSource,
    // Panels
    ToggleHelp,
    OpenPaste,
    PasteInput(KeyEvent),
    /// Bracketed paste, or clipboard text fetched for Ctrl-V.
    Paste(String),
    /// Ctrl-V in the paste panel: ask the runtime for the clipboard's text.
    PasteFromClipboard,
    /// Ctrl-L in the paste panel: empty it.
    ClearPaste,
    /// Enter in the paste panel: jump to the selected decoded error's entry.
    JumpToDecoded,
    ToggleEditions,
    /// `w`: the list of every config warning and catalog problem, or back.
    ToggleProblems,
    ToggleMouse,
    /// Narrow to the next kind (`k:` in the filter), across every vendor; after the last, none.
    CycleKind,
    Mouse(MouseEvent),
    Resize(u16, u16),
    // From background work
    /// The loader has read `loaded_bytes` of the `total_bytes` of catalog files.
    LoadProgress {
        loaded_bytes: u64,
        total_bytes: u64,
    },
    Loaded(Arc<Index>, Vec<String>),
    SearchDone {
        generation: u64,
        hits: Vec<Hit>,
    },
    /// The runtime's report on an effect (e.g. "copied 1 Rust arm via OSC 52").
    Status(String),
}

/// Every key, grouped; the one place a user learns them (the help overlay). Each line fits
/// the overlay at 60 columns: 16 for the key, 42 for what it does.
pub const HELP: &[(&str, &[(&str, &str)])] = &[
    (
        "Move",
        &[
            ("j k ↑ ↓", "previous / next"),
            ("g G Home End", "first / last"),
            ("PgUp PgDn", "page up / down"),
            ("Tab", "switch vendors ↔ codes"),
            ("v", "show / hide the vendor list"),
            ("Enter", "copy the arm, as y; on a vendor: its codes"),
            ("Shift-↑ ↓", "scroll the detail pane"),
            ("Ctrl-D Ctrl-U", "detail pane half a page down / up"),
            ("mouse", "click selects, wheel scrolls the pane"),
        ],
    ),
    (
        "Find",
        &[
            ("/", "filter (fuzzy; Enter keeps, Esc clears)"),
            ("↑ ↓", "while filtering: move the selection"),
            ("Ctrl-R Alt-↑ ↓", "while filtering: earlier / later queries"),
            ("Ctrl-A Ctrl-E", "while filtering: to the start / the end"),
            ("Ctrl-W Ctrl-U", "while filtering: delete a word / the line"),
            ("Ctrl-N Ctrl-P", "next / previous row, also while typing"),
            ("Ctrl-J Ctrl-K", "next / previous row, also while typing"),
            ("vendor: v:", "vendor id, name or alias"),
            ("status: s:", "HTTP status: 401, 4xx, 40x"),
            ("cat: c:", "category or subcategory"),
            ("code:", "code prefix"),
            ("kind: k:", "kind: rate_limit, not_found, auth ..."),
            ("retry:", "no, after_fix, backoff, later"),
            ("K", "next kind, across every vendor"),
            ("'x ^x x$ !x", "exact, prefix, suffix, not"),
        ],
    ),
    (
        "Copy",
        &[
            ("y", "match arm for the selected code"),
            ("s", "detail pane: preview what y copies / back"),
            ("Y", "enum of every code listed (not only shown)"),
            ("b", "Y with/without the error body's type"),
            ("L", "snippet language (10, from Rust to Ruby)"),
            ("c m", "code / message"),
        ],
    ),
    (
        "Paste panel (p)",
        &[
            ("Ctrl-V", "paste from the clipboard"),
            ("Ctrl-L", "clear the panel"),
            ("Tab Shift-Tab", "next / previous error"),
            ("Ctrl-N Ctrl-P", "next / previous error"),
            ("Ctrl-↑ Ctrl-↓", "previous / next error"),
            ("Shift-↑ ↓", "scroll the decoded errors"),
            ("Ctrl-D Ctrl-U", "decoded errors half a page down / up"),
            ("Enter", "jump to its entry in the table"),
            ("Esc", "back to the table"),
        ],
    ),
    (
        "More",
        &[
            ("p", "paste panel: decode an error response"),
            ("e", "editions of the selected code (Esc closes)"),
            ("w", "every config warning and catalog problem"),
            ("o", "open the source link ($BROWSER, xdg-open)"),
            ("M", "mouse on/off (off: terminal selects text)"),
            ("Esc", "clear filter / close"),
            ("? F1", "this help (j k g G PgUp PgDn scroll it)"),
            ("Ctrl-Z", "suspend (fg resumes)"),
            ("Enter Esc", "in errdex pick: print the entry / leave"),
            ("q Ctrl-C", "quit"),
        ],
    ),
];

/// Lines of the help overlay: a heading per group and a line per key.
pub fn help_lines() -> usize {
    HELP.iter().map(|(_, keys)| 1 + keys.len()).sum()
}

/// Which keys mean what right now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Normal,
    Filter,
    Help,
    Paste,
    Editions,
    /// The list of config warnings and catalog problems.
    Problems,
}

/// Maps a key to an action in `mode`. Only presses count (Windows and kitty report releases).
pub fn key_action(key: KeyEvent, mode: Mode) -> Option<Action> {
    if key.kind != KeyEventKind::Press {
        return None;
    }
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    let shift = key.modifiers.contains(KeyModifiers::SHIFT);
    let alt = key.modifiers.contains(KeyModifiers::ALT);
    if ctrl && key.code == KeyCode::Char('c') {
        return Some(Action::Quit);
    }
    if ctrl && key.code == KeyCode::Char('z') {
        return Some(Action::Suspend);
    }
    match mode {
        // Alt-letter is no text and no command (a terminal's Meta key, a missed chord).
        Mode::Filter | Mode::Normal if alt && matches!(key.code, KeyCode::Char(_)) => None,
        Mode::Filter => Some(match key.code {
            KeyCode::Esc => Action::Back,
            KeyCode::Enter => Action::AcceptFilter,
            KeyCode::Up if shift => Action::ScrollDetail(-1),
            KeyCode::Down if shift => Action::ScrollDetail(1),
            // As in fzf: arrows, Ctrl-N/P and Ctrl-J/K move while typing; Ctrl-R and Alt-↑/↓
            // browse the history.
            KeyCode::Char('n' | 'j') if ctrl => Action::Down,
            KeyCode::Char('p' | 'k') if ctrl => Action::Up,
            KeyCode::Char('r') if ctrl => Action::HistoryOlder,
            KeyCode::Up if alt => Action::HistoryOlder,
            KeyCode::Down if alt => Action::HistoryNewer,
            KeyCode::Up => Action::Up,
            KeyCode::Down => Action::Down,
            KeyCode::PageUp => Action::PageUp,
            KeyCode::PageDown => Action::PageDown,
            KeyCode::Tab => Action::AcceptFilter,
            _ => Action::FilterInput(key),
        }),
        Mode::Paste => Some(match key.code {
            KeyCode::Esc => Action::Back,
            KeyCode::Enter if !ctrl && !alt => Action::JumpToDecoded,
            KeyCode::Char('v') if ctrl => Action::PasteFromClipboard,
            KeyCode::Char('l') if ctrl => Action::ClearPaste,
            // Picking among the errors: Ctrl-↑/↓ where the terminal lets them through, and
            // Tab and Ctrl-N/P where it does not (macOS takes Ctrl-arrows for itself).
            KeyCode::Up if ctrl => Action::Up,
            KeyCode::Down if ctrl => Action::Down,
            KeyCode::Char('p') if ctrl => Action::Up,
            KeyCode::Char('n') if ctrl => Action::Down,
            KeyCode::BackTab => Action::Up,
            KeyCode::Tab => Action::Down,
            // Scrolling the decoded errors, with the detail pane's keys.
            KeyCode::Up if shift => Action::ScrollDetail(-1),
            KeyCode::Down if shift => Action::ScrollDetail(1),
            KeyCode::Char('d') if ctrl => Action::ScrollDetailHalfPage(1),
            KeyCode::Char('u') if ctrl => Action::ScrollDetailHalfPage(-1),
            _ => Action::PasteInput(key),
        }),
        Mode::Help | Mode::Problems => match key.code {
            KeyCode::Esc | KeyCode::Char('q') | KeyCode::Enter => Some(if mode == Mode::Help {
                Action::ToggleHelp
            } else {
                Action::ToggleProblems
            }),
            KeyCode::Char('?') if mode == Mode::Help => Some(Action::ToggleHelp),
            KeyCode::Char('w') if mode == Mode::Problems => Some(Action::ToggleProblems),
            KeyCode::Char('j') | KeyCode::Down => Some(Action::Down),
            KeyCode::Char('k') | KeyCode::Up => Some(Action::Up),
            KeyCode::PageDown => Some(Action::PageDown),
            KeyCode::PageUp => Some(Action::PageUp),
            KeyCode::Char('g') | KeyCode::Home => Some(Action::Top),
            KeyCode::Char('G') | KeyCode::End => Some(Action::Bottom),
            _ => None,
        },
        Mode::Editions => match key.code {
            KeyCode::Esc | KeyCode::Char('e') | KeyCode::Char('q') => Some(Action::ToggleEditions),
            KeyCode::Char('j') | KeyCode::Down => Some(Action::Down),
            KeyCode::Char('k') | KeyCode::Up => Some(Action::Up),
            KeyCode::Enter => Some(Action::ToggleEditions),
            _ => None,
        },
        Mode::Normal => match key.code {
            KeyCode::Up if shift => Some(Action::ScrollDetail(-1)),
            KeyCode::Down if shift => Some(Action::ScrollDetail(1)),
            KeyCode::Char('d') if ctrl => Some(Action::ScrollDetailHalfPage(1)),
            KeyCode::Char('u') if ctrl => Some(Action::ScrollDetailHalfPage(-1)),
            KeyCode::Char('n' | 'j') if ctrl => Some(Action::Down),
            KeyCode::Char('p' | 'k') if ctrl => Some(Action::Up),
            // Other Ctrl-letters are not the letter's command (Ctrl-Y is not `y`).
            KeyCode::Char(_) if ctrl => None,
            KeyCode::Char('q') => Some(Action::Quit),
            KeyCode::Char('j') | KeyCode::Down => Some(Action::Down),
            KeyCode::Char('k') | KeyCode::Up => Some(Action::Up),
            KeyCode::Char('g') | KeyCode::Home => Some(Action::Top),
            KeyCode::Char('G') | KeyCode::End => Some(Action::Bottom),
            KeyCode::PageUp => Some(Action::PageUp),
            KeyCode::PageDown => Some(Action::PageDown),
            KeyCode::Tab | KeyCode::BackTab => Some(Action::FocusNext),
            KeyCode::Char('/') => Some(Action::StartFilter),
            KeyCode::Esc => Some(Action::Back),
            KeyCode::Char('y') => Some(Action::CopyArm),
            KeyCode::Char('Y') => Some(Action::CopyEnum),
            KeyCode::Char('c') => Some(Action::CopyCode),
            KeyCode::Char('m') => Some(Action::CopyMessage),
            KeyCode::Char('L') => Some(Action::CycleLanguage),
            KeyCode::Char('b') => Some(Action::ToggleBody),
            KeyCode::Char('s') => Some(Action::TogglePreview),
            KeyCode::Char('o') => Some(Action::OpenSource),
            KeyCode::Char('p') => Some(Action::OpenPaste),
            KeyCode::Char('e') => Some(Action::ToggleEditions),
            KeyCode::Char('M') => Some(Action::ToggleMouse),
            KeyCode::Char('K') => Some(Action::CycleKind),
            KeyCode::Char('v') => Some(Action::ToggleSidebar),
            KeyCode::Char('w') => Some(Action::ToggleProblems),
            KeyCode::Char('?') | KeyCode::F(1) => Some(Action::ToggleHelp),
            KeyCode::Enter => Some(Action::Activate),
            _ => None,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn letters_are_commands_only_outside_the_filter() {
        assert!(matches!(
            key_action(press(KeyCode::Char('q')), Mode::Normal),
            Some(Action::Quit)
        ));
        assert!(matches!(
            key_action(press(KeyCode::Char('q')), Mode::Filter),
            Some(Action::FilterInput(_))
        ));
        assert!(matches!(
            key_action(press(KeyCode::Char('y')), Mode::Filter),
            Some(Action::FilterInput(_))
        ));
        assert!(matches!(
            key_action(press(KeyCode::Char('q')), Mode::Paste),
            Some(Action::PasteInput(_))
        ));
    }

    #[test]
    fn ctrl_z_suspends_and_ctrl_c_quits_everywhere() {
        let ctrl = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL);
        for mode in [
            Mode::Normal,
            Mode::Filter,
            Mode::Help,
            Mode::Paste,
            Mode::Editions,
            Mode::Problems,
        ] {
            let suspends = matches!(key_action(ctrl('z'), mode), Some(Action::Suspend));
            let quits = matches!(key_action(ctrl('c'), mode), Some(Action::Quit));
            assert!(suspends && quits, "{mode:?}");
        }
    }

    #[test]
    fn arrows_and_ctrl_n_p_j_k_move_while_typing_and_ctrl_r_alt_arrows_browse_the_history() {
        let ctrl = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL);
        let alt = |code| KeyEvent::new(code, KeyModifiers::ALT);
        for mode in [Mode::Filter, Mode::Normal] {
            for k in [ctrl('n'), ctrl('j'), press(KeyCode::Down)] {
                assert!(matches!(key_action(k, mode), Some(Action::Down)), "{k:?}");
            }
            for k in [ctrl('p'), ctrl('k'), press(KeyCode::Up)] {
                assert!(matches!(key_action(k, mode), Some(Action::Up)), "{k:?}");
            }
        }
        for k in [ctrl('r'), alt(KeyCode::Up)] {
            assert!(matches!(
                key_action(k, Mode::Filter),
                Some(Action::HistoryOlder)
            ));
        }
        assert!(matches!(
            key_action(alt(KeyCode::Down), Mode::Filter),
            Some(Action::HistoryNewer)
        ));
    }

    #[test]
    fn alt_and_ctrl_letters_are_neither_text_nor_the_letters_command() {
        let alt = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::ALT);
        for c in ['q', 'y', 'x'] {
            assert!(key_action(alt(c), Mode::Filter).is_none(), "{c}");
            assert!(key_action(alt(c), Mode::Normal).is_none(), "{c}");
        }
        let ctrl_y = KeyEvent::new(KeyCode::Char('y'), KeyModifiers::CONTROL);
        assert!(key_action(ctrl_y, Mode::Normal).is_none());
    }

    #[test]
    fn releases_are_ignored() {
        let mut k = press(KeyCode::Char('j'));
        k.kind = KeyEventKind::Release;
        assert!(key_action(k, Mode::Normal).is_none());
    }

    #[test]
    fn documented_keys() {
        use Action as A;
        type IsAction = fn(&Action) -> bool;
        let cases: [(KeyCode, IsAction); 14] = [
            (KeyCode::Char('/'), |a| matches!(a, A::StartFilter)),
            (KeyCode::Esc, |a| matches!(a, A::Back)),
            (KeyCode::Char('g'), |a| matches!(a, A::Top)),
            (KeyCode::Char('G'), |a| matches!(a, A::Bottom)),
            (KeyCode::PageDown, |a| matches!(a, A::PageDown)),
            (KeyCode::Tab, |a| matches!(a, A::FocusNext)),
            (KeyCode::Char('y'), |a| matches!(a, A::CopyArm)),
            (KeyCode::Char('Y'), |a| matches!(a, A::CopyEnum)),
            (KeyCode::Char('L'), |a| matches!(a, A::CycleLanguage)),
            (KeyCode::Char('b'), |a| matches!(a, A::ToggleBody)),
            (KeyCode::Char('p'), |a| matches!(a, A::OpenPaste)),
            (KeyCode::Char('?'), |a| matches!(a, A::ToggleHelp)),
            (KeyCode::Char('M'), |a| matches!(a, A::ToggleMouse)),
            (KeyCode::Char('K'), |a| matches!(a, A::CycleKind)),
        ];
        for (code, is) in cases {
            let a = key_action(press(code), Mode::Normal).unwrap();
            assert!(is(&a), "{code:?} gave {a:?}");
        }
    }
}
