//! Reopening an article comes back where the analyst left it: the cursor (kept as a
//! code-point offset) and the panel tab, from the user's state folder, never the sidecar.

mod support;

use std::fs;
use std::path::Path;

use scholia::app::action::Action;
use scholia::app::session::{OpenOptions, Session};
use scholia::app::state::Tab;
use scholia::domain::config::ConfigSources;
use scholia::domain::place::Places;
use scholia::domain::sidecar;
use support::{goto, keys};

const ARTICLE: &str = "Заголовок 👩‍👩‍👧\n\nШаукат Султан told AFP that four were Kazakh citizens.\n\nThe embassy in Islamabad denied it.\n";

/// A session on `article` that remembers its place in `state`.
fn open(article: &Path, state: &Path) -> Session {
    let options = OpenOptions {
        max_size: 1 << 20,
        config: Some(ConfigSources {
            user: None,
            project: None,
        }),
        places: Some(Places::at(state)),
        ..OpenOptions::default()
    };
    let mut session = Session::open(article, &options).unwrap();
    session.dispatch(Action::Resize(120, 40));
    session
}

#[test]
fn the_cursor_and_the_tab_come_back_on_reopening() {
    let dir = tempfile::tempdir().unwrap();
    let (article, state) = (dir.path().join("a.txt"), dir.path().join("state"));
    fs::write(&article, ARTICLE).unwrap();
    let mut s = open(&article, &state);
    goto(&mut s, "Islamabad");
    keys(&mut s, "g t g t");
    let (cursor, tab) = (s.app().cursor(), s.app().panel().tab);
    assert_ne!(tab, Tab::Claims);
    s.finish().unwrap();
    drop(s);

    let place = Places::at(&state).recall(&article).unwrap();
    let before = &ARTICLE[..ARTICLE.find("Islamabad").unwrap()];
    assert_eq!(place.cursor, before.chars().count(), "a code-point offset");
    assert!(
        !sidecar::path_for(&article).exists(),
        "moving the cursor writes no sidecar"
    );

    let again = open(&article, &state);
    assert_eq!(again.app().cursor(), cursor);
    assert_eq!(again.app().panel().tab, tab);
}

#[test]
fn a_shortened_article_puts_the_cursor_at_its_end() {
    let dir = tempfile::tempdir().unwrap();
    let (article, state) = (dir.path().join("a.txt"), dir.path().join("state"));
    fs::write(&article, ARTICLE).unwrap();
    let mut s = open(&article, &state);
    goto(&mut s, "denied");
    s.finish().unwrap();
    drop(s);

    let short = "Шаукат 👩‍👩‍👧";
    fs::write(&article, short).unwrap();
    let again = open(&article, &state);
    let cursor = again.app().cursor();
    assert!(
        cursor <= short.len() && short.is_char_boundary(cursor),
        "{cursor}"
    );
    assert_eq!(cursor, short.len(), "at the end, as G puts it");
}

#[test]
fn without_a_place_folder_nothing_is_remembered() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("a.txt");
    fs::write(&article, ARTICLE).unwrap();
    let mut s = support::open(&article);
    goto(&mut s, "Islamabad");
    s.finish().unwrap();
    drop(s);
    let again = support::open(&article);
    assert_eq!(again.app().cursor(), 0);
}

#[test]
fn a_place_inside_a_character_cluster_goes_to_its_start() {
    let dir = tempfile::tempdir().unwrap();
    let (article, state) = (dir.path().join("a.txt"), dir.path().join("state"));
    fs::write(&article, "ab👩‍👩‍👧cd").unwrap();
    // Code point 3 is the zero-width joiner inside the family emoji.
    Places::at(&state).remember(&article, 3, "Sources").unwrap();
    let again = open(&article, &state);
    assert_eq!(again.app().cursor(), 2);
    assert_eq!(again.app().panel().tab, Tab::Sources);
}
