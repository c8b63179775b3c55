//! Prompts are keymap contexts: their keys rebind in the config like the article's, and
//! the hints on screen name the keys actually bound.

mod ui_support;

use std::fs;

use scholia::app::session::Session;
use scholia::app::state::Overlay;
use scholia::domain::config::ConfigSources;
use ui_support::{examples, goto, keys, options, screen};

/// A session on a copy of the border-incident example with `config` as its project file.
fn open_with_config(config: &str) -> (tempfile::TempDir, Session) {
    let dir = tempfile::tempdir().unwrap();
    let name = "border-incident.txt";
    let article = dir.path().join(name);
    fs::copy(examples().join(name), &article).unwrap();
    let sidecar = format!("{name}.scholia.json");
    fs::copy(examples().join(&sidecar), dir.path().join(&sidecar)).unwrap();
    let project = dir.path().join(".scholia.toml");
    fs::write(&project, config).unwrap();
    let mut opts = options();
    opts.config = Some(ConfigSources {
        user: None,
        project: Some(project),
    });
    let session = Session::open(&article, &opts).unwrap();
    (dir, session)
}

#[test]
fn link_picker_confirm_rebound_in_the_config_links_and_is_shown_in_the_hints() {
    let (_dir, mut s) =
        open_with_config("[keys.link]\n\"ctrl-y\" = \"confirm\"\nenter = \"none\"\n");
    goto(&mut s, "detainees", 0);
    let links_before = s.app().store().relations().len();
    keys(&mut s, "L");
    assert!(matches!(s.app().overlay(), Some(Overlay::Link(_))));
    let shown = screen(&mut s, 120, 40);
    assert!(shown.contains("Ctrl-y link"), "{shown}");
    assert!(!shown.contains("Enter link"), "{shown}");

    keys(&mut s, "<enter>");
    assert!(
        matches!(s.app().overlay(), Some(Overlay::Link(_))),
        "Enter no longer links"
    );
    assert_eq!(s.app().store().relations().len(), links_before);

    assert!(s.app().message().is_none(), "{:?}", s.app().message());

    keys(&mut s, "<ctrl-y>");
    assert!(s.app().overlay().is_none(), "{:?}", s.app().message());
    assert_eq!(s.app().store().relations().len(), links_before + 1);

    // A target already linked: the rebound key asks before removing the link, and the
    // question is a list like any other, answered with its own keys.
    keys(&mut s, "L Bakhtiyor <ctrl-y>");
    assert!(
        matches!(s.app().overlay(), Some(Overlay::Picker { .. })),
        "{:?}",
        s.app().message()
    );
    keys(&mut s, "<esc>");
    assert_eq!(
        s.app().store().relations().len(),
        links_before + 1,
        "{:?}",
        s.app().message()
    );
}

#[test]
fn picker_confirm_rebound_in_the_config_picks_and_is_shown_in_the_hints() {
    let (_dir, mut s) =
        open_with_config("[keys.picker]\n\"ctrl-y\" = \"confirm\"\nenter = \"none\"\n");
    goto(&mut s, "detainees", 0);
    keys(&mut s, "t");
    assert!(matches!(s.app().overlay(), Some(Overlay::Picker { .. })));
    let shown = screen(&mut s, 120, 40);
    assert!(shown.contains("Ctrl-y pick"), "{shown}");
    assert!(!shown.contains("Enter pick"), "{shown}");
    keys(&mut s, "<enter>");
    assert!(
        matches!(s.app().overlay(), Some(Overlay::Picker { .. })),
        "Enter no longer picks"
    );
    keys(&mut s, "<down> <ctrl-y>");
    assert!(s.app().overlay().is_none(), "{:?}", s.app().message());
}

#[test]
fn note_keys_rebound_in_the_config_save_and_are_shown_in_the_box() {
    let (_dir, mut s) = open_with_config(
        "[keys.note]\n\"ctrl-o\" = \"confirm\"\nesc = \"none\"\n\"ctrl-s\" = \"none\"\n\"ctrl-q\" = \"cancel\"\n\"ctrl-c\" = \"none\"\n",
    );
    goto(&mut s, "Nazarov told", 0);
    keys(&mut s, "i");
    assert!(matches!(s.app().overlay(), Some(Overlay::Note { .. })));
    let shown = screen(&mut s, 120, 40);
    assert!(shown.contains("Ctrl-o save · Ctrl-q discard"), "{shown}");
    assert!(shown.contains("Ctrl-o save  Ctrl-q discard"), "{shown}");
    assert!(!shown.contains("Esc save"), "{shown}");

    keys(&mut s, "<esc> checked");
    assert!(
        matches!(s.app().overlay(), Some(Overlay::Note { .. })),
        "Esc no longer saves"
    );
    keys(&mut s, "<ctrl-o>");
    assert!(s.app().overlay().is_none());
    let noted = s
        .app()
        .store()
        .iter_annotations()
        .any(|a| a.note.as_deref().is_some_and(|n| n.ends_with("checked")));
    assert!(noted, "{:?}", s.app().message());
}

#[test]
fn help_scroll_keys_rebound_in_the_config_scroll_and_are_shown() {
    let (_dir, mut s) = open_with_config(
        "[keys.help]\nJ = \"down\"\nj = \"none\"\ndown = \"none\"\nK = \"up\"\nk = \"none\"\nup = \"none\"\n\
         x = \"cancel\"\nesc = \"none\"\nq = \"none\"\n\"?\" = \"none\"\nenter = \"none\"\n",
    );
    keys(&mut s, "?");
    let shown = screen(&mut s, 120, 40);
    assert!(
        shown.contains("J K scroll · Ctrl-d Ctrl-u page · x close"),
        "{shown}"
    );
    assert!(
        shown.contains("J K scroll  Ctrl-d Ctrl-u page  x close"),
        "{shown}"
    );
    keys(&mut s, "j");
    assert!(matches!(
        s.app().overlay(),
        Some(Overlay::Help { scroll: 0 })
    ));
    keys(&mut s, "J J");
    assert!(matches!(
        s.app().overlay(),
        Some(Overlay::Help { scroll: 2 })
    ));
    keys(&mut s, "<esc>");
    assert!(s.app().overlay().is_some(), "Esc no longer closes help");
    keys(&mut s, "x");
    assert!(s.app().overlay().is_none());
}

#[test]
fn the_quit_question_answers_to_the_confirm_key_of_the_config() {
    let (dir, mut s) = open_with_config("[keys.confirm]\nY = \"confirm\"\ny = \"none\"\n");
    goto(&mut s, "detainees", 0);
    keys(&mut s, "s");
    // The folder goes away: neither the sidecar nor the journal can take the next change.
    let folder = dir.path().to_path_buf();
    let moved = folder.with_extension("moved");
    fs::rename(&folder, &moved).unwrap();
    fs::write(&folder, "not a folder").unwrap();
    goto(&mut s, "Nazarov told", 0);
    keys(&mut s, "s");
    keys(&mut s, "q");
    let asked = s
        .app()
        .message()
        .map(|m| m.text.clone())
        .unwrap_or_default();
    assert!(
        asked.starts_with("quit and lose the unsaved changes? Y quits"),
        "{asked}"
    );
    keys(&mut s, "y");
    assert!(!s.app().quit(), "y no longer confirms");
    keys(&mut s, "q Y");
    assert!(s.app().quit());
    fs::remove_file(&folder).unwrap();
    fs::rename(&moved, &folder).unwrap();
}
