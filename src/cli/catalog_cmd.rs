//! `errdex catalog check|import|diff`: tools for people who write catalogs.
//!
//! Exit codes: `check` 0 when every file is good, 1 when there are problems (each printed as
//! `file:line:col: message` on stdout, then a summary line); `import` 0 with the draft written,
//! 2 on unreadable input, no table, or an output file that exists (without `--force`); `diff` 0
//! (differences or none; `--json` says which), 2 for an unknown vendor or edition. Usage and
//! input errors are one line on stderr.

use super::{EXIT_NOT_FOUND, EXIT_OK, EXIT_USAGE};

/// The shell's code for a command ended by Ctrl-C (128 + SIGINT).
const EXIT_INTERRUPTED: i32 = 130;
use crate::catalog::check;
use crate::catalog::diff::{Change, Diff, DiffOptions, diff_with};
use crate::catalog::import::{self, Format};
use crate::index::Index;
use crate::sanitize;
use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(Debug, clap::Subcommand)]
pub enum CatalogCommand {
    /// Validate catalog files; prints file:line:col for each problem.
    Check {
        /// Catalog files, or folders of them (every *.json file).
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
    /// Draft a catalog from a Markdown, HTML or CSV table.
    Import {
        /// The document holding the table (Markdown, HTML, CSV/TSV, or a plain-text scrape).
        file: PathBuf,
        /// Vendor id for the draft (lower case, e.g. `acme`).
        #[arg(long)]
        vendor: String,
        /// Vendor name (default: the name of a loaded vendor with this id, else the id).
        #[arg(long)]
        name: Option<String>,
        /// Write the draft here instead of stdout.
        #[arg(short = 'o', long)]
        output: Option<PathBuf>,
        /// Overwrite the output file if it exists.
        #[arg(long)]
        force: bool,
    },
    /// Rows added, removed and changed between two editions (default: the two newest).
    Diff {
        /// Vendor id, name or alias.
        #[arg(add = clap_complete::ArgValueCandidates::new(super::shell::vendor_candidates))]
        vendor: String,
        /// The older edition (default: the second newest).
        old: Option<String>,
        /// The newer edition (default: the newest).
        new: Option<String>,
        /// Also list rows that differ only in full-width vs ASCII punctuation (， vs ,).
        #[arg(long)]
        exact: bool,
        /// Print {"vendor","old","new","added","removed","changed","punctuation_only"}.
        #[arg(long)]
        json: bool,
    },
}

pub fn print_catalog(
    cmd: CatalogCommand,
    index: &Index,
    out: &mut impl Write,
) -> std::io::Result<i32> {
    match cmd {
        CatalogCommand::Check { paths } => run_check(&paths, out),
        CatalogCommand::Import {
            file,
            vendor,
            name,
            output,
            force,
        } => run_import(
            index,
            &file,
            &vendor,
            name.as_deref(),
            output.as_deref(),
            force,
            out,
        ),
        CatalogCommand::Diff {
            vendor,
            old,
            new,
            exact,
            json,
        } => run_diff(
            index,
            &vendor,
            old.as_deref(),
            new.as_deref(),
            exact,
            json,
            out,
        ),
    }
}

fn fail(message: &str) -> std::io::Result<i32> {
    say!("errdex: {}", sanitize::line(message));
    Ok(EXIT_USAGE)
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn run_check(paths: &[PathBuf], out: &mut impl Write) -> std::io::Result<i32> {
    let report = check::check(paths);
    for n in &report.notices {
        say!("errdex: note: {n}");
    }
    for p in &report.problems {
        writeln!(out, "{}", sanitize::line(&p.to_string()))?;
    }
    if report.problems.is_empty() {
        writeln!(
            out,
            "{} OK",
            plural(report.files, "catalog file", "catalog files")
        )?;
        Ok(EXIT_OK)
    } else {
        writeln!(
            out,
            "{} in {} ({} checked)",
            plural(report.problems.len(), "problem", "problems"),
            plural(report.files_with_problems(), "file", "files"),
            report.files
        )?;
        Ok(EXIT_NOT_FOUND)
    }
}

/// The largest table `catalog import` reads: far above any published error table, and below
/// what would take gigabytes of memory to draft (the draft is about six times the table).
const MAX_IMPORT_BYTES: u64 = 64 << 20;

fn run_import(
    index: &Index,
    file: &Path,
    vendor: &str,
    name: Option<&str>,
    output: Option<&Path>,
    force: bool,
    out: &mut impl Write,
) -> std::io::Result<i32> {
    let shown = file.display().to_string();
    // What reading would block on or never finish is refused by name (a missing file is the
    // read's own error, below).
    match crate::catalog::readable_file(file) {
        Err(problem) if std::fs::symlink_metadata(file).is_ok() => {
            return fail(&problem.to_string());
        }
        Ok(size) if size > MAX_IMPORT_BYTES => {
            return fail(&format!(
                "{shown} is {} MiB, over the {} MiB a table to import may be",
                size >> 20,
                MAX_IMPORT_BYTES >> 20
            ));
        }
        _ => {}
    }
    let bytes = match crate::files::read_regular(file, MAX_IMPORT_BYTES) {
        Ok(b) => b,
        Err(e) => return fail(&format!("cannot read {shown}: {e}")),
    };
    let Some(text) = decode_text(&bytes) else {
        return fail(&format!(
            "{shown} is not UTF-8 (or UTF-16 with a byte-order mark) text; convert it to UTF-8 first"
        ));
    };
    if let Some(path) = output
        && !force
        && path.exists()
    {
        return fail(&format!(
            "{} already exists; use --force to overwrite it",
            path.display()
        ));
    }
    // A vendor errdex already knows keeps its display name.
    let known_name = index
        .vendors()
        .iter()
        .position(|v| v.id == vendor)
        .map(|v| index.vendor_table(v).vendor().name.clone());
    let imported =
        match import::import_report(&text, vendor, name.or(known_name.as_deref()), &shown) {
            Ok(i) => i,
            Err(e) => return fail(&format!("{shown}: {e}")),
        };
    for w in &imported.warnings {
        let line = match w.line {
            Some(l) => format!("{shown}:{l}: {}", w.message),
            None => format!("{shown}: {}", w.message),
        };
        say!("errdex: warning: {}", sanitize::line(&line));
    }
    let mut json =
        serde_json::to_string_pretty(&imported.catalog).map_err(std::io::Error::other)?;
    json.push('\n');
    // A folder that is not there yet is made, as `man --out-dir` makes its own.
    if let Some(parent) = output
        .and_then(Path::parent)
        .filter(|p| !p.as_os_str().is_empty())
        && let Err(e) = std::fs::create_dir_all(parent)
    {
        return fail(&format!("cannot make the folder {}: {e}", parent.display()));
    }
    match output {
        None => out.write_all(json.as_bytes())?,
        Some(path) => match crate::files::write_atomically(path, json.as_bytes(), force) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                return fail(&format!(
                    "{} already exists; use --force to overwrite it",
                    path.display()
                ));
            }
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {
                say!("errdex: interrupted; {} is left as it was", path.display());
                // 128 + the signal, as a shell reports a process the signal ended.
                let code = crate::files::stopping_signal(&e).map_or(EXIT_INTERRUPTED, |s| 128 + s);
                return Ok(code);
            }
            Err(e) => return fail(&format!("cannot write {}: {e}", path.display())),
        },
    }
    let rows = imported.catalog.entries.len();
    let formats = describe_tables(&imported.tables);
    say!(
        "errdex: note: drafted {} from {formats}{}; write an English summary_en for each entry \
         (all null), and fill in the edition id, date and source, and the vendor's homepage and language",
        plural(rows, "entry", "entries"),
        output
            .map(|p| format!(" into {}", p.display()))
            .unwrap_or_default()
    );
    Ok(EXIT_OK)
}

/// "3 Markdown tables", "1 HTML table and 2 Markdown tables".
fn describe_tables(tables: &[import::TableSummary]) -> String {
    let mut kinds: Vec<(Format, usize)> = Vec::new();
    for t in tables {
        match kinds.iter_mut().find(|(f, _)| *f == t.format) {
            Some((_, n)) => *n += 1,
            None => kinds.push((t.format, 1)),
        }
    }
    kinds
        .iter()
        .map(|(f, n)| plural(*n, &format!("{f} table"), &format!("{f} tables")))
        .collect::<Vec<_>>()
        .join(" and ")
}

/// UTF-8 (BOM or not), or UTF-16 with a byte-order mark (spreadsheets save "Unicode text" so).
fn decode_text(bytes: &[u8]) -> Option<String> {
    let utf16 = |le: bool| {
        let body = &bytes[2..];
        if !body.len().is_multiple_of(2) {
            return None;
        }
        let units = body.chunks_exact(2).map(|c| {
            if le {
                u16::from_le_bytes([c[0], c[1]])
            } else {
                u16::from_be_bytes([c[0], c[1]])
            }
        });
        char::decode_utf16(units)
            .collect::<Result<String, _>>()
            .ok()
    };
    match bytes {
        [0xFF, 0xFE, ..] => utf16(true),
        [0xFE, 0xFF, ..] => utf16(false),
        _ => String::from_utf8(bytes.to_vec()).ok(),
    }
}

fn run_diff(
    index: &Index,
    vendor: &str,
    old: Option<&str>,
    new: Option<&str>,
    exact: bool,
    json: bool,
    out: &mut impl Write,
) -> std::io::Result<i32> {
    let Some(v) = index.find_vendor(vendor) else {
        let ids: Vec<&str> = index.vendors().iter().map(|v| v.id.as_str()).collect();
        return fail(&format!(
            "unknown vendor `{vendor}` (vendors: {})",
            ids.join(", ")
        ));
    };
    let info = &index.vendors()[v];
    // This vendor's editions only (other catalogs, maybe a million rows, stay packed).
    let unpacked: Vec<crate::catalog::Catalog> = info
        .editions
        .iter()
        .map(|&c| index.tables()[c].to_catalog())
        .collect();
    let editions: Vec<&crate::catalog::Catalog> = unpacked.iter().collect();
    let ids: Vec<&str> = editions.iter().map(|c| c.edition.id.as_str()).collect();
    let find = |id: &str| editions.iter().copied().find(|c| c.edition.id == id);
    let (old_cat, new_cat) = match (old, new) {
        (None, _) => {
            if editions.len() < 2 {
                return fail(&format!(
                    "{} has one edition ({}); there is nothing to compare it with",
                    info.id, ids[0]
                ));
            }
            (editions[1], editions[0])
        }
        (Some(o), n) => {
            let Some(oc) = find(o) else {
                return fail(&format!(
                    "{} has no edition `{o}` (editions: {})",
                    info.id,
                    ids.join(", ")
                ));
            };
            let n = n.unwrap_or(ids[0]);
            let Some(nc) = find(n) else {
                return fail(&format!(
                    "{} has no edition `{n}` (editions: {})",
                    info.id,
                    ids.join(", ")
                ));
            };
            (oc, nc)
        }
    };
    let d = diff_with(old_cat, new_cat, DiffOptions { exact });
    if json {
        super::output::write_json_line(out, &d)?;
    } else {
        write_diff_text(&d, old_cat.entries.len(), new_cat.entries.len(), out)?;
    }
    Ok(EXIT_OK)
}

fn write_diff_text(
    d: &Diff,
    old_rows: usize,
    new_rows: usize,
    out: &mut impl Write,
) -> std::io::Result<()> {
    let mut line = |s: String| writeln!(out, "{}", sanitize::line(&s));
    line(format!(
        "{}: {} ({old_rows} rows) → {} ({new_rows} rows): {} added, {} removed, {} changed",
        d.vendor,
        d.old,
        d.new,
        d.added.len(),
        d.removed.len(),
        d.changed.len()
    ))?;
    let row = |sign: char, e: &crate::catalog::Entry| {
        let status = e.http_status.map_or("-".to_string(), |s| s.to_string());
        format!("{sign} {}  {status}  {}", e.code, e.headline())
    };
    for e in &d.added {
        line(row('+', &e.entry))?;
    }
    for e in &d.removed {
        line(row('-', &e.entry))?;
    }
    for c in &d.changed {
        write_change(c, &mut line)?;
    }
    if !d.punctuation_only.is_empty() {
        line(format!(
            "({} differ only in full-width vs ASCII punctuation, such as ， and ,; --exact lists them)",
            plural(d.punctuation_only.len(), "more row", "more rows")
        ))?;
    }
    Ok(())
}

fn write_change(
    c: &Change,
    line: &mut impl FnMut(String) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let pad = " ".repeat(c.code.chars().count() + 2);
    for (i, f) in c.fields.iter().enumerate() {
        let lead = if i == 0 {
            format!("~ {}", c.code)
        } else {
            format!("  {pad}")
        };
        let value = |v: &serde_json::Value| serde_json::to_string(v).unwrap_or_default();
        line(format!(
            "{lead}  {}: {} → {}",
            f.field,
            value(&f.old),
            value(&f.new)
        ))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_with_bom_is_read() {
        let mut bytes = vec![0xFF, 0xFE];
        for u in "code\t錯".encode_utf16() {
            bytes.extend(u.to_le_bytes());
        }
        assert_eq!(decode_text(&bytes).as_deref(), Some("code\t錯"));
        assert_eq!(decode_text(b"\xff\x00abc"), None);
    }
}
