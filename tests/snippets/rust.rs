//! Rust: every enum and arm compiled by rustc with warnings denied, then a program that looks
//! every code up; every body type compiled with serde by cargo, then run on the samples.

use crate::module::one_file;
use crate::plan::{Codes, Harness, Planned, check_enums, int_literal, number};
use crate::*;

/// What to install when the tool is missing.
const RUSTC: &str = "rustc (https://rustup.rs)";

/// Rust's templates: each enum a module of the `snippets` library (the sample's beside it),
/// each arm in a function of its own in its enum's module, and a program that checks every unit.
struct Rust;

/// A code as the check program passes it: an `i64`, or a string from its code points.
fn rust_code(p: &Planned, code: &str) -> String {
    match number(code) {
        Some(n) if p.integers() => format!("{n}i64"),
        _ => format!("&text(\"{}\")", cps(code).replace(' ', "")),
    }
}

/// A function per arm (`arm0`, `arm1`, …), each the arm alone in a `match`.
fn rust_arms(p: &Planned, arms: &[(String, String)]) -> String {
    let t = p.type_name();
    let param = if p.integers() { "i64" } else { "&str" };
    let mut out = String::new();
    for (i, (code, a)) in arms.iter().enumerate() {
        match number(code) {
            Some(_) if p.integers() => {
                assert!(a.starts_with(&format!("{} => ", int_literal(code))), "{a}")
            }
            _ => assert!(a.starts_with('"'), "{a}"),
        }
        assert_eq!(a.lines().count(), 1, "{a}");
        let _ = writeln!(
            out,
            "\npub fn arm{i}(code: {param}) -> Option<{t}> {{\n    Some(match code {{\n        {a}\n        \
             _ => return None,\n    }})\n}}"
        );
    }
    out
}

impl Harness for Rust {
    fn lang(&self) -> Lang {
        Lang::Rust
    }

    fn unit_files(&self, dir: &Path, p: &Planned) -> Vec<PathBuf> {
        vec![
            write(
                dir,
                &format!("{}.rs", p.stem()),
                &format!("{}{}", p.text, rust_arms(p, &p.arms)),
            ),
            write(
                dir,
                &format!("{}.rs", p.subset_stem()),
                &format!("{}{}", p.subset, rust_arms(p, &p.subset_arms)),
            ),
        ]
    }

    fn program(&self, dir: &Path, units: &[Planned]) -> Vec<PathBuf> {
        let mut lib = String::from("#![deny(warnings)]\n");
        let mut main = String::from(
            "fn text(cps: &str) -> String {\n    \
             cps.split(',').filter(|c| !c.is_empty()).map(|c| char::from_u32(c.parse().unwrap()).unwrap()).collect()\n}\n\n\
             fn rows(stem: &str) -> Vec<Vec<String>> {\n    \
             std::fs::read_to_string(format!(\"cases/{stem}.tsv\"))\n        .unwrap()\n        .lines()\n        \
             .map(|l| l.split('\\t').map(String::from).collect())\n        .collect()\n}\n\nfn main() {\n",
        );
        for p in units {
            let _ = writeln!(lib, "pub mod {};\npub mod {};", p.stem(), p.subset_stem());
            let _ = writeln!(main, "    check_{}();", p.stem());
        }
        main.push_str("    println!(\"ok\");\n}\n");
        for p in units {
            let (m, t, sub) = (p.stem(), p.type_name(), p.subset_stem());
            let (code, arg, shown) = match p.codes {
                Codes::Int { hex, .. } => (
                    "r[1].parse::<i64>().unwrap()",
                    "code",
                    if hex {
                        "text(&r[0])"
                    } else {
                        "code.to_string()"
                    },
                ),
                Codes::Str => ("text(&r[0])", "&code", "code.clone()"),
            };
            let _ = writeln!(
                main,
                "\nfn check_{m}() {{\n    use snippets::{m}::{t};\n    let rows = rows(\"{m}\");\n    \
                 for r in &rows {{\n        let code = {code};\n        \
                 let e = {t}::from_code({arg}).unwrap_or_else(|| panic!(\"{m} {{:?}}\", r[0]));\n        \
                 assert_eq!(e.code(), code);\n        \
                 assert_eq!(e.message(), text(&r[2]), \"{m} {{:?}}\", r[0]);\n        \
                 assert_eq!(e.http_status(), r[3].parse::<u16>().ok());\n        \
                 assert_eq!(e.kind().map(str::to_string), Some(text(&r[4])).filter(|k| !k.is_empty()));\n        \
                 assert_eq!(e.is_retryable(), r[5] == \"1\");\n        \
                 assert!({t}::ALL.contains(&e));\n        \
                 assert_eq!(e.to_string(), format!(\"{{}}: {{}}\", {shown}, e.message()));"
            );
            if p.integers() {
                main.push_str("        assert_eq!(");
                let _ = writeln!(
                    main,
                    "{t}::parse(&text(&r[0])), Some(e));\n        \
                     assert!(r[6].is_empty() || {t}::parse(&text(&r[6])) == Some(e));"
                );
            }
            let _ = writeln!(main, "    }}\n    assert_eq!({t}::ALL.len(), rows.len());");
            if p.integers() {
                let _ = writeln!(
                    main,
                    "    assert_eq!({t}::parse(\"nope\"), None);\n    assert_eq!({t}::parse(\"\"), None);\n    \
                     assert_eq!({t}::from_code(-1234567), None);"
                );
            } else {
                let _ = writeln!(main, "    assert_eq!({t}::from_code(\"nope\"), None);");
            }
            for (i, (code, _)) in p.arms.iter().enumerate() {
                let c = rust_code(p, code);
                let _ = writeln!(
                    main,
                    "    assert!(snippets::{m}::arm{i}({c}).is_some() && snippets::{m}::arm{i}({c}) == {t}::from_code({c}));"
                );
            }
            for (i, (code, _)) in p.subset_arms.iter().enumerate() {
                let c = rust_code(p, code);
                let _ = writeln!(
                    main,
                    "    assert!(snippets::{sub}::arm{i}({c}).is_some() && snippets::{sub}::arm{i}({c}) == snippets::{sub}::{t}::from_code({c}));"
                );
            }
            let _ = writeln!(
                main,
                "    assert_eq!(snippets::{sub}::{t}::ALL.len(), {});\n}}",
                p.subset_arms.len()
            );
        }
        vec![
            write(dir, "snippets.rs", &lib),
            write(dir, "main.rs", &main),
        ]
    }

    fn build_and_run(&self, dir: &Path, _files: &[PathBuf]) -> String {
        check(
            Command::new("rustc")
                .current_dir(dir)
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
                .current_dir(dir)
                .args(["--edition", "2021", "--extern", "snippets=libsnippets.rlib"])
                .args(["-L", ".", "-o", "check", "main.rs"]),
            RUSTC,
            "rustc (lookup checks)",
            false,
        );
        check(
            Command::new(dir.join("check")).current_dir(dir),
            RUSTC,
            "Rust lookup checks",
            false,
        )
    }
}

#[test]
fn rust_enums_compile_cleanly_and_look_codes_up() {
    check_enums(&Rust);
}

/// The body types of every shipped vendor, as `errdex snippet VENDOR --envelope --lang rust`
/// prints them, in a cargo project with serde and serde_json (offline, the versions of our own
/// Cargo.lock), with clippy's warnings denied; then a program parses each sample body with
/// serde_json, maps its code to the enum and prints the messages.
#[test]
fn rust_body_types_parse_the_sample_bodies() {
    let dir = workdir();
    let samples = samples();
    let mut lib = String::from("#![deny(warnings)]\n");
    let mut main = String::from("fn main() {\n");
    let mut expected = String::new();
    for s in &samples {
        let out = errdex(&["snippet", &s.vendor, "--envelope", "--lang", "rust"]);
        let stem = format!("{}_errors", s.vendor.replace('-', "_"));
        let _ = writeln!(lib, "pub mod {stem} {{\n{out}\n}}\n");
        write(dir.path(), &format!("src/{}.json", s.vendor), &s.body);
        let t = body_type(&s.vendor);
        let _ = writeln!(
            main,
            "    let b: bodies::{stem}::{t}Body = serde_json::from_str(include_str!({path:?})).unwrap();\n    \
             let e = b.error().expect(\"the sample's code is in the enum\");\n    \
             println!(\"{{}} {{}}\", e.code(), e.message());",
            path = format!("{}.json", s.vendor),
        );
        if s.vendor == "guo-guo" {
            let _ = writeln!(
                main,
                "    for item in &b.validation_failed_responses {{\n        \
                 let e = item.error().expect(\"the item's code is in the enum\");\n        \
                 println!(\"  {{}} {{}}\", e.code(), e.message());\n    }}",
            );
        } else {
            let _ = writeln!(main, "    assert!(b.is_error());");
        }
        expected.push_str(&sample_output(s));
    }
    main.push_str("}\n");
    write(dir.path(), "src/lib.rs", &lib);
    write(dir.path(), "src/main.rs", &main);
    write(
        dir.path(),
        "Cargo.toml",
        "[package]\nname = \"bodies\"\nversion = \"0.0.0\"\nedition = \"2021\"\n\n\
         [dependencies]\nserde = { version = \"1\", features = [\"derive\"] }\nserde_json = \"1\"\n",
    );
    std::fs::copy(
        manifest_dir().join("Cargo.lock"),
        dir.path().join("Cargo.lock"),
    )
    .unwrap();
    // Built once per target directory: serde is compiled on the first run only.
    let target = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("snippet-bodies");
    let cargo = || {
        let mut c = Command::new(env!("CARGO"));
        c.current_dir(dir.path())
            .env("CARGO_TARGET_DIR", &target)
            .env_remove("RUSTFLAGS");
        c
    };
    check(
        cargo().args(["clippy", "--offline", "--quiet", "--", "-D", "warnings"]),
        RUSTC,
        "cargo clippy (body types)",
        false,
    );
    let out = check(
        cargo().args(["run", "--offline", "--quiet"]),
        RUSTC,
        "the Rust body program",
        false,
    );
    assert_eq!(out, expected);
}

#[test]
fn several_vendors_in_one_rust_file_pass_clippy() {
    let m = one_file(Lang::Rust);
    let dir = workdir();
    write(
        dir.path(),
        "src/lib.rs",
        &format!("#![deny(warnings)]\n{}", m.text),
    );
    write(
        dir.path(),
        "Cargo.toml",
        "[package]\nname = \"module\"\nversion = \"0.0.0\"\nedition = \"2021\"\n\n\
         [dependencies]\nserde = { version = \"1\", features = [\"derive\"] }\nserde_json = \"1\"\n",
    );
    std::fs::copy(
        manifest_dir().join("Cargo.lock"),
        dir.path().join("Cargo.lock"),
    )
    .unwrap();
    let target = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("snippet-bodies");
    check(
        Command::new(env!("CARGO"))
            .current_dir(dir.path())
            .env("CARGO_TARGET_DIR", &target)
            .env_remove("RUSTFLAGS")
            .args(["clippy", "--offline", "--quiet", "--", "-D", "warnings"]),
        RUSTC,
        "cargo clippy (several vendors in one file)",
        false,
    );
}
