//! Terminal keys to the application's [`Key`]: Shift folded into the character,
//! Control and Alt kept as flags, key releases ignored.

use ratatui::crossterm::event::{KeyCode as TermKey, KeyEvent, KeyEventKind, KeyModifiers};

use crate::app::key::{Key, KeyCode};

/// The application key for a terminal key event; `None` for a release or a key the
/// workbench has no use for (Insert, media keys, F13 and above…).
pub fn key_from(event: &KeyEvent) -> Option<Key> {
    if event.kind == KeyEventKind::Release {
        return None;
    }
    let shift = event.modifiers.contains(KeyModifiers::SHIFT);
    let ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
    let alt = event.modifiers.contains(KeyModifiers::ALT);
    let code = match event.code {
        TermKey::Char(c) if ctrl => KeyCode::Char(c.to_ascii_lowercase()),
        TermKey::Char(c) if shift => KeyCode::Char(upper(c)),
        TermKey::Char(c) => KeyCode::Char(c),
        TermKey::Enter => KeyCode::Enter,
        TermKey::Esc => KeyCode::Esc,
        TermKey::Backspace => KeyCode::Backspace,
        TermKey::Delete => KeyCode::Delete,
        TermKey::Tab if shift => KeyCode::BackTab,
        TermKey::Tab => KeyCode::Tab,
        TermKey::BackTab => KeyCode::BackTab,
        TermKey::Up => KeyCode::Up,
        TermKey::Down => KeyCode::Down,
        TermKey::Left => KeyCode::Left,
        TermKey::Right => KeyCode::Right,
        TermKey::PageUp => KeyCode::PageUp,
        TermKey::PageDown => KeyCode::PageDown,
        TermKey::Home => KeyCode::Home,
        TermKey::End => KeyCode::End,
        TermKey::F(n) if (1..=12).contains(&n) => KeyCode::F(n),
        _ => return None,
    };
    Some(Key { code, ctrl, alt })
}

/// The character Shift makes of `c` (terminals usually send it already shifted).
fn upper(c: char) -> char {
    let mut upper = c.to_uppercase();
    match (upper.next(), upper.next()) {
        (Some(u), None) => u,
        _ => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: TermKey, modifiers: KeyModifiers) -> Option<Key> {
        key_from(&KeyEvent::new(code, modifiers))
    }

    #[test]
    fn shift_is_folded_into_the_character() {
        assert_eq!(
            key(TermKey::Char('V'), KeyModifiers::SHIFT),
            Key::parse("V")
        );
        assert_eq!(
            key(TermKey::Char('v'), KeyModifiers::SHIFT),
            Key::parse("V")
        );
        assert_eq!(
            key(TermKey::Char('<'), KeyModifiers::SHIFT),
            Key::parse("<")
        );
        assert_eq!(key(TermKey::Char('v'), KeyModifiers::NONE), Key::parse("v"));
    }

    #[test]
    fn control_and_alt_are_flags() {
        assert_eq!(
            key(TermKey::Char('c'), KeyModifiers::CONTROL),
            Some(Key::ctrl('c'))
        );
        assert_eq!(
            key(
                TermKey::Char('S'),
                KeyModifiers::CONTROL | KeyModifiers::SHIFT
            ),
            Key::parse("ctrl-s")
        );
        assert_eq!(
            key(TermKey::Char('x'), KeyModifiers::ALT),
            Key::parse("alt-x")
        );
    }

    #[test]
    fn named_keys_back_tab_and_function_keys() {
        assert_eq!(
            key(TermKey::BackTab, KeyModifiers::SHIFT),
            Key::parse("backtab")
        );
        assert_eq!(
            key(TermKey::Tab, KeyModifiers::SHIFT),
            Key::parse("backtab")
        );
        assert_eq!(key(TermKey::Enter, KeyModifiers::NONE), Key::parse("enter"));
        assert_eq!(
            key(TermKey::PageDown, KeyModifiers::NONE),
            Key::parse("pgdn")
        );
        assert_eq!(key(TermKey::F(5), KeyModifiers::NONE), Key::parse("f5"));
        assert_eq!(key(TermKey::F(13), KeyModifiers::NONE), None);
        assert_eq!(key(TermKey::Insert, KeyModifiers::NONE), None);
    }

    #[test]
    fn releases_are_ignored() {
        let mut event = KeyEvent::new(TermKey::Char('q'), KeyModifiers::NONE);
        event.kind = KeyEventKind::Release;
        assert_eq!(key_from(&event), None);
        event.kind = KeyEventKind::Repeat;
        assert_eq!(key_from(&event), Some(Key::char('q')));
    }
}
