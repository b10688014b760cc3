//! C#: every enum and arm compiled by Mono's mcs in one invocation (warnings as errors, the XML
//! documentation checked), then a program that looks every code up; every body type compiled
//! with System.Runtime.Serialization, then run on the samples.

use crate::module::one_file;
use crate::plan::{Harness, Planned, check_enums, number};
use crate::*;

/// What to install when the tool is missing.
const MONO: &str = "Mono's C# compiler and runtime (Debian packages mono-mcs, mono-runtime and \
                    libmono-system-runtime-serialization4.0-cil)";

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

const PROGRAM_START: &str = "using System;\nusing System.Collections.Generic;\nusing System.Globalization;\n\
    using System.IO;\nusing System.Text;\n\n\
    public static class Program\n{\n    \
    static string Text(string cps)\n    {\n        var b = new StringBuilder();\n        \
    foreach (var c in cps.Split(','))\n        {\n            if (c != \"\")\n            {\n                \
    b.Append(char.ConvertFromUtf32(int.Parse(c, CultureInfo.InvariantCulture)));\n            }\n        }\n        \
    return b.ToString();\n    }\n\n    \
    static List<string[]> Rows(string stem)\n    {\n        var rows = new List<string[]>();\n        \
    foreach (var line in File.ReadAllLines(\"cases/\" + stem + \".tsv\", Encoding.UTF8))\n        {\n            \
    rows.Add(line.Split('\\t'));\n        }\n        return rows;\n    }\n\n    \
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

/// C#'s templates: each unit in a file of its own with its sampled arms in a static class
/// beside the enum (the sample's enum in a namespace of its own), and one program that checks
/// every unit.
struct CSharp;

/// A code as the C# program writes it: a `long`, or a string from its code points.
fn csharp_code(p: &Planned, code: &str) -> String {
    match number(code) {
        Some(i64::MIN) if p.integers() => "long.MinValue".into(),
        Some(n) if p.integers() => format!("{n}L"),
        _ => format!("Text(\"{}\")", cps(code).replace(' ', "")),
    }
}

/// A static class `name` of one method per arm (`Arm0`, `Arm1`, …), each the arm alone in a
/// `switch`.
fn csharp_arms(p: &Planned, arms: &[(String, String)], name: &str) -> String {
    let t = p.type_name();
    let param = if p.integers() { "long" } else { "string" };
    let mut out = format!("public static class {name}\n{{");
    for (i, (_, a)) in arms.iter().enumerate() {
        assert!(a.starts_with("case ") && a.lines().count() == 1, "{a}");
        let _ = writeln!(
            out,
            "\n    public static {t}? Arm{i}({param} code)\n    {{\n        switch (code)\n        {{\n            \
             {a}\n            default: return null;\n        }}\n    }}"
        );
    }
    out.push_str("}\n");
    out
}

impl Harness for CSharp {
    fn lang(&self) -> Lang {
        Lang::CSharp
    }

    fn unit_files(&self, dir: &Path, p: &Planned) -> Vec<PathBuf> {
        let (m, t, sub) = (p.stem(), p.type_name(), p.subset_stem());
        vec![
            write(
                dir,
                &format!("{m}.cs"),
                &format!(
                    "{}\n{}",
                    p.text,
                    csharp_arms(p, &p.arms, &format!("{t}Arms"))
                ),
            ),
            write(
                dir,
                &format!("{sub}.cs"),
                &format!(
                    "namespace {sub}\n{{\n{}\n{}}}\n",
                    p.subset,
                    csharp_arms(p, &p.subset_arms, "Arms")
                ),
            ),
        ]
    }

    fn program(&self, dir: &Path, units: &[Planned]) -> Vec<PathBuf> {
        let mut blocks = vec!["        Check(Text(\"\") == \"\", \"empty text\");\n".to_string()];
        for p in units {
            let (m, t, sub) = (p.stem(), p.type_name(), p.subset_stem());
            let ext = format!("{t}Extensions");
            let code = if p.integers() {
                "long.Parse(r[1], CultureInfo.InvariantCulture)"
            } else {
                "Text(r[0])"
            };
            let mut block = format!(
                "        var {m}Rows = Rows(\"{m}\");\n        foreach (var r in {m}Rows)\n        {{\n            \
                 var code = {code};\n            var found = {ext}.FromCode(code);\n            \
                 Check(found.HasValue, \"{m} \" + r[0]);\n            var e = found.Value;\n            \
                 Check(e.Code() == code, \"{m} code \" + r[0]);\n            \
                 Check(e.Message() == Text(r[2]), \"{m} message \" + e.Message());\n            \
                 Check(e.HttpStatus() == (r[3] == \"\" ? (int?)null : int.Parse(r[3], CultureInfo.InvariantCulture)), \"{m} status \" + r[0]);\n            \
                 Check(e.Kind() == (r[4] == \"\" ? null : Text(r[4])), \"{m} kind \" + r[0]);\n            \
                 Check(e.IsRetryable() == (r[5] == \"1\"), \"{m} retry \" + r[0]);\n"
            );
            if p.integers() {
                let _ = writeln!(
                    block,
                    "            Check({ext}.Parse(Text(r[0])) == e, \"{m} parse \" + r[0]);\n            \
                     Check(r[6] == \"\" || {ext}.Parse(Text(r[6])) == e, \"{m} parse padded \" + r[0]);\n        }}\n        \
                     Check({ext}.Parse(\"nope\") == null && {ext}.Parse(\"\") == null \
                     && {ext}.Parse(null) == null && {ext}.Parse(\" 1\") == null \
                     && {ext}.Parse(\"9223372036854775808\") == null, \"{m} parse nope\");\n        \
                     Check({ext}.FromCode(-1234567L) == null, \"{m} unknown\");"
                );
            } else {
                let _ = writeln!(
                    block,
                    "        }}\n        Check({ext}.FromCode(\"nope\") == null && {ext}.FromCode(null) == null, \"{m} nope\");"
                );
            }
            let _ = writeln!(
                block,
                "        Check(Enum.GetValues(typeof({t})).Length == {m}Rows.Count, \"{m} members\");"
            );
            blocks.push(block);
            let mut block = String::new();
            for (i, (code, _)) in p.arms.iter().enumerate() {
                let c = csharp_code(p, code);
                let _ = writeln!(
                    block,
                    "        Check({t}Arms.Arm{i}({c}) == {ext}.FromCode({c}) && {t}Arms.Arm{i}({c}).HasValue, \"{m} arm {i}\");"
                );
            }
            for (i, (code, _)) in p.subset_arms.iter().enumerate() {
                let c = csharp_code(p, code);
                let _ = writeln!(
                    block,
                    "        Check({sub}.Arms.Arm{i}({c}) == {sub}.{ext}.FromCode({c}) && {sub}.Arms.Arm{i}({c}).HasValue, \"{sub} arm {i}\");"
                );
            }
            let _ = writeln!(
                block,
                "        Check(Enum.GetValues(typeof({sub}.{t})).Length == {}, \"{sub} members\");",
                p.subset_arms.len()
            );
            blocks.push(block);
        }
        blocks.push("        Console.WriteLine(\"ok\");\n".to_string());
        vec![write(dir, "check.cs", &program(&blocks))]
    }

    fn build_and_run(&self, dir: &Path, files: &[PathBuf]) -> String {
        check(
            &mut mcs(dir, files),
            MONO,
            "mcs (every enum and arm, and the checks)",
            false,
        );
        check(
            Command::new("mono").current_dir(dir).arg("check.exe"),
            MONO,
            "C# lookup checks (mono)",
            false,
        )
    }
}

#[test]
fn csharp_enums_compile_cleanly_and_look_codes_up() {
    check_enums(&CSharp);
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

#[test]
fn several_vendors_in_one_csharp_file_compile() {
    let m = one_file(Lang::CSharp);
    let dir = workdir();
    write(dir.path(), "Errors.cs", &m.text);
    check(
        Command::new("mcs")
            .current_dir(dir.path())
            .args(["-warn:4", "-warnaserror+", "-nowarn:1591", "-doc:doc.xml"])
            .args(["-r:System.Runtime.Serialization.dll", "-target:library"])
            .args(["-out:errors.dll", "Errors.cs"]),
        MONO,
        "mcs (several vendors in one file)",
        false,
    );
}
