//! The annotator's name: from `$SCHOLIA_ANNOTATOR`, else the config's `annotator`,
//! else the login name; the same name on the annotations and in the lock file.

mod support;

use std::fs;

use scholia::app::action::Action;
use scholia::app::session::{OpenOptions, Session};
use scholia::domain::config::annotator::ANNOTATOR_ENV_VAR;
use scholia::domain::config::ConfigSources;
use scholia::domain::lock;
use support::{goto, keys};

#[test]
fn the_configured_name_goes_on_annotations_and_in_the_lock_file() {
    if std::env::var_os(ANNOTATOR_ENV_VAR).is_some() {
        eprintln!("skipped: {ANNOTATOR_ENV_VAR} is set, and it wins over the config");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("article.txt");
    fs::write(&article, "Shaukat Sultan told AFP.\n").unwrap();
    let config = dir.path().join("config.toml");
    fs::write(&config, "annotator = \"dana\"\n").unwrap();
    let options = OpenOptions {
        max_size: 1 << 20,
        config: Some(ConfigSources {
            user: Some(config),
            project: None,
        }),
        ..OpenOptions::default()
    };
    let mut s = Session::open(&article, &options).unwrap();
    s.dispatch(Action::Resize(120, 40));

    let holder = lock::read_owner(&lock::path_for(&article)).unwrap();
    assert_eq!(holder.user, "dana");

    goto(&mut s, "Shaukat");
    keys(&mut s, "1");
    let tagged = s.app().store().annotations()[0].clone();
    assert_eq!(tagged.annotator.as_deref(), Some("dana"));
}
