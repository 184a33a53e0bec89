//! essais without a browser.
//!
//! Everything the reader app knows that does not need a DOM lives here, as
//! plain types with plain functions, so it is tested natively with
//! `cargo test -p essais-core`:
//! - [`corpus`]: the built corpus (`corpus.json`) the app fetches, and how a
//!   fetched document is checked before the app trusts it;
//! - [`lang`]: the two reading languages;
//! - [`text`]: slugs, word counts, Markdown escaping;
//! - [`ui`]: every interface string, in French and in English;
//! - with the `tool` feature (native only): [`content`] (Markdown sources with
//!   front matter → validated corpus) and [`import`] (blog export → sources).

pub mod align;
pub mod corpus;
pub mod document;
pub mod lang;
pub mod library;
pub mod routes;
pub mod search;
pub mod text;
pub mod ui;

#[cfg(feature = "tool")]
pub mod content;
#[cfg(feature = "tool")]
pub mod generate;
#[cfg(feature = "tool")]
pub mod import;

pub use corpus::{
    Corpus, CorpusLoadError, Essay, EssayBody, Label, RejectedEssay, SearchData, Taxonomy,
    TaxonomyEntry, SCHEMA_VERSION,
};
pub use lang::Lang;
