//! Import of a blog export (the plain-text format of `content/imports/`)
//! into content files.
//!
//! The export is lossy and this module repairs what can be repaired
//! mechanically, each rule a named function with its own tests:
//! - a post is a title line, blocks separated by blank lines, and a footer
//!   `Posted in <categories> | Tagged <tags> | <comments>`;
//! - short lines without final punctuation are section headings
//!   ([`classify_block`]); quoted paragraphs and embedded tweets are quotes;
//! - categories may contain commas ("Vu, lu ou entendu"), so the footer is
//!   matched against the known labels, longest first ([`parse_categories`]);
//!   "Francais"/"English" are language markers, not categories;
//! - an image caption fused to the first word ("business modèleJour après…")
//!   is split off as image alt text ([`split_fused_caption`]);
//! - tag names are lost ("Tagged , , , , |"): only their count is kept, as a
//!   note for the editor, who assigns tags by hand;
//! - translations are not linked in the export: a post and the next one, in
//!   the other language and of about the same length, are taken as a pair.
//!
//! What the editor then fixes by hand (tags, a lost strike-through) is never
//! overwritten: [`write_new_files`] only creates files that do not exist.

use crate::corpus::Taxonomy;
use crate::lang::Lang;
use crate::text::{escape_markdown_text, slugify};
use std::fs;
use std::path::{Path, PathBuf};
use thiserror::Error;

/// A problem in an export, at its line.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("line {line}: {problem}")]
pub struct ImportError {
    pub line: usize,
    pub problem: ImportProblem,
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ImportProblem {
    #[error("the export holds no post")]
    Empty,
    #[error("post {title:?} ends without a “Posted in … | Tagged … | …” line")]
    MissingFooter { title: String },
    #[error("post {title:?} has a title but no text")]
    EmptyPost { title: String },
    #[error("footer {0:?} is not “Posted in … | Tagged … | …”")]
    MalformedFooter(String),
    #[error(
        "unknown category {label:?}: add it (with both labels) to taxonomy.toml, then import again"
    )]
    UnknownCategory { label: String },
    #[error("comment count {0:?} is neither “Leave a comment” nor “N Comment(s)”")]
    MalformedComments(String),
    #[error("cannot tell the language of post {title:?}: none of its categories is “Francais”, “English” or a known label")]
    UnknownLanguage { title: String },
}

/// How a block of the export is to be written in Markdown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    Paragraph,
    Heading,
    Quote,
}

/// One post of the export, as understood.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportedPost {
    pub line: usize,
    pub title: String,
    pub lang: Lang,
    pub slug: String,
    pub translation_key: String,
    /// 1 for the first (newest) post.
    pub position: u32,
    pub categories: Vec<String>,
    /// How many tags the post had; their names are not in the export.
    pub lost_tag_count: usize,
    pub comments: u32,
    pub image_alt: Option<String>,
    pub blocks: Vec<(BlockKind, String)>,
}

impl ImportedPost {
    /// The content file name: `<translation key>.<lang>.md`, so that the two
    /// languages of an essay sit side by side in `content/essays/`.
    pub fn file_name(&self) -> String {
        format!("{}.{}.md", self.translation_key, self.lang)
    }

    pub fn body_markdown(&self) -> String {
        let blocks: Vec<String> = self
            .blocks
            .iter()
            .map(|(kind, text)| {
                let text = escape_markdown_text(text);
                match kind {
                    BlockKind::Paragraph => text,
                    BlockKind::Heading => format!("## {text}"),
                    BlockKind::Quote => format!("> {text}"),
                }
            })
            .collect();
        blocks.join("\n\n")
    }

    /// The whole content file: front matter and Markdown body, written
    /// through the one front-matter type ([`crate::content::FrontMatter`]).
    pub fn to_content_file(&self) -> String {
        let mut front = crate::content::FrontMatter::new(
            &self.slug,
            self.lang,
            &self.title,
            &self.translation_key,
            self.position,
        )
        .with_categories(&self.categories);
        front.comments = self.comments;
        front.image_alt = self.image_alt.clone();
        let note = format!(
            "the export lost the names of its {} tags: choose them in taxonomy.toml",
            self.lost_tag_count
        );
        front.write(Some(&note), &self.body_markdown())
    }
}

/// The categories, language and comment count read from a post's footer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Footer {
    pub categories: Vec<String>,
    pub marked_lang: Option<Lang>,
    /// Languages of the category labels as written (for posts with no marker).
    pub label_langs: Vec<Lang>,
    pub tag_count: usize,
    pub comments: u32,
}

const LANGUAGE_MARKERS: [(&str, Lang); 3] = [
    ("Francais", Lang::Fr),
    ("Français", Lang::Fr),
    ("English", Lang::En),
];

/// Parses `Posted in <categories> | Tagged <tags> | <comments>`.
pub fn parse_footer(line: &str, taxonomy: &Taxonomy) -> Result<Footer, ImportProblem> {
    let malformed = || ImportProblem::MalformedFooter(line.to_string());
    let rest = line.strip_prefix("Posted in ").ok_or_else(malformed)?;
    let parts: Vec<&str> = rest.split(" | ").collect();
    let [categories, tags, comments] = parts.as_slice() else {
        return Err(malformed());
    };
    let tags = tags.strip_prefix("Tagged").ok_or_else(malformed)?;
    let (categories, marked_lang, label_langs) = parse_categories(categories, taxonomy)?;
    Ok(Footer {
        categories,
        marked_lang,
        label_langs,
        tag_count: count_tags(tags),
        comments: parse_comments(comments)?,
    })
}

/// What a category list says: the category ids, the language a language
/// marker names (if one is there), and the language of each label matched.
pub type ParsedCategories = (Vec<String>, Option<Lang>, Vec<Lang>);

/// Splits a category list whose names may themselves contain ", " by
/// matching the known labels (both languages), longest first.
pub fn parse_categories(
    list: &str,
    taxonomy: &Taxonomy,
) -> Result<ParsedCategories, ImportProblem> {
    enum Known<'t> {
        Marker(Lang),
        Category(&'t str, Lang),
    }
    let mut labels: Vec<(&str, Known)> = LANGUAGE_MARKERS
        .iter()
        .map(|(l, lang)| (*l, Known::Marker(*lang)))
        .collect();
    for entry in &taxonomy.categories {
        labels.push((&entry.label.fr, Known::Category(&entry.id, Lang::Fr)));
        labels.push((&entry.label.en, Known::Category(&entry.id, Lang::En)));
    }
    labels.sort_by_key(|(label, _)| std::cmp::Reverse(label.len()));

    let (mut ids, mut marked, mut langs) = (Vec::new(), None, Vec::new());
    let mut rest = list.trim();
    while !rest.is_empty() {
        let found = labels.iter().find(|(label, _)| {
            rest.strip_prefix(label)
                .is_some_and(|after| after.is_empty() || after.starts_with(", "))
        });
        let Some((label, known)) = found else {
            let label = rest.split(", ").next().unwrap_or(rest).to_string();
            return Err(ImportProblem::UnknownCategory { label });
        };
        match known {
            Known::Marker(lang) => marked = Some(*lang),
            Known::Category(id, lang) => {
                if !ids.iter().any(|i| i == id) {
                    ids.push(id.to_string());
                }
                langs.push(*lang);
            }
        }
        rest = rest[label.len()..].trim_start_matches(", ").trim_start();
    }
    Ok((ids, marked, langs))
}

/// "Tagged , , , , " held five tags whose names were lost; "Tagged a, b"
/// two named ones. Either way the count is what survives.
pub fn count_tags(tags: &str) -> usize {
    let tags = tags.trim();
    if tags.is_empty() {
        0
    } else {
        tags.split(',').count()
    }
}

/// "Leave a comment" → 0, "1 Comment" → 1, "4 Comments" → 4 (and the French
/// forms of a French-language blog).
pub fn parse_comments(text: &str) -> Result<u32, ImportProblem> {
    let text = text.trim();
    if text.eq_ignore_ascii_case("Leave a comment")
        || text.eq_ignore_ascii_case("Laisser un commentaire")
    {
        return Ok(0);
    }
    let (number, word) = text
        .split_once(' ')
        .ok_or_else(|| ImportProblem::MalformedComments(text.into()))?;
    let word = word.to_lowercase();
    match (number.parse::<u32>(), word.as_str()) {
        (Ok(n), "comment" | "comments" | "commentaire" | "commentaires") => Ok(n),
        _ => Err(ImportProblem::MalformedComments(text.into())),
    }
}

/// Splits an image caption that the export fused to the first word of the
/// text: "business modèleJour après jour…" → ("business modèle", "Jour après
/// jour…"). The seam is a lower-case letter followed by a capitalised word
/// within the first 80 characters, with no sentence punctuation before it;
/// a caption is at least three characters ("McDonald" and "iPhone" are not
/// seams).
pub fn split_fused_caption(paragraph: &str) -> Option<(String, String)> {
    let chars: Vec<(usize, char)> = paragraph.char_indices().take(80).collect();
    for window in chars.windows(3) {
        let [(_, a), (i, b), (_, c)] = window else {
            continue;
        };
        if ".!?:;".contains(*a) {
            return None;
        }
        if a.is_lowercase() && b.is_uppercase() && c.is_lowercase() {
            let caption = paragraph[..*i].trim();
            if caption.chars().count() >= 3 && !caption.contains(['.', '!', '?', ':', ';']) {
                return Some((caption.to_string(), paragraph[*i..].to_string()));
            }
            return None;
        }
    }
    None
}

const OPENING_QUOTES: [char; 3] = ['“', '"', '«'];
const CLOSING_QUOTES: [char; 4] = ['”', '"', '»', '“'];

/// Tells a section heading and a quotation from an ordinary paragraph.
///
/// - Quote: the whole paragraph is between quotation marks (“…”, possibly
///   followed by final punctuation), or it is an embedded tweet (at most 280
///   characters, a #hashtag, no final punctuation).
/// - Heading: at most 80 characters, starts with a capital, no final
///   punctuation and no sentence inside.
pub fn classify_block(text: &str) -> BlockKind {
    let trimmed = text.trim();
    let ends_sentence =
        trimmed.ends_with(['.', '!', '?', ':', ';', ',', '…']) || trimmed.ends_with(CLOSING_QUOTES);
    let core = trimmed.trim_end_matches(['.', ',', ';', ':', ' ']);
    if trimmed.starts_with(OPENING_QUOTES) && core.chars().count() > 2 {
        let inner = &core[core.chars().next().map_or(0, char::len_utf8)..];
        if let Some(close) = inner.find(CLOSING_QUOTES) {
            if inner[close..].chars().count() == 1 {
                return BlockKind::Quote;
            }
        }
    }
    let len = trimmed.chars().count();
    let has_hashtag = trimmed
        .split_whitespace()
        .any(|w| w.len() > 1 && w.starts_with('#') && w[1..].chars().all(char::is_alphanumeric));
    if len <= 280 && has_hashtag && !ends_sentence {
        return BlockKind::Quote;
    }
    let starts_capital = trimmed.chars().next().is_some_and(char::is_uppercase);
    if len <= 80 && starts_capital && !ends_sentence && !trimmed.contains(". ") {
        return BlockKind::Heading;
    }
    BlockKind::Paragraph
}

/// A block of text and the line it starts on.
struct RawBlock {
    line: usize,
    text: String,
}

fn raw_blocks(export: &str) -> Vec<RawBlock> {
    let mut blocks: Vec<RawBlock> = Vec::new();
    let mut current: Option<RawBlock> = None;
    for (i, line) in export.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() {
            blocks.extend(current.take());
            continue;
        }
        match &mut current {
            // Lines of one block are joined as one paragraph.
            Some(block) => {
                block.text.push(' ');
                block.text.push_str(line);
            }
            None => {
                current = Some(RawBlock {
                    line: i + 1,
                    text: line.to_string(),
                })
            }
        }
    }
    blocks.extend(current);
    blocks
}

/// Reads a whole export. `taxonomy` supplies the category labels; every
/// problem found is returned, each with its line.
pub fn parse_export(
    export: &str,
    taxonomy: &Taxonomy,
) -> Result<Vec<ImportedPost>, Vec<ImportError>> {
    let export = export.strip_prefix('\u{feff}').unwrap_or(export);
    let mut posts = Vec::new();
    let mut errors = Vec::new();
    let mut pending: Vec<RawBlock> = Vec::new();
    for block in raw_blocks(export) {
        if !block.text.starts_with("Posted in ") {
            pending.push(block);
            continue;
        }
        let mut body = std::mem::take(&mut pending).into_iter();
        let Some(title) = body.next() else {
            errors.push(ImportError {
                line: block.line,
                problem: ImportProblem::MalformedFooter(block.text),
            });
            continue;
        };
        let body: Vec<RawBlock> = body.collect();
        if body.is_empty() {
            errors.push(ImportError {
                line: title.line,
                problem: ImportProblem::EmptyPost { title: title.text },
            });
            continue;
        }
        let footer = match parse_footer(&block.text, taxonomy) {
            Ok(f) => f,
            Err(problem) => {
                errors.push(ImportError {
                    line: block.line,
                    problem,
                });
                continue;
            }
        };
        let Some(lang) = footer.marked_lang.or_else(|| majority(&footer.label_langs)) else {
            errors.push(ImportError {
                line: block.line,
                problem: ImportProblem::UnknownLanguage { title: title.text },
            });
            continue;
        };
        let mut texts: Vec<String> = body.into_iter().map(|b| b.text).collect();
        let image_alt = split_fused_caption(&texts[0]).map(|(caption, rest)| {
            texts[0] = rest;
            caption
        });
        let blocks = texts.into_iter().map(|t| (classify_block(&t), t)).collect();
        let slug = slugify(strip_parenthetical(&title.text));
        posts.push(ImportedPost {
            line: title.line,
            translation_key: slug.clone(),
            slug,
            title: title.text,
            lang,
            position: 0,
            categories: footer.categories,
            lost_tag_count: footer.tag_count,
            comments: footer.comments,
            image_alt,
            blocks,
        });
    }
    if let Some(title) = pending.first() {
        let problem = ImportProblem::MissingFooter {
            title: title.text.clone(),
        };
        errors.push(ImportError {
            line: title.line,
            problem,
        });
    }
    if posts.is_empty() && errors.is_empty() {
        errors.push(ImportError {
            line: 1,
            problem: ImportProblem::Empty,
        });
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    for (i, post) in posts.iter_mut().enumerate() {
        post.position = u32::try_from(i + 1).unwrap_or(u32::MAX);
    }
    pair_translations(&mut posts);
    Ok(posts)
}

fn majority(langs: &[Lang]) -> Option<Lang> {
    let fr = langs.iter().filter(|l| **l == Lang::Fr).count();
    let en = langs.len() - fr;
    match fr.cmp(&en) {
        std::cmp::Ordering::Greater => Some(Lang::Fr),
        std::cmp::Ordering::Less => Some(Lang::En),
        std::cmp::Ordering::Equal => None,
    }
}

/// "Franchir le mur de la réalité (social business style)" → "Franchir le
/// mur de la réalité": the slug need not carry the aside.
fn strip_parenthetical(title: &str) -> &str {
    match title.rfind(" (") {
        Some(i) if title.ends_with(')') && i > 0 => &title[..i],
        _ => title,
    }
}

/// Links translations, which the export does not: a post and the one after
/// it form a pair when they are in different languages and have about the
/// same number of blocks (within a quarter). The pair takes the first post's
/// slug as its translation key.
pub fn pair_translations(posts: &mut [ImportedPost]) {
    let mut i = 0;
    while i + 1 < posts.len() {
        let (a, b) = (&posts[i], &posts[i + 1]);
        let (na, nb) = (a.blocks.len() as f64, b.blocks.len() as f64);
        if a.lang != b.lang && na.min(nb) / na.max(nb) >= 0.75 {
            let key = a.translation_key.clone();
            posts[i + 1].translation_key = key;
            i += 2;
        } else {
            i += 1;
        }
    }
}

/// What [`write_new_files`] did with each post.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WriteOutcome {
    Created(PathBuf),
    /// The file exists: the editor's copy wins and is left untouched.
    Kept(PathBuf),
}

/// Writes each post to `essays_dir/<key>.<lang>.md` unless that file exists.
pub fn write_new_files(
    posts: &[ImportedPost],
    essays_dir: &Path,
) -> std::io::Result<Vec<WriteOutcome>> {
    fs::create_dir_all(essays_dir)?;
    let mut outcomes = Vec::new();
    for post in posts {
        let path = essays_dir.join(post.file_name());
        if path.exists() {
            outcomes.push(WriteOutcome::Kept(path));
            continue;
        }
        fs::write(&path, post.to_content_file())?;
        outcomes.push(WriteOutcome::Created(path));
    }
    Ok(outcomes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{Label, TaxonomyEntry};

    fn taxonomy() -> Taxonomy {
        let entry = |id: &str, fr: &str, en: &str| TaxonomyEntry {
            id: id.into(),
            label: Label {
                fr: fr.into(),
                en: en.into(),
            },
        };
        Taxonomy {
            categories: vec![
                entry("lived", "Vécu", "As experimented"),
                entry(
                    "seen-heard-read",
                    "Vu, lu ou entendu",
                    "As seen, heard or read",
                ),
            ],
            tags: vec![],
        }
    }

    #[test]
    fn a_category_with_commas_is_one_category() {
        let footer = parse_footer(
            "Posted in Francais, Vécu, Vu, lu ou entendu | Tagged , , , , | Leave a comment",
            &taxonomy(),
        )
        .expect("parses");
        assert_eq!(footer.categories, vec!["lived", "seen-heard-read"]);
        let footer = parse_footer(
            "Posted in As seen, heard or read, English | Tagged , | 1 Comment",
            &taxonomy(),
        )
        .expect("parses");
        assert_eq!(footer.categories, vec!["seen-heard-read"]);
    }

    #[test]
    fn language_markers_set_the_language_and_are_not_categories() {
        let footer = parse_footer(
            "Posted in Francais, Vécu | Tagged , | Leave a comment",
            &taxonomy(),
        )
        .expect("parses");
        assert_eq!(footer.marked_lang, Some(Lang::Fr));
        assert_eq!(footer.categories, vec!["lived"]);
        let footer = parse_footer("Posted in English | Tagged  | Leave a comment", &taxonomy())
            .expect("parses");
        assert_eq!(
            (footer.marked_lang, footer.categories.len()),
            (Some(Lang::En), 0)
        );
    }

    #[test]
    fn categories_pair_across_languages() {
        let fr = parse_categories("Vécu, Vu, lu ou entendu", &taxonomy()).expect("parses");
        let en = parse_categories("As experimented, As seen, heard or read", &taxonomy())
            .expect("parses");
        assert_eq!(fr.0, en.0);
        assert_eq!(
            (fr.2, en.2),
            (vec![Lang::Fr, Lang::Fr], vec![Lang::En, Lang::En])
        );
    }

    #[test]
    fn an_unknown_category_is_named() {
        let err = parse_categories("Vécu, Cuisine, English", &taxonomy()).expect_err("refused");
        assert_eq!(
            err,
            ImportProblem::UnknownCategory {
                label: "Cuisine".into()
            }
        );
    }

    #[test]
    fn lost_tag_names_leave_their_count() {
        assert_eq!(count_tags(" , , , , "), 5);
        assert_eq!(count_tags(" , , , , , , , , "), 9);
        assert_eq!(count_tags(" alpha, beta"), 2);
        assert_eq!(count_tags(" "), 0);
    }

    #[test]
    fn comment_counts_are_read_in_both_forms() {
        assert_eq!(parse_comments("Leave a comment"), Ok(0));
        assert_eq!(parse_comments("1 Comment"), Ok(1));
        assert_eq!(parse_comments("4 Comments"), Ok(4));
        assert_eq!(parse_comments("3 commentaires"), Ok(3));
        assert!(parse_comments("Many Comments").is_err());
        assert!(parse_comments("").is_err());
    }

    #[test]
    fn fused_captions_are_split_off() {
        let cases = [
            (
                "business modèleJour après jour, nous",
                "business modèle",
                "Jour après jour, nous",
            ),
            (
                "business modèleEvery day, we can see",
                "business modèle",
                "Every day, we can see",
            ),
            (
                "A new local sharing economyFor once, I would",
                "A new local sharing economy",
                "For once, I would",
            ),
        ];
        for (fused, caption, rest) in cases {
            assert_eq!(
                split_fused_caption(fused),
                Some((caption.into(), rest.into())),
                "{fused}"
            );
        }
    }

    #[test]
    fn ordinary_first_paragraphs_keep_their_words() {
        for text in [
            "Un tweet de Bertrand Duperrin, pendant l’Entreprise 2.0 summit",
            "A tweet from Bertrand Duperrin, during the just finished",
            "McDonald’s opened a shop",
            "iPhones are everywhere. TheEnd",
        ] {
            assert_eq!(split_fused_caption(text), None, "{text}");
        }
    }

    #[test]
    fn short_unpunctuated_lines_are_headings() {
        for heading in [
            "Ouvrir les portes",
            "Opening the doors",
            "Local communities, not customers",
            "Repenser la manière dont la valeur est créée et capturée",
        ] {
            assert_eq!(classify_block(heading), BlockKind::Heading, "{heading}");
        }
        for paragraph in [
            "Cependant…",
            "It will be a long journey, for sure.",
            "Who knows?",
            "lower case start",
        ] {
            assert_eq!(
                classify_block(paragraph),
                BlockKind::Paragraph,
                "{paragraph}"
            );
        }
    }

    #[test]
    fn quoted_paragraphs_and_tweets_are_quotes() {
        for quote in [
            "“As the organization of investment markets improves, the job is likely to be ill done.”",
            "“Alors que l’organisation des marchés… soit pris en défaut”.",
            "2014 will be the year #socbiz will fork. Idealists on one side, productivists on the other",
        ] {
            assert_eq!(classify_block(quote), BlockKind::Quote, "{quote}");
        }
        let starts_quoted =
            "“Selling social”, whichever the tool that will be used, requires understanding.";
        assert_eq!(classify_block(starts_quoted), BlockKind::Paragraph);
    }

    #[test]
    fn a_post_without_footer_is_reported_at_its_title() {
        let export = "First\n\nBody.\n\nPosted in English | Tagged , | Leave a comment\n\nSecond\n\nNo footer here.\n";
        let errors = parse_export(export, &taxonomy()).expect_err("refused");
        assert_eq!(
            errors,
            vec![ImportError {
                line: 7,
                problem: ImportProblem::MissingFooter {
                    title: "Second".into()
                }
            }]
        );
    }

    #[test]
    fn export_problems_carry_their_lines() {
        let export = "T\n\nBody.\n\nPosted in Cuisine | Tagged , | Leave a comment\n\nU\n\nPosted in English | Tagged | 1 Comment\n\nV\n\nText.\n\nPosted in English | 2 Comments\n";
        let errors = parse_export(export, &taxonomy()).expect_err("refused");
        let lines: Vec<usize> = errors.iter().map(|e| e.line).collect();
        assert_eq!(lines, vec![5, 7, 15], "{errors:?}");
        assert!(matches!(errors[1].problem, ImportProblem::EmptyPost { .. }));
        assert!(matches!(
            errors[2].problem,
            ImportProblem::MalformedFooter(_)
        ));
        assert_eq!(
            parse_export("", &taxonomy()).expect_err("refused")[0].problem,
            ImportProblem::Empty
        );
    }

    #[test]
    fn a_post_without_language_marker_takes_its_labels_language() {
        let export = "Story\n\nOnce.\n\nPosted in As experimented | Tagged , | 4 Comments\n";
        let posts = parse_export(export, &taxonomy()).expect("parses");
        assert_eq!((posts[0].lang, posts[0].comments), (Lang::En, 4));
        let unknown = "Story\n\nOnce.\n\nPosted in  | Tagged , | 4 Comments\n";
        assert!(matches!(
            parse_export(unknown, &taxonomy()).expect_err("refused")[0].problem,
            ImportProblem::UnknownLanguage { .. }
        ));
    }

    #[test]
    fn titles_with_quotes_survive_as_toml() {
        let export = "Le “vrai” titre \\ (aparté)\n\nTexte.\n\nPosted in Francais | Tagged , | Leave a comment\n";
        let post = &parse_export(export, &taxonomy()).expect("parses")[0];
        assert_eq!(post.slug, "le-vrai-titre");
        let file = post.to_content_file();
        let source = crate::content::parse_essay(Path::new("x.md"), &file)
            .expect("the import's output parses");
        assert_eq!(source.essay.title, "Le “vrai” titre \\ (aparté)");
    }
}
