//! Generated snippets checked by the real tools, in every language: the units of the plan
//! (`plan.rs`: the companies' catalogs, the largest catalog of each code shape, the vendors of
//! hostile text), their sample bodies, hostile keys and several vendors in one file. Each
//! language compiles all units in one invocation, then runs a small program that looks every
//! code up and compares the message and HTTP status code point by code point (so the check
//! itself needs no escaping). What is shared lives here and in `plan.rs` and `module.rs`; a
//! language's file holds only its templates and its tools' commands.
//!
//! Tools: rustc, python3 (3.10+), javac + java (Debian `default-jdk-headless`), go and gofmt
//! (`golang-go`), tsc (`cd tests/tools && npm install`) and node (`nodejs`), kotlinc (`kotlin`)
//! with Gson for the JVM body types (`libgoogle-gson-java`), mcs and mono (`mono-mcs`,
//! `mono-runtime`, `libmono-system-runtime-serialization4.0-cil`), php (`php-cli`) and ruby
//! (`ruby`). A missing tool fails the test with what to install; nothing is skipped.

mod csharp;
mod go;
mod java;
mod javascript;
mod kotlin;
mod module;
mod php;
mod plan;
mod python;
mod ruby;
mod rust;
mod typescript;

use errdex::catalog::{Entry, Kind, Retry, Text, Vendor};
use errdex::index::Index;
use errdex::snippet::{Lang, Snippets, arm, enumeration, type_name};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A vendor with its entries and the file/module stem used for it.
#[derive(Clone)]
struct Unit {
    vendor: Vendor,
    entries: Vec<Entry>,
}

impl Unit {
    fn refs(&self) -> Vec<&Entry> {
        self.entries.iter().collect()
    }

    /// `tencent_im`: a module name in every language.
    /// A module name of our own (`errno` would be Python's own module).
    fn stem(&self) -> String {
        format!("{}_errors", self.vendor.id.replace('-', "_"))
    }

    /// `tencentim`: the Go package the enumeration declares.
    fn go_package(&self) -> String {
        self.vendor
            .id
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .collect::<String>()
            .to_lowercase()
    }

    fn type_name(&self) -> String {
        type_name(&self.vendor)
    }

    /// How the unit's codes are typed.
    fn codes(&self) -> plan::Codes {
        let codes: Vec<&str> = self.entries.iter().map(|e| e.code.as_str()).collect();
        plan::codes(&codes)
    }

    /// What the lookups of the unit's enum must answer, a row per distinct code.
    fn rows(&self) -> Vec<plan::Row> {
        plan::rows(self, self.codes())
    }
}

fn entry(code: &str, status: Option<u16>, message: Option<&str>, summary: Option<&str>) -> Entry {
    Entry {
        code: code.into(),
        http_status: status,
        category: None,
        subcategory: None,
        message: message.map(Into::into),
        description: None,
        fix: None,
        summary_en: summary.map(Into::into),
        ..Entry::default()
    }
}

/// Text no generator may get wrong: quotes, backslashes, comment terminators, line breaks,
/// tabs, template and format syntax, emoji, CJK, a literal `\u000a` (javac translates it even
/// in comments), U+2028 (a line break in JavaScript), a bidi override (rustc denies it), a
/// BOM (Go rejects it), NUL and BEL.
const HOSTILE: &str = "Say \"hi\" \\backslash */ end\nline\ttab ${x} %s {0} 😀 錯誤 \\u000a \
                       ``` \u{2028}sep \u{202E}rtl \u{FEFF}bom \r\u{0}\u{7} '''";

fn synthetic() -> Unit {
    Unit {
        vendor: Vendor {
            id: "weird-vendor".into(),
            name: "Weird */ Vendor \"X\" \\u000a".into(),
            aliases: vec![],
            homepage: None,
            language: None,
            ..Vendor::default()
        },
        entries: vec![
            entry(
                "1",
                Some(400),
                Some(HOSTILE),
                Some("Hostile text; every escape."),
            ),
            entry("0000", Some(500), Some("Self"), None),
            entry("2", None, Some("None"), None),
            entry("404", Some(404), Some("404 not found"), None),
            entry("3", None, Some("錯誤"), None),
            entry("4", Some(404), Some("Album not found"), None),
            entry("5", Some(404), Some("Album not found"), None),
            entry("4", Some(400), Some("Album missing */ again"), None),
            entry(
                "data_validation_failed",
                Some(400),
                None,
                Some("Data validation failed."),
            ),
            entry("x\"y\\z", None, Some("Quote \"code\""), None),
            entry("6", None, Some("NaN"), None),
            entry("7", None, Some("Message"), None),
            entry("8", None, Some("  "), None),
            entry("9", None, Some("WeirdVendor"), None),
            entry("10", None, Some("error"), Some("Error.")),
            Entry {
                description: Some(Text::List(vec!["Described only".into()])),
                ..entry("11", None, None, None)
            },
            entry("12", None, Some("Trailing newline\n"), None),
        ],
    }
}

/// A vendor whose codes are all integers (leading zeros and a negative one among them), with
/// hostile messages: its enum takes integer codes.
fn synthetic_numbers() -> Unit {
    Unit {
        vendor: Vendor {
            id: "weird-numbers".into(),
            name: "Numbers \"*/ ${x}".into(),
            ..Vendor::default()
        },
        entries: vec![
            entry("7", Some(429), Some(HOSTILE), None),
            entry("0042", None, Some("Leading zeros"), None),
            entry("-3", Some(500), Some("Negative */ #{x} $var \"\"\""), None),
            entry("7", None, Some("Listed twice"), None),
            entry("9223372036854775807", None, Some("i64::MAX"), None),
        ],
    }
}

/// An error body whose keys are hostile text (quotes, backslashes, comment ends, templates,
/// a backtick, a comma, CJK, U+2028, a bidi override), keys that read alike, and names the
/// generated code uses,
/// nested and with items, to type for the synthetic vendors: no key may break out of a
/// literal, a tag or a comment.
fn hostile_envelope() -> errdex::catalog::Envelope {
    serde_json::from_value(serde_json::json!({
        "code": "we\"ird */.c${x}de",
        "message": "$var #{x} \\u000a\u{2028}",
        "flag": {"path": "`tick`, */ /*", "error_when": "#{x}\"$y\u{2028}"},
        "items": {"path": "錯誤 */", "code": "c\\", "message": "'''\"\"\"", "field": "\u{202E}f"},
        "extra": ["a,b", "we\"ird */.x\\y", "error", "isError", "class", "in", "Err",
                  // Objects whose keys read alike: types of their own, fields of their own.
                  "a-b.x", "a_b.y"]
    }))
    .unwrap()
}

/// The synthetic vendors' units with [`hostile_envelope`]'s body types, in `lang`: each with
/// its type name.
fn hostile_bodies(lang: Lang) -> Vec<(String, String)> {
    let envelope = hostile_envelope();
    [synthetic(), synthetic_numbers()]
        .iter()
        .map(|u| {
            let text = Snippets::new(lang, &u.vendor, &u.refs())
                .with_envelope(&envelope)
                .enumeration(&u.refs());
            (u.type_name(), text)
        })
        .collect()
}

/// An error body whose keys no writer may get wrong (quotes, comment terminators, template and
/// interpolation syntax, a line break, keywords, names the generated code defines, names every
/// JavaScript object inherits), for [`synthetic_numbers`] (up to 2^53): its envelope, a body using every
/// key, and what a program parsing it must print. Each language's program parses the body
/// into the body type and prints the root error's code and message (its code points joined by
/// `,`), then `error` and what `is_error` says, then each item's code and message, indented;
/// then it parses `{}` and prints `empty error` and its `is_error`.
struct HostileBody {
    unit: Unit,
    envelope: errdex::catalog::Envelope,
    body: String,
    output: String,
}

fn hostile_body() -> HostileBody {
    let mut unit = synthetic_numbers();
    // Codes every language reads as numbers (JavaScript's stop at 2^53).
    unit.entries
        .retain(|e| e.code.parse::<i64>().is_ok_and(|n| n.abs() < 1 << 53));
    let outer = "a\"b*/c";
    let inner = "`${x}` #{y} $var ''' \"\"\"";
    let item_message = "line\nbreak \\u000a";
    let envelope: errdex::catalog::Envelope = serde_json::from_value(serde_json::json!({
        "code": format!("{outer}.{inner}.error"),
        "message": format!("{outer}.message"),
        "flag": {"path": "constructor", "error_when": "FAIL\"*/"},
        "items": {"path": "__proto__", "code": "class", "message": item_message, "field": "is_error"},
        "extra": ["from_json", "X-Request-ID", "2fa", "errorCode", "error_code", "toString", "\u{2028}"],
    }))
    .unwrap();
    let mut item = serde_json::Map::new();
    item.insert("class".into(), serde_json::json!(-3));
    item.insert(item_message.into(), serde_json::json!("m"));
    item.insert("is_error".into(), serde_json::json!("f"));
    let mut nested = serde_json::Map::new();
    nested.insert(inner.into(), serde_json::json!({"error": 7}));
    nested.insert("message".into(), serde_json::json!("whatever"));
    let mut body = serde_json::Map::new();
    body.insert("constructor".into(), serde_json::json!("fail\"*/"));
    body.insert(outer.into(), serde_json::Value::Object(nested));
    body.insert(
        "__proto__".into(),
        serde_json::json!([serde_json::Value::Object(item), {"class": 42}]),
    );
    body.insert("from_json".into(), serde_json::json!({"x": 1}));
    body.insert("X-Request-ID".into(), serde_json::json!("r"));
    body.insert("toString".into(), serde_json::Value::Null);
    let message = |code: &str| {
        let row = unit.rows().into_iter().find(|r| r.text == code).unwrap();
        row.message
            .chars()
            .map(|c| (c as u32).to_string())
            .collect::<Vec<_>>()
            .join(",")
    };
    let output = format!(
        "7 {}\nerror true\n  -3 {}\n  42 {}\nempty error false\n",
        message("7"),
        message("-3"),
        message("0042")
    );
    HostileBody {
        unit,
        envelope,
        body: serde_json::Value::Object(body).to_string(),
        output,
    }
}

/// [`hostile_body`]'s enum and body type in `lang`, as one unit.
fn hostile_body_unit(lang: Lang, h: &HostileBody) -> String {
    Snippets::new(lang, &h.unit.vendor, &h.unit.refs())
        .with_envelope(&h.envelope)
        .enumeration(&h.unit.refs())
}

/// Every embedded catalog (the vendors and the families), newest edition.
fn embedded_units() -> Vec<Unit> {
    let index = Index::embedded();
    let units: Vec<Unit> = (0..index.vendors().len())
        .map(|i| {
            let c = index.vendor_catalog(i);
            Unit {
                vendor: c.vendor.clone(),
                entries: c.entries.clone(),
            }
        })
        .collect();
    let ids: Vec<&str> = units.iter().map(|u| u.vendor.id.as_str()).collect();
    for id in ["pixnet", "mantago", "tencent-im", "guo-guo"] {
        assert!(ids.contains(&id), "shipped vendor {id} missing: {ids:?}");
    }
    units
}

/// Every embedded catalog, then the synthetic vendors.
fn units() -> Vec<Unit> {
    let mut units = embedded_units();
    units.push(synthetic());
    units.push(synthetic_numbers());
    units
}

/// A shipped vendor's sample error response (`assets/samples/ID.txt`: a curl transcript, a
/// log line, a request) as the JSON body a client parses: from the first `{` to the last `}`.
struct Sample {
    vendor: String,
    body: String,
}

fn samples() -> Vec<Sample> {
    let mut out = Vec::new();
    for id in ["pixnet", "mantago", "tencent-im", "guo-guo"] {
        let path = manifest_dir().join(format!("assets/samples/{id}.txt"));
        let text = std::fs::read_to_string(&path).unwrap();
        let (Some(start), Some(end)) = (text.find('{'), text.rfind('}')) else {
            panic!("{} holds no JSON body", path.display());
        };
        let body = text[start..=end].to_string();
        serde_json::from_str::<serde_json::Value>(&body)
            .unwrap_or_else(|e| panic!("{}: the body is not JSON: {e}", path.display()));
        out.push(Sample {
            vendor: id.to_string(),
            body,
        });
    }
    out
}

/// What a program that parses a sample into the body type prints: the code and message of
/// the body's error, then one indented line per nested item (Guo-Guo's validation errors),
/// each `code message` as the catalog has them.
fn sample_output(sample: &Sample) -> String {
    let index = Index::embedded();
    let v = index.find_vendor(&sample.vendor).unwrap();
    let catalog = index.vendor_catalog(v);
    let unit = Unit {
        vendor: catalog.vendor.clone(),
        entries: catalog.entries.clone(),
    };
    let rows = unit.rows();
    let message = |code: &str| {
        rows.iter()
            .find(|r| r.text == code)
            .map(|r| r.message.clone())
            .unwrap_or_else(|| panic!("{} has no code {code}", sample.vendor))
    };
    let json: serde_json::Value = serde_json::from_str(&sample.body).unwrap();
    let env = catalog.envelope.as_ref().unwrap();
    let at = |value: &serde_json::Value, path: &str| {
        path.split('.')
            .try_fold(value.clone(), |v, key| v.get(key).cloned())
    };
    let code_text = |v: serde_json::Value| match v {
        serde_json::Value::String(s) => s,
        other => other.to_string(),
    };
    let code = code_text(at(&json, &env.code).unwrap());
    let mut out = format!("{code} {}\n", message(&code));
    if let Some(items) = &env.items {
        for item in at(&json, &items.path)
            .and_then(|v| v.as_array().cloned())
            .unwrap_or_default()
        {
            let c = code_text(at(&item, &items.code).unwrap());
            out.push_str(&format!("  {c} {}\n", message(&c)));
        }
    }
    out
}

/// The sample body with its code replaced by an array, which no code's type admits: what a
/// body type's parser (or type guard) must refuse.
fn sample_with_wrong_code(sample: &Sample) -> String {
    let index = Index::embedded();
    let v = index.find_vendor(&sample.vendor).unwrap();
    let catalog = index.vendor_catalog(v);
    let env = catalog.envelope.as_ref().unwrap();
    let mut json: serde_json::Value = serde_json::from_str(&sample.body).unwrap();
    let mut at = &mut json;
    for key in env.code.split('.') {
        at = at
            .get_mut(key)
            .unwrap_or_else(|| panic!("{}: no {key}", sample.vendor));
    }
    *at = serde_json::json!([1]);
    json.to_string()
}

/// Runs the errdex binary on its embedded catalogs alone; its stdout, failing unless it
/// exits 0 with nothing on stderr.
fn errdex(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_errdex"))
        .args(args)
        .env("XDG_CONFIG_HOME", "/nonexistent-errdex-test")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success() && stderr.is_empty(),
        "errdex {args:?}: {}\n{stderr}",
        out.status
    );
    String::from_utf8(out.stdout).unwrap()
}

/// The enum's name for a shipped vendor (`PixnetError`); its body type adds `Body`.
fn body_type(vendor: &str) -> String {
    let index = Index::embedded();
    let v = index.find_vendor(vendor).unwrap();
    type_name(&index.vendor_catalog(v).vendor)
}

fn cps(s: &str) -> String {
    s.chars()
        .map(|c| (c as u32).to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs a tool; a tool that is not installed fails with what to install.
fn run(cmd: &mut Command, install: &str) -> Output {
    let program = cmd.get_program().to_string_lossy().into_owned();
    match cmd.output() {
        Ok(out) => out,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            panic!("`{program}` is not installed, and the snippet tests need it: {install}")
        }
        Err(e) => panic!("cannot run `{program}`: {e}"),
    }
}

/// Runs a tool and fails with its output unless it succeeds (and, with `quiet`, prints nothing).
fn check(cmd: &mut Command, install: &str, what: &str, quiet: bool) -> String {
    let shown = format!("{cmd:?}");
    let out = run(cmd, install);
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success() && (!quiet || (stdout.trim().is_empty() && stderr.trim().is_empty())),
        "{what} failed: {shown}\n--- stdout\n{stdout}\n--- stderr\n{stderr}"
    );
    stdout
}

/// A temporary directory, kept (and its path printed) when `ERRDEX_KEEP_SNIPPETS` is set.
struct Workdir {
    dir: Option<tempfile::TempDir>,
    kept: PathBuf,
}

impl Workdir {
    fn path(&self) -> &Path {
        self.dir.as_ref().map_or(&self.kept, |d| d.path())
    }
}

fn workdir() -> Workdir {
    let dir = tempfile::tempdir().unwrap();
    if std::env::var_os("ERRDEX_KEEP_SNIPPETS").is_some() {
        let kept = dir.keep();
        eprintln!("snippets kept in {}", kept.display());
        return Workdir { dir: None, kept };
    }
    Workdir {
        dir: Some(dir),
        kept: PathBuf::new(),
    }
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(&path, text).unwrap();
    path
}

/// A vendor whose text attacks markup and the languages' other ways out of a literal or a
/// comment: PHP's `?>` (it ends a `//` comment), XML doc tags and entities (C#), Ruby's
/// `=begin`/`__END__` at a line start and its `#@`/`#$` interpolation, PHP's `{$x}`; with kinds
/// and retry advice, so the lookups answer something.
fn markup_hostile() -> Unit {
    let with = |e: Entry, kind: Kind, retry: Retry| Entry {
        kind: Some(kind),
        retry: Some(retry),
        ..e
    };
    Unit {
        vendor: Vendor {
            id: "markup-vendor".into(),
            name: "Markup ?> </summary> & <?php =begin -*- frozen_string_literal: false -*-".into(),
            ..Vendor::default()
        },
        entries: vec![
            with(
                entry(
                    "a?>b",
                    Some(429),
                    Some("?> <?php echo 1; </summary> &amp; <b> #@x #$x {$x} \\$y"),
                    None,
                ),
                Kind::RateLimit,
                Retry::Backoff,
            ),
            with(
                entry("=begin", None, Some("\n=begin\n__END__\n=end\n"), None),
                Kind::NotFound,
                Retry::No,
            ),
            with(
                entry("it's", Some(503), Some("it's 'quoted' \\' */ /* ?>"), None),
                Kind::Unavailable,
                Retry::Later,
            ),
            // A line break puts the text in double quotes, where both interpolate.
            entry(
                "5",
                None,
                Some("#{1 + 1} #@x #$0 {$x} $var ${x}\n<?= 1 ?>\u{0}"),
                None,
            ),
        ],
    }
}

#[test]
fn arms_appear_verbatim_in_the_enum_of_the_same_language() {
    // The shipped vendors; the synthetic one is mostly collisions on purpose.
    for u in units()
        .into_iter()
        .filter(|u| !u.vendor.id.starts_with("weird-"))
    {
        for lang in Lang::ALL {
            let snippets = Snippets::new(lang, &u.vendor, &u.refs());
            let full = snippets.enumeration(&u.refs());
            let norm = |s: &str| s.lines().map(str::trim).collect::<Vec<_>>().join("\n");
            // The enum's lines, and its pairs of lines (Go's arms take two), trimmed.
            let lines: Vec<&str> = full.lines().map(str::trim).collect();
            let mut windows: std::collections::HashSet<String> =
                lines.iter().map(|l| l.to_string()).collect();
            windows.extend(lines.windows(2).map(|w| w.join("\n")));
            // Each code's arm, from all of its rows (PIXNET 4109 has two).
            let arms = snippets.arms(&u.refs());
            assert_eq!(arms.len(), u.rows().len(), "{lang} {}", u.vendor.id);
            let missing: Vec<&String> = arms
                .iter()
                .map(|(_, a)| a)
                .filter(|a| !windows.contains(&norm(a)))
                .collect();
            // Named in the context of the whole vendor, every arm is the enum's own line.
            assert!(
                missing.is_empty(),
                "{lang} {}: {} of {} arms not in the enum: {missing:#?}",
                u.vendor.id,
                missing.len(),
                u.entries.len()
            );
            // One arm at a time gives the same lines.
            for (code, a) in [arms.first(), arms.last()].into_iter().flatten() {
                assert_eq!(&arm(lang, &u.vendor, &u.refs(), code), a, "{lang} {code}");
            }
        }
    }
}

#[test]
fn pixnet_samples_read_well() {
    let index = Index::embedded();
    let v = index.find_vendor("pixnet").unwrap();
    let c = index.vendor_catalog(v);
    let e = c.entries.iter().find(|e| e.code == "1000").unwrap();
    assert_eq!(
        arm(Lang::Rust, &c.vendor, &[e], &e.code),
        "1000 => PixnetError::InvalidExpiredToken, // Invalid / expired Token"
    );
    assert_eq!(
        arm(Lang::Python, &c.vendor, &[e], &e.code),
        "case 1000: return PixnetError.INVALID_EXPIRED_TOKEN  # Invalid / expired Token"
    );
    assert_eq!(
        arm(Lang::Java, &c.vendor, &[e], &e.code),
        "case 1000: return PixnetError.INVALID_EXPIRED_TOKEN; // Invalid / expired Token"
    );
    assert_eq!(
        arm(Lang::Kotlin, &c.vendor, &[e], &e.code),
        "1000 -> PixnetError.INVALID_EXPIRED_TOKEN // Invalid / expired Token"
    );
    assert_eq!(
        arm(Lang::Typescript, &c.vendor, &[e], &e.code),
        "case 1000: return PixnetError.InvalidExpiredToken; // Invalid / expired Token"
    );
    assert_eq!(
        arm(Lang::Javascript, &c.vendor, &[e], &e.code),
        "case 1000: return PixnetError.InvalidExpiredToken; // Invalid / expired Token"
    );
    assert_eq!(
        arm(Lang::Go, &c.vendor, &[e], &e.code),
        "case 1000:\n\treturn PixnetInvalidExpiredToken, true // Invalid / expired Token"
    );
    let all: Vec<&Entry> = c.entries.iter().collect();
    let rust = enumeration(Lang::Rust, &c.vendor, &all);
    assert_eq!(rust.matches("4109 =>").count(), 1);
    // The code listed twice: its arm is the enum's one line for it, both messages included.
    let twice: Vec<&Entry> = c.entries.iter().filter(|e| e.code == "4109").collect();
    assert_eq!(twice.len(), 2);
    let line = rust.lines().find(|l| l.contains("4109 =>")).unwrap().trim();
    assert_eq!(arm(Lang::Rust, &c.vendor, &twice, "4109"), line);
    for lang in Lang::ALL {
        let text = enumeration(lang, &c.vendor, &all);
        assert!(text.contains("PixnetError"), "{lang}");
    }
}

/// A vendor with integer codes at the ends of the range (`i64::MIN` is no literal in PHP, and
/// in C# only after a minus), and `00`, which is `0`.
fn extreme_numbers() -> Unit {
    Unit {
        vendor: Vendor {
            id: "edge-numbers".into(),
            name: "Edge numbers".into(),
            ..Vendor::default()
        },
        entries: vec![
            entry("-9223372036854775808", None, Some("i64::MIN"), None),
            entry("9223372036854775807", Some(500), Some("i64::MAX"), None),
            entry("00", None, Some("Zero"), None),
        ],
    }
}

/// A vendor whose codes are hex numbers of different widths up to `i64::MAX`, written in lower
/// case (QUIC's `0x10c`): its enum takes integers, written back as the catalog writes them.
fn hex_numbers() -> Unit {
    Unit {
        vendor: Vendor {
            id: "hex-numbers".into(),
            name: "Hex numbers".into(),
            ..Vendor::default()
        },
        entries: vec![
            entry("0x0", None, Some("Zero"), None),
            entry("0x10c", Some(400), Some("Request cancelled"), None),
            entry("0x7fffffff", None, Some("i32::MAX"), None),
            entry("0x80070005", Some(403), Some("Access is denied."), None),
            entry("0xc0000005", None, Some("Access violation"), None),
            entry("0x7fffffffffffffff", None, Some("i64::MAX"), None),
        ],
    }
}

/// An error body whose keys attack each language's names: keywords, the generated members'
/// names (`to_error`, `GetError`, `FromJson`, `from_json`), members every object has (`hash`,
/// `new`), two keys with one name (`errorCode`, `error_code`), keys that are no identifier (`$`,
/// `2fa`, `X-Request-ID`); the code and flag in a nested object, and items. Over the
/// integer-coded `weird-numbers` vendor; with a body that names its codes 7, -3 and 42.
fn hostile_keys() -> (Unit, errdex::catalog::Envelope, String) {
    let envelope = serde_json::from_str(
        r#"{"code": "error.code", "message": "error.message",
            "flag": {"path": "error.this", "error_when": "true"},
            "items": {"path": "errors", "code": "code", "message": "msg", "field": "class"},
            "extra": ["class", "this", "to_error", "GetError", "errorCode", "error_code", "$",
                      "X-Request-ID", "from_json", "FromJson", "hash", "2fa", "new"]}"#,
    )
    .unwrap();
    let body = r#"{"error": {"code": 7, "message": "m", "this": true},
        "errors": [{"code": -3, "msg": "a", "class": "f"}, {"code": 42}],
        "class": "c", "this": 1, "to_error": 2, "GetError": 3, "errorCode": 4, "error_code": 5,
        "$": 6, "X-Request-ID": "r", "from_json": 7, "FromJson": 8, "hash": 9, "2fa": 10,
        "new": 11}"#;
    (synthetic_numbers(), envelope, body.to_string())
}
