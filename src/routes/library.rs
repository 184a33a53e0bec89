//! The library (home page): every essay in the blog's order, narrowed by
//! the filters in the URL query. Long lists come [`LIBRARY_PAGE_SIZE`]
//! entries at a time, so the page stays instant with thousands of essays.

use essais_core::library::{kept_groups, shows_filter, LibraryFilter, LIBRARY_PAGE_SIZE};
use essais_core::routes::{library_path, library_search_path};
use essais_core::search::SoFar;
use essais_core::ui::{essay_count, rejected_essays, show_more, strings};
use leptos::prelude::*;
use std::sync::Arc;

use crate::api::{use_library_corpus, CorpusSource};
use crate::components::continue_reading::ContinueReading;
use crate::components::essay_list::{focus_entry, EssayList, Listed};
use crate::components::filters::{ActiveFilters, FilterPanel, HeldFocus};
use crate::components::search::{
    search_results, use_found, use_search_query, SearchBox, SearchState,
};
use crate::language::{set_document_title, use_reading_language};
use crate::paths::{go_to, href, use_library_filter};

#[component]
pub fn LibraryPage() -> impl IntoView {
    let lang = use_reading_language();
    // Until the whole index is in, the library's first screen: enough for
    // the unfiltered library's first entries and its counts; a filter of
    // one value is drawn from that value's own first screen once fetched
    // (a few kilobytes); other filters, a search or more entries wait for
    // the index.
    let library = use_library_corpus();
    let filter = use_library_filter(library);
    let source = use_context::<CorpusSource>();
    let corpus = Signal::derive(move || {
        let library = library.get()?;
        if !library.is_first_screen() {
            return Some(library);
        }
        let screen = filter.with(|(filter, _)| source?.first_screen_showing(filter));
        Some(screen.unwrap_or(library))
    });
    let search = use_search_query();
    let searching = move || !search.get().trim().is_empty();
    let first_screen = move || corpus.with(|c| c.as_ref().is_some_and(|c| c.is_first_screen()));
    let waiting = move || {
        first_screen()
            && (searching()
                || corpus.with(|c| {
                    c.as_ref()
                        .is_some_and(|c| filter.with(|(f, _)| !shows_filter(c, f)))
                }))
    };
    // A first filter click before the index: its value's first screen.
    Effect::new(move |_| {
        let (Some(source), Some(library)) = (source, library.get()) else {
            return;
        };
        if library.is_first_screen() && !searching() {
            if let [value] = filter.with(|(f, _)| f.chosen()).as_slice() {
                source.fetch_first_screen_of(value);
            }
        }
    });
    let search_state = SearchState::use_state();
    let found = use_found(search_state, search);
    // The groups the search finds, for the filters' counts: set a frame
    // after the results are drawn, so that a keystroke's frame shows the
    // results and the panel follows in the next one.
    let found_groups = RwSignal::new(None::<Arc<Vec<usize>>>);
    Effect::new(move |_| {
        let found = found.get();
        // Only the first hits (the rest of a common word's postings on
        // its way): the counts would be far too low, and would disable
        // values that have hits; the panel waits for the whole answer.
        if found.as_ref().is_some_and(|f| f.so_far == SoFar::First) {
            return;
        }
        let groups = found.map(|f| f.groups.clone());
        crate::timing::after_next_frame(move || {
            if found_groups
                .try_get_untracked()
                .is_some_and(|now| now != groups)
            {
                found_groups.try_set(groups);
            }
        });
    });
    // A search in the address (a shared link, a reload) needs the index
    // now; so does a field the reader came to before the whole corpus was in.
    Effect::new(move |_| {
        let corpus = corpus.get();
        if searching() || in_search_field() {
            if let Some(corpus) = corpus {
                search_state.load(corpus);
            }
        }
    });
    Effect::new(move |_| set_document_title(None, lang.get()));
    // Effects run once the page is in the DOM: the pre-rendered page goes,
    // and what the reader had begun to type in its search field is kept.
    Effect::new(move |_| {
        let typed = crate::prerender::typed_search();
        crate::prerender::page_ready();
        let Some(typed) = typed else { return };
        if !typed.text.trim().is_empty() && search.get_untracked().trim().is_empty() {
            let path =
                library_search_path(lang.get_untracked(), &filter.get_untracked().0, &typed.text);
            go_to(&href(&path), None, true);
        }
        if typed.focused {
            if let Some(field) = document()
                .get_element_by_id("search")
                .and_then(|el| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(el).ok())
            {
                let _ = field.focus();
            }
        }
    });
    // How many pages of entries (or of a search's passages) are shown; a
    // new filter or search starts again at one. Pages, not entries: the
    // library's and the search's are of different sizes, and a first key
    // (from the library to a search) then redraws nothing twice. (Set only
    // when it changes: every set redraws the results.)
    let pages = RwSignal::new(1usize);
    Effect::new(move |_| {
        filter.track();
        search.track();
        if pages.get_untracked() != 1 {
            pages.set(1);
        }
    });
    // The page is redrawn in parts, each on what it shows: the search field
    // never (so it keeps its focus while the reader types), the filters on a
    // change of filter or language, the results on any change.
    let filters = move || {
        let lang = lang.get();
        let ui = strings(lang);
        let corpus = corpus.get()?;
        let (filter, ignored) = filter.get();
        let unreadable = (!corpus.rejected.is_empty()).then(|| {
            let names: Vec<&str> = corpus.rejected.iter().map(|r| r.name.as_str()).collect();
            view! { <p class="notice rejected-essays" role="status">{rejected_essays(lang, &names)}</p> }
        });
        let notice = (!ignored.is_empty()).then(|| view! {
            <p class="notice ignored-filters" role="status">{format!("{} {}", ui.ignored_filters, ignored.join(", "))}</p>
        });
        HeldFocus::keep();
        Some(view! {
            {unreadable}
            {notice}
            <ActiveFilters corpus=corpus filter=filter lang=lang search=search />
        })
    };
    let continue_reading = move || {
        let corpus = corpus.get().filter(|c| !c.is_first_screen())?;
        Some(view! { <ContinueReading corpus=corpus lang=lang.get() /> })
    };
    // A long list of tags or categories unfolded, or a tag's name typed to
    // find it, stays so across filter clicks.
    let every_tag = RwSignal::new(false);
    let every_category = RwSignal::new(false);
    let tag_name = RwSignal::new(String::new());
    // Redrawn for a filter, the language, and (a frame late) the search;
    // what had the focus in it has it again.
    let panel = move || {
        HeldFocus::keep();
        if waiting() {
            return None;
        }
        let corpus = corpus.get()?;
        let (filter, _) = filter.get();
        Some(view! {
            <FilterPanel corpus=corpus filter=filter lang=lang.get() search=search found=found_groups.get() every_tag=every_tag every_category=every_category tag_name=tag_name />
        })
    };
    // The places of the kept groups, from the corpus index's postings: only
    // the entries shown are then built.
    let kept = Memo::new(move |_| {
        let corpus = corpus.get()?;
        Some(kept_groups(&corpus, &filter.get().0))
    });
    // Above the list: the count, the search's results, or why nothing is
    // listed.
    let results = move || {
        let lang = lang.get();
        let ui = strings(lang);
        let Some(corpus) = corpus.get() else {
            return view! { <p>{ui.no_essays}</p> }.into_any();
        };
        if waiting() {
            return view! { <p class="status" role="status">{ui.loading}</p> }.into_any();
        }
        kept.with(|kept| {
            let kept = kept.as_deref().unwrap_or_default();
            if searching() && !kept.is_empty() {
                search_results(
                    &corpus,
                    search_state,
                    found.get(),
                    kept,
                    &search.get(),
                    lang,
                    pages,
                )
            } else if kept.is_empty() {
                let clear = href(&library_path(lang, &LibraryFilter::default()));
                view! {
                    <div class="no-match" role="status">
                        <p>{if corpus.essays.is_empty() { ui.no_essays } else { ui.no_match }}</p>
                        <p><a href=clear>{ui.clear_all}</a></p>
                    </div>
                }
                .into_any()
            } else {
                // A first screen counts the whole library.
                let total = if corpus.is_first_screen() {
                    corpus.library_size()
                } else {
                    kept.len()
                };
                view! { <p class="result-count" role="status">{essay_count(lang, total)}</p> }
                    .into_any()
            }
        })
    };
    // The entries, when no search is typed: the kept groups of the pages shown.
    let listed = Signal::derive(move || {
        let corpus = corpus.get();
        let groups = if corpus.is_none() || searching() || waiting() {
            Vec::new()
        } else {
            kept.with(|kept| {
                let kept = kept.as_deref().unwrap_or_default();
                kept[..(pages.get() * LIBRARY_PAGE_SIZE).min(kept.len())].to_vec()
            })
        };
        Listed {
            corpus,
            groups,
            lang: lang.get(),
        }
    });
    let more = move || {
        if searching() || waiting() {
            return None;
        }
        let lang = lang.get();
        if first_screen() && pages.get() > 1 {
            // More than the first screen holds: they come with the index.
            return Some(
                view! { <p class="status" role="status">{strings(lang).loading}</p> }.into_any(),
            );
        }
        let total = if first_screen() {
            corpus.with(|c| c.as_ref().map_or(0, |c| c.library_size()))
        } else {
            kept.with(|kept| kept.as_ref().map_or(0, Vec::len))
        };
        let limit = (pages.get() * LIBRARY_PAGE_SIZE).min(total);
        let remaining = total - limit;
        (remaining > 0).then(|| {
            let next = remaining.min(LIBRARY_PAGE_SIZE);
            view! {
                <button type="button" class="show-more" on:click=move |_| {
                    pages.update(|p| *p += 1);
                    // From a first screen, the entries come with the index.
                    focus_entry(".essay-list", limit, if first_screen() { FRAMES_FOR_THE_INDEX } else { 4 });
                }>{show_more(lang, next, remaining)}</button>
            }
            .into_any()
        })
    };
    // Readers come for the essays: on wide screens the filters stand in a
    // column beside them (style/main.css), on phones they fold behind a
    // button between the search and the list.
    view! {
        // Marked while drawn from the first screen (the tests and the
        // benchmark tell the two apart by it).
        <div class="library" data-first-screen=move || first_screen().then_some("")>
            <div class="library-head">
                // Focusable from the script only: where the focus goes when the
                // filter control that had it is gone (`HeldFocus`).
                <h1 tabindex="-1">{move || strings(lang.get()).library_heading}</h1>
                <SearchBox state=search_state />
            </div>
            <div class="library-side">{continue_reading}{panel}</div>
            <div class="library-results">
                {filters}
                {results}
                <EssayList listed=listed />
                {more}
            </div>
        </div>
    }
}

/// How long "show more" on a first screen looks for its first new entry:
/// about a minute of frames, for the index on a slow link.
const FRAMES_FOR_THE_INDEX: u32 = 3600;

/// Whether the focus is in the search field.
fn in_search_field() -> bool {
    document()
        .active_element()
        .is_some_and(|element| element.id() == "search")
}
