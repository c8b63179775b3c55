//! The workbench driven by key scripts, with no terminal (DESIGN §6).

mod support;

use scholia::app::key::Key;
use scholia::domain::model::{Kind, Status};
use scholia::domain::sidecar;
use support::key_script::parse as parse_keys;
use support::{goto, keys, session};

const ARTICLE: &str = "Kazakh Nationals Killed\n\nCol. Shaukat Sultan, a Pakistani military official, told AFP that four of the dead were Kazakh citizens (Ekspress-K, July 19). The embassy in Islamabad denied it.\n";

#[test]
fn a_key_script_names_keys_in_angle_brackets_and_types_the_rest() {
    assert_eq!(
        parse_keys("V c  <ctrl-r> ab<x <esc>"),
        vec![
            Key::char('V'),
            Key::char('c'),
            Key::ctrl('r'),
            Key::char('a'),
            Key::char('b'),
            Key::char('<'),
            Key::char('x'),
            Key::parse("esc").unwrap(),
        ]
    );
}

#[test]
#[should_panic(expected = "unknown key <enterr>")]
fn a_misspelt_key_name_fails_the_script() {
    parse_keys("<enterr>");
}

#[test]
fn v_shift_c_makes_the_current_sentence_a_claim() {
    let (_dir, _path, mut s) = session(ARTICLE);
    goto(&mut s, "four of the dead");
    keys(&mut s, "V c");
    let claims: Vec<_> = s
        .app()
        .store()
        .annotations()
        .into_iter()
        .filter(|a| a.kind == Kind::Claim)
        .cloned()
        .collect();
    assert_eq!(claims.len(), 1);
    assert!(
        claims[0].quote.exact.starts_with("Col. Shaukat Sultan"),
        "{}",
        claims[0].quote.exact
    );
    assert!(
        claims[0].quote.exact.ends_with("(Ekspress-K, July 19)."),
        "{}",
        claims[0].quote.exact
    );
    assert_eq!(claims[0].status, Status::Accepted);
}

#[test]
fn v_e_e_1_tags_the_selection_with_the_first_entity_type() {
    let (_dir, _path, mut s) = session(ARTICLE);
    goto(&mut s, "Shaukat");
    keys(&mut s, "v e e 1");
    let a = s.app().store().annotations()[0].clone();
    assert_eq!((a.kind, a.label.as_str()), (Kind::Entity, "PERSON"));
    assert_eq!(a.quote.exact, "Shaukat Sultan");
    assert_eq!(s.app().anchor(), None, "tagging ends the selection");
}

#[test]
fn tag_claim_and_source_then_link_stance_and_grade() {
    let (_dir, path, mut s) = session(ARTICLE);
    // The source: "Shaukat Sultan", merged into an entity so reliability follows it.
    goto(&mut s, "Shaukat");
    keys(&mut s, "v e e s m <enter>");
    // The publication.
    goto(&mut s, "Ekspress-K");
    keys(&mut s, "v e e s r u");
    // The claim, then: link by filtering to "sult", stance denied? no: asserted, grade 3.
    goto(&mut s, "four of the dead");
    keys(&mut s, "v");
    goto(&mut s, " (Ekspress");
    keys(&mut s, "<left> c");
    keys(&mut s, "L sult <enter>");
    keys(&mut s, "L ekspr <enter>");
    keys(&mut s, "t a = 3 i");
    keys(&mut s, "Sketchy,");
    keys(&mut s, "<space> says <space> the <space> embassy. <esc>");
    // The source's reliability goes on its entity.
    goto(&mut s, "Shaukat");
    keys(&mut s, "= B");

    let store = &s.app().store();
    let claim = store
        .annotations()
        .into_iter()
        .find(|a| a.kind == Kind::Claim)
        .unwrap()
        .clone();
    assert_eq!(claim.quote.exact, "four of the dead were Kazakh citizens");
    assert_eq!(
        claim.attrs.get("stance").map(String::as_str),
        Some("asserted")
    );
    assert_eq!(
        claim.attrs.get("credibility").map(String::as_str),
        Some("3")
    );
    assert_eq!(claim.note.as_deref(), Some("Sketchy, says the embassy."));
    let links: Vec<(String, String)> = store
        .relations_from(&claim.id)
        .iter()
        .map(|r| {
            (
                r.kind.clone(),
                store.annotation(&r.to).unwrap().quote.exact.to_string(),
            )
        })
        .collect();
    assert_eq!(
        links,
        vec![
            ("attributed_to".to_string(), "Shaukat Sultan".to_string()),
            ("cites".to_string(), "Ekspress-K".to_string())
        ]
    );
    let entity = store.entities()[0].clone();
    assert_eq!(entity.name, "Shaukat Sultan");
    assert_eq!(
        entity.attrs.get("reliability").map(String::as_str),
        Some("B")
    );

    // Everything is on disk already (autosave).
    let file = sidecar::read(&sidecar::path_for(&path)).unwrap().unwrap();
    assert_eq!(file.annotations.len(), 3);
    assert_eq!(file.relations.len(), 2);
    assert_eq!(
        file.entities[0]
            .attrs
            .get("reliability")
            .map(String::as_str),
        Some("B")
    );
}

#[test]
fn undo_and_redo_round_trip_every_edit() {
    let (_dir, _path, mut s) = session(ARTICLE);
    let snapshot = |s: &support::Session| {
        (
            s.app()
                .store()
                .annotations()
                .into_iter()
                .cloned()
                .collect::<Vec<_>>(),
            s.app()
                .store()
                .entities()
                .into_iter()
                .cloned()
                .collect::<Vec<_>>(),
            s.app()
                .store()
                .relations()
                .into_iter()
                .cloned()
                .collect::<Vec<_>>(),
        )
    };
    let mut states = vec![snapshot(&s)];
    let steps: [(&str, &str); 12] = [
        ("Shaukat", "v e 1"),
        ("Shaukat", "r 2"),
        ("Shaukat", "s"),
        ("Shaukat", "m <enter>"),
        ("Ekspress", "s"),
        ("four of", "V c"),
        ("four of", "L <enter>"),
        ("four of", "t d"),
        ("four of", "= 2"),
        ("four of", "i note <esc>"),
        ("Ekspress", "> <"),
        ("Ekspress", "d"),
    ];
    for (place, script) in steps {
        goto(&mut s, place);
        keys(&mut s, script);
        let now = snapshot(&s);
        assert_ne!(states.last().unwrap(), &now, "{script} changed something");
        states.push(now);
    }
    let (relabelled, _, _) = &states[2];
    assert_eq!(relabelled[0].label, "ORG");
    // Undo walks back through every state, redo forward again.
    let undo_steps = s.app().store().can_undo();
    assert!(undo_steps);
    let mut back = vec![snapshot(&s)];
    while s.app().store().can_undo() {
        keys(&mut s, "u");
        back.push(snapshot(&s));
    }
    assert_eq!(back.last().unwrap(), &states[0]);
    for state in states.iter().rev() {
        assert!(
            back.contains(state),
            "every state is passed through by undo"
        );
    }
    while s.app().store().can_redo() {
        keys(&mut s, "<ctrl-r>");
    }
    assert_eq!(&snapshot(&s), states.last().unwrap());
}

#[test]
fn boundaries_move_by_word_and_by_character_before_accepting() {
    let (_dir, _path, mut s) = session("Officials in Нур-Султан said «нет» today.\n");
    goto(&mut s, "Нур");
    keys(&mut s, "v e 3");
    let id = s.app().store().annotations()[0].id.clone();
    let text = |s: &support::Session| s.app().store().annotation(&id).unwrap().quote.exact.clone();
    assert_eq!(text(&s), "Нур");
    keys(&mut s, ".");
    assert_eq!(text(&s), "Нур-Султан", "end one word right");
    keys(&mut s, "<alt-,> <alt-,>");
    assert_eq!(text(&s), "Нур-Султ", "end two characters left");
    keys(&mut s, "<alt-.>");
    assert_eq!(text(&s), "Нур-Султа");
    keys(&mut s, "<alt->>");
    assert_eq!(text(&s), "ур-Султа", "start one character right");
    keys(&mut s, "<alt-<> <");
    assert_eq!(
        text(&s),
        "in Нур-Султа",
        "start back a character, then a word left"
    );
}

#[test]
fn a_palette_command_that_opens_a_prompt_leaves_it_open() {
    let (_dir, _path, mut s) = session(ARTICLE);
    goto(&mut s, "four of the dead");
    keys(&mut s, ": help <enter>");
    assert!(
        matches!(
            s.app().overlay(),
            Some(scholia::app::state::Overlay::Help { .. })
        ),
        "{:?}",
        s.app().overlay()
    );
    keys(&mut s, "<esc> V c : claims-table <enter>");
    assert!(
        matches!(
            s.app().overlay(),
            Some(scholia::app::state::Overlay::Claims(_))
        ),
        "{:?}",
        s.app().overlay()
    );
}
