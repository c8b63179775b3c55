//! Helpers for driving the workbench by key script, with no terminal.

#![allow(dead_code)]

#[path = "../key_script/mod.rs"]
pub mod key_script;

pub use key_script::keys;

pub mod pretend_model;

use std::fs;
use std::path::{Path, PathBuf};

use scholia::app::action::Action;
use scholia::app::session::OpenOptions;
use scholia::domain::config::ConfigSources;
use scholia::formats::apply::{pick_record, ApplyOptions};
use scholia::formats::imported::{Format, ImportOptions};
use scholia::formats::parse;

pub use scholia::app::session::Session;

/// A session on `text`, in a temporary folder that lives as long as the returned guard,
/// laid out on a 120×40 screen, with no user or project config.
pub fn session(text: &str) -> (tempfile::TempDir, PathBuf, Session) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("article.txt");
    fs::write(&path, text).unwrap();
    let session = open(&path);
    (dir, path, session)
}

/// Opens the workbench on an article already on disk, with no user or project config,
/// laid out on a 120×40 screen.
pub fn open(path: &Path) -> Session {
    let mut session = Session::open(path, &options()).unwrap();
    session.dispatch(Action::Resize(120, 40));
    session
}

/// Opening options with no user or project config.
pub fn options() -> OpenOptions {
    OpenOptions {
        max_size: 1 << 30,
        config: Some(ConfigSources {
            user: None,
            project: None,
        }),
        ..OpenOptions::default()
    }
}

/// Moves the cursor to the first occurrence of `needle`.
pub fn goto(session: &mut Session, needle: &str) {
    let at = session
        .app()
        .doc()
        .text()
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not in the article"));
    session.dispatch(Action::GoTo(at));
}

/// Imports `file` of `format` into the session, as the workbench's import does.
pub fn import(session: &mut Session, format: Format, file: &str) {
    let docs = parse(format, file, &ImportOptions::default()).unwrap();
    let record = pick_record(session.app().doc(), &docs).unwrap().clone();
    session.dispatch(Action::Import {
        source: "model.json".into(),
        record: Box::new(record),
        options: ApplyOptions::default(),
    });
}

/// Imports a brat `annotation.conf` whose only news is its labels, as the workbench's
/// import of a brat document with that conf does: it changes the sidecar's schema only.
pub fn import_conf_labels(session: &mut Session, conf: &str) {
    let mut record = scholia::formats::imported::ImportedDoc::new(
        Format::Brat,
        scholia::formats::imported::OffsetUnit::CodePoints,
    );
    record.schema = scholia::formats::brat::parse_conf(conf)
        .unwrap()
        .schema_extension();
    session.dispatch(Action::Import {
        source: "annotation.conf".into(),
        record: Box::new(record),
        options: ApplyOptions::default(),
    });
}
