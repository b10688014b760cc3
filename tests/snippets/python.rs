//! Python: every enum and arm run by python3, looking every code up; every body type run on
//! the sample bodies.

use crate::*;

/// `1302` for a vendor with integer codes, else the code as a string built from its code
/// points (so no escaping of ours is involved).
fn code_expr(u: &Unit, code: &str) -> String {
    if u.integer_codes() {
        code.parse::<i64>().unwrap().to_string()
    } else {
        format!("s([{}])", cps(code))
    }
}

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
        // Every arm, in the `match` of a function beside the enum made for its entry alone
        // (typed as the vendor's codes are, as the CLI and the explorer do).
        let vendor = Snippets::new(Lang::Python, &u.vendor, &u.refs());
        for (i, e) in u.entries.iter().enumerate() {
            let a = vendor.arm(&[e], &e.code);
            let c = code_expr(u, &e.code);
            if u.integer_codes() {
                assert!(a.starts_with(&format!("case {c}: return ")), "{a}");
            }
            assert_eq!(a.lines().count(), 1, "{a}");
            let other = if u.integer_codes() {
                "CODE + 1"
            } else {
                "CODE + \"x\""
            };
            let text = format!(
                "{}\n\ndef check(code):\n    match code:\n        {a}\n    return None\n\n\n\
                 def s(cps):\n    return \"\".join(map(chr, cps))\n\n\n\
                 CODE = {c}\nassert check(CODE) is {t}.from_code(CODE), CODE\n\
                 assert check(CODE) is not None\nassert check({other}) is None\n",
                vendor.enumeration(&[e]),
                t = u.type_name(),
            );
            files.push(write(
                dir.path(),
                &format!("arms/{}_{i}.py", u.stem()),
                &text,
            ));
        }
    }
    let mut script = String::from(PRELUDE);
    for u in &units {
        let (m, t) = (u.stem(), u.type_name());
        let _ = writeln!(script, "import {m}\n\n{m}_cases = [");
        for ((code, message, status), (_, kind, retryable)) in
            u.expected().into_iter().zip(u.kinds())
        {
            let status = status.map_or("None".to_string(), |s| s.to_string());
            let kind = kind.map_or("None".to_string(), |k| format!("{k:?}"));
            let retryable = if retryable { "True" } else { "False" };
            let _ = writeln!(
                script,
                "    ({}, [{}], {status}, {kind}, {retryable}, [{}]),",
                code_expr(u, &code),
                cps(&message),
                cps(&code),
            );
        }
        let _ = writeln!(
            script,
            "]\nfor code, message, status, kind, retryable, text in {m}_cases:\n    \
             e = {m}.{t}.from_code(code)\n    assert e is not None, code\n    \
             assert e.code == code and type(e.code) is type(code), (e, e.code)\n    \
             assert e.message == s(message), (e, e.message)\n    \
             assert e.http_status == status, (e, e.http_status)\n    \
             assert e.kind == kind, (e, e.kind)\n    \
             assert e.is_retryable is retryable, (e, e.is_retryable)\n    \
             assert {m}.{t}(code) is e"
        );
        if u.integer_codes() {
            // The text form, with leading zeros as MantaGO's sample writes `0000`.
            let _ = writeln!(
                script,
                "    assert {m}.{t}.parse(s(text)) is e, text\n    \
                 assert code < 0 or {m}.{t}.parse('00' + s(text)) is e, text\n    \
                 assert {m}.{t}.from_code(float(code)) is None, code\n\
                 for bad in ['nope', '', '1e3', ' 7', '7 ', '1_0', '\\u0661', '+', '-']:\n    \
                 assert {m}.{t}.parse(bad) is None, bad\n\
                 assert {m}.{t}.from_code(-(2 ** 70)) is None\n\
                 # bool is an int in Python, and True == 1: not a code.\n\
                 assert {m}.{t}.from_code(True) is None and {m}.{t}.from_code(False) is None"
            );
        } else {
            let _ = writeln!(script, "assert {m}.{t}.from_code('nope') is None");
        }
        let _ = writeln!(script, "assert len({m}.{t}) == len({m}_cases)\n");
    }
    script.push_str(
        "assert pixnet_errors.PixnetError.from_code(1302).kind == 'rate_limit'\n\
         assert ' / ' in pixnet_errors.PixnetError.from_code(4109).message\n\
         assert guo_guo_errors.GuoGuoError.from_code('data_validation_failed') is not None\n\
         arms = sorted(glob.glob('arms/*.py'))\nassert arms\n\
         for path in arms:\n    runpy.run_path(path)\nprint('ok')\n",
    );
    write(dir.path(), "check.py", &script);

    python3_version_check();
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
