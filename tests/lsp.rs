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
        let home = tempfile::tempdir().unwrap();
        let mut child = Command::new(env!("CARGO_BIN_EXE_errdex"))
            .args(["lsp", "--no-user-catalogs"])
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
