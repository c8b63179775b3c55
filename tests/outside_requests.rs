//! What the session, the command line and tests ask of the workbench go through `update`
//! as actions: a notice, a cursor position, an import.

mod support;

use scholia::app::action::Action;
use scholia::app::state::Tab;
use scholia::formats::apply::ApplyOptions;
use scholia::formats::imported::{Format, ImportOptions};
use scholia::formats::parse;
use support::{keys, session};

const ARTICLE: &str = "Alice met Bob in Café 👩‍💻 Zarkent.\n";

#[test]
fn go_to_puts_the_cursor_on_the_grapheme_holding_the_offset_inside_the_article() {
    let (_dir, _path, mut s) = session(ARTICLE);
    let emoji = ARTICLE.find('👩').unwrap();
    s.dispatch(Action::GoTo(emoji + 5));
    assert_eq!(s.app().cursor(), emoji, "inside a grapheme: its start");
    s.dispatch(Action::GoTo(usize::MAX));
    assert_eq!(s.app().cursor(), ARTICLE.len(), "past the end: the end");
}

#[test]
fn a_notice_shows_on_the_status_line_as_said_or_as_a_problem() {
    let (_dir, _path, mut s) = session(ARTICLE);
    s.dispatch(Action::Notice {
        text: "all fine".into(),
        error: false,
    });
    let message = s.app().message().cloned().unwrap();
    assert_eq!((message.text.as_str(), message.error), ("all fine", false));
    s.dispatch(Action::Notice {
        text: "disk full".into(),
        error: true,
    });
    assert!(s.app().message().unwrap().error);
}

#[test]
fn an_import_is_one_undoable_step_that_shows_the_review_tab() {
    let (_dir, _path, mut s) = session(ARTICLE);
    let line = format!(
        "{{\"text\": {}, \"ents\": [{{\"start\": 0, \"end\": 5, \"label\": \"PERSON\"}}, {{\"start\": 10, \"end\": 13, \"label\": \"PERSON\"}}]}}\n",
        serde_json::to_string(ARTICLE).unwrap()
    );
    let docs = parse(Format::Spacy, &line, &ImportOptions::default()).unwrap();
    s.dispatch(Action::Import {
        source: "people.jsonl".into(),
        record: Box::new(docs[0].clone()),
        options: ApplyOptions::default(),
    });
    assert_eq!(s.app().store().annotations().len(), 2);
    assert_eq!(s.app().panel().tab, Tab::Review);
    let message = s.app().message().cloned().unwrap();
    assert!(
        message
            .text
            .starts_with("people.jsonl: imported 2 annotations"),
        "{}",
        message.text
    );
    keys(&mut s, "u");
    assert!(
        s.app().store().annotations().is_empty(),
        "one undo takes it all back"
    );
}
