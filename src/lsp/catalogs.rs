//! What the server knows of the loaded catalogs beyond the index: each vendor's type name in the
//! code errdex writes, its Go prefix and its envelope's keys (for evidence in a document), and
//! the names its enum gives each code in each language (worked out once, when first needed).

use crate::decode::Decoder;
use crate::index::{Index, RowId};
use crate::snippet::{self, Lang, TableRow};
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

/// Envelope keys that many APIs share: seeing them says nothing about the vendor.
const COMMON_KEYS: &[&str] = &[
    "code",
    "message",
    "msg",
    "error",
    "errors",
    "status",
    "data",
    "result",
    "success",
    "detail",
    "details",
    "type",
    "id",
    "description",
    "reason",
    "name",
    "value",
    "info",
    "ok",
];

pub struct VendorFacts {
    /// `PixnetError`.
    pub type_name: String,
    /// `Pixnet`.
    pub go_prefix: String,
    /// Keys of its envelope no other API would use by chance (`errResponse`, `ActionStatus`).
    pub envelope_keys: Vec<String>,
    /// A key that alone shows the envelope (its evidence path: MantaGO's `errResponse`).
    pub telling_key: Option<String>,
}

/// A vendor's enum names in one language: code → name and name → code.
#[derive(Default)]
pub struct Names {
    pub by_code: HashMap<String, String>,
    pub by_name: HashMap<String, String>,
}

pub struct Catalogs {
    pub index: Index,
    pub facts: Vec<VendorFacts>,
    names: RefCell<HashMap<(usize, Lang), Rc<Names>>>,
}

impl Catalogs {
    pub fn new(index: Index) -> Catalogs {
        let facts = (0..index.vendors().len())
            .map(|v| {
                let table = index.vendor_table(v);
                let vendor = table.vendor();
                let (envelope_keys, telling_key) = table.envelope().map_or_else(
                    || (Vec::new(), None),
                    |e| {
                        let mut paths: Vec<&str> = vec![e.code.as_str()];
                        paths.extend(e.message.as_deref());
                        paths.extend(e.flag.as_ref().map(|f| f.path.as_str()));
                        if let Some(items) = &e.items {
                            paths.extend([items.path.as_str(), items.code.as_str()]);
                            paths.extend(items.field.as_deref());
                        }
                        paths.extend(e.extra.iter().map(String::as_str));
                        let mut keys: Vec<String> = Vec::new();
                        for p in paths {
                            for k in p.split('.') {
                                let telling =
                                    !COMMON_KEYS.contains(&k.to_ascii_lowercase().as_str());
                                if telling && k.len() > 2 && !keys.iter().any(|x| x == k) {
                                    keys.push(k.to_string());
                                }
                            }
                        }
                        let telling = e
                            .evidence
                            .iter()
                            .flatten()
                            .filter(|s| {
                                !matches!(s.as_str(), "flag" | "code" | "message" | "items")
                            })
                            .filter_map(|s| s.split('.').next())
                            .find(|k| keys.iter().any(|x| x == k))
                            .map(str::to_string);
                        (keys, telling)
                    },
                );
                VendorFacts {
                    type_name: snippet::type_name(vendor),
                    go_prefix: snippet::go_prefix(vendor),
                    envelope_keys,
                    telling_key,
                }
            })
            .collect();
        Catalogs {
            index,
            facts,
            names: RefCell::new(HashMap::new()),
        }
    }

    /// The decoder over these catalogs.
    pub fn decoder(&self) -> Decoder<'_> {
        Decoder::new(&self.index)
    }

    /// The names `vendor`'s enum gives its codes in `lang`.
    pub fn names(&self, vendor: usize, lang: Lang) -> Rc<Names> {
        if let Some(n) = self.names.borrow().get(&(vendor, lang)) {
            return n.clone();
        }
        let table = self.index.vendor_table(vendor);
        let rows: Vec<TableRow> = (0..table.len())
            .map(|row| TableRow { table, row })
            .collect();
        let mut names = Names::default();
        for (code, name) in snippet::member_names(lang, table.vendor(), &rows) {
            names.by_name.insert(name.clone(), code.clone());
            names.by_code.insert(code, name);
        }
        let names = Rc::new(names);
        self.names
            .borrow_mut()
            .insert((vendor, lang), names.clone());
        names
    }

    /// The vendor's rows with this exact code (a code listed twice has two).
    pub fn rows(&self, vendor: usize, code: &str) -> Vec<RowId> {
        self.index
            .by_code(code)
            .into_iter()
            .filter(|&r| self.index.row_vendor(r) == vendor)
            .collect()
    }

    pub fn vendor_id(&self, vendor: usize) -> &str {
        &self.index.vendors()[vendor].id
    }

    pub fn vendor_by_id(&self, id: &str) -> Option<usize> {
        self.index.vendors().iter().position(|v| v.id == id)
    }

    /// The vendor's display name (`PIXNET`).
    pub fn vendor_name(&self, vendor: usize) -> &str {
        &self.index.vendor_table(vendor).vendor().name
    }
}
