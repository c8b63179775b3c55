//! Kinds, relations and notes that come back from other tools' files: claims and sources
//! read through the schema when a file gives only labels, and written where a format
//! has a place for them; W3C relations, Label Studio notes, every Prodigy task of an
//! article; Label Studio texts under any data key; messages that name what they mean.

mod export_support;

use std::fs;
use std::process::Command;

use scholia::app::action::Action;
use scholia::app::session::{OpenOptions, Session};
use scholia::domain::config::ConfigSources;
use scholia::domain::document::Document;
use scholia::domain::model::{Kind, Status};
use scholia::domain::schema::Schema;
use scholia::domain::sidecar;
use scholia::domain::store::Store;
use scholia::formats::apply::{apply, pick_record, ApplyOptions, ImportSummary};
use scholia::formats::export::{export, ExportFormat, ExportOptions, Part, StatusFilter};
use scholia::formats::imported::{Format, ImportOptions};
use scholia::formats::parse;

/// Imports `input` onto `doc` as `scholia import` does: the record of the article.
fn import(doc: &Document, format: Format, input: &str) -> (Store, ImportSummary) {
    let docs = parse(format, input, &ImportOptions::default()).unwrap();
    let record = pick_record(doc, &docs).unwrap();
    let mut store = Store::new();
    let summary = apply(doc, &mut store, record, &ApplyOptions::default());
    (store, summary)
}

/// (kind, label, status) of every annotation, sorted.
fn kinds(store: &Store) -> Vec<(Kind, String, Status)> {
    let mut all: Vec<_> = store
        .annotations()
        .into_iter()
        .map(|a| (a.kind, a.label.to_string(), a.status))
        .collect();
    all.sort();
    all
}

const TEXT: &str = "Министр Садыков 👍🏽 сказал «Азия-Пресс», что граница закрыта.";

fn span(needle: &str) -> (usize, usize) {
    let start = TEXT.find(needle).unwrap();
    let utf16 = |byte: usize| TEXT[..byte].encode_utf16().count();
    (utf16(start), utf16(start + needle.len()))
}

#[test]
fn labels_that_are_claim_or_source_kinds_of_the_schema_give_claims_and_sources() {
    let doc = Document::from_text(std::path::Path::new("a.txt"), TEXT.to_string());
    let triple = |needle: &str, label: &str| {
        let (s, e) = span(needle);
        format!("[{s}, {e}, \"{label}\"]")
    };
    let input = format!(
        "{{\"text\": {}, \"label\": [{}, {}, {}, {}, {}]}}\n",
        serde_json::to_string(TEXT).unwrap(),
        triple("Садыков", "PERSON"),
        triple("Садыков", "person"),
        triple("Азия-Пресс", "publication"),
        triple("граница закрыта", "factual"),
        triple("закрыта", "Claim"),
    );
    let (store, summary) = import(&doc, Format::Doccano, &input);
    assert_eq!(
        kinds(&store),
        vec![
            (Kind::Entity, "PERSON".to_string(), Status::Accepted),
            (Kind::Claim, "Claim".to_string(), Status::Accepted),
            (Kind::Claim, "factual".to_string(), Status::Accepted),
            (Kind::Source, "person".to_string(), Status::Accepted),
            (Kind::Source, "publication".to_string(), Status::Accepted),
        ]
    );
    assert_eq!(
        summary.notices,
        vec![
            "the file gives only labels; as the schema's claim and source kinds, \"factual\" (1) are claims, and \"person\" (1), \"publication\" (1) are sources"
        ]
    );
    assert!(summary.problems.is_empty() && summary.rejected.is_empty());
}

#[test]
fn formats_with_a_place_for_the_kind_write_it_and_read_it_back() {
    let doc = export_support::document();
    let store = export_support::store(&doc);
    let options = ExportOptions {
        status: StatusFilter::All,
        unit: None,
    };
    // A schema that knows none of the fixture's claim and source kinds: only the kind
    // written in the file can bring them back.
    let mut schema = Schema::default();
    schema.claim_kinds.clear();
    schema.source_kinds.clear();
    for (format, import_as) in [
        (ExportFormat::Spacy, Format::Spacy),
        (ExportFormat::Doccano, Format::Doccano),
        (ExportFormat::LabelStudio, Format::LabelStudio),
        (ExportFormat::Prodigy, Format::Prodigy),
        (ExportFormat::W3c, Format::W3c),
    ] {
        let exported = export(format, &doc, &store, &schema, &options);
        let lost: Vec<_> = exported
            .dropped
            .iter()
            .filter(|d| d.parts.contains(&Part::Kind))
            .collect();
        assert!(lost.is_empty(), "{format}: {lost:?}");
        let docs = parse(import_as, &exported.files[0].1, &ImportOptions::default()).unwrap();
        let record = pick_record(&doc, &docs).unwrap();
        let mut back = Store::new();
        apply(
            &doc,
            &mut back,
            record,
            &ApplyOptions {
                schema: Some(schema.clone()),
                ..ApplyOptions::default()
            },
        );
        for a in store.annotations() {
            if a.kind == Kind::Entity || exported.dropped.iter().any(|d| d.id == a.id) {
                continue;
            }
            let found = back
                .annotations()
                .into_iter()
                .find(|b| b.label == a.label && b.quote.exact == a.quote.exact)
                .unwrap_or_else(|| panic!("{format}: {} not read back", a.id));
            assert_eq!(found.kind, a.kind, "{format}: {}", a.id);
        }
    }
}

#[test]
fn an_entity_labelled_like_a_source_kind_stays_an_entity_in_spacy() {
    let doc = export_support::document();
    let mut store = Store::new();
    let span = export_support::find("Ахмед Садыков", 0);
    let mut person =
        scholia::domain::model::Annotation::new("", Kind::Entity, "person", vec![span]);
    person.status = Status::Accepted;
    store.insert_annotation(person);
    let options = ExportOptions {
        status: StatusFilter::All,
        unit: None,
    };
    let exported = export(
        ExportFormat::Spacy,
        &doc,
        &store,
        &Schema::default(),
        &options,
    );
    let (back, _) = import(&doc, Format::Spacy, &exported.files[0].1);
    assert_eq!(
        kinds(&back),
        vec![(Kind::Entity, "person".to_string(), Status::Pending)]
    );
}

#[test]
fn the_workbench_imports_with_its_own_schema() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("article.txt");
    fs::write(&article, "Word is the border closed.").unwrap();
    let config = dir.path().join("config.toml");
    fs::write(
        &config,
        "[[labels.claim]]\nname = \"rumour\"\nkey = \"r\"\ncolor = \"yellow\"\ndescription = \"Hearsay.\"\n",
    )
    .unwrap();
    let options = OpenOptions {
        max_size: 1 << 20,
        config: Some(ConfigSources {
            user: Some(config),
            project: None,
        }),
        ..OpenOptions::default()
    };
    let mut session = Session::open(&article, &options).unwrap();
    let docs = parse(
        Format::Doccano,
        "{\"text\": \"Word is the border closed.\", \"label\": [[8, 25, \"rumour\"]]}",
        &ImportOptions::default(),
    )
    .unwrap();
    session.dispatch(Action::Import {
        source: "rumours.jsonl".to_string(),
        record: Box::new(docs[0].clone()),
        options: ApplyOptions::default(),
    });
    assert_eq!(
        kinds(session.app().store()),
        vec![(Kind::Claim, "rumour".to_string(), Status::Accepted)]
    );
}

#[test]
fn the_import_command_reads_kinds_through_the_article_s_project_schema() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("a.txt");
    fs::write(&article, "Word is the border closed, says the NGO.").unwrap();
    fs::write(
        dir.path().join(".scholia.toml"),
        "[[labels.claim]]\nname = \"rumour\"\nkey = \"r\"\ncolor = \"yellow\"\ndescription = \"Hearsay.\"\n\n[[labels.source]]\nname = \"ngo\"\nkey = \"n\"\ncolor = \"green\"\ndescription = \"An NGO.\"\n",
    )
    .unwrap();
    let file = dir.path().join("a.jsonl");
    fs::write(
        &file,
        "{\"text\": \"Word is the border closed, says the NGO.\", \"label\": [[8, 25, \"rumour\"], [36, 39, \"ngo\"], [36, 39, \"ORG\"]]}\n",
    )
    .unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_scholia"))
        .args(["import", article.to_str().unwrap(), file.to_str().unwrap()])
        .env("SCHOLIA_NO_USER_CONFIG", "1")
        .env_remove("SCHOLIA_CONFIG")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("imported 3 annotations"), "{stdout}");
    let sidecar = sidecar::read(&sidecar::path_for(&article))
        .unwrap()
        .unwrap();
    let mut got: Vec<(Kind, &str)> = sidecar
        .annotations
        .iter()
        .map(|a| (a.kind, a.label.as_str()))
        .collect();
    got.sort();
    assert_eq!(
        got,
        vec![
            (Kind::Entity, "ORG"),
            (Kind::Claim, "rumour"),
            (Kind::Source, "ngo")
        ]
    );
}

#[test]
fn w3c_relations_and_label_studio_notes_come_back() {
    let doc = export_support::document();
    let store = export_support::store(&doc);
    let options = ExportOptions {
        status: StatusFilter::Accepted,
        unit: None,
    };
    let relations = |store: &Store| {
        let mut all: Vec<(String, String, String)> = store
            .relations()
            .into_iter()
            .map(|r| {
                let label = |id: &str| store.annotation(id).unwrap().label.to_string();
                (r.kind.clone(), label(&r.from), label(&r.to))
            })
            .collect();
        all.sort();
        all
    };
    let exported = export(
        ExportFormat::W3c,
        &doc,
        &store,
        &Schema::default(),
        &options,
    );
    let (back, summary) = import(&doc, Format::W3c, &exported.files[0].1);
    assert!(summary.problems.is_empty(), "{summary:?}");
    assert_eq!(summary.relations, exported.relations);
    assert!(exported.relations > 0);
    assert_eq!(relations(&back), relations(&store));

    let exported = export(
        ExportFormat::LabelStudio,
        &doc,
        &store,
        &Schema::default(),
        &options,
    );
    let (back, _) = import(&doc, Format::LabelStudio, &exported.files[0].1);
    let note = back
        .annotations()
        .into_iter()
        .find(|a| a.label == "factual")
        .and_then(|a| a.note.clone());
    assert_eq!(note.as_deref(), Some("Проверить 👀, \"срочно\""));
}

#[test]
fn a_prodigy_file_with_one_task_per_status_is_imported_whole() {
    let doc = export_support::document();
    let store = export_support::store(&doc);
    let options = ExportOptions {
        status: StatusFilter::All,
        unit: None,
    };
    let exported = export(
        ExportFormat::Prodigy,
        &doc,
        &store,
        &Schema::default(),
        &options,
    );
    let tasks = exported.files[0].1.lines().count();
    assert!(tasks >= 3, "one task per status: {}", exported.files[0].1);
    let (back, summary) = import(&doc, Format::Prodigy, &exported.files[0].1);
    assert_eq!(summary.imported, exported.annotations, "{summary:?}");
    let statuses: std::collections::BTreeSet<Status> =
        back.annotations().into_iter().map(|a| a.status).collect();
    assert_eq!(
        statuses.into_iter().collect::<Vec<_>>(),
        vec![Status::Accepted, Status::Pending, Status::Rejected]
    );
}

#[test]
fn a_label_studio_task_reads_its_text_under_the_key_its_results_name() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("a.txt");
    fs::write(&article, "Sultan told AFP.").unwrap();
    let tasks = dir.path().join("tasks.json");
    let run_with = |json: &str, extra: &[&str]| {
        fs::write(&tasks, json).unwrap();
        Command::new(env!("CARGO_BIN_EXE_scholia"))
            .args(["import", article.to_str().unwrap(), tasks.to_str().unwrap()])
            .args(extra)
            .env("SCHOLIA_NO_USER_CONFIG", "1")
            .output()
            .unwrap()
    };
    let run = |json: &str| run_with(json, &[]);
    let out = run(
        r#"[{"data": {"ner": "Sultan told AFP.", "meta_info": "x"}, "annotations": [{"result": [
            {"id": "r1", "from_name": "label", "to_name": "ner", "type": "labels",
             "value": {"start": 0, "end": 6, "labels": ["PERSON"]}}]}]}]"#,
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("imported 1 annotation"), "{stdout}");
    let two =
        r#"[{"data": {"a": "Sultan told AFP.", "b": "Other words here."}, "annotations": []}]"#;
    let out = run(two);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_ne!(out.status.code(), Some(0));
    assert!(
        stderr.contains("\"a\" (a string) and \"b\" (a string)") && stderr.contains("--text-key"),
        "{stderr}"
    );
    let out = run_with(two, &["--data-key", "a"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn doccano_rejections_are_named_by_their_place_in_the_file() {
    let doc = Document::from_text(std::path::Path::new("a.txt"), "abc def".to_string());
    let input = r#"{"text": "abc def", "label": [[0, "x", "A"], [0, 3, "B"], [5, 99, "C"]]}"#;
    let (_, summary) = import(&doc, Format::Doccano, input);
    assert_eq!(summary.rejected.len(), 1, "{summary:?}");
    assert!(
        summary.rejected[0].starts_with("label[2]: span 5–99"),
        "{:?}",
        summary.rejected
    );
}

/// A spaCy item has no id: a rejection names it by its place in the file (`ents[2]`,
/// `spans.sc[0]`), not by its place among the items that could be read.
#[test]
fn spacy_rejections_are_named_by_their_place_in_the_file() {
    let doc = Document::from_text(
        std::path::Path::new("a.txt"),
        "Алия Бек 👍 ушла".to_string(),
    );
    let input = r#"{"text": "Алия Бек 👍 ушла",
        "ents": [{"start": "x", "end": 4, "label": "A"}, {"start": 0, "end": 4, "label": "PER"},
                 {"start": 12, "end": 99, "label": "C"}],
        "spans": {"sc": [{"start": 14, "end": 90, "label": "D"}]}}"#;
    let (_, summary) = import(&doc, Format::Spacy, input);
    assert_eq!(summary.rejected.len(), 2, "{summary:?}");
    assert!(
        summary.rejected[0].starts_with("ents[2]: span 12–99"),
        "{:?}",
        summary.rejected
    );
    assert!(
        summary.rejected[1].starts_with("spans.sc[0]: span 14–90"),
        "{:?}",
        summary.rejected
    );
}

#[test]
fn a_relation_without_an_id_is_named_without_a_double_space() {
    let doc = Document::from_text(std::path::Path::new("a.txt"), "abc def".to_string());
    let input = r#"{"data": {"text": "abc def"}, "annotations": [{"result": [
        {"id": "x", "type": "labels", "value": {"start": 0, "end": 3, "labels": ["A"]}},
        {"id": "y", "type": "labels", "value": {"start": 4, "end": 99, "labels": ["B"]}},
        {"type": "relation", "from_id": "x", "to_id": "y", "labels": ["r"]}]}]}"#;
    let (_, summary) = import(&doc, Format::LabelStudio, input);
    let relation = summary
        .rejected
        .iter()
        .find(|r| r.starts_with("relation"))
        .unwrap();
    assert_eq!(relation, "relation x → y: one end was not imported");
}
