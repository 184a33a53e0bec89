//! The search index as `corpus build` writes it ahead of time, split into
//! shards by term (as Pagefind does), so that the browser fetches only what
//! a query needs and builds nothing:
//!
//! - `corpus/_search.<hash>.json`, the [`ShardList`]: where each shard's
//!   range of keys begins, and its file. A few bytes per shard.
//! - `corpus/_search.shard-<n>.<hash>.json`, each a [`Shard`]: for every term
//!   in its range, the essays that have it ([`Postings`]).
//! - `corpus/_search.head-<n>.<hash>.json`, for a term whose postings fill
//!   a shard alone (a common word): the first of them, in blog order, a few
//!   KB, with the last position they reach; shard `n` then holds the rest.
//!   Named as its shard is (`shard-<n>` → `head-<n>`, the hash of both
//!   files), so that the list says only that there is one: at 20,000 pairs
//!   nearly every shard is a common word's, and a name of its own for each
//!   head made the list 11 KB larger (brotli) where a flag costs about 1.
//!   The first page of hits is in blog order, so a query's first hits can
//!   be drawn from its words' heads a round trip before their whole
//!   postings are in (`SearchIndex::find_so_far`).
//! - `corpus/_search.close-<n>.<hash>.json`, each a [`Shard`] too: for every
//!   *close key* in its range (a term with one letter left out, or a term
//!   itself), the terms it comes from, so that a word one typo away is found by looking up a
//!   dozen keys (the word and each of its deletions) instead of the few
//!   hundred words one typo away, which would touch every shard. They have
//!   shards of their own: beside the terms, each of a query word's
//!   deletions would fetch some other word's postings.
//!
//! Snippets need the passages' text: that is each essay's body file, which
//! the reader fetches anyway to read it (nothing is written twice).
//!
//! Terms are the search's own (`search::tokenize`: folded and stemmed per
//! essay language); essays are named by their `position` (unique in a
//! corpus, and kept by the app when it rejects a malformed essay, unlike
//! their order).

use crate::corpus::{is_data_url, CorpusLoadError};
use serde::{Deserialize, Serialize};

/// The layout of the search files. An app refuses files of another version
/// with the same message as a corpus of another version.
pub const SEARCH_VERSION: u32 = 3;

/// About this many bytes of JSON a shard (before compression): a query
/// fetches a few, so each should cost about one round trip on a slow link.
/// A term whose postings are larger has a shard of its own.
pub const SHARD_BYTES: usize = 24 * 1024;

/// About this many bytes of JSON the head of a common word's postings, as
/// [`split`] counts them (3 a number; the JSON has nearer 2, and brotli
/// makes that 0.4 to 1.3 KB): at 20,000 pairs, "economie"'s first 2,731
/// essays (of 25,569), enough for a first page of hits of a query with
/// another common word, in one round trip on the bench's slow network
/// (`docs/performance.md`).
pub const HEAD_BYTES: usize = 8 * 1024;

/// The sizes the index is cut at: [`SHARD_BYTES`] and [`HEAD_BYTES`]
/// (smaller in the tests, so that a small corpus has heads).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sizes {
    pub shard: usize,
    pub head: usize,
}

impl Default for Sizes {
    fn default() -> Sizes {
        Sizes {
            shard: SHARD_BYTES,
            head: HEAD_BYTES,
        }
    }
}

/// `corpus/_search.<hash>.json`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct ShardList {
    pub version: u32,
    /// The terms' shards, in key order: shard `n` holds every term from
    /// `shards[n].from` up to (not including) `shards[n + 1].from`; the
    /// first begins at "".
    pub shards: Vec<ShardRef>,
    /// The close keys' shards, likewise.
    pub close: Vec<ShardRef>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ShardRef {
    pub from: String,
    pub url: String,
    /// A common word's shard: the head of its postings is apart (the
    /// shard then holds the rest), its file named after the shard's
    /// ([`ShardList::url`]).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub head: bool,
}

/// The head's file of a term shard with a head: `…/_search.shard-<n>.<hash>.json`
/// → `…/_search.head-<n>.<hash>.json`.
pub fn head_url(shard_url: &str) -> String {
    shard_url.replacen("/_search.shard-", "/_search.head-", 1)
}

/// One shard of the index.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Shard {
    pub version: u32,
    /// Each term of the shard's range, in order, with its [`Postings`].
    pub terms: Vec<(String, Postings)>,
    /// Each close key of the range, in order, with the terms it comes from.
    pub close: Vec<(String, Vec<String>)>,
    /// A head: the last position its postings reach (every essay up to it
    /// that has the term is in it; the others are in the term's shard).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<u32>,
}

/// The essays that have a term: for each (ascending position), its
/// position minus the previous one's (the first, minus 0: a shard holding
/// the rest of a head starts from its own first position). Which of an
/// essay's passages have it is not written: only the page of hits shown
/// needs that, and it reads it from their bodies, which it fetches for
/// their snippets anyway. Written, the passages made the shards 3.75
/// times larger (brotli, 20,000 pairs: `docs/performance.md`).
pub type Postings = Vec<u32>;

/// Reads the version first, so that a file of another layout is reported
/// as such rather than as malformed.
fn check_version(text: &str) -> Result<(), CorpusLoadError> {
    #[derive(Deserialize)]
    struct Probe {
        version: Option<u64>,
    }
    let found = serde_json::from_str::<Probe>(text)?.version;
    if found != Some(u64::from(SEARCH_VERSION)) {
        return Err(CorpusLoadError::UnsupportedSchema { found });
    }
    Ok(())
}

impl ShardList {
    /// Reads a fetched list; a shard that is not a file of `corpus/`, or a
    /// list out of order, is refused (a tampered list points nowhere).
    pub fn from_json(text: &str) -> Result<ShardList, CorpusLoadError> {
        check_version(text)?;
        let list: ShardList = serde_json::from_str(text)?;
        let well_formed = |shards: &[ShardRef]| {
            shards.windows(2).all(|w| w[0].from < w[1].from)
                && shards.first().is_none_or(|s| s.from.is_empty())
                && shards.iter().all(|s| is_data_url(&s.url))
        };
        if !well_formed(&list.shards) || !well_formed(&list.close) {
            return Err(CorpusLoadError::InvalidJson {
                line: 1,
                column: 1,
                detail: "the search's shard list is out of order or names other files".into(),
            });
        }
        Ok(list)
    }

    /// The shard whose range holds term `key`: a place among every shard,
    /// the terms' first ([`ShardList::url`]).
    pub fn shard_of(&self, key: &str) -> Option<usize> {
        range_of(&self.shards, key)
    }

    /// The shard whose range holds close key `key`, likewise.
    pub fn close_shard_of(&self, key: &str) -> Option<usize> {
        range_of(&self.close, key).map(|n| self.shards.len() + n)
    }

    /// The head of term shard `n`, a place after every shard of both
    /// kinds, if it has one.
    pub fn head_of(&self, n: usize) -> Option<usize> {
        self.shards
            .get(n)?
            .head
            .then_some(self.shards.len() + self.close.len() + n)
    }

    /// The other part of a common word's postings: its shard's for its
    /// head, its head's for its shard; None for any other shard.
    pub fn other_part(&self, n: usize) -> Option<usize> {
        if self.is_head(n) {
            Some(n - self.shards.len() - self.close.len())
        } else {
            self.head_of(n)
        }
    }

    /// Whether place `n` is a head's.
    pub fn is_head(&self, n: usize) -> bool {
        (self.shards.len() + self.close.len()..self.len()).contains(&n)
    }

    /// How many places: the shards of both kinds, then one for each term
    /// shard's head (a place unused where it has none).
    pub fn len(&self) -> usize {
        2 * self.shards.len() + self.close.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The address of shard `n`, a place among every shard (a head's
    /// from [`ShardList::head_of`]; "" for a place unused).
    pub fn url(&self, n: usize) -> String {
        let (terms, close) = (self.shards.len(), self.close.len());
        if n < terms {
            self.shards[n].url.clone()
        } else if n < terms + close {
            self.close[n - terms].url.clone()
        } else {
            match self.shards.get(n - terms - close) {
                Some(shard) if shard.head => head_url(&shard.url),
                _ => String::new(),
            }
        }
    }
}

fn range_of(shards: &[ShardRef], key: &str) -> Option<usize> {
    shards
        .partition_point(|s| s.from.as_str() <= key)
        .checked_sub(1)
}

impl Shard {
    pub fn from_json(text: &str) -> Result<Shard, CorpusLoadError> {
        check_version(text)?;
        Ok(serde_json::from_str(text)?)
    }
}

/// Every word with one letter left out: the close keys of a term. Two
/// words one typo apart always share one (a letter changed or two swapped
/// leave the same word out of both), or one is the other's; the converse
/// does not hold, so what is found this way is checked
/// (`search::one_typo_away`).
pub fn deletions(term: &str) -> Vec<String> {
    let chars: Vec<char> = term.chars().collect();
    let mut out: Vec<String> = (0..chars.len())
        .map(|i| chars[..i].iter().chain(&chars[i + 1..]).collect())
        .collect();
    out.sort();
    out.dedup();
    out
}

/// Terms of fewer letters have no close keys: a word that forgives a typo
/// is typed with five letters or more, and stems to three at the least, so
/// a term one typo away from it has two or more, and one of three or more
/// letters shares a deletion with it (a shorter one is its deletion, found
/// as a term).
pub const CLOSE_KEYS_FROM: usize = 3;

/// Nor have longer terms: a word forgives a typo only up to
/// [`crate::search::FORGIVEN_UP_TO`] letters (stemmed), so a term one typo
/// away has one more at the most. Without the bound a pasted run of
/// 200,000 letters would have 200,000 keys of 200,000 letters each (the
/// stress corpus has one).
pub const CLOSE_KEYS_UP_TO: usize = crate::search::FORGIVEN_UP_TO + 1;

/// Shards in key order, each with its first key.
pub type Shards = Vec<(String, Shard)>;

/// The terms' shards in key order, each with its first key and, for a
/// common word's, the head of its postings.
pub type TermShards = Vec<(String, Shard, Option<Shard>)>;

/// The shards of an index: `terms` in order, each with its postings.
/// Returns the terms' shards (a common word's with its head) and the
/// close keys'.
#[cfg(feature = "tool")]
pub fn split(terms: Vec<(String, Postings)>, sizes: Sizes) -> (TermShards, Shards) {
    use std::collections::BTreeMap;
    // Every term's close keys, each with the terms it comes from; and
    // every term under itself, so that a query word's deletion that is a
    // word is found in the close shards too (not in some term's shard).
    let mut close: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (term, _) in &terms {
        let letters = term.chars().count();
        if letters > CLOSE_KEYS_UP_TO {
            continue;
        }
        close.entry(term.clone()).or_default().push(term.clone());
        if letters >= CLOSE_KEYS_FROM {
            for key in deletions(term) {
                close.entry(key).or_default().push(term.clone());
            }
        }
    }
    for terms in close.values_mut() {
        terms.sort();
        terms.dedup();
    }
    let shard = |terms, close| Shard {
        version: SEARCH_VERSION,
        terms,
        close,
        until: None,
    };
    let close_shards = cut(close, sizes.shard, |key, terms: &Vec<String>| {
        key.len() + 8 + terms.iter().map(|t| t.len() + 3).sum::<usize>()
    });
    let bytes = |term: &str, postings: &Postings| term.len() + 8 + 3 * postings.len();
    let term_shards = cut(terms, sizes.shard, bytes);
    (
        term_shards
            .into_iter()
            .map(|(from, mut terms)| {
                // A word alone in its shard, larger than one: its head apart.
                let common = terms.len() == 1 && bytes(&terms[0].0, &terms[0].1) >= sizes.shard;
                let head = common
                    .then(|| cut_head(&mut terms[0].1, sizes.head))
                    .flatten()
                    .map(|(postings, until)| Shard {
                        until: Some(until),
                        ..shard(vec![(terms[0].0.clone(), postings)], Vec::new())
                    });
                (from, shard(terms, Vec::new()), head)
            })
            .collect(),
        close_shards
            .into_iter()
            .map(|(from, close)| (from, shard(Vec::new(), close)))
            .collect(),
    )
}

/// Takes the head off `postings`: its first essays, about `bytes` bytes of
/// JSON, and the last position they reach. What is left starts from its
/// own first position (its first delta made absolute). None if that would
/// leave nothing.
#[cfg(feature = "tool")]
fn cut_head(postings: &mut Postings, bytes: usize) -> Option<(Postings, u32)> {
    let (mut at, mut until) = (0, 0u32);
    while at < postings.len() && 3 * at < bytes {
        until = until.wrapping_add(postings[at]);
        at += 1;
    }
    if at == 0 || at >= postings.len() {
        return None;
    }
    // The rest kept in place (a new vector for it held each common word's
    // postings twice at the peak: 150 MB more at 20,000 pairs).
    let head = postings[..at].to_vec();
    postings.drain(..at);
    postings[0] = postings[0].wrapping_add(until);
    Some((head, until))
}

/// Keys in order, cut into runs of about `size` bytes (as `bytes` counts
/// them), each with its first key ("" for the first run).
#[cfg(feature = "tool")]
fn cut<V>(
    entries: impl IntoIterator<Item = (String, V)>,
    size_of_run: usize,
    bytes: impl Fn(&str, &V) -> usize,
) -> Vec<(String, Vec<(String, V)>)> {
    let mut runs: Vec<(String, Vec<(String, V)>)> = Vec::new();
    let mut size = usize::MAX;
    for (key, value) in entries {
        let entry = bytes(&key, &value);
        // A run once this one is full, and one of its own for an entry
        // that fills one alone (a common word: the others in its range
        // should not cost its postings).
        if size >= size_of_run || (entry >= size_of_run && size > 0) {
            let from = if runs.is_empty() {
                String::new()
            } else {
                key.clone()
            };
            runs.push((from, Vec::new()));
            size = 0;
        }
        size += entry;
        runs.last_mut()
            .expect("one run at least")
            .1
            .push((key, value));
    }
    runs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deletions_are_each_letter_left_out_once() {
        assert_eq!(deletions("abba"), ["aba", "abb", "bba"]);
        assert_eq!(deletions("é2"), ["2", "é"]);
    }

    #[test]
    fn a_key_is_found_in_the_shard_whose_range_holds_it() {
        let refs = |froms: &[&str], kind: &str| -> Vec<ShardRef> {
            froms
                .iter()
                .enumerate()
                .map(|(n, from)| ShardRef {
                    from: from.to_string(),
                    url: format!("corpus/_search.{kind}-{n}.0123456789abcdef.json"),
                    head: kind == "shard" && n == 1,
                })
                .collect()
        };
        let list = ShardList {
            version: SEARCH_VERSION,
            shards: refs(&["", "eco", "p"], "shard"),
            close: refs(&["", "m"], "close"),
        };
        assert_eq!(list.shard_of("abc"), Some(0));
        assert_eq!(list.shard_of("eco"), Some(1));
        assert_eq!(list.shard_of("economie"), Some(1));
        assert_eq!(list.shard_of("zzz"), Some(2));
        // Close keys are places after the terms' shards.
        assert_eq!(list.close_shard_of("conomie"), Some(3));
        assert_eq!(list.close_shard_of("rotule"), Some(4));
        assert_eq!(list.url(4), "corpus/_search.close-1.0123456789abcdef.json");
        // A common word's shard has a head, a place after every shard.
        assert_eq!(list.head_of(0), None);
        assert_eq!(list.head_of(1), Some(6));
        assert!(list.is_head(6) && !list.is_head(4));
        assert_eq!(list.url(6), "corpus/_search.head-1.0123456789abcdef.json");
        assert_eq!(list.url(7), "", "shard 2 has no head");
        assert_eq!(list.len(), 8);
        let json = serde_json::to_string(&list).unwrap();
        assert_eq!(ShardList::from_json(&json).unwrap(), list);
    }

    #[test]
    fn files_of_another_version_or_pointing_elsewhere_are_refused() {
        assert!(matches!(
            ShardList::from_json(r#"{"version":1,"shards":[],"close":[]}"#),
            Err(CorpusLoadError::UnsupportedSchema { found: Some(1) })
        ));
        assert!(matches!(
            Shard::from_json(r#"{"terms":[]}"#),
            Err(CorpusLoadError::UnsupportedSchema { found: None })
        ));
        assert!(matches!(
            Shard::from_json("{\"version\":3,\"terms\":[[\"a\""),
            Err(CorpusLoadError::InvalidJson { .. })
        ));
        for list in [
            r#"{"version":3,"shards":[{"from":"","url":"https://elsewhere/x.json"}],"close":[]}"#,
            r#"{"version":3,"shards":[{"from":"b","url":"corpus/a.json"}],"close":[]}"#,
            r#"{"version":3,"shards":[{"from":"","url":"corpus/a.json"},{"from":"","url":"corpus/b.json"}],"close":[]}"#,
            r#"{"version":3,"shards":[],"close":[{"from":"","url":"../x.json"}]}"#,
        ] {
            assert!(
                matches!(
                    ShardList::from_json(list),
                    Err(CorpusLoadError::InvalidJson { .. })
                ),
                "{list}"
            );
        }
    }

    #[cfg(feature = "tool")]
    #[test]
    fn shards_split_the_keys_in_order_each_kind_apart() {
        // Enough terms for several shards, and one term with postings
        // larger than a shard.
        let mut terms: Vec<(String, Postings)> = (0..4000)
            .map(|i| (format!("word{i:05}"), vec![1, 3]))
            .collect();
        terms.push(("zeta".into(), vec![1; 3 * SHARD_BYTES]));
        // A pasted run of letters far longer than any word: a term, with no
        // close key (not 200,000 of them).
        let run = "x".repeat(200_000);
        terms.push((run.clone(), vec![1]));
        terms.sort();
        let (term_shards, close_shards) = split(terms.clone(), Sizes::default());
        let close_shards: Vec<(String, Shard, Option<Shard>)> = close_shards
            .into_iter()
            .map(|(from, shard)| (from, shard, None))
            .collect();
        assert!(close_shards
            .iter()
            .flat_map(|s| &s.1.close)
            .all(|(key, words)| key.len() <= CLOSE_KEYS_UP_TO && !words.contains(&run)));
        for shards in [&term_shards, &close_shards] {
            assert!(shards.len() > 3, "{} shards", shards.len());
            assert_eq!(shards[0].0, "");
            for (n, (from, shard, _)) in shards.iter().enumerate() {
                let next = shards.get(n + 1).map(|s| s.0.as_str());
                for key in shard
                    .terms
                    .iter()
                    .map(|t| &t.0)
                    .chain(shard.close.iter().map(|c| &c.0))
                {
                    assert!(
                        key >= from && next.is_none_or(|next| key.as_str() < next),
                        "{key} in shard {n}"
                    );
                }
            }
        }
        // Every term is in one shard, with its postings (a common word's
        // head, then the rest); no close key there.
        let all: Vec<(String, Postings)> = term_shards
            .iter()
            .flat_map(|(_, shard, head)| {
                let mut terms = shard.terms.clone();
                if let Some(head) = head {
                    let (term, first) = &head.terms[0];
                    assert_eq!(terms.len(), 1);
                    assert_eq!(&terms[0].0, term);
                    // The rest starts from its own first position.
                    let mut whole = first.clone();
                    let until = head.until.unwrap();
                    let mut rest = terms[0].1.clone();
                    assert!(rest[0] > until);
                    rest[0] -= until;
                    whole.extend(rest);
                    terms[0].1 = whole;
                }
                terms
            })
            .collect();
        assert_eq!(all, terms);
        assert!(term_shards.iter().all(|s| s.1.close.is_empty()));
        assert!(close_shards.iter().all(|s| s.1.terms.is_empty()));
        // The big term is alone in its shard, its head apart: about
        // HEAD_BYTES of it, and the last position it reaches.
        let zeta = term_shards
            .iter()
            .find(|s| s.1.terms.iter().any(|t| t.0 == "zeta"))
            .unwrap();
        assert_eq!(zeta.1.terms.len(), 1);
        let head = zeta.2.as_ref().expect("a common word has a head");
        assert_eq!(head.terms[0].1.len(), HEAD_BYTES / 3 + 1);
        assert_eq!(head.until, Some(HEAD_BYTES as u32 / 3 + 1));
        assert!(term_shards
            .iter()
            .filter(|s| !s.1.terms.iter().any(|t| t.0 == "zeta"))
            .all(|s| s.2.is_none()));
        let close_of = |key: &str| {
            close_shards
                .iter()
                .flat_map(|s| &s.1.close)
                .find(|c| c.0 == key)
                .map(|c| c.1.clone())
        };
        assert_eq!(close_of("zta"), Some(vec!["zeta".to_string()]));
        assert_eq!(
            close_of("zeta"),
            Some(vec!["zeta".to_string()]),
            "a term is its own key"
        );
        let of_word0000 = close_of("word0000").unwrap();
        for term in ["word00000", "word00001", "word00010", "word01000"] {
            assert!(of_word0000.contains(&term.to_string()), "{term}");
        }
    }
}
