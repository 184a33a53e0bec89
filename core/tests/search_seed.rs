//! Search on the real corpus: the phrases readers remember.

use essais_core::search::{SearchHit, SearchIndex, SearchMatch, SoFar};
use essais_core::search_shards::ShardList;
use essais_core::search_shards::{Shard, Sizes};
use essais_core::EssayBody;
use essais_core::{content, CorpusLoadError, Lang};
use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::OnceLock;

/// The real corpus, built once, with its files by address.
fn built() -> &'static (content::BuiltCorpus, HashMap<String, String>) {
    static BUILT: OnceLock<(content::BuiltCorpus, HashMap<String, String>)> = OnceLock::new();
    BUILT.get_or_init(|| {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../content");
        let built = content::load(&dir).unwrap_or_else(|e| panic!("{e:?}"));
        let files = built.files.iter().cloned().collect();
        (built, files)
    })
}

/// The real corpus's search files cut at `sizes`: the shard list's
/// address and every file by address.
fn cut_at(sizes: Sizes) -> (String, HashMap<String, String>) {
    let mut built = built().0.clone();
    built.cut_search(sizes);
    let files = built.files.iter().cloned().collect();
    (built.corpus.search_url, files)
}

/// The real corpus's search files cut finer, so that its common words'
/// postings have heads (at the tool's sizes, five essays have none): a
/// word of four letters or more in two essays or more fills a shard
/// alone, its head the first two.
fn finely_cut() -> &'static (String, HashMap<String, String>) {
    static FINE: OnceLock<(String, HashMap<String, String>)> = OnceLock::new();
    FINE.get_or_init(|| cut_at(Sizes { shard: 18, head: 6 }))
}

/// The real corpus's search files in several term shards, none with a
/// head, as a larger corpus's rarer words are (at the tool's sizes, the
/// five essays' terms fill two shards).
fn in_shards() -> &'static (String, HashMap<String, String>) {
    static SHARDS: OnceLock<(String, HashMap<String, String>)> = OnceLock::new();
    SHARDS.get_or_init(|| {
        cut_at(Sizes {
            shard: 4 * 1024,
            head: usize::MAX,
        })
    })
}

/// An index with nothing in it but the shard list, as the app starts.
fn empty_index() -> SearchIndex {
    let (built, files) = built();
    index_from(&built.corpus.search_url, files)
}

fn index_from(list: &str, files: &HashMap<String, String>) -> SearchIndex {
    let list = ShardList::from_json(&files[list]).unwrap();
    SearchIndex::new(&built().0.corpus, list)
}

/// The index with what `query` needs fetched from the written files, as
/// the app fetches them; and the addresses fetched.
fn index_fetching(query: &str) -> (SearchIndex, Vec<String>) {
    let files = &built().1;
    let mut index = empty_index();
    let fetched = RefCell::new(Vec::new());
    index
        .prepare(query, |url| {
            fetched.borrow_mut().push(url.to_string());
            files
                .get(url)
                .cloned()
                .ok_or(CorpusLoadError::Http { status: 404 })
        })
        .unwrap();
    (index, fetched.into_inner())
}

fn index_for(query: &str) -> SearchIndex {
    index_fetching(query).0
}

fn search(query: &str) -> Vec<SearchHit> {
    index_for(query).search(query)
}

fn found(query: &str) -> Vec<String> {
    search(query).into_iter().map(|h| h.slug).collect()
}

/// Words of the real essays (every fifth), a letter of each changed, left
/// out or doubled, pairs of them, and phrases.
fn tried_queries() -> Vec<String> {
    let (built, _) = built();
    let mut words: Vec<String> = built
        .search
        .essays
        .iter()
        .flat_map(|e| e.passages.iter())
        .flat_map(|p| {
            p.split(|c: char| !c.is_alphanumeric())
                .map(str::to_lowercase)
        })
        .filter(|w| w.chars().count() >= 2)
        .collect::<HashSet<_>>()
        .into_iter()
        .collect();
    words.sort();
    let mut queries: Vec<String> = Vec::new();
    for (i, word) in words.iter().enumerate().filter(|(i, _)| i % 5 == 0) {
        let chars: Vec<char> = word.chars().collect();
        let mut changed = chars.clone();
        changed[chars.len() / 2] = 'q';
        let mut left_out = chars.clone();
        left_out.remove(0);
        let doubled: String = chars.iter().chain(chars.last()).collect();
        let next = &words[(i + 7) % words.len()];
        queries.extend([
            word.clone(),
            changed.into_iter().collect(),
            left_out.into_iter().collect(),
            doubled,
            format!("{word} {next}"),
            format!("\"{word} {next}\""),
        ]);
    }
    queries.extend(
        [
            "\"real economy\"",
            "economie \"la bulle\"",
            "contract",
            "Kenyes",
        ]
        .map(String::from),
    );
    queries
}

#[test]
fn a_query_fetches_only_the_shards_it_needs_and_finds_what_every_shard_would() {
    let (built, files) = built();
    let list = ShardList::from_json(&files[&built.corpus.search_url]).unwrap();
    assert!(
        list.shards.len() >= 2 && list.close.len() >= 4,
        "the seed is split: {list:?}"
    );
    // Every shard in, and every body: what a search over everything finds.
    let mut everything = empty_index();
    for n in (0..list.len()).filter(|&n| !list.url(n).is_empty()) {
        everything.add_shard(
            n,
            essais_core::search_shards::Shard::from_json(&files[&list.url(n)]).unwrap(),
        );
    }
    for (n, essay) in built.corpus.essays.iter().enumerate() {
        everything.add_passages(
            n,
            &essais_core::EssayBody::from_json(&files[&essay.body_url]).unwrap(),
        );
    }
    let queries = tried_queries();
    // Nothing is found before what the query needs is in: not "no match".
    assert_eq!(empty_index().find("stopcock"), None);
    assert_eq!(
        empty_index().find("\"real economy\"").map(|f| f.len()),
        None
    );
    assert_eq!(
        index_for("stopcock").find("stopcock").map(|f| f.len()),
        Some(1)
    );
    let mut shards_fetched = 0;
    for query in &queries {
        let (index, fetched) = index_fetching(query);
        let slugs = |hits: Vec<SearchHit>| -> Vec<(String, Option<usize>)> {
            hits.into_iter().map(|h| (h.slug, h.block)).collect()
        };
        assert_eq!(
            slugs(index.search(query)),
            slugs(everything.search(query)),
            "{query:?}"
        );
        shards_fetched += fetched
            .iter()
            .filter(|u| u.contains("_search.") && u != &&built.corpus.search_url)
            .count();
    }
    // On average a query needs a few shards, not all of them.
    let mean = shards_fetched as f64 / queries.len() as f64;
    assert!(
        mean < list.len() as f64 / 2.0,
        "{mean:.1} of {} shards a query",
        list.len()
    );
}

/// Each round trip's answer to `query`, as the app fetches (what it needs,
/// then what that says it needs next), and the whole answer; the first
/// round's places.
type Rounds = (
    Vec<Option<(Vec<SearchMatch>, SoFar)>>,
    Vec<SearchMatch>,
    Vec<usize>,
);

fn round_by_round(query: &str, list: &str, files: &HashMap<String, String>) -> Rounds {
    let mut index = index_from(list, files);
    assert_eq!(index.find_so_far(query), None, "{query:?}: nothing in yet");
    let mut answers = Vec::new();
    let mut first = None;
    loop {
        let needs = index.needs(query);
        if needs.is_empty() {
            break;
        }
        first.get_or_insert_with(|| needs.shards.clone());
        for n in needs.shards {
            let shard = Shard::from_json(&files[&index.shard_url(n)]).unwrap();
            index.add_shard(n, shard);
        }
        for n in needs.passages {
            let body = EssayBody::from_json(&files[index.body_url(n)]).unwrap();
            index.add_passages(n, &body);
        }
        answers.push(index.find_so_far(query));
    }
    let whole = index.find(query).expect("all it needs is in");
    (answers, whole, first.unwrap_or_default())
}

#[test]
fn the_matches_as_typed_come_a_round_trip_early_and_the_rest_only_add_to_them() {
    // At the tool's sizes, the answers only; in several shards, the early
    // ones counted too.
    let (list, files) = (&built().0.corpus.search_url, &built().1);
    the_matches_as_typed_come_early(list, files);
    let (list, files) = in_shards();
    let shards = ShardList::from_json(&files[list]).unwrap().shards.len();
    assert!(shards > 4, "{shards} term shards");
    let (early, queries) = the_matches_as_typed_come_early(list, files);
    // A query whose close words' postings are in a shard not yet fetched
    // waits a round trip for it: its exact matches come before (often the
    // shard is in already).
    assert!(
        early * 20 > queries,
        "{early} of {queries} queries answered early"
    );
    // "aside" is in one essay as typed, and words one typo away from it in
    // others, whose postings are in a shard of their own.
    let mut index = index_from(list, files);
    let needs = index.needs("aside");
    for n in needs.shards {
        index.add_shard(n, Shard::from_json(&files[&index.shard_url(n)]).unwrap());
    }
    let (early, so_far) = index.find_so_far("aside").expect("its own shard is in");
    assert_eq!(so_far, SoFar::AsTyped, "the close words' shard is not in");
    assert_eq!(early.len(), 1);
    let all = index_for("aside").find("aside").unwrap();
    assert!(all.len() > 1 && all[0] == early[0], "{all:?}");
}

/// Each query's answers round by round, with the index at `list`: the
/// exact matches early are those of the whole answer. Returns how many of
/// the queries were answered early.
fn the_matches_as_typed_come_early(list: &str, files: &HashMap<String, String>) -> (usize, usize) {
    let (mut early, mut queries) = (0, 0);
    for query in tried_queries() {
        let (answers, whole, _) = round_by_round(&query, list, files);
        let as_typed: Vec<SearchMatch> = whole.iter().filter(|m| m.is_exact()).cloned().collect();
        queries += 1;
        for answer in answers.into_iter().flatten() {
            match answer {
                (found, SoFar::All) => assert_eq!(found, whole, "{query:?}"),
                (found, SoFar::AsTyped) => {
                    assert_eq!(
                        found, as_typed,
                        "{query:?}: the exact matches, before the rest"
                    );
                    early += 1;
                }
                (_, SoFar::First) => panic!("{query:?}: no head at these sizes"),
            }
        }
    }
    (early, queries)
}

#[test]
fn the_first_hits_come_from_the_common_words_heads_alone_and_begin_the_answer() {
    let (list, files) = finely_cut();
    let list_of = ShardList::from_json(&files[list]).unwrap();
    let heads = list_of.shards.iter().filter(|s| s.head).count();
    assert!(
        heads > 10,
        "cut finely, the seed's common words have heads: {heads}"
    );
    let (mut first_hits, mut queries, mut final_pages) = (0, 0, 0);
    let empty = index_from(list, files);
    let place = |m: &SearchMatch| m.group_place(&empty);
    for query in tried_queries() {
        // A query with a common word fetches its head first, with no close
        // key's shard and no common word's whole postings beside it.
        if !empty
            .needs(&query)
            .shards
            .iter()
            .any(|&n| list_of.is_head(n))
        {
            continue;
        }
        let (answers, whole, first_round) = round_by_round(&query, list, files);
        queries += 1;
        for &n in &first_round {
            assert!(
                list_of.is_head(n) || (n < list_of.shards.len() && list_of.head_of(n).is_none()),
                "{query:?}: {} in the first round",
                list_of.url(n)
            );
        }
        let as_typed: Vec<SearchMatch> = whole.iter().filter(|m| m.is_exact()).cloned().collect();
        let mut groups: Vec<Option<usize>> = as_typed.iter().map(place).collect();
        groups.dedup();
        let whole_groups = whole.iter().filter_map(place).max().unwrap_or(0);
        for answer in answers.into_iter().flatten() {
            // A page said final early (its snippets then fetched at once)
            // is the page the whole answer shows, in each reading language
            // and for pages of one to three hits (the seed's answers are
            // shorter than the app's pages of 20).
            for page_size in 1..=3 {
                for lang in Lang::ALL {
                    let page = |found: &[SearchMatch]| {
                        let placed: Vec<(usize, SearchMatch)> = found
                            .iter()
                            .map(|m| (place(m).unwrap(), m.clone()))
                            .collect();
                        // Every group an answer has: the filters keep all.
                        let kept: Vec<usize> = (0..=whole_groups).collect();
                        let (_, page) = empty.results_page(&placed, &kept, lang, page_size);
                        page.into_iter().cloned().collect::<Vec<_>>()
                    };
                    let so_far = page(&answer.0);
                    if answer.1.page_is_final(so_far.len(), page_size) {
                        assert_eq!(so_far, page(&whole), "{query:?}, {:?}", answer.1);
                        final_pages += usize::from(answer.1 != SoFar::All);
                    }
                }
            }
            match answer {
                (found, SoFar::All) => assert_eq!(found, whole, "{query:?}"),
                (found, SoFar::AsTyped) => assert_eq!(found, as_typed, "{query:?}"),
                (found, SoFar::First) => {
                    // The matches of the first groups of the answer, all of
                    // them: what the results show first, in blog order.
                    let mut shown: Vec<Option<usize>> = found.iter().map(place).collect();
                    shown.dedup();
                    assert_eq!(shown[..], groups[..shown.len()], "{query:?}");
                    let expected: Vec<SearchMatch> = as_typed
                        .iter()
                        .filter(|m| shown.contains(&place(m)))
                        .cloned()
                        .collect();
                    assert_eq!(found, expected, "{query:?}");
                    first_hits += usize::from(!found.is_empty());
                }
            }
        }
    }
    // Five essays in three groups: a head covers the first group or two,
    // and many queries have no match there (49 of 175 have).
    assert!(
        queries > 100 && first_hits > 20,
        "{first_hits} first hits shown early of {queries} queries with a common word"
    );
    assert!(final_pages > 20, "{final_pages} pages final early");
}

#[test]
fn each_match_knows_its_translation_groups_place_in_the_corpus() {
    let corpus = &built().0.corpus;
    let mut placed = 0;
    for query in ["economie", "business", "stopcock", "reelle", "wirearchy"] {
        let index = index_for(query);
        for found in index.find(query).unwrap() {
            let place = found.group_place(&index);
            assert_eq!(
                place,
                corpus.group_place(found.translation_key(&index)),
                "{query}"
            );
            assert!(
                place.is_some(),
                "{query}: every version of the seed is in a group"
            );
            placed += 1;
        }
    }
    assert!(placed >= 10, "{placed} matches placed");
}

#[test]
fn a_word_finds_the_essays_that_hold_it() {
    assert_eq!(found("stopcock"), vec!["the-stopcock-and-the-new-economy"]);
    assert_eq!(
        found("Keynes"),
        vec![
            "le-business-modele-brise-du-business",
            "the-broken-business-model-of-business"
        ]
    );
    assert_eq!(found("rotules"), vec!["franchir-le-mur-de-la-realite"]);
}

#[test]
fn accents_case_ligatures_and_apostrophes_do_not_matter() {
    assert_eq!(
        found("economie reelle"),
        vec!["le-business-modele-brise-du-business"]
    );
    assert_eq!(found("ECONOMIE RÉELLE"), found("economie reelle"));
    assert!(found("oeuvre").contains(&"le-business-modele-brise-du-business".to_string()));
    assert_eq!(found("l'entreprise"), found("l’entreprise"));
    assert!(found("l'entreprise").contains(&"franchir-le-mur-de-la-realite".to_string()));
}

#[test]
fn plurals_find_singulars_and_back() {
    let plural = found("organizations");
    assert!(
        plural.contains(&"breaking-the-reality-barrier".to_string()),
        "{plural:?}"
    );
    assert_eq!(found("organization"), plural);
    assert_eq!(found("entreprise"), found("entreprises"));
}

#[test]
fn words_narrow_and_phrases_must_be_phrases() {
    assert!(found("stopcock keynes").is_empty());
    assert!(
        found("\"real economy\"").contains(&"the-broken-business-model-of-business".to_string())
    );
    assert!(found("\"economy real\"").is_empty());
    assert!(found("   ").is_empty());
}

#[test]
fn a_hit_points_at_its_paragraph_with_the_words_highlighted() {
    let hits = search("wrench stopcock");
    assert_eq!(hits.len(), 1);
    let hit = &hits[0];
    assert_eq!(hit.lang, Lang::En);
    assert_eq!(hit.block, Some(3), "the paragraph with both words");
    let marked: Vec<String> = hit
        .snippet
        .iter()
        .filter(|p| p.highlighted)
        .map(|p| p.text.to_lowercase())
        .collect();
    assert!(
        marked.contains(&"wrench".to_string()) && marked.contains(&"stopcock".to_string()),
        "{marked:?}"
    );
}

#[test]
fn a_hit_in_a_translated_essay_carries_the_passage_facing_it() {
    let hits = search("rotules");
    let hit = &hits[0];
    assert_eq!(hit.slug, "franchir-le-mur-de-la-realite");
    // "Vous me traiterez peut-être d’idéaliste, mais lorsque les rotules…"
    // is block 5; the English block 5 faces it.
    assert_eq!(hit.block, Some(5));
    let counterpart = hit.counterpart.as_ref().expect("the pair is aligned");
    assert_eq!(counterpart.slug, "breaking-the-reality-barrier");
    assert_eq!(counterpart.lang, Lang::En);
    assert_eq!(counterpart.block, Some(5));
    assert!(
        counterpart
            .text
            .starts_with("You may perhaps call me an idealist"),
        "{}",
        counterpart.text
    );
    assert!(counterpart.text.ends_with('…') && counterpart.text.chars().count() < 200);
    // The essay without translation has none.
    let stopcock = &search("stopcock")[0];
    assert_eq!(stopcock.counterpart, None);
}

#[test]
fn one_typo_is_forgiven_in_long_words_after_the_exact_matches() {
    assert_eq!(found("stopcok"), vec!["the-stopcock-and-the-new-economy"]);
    assert_eq!(found("Kenyes"), found("Keynes"), "two letters swapped");
    assert_eq!(found("rotulles"), found("rotules"), "a letter doubled");
    // Four letters: no typo forgiven ("nrme" is one letter from "norme").
    assert!(found("nrme").is_empty());
    assert!(!found("norme").is_empty());
    // "contract" is in one essay; "contact", one letter away, in another:
    // the exact match comes first, the close one after, its word highlighted.
    let hits = search("contract");
    let slugs: Vec<&str> = hits.iter().map(|h| h.slug.as_str()).collect();
    assert_eq!(
        slugs.first(),
        Some(&"breaking-the-reality-barrier"),
        "{slugs:?}"
    );
    let close = hits
        .iter()
        .position(|h| h.slug == "the-stopcock-and-the-new-economy")
        .expect("found one typo away");
    assert!(close > 0);
    let marked: Vec<String> = hits[close]
        .snippet
        .iter()
        .filter(|p| p.highlighted)
        .map(|p| p.text.to_lowercase())
        .collect();
    assert_eq!(marked, vec!["contact"]);
    let matches = index_for("contract")
        .find("contract")
        .expect("what it needs is in");
    assert!(matches[0].is_exact());
    // Each close match names the words it has, not every word one typo away.
    for m in matches.iter().filter(|m| !m.is_exact()) {
        assert!(!m.close_words().is_empty());
        assert!(m.close_words().iter().all(|w| w != "contract"));
    }
    assert!(matches.iter().any(|m| m.close_words() == ["contact"]));
    assert!(
        matches
            .iter()
            .skip_while(|m| m.is_exact())
            .all(|m| !m.is_exact()),
        "exact ones first"
    );
}

#[test]
fn every_stem_of_the_real_essays_stems_to_itself() {
    // A close word found one typo away goes to the essay in `?mark=` as
    // its stem, and is stemmed again there: it must come back the same.
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../content");
    let built = content::load(&dir).unwrap_or_else(|e| panic!("{e:?}"));
    for (essay, data) in built.corpus.essays.iter().zip(&built.search.essays) {
        for passage in &data.passages {
            for token in essais_core::search::tokenize(passage, essay.lang) {
                assert_eq!(
                    essais_core::search::stem(token.term.clone(), essay.lang),
                    token.term,
                    "{} ({:?})",
                    essay.slug,
                    essay.lang
                );
            }
        }
    }
}

#[test]
fn the_page_of_results_is_the_first_of_all_results_in_order() {
    // What `results_page` returns against sorting every match, as the
    // results did before it put only the page in order.
    let mut compared = 0;
    for query in ["economie", "business", "travail econmie", "the", "reelle"] {
        let index = index_for(query);
        let found: Vec<(usize, _)> = index
            .find(query)
            .unwrap()
            .into_iter()
            .map(|m| (m.group_place(&index).unwrap(), m))
            .collect();
        let mut places: Vec<usize> = found.iter().map(|(place, _)| *place).collect();
        places.sort_unstable();
        places.dedup();
        let every_other: Vec<usize> = places.iter().copied().step_by(2).collect();
        let none_found: Vec<usize> = vec![places.last().unwrap() + 1];
        for kept in [
            &places,
            &every_other,
            &places[places.len() / 2..].to_vec(),
            &none_found,
        ] {
            for lang in [Lang::Fr, Lang::En] {
                let mut all: Vec<&(usize, _)> = found
                    .iter()
                    .filter(|(place, _)| kept.contains(place))
                    .collect();
                all.sort_by_key(|(place, m)| (!m.is_exact(), *place, m.lang(&index) != lang));
                for shown in 0..=all.len() + 1 {
                    let (count, page) = index.results_page(&found, kept, lang, shown);
                    assert_eq!(count, all.len(), "{query} {shown}");
                    let expected: Vec<_> = all.iter().take(shown).map(|(_, m)| m).collect();
                    assert_eq!(page.len(), expected.len(), "{query} {shown}");
                    assert!(
                        page.iter()
                            .zip(&expected)
                            .all(|(a, b)| std::ptr::eq(*a, *b)),
                        "{query}: kept {kept:?}, {shown} shown in {lang:?}"
                    );
                    compared += 1;
                }
            }
        }
    }
    assert!(compared > 100, "{compared} pages compared");
}
