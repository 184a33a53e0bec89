//! One file per page.

pub mod essay;
pub mod library;
pub mod not_found;
pub mod root;
