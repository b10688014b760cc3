//! The Windows families (win32, hresult, ntstatus): every code and name of their source files
//! (impacket's MS-ERREF table and the mingw-w64 headers, read here on their own, not through the
//! build script) is in its catalog, messages keep their placeholders, every entry has kind and
//! retry advice that fit, and each catalog loads through errdex's validating loader cleanly.

use errdex::catalog::{Catalog, Entry, check_paths, load_path};
use regex::Regex;
use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use std::sync::LazyLock;

const ACKNOWLEDGMENT: &str = "This product includes software developed by SecureAuth Corporation \
                              (https://www.secureauth.com/) and Fortra (https://www.fortra.com)";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn source(name: &str) -> String {
    std::fs::read_to_string(root().join("catalogs/tools/sources").join(name)).unwrap()
}

/// Each catalog file, loaded once the way errdex loads user catalogs, with no problem.
static CATALOGS: LazyLock<HashMap<&'static str, Catalog>> = LazyLock::new(|| {
    ["win32", "hresult", "ntstatus"]
        .into_iter()
        .map(|id| {
            let path = root().join(format!("catalogs/{id}.json"));
            let report = load_path::<Vec<Entry>>(&path, &mut |_| {});
            assert!(report.problems.is_empty(), "{id}: {:?}", report.problems);
            assert_eq!(report.catalogs.len(), 1, "{id}");
            let catalog = report.catalogs.into_iter().next().unwrap().catalog();
            assert_eq!(catalog.vendor.id, id);
            (id, catalog)
        })
        .collect()
});

fn load(id: &str) -> &'static Catalog {
    &CATALOGS[id]
}

/// The code as each family writes it: decimal for win32, 0x and 8 upper-case hex digits else.
fn code(family: &str, value: u32) -> String {
    if family == "win32" {
        value.to_string()
    } else {
        format!("0x{value:08X}")
    }
}

/// One row of windows-messages.tsv.
struct Row {
    family: String,
    value: u32,
    name: String,
    message: String,
}

fn message_rows() -> Vec<Row> {
    let text = source("windows-messages.tsv");
    let mut lines = text.lines();
    assert_eq!(
        lines.next().unwrap(),
        "family\tvalue_hex\tvalue_dec\tvalue_signed\tname\tmessage\tmingw_header"
    );
    lines
        .map(|line| {
            let f: Vec<&str> = line.split('\t').collect();
            assert_eq!(f.len(), 7, "{line}");
            let value = u32::from_str_radix(f[1].trim_start_matches("0x"), 16).unwrap();
            assert_eq!(f[2].parse::<u32>().unwrap(), value);
            assert_eq!(f[3].parse::<i32>().unwrap(), value as i32);
            Row {
                family: f[0].to_string(),
                value,
                name: f[4].to_string(),
                message: f[5].to_string(),
            }
        })
        .collect()
}

/// The value of a define's body, the way the C compiler computes it.
fn evaluate(body: &str, known: &HashMap<String, i64>) -> i64 {
    let body = body.trim();
    for wrapper in [
        "__MSABI_LONG(",
        "_HRESULT_TYPEDEF_(",
        "((HRESULT)",
        "((NTSTATUS)",
    ] {
        if let Some(inner) = body.strip_prefix(wrapper) {
            return evaluate(inner.strip_suffix(')').unwrap(), known);
        }
    }
    if let Some(inner) = body.strip_prefix("HRESULT_FROM_WIN32(") {
        let x = evaluate(inner.strip_suffix(')').unwrap(), known);
        return if x <= 0 {
            x
        } else {
            (x & 0xFFFF) | 0x8007_0000
        };
    }
    if let Some(inner) = body.strip_prefix('(').and_then(|b| b.strip_suffix(')')) {
        let (a, b) = inner.split_once('+').unwrap();
        return evaluate(a, known) + evaluate(b, known);
    }
    let digits = body.trim_end_matches(['L', 'U', 'l', 'u']);
    if let Some(hex) = digits.strip_prefix("0x").or(digits.strip_prefix("0X")) {
        return i64::from_str_radix(hex, 16).unwrap();
    }
    if let Ok(n) = digits.parse() {
        return n;
    }
    *known
        .get(body)
        .unwrap_or_else(|| panic!("cannot evaluate {body}"))
}

/// (name, body, value) of the object-like defines with a body, in file order.
fn defines(file: &str) -> Vec<(String, String, u32)> {
    let define = Regex::new(r"^\s*#\s*define\s+([A-Za-z_]\w*)(\()?\s*(.*?)\s*$").unwrap();
    let mut known = HashMap::new();
    let mut out = Vec::new();
    for line in source(file).lines() {
        let Some(m) = define.captures(line) else {
            continue;
        };
        if m.get(2).is_some() || m[3].is_empty() {
            continue;
        }
        let value = evaluate(&m[3], &known);
        known.insert(m[1].to_string(), value);
        out.push((m[1].to_string(), m[3].to_string(), value as u32));
    }
    out
}

/// family -> [(name, value)] of the headers' codes, split as the sources README counts them.
fn header_codes() -> BTreeMap<&'static str, Vec<(String, u32)>> {
    let other = Regex::new(r"^(FACILITY_|SEVERITY_)|_(FIRST|LAST)$|^(WSABASEERR|__IN__WINERROR_)$")
        .unwrap();
    let mut out: BTreeMap<&str, Vec<(String, u32)>> = BTreeMap::new();
    let winerror = defines("windows-winerror.h");
    assert_eq!(winerror.len(), 3612);
    for (name, body, value) in winerror {
        if other.is_match(&name) {
            continue;
        }
        let hresult = body.contains("_HRESULT_TYPEDEF_")
            || body.contains("(HRESULT)")
            || body.contains("HRESULT_FROM_WIN32")
            || value >= 0x10000;
        let family = if hresult { "hresult" } else { "win32" };
        out.entry(family).or_default().push((name, value));
    }
    let ntstatus = defines("windows-ntstatus.h");
    assert_eq!(ntstatus.len(), 1814);
    for (name, _, value) in ntstatus {
        if !name.starts_with("FACILITY_") && !name.starts_with("STATUS_SEVERITY_") {
            out.entry("ntstatus").or_default().push((name, value));
        }
    }
    let counts: Vec<usize> = out.values().map(Vec::len).collect();
    assert_eq!(counts, [1382, 1797, 2112], "hresult, ntstatus, win32");
    out
}

fn by_code(catalog: &Catalog) -> HashMap<&str, &Entry> {
    let map: HashMap<&str, &Entry> = catalog
        .entries
        .iter()
        .map(|e| (e.code.as_str(), e))
        .collect();
    assert_eq!(map.len(), catalog.entries.len(), "codes are unique");
    map
}

fn names(e: &Entry) -> impl Iterator<Item = &str> {
    e.symbol
        .as_deref()
        .into_iter()
        .chain(e.aliases.iter().map(String::as_str))
}

#[test]
fn every_code_and_name_of_the_sources_is_in_its_catalog() {
    let rows = message_rows();
    assert_eq!(rows.len(), 7472);
    let headers = header_codes();
    for family in ["win32", "hresult", "ntstatus"] {
        let catalog = load(family);
        let entries = by_code(catalog);
        let mut expected = Vec::new();
        expected.extend(
            rows.iter()
                .filter(|r| r.family == family)
                .map(|r| (r.name.clone(), r.value)),
        );
        expected.extend(headers[family].iter().cloned());
        for (name, value) in &expected {
            let c = code(family, *value);
            let e = entries
                .get(c.as_str())
                .unwrap_or_else(|| panic!("{family}: {c} ({name}) missing"));
            assert!(
                names(e).any(|n| n == name),
                "{family} {c}: {name} not among {:?}",
                e.aliases
            );
        }
        // Nothing else: every entry is a value of the sources, every name one of theirs.
        let values: std::collections::HashSet<String> =
            expected.iter().map(|(_, v)| code(family, *v)).collect();
        assert_eq!(values.len(), catalog.entries.len(), "{family}");
        let all_names: std::collections::HashSet<&str> =
            expected.iter().map(|(n, _)| n.as_str()).collect();
        for e in &catalog.entries {
            for n in names(e) {
                assert!(
                    all_names.contains(n),
                    "{family} {}: {n} is in no source",
                    e.code
                );
            }
        }
    }
}

#[test]
fn codes_are_written_in_the_family_form_and_in_numeric_order() {
    let hex = Regex::new(r"^0x[0-9A-F]{8}$").unwrap();
    for family in ["win32", "hresult", "ntstatus"] {
        let catalog = load(family);
        let mut previous = None;
        for e in &catalog.entries {
            let value = if family == "win32" {
                assert!(!e.code.starts_with('0') || e.code == "0", "{}", e.code);
                e.code.parse::<u32>().unwrap()
            } else {
                assert!(hex.is_match(&e.code), "{family} {}", e.code);
                u32::from_str_radix(&e.code[2..], 16).unwrap()
            };
            assert!(previous < Some(value), "{family} {} out of order", e.code);
            previous = Some(value);
        }
    }
    let win32 = by_code(load("win32")).len();
    assert_eq!(win32, 2768);
    assert_eq!(load("hresult").entries.len(), 3139);
    assert_eq!(load("ntstatus").entries.len(), 1805);
}

#[test]
fn messages_are_the_source_texts_with_their_placeholders() {
    let rows = message_rows();
    let catalogs = &*CATALOGS;
    let maps: HashMap<&str, HashMap<&str, &Entry>> =
        catalogs.iter().map(|(id, c)| (*id, by_code(c))).collect();
    let mut placeholders = 0;
    for r in &rows {
        let e = maps[r.family.as_str()][code(&r.family, r.value).as_str()];
        if e.symbol.as_deref() != Some(r.name.as_str()) {
            continue; // the second name of a value: the first row's text is kept
        }
        let channel_text = r.family == "hresult" && [0x8007_000E, 0x8007_0032].contains(&r.value);
        let expected = (!r.message.is_empty() && !channel_text).then_some(r.message.as_str());
        assert_eq!(e.message.as_deref(), expected, "{} {}", r.family, e.code);
        placeholders += usize::from(expected.is_some_and(|m| m.contains('%')));
    }
    assert_eq!(placeholders, 208);
    // The texts people paste, exactly.
    let win32 = by_code(&catalogs["win32"]);
    assert_eq!(
        win32["193"].message.as_deref(),
        Some("%1 is not a valid Win32 application.")
    );
    assert_eq!(win32["5"].message.as_deref(), Some("Access is denied."));
    let nt = by_code(&catalogs["ntstatus"]);
    assert_eq!(
        nt["0xC0000005"].message.as_deref(),
        Some(
            "The instruction at 0x%08lx referenced memory at 0x%08lx. The memory could not be %s."
        )
    );
    // Values only a header names have no text.
    assert_eq!(by_code(&catalogs["hresult"])["0x887A0005"].message, None);
}

#[test]
fn symbols_aliases_and_links_follow_the_sources() {
    let win32 = load("win32");
    let hresult = load("hresult");
    let ntstatus = load("ntstatus");
    let (w, h, n) = (by_code(win32), by_code(hresult), by_code(ntstatus));
    let symbol = |e: &Entry| e.symbol.clone().unwrap();
    assert_eq!(symbol(w["5"]), "ERROR_ACCESS_DENIED");
    assert_eq!(symbol(w["1326"]), "ERROR_LOGON_FAILURE");
    assert_eq!(symbol(w["10061"]), "WSAECONNREFUSED");
    assert_eq!(symbol(w["1722"]), "RPC_S_SERVER_UNAVAILABLE");
    assert!(w["0"].aliases.iter().any(|a| a == "NO_ERROR"));
    assert_eq!(symbol(h["0x80070005"]), "E_ACCESSDENIED");
    assert_eq!(symbol(h["0x00000000"]), "S_OK");
    assert_eq!(h["0x00000000"].aliases, ["SEC_E_OK"]);
    assert_eq!(symbol(n["0xC0000005"]), "STATUS_ACCESS_VIOLATION");
    assert_eq!(symbol(n["0x00000080"]), "STATUS_ABANDONED");
    assert_eq!(n["0x00000080"].aliases, ["STATUS_ABANDONED_WAIT_0"]);
    assert_eq!(n["0x00000000"].aliases, ["STATUS_WAIT_0"]);

    // HRESULTs of the Win32 facility link to their Win32 code, and only they link anywhere.
    let mut linked = Vec::new();
    for e in &hresult.entries {
        let value = u32::from_str_radix(&e.code[2..], 16).unwrap();
        if value >> 16 == 0x8007 {
            let win32_code = (value & 0xFFFF).to_string();
            assert_eq!(e.maps_to.len(), 1, "{}", e.code);
            assert_eq!(e.maps_to[0].vendor, "win32");
            assert_eq!(e.maps_to[0].code, win32_code);
            assert!(w.contains_key(win32_code.as_str()), "{}", e.code);
            linked.push(e.code.as_str());
        } else {
            assert!(e.maps_to.is_empty(), "{}", e.code);
        }
    }
    assert_eq!(
        linked,
        [
            "0x80070005",
            "0x80070006",
            "0x8007000E",
            "0x80070032",
            "0x80070057",
            "0x8007007A"
        ]
    );
    for c in [win32, ntstatus] {
        assert!(c.entries.iter().all(|e| e.maps_to.is_empty()));
    }
}

#[test]
fn every_entry_has_kind_and_retry_advice_that_fit() {
    // Range markers and masks the sources list among the codes are the only entries with no kind.
    let markers: HashMap<&str, Vec<&str>> = HashMap::from([
        (
            "win32",
            vec![
                "9000", "9500", "9550", "9600", "9650", "9700", "9750", "9800", "9850", "9900",
                "13800", "13897", "13909",
            ],
        ),
        ("hresult", vec!["0x80280000"]),
        ("ntstatus", vec![]),
    ]);
    for family in ["win32", "hresult", "ntstatus"] {
        let catalog = load(family);
        let mut unjudged = Vec::new();
        for e in &catalog.entries {
            match e.kind {
                Some(kind) => assert_eq!(
                    e.retry.is_some(),
                    kind.is_error(),
                    "{family} {}: retry {:?} for {}",
                    e.code,
                    e.retry,
                    kind.id()
                ),
                None => {
                    assert!(e.retry.is_none(), "{family} {}", e.code);
                    unjudged.push(e.code.as_str());
                }
            }
        }
        assert_eq!(unjudged, markers[family], "{family}");
        if !unjudged.is_empty() {
            let count = unjudged.len().to_string();
            assert!(
                catalog
                    .edition
                    .notes
                    .iter()
                    .any(|n| n.contains(&count) && n.contains("no kind")),
                "{family}"
            );
        }
    }
    // Severity decides for NTSTATUS: success, informational and warning codes are no errors and
    // error codes are, except these (hand-judged, or named for the end of data).
    let ntstatus = load("ntstatus");
    let mut against_severity = Vec::new();
    for e in &ntstatus.entries {
        let value = u32::from_str_radix(&e.code[2..], 16).unwrap();
        if (value >> 30 == 3) != e.kind.unwrap().is_error() {
            against_severity.push(e.symbol.as_deref().unwrap());
        }
    }
    assert_eq!(
        against_severity,
        [
            "STATUS_TIMEOUT",
            "STATUS_NOT_ALL_ASSIGNED",
            "STATUS_FATAL_APP_EXIT",
            "STATUS_GUARD_PAGE_VIOLATION",
            "STATUS_DATATYPE_MISALIGNMENT",
            "STATUS_BREAKPOINT",
            "STATUS_SINGLE_STEP",
            "STATUS_DEVICE_BUSY",
            "STATUS_END_OF_FILE",
            "STATUS_MORE_PROCESSING_REQUIRED",
            "STATUS_NO_MORE_MATCHES",
            "STATUS_PNP_REBOOT_REQUIRED",
            "RPC_NT_NO_MORE_ENTRIES",
            "STATUS_FVE_REBOOT_REQUIRED",
        ]
    );
}

#[test]
fn the_codes_developers_meet_most_have_summaries() {
    for (family, most_met) in [
        (
            "win32",
            &["2", "3", "5", "32", "1326", "1722", "10061", "10054", "740"][..],
        ),
        (
            "hresult",
            &["0x80004005", "0x80070057", "0x80040154", "0x80090325"][..],
        ),
        (
            "ntstatus",
            &["0xC0000005", "0xC0000409", "0xC0000135", "0xC000006D"][..],
        ),
    ] {
        let catalog = load(family);
        let summarised = catalog
            .entries
            .iter()
            .filter(|e| e.summary_en.is_some())
            .count();
        assert!(summarised >= 150, "{family}: {summarised}");
        let entries = by_code(catalog);
        for c in most_met {
            let summary = entries[c].summary_en.as_deref().unwrap_or_default();
            assert!(summary.len() > 40, "{family} {c}");
            // Our own words: never the source's message.
            assert_ne!(Some(summary), entries[c].message.as_deref());
        }
        assert!(
            catalog
                .edition
                .notes
                .iter()
                .any(|n| n.contains(ACKNOWLEDGMENT)),
            "{family}: impacket's acknowledgment"
        );
        assert!(
            catalog
                .edition
                .notes
                .iter()
                .any(|n| n.contains(&summarised.to_string()) && n.contains("chosen")),
            "{family}: how the summarised codes were chosen"
        );
    }
}

#[test]
fn the_catalogs_pass_catalog_check() {
    let paths: Vec<PathBuf> = ["win32", "hresult", "ntstatus"]
        .iter()
        .map(|id| root().join(format!("catalogs/{id}.json")))
        .collect();
    let problems = check_paths(&paths);
    assert!(problems.is_empty(), "{problems:?}");
}
