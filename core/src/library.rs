//! The library's filters: which essays remain for a choice of categories,
//! tags and "available in both languages", and how many each further choice
//! would leave. Values combine with AND.
//!
//! The filter lives in the URL query (`?category=lived&tag=a&tag=b&both=1`),
//! so [`LibraryFilter::from_query`] reads one back, keeping what it knows and
//! reporting what it ignored.

use crate::corpus::{
    distinct, marked_places, Corpus, LibraryCounts, TaxonomyEntry, TranslationGroup,
};
use crate::lang::Lang;
use crate::search::normalize_word;
#[cfg(feature = "markdown")]
use crate::text::plain_text;

/// What the reader has narrowed the library to.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LibraryFilter {
    pub categories: Vec<String>,
    pub tags: Vec<String>,
    pub both_languages: bool,
}

/// A single filter value, for toggling and for chips.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FilterValue {
    Category(String),
    Tag(String),
    BothLanguages,
}

impl FilterValue {
    /// The value as one pair of the library's query (`category=lived`).
    pub fn query_pair(&self) -> (&'static str, &str) {
        match self {
            FilterValue::Category(id) => ("category", id),
            FilterValue::Tag(id) => ("tag", id),
            FilterValue::BothLanguages => ("both", "1"),
        }
    }
}

/// A value as the filter panel shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FacetValue {
    pub value: FilterValue,
    pub label: String,
    /// Essays that would remain with this value chosen (for a chosen value:
    /// the essays shown now).
    pub count: usize,
    pub active: bool,
}

/// The longest query value worth reading; anything longer is not an id.
const MAX_QUERY_VALUE: usize = 200;
const MAX_VALUES: usize = 50;

impl LibraryFilter {
    pub fn is_empty(&self) -> bool {
        self.categories.is_empty() && self.tags.is_empty() && !self.both_languages
    }

    /// Reads a filter from URL query pairs. Unknown keys, unknown ids and
    /// repeated values are dropped; the dropped values are returned so the
    /// page can say so.
    pub fn from_query<'q>(
        pairs: impl IntoIterator<Item = (&'q str, &'q str)>,
        corpus: &Corpus,
    ) -> (LibraryFilter, Vec<String>) {
        let mut filter = LibraryFilter::default();
        let mut ignored = Vec::new();
        for (key, value) in pairs.into_iter().take(MAX_VALUES) {
            let shown: String = value.chars().take(40).collect();
            let known = value.len() <= MAX_QUERY_VALUE;
            match key {
                "category" if known && corpus.category(value).is_some() => {
                    push_unique(&mut filter.categories, value)
                }
                "tag" if known && corpus.tag(value).is_some() => {
                    push_unique(&mut filter.tags, value)
                }
                "both" if value == "1" => filter.both_languages = true,
                // The search query is the search's own (see `search_query`).
                "q" => {}
                // Keys the library does not own (e.g. a search query) are not ours to judge.
                "category" | "tag" | "both" => ignored.push(shown),
                _ => {}
            }
        }
        (filter, ignored)
    }

    /// The query string for this filter, without the leading `?`; empty when
    /// nothing is chosen. Ids are slugs, so they need no escaping.
    pub fn to_query(&self) -> String {
        self.to_query_with_search("")
    }

    /// The query string with a search (`q=`) first, percent-encoded.
    pub fn to_query_with_search(&self, search: &str) -> String {
        let mut parts: Vec<String> = Vec::new();
        if !search.trim().is_empty() {
            parts.push(format!("q={}", percent_encode(search)));
        }
        parts.extend(self.categories.iter().map(|c| format!("category={c}")));
        parts.extend(self.tags.iter().map(|t| format!("tag={t}")));
        if self.both_languages {
            parts.push("both=1".into());
        }
        parts.join("&")
    }

    pub fn contains(&self, value: &FilterValue) -> bool {
        match value {
            FilterValue::Category(id) => self.categories.contains(id),
            FilterValue::Tag(id) => self.tags.contains(id),
            FilterValue::BothLanguages => self.both_languages,
        }
    }

    /// This filter with `value` chosen if it was not, removed if it was.
    pub fn toggled(&self, value: &FilterValue) -> LibraryFilter {
        let mut next = self.clone();
        let flip = |list: &mut Vec<String>, id: &String| {
            if let Some(i) = list.iter().position(|x| x == id) {
                list.remove(i);
            } else {
                list.push(id.clone());
            }
        };
        match value {
            FilterValue::Category(id) => flip(&mut next.categories, id),
            FilterValue::Tag(id) => flip(&mut next.tags, id),
            FilterValue::BothLanguages => next.both_languages = !next.both_languages,
        }
        next
    }

    /// Whether the filter keeps `group`: what it means, one group at a
    /// time. The library itself intersects the corpus index's postings
    /// ([`kept_groups`]), which the tests check against this.
    pub fn matches(&self, group: &TranslationGroup<'_>) -> bool {
        let first = group.versions[0];
        self.categories.iter().all(|c| first.categories.contains(c))
            && self.tags.iter().all(|t| first.tags.contains(t))
            && (!self.both_languages || group.languages().len() == Lang::ALL.len())
    }

    /// The chosen values, in order, as chips.
    pub fn chosen(&self) -> Vec<FilterValue> {
        let mut values: Vec<FilterValue> = self
            .categories
            .iter()
            .cloned()
            .map(FilterValue::Category)
            .collect();
        values.extend(self.tags.iter().cloned().map(FilterValue::Tag));
        if self.both_languages {
            values.push(FilterValue::BothLanguages);
        }
        values
    }
}

/// Encodes a query value: letters, digits and `-_.~` as they are, the rest as
/// `%XX` (UTF-8), spaces as `+`.
pub fn percent_encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(byte as char)
            }
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

/// The search query of the URL's query pairs (`q`), trimmed and bounded.
pub fn search_query<'q>(pairs: impl IntoIterator<Item = (&'q str, &'q str)>) -> String {
    pairs
        .into_iter()
        .find(|(k, _)| *k == "q")
        .map(|(_, v)| v.chars().take(200).collect::<String>())
        .unwrap_or_default()
}

fn push_unique(list: &mut Vec<String>, value: &str) {
    if !list.iter().any(|v| v == value) {
        list.push(value.to_string());
    }
}

/// The label of a filter value in `lang` (`both_label` for "both languages").
pub fn value_label(corpus: &Corpus, value: &FilterValue, lang: Lang, both_label: &str) -> String {
    match value {
        FilterValue::Category(id) => corpus
            .category(id)
            .map_or(id.clone(), |c| c.label.get(lang).to_string()),
        FilterValue::Tag(id) => corpus
            .tag(id)
            .map_or(id.clone(), |t| t.label.get(lang).to_string()),
        FilterValue::BothLanguages => both_label.to_string(),
    }
}

/// The groups (places in blog order, ascending) that have `value`: the
/// corpus index's postings.
fn postings<'c>(corpus: &'c Corpus, value: &FilterValue) -> &'c [usize] {
    match value {
        FilterValue::Category(id) => corpus.groups_in_category(id),
        FilterValue::Tag(id) => corpus.groups_with_tag(id),
        FilterValue::BothLanguages => corpus.groups_in_every_language(),
    }
}

/// How many groups of the whole library have `value`: its postings, or on
/// a first screen, the count it carries for the whole library.
fn whole_count(corpus: &Corpus, value: &FilterValue) -> usize {
    let Some(whole) = &corpus.whole_library else {
        return postings(corpus, value).len();
    };
    match value {
        FilterValue::Category(id) => whole.categories.get(id).copied().unwrap_or(0),
        FilterValue::Tag(id) => whole.tags.get(id).copied().unwrap_or(0),
        FilterValue::BothLanguages => whole.in_every_language,
    }
}

/// The places (in blog order) of the groups the filter keeps: values combine
/// with AND, so the intersection of their postings, from the shortest.
pub fn kept_groups(corpus: &Corpus, filter: &LibraryFilter) -> Vec<usize> {
    let chosen = filter.chosen();
    let mut lists: Vec<&[usize]> = chosen.iter().map(|v| postings(corpus, v)).collect();
    // The shortest first; the others' order does not matter (found, not sorted:
    // a sort is a few KB of WASM each element type, docs/performance.md).
    if let Some(shortest) = (0..lists.len()).min_by_key(|&i| lists[i].len()) {
        lists.swap(0, shortest);
    }
    match lists.split_first() {
        None => (0..corpus.group_count()).collect(),
        Some((shortest, others)) => shortest
            .iter()
            .copied()
            .filter(|g| others.iter().all(|list| list.binary_search(g).is_ok()))
            .collect(),
    }
}

/// Every value of the panel with its count: categories, then tags, then
/// "both languages", in taxonomy order. Values combine with AND, so the
/// count of a value not chosen is the number of kept groups that have it
/// (the kept groups and its postings intersected; with no filter, its
/// postings' length), and that of a chosen value the number of kept groups.
/// With a search, `found` holds the places of the groups it finds
/// (ascending), and only those count: the counts say what a click would
/// show, search included.
pub fn facets(
    corpus: &Corpus,
    filter: &LibraryFilter,
    found: Option<&[usize]>,
    lang: Lang,
    both_label: &str,
) -> Vec<FacetValue> {
    let kept = match found {
        Some(found) if filter.is_empty() => Some(found.to_vec()),
        Some(found) => Some(
            kept_groups(corpus, filter)
                .into_iter()
                .filter(|g| found.binary_search(g).is_ok())
                .collect(),
        ),
        // A first screen carries its library's counts: every entry it
        // keeps is one its counts count.
        None => {
            (!filter.is_empty() && !corpus.is_first_screen()).then(|| kept_groups(corpus, filter))
        }
    };
    let kept_count = kept.as_ref().map_or(corpus.library_size(), Vec::len);
    // The kept groups marked, so that a value's count is one look a group
    // of its postings: walking the kept list beside each value's postings
    // read the kept list again for every value (27 times over 18,160
    // groups for a search of a common word at 20,000 pairs).
    let marked = kept
        .as_ref()
        .map(|kept| marked_places(kept.iter().copied()));
    let facet = |(value, label): (FilterValue, String)| {
        let active = filter.contains(&value);
        let count = match (&marked, active) {
            (_, true) => kept_count,
            (None, false) => whole_count(corpus, &value),
            (Some(marked), false) => postings(corpus, &value)
                .iter()
                .filter(|&&g| marked.get(g).copied().unwrap_or(false))
                .count(),
        };
        FacetValue {
            label,
            count,
            active,
            value,
        }
    };
    // Each label read off the value's own taxonomy entry, not looked up by
    // id (with 2,000 tags, a walk of the taxonomy for each was millions of
    // comparisons a redraw).
    values_and_entries(corpus)
        .map(|(value, entry)| {
            let label = entry.map_or(both_label, |entry| entry.label.get(lang));
            facet((value, label.to_string()))
        })
        .collect()
}

/// How many values a group of the panel (the tags, the categories) lists
/// at most before it folds the others behind a button ([`fold_values`]):
/// the seed has 14 tags, the benchmark's corpus 20; a long-running blog has
/// hundreds or thousands of tags, and some blogs hundreds of categories,
/// which no reader scans and every redraw of the panel would draw
/// (docs/performance.md, "Many tags", "Many categories").
pub const FOLDED_ABOVE: usize = 30;

/// How many values a folded group lists.
pub const UNFOLDED: usize = 20;

/// The values a group of the panel lists, from those of [`facets`] (one
/// kind, in taxonomy order).
pub struct ListedValues {
    pub values: Vec<FacetValue>,
    /// With more than [`FOLDED_ABOVE`] values, how many that would keep
    /// some entries the folded list leaves out (the same whether `every` or
    /// not); none otherwise.
    pub folded: Option<usize>,
}

/// The values a group (the tags, or the categories) lists. Up to
/// [`FOLDED_ABOVE`] values, every one, in taxonomy order. Beyond, folded:
/// the [`UNFOLDED`] that would keep the most entries now (those a click
/// would narrow to the most; ties in taxonomy order), most first, and any
/// chosen value. Unfolded (`every`): those, then every other in taxonomy
/// order, so that unfolding adds to the list and moves nothing. Folded or
/// not, a value that would keep nothing is left out: once a tag is chosen
/// in a taxonomy of thousands, nearly all would, and listed they were a
/// wall of disabled buttons that took the browser a second to draw
/// (docs/performance.md, "Unfolded tags after a choice"). Tags found by
/// name ([`tags_named`]) are listed, disabled.
pub fn fold_values(values: &[FacetValue], every: bool) -> ListedValues {
    if values.len() <= FOLDED_ABOVE {
        return ListedValues {
            values: values.to_vec(),
            folded: None,
        };
    }
    // The most used, kept in order as found: a handful, not a sort of
    // thousands.
    let mut top: Vec<usize> = Vec::with_capacity(UNFOLDED + 1);
    for (i, value) in values.iter().enumerate() {
        if value.count == 0 {
            continue;
        }
        let at = top.partition_point(|&j| values[j].count >= value.count);
        if at < UNFOLDED {
            top.insert(at, i);
            top.truncate(UNFOLDED);
        }
    }
    for (i, value) in values.iter().enumerate() {
        if value.active && !top.contains(&i) {
            top.push(i);
        }
    }
    let listed = marked_places(top.iter().copied());
    let others = (values.iter().enumerate())
        .filter(|&(i, value)| value.count > 0 && !listed.get(i).copied().unwrap_or(false));
    let folded = others.clone().count();
    let mut shown: Vec<FacetValue> = top.iter().map(|&i| values[i].clone()).collect();
    if every {
        shown.extend(others.map(|(_, value)| value.clone()));
    }
    ListedValues {
        values: shown,
        folded: Some(folded),
    }
}

/// The tags found by name in a long list ([`tags_named`]).
pub struct FoundTags {
    /// Those listed, at most [`UNFOLDED`].
    pub tags: Vec<FacetValue>,
    /// How many match in all (listed or not).
    pub matching: usize,
}

/// The tags of `tags` (those of [`facets`], in taxonomy order) whose label
/// holds `typed`, case and accents aside (folded as the search folds its
/// words: "eco" finds "Économie"). Those where it starts a word come first,
/// then those where it is inside one ("nomie"); within each, the most used
/// first (a tag that would keep nothing after those that would; ties in
/// taxonomy order). At most [`UNFOLDED`] are listed: what a short
/// beginning matches in a taxonomy of thousands is narrowed by typing on,
/// not scanned.
pub fn tags_named(tags: &[FacetValue], typed: &str) -> FoundTags {
    let typed = normalize_word(typed.trim());
    if typed.is_empty() {
        return FoundTags {
            tags: Vec::new(),
            matching: 0,
        };
    }
    // The first few kept in order as found, as `fold_values` does: no sort of
    // thousands (and no sort's code in the app).
    let rank = |(starts_a_word, count): (bool, usize)| (!starts_a_word, usize::MAX - count);
    let mut first: Vec<((bool, usize), usize)> = Vec::with_capacity(UNFOLDED + 1);
    let mut matching = 0;
    for (i, tag) in tags.iter().enumerate() {
        let label = normalize_word(&tag.label);
        let mut at = label
            .match_indices(typed.as_str())
            .map(|(at, _)| at)
            .peekable();
        if at.peek().is_none() {
            continue;
        }
        matching += 1;
        let starts_a_word = at.any(|at| {
            label[..at]
                .chars()
                .next_back()
                .is_none_or(|before| !before.is_alphanumeric())
        });
        let key = rank((starts_a_word, tag.count));
        let place = first.partition_point(|&(other, _)| other <= key);
        if place < UNFOLDED {
            first.insert(place, (key, i));
            first.truncate(UNFOLDED);
        }
    }
    FoundTags {
        tags: first.iter().map(|&(_, i)| tags[i].clone()).collect(),
        matching,
    }
}

/// Every value the filter panel offers, in its order: the categories, the
/// tags, then "in both languages".
pub fn every_value(corpus: &Corpus) -> Vec<FilterValue> {
    values_and_entries(corpus).map(|(value, _)| value).collect()
}

/// Every value the filter panel offers, in its order, each with its
/// taxonomy entry ("in both languages" has none).
fn values_and_entries(
    corpus: &Corpus,
) -> impl Iterator<Item = (FilterValue, Option<&TaxonomyEntry>)> {
    let taxonomy = &corpus.taxonomy;
    let categories =
        (taxonomy.categories.iter()).map(|c| (FilterValue::Category(c.id.clone()), Some(c)));
    let tags = (taxonomy.tags.iter()).map(|t| (FilterValue::Tag(t.id.clone()), Some(t)));
    categories
        .chain(tags)
        .chain(std::iter::once((FilterValue::BothLanguages, None)))
}

/// The folder, beside `first-screen.json`, of the first screens of the
/// library filtered by one value ([`first_screen_of`]).
pub const FIRST_SCREENS_DIR: &str = "first-screen";

/// Where the first screen of the library filtered by `value` alone is,
/// relative to the public URL: `first-screen/category-lived.json`,
/// `first-screen/tag-work.json`, `first-screen/both-1.json`.
pub fn first_screen_file(value: &FilterValue) -> String {
    let (name, id) = value.query_pair();
    format!("{FIRST_SCREENS_DIR}/{name}-{}.json", percent_encode(id))
}

/// The first screen of the library filtered by `value` alone, as the corpus
/// tool writes it for a library larger than one screen
/// ([`first_screen_file`]): the filtered library's first
/// [`LIBRARY_PAGE_SIZE`] entries, with its counts (the entries it keeps, and
/// for each value what adding it would keep). A reader's first filter
/// click, or a filtered address opened, is answered from it (kilobytes)
/// while the whole index (megabytes) is on its way.
///
/// It names only the values its entries have (a value it leaves out counts
/// none) and carries no taxonomy: the app takes the library's, from the
/// first screen of the same build ([`value_screen_beside`]). Each file then
/// grows with its own entries, not with the taxonomy, and every value's file
/// together with the corpus: with every value counted and labelled in
/// each, 2,000 tags made 285 MB of files for 2,000 pairs
/// (docs/performance.md, "Every value's first screen linear in the taxonomy").
pub fn first_screen_of(corpus: &Corpus, value: &FilterValue) -> Corpus {
    let kept = postings(corpus, value);
    let mut categories = std::collections::BTreeMap::new();
    let mut tags = std::collections::BTreeMap::new();
    // Counted as the postings are made: once a group, for the values of its
    // first version.
    let count = |counts: &mut std::collections::BTreeMap<String, usize>, ids: &[String]| {
        for id in distinct(ids) {
            *counts.entry(id.clone()).or_insert(0) += 1;
        }
    };
    for &g in kept {
        let first = corpus.group_at(g).versions[0];
        count(&mut categories, &first.categories);
        count(&mut tags, &first.tags);
    }
    let every_language = corpus.groups_in_every_language();
    let counts = LibraryCounts {
        entries: kept.len(),
        categories,
        tags,
        in_every_language: kept
            .iter()
            .filter(|g| every_language.binary_search(g).is_ok())
            .count(),
        filter: Some(LibraryFilter::default().toggled(value).to_query()),
        build: None,
    };
    corpus.screen(&kept[..kept.len().min(LIBRARY_PAGE_SIZE)], counts)
}

/// A value's first screen as read from its file ([`first_screen_of`]), ready
/// to draw in place of the library's first screen `library`: with the
/// library's taxonomy, which its file leaves out. None if it is not of the
/// same build as `library` (the build stamp the corpus tool writes into
/// both), or does not show `filter`: a host's cache or a worker's precache
/// may hold another build's file, and the labels would be another's.
pub fn value_screen_beside(
    screen: Corpus,
    library: &Corpus,
    filter: &LibraryFilter,
) -> Option<Corpus> {
    let build = |corpus: &Corpus| corpus.whole_library.as_ref()?.build.clone();
    if build(library).is_none()
        || build(&screen) != build(library)
        || !shows_filter(&screen, filter)
    {
        return None;
    }
    Some(screen.with_taxonomy(library.taxonomy.clone()))
}

/// Whether `corpus` is the first screen of the library as `filter` narrows
/// it: the whole library's for no filter, a value's own for that value
/// alone. (A whole corpus shows every filter.)
pub fn shows_filter(corpus: &Corpus, filter: &LibraryFilter) -> bool {
    corpus
        .whole_library
        .as_ref()
        .is_none_or(|counts| counts.filter.as_deref().unwrap_or_default() == filter.to_query())
}

/// How many entries the library shows at first, and adds per "show more":
/// the app's paging and the pre-rendered library page agree on it.
pub const LIBRARY_PAGE_SIZE: usize = 20;

/// How many passages a search shows at first, and adds per "show more".
/// Fewer than the library's entries: a hit is a title, a snippet and what
/// faces it in the translation, three to a screen, and each needs its
/// essay's body and its translation's fetched. Twenty hits cost a keystroke
/// and the first results their drawing and layout, and the snippets forty
/// bodies over the network, for a page read three hits at a time
/// (docs/performance.md, "Ten passages a page").
pub const SEARCH_PAGE_SIZE: usize = 10;

/// How many of the `target` entries a list draws in the frame after a
/// change, the others coming in the next: those the reader can see (the
/// `on_screen` first, counted before the change), and beyond the `kept`
/// first ones already drawn (the same entries in the same places, which
/// stay) a `screenful` more, for "show more", whose new entries come where
/// the reader is; all of them when nothing was drawn before (the page
/// taking over its pre-rendered twin, a search cleared), so that a page
/// never appears half drawn. Style, layout and paint of the entries are
/// most of a change's cost (docs/performance.md): what is out of sight
/// waits a frame.
pub fn drawn_first(
    target: usize,
    drawn: usize,
    kept: usize,
    on_screen: usize,
    screenful: usize,
) -> usize {
    if drawn == 0 {
        target
    } else {
        target.min(on_screen.max(kept.saturating_add(screenful)))
    }
}

/// How long the library's excerpts are, in characters.
pub const EXCERPT_CHARS: usize = 220;

#[cfg(feature = "markdown")]
/// The opening of an essay for the library: its first paragraph's text, cut
/// at a word boundary to about `max_chars`, with "…" when cut.
pub fn excerpt(markdown: &str, max_chars: usize) -> String {
    let text = plain_text(markdown);
    let first = text
        .split("\n\n")
        .find(|p| p.split_whitespace().count() > 3)
        .unwrap_or(text.as_str());
    if first.chars().count() <= max_chars {
        return first.to_string();
    }
    let cut: String = first.chars().take(max_chars).collect();
    let at_word = match cut.rfind(char::is_whitespace) {
        Some(i) if i > max_chars / 2 => &cut[..i],
        _ => cut.as_str(),
    };
    format!("{}…", at_word.trim_end_matches([',', ';', ':', ' ', '.']))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::tests::essay;
    use crate::corpus::{Label, Taxonomy, TaxonomyEntry, SCHEMA_VERSION};

    #[test]
    fn drawn_first_draws_what_is_on_screen_then_the_rest() {
        // The language toggled or a filter chosen, 5 entries on screen (4
        // of them in the window, one above it) out of 20, none the same:
        // those 5 now, 15 in the next frame.
        assert_eq!(drawn_first(20, 20, 0, 5, 4), 5);
        // A filter that keeps the first 3 entries, 2 on screen: those 3,
        // and a screenful after them.
        assert_eq!(drawn_first(20, 20, 3, 2, 2), 5);
        // "Show more": the 20 shown stay, a screenful of new ones comes
        // now, however little the list knew of the screen.
        assert_eq!(drawn_first(40, 20, 20, 22, 4), 24);
        assert_eq!(drawn_first(40, 20, 20, 6, 4), 24);
        // Fewer entries than the screen holds: all of them.
        assert_eq!(drawn_first(3, 20, 0, 5, 4), 3);
        // Nothing drawn yet: all at once, never a page half drawn.
        assert_eq!(drawn_first(20, 0, 0, 5, 4), 20);
        // The reader is past the list: nothing of it changes in sight.
        assert_eq!(drawn_first(20, 20, 0, 0, 0), 0);
    }

    fn entry(id: &str) -> TaxonomyEntry {
        TaxonomyEntry {
            id: id.into(),
            label: Label {
                fr: format!("{id}-fr"),
                en: format!("{id}-en"),
            },
        }
    }

    /// Three essays: a pair tagged a+b in "lived", an English one tagged b in
    /// "seen", a French one tagged a+c in "lived".
    fn corpus() -> Corpus {
        let mut pair_fr = essay("un", Lang::Fr, "one", 1);
        let mut pair_en = essay("one", Lang::En, "one", 2);
        let mut english = essay("two", Lang::En, "two", 3);
        let mut french = essay("trois", Lang::Fr, "three", 4);
        for e in [&mut pair_fr, &mut pair_en] {
            e.categories = vec!["lived".into()];
            e.tags = vec!["a".into(), "b".into()];
        }
        english.categories = vec!["seen".into()];
        english.tags = vec!["b".into()];
        french.categories = vec!["lived".into()];
        french.tags = vec!["a".into(), "c".into()];
        Corpus {
            schema_version: SCHEMA_VERSION,
            taxonomy: Taxonomy {
                categories: vec![entry("lived"), entry("seen")],
                tags: vec![entry("a"), entry("b"), entry("c")],
            },
            essays: vec![pair_fr, pair_en, english, french],
            search_url: String::new(),
            rejected: vec![],
            whole_library: None,
            index: Default::default(),
        }
    }

    fn keys(corpus: &Corpus, filter: &LibraryFilter) -> Vec<String> {
        kept_groups(corpus, filter)
            .into_iter()
            .map(|g| corpus.group_at(g).key.to_string())
            .collect()
    }

    #[test]
    fn values_combine_with_and() {
        let c = corpus();
        let filter = LibraryFilter {
            tags: vec!["a".into()],
            ..Default::default()
        };
        assert_eq!(keys(&c, &filter), vec!["one", "three"]);
        let filter = LibraryFilter {
            tags: vec!["a".into(), "b".into()],
            ..Default::default()
        };
        assert_eq!(keys(&c, &filter), vec!["one"]);
        let filter = LibraryFilter {
            categories: vec!["lived".into()],
            tags: vec!["c".into()],
            ..Default::default()
        };
        assert_eq!(keys(&c, &filter), vec!["three"]);
        let filter = LibraryFilter {
            both_languages: true,
            ..Default::default()
        };
        assert_eq!(keys(&c, &filter), vec!["one"]);
        assert_eq!(
            keys(&c, &LibraryFilter::default()),
            vec!["one", "two", "three"]
        );
    }

    #[test]
    fn counts_say_what_would_remain_and_zero_marks_dead_ends() {
        let c = corpus();
        let filter = LibraryFilter {
            tags: vec!["a".into()],
            ..Default::default()
        };
        let counts: Vec<(String, usize, bool)> = facets(&c, &filter, None, Lang::En, "both")
            .into_iter()
            .map(|f| (f.label, f.count, f.active))
            .collect();
        assert_eq!(
            counts,
            vec![
                ("lived-en".into(), 2, false),
                ("seen-en".into(), 0, false),
                ("a-en".into(), 2, true),
                ("b-en".into(), 1, false),
                ("c-en".into(), 1, false),
                ("both".into(), 1, false),
            ]
        );
    }

    /// What a count means, computed the slow way: the groups that would
    /// remain with the value toggled on.
    fn brute_force_counts(
        c: &Corpus,
        filter: &LibraryFilter,
        found: Option<&[usize]>,
    ) -> Vec<usize> {
        facets(c, filter, found, Lang::En, "both")
            .iter()
            .map(|f| {
                let with_value = if f.active {
                    filter.clone()
                } else {
                    filter.toggled(&f.value)
                };
                c.translation_groups()
                    .iter()
                    .enumerate()
                    .filter(|(place, g)| {
                        with_value.matches(g) && found.is_none_or(|f| f.contains(place))
                    })
                    .count()
            })
            .collect()
    }

    #[test]
    fn counts_and_kept_groups_from_postings_equal_matching_each_group() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../content");
        #[cfg(feature = "tool")]
        let seed = crate::content::load(&dir).expect("content builds").corpus;
        #[cfg(not(feature = "tool"))]
        let seed = {
            let _ = dir;
            corpus()
        };
        for c in [corpus(), seed] {
            let mut filters = vec![LibraryFilter::default()];
            for value in facets(&c, &LibraryFilter::default(), None, Lang::En, "both") {
                let one = LibraryFilter::default().toggled(&value.value);
                for other in facets(&c, &one, None, Lang::En, "both") {
                    filters.push(one.toggled(&other.value));
                }
                filters.push(one);
            }
            for filter in &filters {
                let counts: Vec<usize> = facets(&c, filter, None, Lang::En, "both")
                    .iter()
                    .map(|f| f.count)
                    .collect();
                assert_eq!(counts, brute_force_counts(&c, filter, None), "{filter:?}");
                // With a search: every other group found, then none, then all.
                let groups = c.translation_groups().len();
                let every_other: Vec<usize> = (0..groups).step_by(2).collect();
                let all: Vec<usize> = (0..groups).collect();
                for found in [&every_other[..], &[], &all[..]] {
                    let counts: Vec<usize> = facets(&c, filter, Some(found), Lang::En, "both")
                        .iter()
                        .map(|f| f.count)
                        .collect();
                    assert_eq!(
                        counts,
                        brute_force_counts(&c, filter, Some(found)),
                        "{filter:?} {found:?}"
                    );
                }
                // The postings' intersection keeps what matching each group keeps.
                let matching: Vec<usize> = c
                    .translation_groups()
                    .iter()
                    .enumerate()
                    .filter(|(_, g)| filter.matches(g))
                    .map(|(place, _)| place)
                    .collect();
                assert_eq!(kept_groups(&c, filter), matching, "{filter:?}");
            }
        }
    }

    #[test]
    fn query_round_trips_and_unknown_values_are_reported() {
        let c = corpus();
        let filter = LibraryFilter {
            categories: vec!["lived".into()],
            tags: vec!["a".into(), "b".into()],
            both_languages: true,
        };
        assert_eq!(filter.to_query(), "category=lived&tag=a&tag=b&both=1");
        let pairs: Vec<(String, String)> = filter
            .to_query()
            .split('&')
            .filter_map(|kv| {
                kv.split_once('=')
                    .map(|(k, v)| (k.to_string(), v.to_string()))
            })
            .collect();
        let (read, ignored) =
            LibraryFilter::from_query(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())), &c);
        assert_eq!((read, ignored.len()), (filter, 0));

        let long = "x".repeat(5000);
        let (read, ignored) = LibraryFilter::from_query(
            [
                ("tag", "nope"),
                ("tag", "a"),
                ("tag", "a"),
                ("both", "yes"),
                ("q", "free text"),
                ("category", long.as_str()),
            ],
            &c,
        );
        assert_eq!(
            read,
            LibraryFilter {
                tags: vec!["a".into()],
                ..Default::default()
            }
        );
        assert_eq!(ignored.len(), 3);
        assert_eq!(ignored[0], "nope");
        assert_eq!(
            ignored[2].len(),
            40,
            "long values are shortened for the notice"
        );
    }

    #[test]
    fn the_search_query_round_trips_through_the_url() {
        let filter = LibraryFilter {
            tags: vec!["a".into()],
            ..Default::default()
        };
        let query = filter.to_query_with_search("économie “réelle” & co");
        assert_eq!(
            query,
            "q=%C3%A9conomie+%E2%80%9Cr%C3%A9elle%E2%80%9D+%26+co&tag=a"
        );
        let pairs = crate::routes::parse_query(&query);
        let pairs: Vec<(&str, &str)> = pairs
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        assert_eq!(
            search_query(pairs.iter().copied()),
            "économie “réelle” & co"
        );
        assert_eq!(
            LibraryFilter::from_query(pairs.iter().copied(), &corpus()),
            (filter, vec![])
        );
    }

    #[test]
    fn toggling_adds_then_removes_and_chips_list_choices_in_order() {
        let filter = LibraryFilter::default()
            .toggled(&FilterValue::Tag("b".into()))
            .toggled(&FilterValue::Category("lived".into()))
            .toggled(&FilterValue::BothLanguages);
        assert_eq!(
            filter.chosen(),
            vec![
                FilterValue::Category("lived".into()),
                FilterValue::Tag("b".into()),
                FilterValue::BothLanguages
            ]
        );
        let filter = filter
            .toggled(&FilterValue::Tag("b".into()))
            .toggled(&FilterValue::BothLanguages);
        assert_eq!(filter.chosen(), vec![FilterValue::Category("lived".into())]);
        assert!(!filter.is_empty());
        assert!(filter
            .toggled(&FilterValue::Category("lived".into()))
            .is_empty());
    }

    #[test]
    fn excerpt_takes_the_first_real_paragraph_and_cuts_at_a_word() {
        let md = "## Heading\n\nUn tweet de Bertrand Duperrin, pendant l’Entreprise 2.0 summit qui vient de se tenir à Paris, m’a interpelé.\n\nSecond.";
        assert_eq!(excerpt(md, 500), "Un tweet de Bertrand Duperrin, pendant l’Entreprise 2.0 summit qui vient de se tenir à Paris, m’a interpelé.");
        assert_eq!(excerpt(md, 40), "Un tweet de Bertrand Duperrin, pendant…");
        assert_eq!(excerpt("", 10), "");
    }

    /// A library of 25 entries (23 pairs, two essays alone), each in a
    /// category and with tags that vary with its place, in an order the
    /// file does not follow.
    fn long_library() -> Corpus {
        let mut c = corpus();
        c.essays.clear();
        for n in (0..25u32).rev() {
            let langs: &[Lang] = match n {
                3 => &[Lang::Fr],
                17 => &[Lang::En],
                _ => &[Lang::Fr, Lang::En],
            };
            for (i, &lang) in langs.iter().enumerate() {
                let mut e = essay(
                    &format!("e{n}-{}", lang.code()),
                    lang,
                    &format!("k{n}"),
                    2 * n + i as u32 + 1,
                );
                e.categories = vec![["lived", "seen"][n as usize % 2].into()];
                e.tags = ["a", "b", "c"]
                    .iter()
                    .take(n as usize % 3 + 1)
                    .map(|t| t.to_string())
                    .collect();
                match n {
                    // A tag of one essay, in one language only: most
                    // values' libraries have none of it.
                    3 => e.tags.push("d".into()),
                    // A tag named twice by one essay counts once.
                    4 => e.tags.push("a".into()),
                    _ => {}
                }
                c.essays.push(e);
            }
        }
        c.taxonomy.tags.push(entry("d"));
        c
    }

    #[test]
    fn a_panel_of_many_tags_lists_the_most_used_and_folds_the_others() {
        let tag = |i: usize, count: usize, active: bool| FacetValue {
            value: FilterValue::Tag(format!("t{i:02}")),
            label: format!("T{i}"),
            count,
            active,
        };
        let ids = |tags: &[FacetValue]| -> Vec<String> {
            tags.iter()
                .map(|t| t.value.query_pair().1.to_string())
                .collect()
        };
        // Up to the limit, every tag in taxonomy order, none folded.
        let few: Vec<FacetValue> = (0..FOLDED_ABOVE).map(|i| tag(i, i % 3, false)).collect();
        let listed = fold_values(&few, false);
        assert_eq!((ids(&listed.values), listed.folded), (ids(&few), None));
        // Beyond: the most used first (ties in taxonomy order), none that
        // would keep nothing, and a chosen tag however rare.
        let count = |i: usize| if i == 44 { 1 } else { (i * 7) % 13 };
        let many: Vec<FacetValue> = (0..45).map(|i| tag(i, count(i), i == 44)).collect();
        let mut expected: Vec<usize> = (0..45).filter(|&i| count(i) > 0).collect();
        expected.sort_by_key(|&i| std::cmp::Reverse(count(i)));
        expected.truncate(UNFOLDED);
        assert!(
            !expected.contains(&44),
            "the chosen tag is not among the most used"
        );
        expected.push(44);
        let named = |places: &[usize]| -> Vec<String> {
            places.iter().map(|i| format!("t{i:02}")).collect()
        };
        // Four would keep nothing (0, 13, 26, 39): neither listed nor
        // counted as folded.
        let keeping_none = 4;
        let folded = fold_values(&many, false);
        assert_eq!(ids(&folded.values), named(&expected));
        assert_eq!(folded.folded, Some(45 - expected.len() - keeping_none));
        assert!(folded
            .values
            .windows(2)
            .take(UNFOLDED - 1)
            .all(|w| w[0].count >= w[1].count));
        // After a narrow filter most tags would keep nothing: only those
        // that would are listed, folded or not, and none is left to unfold.
        let narrow: Vec<FacetValue> = (0..45)
            .map(|i| tag(i, usize::from(i % 20 == 1), false))
            .collect();
        for every_tag in [false, true] {
            let listed = fold_values(&narrow, every_tag);
            assert_eq!(
                (ids(&listed.values), listed.folded),
                (named(&[1, 21, 41]), Some(0))
            );
        }
        // Unfolded: the same first, then every other that would keep some,
        // in taxonomy order; the count of those folded unchanged.
        let every = fold_values(&many, true);
        let rest: Vec<usize> = (0..45)
            .filter(|&i| !expected.contains(&i) && count(i) > 0)
            .collect();
        assert_eq!(rest.len(), 45 - expected.len() - keeping_none);
        assert_eq!(
            ids(&every.values),
            named(&[expected.clone(), rest].concat())
        );
        assert_eq!(every.folded, Some(45 - expected.len() - keeping_none));
    }

    #[test]
    fn a_tag_is_found_by_any_part_of_its_name_case_and_accents_aside() {
        let tag = |id: &str, label: &str, count: usize| FacetValue {
            value: FilterValue::Tag(id.to_string()),
            label: label.to_string(),
            count,
            active: false,
        };
        let tags = vec![
            tag("autonomie", "Autonomie", 9),
            tag("economie", "Économie", 2),
            tag("eco-reelle", "L’économie réelle", 5),
            tag("ecoles", "Écoles", 0),
            tag("travail", "Travail", 7),
            // Written with a combining accent, as some editors save it.
            tag("ecologie", "E\u{301}cologie", 1),
        ];
        let found = |typed: &str| -> (Vec<String>, usize) {
            let found = tags_named(&tags, typed);
            let ids = (found.tags.iter())
                .map(|t| t.value.query_pair().1.to_string())
                .collect();
            (ids, found.matching)
        };
        let ids = |ids: &[&str]| -> Vec<String> { ids.iter().map(|s| s.to_string()).collect() };
        // A word's start before its inside, each the most used first, one
        // that would keep nothing after them; accents, case and the way an
        // accent is written aside, on either side.
        assert_eq!(
            found("ÉCO"),
            (ids(&["eco-reelle", "economie", "ecologie", "ecoles"]), 4)
        );
        assert_eq!(found("  eco "), found("éco"));
        assert_eq!(
            found("nomie"),
            (ids(&["autonomie", "eco-reelle", "economie"]), 3)
        );
        // A word's start before a more used tag that has it inside a word.
        assert_eq!(
            found("l"),
            (ids(&["eco-reelle", "travail", "ecologie", "ecoles"]), 4)
        );
        assert_eq!(found("reel"), (ids(&["eco-reelle"]), 1));
        assert_eq!(found("xyz"), (vec![], 0));
        assert_eq!(found(" "), (vec![], 0));
        // A short beginning in a long taxonomy: the most used listed, every
        // match counted.
        let many: Vec<FacetValue> = (0..200)
            .map(|i| tag(&format!("t{i}"), &format!("Mot {i}"), i % 7))
            .collect();
        let found = tags_named(&many, "mot");
        assert_eq!((found.tags.len(), found.matching), (UNFOLDED, 200));
        assert!(found.tags.iter().all(|t| t.count == 6));
    }

    #[test]
    fn the_first_screen_holds_the_first_entries_and_the_whole_librarys_counts() {
        let whole = long_library();
        let first = whole.first_screen();
        assert!(first.is_first_screen() && !whole.is_first_screen());
        assert_eq!(first.group_count(), LIBRARY_PAGE_SIZE);
        assert_eq!((first.library_size(), whole.library_size()), (25, 25));
        // The same entries in the same places, every version of each.
        for g in 0..LIBRARY_PAGE_SIZE {
            assert_eq!(first.group_at(g).versions, whole.group_at(g).versions);
        }
        // The unfiltered panel counts the whole library.
        let counts = |c: &Corpus| -> Vec<(String, usize)> {
            facets(c, &LibraryFilter::default(), None, Lang::En, "both")
                .into_iter()
                .map(|f| (f.label, f.count))
                .collect()
        };
        assert_eq!(counts(&first), counts(&whole));
        assert_ne!(
            counts(&first),
            counts(&Corpus {
                whole_library: None,
                ..first.clone()
            })
        );
        // Written and read back as the app reads it.
        let read = Corpus::from_json(&serde_json::to_string(&first).unwrap()).unwrap();
        assert_eq!(read.whole_library, first.whole_library);
        assert_eq!(read.essays, first.essays);
        // A library that fits on one screen is its own first screen, whole.
        let small = corpus().first_screen();
        assert!(!small.is_first_screen());
        assert_eq!(small.essays, corpus().essays);
        // And `corpus.json` says nothing of a first screen.
        assert!(!serde_json::to_string(&whole)
            .unwrap()
            .contains("whole_library"));
    }

    #[test]
    fn a_values_first_screen_holds_the_filtered_librarys_first_entries_and_counts() {
        let whole = long_library();
        let none = LibraryFilter::default();
        let values = every_value(&whole);
        assert!(values.len() >= 5);
        let panel = |c: &Corpus, filter: &LibraryFilter| facets(c, filter, None, Lang::Fr, "both");
        // The corpus tool stamps each with the build it wrote them beside.
        let stamped = |mut screen: Corpus, build: &str| {
            screen.whole_library.as_mut().unwrap().build = Some(build.into());
            screen
        };
        let library = stamped(whole.first_screen(), "0badcafe");
        let mut truncated = false;
        let mut left_out = 0;
        for value in &values {
            let filter = none.toggled(value);
            let written = first_screen_of(&whole, value);
            // Written without the taxonomy, naming only the values it keeps.
            assert_eq!(written.taxonomy, Taxonomy::default());
            let counts = written.whole_library.clone().unwrap();
            assert!(counts
                .categories
                .values()
                .chain(counts.tags.values())
                .all(|&n| n > 0));
            left_out += whole.taxonomy.categories.len() + whole.taxonomy.tags.len()
                - counts.categories.len()
                - counts.tags.len();
            // Read back as the app reads it, beside the library's first screen.
            let json = serde_json::to_string(&stamped(written, "0badcafe")).unwrap();
            let read = |json: &str| Corpus::from_json(json).unwrap();
            let screen = value_screen_beside(read(&json), &library, &filter).unwrap();
            assert!(screen.is_first_screen());
            assert_eq!(screen.taxonomy, whole.taxonomy);
            // It shows that filter, and no other.
            assert!(shows_filter(&screen, &filter));
            assert!(!shows_filter(&screen, &none));
            for other in values.iter().filter(|other| *other != value) {
                assert!(!shows_filter(&screen, &filter.toggled(other)));
                assert!(!shows_filter(&screen, &none.toggled(other)));
                assert!(value_screen_beside(read(&json), &library, &none.toggled(other)).is_none());
            }
            // Not beside another build's library, nor one without a stamp.
            let other_build = stamped(whole.first_screen(), "00000000");
            assert!(value_screen_beside(read(&json), &other_build, &filter).is_none());
            assert!(value_screen_beside(read(&json), &whole.first_screen(), &filter).is_none());
            // The filtered library's first entries, in the same order, every
            // version of each; its size; the panel as the whole index draws it.
            let (kept, first) = (kept_groups(&whole, &filter), kept_groups(&screen, &filter));
            assert_eq!(first.len(), kept.len().min(LIBRARY_PAGE_SIZE), "{value:?}");
            truncated |= kept.len() > LIBRARY_PAGE_SIZE;
            for (s, w) in first.iter().zip(&kept) {
                assert_eq!(screen.group_at(*s).versions, whole.group_at(*w).versions);
            }
            assert_eq!(screen.library_size(), kept.len());
            assert_eq!(panel(&screen, &filter), panel(&whole, &filter), "{value:?}");
        }
        assert!(
            left_out > 0,
            "some value's library leaves another value out"
        );
        assert!(truncated, "a value keeps more than one screen");
        // The whole library's first screen shows the unfiltered library only;
        // the whole corpus, every filter.
        let first = whole.first_screen();
        assert!(shows_filter(&first, &none));
        assert!(values
            .iter()
            .all(|v| !shows_filter(&first, &none.toggled(v))));
        assert!(values
            .iter()
            .all(|v| shows_filter(&whole, &none.toggled(v))));
        // Where each is written.
        assert_eq!(
            first_screen_file(&FilterValue::Category("lived".into())),
            "first-screen/category-lived.json"
        );
        assert_eq!(
            first_screen_file(&FilterValue::Tag("a".into())),
            "first-screen/tag-a.json"
        );
        assert_eq!(
            first_screen_file(&FilterValue::BothLanguages),
            "first-screen/both-1.json"
        );
    }
}
