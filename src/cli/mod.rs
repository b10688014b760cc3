//! The headless commands. Each returns the process exit code: 0 found, 1 nothing found,
//! 2 usage or input error, or output that could not be written (with a message on stderr;
//! stdout holds results only).

#[macro_use]
mod stderr;
mod annotate;
mod args;
mod catalog_cmd;
mod config;
pub mod output;
mod shell;

use args::man_command;
pub use args::{Args, Command, PickPrint, command};
pub use catalog_cmd::CatalogCommand;

use crate::index::Index;
use crate::query::Query;
use std::io::Write;

pub const EXIT_OK: i32 = 0;
pub const EXIT_NOT_FOUND: i32 = 1;
pub const EXIT_USAGE: i32 = 2;

/// Parses the process arguments and runs the command.
pub fn main() -> i32 {
    shell::complete_if_asked();
    let parsed = command()
        .try_get_matches()
        .and_then(|matches| <Args as clap::FromArgMatches>::from_arg_matches(&matches));
    let code = match parsed {
        Ok(args) => run(args),
        Err(err) => clap_exit(err),
    };
    // A message that could not be written is output lost: never a silent success.
    if stderr::failed() { EXIT_USAGE } else { code }
}

/// clap's whole message: what is wrong, a similar argument when there is one, the usage line.
/// The arguments it quotes are the user's: their control characters are shown, not sent.
fn clap_exit(err: clap::Error) -> i32 {
    use clap::error::ErrorKind;
    match err.kind() {
        // Into a full disk, the help is lost: exit 2, as for any output that cannot be written.
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => finish(
            err.print()
                .and_then(|()| std::io::stdout().flush())
                .map(|()| EXIT_OK),
        ),
        _ => {
            let text = err.render().to_string();
            say!("{}", crate::sanitize::block(text.trim_end()));
            EXIT_USAGE
        }
    }
}

pub fn run(args: Args) -> i32 {
    // Commands that need neither settings nor catalogs.
    match &args.command {
        Some(Command::Completions { shell, fixed }) => {
            return finish(shell::print_completions(
                *shell,
                *fixed,
                &mut std::io::stdout(),
            ));
        }
        Some(Command::Man {
            out_dir: Some(dir), ..
        }) => {
            return finish(shell::write_man_pages(dir));
        }
        Some(Command::Man { path, .. }) => {
            return finish(shell::print_man(path, &mut std::io::stdout()));
        }
        _ => {}
    }
    let config = args.settings();
    let sources = args.sources(&config);
    if args.command.is_none() {
        let start = crate::tui::app::Options {
            query: args.query.clone(),
            vendor: args.vendor.clone(),
            mouse: config.mouse.value,
            lang: Some(config.snippet_lang.value),
            palette: config.theme.value,
            ..Default::default()
        };
        return explore(tui_options(config, sources, start), PickPrint::Code);
    }
    if let Some(Command::Pick {
        query,
        vendor,
        print,
        lang,
        no_mouse,
    }) = &args.command
    {
        let start = crate::tui::app::Options {
            query: query.clone(),
            vendor: vendor.clone(),
            mouse: config.mouse.value && !no_mouse,
            pick: true,
            lang: Some(lang.unwrap_or(config.snippet_lang.value)),
            palette: config.theme.value,
            ..Default::default()
        };
        return explore(tui_options(config, sources, start), *print);
    }
    for w in &config.warnings {
        say!("errdex: warning: {}", crate::sanitize::line(w));
    }
    if let Some(Command::Config { init }) = &args.command {
        if *init {
            return match config::init(&config) {
                Ok(path) => {
                    say!(
                        "errdex: wrote {}",
                        crate::sanitize::line(&path.display().to_string())
                    );
                    EXIT_OK
                }
                Err(message) => usage_error(&crate::sanitize::line(&message)),
            };
        }
        let user_dir = sources.user_dir.as_deref();
        let mut out = std::io::stdout().lock();
        return finish(
            config::print(&config, &args.catalog, user_dir, &mut out)
                .and_then(|()| out.flush())
                .map(|()| EXIT_OK),
        );
    }
    let (index, problems) = Index::load(&sources, &mut |_, _| {});
    for p in &problems {
        say!("errdex: warning: {p}");
    }
    for n in &index.notices {
        say!("errdex: note: {n}");
    }
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let result = match args.command {
        None
        | Some(
            Command::Pick { .. }
            | Command::Completions { .. }
            | Command::Man { .. }
            | Command::Config { .. },
        ) => unreachable!("answered above"),
        Some(Command::Vendors { json }) => output::print_vendors(&index, json, &mut out),
        Some(Command::Annotate(mut options)) => {
            if let Some(v) = &options.vendor {
                let Some(i) = index.find_vendor(v) else {
                    return usage_error(&unknown_vendor(&index, v));
                };
                options.vendor = Some(index.vendors()[i].id.clone());
            }
            options.color = std::io::IsTerminal::is_terminal(&std::io::stdout())
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
            annotate::annotate(&index, &options, &mut out)
        }
        Some(Command::Decode { file, json }) => match read_input(file.as_deref()) {
            Ok(text) => output::print_decode(&index, &text, json, &mut out),
            Err(message) => return usage_error(&message),
        },
        Some(Command::Snippet {
            vendor,
            codes,
            lang,
            enumeration,
            envelope,
        }) => {
            let Some(v) = index.find_vendor(&vendor) else {
                return usage_error(&unknown_vendor(&index, &vendor));
            };
            let shape = output::SnippetShape {
                lang: lang.unwrap_or(config.snippet_lang.value),
                enumeration,
                envelope,
            };
            output::print_snippet(&index, v, &codes, shape, &mut out)
        }
        Some(Command::Catalog(cmd)) => catalog_cmd::print_catalog(cmd, &index, &mut out),
        Some(Command::Search {
            query,
            limit,
            json,
            color,
        }) => match Query::parse(&query.join(" ")) {
            Ok(q) => {
                let color = match color {
                    args::ColorChoice::Always => true,
                    args::ColorChoice::Never => false,
                    args::ColorChoice::Auto => {
                        std::io::IsTerminal::is_terminal(&std::io::stdout())
                            && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                    }
                };
                output::print_search(&index, &q, limit, json, color, &mut out)
            }
            Err(e) => return usage_error(&e.to_string()),
        },
        Some(Command::Show {
            vendor,
            code,
            edition,
            json,
        }) => {
            let Some(v) = index.find_vendor(&vendor) else {
                return usage_error(&unknown_vendor(&index, &vendor));
            };
            // A code, or its symbol or alias (`errno ENOENT`, `grpc UNAVAILABLE`).
            let found = index.lookup(v, &code, edition.as_deref()).map(|found| {
                if found.is_empty() && edition.is_none() {
                    index
                        .by_name(v, &code)
                        .into_iter()
                        .map(|r| index.get(r))
                        .collect()
                } else {
                    found
                }
            });
            match found {
                None => {
                    let known: Vec<&str> = index.vendors()[v]
                        .editions
                        .iter()
                        .map(|&c| index.tables()[c].edition().id.as_str())
                        .collect();
                    return usage_error(&format!(
                        "{} has no edition `{}` (editions: {})",
                        index.vendors()[v].id,
                        edition.unwrap_or_default(),
                        known.join(", ")
                    ));
                }
                Some(found) if found.is_empty() => {
                    say!(
                        "errdex: {} has no code `{}` in its catalog",
                        index.vendors()[v].id,
                        crate::sanitize::line(&code)
                    );
                    Ok(EXIT_NOT_FOUND)
                }
                Some(found) => output::print_show(&index, &found, json, &mut out),
            }
        }
    };
    finish(result.and_then(|code| out.flush().map(|()| code)))
}

/// The exit code once the results are written, or could not be: a full disk or another write
/// error is exit 2 with a message.
fn finish(written: std::io::Result<i32>) -> i32 {
    match written {
        Ok(code) => code,
        // A closed pipe (`errdex search x | head`) is not an error worth a message.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => EXIT_OK,
        Err(e) => {
            say!("errdex: cannot write the output: {e}");
            EXIT_USAGE
        }
    }
}

/// The catalogs completion offers vendor ids from: those every command loads.
fn completion_sources() -> crate::catalog::Sources {
    let config = config::Config::load(None);
    crate::catalog::Sources::new(config.catalogs.value, false)
}

/// What the explorer starts with: the settings, the catalogs and the start state.
fn tui_options(
    config: config::Config,
    sources: crate::catalog::Sources,
    mut start: crate::tui::app::Options,
) -> crate::tui::Options {
    start.color = crate::tui::colors_wanted();
    crate::tui::Options {
        start,
        clipboard: config.clipboard.value,
        sources,
        warnings: config.warnings,
    }
}

/// Runs the explorer (or, with `start.pick`, the picker, printing the choice as `print` says).
fn explore(options: crate::tui::Options, print: PickPrint) -> i32 {
    let exit = match crate::tui::explore(options) {
        Ok(exit) => exit,
        Err(e) if e.kind() == std::io::ErrorKind::Unsupported => {
            return usage_error(&e.to_string());
        }
        Err(e) => {
            say!("errdex: terminal error: {e}");
            return EXIT_USAGE;
        }
    };
    if let crate::tui::Exit::Picked { index, row, arm } = &exit {
        let e = index.get(*row);
        let stdout = std::io::stdout();
        let mut out = stdout.lock();
        // Printed as copied: what a terminal would obey is not passed on.
        let line = |text: &str| crate::clipboard::clean(text, false).text;
        let written = match print {
            PickPrint::Code => writeln!(out, "{}", line(&e.entry.code)),
            PickPrint::Message => writeln!(out, "{}", line(&e.entry.headline())),
            PickPrint::Arm => writeln!(out, "{}", arm.trim_end()),
            PickPrint::Json => output::print_show(index, &[e], true, &mut out).map(|_| ()),
        };
        if let Err(e) = written.and_then(|()| out.flush())
            && e.kind() != std::io::ErrorKind::BrokenPipe
        {
            say!("errdex: {e}");
            return EXIT_USAGE;
        }
    }
    exit.code()
}

fn unknown_vendor(index: &Index, name: &str) -> String {
    let ids: Vec<&str> = index.vendors().iter().map(|v| v.id.as_str()).collect();
    format!(
        "unknown vendor `{}` (vendors: {})",
        crate::sanitize::line(name),
        ids.join(", ")
    )
}

fn usage_error(message: &str) -> i32 {
    say!("errdex: {message}");
    EXIT_USAGE
}

/// Reads the text to decode: a file, or standard input for `-` or no argument. Invalid UTF-8
/// is replaced, not refused; more than the decoder takes is refused up front, without reading
/// it all into memory.
fn read_input(file: Option<&std::path::Path>) -> Result<String, String> {
    use std::io::Read;
    let limit = crate::decode::MAX_PASTE_BYTES as u64;
    let mut bytes = Vec::new();
    let name = match file {
        Some(p) if p.as_os_str() != "-" => {
            let f =
                std::fs::File::open(p).map_err(|e| format!("cannot read {}: {e}", p.display()))?;
            f.take(limit + 1)
                .read_to_end(&mut bytes)
                .map_err(|e| format!("cannot read {}: {e}", p.display()))?;
            p.display().to_string()
        }
        _ => {
            std::io::stdin()
                .lock()
                .take(limit + 1)
                .read_to_end(&mut bytes)
                .map_err(|e| format!("cannot read standard input: {e}"))?;
            "standard input".to_string()
        }
    };
    if bytes.len() as u64 > limit {
        return Err(format!(
            "{name} is larger than {} MB; decode the part with the error",
            limit / (1024 * 1024)
        ));
    }
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}
