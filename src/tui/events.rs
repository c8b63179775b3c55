//! Terminal events to application [`Action`]s.

use ratatui::crossterm::event::{Event, MouseButton, MouseEventKind};

use crate::app::action::Action;

use super::keys::key_from;

/// Rows one turn of the mouse wheel scrolls.
const WHEEL_ROWS: i16 = 3;

/// The action for a terminal event; `None` for events the workbench ignores (focus,
/// key releases, and the mouse unless `mouse` support is on).
pub fn action_for(event: Event, mouse: bool) -> Option<Action> {
    match event {
        Event::Key(key) => key_from(&key).map(Action::Key),
        Event::Paste(text) => Some(Action::Paste(text)),
        Event::Resize(width, height) => Some(Action::Resize(width, height)),
        Event::Mouse(m) if mouse => {
            let (x, y) = (m.column, m.row);
            match m.kind {
                MouseEventKind::Down(MouseButton::Left) => Some(Action::Click { x, y }),
                MouseEventKind::Drag(MouseButton::Left) => Some(Action::Drag { x, y }),
                MouseEventKind::ScrollUp => Some(Action::Scroll(-WHEEL_ROWS)),
                MouseEventKind::ScrollDown => Some(Action::Scroll(WHEEL_ROWS)),
                _ => None,
            }
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::key::Key;
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseEvent};

    fn mouse(kind: MouseEventKind) -> Event {
        Event::Mouse(MouseEvent {
            kind,
            column: 7,
            row: 3,
            modifiers: KeyModifiers::NONE,
        })
    }

    #[test]
    fn keys_paste_and_resize() {
        let q = Event::Key(KeyEvent::new(KeyCode::Char('q'), KeyModifiers::NONE));
        assert_eq!(action_for(q, false), Some(Action::Key(Key::char('q'))));
        assert_eq!(
            action_for(Event::Paste("a\nb".into()), false),
            Some(Action::Paste("a\nb".into()))
        );
        assert_eq!(
            action_for(Event::Resize(100, 30), false),
            Some(Action::Resize(100, 30))
        );
        assert_eq!(action_for(Event::FocusGained, false), None);
    }

    #[test]
    fn the_mouse_only_when_turned_on() {
        let click = mouse(MouseEventKind::Down(MouseButton::Left));
        assert_eq!(action_for(click.clone(), false), None);
        assert_eq!(action_for(click, true), Some(Action::Click { x: 7, y: 3 }));
        assert_eq!(
            action_for(mouse(MouseEventKind::Drag(MouseButton::Left)), true),
            Some(Action::Drag { x: 7, y: 3 })
        );
        assert_eq!(
            action_for(mouse(MouseEventKind::ScrollUp), true),
            Some(Action::Scroll(-3))
        );
        assert_eq!(
            action_for(mouse(MouseEventKind::ScrollDown), true),
            Some(Action::Scroll(3))
        );
        assert_eq!(action_for(mouse(MouseEventKind::Moved), true), None);
    }
}
