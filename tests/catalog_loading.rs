//! Broken user catalogs, through the real binary: each is a warning on stderr naming the file
//! at line:col, and every other catalog still loads (the four embedded vendors at least), from
//! `--catalog` and from the user catalog folder alike.

use assert_cmd::Command;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::Duration;

const EMBEDDED: [&str; 4] = ["mantago", "tencent-im", "pixnet", "guo-guo"];

/// The invalid fixtures and where their problem is (as `catalog check` reports them).
const INVALID: [(&str, &str); 6] = [
    ("syntax.json", "4:3"),
    ("wrong-type.json", "7:40"),
    ("missing-field.json", "7:43"),
    ("empty.json", "1:1"),
    ("bad-status.json", "9:21"),
    ("not-utf8.json", "3:41"),
];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn invalid(name: &str) -> PathBuf {
    root().join("tests/fixtures/catalogs/invalid").join(name)
}

fn errdex(config: &Path) -> Command {
    let mut cmd = Command::cargo_bin("errdex").unwrap();
    cmd.env("XDG_CONFIG_HOME", config)
        .timeout(Duration::from_secs(20));
    cmd
}

/// `vendors --json`: exit 0 and the vendor ids, with stderr.
fn vendors(cmd: &mut Command) -> (Vec<String>, String) {
    let out: Output = cmd.args(["vendors", "--json"]).output().unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(0), "stderr: {stderr}");
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let ids = v
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["id"].as_str().unwrap().to_string())
        .collect();
    (ids, stderr)
}

/// How many vendors the embedded catalogs have (editions of one vendor count once).
fn embedded_vendors() -> usize {
    let mut ids: Vec<String> = errdex::index::embedded::catalogs::<Vec<errdex::catalog::Entry>>()
        .into_iter()
        .map(|l| l.header.vendor.id)
        .collect();
    ids.dedup();
    ids.len()
}

fn assert_embedded(ids: &[String]) {
    for id in EMBEDDED {
        assert!(ids.iter().any(|i| i == id), "{id} missing from {ids:?}");
    }
}

/// Every stderr line is one warning or note, with no raw control character.
fn assert_clean_stderr(stderr: &str) {
    for line in stderr.lines() {
        assert!(
            line.starts_with("errdex: warning: ") || line.starts_with("errdex: note: "),
            "{line}"
        );
        assert!(!line.chars().any(char::is_control), "{line:?}");
    }
}

#[test]
fn each_broken_catalog_given_with_the_flag_is_a_warning_at_line_and_column() {
    let config = tempfile::tempdir().unwrap();
    for (name, at) in INVALID {
        let path = invalid(name);
        let (ids, stderr) = vendors(errdex(config.path()).arg("--catalog").arg(&path));
        assert_embedded(&ids);
        assert_eq!(ids.len(), embedded_vendors(), "{name}: {ids:?}");
        let expected = format!("errdex: warning: {}:{at}: ", path.display());
        assert!(stderr.starts_with(&expected), "{name}: {stderr}");
        assert_eq!(stderr.lines().count(), 1, "{name}: {stderr}");
        assert_clean_stderr(&stderr);
    }
}

#[test]
fn a_folder_with_broken_and_good_catalogs_loads_the_good_ones() {
    let config = tempfile::tempdir().unwrap();
    let dir = root().join("tests/fixtures/catalogs/invalid");
    let good = root().join("tests/fixtures/catalogs/valid");
    let (ids, stderr) = vendors(
        errdex(config.path())
            .arg("--catalog")
            .arg(&dir)
            .arg("--catalog")
            .arg(&good),
    );
    assert_embedded(&ids);
    for (name, at) in INVALID {
        let needle = format!("{}:{at}: ", dir.join(name).display());
        assert!(stderr.contains(&needle), "{needle} in:\n{stderr}");
    }
    assert_clean_stderr(&stderr);
    // The valid fixtures' vendors are there too.
    for file in ["minimal.json", "full.json"] {
        let c: Value =
            serde_json::from_str(&std::fs::read_to_string(good.join(file)).unwrap()).unwrap();
        let id = c["vendor"]["id"].as_str().unwrap();
        assert!(ids.iter().any(|i| i == id), "{id} from {file}: {ids:?}");
    }
}

#[test]
fn the_user_catalog_folder_warns_the_same_way_for_every_command() {
    let config = tempfile::tempdir().unwrap();
    let user = config.path().join("errdex/catalogs");
    std::fs::create_dir_all(&user).unwrap();
    for (name, _) in INVALID {
        std::fs::copy(invalid(name), user.join(name)).unwrap();
    }
    std::fs::write(
        user.join("acme.json"),
        r#"{"schema":1,"vendor":{"id":"acme","name":"ACME"},"edition":{"id":"v1"},
           "entries":[{"code":"E42","http_status":418,"message":"I'm a teapot"}]}"#,
    )
    .unwrap();
    let (ids, stderr) = vendors(&mut errdex(config.path()));
    assert_embedded(&ids);
    assert!(ids.iter().any(|i| i == "acme"), "{ids:?}");
    for (name, at) in INVALID {
        let needle = format!("{}:{at}: ", user.join(name).display());
        assert!(stderr.contains(&needle), "{needle} in:\n{stderr}");
    }
    assert_eq!(stderr.lines().count(), INVALID.len(), "{stderr}");
    assert_clean_stderr(&stderr);
    // Search, show and decode work as usual, with the same warnings.
    let out = errdex(config.path())
        .args(["show", "acme", "E42", "--json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8(out.stderr).unwrap(), stderr);
    let out = errdex(config.path())
        .args(["decode", "--json"])
        .write_stdin(r#"{"error":1,"code":1302,"message":"Exceed Anonymous Rate Limit"}"#)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["errors"][0]["vendor"], "pixnet");
    // --no-user-catalogs leaves them out, warnings and all.
    let (ids, stderr) = vendors(errdex(config.path()).arg("--no-user-catalogs"));
    assert_eq!(ids.len(), embedded_vendors(), "{ids:?}");
    assert_eq!(stderr, "");
}

#[test]
fn control_characters_in_a_catalog_are_escaped_in_the_warning() {
    let config = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    // Found by the `catalog` fuzz target: serde quotes an unknown key as written.
    let fuzzed = root().join("tests/fixtures/hostile/crash-catalog-del-in-key.json");
    let escaped_key = dir.path().join("escaped-key.json");
    std::fs::write(
        &escaped_key,
        r#"{"schema":1,"vendor":{"id":"x","name":"X"},"edition":{"id":"1"},"entries":[{"code":"1","\u001b]0;pwned\u0007":1}]}"#,
    )
    .unwrap();
    let odd_name = dir.path().join("odd\x1b[2Jname.json");
    std::fs::write(&odd_name, "{").unwrap();
    for (path, shown) in [
        (&fuzzed, "s␡bcategory"),
        (&escaped_key, "␛]0;pwned␇"),
        (&odd_name, "odd␛[2Jname.json:1:"),
    ] {
        let (ids, stderr) = vendors(errdex(config.path()).arg("--catalog").arg(path));
        assert_embedded(&ids);
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert!(stderr.contains(shown), "{shown} in {stderr:?}");
        assert_clean_stderr(&stderr);
        // `catalog check` prints the same, safely.
        let out = errdex(config.path())
            .args(["catalog", "check"])
            .arg(path)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1));
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(text.contains(shown), "{shown} in {text:?}");
        assert!(
            !text.chars().any(|c| c != '\n' && c.is_control()),
            "{text:?}"
        );
    }
}

#[test]
fn hostile_catalog_files_are_warnings_not_crashes() {
    let config = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let n = 200_000;
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("braces.json", vec![b'{'; 10 << 20]),
        ("deep-arrays.json", format!("{{\"schema\":{}", "[".repeat(n)).into_bytes()),
        (
            "deep-entries.json",
            format!(
                "{{\"schema\":1,\"vendor\":{{\"id\":\"d\",\"name\":\"D\"}},\"edition\":{{\"id\":\"1\"}},\"entries\":[{{\"code\":\"1\",\"fix\":{}{}}}]}}",
                "[".repeat(n),
                "]".repeat(n)
            )
            .into_bytes(),
        ),
        (
            "digits.json",
            format!(
                "{{\"schema\":1,\"vendor\":{{\"id\":\"d\",\"name\":\"D\"}},\"edition\":{{\"id\":\"1\"}},\"entries\":[{{\"code\":\"1\",\"http_status\":{}}}]}}",
                "9".repeat(100_000)
            )
            .into_bytes(),
        ),
        ("binary.json", (0..=255u8).cycle().take(1 << 16).collect()),
        (
            "surrogate.json",
            br#"{"schema":1,"vendor":{"id":"s","name":"\ud800"},"edition":{"id":"1"},"entries":[]}"#
                .to_vec(),
        ),
        ("nul.json", b"{\"schema\":1,\0}".to_vec()),
    ];
    for (name, bytes) in &cases {
        std::fs::write(dir.path().join(name), bytes).unwrap();
    }
    let (ids, stderr) = vendors(errdex(config.path()).arg("--catalog").arg(dir.path()));
    assert_embedded(&ids);
    assert_clean_stderr(&stderr);
    for (name, _) in &cases {
        let at = format!("{}:", dir.path().join(name).display());
        let line = stderr
            .lines()
            .find(|l| l.contains(&at))
            .unwrap_or_else(|| panic!("no warning for {name}:\n{stderr}"));
        // file:line:col with both at least 1.
        let rest = &line[line.find(&at).unwrap() + at.len()..];
        let mut parts = rest.splitn(3, ':');
        let l: usize = parts.next().unwrap().parse().unwrap_or(0);
        let c: usize = parts.next().unwrap_or("").parse().unwrap_or(0);
        assert!(l >= 1 && c >= 1, "{line}");
    }
}

#[test]
fn a_search_for_a_very_long_code_finds_it() {
    // Found by the `catalog` fuzz target: a query of a few thousand characters overflowed
    // nucleo's u16 score (a panic wherever overflow is checked, as in debug builds).
    let config = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let code = format!("v{}", "v".repeat(4000));
    let file = dir.path().join("long.json");
    std::fs::write(
        &file,
        serde_json::json!({
            "schema": 1,
            "vendor": {"id": "long", "name": "Long"},
            "edition": {"id": "1"},
            "entries": [{"code": code, "message": "a very long code"}]
        })
        .to_string(),
    )
    .unwrap();
    for query in [code.clone(), format!("{code} {code}"), "錯".repeat(3000)] {
        let out = errdex(config.path())
            .arg("--catalog")
            .arg(&file)
            .args(["search", "--json", "--limit", "3"])
            .arg(&query)
            .output()
            .unwrap();
        assert!(
            matches!(out.status.code(), Some(0 | 1)),
            "{:?}: {}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let out = errdex(config.path())
        .arg("--catalog")
        .arg(&file)
        .args(["search", "--json"])
        .arg(&code)
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v[0]["vendor"], "long", "{v}");
}

#[test]
fn escape_sequences_inside_a_user_catalog_never_reach_the_terminal() {
    let config = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("evil.json");
    let esc = "\u{1b}]0;pwned\u{7}\u{1b}[2J\u{9b}31m\u{202e}";
    std::fs::write(
        &file,
        serde_json::json!({
            "schema": 1,
            // The id itself is refused with escapes in it (tests/shell.rs); every other field
            // carries them.
            "vendor": {"id": "evil", "name": format!("Evil{esc}"), "aliases": [esc]},
            "edition": {"id": format!("1{esc}"), "title": esc},
            "envelope": {"code": "evil_code", "message": "evil_message"},
            "entries": [
                {"code": format!("E1{esc}"), "message": format!("token expired{esc}"),
                 "description": [esc, "x"], "fix": esc, "category": esc, "summary_en": esc},
                {"code": "1302", "message": format!("Exceed Anonymous Rate Limit{esc}")}
            ]
        })
        .to_string(),
    )
    .unwrap();
    let id = "evil".to_string();
    let runs: Vec<(Vec<String>, &str)> = vec![
        (vec!["vendors".into()], ""),
        (vec!["vendors".into(), "--json".into()], ""),
        (vec!["search".into(), "token".into()], ""),
        (vec!["search".into(), "1302".into(), "--json".into()], ""),
        (vec!["show".into(), id.clone(), format!("E1{esc}")], ""),
        (
            vec![
                "show".into(),
                id.clone(),
                format!("E1{esc}"),
                "--json".into(),
            ],
            "",
        ),
        (
            vec!["decode".into()],
            "{\"evil_code\":\"nope\",\"evil_message\":\"token expired\"}",
        ),
        (
            vec!["decode".into()],
            r#"{"error":1,"code":1302,"message":"Exceed Anonymous Rate Limit"}"#,
        ),
        (vec!["decode".into(), "--json".into()], r#"{"code":"1302"}"#),
        (vec!["snippet".into(), id.clone(), "--enum".into()], ""),
    ];
    for (args, stdin) in runs {
        let out = errdex(config.path())
            .arg("--catalog")
            .arg(&file)
            .args(&args)
            .write_stdin(stdin)
            .output()
            .unwrap();
        assert!(
            matches!(out.status.code(), Some(0 | 1)),
            "{args:?}: {:?} {}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        );
        for (what, bytes) in [("stdout", &out.stdout), ("stderr", &out.stderr)] {
            let text = String::from_utf8_lossy(bytes);
            let bad = text.chars().find(|&c| {
                (c.is_control() && c != '\n')
                    || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
            });
            assert!(bad.is_none(), "{args:?} {what}: {bad:?} in {text}");
        }
    }
}
