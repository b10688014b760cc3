//! C#: every enum and arm compiled by Mono's mcs in one invocation (warnings as errors, the XML
//! documentation checked), then a program that looks every code up; every body type compiled
//! with System.Runtime.Serialization, then run on the samples.

use crate::*;

/// mcs with every warning an error; `-doc` makes it check that the documentation comments are
/// well-formed XML (1591, a public member without one, is not a fault of generated code).
fn mcs(dir: &Path, files: &[PathBuf]) -> Command {
    let mut cmd = Command::new("mcs");
    cmd.current_dir(dir)
        .args(["-warn:4", "-warnaserror+", "-nowarn:1591", "-doc:doc.xml"])
        .args(["-r:System.Runtime.Serialization.dll", "-out:check.exe"])
        .args(files);
    cmd
}

/// `1302L` for a vendor with integer codes, else the code as a string built from its code
/// points (so no escaping of ours is involved).
fn code_expr(u: &Unit, code: &str) -> String {
    if u.integer_codes() {
        match code.parse::<i64>().unwrap() {
            i64::MIN => "long.MinValue".into(),
            n => format!("{n}L"),
        }
    } else {
        format!("S({})", cps(code))
    }
}

/// Whether `i64::MIN` is one of the unit's codes (then it is no test of an unknown code).
fn has_min(u: &Unit) -> bool {
    u.entries.iter().any(|e| e.code.parse() == Ok(i64::MIN))
}

const PROGRAM_START: &str = "using System;\nusing System.IO;\nusing System.Text;\n\n\
    public static class Program\n{\n    \
    static string S(params int[] cps)\n    {\n        var b = new StringBuilder();\n        \
    foreach (var c in cps)\n        {\n            b.Append(char.ConvertFromUtf32(c));\n        }\n        \
    return b.ToString();\n    }\n\n    \
    static void Check(bool ok, string what)\n    {\n        if (!ok)\n        {\n            \
    throw new Exception(what);\n        }\n    }\n";

/// The check program: the blocks of statements in methods of a few blocks each (Mono's JIT
/// takes minutes over one method of thousands of statements), called in order by `Main`.
fn program(blocks: &[String]) -> String {
    let mut out = String::from(PROGRAM_START);
    let parts = blocks.chunks(16).collect::<Vec<_>>();
    for (i, part) in parts.iter().enumerate() {
        let _ = writeln!(
            out,
            "\n    static void Part{i}()\n    {{\n{}    }}",
            part.concat()
        );
    }
    out.push_str("\n    public static void Main()\n    {\n        Console.OutputEncoding = new UTF8Encoding(false);\n");
    for i in 0..parts.len() {
        let _ = writeln!(out, "        Part{i}();");
    }
    out.push_str("    }\n}\n");
    out
}

#[test]
fn csharp_enums_compile_cleanly_and_look_codes_up() {
    let mut units = units();
    units.push(markup_hostile());
    units.push(extreme_numbers());
    let dir = workdir();
    let mut files = Vec::new();
    let mut blocks: Vec<String> = Vec::new();
    for u in &units {
        let (m, t) = (u.stem(), u.type_name());
        let ext = format!("{t}Extensions");
        let unit = enumeration(Lang::CSharp, &u.vendor, &u.refs());
        files.push(write(dir.path(), &format!("{m}.cs"), &unit));

        // Every arm, in the switch of a function beside the enum made for its entry alone
        // (typed as the vendor's codes are), each in a namespace of its own.
        let param = if u.integer_codes() { "long" } else { "string" };
        let vendor = Snippets::new(Lang::CSharp, &u.vendor, &u.refs());
        let mut arms = String::new();
        for (i, e) in u.entries.iter().enumerate() {
            let a = vendor.arm(&[e], &e.code);
            assert!(a.starts_with("case ") && a.lines().count() == 1, "{a}");
            let _ = writeln!(
                arms,
                "namespace {m}_arm{i}\n{{\n{unit}\npublic static class Arm\n{{\n    \
                 public static {t}? Check({param} code)\n    {{\n        switch (code)\n        {{\n            \
                 {a}\n            default: return null;\n        }}\n    }}\n}}\n}}\n",
                unit = vendor.enumeration(&[e]),
            );
            let c = code_expr(u, &e.code);
            blocks.push(format!(
                "        Check({m}_arm{i}.Arm.Check({c}) == {m}_arm{i}.{ext}.FromCode({c}) \
                 && {m}_arm{i}.Arm.Check({c}).HasValue, \"{m} arm {i}\");\n"
            ));
        }
        files.push(write(dir.path(), &format!("{m}_arms.cs"), &arms));

        for ((code, message, status), (_, kind, retryable)) in
            u.expected().into_iter().zip(u.kinds())
        {
            let c = code_expr(u, &code);
            let status = status.map_or("null".to_string(), |s| s.to_string());
            let kind = kind.map_or("null".to_string(), |k| format!("S({})", cps(&k)));
            let mut main = String::new();
            let _ = writeln!(
                main,
                "        {{\n            var found = {ext}.FromCode({c});\n            \
                 Check(found.HasValue, \"{m} \" + {c});\n            var e = found.Value;\n            \
                 Check(e.Code() == {c}, \"{m} code \" + {c});\n            \
                 Check(e.Message() == S({msg}), \"{m} message \" + e.Message());\n            \
                 Check(e.HttpStatus() == {status}, \"{m} status \" + {c});\n            \
                 Check(e.Kind() == {kind}, \"{m} kind \" + {c});\n            \
                 Check(e.IsRetryable() == {retryable}, \"{m} retry \" + {c});",
                msg = cps(&message),
                retryable = if retryable { "true" } else { "false" },
            );
            if u.integer_codes() {
                // The text form, with leading zeros as MantaGO's sample writes `0000`.
                let _ = writeln!(
                    main,
                    "            Check({ext}.Parse(S({})) == e, \"{m} parse \" + {c});",
                    cps(&code)
                );
                if !code.starts_with('-') {
                    let _ = writeln!(
                        main,
                        "            Check({ext}.Parse(\"00{code}\") == e, \"{m} parse 00\" + {c});"
                    );
                }
            }
            main.push_str("        }\n");
            blocks.push(main);
        }
        let mut main = String::new();
        if u.integer_codes() {
            let _ = writeln!(
                main,
                "        Check({ext}.Parse(\"nope\") == null && {ext}.Parse(\"\") == null \
                 && {ext}.Parse(null) == null && {ext}.Parse(\" 1\") == null \
                 && {ext}.Parse(\"9223372036854775808\") == null, \"{m} parse nope\");"
            );
            if !has_min(u) {
                let _ = writeln!(
                    main,
                    "        Check({ext}.FromCode(long.MinValue) == null, \"{m} MinValue\");"
                );
            }
        } else {
            let _ = writeln!(
                main,
                "        Check({ext}.FromCode(\"nope\") == null && {ext}.FromCode(null) == null, \"{m} nope\");"
            );
        }
        let _ = writeln!(
            main,
            "        Check(Enum.GetValues(typeof({t})).Length == {}, \"{m} members\");",
            u.expected().len()
        );
        blocks.push(main);
    }
    blocks.push(
        "        Check(PixnetErrorExtensions.FromCode(4109L).Value.Message().Contains(\" / \"), \"4109\");\n        \
         Check(GuoGuoErrorExtensions.FromCode(\"data_validation_failed\").HasValue, \"guo-guo\");\n        \
         Console.WriteLine(\"ok\");\n"
            .to_string(),
    );
    files.push(write(dir.path(), "check.cs", &program(&blocks)));

    check(
        &mut mcs(dir.path(), &files),
        MONO,
        "mcs (every enum and arm, and the checks)",
        false,
    );
    let out = check(
        Command::new("mono")
            .current_dir(dir.path())
            .arg("check.exe"),
        MONO,
        "C# lookup checks (mono)",
        false,
    );
    assert_eq!(out.trim(), "ok");
}

/// The body types of every shipped vendor, as `errdex snippet VENDOR --envelope --lang csharp`
/// prints them, compiled together by mcs; then a program reads each sample body with the
/// generated `FromJson` (DataContractJsonSerializer), maps its code to the enum and prints the
/// messages.
#[test]
fn csharp_body_types_parse_the_sample_bodies() {
    let dir = workdir();
    let mut files = Vec::new();
    let mut main = String::new();
    let mut expected = String::new();
    for s in samples() {
        let out = errdex(&["snippet", &s.vendor, "--envelope", "--lang", "csharp"]);
        files.push(write(dir.path(), &format!("{}.cs", s.vendor), &out));
        write(dir.path(), &format!("{}.json", s.vendor), &s.body);
        let t = body_type(&s.vendor);
        let _ = writeln!(
            main,
            "        {{\n            var b = {t}Body.FromJson(File.ReadAllText(\"{v}.json\", Encoding.UTF8));\n            \
             var e = b.GetError();\n            Check(e.HasValue, \"{v}: the sample's code is in the enum\");\n            \
             Console.WriteLine(e.Value.Code() + \" \" + e.Value.Message());",
            v = s.vendor,
        );
        if s.vendor == "guo-guo" {
            main.push_str(
                "            foreach (var item in b.ValidationFailedResponses)\n            {\n                \
                 var i = item.GetError();\n                Check(i.HasValue, \"the item's code is in the enum\");\n                \
                 Console.WriteLine(\"  \" + i.Value.Code() + \" \" + i.Value.Message());\n            }\n",
            );
        } else {
            let _ = writeln!(
                main,
                "            Check(b.IsError(), \"{} is an error\");",
                s.vendor
            );
        }
        main.push_str("        }\n");
        expected.push_str(&sample_output(&s));
    }
    // Absent keys stay null; a body that says it succeeded is no error.
    main.push_str(
        "        Check(!PixnetErrorBody.FromJson(\"{}\").GetError().HasValue, \"empty body\");\n        \
         Check(!PixnetErrorBody.FromJson(\"{\\\"error\\\":0,\\\"code\\\":1302}\").IsError(), \"error 0\");\n        \
         Check(!MantagoErrorBody.FromJson(\"{\\\"success\\\":true}\").IsError(), \"success\");\n        \
         Check(TencentImErrorBody.FromJson(\"{\\\"ActionStatus\\\":\\\"fail\\\"}\").IsError(), \"FAIL in any case\");\n        \
         Check(GuoGuoErrorBody.FromJson(\"{}\").ValidationFailedResponses == null, \"no items\");\n",
    );
    files.push(write(dir.path(), "check.cs", &program(&[main])));
    check(
        &mut mcs(dir.path(), &files),
        MONO,
        "mcs (body types)",
        false,
    );
    let out = check(
        Command::new("mono")
            .current_dir(dir.path())
            .arg("check.exe"),
        MONO,
        "the C# body program (mono)",
        false,
    );
    assert_eq!(out, expected);
}

/// A body whose keys are keywords, generated members' names, two keys of one name and no
/// identifiers at all: compiled by mcs and read by DataContractJsonSerializer.
#[test]
fn csharp_body_types_survive_hostile_keys() {
    let (u, envelope, body) = hostile_keys();
    let dir = workdir();
    let unit = Snippets::new(Lang::CSharp, &u.vendor, &u.refs())
        .with_envelope(&envelope)
        .enumeration(&u.refs());
    let files = vec![write(dir.path(), "body.cs", &unit)];
    write(dir.path(), "body.json", &body);
    let ext = "WeirdNumbersErrorExtensions";
    let main = format!(
        "        var b = WeirdNumbersErrorBody.FromJson(File.ReadAllText(\"body.json\", Encoding.UTF8));\n        \
         Check(b.GetError().HasValue && b.GetError() == {ext}.FromCode(7L), \"error\");\n        \
         Check(b.IsError(), \"flag\");\n        \
         Check(b.Errors.Count == 2 && b.Errors[0].GetError() == {ext}.FromCode(-3L) \
         && b.Errors[1].GetError() == {ext}.FromCode(42L), \"items\");\n        \
         Check(b.Errors[0].Class == \"f\" && (string)b.Class == \"c\", \"class\");\n        \
         Check((string)b.XRequestId == \"r\", \"X-Request-ID\");\n        \
         Check(Convert.ToInt64(b.ErrorCode) == 4 && Convert.ToInt64(b.ErrorCode2) == 5, \"two keys\");\n        \
         Check(Convert.ToInt64(b.GetError2) == 3 && Convert.ToInt64(b.FromJson2) == 7 && Convert.ToInt64(b.FromJson3) == 8 \
         && Convert.ToInt64(b.Field) == 6 && Convert.ToInt64(b.Field2fa) == 10, \"names\");\n        \
         Console.WriteLine(\"ok\");\n"
    );
    let mut files = files;
    files.push(write(dir.path(), "check.cs", &program(&[main])));
    check(
        &mut mcs(dir.path(), &files),
        MONO,
        "mcs (hostile keys)",
        false,
    );
    let out = check(
        Command::new("mono")
            .current_dir(dir.path())
            .arg("check.exe"),
        MONO,
        "the C# hostile-keys program (mono)",
        false,
    );
    assert_eq!(out, "ok\n");
}
