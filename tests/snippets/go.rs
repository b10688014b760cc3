//! Go: every package gofmt-clean and go vet-clean, then run.

use crate::*;

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
        for e in &u.entries {
            let a = arm(Lang::Go, &u.vendor, &[e], &e.code);
            assert!(a.starts_with("case \"") && a.lines().count() == 2, "{a}");
        }
    }
    main.push_str(
        ")\n\nfunc s(cps ...rune) string { return string(cps) }\n\n\
         func check(ok bool, what string) {\n\tif !ok {\n\t\tfmt.Println(\"failed:\", what)\n\t\tos.Exit(1)\n\t}\n}\n\n\
         func main() {\n",
    );
    for u in &units {
        let p = u.go_package();
        let t = u.type_name();
        for (code, message, status) in u.expected() {
            let _ = writeln!(
                main,
                "\t{{\n\t\te, ok := {p}.FromCode(s({c}))\n\t\tcheck(ok, \"{p} \" + s({c}))\n\
                 \t\tcheck(e.Code() == s({c}), \"code\")\n\
                 \t\tcheck(e.Message() == s({m}), \"message \" + e.Message())\n\
                 \t\tcheck(e.HTTPStatus() == {status}, \"status\")\n\
                 \t\tvar err error = e\n\t\tcheck(err.Error() == e.Code()+\": \"+e.Message(), \"Error\")\n\
                 \t\tcheck(e == {p}.{t}(s({c})), \"value\")\n\t}}",
                c = cps(&code),
                m = cps(&message),
                status = status.unwrap_or(0),
            );
        }
        let _ = writeln!(
            main,
            "\tif _, ok := {p}.FromCode(\"nope\"); ok {{\n\t\tcheck(false, \"nope\")\n\t}}"
        );
    }
    main.push_str("\tfmt.Println(\"ok\")\n}\n");
    write(dir.path(), "main.go", &main);

    let go = |args: &[&str]| {
        let mut c = Command::new("go");
        c.current_dir(dir.path())
            .args(args)
            .env("GOFLAGS", "-mod=mod")
            .env("GOPROXY", "off")
            .env("GOTOOLCHAIN", "local")
            .env("GO111MODULE", "on");
        c
    };
    check(
        Command::new("gofmt")
            .current_dir(dir.path())
            .arg("-l")
            .args(units.iter().map(|u| u.go_package())),
        GO,
        "gofmt -l (files gofmt would change)",
        true,
    );
    check(&mut go(&["vet", "./..."]), GO, "go vet", true);
    let out = check(&mut go(&["run", "."]), GO, "Go lookup checks", false);
    assert_eq!(out.trim(), "ok");
}
