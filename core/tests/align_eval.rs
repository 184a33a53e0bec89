//! The aligner's evaluation set: translations edited as translators edit
//! them, with their true rows, and the floors the aligner must hold.
//!
//! The set is generated deterministically from the real translation pairs of
//! content/: the two seed pairs themselves, and documents assembled from
//! their parallel sentences (paragraphs whose French and English have the
//! same number of sentences give sentence pairs; new paragraphs are cut from
//! those). Each document then takes one to three edits, on either side:
//! - **split**: a paragraph cut in two at a sentence boundary;
//! - **merge**: two neighbouring paragraphs joined;
//! - **drop**: a paragraph left untranslated;
//! - **note**: a translator's note added after a paragraph.
//!
//! `cargo test -p essais-core --test align_eval -- --nocapture` prints the
//! figures reported in docs/side-by-side.md.

use essais_core::align::{align_bodies, Alignment, Corrections, WEAK};
use essais_core::content;
use essais_core::document::{inline_text, Block, Inline};
use essais_core::text::sentences;
use std::ops::Range;
use std::path::Path;

/// The seed pairs (French slug, English slug).
const SEED_PAIRS: [(&str, &str); 2] = [
    (
        "franchir-le-mur-de-la-realite",
        "breaking-the-reality-barrier",
    ),
    (
        "le-business-modele-brise-du-business",
        "the-broken-business-model-of-business",
    ),
];

/// How many edited versions of each seed pair, and how many generated
/// documents: 2 × 30 + 180 = 240 documents.
const SEED_VARIANTS: usize = 30;
const GENERATED: usize = 180;

/// Floors, from the issue: every row of the seed pairs, 98% of the rows and
/// 90% of the documents of the edited set.
const SEED_ROWS_FLOOR: f64 = 1.0;
const ROWS_FLOOR: f64 = 0.98;
const DOCUMENTS_FLOOR: f64 = 0.90;
/// Sentences inside rightly aligned rows of generated documents (whose
/// sentences are one to one by construction).
const SENTENCES_FLOOR: f64 = 0.95;

/// One block of a side, with an identity that survives edits.
#[derive(Clone, Debug)]
struct Piece {
    id: usize,
    block: Block,
}

/// A document under construction: both sides, and the true rows as sets of
/// piece ids, in order.
#[derive(Clone, Debug)]
struct Doc {
    name: String,
    left: Vec<Piece>,
    right: Vec<Piece>,
    rows: Vec<(Vec<usize>, Vec<usize>)>,
    next_id: usize,
    /// Generated documents have one-to-one sentences in every paragraph.
    parallel_sentences: bool,
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Edit {
    Split,
    Merge,
    Drop,
    Note,
}

const EDITS: [Edit; 4] = [Edit::Split, Edit::Merge, Edit::Drop, Edit::Note];

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn paragraph(text: &str) -> Block {
    Block::Paragraph(vec![Inline::Text(text.to_string())])
}

fn text_of(block: &Block) -> Option<String> {
    match block {
        Block::Paragraph(inlines) => Some(inline_text(inlines)),
        _ => None,
    }
}

/// Translator's notes, as they are written: they explain a word, a name or
/// a reference of the text, in the note's own language.
const NOTES_FR: [&str; 4] = [
    "Note du traducteur : l’expression anglaise est restée telle quelle dans l’original, faute d’équivalent établi.",
    "NdT : ce passage fait allusion à une conférence que l’auteur a donnée l’année précédente.",
    "Note du traducteur : le jeu de mots de l’original ne se rend pas en français ; nous avons préféré le sens.",
    "NdT : la citation est traduite par nos soins, aucune traduction publiée n’existant à notre connaissance.",
];
const NOTES_EN: [&str; 4] = [
    "Translator’s note: the French idiom has no settled English equivalent, so it is rendered loosely here.",
    "Translator’s note: this passage alludes to a talk the author gave the year before, never published.",
    "TN: the pun of the original does not survive in English; the meaning was kept instead.",
    "Translator’s note: the quotation is our own translation, as no published one is known to us.",
];

impl Doc {
    fn new(name: String, left: Vec<Block>, right: Vec<Block>, parallel_sentences: bool) -> Doc {
        assert_eq!(left.len(), right.len());
        let n = left.len();
        Doc {
            name,
            left: left
                .into_iter()
                .enumerate()
                .map(|(id, block)| Piece { id, block })
                .collect(),
            right: right
                .into_iter()
                .enumerate()
                .map(|(i, block)| Piece { id: n + i, block })
                .collect(),
            rows: (0..n).map(|i| (vec![i], vec![n + i])).collect(),
            next_id: 2 * n,
            parallel_sentences,
        }
    }

    fn side(&mut self, left: bool) -> &mut Vec<Piece> {
        if left {
            &mut self.left
        } else {
            &mut self.right
        }
    }

    fn row_of(&self, id: usize) -> usize {
        self.rows
            .iter()
            .position(|(l, r)| l.contains(&id) || r.contains(&id))
            .expect("every piece is in a row")
    }

    /// Whether the piece at `k` of a side is a paragraph in a one-to-one row.
    fn plain(&self, left: bool, k: usize) -> bool {
        let pieces = if left { &self.left } else { &self.right };
        let Some(piece) = pieces.get(k) else {
            return false;
        };
        let (l, r) = &self.rows[self.row_of(piece.id)];
        matches!(piece.block, Block::Paragraph(_)) && l.len() == 1 && r.len() == 1
    }

    /// Applies one edit at a random place; false if there was no place for it.
    fn edit(&mut self, edit: Edit, left: bool, rng: &mut Rng) -> bool {
        let len = if left {
            self.left.len()
        } else {
            self.right.len()
        };
        let candidates: Vec<usize> = (0..len)
            .filter(|&k| match edit {
                Edit::Split => {
                    self.plain(left, k)
                        && text_of(&self.side_ref(left)[k].block)
                            .is_some_and(|t| sentences(&t).len() >= 2)
                }
                Edit::Merge => self.plain(left, k) && self.plain(left, k + 1),
                Edit::Drop => self.plain(left, k),
                Edit::Note => self.plain(left, k),
            })
            .collect();
        if candidates.is_empty() {
            return false;
        }
        let k = candidates[rng.below(candidates.len())];
        let id = self.side_ref(left)[k].id;
        let row = self.row_of(id);
        match edit {
            Edit::Split => {
                let text = text_of(&self.side_ref(left)[k].block).unwrap_or_default();
                let parts = sentences(&text);
                let cut = 1 + rng.below(parts.len() - 1);
                let (first, second) = (parts[..cut].join(" "), parts[cut..].join(" "));
                let new = self.fresh();
                self.side(left)[k].block = paragraph(&first);
                self.side(left).insert(
                    k + 1,
                    Piece {
                        id: new,
                        block: paragraph(&second),
                    },
                );
                let (l, r) = &mut self.rows[row];
                if left {
                    l.push(new)
                } else {
                    r.push(new)
                }
            }
            Edit::Merge => {
                let next = self.side_ref(left)[k + 1].clone();
                let joined = format!(
                    "{} {}",
                    text_of(&self.side_ref(left)[k].block).unwrap_or_default(),
                    text_of(&next.block).unwrap_or_default()
                );
                self.side(left)[k].block = paragraph(&joined);
                self.side(left).remove(k + 1);
                let next_row = self.row_of(next.id);
                let (l2, r2) = self.rows.remove(next_row);
                let (l, r) = &mut self.rows[row];
                // The merged piece keeps the first id; the other side keeps both.
                if left {
                    r.extend(r2);
                    let _ = l2;
                } else {
                    l.extend(l2);
                    let _ = r2;
                }
            }
            Edit::Drop => {
                self.side(left).remove(k);
                let (l, r) = &mut self.rows[row];
                if left {
                    l.clear()
                } else {
                    r.clear()
                }
            }
            Edit::Note => {
                let notes = if left { NOTES_FR } else { NOTES_EN };
                let new = self.fresh();
                self.side(left).insert(
                    k + 1,
                    Piece {
                        id: new,
                        block: paragraph(notes[rng.below(notes.len())]),
                    },
                );
                let note_row = if left {
                    (vec![new], vec![])
                } else {
                    (vec![], vec![new])
                };
                self.rows.insert(row + 1, note_row);
            }
        }
        true
    }

    fn side_ref(&self, left: bool) -> &Vec<Piece> {
        if left {
            &self.left
        } else {
            &self.right
        }
    }

    fn fresh(&mut self) -> usize {
        self.next_id += 1;
        self.next_id
    }

    /// The true rows as block ranges.
    fn truth(&self) -> Vec<(Range<usize>, Range<usize>)> {
        let position =
            |pieces: &[Piece], id: usize| pieces.iter().position(|p| p.id == id).expect("placed");
        let (mut i, mut j) = (0, 0);
        self.rows
            .iter()
            .map(|(l, r)| {
                for (k, id) in l.iter().enumerate() {
                    assert_eq!(
                        position(&self.left, *id),
                        i + k,
                        "{}: left rows in order",
                        self.name
                    );
                }
                for (k, id) in r.iter().enumerate() {
                    assert_eq!(
                        position(&self.right, *id),
                        j + k,
                        "{}: right rows in order",
                        self.name
                    );
                }
                let row = (i..i + l.len(), j..j + r.len());
                i += l.len();
                j += r.len();
                row
            })
            .collect()
    }

    fn blocks(&self) -> (Vec<Block>, Vec<Block>) {
        (
            self.left.iter().map(|p| p.block.clone()).collect(),
            self.right.iter().map(|p| p.block.clone()).collect(),
        )
    }
}

fn seed_pairs() -> Vec<(String, Vec<Block>, Vec<Block>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../content");
    let built = content::load(&dir).unwrap_or_else(|e| panic!("content/ builds: {e:?}"));
    SEED_PAIRS
        .iter()
        .map(|(fr, en)| {
            (
                fr.to_string(),
                built.bodies[*fr].clone(),
                built.bodies[*en].clone(),
            )
        })
        .collect()
}

/// French–English sentence pairs from the seed paragraphs that have as
/// many sentences on each side.
fn sentence_pool(seeds: &[(String, Vec<Block>, Vec<Block>)]) -> Vec<(String, String)> {
    let mut pool = Vec::new();
    for (_, fr, en) in seeds {
        for (a, b) in fr.iter().zip(en) {
            let (Some(a), Some(b)) = (text_of(a), text_of(b)) else {
                continue;
            };
            let (sa, sb) = (sentences(&a), sentences(&b));
            if sa.len() == sb.len() {
                pool.extend(
                    sa.into_iter()
                        .zip(sb)
                        .map(|(x, y)| (x.to_string(), y.to_string())),
                );
            }
        }
    }
    pool
}

/// The headings of the seed pairs, as pairs.
fn heading_pool(seeds: &[(String, Vec<Block>, Vec<Block>)]) -> Vec<(Block, Block)> {
    seeds
        .iter()
        .flat_map(|(_, fr, en)| fr.iter().zip(en))
        .filter(|(a, _)| matches!(a, Block::Heading(..)))
        .map(|(a, b)| (a.clone(), b.clone()))
        .collect()
}

fn generated(
    n: usize,
    pool: &[(String, String)],
    headings: &[(Block, Block)],
    rng: &mut Rng,
) -> Doc {
    // Sentences are drawn without putting back, so a document never repeats
    // one (a repeated sentence would be ambiguous for any aligner).
    let mut order: Vec<usize> = (0..pool.len()).collect();
    for k in (1..order.len()).rev() {
        order.swap(k, rng.below(k + 1));
    }
    let mut order = order.into_iter();
    let paragraphs = 4 + rng.below(20);
    let (mut fr, mut en) = (Vec::new(), Vec::new());
    for p in 0..paragraphs {
        if p > 0 && !headings.is_empty() && rng.below(8) == 0 {
            let (a, b) = &headings[rng.below(headings.len())];
            fr.push(a.clone());
            en.push(b.clone());
        }
        let count = 1 + rng.below(5);
        let picked: Vec<&(String, String)> = order.by_ref().take(count).map(|k| &pool[k]).collect();
        if picked.is_empty() {
            break;
        }
        fr.push(paragraph(
            &picked
                .iter()
                .map(|(a, _)| a.as_str())
                .collect::<Vec<_>>()
                .join(" "),
        ));
        en.push(paragraph(
            &picked
                .iter()
                .map(|(_, b)| b.as_str())
                .collect::<Vec<_>>()
                .join(" "),
        ));
    }
    Doc::new(format!("generated-{n:03}"), fr, en, true)
}

/// Each edit kind, then random ones: one to three edits, on random sides.
fn edited(mut doc: Doc, k: usize, rng: &mut Rng) -> Doc {
    let count = 1 + k % 3;
    let mut kinds = vec![EDITS[k % 4]];
    while kinds.len() < count {
        kinds.push(EDITS[rng.below(4)]);
    }
    let mut names = Vec::new();
    for edit in kinds {
        let left = rng.below(2) == 0;
        if doc.edit(edit, left, rng) {
            names.push(format!("{edit:?}-{}", if left { "fr" } else { "en" }));
        }
    }
    doc.name = format!("{} [{}]", doc.name, names.join(", "));
    doc
}

fn evaluation_set() -> (Vec<Doc>, Vec<Doc>) {
    let seeds = seed_pairs();
    let pool = sentence_pool(&seeds);
    let headings = heading_pool(&seeds);
    assert!(pool.len() >= 50, "{} sentence pairs", pool.len());
    let mut rng = Rng(0x5eed_a11e);
    let originals: Vec<Doc> = seeds
        .iter()
        .map(|(name, fr, en)| Doc::new(name.clone(), fr.clone(), en.clone(), false))
        .collect();
    let mut set = Vec::new();
    for doc in &originals {
        for k in 0..SEED_VARIANTS {
            set.push(edited(doc.clone(), k, &mut rng));
        }
    }
    for n in 0..GENERATED {
        let doc = generated(n, &pool, &headings, &mut rng);
        set.push(edited(doc, n, &mut rng));
    }
    (originals, set)
}

fn predicted(doc: &Doc) -> Alignment {
    let (left, right) = doc.blocks();
    align_bodies(&left, &right, &Corrections::default())
}

struct Score {
    rows: usize,
    rows_right: usize,
    docs_right: usize,
    sentence_rows: usize,
    sentence_rows_right: usize,
    weak_rows: usize,
    weak_wrong: usize,
    strong_wrong: usize,
    failures: Vec<String>,
}

fn score(docs: &[Doc]) -> Score {
    let mut s = Score {
        rows: 0,
        rows_right: 0,
        docs_right: 0,
        sentence_rows: 0,
        sentence_rows_right: 0,
        weak_rows: 0,
        weak_wrong: 0,
        strong_wrong: 0,
        failures: vec![],
    };
    for doc in docs {
        let truth = doc.truth();
        let got = predicted(doc);
        let (left, right) = doc.blocks();
        assert!(
            got.fits(left.len(), right.len()),
            "{}: every block once, in order",
            doc.name
        );
        let right_rows = truth
            .iter()
            .filter(|t| got.rows.iter().any(|r| (&r.left, &r.right) == (&t.0, &t.1)))
            .count();
        s.rows += truth.len();
        s.rows_right += right_rows;
        if right_rows == truth.len() && got.rows.len() == truth.len() {
            s.docs_right += 1;
        } else {
            s.failures.push(doc.name.clone());
            if std::env::var("ALIGN_DEBUG").is_ok() {
                let show = |rows: Vec<(Range<usize>, Range<usize>)>| {
                    rows.iter()
                        .map(|(l, r)| format!("{}-{}:{}-{}", l.start, l.end, r.start, r.end))
                        .collect::<Vec<_>>()
                        .join(" ")
                };
                eprintln!(
                    "{}\n  truth {}\n  got   {}",
                    doc.name,
                    show(truth.clone()),
                    show(
                        got.rows
                            .iter()
                            .map(|r| (r.left.clone(), r.right.clone()))
                            .collect()
                    )
                );
                eprintln!(
                    "  conf  {:?}",
                    got.rows.iter().map(|r| r.confidence).collect::<Vec<_>>()
                );
                eprintln!(
                    "  lens  {:?} | {:?}",
                    left.iter()
                        .map(|b| essais_core::search::block_text(b).chars().count())
                        .collect::<Vec<_>>(),
                    right
                        .iter()
                        .map(|b| essais_core::search::block_text(b).chars().count())
                        .collect::<Vec<_>>()
                );
            }
        }
        for row in &got.rows {
            let correct = truth
                .iter()
                .any(|t| (&row.left, &row.right) == (&t.0, &t.1));
            if row.confidence < WEAK {
                s.weak_rows += 1;
                s.weak_wrong += usize::from(!correct);
            } else {
                s.strong_wrong += usize::from(!correct);
            }
            if correct && doc.parallel_sentences && !row.left.is_empty() && !row.right.is_empty() {
                let count = |blocks: &[Block], range: &Range<usize>| -> usize {
                    blocks[range.clone()]
                        .iter()
                        .map(|b| text_of(b).map_or(1, |t| sentences(&t).len()))
                        .sum()
                };
                let n = count(&left, &row.left);
                if n == count(&right, &row.right) {
                    s.sentence_rows += n;
                    s.sentence_rows_right += row.sentences.iter().filter(|&&p| p == (1, 1)).count();
                }
            }
        }
    }
    s
}

fn percent(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        1.0
    } else {
        part as f64 / whole as f64
    }
}

#[test]
fn the_seed_pairs_align_row_for_row_in_both_directions() {
    let (originals, _) = evaluation_set();
    let s = score(&originals);
    assert!(
        percent(s.rows_right, s.rows) >= SEED_ROWS_FLOOR,
        "{:?}",
        s.failures
    );
    for doc in &originals {
        let (l, r) = doc.blocks();
        let back = align_bodies(&r, &l, &Corrections::default());
        assert!(
            back.rows
                .iter()
                .all(|row| row.left.len() == 1 && row.right.len() == 1),
            "{}",
            doc.name
        );
        assert!(
            back.rows.iter().all(|row| row.confidence >= WEAK),
            "{}: sure of the seed",
            doc.name
        );
    }
}

#[test]
fn the_edited_set_meets_its_floors() {
    let (_, set) = evaluation_set();
    assert!(set.len() >= 200);
    let edits: usize = set.iter().map(|d| d.name.matches(", ").count() + 1).sum();
    let s = score(&set);
    let rows = percent(s.rows_right, s.rows);
    let docs = percent(s.docs_right, set.len());
    let sentences = percent(s.sentence_rows_right, s.sentence_rows);
    println!(
        "evaluation set: {} documents, {} edits, {} true rows",
        set.len(),
        edits,
        s.rows
    );
    println!(
        "rows right: {} of {} ({:.1}%)",
        s.rows_right,
        s.rows,
        rows * 100.0
    );
    println!(
        "documents entirely right: {} of {} ({:.1}%)",
        s.docs_right,
        set.len(),
        docs * 100.0
    );
    println!(
        "sentences right inside right rows: {} of {} ({:.1}%)",
        s.sentence_rows_right,
        s.sentence_rows,
        sentences * 100.0
    );
    println!(
        "weak rows (confidence < {WEAK}): {}, of which wrong: {}; wrong rows not flagged weak: {}",
        s.weak_rows, s.weak_wrong, s.strong_wrong
    );
    for failure in &s.failures {
        println!("  not entirely right: {failure}");
    }
    assert!(rows >= ROWS_FLOOR, "rows {rows:.3}");
    // The weak flag must mean something: most wrong rows flagged, few
    // right ones (so that an editor reads the flagged rows, not all).
    let wrong = s.weak_wrong + s.strong_wrong;
    assert!(
        s.weak_wrong * 2 >= wrong,
        "only {} of {wrong} wrong rows flagged",
        s.weak_wrong
    );
    assert!(
        (s.weak_rows - s.weak_wrong) * 20 <= s.rows,
        "{} right rows flagged",
        s.weak_rows - s.weak_wrong
    );
    assert!(docs >= DOCUMENTS_FLOOR, "documents {docs:.3}");
    assert!(sentences >= SENTENCES_FLOOR, "sentences {sentences:.3}");
}

#[test]
fn pairs_that_cannot_be_aligned_still_show_every_block_once() {
    let seeds = seed_pairs();
    let (_, fr, en) = &seeds[1];
    let headings: Vec<Block> = fr
        .iter()
        .filter(|b| matches!(b, Block::Heading(..)))
        .cloned()
        .collect();
    let cases: Vec<(Vec<Block>, Vec<Block>)> = vec![
        (fr.clone(), vec![]),
        (vec![], en.clone()),
        (fr.clone(), en[..1].to_vec()),
        (headings.clone(), en.clone()),
        (headings, vec![paragraph("x")]),
    ];
    for (l, r) in cases {
        let a = align_bodies(&l, &r, &Corrections::default());
        assert!(a.fits(l.len(), r.len()));
        eprintln!(
            "{:?}",
            a.rows
                .iter()
                .map(|r| (r.left.len(), r.right.len(), r.confidence))
                .collect::<Vec<_>>()
        );
    }
}
