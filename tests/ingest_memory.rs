//! Memory of import and export, measured by a counting allocator. Exports are written
//! straight into their buffer: the peak memory of a spaCy, Prodigy or W3C export stays
//! within twice the file written (the buffer as it grows) plus the budget of 4 × the
//! article + 1 KB per annotation; exports that first build a `serde_json::Value` tree
//! of every token take many times more. Format detection reads a file's shape without
//! building its records, leaving the one full parse to the importer.

use std::path::Path;
use std::sync::Mutex;

#[path = "counting_alloc/mod.rs"]
mod counting_alloc;

use counting_alloc::{peak_of, Counting};
use scholia::domain::anchor::quote_for;
use scholia::domain::document::Document;
use scholia::domain::model::{Annotation, Kind, Span, Status};
use scholia::domain::schema::Schema;
use scholia::domain::store::Store;
use scholia::formats::detect;
use scholia::formats::export::{export, ExportFormat, ExportOptions, StatusFilter};
use scholia::formats::imported::Format;

/// One test at a time (tests run on several threads).
static MEASURING: Mutex<()> = Mutex::new(());

#[global_allocator]
static ALLOCATOR: Counting = Counting;

const SENTENCE: &str =
    "Депутат Bakhtiyor Nazarov told «Время Востока» on March 4 that the guards had not fired. ";

fn article_and_store(sentences: usize) -> (Document, Store) {
    let doc = Document::from_text(Path::new("a.txt"), SENTENCE.repeat(sentences));
    let annotations = doc
        .text()
        .match_indices("Nazarov")
        .enumerate()
        .map(|(n, (s, _))| {
            let mut a = Annotation::new(
                format!("a{}", n + 1),
                Kind::Entity,
                "PERSON",
                vec![Span::new(s, s + 7)],
            );
            a.quote = quote_for(&doc, &a.spans);
            a.status = Status::Accepted;
            a
        })
        .collect();
    (doc, Store::from_parts(annotations, Vec::new(), Vec::new()))
}

/// The test alone allocating, for as long as it holds this (the count is global).
fn alone() -> std::sync::MutexGuard<'static, ()> {
    MEASURING.lock().unwrap_or_else(|e| e.into_inner())
}

#[test]
fn detecting_a_spacy_file_does_not_build_its_records() {
    let _alone = alone();
    let (doc, store) = article_and_store(3_000);
    let ents: Vec<serde_json::Value> = store
        .annotations()
        .iter()
        .map(|a| serde_json::json!({"start": a.spans[0].start, "end": a.spans[0].end, "label": "PER"}))
        .collect();
    let file = serde_json::json!({"text": doc.text(), "ents": ents}).to_string();
    let (peak, format) = peak_of(|| detect("upload.json", &file));
    assert_eq!(format, Some(Format::Spacy));
    assert!(
        peak < 64 * 1024,
        "detection allocated {peak} bytes for a {} byte file",
        file.len()
    );
}

fn within_budget(format: ExportFormat) {
    let _alone = alone();
    let (doc, store) = article_and_store(3_000);
    let schema = Schema::default();
    let options = ExportOptions {
        status: StatusFilter::All,
        unit: None,
    };
    let (peak, exported) = peak_of(|| export(format, &doc, &store, &schema, &options));
    let written: usize = exported.files.iter().map(|(_, text)| text.len()).sum();
    let budget = 2 * written + 4 * doc.byte_len() + 1024 * store.annotation_count();
    assert!(
        peak <= budget,
        "{format:?}: peak {peak} bytes for {written} bytes written, budget {budget}"
    );
}

#[test]
fn a_spacy_export_is_written_without_a_tree_of_its_tokens() {
    within_budget(ExportFormat::Spacy);
}

#[test]
fn a_prodigy_export_is_written_without_a_tree_of_its_tokens() {
    within_budget(ExportFormat::Prodigy);
}

#[test]
fn a_w3c_export_is_written_without_a_tree_of_its_annotations() {
    within_budget(ExportFormat::W3c);
}
