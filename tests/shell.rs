//! errdex as a shell citizen, through the real binary: results alone on stdout, streams that
//! are full or closed, usage errors, completions and the man page, the config file.

#[path = "support/special_files.rs"]
mod special_files;

use assert_cmd::Command;
use std::fs::File;
use std::process::{Output, Stdio};

/// The binary, seeing only the embedded catalogs and no config file of the machine.
fn errdex() -> Command {
    let mut cmd = Command::cargo_bin("errdex").unwrap();
    cmd.env("XDG_CONFIG_HOME", "/nonexistent-errdex-test")
        .env_remove("ERRDEX_CONFIG");
    cmd
}

/// The same as a plain `std::process::Command`, for redirecting its streams.
fn errdex_std() -> std::process::Command {
    let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("errdex"));
    cmd.env("XDG_CONFIG_HOME", "/nonexistent-errdex-test")
        .env_remove("ERRDEX_CONFIG")
        .stdin(Stdio::null());
    cmd
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn full() -> File {
    File::options().write(true).open("/dev/full").unwrap()
}

#[test]
fn nothing_found_is_said_on_stderr_with_stdout_empty_in_every_command() {
    for args in [
        &["search", "zzqqxxvv"][..],
        &["show", "pixnet", "999999"],
        &["snippet", "pixnet", "999999"],
        &["decode", "-"],
    ] {
        let out = errdex().args(args).write_stdin("").output().unwrap();
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert!(out.stdout.is_empty(), "{args:?}: {}", text(&out.stdout));
        let said = text(&out.stderr);
        assert_eq!(said.lines().count(), 1, "{args:?}: {said}");
        assert!(said.starts_with("errdex: "), "{args:?}: {said}");
    }
}

#[test]
fn a_full_stdout_is_exit_2_with_a_message() {
    for args in [
        &["show", "pixnet", "1302"][..],
        &["show", "pixnet", "1302", "--json"],
        &["vendors"],
        &["search", "rate", "limit"],
        &["snippet", "http", "--enum"],
        &["--help"],
        &["--version"],
        &["search", "--help"],
    ] {
        let out = errdex_std().args(args).stdout(full()).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let said = text(&out.stderr);
        assert!(said.contains("No space left on device"), "{args:?}: {said}");
    }
}

#[test]
fn a_full_stderr_never_panics_and_keeps_stdout() {
    // Nothing to say on stderr: the result is written, exit 0.
    let out = errdex_std()
        .args(["show", "pixnet", "1302"])
        .stderr(full())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(text(&out.stdout).contains("Exceed Anonymous Rate Limit"));
    // A message that cannot be written: exit 2, not a panic's 101.
    for args in [
        &["show", "pixnet", "999999"][..],
        &["search", "zzqqxxvv"],
        &["show", "nosuchvendor", "1"],
        &["serch", "zzqqxxvv"],
    ] {
        // (`serch` is searched for, with a note that `search` is the command: the note is the
        // message that cannot be written.)
        let out = errdex_std().args(args).stderr(full()).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        // A search's results still go to stdout; the others print nothing there.
        assert!(args[0] == "serch" || out.stdout.is_empty(), "{args:?}");
    }
}

#[test]
fn closed_streams_never_panic() {
    let run = |redirect: &str, args: &str| -> Output {
        std::process::Command::new("sh")
            .arg("-c")
            .arg(format!("\"$0\" {args} {redirect}"))
            .arg(assert_cmd::cargo::cargo_bin("errdex"))
            .env("XDG_CONFIG_HOME", "/nonexistent-errdex-test")
            .output()
            .unwrap()
    };
    for args in ["show pixnet 1302", "show pixnet 999999", "serch", "--help"] {
        for redirect in [">&-", "2>&-", ">&- 2>&-"] {
            let out = run(redirect, args);
            let code = out.status.code();
            assert!(
                matches!(code, Some(0..=2)),
                "{args} {redirect}: {code:?} {}",
                text(&out.stderr)
            );
        }
    }
}

#[test]
fn usage_errors_keep_clap_s_whole_message() {
    let out = errdex().args(["snippet"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let err = text(&out.stderr);
    assert!(
        err.starts_with("error: the following required arguments were not provided:"),
        "{err}"
    );
    assert!(err.contains("<VENDOR>"), "{err}");
    assert!(err.contains("Usage: errdex snippet"), "{err}");

    let err = text(
        &errdex()
            .args(["search", "--limt", "3", "x"])
            .output()
            .unwrap()
            .stderr,
    );
    assert!(
        err.contains("a similar argument exists: '--limit'"),
        "{err}"
    );
    assert!(err.contains("Usage: errdex search"), "{err}");

    // Arguments quoted back are shown, not obeyed.
    let out = errdex()
        .args(["show", "pixnet", "1", "x\u{7}\u{9b}2J"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(err.contains("unexpected argument"), "{err}");
    assert!(!err.contains(['\u{7}', '\u{9b}']), "{err:?}");
}

#[test]
fn every_argument_has_a_help_line() {
    fn walk(cmd: &clap::Command, path: &str, missing: &mut Vec<String>) {
        for a in cmd.get_arguments() {
            if a.get_help().is_none() && !a.is_hide_set() {
                missing.push(format!("{path} {}", a.get_id()));
            }
        }
        for sc in cmd.get_subcommands() {
            walk(sc, &format!("{path} {}", sc.get_name()), missing);
        }
    }
    let mut cmd = errdex::cli::command();
    cmd.build();
    let mut missing = Vec::new();
    walk(&cmd, "errdex", &mut missing);
    assert!(missing.is_empty(), "no help line: {missing:?}");
    // And as the binary prints it.
    let help = text(&errdex().args(["show", "--help"]).output().unwrap().stdout);
    for line in [
        "Vendor id, name or alias",
        "The error code",
        "--json",
        "Print the entry as",
    ] {
        assert!(help.contains(line), "{line}: {help}");
    }
}

#[test]
fn global_options_are_described_once() {
    let top = text(&errdex().arg("--help").output().unwrap().stdout);
    assert_eq!(
        top.matches("Also load this catalog file").count(),
        1,
        "{top}"
    );
    for args in [
        &["show", "--help"][..],
        &["search", "-h"],
        &["catalog", "check", "--help"],
        &["annotate", "--help"],
    ] {
        let out = errdex().args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        let help = text(&out.stdout);
        assert!(
            !help.contains("Also load this catalog file"),
            "{args:?}: {help}"
        );
        assert!(
            help.contains("Global options: --config, --catalog, --no-user-catalogs, --clipboard"),
            "{args:?}: {help}"
        );
    }
    // They still work after the subcommand.
    let out = errdex()
        .args(["vendors", "--no-user-catalogs", "--clipboard", "osc52"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
}

/// Runs `shell` with `args` and the folder of the errdex binary first on `PATH` (completion
/// scripts call `errdex`), under the config folder `config`.
fn in_shell(shell: &str, args: &[&str], config: &std::path::Path) -> Output {
    let bin = assert_cmd::cargo::cargo_bin("errdex");
    let path = format!(
        "{}:{}",
        bin.parent().unwrap().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    std::process::Command::new(shell)
        .args(args)
        .env("PATH", path)
        .env("XDG_CONFIG_HOME", config)
        .env("HOME", config)
        .env_remove("ERRDEX_CONFIG")
        .stdin(Stdio::null())
        .output()
        .unwrap_or_else(|e| panic!("{shell} (scripts/test.sh installs it): {e}"))
}

#[test]
fn completion_scripts_for_every_shell_are_accepted() {
    let dir = tempfile::tempdir().unwrap();
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        for fixed in [false, true] {
            let mut cmd = errdex();
            cmd.args(["completions", shell]);
            if fixed {
                cmd.arg("--static");
            }
            let out = cmd.output().unwrap();
            assert_eq!(out.status.code(), Some(0), "{shell} {fixed}");
            let script = text(&out.stdout);
            assert!(script.contains("errdex"), "{shell}: {script}");
            if !fixed {
                assert!(script.contains("ERRDEX_COMPLETE"), "{shell}: {script}");
            }
            let file = dir.path().join(format!("errdex.{shell}.{fixed}"));
            std::fs::write(&file, &out.stdout).unwrap();
            let file = file.to_str().unwrap();
            let check = match shell {
                "bash" => in_shell("bash", &["-n", file], dir.path()),
                "zsh" => in_shell("zsh", &["-n", file], dir.path()),
                "fish" => in_shell("fish", &["--no-execute", file], dir.path()),
                _ => continue,
            };
            assert!(
                check.status.success() && check.stderr.is_empty(),
                "{shell} --static={fixed}: {}",
                text(&check.stderr)
            );
        }
    }
}

#[test]
fn vendor_ids_complete_from_the_catalogs_there_are() {
    // A user catalog's vendor completes as the embedded ones do.
    let config = tempfile::tempdir().unwrap();
    let catalogs = config.path().join("errdex/catalogs");
    std::fs::create_dir_all(&catalogs).unwrap();
    let http = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/catalogs/http.json"))
        .unwrap();
    let mut acme: serde_json::Value = serde_json::from_str(&http).unwrap();
    acme["vendor"]["id"] = "acmewidgets".into();
    acme["vendor"]["name"] = "Acme Widgets".into();
    std::fs::write(catalogs.join("acme.json"), acme.to_string()).unwrap();

    let bash = in_shell(
        "bash",
        &[
            "-c",
            r#"source <(errdex completions bash)
               for line in "errdex show pi" "errdex snippet acme" "errdex --vendor g" "errdex sh"; do
                 read -ra COMP_WORDS <<< "$line"; COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); COMP_TYPE=9
                 _clap_complete_errdex errdex "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
                 echo "$line => ${COMPREPLY[*]}"
               done"#,
        ],
        config.path(),
    );
    let said = text(&bash.stdout);
    assert!(bash.status.success(), "{said} {}", text(&bash.stderr));
    for expect in [
        "errdex show pi => pixnet",
        "errdex snippet acme => acmewidgets",
        "errdex --vendor g => guo-guo grpc gcp",
        "errdex sh => show",
    ] {
        assert!(said.lines().any(|l| l == expect), "{expect}: {said}");
    }

    let fish = in_shell(
        "fish",
        &[
            "-c",
            "errdex completions fish | source; complete -C 'errdex show acm'; complete -C 'errdex catalog diff pix'",
        ],
        config.path(),
    );
    let said = text(&fish.stdout);
    assert!(
        said.contains("acmewidgets\tAcme Widgets"),
        "{said} {}",
        text(&fish.stderr)
    );
    assert!(said.contains("pixnet\tPIXNET"), "{said}");
}

#[test]
fn the_man_pages_render_without_warnings() {
    let dir = tempfile::tempdir().unwrap();
    let pages = dir.path().join("man");
    std::fs::create_dir(&pages).unwrap();
    errdex()
        .args(["man", "--out-dir"])
        .arg(&pages)
        .assert()
        .code(0);
    let page = |name: &str| pages.join(name).to_str().unwrap().to_string();
    assert!(std::path::Path::new(&page("errdex-catalog-check.1")).exists());
    let main = errdex().arg("man").output().unwrap();
    assert_eq!(main.status.code(), Some(0));
    assert_eq!(main.stdout, std::fs::read(page("errdex.1")).unwrap());
    let show = errdex().args(["man", "show"]).output().unwrap();
    assert_eq!(show.stdout, std::fs::read(page("errdex-show.1")).unwrap());

    for (name, expect) in [
        (
            "errdex.1",
            &[
                "errdex-show(1)",
                "Exit status: 0 found",
                "--no-user-catalogs",
            ][..],
        ),
        (
            "errdex-show.1",
            &["[CODE]", "Vendor id, name or alias", "Global options:"],
        ),
        ("errdex-catalog-check.1", &["file:line:col"]),
    ] {
        let out = std::process::Command::new("man")
            .args(["--warnings", "-l"])
            .arg(page(name))
            .env("MANWIDTH", "80")
            .env("MAN_KEEP_FORMATTING", "")
            .output()
            .expect("man (scripts/test.sh installs man-db)");
        assert!(out.status.success(), "{name}");
        assert!(out.stderr.is_empty(), "{name}: {}", text(&out.stderr));
        // As words: man justifies lines with extra spaces.
        let shown = text(&out.stdout)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        for e in expect {
            assert!(shown.contains(e), "{name}: {e} in {shown}");
        }
    }
    let out = errdex().args(["man", "nosuch"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("no command `nosuch`"));
}

/// A config folder holding `errdex/config.toml` with `text`.
fn config_home(text: &str) -> tempfile::TempDir {
    let home = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(home.path().join("errdex")).unwrap();
    std::fs::write(home.path().join("errdex/config.toml"), text).unwrap();
    home
}

fn with_home(home: &std::path::Path) -> Command {
    let mut cmd = errdex();
    cmd.env("XDG_CONFIG_HOME", home);
    cmd
}

/// A catalog of vendor `id` (the HTTP statuses under another name) at `path`.
fn write_catalog(path: &std::path::Path, id: &str) {
    let http = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/catalogs/http.json"))
        .unwrap();
    let mut c: serde_json::Value = serde_json::from_str(&http).unwrap();
    c["vendor"]["id"] = id.into();
    c["vendor"]["name"] = format!("Vendor {id}").into();
    std::fs::write(path, c.to_string()).unwrap();
}

#[test]
fn a_config_file_with_every_setting_is_honoured_and_reported() {
    let home = config_home(
        "# mine\nsnippet_lang = \"python\"\ntheme = \"light\"\nmouse = false\n\
         clipboard = \"osc52\"\ncatalogs = [\"extra\"]\n",
    );
    std::fs::create_dir(home.path().join("errdex/extra")).unwrap();
    write_catalog(&home.path().join("errdex/extra/acme.json"), "acme");
    let file = home.path().join("errdex/config.toml");

    let out = with_home(home.path()).arg("config").output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(out.stderr.is_empty(), "{}", text(&out.stderr));
    let shown = text(&out.stdout);
    assert!(
        shown.contains(&format!("# config file: {} (read)", file.display())),
        "{shown}"
    );
    let extra = home.path().join("errdex/extra");
    for (line, origin) in [
        ("lang = \"python\"".to_string(), "# config file, line 2"),
        ("theme = \"light\"".to_string(), "# config file, line 3"),
        ("mouse = false".to_string(), "# config file, line 4"),
        ("clipboard = \"osc52\"".to_string(), "# config file, line 5"),
        (
            format!("catalogs = [\"{}\"]", extra.display()),
            "# config file, line 6",
        ),
    ] {
        let row = shown
            .lines()
            .find(|l| l.starts_with(&line))
            .unwrap_or_else(|| panic!("{line}: {shown}"));
        assert!(row.ends_with(origin), "{row}");
    }

    // Honoured: the snippet language, and the extra catalogs.
    let out = with_home(home.path())
        .args(["snippet", "http", "404"])
        .output()
        .unwrap();
    let arm = text(&out.stdout);
    assert!(
        arm.contains("return HttpError.NOT_FOUND  # Not Found"),
        "Python: {arm}"
    );
    let vendors = text(
        &with_home(home.path())
            .arg("vendors")
            .output()
            .unwrap()
            .stdout,
    );
    assert!(vendors.contains("acme"), "{vendors}");

    // Flags win, and say so.
    let out = with_home(home.path())
        .args([
            "--theme",
            "dark",
            "--mouse",
            "--clipboard",
            "system",
            "config",
        ])
        .output()
        .unwrap();
    let shown = text(&out.stdout);
    for (line, origin) in [
        ("theme = \"dark\"", "# flag --theme"),
        ("mouse = true", "# flag --mouse"),
        ("clipboard = \"system\"", "# flag --clipboard"),
        ("lang = \"python\"", "# config file, line 2"),
    ] {
        let row = shown.lines().find(|l| l.starts_with(line)).unwrap();
        assert!(row.ends_with(origin), "{row}");
    }
    let out = with_home(home.path())
        .args(["snippet", "http", "404", "--lang", "rust"])
        .output()
        .unwrap();
    assert!(text(&out.stdout).contains("=>"), "{}", text(&out.stdout));
}

#[test]
fn a_broken_config_is_one_warning_at_its_place_and_the_defaults() {
    for (content, place, what) in [
        (
            "mouse = false\ntheme = \"light\n",
            ":2:",
            "the config file is not used",
        ),
        (
            "mouse = false\ncolour = \"red\"\n",
            ":2:1:",
            "unknown setting `colour`",
        ),
        ("theme = \"purple\"\n", ":1:9:", "unknown value `purple`"),
        (
            "snippet_lang = \"cobol\"\n",
            ":1:16:",
            "unknown value `cobol`",
        ),
        ("mouse = \"yes\"\n", ":1:9:", "expected true or false"),
        ("catalogs = \"/x\"\n", ":1:12:", "expected a list of paths"),
    ] {
        let home = config_home(content);
        let file = home.path().join("errdex/config.toml");
        let out = with_home(home.path())
            .args(["show", "pixnet", "1302"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{content}");
        assert!(text(&out.stdout).contains("Exceed Anonymous Rate Limit"));
        let said = text(&out.stderr);
        assert_eq!(said.lines().count(), 1, "{content}: {said}");
        let expect = format!("errdex: warning: {}{place}", file.display());
        assert!(said.starts_with(&expect), "{content}: {said}");
        assert!(said.contains(what), "{content}: {said}");
    }
    // The broken setting keeps its default; the others still apply.
    let home = config_home("mouse = false\ntheme = \"purple\"\n");
    let shown = text(
        &with_home(home.path())
            .arg("config")
            .output()
            .unwrap()
            .stdout,
    );
    assert!(shown.contains("theme = \"auto\"  "), "{shown}");
    assert!(
        shown
            .lines()
            .any(|l| l.starts_with("theme") && l.ends_with("# default"))
    );
    assert!(shown.lines().any(|l| l.starts_with("mouse = false")));
}

#[test]
fn config_init_writes_a_commented_file_once() {
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("errdex/config.toml");
    let out = with_home(home.path())
        .args(["config", "--init"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let written = std::fs::read_to_string(&file).unwrap();
    for key in [
        "# lang = ",
        "# theme = ",
        "# mouse = ",
        "# clipboard = ",
        "# catalogs = ",
    ] {
        assert!(written.contains(key), "{key}: {written}");
    }
    // It reads back as the defaults, without a warning.
    let out = with_home(home.path()).arg("config").output().unwrap();
    assert!(out.stderr.is_empty(), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout).matches("# default").count(), 5);
    // Never over an existing file.
    std::fs::write(&file, "mouse = false\n").unwrap();
    let out = with_home(home.path())
        .args(["config", "--init"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("already exists"),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "mouse = false\n");
}

/// A config file that is there but cannot be used (a folder, a FIFO, a link to a device or to
/// nothing) is named with what it is, never reported as "not there", and never read.
#[test]
fn a_config_file_there_but_unusable_says_what_it_is() {
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("errdex/config.toml");
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    for (kind, why) in [
        ("folder", "it is a folder"),
        ("fifo", "it is a FIFO"),
        ("zero", "it is a device"),
        ("dangling", "it is a symbolic link that leads to no file"),
    ] {
        let _ = std::fs::remove_file(&file);
        let _ = std::fs::remove_dir(&file);
        match kind {
            "folder" => std::fs::create_dir(&file).unwrap(),
            "fifo" => special_files::mkfifo(&file),
            "zero" => std::os::unix::fs::symlink("/dev/zero", &file).unwrap(),
            _ => std::os::unix::fs::symlink(home.path().join("nowhere"), &file).unwrap(),
        }
        let mut cmd = with_home(home.path());
        cmd.arg("config")
            .timeout(std::time::Duration::from_secs(20));
        let out = cmd.output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{kind}");
        let said = text(&out.stderr);
        let expect = format!(
            "errdex: warning: {}: cannot read the config file: {why}",
            file.display()
        );
        assert!(said.starts_with(&expect), "{kind}: {said}");
        let shown = text(&out.stdout);
        assert!(shown.contains("(there, but not read"), "{kind}: {shown}");
        assert!(!shown.contains("not there;"), "{kind}: {shown}");
    }
    // `--init` onto the dangling link says so and leaves it.
    let out = with_home(home.path())
        .args(["config", "--init"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("is a symbolic link that leads to no file; it is left as it is"),
        "{}",
        text(&out.stderr)
    );
    assert!(
        std::fs::symlink_metadata(&file)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(!home.path().join("nowhere").exists());
}

#[test]
fn another_config_file_by_flag_or_variable() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("mine.toml");
    std::fs::write(&file, "lang = \"go\"\n").unwrap();
    let by_var = errdex()
        .env("ERRDEX_CONFIG", &file)
        .arg("config")
        .output()
        .unwrap();
    assert!(text(&by_var.stdout).contains("\nlang = \"go\""));
    let other = dir.path().join("other.toml");
    std::fs::write(&other, "snippet_lang = \"java\"\n").unwrap();
    let by_flag = errdex()
        .env("ERRDEX_CONFIG", &file)
        .arg("config")
        .arg("--config")
        .arg(&other)
        .output()
        .unwrap();
    assert!(text(&by_flag.stdout).contains("\nlang = \"java\""));
    // A file asked for by name must be there.
    let out = errdex()
        .args(["--config", "/nonexistent/errdex.toml", "vendors"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(
        text(&out.stderr).contains("/nonexistent/errdex.toml: cannot read the config file"),
        "{}",
        text(&out.stderr)
    );
}

/// `errdex ARGS`, which must end within a few seconds whatever the files are.
fn quick(args: &[&std::ffi::OsStr]) -> Output {
    let mut cmd = errdex();
    cmd.args(args).timeout(std::time::Duration::from_secs(20));
    let out = cmd.output().unwrap();
    assert!(out.status.code().is_some(), "{args:?}: killed: a hang");
    out
}

#[test]
fn hostile_catalog_paths_are_refused_at_once_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let fifo = d.join("fifo.json");
    special_files::mkfifo(&fifo);
    let lp = d.join("loop.json");
    std::os::unix::fs::symlink(d.join("loop2.json"), &lp).unwrap();
    std::os::unix::fs::symlink(&lp, d.join("loop2.json")).unwrap();
    let dangling = d.join("dangling.json");
    std::os::unix::fs::symlink(d.join("nowhere.json"), &dangling).unwrap();
    let big = d.join("big.json");
    File::create(&big).unwrap().set_len((1 << 30) + 1).unwrap();
    for (path, why) in [
        (fifo.as_path(), "is a FIFO, not a regular file"),
        (
            std::path::Path::new("/dev/zero"),
            "is a device, not a regular file",
        ),
        (lp.as_path(), "is a symbolic link loop"),
        (
            dangling.as_path(),
            "is a symbolic link to a file that does not exist",
        ),
        (
            big.as_path(),
            "is 1024 MiB, over the 1024 MiB a catalog may be",
        ),
    ] {
        let out = quick(&["--catalog".as_ref(), path.as_os_str(), "vendors".as_ref()]);
        assert_eq!(out.status.code(), Some(0), "{path:?}");
        assert!(text(&out.stdout).contains("pixnet"), "{path:?}");
        let said = text(&out.stderr);
        assert_eq!(said.lines().count(), 1, "{path:?}: {said}");
        let expect = format!("errdex: warning: {}: {why}", path.display());
        assert!(said.starts_with(&expect), "{path:?}: {said}");
        // `catalog check` names it too, and `catalog import` will not read it.
        let out = quick(&["catalog".as_ref(), "check".as_ref(), path.as_os_str()]);
        assert_eq!(out.status.code(), Some(1), "{path:?}");
        assert!(
            text(&out.stdout).contains(why),
            "{path:?}: {}",
            text(&out.stdout)
        );
        if path != big {
            let out = quick(&[
                "catalog".as_ref(),
                "import".as_ref(),
                path.as_os_str(),
                "--vendor".as_ref(),
                "x".as_ref(),
            ]);
            assert_eq!(out.status.code(), Some(2), "{path:?}");
            assert!(text(&out.stderr).contains(why), "{path:?}");
        }
    }
}

#[test]
fn a_folder_s_skipped_entries_are_listed_in_one_notice() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write_catalog(&d.join("acme.json"), "acme");
    std::fs::write(d.join("README.md"), "notes").unwrap();
    std::fs::write(d.join("schema.json"), "{}").unwrap();
    std::fs::create_dir(d.join("old.json")).unwrap();
    special_files::mkfifo(d.join("pipe.json"));
    let out = quick(&["--catalog".as_ref(), d.as_os_str(), "vendors".as_ref()]);
    assert_eq!(out.status.code(), Some(0));
    assert!(text(&out.stdout).contains("acme"));
    assert_eq!(
        text(&out.stderr),
        format!(
            "errdex: note: {}: skipped 3 entries that are not catalogs: README.md (not *.json), \
             old.json (a folder), pipe.json (a FIFO)\n",
            d.display()
        )
    );
    // `catalog check` checks the catalog and says the same of the rest.
    let out = quick(&["catalog".as_ref(), "check".as_ref(), d.as_os_str()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
    assert_eq!(text(&out.stdout), "1 catalog file OK\n");
    assert!(
        text(&out.stderr).contains("skipped 3 entries"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn an_upper_case_vendor_id_is_a_problem_and_loads_lower_cased() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("dupv.json");
    write_catalog(&file, "DUPV");
    let pretty: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    std::fs::write(&file, serde_json::to_string_pretty(&pretty).unwrap()).unwrap();
    let why = "vendor.id `DUPV` must be lower case; it is loaded as `dupv`";
    let out = quick(&["catalog".as_ref(), "check".as_ref(), file.as_os_str()]);
    assert_eq!(out.status.code(), Some(1));
    let said = text(&out.stdout);
    assert!(said.starts_with(&format!("{}:", file.display())), "{said}");
    assert!(said.contains(why), "{said}");
    let (line, col) = (
        said.split(':').nth(1).unwrap(),
        said.split(':').nth(2).unwrap(),
    );
    let at = std::fs::read_to_string(&file)
        .unwrap()
        .lines()
        .nth(line.parse::<usize>().unwrap() - 1)
        .unwrap()
        .to_string();
    assert!(
        at[col.parse::<usize>().unwrap() - 1..].starts_with("\"id\": \"DUPV\""),
        "{at}"
    );

    for vendor in ["dupv", "DUPV"] {
        let out = quick(&[
            "--catalog".as_ref(),
            file.as_os_str(),
            "show".as_ref(),
            vendor.as_ref(),
            "404".as_ref(),
        ]);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{vendor}: {}",
            text(&out.stderr)
        );
        assert!(text(&out.stdout).contains("(dupv)"));
        assert!(text(&out.stderr).contains(why));
    }
}

#[test]
fn import_onto_a_symlink_writes_its_target_and_keeps_the_mode() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let table = d.join("errors.md");
    std::fs::write(
        &table,
        "| code | message |\n|---|---|\n| E1 | Bad thing |\n",
    )
    .unwrap();
    let real = d.join("real.json");
    std::fs::write(&real, "{}").unwrap();
    std::fs::set_permissions(&real, std::fs::Permissions::from_mode(0o640)).unwrap();
    let link = d.join("link.json");
    std::os::unix::fs::symlink("real.json", &link).unwrap();
    let import = |force: bool| {
        let mut cmd = errdex();
        cmd.args(["catalog", "import"])
            .arg(&table)
            .args(["--vendor", "acme", "-o"])
            .arg(&link);
        if force {
            cmd.arg("--force");
        }
        cmd.output().unwrap()
    };
    let out = import(false);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("already exists"));
    assert_eq!(std::fs::read_to_string(&real).unwrap(), "{}");

    let out = import(true);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(std::fs::read_to_string(&real).unwrap().contains("\"E1\""));
    let mode = std::fs::metadata(&real).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o640);
    let mut names: Vec<_> = std::fs::read_dir(d)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    assert_eq!(
        names,
        ["errors.md", "link.json", "real.json"],
        "no temporary file"
    );

    // A link to nothing is refused, not replaced.
    std::fs::remove_file(&real).unwrap();
    let out = import(true);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("symbolic link that leads to no file"));
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
}

/// [`quick`] with plain strings.
fn quick_words<S: AsRef<str>>(args: &[S]) -> Output {
    let args: Vec<&std::ffi::OsStr> = args.iter().map(|a| a.as_ref().as_ref()).collect();
    quick(&args)
}

#[test]
fn a_query_of_hundreds_of_terms_is_answered_or_refused_with_a_reason() {
    let search = |words: Vec<String>| {
        let mut args = vec!["search".to_string(), "-n".into(), "3".into()];
        args.extend(words);
        quick_words(&args)
    };
    // The same word 250 times is one word.
    let out = search(vec!["tok".to_string(); 250]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(out.stdout, search(vec!["tok".to_string()]).stdout);
    // Hundreds of different words: refused, saying why and what the limit is.
    let out = search((0..300).map(|i| format!("w{i}")).collect());
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    assert_eq!(
        text(&out.stderr),
        "errdex: the query has 300 different words; errdex searches for at most 16 at once \
         (fewer words, or field terms such as code: and vendor:, narrow it as well)\n"
    );
    // So are hundreds of field terms.
    let out = search((0..300).map(|i| format!("code:{i}")).collect());
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("at most 256"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn the_fuzz_script_runs_until_stopped_as_its_docs_say() {
    // fuzz/run.sh in a copy of its folder, with a `cargo` that only prints its arguments.
    let root = tempfile::tempdir().unwrap();
    let fuzz = root.path().join("fuzz");
    std::fs::create_dir_all(fuzz.join("seeds/query")).unwrap();
    std::fs::create_dir_all(root.path().join("bin")).unwrap();
    let src = concat!(env!("CARGO_MANIFEST_DIR"), "/fuzz/run.sh");
    std::fs::copy(src, fuzz.join("run.sh")).unwrap();
    std::fs::write(fuzz.join("seeds/query/a"), "tok").unwrap();
    let cargo = root.path().join("bin/cargo");
    std::fs::write(&cargo, "#!/bin/sh\necho \"$@\"\n").unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&cargo, std::fs::Permissions::from_mode(0o755)).unwrap();
    let run = |runs: Option<&str>| {
        let mut cmd = std::process::Command::new("bash");
        cmd.arg(fuzz.join("run.sh")).arg("query");
        cmd.args(runs);
        let path = format!(
            "{}:{}",
            root.path().join("bin").display(),
            std::env::var("PATH").unwrap_or_default()
        );
        let out = cmd.env("PATH", path).output().unwrap();
        assert!(out.status.success(), "{}", text(&out.stderr));
        text(&out.stdout)
    };
    assert!(run(None).contains(" -runs=10000000 "));
    assert!(run(Some("-1")).contains(" -runs=-1 "));

    // The docs say `-1` runs until stopped, and never that `0` does.
    for doc in ["README.md", "fuzz/README.md", "fuzz/run.sh"] {
        let doc_text =
            std::fs::read_to_string(format!("{}/{doc}", env!("CARGO_MANIFEST_DIR"))).unwrap();
        let until: Vec<&str> = doc_text
            .lines()
            .filter(|l| l.contains("until stopped"))
            .collect();
        assert!(!until.is_empty(), "{doc} says how to fuzz until stopped");
        for line in until {
            assert!(line.contains("-1"), "{doc}: {line}");
        }
    }
}

#[test]
fn vendor_ids_complete_in_an_interactive_zsh() {
    // zsh completes only at its line editor: a real one in tmux, with the script loaded.
    let home = tempfile::tempdir().unwrap();
    let bin = assert_cmd::cargo::cargo_bin("errdex");
    std::fs::write(
        home.path().join(".zshrc"),
        format!(
            "export PATH={}:$PATH XDG_CONFIG_HOME=/nonexistent-errdex-test\n\
             autoload -Uz compinit && compinit -u\n\
             source <(errdex completions zsh)\nPS1='ready> '\n",
            bin.parent().unwrap().display()
        ),
    )
    .unwrap();
    let socket = format!("errdex-zsh-{}", std::process::id());
    let tmux = |args: &[&str]| {
        std::process::Command::new("tmux")
            .arg("-L")
            .arg(&socket)
            .args(args)
            .output()
            .expect("tmux (scripts/test.sh installs it)")
    };
    let zsh = format!("env ZDOTDIR={} zsh", home.path().display());
    assert!(
        tmux(&["new-session", "-d", "-x", "100", "-y", "20", &zsh])
            .status
            .success()
    );
    let screen_shows = |what: &str| {
        let start = std::time::Instant::now();
        loop {
            let screen = text(&tmux(&["capture-pane", "-p"]).stdout);
            if screen.contains(what) {
                return true;
            }
            if start.elapsed() > std::time::Duration::from_secs(20) {
                eprintln!("{screen}");
                return false;
            }
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
    };
    let prompt = screen_shows("ready>");
    tmux(&["send-keys", "errdex show pi", "Tab"]);
    let pixnet = screen_shows("ready> errdex show pixnet");
    tmux(&["send-keys", "C-u", "errdex --vendor g", "Tab"]);
    let listed = screen_shows("grpc     -- gRPC status codes");
    tmux(&["kill-server"]);
    assert!(
        prompt && pixnet && listed,
        "prompt {prompt}, pixnet {pixnet}, list {listed}"
    );
}

#[test]
fn a_vendor_id_a_shell_would_run_is_a_problem_and_never_completes() {
    let config = tempfile::tempdir().unwrap();
    let catalogs = config.path().join("errdex/catalogs");
    std::fs::create_dir_all(&catalogs).unwrap();
    let http = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/catalogs/http.json"))
        .unwrap();
    let marker = config.path().join("ran");
    let hostile = [
        format!("qq;touch {}", marker.display()),
        format!("qq$(touch {})", marker.display()),
        "qq y".to_string(),
        "qq'q".to_string(),
        "qq*".to_string(),
        "qq\nshow".to_string(),
        "qq\u{1b}]0;PWN\u{7}".to_string(),
    ];
    for (i, id) in hostile.iter().enumerate() {
        let mut c: serde_json::Value = serde_json::from_str(&http).unwrap();
        c["vendor"]["id"] = id.as_str().into();
        c["vendor"]["name"] = "Evil\u{1b}[31m\u{202e}Name\nnext".into();
        std::fs::write(catalogs.join(format!("evil{i}.json")), c.to_string()).unwrap();
    }
    // A valid id whose name carries controls: offered, with the name cleaned.
    let mut ok: serde_json::Value = serde_json::from_str(&http).unwrap();
    ok["vendor"]["id"] = "qqfine".into();
    ok["vendor"]["name"] = "Fine\u{1b}[31m\u{202e}Name\nnext".into();
    std::fs::write(catalogs.join("fine.json"), ok.to_string()).unwrap();

    let out = quick(&[
        "catalog".as_ref(),
        "check".as_ref(),
        catalogs.join("evil0.json").as_os_str(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let said = text(&out.stdout);
    assert!(said.contains("is not an id"), "{said}");
    assert!(!said.contains('\u{1b}'), "{said}");

    let bash = in_shell(
        "bash",
        &[
            "-c",
            r#"source <(errdex completions bash)
               COMP_WORDS=(errdex show qq); COMP_CWORD=2; COMP_TYPE=9
               _clap_complete_errdex errdex qq show
               printf '%s\n' "${COMPREPLY[@]}""#,
        ],
        config.path(),
    );
    let said = text(&bash.stdout);
    assert!(bash.status.success(), "{said} {}", text(&bash.stderr));
    assert_eq!(said.trim(), "qqfine", "{said}");
    assert!(!marker.exists());

    let fish = in_shell(
        "fish",
        &[
            "-c",
            "errdex completions fish | source; complete -C 'errdex show qq'",
        ],
        config.path(),
    );
    let said = text(&fish.stdout);
    // The escape character and the bidi override are gone; what is left is plain text.
    assert_eq!(said.trim_end(), "qqfine\tFine[31mName next", "{said:?}");
    assert!(!marker.exists());
}
