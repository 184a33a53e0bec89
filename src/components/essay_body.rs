//! An essay body, rendered element by element from the core's parsed blocks:
//! corpus text only ever becomes text nodes, never HTML.

use essais_core::document::{Block, Inline};
use leptos::prelude::*;

/// The body's top-level blocks, each with `id="p<n>"` (1-based) so a place in
/// the text can be linked to and kept across a language or view switch.
#[component]
pub fn EssayBody(blocks: Vec<Block>) -> impl IntoView {
    blocks
        .into_iter()
        .enumerate()
        .map(|(i, block)| block_view(block, Some(Anchor::reading(i + 1))))
        .collect_view()
}

/// How a top-level block can be found in the page.
pub struct Anchor {
    pub id: String,
    /// The block's number in the reading-language text (`data-block`), by
    /// which the reader's place is kept; None for the other language.
    pub number: Option<usize>,
}

impl Anchor {
    /// Block `n` (1-based) of the text in the reading language: `#p<n>`.
    pub fn reading(n: usize) -> Anchor {
        Anchor {
            id: format!("p{n}"),
            number: Some(n),
        }
    }

    /// Block `n` (1-based) of the other language's text, side by side: `#o<n>`.
    pub fn other(n: usize) -> Anchor {
        Anchor {
            id: format!("o{n}"),
            number: None,
        }
    }
}

pub fn block_view(block: Block, anchor: Option<Anchor>) -> AnyView {
    block_in_sentences(block, anchor, None)
}

/// Which sentence of the other text a sentence faces, side by side: the
/// number of its sentence pair in the row, or None if it faces none.
pub type SentencePair = Option<usize>;

/// A block's sentences, side by side: the pair of each, and what a sentence
/// without counterpart says when it has the focus (in the reading language).
#[derive(Clone, Copy)]
pub struct Sentences<'a> {
    pub pairs: &'a [SentencePair],
    pub alone_note: &'static str,
}

/// A block whose paragraph or heading text is drawn sentence by sentence
/// when `pairs` is given (one per sentence of its text, as
/// `text::sentences` cuts it): each sentence a span carrying its pair's
/// number, so that side by side a sentence can light its counterpart.
pub fn block_in_sentences(
    block: Block,
    anchor: Option<Anchor>,
    sentences: Option<Sentences>,
) -> AnyView {
    let (id, data_block) = match anchor {
        Some(a) => (Some(a.id), a.number.map(|n| n.to_string())),
        None => (None, None),
    };
    // Looked up once a block, not once a text: a book has tens of
    // thousands of texts.
    let marks = use_context::<SearchMarks>().filter(|m| !m.search.is_empty());
    let marks = marks.as_ref();
    let text = |inlines: Vec<Inline>| match sentences {
        Some(sentences) => sentence_spans(inlines, sentences, marks),
        None => render_inlines(inlines, marks),
    };
    // A paragraph or heading of the reading-language text offers its link
    // (components/passage_links.rs handles every such button at once); not
    // side by side (drawn sentence by sentence), where a button per row
    // made drawing a book a third slower (docs/performance.md).
    let link = (data_block.is_some() && sentences.is_none()).then(|| {
        view! { <button type="button" class="passage-link" aria-labelledby=PASSAGE_LINK_LABEL_ID></button> }
    });
    match block {
        Block::Paragraph(inlines) => {
            view! { <p id=id data-block=data_block>{text(inlines)}{link}</p> }.into_any()
        }
        Block::Heading(level, inlines) => {
            let children = view! { {text(inlines)}{link} };
            match level {
                2 => view! { <h2 id=id data-block=data_block>{children}</h2> }.into_any(),
                3 => view! { <h3 id=id data-block=data_block>{children}</h3> }.into_any(),
                4 => view! { <h4 id=id data-block=data_block>{children}</h4> }.into_any(),
                5 => view! { <h5 id=id data-block=data_block>{children}</h5> }.into_any(),
                _ => view! { <h6 id=id data-block=data_block>{children}</h6> }.into_any(),
            }
        }
        Block::Quote(blocks) => view! {
            <blockquote id=id data-block=data_block>
                {blocks.into_iter().map(|b| block_view(b, None)).collect_view()}
            </blockquote>
        }
        .into_any(),
        Block::List { ordered, items } => {
            let items = items
                .into_iter()
                .map(|item| view! { <li>{item.into_iter().map(|b| block_view(b, None)).collect_view()}</li> })
                .collect_view();
            if ordered {
                view! { <ol id=id data-block=data_block>{items}</ol> }.into_any()
            } else {
                view! { <ul id=id data-block=data_block>{items}</ul> }.into_any()
            }
        }
        Block::Code(code) => {
            view! { <pre id=id data-block=data_block><code>{code}</code></pre> }.into_any()
        }
        Block::Rule => view! { <hr id=id data-block=data_block /> }.into_any(),
    }
}

/// The id of the one hidden text that names every paragraph's link button
/// (drawn once by the essay page, in the reading language).
pub const PASSAGE_LINK_LABEL_ID: &str = "passage-link-label";

/// The id of the one hidden sentence that describes a sentence without
/// counterpart to screen readers (drawn once by the side-by-side view).
pub const NO_SENTENCE_COUNTERPART_ID: &str = "no-sentence-counterpart";

fn sentence_spans(inlines: Vec<Inline>, sentences: Sentences, marks: Marks) -> AnyView {
    let parts = essais_core::document::sentence_parts(&inlines);
    let Sentences { pairs, alone_note } = sentences;
    if parts.len() != pairs.len() {
        // Not the sentences the build aligned (cannot happen with one build):
        // the text, without sentence links.
        return render_inlines(inlines, marks);
    }
    parts
        .into_iter()
        .zip(pairs)
        .map(|(part, pair)| match pair {
            Some(k) => view! {
                <span class="sentence" data-pair=k.to_string() tabindex="-1">{render_inlines(part, marks)}</span>
            }
            .into_any(),
            None => view! {
                <span class="sentence alone" tabindex="-1" data-note=alone_note aria-describedby=NO_SENTENCE_COUNTERPART_ID>{render_inlines(part, marks)}</span>
            }
            .into_any(),
        })
        .collect_view()
        .into_any()
}

/// The search marks to draw, if any (read once a block).
type Marks<'a> = Option<&'a SearchMarks>;

fn render_inlines(inlines: Vec<Inline>, marks: Marks) -> AnyView {
    inlines
        .into_iter()
        .map(|inline| render_inline(inline, marks))
        .collect_view()
        .into_any()
}

/// The search an essay opened from a search result marks in its text
/// (`?mark=`; empty for none), given by the essay page to everything it draws.
#[derive(Clone, Debug)]
pub struct SearchMarks {
    /// Shared: every text of the essay reads it.
    pub search: std::sync::Arc<str>,
    /// The language the words are folded and stemmed in (the essay's).
    pub lang: essais_core::Lang,
}

/// A text, with the words the search found in `<mark>` when there is one.
fn marked_text(text: String, marks: Marks) -> AnyView {
    let Some(marks) = marks else {
        return text.into_any();
    };
    let ranges = essais_core::search::found_ranges(&text, &marks.search, marks.lang);
    if ranges.is_empty() {
        return text.into_any();
    }
    let mut parts = Vec::with_capacity(ranges.len() * 2 + 1);
    let mut at = 0;
    for range in ranges {
        if range.start > at {
            parts.push(text[at..range.start].to_string().into_any());
        }
        parts.push(
            view! { <mark class="found">{text[range.clone()].to_string()}</mark> }.into_any(),
        );
        at = range.end;
    }
    if at < text.len() {
        parts.push(text[at..].to_string().into_any());
    }
    parts.into_iter().collect_view().into_any()
}

fn render_inline(inline: Inline, marks: Marks) -> AnyView {
    match inline {
        Inline::Text(text) => marked_text(text, marks),
        Inline::Code(code) => view! { <code>{code}</code> }.into_any(),
        Inline::Emphasis(children) => view! { <em>{render_inlines(children, marks)}</em> }.into_any(),
        Inline::Strong(children) => view! { <strong>{render_inlines(children, marks)}</strong> }.into_any(),
        Inline::Strike(children) => view! { <del>{render_inlines(children, marks)}</del> }.into_any(),
        Inline::LineBreak => view! { <br /> }.into_any(),
        Inline::Link { href: Some(href), children } if href.external => view! {
            <a href=href.url target="_blank" rel="noopener noreferrer">{render_inlines(children, marks)}</a>
        }
        .into_any(),
        Inline::Link { href: Some(href), children } => view! { <a href=href.url>{render_inlines(children, marks)}</a> }.into_any(),
        // A link whose target was refused keeps its text, unlinked.
        Inline::Link { href: None, children } => view! { <span class="unlinked">{render_inlines(children, marks)}</span> }.into_any(),
    }
}
