//! The headless commands. Each returns the process exit code: 0 found, 1 nothing found,
//! 2 usage or input error (with a one-line message on stderr).

mod annotate;
mod args;
mod catalog_cmd;
pub mod output;

pub use args::{Args, Command, PickPrint};
pub use catalog_cmd::CatalogCommand;

use crate::index::Index;
use crate::query::Query;
use clap::Parser;
use std::io::Write;

pub const EXIT_OK: i32 = 0;
pub const EXIT_NOT_FOUND: i32 = 1;
pub const EXIT_USAGE: i32 = 2;

/// Parses the process arguments and runs the command.
pub fn main() -> i32 {
    let args = match Args::try_parse() {
        Ok(args) => args,
        Err(err) => return clap_exit(err),
    };
    run(args)
}

/// clap prints usage errors over several lines; the contract is one line and exit 2.
fn clap_exit(err: clap::Error) -> i32 {
    use clap::error::ErrorKind;
    match err.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            let _ = err.print();
            EXIT_OK
        }
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let _ = err.print();
            EXIT_USAGE
        }
        _ => {
            let text = err.to_string();
            let first = text.lines().next().unwrap_or("error: invalid arguments");
            eprintln!("{first} (see errdex --help)");
            EXIT_USAGE
        }
    }
}

pub fn run(args: Args) -> i32 {
    if args.command.is_none() {
        let start = crate::tui::app::Options {
            query: args.query.clone(),
            vendor: args.vendor.clone(),
            mouse: !args.no_mouse,
            ..Default::default()
        };
        return explore(&args, start, PickPrint::Code);
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
            mouse: !no_mouse,
            pick: true,
            lang: *lang,
            ..Default::default()
        };
        return explore(&args, start, *print);
    }
    let (index, problems) = Index::load(&args.sources(), &mut |_, _| {});
    for p in &problems {
        eprintln!("errdex: warning: {p}");
    }
    for n in &index.notices {
        eprintln!("errdex: note: {n}");
    }
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let result = match args.command {
        None | Some(Command::Pick { .. }) => unreachable!("the TUI is started above"),
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
        }) => {
            let Some(v) = index.find_vendor(&vendor) else {
                return usage_error(&unknown_vendor(&index, &vendor));
            };
            output::print_snippet(&index, v, &codes, lang, enumeration, &mut out)
        }
        Some(Command::Catalog(cmd)) => catalog_cmd::print_catalog(cmd, &index, &mut out),
        Some(Command::Search { query, limit, json }) => match Query::parse(&query.join(" ")) {
            Ok(q) => output::print_search(&index, &q, limit, json, &mut out),
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
                    eprintln!(
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
    let code = match result {
        Ok(code) => code,
        // A closed pipe (`errdex search x | head`) is not an error worth a message.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => EXIT_OK,
        Err(e) => {
            eprintln!("errdex: {e}");
            EXIT_USAGE
        }
    };
    let _ = out.flush();
    code
}

/// Runs the explorer (or, with `start.pick`, the picker, printing the choice as `print` says).
fn explore(args: &Args, mut start: crate::tui::app::Options, print: PickPrint) -> i32 {
    start.color = crate::tui::colors_wanted();
    let options = crate::tui::Options {
        start,
        clipboard: args.clipboard,
        sources: args.sources(),
    };
    let exit = match crate::tui::explore(options) {
        Ok(exit) => exit,
        Err(e) if e.kind() == std::io::ErrorKind::Unsupported => {
            return usage_error(&e.to_string());
        }
        Err(e) => {
            eprintln!("errdex: terminal error: {e}");
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
            eprintln!("errdex: {e}");
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
    eprintln!("errdex: {message}");
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
