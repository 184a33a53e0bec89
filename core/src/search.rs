//! Full-text search over every essay in both languages: case-, accent- and
//! punctuation-insensitive, with light stemming, words AND-ed and "quoted
//! phrases" matched as phrases, one typo forgiven in long words. The index
//! is written ahead by the corpus tool, in shards (`search_shards`); the
//! app fetches the few a query needs, cached like the rest (so search works
//! offline), and builds nothing from the text.
//!
//! Stemming is a small hand-written plural folding (French -s/-x, English
//! -s/-es/-ies) rather than a Snowball crate: the app is already above its
//! size budget (docs/performance.md), and plurals are what readers mistype.

use crate::corpus::{marked_places, Corpus, CorpusLoadError, EssayBody};
use crate::document::{inline_text, Block};
use crate::lang::Lang;
use crate::search_shards::{deletions, Shard, ShardList};
use crate::text::{ascii_folding, contained};
use std::collections::{BinaryHeap, HashMap};
use std::sync::OnceLock;

/// A token: its normalised, stemmed form and where it is in the source text
/// (byte range), for highlighting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub term: String,
    pub start: usize,
    pub end: usize,
}

/// Lower case, accents folded, œ/æ spelled out, and what text pasted from
/// elsewhere hides inside words taken out: combining accents (an accent
/// typed after its letter), zero-width and bidirectional control characters,
/// full-width letters and digits, and the ﬁ/ﬂ ligatures. The corpus is
/// composed (NFC) at build time by the unicode-normalization crate; this
/// covers the rest of what NFKC would fold for search, in a few ranges
/// rather than the crate's tables in the app (the tests check both agree).
pub fn normalize_word(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for ch in word.chars() {
        // ASCII is neither invisible, a ligature, full-width nor accented.
        if ch.is_ascii() {
            out.push(ch.to_ascii_lowercase());
            continue;
        }
        if is_invisible_in_word(ch) {
            continue;
        }
        if let Some(letters) = ligature(ch) {
            out.push_str(letters);
            continue;
        }
        // Full-width forms of ASCII (ＡＢＣ, ０１２).
        let ch = match ch {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(ch as u32 - 0xFEE0).unwrap_or(ch),
            other => other,
        };
        match ascii_folding(ch) {
            Some(folded) => out.push_str(folded),
            None => out.extend(ch.to_lowercase()),
        }
    }
    out
}

/// The letters of a Latin typographic ligature (ﬀ ﬁ ﬂ ﬃ ﬄ ﬅ ﬆ).
fn ligature(ch: char) -> Option<&'static str> {
    Some(match ch {
        'ﬀ' => "ff",
        'ﬁ' => "fi",
        'ﬂ' => "fl",
        'ﬃ' => "ffi",
        'ﬄ' => "ffl",
        'ﬅ' | 'ﬆ' => "st",
        _ => return None,
    })
}

/// Characters that belong to the word they stand in without being letters
/// of it: combining marks, zero-width and bidirectional controls, the soft
/// hyphen. A word is not cut at them, and they are not part of its term.
fn is_invisible_in_word(ch: char) -> bool {
    matches!(ch,
        '\u{0300}'..='\u{036F}' | '\u{1AB0}'..='\u{1AFF}' | '\u{1DC0}'..='\u{1DFF}'
        | '\u{20D0}'..='\u{20FF}' | '\u{FE20}'..='\u{FE2F}'
        | '\u{00AD}' | '\u{061C}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
}

/// Folds plurals to the singular, per language, in place: a large
/// corpus's build stems every word of it.
pub fn stem(mut word: String, lang: Lang) -> String {
    let n = word.chars().count();
    // Short words are too often not plurals ("prix", "gas", "bus").
    if n <= 4 {
        return word;
    }
    // The suffix replaced, and by what.
    let (cut, put) = match lang {
        Lang::Fr => {
            if word.ends_with("aux") {
                (3, "al")
            } else if word.ends_with("ss") {
                // "business", "stress", "express": not plurals. Kept whole,
                // so that a stem stems to itself (a close word sent to the
                // essay in `?mark=` is stemmed again there).
                (0, "")
            } else if word.ends_with(['s', 'x']) {
                (1, "")
            } else {
                (0, "")
            }
        }
        Lang::En => {
            if word.ends_with("ies") {
                (3, "y")
            } else if ["sses", "shes", "ches", "xes"]
                .iter()
                .any(|suffix| word.ends_with(suffix))
            {
                (2, "")
            } else if word.ends_with("ss") || word.ends_with("us") || word.ends_with("is") {
                (0, "")
            } else if word.ends_with('s') {
                (1, "")
            } else {
                (0, "")
            }
        }
    };
    // Every suffix cut is ASCII, so the cut falls between characters.
    word.truncate(word.len() - cut);
    word.push_str(put);
    word
}

/// Splits text into words (runs of letters and digits: apostrophes, typographic
/// or straight, hyphens and all punctuation separate), normalised and stemmed.
pub fn tokenize(text: &str, lang: Lang) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut start = None;
    for (i, ch) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        let is_word = i < text.len()
            && (ch.is_alphanumeric() || (start.is_some() && is_invisible_in_word(ch)));
        match (is_word, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                let word = &text[s..i];
                tokens.push(Token {
                    term: stem(normalize_word(word), lang),
                    start: s,
                    end: i,
                });
                start = None;
            }
            _ => {}
        }
    }
    tokens
}

/// The byte ranges of `text` that a search for `search` found: every word
/// of the query, alone or in a phrase, as the search matched it (folded
/// and stemmed in `lang`). What an essay opened from a result marks.
pub fn found_ranges(text: &str, search: &str, lang: Lang) -> Vec<std::ops::Range<usize>> {
    let query = Query::for_lang(search, lang);
    let wanted: Vec<&String> = query
        .words
        .iter()
        .chain(query.phrases.iter().flatten())
        .collect();
    if wanted.is_empty() {
        return Vec::new();
    }
    tokenize(text, lang)
        .into_iter()
        .filter(|t| wanted.contains(&&t.term))
        .map(|t| t.start..t.end)
        .collect()
}

/// A parsed query: single words and phrases, all required.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Query {
    pub words: Vec<String>,
    pub phrases: Vec<Vec<String>>,
    /// The words typed with [`FORGIVEN_FROM`] letters or more (and stemmed
    /// to [`FORGIVEN_UP_TO`] or fewer): one typo in them is forgiven
    /// (ranked below exact matches). Not inside phrases.
    pub forgiving: Vec<String>,
}

/// Words of this many letters or more forgive one typo.
pub const FORGIVEN_FROM: usize = 5;

/// Words longer than this (stemmed) must be exact: no word of French or
/// English is as long, and the index keeps no close keys for them
/// (`search_shards::CLOSE_KEYS_UP_TO`).
pub const FORGIVEN_UP_TO: usize = 32;

impl Query {
    /// `economie "real economy" rotules` → two words and one phrase. The
    /// query is tokenised once per language, since stems differ.
    pub fn parse(text: &str) -> (String, Vec<String>) {
        let mut free = String::new();
        let mut phrases = Vec::new();
        for (i, part) in text
            .replace(['“', '”', '«', '»'], "\"")
            .split('"')
            .enumerate()
        {
            if i % 2 == 1 {
                phrases.push(part.to_string());
            } else {
                free.push_str(part);
                free.push(' ');
            }
        }
        (free, phrases)
    }

    pub fn for_lang(text: &str, lang: Lang) -> Query {
        let (free, phrases) = Query::parse(text);
        let terms = |t: &str| {
            tokenize(t, lang)
                .into_iter()
                .map(|t| t.term)
                .collect::<Vec<_>>()
        };
        let mut words = terms(&free);
        let mut forgiving: Vec<String> = tokenize(&free, lang)
            .into_iter()
            .filter(|t| {
                normalize_word(&free[t.start..t.end]).chars().count() >= FORGIVEN_FROM
                    && t.term.chars().count() <= FORGIVEN_UP_TO
            })
            .map(|t| t.term)
            .collect();
        forgiving.sort();
        forgiving.dedup();
        let mut phrases: Vec<Vec<String>> = phrases
            .iter()
            .map(|p| terms(p))
            .filter(|p| !p.is_empty())
            .collect();
        // A one-word "phrase" is just a word.
        words.extend(
            phrases
                .iter()
                .filter(|p| p.len() == 1)
                .map(|p| p[0].clone()),
        );
        phrases.retain(|p| p.len() > 1);
        words.sort();
        words.dedup();
        Query {
            words,
            phrases,
            forgiving,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty() && self.phrases.is_empty()
    }
}

/// One searchable text of an essay, tokenised: its title (block None) or a
/// body block. Only made for the passages a snippet is shown from,
/// borrowed from the essay's passages and their tokens.
#[derive(Debug, Clone)]
struct Passage<'e> {
    block: Option<usize>,
    text: &'e str,
    tokens: &'e [Token],
}

/// An essay version as the search knows it.
#[derive(Debug, Clone)]
struct EssayIndex {
    slug: String,
    lang: Lang,
    translation_key: String,
    body_url: String,
    title: String,
    /// The title, then each body block's text, once the body is in: what
    /// snippets and phrases are read from.
    passages: Option<Vec<String>>,
    /// Those passages tokenised, once asked for: which of them hold a
    /// query's words (the shards say only which essays do).
    tokens: OnceLock<Vec<Vec<Token>>>,
    /// Per body block, the translation's block facing it (1-based; 0: none).
    counterparts: Vec<u32>,
    /// The translation's place in `essays`.
    translation: Option<usize>,
    /// Its translation group's place in the corpus ([`Corpus::group_place`]),
    /// looked up once here rather than for every match of every keystroke
    /// (a common word's 25,569 matches at 20,000 pairs took longer to place
    /// than to find).
    group: Option<usize>,
}

/// Whether essays of a language hold any of some terms, for essays asked
/// in ascending order: each term's essays are read from where the previous
/// essay left them.
struct Walk<'i> {
    lists: Vec<(&'i [u32], usize)>,
}

impl<'i> Walk<'i> {
    fn new(index: &'i SearchIndex, terms: &[String], lang: Lang) -> Walk<'i> {
        Walk {
            lists: terms
                .iter()
                .map(|term| index.essays_with(term, lang))
                .filter(|list| !list.is_empty())
                .map(|list| (list, 0))
                .collect(),
        }
    }

    /// Moves each list on to `essay` (asked after every smaller one). The
    /// essay is mostly a few postings on: galloping finds it in a step or
    /// two where a search of the rest would take sixteen.
    fn reach(&mut self, essay: u32) {
        for (list, at) in &mut self.lists {
            let rest = &list[*at..];
            let mut step = 1;
            while step <= rest.len() && rest[step - 1] < essay {
                step *= 2;
            }
            // Everything before `step / 2` is before the essay; what is
            // from `step` on (if anything) is not.
            let from = step / 2;
            *at += from + rest[from..step.min(rest.len())].partition_point(|&e| e < essay);
        }
    }

    /// Whether `essay` has any of the terms.
    fn has(&mut self, essay: u32) -> bool {
        self.reach(essay);
        self.lists
            .iter()
            .any(|(list, at)| list.get(*at) == Some(&essay))
    }
}

/// What a query needs that the index does not have yet: shards to fetch
/// (places in the shard list) and essays whose passages are needed (their
/// bodies: a phrase is checked in the text).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Needs {
    pub shards: Vec<usize>,
    pub passages: Vec<usize>,
}

impl Needs {
    pub fn is_empty(&self) -> bool {
        self.shards.is_empty() && self.passages.is_empty()
    }
}

/// Essays by position (what postings name), the first listed for a
/// position: sorted pairs, looked up by halving. A shard's postings name
/// thousands of positions; a hash map's lookups were most of the time a
/// shard took to be taken in (docs/performance.md, "Ten passages a page").
#[derive(Debug, Clone, Default)]
struct ByPosition(Vec<(u32, u32)>);

impl ByPosition {
    /// From (position, essay) pairs in the essays' order.
    fn new(pairs: impl IntoIterator<Item = (u32, u32)>) -> ByPosition {
        let mut pairs: Vec<(u32, u32)> = pairs.into_iter().collect();
        // Stable: of essays sharing a position, the first listed stays.
        pairs.sort_by_key(|&(position, _)| position);
        pairs.dedup_by_key(|&mut (position, _)| position);
        ByPosition(pairs)
    }

    fn get(&self, position: u32) -> Option<u32> {
        self.0
            .binary_search_by_key(&position, |&(p, _)| p)
            .ok()
            .map(|i| self.0[i].1)
    }
}

/// The search index as far as this reader has it: the shards written by
/// `corpus build` (`search_shards`) fetched so far, and the passages of the
/// essays whose bodies are in. [`SearchIndex::needs`] says what a query
/// still lacks; once it lacks nothing, [`SearchIndex::find`] answers it
/// with a few lookups and sorted-list intersections. Nothing is built from
/// the text in the browser.
#[derive(Debug, Clone, Default)]
pub struct SearchIndex {
    essays: Vec<EssayIndex>,
    /// Each essay's place in `essays`, by position (what postings name).
    by_position: ByPosition,
    shards: ShardList,
    loaded: Vec<bool>,
    /// The common words whose head alone is in (not the rest of their
    /// postings), with the last position it reaches.
    heads_only: HashMap<String, u32>,
    /// By translation group's place in blog order, the last position of
    /// any essay of that group or of one before it: the groups a head
    /// reaching a position covers whole are those up to it.
    groups_reach: Vec<u32>,
    /// Each term's essays, ascending, French ones and English ones apart,
    /// as its shard (and a common word's head) brings them: what a
    /// keystroke asks of a word.
    essays_of: HashMap<String, [Vec<u32>; 2]>,
    close: HashMap<String, Vec<String>>,
}

/// A language's place in [`SearchIndex::essays_of`].
fn lang_slot(lang: Lang) -> usize {
    match lang {
        Lang::Fr => 0,
        Lang::En => 1,
    }
}

/// A piece of a snippet: text, highlighted or not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SnippetPart {
    pub text: String,
    pub highlighted: bool,
}

/// An essay version that matches, with where the best match is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchHit {
    pub slug: String,
    pub lang: Lang,
    pub translation_key: String,
    /// 1-based body block of the best passage; None for the title.
    pub block: Option<usize>,
    pub snippet: Vec<SnippetPart>,
    /// In a translated essay, what faces the passage in the translation.
    pub counterpart: Option<Counterpart>,
}

/// The passage of the translation that faces a hit's passage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Counterpart {
    pub slug: String,
    pub lang: Lang,
    /// 1-based body block; None for the title.
    pub block: Option<usize>,
    /// Its opening, cut at a word (the query's words are in the other
    /// language: nothing is highlighted).
    pub text: String,
}

/// An essay version that matches a query, before its snippet is made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchMatch {
    essay: usize,
    /// Empty when every word is in the essay as typed; else the words one
    /// typo away from the query's that this essay has (at least one, in
    /// place of a word it lacks).
    close: Vec<String>,
}

impl SearchMatch {
    /// Every word found as typed (else found only one typo away, and
    /// ranked after the exact matches).
    pub fn is_exact(&self) -> bool {
        self.close.is_empty()
    }

    /// The words of the essay taken for the query's mistyped ones.
    pub fn close_words(&self) -> &[String] {
        &self.close
    }

    pub fn translation_key<'i>(&self, index: &'i SearchIndex) -> &'i str {
        &index.essays[self.essay].translation_key
    }

    /// Its translation group's place in the corpus the index was made for
    /// (what [`Corpus::group_place`] says of its translation key).
    pub fn group_place(&self, index: &SearchIndex) -> Option<usize> {
        index.essays[self.essay].group
    }

    pub fn lang(&self, index: &SearchIndex) -> Lang {
        index.essays[self.essay].lang
    }

    pub fn slug<'i>(&self, index: &'i SearchIndex) -> &'i str {
        &index.essays[self.essay].slug
    }
}

/// How far a query is answered: every match, those with every word as
/// typed alone (which need no shard of the words one typo away), or the
/// first of those in blog order (which need of a common word only the head
/// of its postings).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Reach {
    Whole,
    AsTyped,
    First,
}

/// What [`SearchIndex::find_so_far`] could answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SoFar {
    /// Every match.
    All,
    /// Every match with every word as typed; those one typo away follow.
    AsTyped,
    /// The first of those, in blog order (from the heads of the common
    /// words' postings): the rest, and how many there are, follow.
    First,
}

impl SoFar {
    /// Whether a page of `shown` hits (at most `page_size`) found so far is
    /// the page the whole answer will show, so that its snippets can be
    /// fetched now: always for every match; otherwise once the page is
    /// full, as what is found so far begins the whole answer (the matches
    /// one typo away rank below those as typed, and the heads' first hits
    /// are the first in blog order), so nothing still to come can take a
    /// place on a full page.
    pub fn page_is_final(self, shown: usize, page_size: usize) -> bool {
        self == SoFar::All || shown >= page_size
    }
}

/// The essays a query's terms allow, before phrases are checked.
#[derive(Debug, Default)]
struct Candidates {
    /// Those with every term as typed.
    exact: Vec<u32>,
    /// Those with every term as typed or one typo away.
    either: Vec<u32>,
    /// The words one typo away from the query's that the corpus has.
    close: Vec<String>,
}

impl SearchIndex {
    /// The index of the essays of `corpus`, nothing fetched yet but the
    /// shard list.
    pub fn new(corpus: &Corpus, shards: ShardList) -> SearchIndex {
        let mut index = SearchIndex {
            loaded: vec![false; shards.len()],
            shards,
            by_position: ByPosition::new(
                corpus
                    .essays
                    .iter()
                    .enumerate()
                    .map(|(n, e)| (e.position, n as u32)),
            ),
            ..SearchIndex::default()
        };
        for essay in &corpus.essays {
            index.essays.push(EssayIndex {
                slug: essay.slug.clone(),
                lang: essay.lang,
                translation_key: essay.translation_key.clone(),
                body_url: essay.body_url.clone(),
                title: essay.title.clone(),
                passages: None,
                tokens: OnceLock::new(),
                counterparts: Vec::new(),
                translation: None,
                group: corpus.group_place(&essay.translation_key),
            });
        }
        let by_key: HashMap<(&str, Lang), usize> = index
            .essays
            .iter()
            .enumerate()
            .map(|(n, e)| ((e.translation_key.as_str(), e.lang), n))
            .collect();
        let translations: Vec<Option<usize>> = index
            .essays
            .iter()
            .map(|e| {
                Lang::ALL
                    .into_iter()
                    .filter(|&l| l != e.lang)
                    .find_map(|l| by_key.get(&(e.translation_key.as_str(), l)).copied())
            })
            .collect();
        for (essay, translation) in index.essays.iter_mut().zip(translations) {
            essay.translation = translation;
        }
        for (essay, indexed) in corpus.essays.iter().zip(&index.essays) {
            if let Some(place) = indexed.group {
                if index.groups_reach.len() <= place {
                    index.groups_reach.resize(place + 1, 0);
                }
                index.groups_reach[place] = index.groups_reach[place].max(essay.position);
            }
        }
        let mut reach = 0;
        for last in &mut index.groups_reach {
            reach = reach.max(*last);
            *last = reach;
        }
        index
    }

    /// The address of shard `n` (a place from [`Needs::shards`]).
    pub fn shard_url(&self, n: usize) -> String {
        self.shards.url(n)
    }

    /// The address of essay `n`'s body (a place from [`Needs::passages`]).
    pub fn body_url(&self, n: usize) -> &str {
        &self.essays[n].body_url
    }

    /// Takes in shard `n` (a place from [`Needs::shards`]). Postings of
    /// essays this corpus does not have (rejected as malformed) are left
    /// out. A common word's head and the rest of its postings come as two
    /// shards, in either order.
    pub fn add_shard(&mut self, n: usize, shard: Shard) {
        if self.loaded.get(n) != Some(&false) {
            return;
        }
        self.loaded[n] = true;
        // The other part of a common word's postings, if it has two.
        let other = self.shards.other_part(n);
        let whole = other.is_none_or(|other| self.loaded.get(other) == Some(&true));
        for (term, deltas) in shard.terms {
            let mut found: [Vec<u32>; 2] = Default::default();
            let mut position = 0u32;
            for delta in deltas {
                position = position.wrapping_add(delta);
                if let Some(essay) = self.by_position.get(position) {
                    found[lang_slot(self.essays[essay as usize].lang)].push(essay);
                }
            }
            // With what the other part of its postings brought, if it came
            // first; in essay order (which is the order of positions in a
            // corpus the tool wrote).
            let mut essays = self.essays_of.remove(&term).unwrap_or_default();
            for (list, mut new) in essays.iter_mut().zip(found) {
                new.sort_unstable();
                new.dedup();
                *list = union(list, &new);
            }
            match (whole, shard.until) {
                (true, _) => self.heads_only.remove(&term),
                (false, Some(until)) => self.heads_only.insert(term.clone(), until),
                // The rest without its head: not taken for the first hits.
                (false, None) => self.heads_only.insert(term.clone(), 0),
            };
            self.essays_of.insert(term, essays);
        }
        self.close.extend(shard.close);
    }

    /// Takes in essay `n`'s passages, from its body.
    pub fn add_passages(&mut self, n: usize, body: &EssayBody) {
        let Some(essay) = self.essays.get_mut(n) else {
            return;
        };
        essay.passages = Some(
            std::iter::once(essay.title.clone())
                .chain(body.blocks.iter().map(block_text))
                .collect(),
        );
        essay.tokens = OnceLock::new();
        essay.counterparts = body
            .alignment
            .as_ref()
            .map(|a| a.facing(body.blocks.len()))
            .unwrap_or_default();
    }

    /// What `text` needs before [`SearchIndex::find`] can answer it. Asked
    /// again once that is in: a word's shard tells which words one typo
    /// away the corpus has, whose shards come next, and a phrase's
    /// candidates are checked in their text last.
    pub fn needs(&self, text: &str) -> Needs {
        let mut needs = Needs::default();
        // First, alone, the heads of the common words' postings (with the
        // other words' shards): a few KB that give the first hits a round
        // trip before the rest, which would share the link with them.
        for lang in Lang::ALL {
            let query = Query::for_lang(text, lang);
            if !query.is_empty() {
                self.candidates(&query, lang, Reach::First, &mut needs.shards);
            }
        }
        if needs.shards.iter().any(|&n| self.shards.is_head(n)) {
            needs.shards.sort_unstable();
            needs.shards.dedup();
            return needs;
        }
        needs.shards.clear();
        for lang in Lang::ALL {
            let query = Query::for_lang(text, lang);
            if query.is_empty() {
                continue;
            }
            let Some(candidates) = self.candidates(&query, lang, Reach::Whole, &mut needs.shards)
            else {
                continue;
            };
            if !query.phrases.is_empty() {
                needs.passages.extend(
                    candidates
                        .either
                        .iter()
                        .map(|&e| e as usize)
                        .filter(|&e| self.essays[e].passages.is_none()),
                );
            }
        }
        for list in [&mut needs.shards, &mut needs.passages] {
            list.sort_unstable();
            list.dedup();
        }
        needs
    }

    /// The essays of `matches` whose passages (a hit's snippet) are not in.
    pub fn passages_for<'m>(
        &self,
        matches: impl IntoIterator<Item = &'m SearchMatch>,
    ) -> Vec<usize> {
        self.missing(matches.into_iter().map(|m| Some(m.essay)))
    }

    /// Their translations whose passages (what faces each hit) are not in.
    pub fn counterparts_for<'m>(
        &self,
        matches: impl IntoIterator<Item = &'m SearchMatch>,
    ) -> Vec<usize> {
        self.missing(
            matches
                .into_iter()
                .map(|m| self.essays[m.essay].translation),
        )
    }

    fn missing(&self, essays: impl Iterator<Item = Option<usize>>) -> Vec<usize> {
        let mut out: Vec<usize> = essays
            .flatten()
            .filter(|&e| self.essays[e].passages.is_none())
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Whether what term `key` stands for is known: its shard is in, and
    /// its head if it has one (or there are no shards). Else what is not
    /// is added to `missing`.
    fn has_shard_of(&self, key: &str, missing: &mut Vec<usize>) -> bool {
        let Some(n) = self.shards.shard_of(key) else {
            return true;
        };
        let shard = self.has(Some(n), missing);
        self.has(self.shards.head_of(n), missing) && shard
    }

    /// Whether the first of what term `key` stands for is known: the head
    /// of a common word's postings is in, or a shard without one. Else the
    /// head, or that shard, is added to `missing`.
    fn has_first_of(&self, key: &str, missing: &mut Vec<usize>) -> bool {
        let Some(n) = self.shards.shard_of(key) else {
            return true;
        };
        self.has(Some(self.shards.head_of(n).unwrap_or(n)), missing)
    }

    /// The same for a close key.
    fn has_close_shard_of(&self, key: &str, missing: &mut Vec<usize>) -> bool {
        self.has(self.shards.close_shard_of(key), missing)
    }

    fn has(&self, shard: Option<usize>, missing: &mut Vec<usize>) -> bool {
        match shard {
            Some(n) if !self.loaded[n] => {
                missing.push(n);
                false
            }
            _ => true,
        }
    }

    /// The terms of the corpus one typo away from `term`, found through
    /// the close keys (whose shards must be in).
    fn close_to(&self, term: &str) -> Vec<String> {
        let mut found: Vec<String> = Vec::new();
        for key in std::iter::once(term.to_string()).chain(deletions(term)) {
            found.extend(self.close.get(&key).into_iter().flatten().cloned());
        }
        found.retain(|other| is_one_typo(term, other));
        found.sort();
        found.dedup();
        found
    }

    /// The essays of `lang` the query's terms allow, or None while a shard
    /// it needs is missing (added to `missing`). With `reach`
    /// [`Reach::AsTyped`], those with every term as typed alone, which need
    /// only the terms' own shards.
    fn candidates(
        &self,
        query: &Query,
        lang: Lang,
        reach: Reach,
        missing: &mut Vec<usize>,
    ) -> Option<Candidates> {
        let required: Vec<&String> = query
            .words
            .iter()
            .chain(query.phrases.iter().flatten())
            .collect();
        let forgiving: Vec<&String> = required
            .iter()
            .copied()
            .filter(|t| query.forgiving.contains(*t))
            .collect();
        // The terms' shards and, in the same round trip, the close keys'
        // of the words that forgive a typo: the word and its deletions (a
        // term is listed under itself too, so a deletion that is a word is
        // found there).
        let before = missing.len();
        for term in &required {
            if reach == Reach::First {
                self.has_first_of(term, missing);
            } else {
                self.has_shard_of(term, missing);
            }
        }
        if reach == Reach::Whole {
            for term in &forgiving {
                for key in std::iter::once(term.to_string()).chain(deletions(term)) {
                    self.has_close_shard_of(&key, missing);
                }
            }
        }
        if missing.len() > before {
            return None;
        }
        // Each term's essays, looked up once. A word that must be exact and
        // is nowhere ends the search before any word one typo away is
        // looked for.
        let as_typed: Vec<&[u32]> = required
            .iter()
            .map(|term| self.essays_with(term, lang))
            .collect();
        if reach != Reach::Whole {
            let mut exact = as_typed
                .iter()
                .map(|essays| essays.to_vec())
                .reduce(|previous, essays| intersect(&previous, &essays))
                .unwrap_or_default();
            // Of a common word whose head alone is in, the essays up to
            // where it reaches: the matches in the groups they cover whole
            // are the first of the answer, in blog order; those after wait.
            if let Some(until) = required
                .iter()
                .filter_map(|term| self.heads_only.get(*term))
                .min()
            {
                let covered = self.groups_reach.partition_point(|&last| last <= *until);
                exact.retain(|&e| self.essays[e as usize].group.is_some_and(|g| g < covered));
            }
            return Some(Candidates {
                either: exact.clone(),
                exact,
                close: Vec::new(),
            });
        }
        if required
            .iter()
            .zip(&as_typed)
            .any(|(term, essays)| essays.is_empty() && !query.forgiving.contains(*term))
        {
            return Some(Candidates::default());
        }
        let close_of: Vec<(&String, Vec<String>)> =
            forgiving.iter().map(|t| (*t, self.close_to(t))).collect();
        for (_, words) in &close_of {
            for word in words {
                self.has_shard_of(word, missing);
            }
        }
        if missing.len() > before {
            return None;
        }
        // Per required term, the essays (of this language) that have it as
        // typed, and those that have it or a word one typo away.
        let mut exact: Option<Vec<u32>> = None;
        let mut either: Option<Vec<u32>> = None;
        let mut close: Vec<String> = Vec::new();
        for (term, as_typed) in required.iter().zip(as_typed) {
            let mut with_close = as_typed.to_vec();
            if let Some((_, words)) = close_of.iter().find(|(t, _)| t == term) {
                for word in words {
                    let essays = self.essays_with(word, lang);
                    if !essays.is_empty() {
                        with_close = union(&with_close, essays);
                        close.push(word.clone());
                    }
                }
            }
            exact = Some(match exact {
                None => as_typed.to_vec(),
                Some(previous) => intersect(&previous, as_typed),
            });
            either = Some(match either {
                None => with_close,
                Some(previous) => intersect(&previous, &with_close),
            });
        }
        Some(Candidates {
            exact: exact.unwrap_or_default(),
            either: either.unwrap_or_default(),
            close,
        })
    }

    /// Every essay version that contains all the query's words and phrases
    /// (anywhere in its title and body), exact matches first, with
    /// snippets; those whose passages are not in yet are left out.
    pub fn search(&self, text: &str) -> Vec<SearchHit> {
        self.find(text)
            .unwrap_or_default()
            .iter()
            .filter_map(|m| self.hit(m, text))
            .collect()
    }

    /// The essay versions that match, exact matches first, each in corpus
    /// order, without snippets: cheap enough for every keystroke on
    /// thousands of essays. None while something it needs is not in
    /// ([`SearchIndex::needs`] says what).
    pub fn find(&self, text: &str) -> Option<Vec<SearchMatch>> {
        self.find_as_far_as(text, Reach::Whole)
    }

    /// What can be shown of `text`'s answer now, and how much of it that
    /// is: every match once all it needs is in ([`SearchIndex::find`]);
    /// before, as soon as the words' own shards are, the matches with
    /// every word as typed. Those rank before any found one typo away, so
    /// the matches that follow (a round trip later: the close words'
    /// shards) only add to what is shown. Before that, as soon as the
    /// heads of its common words' postings are in, the first of those in
    /// blog order: the matches in the translation groups every head covers
    /// whole (the rest follow them in the results' order). None before
    /// that.
    pub fn find_so_far(&self, text: &str) -> Option<(Vec<SearchMatch>, SoFar)> {
        if let Some(found) = self.find(text) {
            return Some((found, SoFar::All));
        }
        if let Some(found) = self.find_as_far_as(text, Reach::AsTyped) {
            return Some((found, SoFar::AsTyped));
        }
        Some((self.find_as_far_as(text, Reach::First)?, SoFar::First))
    }

    fn find_as_far_as(&self, text: &str, reach: Reach) -> Option<Vec<SearchMatch>> {
        let mut found = Vec::new();
        for lang in [Lang::Fr, Lang::En] {
            let query = Query::for_lang(text, lang);
            if query.is_empty() {
                continue;
            }
            found.extend(self.find_in(&query, lang, reach)?);
        }
        found.sort_by_key(|m| (!m.is_exact(), m.essay));
        Some(found)
    }

    /// What the results show of `found` (each match with its translation
    /// group's place, [`SearchMatch::group_place`]): how many are in the
    /// groups at places `kept` (ascending: those the filters keep), and the
    /// first `shown` of those in the results' order: exact matches first,
    /// then those found one typo away; each in blog order, the reading
    /// language's version first. Only the page shown is put in order: a
    /// common word matches tens of thousands of versions, and sorting them
    /// all was a good part of a keystroke.
    pub fn results_page<'m>(
        &self,
        found: &'m [(usize, SearchMatch)],
        kept: &[usize],
        lang: Lang,
        shown: usize,
    ) -> (usize, Vec<&'m SearchMatch>) {
        let keep = marked_places(kept.iter().copied());
        // A group has one version a language: no two matches rank equal.
        let rank =
            |(place, m): &(usize, SearchMatch)| (!m.is_exact(), *place, m.lang(self) != lang);
        // The best `shown` so far, the worst of them on top: a match that
        // does not rank above it is passed over with one comparison, which
        // is nearly every match, as they come nearly in order (selecting
        // the page among all the matches moved them about, and was most of
        // what a keystroke spent in this function).
        let mut best: BinaryHeap<((bool, usize, bool), usize)> =
            BinaryHeap::with_capacity(shown + 1);
        let mut count = 0;
        for (n, found) in found.iter().enumerate() {
            if !keep.get(found.0).copied().unwrap_or(false) {
                continue;
            }
            count += 1;
            if shown == 0 {
                continue;
            }
            let rank = rank(found);
            if best.len() < shown {
                best.push((rank, n));
            } else if best.peek().is_some_and(|worst| rank < worst.0) {
                best.pop();
                best.push((rank, n));
            }
        }
        let page = best
            .into_sorted_vec()
            .into_iter()
            .map(|(_, n)| &found[n].1)
            .collect();
        (count, page)
    }

    /// The essays (of `lang`) whose text has `term`, ascending.
    fn essays_with(&self, term: &str, lang: Lang) -> &[u32] {
        self.essays_of
            .get(term)
            .map_or(&[], |essays| &essays[lang_slot(lang)])
    }

    /// None while a shard it needs, or the text a phrase is checked in,
    /// is not in.
    fn find_in(&self, query: &Query, lang: Lang, reach: Reach) -> Option<Vec<SearchMatch>> {
        // A phrase is checked in the text of every candidate: not before
        // they are all known.
        if reach == Reach::First && !query.phrases.is_empty() {
            return None;
        }
        let Candidates {
            exact,
            either,
            close,
        } = self.candidates(query, lang, reach, &mut Vec::new())?;
        if !query.phrases.is_empty()
            && either
                .iter()
                .any(|&e| self.essays[e as usize].passages.is_none())
        {
            return None;
        }
        // `either` is ascending: each close word's postings are read front
        // to back once, however many essays match (a common word's are tens
        // of thousands; looking each essay up in them was most of a
        // keystroke). The passages are not looked for here: only the page
        // of hits shown needs them (`hit`).
        let mut each_close: Vec<(&String, Walk)> = close
            .iter()
            .map(|c| (c, Walk::new(self, std::slice::from_ref(c), lang)))
            .collect();
        // `exact` is part of `either`, ascending too: read alongside it.
        let mut exact = exact.into_iter().peekable();
        let matches = either
            .into_iter()
            .filter_map(|essay| {
                let is_exact = exact.next_if_eq(&essay).is_some();
                // The words one typo away this essay has (a walk may skip
                // essays: it gallops on from where it was).
                let close_here: Vec<String> = if is_exact {
                    Vec::new()
                } else {
                    each_close
                        .iter_mut()
                        .filter_map(|(c, walk)| walk.has(essay).then(|| (*c).clone()))
                        .collect()
                };
                let phrases_found = query.phrases.iter().all(|phrase| {
                    self.tokens(essay as usize).is_some_and(|tokens| {
                        tokens.iter().any(|t| has_phrase(t, phrase).is_some())
                    })
                });
                phrases_found.then_some(SearchMatch {
                    close: close_here,
                    essay: essay as usize,
                })
            })
            .collect();
        Some(matches)
    }

    /// The passages of `essay` that hold any of `terms`, in order (asked
    /// for the page of hits shown, a few essays, once their bodies are in).
    fn passages_with(&self, essay: u32, terms: &[String]) -> Vec<u32> {
        self.tokens(essay as usize)
            .into_iter()
            .flatten()
            .enumerate()
            .filter(|(_, tokens)| tokens.iter().any(|t| terms.contains(&t.term)))
            .map(|(p, _)| p as u32)
            .collect()
    }

    /// A passage's text: the title is known from the corpus, the rest once
    /// the body is in.
    fn passage(&self, essay: usize, passage: u32) -> Option<&str> {
        let essay = &self.essays[essay];
        match &essay.passages {
            Some(passages) => passages.get(passage as usize).map(String::as_str),
            None => (passage == 0).then_some(essay.title.as_str()),
        }
    }

    /// Each passage of `essay` tokenised (None until its body is in):
    /// once, the first time a hit or a phrase asks, as each keystroke
    /// redraws the page of hits.
    fn tokens(&self, essay: usize) -> Option<&[Vec<Token>]> {
        let essay = &self.essays[essay];
        let passages = essay.passages.as_ref()?;
        Some(essay.tokens.get_or_init(|| {
            passages
                .iter()
                .map(|text| tokenize(text, essay.lang))
                .collect()
        }))
    }

    /// The hit for a match: the passage with the most of the query in it
    /// (phrases count double), earliest first, and its snippet. None until
    /// the essay's passages are in ([`SearchIndex::passages_for`]); what
    /// faces it, once its translation's are ([`SearchIndex::counterparts_for`]).
    pub fn hit(&self, found: &SearchMatch, text: &str) -> Option<SearchHit> {
        let essay = &self.essays[found.essay];
        essay.passages.as_ref()?;
        let mut query = Query::for_lang(text, essay.lang);
        // Found one typo away: the words taken for the query's are shown.
        query.words.extend(found.close.iter().cloned());
        // The passages that hold a word of the query (or the essay's word
        // one typo away from it); a query of phrases alone, those that hold
        // their words.
        let mut held = self.passages_with(found.essay as u32, &query.words);
        if held.is_empty() {
            held = self.passages_with(found.essay as u32, &query.phrases.concat());
        }
        let passages: Vec<Passage> = held
            .iter()
            .filter_map(|&p| {
                Some(Passage {
                    block: (p > 0).then_some(p as usize),
                    text: self.passage(found.essay, p)?,
                    tokens: self.tokens(found.essay)?.get(p as usize)?,
                })
            })
            .collect();
        let score = |p: &Passage| {
            let words = query
                .words
                .iter()
                .filter(|w| p.tokens.iter().any(|t| &t.term == *w))
                .count();
            let phrases = query
                .phrases
                .iter()
                .filter(|ph| has_phrase(p.tokens, ph).is_some())
                .count();
            words + 2 * phrases
        };
        let best = passages
            .iter()
            .enumerate()
            .max_by_key(|(i, p)| (score(p), std::cmp::Reverse(*i)));
        let (block, snippet) = match best {
            Some((_, passage)) => (passage.block, snippet(passage, &query)),
            None => (
                None,
                vec![SnippetPart {
                    text: essay.title.clone(),
                    highlighted: false,
                }],
            ),
        };
        Some(SearchHit {
            slug: essay.slug.clone(),
            lang: essay.lang,
            translation_key: essay.translation_key.clone(),
            block,
            snippet,
            counterpart: self.counterpart(found.essay, block),
        })
    }

    /// What faces passage `block` (None: the title) of essay `essay` in its
    /// translation, if the build aligned the pair and something faces it.
    fn counterpart(&self, essay: usize, block: Option<usize>) -> Option<Counterpart> {
        let own = &self.essays[essay];
        let other_place = own.translation?;
        let other = &self.essays[other_place];
        let facing = match block {
            None => None,
            Some(b) => Some(*own.counterparts.get(b - 1)? as usize).filter(|&f| f > 0),
        };
        if block.is_some() && facing.is_none() {
            return None;
        }
        let text = self.passage(other_place, facing.unwrap_or(0) as u32)?;
        Some(Counterpart {
            slug: other.slug.clone(),
            lang: other.lang,
            block: facing,
            text: opening(text, 2 * SNIPPET_CONTEXT),
        })
    }

    /// Fetches what `text` needs with `fetch` (an address → the file's
    /// text) until it needs nothing, and the passages of every hit: what
    /// the app does over the network, for native callers (the tests).
    pub fn prepare(
        &mut self,
        text: &str,
        mut fetch: impl FnMut(&str) -> Result<String, CorpusLoadError>,
    ) -> Result<(), CorpusLoadError> {
        loop {
            let mut needs = self.needs(text);
            if needs.is_empty() {
                let found = self.find(text).unwrap_or_default();
                needs.passages = self.passages_for(&found);
                needs.passages.extend(self.counterparts_for(&found));
                if needs.passages.is_empty() {
                    return Ok(());
                }
            }
            for n in needs.shards {
                let shard = Shard::from_json(&fetch(&self.shard_url(n))?)?;
                self.add_shard(n, shard);
            }
            for n in needs.passages {
                let body = EssayBody::from_json(&fetch(self.body_url(n))?)?;
                self.add_passages(n, &body);
            }
        }
    }
}

/// Whether `other` is one typo away from `term`, as [`one_typo_away`]
/// has it, without generating every such word: a letter left out, two
/// letters swapped, or a letter changed or put in (one of a–z or a digit).
pub fn is_one_typo(term: &str, other: &str) -> bool {
    let typed = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit();
    if other.is_empty() || term == other {
        return false;
    }
    let a: Vec<char> = term.chars().collect();
    let b: Vec<char> = other.chars().collect();
    // Up to the first letter that differs, the two are the same.
    let same = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    if b.len() + 1 == a.len() {
        a[same + 1..] == b[same..]
    } else if b.len() == a.len() + 1 {
        typed(b[same]) && a[same..] == b[same + 1..]
    } else if a.len() == b.len() {
        let changed = typed(b[same]) && a[same + 1..] == b[same + 1..];
        let swapped = same + 1 < a.len()
            && a[same] == b[same + 1]
            && a[same + 1] == b[same]
            && a[same + 2..] == b[same + 2..];
        changed || swapped
    } else {
        false
    }
}

/// The first `max` bytes of `text` or so, cut after a word, with "…" if cut.
fn opening(text: &str, max: usize) -> String {
    if text.len() <= max {
        return text.to_string();
    }
    let cut = floor_char_boundary(text, max);
    let cut = text[..cut].rfind(' ').unwrap_or(cut);
    format!("{}…", text[..cut].trim_end())
}

/// Every word one typo away from `term`: a letter left out, doubled or
/// changed, or two letters swapped; a letter put in or changed is one of
/// a–z or a digit (what the search folds text to, accents and case
/// aside). Generated and looked up (a few hundred lookups) rather than
/// compared with every word of the index, which grows with the corpus.
pub fn one_typo_away(term: &str) -> Vec<String> {
    let mut out = Vec::new();
    each_typo_away(term, |v| out.push(v.to_string()));
    out.sort();
    out.dedup();
    out
}

/// Calls `found` with every word one typo away from `term` (see
/// [`one_typo_away`]; some more than once), each built in one reused
/// buffer: a keystroke looks up several hundred of them and allocates none.
fn each_typo_away(term: &str, mut found: impl FnMut(&str)) {
    const LETTERS: &str = "abcdefghijklmnopqrstuvwxyz0123456789";
    let chars: Vec<char> = term.chars().collect();
    let n = chars.len();
    let mut word = String::with_capacity(term.len() + 4);
    let mut emit = |parts: &[&[char]], middle: Option<char>, word: &mut String| {
        word.clear();
        word.extend(parts[0]);
        word.extend(middle);
        for part in &parts[1..] {
            word.extend(*part);
        }
        if !word.is_empty() && word != term {
            found(word.as_str());
        }
    };
    for i in 0..n {
        // Left out.
        emit(&[&chars[..i], &chars[i + 1..]], None, &mut word);
        // Swapped with the next.
        if i + 1 < n && chars[i] != chars[i + 1] {
            emit(
                &[&chars[..i], &[chars[i + 1], chars[i]], &chars[i + 2..]],
                None,
                &mut word,
            );
        }
        // Changed.
        for letter in LETTERS.chars().filter(|&c| c != chars[i]) {
            emit(&[&chars[..i], &chars[i + 1..]], Some(letter), &mut word);
        }
    }
    // Put in.
    for i in 0..=n {
        for letter in LETTERS.chars() {
            emit(&[&chars[..i], &chars[i..]], Some(letter), &mut word);
        }
    }
}

/// The values in either sorted list, once.
fn union(a: &[u32], b: &[u32]) -> Vec<u32> {
    // Merged in one pass rather than sorted together: both are sorted
    // already, and a common word's lists are tens of thousands long.
    let (mut i, mut j, mut out) = (0, 0, Vec::with_capacity(a.len().max(b.len())));
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => {
                out.push(a[i]);
                i += 1;
            }
            std::cmp::Ordering::Greater => {
                out.push(b[j]);
                j += 1;
            }
            std::cmp::Ordering::Equal => {
                out.push(a[i]);
                i += 1;
                j += 1;
            }
        }
    }
    out.extend_from_slice(&a[i..]);
    out.extend_from_slice(&b[j..]);
    out
}

/// The values in both sorted lists.
fn intersect(a: &[u32], b: &[u32]) -> Vec<u32> {
    let (mut i, mut j, mut out) = (0, 0, Vec::new());
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                out.push(a[i]);
                i += 1;
                j += 1;
            }
        }
    }
    out
}

/// The text of a block as the search reads it (and the snippets show it).
pub fn block_text(block: &Block) -> String {
    match block {
        Block::Paragraph(inlines) | Block::Heading(_, inlines) => inline_text(inlines),
        Block::Quote(blocks) => blocks.iter().map(block_text).collect::<Vec<_>>().join(" "),
        Block::List { items, .. } => items
            .iter()
            .flatten()
            .map(block_text)
            .collect::<Vec<_>>()
            .join(" "),
        Block::Code(code) => code.clone(),
        Block::Rule => String::new(),
    }
}

fn has_phrase(tokens: &[Token], phrase: &[String]) -> Option<usize> {
    tokens
        .windows(phrase.len())
        .position(|w| w.iter().zip(phrase).all(|(t, p)| &t.term == p))
}

const SNIPPET_CONTEXT: usize = 90;

/// The passage around its first match, matched words highlighted.
fn snippet(passage: &Passage, query: &Query) -> Vec<SnippetPart> {
    let mut marked: Vec<(usize, usize)> = Vec::new();
    for (i, token) in passage.tokens.iter().enumerate() {
        if query.words.contains(&token.term) {
            marked.push((token.start, token.end));
        }
        for phrase in &query.phrases {
            let window = passage.tokens.get(i..i + phrase.len());
            if window.is_some_and(|w| w.iter().zip(phrase).all(|(t, p)| &t.term == p)) {
                let last = &passage.tokens[i + phrase.len() - 1];
                marked.push((token.start, last.end));
            }
        }
    }
    marked.sort();
    let text = passage.text;
    let first = marked.first().map_or(0, |m| m.0);
    let from = floor_char_boundary(text, first.saturating_sub(SNIPPET_CONTEXT));
    let to = floor_char_boundary(text, (first + 2 * SNIPPET_CONTEXT).min(text.len()));
    let to = if to < text.len() {
        text[..to].rfind(' ').filter(|&s| s > first).unwrap_or(to)
    } else {
        to
    };
    let from = if from > 0 {
        text[from..]
            .find(' ')
            .map_or(from, |s| from + s + 1)
            .min(first)
    } else {
        0
    };
    let mut parts = Vec::new();
    if from > 0 {
        parts.push(SnippetPart {
            text: "…".into(),
            highlighted: false,
        });
    }
    let mut at = from;
    for (start, end) in marked.into_iter().filter(|(s, e)| *s >= from && *e <= to) {
        if start < at {
            continue;
        }
        if start > at {
            parts.push(SnippetPart {
                text: contained(text[at..start].to_string()),
                highlighted: false,
            });
        }
        parts.push(SnippetPart {
            text: contained(text[start..end].to_string()),
            highlighted: true,
        });
        at = end;
    }
    if at < to {
        parts.push(SnippetPart {
            text: contained(text[at..to].to_string()),
            highlighted: false,
        });
    }
    if to < text.len() {
        parts.push(SnippetPart {
            text: "…".into(),
            highlighted: false,
        });
    }
    // Each part is a piece of a passage: a control opened before its cut
    // is closed within it.
    parts
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn essays_are_found_by_position_the_first_listed_for_a_shared_one() {
        // In the essays' order: positions out of order, one shared.
        let by = ByPosition::new([(7, 0), (3, 1), (7, 2), (0, 3)]);
        assert_eq!(by.get(7), Some(0));
        assert_eq!(by.get(3), Some(1));
        assert_eq!(by.get(0), Some(3));
        assert_eq!(by.get(1), None);
        assert_eq!(by.get(u32::MAX), None);
        assert_eq!(ByPosition::default().get(0), None);
    }

    proptest::proptest! {
        /// A walk through ascending essays finds, for each, what looking
        /// the essay up in every term's essays finds.
        #[test]
        fn a_walk_finds_what_a_lookup_finds(
            lists in proptest::collection::vec(
                proptest::collection::btree_set(0u32..60, 0..60),
                0..4,
            ),
            asked in proptest::collection::btree_set(0u32..64, 0..64),
        ) {
            let terms: Vec<String> = (0..lists.len()).map(|n| format!("t{n}")).collect();
            let mut index = SearchIndex::default();
            for (term, list) in terms.iter().zip(&lists) {
                let english: Vec<u32> = list.iter().copied().collect();
                index.essays_of.insert(term.clone(), [Vec::new(), english]);
            }
            // A term with no essays is skipped by both.
            let mut asked_terms = terms.clone();
            asked_terms.push("nowhere".into());
            let mut every = Walk::new(&index, &asked_terms, Lang::En);
            let mut skipping = Walk::new(&index, &asked_terms, Lang::En);
            for (k, &essay) in asked.iter().enumerate() {
                let looked_up = lists.iter().any(|list| list.contains(&essay));
                proptest::prop_assert_eq!(every.has(essay), looked_up);
                // One walk is asked of every other essay only: it gallops
                // over those it skips.
                if k % 2 == 0 {
                    proptest::prop_assert_eq!(skipping.has(essay), looked_up);
                }
            }
        }
    }

    proptest::proptest! {
        /// Each term's essays of a language, listed as its shard arrives,
        /// are those its postings name, in essay order, once.
        #[test]
        fn a_terms_essays_are_those_its_postings_name_by_language(
            french in proptest::collection::vec(proptest::bool::ANY, 1..30),
            terms in proptest::collection::vec(
                proptest::collection::btree_set(0u32..40, 0..30),
                1..5,
            ),
            union_of in proptest::collection::vec(
                proptest::collection::btree_set(0u32..200, 0..60),
                2,
            ),
        ) {
            let count = french.len() as u32;
            let mut index = SearchIndex {
                loaded: vec![false],
                by_position: ByPosition::new((0..count).map(|n| (count - 1 - n, n))),
                ..SearchIndex::default()
            };
            // Positions run against the essays' order, so that the lists
            // are put in essay order after they are read.
            for (n, &fr) in french.iter().enumerate() {
                index.essays.push(EssayIndex {
                    slug: format!("e{n}"),
                    lang: if fr { Lang::Fr } else { Lang::En },
                    translation_key: format!("e{n}"),
                    body_url: String::new(),
                    title: String::new(),
                    passages: None,
                    tokens: OnceLock::new(),
                    counterparts: Vec::new(),
                    translation: None,
                    group: None,
                });
            }
            let shard = Shard {
                version: 1,
                terms: terms
                    .iter()
                    .enumerate()
                    .map(|(t, positions)| {
                        // Positions past the corpus's (rejected) included.
                        let mut flat = Vec::new();
                        let mut previous = 0;
                        for &position in positions {
                            flat.push(position - previous);
                            previous = position;
                        }
                        (format!("t{t}"), flat)
                    })
                    .collect(),
                close: Vec::new(),
                until: None,
            };
            index.add_shard(0, shard);
            for (t, positions) in terms.iter().enumerate() {
                let term = format!("t{t}");
                for lang in Lang::ALL {
                    let mut named: Vec<u32> = positions
                        .iter()
                        .filter(|&&position| position < count)
                        .map(|&position| count - 1 - position)
                        .filter(|&e| index.essays[e as usize].lang == lang)
                        .collect();
                    named.sort_unstable();
                    proptest::prop_assert_eq!(index.essays_with(&term, lang), &named[..]);
                }
            }
            proptest::prop_assert!(index.essays_with("nowhere", Lang::Fr).is_empty());
            // The union of two sorted lists, merged, is what sorting both
            // together gives.
            let (a, b): (Vec<u32>, Vec<u32>) = (union_of[0].iter().copied().collect(), union_of[1].iter().copied().collect());
            let mut sorted: Vec<u32> = a.iter().chain(&b).copied().collect();
            sorted.sort_unstable();
            sorted.dedup();
            proptest::prop_assert_eq!(union(&a, &b), sorted);
        }
    }

    #[test]
    fn normalisation_folds_case_accents_and_ligatures() {
        assert_eq!(normalize_word("Économie"), "economie");
        assert_eq!(normalize_word("RÉELLE"), "reelle");
        assert_eq!(normalize_word("œuvre"), "oeuvre");
    }

    #[test]
    fn what_pasted_text_hides_in_words_does_not_hide_them_from_search() {
        use unicode_normalization::UnicodeNormalization;
        let terms = |text: &str| -> Vec<String> {
            tokenize(text, Lang::Fr)
                .into_iter()
                .map(|t| t.term)
                .collect()
        };
        let plain = terms("été motclé fin essai 2024");
        for pasted in [
            "e\u{301}te\u{301} mot\u{200B}cle\u{301} ﬁn ｅｓｓａｉ ２０２４",
            "\u{202E}été\u{202C} mot\u{200D}clé\u{2069} f\u{AD}in es\u{2060}sai 2024\u{FEFF}",
        ] {
            assert_eq!(terms(pasted), plain, "{pasted:?}");
        }
        // The hand-written folding agrees with Unicode's compatibility
        // decomposition (the unicode-normalization crate) on every
        // full-width form and Latin ligature.
        for ch in ('\u{FF01}'..='\u{FF5E}').chain('\u{FB00}'..='\u{FB06}') {
            let nfkd: String = ch.to_string().nfkd().collect();
            assert_eq!(
                normalize_word(&ch.to_string()),
                normalize_word(&nfkd),
                "{ch}"
            );
        }
        // And on every accented letter of French, decomposed.
        for ch in "àâäçéèêëîïôöùûüÿœæÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŸŒÆ".chars()
        {
            let nfd: String = ch.to_string().nfd().collect();
            assert_eq!(
                normalize_word(&nfd),
                normalize_word(&ch.to_string()),
                "{ch}"
            );
        }
    }

    #[test]
    fn an_essay_marks_the_words_the_search_found() {
        let text = "L’économie réelle, les économies et « la bulle ».";
        let found: Vec<&str> = found_ranges(text, "economie \"la bulle\"", Lang::Fr)
            .into_iter()
            .map(|r| &text[r])
            .collect();
        assert_eq!(found, ["économie", "économies", "la", "bulle"]);
        assert!(found_ranges(text, "  ", Lang::Fr).is_empty());
    }

    #[test]
    fn apostrophes_of_both_kinds_separate_words() {
        let terms = |t: &str| {
            tokenize(t, Lang::Fr)
                .into_iter()
                .map(|t| t.term)
                .collect::<Vec<_>>()
        };
        assert_eq!(terms("l’entreprise"), terms("l'entreprise"));
        assert_eq!(terms("l’entreprise"), vec!["l", "entreprise"]);
    }

    #[test]
    fn a_stem_stems_to_itself() {
        for lang in [Lang::Fr, Lang::En] {
            for word in [
                "business",
                "stress",
                "journaux",
                "economies",
                "entreprises",
                "prix",
                "classes",
                "analysis",
                "status",
                "glasses",
                "churches",
                "boxes",
                "bus",
                "organizations",
            ] {
                let once = stem(word.to_string(), lang);
                assert_eq!(stem(once.clone(), lang), once, "{word} in {lang:?}");
            }
        }
        assert_eq!(stem("business".into(), Lang::Fr), "business");
    }

    #[test]
    fn plurals_fold_to_the_singular() {
        assert_eq!(stem("organizations".into(), Lang::En), "organization");
        assert_eq!(stem("economies".into(), Lang::En), "economy");
        assert_eq!(stem("business".into(), Lang::En), "business");
        assert_eq!(stem("entreprises".into(), Lang::Fr), "entreprise");
        assert_eq!(stem("journaux".into(), Lang::Fr), "journal");
        assert_eq!(
            stem("prix".into(), Lang::Fr),
            "prix",
            "short words are left alone"
        );
    }

    #[test]
    fn queries_split_into_words_and_phrases() {
        let q = Query::for_lang("Economie “réelle bulle” rotules", Lang::Fr);
        assert_eq!(q.words, vec!["economie", "rotule"]);
        assert_eq!(
            q.phrases,
            vec![vec!["reelle".to_string(), "bulle".to_string()]]
        );
        assert!(Query::for_lang("  ,, ", Lang::En).is_empty());
    }

    /// Optimal string alignment distance (Damerau–Levenshtein without
    /// edits of edited letters), the slow way.
    fn distance(a: &str, b: &str) -> usize {
        let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
        let mut d = vec![vec![0; b.len() + 1]; a.len() + 1];
        for (i, row) in d.iter_mut().enumerate() {
            row[0] = i;
        }
        d[0] = (0..=b.len()).collect();
        for i in 1..=a.len() {
            for j in 1..=b.len() {
                let cost = usize::from(a[i - 1] != b[j - 1]);
                d[i][j] = (d[i - 1][j] + 1)
                    .min(d[i][j - 1] + 1)
                    .min(d[i - 1][j - 1] + cost);
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                    d[i][j] = d[i][j].min(d[i - 2][j - 2] + 1);
                }
            }
        }
        d[a.len()][b.len()]
    }

    #[test]
    fn one_typo_away_is_every_word_at_one_edit() {
        for term in ["economie", "keynes", "aab", "r2d2"] {
            let variants = one_typo_away(term);
            assert!(variants.iter().all(|v| distance(term, v) == 1), "{term}");
            let n = term.chars().count();
            // Each kind of typo, at every place.
            for i in 0..n {
                let mut left_out: Vec<char> = term.chars().collect();
                left_out.remove(i);
                let mut changed: Vec<char> = term.chars().collect();
                changed[i] = if changed[i] == 'z' { 'y' } else { 'z' };
                for v in [left_out, changed] {
                    let v: String = v.into_iter().collect();
                    assert!(variants.binary_search(&v).is_ok(), "{term} → {v}");
                }
            }
            for i in 0..=n {
                let mut put_in: Vec<char> = term.chars().collect();
                put_in.insert(i, '7');
                let v: String = put_in.into_iter().collect();
                assert!(variants.binary_search(&v).is_ok(), "{term} → {v}");
            }
        }
        let variants = one_typo_away("economie");
        for swapped in ["ceonomie", "ecnoomie", "economei"] {
            assert!(
                variants.binary_search(&swapped.to_string()).is_ok(),
                "{swapped}"
            );
        }
        for two_away in ["ecnomei", "economy", "economiess", "conomi"] {
            assert!(
                variants.binary_search(&two_away.to_string()).is_err(),
                "{two_away}"
            );
        }
    }

    #[test]
    fn is_one_typo_agrees_with_every_word_one_typo_away() {
        for term in ["economie", "keynes", "aab", "r2d2", "éte", "abba"] {
            let variants = one_typo_away(term);
            for v in &variants {
                assert!(is_one_typo(term, v), "{term} → {v}");
            }
            // Words one typo away from those: some are one typo from the
            // term, most are not; each is told apart as the list has it.
            for v in variants.iter().step_by(7) {
                for w in one_typo_away(v) {
                    assert_eq!(
                        is_one_typo(term, &w),
                        variants.binary_search(&w).is_ok(),
                        "{term} → {w}"
                    );
                }
            }
        }
        // A letter changed or put in must be one the search folds text to.
        assert!(!is_one_typo("keynes", "keynés"));
        assert!(is_one_typo("keynés", "keynes"));
        assert!(!is_one_typo("keynes", "keynes"));
        assert!(!is_one_typo("ab", ""));
    }

    #[test]
    fn only_words_of_five_letters_or_more_forgive_a_typo() {
        let q = Query::for_lang("prix économies \"la bulle\" idées", Lang::Fr);
        assert_eq!(
            q.forgiving,
            vec!["economie", "idee"],
            "économies and idées have five letters or more"
        );
        let q = Query::for_lang("cases case", Lang::En);
        assert_eq!(q.forgiving, vec!["case"], "as typed: cases");
        let long = "a".repeat(FORGIVEN_UP_TO + 1);
        let q = Query::for_lang(&format!("{long} anticonstitutionnellement"), Lang::Fr);
        assert_eq!(
            q.forgiving,
            vec!["anticonstitutionnellement"],
            "past 32 letters, exact"
        );
    }

    #[test]
    fn snippets_highlight_matches_and_cut_around_them() {
        let passage = Passage {
            block: Some(3),
            text: "La crise de l’économie réelle est là.",
            tokens: &tokenize("La crise de l’économie réelle est là.", Lang::Fr),
        };
        let parts = snippet(&passage, &Query::for_lang("economie reelle", Lang::Fr));
        let marked: Vec<&str> = parts
            .iter()
            .filter(|p| p.highlighted)
            .map(|p| p.text.as_str())
            .collect();
        assert_eq!(marked, vec!["économie", "réelle"]);
        let joined: String = parts.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(joined, passage.text);
    }
}
