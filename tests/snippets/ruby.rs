//! Ruby: every enum and arm through `ruby -wc`, then one program run with warnings on (any
//! warning fails) that looks every code up; every body type run on the samples.

use crate::*;

/// The magic comment every generated unit starts with; the arms' file keeps it once, before
/// its modules.
const HEADER: &str = "# frozen_string_literal: true\n\n";

/// `1302` for a vendor with integer codes, else the code as a string built from its code
/// points (so no escaping of ours is involved).
fn code_expr(u: &Unit, code: &str) -> String {
    if u.integer_codes() {
        code.parse::<i64>().unwrap().to_string()
    } else {
        format!("s({})", cps(code))
    }
}

const HELPERS: &str = "def s(*cps)\n  cps.pack('U*')\nend\n\n\
    def check(ok, what)\n  raise what unless ok\nend\n\n";

/// Runs ruby with warnings on, failing on any warning or error; its stdout.
fn ruby(dir: &Path, args: &[&str], what: &str) -> String {
    let out = run(
        Command::new("ruby").current_dir(dir).arg("-w").args(args),
        RUBY,
    );
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success() && stderr.trim().is_empty(),
        "{what} failed: ruby -w {args:?}\n--- stdout\n{stdout}\n--- stderr\n{stderr}"
    );
    stdout
}

/// `ruby -wc` on each file (it checks one file per run).
fn syntax_check(dir: &Path, files: &[String]) {
    for f in files {
        let out = ruby(dir, &["-c", f], "ruby -wc");
        assert_eq!(out.trim(), "Syntax OK");
    }
}

#[test]
fn ruby_enums_pass_syntax_check_and_look_codes_up() {
    let mut units = units();
    units.push(markup_hostile());
    units.push(extreme_numbers());
    let dir = workdir();
    let mut files = Vec::new();
    let mut script = format!("{HEADER}{HELPERS}");
    for u in &units {
        let (m, t) = (u.stem(), u.type_name());
        let unit = enumeration(Lang::Ruby, &u.vendor, &u.refs());
        assert!(unit.starts_with(HEADER), "{unit}");
        write(dir.path(), &format!("{m}.rb"), &unit);
        files.push(format!("{m}.rb"));
        let _ = writeln!(script, "require_relative '{m}'");

        // Every arm, in a hash beside the module made for its entry alone (typed as the
        // vendor's codes are), each in a module of its own.
        let vendor = Snippets::new(Lang::Ruby, &u.vendor, &u.refs());
        let mut arms = String::from(HEADER);
        let mut arm_checks = String::new();
        for (i, e) in u.entries.iter().enumerate() {
            let a = vendor.arm(&[e], &e.code);
            assert!(a.contains(" => ") && a.lines().count() == 1, "{a}");
            let alone = vendor.enumeration(&[e]);
            let arm_module = format!("{}Arm{i}", t);
            let _ = writeln!(
                arms,
                "module {arm_module}\n{}\nCHECK = {{\n  {a}\n}}.freeze\nend\n",
                &alone[HEADER.len()..],
            );
            let c = code_expr(u, &e.code);
            let _ = writeln!(
                arm_checks,
                "check({arm_module}::CHECK[{c}].equal?({arm_module}::{t}.from_code({c})) \
                 && !{arm_module}::CHECK[{c}].nil?, '{m} arm {i}')"
            );
        }
        write(dir.path(), &format!("{m}_arms.rb"), &arms);
        files.push(format!("{m}_arms.rb"));
        let _ = writeln!(script, "require_relative '{m}_arms'");
        script.push_str(&arm_checks);

        for ((code, message, status), (_, kind, retryable)) in
            u.expected().into_iter().zip(u.kinds())
        {
            let c = code_expr(u, &code);
            let status = status.map_or("nil".to_string(), |s| s.to_string());
            let kind = kind.map_or("nil".to_string(), |k| format!("s({}).to_sym", cps(&k)));
            let _ = writeln!(
                script,
                "e = {t}.from_code({c})\ncheck(!e.nil?, \"{m} #{{{c}}}\")\n\
                 check(e.frozen? && e.message.frozen?, \"{m} frozen #{{{c}}}\")\n\
                 check(e.code == {c}, \"{m} code #{{{c}}}\")\n\
                 check(e.message == s({msg}), \"{m} message #{{e.message}}\")\n\
                 check(e.http_status == {status}, \"{m} status #{{{c}}}\")\n\
                 check(e.kind == {kind}, \"{m} kind #{{{c}}}\")\n\
                 check(e.retryable? == {retryable}, \"{m} retry #{{{c}}}\")\n\
                 check(e.to_s == \"#{{e.code}}: #{{e.message}}\", \"{m} to_s\")\n\
                 check({t}::ALL.include?(e), \"{m} ALL\")",
                msg = cps(&message),
            );
            if u.integer_codes() {
                // The text form, with leading zeros as MantaGO's sample writes `0000`.
                let _ = writeln!(
                    script,
                    "check({t}.parse(s({})).equal?(e), \"{m} parse #{{{c}}}\")",
                    cps(&code)
                );
                if !code.starts_with('-') {
                    let _ = writeln!(
                        script,
                        "check({t}.parse('00{code}').equal?(e), \"{m} parse 00#{{{c}}}\")"
                    );
                }
            }
        }
        if u.integer_codes() {
            let _ = writeln!(
                script,
                "check([{t}.parse('nope'), {t}.parse(''), {t}.parse(' 1'), {t}.parse(\"1\\n\"), {t}.parse(nil), \
                 {t}.from_code(2**64), {t}.from_code('1')].all?(&:nil?), '{m} nope')"
            );
        } else {
            let _ = writeln!(script, "check({t}.from_code('nope').nil?, '{m} nope')");
        }
        let _ = writeln!(
            script,
            "check({t}::ALL.length == {n} && {t}::BY_CODE.length == {n} && {t}::BY_CODE.frozen?, '{m} all')",
            n = u.expected().len()
        );
    }
    script.push_str(
        "check(PixnetError.from_code(4109).message.include?(' / '), '4109')\n\
         check(!GuoGuoError.from_code('data_validation_failed').nil?, 'guo-guo')\n\
         puts 'ok'\n",
    );
    write(dir.path(), "check.rb", &script);
    syntax_check(dir.path(), &files);
    let out = ruby(dir.path(), &["check.rb"], "Ruby lookup checks");
    assert_eq!(out, "ok\n");
}

/// The body types of every shipped vendor, as `errdex snippet VENDOR --envelope --lang ruby`
/// prints them; then a program parses each sample body with `JSON.parse`, builds the body with
/// `from_json`, maps its code to the module's constant and prints the messages.
#[test]
fn ruby_body_types_parse_the_sample_bodies() {
    let dir = workdir();
    let mut files = Vec::new();
    let mut script = format!("{HEADER}require 'json'\n\n{HELPERS}");
    let mut expected = String::new();
    for s in samples() {
        let out = errdex(&["snippet", &s.vendor, "--envelope", "--lang", "ruby"]);
        let name = s.vendor.replace('-', "_");
        write(dir.path(), &format!("{name}.rb"), &out);
        files.push(format!("{name}.rb"));
        write(dir.path(), &format!("{}.json", s.vendor), &s.body);
        let t = body_type(&s.vendor);
        let _ = writeln!(
            script,
            "require_relative '{name}'\n\
             b = {t}Body.from_json(JSON.parse(File.read(File.join(__dir__, '{v}.json'), encoding: 'UTF-8')))\n\
             e = b.to_error\ncheck(!e.nil?, \"{v}: the sample's code is in the module\")\n\
             puts \"#{{e.code}} #{{e.message}}\"",
            v = s.vendor,
        );
        if s.vendor == "guo-guo" {
            script.push_str(
                "b.validation_failed_responses.each do |item|\n  i = item.to_error\n  \
                 check(!i.nil?, \"the item's code is in the module\")\n  \
                 puts \"  #{i.code} #{i.message}\"\nend\n",
            );
        } else {
            let _ = writeln!(script, "check(b.error?, '{} is an error')", s.vendor);
        }
        expected.push_str(&sample_output(&s));
    }
    // Absent keys stay nil, a body that says it succeeded is no error, and values of another
    // JSON type than the API's are not taken for it.
    script.push_str(
        "check(PixnetErrorBody.from_json({}).to_error.nil?, 'empty body')\n\
         check(!PixnetErrorBody.from_json({ 'error' => 0, 'code' => 1302 }).error?, 'error 0')\n\
         check(!PixnetErrorBody.from_json({ 'error' => '1' }).error?, 'error as text')\n\
         check(!MantagoErrorBody.from_json({ 'success' => true }).error?, 'success')\n\
         check(MantagoErrorBody.from_json({ 'errResponse' => 'x' }).err_response.nil?, 'not an object')\n\
         check(TencentImErrorBody.from_json({ 'ActionStatus' => 'fail' }).error?, 'FAIL in any case')\n\
         check(GuoGuoErrorBody.from_json({ 'validation_failed_responses' => [1, {}] }).validation_failed_responses.length == 1, 'items')\n\
         check(GuoGuoErrorBody.from_json({}).validation_failed_responses == [], 'no items')\n",
    );
    write(dir.path(), "check.rb", &script);
    syntax_check(dir.path(), &files);
    let out = ruby(dir.path(), &["check.rb"], "the Ruby body program");
    assert_eq!(out, expected);
}

/// A body whose keys are keywords, generated members' names, methods every object has, two
/// keys of one name and no identifiers at all.
#[test]
fn ruby_body_types_survive_hostile_keys() {
    let (u, envelope, body) = hostile_keys();
    let dir = workdir();
    let unit = Snippets::new(Lang::Ruby, &u.vendor, &u.refs())
        .with_envelope(&envelope)
        .enumeration(&u.refs());
    write(dir.path(), "body.rb", &unit);
    write(dir.path(), "body.json", &body);
    let t = "WeirdNumbersError";
    let script = format!(
        "{HEADER}require 'json'\n\n{HELPERS}require_relative 'body'\n\
         b = {t}Body.from_json(JSON.parse(File.read(File.join(__dir__, 'body.json'), encoding: 'UTF-8')))\n\
         check(!b.to_error.nil? && b.to_error.equal?({t}.from_code(7)), 'error')\n\
         check(b.error?, 'flag')\n\
         check(b.errors.map(&:to_error) == [{t}.from_code(-3), {t}.from_code(42)] && !b.errors[1].to_error.nil?, 'items')\n\
         check(b.errors[0].class_2 == 'f' && b.class_2 == 'c' && b.class == {t}Body, 'class')\n\
         check(b.this == 1 && b.x_request_id == 'r', 'this, X-Request-ID')\n\
         check(b.error_code == 4 && b.error_code_2 == 5, 'two keys')\n\
         check(b.to_error_2 == 2 && b.from_json_2 == 7 && b.hash_2 == 9 && b.new_2 == 11, 'names')\n\
         check(b.field == 6 && b.field_2fa == 10 && b.get_error == 3, 'no identifiers')\n\
         puts 'ok'\n"
    );
    write(dir.path(), "check.rb", &script);
    syntax_check(dir.path(), &["body.rb".to_string()]);
    assert_eq!(
        ruby(dir.path(), &["check.rb"], "the Ruby hostile-keys program"),
        "ok\n"
    );
}
