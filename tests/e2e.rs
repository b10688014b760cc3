//! End-to-end: the real binary in a real terminal (tmux), driven by keys and pastes the way a
//! person would, read back with capture-pane; the clipboard read back from X11 (Xvfb + xclip)
//! and from tmux's buffer (OSC 52). Each test has its own tmux server.

#[path = "support/special_files.rs"]
mod special_files;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::thread::sleep;
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_errdex");

struct Tmux {
    socket: String,
    _config: tempfile::TempDir,
}

impl Tmux {
    /// A detached session of `w`x`h` running `command` (through sh, so the exit can be seen).
    fn start(name: &str, w: u16, h: u16, env: &[(&str, &str)], command: &str) -> Tmux {
        Tmux::start_with(name, w, h, env, command, "")
    }

    /// [`Tmux::start`] with more lines of tmux configuration (`set -g window-style bg=…`).
    fn start_with(
        name: &str,
        w: u16,
        h: u16,
        env: &[(&str, &str)],
        command: &str,
        more_conf: &str,
    ) -> Tmux {
        require("tmux", "tmux");
        let config = tempfile::tempdir().unwrap();
        let conf = config.path().join("tmux.conf");
        std::fs::write(
            &conf,
            format!(
                "set -g set-clipboard on\nset -g escape-time 0\nset -g default-terminal tmux-256color\n{more_conf}"
            ),
        )
        .unwrap();
        let socket = format!("errdex-e2e-{name}-{}", std::process::id());
        let mut env_str = String::from("env XDG_CONFIG_HOME=/nonexistent-errdex ");
        for (k, v) in env {
            env_str.push_str(&format!("{k}={v} "));
        }
        let shell =
            format!("{env_str} {command}; echo \"[exited $?]\"; stty -a | tr '\\n' ' '; sleep 30");
        let t = Tmux {
            socket,
            _config: config,
        };
        let out = t.cmd(&[
            "-f",
            conf.to_str().unwrap(),
            "new-session",
            "-d",
            "-x",
            &w.to_string(),
            "-y",
            &h.to_string(),
            "sh",
            "-c",
            &shell,
        ]);
        assert!(
            out.status.success(),
            "tmux: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        t
    }

    fn cmd(&self, args: &[&str]) -> Output {
        Command::new("tmux")
            .arg("-L")
            .arg(&self.socket)
            .args(args)
            .output()
            .unwrap()
    }

    fn keys(&self, keys: &[&str]) {
        for k in keys {
            self.cmd(&["send-keys", "-t", "0", k]);
            // Esc followed at once by another key reads as Alt+key; people pause between keys.
            sleep(Duration::from_millis(60));
        }
    }

    fn type_text(&self, s: &str) {
        self.cmd(&["send-keys", "-t", "0", "-l", s]);
    }

    fn screen(&self) -> String {
        String::from_utf8_lossy(&self.cmd(&["capture-pane", "-p", "-t", "0"]).stdout).into_owned()
    }

    fn format(&self, f: &str) -> String {
        String::from_utf8_lossy(&self.cmd(&["display-message", "-p", "-t", "0", f]).stdout)
            .trim()
            .to_string()
    }

    /// Waits (generously: CI machines are shared) until the screen satisfies `pred`.
    fn wait_for(&self, what: &str, pred: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let s = self.screen();
            if pred(&s) {
                return s;
            }
            if start.elapsed() > Duration::from_secs(20) {
                panic!("timed out waiting for {what}; screen:\n{s}");
            }
            sleep(Duration::from_millis(50));
        }
    }

    fn wait_text(&self, needle: &str) -> String {
        self.wait_for(needle, |s| s.contains(needle))
    }

    /// Waits for errdex to exit and the shell to print `stty -a` (which starts "speed").
    fn wait_exit(&self) -> String {
        self.wait_for("exit and stty output", |s| {
            s.contains("[exited") && s.contains("speed")
        })
    }

    fn resize(&self, w: u16, h: u16) {
        self.cmd(&[
            "resize-window",
            "-t",
            "0",
            "-x",
            &w.to_string(),
            "-y",
            &h.to_string(),
        ]);
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.cmd(&["kill-server"]);
    }
}

/// A tool the test needs; missing means the set-up step (scripts/test.sh) did not run.
fn require(tool: &str, package: &str) {
    let found = Command::new("sh")
        .arg("-c")
        .arg(format!("command -v {tool}"))
        .output()
        .unwrap()
        .status
        .success();
    assert!(
        found,
        "{tool} is not installed: run ./scripts/test.sh (installs the Debian package {package})"
    );
}

#[test]
fn a_new_users_journey() {
    let t = Tmux::start("journey", 100, 30, &[], BIN);
    let s = t.wait_text("Guo-Guo");
    for v in ["MantaGO", "Tencent Cloud IM", "PIXNET", "Guo-Guo"] {
        assert!(s.contains(v), "{v}:\n{s}");
    }
    assert_eq!(t.format("#{alternate_on}"), "1");
    t.keys(&["/"]);
    t.type_text("anonymous rate");
    t.wait_for("the filtered row", |s| {
        s.contains("1302") && !s.contains("Token is invalid")
    });
    t.keys(&["Enter", "?"]);
    t.wait_text("match arm for the selected code");
    t.keys(&["Escape"]);
    t.wait_for("help closed", |s| {
        !s.contains("match arm for the selected code")
    });
    // Resize down to tiny sizes and back: no crash, and the screen comes back.
    for (w, h) in [
        (60, 15),
        (40, 10),
        (20, 5),
        (10, 3),
        (1, 1),
        (300, 100),
        (100, 30),
    ] {
        t.resize(w, h);
        sleep(Duration::from_millis(80));
    }
    t.wait_text("1302");
    t.keys(&["q"]);
    let s = t.wait_exit();
    assert!(s.contains("[exited 0]"), "{s}");
    assert!(
        s.contains(" icanon") && s.contains(" echo"),
        "cooked mode restored:\n{s}"
    );
    assert_eq!(t.format("#{alternate_on}"), "0");
    assert_eq!(t.format("#{mouse_any_flag}"), "0");
}

#[test]
fn resize_storm_and_one_by_one_terminal() {
    let t = Tmux::start("storm", 80, 24, &[], BIN);
    t.wait_text("Token is invalid");
    for i in 0..200u16 {
        t.resize(1 + (i * 37) % 200, 1 + (i * 13) % 60);
    }
    t.resize(1, 1);
    sleep(Duration::from_millis(300));
    t.resize(80, 24);
    t.wait_text("Token is invalid");
    t.keys(&["C-c"]);
    assert!(t.wait_exit().contains("[exited 0]"));
}

#[test]
fn escape_sequences_in_a_paste_are_shown_not_obeyed() {
    let t = Tmux::start("escapes", 100, 30, &[], BIN);
    t.wait_text("PIXNET");
    let before = t.format("#{pane_title}");
    let buf = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(buf.path(), "\x1b]0;pwned\x07\x1b[2J {\"error\":1,\"code\":1302,\"message\":\"Exceed Anonymous Rate Limit\"}").unwrap();
    t.cmd(&["load-buffer", "-b", "x", buf.path().to_str().unwrap()]);
    t.cmd(&["paste-buffer", "-p", "-b", "x", "-t", "0"]);
    let s = t.wait_text("Exceed Anonymous Rate Limit");
    assert!(s.contains("␛]0;pwned␇"), "escapes shown as symbols:\n{s}");
    assert_ne!(t.format("#{pane_title}"), "pwned");
    assert_eq!(t.format("#{pane_title}"), before);
    t.keys(&["Escape", "q"]);
    assert!(t.wait_exit().contains("[exited 0]"));
}

#[test]
fn a_panic_restores_the_terminal() {
    // The example enters the terminal as errdex does (same code), then panics.
    let example = std::env::current_exe()
        .unwrap()
        .parent()
        .and_then(|deps| deps.parent())
        .unwrap()
        .join("examples/panic_in_explorer");
    assert!(example.exists(), "cargo test builds {}", example.display());
    let t = Tmux::start(
        "panic",
        80,
        24,
        &[("RUST_BACKTRACE", "0")],
        example.to_str().unwrap(),
    );
    let s = t.wait_exit();
    assert!(s.contains("panicked"), "the panic message is printed:\n{s}");
    assert!(
        s.contains(" icanon") && s.contains(" echo"),
        "cooked mode restored:\n{s}"
    );
    assert_eq!(t.format("#{alternate_on}"), "0");
    assert_eq!(t.format("#{mouse_any_flag}"), "0");
}

#[test]
fn signals_from_outside_restore_the_terminal_and_exit_128_plus_the_signal() {
    for (name, number) in [("INT", 2), ("QUIT", 3), ("TERM", 15), ("HUP", 1)] {
        let t = Tmux::start(&format!("sig{name}"), 80, 24, &[], BIN);
        t.wait_text("Token is invalid");
        assert_eq!(t.format("#{mouse_any_flag}"), "1");
        let pid = t.format("#{pane_pid}");
        // The pane runs sh; errdex is its child.
        let out = Command::new("pkill")
            .args([&format!("-{name}"), "-P", &pid, "-x", "errdex"])
            .output()
            .unwrap();
        assert!(out.status.success(), "{name}");
        let s = t.wait_exit();
        assert!(
            s.contains(&format!("[exited {}]", 128 + number)),
            "SIG{name}:\n{s}"
        );
        assert!(
            s.contains(" icanon") && s.contains(" echo"),
            "SIG{name}: cooked mode:\n{s}"
        );
        assert_eq!(t.format("#{alternate_on}"), "0", "SIG{name}");
        assert_eq!(t.format("#{mouse_any_flag}"), "0", "SIG{name}");
    }
}

#[test]
fn ctrl_z_suspends_to_the_shell_and_fg_resumes_with_a_full_redraw() {
    let t = Tmux::start("suspend", 100, 30, &[], "bash --norc --noprofile -i");
    t.wait_text("bash");
    t.type_text(&format!("XDG_CONFIG_HOME=/nonexistent-errdex {BIN}"));
    t.keys(&["Enter"]);
    t.wait_text("PIXNET");
    assert_eq!(t.format("#{alternate_on}"), "1");
    t.keys(&["C-z"]);
    let s = t.wait_text("Stopped");
    assert_eq!(t.format("#{alternate_on}"), "0", "{s}");
    assert_eq!(t.format("#{mouse_any_flag}"), "0");
    // The shell is usable: its line discipline is cooked again.
    t.type_text("stty -a | tr '\\n' ' '; echo STTY-DONE");
    t.keys(&["Enter"]);
    let s = t.wait_text("STTY-DONE\n");
    assert!(s.contains(" icanon") && s.contains(" echo"), "{s}");
    t.type_text("fg");
    t.keys(&["Enter"]);
    let s = t.wait_for("the explorer redrawn", |s| {
        s.contains("PIXNET") && s.contains("Vendors") && !s.contains("STTY-DONE")
    });
    assert_eq!(t.format("#{alternate_on}"), "1", "{s}");
    assert_eq!(t.format("#{mouse_any_flag}"), "1");
    // Raw mode is back: j is a key, not a letter for the shell.
    t.keys(&["j"]);
    t.wait_for("the second row selected", |s| s.contains(" 2/"));
    t.keys(&["q"]);
    t.type_text("echo \"[exited $?]\"");
    t.keys(&["Enter"]);
    t.wait_text("[exited 0]");
}

#[test]
fn without_a_terminal_the_explorer_says_so_in_one_line() {
    let out = Command::new(BIN)
        .env("XDG_CONFIG_HOME", "/nonexistent-errdex")
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("needs a terminal") && err.contains("errdex search"),
        "{err}"
    );
    assert!(out.stdout.is_empty(), "nothing drawn on a pipe");
    // `pick` draws on /dev/tty: without a controlling terminal (a new session) it says so.
    require("setsid", "util-linux");
    let out = Command::new("setsid")
        .args(["-w", BIN, "pick"])
        .env("XDG_CONFIG_HOME", "/nonexistent-errdex")
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("needs a terminal") && err.contains("errdex search"),
        "{err}"
    );
    assert!(out.stdout.is_empty());
}

/// Whether SGR sequences on `screen` (capture-pane -e) set a foreground or background colour.
fn has_colour(screen: &str) -> bool {
    screen.split("\x1b[").skip(1).any(|seq| {
        let Some(end) = seq.find('m') else {
            return false;
        };
        seq[..end].split(';').any(|p| {
            p.parse::<u16>()
                .is_ok_and(|n| matches!(n, 30..=37 | 40..=47 | 90..=97 | 100..=107 | 38 | 48))
        })
    })
}

#[test]
fn term_dumb_gets_no_colours() {
    for (term, coloured) in [("dumb", false), ("tmux-256color", true)] {
        let t = Tmux::start(&format!("term-{term}"), 100, 30, &[("TERM", term)], BIN);
        t.wait_text("PIXNET");
        t.keys(&["/"]);
        t.type_text("token");
        t.wait_text("/ token");
        let screen =
            String::from_utf8_lossy(&t.cmd(&["capture-pane", "-e", "-p", "-t", "0"]).stdout)
                .into_owned();
        assert_eq!(has_colour(&screen), coloured, "TERM={term}:\n{screen:?}");
        t.keys(&["Escape", "q"]);
    }
}

#[test]
fn y_copies_the_arm_by_osc52_into_tmux_buffer_without_a_display() {
    let t = Tmux::start(
        "osc52",
        100,
        30,
        &[("DISPLAY", ""), ("WAYLAND_DISPLAY", "")],
        BIN,
    );
    t.wait_text("PIXNET");
    t.keys(&["/"]);
    t.type_text("v:pixnet 1302");
    t.wait_for("1302 selected", |s| {
        s.contains("Exceed Anonymous Rate Limit")
    });
    t.keys(&["Enter", "y"]);
    t.wait_text("via OSC 52");
    let buffer = String::from_utf8_lossy(&t.cmd(&["show-buffer"]).stdout).into_owned();
    assert!(
        buffer.starts_with("1302 => PixnetError::"),
        "tmux buffer: {buffer}"
    );
    t.keys(&["q"]);
}

#[test]
fn y_copies_the_arm_to_the_x11_clipboard() {
    require("Xvfb", "xvfb");
    require("xclip", "xclip");
    let display = format!(":{}", 90 + std::process::id() % 100);
    let mut xvfb = Command::new("Xvfb")
        .args([
            display.as_str(),
            "-screen",
            "0",
            "640x480x24",
            "-nolisten",
            "tcp",
        ])
        .spawn()
        .unwrap();
    let x_ready = Instant::now();
    while !PathBuf::from(format!("/tmp/.X11-unix/X{}", &display[1..])).exists() {
        assert!(
            x_ready.elapsed() < Duration::from_secs(20),
            "Xvfb did not start"
        );
        sleep(Duration::from_millis(50));
    }
    let t = Tmux::start("x11", 100, 30, &[("DISPLAY", &display)], BIN);
    t.wait_text("PIXNET");
    t.keys(&["/"]);
    t.type_text("v:pixnet 1302");
    t.wait_for("1302 selected", |s| {
        s.contains("Exceed Anonymous Rate Limit")
    });
    t.keys(&["Enter", "y"]);
    t.wait_text("system clipboard");
    let out = Command::new("xclip")
        .args(["-o", "-selection", "clipboard"])
        .env("DISPLAY", &display)
        .output()
        .unwrap();
    let clip = String::from_utf8_lossy(&out.stdout).into_owned();
    t.keys(&["q"]);
    t.wait_exit();
    // The copy outlives errdex: a background errdex serves it after the explorer is gone.
    let after = Command::new("xclip")
        .args(["-o", "-selection", "clipboard"])
        .env("DISPLAY", &display)
        .output()
        .unwrap();
    let after = String::from_utf8_lossy(&after.stdout).into_owned();
    // Another program's copy takes over, and the server leaves.
    let mut xclip = Command::new("xclip")
        .args(["-i", "-selection", "clipboard"])
        .env("DISPLAY", &display)
        .stdin(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(xclip.stdin.take());
    let _ = xclip.wait();
    let newer = Command::new("xclip")
        .args(["-o", "-selection", "clipboard"])
        .env("DISPLAY", &display)
        .output()
        .unwrap();
    let _ = xvfb.kill();
    let _ = xvfb.wait();
    assert!(
        clip.starts_with("1302 => PixnetError::"),
        "X11 clipboard: {clip:?}"
    );
    assert_eq!(after, clip, "the clipboard after errdex quit");
    assert_eq!(
        String::from_utf8_lossy(&newer.stdout),
        "",
        "a newer copy wins"
    );
}

#[test]
fn escape_laden_paste_into_the_filter_bar_is_text() {
    let t = Tmux::start("filter-escapes", 100, 30, &[], BIN);
    t.wait_text("PIXNET");
    let before = t.format("#{pane_title}");
    t.keys(&["/"]);
    t.wait_for("the filter bar", |s| s.starts_with('/'));
    let buf = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(
        buf.path(),
        "\x1b]0;pwned\x07\x1b[2J\x1b[H\x1b[?1049l\u{9b}2Jtoken\x1b]2;owned\x1b\\\x07\x1bc",
    )
    .unwrap();
    t.cmd(&["load-buffer", "-b", "f", buf.path().to_str().unwrap()]);
    t.cmd(&["paste-buffer", "-p", "-b", "f", "-t", "0"]);
    // The filter holds the text (controls as spaces) and filters by it.
    let s = t.wait_text("]0;pwned");
    let first = s.lines().next().unwrap_or_default();
    assert!(
        first.contains("]0;pwned") && first.contains("token"),
        "the filter bar shows the paste as text:\n{s}"
    );
    // Nothing was obeyed: same title, still on the alternate screen, not cleared or reset.
    assert_eq!(t.format("#{pane_title}"), before);
    assert_ne!(t.format("#{pane_title}"), "pwned");
    assert_ne!(t.format("#{pane_title}"), "owned");
    assert_eq!(t.format("#{alternate_on}"), "1");
    assert!(s.contains("Vendors") && s.contains("Guo-Guo"), "{s}");
    t.keys(&["Escape"]);
    t.wait_for("filter cleared", |s| {
        !s.contains("]0;pwned") && s.contains("Token is invalid")
    });
    t.keys(&["q"]);
    assert!(t.wait_exit().contains("[exited 0]"));
}

#[test]
fn ctrl_c_quits_from_the_filter_and_the_paste_panel_and_restores_the_terminal() {
    for (name, open) in [("filter", "/"), ("paste", "p")] {
        let t = Tmux::start(&format!("ctrl-c-{name}"), 80, 24, &[], BIN);
        t.wait_text("Token is invalid");
        t.keys(&[open]);
        if name == "filter" {
            t.type_text("tok");
            t.wait_text("/ tok");
        } else {
            t.wait_text("Paste an error response");
        }
        assert_eq!(t.format("#{mouse_any_flag}"), "1");
        t.keys(&["C-c"]);
        let s = t.wait_exit();
        assert!(s.contains("[exited 0]"), "{name}:\n{s}");
        assert!(
            s.contains(" icanon") && s.contains(" echo") && s.contains(" isig"),
            "{name}: cooked mode restored:\n{s}"
        );
        assert_eq!(t.format("#{alternate_on}"), "0", "{name}");
        assert_eq!(t.format("#{mouse_any_flag}"), "0", "{name}");
    }
}

#[test]
fn a_broken_user_catalog_is_named_in_the_status_line() {
    let config = tempfile::tempdir().unwrap();
    let dir = config.path().join("errdex/catalogs");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("broken.json"), "{\n  \"schema\": 1,\n  oops\n}").unwrap();
    let t = Tmux::start(
        "broken-catalog",
        120,
        30,
        &[("XDG_CONFIG_HOME", config.path().to_str().unwrap())],
        BIN,
    );
    let s = t.wait_text("broken.json:3:3");
    assert!(s.contains("warning"), "{s}");
    for v in ["MantaGO", "Tencent Cloud IM", "PIXNET", "Guo-Guo"] {
        assert!(s.contains(v), "{v}:\n{s}");
    }
    t.keys(&["q"]);
    assert!(t.wait_exit().contains("[exited 0]"));
}

#[test]
fn the_config_file_sets_the_explorer_s_language_theme_and_mouse() {
    let config = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(config.path().join("errdex")).unwrap();
    let file = config.path().join("errdex/config.toml");
    let home = [("XDG_CONFIG_HOME", config.path().to_str().unwrap())];
    let status_ends = |t: &Tmux, lang: &str| {
        t.wait_for(lang, |s| {
            s.lines()
                .any(|l| l.trim_end().ends_with(&format!("  {lang}")))
        })
    };
    let colours = |t: &Tmux| {
        String::from_utf8_lossy(&t.cmd(&["capture-pane", "-e", "-p", "-t", "0"]).stdout)
            .into_owned()
    };

    std::fs::write(
        &file,
        "snippet_lang = \"go\"\ntheme = \"light\"\nmouse = false\n",
    )
    .unwrap();
    let t = Tmux::start("config-light", 100, 30, &home, BIN);
    t.wait_text("PIXNET");
    let s = status_ends(&t, "Go");
    assert!(!s.contains("Rust"), "{s}");
    assert_eq!(t.format("#{mouse_any_flag}"), "0");
    // The light palette frames the focused pane in blue, the dark one in bright blue.
    let shown = colours(&t);
    // (tmux writes ANSI blue as 38;5;4, bright blue as 38;5;12.)
    assert!(shown.contains("[38;5;4m"), "{shown:?}");
    assert!(!shown.contains("[38;5;12m"), "{shown:?}");
    t.keys(&["q"]);
    assert!(t.wait_exit().contains("[exited 0]"));

    // Flags win over the file.
    let t = Tmux::start(
        "config-flags",
        100,
        30,
        &home,
        &format!("{BIN} --theme dark --mouse"),
    );
    t.wait_text("PIXNET");
    status_ends(&t, "Go");
    assert_eq!(t.format("#{mouse_any_flag}"), "1");
    assert!(colours(&t).contains("[38;5;12m"));
    t.keys(&["q"]);
    assert!(t.wait_exit().contains("[exited 0]"));

    // A broken file is named in the status line, and errdex starts with the defaults.
    std::fs::write(&file, "mouse = false\ntheme = \"light\n").unwrap();
    let t = Tmux::start("config-broken", 120, 30, &home, BIN);
    t.wait_text("config.toml:2:");
    let s = status_ends(&t, "Rust");
    assert!(s.contains("PIXNET"), "{s}");
    // Counted as what it is, and listed with its place by `w`.
    assert!(s.contains("⚠ 1 config warning (w)"), "{s}");
    assert!(!s.contains("catalog problem"), "{s}");
    t.keys(&["w"]);
    let s = t.wait_text("Warnings and problems");
    assert!(
        s.contains("1 config warning") && s.contains("config.toml:2:"),
        "{s}"
    );
    t.keys(&["Escape"]);
    t.wait_for("the list closed", |s| !s.contains("Warnings and problems"));
    assert_eq!(t.format("#{mouse_any_flag}"), "1");
    t.keys(&["q"]);
    assert!(t.wait_exit().contains("[exited 0]"));
}

#[test]
fn filter_history_is_kept_across_runs() {
    let state = tempfile::tempdir().unwrap();
    let env = [("XDG_STATE_HOME", state.path().to_str().unwrap())];
    let t = Tmux::start("history-1", 100, 30, &env, BIN);
    t.wait_text("PIXNET");
    t.keys(&["/"]);
    t.type_text("anonymous rate");
    t.wait_text("1302");
    t.keys(&["Enter", "q"]);
    assert!(t.wait_exit().contains("[exited 0]"));
    drop(t);
    let file = state.path().join("errdex/history");
    let saved = std::fs::read_to_string(&file).unwrap();
    assert_eq!(saved, "anonymous rate\n");
    let t = Tmux::start("history-2", 100, 30, &env, BIN);
    t.wait_text("PIXNET");
    t.keys(&["/", "C-r"]);
    t.wait_for("the query recalled and run", |s| {
        s.starts_with("/ anonymous rate") && s.contains("1302") && !s.contains("Token is invalid")
    });
    t.keys(&["Escape", "q"]);
    assert!(t.wait_exit().contains("[exited 0]"));
}

/// A history file that is a FIFO, a link to `/dev/zero` or a `history -> /dev/null` opt-out:
/// the explorer starts at once, quits on `q`, and leaves the file as it was.
#[test]
fn a_history_that_is_not_a_regular_file_is_passed_over_and_left_alone() {
    use std::os::unix::fs::FileTypeExt;
    let state = tempfile::tempdir().unwrap();
    let file = state.path().join("errdex/history");
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    let env = [("XDG_STATE_HOME", state.path().to_str().unwrap())];
    for kind in ["fifo", "zero", "null"] {
        let _ = std::fs::remove_file(&file);
        match kind {
            "fifo" => special_files::mkfifo(&file),
            "zero" => std::os::unix::fs::symlink("/dev/zero", &file).unwrap(),
            _ => std::os::unix::fs::symlink("/dev/null", &file).unwrap(),
        }
        let t = Tmux::start(&format!("history-{kind}"), 100, 30, &env, BIN);
        t.wait_text("PIXNET");
        t.keys(&["/"]);
        t.type_text("anonymous rate");
        t.wait_text("1302");
        t.keys(&["Enter", "q"]);
        let s = t.wait_exit();
        assert!(s.contains("[exited 0]"), "{kind}:\n{s}");
        let meta = std::fs::symlink_metadata(&file).unwrap();
        match kind {
            "fifo" => assert!(meta.file_type().is_fifo()),
            "zero" => assert_eq!(
                std::fs::read_link(&file).unwrap(),
                PathBuf::from("/dev/zero")
            ),
            _ => assert_eq!(
                std::fs::read_link(&file).unwrap(),
                PathBuf::from("/dev/null")
            ),
        }
        assert_eq!(
            std::fs::read_dir(file.parent().unwrap()).unwrap().count(),
            1,
            "{kind}: no temporary file left"
        );
    }
}

/// Two explorers at once: the one that quits last keeps what the other saved.
#[test]
fn history_saved_meanwhile_by_another_explorer_is_kept() {
    let state = tempfile::tempdir().unwrap();
    let env = [("XDG_STATE_HOME", state.path().to_str().unwrap())];
    let t = Tmux::start("history-merge", 100, 30, &env, BIN);
    t.wait_text("PIXNET");
    // What another explorer saved after this one started.
    let file = state.path().join("errdex/history");
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    std::fs::write(&file, "token invalid\n").unwrap();
    t.keys(&["/"]);
    t.type_text("anonymous rate");
    t.wait_text("1302");
    t.keys(&["Enter", "q"]);
    assert!(t.wait_exit().contains("[exited 0]"));
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        "token invalid\nanonymous rate\n"
    );
}

#[test]
fn an_osc52_copy_too_big_for_terminals_is_refused_not_reported_copied() {
    // 2,000 codes with long messages: their enum is megabytes, more than tmux takes.
    let dir = tempfile::tempdir().unwrap();
    let catalog = dir.path().join("big.json");
    let entries: Vec<String> = (0..2000)
        .map(|i| {
            format!(
                r#"{{"code":"B{i}","message":"{} {i}"}}"#,
                "long message".repeat(40)
            )
        })
        .collect();
    std::fs::write(
        &catalog,
        format!(
            r#"{{"schema":1,"vendor":{{"id":"big","name":"Big"}},"edition":{{"id":"1"}},"entries":[{}]}}"#,
            entries.join(",")
        ),
    )
    .unwrap();
    let command = format!("{BIN} --catalog {} --vendor big", catalog.display());
    let t = Tmux::start(
        "osc52-big",
        120,
        30,
        &[("DISPLAY", ""), ("WAYLAND_DISPLAY", "")],
        &command,
    );
    t.wait_text("B0");
    t.keys(&["Y"]);
    let s = t.wait_text("copy failed");
    let status = s.lines().last().unwrap_or_default().to_string();
    assert!(status.contains("OSC 52"), "{s}");
    assert!(!s.contains("copied"), "{s}");
    let buffers = String::from_utf8_lossy(&t.cmd(&["list-buffers"]).stdout).into_owned();
    assert_eq!(buffers.trim(), "", "nothing reached tmux's clipboard");
    // A copy that fits still goes through.
    t.keys(&["c"]);
    t.wait_text("via OSC 52");
    let buffer = String::from_utf8_lossy(&t.cmd(&["show-buffer"]).stdout).into_owned();
    assert_eq!(buffer, "B0");
    t.keys(&["q"]);
    assert!(t.wait_exit().contains("[exited 0]"));
}

#[test]
fn pick_draws_on_the_terminal_and_prints_the_choice_to_stdout() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.txt");
    // Standard output is a file: the picker still draws, on /dev/tty.
    let command = format!("{BIN} pick --query 'v:pixnet 1302' > {}", out.display());
    let t = Tmux::start("pick-file", 100, 30, &[], &command);
    t.wait_for("the picker", |s| {
        s.contains("Exceed Anonymous Rate Limit") && s.contains("Enter pick")
    });
    t.keys(&["Enter"]);
    let s = t.wait_exit();
    assert!(s.contains("[exited 0]"), "{s}");
    assert!(s.contains(" icanon") && s.contains(" echo"), "{s}");
    assert_eq!(t.format("#{alternate_on}"), "0");
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "1302\n");
    drop(t);
    // `code=$(errdex pick -q token)`, and --print json; Esc prints nothing and exits 1.
    let command = format!(
        "sh -c 'code=$({BIN} pick -q \"v:mantago token\"); echo \"[code=$code]\"; json=$({BIN} pick -q \"v:mantago 1004\" --print json); echo \"[json=$json]\"; {BIN} pick -q token; echo \"[esc=$?]\"'"
    );
    let t = Tmux::start("pick-subst", 100, 30, &[], &command);
    // Each picker starts in its filter, which shows its query.
    t.wait_for("the first picker", |s| {
        s.starts_with("/ v:mantago token") && s.contains("Enter pick") && s.contains("1004")
    });
    t.keys(&["Enter"]);
    t.wait_for("the second picker", |s| {
        s.starts_with("/ v:mantago 1004") && s.contains("Enter pick")
    });
    t.keys(&["Enter"]);
    t.wait_for("the third picker", |s| {
        s.starts_with("/ token") && s.contains("Enter pick")
    });
    t.keys(&["Escape"]);
    let s = t.wait_exit();
    assert!(s.contains("[code=1004]"), "{s}");
    assert!(
        s.contains("[json={")
            && s.contains(r#""vendor": "mantago","#)
            && s.contains(r#""code": "1004","#),
        "{s}"
    );
    assert!(s.contains("[esc=1]"), "{s}");
}

#[test]
fn o_opens_the_source_with_browser_and_the_link_is_an_osc8_hyperlink() {
    let dir = tempfile::tempdir().unwrap();
    let opened = dir.path().join("opened.txt");
    let browser = dir.path().join("fake-browser");
    std::fs::write(
        &browser,
        format!("#!/bin/sh\necho \"$@\" > {}\n", opened.display()),
    )
    .unwrap();
    let mut perms = std::fs::metadata(&browser).unwrap().permissions();
    std::os::unix::fs::PermissionsExt::set_mode(&mut perms, 0o755);
    std::fs::set_permissions(&browser, perms).unwrap();
    let raw = dir.path().join("raw.out");
    let t = Tmux::start(
        "open",
        120,
        35,
        &[("BROWSER", browser.to_str().unwrap())],
        BIN,
    );
    t.wait_text("PIXNET");
    // Everything errdex writes to the terminal, as written.
    t.cmd(&[
        "pipe-pane",
        "-o",
        "-t",
        "0",
        &format!("cat > {}", raw.display()),
    ]);
    // Another vendor's entry first: the link is written when it changes.
    t.keys(&["/"]);
    t.type_text("v:pixnet 1302");
    t.wait_for("PIXNET 1302 alone", |s| {
        s.contains("Exceed Anonymous") && s.contains("1/1")
    });
    t.keys(&["C-u"]);
    t.type_text("v:mantago 1004");
    t.wait_for("MantaGO 1004 alone", |s| {
        s.contains("source") && s.contains("Token is invalid") && s.contains("1/1")
    });
    t.keys(&["Enter", "o"]);
    let url = "https://doc.mantago.cc/chang-jian-wen-ti/cuo-wu-dai-ma";
    let s = t.wait_text("opened https://doc.mantago.cc");
    assert!(s.contains("fake-browser"), "{s}");
    assert_eq!(what_the_browser_got(&opened), format!("{url}\n"));
    t.keys(&["q"]);
    assert!(t.wait_exit().contains("[exited 0]"));
    let written = String::from_utf8_lossy(&std::fs::read(&raw).unwrap()).into_owned();
    assert!(
        written.contains(&format!("\x1b]8;;{url}\x1b\\")),
        "an OSC 8 link around the source"
    );
    assert!(written.contains("\x1b]8;;\x1b\\"), "and its end");
    assert!(
        written.contains("\x1b]8;;https://github.com/pixnet/emma-api-error-codes\x1b\\"),
        "PIXNET's link before it"
    );
}

/// A scheme is case-insensitive: a catalog's `HTTPS://` source is opened like `https://`.
#[test]
fn o_opens_a_source_written_in_capitals() {
    let dir = tempfile::tempdir().unwrap();
    let opened = dir.path().join("opened.txt");
    let browser = dir.path().join("fake-browser");
    std::fs::write(
        &browser,
        format!("#!/bin/sh\necho \"$@\" > {}\n", opened.display()),
    )
    .unwrap();
    let mut perms = std::fs::metadata(&browser).unwrap().permissions();
    std::os::unix::fs::PermissionsExt::set_mode(&mut perms, 0o755);
    std::fs::set_permissions(&browser, perms).unwrap();
    let http = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/catalogs/http.json"))
        .unwrap();
    let mut c: serde_json::Value = serde_json::from_str(&http).unwrap();
    c["vendor"]["id"] = "capsrc".into();
    c["vendor"]["aliases"] = serde_json::json!([]);
    let url = "HTTPS://EXAMPLE.COM/Errors";
    c["edition"]["source"] = url.into();
    let catalog = dir.path().join("capsrc.json");
    std::fs::write(&catalog, c.to_string()).unwrap();
    let t = Tmux::start(
        "open-caps",
        120,
        35,
        &[("BROWSER", browser.to_str().unwrap())],
        &format!("{BIN} --catalog {}", catalog.display()),
    );
    t.wait_text("PIXNET");
    t.keys(&["/"]);
    t.type_text("v:capsrc 418");
    t.wait_for("capsrc 418 in the detail", |s| {
        s.contains("(Unused)") && s.contains("HTTPS://EXAMPLE.COM/Errors")
    });
    t.keys(&["Enter", "o"]);
    let s = t.wait_text("opened HTTPS://EXAMPLE.COM");
    assert!(s.contains("fake-browser"), "{s}");
    assert_eq!(what_the_browser_got(&opened), format!("{url}\n"));
    t.keys(&["q"]);
    assert!(t.wait_exit().contains("[exited 0]"));
}

/// U+2028 and U+2029 in a catalog's message are shown escaped in the explorer's row and detail,
/// so a terminal that breaks lines at them cannot push the rows out of place.
#[test]
fn line_separators_in_a_message_are_shown_escaped_in_the_rows() {
    let dir = tempfile::tempdir().unwrap();
    let http = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/catalogs/http.json"))
        .unwrap();
    let mut c: serde_json::Value = serde_json::from_str(&http).unwrap();
    c["vendor"]["id"] = "seps".into();
    c["vendor"]["aliases"] = serde_json::json!([]);
    c["entries"][0]["message"] = "Line\u{2028}separated\u{2029}paragraph".into();
    let catalog = dir.path().join("seps.json");
    std::fs::write(&catalog, c.to_string()).unwrap();
    let t = Tmux::start(
        "separators",
        120,
        35,
        &[],
        &format!("{BIN} --catalog {}", catalog.display()),
    );
    t.wait_text("PIXNET");
    t.keys(&["/"]);
    t.type_text("v:seps 100");
    let s = t.wait_for("the row and its detail", |s| {
        s.matches("Line\\u{2028}separated\\u{2029}paragraph")
            .count()
            >= 2
    });
    assert!(!s.contains('\u{2028}') && !s.contains('\u{2029}'), "{s}");
    t.keys(&["Escape", "q"]);
    assert!(t.wait_exit().contains("[exited 0]"));
}

#[test]
fn two_pastes_in_a_row_the_panel_answers_for_the_last() {
    let t = Tmux::start("two-pastes", 100, 30, &[], BIN);
    t.wait_text("PIXNET");
    for (name, text) in [
        (
            "a",
            r#"{"error":1,"code":1302,"message":"Exceed Anonymous Rate Limit"}"#,
        ),
        (
            "b",
            r#"{"ErrorCode":60003,"ErrorInfo":"x","ActionStatus":"FAIL"}"#,
        ),
    ] {
        let buf = tempfile::NamedTempFile::new().unwrap();
        std::fs::write(buf.path(), text).unwrap();
        t.cmd(&["load-buffer", "-b", name, buf.path().to_str().unwrap()]);
        t.cmd(&["paste-buffer", "-p", "-b", name, "-t", "0"]);
        sleep(Duration::from_millis(300));
    }
    let s = t.wait_text("▶ tencent-im 60003");
    assert!(!s.contains("1302"), "the first paste is gone:\n{s}");
    t.keys(&["Escape"]);
    let s = t.wait_for("the panel closed", |s| !s.contains("Decoded"));
    assert!(!s.contains("Ctrl-V"), "its hints went with it:\n{s}");
    t.keys(&["q"]);
    assert!(t.wait_exit().contains("[exited 0]"));
}

#[test]
fn a_hostile_code_is_copied_without_its_escape_sequence() {
    let dir = tempfile::tempdir().unwrap();
    let catalog = dir.path().join("evil.json");
    std::fs::write(
        &catalog,
        r#"{"schema":1,"vendor":{"id":"evil","name":"Evil"},"edition":{"id":"1"},"entries":[{"code":"E\u001b]0;pwned\u00071","message":"m"}]}"#,
    )
    .unwrap();
    let command = format!("{BIN} --catalog {} --vendor evil", catalog.display());
    let t = Tmux::start(
        "hostile-copy",
        100,
        30,
        &[("DISPLAY", ""), ("WAYLAND_DISPLAY", "")],
        &command,
    );
    t.wait_text("1/1");
    let title = t.format("#{pane_title}");
    t.keys(&["c"]);
    let s = t.wait_text("via OSC 52");
    assert!(s.contains("2 control characters removed"), "{s}");
    let buffer = String::from_utf8_lossy(&t.cmd(&["show-buffer"]).stdout).into_owned();
    assert_eq!(buffer, "E]0;pwned1");
    assert_eq!(t.format("#{pane_title}"), title);
    t.keys(&["q"]);
    assert!(t.wait_exit().contains("[exited 0]"));
}

#[test]
fn the_paste_panel_at_60x15_wraps_scrolls_picks_with_tab_and_keeps_the_paste_across_resizes() {
    let t = Tmux::start("paste-60x15", 100, 30, &[], BIN);
    t.wait_text("PIXNET");
    let text = format!(
        "{}\n{}",
        r#"{"error":1,"code":1302,"message":"Exceed Anonymous Rate Limit","request_id":"0123456789abcdef0123456789abcdef0123456789abcdef"}"#,
        r#"{"ErrorCode":60003,"ErrorInfo":"x","ActionStatus":"FAIL"}"#
    );
    let buf = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(buf.path(), &text).unwrap();
    t.cmd(&["load-buffer", "-b", "p", buf.path().to_str().unwrap()]);
    t.cmd(&["paste-buffer", "-p", "-b", "p", "-t", "0"]);
    t.wait_text("▶ pixnet 1302");
    t.resize(60, 15);
    // The long line wraps from its start; the decoded pane says more is below.
    let s = t.wait_for("the panel at 60x15", |s| {
        s.contains("↓") && s.contains("more") && s.lines().count() <= 15
    });
    assert!(s.contains(r#"│{"error":1,"code":1302"#), "{s}");
    assert!(!s.contains("Ctrl-↑↓"), "{s}");
    // Tab picks the next error; Ctrl-U and Shift-↑/↓ scroll, as in the detail pane.
    t.keys(&["Tab"]);
    t.wait_text("▶ tencent-im 60003");
    t.keys(&["C-u", "C-u", "C-u", "C-u"]);
    t.wait_text("│  pixnet 1302");
    t.keys(&["S-Down"]);
    t.wait_for("a row down", |s| !s.contains("│  pixnet 1302"));
    t.resize(100, 30);
    let s = t.wait_for("the panel back at 100x30", |s| {
        s.contains("▶ tencent-im 60003") && s.lines().nth(1).unwrap().chars().count() > 60
    });
    assert!(
        s.contains(r#"│{"error":1,"code":1302"#),
        "the paste is whole:\n{s}"
    );
    t.keys(&["Escape", "q"]);
    assert!(t.wait_exit().contains("[exited 0]"));
}

/// The colours of the focused pane's frame: the light palette draws it in blue (tmux writes
/// 38;5;4), the dark one in bright blue (38;5;12).
fn palette_shown(t: &Tmux) -> &'static str {
    let shown = String::from_utf8_lossy(&t.cmd(&["capture-pane", "-e", "-p", "-t", "0"]).stdout)
        .into_owned();
    match (shown.contains("[38;5;4m"), shown.contains("[38;5;12m")) {
        (true, false) => "light",
        (false, true) => "dark",
        _ => panic!("neither palette, or both: {shown:?}"),
    }
}

#[test]
fn the_theme_follows_the_terminal_s_background_unless_the_config_or_a_flag_says() {
    // COLORFGBG says light (foreground 0 on background 15).
    let t = Tmux::start("bg-colorfgbg", 100, 30, &[("COLORFGBG", "'0;15'")], BIN);
    t.wait_text("PIXNET");
    assert_eq!(palette_shown(&t), "light");
    t.keys(&["q"]);
    assert!(t.wait_exit().contains("[exited 0]"));
    // No COLORFGBG: the terminal's answer to OSC 11 (tmux answers with the pane's background).
    let white = "set -g window-style bg=colour15\n";
    let t = Tmux::start_with("bg-osc11", 100, 30, &[], BIN, white);
    t.wait_text("PIXNET");
    assert_eq!(palette_shown(&t), "light");
    // The answer was not taken for keys: the first key typed is the first key read.
    t.keys(&["j"]);
    t.wait_for("the second row", |s| s.contains(" 2/"));
    assert!(!t.screen().contains("[11;rgb"), "{}", t.screen());
    t.keys(&["q"]);
    assert!(t.wait_exit().contains("[exited 0]"));
    // A terminal that does not say (a detached tmux answers DA1 only): dark, at once.
    let t = Tmux::start("bg-silent", 100, 30, &[], BIN);
    t.wait_text("PIXNET");
    assert_eq!(palette_shown(&t), "dark");
    t.keys(&["q"]);
    assert!(t.wait_exit().contains("[exited 0]"));
    // The config file and the flag win over the terminal.
    let config = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(config.path().join("errdex")).unwrap();
    std::fs::write(
        config.path().join("errdex/config.toml"),
        "theme = \"dark\"\n",
    )
    .unwrap();
    let home = config.path().to_str().unwrap();
    let t = Tmux::start_with(
        "bg-config",
        100,
        30,
        &[("XDG_CONFIG_HOME", home)],
        BIN,
        white,
    );
    t.wait_text("PIXNET");
    assert_eq!(palette_shown(&t), "dark");
    t.keys(&["q"]);
    assert!(t.wait_exit().contains("[exited 0]"));
    let command = format!("{BIN} --theme dark");
    let t = Tmux::start("bg-flag", 100, 30, &[("COLORFGBG", "'0;15'")], &command);
    t.wait_text("PIXNET");
    assert_eq!(palette_shown(&t), "dark");
    t.keys(&["q"]);
    assert!(t.wait_exit().contains("[exited 0]"));
}

/// What the fake browser wrote to `opened` once it ran (it runs apart from errdex: wait for it).
fn what_the_browser_got(opened: &Path) -> String {
    let start = Instant::now();
    loop {
        let got = std::fs::read_to_string(opened).unwrap_or_default();
        if !got.is_empty() {
            return got;
        }
        assert!(start.elapsed() < Duration::from_secs(20), "the browser ran");
        sleep(Duration::from_millis(50));
    }
}
