//! Java: every enum and arm compiled by javac (ASCII source, lint warnings as errors), then a
//! program that looks every code up; the body records of every shipped vendor compiled against
//! Gson and run on the sample bodies.

use crate::*;

const GSON: &str = "Gson (Debian package libgoogle-gson-java)";

/// javac in an ASCII locale (it rejects anything outside ASCII unless told the encoding),
/// with every lint warning an error.
pub fn javac(dir: &Path, classpath: &str, files: &[PathBuf]) {
    check(
        Command::new("javac")
            .current_dir(dir)
            .env("LC_ALL", "C")
            .env("LANG", "C")
            .env_remove("JAVA_TOOL_OPTIONS")
            .args(["-Xlint:all", "-Werror", "-cp", classpath, "-d", "out"])
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

#[test]
fn java_enums_compile_in_ascii_and_look_codes_up() {
    let units = units();
    let dir = workdir();
    let mut files = Vec::new();
    let mut arms = String::from("final class Arms {\n    private Arms() {}\n");
    let mut wide_units = Vec::new();
    for u in &units {
        let t = u.type_name();
        let text = enumeration(Lang::Java, &u.vendor, &u.refs());
        assert!(text.is_ascii(), "the Java unit is not ASCII");
        assert!(text.contains(&format!("public enum {t} {{")));
        let wide = text.contains("fromCode(long code)");
        wide_units.push(wide);
        files.push(write(dir.path(), &format!("{t}.java"), &text));
        // Every arm, as the CLI writes it for one code of the vendor, in a lookup of its own.
        let vendor = Snippets::new(Lang::Java, &u.vendor, &u.refs());
        let param = if !u.integer_codes() {
            "String"
        } else if wide {
            "long"
        } else {
            "int"
        };
        for (i, e) in u.entries.iter().enumerate() {
            let a = vendor.arm(&u.refs(), &e.code);
            assert!(a.is_ascii() && a.lines().count() == 1, "{a}");
            let lookup = if wide {
                assert!(a.starts_with("if (code == "), "{a}");
                format!("        {a}\n        return null;")
            } else {
                assert!(a.starts_with("case "), "{a}");
                format!(
                    "        switch (code) {{\n            {a}\n            default: return null;\n        }}"
                )
            };
            let _ = writeln!(
                arms,
                "\n    static {t} {m}{i}({param} code) {{\n{lookup}\n    }}",
                m = u.stem()
            );
        }
    }
    arms.push_str("}\n");
    files.push(write(dir.path(), "Arms.java", &arms));
    let mut main = String::from(
        "import java.util.Objects;\n\npublic class Main {\n    \
         static String s(int... cps) { return new String(cps, 0, cps.length); }\n\n    \
         static void check(boolean ok, String what) { if (!ok) throw new AssertionError(what); }\n\n    \
         public static void main(String[] args) {\n",
    );
    for u in &units {
        let _ = writeln!(main, "        check{}();", u.type_name());
    }
    main.push_str(
        "        check(PixnetError.fromCode(4109).message().contains(\" / \"), \"4109\");\n        \
         check(GuoGuoError.fromCode(\"data_validation_failed\") != null, \"guo-guo\");\n        \
         System.out.println(\"ok\");\n    }\n",
    );
    for (u, &wide) in units.iter().zip(&wide_units) {
        let t = u.type_name();
        let _ = writeln!(main, "\n    static void check{t}() {{");
        // A method's code is limited to 64 KB: a part per fifty codes.
        let expected: Vec<_> = u.expected().into_iter().zip(u.kinds()).collect();
        for part in 0..expected.len().div_ceil(50) {
            let _ = writeln!(main, "        check{t}Part{part}();");
        }
        if u.integer_codes() {
            let _ = writeln!(
                main,
                "        check({t}.fromCode(-1234567) == null, \"unknown\");\n        \
                 check({t}.parse(\"nope\") == null, \"parse nope\");\n        \
                 check({t}.parse(\"\") == null, \"parse empty\");\n        \
                 check({t}.parse(null) == null, \"parse null\");"
            );
        } else {
            let _ = writeln!(
                main,
                "        check({t}.fromCode(\"nope\") == null, \"nope\");\n        \
                 check({t}.fromCode(null) == null, \"null\");"
            );
        }
        for (i, e) in u.entries.iter().enumerate() {
            let c = jvm_code(u, wide, &e.code);
            let _ = writeln!(
                main,
                "        check(Arms.{m}{i}({c}) == {t}.fromCode({c}) && Arms.{m}{i}({c}) != null, \"arm {i}\");",
                m = u.stem()
            );
        }
        let _ = writeln!(
            main,
            "        check({t}.values().length == {}, \"count\");\n    }}",
            expected.len()
        );
        for (part, codes) in expected.chunks(50).enumerate() {
            let _ = writeln!(main, "\n    static void check{t}Part{part}() {{");
            for ((code, message, status), (_, kind, retryable)) in codes.iter().cloned() {
                let status = status.map_or("null".to_string(), |s| s.to_string());
                let c = jvm_code(u, wide, &code);
                let same = if u.integer_codes() {
                    format!("e.code() == {c}")
                } else {
                    format!("e.code().equals({c})")
                };
                let _ = writeln!(
                    main,
                    "        {{\n            {t} e = {t}.fromCode({c});\n            \
                     check(e != null, \"{t} \" + {c});\n            \
                     check({same}, \"code {t} \" + {c});\n            \
                     check(e.message().equals(s({m})), \"message {t}: \" + e.message());\n            \
                     check(Objects.equals(e.httpStatus(), {status}), \"status {t} \" + {c});\n            \
                     check(Objects.equals(e.kind(), {k}), \"kind {t} \" + {c});\n            \
                     check(e.isRetryable() == {retryable}, \"retryable {t} \" + {c});",
                    m = cps(&message),
                    k = jvm_nullable(kind.as_deref()),
                );
                if u.integer_codes() {
                    let _ = writeln!(
                        main,
                        "            check({t}.parse(s({})) == e, \"parse {t} \" + {c});",
                        cps(&code)
                    );
                    if !code.starts_with('-') {
                        let _ = writeln!(
                            main,
                            "            check({t}.parse(\"00{code}\") == e, \"parse 00 {t} \" + {c});"
                        );
                    }
                }
                main.push_str("        }\n");
            }
            main.push_str("    }\n");
        }
    }
    main.push_str("}\n");
    files.push(write(dir.path(), "Main.java", &main));
    javac(dir.path(), ".", &files);
    let out = java(dir.path(), "out");
    assert_eq!(out.trim(), "ok");
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
        assert!(text.is_ascii(), "the Java unit is not ASCII");
        assert!(text.contains("public record Body("), "{text}");
        files.push(write(dir.path(), &format!("{t}.java"), &text));
    }
    for s in &samples {
        let out = errdex(&["snippet", &s.vendor, "--envelope", "--lang", "java"]);
        let t = body_type(&s.vendor);
        assert!(out.is_ascii(), "the Java unit is not ASCII");
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
