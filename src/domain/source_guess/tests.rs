//! Tests of the source kind guess.

use super::*;

/// The guess for the first occurrence of `needle` in `text`.
fn guess(text: &str, needle: &str) -> SourceGuess {
    let start = text.find(needle).expect("needle in text");
    guess_source(text, start..start + needle.len())
}

#[test]
fn a_parenthesised_citation_is_a_publication() {
    let text = "were Kazakh citizens (Ekspress-K, 12 May). Others (AFP) and ( Interfax ; Reuters)";
    assert_eq!(guess(text, "Ekspress-K"), SourceGuess::Publication);
    assert_eq!(guess(text, "AFP"), SourceGuess::Publication);
    assert_eq!(guess(text, "Interfax"), SourceGuess::Publication);
    assert_eq!(guess(text, "citizens"), SourceGuess::Person);
    assert_eq!(guess("(Lenta.ru said)", "Lenta.ru"), SourceGuess::Person);
}

#[test]
fn a_ministry_agency_office_or_committee_is_an_organisation() {
    for name in [
        "the Interior Ministry",
        "State Border Service",
        "National Security Committee",
        "the prosecutor's office",
        "Foreign Ministry's",
        "Министерство иностранных дел",
        "ПОСОЛЬСТВО",
    ] {
        assert_eq!(guess(name, name), SourceGuess::Organisation, "{name}");
    }
}

#[test]
fn anything_else_is_a_person() {
    assert_eq!(
        guess("Shaukat Sultan told", "Shaukat Sultan"),
        SourceGuess::Person
    );
    assert_eq!(
        guess("Officer Dibble", "Officer Dibble"),
        SourceGuess::Person
    );
    assert_eq!(guess_source("abc", 2..9), SourceGuess::Person);
    assert_eq!(guess_source("é", 1..2), SourceGuess::Person);
}

#[test]
fn the_guess_names_the_built_in_source_kinds() {
    let schema = crate::domain::schema::Schema::default();
    for kind in [
        SourceGuess::Publication,
        SourceGuess::Organisation,
        SourceGuess::Person,
    ] {
        assert!(
            schema
                .labels(crate::domain::schema::LabelKind::Source)
                .iter()
                .any(|l| l.name == kind.label()),
            "{kind:?}"
        );
    }
}
