//! One file per page.

pub mod library;
pub mod not_found;
