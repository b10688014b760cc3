//! Kotlin: every enum class and arm compiled by kotlinc with warnings as errors, in one
//! invocation (the compiler's start-up is most of its time), then a program that looks every
//! code up; the body data classes of every shipped vendor compiled against Gson and run on the
//! sample bodies.

use crate::*;

/// kotlinc over `files` into `out.jar` with the Kotlin runtime inside, so `java` runs it.
pub fn kotlinc(dir: &Path, classpath: &str, files: &[PathBuf]) {
    check(
        Command::new("kotlinc")
            .current_dir(dir)
            .env_remove("JAVA_TOOL_OPTIONS")
            // The script's default heap (256 MB) runs out on every vendor at once.
            .env("JAVA_OPTS", "-Xmx1g -Xms64m")
            .args(["-Werror", "-cp", classpath])
            .args(["-include-runtime", "-d", "out.jar"])
            .args(files),
        KOTLIN,
        "kotlinc",
        false,
    );
}

fn run_jar(dir: &Path, classpath: &str) -> String {
    check(
        Command::new("java")
            .current_dir(dir)
            .args(["-cp", classpath, "MainKt"]),
        KOTLIN,
        "the Kotlin program",
        false,
    )
}

#[test]
fn kotlin_enums_compile_and_look_codes_up() {
    let units = units();
    let dir = workdir();
    let mut files = Vec::new();
    let mut arms = String::from("object Arms {");
    let mut main = String::from(
        "fun s(vararg cps: Int) = String(cps, 0, cps.size)\n\n\
         fun ok(ok: Boolean, what: String) {\n    if (!ok) throw AssertionError(what)\n}\n\n\
         /** What the lookups must answer for a code (`text`: the code as text). */\n\
         class Expect<C>(\n    val code: C,\n    val text: String,\n    val message: String,\n    \
         val status: Int?,\n    val kind: String?,\n    val retryable: Boolean\n)\n\n\
         fun main() {\n",
    );
    for u in &units {
        let _ = writeln!(main, "    check{}()", u.type_name());
    }
    main.push_str(
        "    ok(PixnetError.fromCode(4109)!!.message.contains(\" / \"), \"4109\")\n    \
         ok(GuoGuoError.fromCode(\"data_validation_failed\") != null, \"guo-guo\")\n    \
         println(\"ok\")\n}\n",
    );
    for u in &units {
        let t = u.type_name();
        let m = u.stem();
        let text = enumeration(Lang::Kotlin, &u.vendor, &u.refs());
        assert!(text.contains(&format!("enum class {t}(")), "{text}");
        let wide = text.contains("fun fromCode(code: Long)");
        files.push(write(dir.path(), &format!("{t}.kt"), &text));
        let param = if !u.integer_codes() {
            "String"
        } else if wide {
            "Long"
        } else {
            "Int"
        };
        // Every code's arm, as the CLI writes it for one code of the vendor, in a `when` of
        // their own (one per vendor: kotlinc is slow on many small functions).
        let vendor = Snippets::new(Lang::Kotlin, &u.vendor, &u.refs());
        let mut seen = std::collections::HashSet::new();
        let _ = writeln!(arms, "\n    fun {m}(code: {param}): {t}? = when (code) {{");
        for e in &u.entries {
            let a = vendor.arm(&u.refs(), &e.code);
            assert!(a.lines().count() == 1, "{a}");
            let head = format!("{} -> {t}.", jvm_code(u, wide, &e.code));
            assert!(u.integer_codes() == a.starts_with(&head), "{a}");
            if seen.insert(e.code.clone()) {
                let _ = writeln!(arms, "        {a}");
            }
        }
        arms.push_str("        else -> null\n    }\n");

        // The expectations, fifty to a function (a JVM method's code is limited to 64 KB).
        let expected: Vec<_> = u.expected().into_iter().zip(u.kinds()).collect();
        let parts = expected.len().div_ceil(50);
        let _ = writeln!(main, "\nfun check{t}() {{");
        let lists: Vec<String> = (0..parts).map(|p| format!("rows{t}{p}()")).collect();
        let _ = writeln!(
            main,
            "    val rows: List<Expect<{param}>> = {}",
            if lists.is_empty() {
                "emptyList()".to_string()
            } else {
                lists.join(" + ")
            }
        );
        let _ = writeln!(
            main,
            "    for (x in rows) {{\n        \
             val e = {t}.fromCode(x.code) ?: throw AssertionError(\"{t} \" + x.text)\n        \
             ok(e.code == x.code, \"code \" + x.text)\n        \
             ok(e.message == x.message, \"message \" + e.message)\n        \
             ok(e.httpStatus == x.status, \"status \" + x.text)\n        \
             ok(e.kind == x.kind, \"kind \" + x.text)\n        \
             ok(e.isRetryable == x.retryable, \"retryable \" + x.text)\n        \
             ok(Arms.{m}(x.code) == e, \"arm \" + x.text)"
        );
        if u.integer_codes() {
            let unknown = if wide { "-1234567L" } else { "-1234567" };
            let _ = writeln!(
                main,
                "        ok({t}.parse(x.text) == e, \"parse \" + x.text)\n        \
                 if (!x.text.startsWith(\"-\")) ok({t}.parse(\"00\" + x.text) == e, \"parse 00\" + x.text)\n    }}\n    \
                 ok({t}.fromCode({unknown}) == null, \"unknown\")\n    \
                 ok({t}.parse(\"nope\") == null, \"parse nope\")\n    \
                 ok({t}.parse(\"\") == null, \"parse empty\")"
            );
        } else {
            let _ = writeln!(
                main,
                "    }}\n    ok({t}.fromCode(\"nope\") == null, \"nope\")"
            );
        }
        let _ = writeln!(
            main,
            "    ok({t}.values().size == {}, \"count\")\n}}",
            expected.len()
        );
        for (part, codes) in expected.chunks(50).enumerate() {
            let rows: Vec<String> = codes
                .iter()
                .map(|((code, message, status), (_, kind, retryable))| {
                    format!(
                        "Expect({}, s({}), s({}), {}, {}, {retryable})",
                        jvm_code(u, wide, code),
                        cps(code),
                        cps(message),
                        status.map_or("null".to_string(), |s| s.to_string()),
                        jvm_nullable(kind.as_deref()),
                    )
                })
                .collect();
            let _ = writeln!(
                main,
                "\nfun rows{t}{part}(): List<Expect<{param}>> = listOf(\n    {}\n)",
                rows.join(",\n    ")
            );
        }
    }
    arms.push_str("}\n");
    files.push(write(dir.path(), "Arms.kt", &arms));
    files.push(write(dir.path(), "Main.kt", &main));
    kotlinc(dir.path(), ".", &files);
    let out = run_jar(dir.path(), "out.jar");
    assert_eq!(out.trim(), "ok");
}

/// The body classes of every shipped vendor, as `errdex snippet VENDOR --envelope --lang
/// kotlin` prints them, and the synthetic vendors' with hostile keys, compiled against Gson; then a program reads each sample body with
/// Gson, maps its code with `error()` and prints the messages.
#[test]
fn kotlin_body_classes_parse_the_sample_bodies() {
    assert!(
        Path::new(GSON_JAR).exists(),
        "{GSON_JAR} is missing, and the Kotlin body test needs it: Debian package libgoogle-gson-java"
    );
    let dir = workdir();
    let samples = samples();
    let mut files = Vec::new();
    let mut body = String::new();
    let mut expected = String::new();
    // Hostile keys: compiled with the rest.
    for (t, text) in hostile_bodies(Lang::Kotlin) {
        assert!(text.contains(&format!("data class {t}Body(")), "{text}");
        files.push(write(dir.path(), &format!("{t}.kt"), &text));
    }
    for s in &samples {
        let out = errdex(&["snippet", &s.vendor, "--envelope", "--lang", "kotlin"]);
        let t = body_type(&s.vendor);
        files.push(write(dir.path(), &format!("{t}.kt"), &out));
        write(dir.path(), &format!("{}.json", s.vendor), &s.body);
        let _ = writeln!(
            body,
            "    run {{\n        val b = read({:?}, {t}Body::class.java)\n        \
             val e = b.error() ?: throw AssertionError(\"the sample's code is in the enum\")\n        \
             println(\"${{e.code}} ${{e.message}}\")",
            format!("{}.json", s.vendor)
        );
        if s.vendor == "guo-guo" {
            body.push_str(
                "        for (item in b.validationFailedResponses.orEmpty()) {\n            \
                 val i = item.error() ?: throw AssertionError(\"the item's code is in the enum\")\n            \
                 println(\"  ${i.code} ${i.message}\")\n        }\n",
            );
        } else {
            body.push_str("        ok(b.isError(), \"isError\")\n");
        }
        body.push_str("    }\n");
        expected.push_str(&sample_output(s));
    }
    let main = format!(
        "import com.google.gson.Gson\nimport java.io.File\n\n\
         fun ok(ok: Boolean, what: String) {{\n    if (!ok) throw AssertionError(what)\n}}\n\n\
         fun <T> read(path: String, type: Class<T>): T = Gson().fromJson(File(path).readText(), type)\n\n\
         fun main() {{\n{body}}}\n"
    );
    files.push(write(dir.path(), "Main.kt", &main));
    kotlinc(dir.path(), GSON_JAR, &files);
    let out = run_jar(dir.path(), &format!("out.jar:{GSON_JAR}"));
    assert_eq!(out, expected);
}
