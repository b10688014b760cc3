//! Generated snippets checked by the real tools: every shipped vendor (newest edition) and a
//! synthetic vendor full of hostile text, in every language. Each language compiles all units
//! in one invocation, then runs a small program that looks every code up and compares the
//! message and HTTP status code point by code point (so the check itself needs no escaping).
//!
//! Tools: rustc, python3 (3.10+), javac + java (Debian `default-jdk-headless`), go and gofmt
//! (`golang-go`), tsc (`cd tests/tools && npm install`) and node (`nodejs`). A missing tool
//! fails the test with what to install; nothing is skipped.

use errdex::catalog::{Entry, Text, Vendor};
use errdex::index::Index;
use errdex::snippet::{Lang, arm, enumeration, type_name};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A vendor with its entries and the file/module stem used for it.
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

    /// (code, message, HTTP status) per distinct code, as the lookups must answer.
    fn expected(&self) -> Vec<(String, String, Option<u16>)> {
        let mut out: Vec<(String, Vec<String>, Option<u16>)> = Vec::new();
        for e in &self.entries {
            let h = e.headline().trim().to_string();
            match out.iter_mut().find(|(c, _, _)| *c == e.code) {
                Some((_, msgs, status)) => {
                    if !msgs.contains(&h) {
                        msgs.push(h);
                    }
                    *status = status.or(e.http_status);
                }
                None => out.push((e.code.clone(), vec![h], e.http_status)),
            }
        }
        out.into_iter()
            .map(|(c, m, s)| (c, m.join(" / "), s))
            .collect()
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

/// Every shipped vendor's newest catalog, then the synthetic one.
fn units() -> Vec<Unit> {
    let index = Index::embedded();
    let mut units: Vec<Unit> = (0..index.vendors().len())
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
    units.push(synthetic());
    units
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

const RUSTC: &str = "rustc (https://rustup.rs)";
const PYTHON: &str = "python3 3.10 or newer (Debian package python3)";
const JAVA: &str = "a JDK (Debian package default-jdk-headless)";
const GO: &str = "Go (Debian package golang-go)";
const NODE: &str = "Node.js (Debian packages nodejs and npm)";

#[test]
fn rust_enums_compile_cleanly_and_look_codes_up() {
    let units = units();
    let dir = workdir();
    let mut lib = String::from("#![deny(warnings)]\n");
    for u in &units {
        let _ = writeln!(
            lib,
            "pub mod {} {{\n{}\n}}\n",
            u.stem(),
            enumeration(Lang::Rust, &u.vendor, &u.refs())
        );
        // Every arm, spliced into the `from_code` of the enum made for its entry alone.
        for (i, e) in u.entries.iter().enumerate() {
            let a = arm(Lang::Rust, &u.vendor, &[e], &e.code);
            assert!(a.contains(&format!("{:?}", e.code)), "{a}");
            assert_eq!(a.lines().count(), 1, "{a}");
            let _ = writeln!(
                lib,
                "pub mod {stem}_arm{i} {{\n{unit}\npub fn check(code: &str) -> Option<{t}> {{\n    \
                 Some(match code {{\n        {a}\n        _ => return None,\n    }})\n}}\n}}\n",
                stem = u.stem(),
                unit = enumeration(Lang::Rust, &u.vendor, &[e]),
                t = u.type_name(),
            );
        }
    }
    write(dir.path(), "snippets.rs", &lib);

    let mut main = String::from(
        "fn s(cps: &[u32]) -> String { cps.iter().map(|&c| char::from_u32(c).unwrap()).collect() }\n\
         fn main() {\n",
    );
    for u in &units {
        let (m, t) = (u.stem(), u.type_name());
        for (code, message, status) in u.expected() {
            let _ = writeln!(
                main,
                "    let c = s(&[{}]);\n    let e = snippets::{m}::{t}::from_code(&c).unwrap_or_else(|| panic!(\"{m} {{c:?}}\"));\n    \
                 assert_eq!(e.code(), c);\n    assert_eq!(e.message(), s(&[{}]), \"{m} {{c:?}}\");\n    \
                 assert_eq!(e.http_status(), {status:?});\n    \
                 assert!(snippets::{m}::{t}::ALL.contains(&e));\n    \
                 assert_eq!(e.to_string(), format!(\"{{}}: {{}}\", e.code(), e.message()));",
                cps(&code),
                cps(&message),
            );
        }
        let _ = writeln!(
            main,
            "    assert_eq!(snippets::{m}::{t}::from_code(\"nope\"), None);\n    \
             assert_eq!(snippets::{m}::{t}::ALL.len(), {});",
            u.expected().len()
        );
        for (i, e) in u.entries.iter().enumerate() {
            let _ = writeln!(
                main,
                "    assert_eq!(snippets::{m}_arm{i}::check(&s(&[{c}])), snippets::{m}_arm{i}::{t}::from_code(&s(&[{c}])));\n    \
                 assert!(snippets::{m}_arm{i}::check(&s(&[{c}])).is_some());",
                c = cps(&e.code)
            );
        }
    }
    main.push_str(
        "    assert!(snippets::pixnet_errors::PixnetError::from_code(\"4109\").is_some());\n    \
         assert!(snippets::pixnet_errors::PixnetError::from_code(\"4109\").unwrap().message().contains(\" / \"));\n    \
         assert!(snippets::pixnet_errors::PixnetError::from_code(\"1004\").is_some());\n    \
         println!(\"ok\");\n}\n",
    );
    write(dir.path(), "main.rs", &main);

    check(
        Command::new("rustc")
            .current_dir(dir.path())
            .args([
                "--edition",
                "2021",
                "--crate-type",
                "lib",
                "--crate-name",
                "snippets",
            ])
            .args(["-o", "libsnippets.rlib", "snippets.rs"]),
        RUSTC,
        "rustc (library with every enum and arm)",
        true,
    );
    check(
        Command::new("rustc")
            .current_dir(dir.path())
            .args(["--edition", "2021", "--extern", "snippets=libsnippets.rlib"])
            .args(["-L", ".", "-o", "check", "main.rs"]),
        RUSTC,
        "rustc (lookup checks)",
        false,
    );
    let out = check(
        &mut Command::new(dir.path().join("check")),
        RUSTC,
        "Rust lookup checks",
        false,
    );
    assert_eq!(out.trim(), "ok");
}

#[test]
fn python_enums_compile_and_look_codes_up() {
    let units = units();
    let dir = workdir();
    let mut files = Vec::new();
    for u in &units {
        files.push(write(
            dir.path(),
            &format!("{}.py", u.stem()),
            &enumeration(Lang::Python, &u.vendor, &u.refs()),
        ));
        // Every arm, in the `match` of a function next to the enum made for its entry alone.
        for (i, e) in u.entries.iter().enumerate() {
            let a = arm(Lang::Python, &u.vendor, &[e], &e.code);
            assert_eq!(a.lines().count(), 1, "{a}");
            let text = format!(
                "{}\n\ndef check(code):\n    match code:\n        {a}\n    return None\n\n\n\
                 CODE = \"\".join(map(chr, [{}]))\nassert check(CODE) is {t}.from_code(CODE), CODE\n\
                 assert check(CODE) is not None\nassert check(CODE + \"x\") is None\n",
                enumeration(Lang::Python, &u.vendor, &[e]),
                cps(&e.code),
                t = u.type_name(),
            );
            files.push(write(
                dir.path(),
                &format!("arms/{}_{i}.py", u.stem()),
                &text,
            ));
        }
    }
    let mut script = String::from(
        "import glob, runpy, sys\nsys.path.insert(0, '.')\n\
         def s(cps):\n    return ''.join(map(chr, cps))\n\n",
    );
    for u in &units {
        let (m, t) = (u.stem(), u.type_name());
        let _ = writeln!(script, "import {m}");
        for (code, message, status) in u.expected() {
            let status = status.map_or("None".to_string(), |s| s.to_string());
            let _ = writeln!(
                script,
                "e = {m}.{t}.from_code(s([{}]))\nassert e is not None\nassert e.code == s([{}])\n\
                 assert e.message == s([{}]), (e, e.message)\nassert e.http_status == {status}\n\
                 assert {m}.{t}(e.code) is e",
                cps(&code),
                cps(&code),
                cps(&message),
            );
        }
        let _ = writeln!(
            script,
            "assert {m}.{t}.from_code('nope') is None\nassert len({m}.{t}) == {}",
            u.expected().len()
        );
    }
    script.push_str(
        "assert pixnet_errors.PixnetError.from_code('1004') is not None\n\
         assert ' / ' in pixnet_errors.PixnetError.from_code('4109').message\n\
         arms = sorted(glob.glob('arms/*.py'))\nassert arms\n\
         for path in arms:\n    runpy.run_path(path)\nprint('ok')\n",
    );
    write(dir.path(), "check.py", &script);

    let version = check(
        Command::new("python3").args(["-c", "import sys; print(sys.version_info >= (3, 10))"]),
        PYTHON,
        "python3 version",
        false,
    );
    assert_eq!(version.trim(), "True", "the Python snippets need {PYTHON}");
    check(
        Command::new("python3")
            .current_dir(dir.path())
            .env("PYTHONDONTWRITEBYTECODE", "1")
            .args(["-W", "error", "-m", "py_compile"])
            .args(&files),
        PYTHON,
        "python3 -m py_compile",
        true,
    );
    let out = check(
        Command::new("python3")
            .current_dir(dir.path())
            .args(["-W", "error", "check.py"]),
        PYTHON,
        "Python lookup checks",
        false,
    );
    assert_eq!(out.trim(), "ok");
}

#[test]
fn java_enums_compile_in_ascii_and_look_codes_up() {
    let units = units();
    let dir = workdir();
    let mut files = Vec::new();
    for u in &units {
        let text = enumeration(Lang::Java, &u.vendor, &u.refs());
        assert!(text.is_ascii(), "the Java unit is not ASCII");
        assert!(text.contains(&format!("public enum {} {{", u.type_name())));
        files.push(write(dir.path(), &format!("{}.java", u.type_name()), &text));
        for e in &u.entries {
            let a = arm(Lang::Java, &u.vendor, &[e], &e.code);
            assert!(a.is_ascii() && a.lines().count() == 1, "{a}");
            assert!(a.starts_with("case \""), "{a}");
        }
    }
    let mut main = String::from(
        "import java.util.Objects;\n\npublic class Main {\n    \
         static String s(int... cps) { return new String(cps, 0, cps.length); }\n\n    \
         static void check(boolean ok, String what) { if (!ok) throw new AssertionError(what); }\n\n    \
         public static void main(String[] args) {\n",
    );
    for u in &units {
        let _ = writeln!(main, "        check{}();", u.type_name());
    }
    main.push_str(
        "        check(PixnetError.fromCode(\"4109\").message().contains(\" / \"), \"4109\");\n        \
         System.out.println(\"ok\");\n    }\n",
    );
    for u in &units {
        let t = u.type_name();
        let _ = writeln!(main, "\n    static void check{t}() {{");
        // A method's code is limited to 64 KB: a part per hundred codes.
        let expected = u.expected();
        for part in 0..expected.len().div_ceil(100) {
            let _ = writeln!(main, "        check{t}Part{part}();");
        }
        let _ = writeln!(
            main,
            "        check({t}.fromCode(\"nope\") == null, \"nope\");\n        \
             check({t}.fromCode(null) == null, \"null\");\n        \
             check({t}.values().length == {}, \"count\");\n    }}",
            expected.len()
        );
        for (part, codes) in expected.chunks(100).enumerate() {
            let _ = writeln!(main, "\n    static void check{t}Part{part}() {{");
            for (code, message, status) in codes.iter().cloned() {
                let status = status.map_or("null".to_string(), |s| s.to_string());
                let _ = writeln!(
                    main,
                    "        {{\n            {t} e = {t}.fromCode(s({c}));\n            \
                 check(e != null, \"{t} \" + s({c}));\n            \
                 check(e.code().equals(s({c})), \"code {t} \" + s({c}));\n            \
                 check(e.message().equals(s({m})), \"message {t}: \" + e.message());\n            \
                 check(Objects.equals(e.httpStatus(), {status}), \"status {t} \" + s({c}));\n        }}",
                    c = cps(&code),
                    m = cps(&message),
                );
            }
            main.push_str("    }\n");
        }
    }
    main.push_str("}\n");
    files.push(write(dir.path(), "Main.java", &main));

    // An ASCII locale: javac rejects anything outside ASCII unless told the encoding.
    check(
        Command::new("javac")
            .current_dir(dir.path())
            .env("LC_ALL", "C")
            .env("LANG", "C")
            .env_remove("JAVA_TOOL_OPTIONS")
            .args(["-Xlint:all", "-Werror", "-d", "out"])
            .args(&files),
        JAVA,
        "javac",
        true,
    );
    let out = check(
        Command::new("java")
            .current_dir(dir.path())
            .args(["-cp", "out", "Main"]),
        JAVA,
        "Java lookup checks",
        false,
    );
    assert_eq!(out.trim(), "ok");
}

#[test]
fn go_packages_are_gofmt_clean_vet_clean_and_look_codes_up() {
    let units = units();
    let dir = workdir();
    write(dir.path(), "go.mod", "module errdexcheck\n\ngo 1.18\n");
    let mut main = String::from("package main\n\nimport (\n\t\"fmt\"\n\t\"os\"\n\n");
    for u in &units {
        let text = enumeration(Lang::Go, &u.vendor, &u.refs());
        let package = u.go_package();
        assert!(
            text.contains(&format!("\npackage {package}\n")),
            "package {package}"
        );
        write(dir.path(), &format!("{package}/{package}.go"), &text);
        let _ = writeln!(main, "\t\"errdexcheck/{package}\"");
        for e in &u.entries {
            let a = arm(Lang::Go, &u.vendor, &[e], &e.code);
            assert!(a.starts_with("case \"") && a.lines().count() == 2, "{a}");
        }
    }
    main.push_str(
        ")\n\nfunc s(cps ...rune) string { return string(cps) }\n\n\
         func check(ok bool, what string) {\n\tif !ok {\n\t\tfmt.Println(\"failed:\", what)\n\t\tos.Exit(1)\n\t}\n}\n\n\
         func main() {\n",
    );
    for u in &units {
        let p = u.go_package();
        let t = u.type_name();
        for (code, message, status) in u.expected() {
            let _ = writeln!(
                main,
                "\t{{\n\t\te, ok := {p}.FromCode(s({c}))\n\t\tcheck(ok, \"{p} \" + s({c}))\n\
                 \t\tcheck(e.Code() == s({c}), \"code\")\n\
                 \t\tcheck(e.Message() == s({m}), \"message \" + e.Message())\n\
                 \t\tcheck(e.HTTPStatus() == {status}, \"status\")\n\
                 \t\tvar err error = e\n\t\tcheck(err.Error() == e.Code()+\": \"+e.Message(), \"Error\")\n\
                 \t\tcheck(e == {p}.{t}(s({c})), \"value\")\n\t}}",
                c = cps(&code),
                m = cps(&message),
                status = status.unwrap_or(0),
            );
        }
        let _ = writeln!(
            main,
            "\tif _, ok := {p}.FromCode(\"nope\"); ok {{\n\t\tcheck(false, \"nope\")\n\t}}"
        );
    }
    main.push_str("\tfmt.Println(\"ok\")\n}\n");
    write(dir.path(), "main.go", &main);

    let go = |args: &[&str]| {
        let mut c = Command::new("go");
        c.current_dir(dir.path())
            .args(args)
            .env("GOFLAGS", "-mod=mod")
            .env("GOPROXY", "off")
            .env("GOTOOLCHAIN", "local")
            .env("GO111MODULE", "on");
        c
    };
    check(
        Command::new("gofmt")
            .current_dir(dir.path())
            .arg("-l")
            .args(units.iter().map(|u| u.go_package())),
        GO,
        "gofmt -l (files gofmt would change)",
        true,
    );
    check(&mut go(&["vet", "./..."]), GO, "go vet", true);
    let out = check(&mut go(&["run", "."]), GO, "Go lookup checks", false);
    assert_eq!(out.trim(), "ok");
}

#[test]
fn typescript_enums_pass_strict_tsc_and_look_codes_up() {
    let units = units();
    let dir = workdir();
    let tsc = manifest_dir().join("tests/tools/node_modules/.bin/tsc");
    assert!(
        tsc.exists(),
        "tsc is not installed at {}: run `npm install` in tests/tools (npm: Debian package npm)",
        tsc.display()
    );
    let mut files = Vec::new();
    let mut script = String::from(
        "function s(...cps: number[]): string {\n  return String.fromCodePoint(...cps);\n}\n\n\
         function check(ok: boolean, what: string): void {\n  if (!ok) {\n    throw new Error(what);\n  }\n}\n\n",
    );
    for u in &units {
        let (m, t) = (u.stem(), u.type_name());
        files.push(write(
            dir.path(),
            &format!("{m}.ts"),
            &enumeration(Lang::Typescript, &u.vendor, &u.refs()),
        ));
        script.insert_str(0, &format!("import {{ {t} }} from \"./{m}\";\n"));
        for e in &u.entries {
            let a = arm(Lang::Typescript, &u.vendor, &[e], &e.code);
            assert!(a.starts_with("case \"") && a.lines().count() == 1, "{a}");
        }
        for (code, message, status) in u.expected() {
            let status = status.map_or("undefined".to_string(), |s| s.to_string());
            let _ = writeln!(
                script,
                "{{\n  const e = {t}.fromCode(s({c}));\n  check(e !== undefined, \"{t} \" + s({c}));\n  \
                 if (e !== undefined) {{\n    check(e === s({c}), \"value\");\n    \
                 check({t}.message(e) === s({m}), \"message \" + {t}.message(e));\n    \
                 check({t}.httpStatus(e) === {status}, \"status\");\n  }}\n}}",
                c = cps(&code),
                m = cps(&message),
            );
        }
        let _ = writeln!(
            script,
            "check({t}.fromCode(\"nope\") === undefined, \"nope\");"
        );
    }
    script.push_str("console.log(\"ok\");\n");
    files.push(write(dir.path(), "check.ts", &script));

    // Through node, so a missing node is reported as such (the script's `#!` would hide it).
    let mut tsc_cmd = Command::new("node");
    tsc_cmd
        .current_dir(dir.path())
        .arg(&tsc)
        .args([
            "--strict",
            "--noUnusedLocals",
            "--noUnusedParameters",
            "--noImplicitReturns",
        ])
        .args([
            "--noFallthroughCasesInSwitch",
            "--noImplicitOverride",
            "--exactOptionalPropertyTypes",
        ])
        .args([
            "--target", "es2020", "--module", "commonjs", "--outDir", "out",
        ])
        .args(&files);
    check(&mut tsc_cmd, NODE, "tsc --strict", true);
    let out = check(
        Command::new("node")
            .current_dir(dir.path())
            .arg("out/check.js"),
        NODE,
        "TypeScript lookup checks (node)",
        false,
    );
    assert_eq!(out.trim(), "ok");
}

#[test]
fn arms_appear_verbatim_in_the_enum_of_the_same_language() {
    // The shipped vendors; the synthetic one is mostly collisions on purpose.
    for u in units()
        .into_iter()
        .filter(|u| u.vendor.id != "weird-vendor")
    {
        for lang in Lang::ALL {
            let full = enumeration(lang, &u.vendor, &u.refs());
            let norm = |s: &str| s.lines().map(str::trim).collect::<Vec<_>>().join("\n");
            let full_norm = norm(&full);
            // Each code's arm, from all of its rows (PIXNET 4109 has two).
            let missing: Vec<String> = u
                .entries
                .iter()
                .map(|e| arm(lang, &u.vendor, &u.refs(), &e.code))
                .filter(|a| !full_norm.contains(&norm(a)))
                .collect();
            // Named in the context of the whole vendor, every arm is the enum's own line.
            assert!(
                missing.is_empty(),
                "{lang} {}: {} of {} arms not in the enum: {missing:#?}",
                u.vendor.id,
                missing.len(),
                u.entries.len()
            );
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
        "\"1000\" => PixnetError::InvalidExpiredToken, // Invalid / expired Token"
    );
    assert_eq!(
        arm(Lang::Python, &c.vendor, &[e], &e.code),
        "case \"1000\": return PixnetError.INVALID_EXPIRED_TOKEN  # Invalid / expired Token"
    );
    assert_eq!(
        arm(Lang::Java, &c.vendor, &[e], &e.code),
        "case \"1000\": return PixnetError.INVALID_EXPIRED_TOKEN; // Invalid / expired Token"
    );
    assert_eq!(
        arm(Lang::Typescript, &c.vendor, &[e], &e.code),
        "case \"1000\": return PixnetError.InvalidExpiredToken; // Invalid / expired Token"
    );
    assert_eq!(
        arm(Lang::Go, &c.vendor, &[e], &e.code),
        "case \"1000\":\n\treturn PixnetInvalidExpiredToken, true // Invalid / expired Token"
    );
    let all: Vec<&Entry> = c.entries.iter().collect();
    let rust = enumeration(Lang::Rust, &c.vendor, &all);
    assert_eq!(rust.matches("\"4109\" =>").count(), 1);
    // The code listed twice: its arm is the enum's one line for it, both messages included.
    let twice: Vec<&Entry> = c.entries.iter().filter(|e| e.code == "4109").collect();
    assert_eq!(twice.len(), 2);
    let line = rust
        .lines()
        .find(|l| l.contains("\"4109\" =>"))
        .unwrap()
        .trim();
    assert_eq!(arm(Lang::Rust, &c.vendor, &twice, "4109"), line);
    for lang in Lang::ALL {
        let text = enumeration(lang, &c.vendor, &all);
        assert!(text.contains("PixnetError"), "{lang}");
    }
}
