//! The search index as `corpus build` writes it ahead of time, split into
//! shards by term (as Pagefind does), so that the browser fetches only what
//! a query needs and builds nothing:
//!
//! - `corpus/_search.<hash>.json`, the [`ShardList`]: where each shard's
//!   range of keys begins, and its file. A few bytes per shard.
//! - `corpus/_search.shard-<n>.<hash>.json`, each a [`Shard`]: for every term
//!   in its range, the passages that hold it ([`Postings`]).
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
pub const SEARCH_VERSION: u32 = 1;

/// About this many bytes of JSON a shard (before compression): a query
/// fetches a few, so each should cost about one round trip on a slow link.
/// A term whose postings are larger has a shard of its own.
pub const SHARD_BYTES: usize = 24 * 1024;

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
}

/// One shard of the index.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Shard {
    pub version: u32,
    /// Each term of the shard's range, in order, with its [`Postings`].
    pub terms: Vec<(String, Postings)>,
    /// Each close key of the range, in order, with the terms it comes from.
    pub close: Vec<(String, Vec<String>)>,
}

/// Where a term is, flat: for each essay that has it (ascending position),
/// its position minus the previous one's, how many of its passages have
/// the term, then those passages (0 the title, `n` body block `n`).
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

    /// How many shards, of both kinds.
    pub fn len(&self) -> usize {
        self.shards.len() + self.close.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The address of shard `n`, a place among every shard.
    pub fn url(&self, n: usize) -> &str {
        match n.checked_sub(self.shards.len()) {
            None => &self.shards[n].url,
            Some(close) => &self.close[close].url,
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

/// The shards of an index: `terms` in order, each with its postings.
/// Returns the terms' shards and the close keys'.
#[cfg(feature = "tool")]
pub fn split(terms: Vec<(String, Postings)>) -> (Shards, Shards) {
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
    };
    let close_shards = cut(close, |key, terms: &Vec<String>| {
        key.len() + 8 + terms.iter().map(|t| t.len() + 3).sum::<usize>()
    });
    let term_shards = cut(terms, |term, postings: &Postings| {
        term.len() + 8 + 3 * postings.len()
    });
    (
        term_shards
            .into_iter()
            .map(|(from, terms)| (from, shard(terms, Vec::new())))
            .collect(),
        close_shards
            .into_iter()
            .map(|(from, close)| (from, shard(Vec::new(), close)))
            .collect(),
    )
}

/// Keys in order, cut into runs of about [`SHARD_BYTES`] (as `bytes`
/// counts them), each with its first key ("" for the first run).
#[cfg(feature = "tool")]
fn cut<V>(
    entries: impl IntoIterator<Item = (String, V)>,
    bytes: impl Fn(&str, &V) -> usize,
) -> Vec<(String, Vec<(String, V)>)> {
    let mut runs: Vec<(String, Vec<(String, V)>)> = Vec::new();
    let mut size = usize::MAX;
    for (key, value) in entries {
        let entry = bytes(&key, &value);
        // A run once this one is full, and one of its own for an entry
        // that fills one alone (a common word: the others in its range
        // should not cost its postings).
        if size >= SHARD_BYTES || (entry >= SHARD_BYTES && size > 0) {
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
        assert_eq!(list.len(), 5);
        let json = serde_json::to_string(&list).unwrap();
        assert_eq!(ShardList::from_json(&json).unwrap(), list);
    }

    #[test]
    fn files_of_another_version_or_pointing_elsewhere_are_refused() {
        assert!(matches!(
            ShardList::from_json(r#"{"version":2,"shards":[],"close":[]}"#),
            Err(CorpusLoadError::UnsupportedSchema { found: Some(2) })
        ));
        assert!(matches!(
            Shard::from_json(r#"{"terms":[]}"#),
            Err(CorpusLoadError::UnsupportedSchema { found: None })
        ));
        assert!(matches!(
            Shard::from_json("{\"version\":1,\"terms\":[[\"a\""),
            Err(CorpusLoadError::InvalidJson { .. })
        ));
        for list in [
            r#"{"version":1,"shards":[{"from":"","url":"https://elsewhere/x.json"}],"close":[]}"#,
            r#"{"version":1,"shards":[{"from":"b","url":"corpus/a.json"}],"close":[]}"#,
            r#"{"version":1,"shards":[{"from":"","url":"corpus/a.json"},{"from":"","url":"corpus/b.json"}],"close":[]}"#,
            r#"{"version":1,"shards":[],"close":[{"from":"","url":"../x.json"}]}"#,
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
            .map(|i| (format!("word{i:05}"), vec![1, 1, 3]))
            .collect();
        terms.push(("zeta".into(), vec![1; 3 * SHARD_BYTES]));
        // A pasted run of letters far longer than any word: a term, with no
        // close key (not 200,000 of them).
        let run = "x".repeat(200_000);
        terms.push((run.clone(), vec![1, 1, 0]));
        terms.sort();
        let (term_shards, close_shards) = split(terms.clone());
        assert!(close_shards
            .iter()
            .flat_map(|s| &s.1.close)
            .all(|(key, words)| key.len() <= CLOSE_KEYS_UP_TO && !words.contains(&run)));
        for shards in [&term_shards, &close_shards] {
            assert!(shards.len() > 3, "{} shards", shards.len());
            assert_eq!(shards[0].0, "");
            for (n, (from, shard)) in shards.iter().enumerate() {
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
        // Every term is in one shard, with its postings; no close key there.
        let all: Vec<(String, Postings)> =
            term_shards.iter().flat_map(|s| s.1.terms.clone()).collect();
        assert_eq!(all, terms);
        assert!(term_shards.iter().all(|s| s.1.close.is_empty()));
        assert!(close_shards.iter().all(|s| s.1.terms.is_empty()));
        // The big term is alone in its shard.
        let zeta = term_shards
            .iter()
            .find(|s| s.1.terms.iter().any(|t| t.0 == "zeta"))
            .unwrap();
        assert_eq!(zeta.1.terms.len(), 1);
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
