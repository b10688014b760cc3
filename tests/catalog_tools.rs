//! `errdex catalog check|import|diff`: the seed documents import back into the shipped catalogs,
//! held-out tables of each format import correctly, broken catalogs are reported at the right
//! place, and the two PIXNET editions compare as the seed README says.

use assert_cmd::Command;
use errdex::catalog::import::{Format, import, import_report};
use errdex::catalog::{Catalog, Entry, Loaded, Text};
use errdex::index::embedded::catalogs as embedded;
use serde_json::Value;
use std::path::{Path, PathBuf};

fn errdex() -> Command {
    let mut cmd = Command::cargo_bin("errdex").unwrap();
    cmd.env("XDG_CONFIG_HOME", "/nonexistent-errdex-test");
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"));
    cmd
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn seed(prefix: &str) -> (String, String) {
    let dir = root().join("tests/fixtures/seeds");
    let path = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.file_name().unwrap().to_str().unwrap().starts_with(prefix))
        .unwrap();
    let name = path.file_name().unwrap().to_str().unwrap().to_string();
    (std::fs::read_to_string(&path).unwrap(), name)
}

fn shipped(vendor: &str, edition: Option<&str>) -> Catalog {
    embedded::<Vec<Entry>>()
        .into_iter()
        .map(Loaded::catalog)
        .find(|c| c.vendor.id == vendor && edition.is_none_or(|e| c.edition.id == e))
        .unwrap()
}

/// Every field of each row but what is written for the shipped catalogs (the English summary,
/// the kind and retry advice).
fn rows(c: &Catalog) -> Vec<Entry> {
    c.entries
        .iter()
        .map(|e| Entry {
            summary_en: None,
            kind: None,
            retry: None,
            ..e.clone()
        })
        .collect()
}

fn draft(prefix: &str, vendor: &str) -> Catalog {
    let (text, name) = seed(prefix);
    import(&text, vendor, None, &name).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn assert_draft_shape(c: &Catalog) {
    assert_eq!(c.edition.id, "draft");
    assert!(c.envelope.is_none());
    assert!(c.entries.iter().all(|e| e.summary_en.is_none()));
}

// ---------------------------------------------------------------------------------------------
// Seeds

#[test]
fn seed_000_html_table_with_lists_is_the_shipped_mantago_catalog() {
    let c = draft("000", "mantago");
    assert_draft_shape(&c);
    assert_eq!(c.edition.title.as_deref(), Some("錯誤代碼"));
    assert_eq!(rows(&c), rows(&shipped("mantago", None)));
    let e1002 = c.entries.iter().find(|e| e.code == "1002").unwrap();
    assert_eq!(
        e1002.description,
        Some(Text::List(vec![
            "API Token和Secret Key有誤".into(),
            "目前方案不支援Open API".into()
        ]))
    );
}

#[test]
fn seed_001_markdown_with_tabs_and_a_missing_pipe_is_the_shipped_tencent_catalog() {
    let c = draft("001", "tencent-im");
    assert_draft_shape(&c);
    assert_eq!(rows(&c), rows(&shipped("tencent-im", None)));
    // The 60004 row lacks its closing pipe.
    let e = c.entries.iter().find(|e| e.code == "60004").unwrap();
    assert_eq!(
        e.message.as_deref(),
        Some("请求 URL 或 JSON 包体中帐号或签名错误 。")
    );
}

#[test]
fn seed_004_markdown_tables_with_escapes_are_the_shipped_older_pixnet_edition() {
    let c = draft("004", "pixnet");
    assert_draft_shape(&c);
    assert_eq!(c.edition.title.as_deref(), Some("API Error Codes"));
    assert_eq!(rows(&c), rows(&shipped("pixnet", Some("d8fc161"))));
    let msg = |code: &str| {
        c.entries
            .iter()
            .find(|e| e.code == code)
            .unwrap()
            .message
            .clone()
            .unwrap()
    };
    assert_eq!(msg("1099"), "(其他 Token 錯誤)");
    assert_eq!(msg("8300"), "Can't block this user");
    assert_eq!(
        msg("4102"),
        "Error, Params id_image_front or id_image_back not found"
    );
    assert!(
        msg("1205").ends_with(
            "[https://pixnetid.pixnet.cc/#/service](https://pixnetid.pixnet.cc/#/service)"
        )
    );
}

#[test]
fn seed_003_common_codes_table_matches_the_shipped_guo_guo_rows() {
    let (text, name) = seed("003");
    let report = import_report(&text, "guo-guo", Some("Guo-Guo"), &name).unwrap();
    // The "Error Response Fields" table has no code column and is skipped, with a warning.
    assert_eq!(report.tables.len(), 1);
    assert_eq!(report.tables[0].format, Format::Markdown);
    assert!(
        report
            .warnings
            .iter()
            .any(|w| w.message.contains("no") && w.message.contains("code column"))
    );
    let c = report.catalog;
    assert_eq!(c.entries.len(), 11);
    let full = shipped("guo-guo", None);
    for e in &c.entries {
        let s = full.entries.iter().find(|s| s.code == e.code).unwrap();
        assert_eq!(
            (e.http_status, &e.description, &e.fix),
            (s.http_status, &s.description, &s.fix),
            "{}",
            e.code
        );
        assert_eq!(e.message, None, "`Meaning` is a description");
    }
    assert_eq!(c.entries[2].code, "token_validation_failed");
    assert_eq!(c.entries[2].http_status, Some(401));
}

#[test]
fn seed_002_plain_text_scrape_is_read_with_a_warning_about_message_and_description() {
    let (text, name) = seed("002");
    let report = import_report(&text, "pixnet", None, &name).unwrap();
    assert!(report.tables.iter().all(|t| t.format == Format::PlainText));
    let warning = report
        .warnings
        .iter()
        .find(|w| w.message.contains("cannot be told apart"))
        .expect("the merge is announced");
    assert!(warning.message.contains("`說明`"), "{warning}");
    let c = report.catalog;
    let current = shipped("pixnet", Some("a6f649e"));
    assert_eq!(c.entries.len(), current.entries.len());
    for (d, s) in c.entries.iter().zip(&current.entries) {
        // Code, status, category and subcategory are exact.
        assert_eq!(
            (&d.code, d.http_status, &d.category, &d.subcategory),
            (&s.code, s.http_status, &s.category, &s.subcategory)
        );
        // Message and description, joined by a space, are all in the message.
        let joined = [
            s.message.clone(),
            s.description.as_ref().map(|t| t.to_string()),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
        assert_eq!(d.message.as_deref(), Some(joined.as_str()), "{}", d.code);
        assert_eq!(d.description, None);
    }
}

#[test]
fn imports_of_every_seed_round_trip_through_catalog_check() {
    let dir = tempfile::tempdir().unwrap();
    for (prefix, vendor) in [
        ("000", "mantago"),
        ("001", "tencent-im"),
        ("002", "pixnet"),
        ("003", "guo-guo"),
        ("004", "pixnet"),
    ] {
        let (_, name) = seed(prefix);
        let out = dir.path().join(format!("{prefix}.json"));
        let input = root().join("tests/fixtures/seeds").join(&name);
        let assert = errdex()
            .args(["catalog", "import"])
            .arg(&input)
            .args(["--vendor", vendor, "-o"])
            .arg(&out)
            .assert()
            .success();
        let stderr = String::from_utf8_lossy(&assert.get_output().stderr).to_string();
        assert!(stderr.contains("summary_en"), "{prefix}: {stderr}");
        assert!(assert.get_output().stdout.is_empty());
        errdex()
            .args(["catalog", "check"])
            .arg(&out)
            .assert()
            .code(0);
    }
    // Known vendors keep their display name.
    let text = std::fs::read_to_string(dir.path().join("001.json")).unwrap();
    let v: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(v["vendor"]["name"], "Tencent Cloud IM");
}

// ---------------------------------------------------------------------------------------------
// Held-out tables

fn fixture(name: &str) -> (String, String) {
    let path = root().join("tests/fixtures/import").join(name);
    (std::fs::read_to_string(&path).unwrap(), name.to_string())
}

fn entry<'a>(c: &'a Catalog, code: &str) -> &'a Entry {
    c.entries
        .iter()
        .find(|e| e.code == code)
        .unwrap_or_else(|| panic!("no {code}"))
}

#[test]
fn csv_with_bom_quotes_and_chinese_headers() {
    let (text, name) = fixture("acme-errors.csv");
    let c = import(&text, "acme", Some("Acme"), &name).unwrap();
    let codes: Vec<&str> = c.entries.iter().map(|e| e.code.as_str()).collect();
    assert_eq!(codes, ["E1001", "E1002", "E1003", "E1004"]);
    let e = entry(&c, "E1001");
    assert_eq!(e.http_status, Some(401));
    assert_eq!(
        e.message.as_deref(),
        Some("Token expired, please sign in again")
    );
    assert_eq!(
        e.description,
        Some(Text::One("權杖已過期，請重新登入".into()))
    );
    assert_eq!(e.fix, Some(Text::One("1. 重新取得 token\n2. 重試".into())));
    let e = entry(&c, "E1002");
    assert_eq!(e.http_status, Some(403));
    assert_eq!(e.message.as_deref(), Some("Quota \"daily\" exceeded"));
    assert_eq!(e.fix, None);
    assert_eq!(entry(&c, "E1003").fix, Some(Text::One("聯絡客服".into())));
    assert_eq!(entry(&c, "E1004").http_status, None);
    assert_eq!(
        entry(&c, "E1004").message.as_deref(),
        Some("Trailing, comma")
    );
    assert_eq!(c.vendor.name, "Acme");
}

#[test]
fn tsv_is_read_by_content_or_extension() {
    let text = "Code\tStatus\tMessage\n\"T1\"\t404\t\"Not\tfound\"\nT2\t500\tBoom\n";
    for name in ["errors.tsv", "errors.txt"] {
        let c = import(text, "t", None, name).unwrap();
        assert_eq!(c.entries.len(), 2, "{name}");
        assert_eq!(c.entries[0].message.as_deref(), Some("Not\tfound"));
        assert_eq!(c.entries[1].http_status, Some(500));
    }
}

#[test]
fn html_with_entities_lists_and_omitted_end_tags() {
    let (text, name) = fixture("gadgets.html");
    let c = import(&text, "gadgets", None, &name).unwrap();
    assert_eq!(c.edition.title.as_deref(), Some("Gadgets API 錯誤代碼"));
    assert_eq!(c.entries.len(), 4);
    let e = entry(&c, "G-1");
    assert_eq!(e.http_status, Some(401));
    assert_eq!(e.message.as_deref(), Some("Token <expired> & revoked"));
    assert_eq!(
        e.description,
        Some(Text::One("權杖已過期，或已被撤銷".into()))
    );
    assert_eq!(
        e.fix,
        Some(Text::List(vec![
            "重新登入".into(),
            "檢查系統時間 > 伺服器時間".into()
        ]))
    );
    let e = entry(&c, "G-2");
    assert_eq!(e.message.as_deref(), Some("Rate limited\nretry later"));
    assert_eq!(
        e.description,
        Some(Text::One("請求過於頻繁 (每秒 > 10 次)".into()))
    );
    assert_eq!(e.fix, None);
    let e = entry(&c, "G-3");
    assert_eq!(e.message.as_deref(), Some("It's broken"));
    assert_eq!(e.fix, Some(Text::One("稍後再試".into())));
}

#[test]
fn every_html5_named_entity_decodes_through_the_binary() {
    let out = errdex()
        .args(["catalog", "import", "--vendor", "gadgets"])
        .arg(root().join("tests/fixtures/import/gadgets.html"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let draft: Catalog = serde_json::from_slice(&out.stdout).unwrap();
    let e = entry(&draft, "G-4");
    assert_eq!(e.message.as_deref(), Some("Café déjà fermé…"));
    assert_eq!(
        e.description,
        Some(Text::One("«réessayer» → 中\u{2242}\u{338}".into()))
    );
}

#[test]
fn markdown_with_escaped_pipes_missing_pipes_and_english_headers() {
    let (text, name) = fixture("widgets.md");
    let report = import_report(&text, "widgets", None, &name).unwrap();
    let c = &report.catalog;
    assert_eq!(c.edition.title.as_deref(), Some("Widget API errors"));
    let codes: Vec<&str> = c.entries.iter().map(|e| e.code.as_str()).collect();
    assert_eq!(
        codes,
        ["W100", "W101", "W102", "W200", "W201"],
        "the fenced table is not read"
    );
    let e = entry(c, "W100");
    assert_eq!(e.http_status, Some(400));
    assert_eq!(e.message.as_deref(), Some("Value must be `a|b` or c | d"));
    assert_eq!(
        e.fix,
        Some(Text::One("Use one of the listed values".into()))
    );
    let e = entry(c, "W101");
    assert_eq!(e.message.as_deref(), Some("**Widget** not found"));
    assert_eq!(
        e.fix,
        Some(Text::One(
            "Check the id; see [the docs](https://widgets.example/docs#ids)".into()
        ))
    );
    assert_eq!(entry(c, "W102").fix, None);
    assert_eq!(
        entry(c, "W200").message.as_deref(),
        Some("Too many requests — slow down")
    );
    assert_eq!(
        entry(c, "W200").fix,
        Some(Text::One("Wait\nthen retry".into()))
    );
    assert_eq!(
        entry(c, "W201").message.as_deref(),
        Some("Daily quota *exceeded*")
    );
    assert_eq!(
        entry(c, "W201").fix,
        Some(Text::One("Upgrade your plan".into()))
    );
    // Markup kept in messages is pointed out.
    assert!(
        report
            .warnings
            .iter()
            .any(|w| w.message.contains("W100, W101")),
        "{:?}",
        report.warnings
    );
}

#[test]
fn import_refuses_what_it_cannot_read() {
    // No table.
    let dir = tempfile::tempdir().unwrap();
    let prose = dir.path().join("prose.md");
    std::fs::write(&prose, "# Errors\n\nNothing tabular here.\n").unwrap();
    let out = errdex()
        .args(["catalog", "import"])
        .arg(&prose)
        .args(["--vendor", "x"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("no table found"), "{stderr}");
    // Unreadable input.
    let out = errdex()
        .args(["catalog", "import", "no/such/file.md", "--vendor", "x"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("cannot read no/such/file.md"), "{stderr}");
    // Not text.
    let binary = dir.path().join("table.csv");
    std::fs::write(&binary, b"code,message\n1,\xff\xfe\xfd\n").unwrap();
    let out = errdex()
        .args(["catalog", "import"])
        .arg(&binary)
        .args(["--vendor", "x"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not UTF-8"));
    // A vendor id that could not be typed back.
    let out = errdex()
        .args([
            "catalog",
            "import",
            "tests/fixtures/import/widgets.md",
            "--vendor",
            "Widgets Inc",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("`widgets-inc`"));
    // An unterminated quote in a CSV file.
    let broken = dir.path().join("broken.csv");
    std::fs::write(&broken, "code,message\n1,ok\n2,\"never closed\n3,x\n").unwrap();
    let out = errdex()
        .args(["catalog", "import"])
        .arg(&broken)
        .args(["--vendor", "x"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("line 3: a quoted field"));
}

#[test]
fn import_output_is_never_overwritten_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("widgets.json");
    std::fs::write(&out, "keep me").unwrap();
    let run = |force: bool| {
        let mut cmd = errdex();
        cmd.args([
            "catalog",
            "import",
            "tests/fixtures/import/widgets.md",
            "--vendor",
            "widgets",
            "-o",
        ])
        .arg(&out);
        if force {
            cmd.arg("--force");
        }
        cmd.output().unwrap()
    };
    let refused = run(false);
    assert_eq!(refused.status.code(), Some(2));
    let stderr = String::from_utf8(refused.stderr).unwrap();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.contains("already exists") && stderr.contains("--force"),
        "{stderr}"
    );
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "keep me");

    assert!(run(true).status.success());
    let written: Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(written["vendor"]["id"], "widgets");
    assert_eq!(written["entries"].as_array().unwrap().len(), 5);
    // Nothing but the output is left in the folder.
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}

// ---------------------------------------------------------------------------------------------
// check

fn check(paths: &[&str]) -> (i32, String) {
    let out = errdex()
        .args(["catalog", "check"])
        .args(paths)
        .output()
        .unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
    )
}

#[test]
fn broken_catalogs_are_reported_at_file_line_col() {
    let dir = "tests/fixtures/catalogs/invalid";
    let cases = [
        ("syntax.json", "4:3: JSON syntax error: expected `,` or `}`"),
        (
            "wrong-type.json",
            "7:40: wrong content at entries[1].http_status: invalid type: string \"404\", expected an HTTP status number (100-599)",
        ),
        (
            "missing-field.json",
            "7:43: wrong content at entries[1]: missing field `code`",
        ),
        (
            "empty.json",
            "1:1: the file is empty; a catalog is a JSON object",
        ),
        (
            "bad-status.json",
            "9:21: entries[2].http_status 4040 is not an HTTP status (100-599)",
        ),
        ("not-utf8.json", "3:41: the file is not valid UTF-8"),
    ];
    for (file, expected) in cases {
        let path = format!("{dir}/{file}");
        let (code, stdout) = check(&[&path]);
        assert_eq!(code, 1, "{file}: {stdout}");
        let lines: Vec<&str> = stdout.lines().collect();
        assert_eq!(
            lines,
            [
                format!("{path}:{expected}").as_str(),
                "1 problem in 1 file (1 checked)"
            ]
        );
    }
}

#[test]
fn a_vendor_edition_pair_defined_twice_is_reported_at_the_later_edition_key() {
    let (code, stdout) = check(&[
        "tests/fixtures/catalogs/invalid/duplicate/first.json",
        "tests/fixtures/catalogs/invalid/duplicate/second.json",
    ]);
    assert_eq!(code, 1);
    let first = stdout.lines().next().unwrap();
    assert_eq!(
        first,
        "tests/fixtures/catalogs/invalid/duplicate/second.json:4:3: vendor `acme` edition `2024` is already defined in tests/fixtures/catalogs/invalid/duplicate/first.json; only one of them would load (give this edition its own edition.id)"
    );
    // A folder is every *.json file in it.
    let (code, stdout) = check(&["tests/fixtures/catalogs/invalid"]);
    assert_eq!(code, 1);
    assert!(
        stdout.ends_with("6 problems in 6 files (6 checked)\n"),
        "{stdout}"
    );
}

#[test]
fn valid_and_shipped_catalogs_pass() {
    let count = |dir: &str| {
        std::fs::read_dir(root().join(dir))
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .filter(|n| n.ends_with(".json") && n != "schema.json" && n != "kinds.json")
            .count()
    };
    let files = count("tests/fixtures/catalogs/valid") + count("catalogs");
    let (code, stdout) = check(&["tests/fixtures/catalogs/valid", "catalogs"]);
    assert_eq!((code, stdout), (0, format!("{files} catalog files OK\n")));
}

#[test]
fn check_needs_a_path_and_names_missing_ones() {
    let out = errdex().args(["catalog", "check"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let (code, stdout) = check(&["no-such-catalog.json"]);
    assert_eq!(code, 1);
    assert!(
        stdout.starts_with("no-such-catalog.json: no such file or folder\n"),
        "{stdout}"
    );
}

// ---------------------------------------------------------------------------------------------
// diff

#[test]
fn pixnet_diff_lists_the_new_rows_and_the_real_changes() {
    let out = errdex()
        .args(["catalog", "diff", "pixnet"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines,
        [
            "pixnet: d8fc161 (159 rows) → a6f649e (164 rows): 5 added, 0 removed, 2 changed",
            "+ 2600  404  POI not found",
            "+ 2700  404  Job not found",
            "+ 4216  400  Invalid %s format",
            "+ 5600  400  Error, POI hash id is invalid",
            "+ 8600  500  Get POI failed",
            "~ 1099  description: \"(其他 Token 錯誤\" → \"(其他 Token 錯誤)\"",
            "~ 1205  message: \"「APP為部落格功能服務，請先啟用部落格」，開啟連至帳號中心/啟用服務頁 [https://pixnetid.pixnet.cc/#/service](https://pixnetid.pixnet.cc/#/service)\" → \"「APP為部落格功能服務,請先啟用部落格」,開啟連至帳號中心/啟用服務頁\"",
            "(7 more rows differ only in full-width vs ASCII punctuation, such as ， and ,; --exact lists them)",
        ]
    );
}

#[test]
fn pixnet_diff_json_and_exact() {
    let out = errdex()
        .args(["catalog", "diff", "pixnet", "--json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        (v["vendor"].as_str(), v["old"].as_str(), v["new"].as_str()),
        (Some("pixnet"), Some("d8fc161"), Some("a6f649e"))
    );
    let codes = |key: &str| -> Vec<String> {
        v[key]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["code"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(codes("added"), ["2600", "2700", "4216", "5600", "8600"]);
    assert!(codes("removed").is_empty());
    assert_eq!(codes("changed"), ["1099", "1205"]);
    assert_eq!(v["added"][0]["edition"], "a6f649e");
    assert_eq!(v["added"][0]["http_status"], 404);
    let d = &v["changed"][0]["fields"]["description"];
    assert_eq!(
        (d["old"].as_str(), d["new"].as_str()),
        (Some("(其他 Token 錯誤"), Some("(其他 Token 錯誤)"))
    );
    assert_eq!(v["changed"][0]["fields"].as_object().unwrap().len(), 1);
    assert_eq!(
        v["changed"][1]["fields"]
            .as_object()
            .unwrap()
            .keys()
            .collect::<Vec<_>>(),
        ["message"]
    );
    assert_eq!(codes("punctuation_only").len(), 7);
    assert!(codes("punctuation_only").contains(&"1001".to_string()));

    // --exact: punctuation differences are changes like any other.
    let out = errdex()
        .args([
            "catalog", "diff", "pixnet", "d8fc161", "a6f649e", "--json", "--exact",
        ])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["changed"].as_array().unwrap().len(), 9);
    assert!(v["punctuation_only"].as_array().unwrap().is_empty());
    let e1001 = v["changed"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["code"] == "1001")
        .unwrap();
    assert_eq!(e1001["fields"]["message"]["old"], "錯誤：此APIkey已被停權");
    assert_eq!(e1001["fields"]["message"]["new"], "錯誤:此APIkey已被停權");
}

#[test]
fn diff_in_reverse_and_usage_errors() {
    let out = errdex()
        .args(["catalog", "diff", "pixnet", "a6f649e", "d8fc161", "--json"])
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["removed"].as_array().unwrap().len(), 5);
    assert!(v["added"].as_array().unwrap().is_empty());

    for (args, needle) in [
        (vec!["catalog", "diff", "nobody"], "unknown vendor"),
        (
            vec!["catalog", "diff", "pixnet", "zzz"],
            "has no edition `zzz`",
        ),
        (vec!["catalog", "diff", "mantago"], "one edition"),
    ] {
        let out = errdex().args(&args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert!(stderr.contains(needle), "{stderr}");
    }
}

/// `errdex --catalog CATALOG catalog diff ARGS.. --json`, which must succeed: its output.
fn diff_json(catalog: &Path, args: &[&str]) -> String {
    let run = errdex()
        .arg("--catalog")
        .arg(catalog)
        .args(["catalog", "diff"])
        .args(args)
        .arg("--json")
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    String::from_utf8(run.stdout).unwrap()
}

#[test]
fn user_catalog_editions_can_be_compared_too() {
    // A draft imported from the older PIXNET edition, loaded as a user catalog, compares against
    // the shipped edition it came from: nothing differs but the summaries it lacks.
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("pixnet-draft.json");
    let (_, name) = seed("004");
    errdex()
        .args(["catalog", "import"])
        .arg(Path::new("tests/fixtures/seeds").join(name))
        .args(["--vendor", "pixnet", "-o"])
        .arg(&out)
        .assert()
        .success();
    let raw = diff_json(&out, &["pixnet", "d8fc161", "draft"]);
    let v: Value = serde_json::from_str(&raw).unwrap();
    assert!(v["added"].as_array().unwrap().is_empty());
    assert!(v["removed"].as_array().unwrap().is_empty());
    let changed = v["changed"].as_array().unwrap();
    assert_eq!(changed.len(), 159);
    assert!(
        changed
            .iter()
            .all(|c| c["fields"].as_object().unwrap().keys().collect::<Vec<_>>() == ["summary_en"])
    );
}

#[test]
fn diff_json_escapes_control_characters() {
    // Two editions of a user vendor whose message changed to one holding escape sequences: the
    // JSON carries them escaped, never raw (a terminal showing the output would obey them).
    let dir = tempfile::tempdir().unwrap();
    for (edition, message) in [
        ("1", "plain"),
        ("2", r"bad \u001b]0;title\u0007 \u009b2J \u007f"),
    ] {
        std::fs::write(
            dir.path().join(format!("acme-{edition}.json")),
            format!(
                r#"{{"schema":1,"vendor":{{"id":"acme","name":"Acme"}},"edition":{{"id":"{edition}"}},
                "entries":[{{"code":"A1","message":"{message}"}}]}}"#
            ),
        )
        .unwrap();
    }
    let raw = diff_json(dir.path(), &["acme", "1", "2"]);
    assert!(
        !raw.chars().any(|c| c.is_control() && c != '\n'),
        "raw control character in {raw:?}"
    );
    let v: Value = serde_json::from_str(&raw).unwrap();
    assert_eq!(
        v["changed"][0]["fields"]["message"]["new"],
        "bad \u{1b}]0;title\u{7} \u{9b}2J \u{7f}"
    );
}

// ---------------------------------------------------------------------------------------------
// Hostile input: never a panic

mod never_panics {
    use errdex::catalog::import::import_report;
    use errdex::catalog::parse_catalog;
    use proptest::prelude::*;

    /// Text made of the characters the parsers care about, CJK and multi-byte ones included.
    fn tabular() -> impl Strategy<Value = String> {
        prop::collection::vec(
            prop::sample::select(vec![
                "|",
                "\\",
                "\\|",
                "-",
                ":",
                "`",
                "*",
                "<",
                ">",
                "&",
                "&amp;",
                "&#x",
                ";",
                "\"",
                ",",
                "\t",
                "\n",
                "\r\n",
                " ",
                "#",
                "<table>",
                "<tr>",
                "<td>",
                "<th>",
                "</td>",
                "<li>",
                "<br>",
                "<!--",
                "Code",
                "錯誤代碼",
                "HTTP Status",
                "訊息",
                "400",
                "1000",
                "é",
                "錯",
                "😀",
                "```",
                "{",
                "}",
                "[",
                "]",
                "\u{feff}",
            ]),
            0..80,
        )
        .prop_map(|parts| parts.concat())
    }

    fn jsonish() -> impl Strategy<Value = String> {
        prop::collection::vec(
            prop::sample::select(vec![
                "{",
                "}",
                "[",
                "]",
                ":",
                ",",
                "\"",
                "\\",
                "\"schema\"",
                "\"vendor\"",
                "\"id\"",
                "\"entries\"",
                "\"code\"",
                "\"edition\"",
                "1",
                "-",
                "true",
                "null",
                " ",
                "\n",
                "錯",
                "😀",
                "\"x\"",
            ]),
            0..60,
        )
        .prop_map(|parts| parts.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        #[test]
        fn importing_anything_never_panics(text in tabular()) {
            for name in ["t.md", "t.csv", "t.tsv", "t.html"] {
                let _ = import_report(&text, "x", None, name);
            }
        }

        #[test]
        fn parsing_anything_never_panics(text in jsonish()) {
            let _ = parse_catalog("t.json", &text);
        }

        #[test]
        fn truncated_catalogs_are_located_inside_the_text(cut in 0usize..2000) {
            let text = include_str!("../catalogs/mantago.json");
            let mut cut = cut.min(text.len());
            while !text.is_char_boundary(cut) {
                cut -= 1;
            }
            if let Err(p) = parse_catalog("m.json", &text[..cut]) {
                let lines = text[..cut].lines().count().max(1);
                prop_assert!(p.line >= 1 && p.line <= lines + 1, "{p}");
            }
        }
    }
}

/// README's recipe on a fresh machine: `-o` into a folder that is not there yet makes it, and
/// the draft passes `catalog check` there.
#[test]
fn import_into_a_folder_not_there_yet_makes_it() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("error-catalogs/acme/gadgets.json");
    let run = errdex()
        .args(["catalog", "import", "--vendor", "gadgets", "-o"])
        .arg(&out)
        .arg(root().join("tests/fixtures/import/gadgets.html"))
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let draft: Catalog = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(draft.vendor.id, "gadgets");
    // A folder where a file is: a clear error, nothing written.
    let blocked = dir.path().join("file");
    std::fs::write(&blocked, "x").unwrap();
    let run = errdex()
        .args(["catalog", "import", "--vendor", "gadgets", "-o"])
        .arg(blocked.join("gadgets.json"))
        .arg(root().join("tests/fixtures/import/gadgets.html"))
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(2));
    let said = String::from_utf8_lossy(&run.stderr);
    assert!(said.contains("cannot make the folder"), "{said}");
    assert_eq!(std::fs::read_to_string(&blocked).unwrap(), "x");
}
