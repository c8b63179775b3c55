//! The spaCy export loaded by spaCy itself: `Doc(spacy.blank("xx").vocab).from_json()`
//! accepts it and every entity and span is a valid character span with the right text.
//! Skipped when Python with spaCy is not installed.

mod export_support;

use std::fs;
use std::process::Command;

use scholia::domain::document::Document;
use scholia::domain::model::{Annotation, Kind, Span};
use scholia::domain::schema::Schema;
use scholia::domain::store::Store;
use scholia::formats::export::{export, ExportFormat, ExportOptions, StatusFilter};

const CHECK: &str = r#"
import json, sys
import spacy
from spacy.tokens import Doc

data = json.load(open(sys.argv[1], encoding="utf-8"))
doc = Doc(spacy.blank("xx").vocab).from_json(data)
assert doc.text == data["text"], "the text changed"
assert len(doc.ents) == len(data["ents"]), "entities were lost"
for ent, want in zip(doc.ents, data["ents"]):
    span = doc.char_span(want["start"], want["end"])
    assert span is not None, want
    assert (ent.start_char, ent.end_char, ent.label_) == (want["start"], want["end"], want["label"]), want
    assert ent.text == data["text"][want["start"]:want["end"]], want
for key, spans in data.get("spans", {}).items():
    assert len(doc.spans[key]) == len(spans), key
    for got, want in zip(doc.spans[key], spans):
        assert (got.start_char, got.end_char, got.label_) == (want["start"], want["end"], want["label"]), want
print("ok", len(doc), len(doc.ents))
"#;

/// A BOM, CRLF, a tab, two spaces, guillemets, an emoji with a skin tone, a span that
/// starts inside a word and one that crosses the line break.
fn tricky() -> (Document, Store) {
    let text = "\u{feff}«Привет»,  мир!\r\n\tАлматы 👍🏽 2024.";
    let doc = Document::from_text(std::path::Path::new("t.txt"), text.to_string());
    let span = |needle: &str| {
        let start = text.find(needle).unwrap();
        Span::new(start, start + needle.len())
    };
    let claim = Span::new(span("мир").start, span("Алматы").end);
    let store = Store::from_parts(
        vec![
            Annotation::new("a1", Kind::Entity, "PERSON", vec![span("Привет")]),
            Annotation::new("a2", Kind::Entity, "LOC", vec![span("ир")]),
            Annotation::new("a3", Kind::Entity, "GPE", vec![span("Алматы")]),
            Annotation::new("a4", Kind::Entity, "PRODUCT", vec![span("👍🏽")]),
            Annotation::new("a5", Kind::Claim, "factual", vec![claim]),
            Annotation::new("a6", Kind::Entity, "DATE", vec![span(" 2024")]),
        ],
        Vec::new(),
        Vec::new(),
    );
    (doc, store)
}

fn spacy_available() -> bool {
    Command::new("python3")
        .args(["-c", "import spacy"])
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false)
}

#[test]
fn spacy_loads_the_export_with_every_entity_on_a_valid_span() {
    if !spacy_available() {
        eprintln!(
            "skipped: Python with spaCy is not installed (python3 -c \"import spacy\" fails)"
        );
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let doc = export_support::document();
    let store = export_support::store(&doc);
    let example_dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let example = scholia::domain::document::Document::load(
        &example_dir.join("border-incident.txt"),
        1 << 20,
    )
    .unwrap();
    let example_store = scholia::domain::sidecar::load(
        &example,
        &scholia::domain::sidecar::path_for(&example_dir.join("border-incident.txt")),
    )
    .unwrap()
    .unwrap()
    .store;
    let (tricky, tricky_store) = tricky();
    for (name, doc, store) in [
        ("fixture", &doc, &store),
        ("example", &example, &example_store),
        ("tricky", &tricky, &tricky_store),
    ] {
        let options = ExportOptions {
            status: StatusFilter::All,
            unit: None,
        };
        let exported = export(
            ExportFormat::Spacy,
            doc,
            store,
            &Schema::default(),
            &options,
        );
        let path = dir.path().join(format!("{name}.spacy.json"));
        fs::write(&path, &exported.files[0].1).unwrap();
        // Run away from the source tree, so nothing there shadows a Python module.
        let out = Command::new("python3")
            .current_dir(dir.path())
            .args(["-c", CHECK, path.to_str().unwrap()])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{name}: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(String::from_utf8_lossy(&out.stdout).starts_with("ok"));
    }
}
