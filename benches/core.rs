//! Benchmarks of the core against DESIGN §8: sidecar save and load of 10k annotations,
//! import of 100k spaCy entities. Run with `cargo bench --bench core`.

use std::hint::black_box;
use std::path::Path;

use criterion::{criterion_group, criterion_main, Criterion};

use scholia::domain::anchor::quote_for;
use scholia::domain::document::Document;
use scholia::domain::model::{Annotation, Kind, Span};
use scholia::domain::sidecar::{self, Kept};
use scholia::domain::store::Store;
use scholia::formats::apply::{apply, ApplyOptions};
use scholia::formats::imported::{Format, ImportOptions};
use scholia::formats::parse;

const SENTENCE: &str = "Deputy Interior Minister Bakhtiyor Nazarov told Vremya Vostoka on March 4 that the Uzbek border guards had not fired first. ";

/// A news-like article of `sentences` sentences and one annotation per name in it.
fn article(sentences: usize) -> Document {
    Document::from_text(Path::new("bench.txt"), SENTENCE.repeat(sentences))
}

fn store_with(doc: &Document, count: usize) -> Store {
    let starts: Vec<usize> = doc
        .text()
        .match_indices("Nazarov")
        .map(|(i, _)| i)
        .take(count)
        .collect();
    let annotations = starts
        .iter()
        .enumerate()
        .map(|(n, &s)| {
            let mut a = Annotation::new(
                format!("a{}", n + 1),
                Kind::Entity,
                "PERSON",
                vec![Span::new(s, s + 7)],
            );
            a.quote = quote_for(doc, &a.spans);
            a
        })
        .collect();
    Store::from_parts(annotations, Vec::new(), Vec::new())
}

fn sidecar_save_and_load(c: &mut Criterion) {
    let doc = article(10_000);
    let store = store_with(&doc, 10_000);
    let kept = Kept::default();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bench.txt.scholia.json");
    c.bench_function(
        "sidecar save 10k annotations (render + write, no fsync)",
        |b| {
            b.iter(|| {
                let text =
                    sidecar::render(&sidecar::to_file(&doc, &store, &kept).unwrap()).unwrap();
                std::fs::write(&path, text).unwrap();
            })
        },
    );
    let text = sidecar::render(&sidecar::to_file(&doc, &store, &kept).unwrap()).unwrap();
    std::fs::write(&path, &text).unwrap();
    // Opening keeps what it loads: freeing it is not part of loading (criterion drops
    // it after the timing).
    c.bench_function(
        "sidecar load 10k annotations (read as a stream, parse, hash + place)",
        |b| b.iter_with_large_drop(|| sidecar::load_stamped(&doc, black_box(&path)).unwrap()),
    );
    // The same parse from text held whole, as the merge driver reads its sidecars.
    c.bench_function(
        "sidecar load 10k annotations from text (parse + place)",
        |b| {
            b.iter_with_large_drop(|| {
                let file = sidecar::parse(&path, black_box(&text)).unwrap();
                sidecar::place_on(&doc, file)
            })
        },
    );
}

fn spacy_import(c: &mut Criterion) {
    let doc = article(100_000);
    let ents: Vec<serde_json::Value> = doc
        .text()
        .match_indices("Nazarov")
        .take(100_000)
        .map(|(i, _)| {
            let start = doc.byte_to_char(i).unwrap();
            serde_json::json!({"start": start, "end": start + 7, "label": "PERSON"})
        })
        .collect();
    let input = serde_json::json!({"text": doc.text(), "ents": ents}).to_string();
    let mut group = c.benchmark_group("import");
    group.sample_size(10);
    group.bench_function("spaCy 100k entities (parse + place)", |b| {
        b.iter(|| {
            let docs = parse(Format::Spacy, black_box(&input), &ImportOptions::default()).unwrap();
            let mut store = Store::new();
            black_box(apply(&doc, &mut store, &docs[0], &ApplyOptions::default()))
        })
    });
    group.finish();
}

criterion_group!(benches, sidecar_save_and_load, spacy_import);
criterion_main!(benches);
