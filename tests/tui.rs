//! The TUI without a terminal: actions in, state and drawn buffers out.

#[path = "support/driver.rs"]
mod driver;

use driver::Drive;
use errdex::catalog::Sources;
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

/// Only the catalogs at `path` besides the embedded ones.
fn only(path: std::path::PathBuf) -> Sources {
    Sources {
        user_dir: None,
        paths: vec![path],
    }
}

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

/// A query no entry matches.
const NOTHING: &str = "code:zzzzqqqqxxxx";

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
    for name in [
        "All",
        "Vendors",
        "MantaGO",
        "Tencent Cloud IM",
        "PIXNET",
        "Guo-Guo",
        "Web and RPC",
        "HTTP status codes",
    ] {
        assert!(screen.contains(name), "{name} missing:\n{screen}");
    }
    let index = app.index.as_ref().unwrap();
    let newest: usize = (0..index.vendors().len())
        .map(|v| index.vendor_table(v).len())
        .sum();
    assert_eq!(app.results.len(), newest);
    assert!(app.many_vendors);
}

#[test]
fn wide_screens_list_every_family_under_its_group_with_whole_names() {
    let app = app_sized(200, 50, Options::default());
    let screen = text(&draw(&app, 200, 50));
    let index = app.index.clone().unwrap();
    for heading in [
        "Vendors",
        "Web and RPC",
        "Databases",
        "TLS and certificates",
        "Windows",
    ] {
        assert!(
            screen
                .lines()
                .any(|l| l.starts_with(&format!("│{heading} ─"))),
            "{heading}:\n{screen}"
        );
    }
    for name in ["PostgreSQL SQLSTATE", "SQLite result codes", "Linux errno"] {
        assert!(screen.contains(&format!("│{name} ")), "{name}:\n{screen}");
    }
    // Every catalog has its line, all at once.
    for v in 0..index.vendors().len() {
        let name = &index.vendor_table(v).vendor().name;
        let start: String = name.chars().take(12).collect();
        assert!(screen.contains(&format!("│{start}")), "{name}:\n{screen}");
    }
    // j and k go down the sidebar as it is drawn, group after group.
    let mut app = app;
    key(&mut app, KeyCode::Tab);
    let items = errdex::tui::layout::sidebar_items(&index);
    for &item in &items[1..] {
        key(&mut app, KeyCode::Char('j'));
        assert_eq!(app.sidebar, item);
    }
}

#[test]
fn a_72_column_split_folds_the_sidebar_and_keeps_the_vendor_column() {
    let mut app = app_sized(72, 15, Options::default());
    let screen = text(&draw(&app, 72, 15));
    assert!(!screen.contains("┌ Vendors"), "{screen}");
    assert!(screen.contains("┌ All vendors"), "{screen}");
    // `5` is a code in several catalogs: each row says whose.
    key(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "5");
    key(&mut app, KeyCode::Enter);
    assert!(app.many_vendors);
    let screen = text(&draw(&app, 72, 15));
    let rows: Vec<&str> = screen
        .lines()
        .skip(3)
        .take_while(|l| !l.starts_with('└'))
        .collect();
    assert!(rows.len() >= 3, "{screen}");
    assert!(
        screen.lines().nth(2).unwrap().contains("│VENDOR"),
        "{screen}"
    );
    let index = app.index.clone().unwrap();
    for (row, hit) in rows.iter().zip(&app.results) {
        let id = &index.vendors()[index.row_vendor(hit.row)].id;
        assert!(row.starts_with(&format!("│{id} ")), "{row}\n{screen}");
    }
    // Tab brings the sidebar back with the focus, and the table gives it room.
    key(&mut app, KeyCode::Tab);
    assert_eq!(app.focus, Focus::Sidebar);
    let screen = text(&draw(&app, 72, 15));
    assert!(screen.contains("┌ Vendors"), "{screen}");
    key(&mut app, KeyCode::Char('j'));
    key(&mut app, KeyCode::Char('j'));
    let picked = app.vendor().unwrap();
    // Back to the table: the sidebar folds away, the filter bar names the vendor.
    key(&mut app, KeyCode::Tab);
    let screen = text(&draw(&app, 72, 15));
    assert!(!screen.contains("┌ Vendors"), "{screen}");
    let id = &index.vendors()[picked].id;
    assert!(
        screen.lines().next().unwrap().contains(&format!("[{id}]")),
        "{screen}"
    );
    // With one vendor listed, the VENDOR column gives its room to the message.
    assert!(!screen.contains("VENDOR"), "{screen}");
    // `v` pins it shown, and hides it again.
    key(&mut app, KeyCode::Char('v'));
    assert!(text(&draw(&app, 72, 15)).contains("┌ Vendors"));
    assert_eq!(app.focus, Focus::Table);
    key(&mut app, KeyCode::Char('v'));
    assert!(!text(&draw(&app, 72, 15)).contains("┌ Vendors"));
    // And at 120 columns `v` hides what the width would show.
    app.update_sync(Action::Resize(120, 35));
    key(&mut app, KeyCode::Char('v'));
    assert!(text(&draw(&app, 120, 35)).contains("┌ Vendors"));
    key(&mut app, KeyCode::Char('v'));
    assert!(!text(&draw(&app, 120, 35)).contains("┌ Vendors"));
}

#[test]
fn tab_never_focuses_a_sidebar_that_is_not_shown() {
    let mut app = app_sized(36, 12, Options::default());
    key(&mut app, KeyCode::Tab);
    assert_eq!(app.focus, Focus::Table);
    assert!(app.status.contains("needs 40 columns"), "{}", app.status);
    // Focused at 72 columns, then the terminal narrows: the focus comes back to the table.
    app.update_sync(Action::Resize(72, 15));
    key(&mut app, KeyCode::Tab);
    assert_eq!(app.focus, Focus::Sidebar);
    app.update_sync(Action::Resize(36, 12));
    assert_eq!(app.focus, Focus::Table);
    let screen = text(&draw(&app, 36, 12));
    assert!(!screen.contains("Vendors"), "{screen}");
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
    // One of PIXNET's three rate limits (1300-1302) is selected first.
    let code = selected_code(&app);
    assert!(["1300", "1301", "1302"].contains(&code.as_str()), "{code}");
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
    let vendors = app.index.as_ref().unwrap().vendors().len();
    let effects = key(&mut app, KeyCode::Char('Y'));
    assert!(
        matches!(&effects[..], [Effect::Copy { what, .. }] if what.contains(&format!("{vendors} TypeScript enums"))),
        "{effects:?}"
    );
}

#[test]
fn an_enum_of_too_many_codes_is_refused_with_a_reason() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.json");
    let entries: Vec<String> = (0..errdex::tui::app::MAX_ENUM_CODES + 1)
        .map(|i| format!(r#"{{"code":"B{i}","message":"m {i}"}}"#))
        .collect();
    std::fs::write(
        &path,
        format!(
            r#"{{"schema":1,"vendor":{{"id":"big","name":"Big"}},"edition":{{"id":"1"}},"entries":[{}]}}"#,
            entries.join(",")
        ),
    )
    .unwrap();
    let (index, _) = Index::load(&only(path), &mut |_, _| {});
    let mut app = App::new(Options::default());
    app.update_sync(Action::Resize(120, 35));
    app.update_sync(Action::Loaded(Arc::new(index), Vec::new()));
    assert!(app.results.len() > errdex::tui::app::MAX_ENUM_CODES);
    assert_eq!(key(&mut app, KeyCode::Char('Y')), []);
    assert!(
        app.status.contains("too many for an enum"),
        "{}",
        app.status
    );
    // Narrowed to one vendor of the embedded catalogs, the enum is copied.
    key(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "v:pixnet");
    key(&mut app, KeyCode::Enter);
    assert!(matches!(
        &key(&mut app, KeyCode::Char('Y'))[..],
        [Effect::Copy { .. }]
    ));
}

#[test]
fn a_code_listed_twice_copies_one_arm_from_either_row() {
    // PIXNET lists 4109 twice: `y` on either row copies the enum's one arm for it.
    let mut app = app();
    key(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "v:pixnet code:4109");
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.results.len(), 2);
    let mut arms = Vec::new();
    for _ in 0..2 {
        assert_eq!(selected_code(&app), "4109");
        match &key(&mut app, KeyCode::Char('y'))[..] {
            [Effect::Copy { text, .. }] => arms.push(text.clone()),
            other => panic!("{other:?}"),
        }
        key(&mut app, KeyCode::Down);
    }
    assert_eq!(arms[0], arms[1]);
    assert!(arms[0].contains(" / "), "both messages: {}", arms[0]);
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
    // Sidebar: the 5th line inside the border is PIXNET (All, the Vendors heading, MantaGO,
    // Tencent Cloud IM); the 2nd, a heading, selects nothing.
    app.update_sync(Action::Mouse(click(3, 3)));
    assert_eq!(app.sidebar, 0);
    app.update_sync(Action::Mouse(click(3, 6)));
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
        Some(ratatui::style::Color::LightMagenta),
        "matched 'A' is highlighted"
    );
    assert!(hl.add_modifier.contains(ratatui::style::Modifier::BOLD));
    let plain = buf[(x - 2, y as u16)].style();
    assert_ne!(
        plain.fg,
        Some(ratatui::style::Color::Magenta),
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

/// Opens `mode` on a fresh app (the paste panel with a decoded paste in it, the editions of a
/// PIXNET code, which has two).
fn app_in(mode: Mode) -> App {
    let mut app = app();
    match mode {
        Mode::Normal => {}
        Mode::Filter => {
            key(&mut app, KeyCode::Char('/'));
            type_text(&mut app, "v:pixnet 錯誤 tokn");
        }
        Mode::Help => {
            key(&mut app, KeyCode::Char('?'));
        }
        Mode::Paste => {
            app.update_sync(Action::Paste(format!(
                "HTTP/1.1 403 Forbidden\n{}\n\x1b]0;t\x07{{\"ErrorCode\":60003,\"ErrorInfo\":\"x\",\"ActionStatus\":\"FAIL\"}}",
                r#"{"error":1,"code":1302,"message":"Exceed Anonymous Rate Limit"}"#
            )));
        }
        Mode::Editions => {
            key(&mut app, KeyCode::Char('/'));
            type_text(&mut app, "v:pixnet 1099");
            key(&mut app, KeyCode::Enter);
            key(&mut app, KeyCode::Char('e'));
        }
        Mode::Problems => {
            // A hostile file name among them: it is shown, not obeyed.
            let problems = (0..30)
                .map(|i| format!("/tmp/\x1b]0;t\x07c{i}.json:{i}:1: expected a string"))
                .collect();
            app.update_sync(Action::Loaded(Arc::new(Index::embedded()), problems));
            key(&mut app, KeyCode::Char('w'));
        }
    }
    assert_eq!(app.mode, mode);
    app
}

#[test]
fn every_size_draws_without_panic() {
    // Every width and height would be 30,000 frames per mode, minutes in a debug build: sparse
    // steps over the whole range, and each side of the layout's thresholds (20x4 to fit at all,
    // 40 for the sidebar, 100 for it unfolded, 14 for the detail pane), cover the shapes in
    // seconds.
    let mut widths: Vec<u16> = (1..=300).step_by(37).collect();
    let mut heights: Vec<u16> = (1..=100).step_by(19).collect();
    widths.extend([2, 19, 20, 21, 39, 40, 41, 59, 60, 61, 80, 99, 100, 300]);
    heights.extend([2, 3, 4, 5, 13, 14, 15, 24, 100]);
    for mode in [
        Mode::Normal,
        Mode::Filter,
        Mode::Help,
        Mode::Paste,
        Mode::Editions,
        Mode::Problems,
    ] {
        let mut app = app_in(mode);
        for &w in &widths {
            for &h in &heights {
                app.update_sync(Action::Resize(w, h));
                let buf = draw(&app, w, h);
                assert_eq!(app.mode, mode);
                assert_no_control_characters(&buf, &format!("{mode:?} at {w}x{h}"));
            }
        }
        // Moving and scrolling at the smallest sizes keeps everything in range.
        for (w, h) in [(1, 1), (20, 4), (60, 14)] {
            app.update_sync(Action::Resize(w, h));
            for k in [
                KeyCode::PageDown,
                KeyCode::Down,
                KeyCode::Up,
                KeyCode::PageUp,
            ] {
                if mode != Mode::Filter && mode != Mode::Paste {
                    key(&mut app, k);
                }
                draw(&app, w, h);
            }
        }
    }
}

#[test]
fn snapshots_at_three_sizes() {
    for (w, h) in [(200, 50), (120, 35), (80, 24), (72, 15), (40, 10)] {
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
    // Opening the panel starts the decoder's message index in the background.
    assert_eq!(key(&mut app, KeyCode::Char('p')), [Effect::PrepareDecoder]);
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
    assert!(screen.contains("⚠ 1 catalog problem (w)"), "{screen}");
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

#[test]
fn config_warnings_are_counted_apart_and_w_lists_every_warning_and_problem() {
    let warning = "/home/u/.config/errdex/config.toml:2:9: `theme` must be dark or light";
    let mut app = App::new(Options {
        warnings: vec![warning.into()],
        ..Options::default()
    });
    app.update_sync(Action::Resize(100, 30));
    app.update_sync(Action::Loaded(Arc::new(Index::embedded()), Vec::new()));
    let footer = |app: &App, w, h| text(&draw(app, w, h)).lines().last().unwrap().to_string();
    let f = footer(&app, 100, 30);
    assert!(f.contains("⚠ 1 config warning (w)"), "{f}");
    assert!(
        !f.contains("catalog problem"),
        "a config warning is no catalog problem: {f}"
    );
    // With catalog problems too, each is counted for what it is.
    let problems: Vec<String> = (1..=12)
        .map(|i| format!("/home/u/.config/errdex/catalogs/c{i}.json:{i}:3: expected a string"))
        .collect();
    app.update_sync(Action::Loaded(
        Arc::new(Index::embedded()),
        problems.clone(),
    ));
    let f = footer(&app, 100, 30);
    assert!(
        f.contains("⚠ 1 config warning, 12 catalog problems (w)"),
        "{f}"
    );
    // `w` lists them all with their file:line:col; at 60x15 the list scrolls.
    key(&mut app, KeyCode::Char('w'));
    assert_eq!(app.mode, Mode::Problems);
    let screen = text(&draw(&app, 100, 30));
    for line in std::iter::once(warning).chain(problems.iter().map(String::as_str)) {
        assert!(screen.contains(line), "{line}:\n{screen}");
    }
    assert!(screen.contains("│1 config warning") && screen.contains("│12 catalog problems"));
    app.update_sync(Action::Resize(60, 15));
    let mut seen = String::new();
    for _ in 0..20 {
        seen.push_str(&text(&draw(&app, 60, 15)));
        key(&mut app, KeyCode::Char('j'));
    }
    assert!(seen.contains("Warnings and problems 1-"), "{seen}");
    assert!(
        seen.contains("c12.json:12:3"),
        "scrolled to the last:\n{seen}"
    );
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.mode, Mode::Normal);
    key(&mut app, KeyCode::Char('w'));
    key(&mut app, KeyCode::Char('w'));
    assert_eq!(app.mode, Mode::Normal);
}

/// No cell holds a character the terminal would obey (C0, DEL, C1) or a bidi override.
fn assert_no_control_characters(buf: &Buffer, what: &str) {
    for (i, cell) in buf.content().iter().enumerate() {
        let bad = cell.symbol().chars().find(|&c| {
            c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
        });
        if let Some(c) = bad {
            let w = buf.area.width.max(1) as usize;
            panic!("{what}: {c:?} at {},{}:\n{}", i % w, i / w, text(buf));
        }
    }
}

/// The hostile pastes of `tests/fixtures/hostile/` and generated big ones, as the terminal
/// would deliver them (bracketed paste gives text; invalid UTF-8 arrives replaced).
fn hostile_inputs() -> Vec<(String, String)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hostile");
    let mut inputs: Vec<(String, String)> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.file_name().is_some_and(|n| n != "README.md"))
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                String::from_utf8_lossy(&std::fs::read(&p).unwrap()).into_owned(),
            )
        })
        .collect();
    inputs.sort();
    let error = r#"{"error":1,"code":1302,"message":"Exceed Anonymous Rate Limit"}"#;
    let n = 200_000;
    inputs.extend([
        ("2 MB of {".to_string(), "{".repeat(2 << 20)),
        ("900 KB of {".to_string(), "{".repeat(900 << 10)),
        (
            "200k-deep arrays".to_string(),
            format!("{}{}{error}", "[".repeat(n), "]".repeat(n)),
        ),
        (
            "200k-deep objects".to_string(),
            format!("{}1{}{error}", "{\"a\":".repeat(n / 10), "}".repeat(n / 10)),
        ),
        (
            "100k digits".to_string(),
            format!("{{\"error\":1,\"code\":{}}}", "9".repeat(100_000)),
        ),
        (
            "20k documents".to_string(),
            format!("{error}\n").repeat(20_000),
        ),
        (
            "5k documents".to_string(),
            format!("{error}\x1b[2J\n").repeat(5_000),
        ),
        (
            "escapes".to_string(),
            "\x1b]0;pwned\x07\x1b[2J\u{9b}31m\u{9d}0;t\u{9c}\x7f\x08\r\u{202e}\u{2066}\t\0{\"ErrorCode\":60003,\"ErrorInfo\":\"\\u001b]0;x\\u0007\\u009b\",\"ActionStatus\":\"FAIL\"}".to_string(),
        ),
        // More rows than the text area's u16 positions count.
        ("70k lines".to_string(), "x\n".repeat(70_000) + error),
        // A filter as wide as the cursor arithmetic's u16 wraps at.
        ("65534 columns".to_string(), "a".repeat(65_534)),
        ("65535 columns".to_string(), "錯".repeat(32_767) + "a"),
    ]);
    inputs
}

#[test]
fn hostile_pastes_never_put_control_characters_on_screen() {
    let sizes = [(120, 35), (80, 24), (40, 10), (20, 4), (1, 1)];
    for (name, input) in hostile_inputs() {
        // Into the paste panel (a paste in the normal view opens it).
        let mut app = app();
        app.update_sync(Action::Paste(input.clone()));
        assert_eq!(app.mode, Mode::Paste, "{name}");
        let widest = input
            .split(['\n', '\r'])
            .map(|l| unicode_width::UnicodeWidthStr::width(errdex::sanitize::line(l).as_ref()))
            .max()
            .unwrap_or(0);
        if input.len() > errdex::tui::paste::MAX_PANEL_BYTES
            || widest > errdex::tui::paste::MAX_PANEL_COLUMNS
            || input.lines().count() > errdex::tui::paste::MAX_PANEL_LINES
        {
            let notice = app.paste.notice.clone().unwrap_or_default();
            assert!(
                notice.contains("refused") && notice.contains("errdex decode FILE"),
                "{name}: a paste too big for the panel is refused with a notice: {notice:?}"
            );
            assert_eq!(app.paste.text(), "", "{name}");
        } else {
            assert_eq!(app.paste.notice, None, "{name}");
        }
        for (w, h) in sizes {
            app.update_sync(Action::Resize(w, h));
            assert_no_control_characters(&draw(&app, w, h), &format!("{name}: paste {w}x{h}"));
        }
        // Typing after it still works.
        key(&mut app, KeyCode::Char('x'));
        // Into the filter.
        let mut app = self::app();
        key(&mut app, KeyCode::Char('/'));
        app.update_sync(Action::Paste(input));
        assert_eq!(app.mode, Mode::Filter, "{name}");
        assert!(!app.filter.text().chars().any(char::is_control), "{name}");
        for (w, h) in sizes {
            app.update_sync(Action::Resize(w, h));
            assert_no_control_characters(&draw(&app, w, h), &format!("{name}: filter {w}x{h}"));
        }
        key(&mut app, KeyCode::Esc);
        assert_eq!(app.filter.text(), "", "{name}: Esc clears it");
    }
}

#[test]
fn a_broken_user_catalog_is_a_warning_in_the_status_line() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("broken.json"),
        "{\n  \"schema\": 1,\n  oops\n}",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("acme.json"),
        r#"{"schema":1,"vendor":{"id":"acme","name":"ACME"},"edition":{"id":"v1"},"entries":[{"code":"E42","message":"teapot"}]}"#,
    )
    .unwrap();
    let (index, problems) = Index::load(&only(dir.path().to_path_buf()), &mut |_, _| {});
    let problems: Vec<String> = problems.iter().map(ToString::to_string).collect();
    let mut app = App::new(Options::default());
    app.update_sync(Action::Resize(120, 35));
    app.update_sync(Action::Loaded(Arc::new(index), problems));
    let screen = text(&draw(&app, 120, 35));
    let status = screen.lines().last().unwrap();
    assert!(
        status.contains("warning:") && status.contains("broken.json:3:3"),
        "{status}"
    );
    // Every other catalog loaded: the four embedded vendors and the good user one.
    for name in ["MantaGO", "Tencent Cloud IM", "PIXNET", "Guo-Guo", "ACME"] {
        assert!(screen.contains(name), "{name}:\n{screen}");
    }
}

#[test]
fn k_narrows_to_each_kind_in_turn_across_vendors() {
    let mut app = app();
    let all = app.results.len();
    key(&mut app, KeyCode::Char('K'));
    assert_eq!(app.filter.text(), "k:auth");
    let index = app.index.clone().unwrap();
    assert!(!app.results.is_empty() && app.results.len() < all);
    let vendors: std::collections::BTreeSet<String> = app
        .results
        .iter()
        .map(|h| {
            let e = index.get(h.row);
            assert_eq!(e.entry.kind, Some(errdex::catalog::Kind::Auth));
            e.vendor.id.clone()
        })
        .collect();
    assert!(vendors.len() >= 4, "{vendors:?}");
    let screen = text(&draw(&app, 120, 35));
    assert!(screen.contains("kind       auth"), "{screen}");
    key(&mut app, KeyCode::Char('K'));
    assert_eq!(app.filter.text(), "k:permission");
    // After the last kind, every kind again; other words of the filter stay.
    for _ in 0..errdex::catalog::Kind::ALL.len() - 1 {
        key(&mut app, KeyCode::Char('K'));
    }
    assert_eq!(app.filter.text(), "");
    assert_eq!(app.results.len(), all);
}

#[test]
fn selection_follows_the_query_and_the_sidebar() {
    let mut app = app();
    // After moving to the last row, a new filter selects its best match (row 1), not the old
    // row, so `y` copies what the user sees first.
    key(&mut app, KeyCode::Char('G'));
    assert_eq!(app.selected, app.results.len() - 1);
    key(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "order");
    assert_eq!(app.selected, 0);
    assert_eq!(app.offset, 0);
    let best = app.results[0].row;
    ctrl(&mut app, KeyCode::Char('n'));
    ctrl(&mut app, KeyCode::Char('n'));
    assert_eq!(app.selected, 2, "Ctrl-N moves while typing");
    // Every change of the query, growing or shrinking, goes back to the top.
    key(&mut app, KeyCode::Backspace);
    assert_eq!(app.selected, 0);
    type_text(&mut app, "r");
    assert_eq!(app.selected_hit().map(|h| h.row), Some(best));
    let screen = text(&draw(&app, 120, 35));
    assert!(
        screen
            .lines()
            .last()
            .unwrap()
            .contains(&format!("1/{}", app.results.len())),
        "{screen}"
    );
    // So does moving between vendors in the sidebar.
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Char('G'));
    assert!(app.selected > 0);
    key(&mut app, KeyCode::Tab);
    key(&mut app, KeyCode::Char('j'));
    assert_eq!(app.selected, 0);
    assert_eq!(app.offset, 0);
    key(&mut app, KeyCode::Tab);
    key(&mut app, KeyCode::Char('j'));
    key(&mut app, KeyCode::Tab);
    key(&mut app, KeyCode::Char('j'));
    assert_eq!(app.selected, 0);
}

fn ctrl(app: &mut App, code: KeyCode) -> Vec<Effect> {
    match app.key(KeyEvent::new(code, KeyModifiers::CONTROL)) {
        Some(a) => app.update_sync(a),
        None => Vec::new(),
    }
}

fn alt(app: &mut App, code: KeyCode) -> Vec<Effect> {
    match app.key(KeyEvent::new(code, KeyModifiers::ALT)) {
        Some(a) => app.update_sync(a),
        None => Vec::new(),
    }
}

#[test]
fn each_paste_replaces_the_last_and_its_first_error_is_selected() {
    let mut app = app();
    key(&mut app, KeyCode::Char('p'));
    app.update_sync(Action::Paste(
        r#"{"error":1,"code":1302,"message":"Exceed Anonymous Rate Limit"}
{"ErrorCode":60003,"ErrorInfo":"x","ActionStatus":"FAIL"}"#
            .into(),
    ));
    ctrl(&mut app, KeyCode::Down);
    assert_eq!(app.paste.selected, 1);
    app.update_sync(Action::Paste("Token is invalid or expired".into()));
    assert_eq!(app.paste.text(), "Token is invalid or expired");
    assert_eq!(app.paste.selected, 0);
    let screen = text(&draw(&app, 120, 35));
    assert!(screen.contains("▶ mantago"), "{screen}");
    assert!(
        !screen.contains("1302"),
        "the first paste is gone:\n{screen}"
    );
    // A paste reads from its start; End goes to its end. Ctrl-L empties the panel (Ctrl-U
    // scrolls, as in the detail pane).
    key(&mut app, KeyCode::End);
    type_text(&mut app, " x");
    ctrl(&mut app, KeyCode::Char('u'));
    assert_eq!(app.paste.text(), "Token is invalid or expired x");
    ctrl(&mut app, KeyCode::Char('l'));
    assert_eq!(app.paste.text(), "");
    assert!(app.paste.decoded.is_none());
}

/// The paste panel's decoded pane in `screen`: the rows inside its border, and its title and
/// bottom border.
fn decoded_pane(screen: &str) -> (Vec<String>, String, String) {
    let lines: Vec<&str> = screen.lines().collect();
    let top = lines
        .iter()
        .position(|l| l.starts_with("┌ Decoded"))
        .unwrap_or_else(|| panic!("no decoded pane:\n{screen}"));
    let bottom = top
        + 1
        + lines[top + 1..]
            .iter()
            .position(|l| l.starts_with('└'))
            .unwrap();
    let rows = lines[top + 1..bottom]
        .iter()
        .map(|l| {
            l.trim_start_matches('│')
                .trim_end_matches('│')
                .trim_end()
                .to_string()
        })
        .collect();
    (rows, lines[top].to_string(), lines[bottom].to_string())
}

#[test]
fn the_decoded_pane_scrolls_wraps_under_its_labels_and_says_what_is_below() {
    let mut app = app_sized(
        60,
        15,
        Options {
            mouse: true,
            ..Options::default()
        },
    );
    key(&mut app, KeyCode::Char('p'));
    let long = "Token is invalid or expired ".repeat(4);
    let paste = format!(
        "{}\n{}",
        r#"{"error":1,"code":1302,"message":"MESSAGE"}"#.replace("MESSAGE", &long),
        r#"{"ErrorCode":60003,"ErrorInfo":"x","ActionStatus":"FAIL"}"#
    );
    app.update_sync(Action::Paste(paste));
    assert_eq!(app.paste.errors_len(), 2);
    let screen = text(&draw(&app, 60, 15));
    let (rows, title, bottom) = decoded_pane(&screen);
    assert!(title.contains("Decoded 1-"), "{screen}");
    assert!(
        bottom.contains("more"),
        "what is below is counted:\n{screen}"
    );
    // The long message wraps under itself, not under its label.
    let says = rows
        .iter()
        .position(|r| r.starts_with("    says: "))
        .unwrap();
    assert!(
        rows[says + 1].starts_with("          ") && rows[says + 1].trim() != "",
        "{screen}"
    );
    // Shift-↓ scrolls a row, Ctrl-D half the pane, Ctrl-U back; the selection stays.
    let shift = |code| KeyEvent::new(code, KeyModifiers::SHIFT);
    let a = app.key(shift(KeyCode::Down)).unwrap();
    app.update_sync(a);
    let (scrolled, ..) = decoded_pane(&text(&draw(&app, 60, 15)));
    assert_eq!(scrolled[0], rows[1]);
    assert_eq!(app.paste.selected, 0);
    for _ in 0..20 {
        ctrl(&mut app, KeyCode::Char('d'));
    }
    let end = text(&draw(&app, 60, 15));
    let (end_rows, _, end_bottom) = decoded_pane(&end);
    assert!(!end_bottom.contains("more"), "{end}");
    // The last error ends with its kind and what to do about retrying, wrapped under its label.
    let kind = end_rows
        .iter()
        .position(|r| r.contains("kind: validation"))
        .unwrap_or_else(|| panic!("{end}"));
    assert!(end_rows[kind + 1].starts_with("    retrying: "), "{end}");
    assert!(
        end_rows[kind + 2..]
            .iter()
            .all(|r| r.starts_with("              ")),
        "{end}"
    );
    for _ in 0..20 {
        ctrl(&mut app, KeyCode::Char('u'));
    }
    assert_eq!(decoded_pane(&text(&draw(&app, 60, 15))).0, rows);
    // The wheel over the pane scrolls it too.
    let wheel = MouseEvent {
        kind: MouseEventKind::ScrollDown,
        column: 30,
        row: 12,
        modifiers: KeyModifiers::NONE,
    };
    app.update_sync(Action::Mouse(wheel));
    assert_eq!(decoded_pane(&text(&draw(&app, 60, 15))).0[0], rows[3]);
    // Tab, Ctrl-N and Ctrl-P pick among the errors (Ctrl-↑/↓ is taken on macOS).
    key(&mut app, KeyCode::Tab);
    assert_eq!(app.paste.selected, 1);
    assert!(text(&draw(&app, 60, 15)).contains("▶ tencent-im 60003"));
    ctrl(&mut app, KeyCode::Char('p'));
    assert_eq!(app.paste.selected, 0);
    ctrl(&mut app, KeyCode::Char('n'));
    assert_eq!(app.paste.selected, 1);
    key(&mut app, KeyCode::BackTab);
    assert_eq!(app.paste.selected, 0);
}

#[test]
fn a_long_pasted_line_wraps_and_the_paste_survives_resizes() {
    let mut app = app_sized(60, 15, Options::default());
    key(&mut app, KeyCode::Char('p'));
    let line = format!(
        r#"{{"error":1,"code":1302,"message":"Exceed Anonymous Rate Limit","request":"{}END"}}"#,
        "x".repeat(70)
    );
    app.update_sync(Action::Paste(line.clone()));
    for (w, h) in [(60, 15), (40, 24), (100, 30), (60, 24), (60, 15)] {
        app.update_sync(Action::Resize(w, h));
        let screen = text(&draw(&app, w, h));
        assert_eq!(app.paste.text(), line, "{w}x{h}");
        assert!(screen.contains("▶ pixnet 1302"), "{w}x{h}:\n{screen}");
        // The paste reads from its start, wrapped, never cut at the edge.
        let lines: Vec<&str> = screen.lines().collect();
        let inside: Vec<String> = lines[2..]
            .iter()
            .take_while(|l| !l.starts_with('└'))
            .map(|l| {
                l.trim_start_matches('│')
                    .trim_end_matches('│')
                    .trim_end()
                    .to_string()
            })
            .collect();
        assert!(
            inside[0].starts_with(r#"{"error":1,"#),
            "{w}x{h}:\n{screen}"
        );
        let shown: String = inside.concat();
        let whole = shown.replace(' ', "") == line.replace(' ', "");
        assert!(
            whole || (h == 15 && line.replace(' ', "").starts_with(&shown.replace(' ', ""))),
            "{w}x{h}:\n{screen}"
        );
        if h > 15 {
            assert!(whole, "all of it fits at {w}x{h}:\n{screen}");
        }
    }
}

#[test]
fn enter_typed_ahead_of_the_catalogs_picks_when_they_arrive() {
    let mut app = App::new(Options {
        query: Some("v:pixnet 1302".into()),
        pick: true,
        ..Options::default()
    });
    app.update_sync(Action::Resize(120, 35));
    assert_eq!(key(&mut app, KeyCode::Enter), []);
    let effects = app.update_sync(Action::Loaded(Arc::new(Index::embedded()), Vec::new()));
    assert!(
        matches!(&effects[..], [Effect::SaveHistory(_), Effect::Pick { arm, .. }] if arm.contains("1302")),
        "{effects:?}"
    );
}

#[test]
fn the_decoded_list_keeps_the_selection_in_view_at_every_size() {
    let codes = [
        "1000", "1001", "1002", "1003", "1004", "1099", "1201", "1300", "1301", "1302",
    ];
    let paste: Vec<String> = codes
        .iter()
        .map(|c| format!(r#"{{"error":1,"code":{c},"message":"m"}}"#))
        .collect();
    let mut app = app();
    app.update_sync(Action::Paste(paste.join("\n")));
    assert_eq!(app.paste.errors_len(), codes.len());
    for (i, code) in codes.iter().enumerate() {
        for (w, h) in [(120, 35), (80, 24), (60, 15), (40, 10), (30, 6)] {
            app.update_sync(Action::Resize(w, h));
            let screen = text(&draw(&app, w, h));
            assert!(
                screen.contains(&format!("▶ pixnet {code}")),
                "error {i} ({code}) in view at {w}x{h}:\n{screen}"
            );
        }
        app.update_sync(Action::Resize(120, 35));
        ctrl(&mut app, KeyCode::Down);
    }
}

#[test]
fn the_paste_panels_key_hints_leave_with_it() {
    let mut app = app();
    key(&mut app, KeyCode::Char('p'));
    let status = |app: &App| {
        text(&draw(app, 120, 35))
            .lines()
            .last()
            .unwrap()
            .to_string()
    };
    let hints = status(&app);
    for hint in [
        "Enter jump",
        "Tab next error",
        "Shift-↑↓ scroll",
        "Ctrl-L clear",
    ] {
        assert!(hints.contains(hint), "{hint}: {hints}");
    }
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.mode, Mode::Normal);
    let s = status(&app);
    assert!(!s.contains("Ctrl-V") && s.contains("/ filter"), "{s}");
}

#[test]
fn the_help_overlay_scrolls_and_is_complete_at_60x15() {
    let mut app = app_sized(60, 15, Options::default());
    key(&mut app, KeyCode::Char('?'));
    let mut seen = String::new();
    let mut last = String::new();
    for _ in 0..errdex::tui::action::help_lines() {
        let screen = text(&draw(&app, 60, 15));
        seen.push_str(&screen);
        last = screen;
        key(&mut app, KeyCode::Char('j'));
    }
    for (_, keys) in errdex::tui::action::HELP {
        for (k, what) in *keys {
            let line = format!("  {k:<14}{what}");
            assert!(seen.contains(&line), "{line:?} shown whole at 60x15");
        }
    }
    assert!(last.contains("q Ctrl-C"), "j reaches the end:\n{last}");
    key(&mut app, KeyCode::Char('g'));
    assert!(text(&draw(&app, 60, 15)).contains("Move"));
    key(&mut app, KeyCode::Char('G'));
    assert_eq!(text(&draw(&app, 60, 15)), last, "G is the end");
    key(&mut app, KeyCode::PageUp);
    assert!(!text(&draw(&app, 60, 15)).contains("q Ctrl-C"));
    // The wheel scrolls it too.
    key(&mut app, KeyCode::Char('g'));
    app.mouse = true;
    app.update_sync(Action::Mouse(MouseEvent {
        kind: MouseEventKind::ScrollDown,
        column: 30,
        row: 7,
        modifiers: KeyModifiers::NONE,
    }));
    assert_eq!(app.help_scroll, 3);
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.mode, Mode::Normal);
}

/// The detail pane's lines (inside its border) on `screen`.
fn detail_pane(screen: &str) -> Vec<String> {
    let lines: Vec<Vec<char>> = screen.lines().map(|l| l.chars().collect()).collect();
    let (top, left) = lines
        .iter()
        .enumerate()
        .find_map(|(y, l)| {
            let x = l
                .windows(8)
                .position(|w| w.iter().collect::<String>() == "┌ Detail")?;
            Some((y, x))
        })
        .unwrap();
    lines[top + 1..]
        .iter()
        .take_while(|l| l[left] != '└')
        .map(|l| {
            let inside: String = l[left + 1..].iter().collect();
            inside.trim_end_matches(['│', ' ']).to_string()
        })
        .collect()
}

#[test]
fn the_detail_pane_scrolls_by_keys_and_wheel_and_reads_summary_and_fix_first() {
    let mut app = app_sized(80, 24, Options::default());
    key(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "v:guo-guo token_validation_failed");
    key(&mut app, KeyCode::Enter);
    assert_eq!(selected_code(&app), "token_validation_failed");
    let screen = text(&draw(&app, 80, 24));
    let pane = detail_pane(&screen);
    let label = |l: &String| l.split(' ').next().unwrap().to_string();
    let labels: Vec<String> = pane.iter().map(label).filter(|l| !l.is_empty()).collect();
    assert!(
        labels.len() >= 3 && labels[1..3] == ["summary", "fix"],
        "{labels:?}\n{screen}"
    );
    assert!(
        screen.contains("┌ Detail 1-"),
        "the title says it scrolls:\n{screen}"
    );
    // Shift-↓ scrolls one row; the table's selection stays.
    let shift_down = KeyEvent::new(KeyCode::Down, KeyModifiers::SHIFT);
    let a = app.key(shift_down).unwrap();
    app.update_sync(a);
    let scrolled = detail_pane(&text(&draw(&app, 80, 24)));
    assert_eq!(scrolled[0], pane[1], "one row down");
    assert_eq!(selected_code(&app), "token_validation_failed");
    // Ctrl-D goes to the end at most: the last field shows, the first row is gone.
    for _ in 0..10 {
        ctrl(&mut app, KeyCode::Char('d'));
    }
    let end = text(&draw(&app, 80, 24));
    assert!(
        detail_pane(&end).iter().any(|l| l.contains("source")),
        "{end}"
    );
    assert!(!detail_pane(&end)[0].contains("Guo-Guo"), "{end}");
    ctrl(&mut app, KeyCode::Char('u'));
    ctrl(&mut app, KeyCode::Char('u'));
    ctrl(&mut app, KeyCode::Char('u'));
    assert_eq!(
        detail_pane(&text(&draw(&app, 80, 24))),
        pane,
        "back at the top"
    );
    // The wheel over the detail pane scrolls it, not the table.
    let wheel = MouseEvent {
        kind: MouseEventKind::ScrollDown,
        column: 40,
        row: 20,
        modifiers: KeyModifiers::NONE,
    };
    app.mouse = true;
    app.update_sync(Action::Mouse(wheel));
    assert_eq!(selected_code(&app), "token_validation_failed");
    assert_ne!(detail_pane(&text(&draw(&app, 80, 24))), pane);
    // Three rows, or to the end where that is nearer.
    let of = |screen: &str| -> usize {
        let title = screen.lines().find(|l| l.contains("┌ Detail 1-")).unwrap();
        let (shown, total) = title.split_once(" of ").unwrap();
        let shown: usize = shown.rsplit('-').next().unwrap().parse().unwrap();
        let total: usize = total.split(' ').next().unwrap().parse().unwrap();
        total - shown
    };
    assert_eq!(app.detail_offset(), 3.min(of(&screen)));
    // Another selection starts at its top.
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.detail_offset(), 0);
}

#[test]
fn cut_text_ends_in_an_ellipsis_in_the_table_sidebar_status_line_and_help() {
    let mut app = app_sized(80, 24, Options::default());
    key(&mut app, KeyCode::Tab);
    let screen = text(&draw(&app, 80, 24));
    assert!(screen.contains("PostgreSQL SQLSTA…"), "sidebar:\n{screen}");
    assert!(
        screen
            .lines()
            .any(|l| l.contains("…│") && l.contains("mantago")),
        "a cut message:\n{screen}"
    );
    key(&mut app, KeyCode::Tab);
    key(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "token");
    app.update_sync(Action::Resize(40, 10));
    let screen = text(&draw(&app, 40, 10));
    assert!(screen.lines().last().unwrap().contains('…'), "{screen}");
    // The help overlay cuts its lines in `…` too, its title included.
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Char('?'));
    for (w, h) in [(40, 10), (30, 12)] {
        app.update_sync(Action::Resize(w, h));
        let screen = text(&draw(&app, w, h));
        let cut = screen
            .lines()
            .filter(|l| l.contains("…│") || l.contains("…┐"))
            .count();
        assert!(cut >= 3, "{screen}");
        // Every line is whole, or a start of its text ending in `…`.
        let whole: Vec<String> = errdex::tui::action::HELP
            .iter()
            .flat_map(|(group, keys)| {
                std::iter::once(group.to_string())
                    .chain(keys.iter().map(|(k, v)| format!("  {k:<14}{v}")))
            })
            .collect();
        for l in screen.lines().filter(|l| l.starts_with('│')) {
            let inside = l.trim_start_matches('│').trim_end_matches('│').trim_end();
            let ok = match inside.strip_suffix('…') {
                Some(start) => whole.iter().any(|w| w.starts_with(start) && w != start),
                None => whole.iter().any(|w| w == inside),
            };
            assert!(ok, "{l}\n{screen}");
        }
    }
}

#[test]
fn the_filter_remembers_queries_and_arrows_bring_them_back() {
    let mut app = app_sized(
        120,
        35,
        Options {
            history: vec!["older".into()],
            ..Options::default()
        },
    );
    // An empty filter is never remembered.
    key(&mut app, KeyCode::Char('/'));
    assert_eq!(key(&mut app, KeyCode::Enter), []);
    key(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "token");
    assert_eq!(
        key(&mut app, KeyCode::Enter),
        [Effect::SaveHistory(vec!["older".into(), "token".into()])]
    );
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "rate");
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Char('/'));
    // Enter kept "rate" in the filter; Ctrl-U empties it before typing.
    ctrl(&mut app, KeyCode::Char('u'));
    type_text(&mut app, "draft");
    // Ctrl-R and Alt-↑ go back in the history, Alt-↓ forward.
    ctrl(&mut app, KeyCode::Char('r'));
    assert_eq!(app.filter.text(), "rate");
    alt(&mut app, KeyCode::Up);
    assert_eq!(app.filter.text(), "token");
    let all = app.index.as_ref().unwrap().len();
    assert!(app.results.len() < all, "the recalled query filters");
    ctrl(&mut app, KeyCode::Char('r'));
    ctrl(&mut app, KeyCode::Char('r'));
    assert_eq!(app.filter.text(), "older");
    for _ in 0..3 {
        alt(&mut app, KeyCode::Down);
    }
    assert_eq!(
        app.filter.text(),
        "draft",
        "after the newest, what was typed"
    );
    // Plain arrows move the selection while typing, as in fzf.
    ctrl(&mut app, KeyCode::Char('u'));
    type_text(&mut app, "token");
    assert_eq!(app.selected, 0);
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Down);
    assert_eq!((app.mode, app.selected), (Mode::Filter, 2));
    key(&mut app, KeyCode::Up);
    assert_eq!((app.filter.text(), app.selected), ("token", 1));
    ctrl(&mut app, KeyCode::Char('u'));
    type_text(&mut app, "draft");
    // Alt-letter types nothing.
    let alt_x = KeyEvent::new(KeyCode::Char('x'), KeyModifiers::ALT);
    assert!(app.key(alt_x).is_none());
    assert_eq!(app.filter.text(), "draft");
}

#[test]
fn e_with_nothing_selected_says_so() {
    let mut app = app();
    key(&mut app, KeyCode::Char('/'));
    type_text(&mut app, NOTHING);
    key(&mut app, KeyCode::Enter);
    assert!(app.results.is_empty());
    key(&mut app, KeyCode::Char('e'));
    assert_eq!(app.mode, Mode::Normal);
    let screen = text(&draw(&app, 120, 35));
    assert!(screen.contains("no code selected"), "{screen}");
}

#[test]
fn copies_never_carry_control_characters_and_say_what_was_removed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("hostile.json");
    std::fs::write(
        &path,
        r#"{"schema":1,"vendor":{"id":"evil","name":"Evil"},"edition":{"id":"1"},"entries":[
            {"code":"E\u001b[2J1","message":"line one\nline two \u009b31m red \u001b]0;t\u0007"}]}"#,
    )
    .unwrap();
    let (index, problems) = Index::load(&only(path), &mut |_, _| {});
    assert!(problems.is_empty(), "{problems:?}");
    let mut app = App::new(Options::default());
    app.update_sync(Action::Resize(120, 35));
    app.update_sync(Action::Loaded(Arc::new(index), Vec::new()));
    key(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "v:evil");
    key(&mut app, KeyCode::Enter);
    let copied = |effects: Vec<Effect>| match &effects[..] {
        [Effect::Copy { text, what }] => (text.clone(), what.clone()),
        other => panic!("{other:?}"),
    };
    let (text, what) = copied(key(&mut app, KeyCode::Char('c')));
    assert_eq!(text, "E[2J1");
    assert!(what.contains("1 control character removed"), "{what}");
    let (text, what) = copied(key(&mut app, KeyCode::Char('m')));
    assert_eq!(text, "line one line two 31m red ]0;t");
    assert!(what.contains("4 control characters removed"), "{what}");
    for k in ['y', 'Y'] {
        let (text, what) = copied(key(&mut app, KeyCode::Char(k)));
        assert!(
            !text
                .chars()
                .any(|c| c.is_control() && c != '\n' && c != '\t'),
            "{k}: {text:?}"
        );
        assert!(!what.chars().any(char::is_control), "{k}: {what:?}");
    }
}

#[test]
fn the_preview_follows_the_selection_and_the_language() {
    let mut app = app();
    key(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "v:pixnet 130");
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Char('s'));
    let head = |app: &App| detail_pane(&text(&draw(app, 120, 35)))[0].clone();
    let first = head(&app);
    assert!(first.starts_with("y copies 1 Rust arm (pixnet "), "{first}");
    // Drawn again, the same arm; each change is seen at once.
    assert_eq!(head(&app), first);
    key(&mut app, KeyCode::Char('j'));
    let second = head(&app);
    assert!(
        second.starts_with("y copies 1 Rust arm (pixnet "),
        "{second}"
    );
    assert_ne!(second, first);
    key(&mut app, KeyCode::Char('L'));
    let typescript = head(&app);
    assert_eq!(
        typescript,
        second.replace("1 Rust arm", "1 TypeScript arm"),
        "{typescript}"
    );
    key(&mut app, KeyCode::Char('k'));
    assert_eq!(head(&app), first.replace("1 Rust arm", "1 TypeScript arm"));
}

#[test]
fn s_previews_exactly_what_y_copies_and_goes_back() {
    let mut app = app();
    key(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "v:pixnet 1302");
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Char('L'));
    let copied = match &key(&mut app, KeyCode::Char('y'))[..] {
        [Effect::Copy { text, .. }] => text.clone(),
        other => panic!("{other:?}"),
    };
    key(&mut app, KeyCode::Char('s'));
    assert!(app.preview);
    let screen = text(&draw(&app, 120, 35));
    let pane = detail_pane(&screen);
    assert!(
        pane[0].starts_with("y copies 1 TypeScript arm (pixnet 1302)"),
        "{screen}"
    );
    let shown: Vec<&str> = pane[1..]
        .iter()
        .map(|l| l.trim_end())
        .filter(|l| !l.is_empty())
        .collect();
    let expected: Vec<String> = copied
        .lines()
        .map(|l| l.replace('\t', "    ").trim_end().to_string())
        .filter(|l| !l.is_empty())
        .collect();
    assert_eq!(shown, expected, "{screen}");
    insta::assert_snapshot!("preview_80x24", {
        app.update_sync(Action::Resize(80, 24));
        text(&draw(&app, 80, 24))
    });
    key(&mut app, KeyCode::Char('s'));
    assert!(!app.preview);
    let screen = text(&draw(&app, 80, 24));
    assert!(
        detail_pane(&screen)
            .iter()
            .any(|l| l.starts_with("message")),
        "{screen}"
    );
    // Help says what Y copies.
    key(&mut app, KeyCode::Char('?'));
    let help = text(&draw(&app, 120, 60));
    assert!(help.contains("enum of every code listed"), "{help}");
    assert!(help.contains("preview what y copies"), "{help}");
}

fn picker(query: &str) -> App {
    app_sized(
        120,
        35,
        Options {
            query: Some(query.into()),
            pick: true,
            ..Options::default()
        },
    )
}

#[test]
fn picking_starts_in_the_filter_enter_chooses_and_esc_or_q_cancel() {
    let mut app = picker("v:pixnet 1302");
    assert_eq!(
        app.mode,
        Mode::Filter,
        "a pick starts in the filter, as fzf"
    );
    let row = app.selected_hit().unwrap().row;
    let screen = text(&draw(&app, 120, 35));
    let footer = screen.lines().last().unwrap();
    assert!(
        footer.contains("Enter pick") && footer.contains("↑↓ move"),
        "{screen}"
    );
    match &key(&mut app, KeyCode::Enter)[..] {
        [Effect::SaveHistory(h), Effect::Pick { row: picked, arm }] => {
            assert_eq!(*picked, row);
            assert_eq!(h, &["v:pixnet 1302".to_string()]);
            assert!(arm.contains("1302"), "{arm}");
        }
        other => panic!("{other:?}"),
    }
    // Typing is the query: `q`, `k` and `e` are letters, not commands.
    let mut app = picker("");
    type_text(&mut app, "quota");
    assert_eq!(app.filter.text(), "quota");
    assert_eq!(app.mode, Mode::Filter);
    let index = app.index.clone().unwrap();
    let first = index.get(app.selected_hit().unwrap().row);
    assert!(
        format!("{} {:?}", first.entry.headline(), first.entry.symbol)
            .to_lowercase()
            .contains("quota"),
        "{:?}",
        first.entry
    );
    // Arrows and Ctrl-N/P/J/K move; Enter prints the row moved to.
    key(&mut app, KeyCode::Down);
    ctrl(&mut app, KeyCode::Char('n'));
    ctrl(&mut app, KeyCode::Char('j'));
    ctrl(&mut app, KeyCode::Char('k'));
    assert_eq!(app.selected, 2);
    let third = app.selected_hit().unwrap().row;
    assert!(matches!(
        &key(&mut app, KeyCode::Enter)[..],
        [Effect::SaveHistory(_), Effect::Pick { row, .. }] if *row == third
    ));
    // From the table (Tab leaves the filter), without a query to remember.
    let mut app = picker("");
    key(&mut app, KeyCode::Tab);
    assert_eq!(app.mode, Mode::Normal);
    assert!(matches!(
        &key(&mut app, KeyCode::Enter)[..],
        [Effect::Pick { .. }]
    ));
    // Esc leaves from the filter and from the table; q from the table; so does Ctrl-C.
    for keys in [
        &[KeyCode::Esc][..],
        &[KeyCode::Tab, KeyCode::Esc],
        &[KeyCode::Tab, KeyCode::Char('q')],
    ] {
        let mut app = picker("token");
        let effects: Vec<Effect> = keys.iter().flat_map(|&k| key(&mut app, k)).collect();
        // Leaving the filter with Tab remembers its query first.
        let effects: Vec<&Effect> = effects
            .iter()
            .filter(|e| !matches!(e, Effect::SaveHistory(_)))
            .collect();
        assert_eq!(effects, [&Effect::Cancel], "{keys:?}");
    }
    assert_eq!(
        ctrl(&mut picker("token"), KeyCode::Char('c')),
        [Effect::Cancel]
    );
    // Nothing to choose: it says so and stays.
    let mut app = picker(NOTHING);
    assert_eq!(key(&mut app, KeyCode::Enter), []);
    assert!(app.status.contains("nothing selected"), "{}", app.status);
    // Outside pick mode Enter keeps the filter and Esc clears it, as before.
    let mut app = self::app();
    key(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "token");
    assert_eq!(
        key(&mut app, KeyCode::Enter),
        [Effect::SaveHistory(vec!["token".into()])]
    );
    assert_eq!(key(&mut app, KeyCode::Esc), []);
}

#[test]
fn enter_does_what_the_footer_says_in_each_focus() {
    let mut app = app();
    let footer = |app: &App| {
        text(&draw(app, 120, 35))
            .lines()
            .last()
            .unwrap()
            .to_string()
    };
    assert!(
        footer(&app).contains("y/Enter copy arm"),
        "{}",
        footer(&app)
    );
    match &key(&mut app, KeyCode::Enter)[..] {
        [Effect::Copy { what, .. }] => assert!(what.contains("Rust arm"), "{what}"),
        other => panic!("{other:?}"),
    }
    key(&mut app, KeyCode::Tab);
    assert_eq!(app.focus, Focus::Sidebar);
    assert!(
        footer(&app).contains("Enter/Tab its codes"),
        "{}",
        footer(&app)
    );
    key(&mut app, KeyCode::Char('j'));
    assert_eq!(key(&mut app, KeyCode::Enter), []);
    assert_eq!(app.focus, Focus::Table);
    assert!(footer(&app).contains("y/Enter copy arm"));
    key(&mut app, KeyCode::Char('/'));
    assert!(footer(&app).contains("Enter keep"), "{}", footer(&app));
}

#[test]
fn o_opens_the_source_link_whose_place_on_screen_is_known() {
    let mut app = app();
    key(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "v:mantago 1004");
    key(&mut app, KeyCode::Enter);
    let url = "https://doc.mantago.cc/chang-jian-wen-ti/cuo-wu-dai-ma";
    assert_eq!(
        key(&mut app, KeyCode::Char('o')),
        [Effect::Open(url.to_string())]
    );
    // The link's rectangles hold its text as drawn, at any size where the pane shows it.
    let mut whole = false;
    for (w, h) in [(120, 35), (80, 24), (60, 15)] {
        app.update_sync(Action::Resize(w, h));
        for _ in 0..20 {
            let area = ratatui::layout::Rect::new(0, 0, w, h);
            let buf = draw(&app, w, h);
            if let Some(link) = ui::source_link(&app, area) {
                assert_eq!(link.url, url);
                let shown: String = link
                    .rects
                    .iter()
                    .flat_map(|r| r.positions())
                    .map(|p| buf[p].symbol().to_string())
                    .collect();
                // Wrapped rows scrolled partly out of view leave a piece of it.
                assert!(
                    !shown.is_empty() && url.contains(&shown),
                    "{w}x{h}: {shown}"
                );
                whole |= shown == url;
            }
            // Scroll on: the link moves up with the pane, and leaves it.
            app.update_sync(Action::ScrollDetail(1));
        }
        app.update_sync(Action::ScrollDetailHalfPage(-100));
    }
    assert!(whole, "the whole link is on screen somewhere");
    app.update_sync(Action::Resize(120, 35));
    assert!(ui::source_link(&app, ratatui::layout::Rect::new(0, 0, 120, 35)).is_some());
    // Under an overlay, or in the preview, there is no link on screen.
    key(&mut app, KeyCode::Char('s'));
    assert!(ui::source_link(&app, ratatui::layout::Rect::new(0, 0, 120, 35)).is_none());
    key(&mut app, KeyCode::Char('s'));
    key(&mut app, KeyCode::Char('?'));
    assert!(ui::source_link(&app, ratatui::layout::Rect::new(0, 0, 120, 35)).is_none());
}

#[test]
fn o_without_a_web_link_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("local.json");
    std::fs::write(
        &path,
        r#"{"schema":1,"vendor":{"id":"loc","name":"Local"},"edition":{"id":"1","source":"file:///etc/passwd"},"entries":[{"code":"L1","message":"m"}]}"#,
    )
    .unwrap();
    let (index, _) = Index::load(&only(path), &mut |_, _| {});
    let mut app = App::new(Options::default());
    app.update_sync(Action::Resize(120, 35));
    app.update_sync(Action::Loaded(Arc::new(index), Vec::new()));
    key(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "v:loc");
    key(&mut app, KeyCode::Enter);
    assert_eq!(key(&mut app, KeyCode::Char('o')), []);
    assert!(app.status.contains("not a web link"), "{}", app.status);
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Char('/'));
    type_text(&mut app, NOTHING);
    key(&mut app, KeyCode::Enter);
    assert_eq!(key(&mut app, KeyCode::Char('o')), []);
    assert!(app.status.contains("no source link"), "{}", app.status);
}

#[test]
fn nothing_to_read_is_yellow_or_cyan_which_vanish_on_light_terminals() {
    use ratatui::style::Color;
    for mode in [
        Mode::Normal,
        Mode::Filter,
        Mode::Help,
        Mode::Paste,
        Mode::Editions,
        Mode::Problems,
    ] {
        let mut app = app_in(mode);
        app.update_sync(Action::Status("copied code 1004 via OSC 52".into()));
        for (w, h) in [(120, 35), (80, 24), (60, 15)] {
            app.update_sync(Action::Resize(w, h));
            let buf = draw(&app, w, h);
            for y in 0..h {
                for x in 0..w {
                    let cell = &buf[(x, y)];
                    let fg = cell.style().fg;
                    assert!(
                        !matches!(
                            fg,
                            Some(
                                Color::Yellow | Color::LightYellow | Color::Cyan | Color::LightCyan
                            )
                        ),
                        "{mode:?} {w}x{h}: {:?} in {fg:?} at {x},{y}:\n{}",
                        cell.symbol(),
                        text(&buf)
                    );
                }
            }
        }
    }
}

#[test]
fn readme_and_the_help_overlay_list_the_same_keys() {
    let readme = include_str!("../README.md");
    let start = readme.find("## The explorer").unwrap();
    let explorer = &readme[start..readme.find("## Catalogs").unwrap()];
    for (group, keys) in errdex::tui::action::HELP {
        for (k, _) in *keys {
            // The query language has its own section; "mouse" is no key.
            let query_syntax = *group == "Find" && (k.contains(':') || k.contains('\''));
            if query_syntax || *k == "mouse" {
                continue;
            }
            for token in k.split(' ') {
                assert!(
                    explorer.contains(&format!("`{token}`")),
                    "README's explorer section lacks `{token}` (help: {k})"
                );
            }
        }
    }
}

#[test]
fn y_and_y_copy_codes_in_their_vendor_s_type_and_b_adds_the_body_type() {
    let mut app = app();
    key(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "v:mantago");
    key(&mut app, KeyCode::Enter);
    let copied = |effects: Vec<Effect>| match &effects[..] {
        [Effect::Copy { text, .. }] => text.clone(),
        other => panic!("{other:?}"),
    };
    // MantaGO sends numbers: the arm and the enum match integers.
    let arm = copied(key(&mut app, KeyCode::Char('y')));
    assert!(
        arm.split(" => ").next().unwrap().parse::<i64>().is_ok(),
        "{arm}"
    );
    let alone = copied(key(&mut app, KeyCode::Char('Y')));
    assert!(alone.contains("pub fn from_code(code: i64)"), "{alone}");
    assert!(!alone.contains("MantagoErrorBody"), "{alone}");
    key(&mut app, KeyCode::Char('b'));
    assert!(app.status.contains("error body"), "{}", app.status);
    let with_body = copied(key(&mut app, KeyCode::Char('Y')));
    assert!(
        with_body.starts_with(&alone) && with_body.contains("pub struct MantagoErrorBody"),
        "{with_body}"
    );
    key(&mut app, KeyCode::Char('b'));
    assert_eq!(copied(key(&mut app, KeyCode::Char('Y'))), alone);
}

#[test]
fn y_over_several_vendors_copies_one_file_with_one_prelude_or_says_why_not() {
    let mut app = app();
    key(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "1004");
    key(&mut app, KeyCode::Enter);
    assert!(app.many_vendors);
    let vendors: std::collections::BTreeSet<usize> = {
        let index = app.index.as_ref().unwrap();
        app.results
            .iter()
            .map(|h| index.row_vendor(h.row))
            .collect()
    };
    let copied = |app: &mut App| match &key(app, KeyCode::Char('Y'))[..] {
        [Effect::Copy { text, what }] => (text.clone(), what.clone()),
        other => panic!("{other:?}"),
    };
    // Go: one package line for every vendor's type, whose lookups carry its name.
    while app.lang != errdex::snippet::Lang::Go {
        key(&mut app, KeyCode::Char('L'));
    }
    let (text, what) = copied(&mut app);
    assert_eq!(
        text.matches("\npackage ").count() + usize::from(text.starts_with("package ")),
        1,
        "{text}"
    );
    assert!(text.contains("func MantagoErrorFromCode("), "{text}");
    assert!(
        what.contains(&format!("{} Go enums in one file", vendors.len())),
        "{what}"
    );
    // Java: the enums nested in the one public class the file is named after.
    key(&mut app, KeyCode::Char('L'));
    let (text, what) = copied(&mut app);
    assert!(text.contains("public final class ErrorCodes {"), "{text}");
    assert!(what.contains("ErrorCodes.java"), "{what}");
    // Vendors whose types would share a name are not put in one file; the status says why.
    let dir = tempfile::tempdir().unwrap();
    for id in ["foo-bar", "foo_bar"] {
        std::fs::write(
            dir.path().join(format!("{id}.json")),
            format!(r#"{{"schema":1,"vendor":{{"id":"{id}","name":"{id}"}},"edition":{{"id":"1"}},"entries":[{{"code":"E1","message":"m"}}]}}"#),
        )
        .unwrap();
    }
    let (index, problems) = Index::load(&only(dir.path().to_path_buf()), &mut |_, _| {});
    assert!(problems.is_empty(), "{problems:?}");
    let mut app = App::new(Options::default());
    app.update_sync(Action::Resize(120, 35));
    app.update_sync(Action::Loaded(Arc::new(index), Vec::new()));
    key(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "code:E1");
    key(&mut app, KeyCode::Enter);
    assert_eq!(key(&mut app, KeyCode::Char('Y')), []);
    assert!(
        app.status.contains("not copied") && app.status.contains("FooBarError"),
        "{}",
        app.status
    );
}

#[test]
fn the_filter_takes_codes_as_people_print_them_and_the_detail_pane_shows_links() {
    let index = Arc::new(Index::embedded());
    for (typed, vendor, code) in [
        ("0x80070005", "hresult", "0x80070005"),
        ("80070005", "hresult", "0x80070005"),
        ("-2147024891", "hresult", "0x80070005"),
        ("0xc0000005", "ntstatus", "0xC0000005"),
        ("c0000005", "ntstatus", "0xC0000005"),
        ("MY-1045", "mysql", "1045"),
        ("001045", "mysql", "1045"),
    ] {
        let mut app = app();
        key(&mut app, KeyCode::Char('/'));
        type_text(&mut app, typed);
        let first = index.get(app.results[0].row);
        assert_eq!(
            (first.vendor.id.as_str(), first.entry.code.as_str()),
            (vendor, code),
            "{typed}"
        );
    }
    // The detail pane lists the links: a link the catalog states, and one the family works out.
    for (query, links) in [
        ("v:exit 137", "signal 9, k8s OOMKilled"),
        ("v:curl 60", "openssl 134, openssl 1045"),
        ("-2147024891", "win32 5"),
    ] {
        let mut app = app();
        key(&mut app, KeyCode::Char('/'));
        type_text(&mut app, query);
        let screen = text(&draw(&app, 160, 40));
        assert!(screen.contains("maps to"), "{query}: {screen}");
        assert!(screen.contains(links), "{query}: {screen}");
    }
}
