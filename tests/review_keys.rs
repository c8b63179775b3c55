//! Reviewing the real spaCy extraction of the reference article: every one of the 123
//! suggestions is decided with one key, the next one comes up by itself.

mod support;

use std::fs;
use std::path::Path;

use scholia::app::action::Action;
use scholia::app::panel::review_progress;
use scholia::domain::model::Status;
use scholia::domain::sidecar;
use scholia::formats::apply::{pick_record, ApplyOptions};
use scholia::formats::imported::{Format, ImportOptions};
use scholia::formats::parse;
use support::{keys, session};

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

fn reviewing(text: &str, spacy: &str) -> (tempfile::TempDir, std::path::PathBuf, support::Session) {
    let (dir, path, mut s) = session(text);
    let docs = parse(Format::Spacy, spacy, &ImportOptions::default()).unwrap();
    let record = pick_record(s.app().doc(), &docs).unwrap().clone();
    s.dispatch(Action::Import {
        source: "spacy.json".into(),
        record: Box::new(record),
        options: ApplyOptions::default(),
    });
    assert_eq!(s.app().store().annotation_count(), 123);
    (dir, path, s)
}

#[test]
fn all_123_suggestions_decided_with_one_key_each() {
    let Some((text, spacy)) = reference() else {
        return;
    };
    let (_dir, path, mut s) = reviewing(&text, &spacy);
    assert_eq!(review_progress(s.app()), "0/123 reviewed");
    // Open the Review tab: the first suggestion is current.
    keys(&mut s, "g r");
    assert_eq!(s.app().panel().tab, scholia::app::state::Tab::Review);
    let mut decided = Vec::new();
    for n in 0..123 {
        let current = s
            .app()
            .review()
            .current
            .clone()
            .expect("a suggestion is current");
        let a = s.app().store().annotation(&current).unwrap().clone();
        assert_eq!(a.status, Status::Pending);
        assert_eq!(
            s.app().cursor(),
            a.extent().start,
            "the cursor is on the suggestion"
        );
        // Model errors get fixed: "Embassy" as PERSON is rejected, "Kazakh" as ORG
        // becomes NORP (digit 4), the rest is accepted.
        let key = if a.label == "PERSON" && a.quote.exact.contains("Embassy") {
            "x"
        } else if a.label == "ORG" && a.quote.exact == "Kazakh" {
            "4"
        } else if n % 10 == 9 {
            "x"
        } else {
            "a"
        };
        keys(&mut s, key);
        decided.push((current, key));
    }
    assert_eq!(review_progress(s.app()), "123/123 reviewed");
    assert!(s.app().review().current.is_none());
    let file = sidecar::read(&sidecar::path_for(&path)).unwrap().unwrap();
    for (id, key) in decided {
        let a = file.annotations.iter().find(|a| a.id == id).unwrap();
        let want = if key == "x" {
            Status::Rejected
        } else {
            Status::Accepted
        };
        assert_eq!(a.status, want, "{id} after {key}");
        if key == "4" {
            assert_eq!(a.label, "NORP");
        }
    }
}

#[test]
fn backspace_takes_back_skip_goes_last_and_accept_all_uses_the_score() {
    let Some((text, spacy)) = reference() else {
        return;
    };
    let (_dir, _path, mut s) = reviewing(&text, &spacy);
    keys(&mut s, "g r");
    let first = s.app().review().current.clone().unwrap();
    keys(&mut s, "a");
    let second = s.app().review().current.clone().unwrap();
    keys(&mut s, "<backspace>");
    assert_eq!(s.app().review().current.as_deref(), Some(first.as_str()));
    assert_eq!(
        s.app().store().annotation(&first).unwrap().status,
        Status::Pending
    );
    keys(&mut s, "<space>");
    assert_eq!(
        s.app().review().current.as_deref(),
        Some(second.as_str()),
        "skip moves on"
    );
    assert!(
        s.app().review().queue(s.app().store()).last().unwrap().id == first,
        "skipped goes last"
    );
    // Accept all of the current label (no scores in spaCy output: all of them, once
    // the analyst confirms).
    let label = s.app().store().annotation(&second).unwrap().label.clone();
    let count = s
        .app()
        .store()
        .annotations()
        .iter()
        .filter(|a| a.label == label)
        .count();
    keys(&mut s, "A");
    let asked = s
        .app()
        .message()
        .map(|m| m.text.clone())
        .unwrap_or_default();
    assert!(
        asked.contains(&format!(
            "accept all {count} pending entity {label} (no scores"
        )),
        "{asked}"
    );
    keys(&mut s, "y");
    let accepted = s
        .app()
        .store()
        .annotations()
        .iter()
        .filter(|a| a.label == label && a.status == Status::Accepted)
        .count();
    assert_eq!(accepted, count);
    keys(&mut s, "<backspace>");
    let accepted = s
        .app()
        .store()
        .annotations()
        .iter()
        .filter(|a| a.label == label && a.status == Status::Accepted)
        .count();
    assert_eq!(accepted, 0, "one Backspace takes back the whole accept-all");
}

#[test]
fn rejected_suggestions_stay_in_the_sidecar_for_audit() {
    let Some((text, spacy)) = reference() else {
        return;
    };
    let (_dir, path, mut s) = reviewing(&text, &spacy);
    keys(&mut s, "g r x x");
    let file = sidecar::read(&sidecar::path_for(&path)).unwrap().unwrap();
    assert_eq!(file.annotations.len(), 123);
    assert_eq!(
        file.annotations
            .iter()
            .filter(|a| a.status == Status::Rejected)
            .count(),
        2
    );
}
