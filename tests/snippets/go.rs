//! Go: every package gofmt-clean and go vet-clean, every arm spliced into a switch of its
//! package, then a program that looks every code up; the body types of every shipped vendor
//! vetted the same way and run on the sample bodies with encoding/json.

use crate::*;

fn go(dir: &Path, args: &[&str]) -> Command {
    let mut c = Command::new("go");
    c.current_dir(dir)
        .args(args)
        .env("GOFLAGS", "-mod=mod")
        .env("GOPROXY", "off")
        .env("GOTOOLCHAIN", "local")
        .env("GO111MODULE", "on");
    c
}

/// gofmt finds nothing to change in `packages`, go vet nothing to report; then `go run .`
/// prints what it prints.
fn vet_and_run(dir: &Path, packages: &[String]) -> String {
    check(
        Command::new("gofmt")
            .current_dir(dir)
            .arg("-l")
            .args(packages),
        GO,
        "gofmt -l (files gofmt would change)",
        true,
    );
    check(&mut go(dir, &["vet", "./..."]), GO, "go vet", true);
    check(&mut go(dir, &["run", "."]), GO, "the Go program", false)
}

/// The code as Go writes it in a call: an integer constant, or a string from its code points.
fn code_expr(u: &Unit, code: &str) -> String {
    if u.integer_codes() {
        code.parse::<i64>().unwrap().to_string()
    } else {
        format!("s({})", cps(code))
    }
}

#[test]
fn go_packages_are_gofmt_clean_vet_clean_and_look_codes_up() {
    let units = units();
    let dir = workdir();
    write(dir.path(), "go.mod", "module errdexcheck\n\ngo 1.18\n");
    let mut main = String::from("package main\n\nimport (\n\t\"fmt\"\n\t\"os\"\n\n");
    for u in &units {
        let text = enumeration(Lang::Go, &u.vendor, &u.refs());
        let package = u.go_package();
        assert!(
            text.contains(&format!("\npackage {package}\n")),
            "package {package}"
        );
        write(dir.path(), &format!("{package}/{package}.go"), &text);
        let _ = writeln!(main, "\t\"errdexcheck/{package}\"");
        // Every arm, as the CLI writes it for one code of the vendor, spliced into a switch of
        // its own in the package.
        let t = u.type_name();
        let (param, zero) = if u.integer_codes() {
            let wide = text.contains(&format!("type {t} int64"));
            (if wide { "int64" } else { "int" }, "0")
        } else {
            ("string", "\"\"")
        };
        let vendor = Snippets::new(Lang::Go, &u.vendor, &u.refs());
        let mut arms = format!("package {package}\n");
        for (i, e) in u.entries.iter().enumerate() {
            let a = vendor.arm(&u.refs(), &e.code);
            let head = if u.integer_codes() {
                format!("case {}:", e.code.parse::<i64>().unwrap())
            } else {
                "case \"".to_string()
            };
            assert!(a.starts_with(&head) && a.lines().count() == 2, "{a}");
            let _ = writeln!(
                arms,
                "\n// Arm{i} holds the arm of one code.\nfunc Arm{i}(code {param}) ({t}, bool) {{\n\t\
                 switch code {{\n{}\n\t}}\n\treturn {zero}, false\n}}",
                a.lines()
                    .map(|l| format!("\t{l}"))
                    .collect::<Vec<_>>()
                    .join("\n")
            );
        }
        write(dir.path(), &format!("{package}/arms.go"), &arms);
    }
    main.push_str(
        ")\n\nfunc s(cps ...rune) string { return string(cps) }\n\n\
         func check(ok bool, what string) {\n\tif !ok {\n\t\tfmt.Println(\"failed:\", what)\n\t\tos.Exit(1)\n\t}\n}\n\n\
         func main() {\n",
    );
    // One function per 50 checks: the compiler slows down badly on one huge function.
    let mut parts: Vec<String> = Vec::new();
    for u in &units {
        let p = u.go_package();
        let t = u.type_name();
        let expected = u.expected().into_iter().zip(u.kinds()).enumerate();
        for (n, ((code, message, status), (_, kind, retryable))) in expected {
            let mut part = String::new();
            let c = code_expr(u, &code);
            // What `Error()` starts with: the code as the API sends it, a number in its
            // canonical form.
            let text = match code.parse::<i64>() {
                Ok(i) if u.integer_codes() => i.to_string(),
                _ => code.clone(),
            };
            let _ = writeln!(
                part,
                "\t{{\n\t\te, ok := {p}.FromCode({c})\n\t\tcheck(ok, \"{p} code {n}\")\n\
                 \t\tcheck(e.Code() == {c}, \"code\")\n\
                 \t\tcheck(e.Message() == s({m}), \"message \" + e.Message())\n\
                 \t\tcheck(e.HTTPStatus() == {status}, \"status\")\n\
                 \t\tcheck(e.Kind() == s({k}), \"kind \" + e.Kind())\n\
                 \t\tcheck(e.IsRetryable() == {retryable}, \"retryable\")\n\
                 \t\tvar err error = e\n\t\tcheck(err.Error() == s({text})+\": \"+e.Message(), \"Error\")\n\
                 \t\tcheck(e == {p}.{t}({c}), \"value\")\n\t}}",
                m = cps(&message),
                k = cps(kind.as_deref().unwrap_or("")),
                text = cps(&text),
                status = status.unwrap_or(0),
            );
            if u.integer_codes() {
                let _ = writeln!(
                    part,
                    "\tif e, ok := {p}.Parse(s({})); !ok || e.Code() != {c} {{\n\t\tcheck(false, \"Parse {c}\")\n\t}}",
                    cps(&code)
                );
                if !code.starts_with('-') {
                    let _ = writeln!(
                        part,
                        "\tif e, ok := {p}.Parse(\"00{code}\"); !ok || e.Code() != {c} {{\n\t\tcheck(false, \"Parse 00{code}\")\n\t}}"
                    );
                }
            }
            parts.push(part);
        }
        let mut part = String::new();
        let nope = if u.integer_codes() {
            let _ = writeln!(
                part,
                "\tif _, ok := {p}.Parse(\"nope\"); ok {{\n\t\tcheck(false, \"Parse nope\")\n\t}}\n\
                 \tif _, ok := {p}.Parse(\"\"); ok {{\n\t\tcheck(false, \"Parse empty\")\n\t}}"
            );
            "-1234567"
        } else {
            "\"nope\""
        };
        let _ = writeln!(
            part,
            "\tif _, ok := {p}.FromCode({nope}); ok {{\n\t\tcheck(false, \"nope\")\n\t}}"
        );
        for (i, e) in u.entries.iter().enumerate() {
            let c = code_expr(u, &e.code);
            let _ = writeln!(
                part,
                "\t{{\n\t\ta, ok := {p}.Arm{i}({c})\n\t\tb, _ := {p}.FromCode({c})\n\t\tcheck(ok && a == b, \"arm {i}\")\n\t}}"
            );
        }
        parts.push(part);
    }
    let chunks: Vec<String> = parts.chunks(50).map(|c| c.concat()).collect();
    for i in 0..chunks.len() {
        let _ = writeln!(main, "\tchecks{i}()");
    }
    main.push_str("\tfmt.Println(\"ok\")\n}\n");
    for (i, c) in chunks.iter().enumerate() {
        let _ = write!(main, "\nfunc checks{i}() {{\n{c}}}\n");
    }
    write(dir.path(), "main.go", &main);
    let packages: Vec<String> = units.iter().map(|u| u.go_package()).collect();
    let out = vet_and_run(dir.path(), &packages);
    assert_eq!(out.trim(), "ok");
}

/// The body types of every shipped vendor, as `errdex snippet VENDOR --envelope --lang go`
/// prints them, and the synthetic vendors' with hostile keys, vetted; then a program
/// unmarshals each sample body with encoding/json, maps its code with `Err()` and prints the
/// messages.
#[test]
fn go_body_types_parse_the_sample_bodies() {
    let dir = workdir();
    write(dir.path(), "go.mod", "module errdexbodies\n\ngo 1.18\n");
    let samples = samples();
    let mut imports = String::new();
    let mut body = String::new();
    let mut expected = String::new();
    let mut packages = Vec::new();
    // Hostile keys: vetted with the rest, never run.
    for (t, text) in hostile_bodies(Lang::Go) {
        let package = t.trim_end_matches("Error").to_lowercase();
        assert!(text.contains(&format!("type {t}Body struct")), "{text}");
        write(dir.path(), &format!("{package}/{package}.go"), &text);
        packages.push(package);
    }
    for s in &samples {
        let out = errdex(&["snippet", &s.vendor, "--envelope", "--lang", "go"]);
        let package = s.vendor.replace('-', "");
        assert!(out.contains(&format!("\npackage {package}\n")), "{out}");
        write(dir.path(), &format!("{package}/{package}.go"), &out);
        write(dir.path(), &format!("{}.json", s.vendor), &s.body);
        packages.push(package.clone());
        let _ = writeln!(imports, "\t\"errdexbodies/{package}\"");
        let t = body_type(&s.vendor);
        let _ = writeln!(
            body,
            "\t{{\n\t\tvar b {package}.{t}Body\n\t\tread({:?}, &b)\n\t\te, ok := b.Err()\n\
             \t\tcheck(ok, \"the sample's code is in the enum\")\n\t\tfmt.Println(e.Code(), e.Message())",
            format!("{}.json", s.vendor)
        );
        if s.vendor == "guo-guo" {
            body.push_str(
                "\t\tfor _, item := range b.ValidationFailedResponses {\n\t\t\te, ok := item.Err()\n\
                 \t\t\tcheck(ok, \"the item's code is in the enum\")\n\t\t\tfmt.Println(\" \", e.Code(), e.Message())\n\t\t}\n",
            );
        } else {
            body.push_str("\t\tcheck(b.IsError(), \"IsError\")\n");
        }
        body.push_str("\t}\n");
        expected.push_str(&sample_output(s));
    }
    let main = format!(
        "package main\n\nimport (\n\t\"encoding/json\"\n\t\"fmt\"\n\t\"os\"\n\n{imports})\n\n\
         func check(ok bool, what string) {{\n\tif !ok {{\n\t\tfmt.Println(\"failed:\", what)\n\t\tos.Exit(1)\n\t}}\n}}\n\n\
         func read(path string, into any) {{\n\tdata, err := os.ReadFile(path)\n\tcheck(err == nil, path)\n\
         \tcheck(json.Unmarshal(data, into) == nil, \"unmarshal \"+path)\n}}\n\n\
         func main() {{\n{body}}}\n"
    );
    write(dir.path(), "main.go", &main);
    let out = vet_and_run(dir.path(), &packages);
    assert_eq!(out, expected);
}
