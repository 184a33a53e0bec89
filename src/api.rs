//! What the app fetches: the corpus index once, each essay's body when it is
//! opened, and the search's shards as queries need them.
//! Bodies are kept once fetched, so going back, switching language or
//! opening the side-by-side view never waits twice. This module fetches and
//! returns values; it draws nothing.

use essais_core::library::{
    first_screen_file, shows_filter, value_screen_beside, FilterValue, LibraryFilter,
};
use essais_core::search_shards::{Shard, ShardList};
use essais_core::{Corpus, CorpusLoadError, CorpusReading, EssayBody, FIRST_SCREEN_FILE};
use leptos::prelude::*;
use std::collections::HashMap;
use std::sync::Arc;
use wasm_bindgen::JsCast;

/// Relative to the document's `<base>`, so the app works under any public URL.
const CORPUS_URL: &str = "corpus.json";
/// A request still unanswered after this is abandoned and reported.
const TIMEOUT_SECONDS: u32 = 15;

/// GETs `url` (relative to the `<base>`) as UTF-8 text, abandoned if the server
/// has not answered within [`TIMEOUT_SECONDS`]. Once it answers, the body
/// takes the time it takes: the search data of a large corpus is megabytes,
/// which a slow link needs longer than that to bring. The request is
/// gloo-net's (2.3 KB brotli more than a hand-written `fetch` through
/// web-sys, measured: docs/performance.md), cut by its abort signal.
pub async fn fetch_text(url: &str) -> Result<String, CorpusLoadError> {
    let network = || CorpusLoadError::Network(format!("fetch {url} failed"));
    let abort = web_sys::AbortController::new().map_err(|_| network())?;
    let timed_out = std::rc::Rc::new(std::cell::Cell::new(false));
    let on_timeout = {
        let (abort, timed_out) = (abort.clone(), timed_out.clone());
        wasm_bindgen::closure::Closure::once(move || {
            timed_out.set(true);
            abort.abort();
        })
    };
    let timer = window()
        .set_timeout_with_callback_and_timeout_and_arguments_0(
            on_timeout.as_ref().unchecked_ref(),
            (TIMEOUT_SECONDS * 1000) as i32,
        )
        .ok();
    let result = async {
        let response = gloo_net::http::Request::get(url)
            .abort_signal(Some(&abort.signal()))
            .send()
            .await;
        // Answered (or failed): no more timeout.
        if let Some(timer) = timer {
            window().clear_timeout_with_handle(timer);
        }
        let response = response.map_err(|_| network())?;
        if !response.ok() {
            return Err(CorpusLoadError::Http {
                status: response.status(),
            });
        }
        // Bytes, copied once into the WASM's memory and checked as UTF-8
        // here, rather than the browser's text: `text()` decodes into a
        // UTF-16 JavaScript string, which then has to be encoded back into
        // UTF-8 to reach Rust: two passes and a buffer three times the size
        // for a 21 MB index, most of a second at a phone's speed
        // (docs/performance.md, "The index read as bytes, in slices").
        // (gloo-net's `binary()` would zero a buffer before copying into
        // it.) As `text()` did, invalid sequences are replaced and a byte
        // order mark dropped, so a damaged file reads as it did.
        let response: web_sys::Response = response.into();
        let buffer = response.array_buffer().map_err(|_| network())?;
        let buffer = wasm_bindgen_futures::JsFuture::from(buffer)
            .await
            .map_err(|_| network())?;
        let bytes = js_sys::Uint8Array::new(&buffer).to_vec();
        let mut text = String::from_utf8(bytes)
            .unwrap_or_else(|bad| String::from_utf8_lossy(bad.as_bytes()).into_owned());
        if text.starts_with('\u{feff}') {
            text.drain(..'\u{feff}'.len_utf8());
        }
        Ok(text)
    }
    .await;
    drop(on_timeout);
    match result {
        Err(_) if timed_out.get() => Err(CorpusLoadError::Timeout {
            seconds: TIMEOUT_SECONDS,
        }),
        other => other,
    }
}

/// The page's thread is given back to the browser after about this long
/// of reading the index (the long task threshold is 50 ms).
const READING_SLICE_MS: f64 = 30.0;
/// Essays read between two looks at the clock.
const ESSAYS_BETWEEN_LOOKS: usize = 64;

/// The index, read a slice at a time between the browser's other work:
/// at 20,000 pairs, reading it at once held the page for about a second
/// at a phone's speed, and a click waited for all of it (docs/performance.md,
/// "The index read as bytes, in slices"). The scan that finds each essay
/// (about a tenth of a second there) cannot be cut, nor the copy of the
/// bytes into the WASM's memory.
pub async fn fetch_corpus() -> Result<Corpus, CorpusLoadError> {
    use crate::timing::{next_task, now};
    let text = fetch_text(CORPUS_URL).await?;
    next_task().await;
    let mut reading = CorpusReading::start(&text)?;
    next_task().await;
    let mut slice_start = now();
    while !reading.read(ESSAYS_BETWEEN_LOOKS) {
        if now() - slice_start > READING_SLICE_MS {
            next_task().await;
            slice_start = now();
        }
    }
    Ok(reading.finish())
}

/// An essay's body: its blocks and, for a translated essay, its rows
/// against the translation.
pub type Body = Arc<EssayBody>;

/// Bodies fetched so far, by URL (the URL names the content: no staleness),
/// shared by every page of the app through a context. At build time the
/// pages tool puts in the body of the essay it pre-renders.
#[derive(Clone, Copy)]
pub struct BodyCache(StoredValue<HashMap<String, Body>>);

impl BodyCache {
    pub fn provide(bodies: HashMap<String, Body>) -> BodyCache {
        let cache = BodyCache(StoredValue::new(bodies));
        provide_context(cache);
        cache
    }

    /// The body at `url` if it has been fetched already.
    pub fn get(&self, url: &str) -> Option<Body> {
        self.0.with_value(|bodies| bodies.get(url).cloned())
    }

    /// The body at `url`, from memory or fetched (and then kept).
    pub async fn fetch(self, url: String) -> Result<Body, CorpusLoadError> {
        if let Some(blocks) = self.get(&url) {
            return Ok(blocks);
        }
        let blocks = Arc::new(EssayBody::from_json(&fetch_text(&url).await?)?);
        self.0.update_value(|bodies| {
            bodies.insert(url, blocks.clone());
        });
        Ok(blocks)
    }

    /// Fetches a body ahead of need (the translation of the essay being
    /// read), so that the language switch and the side-by-side view do not
    /// wait.
    pub fn prefetch(self, url: String) {
        if self.get(&url).is_none() {
            leptos::task::spawn_local(async move {
                let _ = self.fetch(url).await;
            });
        }
    }
}

pub fn use_bodies() -> BodyCache {
    expect_context::<BodyCache>()
}

/// The search's shard list (`search_shards`), fetched when the reader
/// comes to the search field.
pub async fn fetch_shard_list(url: String) -> Result<ShardList, CorpusLoadError> {
    if url.is_empty() {
        return Err(CorpusLoadError::Http { status: 404 });
    }
    ShardList::from_json(&fetch_text(&url).await?)
}

/// One shard of the search index, fetched when a query needs it.
pub async fn fetch_shard(url: &str) -> Result<Shard, CorpusLoadError> {
    Shard::from_json(&fetch_text(url).await?)
}

/// The corpus as the app has it: not yet in, failed (and why), or ready.
pub type CorpusLoad = Option<Result<Arc<Corpus>, CorpusLoadError>>;

/// The app's corpus, shared by every page through a context. In the browser
/// it is fetched once the app has started ([`CorpusSource::load`]); at build
/// time the pages tool hands it over ready.
///
/// Beside the whole index (`corpus.json`), the app fetches the library's
/// first screen (`first-screen.json`, preloaded by the entry page): a few
/// kilobytes where the index of a large library is megabytes, so the library
/// is drawn from it while the index is on its way (docs/architecture.md).
/// A library that fits on that screen is whole in it, and the index is not
/// waited for.
///
/// An essay's entry page carries the essay's own part of the index
/// ([`EssayPart`]): its page is drawn from it, and the whole index is not
/// waited for either. An essay opened while the index is on its way (from
/// the library's first screen, or the next essay) has its own part fetched
/// from its entry page ([`CorpusSource::fetch_part`]).
#[derive(Clone, Copy)]
pub struct CorpusSource {
    whole: RwSignal<CorpusLoad>,
    first_screen: RwSignal<Option<Arc<Corpus>>>,
    /// The parts of the index held, the entry page's first.
    parts: RwSignal<Vec<EssayPart>>,
    /// The essays whose entry pages were asked for their part, each once.
    parts_asked: StoredValue<Vec<String>>,
    /// The first screens of the library filtered by one value held
    /// ([`CorpusSource::fetch_first_screen_of`]).
    screens: RwSignal<Vec<Arc<Corpus>>>,
    /// Their files asked for, each once.
    screens_asked: StoredValue<Vec<String>>,
}

/// An essay's part of the index ([`Corpus::essay_page`]), read from the data
/// block of its entry page: all its page needs, for that essay only.
#[derive(Clone)]
pub struct EssayPart {
    pub slug: String,
    pub corpus: Arc<Corpus>,
}

impl EssayPart {
    /// The part the entry page holds, if it holds one that reads (else the
    /// whole index is waited for, as on a page without one).
    pub fn from_page() -> Option<EssayPart> {
        Self::from_document(&document())
    }

    /// The part an entry page holds, the app's own or one fetched.
    fn from_document(page: &web_sys::Document) -> Option<EssayPart> {
        let block = page.get_element_by_id(essais_core::corpus::ESSAY_INDEX_ID)?;
        let slug = block.get_attribute("data-essay")?;
        let corpus = Corpus::from_json(&block.text_content()?).ok()?;
        corpus.essay(&slug)?;
        Some(EssayPart {
            slug,
            corpus: Arc::new(corpus),
        })
    }

    /// Whether this part is for essay `slug` or another version of it (a
    /// group's versions have the same neighbours: the language switch draws
    /// the translation from it too).
    fn is_for(&self, slug: &str) -> bool {
        self.corpus
            .group_of(&self.slug)
            .is_some_and(|group| group.versions.iter().any(|version| version.slug == slug))
    }
}

impl CorpusSource {
    pub fn provide(initial: CorpusLoad, essay_part: Option<EssayPart>) -> CorpusSource {
        let source = CorpusSource {
            whole: RwSignal::new(initial),
            first_screen: RwSignal::new(None),
            parts: RwSignal::new(essay_part.into_iter().collect()),
            parts_asked: StoredValue::new(Vec::new()),
            screens: RwSignal::new(Vec::new()),
            screens_asked: StoredValue::new(Vec::new()),
        };
        provide_context(source);
        source
    }

    /// Fetches the corpus; after a failure, the index again (the first
    /// screen is only a head start: whatever becomes of it, the index says
    /// what is wrong).
    pub fn load(self) {
        let retry = self.whole.with_untracked(Option::is_some);
        // Back to "loading" after a failure; at start it is there already,
        // and setting it again would redraw the page for nothing.
        if retry {
            self.whole.set(None);
        }
        let has_whole = move || {
            self.whole
                .try_with_untracked(|w| matches!(w, Some(Ok(_))))
                .unwrap_or(true)
        };
        if !retry {
            leptos::task::spawn_local(async move {
                let Ok(first) = fetch_text(FIRST_SCREEN_FILE)
                    .await
                    .and_then(|text| Corpus::from_json(&text))
                else {
                    return;
                };
                if has_whole() {
                    return;
                }
                if first.is_first_screen() {
                    self.first_screen.try_set(Some(Arc::new(first)));
                } else {
                    self.set_whole(Ok(Arc::new(first)));
                }
            });
        }
        leptos::task::spawn_local(async move {
            let result = fetch_corpus().await.map(Arc::new);
            // Not over a whole library read from its first screen.
            if !has_whole() {
                self.set_whole(result);
            }
        });
    }

    /// The whole corpus in (or failed), marked for the benchmark
    /// (`essais:whole-corpus`), which measures the library's interactions
    /// once the reader can filter and search it.
    fn set_whole(self, result: Result<Arc<Corpus>, CorpusLoadError>) {
        crate::timing::measure("essais:whole-corpus", || {
            self.whole.try_set(Some(result));
        });
    }

    /// The whole corpus: not yet in, failed, or ready.
    pub fn get(&self) -> CorpusLoad {
        self.whole.get()
    }

    /// A part of the index held for essay `slug` or another version of it,
    /// the entry page's own first.
    pub fn essay_part(&self, slug: &str) -> Option<Arc<Corpus>> {
        self.parts.with(|parts| {
            parts
                .iter()
                .find(|part| part.is_for(slug))
                .map(|part| part.corpus.clone())
        })
    }

    /// While the whole index is on its way (megabytes for a large library,
    /// seconds on a slow network), the part of it that essay `slug` needs,
    /// from the data block of its entry page (kilobytes): the page is drawn
    /// from it as if the reader had arrived there. Asked once an essay; a
    /// page without a block (an address the host answers with
    /// `index.html`), or one that fails, leaves the essay waiting for the
    /// index, as before. After the index failed, its error is said instead
    /// (with its retry), as on any page that needs it.
    pub fn fetch_part(self, lang: essais_core::Lang, slug: &str) {
        if !self.whole.with_untracked(Option::is_none)
            || untrack(|| self.essay_part(slug)).is_some()
            || self
                .parts_asked
                .with_value(|asked| asked.iter().any(|s| s == slug))
        {
            return;
        }
        self.parts_asked
            .update_value(|asked| asked.push(slug.to_string()));
        let url = essais_core::routes::essay_path(lang, slug);
        let slug = slug.to_string();
        leptos::task::spawn_local(async move {
            let Ok(html) = fetch_text(&url).await else {
                return;
            };
            let part = web_sys::DomParser::new()
                .and_then(|parser| {
                    parser.parse_from_string(&html, web_sys::SupportedType::TextHtml)
                })
                .ok()
                .and_then(|page| EssayPart::from_document(&page))
                .filter(|part| part.is_for(&slug));
            // Of no use once the whole index is in.
            if let (Some(part), Some(false)) =
                (part, self.whole.try_with_untracked(Option::is_some))
            {
                self.parts.try_update(|parts| parts.push(part));
            }
        });
    }

    /// The library's first screen, while the whole corpus is not in.
    fn first_screen(&self) -> Option<Arc<Corpus>> {
        if self.whole.with(|w| matches!(w, Some(Ok(_)))) {
            return None;
        }
        self.first_screen.get()
    }

    /// While the whole index is on its way, the first screen of the library
    /// filtered by `value` alone (`library::first_screen_of`: a file the
    /// corpus tool writes beside `first-screen.json` for a library larger
    /// than one screen), so that a reader's first filter click, or a
    /// filtered address opened, is answered from kilobytes rather than after
    /// megabytes. Asked once a value; a file that is missing, does not read,
    /// is another value's or of another build than the library's first
    /// screen leaves the filter waiting for the index, as before (the
    /// index, if it fails, says why with its retry).
    pub fn fetch_first_screen_of(self, value: &FilterValue) {
        let file = first_screen_file(value);
        let Some(library) = self.first_screen.get_untracked() else {
            return;
        };
        if !self.whole.with_untracked(Option::is_none)
            || library
                .whole_library
                .as_ref()
                .is_none_or(|counts| counts.build.is_none())
            || self.screens_asked.with_value(|asked| asked.contains(&file))
        {
            return;
        }
        self.screens_asked
            .update_value(|asked| asked.push(file.clone()));
        let filter = LibraryFilter::default().toggled(value);
        leptos::task::spawn_local(async move {
            let Some(screen) = fetch_text(&file)
                .await
                .and_then(|text| Corpus::from_json(&text))
                .ok()
                .and_then(|screen| value_screen_beside(screen, &library, &filter))
            else {
                return;
            };
            // Of no use once the whole index is in.
            if self.whole.try_with_untracked(Option::is_none) == Some(true) {
                self.screens
                    .try_update(|screens| screens.push(Arc::new(screen)));
            }
        });
    }

    /// The first screen held of the library as `filter` narrows it, while
    /// the whole corpus is not in.
    pub fn first_screen_showing(&self, filter: &LibraryFilter) -> Option<Arc<Corpus>> {
        if filter.is_empty() || self.whole.with(|w| matches!(w, Some(Ok(_)))) {
            return None;
        }
        self.screens.with(|screens| {
            screens
                .iter()
                .find(|screen| shows_filter(screen, filter))
                .cloned()
        })
    }
}

/// The whole corpus once loaded, reactively (None while loading or failed).
pub fn use_corpus() -> Signal<Option<Arc<Corpus>>> {
    let source = use_context::<CorpusSource>();
    Signal::derive(move || source.and_then(|source| source.get()).and_then(Result::ok))
}

/// For the page of essay `slug`: the whole corpus, or until it is in, the
/// essay's part of it from its entry page. A page drawn from that part
/// stays drawn from it (it answers all the page asks, as the whole would):
/// drawn anew when the whole index arrives, seconds later for a large
/// library, the page would lose the reader's place.
pub fn use_essay_corpus(slug: String) -> Memo<Option<Arc<Corpus>>> {
    let source = use_context::<CorpusSource>();
    Memo::new_with_compare(
        move |drawn: Option<&Option<Arc<Corpus>>>| {
            let source = source?;
            let part = source.essay_part(&slug);
            if let (Some(Some(drawn)), Some(part)) = (drawn, &part) {
                if Arc::ptr_eq(drawn, part) {
                    return Some(part.clone());
                }
            }
            source.get().and_then(Result::ok).or(part)
        },
        // The same corpus, or another: its thousands of essays are not compared.
        |before, now| match (before, now) {
            (Some(Some(before)), Some(Some(now))) => !Arc::ptr_eq(before, now),
            (Some(None), Some(None)) => false,
            _ => true,
        },
    )
}

/// For what is drawn around the page at `route` (the header's language
/// links and view controls), read reactively: the whole corpus, or until
/// it is in, on an essay's page, the essay's part of it.
pub fn page_corpus(route: &essais_core::routes::Route) -> Option<Arc<Corpus>> {
    let source = use_context::<CorpusSource>()?;
    source.get().and_then(Result::ok).or_else(|| match route {
        essais_core::routes::Route::Essay(_, slug) => source.essay_part(slug),
        _ => None,
    })
}

/// For the library: the whole corpus, or until it is in, the library's
/// first screen ([`Corpus::is_first_screen`]), from which only the
/// unfiltered library's first entries and its counts can be drawn.
pub fn use_library_corpus() -> Signal<Option<Arc<Corpus>>> {
    let source = use_context::<CorpusSource>();
    Signal::derive(move || {
        let source = source?;
        source
            .get()
            .and_then(Result::ok)
            .or_else(|| source.first_screen())
    })
}
