//! Imports placed on articles: the real samples when present, and our own fixtures with
//! emoji (UTF-16 against code points), CRLF, a BOM and text that does not match.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use scholia::domain::document::Document;
use scholia::domain::model::{Annotation, Kind, Status};
use scholia::domain::sidecar;
use scholia::domain::store::Store;
use scholia::formats::apply::{apply, apply_owned, pick_record, ApplyOptions};
use scholia::formats::imported::{Format, ImportOptions, OffsetUnit};
use scholia::formats::parse;

fn samples() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/samples");
    if dir.exists() {
        Some(dir)
    } else {
        eprintln!("skipped: ../shared/samples is absent");
        None
    }
}

fn import(
    doc: &Document,
    store: &mut Store,
    format: Format,
    input: &str,
    options: &ImportOptions,
) -> scholia::formats::apply::ImportSummary {
    let mut docs = parse(format, input, options).unwrap();
    let record = pick_record(doc, &docs).unwrap();
    // Handing the record over places it as borrowing it does.
    let mut owned_store = Store::from_parts(
        store.annotations().into_iter().cloned().collect(),
        store.entities().into_iter().cloned().collect(),
        store.relations().into_iter().cloned().collect(),
    );
    let summary = apply(doc, store, record, &ApplyOptions::default());
    let at = docs.iter().position(|d| std::ptr::eq(d, record)).unwrap();
    let owned = apply_owned(
        doc,
        &mut owned_store,
        docs.swap_remove(at),
        &ApplyOptions::default(),
    );
    assert_eq!(owned, summary);
    assert_eq!(placed(&owned_store), placed(store));
    summary
}

/// What a store holds, without the times its annotations were made.
fn placed(store: &Store) -> String {
    let mut annotations: Vec<Annotation> = store.annotations().into_iter().cloned().collect();
    for a in &mut annotations {
        a.created = None;
    }
    format!(
        "{annotations:?}\n{:?}\n{:?}",
        store.relations(),
        store.entities()
    )
}

#[test]
fn spacy_sample_lands_exactly_on_the_reference_article() {
    let Some(dir) = samples() else { return };
    let doc = Document::load(&dir.join("kazakh-nationals-miranshah.txt"), 1 << 20).unwrap();
    let input = fs::read_to_string(dir.join("kazakh-nationals-miranshah.spacy.json")).unwrap();
    let mut store = Store::new();
    let summary = import(
        &doc,
        &mut store,
        Format::Spacy,
        &input,
        &ImportOptions::default(),
    );
    assert_eq!(summary.imported, 123, "{summary:?}");
    assert!(
        summary.reanchored.is_empty() && summary.rejected.is_empty(),
        "{summary:?}"
    );
    let all = store.annotations();
    assert!(all
        .iter()
        .all(|a| a.status == Status::Pending && a.origin.by == "spacy"));
    let persons: Vec<&str> = all
        .iter()
        .filter(|a| a.label == "PERSON")
        .map(|a| a.quote.exact.as_str())
        .collect();
    assert!(persons.contains(&"Shaukat Sultan"), "{persons:?}");
    // Twice adds nothing.
    let again = import(
        &doc,
        &mut store,
        Format::Spacy,
        &input,
        &ImportOptions::default(),
    );
    assert_eq!((again.imported, again.duplicates), (0, 123));
}

#[test]
fn brat_samples_land_on_their_texts() {
    let Some(dir) = samples() else { return };
    for sub in ["news-tutorial", "nerel-ru"] {
        for entry in fs::read_dir(dir.join("brat").join(sub)).unwrap() {
            let ann = entry.unwrap().path();
            if ann.extension().and_then(|e| e.to_str()) != Some("ann") {
                continue;
            }
            let doc = Document::load(&ann.with_extension("txt"), 1 << 20).unwrap();
            let input = fs::read_to_string(&ann).unwrap();
            let mut store = Store::new();
            let docs = parse(Format::Brat, &input, &ImportOptions::default()).unwrap();
            let summary = apply(&doc, &mut store, &docs[0], &ApplyOptions::default());
            assert!(
                summary.rejected.is_empty(),
                "{}: {:?}",
                ann.display(),
                summary.rejected
            );
            for a in store.annotations() {
                let text = a
                    .spans
                    .iter()
                    .map(|s| doc.slice(*s).unwrap())
                    .collect::<Vec<_>>();
                assert!(!text.is_empty(), "{}", a.id);
            }
        }
    }
}

#[test]
fn doccano_and_label_studio_samples_import_from_their_own_text() {
    let Some(dir) = samples() else { return };
    let input =
        fs::read_to_string(dir.join("labelstudio/named-entity-tasks-with-predictions.json"))
            .unwrap();
    let docs = parse(Format::LabelStudio, &input, &ImportOptions::default()).unwrap();
    let text = docs[0].text.clone().unwrap();
    let doc = Document::from_text(Path::new("cocoa.txt"), text);
    let mut store = Store::new();
    let summary = apply(
        &doc,
        &mut store,
        pick_record(&doc, &docs).unwrap(),
        &ApplyOptions::default(),
    );
    assert!(
        summary.imported > 0 && summary.rejected.is_empty(),
        "{summary:?}"
    );
    assert!(store
        .annotations()
        .iter()
        .all(|a| a.status == Status::Pending));
    assert!(store
        .annotations()
        .iter()
        .all(|a| a.origin.model.as_deref() == Some("model 1")));

    let input = fs::read_to_string(dir.join("doccano/export-sequence-labeling.jsonl")).unwrap();
    let doc = Document::from_text(
        Path::new("eu.txt"),
        "EU rejects German call to boycott British lamb.".to_string(),
    );
    let mut store = Store::new();
    let summary = import(
        &doc,
        &mut store,
        Format::Doccano,
        &input,
        &ImportOptions::default(),
    );
    assert_eq!(summary.imported, 2, "{summary:?}");
    assert_eq!(store.annotations()[1].quote.exact, "German");
}

const EMOJI: &str = "Ахмед 👍🏽 met 👩‍💻 Dana in Алматы.\r\nSecond line, Almaty.";

#[test]
fn utf16_and_code_point_offsets_both_land_right_on_emoji_text() {
    let doc = Document::from_text(Path::new("e.txt"), EMOJI.to_string());
    let start_cp = EMOJI
        .chars()
        .take_while(|_| true)
        .position(|c| c == 'D')
        .unwrap();
    let dana_cp = (start_cp, start_cp + 4);
    let prefix = &EMOJI[..EMOJI.find("Dana").unwrap()];
    let dana_u16 = (
        prefix.encode_utf16().count(),
        prefix.encode_utf16().count() + 4,
    );
    assert_ne!(dana_cp, dana_u16, "the fixture must tell the units apart");
    let record = |s: (usize, usize)| {
        serde_json::json!({"text": EMOJI, "label": [[s.0, s.1, "PERSON"]]}).to_string()
    };
    let mut store = Store::new();
    let summary = import(
        &doc,
        &mut store,
        Format::Doccano,
        &record(dana_u16),
        &ImportOptions::default(),
    );
    assert_eq!(summary.imported, 1, "{summary:?}");
    assert_eq!(store.annotations()[0].quote.exact, "Dana");
    let mut store = Store::new();
    let options = ImportOptions {
        unit: Some(OffsetUnit::CodePoints),
        ..ImportOptions::default()
    };
    import(
        &doc,
        &mut store,
        Format::Doccano,
        &record(dana_cp),
        &options,
    );
    assert_eq!(store.annotations()[0].quote.exact, "Dana");
}

#[test]
fn mismatched_text_is_reanchored_or_rejected_never_shifted() {
    let doc = Document::from_text(
        Path::new("a.txt"),
        "\u{feff}The minister denied it.\r\nThe embassy said nothing.".to_string(),
    );
    // brat counts the BOM as character 0: "minister" is at 5..13.
    let ann = "T1\tPERSON 5 13\tminister\nT2\tORG 30 37\tembassy\nT3\tORG 1 4\tembassy\nT4\tGPE 2 9\tKabul\nT5\tORG 900 905\tfar\n";
    let mut store = Store::new();
    let summary = import(
        &doc,
        &mut store,
        Format::Brat,
        ann,
        &ImportOptions::default(),
    );
    let texts: Vec<&str> = store
        .annotations()
        .iter()
        .map(|a| a.quote.exact.as_str())
        .collect();
    assert_eq!(texts, vec!["minister", "embassy"], "{summary:?}");
    assert_eq!(summary.imported, 2);
    assert_eq!(summary.duplicates, 1, "T3 re-anchors onto T2's embassy");
    assert_eq!(summary.reanchored.len(), 1);
    assert_eq!(summary.rejected.len(), 2, "{:?}", summary.rejected);
    assert!(summary.rejected.iter().any(|r| r.contains("Kabul")));
    assert!(summary.rejected.iter().any(|r| r.contains("past the end")));
}

#[test]
fn import_command_writes_the_sidecar_durably_and_reports() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("a.txt");
    fs::write(&article, "Sultan told AFP that four were Kazakh.").unwrap();
    let ann = dir.path().join("a.ann");
    fs::write(
        &ann,
        "T1\tPERSON 0 6\tSultan\nT2\tORG 12 15\tAFP\nT3\tNORP 31 37\tKazakh\n",
    )
    .unwrap();
    let run = |extra: &[&str]| {
        let mut args = vec!["import", article.to_str().unwrap(), ann.to_str().unwrap()];
        args.extend_from_slice(extra);
        Command::new(env!("CARGO_BIN_EXE_scholia"))
            .args(&args)
            .output()
            .unwrap()
    };
    let out = run(&["--as", "pending"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let line = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(line.contains("imported 3 annotations"), "{line}");
    let file = sidecar::read(&sidecar::path_for(&article))
        .unwrap()
        .unwrap();
    assert_eq!(file.annotations.len(), 3);
    assert!(file
        .annotations
        .iter()
        .all(|a| a.status == Status::Pending && a.kind == Kind::Entity));
    let again = run(&[]);
    assert!(String::from_utf8_lossy(&again.stdout).contains("imported 0 annotations"));
    assert!(String::from_utf8_lossy(&again.stdout).contains("3 already present"));
}

#[test]
fn import_a_corpus_with_a_file_beside_each_article() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("day2")).unwrap();
    for (name, text, ann) in [
        ("a", "Sultan spoke.", "T1\tPERSON 0 6\tSultan\n"),
        (
            "day2/b",
            "Кайрат Нурпеисов спокойно.",
            "T1\tPERSON 0 16\tКайрат Нурпеисов\n",
        ),
    ] {
        fs::write(dir.path().join(format!("{name}.txt")), text).unwrap();
        fs::write(dir.path().join(format!("{name}.ann")), ann).unwrap();
    }
    fs::write(dir.path().join("lonely.txt"), "No annotations beside me.").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_scholia"))
        .args([
            "import",
            dir.path().to_str().unwrap(),
            "--with",
            "{stem}.ann",
            "--jsonl",
        ])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lines: Vec<serde_json::Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert!(lines.iter().all(|l| l["imported"] == 1));
    let b = sidecar::read(&sidecar::path_for(&dir.path().join("day2/b.txt")))
        .unwrap()
        .unwrap();
    assert_eq!(b.annotations[0].quote.exact, "Кайрат Нурпеисов");
    assert!(!sidecar::path_for(&dir.path().join("lonely.txt")).exists());
}

#[test]
fn discontinuous_spans_written_out_of_order_are_stored_in_reading_order() {
    let text = "Это, сказал он, неправда.";
    let doc = Document::from_text(Path::new("a.txt"), text.to_string());
    // The fragments "Это" (0..3) and "неправда" (16..24), written last-first.
    let ann = "T1\tclaim 16 24;0 3\tнеправда Это\n";
    let mut store = Store::new();
    let summary = import(
        &doc,
        &mut store,
        Format::Brat,
        ann,
        &ImportOptions::default(),
    );
    let spans: Vec<_> = store
        .annotations()
        .iter()
        .flat_map(|a| a.spans.clone())
        .map(|s| doc.span_to_chars(s).unwrap())
        .map(|s| (s.start, s.end))
        .collect();
    assert_eq!(spans, vec![(0, 3), (16, 24)], "{summary:?}");
}

#[test]
fn an_empty_ann_is_a_notice_and_only_lost_items_fail_the_import() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("a.txt");
    fs::write(&article, "Sultan told AFP.\n").unwrap();
    let ann = dir.path().join("a.ann");
    let import = || {
        Command::new(env!("CARGO_BIN_EXE_scholia"))
            .args(["import", "--verbose"])
            .arg(&article)
            .arg(&ann)
            .output()
            .unwrap()
    };

    // An unannotated document: nothing to import, nothing wrong.
    fs::write(&ann, "").unwrap();
    let out = import();
    let said = String::from_utf8_lossy(&out.stdout).to_string();
    assert_eq!(out.status.code(), Some(0), "{said}");
    assert!(said.contains("0 problems in the file, 1 notice"), "{said}");
    assert!(said.contains("file notice: empty file"), "{said}");

    // A line that cannot be read loses an annotation: that fails.
    fs::write(&ann, "T1\tPERSON 0 6\tSultan\nT2\tORG twelve\n").unwrap();
    let out = import();
    let said = String::from_utf8_lossy(&out.stdout).to_string();
    assert_eq!(out.status.code(), Some(1), "{said}");
    assert!(said.contains("1 problem in the file"), "{said}");
}

#[test]
fn a_brat_span_over_a_blank_line_is_placed_with_its_relations() {
    let text = "Он сказал: first para.\n\nSecond para. Конец.";
    let doc = Document::from_text(Path::new("a.txt"), text.to_string());
    let chars = |needle: &str| text[..text.find(needle).unwrap()].chars().count();
    let (start, end) = (chars("first"), chars(" Конец"));
    // brat writes the text field raw: the span's blank line breaks the .ann line.
    let ann = format!(
        "T1\tContent {start} {end}\tfirst para.\n\nSecond para.\nT2\tSource 0 2\tОн\nR1\tattributed_to Arg1:T1 Arg2:T2\n"
    );
    let mut store = Store::new();
    let summary = import(
        &doc,
        &mut store,
        Format::Brat,
        &ann,
        &ImportOptions::default(),
    );
    assert!(summary.rejected.is_empty(), "{summary:?}");
    assert!(summary.problems.is_empty(), "{summary:?}");
    let quotes: Vec<&str> = store
        .annotations()
        .iter()
        .map(|a| a.quote.exact.as_str())
        .collect();
    assert!(
        quotes.contains(&"first para.\n\nSecond para."),
        "{quotes:?}"
    );
    assert_eq!(store.relations().len(), 1, "{summary:?}");
}

#[test]
fn offsets_are_trusted_when_the_files_text_differs_only_in_white_space() {
    let text = "Алия said: first para.\r\n\r\nSecond para.";
    let doc = Document::from_text(Path::new("a.txt"), text.to_string());
    let chars = |needle: &str| text[..text.find(needle).unwrap()].chars().count();
    let (start, end) = (chars("first"), text.chars().count());
    let ann = format!("T1\tContent {start} {end}\tfirst para. Second para.\n");
    let mut store = Store::new();
    let summary = import(
        &doc,
        &mut store,
        Format::Brat,
        &ann,
        &ImportOptions::default(),
    );
    assert_eq!(summary.imported, 1, "{summary:?}");
    assert!(
        summary.rejected.is_empty() && summary.reanchored.is_empty(),
        "{summary:?}"
    );
    assert!(
        summary
            .notices
            .iter()
            .any(|n| n.contains("only in white space")),
        "{summary:?}"
    );
}

#[test]
fn a_rejection_shows_where_the_texts_first_differ() {
    let text = "The ministry of foreign affairs said on Monday that it knew.";
    let doc = Document::from_text(Path::new("a.txt"), text.to_string());
    let ann = "T1\tClaim 0 46\tThe ministry of foreign affairs said on Sunday\n";
    let mut store = Store::new();
    let summary = import(
        &doc,
        &mut store,
        Format::Brat,
        ann,
        &ImportOptions::default(),
    );
    let why = summary.rejected.join("\n");
    assert!(why.contains("differ from character 40"), "{why}");
    assert!(
        why.contains("on Monday") && why.contains("on Sunday"),
        "{why}"
    );
}

/// A spaCy file over `text`, one PER entity on each "Алия" (offsets in code points).
fn spacy_over(text: &str) -> String {
    let ents: Vec<serde_json::Value> = text
        .match_indices("Алия")
        .map(|(byte, _)| {
            let start = text[..byte].chars().count();
            serde_json::json!({"start": start, "end": start + 4, "label": "PER"})
        })
        .collect();
    serde_json::json!({"text": text, "ents": ents}).to_string()
}

/// Each paragraph names the same person, so only the offsets tell the mentions apart.
fn repeated_paragraphs(n: usize) -> String {
    "Алия Бек said so. 😀 Then Алия left.\n".repeat(n)
}

#[test]
fn a_spacy_file_whose_text_has_a_bom_the_article_lacks_is_placed_by_the_shift() {
    let body = repeated_paragraphs(300);
    let doc = Document::from_text(Path::new("a.txt"), body.clone());
    let file = spacy_over(&format!("\u{feff}{body}"));
    let mut store = Store::new();
    let summary = import(
        &doc,
        &mut store,
        Format::Spacy,
        &file,
        &ImportOptions::default(),
    );
    assert_eq!(summary.imported, 600, "{:?}", summary.rejected);
    assert!(
        summary.reanchored.is_empty(),
        "{:?}",
        &summary.reanchored[..1]
    );
    assert!(summary.moved.is_empty() && summary.rejected.is_empty());
    let expected: Vec<usize> = body.match_indices("Алия").map(|(b, _)| b).collect();
    let starts: Vec<usize> = store
        .annotations()
        .iter()
        .map(|a| a.spans[0].start)
        .collect();
    assert_eq!(starts, expected, "every mention at its own place");
    let shifted: Vec<&String> = summary
        .notices
        .iter()
        .filter(|n| n.contains("byte-order mark"))
        .collect();
    assert_eq!(shifted.len(), 1, "{:?}", summary.notices);
    assert!(
        shifted[0].contains("600 annotations") && shifted[0].contains("shifted by -1"),
        "{}",
        shifted[0]
    );
}

#[test]
fn a_spacy_file_without_the_articles_bom_is_placed_by_the_shift() {
    let body = repeated_paragraphs(300);
    let doc = Document::from_text(Path::new("a.txt"), format!("\u{feff}{body}"));
    let mut store = Store::new();
    let summary = import(
        &doc,
        &mut store,
        Format::Spacy,
        &spacy_over(&body),
        &ImportOptions::default(),
    );
    assert_eq!(summary.imported, 600, "{:?}", summary.rejected);
    assert!(
        summary.reanchored.is_empty(),
        "{:?}",
        &summary.reanchored[..1]
    );
    let expected: Vec<usize> = body.match_indices("Алия").map(|(b, _)| b + 3).collect();
    let starts: Vec<usize> = store
        .annotations()
        .iter()
        .map(|a| a.spans[0].start)
        .collect();
    assert_eq!(starts, expected);
    assert!(
        summary.notices.iter().any(
            |n| n.contains("no byte-order mark where the article has one")
                && n.contains("shifted by 1")
        ),
        "{:?}",
        summary.notices
    );
}

#[test]
fn a_heading_added_to_the_article_shifts_what_follows_and_keeps_what_precedes() {
    let body = repeated_paragraphs(20);
    let file_text = format!("Алия: a profile\n{body}");
    let article = format!("Алия: a profile\nBy our correspondent in Алматы\n{body}");
    let doc = Document::from_text(Path::new("a.txt"), article.clone());
    let mut store = Store::new();
    let summary = import(
        &doc,
        &mut store,
        Format::Spacy,
        &spacy_over(&file_text),
        &ImportOptions::default(),
    );
    assert_eq!(summary.imported, 41);
    assert!(summary.reanchored.is_empty(), "{:?}", summary.reanchored);
    let expected: Vec<usize> = article.match_indices("Алия").map(|(b, _)| b).collect();
    let starts: Vec<usize> = store
        .annotations()
        .iter()
        .map(|a| a.spans[0].start)
        .collect();
    assert_eq!(starts, expected);
    assert!(
        summary.notices.iter().any(|n| n.contains("41 annotations")),
        "{:?}",
        summary.notices
    );
}

/// The annotations of one import share its origin: one `Origin` in the store, not one
/// per annotation (each annotation made in between shares the manual origin).
#[test]
fn an_imports_annotations_share_one_origin() {
    let text = "Алия Бек заявила: всё будет 👍.\n";
    let doc = Document::from_text(Path::new("a.txt"), text.to_string());
    let mut store = Store::new();
    let summary = import(
        &doc,
        &mut store,
        Format::Brat,
        "T1\tPerson 0 4\tАлия\nT2\tPerson 5 8\tБек\nT3\tClaim 18 29\tвсё будет 👍\n",
        &ImportOptions::default(),
    );
    assert_eq!(summary.imported, 3, "{summary:?}");
    let annotations = store.annotations();
    assert!(
        annotations
            .windows(2)
            .all(|pair| std::sync::Arc::ptr_eq(&pair[0].origin, &pair[1].origin)),
        "each annotation holds its own copy of the origin"
    );
}
