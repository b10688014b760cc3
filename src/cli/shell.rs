//! errdex in the user's shell: completion scripts (`clap_complete`) and the man page
//! (`clap_mangen`). The completion scripts ask errdex itself what to offer
//! (`ERRDEX_COMPLETE=bash errdex -- errdex show …`), so vendor ids come from the catalogs there
//! are at that moment, the user's own included; `--static` prints scripts that need no errdex
//! at completion time and offer no vendor ids.

use crate::catalog::Vendor;
use crate::index::Index;
use clap_complete::env::{EnvCompleter, Shells};
use clap_complete::{CompletionCandidate, Shell};
use std::io::{self, Write};

/// The environment variable under which errdex answers a completion request.
pub const COMPLETE_VAR: &str = "ERRDEX_COMPLETE";

/// Answers a completion request and exits, when the environment makes one; else returns.
pub fn complete_if_asked() {
    clap_complete::CompleteEnv::with_factory(super::command)
        .var(COMPLETE_VAR)
        .bin("errdex")
        .completer("errdex")
        .complete();
}

/// `errdex completions SHELL [--static]`.
pub fn print_completions(shell: Shell, fixed: bool, out: &mut impl Write) -> io::Result<i32> {
    // Rendered whole first: clap_complete's static generators panic on a failed write.
    let mut script = Vec::new();
    if fixed {
        clap_complete::generate(shell, &mut super::command(), "errdex", &mut script);
    } else {
        let name = shell.to_string();
        let shells = Shells::builtins();
        let completer: &dyn EnvCompleter = shells
            .completer(&name)
            .ok_or_else(|| io::Error::other(format!("no completion for {name}")))?;
        completer.write_registration(COMPLETE_VAR, "errdex", "errdex", "errdex", &mut script)?;
    }
    out.write_all(&script)?;
    Ok(super::EXIT_OK)
}

/// `errdex man [COMMAND…]`: the page of errdex, or of one of its commands.
pub fn print_man(path: &[String], out: &mut impl Write) -> io::Result<i32> {
    let mut cmd = man_command();
    for name in path {
        let Some(sc) = cmd.find_subcommand(name) else {
            say!(
                "errdex: no command `{}` (commands: {})",
                crate::sanitize::line(name),
                subcommands(&cmd)
            );
            return Ok(super::EXIT_USAGE);
        };
        cmd = sc.clone();
    }
    let mut page = Vec::new();
    man_page(cmd).render(&mut page)?;
    out.write_all(&page)?;
    Ok(super::EXIT_OK)
}

/// `errdex man --out-dir DIR`: every page, named as the pages name each other (errdex-show.1).
/// The folder is made if missing; each page is written atomically as a regular file in it,
/// never through a link (which could lead out of the folder) nor into a FIFO or device.
pub fn write_man_pages(dir: &std::path::Path) -> io::Result<i32> {
    fn write(cmd: &clap::Command, dir: &std::path::Path) -> io::Result<()> {
        for sc in cmd.get_subcommands() {
            write(sc, dir)?;
        }
        let page = man_page(cmd.clone());
        let path = dir.join(page.get_filename());
        if std::fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink()) {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!(
                    "{} is a symbolic link; errdex does not write through it",
                    crate::sanitize::line(&path.display().to_string())
                ),
            ));
        }
        let mut text = Vec::new();
        page.render(&mut text)?;
        crate::files::write_atomically(&path, &text, true)
    }
    let made = std::fs::create_dir_all(dir);
    match made.and_then(|()| write(&man_command(), dir)) {
        Ok(()) => Ok(super::EXIT_OK),
        Err(e) => {
            say!(
                "errdex: cannot write the man pages into {}: {e}",
                crate::sanitize::line(&dir.display().to_string())
            );
            Ok(super::EXIT_USAGE)
        }
    }
}

/// The command as the pages show it: built (so a command's page is named errdex-show), with
/// no `help` command.
fn man_command() -> clap::Command {
    let mut cmd = super::man_command().disable_help_subcommand(true);
    cmd.build();
    cmd
}

fn man_page(cmd: clap::Command) -> clap_mangen::Man {
    clap_mangen::Man::new(cmd).source(format!("errdex {}", env!("CARGO_PKG_VERSION")))
}

fn subcommands(cmd: &clap::Command) -> String {
    cmd.get_subcommands()
        .map(|c| c.get_name())
        .collect::<Vec<_>>()
        .join(", ")
}

/// Vendor ids to complete `show`, `snippet` and `--vendor` with, each with its name. The shell
/// inserts a candidate as typed text, so only valid ids are offered (the loader refuses others
/// too), and a name is shown without anything a terminal would obey.
pub fn vendor_candidates() -> Vec<CompletionCandidate> {
    let (index, _) = Index::load(&super::completion_sources(), &mut |_, _| {});
    index
        .vendors()
        .iter()
        .enumerate()
        .filter(|(_, v)| Vendor::is_valid_id(&v.id))
        .map(|(i, v)| {
            let name = plain(&index.vendor_table(i).vendor().name);
            CompletionCandidate::new(&v.id).help(Some(name.into()))
        })
        .collect()
}

/// A completion description: one line, controls, C1 and bidi characters dropped (a shell prints
/// descriptions raw), line and paragraph separators made spaces.
fn plain(text: &str) -> String {
    text.chars()
        .filter_map(|c| match c {
            '\n' | '\r' | '\t' | '\u{2028}' | '\u{2029}' => Some(' '),
            c if crate::sanitize::replacement(c).is_some() => None,
            c => Some(c),
        })
        .collect()
}
