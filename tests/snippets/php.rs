//! PHP: every enum and arm through `php -l`, then one program (notices and deprecations shown,
//! so any would break its output) that looks every code up; every body type run on the
//! samples.

use crate::module::one_file;
use crate::plan::{Harness, Planned, check_enums, number};
use crate::*;

/// What to install when the tool is missing.
const PHP: &str = "PHP 8.1 or newer (Debian package php-cli)";

/// What every generated unit starts with; the arms' file keeps it once, before its braced
/// namespaces.
const HEADER: &str = "<?php\n\ndeclare(strict_types=1);\n\n";

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

/// PHP's templates: each unit in a file of its own with its sampled arms as functions beside
/// the enum (the sample's enum in a namespace of its own), and one program that checks every
/// unit.
struct Php;

/// A code as the PHP program writes it: an `int`, or a string from its code points.
fn php_code(p: &Planned, code: &str) -> String {
    match number(code) {
        Some(i64::MIN) if p.integers() => "PHP_INT_MIN".into(),
        Some(n) if p.integers() => n.to_string(),
        _ => format!("text('{}')", cps(code).replace(' ', "")),
    }
}

/// A function per arm (`STEM_arm0`, …), each the arm alone in a `match`.
fn php_arms(p: &Planned, arms: &[(String, String)], prefix: &str) -> String {
    let t = p.type_name();
    let param = if p.integers() { "int" } else { "string" };
    let mut out = String::new();
    for (i, (_, a)) in arms.iter().enumerate() {
        assert!(a.contains(" => ") && a.lines().count() == 1, "{a}");
        let _ = writeln!(
            out,
            "\nfunction {prefix}_arm{i}({param} $code): ?{t}\n{{\n    \
             return match ($code) {{\n        {a}\n        default => null,\n    }};\n}}"
        );
    }
    out
}

impl Harness for Php {
    fn lang(&self) -> Lang {
        Lang::Php
    }

    fn unit_files(&self, dir: &Path, p: &Planned) -> Vec<PathBuf> {
        let (m, sub) = (p.stem(), p.subset_stem());
        for text in [&p.text, &p.subset] {
            assert!(text.starts_with(HEADER), "{text}");
        }
        vec![
            write(
                dir,
                &format!("{m}.php"),
                &format!("{}{}", p.text, php_arms(p, &p.arms, &m)),
            ),
            write(
                dir,
                &format!("{sub}.php"),
                &format!(
                    "{HEADER}namespace {sub} {{\n{}{}}}\n",
                    &p.subset[HEADER.len()..],
                    php_arms(p, &p.subset_arms, "subset")
                ),
            ),
        ]
    }

    fn program(&self, dir: &Path, units: &[Planned]) -> Vec<PathBuf> {
        let mut script = format!(
            "{HEADER}{HELPERS}function text(string $cps): string\n{{\n    \
             return $cps === '' ? '' : s(...array_map('intval', explode(',', $cps)));\n}}\n\n\
             function rows(string $stem): array\n{{\n    \
             return array_map(fn ($line) => explode(\"\\t\", $line), file(__DIR__ . \"/cases/$stem.tsv\", FILE_IGNORE_NEW_LINES));\n}}\n\n"
        );
        for p in units {
            let (m, t, sub) = (p.stem(), p.type_name(), p.subset_stem());
            let code = if p.integers() {
                "(int) $r[1]"
            } else {
                "text($r[0])"
            };
            let _ = writeln!(
                script,
                "require __DIR__ . '/{m}.php';\nrequire __DIR__ . '/{sub}.php';\n\
                 ${m} = rows('{m}');\nforeach (${m} as $r) {{\n    $code = {code};\n    \
                 $e = {t}::fromCode($code);\n    check($e !== null, '{m} ' . $r[0]);\n    \
                 check($e === {t}::tryFrom($code), '{m} tryFrom ' . $r[0]);\n    \
                 check($e->code() === $code, '{m} code ' . $r[0]);\n    \
                 check($e->message() === text($r[2]), '{m} message ' . $e->message());\n    \
                 check($e->httpStatus() === ($r[3] === '' ? null : (int) $r[3]), '{m} status ' . $r[0]);\n    \
                 check($e->kind() === ($r[4] === '' ? null : text($r[4])), '{m} kind ' . $r[0]);\n    \
                 check($e->isRetryable() === ($r[5] === '1'), '{m} retry ' . $r[0]);"
            );
            if p.integers() {
                let _ = writeln!(
                    script,
                    "    check({t}::parse(text($r[0])) === $e, '{m} parse ' . $r[0]);\n    \
                     check($r[6] === '' || {t}::parse(text($r[6])) === $e, '{m} parse padded ' . $r[0]);\n}}\n\
                     check({t}::parse('nope') === null && {t}::parse('') === null && {t}::parse(' 1') === null \
                     && {t}::parse('99999999999999999999') === null && {t}::parse('0x10000000000000000') === null, '{m} parse nope');\n\
                     check({t}::fromCode(-1234567) === null, '{m} unknown');"
                );
            } else {
                let _ = writeln!(
                    script,
                    "}}\ncheck({t}::fromCode('nope') === null, '{m} nope');"
                );
            }
            let _ = writeln!(
                script,
                "check(count({t}::cases()) === count(${m}), '{m} cases');"
            );
            for (i, (code, _)) in p.arms.iter().enumerate() {
                let c = php_code(p, code);
                let _ = writeln!(
                    script,
                    "check({m}_arm{i}({c}) === {t}::fromCode({c}) && {m}_arm{i}({c}) !== null, '{m} arm {i}');"
                );
            }
            for (i, (code, _)) in p.subset_arms.iter().enumerate() {
                let c = php_code(p, code);
                let _ = writeln!(
                    script,
                    "check(\\{sub}\\subset_arm{i}({c}) === \\{sub}\\{t}::fromCode({c}) && \\{sub}\\subset_arm{i}({c}) !== null, '{sub} arm {i}');"
                );
            }
            let _ = writeln!(
                script,
                "check(count(\\{sub}\\{t}::cases()) === {}, '{sub} cases');\n",
                p.subset_arms.len()
            );
        }
        script.push_str("echo \"ok\\n\";\n");
        vec![write(dir, "check.php", &script)]
    }

    fn build_and_run(&self, dir: &Path, files: &[PathBuf]) -> String {
        lint(dir, files);
        run_php(dir, "PHP lookup checks")
    }
}

#[test]
fn php_enums_pass_lint_and_look_codes_up() {
    check_enums(&Php);
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
