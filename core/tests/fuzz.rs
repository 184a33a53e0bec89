//! Property tests: arbitrary input never panics the import, the build, the
//! reader's parsers or the aligner, and every refusal says where.

use essais_core::align::{align, BlockKind, Corrections, Unit};
use essais_core::content::parse_essay;
use essais_core::document::{parse_body, safe_href};
use essais_core::import::parse_export;
use essais_core::routes::{parse_query, percent_decode, Route};
use essais_core::text::{escape_markdown_text, plain_text};
use essais_core::{Corpus, Label, Taxonomy, TaxonomyEntry};
use proptest::prelude::*;
use std::path::Path;

fn taxonomy() -> Taxonomy {
    Taxonomy {
        categories: vec![TaxonomyEntry {
            id: "lived".into(),
            label: Label {
                fr: "Vécu".into(),
                en: "As experimented".into(),
            },
        }],
        tags: vec![],
    }
}

/// Text that looks like an export or a content file: lines of words, blank
/// lines, footers, front-matter fences, Markdown and HTML specials.
fn export_like() -> impl Strategy<Value = String> {
    let line = prop_oneof![
        "[A-Za-zéèàçœ’“”,.:;?!#*_\\[\\]()<>&~|`\\\\ -]{0,60}",
        Just(String::new()),
        Just("Posted in English | Tagged , , | 2 Comments".to_string()),
        Just("Posted in Francais, Vécu | Tagged | Leave a comment".to_string()),
        Just("Posted in Cuisine | Tagged , | x".to_string()),
        Just("+++".to_string()),
        Just("slug = \"a\"".to_string()),
        Just("title = \"T\"".to_string()),
        Just("lang = \"fr\"".to_string()),
    ];
    prop::collection::vec(line, 0..40).prop_map(|lines| lines.join("\n"))
}

fn line_count(text: &str) -> usize {
    text.lines().count().max(1) + 1
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn import_never_panics_and_names_lines_inside_the_export(export in export_like()) {
        if let Err(errors) = parse_export(&export, &taxonomy()) {
            prop_assert!(!errors.is_empty());
            for error in errors {
                prop_assert!(error.line >= 1 && error.line <= line_count(&export), "{error} in {export:?}");
            }
        }
    }

    #[test]
    fn import_never_panics_on_any_text(export in any::<String>()) {
        let _ = parse_export(&export, &taxonomy());
    }

    #[test]
    fn build_never_panics_and_names_file_and_line(source in export_like()) {
        if let Err(errors) = parse_essay(Path::new("essays/x.fr.md"), &source) {
            prop_assert!(!errors.is_empty());
            for error in errors {
                prop_assert_eq!(error.file.to_str(), Some("essays/x.fr.md"));
                prop_assert!(error.line >= 1 && error.line <= line_count(&source), "{} in {:?}", error, source);
                prop_assert!(error.to_string().starts_with("essays/x.fr.md:"));
            }
        }
    }

    #[test]
    fn build_never_panics_on_front_matter_with_any_values(slug in any::<String>(), title in any::<String>(), position in any::<i64>(), body in any::<String>()) {
        let source = format!("+++\nslug = {slug:?}\nlang = \"fr\"\ntitle = {title:?}\ntranslation_key = \"k\"\nposition = {position}\n+++\n{body}");
        let _ = parse_essay(Path::new("x.md"), &source);
    }

    #[test]
    fn aligner_never_panics_and_keeps_every_block_in_order(
        left in prop::collection::vec((0u8..4, "[A-Za-zé0-9 .«»#:/]{0,300}"), 0..60),
        right in prop::collection::vec((0u8..4, "[A-Za-zé0-9 .«»#:/]{0,300}"), 0..60),
    ) {
        let unit = |(k, text): (u8, String)| Unit::new(
            [BlockKind::Paragraph, BlockKind::Heading, BlockKind::Quote, BlockKind::Other][k as usize],
            &text,
        );
        let (l, r): (Vec<_>, Vec<_>) = (left.into_iter().map(unit).collect(), right.into_iter().map(unit).collect());
        let rows = align(&l, &r, &Corrections::default());
        let lefts: Vec<usize> = rows.iter().flat_map(|row| row.left.clone()).collect();
        let rights: Vec<usize> = rows.iter().flat_map(|row| row.right.clone()).collect();
        prop_assert_eq!(lefts, (0..l.len()).collect::<Vec<_>>());
        prop_assert_eq!(rights, (0..r.len()).collect::<Vec<_>>());
        for row in &rows {
            let kinds: Vec<BlockKind> = row.left.clone().map(|i| l[i].kind).chain(row.right.clone().map(|j| r[j].kind)).collect();
            prop_assert!(kinds.windows(2).all(|w| w[0] == w[1]), "mixed kinds in {:?}", row);
            prop_assert!(row.confidence <= 100);
        }
    }

    #[test]
    fn reader_parsers_never_panic(text in any::<String>()) {
        let _ = parse_body(&text);
        let _ = Corpus::from_json(&text);
        let _ = Route::parse(&text);
        let _ = parse_query(&text);
        let _ = percent_decode(&text);
    }

    #[test]
    fn no_dangerous_link_target_is_ever_kept(prefix in "[ \\t\\n\\x00-\\x1f]{0,3}", scheme in "(?i)(javascript|vbscript|data|file)", rest in ".{0,20}") {
        let url = format!("{prefix}{scheme}:{rest}");
        prop_assert_eq!(safe_href(&url), None);
        let markdown = format!("[x]({url}) ![y]({url})");
        let rendered = format!("{:?}", parse_body(&markdown)).to_lowercase();
        let kept = rendered.contains("url: \"javascript") || rendered.contains("url: \"vbscript") || rendered.contains("url: \"data");
        prop_assert!(!kept, "a dangerous target survived in {}", rendered);
    }

    #[test]
    fn escaped_text_reads_back_as_typed(words in prop::collection::vec("[A-Za-zé0-9’“”,.:;?!#*_\\[\\]()<>&~|`\\\\=+-]{1,12}", 1..12)) {
        let text = words.join(" ");
        prop_assert_eq!(plain_text(&escape_markdown_text(&text)), text);
    }
}
