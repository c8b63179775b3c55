//! An article changed since its sidecar was written: a sentence deleted, another said
//! again in other words, a note inserted at the top. `import`, `extract` and the
//! workbench report what the load did to the annotations already in the sidecar; the one
//! moved to another occurrence of its words waits in the review queue, and the one whose
//! sentence is gone becomes an orphan rather than landing on other words.

mod support;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use scholia::app::review::awaits_review;
use scholia::app::state::Tab;
use scholia::domain::anchor::{quote_for, REANCHORED_KEY};
use scholia::domain::document::Document;
use scholia::domain::model::{Annotation, Kind, Span, Status};
use scholia::domain::sidecar::{self, Kept, SidecarFile};
use scholia::domain::store::Store;
use scholia::formats::apply::{apply, pick_record, ApplyOptions};
use scholia::formats::imported::{Format, ImportOptions};
use scholia::formats::parse;
use support::keys;

const BEFORE: &str = "Briefing in Almaty on Monday, with officials from three ministries present. \
Sultan denied the report by Reuters on Monday. \
Later, in Geneva, the delegation met and Tokayev spoke at length about the border incident. \
Reuters had no comment, officials said.";

const AFTER: &str = "EDITOR'S NOTE ✨: updated 👍🏽.\n\n\
Briefing in Almaty on Monday, with officials from three ministries present. \
Later, in Geneva, the delegation met and Tokayev spoke at length about the border incident. \
Asked again, Sultan denied the report by AP. \
Reuters had no comment, officials said.";

/// Writes the article as it was with a sidecar of three accepted annotations (a1
/// "Tokayev", a2 "Sultan", a3 the first "Reuters"), then changes the article.
fn changed_article(dir: &Path) -> PathBuf {
    let article = dir.join("article.txt");
    fs::write(&article, BEFORE).unwrap();
    let doc = Document::load(&article, 1 << 20).unwrap();
    let mut store = Store::new();
    for (id, kind, label, words) in [
        ("a1", Kind::Entity, "PERSON", "Tokayev"),
        ("a2", Kind::Source, "person", "Sultan"),
        ("a3", Kind::Source, "publication", "Reuters"),
    ] {
        let start = BEFORE.find(words).unwrap();
        let mut a = Annotation::new(id, kind, label, vec![Span::new(start, start + words.len())]);
        a.quote = quote_for(&doc, &a.spans);
        store.insert_annotation(a);
    }
    let path = sidecar::path_for(&article);
    sidecar::save(&doc, &store, &Kept::default(), &path, false).unwrap();
    fs::write(&article, AFTER).unwrap();
    article
}

fn scholia(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_scholia"))
        .args(args)
        .env("SCHOLIA_NO_USER_CONFIG", "1")
        .output()
        .unwrap()
}

fn sidecar_of(article: &Path) -> SidecarFile {
    sidecar::read(&sidecar::path_for(article)).unwrap().unwrap()
}

fn find<'a>(file: &'a SidecarFile, id: &str) -> &'a Annotation {
    file.annotations.iter().find(|a| a.id == id).unwrap()
}

/// The code-point span of the `nth` occurrence of `words` in `AFTER`.
fn chars_of(words: &str, nth: usize) -> Span {
    let start = AFTER.match_indices(words).nth(nth).unwrap().0;
    let start = AFTER[..start].chars().count();
    Span::new(start, start + words.chars().count())
}

#[test]
fn import_on_a_changed_article_prints_what_the_load_moved_and_orphaned() {
    let dir = tempfile::tempdir().unwrap();
    let article = changed_article(dir.path());
    let almaty = chars_of("Almaty", 0);
    let ann = dir.path().join("article.ann");
    fs::write(
        &ann,
        format!("T1\tGPE {} {}\tAlmaty\n", almaty.start, almaty.end),
    )
    .unwrap();
    let out = scholia(&[
        "import",
        article.to_str().unwrap(),
        ann.to_str().unwrap(),
        "--verbose",
    ]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    assert!(
        stdout.contains(
            "imported 1 annotation and 0 relations (1 re-anchored, 1 moved to another occurrence, 1 orphaned, 0 rejected, 0 already present, 0 problems in the file)"
        ),
        "{stdout}"
    );
    assert!(
        stdout.contains("a2: moved to another occurrence"),
        "{stdout}"
    );
    let file = sidecar_of(&article);
    // Shifted with the text, in code points past the emoji of the note.
    assert_eq!(find(&file, "a1").spans, [chars_of("Tokayev", 0)]);
    assert!(!find(&file, "a1").extra.contains_key(REANCHORED_KEY));
    // Moved to the sentence said again: kept accepted, marked for review.
    let a2 = find(&file, "a2");
    assert_eq!(a2.spans, [chars_of("Sultan", 0)]);
    assert_eq!(a2.status, Status::Accepted);
    assert_eq!(a2.extra[REANCHORED_KEY], "moved");
    // Its sentence is gone and the other "Reuters" has other surroundings: an orphan
    // that keeps where it was.
    let a3 = find(&file, "a3");
    assert_eq!(a3.status, Status::Orphaned);
    assert!(a3.spans.is_empty());
    assert_eq!(a3.extra["orphan"]["status"], "accepted");
}

#[test]
fn import_jsonl_carries_the_load_report() {
    let dir = tempfile::tempdir().unwrap();
    let article = changed_article(dir.path());
    let ann = dir.path().join("article.ann");
    fs::write(&ann, "").unwrap();
    let out = scholia(&[
        "import",
        article.to_str().unwrap(),
        ann.to_str().unwrap(),
        "--format",
        "brat",
        "--jsonl",
    ]);
    let line: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(line["sidecar"]["shifted"], serde_json::json!(["a1"]));
    assert_eq!(line["sidecar"]["moved"], serde_json::json!(["a2"]));
    assert_eq!(line["sidecar"]["orphaned"], serde_json::json!(["a3"]));
}

#[test]
fn extract_on_a_changed_article_reports_the_reanchoring() {
    let dir = tempfile::tempdir().unwrap();
    let article = changed_article(dir.path());
    let out = scholia(&["extract", article.to_str().unwrap(), "--dry-run"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    assert!(
        stdout.contains(
            "the article changed since the sidecar was written: 1 shifted with the text, 1 moved to another occurrence (to review), 0 approximate, 1 orphaned, 0 recovered"
        ),
        "{stdout}"
    );
}

#[test]
fn the_workbench_reviews_the_moved_annotation_and_accepting_clears_the_mark() {
    let dir = tempfile::tempdir().unwrap();
    let article = changed_article(dir.path());
    let mut s = support::open(&article);
    let notice = s.app().message().map(|m| m.text.clone()).unwrap();
    assert!(
        notice.contains("1 shifted with the text, 1 moved to another occurrence (to review), 0 approximate, 1 orphaned"),
        "{notice}"
    );
    let queue: Vec<String> = s
        .app()
        .review()
        .queue(s.app().store())
        .iter()
        .map(|a| a.id.clone())
        .collect();
    assert_eq!(queue, ["a2"]);
    keys(&mut s, "g r");
    assert_eq!(s.app().panel().tab, Tab::Review);
    assert_eq!(s.app().review().current.as_deref(), Some("a2"));
    keys(&mut s, "a");
    let a2 = s.app().store().annotation("a2").unwrap();
    assert_eq!(a2.status, Status::Accepted);
    assert!(!awaits_review(a2));
    assert_eq!(
        a2.quote,
        quote_for(s.app().doc(), &a2.spans),
        "its new surroundings"
    );
    let file = sidecar_of(&article);
    assert!(!find(&file, "a2").extra.contains_key(REANCHORED_KEY));
    assert_eq!(find(&file, "a2").status, Status::Accepted);
}

#[test]
fn an_import_carrying_the_old_text_is_placed_like_a_sidecar() {
    let ents: Vec<serde_json::Value> = [
        ("Tokayev", "PERSON"),
        ("Sultan", "PERSON"),
        ("Reuters", "ORG"),
    ]
    .iter()
    .map(|(words, label)| {
        let start = BEFORE.find(words).unwrap();
        serde_json::json!({"start": start, "end": start + words.len(), "label": label})
    })
    .collect();
    let input = serde_json::json!({"text": BEFORE, "ents": ents}).to_string();
    let docs = parse(Format::Spacy, &input, &ImportOptions::default()).unwrap();
    let doc = Document::from_text(Path::new("article.txt"), AFTER.to_string());
    let mut store = Store::new();
    let record = pick_record(&doc, &docs).unwrap();
    let summary = apply(&doc, &mut store, record, &ApplyOptions::default());
    assert_eq!(summary.imported, 2, "{summary:?}");
    assert_eq!(summary.reanchored.len(), 1, "Tokayev shifted: {summary:?}");
    assert_eq!(summary.moved.len(), 1, "Sultan moved: {summary:?}");
    assert!(summary.moved[0].contains("Sultan"), "{summary:?}");
    assert_eq!(summary.rejected.len(), 1, "Reuters: {summary:?}");
    assert!(summary.rejected[0].contains("Reuters"), "{summary:?}");
    let sultan = store
        .annotations()
        .into_iter()
        .find(|a| a.quote.exact == "Sultan")
        .unwrap()
        .clone();
    assert_eq!(sultan.extra[REANCHORED_KEY], "moved");
    assert!(awaits_review(&sultan));
}

#[test]
fn once_saved_a_placement_is_not_reported_again() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("article.txt");
    let before = "Officials said that at least four of the dead were Kazakh citizens (Ekspress-K).";
    fs::write(&article, before).unwrap();
    let doc = Document::load(&article, 1 << 20).unwrap();
    let start = before.find("at least").unwrap();
    let end = before.find(" (").unwrap();
    let mut a = Annotation::new("a1", Kind::Claim, "factual", vec![Span::new(start, end)]);
    a.quote = quote_for(&doc, &a.spans);
    let mut store = Store::new();
    store.insert_annotation(a);
    let path = sidecar::path_for(&article);
    sidecar::save(&doc, &store, &Kept::default(), &path, false).unwrap();
    fs::write(&article, before.replace("four", "five")).unwrap();
    let doc = Document::load(&article, 1 << 20).unwrap();
    let loaded = sidecar::load(&doc, &path).unwrap().unwrap();
    assert_eq!(loaded.report.approximate, ["a1"]);
    let placed = loaded.store.annotation("a1").unwrap();
    assert_eq!(placed.quote, quote_for(&doc, &placed.spans));
    sidecar::save(&doc, &loaded.store, &loaded.kept, &path, false).unwrap();
    let again = sidecar::load(&doc, &path).unwrap().unwrap();
    assert_eq!(again.report.summary(), None, "{:?}", again.report);
}
