//! A large synthetic corpus for the benchmark (`bench-corpus generate`): thousands
//! of translation pairs whose text is made of the real essays' sentences, so
//! word lengths, accents, punctuation and paragraph sizes look like the blog's.
//!
//! Deterministic (a fixed-seed xorshift), so two runs of the benchmark read
//! the same corpus. Lengths follow the seed blog: 300 to 1,800 words per
//! essay, paragraphs of 2 to 9 sentences, now and then a heading, a quote or
//! a list; each pair has the same block structure in both languages, as a
//! translation does.

use essais_core::content::{FrontMatter, ESSAYS_DIR, TAXONOMY_FILE};
use essais_core::Lang;
use std::fmt::Write as _;
use std::path::Path;

/// The sentences of a language, taken from real essays' bodies.
pub struct SentencePool {
    sentences: Vec<String>,
}

impl SentencePool {
    /// Every sentence of the paragraphs of these Markdown bodies (other
    /// blocks and very short sentences are left out).
    pub fn from_bodies<'a>(bodies: impl IntoIterator<Item = &'a str>) -> SentencePool {
        let mut sentences = Vec::new();
        for body in bodies {
            for paragraph in body.split("\n\n") {
                let paragraph = paragraph.trim();
                if paragraph.starts_with(['>', '#', '-', '*', '`']) || paragraph.contains('[') {
                    continue;
                }
                for sentence in paragraph.split_inclusive(['.', '?', '!', '…']) {
                    let sentence = sentence.trim().replace('\n', " ");
                    if sentence.split_whitespace().count() >= 5 {
                        sentences.push(sentence);
                    }
                }
            }
        }
        SentencePool { sentences }
    }

    pub fn is_empty(&self) -> bool {
        self.sentences.is_empty()
    }
}

/// xorshift64*: small, fast, and the same on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// Uniform in `low..=high`.
    fn between(&mut self, low: usize, high: usize) -> usize {
        low + (self.next() % (high - low + 1) as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.next() as usize % items.len()]
    }
}

/// The shape of one block, shared by both languages of a pair.
enum Shape {
    Paragraph(usize),
    Heading,
    Quote,
    List(usize),
}

const CATEGORIES: [(&str, &str, &str); 6] = [
    ("lived", "Vécu", "As experimented"),
    (
        "seen-heard-read",
        "Vu, lu ou entendu",
        "As seen, heard or read",
    ),
    ("essays", "Essais", "Essays"),
    ("notes", "Notes", "Notes"),
    ("letters", "Lettres", "Letters"),
    ("reviews", "Critiques", "Reviews"),
];

const TAG_WORDS: [(&str, &str); 20] = [
    ("travail", "work"),
    ("economie", "economy"),
    ("entreprise", "company"),
    ("societe", "society"),
    ("monnaie", "money"),
    ("ville", "city"),
    ("technique", "technology"),
    ("education", "education"),
    ("sante", "health"),
    ("climat", "climate"),
    ("energie", "energy"),
    ("culture", "culture"),
    ("langue", "language"),
    ("histoire", "history"),
    ("politique", "politics"),
    ("science", "science"),
    ("voyage", "travel"),
    ("lecture", "reading"),
    ("musique", "music"),
    ("famille", "family"),
];

/// Writes `content_dir/taxonomy.toml` and `pairs` translation pairs (two
/// files each) under `content_dir/essays/`. Returns the number of files.
/// With `many_tags`, the taxonomy has that many tags and each pair one to
/// five of them, the first tags on many essays and most on a few, as in a
/// long-running blog ([`many_tags_of`]); with `many_categories`, that many
/// more categories, each pair in one of them besides its own, drawn the
/// same way ([`many_category_of`]). The essays' text is the same.
pub fn write_corpus(
    content_dir: &Path,
    pairs: usize,
    french: &SentencePool,
    english: &SentencePool,
    many_tags: Option<usize>,
    many_categories: Option<usize>,
) -> std::io::Result<usize> {
    if french.is_empty() || english.is_empty() {
        return Err(std::io::Error::other(
            "no sentences to generate essays from",
        ));
    }
    let essays_dir = content_dir.join(ESSAYS_DIR);
    std::fs::create_dir_all(&essays_dir)?;
    std::fs::write(
        content_dir.join(TAXONOMY_FILE),
        taxonomy(many_tags, many_categories),
    )?;
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut written = 0;
    for n in 1..=pairs {
        let shapes = essay_shapes(&mut rng);
        let mut categories = vec![rng.pick(&CATEGORIES).0.to_string()];
        if let Some(count) = many_categories {
            // Drawn apart too.
            categories.push(many_category_of(n, count));
        }
        let mut tags: Vec<String> = (0..rng.between(1, 5))
            .map(|_| tag_id(rng.pick(&TAG_WORDS)))
            .collect();
        if let Some(count) = many_tags {
            // Drawn apart, so that every other draw (and so the text) is
            // the same as without.
            tags = many_tags_of(n, count);
        }
        tags.sort();
        tags.dedup();
        let key = format!("essai-{n:05}");
        for (lang, pool) in [(Lang::Fr, french), (Lang::En, english)] {
            let title_seed = rng.next();
            let essay = Generated {
                slug: match lang {
                    Lang::Fr => key.clone(),
                    Lang::En => format!("essay-{n:05}"),
                },
                lang,
                title: title(pool, title_seed, n),
                key: &key,
                // Positions are unique per version, as in the blog's order.
                position: 2 * n - usize::from(lang == Lang::Fr),
                categories: &categories,
                tags: &tags,
                body: body(&shapes, pool, &mut rng),
            };
            let file = essays_dir.join(format!("{key}.{}.md", lang.code()));
            std::fs::write(file, essay.to_source())?;
            written += 1;
        }
    }
    Ok(written)
}

fn tag_id((fr, en): &(&str, &str)) -> String {
    if fr == en {
        fr.to_string()
    } else {
        format!("{fr}-{en}")
    }
}

/// The id of the `i`th of many tags.
fn many_tag_id(i: usize) -> String {
    format!("tag-{i:04}")
}

/// Pair `n`'s tags among `count`: one to five, every other one drawn with a
/// heavy tail (the cube of a uniform draw: the first tags on many essays),
/// the others uniformly (most tags on a few).
fn many_tags_of(n: usize, count: usize) -> Vec<String> {
    let mut rng = Rng((n as u64).wrapping_mul(0x2545_f491_4f6c_dd1d) | 1);
    (0..rng.between(1, 5))
        .map(|k| {
            let i = if k % 2 == 0 {
                let u = (rng.next() >> 11) as f64 / (1u64 << 53) as f64;
                (u * u * u * count as f64) as usize
            } else {
                rng.between(0, count - 1)
            };
            many_tag_id(i.min(count - 1))
        })
        .collect()
}

/// The id of the `i`th of many categories.
fn many_category_id(i: usize) -> String {
    format!("category-{i:03}")
}

/// Pair `n`'s category among `count` more: drawn with the same heavy tail
/// as the tags (the first categories on many essays, most on a few).
fn many_category_of(n: usize, count: usize) -> String {
    let mut rng = Rng((n as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1);
    let u = (rng.next() >> 11) as f64 / (1u64 << 53) as f64;
    many_category_id(((u * u * u * count as f64) as usize).min(count - 1))
}

fn taxonomy(many_tags: Option<usize>, many_categories: Option<usize>) -> String {
    let mut out = String::from("# Generated by `corpus generate` for the benchmark.\n");
    for (id, fr, en) in CATEGORIES {
        let _ = write!(
            out,
            "\n[[category]]\nid = \"{id}\"\nfr = \"{fr}\"\nen = \"{en}\"\n"
        );
    }
    for i in 0..many_categories.unwrap_or(0) {
        let id = many_category_id(i);
        let _ = write!(
            out,
            "\n[[category]]\nid = \"{id}\"\nfr = \"Rubrique {i}\"\nen = \"Section {i}\"\n"
        );
    }
    if let Some(count) = many_tags {
        for i in 0..count {
            let id = many_tag_id(i);
            let _ = write!(
                out,
                "\n[[tag]]\nid = \"{id}\"\nfr = \"Mot-clé {i}\"\nen = \"Tag {i}\"\n"
            );
        }
        return out;
    }
    for pair in TAG_WORDS {
        let (fr, en) = pair;
        let id = tag_id(&pair);
        let _ = write!(
            out,
            "\n[[tag]]\nid = \"{id}\"\nfr = \"{fr}\"\nen = \"{en}\"\n"
        );
    }
    out
}

/// 300 to 1,800 words: paragraphs of 2 to 9 sentences (about 25 words
/// each), with a heading every few paragraphs and the odd quote or list.
fn essay_shapes(rng: &mut Rng) -> Vec<Shape> {
    let target_sentences = rng.between(12, 60);
    let mut shapes = Vec::new();
    let mut sentences = 0;
    while sentences < target_sentences {
        let roll = rng.between(0, 19);
        let shape = match roll {
            0 if !shapes.is_empty() => Shape::Heading,
            1 => Shape::Quote,
            2 => Shape::List(rng.between(2, 5)),
            _ => Shape::Paragraph(rng.between(2, 9)),
        };
        sentences += match shape {
            Shape::Paragraph(n) | Shape::List(n) => n,
            Shape::Heading | Shape::Quote => 1,
        };
        shapes.push(shape);
    }
    shapes
}

fn title(pool: &SentencePool, seed: u64, n: usize) -> String {
    let mut rng = Rng(seed | 1);
    let sentence = rng.pick(&pool.sentences);
    let words: Vec<&str> = sentence
        .split_whitespace()
        .take(rng.between(3, 8))
        .collect();
    let text = words
        .join(" ")
        .trim_end_matches([',', '.', ';', ':', '…', '?', '!'])
        .replace(['"', '\\'], "");
    format!("{text} ({n})")
}

fn body(shapes: &[Shape], pool: &SentencePool, rng: &mut Rng) -> String {
    let mut blocks = Vec::new();
    for shape in shapes {
        let mut sentences = |count: usize| -> Vec<String> {
            (0..count)
                .map(|_| rng.pick(&pool.sentences).clone())
                .collect()
        };
        blocks.push(match shape {
            Shape::Paragraph(n) => sentences(*n).join(" "),
            Shape::Heading => {
                let line = sentences(1).remove(0);
                let words: Vec<&str> = line.split_whitespace().take(6).collect();
                format!(
                    "## {}",
                    words.join(" ").trim_end_matches([',', '.', ';', ':'])
                )
            }
            Shape::Quote => format!("> {}", sentences(1).remove(0)),
            Shape::List(n) => sentences(*n)
                .iter()
                .map(|s| format!("- {s}"))
                .collect::<Vec<_>>()
                .join("\n"),
        });
    }
    blocks.join("\n\n")
}

struct Generated<'a> {
    slug: String,
    lang: Lang,
    title: String,
    key: &'a str,
    position: usize,
    categories: &'a [String],
    tags: &'a [String],
    body: String,
}

impl Generated<'_> {
    /// The essay file, written through the corpus's own front-matter type.
    fn to_source(&self) -> String {
        FrontMatter::new(
            &self.slug,
            self.lang,
            &self.title,
            self.key,
            self.position as u32,
        )
        .with_categories(self.categories)
        .with_tags(self.tags)
        .write(None, &self.body)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pools() -> (SentencePool, SentencePool) {
        (
            SentencePool::from_bodies([
                "Une première phrase assez longue pour compter. Une autre phrase qui compte aussi, vraiment.",
            ]),
            SentencePool::from_bodies([
                "A first sentence long enough to count. Another sentence that counts as well, really.",
            ]),
        )
    }

    #[test]
    fn generated_sources_build_into_a_valid_corpus_of_pairs() {
        let dir = std::env::temp_dir().join(format!("essais-generate-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let (fr, en) = pools();
        assert_eq!(write_corpus(&dir, 12, &fr, &en, None, None).unwrap(), 24);
        let corpus = essais_core::content::load(&dir)
            .expect("generated content is valid")
            .corpus;
        assert_eq!(corpus.essays.len(), 24);
        assert_eq!(corpus.translation_groups().len(), 12);
        assert!(
            corpus.essays.iter().all(|e| e.word_count >= 12 * 5),
            "at least 12 sentences"
        );
        // With many tags and categories: the same essays, each pair's tags
        // and second category its own, the first ones on more essays than
        // the last.
        let many = dir.join("many");
        assert_eq!(
            write_corpus(&many, 200, &fr, &en, Some(300), Some(100)).unwrap(),
            400
        );
        let tagged = essais_core::content::load(&many)
            .expect("generated content is valid")
            .corpus;
        assert_eq!(tagged.taxonomy.tags.len(), 300);
        assert_eq!(tagged.taxonomy.categories.len(), CATEGORIES.len() + 100);
        let first = write_corpus(&dir.join("plain"), 200, &fr, &en, None, None).unwrap();
        assert_eq!(first, 400);
        let plain = essais_core::content::load(&dir.join("plain"))
            .unwrap()
            .corpus;
        for (a, b) in tagged.essays.iter().zip(&plain.essays) {
            assert_eq!((&a.title, a.word_count), (&b.title, b.word_count));
        }
        for group in tagged.translation_groups() {
            assert_eq!(group.versions[0].tags, group.versions[1].tags);
            assert!((1..=5).contains(&group.versions[0].tags.len()));
            assert_eq!(group.versions[0].categories, group.versions[1].categories);
            assert_eq!(group.versions[0].categories.len(), 2);
        }
        let in_categories = |range: std::ops::Range<usize>| {
            range
                .map(|i| tagged.groups_in_category(&many_category_id(i)).len())
                .sum::<usize>()
        };
        assert_eq!(in_categories(0..100), 200);
        assert!(in_categories(0..10) > 2 * in_categories(90..100));
        let on = |range: std::ops::Range<usize>| {
            range
                .map(|i| tagged.groups_with_tag(&many_tag_id(i)).len())
                .sum::<usize>()
        };
        assert!(
            on(0..30) > 2 * on(270..300),
            "{} against {}",
            on(0..30),
            on(270..300)
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn short_fragments_are_not_sentences() {
        let pool = SentencePool::from_bodies([
            "Trop court.\n\n> A quote line that is long enough.\n\n## A heading that is long enough",
        ]);
        assert!(pool.is_empty());
    }

    #[test]
    fn generation_is_deterministic() {
        let mut a = Rng(42);
        let mut b = Rng(42);
        let shapes_a = essay_shapes(&mut a).len();
        let shapes_b = essay_shapes(&mut b).len();
        assert_eq!(shapes_a, shapes_b);
        assert_eq!(a.next(), b.next());
    }
}
