//! Property tests: arbitrary input never panics the import, the build, the
//! reader's parsers or the aligner, and every refusal says where.

use essais_core::align::{align, BlockKind, Corrections, Unit};
use essais_core::content::parse_essay;
use essais_core::document::{parse_body, safe_href, Block, Inline, SafeHref};
use essais_core::import::parse_export;
use essais_core::limits::MAX_NESTING;
use essais_core::routes::{parse_query, percent_decode, Route};
use essais_core::search_shards::{Shard, ShardList};
use essais_core::text::{escape_markdown_text, plain_text};
use essais_core::{Corpus, CorpusReading, EssayBody, Label, Taxonomy, TaxonomyEntry};
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

/// A body of one block whose containers stand `kinds` deep (quotes and
/// lists outside, emphasis and links inside a paragraph), around `text`.
fn nested_block(kinds: &[u8], text: String) -> Block {
    let (mut blocks, mut inlines): (Vec<u8>, Vec<u8>) = kinds.iter().partition(|&&k| k < 3);
    blocks.sort_unstable();
    inlines.sort_unstable();
    let mut inline = Inline::Text(text);
    for &k in inlines.iter().rev() {
        inline = match k {
            3 => Inline::Emphasis(vec![inline]),
            4 => Inline::Strong(vec![inline, Inline::Text(" and".into())]),
            5 => Inline::Strike(vec![inline]),
            _ => Inline::Link {
                href: Some(SafeHref {
                    url: "https://example.org/".into(),
                    external: true,
                }),
                children: vec![inline],
            },
        };
    }
    let mut block = Block::Paragraph(vec![inline]);
    for &k in blocks.iter().rev() {
        block = match k {
            0 => Block::Quote(vec![block]),
            ordered => Block::List {
                ordered: ordered == 1,
                items: vec![vec![Block::Rule], vec![block]],
            },
        };
    }
    block
}

/// JSON nested `depth` deep by any of the readers' shapes, or none.
fn deep_json() -> impl Strategy<Value = String> {
    let open = prop_oneof![
        Just(("{\"q\":[", "]}")),
        Just(("{\"list\":{\"ordered\":true,\"items\":[[", "]]}}")),
        Just(("{\"p\":[{\"em\":[", "]}]}")),
        Just(("[", "]")),
        Just(("{\"a\":", "}")),
        Just(("{\"blocks\":[", "]}")),
        Just(("{\"essays\":[", "]}")),
    ];
    (
        prop::collection::vec(open, 0..400),
        "[a-z\"{}\\[\\]:,0-9]{0,20}",
    )
        .prop_map(|(levels, core)| {
            let mut json: String = levels.iter().map(|l| l.0).collect();
            json.push_str(&core);
            json.extend(levels.iter().rev().map(|l| l.1));
            json
        })
}

/// `text` read as the app reads `corpus.json`, two essays at a time.
fn read_in_slices(text: &str) -> Result<Corpus, essais_core::CorpusLoadError> {
    let mut reading = CorpusReading::start(text)?;
    while !reading.read(2) {}
    Ok(reading.finish())
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
        let _ = read_in_slices(&text);
        let _ = Route::parse(&text);
        let _ = parse_query(&text);
        let _ = percent_decode(&text);
    }

    #[test]
    fn the_app_reads_every_body_the_tool_can_write(
        kinds in prop::collection::vec(0u8..7, 0..40),
        text in ".{0,40}",
        copies in 1usize..50,
    ) {
        let block = nested_block(&kinds, text);
        let depth = block.nesting();
        prop_assert_eq!(depth, kinds.len());
        let json = serde_json::to_string(&EssayBody { blocks: vec![block; copies], alignment: None }).unwrap();
        match EssayBody::from_json(&json) {
            Ok(body) => {
                prop_assert!(depth <= MAX_NESTING);
                prop_assert_eq!(body.blocks.len(), copies);
            }
            Err(err) => prop_assert!(depth > MAX_NESTING, "a body at depth {} refused: {}", depth, err),
        }
    }

    #[test]
    fn the_app_readers_refuse_any_nesting_and_size_without_panicking(json in deep_json(), size in 0usize..200_000) {
        let _ = EssayBody::from_json(&json);
        let _ = Corpus::from_json(&json);
        let _ = ShardList::from_json(&json);
        let _ = Shard::from_json(&json);
        // The same inside a valid document, with a long string beside it.
        let long = "x".repeat(size);
        let body = format!("{{\"blocks\":[{{\"p\":[{{\"t\":\"{long}\"}}]}},{json}]}}");
        if let Ok(body) = EssayBody::from_json(&body) {
            prop_assert!(body.blocks.iter().all(|b| b.nesting() <= MAX_NESTING));
        }
        let index = format!("{{\"schema_version\":{},\"taxonomy\":{{\"categories\":[],\"tags\":[]}},\"essays\":[{json},{{\"title\":\"{long}\"}}]}}", essais_core::SCHEMA_VERSION);
        if let Ok(corpus) = Corpus::from_json(&index) {
            prop_assert!(corpus.essays.is_empty(), "nothing here is an essay");
        }
        // As the app reads it, a slice at a time: the same answer.
        prop_assert_eq!(read_in_slices(&index), Corpus::from_json(&index));
        let shard = format!("{{\"version\":1,\"terms\":[[\"{long}\",[1,1,0]],{json}],\"close\":[]}}");
        let _ = Shard::from_json(&shard);
        let list = format!("{{\"version\":1,\"shards\":[{{\"from\":\"\",\"url\":\"corpus/{long}.json\"}},{json}],\"close\":[]}}");
        let _ = ShardList::from_json(&list);
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
