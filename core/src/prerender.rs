//! The pre-rendered entry pages (`corpus pages`): each page address gets the
//! app's entry page with, in place of its loading message, the page itself
//! as plain HTML — the library's first entries, or the essay's text. The
//! reader sees the words as soon as the HTML arrives, before the WASM module
//! has loaded; the app then draws the same page and takes its place
//! (`src/prerender.rs` in the app). Without JavaScript, the text is still
//! there to read.
//!
//! The markup is the app's own (same elements, same classes), so the page
//! does not move when the app takes over. Only what the app would show at
//! that address without a query is written: a filtered or searched library
//! hides the pre-rendered list until the app has drawn its own (`boot.js`
//! marks such addresses), and an address the app redirects (an essay read at
//! its translation's address) keeps the plain loading message.

use crate::corpus::TranslationGroup;
use crate::document::Block;
use crate::html::{escape, write_body};
use crate::library::{
    facets, filtered_groups, value_label, FilterValue, LibraryFilter, LIBRARY_PAGE_SIZE,
};
use crate::routes::{essay_path, library_path, switch_language, Route};
use crate::ui::{
    comment_count, document_title, essay_count, filter_count, languages_line, reading_time,
    strings, untranslated_notice,
};
use crate::{Corpus, Essay, Lang};
use std::collections::HashMap;
use std::fmt::Write as _;

/// Where the entry page's loading message starts; it ends at the next `</div>`.
const BOOT_START: &str = "<div id=\"boot\"";
const TITLE: (&str, &str) = ("<title>", "</title>");
const HTML_LANG: &str = "<html lang=\"";

/// Writes pre-rendered pages from the app's entry page (`dist/index.html`).
pub struct Prerenderer<'c> {
    corpus: &'c Corpus,
    template: &'c str,
    groups: Vec<TranslationGroup<'c>>,
    /// The index in `groups` of each essay's group, by slug.
    group_of: HashMap<&'c str, usize>,
}

/// Why a page could not be pre-rendered.
#[derive(Debug, Clone, PartialEq)]
pub enum PrerenderError {
    /// The entry page lacks a part the pre-render replaces.
    Template(&'static str),
    /// An essay's body could not be read.
    Body { slug: String, problem: String },
}

impl std::fmt::Display for PrerenderError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PrerenderError::Template(part) => {
                write!(f, "the entry page has no {part} to pre-render into")
            }
            PrerenderError::Body { slug, problem } => {
                write!(f, "essay {slug:?}: cannot read its body: {problem}")
            }
        }
    }
}

impl<'c> Prerenderer<'c> {
    pub fn new(corpus: &'c Corpus, template: &'c str) -> Result<Prerenderer<'c>, PrerenderError> {
        for (needle, part) in [
            (BOOT_START, "loading message (<div id=\"boot\">)"),
            (TITLE.0, "<title>"),
            (HTML_LANG, "<html lang>"),
        ] {
            if !template.contains(needle) {
                return Err(PrerenderError::Template(part));
            }
        }
        let groups = corpus.translation_groups();
        let group_of = groups
            .iter()
            .enumerate()
            .flat_map(|(i, g)| g.versions.iter().map(move |e| (e.slug.as_str(), i)))
            .collect();
        Ok(Prerenderer {
            corpus,
            template,
            groups,
            group_of,
        })
    }

    /// The entry page for `path` (as [`crate::routes::entry_page_paths`]
    /// gives it). `body` reads an essay's blocks; it is only called for an
    /// essay shown at that address.
    pub fn page(
        &self,
        path: &str,
        body: impl FnOnce(&Essay) -> Result<Vec<Block>, String>,
    ) -> Result<String, PrerenderError> {
        let route = Route::parse(path);
        match &route {
            Route::Library(lang) => {
                let main = self.library(*lang);
                Ok(self.fill(
                    &route,
                    *lang,
                    &document_title(None, *lang),
                    "library",
                    &main,
                ))
            }
            Route::Essay(lang, slug) => {
                let Some(essay) = self.shown_at(*lang, slug) else {
                    return Ok(self.template.to_string());
                };
                let blocks = body(essay).map_err(|problem| PrerenderError::Body {
                    slug: slug.clone(),
                    problem,
                })?;
                let main = self.essay(*lang, essay, &blocks);
                let title = document_title(Some(&essay.title), *lang);
                Ok(self.fill(&route, *lang, &title, "essay", &main))
            }
            Route::Root | Route::NotFound => Ok(self.template.to_string()),
        }
    }

    fn group(&self, slug: &str) -> Option<&TranslationGroup<'c>> {
        self.group_of.get(slug).map(|&i| &self.groups[i])
    }

    /// The essay the app shows at `lang/slug/`: None when it redirects to
    /// the version in `lang` instead.
    fn shown_at(&self, lang: Lang, slug: &str) -> Option<&'c Essay> {
        let essay = self.corpus.essay(slug)?;
        match self.group(slug) {
            Some(group) => {
                let shown = group.for_reader(lang).essay;
                (shown.slug == essay.slug).then_some(essay)
            }
            None => Some(essay),
        }
    }

    /// The entry page with `main` in place of its loading message, and the
    /// page's language and title.
    fn fill(&self, route: &Route, lang: Lang, title: &str, kind: &str, main: &str) -> String {
        let ui = strings(lang);
        let mut page = String::with_capacity(self.template.len() + main.len() + 1024);
        let _ = write!(
            page,
            "<div id=\"boot\" data-prerendered=\"{kind}\">\n<header class=\"site-header\">\n<p class=\"site-name\"><a class=\"site-title\" href=\"{home}\">essais</a><span class=\"site-tagline\">{tagline}</span></p>\n<div class=\"header-controls\"><div class=\"text-size boot-placeholder\" aria-hidden=\"true\"><button type=\"button\" tabindex=\"-1\" disabled>A−</button><button type=\"button\" tabindex=\"-1\" disabled>A+</button></div><nav class=\"language-switch\" aria-label=\"{label}\">",
            home = library_path(lang, &LibraryFilter::default()),
            tagline = escape(ui.tagline),
            label = escape(ui.language_switch_label),
        );
        for option in Lang::ALL {
            let target = switch_language(self.corpus, route, &[], option);
            let current = if option == lang {
                " aria-current=\"true\""
            } else {
                ""
            };
            let _ = write!(
                page,
                "<a href=\"{}\" hreflang=\"{code}\" lang=\"{code}\"{current}>{}</a>",
                escape(&target),
                escape(strings(option).language_name),
                code = option.code(),
            );
        }
        let _ = write!(
            page,
            "</nav></div>\n</header>\n<main>\n{main}</main>\n</div>"
        );
        let prerendered = page;

        let template = self.template;
        let start = template.find(BOOT_START).unwrap_or(0);
        let end = template[start..]
            .find("</div>")
            .map_or(start, |i| start + i + "</div>".len());
        let mut out = String::with_capacity(template.len() + prerendered.len());
        out.push_str(&template[..start]);
        out.push_str(&prerendered);
        out.push_str(&template[end..]);
        let out = replace_between(&out, HTML_LANG, "\"", lang.code());
        replace_between(&out, TITLE.0, TITLE.1, &escape(title))
    }

    /// The library's first page, as the app shows it without filters.
    fn library(&self, lang: Lang) -> String {
        let ui = strings(lang);
        let groups = filtered_groups(self.corpus, &LibraryFilter::default());
        let mut out = format!("<h1>{}</h1>\n", escape(ui.library_heading));
        // The search field and the filters, where the app puts them; without
        // the app they are a plain form and plain links to its addresses.
        let _ = writeln!(
            out,
            "<form role=\"search\" class=\"search\" action=\"{}\"><label for=\"boot-search\">{}</label><input id=\"boot-search\" name=\"q\" type=\"search\" autocomplete=\"off\" aria-describedby=\"boot-search-hint\"><p id=\"boot-search-hint\" class=\"search-hint\">{}</p></form>",
            library_path(lang, &LibraryFilter::default()),
            escape(ui.search_label),
            escape(ui.search_hint),
        );
        let _ = write!(
            out,
            "<section class=\"filters\" aria-label=\"{}\">",
            escape(ui.filters_heading)
        );
        let facets = facets(
            self.corpus,
            &LibraryFilter::default(),
            lang,
            ui.both_languages,
        );
        type Keep = fn(&FilterValue) -> bool;
        let kinds: [(&str, &str, Keep); 3] = [
            (ui.categories, "categories", |v| {
                matches!(v, FilterValue::Category(_))
            }),
            (ui.tags, "tags", |v| matches!(v, FilterValue::Tag(_))),
            (ui.languages, "languages", |v| {
                matches!(v, FilterValue::BothLanguages)
            }),
        ];
        for (title, class, keep) in kinds {
            let _ = write!(
                out,
                "<fieldset class=\"facet-group {class}\"><legend>{}</legend><ul class=\"facets\">",
                escape(title)
            );
            for facet in facets.iter().filter(|f| keep(&f.value)) {
                let target = library_path(lang, &LibraryFilter::default().toggled(&facet.value));
                let _ = write!(
                    out,
                    "<li><a class=\"facet\" href=\"{}\"><span class=\"facet-label\">{}</span><span class=\"facet-count\" aria-hidden=\"true\">{}</span><span class=\"visually-hidden\">{}</span></a></li>",
                    escape(&target),
                    escape(&facet.label),
                    facet.count,
                    escape(&filter_count(lang, facet.count)),
                );
            }
            out.push_str("</ul></fieldset>");
        }
        out.push_str("</section>\n");
        let _ = write!(
            out,
            "<p class=\"status boot-query\" role=\"status\">{}</p>\n<div class=\"boot-list\">\n<p class=\"result-count\">{}</p>\n<ol class=\"essay-list\">\n",
            escape(ui.loading),
            essay_count(lang, groups.len()),
        );
        for group in groups.iter().take(LIBRARY_PAGE_SIZE) {
            let version = group.for_reader(lang);
            let essay = version.essay;
            let code = essay.lang.code();
            let _ = write!(
                out,
                "<li class=\"essay-entry\" data-key=\"{}\"><h2 class=\"essay-title\" lang=\"{code}\"><a href=\"{}\">{}</a></h2>",
                escape(group.key),
                escape(&essay_path(lang, &essay.slug)),
                escape(&essay.title),
            );
            if version.is_fallback {
                let _ = write!(
                    out,
                    "<span class=\"badge only-in\">{}</span>",
                    escape(ui.only_in(essay.lang))
                );
            }
            let _ = write!(
                out,
                "<p class=\"excerpt\" lang=\"{code}\">{}</p>",
                escape(&essay.excerpt)
            );
            self.meta(&mut out, lang, &group.languages(), essay);
            self.taxonomy(&mut out, lang, essay);
            out.push_str("</li>\n");
        }
        out.push_str("</ol>\n</div>\n");
        out
    }

    /// An essay page: its notice, header and text, as the app shows it.
    fn essay(&self, lang: Lang, essay: &Essay, blocks: &[Block]) -> String {
        let mut out = String::new();
        let group = self.group(&essay.slug);
        if essay.lang != lang && group.is_some_and(|g| g.in_lang(lang).is_none()) {
            let _ = writeln!(
                out,
                "<p class=\"notice untranslated\" role=\"note\">{}</p>",
                escape(&untranslated_notice(lang, essay.lang))
            );
        }
        let languages = group.map(|g| g.languages()).unwrap_or_default();
        let _ = write!(
            out,
            "<article class=\"essay\" lang=\"{}\">\n<header class=\"essay-header\">\n<h1>{}</h1>\n",
            essay.lang.code(),
            escape(&essay.title)
        );
        self.meta(&mut out, lang, &languages, essay);
        let _ = write!(out, "<div lang=\"{}\">", lang.code());
        self.taxonomy(&mut out, lang, essay);
        out.push_str("</div>\n</header>\n<div class=\"essay-body\">\n");
        write_body(&mut out, blocks, true);
        out.push_str("</div>\n</article>\n");
        out
    }

    /// The line under a title: languages, reading time, comments.
    fn meta(&self, out: &mut String, lang: Lang, languages: &[Lang], essay: &Essay) {
        let _ = write!(
            out,
            "<p class=\"essay-meta\" lang=\"{}\"><span class=\"languages\">{}</span> · {} · {}</p>",
            lang.code(),
            escape(&languages_line(lang, languages)),
            escape(&reading_time(lang, essay.word_count)),
            escape(&comment_count(lang, essay.comments)),
        );
    }

    /// The essay's categories then tags, as links to the filtered library.
    fn taxonomy(&self, out: &mut String, lang: Lang, essay: &Essay) {
        let values = essay
            .categories
            .iter()
            .filter(|id| self.corpus.category(id).is_some())
            .map(|id| (FilterValue::Category(id.clone()), "category"))
            .chain(
                essay
                    .tags
                    .iter()
                    .filter(|id| self.corpus.tag(id).is_some())
                    .map(|id| (FilterValue::Tag(id.clone()), "tag")),
            );
        let _ = write!(
            out,
            "<ul class=\"taxonomy\" aria-label=\"{}\">",
            escape(strings(lang).categories_and_tags)
        );
        for (value, class) in values {
            let target = library_path(lang, &LibraryFilter::default().toggled(&value));
            let _ = write!(
                out,
                "<li class=\"{class}\"><a href=\"{}\">{}</a></li>",
                escape(&target),
                escape(&value_label(self.corpus, &value, lang, ""))
            );
        }
        out.push_str("</ul>");
    }
}

/// `text` with what lies between the first `start` and the `end` after it
/// replaced by `with`.
fn replace_between(text: &str, start: &str, end: &str, with: &str) -> String {
    let Some(from) = text.find(start).map(|i| i + start.len()) else {
        return text.to_string();
    };
    let Some(to) = text[from..].find(end).map(|i| from + i) else {
        return text.to_string();
    };
    format!("{}{with}{}", &text[..from], &text[to..])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::BuiltCorpus;

    const TEMPLATE: &str = "<!DOCTYPE html>\n<html lang=\"en\">\n<head><title>essais</title></head>\n<body>\n<div id=\"boot-failed\" hidden>x</div>\n<div id=\"boot\" class=\"boot\" role=\"status\">\n<p lang=\"fr\">Chargement…</p>\n</div>\n<noscript>n</noscript>\n</body>\n</html>\n";

    fn seed() -> BuiltCorpus {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../content");
        crate::content::load(&dir).expect("content builds")
    }

    fn page(built: &BuiltCorpus, path: &str) -> String {
        let prerenderer = Prerenderer::new(&built.corpus, TEMPLATE).expect("template");
        prerenderer
            .page(path, |essay| Ok(built.bodies[&essay.slug].clone()))
            .expect("pre-renders")
    }

    #[test]
    fn the_library_page_lists_the_entries_in_the_reading_language() {
        let built = seed();
        let fr = page(&built, "fr/");
        assert!(fr.starts_with("<!DOCTYPE html>\n<html lang=\"fr\">"));
        assert!(fr.contains("<title>essais — "));
        assert!(fr.contains("<div id=\"boot\" data-prerendered=\"library\">"));
        assert!(
            !fr.contains("Chargement…"),
            "the loading message is replaced"
        );
        assert!(fr.contains("<div id=\"boot-failed\" hidden>x</div>"));
        assert!(fr.contains("<noscript>n</noscript>"));
        assert_eq!(fr.matches("<li class=\"essay-entry\"").count(), 3);
        assert!(fr.contains("<p class=\"result-count\">3 essais</p>"));
        // The English-only essay, with its badge, at its French address.
        assert!(fr.contains("<a href=\"fr/the-stopcock-and-the-new-economy/\">The Stopcock and the New Economy</a></h2><span class=\"badge only-in\">"));
        assert!(fr.contains(
            "<p class=\"essay-meta\" lang=\"fr\"><span class=\"languages\">Langues\u{a0}: "
        ));
        assert!(fr.contains("<a href=\"en/\" hreflang=\"en\" lang=\"en\">English</a>"));
        // Search and filters work as plain addresses the app reads.
        assert!(fr.contains(
            "<form role=\"search\" class=\"search\" action=\"fr/\"><label for=\"boot-search\">"
        ));
        assert!(fr.contains("<input id=\"boot-search\" name=\"q\""));
        assert!(fr.contains("<a class=\"facet\" href=\"fr/?both=1\"><span class=\"facet-label\">"));
        assert!(fr.contains("<a class=\"facet\" href=\"fr/?tag=future-of-work\">"));
        assert!(fr.contains(
            "<a href=\"fr/\" hreflang=\"fr\" lang=\"fr\" aria-current=\"true\">Français</a>"
        ));
    }

    #[test]
    fn the_library_page_holds_one_page_of_entries() {
        let mut built = seed();
        let model = built.corpus.essays[0].clone();
        built.corpus.essays = (0..LIBRARY_PAGE_SIZE as u32 + 7)
            .map(|i| Essay {
                slug: format!("essay-{i}"),
                translation_key: format!("essay-{i}"),
                position: i + 1,
                ..model.clone()
            })
            .collect();
        let en = page(&built, "en/");
        assert_eq!(
            en.matches("<li class=\"essay-entry\"").count(),
            LIBRARY_PAGE_SIZE
        );
        assert!(en.contains(&format!(
            "<p class=\"result-count\">{} essays</p>",
            LIBRARY_PAGE_SIZE + 7
        )));
    }

    #[test]
    fn an_essay_page_holds_its_text_with_the_app_anchors() {
        let built = seed();
        let en = page(&built, "en/the-stopcock-and-the-new-economy/");
        assert!(en.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
        assert!(en.contains("<title>The Stopcock and the New Economy — essais</title>"));
        assert!(en.contains("<article class=\"essay\" lang=\"en\">"));
        assert!(en.contains("<h1>The Stopcock and the New Economy</h1>"));
        assert!(en.contains(
            "<p id=\"p1\" data-block=\"1\">For once, I would like to tell you a little story."
        ));
        let blocks = built.bodies["the-stopcock-and-the-new-economy"].len();
        assert_eq!(en.matches(" data-block=\"").count(), blocks);
        assert!(!en.contains("class=\"notice untranslated\""));
    }

    #[test]
    fn an_untranslated_essay_at_the_other_address_has_its_notice() {
        let built = seed();
        let fr = page(&built, "fr/the-stopcock-and-the-new-economy/");
        assert!(fr.starts_with("<!DOCTYPE html>\n<html lang=\"fr\">"));
        assert!(fr.contains(
            "<p class=\"notice untranslated\" role=\"note\">Cet essai n’existe qu’en anglais"
        ));
        assert!(fr.contains("<article class=\"essay\" lang=\"en\">"));
    }

    #[test]
    fn an_address_the_app_redirects_keeps_the_loading_message() {
        let built = seed();
        // The French essay at its English address: the app goes to the
        // English version, so nothing of the French text is pre-rendered.
        let french = built
            .corpus
            .essays
            .iter()
            .find(|e| e.lang == Lang::Fr)
            .expect("a French essay");
        assert_eq!(page(&built, &essay_path(Lang::En, &french.slug)), TEMPLATE);
        assert_eq!(page(&built, "nowhere/at/all/"), TEMPLATE);
        assert_eq!(page(&built, ""), TEMPLATE);
    }

    #[test]
    fn corpus_text_is_escaped() {
        let mut built = seed();
        let slug = built.corpus.essays[0].slug.clone();
        let lang = built.corpus.essays[0].lang;
        built.corpus.essays[0].title = "<script>alert(1)</script> & \"x\"".into();
        built.corpus.essays[0].excerpt = "<img src=x onerror=alert(1)>".into();
        let library = page(&built, &library_path(lang, &LibraryFilter::default()));
        assert!(!library.contains("<script>alert") && !library.contains("<img"));
        assert!(library.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot;"));
        let essay = page(&built, &essay_path(lang, &slug));
        assert!(essay.contains(
            "<title>&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot; — essais</title>"
        ));
    }

    #[test]
    fn a_template_without_its_loading_message_is_refused() {
        let built = seed();
        let template = TEMPLATE.replace("id=\"boot\"", "id=\"other\"");
        assert!(matches!(
            Prerenderer::new(&built.corpus, &template).err(),
            Some(PrerenderError::Template(_))
        ));
    }

    #[test]
    fn an_unreadable_body_is_an_error_naming_the_essay() {
        let built = seed();
        let prerenderer = Prerenderer::new(&built.corpus, TEMPLATE).expect("template");
        let err = prerenderer
            .page("en/the-stopcock-and-the-new-economy/", |_| {
                Err("gone".into())
            })
            .expect_err("fails");
        assert_eq!(
            err.to_string(),
            "essay \"the-stopcock-and-the-new-economy\": cannot read its body: gone"
        );
    }
}
