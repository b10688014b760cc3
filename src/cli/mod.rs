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
mod resolve;
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
    if let Some(code) = crate::clipboard::serve_if_asked() {
        return code;
    }
    shell::complete_if_asked();
    let argv = with_bare_search(std::env::args_os().collect());
    let parsed = command()
        .try_get_matches_from(argv)
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

pub fn run(mut args: Args) -> i32 {
    let config = args.settings();
    let sources = args.sources(&config);
    let Some(command) = args.command.take() else {
        let start = crate::tui::app::Options {
            query: args.query.clone(),
            vendor: args.vendor.clone(),
            mouse: config.mouse.value,
            lang: Some(config.snippet_lang.value),
            palette: config.theme.value,
            ..Default::default()
        };
        return explore(tui_options(config, sources, start), PickPrint::Code);
    };
    if args.vendor.is_some() && !command.takes_vendor() {
        return usage_error(&format!(
            "--vendor does not apply to `errdex {}`",
            command.name()
        ));
    }
    match command {
        Command::Completions { shell, fixed } => finish(shell::print_completions(
            shell,
            fixed,
            &mut std::io::stdout(),
        )),
        Command::Man {
            out_dir: Some(dir), ..
        } => finish(shell::write_man_pages(&dir)),
        Command::Man { path, .. } => finish(shell::print_man(&path, &mut std::io::stdout())),
        Command::Pick {
            query,
            vendor,
            print,
            lang,
            no_mouse,
        } => {
            let start = crate::tui::app::Options {
                query,
                vendor: vendor.or(args.vendor),
                mouse: config.mouse.value && !no_mouse,
                pick: true,
                lang: Some(lang.unwrap_or(config.snippet_lang.value)),
                palette: config.theme.value,
                ..Default::default()
            };
            explore(tui_options(config, sources, start), print)
        }
        Command::Config { init } => {
            warn_about(&config);
            if init {
                return match config::init(&config) {
                    Ok(path) => {
                        say!("errdex: wrote {}", path.display());
                        EXIT_OK
                    }
                    Err(message) => usage_error(&message),
                };
            }
            let user_dir = sources.user_dir.as_deref();
            let mut out = std::io::stdout().lock();
            finish(
                config::print(&config, &args.catalog, user_dir, &mut out)
                    .and_then(|()| out.flush())
                    .map(|()| EXIT_OK),
            )
        }
        Command::Lsp { .. } => {
            warn_about(&config);
            crate::lsp::serve(move || {
                let (index, problems) = Index::load(&sources, &mut |_, _| {});
                for p in &problems {
                    say!("errdex: warning: {p}");
                }
                index
            })
        }
        Command::Vendors { json } => on_index(&config, &sources, |index, out| {
            output::print_vendors(index, json, out)
        }),
        Command::Annotate(options) => on_index(&config, &sources, |index, out| {
            annotate_log(index, options, args.vendor.as_deref(), out)
        }),
        Command::Decode { file, json } => {
            on_index(&config, &sources, |index, out| {
                match read_input(file.as_deref()) {
                    Ok(text) => output::print_decode(index, &text, json, out),
                    Err(message) => Ok(usage_error(&message)),
                }
            })
        }
        Command::Snippet {
            vendor: first,
            codes,
            lang,
            enumeration,
            envelope,
        } => on_index(&config, &sources, |index, out| {
            let shape = output::SnippetShape {
                lang: lang.unwrap_or(config.snippet_lang.value),
                enumeration,
                envelope,
            };
            snippet(index, args.vendor.as_deref(), first, codes, shape, out)
        }),
        Command::Catalog(cmd) => on_index(&config, &sources, |index, out| {
            catalog_cmd::print_catalog(cmd, index, out)
        }),
        Command::Search {
            query,
            limit,
            json,
            color,
        } => on_index(&config, &sources, |index, out| {
            search(
                index,
                args.vendor.as_deref(),
                &query,
                limit,
                json,
                color,
                out,
            )
        }),
        Command::Show {
            vendor: first,
            code,
            edition,
            json,
        } => on_index(&config, &sources, |index, out| {
            // `--vendor V show CODE` names the vendor before the command.
            let (name, typed) = match (code, args.vendor.as_deref()) {
                (Some(code), _) => (Some(first), code),
                (None, Some(v)) => (Some(v.to_string()), first),
                (None, None) => (None, first),
            };
            match name {
                Some(name) => show(index, &name, &typed, edition.as_deref(), json, out),
                None if edition.is_some() => Ok(usage_error(
                    "--edition needs a vendor: errdex show VENDOR CODE --edition E",
                )),
                None => show_everywhere(index, &typed, json, out),
            }
        }),
    }
}

fn warn_about(config: &config::Config) {
    for w in &config.warnings {
        say!("errdex: warning: {w}");
    }
}

/// Runs a command that reads the catalogs: loads them (saying what went wrong with any), then
/// `command` writes to stdout.
fn on_index(
    config: &config::Config,
    sources: &crate::catalog::Sources,
    command: impl FnOnce(&Index, &mut std::io::StdoutLock<'static>) -> std::io::Result<i32>,
) -> i32 {
    warn_about(config);
    let (index, problems) = Index::load(sources, &mut |_, _| {});
    for p in &problems {
        say!("errdex: warning: {p}");
    }
    for n in &index.notices {
        say!("errdex: note: {n}");
    }
    let mut out = std::io::stdout().lock();
    let result = command(&index, &mut out);
    finish(result.and_then(|code| out.flush().map(|()| code)))
}

/// `errdex annotate`: `vendor` is the global `--vendor`, used when the command names none.
fn annotate_log(
    index: &Index,
    mut options: annotate::Options,
    vendor: Option<&str>,
    out: &mut impl Write,
) -> std::io::Result<i32> {
    if let Some(v) = options.vendor.as_deref().or(vendor) {
        match resolve::vendor(index, v) {
            Ok(i) => options.vendor = Some(index.vendors()[i].id.clone()),
            Err(message) => return Ok(usage_error(&message)),
        }
    }
    options.color = std::io::IsTerminal::is_terminal(&std::io::stdout())
        && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    annotate::annotate(index, &options, out)
}

/// `errdex snippet VENDOR CODE…`, or `--vendor V snippet CODE…` (the global `vendor` names the
/// vendor once, before the command, and `first` is a code).
fn snippet(
    index: &Index,
    vendor: Option<&str>,
    first: String,
    codes: Vec<String>,
    shape: output::SnippetShape,
    out: &mut impl Write,
) -> std::io::Result<i32> {
    let (name, typed) = match vendor {
        Some(v) => (v.to_string(), [vec![first], codes].concat()),
        None => (first, codes),
    };
    let v = match resolve::vendor(index, &name) {
        Ok(v) => v,
        Err(message) => return Ok(usage_error(&message)),
    };
    let mut codes = Vec::new();
    for t in &typed {
        let found = resolve::codes(index, v, t, None).unwrap_or_default();
        if found.is_empty() {
            say!(
                "errdex: {} has no code `{}`",
                index.vendors()[v].id,
                crate::sanitize::line(t)
            );
            return Ok(EXIT_NOT_FOUND);
        }
        for c in found {
            if let Some(note) = &c.note {
                say!("errdex: note: {note}");
            }
            codes.push(c.code);
        }
    }
    output::print_snippet(index, v, &codes, shape, out)
}

/// `errdex search QUERY…`; the global `--vendor` narrows it as a `v:` term would.
fn search(
    index: &Index,
    vendor: Option<&str>,
    query: &[String],
    limit: Option<usize>,
    json: bool,
    color: args::ColorChoice,
    out: &mut impl Write,
) -> std::io::Result<i32> {
    let mut text = query.join(" ");
    if let Some(v) = vendor {
        match resolve::vendor(index, v) {
            Ok(i) => text = format!("v:{} {text}", index.vendors()[i].id),
            Err(message) => return Ok(usage_error(&message)),
        }
    }
    match Query::parse(&text) {
        Ok(q) => {
            let color = match color {
                args::ColorChoice::Always => true,
                args::ColorChoice::Never => false,
                args::ColorChoice::Auto => {
                    std::io::IsTerminal::is_terminal(&std::io::stdout())
                        && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                }
            };
            output::print_search(index, &q, limit, json, color, out)
        }
        Err(e) => Ok(usage_error(&e.to_string())),
    }
}

/// `errdex show VENDOR CODE`: the vendor's entries for a code, its symbol or alias.
fn show(
    index: &Index,
    name: &str,
    typed: &str,
    edition: Option<&str>,
    json: bool,
    out: &mut impl Write,
) -> std::io::Result<i32> {
    let v = match resolve::vendor(index, name) {
        Ok(v) => v,
        Err(message) => return Ok(usage_error(&message)),
    };
    let id = &index.vendors()[v].id;
    let Some(codes) = resolve::codes(index, v, typed, edition) else {
        let known: Vec<&str> = index.vendors()[v]
            .editions
            .iter()
            .map(|&c| index.tables()[c].edition().id.as_str())
            .collect();
        return Ok(usage_error(&format!(
            "{id} has no edition `{}` (editions: {})",
            edition.unwrap_or_default(),
            known.join(", ")
        )));
    };
    if codes.is_empty() {
        // A code its family links to another's (HRESULT 0x800706BA is Win32 1722).
        let linked = resolve::linked(index, v, typed);
        if linked.is_empty() || edition.is_some() {
            say!("errdex: {id} has no code `{typed}` in its catalog");
            return Ok(EXIT_NOT_FOUND);
        }
        let mut found = Vec::new();
        for (other, c) in &linked {
            if let Some(note) = &c.note {
                say!("errdex: note: {note}");
            }
            found.extend(index.lookup(*other, &c.code, None).unwrap_or_default());
        }
        return output::print_show(index, &found, json, out);
    }
    let mut found = Vec::new();
    for c in &codes {
        if let Some(note) = &c.note {
            say!("errdex: note: {note}");
        }
        found.extend(index.lookup(v, &c.code, edition).unwrap_or_default());
    }
    output::print_show(index, &found, json, out)
}

/// `errdex show CODE`: every catalog's entries for a code (as err.exe lists all its matches).
fn show_everywhere(
    index: &Index,
    typed: &str,
    json: bool,
    out: &mut impl Write,
) -> std::io::Result<i32> {
    let mut found = Vec::new();
    for v in 0..index.vendors().len() {
        for c in resolve::codes(index, v, typed, None).unwrap_or_default() {
            found.extend(index.lookup(v, &c.code, None).unwrap_or_default());
        }
    }
    if found.is_empty() {
        for v in 0..index.vendors().len() {
            for (other, c) in resolve::linked(index, v, typed) {
                if let Some(note) = &c.note {
                    say!("errdex: note: {note}");
                }
                found.extend(index.lookup(other, &c.code, None).unwrap_or_default());
            }
        }
    }
    if found.is_empty() {
        if let Some(v) = index.find_vendor(typed) {
            let id = &index.vendors()[v].id;
            return Ok(usage_error(&format!(
                "`{typed}` is a vendor; name a code too: errdex show {id} CODE"
            )));
        }
        say!("errdex: no catalog has a code `{typed}` (`errdex search {typed}` looks further)");
        return Ok(EXIT_NOT_FOUND);
    }
    output::print_show(index, &found, json, out)
}

/// `errdex 404`, `errdex ECONNREFUSED`: a first word that is not a command (nor an option) is
/// a search, as `rg PATTERN` is; `search` is put before it. A word close to a command's name
/// is still searched for, and the search says which command was perhaps meant.
fn with_bare_search(mut argv: Vec<std::ffi::OsString>) -> Vec<std::ffi::OsString> {
    let cmd = command();
    let takes_value = |arg: Option<&clap::Arg>| arg.is_some_and(|a| a.get_action().takes_values());
    let mut i = 1;
    while i < argv.len() {
        let word = argv[i].to_string_lossy().into_owned();
        if word == "--" {
            return argv;
        }
        if let Some(long) = word.strip_prefix("--") {
            let arg = cmd.get_arguments().find(|a| a.get_long() == Some(long));
            i += if takes_value(arg) { 2 } else { 1 };
            continue;
        }
        let number = word.parse::<f64>().is_ok();
        if word.len() > 1 && word.starts_with('-') && !number {
            let short = word.chars().nth(1);
            let arg = cmd.get_arguments().find(|a| a.get_short() == short);
            i += if word.len() == 2 && takes_value(arg) {
                2
            } else {
                1
            };
            continue;
        }
        let is_command = word == "help"
            || cmd
                .get_subcommands()
                .any(|s| s.get_name() == word || s.get_all_aliases().any(|a| a == word));
        if !is_command {
            if let Some(near) = cmd
                .get_subcommands()
                .map(|s| s.get_name())
                .find(|name| word.len() >= 3 && resolve::is_slip(&word, name))
            {
                say!("errdex: note: searching for `{word}`; the command is `errdex {near}`");
            }
            argv.insert(i, "search".into());
        }
        return argv;
    }
    argv
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
