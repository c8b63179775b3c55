//! Saving off the key path: with a background writer an edit is answered (the state
//! changed, the frame drawn) before the sidecar is written, a burst of edits is written
//! in a few saves, each with everything since the last, and the file ends exactly as a
//! save on the key path would have written it. Another program's replacement of the
//! sidecar is still caught and merged, now from the writer's report.

mod support;

use std::fs;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use ratatui::backend::TestBackend;
use ratatui::Terminal;
use scholia::app::state::SaveState;
use scholia::domain::journal;
use scholia::domain::model::{Annotation, Kind, Span};
use scholia::domain::sidecar::{self, SidecarFile};
use scholia::ui::{self, Theme};
use support::{goto, keys, Session};

const ARTICLE: &str = "Полковник Ахмед told AFP in Tashkent that Nazarov had left. 👍🏽\n";

/// Counts the background writes of `session` and holds each one's report until the
/// test hands out a permit (or drops the sender: then none are held).
fn counted_writes(session: &mut Session) -> (Arc<AtomicUsize>, Sender<()>) {
    let writes = Arc::new(AtomicUsize::new(0));
    let (permits, permit): (Sender<()>, Receiver<()>) = mpsc::channel();
    let permit = Mutex::new(permit);
    let counted = Arc::clone(&writes);
    session
        .write_in_background(
            Duration::ZERO,
            Box::new(move || {
                counted.fetch_add(1, Ordering::SeqCst);
                let _ = permit.lock().unwrap().recv();
            }),
        )
        .unwrap();
    (writes, permits)
}

/// The status line and the article as drawn on a 120×40 screen.
fn frame(session: &Session) -> String {
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    terminal
        .draw(|f| ui::draw(f, session.app(), &Theme::plain()))
        .unwrap();
    let buffer = terminal.backend().buffer();
    let mut text = String::new();
    for y in 0..buffer.area.height {
        for x in 0..buffer.area.width {
            text.push_str(buffer[(x, y)].symbol());
        }
        text.push('\n');
    }
    text
}

fn on_disk(article: &Path) -> Option<SidecarFile> {
    sidecar::read(&sidecar::path_for(article)).unwrap()
}

/// The sidecar a save on the key path writes for the session as it is now.
fn written_synchronously(session: &Session) -> String {
    let app = session.app();
    sidecar::render(&sidecar::to_file(app.doc(), app.store(), app.kept()).unwrap()).unwrap()
}

#[test]
fn an_edit_is_drawn_before_the_sidecar_is_written() {
    let (_dir, path, mut s) = support::session(ARTICLE);
    let (writes, _permits) = counted_writes(&mut s);
    goto(&mut s, "Tashkent");
    keys(&mut s, "s");
    assert_eq!(s.app().store().annotation_count(), 1);
    assert_eq!(s.app().save_state(), &SaveState::Unsaved);
    let drawn = frame(&s);
    assert!(drawn.contains("unsaved"), "{drawn}");
    assert!(on_disk(&path).is_none(), "written on the key path");
    assert_eq!(writes.load(Ordering::SeqCst), 0);
    let journal = fs::read_to_string(journal::path_for(&path)).unwrap();
    assert_eq!(journal.lines().count(), 2, "the edit is in the journal");

    s.idle();
    assert_eq!(s.app().save_state(), &SaveState::Saving);
    assert!(frame(&s).contains("saving…"));
    drop(_permits);
    assert!(s.settle(Some(Duration::from_secs(10))));
    assert_eq!(s.app().save_state(), &SaveState::Saved);
    assert_eq!(writes.load(Ordering::SeqCst), 1);
    let file = on_disk(&path).expect("written once idle");
    assert_eq!(file.annotations[0].quote.exact, "Tashkent");
    assert!(
        !journal::path_for(&path).exists(),
        "the sidecar holds it all"
    );
}

/// The key path takes a snapshot of the store (its annotations shared, not copied);
/// ordering them and converting their spans to code points is the writer's work, on
/// its own thread.
#[test]
fn the_key_path_takes_a_snapshot_and_the_writer_makes_the_file_from_it() {
    let (_dir, path, mut s) = support::session(ARTICLE);
    let (_writes, permits) = counted_writes(&mut s);
    drop(permits);
    goto(&mut s, "Tashkent");
    keys(&mut s, "s");
    let (snapshots, files) = sidecar::snapshot_work();
    s.idle();
    assert_eq!(
        sidecar::snapshot_work(),
        (snapshots + 1, files),
        "one snapshot taken, no file made on the key path"
    );
    assert!(s.settle(Some(Duration::from_secs(10))));
    assert_eq!(sidecar::snapshot_work().1, files);
    assert_eq!(
        fs::read_to_string(sidecar::path_for(&path)).unwrap(),
        written_synchronously(&s)
    );
}

#[test]
fn a_burst_of_edits_is_written_in_a_few_saves_as_a_save_on_the_key_path_would() {
    let words = 100;
    let text: String = (1..=words)
        .map(|n| format!("слово{n} "))
        .collect::<String>()
        + "\n";
    let (_dir, path, mut s) = support::session(&text);
    let (writes, permits) = counted_writes(&mut s);
    for n in 1..=words {
        goto(&mut s, &format!("слово{n} "));
        keys(&mut s, "s");
        // What the event loop does after each frame.
        s.collect_saves();
        s.idle();
    }
    assert_eq!(s.app().store().annotation_count(), words);
    assert!(
        writes.load(Ordering::SeqCst) <= 2,
        "one write in flight at a time, the next with everything since"
    );
    drop(permits);
    assert!(s.settle(Some(Duration::from_secs(30))));
    let written = writes.load(Ordering::SeqCst);
    assert!(
        (1..=3).contains(&written),
        "{written} writes for {words} edits"
    );
    assert_eq!(s.app().save_state(), &SaveState::Saved);
    assert_eq!(
        fs::read_to_string(sidecar::path_for(&path)).unwrap(),
        written_synchronously(&s)
    );
    assert!(!journal::path_for(&path).exists());
}

#[test]
fn edits_made_while_a_save_is_in_flight_stay_in_the_journal_until_written() {
    let (_dir, path, mut s) = support::session(ARTICLE);
    let (_writes, permits) = counted_writes(&mut s);
    goto(&mut s, "Tashkent");
    keys(&mut s, "s");
    s.idle();
    goto(&mut s, "Nazarov");
    keys(&mut s, "s");
    // The first write reports; the second waits behind the held report.
    assert!(!s.settle(Some(Duration::from_millis(300))));
    assert_eq!(on_disk(&path).unwrap().annotations.len(), 1);
    let journal = journal::path_for(&path);
    let text = fs::read_to_string(&journal).unwrap();
    assert_eq!(
        text.lines().count(),
        2,
        "the header and the unwritten edit: {text}"
    );
    assert!(
        text.contains(r#""exact":"Nazarov""#) && !text.contains(r#""exact":"Tashkent""#),
        "{text}"
    );
    drop(permits);
    assert!(s.settle(Some(Duration::from_secs(10))));
    assert_eq!(on_disk(&path).unwrap().annotations.len(), 2);
    assert!(!journal.exists());
}

#[test]
fn another_programs_replacement_is_reloaded_and_the_sessions_edits_reapplied() {
    let (_dir, path, mut s) = support::session(ARTICLE);
    let (_writes, permits) = counted_writes(&mut s);
    drop(permits);
    goto(&mut s, "Tashkent");
    keys(&mut s, "s");
    assert!(s.settle(Some(Duration::from_secs(10))));

    // Another analyst's tool adds "AFP" and replaces the file.
    let mut file = on_disk(&path).unwrap();
    let start = ARTICLE[..ARTICLE.find("AFP").unwrap()].chars().count();
    let mut afp = Annotation::new("a7", Kind::Entity, "ORG", vec![Span::new(start, start + 3)]);
    afp.quote.exact = "AFP".into();
    file.annotations.push(afp);
    let temp = path.with_extension("incoming");
    fs::write(&temp, sidecar::render(&file).unwrap()).unwrap();
    fs::rename(&temp, sidecar::path_for(&path)).unwrap();

    goto(&mut s, "Nazarov");
    keys(&mut s, "s");
    s.idle();
    assert!(s.settle(Some(Duration::from_secs(10))));
    let mut quotes: Vec<String> = on_disk(&path)
        .unwrap()
        .annotations
        .into_iter()
        .map(|a| a.quote.exact.into())
        .collect();
    quotes.sort();
    assert_eq!(quotes, ["AFP", "Nazarov", "Tashkent"]);
    assert_eq!(s.app().store().annotation_count(), 3);
    let said = s
        .app()
        .message()
        .map(|m| m.text.clone())
        .unwrap_or_default();
    assert!(
        said.contains("another program changed the sidecar"),
        "{said}"
    );
}

#[test]
fn finishing_waits_for_the_last_write() {
    let (_dir, path, mut s) = support::session(ARTICLE);
    let (_writes, permits) = counted_writes(&mut s);
    drop(permits);
    goto(&mut s, "Tashkent");
    keys(&mut s, "s");
    keys(&mut s, "q");
    assert!(s.app().quit());
    s.finish().unwrap();
    assert_eq!(on_disk(&path).unwrap().annotations.len(), 1);
    assert!(!journal::path_for(&path).exists());
}

#[test]
fn labels_imported_while_a_save_is_in_flight_are_written_by_the_next_save() {
    let (_dir, path, mut s) = support::session(ARTICLE);
    let (_writes, permits) = counted_writes(&mut s);
    goto(&mut s, "Tashkent");
    keys(&mut s, "s");
    // The write starts with the tag; its report waits for a permit.
    s.idle();
    // An annotation.conf whose only news is its labels.
    support::import_conf_labels(&mut s, "[entities]\nПерсона\n");
    drop(permits);
    assert!(s.settle(Some(Duration::from_secs(10))));
    let file = on_disk(&path).unwrap();
    assert_eq!(file.annotations.len(), 1);
    assert_eq!(
        file.extra.get("schema").map(|s| s["entity"].clone()),
        Some(serde_json::json!(["Персона"])),
        "the labels imported during the write are saved too"
    );
}
