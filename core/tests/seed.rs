//! The real corpus: the blog export in content/imports/ and the editor's
//! content/ built from it. These tests pin every quirk of that export.

use essais_core::content;
use essais_core::import::{self, BlockKind, ImportedPost};
use essais_core::text::plain_text;
use essais_core::{Corpus, Lang};
use std::path::{Path, PathBuf};

fn content_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../content")
}

fn seed_posts() -> Vec<ImportedPost> {
    let export = std::fs::read_to_string(content_dir().join("imports/blog-export.txt"))
        .expect("the seed export is committed");
    let taxonomy_path = content_dir().join("taxonomy.toml");
    let taxonomy_text = std::fs::read_to_string(&taxonomy_path).expect("taxonomy.toml");
    let taxonomy =
        content::parse_taxonomy(&taxonomy_path, &taxonomy_text).expect("taxonomy is valid");
    import::parse_export(&export, &taxonomy).expect("the seed imports without error")
}

fn built_corpus() -> Corpus {
    built().corpus
}

fn built() -> content::BuiltCorpus {
    content::load(&content_dir()).unwrap_or_else(|errors| {
        panic!(
            "content/ does not build: {}",
            errors
                .iter()
                .map(|e| e.to_string())
                .collect::<Vec<_>>()
                .join("\n")
        )
    })
}

#[test]
fn seed_has_five_posts_in_blog_order_with_their_languages() {
    let posts = seed_posts();
    let found: Vec<(&str, Lang, u32)> = posts
        .iter()
        .map(|p| (p.title.as_str(), p.lang, p.position))
        .collect();
    assert_eq!(
        found,
        vec![
            (
                "Franchir le mur de la réalité (social business style)",
                Lang::Fr,
                1
            ),
            (
                "Breaking the reality barrier (social business style)",
                Lang::En,
                2
            ),
            ("Le business modèle brisé du business", Lang::Fr, 3),
            ("The Broken Business Model of Business", Lang::En, 4),
            ("The Stopcock and the New Economy", Lang::En, 5),
        ]
    );
}

#[test]
fn seed_translations_pair_up_and_the_stopcock_stands_alone() {
    let posts = seed_posts();
    assert_eq!(posts[0].translation_key, posts[1].translation_key);
    assert_eq!(posts[2].translation_key, posts[3].translation_key);
    assert_ne!(posts[1].translation_key, posts[2].translation_key);
    assert_ne!(posts[3].translation_key, posts[4].translation_key);
}

#[test]
fn seed_footers_give_categories_tag_counts_and_comments() {
    let posts = seed_posts();
    let categories: Vec<Vec<&str>> = posts
        .iter()
        .map(|p| p.categories.iter().map(String::as_str).collect())
        .collect();
    assert_eq!(
        categories,
        vec![
            vec!["lived", "seen-heard-read"],
            vec!["lived", "seen-heard-read"],
            vec!["seen-heard-read"],
            vec!["seen-heard-read"],
            vec!["lived"],
        ]
    );
    let tag_counts: Vec<usize> = posts.iter().map(|p| p.lost_tag_count).collect();
    assert_eq!(tag_counts, vec![5, 5, 9, 9, 7]);
    let comments: Vec<u32> = posts.iter().map(|p| p.comments).collect();
    assert_eq!(comments, vec![0, 1, 0, 1, 4]);
}

#[test]
fn seed_captions_become_alt_text_and_bodies_start_after_them() {
    let posts = seed_posts();
    let starts: Vec<(Option<&str>, &str)> = posts
        .iter()
        .map(|p| {
            (
                p.image_alt.as_deref(),
                p.blocks[0].1.split(',').next().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(
        starts,
        vec![
            (None, "Un tweet de Bertrand Duperrin"),
            (None, "A tweet from Bertrand Duperrin"),
            (Some("business modèle"), "Jour après jour"),
            (Some("business modèle"), "Every day"),
            (Some("A new local sharing economy"), "For once"),
        ]
    );
}

#[test]
fn seed_headings_and_quotes_are_found() {
    let posts = seed_posts();
    let of_kind = |post: &ImportedPost, kind: BlockKind| -> Vec<String> {
        post.blocks
            .iter()
            .filter(|(k, _)| *k == kind)
            .map(|(_, t)| t.chars().take(24).collect())
            .collect()
    };
    assert_eq!(
        of_kind(&posts[2], BlockKind::Heading),
        vec![
            "Ouvrir les portes",
            "Un business modèle brisé",
            "Repenser la manière dont"
        ]
    );
    assert_eq!(
        of_kind(&posts[3], BlockKind::Heading),
        vec![
            "Opening the doors",
            "A broken business model",
            "Rethinking how value is c"
        ]
        .into_iter()
        .map(|s| s.chars().take(24).collect::<String>())
        .collect::<Vec<_>>()
    );
    assert_eq!(
        of_kind(&posts[4], BlockKind::Heading),
        vec!["A tidal wave called life", "Local communities, not c"]
    );
    // The tweet; Keynes and Jon Husband in both languages; Helen Clarkson.
    let quotes: Vec<usize> = posts
        .iter()
        .map(|p| of_kind(p, BlockKind::Quote).len())
        .collect();
    assert_eq!(quotes, vec![1, 1, 2, 2, 1]);
    assert!(of_kind(&posts[0], BlockKind::Quote)[0].starts_with("2014 will be the year"));
    assert!(of_kind(&posts[4], BlockKind::Quote)[0].starts_with("“But overall we know"));
    // Every pair has the same shape block for block.
    for (a, b) in [(0, 1), (2, 3)] {
        let kinds = |p: &ImportedPost| p.blocks.iter().map(|(k, _)| *k).collect::<Vec<_>>();
        assert_eq!(kinds(&posts[a]), kinds(&posts[b]));
    }
}

#[test]
fn seed_text_is_carried_verbatim_through_markdown() {
    for post in seed_posts() {
        let expected: Vec<&str> = post.blocks.iter().map(|(_, t)| t.as_str()).collect();
        assert_eq!(
            plain_text(&post.body_markdown()),
            expected.join("\n\n"),
            "{}",
            post.title
        );
    }
    // What the app shows and searches: the built search data, block by block.
    let all: String = built()
        .search
        .essays
        .iter()
        .flat_map(|e| e.passages.iter().map(String::as_str))
        .collect::<Vec<_>>()
        .join("\n\n");
    for verbatim in [
        "l’œuvre",
        "Le cœur du business",
        "ne relève-t-il pas d’une approche trop entreprise-centrique ?",
        "celle dont il se fait vraiment:",
        "“Vendre du social business”",
        "Future of [Collaborative] Enterprise",
    ] {
        assert!(
            all.contains(verbatim),
            "{verbatim:?} was not carried verbatim"
        );
    }
}

#[test]
fn import_of_the_seed_reproduces_content_but_for_editorial_tags_and_strike_through() {
    let essays_dir = content_dir().join("essays");
    for post in seed_posts() {
        let path = essays_dir.join(post.file_name());
        let edited =
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let drop_tags = |text: &str| {
            text.lines()
                .filter(|l| !l.starts_with("tags = "))
                .collect::<Vec<_>>()
                .join("\n")
        };
        // The editor's two strike-throughs are the only body changes.
        let unstruck = edited.replace("~~", "");
        assert_eq!(
            drop_tags(&unstruck),
            drop_tags(&post.to_content_file()),
            "{}",
            path.display()
        );
    }
}

#[test]
fn the_lost_strike_through_is_restored_in_both_languages() {
    let built = built();
    // In the built body files, as the app receives them.
    let body = |slug: &str| format!("{:?}", built.bodies[slug]);
    assert!(body("le-business-modele-brise-du-business")
        .contains(r#"Strike([Text("Quelques")]), Text(" Très peu d’entreprises"#));
    assert!(body("the-broken-business-model-of-business")
        .contains(r#"Strike([Text("Some")]), Text(" Few organizations"#));
}

#[test]
fn editorial_tags_match_the_lost_counts_and_agree_within_pairs() {
    let corpus = built_corpus();
    let counts: Vec<usize> = corpus.essays.iter().map(|e| e.tags.len()).collect();
    assert_eq!(counts, vec![5, 5, 9, 9, 7]);
    for group in corpus.translation_groups() {
        let first = &group.versions[0].tags;
        assert!(
            group.versions.iter().all(|e| &e.tags == first),
            "tags differ within {}",
            group.key
        );
    }
    // Themes are shared across the collection, not one-off labels.
    let shared = corpus
        .taxonomy
        .tags
        .iter()
        .filter(|t| {
            corpus
                .translation_groups()
                .iter()
                .filter(|g| g.versions[0].tags.contains(&t.id))
                .count()
                > 1
        })
        .count();
    assert!(shared >= 4, "only {shared} tags are shared between essays");
    // Every tag and category is used, and labelled in both languages.
    for entry in corpus
        .taxonomy
        .tags
        .iter()
        .chain(&corpus.taxonomy.categories)
    {
        assert!(
            corpus
                .essays
                .iter()
                .any(|e| e.tags.contains(&entry.id) || e.categories.contains(&entry.id)),
            "{} unused",
            entry.id
        );
        assert!(!entry.label.fr.is_empty() && !entry.label.en.is_empty());
    }
}

#[test]
fn built_corpus_has_every_field_and_round_trips() {
    let corpus = built_corpus();
    assert_eq!(corpus.essays.len(), 5);
    assert_eq!(corpus.translation_groups().len(), 3);
    assert!(corpus
        .essays
        .iter()
        .all(|e| e.word_count > 400 && !e.title.is_empty()));
    let json = serde_json::to_string(&corpus).expect("serialises");
    assert_eq!(Corpus::from_json(&json), Ok(corpus));
}
