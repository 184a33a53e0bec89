//! Parsed essay text as HTML, for the two pages the corpus tool writes
//! without the app: the pre-rendered entry pages ([`crate::prerender`]) and
//! the benchmark's static baseline ([`crate::static_site`]). The markup is
//! the one the app's `EssayBody` component builds, so a pre-rendered page
//! looks like the app before the app has started.

use crate::document::{Block, Inline};
use std::fmt::Write as _;

/// Escapes text for HTML content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(ch),
        }
    }
    out
}

/// The blocks of a body. With `anchors`, each top-level block gets the app's
/// `id="p<n>" data-block="<n>"` (1-based), so `#p12` in the address finds
/// its paragraph before the app runs, as after.
pub fn write_body(out: &mut String, blocks: &[Block], anchors: bool) {
    for (i, block) in blocks.iter().enumerate() {
        let anchor = anchors.then(|| format!(" id=\"p{n}\" data-block=\"{n}\"", n = i + 1));
        write_block(out, block, anchor.as_deref().unwrap_or(""));
    }
}

fn write_block(out: &mut String, block: &Block, attributes: &str) {
    match block {
        Block::Paragraph(inlines) => {
            let _ = write!(out, "<p{attributes}>");
            write_inlines(out, inlines);
            out.push_str("</p>\n");
        }
        Block::Heading(level, inlines) => {
            let _ = write!(out, "<h{level}{attributes}>");
            write_inlines(out, inlines);
            let _ = writeln!(out, "</h{level}>");
        }
        Block::Quote(blocks) => {
            let _ = writeln!(out, "<blockquote{attributes}>");
            blocks.iter().for_each(|b| write_block(out, b, ""));
            out.push_str("</blockquote>\n");
        }
        Block::List { ordered, items } => {
            let tag = if *ordered { "ol" } else { "ul" };
            let _ = writeln!(out, "<{tag}{attributes}>");
            for item in items {
                out.push_str("<li>");
                item.iter().for_each(|b| write_block(out, b, ""));
                out.push_str("</li>\n");
            }
            let _ = writeln!(out, "</{tag}>");
        }
        Block::Code(code) => {
            let _ = writeln!(out, "<pre{attributes}><code>{}</code></pre>", escape(code));
        }
        Block::Rule => {
            let _ = writeln!(out, "<hr{attributes}>");
        }
    }
}

fn write_inlines(out: &mut String, inlines: &[Inline]) {
    for inline in inlines {
        match inline {
            Inline::Text(text) => out.push_str(&escape(text)),
            Inline::Code(code) => {
                let _ = write!(out, "<code>{}</code>", escape(code));
            }
            Inline::Emphasis(c) => wrap(out, "em", c),
            Inline::Strong(c) => wrap(out, "strong", c),
            Inline::Strike(c) => wrap(out, "del", c),
            Inline::Link { href, children } => match href {
                Some(href) => {
                    let target = if href.external {
                        " target=\"_blank\" rel=\"noopener noreferrer\""
                    } else {
                        ""
                    };
                    let _ = write!(out, "<a href=\"{}\"{target}>", escape(&href.url));
                    write_inlines(out, children);
                    out.push_str("</a>");
                }
                // A link whose target was refused keeps its text, unlinked.
                None => {
                    out.push_str("<span class=\"unlinked\">");
                    write_inlines(out, children);
                    out.push_str("</span>");
                }
            },
            Inline::LineBreak => out.push_str("<br>"),
        }
    }
}

fn wrap(out: &mut String, tag: &str, children: &[Inline]) {
    let _ = write!(out, "<{tag}>");
    write_inlines(out, children);
    let _ = write!(out, "</{tag}>");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(markdown: &str, anchors: bool) -> String {
        let mut out = String::new();
        write_body(&mut out, &crate::document::parse_body(markdown), anchors);
        out
    }

    #[test]
    fn text_is_escaped_and_markup_becomes_elements() {
        assert_eq!(
            body("A *b* <script>x</script> [l](https://e.org) ~~s~~", false),
            "<p>A <em>b</em> &lt;script&gt;x&lt;/script&gt; <a href=\"https://e.org\" target=\"_blank\" rel=\"noopener noreferrer\">l</a> <del>s</del></p>\n"
        );
    }

    #[test]
    fn top_level_blocks_are_numbered_like_the_app_numbers_them() {
        let html = body("One\n\n> quoted\n>\n> twice\n\n- a\n- b", true);
        assert!(html.starts_with("<p id=\"p1\" data-block=\"1\">One</p>\n<blockquote id=\"p2\" data-block=\"2\">\n<p>quoted</p>"));
        assert!(html.contains("<ul id=\"p3\" data-block=\"3\">\n<li>"));
        assert_eq!(html.matches(" id=").count(), 3);
    }

    #[test]
    fn a_refused_link_keeps_its_text_unlinked() {
        assert_eq!(
            body("[click](javascript:alert(1))", false),
            "<p><span class=\"unlinked\">click</span></p>\n"
        );
    }
}
