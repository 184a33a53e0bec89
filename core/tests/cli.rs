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

/// Puts `marker` on its own before block `block` (1-based) of an essay file
/// of `dir`; returns the marker's line.
fn put_marker(dir: &Path, file: &str, block: usize, marker: &str) -> usize {
    let path = dir.join("essays").join(file);
    let text = std::fs::read_to_string(&path).expect("essay");
    let body_start = text[3..].find("+++").expect("front matter") + 6;
    let (front, body) = text.split_at(body_start);
    let mut blocks: Vec<String> = body.trim().split("\n\n").map(str::to_string).collect();
    blocks.insert(block - 1, marker.to_string());
    let new = format!("{front}\n\n{}\n", blocks.join("\n\n"));
    let line = new[..new.find(marker).expect("marker")]
        .matches('\n')
        .count()
        + 1;
    std::fs::write(&path, new).expect("write");
    line
}

#[test]
fn align_reports_every_row_of_each_pair() {
    let result = corpus(&[Path::new("align"), &content_dir()]);
    assert!(
        result.status.success(),
        "{}",
        String::from_utf8_lossy(&result.stderr)
    );
    let out = String::from_utf8_lossy(&result.stdout);
    assert!(out.contains("franchir-le-mur-de-la-realite (fr) | breaking-the-reality-barrier (en): 6 rows, 0 to check"), "{out}");
    assert!(
        out.contains("le-business-modele-brise-du-business (fr)"),
        "{out}"
    );
    assert!(out.contains("Un tweet de Bertrand Duperrin"), "{out}");
    let only = corpus(&[
        Path::new("align"),
        &content_dir(),
        Path::new("breaking-the-reality-barrier"),
    ]);
    let only = String::from_utf8_lossy(&only.stdout);
    assert!(
        only.contains("franchir") && !only.contains("business"),
        "{only}"
    );
    let none = corpus(&[
        Path::new("align"),
        &content_dir(),
        Path::new("no-such-essay"),
    ]);
    assert_eq!(none.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&none.stderr)
        .contains("no translated pair has the slug or key \"no-such-essay\""));
}

#[test]
fn an_editors_marker_fixes_a_row_and_the_report_says_so() {
    let dir = scratch_dir("marker");
    copy_content(&dir);
    // The translation's third paragraph is said to face nothing.
    put_marker(
        &dir,
        "franchir-le-mur-de-la-realite.en.md",
        3,
        "<!-- faces: none -->",
    );
    let result = corpus(&[
        Path::new("align"),
        &dir,
        Path::new("franchir-le-mur-de-la-realite"),
    ]);
    assert!(
        result.status.success(),
        "{}",
        String::from_utf8_lossy(&result.stderr)
    );
    let out = String::from_utf8_lossy(&result.stdout);
    assert!(out.contains("7 rows"), "{out}");
    assert!(
        out.lines()
            .any(|l| l.contains("  -         3         0-1   fixed")),
        "{out}"
    );
    // The marker is not text: the build's body has the same blocks.
    let out_json = dir.join("public/corpus.json");
    let built = corpus(&[Path::new("build"), &dir, &out_json]);
    assert!(built.status.success());
    let index = std::fs::read_to_string(&out_json).unwrap();
    assert!(!index.contains("faces"));
}

#[test]
fn bad_markers_are_reported_with_file_and_line() {
    let dir = scratch_dir("bad-markers");
    copy_content(&dir);
    let build = |dir: &Path| {
        let result = corpus(&[Path::new("build"), dir, &dir.join("corpus.json")]);
        assert_eq!(result.status.code(), Some(1));
        assert!(!dir.join("corpus.json").exists(), "nothing written");
        String::from_utf8_lossy(&result.stderr).into_owned()
    };
    // Every kind of marker problem, in one run: one that does not parse,
    // one after the last block, one naming a block that is not there, one
    // on an essay without translation.
    let malformed = put_marker(
        &dir,
        "le-business-modele-brise-du-business.fr.md",
        1,
        "<!-- faces: the third -->",
    );
    let ending = put_marker(
        &dir,
        "le-business-modele-brise-du-business.en.md",
        16,
        "<!-- faces: 3 -->",
    );
    let unknown = put_marker(
        &dir,
        "franchir-le-mur-de-la-realite.fr.md",
        2,
        "<!-- faces: 99 -->",
    );
    let lonely = put_marker(
        &dir,
        "the-stopcock-and-the-new-economy.en.md",
        1,
        "<!-- faces: 2 -->",
    );
    let err = build(&dir);
    for (file, line, says) in [
        (
            "le-business-modele-brise-du-business.fr.md",
            malformed,
            "`<!-- faces: the third -->`: write the number of a block",
        ),
        (
            "le-business-modele-brise-du-business.en.md",
            ending,
            "an alignment marker must stand just before a block",
        ),
        (
            "franchir-le-mur-de-la-realite.fr.md",
            unknown,
            "block 99 does not exist: franchir-le-mur-de-la-realite.en.md has 6 blocks",
        ),
        (
            "the-stopcock-and-the-new-economy.en.md",
            lonely,
            "alignment marker, but this essay has no translation for its blocks to face",
        ),
    ] {
        assert!(
            err.contains(&format!("{file}:{line}: {says}")),
            "{file}:{line} in\n{err}"
        );
    }
}

#[test]
fn every_problem_of_every_file_is_reported_in_one_run() {
    let dir = scratch_dir("one-round");
    copy_content(&dir);
    let edit = |file: &str, from: &str, to: &str| {
        let path = dir.join(file);
        let text = std::fs::read_to_string(&path).expect("read");
        assert!(text.contains(from), "{from} in {file}");
        std::fs::write(&path, text.replacen(from, to, 1)).expect("write");
    };
    // A front matter that does not parse, in one file…
    edit(
        "essays/franchir-le-mur-de-la-realite.fr.md",
        "title = ",
        "title = = ",
    );
    // …a misspelt category and tag in another…
    edit(
        "essays/the-stopcock-and-the-new-economy.en.md",
        "\"lived\"",
        "\"lvied\"",
    );
    // …a list nested past the limit in a third…
    let deep: String = (0..=essais_core::limits::MAX_NESTING)
        .map(|d| format!("{}- level {}\n", "  ".repeat(d), d + 1))
        .collect();
    let path = dir.join("essays/le-business-modele-brise-du-business.en.md");
    let text = std::fs::read_to_string(&path).expect("read");
    std::fs::write(&path, format!("{}\n{deep}", text.trim_end())).expect("write");
    let deep_line = text.trim_end().lines().count() + 1 + essais_core::limits::MAX_NESTING;
    // …and a taxonomy entry without its English label.
    edit("taxonomy.toml", "en = ", "english = ");

    let result = corpus(&[Path::new("build"), &dir, &dir.join("corpus.json")]);
    assert_eq!(result.status.code(), Some(1));
    let err = String::from_utf8_lossy(&result.stderr);
    let problems: Vec<&str> = err
        .lines()
        .filter(|l| l.contains(".md:") || l.contains(".toml:"))
        .collect();
    assert_eq!(problems.len(), 4, "{err}");
    assert!(
        problems[0].contains("franchir-le-mur-de-la-realite.fr.md:")
            && problems[0].contains("malformed front matter"),
        "{err}"
    );
    assert!(problems[1].ends_with(&format!(
        "le-business-modele-brise-du-business.en.md:{deep_line}: quotes, lists, emphasis and links nest more than 24 levels deep here; the limit is 24"
    )), "{err}");
    assert!(problems[2].ends_with(
        "the-stopcock-and-the-new-economy.en.md:7: unknown category \"lvied\" (did you mean \"lived\"?): add it to content/taxonomy.toml or fix the id"
    ), "{err}");
    assert!(
        problems[3].contains("taxonomy.toml:") && problems[3].contains("english"),
        "{err}"
    );
    assert!(err.contains("corpus: 4 problem(s)"), "{err}");
}

#[test]
fn crossing_markers_are_refused() {
    let dir = scratch_dir("crossing");
    copy_content(&dir);
    // Block 2 faces 5, and block 4 (after the first marker) faces 2.
    put_marker(
        &dir,
        "franchir-le-mur-de-la-realite.fr.md",
        2,
        "<!-- faces: 5 -->",
    );
    let line = put_marker(
        &dir,
        "franchir-le-mur-de-la-realite.fr.md",
        5,
        "<!-- faces: 2 -->",
    );
    let result = corpus(&[Path::new("build"), &dir, &dir.join("corpus.json")]);
    assert_eq!(result.status.code(), Some(1));
    let err = String::from_utf8_lossy(&result.stderr);
    assert!(
        err.contains("franchir-le-mur-de-la-realite.fr.md:"),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "franchir-le-mur-de-la-realite.fr.md:{line}: this alignment marker contradicts another"
        )),
        "{err}"
    );
}
