//! Kotlin: every enum class and arm compiled by kotlinc with warnings as errors, in one
//! invocation (the compiler's start-up is most of its time), then a program that looks every
//! code up; the body data classes of every shipped vendor compiled against Gson and run on the
//! sample bodies.

use crate::java::GSON_JAR;
use crate::module::one_file;
use crate::plan::{Codes, Harness, Planned, check_enums, int_literal, number};
use crate::*;

/// What to install when the tool is missing.
const KOTLIN: &str = "kotlinc (Debian package kotlin) and a JDK";

/// kotlinc over `files` into `out.jar` with the Kotlin runtime inside, so `java` runs it.
fn kotlinc(dir: &Path, classpath: &str, files: &[PathBuf]) {
    check(
        Command::new("kotlinc")
            .current_dir(dir)
            .env_remove("JAVA_TOOL_OPTIONS")
            // The script's default heap (256 MB) runs out on every unit at once. The JIT's first
            // tier alone takes half the processor time of both tiers for a run this long.
            .env(
                "JAVA_OPTS",
                "-Xmx1g -Xms64m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC",
            )
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

/// Kotlin's templates: each unit in a file of its own (the sample's in a package of its own),
/// the sampled arms in one `when` per unit (kotlinc is slow on many small functions), and one
/// program that checks every unit.
struct Kotlin;

/// A code as a Kotlin program writes it: an `Int`, a `Long` (the smallest by name: its
/// literal is out of range before the minus applies), or a string from its code points.
fn kotlin_code(p: &Planned, code: &str) -> String {
    match number(code) {
        Some(i64::MIN) if p.wide() => "Long.MIN_VALUE".into(),
        Some(n) if p.wide() => format!("{n}L"),
        Some(n) if n == i64::from(i32::MIN) && p.integers() => "Int.MIN_VALUE".into(),
        Some(n) if p.integers() => n.to_string(),
        _ => format!("text(\"{}\")", cps(code).replace(' ', "")),
    }
}

fn kotlin_param(p: &Planned) -> &'static str {
    match p.codes {
        Codes::Int { wide: true, .. } => "Long",
        Codes::Int { .. } => "Int",
        Codes::Str => "String",
    }
}

/// The sampled arms of a unit in the `when` of one function, `arms`, of the object `name`.
fn kotlin_arms(p: &Planned, arms: &[(String, String)], head: &str, name: &str) -> String {
    let t = p.type_name();
    let mut out = format!(
        "{head}object {name} {{\n    fun arms(code: {}): {t}? = when (code) {{\n",
        kotlin_param(p)
    );
    for (code, a) in arms {
        assert_eq!(a.lines().count(), 1, "{a}");
        if p.integers() {
            let literal = match kotlin_code(p, code) {
                by_name if by_name.ends_with("MIN_VALUE") => by_name,
                _ if p.wide() => format!("{}L", int_literal(code)),
                _ => int_literal(code),
            };
            assert!(a.starts_with(&format!("{literal} -> {t}.")), "{a}");
        }
        let _ = writeln!(out, "        {a}");
    }
    out.push_str("        else -> null\n    }\n}\n");
    out
}

impl Harness for Kotlin {
    fn lang(&self) -> Lang {
        Lang::Kotlin
    }

    fn unit_files(&self, dir: &Path, p: &Planned) -> Vec<PathBuf> {
        let (t, sub) = (p.type_name(), p.subset_stem());
        let chunked = p.rows.len() > 1000;
        let head = if chunked { "class" } else { "enum class" };
        assert!(p.text.contains(&format!("{head} {t}")), "{t}");
        let package = format!("package {sub}\n\n");
        vec![
            write(dir, &format!("{t}.kt"), &p.text),
            write(
                dir,
                &format!("{t}Arms.kt"),
                &kotlin_arms(p, &p.arms, "", &format!("{t}Arms")),
            ),
            write(
                dir,
                &format!("{sub}/{t}.kt"),
                &format!("{package}{}", p.subset),
            ),
            write(
                dir,
                &format!("{sub}/Arms.kt"),
                &kotlin_arms(p, &p.subset_arms, &package, "Arms"),
            ),
        ]
    }

    fn program(&self, dir: &Path, units: &[Planned]) -> Vec<PathBuf> {
        let mut main = String::from(
            "import java.io.File\n\n\
             /** A text from its code points joined by commas. */\n\
             fun text(cps: String): String {\n    \
             val points = if (cps == \"\") IntArray(0) else cps.split(\",\").map { it.toInt() }.toIntArray()\n    \
             return String(points, 0, points.size)\n}\n\n\
             fun orNull(cps: String): String? = if (cps == \"\") null else text(cps)\n\n\
             fun ok(ok: Boolean, what: String) {\n    if (!ok) throw AssertionError(what)\n}\n\n\
             fun rows(stem: String): List<List<String>> = File(\"cases/\" + stem + \".tsv\").readLines().map { it.split(\"\\t\") }\n\n\
             fun main() {\n",
        );
        for p in units {
            let _ = writeln!(main, "    check{}()", p.type_name());
        }
        main.push_str("    println(\"ok\")\n}\n");
        for p in units {
            let (t, m, sub) = (p.type_name(), p.stem(), p.subset_stem());
            let code = match p.codes {
                Codes::Int { wide: true, .. } => "r[1].toLong()",
                Codes::Int { .. } => "r[1].toInt()",
                Codes::Str => "text(r[0])",
            };
            let _ = writeln!(
                main,
                "\nfun check{t}() {{\n    val rows = rows(\"{m}\")\n    for (r in rows) {{\n        \
                 val code = {code}\n        \
                 val e = {t}.fromCode(code) ?: throw AssertionError(\"{t} \" + r[0])\n        \
                 ok(e.code == code, \"code \" + r[0])\n        \
                 ok(e.message == text(r[2]), \"message \" + e.message)\n        \
                 ok(e.httpStatus == r[3].toIntOrNull(), \"status \" + r[0])\n        \
                 ok(e.kind == orNull(r[4]), \"kind \" + r[0])\n        \
                 ok(e.isRetryable == (r[5] == \"1\"), \"retryable \" + r[0])"
            );
            if p.integers() {
                let unknown = if p.wide() { "-1234567L" } else { "-1234567" };
                let _ = writeln!(
                    main,
                    "        ok({t}.parse(text(r[0])) == e, \"parse \" + r[0])\n        \
                     ok(r[6] == \"\" || {t}.parse(text(r[6])) == e, \"parse padded \" + r[0])\n    }}\n    \
                     ok({t}.fromCode({unknown}) == null, \"unknown\")\n    \
                     ok({t}.parse(\"nope\") == null && {t}.parse(\"\") == null, \"parse nope\")"
                );
            } else {
                let _ = writeln!(
                    main,
                    "    }}\n    ok({t}.fromCode(\"nope\") == null, \"nope\")"
                );
            }
            let _ = writeln!(main, "    ok({t}.values().size == rows.size, \"count\")");
            for (code, _) in &p.arms {
                let c = kotlin_code(p, code);
                let _ = writeln!(
                    main,
                    "    ok({t}Arms.arms({c}) == {t}.fromCode({c}) && {t}Arms.arms({c}) != null, \"{m} arm \" + {c})"
                );
            }
            for (code, _) in &p.subset_arms {
                let c = kotlin_code(p, code);
                let _ = writeln!(
                    main,
                    "    ok({sub}.Arms.arms({c}) == {sub}.{t}.fromCode({c}) && {sub}.Arms.arms({c}) != null, \"{sub} arm \" + {c})"
                );
            }
            let _ = writeln!(
                main,
                "    ok({sub}.{t}.values().size == {}, \"count {sub}\")\n}}",
                p.subset_arms.len()
            );
        }
        vec![write(dir, "Main.kt", &main)]
    }

    fn build_and_run(&self, dir: &Path, files: &[PathBuf]) -> String {
        kotlinc(dir, ".", files);
        run_jar(dir, "out.jar")
    }
}

#[test]
fn kotlin_enums_compile_and_look_codes_up() {
    check_enums(&Kotlin);
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

#[test]
fn several_vendors_in_one_kotlin_file_compile() {
    let m = one_file(Lang::Kotlin);
    let dir = workdir();
    let file = write(dir.path(), "Errors.kt", &m.text);
    kotlinc(dir.path(), GSON_JAR, &[file]);
}
