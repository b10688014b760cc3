//! `errdex lsp` driven by a real editor: Neovim, headless, with a minimal init.lua
//! (tests/fixtures/lsp/nvim/init.lua) that attaches the server and runs a plan of requests on
//! real files in Go, TypeScript, Python and Rust and on a log. Debian's `neovim` (0.7 or later)
//! is needed; `scripts/test.sh` installs it.

use serde_json::{Value, json};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/lsp");

/// A request of the plan: what, where (the first occurrence of `needle` plus `offset`).
struct Ask {
    id: String,
    method: &'static str,
    at: Option<(&'static str, usize)>,
    apply: Option<&'static str>,
}

fn hover(id: &str, needle: &'static str, offset: usize) -> Ask {
    Ask {
        id: id.into(),
        method: "textDocument/hover",
        at: Some((needle, offset)),
        apply: None,
    }
}

fn hints(id: &str) -> Ask {
    Ask {
        id: id.into(),
        method: "textDocument/inlayHint",
        at: None,
        apply: None,
    }
}

fn actions(id: &str, needle: &'static str, apply: Option<&'static str>) -> Ask {
    Ask {
        id: id.into(),
        method: "textDocument/codeAction",
        at: Some((needle, 1)),
        apply,
    }
}

fn position(text: &str, needle: &str, offset: usize) -> (usize, usize) {
    let at = text
        .find(needle)
        .unwrap_or_else(|| panic!("`{needle}` is not in the file"));
    let line = text[..at].matches('\n').count();
    let start = text[..at].rfind('\n').map_or(0, |p| p + 1);
    (line, text[start..at].encode_utf16().count() + offset)
}

/// Copies the fixtures into a folder of their own, runs Neovim on the plan, and returns each
/// request's answer by id.
fn run(
    root_setting: Option<&str>,
    plan: Vec<(&str, Vec<Ask>)>,
) -> (HashMap<String, Value>, PathBuf, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("project");
    std::fs::create_dir_all(&root).unwrap();
    if let Some(text) = root_setting {
        std::fs::write(root.join(".errdex.toml"), text).unwrap();
    }
    let mut files = Vec::new();
    for (name, asks) in plan {
        let text = std::fs::read_to_string(Path::new(FIXTURES).join(name)).unwrap();
        let path = root.join(name);
        std::fs::write(&path, &text).unwrap();
        let requests: Vec<Value> = asks
            .iter()
            .map(|a| {
                let (line, character) = a.at.map_or((0, 0), |(n, o)| position(&text, n, o));
                json!({"id": a.id, "method": a.method, "line": line, "character": character, "apply": a.apply})
            })
            .collect();
        files.push(json!({"path": path, "requests": requests}));
    }
    let plan_path = dir.path().join("plan.json");
    let out_path = dir.path().join("out.json");
    std::fs::write(
        &plan_path,
        json!({"root": root, "files": files}).to_string(),
    )
    .unwrap();
    let state = dir.path().join("state");
    let mut child = Command::new("nvim")
        .args(["--headless", "-n", "-i", "NONE", "-u"])
        .arg(Path::new(FIXTURES).join("nvim/init.lua"))
        .env("ERRDEX_BIN", env!("CARGO_BIN_EXE_errdex"))
        .env("ERRDEX_PLAN", &plan_path)
        .env("ERRDEX_OUT", &out_path)
        .env("XDG_CONFIG_HOME", &state)
        .env("XDG_DATA_HOME", &state)
        .env("XDG_STATE_HOME", &state)
        .env("XDG_CACHE_HOME", &state)
        .env_remove("ERRDEX_CONFIG")
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("nvim (Debian's `neovim`; scripts/test.sh installs it)");
    let start = Instant::now();
    loop {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        if start.elapsed() > Duration::from_secs(180) {
            let _ = child.kill();
            panic!("nvim did not finish the plan");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let out: Vec<Value> =
        serde_json::from_str(&std::fs::read_to_string(&out_path).expect("nvim wrote its answers"))
            .unwrap();
    let answers = out
        .into_iter()
        .map(|a| (a["id"].as_str().unwrap().to_string(), a))
        .collect();
    (answers, root, dir)
}

fn markdown<'a>(answers: &'a HashMap<String, Value>, id: &str) -> Option<&'a str> {
    let a = &answers[id];
    assert!(a["error"].is_null(), "{id}: {a}");
    a["result"]["contents"]["value"].as_str()
}

fn hint_labels(answers: &HashMap<String, Value>, id: &str) -> Vec<(u64, String)> {
    answers[id]["result"]
        .as_array()
        .unwrap_or_else(|| panic!("{id}: {}", answers[id]))
        .iter()
        .map(|h| {
            (
                h["position"]["line"].as_u64().unwrap(),
                h["label"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn titles(answers: &HashMap<String, Value>, id: &str) -> Vec<String> {
    answers[id]["result"]
        .as_array()
        .unwrap_or_else(|| panic!("{id}: {}", answers[id]))
        .iter()
        .map(|a| a["title"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn neovim_hovers_hints_and_actions_on_real_files() {
    let (answers, root, _dir) = run(
        Some("vendors = [\"pixnet\"]\n"),
        vec![
            (
                "client.go",
                vec![
                    hover("go-60007", "60007", 2),
                    hover("go-arm", "60011", 0),
                    hover("go-429", "429", 1),
                    hover("go-exit", "75)", 0),
                    hover("go-loop", "1000", 1),
                    hover("go-sleep", "500", 1),
                    hover("go-port", "8080", 1),
                    hints("go-hints"),
                    actions(
                        "go-actions",
                        "60007",
                        Some("Insert Tencent Cloud IM's enum"),
                    ),
                ],
            ),
            (
                "client.ts",
                vec![
                    hover("ts-404", "404)", 1),
                    hover("ts-1302", "1302", 1),
                    hover("ts-econn", "ECONNREFUSED", 3),
                    hover("ts-loop", "404;", 1),
                    hover("ts-timeout", "3000", 1),
                    hover("ts-port", "8443", 1),
                    hints("ts-hints"),
                ],
            ),
            (
                "client.py",
                vec![
                    hover("py-grant", "invalid_grant", 2),
                    hover("py-400", "400", 1),
                    hover("py-guo", "data_validation_failed", 4),
                    hover("py-year", "2024", 1),
                    hover("py-timeout", "30)", 0),
                    hints("py-hints"),
                    actions(
                        "py-actions",
                        "data_validation_failed",
                        Some("Insert Guo-Guo's enum"),
                    ),
                ],
            ),
            (
                "client.rs",
                vec![
                    hover("rs-1302", "1302 =>", 1),
                    hover("rs-503", "503", 1),
                    hover("rs-limit", "1302;", 1),
                    hover("rs-size", "4096", 1),
                    actions("rs-actions", "1302 =>", Some("Insert PIXNET's enum")),
                ],
            ),
            (
                "app.log",
                vec![
                    hover("log-1302", "1302", 1),
                    hover("log-grpc", "Unavailable", 2),
                    hover("log-refused", "connection refused", 3),
                    hover("log-ok", "200", 1),
                    hover("log-time", "10:00:00", 1),
                    hover("log-retry", "1302ms", 1),
                    hints("log-hints"),
                ],
            ),
        ],
    );

    // Go: the envelope's keys in the file (ErrorCode, ActionStatus, ErrorInfo) choose Tencent.
    let h = markdown(&answers, "go-60007").expect("a hover on 60007");
    assert!(
        h.contains("**Tencent Cloud IM** `tencent-im` `60007`"),
        "{h}"
    );
    assert!(
        h.contains("kind `rate_limit`") && h.contains("retry `backoff`"),
        "{h}"
    );
    assert!(h.contains("[source](https://"), "{h}");
    let h = markdown(&answers, "go-arm").expect("a hover on the arm");
    assert!(
        h.contains("`tencent-im` `60011`") && h.contains("switch over `ErrorCode`"),
        "{h}"
    );
    assert!(
        markdown(&answers, "go-429")
            .unwrap()
            .contains("`http` `429`")
    );
    assert!(
        markdown(&answers, "go-exit")
            .unwrap()
            .contains("`EX_TEMPFAIL`")
    );
    for id in ["go-loop", "go-sleep", "go-port"] {
        assert_eq!(markdown(&answers, id), None, "{id}");
    }
    let go_hints = hint_labels(&answers, "go-hints");
    assert!(
        go_hints
            .iter()
            .any(|(l, h)| *l == 21 && h == "RestApiCallsRateLimit"),
        "{go_hints:?}"
    );
    assert!(
        go_hints.iter().any(|(_, h)| h == "TooManyRequests"),
        "{go_hints:?}"
    );
    assert!(go_hints.iter().all(|(_, h)| h != "8080"));
    assert_eq!(
        answers["go-actions"]["applied"].as_str(),
        Some("Insert Tencent Cloud IM's enum (TencentImError)"),
        "{}",
        answers["go-actions"]
    );
    let go = std::fs::read_to_string(root.join("client.go")).unwrap();
    assert!(
        go.contains("type TencentImError int") && go.starts_with("package main\n"),
        "{go}"
    );
    assert_eq!(go.matches("package ").count(), 1, "{go}");
    let cache = root.join("gocache");
    let built = Command::new("go")
        .current_dir(&root)
        .args(["build", "-o", "client-go", "client.go"])
        .env("GOCACHE", &cache)
        .env("GOPATH", root.join("gopath"))
        .env("GOPROXY", "off")
        .env("GOTOOLCHAIN", "local")
        .env("GO111MODULE", "off")
        .output()
        .expect("go (Debian's golang-go)");
    assert!(
        built.status.success(),
        "{}",
        String::from_utf8_lossy(&built.stderr)
    );

    // TypeScript: `.errdex.toml` names PIXNET, so 1302 is PIXNET's; 404 on `status` is HTTP's.
    let h = markdown(&answers, "ts-404").unwrap();
    assert!(h.contains("`http` `404`") && !h.contains("pixnet"), "{h}");
    let h = markdown(&answers, "ts-1302").unwrap();
    assert!(
        h.contains("**PIXNET** `pixnet` `1302`") && h.contains(".errdex.toml"),
        "{h}"
    );
    assert!(!h.contains("mysql"), "{h}");
    let h = markdown(&answers, "ts-econn").unwrap();
    assert!(h.contains("`ECONNREFUSED`") && h.contains("`errno`"), "{h}");
    for id in ["ts-loop", "ts-timeout", "ts-port"] {
        assert_eq!(markdown(&answers, id), None, "{id}");
    }
    let ts_hints = hint_labels(&answers, "ts-hints");
    assert!(
        ts_hints.contains(&(8, "ExceedAnonymousRateLimit".into())),
        "{ts_hints:?}"
    );

    // Python: a subscript key (`["error"]`) and a match over `result_code`.
    assert!(
        markdown(&answers, "py-grant")
            .unwrap()
            .contains("`oauth` `invalid_grant`")
    );
    assert!(
        markdown(&answers, "py-400")
            .unwrap()
            .contains("`http` `400`")
    );
    let h = markdown(&answers, "py-guo").unwrap();
    assert!(h.contains("`guo-guo` `data_validation_failed`"), "{h}");
    for id in ["py-year", "py-timeout"] {
        assert_eq!(markdown(&answers, id), None, "{id}");
    }
    assert_eq!(
        answers["py-actions"]["applied"].as_str(),
        Some("Insert Guo-Guo's enum (GuoGuoError)"),
        "{}",
        answers["py-actions"]
    );
    let compiled = Command::new("python3")
        .args(["-m", "py_compile"])
        .arg(root.join("client.py"))
        .output()
        .unwrap();
    assert!(
        compiled.status.success(),
        "{}",
        String::from_utf8_lossy(&compiled.stderr)
    );
    let py_hints = hint_labels(&answers, "py-hints");
    assert!(
        py_hints
            .iter()
            .any(|(_, h)| h == "ServiceUnavailable" || h == "SERVICE_UNAVAILABLE"),
        "{py_hints:?}"
    );

    // Rust: a match over `code`, PIXNET by the workspace setting.
    assert!(
        markdown(&answers, "rs-1302")
            .unwrap()
            .contains("`pixnet` `1302`")
    );
    assert!(
        markdown(&answers, "rs-503")
            .unwrap()
            .contains("`http` `503`")
    );
    for id in ["rs-limit", "rs-size"] {
        assert_eq!(markdown(&answers, id), None, "{id}");
    }
    let rs_titles = titles(&answers, "rs-actions");
    assert!(
        rs_titles.iter().any(|t| t == "Show every catalog's 1302"),
        "{rs_titles:?}"
    );
    let rs = std::fs::read_to_string(root.join("client.rs")).unwrap();
    assert!(rs.contains("pub enum PixnetError {"), "{rs}");
    let built = Command::new("rustc")
        .args([
            "--edition",
            "2021",
            "--crate-type",
            "lib",
            "-A",
            "warnings",
            "-o",
        ])
        .arg(root.join("client.rlib"))
        .arg(root.join("client.rs"))
        .output()
        .unwrap();
    assert!(
        built.status.success(),
        "{}",
        String::from_utf8_lossy(&built.stderr)
    );

    // The log: what the decoder identifies, where it is on the line; nothing else.
    let h = markdown(&answers, "log-1302").unwrap();
    assert!(
        h.contains("`pixnet` `1302`") && h.contains("identified by the decoder"),
        "{h}"
    );
    assert!(
        markdown(&answers, "log-grpc")
            .unwrap()
            .contains("`grpc` `14`")
    );
    assert!(
        markdown(&answers, "log-refused")
            .unwrap()
            .contains("`ECONNREFUSED`")
    );
    for id in ["log-ok", "log-time", "log-retry"] {
        assert_eq!(markdown(&answers, id), None, "{id}");
    }
    let log_hints = hint_labels(&answers, "log-hints");
    assert_eq!(
        log_hints,
        [
            (1, "ExceedAnonymousRateLimit".to_string()),
            (2, "14".to_string()),
            (3, "ECONNREFUSED".to_string())
        ]
    );
}
