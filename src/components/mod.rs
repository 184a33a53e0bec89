//! Pieces shared by several pages.

pub mod essay_list;
pub mod header;
pub mod load_error;
