//! The shipped catalogs hold every row of their seed documents, faithfully.

use errdex::catalog::{Catalog, Entry, Loaded, Text, VendorType};
use errdex::index::embedded::catalogs as embedded;

fn catalog(vendor: &str, edition: Option<&str>) -> Catalog {
    embedded::<Vec<Entry>>()
        .into_iter()
        .map(Loaded::catalog)
        .find(|c| c.vendor.id == vendor && edition.is_none_or(|e| c.edition.id == e))
        .unwrap_or_else(|| panic!("no catalog {vendor} {edition:?}"))
}

fn distinct_codes(c: &Catalog) -> usize {
    let mut codes: Vec<&str> = c.entries.iter().map(|e| e.code.as_str()).collect();
    codes.sort();
    codes.dedup();
    codes.len()
}

#[test]
fn row_counts_match_the_seed_documents() {
    let counts = [
        ("mantago", None, 12, 12),
        ("tencent-im", None, 72, 72),
        ("pixnet", Some("a6f649e"), 164, 163),
        ("pixnet", Some("d8fc161"), 159, 158),
        ("guo-guo", None, 44, 44),
    ];
    for (vendor, edition, rows, distinct) in counts {
        let c = catalog(vendor, edition);
        assert_eq!(c.entries.len(), rows, "{vendor} {edition:?}");
        assert_eq!(distinct_codes(&c), distinct, "{vendor} {edition:?}");
    }
}

/// Every entry of a vendor and of a small family has an English summary (ours, plain ASCII);
/// a large family (Windows, MySQL, AWS, ...) has one for at least the 150 codes developers meet
/// most, and its other entries show what the source says.
#[test]
fn every_entry_has_an_english_summary() {
    let good = |e: &Entry| {
        e.summary_en
            .as_deref()
            .is_some_and(|s| s.len() > 8 && s.is_ascii())
    };
    for l in embedded::<Vec<Entry>>() {
        let id = &l.header.vendor.id;
        let large = l.header.vendor.vendor_type == VendorType::Standard && l.rows.len() > 300;
        if !large {
            for e in &l.rows {
                assert!(good(e), "{id} {}: summary {:?}", e.code, e.summary_en);
            }
            continue;
        }
        let summarised = l.rows.iter().filter(|e| good(e)).count();
        assert!(summarised >= 150, "{id}: {summarised} summaries");
        for e in l.rows.iter().filter(|e| !good(e)) {
            assert!(
                e.message.is_some() || e.description.is_some() || e.symbol.is_some(),
                "{id} {}: nothing to show",
                e.code
            );
        }
    }
}

#[test]
fn pixnet_keeps_4109_twice_with_both_messages() {
    for edition in ["a6f649e", "d8fc161"] {
        let c = catalog("pixnet", Some(edition));
        let msgs: Vec<&str> = c
            .entries
            .iter()
            .filter(|e| e.code == "4109")
            .map(|e| e.message.as_deref().unwrap())
            .collect();
        assert_eq!(
            msgs,
            ["請填入訂閱群組名稱", "Missing cellphone or calling_code"]
        );
    }
}

#[test]
fn pixnet_rows_keep_statuses_categories_and_placeholders() {
    let c = catalog("pixnet", Some("a6f649e"));
    let e = c.entries.iter().find(|e| e.code == "1000").unwrap();
    assert_eq!(e.http_status, Some(401));
    assert_eq!(e.category.as_deref(), Some("認證錯誤"));
    assert_eq!(e.subcategory.as_deref(), Some("Token"));
    assert_eq!(e.message.as_deref(), Some("Invalid / expired Token"));
    let e = c.entries.iter().find(|e| e.code == "4200").unwrap();
    assert_eq!(e.message.as_deref(), Some("User %s exists"));
    assert_eq!(e.description, None);
    // Rows new in the current edition.
    let old = catalog("pixnet", Some("d8fc161"));
    for code in ["2600", "2700", "4216", "5600", "8600"] {
        assert!(c.entries.iter().any(|e| e.code == code), "{code}");
        assert!(!old.entries.iter().any(|e| e.code == code), "{code}");
    }
    // Markdown escapes undone in the older edition.
    let e = old.entries.iter().find(|e| e.code == "1099").unwrap();
    assert_eq!(e.message.as_deref(), Some("(其他 Token 錯誤)"));
    assert_eq!(e.description, Some(Text::One("(其他 Token 錯誤".into())));
}

#[test]
fn mantago_keeps_chinese_messages_and_lists() {
    let c = catalog("mantago", None);
    let codes: Vec<&str> = c.entries.iter().map(|e| e.code.as_str()).collect();
    assert_eq!(
        codes,
        [
            "1004", "1002", "5001", "60001", "60002", "11000", "11001", "37011", "36000", "110000",
            "120000", "120001"
        ]
    );
    let e = &c.entries[2];
    assert_eq!(e.message.as_deref(), Some("尋找Bot資訊失敗,無此botId"));
    assert_eq!(
        c.entries[1].description,
        Some(Text::List(vec![
            "API Token和Secret Key有誤".into(),
            "目前方案不支援Open API".into()
        ]))
    );
    assert!(c.entries.iter().all(|e| e.http_status.is_none()));
}

#[test]
fn tencent_keeps_source_text() {
    let c = catalog("tencent-im", None);
    assert_eq!(c.entries.first().unwrap().code, "60002");
    assert_eq!(c.entries.last().unwrap().code, "290002");
    let e = c.entries.iter().find(|e| e.code == "60004").unwrap();
    assert_eq!(
        e.message.as_deref(),
        Some("请求 URL 或 JSON 包体中帐号或签名错误 。")
    );
    let e = c.entries.iter().find(|e| e.code == "140001").unwrap();
    assert!(e.message.as_deref().unwrap().contains("上线"));
    assert_eq!(c.envelope.as_ref().unwrap().http_status, Some(200));
}

#[test]
fn guo_guo_has_eleven_statuses_and_fixes() {
    let c = catalog("guo-guo", None);
    let with_status: Vec<(&str, u16)> = c
        .entries
        .iter()
        .filter_map(|e| e.http_status.map(|s| (e.code.as_str(), s)))
        .collect();
    assert_eq!(with_status.len(), 11);
    assert!(with_status.contains(&("token_validation_failed", 401)));
    assert_eq!(with_status.iter().filter(|(_, s)| *s == 400).count(), 10);
    let e = c
        .entries
        .iter()
        .find(|e| e.code == "data_validation_failed")
        .unwrap();
    assert_eq!(e.description, Some(Text::One("資料驗證失敗。".into())));
    assert_eq!(
        e.fix,
        Some(Text::One("檢查必填、格式、數值範圍與 enum 值。".into()))
    );
    assert!(c.entries.iter().all(|e| e.message.is_none()));
    let e = c
        .entries
        .iter()
        .find(|e| e.code == "pay_uni_order_not_found")
        .unwrap();
    assert_eq!(
        (e.http_status, &e.description, &e.fix),
        (None, &None, &None)
    );
}

#[test]
fn every_catalog_file_validates_against_its_json_schema_fields() {
    // Every key in the shipped files is one the model knows (deny_unknown_fields), and the
    // files on disk are exactly what is embedded.
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("catalogs");
    let report = errdex::catalog::load_path::<Vec<Entry>>(&dir, &mut |_| {});
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    assert_eq!(report.catalogs.len(), embedded::<Vec<Entry>>().len());
}

#[test]
fn the_compiled_catalogs_are_the_files_on_disk() {
    // build.rs packs every catalog file into the binary; unpacked, each is what the loader
    // reads from its file, header and entries, and no file is left out.
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("catalogs");
    let on_disk = errdex::catalog::load_path::<Vec<Entry>>(&dir, &mut |_| {});
    let mut compiled: Vec<(String, Catalog)> = embedded::<Vec<Entry>>()
        .into_iter()
        .map(|l| (l.origin.to_string(), l.catalog()))
        .collect();
    compiled.sort_by(|a, b| a.0.cmp(&b.0));
    let mut files: Vec<(String, Catalog)> = on_disk
        .catalogs
        .into_iter()
        .map(|l| {
            let name = match &l.origin {
                errdex::catalog::Origin::File(p) => {
                    p.file_name().unwrap().to_string_lossy().into_owned()
                }
                other => panic!("{other}"),
            };
            (format!("embedded:{name}"), l.catalog())
        })
        .collect();
    files.sort_by(|a, b| a.0.cmp(&b.0));
    let names = |v: &[(String, Catalog)]| v.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>();
    assert_eq!(names(&compiled), names(&files));
    for ((name, c), (_, f)) in compiled.iter().zip(&files) {
        assert!(c == f, "{name}: the compiled catalog differs from its file");
    }
}
