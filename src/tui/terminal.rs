//! Terminal setup and restore: raw mode, the alternate screen, bracketed paste, and
//! mouse capture only when the config asks for it. The terminal is restored on every
//! way out: a normal end, an error (the guard's `Drop`) and a panic (the panic hook).

use std::io::{self, BufWriter, Stdout};
use std::sync::atomic::{AtomicBool, Ordering};

use ratatui::crossterm::{cursor, event, execute, terminal};
use ratatui::layout::{Position, Rect, Size};
use ratatui::{Terminal, TerminalOptions, Viewport};

use super::byte_backend::ByteBackend;

/// The ratatui terminal scholia draws on. Its output is buffered so that a frame goes
/// out in one write when ratatui flushes it (standard output alone writes every 1 KB,
/// taking a lock for each piece of every escape sequence).
pub type Tty = Terminal<ByteBackend<BufWriter<Stdout>>>;

/// Bytes a frame may take before part of it is written: more than a full redraw of a
/// large screen usually needs.
const FRAME_BUFFER: usize = 1 << 16;

/// Whether the terminal is in workbench mode now (read by the panic hook).
static ACTIVE: AtomicBool = AtomicBool::new(false);
/// Whether mouse capture is on now.
static MOUSE: AtomicBool = AtomicBool::new(false);

/// The terminal in workbench mode; restored by [`Screen::leave`] or when dropped.
pub struct Screen {
    terminal: Option<Tty>,
}

impl Screen {
    /// Switches the terminal to workbench mode: raw mode, alternate screen, bracketed
    /// paste, and mouse capture when `mouse` is set. On failure, what was switched on
    /// is switched off again.
    pub fn enter(mouse: bool) -> io::Result<Screen> {
        terminal::enable_raw_mode()?;
        ACTIVE.store(true, Ordering::SeqCst);
        let mut screen = Screen { terminal: None };
        execute!(
            io::stdout(),
            terminal::EnterAlternateScreen,
            event::EnableBracketedPaste
        )?;
        if mouse {
            MOUSE.store(true, Ordering::SeqCst);
            execute!(io::stdout(), event::EnableMouseCapture)?;
        }
        let backend = ByteBackend::new(BufWriter::with_capacity(FRAME_BUFFER, io::stdout()));
        // A fixed viewport, resized by the event loop when [`size_now`] changes: ratatui
        // would otherwise ask the terminal its size again for every frame.
        let area = Rect::from((Position::ORIGIN, terminal::size().map(Size::from)?));
        screen.terminal = Some(Terminal::with_options(
            backend,
            TerminalOptions {
                viewport: Viewport::Fixed(area),
            },
        )?);
        Ok(screen)
    }

    /// The terminal to draw on.
    pub fn terminal(&mut self) -> io::Result<&mut Tty> {
        self.terminal
            .as_mut()
            .ok_or_else(|| io::Error::other("the terminal was already restored"))
    }

    /// Restores the terminal. Safe to call more than once, and on a terminal that is
    /// gone.
    pub fn leave(&mut self) -> io::Result<()> {
        let shown = match self.terminal.take() {
            // Through ratatui, so it does not show the cursor again when dropped.
            Some(mut t) => {
                let shown = t.show_cursor();
                if shown.is_err() {
                    // Dropped, ratatui's terminal would try again and report the failure
                    // with `eprintln!` on stderr: the same dead terminal, where that
                    // panics. It only holds screen buffers; the process is ending.
                    std::mem::forget(t);
                }
                shown
            }
            None => Ok(()),
        };
        let restored = restore();
        shown.and(restored)
    }
}

impl Drop for Screen {
    fn drop(&mut self) {
        let _ = self.leave();
    }
}

/// The terminal's size now, asked of standard output in one system call (crossterm
/// opens `/dev/tty` for each question: three calls, for every frame); crossterm's
/// answer when standard output cannot say.
pub fn size_now(terminal: &Tty) -> io::Result<Size> {
    #[cfg(unix)]
    {
        // SAFETY: `winsize` is plain data that `TIOCGWINSZ` fills; zeroes are valid.
        let mut size: libc::winsize = unsafe { std::mem::zeroed() };
        // SAFETY: standard output's descriptor and a valid `winsize` for the call.
        let asked = unsafe { libc::ioctl(libc::STDOUT_FILENO, libc::TIOCGWINSZ, &mut size) };
        if asked == 0 && size.ws_col > 0 && size.ws_row > 0 {
            return Ok(Size::new(size.ws_col, size.ws_row));
        }
    }
    terminal.size()
}

/// Makes `terminal`'s fixed viewport the whole of a terminal of `size` (cleared, drawn
/// again whole by the next frame), unless it already is.
pub fn fit(terminal: &mut Tty, size: Size) -> io::Result<()> {
    let area = Rect::from((Position::ORIGIN, size));
    if terminal.get_frame().area() == area {
        return Ok(());
    }
    terminal.resize(area)
}

/// Puts the terminal back as it was, if scholia changed it: shows the cursor, turns
/// off mouse capture and bracketed paste, leaves the alternate screen (the last thing
/// written), leaves raw mode. Every step is tried; the first error is returned.
pub fn restore() -> io::Result<()> {
    if !ACTIVE.swap(false, Ordering::SeqCst) {
        return Ok(());
    }
    let mut out = io::stdout();
    let mut result = execute!(out, cursor::Show);
    if MOUSE.swap(false, Ordering::SeqCst) {
        result = result.and(execute!(out, event::DisableMouseCapture));
    }
    result = result.and(execute!(
        out,
        event::DisableBracketedPaste,
        terminal::LeaveAlternateScreen
    ));
    result.and(terminal::disable_raw_mode())
}

/// Makes a panic restore the terminal before the panic message is printed, so the
/// message is readable and the shell usable.
pub fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = restore();
        previous(info);
    }));
}
