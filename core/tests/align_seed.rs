//! The aligner on the real translation pairs, and on the ways a translation
//! departs from its original, built from the same texts.

use essais_core::align::{align, counterpart, shapes, AlignedRow, BlockKind};
use essais_core::content;
use essais_core::document::{Block, Inline};
use std::path::Path;

fn corpus() -> content::BuiltCorpus {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../content");
    content::load(&dir).unwrap_or_else(|e| panic!("content/ builds: {e:?}"))
}

fn body(corpus: &content::BuiltCorpus, slug: &str) -> Vec<Block> {
    corpus
        .bodies
        .get(slug)
        .unwrap_or_else(|| panic!("{slug} exists"))
        .clone()
}

fn one_to_one(n: usize) -> Vec<AlignedRow> {
    (0..n)
        .map(|i| AlignedRow {
            left: vec![i],
            right: vec![i],
        })
        .collect()
}

fn paragraph_text(block: &Block) -> String {
    match block {
        Block::Paragraph(inlines) => essais_core::document::inline_text(inlines),
        other => panic!("not a paragraph: {other:?}"),
    }
}

fn paragraph(text: &str) -> Block {
    Block::Paragraph(vec![Inline::Text(text.to_string())])
}

/// The French and English bodies of the business-model essay (15 blocks each).
fn business_model() -> (Vec<Block>, Vec<Block>) {
    let c = corpus();
    (
        body(&c, "le-business-modele-brise-du-business"),
        body(&c, "the-broken-business-model-of-business"),
    )
}

#[test]
fn the_seed_pairs_align_one_to_one_block_for_block() {
    let c = corpus();
    for (fr, en) in [
        (
            "franchir-le-mur-de-la-realite",
            "breaking-the-reality-barrier",
        ),
        (
            "le-business-modele-brise-du-business",
            "the-broken-business-model-of-business",
        ),
    ] {
        let (fr, en) = (body(&c, fr), body(&c, en));
        assert_eq!(fr.len(), en.len());
        assert_eq!(align(&shapes(&fr), &shapes(&en)), one_to_one(fr.len()));
        assert_eq!(
            align(&shapes(&en), &shapes(&fr)),
            one_to_one(fr.len()),
            "and in the other direction"
        );
    }
}

#[test]
fn a_translation_that_splits_a_paragraph_aligns_one_to_two() {
    let (fr, mut en) = business_model();
    // Split "At the macro level…" (block 5) at its third sentence.
    let text = paragraph_text(&en[5]);
    let cut = text
        .match_indices(". ")
        .nth(2)
        .map(|(i, _)| i + 1)
        .expect("three sentences");
    en.splice(
        5..6,
        [paragraph(&text[..cut]), paragraph(text[cut..].trim_start())],
    );
    let rows = align(&shapes(&fr), &shapes(&en));
    assert_eq!(
        rows[5],
        AlignedRow {
            left: vec![5],
            right: vec![5, 6]
        }
    );
    assert_eq!(rows.len(), 15);
    assert!(
        rows.iter()
            .enumerate()
            .all(|(i, r)| i == 5 || (r.left.len() == 1 && r.right.len() == 1)),
        "{rows:?}"
    );
}

#[test]
fn a_translation_that_merges_two_paragraphs_aligns_two_to_one() {
    let (fr, mut en) = business_model();
    // Merge "The nexus of business…" (11) and "Yet, this would only…" (12).
    assert!(matches!(en[11], Block::Paragraph(_)) && matches!(en[12], Block::Paragraph(_)));
    let merged = format!("{} {}", paragraph_text(&en[11]), paragraph_text(&en[12]));
    en.splice(11..13, [paragraph(&merged)]);
    let rows = align(&shapes(&fr), &shapes(&en));
    assert!(
        rows.contains(&AlignedRow {
            left: vec![11, 12],
            right: vec![11]
        }),
        "{rows:?}"
    );
    assert_eq!(rows.len(), 14);
}

#[test]
fn a_translation_that_drops_a_paragraph_leaves_it_facing_nothing() {
    let (fr, mut en) = business_model();
    en.remove(8); // "In other words, even more than work…"
    let rows = align(&shapes(&fr), &shapes(&en));
    assert!(
        rows.contains(&AlignedRow {
            left: vec![8],
            right: vec![]
        }),
        "{rows:?}"
    );
    assert_eq!(
        rows.iter()
            .filter(|r| r.left.len() == 1 && r.right.len() == 1)
            .count(),
        14
    );
    // A reader at the dropped paragraph lands on the one before it.
    assert_eq!(counterpart(&rows, 8, true), Some(7));
    assert_eq!(counterpart(&rows, 9, true), Some(8));
}

#[test]
fn a_heading_is_never_paired_with_a_paragraph() {
    let (fr, mut en) = business_model();
    let en_shapes_before = shapes(&en);
    let heading = en_shapes_before
        .iter()
        .position(|s| s.kind == BlockKind::Heading)
        .expect("a heading");
    en.remove(heading);
    let (left, right) = (shapes(&fr), shapes(&en));
    let rows = align(&left, &right);
    assert!(
        rows.contains(&AlignedRow {
            left: vec![heading],
            right: vec![]
        }),
        "{rows:?}"
    );
    for row in &rows {
        let kinds: Vec<BlockKind> = row
            .left
            .iter()
            .map(|&i| left[i].kind)
            .chain(row.right.iter().map(|&j| right[j].kind))
            .collect();
        assert!(
            kinds.windows(2).all(|w| w[0] == w[1]),
            "mixed kinds in {row:?}"
        );
    }
}
