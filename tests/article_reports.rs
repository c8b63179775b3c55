//! The palette's `export`, `validate` and `stats` on the open article: the same work as
//! `scholia export`, `scholia validate` and `scholia stats`, reported on the status line.

mod support;

use std::fs;

use scholia::domain::sidecar;
use support::{goto, keys, session};

const ARTICLE: &str =
    "Col. Shaukat Sultan told AFP that four were Kazakh citizens (Ekspress-K, July 19).\n";

/// The status line's text and whether it reports a problem.
fn status(s: &support::Session) -> (String, bool) {
    let message = s.app().message().expect("a message");
    (message.text.clone(), message.error)
}

/// Tags a person, a publication and a claim.
fn tag_three(s: &mut support::Session) {
    goto(s, "Shaukat");
    keys(s, "1");
    goto(s, "Ekspress");
    keys(s, "s");
    goto(s, "four");
    keys(s, "V c");
}

#[test]
fn stats_counts_the_open_articles_annotations() {
    let (_dir, _path, mut s) = session(ARTICLE);
    tag_three(&mut s);
    keys(&mut s, ": stats <enter>");
    let (text, error) = status(&s);
    assert!(!error);
    assert_eq!(
        text,
        "stats: 3 annotations, 0 entities, 0 relations; claim 1, entity 1, source 1; accepted 3"
    );
}

#[test]
fn validate_checks_the_sidecar_on_disk() {
    let (_dir, path, mut s) = session(ARTICLE);
    tag_three(&mut s);
    keys(&mut s, ": validate <enter>");
    assert_eq!(
        status(&s),
        ("validate: the sidecar is valid".to_string(), false)
    );
    // Another program breaks a quote in the sidecar.
    let file = sidecar::path_for(&path);
    let text = fs::read_to_string(&file).unwrap();
    fs::write(
        &file,
        text.replace("\"Shaukat Sultan\"", "\"Shaukat Sultanov\""),
    )
    .unwrap();
    keys(&mut s, ": validate <enter>");
    let (text, error) = status(&s);
    assert!(error, "{text}");
    assert!(text.starts_with("validate: 1 problem: a1: "), "{text}");
}

#[test]
fn export_asks_for_the_format_and_writes_next_to_the_article() {
    let (dir, path, mut s) = session(ARTICLE);
    tag_three(&mut s);
    keys(&mut s, ": export <enter> csv <enter>");
    let (text, error) = status(&s);
    assert!(!error, "{text}");
    let written = dir.path().join("article.claims.csv");
    assert!(written.exists(), "{text}");
    assert!(text.starts_with("export csv: wrote "), "{text}");
    assert!(
        text.contains(&written.display().to_string()),
        "the full path: {text}"
    );
    assert!(fs::read_to_string(&written)
        .unwrap()
        .contains("four were Kazakh"));

    // The picker says what an export replaces; choosing it again replaces the file.
    goto(&mut s, "Col.");
    keys(&mut s, "1");
    keys(&mut s, ": export <enter>");
    let rendered = format!("{:?}", s.app().overlay());
    assert!(
        rendered.contains("(replaces article.claims.csv)"),
        "{rendered}"
    );
    assert!(
        !rendered.contains("replaces article.txt"),
        "brat's copy of the article is not an earlier export: {rendered}"
    );
    keys(&mut s, "brat <enter>");
    assert!(dir.path().join("article.ann").exists());
    let (text, _) = status(&s);
    assert!(text.contains("article.ann and 2 more files"), "{text}");
    assert!(!status(&s).1, "{}", status(&s).0);
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        ARTICLE,
        "the article untouched"
    );
}

#[test]
fn a_palette_command_that_opens_a_prompt_keeps_it_open() {
    let (_dir, _path, mut s) = session(ARTICLE);
    goto(&mut s, "Shaukat");
    keys(&mut s, "1 : relabel <enter> PRODUCT <enter>");
    assert_eq!(s.app().store().annotations()[0].label, "PRODUCT");
}
