//! Benchmarks of the review workflow on a book-sized article with many pending
//! suggestions, as after an import: key → frame (update and draw) for `j` in the Review
//! tab, `]` in the article and a decision (`a`), at 27k and 109k suggestions. The times
//! of `j` and `]` should not grow with the count. A decision is an edit: it works the
//! panel's lists out again and, in a session that can write, saves (the sidecar write
//! is part of its time as long as saving happens on the key's path). Run with
//! `cargo bench --bench review`.

#[path = "support/review_book.rs"]
mod review_book;

use std::path::Path;

use criterion::{criterion_group, criterion_main, Criterion};
use ratatui::backend::TestBackend;
use ratatui::Terminal;

use scholia::app::action::Action;
use scholia::app::key::{Key, KeyCode};
use scholia::app::session::{OpenOptions, Session};
use scholia::domain::config::ConfigSources;
use scholia::ui::{draw, Theme};

/// About the size of a long novel.
const BOOK_BYTES: usize = 3_300_000;

/// Opening options with no user or project config; `read_only` sessions refuse edits.
fn options(read_only: bool) -> OpenOptions {
    OpenOptions {
        max_size: 1 << 30,
        config: Some(ConfigSources {
            user: None,
            project: None,
        }),
        read_only,
        ..OpenOptions::default()
    }
}

/// A session on `path` laid out on a 120×40 screen, the Review tab focused, as after an
/// import, and the terminal it draws on.
fn reviewing(path: &Path, read_only: bool, theme: &Theme) -> (Session, Terminal<TestBackend>) {
    let mut s = Session::open(path, &options(read_only)).unwrap();
    s.dispatch(Action::Resize(120, 40));
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    press(&mut s, "gr");
    terminal.draw(|f| draw(f, s.app(), theme)).unwrap();
    (s, terminal)
}

/// Sends the keys of `keys` one by one.
fn press(s: &mut Session, keys: &str) {
    for c in keys.chars() {
        s.dispatch(Action::Key(Key::char(c)));
    }
}

/// One key, then the frame it leads to.
fn key_to_frame(s: &mut Session, terminal: &mut Terminal<TestBackend>, theme: &Theme, c: char) {
    s.dispatch(Action::Key(Key::char(c)));
    terminal.draw(|f| draw(f, s.app(), theme)).unwrap();
}

fn review_workflow(c: &mut Criterion) {
    let theme = Theme::colored();
    for suggestions in [27_000, 109_000] {
        let dir = tempfile::tempdir().unwrap();
        let path = review_book::write_book(dir.path(), BOOK_BYTES, suggestions, 0);
        let mut group = c.benchmark_group(format!("review, {}k pending", suggestions / 1000));

        let (mut s, mut terminal) = reviewing(&path, true, &theme);
        group.bench_function("j in the Review tab", |b| {
            b.iter(|| key_to_frame(&mut s, &mut terminal, &theme, 'j'))
        });
        // The article has the keys; the panel still shows the Review tab.
        s.dispatch(Action::Key(Key::plain(KeyCode::Tab)));
        terminal.draw(|f| draw(f, s.app(), &theme)).unwrap();
        group.bench_function("] in the article", |b| {
            b.iter(|| key_to_frame(&mut s, &mut terminal, &theme, ']'))
        });

        group.sample_size(10);
        let (mut s, mut terminal) = reviewing(&path, false, &theme);
        group.bench_function("a (accept) in the Review tab, saved", |b| {
            b.iter(|| key_to_frame(&mut s, &mut terminal, &theme, 'a'))
        });
        group.finish();
    }
}

criterion_group!(benches, review_workflow);
criterion_main!(benches);
