//! The benchmark's floor (`corpus static`): the same essays as plain
//! pre-rendered HTML, one page per essay and a library page per language, at
//! the app's own addresses (`en/`, `en/<slug>/`) so that both are loaded the
//! same way. No script, no stylesheet: nothing can paint sooner.

use crate::content::BuiltCorpus;
use crate::html::{escape, write_body};
use crate::lang::Lang;
use crate::routes::essay_path;
use std::fmt::Write as _;
use std::path::Path;

fn page(lang: Lang, title: &str, main: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n</head>\n<body>\n<main>\n{main}</main>\n</body>\n</html>\n",
        lang.code(),
        escape(title)
    )
}

/// The library of one language: every essay (the reader's version, else the
/// original), title and excerpt, in the blog's order.
pub fn library_page(built: &BuiltCorpus, lang: Lang) -> String {
    let heading = match lang {
        Lang::Fr => "Essais",
        Lang::En => "Essays",
    };
    let mut main = format!("<h1>{heading}</h1>\n<ol>\n");
    for group in built.corpus.translation_groups() {
        let essay = group.for_reader(lang).essay;
        let _ = writeln!(
            main,
            "<li lang=\"{}\"><h2><a href=\"/{}\">{}</a></h2><p>{}</p></li>",
            essay.lang.code(),
            essay_path(essay.lang, &essay.slug),
            escape(&essay.title),
            escape(&essay.excerpt)
        );
    }
    main.push_str("</ol>\n");
    page(lang, heading, &main)
}

/// One essay, its title and its body.
pub fn essay_page(built: &BuiltCorpus, slug: &str) -> Option<String> {
    let essay = built.corpus.essay(slug)?;
    let mut main = format!("<article>\n<h1>{}</h1>\n", escape(&essay.title));
    write_body(&mut main, built.bodies.get(slug)?, false);
    main.push_str("</article>\n");
    Some(page(essay.lang, &essay.title, &main))
}

/// Writes the whole static site under `out`; returns the number of pages.
pub fn write_site(built: &BuiltCorpus, out: &Path) -> std::io::Result<usize> {
    let mut pages = 0;
    for lang in [Lang::Fr, Lang::En] {
        let dir = out.join(lang.code());
        std::fs::create_dir_all(&dir)?;
        std::fs::write(dir.join("index.html"), library_page(built, lang))?;
        pages += 1;
    }
    for essay in &built.corpus.essays {
        if let Some(html) = essay_page(built, &essay.slug) {
            let dir = out.join(essay_path(essay.lang, &essay.slug));
            std::fs::create_dir_all(&dir)?;
            std::fs::write(dir.join("index.html"), html)?;
            pages += 1;
        }
    }
    Ok(pages)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_seed_gives_a_library_per_language_and_a_page_per_essay() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../content");
        let built = crate::content::load(&dir).expect("content builds");
        let fr = library_page(&built, Lang::Fr);
        assert_eq!(fr.matches("<li ").count(), 3);
        assert!(fr.contains("href=\"/fr/franchir-le-mur-de-la-realite/\""));
        assert!(fr.contains("href=\"/en/the-stopcock-and-the-new-economy/\""));
        let page = essay_page(&built, "the-stopcock-and-the-new-economy").expect("exists");
        assert!(page.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
        assert!(page.contains("<h1>The Stopcock and the New Economy</h1>"));
        assert!(page.matches("<p>").count() >= 8);
    }
}
