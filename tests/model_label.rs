//! The model's own label, score and marked text survive the analyst's corrections, the
//! status line says what changed, and `scholia stats` turns them into per-label
//! precision of the model's suggestions.

mod support;

use std::process::Command;

use scholia::app::action::Action;
use scholia::domain::model::Annotation;
use scholia::domain::sidecar;
use scholia::formats::imported::Format;
use support::pretend_model::{byte_of, spacy_json, TEXT};
use support::{import, keys, session, Session};

/// A session on [`TEXT`] with the suggestions imported from a spaCy file.
fn reviewing() -> (tempfile::TempDir, std::path::PathBuf, Session) {
    let (dir, path, mut s) = session(TEXT);
    import(&mut s, Format::Spacy, &spacy_json());
    (dir, path, s)
}

fn go(s: &mut Session, needle: &str, n: usize) {
    s.dispatch(Action::GoTo(byte_of(needle, n)));
}

fn message(s: &Session) -> String {
    s.app()
        .message()
        .map(|m| m.text.clone())
        .unwrap_or_default()
}

/// The saved annotation on the `n`th occurrence of `needle` (by where it starts).
fn saved(path: &std::path::Path, needle: &str, n: usize) -> Annotation {
    let start = TEXT[..byte_of(needle, n)].chars().count();
    let file = sidecar::read(&sidecar::path_for(path)).unwrap().unwrap();
    file.annotations
        .into_iter()
        .find(|a| a.spans.first().is_some_and(|s| s.start == start))
        .unwrap_or_else(|| panic!("nothing saved on {needle:?} #{n}"))
}

#[test]
fn relabelling_a_suggestion_keeps_the_model_label_and_says_so() {
    let (_dir, path, mut s) = reviewing();
    // A digit on a suggestion relabels and accepts it.
    go(&mut s, "Kazakh", 1);
    keys(&mut s, "4");
    assert!(
        message(&s).contains("relabelled ORG → NORP"),
        "{}",
        message(&s)
    );
    let kazakh = saved(&path, "Kazakh", 1);
    assert_eq!(kazakh.label, "NORP");
    assert_eq!(kazakh.origin.label.as_deref(), Some("ORG"));
    assert_eq!(kazakh.origin.by, "spacy");
    // The relabel picker does the same; relabelling again keeps the model's label.
    go(&mut s, "Ekspress-K", 0);
    keys(&mut s, "r 4");
    assert!(
        message(&s).contains("relabelled ORG → NORP"),
        "{}",
        message(&s)
    );
    keys(&mut s, "r 3");
    assert!(
        message(&s).contains("relabelled NORP → GPE"),
        "{}",
        message(&s)
    );
    let ekspress = saved(&path, "Ekspress-K", 0);
    assert_eq!(ekspress.label, "GPE");
    assert_eq!(ekspress.origin.label.as_deref(), Some("ORG"));
    // In the file it sits inside "origin", beside the tool.
    let raw = std::fs::read_to_string(sidecar::path_for(&path)).unwrap();
    assert!(
        raw.contains("\"by\": \"spacy\",\n        \"label\": \"ORG\""),
        "{raw}"
    );
}

#[test]
fn a_relabelled_or_resized_suggestion_keeps_its_score_and_the_text_the_model_marked() {
    let (_dir, path, mut s) = session(TEXT);
    let start = TEXT[..byte_of("Delovaya Nedelya", 0)]
        .encode_utf16()
        .count();
    let file = format!(
        r#"[{{"data": {{"text": {}}}, "predictions": [{{"model_version": "m1", "result": [
            {{"type": "labels", "from_name": "label", "to_name": "text",
              "value": {{"start": {start}, "end": {}, "text": "Delovaya Nedelya", "labels": ["ORG"]}},
              "score": 0.8}}]}}]}}]"#,
        serde_json::to_string(TEXT).unwrap(),
        start + "Delovaya Nedelya".len()
    );
    import(&mut s, Format::LabelStudio, &file);
    go(&mut s, "Delovaya", 0);
    // The end a word left: the model marked two words, the analyst keeps one.
    keys(&mut s, ",");
    let a = saved(&path, "Delovaya", 0);
    assert_eq!(a.quote.exact, "Delovaya");
    assert_eq!(a.origin.exact.as_deref(), Some("Delovaya Nedelya"));
    assert_eq!(a.origin.score, Some(0.8));
    // Moving it back and forth keeps what the model marked first.
    keys(&mut s, ". , r 4");
    let a = saved(&path, "Delovaya", 0);
    assert_eq!(a.origin.exact.as_deref(), Some("Delovaya Nedelya"));
    assert_eq!(a.origin.label.as_deref(), Some("ORG"));
    assert_eq!(a.origin.score, Some(0.8));
    assert_eq!(a.origin.model.as_deref(), Some("m1"));
}

#[test]
fn stats_reports_per_label_precision_of_the_model_suggestions() {
    let (dir, path, mut s) = reviewing();
    go(&mut s, "Kazakhstan", 0);
    keys(&mut s, "a"); // GPE as is
    go(&mut s, "Monday", 0);
    keys(&mut s, "x"); // DATE rejected
    go(&mut s, "Delovaya", 0);
    keys(&mut s, ", a"); // ORG resized
    go(&mut s, "Delovaya", 1);
    keys(&mut s, "a"); // ORG as is
    go(&mut s, "Ekspress-K", 0);
    keys(&mut s, "r 4"); // ORG relabelled
    go(&mut s, "Kazakh", 1);
    keys(&mut s, "4"); // ORG relabelled; Алматы (GPE) stays pending
    drop(s);
    let run = |extra: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_scholia"))
            .arg("stats")
            .arg(&path)
            .args(extra)
            .current_dir(dir.path())
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
        String::from_utf8(out.stdout).unwrap()
    };
    let text = run(&[]);
    for line in [
        "spacy ORG: as is 1, relabelled 2, resized 1, rejected 0, pending 0; precision 0.25 (1 of 4)",
        "spacy GPE: as is 1, relabelled 0, resized 0, rejected 0, pending 1; precision 1.00 (1 of 1)",
        "spacy DATE: as is 0, relabelled 0, resized 0, rejected 1, pending 0; precision 0.00 (0 of 1)",
    ] {
        assert!(text.contains(line), "{line:?} missing from:\n{text}");
    }
    assert!(!text.contains("spacy NORP"), "{text}");
    let json: serde_json::Value = serde_json::from_str(run(&["--json"]).trim()).unwrap();
    let org = json["suggestions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["label"] == "ORG")
        .unwrap();
    assert_eq!(org["by"], "spacy");
    assert_eq!(org["as_is"], 1);
    assert_eq!(org["relabelled"], 2);
    assert_eq!(org["resized"], 1);
    assert_eq!(org["rejected"], 0);
    assert_eq!(org["pending"], 0);
    assert_eq!(org["decided"], 4);
    assert_eq!(org["precision"], 0.25);
}
