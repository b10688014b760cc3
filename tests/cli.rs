//! The headless CLI: output shapes of the contract and exit codes.

use assert_cmd::Command;
use serde_json::Value;

fn errdex() -> Command {
    let mut cmd = Command::cargo_bin("errdex").unwrap();
    // Tests see only the embedded catalogs, whatever the machine's user folder holds.
    cmd.env("XDG_CONFIG_HOME", "/nonexistent-errdex-test");
    cmd
}

fn json(args: &[&str]) -> Value {
    let out = errdex().args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn vendors_json_lists_editions_with_counts() {
    let v = json(&["vendors", "--json"]);
    let ids: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids[..10],
        [
            "mantago",
            "tencent-im",
            "pixnet",
            "guo-guo",
            "http",
            "grpc",
            "errno",
            "postgres",
            "sqlite",
            "curl"
        ]
    );
    let types: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["type"].as_str().unwrap())
        .collect();
    assert_eq!(&types[..4], ["vendor"; 4]);
    assert!(types[4..].iter().all(|t| *t == "standard"), "{types:?}");
    // Each family names its sidebar group; the vendors' own catalogs have none.
    let http = &v[4];
    assert_eq!(
        (&http["id"], &http["group"]),
        (&"http".into(), &"Web and RPC".into())
    );
    assert!(v[0]["group"].is_null());
    for family in ["win32", "hresult", "aws", "mysql", "k8s", "oauth"] {
        assert!(ids.contains(&family), "{family}: {ids:?}");
    }
    let pixnet = &v[2];
    assert_eq!(pixnet["entries"], 164);
    assert_eq!(pixnet["name"], "PIXNET");
    let editions = pixnet["editions"].as_array().unwrap();
    assert_eq!(editions[0]["id"], "a6f649e");
    assert_eq!(editions[0]["entries"], 164);
    assert_eq!(editions[1]["id"], "d8fc161");
    assert_eq!(editions[1]["entries"], 159);
    assert_eq!(editions[1]["date"], "2019-04-23");
    for key in ["id", "name", "type", "aliases", "entries", "editions"] {
        assert!(pixnet.get(key).is_some(), "{key}");
    }
    for key in ["id", "title", "date", "source", "notes", "entries"] {
        assert!(editions[0].get(key).is_some(), "{key}");
    }
}

#[test]
fn show_json_has_every_field() {
    let e = json(&["show", "pixnet", "1302", "--json"]);
    assert_eq!(e["vendor"], "pixnet");
    assert_eq!(e["edition"], "a6f649e");
    assert_eq!(e["code"], "1302");
    assert_eq!(e["http_status"], 403);
    assert_eq!(e["message"], "Exceed Anonymous Rate Limit");
    assert_eq!(e["fix"], Value::Null);
    let keys: Vec<&String> = e.as_object().unwrap().keys().collect();
    assert_eq!(
        keys,
        [
            "vendor",
            "edition",
            "code",
            "http_status",
            "category",
            "subcategory",
            "message",
            "description",
            "fix",
            "summary_en",
            "symbol",
            "aliases",
            "maps_to",
            "kind",
            "retry",
            "obsolete"
        ]
    );
    assert_eq!(e["kind"], "rate_limit");
    assert_eq!(e["retry"], "backoff");
    let g = json(&["show", "grpc", "5", "--json"]);
    assert_eq!(g["symbol"], "NOT_FOUND");
    assert_eq!(
        g["maps_to"],
        serde_json::json!([{"vendor": "http", "code": "404"}])
    );
    assert_eq!(g["kind"], "not_found");
}

#[test]
fn show_lists_a_duplicated_code_as_an_array() {
    let e = json(&["show", "pixnet", "4109", "--json"]);
    let list = e.as_array().unwrap();
    assert_eq!(list.len(), 2);
    assert_eq!(list[1]["message"], "Missing cellphone or calling_code");
}

#[test]
fn show_reaches_an_older_edition() {
    let e = json(&["show", "pixnet", "1099", "--edition", "d8fc161", "--json"]);
    assert_eq!(e["edition"], "d8fc161");
    assert_eq!(e["description"], "(其他 Token 錯誤");
    errdex()
        .args(["show", "pixnet", "2600", "--edition", "d8fc161"])
        .assert()
        .code(1);
}

#[test]
fn show_finds_vendors_by_alias_and_keeps_string_codes() {
    let e = json(&["show", "Emma API", "1000", "--json"]);
    assert_eq!(e["vendor"], "pixnet");
    let e = json(&["show", "guo-guo", "token_validation_failed", "--json"]);
    assert_eq!(e["http_status"], 401);
    assert_eq!(e["message"], Value::Null);
}

#[test]
fn show_text_is_for_people() {
    let out = errdex().args(["show", "mantago", "1002"]).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("permission denied"), "{text}");
    assert!(text.contains("1. API Token和Secret Key有誤"), "{text}");
    assert!(
        text.contains("pixnet"),
        "other vendors using 1002 are named: {text}"
    );
}

#[test]
fn search_ranks_exact_codes_first_and_prints_scores() {
    let v = json(&["search", "1004", "--json"]);
    let top: Vec<(&str, &str)> = v.as_array().unwrap()[..2]
        .iter()
        .map(|e| (e["vendor"].as_str().unwrap(), e["code"].as_str().unwrap()))
        .collect();
    assert_eq!(top, [("mantago", "1004"), ("pixnet", "1004")]);
    assert!(v[0]["score"].is_number());
}

#[test]
fn search_query_terms_and_limit() {
    let v = json(&[
        "search",
        "vendor:pixnet",
        "status:403",
        "--limit",
        "3",
        "--json",
    ]);
    let list = v.as_array().unwrap();
    assert_eq!(list.len(), 3);
    assert!(
        list.iter()
            .all(|e| e["vendor"] == "pixnet" && e["http_status"] == 403)
    );
    let v = json(&["search", "s:4xx", "--json"]);
    assert!(v.as_array().unwrap().iter().all(|e| {
        let s = e["http_status"].as_u64().unwrap();
        (400..500).contains(&s)
    }));
}

#[test]
fn search_folds_traditional_and_simplified() {
    // 找不到 is written the same in both; 錯誤 vs 错误 is not.
    let trad = json(&["search", "錯誤", "--json"]);
    let simp = json(&["search", "错误", "--json"]);
    assert_eq!(trad, simp);
    assert!(
        trad.as_array()
            .unwrap()
            .iter()
            .any(|e| e["vendor"] == "tencent-im")
    );
    assert!(
        trad.as_array()
            .unwrap()
            .iter()
            .any(|e| e["vendor"] == "pixnet")
    );
}

#[test]
fn no_match_exits_1() {
    errdex().args(["search", "zzzzqqqxxx"]).assert().code(1);
    errdex().args(["show", "pixnet", "9999"]).assert().code(1);
}

#[test]
fn usage_errors_exit_2_with_one_line() {
    for args in [
        &["show", "nosuchvendor", "1"][..],
        &["search", "status:abc"],
        &["show", "pixnet", "1000", "--edition", "nope"],
        &["show", "pixnet"],
        &["--vendor", "pixnet", "vendors"],
        &["--vendor", "pixnt", "search", "1302"],
    ] {
        let out = errdex().args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8(out.stderr).unwrap();
        assert_eq!(err.trim_end().lines().count(), 1, "{args:?}: {err}");
    }
    // What clap finds wrong with the arguments comes whole, with the usage line.
    for args in [&["show"][..], &["search", "--limit", "x"]] {
        let out = errdex().args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(err.starts_with("error: "), "{args:?}: {err}");
        assert!(err.contains("try '--help'"), "{args:?}: {err}");
    }
}

#[test]
fn catalog_flag_adds_a_vendor_and_reports_broken_files() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("acme.json"),
        r#"{"schema":1,"vendor":{"id":"acme","name":"ACME"},"edition":{"id":"v1"},
           "entries":[{"code":"E42","http_status":418,"message":"I'm a teapot"}]}"#,
    )
    .unwrap();
    std::fs::write(
        dir.path().join("broken.json"),
        "{\n  \"schema\": 1,\n  oops\n}",
    )
    .unwrap();
    let out = errdex()
        .args([
            "--catalog",
            dir.path().to_str().unwrap(),
            "show",
            "acme",
            "E42",
            "--json",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let e: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(e["message"], "I'm a teapot");
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("broken.json:3:3"), "{err}");
}

#[test]
fn control_characters_in_queries_are_not_echoed_raw() {
    let out = errdex()
        .args(["show", "pixnet", "\x1b]0;pwned\x07"])
        .output()
        .unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(!err.contains('\x1b') && err.contains('␛'), "{err:?}");
}

#[test]
fn decode_reads_files_and_stdin_with_exit_codes() {
    let sample = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/samples/mantago.txt");
    let v = json(&["decode", sample, "--json"]);
    let err = &v["errors"][0];
    assert_eq!(err["vendor"], "mantago");
    assert_eq!(err["matches"][0]["code"], err["code"]);
    for key in [
        "code",
        "message",
        "http_status",
        "vendor",
        "path",
        "matches",
        "suggestions",
    ] {
        assert!(err.get(key).is_some(), "{key}");
    }
    // Unknown code: the vendor is named, nothing matches, exit 1.
    let out = errdex()
        .args(["decode", "--json"])
        .write_stdin(r#"{"error":1,"code":9999,"message":"Album is not found"}"#)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["errors"][0]["vendor"], "pixnet");
    assert_eq!(v["errors"][0]["matches"], serde_json::json!([]));
    assert!(!v["errors"][0]["suggestions"].as_array().unwrap().is_empty());
    // Unreadable input: exit 2, one line.
    let out = errdex()
        .args(["decode", "/nonexistent/file"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(String::from_utf8(out.stderr).unwrap().lines().count(), 1);
}

#[test]
fn decode_text_says_what_it_means_without_raw_escapes() {
    let out = errdex()
        .arg("decode")
        .write_stdin("\x1b]0;t\x07 HTTP/1.1 403 Forbidden\r\n\r\n{\"error\":1,\"code\":\"1302\",\"message\":\"Exceed Anonymous Rate Limit\x1b[2J\"}")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("pixnet 1302") && text.contains("HTTP 403"),
        "{text}"
    );
    assert!(!text.contains('\x1b'), "{text:?}");
}

/// A payment API's error in PIXNET's shape is not PIXNET's: exit 1, the entry it looks like
/// offered with what that entry says instead.
#[test]
fn decode_does_not_claim_a_body_whose_message_contradicts_its_code() {
    let out = errdex()
        .arg("decode")
        .write_stdin(
            "2024-06-02T10:14:07Z ERROR charge failed: {\"error\":1,\"code\":4001,\"message\":\"Insufficient funds in wallet\"}\n",
        )
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("unknown vendor 4001"), "{text}");
    assert!(
        text.contains(
            "  note:        shaped like PIXNET's errors, but PIXNET 4001 says “URL 中缺少必要參數 %s”"
        ),
        "{text}"
    );
    assert!(text.contains("  maybe:       pixnet 4001 "), "{text}");

    let out = errdex()
        .args(["decode", "--json"])
        .write_stdin(r#"{"error":true,"code":1001,"message":"Card expired"}"#)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let e = &v["errors"][0];
    assert_eq!(e["confidence"], "contradicted");
    assert_eq!(e["vendor"], Value::Null);
    assert_eq!(e["matches"], serde_json::json!([]));
    assert_eq!(e["suggestions"][0]["code"], "1001");
    assert!(e["note"].as_str().unwrap().contains("PIXNET 1001 says"));

    // Without a message, the flag and the code are PIXNET's (a weaker claim).
    let out = errdex()
        .args(["decode", "--json"])
        .write_stdin(r#"{"error":true,"code":1001}"#)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["errors"][0]["vendor"], "pixnet");
    assert_eq!(v["errors"][0]["confidence"], "envelope_code");
}

/// Error details read from a grpc-status-details-bin trailer, in text and in JSON.
#[test]
fn decode_shows_error_details() {
    let file = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/pastes/grpcurl-status-details-bin.txt"
    );
    let out = errdex().args(["decode", file]).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("grpc 8  at line 15\n"), "{text}");
    for line in [
        "  wait:        retry after 30 s (RetryInfo: 30s)",
        "  detail:      RetryInfo: retry after 30s",
        "  detail:      QuotaFailure: project:acme-prod: Daily limit of 1000 charges reached",
    ] {
        assert!(text.contains(line), "{line}\n{text}");
    }
    let v = json(&["decode", "--json", file]);
    let e = &v["errors"][0];
    assert_eq!(e["retry_after"]["seconds"], 30);
    assert_eq!(
        e["details"][1]["@type"],
        "type.googleapis.com/google.rpc.QuotaFailure"
    );
}

#[test]
fn snippet_prints_arms_and_enums() {
    let out = errdex()
        .args(["snippet", "pixnet", "1302", "--lang", "rust"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("1302 => PixnetError::"), "{text}");
    // The body's type with the enum, for vendors whose catalog describes one.
    let out = errdex()
        .args(["snippet", "mantago", "--envelope", "--lang", "rust"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("pub enum MantagoError")
            && text.contains("pub struct MantagoErrorBody")
            && text.contains("#[serde(rename = \"errResponse\""),
        "{text}"
    );
    let out = errdex()
        .args(["snippet", "http", "--envelope"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no error body"));
    let out = errdex()
        .args(["snippet", "guo-guo", "--lang", "python", "--enum"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("class GuoGuoError") && text.contains("\"pay_uni_order_not_found\""),
        "{text}"
    );
    errdex()
        .args(["snippet", "pixnet", "nope"])
        .assert()
        .code(1);
    errdex()
        .args(["snippet", "pixnet", "--lang", "cobol"])
        .assert()
        .code(2);
}

/// A message's spaces at either end are part of what the API sends: every language's enum keeps
/// them in its literal exactly as `show --json` has the message, for an embedded catalog
/// (redis's `NOQUORUM %i usable Sentinels. `) and a user's.
#[test]
fn snippet_literals_keep_a_message_s_spaces_as_show_json_does() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("spaced.json");
    let http = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/catalogs/http.json"))
        .unwrap();
    let mut c: Value = serde_json::from_str(&http).unwrap();
    c["vendor"]["id"] = "spaced".into();
    c["vendor"]["aliases"] = serde_json::json!([]);
    c["entries"][0]["message"] = "  Two spaces before, one after ".into();
    std::fs::write(&file, c.to_string()).unwrap();
    let catalog = file.to_str().unwrap();
    for (vendor, code) in [("redis", "NOQUORUM"), ("spaced", "100")] {
        let shown = json(&["--catalog", catalog, "show", vendor, code, "--json"]);
        let message = shown["message"].as_str().unwrap();
        assert_ne!(message, message.trim(), "{vendor}: spaces at an end");
        for lang in [
            "rust",
            "go",
            "python",
            "typescript",
            "javascript",
            "java",
            "kotlin",
            "csharp",
            "php",
            "ruby",
        ] {
            let out = errdex()
                .args(["--catalog", catalog, "snippet", vendor, "--lang", lang])
                .output()
                .unwrap();
            assert!(out.status.success(), "{vendor} {lang}");
            let text = String::from_utf8(out.stdout).unwrap();
            assert!(
                text.contains(&format!("\"{message}\"")) || text.contains(&format!("'{message}'")),
                "{vendor} {lang}: no literal {message:?}"
            );
        }
    }
}

#[test]
fn snippet_names_csharp_php_and_ruby_as_users_write_them() {
    for (lang, arm) in [
        (
            "csharp",
            "case 1302: return PixnetError.ExceedAnonymousRateLimit;",
        ),
        (
            "cs",
            "case 1302: return PixnetError.ExceedAnonymousRateLimit;",
        ),
        (
            "c#",
            "case 1302: return PixnetError.ExceedAnonymousRateLimit;",
        ),
        ("php", "1302 => PixnetError::ExceedAnonymousRateLimit,"),
        ("ruby", "1302 => PixnetError::EXCEED_ANONYMOUS_RATE_LIMIT,"),
        ("rb", "1302 => PixnetError::EXCEED_ANONYMOUS_RATE_LIMIT,"),
    ] {
        let out = errdex()
            .args(["snippet", "pixnet", "1302", "--lang", lang])
            .output()
            .unwrap();
        assert!(out.status.success(), "{lang}");
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(text.starts_with(arm), "{lang}: {text}");
    }
}

/// What a newcomer tries in the first hour: a bare code or word searches, `show` without a
/// vendor shows every catalog's code, codes as Node and people type them, near-miss vendor ids.
#[test]
fn the_cli_does_what_a_newcomer_tries() {
    // `show --json` prints one entry as an object, several as an array.
    let codes = |v: &Value| -> Vec<(String, String)> {
        v.as_array()
            .cloned()
            .unwrap_or_else(|| vec![v.clone()])
            .iter()
            .map(|e| {
                (
                    e["vendor"].as_str().unwrap().to_string(),
                    e["code"].as_str().unwrap().to_string(),
                )
            })
            .collect()
    };
    // `errdex 404` is `errdex search 404`; options after it still apply.
    assert_eq!(
        codes(&json(&["404", "--json", "-n", "3"])),
        codes(&json(&["search", "404", "--json", "-n", "3"]))
    );
    // Node's system error of that name and errno's symbol are both exact.
    let first = codes(&json(&["ECONNREFUSED", "--json", "-n", "2"]));
    assert!(
        first.contains(&("errno".to_string(), "111".to_string())),
        "{first:?}"
    );
    // `--catalog PATH` before the word is skipped as an option with its value.
    let http = concat!(env!("CARGO_MANIFEST_DIR"), "/catalogs/http.json");
    let out = errdex()
        .args(["--no-user-catalogs", "--catalog", http, "1302"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("1302"));

    // `show 1302`: every catalog that has 1302.
    let all = codes(&json(&["show", "1302", "--json"]));
    assert!(
        all.contains(&("pixnet".to_string(), "1302".to_string())),
        "{all:?}"
    );
    assert!(all.iter().all(|(_, c)| c == "1302"), "{all:?}");
    let out = errdex().args(["show", "5", "--json"]).output().unwrap();
    let five: Value = serde_json::from_slice(&out.stdout).unwrap();
    let vendors: Vec<String> = codes(&five).into_iter().map(|(v, _)| v).collect();
    for v in ["grpc", "errno", "sqlite", "curl"] {
        assert!(vendors.contains(&v.to_string()), "{v}: {vendors:?}");
    }

    // Negative errno, as Node prints it, needs no `--` and says how it was read.
    let out = errdex()
        .args(["show", "errno", "-111", "--json"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["code"], "111");
    assert!(String::from_utf8_lossy(&out.stderr).contains("negative"));
    // Leading zeros, symbols in snippet.
    assert_eq!(
        json(&["show", "mantago", "01004", "--json"])["code"],
        "1004"
    );
    let out = errdex()
        .args([
            "snippet",
            "errno",
            "ECONNREFUSED",
            "ENOENT",
            "--lang",
            "python",
        ])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let arms = String::from_utf8_lossy(&out.stdout);
    assert!(arms.contains("111") && arms.contains("2"), "{arms}");

    // A misspelled vendor gets "did you mean".
    let out = errdex().args(["show", "pixnt", "1302"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("did you mean `pixnet`"));

    // The global --vendor narrows a search and names show's vendor.
    let narrowed = codes(&json(&["--vendor", "pixnet", "search", "1302", "--json"]));
    assert!(
        !narrowed.is_empty() && narrowed.iter().all(|(v, _)| v == "pixnet"),
        "{narrowed:?}"
    );
    assert_eq!(
        json(&["--vendor", "errno", "show", "ENOENT", "--json"])["code"],
        "2"
    );
}
