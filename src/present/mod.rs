//! What errdex says about an entry and about a decoded error, worked out once: `errdex show`
//! and the explorer's detail pane render [`entry::fields`], `errdex decode` and the paste panel
//! render [`decoded::heading`] and [`decoded::lines`]. Front ends choose layout and colour, not
//! what is said.

pub mod decoded;
pub mod entry;
