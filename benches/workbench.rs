//! Benchmarks of the workbench against DESIGN §8: open → first frame, keystroke → frame
//! on a 10 MB article with 10k annotations, and rule extraction throughput. Run with
//! `cargo bench --bench workbench`.

use std::hint::black_box;
use std::path::Path;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use ratatui::backend::TestBackend;
use ratatui::Terminal;

use scholia::app::action::Action;
use scholia::app::key::Key;
use scholia::app::session::{OpenOptions, Session};
use scholia::domain::anchor::quote_for;
use scholia::domain::config::ConfigSources;
use scholia::domain::document::Document;
use scholia::domain::model::{Annotation, Kind, Span};
use scholia::domain::sidecar::{self, Kept};
use scholia::domain::store::Store;
use scholia::extract::{extract, RuleSet};
use scholia::ui::{draw, Theme};

const PARAGRAPH: &str = "Deputy Interior Minister Bakhtiyor Nazarov told Vremya Vostoka on March 4 that the Uzbek border guards had not fired first (Markaz-Press, March 5). The Kyrgyz side denied it.\n\n";

fn options() -> OpenOptions {
    OpenOptions {
        max_size: 1 << 30,
        config: Some(ConfigSources {
            user: None,
            project: None,
        }),
        read_only: true,
        ..OpenOptions::default()
    }
}

/// Writes an article of about `bytes` bytes with `annotations` names annotated.
fn corpus(dir: &Path, bytes: usize, annotations: usize) -> std::path::PathBuf {
    let path = dir.join("big.txt");
    let text = PARAGRAPH.repeat(bytes / PARAGRAPH.len() + 1);
    std::fs::write(&path, &text).unwrap();
    let doc = Document::load(&path, 1 << 30).unwrap();
    let step = (text.matches("Nazarov").count() / annotations.max(1)).max(1);
    let spans: Vec<usize> = text
        .match_indices("Nazarov")
        .map(|(i, _)| i)
        .step_by(step)
        .take(annotations)
        .collect();
    let anns = spans
        .iter()
        .enumerate()
        .map(|(n, &s)| {
            let mut a = Annotation::new(
                format!("a{}", n + 1),
                Kind::Entity,
                "PERSON",
                vec![Span::new(s, s + 7)],
            );
            a.quote = quote_for(&doc, &a.spans);
            a
        })
        .collect();
    let store = Store::from_parts(anns, Vec::new(), Vec::new());
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

fn frame(s: &Session, terminal: &mut Terminal<TestBackend>, theme: &Theme) {
    terminal.draw(|f| draw(f, s.app(), theme)).unwrap();
}

fn open_to_first_frame(c: &mut Criterion) {
    let theme = Theme::colored();
    let mut group = c.benchmark_group("open to first frame");
    group.sample_size(10);
    for (name, bytes, anns) in [
        ("seed-size article", 6_000, 60),
        ("10 MB article", 10_000_000, 10_000),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let path = corpus(dir.path(), bytes, anns);
        // As the terminal opens it: the first frame before the annotations are read.
        group.bench_function(name, |b| {
            b.iter(|| {
                let mut s = Session::open_first_screen_first(&path, &options()).unwrap();
                s.dispatch(Action::Resize(120, 40));
                let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
                frame(&s, &mut terminal, &theme);
                black_box(s.app().top())
            })
        });
        // Everything read and placed, as a session opened at once (and the terminal
        // once its loading thread is done).
        group.bench_function(format!("{name}, annotations placed"), |b| {
            b.iter(|| {
                let mut s = Session::open(&path, &options()).unwrap();
                s.dispatch(Action::Resize(120, 40));
                let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
                frame(&s, &mut terminal, &theme);
                black_box(s.app().top())
            })
        });
    }
    group.finish();
}

fn keystroke_to_frame(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let path = corpus(dir.path(), 10_000_000, 10_000);
    let mut s = Session::open(&path, &options()).unwrap();
    s.dispatch(Action::Resize(120, 40));
    let theme = Theme::colored();
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    let middle = s.app().doc().byte_len() / 2;
    s.dispatch(Action::GoTo(middle));
    c.bench_function("keystroke to frame (j, 10 MB, 10k annotations)", |b| {
        b.iter(|| {
            s.dispatch(Action::Key(Key::char('j')));
            frame(&s, &mut terminal, &theme);
        })
    });
    c.bench_function("keystroke to frame (] next annotation)", |b| {
        b.iter(|| {
            s.dispatch(Action::Key(Key::char(']')));
            frame(&s, &mut terminal, &theme);
        })
    });
}

fn extraction(c: &mut Criterion) {
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/border-incident.txt"),
    )
    .unwrap()
    .repeat(100);
    let rules = RuleSet::default_rules();
    let mut group = c.benchmark_group("extract");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("default rules on news text", |b| {
        b.iter(|| black_box(extract(&text, &rules)))
    });
    group.finish();
}

criterion_group!(benches, open_to_first_frame, keystroke_to_frame, extraction);
criterion_main!(benches);
