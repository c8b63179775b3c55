//! Review decisions act on the suggestion the analyst sees: the highlighted row of the
//! Review tab (its own filter applied), or the suggestion under the cursor in the
//! article; never on a hidden head of the queue. Rejected suggestions can be listed and
//! accepted after all, and accept-all without scores asks first.

mod support;

use ratatui::backend::TestBackend;
use ratatui::Terminal;
use scholia::app::action::Action;
use scholia::app::panel;
use scholia::app::state::{Focus, Tab};
use scholia::domain::model::Status;
use scholia::formats::imported::Format;
use scholia::ui::{self, Theme};
use support::pretend_model::{spacy_json, SUGGESTIONS, TEXT};
use support::{goto, import, keys, session, Session};

/// A session on [`TEXT`] with the model's suggestions pending.
fn reviewing() -> (tempfile::TempDir, std::path::PathBuf, Session) {
    let (dir, path, mut s) = session(TEXT);
    import(&mut s, Format::Spacy, &spacy_json());
    assert_eq!(panel::rows(s.app(), Tab::Review).len(), SUGGESTIONS.len());
    (dir, path, s)
}

/// The id of the suggestion on the `n`th occurrence of `needle`.
fn id_on(s: &Session, needle: &str, n: usize) -> String {
    let start = TEXT.match_indices(needle).nth(n).unwrap().0;
    s.app()
        .store()
        .annotations()
        .into_iter()
        .find(|a| a.extent().start == start && a.quote.exact == needle)
        .unwrap_or_else(|| panic!("no suggestion on {needle:?} #{n}"))
        .id
        .clone()
}

/// The screen drawn at 120×40 without colour, its rows one after another.
fn screen(s: &mut Session) -> String {
    s.dispatch(Action::Resize(120, 40));
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    terminal
        .draw(|frame| ui::draw(frame, s.app(), &Theme::plain()))
        .unwrap();
    let buffer = terminal.backend().buffer();
    buffer.content().iter().map(|cell| cell.symbol()).collect()
}

fn status(s: &Session, id: &str) -> Status {
    s.app().store().annotation(id).unwrap().status
}

fn message(s: &Session) -> String {
    s.app()
        .message()
        .map(|m| m.text.clone())
        .unwrap_or_default()
}

#[test]
fn reject_in_a_filtered_review_tab_rejects_the_highlighted_row_not_the_hidden_head() {
    let (_dir, _path, mut s) = reviewing();
    let head = id_on(&s, "Kazakhstan", 0);
    let first = id_on(&s, "Delovaya Nedelya", 0);
    let second = id_on(&s, "Delovaya Nedelya", 1);
    keys(&mut s, "g r / Delovaya <enter>");
    assert_eq!(s.app().focus(), Focus::Panel);
    keys(&mut s, "x");
    assert_eq!(status(&s, &first), Status::Rejected, "the highlighted row");
    assert_eq!(status(&s, &head), Status::Pending, "not the hidden head");
    // The highlight moves to the next row the analyst sees.
    assert_eq!(s.app().review().current.as_deref(), Some(second.as_str()));
    assert_eq!(
        s.app().cursor(),
        TEXT.match_indices("Delovaya").nth(1).unwrap().0
    );
    keys(&mut s, "a");
    assert_eq!(status(&s, &second), Status::Accepted);
    assert_eq!(status(&s, &head), Status::Pending);
    // Nothing left in the filtered list: a key decides nothing rather than a hidden row.
    keys(&mut s, "x");
    assert!(message(&s).contains("filter"), "{}", message(&s));
    let pending = s
        .app()
        .store()
        .annotations()
        .into_iter()
        .filter(|a| a.status == Status::Pending)
        .count();
    assert_eq!(pending, SUGGESTIONS.len() - 2);
}

#[test]
fn decisions_take_the_highlighted_row_and_the_highlight_moves_to_the_next() {
    let (_dir, _path, mut s) = reviewing();
    // Reading order: Kazakhstan, Monday, Delovaya Nedelya, Алматы, …
    keys(&mut s, "g r j j j");
    let almaty = id_on(&s, "Алматы", 0);
    let next = id_on(&s, "Delovaya Nedelya", 1);
    keys(&mut s, "x");
    assert_eq!(status(&s, &almaty), Status::Rejected);
    assert_eq!(
        s.app().panel().selected,
        3,
        "the next row took the decided one's place"
    );
    assert_eq!(s.app().review().current.as_deref(), Some(next.as_str()));
    // Space skips the highlighted row: it goes last, the highlight stays in place.
    keys(&mut s, "<space>");
    let rows = panel::rows(s.app(), Tab::Review);
    assert_eq!(rows.last().unwrap().target.as_deref(), Some(next.as_str()));
    assert_eq!(
        rows[s.app().panel().selected].target,
        s.app().review().current,
        "the highlighted row is the current suggestion"
    );
}

#[test]
fn in_the_article_a_decision_takes_the_suggestion_under_the_cursor_or_none() {
    let (_dir, _path, mut s) = reviewing();
    let head = id_on(&s, "Kazakhstan", 0);
    goto(&mut s, "said");
    keys(&mut s, "x");
    assert_eq!(
        status(&s, &head),
        Status::Pending,
        "the head is not under the cursor"
    );
    assert!(message(&s).contains("under the cursor"), "{}", message(&s));
    goto(&mut s, "Ekspress-K");
    keys(&mut s, "x");
    assert_eq!(status(&s, &id_on(&s, "Ekspress-K", 0)), Status::Rejected);
}

#[test]
fn each_tab_has_its_own_filter_shown_in_its_header() {
    let (_dir, _path, mut s) = reviewing();
    keys(&mut s, "g r / Delovaya <enter>");
    assert_eq!(panel::rows(s.app(), Tab::Review).len(), 2);
    let drawn = screen(&mut s);
    assert!(
        drawn.contains("filter: Delovaya (2 of 7)"),
        "the Review tab's header names its filter:\n{drawn}"
    );
    // The Entities tab (three to the left) is not filtered by the Review tab's filter…
    keys(&mut s, "h h h");
    assert_eq!(s.app().panel().tab, Tab::Entities);
    let entities = panel::rows(s.app(), Tab::Entities);
    assert!(
        entities.iter().any(|r| r.text == "Kazakhstan"),
        "{entities:?}"
    );
    // … and has its own.
    keys(&mut s, "/ Kaz <enter>");
    let drawn = screen(&mut s);
    assert!(drawn.contains("filter: Kaz (2 of 6)"), "{drawn}");
    keys(&mut s, "l l l");
    assert_eq!(s.app().panel().tab, Tab::Review);
    assert_eq!(panel::rows(s.app(), Tab::Review).len(), 2, "Delovaya still");
    assert_eq!(s.app().panel().filter(Tab::Review), "Delovaya");
    assert_eq!(s.app().panel().filter(Tab::Entities), "Kaz");
}

#[test]
fn r_lists_rejected_suggestions_so_that_one_can_be_accepted_after_all() {
    let (_dir, path, mut s) = reviewing();
    let head = id_on(&s, "Kazakhstan", 0);
    let monday = id_on(&s, "Monday", 0);
    keys(&mut s, "g r x x");
    assert_eq!(status(&s, &head), Status::Rejected);
    assert_eq!(status(&s, &monday), Status::Rejected);
    keys(&mut s, "R");
    let rows = panel::rows(s.app(), Tab::Review);
    let listed: Vec<_> = rows.iter().filter_map(|r| r.target.clone()).collect();
    assert_eq!(listed, vec![head.clone(), monday.clone()]);
    assert!(rows[0].detail.contains("rejected"), "{:?}", rows[0]);
    assert!(screen(&mut s).contains("rejected suggestions"));
    keys(&mut s, "j a");
    assert_eq!(status(&s, &monday), Status::Accepted, "the highlighted one");
    assert_eq!(status(&s, &head), Status::Rejected);
    keys(&mut s, "k a");
    assert_eq!(status(&s, &head), Status::Accepted);
    assert!(
        message(&s).contains("no rejected suggestions left"),
        "{}",
        message(&s)
    );
    keys(&mut s, "R");
    assert_eq!(
        panel::rows(s.app(), Tab::Review).len(),
        SUGGESTIONS.len() - 2,
        "R lists the queue again"
    );
    let file = scholia::domain::sidecar::read(&scholia::domain::sidecar::path_for(&path))
        .unwrap()
        .unwrap();
    let saved = file.annotations.iter().find(|a| a.id == monday).unwrap();
    assert_eq!(saved.status, Status::Accepted);
}

#[test]
fn accept_all_without_scores_says_how_many_and_asks_first() {
    let (_dir, _path, mut s) = reviewing();
    // The third row is an ORG: four of them await review.
    keys(&mut s, "g r j j A");
    let orgs = |s: &Session, status: Status| {
        s.app()
            .store()
            .annotations()
            .into_iter()
            .filter(|a| a.label == "ORG" && a.status == status)
            .count()
    };
    assert_eq!(
        orgs(&s, Status::Pending),
        4,
        "nothing accepted before the answer"
    );
    assert!(
        message(&s).contains("accept all 4 pending entity ORG (no scores to choose by)?"),
        "{}",
        message(&s)
    );
    keys(&mut s, "n");
    assert_eq!(orgs(&s, Status::Pending), 4, "any other key keeps them");
    assert!(message(&s).contains("nothing accepted"), "{}", message(&s));
    keys(&mut s, "A y");
    assert_eq!(orgs(&s, Status::Accepted), 4);
    assert!(
        message(&s).contains("accepted 4 entity ORG"),
        "{}",
        message(&s)
    );
    keys(&mut s, "<backspace>");
    assert_eq!(
        orgs(&s, Status::Pending),
        4,
        "one decision takes them all back"
    );
}

#[test]
fn accept_all_with_scores_accepts_those_at_or_above_the_highlighted_score() {
    let (_dir, _path, mut s) = session(TEXT);
    let result = |needle: &str, n: usize, score: f64| {
        let byte = TEXT.match_indices(needle).nth(n).unwrap().0;
        let start = TEXT[..byte].encode_utf16().count();
        let end = start + needle.encode_utf16().count();
        format!(
            r#"{{"type": "labels", "from_name": "label", "to_name": "text",
                "value": {{"start": {start}, "end": {end}, "text": "{needle}", "labels": ["ORG"]}},
                "score": {score}}}"#
        )
    };
    let results = [
        result("Delovaya Nedelya", 0, 0.9),
        result("Delovaya Nedelya", 1, 0.5),
        result("Ekspress-K", 0, 0.7),
    ];
    let file = format!(
        r#"[{{"data": {{"text": {}}}, "predictions": [{{"model_version": "m1", "result": [{}]}}]}}]"#,
        serde_json::to_string(TEXT).unwrap(),
        results.join(", ")
    );
    import(&mut s, Format::LabelStudio, &file);
    keys(&mut s, "g r o");
    // By score: 0.9, 0.7, 0.5. From the second row, those at 0.7 or more: two.
    keys(&mut s, "j A");
    assert!(
        message(&s).contains("accepted 2 entity ORG with score ≥ 0.70"),
        "{}",
        message(&s)
    );
    assert_eq!(
        status(&s, &id_on(&s, "Delovaya Nedelya", 1)),
        Status::Pending
    );
}

#[test]
fn undoing_a_decision_highlights_its_row_again() {
    let (_dir, _path, mut s) = reviewing();
    let monday = id_on(&s, "Monday", 0);
    let almaty = id_on(&s, "Алматы", 0);
    keys(&mut s, "g r j x j");
    assert_eq!(status(&s, &monday), Status::Rejected);
    keys(&mut s, "u");
    assert_eq!(status(&s, &monday), Status::Pending);
    assert_eq!(s.app().review().current.as_deref(), Some(monday.as_str()));
    keys(&mut s, "a");
    assert_eq!(
        status(&s, &monday),
        Status::Accepted,
        "the undone one, highlighted"
    );
    assert_eq!(status(&s, &almaty), Status::Pending);
}
