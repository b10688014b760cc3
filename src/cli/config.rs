//! The config file, `$XDG_CONFIG_HOME/errdex/config.toml`: defaults for what flags set. A flag
//! wins over the file, the file over errdex's default. A file that does not parse, an unknown
//! key or a bad value is one warning at `file:line:col`; that setting (every setting, when the
//! file does not parse) keeps its default and the rest of errdex goes on as usual.

use crate::clipboard;
use crate::snippet::Lang;
use crate::tui::Palette;
use clap::ValueEnum;
use std::fmt;
use std::path::{Path, PathBuf};
use toml::de::{DeTable, DeValue};

/// The variable naming another config file (`--config` wins over it).
pub const ENV_VAR: &str = "ERRDEX_CONFIG";

/// Where a setting's value came from, for `errdex config`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    Default,
    /// The config file, at this line.
    File(usize),
    /// This command-line flag.
    Flag(&'static str),
}

/// A value and where it came from.
#[derive(Debug, Clone)]
pub struct Setting<T> {
    pub value: T,
    pub origin: Origin,
}

impl<T> Setting<T> {
    fn default(value: T) -> Setting<T> {
        Setting {
            value,
            origin: Origin::Default,
        }
    }

    /// The flag's value when it was given.
    pub fn overridden(&mut self, flag: Option<T>, name: &'static str) {
        if let Some(value) = flag {
            *self = Setting {
                value,
                origin: Origin::Flag(name),
            };
        }
    }
}

/// The settings in force.
#[derive(Debug, Clone)]
pub struct Config {
    /// The config file looked at, and whether it was there to read.
    pub path: Option<PathBuf>,
    pub found: bool,
    pub snippet_lang: Setting<Lang>,
    pub theme: Setting<Palette>,
    pub mouse: Setting<bool>,
    pub clipboard: Setting<clipboard::Mode>,
    /// Catalog files or folders loaded after the user folder, before `--catalog` ones.
    pub catalogs: Setting<Vec<PathBuf>>,
    /// One line each, `file:line:col: what is wrong`.
    pub warnings: Vec<String>,
}

impl Config {
    /// errdex's own defaults, with no file.
    pub fn defaults(path: Option<PathBuf>) -> Config {
        Config {
            path,
            found: false,
            snippet_lang: Setting::default(Lang::default()),
            theme: Setting::default(Palette::default()),
            mouse: Setting::default(true),
            clipboard: Setting::default(clipboard::Mode::default()),
            catalogs: Setting::default(Vec::new()),
            warnings: Vec::new(),
        }
    }

    /// Reads the config file: `flag` (`--config`), else `$ERRDEX_CONFIG`, else the default
    /// place. A file named by the flag or the variable must exist; the default one need not.
    pub fn load(flag: Option<&Path>) -> Config {
        let named = flag.map(Path::to_path_buf).or_else(|| {
            std::env::var_os(ENV_VAR)
                .filter(|v| !v.is_empty())
                .map(PathBuf::from)
        });
        let path = named.clone().or_else(default_path);
        let mut config = Config::defaults(path.clone());
        let Some(path) = path else {
            return config;
        };
        match read_limited(&path) {
            Ok(text) => {
                config.found = true;
                config.apply(&path, &text);
            }
            // A link that leads nowhere is there, but unusable: said, not taken for no file.
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && is_symlink(&path) => {
                config.warnings.push(format!(
                    "{}: cannot read the config file: it is a symbolic link that leads to no file",
                    path.display()
                ))
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && named.is_none() => {}
            Err(e) => config.warnings.push(format!(
                "{}: cannot read the config file: {e}",
                path.display()
            )),
        }
        config
    }

    /// Takes the settings of `text`, the contents of the file at `path`.
    fn apply(&mut self, path: &Path, text: &str) {
        let at = |span: std::ops::Range<usize>| {
            let (line, col) = line_col(text, span.start);
            (format!("{}:{line}:{col}", path.display()), line)
        };
        let table = match DeTable::parse(text) {
            Ok(t) => t.into_inner(),
            Err(e) => {
                let (place, _) = at(e.span().unwrap_or(0..0));
                let message = e
                    .message()
                    .lines()
                    .next()
                    .unwrap_or("invalid TOML")
                    .to_string();
                self.warnings
                    .push(format!("{place}: {message}; the config file is not used"));
                return;
            }
        };
        let mut entries: Vec<_> = table.iter().collect();
        entries.sort_by_key(|(k, _)| k.span().start);
        let base = path.parent().unwrap_or(Path::new("."));
        for (key, value) in entries {
            let (place, line) = at(value.span());
            let name = key.get_ref().as_ref();
            let result = match name {
                // `lang`, as the flag is named; `snippet_lang` is read too.
                "lang" | "snippet_lang" => {
                    choice::<Lang>(value.get_ref()).map(|v| set(&mut self.snippet_lang, v, line))
                }
                "theme" => {
                    choice::<Palette>(value.get_ref()).map(|v| set(&mut self.theme, v, line))
                }
                "mouse" => match value.get_ref() {
                    DeValue::Boolean(b) => {
                        set(&mut self.mouse, *b, line);
                        Ok(())
                    }
                    other => Err(format!("expected true or false, found {}", kind(other))),
                },
                "clipboard" => choice::<clipboard::Mode>(value.get_ref())
                    .map(|v| set(&mut self.clipboard, v, line)),
                "catalogs" => {
                    paths(value.get_ref(), base).map(|v| set(&mut self.catalogs, v, line))
                }
                _ => {
                    let (place, _) = at(key.span());
                    self.warnings.push(format!(
                        "{place}: unknown setting `{}` (settings: {}); it is ignored",
                        crate::sanitize::line(name),
                        KEYS.join(", ")
                    ));
                    continue;
                }
            };
            if let Err(message) = result {
                self.warnings
                    .push(format!("{place}: {name}: {message}; the default is used"));
            }
        }
    }
}

/// The keys the file may set, as `errdex config --init` writes them.
const KEYS: [&str; 5] = ["lang", "theme", "mouse", "clipboard", "catalogs"];

/// A config file larger than this is not a config file.
const MAX_BYTES: u64 = 1 << 20;

fn set<T>(setting: &mut Setting<T>, value: T, line: usize) {
    *setting = Setting {
        value,
        origin: Origin::File(line),
    };
}

/// `$XDG_CONFIG_HOME/errdex/config.toml`, else `~/.config/errdex/config.toml`.
pub fn default_path() -> Option<PathBuf> {
    crate::catalog::user_catalog_dir().and_then(|dir| dir.parent().map(|d| d.join("config.toml")))
}

/// The file's text; a FIFO, device or huge file is refused rather than read forever.
fn is_symlink(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink())
}

fn read_limited(path: &Path) -> std::io::Result<String> {
    let bytes = crate::files::read_regular(path, MAX_BYTES)?;
    String::from_utf8(bytes)
        .map_err(|_| std::io::Error::new(std::io::ErrorKind::InvalidData, "not UTF-8 text"))
}

/// 1-based line and column (in characters) of byte `offset`.
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    (line, col)
}

fn kind(value: &DeValue<'_>) -> &'static str {
    match value {
        DeValue::String(_) => "a string",
        DeValue::Integer(_) => "a number",
        DeValue::Float(_) => "a number",
        DeValue::Boolean(_) => "true or false",
        DeValue::Datetime(_) => "a date",
        DeValue::Array(_) => "a list",
        DeValue::Table(_) => "a table",
    }
}

/// One of `T`'s values by name, as its flag takes them (aliases and case too).
fn choice<T: ValueEnum>(value: &DeValue<'_>) -> Result<T, String> {
    let names = || possible::<T>().join(", ");
    let DeValue::String(s) = value else {
        return Err(format!(
            "expected one of {}, found {}",
            names(),
            kind(value)
        ));
    };
    T::from_str(s, true).map_err(|_| {
        format!(
            "unknown value `{}` (expected one of {})",
            crate::sanitize::line(s),
            names()
        )
    })
}

/// A list of paths; `~/` is the home folder, and a relative path is taken from the config
/// file's folder.
fn paths(value: &DeValue<'_>, base: &Path) -> Result<Vec<PathBuf>, String> {
    let DeValue::Array(items) = value else {
        return Err(format!("expected a list of paths, found {}", kind(value)));
    };
    items
        .iter()
        .map(|item| match item.get_ref() {
            DeValue::String(s) => Ok(resolve(s, base)),
            other => Err(format!("expected a path (a string), found {}", kind(other))),
        })
        .collect()
}

fn resolve(path: &str, base: &Path) -> PathBuf {
    let home = std::env::var_os("HOME").filter(|h| !h.is_empty());
    match (path.strip_prefix("~/"), home) {
        (Some(rest), Some(home)) => PathBuf::from(home).join(rest),
        _ => base.join(path),
    }
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Origin::Default => f.write_str("default"),
            Origin::File(line) => write!(f, "config file, line {line}"),
            Origin::Flag(name) => write!(f, "flag {name}"),
        }
    }
}

/// Each setting of the config file: its key, what it does, and its line at the default (or an
/// example), as `errdex config --init` writes them and the man page lists them.
pub fn settings() -> Vec<(&'static str, String, &'static str)> {
    let langs = possible::<Lang>().join(", ");
    let themes = possible::<Palette>().join(", ");
    let modes = possible::<clipboard::Mode>().join(", ");
    vec![
        (
            "lang",
            format!("The language of `errdex snippet` and the explorer's snippets: {langs}."),
            "lang = \"rust\"",
        ),
        (
            "theme",
            format!(
                "The explorer's colours, for a dark or a light terminal background: {themes}; \
                 auto asks the terminal (COLORFGBG, else its answer to OSC 11) and takes dark \
                 when it does not say."
            ),
            "theme = \"auto\"",
        ),
        (
            "mouse",
            "Whether the explorer takes the mouse (false leaves text selection to the terminal)."
                .into(),
            "mouse = true",
        ),
        (
            "clipboard",
            format!("How copied text reaches the clipboard: {modes}."),
            "clipboard = \"auto\"",
        ),
        (
            "catalogs",
            "More catalog files or folders, loaded after ~/.config/errdex/catalogs and before \
             --catalog ones. `~/` is your home; a relative path starts from this file's folder."
                .into(),
            "catalogs = [\"~/work/error-catalogs\"]",
        ),
    ]
}

/// The commented file `errdex config --init` writes: every setting at its default, commented out.
pub fn template() -> String {
    let mut out = String::from(
        "# errdex settings. Flags on the command line win over these; `errdex config` shows\n\
         # what is in force and where each value comes from. Remove a `#` to set a value.\n",
    );
    for (_, what, line) in settings() {
        out.push('\n');
        for row in crate::tui::detail::wrap(&what, 88) {
            out.push_str(&format!("# {row}\n"));
        }
        out.push_str(&format!("# {line}\n"));
    }
    out
}

fn possible<T: ValueEnum>() -> Vec<String> {
    T::value_variants()
        .iter()
        .filter_map(|v| v.to_possible_value())
        .map(|p| p.get_name().to_string())
        .collect()
}

/// `errdex config`: the files read, then each setting in force as TOML, with where it came from.
pub fn print(
    config: &Config,
    flag_catalogs: &[PathBuf],
    user_dir: Option<&Path>,
    out: &mut impl std::io::Write,
) -> std::io::Result<()> {
    let shown = |p: &Path| crate::sanitize::line(&p.display().to_string()).into_owned();
    match &config.path {
        Some(p) if config.found => writeln!(out, "# config file: {} (read)", shown(p))?,
        Some(p) => match std::fs::symlink_metadata(p) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => writeln!(
                out,
                "# config file: {} (not there; `errdex config --init` writes one)",
                shown(p)
            )?,
            _ => writeln!(
                out,
                "# config file: {} (there, but not read: see the warning)",
                shown(p)
            )?,
        },
        None => writeln!(out, "# config file: none (no HOME or XDG_CONFIG_HOME)")?,
    }
    match user_dir {
        Some(d) if d.is_dir() => writeln!(out, "# user catalogs: {} (read)", shown(d))?,
        Some(d) => writeln!(out, "# user catalogs: {} (not there)", shown(d))?,
        None => writeln!(out, "# user catalogs: not loaded (--no-user-catalogs)")?,
    }
    let name = |v: Option<clap::builder::PossibleValue>| {
        v.map(|p| format!("\"{}\"", p.get_name()))
            .unwrap_or_default()
    };
    let quoted = |paths: &[PathBuf]| {
        let items: Vec<String> = paths
            .iter()
            .map(|p| toml_string(&p.display().to_string()))
            .collect();
        format!("[{}]", items.join(", "))
    };
    let rows = [
        (
            "lang",
            name(config.snippet_lang.value.to_possible_value()),
            &config.snippet_lang.origin,
        ),
        (
            "theme",
            name(config.theme.value.to_possible_value()),
            &config.theme.origin,
        ),
        (
            "mouse",
            config.mouse.value.to_string(),
            &config.mouse.origin,
        ),
        (
            "clipboard",
            name(config.clipboard.value.to_possible_value()),
            &config.clipboard.origin,
        ),
        (
            "catalogs",
            quoted(&config.catalogs.value),
            &config.catalogs.origin,
        ),
    ];
    let width = rows
        .iter()
        .map(|(k, v, _)| k.len() + v.chars().count() + 3)
        .max()
        .unwrap_or(0);
    for (key, value, origin) in rows {
        let line = format!("{key} = {value}");
        writeln!(
            out,
            "{}{} # {origin}",
            crate::sanitize::line(&line),
            " ".repeat(width.saturating_sub(line.chars().count()))
        )?;
    }
    if !flag_catalogs.is_empty() {
        writeln!(
            out,
            "# and from flag --catalog: {}",
            crate::sanitize::line(&quoted(flag_catalogs))
        )?;
    }
    Ok(())
}

/// A TOML basic string.
fn toml_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// `errdex config --init`: the commented template at the config path, never over a file.
pub fn init(config: &Config) -> Result<PathBuf, String> {
    use std::io::Write;
    let path = config
        .path
        .clone()
        .ok_or("no place for a config file: set HOME, XDG_CONFIG_HOME or --config")?;
    let shown = path.display().to_string();
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)
            .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    }
    let mut file = match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
    {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            let dangling = is_symlink(&path) && std::fs::metadata(&path).is_err();
            return Err(if dangling {
                format!("{shown} is a symbolic link that leads to no file; it is left as it is")
            } else {
                format!("{shown} already exists; it is left as it is")
            });
        }
        Err(e) => return Err(format!("cannot write {shown}: {e}")),
    };
    if let Err(e) = file.write_all(template().as_bytes()) {
        let _ = std::fs::remove_file(&path);
        return Err(format!("cannot write {shown}: {e}"));
    }
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(text: &str) -> Config {
        let mut c = Config::defaults(None);
        c.apply(Path::new("/c/config.toml"), text);
        c
    }

    #[test]
    fn every_setting_is_read_with_its_line() {
        let c = parsed(
            "snippet_lang = \"py\"\ntheme = \"light\"\nmouse = false\nclipboard = \"osc52\"\n\
             catalogs = [\"more\", \"/abs\"]\n",
        );
        assert!(c.warnings.is_empty(), "{:?}", c.warnings);
        assert_eq!(c.snippet_lang.value, Lang::Python);
        assert_eq!(c.snippet_lang.origin, Origin::File(1));
        assert_eq!(c.theme.value, Palette::Light);
        assert!(!c.mouse.value);
        assert_eq!(c.clipboard.value, clipboard::Mode::Osc52);
        assert_eq!(
            c.catalogs.value,
            [PathBuf::from("/c/more"), PathBuf::from("/abs")]
        );
        assert_eq!(c.catalogs.origin, Origin::File(5));
    }

    #[test]
    fn a_bad_value_is_one_warning_and_keeps_the_default() {
        let c = parsed("mouse = false\ntheme = \"purple\"\n  snippet_lang = 3\n");
        assert_eq!(c.warnings.len(), 2, "{:?}", c.warnings);
        assert_eq!(
            c.warnings[0],
            "/c/config.toml:2:9: theme: unknown value `purple` (expected one of auto, dark, light); \
             the default is used"
        );
        let lang = &c.warnings[1];
        assert!(
            lang.starts_with("/c/config.toml:3:18: snippet_lang: expected one of rust, "),
            "{lang}"
        );
        assert!(
            lang.ends_with(", found a number; the default is used"),
            "{lang}"
        );
        assert_eq!(c.theme.value, Palette::Auto);
        assert_eq!(c.theme.origin, Origin::Default);
        assert!(!c.mouse.value);
    }

    #[test]
    fn broken_toml_uses_every_default() {
        let c = parsed("mouse = false\ntheme = \"dark\n");
        assert_eq!(c.warnings.len(), 1, "{:?}", c.warnings);
        assert!(
            c.warnings[0].starts_with("/c/config.toml:2:"),
            "{:?}",
            c.warnings
        );
        assert!(c.mouse.value);
        let c = parsed("colour = \"red\"\n");
        assert_eq!(
            c.warnings,
            [
                "/c/config.toml:1:1: unknown setting `colour` (settings: lang, theme, \
              mouse, clipboard, catalogs); it is ignored"
            ]
        );
    }

    #[test]
    fn the_template_parses_to_the_defaults() {
        let c = parsed(&template());
        assert!(c.warnings.is_empty());
        assert_eq!(c.snippet_lang.origin, Origin::Default);
        let uncommented: String = template()
            .lines()
            .map(|l| {
                l.strip_prefix("# ")
                    .filter(|l| l.contains(" = "))
                    .unwrap_or("")
            })
            .collect::<Vec<_>>()
            .join("\n");
        let c = parsed(&uncommented);
        assert!(c.warnings.is_empty(), "{:?}", c.warnings);
        assert_eq!(c.catalogs.value.len(), 1);
    }
}
