//! Settling two analysts' disagreements by keys in the adjudication view: each key
//! decides the highlighted disagreement as one step, undo takes a decision back, and the
//! output records whose version each annotation is.

mod adjudication_support;
mod support;

use std::path::Path;

use adjudication_support::{args, write_fixture, DISAGREEMENTS};
use scholia::app::action::Action;
use scholia::app::adjudication::progress;
use scholia::app::panel;
use scholia::app::state::{Focus, Tab};
use scholia::commands::adjudicate::{open, plan};
use scholia::domain::model::{Annotation, Kind};
use scholia::domain::sidecar;
use support::{goto, keys, Session};

fn adjudicating(article: &Path, sidecars: &[&Path], out: Option<&Path>) -> Session {
    let args = args(article, sidecars, out);
    let start = plan(&args).expect("the plan");
    let mut session = open(&args, start, &support::options()).expect("opens");
    session.dispatch(Action::Resize(120, 40));
    session
}

/// The rows' text of the Adjudication tab.
fn rows(s: &Session) -> Vec<String> {
    panel::rows(s.app(), Tab::Adjudication)
        .into_iter()
        .map(|r| r.text)
        .collect()
}

/// (label, words, adjudicated_from) of every annotation of `kind` in `out`.
fn saved(out: &Path, kind: Kind) -> Vec<(String, String, Option<String>)> {
    let file = sidecar::read(out).unwrap().expect("written");
    assert!(
        file.annotations.iter().all(|a| a.conflict.is_none()),
        "settled annotations carry no conflict mark"
    );
    file.annotations
        .iter()
        .filter(|a| a.kind == kind)
        .map(|a: &Annotation| {
            (
                a.label.to_string(),
                a.quote.exact.to_string(),
                a.origin.adjudicated_from.clone(),
            )
        })
        .collect()
}

#[test]
fn every_kind_of_disagreement_is_listed_in_reading_order() {
    let dir = tempfile::tempdir().unwrap();
    let (article, a, b) = write_fixture(dir.path());
    let s = adjudicating(&article, &[&a, &b], None);
    assert_eq!(s.app().panel().tab, Tab::Adjudication);
    assert_eq!(s.app().focus(), Focus::Panel);
    assert_eq!(progress(s.app()), format!("0/{DISAGREEMENTS} decided"));
    assert_eq!(
        rows(&s),
        vec![
            "boundaries · Министр Иванов",
            "link · граница закрыта",
            "label · Казинформ",
            "stance · переговоры в Астане продолжатся в марте",
            "only in A · марте",
            "only in B · Петров",
            "grade · это временная мера",
        ]
    );
    // The article shows the first disagreement.
    assert_eq!(s.app().cursor(), 0);
}

#[test]
fn each_key_settles_one_disagreement_and_the_output_says_whose_version_it_kept() {
    let dir = tempfile::tempdir().unwrap();
    let (article, a, b) = write_fixture(dir.path());
    let out = dir.path().join("settled.scholia.json");
    let mut s = adjudicating(&article, &[&a, &b], Some(&out));
    // boundaries: A; link: A; label: B; stance: both; only in A: neither; only in B: B.
    keys(&mut s, "<alt-1> <alt-1> <alt-2> + - <alt-2>");
    assert_eq!(progress(s.app()), "6/7 decided");
    assert_eq!(rows(&s), vec!["grade · это временная мера"]);
    keys(&mut s, "<alt-2>");
    assert_eq!(progress(s.app()), "7/7 decided");
    assert!(s.save());
    assert_eq!(
        saved(&out, Kind::Entity),
        vec![
            ("PERSON".into(), "Министр Иванов".into(), Some("A".into())),
            ("GPE".into(), "Казинформ".into(), Some("B".into())),
            ("GPE".into(), "Астане".into(), Some("A+B".into())),
            ("PERSON".into(), "Петров".into(), Some("B".into())),
        ]
    );
    let file = sidecar::read(&out).unwrap().unwrap();
    let stances: Vec<(&str, Option<&str>)> = file
        .annotations
        .iter()
        .filter(|a| a.quote.exact.starts_with("переговоры"))
        .map(|a| {
            (
                a.attrs["stance"].as_str(),
                a.origin.adjudicated_from.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        stances,
        vec![("asserted", Some("A")), ("hedged", Some("B"))]
    );
    let grade = file
        .annotations
        .iter()
        .find(|a| a.quote.exact == "это временная мера")
        .unwrap();
    assert_eq!(grade.attrs["credibility"], "4");
    // A's link from the claim to its source was kept with A's claim.
    let claim = file
        .annotations
        .iter()
        .find(|a| a.quote.exact == "граница закрыта")
        .unwrap();
    assert_eq!(claim.origin.adjudicated_from.as_deref(), Some("A"));
    assert!(file
        .relations
        .iter()
        .any(|r| r.from == claim.id && r.kind == "attributed_to"));
    // Spans are written in code points on the Cyrillic text.
    let petrov = file
        .annotations
        .iter()
        .find(|a| a.quote.exact == "Петров")
        .unwrap();
    let start = adjudication_support::ARTICLE
        .chars()
        .collect::<String>()
        .find("Петров")
        .unwrap();
    let chars = adjudication_support::ARTICLE[..start].chars().count();
    assert_eq!(petrov.spans[0].start, chars);
    assert_eq!(petrov.spans[0].end, chars + 6);
}

#[test]
fn undo_takes_a_decision_back_and_redo_makes_it_again() {
    let dir = tempfile::tempdir().unwrap();
    let (article, a, b) = write_fixture(dir.path());
    let mut s = adjudicating(&article, &[&a, &b], None);
    keys(&mut s, "<alt-2>");
    assert_eq!(progress(s.app()), "1/7 decided");
    assert!(s
        .app()
        .store()
        .iter_annotations()
        .all(|a| a.quote.exact != "Министр Иванов"));
    keys(&mut s, "u");
    assert_eq!(progress(s.app()), "0/7 decided");
    assert_eq!(rows(&s)[0], "boundaries · Министр Иванов");
    keys(&mut s, "<ctrl-r>");
    assert_eq!(progress(s.app()), "1/7 decided");
}

#[test]
fn a_disagreement_under_the_cursor_is_settled_from_the_article_and_hand_edits_work() {
    let dir = tempfile::tempdir().unwrap();
    let (article, a, b) = write_fixture(dir.path());
    let mut s = adjudicating(&article, &[&a, &b], None);
    keys(&mut s, "<tab>");
    assert_eq!(s.app().focus(), Focus::Article);
    goto(&mut s, "Петров");
    keys(&mut s, "-");
    assert!(s
        .app()
        .store()
        .iter_annotations()
        .all(|a| a.quote.exact != "Петров"));
    assert!(!rows(&s).iter().any(|r| r.contains("Петров")));
    // Edit by hand with the ordinary keys: delete one version, keep what is left.
    goto(&mut s, "Казинформ");
    keys(&mut s, "d");
    let left = |s: &Session| -> Vec<bool> {
        s.app()
            .store()
            .iter_annotations()
            .filter(|a| a.quote.exact == "Казинформ")
            .map(|a| a.conflict.is_some())
            .collect()
    };
    assert_eq!(left(&s), vec![true], "d deleted one version by hand");
    keys(&mut s, "+");
    assert_eq!(left(&s), vec![false], "the version left is settled");
    assert_eq!(progress(s.app()), "2/7 decided");
}

#[test]
fn a_key_outside_any_disagreement_says_so_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (article, a, b) = write_fixture(dir.path());
    let mut s = adjudicating(&article, &[&a, &b], None);
    keys(&mut s, "<tab>");
    goto(&mut s, "Эксперт");
    let revision = s.app().store().revision();
    keys(&mut s, "<alt-1>");
    assert_eq!(s.app().store().revision(), revision);
    let message = s.app().message().expect("a message").text.clone();
    assert!(message.contains("no disagreement here"), "{message}");
}

#[test]
fn a_third_side_key_with_two_sides_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let (article, a, b) = write_fixture(dir.path());
    let mut s = adjudicating(&article, &[&a, &b], None);
    keys(&mut s, "<alt-3>");
    assert_eq!(progress(s.app()), "0/7 decided");
    let message = s.app().message().expect("a message").text.clone();
    assert!(message.contains("no side 3"), "{message}");
}

/// The article with its own sidecar holding one conflict a merge left: the two
/// branches labelled «Казинформ» differently.
fn merged(dir: &Path) -> std::path::PathBuf {
    use scholia::domain::document::{Document, DEFAULT_MAX_SIZE};
    use scholia::domain::model::Conflict;
    use scholia::domain::sidecar::Kept;
    use scholia::domain::store::Store;
    let article = dir.join("article.txt");
    std::fs::write(&article, adjudication_support::ARTICLE).unwrap();
    let doc = Document::load(&article, DEFAULT_MAX_SIZE).unwrap();
    let version = |id: &str, label: &str, side: &str| {
        let mut a = adjudication_support::on(&doc, id, Kind::Entity, label, "Казинформ");
        a.conflict = Some(Box::new(Conflict {
            set: "k1".into(),
            side: side.into(),
            base: Some("a4".into()),
            extra: Default::default(),
        }));
        a
    };
    let kept = adjudication_support::on(&doc, "a1", Kind::Entity, "GPE", "Астане");
    let store = Store::from_parts(
        vec![
            kept,
            version("a4", "ORG", "ours"),
            version("a5", "GPE", "theirs"),
        ],
        Vec::new(),
        Vec::new(),
    );
    sidecar::save(
        &doc,
        &store,
        &Kept::default(),
        &sidecar::path_for(&article),
        false,
    )
    .unwrap();
    article
}

#[test]
fn the_conflicts_a_merge_left_open_in_the_same_view_and_settle_into_the_own_sidecar() {
    let dir = tempfile::tempdir().unwrap();
    let article = merged(dir.path());
    let mut s = adjudicating(&article, &[], None);
    assert_eq!(progress(s.app()), "0/1 decided");
    assert_eq!(rows(&s), vec!["label · Казинформ"]);
    keys(&mut s, "<alt-2>");
    assert!(s.save());
    let own = sidecar::path_for(&article);
    assert_eq!(
        saved(&own, Kind::Entity),
        vec![
            ("GPE".into(), "Казинформ".into(), Some("theirs".into())),
            ("GPE".into(), "Астане".into(), None),
        ]
    );
}

#[test]
fn bad_requests_are_one_sentence_and_write_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (article, a, b) = write_fixture(dir.path());
    let code = |sidecars: &[&Path], out: Option<&Path>| {
        plan(&args(&article, sidecars, out))
            .map(|_| ())
            .unwrap_err()
    };
    let one = code(&[&a], None);
    assert_eq!(one.code, 2);
    assert!(
        one.message.contains("two or more sidecars"),
        "{}",
        one.message
    );
    let none = code(&[], None);
    assert!(
        none.message
            .contains("does not exist: there are no conflicts to settle"),
        "{}",
        none.message
    );
    let missing = code(&[&a, &dir.path().join("carol.scholia.json")], None);
    assert!(
        missing.message.contains("no such sidecar"),
        "{}",
        missing.message
    );
    // OUT holds an analyst's work that is not among the inputs: refused, untouched.
    let before = std::fs::read(&a).unwrap();
    let taken = code(&[&b, &b], Some(&a));
    assert!(
        taken.message.contains("already holds 8 annotations"),
        "{}",
        taken.message
    );
    assert_eq!(std::fs::read(&a).unwrap(), before);
    assert!(!sidecar::path_for(&article).exists());
}

#[test]
fn an_unfinished_adjudication_is_taken_up_again_from_its_output() {
    let dir = tempfile::tempdir().unwrap();
    let (article, a, b) = write_fixture(dir.path());
    let out = dir.path().join("settled.scholia.json");
    let mut s = adjudicating(&article, &[&a, &b], Some(&out));
    keys(&mut s, "<alt-1>");
    assert!(s.save());
    drop(s);
    let mut s = adjudicating(&article, &[], Some(&out));
    assert_eq!(progress(s.app()), "0/6 decided");
    assert_eq!(rows(&s)[0], "link · граница закрыта");
    keys(&mut s, "<alt-2>");
    assert!(s.save());
    let file = sidecar::read(&out).unwrap().unwrap();
    let claims: Vec<Option<&str>> = file
        .annotations
        .iter()
        .filter(|a| a.quote.exact == "граница закрыта")
        .map(|a| a.origin.adjudicated_from.as_deref())
        .collect();
    assert_eq!(claims, vec![Some("B")], "alt-2 is still B");
}

#[test]
fn with_confirm_agreements_the_agreements_wait_for_a_key_too() {
    let dir = tempfile::tempdir().unwrap();
    let (article, a, b) = write_fixture(dir.path());
    let out = dir.path().join("settled.scholia.json");
    let mut args = args(&article, &[&a, &b], Some(&out));
    args.confirm_agreements = true;
    let start = plan(&args).unwrap();
    let mut s = open(&args, start, &support::options()).unwrap();
    assert_eq!(progress(s.app()), "0/9 decided");
    assert_eq!(rows(&s)[1], "agreed by A+B · Иванов");
    // Keep the boundaries' A, then confirm the agreement with A's key.
    keys(&mut s, "<alt-1> <alt-1>");
    assert_eq!(progress(s.app()), "2/9 decided");
    assert!(s.save());
    let file = sidecar::read(&out).unwrap().unwrap();
    let source = file
        .annotations
        .iter()
        .find(|a| a.label == "person")
        .unwrap();
    assert_eq!(source.conflict, None);
    assert_eq!(source.origin.adjudicated_from.as_deref(), Some("A+B"));
}
