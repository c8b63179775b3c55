//! Label colours: one of the 16 ANSI colours by name, or a 24-bit `#rrggbb`.

use std::fmt;

/// The 16 colours every colour terminal has, named as the config writes them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AnsiColor {
    /// ANSI 0.
    Black,
    /// ANSI 1.
    Red,
    /// ANSI 2.
    Green,
    /// ANSI 3.
    Yellow,
    /// ANSI 4.
    Blue,
    /// ANSI 5.
    Magenta,
    /// ANSI 6.
    Cyan,
    /// ANSI 7 (often called white; light grey on most terminals).
    Gray,
    /// ANSI 8 (bright black).
    DarkGray,
    /// ANSI 9.
    LightRed,
    /// ANSI 10.
    LightGreen,
    /// ANSI 11.
    LightYellow,
    /// ANSI 12.
    LightBlue,
    /// ANSI 13.
    LightMagenta,
    /// ANSI 14.
    LightCyan,
    /// ANSI 15 (bright white).
    White,
}

impl AnsiColor {
    /// All 16 colours in ANSI order (index = ANSI colour number).
    pub const ALL: [AnsiColor; 16] = [
        AnsiColor::Black,
        AnsiColor::Red,
        AnsiColor::Green,
        AnsiColor::Yellow,
        AnsiColor::Blue,
        AnsiColor::Magenta,
        AnsiColor::Cyan,
        AnsiColor::Gray,
        AnsiColor::DarkGray,
        AnsiColor::LightRed,
        AnsiColor::LightGreen,
        AnsiColor::LightYellow,
        AnsiColor::LightBlue,
        AnsiColor::LightMagenta,
        AnsiColor::LightCyan,
        AnsiColor::White,
    ];

    /// The canonical name, as in the config: `red`, `light-blue`, `dark-gray`, ...
    pub fn name(self) -> &'static str {
        match self {
            AnsiColor::Black => "black",
            AnsiColor::Red => "red",
            AnsiColor::Green => "green",
            AnsiColor::Yellow => "yellow",
            AnsiColor::Blue => "blue",
            AnsiColor::Magenta => "magenta",
            AnsiColor::Cyan => "cyan",
            AnsiColor::Gray => "gray",
            AnsiColor::DarkGray => "dark-gray",
            AnsiColor::LightRed => "light-red",
            AnsiColor::LightGreen => "light-green",
            AnsiColor::LightYellow => "light-yellow",
            AnsiColor::LightBlue => "light-blue",
            AnsiColor::LightMagenta => "light-magenta",
            AnsiColor::LightCyan => "light-cyan",
            AnsiColor::White => "white",
        }
    }

    /// The ANSI colour number, 0 to 15.
    pub fn index(self) -> u8 {
        AnsiColor::ALL
            .iter()
            .position(|c| *c == self)
            .map_or(0, |i| i as u8)
    }

    /// The colour named `name`, ignoring case and accepting `-`, `_`, a space or
    /// nothing between words, `grey` for `gray` and `bright-` for `light-`
    /// (`bright-black` is `dark-gray`).
    pub fn from_name(name: &str) -> Option<AnsiColor> {
        // The label colours are looked up for every annotation drawn, and a schema
        // usually spells them as scholia does: that costs no string.
        if let Some(exact) = AnsiColor::ALL.into_iter().find(|c| c.name() == name) {
            return Some(exact);
        }
        let squashed: String = name
            .chars()
            .filter(|c| !matches!(c, '-' | '_' | ' '))
            .flat_map(char::to_lowercase)
            .collect();
        let squashed = squashed.replace("grey", "gray");
        let squashed = match squashed.as_str() {
            "brightblack" => "darkgray".to_string(),
            "brightwhite" => "white".to_string(),
            other => other.replacen("bright", "light", 1),
        };
        // Compared without the dashes, without making a string per colour.
        AnsiColor::ALL.into_iter().find(|c| {
            c.name()
                .chars()
                .filter(|ch| *ch != '-')
                .eq(squashed.chars())
        })
    }
}

/// A label's colour: an ANSI colour (works on 16-colour terminals) or 24-bit RGB.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LabelColor {
    /// One of the 16 ANSI colours.
    Ansi(AnsiColor),
    /// A 24-bit colour written `#rrggbb`.
    Rgb(u8, u8, u8),
}

impl LabelColor {
    /// Parses a colour name (see [`AnsiColor::from_name`]) or `#rrggbb`; `None` when
    /// `text` is neither.
    pub fn parse(text: &str) -> Option<LabelColor> {
        let text = text.trim();
        if let Some(hex) = text.strip_prefix('#') {
            if hex.len() != 6 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
                return None;
            }
            let channel = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
            return Some(LabelColor::Rgb(channel(0)?, channel(2)?, channel(4)?));
        }
        AnsiColor::from_name(text).map(LabelColor::Ansi)
    }
}

impl fmt::Display for LabelColor {
    /// The colour as the config writes it: `light-blue` or `#1e90ff`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LabelColor::Ansi(c) => f.write_str(c.name()),
            LabelColor::Rgb(r, g, b) => write!(f, "#{r:02x}{g:02x}{b:02x}"),
        }
    }
}
