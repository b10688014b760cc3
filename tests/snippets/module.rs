//! Several vendors' enums in one file (the explorer's `Y` over rows of several vendors), checked
//! by each language's real tool as one file: shipped vendors with their body types, one without
//! an envelope, string and integer codes, and the synthetic vendors with hostile text and keys.

use crate::java::javac;
use crate::javascript::{module_package, tsc_check_js};
use crate::kotlin::kotlinc;
use crate::typescript::tsc_strict;
use crate::*;
use errdex::snippet::{Module, module};

/// The file for `lang`, and the name its language wants for it.
fn one_file(lang: Lang) -> Module {
    let index = Index::embedded();
    let mut units: Vec<(Unit, Option<errdex::catalog::Envelope>)> = [
        "mantago",
        "pixnet",
        "guo-guo",
        "tencent-im",
        "http",
        "postgres",
    ]
    .iter()
    .map(|id| {
        let c = index.vendor_catalog(index.find_vendor(id).unwrap());
        let unit = Unit {
            vendor: c.vendor.clone(),
            entries: c.entries.clone(),
        };
        (unit, c.envelope.clone())
    })
    .collect();
    units.push((synthetic(), Some(hostile_envelope())));
    units.push((synthetic_numbers(), Some(hostile_envelope())));
    let parts = units
        .iter()
        .map(|(u, envelope)| {
            let mut s = Snippets::new(lang, &u.vendor, &u.refs());
            if let Some(e) = envelope {
                s = s.with_envelope(e);
            }
            (s, u.refs())
        })
        .collect();
    let m = module(parts).unwrap();
    // Each vendor's type is in it.
    for (u, _) in &units {
        assert!(m.text.contains(&u.type_name()), "{lang}: {}", u.type_name());
    }
    m
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

#[test]
fn several_vendors_in_one_typescript_file_pass_strict_tsc() {
    let m = one_file(Lang::Typescript);
    let dir = workdir();
    let file = write(dir.path(), "errors.ts", &m.text);
    check(
        tsc_strict(dir.path())
            .args(["--module", "commonjs", "--outDir", "out"])
            .arg(&file),
        NODE,
        "tsc --strict (several vendors in one file)",
        true,
    );
}

#[test]
fn several_vendors_in_one_javascript_file_pass_checkjs_and_load() {
    let m = one_file(Lang::Javascript);
    assert_eq!(m.text.matches("// @ts-check").count(), 1);
    let dir = workdir();
    module_package(dir.path());
    let file = write(dir.path(), "errors.js", &m.text);
    tsc_check_js(dir.path(), &[file]);
    write(
        dir.path(),
        "main.js",
        "import * as e from './errors.js';\nconsole.log(Object.keys(e).length > 0);\n",
    );
    let out = check(
        Command::new("node").current_dir(dir.path()).arg("main.js"),
        NODE,
        "node (several vendors in one file)",
        false,
    );
    assert_eq!(out.trim(), "true");
}

#[test]
fn several_vendors_in_one_python_file_compile_and_load() {
    let m = one_file(Lang::Python);
    assert_eq!(
        m.text.matches("def _json_object(").count(),
        1,
        "helpers once"
    );
    let dir = workdir();
    write(dir.path(), "errors.py", &m.text);
    check(
        Command::new("python3").current_dir(dir.path()).args([
            "-W",
            "error",
            "-c",
            "import errors; print(errors.MantagoError(1004).message)",
        ]),
        PYTHON,
        "python3 (several vendors in one file)",
        false,
    );
}

#[test]
fn several_vendors_in_one_go_file_are_gofmt_and_vet_clean() {
    let m = one_file(Lang::Go);
    assert_eq!(m.text.matches("\npackage ").count(), 1, "one package line");
    let dir = workdir();
    write(dir.path(), "go.mod", "module errdexcheck\n\ngo 1.18\n");
    write(dir.path(), "errcodes/errcodes.go", &m.text);
    check(
        Command::new("gofmt")
            .current_dir(dir.path())
            .args(["-l", "errcodes"]),
        GO,
        "gofmt -l (several vendors in one file)",
        true,
    );
    check(
        Command::new("go")
            .current_dir(dir.path())
            .args(["vet", "./..."])
            .env("GOFLAGS", "-mod=mod")
            .env("GOPROXY", "off")
            .env("GOTOOLCHAIN", "local"),
        GO,
        "go vet (several vendors in one file)",
        true,
    );
}

#[test]
fn several_vendors_in_one_java_file_compile() {
    let m = one_file(Lang::Java);
    let name = m.file_name.expect("Java names its file");
    let dir = workdir();
    let file = write(dir.path(), &name, &m.text);
    javac(dir.path(), GSON_JAR, &[file]);
}

#[test]
fn several_vendors_in_one_kotlin_file_compile() {
    let m = one_file(Lang::Kotlin);
    let dir = workdir();
    let file = write(dir.path(), "Errors.kt", &m.text);
    kotlinc(dir.path(), GSON_JAR, &[file]);
}

#[test]
fn several_vendors_in_one_csharp_file_compile() {
    let m = one_file(Lang::CSharp);
    let dir = workdir();
    write(dir.path(), "Errors.cs", &m.text);
    check(
        Command::new("mcs")
            .current_dir(dir.path())
            .args(["-warn:4", "-warnaserror+", "-nowarn:1591", "-doc:doc.xml"])
            .args(["-r:System.Runtime.Serialization.dll", "-target:library"])
            .args(["-out:errors.dll", "Errors.cs"]),
        MONO,
        "mcs (several vendors in one file)",
        false,
    );
}

#[test]
fn several_vendors_in_one_php_file_lint_and_load() {
    let m = one_file(Lang::Php);
    let dir = workdir();
    write(dir.path(), "errors.php", &m.text);
    for args in [
        &["-l", "errors.php"][..],
        &["-d", "error_reporting=-1", "errors.php"],
    ] {
        let out = check(
            Command::new("php").current_dir(dir.path()).args(args),
            PHP,
            "php (several vendors in one file)",
            false,
        );
        assert!(
            !out.contains("Warning") && !out.contains("Deprecated"),
            "{out}"
        );
    }
}

#[test]
fn several_vendors_in_one_ruby_file_load_without_warnings() {
    let m = one_file(Lang::Ruby);
    let dir = workdir();
    write(dir.path(), "errors.rb", &m.text);
    for args in [&["-wc", "errors.rb"][..], &["-w", "errors.rb"]] {
        let out = run(
            Command::new("ruby").current_dir(dir.path()).args(args),
            RUBY,
        );
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            out.status.success() && stderr.trim().is_empty(),
            "ruby {args:?}:\n{stderr}"
        );
    }
}
