//! The TUI without a terminal: actions in, state and drawn buffers out.

use errdex::index::Index;
use errdex::tui::action::{Action, Mode};
use errdex::tui::app::{App, Effect, Focus, Options};
use errdex::tui::ui;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{
    KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use std::sync::Arc;

fn app_sized(w: u16, h: u16, options: Options) -> App {
    let mut app = App::new(options);
    app.update_sync(Action::Resize(w, h));
    app.update_sync(Action::Loaded(Arc::new(Index::embedded()), Vec::new()));
    app
}

fn app() -> App {
    app_sized(
        120,
        35,
        Options {
            color: true,
            mouse: true,
            ..Options::default()
        },
    )
}

fn key(app: &mut App, code: KeyCode) -> Vec<Effect> {
    let k = KeyEvent::new(code, KeyModifiers::NONE);
    match app.key(k) {
        Some(a) => app.update_sync(a),
        None => Vec::new(),
    }
}

fn type_text(app: &mut App, s: &str) {
    for c in s.chars() {
        key(app, KeyCode::Char(c));
    }
}

fn draw(app: &App, w: u16, h: u16) -> Buffer {
    let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
    term.draw(|f| ui::draw(app, f)).unwrap();
    term.backend().buffer().clone()
}

fn text(buf: &Buffer) -> String {
    let mut s = String::new();
    for y in 0..buf.area.height {
        let mut skip = 0;
        for x in 0..buf.area.width {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let sym = buf[(x, y)].symbol();
            skip = unicode_width::UnicodeWidthStr::width(sym).saturating_sub(1);
            s.push_str(sym);
        }
        s.push('\n');
    }
    s
}

fn selected_code(app: &App) -> String {
    let index = app.index.as_ref().unwrap();
    index
        .get(app.selected_hit().unwrap().row)
        .entry
        .code
        .clone()
}

#[test]
fn starts_with_every_vendor_listed() {
    let app = app();
    let screen = text(&draw(&app, 120, 35));
    for name in ["All", "MantaGO", "Tencent Cloud IM", "PIXNET", "Guo-Guo"] {
        assert!(screen.contains(name), "{name} missing:\n{screen}");
    }
    assert_eq!(app.results.len(), 12 + 72 + 164 + 44);
}

#[test]
fn typing_filters_and_never_runs_commands() {
    let mut app = app();
    key(&mut app, KeyCode::Char('/'));
    assert_eq!(app.mode, Mode::Filter);
    // q, y, p and ? are text while filtering.
    let effects: Vec<Effect> = "qyp?"
        .chars()
        .flat_map(|c| key(&mut app, KeyCode::Char(c)))
        .collect();
    assert!(effects.is_empty(), "{effects:?}");
    assert_eq!(app.filter.text(), "qyp?");
    assert_eq!(app.mode, Mode::Filter);
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.filter.text(), "");
    assert_eq!(app.mode, Mode::Normal);
}

#[test]
fn exact_codes_rank_first() {
    let mut app = app();
    key(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "1004");
    let index = app.index.clone().unwrap();
    let top: Vec<(String, String)> = app.results[..2]
        .iter()
        .map(|h| {
            let e = index.get(h.row);
            (e.vendor.id.clone(), e.entry.code.clone())
        })
        .collect();
    assert_eq!(
        top,
        [
            ("mantago".into(), "1004".into()),
            ("pixnet".into(), "1004".into())
        ]
    );
}

#[test]
fn sidebar_narrows_the_table() {
    let mut app = app();
    key(&mut app, KeyCode::Tab);
    assert_eq!(app.focus, Focus::Sidebar);
    key(&mut app, KeyCode::Char('j'));
    key(&mut app, KeyCode::Char('j'));
    key(&mut app, KeyCode::Char('j'));
    assert_eq!(app.results.len(), 164, "PIXNET selected");
    key(&mut app, KeyCode::Tab);
    key(&mut app, KeyCode::Char('G'));
    assert_eq!(
        selected_code(&app),
        "9999".to_string().replace("9999", &last_pixnet_code())
    );
}

fn last_pixnet_code() -> String {
    let index = Index::embedded();
    let v = index.find_vendor("pixnet").unwrap();
    index.vendor_catalog(v).entries.last().unwrap().code.clone()
}

#[test]
fn movement_keys_stay_in_bounds() {
    let mut app = app();
    key(&mut app, KeyCode::Char('k'));
    assert_eq!(app.selected, 0);
    key(&mut app, KeyCode::PageDown);
    let page = app.selected;
    assert!(page > 5, "a page is several rows: {page}");
    key(&mut app, KeyCode::Char('G'));
    assert_eq!(app.selected, app.results.len() - 1);
    key(&mut app, KeyCode::PageDown);
    assert_eq!(app.selected, app.results.len() - 1);
    key(&mut app, KeyCode::Char('g'));
    assert_eq!(app.selected, 0);
    // The selection is always drawn: the offset follows it.
    key(&mut app, KeyCode::Char('G'));
    assert!(app.offset <= app.selected && app.selected < app.offset + 40);
}

#[test]
fn query_terms_and_folding_in_the_filter() {
    let mut app = app();
    key(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "v:pixnet s:403");
    let index = app.index.clone().unwrap();
    assert!(!app.results.is_empty());
    assert!(app.results.iter().all(|h| {
        let e = index.get(h.row);
        e.vendor.id == "pixnet" && e.entry.http_status == Some(403)
    }));
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "status:abc");
    assert!(app.query_error.is_some());
    let screen = text(&draw(&app, 120, 35));
    assert!(screen.contains("not an HTTP status"), "{screen}");
}

#[test]
fn start_options_prefilter() {
    let app = app_sized(
        120,
        35,
        Options {
            query: Some("rate limit".into()),
            vendor: Some("pixnet".into()),
            ..Options::default()
        },
    );
    assert_eq!(
        app.vendor()
            .map(|v| app.index.as_ref().unwrap().vendors()[v].id.clone()),
        Some("pixnet".into())
    );
    assert_eq!(selected_code(&app), "1300");
}

#[test]
fn copy_keys_produce_copy_effects() {
    let mut app = app();
    let effects = key(&mut app, KeyCode::Char('c'));
    assert_eq!(
        effects,
        [Effect::Copy {
            text: "1004".into(),
            what: "code 1004".into()
        }]
    );
    let effects = key(&mut app, KeyCode::Char('m'));
    assert!(
        matches!(&effects[..], [Effect::Copy { text, .. }] if text == "Token is invalid or expired")
    );
    let effects = key(&mut app, KeyCode::Char('y'));
    assert!(
        matches!(&effects[..], [Effect::Copy { text, what }] if text.contains("1004") && what.contains("Rust arm"))
    );
    key(&mut app, KeyCode::Char('L'));
    let effects = key(&mut app, KeyCode::Char('Y'));
    assert!(
        matches!(&effects[..], [Effect::Copy { what, .. }] if what.contains("4 TypeScript enums")),
        "{effects:?}"
    );
}

#[test]
fn help_overlay_opens_and_closes() {
    let mut app = app();
    key(&mut app, KeyCode::Char('?'));
    assert_eq!(app.mode, Mode::Help);
    let screen = text(&draw(&app, 120, 35));
    assert!(
        screen.contains("Help") && screen.contains("snippet language"),
        "{screen}"
    );
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.mode, Mode::Normal);
}

#[test]
fn mouse_click_selects_and_wheel_scrolls() {
    let mut app = app();
    let click = |col, row| MouseEvent {
        kind: MouseEventKind::Down(MouseButton::Left),
        column: col,
        row,
        modifiers: KeyModifiers::NONE,
    };
    // Sidebar: the 4th line inside the border is PIXNET.
    app.update_sync(Action::Mouse(click(3, 5)));
    assert_eq!(app.results.len(), 164);
    // Table: third body row.
    app.update_sync(Action::Mouse(click(40, 5)));
    assert_eq!(app.selected, 2);
    app.update_sync(Action::Mouse(MouseEvent {
        kind: MouseEventKind::ScrollDown,
        column: 40,
        row: 5,
        modifiers: KeyModifiers::NONE,
    }));
    assert_eq!(app.selected, 5);
    // With the mouse off, clicks do nothing.
    key(&mut app, KeyCode::Char('M'));
    app.update_sync(Action::Mouse(click(40, 3)));
    assert_eq!(app.selected, 5);
}

#[test]
fn matched_characters_are_highlighted() {
    let mut app = app_sized(
        120,
        35,
        Options {
            color: true,
            ..Options::default()
        },
    );
    key(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "anonymous");
    let buf = draw(&app, 120, 35);
    let screen = text(&buf);
    let (y, line) = screen
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains("Exceed Anonymous"))
        .unwrap();
    let x = line.find("Anonymous").unwrap();
    let x = unicode_width::UnicodeWidthStr::width(&line[..x]) as u16;
    let hl = buf[(x, y as u16)].style();
    assert_eq!(
        hl.fg,
        Some(ratatui::style::Color::Yellow),
        "matched 'A' is highlighted"
    );
    let plain = buf[(x - 2, y as u16)].style();
    assert_ne!(
        plain.fg,
        Some(ratatui::style::Color::Yellow),
        "the space before is not"
    );
}

#[test]
fn no_color_keeps_the_selection_visible() {
    let app = app_sized(
        80,
        24,
        Options {
            color: false,
            ..Options::default()
        },
    );
    let buf = draw(&app, 80, 24);
    let screen = text(&buf);
    let y = screen
        .lines()
        .position(|l| l.contains("Token is invalid or expired"))
        .unwrap();
    let x = screen.lines().nth(y).unwrap().find("Token").unwrap() as u16;
    let style = buf[(x, y as u16)].style();
    assert!(
        style
            .add_modifier
            .contains(ratatui::style::Modifier::REVERSED)
    );
    for y in 0..24 {
        for x in 0..80 {
            let s = buf[(x, y)].style();
            for c in [s.fg, s.bg].into_iter().flatten() {
                assert_eq!(c, ratatui::style::Color::Reset, "colour at {x},{y}");
            }
        }
    }
}

#[test]
fn every_size_draws_without_panic() {
    let mut app = app();
    key(&mut app, KeyCode::Char('?'));
    for (w, h) in (1..=300u16)
        .step_by(7)
        .flat_map(|w| (1..=100u16).step_by(9).map(move |h| (w, h)))
    {
        app.update_sync(Action::Resize(w, h));
        for mode_key in [KeyCode::Esc, KeyCode::Char('?')] {
            key(&mut app, mode_key);
            draw(&app, w, h);
        }
    }
    for (w, h) in [(1, 1), (2, 1), (1, 2), (19, 3), (20, 4), (59, 13), (60, 14)] {
        app.update_sync(Action::Resize(w, h));
        draw(&app, w, h);
    }
}

#[test]
fn snapshots_at_three_sizes() {
    for (w, h) in [(120, 35), (80, 24), (40, 10)] {
        let mut app = app_sized(
            w,
            h,
            Options {
                color: true,
                ..Options::default()
            },
        );
        key(&mut app, KeyCode::Char('/'));
        type_text(&mut app, "token");
        key(&mut app, KeyCode::Enter);
        key(&mut app, KeyCode::Char('j'));
        insta::assert_snapshot!(format!("token_{w}x{h}"), text(&draw(&app, w, h)));
    }
}

#[test]
fn pasting_in_normal_mode_opens_the_paste_panel() {
    let mut app = app();
    app.update_sync(Action::Paste(
        "{\"error\":1,\"code\":1302,\"message\":\"Exceed Anonymous Rate Limit\"}".into(),
    ));
    assert_eq!(app.mode, Mode::Paste);
    assert!(app.paste.text().contains("1302"));
}

#[test]
fn control_characters_never_reach_the_buffer() {
    let mut app = app();
    key(&mut app, KeyCode::Char('/'));
    app.update_sync(Action::Paste("\x1b]0;pwned\x07\x1b[2J".into()));
    let buf = draw(&app, 120, 35);
    for cell in buf.content() {
        assert!(
            !cell.symbol().chars().any(|c| c.is_control()),
            "{:?}",
            cell.symbol()
        );
    }
}

#[test]
fn a_pasted_response_with_cr_line_breaks_decodes_and_enter_jumps_to_it() {
    let mut app = app();
    key(&mut app, KeyCode::Char('p'));
    let sample = include_str!("../assets/samples/guo-guo.txt").replace('\n', "\r");
    app.update_sync(Action::Paste(sample));
    let decoded = app.paste.decoded.as_ref().expect("decoded as it arrived");
    let codes: Vec<String> = decoded
        .errors
        .iter()
        .filter_map(|e| e.code.clone())
        .collect();
    assert!(
        codes.iter().any(|c| c == "data_validation_failed")
            && codes.iter().any(|c| c == "field_is_required"),
        "{codes:?}"
    );
    let screen = text(&draw(&app, 120, 35));
    assert!(
        screen.contains("guo-guo data_validation_failed"),
        "{screen}"
    );
    assert!(!screen.contains('␍'), "{screen}");
    // Pick the second error and jump to it.
    let ctrl_down = KeyEvent::new(KeyCode::Down, KeyModifiers::CONTROL);
    let a = app.key(ctrl_down).unwrap();
    app.update_sync(a);
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.mode, Mode::Normal);
    assert_eq!(selected_code(&app), codes[1]);
}

#[test]
fn catalog_problems_show_in_the_status_line() {
    let mut app = App::new(Options::default());
    app.update_sync(Action::Resize(100, 30));
    app.update_sync(Action::Loaded(
        Arc::new(Index::embedded()),
        vec!["broken.json:3:3: JSON syntax error: key must be a string".into()],
    ));
    let screen = text(&draw(&app, 100, 30));
    assert!(screen.contains("warning: broken.json:3:3"), "{screen}");
    assert!(screen.contains("⚠ 1 catalog problem"), "{screen}");
    // The warning gives way to the next action's result; the marker stays.
    key(&mut app, KeyCode::Char('j'));
    let screen = text(&draw(&app, 100, 30));
    assert!(!screen.contains("warning: broken.json"), "{screen}");
    assert!(screen.contains("⚠ 1 catalog problem"), "{screen}");
    assert!(
        screen.contains("PIXNET"),
        "the other catalogs loaded: {screen}"
    );
}
