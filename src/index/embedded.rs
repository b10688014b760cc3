//! The shipped catalogs, packed when errdex is built. build.rs finds every `catalogs/*.json`,
//! validates it as user catalogs are validated (a problem fails the build), packs it with
//! [`super::TableBuilder`] and writes each table's buffers into the binary; here they are
//! [`Table`]s again, of the binary's own bytes: no catalog text is parsed and no row is copied
//! when errdex starts.

use super::message_table::MessageParts;
use super::table::{Parts, Table};
use super::words::WordParts;
use crate::catalog::{
    Catalog, Edition, Envelope, Flag, Items, Loaded, Origin, Rows, TooLarge, Vendor, VendorType,
};

/// A buffer of integers build.rs wrote, aligned so that it is read as them where it lies.
#[repr(C, align(8))]
struct Aligned<T: ?Sized>(T);

/// `aligned!("path")`: the file's bytes (integers, in the target's order) as a slice of the
/// integer type the context asks for.
macro_rules! aligned {
    ($path:expr) => {{
        static BYTES: &Aligned<[u8]> = &Aligned(*include_bytes!($path));
        bytemuck::cast_slice(&BYTES.0)
    }};
}

include!(concat!(env!("OUT_DIR"), "/embedded.rs"));

/// The shipped catalogs, unpacked into rows of the caller's kind (`Vec<Entry>` gives whole
/// catalogs), in load order: for tests and tools that read catalogs as the model. The index
/// uses the packed tables as they are.
pub fn catalogs<R: Rows>() -> Vec<Loaded<R>> {
    tables()
        .into_iter()
        .map(|t| {
            let mut rows = R::for_vendor(&t.vendor().id);
            (0..t.len())
                .try_for_each(|i| rows.push(&t.fields(i)))
                .unwrap_or_else(|TooLarge| unreachable!("the table holds these rows already"));
            Loaded {
                header: t.header.clone(),
                rows,
                origin: t.origin.clone(),
            }
        })
        .collect()
}
