//! Catalogs: the data model, the embedded defaults, user catalogs and their validation.

pub mod check;
pub mod diff;
pub mod import;
mod load;
mod model;
pub mod stream;
pub mod table;

pub use check::check_paths;
pub use diff::{Diff, diff};
pub use import::{ImportError, import};
pub use load::{
    CatalogProblem, LoadReport, Loaded, Origin, embedded, load_file, load_path, parse_catalog,
    user_catalog_dir,
};
pub use model::{Catalog, Edition, Entry, Envelope, Flag, Items, SCHEMA_VERSION, Text, Vendor};
pub use stream::{TableReport, embedded_tables, load_tables};
pub use table::Table;
