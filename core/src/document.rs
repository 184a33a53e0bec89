//! An essay body as the reader's page shows it: Markdown parsed into plain
//! blocks and inlines that the app renders as elements, one by one.
//!
//! No markup from the corpus ever reaches the DOM as HTML: raw HTML in the
//! Markdown is kept as visible text, and links keep their target only when
//! it is a web, mail or relative address (`javascript:`, `data:` and every
//! other scheme lose the link, keep the text).

use crate::text::contained;
#[cfg(feature = "markdown")]
use crate::text::markdown_options;
#[cfg(feature = "markdown")]
use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};
use serde::{Deserialize, Serialize};

/// The Markdown is parsed by the corpus tool, at build time: the app receives
/// these blocks as JSON (short tags keep the files small) and never links a
/// Markdown parser. See [`Block::sanitized`] for why it still checks them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Block {
    #[serde(rename = "p")]
    Paragraph(Vec<Inline>),
    /// Level 2 to 6 (the essay title is the page's only level 1).
    #[serde(rename = "h")]
    Heading(u8, Vec<Inline>),
    #[serde(rename = "q")]
    Quote(Vec<Block>),
    #[serde(rename = "list")]
    List {
        ordered: bool,
        items: Vec<Vec<Block>>,
    },
    #[serde(rename = "pre")]
    Code(String),
    #[serde(rename = "hr")]
    Rule,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Inline {
    #[serde(rename = "t")]
    Text(String),
    #[serde(rename = "code")]
    Code(String),
    #[serde(rename = "em")]
    Emphasis(Vec<Inline>),
    #[serde(rename = "b")]
    Strong(Vec<Inline>),
    #[serde(rename = "s")]
    Strike(Vec<Inline>),
    /// `href` is `None` when the target was not safe to follow.
    #[serde(rename = "a")]
    Link {
        href: Option<SafeHref>,
        children: Vec<Inline>,
    },
    #[serde(rename = "br")]
    LineBreak,
}

/// A link target that is safe to put in `href`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SafeHref {
    pub url: String,
    /// Leaves the site: opened with `rel="noopener noreferrer"`.
    pub external: bool,
}

/// Checks a link target: `http(s)://` and `mailto:` are external links,
/// scheme-less addresses (`#note`, `../other/`) internal ones; anything else
/// (`javascript:`, `vbscript:`, `data:`, `file:` …, however cased, spaced or
/// entity-encoded, since the Markdown parser has decoded entities already)
/// is refused.
pub fn safe_href(url: &str) -> Option<SafeHref> {
    // Browsers ignore ASCII whitespace and control characters inside a scheme.
    let compact: String = url
        .chars()
        .filter(|c| !c.is_ascii_whitespace() && !c.is_control())
        .collect();
    let lower = compact.to_ascii_lowercase();
    let scheme_end = lower.find(':');
    let first_delimiter = lower.find(['/', '?', '#']);
    let has_scheme = match (scheme_end, first_delimiter) {
        (Some(colon), Some(delim)) => colon < delim,
        (Some(_), None) => true,
        _ => false,
    };
    if !has_scheme {
        if lower.starts_with("//") {
            // Protocol-relative: leaves the site.
            return Some(SafeHref {
                url: compact,
                external: true,
            });
        }
        return Some(SafeHref {
            url: compact,
            external: false,
        });
    }
    if lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("mailto:")
    {
        Some(SafeHref {
            url: compact,
            external: true,
        })
    } else {
        None
    }
}

impl Block {
    /// How many quotes, lists, emphases and links stand inside one another
    /// in this block (a plain paragraph is 0): see [`crate::limits::MAX_NESTING`].
    pub fn nesting(&self) -> usize {
        match self {
            Block::Paragraph(inlines) | Block::Heading(_, inlines) => inline_nesting(inlines),
            Block::Quote(blocks) => 1 + blocks.iter().map(Block::nesting).max().unwrap_or(0),
            Block::List { items, .. } => {
                1 + items
                    .iter()
                    .flatten()
                    .map(Block::nesting)
                    .max()
                    .unwrap_or(0)
            }
            Block::Code(_) | Block::Rule => 0,
        }
    }

    /// The block as the app may render it. A body file is fetched like any
    /// other input, so what the tool guaranteed is checked again: every link
    /// target passes [`safe_href`] anew (a `javascript:` URL written straight
    /// into the JSON loses its link), heading levels stay within 2 to 6, and
    /// no text's directional controls reach past it ([`crate::text::contain_bidi`]).
    pub fn sanitized(self) -> Block {
        match self {
            Block::Paragraph(inlines) => Block::Paragraph(sanitize_inlines(inlines)),
            Block::Heading(level, inlines) => {
                Block::Heading(level.clamp(2, 6), sanitize_inlines(inlines))
            }
            Block::Quote(blocks) => {
                Block::Quote(blocks.into_iter().map(Block::sanitized).collect())
            }
            Block::List { ordered, items } => Block::List {
                ordered,
                items: items
                    .into_iter()
                    .map(|item| item.into_iter().map(Block::sanitized).collect())
                    .collect(),
            },
            Block::Code(text) => Block::Code(contained(text)),
            Block::Rule => Block::Rule,
        }
    }
}

fn inline_nesting(inlines: &[Inline]) -> usize {
    inlines
        .iter()
        .map(|inline| match inline {
            Inline::Emphasis(c) | Inline::Strong(c) | Inline::Strike(c) => 1 + inline_nesting(c),
            Inline::Link { children, .. } => 1 + inline_nesting(children),
            Inline::Text(_) | Inline::Code(_) | Inline::LineBreak => 0,
        })
        .max()
        .unwrap_or(0)
}

fn sanitize_inlines(inlines: Vec<Inline>) -> Vec<Inline> {
    inlines
        .into_iter()
        .map(|inline| match inline {
            Inline::Emphasis(c) => Inline::Emphasis(sanitize_inlines(c)),
            Inline::Strong(c) => Inline::Strong(sanitize_inlines(c)),
            Inline::Strike(c) => Inline::Strike(sanitize_inlines(c)),
            Inline::Link { href, children } => Inline::Link {
                href: href.and_then(|h| safe_href(&h.url)),
                children: sanitize_inlines(children),
            },
            Inline::Text(text) => Inline::Text(contained(text)),
            Inline::Code(text) => Inline::Code(contained(text)),
            Inline::LineBreak => Inline::LineBreak,
        })
        .collect()
}

/// Parses an essay body into blocks.
#[cfg(feature = "markdown")]
pub fn parse_body(markdown: &str) -> Vec<Block> {
    parse_body_with_markers(markdown).blocks
}

/// An editor's alignment marker: an HTML comment `<!-- faces: … -->` on its
/// own between blocks, which says what the next block faces in the other
/// version. Other comments stay text, as all raw HTML does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Marker {
    /// Byte offset of the comment in the Markdown.
    pub offset: usize,
    /// The top-level block (0-based) it stands before; equal to the number
    /// of blocks when nothing follows it.
    pub block: usize,
    /// What follows `faces:`, trimmed.
    pub value: String,
}

/// An essay body as the tool parsed it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedBody {
    pub blocks: Vec<Block>,
    pub markers: Vec<Marker>,
    /// Byte offset of the first quote, list, emphasis or link that stands
    /// deeper than [`crate::limits::MAX_NESTING`]: the body is refused, and
    /// what is inside it was not kept (so no tree is ever deeper).
    pub too_deep: Option<usize>,
}

/// Parses an essay body into blocks, and takes out its alignment markers.
#[cfg(feature = "markdown")]
pub fn parse_body_with_markers(markdown: &str) -> ParsedBody {
    let mut builder = Builder::default();
    let mut markers = Vec::new();
    let mut too_deep = None;
    for (event, range) in Parser::new_ext(markdown, markdown_options()).into_offset_iter() {
        if builder.opens_past_limit(&event) {
            too_deep.get_or_insert(range.start);
        }
        if let Event::Html(html) = &event {
            if builder.stack.is_empty() {
                if let Some(value) = marker_value(html) {
                    markers.push(Marker {
                        offset: range.start,
                        block: builder.blocks.len(),
                        value,
                    });
                    continue;
                }
            }
        }
        builder.event(event);
    }
    ParsedBody {
        blocks: builder.finish(),
        markers,
        too_deep,
    }
}

#[cfg(feature = "markdown")]
fn marker_value(html: &str) -> Option<String> {
    let inner = html
        .trim()
        .strip_prefix("<!--")?
        .strip_suffix("-->")?
        .trim();
    let value = inner
        .strip_prefix("faces")?
        .trim_start()
        .strip_prefix(':')?;
    Some(value.trim().to_string())
}

/// A block or inline container under construction.
#[cfg(feature = "markdown")]
enum Open {
    Paragraph(Vec<Inline>),
    Heading(u8, Vec<Inline>),
    Quote(Vec<Block>),
    List(bool, Vec<Vec<Block>>),
    Item(Vec<Block>, Vec<Inline>),
    Code(String),
    Emphasis(Vec<Inline>),
    Strong(Vec<Inline>),
    Strike(Vec<Inline>),
    Link(Option<SafeHref>, Vec<Inline>),
    /// An image: only its alt text is shown.
    Image(Vec<Inline>),
}

#[cfg(feature = "markdown")]
impl Open {
    /// Whether it counts towards [`crate::limits::MAX_NESTING`] (as
    /// [`Block::nesting`] counts: a list and its item are one level).
    fn nests(&self) -> bool {
        matches!(
            self,
            Open::Quote(_)
                | Open::List(..)
                | Open::Emphasis(_)
                | Open::Strong(_)
                | Open::Strike(_)
                | Open::Link(..)
        )
    }
}

#[cfg(feature = "markdown")]
#[derive(Default)]
struct Builder {
    stack: Vec<Open>,
    blocks: Vec<Block>,
    /// Levels of [`Open::nests`] on the stack.
    depth: usize,
    /// Containers opened past the limit and not kept, still open.
    past_limit: usize,
}

#[cfg(feature = "markdown")]
impl Builder {
    /// Whether this event opens a level past [`crate::limits::MAX_NESTING`].
    fn opens_past_limit(&self, event: &Event<'_>) -> bool {
        matches!(
            event,
            Event::Start(
                Tag::BlockQuote(_)
                    | Tag::List(_)
                    | Tag::Emphasis
                    | Tag::Strong
                    | Tag::Strikethrough
                    | Tag::Link { .. }
            )
        ) && (self.past_limit > 0 || self.depth >= crate::limits::MAX_NESTING)
    }

    fn event(&mut self, event: Event<'_>) {
        // Past the limit, containers are not kept (their text is, flattened
        // into the last container kept): the body is refused anyway, and a
        // tree 10,000 levels deep would exhaust the stack when dropped.
        if self.opens_past_limit(&event) {
            self.past_limit += 1;
            return;
        }
        if self.past_limit > 0 {
            if let Event::End(
                TagEnd::BlockQuote(_)
                | TagEnd::List(_)
                | TagEnd::Emphasis
                | TagEnd::Strong
                | TagEnd::Strikethrough
                | TagEnd::Link,
            ) = event
            {
                self.past_limit -= 1;
                return;
            }
        }
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(text) => self.text(&text),
            Event::Code(code) => self.inline(Inline::Code(code.to_string())),
            // Raw HTML is shown as the text it is, never interpreted.
            Event::Html(html) | Event::InlineHtml(html) => self.text(&html),
            Event::SoftBreak => self.text(" "),
            Event::HardBreak => self.inline(Inline::LineBreak),
            Event::Rule => self.block(Block::Rule),
            _ => {}
        }
    }

    fn start(&mut self, tag: Tag<'_>) {
        let open = match tag {
            Tag::Paragraph => Open::Paragraph(Vec::new()),
            Tag::Heading { level, .. } => Open::Heading(heading_level(level), Vec::new()),
            Tag::BlockQuote(_) => Open::Quote(Vec::new()),
            Tag::List(first) => Open::List(first.is_some(), Vec::new()),
            Tag::Item => Open::Item(Vec::new(), Vec::new()),
            Tag::CodeBlock(_) => Open::Code(String::new()),
            Tag::Emphasis => Open::Emphasis(Vec::new()),
            Tag::Strong => Open::Strong(Vec::new()),
            Tag::Strikethrough => Open::Strike(Vec::new()),
            Tag::Link { dest_url, .. } => Open::Link(safe_href(&dest_url), Vec::new()),
            Tag::Image { .. } => Open::Image(Vec::new()),
            // HTML blocks arrive as Html events inside; other tags are not enabled.
            _ => return,
        };
        self.depth += usize::from(open.nests());
        self.stack.push(open);
    }

    fn end(&mut self, tag: TagEnd) {
        let expected = matches!(
            tag,
            TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::BlockQuote(_)
                | TagEnd::List(_)
                | TagEnd::Item
                | TagEnd::CodeBlock
                | TagEnd::Emphasis
                | TagEnd::Strong
                | TagEnd::Strikethrough
                | TagEnd::Link
                | TagEnd::Image
        );
        if !expected {
            return;
        }
        let Some(open) = self.stack.pop() else { return };
        self.depth -= usize::from(open.nests());
        match open {
            Open::Paragraph(inlines) => self.block(Block::Paragraph(inlines)),
            Open::Heading(level, inlines) => self.block(Block::Heading(level, inlines)),
            Open::Quote(blocks) => self.block(Block::Quote(blocks)),
            Open::List(ordered, items) => self.block(Block::List { ordered, items }),
            Open::Item(mut blocks, inlines) => {
                // A tight list item holds its text directly, without a paragraph.
                if !inlines.is_empty() {
                    blocks.push(Block::Paragraph(inlines));
                }
                if let Some(Open::List(_, items)) = self.stack.last_mut() {
                    items.push(blocks);
                }
            }
            Open::Code(text) => self.block(Block::Code(text)),
            Open::Emphasis(children) => self.inline(Inline::Emphasis(children)),
            Open::Strong(children) => self.inline(Inline::Strong(children)),
            Open::Strike(children) => self.inline(Inline::Strike(children)),
            Open::Link(href, children) => self.inline(Inline::Link { href, children }),
            Open::Image(alt) => {
                for inline in alt {
                    self.inline(inline);
                }
            }
        }
    }

    fn text(&mut self, text: &str) {
        if let Some(Open::Code(code)) = self.stack.last_mut() {
            code.push_str(text);
            return;
        }
        // Adjacent text (e.g. text then raw HTML) reads as one run.
        if let Some(Inline::Text(last)) = self.inlines_mut().and_then(|inlines| inlines.last_mut())
        {
            last.push_str(text);
            return;
        }
        self.inline(Inline::Text(text.to_string()));
    }

    fn inlines_mut(&mut self) -> Option<&mut Vec<Inline>> {
        match self.stack.last_mut()? {
            Open::Paragraph(i) | Open::Heading(_, i) | Open::Item(_, i) => Some(i),
            Open::Emphasis(i)
            | Open::Strong(i)
            | Open::Strike(i)
            | Open::Link(_, i)
            | Open::Image(i) => Some(i),
            Open::Quote(_) | Open::List(..) | Open::Code(_) => None,
        }
    }

    fn inline(&mut self, inline: Inline) {
        if let Some(inlines) = self.inlines_mut() {
            inlines.push(inline);
            return;
        }
        // Inline content directly in a quote or at the top (an HTML block):
        // it becomes a paragraph of its own.
        self.block(Block::Paragraph(vec![inline]));
    }

    fn block(&mut self, block: Block) {
        match self.stack.last_mut() {
            Some(Open::Quote(blocks)) => blocks.push(block),
            Some(Open::Item(blocks, inlines)) => {
                // A tight item's text comes before the list nested in it.
                if !inlines.is_empty() {
                    blocks.push(Block::Paragraph(std::mem::take(inlines)));
                }
                blocks.push(block);
            }
            _ => self.blocks.push(block),
        }
    }

    fn finish(mut self) -> Vec<Block> {
        // Unbalanced input cannot happen with pulldown-cmark, but never lose text.
        while !self.stack.is_empty() {
            self.end(TagEnd::Paragraph);
        }
        self.blocks
    }
}

#[cfg(feature = "markdown")]
fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 | HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// The text of some inlines, markup removed.
pub fn inline_text(inlines: &[Inline]) -> String {
    let mut out = String::new();
    for inline in inlines {
        match inline {
            Inline::Text(t) | Inline::Code(t) => out.push_str(t),
            Inline::Emphasis(c)
            | Inline::Strong(c)
            | Inline::Strike(c)
            | Inline::Link { children: c, .. } => out.push_str(&inline_text(c)),
            Inline::LineBreak => out.push(' '),
        }
    }
    out
}

/// A paragraph's inlines cut into its sentences ([`crate::text::sentences`]
/// of its text): each part keeps its markup (an emphasis or a link that
/// spans two sentences is cut in two), and the parts together read as the
/// whole. Sentence-level reading draws each part as one sentence.
pub fn sentence_parts(inlines: &[Inline]) -> Vec<Vec<Inline>> {
    let text = inline_text(inlines);
    let cuts: Vec<usize> = crate::text::sentences(&text)
        .iter()
        .skip(1)
        .map(|s| s.as_ptr() as usize - text.as_ptr() as usize)
        .collect();
    let mut parts = vec![Vec::new(); cuts.len() + 1];
    let mut pos = 0;
    for (part, inline) in pieces(inlines, &cuts, &mut pos) {
        parts[part].push(inline);
    }
    parts
}

/// The inlines as pieces, each with the part (sentence) it falls in; `pos`
/// is the byte offset in [`inline_text`] of the text so far.
fn pieces(inlines: &[Inline], cuts: &[usize], pos: &mut usize) -> Vec<(usize, Inline)> {
    let part_at = |p: usize| cuts.partition_point(|&c| c <= p);
    let mut out = Vec::new();
    for inline in inlines {
        match inline {
            Inline::Text(t) => {
                let start = *pos;
                let mut from = 0;
                for &cut in cuts.iter().filter(|&&c| c > start && c < start + t.len()) {
                    let at = cut - start;
                    if t.is_char_boundary(at) && at > from {
                        out.push((part_at(start + from), Inline::Text(t[from..at].to_string())));
                        from = at;
                    }
                }
                if from < t.len() {
                    out.push((part_at(start + from), Inline::Text(t[from..].to_string())));
                }
                *pos += t.len();
            }
            // A cut never falls inside code or a break: they go whole to the
            // sentence they start in.
            Inline::Code(t) => {
                out.push((part_at(*pos), inline.clone()));
                *pos += t.len();
            }
            Inline::LineBreak => {
                out.push((part_at(*pos), Inline::LineBreak));
                *pos += 1;
            }
            Inline::Emphasis(children)
            | Inline::Strong(children)
            | Inline::Strike(children)
            | Inline::Link { children, .. } => {
                let inner = pieces(children, cuts, pos);
                let mut groups: Vec<(usize, Vec<Inline>)> = Vec::new();
                for (part, piece) in inner {
                    match groups.last_mut() {
                        Some((last, group)) if *last == part => group.push(piece),
                        _ => groups.push((part, vec![piece])),
                    }
                }
                for (part, children) in groups {
                    let wrapped = match inline {
                        Inline::Emphasis(_) => Inline::Emphasis(children),
                        Inline::Strong(_) => Inline::Strong(children),
                        Inline::Strike(_) => Inline::Strike(children),
                        Inline::Link { href, .. } => Inline::Link {
                            href: href.clone(),
                            children,
                        },
                        _ => continue,
                    };
                    out.push((part, wrapped));
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentence_parts_keep_markup_and_read_as_the_whole() {
        let inlines = vec![
            Inline::Text("Un début. Puis ".into()),
            Inline::Emphasis(vec![Inline::Text("une emphase. Qui continue".into())]),
            Inline::Text(" ici ! ".into()),
            Inline::Code("x. Y".into()),
            Inline::Text(" Fin.".into()),
        ];
        let parts = sentence_parts(&inlines);
        let texts: Vec<String> = parts.iter().map(|p| inline_text(p)).collect();
        assert_eq!(
            texts,
            // The cut before "Y" falls in the code: the code stays whole.
            vec![
                "Un début. ",
                "Puis une emphase. ",
                "Qui continue ici ! x. Y",
                " Fin."
            ]
        );
        assert_eq!(texts.concat(), inline_text(&inlines));
        assert_eq!(
            parts[1][1],
            Inline::Emphasis(vec![Inline::Text("une emphase. ".into())])
        );
        assert_eq!(
            parts[2][0],
            Inline::Emphasis(vec![Inline::Text("Qui continue".into())])
        );
        assert_eq!(sentence_parts(&[]), vec![Vec::<Inline>::new()]);
    }

    fn text(s: &str) -> Inline {
        Inline::Text(s.into())
    }

    #[test]
    fn headings_quotes_emphasis_and_strike_through_become_blocks() {
        let blocks = parse_body("Intro *vraiment* **fort**.\n\n## Ouvrir les portes\n\n> “Citation”\n\n~~Quelques~~ Très peu");
        assert_eq!(
            blocks,
            vec![
                Block::Paragraph(vec![
                    text("Intro "),
                    Inline::Emphasis(vec![text("vraiment")]),
                    text(" "),
                    Inline::Strong(vec![text("fort")]),
                    text(".")
                ]),
                Block::Heading(2, vec![text("Ouvrir les portes")]),
                Block::Quote(vec![Block::Paragraph(vec![text("“Citation”")])]),
                Block::Paragraph(vec![
                    Inline::Strike(vec![text("Quelques")]),
                    text(" Très peu")
                ]),
            ]
        );
    }

    #[test]
    fn raw_html_is_kept_as_text() {
        let blocks =
            parse_body("Hello <script>alert(1)</script> there\n\n<div onclick=\"x()\">block</div>");
        assert_eq!(
            blocks[0],
            Block::Paragraph(vec![text("Hello <script>alert(1)</script> there")])
        );
        assert_eq!(
            inline_text(match &blocks[1] {
                Block::Paragraph(i) => i,
                other => panic!("{other:?}"),
            }),
            "<div onclick=\"x()\">block</div>"
        );
    }

    #[test]
    fn dangerous_link_targets_lose_the_link_and_keep_the_text() {
        for url in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            " javascript:alert(1)",
            "java\tscript:alert(1)",
            "vbscript:msgbox(1)",
            "data:text/html;base64,PHNjcmlwdD4=",
            "file:///etc/passwd",
        ] {
            assert_eq!(safe_href(url), None, "{url:?}");
        }
        let blocks = parse_body("[click](javascript:alert(1)) and [x](&#106;avascript:alert(1))");
        assert_eq!(
            blocks[0],
            Block::Paragraph(vec![
                Inline::Link {
                    href: None,
                    children: vec![text("click")]
                },
                text(" and "),
                Inline::Link {
                    href: None,
                    children: vec![text("x")]
                },
            ])
        );
    }

    #[test]
    fn web_mail_and_relative_links_are_kept() {
        assert_eq!(
            safe_href("https://example.org/a?b#c"),
            Some(SafeHref {
                url: "https://example.org/a?b#c".into(),
                external: true
            })
        );
        assert_eq!(safe_href("mailto:a@b.c").map(|h| h.external), Some(true));
        assert_eq!(
            safe_href("//cdn.example.org/x").map(|h| h.external),
            Some(true)
        );
        assert_eq!(
            safe_href("#p3"),
            Some(SafeHref {
                url: "#p3".into(),
                external: false
            })
        );
        assert_eq!(
            safe_href("../en/other/"),
            Some(SafeHref {
                url: "../en/other/".into(),
                external: false
            })
        );
        assert_eq!(
            safe_href("a/b:c").map(|h| h.external),
            Some(false),
            "a colon after a slash is no scheme"
        );
    }

    #[test]
    fn images_show_their_alt_text_only() {
        let blocks = parse_body("Before ![a *lead* image](https://example.org/x.png) after");
        assert_eq!(
            inline_text(match &blocks[0] {
                Block::Paragraph(i) => i,
                other => panic!("{other:?}"),
            }),
            "Before a lead image after"
        );
    }

    #[test]
    fn lists_and_code_are_kept() {
        let blocks = parse_body("- one\n- two\n\n```\nlet x;\n```");
        assert_eq!(
            blocks,
            vec![
                Block::List {
                    ordered: false,
                    items: vec![
                        vec![Block::Paragraph(vec![text("one")])],
                        vec![Block::Paragraph(vec![text("two")])]
                    ]
                },
                Block::Code("let x;\n".into()),
            ]
        );
    }

    #[test]
    fn a_tight_items_text_comes_before_the_list_nested_in_it() {
        let text = |t: &str| Block::Paragraph(vec![Inline::Text(t.into())]);
        assert_eq!(
            parse_body("- one\n  - inner\n- two"),
            vec![Block::List {
                ordered: false,
                items: vec![
                    vec![
                        text("one"),
                        Block::List {
                            ordered: false,
                            items: vec![vec![text("inner")]]
                        }
                    ],
                    vec![text("two")],
                ]
            }]
        );
    }
}
