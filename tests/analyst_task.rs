//! The analyst's task of DESIGN §3 on the reference article, replayed as keys: tag
//! Shaukat Sultan as a source graded B, the claim that at least four of the killed were
//! Kazakh citizens with its stance, credibility and a note, linked to him and to the
//! Ekspress-K citation; then review the 123 spaCy suggestions. The claim takes at most
//! 50 keys beside the note's text, and the sidecar holds what the design sketches.

mod support;

use std::fs;
use std::path::Path;

use scholia::app::action::Action;
use scholia::domain::model::Status;
use scholia::domain::sidecar;
use scholia::formats::apply::{pick_record, ApplyOptions};
use scholia::formats::imported::{Format, ImportOptions};
use scholia::formats::parse;
use serde_json::Value;
use support::key_script::parse as parse_keys;
use support::{keys, session};

const NOTE: &str = "Embassy in Islamabad called the Pakistani information sketchy.";

fn reference() -> Option<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/samples");
    if !dir.exists() {
        eprintln!("skipped: ../shared/samples is absent");
        return None;
    }
    Some((
        fs::read_to_string(dir.join("kazakh-nationals-miranshah.txt")).unwrap(),
        fs::read_to_string(dir.join("kazakh-nationals-miranshah.spacy.json")).unwrap(),
    ))
}

/// The claim, as keys: each step's keys and what it does.
const CLAIM_STEPS: [(&str, &str); 14] = [
    ("/Shau <enter>", "find the speaker"),
    ("s", "tag his name as a source (a person, from the context)"),
    ("= b", "grade him B"),
    ("m <enter>", "make him an entity: the grade moves onto it"),
    ("/Eks <enter>", "find the citation"),
    (
        "s",
        "tag it as a source (a publication: it stands in the citation)",
    ),
    ("/at <space> l <enter>", "find the claim's start"),
    ("v /states <enter> e", "select to its end"),
    ("c", "tag the claim"),
    ("t a = 3", "stance asserted, credibility 3"),
    ("i", "open the note editor"),
    ("NOTE", "type the note (its text is not counted)"),
    ("<esc>", "keep the note"),
    (
        "L <enter> L <enter>",
        "link the publication (cites), then the speaker",
    ),
];

/// Five entities, as keys: find the name, tag it with its type's digit.
const ENTITY_STEPS: [(&str, &str, &str); 5] = [
    ("/AFP <enter> 2", "AFP", "ORG"),
    ("/Islam <enter> 3", "Islamabad", "GPE"),
    ("/Pakistani <space> mil <enter> 4", "Pakistani", "NORP"),
    ("/July1 <enter> 5", "July19", "DATE"),
    ("/Shau <enter> 1", "Shaukat Sultan", "PERSON"),
];

#[test]
fn the_claim_of_the_design_sketch_takes_at_most_50_keys_and_the_review_one_per_suggestion() {
    let Some((text, spacy)) = reference() else {
        return;
    };
    let (_dir, path, mut s) = session(&text);
    let docs = parse(Format::Spacy, &spacy, &ImportOptions::default()).unwrap();
    let record = pick_record(s.app().doc(), &docs).unwrap().clone();
    s.dispatch(Action::Import {
        source: "spacy.json".into(),
        record: Box::new(record),
        options: ApplyOptions::default(),
    });
    keys(&mut s, "<esc>");

    let mut pressed = 0;
    for (script, what) in CLAIM_STEPS {
        let script = if script == "NOTE" {
            NOTE.replace(' ', " <space> ")
        } else {
            pressed += parse_keys(script).len();
            script.to_string()
        };
        keys(&mut s, &script);
        let said = s
            .app()
            .message()
            .map(|m| m.text.clone())
            .unwrap_or_default();
        eprintln!("{what}: {said}");
    }
    eprintln!("the claim took {pressed} keys beside the note");
    assert!(
        pressed <= 50,
        "the claim took {pressed} keys beside the note"
    );

    let mut entity_keys = 0;
    for (script, _, _) in ENTITY_STEPS {
        entity_keys += parse_keys(script).len();
        keys(&mut s, script);
    }
    eprintln!("five entities took {entity_keys} keys");

    // The review: every suggestion decided, one key each.
    let pending = |s: &support::Session| {
        s.app()
            .store()
            .annotations()
            .iter()
            .filter(|a| a.status == Status::Pending)
            .count()
    };
    let before = pending(&s);
    eprintln!("{before} suggestions to review");
    keys(&mut s, "g r");
    let mut review_keys = 2;
    while pending(&s) > 0 && review_keys < 400 {
        keys(&mut s, "a");
        review_keys += 1;
    }
    assert_eq!(pending(&s), 0, "every suggestion decided");
    assert!(
        review_keys <= before + 2,
        "{review_keys} keys for {before} suggestions"
    );

    s.finish().unwrap();
    let file: Value =
        serde_json::from_str(&fs::read_to_string(sidecar::path_for(&path)).unwrap()).unwrap();
    check_sketch(&file);
    for (_, exact, label) in ENTITY_STEPS {
        let tagged = file["annotations"].as_array().unwrap().iter().any(|a| {
            a["kind"] == "entity"
                && a["label"] == label
                && a["quote"]["exact"] == exact
                && a["status"] == "accepted"
        });
        assert!(tagged, "no accepted {label} on {exact:?}");
    }
}

/// The concepts of the design's sketch: the speaker as a source of an entity graded B,
/// the claim with stance, credibility and note, the publication, and the two links.
fn check_sketch(file: &Value) {
    let annotations = file["annotations"].as_array().unwrap();
    let find = |kind: &str, exact: &str| {
        annotations
            .iter()
            .find(|a| a["kind"] == kind && a["quote"]["exact"] == exact)
            .unwrap_or_else(|| {
                let of_kind: Vec<&Value> = annotations
                    .iter()
                    .filter(|a| a["kind"] == kind)
                    .map(|a| &a["quote"]["exact"])
                    .collect();
                panic!("no {kind} on {exact:?}: {of_kind:?}")
            })
    };
    let speaker = find("source", "Shaukat Sultan");
    assert_eq!(speaker["label"], "person");
    assert!(speaker["attrs"]["reliability"].is_null(), "{speaker}");
    let entity = file["entities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["id"] == speaker["entity"])
        .expect("the speaker's entity");
    assert_eq!(entity["name"], "Shaukat Sultan");
    assert_eq!(entity["attrs"]["reliability"], "B");

    let claim = find(
        "claim",
        "at least four of the killed were Kazakh citizens, and that the other foreigners were from other Central Asian states",
    );
    assert_eq!(claim["label"], "factual");
    assert_eq!(claim["attrs"]["stance"], "asserted");
    assert_eq!(claim["attrs"]["credibility"], "3");
    assert_eq!(claim["note"], NOTE);
    let publication = find("source", "Ekspress-K");
    assert_eq!(publication["label"], "publication");

    let relations = file["relations"].as_array().unwrap();
    let linked = |kind: &str, to: &Value| {
        relations
            .iter()
            .any(|r| r["type"] == kind && r["from"] == claim["id"] && r["to"] == to["id"])
    };
    assert!(linked("attributed_to", speaker), "{relations:?}");
    assert!(linked("cites", publication), "{relations:?}");
}
