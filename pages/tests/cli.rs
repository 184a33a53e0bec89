//! The `pages` command as Trunk's post-build hook runs it: over a built
//! corpus beside the entry page, it writes every address's entry page with
//! the page drawn in it by the app's components.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn scratch_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("essais-pages-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

fn pages(args: &[&Path]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_pages"))
        .args(args)
        .output()
        .expect("pages runs")
}

/// The entry page as Trunk writes it: the stylesheet and boot.js linked,
/// its loader inline, the loading message.
const ENTRY_PAGE: &str = "<!DOCTYPE html>\n<html lang=\"en\">\n<head><title>essais</title><base href=\"/\" /><link rel=\"stylesheet\" href=\"/main-01.css\" integrity=\"sha384-x\"/><script src=\"boot.js\"></script><script type=\"module\">init()</script></head>\n<body>\n<div id=\"boot\" class=\"boot\" role=\"status\"><p>Loading</p></div>\n</body>\n</html>\n";

const ESSAY_CODE: &str = "essais-split_essay_page-0123456789abcdef.wasm";

/// A built corpus in `dist/` (as Trunk copies it there) beside an entry page.
fn built_dist(name: &str) -> (PathBuf, PathBuf) {
    let dist = scratch_dir(name).join("dist");
    std::fs::create_dir_all(&dist).expect("mkdir");
    let corpus_json = dist.join("corpus.json");
    let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("../content");
    let built = essais_core::content::load(&content).expect("the seed builds");
    essais_core::content::write_atomically(&built, &corpus_json).expect("written");
    std::fs::write(dist.join("index.html"), ENTRY_PAGE).expect("write");
    std::fs::write(dist.join("main-01.css"), "body { margin: 0 }\n").expect("write");
    std::fs::write(dist.join("boot.js"), "boot();\n").expect("write");
    // The essay page's module, as the `app` step names it.
    std::fs::write(dist.join(ESSAY_CODE), b"\0asm").expect("write");
    (dist, corpus_json)
}

#[test]
fn pages_puts_the_entry_page_at_every_address_with_its_page_pre_rendered() {
    let (dist, corpus_json) = built_dist("pages");
    let result = pages(&[&corpus_json, &dist]);
    assert!(
        result.status.success(),
        "{}",
        String::from_utf8_lossy(&result.stderr)
    );
    let page = |path: &str| std::fs::read_to_string(dist.join(path)).expect(path);
    let library = page("fr/index.html");
    assert!(library.contains("<html lang=\"fr\">"));
    assert!(library.contains("<div id=\"boot\" data-prerendered=\"library\">"));
    assert_eq!(library.matches(" class=\"essay-entry\"").count(), 3);
    assert!(library
        .contains("<p class=\"status boot-query\" role=\"status\">Chargement des essais…</p>"));
    assert!(page("en/index.html").contains(r#"<h1 tabindex="-1">All essays</h1>"#));
    let essay = page("en/breaking-the-reality-barrier/index.html");
    assert!(essay.contains("<div id=\"boot\" data-prerendered=\"essay\">"));
    // The essay page's code fetched beside the app's, not after it.
    assert!(essay.contains(&format!(
        "<link rel=\"preload\" href=\"{ESSAY_CODE}\" as=\"fetch\" crossorigin=\"anonymous\">"
    )));
    assert!(!library.contains(ESSAY_CODE));
    assert!(essay
        .contains("<title>Breaking the reality barrier (social business style) — essais</title>"));
    assert!(essay.contains("<p id=\"p1\" data-block=\"1\">"));
    // A translated essay is there alone and side by side; boot.js picks.
    assert!(essay.contains("<div class=\"boot-variant\" data-variant=\"single\">"));
    assert!(essay.contains("<div class=\"boot-variant\" data-variant=\"side-by-side\">"));
    assert!(essay.contains("<p id=\"o1\">"));
    assert!(page("fr/the-stopcock-and-the-new-economy/index.html")
        .contains("<p role=\"note\" class=\"notice untranslated\">"));
    // Addresses the app redirects get a page that only leads on (no
    // stylesheet), kept with the view and the place by redirect.js.
    let redirect = page("en/franchir-le-mur-de-la-realite/index.html");
    assert!(
        redirect.contains("<link rel=\"canonical\" href=\"/en/breaking-the-reality-barrier/\">")
    );
    assert!(redirect.contains("<script src=\"/redirect.js\"></script>"));
    assert!(
        !redirect.contains("<style>") && redirect.len() < 1024,
        "{redirect}"
    );
    assert!(page("redirect.js").contains("location.search + location.hash"));
    // The stylesheet and boot.js are in every page, pinned by the policy.
    let root = page("index.html");
    assert!(root.contains("<style>body{margin:0}</style><script>boot();</script>"));
    assert!(root.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self'; script-src 'self' 'wasm-unsafe-eval' 'sha256-"));
    assert!(library.contains("<style>body{margin:0}</style>"));
    assert!(!dist.join("boot.js").exists() && !dist.join("main-01.css").exists());
    assert!(page("csp.txt").ends_with("; frame-ancestors 'none'\n"));
    // Run again over the finished dist/: the pages again, nothing inlined twice.
    let again = pages(&[&corpus_json, &dist]);
    assert!(
        again.status.success(),
        "{}",
        String::from_utf8_lossy(&again.stderr)
    );
    assert_eq!(page("index.html"), root);
    assert_eq!(page("fr/index.html"), library);
    let not_found = page("404.html");
    assert!(not_found.contains("<div id=\"boot\" data-prerendered=\"not-found\">"));
    assert!(not_found.contains("<div class=\"boot-variant\" data-variant=\"fr\">"));
    assert!(not_found.contains("<div class=\"boot-variant\" data-variant=\"en\">"));
}

#[test]
fn pages_fails_naming_the_essay_whose_body_is_missing() {
    let (dist, corpus_json) = built_dist("pages-missing");
    let corpus_text = std::fs::read_to_string(&corpus_json).expect("read");
    let index: serde_json::Value = serde_json::from_str(&corpus_text).expect("json");
    let body_url = index["essays"]
        .as_array()
        .and_then(|essays| {
            essays
                .iter()
                .find(|e| e["slug"] == "the-stopcock-and-the-new-economy")
        })
        .and_then(|e| e["body_url"].as_str())
        .expect("body_url")
        .to_string();
    std::fs::remove_file(dist.join(&body_url)).expect("remove");
    let result = pages(&[&corpus_json, &dist]);
    assert_eq!(result.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert!(
        stderr.contains("essay \"the-stopcock-and-the-new-economy\": cannot read its body"),
        "{stderr}"
    );
}

#[test]
fn pages_refuses_an_entry_page_without_its_loading_message() {
    let (dist, corpus_json) = built_dist("pages-template");
    let without = ENTRY_PAGE.replace("<div id=\"boot\"", "<div id=\"other\"");
    std::fs::write(dist.join("index.html"), without).expect("write");
    let result = pages(&[&corpus_json, &dist]);
    assert_eq!(result.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&result.stderr).contains("the entry page has no"));
}

#[test]
fn pages_writes_only_the_addresses_given_and_refuses_any_other() {
    let (dist, corpus_json) = built_dist("pages-only");
    let only = Path::new("en/breaking-the-reality-barrier/");
    let result = pages(&[&corpus_json, &dist, only]);
    assert!(
        result.status.success(),
        "{}",
        String::from_utf8_lossy(&result.stderr)
    );
    assert!(dist.join(only).join("index.html").exists());
    assert!(!dist.join("fr/index.html").exists() && !dist.join("404.html").exists());
    for outside in ["../elsewhere/", "en/no-such-essay/"] {
        let result = pages(&[&corpus_json, &dist, Path::new(outside)]);
        assert_eq!(result.status.code(), Some(1));
        assert!(
            String::from_utf8_lossy(&result.stderr).contains("not a page address of this corpus"),
            "{outside}"
        );
    }
    assert!(!dist.join("../elsewhere").exists());
}
