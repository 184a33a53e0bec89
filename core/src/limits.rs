//! The limits of the data path, in one place: the corpus tool refuses a
//! source past one, with its file and line (`content`), and the app's
//! readers refuse a file past one (`corpus`), so whatever the tool writes the
//! app reads. docs/security.md lists them with what an editor sees.

/// Quotes, lists, emphasis and links inside one another. The app reads body
/// files with serde_json, which refuses JSON nested deeper than 128 levels
/// (so that a hostile file cannot exhaust the stack); a level of nesting
/// costs at most 4 JSON levels (a list item: `{"list":{"items":[[`), plus 6
/// for the file, the paragraph, a link and a text: 24 levels is 102 of 128.
pub const MAX_NESTING: usize = 24;

/// Characters in a title: it is the page's heading, its `<title>` and a
/// line of the library; longer is a paragraph pasted in the wrong place.
pub const MAX_TITLE_CHARS: usize = 2_000;

/// Bytes of one essay's Markdown: the body file is fetched whole, on a phone
/// too (the 5,000-paragraph book of the benchmark is 3 MB).
pub const MAX_BODY_BYTES: usize = 8 * 1024 * 1024;

/// Top-level blocks (paragraphs, headings, quotes, lists …) of one essay:
/// alignment at build time grows with the product of a pair's lengths.
pub const MAX_BLOCKS: usize = 20_000;
