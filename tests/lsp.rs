//! `errdex lsp` through the real binary over stdio, as an editor drives it: the lifecycle, what
//! malformed input gets (an error, never a crash), and hovers, inlay hints and code actions on
//! code and logs.

use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

struct Client {
    child: Child,
    stdin: Option<ChildStdin>,
    incoming: Receiver<Value>,
    next_id: i64,
    /// Notifications received while waiting for responses.
    notes: Vec<Value>,
    _home: tempfile::TempDir,
}

fn frame(body: &str) -> Vec<u8> {
    format!("Content-Length: {}\r\n\r\n{body}", body.len()).into_bytes()
}

impl Client {
    fn start() -> Client {
        Client::start_with(&[])
    }

    fn start_with(args: &[&str]) -> Client {
        let home = tempfile::tempdir().unwrap();
        let mut child = Command::new(env!("CARGO_BIN_EXE_errdex"))
            .args(["lsp", "--no-user-catalogs"])
            .args(args)
            .env("XDG_CONFIG_HOME", home.path())
            .env_remove("ERRDEX_CONFIG")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let mut r = BufReader::new(stdout);
            loop {
                let mut length = 0usize;
                loop {
                    let mut line = String::new();
                    if r.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    let line = line.trim_end();
                    if line.is_empty() {
                        break;
                    }
                    if let Some(n) = line.strip_prefix("Content-Length: ") {
                        length = n.parse().unwrap();
                    }
                }
                let mut body = vec![0; length];
                if r.read_exact(&mut body).is_err() {
                    return;
                }
                if tx.send(serde_json::from_slice(&body).unwrap()).is_err() {
                    return;
                }
            }
        });
        Client {
            stdin: child.stdin.take(),
            child,
            incoming: rx,
            next_id: 1,
            notes: Vec::new(),
            _home: home,
        }
    }

    fn send_raw(&mut self, bytes: &[u8]) {
        let stdin = self.stdin.as_mut().unwrap();
        stdin.write_all(bytes).unwrap();
        stdin.flush().unwrap();
    }

    fn send(&mut self, message: Value) {
        let mut m = message;
        m["jsonrpc"] = json!("2.0");
        self.send_raw(&frame(&m.to_string()));
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"method": method, "params": params}));
    }

    /// The next message that is not a notification.
    fn response(&mut self) -> Value {
        loop {
            let m = self
                .incoming
                .recv_timeout(Duration::from_secs(60))
                .expect("a response in time");
            if m.get("method").is_some() {
                self.notes.push(m);
                continue;
            }
            return m;
        }
    }

    fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(json!({"id": id, "method": method, "params": params}));
        let r = self.response();
        assert_eq!(r["id"], json!(id), "{r}");
        r
    }

    fn initialize(&mut self, root: Option<&str>, options: Value) -> Value {
        let r = self.request(
            "initialize",
            json!({"processId": null, "rootUri": root, "capabilities": {}, "initializationOptions": options}),
        );
        self.notify("initialized", json!({}));
        r
    }

    fn open(&mut self, uri: &str, language: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": language, "version": 1, "text": text}}),
        );
    }

    /// The hover's Markdown at the first occurrence of `needle` (plus `offset` characters) in
    /// `text`; `None` when the server answers null.
    fn hover(&mut self, uri: &str, text: &str, needle: &str, offset: usize) -> Option<String> {
        let (line, character) = position(text, needle, offset);
        let r = self.request(
            "textDocument/hover",
            json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": character}}),
        );
        assert!(r.get("error").is_none(), "{r}");
        let value = r["result"]["contents"]["value"].as_str()?;
        Some(value.to_string())
    }

    fn shutdown_and_exit(mut self) -> i32 {
        let r = self.request("shutdown", Value::Null);
        assert_eq!(r["result"], Value::Null, "{r}");
        self.notify("exit", Value::Null);
        drop(self.stdin.take());
        wait(&mut self.child)
    }
}

fn wait(child: &mut Child) -> i32 {
    for _ in 0..600 {
        if let Some(status) = child.try_wait().unwrap() {
            return status.code().unwrap_or(-1);
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    child.kill().unwrap();
    panic!("the server did not exit");
}

/// (line, UTF-16 character) of `needle`'s first occurrence plus `offset` characters.
fn position(text: &str, needle: &str, offset: usize) -> (usize, usize) {
    let at = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle} not in the text"));
    let line = text[..at].matches('\n').count();
    let start = text[..at].rfind('\n').map_or(0, |p| p + 1);
    let character = text[start..at].encode_utf16().count() + offset;
    (line, character)
}

impl Drop for Client {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn the_lifecycle_and_malformed_input() {
    let mut c = Client::start();
    // Before initialize: an error, not an answer.
    let early = c.request("textDocument/hover", json!({}));
    assert_eq!(early["error"]["code"], json!(-32002), "{early}");
    let init = c.initialize(None, Value::Null);
    let caps = &init["result"]["capabilities"];
    assert_eq!(caps["hoverProvider"], json!(true), "{init}");
    assert_eq!(caps["inlayHintProvider"], json!(true));
    assert_eq!(caps["textDocumentSync"]["change"], json!(2));
    assert_eq!(init["result"]["serverInfo"]["name"], json!("errdex"));

    // Not JSON: a parse error with a null id; the server reads on.
    c.send_raw(&frame("{\"jsonrpc\": \"2.0\", \"id\": 5, \"method\": "));
    let parse = c.response();
    assert_eq!(parse["error"]["code"], json!(-32700), "{parse}");
    assert_eq!(parse["id"], Value::Null);
    // JSON, but no message: invalid request, with its id.
    c.send_raw(&frame(r#"{"jsonrpc":"2.0","id":6,"params":[]}"#));
    let invalid = c.response();
    assert_eq!(
        (invalid["error"]["code"].clone(), invalid["id"].clone()),
        (json!(-32600), json!(6)),
        "{invalid}"
    );
    // Header junk, then a claimed length beyond the limit: answered, and skipped.
    c.send_raw(b"this is not a header\r\n\r\n");
    assert_eq!(c.response()["error"]["code"], json!(-32700));
    // Bad params for a known method, and an unknown method.
    let bad = c.request("textDocument/hover", json!({"textDocument": 5}));
    assert_eq!(bad["error"]["code"], json!(-32602), "{bad}");
    let unknown = c.request("textDocument/frobnicate", json!({}));
    assert_eq!(unknown["error"]["code"], json!(-32601), "{unknown}");
    // A hover on a document never opened: null.
    let none = c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": "file:///nowhere.go"}, "position": {"line": 0, "character": 0}}),
    );
    assert_eq!(none["result"], Value::Null, "{none}");
    // Still serving.
    let uri = "file:///tmp/x/main.go";
    let text = "package main\n\nfunc f(resp Resp) {\n\tif resp.ErrorCode == 60007 {\n\t}\n}\n";
    c.open(uri, "go", text);
    let hover = c.hover(uri, text, "60007", 2).expect("a hover on 60007");
    assert!(hover.contains("**Tencent"), "{hover}");
    assert_eq!(c.shutdown_and_exit(), 0);
}

#[test]
fn exit_without_shutdown_is_exit_code_1_and_requests_after_shutdown_are_refused() {
    let mut c = Client::start();
    c.initialize(None, Value::Null);
    c.notify("exit", Value::Null);
    assert_eq!(wait(&mut c.child), 1);

    let mut c = Client::start();
    c.initialize(None, Value::Null);
    assert_eq!(c.request("shutdown", Value::Null)["result"], Value::Null);
    let late = c.request("textDocument/hover", json!({}));
    assert_eq!(late["error"]["code"], json!(-32600), "{late}");
    c.notify("exit", Value::Null);
    assert_eq!(wait(&mut c.child), 0);
}

#[test]
fn the_end_of_the_input_ends_the_server() {
    let mut c = Client::start();
    c.initialize(None, Value::Null);
    drop(c.stdin.take());
    assert_eq!(wait(&mut c.child), 1);
}

fn uri_of(path: &std::path::Path) -> String {
    format!("file://{}", path.display())
}

#[test]
fn codes_in_context_and_nothing_else() {
    let mut c = Client::start();
    c.initialize(None, Value::Null);
    let uri = "file:///w/app.ts";
    let text = "\
const port = 8080;
for (let i = 0; i < 1302; i++) { await sleep(1302); }
const size = buf.length > 4096;
if (year === 2024 || ts === 1700000000) {}
if (res.status === 503) {}
if (res.status === 3) {}
if (err.code === 'ETIMEDOUT') {}
const e = body.errcode == 1302;
if (orderStatus == 404) {}
";
    c.open(uri, "typescript", text);
    for (needle, offset) in [
        ("8080", 1),
        ("1302;", 1),
        ("1302)", 1),
        ("4096", 1),
        ("2024", 1),
        ("1700000000", 3),
        ("=== 3)", 4),
        ("404)", 1),
    ] {
        assert_eq!(c.hover(uri, text, needle, offset), None, "{needle}");
    }
    let h = c.hover(uri, text, "503", 1).unwrap();
    assert!(
        h.contains("`http` `503`") && h.contains("compared with or set as `status`"),
        "{h}"
    );
    let h = c.hover(uri, text, "ETIMEDOUT", 2).unwrap();
    assert!(h.contains("`ETIMEDOUT`") && h.contains("`errno`"), "{h}");
    // No evidence: every catalog with 1302, each named, and the hover says so.
    let h = c.hover(uri, text, "1302;\n", 1).unwrap();
    for id in ["`pixnet`", "`mysql`", "`win32`"] {
        assert!(h.contains(id), "{id}: {h}");
    }
    assert!(h.contains("3 catalogs have `1302`"), "{h}");
    // Hints are off unless asked for.
    let hints = c.request(
        "textDocument/inlayHint",
        json!({"textDocument": {"uri": uri}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 99, "character": 0}}}),
    );
    assert_eq!(hints["result"], json!([]), "{hints}");
}

#[test]
fn the_workspace_setting_and_the_file_choose_the_vendor() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(".errdex.toml"), "vendors = [\"pixnet\"]\n").unwrap();
    let mut c = Client::start();
    c.initialize(Some(&uri_of(dir.path())), json!({"inlayHints": true}));
    let inside = uri_of(&dir.path().join("src/client.go"));
    let text = "package x\n\nfunc f() {\n\tif resp.Code == 1302 {\n\t}\n}\n";
    c.open(&inside, "go", text);
    let h = c.hover(&inside, text, "1302", 1).unwrap();
    assert!(
        h.starts_with("**PIXNET** `pixnet` `1302`") && !h.contains("mysql"),
        "{h}"
    );
    assert!(h.contains("`.errdex.toml` names"), "{h}");
    // Outside the folder the setting does not hold.
    let outside = "file:///elsewhere/client.go";
    c.open(outside, "go", text);
    assert!(
        c.hover(outside, text, "1302", 1)
            .unwrap()
            .contains("`mysql`")
    );
    // An enum errdex wrote in the file: its vendor, and its members hover.
    let rust = "use crate::TencentImError;\n\nfn f(code: i64) -> bool {\n    code == 60011 || TencentImError::from_code(code) == Some(TencentImError::RestApiCallsRateLimit)\n}\n";
    c.open("file:///elsewhere/lib.rs", "rust", rust);
    let h = c
        .hover("file:///elsewhere/lib.rs", rust, "60011", 1)
        .unwrap();
    assert!(
        h.contains("`tencent-im` `60011`") && h.contains("`TencentImError` in this file"),
        "{h}"
    );
    let h = c
        .hover("file:///elsewhere/lib.rs", rust, "RestApiCallsRateLimit", 3)
        .unwrap();
    assert!(
        h.contains("`tencent-im` `60007`") && h.contains("a member of `TencentImError`"),
        "{h}"
    );
    // A JSON fixture whose body the decoder names a vendor for.
    let fixture = "{\n  \"error\": 1,\n  \"code\": 1302,\n  \"message\": \"Exceed Anonymous Rate Limit\"\n}\n";
    c.open("file:///elsewhere/fixture.json", "json", fixture);
    let h = c
        .hover("file:///elsewhere/fixture.json", fixture, "1302", 1)
        .unwrap();
    assert!(
        h.contains("`pixnet` `1302`") && h.contains("a PIXNET error body in this file"),
        "{h}"
    );
    let hints = c.request(
        "textDocument/inlayHint",
        json!({"textDocument": {"uri": "file:///elsewhere/fixture.json"}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 9, "character": 0}}}),
    );
    assert_eq!(
        hints["result"][0]["label"],
        json!("ExceedAnonymousRateLimit"),
        "{hints}"
    );
    assert_eq!(
        hints["result"][0]["position"],
        json!({"line": 2, "character": 14}),
        "{hints}"
    );
}

#[test]
fn edits_keep_the_document_in_step() {
    let mut c = Client::start();
    c.initialize(None, Value::Null);
    let uri = "file:///w/main.py";
    c.open(uri, "python", "x = 1\n");
    assert_eq!(c.hover(uri, "x = 1\n", "1", 0), None);
    // Type `resp.status_code == 429` over `x = 1`, in two edits as an editor sends them.
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [
            {"range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 5}}, "text": "if resp.status_code == 42"},
            {"range": {"start": {"line": 0, "character": 25}, "end": {"line": 0, "character": 25}}, "text": "9:\n    pass"}
        ]}),
    );
    let text = "if resp.status_code == 429:\n    pass\n";
    let h = c.hover(uri, text, "429", 1).unwrap();
    assert!(h.contains("`http` `429`"), "{h}");
    c.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": uri}}),
    );
    assert_eq!(c.hover(uri, text, "429", 1), None);
}

#[test]
fn catalog_text_never_reaches_the_editor_raw() {
    let dir = tempfile::tempdir().unwrap();
    let catalog = dir.path().join("hostile.json");
    std::fs::write(
        &catalog,
        json!({
            "schema": 1,
            "vendor": {"id": "hostile", "name": "Hostile\u{1b}]0;pwned\u{7}"},
            "edition": {"id": "1", "source": "javascript:alert(1)"},
            "entries": [{"code": "987654", "message": "a [link](https://evil.test) <img src=x> \u{1b}[2J *bold*", "summary_en": "line\nbreak \u{9b}31m"}]
        })
        .to_string(),
    )
    .unwrap();
    let mut c = Client::start_with(&["--catalog", catalog.to_str().unwrap()]);
    c.initialize(None, Value::Null);
    let text = "if err.code == 987654 {}";
    c.open("file:///w/a.go", "go", text);
    let h = c.hover("file:///w/a.go", text, "987654", 1).unwrap();
    assert!(!h.chars().any(|ch| ch.is_control() && ch != '\n'), "{h:?}");
    assert!(h.contains("Hostile␛\\]0;pwned␇"), "{h}");
    assert!(
        h.contains("a \\[link\\](https://evil.test) \\<img src=x\\> ␛\\[2J \\*bold\\*"),
        "{h}"
    );
    // Markdown shows `\\u{9b}` as `\u{9b}`: the C1 control made visible.
    assert!(h.contains(r"line␊break \\u{9b}31m"), "{h}");
    assert!(!h.contains("javascript:"), "{h}");
}

#[test]
fn code_actions_and_the_command_they_run() {
    let mut c = Client::start();
    c.initialize(None, Value::Null);
    let uri = "file:///w/pixnet.go";
    let text = "package main\n\nimport \"fmt\"\n\n// PixnetError comes from errdex.\nfunc check(code int) {\n\tif code == 1302 {\n\t\tfmt.Println(PixnetExceedAnonymousRateLimit)\n\t}\n}\n";
    c.open(uri, "go", text);
    let (line, character) = position(text, "1302", 1);
    let r = c.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": {"start": {"line": line, "character": character}, "end": {"line": line, "character": character}}, "context": {"diagnostics": []}}),
    );
    let actions = r["result"].as_array().unwrap();
    let titles: Vec<&str> = actions
        .iter()
        .map(|a| a["title"].as_str().unwrap())
        .collect();
    assert_eq!(
        titles,
        [
            "Insert the match arm for PIXNET 1302",
            "Show every catalog's 1302"
        ],
        "{r}"
    );
    let edit = &actions[0]["edit"]["changes"][uri][0];
    assert_eq!(
        edit["newText"],
        json!(
            "\tcase 1302:\n\t\treturn PixnetExceedAnonymousRateLimit, true // Exceed Anonymous Rate Limit\n"
        )
    );
    assert_eq!(edit["range"]["start"], json!({"line": 7, "character": 0}));
    let command = &actions[1]["command"];
    let shown = c.request(
        "workspace/executeCommand",
        json!({"command": command["command"], "arguments": command["arguments"]}),
    );
    let listing = shown["result"].as_str().unwrap();
    assert!(
        listing.starts_with("3 entries have 1302:\npixnet 1302"),
        "{listing}"
    );
    assert!(
        c.notes.iter().any(
            |n| n["method"] == "window/showMessage" && n["params"]["message"] == json!(listing)
        )
    );
    let bad = c.request(
        "workspace/executeCommand",
        json!({"command": "errdex.rm", "arguments": []}),
    );
    assert_eq!(bad["error"]["code"], json!(-32602));
}

/// The fenced blocks of `lang` in docs/editors.md's section `heading`, in order.
fn documented_blocks(heading: &str, lang: &str) -> Vec<String> {
    let doc =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/editors.md")).unwrap();
    let section = doc
        .split("\n## ")
        .find(|s| s.starts_with(heading))
        .unwrap_or_else(|| panic!("docs/editors.md has no section {heading}"));
    let fence = format!("```{lang}\n");
    section
        .split(fence.as_str())
        .skip(1)
        .map(|b| b[..b.find("```").unwrap()].to_string())
        .collect()
}

/// A TOML text as JSON, read by Python's `tomllib`.
fn toml_as_json(text: &str) -> Value {
    let mut child = Command::new("python3")
        .args([
            "-c",
            "import json, sys, tomllib; print(json.dumps(tomllib.loads(sys.stdin.read())))",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("python3 reads TOML");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(text.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "not TOML:\n{text}");
    serde_json::from_slice(&out.stdout).unwrap()
}

/// The setups docs/editors.md gives for editors the tests cannot run (Helix, VS Code): each
/// names keys the editor reads (Helix's `languages.toml` and `config.toml` fields, the Generic
/// LSP Client extension's settings, as their sources declare them), and the command and
/// initialization options it gives start a server that answers with inlay hints.
#[test]
fn the_documented_helix_and_vs_code_setups_start_errdex_with_hints() {
    let helix = documented_blocks("Helix", "toml");
    let languages = toml_as_json(&helix[0]);
    let server = &languages["language-server"]["errdex"];
    let mut launches = vec![(
        "Helix",
        server["command"].as_str().unwrap().to_string(),
        serde_json::from_value::<Vec<String>>(server["args"].clone()).unwrap(),
        server["config"].clone(),
    )];
    for language in languages["language"].as_array().unwrap() {
        let language = language.as_object().unwrap();
        let servers = language["language-servers"].as_array().unwrap();
        assert!(
            servers.iter().any(|s| s.as_str() == Some("errdex")),
            "{language:?}"
        );
        // A language Helix does not know needs a scope and file types (no defaults for those).
        if language["name"].as_str() == Some("log") {
            assert!(language.contains_key("scope") && language.contains_key("file-types"));
        }
    }
    let config = toml_as_json(&helix[1]);
    assert_eq!(
        config["editor"]["lsp"]["display-inlay-hints"].as_bool(),
        Some(true)
    );

    let vscode: Value = serde_json::from_str(&documented_blocks("VS Code", "json")[0]).unwrap();
    // zsol.vscode-glspc 0.2.0's package.json declares these settings.
    let glspc = [
        "glspc.server.command",
        "glspc.server.commandArguments",
        "glspc.server.languageId",
        "glspc.server.environmentVariables",
        "glspc.server.initializationOptions",
        "glspc.trace.server",
    ];
    for key in vscode.as_object().unwrap().keys() {
        assert!(
            glspc.contains(&key.as_str()) || key == "editor.inlayHints.enabled",
            "{key}"
        );
    }
    launches.push((
        "VS Code",
        vscode["glspc.server.command"].as_str().unwrap().to_string(),
        serde_json::from_value(vscode["glspc.server.commandArguments"].clone()).unwrap(),
        vscode["glspc.server.initializationOptions"].clone(),
    ));

    for (editor, command, args, options) in launches {
        assert_eq!(
            (command.as_str(), args.as_slice()),
            ("errdex", &["lsp".to_string()][..]),
            "{editor}"
        );
        let mut c = Client::start();
        c.initialize(None, options);
        let text = "if res.StatusCode == 429 {\n}\n";
        c.open("file:///w/client.go", "go", text);
        let hints = c.request(
            "textDocument/inlayHint",
            json!({"textDocument": {"uri": "file:///w/client.go"}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 2, "character": 0}}}),
        );
        let labels = hints["result"]
            .as_array()
            .unwrap_or_else(|| panic!("{editor}: {hints}"));
        assert!(
            labels
                .iter()
                .any(|h| h["label"] == json!("TooManyRequests")),
            "{editor}: {hints}"
        );
        assert_eq!(c.shutdown_and_exit(), 0, "{editor}");
    }
}
