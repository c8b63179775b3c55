//! What the article list of folder mode looks like: a snapshot at 120×40, and every
//! size from tiny to very large drawn without a panic or a raw control character.

mod ui_support;

use std::fs::{self, File};
use std::path::Path;
use std::time::{Duration, SystemTime};

use ratatui::backend::TestBackend;
use ratatui::Terminal;
use scholia::app::corpus::{Corpus, CorpusAction};
use scholia::app::session::keymap_for;
use scholia::commands::batch::expand;
use scholia::domain::config::{Config, ConfigSources};
use scholia::domain::done::DoneMark;
use scholia::domain::model::{Annotation, Kind, Span, Status};
use scholia::domain::sidecar::{self, SidecarFile};
use scholia::ui::{article_list, Theme};

/// 2026-03-04T10:20:30Z, for last changes that do not depend on when the test runs.
fn fixed_time() -> SystemTime {
    SystemTime::UNIX_EPOCH + Duration::from_secs(1_772_619_630)
}

fn write_at(path: &Path, text: &str) {
    fs::write(path, text).unwrap();
    File::options()
        .write(true)
        .open(path)
        .unwrap()
        .set_modified(fixed_time())
        .unwrap();
}

/// A folder `corpus` of five articles: one done, one in progress with a pending
/// suggestion, names in Latin, Cyrillic and CJK script and one with a control character.
fn folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("corpus");
    fs::create_dir_all(root.join("2026")).unwrap();
    write_at(&root.join("alpha.txt"), "One two three four five.\n");
    write_at(
        &root.join("Новости.txt"),
        "Министр сказал, что цены вырастут.\n",
    );
    write_at(&root.join("2026").join("北京.txt"), "北京 消息 价格 上涨\n");
    write_at(&root.join("bell\u{7}.txt"), "Ring.\n");
    write_at(&root.join("zeta.txt"), "Zeta said so.\n");
    let mut claim = Annotation::new("a1", Kind::Claim, "factual", vec![Span::new(0, 7)]);
    claim.status = Status::Pending;
    let source = Annotation::new("a2", Kind::Source, "official", vec![Span::new(0, 7)]);
    let file = SidecarFile {
        format: sidecar::FORMAT.to_string(),
        annotations: vec![claim, source.clone()],
        ..SidecarFile::default()
    };
    let path = sidecar::path_for(&root.join("Новости.txt"));
    write_at(&path, &sidecar::render(&file).unwrap());
    let done = SidecarFile {
        format: sidecar::FORMAT.to_string(),
        annotations: vec![source],
        done: Some(DoneMark {
            by: "ana".into(),
            at: "2026-03-04T10:20:30Z".into(),
        }),
        ..SidecarFile::default()
    };
    let path = sidecar::path_for(&root.join("zeta.txt"));
    write_at(&path, &sidecar::render(&done).unwrap());
    dir
}

fn corpus(root: &Path) -> Corpus {
    let paths = expand(&[root.to_path_buf()], "*.txt").unwrap();
    let config = Config::load(&ConfigSources {
        user: None,
        project: None,
    })
    .unwrap();
    let mut corpus = Corpus::new(
        root,
        paths,
        keymap_for(&config).unwrap(),
        ui_support::options(),
    );
    corpus.read_in_background(Box::new(|| {}));
    corpus.dispatch(CorpusAction::RowsRead { wait: true });
    corpus
}

fn screen(corpus: &mut Corpus, w: u16, h: u16) -> String {
    corpus.dispatch(CorpusAction::Resize(w, h));
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal
        .draw(|frame| article_list::draw(frame, corpus, &Theme::plain()))
        .unwrap();
    ui_support::text_of(terminal.backend().buffer())
}

#[test]
fn the_article_list_at_120x40() {
    let dir = folder();
    let mut corpus = corpus(&dir.path().join("corpus"));
    let shown = screen(&mut corpus, 120, 40);
    assert!(shown.contains("done 1/5"), "{shown}");
    assert!(shown.contains("1 pending suggestion left"), "{shown}");
    insta::assert_snapshot!("article_list_120x40", shown);
}

#[test]
fn the_article_list_before_its_rows_are_read() {
    let dir = folder();
    let root = dir.path().join("corpus");
    let paths = expand(std::slice::from_ref(&root), "*.txt").unwrap();
    let keymap = keymap_for(&Config::default()).unwrap();
    let mut corpus = Corpus::new(&root, paths, keymap, ui_support::options());
    let shown = screen(&mut corpus, 120, 10);
    assert!(shown.contains("reading 0/5"), "{shown}");
    assert!(shown.contains('…'), "{shown}");
}

#[test]
fn a_file_stamped_before_1970_shows_a_question_mark() {
    let dir = folder();
    let root = dir.path().join("corpus");
    let old = root.join("alpha.txt");
    let before_1970 = SystemTime::UNIX_EPOCH - Duration::from_secs(10 * 365 * 86_400);
    File::options()
        .write(true)
        .open(&old)
        .unwrap()
        .set_modified(before_1970)
        .unwrap();
    let mut corpus = corpus(&root);
    let shown = screen(&mut corpus, 120, 12);
    let line = shown.lines().find(|l| l.starts_with("alpha.txt")).unwrap();
    assert!(line.trim_end().ends_with('?'), "{line}");
}

#[test]
fn every_size_draws_without_a_panic() {
    let dir = folder();
    let mut corpus = corpus(&dir.path().join("corpus"));
    for (w, h) in [(1, 1), (9, 3), (20, 4), (40, 10), (80, 24), (250, 70)] {
        let shown = screen(&mut corpus, w, h);
        assert_eq!(shown.split('\n').count(), usize::from(h), "{w}x{h}");
    }
    let narrow = screen(&mut corpus, 40, 10);
    assert!(narrow.contains("state"), "{narrow}");
}
