//! Links by key script (issue 10, trap 4): the relation type chosen in the picker, claim
//! → claim links, existing links marked and removable, the publication after the claim
//! ranked first for `cites`.

mod support;

use scholia::app::state::{Overlay, Pick};
use scholia::domain::model::Kind;
use support::{goto, keys, session, Session};

const ARTICLE: &str = "Col. Shaukat Sultan, a Pakistani military official, told AFP that four of the dead were Kazakh citizens (Ekspress-K, July 19). The embassy in Islamabad denied that any Kazakh citizen had been killed.\n";

/// Tags Shaukat Sultan (a person), AFP and Ekspress-K (publications), the claim "four of
/// the dead were Kazakh citizens" and the embassy's denial as a second claim.
fn tagged() -> (tempfile::TempDir, Session) {
    let (dir, _path, mut s) = session(ARTICLE);
    goto(&mut s, "Shaukat");
    keys(&mut s, "v e e s");
    goto(&mut s, "AFP");
    keys(&mut s, "s r u");
    goto(&mut s, "Ekspress-K");
    keys(&mut s, "v e e s r u");
    goto(&mut s, "four of the dead");
    keys(&mut s, "v");
    goto(&mut s, " (Ekspress");
    keys(&mut s, "<left> c");
    goto(&mut s, "The embassy");
    keys(&mut s, "V c");
    let labels: Vec<(Kind, String, String)> = s
        .app()
        .store()
        .annotations()
        .iter()
        .map(|a| (a.kind, a.label.to_string(), a.quote.exact.to_string()))
        .collect();
    assert_eq!(labels.len(), 5, "{labels:?}");
    (dir, s)
}

/// The links from the claim starting with `text`, as (type, target's text).
fn links_of(s: &Session, text: &str) -> Vec<(String, String)> {
    let store = &s.app().store();
    let claim = store
        .annotations()
        .into_iter()
        .find(|a| a.kind == Kind::Claim && a.quote.exact.starts_with(text))
        .unwrap_or_else(|| panic!("no claim {text:?}"));
    store
        .relations_from(&claim.id)
        .iter()
        .map(|r| {
            let to = store
                .annotation(&r.to)
                .map(|a| a.quote.exact.to_string())
                .unwrap_or_else(|| r.to.clone());
            (r.kind.clone(), to)
        })
        .collect()
}

fn pair(kind: &str, to: &str) -> (String, String) {
    (kind.to_string(), to.to_string())
}

/// The rows of the open link picker, as (label, detail).
fn link_rows(s: &Session) -> Vec<(String, String)> {
    match &s.app().overlay() {
        Some(Overlay::Link(link)) => link
            .picker
            .visible()
            .map(|i| (i.label.clone(), i.detail.clone()))
            .collect(),
        other => panic!("no link picker: {other:?} {:?}", s.app().message()),
    }
}

#[test]
fn the_publication_after_the_claim_comes_first_then_the_speaker_before_it() {
    let (_dir, mut s) = tagged();
    goto(&mut s, "four of the dead");
    keys(&mut s, "L <enter>");
    assert_eq!(
        links_of(&s, "four"),
        vec![pair("cites", "Ekspress-K")],
        "the \"claim (Publication, date)\" pattern: the publication right after the claim"
    );
    keys(&mut s, "L <enter>");
    assert_eq!(
        links_of(&s, "four"),
        vec![
            pair("cites", "Ekspress-K"),
            pair("attributed_to", "Shaukat Sultan")
        ],
        "then the nearest person before the claim, the linked publication moved down"
    );
}

#[test]
fn tab_chooses_the_relation_type_for_every_row() {
    let (_dir, mut s) = tagged();
    goto(&mut s, "four of the dead");
    keys(&mut s, "L afp");
    let rows = link_rows(&s);
    assert_eq!(rows[0].0, "AFP");
    assert!(rows[0].1.contains("→ cites"), "the guess: {rows:?}");
    // The guess, then each of the schema's types in turn: attributed_to first.
    keys(&mut s, "<tab>");
    let rows = link_rows(&s);
    assert_eq!(rows[0].0, "AFP", "the query and the highlighted row stay");
    assert!(rows[0].1.contains("→ attributed_to"), "{rows:?}");
    keys(&mut s, "<enter>");
    assert_eq!(links_of(&s, "four"), vec![pair("attributed_to", "AFP")]);
    // Backtab goes the other way: from the guess to the last type, contradicts.
    goto(&mut s, "four of the dead");
    keys(&mut s, "L shauk <tab> <tab> <tab> <backtab> <enter>");
    assert_eq!(
        links_of(&s, "four"),
        vec![
            pair("attributed_to", "AFP"),
            pair("cites", "Shaukat Sultan")
        ]
    );
}

#[test]
fn a_claim_links_to_another_claim_supports_by_default_or_contradicts() {
    let (_dir, mut s) = tagged();
    goto(&mut s, "The embassy");
    keys(&mut s, "L four <enter>");
    assert_eq!(
        links_of(&s, "The embassy"),
        vec![pair("supports", "four of the dead were Kazakh citizens")]
    );
    keys(&mut s, "u");
    assert!(links_of(&s, "The embassy").is_empty(), "one undoable step");
    keys(&mut s, "L four <backtab> <enter>");
    assert_eq!(
        links_of(&s, "The embassy"),
        vec![pair("contradicts", "four of the dead were Kazakh citizens")]
    );
}

#[test]
fn an_entity_is_linked_as_mentioned() {
    let (_dir, mut s) = tagged();
    goto(&mut s, "Islamabad");
    keys(&mut s, "3 m <enter>");
    goto(&mut s, "The embassy");
    keys(&mut s, "L islam");
    let rows = link_rows(&s);
    assert_eq!(rows[0].0, "Islamabad");
    assert!(rows[0].1.contains("→ mentions"), "{rows:?}");
    keys(&mut s, "<enter>");
    assert_eq!(links_of(&s, "The embassy"), vec![pair("mentions", "e1")]);
}

#[test]
fn existing_links_are_marked_and_picking_one_again_offers_to_remove_it() {
    let (_dir, mut s) = tagged();
    goto(&mut s, "four of the dead");
    keys(&mut s, "L shauk <enter>");
    assert_eq!(
        links_of(&s, "four"),
        vec![pair("attributed_to", "Shaukat Sultan")]
    );
    keys(&mut s, "L");
    let rows = link_rows(&s);
    let shaukat = rows.iter().find(|r| r.0 == "Shaukat Sultan").unwrap();
    assert!(shaukat.1.starts_with("✓ attributed_to"), "{rows:?}");
    assert_eq!(
        rows.last().unwrap().0,
        "Shaukat Sultan",
        "linked rows come last"
    );
    keys(&mut s, "shauk <enter>");
    match &s.app().overlay() {
        Some(Overlay::Picker { picker, .. }) => {
            assert!(
                picker.title.contains("already has this link"),
                "{}",
                picker.title
            );
            assert!(matches!(
                picker.current().map(|i| &i.value),
                Some(Pick::Unlink(_))
            ));
        }
        other => panic!("no question: {other:?} {:?}", s.app().message()),
    }
    assert_eq!(links_of(&s, "four").len(), 1, "nothing removed yet");
    keys(&mut s, "<enter>");
    assert!(links_of(&s, "four").is_empty());
    assert!(s.app().overlay().is_none());
    keys(&mut s, "u");
    assert_eq!(
        links_of(&s, "four"),
        vec![pair("attributed_to", "Shaukat Sultan")]
    );
    // Esc keeps the link.
    keys(&mut s, "L shauk <enter> <esc>");
    assert_eq!(links_of(&s, "four").len(), 1);
}

#[test]
fn shift_d_lists_the_links_and_removes_the_picked_one_as_one_step() {
    let (_dir, mut s) = tagged();
    goto(&mut s, "four of the dead");
    keys(&mut s, "L shauk <enter> L ekspr <enter>");
    let both = vec![
        pair("attributed_to", "Shaukat Sultan"),
        pair("cites", "Ekspress-K"),
    ];
    assert_eq!(links_of(&s, "four"), both);
    keys(&mut s, "D");
    match &s.app().overlay() {
        Some(Overlay::Picker { picker, .. }) => {
            let labels: Vec<&str> = picker.visible().map(|i| i.label.as_str()).collect();
            assert_eq!(
                labels,
                ["attributed_to «Shaukat Sultan»", "cites «Ekspress-K»"]
            );
        }
        other => panic!("no links list: {other:?} {:?}", s.app().message()),
    }
    keys(&mut s, "<down> <enter>");
    assert_eq!(
        links_of(&s, "four"),
        vec![pair("attributed_to", "Shaukat Sultan")]
    );
    assert!(s.app().message().unwrap().text.starts_with("removed r2"));
    keys(&mut s, "u");
    assert_eq!(links_of(&s, "four"), both);
    // A digit removes that row at once; the list also shows a source's incoming links.
    goto(&mut s, "Shaukat");
    keys(&mut s, "D 1");
    assert_eq!(links_of(&s, "four"), vec![pair("cites", "Ekspress-K")]);
    goto(&mut s, "AFP");
    keys(&mut s, "D");
    assert!(s.app().overlay().is_none());
    assert!(s.app().message().unwrap().text.contains("has no links"));
}

/// The target highlighted in the open link picker.
fn highlighted(s: &Session) -> String {
    match &s.app().overlay() {
        Some(Overlay::Link(link)) => link.picker.current().unwrap().label.clone(),
        other => panic!("no link picker: {other:?}"),
    }
}

#[test]
fn after_the_type_key_the_best_target_for_the_type_or_the_one_moved_to_is_highlighted() {
    let (_dir, mut s) = tagged();
    goto(&mut s, "four of the dead");
    keys(&mut s, "L");
    assert_eq!(highlighted(&s), "Ekspress-K");
    keys(&mut s, "<tab>");
    assert_eq!(
        highlighted(&s),
        "Shaukat Sultan",
        "attributed_to: the nearest person before the claim"
    );
    keys(&mut s, "<down> <down>");
    let moved_to = highlighted(&s);
    keys(&mut s, "<tab>");
    assert_eq!(
        highlighted(&s),
        moved_to,
        "the target moved to stays highlighted"
    );
}
