//! Where the reader left each essay, on this device only: the library's
//! "Continue reading" line and the essay page's return to its place. A plain
//! list kept as JSON in localStorage by the app; whatever the storage holds
//! (nothing, garbage, an older shape) reads as a list, never as an error.

use crate::align::Alignment;
use crate::document::Block;
use crate::lang::Lang;
use serde::{Deserialize, Serialize};
use std::ops::Range;

/// How many essays are remembered: the oldest goes first.
pub const REMEMBERED: usize = 20;

/// One essay's place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Place {
    /// The essay version read (its address).
    pub slug: String,
    /// The reading language of the page (the interface's).
    pub lang: Lang,
    pub side_by_side: bool,
    /// The body block at the top of the screen, numbered as in `#p<n>`
    /// (from 1); 0 at the top of the page.
    pub block: usize,
    /// Blocks in the body: how far `block` is.
    pub blocks: usize,
    /// When, in milliseconds since 1970: newest first.
    pub at: u64,
}

impl Place {
    /// Read to the last screen: the essay is finished, not "to continue".
    pub fn is_finished(&self) -> bool {
        self.blocks == 0 || self.block + 2 >= self.blocks
    }

    /// How far through, in percent (0 to 100).
    pub fn percent(&self) -> u32 {
        if self.blocks == 0 {
            return 100;
        }
        ((self.block as f64 / self.blocks as f64) * 100.0).round() as u32
    }
}

/// Every remembered place, newest first.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReadingLog {
    places: Vec<Place>,
}

impl ReadingLog {
    /// Reads what the storage held; anything unreadable is an empty log.
    pub fn from_json(text: Option<&str>) -> ReadingLog {
        let mut places: Vec<Place> = text
            .and_then(|t| serde_json::from_str(t).ok())
            .unwrap_or_default();
        places.sort_by_key(|p| std::cmp::Reverse(p.at));
        places.truncate(REMEMBERED);
        ReadingLog { places }
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(&self.places).unwrap_or_else(|_| "[]".into())
    }

    /// Records a place: it replaces the essay's previous one (whichever of
    /// its versions, `same_essay` says which slugs are one essay) and comes
    /// first. A place at the very top (block 0) of an essay never started
    /// is not a start.
    pub fn record(&mut self, place: Place, same_essay: impl Fn(&str) -> bool) {
        let known = self.places.iter().any(|p| same_essay(&p.slug));
        if place.block == 0 && !known {
            return;
        }
        self.places.retain(|p| !same_essay(&p.slug));
        self.places.insert(0, place);
        self.places.truncate(REMEMBERED);
    }

    /// The place remembered for one essay (any of its versions).
    pub fn place_of(&self, same_essay: impl Fn(&str) -> bool) -> Option<&Place> {
        self.places.iter().find(|p| same_essay(&p.slug))
    }

    /// Essays started and not finished, newest first.
    pub fn to_continue(&self) -> impl Iterator<Item = &Place> {
        self.places.iter().filter(|p| !p.is_finished())
    }
}

/// The reading keys of an essay page, with what each does: the shortcut
/// list and the key handler read this one table.
pub const KEYS: [(&str, Key); 4] = [
    ("j", Key::Next),
    ("k", Key::Previous),
    ("t", Key::Translation),
    ("?", Key::Help),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    Next,
    Previous,
    Translation,
    Help,
}

impl Key {
    pub fn of(key: &str) -> Option<Key> {
        KEYS.iter().find(|(k, _)| *k == key).map(|&(_, key)| key)
    }

    pub fn describe(self, ui: &crate::ui::UiStrings) -> &'static str {
        match self {
            Key::Next => ui.shortcut_next,
            Key::Previous => ui.shortcut_previous,
            Key::Translation => ui.shortcut_translation,
            Key::Help => ui.shortcut_help,
        }
    }
}

/// One sentence said aloud, in its language: from block `block` (0-based)
/// of the reading text, or of its translation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Utterance {
    pub text: String,
    pub lang: Lang,
    pub block: usize,
    pub translation: bool,
}

/// What "Listen" says, in order: every sentence of the text (code and rules
/// are not read); with a translation, after each row of the alignment the
/// sentences of what faces it, in the translation's language.
pub fn read_aloud(
    blocks: &[Block],
    lang: Lang,
    translation: Option<(&[Block], Lang, &Alignment)>,
) -> Vec<Utterance> {
    let sentences = |blocks: &[Block], range: Range<usize>, lang: Lang, translation: bool| {
        range
            .filter(|&i| !matches!(blocks[i], Block::Code(_) | Block::Rule))
            .flat_map(move |i| {
                let text = crate::search::block_text(&blocks[i]);
                crate::text::sentences(&text)
                    .into_iter()
                    .map(|s| s.trim().to_string())
                    .filter(|s| !s.is_empty())
                    .map(|text| Utterance {
                        text,
                        lang,
                        block: i,
                        translation,
                    })
                    .collect::<Vec<_>>()
            })
            .collect::<Vec<_>>()
    };
    let Some((other, other_lang, alignment)) = translation else {
        return sentences(blocks, 0..blocks.len(), lang, false);
    };
    let by_position;
    let alignment = if alignment.fits(blocks.len(), other.len()) {
        alignment
    } else {
        by_position = Alignment::by_position(blocks.len(), other.len());
        &by_position
    };
    alignment
        .rows
        .iter()
        .flat_map(|row| {
            let mut said = sentences(blocks, row.left.clone(), lang, false);
            said.extend(sentences(other, row.right.clone(), other_lang, true));
            said
        })
        .collect()
}

/// The fraction of an essay read and the minutes left at 230 words a
/// minute (as [`crate::ui::reading_time`] counts), from how far down the
/// page the reader is (0.0 to 1.0).
pub fn minutes_left(word_count: u32, fraction: f64) -> u32 {
    let left = f64::from(word_count) * (1.0 - fraction.clamp(0.0, 1.0));
    (left / 230.0).ceil() as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    fn place(slug: &str, block: usize, at: u64) -> Place {
        Place {
            slug: slug.into(),
            lang: Lang::Fr,
            side_by_side: false,
            block,
            blocks: 40,
            at,
        }
    }

    #[test]
    fn garbage_in_storage_is_an_empty_log() {
        for text in [
            None,
            Some(""),
            Some("{"),
            Some("[{\"slug\":1}]"),
            Some("null"),
        ] {
            assert_eq!(
                ReadingLog::from_json(text),
                ReadingLog::default(),
                "{text:?}"
            );
        }
    }

    #[test]
    fn the_newest_place_of_each_essay_comes_first_and_round_trips() {
        let mut log = ReadingLog::default();
        log.record(place("a-fr", 5, 1), |s| s == "a-fr");
        log.record(place("b", 7, 2), |s| s == "b");
        // The English version of essay a: one essay, one place.
        log.record(place("a-en", 9, 3), |s| s == "a-fr" || s == "a-en");
        let slugs: Vec<&str> = log.to_continue().map(|p| p.slug.as_str()).collect();
        assert_eq!(slugs, ["a-en", "b"]);
        assert_eq!(ReadingLog::from_json(Some(&log.to_json())), log);
        assert_eq!(log.place_of(|s| s == "b").map(|p| p.block), Some(7));
    }

    #[test]
    fn the_top_of_an_unstarted_essay_is_not_a_start_and_the_end_is_not_to_continue() {
        let mut log = ReadingLog::default();
        log.record(place("a", 0, 1), |s| s == "a");
        assert_eq!(log.to_continue().count(), 0);
        log.record(place("a", 38, 2), |s| s == "a");
        assert_eq!(log.to_continue().count(), 0, "finished");
        log.record(place("a", 0, 3), |s| s == "a");
        assert_eq!(
            log.to_continue().count(),
            1,
            "back to the top of a started essay"
        );
        for n in 0..30 {
            log.record(place(&format!("e{n}"), 3, 10 + n), |s| s == format!("e{n}"));
        }
        assert_eq!(log.to_continue().count(), REMEMBERED);
    }

    #[test]
    fn listening_says_each_row_then_what_faces_it_in_its_language() {
        use crate::align::{align_bodies, Corrections};
        use crate::document::parse_body;
        let fr = parse_body("Bonjour. Il fait beau.\n\n```\ncode\n```\n\nAu revoir.");
        let en = parse_body("Hello. The weather is fine.\n\n```\ncode\n```\n\nGoodbye.");
        let alone: Vec<(String, Lang)> = read_aloud(&fr, Lang::Fr, None)
            .into_iter()
            .map(|u| (u.text, u.lang))
            .collect();
        assert_eq!(
            alone,
            [
                ("Bonjour.".to_string(), Lang::Fr),
                ("Il fait beau.".to_string(), Lang::Fr),
                ("Au revoir.".to_string(), Lang::Fr)
            ]
        );
        let rows = align_bodies(&fr, &en, &Corrections::default());
        let said = read_aloud(&fr, Lang::Fr, Some((&en, Lang::En, &rows)));
        let both: Vec<(&str, Lang, usize, bool)> = said
            .iter()
            .map(|u| (u.text.as_str(), u.lang, u.block, u.translation))
            .collect();
        assert_eq!(
            both,
            [
                ("Bonjour.", Lang::Fr, 0, false),
                ("Il fait beau.", Lang::Fr, 0, false),
                ("Hello.", Lang::En, 0, true),
                ("The weather is fine.", Lang::En, 0, true),
                ("Au revoir.", Lang::Fr, 2, false),
                ("Goodbye.", Lang::En, 2, true),
            ]
        );
        // Rows that do not fit the texts: block beside block.
        let broken = Alignment { rows: vec![] };
        assert_eq!(
            read_aloud(&fr, Lang::Fr, Some((&en, Lang::En, &broken))).len(),
            6
        );
    }

    #[test]
    fn minutes_left_and_percent() {
        assert_eq!(minutes_left(2300, 0.0), 10);
        assert_eq!(minutes_left(2300, 0.5), 5);
        assert_eq!(minutes_left(2300, 1.0), 0);
        assert_eq!(place("a", 10, 0).percent(), 25);
    }
}
