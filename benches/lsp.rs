//! `errdex lsp`'s costs against the targets: hover latency on a 5,000-line file (p95
//! under 5 ms), start-up (`initialize` answered within 50 ms of the process starting), and a
//! soak of 100,000 edits with hovers and inlay hints between them, memory flat.
//!
//! `cargo bench --bench lsp`. Hovers and edits run in-process through the server's message
//! handler (what each request costs the server); start-up is timed through the release binary
//! over stdio. Prints each measure and exits 1 when a target is missed.

use errdex::index::Index;
use errdex::lsp::{Server, Step};
use lsp_server::{Message, Notification, Request, RequestId};
use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const URI: &str = "file:///bench/project/client.go";
const LINES: usize = 5000;
const HOVERS: usize = 2000;
const EDITS: usize = 100_000;
const STARTS: usize = 20;

fn main() {
    let mut failed = false;
    failed |= !startup();
    failed |= !hovers();
    failed |= !soak();
    if failed {
        println!("lsp bench: a target was missed");
        std::process::exit(1);
    }
}

/// A Go file of 5,000 lines: codes in contexts errdex reads, and the numbers it must not (loop
/// bounds, ports, sleeps, sizes, years), in the proportions of a real client.
fn go_file() -> String {
    let blocks = [
        "\tif resp.ErrorCode == 60007 {\n\t\treturn errRateLimited\n\t}\n",
        "\tfor i := 0; i < 1000; i++ {\n\t\ttime.Sleep(500 * time.Millisecond)\n\t}\n",
        "\tswitch resp.Code {\n\tcase 1302:\n\t\tretry()\n\tcase 4109:\n\t\treturn nil\n\t}\n",
        "\tport := 8080\n\tbuf := make([]byte, 4096)\n\tyear := 2024\n",
        "\tif res.StatusCode == 429 {\n\t\tos.Exit(75)\n\t}\n",
        "\tif errors.Is(err, \"ECONNREFUSED\") {\n\t\treturn 0x80070005\n\t}\n",
        "\tlog.Printf(\"sent %d bytes to %s\", n, addr)\n\tcount += n\n",
    ];
    let mut text =
        String::from("package main\n\nfunc handle(resp Resp, res *http.Response) error {\n");
    let mut k = 0;
    while text.lines().count() < LINES - 2 {
        text.push_str(blocks[k % blocks.len()]);
        k += 1;
    }
    text.push_str("\treturn nil\n}\n");
    text
}

fn request(id: i32, method: &str, params: Value) -> Message {
    Message::Request(Request::new(RequestId::from(id), method.into(), params))
}

fn notify(method: &str, params: Value) -> Message {
    Message::Notification(Notification::new(method.into(), params))
}

fn ready_server(text: &str, hints: bool) -> Server {
    let mut s = Server::new(Index::embedded);
    s.handle(request(
        1,
        "initialize",
        json!({"capabilities": {}, "initializationOptions": {"inlayHints": hints}}),
    ));
    s.handle(notify("initialized", json!({})));
    s.handle(notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": URI, "languageId": "go", "version": 1, "text": text}}),
    ));
    // The first request waits for the catalogs: not a hover's cost.
    hover(&mut s, 2, 0, 0);
    s.take_outbox();
    s
}

fn hover(s: &mut Server, id: i32, line: usize, character: usize) -> Value {
    s.handle(request(
        id,
        "textDocument/hover",
        json!({"textDocument": {"uri": URI}, "position": {"line": line, "character": character}}),
    ));
    s.take_outbox().pop().unwrap_or(Value::Null)
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

fn report(name: &str, mut times: Vec<Duration>, target: Option<Duration>) -> bool {
    times.sort();
    let (p50, p95, max) = (
        percentile(&times, 0.5),
        percentile(&times, 0.95),
        times[times.len() - 1],
    );
    let ok = target.is_none_or(|t| p95 < t);
    println!(
        "{name:<44} n={:<6} p50 {:>9.3?}  p95 {:>9.3?}  max {:>9.3?}{}",
        times.len(),
        p50,
        p95,
        max,
        target.map_or(String::new(), |t| format!(
            "  (target p95 < {t:?}: {})",
            if ok { "ok" } else { "MISSED" }
        ))
    );
    ok
}

fn hovers() -> bool {
    let text = go_file();
    let lines: Vec<&str> = text.lines().collect();
    let mut s = ready_server(&text, true);
    // Positions on every kind of token: codes, non-codes, names, blanks; spread over the file.
    let mut positions = Vec::new();
    let mut seed = 0x2545F4914F6CDD1Du64;
    while positions.len() < HOVERS {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let n = (seed % lines.len() as u64) as usize;
        let len = lines[n].encode_utf16().count().max(1);
        positions.push((n, (seed >> 32) as usize % len));
    }
    let mut times = Vec::with_capacity(HOVERS);
    let mut answered = 0;
    for (i, &(line, ch)) in positions.iter().enumerate() {
        let t = Instant::now();
        let r = hover(&mut s, 10 + i as i32, line, ch);
        times.push(t.elapsed());
        answered += usize::from(!r["result"].is_null());
    }
    println!("hovers answered with an entry: {answered} of {HOVERS}");
    let mut ok = report(
        "hover, 5,000-line Go file",
        times,
        Some(Duration::from_millis(5)),
    );
    // Hovers on codes only: the full path (scan, resolve, render).
    let on_codes: Vec<(usize, usize)> = lines
        .iter()
        .enumerate()
        .filter_map(|(n, l)| l.find("60007").map(|c| (n, c + 1)))
        .take(500)
        .collect();
    let mut times = Vec::new();
    for (i, &(line, ch)) in on_codes.iter().enumerate() {
        let t = Instant::now();
        let r = hover(&mut s, 5000 + i as i32, line, ch);
        times.push(t.elapsed());
        assert!(!r["result"].is_null(), "a hover on 60007");
    }
    ok &= report(
        "hover on a code, 5,000-line Go file",
        times,
        Some(Duration::from_millis(5)),
    );
    // Inlay hints for a screenful, and for the whole file.
    let mut times = Vec::new();
    for i in 0..200 {
        let first = (i * 97) % (LINES - 60);
        let t = Instant::now();
        s.handle(request(
            9000 + i as i32,
            "textDocument/inlayHint",
            json!({"textDocument": {"uri": URI}, "range": {"start": {"line": first, "character": 0}, "end": {"line": first + 60, "character": 0}}}),
        ));
        times.push(t.elapsed());
        s.take_outbox();
    }
    ok &= report(
        "inlay hints, 60 lines",
        times,
        Some(Duration::from_millis(5)),
    );
    let mut times = Vec::new();
    for i in 0..10 {
        let t = Instant::now();
        s.handle(request(
            9500 + i,
            "textDocument/inlayHint",
            json!({"textDocument": {"uri": URI}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": LINES, "character": 0}}}),
        ));
        times.push(t.elapsed());
        s.take_outbox();
    }
    report("inlay hints, whole 5,000-line file", times, None);
    ok
}

/// Resident memory of this process, in KiB.
fn rss_kib() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

fn soak() -> bool {
    let text = go_file();
    let mut s = ready_server(&text, true);
    let lines = text.lines().count();
    let mut version = 1;
    let mut seed = 0x9E3779B97F4A7C15u64;
    let mut samples = Vec::new();
    let mut hover_times = Vec::new();
    let start = Instant::now();
    for i in 0..EDITS {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let line = (seed % (lines as u64 - 10)) as usize + 3;
        version += 1;
        // Type a character, then take it back: the document keeps its size, as over hours
        // of editing, so memory must too.
        let (range, new) = if i % 2 == 0 {
            (
                json!({"start": {"line": line, "character": 0}, "end": {"line": line, "character": 0}}),
                "x",
            )
        } else {
            (
                json!({"start": {"line": line, "character": 0}, "end": {"line": line, "character": 1}}),
                "",
            )
        };
        let change = if i % 1000 == 999 {
            // Now and then a whole new text (a paste over everything, a reload).
            json!({"text": text})
        } else {
            json!({"range": range, "text": new})
        };
        s.handle(notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": URI, "version": version}, "contentChanges": [change]}),
        ));
        if i % 100 == 0 {
            let t = Instant::now();
            let _ = hover(&mut s, 20_000 + (i / 100) as i32, line, 10);
            hover_times.push(t.elapsed());
            s.handle(request(
                1,
                "textDocument/inlayHint",
                json!({"textDocument": {"uri": URI}, "range": {"start": {"line": line, "character": 0}, "end": {"line": line + 40, "character": 0}}}),
            ));
            s.take_outbox();
        }
        if i % 10_000 == 0 || i == EDITS - 1 {
            samples.push((i + 1, rss_kib()));
        }
    }
    let elapsed = start.elapsed();
    println!(
        "soak: {EDITS} edits with a hover and inlay hints every 100, in {elapsed:.2?} ({:.1} µs an edit on average)",
        elapsed.as_secs_f64() * 1e6 / EDITS as f64
    );
    let shown: Vec<String> = samples
        .iter()
        .map(|(n, kib)| format!("{n}: {:.1} MB", *kib as f64 / 1024.0))
        .collect();
    println!("soak: resident memory after N edits: {}", shown.join(", "));
    // Flat: after the first 10,000 edits (caches filled), within 2 MB.
    let settled = samples.iter().find(|(n, _)| *n > 10_000).map_or(0, |s| s.1);
    let last = samples.last().map_or(0, |s| s.1);
    let growth = last.saturating_sub(settled);
    let flat = growth < 2 * 1024;
    println!(
        "soak: growth after settling {:.2} MB (target < 2 MB: {})",
        growth as f64 / 1024.0,
        if flat { "ok" } else { "MISSED" }
    );
    let hovers_ok = report(
        "hover during the soak",
        hover_times,
        Some(Duration::from_millis(5)),
    );
    let _ = s.handle(notify("exit", Value::Null)) == Step::Exit(1);
    flat && hovers_ok
}

/// `initialize` answered, through the release binary over stdio, from the process's spawn.
fn startup() -> bool {
    let bin = env!("CARGO_BIN_EXE_errdex");
    let home = std::env::temp_dir().join("errdex-lsp-bench-home");
    let _ = std::fs::create_dir_all(&home);
    let body =
        json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}})
            .to_string();
    let mut times = Vec::new();
    let mut first_hover = Vec::new();
    for _ in 0..STARTS {
        let t = Instant::now();
        let mut child = Command::new(bin)
            .args(["lsp", "--no-user-catalogs"])
            .env("XDG_CONFIG_HOME", &home)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut stdin = child.stdin.take().unwrap();
        write!(stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        stdin.flush().unwrap();
        let mut out = BufReader::new(child.stdout.take().unwrap());
        let read = |out: &mut BufReader<std::process::ChildStdout>| {
            let mut length = 0;
            loop {
                let mut line = String::new();
                out.read_line(&mut line).unwrap();
                if line.trim().is_empty() {
                    break;
                }
                if let Some(n) = line.trim().strip_prefix("Content-Length: ") {
                    length = n.parse().unwrap();
                }
            }
            let mut b = vec![0; length];
            out.read_exact(&mut b).unwrap();
            serde_json::from_slice::<Value>(&b).unwrap()
        };
        let r = read(&mut out);
        times.push(t.elapsed());
        assert_eq!(r["id"], json!(1));
        // The first hover waits for the catalogs: how long after start a hover is answered.
        let text = "if resp.ErrorCode == 60007 {}";
        let messages = [
            json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}),
            json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": URI, "languageId": "go", "version": 1, "text": text}}}),
            json!({"jsonrpc": "2.0", "id": 2, "method": "textDocument/hover", "params": {"textDocument": {"uri": URI}, "position": {"line": 0, "character": 23}}}),
        ];
        for m in messages {
            let b = m.to_string();
            write!(stdin, "Content-Length: {}\r\n\r\n{b}", b.len()).unwrap();
        }
        stdin.flush().unwrap();
        let r = read(&mut out);
        first_hover.push(t.elapsed());
        assert!(
            r["result"]["contents"]["value"]
                .as_str()
                .is_some_and(|v| v.contains("60007")),
            "{r}"
        );
        drop(stdin);
        let _ = child.wait();
    }
    let ok = report(
        "start-up: initialize answered",
        times,
        Some(Duration::from_millis(50)),
    );
    report(
        "start-up: first hover answered (catalogs loaded)",
        first_hover,
        None,
    );
    ok
}
