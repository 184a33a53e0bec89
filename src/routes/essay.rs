//! An essay page: the essay in the reading language (or its original, with
//! a notice), its metadata, its body, and the essays around it.

use crate::router::use_location;
use essais_core::routes::{essay_path, marked_search, parse_query, EssayView, Route};
use essais_core::ui::{strings, untranslated_notice};
use essais_core::{CorpusLoadError, Essay, Lang};
use leptos::prelude::*;

use crate::api::{use_bodies, use_essay_corpus, Body};
use crate::components::essay_body::{EssayBody, SearchMarks};
use crate::components::essay_meta::EssayMeta;
use crate::components::found_marks::FoundMarks;
use crate::components::listen::Listen;
use crate::components::load_error::PartLoadError;
use crate::components::passage_links::PassageLinks;
use crate::components::reading_keys::ReadingKeys;
use crate::components::reading_progress::{go_to_place, ReadingProgress};
use crate::components::side_by_side::SideBySide;
use crate::components::taxonomy_links::TaxonomyLinks;
use crate::components::translations_at_hand::TranslationsAtHand;
use crate::language::{set_document_title, use_reading_language};
use crate::paths::{go_to, href, use_route};
use crate::routes::not_found::NotFoundPage;

#[component]
pub fn EssayPage(slug: String) -> impl IntoView {
    let lang = use_reading_language();
    let corpus = use_essay_corpus(slug.clone());
    let location = use_location();
    let view_mode = Memo::new(move |_| EssayView::from_query(&parse_query(&location.search.get())));

    // /fr/<english slug>/ when a French version exists: the reader's language
    // wins, at the French version's own address.
    let route = use_route();
    let canonical = {
        let slug = slug.clone();
        move || {
            // Only while this essay is the page: a page being replaced must
            // not redirect the one replacing it.
            if !matches!(route.get(), Route::Essay(_, ref current) if *current == slug) {
                return None;
            }
            let corpus = corpus.get()?;
            let version = corpus.redirect_for(lang.get(), &slug)?;
            Some(href(&essay_path(lang.get(), &version.slug)))
        }
    };
    Effect::new(move |_| {
        if let Some(target) = canonical() {
            // Keep the view (query) and the place (fragment).
            let search = location.search.get_untracked();
            let query = if search.is_empty() {
                String::new()
            } else {
                format!("?{}", search.trim_start_matches('?'))
            };
            let hash = location.hash.get_untracked();
            go_to(&format!("{target}{query}{hash}"), None, true);
        }
    });

    let title = {
        let slug = slug.clone();
        move || {
            corpus
                .get()
                .and_then(|c| c.essay(&slug).map(|e| e.title.clone()))
        }
    };
    Effect::new(move |_| {
        if let Some(title) = title() {
            set_document_title(Some(&title), lang.get());
        }
    });

    // Once the body is in the page, go to the paragraph the URL names (#p12):
    // deep links, and the place kept across a language switch.
    {
        let slug = slug.clone();
        Effect::new(move |_| {
            let hash = location.hash.get();
            corpus.track();
            view_mode.track();
            let slug = slug.clone();
            request_animation_frame(move || go_to_place(&hash, &slug));
        });
    }

    // Opened from a search result: the words found are marked (`?mark=`).
    // A memo, so that the view's own query (`?view=`) leaves the marks be.
    let marked = Memo::new(move |_| marked_search(&parse_query(&location.search.get())));

    // The page is redrawn for a new language, corpus or search marks; a
    // switch between single and side by side redraws only the text (below),
    // not the header, the neighbours or the page's keys.
    move || {
        let lang = lang.get();
        let ui = strings(lang);
        let Some(corpus) = corpus.get() else {
            return ().into_any();
        };
        let Some(essay) = corpus.essay(&slug).cloned() else {
            return view! { <NotFoundPage essay=true /> }.into_any();
        };
        let notice = (essay.lang != lang && corpus.group_of(&slug).is_some_and(|g| g.in_lang(lang).is_none()))
            .then(|| view! { <p class="notice untranslated" role="note">{untranslated_notice(lang, essay.lang)}</p> });
        let languages = corpus
            .group_of(&slug)
            .map(|g| g.languages())
            .unwrap_or_default();
        let (previous, next) = corpus.neighbours(&slug);
        let neighbour = |group: Option<essais_core::corpus::TranslationGroup<'_>>,
                         label: &'static str,
                         class: &'static str| {
            group.map(|g| {
                let target = g.for_reader(lang).essay;
                view! {
                    <a class=class rel=if class == "previous" { "prev" } else { "next" } href=href(&essay_path(lang, &target.slug))>
                        <span class="neighbour-label">{label}</span>
                        <span class="neighbour-title" lang=target.lang.code()>{target.title.clone()}</span>
                    </a>
                }
            })
        };
        // The translation to read beside this essay, if it has one.
        let translation: Option<Essay> = corpus.translation_of(&slug).cloned();
        // The view controls themselves live in the sticky header, at hand
        // anywhere in the essay; here only the reason when there are none.
        let no_side_by_side = translation.is_none().then(|| {
            view! {
                <p class="view-controls no-translation" lang=lang.code()>{ui.no_side_by_side}</p>
            }
        });
        // Provided whether or not, so that clearing the marks clears them.
        let marked = marked.get();
        provide_context(SearchMarks {
            search: marked.clone().unwrap_or_default().into(),
            lang: essay.lang,
        });
        let found = marked.map(|search| {
            view! { <FoundMarks search=search slug=essay.slug.clone() view=view_mode lang=lang /> }
        });
        // The reader's companions belong to the page, not to one view of its
        // text: a switch to side by side leaves them (and a reading aloud)
        // be. True while the text is not all in the page (loading, or side
        // by side still drawing rows): the progress measures nothing then.
        let drawing = RwSignal::new(true);
        let side_by_side = Memo::new(move |_| view_mode.get().side_by_side);
        let listen = view! {
            <Listen essay=essay.clone() translation=translation.clone() side_by_side=side_by_side lang=lang />
        };
        let progress = {
            let versions: Vec<String> = std::iter::once(essay.slug.clone())
                .chain(translation.iter().map(|t| t.slug.clone()))
                .collect();
            view! {
                <ReadingProgress slug=essay.slug.clone() versions=versions word_count=essay.word_count body_url=essay.body_url.clone() side_by_side=side_by_side lang=lang drawing=drawing />
            }
        };
        let body = {
            let essay = essay.clone();
            move || {
                let view_mode = view_mode.get();
                drawing.set(true);
                view! {
                    <EssayText essay=essay.clone() translation=translation.clone() side_by_side=view_mode.side_by_side swapped=view_mode.swapped lang=lang drawing=drawing />
                }
            }
        };
        let previous = neighbour(previous, ui.previous_essay, "previous");
        let next = neighbour(next, ui.next_essay, "next");
        view! {
            {notice}
            <article class="essay" lang=essay.lang.code()>
                <header class="essay-header">
                    <h1>{essay.title.clone()}</h1>
                    <EssayMeta languages=languages word_count=essay.word_count comments=essay.comments lang=lang />
                    <div lang=lang.code()>
                        <TaxonomyLinks corpus=corpus.clone() categories=essay.categories.clone() tags=essay.tags.clone() lang=lang label=ui.categories_and_tags />
                    </div>
                </header>
                {no_side_by_side}
                {found}
                {listen}
                {body}
                {progress}
            </article>
            <nav class="essay-neighbours" aria-label=ui.essay_navigation>
                {previous}
                {next}
            </nav>
            <ReadingKeys lang=lang />
            <PassageLinks lang=lang />
        }
        .into_any()
    }
}

/// The essay's text, alone or beside its translation. Bodies are fetched on
/// demand; one already fetched renders at once, without a loading step, and
/// the translation is fetched ahead so that the switch to it is immediate.
#[component]
fn EssayText(
    essay: Essay,
    translation: Option<Essay>,
    side_by_side: bool,
    swapped: bool,
    lang: Lang,
    /// Set while the text is not all in the page (see `EssayPage`).
    drawing: RwSignal<bool>,
) -> impl IntoView {
    let cache = use_bodies();
    if let Some(other) = &translation {
        let url = other.body_url.clone();
        Effect::new(move |_| cache.prefetch(url.clone()));
    }
    let at_hand = translation.clone().filter(|_| !side_by_side);
    let other = translation.filter(|_| side_by_side);
    let urls = (
        essay.body_url.clone(),
        other.as_ref().map(|o| o.body_url.clone()),
    );
    let slug = essay.slug.clone();
    let render = move |primary: Body, other_blocks: Option<Body>| {
        // Side by side says itself when its rows are all drawn; a single
        // text is drawn at once.
        if other_blocks.is_none() {
            Effect::new(move |_| drawing.set(false));
        }
        match (&other, other_blocks) {
            (Some(other), Some(other_blocks)) => view! {
                <SideBySide primary=essay.clone() other=other.clone() primary_body=primary other_body=other_blocks swapped=swapped lang=lang drawing=drawing />
            }
            .into_any(),
            _ => match &at_hand {
                // A translated essay, alone: its translation at hand.
                Some(translation) if primary.alignment.is_some() => view! {
                    <TranslationsAtHand essay=essay.clone() body=primary translation=translation.clone() lang=lang />
                }
                .into_any(),
                _ => view! { <div class="essay-body"><EssayBody blocks=primary.blocks.clone() /></div> }.into_any(),
            },
        }
    };
    // Both texts already in memory (the other only if shown): no loading step.
    let cached = match (
        cache.get(&urls.0),
        urls.1.as_deref().map(|url| cache.get(url)),
    ) {
        (Some(primary), None) => Some((primary, None)),
        (Some(primary), Some(Some(other))) => Some((primary, Some(other))),
        _ => None,
    };
    if let Some((primary, other)) = cached {
        Effect::new(|_| crate::prerender::page_ready());
        return render(primary, other);
    }
    let bodies = LocalResource::new(move || {
        let urls = urls.clone();
        async move {
            let primary = cache.fetch(urls.0).await?;
            let other = match urls.1 {
                Some(url) => Some(cache.fetch(url).await?),
                None => None,
            };
            Ok::<_, CorpusLoadError>((primary, other))
        }
    });
    // The text, or why it is missing, is on the page: the pre-rendered one
    // can go. And the paragraph the URL names exists only now.
    Effect::new(move |_| {
        if bodies.get().is_some() {
            crate::prerender::page_ready();
        }
        if matches!(bodies.get(), Some(Ok(_))) {
            let slug = slug.clone();
            request_animation_frame(move || {
                go_to_place(&window().location().hash().unwrap_or_default(), &slug)
            });
        }
    });
    let ui = strings(lang);
    let offline = crate::offline::use_offline_state();
    (move || match bodies.get() {
        None => view! { <p class="status" role="status">{ui.loading_text}</p> }.into_any(),
        Some(Err(error)) => {
            // Offline above the budget, an essay never opened is simply not
            // on this device: said so, with when it will be.
            let not_saved = matches!(error, essais_core::CorpusLoadError::Network(_))
                && offline.is_some_and(|o| !o.online.get_untracked() && o.essays_on_request());
            view! {
                <PartLoadError error=error what=|ui| ui.text_failed retry=move || bodies.refetch() />
                {not_saved.then(|| view! { <p class="not-saved" role="status">{ui.not_saved_offline}</p> })}
            }
            .into_any()
        }
        Some(Ok((primary, other))) => render(primary, other),
    })
    .into_any()
}
