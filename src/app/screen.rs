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
/// Below this width the panel and the article share the screen by turns (Tab).
const SIDE_BY_SIDE_MIN_WIDTH: u16 = 80;

/// The parts of the screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ScreenLayout {
    /// The article's frame (border included); empty when hidden.
    pub article_frame: Area,
    /// The article text (inside its frame).
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
            return ScreenLayout {
                article_frame,
                article: inner(article_frame),
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
        ScreenLayout {
            article_frame: article_outer,
            article: inner(article_outer),
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
