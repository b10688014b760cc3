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

/// `errdex annotate ARGS` running, its stdout read line by line on a thread of its own.
struct Following {
    child: std::process::Child,
    lines: std::sync::mpsc::Receiver<String>,
    seen: Vec<String>,
}

impl Following {
    fn start(args: &[&std::ffi::OsStr]) -> Following {
        let mut child = Command::new(BIN)
            .args(["--no-user-catalogs", "annotate"])
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut out = BufReader::new(child.stdout.take().unwrap());
        let (tx, lines) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let mut line = String::new();
            while out.read_line(&mut line).unwrap_or(0) > 0 {
                let _ = tx.send(std::mem::take(&mut line));
            }
        });
        Following {
            child,
            lines,
            seen: Vec::new(),
        }
    }

    /// Waits until `last` has been written (or fails after 20 s).
    fn wait_for(&mut self, last: &str) {
        let until = Instant::now() + Duration::from_secs(20);
        while !self.seen.iter().any(|l| l == last) {
            let left = until.saturating_duration_since(Instant::now());
            match self.lines.recv_timeout(left) {
                Ok(line) => self.seen.push(line),
                Err(_) => panic!("no {last:?} after 20 s; so far: {:?}", self.seen),
            }
        }
    }

    /// Everything written, once a second more has brought nothing.
    fn end(mut self) -> Vec<String> {
        while let Ok(line) = self.lines.recv_timeout(Duration::from_secs(1)) {
            self.seen.push(line);
        }
        self.child.kill().unwrap();
        let _ = self.child.wait();
        self.seen
    }
}

/// Appends `lines` to `path` (created if missing) as a logger does, with `O_APPEND`.
fn log(path: &std::path::Path, lines: impl IntoIterator<Item = String>) {
    let mut f = std::fs::OpenOptions::new()
        .append(true)
        .create(true)
        .open(path)
        .unwrap();
    for line in lines {
        f.write_all(line.as_bytes()).unwrap();
    }
}

fn numbered(range: std::ops::Range<usize>) -> impl Iterator<Item = String> {
    range.map(|i| format!("2024-05-13T10:00:{i:02} INFO request {i} done\n"))
}

/// logrotate's `copytruncate`: the log is copied, then emptied in place.
fn copytruncate(path: &std::path::Path) {
    std::fs::copy(path, path.with_extension("log.1")).unwrap();
    std::fs::OpenOptions::new()
        .write(true)
        .open(path)
        .unwrap()
        .set_len(0)
        .unwrap();
}

#[test]
fn follow_goes_on_from_the_start_of_a_file_truncated_by_copytruncate() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("app.log");
    log(&path, numbered(0..10));
    let mut run = Following::start(&["-f".as_ref(), path.as_os_str()]);
    run.wait_for("2024-05-13T10:00:09 INFO request 9 done\n");
    // Rotated and written again, a little at first: shorter than what was read.
    copytruncate(&path);
    let timeout =
        "2024-05-13T10:00:10 ERROR curl: (28) Operation timed out after 5000 milliseconds\n";
    log(&path, [timeout.to_string()]);
    log(&path, numbered(11..14));
    run.wait_for("2024-05-13T10:00:13 INFO request 13 done\n");
    // Rotated and at once written past the point reached before: told by the bytes read.
    copytruncate(&path);
    log(&path, numbered(14..40));
    run.wait_for("2024-05-13T10:00:39 INFO request 39 done\n");
    let seen = run.end();
    let mut want: Vec<String> = numbered(0..10).collect();
    want.push(timeout.to_string());
    want.extend(numbered(11..40));
    let got: Vec<&String> = seen.iter().filter(|l| !l.starts_with("  ↳ ")).collect();
    assert_eq!(
        got,
        want.iter().collect::<Vec<_>>(),
        "nothing lost or twice"
    );
    assert!(
        seen.iter().any(|l| l.starts_with("  ↳ curl 28 · timeout")),
        "{seen:?}"
    );
}

#[test]
fn follow_by_name_reads_the_renamed_file_to_its_end_then_the_new_one() {
    for args in [&["-F"][..], &["--follow=name"]] {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("app.log");
        log(&path, numbered(0..5));
        let mut cmd: Vec<&std::ffi::OsStr> = args.iter().map(|a| a.as_ref()).collect();
        cmd.push(path.as_os_str());
        let mut run = Following::start(&cmd);
        run.wait_for(&numbered(4..5).next().unwrap());
        // logrotate's `create`: renamed, and a new file made under the name; the program goes
        // on writing in the renamed file until it reopens the name.
        let rotated = dir.path().join("app.log.1");
        let mut old = std::fs::OpenOptions::new()
            .append(true)
            .open(&path)
            .unwrap();
        std::fs::rename(&path, &rotated).unwrap();
        for line in numbered(5..8) {
            old.write_all(line.as_bytes()).unwrap();
        }
        std::fs::File::create(&path).unwrap();
        std::thread::sleep(Duration::from_millis(300));
        drop(old);
        log(&path, numbered(8..12));
        run.wait_for(&numbered(11..12).next().unwrap());
        // Deleted, and created again a little later.
        std::fs::remove_file(&path).unwrap();
        std::thread::sleep(Duration::from_millis(500));
        log(&path, numbered(12..14));
        run.wait_for(&numbered(13..14).next().unwrap());
        let seen = run.end();
        assert_eq!(seen, numbered(0..14).collect::<Vec<_>>(), "{args:?}");
    }
}

#[test]
fn follow_by_descriptor_stays_with_the_renamed_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("app.log");
    log(&path, numbered(0..2));
    let mut run = Following::start(&["--follow".as_ref(), path.as_os_str()]);
    run.wait_for(&numbered(1..2).next().unwrap());
    let rotated = dir.path().join("app.log.1");
    std::fs::rename(&path, &rotated).unwrap();
    log(&path, ["in the new file\n".to_string()]);
    log(&rotated, numbered(2..4));
    run.wait_for(&numbered(3..4).next().unwrap());
    assert_eq!(run.end(), numbered(0..4).collect::<Vec<_>>());
}

#[test]
fn follow_reads_several_files_at_once_under_headers() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.log");
    let b = dir.path().join("b.log");
    log(&a, ["a first\n".to_string()]);
    log(&b, ["b first\n".to_string()]);
    let mut run = Following::start(&["-f".as_ref(), a.as_os_str(), b.as_os_str()]);
    run.wait_for("a first\n");
    run.wait_for("b first\n");
    log(
        &b,
        ["rpc error: code = Unavailable desc = connection refused\n".to_string()],
    );
    run.wait_for("rpc error: code = Unavailable desc = connection refused\n");
    log(&a, ["a second\n".to_string()]);
    run.wait_for("a second\n");
    let seen = run.end();
    let header = |p: &std::path::Path| format!("==> {} <==\n", p.display());
    let (ha, hb) = (header(&a), header(&b));
    // Each line under the header of its file, in each file's order.
    let mut file = None;
    let mut by_file: [Vec<&str>; 2] = [Vec::new(), Vec::new()];
    for l in &seen {
        if *l == ha {
            file = Some(0);
        } else if *l == hb {
            file = Some(1);
        } else if l != "\n" {
            by_file[file.expect("a header first")].push(l);
        }
    }
    assert_eq!(by_file[0], ["a first\n", "a second\n"], "{seen:?}");
    assert_eq!(
        by_file[1][..2],
        [
            "b first\n",
            "rpc error: code = Unavailable desc = connection refused\n"
        ],
        "{seen:?}"
    );
    assert!(by_file[1][2].starts_with("  ↳ grpc 14"), "{seen:?}");
    // What the files held at the start comes first, one file after the other.
    assert_eq!(
        seen[..5],
        [&ha, "a first\n", "\n", &hb, "b first\n"],
        "{seen:?}"
    );
    // --json: each line says its file.
    let mut run = Following::start(&[
        "-f".as_ref(),
        "--json".as_ref(),
        a.as_os_str(),
        b.as_os_str(),
    ]);
    let want_b = format!(
        "{{\"file\":{:?},\"line\":\"b first\\n\",\"errors\":[]}}\n",
        b.display().to_string()
    );
    run.wait_for(&want_b);
    let seen = run.end();
    assert!(seen.iter().all(|l| l.starts_with("{\"file\":")), "{seen:?}");
}

/// A folder named as the log is refused in one line that says it is a folder, with or without
/// `-f`.
#[test]
fn a_folder_is_named_as_a_folder() {
    let dir = tempfile::tempdir().unwrap();
    for follow in [false, true] {
        let mut cmd = Command::new(BIN);
        cmd.args(["--no-user-catalogs", "annotate"]);
        if follow {
            cmd.arg("-f");
        }
        let out = cmd.arg(dir.path()).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "-f {follow}");
        assert!(out.stdout.is_empty());
        let said = String::from_utf8_lossy(&out.stderr);
        assert_eq!(
            said,
            format!(
                "errdex: cannot read {}: it is a folder\n",
                dir.path().display()
            ),
            "-f {follow}"
        );
    }
}

#[test]
fn google_error_details_printed_apart_are_annotated_with_their_reason() {
    // grpcurl prints the ErrorInfo under `Details:`, gcloud as YAML after its message.
    let grpcurl = "ERROR:\n  Code: PermissionDenied\n  Message: Cloud Firestore API has not been used in project 1234 before or it is disabled.\n  Details:\n  1)\t{\"@type\":\"type.googleapis.com/google.rpc.ErrorInfo\",\"domain\":\"googleapis.com\",\"metadata\":{\"consumer\":\"projects/1234\",\"service\":\"firestore.googleapis.com\"},\"reason\":\"SERVICE_DISABLED\"}\n";
    let out = String::from_utf8(annotate(&[], grpcurl.as_bytes())).unwrap();
    assert!(out.contains("  ↳ grpc 7 · permission · "), "{out}");
    assert!(
        out.contains("  ↳ gcp SERVICE_DISABLED · precondition · "),
        "{out}"
    );
    let gcloud = "ERROR: (gcloud.projects.get-iam-policy) [dev@example.com] does not have permission to access projects instance [acme-prod] (or it may not exist): The caller does not have permission.\n- '@type': type.googleapis.com/google.rpc.ErrorInfo\n  domain: cloudresourcemanager.googleapis.com\n  metadata:\n    permission: resourcemanager.projects.getIamPolicy\n  reason: IAM_PERMISSION_DENIED\n";
    let out = String::from_utf8(annotate(&[], gcloud.as_bytes())).unwrap();
    assert!(out.contains("  ↳ gcp IAM_PERMISSION_DENIED · "), "{out}");
}
