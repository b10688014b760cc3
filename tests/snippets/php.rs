//! PHP: every enum and arm through `php -l`, then one program (notices and deprecations shown,
//! so any would break its output) that looks every code up; every body type run on the
//! samples.

use crate::*;

/// What every generated unit starts with; the arms' file keeps it once, before its braced
/// namespaces.
const HEADER: &str = "<?php\n\ndeclare(strict_types=1);\n\n";

/// `1302` for a vendor with integer codes, else the code as a string built from its code
/// points (so no escaping of ours is involved).
fn code_expr(u: &Unit, code: &str) -> String {
    if u.integer_codes() {
        match code.parse::<i64>().unwrap() {
            i64::MIN => "PHP_INT_MIN".into(),
            n => n.to_string(),
        }
    } else {
        format!("s({})", cps(code))
    }
}

const HELPERS: &str = "function s(int ...$cps): string\n{\n    $out = '';\n    foreach ($cps as $c) {\n        \
    if ($c < 0x80) {\n            $out .= chr($c);\n        } elseif ($c < 0x800) {\n            \
    $out .= chr(0xC0 | ($c >> 6)) . chr(0x80 | ($c & 0x3F));\n        } elseif ($c < 0x10000) {\n            \
    $out .= chr(0xE0 | ($c >> 12)) . chr(0x80 | (($c >> 6) & 0x3F)) . chr(0x80 | ($c & 0x3F));\n        } else {\n            \
    $out .= chr(0xF0 | ($c >> 18)) . chr(0x80 | (($c >> 12) & 0x3F)) . chr(0x80 | (($c >> 6) & 0x3F)) . chr(0x80 | ($c & 0x3F));\n        }\n    }\n    \
    return $out;\n}\n\nfunction check(bool $ok, string $what): void\n{\n    if (!$ok) {\n        \
    throw new RuntimeException($what);\n    }\n}\n\n";

/// `php -l` on each file (it reads one file per run).
fn lint(dir: &Path, files: &[PathBuf]) {
    for f in files {
        check(
            Command::new("php").current_dir(dir).arg("-l").arg(f),
            PHP,
            "php -l",
            false,
        );
    }
}

/// Runs `check.php` with every error level reported on stdout.
fn run_php(dir: &Path, what: &str) -> String {
    check(
        Command::new("php")
            .current_dir(dir)
            .args(["-d", "error_reporting=-1", "-d", "display_errors=1"])
            .arg("check.php"),
        PHP,
        what,
        false,
    )
}

#[test]
fn php_enums_pass_lint_and_look_codes_up() {
    let mut units = units();
    units.push(markup_hostile());
    units.push(extreme_numbers());
    let dir = workdir();
    let mut files = Vec::new();
    let mut script = format!("{HEADER}{HELPERS}");
    for u in &units {
        let (m, t) = (u.stem(), u.type_name());
        let unit = enumeration(Lang::Php, &u.vendor, &u.refs());
        assert!(unit.starts_with(HEADER), "{unit}");
        files.push(write(dir.path(), &format!("{m}.php"), &unit));
        let _ = writeln!(script, "require __DIR__ . '/{m}.php';");

        // Every arm, in the match of a function beside the enum made for its entry alone
        // (typed as the vendor's codes are), each in a namespace of its own.
        let param = if u.integer_codes() { "int" } else { "string" };
        let vendor = Snippets::new(Lang::Php, &u.vendor, &u.refs());
        let mut arms = String::from(HEADER);
        let mut arm_checks = String::new();
        for (i, e) in u.entries.iter().enumerate() {
            let a = vendor.arm(&[e], &e.code);
            assert!(a.contains(" => ") && a.lines().count() == 1, "{a}");
            let alone = vendor.enumeration(&[e]);
            let _ = writeln!(
                arms,
                "namespace {m}_arm{i} {{\n{}\nfunction check({param} $code): ?{t}\n{{\n    \
                 return match ($code) {{\n        {a}\n        default => null,\n    }};\n}}\n}}\n",
                &alone[HEADER.len()..],
            );
            let c = code_expr(u, &e.code);
            let _ = writeln!(
                arm_checks,
                "check(\\{m}_arm{i}\\check({c}) === \\{m}_arm{i}\\{t}::fromCode({c}) \
                 && \\{m}_arm{i}\\check({c}) !== null, '{m} arm {i}');"
            );
        }
        files.push(write(dir.path(), &format!("{m}_arms.php"), &arms));
        let _ = writeln!(script, "require __DIR__ . '/{m}_arms.php';");
        script.push_str(&arm_checks);

        for ((code, message, status), (_, kind, retryable)) in
            u.expected().into_iter().zip(u.kinds())
        {
            let c = code_expr(u, &code);
            let status = status.map_or("null".to_string(), |s| s.to_string());
            let kind = kind.map_or("null".to_string(), |k| format!("s({})", cps(&k)));
            let _ = writeln!(
                script,
                "$e = {t}::fromCode({c});\ncheck($e !== null, '{m} ' . {c});\n\
                 check($e === {t}::tryFrom({c}), '{m} tryFrom ' . {c});\n\
                 check($e->code() === {c}, '{m} code ' . {c});\n\
                 check($e->message() === s({msg}), '{m} message ' . $e->message());\n\
                 check($e->httpStatus() === {status}, '{m} status ' . {c});\n\
                 check($e->kind() === {kind}, '{m} kind ' . {c});\n\
                 check($e->isRetryable() === {retryable}, '{m} retry ' . {c});",
                msg = cps(&message),
            );
            if u.integer_codes() {
                // The text form, with leading zeros as MantaGO's sample writes `0000`.
                let _ = writeln!(
                    script,
                    "check({t}::parse(s({})) === $e, '{m} parse ' . {c});",
                    cps(&code)
                );
                if !code.starts_with('-') {
                    let _ = writeln!(
                        script,
                        "check({t}::parse('00{code}') === $e, '{m} parse 00' . {c});"
                    );
                }
            }
        }
        if u.integer_codes() {
            let _ = writeln!(
                script,
                "check({t}::parse('nope') === null && {t}::parse('') === null && {t}::parse(' 1') === null \
                 && {t}::parse('99999999999999999999') === null, '{m} parse nope');"
            );
            if !u.entries.iter().any(|e| e.code.parse() == Ok(i64::MIN)) {
                let _ = writeln!(
                    script,
                    "check({t}::fromCode(PHP_INT_MIN) === null, '{m} PHP_INT_MIN');"
                );
            }
        } else {
            let _ = writeln!(script, "check({t}::fromCode('nope') === null, '{m} nope');");
        }
        let _ = writeln!(
            script,
            "check(count({t}::cases()) === {}, '{m} cases');",
            u.expected().len()
        );
    }
    script.push_str(
        "check(str_contains(PixnetError::fromCode(4109)->message(), ' / '), '4109');\n\
         check(GuoGuoError::fromCode('data_validation_failed') !== null, 'guo-guo');\n\
         echo \"ok\\n\";\n",
    );
    write(dir.path(), "check.php", &script);
    lint(dir.path(), &files);
    let out = run_php(dir.path(), "PHP lookup checks");
    assert_eq!(out, "ok\n");
}

/// The body types of every shipped vendor, as `errdex snippet VENDOR --envelope --lang php`
/// prints them; then a program decodes each sample body with `json_decode`, builds the body
/// with `fromJson`, maps its code to the enum and prints the messages.
#[test]
fn php_body_types_parse_the_sample_bodies() {
    let dir = workdir();
    let mut files = Vec::new();
    let mut script = format!("{HEADER}{HELPERS}");
    let mut expected = String::new();
    for s in samples() {
        let out = errdex(&["snippet", &s.vendor, "--envelope", "--lang", "php"]);
        files.push(write(dir.path(), &format!("{}.php", s.vendor), &out));
        write(dir.path(), &format!("{}.json", s.vendor), &s.body);
        let t = body_type(&s.vendor);
        let _ = writeln!(
            script,
            "require __DIR__ . '/{v}.php';\n\
             $b = {t}Body::fromJson(json_decode(file_get_contents(__DIR__ . '/{v}.json'), true, 512, JSON_THROW_ON_ERROR));\n\
             $e = $b->error();\ncheck($e !== null, '{v}: the sample\\'s code is in the enum');\n\
             echo $e->code() . ' ' . $e->message() . \"\\n\";",
            v = s.vendor,
        );
        if s.vendor == "guo-guo" {
            script.push_str(
                "foreach ($b->validationFailedResponses as $item) {\n    $i = $item->error();\n    \
                 check($i !== null, 'the item\\'s code is in the enum');\n    \
                 echo '  ' . $i->code() . ' ' . $i->message() . \"\\n\";\n}\n",
            );
        } else {
            let _ = writeln!(script, "check($b->isError(), '{} is an error');", s.vendor);
        }
        expected.push_str(&sample_output(&s));
    }
    // Absent keys stay null, a body that says it succeeded is no error, and a value of the
    // wrong JSON type is a TypeError rather than a guess.
    script.push_str(
        "check(PixnetErrorBody::fromJson([])->error() === null, 'empty body');\n\
         check(!PixnetErrorBody::fromJson(['error' => 0, 'code' => 1302])->isError(), 'error 0');\n\
         check(!MantagoErrorBody::fromJson(['success' => true])->isError(), 'success');\n\
         check(MantagoErrorBody::fromJson(['errResponse' => 'x'])->errResponse === null, 'not an object');\n\
         check(TencentImErrorBody::fromJson(['ActionStatus' => 'fail'])->isError(), 'FAIL in any case');\n\
         check(GuoGuoErrorBody::fromJson(['validation_failed_responses' => [1, []]])->validationFailedResponses[0]->error() === null, 'items');\n\
         try {\n    PixnetErrorBody::fromJson(['code' => 'x']);\n    check(false, 'a string code');\n} catch (TypeError) {\n}\n",
    );
    write(dir.path(), "check.php", &script);
    lint(dir.path(), &files);
    let out = run_php(dir.path(), "the PHP body program");
    assert_eq!(out, expected);
}

/// A body whose keys are keywords, generated members' names, `this`, two keys of one name and
/// no identifiers at all.
#[test]
fn php_body_types_survive_hostile_keys() {
    let (u, envelope, body) = hostile_keys();
    let dir = workdir();
    let unit = Snippets::new(Lang::Php, &u.vendor, &u.refs())
        .with_envelope(&envelope)
        .enumeration(&u.refs());
    let file = write(dir.path(), "body.php", &unit);
    write(dir.path(), "body.json", &body);
    let t = "WeirdNumbersError";
    let script = format!(
        "{HEADER}{HELPERS}require __DIR__ . '/body.php';\n\
         $b = {t}Body::fromJson(json_decode(file_get_contents(__DIR__ . '/body.json'), true, 512, JSON_THROW_ON_ERROR));\n\
         check($b->error() !== null && $b->error() === {t}::fromCode(7), 'error');\n\
         check($b->isError(), 'flag');\n\
         check(count($b->errors) === 2 && $b->errors[0]->error() === {t}::fromCode(-3) \
         && $b->errors[1]->error() === {t}::fromCode(42), 'items');\n\
         check($b->errors[0]->class === 'f' && $b->class === 'c', 'class');\n\
         check($b->this2 === 1 && $b->xRequestId === 'r', 'this, X-Request-ID');\n\
         check($b->errorCode === 4 && $b->errorCode2 === 5, 'two keys');\n\
         check($b->getError === 3 && $b->fromJson === 7 && $b->fromJson2 === 8 && $b->field === 6 && $b->field2fa === 10, 'names');\n\
         echo \"ok\\n\";\n"
    );
    write(dir.path(), "check.php", &script);
    lint(dir.path(), &[file]);
    assert_eq!(run_php(dir.path(), "the PHP hostile-keys program"), "ok\n");
}
