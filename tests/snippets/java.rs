//! Java: every enum and arm compiled by javac (UTF-8 source, lint warnings as errors), then a
//! program that looks every code up; the body records of every shipped vendor compiled against
//! Gson and run on the sample bodies.

use crate::module::one_file;
use crate::plan::{Codes, Harness, Planned, check_enums, number};
use crate::*;

/// What to install when the tool is missing.
const JAVA: &str = "a JDK (Debian package default-jdk-headless)";

/// Debian's Gson (package libgoogle-gson-java), which the Java and Kotlin body types are
/// written for.
pub const GSON_JAR: &str = "/usr/share/java/gson.jar";

const GSON: &str = "Gson (Debian package libgoogle-gson-java)";

/// javac in an ASCII locale told the file is UTF-8 (messages keep their CJK), with every lint
/// warning an error.
fn javac(dir: &Path, classpath: &str, files: &[PathBuf]) {
    check(
        Command::new("javac")
            .current_dir(dir)
            .env("LC_ALL", "C")
            .env("LANG", "C")
            .env_remove("JAVA_TOOL_OPTIONS")
            // The JIT's first tier alone: less processor time for one compilation.
            .args(["-J-XX:TieredStopAtLevel=1", "-J-XX:+UseSerialGC"])
            .args(["-encoding", "UTF-8", "-Xlint:all", "-Werror"])
            .args(["-cp", classpath, "-d", "out"])
            .args(files),
        JAVA,
        "javac",
        true,
    );
}

fn java(dir: &Path, classpath: &str) -> String {
    check(
        Command::new("java")
            .current_dir(dir)
            .args(["-cp", classpath, "Main"]),
        JAVA,
        "the Java program",
        false,
    )
}

/// Java's templates: each enum in a file of its own (the sample's in a package of its own), each
/// arm in a method of its own beside it, and one `Main` that checks every unit.
struct Java;

/// A code as a Java program writes it: an `int`, a `long`, or a string from its code points
/// (`text("100,101")`, a constant of a few bytes however long the code).
fn java_code(p: &Planned, code: &str) -> String {
    match number(code) {
        Some(n) if p.wide() => format!("{n}L"),
        Some(n) if p.integers() => n.to_string(),
        _ => format!("text(\"{}\")", cps(code).replace(' ', "")),
    }
}

/// The type the unit's lookups take.
fn java_param(p: &Planned) -> &'static str {
    match p.codes {
        Codes::Int { wide: true, .. } => "long",
        Codes::Int { .. } => "int",
        Codes::Str => "String",
    }
}

/// A class of one method per arm (`arm0`, `arm1`, …), each the arm alone in a lookup.
fn java_arms(p: &Planned, arms: &[(String, String)], head: &str, class: &str) -> String {
    let t = p.type_name();
    let param = java_param(p);
    let mut out = format!("{head}public final class {class} {{\n    private {class}() {{}}\n");
    for (i, (_, a)) in arms.iter().enumerate() {
        assert!(visible(a) && a.lines().count() == 1, "{a}");
        let lookup = if p.wide() {
            assert!(a.starts_with("if (code == "), "{a}");
            format!("        {a}\n        return null;")
        } else {
            assert!(a.starts_with("case "), "{a}");
            format!(
                "        switch (code) {{\n            {a}\n            default: return null;\n        }}"
            )
        };
        let _ = writeln!(
            out,
            "\n    public static {t} arm{i}({param} code) {{\n{lookup}\n    }}"
        );
    }
    out.push_str("}\n");
    out
}

impl Harness for Java {
    fn lang(&self) -> Lang {
        Lang::Java
    }

    fn unit_files(&self, dir: &Path, p: &Planned) -> Vec<PathBuf> {
        let t = p.type_name();
        let sub = p.subset_stem();
        for text in [&p.text, &p.subset] {
            assert!(visible(text), "the Java unit holds an invisible character");
            assert!(text.contains(&format!("public enum {t} {{")), "{t}");
        }
        let package = format!("package {sub};\n\n");
        vec![
            write(dir, &format!("{t}.java"), &p.text),
            write(
                dir,
                &format!("{t}Arms.java"),
                &java_arms(p, &p.arms, "", &format!("{t}Arms")),
            ),
            write(
                dir,
                &format!("{sub}/{t}.java"),
                &format!("{package}{}", p.subset),
            ),
            write(
                dir,
                &format!("{sub}/Arms.java"),
                &java_arms(p, &p.subset_arms, &package, "Arms"),
            ),
        ]
    }

    fn program(&self, dir: &Path, units: &[Planned]) -> Vec<PathBuf> {
        let mut main = String::from(
            "import java.io.IOException;\nimport java.nio.charset.StandardCharsets;\n\
             import java.nio.file.Files;\nimport java.nio.file.Paths;\nimport java.util.ArrayList;\n\
             import java.util.List;\nimport java.util.Objects;\n\npublic class Main {\n    \
             static String s(int... cps) {\n        return new String(cps, 0, cps.length);\n    }\n\n    \
             /** A text from its code points joined by commas. */\n    \
             static String text(String cps) {\n        if (cps.isEmpty()) {\n            return \"\";\n        }\n        \
             String[] parts = cps.split(\",\");\n        int[] points = new int[parts.length];\n        \
             for (int i = 0; i < parts.length; i++) {\n            points[i] = Integer.parseInt(parts[i]);\n        }\n        \
             return s(points);\n    }\n\n    \
             static String orNull(String cps) {\n        return cps.isEmpty() ? null : text(cps);\n    }\n\n    \
             static void check(boolean ok, String what) {\n        if (!ok) {\n            throw new AssertionError(what);\n        }\n    }\n\n    \
             static List<String[]> rows(String stem) throws IOException {\n        List<String[]> out = new ArrayList<>();\n        \
             for (String line : Files.readAllLines(Paths.get(\"cases\", stem + \".tsv\"), StandardCharsets.UTF_8)) {\n            \
             out.add(line.split(\"\\t\", -1));\n        }\n        return out;\n    }\n\n    \
             public static void main(String[] args) throws IOException {\n",
        );
        for p in units {
            let _ = writeln!(main, "        check{}();", p.type_name());
        }
        main.push_str("        System.out.println(\"ok\");\n    }\n");
        for p in units {
            let (t, m, sub) = (p.type_name(), p.stem(), p.subset_stem());
            let (code, same, parse) = match p.codes {
                Codes::Int { wide: true, .. } => ("Long.parseLong(r[1])", "e.code() == code", true),
                Codes::Int { .. } => ("Integer.parseInt(r[1])", "e.code() == code", true),
                Codes::Str => ("text(r[0])", "e.code().equals(code)", false),
            };
            let ty = java_param(p);
            let _ = writeln!(
                main,
                "\n    static void check{t}() throws IOException {{\n        \
                 List<String[]> rows = rows(\"{m}\");\n        for (String[] r : rows) {{\n            \
                 {ty} code = {code};\n            {t} e = {t}.fromCode(code);\n            \
                 check(e != null, \"{t} \" + code);\n            \
                 check({same}, \"code {t} \" + code);\n            \
                 check(e.message().equals(text(r[2])), \"message {t}: \" + e.message());\n            \
                 check(Objects.equals(e.httpStatus(), r[3].isEmpty() ? null : Integer.valueOf(r[3])), \"status {t} \" + code);\n            \
                 check(Objects.equals(e.kind(), orNull(r[4])), \"kind {t} \" + code);\n            \
                 check(e.isRetryable() == r[5].equals(\"1\"), \"retryable {t} \" + code);"
            );
            if parse {
                main.push_str("            check(");
                let _ = writeln!(
                    main,
                    "{t}.parse(text(r[0])) == e, \"parse {t} \" + code);\n            \
                     check(r[6].isEmpty() || {t}.parse(text(r[6])) == e, \"parse padded {t} \" + code);"
                );
            }
            main.push_str("        }\n");
            let _ = writeln!(
                main,
                "        check({t}.values().length == rows.size(), \"count {t}\");"
            );
            if parse {
                let unknown = if p.wide() { "-1234567L" } else { "-1234567" };
                let _ = writeln!(
                    main,
                    "        check({t}.fromCode({unknown}) == null, \"unknown {t}\");\n        \
                     check({t}.parse(\"nope\") == null && {t}.parse(\"\") == null && {t}.parse(null) == null, \"parse nope {t}\");"
                );
            } else {
                let _ = writeln!(
                    main,
                    "        check({t}.fromCode(\"nope\") == null && {t}.fromCode(null) == null, \"nope {t}\");"
                );
            }
            // The arms in a method of their own: a method's code is limited to 64 KB.
            let _ = writeln!(
                main,
                "        check{t}Arms();\n    }}\n\n    static void check{t}Arms() {{"
            );
            for (i, (code, _)) in p.arms.iter().enumerate() {
                let c = java_code(p, code);
                let _ = writeln!(
                    main,
                    "        check({t}Arms.arm{i}({c}) == {t}.fromCode({c}) && {t}Arms.arm{i}({c}) != null, \"{m} arm {i}\");"
                );
            }
            for (i, (code, _)) in p.subset_arms.iter().enumerate() {
                let c = java_code(p, code);
                let _ = writeln!(
                    main,
                    "        check({sub}.Arms.arm{i}({c}) == {sub}.{t}.fromCode({c}) && {sub}.Arms.arm{i}({c}) != null, \"{sub} arm {i}\");"
                );
            }
            let _ = writeln!(
                main,
                "        check({sub}.{t}.values().length == {}, \"count {sub}\");\n    }}",
                p.subset_arms.len()
            );
        }
        main.push_str("}\n");
        vec![write(dir, "Main.java", &main)]
    }

    fn build_and_run(&self, dir: &Path, files: &[PathBuf]) -> String {
        javac(dir, ".", files);
        java(dir, "out")
    }
}

/// Whether `text` holds only characters a reader sees: no control but line breaks, no bidi
/// override or line separator (those are written as `\uXXXX`).
fn visible(text: &str) -> bool {
    !text
        .chars()
        .any(|c| (c.is_control() && c != '\n') || ('\u{2028}'..='\u{202E}').contains(&c))
}

#[test]
fn java_enums_compile_and_look_codes_up() {
    check_enums(&Java);
}

/// Messages keep their script: Tencent's Chinese as it is, not `\u89E3\u6790`.
#[test]
fn java_writes_cjk_as_it_is() {
    let out = errdex(&["snippet", "tencent-im", "--lang", "java"]);
    assert!(
        out.contains("\"HTTP 解析错误 ，请检查 HTTP 请求 URL 格式。\""),
        "{out}"
    );
    assert!(!out.contains("\\u89E3"), "{out}");
}

/// The body records of every shipped vendor, as `errdex snippet VENDOR --envelope --lang
/// java` prints them, and the synthetic vendors' with hostile keys, compiled against Gson; then a program reads each sample body with Gson,
/// maps its code with `error()` and prints the messages.
#[test]
fn java_body_records_parse_the_sample_bodies() {
    assert!(
        Path::new(GSON_JAR).exists(),
        "{GSON_JAR} is missing, and the Java body test needs it: {GSON}"
    );
    let dir = workdir();
    let samples = samples();
    let mut files = Vec::new();
    let mut body = String::new();
    let mut expected = String::new();
    // Hostile keys: compiled with the rest.
    for (t, text) in hostile_bodies(Lang::Java) {
        assert!(visible(&text), "the Java unit holds an invisible character");
        assert!(text.contains("public record Body("), "{text}");
        files.push(write(dir.path(), &format!("{t}.java"), &text));
    }
    for s in &samples {
        let out = errdex(&["snippet", &s.vendor, "--envelope", "--lang", "java"]);
        let t = body_type(&s.vendor);
        assert!(visible(&out), "the Java unit holds an invisible character");
        files.push(write(dir.path(), &format!("{t}.java"), &out));
        write(dir.path(), &format!("{}.json", s.vendor), &s.body);
        let _ = writeln!(
            body,
            "        {{\n            {t}.Body b = read({:?}, {t}.Body.class);\n            \
             {t} e = b.error();\n            check(e != null, \"the sample's code is in the enum\");\n            \
             System.out.println(e.code() + \" \" + e.message());",
            format!("{}.json", s.vendor)
        );
        if s.vendor == "guo-guo" {
            let _ = writeln!(
                body,
                "            for ({t}.BodyValidationFailedResponsesItem item : b.validationFailedResponses()) {{\n                \
                 {t} i = item.error();\n                check(i != null, \"the item's code is in the enum\");\n                \
                 System.out.println(\"  \" + i.code() + \" \" + i.message());\n            }}"
            );
        } else {
            body.push_str("            check(b.isError(), \"isError\");\n");
        }
        body.push_str("        }\n");
        expected.push_str(&sample_output(s));
    }
    let main = format!(
        "import com.google.gson.Gson;\nimport java.io.IOException;\nimport java.nio.charset.StandardCharsets;\n\
         import java.nio.file.Files;\nimport java.nio.file.Path;\n\npublic class Main {{\n    \
         static void check(boolean ok, String what) {{ if (!ok) throw new AssertionError(what); }}\n\n    \
         static <T> T read(String path, Class<T> type) throws IOException {{\n        \
         return new Gson().fromJson(Files.readString(Path.of(path), StandardCharsets.UTF_8), type);\n    }}\n\n    \
         public static void main(String[] args) throws IOException {{\n{body}    }}\n}}\n"
    );
    files.push(write(dir.path(), "Main.java", &main));
    javac(dir.path(), GSON_JAR, &files);
    let out = java(dir.path(), &format!("out:{GSON_JAR}"));
    assert_eq!(out, expected);
}

#[test]
fn several_vendors_in_one_java_file_compile() {
    let m = one_file(Lang::Java);
    let name = m.file_name.expect("Java names its file");
    let dir = workdir();
    let file = write(dir.path(), &name, &m.text);
    javac(dir.path(), GSON_JAR, &[file]);
}
