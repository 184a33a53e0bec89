//! Small text functions shared by the corpus tool and the app: slugs, the
//! Markdown dialect, escaping plain text into it and reading text back out.

#[cfg(feature = "markdown")]
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

#[cfg(feature = "markdown")]
/// The one Markdown dialect of the corpus: CommonMark plus `~~strike~~`.
/// The tool and the app both parse with it, so what is counted is what is shown.
pub fn markdown_options() -> Options {
    Options::ENABLE_STRIKETHROUGH
}

/// A URL-safe slug: lower case ASCII letters and digits separated by single
/// hyphens, accents folded ("Réalité" → "realite", "œuvre" → "oeuvre").
pub fn slugify(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    let mut pending_hyphen = false;
    let mut push = |ch: char, slug: &mut String| {
        if ch.is_ascii_alphanumeric() {
            if pending_hyphen && !slug.is_empty() {
                slug.push('-');
            }
            pending_hyphen = false;
            slug.push(ch.to_ascii_lowercase());
        } else {
            pending_hyphen = true;
        }
    };
    for ch in text.chars() {
        match ascii_folding(ch) {
            Some(folded) => folded.chars().for_each(|c| push(c, &mut slug)),
            None => push(ch, &mut slug),
        }
    }
    slug
}

/// Whether `slug` is already in the form [`slugify`] produces.
pub fn is_slug(slug: &str) -> bool {
    !slug.is_empty() && slugify(slug) == slug
}

/// The ASCII spelling of the accented Latin letters of French and English.
pub(crate) fn ascii_folding(ch: char) -> Option<&'static str> {
    // Most letters are ASCII, which never fold: no lower-casing for them
    // (a 20,000-pair build spent 9 % of its time lower-casing letters).
    if ch.is_ascii() {
        return None;
    }
    Some(match ch.to_lowercase().next().unwrap_or(ch) {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => "a",
        'ç' => "c",
        'è' | 'é' | 'ê' | 'ë' => "e",
        'ì' | 'í' | 'î' | 'ï' => "i",
        'ñ' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' => "o",
        'ù' | 'ú' | 'û' | 'ü' => "u",
        'ý' | 'ÿ' => "y",
        'œ' => "oe",
        'æ' => "ae",
        _ => return None,
    })
}

/// Escapes plain text so that, as one Markdown paragraph, it renders as
/// exactly that text: nothing in it becomes emphasis, a link, HTML, an entity
/// or a list. Only what would otherwise change meaning is escaped, so the
/// source stays readable for an editor.
pub fn escape_markdown_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let chars: Vec<char> = text.chars().collect();
    for (i, &ch) in chars.iter().enumerate() {
        let escape = match ch {
            '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '~' => true,
            // Only an entity-shaped `&name;` or `&#123;` would be decoded.
            '&' => looks_like_entity(&chars[i + 1..]),
            // Block markers matter only at the start of the block.
            '#' | '>' | '-' | '+' | '=' | '|' if i == 0 => true,
            // "2014. The year…" would start an ordered list.
            '.' | ')' if i > 0 && i <= 9 && chars[..i].iter().all(|c| c.is_ascii_digit()) => true,
            _ => false,
        };
        if escape {
            out.push('\\');
        }
        out.push(ch);
    }
    out
}

/// The sentences of a paragraph's text, each with its closing punctuation
/// and without the space after it. A sentence ends at `.`, `?`, `!` or `…`
/// (and any closing quotes or brackets after it) followed by a space and a
/// capital letter, a digit or an opening quote; a capital's initial
/// ("J. K. Rowling") and the usual abbreviations ("M.", "Dr.", "p.") do not
/// end one. Used by the aligner and, in the app, by sentence-level reading.
pub fn sentences(text: &str) -> Vec<&str> {
    const ABBREVIATIONS: [&str; 10] = ["M", "Mr", "Mrs", "Ms", "Dr", "Mme", "St", "p", "cf", "etc"];
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut k = 0;
    while k < chars.len() {
        let (_, c) = chars[k];
        if matches!(c, '.' | '?' | '!' | '…') {
            let mut end = k + 1;
            loop {
                match chars.get(end).map(|c| c.1) {
                    Some('.' | '?' | '!' | '…' | '»' | '”' | '"' | ')' | '’' | '\'') => {
                        end += 1
                    }
                    // French sets a space before its closing guillemet.
                    Some(w)
                        if w.is_whitespace() && chars.get(end + 1).map(|c| c.1) == Some('»') =>
                    {
                        end += 2
                    }
                    _ => break,
                }
            }
            let space = end < chars.len() && chars[end].1.is_whitespace();
            let mut next = end;
            while next < chars.len() && chars[next].1.is_whitespace() {
                next += 1;
            }
            let opens = next < chars.len() && {
                let n = chars[next].1;
                n.is_uppercase()
                    || n.is_ascii_digit()
                    || matches!(n, '«' | '“' | '"' | '(' | '—' | '–')
            };
            let word_before: &str = {
                let upto = chars[k].0;
                let from = text[..upto]
                    .rfind(|ch: char| ch.is_whitespace() || ch == '(')
                    .map(|i| i + 1)
                    .unwrap_or(0);
                &text[from..upto]
            };
            let abbreviation = c == '.'
                && (ABBREVIATIONS.contains(&word_before)
                    || (word_before.chars().count() == 1
                        && word_before.chars().all(char::is_uppercase)));
            if space && opens && !abbreviation {
                let end_byte = chars.get(end).map_or(text.len(), |&(i, _)| i);
                let sentence = text[start..end_byte].trim();
                if !sentence.is_empty() {
                    out.push(sentence);
                }
                start = chars.get(next).map_or(text.len(), |&(i, _)| i);
                k = next;
                continue;
            }
            k = end;
            continue;
        }
        k += 1;
    }
    let rest = text[start..].trim();
    if !rest.is_empty() {
        out.push(rest);
    }
    out
}

fn looks_like_entity(rest: &[char]) -> bool {
    let name_len = rest
        .iter()
        .take_while(|c| c.is_ascii_alphanumeric() || **c == '#')
        .count();
    name_len > 0 && rest.get(name_len) == Some(&';')
}

#[cfg(feature = "markdown")]
/// The text a reader sees in a Markdown body, blocks separated by a blank
/// line, inline markup removed.
pub fn plain_text(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len());
    for event in Parser::new_ext(markdown, markdown_options()) {
        match event {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item) => {
                out.push_str("\n\n")
            }
            Event::Start(Tag::Image { .. }) => {}
            _ => {}
        }
    }
    out.trim_end().to_string()
}

/// A text whose directional controls cannot reach past it. An editor's
/// paste may hold a right-to-left override (U+202E) or embedding that is
/// never closed: shown as is, it would reverse whatever the page puts after
/// the text on the same line (a count, the site's name in the tab title).
/// Every control opened is closed at the end, and closers that close
/// nothing are dropped; the text itself is kept, with its intended
/// direction. The explicit controls are these nine characters (Unicode's
/// bidirectional algorithm, UAX #9), so no table is needed.
pub fn contain_bidi(text: &str) -> std::borrow::Cow<'_, str> {
    const PDF: char = '\u{202C}';
    const PDI: char = '\u{2069}';
    if !has_bidi_control(text) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    // Open controls, innermost last: `true` for an isolate.
    let mut open: Vec<bool> = Vec::new();
    for ch in text.chars() {
        match ch {
            '\u{202A}' | '\u{202B}' | '\u{202D}' | '\u{202E}' => open.push(false),
            '\u{2066}'..='\u{2068}' => open.push(true),
            PDF if open.last() == Some(&false) => {
                open.pop();
            }
            // A PDI closes its isolate and every embedding opened inside it.
            PDI if open.contains(&true) => while open.pop() == Some(false) {},
            PDF | PDI => continue,
            _ => {}
        }
        out.push(ch);
    }
    out.extend(
        open.iter()
            .rev()
            .map(|&isolate| if isolate { PDI } else { PDF }),
    );
    std::borrow::Cow::Owned(out)
}

/// Whether `text` holds one of the nine explicit directional controls.
/// Read as bytes, not characters: in UTF-8 each control is three bytes,
/// E2 80 AA–AE (U+202A–U+202E) or E2 81 A6–A9 (U+2066–U+2069), and a byte
/// E2 only ever starts a character, so nothing needs decoding, and the E2s
/// are found several bytes at a time. Every title and excerpt is checked
/// as the app reads the index: decoding them character by character was
/// about a quarter of reading it (docs/performance.md).
fn has_bidi_control(text: &str) -> bool {
    let bytes = text.as_bytes();
    memchr::memchr_iter(0xE2, bytes).any(|at| {
        matches!(
            (bytes.get(at + 1), bytes.get(at + 2)),
            (Some(0x80), Some(0xAA..=0xAE)) | (Some(0x81), Some(0xA6..=0xA9))
        )
    })
}

/// [`contain_bidi`] for an owned text, which is kept when nothing changes.
pub fn contained(text: String) -> String {
    match contain_bidi(&text) {
        std::borrow::Cow::Borrowed(_) => text,
        std::borrow::Cow::Owned(changed) => changed,
    }
}

#[cfg(feature = "markdown")]
/// Words as a reader counts them: runs of non-space that hold a letter or
/// digit (so "—" and "…" are not words, "9xxx" and "l’entreprise" are).
pub fn word_count(markdown: &str) -> u32 {
    let count = plain_text(markdown)
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count();
    u32::try_from(count).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The byte-wise look for a directional control finds one exactly
        /// when a character is one, among texts made of the controls, their
        /// neighbours in Unicode and other characters whose UTF-8 starts
        /// with the same byte (’, …, —).
        #[test]
        fn a_directional_control_is_found_byte_by_byte_exactly_when_there_is_one(
            text in proptest::strategy::Strategy::prop_map(proptest::collection::vec(
                proptest::sample::select(vec![
                    'a', 'é', ' ', '\u{2019}', '\u{2026}', '\u{2014}', '\u{2029}',
                    '\u{2065}', '\u{206A}', '\u{20AC}', '\u{2E80}', '\u{10FFFF}',
                    '\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}', '\u{202E}',
                    '\u{2066}', '\u{2067}', '\u{2068}', '\u{2069}',
                ]),
                0..12,
            ), |chars| chars.into_iter().collect::<String>())
        ) {
            let by_char = text
                .chars()
                .any(|ch| matches!(ch, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'));
            proptest::prop_assert_eq!(has_bidi_control(&text), by_char);
        }
    }

    #[test]
    fn slugify_folds_french_accents_and_ligatures() {
        assert_eq!(
            slugify("Franchir le mur de la réalité"),
            "franchir-le-mur-de-la-realite"
        );
        assert_eq!(
            slugify("Le business modèle brisé du business"),
            "le-business-modele-brise-du-business"
        );
        assert_eq!(
            slugify("L’œuvre — Vu, lu ou entendu !"),
            "l-oeuvre-vu-lu-ou-entendu"
        );
        assert_eq!(slugify("  --  "), "");
    }

    #[test]
    fn is_slug_accepts_only_canonical_slugs() {
        assert!(is_slug("the-stopcock-and-the-new-economy"));
        assert!(!is_slug("The-Stopcock"));
        assert!(!is_slug("a--b"));
        assert!(!is_slug("<script>"));
        assert!(!is_slug(""));
    }

    #[test]
    fn escaped_text_renders_back_to_itself() {
        let samples = [
            "Future of [Collaborative] Enterprise project,",
            "2014 will be the year #socbiz will fork. Idealists on one side",
            "# not a heading",
            "> not a quote",
            "- not a list",
            "2014. not a list",
            "1) not a list either",
            "*not emphasis* and _not either_ and `not code`",
            "<script>alert(1)</script> stays text",
            "AT&amp;T and &#60; stay as typed, & alone too",
            "~~not struck~~ and back\\slash",
            "[a link](javascript:alert(1)) stays text",
            "« Guillemets » et l’apostrophe : œ, à, é…",
        ];
        for sample in samples {
            let markdown = escape_markdown_text(sample);
            assert_eq!(plain_text(&markdown), sample, "escaped as {markdown:?}");
        }
    }

    #[test]
    fn escaping_leaves_ordinary_prose_readable() {
        let prose = "Nous savons tous (ou devrions savoir) que l’entreprise, c’est 3% : “vendre”.";
        assert_eq!(escape_markdown_text(prose), prose);
    }

    #[test]
    fn directional_controls_are_closed_within_their_text() {
        assert!(matches!(
            contain_bidi("plain"),
            std::borrow::Cow::Borrowed(_)
        ));
        assert_eq!(contain_bidi("a\u{202E}bc"), "a\u{202E}bc\u{202C}");
        assert_eq!(contain_bidi("a\u{202E}b\u{202C}c"), "a\u{202E}b\u{202C}c");
        assert_eq!(
            contain_bidi("\u{202C}\u{2069}x"),
            "x",
            "closers of nothing go"
        );
        assert_eq!(
            contain_bidi("\u{2067}a\u{202D}b"),
            "\u{2067}a\u{202D}b\u{202C}\u{2069}",
            "innermost closed first"
        );
        assert_eq!(
            contain_bidi("\u{2068}a\u{202B}b\u{2069}c\u{202C}"),
            "\u{2068}a\u{202B}b\u{2069}c",
            "a PDI closes the embeddings inside its isolate"
        );
    }

    #[test]
    fn sentences_end_at_punctuation_before_a_capital() {
        assert_eq!(
            sentences("Il dit : « Non ! » Puis il part. M. Dupont reste… 2014 arrive? oui."),
            vec![
                "Il dit : « Non ! »",
                "Puis il part.",
                "M. Dupont reste…",
                "2014 arrive? oui."
            ]
        );
        assert_eq!(
            sentences("J. K. Rowling wrote it (in 1997). “Then what?” she asked. See p. 12."),
            vec![
                "J. K. Rowling wrote it (in 1997).",
                "“Then what?” she asked.",
                "See p. 12."
            ]
        );
        assert_eq!(sentences("   "), Vec::<&str>::new());
        assert_eq!(sentences("No end"), vec!["No end"]);
    }

    #[test]
    fn word_count_counts_words_not_markup_or_punctuation() {
        assert_eq!(
            word_count("## Un titre\n\nLe ~~vieux~~ mot — *très* bien…\n\n> “Cité” ici"),
            9
        );
        assert_eq!(word_count(""), 0);
    }
}
