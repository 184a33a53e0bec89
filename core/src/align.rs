//! Aligns the blocks of an essay with those of its translation, and the
//! sentences inside each aligned row, so that the side-by-side view can put
//! each block in one row with its counterpart.
//!
//! A dynamic programme over match types (1–1, 1–0, 0–1, 2–1, 1–2, 2–2) whose
//! cost adds three pieces of evidence:
//! - the **prior** of the match type;
//! - the **length** fit, as in Gale & Church (1993): translated text has
//!   proportional length, the difference modelled as normal around the pair's
//!   own length ratio;
//! - the **words**: anchors that survive translation between French and
//!   English (numbers, capitalised names, URLs, hashtags, quotation marks,
//!   and cognates — words sharing their first four letters once accents and
//!   case are folded; Simard, Foster & Isabelle 1992), compared by Dice's
//!   coefficient. Lengths alone cannot tell a dropped paragraph from a merged
//!   one; the words can.
//!
//! Blocks of different kinds never pair (a heading only faces a heading),
//! and an editor's corrections ([`Correction`]) are obeyed. The search
//! explores a band around the diagonal, widened until the best path stays
//! clear of its edges, so a book-length pair is aligned in near-linear time.
//! Alignment runs at build time (`corpus build`); the app reads the result.

use crate::document::Block;
use serde::{Deserialize, Serialize};
use std::ops::Range;

/// What kind of block, for pairing: only equal kinds pair.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    Paragraph,
    Heading,
    Quote,
    Other,
}

/// A block (or a sentence) reduced to what alignment needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit {
    pub kind: BlockKind,
    /// Length in characters of its text.
    pub chars: usize,
    /// Its lexical anchors, hashed and sorted (a multiset).
    anchors: Vec<u32>,
}

impl Unit {
    pub fn new(kind: BlockKind, text: &str) -> Unit {
        Unit {
            kind,
            chars: text.chars().count(),
            anchors: anchors(text),
        }
    }
}

/// The units of a body's top-level blocks.
pub fn units(blocks: &[Block]) -> Vec<Unit> {
    blocks
        .iter()
        .map(|block| Unit::new(kind(block), &crate::search::block_text(block)))
        .collect()
}

fn kind(block: &Block) -> BlockKind {
    match block {
        Block::Paragraph(_) => BlockKind::Paragraph,
        Block::Heading(..) => BlockKind::Heading,
        Block::Quote(_) => BlockKind::Quote,
        Block::List { .. } | Block::Code(_) | Block::Rule => BlockKind::Other,
    }
}

/// An editor's correction, read from a content file: the block must face
/// exactly this block of the other version, or nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Facing {
    Block(usize),
    Nothing,
}

/// Corrections of one pair, as 0-based block indices of each side.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Corrections {
    /// (left block, what it faces on the right).
    pub left: Vec<(usize, Facing)>,
    /// (right block, what it faces on the left).
    pub right: Vec<(usize, Facing)>,
}

impl Corrections {
    pub fn is_empty(&self) -> bool {
        self.left.is_empty() && self.right.is_empty()
    }

    /// Every forced pair as (left, right), in left order.
    fn pairs(&self) -> Vec<(usize, usize)> {
        let mut pairs: Vec<(usize, usize)> = self
            .left
            .iter()
            .filter_map(|&(i, f)| match f {
                Facing::Block(j) => Some((i, j)),
                Facing::Nothing => None,
            })
            .chain(self.right.iter().filter_map(|&(j, f)| match f {
                Facing::Block(i) => Some((i, j)),
                Facing::Nothing => None,
            }))
            .collect();
        pairs.sort_unstable();
        pairs.dedup();
        pairs
    }

    /// Why these corrections cannot all hold between `n` left and `m` right
    /// blocks, if they cannot: as (side is left, index into that side's
    /// list, the problem).
    pub fn conflict(&self, n: usize, m: usize) -> Option<(bool, usize, CorrectionProblem)> {
        for (is_left, list, own, other) in [(true, &self.left, n, m), (false, &self.right, m, n)] {
            for (k, &(block, facing)) in list.iter().enumerate() {
                if block >= own {
                    return Some((is_left, k, CorrectionProblem::NoSuchBlock(block + 1, own)));
                }
                if let Facing::Block(target) = facing {
                    if target >= other {
                        return Some((
                            is_left,
                            k,
                            CorrectionProblem::NoSuchBlock(target + 1, other),
                        ));
                    }
                }
            }
        }
        let pairs = self.pairs();
        // A block faces one block; pairs keep both orders.
        for w in pairs.windows(2) {
            let ((i1, j1), (i2, j2)) = (w[0], w[1]);
            if i1 == i2 || j1 == j2 || j2 < j1 {
                let (is_left, index) = self.position_of(i2, j2);
                return Some((is_left, index, CorrectionProblem::Crossing));
            }
        }
        // A block said to face nothing is not also named by a pair.
        for (is_left, list) in [(true, &self.left), (false, &self.right)] {
            for (k, &(block, facing)) in list.iter().enumerate() {
                if facing == Facing::Nothing
                    && pairs
                        .iter()
                        .any(|&(i, j)| if is_left { i == block } else { j == block })
                {
                    return Some((is_left, k, CorrectionProblem::Crossing));
                }
            }
        }
        None
    }

    fn position_of(&self, i: usize, j: usize) -> (bool, usize) {
        if let Some(k) = self
            .left
            .iter()
            .position(|&(b, f)| b == i && f == Facing::Block(j))
        {
            return (true, k);
        }
        let k = self
            .right
            .iter()
            .position(|&(b, f)| b == j && f == Facing::Block(i))
            .unwrap_or(0);
        (false, k)
    }
}

/// Why a correction cannot hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CorrectionProblem {
    /// Block number (1-based) and how many blocks that version has.
    NoSuchBlock(usize, usize),
    /// Two corrections would cross (or name one block twice).
    Crossing,
}

/// One row of the side-by-side view: a run of blocks of each side (either
/// may be empty), how sure the aligner is, and the sentences inside.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub left: Range<usize>,
    pub right: Range<usize>,
    /// 0 to 100. Below [`WEAK`], the row is worth an editor's look.
    pub confidence: u8,
    /// An editor's correction placed this row.
    pub corrected: bool,
    /// The sentences of the row's left blocks (in order, across blocks)
    /// against those of its right blocks: how many of each each sentence
    /// row takes.
    pub sentences: Vec<(u8, u8)>,
}

/// Rows under this confidence are flagged in the editor's report.
pub const WEAK: u8 = 50;

/// A pair's alignment, from one version's side (`left`) to the other's.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "WireAlignment", into = "WireAlignment")]
pub struct Alignment {
    pub rows: Vec<Row>,
}

/// On the wire, a row is `[left count, right count, confidence, corrected
/// (0/1), [[left, right] sentence counts…]]`: rows are consecutive, so the
/// counts say everything and a 5,000-row book stays small.
#[derive(Serialize, Deserialize)]
struct WireAlignment(Vec<WireRow>);

/// (left count, right count, confidence, corrected, sentence counts).
type WireRow = (u32, u32, u8, u8, Vec<(u8, u8)>);

impl From<WireAlignment> for Alignment {
    fn from(wire: WireAlignment) -> Alignment {
        let (mut i, mut j) = (0usize, 0usize);
        let rows = wire
            .0
            .into_iter()
            .map(|(l, r, confidence, corrected, sentences)| {
                let row = Row {
                    left: i..i.saturating_add(l as usize),
                    right: j..j.saturating_add(r as usize),
                    confidence: confidence.min(100),
                    corrected: corrected != 0,
                    sentences,
                };
                i = row.left.end;
                j = row.right.end;
                row
            })
            .collect();
        Alignment { rows }
    }
}

impl From<Alignment> for WireAlignment {
    fn from(alignment: Alignment) -> WireAlignment {
        WireAlignment(
            alignment
                .rows
                .into_iter()
                .map(|r| {
                    (
                        r.left.len() as u32,
                        r.right.len() as u32,
                        r.confidence,
                        u8::from(r.corrected),
                        r.sentences,
                    )
                })
                .collect(),
        )
    }
}

impl Alignment {
    /// Whether the rows hold exactly `n` left and `m` right blocks, in order,
    /// each once, and no row is empty: what the app checks before drawing a
    /// stored alignment.
    pub fn fits(&self, n: usize, m: usize) -> bool {
        let (mut i, mut j) = (0, 0);
        for row in &self.rows {
            if row.left.start != i
                || row.right.start != j
                || (row.left.is_empty() && row.right.is_empty())
            {
                return false;
            }
            i = row.left.end;
            j = row.right.end;
        }
        i == n && j == m
    }

    /// Rows for `n` and `m` blocks when no usable alignment exists: block
    /// `k` beside block `k`, the longer side's rest alone, every row weak.
    /// Every block is still shown once, in order.
    pub fn by_position(n: usize, m: usize) -> Alignment {
        let rows = (0..n.max(m))
            .map(|k| Row {
                left: k.min(n)..(k + 1).min(n),
                right: k.min(m)..(k + 1).min(m),
                confidence: 0,
                corrected: false,
                sentences: vec![],
            })
            .collect();
        Alignment { rows }
    }

    /// The same rows seen from the other side.
    pub fn swapped(&self) -> Alignment {
        Alignment {
            rows: self
                .rows
                .iter()
                .map(|r| Row {
                    left: r.right.clone(),
                    right: r.left.clone(),
                    confidence: r.confidence,
                    corrected: r.corrected,
                    sentences: r.sentences.iter().map(|&(a, b)| (b, a)).collect(),
                })
                .collect(),
        }
    }

    /// For each of `n` left blocks, the right blocks shown under it when the
    /// translation is revealed in the single view: a row's right blocks go
    /// under the last of its left blocks; right blocks facing nothing (a
    /// translator's note) go with those of the block before them (or of the
    /// first block, at the start), so that revealing every block shows the
    /// whole translation. None for a block with nothing to show.
    pub fn shown_under(&self, n: usize) -> Vec<Option<Range<usize>>> {
        fn join(slot: &mut Option<Range<usize>>, more: Range<usize>) {
            *slot = Some(match slot.take() {
                Some(before) => before.start.min(more.start)..before.end.max(more.end),
                None => more,
            });
        }
        let mut out: Vec<Option<Range<usize>>> = vec![None; n];
        let mut last = None;
        let mut before_any: Option<Range<usize>> = None;
        for row in &self.rows {
            if row.right.is_empty() {
                last = row.left.end.checked_sub(1).filter(|&l| l < n).or(last);
                continue;
            }
            match row.left.end.checked_sub(1).filter(|&l| l < n) {
                Some(l) => {
                    if let Some(early) = before_any.take() {
                        join(&mut out[l], early);
                    }
                    join(&mut out[l], row.right.clone());
                    last = Some(l);
                }
                None => match last {
                    Some(l) => join(&mut out[l], row.right.clone()),
                    None => join(&mut before_any, row.right.clone()),
                },
            }
        }
        if let (Some(early), Some(slot)) = (before_any, out.first_mut()) {
            join(slot, early);
        }
        out
    }

    /// For each of `n` left blocks, the number (1-based) of the first right
    /// block in its row, 0 if it faces nothing: what the search shows under
    /// a passage.
    pub fn facing(&self, n: usize) -> Vec<u32> {
        let mut out = vec![0; n];
        for row in &self.rows {
            for i in row.left.clone().filter(|&i| i < n) {
                out[i] = if row.right.is_empty() {
                    0
                } else {
                    row.right.start as u32 + 1
                };
            }
        }
        out
    }

    /// The first right block facing left block `index` (0-based): where a
    /// reader at that block should land in the other version. A block
    /// without counterpart maps to the nearest row before it that has one.
    pub fn counterpart(&self, index: usize) -> Option<usize> {
        let at = self.rows.iter().position(|row| row.left.contains(&index))?;
        self.rows[..=at]
            .iter()
            .rev()
            .find(|row| !row.right.is_empty())
            .map(|row| row.right.start)
    }
}

/// The sentence pair of each sentence of a row's left and right blocks, from
/// the row's sentence alignment: pair `k` takes the next `a` left and `b`
/// right sentences; a pair with one side empty leaves its sentences alone
/// (None).
pub fn sentence_pairs(sentences: &[(u8, u8)]) -> (Vec<Option<usize>>, Vec<Option<usize>>) {
    let (mut left, mut right) = (Vec::new(), Vec::new());
    for (k, &(a, b)) in sentences.iter().enumerate() {
        let pair = (a > 0 && b > 0).then_some(k);
        left.extend(std::iter::repeat_n(pair, a as usize));
        right.extend(std::iter::repeat_n(pair, b as usize));
    }
    (left, right)
}

/// Aligns two bodies, blocks then sentences, obeying the corrections.
pub fn align_bodies(left: &[Block], right: &[Block], corrections: &Corrections) -> Alignment {
    let (left_units, right_units) = (units(left), units(right));
    let mut rows = align(&left_units, &right_units, corrections);
    let ratio = length_ratio(&left_units, &right_units, &rows);
    for row in &mut rows {
        if row.left.is_empty() || row.right.is_empty() {
            continue;
        }
        let sentences = |blocks: &[Block], range: &Range<usize>| -> Vec<Unit> {
            blocks[range.clone()]
                .iter()
                .flat_map(|b| {
                    let text = crate::search::block_text(b);
                    crate::text::sentences(&text)
                        .into_iter()
                        .map(|s| Unit::new(BlockKind::Paragraph, s))
                        .collect::<Vec<_>>()
                })
                .collect()
        };
        let (l, r) = (sentences(left, &row.left), sentences(right, &row.right));
        if l.len() > u8::MAX as usize || r.len() > u8::MAX as usize {
            continue;
        }
        row.sentences = align_with_ratio(&l, &r, ratio, &Corrections::default(), 0)
            .into_iter()
            .map(|s| (s.left.len() as u8, s.right.len() as u8))
            .collect();
    }
    Alignment { rows }
}

/// Aligns two sequences of units. Every unit appears in exactly one row,
/// rows keep both orders, corrections hold.
pub fn align(left: &[Unit], right: &[Unit], corrections: &Corrections) -> Vec<Row> {
    // Translations differ in length overall (the seed's French runs 15–35%
    // longer than its English), so pairs are compared to the pair's own
    // length ratio. A first pass takes it from the totals, which a dropped
    // block skews; the second takes it from the blocks the first paired one
    // to one, which it does not.
    let total = |units: &[Unit]| units.iter().map(|u| u.chars).sum::<usize>();
    let overall = match (total(left), total(right)) {
        (0, _) | (_, 0) => 1.0,
        (l, r) => r as f64 / l as f64,
    };
    let first = align_with_ratio(left, right, overall.clamp(0.5, 2.0), corrections, 16);
    let ratio = length_ratio(left, right, &first);
    align_with_ratio(left, right, ratio, corrections, 16)
}

/// The length ratio of the blocks `rows` pair one to one (1 if none).
fn length_ratio(left: &[Unit], right: &[Unit], rows: &[Row]) -> f64 {
    let (mut l1, mut l2) = (0usize, 0usize);
    for row in rows
        .iter()
        .filter(|r| r.left.len() == 1 && r.right.len() == 1)
    {
        l1 += left[row.left.start].chars;
        l2 += right[row.right.start].chars;
    }
    if l1 == 0 || l2 == 0 {
        1.0
    } else {
        (l2 as f64 / l1 as f64).clamp(0.5, 2.0)
    }
}

/// Match types: (left units, right units, prior probability). Translators
/// split, merge, drop and add about equally often in the evaluation set
/// (docs/side-by-side.md); one to one is by far the rule.
const MATCHES: [(usize, usize, f64); 6] = [
    (1, 1, 0.909),
    (1, 0, 0.02),
    (0, 1, 0.02),
    (2, 1, 0.025),
    (1, 2, 0.025),
    (2, 2, 0.001),
];

/// Variance of the length difference per character (Gale & Church's s²).
const VARIANCE: f64 = 6.8;

/// Evidence, in nats, of an anchor found on both sides of a match (for
/// it) and of an anchor found on one side only (against it). From the rates
/// at which translations and unrelated paragraphs share anchors (about 1/3
/// and 1/20: ln(7) ≈ 1.95 per side, ln(0.67/0.95) ≈ −0.35), damped because
/// anchors are not independent; the damping and the lone-anchor weight were
/// set on the evaluation set (docs/side-by-side.md, "Tuning").
const SHARED_ANCHOR: f64 = 1.365;
const LONE_ANCHOR: f64 = 0.21;

/// Per cell of the band: the cheapest cost of aligning the first `i` left
/// and `j` right units, and the match type that reached it.
struct Table {
    /// First column of each row of the band.
    lo: Vec<usize>,
    /// Start of each row in `cost`/`step`.
    start: Vec<usize>,
    width: Vec<usize>,
    cost: Vec<f64>,
    step: Vec<u8>,
    /// Each cell's moves ([`moves`]), worked out by the forward pass and
    /// read again by the backward one: a match's cost is most of the
    /// aligner's time, and the two passes need the same ones. Empty for a
    /// table of more than [`KEPT_MOVES`] cells, whose moves the backward
    /// pass works out again.
    moves: Vec<Moves>,
}

/// The most cells whose moves are kept: 96 bytes a cell, 200 MB. A
/// book-length pair's band has about 330,000 cells; a table searched
/// whole (two long texts that never settle near the diagonal) may have
/// hundreds of millions, for which only the costs are kept, as before.
const KEPT_MOVES: usize = 1 << 21;

/// The matches that can leave a cell: (match type, the cell it reaches, its cost).
type Moves = [Option<(u8, u32, f64)>; 6];

impl Table {
    fn new(lo: Vec<usize>, hi: Vec<usize>) -> Table {
        let width: Vec<usize> = lo.iter().zip(&hi).map(|(l, h)| h + 1 - l).collect();
        let mut start = Vec::with_capacity(width.len());
        let mut total = 0;
        for w in &width {
            start.push(total);
            total += w;
        }
        Table {
            lo,
            start,
            width,
            cost: vec![f64::INFINITY; total],
            step: vec![u8::MAX; total],
            moves: if total <= KEPT_MOVES {
                vec![[None; 6]; total]
            } else {
                Vec::new()
            },
        }
    }

    fn cell(&self, i: usize, j: usize) -> Option<usize> {
        let lo = *self.lo.get(i)?;
        (j >= lo && j - lo < self.width[i]).then(|| self.start[i] + j - lo)
    }
}

/// What each side's unit is forced to face.
fn forced(
    corrections: &Corrections,
    n: usize,
    m: usize,
) -> (Vec<Option<Facing>>, Vec<Option<Facing>>) {
    let mut left = vec![None; n];
    let mut right = vec![None; m];
    for &(i, f) in &corrections.left {
        if let Some(slot) = left.get_mut(i) {
            *slot = Some(f);
        }
        if let Facing::Block(j) = f {
            if let Some(slot) = right.get_mut(j) {
                *slot = Some(Facing::Block(i));
            }
        }
    }
    for &(j, f) in &corrections.right {
        if let Some(slot) = right.get_mut(j) {
            *slot = Some(f);
        }
        if let Facing::Block(i) = f {
            if let Some(slot) = left.get_mut(i) {
                *slot = Some(Facing::Block(j));
            }
        }
    }
    (left, right)
}

/// The band's centre for each left index: the straight diagonal, bent
/// through every forced pair so that corrections far from it stay inside.
fn centres(n: usize, m: usize, pairs: &[(usize, usize)]) -> Vec<usize> {
    let mut knots = vec![(0usize, 0usize)];
    knots.extend(pairs.iter().copied().filter(|&(i, j)| i <= n && j <= m));
    knots.push((n, m));
    (0..=n)
        .map(|i| {
            let k = knots.iter().rposition(|&(ki, _)| ki <= i).unwrap_or(0);
            let (i0, j0) = knots[k];
            let (i1, j1) = knots.get(k + 1).copied().unwrap_or((n, m));
            if i1 <= i0 {
                j0
            } else {
                (j0 + (i - i0) * j1.saturating_sub(j0) / (i1 - i0)).min(m)
            }
        })
        .collect()
}

fn align_with_ratio(
    left: &[Unit],
    right: &[Unit],
    ratio: f64,
    corrections: &Corrections,
    initial_band: usize,
) -> Vec<Row> {
    let (n, m) = (left.len(), right.len());
    let (force_left, force_right) = forced(corrections, n, m);
    let centre = centres(n, m, &corrections.pairs());
    let (left_twos, right_twos) = (twos(left), twos(right));
    let pair = Pair {
        left,
        right,
        left_twos: &left_twos,
        right_twos: &right_twos,
        ratio,
        force_left: &force_left,
        force_right: &force_right,
    };
    // Translations keep their order, so the path stays near the diagonal.
    // The band starts narrow and doubles while the best path touches its
    // edge (somewhere the truth may lie outside); small inputs are searched
    // whole.
    let mut band = initial_band.max(1) + n.abs_diff(m);
    loop {
        let full = band >= n.max(m);
        let (lo, hi): (Vec<usize>, Vec<usize>) = if full {
            ((0..=n).map(|_| 0).collect(), (0..=n).map(|_| m).collect())
        } else {
            centre
                .iter()
                .map(|&c| (c.saturating_sub(band), (c + band).min(m)))
                .unzip()
        };
        let mut table = Table::new(lo, hi);
        fill(&mut table, &pair);
        let path = trace(&table, n, m);
        // Edges of the band, not of the table: there the truth may lie beyond.
        let touches_edge = !full
            && path.iter().flatten().any(|&(i, j)| {
                let (lo, hi) = (table.lo[i], table.lo[i] + table.width[i] - 1);
                (lo > 0 && j <= lo + 1) || (hi < m && j + 1 >= hi)
            });
        if let Some(path) = path.filter(|_| !touches_edge) {
            let back = backward(&table, &pair);
            return rows_of(&path, &table, &back, &force_left, &force_right);
        }
        if full {
            // Unreachable: 1–0 and 0–1 connect every cell to the origin
            // unless corrections forbid it, and validated ones never do.
            // Still, never lose a block.
            let rows = Alignment::by_position(n, m).rows;
            return rows;
        }
        band *= 2;
    }
}

/// What one dynamic programme works on: the two sides, their length ratio
/// and what the corrections force.
struct Pair<'a> {
    left: &'a [Unit],
    right: &'a [Unit],
    /// The anchors of each two units in a row ([`twos`]).
    left_twos: &'a [Vec<u32>],
    right_twos: &'a [Vec<u32>],
    ratio: f64,
    force_left: &'a [Option<Facing>],
    force_right: &'a [Option<Facing>],
}

/// The matches that can leave cell (i, j) of the band under the
/// corrections. Worked out once per cell by the forward pass, and kept for
/// the backward one ([`Table::moves`]).
fn moves(table: &Table, pair: &Pair, i: usize, j: usize) -> Moves {
    std::array::from_fn(|k| {
        let (di, dj, _) = MATCHES[k];
        let (ni, nj) = (i + di, j + dj);
        if ni > pair.left.len()
            || nj > pair.right.len()
            || !allowed(i..ni, j..nj, pair.force_left, pair.force_right)
        {
            return None;
        }
        let cell = table.cell(ni, nj)?;
        fn anchors<'u>(
            units: &'u [Unit],
            twos: &'u [Vec<u32>],
            from: usize,
            to: usize,
        ) -> &'u [u32] {
            match to - from {
                0 => &[],
                1 => &units[from].anchors,
                _ => &twos[from],
            }
        }
        let cost = match_cost(
            (&pair.left[i..ni], anchors(pair.left, pair.left_twos, i, ni)),
            (
                &pair.right[j..nj],
                anchors(pair.right, pair.right_twos, j, nj),
            ),
            pair.ratio,
            k,
        )?;
        Some((k as u8, cell as u32, cost))
    })
}

/// The forward pass: the cheapest cost from the start to each cell, and
/// each cell's moves for the backward pass.
fn fill(table: &mut Table, pair: &Pair) {
    table.cost[0] = 0.0;
    for i in 0..=pair.left.len() {
        let (lo, w) = (table.lo[i], table.width[i]);
        for j in lo..lo + w {
            let Some(cell) = table.cell(i, j) else {
                continue;
            };
            let moves = moves(table, pair, i, j);
            if let Some(kept) = table.moves.get_mut(cell) {
                *kept = moves;
            }
            let here = table.cost[cell];
            if !here.is_finite() {
                continue;
            }
            for (k, next, cost) in moves.into_iter().flatten() {
                let next = next as usize;
                if here + cost < table.cost[next] {
                    table.cost[next] = here + cost;
                    table.step[next] = k;
                }
            }
        }
    }
}

/// Whether a match of these ranges obeys the corrections.
fn allowed(
    l: Range<usize>,
    r: Range<usize>,
    force_left: &[Option<Facing>],
    force_right: &[Option<Facing>],
) -> bool {
    let ok = |own: &Range<usize>, other: &Range<usize>, forced: &[Option<Facing>]| {
        own.clone().all(|x| match forced[x] {
            None => true,
            Some(Facing::Nothing) => other.is_empty(),
            Some(Facing::Block(y)) => own.len() == 1 && other.len() == 1 && other.start == y,
        })
    };
    ok(&l, &r, force_left) && ok(&r, &l, force_right)
}

/// The cells of the cheapest path, origin first, or None if the end is
/// unreachable.
fn trace(table: &Table, n: usize, m: usize) -> Option<Vec<(usize, usize)>> {
    let end = table.cell(n, m)?;
    if !table.cost[end].is_finite() {
        return None;
    }
    let mut path = vec![(n, m)];
    let (mut i, mut j) = (n, m);
    while i > 0 || j > 0 {
        let &(di, dj, _) = MATCHES.get(table.step[table.cell(i, j)?] as usize)?;
        i -= di;
        j -= dj;
        path.push((i, j));
    }
    path.reverse();
    Some(path)
}

fn rows_of(
    path: &[(usize, usize)],
    table: &Table,
    back: &[f64],
    force_left: &[Option<Facing>],
    force_right: &[Option<Facing>],
) -> Vec<Row> {
    let best = path
        .last()
        .and_then(|&(n, m)| table.cell(n, m))
        .map_or(0.0, |end| table.cost[end]);
    let last = path.len().saturating_sub(1);
    let margins: Vec<f64> = path
        .iter()
        .enumerate()
        .map(|(k, &(i, j))| {
            if k == 0 || k == last {
                f64::INFINITY
            } else {
                boundary_margin(table, back, path, i, j, best)
            }
        })
        .collect();
    path.windows(2)
        .enumerate()
        .map(|(k, w)| {
            let ((i0, j0), (i1, j1)) = (w[0], w[1]);
            let corrected = (i0..i1).any(|i| force_left[i].is_some())
                || (j0..j1).any(|j| force_right[j].is_some());
            Row {
                left: i0..i1,
                right: j0..j1,
                confidence: if corrected {
                    100
                } else {
                    confidence(margins[k].min(margins[k + 1]))
                },
                corrected,
                sentences: vec![],
            }
        })
        .collect()
}

/// The backward pass: the cheapest cost from each cell of the band to the end.
fn backward(table: &Table, pair: &Pair) -> Vec<f64> {
    let mut cost = vec![f64::INFINITY; table.cost.len()];
    if let Some(end) = table.cell(pair.left.len(), pair.right.len()) {
        cost[end] = 0.0;
    }
    for i in (0..=pair.left.len()).rev() {
        let (lo, w) = (table.lo[i], table.width[i]);
        for j in (lo..lo + w).rev() {
            let Some(here) = table.cell(i, j) else {
                continue;
            };
            let moves = match table.moves.get(here) {
                Some(kept) => *kept,
                None => moves(table, pair, i, j),
            };
            for (_, next, step) in moves.into_iter().flatten() {
                cost[here] = cost[here].min(step + cost[next as usize]);
            }
        }
    }
    cost
}

/// How much dearer, in nats, the best alignment is that puts no row
/// boundary at (i, j): it crosses line `i` at another column or column `j`
/// at another line (an alignment that jumps over line `i` with a two-block
/// match, or that crosses it where the best path also does, is not counted,
/// so the margin is generous there). `path` is sorted, as the best path is.
fn boundary_margin(
    table: &Table,
    back: &[f64],
    path: &[(usize, usize)],
    i: usize,
    j: usize,
    best: f64,
) -> f64 {
    // Other cells of the best path on the same line or column (a row with
    // one side empty) are not other stories: the best path passes there too.
    let through = |ii: usize, jj: usize| {
        let cell = table.cell(ii, jj)?;
        let on_path = path.binary_search(&(ii, jj)).is_ok();
        Some(if on_path {
            f64::INFINITY
        } else {
            table.cost[cell] + back[cell]
        })
    };
    let mut alt = f64::INFINITY;
    let (lo, w) = (table.lo[i], table.width[i]);
    for jj in (lo..lo + w).filter(|&jj| jj != j) {
        alt = alt.min(through(i, jj).unwrap_or(f64::INFINITY));
    }
    // The band's edges grow with the line, so the lines holding column j
    // are those around i: walk out from it until one does not.
    for ii in (0..i).rev() {
        let Some(cost) = through(ii, j) else { break };
        alt = alt.min(cost);
    }
    for ii in i + 1..table.lo.len() {
        let Some(cost) = through(ii, j) else { break };
        alt = alt.min(cost);
    }
    alt - best
}

/// A boundary margin, in nats, as a percentage: how sure the aligner is of
/// a row is how sure it is of both its edges. Set on the evaluation set so
/// that a row under [`WEAK`] is worth an editor's look.
fn confidence(margin: f64) -> u8 {
    // 50% at a 2-nat margin: on the evaluation set that flags two thirds
    // of the wrong rows, among one row in thirty.
    let probability = 1.0 / (1.0 + (-(margin - 2.0)).exp());
    (probability * 100.0).round().clamp(0.0, 100.0) as u8
}

/// The cost (in nats) of one match, or None if its units cannot pair.
/// Each side comes with its units' anchors, merged.
fn match_cost(
    (left, left_anchors): (&[Unit], &[u32]),
    (right, right_anchors): (&[Unit], &[u32]),
    ratio: f64,
    k: usize,
) -> Option<f64> {
    let mut kinds = left.iter().chain(right).map(|u| u.kind);
    let first = kinds.next()?;
    if !kinds.all(|k| k == first) {
        return None;
    }
    let prior = MATCHES[k].2;
    if left.is_empty() || right.is_empty() {
        return Some(-prior.ln());
    }
    let l1: usize = left.iter().map(|u| u.chars).sum();
    let l2: usize = right.iter().map(|u| u.chars).sum();
    let mean = (l1 as f64 + l2 as f64 / ratio) / 2.0;
    let delta = (l2 as f64 - l1 as f64 * ratio) / (mean.max(1.0) * VARIANCE).sqrt();
    let length = 2.0 * (1.0 - standard_normal_cdf(delta.abs()));
    Some(-(prior * length).max(f64::MIN_POSITIVE).ln() + lexical_cost(left_anchors, right_anchors))
}

/// How many values two ascending lists share (as multisets: a value twice
/// in each counts twice): the anchors two paragraphs have in common.
fn shared<T: Ord>(a: &[T], b: &[T]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// The words' evidence for a match, in nats (negative: for it): each anchor
/// found on both sides counts for the pairing, each anchor found on one side
/// only counts (less) against it. Translations share about a third of their
/// anchors, unrelated paragraphs a twentieth, hence the two weights (the
/// log-likelihood ratios of those rates, damped because anchors are not
/// independent). The evidence grows with the text: a long paragraph's words
/// outweigh its length, a short heading's do not.
fn lexical_cost(a: &[u32], b: &[u32]) -> f64 {
    let common = shared(a, b) as f64;
    let alone = (a.len() + b.len()) as f64 - 2.0 * common;
    -SHARED_ANCHOR * common + LONE_ANCHOR * alone
}

/// The anchors of each unit and the next, merged: what a two-unit match
/// compares. Made once per side, not once per cell of the band (merging
/// them in the cells was a fifth of a large corpus build). Each unit's
/// anchors are sorted, so each two are merged in one pass.
fn twos(units: &[Unit]) -> Vec<Vec<u32>> {
    units
        .windows(2)
        .map(|two| {
            let (a, b) = (&two[0].anchors, &two[1].anchors);
            let mut out = Vec::with_capacity(a.len() + b.len());
            let (mut i, mut j) = (0, 0);
            while i < a.len() && j < b.len() {
                if a[i] <= b[j] {
                    out.push(a[i]);
                    i += 1;
                } else {
                    out.push(b[j]);
                    j += 1;
                }
            }
            out.extend_from_slice(&a[i..]);
            out.extend_from_slice(&b[j..]);
            out
        })
        .collect()
}

/// Frequent French and English words of four letters or more that would
/// otherwise count as cognates of unrelated words. Sorted, and looked up by
/// halves: every word of a corpus is (a test checks the order).
const FUNCTION_WORDS: &[&str] = &[
    "about", "alors", "also", "aussi", "avec", "avoir", "been", "bien", "cette", "comme", "dans",
    "donc", "elle", "elles", "encore", "entre", "etre", "even", "faire", "fait", "from", "have",
    "into", "just", "leur", "mais", "meme", "more", "much", "nous", "only", "other", "peut",
    "plus", "pour", "quand", "rien", "sans", "some", "sont", "sous", "such", "than", "that",
    "their", "them", "then", "there", "these", "they", "this", "those", "tous", "tout", "toute",
    "toutes", "tres", "very", "vous", "were", "what", "when", "which", "will", "with", "would",
    "your",
];

/// The anchors of a text: what survives translation between French and
/// English, hashed so that comparing two texts is a merge of sorted lists.
fn anchors(text: &str) -> Vec<u32> {
    let mut out = Vec::new();
    let mut sentence_start = true;
    // Each word folded into the same buffer, not a new string a word.
    let mut folded = String::new();
    for raw in text.split_whitespace() {
        let bare =
            raw.trim_matches(|c: char| !c.is_alphanumeric() && c != '#' && c != '@' && c != '/');
        // Lower-cased only for a link or a handle, not every word (a
        // 20,000-pair build spent 9 % of its time lower-casing letters).
        let is_link = bare.contains("://")
            || bare
                .as_bytes()
                .get(..4)
                .is_some_and(|start| start.eq_ignore_ascii_case(b"www."));
        if is_link {
            out.push(hash(b'U', bare.to_lowercase().trim_end_matches('/')));
            sentence_start = false;
            continue;
        }
        if bare.starts_with(['#', '@']) && bare.len() > 1 {
            out.push(hash(b'H', &bare.to_lowercase()));
            sentence_start = false;
            continue;
        }
        // Quotation marks: French « » and English “ ” or " both open a quote.
        for c in raw.chars() {
            if matches!(c, '«' | '“') {
                out.push(hash(b'Q', ""));
            }
        }
        if raw.starts_with('"') {
            out.push(hash(b'Q', ""));
        }
        for token in raw.split(|c: char| !c.is_alphanumeric()) {
            if token.is_empty() {
                continue;
            }
            if token.chars().any(|c| c.is_ascii_digit()) {
                let digits: String = token.chars().filter(char::is_ascii_digit).collect();
                out.push(hash(b'N', &digits));
                continue;
            }
            fold(token, &mut folded);
            let capitalised = token.chars().next().is_some_and(char::is_uppercase);
            if capitalised && !sentence_start && folded.len() >= 2 {
                out.push(hash(b'C', &folded));
            }
            if folded.len() >= 4 && FUNCTION_WORDS.binary_search(&folded.as_str()).is_err() {
                out.push(hash(b'P', &folded[..4]));
            }
        }
        sentence_start = raw.ends_with(['.', '?', '!', '…', ':']);
    }
    out.sort_unstable();
    out
}

/// Lower case ASCII, accents folded ("Économie" → "economie"), into `out`.
fn fold(word: &str, out: &mut String) {
    out.clear();
    for ch in word.chars() {
        match crate::text::ascii_folding(ch) {
            Some(folded) => out.push_str(folded),
            None if ch.is_ascii() => out.push(ch.to_ascii_lowercase()),
            None => out.extend(ch.to_lowercase().filter(char::is_ascii)),
        }
    }
}

/// FNV-1a of a tagged string.
fn hash(tag: u8, text: &str) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for byte in std::iter::once(tag).chain(text.bytes()) {
        h ^= u32::from(byte);
        h = h.wrapping_mul(0x0100_0193);
    }
    h
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

#[cfg(test)]
mod tests {
    use super::*;

    /// A paragraph of `chars` characters whose anchors are `words`.
    fn p(chars: usize, words: &str) -> Unit {
        let mut unit = Unit::new(BlockKind::Paragraph, words);
        unit.chars = chars;
        unit
    }
    fn h(chars: usize) -> Unit {
        Unit {
            kind: BlockKind::Heading,
            chars,
            anchors: vec![],
        }
    }

    #[test]
    fn the_backward_pass_finds_the_same_with_the_moves_kept_or_worked_out_again() {
        // Two sides of different shapes, with words in common here and there.
        let words = [
            "Keynes 1936",
            "Paris",
            "Wirearchy",
            "",
            "Volker 2010 Suisse",
        ];
        let left: Vec<Unit> = (0..30)
            .map(|k| p(40 + (k * 37) % 200, words[k % words.len()]))
            .collect();
        let mut right: Vec<Unit> = (0..27)
            .map(|k| p(50 + (k * 53) % 180, words[(k + 1) % words.len()]))
            .collect();
        right.insert(9, h(12));
        let (n, m) = (left.len(), right.len());
        let (force_left, force_right) = forced(&Corrections::default(), n, m);
        let (left_twos, right_twos) = (twos(&left), twos(&right));
        let pair = Pair {
            left: &left,
            right: &right,
            left_twos: &left_twos,
            right_twos: &right_twos,
            ratio: 1.1,
            force_left: &force_left,
            force_right: &force_right,
        };
        let table = |keep: bool| {
            let mut table = Table::new(vec![0; n + 1], vec![m; n + 1]);
            if !keep {
                table.moves.clear();
            }
            fill(&mut table, &pair);
            table
        };
        let (kept, bare) = (table(true), table(false));
        assert!(kept.moves.len() == kept.cost.len() && bare.moves.is_empty());
        assert_eq!(kept.cost, bare.cost);
        assert_eq!(kept.step, bare.step);
        let back = backward(&kept, &pair);
        assert!(back[0].is_finite());
        assert_eq!(back, backward(&bare, &pair));
    }

    /// A row of these blocks, sure of nothing.
    fn row(left: Range<usize>, right: Range<usize>) -> Row {
        Row {
            left,
            right,
            confidence: 0,
            corrected: false,
            sentences: vec![],
        }
    }

    fn shape(rows: &[Row]) -> Vec<(Range<usize>, Range<usize>)> {
        rows.iter()
            .map(|r| (r.left.clone(), r.right.clone()))
            .collect()
    }

    const NONE: Corrections = Corrections {
        left: vec![],
        right: vec![],
    };

    #[test]
    fn equal_sequences_align_one_to_one() {
        let blocks = [p(300, "Alpha"), h(20), p(800, "Beta"), p(120, "Gamma")];
        let rows = align(&blocks, &blocks, &NONE);
        assert_eq!(
            shape(&rows),
            vec![(0..1, 0..1), (1..2, 1..2), (2..3, 2..3), (3..4, 3..4)]
        );
        assert!(rows.iter().all(|r| !r.corrected));
    }

    #[test]
    fn function_words_are_sorted_for_their_lookup_by_halves() {
        assert!(FUNCTION_WORDS.windows(2).all(|two| two[0] < two[1]));
        // Left out of the anchors: "avec" is no cognate of "avenue".
        assert_eq!(anchors("avec"), Vec::<u32>::new());
        assert_eq!(anchors("avenue"), vec![hash(b'P', "aven")]);
    }

    #[test]
    fn anchors_fold_accents_and_keep_numbers_names_and_links() {
        let fr = anchors("L’économie de Montréal a crû de 3,5 % en 2014 selon « Le Devoir » https://example.org/a #socbiz");
        let en = anchors("The economy of Montreal grew 3.5% in 2014 according to “Le Devoir” https://example.org/a #socbiz");
        let common = shared(&fr, &en);
        // econ, Montreal (name and prefix), 3, 5, 2014, a quote, Devoir
        // (name and prefix), the URL, the hashtag.
        assert!(common >= 10, "{common}");
        let unrelated = anchors("Nothing here resembles the other sentence at all, truly.");
        assert!(shared(&fr, &unrelated) <= 1);
    }

    #[test]
    fn words_tell_a_dropped_paragraph_from_a_merge() {
        // Lengths alone would merge the short dropped paragraph into its
        // neighbour; its words belong to nothing on the other side.
        let left = [
            p(300, "Amazon Bezos warehouse logistics"),
            p(120, "Kodak Rochester photographie pellicule"),
            p(400, "Uber Kalanick chauffeurs plateforme"),
        ];
        let right = [
            p(310, "Amazon Bezos warehouse logistics"),
            p(420, "Uber Kalanick drivers platform"),
        ];
        let rows = align(&left, &right, &NONE);
        assert_eq!(shape(&rows), vec![(0..1, 0..1), (1..2, 1..1), (2..3, 1..2)]);
    }

    #[test]
    fn a_split_paragraph_aligns_one_to_two() {
        let rows = align(
            &[
                p(300, "a1 Apple"),
                p(900, "Berlin Bonn Bremen Basel"),
                p(200, "Cairo"),
            ],
            &[
                p(320, "a1 Apple"),
                p(450, "Berlin Bonn"),
                p(470, "Bremen Basel"),
                p(210, "Cairo"),
            ],
            &NONE,
        );
        assert_eq!(shape(&rows), vec![(0..1, 0..1), (1..2, 1..3), (2..3, 3..4)]);
    }

    #[test]
    fn two_by_two_matches_exist() {
        // Two paragraphs re-cut at a different place: neither pairs alone.
        let rows = align(
            &[
                p(300, "Aaaa"),
                p(500, "Bbbb Cccc"),
                p(300, "Dddd Eeee"),
                p(250, "Ffff"),
            ],
            &[
                p(300, "Aaaa"),
                p(300, "Bbbb"),
                p(500, "Cccc Dddd Eeee"),
                p(260, "Ffff"),
            ],
            &NONE,
        );
        assert_eq!(shape(&rows), vec![(0..1, 0..1), (1..3, 1..3), (3..4, 3..4)]);
    }

    #[test]
    fn a_heading_never_pairs_with_a_paragraph() {
        let rows = align(
            &[p(400, ""), h(25), p(30, ""), p(500, "")],
            &[p(410, ""), p(28, ""), p(505, "")],
            &NONE,
        );
        assert_eq!(
            shape(&rows),
            vec![(0..1, 0..1), (1..2, 1..1), (2..3, 1..2), (3..4, 2..3)]
        );
    }

    #[test]
    fn empty_sides_align_to_rows_of_one_side() {
        assert_eq!(align(&[], &[], &NONE), vec![]);
        assert_eq!(shape(&align(&[p(10, "")], &[], &NONE)), vec![(0..1, 0..0)]);
        assert_eq!(
            shape(&align(&[], &[h(3), p(9, "")], &NONE)),
            vec![(0..0, 0..1), (0..0, 1..2)]
        );
    }

    #[test]
    fn corrections_are_obeyed_even_against_the_evidence() {
        let left = [p(300, "Alpha"), p(300, "Beta"), p(300, "Gamma")];
        let right = [p(300, "Alpha"), p(300, "Beta"), p(300, "Gamma")];
        let corrections = Corrections {
            left: vec![(1, Facing::Nothing)],
            right: vec![(2, Facing::Block(2))],
        };
        let rows = align(&left, &right, &corrections);
        // Left 1 faces nothing, so right 1 is left alone too (in either order).
        assert_eq!(rows.len(), 4);
        assert_eq!(shape(&rows[..1]), vec![(0..1, 0..1)]);
        assert_eq!(shape(&rows[3..]), vec![(2..3, 2..3)]);
        let alone = rows.iter().find(|r| r.left == (1..2)).unwrap();
        assert!(alone.right.is_empty() && alone.corrected && alone.confidence == 100);
        assert!(rows
            .iter()
            .any(|r| r.right == (1..2) && r.left.is_empty() && !r.corrected));
        assert!(rows[3].corrected && !rows[0].corrected);
    }

    #[test]
    fn crossing_corrections_are_refused() {
        let c = Corrections {
            left: vec![(1, Facing::Block(3)), (2, Facing::Block(0))],
            right: vec![],
        };
        assert_eq!(
            c.conflict(4, 4),
            Some((true, 1, CorrectionProblem::Crossing))
        );
        let out_of_range = Corrections {
            left: vec![(0, Facing::Block(9))],
            right: vec![],
        };
        assert_eq!(
            out_of_range.conflict(4, 4),
            Some((true, 0, CorrectionProblem::NoSuchBlock(10, 4)))
        );
        assert_eq!(Corrections::default().conflict(0, 0), None);
    }

    #[test]
    fn long_pairs_with_drifts_stay_aligned_and_far_corrections_hold() {
        // 2,000 paragraphs; the translation drops 30 of the first 90, so the
        // rest runs 30 rows off the diagonal, beyond the first band.
        let mut seed = 7u64;
        let mut next = || {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            (seed >> 33) as usize
        };
        let left: Vec<Unit> = (0..2000)
            .map(|i| p(80 + next() % 1200, &format!("Name{i} Word{}", i * 7)))
            .collect();
        let dropped: Vec<usize> = (0..90).filter(|i| i % 3 == 1).collect();
        let right: Vec<Unit> = left
            .iter()
            .enumerate()
            .filter(|(i, _)| !dropped.contains(i))
            .map(|(_, u)| Unit {
                chars: u.chars * 9 / 10,
                ..u.clone()
            })
            .collect();
        let rows = align(&left, &right, &NONE);
        for i in 90..2000 {
            assert!(
                rows.iter()
                    .any(|r| r.left == (i..i + 1) && r.right == (i - 30..i - 29)),
                "paragraph {i} is misaligned"
            );
        }
        for &d in &dropped {
            assert!(
                rows.iter()
                    .any(|r| r.left == (d..d + 1) && r.right.is_empty()),
                "{d}"
            );
        }
        // A correction 300 rows off the diagonal bends the band to it.
        let far = Corrections {
            left: vec![(1500, Facing::Block(1100))],
            right: vec![],
        };
        let rows = align(&left, &right, &far);
        assert!(rows
            .iter()
            .any(|r| r.left == (1500..1501) && r.right == (1100..1101)));
        assert!(Alignment { rows }.fits(2000, right.len()));
    }

    #[test]
    fn the_wire_form_round_trips_and_misfits_are_caught() {
        let alignment = Alignment {
            rows: vec![
                Row {
                    left: 0..1,
                    right: 0..2,
                    confidence: 90,
                    corrected: false,
                    sentences: vec![(1, 1), (2, 1)],
                },
                Row {
                    left: 1..2,
                    right: 2..2,
                    confidence: 30,
                    corrected: true,
                    sentences: vec![],
                },
            ],
        };
        let json = serde_json::to_string(&alignment).unwrap();
        assert_eq!(json, "[[1,2,90,0,[[1,1],[2,1]]],[1,0,30,1,[]]]");
        let back: Alignment = serde_json::from_str(&json).unwrap();
        assert_eq!(back, alignment);
        assert!(back.fits(2, 2));
        assert!(!back.fits(3, 2));
        let empty_row: Alignment = serde_json::from_str("[[0,0,0,0,[]],[1,1,0,0,[]]]").unwrap();
        assert!(!empty_row.fits(1, 1));
        assert!(Alignment::by_position(3, 1).fits(3, 1));
        assert_eq!(back.swapped().swapped(), back);
    }

    #[test]
    fn sentence_pairs_number_each_sentence_and_leave_lone_ones_alone() {
        assert_eq!(
            sentence_pairs(&[(1, 1), (2, 1), (0, 1), (1, 0)]),
            (
                vec![Some(0), Some(1), Some(1), None],
                vec![Some(0), Some(1), None]
            )
        );
        assert_eq!(sentence_pairs(&[]), (vec![], vec![]));
    }

    #[test]
    fn what_shows_under_a_block_is_its_rows_other_side_under_its_last_block() {
        let a = Alignment {
            rows: vec![
                row(0..2, 0..1),
                row(2..3, 1..1),
                row(3..4, 1..3),
                row(4..4, 3..4),
            ],
        };
        // Blocks 0-1 face 0, block 2 nothing, block 3 faces 1-2, then a note (3).
        assert_eq!(a.shown_under(4), vec![None, Some(0..1), None, Some(1..4)]);
        assert_eq!(a.facing(4), vec![1, 1, 0, 2]);
        // Every right block is shown under some left block.
        let all: usize = a.shown_under(4).iter().flatten().map(|r| r.len()).sum();
        assert_eq!(all, 4);
        // A note before anything goes with the first block that shows something.
        let early = Alignment {
            rows: vec![row(0..0, 0..1), row(0..1, 1..2), row(1..2, 2..3)],
        };
        assert_eq!(early.shown_under(2), vec![Some(0..2), Some(2..3)]);
    }

    #[test]
    fn counterparts_follow_rows_and_fall_back_to_the_row_before() {
        let a = Alignment {
            rows: vec![
                row(0..1, 0..1),
                row(1..3, 1..2),
                row(3..4, 2..2),
                row(4..5, 2..4),
            ],
        };
        assert_eq!(a.counterpart(2), Some(1));
        assert_eq!(a.counterpart(3), Some(1));
        assert_eq!(a.counterpart(4), Some(2));
        assert_eq!(a.swapped().counterpart(3), Some(4));
        assert_eq!(a.counterpart(9), None);
        let lonely = Alignment {
            rows: vec![row(0..1, 0..0), row(1..2, 0..1)],
        };
        assert_eq!(
            lonely.counterpart(0),
            None,
            "nothing faces it, nothing before it"
        );
    }

    #[test]
    fn sentences_are_aligned_inside_rows() {
        let fr = crate::document::parse_body(
            "Amazon a été fondée en 1994 par Jeff Bezos. Elle vend des livres. Puis tout le reste, de Seattle au monde entier.",
        );
        let en = crate::document::parse_body(
            "Amazon was founded in 1994 by Jeff Bezos. It sold books, then everything else, from Seattle to the whole world.",
        );
        let a = align_bodies(&fr, &en, &Corrections::default());
        assert_eq!(a.rows.len(), 1);
        assert_eq!(a.rows[0].sentences, vec![(1, 1), (2, 1)]);
    }

    #[test]
    fn normal_cdf_is_accurate_enough() {
        assert!((standard_normal_cdf(0.0) - 0.5).abs() < 1e-7);
        assert!((standard_normal_cdf(1.96) - 0.975).abs() < 1e-4);
        assert!((standard_normal_cdf(-1.0) - 0.158_655).abs() < 1e-5);
    }
}
