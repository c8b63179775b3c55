//! The corpus registry in the workbench: a mention named like a registry entry gets the
//! link proposed (one key accepts, undo takes it back), `m` merges a mention into a
//! registry entry, and the registry screen grades, edits aliases, merges entries and
//! lists mentions across the corpus, writing the registry file each time.

mod ui_support;

use std::fs;
use std::path::{Path, PathBuf};

use scholia::app::action::Action;
use scholia::app::session::Session;
use scholia::domain::registry::{self, EntryKind, Grade, Registry};
use scholia::domain::sidecar;
use ui_support::{keys, screen};

/// A corpus with a registry (r1 "Ekspress" graded B with the alias "Экспресс", r2
/// "Ekspressen" graded C, r3 the entity "Akimat"), an article naming them, and another
/// article's sidecar that mentions r1 twice. Returns the folder guard and the article.
fn corpus() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let mut r = Registry::new();
    r.add("Ekspress", EntryKind::Source, "publication").unwrap();
    r.add("Ekspressen", EntryKind::Source, "publication")
        .unwrap();
    r.add("Akimat", EntryKind::Entity, "ORG").unwrap();
    r.entries[0].aliases.push("Экспресс".into());
    r.entries[0].reliability = Some(Grade::new("B", "analyst0", "2026-12-01T10:00:00Z"));
    r.entries[1].reliability = Some(Grade::new("C", "analyst0", "2026-12-01T10:00:00Z"));
    registry::write(&registry::path_in(dir.path()), &r).unwrap();
    let article = dir.path().join("almaty.txt");
    fs::write(
        &article,
        "Officials told ЭКСПРЕСС that the Akimat had closed the border. EKSPRESS said so.\n",
    )
    .unwrap();
    fs::create_dir(dir.path().join("older")).unwrap();
    fs::write(
        dir.path().join("older/report.txt.scholia.json"),
        r#"{"entities": [{"id": "e1", "name": "Ekspress", "label": "ORG", "registry": "r1"}],
            "annotations": [{"entity": "e1"}, {"entity": "e1"}, {"entity": "e1", "status": "rejected"}]}"#,
    )
    .unwrap();
    (dir, article)
}

fn open(path: &Path) -> Session {
    let mut session = Session::open(path, &ui_support::options()).unwrap();
    session.dispatch(Action::Resize(120, 40));
    session
}

/// Waits (a few seconds at most) for the mentions counted in the background to reach
/// the screen.
fn counted(session: &mut Session) {
    for _ in 0..500 {
        if session.collect_registry_mentions() {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    panic!("the mentions were never counted");
}

fn registry_in(dir: &Path) -> Registry {
    registry::read(&registry::path_in(dir)).unwrap().unwrap()
}

/// The registry id of the entity of the annotation under the cursor, as saved.
fn saved_link(session: &mut Session, article: &Path, id: &str) -> Option<String> {
    assert!(session.save());
    let file = sidecar::read(&sidecar::path_for(article)).unwrap().unwrap();
    let a = file.annotations.iter().find(|a| a.id == id).unwrap();
    let entity = a.entity.as_deref()?;
    let e = file.entities.iter().find(|e| e.id == entity).unwrap();
    e.registry.clone()
}

#[test]
fn tagging_a_registry_name_proposes_the_link_and_k_accepts_it_undoably() {
    let (_dir, article) = corpus();
    let mut s = open(&article);
    ui_support::goto(&mut s, "ЭКСПРЕСС", 0);
    keys(&mut s, "s");
    let id = s.app().store().annotations()[0].id.clone();
    let shown = screen(&mut s, 120, 40);
    assert!(
        shown.contains("Ekspress is registry r1: K links it"),
        "the proposal, the name folded from Cyrillic capitals:\n{shown}"
    );
    keys(&mut s, "K");
    let shown = screen(&mut s, 120, 40);
    assert!(
        shown.contains("reliability B (registry r1)"),
        "the registry's grade shows at once:\n{shown}"
    );
    assert_eq!(saved_link(&mut s, &article, &id).as_deref(), Some("r1"));
    keys(&mut s, "u");
    assert_eq!(saved_link(&mut s, &article, &id), None, "undo unlinks");
    assert!(s.app().store().entities().is_empty());
    keys(&mut s, "<ctrl-r>");
    assert_eq!(saved_link(&mut s, &article, &id).as_deref(), Some("r1"));
    // Linked already: no proposal, and K says so.
    keys(&mut s, "K");
    assert!(screen(&mut s, 120, 40).contains("linked to the registry already"));
}

#[test]
fn a_mention_with_an_entity_gets_its_entity_linked_and_a_second_joins_it() {
    let (_dir, article) = corpus();
    let mut s = open(&article);
    ui_support::goto(&mut s, "EKSPRESS", 0);
    // An entity (ORG) mention grouped into a local entity first, then linked.
    keys(&mut s, "2 m <enter>");
    let first = s.app().store().annotations()[0].clone();
    let local = first.entity.clone().expect("m made an entity");
    assert!(screen(&mut s, 120, 40).contains("K links it"));
    keys(&mut s, "K");
    assert_eq!(
        s.app().store().entity(&local).unwrap().registry.as_deref(),
        Some("r1")
    );
    // Another mention of the same entry joins the article's entity for it.
    ui_support::goto(&mut s, "ЭКСПРЕСС", 0);
    keys(&mut s, "2 K");
    let entities = s.app().store().entities();
    assert_eq!(entities.len(), 1, "{entities:?}");
    assert_eq!(s.app().store().mentions_of(&local).len(), 2);
}

#[test]
fn m_lists_registry_entries_and_picking_one_links_the_mention() {
    let (_dir, article) = corpus();
    let mut s = open(&article);
    ui_support::goto(&mut s, "Akimat", 0);
    keys(&mut s, "2 m");
    let picker = screen(&mut s, 120, 40);
    assert!(
        picker.contains("registry r3 entity ORG"),
        "registry entries are listed, marked as such:\n{picker}"
    );
    assert!(
        picker.contains("registry r1 source publication [B]"),
        "{picker}"
    );
    // The entry named like the mention comes right after "new entity".
    keys(&mut s, "<down> <enter>");
    let id = s.app().store().annotations()[0].id.clone();
    assert_eq!(saved_link(&mut s, &article, &id).as_deref(), Some("r3"));
    let e = &s.app().store().entities()[0];
    assert_eq!((e.name.as_str(), e.label.as_str()), ("Akimat", "ORG"));
    keys(&mut s, "u");
    assert_eq!(saved_link(&mut s, &article, &id), None);
}

#[test]
fn the_registry_screen_grades_edits_aliases_merges_and_lists_mentions() {
    let (dir, article) = corpus();
    let mut s = open(&article);
    keys(&mut s, "g R");
    let shown = screen(&mut s, 120, 40);
    assert!(
        shown.contains("Registry · 3 entries · counting mentions…"),
        "the screen opens before the sidecars are read:\n{shown}"
    );
    counted(&mut s);
    let shown = screen(&mut s, 120, 40);
    assert!(shown.contains("Registry · 3 entries\n"), "{shown}");
    let r1 = shown.lines().find(|l| l.contains("│Ekspress ")).unwrap();
    assert!(r1.contains("Экспресс"), "{r1}");
    let cells: Vec<&str> = r1.split('│').map(str::trim).collect();
    assert_eq!(
        cells[cells.len() - 2..],
        ["1", "2"],
        "one article, two mentions (the rejected one left out): {r1}"
    );
    // Enter lists the articles.
    keys(&mut s, "<enter>");
    let mentions = screen(&mut s, 120, 40);
    assert!(
        mentions.contains("r1: 2 mentions in 1 articles"),
        "{mentions}"
    );
    assert!(mentions.contains("2  older/report.txt\n"), "{mentions}");
    keys(&mut s, "<esc>");
    // Grade r1 A.
    keys(&mut s, "= a");
    assert_eq!(
        registry_in(dir.path()).entry("r1").unwrap().grade(),
        Some("A")
    );
    // Aliases of r1, replaced.
    keys(
        &mut s,
        "a <ctrl-u> EK, <space> Экспресс-К, <space> EK <enter>",
    );
    assert_eq!(
        registry_in(dir.path()).entry("r1").unwrap().aliases,
        ["EK", "Экспресс-К"]
    );
    // Mark r2, merge it into r1: the grades differ (A, C), so it asks; 1 keeps r1's.
    keys(&mut s, "j m k m");
    let asked = screen(&mut s, 120, 40);
    assert!(asked.contains("r1 is graded A and r2 C"), "{asked}");
    assert!(registry_in(dir.path())
        .entry("r2")
        .unwrap()
        .merged_into
        .is_none());
    keys(&mut s, "1");
    let written = registry_in(dir.path());
    assert_eq!(
        written.entry("r2").unwrap().merged_into.as_deref(),
        Some("r1")
    );
    assert_eq!(written.entry("r1").unwrap().grade(), Some("A"));
    assert!(written
        .entry("r1")
        .unwrap()
        .aliases
        .contains(&"Ekspressen".to_string()));
    let shown = screen(&mut s, 120, 40);
    assert!(shown.contains("Registry · 2 entries"), "{shown}");
    // Merging r1 into r3 on the last row: the highlight stays on a row (r3, now the
    // only one), so the next key grades it.
    keys(&mut s, "<home> m G m = d");
    let written = registry_in(dir.path());
    assert_eq!(
        written.entry("r1").unwrap().merged_into.as_deref(),
        Some("r3")
    );
    assert_eq!(written.entry("r3").unwrap().grade(), Some("D"));
    keys(&mut s, "q");
    assert!(s.app().overlay().is_none());
}

#[test]
fn escape_leaves_the_registry_as_it_was() {
    let (dir, article) = corpus();
    let before = fs::read(registry::path_in(dir.path())).unwrap();
    let mut s = open(&article);
    keys(&mut s, "g R = <esc> a <ctrl-u> x <esc> j m k m <esc>");
    assert_eq!(fs::read(registry::path_in(dir.path())).unwrap(), before);
    assert!(
        s.app().overlay().is_some(),
        "esc answered the question only"
    );
}

#[test]
fn the_registry_screen_at_120x40() {
    let (_dir, article) = corpus();
    let mut s = open(&article);
    keys(&mut s, "g R j");
    counted(&mut s);
    insta::assert_snapshot!("registry_screen_120x40", screen(&mut s, 120, 40));
}
