//! The built corpus: what `corpus.json` holds and what the app reads.
//!
//! `corpus.json` is the index: every essay's metadata and excerpt, and where
//! its body is (`corpus/<slug>.<hash>.json`, fetched when the essay is
//! opened) and where the search data is. The corpus tool writes them all
//! (see [`crate::content`]); the app fetches the index first and checks it
//! with [`Corpus::from_json`] before trusting a byte of it. The schema is
//! documented in `docs/corpus.md`.

use crate::lang::Lang;
use crate::text::contained;
use hashbrown::hash_table::{Entry, HashTable};
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use std::hash::BuildHasher;
use thiserror::Error;

/// The version of the `corpus.json` layout. Bump it on any change that an
/// older app could misread; the app refuses any other version with a message.
pub const SCHEMA_VERSION: u32 = 2;

/// The library's first screen ([`Corpus::first_screen`]), written beside
/// `corpus.json` under this name: the app draws the library from it while
/// the whole index is still on its way.
pub const FIRST_SCREEN_FILE: &str = "first-screen.json";

/// The id of the data block of an essay's entry page that holds the
/// essay's part of the corpus ([`Corpus::essay_page`]); its `data-essay`
/// names the essay.
pub const ESSAY_INDEX_ID: &str = "essay-index";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Corpus {
    pub schema_version: u32,
    pub taxonomy: Taxonomy,
    /// Every essay in every language, in the blog's order (by `position`).
    pub essays: Vec<Essay>,
    /// Where the search index's shard list is, relative to `corpus.json`
    /// (see [`crate::search_shards`]).
    pub search_url: String,
    /// Essays of the fetched document that could not be read: reported to the
    /// reader by name, while every other essay is shown.
    #[serde(default, skip_serializing)]
    pub rejected: Vec<RejectedEssay>,
    /// Set only in `first-screen.json`, where the corpus holds no more than
    /// the library's first screen (its first [`LIBRARY_PAGE_SIZE`] entries):
    /// the whole library's counts, which that screen shows. None in
    /// `corpus.json`, and in a first screen that is the whole library.
    ///
    /// [`LIBRARY_PAGE_SIZE`]: crate::library::LIBRARY_PAGE_SIZE
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub whole_library: Option<LibraryCounts>,
    /// The lookups every page needs (essays by slug, translation groups in
    /// blog order, each essay's group and neighbours), built once: as the
    /// essays are read from JSON, else the first time one is asked for. A
    /// corpus is not changed once read; a clone builds its own.
    #[serde(skip)]
    pub index: CorpusIndex,
}

/// The library's counts, for a first screen that holds only part of it
/// ([`Corpus::whole_library`]): its entries (translation groups), and
/// those of each category, each tag and those in every language, counted as
/// the filters count them. The whole library's, or for the first screen of
/// one filter value, the filtered library's (`filter`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct LibraryCounts {
    pub entries: usize,
    pub categories: std::collections::BTreeMap<String, usize>,
    pub tags: std::collections::BTreeMap<String, usize>,
    pub in_every_language: usize,
    /// The library these count: the whole (none), or the library filtered by
    /// one value, as its query (`category=lived`: `library::first_screen_of`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub filter: Option<String>,
    /// The index (`corpus.json`) the corpus tool wrote beside it, as eight
    /// hex digits of its content: a filter's first screen is drawn only
    /// beside the library's of the same build.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub build: Option<String>,
}

/// The corpus's lookups, built once from its essays ([`Corpus::index`]),
/// and its taxonomy's, built the first time a category or a tag is looked
/// up by id.
#[derive(Default)]
pub struct CorpusIndex(
    std::sync::OnceLock<IndexData>,
    std::sync::OnceLock<TaxonomyPlaces>,
);

/// Each category's and tag's place in the taxonomy, found by its id's hash:
/// a walk of the taxonomy for every look was, with 2,000 tags, hundreds of
/// thousands of comparisons a library redraw (each entry's tags, each
/// panel label: docs/performance.md, "Many tags").
struct TaxonomyPlaces {
    categories: HashTable<usize>,
    tags: HashTable<usize>,
}

impl TaxonomyPlaces {
    fn build(taxonomy: &Taxonomy) -> TaxonomyPlaces {
        let places = |entries: &[TaxonomyEntry]| {
            let mut table = HashTable::with_capacity(entries.len());
            for (i, entry) in entries.iter().enumerate() {
                // The first of an id named twice, as a walk would find.
                if let Entry::Vacant(vacant) = table.entry(
                    hash_of(&entry.id),
                    |&j: &usize| entries[j].id == entry.id,
                    |&j| hash_of(&entries[j].id),
                ) {
                    vacant.insert(i);
                }
            }
            table
        };
        TaxonomyPlaces {
            categories: places(&taxonomy.categories),
            tags: places(&taxonomy.tags),
        }
    }
}

/// The entry of `entries` of id `id`, by `places`.
fn entry_in<'t>(
    places: &HashTable<usize>,
    entries: &'t [TaxonomyEntry],
    id: &str,
) -> Option<&'t TaxonomyEntry> {
    let place = *places.find(hash_of(id), |&i| entries.get(i).is_some_and(|e| e.id == id))?;
    entries.get(place)
}

struct IndexData {
    /// Each slug's essay (the first, should two share one), as essay
    /// places found by the slug's hash: no copy of a slug is made.
    by_slug: HashTable<usize>,
    /// Each translation key's group, likewise by the key's hash.
    by_key: HashTable<usize>,
    /// The groups in blog order, each its essays by position.
    groups: Vec<Vec<usize>>,
    /// Each essay's group.
    group_of: Vec<usize>,
    /// The filters' postings: for each category and tag id, the groups
    /// (places in blog order, ascending) whose first version has it; and the
    /// groups available in every language.
    categories: FxHashMap<String, Vec<usize>>,
    tags: FxHashMap<String, Vec<usize>>,
    in_every_language: Vec<usize>,
}

/// The hash the lookups find a slug or a key by. FxHash, not the standard
/// library's hasher, which is made to resist inputs chosen to collide: the
/// index is the site's own, and its lookups (40,000 slugs and 20,000 keys
/// at 20,000 pairs) are built on the page's thread as the index arrives
/// (docs/performance.md, "The index read as bytes, in slices").
fn hash_of(text: &str) -> u64 {
    rustc_hash::FxBuildHasher.hash_one(text)
}

impl IndexData {
    fn build(essays: &[Essay]) -> IndexData {
        let mut index = IndexBuilder::with_capacity(essays.len());
        for place in 0..essays.len() {
            index.add(essays, place);
        }
        index.finish(essays)
    }

    /// The place of the essay of slug `slug` in `essays`.
    fn essay_place(&self, essays: &[Essay], slug: &str) -> Option<usize> {
        self.by_slug
            .find(hash_of(slug), |&i| essays[i].slug == slug)
            .copied()
    }

    /// The place in blog order of the group of translation key `key`.
    fn group_place(&self, essays: &[Essay], key: &str) -> Option<usize> {
        self.by_key
            .find(hash_of(key), |&g| group_key(essays, &self.groups[g]) == key)
            .copied()
    }
}

/// The translation key of a group (of essay places in `essays`): its
/// first essay's, the same for all.
fn group_key<'e>(essays: &'e [Essay], group: &[usize]) -> &'e str {
    &essays[group[0]].translation_key
}

/// The lookups built an essay at a time: the app's read of a large index
/// ([`CorpusReading`]) adds each essay as it reads it, slice by slice, so
/// that no long task is left to build them all at the end (about a
/// hundred milliseconds at 20,000 pairs and a phone's speed).
struct IndexBuilder {
    by_slug: HashTable<usize>,
    /// Each key's group, numbered as found.
    grouping: HashTable<usize>,
    groups: Vec<Vec<usize>>,
    /// The filters' postings, by group as numbered and from each group's
    /// first essay as found: right unless an essay came before the first
    /// of its group (`first_displaced`) or the groups are not in order as
    /// found, and then made again from the groups once in order.
    categories: FxHashMap<String, Vec<usize>>,
    tags: FxHashMap<String, Vec<usize>>,
    first_displaced: bool,
}

impl IndexBuilder {
    fn with_capacity(essays: usize) -> IndexBuilder {
        IndexBuilder {
            by_slug: HashTable::with_capacity(essays),
            grouping: HashTable::with_capacity(essays),
            groups: Vec::new(),
            categories: FxHashMap::default(),
            tags: FxHashMap::default(),
            first_displaced: false,
        }
    }

    /// Adds `essays[place]`, every essay before it being added already.
    fn add(&mut self, essays: &[Essay], place: usize) {
        let essay = &essays[place];
        let slug = essay.slug.as_str();
        if let Entry::Vacant(entry) = self.by_slug.entry(
            hash_of(slug),
            |&i| essays[i].slug == slug,
            |&i| hash_of(&essays[i].slug),
        ) {
            entry.insert(place);
        }
        let groups = &mut self.groups;
        let key = essay.translation_key.as_str();
        match self.grouping.entry(
            hash_of(key),
            |&g| group_key(essays, &groups[g]) == key,
            |&g| hash_of(group_key(essays, &groups[g])),
        ) {
            Entry::Occupied(group) => {
                // Kept in order of position as it comes (in the order
                // added for equal positions): a group is two or three
                // essays, and sorting each at the end was a fifth of
                // building the lookups.
                let members = &mut groups[*group.get()];
                let position = essay.position;
                let at = members.partition_point(|&i| essays[i].position <= position);
                members.insert(at, place);
                self.first_displaced |= at == 0;
            }
            Entry::Vacant(entry) => {
                let g = groups.len();
                entry.insert(g);
                groups.push(vec![place]);
                post(&mut self.categories, &essay.categories, g);
                post(&mut self.tags, &essay.tags, g);
            }
        }
    }

    /// The lookups of `essays`, each of them added.
    fn finish(self, essays: &[Essay]) -> IndexData {
        let IndexBuilder {
            by_slug,
            grouping,
            mut groups,
            mut categories,
            mut tags,
            first_displaced,
        } = self;
        // A group takes the place of its earliest member, its first. In
        // an index written in blog order, as the tool writes it, the groups
        // are in order as found, and each key's group as numbered is its
        // place: no sorting, no second table, the postings made as added.
        let earliest = |g: &Vec<usize>| essays[g[0]].position;
        let in_order = groups.is_sorted_by_key(earliest);
        let by_key = if in_order {
            grouping
        } else {
            groups.sort_by_key(earliest);
            let key_hash = |&g: &usize| hash_of(group_key(essays, &groups[g]));
            let mut by_key = HashTable::with_capacity(groups.len());
            for g in 0..groups.len() {
                by_key.insert_unique(key_hash(&g), g, key_hash);
            }
            by_key
        };
        let mut group_of = vec![0; essays.len()];
        for (g, group) in groups.iter().enumerate() {
            for &i in group {
                group_of[i] = g;
            }
        }
        if !in_order || first_displaced {
            categories.clear();
            tags.clear();
            for (g, group) in groups.iter().enumerate() {
                let first = &essays[group[0]];
                post(&mut categories, &first.categories, g);
                post(&mut tags, &first.tags, g);
            }
        }
        let mut in_every_language = Vec::new();
        for (g, group) in groups.iter().enumerate() {
            if Lang::ALL
                .iter()
                .all(|lang| group.iter().any(|&i| essays[i].lang == *lang))
            {
                in_every_language.push(g);
            }
        }
        IndexData {
            by_slug,
            by_key,
            groups,
            group_of,
            categories,
            tags,
            in_every_language,
        }
    }
}

/// Adds group `g` to the postings of each of `ids`, its first version's
/// categories or tags: the library filters on a group's first version, as
/// `LibraryFilter::matches`. An id listed twice counts once.
fn post(postings: &mut FxHashMap<String, Vec<usize>>, ids: &[String], g: usize) {
    for id in distinct(ids) {
        // The id is copied once, with its first group.
        match postings.get_mut(id.as_str()) {
            Some(groups) => groups.push(g),
            None => {
                postings.insert(id.clone(), vec![g]);
            }
        }
    }
}

/// Each id of `ids` once, at its first place: an essay that names a
/// category or a tag twice counts once in its postings and its counts.
pub(crate) fn distinct(ids: &[String]) -> impl Iterator<Item = &String> {
    (ids.iter().enumerate())
        .filter(|(i, id)| !ids[..*i].contains(id))
        .map(|(_, id)| id)
}

impl Clone for CorpusIndex {
    fn clone(&self) -> Self {
        CorpusIndex::default()
    }
}

impl PartialEq for CorpusIndex {
    /// Derived from the essays, which the corpora compare already.
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl std::fmt::Debug for CorpusIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("CorpusIndex")
    }
}

/// An essay of `corpus.json` that could not be read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RejectedEssay {
    /// Its title, else its slug, else its place in the file ("#3").
    pub name: String,
    pub reason: String,
}

/// Categories and tags, each with a stable id and a label per language.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Taxonomy {
    pub categories: Vec<TaxonomyEntry>,
    pub tags: Vec<TaxonomyEntry>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TaxonomyEntry {
    pub id: String,
    pub label: Label,
}

/// A short text that exists in both languages.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Label {
    pub fr: String,
    pub en: String,
}

impl Label {
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Fr => &self.fr,
            Lang::En => &self.en,
        }
    }
}

/// One essay in one language.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Essay {
    /// URL-safe and unique across the corpus (both languages).
    pub slug: String,
    pub lang: Lang,
    /// Shared by an essay and its translation; unique to the essay otherwise.
    pub translation_key: String,
    pub title: String,
    /// The opening of the body as plain text, for the library.
    pub excerpt: String,
    /// Where the body is, relative to `corpus.json`: `corpus/<slug>.<hash>.json`,
    /// an [`EssayBody`]. The hash changes with the content, so a cached body
    /// is never stale.
    pub body_url: String,
    /// Category ids, each present in the taxonomy.
    pub categories: Vec<String>,
    /// Tag ids, each present in the taxonomy.
    pub tags: Vec<String>,
    pub comments: u32,
    /// Place in the blog's order, 1 being the newest post. The blog has no
    /// dates, so this is the only order there is.
    pub position: u32,
    pub word_count: u32,
    /// Alt text of the essay's lead image, where the original had one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image_alt: Option<String>,
}

/// Why a fetched corpus cannot be read. The app shows
/// [`crate::ui::load_error_message`] in the reader's language, with a retry.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum CorpusLoadError {
    #[error("the corpus could not be fetched: {0}")]
    Network(String),
    #[error("the server answered {status} for the corpus")]
    Http { status: u16 },
    #[error("the corpus is not valid JSON (line {line}, column {column}): {detail}")]
    InvalidJson {
        line: usize,
        column: usize,
        detail: String,
    },
    #[error("the corpus has schema version {found:?}; this app reads version {SCHEMA_VERSION}")]
    UnsupportedSchema { found: Option<u64> },
    #[error("the corpus did not arrive within {seconds} seconds")]
    Timeout { seconds: u32 },
    /// Past [`crate::limits::MAX_NESTING`]: the tool never writes such a body.
    #[error("the text nests more than {limit} levels deep")]
    TooDeep { limit: usize },
}

impl From<serde_json::Error> for CorpusLoadError {
    fn from(err: serde_json::Error) -> Self {
        CorpusLoadError::InvalidJson {
            line: err.line(),
            column: err.column(),
            detail: err.to_string(),
        }
    }
}

impl Corpus {
    /// Reads a fetched `corpus.json`. The schema version is checked before the
    /// rest, so a newer corpus is reported as such rather than as bad JSON.
    /// The app reads a large one a slice at a time ([`CorpusReading`]).
    pub fn from_json(text: &str) -> Result<Corpus, CorpusLoadError> {
        // What the corpus tool writes reads in one pass. Only a document
        // that does not (another version, an essay that cannot be read) is
        // read again, part by part, to say what is wrong with it and keep
        // the rest: one more pass over the text (the scan that finds each
        // essay), to read a 20,000-pair index of 21 MB.
        #[derive(Deserialize)]
        struct Whole {
            schema_version: u32,
            taxonomy: Taxonomy,
            essays: Vec<Essay>,
            #[serde(default)]
            search_url: String,
            #[serde(default)]
            whole_library: Option<LibraryCounts>,
        }
        match serde_json::from_str::<Whole>(text) {
            Ok(whole) if whole.schema_version == SCHEMA_VERSION => {
                let mut read = Checked::with_capacity(whole.essays.len());
                for essay in whole.essays {
                    read.add(Ok(essay));
                }
                Ok(read.into_corpus(whole.taxonomy, whole.search_url, whole.whole_library))
            }
            _ => Ok(CorpusReading::start(text)?.finish()),
        }
    }

    /// The library's first screen (`first-screen.json`): its first
    /// [`LIBRARY_PAGE_SIZE`] entries, every version of each, with the whole
    /// library's counts, so that the app can draw the library before the
    /// whole index has arrived. A library of no more entries than that is
    /// its own first screen, whole.
    ///
    /// [`LIBRARY_PAGE_SIZE`]: crate::library::LIBRARY_PAGE_SIZE
    pub fn first_screen(&self) -> Corpus {
        let size = crate::library::LIBRARY_PAGE_SIZE;
        if self.fits_on_first_screen() {
            return Corpus {
                whole_library: None,
                ..self.clone()
            };
        }
        let lookups = self.lookups();
        let counts = |postings: &FxHashMap<String, Vec<usize>>| {
            postings
                .iter()
                .map(|(id, groups)| (id.clone(), groups.len()))
                .collect()
        };
        let whole = LibraryCounts {
            entries: self.group_count(),
            categories: counts(&lookups.categories),
            tags: counts(&lookups.tags),
            in_every_language: lookups.in_every_language.len(),
            filter: None,
            build: None,
        };
        Corpus {
            taxonomy: self.taxonomy.clone(),
            ..self.screen((0..size).collect::<Vec<_>>().as_slice(), whole)
        }
    }

    /// A first screen: every version of the groups at `groups` (places in
    /// blog order), with the counts of the library it is the first screen of
    /// (the whole, or one filter's: `library::first_screen_of`), and no
    /// taxonomy: the library's first screen carries it, a value's borrows it
    /// (`library::value_screen_beside`).
    pub(crate) fn screen(&self, groups: &[usize], counts: LibraryCounts) -> Corpus {
        let lookups = self.lookups();
        let mut first: Vec<usize> = groups
            .iter()
            .flat_map(|&g| lookups.groups[g].iter().copied())
            .collect();
        // In the order of `essays`, as in `corpus.json`.
        first.sort_unstable();
        Corpus {
            schema_version: self.schema_version,
            taxonomy: Taxonomy::default(),
            essays: first.into_iter().map(|i| self.essays[i].clone()).collect(),
            search_url: self.search_url.clone(),
            rejected: Vec::new(),
            whole_library: Some(counts),
            index: CorpusIndex::default(),
        }
    }

    /// Whether the whole library fits on its first screen, which then holds
    /// the whole corpus.
    pub fn fits_on_first_screen(&self) -> bool {
        self.group_count() <= crate::library::LIBRARY_PAGE_SIZE
    }

    /// Whether this is a first screen of a larger library
    /// ([`Corpus::first_screen`]), not the whole corpus: only the unfiltered
    /// library's first entries and its counts can be drawn from it.
    pub fn is_first_screen(&self) -> bool {
        self.whole_library.is_some()
    }

    /// How many entries the whole library has (a first screen included).
    pub fn library_size(&self) -> usize {
        self.whole_library
            .as_ref()
            .map_or_else(|| self.group_count(), |whole| whole.entries)
    }

    pub fn category(&self, id: &str) -> Option<&TaxonomyEntry> {
        entry_in(
            &self.taxonomy_places().categories,
            &self.taxonomy.categories,
            id,
        )
    }

    pub fn tag(&self, id: &str) -> Option<&TaxonomyEntry> {
        entry_in(&self.taxonomy_places().tags, &self.taxonomy.tags, id)
    }

    fn taxonomy_places(&self) -> &TaxonomyPlaces {
        self.index
            .1
            .get_or_init(|| TaxonomyPlaces::build(&self.taxonomy))
    }

    /// The corpus with `taxonomy` in place of its own (its lookups of
    /// categories and tags made anew).
    pub(crate) fn with_taxonomy(mut self, taxonomy: Taxonomy) -> Corpus {
        self.taxonomy = taxonomy;
        self.index.1 = std::sync::OnceLock::new();
        self
    }

    fn lookups(&self) -> &IndexData {
        self.index.0.get_or_init(|| IndexData::build(&self.essays))
    }

    /// How many translation groups (library entries) the corpus has.
    pub fn group_count(&self) -> usize {
        self.lookups().groups.len()
    }

    /// The place in blog order of the group of translation key `key`.
    pub fn group_place(&self, key: &str) -> Option<usize> {
        self.lookups().group_place(&self.essays, key)
    }

    /// The groups (places, ascending) whose first version is in category `id`.
    pub fn groups_in_category(&self, id: &str) -> &[usize] {
        self.lookups().categories.get(id).map_or(&[], Vec::as_slice)
    }

    /// The groups (places, ascending) whose first version has tag `id`.
    pub fn groups_with_tag(&self, id: &str) -> &[usize] {
        self.lookups().tags.get(id).map_or(&[], Vec::as_slice)
    }

    /// The groups (places, ascending) available in every language.
    pub fn groups_in_every_language(&self) -> &[usize] {
        &self.lookups().in_every_language
    }

    /// The group at place `g` in blog order (`g` < [`Corpus::group_count`]).
    pub fn group_at(&self, g: usize) -> TranslationGroup<'_> {
        let members = &self.lookups().groups[g];
        let versions: Vec<&Essay> = members.iter().map(|&i| &self.essays[i]).collect();
        TranslationGroup {
            key: &versions[0].translation_key,
            versions,
        }
    }

    /// The essays grouped by translation, in the blog's order: a translated
    /// pair is one group, an untranslated essay a group of one. A group takes
    /// the place of its earliest member.
    pub fn translation_groups(&self) -> Vec<TranslationGroup<'_>> {
        (0..self.lookups().groups.len())
            .map(|g| self.group_at(g))
            .collect()
    }

    /// The translation group of `key`.
    pub fn group(&self, key: &str) -> Option<TranslationGroup<'_>> {
        Some(self.group_at(self.lookups().group_place(&self.essays, key)?))
    }

    pub fn essay(&self, slug: &str) -> Option<&Essay> {
        Some(&self.essays[self.lookups().essay_place(&self.essays, slug)?])
    }

    /// The translation group an essay belongs to.
    pub fn group_of(&self, slug: &str) -> Option<TranslationGroup<'_>> {
        let lookups = self.lookups();
        Some(self.group_at(lookups.group_of[lookups.essay_place(&self.essays, slug)?]))
    }

    /// What the page of essay `slug` needs of the corpus, for the page to
    /// be drawn before the whole index is in: the essays of its group and
    /// of the groups before and after it, in the order of `essays` (the
    /// neighbours without their excerpts, which the page does not show),
    /// and the categories and tags they have. Asked of it, the essay (or
    /// another version of it), its group, its translation, its categories
    /// and tags and its neighbours are those of the whole corpus; of any
    /// other essay, they are not. The pages tool writes it into the
    /// essay's entry page (`docs/architecture.md`). None for a slug not in
    /// it.
    pub fn essay_page(&self, slug: &str) -> Option<Corpus> {
        let lookups = self.lookups();
        let g = lookups.group_of[lookups.essay_place(&self.essays, slug)?];
        let mut kept: Vec<usize> = (g.saturating_sub(1)..(g + 2).min(lookups.groups.len()))
            .flat_map(|place| lookups.groups[place].iter().copied())
            .collect();
        kept.sort_unstable();
        let essays: Vec<Essay> = kept
            .into_iter()
            .map(|i| {
                let mut essay = self.essays[i].clone();
                if lookups.group_of[i] != g {
                    essay.excerpt.clear();
                }
                essay
            })
            .collect();
        let used = |entries: &[TaxonomyEntry], of: fn(&Essay) -> &Vec<String>| {
            entries
                .iter()
                .filter(|entry| essays.iter().any(|e| of(e).contains(&entry.id)))
                .cloned()
                .collect()
        };
        Some(Corpus {
            schema_version: self.schema_version,
            taxonomy: Taxonomy {
                categories: used(&self.taxonomy.categories, |e| &e.categories),
                tags: used(&self.taxonomy.tags, |e| &e.tags),
            },
            essays,
            search_url: self.search_url.clone(),
            rejected: Vec::new(),
            whole_library: None,
            index: CorpusIndex::default(),
        })
    }

    /// The essays before and after an essay's group in the blog's order.
    pub fn neighbours(
        &self,
        slug: &str,
    ) -> (Option<TranslationGroup<'_>>, Option<TranslationGroup<'_>>) {
        let lookups = self.lookups();
        let Some(essay) = lookups.essay_place(&self.essays, slug) else {
            return (None, None);
        };
        let g = lookups.group_of[essay];
        let previous = g.checked_sub(1).map(|p| self.group_at(p));
        let next = (g + 1 < lookups.groups.len()).then(|| self.group_at(g + 1));
        (previous, next)
    }
}

/// The groups at `places` (in blog order, in any order, repeats allowed)
/// marked in a list of flags by place, as long as the last place marked:
/// what the filters and the search ask of a set of groups, whether one is
/// in it, answered by one look, and the set read back in order without
/// sorting it (tens of thousands of groups for a common word at 20,000
/// pairs).
pub fn marked_places(places: impl IntoIterator<Item = usize>) -> Vec<bool> {
    let mut marked = Vec::new();
    for place in places {
        if place >= marked.len() {
            marked.resize(place + 1, false);
        }
        marked[place] = true;
    }
    marked
}

/// `corpus.json` read a slice of essays at a time: the document is
/// scanned once with each essay kept as raw text, then essays are read and
/// checked as many at a time as asked. The app reads a large index so,
/// between slices of about 30 ms, so that a click as it arrives waits for
/// a slice and not for the whole read (a 20,000-pair index is 21 MB).
/// [`Corpus::from_json`] falls back on it for a document it cannot read
/// in one pass: an essay that cannot be read is reported by name, and the
/// others kept.
pub struct CorpusReading<'t> {
    taxonomy: Taxonomy,
    /// The essays not read yet, as raw JSON text, and their places.
    unread: std::iter::Enumerate<std::vec::IntoIter<&'t RawValue>>,
    search_url: String,
    whole_library: Option<LibraryCounts>,
    read: Checked,
}

impl<'t> CorpusReading<'t> {
    /// Scans `text` (one pass) and checks its schema version; no essay is
    /// read yet.
    pub fn start(text: &'t str) -> Result<CorpusReading<'t>, CorpusLoadError> {
        // Parts are kept as raw JSON text (`RawValue`) to be read one by one:
        // serde_json's `Value` would do too, at the cost of its code in the
        // app's WASM.
        #[derive(Deserialize)]
        struct Document<'t> {
            #[serde(borrow)]
            schema_version: Option<&'t RawValue>,
            taxonomy: Taxonomy,
            #[serde(borrow)]
            essays: Vec<&'t RawValue>,
            // Without it the essays still read; only the search says it failed.
            #[serde(default)]
            search_url: String,
            #[serde(default)]
            whole_library: Option<LibraryCounts>,
        }
        /// The version alone, for a document that is not of this shape.
        #[derive(Deserialize)]
        struct SchemaProbe<'t> {
            #[serde(borrow)]
            schema_version: Option<&'t RawValue>,
        }
        let version = |raw: Option<&RawValue>| -> Result<(), CorpusLoadError> {
            let found = raw.and_then(|v| serde_json::from_str::<u64>(v.get()).ok());
            match found == Some(u64::from(SCHEMA_VERSION)) {
                true => Ok(()),
                false => Err(CorpusLoadError::UnsupportedSchema { found }),
            }
        };
        let document: Document = match serde_json::from_str(text) {
            Ok(document) => document,
            // Another version may have another shape: said as such.
            Err(err) => {
                version(serde_json::from_str::<SchemaProbe>(text)?.schema_version)?;
                return Err(err.into());
            }
        };
        version(document.schema_version)?;
        Ok(CorpusReading {
            taxonomy: document.taxonomy,
            read: Checked::with_capacity(document.essays.len()),
            unread: document.essays.into_iter().enumerate(),
            search_url: document.search_url,
            whole_library: document.whole_library,
        })
    }

    /// Reads up to `count` more essays; whether every essay is read.
    pub fn read(&mut self, count: usize) -> bool {
        /// What names an essay that cannot be read, whatever else is wrong.
        #[derive(Deserialize, Default)]
        #[serde(default)]
        struct Names<'t> {
            #[serde(borrow)]
            title: Option<&'t RawValue>,
            #[serde(borrow)]
            slug: Option<&'t RawValue>,
        }
        for (i, raw) in self.unread.by_ref().take(count) {
            let essay = serde_json::from_str::<Essay>(raw.get()).map_err(|err| {
                let names: Names = serde_json::from_str(raw.get()).unwrap_or_default();
                let names = [names.title, names.slug]
                    .into_iter()
                    .flatten()
                    .filter_map(|v| serde_json::from_str::<String>(v.get()).ok());
                RejectedEssay {
                    name: rejected_name(names, i + 1),
                    reason: err.to_string(),
                }
            });
            self.read.add(essay);
        }
        self.unread.len() == 0
    }

    /// The corpus, once every essay left is read.
    pub fn finish(mut self) -> Corpus {
        self.read(usize::MAX);
        self.read
            .into_corpus(self.taxonomy, self.search_url, self.whole_library)
    }
}

/// The essays read so far, each checked for what the app would trust of
/// it as it comes, and added to the lookups; and those refused.
struct Checked {
    essays: Vec<Essay>,
    rejected: Vec<RejectedEssay>,
    index: IndexBuilder,
}

impl Checked {
    fn with_capacity(essays: usize) -> Checked {
        Checked {
            essays: Vec::with_capacity(essays),
            rejected: Vec::new(),
            index: IndexBuilder::with_capacity(essays),
        }
    }

    /// Adds an essay read (or why not).
    fn add(&mut self, essay: Result<Essay, RejectedEssay>) {
        match essay {
            Ok(essay) if !is_data_url(&essay.body_url) => {
                let place = self.essays.len() + self.rejected.len() + 1;
                self.rejected.push(RejectedEssay {
                    name: rejected_name([&essay.title, &essay.slug], place),
                    reason: format!("body_url {:?} is not a file of corpus/", essay.body_url),
                })
            }
            // Text from a fetched file: its directional controls are
            // kept from reaching past it (`text::contain_bidi`).
            Ok(essay) => {
                self.essays.push(Essay {
                    title: contained(essay.title),
                    excerpt: contained(essay.excerpt),
                    image_alt: essay.image_alt.map(contained),
                    ..essay
                });
                self.index.add(&self.essays, self.essays.len() - 1);
            }
            Err(rejection) => self.rejected.push(rejection),
        }
    }

    /// The corpus of what was read, with the rest of its document checked.
    fn into_corpus(
        self,
        taxonomy: Taxonomy,
        search_url: String,
        whole_library: Option<LibraryCounts>,
    ) -> Corpus {
        let search_url = if is_data_url(&search_url) {
            search_url
        } else {
            String::new()
        };
        let contained_entries = |entries: Vec<TaxonomyEntry>| -> Vec<TaxonomyEntry> {
            entries
                .into_iter()
                .map(|e| TaxonomyEntry {
                    label: Label {
                        fr: contained(e.label.fr),
                        en: contained(e.label.en),
                    },
                    ..e
                })
                .collect()
        };
        Corpus {
            schema_version: SCHEMA_VERSION,
            taxonomy: Taxonomy {
                categories: contained_entries(taxonomy.categories),
                tags: contained_entries(taxonomy.tags),
            },
            index: CorpusIndex(self.index.finish(&self.essays).into(), Default::default()),
            essays: self.essays,
            search_url,
            rejected: self.rejected,
            whole_library,
        }
    }
}

/// Whether a URL read from `corpus.json` names a file the corpus tool writes
/// (`corpus/…json`, lower-case letters, digits, `-`, `_` and `.`): a
/// tampered index cannot point the app elsewhere.
pub fn is_data_url(url: &str) -> bool {
    // Byte by byte: every URL of the index is checked as it is read (40,000
    // at 20,000 pairs), and a search for each character in "-_." cost more
    // than the rest of the check. A byte of a multi-byte character is none
    // of these, so it is refused as its character was.
    url.strip_prefix("corpus/").is_some_and(|name| {
        // No dot first, nor after another: as if the name followed one.
        let mut after_dot = true;
        name.ends_with(".json")
            && name.bytes().all(|b| {
                let allowed = match b {
                    b'.' => !after_dot,
                    b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' => true,
                    _ => false,
                };
                after_dot = b == b'.';
                allowed
            })
    })
}

/// What names an essay that is not shown: the first of `candidates` (its
/// title, then its slug) that is not blank, else its place in the document.
fn rejected_name<S: AsRef<str>>(candidates: impl IntoIterator<Item = S>, place: usize) -> String {
    candidates
        .into_iter()
        .find(|s| !s.as_ref().trim().is_empty())
        .map(|s| contained(s.as_ref().chars().take(120).collect()))
        .unwrap_or_else(|| format!("#{place}"))
}

/// One essay's body file (`corpus/<slug>.<hash>.json`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EssayBody {
    pub blocks: Vec<crate::document::Block>,
    /// A translated essay's rows against its translation, from this
    /// version's side, aligned at build time (`corpus build`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alignment: Option<crate::align::Alignment>,
}

impl EssayBody {
    /// Reads a fetched body file; its blocks come back [sanitized](crate::document::Block::sanitized).
    /// A body nested deeper than the tool would write is refused (serde_json
    /// refuses much deeper JSON before that: see [`crate::limits::MAX_NESTING`]).
    pub fn from_json(text: &str) -> Result<EssayBody, CorpusLoadError> {
        let body: EssayBody = serde_json::from_str(text)?;
        let limit = crate::limits::MAX_NESTING;
        if body.blocks.iter().any(|b| b.nesting() > limit) {
            return Err(CorpusLoadError::TooDeep { limit });
        }
        Ok(EssayBody {
            blocks: body.blocks.into_iter().map(|b| b.sanitized()).collect(),
            alignment: body.alignment,
        })
    }
}

/// An essay and its translations: what the library lists as one entry.
#[derive(Debug, Clone, PartialEq)]
pub struct TranslationGroup<'c> {
    pub key: &'c str,
    /// Ordered by position: the first is the earliest-listed version.
    pub versions: Vec<&'c Essay>,
}

impl<'c> TranslationGroup<'c> {
    pub fn position(&self) -> u32 {
        self.versions
            .iter()
            .map(|e| e.position)
            .min()
            .unwrap_or(u32::MAX)
    }

    pub fn in_lang(&self, lang: Lang) -> Option<&'c Essay> {
        self.versions.iter().copied().find(|e| e.lang == lang)
    }

    /// The version to show a reader of `lang`: theirs when it exists,
    /// otherwise the original, flagged so the page can say so.
    pub fn for_reader(&self, lang: Lang) -> ReaderVersion<'c> {
        match self.in_lang(lang) {
            Some(essay) => ReaderVersion {
                essay,
                is_fallback: false,
            },
            None => ReaderVersion {
                essay: self.versions[0],
                is_fallback: true,
            },
        }
    }

    /// The languages the group is written in, in `Lang::ALL`'s order (read
    /// off that list rather than sorted: a sort is a few KB of WASM each
    /// element type, docs/performance.md).
    pub fn languages(&self) -> Vec<Lang> {
        Lang::ALL
            .into_iter()
            .filter(|&lang| self.versions.iter().any(|e| e.lang == lang))
            .collect()
    }
}

/// The version of an essay chosen for a reader.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ReaderVersion<'c> {
    pub essay: &'c Essay,
    /// True when the reader's language has no version and this is the original.
    pub is_fallback: bool,
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    #[test]
    fn places_are_marked_in_any_order_and_read_back_ascending_once() {
        assert_eq!(marked_places([3, 0, 3, 1]), vec![true, true, false, true]);
        assert!(marked_places([]).is_empty());
        let read_back: Vec<usize> = marked_places([7, 2, 7, 5, 2])
            .iter()
            .enumerate()
            .filter(|(_, marked)| **marked)
            .map(|(place, _)| place)
            .collect();
        assert_eq!(read_back, vec![2, 5, 7]);
    }

    pub(crate) fn essay(slug: &str, lang: Lang, key: &str, position: u32) -> Essay {
        Essay {
            slug: slug.into(),
            lang,
            translation_key: key.into(),
            title: format!("Title of {slug}"),
            excerpt: "Body.".into(),
            body_url: format!("corpus/{slug}.0123456789abcdef.json"),
            categories: vec![],
            tags: vec![],
            comments: 0,
            position,
            word_count: 1,
            image_alt: None,
        }
    }

    fn corpus(essays: Vec<Essay>) -> Corpus {
        Corpus {
            schema_version: SCHEMA_VERSION,
            taxonomy: Taxonomy::default(),
            essays,
            search_url: "corpus/_search.0123456789abcdef.json".into(),
            rejected: vec![],
            whole_library: None,
            index: Default::default(),
        }
    }

    proptest::proptest! {
        /// An essay's page drawn from its own part of the corpus shows what
        /// it would from the whole: the essay, its group, its translation,
        /// where each language reads it, and its neighbours.
        #[test]
        fn an_essays_page_needs_only_its_own_part_of_the_corpus(
            drawn in proptest::collection::vec((0..6usize, 0..8u32, proptest::bool::ANY, 0..3usize, 0..5usize), 1..16),
        ) {
            let ids = ["a", "b", "c", "d", "e"];
            let essays: Vec<Essay> = drawn
                .iter()
                .enumerate()
                .map(|(i, &(key, position, fr, slug, tag))| {
                    // Slugs repeat now and then: the first keeps the slug.
                    let slug = if slug == 0 { format!("s{}", i % 3) } else { format!("e{i}") };
                    let mut e = essay(&slug, if fr { Lang::Fr } else { Lang::En }, &format!("k{key}"), position);
                    e.excerpt = format!("Excerpt of {slug}.");
                    e.categories = vec![ids[tag % 2].to_string()];
                    e.tags = vec![ids[tag].to_string()];
                    e
                })
                .collect();
            let entry = |id: &&str| TaxonomyEntry {
                id: id.to_string(),
                label: Label { fr: format!("{id} (fr)"), en: format!("{id} (en)") },
            };
            let whole = Corpus {
                taxonomy: Taxonomy { categories: ids.iter().map(entry).collect(), tags: ids.iter().map(entry).collect() },
                ..corpus(essays.clone())
            };
            let slugs = |g: Option<crate::corpus::TranslationGroup<'_>>| {
                g.map(|g| g.versions.iter().map(|e| e.slug.clone()).collect::<Vec<_>>())
            };
            for (e, other) in essays.iter().flat_map(|e| essays.iter().map(move |o| (e, o))) {
                // The part of an essay serves every version of its group.
                if whole.group_of(&e.slug).map(|g| g.key) != whole.group_of(&other.slug).map(|g| g.key) {
                    continue;
                }
                let part = whole.essay_page(&other.slug).expect("its essay is in it");
                proptest::prop_assert!(part.group_count() <= 3, "its group and the two beside it");
                proptest::prop_assert_eq!(part.essay(&e.slug), whole.essay(&e.slug));
                proptest::prop_assert_eq!(slugs(part.group_of(&e.slug)), slugs(whole.group_of(&e.slug)));
                proptest::prop_assert_eq!(part.translation_of(&e.slug), whole.translation_of(&e.slug));
                for lang in Lang::ALL {
                    proptest::prop_assert_eq!(part.redirect_for(lang, &e.slug), whole.redirect_for(lang, &e.slug));
                }
                let shown = whole.essay(&e.slug).unwrap();
                for id in &shown.categories {
                    proptest::prop_assert_eq!(part.category(id), whole.category(id));
                }
                for id in &shown.tags {
                    proptest::prop_assert_eq!(part.tag(id), whole.tag(id));
                }
                // Nothing more than its essays use.
                let tagged = |id: &String| part.essays.iter().any(|e| e.tags.contains(id));
                proptest::prop_assert!(part.taxonomy.tags.iter().all(|t| tagged(&t.id)));
                let (before, after) = part.neighbours(&e.slug);
                let (whole_before, whole_after) = whole.neighbours(&e.slug);
                proptest::prop_assert_eq!(slugs(before), slugs(whole_before));
                proptest::prop_assert_eq!(slugs(after), slugs(whole_after));
            }
            proptest::prop_assert!(whole.essay_page("nowhere").is_none());
        }

        /// The lookups, built essay by essay, answer as the plain reading
        /// of their definition does: groups by key in order of their
        /// earliest member, each in order of position (ties in the file's
        /// order), the first of two essays of a slug found by it, each
        /// category's and tag's groups from their first versions. Essays
        /// come in any order, so that every path of the builder is taken
        /// (in order as the tool writes, a group's first found late,
        /// groups out of order).
        #[test]
        fn the_lookups_answer_as_their_definition(
            drawn in proptest::collection::vec(
                (0..5usize, 0..6u32, proptest::bool::ANY, 0..4usize, 0..4usize, 0..3usize),
                0..14,
            ),
            in_order in proptest::bool::ANY,
        ) {
            let ids = ["a", "b", "c"];
            let mut essays: Vec<Essay> = drawn
                .iter()
                .enumerate()
                .map(|(i, &(key, position, fr, tag, category, slug))| {
                    // Slugs repeat now and then: the first keeps the slug.
                    let slug = if slug == 0 { format!("s{}", i % 3) } else { format!("e{i}") };
                    let mut e = essay(&slug, if fr { Lang::Fr } else { Lang::En }, &format!("k{key}"), position);
                    e.tags = ids.iter().cycle().skip(tag).take(tag).map(|t| t.to_string()).collect();
                    e.categories = ids.iter().take(category % 3).map(|c| c.to_string()).collect();
                    e
                })
                .collect();
            if in_order {
                essays.sort_by_key(|e| e.position);
            }
            let c = corpus(essays.clone());
            // The definition, read plainly.
            let mut keys: Vec<&str> = Vec::new();
            for e in &essays {
                if !keys.contains(&e.translation_key.as_str()) {
                    keys.push(&e.translation_key);
                }
            }
            let mut groups: Vec<Vec<usize>> = keys
                .iter()
                .map(|k| {
                    let mut members: Vec<usize> =
                        (0..essays.len()).filter(|&i| essays[i].translation_key == *k).collect();
                    members.sort_by_key(|&i| essays[i].position);
                    members
                })
                .collect();
            groups.sort_by_key(|g| essays[g[0]].position);
            let slugs = |g: &[usize]| g.iter().map(|&i| essays[i].slug.clone()).collect::<Vec<_>>();
            let found: Vec<Vec<String>> = c
                .translation_groups()
                .iter()
                .map(|g| g.versions.iter().map(|e| e.slug.clone()).collect())
                .collect();
            let expected: Vec<Vec<String>> = groups.iter().map(|g| slugs(g)).collect();
            proptest::prop_assert_eq!(found, expected);
            for (g, members) in groups.iter().enumerate() {
                let key = &essays[members[0]].translation_key;
                proptest::prop_assert_eq!(c.group_place(key), Some(g));
            }
            for e in &essays {
                let first = essays.iter().position(|f| f.slug == e.slug).unwrap();
                proptest::prop_assert!(std::ptr::eq(c.essay(&e.slug).unwrap(), &c.essays[first]));
            }
            for id in ids {
                let with = |of: fn(&Essay) -> &Vec<String>| -> Vec<usize> {
                    (0..groups.len()).filter(|&g| of(&essays[groups[g][0]]).iter().any(|x| x == id)).collect()
                };
                let (tagged, in_category) = (with(|e| &e.tags), with(|e| &e.categories));
                proptest::prop_assert_eq!(c.groups_with_tag(id), tagged.as_slice());
                proptest::prop_assert_eq!(c.groups_in_category(id), in_category.as_slice());
            }
            let in_both: Vec<usize> = (0..groups.len())
                .filter(|&g| Lang::ALL.iter().all(|l| groups[g].iter().any(|&i| essays[i].lang == *l)))
                .collect();
            proptest::prop_assert_eq!(c.groups_in_every_language(), in_both.as_slice());
        }
    }

    #[test]
    fn translation_pairs_form_one_group_in_blog_order() {
        let c = corpus(vec![
            essay("stopcock", Lang::En, "stopcock", 5),
            essay("franchir", Lang::Fr, "reality", 1),
            essay("breaking", Lang::En, "reality", 2),
        ]);
        let groups = c.translation_groups();
        assert_eq!(groups.len(), 2);
        assert_eq!(groups[0].key, "reality");
        assert_eq!(groups[0].languages(), vec![Lang::Fr, Lang::En]);
        assert_eq!(groups[1].key, "stopcock");
    }

    #[test]
    fn reader_gets_own_language_or_flagged_original() {
        let c = corpus(vec![
            essay("franchir", Lang::Fr, "reality", 1),
            essay("breaking", Lang::En, "reality", 2),
            essay("stopcock", Lang::En, "stopcock", 3),
        ]);
        let groups = c.translation_groups();
        let fr = groups[0].for_reader(Lang::Fr);
        assert_eq!(
            (fr.essay.slug.as_str(), fr.is_fallback),
            ("franchir", false)
        );
        let en = groups[0].for_reader(Lang::En);
        assert_eq!(
            (en.essay.slug.as_str(), en.is_fallback),
            ("breaking", false)
        );
        let only_en = groups[1].for_reader(Lang::Fr);
        assert_eq!(
            (only_en.essay.slug.as_str(), only_en.is_fallback),
            ("stopcock", true)
        );
    }

    #[test]
    fn corpus_round_trips_through_json() {
        let c = corpus(vec![essay("a", Lang::Fr, "a", 1)]);
        let json = serde_json::to_string(&c).unwrap();
        assert_eq!(Corpus::from_json(&json), Ok(c));
    }

    #[test]
    fn categories_and_tags_are_found_by_id_the_first_of_an_id_named_twice() {
        let entry = |id: &str, en: &str| TaxonomyEntry {
            id: id.into(),
            label: Label {
                fr: en.into(),
                en: en.into(),
            },
        };
        let mut c = corpus(vec![essay("a", Lang::Fr, "a", 1)]);
        c.taxonomy = Taxonomy {
            categories: vec![entry("lived", "Lived"), entry("seen", "Seen")],
            tags: (0..500)
                .map(|i| entry(&format!("t{i}"), &format!("Tag {i}")))
                .chain([entry("t7", "Tag 7 again")])
                .collect(),
        };
        assert_eq!(c.category("seen").unwrap().label.en, "Seen");
        assert_eq!(c.tag("t499").unwrap().label.en, "Tag 499");
        assert_eq!(c.tag("t7").unwrap().label.en, "Tag 7");
        assert!(c.tag("seen").is_none() && c.category("t1").is_none() && c.tag("t500").is_none());
        // Another taxonomy put in its place is looked up anew.
        let c = c.with_taxonomy(Taxonomy {
            categories: vec![],
            tags: vec![entry("t500", "Tag 500")],
        });
        assert_eq!(c.tag("t500").unwrap().label.en, "Tag 500");
        assert!(c.tag("t499").is_none() && c.category("seen").is_none());
    }

    #[test]
    fn the_one_pass_read_and_the_read_in_parts_agree() {
        // What the one pass reads, the checks after it treat as the read in
        // parts does: text contained, a body outside corpus/ refused by name.
        let mut c = corpus(vec![
            essay("a", Lang::Fr, "a", 1),
            essay("b", Lang::En, "b", 2),
            essay("c", Lang::En, "c", 3),
        ]);
        c.essays[0].title = "Titre \u{202E}renversé".into();
        c.essays[1].body_url = "https://example.com/corpus/b.json".into();
        c.essays[2].title = " ".into();
        c.essays[2].body_url = "corpus/../c.json".into();
        c.taxonomy.tags.push(TaxonomyEntry {
            id: "t".into(),
            label: Label {
                fr: "\u{2067}t".into(),
                en: "t".into(),
            },
        });
        let json = serde_json::to_string(&c).unwrap();
        let read = Corpus::from_json(&json).unwrap();
        // Read a slice at a time, as the app reads a large index, whatever
        // the slice.
        for slice in 1..=4 {
            let mut reading = CorpusReading::start(&json).unwrap();
            let mut slices = 1;
            while !reading.read(slice) {
                slices += 1;
            }
            assert_eq!(slices, 3_usize.div_ceil(slice).max(1));
            assert_eq!(reading.finish(), read, "slices of {slice}");
        }
        assert_eq!(read.essays.len(), 1);
        assert_eq!(read.essays[0].title, "Titre \u{202E}renversé\u{202C}");
        assert_eq!(read.taxonomy.tags[0].label.fr, "\u{2067}t\u{2069}");
        let names: Vec<&str> = read.rejected.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(names, ["Title of b", "c"]);
    }

    #[test]
    fn invalid_json_reports_line_and_column() {
        let err = Corpus::from_json("{\n  \"schema_version\": 1,\n  oops\n}").unwrap_err();
        match err {
            CorpusLoadError::InvalidJson { line, .. } => assert_eq!(line, 3),
            other => panic!("expected InvalidJson, got {other:?}"),
        }
    }

    #[test]
    fn other_schema_versions_are_refused_before_parsing_the_rest() {
        let err = Corpus::from_json(r#"{"schema_version": 3, "essays": "a shape v2 cannot read"}"#)
            .unwrap_err();
        assert_eq!(err, CorpusLoadError::UnsupportedSchema { found: Some(3) });
        let err = Corpus::from_json(r#"{"schema_version": 1, "essays": []}"#).unwrap_err();
        assert_eq!(err, CorpusLoadError::UnsupportedSchema { found: Some(1) });
        let err = Corpus::from_json(r#"{"essays": []}"#).unwrap_err();
        assert_eq!(err, CorpusLoadError::UnsupportedSchema { found: None });
    }

    #[test]
    fn a_malformed_essay_is_rejected_by_name_and_the_others_are_kept() {
        let good = serde_json::to_value(essay("good", Lang::En, "good", 1)).unwrap();
        let mut no_body = serde_json::to_value(essay("bad", Lang::Fr, "bad", 2)).unwrap();
        no_body.as_object_mut().unwrap().remove("body_url");
        no_body["title"] = "Un essai abîmé".into();
        let mut wrong_lang = serde_json::to_value(essay("worse", Lang::Fr, "worse", 3)).unwrap();
        wrong_lang["lang"] = "de".into();
        wrong_lang.as_object_mut().unwrap().remove("title");
        let mut elsewhere = serde_json::to_value(essay("away", Lang::En, "away", 4)).unwrap();
        elsewhere["body_url"] = "https://example.com/corpus/x.json".into();
        // A title that is not text: the slug names the essay.
        let mut odd_title = serde_json::to_value(essay("odd", Lang::En, "odd", 5)).unwrap();
        odd_title["title"] = 7.into();
        let document = serde_json::json!({
            "schema_version": SCHEMA_VERSION,
            "taxonomy": { "categories": [], "tags": [] },
            "essays": [good, no_body, wrong_lang, 42, elsewhere, odd_title],
            "search_url": "corpus/_search.0123456789abcdef.json",
        });
        let corpus = Corpus::from_json(&document.to_string()).expect("the document is readable");
        assert_eq!(corpus.essays.len(), 1);
        let names: Vec<&str> = corpus.rejected.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(
            names,
            vec!["Un essai abîmé", "worse", "#4", "Title of away", "odd"]
        );
        assert!(
            corpus.rejected[0].reason.contains("body"),
            "{}",
            corpus.rejected[0].reason
        );
    }

    #[test]
    fn data_urls_stay_in_the_corpus_folder() {
        assert!(is_data_url("corpus/essai-00001.0123456789abcdef.json"));
        assert!(is_data_url("corpus/_search.0123456789abcdef.json"));
        for bad in [
            "corpus/../secrets.json",
            "/corpus/a.json",
            "https://evil.example/corpus/a.json",
            "corpus/a.js",
            "corpus/A.json",
            "corpus/sub/a.json",
            "corpus/.json",
            "javascript:alert(1)//corpus/a.json",
            "corpus/été.json",
            "corpus/a․․b.json",
        ] {
            assert!(!is_data_url(bad), "{bad}");
        }
    }

    proptest::proptest! {
        /// The byte-wise check accepts exactly the names the rule in
        /// characters accepts, among names made of the allowed characters,
        /// dots, slashes, capitals and characters of several bytes.
        #[test]
        fn a_data_url_is_checked_byte_by_byte_as_by_its_characters(
            name in proptest::strategy::Strategy::prop_map(proptest::collection::vec(
                proptest::sample::select(vec![
                    "a", "z", "0", "9", "-", "_", ".", "..", "/", "A", "\u{e9}",
                    "\u{2024}", "\u{ff0e}", " ", ".json", "json",
                ]),
                0..8,
            ), |parts| parts.concat())
        ) {
            let by_char = |name: &str| {
                name.ends_with(".json")
                    && !name.starts_with('.')
                    && !name.contains("..")
                    && name
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "-_.".contains(c))
            };
            let url = format!("corpus/{name}");
            proptest::prop_assert_eq!(is_data_url(&url), by_char(&name));
        }
    }

    #[test]
    fn a_body_file_is_sanitized_as_it_is_read() {
        let text = r#"{"blocks":[{"h":[1,[{"t":"Titre"}]]},{"p":[{"a":{"href":{"url":"javascript:alert(1)","external":false},"children":[{"t":"x"}]}}]}]}"#;
        let body = EssayBody::from_json(text).unwrap();
        use crate::document::{Block, Inline};
        assert_eq!(
            body.blocks[0],
            Block::Heading(2, vec![Inline::Text("Titre".into())])
        );
        assert_eq!(
            body.blocks[1],
            Block::Paragraph(vec![Inline::Link {
                href: None,
                children: vec![Inline::Text("x".into())]
            }])
        );
        assert!(matches!(
            EssayBody::from_json(r#"{"blocks":[{"script":"x"}]}"#),
            Err(CorpusLoadError::InvalidJson { .. })
        ));
    }

    #[test]
    fn a_body_nested_past_the_limit_is_refused_however_deep() {
        let quotes = |depth: usize| {
            format!(
                r#"{{"blocks":[{}{{"p":[{{"t":"x"}}]}}{}]}}"#,
                r#"{"q":["#.repeat(depth),
                "]}".repeat(depth)
            )
        };
        let limit = crate::limits::MAX_NESTING;
        assert_eq!(
            EssayBody::from_json(&quotes(limit)).unwrap().blocks[0].nesting(),
            limit
        );
        assert_eq!(
            EssayBody::from_json(&quotes(limit + 1)),
            Err(CorpusLoadError::TooDeep { limit })
        );
        // Far past what serde_json reads: an error, not a stack overflow.
        assert!(matches!(
            EssayBody::from_json(&quotes(100_000)),
            Err(CorpusLoadError::InvalidJson { .. })
        ));
    }

    #[test]
    fn load_errors_speak_both_languages() {
        let errors = [
            CorpusLoadError::Network("x".into()),
            CorpusLoadError::Http { status: 404 },
            CorpusLoadError::InvalidJson {
                line: 1,
                column: 2,
                detail: "d".into(),
            },
            CorpusLoadError::UnsupportedSchema { found: Some(9) },
            CorpusLoadError::Timeout { seconds: 15 },
            CorpusLoadError::TooDeep { limit: 24 },
        ];
        for err in errors {
            let fr = crate::ui::load_error_message(Lang::Fr, &err);
            let en = crate::ui::load_error_message(Lang::En, &err);
            assert!(!fr.is_empty() && !en.is_empty());
            assert_ne!(fr, en, "{err:?} has one message for both languages");
            assert_ne!(
                crate::ui::load_error_cause(Lang::Fr, &err),
                crate::ui::load_error_cause(Lang::En, &err),
                "{err:?}"
            );
        }
        assert!(
            crate::ui::load_error_message(Lang::Fr, &CorpusLoadError::Http { status: 404 })
                .contains("404")
        );
    }
}
