//! Rust: every enum and arm compiled by rustc with warnings denied, then a program that looks
//! every code up; every body type compiled with serde by cargo, then run on the samples.

use crate::*;

/// `1302` for a vendor with integer codes, else the code as a string built from its code
/// points (so no escaping of ours is involved).
fn code_expr(u: &Unit, code: &str) -> String {
    if u.integer_codes() {
        format!("{}i64", code.parse::<i64>().unwrap())
    } else {
        format!("&s(&[{}])", cps(code))
    }
}

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
        let param = if u.integer_codes() { "i64" } else { "&str" };
        // Every arm, spliced into the `from_code` of the enum made for its entry alone (typed
        // as the vendor's codes are, as the CLI and the explorer do).
        let vendor = Snippets::new(Lang::Rust, &u.vendor, &u.refs());
        for (i, e) in u.entries.iter().enumerate() {
            let a = vendor.arm(&[e], &e.code);
            if u.integer_codes() {
                let n: i64 = e.code.parse().unwrap();
                assert!(a.starts_with(&format!("{n} => ")), "{a}");
            } else {
                assert!(a.contains(&format!("{:?}", e.code)), "{a}");
            }
            assert_eq!(a.lines().count(), 1, "{a}");
            let _ = writeln!(
                lib,
                "pub mod {stem}_arm{i} {{\n{unit}\npub fn check(code: {param}) -> Option<{t}> {{\n    \
                 Some(match code {{\n        {a}\n        _ => return None,\n    }})\n}}\n}}\n",
                stem = u.stem(),
                unit = vendor.enumeration(&[e]),
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
        let kinds = u.kinds();
        for ((code, message, status), (_, kind, retryable)) in u.expected().into_iter().zip(kinds) {
            let c = code_expr(u, &code);
            let _ = writeln!(
                main,
                "    let e = snippets::{m}::{t}::from_code({c}).unwrap_or_else(|| panic!(\"{m} {{:?}}\", {c}));\n    \
                 assert_eq!(e.code(), {c});\n    assert_eq!(e.message(), s(&[{}]), \"{m} {{:?}}\", {c});\n    \
                 assert_eq!(e.http_status(), {status:?});\n    \
                 assert_eq!(e.kind(), {kind:?});\n    \
                 assert_eq!(e.is_retryable(), {retryable});\n    \
                 assert!(snippets::{m}::{t}::ALL.contains(&e));\n    \
                 assert_eq!(e.to_string(), format!(\"{{}}: {{}}\", e.code(), e.message()));",
                cps(&message),
            );
            if u.integer_codes() {
                // The text form, with leading zeros as MantaGO's sample writes `0000`.
                let _ = writeln!(
                    main,
                    "    assert_eq!(snippets::{m}::{t}::parse(&s(&[{}])), Some(e));",
                    cps(&code)
                );
                if !code.starts_with('-') {
                    let _ = writeln!(
                        main,
                        "    assert_eq!(snippets::{m}::{t}::parse(\"00{code}\"), Some(e));"
                    );
                }
            }
        }
        if u.integer_codes() {
            let _ = writeln!(
                main,
                "    assert_eq!(snippets::{m}::{t}::parse(\"nope\"), None);\n    \
                 assert_eq!(snippets::{m}::{t}::parse(\"\"), None);\n    \
                 assert_eq!(snippets::{m}::{t}::from_code(i64::MIN), None);"
            );
        } else {
            let _ = writeln!(
                main,
                "    assert_eq!(snippets::{m}::{t}::from_code(\"nope\"), None);"
            );
        }
        let _ = writeln!(
            main,
            "    assert_eq!(snippets::{m}::{t}::ALL.len(), {});",
            u.expected().len()
        );
        for (i, e) in u.entries.iter().enumerate() {
            let c = code_expr(u, &e.code);
            let _ = writeln!(
                main,
                "    assert_eq!(snippets::{m}_arm{i}::check({c}), snippets::{m}_arm{i}::{t}::from_code({c}));\n    \
                 assert!(snippets::{m}_arm{i}::check({c}).is_some());",
            );
        }
    }
    main.push_str(
        "    assert!(snippets::pixnet_errors::PixnetError::from_code(4109).is_some());\n    \
         assert!(snippets::pixnet_errors::PixnetError::from_code(4109).unwrap().message().contains(\" / \"));\n    \
         assert!(snippets::guo_guo_errors::GuoGuoError::from_code(\"data_validation_failed\").is_some());\n    \
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
