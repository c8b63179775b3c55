//! Export, then import with scholia's own importers onto the same article: every format
//! that scholia also reads gives back the annotations and relations it wrote, and what
//! it could not hold is exactly what the export reported.

mod export_support;

use std::collections::HashMap;

use scholia::domain::document::Document;
use scholia::domain::model::{Annotation, Kind, Span, Status};
use scholia::domain::schema::Schema;
use scholia::domain::store::Store;
use scholia::formats::apply::{apply, ApplyOptions};
use scholia::formats::export::{export, ExportFormat, ExportOptions, Exported, Part, StatusFilter};
use scholia::formats::imported::{Format, ImportOptions, OffsetUnit};
use scholia::formats::parse;

/// What a round trip compares of an annotation: kind, label, its spans in code points
/// cut at line breaks (brat's fragments), and its status when the format holds one.
type Key = (Kind, String, Vec<(usize, usize)>, Option<Status>);

fn pieces(doc: &Document, spans: &[Span]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for span in spans {
        let text = doc.slice(*span).unwrap();
        let mut start = span.start;
        for (i, c) in text.char_indices() {
            if c == '\n' || c == '\r' {
                if span.start + i > start {
                    out.push((start, span.start + i));
                }
                start = span.start + i + 1;
            }
        }
        if span.end > start {
            out.push((start, span.end));
        }
    }
    out.iter()
        .map(|(s, e)| (doc.byte_to_char(*s).unwrap(), doc.byte_to_char(*e).unwrap()))
        .collect()
}

fn key(doc: &Document, a: &Annotation, kind: Kind, with_status: bool) -> Key {
    (
        kind,
        a.label.to_string(),
        pieces(doc, &a.spans),
        with_status.then_some(a.status),
    )
}

/// The annotations and relations an export says it wrote, as keys.
fn expected(
    doc: &Document,
    store: &Store,
    exported: &Exported,
    filter: StatusFilter,
    with_status: bool,
) -> (Vec<Key>, Vec<(String, Key, Key)>) {
    let dropped = |id: &str, part: Part| {
        exported
            .dropped
            .iter()
            .any(|d| d.id == id && d.parts.contains(&part))
    };
    let mut keys = HashMap::new();
    for a in store.annotations() {
        if !filter.admits(a.status) || dropped(&a.id, Part::Whole) {
            continue;
        }
        assert!(!dropped(&a.id, Part::Label) && !dropped(&a.id, Part::Spans));
        let kind = if dropped(&a.id, Part::Kind) {
            Schema::default().kind_read_back(&a.label)
        } else {
            a.kind
        };
        keys.insert(a.id.clone(), key(doc, a, kind, with_status));
    }
    let relations = store
        .relations()
        .into_iter()
        .filter(|r| !dropped(&r.id, Part::Whole))
        .filter_map(|r| {
            Some((
                r.kind.clone(),
                keys.get(&r.from)?.clone(),
                keys.get(&r.to)?.clone(),
            ))
        })
        .collect();
    let mut keys: Vec<Key> = keys.into_values().collect();
    keys.sort();
    (keys, relations)
}

/// Imports every record of `exported`'s main file onto `doc`.
fn import(
    doc: &Document,
    format: Format,
    exported: &Exported,
    unit: Option<OffsetUnit>,
    with_status: bool,
) -> (Vec<Key>, Vec<(String, Key, Key)>) {
    let options = ImportOptions {
        unit,
        ..ImportOptions::default()
    };
    let docs = parse(format, &exported.files[0].1, &options).unwrap();
    let mut store = Store::new();
    for record in &docs {
        let summary = apply(doc, &mut store, record, &ApplyOptions::default());
        assert!(
            summary.rejected.is_empty() && summary.problems.is_empty(),
            "{format}: {summary:#?}"
        );
    }
    let keys: HashMap<String, Key> = store
        .annotations()
        .into_iter()
        .map(|a| (a.id.clone(), key(doc, a, a.kind, with_status)))
        .collect();
    let relations = store
        .relations()
        .into_iter()
        .map(|r| (r.kind.clone(), keys[&r.from].clone(), keys[&r.to].clone()))
        .collect();
    let mut keys: Vec<Key> = keys.into_values().collect();
    keys.sort();
    (keys, relations)
}

fn round_trip(
    format: ExportFormat,
    import_as: Format,
    unit: Option<OffsetUnit>,
    filter: StatusFilter,
) {
    let doc = export_support::document();
    let store = export_support::store(&doc);
    let options = ExportOptions {
        status: filter,
        unit,
    };
    let exported = export(format, &doc, &store, &Schema::default(), &options);
    // spaCy output reads back as pending model output: it holds no status.
    let with_status = format != ExportFormat::Spacy;
    let (want, mut want_relations) = expected(&doc, &store, &exported, filter, with_status);
    let (got, mut got_relations) = import(&doc, import_as, &exported, unit, with_status);
    assert_eq!(got, want, "{format} {filter:?}: annotations differ");
    assert_eq!(
        got.len(),
        exported.annotations,
        "{format}: the count it reports"
    );
    want_relations.sort();
    got_relations.sort();
    assert_eq!(
        got_relations, want_relations,
        "{format} {filter:?}: relations differ"
    );
    assert_eq!(got_relations.len(), exported.relations);
}

#[test]
fn brat_round_trips() {
    for filter in [StatusFilter::Accepted, StatusFilter::All] {
        round_trip(ExportFormat::Brat, Format::Brat, None, filter);
    }
}

#[test]
fn w3c_round_trips_with_kinds_statuses_and_attributes() {
    for filter in [StatusFilter::Accepted, StatusFilter::All] {
        round_trip(ExportFormat::W3c, Format::W3c, None, filter);
    }
    let doc = export_support::document();
    let store = export_support::store(&doc);
    let options = ExportOptions {
        status: StatusFilter::All,
        unit: None,
    };
    let exported = export(
        ExportFormat::W3c,
        &doc,
        &store,
        &Schema::default(),
        &options,
    );
    let docs = parse(Format::W3c, &exported.files[0].1, &ImportOptions::default()).unwrap();
    let claim = docs[0]
        .annotations
        .iter()
        .find(|a| a.label == "factual")
        .unwrap();
    assert_eq!(claim.attrs["stance"], "asserted");
    assert_eq!(claim.attrs["credibility"], "3");
    assert_eq!(claim.note.as_deref(), Some("Проверить 👀, \"срочно\""));
    let pending = docs[0]
        .annotations
        .iter()
        .find(|a| a.status == Status::Pending)
        .unwrap();
    assert_eq!(pending.origin.score, Some(0.8));
    assert_eq!(pending.origin.model.as_deref(), Some("xx_model"));
}

#[test]
fn spacy_round_trips() {
    for filter in [StatusFilter::Accepted, StatusFilter::All] {
        round_trip(ExportFormat::Spacy, Format::Spacy, None, filter);
    }
}

#[test]
fn doccano_round_trips_in_both_units() {
    for unit in [None, Some(OffsetUnit::Utf16), Some(OffsetUnit::CodePoints)] {
        for filter in [StatusFilter::Accepted, StatusFilter::All] {
            round_trip(ExportFormat::Doccano, Format::Doccano, unit, filter);
        }
    }
}

#[test]
fn label_studio_round_trips_in_both_units() {
    for unit in [None, Some(OffsetUnit::CodePoints)] {
        for filter in [StatusFilter::Accepted, StatusFilter::All] {
            round_trip(ExportFormat::LabelStudio, Format::LabelStudio, unit, filter);
        }
    }
}

#[test]
fn prodigy_round_trips() {
    for filter in [StatusFilter::Accepted, StatusFilter::All] {
        round_trip(ExportFormat::Prodigy, Format::Prodigy, None, filter);
    }
}

#[test]
fn the_example_sidecar_round_trips_through_every_format() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let doc = Document::load(&dir.join("border-incident.txt"), 1 << 20).unwrap();
    let path = scholia::domain::sidecar::path_for(&dir.join("border-incident.txt"));
    let store = scholia::domain::sidecar::load(&doc, &path)
        .unwrap()
        .unwrap()
        .store;
    for (format, import_as) in [
        (ExportFormat::Brat, Format::Brat),
        (ExportFormat::W3c, Format::W3c),
        (ExportFormat::Spacy, Format::Spacy),
        (ExportFormat::Doccano, Format::Doccano),
        (ExportFormat::LabelStudio, Format::LabelStudio),
        (ExportFormat::Prodigy, Format::Prodigy),
    ] {
        let options = ExportOptions::default();
        let exported = export(format, &doc, &store, &Schema::default(), &options);
        let with_status = format != ExportFormat::Spacy;
        let (want, _) = expected(&doc, &store, &exported, options.status, with_status);
        let (got, _) = import(&doc, import_as, &exported, None, with_status);
        assert_eq!(got, want, "{format}");
    }
}

#[test]
fn the_spacy_sample_comes_back_out_as_it_went_in() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/samples");
    if !dir.exists() {
        eprintln!("skipped: ../shared/samples is absent");
        return;
    }
    let doc = Document::load(&dir.join("kazakh-nationals-miranshah.txt"), 1 << 20).unwrap();
    let input = std::fs::read_to_string(dir.join("kazakh-nationals-miranshah.spacy.json")).unwrap();
    let docs = parse(Format::Spacy, &input, &ImportOptions::default()).unwrap();
    let mut store = Store::new();
    apply(&doc, &mut store, &docs[0], &ApplyOptions::default());
    // Pending suggestions travel through W3C and back.
    let all = ExportOptions {
        status: StatusFilter::All,
        unit: None,
    };
    let exported = export(ExportFormat::W3c, &doc, &store, &Schema::default(), &all);
    let (want, _) = expected(&doc, &store, &exported, StatusFilter::All, true);
    let (got, _) = import(&doc, Format::W3c, &exported, None, true);
    assert_eq!(got.len(), 123);
    assert_eq!(got, want);
    // Accepted, they come out of the spaCy exporter as the model wrote them.
    let ids: Vec<String> = store.annotations().iter().map(|a| a.id.clone()).collect();
    for id in ids {
        let mut a = store.annotation(&id).unwrap().clone();
        a.status = Status::Accepted;
        store.replace_annotation(a);
    }
    let exported = export(
        ExportFormat::Spacy,
        &doc,
        &store,
        &Schema::default(),
        &ExportOptions::default(),
    );
    let ours: serde_json::Value = serde_json::from_str(&exported.files[0].1).unwrap();
    let theirs: serde_json::Value = serde_json::from_str(&input).unwrap();
    let ents = |v: &serde_json::Value| -> Vec<(u64, u64, String)> {
        v["ents"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| {
                (
                    e["start"].as_u64().unwrap(),
                    e["end"].as_u64().unwrap(),
                    e["label"].as_str().unwrap().to_string(),
                )
            })
            .collect()
    };
    assert_eq!(ents(&ours), ents(&theirs));
    assert!(exported.dropped.is_empty(), "{:?}", exported.dropped);
}
