//! Colours and text attributes of the screen.
//!
//! Colour is never the only cue: every style here also carries a modifier (underline,
//! italic, bold, reverse, dim, strike-through) that tells the same thing, so the screen
//! reads the same with `NO_COLOR` or on a monochrome terminal. A [`Theme`] decides only
//! whether and how colours are added on top.

use ratatui::style::{Color, Modifier, Style};

use crate::domain::model::Kind;
use crate::domain::schema::{AnsiColor, LabelColor, LabelKind, Schema};

/// How many colours the terminal is told to use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Palette {
    /// None at all: modifiers only.
    Plain,
    /// The 16 ANSI colours; `#rrggbb` labels get the nearest of them.
    Ansi16,
    /// The 16 ANSI colours plus 24-bit colour for `#rrggbb` labels.
    TrueColor,
}

/// The colours the screen is drawn with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    palette: Palette,
}

/// The 16 ANSI colours as xterm draws them, for finding the nearest to a `#rrggbb`.
const ANSI_RGB: [(AnsiColor, (u8, u8, u8)); 16] = [
    (AnsiColor::Black, (0, 0, 0)),
    (AnsiColor::Red, (205, 0, 0)),
    (AnsiColor::Green, (0, 205, 0)),
    (AnsiColor::Yellow, (205, 205, 0)),
    (AnsiColor::Blue, (0, 0, 238)),
    (AnsiColor::Magenta, (205, 0, 205)),
    (AnsiColor::Cyan, (0, 205, 205)),
    (AnsiColor::Gray, (229, 229, 229)),
    (AnsiColor::DarkGray, (127, 127, 127)),
    (AnsiColor::LightRed, (255, 0, 0)),
    (AnsiColor::LightGreen, (0, 255, 0)),
    (AnsiColor::LightYellow, (255, 255, 0)),
    (AnsiColor::LightBlue, (92, 92, 255)),
    (AnsiColor::LightMagenta, (255, 0, 255)),
    (AnsiColor::LightCyan, (0, 255, 255)),
    (AnsiColor::White, (255, 255, 255)),
];

impl Theme {
    /// The theme the environment asks for: no colour when `NO_COLOR` is set and not
    /// empty; otherwise the 16 ANSI colours, with 24-bit label colours only when
    /// `COLORTERM` is `truecolor` or `24bit`.
    pub fn detect() -> Theme {
        let no_color = std::env::var_os("NO_COLOR");
        let colorterm = std::env::var("COLORTERM").ok();
        Theme::from_env(
            no_color.is_some_and(|v| !v.is_empty()),
            colorterm.as_deref(),
        )
    }

    fn from_env(no_color: bool, colorterm: Option<&str>) -> Theme {
        let palette = if no_color {
            Palette::Plain
        } else if colorterm
            .is_some_and(|c| c.eq_ignore_ascii_case("truecolor") || c.eq_ignore_ascii_case("24bit"))
        {
            Palette::TrueColor
        } else {
            Palette::Ansi16
        };
        Theme { palette }
    }

    /// No colours at all, only text attributes (for `NO_COLOR` and for tests).
    pub fn plain() -> Theme {
        Theme {
            palette: Palette::Plain,
        }
    }

    /// The 16-colour ANSI palette (`#rrggbb` labels get the nearest ANSI colour).
    pub fn colored() -> Theme {
        Theme {
            palette: Palette::Ansi16,
        }
    }

    /// Whether this theme uses colour at all.
    pub fn has_color(&self) -> bool {
        self.palette != Palette::Plain
    }

    /// The colour a label colour is drawn in, or `None` without colour.
    pub fn color(&self, color: LabelColor) -> Option<Color> {
        match (self.palette, color) {
            (Palette::Plain, _) => None,
            (_, LabelColor::Ansi(c)) => Some(ansi(c)),
            (Palette::TrueColor, LabelColor::Rgb(r, g, b)) => Some(Color::Rgb(r, g, b)),
            (Palette::Ansi16, LabelColor::Rgb(r, g, b)) => Some(ansi(nearest_ansi(r, g, b))),
        }
    }

    /// The colour of an annotation's label, or `None` without colour or for a label
    /// the schema does not know. A source may carry an entity type as its label.
    pub fn label(&self, schema: &Schema, kind: Kind, label: &str) -> Option<Color> {
        let color = schema
            .label_color(LabelKind::from(kind), label)
            .or_else(|| schema.label_color(LabelKind::Entity, label))?;
        self.color(color)
    }

    /// `style` with foreground `color`, when this theme has colour.
    pub fn fg(&self, style: Style, color: Option<Color>) -> Style {
        match color {
            Some(c) if self.has_color() => style.fg(c),
            _ => style,
        }
    }

    /// `style` with background `color`, when this theme has colour.
    fn bg(&self, style: Style, color: Color) -> Style {
        if self.has_color() {
            style.bg(color)
        } else {
            style
        }
    }

    /// Secondary text: ids, details, hints.
    pub fn dim(&self) -> Style {
        Style::default().add_modifier(Modifier::DIM)
    }

    /// Titles and the mode name.
    pub fn title(&self) -> Style {
        self.fg(
            Style::default().add_modifier(Modifier::BOLD),
            Some(Color::Cyan),
        )
    }

    /// An error message (also prefixed with `!` by the status line).
    pub fn error(&self) -> Style {
        self.fg(
            Style::default().add_modifier(Modifier::BOLD),
            Some(Color::LightRed),
        )
    }

    /// The read-only banner.
    pub fn banner(&self) -> Style {
        let style = Style::default().add_modifier(Modifier::BOLD);
        if self.has_color() {
            style.fg(Color::Black).bg(Color::Yellow)
        } else {
            style.add_modifier(Modifier::REVERSED)
        }
    }

    /// The highlighted row of a focused list.
    pub fn selected_row(&self) -> Style {
        Style::default().add_modifier(Modifier::REVERSED)
    }

    /// The border of the focused pane (the unfocused one is dim).
    pub fn focused_border(&self) -> Style {
        self.fg(Style::default(), Some(Color::Cyan))
    }

    /// A visible stand-in for a control or invisible character of the article.
    pub fn mark(&self, style: Style) -> Style {
        style.add_modifier(Modifier::REVERSED | Modifier::DIM)
    }

    /// The text style that says which kind of annotation covers a cell.
    pub fn kind_modifier(&self, kind: Kind) -> Modifier {
        match kind {
            Kind::Entity => Modifier::UNDERLINED,
            Kind::Claim => Modifier::ITALIC,
            Kind::Source => Modifier::BOLD,
        }
    }

    /// A cell covered by two or more annotations of one kind (nested or overlapping).
    pub fn overlap(&self, style: Style) -> Style {
        style.add_modifier(Modifier::REVERSED)
    }

    /// A version of a disagreement still to settle: on red, or struck through and
    /// reversed without colour.
    pub fn disputed(&self, style: Style) -> Style {
        if self.has_color() {
            self.bg(style, Color::Red)
        } else {
            style.add_modifier(Modifier::REVERSED | Modifier::CROSSED_OUT)
        }
    }

    /// A pending suggestion.
    pub fn pending(&self, style: Style) -> Style {
        style.add_modifier(Modifier::DIM)
    }

    /// A rejected suggestion (shown only on request).
    pub fn rejected(&self, style: Style) -> Style {
        style.add_modifier(Modifier::CROSSED_OUT | Modifier::DIM)
    }

    /// The suggestion under review.
    pub fn review_current(&self, style: Style) -> Style {
        let style = style.add_modifier(Modifier::BOLD);
        if self.has_color() {
            self.bg(style, Color::DarkGray)
        } else {
            style.add_modifier(Modifier::REVERSED)
        }
    }

    /// A match of the last search: black on yellow over whatever marks the annotations
    /// gave the cell (the selection is white on blue); without colour, reversed and
    /// underlined.
    pub fn search_match(&self, style: Style) -> Style {
        if self.has_color() {
            style.bg(Color::Yellow).fg(Color::Black)
        } else {
            style.add_modifier(Modifier::REVERSED | Modifier::UNDERLINED)
        }
    }

    /// The visual selection.
    pub fn selection(&self, style: Style) -> Style {
        if self.has_color() {
            style.bg(Color::Blue).fg(Color::White)
        } else {
            style.add_modifier(Modifier::REVERSED)
        }
    }

    /// The cursor cell: reversed, or (on a cell already reversed) bold and underlined
    /// on a bright background so it still shows.
    pub fn cursor(&self, style: Style) -> Style {
        if style.add_modifier.contains(Modifier::REVERSED) {
            let style = style
                .remove_modifier(Modifier::REVERSED | Modifier::DIM)
                .add_modifier(Modifier::BOLD | Modifier::UNDERLINED);
            if self.has_color() {
                style.fg(Color::Black).bg(Color::LightYellow)
            } else {
                style
            }
        } else {
            style.add_modifier(Modifier::REVERSED)
        }
    }
}

/// The ratatui colour of an ANSI colour.
fn ansi(c: AnsiColor) -> Color {
    match c {
        AnsiColor::Black => Color::Black,
        AnsiColor::Red => Color::Red,
        AnsiColor::Green => Color::Green,
        AnsiColor::Yellow => Color::Yellow,
        AnsiColor::Blue => Color::Blue,
        AnsiColor::Magenta => Color::Magenta,
        AnsiColor::Cyan => Color::Cyan,
        AnsiColor::Gray => Color::Gray,
        AnsiColor::DarkGray => Color::DarkGray,
        AnsiColor::LightRed => Color::LightRed,
        AnsiColor::LightGreen => Color::LightGreen,
        AnsiColor::LightYellow => Color::LightYellow,
        AnsiColor::LightBlue => Color::LightBlue,
        AnsiColor::LightMagenta => Color::LightMagenta,
        AnsiColor::LightCyan => Color::LightCyan,
        AnsiColor::White => Color::White,
    }
}

/// The ANSI colour closest to `#rrggbb` (squared distance in RGB).
fn nearest_ansi(r: u8, g: u8, b: u8) -> AnsiColor {
    let distance = |(cr, cg, cb): (u8, u8, u8)| {
        let d = |x: u8, y: u8| (i32::from(x) - i32::from(y)).pow(2);
        d(r, cr) + d(g, cg) + d(b, cb)
    };
    ANSI_RGB
        .iter()
        .min_by_key(|(_, rgb)| distance(*rgb))
        .map_or(AnsiColor::White, |(c, _)| *c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_color_wins_and_colorterm_enables_24_bit() {
        assert_eq!(Theme::from_env(true, Some("truecolor")), Theme::plain());
        assert_eq!(Theme::from_env(false, None), Theme::colored());
        assert_eq!(Theme::from_env(false, Some("xterm")), Theme::colored());
        let truecolor = Theme::from_env(false, Some("24bit"));
        assert_eq!(
            truecolor.color(LabelColor::Rgb(30, 144, 255)),
            Some(Color::Rgb(30, 144, 255))
        );
    }

    #[test]
    fn rgb_maps_to_the_nearest_ansi_colour_on_16_colour_terminals() {
        let theme = Theme::colored();
        assert_eq!(
            theme.color(LabelColor::Rgb(250, 10, 10)),
            Some(Color::LightRed)
        );
        assert_eq!(theme.color(LabelColor::Rgb(10, 10, 10)), Some(Color::Black));
        assert_eq!(
            theme.color(LabelColor::Ansi(AnsiColor::LightCyan)),
            Some(Color::LightCyan)
        );
        assert_eq!(Theme::plain().color(LabelColor::Rgb(1, 2, 3)), None);
    }

    #[test]
    fn a_source_labelled_with_an_entity_type_takes_its_colour() {
        let schema = Schema::default();
        let theme = Theme::colored();
        assert_eq!(
            theme.label(&schema, Kind::Source, "PERSON"),
            theme.label(&schema, Kind::Entity, "PERSON")
        );
        assert!(theme.label(&schema, Kind::Entity, "PERSON").is_some());
        assert_eq!(theme.label(&schema, Kind::Entity, "NO_SUCH"), None);
        assert_eq!(Theme::plain().label(&schema, Kind::Entity, "PERSON"), None);
    }

    #[test]
    fn the_cursor_shows_on_a_reversed_cell() {
        let theme = Theme::plain();
        let on_plain = theme.cursor(Style::default());
        assert!(on_plain.add_modifier.contains(Modifier::REVERSED));
        let on_reversed = theme.cursor(theme.selection(Style::default()));
        assert!(!on_reversed.add_modifier.contains(Modifier::REVERSED));
        assert!(on_reversed.add_modifier.contains(Modifier::UNDERLINED));
    }
}
