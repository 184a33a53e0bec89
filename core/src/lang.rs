//! The two languages of the corpus and of the interface.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A language an essay is written in, and the language a reader reads in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    Fr,
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Fr, Lang::En];

    /// The BCP 47 code used in URLs, file names and `lang` attributes.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Fr => "fr",
            Lang::En => "en",
        }
    }

    /// Parses a code exactly as written in front matter and URLs ("fr", "en").
    pub fn from_code(code: &str) -> Option<Lang> {
        match code {
            "fr" => Some(Lang::Fr),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The reading language a browser asks for: the first of its preferred
    /// languages that is French or English ("fr-CA" counts as French), else
    /// English.
    pub fn from_browser_preferences<'a>(preferred: impl IntoIterator<Item = &'a str>) -> Lang {
        for tag in preferred {
            let primary = tag
                .split(['-', '_'])
                .next()
                .unwrap_or("")
                .to_ascii_lowercase();
            match primary.as_str() {
                "fr" => return Lang::Fr,
                "en" => return Lang::En,
                _ => {}
            }
        }
        Lang::En
    }

    pub fn other(self) -> Lang {
        match self {
            Lang::Fr => Lang::En,
            Lang::En => Lang::Fr,
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn browser_preferences_pick_the_first_supported_language() {
        assert_eq!(
            Lang::from_browser_preferences(["de-DE", "fr-CA", "en"]),
            Lang::Fr
        );
        assert_eq!(Lang::from_browser_preferences(["en-GB", "fr"]), Lang::En);
        assert_eq!(Lang::from_browser_preferences(["FR"]), Lang::Fr);
    }

    #[test]
    fn browser_preferences_fall_back_to_english() {
        assert_eq!(Lang::from_browser_preferences(["de", "ja"]), Lang::En);
        assert_eq!(Lang::from_browser_preferences(Vec::<&str>::new()), Lang::En);
    }

    #[test]
    fn codes_round_trip_and_reject_others() {
        for lang in Lang::ALL {
            assert_eq!(Lang::from_code(lang.code()), Some(lang));
        }
        assert_eq!(Lang::from_code("de"), None);
        assert_eq!(Lang::from_code("FR"), None);
    }
}
