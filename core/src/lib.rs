//! essais without a browser.
//!
//! Everything the reader app knows that does not need a DOM lives here, as
//! plain types with plain functions, so it is tested natively with
//! `cargo test -p essais-core`:
//! - [`corpus`]: the built corpus (`corpus.json`) the app fetches, how a
//!   fetched document is checked before the app trusts it, and its index
//!   (essays by slug, translation groups, neighbours), built once;
//! - [`document`]: an essay's body as safe blocks (and, with the `markdown`
//!   feature, Markdown parsed into them);
//! - [`lang`]: the two reading languages;
//! - [`library`]: the library's filters, facet counts and excerpts;
//! - [`limits`]: the sizes the tool refuses to write and the app to read;
//! - [`offline`]: what a deployment keeps for offline reading;
//! - [`reading`]: where the reader left each essay, and the reading keys;
//! - [`routes`]: the app's addresses, parsed and built;
//! - [`align`]: a translation's blocks aligned with the original's;
//! - [`search`]: the search index and its matches;
//! - [`search_shards`]: the search index as the corpus tool writes it, in shards;
//! - [`text`]: slugs, word counts, Markdown escaping;
//! - [`ui`]: every interface string, in French and in English;
//! - with the `tool` feature (native only): [`content`] (Markdown sources with
//!   front matter → validated corpus, and the one front-matter type that
//!   reads and writes essay files) and [`import`] (blog export → sources).

pub mod align;
pub mod corpus;
pub mod document;
pub mod lang;
pub mod library;
pub mod limits;
pub mod offline;
pub mod reading;
pub mod routes;
pub mod search;
pub mod search_shards;
pub mod text;
pub mod ui;

#[cfg(feature = "tool")]
pub mod content;
#[cfg(feature = "tool")]
pub mod import;

pub use corpus::{
    Corpus, CorpusLoadError, CorpusReading, Essay, EssayBody, Label, LibraryCounts, RejectedEssay,
    Taxonomy, TaxonomyEntry, FIRST_SCREEN_FILE, SCHEMA_VERSION,
};
pub use lang::Lang;
