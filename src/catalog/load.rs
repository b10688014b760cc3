//! Loading catalog files: the user folder, then the paths given, each packed as it is read into
//! whatever the caller keeps rows in ([`Rows`]). A broken file is reported as
//! `file:line:col: message` and every other catalog still loads. The shipped catalogs are not
//! read here: build.rs checks them with this code and packs them into the binary
//! (`index::embedded`).

use super::loaded::{CatalogProblem, Loaded, Rows};
use super::model::Catalog;
use super::stream;
use crate::sanitize::line;
use std::path::{Path, PathBuf};

/// What loading produced: the catalogs that loaded, in load order, the problems of those that
/// did not or loaded only in part, and notices that are no problem (entries of a folder that
/// are not catalogs).
#[derive(Debug)]
pub struct Report<R> {
    pub catalogs: Vec<Loaded<R>>,
    pub problems: Vec<CatalogProblem>,
    pub notices: Vec<String>,
}

impl<R> Default for Report<R> {
    fn default() -> Self {
        Report {
            catalogs: Vec::new(),
            problems: Vec::new(),
            notices: Vec::new(),
        }
    }
}

impl<R> Report<R> {
    pub fn extend(&mut self, other: Report<R>) {
        self.catalogs.extend(other.catalogs);
        self.problems.extend(other.problems);
        self.notices.extend(other.notices);
    }
}

/// A catalog file larger than this is refused before it is read (README: Catalogs).
pub const MAX_CATALOG_BYTES: u64 = 1 << 30;

/// Which catalogs to load besides the embedded ones, in this order: the user folder (when it
/// exists), then each path (a file, or a folder of `*.json` files).
#[derive(Debug, Clone, Default)]
pub struct Sources {
    pub user_dir: Option<PathBuf>,
    pub paths: Vec<PathBuf>,
}

impl Sources {
    /// The user folder ([`user_catalog_dir`]) unless `no_user_catalogs`, then `paths`.
    pub fn new(paths: Vec<PathBuf>, no_user_catalogs: bool) -> Sources {
        Sources {
            user_dir: (!no_user_catalogs).then(user_catalog_dir).flatten(),
            paths,
        }
    }
}

/// The catalogs of `sources`, in order (the embedded ones are not read here: see
/// `catalog::embedded`). `progress` is told the bytes read so far and the bytes of all the
/// files to read.
pub fn load_sources<R: Rows>(sources: &Sources, progress: &mut dyn FnMut(u64, u64)) -> Report<R> {
    let mut report = Report::default();
    let user = sources.user_dir.as_deref().filter(|d| d.is_dir());
    let paths: Vec<&Path> = user
        .into_iter()
        .chain(sources.paths.iter().map(PathBuf::as_path))
        .collect();
    let total: u64 = paths
        .iter()
        .filter_map(|p| catalog_files(p).ok())
        .flat_map(|listed| listed.files)
        .filter_map(|f| std::fs::metadata(f).ok())
        .map(|m| m.len())
        .sum();
    let mut done = 0;
    for path in paths {
        let mut seen = 0;
        report.extend(load_path(path, &mut |n| {
            seen = n;
            progress(done + n, total);
        }));
        done += seen;
    }
    report
}

/// Loads a catalog file, or every `*.json` file of a folder (sorted by name, not recursive).
/// `progress` is told the bytes read so far, across all the files.
pub fn load_path<R: Rows>(path: &Path, progress: &mut dyn FnMut(u64)) -> Report<R> {
    let mut report = Report::default();
    let listed = match catalog_files(path) {
        Ok(listed) => listed,
        Err(problem) => {
            report.problems.push(problem);
            return report;
        }
    };
    if !listed.skipped.is_empty() {
        report.notices.push(format!(
            "{}: skipped {} that {} not catalogs: {}",
            line(&path.display().to_string()),
            plural(listed.skipped.len(), "entry", "entries"),
            if listed.skipped.len() == 1 {
                "is"
            } else {
                "are"
            },
            line(&listed.skipped.join(", "))
        ));
    }
    let mut done = 0;
    for file in listed.files {
        if let Err(problem) = readable_file(&file) {
            report.problems.push(problem);
            continue;
        }
        let mut seen = 0;
        match stream::read_file(&file, &mut |n| {
            seen = n;
            progress(done + n)
        }) {
            Ok(mut loaded) => {
                if let Some(problem) = lower_case_vendor(&mut loaded.header, &file) {
                    report.problems.push(problem);
                }
                report.catalogs.push(loaded)
            }
            Err(problem) => report.problems.push(problem),
        }
        done += seen;
    }
    report
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Vendor ids are lower case, as `show`, `--vendor` and the query language look them up: an id
/// written otherwise is loaded lower-cased, with a problem at its place saying so.
fn lower_case_vendor(header: &mut Catalog, file: &Path) -> Option<CatalogProblem> {
    let id = &header.vendor.id;
    let lower = id.to_lowercase();
    if *id == lower {
        return None;
    }
    let text = std::fs::read_to_string(file).unwrap_or_default();
    let body = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let (line, column) = super::validate::locate_member(body, &["vendor", "id"]);
    let problem = CatalogProblem {
        file: file.display().to_string(),
        line,
        column,
        message: format!(
            "vendor.id `{id}` must be lower case; it is loaded as `{lower}` (write \"id\": \"{lower}\")"
        ),
    };
    header.vendor.id = lower;
    Some(problem)
}

/// Refuses at once what reading would block on or never finish: a FIFO, a device, a socket,
/// a symlink loop, a file over [`MAX_CATALOG_BYTES`]. Returns the file's size.
pub fn readable_file(path: &Path) -> Result<u64, CatalogProblem> {
    let refuse = |message: String| Err(CatalogProblem::whole_file(path.display(), message));
    let meta = match std::fs::metadata(path) {
        Ok(meta) => meta,
        Err(e) => return refuse(missing(path, &e)),
    };
    if meta.is_dir() {
        return refuse("is a folder, not a catalog file".into());
    }
    if let Some(kind) = crate::files::special_kind(&meta.file_type()) {
        return refuse(format!(
            "is {kind}, not a regular file; errdex reads only regular files"
        ));
    }
    if meta.len() > MAX_CATALOG_BYTES {
        return refuse(format!(
            "is {} MiB, over the {} MiB a catalog may be",
            meta.len() >> 20,
            MAX_CATALOG_BYTES >> 20
        ));
    }
    Ok(meta.len())
}

/// Why `path` cannot be looked at: missing, a dangling link, a symlink loop, no permission.
fn missing(path: &Path, err: &std::io::Error) -> String {
    let link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    // ELOOP: std has no stable ErrorKind for it.
    if err.raw_os_error() == Some(40) {
        "is a symbolic link loop (too many levels of symbolic links)".into()
    } else if link && err.kind() == std::io::ErrorKind::NotFound {
        "is a symbolic link to a file that does not exist".into()
    } else if err.kind() == std::io::ErrorKind::NotFound {
        "no such file or folder".into()
    } else {
        format!("cannot read: {err}")
    }
}

/// `$XDG_CONFIG_HOME/errdex/catalogs`, else `~/.config/errdex/catalogs`.
pub fn user_catalog_dir() -> Option<PathBuf> {
    let base = std::env::var_os("XDG_CONFIG_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".config")))?;
    Some(base.join("errdex").join("catalogs"))
}

/// What a catalog path names: the catalog files to read, and the entries of a folder that are
/// left out (named, with why), for one notice.
#[derive(Debug, Default)]
pub(crate) struct Listed {
    pub files: Vec<PathBuf>,
    pub skipped: Vec<String>,
}

/// The catalog files at `path`: the file itself, or the `*.json` files of a folder (sorted by
/// name, not recursive). The JSON Schema and the kinds beside the shipped catalogs are left
/// out without a word; other entries that are not catalog files are listed in `skipped`.
pub(crate) fn catalog_files(path: &Path) -> Result<Listed, CatalogProblem> {
    let meta = std::fs::metadata(path)
        .map_err(|e| CatalogProblem::whole_file(path.display(), missing(path, &e)))?;
    if !meta.is_dir() {
        return Ok(Listed {
            files: vec![path.to_path_buf()],
            skipped: Vec::new(),
        });
    }
    let dir = std::fs::read_dir(path).map_err(|err| {
        CatalogProblem::whole_file(path.display(), format!("cannot read folder: {err}"))
    })?;
    let mut listed = Listed::default();
    for entry in dir.filter_map(Result::ok) {
        let p = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        let json = p.extension().is_some_and(|x| x == "json");
        if json && (name == "schema.json" || name == "kinds.json") {
            continue;
        }
        let why = match std::fs::metadata(&p) {
            Err(e) => Some(missing(&p, &e).trim_start_matches("is ").to_string()),
            Ok(m) if m.is_dir() => Some("a folder".to_string()),
            Ok(m) => crate::files::special_kind(&m.file_type()).map(str::to_string),
        };
        match why {
            None if json => listed.files.push(p),
            None => listed.skipped.push(format!("{name} (not *.json)")),
            Some(why) => listed.skipped.push(format!("{name} ({why})")),
        }
    }
    listed.files.sort();
    listed.skipped.sort();
    Ok(listed)
}
