//! Drawing never panics, whatever the terminal size, with or without a prompt open.
//! The plain article is drawn at every size up to 200×60; prompts at every size up to
//! 40×20 and a spread of larger ones.

mod ui_support;

use ratatui::backend::TestBackend;
use ratatui::Terminal;
use scholia::app::action::Action;
use scholia::app::session::Session;
use scholia::ui::{self, Theme};
use ui_support::{keys, open_example, text_of};

/// Draws `session` at each size in one terminal resized each time, the app told of
/// each size first; every so often checks the screen holds no raw control character.
fn draw_sizes(session: &mut Session, sizes: impl Iterator<Item = (u16, u16)>, theme: &Theme) {
    let mut terminal = Terminal::new(TestBackend::new(1, 1)).unwrap();
    for (w, h) in sizes {
        session.dispatch(Action::Resize(w, h));
        terminal.backend_mut().resize(w, h);
        terminal
            .draw(|frame| ui::draw(frame, session.app(), theme))
            .unwrap_or_else(|e| panic!("{w}×{h}: {e}"));
        if (w + h) % 37 == 0 {
            text_of(terminal.backend().buffer());
        }
    }
}

/// Every size from 1×1 to `max_w`×`max_h`.
fn every_size(max_w: u16, max_h: u16) -> impl Iterator<Item = (u16, u16)> {
    (1..=max_h).flat_map(move |h| (1..=max_w).map(move |w| (w, h)))
}

/// Every small size (where layouts change fastest), then a spread of larger ones up to
/// 200×60.
fn small_and_spread() -> impl Iterator<Item = (u16, u16)> {
    let spread = (21..=60)
        .step_by(3)
        .flat_map(|h| (41..=200).step_by(13).map(move |w| (w, h)));
    every_size(40, 20).chain(spread)
}

#[test]
fn the_multilingual_digest_draws_at_every_size_up_to_200_by_60() {
    let (_dir, mut s) = open_example("multilingual-digest.txt");
    let middle = s.app().doc().text().find("霍尔果斯").unwrap();
    s.dispatch(Action::GoTo(middle));
    draw_sizes(&mut s, every_size(200, 60), &Theme::colored());
}

#[test]
fn prompts_and_a_selection_draw_at_any_size() {
    let (_dir, s) = open_example("multilingual-digest.txt");
    let middle = s.app().doc().text().find("Жумабекова").unwrap();
    for script in ["?", ":", "/ Жума", "<tab> /", "v e e"] {
        let (_d, mut s) = open_example("multilingual-digest.txt");
        s.dispatch(Action::GoTo(middle));
        keys(&mut s, script);
        assert!(
            s.app().overlay().is_some() || s.app().anchor().is_some(),
            "{script} opens a prompt or selects"
        );
        draw_sizes(&mut s, small_and_spread(), &Theme::plain());
    }
}

#[test]
fn the_note_editor_on_the_annotated_example_draws_at_any_size() {
    let (_dir, mut s) = open_example("border-incident.txt");
    let at = s.app().doc().text().find("Nazarov told").unwrap();
    s.dispatch(Action::GoTo(at));
    keys(&mut s, "i");
    keys(&mut s, "A <space> 👩‍💻 <space> note <enter> 日本語のメモ");
    assert!(s.app().overlay().is_some());
    draw_sizes(&mut s, small_and_spread(), &Theme::colored());
}
