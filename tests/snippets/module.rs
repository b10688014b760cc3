//! Several vendors' enums in one file (the explorer's `Y` over rows of several vendors), which
//! each language's test file checks with its real tool as one file: shipped vendors with their
//! body types, one without an envelope, string and integer codes, and the synthetic vendors with
//! hostile text and keys.

use crate::*;
use errdex::snippet::{Module, module};

/// The file for `lang`, and the name its language wants for it.
pub fn one_file(lang: Lang) -> Module {
    let index = Index::embedded();
    let mut units: Vec<(Unit, Option<errdex::catalog::Envelope>)> = [
        "mantago",
        "pixnet",
        "guo-guo",
        "tencent-im",
        "http",
        "postgres",
    ]
    .iter()
    .map(|id| {
        let c = index.vendor_catalog(index.find_vendor(id).unwrap());
        let unit = Unit {
            vendor: c.vendor.clone(),
            entries: c.entries.clone(),
        };
        (unit, c.envelope.clone())
    })
    .collect();
    units.push((synthetic(), Some(hostile_envelope())));
    units.push((synthetic_numbers(), Some(hostile_envelope())));
    let parts = units
        .iter()
        .map(|(u, envelope)| {
            let mut s = Snippets::new(lang, &u.vendor, &u.refs());
            if let Some(e) = envelope {
                s = s.with_envelope(e);
            }
            (s, u.refs())
        })
        .collect();
    let m = module(parts).unwrap();
    // Each vendor's type is in it.
    for (u, _) in &units {
        assert!(m.text.contains(&u.type_name()), "{lang}: {}", u.type_name());
    }
    m
}
