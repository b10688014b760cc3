//! TypeScript: every enum and arm through tsc --strict, then run by node.

use crate::*;

#[test]
fn typescript_enums_pass_strict_tsc_and_look_codes_up() {
    let units = units();
    let dir = workdir();
    let tsc = manifest_dir().join("tests/tools/node_modules/.bin/tsc");
    assert!(
        tsc.exists(),
        "tsc is not installed at {}: run `npm install` in tests/tools (npm: Debian package npm)",
        tsc.display()
    );
    let mut files = Vec::new();
    let mut script = String::from(
        "function s(...cps: number[]): string {\n  return String.fromCodePoint(...cps);\n}\n\n\
         function check(ok: boolean, what: string): void {\n  if (!ok) {\n    throw new Error(what);\n  }\n}\n\n",
    );
    for u in &units {
        let (m, t) = (u.stem(), u.type_name());
        files.push(write(
            dir.path(),
            &format!("{m}.ts"),
            &enumeration(Lang::Typescript, &u.vendor, &u.refs()),
        ));
        script.insert_str(0, &format!("import {{ {t} }} from \"./{m}\";\n"));
        for e in &u.entries {
            let a = arm(Lang::Typescript, &u.vendor, &[e], &e.code);
            assert!(a.starts_with("case \"") && a.lines().count() == 1, "{a}");
        }
        for (code, message, status) in u.expected() {
            let status = status.map_or("undefined".to_string(), |s| s.to_string());
            let _ = writeln!(
                script,
                "{{\n  const e = {t}.fromCode(s({c}));\n  check(e !== undefined, \"{t} \" + s({c}));\n  \
                 if (e !== undefined) {{\n    check(e === s({c}), \"value\");\n    \
                 check({t}.message(e) === s({m}), \"message \" + {t}.message(e));\n    \
                 check({t}.httpStatus(e) === {status}, \"status\");\n  }}\n}}",
                c = cps(&code),
                m = cps(&message),
            );
        }
        let _ = writeln!(
            script,
            "check({t}.fromCode(\"nope\") === undefined, \"nope\");"
        );
    }
    script.push_str("console.log(\"ok\");\n");
    files.push(write(dir.path(), "check.ts", &script));

    // Through node, so a missing node is reported as such (the script's `#!` would hide it).
    let mut tsc_cmd = Command::new("node");
    tsc_cmd
        .current_dir(dir.path())
        .arg(&tsc)
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
        ])
        .args([
            "--target", "es2020", "--module", "commonjs", "--outDir", "out",
        ])
        .args(&files);
    check(&mut tsc_cmd, NODE, "tsc --strict", true);
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
