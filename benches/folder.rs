//! Folder mode on a folder of 10,000 generated articles (every tenth with a sidecar):
//! `scholia DIR` → first frame, the list listed and stat'ed, its background reader
//! started, drawn on a 120×40 test terminal. Target: under a second. Run with
//! `cargo bench --bench folder`.

use std::fs;
use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion};
use ratatui::backend::TestBackend;
use ratatui::Terminal;

use scholia::app::corpus::{Corpus, CorpusAction};
use scholia::app::session::{keymap_for, OpenOptions};
use scholia::commands::batch::expand;
use scholia::domain::config::{Config, ConfigSources};
use scholia::domain::model::{Annotation, Kind, Span};
use scholia::domain::sidecar::{self, SidecarFile};
use scholia::ui::{article_list, Theme};

const ARTICLES: usize = 10_000;
const TEXT: &str = "Deputy Interior Minister Bakhtiyor Nazarov told Vremya Vostoka on March 4 that the border guards had not fired first.\n";

/// Writes the folder: articles in 100 subfolders of 100.
fn generate(root: &Path) {
    let sidecar_text = sidecar::render(&SidecarFile {
        format: sidecar::FORMAT.to_string(),
        annotations: vec![Annotation::new(
            "a1",
            Kind::Source,
            "official",
            vec![Span::new(0, 6)],
        )],
        ..SidecarFile::default()
    })
    .unwrap();
    for i in 0..ARTICLES {
        let folder = root.join(format!("part-{:03}", i / 100));
        if i % 100 == 0 {
            fs::create_dir_all(&folder).unwrap();
        }
        let article = folder.join(format!("article-{i:05}.txt"));
        fs::write(&article, TEXT).unwrap();
        if i % 10 == 0 {
            fs::write(sidecar::path_for(&article), &sidecar_text).unwrap();
        }
    }
}

fn first_frame(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    generate(dir.path());
    let sources = ConfigSources {
        user: None,
        project: None,
    };
    let config = Config::load(&sources).unwrap();
    let options = OpenOptions {
        max_size: 1 << 30,
        config: Some(sources),
        ..OpenOptions::default()
    };
    let mut group = c.benchmark_group("folder");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(10));
    group.bench_function("10k articles: DIR to first frame", |b| {
        b.iter(|| {
            let paths = expand(&[dir.path().to_path_buf()], "*.txt").unwrap();
            let keymap = keymap_for(&config).unwrap();
            let mut corpus = Corpus::new(dir.path(), paths, keymap, options.clone());
            corpus.read_in_background(Box::new(|| {}));
            corpus.dispatch(CorpusAction::Resize(120, 40));
            corpus.dispatch(CorpusAction::RowsRead { wait: false });
            let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
            terminal
                .draw(|frame| article_list::draw(frame, &corpus, &Theme::plain()))
                .unwrap();
            black_box(terminal.backend().buffer().area);
        })
    });
    group.finish();
}

criterion_group!(benches, first_frame);
criterion_main!(benches);
