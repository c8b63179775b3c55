//! The backend scholia draws through: crossterm's, except that a frame's cells are
//! made into bytes here and written at once. The cursor moves and the cells' text are
//! copied as bytes; the rarer changes of colour and attribute are still crossterm's
//! commands. crossterm writes every command, a character's `Print` included, through
//! `fmt` and a write of its own, which made sending the first frame a third of the work
//! before it (DESIGN §8: the first screen as fast as `less`). The bytes are crossterm's
//! own; a test compares them.

use std::io::{self, Write};

use ratatui::backend::{Backend, ClearType, CrosstermBackend, IntoCrossterm, WindowSize};
use ratatui::buffer::Cell;
use ratatui::crossterm::queue;
use ratatui::crossterm::style::{
    Attribute, Color as CrosstermColor, Colors, SetAttribute, SetBackgroundColor, SetColors,
    SetForegroundColor, SetUnderlineColor,
};
use ratatui::layout::{Position, Size};
use ratatui::style::{Color, Modifier};

/// A crossterm backend whose frames are written as bytes.
#[derive(Debug)]
pub struct ByteBackend<W: Write> {
    inner: CrosstermBackend<W>,
    /// The frame's bytes, made here and written at once; kept for the next frame.
    frame: Vec<u8>,
}

impl<W: Write> ByteBackend<W> {
    /// A backend writing into `writer`.
    pub fn new(writer: W) -> ByteBackend<W> {
        ByteBackend {
            inner: CrosstermBackend::new(writer),
            frame: Vec::new(),
        }
    }
}

impl<W: Write> Backend for ByteBackend<W> {
    type Error = io::Error;

    fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        self.frame.clear();
        draw_cells(&mut self.frame, content)?;
        self.inner.write_all(&self.frame)
    }

    fn append_lines(&mut self, n: u16) -> io::Result<()> {
        self.inner.append_lines(n)
    }

    fn hide_cursor(&mut self) -> io::Result<()> {
        self.inner.hide_cursor()
    }

    fn show_cursor(&mut self) -> io::Result<()> {
        self.inner.show_cursor()
    }

    fn get_cursor_position(&mut self) -> io::Result<Position> {
        self.inner.get_cursor_position()
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> io::Result<()> {
        self.inner.set_cursor_position(position)
    }

    fn clear(&mut self) -> io::Result<()> {
        self.inner.clear()
    }

    fn clear_region(&mut self, clear_type: ClearType) -> io::Result<()> {
        self.inner.clear_region(clear_type)
    }

    fn size(&self) -> io::Result<Size> {
        self.inner.size()
    }

    fn window_size(&mut self) -> io::Result<WindowSize> {
        self.inner.window_size()
    }

    fn flush(&mut self) -> io::Result<()> {
        Backend::flush(&mut self.inner)
    }
}

/// Writes `content` (the cells that changed, in order) as crossterm's backend does: a
/// cursor move before a cell that does not follow the last one on its row, the changes
/// of attribute and colour, the cell's text; every colour and attribute reset at the
/// end.
fn draw_cells<'a>(
    out: &mut Vec<u8>,
    content: impl Iterator<Item = (u16, u16, &'a Cell)>,
) -> io::Result<()> {
    let mut fg = Color::Reset;
    let mut bg = Color::Reset;
    let mut underline = Color::Reset;
    let mut modifier = Modifier::empty();
    let mut last: Option<(u16, u16)> = None;
    for (x, y, cell) in content {
        if !matches!(last, Some((lx, ly)) if x == lx + 1 && y == ly) {
            move_to(out, x, y);
        }
        last = Some((x, y));
        if cell.modifier != modifier {
            change_modifier(out, modifier, cell.modifier)?;
            modifier = cell.modifier;
        }
        if cell.fg != fg || cell.bg != bg {
            let colors = Colors::new(cell.fg.into_crossterm(), cell.bg.into_crossterm());
            queue!(out, SetColors(colors))?;
            fg = cell.fg;
            bg = cell.bg;
        }
        if cell.underline_color != underline {
            queue!(
                out,
                SetUnderlineColor(cell.underline_color.into_crossterm())
            )?;
            underline = cell.underline_color;
        }
        out.extend_from_slice(cell.symbol().as_bytes());
    }
    queue!(
        out,
        SetForegroundColor(CrosstermColor::Reset),
        SetBackgroundColor(CrosstermColor::Reset),
        SetUnderlineColor(CrosstermColor::Reset),
        SetAttribute(Attribute::Reset),
    )
}

/// Moves the cursor to column `x`, row `y` (from 0): `CSI row ; column H`, as
/// crossterm's `MoveTo` writes it.
fn move_to(out: &mut Vec<u8>, x: u16, y: u16) {
    let mut digits = itoa::Buffer::new();
    out.extend_from_slice(b"\x1b[");
    out.extend_from_slice(digits.format(u32::from(y) + 1).as_bytes());
    out.push(b';');
    out.extend_from_slice(digits.format(u32::from(x) + 1).as_bytes());
    out.push(b'H');
}

/// Changes the attributes from `from` to `to` as ratatui's crossterm backend does:
/// what was removed first (bold and dim both by normal intensity, the one that stays
/// set again), then what was added.
fn change_modifier(out: &mut Vec<u8>, from: Modifier, to: Modifier) -> io::Result<()> {
    let removed = from - to;
    if removed.contains(Modifier::REVERSED) {
        queue!(out, SetAttribute(Attribute::NoReverse))?;
    }
    let reset_intensity = removed.intersects(Modifier::BOLD | Modifier::DIM);
    if reset_intensity {
        queue!(out, SetAttribute(Attribute::NormalIntensity))?;
        if to.contains(Modifier::DIM) {
            queue!(out, SetAttribute(Attribute::Dim))?;
        }
        if to.contains(Modifier::BOLD) {
            queue!(out, SetAttribute(Attribute::Bold))?;
        }
    }
    for (modifier, attribute) in [
        (Modifier::ITALIC, Attribute::NoItalic),
        (Modifier::UNDERLINED, Attribute::NoUnderline),
        (Modifier::CROSSED_OUT, Attribute::NotCrossedOut),
        (Modifier::HIDDEN, Attribute::NoHidden),
    ] {
        if removed.contains(modifier) {
            queue!(out, SetAttribute(attribute))?;
        }
    }
    if removed.intersects(Modifier::SLOW_BLINK | Modifier::RAPID_BLINK) {
        queue!(out, SetAttribute(Attribute::NoBlink))?;
    }
    let added = to - from;
    for (modifier, attribute, unless_reset) in [
        (Modifier::REVERSED, Attribute::Reverse, false),
        (Modifier::BOLD, Attribute::Bold, true),
        (Modifier::ITALIC, Attribute::Italic, false),
        (Modifier::UNDERLINED, Attribute::Underlined, false),
        (Modifier::DIM, Attribute::Dim, true),
        (Modifier::CROSSED_OUT, Attribute::CrossedOut, false),
        (Modifier::HIDDEN, Attribute::Hidden, false),
        (Modifier::SLOW_BLINK, Attribute::SlowBlink, false),
        (Modifier::RAPID_BLINK, Attribute::RapidBlink, false),
    ] {
        if added.contains(modifier) && !(unless_reset && reset_intensity) {
            queue!(out, SetAttribute(attribute))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// The bytes this backend (`ours`) or crossterm's writes for `cells`.
    fn drawn(ours: bool, cells: &[(u16, u16, Cell)]) -> String {
        let mut bytes = Vec::new();
        let content = cells.iter().map(|(x, y, c)| (*x, *y, c));
        let written = if ours {
            ByteBackend::new(&mut bytes).draw(content)
        } else {
            CrosstermBackend::new(&mut bytes).draw(content)
        };
        written.unwrap();
        String::from_utf8(bytes).unwrap()
    }

    fn color() -> impl Strategy<Value = Color> {
        prop_oneof![
            Just(Color::Reset),
            Just(Color::Black),
            Just(Color::Red),
            Just(Color::LightCyan),
            Just(Color::Gray),
            Just(Color::DarkGray),
            Just(Color::White),
            any::<u8>().prop_map(Color::Indexed),
            any::<(u8, u8, u8)>().prop_map(|(r, g, b)| Color::Rgb(r, g, b)),
        ]
    }

    fn cell() -> impl Strategy<Value = Cell> {
        let symbols = prop::sample::select(vec![
            " ",
            "a",
            "Ж",
            "ب",
            "東",
            "👍🏽",
            "👨‍👩‍👧",
            "é",
            "\u{301}",
            "─",
            "┃",
            "",
        ]);
        (symbols, color(), color(), color(), any::<u16>()).prop_map(
            |(symbol, fg, bg, underline, bits)| {
                let mut cell = Cell::new(symbol);
                cell.fg = fg;
                cell.bg = bg;
                cell.underline_color = underline;
                cell.modifier = Modifier::from_bits_truncate(bits);
                cell
            },
        )
    }

    /// Cells in the order a diff gives them: along rows, with runs and gaps, on
    /// screens up to the largest a terminal has.
    fn cells() -> impl Strategy<Value = Vec<(u16, u16, Cell)>> {
        prop::collection::vec((0u16..4, any::<bool>(), cell()), 0..80).prop_map(|steps| {
            let (mut x, mut y) = (0u16, 0u16);
            steps
                .into_iter()
                .map(|(skip, new_row, cell)| {
                    // Past 65,534 crossterm's cursor move overflows: no screen is that large.
                    let step = |at: u16, by: u16| at.saturating_add(by).min(65_000);
                    if new_row {
                        // Now and then far down and to the right, else near the last
                        // cell's column (the next row's cell right under it, or after).
                        let far = skip == 3;
                        y = step(y, if far { 1000 } else { 1 });
                        x = if far {
                            step(x, 997)
                        } else {
                            step(x, skip).saturating_sub(1)
                        };
                    } else {
                        x = step(x, 1 + skip);
                    }
                    (x, y, cell)
                })
                .collect()
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        #[test]
        fn a_frame_is_written_as_crossterm_writes_it(cells in cells()) {
            prop_assert_eq!(drawn(true, &cells), drawn(false, &cells));
        }
    }

    #[test]
    fn the_cursor_moves_as_crossterm_moves_it() {
        for (x, y) in [(0, 0), (9, 99), (10, 9), (65_534, 65_534)] {
            let mut ours = Vec::new();
            move_to(&mut ours, x, y);
            let mut theirs = Vec::new();
            queue!(theirs, ratatui::crossterm::cursor::MoveTo(x, y)).unwrap();
            assert_eq!(ours, theirs, "{x}, {y}");
        }
    }
}
