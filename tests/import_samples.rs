//! Every real sample in `../shared/samples` parses with the expected counts. Skips, with
//! a line on stderr, when the samples are not there.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use scholia::domain::model::{Kind, Status};
use scholia::formats::brat;
use scholia::formats::brat::names;
use scholia::formats::{
    detect, parse, Format, ImportOptions, ImportedAnnotation, ImportedDoc, ImportedSpan, OffsetUnit,
};

fn samples() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/samples");
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!("skipped: no samples at {}", dir.display());
        None
    }
}

fn read(dir: &Path, name: &str) -> String {
    fs::read_to_string(dir.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// Parses a sample after checking that `detect` finds its format.
fn import(dir: &Path, name: &str, format: Format) -> Vec<ImportedDoc> {
    let input = read(dir, name);
    assert_eq!(detect(name, &input), Some(format), "{name}");
    parse(format, &input, &ImportOptions::default()).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn one(dir: &Path, name: &str, format: Format) -> ImportedDoc {
    let mut docs = import(dir, name, format);
    assert_eq!(docs.len(), 1, "{name}");
    docs.remove(0)
}

/// The text `spans` cover, counted in code points, joined by spaces (as brat writes it).
fn covered(text: &str, spans: &[ImportedSpan]) -> String {
    spans
        .iter()
        .map(|s| {
            text.chars()
                .skip(s.start)
                .take(s.end - s.start)
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn label_counts(annotations: &[ImportedAnnotation]) -> BTreeMap<&str, usize> {
    let mut counts = BTreeMap::new();
    for a in annotations {
        *counts.entry(a.label.as_str()).or_default() += 1;
    }
    counts
}

#[test]
fn spacy_doc_of_the_reference_article() {
    let Some(dir) = samples() else { return };
    let doc = one(&dir, "kazakh-nationals-miranshah.spacy.json", Format::Spacy);
    let article = read(&dir, "kazakh-nationals-miranshah.txt");
    assert_eq!(doc.text.as_deref(), Some(article.as_str()));
    assert_eq!(doc.unit, OffsetUnit::CodePoints);
    assert_eq!(doc.annotations.len(), 123);
    let expected: BTreeMap<&str, usize> = [
        ("GPE", 48),
        ("ORG", 27),
        ("NORP", 18),
        ("DATE", 12),
        ("PERSON", 8),
        ("CARDINAL", 7),
        ("LOC", 2),
        ("ORDINAL", 1),
    ]
    .into_iter()
    .collect();
    assert_eq!(label_counts(&doc.annotations), expected);
    assert!(doc
        .annotations
        .iter()
        .all(|a| a.kind == Kind::Entity && a.status == Status::Pending && a.origin.by == "spacy"));
    assert_eq!(doc.meta["sents"], "28");
    assert_eq!(doc.meta["tokens"], "947");
    let chars = article.chars().count();
    assert!(doc.annotations.iter().all(|a| a.spans[0].end <= chars));
    assert!(doc.problems.is_empty(), "{:?}", doc.problems);
}

/// Counts of what a brat sample gives: annotations, relations, discontinuous
/// annotations, attributes, links, notes.
struct BratCounts {
    annotations: usize,
    relations: usize,
    discontinuous: usize,
    attrs: usize,
    links: usize,
    notes: usize,
}

fn check_brat(dir: &Path, folder: &str, name: &str, expected: BratCounts) -> ImportedDoc {
    let path = format!("brat/{folder}/{name}.ann");
    let doc = one(dir, &path, Format::Brat);
    let text = read(dir, &format!("brat/{folder}/{name}.txt"));
    assert!(doc.problems.is_empty(), "{path}: {:?}", doc.problems);
    assert_eq!(doc.text, None);
    assert_eq!(doc.annotations.len(), expected.annotations, "{path}");
    assert_eq!(doc.relations.len(), expected.relations, "{path}");
    let discontinuous = doc.annotations.iter().filter(|a| a.spans.len() > 1).count();
    assert_eq!(discontinuous, expected.discontinuous, "{path}");
    // The file's A and M lines (an event's trigger also lists its events, a link keeps
    // its name: brat::names).
    let attrs: usize = doc
        .annotations
        .iter()
        .flat_map(|a| a.attrs.keys())
        .filter(|k| *k != names::EVENT_KEY && !k.starts_with(names::LINK_NAME_PREFIX))
        .count();
    assert_eq!(attrs, expected.attrs, "{path}");
    let links: usize = doc.annotations.iter().map(|a| a.links.len()).sum();
    assert_eq!(links, expected.links, "{path}");
    let notes = doc.annotations.iter().filter(|a| a.note.is_some()).count()
        + doc.relations.iter().filter(|r| r.note.is_some()).count();
    assert_eq!(notes, expected.notes, "{path}");
    for a in &doc.annotations {
        assert_eq!(
            Some(covered(&text, &a.spans)),
            a.text,
            "{path} {:?}",
            a.source_id
        );
    }
    doc
}

#[test]
fn brat_news_tutorial() {
    let Some(dir) = samples() else { return };
    let counts = |annotations, relations, attrs, notes| BratCounts {
        annotations,
        relations,
        discontinuous: 0,
        attrs,
        links: 0,
        notes,
    };
    check_brat(
        &dir,
        "news-tutorial",
        "040-text_span_annotation",
        counts(4, 0, 0, 0),
    );
    // `*  Alias T3 T4 T5` (one canonical entity), then 1 R line.
    let doc = check_brat(
        &dir,
        "news-tutorial",
        "060-relation_annotation",
        counts(10, 1, 0, 0),
    );
    assert_eq!(doc.equivalences.len(), 1);
    assert_eq!(doc.equivalences[0].kind, "Alias");
    assert_eq!(doc.equivalences[0].members, vec!["T3", "T4", "T5"]);
    // 4 events with 1 + 2 + 4 + 3 arguments.
    check_brat(
        &dir,
        "news-tutorial",
        "080-event-annotation",
        counts(21, 10, 0, 0),
    );
    // 10 events with 2 arguments each; 6 A lines, 5 on events (→ their triggers).
    let doc = check_brat(
        &dir,
        "news-tutorial",
        "100-attribute_annotation",
        counts(26, 20, 6, 0),
    );
    let report = doc
        .annotations
        .iter()
        .find(|a| a.source_id.as_deref() == Some("T17"))
        .unwrap();
    assert_eq!(report.attrs["Confidence"], "Neutral");
    let event_arg = doc
        .relations
        .iter()
        .find(|r| r.source_id.as_deref() == Some("E1") && r.kind == "Event-Arg")
        .unwrap();
    assert_eq!(
        (event_arg.from.as_str(), event_arg.to.as_str()),
        ("T17", "T18")
    );
    // 2 events with 3 arguments, 2 R lines; notes on T1, E1 (→ T5) and R1.
    let doc = check_brat(
        &dir,
        "news-tutorial",
        "110-note_annotation",
        counts(14, 8, 0, 3),
    );
    let family = doc
        .relations
        .iter()
        .find(|r| r.source_id.as_deref() == Some("R1"))
        .unwrap();
    assert_eq!(
        family.note.as_deref(),
        Some("Should this be marked? It's not explicitly stated.")
    );
    let complete = one(&dir, "brat/news-tutorial/999-complete.ann", Format::Brat);
    assert!(complete.annotations.is_empty());
    assert_eq!(complete.problems.len(), 1);
    assert!(complete.problems[0].message.starts_with("empty file"));
}

#[test]
fn brat_nerel_ru() {
    let Some(dir) = samples() else { return };
    let doc = check_brat(
        &dir,
        "nerel-ru",
        "1563347_text",
        BratCounts {
            annotations: 77,
            relations: 57,
            discontinuous: 1,
            attrs: 0,
            links: 50,
            notes: 0,
        },
    );
    assert!(doc.annotations.iter().all(|a| a.kind == Kind::Entity));
    let doc = check_brat(
        &dir,
        "nerel-ru",
        "192856_text",
        BratCounts {
            annotations: 35,
            relations: 17,
            discontinuous: 2,
            attrs: 0,
            links: 19,
            notes: 0,
        },
    );
    let usa = doc
        .annotations
        .iter()
        .find(|a| a.source_id.as_deref() == Some("T12"))
        .unwrap();
    assert_eq!(usa.links, vec!["Wikidata:Q30".to_string()]);
    // The name a normalisation gives is kept, even when it is not the mention's text.
    let constitution = doc
        .annotations
        .iter()
        .find(|a| a.source_id.as_deref() == Some("T7"))
        .unwrap();
    assert_eq!(
        constitution.attrs["link_name:Wikidata:Q11698"],
        "конституция США"
    );
    let law = doc
        .annotations
        .iter()
        .find(|a| a.source_id.as_deref() == Some("T18"))
        .unwrap();
    assert_eq!(
        law.spans,
        vec![ImportedSpan::new(622, 648), ImportedSpan::new(678, 695)]
    );
}

#[test]
fn brat_annotation_confs() {
    let Some(dir) = samples() else { return };
    let conf = brat::parse_conf(&read(&dir, "brat/news-tutorial/annotation.conf")).unwrap();
    assert_eq!(
        conf.entities,
        vec!["Person", "Organization", "GPE", "Money"]
    );
    assert_eq!(conf.relations.len(), 7);
    assert!(conf.relations.contains(&"Alias".to_string()));
    assert_eq!(
        conf.events,
        vec![
            "Be-born",
            "Marry",
            "Divorce",
            "Die",
            "Transfer-ownership",
            "Transfer-money",
            "Start-org",
            "Merge-org",
            "End-org",
            "Report"
        ]
    );
    assert_eq!(
        conf.attributes,
        vec!["Individual", "Mention", "Negation", "Confidence"]
    );
    let conf = brat::parse_conf(&read(&dir, "brat/nerel-ru/annotation.conf")).unwrap();
    assert_eq!(conf.entities.len(), 29);
    assert!(conf.relations.contains(&"TAKES_PLACE_IN".to_string()));
    assert!(!conf.relations.iter().any(|r| r.starts_with('<')));
    assert!(conf.events.is_empty() && conf.attributes.is_empty());
}

#[test]
fn doccano_exports() {
    let Some(dir) = samples() else { return };
    let doc = one(
        &dir,
        "doccano/export-relation-extraction.jsonl",
        Format::Doccano,
    );
    assert_eq!(doc.record, Some(0));
    assert_eq!(doc.unit, OffsetUnit::Utf16);
    let text = doc.text.as_deref().unwrap();
    let entities: Vec<(Option<&str>, &str, String)> = doc
        .annotations
        .iter()
        .map(|a| {
            (
                a.source_id.as_deref(),
                a.label.as_str(),
                covered(text, &a.spans),
            )
        })
        .collect();
    assert_eq!(
        entities,
        vec![
            (Some("0"), "ORG", "Google".to_string()),
            (Some("1"), "DATE", "September 4, 1998".to_string()),
            (Some("2"), "PERSON", "Larry Page".to_string()),
            (Some("3"), "PERSON", "Sergey Brin".to_string()),
        ]
    );
    let relations: Vec<(&str, &str, &str)> = doc
        .relations
        .iter()
        .map(|r| (r.kind.as_str(), r.from.as_str(), r.to.as_str()))
        .collect();
    assert_eq!(
        relations,
        vec![
            ("foundedAt", "0", "1"),
            ("foundedBy", "0", "2"),
            ("foundedBy", "0", "3")
        ]
    );
    assert!(doc.problems.is_empty());

    let docs = import(
        &dir,
        "doccano/export-sequence-labeling.jsonl",
        Format::Doccano,
    );
    let labels: Vec<usize> = docs.iter().map(|d| d.annotations.len()).collect();
    assert_eq!(labels, vec![2, 1, 1]);
    assert_eq!(
        covered(
            docs[2].text.as_deref().unwrap(),
            &docs[2].annotations[0].spans
        ),
        "Obama"
    );
    assert!(docs.iter().all(|d| d.problems.is_empty()));
    assert!(docs
        .iter()
        .flat_map(|d| &d.annotations)
        .all(|a| a.status == Status::Accepted && a.origin.by == "doccano"));

    let docs = import(
        &dir,
        "doccano/import-sequence-labeling.jsonl",
        Format::Doccano,
    );
    assert_eq!(docs.len(), 3);
    assert_eq!(docs[0].annotations.len(), 1);
    assert!(docs[0].problems.is_empty());
    assert_eq!(docs[1].annotations.len(), 0);
    assert!(docs[1].problems.is_empty());
    assert_eq!(docs[2].text, None);
    assert_eq!(docs[2].record, Some(2));
    assert_eq!(docs[2].problems.len(), 1);
    assert_eq!(docs[2].problems[0].line, Some(3));
}

#[test]
fn label_studio_tasks() {
    let Some(dir) = samples() else { return };
    let doc = one(
        &dir,
        "labelstudio/named-entity-tasks-with-predictions.json",
        Format::LabelStudio,
    );
    assert_eq!(doc.unit, OffsetUnit::Utf16);
    assert_eq!(doc.annotations.len(), 1);
    let date = &doc.annotations[0];
    assert_eq!(date.label, "Date");
    assert_eq!(date.status, Status::Pending);
    assert_eq!(date.origin.model.as_deref(), Some("model 1"));
    assert_eq!(date.origin.score, None);
    assert_eq!(date.spans, vec![ImportedSpan::new(343, 354)]);
    assert_eq!(date.text.as_deref(), Some("February 22"));
    assert_eq!(
        covered(doc.text.as_deref().unwrap(), &date.spans),
        "February 22"
    );
    assert!(doc.problems.is_empty());

    let doc = one(
        &dir,
        "labelstudio/named-entity-annotation.json",
        Format::LabelStudio,
    );
    assert_eq!(doc.meta["id"], "1");
    assert_eq!(doc.annotations.len(), 1);
    assert_eq!(doc.annotations[0].status, Status::Accepted);
    assert_eq!(doc.annotations[0].source_id.as_deref(), Some("beFiQTT1cU"));
    assert!(doc.problems.is_empty());
}
