//! errdex as a shell citizen, through the real binary: results alone on stdout, streams that
//! are full or closed, usage errors, completions and the man page, the config file.

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
        &["serch"],
    ] {
        let out = errdex_std().args(args).stderr(full()).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(out.stdout.is_empty(), "{args:?}");
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
    let out = errdex().args(["show", "pixnet"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let err = text(&out.stderr);
    assert!(
        err.starts_with("error: the following required arguments were not provided:"),
        "{err}"
    );
    assert!(err.contains("<CODE>"), "{err}");
    assert!(err.contains("Usage: errdex show <VENDOR> <CODE>"), "{err}");

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
            help.contains("Global options: --catalog, --no-user-catalogs"),
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
