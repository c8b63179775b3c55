//! Help pages with Ctrl-d and Ctrl-u; every status message is kept in a log that a key
//! opens, so that what the one-line status line cut off can still be read.

mod ui_support;

use scholia::app::action::Action;
use scholia::app::state::Overlay;
use ui_support::{keys, open_example, screen};

fn help_scroll(s: &scholia::app::session::Session) -> usize {
    match &s.app().overlay() {
        Some(Overlay::Help { scroll }) => *scroll,
        other => panic!("help is not open: {other:?}"),
    }
}

#[test]
fn ctrl_d_and_ctrl_u_page_the_help_and_j_k_still_scroll() {
    let (_dir, mut s) = open_example("border-incident.txt");
    s.dispatch(Action::Resize(80, 24));
    keys(&mut s, "?");
    assert_eq!(help_scroll(&s), 0);
    keys(&mut s, "<ctrl-d>");
    let paged = help_scroll(&s);
    assert!(paged >= 5, "Ctrl-d pages: {paged}");
    keys(&mut s, "j");
    assert_eq!(help_scroll(&s), paged + 1);
    keys(&mut s, "k <ctrl-u>");
    assert_eq!(help_scroll(&s), 0);
    keys(&mut s, "<pgdn>");
    assert!(help_scroll(&s) > 0);
    let shown = screen(&mut s, 80, 24);
    assert!(
        shown.contains("Ctrl-d"),
        "the box names the paging keys: {shown}"
    );
}

#[test]
fn help_stops_at_its_last_page_so_paging_back_answers_at_once() {
    let (_dir, mut s) = open_example("border-incident.txt");
    s.dispatch(Action::Resize(80, 24));
    keys(&mut s, "?");
    keys(&mut s, &"<ctrl-d> ".repeat(40));
    let bottom = help_scroll(&s);
    let shown = screen(&mut s, 80, 24);
    keys(&mut s, "<ctrl-u>");
    assert!(help_scroll(&s) < bottom, "{shown}");
    assert_ne!(
        screen(&mut s, 80, 24),
        shown,
        "one Ctrl-u moves the page back"
    );
}

#[test]
fn every_message_is_kept_in_the_log_and_g_m_shows_it_newest_last() {
    let (_dir, mut s) = open_example("border-incident.txt");
    s.dispatch(Action::Resize(120, 40));
    keys(&mut s, "/Nazarov <enter> /no-such-thing-here <enter> Z");
    let log: Vec<(String, bool)> = s
        .app()
        .messages()
        .iter()
        .map(|m| (m.text.clone(), m.error))
        .collect();
    assert!(log.len() >= 3, "{log:?}");
    assert!(log[log.len() - 3].0.contains("/Nazarov"), "{log:?}");
    assert!(log[log.len() - 2].1, "no match is an error: {log:?}");
    assert!(log[log.len() - 1].0.contains("does nothing"), "{log:?}");
    keys(&mut s, "g m");
    assert!(
        matches!(s.app().overlay(), Some(Overlay::Messages { .. })),
        "{:?}",
        s.app().overlay()
    );
    let shown = screen(&mut s, 120, 40);
    let nazarov = shown.find("/Nazarov").expect("the first search is listed");
    let nothing = shown
        .find("does nothing")
        .expect("the last message is listed");
    assert!(nazarov < nothing, "newest last: {shown}");
    assert!(shown.contains("! no match"), "errors are marked: {shown}");
    keys(&mut s, "<esc>");
    assert!(s.app().overlay().is_none());
    // The palette opens it too.
    keys(&mut s, ": messages <enter>");
    assert!(matches!(s.app().overlay(), Some(Overlay::Messages { .. })));
}

#[test]
fn the_log_keeps_the_last_two_hundred_and_scrolls_back() {
    let (_dir, mut s) = open_example("border-incident.txt");
    s.dispatch(Action::Resize(80, 24));
    for i in 0..250 {
        s.dispatch(Action::Notice {
            text: format!("notice number {i}"),
            error: false,
        });
    }
    assert_eq!(s.app().messages().len(), 200);
    assert_eq!(s.app().messages()[0].text, "notice number 50");
    keys(&mut s, "g m");
    let shown = screen(&mut s, 80, 24);
    assert!(shown.contains("notice number 249"), "{shown}");
    assert!(!shown.contains("notice number 200"), "{shown}");
    keys(&mut s, &"<ctrl-u> ".repeat(30));
    let shown = screen(&mut s, 80, 24);
    assert!(
        shown.contains("notice number 50"),
        "the oldest is reached: {shown}"
    );
    keys(&mut s, "<ctrl-d>");
    let shown_after = screen(&mut s, 80, 24);
    assert_ne!(shown, shown_after, "paging down answers at once");
}

#[test]
fn a_long_message_on_the_status_line_points_to_the_log() {
    let (_dir, mut s) = open_example("border-incident.txt");
    let long = format!("imported 3 files: {}", "a long summary ".repeat(20));
    s.dispatch(Action::Notice {
        text: long.clone(),
        error: false,
    });
    let shown = screen(&mut s, 80, 24);
    let status = shown.lines().last().unwrap();
    assert!(status.contains("g m"), "{status}");
    keys(&mut s, "g m");
    let shown = screen(&mut s, 80, 24);
    assert!(shown.contains("summary a long summary"), "{shown}");
    assert!(
        shown.matches("summary").count() >= 20,
        "the whole message shows, wrapped: {shown}"
    );
}

#[test]
fn a_palette_command_that_opens_a_prompt_keeps_it_open() {
    let (_dir, mut s) = open_example("border-incident.txt");
    s.dispatch(Action::Resize(120, 40));
    keys(&mut s, ": help <enter>");
    assert!(
        matches!(s.app().overlay(), Some(Overlay::Help { .. })),
        "{:?}",
        s.app().overlay()
    );
}
