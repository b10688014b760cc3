//! Java: every enum and arm compiled by javac (ASCII source), then run.

use crate::*;

#[test]
fn java_enums_compile_in_ascii_and_look_codes_up() {
    let units = units();
    let dir = workdir();
    let mut files = Vec::new();
    for u in &units {
        let text = enumeration(Lang::Java, &u.vendor, &u.refs());
        assert!(text.is_ascii(), "the Java unit is not ASCII");
        assert!(text.contains(&format!("public enum {} {{", u.type_name())));
        files.push(write(dir.path(), &format!("{}.java", u.type_name()), &text));
        for e in &u.entries {
            let a = arm(Lang::Java, &u.vendor, &[e], &e.code);
            assert!(a.is_ascii() && a.lines().count() == 1, "{a}");
            assert!(a.starts_with("case \""), "{a}");
        }
    }
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
        "        check(PixnetError.fromCode(\"4109\").message().contains(\" / \"), \"4109\");\n        \
         System.out.println(\"ok\");\n    }\n",
    );
    for u in &units {
        let t = u.type_name();
        let _ = writeln!(main, "\n    static void check{t}() {{");
        // A method's code is limited to 64 KB: a part per hundred codes.
        let expected = u.expected();
        for part in 0..expected.len().div_ceil(100) {
            let _ = writeln!(main, "        check{t}Part{part}();");
        }
        let _ = writeln!(
            main,
            "        check({t}.fromCode(\"nope\") == null, \"nope\");\n        \
             check({t}.fromCode(null) == null, \"null\");\n        \
             check({t}.values().length == {}, \"count\");\n    }}",
            expected.len()
        );
        for (part, codes) in expected.chunks(100).enumerate() {
            let _ = writeln!(main, "\n    static void check{t}Part{part}() {{");
            for (code, message, status) in codes.iter().cloned() {
                let status = status.map_or("null".to_string(), |s| s.to_string());
                let _ = writeln!(
                    main,
                    "        {{\n            {t} e = {t}.fromCode(s({c}));\n            \
                 check(e != null, \"{t} \" + s({c}));\n            \
                 check(e.code().equals(s({c})), \"code {t} \" + s({c}));\n            \
                 check(e.message().equals(s({m})), \"message {t}: \" + e.message());\n            \
                 check(Objects.equals(e.httpStatus(), {status}), \"status {t} \" + s({c}));\n        }}",
                    c = cps(&code),
                    m = cps(&message),
                );
            }
            main.push_str("    }\n");
        }
    }
    main.push_str("}\n");
    files.push(write(dir.path(), "Main.java", &main));

    // An ASCII locale: javac rejects anything outside ASCII unless told the encoding.
    check(
        Command::new("javac")
            .current_dir(dir.path())
            .env("LC_ALL", "C")
            .env("LANG", "C")
            .env_remove("JAVA_TOOL_OPTIONS")
            .args(["-Xlint:all", "-Werror", "-d", "out"])
            .args(&files),
        JAVA,
        "javac",
        true,
    );
    let out = check(
        Command::new("java")
            .current_dir(dir.path())
            .args(["-cp", "out", "Main"]),
        JAVA,
        "Java lookup checks",
        false,
    );
    assert_eq!(out.trim(), "ok");
}
