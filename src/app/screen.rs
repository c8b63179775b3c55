//! Where each part of the screen goes, computed from the terminal size alone so the app
//! can lay out the article (and move by display lines) without knowing the terminal.

/// A rectangle of cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Area {
    /// Left column.
    pub x: u16,
    /// Top row.
    pub y: u16,
    /// Columns.
    pub width: u16,
    /// Rows.
    pub height: u16,
}

/// Smallest terminal the workbench draws in; below it a "too small" notice is shown.
pub const MIN_WIDTH: u16 = 30;
/// Smallest terminal height the workbench draws in.
pub const MIN_HEIGHT: u16 = 8;
/// Columns of the article's gutter (annotation markers).
pub const GUTTER_WIDTH: u16 = 2;
/// The article keeps at least this many text columns before it gives up its gutter.
const GUTTER_MIN_TEXT: u16 = 8;
/// Below this width the panel and the article share the screen by turns (Tab).
const SIDE_BY_SIDE_MIN_WIDTH: u16 = 80;

/// Rows of text inside the boxes drawn over the whole screen (help, the message log) on
/// a terminal `height` rows high: the rows above the status line less a margin and the
/// box's borders. Scrolling them stops where their last row shows.
pub fn box_text_rows(height: u16) -> u16 {
    let above_status = height.saturating_sub(1);
    box_height(above_status).saturating_sub(2)
}

/// The height of a box drawn over `above_status` rows: a row free above and below
/// when there is room.
pub fn box_height(above_status: u16) -> u16 {
    above_status.saturating_sub(2).max(above_status.min(3))
}

/// The parts of the screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ScreenLayout {
    /// The article's frame (border included); empty when hidden.
    pub article_frame: Area,
    /// The annotation markers at the left of the article text (inside its frame); empty
    /// when the frame is too narrow to spare the columns.
    pub gutter: Area,
    /// The article text (inside its frame, right of the gutter): the width the article
    /// wraps to.
    pub article: Area,
    /// The panel (tabs, list and details), empty when hidden.
    pub panel: Area,
    /// The status line at the bottom.
    pub status: Area,
    /// Whether the screen is too small to draw anything but a notice.
    pub too_small: bool,
}

impl ScreenLayout {
    /// Lays out a `width`×`height` screen; `panel_focused` decides which pane a narrow
    /// screen shows.
    pub fn new(width: u16, height: u16, panel_focused: bool) -> ScreenLayout {
        if width < MIN_WIDTH || height < MIN_HEIGHT {
            return ScreenLayout {
                too_small: true,
                ..ScreenLayout::default()
            };
        }
        let body = height - 1;
        let status = Area {
            x: 0,
            y: body,
            width,
            height: 1,
        };
        let full = Area {
            x: 0,
            y: 0,
            width,
            height: body,
        };
        if width < SIDE_BY_SIDE_MIN_WIDTH {
            let (article_frame, panel) = if panel_focused {
                (Area::default(), full)
            } else {
                (full, Area::default())
            };
            let (gutter, article) = split_gutter(inner(article_frame));
            return ScreenLayout {
                article_frame,
                gutter,
                article,
                panel,
                status,
                too_small: false,
            };
        }
        let panel_width = (width * 36 / 100).clamp(30, 64);
        let article_outer = Area {
            width: width - panel_width,
            ..full
        };
        let panel = Area {
            x: width - panel_width,
            width: panel_width,
            ..full
        };
        let (gutter, article) = split_gutter(inner(article_outer));
        ScreenLayout {
            article_frame: article_outer,
            gutter,
            article,
            panel,
            status,
            too_small: false,
        }
    }
}

/// The inside of a one-cell frame.
fn inner(area: Area) -> Area {
    Area {
        x: area.x + 1,
        y: area.y + 1,
        width: area.width.saturating_sub(2),
        height: area.height.saturating_sub(2),
    }
}

/// Splits the gutter off the left of the article's inside: (gutter, text).
fn split_gutter(area: Area) -> (Area, Area) {
    if area.width < GUTTER_WIDTH + GUTTER_MIN_TEXT {
        return (Area::default(), area);
    }
    let gutter = Area {
        width: GUTTER_WIDTH,
        ..area
    };
    let text = Area {
        x: area.x + GUTTER_WIDTH,
        width: area.width - GUTTER_WIDTH,
        ..area
    };
    (gutter, text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_gutter_sits_between_the_frame_and_the_text() {
        let s = ScreenLayout::new(120, 40, false);
        assert_eq!(s.gutter.x, s.article_frame.x + 1);
        assert_eq!(s.gutter.width, GUTTER_WIDTH);
        assert_eq!(s.article.x, s.gutter.x + GUTTER_WIDTH);
        assert_eq!(
            s.article.x + s.article.width,
            s.article_frame.x + s.article_frame.width - 1
        );
        assert_eq!(s.gutter.height, s.article.height);
    }

    #[test]
    fn a_narrow_screen_shows_one_pane_and_a_tiny_one_nothing() {
        let article = ScreenLayout::new(40, 12, false);
        assert_eq!(article.panel, Area::default());
        assert_eq!(article.article.width, 40 - 2 - GUTTER_WIDTH);
        let panel = ScreenLayout::new(40, 12, true);
        assert_eq!(panel.article.width, 0);
        assert_eq!(panel.gutter, Area::default());
        assert!(ScreenLayout::new(29, 12, false).too_small);
        assert!(ScreenLayout::new(30, 7, false).too_small);
    }
}
