//! Folder mode driven by key scripts: the article list sorts, filters, opens an article
//! in the same process and comes back to it with its row up to date, moves to the next
//! (unfinished) article, and sets and takes back the done mark.

mod support;

use std::fs;
use std::path::{Path, PathBuf};

use scholia::app::corpus::{Column, Corpus, CorpusAction};
use scholia::app::session::keymap_for;
use scholia::commands::batch::expand;
use scholia::domain::config::{Config, ConfigSources};
use scholia::domain::done::Progress;
use scholia::domain::sidecar;

use support::key_script::parse;

/// A folder of four articles, one with a sidecar (two sources, one pending claim),
/// one in a subfolder with a Cyrillic name.
fn folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::create_dir(root.join("sub")).unwrap();
    fs::write(root.join("alpha.txt"), "One two three four five.\n").unwrap();
    fs::write(
        root.join("beta.txt"),
        "The ministry said prices will rise.\n",
    )
    .unwrap();
    fs::write(root.join("gamma.txt"), "Short.\n").unwrap();
    fs::write(
        root.join("sub").join("Новости.txt"),
        "Министр сказал, что цены вырастут.\n",
    )
    .unwrap();
    fs::write(root.join("notes.md"), "not an article\n").unwrap();
    dir
}

/// The list of `root`, laid out on a 120×40 screen, with every row read.
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
        support::options(),
    );
    corpus.read_in_background(Box::new(|| {}));
    corpus.dispatch(CorpusAction::RowsRead { wait: true });
    corpus.dispatch(CorpusAction::Resize(120, 40));
    corpus
}

fn keys(corpus: &mut Corpus, script: &str) {
    for key in parse(script) {
        corpus.dispatch(CorpusAction::Key(key));
    }
}

fn names(corpus: &Corpus) -> Vec<String> {
    corpus.view().map(|r| r.name.clone()).collect()
}

fn current(corpus: &Corpus) -> String {
    corpus.view().nth(corpus.cursor()).unwrap().name.clone()
}

fn row<'a>(corpus: &'a Corpus, name: &str) -> &'a scholia::app::corpus::Row {
    corpus.rows().iter().find(|r| r.name == name).unwrap()
}

fn article(root: &Path, name: &str) -> PathBuf {
    root.join(name)
}

#[test]
fn lists_the_articles_the_glob_selects_by_name() {
    let dir = folder();
    let corpus = corpus(dir.path());
    let sub = Path::new("sub").join("Новости.txt").display().to_string();
    assert_eq!(
        names(&corpus),
        vec!["alpha.txt", "beta.txt", "gamma.txt", sub.as_str()]
    );
    let alpha = row(&corpus, "alpha.txt").read().unwrap();
    assert_eq!((alpha.words, alpha.progress), (5, Progress::Untouched));
    assert_eq!(corpus.progress(), (0, 4, 0, 4));
}

#[test]
fn sort_cycles_the_columns_and_reverses() {
    let dir = folder();
    let mut corpus = corpus(dir.path());
    keys(&mut corpus, "s");
    assert_eq!(corpus.sort(), (Column::Words, false));
    assert_eq!(names(&corpus)[0], "gamma.txt");
    keys(&mut corpus, "S");
    assert_eq!(corpus.sort(), (Column::Words, true));
    assert_eq!(names(&corpus)[0], "beta.txt");
    // The cursor stays on its article when the order changes.
    keys(&mut corpus, "g g j S");
    assert!(current(&corpus).ends_with("Новости.txt"));
    assert_eq!(names(&corpus)[2], current(&corpus));
}

#[test]
fn filter_by_name_or_by_state_and_clear_it() {
    let dir = folder();
    let mut corpus = corpus(dir.path());
    keys(&mut corpus, "/ новост <enter>");
    assert_eq!(names(&corpus).len(), 1);
    assert!(names(&corpus)[0].ends_with("Новости.txt"));
    keys(&mut corpus, "<esc>");
    assert_eq!(corpus.shown(), 4);
    keys(&mut corpus, "g g j g d / done <enter>");
    assert_eq!(names(&corpus), vec!["beta.txt"]);
    keys(&mut corpus, "/ <ctrl-u> untouched <enter>");
    assert_eq!(corpus.shown(), 3);
    assert!(!names(&corpus).contains(&"beta.txt".to_string()));
}

#[test]
fn a_change_made_in_an_article_shows_in_its_row_on_return() {
    let dir = folder();
    let mut corpus = corpus(dir.path());
    keys(&mut corpus, "j <enter>");
    let session = corpus.session().expect("the article is open");
    let lock = session
        .lock_path()
        .expect("it holds its lock")
        .to_path_buf();
    assert!(lock.exists());
    // Tag the first word as a source, then back to the list.
    keys(&mut corpus, "s g l");
    assert!(corpus.session().is_none());
    assert!(!lock.exists(), "leaving the article releases its lock");
    assert_eq!(current(&corpus), "beta.txt", "the cursor is where it was");
    let beta = row(&corpus, "beta.txt").read().unwrap();
    assert_eq!((beta.annotations, beta.sources), (1, 1));
    assert_eq!(beta.progress, Progress::InProgress);
    let saved = sidecar::read(&sidecar::path_for(&article(dir.path(), "beta.txt")))
        .unwrap()
        .unwrap();
    assert_eq!(saved.annotations.len(), 1);
}

#[test]
fn next_and_previous_article_without_the_list() {
    let dir = folder();
    let mut corpus = corpus(dir.path());
    keys(&mut corpus, "<enter> g n");
    let open = corpus.session().unwrap().app().doc().path().to_path_buf();
    assert_eq!(open, article(dir.path(), "beta.txt"));
    keys(&mut corpus, "g p");
    let open = corpus.session().unwrap().app().doc().path().to_path_buf();
    assert_eq!(open, article(dir.path(), "alpha.txt"));
    keys(&mut corpus, "g l");
    assert_eq!(current(&corpus), "alpha.txt");
}

#[test]
fn next_unfinished_skips_the_done_articles() {
    let dir = folder();
    let mut corpus = corpus(dir.path());
    // beta and gamma done from the list, then from alpha's workbench to the next
    // unfinished one.
    keys(&mut corpus, "j g d j g d g g <enter> g u");
    let open = corpus.session().unwrap().app().doc().path().to_path_buf();
    assert_eq!(open, dir.path().join("sub").join("Новости.txt"));
    keys(&mut corpus, "g l g g g u");
    assert!(current(&corpus).ends_with("Новости.txt"));
    assert_eq!(corpus.progress().0, 2);
}

#[test]
fn the_done_mark_is_stored_and_taken_back_by_undo() {
    let dir = folder();
    let mut corpus = corpus(dir.path());
    let path = sidecar::path_for(&article(dir.path(), "alpha.txt"));
    keys(&mut corpus, "g d");
    let done = sidecar::read(&path).unwrap().unwrap().done;
    assert!(done.is_some_and(|d| !d.by.is_empty() && d.at.ends_with('Z')));
    assert_eq!(
        row(&corpus, "alpha.txt").read().unwrap().progress,
        Progress::Done
    );
    keys(&mut corpus, "j u");
    assert_eq!(current(&corpus), "alpha.txt");
    assert!(sidecar::read(&path).unwrap().unwrap().done.is_none());
    assert_eq!(
        row(&corpus, "alpha.txt").read().unwrap().progress,
        Progress::Untouched
    );
}

#[test]
fn the_workbench_marks_done_and_undo_takes_it_back() {
    let (_dir, path, mut session) = support::session("One two three.\n");
    support::keys(&mut session, "g d");
    assert!(session.app().store().done().is_some());
    support::keys(&mut session, "u");
    assert!(session.app().store().done().is_none());
    support::keys(&mut session, "g d");
    session.save();
    let file = sidecar::read(&sidecar::path_for(&path)).unwrap().unwrap();
    assert!(file.done.is_some());
    // Outside folder mode the leaving commands say so instead.
    support::keys(&mut session, "g n");
    let message = session.app().message().unwrap();
    assert!(
        message.error && message.text.contains("folder mode"),
        "{}",
        message.text
    );
}

#[test]
fn the_list_keys_are_rebound_by_the_config() {
    let dir = folder();
    let root = dir.path();
    let paths = expand(&[root.to_path_buf()], "*.txt").unwrap();
    let mut keymap = keymap_for(&Config::default()).unwrap();
    let table: toml::Table = toml::from_str("[list]\no = \"sort-next\"\ns = \"none\"").unwrap();
    keymap.apply_config(&table).unwrap();
    let mut corpus = Corpus::new(root, paths, keymap, support::options());
    corpus.read_in_background(Box::new(|| {}));
    corpus.dispatch(CorpusAction::RowsRead { wait: true });
    keys(&mut corpus, "s");
    assert_eq!(corpus.sort().0, Column::Name);
    keys(&mut corpus, "o");
    assert_eq!(corpus.sort().0, Column::Words);
}

#[test]
fn the_first_rows_show_before_the_sidecars_are_read() {
    let dir = folder();
    let root = dir.path();
    let paths = expand(&[root.to_path_buf()], "*.txt").unwrap();
    let corpus = Corpus::new(
        root,
        paths,
        keymap_for(&Config::default()).unwrap(),
        support::options(),
    );
    assert_eq!(corpus.shown(), 4);
    assert!(corpus
        .rows()
        .iter()
        .all(|r| r.summary.is_none() && r.bytes > 0));
    assert_eq!(corpus.progress().3, 0);
}

#[test]
fn quitting_in_an_article_saves_it_and_releases_its_lock() {
    let dir = folder();
    let mut corpus = corpus(dir.path());
    keys(&mut corpus, "<enter> s");
    let lock = corpus.session().unwrap().lock_path().unwrap().to_path_buf();
    let going_on = corpus.dispatch(CorpusAction::Key(parse("q")[0]));
    assert!(!going_on && corpus.quit());
    corpus.finish().unwrap();
    assert!(!lock.exists());
    let saved = sidecar::read(&sidecar::path_for(&article(dir.path(), "alpha.txt")))
        .unwrap()
        .unwrap();
    assert_eq!(saved.annotations.len(), 1);
}
