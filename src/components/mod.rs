//! Pieces shared by several pages.

pub mod continue_reading;
pub mod essay_body;
pub mod essay_list;
pub mod essay_meta;
pub mod filters;
pub mod found_marks;
pub mod header;
pub mod listen;
pub mod load_error;
pub mod notices;
pub mod passage_links;
pub mod reading_keys;
pub mod reading_progress;
pub mod search;
pub mod side_by_side;
pub mod taxonomy_links;
pub mod translations_at_hand;
pub mod view_controls;
