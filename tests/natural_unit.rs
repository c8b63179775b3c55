//! The natural unit for tagging with nothing selected (issue: the unit was wrong for
//! names): a capitalised run, hyphen- and apostrophe-joined tokens, no possessive, a
//! few Han characters; and the kind a new source gets from its context.

mod support;

use scholia::domain::model::{Annotation, Kind};
use support::{goto, keys, session};

const ARTICLE: &str = "Kazakh Nationals Killed\n\nCol. Shaukat Sultan, a Pakistani military official, told AFP that at least four of the killed were Kazakh citizens (Ekspress-K, July19). Sultan's office and the Interior Ministry declined.\n\n外交部长王毅表示，王小明在北京。\n\nОб этом сообщила газета Деловая Неделя.\n";

/// The annotations of the session, in reading order.
fn annotations(s: &support::Session) -> Vec<Annotation> {
    s.app().store().annotations().into_iter().cloned().collect()
}

/// The one annotation of the session: its kind, label and text.
fn only(s: &support::Session) -> (Kind, String, String) {
    let all = annotations(s);
    assert_eq!(all.len(), 1, "{all:?}");
    let a = &all[0];
    (a.kind, a.label.to_string(), a.quote.exact.to_string())
}

#[test]
fn s_on_a_hyphenated_publication_tags_it_whole_as_a_publication() {
    let (_dir, _path, mut s) = session(ARTICLE);
    goto(&mut s, "Ekspress-K");
    keys(&mut s, "s");
    assert_eq!(
        only(&s),
        (Kind::Source, "publication".into(), "Ekspress-K".into())
    );
}

#[test]
fn a_digit_on_a_first_name_tags_the_whole_name() {
    let (_dir, _path, mut s) = session(ARTICLE);
    goto(&mut s, "Shaukat");
    keys(&mut s, "1");
    assert_eq!(
        only(&s),
        (Kind::Entity, "PERSON".into(), "Shaukat Sultan".into())
    );
}

#[test]
fn s_on_a_name_tags_a_person_and_on_a_ministry_an_organisation() {
    let (_dir, _path, mut s) = session(ARTICLE);
    goto(&mut s, "Sultan,");
    keys(&mut s, "s");
    goto(&mut s, "Ministry");
    keys(&mut s, "s");
    let tagged: Vec<(String, String)> = annotations(&s)
        .into_iter()
        .map(|a| (a.label.into(), a.quote.exact.into()))
        .collect();
    assert_eq!(
        tagged,
        vec![
            ("person".to_string(), "Shaukat Sultan".to_string()),
            ("organisation".to_string(), "Interior Ministry".to_string()),
        ]
    );
}

#[test]
fn a_possessive_is_left_out_of_the_name() {
    let (_dir, _path, mut s) = session(ARTICLE);
    goto(&mut s, "Sultan's");
    keys(&mut s, "1");
    assert_eq!(only(&s), (Kind::Entity, "PERSON".into(), "Sultan".into()));
}

#[test]
fn on_han_characters_a_name_is_tagged_and_one_key_fixes_its_end() {
    let (_dir, _path, mut s) = session(ARTICLE);
    goto(&mut s, "王小明");
    keys(&mut s, "1");
    assert_eq!(only(&s).2, "王小明");
    keys(&mut s, "u");
    goto(&mut s, "王毅");
    keys(&mut s, "1");
    assert_eq!(only(&s).2, "王毅表", "three characters from the cursor");
    keys(&mut s, ",");
    assert_eq!(only(&s).2, "王毅", "`,` takes the last character off");
    keys(&mut s, ". .");
    assert_eq!(only(&s).2, "王毅表示", "`.` adds one");
}

#[test]
fn a_cyrillic_name_is_tagged_whole() {
    let (_dir, _path, mut s) = session(ARTICLE);
    goto(&mut s, "Неделя");
    keys(&mut s, "2");
    assert_eq!(
        only(&s),
        (Kind::Entity, "ORG".into(), "Деловая Неделя".into())
    );
}
