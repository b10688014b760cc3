//! Hostile pastes through the real binary: `errdex decode` and `errdex decode --json` give a
//! clear answer (exit 0 or 1; 2 with one line for input over 16 MB), never a panic, a hang,
//! unbounded memory, or a raw control character on the terminal. Small inputs are fixtures
//! (`tests/fixtures/hostile/`); big ones are generated here.

#[path = "support/special_files.rs"]
mod special_files;

use assert_cmd::Command;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::Duration;

/// Generous: this catches hangs, it does not measure speed (debug builds on shared machines).
const HANG: Duration = Duration::from_secs(120);

const ERROR_1302: &str = r#"{"error":1,"code":1302,"message":"Exceed Anonymous Rate Limit"}"#;

fn errdex() -> Command {
    let mut cmd = Command::cargo_bin("errdex").unwrap();
    cmd.env("XDG_CONFIG_HOME", "/nonexistent-errdex-hostile")
        .env_remove("NO_COLOR")
        .timeout(HANG);
    cmd
}

fn decode(input: &[u8], json: bool) -> Output {
    let mut cmd = errdex();
    cmd.arg("decode");
    if json {
        cmd.arg("--json");
    }
    cmd.write_stdin(input.to_vec()).output().unwrap()
}

/// Characters a terminal could obey (or that reorder what it shows): C0 except newline, DEL,
/// C1, and the bidi overrides and isolates.
fn unsafe_char(c: char) -> bool {
    (c.is_control() && c != '\n') || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

fn assert_printable(what: &str, bytes: &[u8]) {
    let s = std::str::from_utf8(bytes).unwrap_or_else(|e| panic!("{what}: not UTF-8: {e}"));
    if let Some((i, c)) = s.char_indices().find(|&(_, c)| unsafe_char(c)) {
        let from = s[..i].char_indices().rev().nth(40).map_or(0, |(j, _)| j);
        panic!(
            "{what}: raw {c:?} at byte {i}: …{:?}…",
            &s[from..(i + 8).min(s.len())]
        );
    }
}

/// Runs `input` through `decode` and `decode --json`; checks exit status, stderr, printable
/// output and valid JSON. Returns the exit code and the parsed JSON.
fn check(name: &str, input: &[u8]) -> (i32, Value) {
    let text = decode(input, false);
    let json = decode(input, true);
    let code = |o: &Output, mode: &str| {
        o.status.code().unwrap_or_else(|| {
            panic!(
                "{name} ({mode}): killed ({:?}): a hang over {HANG:?} or a crash",
                o.status
            )
        })
    };
    let (tc, jc) = (code(&text, "text"), code(&json, "json"));
    for (o, c, mode) in [(&text, tc, "text"), (&json, jc, "json")] {
        assert!(
            c == 0 || c == 1,
            "{name} ({mode}): exit {c}; stderr: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        // stderr holds only what is said to people: the decoder's note, or that nothing was found.
        let said = String::from_utf8_lossy(&o.stderr);
        assert!(
            said.lines().all(|l| mode == "text"
                && (l.starts_with("errdex: note: ")
                    || l == "errdex: no error response found in the input")),
            "{name} ({mode}): stderr: {said}"
        );
        assert_printable(&format!("{name} ({mode}) stdout"), &o.stdout);
        assert_printable(&format!("{name} ({mode}) stderr"), &o.stderr);
    }
    assert_eq!(tc, jc, "{name}: text and JSON agree on the exit status");
    assert!(
        !text.stdout.is_empty() || !text.stderr.is_empty(),
        "{name}: the text output says something"
    );
    let v: Value = serde_json::from_slice(&json.stdout)
        .unwrap_or_else(|e| panic!("{name}: --json is not JSON: {e}"));
    let errors = v["errors"]
        .as_array()
        .unwrap_or_else(|| panic!("{name}: no errors array: {v}"));
    assert!(errors.len() <= 1000, "{name}: {} errors", errors.len());
    let matched = errors
        .iter()
        .any(|e| e["matches"].as_array().is_some_and(|m| !m.is_empty()));
    assert_eq!(
        jc == 0,
        matched,
        "{name}: exit 0 exactly when something matched"
    );
    (jc, v)
}

fn found_1302(v: &Value) -> bool {
    v["errors"]
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["vendor"] == "pixnet" && e["code"] == "1302")
}

fn fixtures() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hostile");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.file_name().is_some_and(|n| n != "README.md"))
        .collect();
    files.sort();
    assert!(files.len() >= 10, "{files:?}");
    files
}

#[test]
fn every_hostile_fixture_gets_a_clear_answer() {
    for path in fixtures() {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let input = std::fs::read(&path).unwrap();
        // As pasted (stdin) and as a file argument.
        check(&name, &input);
        let out = errdex()
            .args(["decode", "--json"])
            .arg(&path)
            .output()
            .unwrap();
        assert!(matches!(out.status.code(), Some(0 | 1)), "{name} as a file");
        assert_printable(&name, &out.stdout);
    }
}

#[test]
fn empty_and_whitespace_say_nothing_was_found() {
    for (name, input) in [
        ("empty", &b""[..]),
        ("whitespace", b"  \n\t\r\n \xc2\xa0\n"),
        ("nul", b"\0\0\0"),
    ] {
        let (code, v) = check(name, input);
        assert_eq!(code, 1, "{name}");
        assert_eq!(v["errors"], serde_json::json!([]), "{name}");
        // Said to the person on stderr; stdout, for results only, stays empty.
        let out = decode(input, false);
        assert!(out.stdout.is_empty(), "{name}: {:?}", out.stdout);
        let said = String::from_utf8(out.stderr).unwrap();
        assert_eq!(
            said, "errdex: no error response found in the input\n",
            "{name}"
        );
    }
}

#[test]
fn escape_sequences_are_shown_not_sent() {
    let input = "\x1b]0;pwned\x07\x1b[2J\x1b[?1049h\u{9b}31m\u{202e}HTTP/1.1 403 Forbidden\r\n\r\n\
        {\"ErrorCode\":60003,\"ErrorInfo\":\"bad \\u001b]0;pwned\\u0007 \\u009b2J \\u202e \\u007f\",\"ActionStatus\":\"FAIL\"}\n\
        \x1b[31m{\"error\":1,\"code\":1302,\"message\":\"Exceed Anonymous Rate Limit\x1b]52;c;cHduZWQ=\x07\"}\x1b[0m";
    let (code, v) = check("escapes", input.as_bytes());
    assert_eq!(code, 0);
    assert!(found_1302(&v), "{v}");
    // JSON keeps the text exactly, escaped: the ESC, BEL, CSI and DEL are there once parsed.
    let info = v["errors"]
        .as_array()
        .unwrap()
        .iter()
        .find_map(|e| e["message"].as_str().filter(|m| m.starts_with("bad ")))
        .unwrap_or_else(|| panic!("Tencent's ErrorInfo: {v}"));
    assert_eq!(info, "bad \x1b]0;pwned\x07 \u{9b}2J \u{202e} \x7f");
    let raw = String::from_utf8(decode(input.as_bytes(), true).stdout).unwrap();
    for escaped in ["\\u001b", "\\u0007", "\\u009b", "\\u202e", "\\u007f"] {
        assert!(raw.contains(escaped), "{escaped} in {raw}");
    }
    // Text shows them as symbols.
    let text = String::from_utf8(decode(input.as_bytes(), false).stdout).unwrap();
    assert!(text.contains("␛]0;pwned␇"), "{text}");
}

#[test]
fn ten_megabytes_of_open_braces() {
    let mut input = vec![b'{'; 10 * 1024 * 1024];
    let (code, _) = check("10 MB of {", &input);
    assert_eq!(code, 1);
    // An error after them is still found.
    input.extend_from_slice(ERROR_1302.as_bytes());
    let (code, v) = check("10 MB of { then an error", &input);
    assert_eq!(code, 0);
    assert!(found_1302(&v));
}

#[test]
fn deep_nesting_is_skipped_and_what_follows_is_decoded() {
    let n = 200_000;
    let arrays = format!("{}{}\n{ERROR_1302}", "[".repeat(n), "]".repeat(n));
    let mut objects = "{\"a\":".repeat(n);
    objects.push('1');
    objects.push_str(&"}".repeat(n));
    objects.push('\n');
    objects.push_str(ERROR_1302);
    for (name, input) in [("200k-deep arrays", arrays), ("200k-deep objects", objects)] {
        let (code, v) = check(name, input.as_bytes());
        assert_eq!(code, 0, "{name}: {v}");
        assert!(found_1302(&v), "{name}: {v}");
    }
    // Never closed: what follows is inside it, too deep to look at, and the notice says so.
    let unclosed = format!("{}\n{ERROR_1302}", "[{\"a\":".repeat(n));
    let (code, v) = check("200k unclosed", unclosed.as_bytes());
    assert_eq!(code, 1, "{v}");
    assert!(
        v["notice"].as_str().is_some_and(|n| n.contains("deeper")),
        "{v}"
    );
    // The skipped depth is said.
    let (_, v) = check(
        "deep error",
        format!("{}{ERROR_1302}{}", "[".repeat(n), "]".repeat(n)).as_bytes(),
    );
    assert!(
        v["notice"].as_str().is_some_and(|n| n.contains("deeper")),
        "{v}"
    );
}

#[test]
fn numbers_with_a_hundred_thousand_digits() {
    let digits = "9".repeat(100_000);
    let input = format!(
        "{{\"error\":1,\"code\":{digits},\"message\":\"x\",\"status\":{digits}}}\n\
         {{\"ErrorCode\":-{digits}.{digits}e{digits},\"ActionStatus\":\"FAIL\"}}\n\
         HTTP/1.1 {digits} OK\n{ERROR_1302}"
    );
    let (code, v) = check("100k digits", input.as_bytes());
    assert_eq!(code, 0);
    assert!(found_1302(&v));
}

#[test]
fn unterminated_strings_and_lone_surrogates() {
    let long = "x".repeat(1_000_000);
    let input = format!(
        "{{\"error\":1,\"code\":1302,\"message\":\"{long}\n{{'code': '{long}\n\
         {{\"ErrorCode\":60003,\"ErrorInfo\":\"\\ud800 \\udfff \\ud83d\\ud83d \\u\",\"ActionStatus\":\"FAIL\"}}\n\
         {{\"error\":1,\"code\":1302,\"message\":\"Exceed \\ud800 Rate\\"
    );
    let (_, v) = check("unterminated", input.as_bytes());
    let tencent = v["errors"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["code"] == "60003")
        .unwrap_or_else(|| panic!("{v}"));
    let info = tencent["message"].as_str().unwrap();
    assert!(info.contains('\u{FFFD}'), "{info:?}");
    // Messages are cut to a sane length.
    for e in v["errors"].as_array().unwrap() {
        assert!(e["message"].as_str().is_none_or(|m| m.len() <= 4096));
    }
}

#[test]
fn twenty_thousand_documents_in_one_paste() {
    let mut input = String::new();
    for i in 0..20_000 {
        match i % 4 {
            0 => input.push_str(ERROR_1302),
            1 => input.push_str(r#"{"ActionStatus":"FAIL","ErrorInfo":"x","ErrorCode":60003}"#),
            2 => input.push_str(r#"{"success":true,"data":[1,2,3]}"#),
            _ => input.push_str("2024-05-01T10:00:00Z INFO nothing to see here"),
        }
        input.push('\n');
    }
    let (code, v) = check("20k documents", input.as_bytes());
    assert_eq!(code, 0);
    assert_eq!(v["errors"].as_array().unwrap().len(), 1000);
    assert!(
        v["notice"]
            .as_str()
            .is_some_and(|n| n.contains("first 1000")),
        "{}",
        v["notice"]
    );
}

#[test]
fn random_binary_and_invalid_utf8() {
    // A fixed xorshift stream: the same bytes on every run.
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut bytes = Vec::with_capacity(1 << 20);
    while bytes.len() < 1 << 20 {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        bytes.extend_from_slice(&x.to_le_bytes());
    }
    check("1 MB of random bytes", &bytes);
    // Bytes that are not UTF-8 around an error: replaced, and the error still decodes.
    let mut input = b"\xff\xfe\xc3\x28\xed\xa0\x80 ".to_vec();
    input.extend_from_slice(ERROR_1302.as_bytes());
    input.extend_from_slice(b" \x80\x9b\xf0\x28\x8c");
    let (code, v) = check("invalid UTF-8", &input);
    assert_eq!(code, 0);
    assert!(found_1302(&v));
}

#[test]
fn more_than_sixteen_megabytes_is_refused_with_one_line() {
    let input = vec![b'{'; 16 * 1024 * 1024 + 1];
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("big.json");
    std::fs::write(&file, &input).unwrap();
    for json in [false, true] {
        for from_file in [false, true] {
            let mut cmd = errdex();
            cmd.arg("decode");
            if json {
                cmd.arg("--json");
            }
            let out = if from_file {
                cmd.arg(&file).output().unwrap()
            } else {
                cmd.write_stdin(input.clone()).output().unwrap()
            };
            let what = format!("json={json} file={from_file}");
            assert_eq!(out.status.code(), Some(2), "{what}");
            assert!(out.stdout.is_empty(), "{what}");
            let err = String::from_utf8(out.stderr).unwrap();
            assert_eq!(err.lines().count(), 1, "{what}: {err}");
            assert!(err.contains("16 MB"), "{what}: {err}");
        }
    }
    // Exactly 16 MB is still decoded (spaces: quick even in a debug build).
    let (code, _) = check("16 MB", &vec![b' '; 16 * 1024 * 1024]);
    assert_eq!(code, 1);
}

#[test]
fn one_prepared_decoding_gives_what_a_fresh_one_gives() {
    // The fuzz target (and any caller decoding paste after paste) reuses one `Decoder`: its
    // message index keeps scratch space between pastes, which must not leak into results.
    let index = errdex::index::Index::embedded();
    let prepared = errdex::decode::Decoder::new(&index);
    let mut inputs: Vec<String> = fixtures()
        .iter()
        .map(|p| String::from_utf8_lossy(&std::fs::read(p).unwrap()).into_owned())
        .collect();
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pastes");
    for e in std::fs::read_dir(samples).unwrap() {
        inputs.push(std::fs::read_to_string(e.unwrap().path()).unwrap());
    }
    for text in inputs.iter().chain(inputs.iter().rev()) {
        let json = |d| errdex::cli::output::decoded_json(&d, &index);
        let fresh = json(errdex::decode::decode(text, &index));
        assert_eq!(json(prepared.decode(text)), fresh);
    }
}

/// Arguments, file names and query terms echoed in messages are shown, never sent: stderr is
/// as clean as stdout, U+2028/U+2029 included.
#[test]
fn hostile_arguments_are_never_echoed_raw_on_stderr() {
    let dir = tempfile::tempdir().unwrap();
    let dangling = dir.path().join("cat\u{1b}]0;PWN\u{7}\u{2028}.json");
    std::os::unix::fs::symlink(dir.path().join("nowhere"), &dangling).unwrap();
    let runs: Vec<Vec<std::ffi::OsString>> = vec![
        vec![
            "--catalog".into(),
            dangling.clone().into(),
            "vendors".into(),
        ],
        vec!["search".into(), "s:4\u{1b}]0;PWN\u{7}".into()],
        vec!["search".into(), "k:\u{1b}[2J".into()],
        vec!["search".into(), "retry:\u{9b}31m".into()],
        vec!["show".into(), "pix\u{1b}]0;x\u{7}".into(), "1".into()],
        vec!["show".into(), "pixnet".into(), "1\u{202e}\u{2029}".into()],
        vec![
            "show".into(),
            "pixnet".into(),
            "1302".into(),
            "--edition".into(),
            "e\u{1b}[1m".into(),
        ],
        vec!["annotate".into(), dangling.clone().into()],
        vec!["decode".into(), dangling.into()],
        vec!["man".into(), "nope\u{1b}[5m".into()],
    ];
    for args in runs {
        let out = errdex().args(&args).output().unwrap();
        assert_printable(&format!("{args:?} stderr"), &out.stderr);
        assert_printable(&format!("{args:?} stdout"), &out.stdout);
        let text = String::from_utf8_lossy(&out.stderr);
        assert!(
            !text.contains('\u{2028}') && !text.contains('\u{2029}'),
            "{args:?}: {text}"
        );
    }
}

#[test]
fn outputs_are_written_only_to_regular_files() {
    let dir = tempfile::tempdir().unwrap();
    let table = dir.path().join("t.md");
    std::fs::write(&table, "| code | message |\n|---|---|\n| 1 | One |\n").unwrap();
    let fifo = dir.path().join("fifo");
    special_files::mkfifo(&fifo);
    for target in [fifo.as_path(), Path::new("/dev/null")] {
        let out = errdex()
            .args(["catalog", "import"])
            .arg(&table)
            .args(["--vendor", "acme", "--force", "-o"])
            .arg(target)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{target:?}");
        let said = String::from_utf8_lossy(&out.stderr);
        assert!(said.contains("regular files"), "{target:?}: {said}");
    }
    use std::os::unix::fs::FileTypeExt;
    assert!(
        std::fs::metadata("/dev/null")
            .unwrap()
            .file_type()
            .is_char_device()
    );
    assert!(std::fs::metadata(&fifo).unwrap().file_type().is_fifo());
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 2);

    // Man pages: the folder is made, a link among the pages is never written through.
    let pages = dir.path().join("new/man");
    let outside = dir.path().join("outside");
    std::fs::write(&outside, "mine").unwrap();
    let ok = errdex()
        .arg("man")
        .arg("--out-dir")
        .arg(&pages)
        .output()
        .unwrap();
    assert_eq!(
        ok.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    assert!(pages.join("errdex.1").is_file());
    std::fs::remove_file(pages.join("errdex-show.1")).unwrap();
    std::os::unix::fs::symlink(&outside, pages.join("errdex-show.1")).unwrap();
    let out = errdex()
        .arg("man")
        .arg("--out-dir")
        .arg(&pages)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(std::fs::read_to_string(&outside).unwrap(), "mine");
    // A FIFO among the pages is named, never opened (which would block), and left a FIFO.
    std::fs::remove_file(pages.join("errdex-show.1")).unwrap();
    let page_fifo = pages.join("errdex-search.1");
    std::fs::remove_file(&page_fifo).unwrap();
    special_files::mkfifo(&page_fifo);
    let out = errdex()
        .arg("man")
        .arg("--out-dir")
        .arg(&pages)
        .timeout(Duration::from_secs(20))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.contains(&format!("{}: it is a FIFO", page_fifo.display())),
        "{said}"
    );
    assert!(std::fs::metadata(&page_fifo).unwrap().file_type().is_fifo());
}

/// A gigabyte of zeros named as a catalog is refused from its first bytes, not read whole.
#[test]
fn a_gigabyte_of_zeros_is_refused_without_reading_it() {
    let dir = tempfile::tempdir().unwrap();
    let zeros = dir.path().join("zeros.json");
    // Sparse: a gigabyte that takes no disk.
    std::fs::File::create(&zeros)
        .unwrap()
        .set_len((1 << 30) - 1)
        .unwrap();
    // Under a 600 MB address-space limit: reading the gigabyte whole cannot succeed.
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg("ulimit -v 600000; exec \"$0\" catalog check \"$1\"")
        .arg(assert_cmd::cargo::cargo_bin("errdex"))
        .arg(&zeros)
        .env("XDG_CONFIG_HOME", "/nonexistent-errdex-hostile")
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(said.contains("zeros.json:1:1: not a catalog"), "{said}");
    // Loaded by `--catalog`, it is a warning and the other catalogs load; as a table to
    // import, it is refused by its size.
    for (args, code, what) in [
        (
            "--catalog \"$1\" vendors",
            0,
            "zeros.json:1:1: not a catalog",
        ),
        (
            "catalog import \"$1\" --vendor zeros",
            2,
            "zeros.json is 1023 MiB, over the 64 MiB a table to import may be",
        ),
    ] {
        let out = std::process::Command::new("sh")
            .arg("-c")
            .arg(format!("ulimit -v 600000; exec \"$0\" {args}"))
            .arg(assert_cmd::cargo::cargo_bin("errdex"))
            .arg(&zeros)
            .env("XDG_CONFIG_HOME", "/nonexistent-errdex-hostile")
            .output()
            .unwrap();
        let said = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(code), "{args}: {said}");
        assert!(said.contains(what), "{args}: {said}");
    }
}

/// `catalog import -o` stopped by SIGTERM or SIGHUP while it writes: it exits 128 + the signal
/// (143, 129), as a shell reports a process the signal ended, and leaves neither the output nor
/// its temporary file.
#[test]
fn an_import_stopped_by_sigterm_or_sighup_exits_128_plus_the_signal() {
    let dir = tempfile::tempdir().unwrap();
    let table = dir.path().join("big.md");
    let mut text = String::from("| code | message |\n|---|---|\n");
    for i in 0..60_000 {
        text.push_str(&format!("| {i} | Message number {i} went wrong |\n"));
    }
    std::fs::write(&table, text).unwrap();
    let out_dir = dir.path().join("out");
    std::fs::create_dir(&out_dir).unwrap();
    let output = out_dir.join("acme.json");
    for (signal, code) in [(libc::SIGTERM, 143), (libc::SIGHUP, 129)] {
        let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("errdex"))
            .args(["catalog", "import"])
            .arg(&table)
            .args(["--vendor", "acme", "-o"])
            .arg(&output)
            .env("XDG_CONFIG_HOME", "/nonexistent-errdex-hostile")
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        // The temporary file appears once the signals are watched and the writing begins.
        let start = std::time::Instant::now();
        while std::fs::read_dir(&out_dir).unwrap().count() == 0 {
            assert!(start.elapsed() < HANG, "no temporary file");
            std::thread::sleep(Duration::from_millis(1));
        }
        // SAFETY: kill(2) on the child's id, which has not been waited for.
        assert_eq!(unsafe { libc::kill(child.id() as i32, signal) }, 0);
        let status = child.wait().unwrap();
        let mut said = String::new();
        std::io::Read::read_to_string(child.stderr.as_mut().unwrap(), &mut said).unwrap();
        assert_eq!(status.code(), Some(code), "signal {signal}: {said}");
        assert!(said.contains("interrupted"), "{said}");
        assert_printable("stderr", said.as_bytes());
        assert_eq!(
            std::fs::read_dir(&out_dir).unwrap().count(),
            0,
            "signal {signal}: the output and the temporary file are gone"
        );
    }
}

/// U+2028 and U+2029 in a catalog's text are shown escaped in `show` and `search`, as the bidi
/// controls are (some terminals break lines at them), and written as `\u2028` in `--json`.
#[test]
fn line_and_paragraph_separators_are_shown_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("seps.json");
    let http = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/catalogs/http.json"))
        .unwrap();
    let mut c: Value = serde_json::from_str(&http).unwrap();
    c["vendor"]["id"] = "seps".into();
    c["vendor"]["aliases"] = serde_json::json!([]);
    c["entries"][0]["message"] = "Line\u{2028}separated\u{2029}paragraph".into();
    std::fs::write(&file, c.to_string()).unwrap();
    for args in [
        &["show", "seps", "100"][..],
        &["search", "v:seps", "100"],
        &["show", "seps", "100", "--json"],
    ] {
        let out = errdex()
            .arg("--catalog")
            .arg(&file)
            .args(args)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(
            !text.contains('\u{2028}') && !text.contains('\u{2029}'),
            "{args:?}: {text}"
        );
        if args.contains(&"--json") {
            let v: Value = serde_json::from_str(&text).unwrap();
            assert_eq!(v["message"], "Line\u{2028}separated\u{2029}paragraph");
        } else {
            assert!(
                text.contains("Line\\u{2028}separated\\u{2029}paragraph"),
                "{args:?}: {text}"
            );
        }
    }
}
