//! Catalogs: the data model, loading (embedded, user folder, paths), validation with
//! `file:line:col` problems, and the catalog tools (check, diff, import).

pub mod check;
pub mod diff;
pub mod import;
mod kind;
mod load;
mod loaded;
mod model;
mod stream;
mod validate;

pub use check::check_paths;
pub use diff::{Diff, diff};
pub use import::{ImportError, import};
pub use kind::{Kind, KindInfo, Retry};
pub use load::{
    MAX_CATALOG_BYTES, Report, Sources, load_path, load_sources, readable_file, user_catalog_dir,
};
pub use loaded::{CatalogProblem, Loaded, Origin, Rows, TooLarge};
pub use model::{
    Catalog, CodeRef, Edition, Entry, EntryFields, Envelope, Flag, Items, SCHEMA_VERSION, Text,
    TextRef, Vendor, VendorType,
};
pub use stream::read_text;
pub use validate::parse_catalog;
