//! TypeScript: every enum and arm through tsc --strict, then run by node; every body type
//! through tsc, then run on the sample bodies.

use crate::module::one_file;
use crate::plan::{Harness, Planned, check_enums, int_literal, number};
use crate::*;

/// What to install when the tool is missing.
pub const NODE: &str = "Node.js (Debian packages nodejs and npm)";

/// The local tsc (`npm install` in tests/tools), failing with how to install it.
pub fn tsc() -> PathBuf {
    let tsc = manifest_dir().join("tests/tools/node_modules/.bin/tsc");
    assert!(
        tsc.exists(),
        "tsc is not installed at {}: run `npm install` in tests/tools (npm: Debian package npm)",
        tsc.display()
    );
    tsc
}

/// tsc with every strictness flag the snippets must pass, run through node (so a missing node
/// is reported as such; the script's `#!` would hide it).
pub fn tsc_strict(dir: &Path) -> Command {
    let mut cmd = Command::new("node");
    cmd.current_dir(dir)
        .arg(tsc())
        .args([
            "--strict",
            "--noUnusedLocals",
            "--noUnusedParameters",
            "--noImplicitReturns",
        ])
        .args([
            "--noFallthroughCasesInSwitch",
            "--noImplicitOverride",
            "--exactOptionalPropertyTypes",
        ]);
    cmd
}

/// The test programs' helpers, in ES5 (tsc's default library, which the snippets keep to): a
/// string from code points, and a check that throws.
const PRELUDE: &str = "function s(...cps: number[]): string {\n  let out = \"\";\n  \
     for (const c of cps) {\n    out += c > 0xffff\n      \
     ? String.fromCharCode(0xd800 + ((c - 0x10000) >> 10), 0xdc00 + ((c - 0x10000) & 0x3ff))\n      \
     : String.fromCharCode(c);\n  }\n  return out;\n}\n\n\
     function check(ok: boolean, what: string): void {\n  if (!ok) {\n    throw new Error(what);\n  }\n}\n\n";

/// The code points of a string, joined by `,` (ES5, as [`PRELUDE`]).
const CODE_POINTS: &str = "function cps(text: string): string {\n  const out: number[] = [];\n  \
     for (let i = 0; i < text.length; i++) {\n    const c = text.charCodeAt(i);\n    \
     const next = text.charCodeAt(i + 1);\n    \
     if (c >= 0xd800 && c < 0xdc00 && next >= 0xdc00 && next < 0xe000) {\n      \
     out.push(0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00));\n      i++;\n    } else {\n      \
     out.push(c);\n    }\n  }\n  return out.join(\",\");\n}\n\n";

/// TypeScript's templates: each unit a module with its sampled arms as functions beside the
/// enum (the sample's enum a module of its own), and one program that checks every unit.
struct Typescript;

/// A code as the TypeScript and JavaScript programs write it: a number, or a string from its
/// code points.
pub fn js_code(numbers: bool, code: &str) -> String {
    match number(code) {
        Some(n) if numbers => n.to_string(),
        _ => format!("text(\"{}\")", cps(code).replace(' ', "")),
    }
}

/// The sampled arms as exported functions (`arm0`, `arm1`, …), each the arm alone in a
/// `switch`; with JSDoc types for JavaScript.
pub fn js_arms(p: &Planned, arms: &[(String, String)], jsdoc: bool) -> String {
    let t = p.type_name();
    let numbers = p.js_numbers(arms.iter().map(|(c, _)| c.as_str()));
    let param = if numbers { "number" } else { "string" };
    let mut out = String::new();
    for (i, (code, a)) in arms.iter().enumerate() {
        if numbers {
            assert!(
                a.starts_with(&format!("case {}: return ", int_literal(code))),
                "{a}"
            );
        } else {
            assert!(a.starts_with("case \""), "{a}");
        }
        assert_eq!(a.lines().count(), 1, "{a}");
        let signature = if jsdoc {
            format!(
                "/**\n * @param {{{param}}} code\n * @returns {{{t} | undefined}}\n */\nexport function arm{i}(code)"
            )
        } else {
            format!("export function arm{i}(code: {param}): {t} | undefined")
        };
        let _ = writeln!(
            out,
            "\n{signature} {{\n  switch (code) {{\n    {a}\n    default: return undefined;\n  }}\n}}"
        );
    }
    out
}

impl Harness for Typescript {
    fn lang(&self) -> Lang {
        Lang::Typescript
    }

    fn unit_files(&self, dir: &Path, p: &Planned) -> Vec<PathBuf> {
        vec![
            write(
                dir,
                &format!("{}.ts", p.stem()),
                &format!("{}{}", p.text, js_arms(p, &p.arms, false)),
            ),
            write(
                dir,
                &format!("{}.ts", p.subset_stem()),
                &format!("{}{}", p.subset, js_arms(p, &p.subset_arms, false)),
            ),
        ]
    }

    fn program(&self, dir: &Path, units: &[Planned]) -> Vec<PathBuf> {
        let mut script = String::from(
            "declare function require(name: string): { readFileSync(path: string, encoding: string): string };\n\n\
             /** A text from its code points joined by commas. */\n\
             function text(cps: string): string {\n  \
             return cps === \"\" ? \"\" : s(...cps.split(\",\").map(Number));\n}\n\n\
             function rows(stem: string): string[][] {\n  \
             const data = require(\"fs\").readFileSync(\"cases/\" + stem + \".tsv\", \"utf8\");\n  \
             return data.split(\"\\n\").filter((l) => l !== \"\").map((l) => l.split(\"\\t\"));\n}\n\n",
        );
        let mut imports = String::new();
        for p in units {
            let (m, t, sub) = (p.stem(), p.type_name(), p.subset_stem());
            let _ = writeln!(
                imports,
                "import {{ {t} }} from \"./{m}\";\nimport * as {m} from \"./{m}\";\nimport * as {sub} from \"./{sub}\";"
            );
            let numbers = p.js_numbers(p.rows.iter().map(|r| r.text.as_str()));
            let (param, code) = if numbers {
                ("number", "Number(r[1])")
            } else {
                ("string", "text(r[0])")
            };
            let _ = writeln!(
                script,
                "for (const r of rows(\"{m}\")) {{\n  const code: {param} = {code};\n  \
                 const e = {t}.fromCode(code);\n  check(e !== undefined, \"{m} \" + code);\n  \
                 if (e !== undefined) {{\n    check((e as {param}) === code, \"value \" + code);\n    \
                 check({t}.message(e) === text(r[2]), \"message \" + {t}.message(e));\n    \
                 check({t}.httpStatus(e) === (r[3] === \"\" ? undefined : Number(r[3])), \"status \" + code);\n    \
                 check({t}.kind(e) === (r[4] === \"\" ? undefined : text(r[4])), \"kind \" + code);\n    \
                 check({t}.isRetryable(e) === (r[5] === \"1\"), \"retryable \" + code);"
            );
            if numbers {
                let _ = writeln!(
                    script,
                    "    check({t}.parse(text(r[0])) === e, \"parse \" + code);\n    \
                     check(r[6] === \"\" || {t}.parse(text(r[6])) === e, \"parse padded \" + code);\n  }}\n}}\n\
                     check({t}.parse(\"nope\") === undefined && {t}.parse(\"\") === undefined && \
                     {t}.parse(\"1e3\") === undefined && {t}.fromCode(0.5) === undefined, \"{t} unknown\");"
                );
            } else {
                let _ = writeln!(
                    script,
                    "  }}\n}}\ncheck({t}.fromCode(\"nope\") === undefined, \"{t} nope\");"
                );
            }
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
        vec![write(
            dir,
            "check.ts",
            &format!("{imports}\n{PRELUDE}{script}"),
        )]
    }

    fn build_and_run(&self, dir: &Path, files: &[PathBuf]) -> String {
        check(
            tsc_strict(dir)
                .args(["--module", "commonjs", "--outDir", "out"])
                .args(files),
            NODE,
            "tsc --strict",
            true,
        );
        check(
            Command::new("node").current_dir(dir).arg("out/check.js"),
            NODE,
            "TypeScript lookup checks (node)",
            false,
        )
    }
}

#[test]
fn typescript_enums_pass_strict_tsc_and_look_codes_up() {
    check_enums(&Typescript);
}

/// The body types of every shipped vendor, as `errdex snippet VENDOR --envelope --lang
/// typescript` prints them, through tsc --strict; then a program narrows each sample body
/// (from `JSON.parse`) with the type guard, maps its code to the enum and prints the messages.
#[test]
fn typescript_body_types_parse_the_sample_bodies() {
    let dir = workdir();
    let mut files = Vec::new();
    let mut imports = String::new();
    let mut main = String::new();
    let mut expected = String::new();
    for s in samples() {
        let t = body_type(&s.vendor);
        let m = format!("{}_errors", s.vendor.replace('-', "_"));
        let out = errdex(&["snippet", &s.vendor, "--envelope", "--lang", "typescript"]);
        files.push(write(dir.path(), &format!("{m}.ts"), &out));
        let _ = writeln!(imports, "import {{ {t}, {t}Body }} from \"./{m}\";");
        let _ = writeln!(
            main,
            "{{\n  const body: unknown = JSON.parse(s({json}));\n  \
             if (!{t}Body.is(body)) {{\n    throw new Error(\"{t}Body.is refused the sample\");\n  }}\n  \
             const e = {t}Body.error(body);\n  if (e === undefined) {{\n    \
             throw new Error(\"the sample's code is not in {t}\");\n  }}\n  \
             console.log(`${{e}} ${{{t}.message(e)}}`);\n  \
             check(!{t}Body.is(JSON.parse(s({wrong}))), \"a code of the wrong type\");\n  \
             check(!{t}Body.is(null) && !{t}Body.is([]) && {t}Body.is({{}}), \"not objects\");",
            json = cps(&s.body),
            wrong = cps(&sample_with_wrong_code(&s)),
        );
        if s.vendor == "guo-guo" {
            let _ = writeln!(
                main,
                "  for (const item of body.validation_failed_responses ?? []) {{\n    \
                 const e = {t}BodyValidationFailedResponsesItem.error(item);\n    \
                 if (e === undefined) {{\n      throw new Error(\"the item's code is not in {t}\");\n    }}\n    \
                 console.log(`  ${{e}} ${{{t}.message(e)}}`);\n  }}",
            );
            let _ = writeln!(
                imports,
                "import {{ {t}BodyValidationFailedResponsesItem }} from \"./{m}\";"
            );
        } else {
            let _ = writeln!(main, "  check({t}Body.isError(body), \"isError\");");
        }
        main.push_str("}\n");
        expected.push_str(&sample_output(&s));
    }
    files.push(write(
        dir.path(),
        "main.ts",
        &format!("{imports}\n{PRELUDE}{main}"),
    ));
    check(
        tsc_strict(dir.path())
            .args(["--module", "commonjs", "--outDir", "out"])
            .args(&files),
        NODE,
        "tsc --strict (body types)",
        true,
    );
    let out = check(
        Command::new("node")
            .current_dir(dir.path())
            .arg("out/main.js"),
        NODE,
        "the TypeScript body program (node)",
        false,
    );
    assert_eq!(out, expected);
}

/// The body type of a vendor whose envelope keys are hostile (see [`hostile_body`]): through
/// tsc --strict, then run on a body using every key.
#[test]
fn typescript_body_types_survive_hostile_keys() {
    let h = hostile_body();
    let dir = workdir();
    let t = h.unit.type_name();
    let unit = write(
        dir.path(),
        "hostile.ts",
        &hostile_body_unit(Lang::Typescript, &h),
    );
    let main = format!(
        "import {{ {t}, {t}Body, {t}BodyProtoItem }} from \"./hostile\";\n\n{PRELUDE}{CODE_POINTS}\
         const body: unknown = JSON.parse(s({json}));\n\
         if (!{t}Body.is(body)) {{\n  throw new Error(\"the guard refused the body\");\n}}\n\
         const e = {t}Body.error(body);\nif (e === undefined) {{\n  throw new Error(\"no error\");\n}}\n\
         console.log(`${{e}} ${{cps({t}.message(e))}}`);\n\
         console.log(`error ${{{t}Body.isError(body)}}`);\n\
         for (const item of body[\"__proto__\"] ?? []) {{\n  \
         const e = {t}BodyProtoItem.error(item);\n  \
         if (e === undefined) {{\n    throw new Error(\"no item error\");\n  }}\n  \
         console.log(`  ${{e}} ${{cps({t}.message(e))}}`);\n}}\n\
         const empty: unknown = JSON.parse(\"{{}}\");\n\
         check({t}Body.is(empty), \"an empty body is a body\");\n\
         if ({t}Body.is(empty)) {{\n  \
         check({t}Body.error(empty) === undefined, \"no error in an empty body\");\n  \
         console.log(`empty error ${{{t}Body.isError(empty)}}`);\n}}\n\
         check(!{t}Body.is(JSON.parse(s({proto}))), \"a list of the wrong type\");\n",
        json = cps(&h.body),
        proto = cps("{\"__proto__\": \"x\"}"),
    );
    let main = write(dir.path(), "main.ts", &main);
    check(
        tsc_strict(dir.path())
            .args(["--module", "commonjs", "--outDir", "out"])
            .args([&unit, &main]),
        NODE,
        "tsc --strict (hostile body type)",
        true,
    );
    let out = check(
        Command::new("node")
            .current_dir(dir.path())
            .arg("out/main.js"),
        NODE,
        "the TypeScript hostile body program (node)",
        false,
    );
    assert_eq!(out, h.output);
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
