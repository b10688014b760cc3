//! Python: every enum and arm run by python3, looking every code up.

use crate::*;

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
