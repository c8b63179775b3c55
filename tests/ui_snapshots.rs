//! What the screen looks like: snapshots of the examples at several sizes and with each
//! prompt open, and the colour and marker rules.

#[path = "seed/mod.rs"]
mod seed;
mod ui_support;

use ratatui::style::{Color, Modifier};
use scholia::app::action::Action;
use scholia::app::command::Command;
use scholia::app::layout;
use scholia::app::motion;
use scholia::app::session::Session;
use scholia::domain::anchor;
use scholia::domain::model::{Annotation, Kind, Origin, Span, Status};
use scholia::ui::Theme;
use ui_support::{draw, goto, keys, open_example, options, screen};

#[test]
fn border_incident_at_three_sizes() {
    let (_dir, mut s) = open_example("border-incident.txt");
    insta::assert_snapshot!("border_incident_120x40", screen(&mut s, 120, 40));
    insta::assert_snapshot!("border_incident_80x24", screen(&mut s, 80, 24));
    insta::assert_snapshot!("border_incident_40x12", screen(&mut s, 40, 12));
}

#[test]
fn border_incident_cursor_on_a_claim_with_its_details() {
    let (_dir, mut s) = open_example("border-incident.txt");
    goto(&mut s, "detainees", 0);
    insta::assert_snapshot!("border_incident_on_a_claim_120x40", screen(&mut s, 120, 40));
}

#[test]
fn multilingual_digest_at_three_sizes() {
    let (_dir, mut s) = open_example("multilingual-digest.txt");
    insta::assert_snapshot!("multilingual_120x40", screen(&mut s, 120, 40));
    insta::assert_snapshot!("multilingual_80x24", screen(&mut s, 80, 24));
    insta::assert_snapshot!("multilingual_40x12", screen(&mut s, 40, 12));
}

#[test]
fn control_characters_are_shown_as_marks() {
    let (_dir, mut s) = open_example("control-characters.txt");
    let shown = screen(&mut s, 80, 24);
    assert!(shown.contains('␛'), "{shown}");
    assert!(shown.contains('⇋'), "{shown}");
    insta::assert_snapshot!("control_characters_80x24", shown);
}

#[test]
fn help_overlay() {
    let (_dir, mut s) = open_example("border-incident.txt");
    keys(&mut s, "?");
    insta::assert_snapshot!("help_120x40", screen(&mut s, 120, 40));
    keys(&mut s, "<pgdn> <pgdn>");
    insta::assert_snapshot!("help_scrolled_80x24", screen(&mut s, 80, 24));
}

#[test]
fn link_picker() {
    let (_dir, mut s) = open_example("border-incident.txt");
    goto(&mut s, "detainees", 0);
    keys(&mut s, "L");
    assert!(
        matches!(
            s.app().overlay(),
            Some(scholia::app::state::Overlay::Link(_))
        ),
        "{:?}",
        s.app().message()
    );
    insta::assert_snapshot!("link_picker_120x40", screen(&mut s, 120, 40));
    keys(&mut s, "asa");
    insta::assert_snapshot!("link_picker_filtered_80x24", screen(&mut s, 80, 24));
}

#[test]
fn details_list_a_source_and_a_person_on_one_name_and_mark_the_focused_one() {
    let (_dir, mut s) = open_example("border-incident.txt");
    goto(&mut s, "Nazarov told", 0);
    let shown = screen(&mut s, 120, 40);
    assert!(shown.contains("▸ a10 source person"), "{shown}");
    assert!(shown.contains("  a9 entity PERSON"), "{shown}");
    insta::assert_snapshot!("details_two_here_120x40", shown);
    keys(&mut s, ";");
    let shown = screen(&mut s, 120, 40);
    assert!(shown.contains("  a10 source person"), "{shown}");
    assert!(shown.contains("▸ a9 entity PERSON"), "{shown}");
}

#[test]
fn note_editor() {
    let (_dir, mut s) = open_example("border-incident.txt");
    goto(&mut s, "Nazarov told", 0);
    keys(&mut s, "i");
    keys(
        &mut s,
        "Check <space> the <space> title <space> against <space> the <space> ministry's <space> website. <enter> Second <space> line",
    );
    insta::assert_snapshot!("note_editor_120x40", screen(&mut s, 120, 40));
}

/// The session opened again with pending suggestions from a pretend model in its
/// sidecar.
fn add_suggestions(s: Session) -> Session {
    let suggestions = [
        ("Alay foothills", Kind::Entity, "LOC", 0.81),
        ("eleven", Kind::Entity, "CARDINAL", 0.93),
        ("Nearly a week", Kind::Entity, "DATE", 0.58),
        ("the Ferghana Valley", Kind::Entity, "LOC", 0.72),
        ("transit network", Kind::Entity, "ORG", 0.31),
    ];
    let first: usize = s.app().store().new_annotation_id()[1..].parse().unwrap();
    let mut added = Vec::new();
    for (n, (needle, kind, label, score)) in suggestions.into_iter().enumerate() {
        let start = s.app().doc().text().find(needle).unwrap();
        let spans = vec![Span::new(start, start + needle.len())];
        let mut a = Annotation::new(format!("a{}", first + n), kind, label, spans);
        a.quote = anchor::quote_for(s.app().doc(), &a.spans);
        a.status = Status::Pending;
        a.origin = Origin {
            model: Some("en_core_web_sm-3.7.1".into()),
            score: Some(score),
            ..Origin::tool("spacy")
        }
        .shared();
        added.push(a);
    }
    seed::reopen_with(s, added, &options())
}

#[test]
fn review_tab_with_pending_suggestions() {
    let (_dir, s) = open_example("border-incident.txt");
    let mut s = add_suggestions(s);
    s.dispatch(Action::Resize(120, 40));
    keys(&mut s, "<tab> j");
    insta::assert_snapshot!("review_tab_120x40", screen(&mut s, 120, 40));
    keys(&mut s, "o");
    insta::assert_snapshot!("review_tab_by_score_80x24", screen(&mut s, 80, 24));
}

#[test]
fn read_only_banner() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("border-incident.txt");
    std::fs::copy(ui_support::examples().join("border-incident.txt"), &article).unwrap();
    std::fs::write(
        dir.path().join("border-incident.txt.scholia.json"),
        "{ \"format\": ",
    )
    .unwrap();
    let mut s = Session::open(&article, &options()).unwrap();
    let reason = s
        .app()
        .read_only()
        .expect("a broken sidecar opens read-only");
    assert!(
        !reason.contains(&dir.path().display().to_string()),
        "the banner names the sidecar beside the article by its name: {reason}"
    );
    let shown = screen(&mut s, 120, 40);
    assert!(
        shown.contains("read-only: border-incident.txt.scholia.json:1:"),
        "{shown}"
    );
    insta::assert_snapshot!("read_only_120x40", shown);
    insta::assert_snapshot!("read_only_80x24", screen(&mut s, 80, 24));
}

#[test]
fn too_small_notice() {
    let (_dir, mut s) = open_example("border-incident.txt");
    insta::assert_snapshot!("too_small_29x7", screen(&mut s, 29, 7));
    insta::assert_snapshot!("too_small_12x3", screen(&mut s, 12, 3));
}

/// The screen cell showing byte `byte` of the article.
fn cell_of(s: &Session, byte: usize) -> (u16, u16) {
    let app = s.app();
    let area = app.screen().article;
    let rows = layout::rows_from(
        app.doc().text(),
        app.doc().line_starts(),
        app.top(),
        motion::wrap(app),
        usize::from(area.height),
    );
    let (i, row) = rows
        .iter()
        .enumerate()
        .find(|(_, r)| r.start <= byte && byte < r.end)
        .expect("the byte is on screen");
    (area.x + layout::column_of(row, byte), area.y + i as u16)
}

/// A PERSON mention on the first screen that no other annotation covers.
fn lone_person(s: &Session) -> Span {
    let store = &s.app().store();
    store
        .annotations()
        .into_iter()
        .filter(|a| a.kind == Kind::Entity && a.label == "PERSON")
        .map(|a| a.extent())
        .find(|e| store.intersecting(e.start, e.end).len() == 1)
        .expect("a PERSON mention alone")
}

#[test]
fn a_person_mention_has_the_person_colour_and_is_underlined() {
    let (_dir, mut s) = open_example("border-incident.txt");
    s.dispatch(Action::Resize(120, 40));
    let person = lone_person(&s);
    s.dispatch(Action::GoTo(person.start));
    s.dispatch(Action::Run(Command::Right));
    s.dispatch(Action::Run(Command::Left));
    // The cursor sits on the first cell: look at the second one.
    let byte = person.start + 1;
    let terminal = draw(&mut s, 120, 40, &Theme::colored());
    let (x, y) = cell_of(&s, byte);
    let cell = &terminal.backend().buffer()[(x, y)];
    assert_eq!(cell.fg, Color::LightCyan, "{cell:?}");
    assert!(cell.modifier.contains(Modifier::UNDERLINED), "{cell:?}");
}

#[test]
fn without_colour_no_cell_is_coloured_but_entities_are_still_underlined() {
    let (_dir, mut s) = open_example("border-incident.txt");
    s.dispatch(Action::Resize(120, 40));
    let person = lone_person(&s);
    s.dispatch(Action::GoTo(person.start));
    let terminal = draw(&mut s, 120, 40, &Theme::plain());
    let buf = terminal.backend().buffer();
    for cell in buf.content() {
        assert_eq!(cell.fg, Color::Reset, "{cell:?}");
        assert_eq!(cell.bg, Color::Reset, "{cell:?}");
    }
    let (x, y) = cell_of(&s, person.start + 1);
    assert!(buf[(x, y)].modifier.contains(Modifier::UNDERLINED));
    let (x, y) = cell_of(&s, person.start);
    assert!(
        buf[(x, y)].modifier.contains(Modifier::REVERSED),
        "the cursor cell is reversed"
    );
}

#[test]
fn pending_suggestions_are_dim_and_rejected_ones_hidden_until_asked_for() {
    let (_dir, s) = open_example("border-incident.txt");
    let mut s = add_suggestions(s);
    s.dispatch(Action::Resize(120, 40));
    let at = s.app().doc().text().find("eleven").unwrap();
    let terminal = draw(&mut s, 120, 40, &Theme::plain());
    let (x, y) = cell_of(&s, at + 1);
    let cell = terminal.backend().buffer()[(x, y)].clone();
    assert!(
        cell.modifier.contains(Modifier::DIM | Modifier::UNDERLINED),
        "{cell:?}"
    );

    s.dispatch(Action::GoTo(at));
    keys(&mut s, "x");
    let rejected = s.app().store().intersecting(at, at + 1);
    assert_eq!(rejected.first().map(|a| a.status), Some(Status::Rejected));
    s.dispatch(Action::GoTo(at));
    let terminal = draw(&mut s, 120, 40, &Theme::plain());
    let (x, y) = cell_of(&s, at + 1);
    let cell = terminal.backend().buffer()[(x, y)].clone();
    assert!(!cell.modifier.contains(Modifier::UNDERLINED), "{cell:?}");
    s.dispatch(Action::Run(Command::ToggleRejected));
    let terminal = draw(&mut s, 120, 40, &Theme::plain());
    let (x, y) = cell_of(&s, at + 1);
    let cell = terminal.backend().buffer()[(x, y)].clone();
    assert!(cell.modifier.contains(Modifier::CROSSED_OUT), "{cell:?}");
}

#[test]
fn control_characters_are_reversed_and_dim() {
    let (_dir, mut s) = open_example("control-characters.txt");
    s.dispatch(Action::Resize(80, 24));
    let esc = s.app().doc().text().find('\u{1b}').unwrap();
    let terminal = draw(&mut s, 80, 24, &Theme::plain());
    let (x, y) = cell_of(&s, esc);
    let cell = &terminal.backend().buffer()[(x, y)];
    assert_eq!(cell.symbol(), "␛");
    assert!(
        cell.modifier.contains(Modifier::REVERSED | Modifier::DIM),
        "{cell:?}"
    );
}

#[test]
fn the_selection_and_the_suggestion_under_review_stand_out() {
    let (_dir, s) = open_example("border-incident.txt");
    let mut s = add_suggestions(s);
    goto(&mut s, "Nearly", 0);
    keys(&mut s, "v e");
    let start = s.app().doc().text().find("Nearly").unwrap();
    let terminal = draw(&mut s, 120, 40, &Theme::plain());
    let (x, y) = cell_of(&s, start + 1);
    let cell = &terminal.backend().buffer()[(x, y)];
    assert!(cell.modifier.contains(Modifier::REVERSED), "{cell:?}");
    assert!(screen(&mut s, 120, 40).contains(" VISUAL "));

    keys(&mut s, "<esc> g r");
    let wanted = s
        .app()
        .store()
        .intersecting(start, start + 1)
        .first()
        .map(|a| a.id.clone());
    assert_eq!(
        s.app().review().current,
        wanted,
        "review starts on the first suggestion in reading order"
    );
    let terminal = draw(&mut s, 120, 40, &Theme::plain());
    let (x, y) = cell_of(&s, start + 2);
    let cell = &terminal.backend().buffer()[(x, y)];
    assert!(
        cell.modifier
            .contains(Modifier::REVERSED | Modifier::BOLD | Modifier::DIM),
        "{cell:?}"
    );
}

#[test]
fn the_selection_is_drawn_exactly_as_it_will_be_tagged() {
    let (_dir, mut s) = open_example("border-incident.txt");
    goto(&mut s, " a week", 0);
    let space = s.app().doc().text().find(" a week").unwrap();
    keys(&mut s, "v l");
    let terminal = draw(&mut s, 120, 40, &Theme::plain());
    let (x, y) = cell_of(&s, space);
    let cell = &terminal.backend().buffer()[(x, y)];
    assert!(
        !cell.modifier.contains(Modifier::REVERSED),
        "the space before the word is not tagged, so it is not highlighted: {cell:?}"
    );
    keys(&mut s, "1");
    let tagged = s.app().store().annotations()[0].clone();
    assert_eq!(tagged.spans, vec![Span::new(space + 1, space + 2)]);
}

#[test]
fn errors_on_the_status_line_read_without_colour() {
    let (_dir, mut s) = open_example("border-incident.txt");
    s.dispatch(Action::Notice {
        text: "could not save: disk full\u{1b}[2J".into(),
        error: true,
    });
    let shown = screen(&mut s, 120, 40);
    let status = shown.lines().last().unwrap();
    assert!(
        status.contains("! could not save: disk full␛[2J"),
        "{status}"
    );
}

#[test]
fn a_read_only_session_says_so_in_the_mode() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("a.txt");
    std::fs::write(&article, "Some text.\n").unwrap();
    let mut opts = options();
    opts.read_only = true;
    let mut s = Session::open(&article, &opts).unwrap();
    let shown = screen(&mut s, 80, 24);
    assert!(
        shown.contains("read-only: opened with --read-only"),
        "{shown}"
    );
    assert!(
        shown.lines().last().unwrap().starts_with(" READ-ONLY "),
        "{shown}"
    );
}

#[test]
fn a_byte_order_mark_is_not_drawn() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("bom.txt");
    std::fs::write(&article, "\u{feff}Hello\u{feff}world.\n").unwrap();
    let mut s = Session::open(&article, &options()).unwrap();
    let shown = screen(&mut s, 80, 24);
    let row = shown.lines().nth(1).unwrap();
    assert!(row.starts_with("┃  Hello⁞world."), "{row}");
}

#[test]
fn hostile_labels_and_notes_from_a_sidecar_are_shown_as_marks() {
    let (_dir, s) = open_example("border-incident.txt");
    let start = s.app().doc().text().find("eleven").unwrap();
    let spans = vec![Span::new(start, start + "eleven".len())];
    let mut a = Annotation::new("a999", Kind::Entity, "CARD\u{202e}INAL", spans);
    a.quote = anchor::quote_for(s.app().doc(), &a.spans);
    a.status = Status::Pending;
    a.origin = Origin::tool("evil\u{1b}]0;title\u{7}").shared();
    a.note = Some("line one\u{202e}\nline \u{1b}[2Jtwo".into());
    let mut s = seed::reopen_with(s, vec![a], &options());
    s.dispatch(Action::GoTo(start));
    keys(&mut s, "<tab>");
    let shown = screen(&mut s, 120, 40);
    assert!(shown.contains("CARD⇋INAL"), "{shown}");
    assert!(shown.contains("evil␛]0;title␇"), "{shown}");
    assert!(shown.contains("line one⇋"), "{shown}");
    assert!(shown.contains("line ␛[2Jtwo"), "{shown}");
}
