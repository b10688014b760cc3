//! What decoding needs from an index, worked out once and kept for many pastes: the catalogs'
//! envelopes, the messages programs print, and the tables stages build on first need.

use super::clauses::FirstClauses;
use super::envelope::Spec;
use super::{families, http_printouts};
use crate::catalog::VendorType;
use crate::index::messages::MessageIndex;
use crate::index::{Field, Index, RowId};
use std::cell::OnceCell;
use std::collections::HashMap;

/// The index prepared for decoding; [`Decoder::decode`] reads one paste with it. (The message
/// index bare lines are compared with belongs to the [`Index`]: [`Index::prepare_messages`].)
pub struct Decoder<'i> {
    pub(super) index: &'i Index,
    pub(super) specs: Vec<Spec>,
    /// The HTTP status each vendor's envelope declares (Tencent: 200), by vendor.
    pub(super) vendor_status: Vec<Option<u16>>,
    /// Library messages programs print after a `: `, lower-case, with their family: errno's
    /// strerror texts, SQLite's messages of three words or more.
    pub(super) printed: HashMap<String, &'static str>,
    /// Catalog messages' first clauses, built when a line first needs them.
    pub(super) clauses: OnceCell<FirstClauses>,
    /// HTTP reason phrases, built when a paste first needs them.
    http_phrases: OnceCell<http_printouts::Phrases>,
    /// Whether each row is a vendor's (not a standard family's), by row: asked of every row
    /// sharing a word with a bare line, which on a long log is most rows many times over.
    vendor_rows: OnceCell<Vec<bool>>,
}

impl<'i> Decoder<'i> {
    pub fn new(index: &'i Index) -> Decoder<'i> {
        let specs = Spec::all(index);
        let mut vendor_status = vec![None; index.vendors().len()];
        for s in &specs {
            if let Some(slot) = vendor_status.get_mut(s.vendor) {
                *slot = slot.or(s.http_status);
            }
        }
        Decoder {
            index,
            specs,
            vendor_status,
            printed: printed_messages(index),
            clauses: OnceCell::new(),
            http_phrases: OnceCell::new(),
            vendor_rows: OnceCell::new(),
        }
    }

    /// Whether `row` is a vendor's (see [`Decoder::vendor_rows`]).
    pub(super) fn is_vendor(&self, row: RowId) -> bool {
        let rows = self.vendor_rows.get_or_init(|| {
            let index = self.index;
            let mut rows = vec![false; index.len()];
            for v in 0..index.vendors().len() {
                if index.vendor_table(v).vendor().vendor_type == VendorType::Vendor {
                    for r in index.vendor_rows(v) {
                        rows[r as usize] = true;
                    }
                }
            }
            rows
        });
        rows.get(row as usize).copied().unwrap_or(false)
    }

    /// The HTTP family's reason phrases, for [`http_printouts`].
    pub(super) fn http_phrases(&self) -> &http_printouts::Phrases {
        self.http_phrases.get_or_init(|| {
            let Some(http) = family_of(self.index, families::HTTP) else {
                return http_printouts::Phrases::new([]);
            };
            let rows = self.index.vendor_rows(http);
            http_printouts::Phrases::new(rows.filter_map(|r| {
                let status = self.index.code(r).parse().ok()?;
                Some((status, self.index.field(r, Field::Message)?))
            }))
        })
    }

    pub(super) fn messages(&self) -> MessageIndex<'i> {
        self.index.message_index()
    }

    pub(super) fn vendor_id(&self, v: usize) -> String {
        self.index.vendors()[v].id.clone()
    }

    /// The vendor index of a family's catalog, when it is loaded.
    pub(super) fn family(&self, id: &str) -> Option<usize> {
        family_of(self.index, id)
    }
}

/// The vendor index of a standard family's catalog, when it is loaded.
fn family_of(index: &Index, id: &str) -> Option<usize> {
    index
        .vendors()
        .iter()
        .position(|v| v.id == id)
        .filter(|&v| index.vendor_table(v).vendor().vendor_type == VendorType::Standard)
}

/// See [`Decoder::printed`].
fn printed_messages(index: &Index) -> HashMap<String, &'static str> {
    let mut known = HashMap::new();
    for f in families::ALL {
        let Some(fewest_words) = f.printed_words else {
            continue;
        };
        let Some(v) = family_of(index, f.id) else {
            continue;
        };
        let id = f.id;
        let table = index.vendor_table(v);
        for i in 0..table.len() {
            let Some(m) = table.field(i, Field::Message) else {
                continue;
            };
            let generic = ["out of memory", "unknown error", "not an error"];
            let words = m.split_whitespace().count();
            if words >= fewest_words && !generic.contains(&m.to_lowercase().as_str()) {
                known.entry(m.to_lowercase()).or_insert(id);
            }
        }
        for (m, _) in f.known_messages {
            known.entry(m.to_lowercase()).or_insert(id);
        }
    }
    known
}
