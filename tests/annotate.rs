//! `errdex annotate` through the real binary: the log passes through byte for byte, errors get a
//! line under them, `--json` rebuilds the input, and lines arrive as they are written.

use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_errdex");

fn annotate(args: &[&str], input: &[u8]) -> Vec<u8> {
    let mut child = Command::new(BIN)
        .args(["--no-user-catalogs", "annotate"])
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let input = input.to_vec();
    let writer = std::thread::spawn(move || stdin.write_all(&input));
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap().unwrap();
    assert!(out.status.success());
    out.stdout
}

/// The output without errdex's annotation lines.
fn without_annotations(out: &[u8]) -> Vec<u8> {
    out.split_inclusive(|&b| b == b'\n')
        .filter(|l| !l.starts_with("  ↳ ".as_bytes()))
        .flatten()
        .copied()
        .collect()
}

/// Equal bytes; on a difference, where it starts (the log is too big to print).
fn assert_same(got: &[u8], want: &[u8]) {
    let at = got.iter().zip(want).position(|(a, b)| a != b);
    assert!(
        got == want,
        "{} bytes, want {}; first difference at {:?}: {:?}",
        got.len(),
        want.len(),
        at,
        at.map(|i| String::from_utf8_lossy(&got[i.saturating_sub(20)..(i + 40).min(got.len())]))
    );
}

fn hostile_log() -> Vec<u8> {
    let mut log = Vec::new();
    log.extend_from_slice(b"2024-05-13 INFO started\r\n");
    log.extend_from_slice(b"binary \xff\xfe\x00\x1b[2J junk and \x07 bells\n");
    log.extend_from_slice(
        b"2024-05-13 ERROR upstream {\"error\":1,\"code\":1302,\"message\":\"Exceed Anonymous Rate Limit\"}\r\n",
    );
    log.extend_from_slice(&[b'x'; 1_100_000]);
    log.extend_from_slice(b"\n");
    log.extend_from_slice(b"dial tcp 10.0.0.1:5432: connect: connection refused\n");
    log.extend_from_slice(b"no newline at the end");
    log
}

#[test]
fn every_byte_passes_through_and_errors_are_annotated_under_their_line() {
    let log = hostile_log();
    let out = annotate(&[], &log);
    assert_same(&without_annotations(&out), &log);
    let text = String::from_utf8_lossy(&out);
    let lines: Vec<&str> = text.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.contains("\"code\":1302"))
        .unwrap();
    assert!(
        lines[at + 1].starts_with("  ↳ pixnet 1302 · rate_limit · "),
        "{}",
        lines[at + 1]
    );
    let refused = lines
        .iter()
        .position(|l| l.starts_with("dial tcp"))
        .unwrap();
    assert!(
        lines[refused + 1].starts_with("  ↳ errno 111 · network"),
        "{}",
        lines[refused + 1]
    );
    // Not a terminal: no escape sequences of errdex's own.
    assert!(!lines[at + 1].contains('\u{1b}'));
}

#[test]
fn json_lines_rebuild_the_input_exactly() {
    let log = hostile_log();
    let out = annotate(&["--json"], &log);
    let mut rebuilt = Vec::new();
    let mut with_errors = Vec::new();
    for line in out.split(|&b| b == b'\n').filter(|l| !l.is_empty()) {
        let v: serde_json::Value = serde_json::from_slice(line).unwrap();
        match (v["line"].as_str(), v["line_base64"].as_str()) {
            (Some(s), _) => rebuilt.extend_from_slice(s.as_bytes()),
            (None, Some(b)) => {
                use base64::Engine;
                rebuilt.extend(base64::engine::general_purpose::STANDARD.decode(b).unwrap())
            }
            _ => panic!("{v}"),
        }
        if let Some(e) = v["errors"].as_array().filter(|e| !e.is_empty()) {
            with_errors.push((e[0]["vendor"].clone(), e[0]["matches"][0]["code"].clone()));
        }
    }
    assert_same(&rebuilt, &log);
    assert_eq!(
        with_errors,
        [
            (serde_json::json!("pixnet"), serde_json::json!("1302")),
            (serde_json::json!("errno"), serde_json::json!("111")),
        ]
    );
}

/// Another API answering in PIXNET's shape gets no line under it; PIXNET's own error beside it
/// does, and a MantaGO body with a message of its own says that the message differs.
#[test]
fn a_body_whose_message_contradicts_its_code_is_not_annotated() {
    let log = concat!(
        "2024-06-02 10:14:07 INFO  payments: POST /v2/charges 402\n",
        "2024-06-02 10:14:07 ERROR payments: {\"error\":true,\"code\":1001,\"message\":\"Card expired\"}\n",
        "2024-06-02 10:14:08 ERROR blog: {\"error\":1,\"code\":1001,\"message\":\"錯誤:此APIkey已被停權\"}\n",
        "2024-06-02 10:14:09 ERROR bot: {\"success\":false,\"errResponse\":{\"code\":1004,\"message\":\"帳號已停用\"}}\n",
    );
    let out = String::from_utf8(annotate(&[], log.as_bytes())).unwrap();
    let lines: Vec<&str> = out.lines().collect();
    assert!(lines[1].contains("Card expired"), "{out}");
    assert!(lines[2].contains("停權"), "{out}");
    assert!(
        lines[3].starts_with("  ↳ pixnet 1001 · permission"),
        "{out}"
    );
    assert!(
        lines[5].starts_with("  ↳ mantago 1004 · auth")
            && lines[5].ends_with("· its message differs from the catalog's"),
        "{out}"
    );
    assert_eq!(lines.len(), 6, "{out}");
}

#[test]
fn only_keeps_the_lines_with_errors() {
    let out = String::from_utf8(annotate(&["--only"], &hostile_log())).unwrap();
    assert_eq!(out.lines().count(), 4, "{out}");
    // A body printed over several lines (Python's logging of a pretty-printed response): its
    // first line, with the time and the logger, comes with its last.
    let log = concat!(
        "2024-05-13 10:22:01,337 INFO sync: started\n",
        "2024-05-13 10:22:02,118 ERROR sync: PIXNET answered {\n",
        "    \"error\": 1,\n",
        "    \"code\": 1302,\n",
        "    \"message\": \"Exceed Anonymous Rate Limit\"\n",
        "}\n",
        "2024-05-13 10:22:03,001 INFO sync: retrying\n",
    );
    let out = String::from_utf8(annotate(&["--only"], log.as_bytes())).unwrap();
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines[..2],
        ["2024-05-13 10:22:02,118 ERROR sync: PIXNET answered {", "}"],
        "{out}"
    );
    assert!(
        lines[2].starts_with("  ↳ pixnet 1302 · rate_limit"),
        "{out}"
    );
    assert_eq!(lines.len(), 3, "{out}");
}

#[test]
fn a_pipe_gets_each_annotation_before_the_next_line_is_sent() {
    let mut child = Command::new(BIN)
        .args(["--no-user-catalogs", "annotate"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut line = String::new();
        while out.read_line(&mut line).unwrap_or(0) > 0 {
            let _ = tx.send(std::mem::take(&mut line));
        }
    });
    for round in 0..3 {
        writeln!(stdin, "round {round} {{\"error\":1,\"code\":1302}}").unwrap();
        stdin.flush().unwrap();
        let wait = Duration::from_secs(10);
        let first = rx.recv_timeout(wait).expect("the line itself");
        assert!(first.starts_with(&format!("round {round}")), "{first}");
        let note = rx
            .recv_timeout(wait)
            .expect("its annotation, before more input");
        assert!(note.starts_with("  ↳ pixnet 1302"), "{note}");
    }
    drop(stdin);
    assert!(child.wait().unwrap().success());
}

#[test]
fn follow_reads_a_file_as_it_grows() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("app.log");
    std::fs::write(&path, "first line\n").unwrap();
    let mut child = Command::new(BIN)
        .args(["--no-user-catalogs", "annotate", "--follow"])
        .arg(&path)
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    out.read_line(&mut line).unwrap();
    assert_eq!(line, "first line\n");
    let mut f = std::fs::OpenOptions::new()
        .append(true)
        .open(&path)
        .unwrap();
    writeln!(
        f,
        "later: curl: (28) Operation timed out after 5000 milliseconds"
    )
    .unwrap();
    f.flush().unwrap();
    let start = Instant::now();
    line.clear();
    out.read_line(&mut line).unwrap();
    assert!(line.starts_with("later: curl: (28)"), "{line}");
    line.clear();
    out.read_line(&mut line).unwrap();
    assert!(line.starts_with("  ↳ curl 28 · timeout"), "{line}");
    assert!(start.elapsed() < Duration::from_secs(10));
    child.kill().unwrap();
    let _ = child.wait();
}

#[test]
fn a_closed_stdout_ends_quietly() {
    let mut child = Command::new(BIN)
        .args(["--no-user-catalogs", "annotate"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let mut stdin = child.stdin.take().unwrap();
    let big = "a line of log text {\"error\":1,\"code\":1302}\n".repeat(100_000);
    let _ = stdin.write_all(big.as_bytes());
    drop(stdin);
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(
        String::from_utf8_lossy(&out.stderr).is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
