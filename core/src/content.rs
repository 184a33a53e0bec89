//! The editable sources (`content/`) and the build that turns them into a
//! validated [`Corpus`].
//!
//! ```text
//! content/taxonomy.toml          every category and tag: id, French and English label
//! content/essays/<key>.<lang>.md one essay in one language: TOML front matter + Markdown
//! ```
//!
//! Every problem is reported with the file and line it is on, all at once, so
//! an editor fixes a whole batch in one pass. The format is in `docs/corpus.md`.

use crate::align::{align_bodies, Alignment, CorrectionProblem, Corrections, Facing};
use crate::corpus::{
    Corpus, Essay, EssayBody, Label, Taxonomy, TaxonomyEntry, FIRST_SCREEN_FILE, SCHEMA_VERSION,
};
use crate::document::{parse_body_with_markers, Block};
use crate::lang::Lang;
use crate::library::{
    every_value, excerpt, first_screen_file, first_screen_of, EXCERPT_CHARS, FIRST_SCREENS_DIR,
};
use crate::limits;
use crate::search_shards::{Sizes, TermShards};
use crate::text::{contained, is_slug, word_count};
use rayon::prelude::*;
use serde::Deserialize;
use std::collections::HashMap;
use std::fmt;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use thiserror::Error;
use toml::Spanned;

pub const TAXONOMY_FILE: &str = "taxonomy.toml";
pub const ESSAYS_DIR: &str = "essays";
/// The folder beside `corpus.json` that holds the body and search files.
pub const DATA_DIR: &str = "corpus";

/// A problem in the sources, at a place an editor can go to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContentError {
    pub file: PathBuf,
    /// 1-based; 0 when the problem is with the file as a whole.
    pub line: usize,
    pub problem: Problem,
}

impl fmt::Display for ContentError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            write!(f, "{}: {}", self.file.display(), self.problem)
        } else {
            write!(f, "{}:{}: {}", self.file.display(), self.line, self.problem)
        }
    }
}

impl std::error::Error for ContentError {}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum Problem {
    #[error("cannot read: {0}")]
    Unreadable(String),
    #[error("the file must start with a `+++` line that opens its front matter")]
    MissingFrontMatter,
    #[error("the front matter opened on line 1 is never closed by a `+++` line")]
    UnclosedFrontMatter,
    #[error("malformed front matter: {0}")]
    MalformedFrontMatter(String),
    #[error("malformed taxonomy: {0}")]
    MalformedTaxonomy(String),
    #[error("the essay has no title")]
    MissingTitle,
    #[error("the essay has no body after its front matter")]
    MissingBody,
    #[error("slug {0:?} must be lower-case letters and digits joined by single hyphens")]
    BadSlug(String),
    #[error(
        "translation_key {0:?} must be lower-case letters and digits joined by single hyphens"
    )]
    BadTranslationKey(String),
    #[error("unknown language {0:?}: use \"fr\" or \"en\"")]
    UnknownLanguage(String),
    #[error("position must be 1 or more")]
    BadPosition,
    #[error("unknown category {id:?}{hint}: add it to content/taxonomy.toml or fix the id")]
    UnknownCategory { id: String, hint: Hint },
    #[error("unknown tag {id:?}{hint}: add it to content/taxonomy.toml or fix the id")]
    UnknownTag { id: String, hint: Hint },
    #[error("taxonomy id {0:?} must be lower-case letters and digits joined by single hyphens")]
    BadTaxonomyId(String),
    #[error("taxonomy id {id:?} is defined twice (first at {first})")]
    DuplicateTaxonomyId { id: String, first: String },
    #[error("slug {slug:?} is already used by {first}")]
    DuplicateSlug { slug: String, first: String },
    #[error("translation group {key:?} already has a {lang} essay: {first}")]
    DuplicateLanguageInGroup {
        key: String,
        lang: Lang,
        first: String,
    },
    #[error("position {position} is already taken by {first}")]
    DuplicatePosition { position: u32, first: String },
    #[error("no essays: add Markdown files to content/essays/")]
    NoEssays,
    #[error("`<!-- faces: {0} -->`: write the number of a block of the other version (as `corpus align` shows it) or `none`")]
    BadMarker(String),
    #[error("an alignment marker must stand just before a block (a blank line, the marker, then the block)")]
    MarkerWithoutBlock,
    #[error("this block already has an alignment marker (line {0})")]
    DuplicateMarker(usize),
    #[error("alignment marker, but this essay has no translation for its blocks to face")]
    MarkerWithoutTranslation,
    #[error("block {block} does not exist: {file} has {count} blocks")]
    MarkerNoSuchBlock {
        block: usize,
        file: String,
        count: usize,
    },
    #[error("this alignment marker contradicts another: rows keep both texts' order and a block faces one block")]
    MarkerConflict,
    #[error("the title is {chars} characters long; the limit is {limit}")]
    TitleTooLong { chars: usize, limit: usize },
    #[error("the body is {bytes} bytes long; the limit is {limit} (split the essay in parts)")]
    BodyTooLarge { bytes: usize, limit: usize },
    #[error("the body has {blocks} paragraphs, headings and other blocks; the limit is {limit} (split the essay in parts)")]
    TooManyBlocks { blocks: usize, limit: usize },
    #[error("quotes, lists, emphasis and links nest more than {limit} levels deep here; the limit is {limit}")]
    NestedTooDeep { limit: usize },
}

/// What follows an unknown id: the closest known one, if one is close.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Hint {
    #[default]
    None,
    /// A known id of the same kind, a typo or two away.
    DidYouMean(String),
    /// The id exists, as a tag where a category was expected or the reverse.
    OtherKind(&'static str),
}

impl fmt::Display for Hint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Hint::None => Ok(()),
            Hint::DidYouMean(id) => write!(f, " (did you mean {id:?}?)"),
            Hint::OtherKind(kind) => write!(f, " (that id is a {kind})"),
        }
    }
}

impl Hint {
    /// The closest of `known` to `id`, by edit distance (a swap of two
    /// letters counts one), if at most a third of its letters differ.
    fn closest<'k>(id: &str, known: impl Iterator<Item = &'k str>) -> Hint {
        let most = (id.chars().count() / 3).max(1);
        known
            .map(|k| (strsim::damerau_levenshtein(id, k), k))
            .filter(|&(d, _)| d <= most)
            .min()
            .map_or(Hint::None, |(_, k)| Hint::DidYouMean(k.to_string()))
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TaxonomySource {
    #[serde(default)]
    category: Vec<Spanned<TaxonomyEntrySource>>,
    #[serde(default)]
    tag: Vec<Spanned<TaxonomyEntrySource>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TaxonomyEntrySource {
    id: String,
    fr: String,
    en: String,
}

/// Reads `taxonomy.toml`: every id well formed and defined once.
pub fn parse_taxonomy(file: &Path, text: &str) -> Result<Taxonomy, Vec<ContentError>> {
    let at = |line: usize, problem: Problem| ContentError {
        file: file.to_path_buf(),
        line,
        problem,
    };
    let text = &normalized(text);
    let source: TaxonomySource = toml::from_str(text).map_err(|e| {
        let line = e.span().map(|s| line_of(text, s.start)).unwrap_or(0);
        vec![at(
            line,
            Problem::MalformedTaxonomy(e.message().to_string()),
        )]
    })?;
    let mut errors = Vec::new();
    let mut convert = |entries: Vec<Spanned<TaxonomyEntrySource>>| {
        let mut seen: HashMap<String, usize> = HashMap::new();
        let mut out = Vec::new();
        for entry in entries {
            let line = line_of(text, entry.span().start);
            let entry = entry.into_inner();
            if !is_slug(&entry.id) {
                errors.push(at(line, Problem::BadTaxonomyId(entry.id.clone())));
            }
            if let Some(first) = seen.get(&entry.id) {
                let first = format!("line {first}");
                errors.push(at(
                    line,
                    Problem::DuplicateTaxonomyId {
                        id: entry.id.clone(),
                        first,
                    },
                ));
                continue;
            }
            seen.insert(entry.id.clone(), line);
            out.push(TaxonomyEntry {
                id: entry.id,
                label: Label {
                    fr: contained(entry.fr),
                    en: contained(entry.en),
                },
            });
        }
        out
    };
    let categories = convert(source.category);
    let tags = convert(source.tag);
    if errors.is_empty() {
        Ok(Taxonomy { categories, tags })
    } else {
        Err(errors)
    }
}

/// The ids of a taxonomy that [`parse_taxonomy`] refused, if its TOML at
/// least parses: enough to check the essays' categories and tags in the same
/// run (labels are not read).
fn taxonomy_ids(text: &str) -> Option<Taxonomy> {
    #[derive(Deserialize)]
    struct Ids {
        #[serde(default)]
        category: Vec<Id>,
        #[serde(default)]
        tag: Vec<Id>,
    }
    #[derive(Deserialize)]
    struct Id {
        id: String,
    }
    let ids: Ids = toml::from_str(text).ok()?;
    let entries = |list: Vec<Id>| {
        list.into_iter()
            .map(|e| TaxonomyEntry {
                id: e.id,
                label: Label {
                    fr: String::new(),
                    en: String::new(),
                },
            })
            .collect()
    };
    Some(Taxonomy {
        categories: entries(ids.category),
        tags: entries(ids.tag),
    })
}

/// An essay file's front matter, the one type that reads it ([`parse_essay`],
/// with the place of each value for `file:line` messages) and writes it
/// ([`FrontMatter::write`], for the blog-export import and the benchmark's
/// generator), every string escaped.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    pub slug: Spanned<String>,
    pub lang: Spanned<String>,
    pub title: Option<Spanned<String>>,
    pub translation_key: Spanned<String>,
    pub position: Spanned<u32>,
    #[serde(default)]
    pub categories: Vec<Spanned<String>>,
    #[serde(default)]
    pub tags: Vec<Spanned<String>>,
    #[serde(default)]
    pub comments: u32,
    #[serde(default)]
    pub image_alt: Option<String>,
}

/// A value to write, which has no place in a file yet.
fn unplaced<T>(value: T) -> Spanned<T> {
    Spanned::new(0..0, value)
}

impl FrontMatter {
    /// A front matter to write: `categories`, `tags`, `comments` and
    /// `image_alt` are then set as needed.
    pub fn new(slug: &str, lang: Lang, title: &str, translation_key: &str, position: u32) -> Self {
        FrontMatter {
            slug: unplaced(slug.to_string()),
            lang: unplaced(lang.code().to_string()),
            title: Some(unplaced(title.to_string())),
            translation_key: unplaced(translation_key.to_string()),
            position: unplaced(position),
            categories: Vec::new(),
            tags: Vec::new(),
            comments: 0,
            image_alt: None,
        }
    }

    pub fn with_categories(mut self, ids: &[String]) -> Self {
        self.categories = ids.iter().cloned().map(unplaced).collect();
        self
    }

    pub fn with_tags(mut self, ids: &[String]) -> Self {
        self.tags = ids.iter().cloned().map(unplaced).collect();
        self
    }

    /// The essay file: this front matter between its `+++` lines, then
    /// `body`. `tags_note` is a comment for the editor after the tags.
    pub fn write(&self, tags_note: Option<&str>, body: &str) -> String {
        let list = |values: &[Spanned<String>]| {
            values
                .iter()
                .map(|v| toml_string(v.get_ref()))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let mut out = String::from("+++\n");
        out += &format!("slug = {}\n", toml_string(self.slug.get_ref()));
        out += &format!("lang = {}\n", toml_string(self.lang.get_ref()));
        if let Some(title) = &self.title {
            out += &format!("title = {}\n", toml_string(title.get_ref()));
        }
        out += &format!(
            "translation_key = {}\n",
            toml_string(self.translation_key.get_ref())
        );
        out += &format!("position = {}\n", self.position.get_ref());
        out += &format!("categories = [{}]\n", list(&self.categories));
        out += &format!("tags = [{}]", list(&self.tags));
        if let Some(note) = tags_note {
            // A comment ends at the line's end: the note is one line.
            out += &format!("  # {}", note.replace(['\n', '\r'], " "));
        }
        out += "\n";
        out += &format!("comments = {}\n", self.comments);
        if let Some(alt) = &self.image_alt {
            out += &format!("image_alt = {}\n", toml_string(alt));
        }
        out += "+++\n\n";
        out += body;
        out.push('\n');
        out
    }
}

/// A TOML basic string: quotes, backslashes and control characters escaped.
fn toml_string(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    out.push('"');
    for ch in value.chars() {
        match ch {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// One parsed essay source, with the lines its fields are on for later checks.
#[derive(Debug, Clone)]
pub struct EssaySource {
    pub file: PathBuf,
    pub essay: Essay,
    /// The body, parsed from its Markdown.
    pub blocks: Vec<Block>,
    pub slug_line: usize,
    pub key_line: usize,
    pub position_line: usize,
    pub category_lines: Vec<usize>,
    pub tag_lines: Vec<usize>,
    /// The editor's alignment markers: (block, what it faces, line).
    pub markers: Vec<(usize, Facing, usize)>,
}

/// Parses one essay file (front matter and body), checking what can be
/// checked without the rest of the corpus: every problem found, in one list
/// (a front matter that does not parse still lets the body be checked).
pub fn parse_essay(file: &Path, text: &str) -> Result<EssaySource, Vec<ContentError>> {
    let at = |line: usize, problem: Problem| ContentError {
        file: file.to_path_buf(),
        line,
        problem,
    };
    let text = &normalized(text);
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = text.split_inclusive('\n');
    match lines.next() {
        Some(first) if first.trim_end() == "+++" => {}
        _ => return Err(vec![at(1, Problem::MissingFrontMatter)]),
    }
    let front_start = text.find('\n').map_or(text.len(), |i| i + 1);
    let mut offset = front_start;
    let mut front_end = None;
    for line in lines {
        if line.trim_end() == "+++" {
            front_end = Some((offset, offset + line.len()));
            break;
        }
        offset += line.len();
    }
    let Some((front_end, body_start)) = front_end else {
        return Err(vec![at(1, Problem::UnclosedFrontMatter)]);
    };
    let front = &text[front_start..front_end];
    // Lines of the front matter are counted in the whole file.
    let line_at = |front_offset: usize| line_of(text, front_start + front_offset);

    let mut errors = Vec::new();
    let fm: Option<FrontMatter> = toml::from_str(front)
        .map_err(|e| {
            let line = e.span().map(|s| line_at(s.start)).unwrap_or(1);
            errors.push(at(
                line,
                Problem::MalformedFrontMatter(e.message().trim().to_string()),
            ))
        })
        .ok();
    let mut title = String::new();
    if let Some(fm) = &fm {
        if !is_slug(fm.slug.get_ref()) {
            errors.push(at(
                line_at(fm.slug.span().start),
                Problem::BadSlug(fm.slug.get_ref().clone()),
            ));
        }
        if !is_slug(fm.translation_key.get_ref()) {
            errors.push(at(
                line_at(fm.translation_key.span().start),
                Problem::BadTranslationKey(fm.translation_key.get_ref().clone()),
            ));
        }
        if Lang::from_code(fm.lang.get_ref()).is_none() {
            errors.push(at(
                line_at(fm.lang.span().start),
                Problem::UnknownLanguage(fm.lang.get_ref().clone()),
            ));
        }
        match &fm.title {
            Some(t) if !t.get_ref().trim().is_empty() => {
                title = t.get_ref().trim().to_string();
                let chars = title.chars().count();
                if chars > limits::MAX_TITLE_CHARS {
                    errors.push(at(
                        line_at(t.span().start),
                        Problem::TitleTooLong {
                            chars,
                            limit: limits::MAX_TITLE_CHARS,
                        },
                    ));
                }
            }
            Some(t) => errors.push(at(line_at(t.span().start), Problem::MissingTitle)),
            None => errors.push(at(1, Problem::MissingTitle)),
        }
        if *fm.position.get_ref() == 0 {
            errors.push(at(line_at(fm.position.span().start), Problem::BadPosition));
        }
    }
    let body = text[body_start..].trim();
    let body_offset =
        body_start + (text[body_start..].len() - text[body_start..].trim_start().len());
    let body_line = line_of(text, body_offset);
    if body.is_empty() {
        errors.push(at(line_of(text, body_start), Problem::MissingBody));
    }
    if body.len() > limits::MAX_BODY_BYTES {
        errors.push(at(
            body_line,
            Problem::BodyTooLarge {
                bytes: body.len(),
                limit: limits::MAX_BODY_BYTES,
            },
        ));
    }
    let parsed = parse_body_with_markers(body);
    if let Some(offset) = parsed.too_deep {
        errors.push(at(
            line_of(text, body_offset + offset),
            Problem::NestedTooDeep {
                limit: limits::MAX_NESTING,
            },
        ));
    }
    // As the app will read them: directional controls contained, and the
    // search passages and alignment made of the same text.
    let blocks: Vec<Block> = parsed.blocks.into_iter().map(Block::sanitized).collect();
    if blocks.len() > limits::MAX_BLOCKS {
        errors.push(at(
            body_line,
            Problem::TooManyBlocks {
                blocks: blocks.len(),
                limit: limits::MAX_BLOCKS,
            },
        ));
    }
    let mut markers: Vec<(usize, Facing, usize)> = Vec::new();
    for marker in parsed.markers {
        let line = line_of(text, body_offset + marker.offset);
        let facing = match marker.value.as_str() {
            "none" => Some(Facing::Nothing),
            number => number
                .parse::<usize>()
                .ok()
                .filter(|&n| n > 0)
                .map(|n| Facing::Block(n - 1)),
        };
        match facing {
            None => errors.push(at(line, Problem::BadMarker(marker.value))),
            Some(_) if marker.block >= blocks.len() => {
                errors.push(at(line, Problem::MarkerWithoutBlock))
            }
            Some(facing) => match markers.iter().find(|m| m.0 == marker.block) {
                Some(first) => errors.push(at(line, Problem::DuplicateMarker(first.2))),
                None => markers.push((marker.block, facing, line)),
            },
        }
    }
    let fm = match fm {
        Some(fm) if errors.is_empty() => fm,
        _ => return Err(errors),
    };
    let slug_line = line_at(fm.slug.span().start);
    let key_line = line_at(fm.translation_key.span().start);
    let position_line = line_at(fm.position.span().start);
    let category_lines = fm
        .categories
        .iter()
        .map(|c| line_at(c.span().start))
        .collect();
    let tag_lines = fm.tags.iter().map(|t| line_at(t.span().start)).collect();
    let essay = Essay {
        lang: Lang::from_code(fm.lang.get_ref()).unwrap_or(Lang::En),
        translation_key: fm.translation_key.into_inner(),
        title: contained(title),
        word_count: word_count(body),
        excerpt: contained(excerpt(body, EXCERPT_CHARS)),
        // Named once the body is complete, with its alignment (`assemble`).
        body_url: String::new(),
        slug: fm.slug.into_inner(),
        categories: fm.categories.into_iter().map(Spanned::into_inner).collect(),
        tags: fm.tags.into_iter().map(Spanned::into_inner).collect(),
        comments: fm.comments,
        position: fm.position.into_inner(),
        image_alt: fm
            .image_alt
            .filter(|alt| !alt.trim().is_empty())
            .map(contained),
    };
    Ok(EssaySource {
        file: file.to_path_buf(),
        essay,
        blocks,
        slug_line,
        key_line,
        position_line,
        category_lines,
        tag_lines,
        markers,
    })
}

/// Text as the corpus keeps it: in Unicode's composed form (NFC), so that an
/// accent typed as a letter plus a combining mark (as some editors and
/// systems write it) is the same text as the composed letter, for search
/// and for the aligner alike. Canonically equivalent: nothing a reader sees
/// changes. Lines stay where they were.
fn normalized(text: &str) -> std::borrow::Cow<'_, str> {
    use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};
    match is_nfc_quick(text.chars()) {
        IsNormalized::Yes => std::borrow::Cow::Borrowed(text),
        _ => std::borrow::Cow::Owned(text.nfc().collect()),
    }
}

/// What the search reads of each essay, in corpus order: its title, then
/// the text of each body block (passage `n` is block `n`). The build makes
/// the search's shards from it; the app reads the same text from the
/// bodies, for snippets.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SearchData {
    pub essays: Vec<SearchEntry>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SearchEntry {
    pub slug: String,
    pub passages: Vec<String>,
}

/// A built corpus: the index (`corpus.json`) and the files it points to.
#[derive(Debug, Clone)]
pub struct BuiltCorpus {
    pub corpus: Corpus,
    /// Every essay's body, by slug, as the app will receive it.
    pub bodies: HashMap<String, Vec<Block>>,
    /// Each translated essay's alignment with its translation, by slug,
    /// from its own side (also in its body file).
    pub alignments: HashMap<String, Alignment>,
    /// What the search reads (its shards are among `files`).
    pub search: SearchData,
    /// The files of `corpus/`: (URL relative to `corpus.json`, JSON text).
    pub files: Vec<(String, String)>,
}

impl BuiltCorpus {
    /// Writes the search files again, cut at `sizes` (the tool's are
    /// [`Sizes::default`]): for the tests, a small corpus cut finely
    /// enough that its common words' postings have heads.
    pub fn cut_search(&mut self, sizes: Sizes) {
        self.files
            .retain(|(url, _)| !url.starts_with("corpus/_search."));
        let (url, files) = search_files(&self.corpus.essays, &self.search, sizes);
        self.files.extend(files);
        self.corpus.search_url = url;
    }
}

fn body_json(blocks: &[Block], alignment: Option<Alignment>) -> String {
    let body = EssayBody {
        blocks: blocks.to_vec(),
        alignment,
    };
    serde_json::to_string(&body).unwrap_or_default()
}

/// `corpus/<name>.<hash>.json`: a hash of the content (FNV-1a, its 64 bits
/// folded to 32), so that a changed file has a new name and no cache can
/// serve it stale.
///
/// 32 bits, not 64: the name already tells files apart, so the hash only has
/// to differ from the same file's previous one (a 1 in 4 billion chance per
/// change that it does not). The hashes are random to a compressor: at
/// 20,000 pairs, 64 bits of them were 12 % of `corpus.json` brotli and two
/// thirds of the search's shard list (docs/performance.md).
fn data_url(name: &str, json: &str) -> String {
    data_url_of(name, &[json])
}

/// The same, hashed over several files' text one after the other (a common
/// word's shard and its head are named together).
fn data_url_of(name: &str, texts: &[&str]) -> String {
    format!("{DATA_DIR}/{name}.{}.json", content_hash(texts))
}

/// Eight hex digits of the texts' content, one after the other (FNV-1a).
fn content_hash(texts: &[&str]) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in texts.iter().flat_map(|t| t.bytes()) {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    // Truncation intended: the high half folded into the low one.
    format!("{:08x}", (hash ^ (hash >> 32)) as u32)
}

/// Checks the essays against the taxonomy and each other, and assembles the
/// corpus in the blog's order, with its body and search files.
pub fn assemble(
    taxonomy: Taxonomy,
    sources: Vec<EssaySource>,
) -> Result<BuiltCorpus, Vec<ContentError>> {
    let errors = check(Some(&taxonomy), &sources);
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(build(taxonomy, sources))
}

/// Every problem between essays, and with the taxonomy when there is one
/// (a taxonomy that does not parse still lets the rest be checked).
fn check(taxonomy: Option<&Taxonomy>, sources: &[EssaySource]) -> Vec<ContentError> {
    let mut errors = Vec::new();
    let place = |s: &EssaySource, line: usize| format!("{}:{}", s.file.display(), line);
    let mut slugs: HashMap<&str, &EssaySource> = HashMap::new();
    let mut group_langs: HashMap<(&str, Lang), &EssaySource> = HashMap::new();
    let mut positions: HashMap<u32, &EssaySource> = HashMap::new();
    let categories: Vec<&str> = taxonomy.map_or_else(Vec::new, |t| ids(&t.categories));
    let tags: Vec<&str> = taxonomy.map_or_else(Vec::new, |t| ids(&t.tags));
    let hint = |id: &str, same: &[&str], other: &[&str], other_kind: &'static str| {
        if other.contains(&id) {
            Hint::OtherKind(other_kind)
        } else {
            Hint::closest(id, same.iter().copied())
        }
    };
    for source in sources {
        let essay = &source.essay;
        let at = |line: usize, problem: Problem| ContentError {
            file: source.file.clone(),
            line,
            problem,
        };
        if taxonomy.is_some() {
            for (id, line) in essay.categories.iter().zip(&source.category_lines) {
                if !categories.contains(&id.as_str()) {
                    let hint = hint(id, &categories, &tags, "tag");
                    errors.push(at(
                        *line,
                        Problem::UnknownCategory {
                            id: id.clone(),
                            hint,
                        },
                    ));
                }
            }
            for (id, line) in essay.tags.iter().zip(&source.tag_lines) {
                if !tags.contains(&id.as_str()) {
                    let hint = hint(id, &tags, &categories, "category");
                    errors.push(at(
                        *line,
                        Problem::UnknownTag {
                            id: id.clone(),
                            hint,
                        },
                    ));
                }
            }
        }
        if let Some(first) = slugs.insert(&essay.slug, source) {
            let first = place(first, first.slug_line);
            errors.push(at(
                source.slug_line,
                Problem::DuplicateSlug {
                    slug: essay.slug.clone(),
                    first,
                },
            ));
        }
        if let Some(first) = group_langs.insert((&essay.translation_key, essay.lang), source) {
            let first = place(first, first.key_line);
            errors.push(at(
                source.key_line,
                Problem::DuplicateLanguageInGroup {
                    key: essay.translation_key.clone(),
                    lang: essay.lang,
                    first,
                },
            ));
        }
        if let Some(first) = positions.insert(essay.position, source) {
            let first = place(first, first.position_line);
            errors.push(at(
                source.position_line,
                Problem::DuplicatePosition {
                    position: essay.position,
                    first,
                },
            ));
        }
    }
    errors.extend(check_markers(sources));
    errors
}

fn ids(entries: &[TaxonomyEntry]) -> Vec<&str> {
    entries.iter().map(|e| e.id.as_str()).collect()
}

/// Builds checked sources ([`check`]) into the corpus.
fn build(taxonomy: Taxonomy, sources: Vec<EssaySource>) -> BuiltCorpus {
    let mut sources = sources;
    sources.sort_by_key(|s| s.essay.position);
    let alignments = align_pairs(&sources);
    let mut files = Vec::with_capacity(sources.len() + 1);
    let mut search = SearchData::default();
    let mut bodies = HashMap::with_capacity(sources.len());
    let mut alignment_of = HashMap::with_capacity(alignments.len());
    let mut essays = Vec::with_capacity(sources.len());
    // Each body written out as JSON on every core.
    let jsons: Vec<String> = sources
        .par_iter()
        .enumerate()
        .map(|(k, source)| body_json(&source.blocks, alignments.get(&k).cloned()))
        .collect();
    for ((k, source), json) in sources.into_iter().enumerate().zip(jsons) {
        let mut essay = source.essay;
        let alignment = alignments.get(&k).cloned();
        essay.body_url = data_url(&essay.slug, &json);
        files.push((essay.body_url.clone(), json));
        if let Some(alignment) = alignment {
            alignment_of.insert(essay.slug.clone(), alignment);
        }
        search.essays.push(SearchEntry {
            slug: essay.slug.clone(),
            passages: std::iter::once(essay.title.clone())
                .chain(source.blocks.iter().map(crate::search::block_text))
                .collect(),
        });
        bodies.insert(essay.slug.clone(), source.blocks);
        essays.push(essay);
    }
    let (search_url, search_files) = search_files(&essays, &search, Sizes::default());
    files.extend(search_files);
    BuiltCorpus {
        corpus: Corpus {
            schema_version: SCHEMA_VERSION,
            taxonomy,
            essays,
            search_url,
            rejected: vec![],
            whole_library: None,
            index: Default::default(),
        },
        bodies,
        alignments: alignment_of,
        search,
        files,
    }
}

/// The search index, written ahead in shards (`search_shards`): each
/// essay's terms found on every core, merged in corpus order into each
/// term's postings, split by term (at `sizes`: the default but in tests,
/// which cut a small corpus's index finer). Returns the shard list's
/// address and every file (the list last).
fn search_files(
    essays: &[Essay],
    search: &SearchData,
    sizes: Sizes,
) -> (String, Vec<(String, String)>) {
    use crate::search_shards::{split, ShardList, ShardRef, SEARCH_VERSION};
    use rustc_hash::{FxHashMap, FxHashSet};
    // Each term's postings, appended in position order (the essays'):
    // the essays' terms found on every core, a chunk of essays at a time,
    // so that only two chunks' are held besides the postings. A chunk's
    // terms are merged into the postings (on one core) while the next
    // chunk's are found (a 20,000-pair build: 25.9 s instead of 27.5, two
    // runs each; merging took 4 of the search's 10 s).
    type Terms = Vec<Vec<String>>;
    let find = |essays: &[Essay], entries: &[SearchEntry]| -> Terms {
        essays
            .par_iter()
            .zip(entries)
            .map(|(essay, entry)| {
                // Each term of the essay, once (not which passages hold
                // it: `search_shards::Postings`).
                let mut terms: FxHashSet<String> = FxHashSet::default();
                for text in &entry.passages {
                    for token in crate::search::tokenize(text, essay.lang) {
                        terms.insert(token.term);
                    }
                }
                terms.into_iter().collect()
            })
            .collect()
    };
    let merge =
        |postings: &mut FxHashMap<String, (u32, Vec<u32>)>, essays: &[Essay], found: Terms| {
            for (essay, terms) in essays.iter().zip(found) {
                for term in terms {
                    let (last, flat) = postings.entry(term).or_default();
                    flat.push(essay.position - *last);
                    *last = essay.position;
                }
            }
        };
    // Hashed with FxHash, not the standard hasher, which is made to resist
    // keys chosen to collide: an editor's own words are no attack on the
    // tool they run. With stemming in place (`search::stem`), it took the
    // search's part of a 20,000-pair build from 8.8 to 6.8 s.
    let mut postings: FxHashMap<String, (u32, Vec<u32>)> = FxHashMap::default();
    let mut chunks = essays.chunks(512).zip(search.essays.chunks(512));
    let mut found: Option<(&[Essay], Terms)> = None;
    loop {
        let next = chunks.next();
        let merging = found.take();
        let postings = &mut postings;
        (found, ()) = rayon::join(
            || next.map(|(essays, entries)| (essays, find(essays, entries))),
            || {
                if let Some((essays, terms)) = merging {
                    merge(postings, essays, terms);
                }
            },
        );
        if found.is_none() {
            break;
        }
    }
    let mut terms: Vec<(String, Vec<u32>)> = postings
        .into_iter()
        .map(|(term, (_, flat))| (term, flat))
        .collect();
    terms.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let (term_shards, close_shards) = split(terms, sizes);
    let close_shards: TermShards = close_shards
        .into_iter()
        .map(|(from, shard)| (from, shard, None))
        .collect();
    // Each shard's file and, for a common word's, its head's: both named
    // with the hash of both, so that either changed renames the two (the
    // list names only the shard: `search_shards::head_url`).
    let write = |kind: &str, shards: &TermShards| {
        shards
            .par_iter()
            .enumerate()
            .map(|(n, (from, shard, head))| {
                let json = serde_json::to_string(shard).unwrap_or_default();
                let head = head
                    .as_ref()
                    .map(|h| serde_json::to_string(h).unwrap_or_default());
                let texts = [Some(json.as_str()), head.as_deref()];
                let texts: Vec<&str> = texts.into_iter().flatten().collect();
                let url = data_url_of(&format!("_search.{kind}-{n}"), &texts);
                let shard = ShardRef {
                    from: from.clone(),
                    url: url.clone(),
                    head: head.is_some(),
                };
                let head = head.map(|head| (crate::search_shards::head_url(&url), head));
                let files: Vec<(String, String)> =
                    std::iter::once((url, json)).chain(head).collect();
                (shard, files)
            })
            .unzip::<_, _, Vec<ShardRef>, Vec<Vec<(String, String)>>>()
    };
    let (shards, files) = write("shard", &term_shards);
    drop(term_shards);
    let (close, close_files) = write("close", &close_shards);
    let mut files: Vec<(String, String)> = files.into_iter().chain(close_files).flatten().collect();
    let list = ShardList {
        version: SEARCH_VERSION,
        shards,
        close,
    };
    let json = serde_json::to_string(&list).unwrap_or_default();
    let url = data_url("_search", &json);
    files.push((url.clone(), json));
    (url, files)
}

/// Each essay's translation (the other language of its group), by index.
fn translations(sources: &[EssaySource]) -> Vec<Option<usize>> {
    let mut by_key: HashMap<(&str, Lang), usize> = HashMap::new();
    for (k, source) in sources.iter().enumerate() {
        by_key.insert((&source.essay.translation_key, source.essay.lang), k);
    }
    sources
        .iter()
        .map(|source| {
            Lang::ALL
                .iter()
                .filter(|&&lang| lang != source.essay.lang)
                .find_map(|&lang| {
                    by_key
                        .get(&(source.essay.translation_key.as_str(), lang))
                        .copied()
                })
        })
        .collect()
}

/// The editors' markers of each pair, as the aligner's corrections (French
/// on the left).
fn corrections(fr: &EssaySource, en: &EssaySource) -> Corrections {
    Corrections {
        left: fr.markers.iter().map(|&(b, f, _)| (b, f)).collect(),
        right: en.markers.iter().map(|&(b, f, _)| (b, f)).collect(),
    }
}

/// Every alignment marker that cannot hold, with its place: on an essay
/// without translation, naming a block the translation does not have, or
/// contradicting another marker.
fn check_markers(sources: &[EssaySource]) -> Vec<ContentError> {
    let mut errors = Vec::new();
    for (k, other) in translations(sources).into_iter().enumerate() {
        let source = &sources[k];
        let Some(other) = other else {
            if let Some(&(_, _, line)) = source.markers.first() {
                errors.push(ContentError {
                    file: source.file.clone(),
                    line,
                    problem: Problem::MarkerWithoutTranslation,
                });
            }
            continue;
        };
        if source.essay.lang != Lang::Fr {
            continue; // Checked once, from the French side.
        }
        let (fr, en) = (source, &sources[other]);
        let Some((is_left, index, problem)) =
            corrections(fr, en).conflict(fr.blocks.len(), en.blocks.len())
        else {
            continue;
        };
        let (own, other) = if is_left { (fr, en) } else { (en, fr) };
        let line = own.markers.get(index).map_or(0, |m| m.2);
        let problem = match problem {
            CorrectionProblem::NoSuchBlock(block, count) => Problem::MarkerNoSuchBlock {
                block,
                file: other
                    .file
                    .file_name()
                    .unwrap_or_default()
                    .to_string_lossy()
                    .into_owned(),
                count,
            },
            CorrectionProblem::Crossing => Problem::MarkerConflict,
        };
        errors.push(ContentError {
            file: own.file.clone(),
            line,
            problem,
        });
    }
    errors
}

/// Aligns every translated pair, French on the left, obeying the editors'
/// markers (checked by [`check_markers`]): by index into `sources`, each
/// version's alignment with the other from its own side.
fn align_pairs(sources: &[EssaySource]) -> HashMap<usize, Alignment> {
    // Aligned once, from the French side.
    let pairs: Vec<(usize, usize)> = translations(sources)
        .into_iter()
        .enumerate()
        .filter_map(|(k, other)| Some((k, other?)))
        .filter(|&(k, _)| sources[k].essay.lang == Lang::Fr)
        .collect();
    // Pairs are independent: aligned on every core (most of a large build).
    let aligned: Vec<(usize, usize, Alignment)> = pairs
        .into_par_iter()
        .map(|(k, other)| {
            let (fr, en) = (&sources[k], &sources[other]);
            (
                k,
                other,
                align_bodies(&fr.blocks, &en.blocks, &corrections(fr, en)),
            )
        })
        .collect();
    let mut out = HashMap::with_capacity(aligned.len() * 2);
    for (k, other, alignment) in aligned {
        out.insert(other, alignment.swapped());
        out.insert(k, alignment);
    }
    out
}

/// Reads and checks a whole content directory.
pub fn load(content_dir: &Path) -> Result<BuiltCorpus, Vec<ContentError>> {
    let taxonomy_path = content_dir.join(TAXONOMY_FILE);
    let unreadable = |file: &Path, err: std::io::Error| ContentError {
        file: file.to_path_buf(),
        line: 0,
        problem: Problem::Unreadable(err.to_string()),
    };
    // A refused taxonomy still names its ids, if its TOML parses.
    let (taxonomy, ids) = match fs::read_to_string(&taxonomy_path) {
        Ok(text) => {
            let taxonomy = parse_taxonomy(&taxonomy_path, &text);
            let ids = taxonomy
                .is_err()
                .then(|| taxonomy_ids(&normalized(&text)))
                .flatten();
            (taxonomy, ids)
        }
        Err(e) => (Err(vec![unreadable(&taxonomy_path, e)]), None),
    };

    let essays_dir = content_dir.join(ESSAYS_DIR);
    let mut files: Vec<PathBuf> = match fs::read_dir(&essays_dir) {
        Ok(entries) => entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|ext| ext == "md"))
            .collect(),
        Err(err) => return Err(vec![unreadable(&essays_dir, err)]),
    };
    // A stable order makes error lists and the output reproducible.
    files.sort();

    let mut errors = Vec::new();
    let mut sources = Vec::new();
    // Files are independent: read and parsed on every core, kept in order.
    let parsed: Vec<Result<EssaySource, Vec<ContentError>>> = files
        .par_iter()
        .map(|file| match fs::read_to_string(file) {
            Ok(text) => parse_essay(file, &text),
            Err(err) => Err(vec![unreadable(file, err)]),
        })
        .collect();
    for result in parsed {
        match result {
            Ok(source) => sources.push(source),
            Err(mut errs) => errors.append(&mut errs),
        }
    }
    if files.is_empty() {
        errors.push(ContentError {
            file: essays_dir,
            line: 0,
            problem: Problem::NoEssays,
        });
    }
    // Every problem of every file in one report: the essays that parsed are
    // checked against each other and the taxonomy even when others did not.
    let taxonomy = taxonomy.map_err(|errs| errors.extend(errs)).ok();
    errors.extend(check(taxonomy.as_ref().or(ids.as_ref()), &sources));
    match taxonomy {
        Some(taxonomy) if errors.is_empty() => Ok(build(taxonomy, sources)),
        _ => {
            // The report reads file by file, line by line.
            errors.sort_by(|a, b| (&a.file, a.line).cmp(&(&b.file, b.line)));
            Err(errors)
        }
    }
}

/// Writes a built corpus: its body and search files into `corpus/` beside
/// `out`, then the index to `out`, so that a reader never sees half of it and
/// a failed write leaves the previous corpus in place. The data files have
/// new names when their content changes, so writing them first disturbs
/// nothing; the index then replaces the old one in one rename, and only then
/// are the files no index names any more removed.
pub fn write_atomically(built: &BuiltCorpus, out: &Path) -> std::io::Result<()> {
    let dir = out
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let data_dir = dir.join(DATA_DIR);
    fs::create_dir_all(&data_dir)?;
    // Every file written on every core, then all of them synced to disk at
    // once, before the index names them. Syncing each file as it was
    // written took 11 of a 20,000-pair build's 40 seconds (one disk flush
    // per file, 41,753 files; 2.3 s without any); one sync of the file
    // system flushes them all at once.
    let written: Vec<std::path::PathBuf> = built
        .files
        .par_iter()
        .map(|(url, json)| {
            let path = dir.join(url);
            if fs::metadata(&path).is_ok_and(|m| m.len() == json.len() as u64) {
                return Ok(None); // Same name, same content (the name is its hash).
            }
            write_file_atomically(&path, json.as_bytes(), false).map(|()| Some(path))
        })
        .filter_map(Result::transpose)
        .collect::<std::io::Result<_>>()?;
    sync_all_of(&data_dir, &written)?;
    // The first screens before the index: either one read with the other's
    // files present, the old index's being removed only below. Each names
    // the index it comes from (`LibraryCounts::build`), so that the app
    // never draws a filter's first screen of another build beside the
    // library's (a host's cache, a worker's precache).
    let index = serde_json::to_string(&built.corpus).map_err(std::io::Error::other)?;
    let build = content_hash(&[&index]);
    let stamped = |mut screen: Corpus| {
        if let Some(counts) = screen.whole_library.as_mut() {
            counts.build = Some(build.clone());
        }
        screen
    };
    let first = serde_json::to_string(&stamped(built.corpus.first_screen()))
        .map_err(std::io::Error::other)?;
    write_file_atomically(&dir.join(FIRST_SCREEN_FILE), first.as_bytes(), true)?;
    write_first_screens(&built.corpus, dir, &stamped)?;
    write_file_atomically(out, index.as_bytes(), true)?;
    let named: std::collections::HashSet<&str> =
        built.files.iter().map(|(url, _)| url.as_str()).collect();
    for entry in fs::read_dir(&data_dir)?.flatten() {
        let url = format!("{DATA_DIR}/{}", entry.file_name().to_string_lossy());
        if !named.contains(url.as_str()) {
            let _ = fs::remove_file(entry.path());
        }
    }
    Ok(())
}

/// Writes the first screen of each filter value alone into `first-screen/`
/// beside the index (`library::first_screen_of`): for a library larger than
/// one screen, a first filter click is answered from a few kilobytes while
/// the whole index is on its way. The files of values gone are removed; a
/// library that fits on one screen (whole in `first-screen.json`) has none.
fn write_first_screens(
    corpus: &Corpus,
    dir: &Path,
    stamped: &dyn Fn(Corpus) -> Corpus,
) -> std::io::Result<()> {
    let folder = dir.join(FIRST_SCREENS_DIR);
    let mut written = std::collections::HashSet::new();
    if !corpus.fits_on_first_screen() {
        fs::create_dir_all(&folder)?;
        let mut paths = Vec::new();
        for value in every_value(corpus) {
            let path = dir.join(first_screen_file(&value));
            let json = serde_json::to_string(&stamped(first_screen_of(corpus, &value)))
                .map_err(std::io::Error::other)?;
            write_file_atomically(&path, json.as_bytes(), false)?;
            written.insert(path.file_name().unwrap_or_default().to_os_string());
            paths.push(path);
        }
        sync_all_of(&folder, &paths)?;
    }
    if let Ok(entries) = fs::read_dir(&folder) {
        for entry in entries.flatten() {
            if !written.contains(&entry.file_name()) {
                let _ = fs::remove_file(entry.path());
            }
        }
    }
    Ok(())
}

/// Writes `json` to `out` by way of a temporary file, so that `out` is
/// never half written; `sync`: to disk before it takes the name (else the
/// caller syncs it: [`sync_all_of`]).
fn write_file_atomically(out: &Path, json: &[u8], sync: bool) -> std::io::Result<()> {
    let mut tmp_name = out.file_name().unwrap_or_default().to_os_string();
    tmp_name.push(".tmp");
    let tmp = out.with_file_name(tmp_name);
    let result = (|| {
        let mut file = fs::File::create(&tmp)?;
        file.write_all(json)?;
        if sync {
            file.sync_all()?;
        }
        fs::rename(&tmp, out)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

/// Brings `files`, written in `dir`, to disk: on Linux the whole file
/// system in one call (`syncfs`), elsewhere each file in turn.
fn sync_all_of(dir: &Path, files: &[std::path::PathBuf]) -> std::io::Result<()> {
    #[cfg(target_os = "linux")]
    {
        use std::os::fd::AsRawFd;
        let _ = files;
        let dir = fs::File::open(dir)?;
        // SAFETY: syncfs only reads the descriptor, which `dir` holds open.
        if unsafe { libc::syncfs(dir.as_raw_fd()) } != 0 {
            return Err(std::io::Error::last_os_error());
        }
        Ok(())
    }
    #[cfg(not(target_os = "linux"))]
    {
        let _ = dir;
        files.iter().try_for_each(|f| fs::File::open(f)?.sync_all())
    }
}

/// The 1-based line of a byte offset.
pub(crate) fn line_of(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    text.as_bytes()[..end]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    const TAXONOMY: &str = r#"
[[category]]
id = "lived"
fr = "Vécu"
en = "As experimented"

[[tag]]
id = "future-of-work"
fr = "Futur du travail"
en = "Future of work"
"#;

    fn taxonomy() -> Taxonomy {
        parse_taxonomy(Path::new("taxonomy.toml"), TAXONOMY).expect("test taxonomy parses")
    }

    fn source(slug: &str, lang: &str, key: &str, position: u32) -> String {
        format!(
            "+++\nslug = \"{slug}\"\nlang = \"{lang}\"\ntitle = \"A title\"\ntranslation_key = \"{key}\"\n\
             position = {position}\ncategories = [\"lived\"]\ntags = [\"future-of-work\"]\ncomments = 2\n+++\n\nA body.\n"
        )
    }

    #[test]
    fn front_matter_written_is_read_back_whatever_its_strings_hold() {
        let title = "Un \"titre\" \\ sur\ndeux lignes\t+++ # pas un commentaire";
        let mut front = FrontMatter::new("un-essai", Lang::Fr, title, "un-essai", 3)
            .with_categories(&["lived".to_string()])
            .with_tags(&["future-of-work".to_string()]);
        front.comments = 2;
        front.image_alt = Some("Une \"image\"".into());
        let file = front.write(Some("a note\nsur deux lignes"), "Le texte.");
        let source = parse("un-essai.fr.md", &file).expect("reads back");
        assert_eq!(source.essay.title, title.trim());
        assert_eq!(source.essay.slug, "un-essai");
        assert_eq!(source.essay.position, 3);
        assert_eq!(source.essay.categories, vec!["lived"]);
        assert_eq!(source.essay.tags, vec!["future-of-work"]);
        assert_eq!(source.essay.comments, 2);
        assert_eq!(source.essay.image_alt.as_deref(), Some("Une \"image\""));
        assert!(file.contains("tags = [\"future-of-work\"]  # a note sur deux lignes\n"));
    }

    fn parse(name: &str, text: &str) -> Result<EssaySource, Vec<ContentError>> {
        parse_essay(Path::new(name), text)
    }

    fn one_error(result: Result<EssaySource, Vec<ContentError>>) -> ContentError {
        let errors = result.expect_err("the source should be refused");
        assert_eq!(errors.len(), 1, "{errors:?}");
        errors.into_iter().next().unwrap_or_else(|| unreachable!())
    }

    fn assemble_errors(sources: &[(&str, String)]) -> Vec<ContentError> {
        let parsed = sources
            .iter()
            .map(|(name, text)| parse(name, text).expect("parses"))
            .collect();
        assemble(taxonomy(), parsed).expect_err("the corpus should be refused")
    }

    #[test]
    fn a_valid_source_becomes_an_essay_with_counted_words() {
        let essay = parse("a.fr.md", &source("a", "fr", "a", 1))
            .expect("valid")
            .essay;
        assert_eq!(
            (essay.slug.as_str(), essay.lang, essay.comments),
            ("a", Lang::Fr, 2)
        );
        assert_eq!(essay.excerpt, "A body.");
        assert_eq!(essay.word_count, 2);
        let built = assemble(
            taxonomy(),
            vec![parse("a.fr.md", &source("a", "fr", "a", 1)).expect("valid")],
        )
        .expect("valid corpus");
        assert_eq!(built.corpus.schema_version, SCHEMA_VERSION);
        // The index names the body and search files, which hold what the app needs.
        let files: HashMap<&str, &str> = built
            .files
            .iter()
            .map(|(url, json)| (url.as_str(), json.as_str()))
            .collect();
        let body = files[built.corpus.essays[0].body_url.as_str()];
        assert_eq!(
            EssayBody::from_json(body).unwrap().blocks,
            crate::document::parse_body("A body.")
        );
        assert_eq!(built.search.essays[0].passages, vec!["A title", "A body."]);
        // The search's shard list names shards among the files, which hold
        // the essay's words.
        let list =
            crate::search_shards::ShardList::from_json(files[built.corpus.search_url.as_str()])
                .unwrap();
        let terms: Vec<String> = list
            .shards
            .iter()
            .flat_map(|s| {
                crate::search_shards::Shard::from_json(files[s.url.as_str()])
                    .unwrap()
                    .terms
            })
            .map(|(term, _)| term)
            .collect();
        assert_eq!(terms, ["a", "body", "title"]);
        assert!(crate::corpus::is_data_url(&built.corpus.essays[0].body_url));
    }

    #[test]
    fn a_data_file_is_named_by_eight_hex_digits_of_its_content() {
        let url = data_url("essai", r#"{"blocks":[]}"#);
        let hash = url
            .strip_prefix("corpus/essai.")
            .and_then(|rest| rest.strip_suffix(".json"))
            .expect("corpus/essai.<hash>.json");
        assert_eq!(hash.len(), 8, "{url}");
        assert!(hash
            .bytes()
            .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase()));
        assert_eq!(url, data_url("essai", r#"{"blocks":[]}"#));
        assert_ne!(url, data_url("essai", r#"{"blocks":[1]}"#));
    }

    #[test]
    fn a_changed_body_gets_a_new_file_name_and_the_old_file_goes() {
        let dir = std::env::temp_dir().join(format!("essais-write-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        let out = dir.join("corpus.json");
        let build = |text: &str| {
            assemble(taxonomy(), vec![parse("a.fr.md", text).expect("valid")]).expect("valid")
        };
        let first = build(&source("a", "fr", "a", 1));
        write_atomically(&first, &out).unwrap();
        let second = build(&source("a", "fr", "a", 1).replace("A body.", "Another body."));
        let (old, new) = (
            &first.corpus.essays[0].body_url,
            &second.corpus.essays[0].body_url,
        );
        assert_ne!(old, new);
        write_atomically(&second, &out).unwrap();
        assert!(!dir.join(old).exists(), "the stale body is removed");
        assert!(dir.join(new).exists());
        let index = Corpus::from_json(&fs::read_to_string(&out).unwrap()).unwrap();
        assert_eq!(&index.essays[0].body_url, new);
        // The first screen beside it is written anew too (a library of one
        // entry: its own first screen, whole).
        let first = fs::read_to_string(dir.join(FIRST_SCREEN_FILE)).unwrap();
        assert_eq!(Corpus::from_json(&first).unwrap(), index);
        // The body, the search's shard list, its one shard of terms and one
        // of close keys: nothing stale.
        assert_eq!(second.files.len(), 4);
        assert_eq!(fs::read_dir(dir.join(DATA_DIR)).unwrap().count(), 4);
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_library_larger_than_one_screen_gets_each_values_first_screen_and_loses_them_when_it_fits()
    {
        let dir = std::env::temp_dir().join(format!("essais-screens-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        let out = dir.join("corpus.json");
        let build = |count: u32| {
            let sources = (1..=count)
                .map(|n| {
                    let slug = format!("e{n}");
                    parse(&format!("{slug}.fr.md"), &source(&slug, "fr", &slug, n)).expect("valid")
                })
                .collect();
            assemble(taxonomy(), sources).expect("valid")
        };
        let folder = dir.join(FIRST_SCREENS_DIR);
        let names = || {
            let mut names: Vec<String> = fs::read_dir(&folder)
                .map(|entries| {
                    entries
                        .flatten()
                        .map(|e| e.file_name().to_string_lossy().into_owned())
                        .collect()
                })
                .unwrap_or_default();
            names.sort_unstable();
            names
        };
        let large = build(crate::library::LIBRARY_PAGE_SIZE as u32 + 3);
        write_atomically(&large, &out).unwrap();
        // One per value of the taxonomy, and "in both languages".
        assert_eq!(
            names(),
            [
                "both-1.json",
                "category-lived.json",
                "tag-future-of-work.json"
            ]
        );
        let lived = crate::library::FilterValue::Category("lived".into());
        let read =
            |file: &str| Corpus::from_json(&fs::read_to_string(dir.join(file)).unwrap()).unwrap();
        let screen = read(&first_screen_file(&lived));
        assert_eq!(screen.essays, first_screen_of(&large.corpus, &lived).essays);
        assert_eq!(screen.library_size(), crate::library::LIBRARY_PAGE_SIZE + 3);
        // Each names the index it comes from, as the library's first screen does.
        let stamp = |c: &Corpus| c.whole_library.as_ref().and_then(|w| w.build.clone());
        let index = fs::read_to_string(&out).unwrap();
        assert_eq!(stamp(&screen), Some(content_hash(&[&index])));
        assert_eq!(stamp(&read(FIRST_SCREEN_FILE)), stamp(&screen));
        // Rebuilt small enough for one screen: `first-screen.json` holds it
        // whole, and no file of the folder is left to be read stale.
        write_atomically(&build(2), &out).unwrap();
        assert_eq!(names(), Vec::<String>::new());
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn unknown_category_and_tag_are_reported_on_their_lines() {
        let text = source("a", "fr", "a", 1)
            .replace("[\"lived\"]", "[\"lived\", \"nope\"]")
            .replace("[\"future-of-work\"]", "[\"future-of-work\",\n  \"gone\"]");
        let errors = assemble_errors(&[("a.fr.md", text)]);
        assert_eq!(errors.len(), 2, "{errors:?}");
        assert_eq!(
            errors[0].to_string(),
            "a.fr.md:7: unknown category \"nope\": add it to content/taxonomy.toml or fix the id"
        );
        assert_eq!(
            (errors[1].line, &errors[1].problem),
            (
                9,
                &Problem::UnknownTag {
                    id: "gone".into(),
                    hint: Hint::None
                }
            )
        );
    }

    #[test]
    fn an_unknown_id_close_to_a_known_one_gets_a_suggestion() {
        let text = source("a", "fr", "a", 1)
            .replace("[\"lived\"]", "[\"lvied\", \"future-of-work\"]")
            .replace("[\"future-of-work\"]", "[\"futur-of-work\", \"lived\"]");
        let errors = assemble_errors(&[("a.fr.md", text)]);
        let messages: Vec<String> = errors.iter().map(ToString::to_string).collect();
        assert_eq!(
            messages,
            [
                "a.fr.md:7: unknown category \"lvied\" (did you mean \"lived\"?): add it to content/taxonomy.toml or fix the id",
                "a.fr.md:7: unknown category \"future-of-work\" (that id is a tag): add it to content/taxonomy.toml or fix the id",
                "a.fr.md:8: unknown tag \"futur-of-work\" (did you mean \"future-of-work\"?): add it to content/taxonomy.toml or fix the id",
                "a.fr.md:8: unknown tag \"lived\" (that id is a category): add it to content/taxonomy.toml or fix the id",
            ]
        );
        // Nothing close: no guess.
        assert_eq!(
            Hint::closest("zzz", ["lived", "future-of-work"].into_iter()),
            Hint::None
        );
    }

    #[test]
    fn a_malformed_front_matter_still_lets_the_body_be_checked() {
        let deep = format!("{}deep", "> ".repeat(limits::MAX_NESTING + 1));
        let text = format!(
            "+++\nslug = \"a\"\ntitle = \n+++\n\nIntro.\n\n{deep}\n\n<!-- faces: x -->\n\nEnd.\n"
        );
        let errors = parse("a.fr.md", &text).expect_err("refused");
        let lines: Vec<(usize, String)> = errors
            .iter()
            .map(|e| (e.line, e.problem.to_string()))
            .collect();
        assert_eq!(lines.len(), 3, "{lines:?}");
        assert_eq!(lines[0].0, 3);
        assert!(
            lines[0].1.starts_with("malformed front matter"),
            "{lines:?}"
        );
        assert_eq!(
            lines[1],
            (8, format!("quotes, lists, emphasis and links nest more than {0} levels deep here; the limit is {0}", limits::MAX_NESTING))
        );
        assert_eq!(lines[2].0, 10);
    }

    #[test]
    fn nesting_at_the_limit_is_kept_and_one_past_it_is_refused_on_its_line() {
        // Lists, the kind that costs the most in the body file.
        let list = |depth: usize| {
            (0..depth)
                .map(|d| format!("{}- level {}\n", "  ".repeat(d), d + 1))
                .collect::<String>()
        };
        let at_limit = source("a", "fr", "a", 1).replace("A body.", &list(limits::MAX_NESTING));
        let essay = parse("a.fr.md", &at_limit).expect("nesting at the limit is accepted");
        assert_eq!(essay.blocks[0].nesting(), limits::MAX_NESTING);
        // What the tool writes, the app reads.
        let json = body_json(&essay.blocks, None);
        let body = EssayBody::from_json(&json).expect("the app reads it");
        assert_eq!(body.blocks, essay.blocks);

        let past = source("a", "fr", "a", 1).replace("A body.", &list(limits::MAX_NESTING + 1));
        let err = one_error(parse("a.fr.md", &past));
        assert_eq!(
            err.line,
            12 + limits::MAX_NESTING,
            "the line of the level past the limit"
        );
        assert_eq!(
            err.problem,
            Problem::NestedTooDeep {
                limit: limits::MAX_NESTING
            }
        );
        // Emphasis counts too, and a pathological depth is refused without
        // building (or dropping) a tree as deep.
        let stars = format!("{}x{}", "*a ".repeat(50_000), " a*".repeat(50_000));
        let err = one_error(parse(
            "a.fr.md",
            &source("a", "fr", "a", 1).replace("A body.", &stars),
        ));
        assert_eq!(
            err.problem,
            Problem::NestedTooDeep {
                limit: limits::MAX_NESTING
            }
        );
        let quotes = ">".repeat(100_000);
        let err = one_error(parse(
            "a.fr.md",
            &source("a", "fr", "a", 1).replace("A body.", &quotes),
        ));
        assert_eq!(
            (err.line, err.problem),
            (
                12,
                Problem::NestedTooDeep {
                    limit: limits::MAX_NESTING
                }
            )
        );
    }

    #[test]
    fn title_body_and_block_count_limits_are_each_reported_with_the_limit() {
        let long_title = "t".repeat(limits::MAX_TITLE_CHARS + 1);
        let text = source("a", "fr", "a", 1).replace("A title", &long_title);
        let err = one_error(parse("a.fr.md", &text));
        assert_eq!(
            err.to_string(),
            format!(
                "a.fr.md:4: the title is {} characters long; the limit is {}",
                limits::MAX_TITLE_CHARS + 1,
                limits::MAX_TITLE_CHARS
            )
        );
        let at_limit =
            source("a", "fr", "a", 1).replace("A title", &"é".repeat(limits::MAX_TITLE_CHARS));
        parse("a.fr.md", &at_limit).expect("a title at the limit is accepted");

        let blocks = "Paragraph.\n\n".repeat(limits::MAX_BLOCKS + 1);
        let err = one_error(parse(
            "a.fr.md",
            &source("a", "fr", "a", 1).replace("A body.", &blocks),
        ));
        assert_eq!(
            (err.line, err.problem),
            (
                12,
                Problem::TooManyBlocks {
                    blocks: limits::MAX_BLOCKS + 1,
                    limit: limits::MAX_BLOCKS
                }
            )
        );

        let word = "w".repeat(limits::MAX_BODY_BYTES + 1);
        let err = one_error(parse(
            "a.fr.md",
            &source("a", "fr", "a", 1).replace("A body.", &word),
        ));
        assert_eq!(
            (err.line, err.problem),
            (
                12,
                Problem::BodyTooLarge {
                    bytes: limits::MAX_BODY_BYTES + 1,
                    limit: limits::MAX_BODY_BYTES
                }
            )
        );
    }

    #[test]
    fn decomposed_accents_are_composed_at_build_lines_unchanged() {
        let text = source("a", "fr", "a", 1)
            .replace("A title", "E\u{301}te\u{301}")
            .replace(
                "A body.",
                "Un e\u{301}te\u{301} chaud.\n\n<!-- faces: q -->\n\nFin.",
            );
        let err = one_error(parse("a.fr.md", &text));
        assert_eq!(err.line, 14, "lines are counted as written");
        let text = text.replace("<!-- faces: q -->\n\n", "");
        let essay = parse("a.fr.md", &text).expect("parses");
        assert_eq!(essay.essay.title, "Été");
        assert_eq!(
            essay.blocks[0],
            Block::Paragraph(vec![crate::document::Inline::Text("Un été chaud.".into())])
        );
    }

    #[test]
    fn duplicate_slug_names_both_files() {
        let errors = assemble_errors(&[
            ("a.fr.md", source("same", "fr", "a", 1)),
            ("b.en.md", source("same", "en", "b", 2)),
        ]);
        assert_eq!(errors.len(), 1);
        assert_eq!(
            errors[0].to_string(),
            "b.en.md:2: slug \"same\" is already used by a.fr.md:2"
        );
    }

    #[test]
    fn two_essays_of_one_language_in_a_group_are_refused() {
        let errors = assemble_errors(&[
            ("a.fr.md", source("a", "fr", "pair", 1)),
            ("b.fr.md", source("b", "fr", "pair", 2)),
        ]);
        assert_eq!(errors.len(), 1);
        assert_eq!(
            errors[0].problem,
            Problem::DuplicateLanguageInGroup {
                key: "pair".into(),
                lang: Lang::Fr,
                first: "a.fr.md:5".into()
            }
        );
        assert_eq!(errors[0].line, 5);
    }

    #[test]
    fn two_essays_at_one_position_are_refused() {
        let errors = assemble_errors(&[
            ("a.fr.md", source("a", "fr", "a", 3)),
            ("b.en.md", source("b", "en", "b", 3)),
        ]);
        assert_eq!(
            errors[0].problem,
            Problem::DuplicatePosition {
                position: 3,
                first: "a.fr.md:6".into()
            }
        );
    }

    #[test]
    fn missing_or_empty_title_is_refused() {
        let no_title = source("a", "fr", "a", 1).replace("title = \"A title\"\n", "");
        assert_eq!(
            one_error(parse("a.md", &no_title)).problem,
            Problem::MissingTitle
        );
        let blank = source("a", "fr", "a", 1).replace("\"A title\"", "\"  \"");
        let err = one_error(parse("a.md", &blank));
        assert_eq!((err.line, err.problem), (4, Problem::MissingTitle));
    }

    #[test]
    fn missing_body_is_refused_at_the_end_of_the_front_matter() {
        let text = source("a", "fr", "a", 1).replace("A body.\n", "  \n");
        let err = one_error(parse("a.md", &text));
        assert_eq!((err.line, err.problem), (11, Problem::MissingBody));
    }

    #[test]
    fn malformed_front_matter_names_its_line() {
        let text = source("a", "fr", "a", 1).replace("comments = 2", "comments = two");
        let err = one_error(parse("a.md", &text));
        assert_eq!(err.line, 9);
        assert!(
            matches!(err.problem, Problem::MalformedFrontMatter(_)),
            "{err}"
        );

        let text = source("a", "fr", "a", 1).replace("comments = 2", "coments = 2");
        let err = one_error(parse("a.md", &text));
        assert_eq!(err.line, 9, "{err}");
        assert!(err.to_string().contains("coments"), "{err}");
    }

    #[test]
    fn front_matter_must_open_and_close() {
        assert_eq!(
            one_error(parse("a.md", "# Just Markdown\n")).problem,
            Problem::MissingFrontMatter
        );
        assert_eq!(
            one_error(parse("a.md", "+++\nslug = \"a\"\n\nBody\n")).problem,
            Problem::UnclosedFrontMatter
        );
    }

    #[test]
    fn malformed_slug_key_language_and_position_are_each_reported() {
        let text = source("Bad Slug", "de", "a b", 0);
        let errors = parse("a.md", &text).expect_err("refused");
        let problems: Vec<&Problem> = errors.iter().map(|e| &e.problem).collect();
        assert_eq!(
            problems,
            vec![
                &Problem::BadSlug("Bad Slug".into()),
                &Problem::BadTranslationKey("a b".into()),
                &Problem::UnknownLanguage("de".into()),
                &Problem::BadPosition
            ]
        );
    }

    #[test]
    fn taxonomy_ids_must_be_unique_and_well_formed() {
        let text = format!("{TAXONOMY}\n[[tag]]\nid = \"future-of-work\"\nfr = \"x\"\nen = \"y\"\n\n[[tag]]\nid = \"Bad Id\"\nfr = \"x\"\nen = \"y\"\n");
        let errors = parse_taxonomy(Path::new("taxonomy.toml"), &text).expect_err("refused");
        assert_eq!(errors.len(), 2, "{errors:?}");
        assert_eq!(errors[0].line, 12);
        assert!(matches!(
            errors[0].problem,
            Problem::DuplicateTaxonomyId { .. }
        ));
        assert_eq!(errors[1].problem, Problem::BadTaxonomyId("Bad Id".into()));
        let missing_label =
            parse_taxonomy(Path::new("t.toml"), "[[tag]]\nid = \"a\"\nfr = \"x\"\n")
                .expect_err("refused");
        assert!(
            missing_label[0].to_string().contains("en"),
            "{}",
            missing_label[0]
        );
    }
}
