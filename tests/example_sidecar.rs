//! The hand-checked example sidecar (`examples/border-incident.txt.scholia.json`) loads on
//! its article without moving anything, says what the answer sheet says, and is exactly
//! what scholia itself would write.

use std::fs;
use std::path::{Path, PathBuf};

use scholia::domain::document::{Document, DEFAULT_MAX_SIZE};
use scholia::domain::model::{Annotation, Kind, Status};
use scholia::domain::sidecar::{self, Loaded};
use scholia::domain::store::Store;

fn article_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/border-incident.txt")
}

fn load() -> (Document, Loaded) {
    let doc = Document::load(&article_path(), DEFAULT_MAX_SIZE).unwrap();
    let loaded = sidecar::load(&doc, &sidecar::path_for(doc.path()))
        .unwrap()
        .expect("the example sidecar exists");
    (doc, loaded)
}

/// The text an annotation covers, from its first span's start to its last span's end.
fn text_of<'d>(doc: &'d Document, a: &Annotation) -> &'d str {
    doc.slice(a.extent()).unwrap()
}

/// The only annotation of `kind` covering exactly `text`, or the first when it repeats.
fn find<'s>(doc: &Document, store: &'s Store, kind: Kind, text: &str) -> &'s Annotation {
    store
        .annotations()
        .into_iter()
        .find(|a| a.kind == kind && text_of(doc, a) == text)
        .unwrap_or_else(|| panic!("no {kind} annotation on {text:?}"))
}

/// The annotation a relation of type `kind` leads to from `from`.
fn related<'s>(store: &'s Store, from: &Annotation, kind: &str) -> &'s Annotation {
    let relation = store
        .relations_from(&from.id)
        .into_iter()
        .find(|r| r.kind == kind)
        .unwrap_or_else(|| panic!("{} has no {kind} relation", from.id));
    store.annotation(&relation.to).unwrap()
}

#[test]
fn example_loads_in_place_with_nothing_moved_or_orphaned() {
    let (doc, loaded) = load();
    assert_eq!(loaded.report.summary(), None);
    let store = &loaded.store;
    assert_eq!(store.annotation_count(), 62);
    assert_eq!(store.entities().len(), 31);
    assert_eq!(store.relations().len(), 24);
    for a in store.annotations() {
        assert_eq!(a.status, Status::Accepted, "{}", a.id);
        assert_eq!(text_of(&doc, a), a.quote.exact, "{}", a.id);
    }
}

#[test]
fn offsets_after_the_accented_letter_are_one_byte_further_in_memory() {
    let (doc, loaded) = load();
    let file = sidecar::read(&sidecar::path_for(doc.path()))
        .unwrap()
        .unwrap();
    let on_disk = |text: &str| {
        let a = file
            .annotations
            .iter()
            .find(|a| a.quote.exact == text)
            .unwrap();
        a.spans[0]
    };
    let in_memory = |text: &str| find(&doc, &loaded.store, Kind::Entity, text).spans[0];
    // Before `chargé` bytes and code points agree; after it bytes are one further.
    assert_eq!(on_disk("Asanaliev").start, 1742);
    assert_eq!(in_memory("Asanaliev").start, 1742);
    assert_eq!(on_disk("Dushanbe").start, 2102);
    assert_eq!(in_memory("Dushanbe").start, 2103);
}

#[test]
fn a_denial_leads_to_its_source_its_reliability_and_its_publication() {
    let (doc, loaded) = load();
    let store = &loaded.store;
    let claim = find(
        &doc,
        store,
        Kind::Claim,
        "any of the passports had been issued by Kyrgyz authorities",
    );
    assert_eq!(claim.attrs["stance"], "denied");
    assert_eq!(claim.attrs["credibility"], "3");
    assert_eq!(claim.attrs["quote_type"], "indirect");
    let source = related(store, claim, "attributed_to");
    assert_eq!(text_of(&doc, source), "Nurbek Asanaliev");
    assert_eq!(source.label, "person");
    let entity = store.entity(source.entity.as_deref().unwrap()).unwrap();
    assert_eq!(entity.name, "Nurbek Asanaliev");
    assert_eq!(entity.attrs["reliability"], "C");
    let publication = related(store, claim, "cites");
    assert_eq!(text_of(&doc, publication), "Vremya Vostoka");
    let outlet = store
        .entity(publication.entity.as_deref().unwrap())
        .unwrap();
    assert_eq!(outlet.attrs["reliability"], "B");
    // Both mentions of the outlet are one entity.
    assert_eq!(store.mentions_of(&outlet.id).len(), 2);
}

#[test]
fn the_anonymous_source_carries_its_own_grade() {
    let (doc, loaded) = load();
    let store = &loaded.store;
    let claim = find(
        &doc,
        store,
        Kind::Claim,
        "six men, not four, had been killed",
    );
    let source = related(store, claim, "attributed_to");
    assert_eq!(
        text_of(&doc, source),
        "A border guard official who asked not to be named"
    );
    assert_eq!(source.entity, None);
    assert_eq!(source.attrs["reliability"], "F");
    assert_eq!(source.attrs["anonymity"], "partial");
    assert_eq!(
        text_of(&doc, related(store, claim, "cites")),
        "Vestnik Alaya"
    );
}

#[test]
fn people_named_twice_are_one_entity_and_claims_relate() {
    let (doc, loaded) = load();
    let store = &loaded.store;
    let nazarov = find(&doc, store, Kind::Entity, "Bakhtiyor Nazarov");
    let mentions: Vec<&str> = store
        .mentions_of(nazarov.entity.as_deref().unwrap())
        .into_iter()
        .map(|a| text_of(&doc, a))
        .collect();
    // The entity mention, the source on the same span, and two surname-only mentions
    // (the last one inside `Nazarov's`).
    assert_eq!(
        mentions,
        [
            "Bakhtiyor Nazarov",
            "Bakhtiyor Nazarov",
            "Nazarov",
            "Nazarov"
        ]
    );
    let cash = find(
        &doc,
        store,
        Kind::Claim,
        "the group had been carrying automatic rifles, two satellite telephones and about 40,000 US dollars in cash",
    );
    assert!(cash
        .note
        .as_deref()
        .unwrap()
        .contains("Nazarov's word alone"));
    let denial = find(
        &doc,
        store,
        Kind::Claim,
        "any Tajik servicemen had been wounded",
    );
    assert_eq!(
        text_of(&doc, related(store, denial, "contradicts")),
        "two conscripts had been taken to the district hospital in Sarybel"
    );
    let hedge = find(
        &doc,
        store,
        Kind::Claim,
        "Afghan citizens may have been among the group",
    );
    assert_eq!(
        related(store, hedge, "supports").attrs["stance"],
        "asserted"
    );
}

#[test]
fn the_example_is_exactly_what_scholia_writes() {
    let (doc, loaded) = load();
    let on_disk = fs::read_to_string(sidecar::path_for(doc.path())).unwrap();
    let rendered =
        sidecar::render(&sidecar::to_file(&doc, &loaded.store, &loaded.kept).unwrap()).unwrap();
    assert!(
        rendered == on_disk,
        "the example sidecar is not in canonical form; first difference at byte {}",
        rendered
            .bytes()
            .zip(on_disk.bytes())
            .position(|(a, b)| a != b)
            .unwrap_or(rendered.len().min(on_disk.len()))
    );
}
