//! JavaScript
