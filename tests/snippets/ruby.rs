//! Ruby: every enum and arm through `ruby -wc`, then one program run with warnings on (any
//! warning fails) that looks every code up; every body type run on the samples.

use crate::module::one_file;
use crate::plan::{Codes, Harness, Planned, check_enums, number};
use crate::*;

/// What to install when the tool is missing.
const RUBY: &str = "Ruby (Debian package ruby)";

/// The magic comment every generated unit starts with; the arms' file keeps it once, before
/// its modules.
const HEADER: &str = "# frozen_string_literal: true\n\n";

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

/// Ruby's templates: each unit in a file of its own with its sampled arms in hashes of their
/// own beside the module (the sample's module nested in a module of its own), and one program
/// that checks every unit.
struct Ruby;

/// A code as the Ruby program writes it: an integer, or a string from its code points.
fn ruby_code(p: &Planned, code: &str) -> String {
    match number(code) {
        Some(n) if p.integers() => n.to_string(),
        _ => format!("text('{}')", cps(code).replace(' ', "")),
    }
}

/// The module holding the sample's module: `PixnetErrorsSubset`.
fn ruby_subset(p: &Planned) -> String {
    p.subset_stem()
        .split('_')
        .map(|w| {
            let mut c = w.chars();
            c.next().map_or(String::new(), |f| {
                f.to_ascii_uppercase().to_string() + c.as_str()
            })
        })
        .collect()
}

/// A frozen hash per arm (`ARM0`, `ARM1`, …) in the module `name`, each the arm alone.
fn ruby_arms(arms: &[(String, String)], name: &str) -> String {
    let mut out = format!("module {name}\n");
    for (i, (_, a)) in arms.iter().enumerate() {
        assert!(a.contains(" => ") && a.lines().count() == 1, "{a}");
        let _ = writeln!(out, "  ARM{i} = {{\n    {a}\n  }}.freeze");
    }
    out.push_str("end\n");
    out
}

impl Harness for Ruby {
    fn lang(&self) -> Lang {
        Lang::Ruby
    }

    fn unit_files(&self, dir: &Path, p: &Planned) -> Vec<PathBuf> {
        let (m, t, sub) = (p.stem(), p.type_name(), p.subset_stem());
        for text in [&p.text, &p.subset] {
            assert!(text.starts_with(HEADER), "{text}");
        }
        let outer = ruby_subset(p);
        vec![
            write(
                dir,
                &format!("{m}.rb"),
                &format!("{}\n{}", p.text, ruby_arms(&p.arms, &format!("{t}Arms"))),
            ),
            write(
                dir,
                &format!("{sub}.rb"),
                &format!(
                    "{HEADER}module {outer}\n{}\n{}end\n",
                    &p.subset[HEADER.len()..],
                    ruby_arms(&p.subset_arms, "Arms")
                ),
            ),
        ]
    }

    fn program(&self, dir: &Path, units: &[Planned]) -> Vec<PathBuf> {
        let mut script = format!(
            "{HEADER}{HELPERS}def text(cps)\n  s(*cps.split(',').map(&:to_i))\nend\n\n\
             def rows(stem)\n  File.readlines(File.join(__dir__, 'cases', \"#{{stem}}.tsv\"), chomp: true, encoding: 'UTF-8')\
             .map {{ |line| line.split(\"\\t\", -1) }}\nend\n\n"
        );
        for p in units {
            let (m, t, sub) = (p.stem(), p.type_name(), p.subset_stem());
            let outer = ruby_subset(p);
            let (code, shown) = match p.codes {
                Codes::Int { hex, .. } => (
                    "Integer(r[1], 10)",
                    if hex { "text(r[0])" } else { "e.code.to_s" },
                ),
                Codes::Str => ("text(r[0])", "e.code"),
            };
            let _ = writeln!(
                script,
                "require_relative '{m}'\nrequire_relative '{sub}'\n\
                 {m} = rows('{m}')\n{m}.each do |r|\n  code = {code}\n  e = {t}.from_code(code)\n  \
                 check(!e.nil?, \"{m} #{{r[0]}}\")\n  \
                 check(e.frozen? && e.message.frozen?, \"{m} frozen #{{r[0]}}\")\n  \
                 check(e.code == code, \"{m} code #{{r[0]}}\")\n  \
                 check(e.message == text(r[2]), \"{m} message #{{e.message}}\")\n  \
                 check(e.http_status == (r[3].empty? ? nil : Integer(r[3], 10)), \"{m} status #{{r[0]}}\")\n  \
                 check(e.kind == (r[4].empty? ? nil : text(r[4]).to_sym), \"{m} kind #{{r[0]}}\")\n  \
                 check(e.retryable? == (r[5] == '1'), \"{m} retry #{{r[0]}}\")\n  \
                 check(e.to_s == \"#{{{shown}}}: #{{e.message}}\", \"{m} to_s #{{e}}\")\n  \
                 check({t}::ALL.include?(e), \"{m} ALL\")"
            );
            if p.integers() {
                let _ = writeln!(
                    script,
                    "  check({t}.parse(text(r[0])).equal?(e), \"{m} parse #{{r[0]}}\")\n  \
                     check(r[6].empty? || {t}.parse(text(r[6])).equal?(e), \"{m} parse padded #{{r[0]}}\")\nend\n\
                     check([{t}.parse('nope'), {t}.parse(''), {t}.parse(' 1'), {t}.parse(\"1\\n\"), {t}.parse(nil), \
                     {t}.parse('0x'), {t}.parse(\"0x1\\n\"), {t}.from_code(2**64), {t}.from_code('1')].all?(&:nil?), '{m} nope')"
                );
            } else {
                let _ = writeln!(script, "end\ncheck({t}.from_code('nope').nil?, '{m} nope')");
            }
            let _ = writeln!(
                script,
                "check({t}::ALL.length == {m}.length && {t}::BY_CODE.length == {m}.length && {t}::BY_CODE.frozen?, '{m} all')"
            );
            for (i, (code, _)) in p.arms.iter().enumerate() {
                let c = ruby_code(p, code);
                let _ = writeln!(
                    script,
                    "check({t}Arms::ARM{i}[{c}].equal?({t}.from_code({c})) && !{t}Arms::ARM{i}[{c}].nil?, '{m} arm {i}')"
                );
            }
            for (i, (code, _)) in p.subset_arms.iter().enumerate() {
                let c = ruby_code(p, code);
                let _ = writeln!(
                    script,
                    "check({outer}::Arms::ARM{i}[{c}].equal?({outer}::{t}.from_code({c})) && !{outer}::Arms::ARM{i}[{c}].nil?, '{sub} arm {i}')"
                );
            }
            let _ = writeln!(
                script,
                "check({outer}::{t}::ALL.length == {}, '{sub} all')\n",
                p.subset_arms.len()
            );
        }
        script.push_str("puts 'ok'\n");
        vec![write(dir, "check.rb", &script)]
    }

    fn build_and_run(&self, dir: &Path, files: &[PathBuf]) -> String {
        let names: Vec<String> = files
            .iter()
            .filter_map(|f| f.file_name()?.to_str().map(String::from))
            .filter(|f| f != "check.rb")
            .collect();
        syntax_check(dir, &names);
        ruby(dir, &["check.rb"], "Ruby lookup checks")
    }
}

#[test]
fn ruby_enums_pass_syntax_check_and_look_codes_up() {
    check_enums(&Ruby);
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
