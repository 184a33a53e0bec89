//! The search index as `corpus build` writes it ahead of time, split into
//! shards by term (as Pagefind does), so that the browser fetches only what
//! a query needs and builds nothing:
//!
//! - `corpus/_search.<hash>.json`, the [`ShardList`]: where each shard's
//!   range of keys begins, and its file. A few bytes per shard.
//! - `corpus/_search.shard-<n>.<hash>.json`, each a [`Shard`]: for every term
//!   in its range, the passages that hold it ([`Postings`]); and for every
//!   *close key* in its range (a term with one letter left out), the terms
//!   it comes from, so that a word one typo away is found by looking up a
//!   dozen keys (the word and each of its deletions) instead of the few
//!   hundred words one typo away, which would touch every shard.
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
    /// In key order: shard `n` holds every key from `shards[n].from` up to
    /// (not including) `shards[n + 1].from`; the first begins at "".
    pub shards: Vec<ShardRef>,
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
        let in_order = list.shards.windows(2).all(|w| w[0].from < w[1].from);
        let starts = list.shards.first().is_none_or(|s| s.from.is_empty());
        if !in_order || !starts || list.shards.iter().any(|s| !is_data_url(&s.url)) {
            return Err(CorpusLoadError::InvalidJson {
                line: 1,
                column: 1,
                detail: "the search's shard list is out of order or names other files".into(),
            });
        }
        Ok(list)
    }

    /// The shard whose range holds `key`.
    pub fn shard_of(&self, key: &str) -> Option<usize> {
        self.shards
            .partition_point(|s| s.from.as_str() <= key)
            .checked_sub(1)
    }
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

/// Splits an index into shards: `terms` in order, each with its postings.
/// Returns each shard's first key and the shard, in key order.
#[cfg(feature = "tool")]
pub fn split(terms: Vec<(String, Postings)>) -> Vec<(String, Shard)> {
    use std::collections::BTreeMap;
    // Every term's close keys, each with the terms it comes from.
    let mut close: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (term, _) in &terms {
        if term.chars().count() >= CLOSE_KEYS_FROM {
            for key in deletions(term) {
                close.entry(key).or_default().push(term.clone());
            }
        }
    }
    // One key space, terms and close keys merged in order: a key that is
    // both is in one shard.
    let mut shards: Vec<(String, Shard)> = Vec::new();
    let mut size = usize::MAX;
    let mut terms = terms.into_iter().peekable();
    let mut close = close.into_iter().peekable();
    loop {
        let take_term = match (terms.peek(), close.peek()) {
            (None, None) => break,
            (Some(_), None) => true,
            (None, Some(_)) => false,
            (Some((t, _)), Some((c, _))) => t <= c,
        };
        let (key, bytes) = if take_term {
            let (t, p) = terms.peek().expect("peeked");
            (t.clone(), t.len() + 8 + 3 * p.len())
        } else {
            let (c, list) = close.peek().expect("peeked");
            (c.clone(), c.len() + 8 + list.iter().map(|t| t.len() + 3).sum::<usize>())
        };
        // A new shard once this one is full, never between two entries of
        // one key (a term that is also a close key).
        if size >= SHARD_BYTES && shards.last().is_none_or(|(_, s)| !has_key(s, &key)) {
            let from = if shards.is_empty() { String::new() } else { key.clone() };
            shards.push((
                from,
                Shard {
                    version: SEARCH_VERSION,
                    ..Shard::default()
                },
            ));
            size = 0;
        }
        let shard = &mut shards.last_mut().expect("one shard at least").1;
        if take_term {
            shard.terms.push(terms.next().expect("peeked"));
        } else {
            shard.close.push(close.next().expect("peeked"));
        }
        size += bytes;
    }
    shards
}

#[cfg(feature = "tool")]
fn has_key(shard: &Shard, key: &str) -> bool {
    shard.terms.last().is_some_and(|(t, _)| t == key)
        || shard.close.last().is_some_and(|(c, _)| c == key)
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
        let list = ShardList {
            version: SEARCH_VERSION,
            shards: ["", "eco", "p"]
                .map(|from| ShardRef {
                    from: from.into(),
                    url: "corpus/_search.shard-1.0123456789abcdef.json".into(),
                })
                .into(),
        };
        assert_eq!(list.shard_of("abc"), Some(0));
        assert_eq!(list.shard_of("eco"), Some(1));
        assert_eq!(list.shard_of("economie"), Some(1));
        assert_eq!(list.shard_of("zzz"), Some(2));
        let json = serde_json::to_string(&list).unwrap();
        assert_eq!(ShardList::from_json(&json).unwrap(), list);
    }

    #[test]
    fn files_of_another_version_or_pointing_elsewhere_are_refused() {
        assert!(matches!(
            ShardList::from_json(r#"{"version":2,"shards":[]}"#),
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
            r#"{"version":1,"shards":[{"from":"","url":"https://elsewhere/x.json"}]}"#,
            r#"{"version":1,"shards":[{"from":"b","url":"corpus/a.json"}]}"#,
            r#"{"version":1,"shards":[{"from":"","url":"corpus/a.json"},{"from":"","url":"corpus/b.json"}]}"#,
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
    fn shards_split_the_keys_in_order_and_keep_a_key_whole() {
        // Enough terms for several shards, and one term with postings
        // larger than a shard.
        let mut terms: Vec<(String, Postings)> = (0..4000)
            .map(|i| (format!("word{i:05}"), vec![1, 1, 3]))
            .collect();
        terms.push(("zeta".into(), vec![1; 3 * SHARD_BYTES]));
        terms.sort();
        let shards = split(terms.clone());
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
                assert!(key >= from && next.is_none_or(|next| key.as_str() < next), "{key} in shard {n}");
            }
        }
        // Every term is in one shard, with its postings.
        let all: Vec<&(String, Postings)> = shards.iter().flat_map(|s| &s.1.terms).collect();
        assert_eq!(all.len(), terms.len());
        // A key that is both a term and a close key ("word0001" is left
        // when a letter of "word00001" is) is in one shard only.
        let mut seen: Vec<(String, usize)> = Vec::new();
        for (n, (_, shard)) in shards.iter().enumerate() {
            for key in shard.terms.iter().map(|t| &t.0).chain(shard.close.iter().map(|c| &c.0)) {
                seen.push((key.clone(), n));
            }
        }
        seen.sort();
        seen.dedup();
        assert!(seen.windows(2).all(|w| w[0].0 != w[1].0), "a key in two shards");
        let close_of = |key: &str| {
            shards
                .iter()
                .flat_map(|s| &s.1.close)
                .find(|c| c.0 == key)
                .map(|c| c.1.clone())
        };
        assert_eq!(close_of("zta"), Some(vec!["zeta".to_string()]));
        let of_word0000 = close_of("word0000").unwrap();
        for term in ["word00000", "word00001", "word00010", "word01000"] {
            assert!(of_word0000.contains(&term.to_string()), "{term}");
        }
    }
}
