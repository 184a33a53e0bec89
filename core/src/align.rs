//! Aligns the blocks of an essay with those of its translation, so that the
//! side-by-side view can put each block in one row with its counterpart.
//!
//! A length-based dynamic programme in the manner of Gale & Church (1993):
//! translated blocks have proportional lengths, so the cost of pairing
//! blocks of lengths `l1` and `l2` is the improbability of `l2` given `l1`
//! (a normal model of the length difference), weighted by the prior of the
//! match type. Matches: 1–1, 1–2 and 2–1 (a paragraph split or merged by the
//! translator), 1–0 and 0–1 (a block with no counterpart). Blocks of
//! different kinds never pair: a heading only faces a heading.
//!
//! Cost is O(n·m) in memory and at most O(n·m) in time for n and m blocks;
//! exploring only a band around the diagonal makes long essays linear-ish.

use crate::document::{inline_text, Block};

/// What kind of block, for pairing: only equal kinds pair.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    Paragraph,
    Heading,
    Quote,
    Other,
}

/// A block reduced to what alignment needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BlockShape {
    pub kind: BlockKind,
    /// Length in characters of its text.
    pub chars: usize,
}

/// One row of the side-by-side view: block indices (0-based, in order) of
/// each side. One side may be empty (a block without counterpart).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AlignedRow {
    pub left: Vec<usize>,
    pub right: Vec<usize>,
}

/// The shapes of a body's top-level blocks.
pub fn shapes(blocks: &[Block]) -> Vec<BlockShape> {
    blocks.iter().map(shape).collect()
}

fn shape(block: &Block) -> BlockShape {
    let (kind, chars) = match block {
        Block::Paragraph(inlines) => (BlockKind::Paragraph, inline_text(inlines).chars().count()),
        Block::Heading(_, inlines) => (BlockKind::Heading, inline_text(inlines).chars().count()),
        Block::Quote(blocks) => (
            BlockKind::Quote,
            blocks.iter().map(|b| shape(b).chars).sum(),
        ),
        Block::List { items, .. } => (
            BlockKind::Other,
            items.iter().flatten().map(|b| shape(b).chars).sum(),
        ),
        Block::Code(code) => (BlockKind::Other, code.chars().count()),
        Block::Rule => (BlockKind::Other, 0),
    };
    BlockShape { kind, chars }
}

/// Variance of the length difference per character (Gale & Church's s²).
const VARIANCE: f64 = 6.8;

/// Match types: (left blocks, right blocks, prior probability).
const MATCHES: [(usize, usize, f64); 5] = [
    (1, 1, 0.89),
    (1, 0, 0.0099 / 2.0),
    (0, 1, 0.0099 / 2.0),
    (2, 1, 0.089 / 2.0),
    (1, 2, 0.089 / 2.0),
];

/// Aligns two sequences of blocks. Every block appears in exactly one row,
/// rows keep both orders.
pub fn align(left: &[BlockShape], right: &[BlockShape]) -> Vec<AlignedRow> {
    // Translations differ in length overall (the seed's French runs 15–35%
    // longer than its English), so pairs are compared to the pair's own
    // length ratio. A first pass takes it from the totals, which a dropped
    // block skews; the second takes it from the blocks the first paired one
    // to one, which it does not.
    let total_left: usize = left.iter().map(|b| b.chars).sum();
    let total_right: usize = right.iter().map(|b| b.chars).sum();
    let overall = if total_left == 0 || total_right == 0 {
        1.0
    } else {
        total_right as f64 / total_left as f64
    };
    let first = align_with_ratio(left, right, overall.clamp(0.5, 2.0));
    let (mut l1, mut l2) = (0usize, 0usize);
    for row in first
        .iter()
        .filter(|r| r.left.len() == 1 && r.right.len() == 1)
    {
        l1 += left[row.left[0]].chars;
        l2 += right[row.right[0]].chars;
    }
    if l1 == 0 || l2 == 0 {
        return first;
    }
    let ratio = (l2 as f64 / l1 as f64).clamp(0.5, 2.0);
    align_with_ratio(left, right, ratio)
}

fn align_with_ratio(left: &[BlockShape], right: &[BlockShape], ratio: f64) -> Vec<AlignedRow> {
    let (n, m) = (left.len(), right.len());
    let width = m + 1;
    let mut cost = vec![f64::INFINITY; (n + 1) * width];
    // The match type that reached each cell, as an index into MATCHES.
    let mut step = vec![u8::MAX; (n + 1) * width];
    cost[0] = 0.0;
    // Translations keep their order, so the path stays near the diagonal:
    // only cells within `band` of it are explored. The band is wide enough
    // for every drift the match types allow in practice (it grows with the
    // length difference and the length) and covers the whole table for
    // essays of up to ~60 blocks.
    let band = 32 + n.abs_diff(m) + n.max(m) / 10;
    for i in 0..=n {
        let centre = (i * m).checked_div(n).unwrap_or(0);
        let (lo, hi) = (centre.saturating_sub(band), (centre + band).min(m));
        for j in lo..=hi {
            let here = cost[i * width + j];
            if !here.is_finite() {
                continue;
            }
            for (k, &(di, dj, prior)) in MATCHES.iter().enumerate() {
                let (ni, nj) = (i + di, j + dj);
                if ni > n || nj > m {
                    continue;
                }
                let Some(match_cost) = pair_cost(&left[i..ni], &right[j..nj], ratio, prior) else {
                    continue;
                };
                let total = here + match_cost;
                let cell = ni * width + nj;
                if total < cost[cell] {
                    cost[cell] = total;
                    step[cell] = k as u8;
                }
            }
        }
    }

    let mut rows = Vec::new();
    let (mut i, mut j) = (n, m);
    while i > 0 || j > 0 {
        let Some(&(di, dj, _)) = MATCHES.get(step[i * width + j] as usize) else {
            // Unreachable: 1–0 and 0–1 always connect every cell to the origin.
            break;
        };
        rows.push(AlignedRow {
            left: (i - di..i).collect(),
            right: (j - dj..j).collect(),
        });
        i -= di;
        j -= dj;
    }
    rows.reverse();
    rows
}

/// The cost of one match, or None if its blocks cannot pair.
fn pair_cost(left: &[BlockShape], right: &[BlockShape], ratio: f64, prior: f64) -> Option<f64> {
    let kinds = left.iter().chain(right).map(|b| b.kind);
    let mut kinds = kinds.peekable();
    let first = *kinds.peek()?;
    if !kinds.all(|k| k == first) {
        return None;
    }
    let l1: usize = left.iter().map(|b| b.chars).sum();
    let l2: usize = right.iter().map(|b| b.chars).sum();
    let probability = if left.is_empty() || right.is_empty() {
        prior
    } else {
        let mean = (l1 as f64 + l2 as f64 / ratio) / 2.0;
        let delta = (l2 as f64 - l1 as f64 * ratio) / (mean.max(1.0) * VARIANCE).sqrt();
        prior * 2.0 * (1.0 - standard_normal_cdf(delta.abs()))
    };
    Some(-(probability.max(f64::MIN_POSITIVE)).ln())
}

/// Φ(x), from the Abramowitz & Stegun 7.1.26 approximation of erf
/// (absolute error below 1.5e-7: ample for ranking alignments).
fn standard_normal_cdf(x: f64) -> f64 {
    let z = x.abs() / std::f64::consts::SQRT_2;
    let t = 1.0 / (1.0 + 0.327_591_1 * z);
    let poly = t
        * (0.254_829_592
            + t * (-0.284_496_736
                + t * (1.421_413_741 + t * (-1.453_152_027 + t * 1.061_405_429))));
    let erf = 1.0 - poly * (-z * z).exp();
    if x >= 0.0 {
        0.5 * (1.0 + erf)
    } else {
        0.5 * (1.0 - erf)
    }
}

/// The first block facing `index` on the other side: where a reader at block
/// `index` of one version should land in the other. A block without
/// counterpart maps to the nearest row before it that has one.
pub fn counterpart(rows: &[AlignedRow], index: usize, from_left: bool) -> Option<usize> {
    fn sides(row: &AlignedRow, from_left: bool) -> (&[usize], &[usize]) {
        if from_left {
            (&row.left, &row.right)
        } else {
            (&row.right, &row.left)
        }
    }
    let at = rows
        .iter()
        .position(|row| sides(row, from_left).0.contains(&index))?;
    rows[..=at]
        .iter()
        .rev()
        .find_map(|row| sides(row, from_left).1.first().copied())
}

/// Where a reader at block `block` (1-based) of `from_body` should land in
/// `to_body` (1-based): the aligned counterpart.
pub fn corresponding_block(from_body: &[Block], to_body: &[Block], block: usize) -> Option<usize> {
    let from = shapes(from_body);
    let to = shapes(to_body);
    let rows = align(&from, &to);
    counterpart(&rows, block.checked_sub(1)?, true).map(|i| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(chars: usize) -> BlockShape {
        BlockShape {
            kind: BlockKind::Paragraph,
            chars,
        }
    }
    fn h(chars: usize) -> BlockShape {
        BlockShape {
            kind: BlockKind::Heading,
            chars,
        }
    }

    fn row(left: &[usize], right: &[usize]) -> AlignedRow {
        AlignedRow {
            left: left.to_vec(),
            right: right.to_vec(),
        }
    }

    #[test]
    fn equal_sequences_align_one_to_one() {
        let blocks = [p(300), h(20), p(800), p(120)];
        let rows = align(&blocks, &blocks);
        assert_eq!(
            rows,
            vec![
                row(&[0], &[0]),
                row(&[1], &[1]),
                row(&[2], &[2]),
                row(&[3], &[3])
            ]
        );
    }

    #[test]
    fn a_split_paragraph_aligns_one_to_two() {
        let rows = align(&[p(300), p(900), p(200)], &[p(320), p(450), p(470), p(210)]);
        assert_eq!(
            rows,
            vec![row(&[0], &[0]), row(&[1], &[1, 2]), row(&[2], &[3])]
        );
    }

    #[test]
    fn merged_paragraphs_align_two_to_one() {
        let rows = align(&[p(300), p(400), p(500), p(200)], &[p(320), p(930), p(210)]);
        assert_eq!(
            rows,
            vec![row(&[0], &[0]), row(&[1, 2], &[1]), row(&[3], &[2])]
        );
    }

    #[test]
    fn a_dropped_paragraph_faces_nothing() {
        let rows = align(&[p(300), p(700), p(450), p(200)], &[p(310), p(690), p(205)]);
        assert_eq!(
            rows,
            vec![
                row(&[0], &[0]),
                row(&[1], &[1]),
                row(&[2], &[]),
                row(&[3], &[2])
            ]
        );
    }

    #[test]
    fn a_heading_never_pairs_with_a_paragraph() {
        // The translation lost its heading: the heading stands alone rather
        // than pairing with the similar-length short paragraph.
        let rows = align(&[p(400), h(25), p(30), p(500)], &[p(410), p(28), p(505)]);
        assert_eq!(
            rows,
            vec![
                row(&[0], &[0]),
                row(&[1], &[]),
                row(&[2], &[1]),
                row(&[3], &[2])
            ]
        );
        for r in &rows {
            let left_heading = r.left.contains(&1);
            assert!(!left_heading || r.right.is_empty(), "{rows:?}");
        }
    }

    #[test]
    fn empty_sides_align_to_rows_of_one_side() {
        assert_eq!(align(&[], &[]), vec![]);
        assert_eq!(align(&[p(10)], &[]), vec![row(&[0], &[])]);
        assert_eq!(
            align(&[], &[h(3), p(9)]),
            vec![row(&[], &[0]), row(&[], &[1])]
        );
    }

    #[test]
    fn long_essays_with_early_omissions_stay_aligned_within_the_band() {
        // 400 paragraphs of varied lengths; the translation drops 20 of the
        // first 60, so the rest drifts 20 rows from the diagonal.
        let mut seed = 7u64;
        let mut next = || {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            (seed >> 33) as usize
        };
        let left: Vec<BlockShape> = (0..400).map(|_| p(80 + next() % 1200)).collect();
        let dropped: Vec<usize> = (0..60).filter(|i| i % 3 == 1).collect();
        let right: Vec<BlockShape> = left
            .iter()
            .enumerate()
            .filter(|(i, _)| !dropped.contains(i))
            .map(|(_, b)| p(b.chars * 9 / 10))
            .collect();
        let rows = align(&left, &right);
        // Past the omissions, every paragraph faces its own translation, 20
        // rows off the diagonal.
        for i in 60..400 {
            assert!(
                rows.contains(&row(&[i], &[i - 20])),
                "paragraph {i} is misaligned"
            );
        }
        // Each dropped paragraph faces nothing, or (when a neighbour's
        // length makes it the likelier story) was merged with that neighbour.
        for &d in &dropped {
            let r = rows
                .iter()
                .find(|r| r.left.contains(&d))
                .expect("every block is in a row");
            assert!(
                r.right.is_empty() || (r.left.len() == 2 && r.right.len() == 1),
                "{r:?}"
            );
        }
    }

    #[test]
    fn counterparts_follow_rows_and_fall_back_to_the_row_before() {
        let rows = vec![
            row(&[0], &[0]),
            row(&[1, 2], &[1]),
            row(&[3], &[]),
            row(&[4], &[2, 3]),
        ];
        assert_eq!(counterpart(&rows, 2, true), Some(1));
        assert_eq!(counterpart(&rows, 3, true), Some(1));
        assert_eq!(counterpart(&rows, 4, true), Some(2));
        assert_eq!(counterpart(&rows, 3, false), Some(4));
        assert_eq!(counterpart(&rows, 9, true), None);
    }

    #[test]
    fn corresponding_blocks_are_counted_from_one() {
        let from = "One paragraph here.\n\n## Heading\n\nA second paragraph, much longer than the first one.";
        let to = "## Titre\n\nUn deuxième paragraphe, bien plus long que le premier.";
        let (from, to) = (
            &crate::document::parse_body(from)[..],
            &crate::document::parse_body(to)[..],
        );
        assert_eq!(corresponding_block(from, to, 3), Some(2));
        assert_eq!(corresponding_block(from, to, 2), Some(1));
        assert_eq!(
            corresponding_block(from, to, 1),
            None,
            "nothing faces it, nothing before it"
        );
        assert_eq!(corresponding_block(from, to, 0), None);
    }

    #[test]
    fn normal_cdf_is_accurate_enough() {
        assert!((standard_normal_cdf(0.0) - 0.5).abs() < 1e-7);
        assert!((standard_normal_cdf(1.96) - 0.975).abs() < 1e-4);
        assert!((standard_normal_cdf(-1.0) - 0.158_655).abs() < 1e-5);
    }
}
