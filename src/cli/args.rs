//! Command-line arguments (the CLI contract of DESIGN.md).

use super::config::Config;
use crate::catalog::Sources;
use crate::clipboard;
use crate::tui::Palette;
use clap::{CommandFactory, Parser, Subcommand};
use std::path::PathBuf;

/// `errdex --help` and the man page end with this.
const AFTER_LONG_HELP: &str = "Without a command, errdex opens the terminal explorer.

Exit status: 0 found, 1 nothing found, 2 usage or input error, or output that cannot be written.

Files: $XDG_CONFIG_HOME/errdex/config.toml (default ~/.config/errdex/config.toml), the settings \
(`errdex config`); $XDG_CONFIG_HOME/errdex/catalogs/*.json, user catalogs.

Environment: ERRDEX_CONFIG, another config file; NO_COLOR, no colours; XDG_CONFIG_HOME.";

#[derive(Debug, Parser)]
#[command(
    name = "errdex",
    version,
    about = "Find out what an API error code means, fast, offline.",
    after_help = "Without a command, errdex opens the terminal explorer.",
    after_long_help = AFTER_LONG_HELP
)]
pub struct Args {
    /// Read settings from this file instead of $XDG_CONFIG_HOME/errdex/config.toml.
    #[arg(long, global = true, value_name = "PATH")]
    pub config: Option<PathBuf>,

    /// Also load this catalog file or folder (repeatable).
    #[arg(long, global = true, value_name = "PATH")]
    pub catalog: Vec<PathBuf>,

    /// Do not load user catalogs from $XDG_CONFIG_HOME/errdex/catalogs.
    #[arg(long, global = true)]
    pub no_user_catalogs: bool,

    /// The vendor to work on: selected in the explorer and `pick`, narrowing `search`, naming
    /// the vendor of `show`, `snippet` and `annotate`; refused by the other commands.
    #[arg(long, value_name = "ID", add = clap_complete::ArgValueCandidates::new(super::shell::vendor_candidates))]
    pub vendor: Option<String>,

    /// TUI: start with this filter query.
    #[arg(long, short, value_name = "Q")]
    pub query: Option<String>,

    /// TUI: leave the mouse to the terminal (text selection works as usual).
    #[arg(long, conflicts_with = "mouse")]
    pub no_mouse: bool,

    /// TUI: take the mouse, whatever the config file says.
    #[arg(long)]
    pub mouse: bool,

    /// TUI: colours for a dark or a light terminal background [default: auto, the terminal's].
    #[arg(long, value_enum)]
    pub theme: Option<Palette>,

    /// How copied text reaches the clipboard [default: auto].
    #[arg(long, value_enum, global = true)]
    pub clipboard: Option<clipboard::Mode>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

impl Args {
    /// The catalogs to load besides the embedded ones: the config file's, then `--catalog`'s.
    pub fn sources(&self, config: &Config) -> Sources {
        let paths = config.catalogs.value.iter().chain(&self.catalog).cloned();
        Sources::new(paths.collect(), self.no_user_catalogs)
    }

    /// The config file's settings with the flags given laid over them.
    pub fn settings(&self) -> Config {
        let mut config = Config::load(self.config.as_deref());
        config.theme.overridden(self.theme, "--theme");
        let mouse = (self.mouse || self.no_mouse).then_some(self.mouse);
        let mouse_flag = if self.mouse { "--mouse" } else { "--no-mouse" };
        config.mouse.overridden(mouse, mouse_flag);
        config.clipboard.overridden(self.clipboard, "--clipboard");
        if let Some(Command::Snippet { lang, .. }) = &self.command {
            config.snippet_lang.overridden(*lang, "--lang");
        }
        config
    }
}

/// The command line as clap parses, completes and documents it. Global options are described
/// in `errdex --help`; each subcommand's help names them in one line instead of repeating them.
pub fn command() -> clap::Command {
    with_globals_named(|a| a.hide_short_help(true).hide_long_help(true))
}

/// [`command`] for the man pages: a command's page names the global options in one line too.
pub fn man_command() -> clap::Command {
    with_globals_named(|a| a.hide(true))
}

fn with_globals_named(quiet: fn(clap::Arg) -> clap::Arg) -> clap::Command {
    let mut cmd = Args::command();
    let globals: Vec<clap::Arg> = cmd
        .get_arguments()
        .filter(|a| a.is_global_set())
        .cloned()
        .collect();
    let note = format!(
        "Global options: {} (see errdex --help).",
        globals
            .iter()
            .filter_map(|a| Some(format!("--{}", a.get_long()?)))
            .collect::<Vec<_>>()
            .join(", ")
    );
    // clap copies a global option into each subcommand when it builds, unless the subcommand
    // has it already: these copies, out of the help, still parse (and complete, unless hidden).
    let quiet: Vec<clap::Arg> = globals.into_iter().map(quiet).collect();
    for name in subcommand_names(&cmd) {
        cmd = cmd.mut_subcommand(name, |sc| name_globals(sc, &quiet, &note));
    }
    // `errdex search --help` (and its man page) spells out the query language.
    cmd.mut_subcommand("search", |sc| {
        sc.after_long_help(format!("{}\n\n{note}", crate::query::help()))
    })
}

fn subcommand_names(cmd: &clap::Command) -> Vec<String> {
    cmd.get_subcommands()
        .map(|c| c.get_name().to_string())
        .collect()
}

fn name_globals(mut sc: clap::Command, globals: &[clap::Arg], note: &str) -> clap::Command {
    for name in subcommand_names(&sc) {
        sc = sc.mut_subcommand(name, |c| name_globals(c, globals, note));
    }
    sc.args(globals.iter().cloned())
        .after_help(note.to_string())
}

/// When to colour output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// What `errdex pick` prints for the chosen entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum PickPrint {
    /// The code.
    Code,
    /// The entry as `show --json` prints it.
    Json,
    /// The match arm `y` copies, in the explorer's snippet language.
    Arm,
    /// The message.
    Message,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List vendors with their editions and entry counts.
    Vendors {
        /// Print a JSON array: {"id","name","type","aliases","entries","editions"} each.
        #[arg(long)]
        json: bool,
    },
    /// Search every catalog: codes, words, field terms (--help: the whole query language).
    #[command(allow_negative_numbers = true)]
    Search {
        /// The query; several words are joined.
        query: Vec<String>,
        /// At most this many results.
        #[arg(long, short = 'n', value_name = "N")]
        limit: Option<usize>,
        /// Print a JSON array of entries, each with its "tier" and "score".
        #[arg(long)]
        json: bool,
        /// Highlight matched text: on a terminal (auto, unless NO_COLOR is set), always, never.
        #[arg(long, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
        color: ColorChoice,
    },
    /// Show one vendor's entry for a code, or every catalog's entries for a code.
    #[command(allow_negative_numbers = true)]
    Show {
        /// Vendor id, name or alias (`errdex vendors` lists them); alone, the code to show
        /// from every catalog (`errdex show 1302`).
        #[arg(value_name = "VENDOR", add = clap_complete::ArgValueCandidates::new(super::shell::vendor_or_code_candidates))]
        vendor: String,
        /// The error code, or its symbol or alias (`errno ENOENT`); leading zeros and a sign
        /// are read as the number (`mantago 01004`, `errno -111`).
        #[arg(add = clap_complete::ArgValueCandidates::new(super::shell::code_candidates))]
        code: Option<String>,
        /// An older edition of the vendor's table.
        #[arg(long, value_name = "E", add = clap_complete::ArgValueCandidates::new(super::shell::edition_candidates))]
        edition: Option<String>,
        /// Print the entry as a JSON object (an array for a code listed twice).
        #[arg(long)]
        json: bool,
    },
    /// Decode a pasted error response (JSON, log lines, HTTP output) from FILE or stdin.
    Decode {
        /// The file to read; `-` or nothing reads standard input.
        file: Option<PathBuf>,
        /// Print {"errors":[…]}: each error with its matches and suggestions.
        #[arg(long)]
        json: bool,
    },
    /// Copy a log to stdout, with a line under each error errdex identifies saying what it is.
    Annotate(super::annotate::Options),
    /// Code for a vendor's errors: match arms for CODEs, or a whole enum.
    #[command(allow_negative_numbers = true)]
    Snippet {
        /// Vendor id, name or alias (`errdex vendors` lists them).
        #[arg(add = clap_complete::ArgValueCandidates::new(super::shell::vendor_or_code_candidates))]
        vendor: String,
        /// The codes to write match arms for, or their symbols (none: an enum of every code).
        #[arg(value_name = "CODE", add = clap_complete::ArgValueCandidates::new(super::shell::code_candidates))]
        codes: Vec<String>,
        /// The language to write [default: rust, or the config file's snippet_lang].
        #[arg(long, short, value_enum)]
        lang: Option<crate::snippet::Lang>,
        /// A complete enum (for the CODEs given, or every code of the vendor).
        #[arg(long = "enum")]
        enumeration: bool,
        /// The enum and the type of the vendor's error body, as its catalog's envelope
        /// describes it, parsed from JSON by the language's usual library.
        #[arg(long)]
        envelope: bool,
    },
    /// Pick an entry in the explorer (drawn on the terminal even when stdout is a pipe); Enter
    /// prints it to stdout and exits 0, Esc or q print nothing and exit 1.
    Pick {
        /// Start with this filter query.
        #[arg(long, short, value_name = "Q")]
        query: Option<String>,
        /// Start with this vendor selected.
        #[arg(long, value_name = "ID")]
        vendor: Option<String>,
        /// What to print for the chosen entry.
        #[arg(long, value_enum, default_value_t = PickPrint::Code)]
        print: PickPrint,
        /// The snippet language for `--print arm` (L changes it in the explorer).
        #[arg(long, short, value_enum)]
        lang: Option<crate::snippet::Lang>,
        /// Leave the mouse to the terminal.
        #[arg(long)]
        no_mouse: bool,
    },
    /// Serve the Language Server Protocol on stdin and stdout: hovers, inlay hints and code
    /// actions for the error codes in code and logs (docs/editors.md: Neovim, Helix, VS Code).
    Lsp {
        /// Accepted as editors' clients pass it; stdin and stdout are the only transport.
        #[arg(long, hide = true)]
        stdio: bool,
    },
    /// Check, import and compare catalogs.
    #[command(subcommand)]
    Catalog(crate::cli::CatalogCommand),
    /// Show the settings in force and where each comes from (default, config file, flag).
    Config {
        /// Write a commented config file with every setting at its default (never over one).
        #[arg(long)]
        init: bool,
    },
    /// Print a completion script for the shell (README: Shell completion).
    Completions {
        /// The shell to complete in.
        shell: clap_complete::Shell,
        /// A script that completes without asking errdex (no vendor ids).
        #[arg(long = "static")]
        fixed: bool,
    },
    /// Print the man page (`errdex man | man -l -`), or a command's (`errdex man show`).
    Man {
        /// The command whose page to print (`catalog check`): errdex-catalog-check(1).
        #[arg(value_name = "COMMAND")]
        path: Vec<String>,
        /// Write every page (errdex.1, errdex-show.1, …) into this folder instead.
        #[arg(long, value_name = "DIR", conflicts_with = "path")]
        out_dir: Option<PathBuf>,
    },
}

impl Command {
    /// The command's name as typed (`errdex NAME`).
    pub fn name(&self) -> &'static str {
        match self {
            Command::Vendors { .. } => "vendors",
            Command::Search { .. } => "search",
            Command::Show { .. } => "show",
            Command::Decode { .. } => "decode",
            Command::Annotate(_) => "annotate",
            Command::Snippet { .. } => "snippet",
            Command::Pick { .. } => "pick",
            Command::Catalog(_) => "catalog",
            Command::Config { .. } => "config",
            Command::Completions { .. } => "completions",
            Command::Man { .. } => "man",
            Command::Lsp { .. } => "lsp",
        }
    }

    /// Whether the global `--vendor` means something to this command (it narrows a search,
    /// names the vendor of `show`, `snippet` and `annotate`, and preselects it in `pick`).
    pub fn takes_vendor(&self) -> bool {
        matches!(
            self,
            Command::Search { .. }
                | Command::Show { .. }
                | Command::Snippet { .. }
                | Command::Annotate(_)
                | Command::Pick { .. }
        )
    }
}
