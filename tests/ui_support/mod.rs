//! Helpers for drawing the workbench into a test terminal.

#![allow(dead_code, unused_imports)]

#[path = "../key_script/mod.rs"]
mod key_script;

pub use key_script::keys;

use std::fs;
use std::path::{Path, PathBuf};

use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::Terminal;
use scholia::app::action::Action;
use scholia::app::session::{OpenOptions, Session};
use scholia::domain::config::ConfigSources;
use scholia::ui::{self, Theme};
use unicode_width::UnicodeWidthStr;

/// The repository's `examples` folder.
pub fn examples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples")
}

/// Options for a session with no user or project config.
pub fn options() -> OpenOptions {
    OpenOptions {
        max_size: 1 << 30,
        config: Some(ConfigSources {
            user: None,
            project: None,
        }),
        ..OpenOptions::default()
    }
}

/// A session on a copy of `examples/<name>` (and its sidecar, if it has one) in a
/// temporary folder, so that saving never touches the examples.
pub fn open_example(name: &str) -> (tempfile::TempDir, Session) {
    let dir = tempfile::tempdir().unwrap();
    let source = examples().join(name);
    let target = dir.path().join(name);
    fs::copy(&source, &target).unwrap();
    let sidecar = examples().join(format!("{name}.scholia.json"));
    if sidecar.exists() {
        fs::copy(&sidecar, dir.path().join(format!("{name}.scholia.json"))).unwrap();
    }
    let session = Session::open(&target, &options()).unwrap();
    (dir, session)
}

/// Moves the cursor to the `n`th (0-based) occurrence of `needle`, scrolling to it.
pub fn goto(session: &mut Session, needle: &str, n: usize) {
    let at = session
        .app()
        .doc()
        .text()
        .match_indices(needle)
        .nth(n)
        .unwrap_or_else(|| panic!("{needle:?} #{n} not in the article"))
        .0;
    session.dispatch(Action::GoTo(at));
}

/// Resizes the session to `w`×`h` and draws it into a fresh test terminal.
pub fn draw(session: &mut Session, w: u16, h: u16, theme: &Theme) -> Terminal<TestBackend> {
    session.dispatch(Action::Resize(w, h));
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal
        .draw(|frame| ui::draw(frame, session.app(), theme))
        .unwrap();
    terminal
}

/// The buffer as plain text, one line per row, trailing spaces removed; a wide glyph's
/// hidden second column is skipped. Panics on any raw control or bidi character.
pub fn text_of(buf: &Buffer) -> String {
    let area = buf.area;
    let mut lines = Vec::new();
    for y in area.top()..area.bottom() {
        let mut line = String::new();
        let mut x = area.left();
        while x < area.right() {
            let symbol = buf[(x, y)].symbol();
            for c in symbol.chars() {
                assert!(
                    !c.is_control()
                        && !matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'),
                    "raw {c:?} at {x},{y}"
                );
            }
            line.push_str(symbol);
            x += symbol.width().max(1) as u16;
        }
        lines.push(line.trim_end().to_string());
    }
    lines.join("\n")
}

/// Draws the session at `w`×`h` without colour and returns the screen as text.
pub fn screen(session: &mut Session, w: u16, h: u16) -> String {
    let terminal = draw(session, w, h, &Theme::plain());
    text_of(terminal.backend().buffer())
}
