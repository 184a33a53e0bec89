//! A page of the app rendered natively: the app's own `App` component, given
//! the address and what it would otherwise fetch, turned into HTML by Leptos
//! (`RenderHtml::to_html`). Nothing here writes markup: what the reader sees
//! before the app has started is what the app draws.

use essais::api::Body;
use essais::router::Address;
use essais::{App, Start};
use essais_core::{Corpus, Lang};
use leptos::prelude::*;
use std::collections::HashMap;
use std::sync::Arc;

/// Renders the app as it is at `path` (below the public URL `base`, with
/// `search`, e.g. "?view=side-by-side"), for a reader whose language (where
/// the address names none) is `preferred`. `bodies` are the essay texts the
/// page shows.
pub fn app_at(
    corpus: &Arc<Corpus>,
    base: &str,
    path: &str,
    search: &str,
    preferred: Lang,
    bodies: HashMap<String, Body>,
) -> String {
    let start = Start {
        address: Address {
            pathname: format!("{base}{path}"),
            search: search.to_string(),
            hash: String::new(),
        },
        base: base.to_string(),
        preferred,
        text_size: essais::text_size::DEFAULT,
        corpus: Some(Ok(corpus.clone())),
        bodies,
        essay_part: None,
    };
    // Each page in a reactive owner of its own, dropped with it.
    let owner = Owner::new();
    let html = owner.with(|| view! { <App start=start /> }.to_html());
    owner.cleanup();
    html
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A library of one essay and `tags` tags, as `corpus.json` holds it.
    fn library(tags: usize) -> Arc<Corpus> {
        let taxonomy_tags: Vec<String> = (0..tags)
            .map(|i| format!(r#"{{"id":"t{i}","label":{{"fr":"Mot {i}","en":"Word {i}"}}}}"#))
            .collect();
        let essay_tags: Vec<String> = (0..tags).map(|i| format!(r#""t{i}""#)).collect();
        let json = format!(
            r#"{{"schema_version":{version},"search_url":"corpus/_search.0123abcd.json",
            "taxonomy":{{"categories":[{{"id":"lived","label":{{"fr":"Vécu","en":"Lived"}}}}],"tags":[{}]}},
            "essays":[{{"slug":"un-essai","lang":"fr","translation_key":"un-essai","title":"Un essai",
            "excerpt":"Un début.","body_url":"corpus/un-essai.0123abcd.json","categories":["lived"],
            "tags":[{}],"comments":0,"position":1,"word_count":3}}]}}"#,
            taxonomy_tags.join(","),
            essay_tags.join(","),
            version = essais_core::corpus::SCHEMA_VERSION,
        );
        Arc::new(Corpus::from_json(&json).expect("a corpus"))
    }

    #[test]
    fn the_library_drawn_ahead_filters_by_a_plain_form_and_finds_tags_only_once_the_app_runs() {
        let html = app_at(&library(40), "/", "fr/", "", Lang::Fr, HashMap::new());
        // Before the app (or without it), a value is a submit button of a
        // GET form to the library (src/components/filters.rs).
        assert!(
            html.contains(r#"<form method="get" action="/fr/">"#),
            "{html}"
        );
        assert!(html.contains(r#"name="tag" value="t0""#));
        // (The app's controls name a form that is not there; these belong
        // to theirs.)
        assert!(!html.contains(" form="), "{html}");
        // A long list's field to find a tag needs the app: shown disabled.
        let field = &html[html.find(r#"<input id="find-tag""#).expect("the field")..];
        let field = &field[..field.find('>').expect("the field's end")];
        assert!(field.contains(" disabled"), "{field}");
        // The groups named as a legend would name them, with no fieldset.
        assert!(html.contains(r#"role="group" aria-labelledby="facets-tags""#));
        assert!(!html.contains("<fieldset"));
        // A short list has no field.
        let short = app_at(&library(5), "/", "fr/", "", Lang::Fr, HashMap::new());
        assert!(!short.contains("find-tag"));
    }
}
