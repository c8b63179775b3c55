//! Keystroke → frame during a burst of edits on a book with 27k pending suggestions,
//! the sidecar written by the background writer as the workbench does (DESIGN §8: an
//! edit never waits for the sidecar write). Each iteration is what the event loop does
//! for one key: dispatch it (the journal append included), draw, take a finished save's
//! report, and hand the changes to the writer when idle. A second group makes review
//! decisions (`a` in the Review tab) on 50k pending suggestions and 20k relations: the
//! cost of one decision must not grow with the counts. Run with
//! `cargo bench --bench save_burst`.

#[path = "support/review_book.rs"]
mod review_book;

use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion};
use ratatui::backend::TestBackend;
use ratatui::Terminal;

use scholia::app::action::Action;
use scholia::app::key::Key;
use scholia::app::session::{JournalChoice, OpenOptions, Session};
use scholia::domain::anchor::quote_for;
use scholia::domain::config::ConfigSources;
use scholia::domain::document::Document;
use scholia::domain::model::{Annotation, Kind, Span, Status};
use scholia::domain::sidecar::{self, Kept};
use scholia::domain::store::Store;
use scholia::ui::{draw, Theme};

const PARAGRAPH: &str = "Deputy Interior Minister Bakhtiyor Nazarov told Vremya Vostoka on March 4 that the Uzbek border guards had not fired first (Markaz-Press, March 5). The Kyrgyz side denied it.\n\n";
/// The names suggested in each paragraph, as an import of a model's entities leaves them.
const NAMES: [&str; 3] = ["Nazarov", "Vremya Vostoka", "Markaz-Press"];
const PENDING: usize = 27_000;
/// The decision burst: a book-sized article, its suggestions and relations between them.
const BOOK_BYTES: usize = 3_300_000;
const BURST_ANNOTATIONS: usize = 50_000;
const BURST_RELATIONS: usize = 20_000;

/// Writes a book with `PENDING` pending suggestions.
fn book(dir: &Path) -> PathBuf {
    let path = dir.join("book.txt");
    std::fs::write(&path, PARAGRAPH.repeat(PENDING / NAMES.len() + 1)).unwrap();
    let doc = Document::load(&path, 1 << 30).unwrap();
    let mut annotations = Vec::with_capacity(PENDING);
    for name in NAMES {
        for (start, _) in doc.text().match_indices(name) {
            let id = format!("a{}", annotations.len() + 1);
            let span = Span::new(start, start + name.len());
            let mut a = Annotation::new(id, Kind::Entity, "ORG", vec![span]);
            a.quote = quote_for(&doc, &a.spans);
            a.status = Status::Pending;
            annotations.push(a);
        }
    }
    annotations.truncate(PENDING);
    let store = Store::from_parts(annotations, Vec::new(), Vec::new());
    sidecar::save(
        &doc,
        &store,
        &Kept::default(),
        &sidecar::path_for(&path),
        false,
    )
    .unwrap();
    path
}

fn burst_of_edits(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let path = book(dir.path());
    let options = OpenOptions {
        max_size: 1 << 30,
        config: Some(ConfigSources {
            user: None,
            project: None,
        }),
        journal: JournalChoice::Discard,
        ..OpenOptions::default()
    };
    let mut s = Session::open(&path, &options).unwrap();
    s.write_in_background(Duration::ZERO, Box::new(|| {}))
        .unwrap();
    s.dispatch(Action::Resize(120, 40));
    let theme = Theme::colored();
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    let middle = s.app().doc().byte_len() / 2;
    s.dispatch(Action::GoTo(middle));
    let mut key = |s: &mut Session, k: Key| {
        s.dispatch(Action::Key(k));
        terminal.draw(|f| draw(f, s.app(), &theme)).unwrap();
        s.collect_saves();
        s.idle();
    };
    let mut group = c.benchmark_group("burst of edits, 27k pending suggestions");
    group.sample_size(20);
    group.bench_function("tag a word, then undo: key to frame", |b| {
        b.iter(|| {
            key(&mut s, Key::char('s'));
            key(&mut s, Key::char('u'));
        })
    });
    group.finish();
    s.settle(None);
}

/// Writes the decision burst's book: pending suggestions, relations between them.
fn burst_book(dir: &Path) -> PathBuf {
    review_book::write_book(dir, BOOK_BYTES, BURST_ANNOTATIONS, BURST_RELATIONS)
}

fn burst_of_decisions(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let path = burst_book(dir.path());
    let options = OpenOptions {
        max_size: 1 << 30,
        config: Some(ConfigSources {
            user: None,
            project: None,
        }),
        ..OpenOptions::default()
    };
    let mut s = Session::open(&path, &options).unwrap();
    s.write_in_background(Duration::ZERO, Box::new(|| {}))
        .unwrap();
    s.dispatch(Action::Resize(120, 40));
    let theme = Theme::colored();
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    for k in "gr".chars() {
        s.dispatch(Action::Key(Key::char(k)));
    }
    terminal.draw(|f| draw(f, s.app(), &theme)).unwrap();
    let mut group = c.benchmark_group("burst of decisions, 50k pending + 20k relations");
    group.sample_size(10);
    group.bench_function("a (accept) in the Review tab: key to frame", |b| {
        b.iter(|| {
            s.dispatch(Action::Key(Key::char('a')));
            terminal.draw(|f| draw(f, s.app(), &theme)).unwrap();
            s.collect_saves();
            s.idle();
        })
    });
    group.finish();
    s.settle(None);
}

criterion_group!(benches, burst_of_edits, burst_of_decisions);
criterion_main!(benches);
