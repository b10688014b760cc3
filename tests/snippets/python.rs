//! Python: every enum and arm run by python3, looking every code up; every body type run on
//! the sample bodies.

use crate::module::one_file;
use crate::plan::{Harness, Planned, check_enums, int_literal, number};
use crate::*;

/// What to install when the tool is missing.
const PYTHON: &str = "python3 3.10 or newer (Debian package python3)";

fn python3_version_check() {
    let version = check(
        Command::new("python3").args(["-c", "import sys; print(sys.version_info >= (3, 10))"]),
        PYTHON,
        "python3 version",
        false,
    );
    assert_eq!(version.trim(), "True", "the Python snippets need {PYTHON}");
}

const PRELUDE: &str = "import glob, json, runpy, sys\nsys.path.insert(0, '.')\n\n\n\
                       def s(cps):\n    return ''.join(map(chr, cps))\n\n\n";

/// Python's templates: each unit a module with its sampled arms as functions beside the enum
/// (the sample's enum a module of its own), and one program that checks every unit.
struct Python;

/// A code as the Python program writes it: an `int`, or a string from its code points.
fn python_code(p: &Planned, code: &str) -> String {
    match number(code) {
        Some(n) if p.integers() => n.to_string(),
        _ => format!("text(\"{}\")", cps(code).replace(' ', "")),
    }
}

/// A function per arm (`arm0`, `arm1`, …), each the arm alone in a `match`.
fn python_arms(p: &Planned, arms: &[(String, String)]) -> String {
    let mut out = String::new();
    for (i, (code, a)) in arms.iter().enumerate() {
        if p.integers() {
            assert!(
                a.starts_with(&format!("case {}: return ", int_literal(code))),
                "{a}"
            );
        }
        assert_eq!(a.lines().count(), 1, "{a}");
        let _ = writeln!(
            out,
            "\n\ndef arm{i}(code):\n    match code:\n        {a}\n    return None"
        );
    }
    out
}

impl Harness for Python {
    fn lang(&self) -> Lang {
        Lang::Python
    }

    fn unit_files(&self, dir: &Path, p: &Planned) -> Vec<PathBuf> {
        vec![
            write(
                dir,
                &format!("{}.py", p.stem()),
                &format!("{}{}", p.text, python_arms(p, &p.arms)),
            ),
            write(
                dir,
                &format!("{}.py", p.subset_stem()),
                &format!("{}{}", p.subset, python_arms(p, &p.subset_arms)),
            ),
        ]
    }

    fn program(&self, dir: &Path, units: &[Planned]) -> Vec<PathBuf> {
        let mut script = String::from(
            "import sys\nsys.path.insert(0, '.')\n\n\n\
             def text(cps):\n    return ''.join(chr(int(c)) for c in cps.split(',') if c)\n\n\n\
             def rows(stem):\n    with open(f'cases/{stem}.tsv', encoding='utf-8') as f:\n        \
             return [line.rstrip('\\n').split('\\t') for line in f]\n\n\n\
             BAD = ['nope', '', '1e3', ' 7', '7 ', '1_0', '\\u0661', '+', '-', '0x', '0x-1', '0x1_0', ' 0x1', '0x1 ']\n\n",
        );
        for p in units {
            let (m, t, sub) = (p.stem(), p.type_name(), p.subset_stem());
            let code = if p.integers() {
                "int(r[1])"
            } else {
                "text(r[0])"
            };
            let _ = writeln!(
                script,
                "import {m}\nimport {sub}\n\n{m}_rows = rows('{m}')\nfor r in {m}_rows:\n    code = {code}\n    \
                 e = {m}.{t}.from_code(code)\n    assert e is not None, code\n    \
                 assert e.code == code and type(e.code) is type(code), (e, e.code)\n    \
                 assert e.message == text(r[2]), (e, e.message)\n    \
                 assert e.http_status == (int(r[3]) if r[3] else None), (e, e.http_status)\n    \
                 assert e.kind == (text(r[4]) if r[4] else None), (e, e.kind)\n    \
                 assert e.is_retryable is (r[5] == '1'), (e, e.is_retryable)\n    \
                 assert {m}.{t}(code) is e"
            );
            if p.integers() {
                let _ = writeln!(
                    script,
                    "    assert {m}.{t}.parse(text(r[0])) is e, r[0]\n    \
                     assert not r[6] or {m}.{t}.parse(text(r[6])) is e, r[6]\n    \
                     assert {m}.{t}.from_code(float(code)) is None, code\n\
                     for bad in BAD:\n    assert {m}.{t}.parse(bad) is None, bad\n\
                     assert {m}.{t}.from_code(-(2 ** 70)) is None\n\
                     # bool is an int in Python, and True == 1: not a code.\n\
                     assert {m}.{t}.from_code(True) is None and {m}.{t}.from_code(False) is None"
                );
            } else {
                let _ = writeln!(script, "assert {m}.{t}.from_code('nope') is None");
            }
            let _ = writeln!(script, "assert len({m}.{t}) == len({m}_rows)");
            for (module, arms) in [(&m, &p.arms), (&sub, &p.subset_arms)] {
                for (i, (code, _)) in arms.iter().enumerate() {
                    let c = python_code(p, code);
                    let _ = writeln!(
                        script,
                        "assert {module}.arm{i}({c}) is not None and {module}.arm{i}({c}) is {module}.{t}.from_code({c})"
                    );
                }
            }
            script.push('\n');
        }
        script.push_str("print('ok')\n");
        vec![write(dir, "check.py", &script)]
    }

    fn build_and_run(&self, dir: &Path, files: &[PathBuf]) -> String {
        python3_version_check();
        check(
            Command::new("python3")
                .current_dir(dir)
                .env("PYTHONDONTWRITEBYTECODE", "1")
                .args(["-W", "error", "-m", "py_compile"])
                .args(files),
            PYTHON,
            "python3 -m py_compile",
            true,
        );
        check(
            Command::new("python3")
                .current_dir(dir)
                .env("PYTHONDONTWRITEBYTECODE", "1")
                .args(["-W", "error", "check.py"]),
            PYTHON,
            "Python lookup checks",
            false,
        )
    }
}

#[test]
fn python_enums_compile_and_look_codes_up() {
    check_enums(&Python);
}

/// The body types of every shipped vendor, as `errdex snippet VENDOR --envelope --lang python`
/// prints them; a program reads each sample body with `json.loads` into the dataclass, maps its
/// code to the enum and prints the messages, and a body of the wrong type raises ValueError.
#[test]
fn python_body_types_parse_the_sample_bodies() {
    let dir = workdir();
    let mut files = Vec::new();
    let mut main = String::from(PRELUDE);
    let mut expected = String::new();
    for s in samples() {
        let t = body_type(&s.vendor);
        let m = format!("{}_errors", s.vendor.replace('-', "_"));
        let out = errdex(&["snippet", &s.vendor, "--envelope", "--lang", "python"]);
        files.push(write(dir.path(), &format!("{m}.py"), &out));
        write(dir.path(), &format!("{m}.json"), &s.body);
        write(
            dir.path(),
            &format!("{m}.wrong.json"),
            &sample_with_wrong_code(&s),
        );
        let _ = writeln!(
            main,
            "import {m}\n\
             with open('{m}.json', encoding='utf-8') as f:\n    body = {m}.{t}Body.from_json(json.load(f))\n\
             e = body.error()\nassert e is not None, body\nprint(f'{{e.code}} {{e.message}}')\n\
             with open('{m}.wrong.json', encoding='utf-8') as f:\n    wrong = json.load(f)\n\
             try:\n    {m}.{t}Body.from_json(wrong)\nexcept ValueError:\n    pass\n\
             else:\n    raise AssertionError('a code of the wrong type was read')\n\
             for bad in [None, [], 'x', 1]:\n    try:\n        {m}.{t}Body.from_json(bad)\n    \
             except ValueError:\n        pass\n    else:\n        raise AssertionError(bad)\n\
             assert {m}.{t}Body.from_json({{}}).error() is None",
        );
        if s.vendor == "guo-guo" {
            let _ = writeln!(
                main,
                "for item in body.validation_failed_responses:\n    e = item.error()\n    \
                 assert e is not None, item\n    print(f'  {{e.code}} {{e.message}}')",
            );
        } else {
            let _ = writeln!(
                main,
                "assert body.is_error()\nassert not {m}.{t}Body().is_error()"
            );
        }
        main.push('\n');
        expected.push_str(&sample_output(&s));
    }
    write(dir.path(), "main.py", &main);
    python3_version_check();
    check(
        Command::new("python3")
            .current_dir(dir.path())
            .env("PYTHONDONTWRITEBYTECODE", "1")
            .args(["-W", "error", "-m", "py_compile"])
            .args(&files),
        PYTHON,
        "python3 -m py_compile (body types)",
        true,
    );
    let out = check(
        Command::new("python3")
            .current_dir(dir.path())
            .env("PYTHONDONTWRITEBYTECODE", "1")
            .args(["-W", "error", "main.py"]),
        PYTHON,
        "the Python body program",
        false,
    );
    assert_eq!(out, expected);
}

/// The body type of a vendor whose envelope keys are hostile (see [`hostile_body`]), run on a
/// body using every key.
#[test]
fn python_body_types_survive_hostile_keys() {
    let h = hostile_body();
    let dir = workdir();
    let t = h.unit.type_name();
    let unit = write(
        dir.path(),
        "hostile.py",
        &hostile_body_unit(Lang::Python, &h),
    );
    write(dir.path(), "body.json", &h.body);
    let main = format!(
        "import json\nimport hostile\n\n\n\
         def cps(text):\n    return ','.join(str(ord(c)) for c in text)\n\n\n\
         with open('body.json', encoding='utf-8') as f:\n    \
         body = hostile.{t}Body.from_json(json.load(f))\n\
         e = body.error()\nassert e is not None, body\n\
         print(f'{{e.code}} {{cps(e.message)}}')\n\
         print(f'error {{str(body.is_error()).lower()}}')\n\
         for item in body.proto:\n    e = item.error()\n    assert e is not None, item\n    \
         print(f'  {{e.code}} {{cps(e.message)}}')\n\
         empty = hostile.{t}Body.from_json({{}})\nassert empty.error() is None\n\
         print(f'empty error {{str(empty.is_error()).lower()}}')\n\
         try:\n    hostile.{t}Body.from_json({{'__proto__': 'x'}})\nexcept ValueError:\n    pass\n\
         else:\n    raise AssertionError('a list of the wrong type was read')\n",
    );
    write(dir.path(), "main.py", &main);
    python3_version_check();
    check(
        Command::new("python3")
            .current_dir(dir.path())
            .env("PYTHONDONTWRITEBYTECODE", "1")
            .args(["-W", "error", "-m", "py_compile"])
            .arg(&unit),
        PYTHON,
        "python3 -m py_compile (hostile body type)",
        true,
    );
    let out = check(
        Command::new("python3")
            .current_dir(dir.path())
            .env("PYTHONDONTWRITEBYTECODE", "1")
            .args(["-W", "error", "main.py"]),
        PYTHON,
        "the Python hostile body program",
        false,
    );
    assert_eq!(out, h.output);
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
