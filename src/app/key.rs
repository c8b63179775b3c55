//! Keys as the application sees them, free of any terminal library: what the keymap
//! binds and what key scripts in tests type.

use std::fmt;

/// The longest key sequence that may be written without spaces (`gg`); longer ones
/// need spaces, so that a misspelt key name is an error.
const MAX_UNSPACED: usize = 3;

/// A key without modifiers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum KeyCode {
    /// A printable character (Shift already applied: `A`, `?`, `<`).
    Char(char),
    /// Enter / Return.
    Enter,
    /// Escape.
    Esc,
    /// Backspace.
    Backspace,
    /// Delete.
    Delete,
    /// Tab.
    Tab,
    /// Shift-Tab.
    BackTab,
    /// Arrow up.
    Up,
    /// Arrow down.
    Down,
    /// Arrow left.
    Left,
    /// Arrow right.
    Right,
    /// Page up.
    PageUp,
    /// Page down.
    PageDown,
    /// Home.
    Home,
    /// End.
    End,
    /// A function key, F1–F12.
    F(u8),
}

/// A key with its modifiers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Key {
    /// The key.
    pub code: KeyCode,
    /// Control held.
    pub ctrl: bool,
    /// Alt held.
    pub alt: bool,
}

impl Key {
    /// A plain key.
    pub const fn plain(code: KeyCode) -> Self {
        Key {
            code,
            ctrl: false,
            alt: false,
        }
    }

    /// A plain character key.
    pub const fn char(c: char) -> Self {
        Key::plain(KeyCode::Char(c))
    }

    /// Control plus a character.
    pub const fn ctrl(c: char) -> Self {
        Key {
            code: KeyCode::Char(c),
            ctrl: true,
            alt: false,
        }
    }

    /// The printable character this key types, if it types one.
    pub fn typed_char(&self) -> Option<char> {
        match self.code {
            KeyCode::Char(c) if !self.ctrl && !self.alt => Some(c),
            _ => None,
        }
    }

    /// Parses one key as written in the config and in help: `a`, `A`, `?`, `ctrl-s`,
    /// `alt-x`, `enter`, `esc`, `space`, `tab`, `backtab`, `backspace`, `up`, `pgdn`, `f1`…
    pub fn parse(text: &str) -> Option<Key> {
        let mut key = Key::plain(KeyCode::Esc);
        let mut rest = text;
        loop {
            let lower = rest.to_ascii_lowercase();
            if let Some(r) = lower
                .strip_prefix("ctrl-")
                .or_else(|| lower.strip_prefix("c-"))
            {
                key.ctrl = true;
                rest = &rest[rest.len() - r.len()..];
            } else if let Some(r) = lower
                .strip_prefix("alt-")
                .or_else(|| lower.strip_prefix("m-"))
            {
                key.alt = true;
                rest = &rest[rest.len() - r.len()..];
            } else {
                break;
            }
        }
        let mut chars = rest.chars();
        key.code = match (chars.next(), chars.next()) {
            (Some(c), None) => KeyCode::Char(c),
            _ => match rest.to_ascii_lowercase().as_str() {
                "enter" | "return" | "cr" => KeyCode::Enter,
                "esc" | "escape" => KeyCode::Esc,
                "space" | "spc" => KeyCode::Char(' '),
                "tab" => KeyCode::Tab,
                "backtab" | "shift-tab" => KeyCode::BackTab,
                "backspace" | "bs" => KeyCode::Backspace,
                "delete" | "del" => KeyCode::Delete,
                "up" => KeyCode::Up,
                "down" => KeyCode::Down,
                "left" => KeyCode::Left,
                "right" => KeyCode::Right,
                "pageup" | "pgup" => KeyCode::PageUp,
                "pagedown" | "pgdn" => KeyCode::PageDown,
                "home" => KeyCode::Home,
                "end" => KeyCode::End,
                other => {
                    let n: u8 = other.strip_prefix('f')?.parse().ok()?;
                    if !(1..=12).contains(&n) {
                        return None;
                    }
                    KeyCode::F(n)
                }
            },
        };
        if key.ctrl {
            if let KeyCode::Char(c) = key.code {
                key.code = KeyCode::Char(c.to_ascii_lowercase());
            }
        }
        Some(key)
    }

    /// Parses a key sequence written with spaces (`g g`, `g ctrl-x`) or, when short, as
    /// characters without separators (`gg`, `gT`): `ctrl-d`, `space`. A longer word that
    /// is no key name (`ctlr-d`, `enterr`) is a mistake, not a sequence of letters.
    pub fn parse_sequence(text: &str) -> Option<Vec<Key>> {
        if let Some(key) = Key::parse(text) {
            return Some(vec![key]);
        }
        if text.contains(' ') {
            return text.split_whitespace().map(Key::parse).collect();
        }
        if text.chars().count() > MAX_UNSPACED || text.contains('-') {
            return None;
        }
        text.chars().map(|c| Key::parse(&c.to_string())).collect()
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.ctrl {
            f.write_str("Ctrl-")?;
        }
        if self.alt {
            f.write_str("Alt-")?;
        }
        match self.code {
            KeyCode::Char(' ') => f.write_str("Space"),
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::Enter => f.write_str("Enter"),
            KeyCode::Esc => f.write_str("Esc"),
            KeyCode::Backspace => f.write_str("Backspace"),
            KeyCode::Delete => f.write_str("Del"),
            KeyCode::Tab => f.write_str("Tab"),
            KeyCode::BackTab => f.write_str("Shift-Tab"),
            KeyCode::Up => f.write_str("↑"),
            KeyCode::Down => f.write_str("↓"),
            KeyCode::Left => f.write_str("←"),
            KeyCode::Right => f.write_str("→"),
            KeyCode::PageUp => f.write_str("PgUp"),
            KeyCode::PageDown => f.write_str("PgDn"),
            KeyCode::Home => f.write_str("Home"),
            KeyCode::End => f.write_str("End"),
            KeyCode::F(n) => write!(f, "F{n}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_what_it_displays() {
        for text in [
            "a", "A", "?", "ctrl-s", "alt-x", "enter", "space", "pgdn", "f5", "<",
        ] {
            let key = Key::parse(text).unwrap();
            let shown = key.to_string();
            assert_eq!(
                Key::parse(&shown.replace("Ctrl-", "ctrl-")),
                Some(key),
                "{text}"
            );
        }
        assert_eq!(Key::parse("ctrl-S"), Some(Key::ctrl('s')));
        assert_eq!(
            Key::parse_sequence("gg"),
            Some(vec![Key::char('g'), Key::char('g')])
        );
        assert_eq!(
            Key::parse_sequence("g g"),
            Some(vec![Key::char('g'), Key::char('g')])
        );
        assert_eq!(Key::parse("f13"), None);
        assert_eq!(Key::parse("nonsense"), None);
    }

    #[test]
    fn a_misspelt_key_name_is_not_read_as_a_sequence_of_letters() {
        for typo in ["ctlr-d", "enterr", "escape2", "pgdwn", "alt-xx", "spcae"] {
            assert_eq!(Key::parse_sequence(typo), None, "{typo}");
        }
        assert_eq!(
            Key::parse_sequence("gr"),
            Some(vec![Key::char('g'), Key::char('r')])
        );
        assert_eq!(
            Key::parse_sequence("g ctrl-x"),
            Some(vec![Key::char('g'), Key::ctrl('x')])
        );
    }
}
