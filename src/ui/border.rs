//! The one-cell frame drawn around the article, the panel, the details and the
//! overlays: what `Block::bordered()` draws, without visiting the cells inside (a block
//! styles every one of them, even with the default style), since the frames are drawn
//! again for every key.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::BorderType;

/// Draws a frame of `border_type` around the edge of `area` in `style`: the sides,
/// then the corners over them, as a bordered block does.
pub fn draw(buf: &mut Buffer, area: Rect, border_type: BorderType, style: Style) {
    let area = area.intersection(buf.area);
    if area.is_empty() {
        return;
    }
    let set = border_type.to_border_set();
    let (left, top) = (area.left(), area.top());
    let (right, bottom) = (area.right() - 1, area.bottom() - 1);
    let mut put = |x: u16, y: u16, symbol: &str| {
        buf[(x, y)].set_symbol(symbol).set_style(style);
    };
    for y in top..=bottom {
        put(left, y, set.vertical_left);
    }
    for x in left..=right {
        put(x, top, set.horizontal_top);
    }
    for y in top..=bottom {
        put(right, y, set.vertical_right);
    }
    for x in left..=right {
        put(x, bottom, set.horizontal_bottom);
    }
    put(right, bottom, set.bottom_right);
    put(right, top, set.top_right);
    put(left, bottom, set.bottom_left);
    put(left, top, set.top_left);
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::style::{Color, Modifier};
    use ratatui::widgets::{Block, Widget};

    #[test]
    fn it_draws_what_a_bordered_block_draws_at_every_size() {
        let style = Style::default()
            .fg(Color::Cyan)
            .add_modifier(Modifier::BOLD);
        let screen = Rect::new(0, 0, 7, 5);
        for border_type in [BorderType::Plain, BorderType::Thick, BorderType::Rounded] {
            for (x, y, width, height) in [
                (0, 0, 7, 5),
                (1, 1, 4, 3),
                (2, 1, 1, 3),
                (1, 2, 5, 1),
                (3, 3, 1, 1),
                (5, 3, 6, 6),
                (0, 0, 0, 3),
            ] {
                let area = Rect::new(x, y, width, height);
                let mut ours = Buffer::empty(screen);
                let mut block = Buffer::empty(screen);
                draw(&mut ours, area, border_type, style);
                Block::bordered()
                    .border_type(border_type)
                    .border_style(style)
                    .render(area, &mut block);
                assert_eq!(ours, block, "{border_type:?} around {area:?}");
            }
        }
    }
}
