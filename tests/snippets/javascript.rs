//! JavaScript: every enum and arm as ES modules, their JSDoc types checked by tsc (`--checkJs
//! --strict`), then run by node; every body type checked the same way and run on the sample
//! bodies by a program whose own JSDoc types tsc checks too.

use crate::typescript::{code_expr, js_integer_unit, js_integers, kind_expr, tsc_strict};
use crate::*;

/// tsc on JavaScript files: their JSDoc types under `--strict`, nothing emitted.
pub fn tsc_check_js(dir: &Path, files: &[PathBuf]) {
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
pub fn module_package(dir: &Path) {
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

#[test]
fn javascript_enums_pass_checkjs_and_look_codes_up() {
    let mut units = units();
    units.push(jsdoc_tags());
    let dir = workdir();
    module_package(dir.path());
    let mut files = Vec::new();
    let mut imports = String::new();
    let mut script = String::new();
    for u in &units {
        let (m, t) = (u.stem(), u.type_name());
        files.push(write(
            dir.path(),
            &format!("{m}.js"),
            &enumeration(Lang::Javascript, &u.vendor, &u.refs()),
        ));
        let _ = writeln!(imports, "import {{ {t} }} from \"./{m}.js\";");
        // Every arm, in the `switch` of a function beside the enum made for its entry alone
        // (typed as the vendor's codes are, as the CLI and the explorer do), a module each.
        let vendor = Snippets::new(Lang::Javascript, &u.vendor, &u.refs());
        let integers = js_integer_unit(u);
        let mut arm_codes = Vec::new();
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
            files.push(write(
                dir.path(),
                &format!("arms/{m}_{i}.js"),
                &format!(
                    "{unit}\n/**\n * @param {{{param}}} code\n * @returns {{{t} | undefined}}\n */\n\
                     export function check(code) {{\n  switch (code) {{\n    {a}\n    \
                     default: return undefined;\n  }}\n}}\n",
                    unit = vendor.enumeration(&[e]),
                ),
            ));
            arm_codes.push(format!("[{i}, {c}]"));
        }
        let _ = writeln!(
            script,
            "for (const [i, code] of [{}]) {{\n  \
             const arm = await import(`./arms/{m}_${{i}}.js`);\n  \
             check(arm.check(code) !== undefined && arm.check(code) === arm.{t}.fromCode(code), \"{m} arm \" + i);\n}}",
            arm_codes.join(", ")
        );
        let _ = writeln!(script, "const {m}_cases = [");
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
            "];\nfor (const [code, message, status, kind, retryable, text] of {m}_cases) {{\n  \
             const e = {t}.fromCode(code);\n  check(e instanceof {t}, \"{m} \" + code);\n  \
             if (e !== undefined) {{\n    check(e.code === code, \"code \" + code);\n    \
             check(e.message === s(...message), \"message \" + e.message);\n    \
             check(e.httpStatus === status, \"status \" + code);\n    \
             check(e.kind === kind, \"kind \" + code);\n    \
             check(e.isRetryable === retryable, \"retryable \" + code);\n    \
             check(String(e) === `${{e.code}}: ${{e.message}}`, \"toString \" + code);\n    \
             check(Object.isFrozen(e), \"frozen \" + code);"
        );
        if integers {
            // The text form, with leading zeros as MantaGO's sample writes `0000`.
            let _ = writeln!(
                script,
                "    check({t}.parse(s(...text)) === e, \"parse \" + code);\n    \
                 check(text[0] === 45 || {t}.parse(\"00\" + s(...text)) === e, \"00\" + code);"
            );
        } else {
            let _ = writeln!(script, "    check(text.length > 0, \"text\");");
        }
        script.push_str("  }\n}\n");
        if integers {
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
        let _ = writeln!(script, "check(Object.isFrozen({t}), \"{t} frozen\");");
    }
    script.push_str(
        "check(PixnetError.fromCode(1302) === PixnetError.ExceedAnonymousRateLimit, \"1302\");\n\
         check(PixnetError.ExceedAnonymousRateLimit.kind === \"rate_limit\", \"1302 kind\");\n\
         check(PixnetError.fromCode(4109)?.message.includes(\" / \") === true, \"4109\");\n\
         check(GuoGuoError.fromCode(\"data_validation_failed\") !== undefined, \"guo-guo\");\n\
         console.log(\"ok\");\n",
    );
    // The lookup program is plain JavaScript (its tables are not worth typing).
    write(
        dir.path(),
        "check.js",
        &format!("{imports}\n{PRELUDE}{script}"),
    );

    tsc_check_js(dir.path(), &files);
    let out = check(
        Command::new("node").current_dir(dir.path()).arg("check.js"),
        NODE,
        "JavaScript lookup checks (node)",
        false,
    );
    assert_eq!(out.trim(), "ok");
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
