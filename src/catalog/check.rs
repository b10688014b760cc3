//! `errdex catalog check`: validate catalog files before they are shipped or loaded.
//!
//! Each file is loaded exactly as errdex loads user catalogs ([`load_path`]), so a file that
//! passes here loads everywhere. On top of that, the set of files is checked as a whole: two
//! files with the same (vendor, edition) would silently replace one another at load time, so
//! the later one is reported at its `"edition"` key.

use super::load::{catalog_files, load_path};
use super::loaded::{CatalogProblem, Loaded, Origin, Rows, TooLarge};
use super::model::EntryFields;
use super::validate::{every_problem_in_file, locate_member};
use std::collections::HashMap;
use std::path::PathBuf;

/// Checking keeps no rows, only their number.
#[derive(Debug, Default)]
pub struct Count(pub usize);

impl Rows for Count {
    fn for_vendor(_: &str) -> Count {
        Count(0)
    }

    fn push(&mut self, _: &EntryFields<'_>) -> Result<(), TooLarge> {
        self.0 += 1;
        Ok(())
    }

    fn append(&mut self, later: Count) -> Result<(), TooLarge> {
        self.0 += later.0;
        Ok(())
    }
}

/// What checking a set of paths found: every problem, and how many catalog files were read.
#[derive(Debug, Default)]
pub struct CheckReport {
    pub problems: Vec<CatalogProblem>,
    /// Catalog files looked at (folders count their `*.json` files).
    pub files: usize,
    /// Entries of the folders given that are not catalog files, one line per folder.
    pub notices: Vec<String>,
}

impl CheckReport {
    /// Number of distinct files with at least one problem.
    pub fn files_with_problems(&self) -> usize {
        let mut files: Vec<&str> = self.problems.iter().map(|p| p.file.as_str()).collect();
        files.sort_unstable();
        files.dedup();
        files.len()
    }
}

/// Validates each file (or every `*.json` file of each folder) and reports duplicate
/// (vendor, edition) pairs across them. Problems come in the order of the paths given.
pub fn check_paths(paths: &[PathBuf]) -> Vec<CatalogProblem> {
    check(paths).problems
}

/// [`check_paths`] with the number of files read, for the summary line.
pub fn check(paths: &[PathBuf]) -> CheckReport {
    let mut report = CheckReport::default();
    let mut loaded: Vec<Loaded<Count>> = Vec::new();
    for path in paths {
        let found = load_path::<Count>(path, &mut |_| {});
        // A path that cannot be listed is a problem, not a file.
        let files = catalog_files(path).map_or(0, |listed| listed.files.len());
        if path.is_dir() && files == 0 {
            report.problems.push(CatalogProblem::whole_file(
                path.display(),
                "this folder holds no catalog files (*.json); nothing to check",
            ));
        }
        report.files += files;
        // Loading stops at a file's first problem; checking says them all.
        for problem in found.problems {
            let file = std::path::Path::new(&problem.file);
            let all = if problem.line > 0 && file.is_file() {
                every_problem_in_file(file)
            } else {
                Vec::new()
            };
            if all.is_empty() {
                report.problems.push(problem);
            } else {
                report.problems.extend(all);
            }
        }
        report.notices.extend(found.notices);
        loaded.extend(found.catalogs);
    }
    report.problems.extend(duplicates(&loaded));
    report
}

/// The second and later files that define a (vendor, edition) pair already defined.
fn duplicates(loaded: &[Loaded<Count>]) -> Vec<CatalogProblem> {
    let mut first: HashMap<(&str, &str), &Origin> = HashMap::new();
    let mut problems = Vec::new();
    for l in loaded {
        let key = (l.header.vendor.id.as_str(), l.header.edition.id.as_str());
        let Some(earlier) = first.get(&key) else {
            first.insert(key, &l.origin);
            continue;
        };
        let file = l.origin.to_string();
        let (line, column) = match &l.origin {
            Origin::File(path) => std::fs::read_to_string(path)
                .map(|text| {
                    let body = text.strip_prefix('\u{feff}').unwrap_or(&text);
                    locate_member(body, &["edition"])
                })
                .unwrap_or((0, 0)),
            Origin::Embedded(_) => (0, 0),
        };
        problems.push(CatalogProblem {
            file,
            line,
            column,
            message: format!(
                "vendor `{}` edition `{}` is already defined in {earlier}; only one of them would \
                 load (give this edition its own edition.id)",
                key.0, key.1
            ),
        });
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &std::path::Path, name: &str, text: &str) -> PathBuf {
        let path = dir.join(name);
        std::fs::write(&path, text).unwrap();
        path
    }

    const GOOD: &str = "{\n  \"schema\": 1,\n  \"vendor\": {\"id\": \"acme\", \"name\": \"Acme\"},\n  \"edition\": {\"id\": \"v1\"},\n  \"entries\": [{\"code\": \"1\"}]\n}\n";

    #[test]
    fn duplicate_vendor_and_edition_is_located_at_the_later_edition_key() {
        let dir = tempfile::tempdir().unwrap();
        let a = write(dir.path(), "a.json", GOOD);
        let b = write(dir.path(), "b.json", GOOD);
        let report = check(&[a.clone(), b.clone()]);
        assert_eq!(report.files, 2);
        assert_eq!(report.problems.len(), 1, "{:?}", report.problems);
        let p = &report.problems[0];
        assert_eq!(
            (p.file.as_str(), p.line, p.column),
            (b.to_str().unwrap(), 4, 3)
        );
        assert!(p.message.contains("already defined in"), "{}", p.message);
        assert!(p.message.contains(a.to_str().unwrap()), "{}", p.message);
    }

    #[test]
    fn every_problem_of_a_file_is_reported_at_its_place() {
        let dir = tempfile::tempdir().unwrap();
        let text = "{\n  \"schema\": 1,\n  \"vendor\": {\"id\": \"acme\", \"name\": \"Acme\"},\n  \"edition\": {\"id\": \"v1\"},\n  \"entries\": [\n    {\"code\": \"1\", \"kind\": \"bogus\"},\n    {\"code\": \"2\", \"http_status\": 999},\n    {\"message\": \"no code\"},\n    {\"code\": \"4\", \"retry\": \"sometimes\"}\n  ]\n}\n";
        let path = write(dir.path(), "a.json", text);
        let report = check(std::slice::from_ref(&path));
        let got: Vec<(usize, &str)> = report
            .problems
            .iter()
            .map(|p| (p.line, p.message.as_str()))
            .collect();
        assert_eq!(got.len(), 4, "{got:#?}");
        let lines: Vec<usize> = got.iter().map(|g| g.0).collect();
        assert_eq!(lines, [6, 7, 8, 9], "{got:#?}");
        assert!(got[0].1.contains("entries[0].kind") && got[0].1.contains("bogus"));
        assert!(got[1].1.contains("entries[1].http_status 999"));
        assert!(got[2].1.contains("entries[2]") && got[2].1.contains("code"));
        assert!(got[3].1.contains("entries[3].retry"));
        assert_eq!(report.files_with_problems(), 1);
    }

    #[test]
    fn folders_missing_paths_and_empty_folders() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "a.json", GOOD);
        write(dir.path(), "b.json", "");
        let empty = dir.path().join("empty");
        std::fs::create_dir(&empty).unwrap();
        let report = check(&[
            dir.path().to_path_buf(),
            dir.path().join("nope.json"),
            empty,
        ]);
        assert_eq!(report.files, 2);
        let messages: Vec<String> = report.problems.iter().map(|p| p.to_string()).collect();
        assert_eq!(messages.len(), 3, "{messages:?}");
        assert!(messages[0].contains("empty"), "{messages:?}");
        assert!(messages[1].contains("no such file"), "{messages:?}");
        assert!(messages[2].contains("no catalog files"), "{messages:?}");
        assert_eq!(report.files_with_problems(), 3);
    }
}
