//! Full-text search over every essay in both languages: case-, accent- and
//! punctuation-insensitive, with light stemming, words AND-ed and "quoted
//! phrases" matched as phrases. Built in the browser from the corpus, so it
//! works offline.
//!
//! Stemming is a small hand-written plural folding (French -s/-x, English
//! -s/-es/-ies) rather than a Snowball crate: the app is already above its
//! size budget (docs/performance.md), and plurals are what readers mistype.

use crate::corpus::{Corpus, Essay};
use crate::document::{inline_text, parse_body, Block};
use crate::lang::Lang;
use crate::text::ascii_folding;

/// A token: its normalised, stemmed form and where it is in the source text
/// (byte range), for highlighting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub term: String,
    pub start: usize,
    pub end: usize,
}

/// Lower case, accents folded, œ/æ spelled out; nothing else changes.
pub fn normalize_word(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for ch in word.chars() {
        match ascii_folding(ch) {
            Some(folded) => out.push_str(folded),
            None => out.extend(ch.to_lowercase()),
        }
    }
    out
}

/// Folds plurals to the singular, per language.
pub fn stem(word: &str, lang: Lang) -> String {
    let n = word.chars().count();
    // Short words are too often not plurals ("prix", "gas", "bus").
    if n <= 4 {
        return word.to_string();
    }
    match lang {
        Lang::Fr => {
            if let Some(s) = word.strip_suffix("aux").filter(|_| n > 4) {
                return format!("{s}al");
            }
            word.strip_suffix(['s', 'x']).unwrap_or(word).to_string()
        }
        Lang::En => {
            if let Some(s) = word.strip_suffix("ies").filter(|_| n > 4) {
                return format!("{s}y");
            }
            if let Some(s) = ["sses", "shes", "ches", "xes"]
                .iter()
                .find_map(|suffix| word.strip_suffix(suffix).map(|s| (s, suffix)))
            {
                return format!("{}{}", s.0, &s.1[..s.1.len() - 2]);
            }
            if word.ends_with("ss") || word.ends_with("us") || word.ends_with("is") {
                return word.to_string();
            }
            word.strip_suffix('s').unwrap_or(word).to_string()
        }
    }
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
        let is_word = ch.is_alphanumeric() && i < text.len();
        match (is_word, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                let word = &text[s..i];
                tokens.push(Token {
                    term: stem(&normalize_word(word), lang),
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

/// A parsed query: single words and phrases, all required.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Query {
    pub words: Vec<String>,
    pub phrases: Vec<Vec<String>>,
}

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
        Query { words, phrases }
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty() && self.phrases.is_empty()
    }
}

/// One searchable text of an essay: its title (block None) or a body block.
#[derive(Debug, Clone)]
struct Passage {
    block: Option<usize>,
    text: String,
    tokens: Vec<Token>,
}

/// The search index of one essay.
#[derive(Debug, Clone)]
pub struct EssayIndex {
    pub slug: String,
    pub lang: Lang,
    pub translation_key: String,
    passages: Vec<Passage>,
}

/// The index of a whole corpus.
#[derive(Debug, Clone, Default)]
pub struct SearchIndex {
    essays: Vec<EssayIndex>,
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
}

impl SearchIndex {
    pub fn build(corpus: &Corpus) -> SearchIndex {
        SearchIndex {
            essays: corpus.essays.iter().map(index_essay).collect(),
        }
    }

    /// Every essay version that contains all the query's words and phrases
    /// (anywhere in its title and body), in corpus order.
    pub fn search(&self, text: &str) -> Vec<SearchHit> {
        let queries = [
            Query::for_lang(text, Lang::Fr),
            Query::for_lang(text, Lang::En),
        ];
        if queries.iter().all(Query::is_empty) {
            return Vec::new();
        }
        self.essays
            .iter()
            .filter_map(|essay| {
                let query = &queries[usize::from(essay.lang == Lang::En)];
                matches(essay, query).then(|| hit(essay, query))
            })
            .collect()
    }
}

fn index_essay(essay: &Essay) -> EssayIndex {
    let mut passages = vec![Passage {
        block: None,
        text: essay.title.clone(),
        tokens: tokenize(&essay.title, essay.lang),
    }];
    for (i, block) in parse_body(&essay.body).iter().enumerate() {
        let text = block_text(block);
        passages.push(Passage {
            block: Some(i + 1),
            tokens: tokenize(&text, essay.lang),
            text,
        });
    }
    EssayIndex {
        slug: essay.slug.clone(),
        lang: essay.lang,
        translation_key: essay.translation_key.clone(),
        passages,
    }
}

fn block_text(block: &Block) -> String {
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

fn matches(essay: &EssayIndex, query: &Query) -> bool {
    query.words.iter().all(|w| {
        essay
            .passages
            .iter()
            .any(|p| p.tokens.iter().any(|t| &t.term == w))
    }) && query.phrases.iter().all(|ph| {
        essay
            .passages
            .iter()
            .any(|p| has_phrase(&p.tokens, ph).is_some())
    })
}

/// The passage with the most of the query in it (phrases count double),
/// earliest first, and its snippet.
fn hit(essay: &EssayIndex, query: &Query) -> SearchHit {
    let score = |p: &Passage| {
        let words = query
            .words
            .iter()
            .filter(|w| p.tokens.iter().any(|t| &t.term == *w))
            .count();
        let phrases = query
            .phrases
            .iter()
            .filter(|ph| has_phrase(&p.tokens, ph).is_some())
            .count();
        words + 2 * phrases
    };
    let best = essay
        .passages
        .iter()
        .enumerate()
        .max_by_key(|(i, p)| (score(p), std::cmp::Reverse(*i)))
        .map(|(_, p)| p)
        .unwrap_or(&essay.passages[0]);
    SearchHit {
        slug: essay.slug.clone(),
        lang: essay.lang,
        translation_key: essay.translation_key.clone(),
        block: best.block,
        snippet: snippet(best, query),
    }
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
    let text = &passage.text;
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
                text: text[at..start].to_string(),
                highlighted: false,
            });
        }
        parts.push(SnippetPart {
            text: text[start..end].to_string(),
            highlighted: true,
        });
        at = end;
    }
    if at < to {
        parts.push(SnippetPart {
            text: text[at..to].to_string(),
            highlighted: false,
        });
    }
    if to < text.len() {
        parts.push(SnippetPart {
            text: "…".into(),
            highlighted: false,
        });
    }
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
    fn normalisation_folds_case_accents_and_ligatures() {
        assert_eq!(normalize_word("Économie"), "economie");
        assert_eq!(normalize_word("RÉELLE"), "reelle");
        assert_eq!(normalize_word("œuvre"), "oeuvre");
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
    fn plurals_fold_to_the_singular() {
        assert_eq!(stem("organizations", Lang::En), "organization");
        assert_eq!(stem("economies", Lang::En), "economy");
        assert_eq!(stem("business", Lang::En), "business");
        assert_eq!(stem("entreprises", Lang::Fr), "entreprise");
        assert_eq!(stem("journaux", Lang::Fr), "journal");
        assert_eq!(stem("prix", Lang::Fr), "prix", "short words are left alone");
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

    #[test]
    fn snippets_highlight_matches_and_cut_around_them() {
        let passage = Passage {
            block: Some(3),
            text: "La crise de l’économie réelle est là.".into(),
            tokens: tokenize("La crise de l’économie réelle est là.", Lang::Fr),
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
