//! JavaScript: every enum and arm as ES modules, their JSDoc types checked by tsc (`--checkJs
//! --strict`), then run by node; every body type checked the same way and run on the sample
//! bodies by a program whose own JSDoc types tsc checks too.

use crate::module::one_file;
use crate::plan::{Codes, Harness, Planned, check_enums};
use crate::typescript::{NODE, js_arms, js_code, tsc_strict};
use crate::*;

/// tsc on JavaScript files: their JSDoc types under `--strict`, nothing emitted.
fn tsc_check_js(dir: &Path, files: &[PathBuf]) {
    check(
        tsc_strict(dir)
            .args(["--allowJs", "--checkJs", "--noEmit"])
            .args(["--target", "es2022", "--module", "nodenext"])
            .args(files),
        NODE,
        "tsc --checkJs --strict",
        true,
    );
}

/// ES modules by their `.js` name, as a package of `"type": "module"` says.
fn module_package(dir: &Path) {
    write(
        dir,
        "package.json",
        "{ \"type\": \"module\", \"private\": true }\n",
    );
}

const PRELUDE: &str = "/** @param {...number} cps */\nfunction s(...cps) {\n  return String.fromCodePoint(...cps);\n}\n\n\
     /** @param {boolean} ok @param {string} what */\nfunction check(ok, what) {\n  if (!ok) {\n    \
     throw new Error(what);\n  }\n}\n\n";

/// A vendor whose text would be JSDoc tags in a doc comment (in checked JavaScript,
/// `@type {string}` retypes the member it documents), for the JavaScript and TypeScript enums.
pub fn jsdoc_tags() -> Unit {
    Unit {
        vendor: Vendor {
            id: "jsdoc-tags".into(),
            name: "Tags @type {string} vendor".into(),
            ..Vendor::default()
        },
        entries: vec![
            entry(
                "1",
                Some(400),
                Some("@type {string} first"),
                Some("Then @returns {string} and @param {string} code."),
            ),
            entry(
                "2",
                None,
                Some("mail support@example.com {@link x} @typedef {number} X\n@type {string}"),
                None,
            ),
        ],
    }
}

/// JavaScript's templates: each unit an ES module with its sampled arms as functions beside
/// the enum (the sample's enum a module of its own), their JSDoc types checked, and one program
/// that checks every unit.
struct Javascript;

impl Harness for Javascript {
    fn lang(&self) -> Lang {
        Lang::Javascript
    }

    fn unit_files(&self, dir: &Path, p: &Planned) -> Vec<PathBuf> {
        module_package(dir);
        vec![
            write(
                dir,
                &format!("{}.js", p.stem()),
                &format!("{}{}", p.text, js_arms(p, &p.arms, true)),
            ),
            write(
                dir,
                &format!("{}.js", p.subset_stem()),
                &format!("{}{}", p.subset, js_arms(p, &p.subset_arms, true)),
            ),
        ]
    }

    fn program(&self, dir: &Path, units: &[Planned]) -> Vec<PathBuf> {
        let mut imports = String::from("import { readFileSync } from \"node:fs\";\n");
        let mut script = String::from(
            "/** @param {string} cps */\nfunction text(cps) {\n  \
             return cps === \"\" ? \"\" : s(...cps.split(\",\").map(Number));\n}\n\n\
             /** @param {string} stem */\nfunction rows(stem) {\n  \
             return readFileSync(`cases/${stem}.tsv`, \"utf8\").split(\"\\n\").filter((l) => l !== \"\").map((l) => l.split(\"\\t\"));\n}\n\n",
        );
        for p in units {
            let (m, t, sub) = (p.stem(), p.type_name(), p.subset_stem());
            let _ = writeln!(
                imports,
                "import * as {m} from \"./{m}.js\";\nimport * as {sub} from \"./{sub}.js\";"
            );
            let numbers = p.js_numbers(p.rows.iter().map(|r| r.text.as_str()));
            let code = if numbers {
                "Number(r[1])"
            } else {
                "text(r[0])"
            };
            let shown = match p.codes {
                Codes::Int { hex: true, .. } if numbers => "text(r[0])",
                _ => "`${e.code}`",
            };
            let _ = writeln!(
                script,
                "for (const r of rows(\"{m}\")) {{\n  const code = {code};\n  \
                 const e = {m}.{t}.fromCode(code);\n  check(e instanceof {m}.{t}, \"{m} \" + code);\n  \
                 if (e !== undefined) {{\n    check(e.code === code, \"code \" + code);\n    \
                 check(e.message === text(r[2]), \"message \" + e.message);\n    \
                 check(e.httpStatus === (r[3] === \"\" ? undefined : Number(r[3])), \"status \" + code);\n    \
                 check(e.kind === (r[4] === \"\" ? undefined : text(r[4])), \"kind \" + code);\n    \
                 check(e.isRetryable === (r[5] === \"1\"), \"retryable \" + code);\n    \
                 check(String(e) === `${{{shown}}}: ${{e.message}}`, \"toString \" + String(e));\n    \
                 check(Object.isFrozen(e), \"frozen \" + code);"
            );
            if numbers {
                let _ = writeln!(
                    script,
                    "    check({m}.{t}.parse(text(r[0])) === e, \"parse \" + code);\n    \
                     check(r[6] === \"\" || {m}.{t}.parse(text(r[6])) === e, \"parse padded \" + code);\n  }}\n}}\n\
                     check({m}.{t}.parse(\"nope\") === undefined && {m}.{t}.parse(\"\") === undefined && \
                     {m}.{t}.parse(\"1e3\") === undefined && {m}.{t}.fromCode(0.5) === undefined, \"{t} unknown\");"
                );
            } else {
                let _ = writeln!(
                    script,
                    "  }}\n}}\ncheck({m}.{t}.fromCode(\"nope\") === undefined, \"{t} nope\");"
                );
            }
            let _ = writeln!(script, "check(Object.isFrozen({m}.{t}), \"{t} frozen\");");
            for (module, arms) in [(&m, &p.arms), (&sub, &p.subset_arms)] {
                let numbers = p.js_numbers(arms.iter().map(|(c, _)| c.as_str()));
                for (i, (code, _)) in arms.iter().enumerate() {
                    let c = js_code(numbers, code);
                    let _ = writeln!(
                        script,
                        "check({module}.arm{i}({c}) !== undefined && {module}.arm{i}({c}) === {module}.{t}.fromCode({c}), \"{module} arm {i}\");"
                    );
                }
            }
        }
        script.push_str("console.log(\"ok\");\n");
        // The check program is plain JavaScript, not type-checked: it is not returned.
        write(dir, "check.js", &format!("{imports}\n{PRELUDE}{script}"));
        Vec::new()
    }

    fn build_and_run(&self, dir: &Path, files: &[PathBuf]) -> String {
        tsc_check_js(dir, files);
        check(
            Command::new("node").current_dir(dir).arg("check.js"),
            NODE,
            "JavaScript lookup checks (node)",
            false,
        )
    }
}

#[test]
fn javascript_enums_pass_checkjs_and_look_codes_up() {
    check_enums(&Javascript);
}

/// The body types of every shipped vendor, as `errdex snippet VENDOR --envelope --lang
/// javascript` prints them; a program (type-checked with them) narrows each sample body from
/// `JSON.parse` with the type guard, maps its code to the enum and prints the messages.
#[test]
fn javascript_body_types_parse_the_sample_bodies() {
    let dir = workdir();
    module_package(dir.path());
    let mut files = Vec::new();
    let mut imports = String::new();
    let mut main = String::new();
    let mut expected = String::new();
    for s in samples() {
        let t = body_type(&s.vendor);
        let m = format!("{}_errors", s.vendor.replace('-', "_"));
        // The language by its name, and by its alias for one vendor.
        let lang = if s.vendor == "guo-guo" {
            "js"
        } else {
            "javascript"
        };
        let out = errdex(&["snippet", &s.vendor, "--envelope", "--lang", lang]);
        files.push(write(dir.path(), &format!("{m}.js"), &out));
        let _ = writeln!(imports, "import {{ {t}Body }} from \"./{m}.js\";");
        let _ = writeln!(
            main,
            "{{\n  /** @type {{unknown}} */\n  const body = JSON.parse(s({json}));\n  \
             if (!{t}Body.is(body)) {{\n    throw new Error(\"{t}Body.is refused the sample\");\n  }}\n  \
             const e = {t}Body.error(body);\n  if (e === undefined) {{\n    \
             throw new Error(\"the sample's code is not in the enum\");\n  }}\n  \
             console.log(`${{e.code}} ${{e.message}}`);\n  \
             check(!{t}Body.is(JSON.parse(s({wrong}))), \"a code of the wrong type\");\n  \
             check(!{t}Body.is(null) && !{t}Body.is([]) && {t}Body.is({{}}), \"not objects\");",
            json = cps(&s.body),
            wrong = cps(&sample_with_wrong_code(&s)),
        );
        if s.vendor == "guo-guo" {
            let _ = writeln!(
                imports,
                "import {{ {t}BodyValidationFailedResponsesItem }} from \"./{m}.js\";"
            );
            let _ = writeln!(
                main,
                "  for (const item of body.validation_failed_responses ?? []) {{\n    \
                 const e = {t}BodyValidationFailedResponsesItem.error(item);\n    \
                 if (e === undefined) {{\n      throw new Error(\"the item's code is not in the enum\");\n    }}\n    \
                 console.log(`  ${{e.code}} ${{e.message}}`);\n  }}",
            );
        } else {
            let _ = writeln!(main, "  check({t}Body.isError(body), \"isError\");");
        }
        main.push_str("}\n");
        expected.push_str(&sample_output(&s));
    }
    files.push(write(
        dir.path(),
        "main.js",
        &format!("// @ts-check\n{imports}\n{PRELUDE}{main}"),
    ));
    tsc_check_js(dir.path(), &files);
    let out = check(
        Command::new("node").current_dir(dir.path()).arg("main.js"),
        NODE,
        "the JavaScript body program (node)",
        false,
    );
    assert_eq!(out, expected);
}

/// The body type of a vendor whose envelope keys are hostile (see [`hostile_body`]): through
/// tsc --checkJs with a program using it, then run on a body using every key.
#[test]
fn javascript_body_types_survive_hostile_keys() {
    let h = hostile_body();
    let dir = workdir();
    module_package(dir.path());
    let t = h.unit.type_name();
    let unit = write(
        dir.path(),
        "hostile.js",
        &hostile_body_unit(Lang::Javascript, &h),
    );
    let main = format!(
        "// @ts-check\nimport {{ {t}Body, {t}BodyProtoItem }} from \"./hostile.js\";\n\n{PRELUDE}\
         /** @param {{string}} text */\nfunction cps(text) {{\n  \
         return Array.from(text, (c) => c.codePointAt(0)).join(\",\");\n}}\n\n\
         /** @type {{unknown}} */\nconst body = JSON.parse(s({json}));\n\
         if (!{t}Body.is(body)) {{\n  throw new Error(\"the guard refused the body\");\n}}\n\
         const e = {t}Body.error(body);\nif (e === undefined) {{\n  throw new Error(\"no error\");\n}}\n\
         console.log(`${{e.code}} ${{cps(e.message)}}`);\n\
         console.log(`error ${{{t}Body.isError(body)}}`);\n\
         for (const item of body[\"__proto__\"] ?? []) {{\n  \
         const e = {t}BodyProtoItem.error(item);\n  \
         if (e === undefined) {{\n    throw new Error(\"no item error\");\n  }}\n  \
         console.log(`  ${{e.code}} ${{cps(e.message)}}`);\n}}\n\
         /** @type {{unknown}} */\nconst empty = JSON.parse(\"{{}}\");\n\
         check({t}Body.is(empty), \"an empty body is a body\");\n\
         if ({t}Body.is(empty)) {{\n  \
         check({t}Body.error(empty) === undefined, \"no error in an empty body\");\n  \
         console.log(`empty error ${{{t}Body.isError(empty)}}`);\n}}\n\
         check(!{t}Body.is(JSON.parse(s({proto}))), \"a list of the wrong type\");\n",
        json = cps(&h.body),
        proto = cps("{\"__proto__\": \"x\"}"),
    );
    let main = write(dir.path(), "main.js", &main);
    tsc_check_js(dir.path(), &[unit, main]);
    let out = check(
        Command::new("node").current_dir(dir.path()).arg("main.js"),
        NODE,
        "the JavaScript hostile body program (node)",
        false,
    );
    assert_eq!(out, h.output);
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
