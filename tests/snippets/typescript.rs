//! TypeScript: every enum and arm through tsc --strict, then run by node; every body type
//! through tsc, then run on the sample bodies.

use crate::*;

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

/// Whether TypeScript and JavaScript type these codes of `u` as numbers: integer codes (as
/// the vendor's codes are judged) that `JSON.parse` reads exactly.
pub fn js_integers<'a>(u: &Unit, mut codes: impl Iterator<Item = &'a str>) -> bool {
    const MAX_SAFE: i64 = (1 << 53) - 1;
    u.integer_codes() && codes.all(|c| c.parse::<i64>().is_ok_and(|n| n.abs() <= MAX_SAFE))
}

/// Whether every code of `u` is a number in TypeScript and JavaScript.
pub fn js_integer_unit(u: &Unit) -> bool {
    js_integers(u, u.entries.iter().map(|e| e.code.as_str()))
}

/// `1302` when the codes are numbers, else the code as a string built from its code points
/// (so no escaping of ours is involved).
pub fn code_expr(integers: bool, code: &str) -> String {
    if integers {
        code.parse::<i64>().unwrap().to_string()
    } else {
        format!("s({})", cps(code))
    }
}

/// `undefined` or the kind as a string literal (kind ids are plain ASCII words).
pub fn kind_expr(kind: &Option<String>) -> String {
    kind.as_ref()
        .map_or("undefined".to_string(), |k| format!("{k:?}"))
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

/// Codes no enum holds come back `undefined`.
fn check_ts_unknown(script: &mut String, u: &Unit) {
    let t = u.type_name();
    if js_integer_unit(u) {
        let _ = writeln!(
            script,
            "check({t}.parse(\"nope\") === undefined && {t}.parse(\"\") === undefined && \
             {t}.parse(\"1e3\") === undefined && {t}.fromCode(0.5) === undefined, \"{t} unknown\");"
        );
    } else {
        let _ = writeln!(
            script,
            "check({t}.fromCode(\"nope\") === undefined, \"{t} nope\");"
        );
    }
}

#[test]
fn typescript_enums_pass_strict_tsc_and_look_codes_up() {
    let mut units = units();
    units.push(crate::javascript::jsdoc_tags());
    let dir = workdir();
    let mut files = Vec::new();
    let mut imports = String::new();
    let mut script = String::new();
    for u in &units {
        let (m, t) = (u.stem(), u.type_name());
        files.push(write(
            dir.path(),
            &format!("{m}.ts"),
            &enumeration(Lang::Typescript, &u.vendor, &u.refs()),
        ));
        let _ = writeln!(
            imports,
            "import {{ {t} }} from \"./{m}\";\nimport * as {m}_arms from \"./{m}_arms\";"
        );
        // Every arm, in the `switch` of a function beside the enum made for its entry alone
        // (typed as the vendor's codes are, as the CLI and the explorer do), one namespace each.
        let vendor = Snippets::new(Lang::Typescript, &u.vendor, &u.refs());
        let integers = js_integer_unit(u);
        let param = if integers { "number" } else { "string" };
        let mut arms = String::new();
        let mut arm_cases = String::new();
        for (i, e) in u.entries.iter().enumerate() {
            let a = vendor.arm(&[e], &e.code);
            // The enum of one entry types its code alone.
            let alone = js_integers(u, std::iter::once(e.code.as_str()));
            let param = if alone { "number" } else { "string" };
            let c = code_expr(alone, &e.code);
            if alone {
                assert!(a.starts_with(&format!("case {c}: return ")), "{a}");
            } else {
                assert!(a.starts_with("case \""), "{a}");
            }
            assert_eq!(a.lines().count(), 1, "{a}");
            let _ = writeln!(
                arms,
                "export namespace arm{i} {{\n{unit}\nexport function check(code: {param}): {t} | undefined {{\n  \
                 switch (code) {{\n    {a}\n    default: return undefined;\n  }}\n}}\n}}\n",
                unit = vendor.enumeration(&[e]),
            );
            let _ = writeln!(
                arm_cases,
                "  [{m}_arms.arm{i}.check, {m}_arms.arm{i}.{t}.fromCode, {c}],"
            );
        }
        files.push(write(dir.path(), &format!("{m}_arms.ts"), &arms));
        // The lookups answer from a table, so the program stays small for tsc.
        let _ = writeln!(
            script,
            "const {m}_arm_cases: Array<[(code: any) => unknown, (code: any) => unknown, number | string]> = [\n\
             {arm_cases}];\n\
             for (const [armCheck, fromCode, code] of {m}_arm_cases) {{\n  \
             check(armCheck(code) !== undefined && armCheck(code) === fromCode(code), \"{m} arm \" + code);\n}}"
        );
        let _ = writeln!(
            script,
            "const {m}_cases: Array<[{param}, number[], number | undefined, string | undefined, boolean, number[]]> = ["
        );
        for ((code, message, status), (_, kind, retryable)) in
            u.expected().into_iter().zip(u.kinds())
        {
            let status = status.map_or("undefined".to_string(), |s| s.to_string());
            let _ = writeln!(
                script,
                "  [{}, [{}], {status}, {}, {retryable}, [{}]],",
                code_expr(integers, &code),
                cps(&message),
                kind_expr(&kind),
                cps(&code)
            );
        }
        let _ = writeln!(
            script,
            "];\nfor (const [code, message, status, kind, retryable{text}] of {m}_cases) {{\n  \
             const e = {t}.fromCode(code);\n  check(e !== undefined, \"{m} \" + code);\n  \
             if (e !== undefined) {{\n    check((e as {param}) === code, \"value\");\n    \
             check({t}.message(e) === s(...message), \"message \" + {t}.message(e));\n    \
             check({t}.httpStatus(e) === status, \"status \" + code);\n    \
             check({t}.kind(e) === kind, \"kind \" + code);\n    \
             check({t}.isRetryable(e) === retryable, \"retryable \" + code);",
            text = if integers { ", text" } else { "" },
        );
        if integers {
            // The text form, with leading zeros as MantaGO's sample writes `0000`.
            let _ = writeln!(
                script,
                "    check({t}.parse(s(...text)) === e, \"parse \" + code);\n    \
                 check(text[0] === 45 || {t}.parse(\"00\" + s(...text)) === e, \"00\" + code);"
            );
        }
        script.push_str("  }\n}\n");
        check_ts_unknown(&mut script, u);
    }
    script.push_str(
        "check(PixnetError.fromCode(1302) === PixnetError.ExceedAnonymousRateLimit, \"1302\");\n\
         check(PixnetError.kind(PixnetError.ExceedAnonymousRateLimit) === \"rate_limit\", \"1302 kind\");\n\
         check(PixnetError.message(PixnetError.fromCode(4109)!).indexOf(\" / \") > 0, \"4109\");\n\
         check(GuoGuoError.fromCode(\"data_validation_failed\") !== undefined, \"guo-guo\");\n\
         console.log(\"ok\");\n",
    );
    let check_ts = format!("{imports}\n{PRELUDE}{script}");
    files.push(write(dir.path(), "check.ts", &check_ts));

    check(
        tsc_strict(dir.path())
            .args(["--module", "commonjs", "--outDir", "out"])
            .args(&files),
        NODE,
        "tsc --strict",
        true,
    );
    let out = check(
        Command::new("node")
            .current_dir(dir.path())
            .arg("out/check.js"),
        NODE,
        "TypeScript lookup checks (node)",
        false,
    );
    assert_eq!(out.trim(), "ok");
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
