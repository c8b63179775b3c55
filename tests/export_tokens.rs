//! Token-based exports (CoNLL, spaCy, Prodigy) split tokens only at whitespace: a
//! zero-width no-break space (U+FEFF) inside the text stays inside its word, as tweets
//! and scraped pages have it, and no character is dropped.

use std::path::Path;

use scholia::domain::anchor::quote_for;
use scholia::domain::document::Document;
use scholia::domain::model::{Annotation, Kind, Span};
use scholia::domain::schema::Schema;
use scholia::domain::store::Store;
use scholia::formats::export::{export, ExportFormat, ExportOptions, StatusFilter};
use serde_json::Value;

const TEXT: &str = "Dubbz\u{feff} met Алия in Almaty.\n";

fn exported(format: ExportFormat) -> String {
    let doc = Document::from_text(Path::new("tweet.txt"), TEXT.to_string());
    let mut store = Store::new();
    let start = TEXT.find("Алия").unwrap();
    let mut a = Annotation::new(
        "a1",
        Kind::Entity,
        "PERSON",
        vec![Span::new(start, start + "Алия".len())],
    );
    a.quote = quote_for(&doc, &a.spans);
    store.insert_annotation(a);
    let options = ExportOptions {
        status: StatusFilter::All,
        unit: None,
    };
    let out = export(format, &doc, &store, &Schema::default(), &options);
    out.files[0].1.clone()
}

#[test]
fn conll_keeps_the_word_with_its_format_character_as_one_token() {
    let conll = exported(ExportFormat::Conll);
    let tokens: Vec<&str> = conll
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .filter(|t| !t.starts_with("-DOCSTART-"))
        .collect();
    assert_eq!(tokens[0], "Dubbz\u{feff}", "{conll}");
    assert_eq!(&tokens[1..4], &["met", "Алия", "in"], "{conll}");
}

#[test]
fn spacy_and_prodigy_tokens_cover_the_word_and_its_format_character() {
    let spacy: Value = serde_json::from_str(&exported(ExportFormat::Spacy)).unwrap();
    let doc = if spacy.is_array() { &spacy[0] } else { &spacy };
    let first = &doc["tokens"][0];
    assert_eq!(
        (first["start"].as_u64(), first["end"].as_u64()),
        (Some(0), Some(6)),
        "{doc}"
    );

    let prodigy = exported(ExportFormat::Prodigy);
    let task: Value = serde_json::from_str(prodigy.lines().next().unwrap()).unwrap();
    assert_eq!(task["tokens"][0]["text"], "Dubbz\u{feff}", "{task}");
    assert_eq!(task["tokens"][0]["end"], 6, "{task}");
}
