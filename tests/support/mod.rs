//! Helpers for driving the workbench by key script, with no terminal.

#![allow(dead_code)]

use std::fs;
use std::path::PathBuf;

use scholia::app::action::Action;
use scholia::app::key::Key;
use scholia::app::session::OpenOptions;
use scholia::domain::config::ConfigSources;

/// A session on `text`, in a temporary folder that lives as long as the returned guard,
/// laid out on a 120×40 screen, with no user or project config.
pub use scholia::app::session::Session;

pub fn session(text: &str) -> (tempfile::TempDir, PathBuf, Session) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("article.txt");
    fs::write(&path, text).unwrap();
    let options = OpenOptions {
        max_size: 1 << 30,
        config: Some(ConfigSources {
            user: None,
            project: None,
        }),
        ..OpenOptions::default()
    };
    let mut session = Session::open(&path, &options).unwrap();
    session.dispatch(Action::Resize(120, 40));
    (dir, path, session)
}

/// Types a key script: tokens separated by spaces; `<name>` is one named key
/// (`<esc>`, `<enter>`, `<ctrl-r>`, `<space>`, `<backspace>`, `<tab>`), anything else
/// types each of its characters.
pub fn keys(session: &mut Session, script: &str) {
    for token in script.split(' ').filter(|t| !t.is_empty()) {
        if let Some(name) = token.strip_prefix('<').and_then(|t| t.strip_suffix('>')) {
            let key = Key::parse(name).unwrap_or_else(|| panic!("unknown key <{name}>"));
            session.dispatch(Action::Key(key));
        } else {
            for c in token.chars() {
                session.dispatch(Action::Key(Key::char(c)));
            }
        }
    }
}

/// Moves the cursor to the first occurrence of `needle`.
pub fn goto(session: &mut Session, needle: &str) {
    let at = session
        .app
        .doc
        .text()
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not in the article"));
    session.app.cursor = at;
}
