//! Catalogs: the data model, loading (embedded, user folder, paths), validation with
//! `file:line:col` problems, and the catalog tools (check, diff, import).

pub mod check;
pub mod diff;
pub mod import;
mod kind;
mod load;
mod model;
mod stream;
mod validate;

pub use check::check_paths;
pub use diff::{Diff, diff};
pub use import::{ImportError, import};
pub use kind::{Kind, KindInfo, Retry};
pub use load::{
    CatalogProblem, Loaded, MAX_CATALOG_BYTES, Origin, Report, Rows, Sources, TooLarge, load_path,
    load_sources, readable_file, user_catalog_dir,
};
pub use model::{
    Catalog, CodeRef, Edition, Entry, EntryFields, Envelope, Flag, Items, SCHEMA_VERSION, Text,
    TextRef, Vendor, VendorType,
};
pub use stream::read_text;
pub use validate::parse_catalog;
