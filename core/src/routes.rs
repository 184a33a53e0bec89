//! The app's addresses. The URL is the state of what the reader sees:
//!
//! ```text
//! /                         → the library in the reader's preferred language
//! /<lang>/?category=…&tag=…&both=1   the library, filtered
//! /<lang>/<slug>/           an essay (the slug of the version shown)
//! ```
//! Paths here are relative to the app's public URL (no leading slash).

use crate::corpus::{Corpus, Essay};
use crate::lang::Lang;
use crate::library::LibraryFilter;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    /// The bare public URL: the app picks a language and redirects.
    Root,
    Library(Lang),
    Essay(Lang, String),
    NotFound,
}

impl Route {
    /// Reads a path relative to the public URL ("fr/", "en/some-slug/").
    /// Trailing slashes, empty segments and percent-encoding do not matter; an
    /// unknown language or an extra segment is `NotFound`.
    pub fn parse(path: &str) -> Route {
        let segments: Vec<String> = path
            .split('/')
            .filter(|s| !s.is_empty())
            .map(percent_decode)
            .collect();
        match segments.as_slice() {
            [] => Route::Root,
            [lang] => Lang::from_code(lang).map_or(Route::NotFound, Route::Library),
            [lang, slug] => {
                Lang::from_code(lang).map_or(Route::NotFound, |l| Route::Essay(l, slug.clone()))
            }
            _ => Route::NotFound,
        }
    }

    pub fn lang(&self) -> Option<Lang> {
        match self {
            Route::Library(lang) | Route::Essay(lang, _) => Some(*lang),
            Route::Root | Route::NotFound => None,
        }
    }
}

/// Decodes `%XX` escapes; malformed ones and invalid UTF-8 are kept as typed.
pub fn percent_decode(segment: &str) -> String {
    let bytes = segment.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3])
                .ok()
                .and_then(|h| u8::from_str_radix(h, 16).ok());
            if let Some(byte) = hex {
                out.push(byte);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| segment.to_string())
}

/// Splits a URL query (with or without its `?`) into decoded pairs; `+` is
/// a space. Anything malformed is kept as typed rather than refused.
pub fn parse_query(search: &str) -> Vec<(String, String)> {
    search
        .trim_start_matches('?')
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            (
                percent_decode(&key.replace('+', " ")),
                percent_decode(&value.replace('+', " ")),
            )
        })
        .collect()
}

/// How an essay is shown: alone, or side by side with its translation (the
/// reading language on the left unless `swapped`). Lives in the essay URL's
/// query: `?view=side-by-side&sides=swapped`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct EssayView {
    pub side_by_side: bool,
    pub swapped: bool,
}

impl EssayView {
    pub fn from_query(pairs: &[(String, String)]) -> EssayView {
        let has = |key: &str, value: &str| pairs.iter().any(|(k, v)| k == key && v == value);
        let side_by_side = has("view", "side-by-side");
        EssayView {
            side_by_side,
            swapped: side_by_side && has("sides", "swapped"),
        }
    }

    pub fn to_query(self) -> String {
        match (self.side_by_side, self.swapped) {
            (false, _) => String::new(),
            (true, false) => "view=side-by-side".into(),
            (true, true) => "view=side-by-side&sides=swapped".into(),
        }
    }
}

/// An essay's path with its view in the query.
pub fn essay_view_path(lang: Lang, slug: &str, view: EssayView) -> String {
    let query = view.to_query();
    if query.is_empty() {
        essay_path(lang, slug)
    } else {
        format!("{}?{query}", essay_path(lang, slug))
    }
}

/// The library with a filter and a search query.
pub fn library_search_path(lang: Lang, filter: &LibraryFilter, search: &str) -> String {
    let query = filter.to_query_with_search(search);
    if query.is_empty() {
        format!("{lang}/")
    } else {
        format!("{lang}/?{query}")
    }
}

pub fn library_path(lang: Lang, filter: &LibraryFilter) -> String {
    let query = filter.to_query();
    if query.is_empty() {
        format!("{lang}/")
    } else {
        format!("{lang}/?{query}")
    }
}

pub fn essay_path(lang: Lang, slug: &str) -> String {
    format!("{lang}/{slug}/")
}

/// An essay opened from a search result: its address with the search in
/// `?mark=`, so that the essay marks what was found (a shared result link
/// too), and the passage (`#p3`) when there is one.
pub fn essay_found_path(lang: Lang, slug: &str, search: &str, block: Option<usize>) -> String {
    let mut path = essay_path(lang, slug);
    if !search.trim().is_empty() {
        path.push_str(&format!(
            "?mark={}",
            crate::library::percent_encode(search.trim())
        ));
    }
    if let Some(block) = block {
        path.push_str(&format!("#p{block}"));
    }
    path
}

/// The search an essay's address asks it to mark (`?mark=`), if any.
pub fn marked_search(pairs: &[(String, String)]) -> Option<String> {
    pairs
        .iter()
        .find(|(k, v)| k == "mark" && !v.trim().is_empty())
        .map(|(_, v)| v.clone())
}

impl Corpus {
    /// The version the app shows a reader of `lang` who opens essay `slug`,
    /// when it is another essay (their language's version, at its own
    /// address): the app goes there, and a pre-rendered entry page at `slug`
    /// holds no text. None to show `slug` itself.
    pub fn redirect_for(&self, lang: Lang, slug: &str) -> Option<&Essay> {
        let version = self.group_of(slug)?.for_reader(lang).essay;
        (version.slug != slug).then_some(version)
    }

    /// The version read beside essay `slug` side by side, if it has one.
    pub fn translation_of(&self, slug: &str) -> Option<&Essay> {
        self.group_of(slug)?
            .versions
            .into_iter()
            .find(|version| version.slug != slug)
    }
}

/// Every page address a static host must answer with the app's entry page,
/// so that opening any of them directly works on a plain file server: the
/// library and every essay, in both languages (an essay is readable at the
/// address of either language, as the original or the translation).
/// Only well-formed slugs become paths.
pub fn entry_page_paths(corpus: &Corpus) -> Vec<String> {
    let mut paths = Vec::new();
    for lang in Lang::ALL {
        paths.push(library_path(lang, &LibraryFilter::default()));
        for essay in corpus
            .essays
            .iter()
            .filter(|e| crate::text::is_slug(&e.slug))
        {
            paths.push(essay_path(lang, &essay.slug));
        }
    }
    paths
}

/// Where the language toggle leads from `route` (with its `query`): the same
/// page in `to`. On an essay, its translation when there is one, otherwise the
/// same essay (shown as the original, with a notice): never a dead end. The
/// library keeps its filters, an essay its view.
pub fn switch_language(
    corpus: &Corpus,
    route: &Route,
    query: &[(String, String)],
    to: Lang,
) -> String {
    match route {
        Route::Essay(_, slug) => {
            let view = EssayView::from_query(query);
            match corpus.group_of(slug) {
                Some(group) => essay_view_path(to, &group.for_reader(to).essay.slug, view),
                None => essay_view_path(to, slug, view),
            }
        }
        Route::Library(_) => {
            let pairs = query.iter().map(|(k, v)| (k.as_str(), v.as_str()));
            let (filter, _) = LibraryFilter::from_query(pairs.clone(), corpus);
            library_search_path(to, &filter, &crate::library::search_query(pairs))
        }
        Route::Root | Route::NotFound => library_path(to, &LibraryFilter::default()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::tests::essay;
    use crate::corpus::{Taxonomy, TranslationGroup, SCHEMA_VERSION};

    fn corpus() -> Corpus {
        Corpus {
            schema_version: SCHEMA_VERSION,
            taxonomy: Taxonomy::default(),
            essays: vec![
                essay("franchir", Lang::Fr, "mur", 1),
                essay("breaking", Lang::En, "mur", 2),
                essay("stopcock", Lang::En, "stopcock", 3),
                essay("dernier", Lang::Fr, "dernier", 4),
            ],
            search_url: String::new(),
            rejected: vec![],
            whole_library: None,
            index: Default::default(),
        }
    }

    #[test]
    fn paths_parse_with_or_without_slashes() {
        assert_eq!(Route::parse(""), Route::Root);
        assert_eq!(Route::parse("/"), Route::Root);
        assert_eq!(Route::parse("fr"), Route::Library(Lang::Fr));
        assert_eq!(Route::parse("en/"), Route::Library(Lang::En));
        assert_eq!(
            Route::parse("en/stopcock/"),
            Route::Essay(Lang::En, "stopcock".into())
        );
        assert_eq!(
            Route::parse("/fr//stopcock"),
            Route::Essay(Lang::Fr, "stopcock".into())
        );
    }

    #[test]
    fn unknown_languages_and_deep_paths_are_not_found() {
        assert_eq!(Route::parse("de/"), Route::NotFound);
        assert_eq!(Route::parse("FR/x/"), Route::NotFound);
        assert_eq!(Route::parse("fr/a/b/"), Route::NotFound);
    }

    #[test]
    fn percent_encoding_is_decoded_and_broken_escapes_are_kept() {
        assert_eq!(
            Route::parse("fr/r%C3%A9alit%C3%A9/"),
            Route::Essay(Lang::Fr, "réalité".into())
        );
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(percent_decode("%zz%4"), "%zz%4");
        assert_eq!(
            percent_decode("%FF%FE"),
            "%FF%FE",
            "invalid UTF-8 stays as typed"
        );
    }

    #[test]
    fn queries_are_split_and_decoded_whatever_they_hold() {
        assert_eq!(
            parse_query("?tag=a&tag=b+c&both=1&&x"),
            vec![
                ("tag".into(), "a".into()),
                ("tag".into(), "b c".into()),
                ("both".into(), "1".into()),
                ("x".into(), "".into())
            ]
        );
        assert_eq!(parse_query("q=%E9%zz"), vec![("q".into(), "%E9%zz".into())]);
        assert!(parse_query("").is_empty());
    }

    #[test]
    fn paths_are_built_relative_to_the_public_url() {
        assert_eq!(library_path(Lang::Fr, &LibraryFilter::default()), "fr/");
        let filter = LibraryFilter {
            tags: vec!["a".into()],
            ..Default::default()
        };
        assert_eq!(library_path(Lang::En, &filter), "en/?tag=a");
        assert_eq!(essay_path(Lang::En, "stopcock"), "en/stopcock/");
    }

    #[test]
    fn language_switch_goes_to_the_translation_or_stays_on_the_original() {
        let c = corpus();
        let none: Vec<(String, String)> = vec![];
        let essay = |lang, slug: &str| Route::Essay(lang, slug.into());
        assert_eq!(
            switch_language(&c, &essay(Lang::Fr, "franchir"), &none, Lang::En),
            "en/breaking/"
        );
        assert_eq!(
            switch_language(&c, &essay(Lang::En, "breaking"), &none, Lang::Fr),
            "fr/franchir/"
        );
        assert_eq!(
            switch_language(&c, &essay(Lang::En, "stopcock"), &none, Lang::Fr),
            "fr/stopcock/"
        );
        assert_eq!(
            switch_language(&c, &essay(Lang::En, "nope"), &none, Lang::Fr),
            "fr/nope/"
        );
        let both = vec![("both".to_string(), "1".to_string())];
        assert_eq!(
            switch_language(&c, &Route::Library(Lang::Fr), &both, Lang::En),
            "en/?both=1"
        );
        assert_eq!(
            switch_language(&c, &Route::NotFound, &both, Lang::En),
            "en/"
        );
    }

    #[test]
    fn a_search_result_opens_its_essay_with_the_search_to_mark() {
        let path = essay_found_path(Lang::Fr, "a", " économie “réelle” ", Some(3));
        assert_eq!(
            path,
            "fr/a/?mark=%C3%A9conomie+%E2%80%9Cr%C3%A9elle%E2%80%9D#p3"
        );
        let query = path.split_once('?').unwrap().1.split_once('#').unwrap().0;
        assert_eq!(
            marked_search(&parse_query(query)).as_deref(),
            Some("économie “réelle”")
        );
        assert_eq!(essay_found_path(Lang::En, "a", "", None), "en/a/");
        let marked = parse_query("view=side-by-side&mark=r%C3%A9elle");
        assert!(EssayView::from_query(&marked).side_by_side);
        assert_eq!(marked_search(&parse_query("mark=%20")), None);
    }

    #[test]
    fn language_switch_keeps_the_essay_view() {
        let c = corpus();
        let query = parse_query("view=side-by-side&sides=swapped");
        assert_eq!(
            switch_language(
                &c,
                &Route::Essay(Lang::Fr, "franchir".into()),
                &query,
                Lang::En
            ),
            "en/breaking/?view=side-by-side&sides=swapped"
        );
    }

    #[test]
    fn essay_views_read_and_write_their_query() {
        let view = EssayView::from_query(&parse_query("view=side-by-side&sides=swapped"));
        assert_eq!(
            view,
            EssayView {
                side_by_side: true,
                swapped: true
            }
        );
        assert_eq!(
            essay_view_path(Lang::En, "a", view),
            "en/a/?view=side-by-side&sides=swapped"
        );
        // Swapping means nothing without the side-by-side view.
        assert_eq!(
            EssayView::from_query(&parse_query("sides=swapped")),
            EssayView::default()
        );
        assert_eq!(
            EssayView::from_query(&parse_query("view=garbage")),
            EssayView::default()
        );
        assert_eq!(
            essay_view_path(Lang::Fr, "a", EssayView::default()),
            "fr/a/"
        );
    }

    #[test]
    fn entry_pages_cover_the_library_and_every_essay_in_both_languages() {
        let mut c = corpus();
        c.essays[3].slug = "../../etc".into();
        let paths = entry_page_paths(&c);
        assert_eq!(paths.len(), 2 * (1 + 3));
        assert!(paths.contains(&"fr/".to_string()));
        assert!(paths.contains(&"fr/stopcock/".to_string()));
        assert!(paths.contains(&"en/franchir/".to_string()));
        assert!(
            paths.iter().all(|p| !p.contains("..")),
            "a slug that is not a slug never becomes a path"
        );
    }

    #[test]
    fn an_essay_redirects_to_its_readers_version_and_is_read_beside_its_translation() {
        let c = corpus();
        assert_eq!(
            c.redirect_for(Lang::En, "franchir")
                .map(|e| e.slug.as_str()),
            Some("breaking")
        );
        assert_eq!(c.redirect_for(Lang::Fr, "franchir"), None);
        // No French version: the English original is shown at the French address.
        assert_eq!(c.redirect_for(Lang::Fr, "stopcock"), None);
        assert_eq!(
            c.translation_of("franchir").map(|e| e.slug.as_str()),
            Some("breaking")
        );
        assert_eq!(
            c.translation_of("breaking").map(|e| e.slug.as_str()),
            Some("franchir")
        );
        assert_eq!(c.translation_of("stopcock"), None);
        assert_eq!(c.translation_of("nope"), None);
    }

    #[test]
    fn group_of_is_the_essays_group_among_all_the_groups() {
        let c = corpus();
        for essay in &c.essays {
            let expected = c
                .translation_groups()
                .into_iter()
                .find(|g| g.versions.iter().any(|v| v.slug == essay.slug));
            assert_eq!(c.group_of(&essay.slug), expected, "{}", essay.slug);
        }
        assert_eq!(c.group_of("no-such-essay"), None);
    }

    #[test]
    fn neighbours_follow_the_blog_order_of_groups() {
        let c = corpus();
        let keys = |(p, n): (Option<TranslationGroup<'_>>, Option<TranslationGroup<'_>>)| {
            (p.map(|g| g.key.to_string()), n.map(|g| g.key.to_string()))
        };
        assert_eq!(
            keys(c.neighbours("breaking")),
            (None, Some("stopcock".into()))
        );
        assert_eq!(
            keys(c.neighbours("stopcock")),
            (Some("mur".into()), Some("dernier".into()))
        );
        assert_eq!(
            keys(c.neighbours("dernier")),
            (Some("stopcock".into()), None)
        );
        assert_eq!(keys(c.neighbours("nope")), (None, None));
    }
}
