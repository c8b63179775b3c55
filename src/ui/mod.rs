//! Drawing the workbench with ratatui. The ui reads the application state and never
//! changes it; `app` knows nothing of it (DESIGN §6).
//!
//! Markers never rely on colour alone (see [`Theme`] and `docs/screen.md`): in the
//! article an entity is underlined, a claim in italics, a source in bold; a pending
//! suggestion is dim, a rejected one (shown on request) struck through; a cell under two
//! annotations of one kind is reversed; the gutter names the kind of each annotation
//! starting on a row (`E`/`C`/`S`, lower case while pending).

mod article;
pub mod article_list;
mod border;
mod claims_table;
mod details;
mod help;
mod message_log;
mod notice;
mod overlay;
mod panel;
mod registry_screen;
mod status;
mod text;
mod theme;

pub use theme::Theme;

use ratatui::layout::Rect;
use ratatui::Frame;

use crate::app::keymap::Context;
use crate::app::screen::{MIN_HEIGHT, MIN_WIDTH};
use crate::app::state::{App, Overlay};

/// Draws the whole screen for `app`: the article, the panel, the status line and the
/// prompt on top, or only the "too small" notice.
pub fn draw(frame: &mut Frame, app: &App, theme: &Theme) {
    let area = frame.area();
    let buf = frame.buffer_mut();
    if app.screen.too_small || area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        notice::too_small(buf, area, theme);
        return;
    }
    article::draw(buf, app, theme);
    panel::draw(buf, app, theme);
    status::draw(buf, app, theme);
    let above_status = Rect {
        height: area.height.saturating_sub(1),
        ..area
    };
    match &app.overlay {
        None => {}
        Some(Overlay::Help { scroll }) => help::draw(buf, above_status, app, theme, *scroll),
        Some(Overlay::Messages { back }) => message_log::draw(buf, above_status, app, theme, *back),
        Some(Overlay::Picker { picker, .. }) => {
            overlay::draw_picker(buf, above_status, picker, theme)
        }
        Some(Overlay::Note { input, target }) => {
            overlay::draw_note(buf, above_status, app, input, target, theme)
        }
        Some(Overlay::Search { input, .. }) => {
            overlay::draw_prompt(buf, app, "/", input, Context::Search, theme)
        }
        Some(Overlay::Filter { input }) => {
            overlay::draw_prompt(buf, app, "filter: ", input, Context::Filter, theme)
        }
        Some(Overlay::Link(link)) => overlay::draw_picker(buf, above_status, &link.picker, theme),
        Some(Overlay::Claims(table)) => claims_table::draw(buf, above_status, app, table, theme),
        Some(Overlay::Registry(screen)) => {
            registry_screen::draw(buf, above_status, app, screen, theme)
        }
    }
}
