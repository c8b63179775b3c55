//! The sidecar keeps everything through load and save, and never loses an annotation.

use std::fs;
use std::path::Path;

use scholia::domain::anchor::quote_for;
use scholia::domain::document::Document;
use scholia::domain::model::{Annotation, Entity, Kind, Relation, Span, Status};
use scholia::domain::sidecar::{self, Kept, SidecarError};
use scholia::domain::store::Store;

const TEXT: &str = "Шаукат Султан 👍🏽 told AFP that four were Kazakh (Ekspress-K, July 19).\r\n";

fn doc_in(dir: &Path, text: &str) -> Document {
    let path = dir.join("a.txt");
    fs::write(&path, text).unwrap();
    Document::load(&path, 1 << 20).unwrap()
}

fn span(doc: &Document, needle: &str) -> Span {
    let start = doc.text().find(needle).unwrap();
    Span::new(start, start + needle.len())
}

fn sample_store(doc: &Document) -> Store {
    let mut store = Store::new();
    let mut source = Annotation::new(
        "a1",
        Kind::Source,
        "person",
        vec![span(doc, "Шаукат Султан")],
    );
    source.quote = quote_for(doc, &source.spans);
    source.entity = Some("e1".into());
    let mut claim = Annotation::new(
        "a2",
        Kind::Claim,
        "factual",
        vec![span(doc, "four were Kazakh")],
    );
    claim.quote = quote_for(doc, &claim.spans);
    claim.attrs.insert("stance".into(), "asserted".into());
    claim.note = Some("Sketchy, says the embassy.\nSecond line.".into());
    let mut publication = Annotation::new(
        "a3",
        Kind::Source,
        "publication",
        vec![span(doc, "Ekspress-K")],
    );
    publication.quote = quote_for(doc, &publication.spans);
    publication.status = Status::Pending;
    publication.origin_mut().by = "spacy".into();
    publication.origin_mut().score = Some(0.91);
    let mut entity = Entity::new("e1", "Shaukat Sultan", "PERSON");
    entity.attrs.insert("reliability".into(), "B".into());
    store.put_entity(entity);
    store.insert_annotation(source);
    store.insert_annotation(claim);
    store.insert_annotation(publication);
    store.put_relation(Relation::new("r1", "attributed_to", "a2", "a1"));
    store.put_relation(Relation::new("r2", "cites", "a2", "a3"));
    store
}

#[test]
fn save_then_load_gives_the_same_store_and_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let doc = doc_in(dir.path(), TEXT);
    let store = sample_store(&doc);
    let path = sidecar::path_for(doc.path());
    sidecar::save(&doc, &store, &Kept::default(), &path, false).unwrap();
    let first = fs::read_to_string(&path).unwrap();
    let loaded = sidecar::load(&doc, &path).unwrap().unwrap();
    assert_eq!(loaded.report.summary(), None);
    assert_eq!(
        loaded
            .store
            .annotations()
            .into_iter()
            .cloned()
            .collect::<Vec<_>>(),
        store.annotations().into_iter().cloned().collect::<Vec<_>>()
    );
    sidecar::save(&doc, &loaded.store, &loaded.kept, &path, false).unwrap();
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        first,
        "saving is stable"
    );
    // Offsets on disk are code points.
    let file = sidecar::read(&path).unwrap().unwrap();
    let a1 = file.annotations.iter().find(|a| a.id == "a1").unwrap();
    assert_eq!(a1.spans, vec![Span::new(0, 13)]);
    assert_eq!(file.document.chars, TEXT.chars().count() as u64);
}

#[test]
fn the_sidecar_is_streamed_as_rendered_and_its_hash_returned() {
    let dir = tempfile::tempdir().unwrap();
    let doc = doc_in(dir.path(), TEXT);
    let path = sidecar::path_for(doc.path());
    let store = sample_store(&doc);
    let sha256 = sidecar::save(&doc, &store, &Kept::default(), &path, false).unwrap();
    let on_disk = fs::read(&path).unwrap();
    let rendered = sidecar::render(&sidecar::to_file(&doc, &store, &Kept::default()).unwrap());
    assert_eq!(
        String::from_utf8(on_disk.clone()).unwrap(),
        rendered.unwrap()
    );
    assert_eq!(sha256, scholia::domain::document::hex_sha256(&on_disk));
}

#[test]
fn a_save_once_writes_the_same_bytes_as_a_save() {
    let dir = tempfile::tempdir().unwrap();
    let doc = doc_in(dir.path(), TEXT);
    let path = sidecar::path_for(doc.path());
    let store = sample_store(&doc);
    sidecar::save(&doc, &store, &Kept::default(), &path, false).unwrap();
    let saved = fs::read(&path).unwrap();
    fs::remove_file(&path).unwrap();
    sidecar::save_once(&doc, &store, &Kept::default(), &path, false).unwrap();
    assert_eq!(
        String::from_utf8(fs::read(&path).unwrap()).unwrap(),
        String::from_utf8(saved).unwrap()
    );
}

#[test]
fn unknown_fields_survive_load_and_save() {
    let dir = tempfile::tempdir().unwrap();
    let doc = doc_in(dir.path(), TEXT);
    let path = sidecar::path_for(doc.path());
    sidecar::save(&doc, &sample_store(&doc), &Kept::default(), &path, false).unwrap();
    let mut value: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(&path).unwrap()).unwrap();
    value["project"] = serde_json::json!({"name": "desk 4"});
    value["document"]["source_url"] = "https://example.org/a".into();
    value["annotations"][0]["x-review"] = serde_json::json!([1, 2]);
    value["annotations"][0]["origin"]["run"] = "r7".into();
    value["entities"][0]["wikidata"] = "Q1".into();
    value["relations"][0]["weight"] = 0.5.into();
    fs::write(&path, serde_json::to_string_pretty(&value).unwrap()).unwrap();
    let loaded = sidecar::load(&doc, &path).unwrap().unwrap();
    sidecar::save(&doc, &loaded.store, &loaded.kept, &path, false).unwrap();
    let back: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(&path).unwrap()).unwrap();
    assert_eq!(back["project"]["name"], "desk 4");
    assert_eq!(back["document"]["source_url"], "https://example.org/a");
    assert_eq!(
        back["annotations"][0]["x-review"],
        serde_json::json!([1, 2])
    );
    assert_eq!(back["annotations"][0]["origin"]["run"], "r7");
    assert_eq!(back["entities"][0]["wikidata"], "Q1");
    assert_eq!(back["relations"][0]["weight"], 0.5);
}

#[test]
fn unknown_fields_inside_spans_and_quote_survive_and_spans_come_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let doc = doc_in(dir.path(), TEXT);
    let path = sidecar::path_for(doc.path());
    sidecar::save(&doc, &sample_store(&doc), &Kept::default(), &path, false).unwrap();
    let mut value: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(&path).unwrap()).unwrap();
    // a2 becomes discontinuous, written out of order by another program: "four" after
    // "Kazakh", each span with a field of its own, and a field inside the quote.
    let chars = |needle: &str| TEXT[..TEXT.find(needle).unwrap()].chars().count();
    let (four, kazakh) = (chars("four"), chars("Kazakh"));
    value["annotations"][1]["spans"] = serde_json::json!([
        {"start": kazakh, "end": kazakh + 6, "token": "K"},
        {"start": four, "end": four + 4, "token": "F", "x-weight": 2},
    ]);
    value["annotations"][1]["quote"]["selector"] = "TextQuoteSelector".into();
    fs::write(&path, serde_json::to_string_pretty(&value).unwrap()).unwrap();

    let loaded = sidecar::load(&doc, &path).unwrap().unwrap();
    let claim = loaded.store.annotation("a2").unwrap();
    assert!(
        claim.spans[0].start < claim.spans[1].start,
        "spans in reading order: {:?}",
        claim.spans
    );
    sidecar::save(&doc, &loaded.store, &loaded.kept, &path, false).unwrap();
    let back: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(&path).unwrap()).unwrap();
    assert_eq!(
        back["annotations"][1]["spans"],
        serde_json::json!([
            {"start": four, "end": four + 4, "token": "F", "x-weight": 2},
            {"start": kazakh, "end": kazakh + 6, "token": "K"},
        ]),
        "each span keeps its own fields, in reading order"
    );
    assert_eq!(
        back["annotations"][1]["quote"]["selector"],
        "TextQuoteSelector"
    );
    assert_eq!(back["annotations"][1]["quote"]["exact"], "four were Kazakh");
}

#[test]
fn changed_article_reanchors_and_orphans_without_deleting() {
    let dir = tempfile::tempdir().unwrap();
    let doc = doc_in(dir.path(), TEXT);
    let path = sidecar::path_for(doc.path());
    sidecar::save(&doc, &sample_store(&doc), &Kept::default(), &path, false).unwrap();
    // The article is edited: text inserted before, the publication's name removed.
    let edited = format!("UPDATE ✨\n{}", TEXT.replace("Ekspress-K", "a local paper"));
    let doc2 = doc_in(dir.path(), &edited);
    let loaded = sidecar::load(&doc2, &path).unwrap().unwrap();
    assert!(loaded.report.article_changed);
    assert_eq!(loaded.report.shifted, vec!["a1", "a2"]);
    assert_eq!(loaded.report.orphaned, vec!["a3"]);
    let a1 = loaded.store.annotation("a1").unwrap();
    assert_eq!(doc2.slice(a1.spans[0]), Some("Шаукат Султан"));
    let a3 = loaded.store.annotation("a3").unwrap();
    assert_eq!(a3.status, Status::Orphaned);
    // The orphan is written back with what it was, and recovers when the text returns.
    sidecar::save(&doc2, &loaded.store, &loaded.kept, &path, false).unwrap();
    let doc3 = doc_in(dir.path(), TEXT);
    let again = sidecar::load(&doc3, &path).unwrap().unwrap();
    assert_eq!(again.report.recovered, vec!["a3"]);
    let a3 = again.store.annotation("a3").unwrap();
    assert_eq!(a3.status, Status::Pending);
    assert_eq!(doc3.slice(a3.spans[0]), Some("Ekspress-K"));
}

#[test]
fn broken_and_newer_sidecars_are_refused_with_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("x.scholia.json");
    let broken = "{\n  \"format\": \"scholia/1\",\n  \"document\": {\"file\": \"x\",,}\n}\n";
    match sidecar::parse(&path, broken) {
        Err(e @ SidecarError::Parse { line: 3, .. }) => {
            assert!(e.to_string().contains(":3:"), "{e}")
        }
        other => panic!("{other:?}"),
    }
    let newer = "{\"format\": \"scholia/2\", \"document\": 5}";
    assert!(matches!(
        sidecar::parse(&path, newer),
        Err(SidecarError::Newer { .. })
    ));
    let foreign = "{\"format\": \"brat\", \"document\": {\"file\":\"x\",\"sha256\":\"\",\"bytes\":0,\"chars\":0}}";
    assert!(matches!(
        sidecar::parse(&path, foreign),
        Err(SidecarError::Foreign { .. })
    ));
}

/// Found with the sidecar fuzz target's save-and-load check: an orphan keeps the spans
/// its file gave it (code points, stale), so saving must not convert them from bytes a
/// second time.
#[test]
fn an_orphans_spans_do_not_drift_on_save() {
    let dir = tempfile::tempdir().unwrap();
    let doc = doc_in(dir.path(), TEXT);
    let path = sidecar::path_for(doc.path());
    let text = r#"{"format": "scholia/1",
        "document": {"file": "a.txt", "sha256": "", "bytes": 0, "chars": 0},
        "annotations": [{"id": "a1", "kind": "entity", "label": "PERSON",
            "spans": [{"start": 6, "end": 12}], "quote": {"exact": "Султан"},
            "status": "orphaned", "origin": {"by": "human"}}]}"#;
    let first = sidecar::place_on(&doc, sidecar::parse(&path, text).unwrap());
    let saved =
        sidecar::render(&sidecar::to_file(&doc, &first.store, &first.kept).unwrap()).unwrap();
    let second = sidecar::place_on(&doc, sidecar::parse(&path, &saved).unwrap());
    let orphan = second.store.annotation("a1").unwrap();
    assert_eq!(orphan.status, Status::Orphaned);
    assert_eq!(orphan.spans, vec![Span::new(6, 12)]);
}
