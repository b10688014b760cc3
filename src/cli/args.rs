//! Command-line arguments (the CLI contract of DESIGN.md).

use crate::catalog::Sources;
use crate::clipboard;
use clap::{Parser, Subcommand};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "errdex",
    version,
    about = "Find out what an API error code means, fast, offline.",
    after_help = "Without a command, errdex opens the terminal explorer."
)]
pub struct Args {
    /// Also load this catalog file or folder (repeatable).
    #[arg(long, global = true, value_name = "PATH")]
    pub catalog: Vec<PathBuf>,

    /// Do not load user catalogs from $XDG_CONFIG_HOME/errdex/catalogs.
    #[arg(long, global = true)]
    pub no_user_catalogs: bool,

    /// TUI: start with this vendor selected.
    #[arg(long, value_name = "ID")]
    pub vendor: Option<String>,

    /// TUI: start with this filter query.
    #[arg(long, short, value_name = "Q")]
    pub query: Option<String>,

    /// TUI: leave the mouse to the terminal (text selection works as usual).
    #[arg(long)]
    pub no_mouse: bool,

    /// How copied text reaches the clipboard.
    #[arg(long, value_enum, default_value_t = clipboard::Mode::Auto, global = true)]
    pub clipboard: clipboard::Mode,

    #[command(subcommand)]
    pub command: Option<Command>,
}

impl Args {
    /// The catalogs to load besides the embedded ones.
    pub fn sources(&self) -> Sources {
        Sources::new(self.catalog.clone(), self.no_user_catalogs)
    }
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
        #[arg(long)]
        json: bool,
    },
    /// Fuzzy search across all vendors (query terms: vendor: status: cat: code:).
    Search {
        /// The query; several words are joined.
        query: Vec<String>,
        /// At most this many results.
        #[arg(long, short = 'n', value_name = "N")]
        limit: Option<usize>,
        #[arg(long)]
        json: bool,
    },
    /// Show one vendor's entry for a code.
    Show {
        vendor: String,
        code: String,
        /// An older edition of the vendor's table.
        #[arg(long, value_name = "E")]
        edition: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Decode a pasted error response (JSON, log lines, HTTP output) from FILE or stdin.
    Decode {
        /// The file to read; `-` or nothing reads standard input.
        file: Option<PathBuf>,
        #[arg(long)]
        json: bool,
    },
    /// Copy a log to stdout, with a line under each error errdex identifies saying what it is.
    Annotate(super::annotate::Options),
    /// Code for a vendor's errors: match arms for CODEs, or a whole enum.
    Snippet {
        vendor: String,
        codes: Vec<String>,
        #[arg(long, short, value_enum, default_value_t = crate::snippet::Lang::Rust)]
        lang: crate::snippet::Lang,
        /// A complete enum (for the CODEs given, or every code of the vendor).
        #[arg(long = "enum")]
        enumeration: bool,
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
    /// Check, import and compare catalogs.
    #[command(subcommand)]
    Catalog(crate::cli::CatalogCommand),
}
