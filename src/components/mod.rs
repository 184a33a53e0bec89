//! Pieces shared by several pages.

pub mod essay_body;
pub mod essay_list;
pub mod filters;
pub mod header;
pub mod load_error;
pub mod taxonomy_links;
