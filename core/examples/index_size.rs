//! Prints the size of the search index of `content/`:
//! `cargo run -p essais-core --example index_size`.

use essais_core::search::{tokenize, SearchIndex};
use std::path::Path;

fn main() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../content");
    let corpus = match essais_core::content::load(&dir) {
        Ok(corpus) => corpus,
        Err(errors) => {
            errors.iter().for_each(|e| eprintln!("{e}"));
            std::process::exit(1);
        }
    };
    let mut tokens = 0usize;
    let mut term_bytes = 0usize;
    let mut terms = std::collections::HashSet::new();
    for essay in &corpus.essays {
        let text = format!(
            "{}\n\n{}",
            essay.title,
            essais_core::text::plain_text(&essay.body)
        );
        for token in tokenize(&text, essay.lang) {
            tokens += 1;
            term_bytes += token.term.len();
            terms.insert(token.term);
        }
    }
    let text_bytes: usize = corpus
        .essays
        .iter()
        .map(|e| e.title.len() + essais_core::text::plain_text(&e.body).len())
        .sum();
    // Each token: a String (24 bytes) + its bytes + two usize offsets (16).
    let estimate = tokens * (24 + 16) + term_bytes + text_bytes;
    let _ = SearchIndex::build(&corpus);
    println!("essays: {}", corpus.essays.len());
    println!("tokens: {tokens}, distinct terms: {}", terms.len());
    println!("passage text kept for snippets: {text_bytes} bytes");
    println!("estimated index memory: {} KiB", estimate / 1024);
}
