//! The entry page Trunk built (`index.html`) made into the entry page of one
//! address: its loading message (`<div id="boot">`) replaced by the page the
//! app draws there, rendered by the app's components ([`crate::render`]),
//! with the page's `<html lang>` and `<title>`. The app then mounts beside it
//! and, once it has drawn the same page, removes it (`src/prerender.rs`).
//!
//! A page may come in variants that only the browser can choose between:
//! an essay read alone or side by side (the view is in the query, which a
//! static host ignores), the not-found page in the reader's language.
//! `boot.js` marks `<html>` with what the address and the reader ask for,
//! and the stylesheet shows the one variant that fits (`data-variant`).

use essais_core::corpus::ESSAY_INDEX_ID;
use essais_core::library::FIRST_SCREENS_DIR;
use essais_core::{Corpus, Lang};

/// Where the entry page's loading message starts; it ends at the next `</div>`.
const BOOT_START: &str = "<div id=\"boot\"";
const TITLE: (&str, &str) = ("<title>", "</title>");
const HTML_LANG: (&str, &str) = ("<html lang=\"", "\"");
const BASE: (&str, &str) = ("<base href=\"", "\"");
const CSP_META: &str = "<meta http-equiv=\"Content-Security-Policy\"";

/// The script of every redirecting page ([`Template::redirect`]), written
/// once at the top of `dist/`.
pub const REDIRECT_SCRIPT: &str = "redirect.js";
/// What it does: on to the page's canonical address, with the view
/// (`?view=side-by-side`) and the place (`#p12`) the address asked for.
pub const REDIRECT_JS: &str = "// An address the app redirects: on to the essay's address in this language,\n\
// keeping the view and the place (written by the pages tool: pages/src/entry.rs).\n\
location.replace(document.querySelector('link[rel=\"canonical\"]').href + location.search + location.hash);\n";

/// What kind of page an entry page holds (`data-prerendered`), which the
/// stylesheet and `boot.js` read.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Kind {
    Library,
    Essay,
    NotFound,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::Library => "library",
            Kind::Essay => "essay",
            Kind::NotFound => "not-found",
        }
    }
}

/// One rendering of the page, and when it applies (`data-variant`).
pub struct Variant {
    pub name: &'static str,
    pub html: String,
}

/// The built `index.html`, checked once.
pub struct Template {
    html: String,
    /// The public URL's path, from Trunk's `<base href>`.
    pub base: String,
}

#[derive(Debug, PartialEq)]
pub struct TemplateError(pub &'static str);

impl std::fmt::Display for TemplateError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "the entry page has no {} to pre-render into", self.0)
    }
}

impl Template {
    pub fn new(html: String) -> Result<Template, TemplateError> {
        for (needle, part) in [
            (BOOT_START, "loading message (<div id=\"boot\">)"),
            (TITLE.0, "<title>"),
            (HTML_LANG.0, "<html lang>"),
            (BASE.0, "<base href> (written by Trunk)"),
        ] {
            if !html.contains(needle) {
                return Err(TemplateError(part));
            }
        }
        let base = between(&html, BASE.0, BASE.1).unwrap_or("/").to_string();
        Ok(Template { html, base })
    }

    /// The entry page as it is: the loading message (the bare address, an
    /// unknown one).
    pub fn plain(&self) -> &str {
        &self.html
    }

    /// The page at an address the app redirects (an essay at the other
    /// language's address, whose version in this language has its own):
    /// no stylesheet, no app, only the way on to `target` (a path under the
    /// public URL), kept with the view and the place by [`REDIRECT_SCRIPT`]
    /// (a file: the policy allows no inline script it has not pinned), by a
    /// refresh without JavaScript. Under a kilobyte, where the whole entry
    /// page (stylesheet inlined) weighed 33 KB: for 2,000 pairs, 4,000 of
    /// them (docs/performance.md).
    pub fn redirect(&self, lang: Lang, title: &str, target: &str) -> String {
        let target = escape(&format!("{}{target}", self.base));
        let title = escape(title);
        // The entry page's own policy (pinned by `assets`), as strict here.
        let policy = self
            .html
            .find(CSP_META)
            .and_then(|start| {
                let end = start + self.html[start..].find('>')? + 1;
                Some(&self.html[start..end])
            })
            .unwrap_or_default();
        format!(
            "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n{policy}\n\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
             <title>{title}</title>\n<link rel=\"canonical\" href=\"{target}\">\n\
             <script src=\"{base}{REDIRECT_SCRIPT}\"></script>\n\
             <noscript><meta http-equiv=\"refresh\" content=\"0; url={target}\"></noscript>\n\
             </head>\n<body>\n<p><a href=\"{target}\">{title}</a></p>\n</body>\n</html>\n",
            lang = lang.code(),
            base = self.base,
        )
    }

    /// The entry page holding `variants` of a page of `kind`, in `lang`,
    /// titled `title`. `loading` is what a library whose address has a
    /// query shows until the app has drawn it (its pre-rendered list is the
    /// unfiltered one). `preload` are the files the app will fetch to draw
    /// the page beyond the library's first screen (an essay's body, the
    /// whole index; relative to the public URL): the browser fetches them
    /// while the app's code downloads, and the app's own fetch takes those
    /// responses (as the first screen's preload in `index.html`). `data`
    /// is a data block the app reads as it starts ([`essay_index`]).
    #[allow(clippy::too_many_arguments)]
    pub fn page(
        &self,
        kind: Kind,
        lang: Lang,
        title: &str,
        variants: &[Variant],
        loading: Option<&str>,
        preload: &[&str],
        data: Option<&str>,
    ) -> String {
        let mut boot = format!("<div id=\"boot\" data-prerendered=\"{}\">", kind.name());
        boot.push_str(data.unwrap_or_default());
        for variant in variants {
            boot.push_str(&format!(
                "<div class=\"boot-variant\" data-variant=\"{}\">{}</div>",
                variant.name, variant.html
            ));
        }
        if let Some(loading) = loading {
            boot.push_str(&format!(
                "<p class=\"status boot-query\" role=\"status\">{}</p>",
                escape(loading)
            ));
        }
        boot.push_str("</div>");

        let template = &self.html;
        let start = template.find(BOOT_START).unwrap_or(0);
        let end = template[start..]
            .find("</div>")
            .map_or(start, |i| start + i + "</div>".len());
        let page = format!("{}{}{}", &template[..start], boot, &template[end..]);
        let links: String = preload
            .iter()
            .map(|url| {
                format!(
                    "\n<link rel=\"preload\" href=\"{}\" as=\"fetch\" crossorigin=\"anonymous\">",
                    escape(url)
                )
            })
            .collect();
        let page = after_base(&page, &links);
        let page = replace_between(&page, HTML_LANG, lang.code());
        replace_between(&page, TITLE, &escape(title))
    }
}

/// The library's entry page `page` of a library larger than one screen,
/// marked so for `boot.js` (a `<meta>` just after `<base>`, before the
/// script): at an address filtered by one value, it preloads that value's
/// first screen (`library::first_screen_file`), which the app then draws the
/// library from, beside the app's code rather than after it.
pub fn with_first_screens(page: &str) -> String {
    after_base(
        page,
        &format!("\n<meta name=\"{FIRST_SCREENS_META}\" content=\"{FIRST_SCREENS_DIR}/\">"),
    )
}

/// `page` with `head` just after its `<base>`, which the URLs are relative
/// to (a page without one is left as it is).
fn after_base(page: &str, head: &str) -> String {
    let at = page
        .find(BASE.0)
        .and_then(|i| page[i..].find('>').map(|j| i + j + 1));
    match at {
        Some(at) => format!("{}{head}{}", &page[..at], &page[at..]),
        None => page.to_string(),
    }
}

/// The `<meta>` name of [`with_first_screens`], read by `boot.js`.
pub const FIRST_SCREENS_META: &str = "essais:first-screens";

/// An essay's part of the corpus ([`Corpus::essay_page`]) as a data block
/// of its entry page (`<script type="application/json">`, never run), from
/// which the app draws the essay before the whole index is in. Every `<`
/// is escaped (`\u003c`, inside JSON strings, the only place one can be),
/// so that no text of an essay can end the block.
pub fn essay_index(slug: &str, part: &Corpus) -> Result<String, String> {
    let json = serde_json::to_string(part).map_err(|e| e.to_string())?;
    Ok(format!(
        "<script type=\"application/json\" id=\"{ESSAY_INDEX_ID}\" data-essay=\"{}\">{}</script>",
        escape(slug),
        json.replace('<', "\\u003c")
    ))
}

/// The text between the first `start` and the `end` after it.
fn between<'t>(text: &'t str, start: &str, end: &str) -> Option<&'t str> {
    let from = text.find(start)? + start.len();
    let to = from + text[from..].find(end)?;
    Some(&text[from..to])
}

/// `text` with what lies between the first `start` and the `end` after it
/// replaced by `with`.
fn replace_between(text: &str, (start, end): (&str, &str), with: &str) -> String {
    let Some(from) = text.find(start).map(|i| i + start.len()) else {
        return text.to_string();
    };
    let Some(to) = text[from..].find(end).map(|i| from + i) else {
        return text.to_string();
    };
    format!("{}{}{}", &text[..from], with, &text[to..])
}

/// Escapes text for HTML content (the title, the loading line: the page
/// itself is escaped by Leptos).
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(ch),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEMPLATE: &str = "<!DOCTYPE html>\n<html lang=\"en\">\n<head><title>essais</title><base href=\"/essais/\" /></head>\n<body>\n<div id=\"boot-failed\" hidden>x</div>\n<div id=\"boot\" class=\"boot\" role=\"status\">\n<p>Chargement…</p>\n</div>\n</body>\n</html>\n";

    #[test]
    fn the_loading_message_gives_way_to_the_variants() {
        let template = Template::new(TEMPLATE.into()).expect("template");
        assert_eq!(template.base, "/essais/");
        let page = template.page(
            Kind::Essay,
            Lang::Fr,
            "<Un> & titre — essais",
            &[
                Variant {
                    name: "single",
                    html: "<main>A</main>".into(),
                },
                Variant {
                    name: "side-by-side",
                    html: "<main>B</main>".into(),
                },
            ],
            None,
            &["corpus/un-essai.1a2b.json", "corpus.json"],
            None,
        );
        assert!(page.starts_with("<!DOCTYPE html>\n<html lang=\"fr\">"));
        assert!(page.contains("<title>&lt;Un&gt; &amp; titre — essais</title>"));
        assert!(page.contains("<div id=\"boot\" data-prerendered=\"essay\"><div class=\"boot-variant\" data-variant=\"single\"><main>A</main></div><div class=\"boot-variant\" data-variant=\"side-by-side\"><main>B</main></div></div>"));
        assert!(!page.contains("Chargement"));
        assert!(page.contains("<div id=\"boot-failed\" hidden>x</div>"));
        assert!(page.contains("<base href=\"/essais/\" />\n<link rel=\"preload\" href=\"corpus/un-essai.1a2b.json\" as=\"fetch\" crossorigin=\"anonymous\">\n<link rel=\"preload\" href=\"corpus.json\" as=\"fetch\" crossorigin=\"anonymous\">"));
    }

    #[test]
    fn a_large_librarys_page_is_marked_before_boot_js_reads_it() {
        let template = Template::new(TEMPLATE.into()).expect("template");
        let page = template.page(Kind::Library, Lang::En, "essais", &[], None, &[], None);
        let marked = with_first_screens(&page);
        assert!(marked.contains(
            "<base href=\"/essais/\" />\n<meta name=\"essais:first-screens\" content=\"first-screen/\">"
        ));
        assert_eq!(
            marked.replace(
                "\n<meta name=\"essais:first-screens\" content=\"first-screen/\">",
                ""
            ),
            page
        );
        // boot.js reads the same name.
        let boot = include_str!("../../public/boot.js");
        assert!(boot.contains(&format!("meta[name=\"{FIRST_SCREENS_META}\"]")));
    }

    #[test]
    fn an_essays_part_of_the_index_is_a_data_block_no_text_can_end() {
        let mut corpus: Corpus = serde_json::from_str(
            r#"{"schema_version":2,"taxonomy":{"categories":[],"tags":[]},"search_url":"corpus/_search.0123abcd.json","essays":[
              {"slug":"un-essai","lang":"fr","translation_key":"un","title":"</script><script>alert(1)</script> <!-- x","excerpt":"a","body_url":"corpus/un-essai.0123abcd.json","categories":[],"tags":[],"comments":0,"position":1,"word_count":1}]}"#,
        )
        .expect("a corpus");
        corpus.essays[0].excerpt = "<b>".into();
        let block = essay_index("un-essai", &corpus).expect("written");
        assert!(block.starts_with(
            "<script type=\"application/json\" id=\"essay-index\" data-essay=\"un-essai\">{"
        ));
        assert!(block.ends_with("}</script>"));
        let inner = &block[block.find('>').unwrap() + 1..block.len() - "</script>".len()];
        assert!(!inner.contains('<'), "{inner}");
        // What the app reads back is the corpus written.
        let read = Corpus::from_json(inner).expect("reads");
        assert_eq!(read.essays[0].title, corpus.essays[0].title);
        assert_eq!(read.essays[0].excerpt, "<b>");
    }

    #[test]
    fn a_redirecting_page_holds_only_the_way_on() {
        let template = Template::new(TEMPLATE.replace(
            "<head>",
            "<head><meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self'\"><style>x</style>",
        ))
        .expect("template");
        let page = template.redirect(Lang::Fr, "Un <titre>", "fr/un-essai/");
        assert!(page.starts_with("<!DOCTYPE html>\n<html lang=\"fr\">"));
        assert!(page.contains(
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self'\">"
        ));
        assert!(page.contains("<link rel=\"canonical\" href=\"/essais/fr/un-essai/\">"));
        assert!(page.contains("<script src=\"/essais/redirect.js\"></script>"));
        assert!(page.contains("content=\"0; url=/essais/fr/un-essai/\""));
        assert!(page.contains("<title>Un &lt;titre&gt;</title>"));
        assert!(!page.contains("<style>"), "no stylesheet");
        assert!(page.len() < 1024);
    }

    #[test]
    fn a_template_without_its_loading_message_is_refused() {
        let template = TEMPLATE.replace("id=\"boot\"", "id=\"other\"");
        assert_eq!(
            Template::new(template).err().map(|e| e.to_string()),
            Some(
                "the entry page has no loading message (<div id=\"boot\">) to pre-render into"
                    .into()
            )
        );
    }
}
