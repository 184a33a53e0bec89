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
