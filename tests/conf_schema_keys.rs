//! A brat project's `annotation.conf` extends the schema of the articles imported with
//! it: after `scholia import` (or an import in the workbench) the label picker offers its
//! types, the link picker its relation types and the stance picker its values, and the
//! sidecar's `schema` field keeps them for the next session.

mod cli_run;
mod support;

use std::fs;
use std::path::Path;

use scholia::app::action::Action;
use scholia::app::state::Overlay;
use scholia::domain::sidecar;
use scholia::formats::apply::{pick_record, ApplyOptions};
use scholia::formats::brat::parse_conf;
use scholia::formats::imported::{Format, ImportOptions};
use scholia::formats::parse;
use support::{goto, keys, open, Session};

const TEXT: &str = "Алия Бек из Казпочты заявила, что граница закрыта 🚧.\n";

const CONF: &str = "[entities]\nПерсона\nОрганизация\nSource\nCue\nContent\n\
[relations]\nРаботает_в\tArg1:Персона, Arg2:Организация\n\
[events]\nAttribution\tSource?:Source, Cue?:Cue, Content:Content\n\
[attributes]\nstance\tArg:Content, Value:asserted|rumoured\n";

/// `word`'s place in `TEXT` in code points.
fn at(word: &str) -> (usize, usize) {
    let start = TEXT[..TEXT.find(word).unwrap()].chars().count();
    (start, start + word.chars().count())
}

fn ann() -> String {
    let line = |id: &str, label: &str, word: &str| {
        let (start, end) = at(word);
        format!("{id}\t{label} {start} {end}\t{word}\n")
    };
    [
        line("T1", "Source", "Алия Бек"),
        line("T2", "Организация", "Казпочты"),
        line("T3", "Attribution", "заявила"),
        line("T4", "Content", "граница закрыта"),
        "E1\tAttribution:T3 Source:T1 Content:T4\n".to_string(),
    ]
    .concat()
}

/// The rows of the open picker.
fn picker_rows(s: &Session) -> Vec<String> {
    match s.app().overlay() {
        Some(Overlay::Picker { picker, .. }) => {
            picker.visible().map(|item| item.label.clone()).collect()
        }
        other => panic!("no picker: {other:?} {:?}", s.app().message()),
    }
}

/// Every relation type the link picker's type key cycles through from the claim.
fn link_types(s: &mut Session) -> Vec<String> {
    goto(s, "граница");
    keys(s, "L");
    let mut types = Vec::new();
    for _ in 0..40 {
        keys(s, "<tab>");
        match s.app().overlay() {
            Some(Overlay::Link(link)) => match &link.chosen {
                Some(kind) => types.push(kind.clone()),
                None => break,
            },
            other => panic!("no link picker: {other:?}"),
        }
    }
    keys(s, "<esc>");
    types
}

/// What the pickers offer on `s`: the entity labels, the relation types and the
/// stance values.
fn offered(s: &mut Session) -> (Vec<String>, Vec<String>, Vec<String>) {
    goto(s, "Казпочты");
    keys(s, "r");
    let labels = picker_rows(s);
    keys(s, "<esc>");
    let relations = link_types(s);
    goto(s, "граница");
    keys(s, "t");
    let stances = picker_rows(s);
    keys(s, "<esc>");
    (labels, relations, stances)
}

fn assert_offers_the_conf(s: &mut Session) {
    let (labels, relations, stances) = offered(s);
    for label in ["Персона", "Организация", "PERSON"] {
        assert!(labels.iter().any(|l| l == label), "{label}: {labels:?}");
    }
    assert!(
        !labels
            .iter()
            .any(|l| l == "Cue" || l == "Content" || l == "Attribution"),
        "cue words, claims and attribution events are not entity types: {labels:?}"
    );
    assert!(relations.iter().any(|r| r == "Работает_в"), "{relations:?}");
    assert!(
        relations.iter().any(|r| r == "attributed_to"),
        "{relations:?}"
    );
    assert!(stances.iter().any(|v| v == "rumoured"), "{stances:?}");
    assert!(stances.iter().any(|v| v == "denied"), "{stances:?}");
}

#[test]
fn after_scholia_import_the_workbench_offers_what_annotation_conf_declares() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.txt"), TEXT).unwrap();
    fs::write(dir.path().join("a.ann"), ann()).unwrap();
    fs::write(dir.path().join("annotation.conf"), CONF).unwrap();
    let out = cli_run::scholia_in(dir.path(), "", &["import", "a.txt", "a.ann"]);
    assert_eq!(out.status.code(), Some(0), "{}", cli_run::stderr(&out));
    let file = sidecar::read(&sidecar::path_for(&dir.path().join("a.txt")))
        .unwrap()
        .unwrap();
    assert_eq!(
        file.extra["schema"],
        serde_json::json!({
            "entity": ["Персона", "Организация"],
            "claim": ["Content"],
            "source": ["Source"],
            "relation": ["Работает_в"],
            "attributes": {"stance": ["asserted", "rumoured"]}
        })
    );
    let mut s = open(&dir.path().join("a.txt"));
    assert_offers_the_conf(&mut s);
}

#[test]
fn an_import_in_the_workbench_extends_its_schema_and_the_next_session_keeps_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.txt");
    fs::write(&path, TEXT).unwrap();
    let mut s = open(&path);
    let docs = parse(Format::Brat, &ann(), &ImportOptions::default()).unwrap();
    let mut record = pick_record(s.app().doc(), &docs).unwrap().clone();
    record.schema = parse_conf(CONF).unwrap().schema_extension();
    s.dispatch(Action::Import {
        source: "a.ann".into(),
        record: Box::new(record),
        options: ApplyOptions::default(),
    });
    assert_offers_the_conf(&mut s);
    assert!(s.save());
    drop(s);
    let mut again = open(&path);
    assert_offers_the_conf(&mut again);
    assert!(Path::new(&sidecar::path_for(&path)).exists());
}

#[test]
fn an_import_that_adds_only_labels_is_saved_too() {
    // The annotations are in the sidecar already: importing the file again adds none of
    // them, only the labels of its annotation.conf, which the sidecar must keep.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.txt");
    fs::write(&path, TEXT).unwrap();
    let docs = parse(Format::Brat, &ann(), &ImportOptions::default()).unwrap();
    let mut s = open(&path);
    let record = pick_record(s.app().doc(), &docs).unwrap().clone();
    s.dispatch(Action::Import {
        source: "a.ann".into(),
        record: Box::new(record.clone()),
        options: ApplyOptions::default(),
    });
    s.finish().unwrap();
    drop(s);
    let mut s = open(&path);
    let mut with_conf = record;
    with_conf.schema = parse_conf(CONF).unwrap().schema_extension();
    s.dispatch(Action::Import {
        source: "a.ann".into(),
        record: Box::new(with_conf),
        options: ApplyOptions::default(),
    });
    s.finish().unwrap();
    drop(s);
    let file = sidecar::read(&sidecar::path_for(&path)).unwrap().unwrap();
    assert_eq!(
        file.extra["schema"]["entity"],
        serde_json::json!(["Персона", "Организация"])
    );
    let mut again = open(&path);
    assert_offers_the_conf(&mut again);
}
