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
        crate::files::write_atomically(&path, &text, true).map_err(|e| {
            let shown = crate::sanitize::line(&path.display().to_string()).into_owned();
            io::Error::new(e.kind(), format!("{shown}: {e}"))
        })
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

/// A command's page: clap's sections, and on errdex(1) the query language, the explorer's keys
/// and the settings, from the tables the help texts are made of (`query::SYNTAX`,
/// `tui::action::HELP`, `config::settings`), so the page says what the program does.
struct Page {
    man: clap_mangen::Man,
    top: bool,
}

impl Page {
    fn get_filename(&self) -> String {
        self.man.get_filename()
    }

    fn render(&self, w: &mut dyn Write) -> io::Result<()> {
        let mut page = Vec::new();
        self.man.render(&mut page)?;
        if self.top {
            let text = String::from_utf8_lossy(&page).into_owned();
            let at = text.find("\n.SH VERSION").map_or(text.len(), |i| i + 1);
            let (before, after) = text.split_at(at);
            page = format!("{before}{}{after}", reference_sections()).into_bytes();
        }
        w.write_all(&page)
    }
}

fn man_page(cmd: clap::Command) -> Page {
    let top = cmd.get_name() == "errdex";
    Page {
        man: clap_mangen::Man::new(cmd).source(format!("errdex {}", env!("CARGO_PKG_VERSION"))),
        top,
    }
}

/// The sections errdex(1) adds to clap's, in roff.
pub fn reference_sections() -> String {
    let mut out = String::from(".SH \"QUERY LANGUAGE\"\n");
    out.push_str(&roff_text(
        "errdex search, errdex pick and the explorer's filter take the same queries.",
    ));
    for (term, meaning) in crate::query::SYNTAX {
        out.push_str(&format!(
            ".TP\n\\fB{}\\fR\n{}",
            roff(term),
            roff_text(meaning)
        ));
    }
    for note in crate::query::notes() {
        out.push_str(".PP\n");
        out.push_str(&roff_text(&note));
    }
    out.push_str(".SH \"EXPLORER KEYS\"\n");
    for (group, keys) in crate::tui::action::HELP {
        out.push_str(&format!(".SS \"{}\"\n", roff(group)));
        for (key, what) in *keys {
            out.push_str(&format!(".TP\n\\fB{}\\fR\n{}", roff(key), roff_text(what)));
        }
    }
    out.push_str(".SH SETTINGS\n");
    out.push_str(&roff_text(
        "In $XDG_CONFIG_HOME/errdex/config.toml (default ~/.config/errdex/config.toml); \
         errdex config --init writes one with every setting commented out, errdex config \
         shows what is in force. Flags win over the file.",
    ));
    for (key, what, line) in super::config::settings() {
        out.push_str(&format!(
            ".TP\n\\fB{}\\fR\n{}.RS\n\\fI{}\\fR\n.RE\n",
            roff(key),
            roff_text(&what),
            roff(line)
        ));
    }
    out
}

/// `text` for a roff line: backslashes and hyphens escaped (a bare `-` may render as a
/// hyphen, not the minus a flag needs).
fn roff(text: &str) -> String {
    text.replace('\\', "\\e").replace('-', "\\-")
}

/// `text` as a line of running text, which must not start with a control character.
fn roff_text(text: &str) -> String {
    let line = roff(text);
    if line.starts_with(['.', '\'']) {
        format!("\\&{line}\n")
    } else {
        format!("{line}\n")
    }
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

/// The words of the command line being completed, as the shell hands them over
/// (`ERRDEX_COMPLETE=bash errdex -- errdex show pixnet 13`): what follows the `--`.
fn completing_words() -> Vec<String> {
    let args: Vec<String> = std::env::args_os()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    match args.iter().position(|a| a == "--") {
        Some(at) => args[at + 1..].to_vec(),
        None => Vec::new(),
    }
}

/// Options that take the next word as their value (the rest are flags).
const VALUED: [&str; 10] = [
    "--config",
    "--catalog",
    "--vendor",
    "--query",
    "-q",
    "--theme",
    "--clipboard",
    "--edition",
    "--lang",
    "-l",
];

/// The vendor a command line names for `show` and `snippet`: `--vendor ID`, else the first
/// word after the command that is neither an option nor an option's value. The last word is
/// the one being completed, never the vendor.
fn named_vendor(words: &[String]) -> Option<String> {
    let words = &words[..words.len().saturating_sub(1)];
    let mut after_command = false;
    let mut skip = false;
    let mut first = None;
    for (i, w) in words.iter().enumerate().skip(1) {
        if skip {
            skip = false;
            continue;
        }
        if let Some(v) = w.strip_prefix("--vendor=") {
            return Some(v.to_string());
        }
        if w == "--vendor" {
            return words.get(i + 1).cloned();
        }
        if VALUED.contains(&w.as_str()) {
            skip = true;
        } else if w.starts_with('-') {
        } else if !after_command {
            after_command = matches!(w.as_str(), "show" | "snippet");
        } else if first.is_none() {
            first = Some(w.clone());
        }
    }
    first
}

/// The vendor the command line being completed names, in the catalogs there are.
fn completing_vendor() -> Option<(Index, usize)> {
    let name = named_vendor(&completing_words())?;
    let (index, _) = Index::load(&super::completion_sources(), &mut |_, _| {});
    let v = index.find_vendor(&name)?;
    Some((index, v))
}

/// The codes of the vendor the command line names (`errdex show pixnet 13<TAB>`), each with
/// its message; nothing without one.
pub fn code_candidates() -> Vec<CompletionCandidate> {
    let Some((index, v)) = completing_vendor() else {
        return Vec::new();
    };
    let table = index.vendor_table(v);
    let mut seen = std::collections::HashSet::new();
    (0..table.len())
        .filter(|&row| seen.insert(table.code(row).to_string()))
        .filter(|&row| shell_safe(table.code(row)))
        .map(|row| {
            let headline = plain(&table.entry(row).headline());
            CompletionCandidate::new(table.code(row)).help(Some(headline.into()))
        })
        .collect()
}

/// The first word of `show` and `snippet`: vendor ids, or the codes of the vendor `--vendor` names (the word is
/// then the code).
pub fn vendor_or_code_candidates() -> Vec<CompletionCandidate> {
    let words = completing_words();
    if words
        .iter()
        .any(|w| w == "--vendor" || w.starts_with("--vendor="))
    {
        return code_candidates();
    }
    vendor_candidates()
}

/// The editions of the vendor the command line names (`--edition <TAB>`), each with its title.
pub fn edition_candidates() -> Vec<CompletionCandidate> {
    let Some((index, v)) = completing_vendor() else {
        return Vec::new();
    };
    index.vendors()[v]
        .editions
        .iter()
        .map(|&t| index.tables()[t].edition())
        .filter(|e| shell_safe(&e.id))
        .map(|e| {
            let title = e.title.as_deref().map(plain).unwrap_or_default();
            CompletionCandidate::new(&e.id).help((!title.is_empty()).then(|| title.into()))
        })
        .collect()
}

/// Whether a code or edition may be offered as typed text: nothing a shell treats specially
/// (a candidate is inserted into the command line as it is).
fn shell_safe(word: &str) -> bool {
    !word.is_empty()
        && word
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | '+' | ':' | '@' | ','))
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

#[cfg(test)]
mod tests {
    use super::*;

    fn words(line: &str) -> Vec<String> {
        line.split(' ').map(String::from).collect()
    }

    #[test]
    fn the_vendor_is_the_first_word_after_the_command_or_the_vendor_option() {
        assert_eq!(
            named_vendor(&words("errdex show pixnet 13")).as_deref(),
            Some("pixnet")
        );
        assert_eq!(
            named_vendor(&words(
                "errdex --catalog x.json snippet --lang go errno ENO"
            ))
            .as_deref(),
            Some("errno")
        );
        assert_eq!(
            named_vendor(&words("errdex show --edition d8 pixnet --json 1")).as_deref(),
            Some("pixnet")
        );
        assert_eq!(
            named_vendor(&words("errdex --vendor mysql show 10")).as_deref(),
            Some("mysql")
        );
        assert_eq!(
            named_vendor(&words("errdex show pix")),
            None,
            "the word being completed"
        );
        assert_eq!(named_vendor(&words("errdex search pixnet 1")), None);
    }
}
