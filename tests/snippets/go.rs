//! Go: every package gofmt-clean and go vet-clean, every arm spliced into a switch of its
//! package, then a program that looks every code up; the body types of every shipped vendor
//! vetted the same way and run on the sample bodies with encoding/json.

use crate::module::one_file;
use crate::plan::{Codes, Harness, Planned, check_enums, number};
use crate::*;

/// What to install when the tool is missing.
const GO: &str = "Go (Debian package golang-go)";

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

/// Go's templates: each unit a package (the sample's a package of its own), the sampled arms
/// in functions beside the enum in its package, and a program that checks every unit.
struct Go;

/// A code as the Go program writes it in a call: an integer constant, or a string from its
/// code points.
fn go_code(p: &Planned, code: &str) -> String {
    match number(code) {
        Some(n) if p.integers() => n.to_string(),
        _ => format!("text(\"{}\")", cps(code).replace(' ', "")),
    }
}

fn go_param(p: &Planned) -> &'static str {
    match p.codes {
        Codes::Int { wide: true, .. } => "int64",
        Codes::Int { .. } => "int",
        Codes::Str => "string",
    }
}

/// A function per arm (`Arm0`, `Arm1`, …) in `package`, each the arm alone in a `switch`.
fn go_arms(p: &Planned, arms: &[(String, String)], package: &str) -> String {
    let t = p.type_name();
    let zero = if p.integers() { "0" } else { "\"\"" };
    let mut out = format!("package {package}\n");
    for (i, (_, a)) in arms.iter().enumerate() {
        assert!(a.starts_with("case ") && a.lines().count() == 2, "{a}");
        let _ = writeln!(
            out,
            "\n// Arm{i} holds the arm of one code.\nfunc Arm{i}(code {}) ({t}, bool) {{\n\t\
             switch code {{\n{}\n\t}}\n\treturn {zero}, false\n}}",
            go_param(p),
            a.lines()
                .map(|l| format!("\t{l}"))
                .collect::<Vec<_>>()
                .join("\n")
        );
    }
    out
}

impl Harness for Go {
    fn lang(&self) -> Lang {
        Lang::Go
    }

    fn unit_files(&self, dir: &Path, p: &Planned) -> Vec<PathBuf> {
        let package = p.unit.go_package();
        for text in [&p.text, &p.subset] {
            assert!(
                text.contains(&format!("\npackage {package}\n")),
                "package {package}"
            );
        }
        vec![
            write(dir, &format!("{package}/{package}.go"), &p.text),
            write(
                dir,
                &format!("{package}/arms.go"),
                &go_arms(p, &p.arms, &package),
            ),
            write(dir, &format!("{package}subset/{package}.go"), &p.subset),
            write(
                dir,
                &format!("{package}subset/arms.go"),
                &go_arms(p, &p.subset_arms, &package),
            ),
        ]
    }

    fn program(&self, dir: &Path, units: &[Planned]) -> Vec<PathBuf> {
        write(dir, "go.mod", "module errdexcheck\n\ngo 1.18\n");
        let mut main = String::from(
            "package main\n\nimport (\n\t\"fmt\"\n\t\"os\"\n\t\"strconv\"\n\t\"strings\"\n\n",
        );
        for p in units {
            let package = p.unit.go_package();
            let _ = writeln!(
                main,
                "\t\"errdexcheck/{package}\"\n\t{package}subset \"errdexcheck/{package}subset\""
            );
        }
        main.push_str(
            ")\n\n// text makes a string from its code points joined by commas.\nfunc text(cps string) string {\n\t\
             var out []rune\n\tfor _, c := range strings.Split(cps, \",\") {\n\t\tif c == \"\" {\n\t\t\tcontinue\n\t\t}\n\t\t\
             n, err := strconv.Atoi(c)\n\t\tcheck(err == nil, c)\n\t\tout = append(out, rune(n))\n\t}\n\treturn string(out)\n}\n\n\
             func number(s string) int64 {\n\tn, err := strconv.ParseInt(s, 10, 64)\n\tcheck(err == nil || s == \"\", s)\n\treturn n\n}\n\n\
             func rows(stem string) [][]string {\n\tdata, err := os.ReadFile(\"cases/\" + stem + \".tsv\")\n\tcheck(err == nil, stem)\n\t\
             var out [][]string\n\tfor _, line := range strings.Split(strings.TrimSuffix(string(data), \"\\n\"), \"\\n\") {\n\t\t\
             out = append(out, strings.Split(line, \"\\t\"))\n\t}\n\treturn out\n}\n\n\
             func check(ok bool, what string) {\n\tif !ok {\n\t\tfmt.Println(\"failed:\", what)\n\t\tos.Exit(1)\n\t}\n}\n\n\
             func main() {\n",
        );
        for p in units {
            let _ = writeln!(main, "\tcheck{}()", p.unit.go_package());
        }
        main.push_str("\tfmt.Println(\"ok\")\n}\n");
        for p in units {
            let (pk, t) = (p.unit.go_package(), p.type_name());
            let (code, shown) = match p.codes {
                Codes::Int { wide, hex } => (
                    if wide {
                        "number(r[1])"
                    } else {
                        "int(number(r[1]))"
                    },
                    if hex { "text(r[0])" } else { "r[1]" },
                ),
                Codes::Str => ("text(r[0])", "code"),
            };
            let _ = writeln!(
                main,
                "\nfunc check{pk}() {{\n\tfor _, r := range rows(\"{m}\") {{\n\t\tcode := {code}\n\t\t\
                 e, ok := {pk}.FromCode(code)\n\t\tcheck(ok, \"{pk} \"+r[0])\n\t\t\
                 check(e.Code() == code, \"code \"+r[0])\n\t\t\
                 check(e.Message() == text(r[2]), \"message \"+e.Message())\n\t\t\
                 check(int64(e.HTTPStatus()) == number(r[3]), \"status \"+r[0])\n\t\t\
                 check(e.Kind() == text(r[4]), \"kind \"+e.Kind())\n\t\t\
                 check(e.IsRetryable() == (r[5] == \"1\"), \"retryable \"+r[0])\n\t\t\
                 var err error = e\n\t\tcheck(err.Error() == {shown}+\": \"+e.Message(), \"Error \"+err.Error())\n\t\t\
                 check(e == {pk}.{t}(code), \"value \"+r[0])",
                m = p.stem(),
            );
            if p.integers() {
                let _ = writeln!(
                    main,
                    "\t\tif p, ok := {pk}.Parse(text(r[0])); !ok || p != e {{\n\t\t\tcheck(false, \"Parse \"+r[0])\n\t\t}}\n\t\t\
                     if p, ok := {pk}.Parse(text(r[6])); r[6] != \"\" && (!ok || p != e) {{\n\t\t\tcheck(false, \"Parse padded \"+r[0])\n\t\t}}\n\t}}\n\t\
                     if _, ok := {pk}.Parse(\"nope\"); ok {{\n\t\tcheck(false, \"Parse nope\")\n\t}}\n\t\
                     if _, ok := {pk}.Parse(\"\"); ok {{\n\t\tcheck(false, \"Parse empty\")\n\t}}\n\t\
                     if _, ok := {pk}.FromCode(-1234567); ok {{\n\t\tcheck(false, \"unknown\")\n\t}}"
                );
            } else {
                let _ = writeln!(
                    main,
                    "\t}}\n\tif _, ok := {pk}.FromCode(\"nope\"); ok {{\n\t\tcheck(false, \"nope\")\n\t}}"
                );
            }
            for (arms, package) in [
                (&p.arms, pk.clone()),
                (&p.subset_arms, format!("{pk}subset")),
            ] {
                for (i, (code, _)) in arms.iter().enumerate() {
                    let c = go_code(p, code);
                    let _ = writeln!(
                        main,
                        "\t{{\n\t\ta, ok := {package}.Arm{i}({c})\n\t\tb, _ := {package}.FromCode({c})\n\t\t\
                         check(ok && a == b, \"{package} arm {i}\")\n\t}}"
                    );
                }
            }
            main.push_str("}\n");
        }
        vec![write(dir, "main.go", &main)]
    }

    fn build_and_run(&self, dir: &Path, files: &[PathBuf]) -> String {
        // Every package the units were written in: the folders of their files.
        let mut packages: Vec<String> = files
            .iter()
            .filter_map(|f| f.strip_prefix(dir).ok()?.parent()?.to_str())
            .filter(|p| !p.is_empty())
            .map(String::from)
            .collect();
        packages.dedup();
        vet_and_run(dir, &packages)
    }
}

#[test]
fn go_packages_are_gofmt_clean_vet_clean_and_look_codes_up() {
    check_enums(&Go);
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

#[test]
fn several_vendors_in_one_go_file_are_gofmt_and_vet_clean() {
    let m = one_file(Lang::Go);
    assert_eq!(m.text.matches("\npackage ").count(), 1, "one package line");
    let dir = workdir();
    write(dir.path(), "go.mod", "module errdexcheck\n\ngo 1.18\n");
    write(dir.path(), "errcodes/errcodes.go", &m.text);
    check(
        Command::new("gofmt")
            .current_dir(dir.path())
            .args(["-l", "errcodes"]),
        GO,
        "gofmt -l (several vendors in one file)",
        true,
    );
    check(
        Command::new("go")
            .current_dir(dir.path())
            .args(["vet", "./..."])
            .env("GOFLAGS", "-mod=mod")
            .env("GOPROXY", "off")
            .env("GOTOOLCHAIN", "local"),
        GO,
        "go vet (several vendors in one file)",
        true,
    );
}
