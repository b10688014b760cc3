//! The plan every language's enum test follows. The whole test run has a budget of minutes on
//! two cores, and kotlinc alone takes minutes over every embedded catalog, so the plan
//! compiles what tells the writers' shapes apart, every unit in every language:
//!
//! - every company's catalog (`"type": "vendor"`: PIXNET, MantaGO, Tencent Cloud IM, Guo-Guo),
//!   the catalogs the body types and their sample bodies are for;
//! - the largest embedded catalog of each code shape ([`Codes`]): decimal integers that fit
//!   32 bits (win32's thousands), hex codes wider than 32 bits (hresult's), string codes
//!   (aws's); each is over the 1,000 codes past which the JVM languages take their large
//!   shape, so Java and Kotlin compile that shape as well as the small one;
//! - the vendors of hostile text and numbers (quotes, comment ends, escapes, markup, JSDoc tags,
//!   `i64::MIN` to `i64::MAX`, hex of every width, codes listed twice, colliding names).
//!
//! The other catalogs have a shape one of these has; their enums are still written in every
//! language, and every arm checked to be a line of its enum, without a compiler
//! (`arms_appear_verbatim_in_the_enum_of_the_same_language`). With
//! `ERRDEX_SNIPPETS_EVERY_CATALOG=1` the plan compiles every embedded catalog (after a change
//! to a writer, say): Kotlin's test alone then takes five minutes on two busy cores.
//!
//! For each unit the plan works out, independently of the writers, how the codes are typed
//! and what every lookup must answer (a table of cases in `cases/STEM.tsv`, which each
//! language's check program reads, so the program stays small however large the catalog), and
//! a sample of codes whose arms are compiled one by one: beside the vendor's enum, and beside
//! the enum of the sample alone (what `errdex snippet VENDOR CODE… --enum` and the explorer's
//! copies make).
//!
//! A language supplies a [`Harness`]: its templates (the files around each unit, the check
//! program) and its tools. [`check_enums`] writes the plan and runs them, every unit in one
//! compilation per language.

use crate::*;
use errdex::catalog::VendorType;
use std::time::Instant;

/// Set, this variable puts every embedded catalog in the plan.
const EVERY_CATALOG: &str = "ERRDEX_SNIPPETS_EVERY_CATALOG";

/// How many codes of a unit have their arms compiled one by one (all of them in a smaller
/// unit). Every arm of every unit is checked to be a line of its enum (see
/// `arms_appear_verbatim_in_the_enum_of_the_same_language`); the sample checks that an arm
/// also stands on its own.
const ARM_SAMPLE: usize = 64;

/// How a unit's codes are typed: integers when every code is a distinct integer written in
/// one base (all decimal, or all `0x` hex), else strings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Codes {
    Int {
        /// A code needs more than 32 bits (`long`, `int64`).
        wide: bool,
        /// The codes are written `0x…`.
        hex: bool,
    },
    Str,
}

/// What the lookups must answer for one distinct code.
pub struct Row {
    /// The code as the catalog writes it.
    pub text: String,
    /// The code as a number, in an integer unit.
    pub number: Option<i64>,
    /// Each row's headline as the catalog has it (spaces at either end included), joined with
    /// " / " for a code listed twice.
    pub message: String,
    pub status: Option<u16>,
    pub kind: Option<String>,
    pub retryable: bool,
    /// The code written with leading zeros (`001302`, `0x000010C`), which `parse` must
    /// accept too; `None` for a negative code and in string units.
    pub padded: Option<String>,
}

/// One unit of the plan, in one language.
pub struct Planned {
    pub unit: Unit,
    pub codes: Codes,
    pub rows: Vec<Row>,
    /// The enum of every code.
    pub text: String,
    /// The sampled codes' arms, as the CLI writes them (named in the vendor's enum).
    pub arms: Vec<(String, String)>,
    /// The enum of the sampled codes' rows alone, typed as the vendor's codes are.
    pub subset: String,
    /// The sampled codes' arms, named in [`Planned::subset`].
    pub subset_arms: Vec<(String, String)>,
}

impl Planned {
    pub fn stem(&self) -> String {
        self.unit.stem()
    }

    pub fn type_name(&self) -> String {
        self.unit.type_name()
    }

    /// The module, package or namespace the sample's enum lives in: `pixnet_errors_subset`.
    pub fn subset_stem(&self) -> String {
        format!("{}_subset", self.stem())
    }

    pub fn integers(&self) -> bool {
        matches!(self.codes, Codes::Int { .. })
    }

    pub fn wide(&self) -> bool {
        matches!(self.codes, Codes::Int { wide: true, .. })
    }

    /// Whether these codes of the unit are numbers in TypeScript and JavaScript: integer
    /// codes that `JSON.parse` reads exactly (up to 2^53).
    pub fn js_numbers<'a>(&self, mut codes: impl Iterator<Item = &'a str>) -> bool {
        const MAX_SAFE: i64 = (1 << 53) - 1;
        self.integers()
            && codes.all(|c| number(c).is_some_and(|n| (-MAX_SAFE..=MAX_SAFE).contains(&n)))
    }
}

/// The number a code spells: decimal (`-3`, `0042`) or `0x` hex (`0x80070005`).
pub fn number(code: &str) -> Option<i64> {
    if let Some(hex) = code.strip_prefix("0x").or_else(|| code.strip_prefix("0X")) {
        let digits = !hex.is_empty() && hex.bytes().all(|b| b.is_ascii_hexdigit());
        return digits.then(|| i64::from_str_radix(hex, 16).ok()).flatten();
    }
    let digits = code.strip_prefix('-').unwrap_or(code);
    let decimal = !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit());
    decimal.then(|| code.parse().ok()).flatten()
}

/// An integer code as the enums write it: decimal as a number (`-3` for `-03`), hex with its
/// digits as written (`0x80070005`).
pub fn int_literal(code: &str) -> String {
    match code.get(..2) {
        Some("0x" | "0X") => format!("0x{}", &code[2..]),
        _ => number(code).map_or(code.to_string(), |n| n.to_string()),
    }
}

fn is_hex(code: &str) -> bool {
    code.starts_with("0x") || code.starts_with("0X")
}

/// [`Codes`] for a set of codes.
pub fn codes(codes: &[&str]) -> Codes {
    let distinct: std::collections::BTreeSet<&str> = codes.iter().copied().collect();
    let numbers: Option<std::collections::BTreeSet<i64>> =
        distinct.iter().map(|c| number(c)).collect();
    let one_base = distinct.iter().all(|c| is_hex(c)) || !distinct.iter().any(|c| is_hex(c));
    match numbers {
        Some(n) if one_base && !n.is_empty() && n.len() == distinct.len() => Codes::Int {
            wide: n.iter().any(|&n| i32::try_from(n).is_err()),
            hex: distinct.iter().any(|c| is_hex(c)),
        },
        _ => Codes::Str,
    }
}

/// What the lookups of `u`'s enum must answer, one row per distinct code in catalog order:
/// the first status, kind and retry advice its rows give.
pub fn rows(u: &Unit, typed: Codes) -> Vec<Row> {
    let mut groups: Vec<(&str, Vec<&Entry>)> = Vec::new();
    for e in &u.entries {
        match groups.iter_mut().find(|(code, _)| *code == e.code) {
            Some((_, rows)) => rows.push(e),
            None => groups.push((&e.code, vec![e])),
        }
    }
    groups
        .into_iter()
        .map(|(code, entries)| {
            let mut messages: Vec<String> = Vec::new();
            for e in &entries {
                let headline = e.headline();
                if !messages.contains(&headline) {
                    messages.push(headline);
                }
            }
            let retry = entries.iter().find_map(|e| e.retry);
            let number = match typed {
                Codes::Int { .. } => number(code),
                Codes::Str => None,
            };
            let padded = match typed {
                Codes::Int { hex: true, .. } => Some(format!("0x00{}", &code[2..])),
                Codes::Int { hex: false, .. } if !code.starts_with('-') => {
                    Some(format!("00{code}"))
                }
                _ => None,
            };
            Row {
                text: code.to_string(),
                number,
                message: messages.join(" / "),
                status: entries.iter().find_map(|e| e.http_status),
                kind: entries
                    .iter()
                    .find_map(|e| e.kind)
                    .map(|k| k.id().to_string()),
                retryable: matches!(retry, Some(Retry::Backoff | Retry::Later)),
                padded,
            }
        })
        .collect()
}

/// The codes whose arms are compiled one by one: every code of a small unit; of a larger one,
/// the first and the last, every code listed more than once, and codes spread evenly between.
fn sample(u: &Unit, rows: &[Row]) -> Vec<String> {
    if rows.len() <= ARM_SAMPLE {
        return rows.iter().map(|r| r.text.clone()).collect();
    }
    let mut picked: std::collections::BTreeSet<usize> = [0, rows.len() - 1].into();
    for (i, r) in rows.iter().enumerate() {
        if u.entries.iter().filter(|e| e.code == r.text).count() > 1 {
            picked.insert(i);
        }
    }
    let step = rows.len() as f64 / ARM_SAMPLE as f64;
    let mut k = 0.0;
    while picked.len() < ARM_SAMPLE {
        picked.insert((k * step) as usize % rows.len());
        k += 1.0;
    }
    picked.into_iter().map(|i| rows[i].text.clone()).collect()
}

/// Every unit of the plan, written in `lang`.
pub fn plan(lang: Lang) -> Vec<Planned> {
    compiled_units()
        .into_iter()
        .map(|u| planned(lang, u))
        .collect()
}

/// The units of the plan (see the module's documentation): the companies' catalogs, the
/// largest embedded catalog of each code shape, the synthetic vendors.
pub fn compiled_units() -> Vec<Unit> {
    let mut units = Vec::new();
    // Per code shape, the catalog with the most distinct codes (the first of equals).
    let mut largest: Vec<(Codes, usize, Unit)> = Vec::new();
    let every_catalog = std::env::var_os(EVERY_CATALOG).is_some();
    for u in embedded_units() {
        if every_catalog {
            units.push(u);
            continue;
        }
        let (shape, size) = (u.codes(), u.rows().len());
        match largest.iter_mut().find(|(s, _, _)| *s == shape) {
            Some((_, most, _)) if *most >= size => {}
            Some(l) => *l = (shape, size, u.clone()),
            None => largest.push((shape, size, u.clone())),
        }
        if u.vendor.vendor_type == VendorType::Vendor {
            units.push(u);
        }
    }
    for (_, _, u) in largest {
        if !units.iter().any(|v: &Unit| v.vendor.id == u.vendor.id) {
            units.push(u);
        }
    }
    units.extend([
        synthetic(),
        synthetic_numbers(),
        markup_hostile(),
        extreme_numbers(),
        hex_numbers(),
        crate::javascript::jsdoc_tags(),
    ]);
    units
}

fn planned(lang: Lang, unit: Unit) -> Planned {
    let all = unit.refs();
    let typed = unit.codes();
    let rows = rows(&unit, typed);
    let snippets = Snippets::new(lang, &unit.vendor, &all);
    let text = snippets.enumeration(&all);
    let codes = sample(&unit, &rows);
    let every_arm = snippets.arms(&all);
    let arms: Vec<(String, String)> = every_arm
        .into_iter()
        .filter(|(code, _)| codes.contains(code))
        .collect();
    let subset: Vec<&Entry> = all
        .iter()
        .copied()
        .filter(|e| codes.contains(&e.code))
        .collect();
    Planned {
        subset: snippets.enumeration(&subset),
        subset_arms: snippets.arms(&subset),
        text,
        arms,
        rows,
        codes: typed,
        unit,
    }
}

/// `rows` as the check programs read them: a line per code, its fields separated by tabs:
/// the code's text, its number (in an integer unit), the message, the HTTP status, the kind,
/// `1` when retryable, the code with leading zeros (where `parse` must take it). Texts are
/// code points in decimal joined by `,`, so no program has to unescape anything; an absent
/// value is an empty field.
pub fn cases_file(rows: &[Row]) -> String {
    let mut out = String::new();
    for r in rows {
        let _ = writeln!(
            out,
            "{}\t{}\t{}\t{}\t{}\t{}\t{}",
            cps_list(&r.text),
            r.number.map_or(String::new(), |n| n.to_string()),
            cps_list(&r.message),
            r.status.map_or(String::new(), |s| s.to_string()),
            r.kind.as_deref().map_or(String::new(), cps_list),
            if r.retryable { "1" } else { "0" },
            r.padded.as_deref().map_or(String::new(), cps_list),
        );
    }
    out
}

/// Code points joined by `,` without spaces (empty for an empty text).
fn cps_list(s: &str) -> String {
    s.chars()
        .map(|c| (c as u32).to_string())
        .collect::<Vec<_>>()
        .join(",")
}

/// What a language supplies to [`check_enums`].
pub trait Harness {
    fn lang(&self) -> Lang;

    /// Writes `p`'s files into `dir`: the enum, a lookup of its own for each of
    /// [`Planned::arms`] beside it, and the sample's enum with its arms; what to compile.
    fn unit_files(&self, dir: &Path, p: &Planned) -> Vec<PathBuf>;

    /// Writes the check program: for each unit, every row of `cases/STEM.tsv` looked up and
    /// each lookup compared, the count of members, codes no enum holds, and each sampled arm
    /// against `from_code`; it prints `ok`. What to compile.
    fn program(&self, dir: &Path, units: &[Planned]) -> Vec<PathBuf>;

    /// Compiles `files` (every unit at once) and runs the check program: its stdout.
    fn build_and_run(&self, dir: &Path, files: &[PathBuf]) -> String;
}

/// The plan in `h`'s language: written, compiled in one go, and run. The time of each step
/// goes to stderr (`cargo test -- --nocapture` shows it).
pub fn check_enums(h: &dyn Harness) {
    let start = Instant::now();
    let units = plan(h.lang());
    let dir = workdir();
    let mut files = Vec::new();
    for p in &units {
        write(
            dir.path(),
            &format!("cases/{}.tsv", p.stem()),
            &cases_file(&p.rows),
        );
        files.extend(h.unit_files(dir.path(), p));
    }
    files.extend(h.program(dir.path(), &units));
    let written = start.elapsed();
    let out = h.build_and_run(dir.path(), &files);
    eprintln!(
        "{}: {} units ({} codes) written in {:.1?}, built and checked in {:.1?}",
        h.lang(),
        units.len(),
        units.iter().map(|p| p.rows.len()).sum::<usize>(),
        written,
        start.elapsed() - written
    );
    assert_eq!(out.trim(), "ok");
}

#[test]
fn the_plan_compiles_every_company_and_a_large_catalog_of_each_shape() {
    let units = compiled_units();
    let ids: Vec<&str> = units.iter().map(|u| u.vendor.id.as_str()).collect();
    for id in ["pixnet", "mantago", "tencent-im", "guo-guo", "weird-vendor"] {
        assert!(ids.contains(&id), "{id} is not compiled: {ids:?}");
    }
    // Past 1,000 codes the JVM languages take their large shape.
    for shape in [
        Codes::Int {
            wide: false,
            hex: false,
        },
        Codes::Int {
            wide: true,
            hex: true,
        },
        Codes::Str,
    ] {
        assert!(
            units
                .iter()
                .any(|u| u.codes() == shape && u.rows().len() > 1000),
            "no catalog of {shape:?} over 1,000 codes is compiled: {ids:?}"
        );
    }
}
