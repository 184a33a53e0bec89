//! The `corpus` command as an editor and the build run it.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};

fn scratch_dir(name: &str) -> PathBuf {
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    let n = COUNTER.fetch_add(1, Ordering::SeqCst);
    let dir = std::env::temp_dir().join(format!("essais-cli-{}-{n}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

fn content_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../content")
}

fn corpus(args: &[&Path]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_corpus"))
        .args(args)
        .output()
        .expect("corpus runs")
}

fn copy_content(to: &Path) {
    std::fs::create_dir_all(to.join("essays")).expect("mkdir");
    std::fs::copy(
        content_dir().join("taxonomy.toml"),
        to.join("taxonomy.toml"),
    )
    .expect("copy taxonomy");
    for entry in std::fs::read_dir(content_dir().join("essays")).expect("essays") {
        let path = entry.expect("entry").path();
        std::fs::copy(
            &path,
            to.join("essays").join(path.file_name().expect("name")),
        )
        .expect("copy essay");
    }
}

#[test]
fn build_writes_the_corpus_json() {
    let dir = scratch_dir("build");
    let out = dir.join("public/corpus.json");
    let result = corpus(&[Path::new("build"), &content_dir(), &out]);
    assert!(
        result.status.success(),
        "{}",
        String::from_utf8_lossy(&result.stderr)
    );
    let json = std::fs::read_to_string(&out).expect("written");
    let corpus = essais_core::Corpus::from_json(&json).expect("readable by the app");
    assert_eq!(corpus.essays.len(), 5);
    assert!(!dir.join("public/corpus.json.tmp").exists());
}

#[test]
fn a_failed_build_names_file_and_line_and_keeps_the_previous_corpus() {
    let dir = scratch_dir("broken");
    let content = dir.join("content");
    copy_content(&content);
    let essay = content.join("essays/the-stopcock-and-the-new-economy.en.md");
    let text = std::fs::read_to_string(&essay).expect("read");
    std::fs::write(&essay, text.replace("\"lived\"", "\"cooking\"")).expect("write");
    let out = dir.join("corpus.json");
    std::fs::write(&out, "previous corpus").expect("write");

    let result = corpus(&[Path::new("build"), &content, &out]);
    assert_eq!(result.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert!(
        stderr.contains(
            "essays/the-stopcock-and-the-new-economy.en.md:7: unknown category \"cooking\""
        ),
        "{stderr}"
    );
    assert_eq!(
        std::fs::read_to_string(&out).expect("still there"),
        "previous corpus"
    );
}

#[test]
fn import_creates_new_files_and_never_overwrites_the_editors() {
    let dir = scratch_dir("import");
    std::fs::copy(
        content_dir().join("taxonomy.toml"),
        dir.join("taxonomy.toml"),
    )
    .expect("copy");
    std::fs::create_dir_all(dir.join("essays")).expect("mkdir");
    let edited = dir.join("essays/the-stopcock-and-the-new-economy.en.md");
    std::fs::write(&edited, "the editor's version").expect("write");

    let export = content_dir().join("imports/blog-export.txt");
    let result = corpus(&[Path::new("import"), &export, &dir]);
    assert!(
        result.status.success(),
        "{}",
        String::from_utf8_lossy(&result.stderr)
    );
    let stdout = String::from_utf8_lossy(&result.stdout);
    assert_eq!(stdout.matches("created ").count(), 4, "{stdout}");
    assert_eq!(stdout.matches("kept ").count(), 1, "{stdout}");
    assert_eq!(
        std::fs::read_to_string(&edited).expect("kept"),
        "the editor's version"
    );
}

#[test]
fn import_refuses_an_export_with_unknown_categories_and_writes_nothing() {
    let dir = scratch_dir("unknown");
    std::fs::copy(
        content_dir().join("taxonomy.toml"),
        dir.join("taxonomy.toml"),
    )
    .expect("copy");
    let export = dir.join("export.txt");
    std::fs::write(
        &export,
        "Title\n\nText.\n\nPosted in Cuisine, English | Tagged , | Leave a comment\n",
    )
    .expect("write");
    let result = corpus(&[Path::new("import"), &export, &dir]);
    assert_eq!(result.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert!(
        stderr.contains("export.txt:5: unknown category \"Cuisine\""),
        "{stderr}"
    );
    assert!(!dir.join("essays").exists());
}

#[test]
fn usage_errors_exit_2() {
    let result = corpus(&[Path::new("bake")]);
    assert_eq!(result.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&result.stderr).contains("usage:"));
}

const ENTRY_PAGE: &str = "<!DOCTYPE html>\n<html lang=\"en\">\n<head><title>essais</title></head>\n<body>\n<div id=\"boot\" class=\"boot\" role=\"status\"><p>Loading</p></div>\n</body>\n</html>\n";

/// A built corpus in `dist/` (as Trunk copies it there) beside an entry page.
fn built_dist(name: &str) -> (PathBuf, PathBuf) {
    let dist = scratch_dir(name).join("dist");
    std::fs::create_dir_all(&dist).expect("mkdir");
    let corpus_json = dist.join("corpus.json");
    let build = corpus(&[Path::new("build"), &content_dir(), &corpus_json]);
    assert!(build.status.success());
    std::fs::write(dist.join("index.html"), ENTRY_PAGE).expect("write");
    (dist, corpus_json)
}

#[test]
fn pages_puts_the_entry_page_at_every_address_with_its_page_pre_rendered() {
    let (dist, corpus_json) = built_dist("pages");
    let result = corpus(&[Path::new("pages"), &corpus_json, &dist]);
    assert!(
        result.status.success(),
        "{}",
        String::from_utf8_lossy(&result.stderr)
    );
    let page = |path: &str| std::fs::read_to_string(dist.join(path)).expect(path);
    let library = page("fr/index.html");
    assert!(library.contains("<html lang=\"fr\">"));
    assert!(library.contains("<div id=\"boot\" data-prerendered=\"library\">"));
    assert_eq!(library.matches("<li class=\"essay-entry\"").count(), 3);
    assert!(page("en/index.html").contains("<h1>All essays</h1>"));
    let essay = page("en/breaking-the-reality-barrier/index.html");
    assert!(essay.contains("<div id=\"boot\" data-prerendered=\"essay\">"));
    assert!(essay
        .contains("<title>Breaking the reality barrier (social business style) — essais</title>"));
    assert!(essay.contains("<p id=\"p1\" data-block=\"1\">"));
    assert!(page("fr/the-stopcock-and-the-new-economy/index.html")
        .contains("<p class=\"notice untranslated\" role=\"note\">"));
    // Addresses the app redirects, and unknown ones, get the plain entry page.
    assert_eq!(
        page("en/franchir-le-mur-de-la-realite/index.html"),
        ENTRY_PAGE
    );
    assert_eq!(page("404.html"), ENTRY_PAGE);
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
    let result = corpus(&[Path::new("pages"), &corpus_json, &dist]);
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
    std::fs::write(dist.join("index.html"), "<!DOCTYPE html>entry").expect("write");
    let result = corpus(&[Path::new("pages"), &corpus_json, &dist]);
    assert_eq!(result.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&result.stderr).contains("the entry page has no"));
}
