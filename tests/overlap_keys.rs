//! Overlapping annotations, driven by keys: `]` and `[` stop at every annotation, `;`
//! cycles through the ones under the cursor, and commands that need a claim or a source
//! find it under the cursor whatever else lies there. Also: one reliability grade per
//! source entity, and grades only on the kinds they belong to.

mod support;

use scholia::app::action::Action;
use scholia::domain::model::{Annotation, Kind, Status};
use scholia::formats::apply::ApplyOptions;
use scholia::formats::imported::{Format, ImportOptions};
use scholia::formats::parse;
use support::{goto, keys, session, Session};

/// A source and a PERSON on one name; a claim that starts with a number. The title has
/// non-ASCII text so that byte and character offsets differ.
const ARTICLE: &str = "Казахи в Мираншахе — Kazakh nationals killed\n\nCol. Shaukat Sultan, a Pakistani military official, told AFP that four of the dead were Kazakh citizens (Ekspress-K, July 19).\n";

/// The annotations of `kind`, in reading order.
fn of_kind(s: &Session, kind: Kind) -> Vec<Annotation> {
    s.app()
        .store()
        .annotations()
        .into_iter()
        .filter(|a| a.kind == kind)
        .cloned()
        .collect()
}

/// The id of the annotation commands act on.
fn focused(s: &Session) -> Option<String> {
    s.app().focused_annotation().map(|a| a.id.clone())
}

/// The status line message.
fn message(s: &Session) -> String {
    s.app()
        .message()
        .map(|m| m.text.clone())
        .unwrap_or_default()
}

/// A session where "Shaukat Sultan" is a source and a PERSON (tagged in that order).
fn person_and_source() -> (tempfile::TempDir, Session, String, String) {
    let (dir, _path, mut s) = session(ARTICLE);
    goto(&mut s, "Shaukat");
    keys(&mut s, "v e e s");
    goto(&mut s, "Shaukat");
    keys(&mut s, "v e e 1");
    // Tagging focuses the new annotation; leave it, so that the focus is the default.
    goto(&mut s, "a Pakistani");
    let person = of_kind(&s, Kind::Entity)[0].id.clone();
    let source = of_kind(&s, Kind::Source)[0].id.clone();
    (dir, s, person, source)
}

/// A session with the claim "four of the dead were Kazakh citizens" and a CARDINAL on
/// "four", its first word.
fn claim_starting_with_a_number() -> (tempfile::TempDir, Session, String, String) {
    let (dir, _path, mut s) = session(ARTICLE);
    goto(&mut s, "four of");
    keys(&mut s, "v");
    goto(&mut s, " (Ekspress");
    keys(&mut s, "<left> c");
    goto(&mut s, "four of");
    keys(&mut s, "9");
    let claim = of_kind(&s, Kind::Claim)[0].id.clone();
    let cardinal = of_kind(&s, Kind::Entity)[0].id.clone();
    assert_eq!(
        s.app().store().annotation(&cardinal).unwrap().label,
        "CARDINAL"
    );
    (dir, s, claim, cardinal)
}

#[test]
fn brackets_stop_at_both_annotations_on_one_name_longer_and_claims_first() {
    let (_dir, mut s, person, source) = person_and_source();
    keys(&mut s, "g g ]");
    let shaukat = s.app().doc().text().find("Shaukat").unwrap();
    assert_eq!(s.app().cursor(), shaukat);
    assert_eq!(
        focused(&s),
        Some(source.clone()),
        "a source before an entity"
    );
    keys(&mut s, "]");
    assert_eq!(
        s.app().cursor(),
        shaukat,
        "the second stop is at the same place"
    );
    assert_eq!(focused(&s), Some(person.clone()));
    keys(&mut s, "]");
    assert_eq!(message(&s), "no annotation after the cursor");
    assert_eq!(focused(&s), Some(person.clone()));
    keys(&mut s, "[");
    assert_eq!(focused(&s), Some(source.clone()));
    keys(&mut s, "[");
    assert_eq!(message(&s), "no annotation before the cursor");
}

#[test]
fn brackets_stop_at_a_claim_and_at_the_number_it_starts_with() {
    let (_dir, mut s, claim, cardinal) = claim_starting_with_a_number();
    keys(&mut s, "g g ]");
    assert_eq!(focused(&s), Some(claim.clone()), "the longer one first");
    keys(&mut s, "]");
    assert_eq!(focused(&s), Some(cardinal.clone()));
    keys(&mut s, "[");
    assert_eq!(focused(&s), Some(claim));
}

#[test]
fn semicolon_reaches_the_person_under_a_source_and_delete_acts_on_it() {
    let (_dir, mut s, person, source) = person_and_source();
    goto(&mut s, "Sultan");
    assert_eq!(focused(&s), Some(source.clone()));
    keys(&mut s, ";");
    assert_eq!(focused(&s), Some(person.clone()));
    keys(&mut s, ";");
    assert_eq!(focused(&s), Some(source.clone()), "the cycle wraps");
    keys(&mut s, "; d");
    assert!(
        s.app().store().annotation(&person).is_none(),
        "the PERSON is gone"
    );
    assert!(
        s.app().store().annotation(&source).is_some(),
        "the source stays"
    );
    keys(&mut s, "u");
    assert!(s.app().store().annotation(&person).is_some());
    assert_eq!(focused(&s), Some(person), "undo brings the focus back too");
}

#[test]
fn merge_relabel_and_note_act_on_the_focused_annotation() {
    let (_dir, mut s, person, source) = person_and_source();
    goto(&mut s, "Shaukat");
    keys(&mut s, "; m <enter>");
    assert!(s
        .app()
        .store()
        .annotation(&person)
        .unwrap()
        .entity
        .is_some());
    assert!(s
        .app()
        .store()
        .annotation(&source)
        .unwrap()
        .entity
        .is_none());
    keys(&mut s, "i aka <space> Sultan <esc>");
    assert_eq!(
        s.app().store().annotation(&person).unwrap().note.as_deref(),
        Some("aka Sultan")
    );
    assert_eq!(s.app().store().annotation(&source).unwrap().note, None);
}

#[test]
fn focus_resets_when_the_cursor_leaves_it() {
    let (_dir, mut s, person, source) = person_and_source();
    goto(&mut s, "Shaukat");
    keys(&mut s, ";");
    assert_eq!(focused(&s), Some(person.clone()));
    keys(&mut s, "l");
    assert_eq!(focused(&s), Some(person), "still under the cursor");
    keys(&mut s, "w w b b");
    assert_eq!(
        focused(&s),
        Some(source),
        "back on the name after leaving it: the default again"
    );
}

#[test]
fn stance_and_grade_find_the_claim_behind_the_number_it_starts_with() {
    let (_dir, mut s, claim, cardinal) = claim_starting_with_a_number();
    goto(&mut s, "four of");
    assert_eq!(
        focused(&s),
        Some(cardinal.clone()),
        "the innermost by default"
    );
    keys(&mut s, "t a");
    keys(&mut s, "= 3");
    let claim = s.app().store().annotation(&claim).unwrap().clone();
    assert_eq!(
        claim.attrs.get("stance").map(String::as_str),
        Some("asserted")
    );
    assert_eq!(
        claim.attrs.get("credibility").map(String::as_str),
        Some("3")
    );
    assert!(s
        .app()
        .store()
        .annotation(&cardinal)
        .unwrap()
        .attrs
        .is_empty());
}

#[test]
fn link_finds_the_claim_behind_the_number_it_starts_with() {
    let (_dir, mut s, claim, _cardinal) = claim_starting_with_a_number();
    goto(&mut s, "Ekspress-K");
    keys(&mut s, "v e e s");
    goto(&mut s, "four of");
    keys(&mut s, "L <enter>");
    assert_eq!(s.app().store().relations_from(&claim).len(), 1);
}

#[test]
fn two_claims_behind_a_number_ask_which_until_one_is_focused() {
    let (_dir, mut s, outer, cardinal) = claim_starting_with_a_number();
    goto(&mut s, "four of");
    keys(&mut s, "v e e e c");
    let inner = of_kind(&s, Kind::Claim)
        .into_iter()
        .find(|a| a.id != outer)
        .unwrap()
        .id;
    goto(&mut s, "were");
    goto(&mut s, "four of");
    assert_eq!(focused(&s), Some(cardinal));
    keys(&mut s, "t");
    assert!(s.app().overlay().is_none(), "no stance picker");
    let said = message(&s);
    assert!(
        said.contains(&outer) && said.contains(&inner) && said.contains(';'),
        "{said}"
    );
    keys(&mut s, ";");
    assert_eq!(focused(&s), Some(outer.clone()), "the longest first");
    keys(&mut s, "t d");
    assert_eq!(
        s.app()
            .store()
            .annotation(&outer)
            .unwrap()
            .attrs
            .get("stance"),
        Some(&"denied".to_string())
    );
    assert!(s.app().store().annotation(&inner).unwrap().attrs.is_empty());
}

#[test]
fn grade_refuses_an_entity_and_offers_reliability_only_for_a_source() {
    let (_dir, _path, mut s) = session(ARTICLE);
    goto(&mut s, "Shaukat");
    keys(&mut s, "v e e 1 =");
    assert!(s.app().overlay().is_none(), "no grade picker on an entity");
    assert!(message(&s).contains("source"), "{}", message(&s));
    let (_dir, mut s, claim, _) = claim_starting_with_a_number();
    goto(&mut s, "dead were");
    keys(&mut s, "= B");
    assert!(
        s.app().store().annotation(&claim).unwrap().attrs.is_empty(),
        "B is not a credibility: a claim is not offered reliability"
    );
}

#[test]
fn merging_a_graded_source_moves_its_grade_onto_the_new_entity() {
    let (_dir, mut s, _person, source) = person_and_source();
    goto(&mut s, "Shaukat");
    keys(&mut s, "= B m <enter>");
    let mention = s.app().store().annotation(&source).unwrap().clone();
    let entity = s
        .app()
        .store()
        .entity(mention.entity.as_ref().unwrap())
        .unwrap();
    assert_eq!(
        entity.attrs.get("reliability").map(String::as_str),
        Some("B")
    );
    assert_eq!(mention.attrs.get("reliability"), None, "one grade, not two");
}

/// A source "Sultan" graded `entity_grade` on its entity, and a source "Shaukat Sultan"
/// graded `mention_grade` with no entity yet; the cursor on the latter.
fn two_graded_sources(entity_grade: &str, mention_grade: &str) -> (tempfile::TempDir, Session) {
    let text = format!("{ARTICLE}Sultan later denied it.\n");
    let (dir, _path, mut s) = session(&text);
    goto(&mut s, "Sultan later");
    keys(&mut s, &format!("s m <enter> = {entity_grade}"));
    goto(&mut s, "Shaukat");
    keys(&mut s, &format!("v e e s = {mention_grade}"));
    (dir, s)
}

#[test]
fn merging_into_an_entity_graded_otherwise_asks_which_grade_to_keep() {
    let (_dir, mut s) = two_graded_sources("A", "B");
    let before = s.app().store().revision();
    keys(&mut s, "m <enter>");
    assert!(s.app().overlay().is_some(), "a question: keep A or B");
    assert_eq!(
        s.app().store().revision(),
        before,
        "nothing merged before the answer"
    );
    keys(&mut s, "<down> <enter>");
    let sources = of_kind(&s, Kind::Source);
    let entity = s.app().store().entities()[0].clone();
    assert!(sources
        .iter()
        .all(|a| a.entity.as_deref() == Some(&entity.id)));
    assert!(sources.iter().all(|a| !a.attrs.contains_key("reliability")));
    assert_eq!(
        entity.attrs.get("reliability").map(String::as_str),
        Some("B")
    );
    keys(&mut s, "u");
    let shaukat = of_kind(&s, Kind::Source)
        .into_iter()
        .find(|a| a.quote.exact == "Shaukat Sultan")
        .unwrap();
    assert_eq!(shaukat.entity, None, "one undo takes the whole merge back");
    assert_eq!(
        shaukat.attrs.get("reliability").map(String::as_str),
        Some("B")
    );
    assert_eq!(
        s.app().store().entities()[0]
            .attrs
            .get("reliability")
            .map(String::as_str),
        Some("A")
    );
}

#[test]
fn merging_into_an_entity_keeping_its_grade_drops_the_mentions() {
    let (_dir, mut s) = two_graded_sources("A", "B");
    keys(&mut s, "m <enter> <enter>");
    let entity = s.app().store().entities()[0].clone();
    assert_eq!(
        entity.attrs.get("reliability").map(String::as_str),
        Some("A")
    );
    assert!(of_kind(&s, Kind::Source)
        .iter()
        .all(|a| !a.attrs.contains_key("reliability")));
}

#[test]
fn merging_into_an_entity_with_the_same_grade_asks_nothing() {
    let (_dir, mut s) = two_graded_sources("C", "C");
    keys(&mut s, "m <enter>");
    assert!(s.app().overlay().is_none());
    let entity = s.app().store().entities()[0].clone();
    assert_eq!(
        entity.attrs.get("reliability").map(String::as_str),
        Some("C")
    );
    assert!(of_kind(&s, Kind::Source)
        .iter()
        .all(|a| !a.attrs.contains_key("reliability")));
}

#[test]
fn grading_the_entity_of_a_source_graded_apart_leaves_one_grade() {
    let (dir, path, s) = session(ARTICLE);
    drop(s);
    // A sidecar as older versions left it: B on the mention, A on its entity.
    let mut s = support::open(&path);
    goto(&mut s, "Shaukat");
    keys(&mut s, "v e e s m <enter> = A");
    let source = of_kind(&s, Kind::Source)[0].id.clone();
    let sidecar = scholia::domain::sidecar::path_for(&path);
    drop(s);
    let text = std::fs::read_to_string(&sidecar).unwrap();
    let mut json: serde_json::Value = serde_json::from_str(&text).unwrap();
    json["annotations"][0]["attrs"] = serde_json::json!({"reliability": "B"});
    std::fs::write(&sidecar, serde_json::to_string_pretty(&json).unwrap()).unwrap();
    let mut s = support::open(&path);
    assert_eq!(
        s.app()
            .store()
            .annotation(&source)
            .unwrap()
            .attrs
            .get("reliability"),
        Some(&"B".to_string())
    );
    goto(&mut s, "Shaukat");
    keys(&mut s, "= C");
    let mention = s.app().store().annotation(&source).unwrap().clone();
    assert_eq!(mention.attrs.get("reliability"), None);
    let entity = s
        .app()
        .store()
        .entity(mention.entity.as_ref().unwrap())
        .unwrap();
    assert_eq!(
        entity.attrs.get("reliability").map(String::as_str),
        Some("C")
    );
    drop(dir);
}

#[test]
fn accept_takes_the_suggestion_under_the_cursor_behind_an_accepted_name() {
    let (_dir, _path, mut s) = session(ARTICLE);
    goto(&mut s, "Shaukat");
    keys(&mut s, "1");
    let chars = |needle: &str| {
        let byte = ARTICLE.find(needle).unwrap();
        let start = ARTICLE[..byte].chars().count();
        (start, start + needle.chars().count())
    };
    let (kazakh, name) = (chars("Kazakh nationals"), chars("Shaukat Sultan"));
    let line = format!(
        "{{\"text\": {}, \"ents\": [{{\"start\": {}, \"end\": {}, \"label\": \"NORP\"}}, {{\"start\": {}, \"end\": {}, \"label\": \"ORG\"}}]}}\n",
        serde_json::to_string(ARTICLE).unwrap(),
        kazakh.0,
        kazakh.0 + 6,
        name.0,
        name.1
    );
    let docs = parse(Format::Spacy, &line, &ImportOptions::default()).unwrap();
    s.dispatch(Action::Import {
        source: "spacy.jsonl".into(),
        record: Box::new(docs[0].clone()),
        options: ApplyOptions::default(),
    });
    goto(&mut s, "Sultan");
    goto(&mut s, "Shaukat");
    assert_eq!(
        s.app().focused_annotation().map(|a| a.label.as_str()),
        Some("PERSON"),
        "the accepted name is the innermost"
    );
    keys(&mut s, "a");
    let status = |label: &str| {
        s.app()
            .store()
            .annotations()
            .into_iter()
            .find(|a| a.label == label)
            .map(|a| a.status)
    };
    assert_eq!(status("ORG"), Some(Status::Accepted));
    assert_eq!(
        status("NORP"),
        Some(Status::Pending),
        "not the head of the queue"
    );
}

#[test]
fn bracket_from_an_outer_claim_stops_at_the_number_starting_under_the_cursor() {
    let (_dir, _path, mut s) = session(ARTICLE);
    goto(&mut s, "Col.");
    keys(&mut s, "V c");
    goto(&mut s, "four of");
    keys(&mut s, "9");
    let claim = of_kind(&s, Kind::Claim)[0].id.clone();
    let cardinal = of_kind(&s, Kind::Entity)[0].id.clone();
    goto(&mut s, "were");
    goto(&mut s, "four of");
    keys(&mut s, ";");
    assert_eq!(focused(&s), Some(claim));
    keys(&mut s, "]");
    assert_eq!(focused(&s), Some(cardinal), "not skipped");
    assert_eq!(s.app().cursor(), ARTICLE.find("four of").unwrap());
}
