//! The one door from the commands to standard output and standard error (DESIGN §7):
//! every line passes through the core's sanitiser before a terminal can see it, so a
//! label, id, note, file name or parser message from a file never sends an escape
//! sequence, a control or a bidi override raw.

use std::io::{self, Write};

use crate::domain::safe_text::{escape_json_text, sanitize_line};

/// What the lines written through a [`SafeOutput`] are, which decides how they are made
/// safe.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// Human-readable lines: shown with the workbench's visible marks
    /// ([`sanitize_line`]).
    Text,
    /// JSON Lines: unsafe characters become `\uXXXX` escapes ([`escape_json_text`]),
    /// so the JSON keeps its meaning.
    Json,
}

/// A writer that makes each line safe before passing it on: whole lines as soon as
/// their line feed arrives, a partial line when flushed (or dropped). Bytes that are
/// not UTF-8 are shown as U+FFFD.
pub struct SafeOutput<W: Write> {
    inner: W,
    shape: Shape,
    pending: Vec<u8>,
}

impl<W: Write> SafeOutput<W> {
    /// Wraps `inner`, treating what is written as `shape`.
    pub fn new(inner: W, shape: Shape) -> Self {
        SafeOutput {
            inner,
            shape,
            pending: Vec::new(),
        }
    }

    /// Wraps `inner` for human-readable lines.
    pub fn text(inner: W) -> Self {
        Self::new(inner, Shape::Text)
    }

    fn emit(&mut self, line: &[u8], newline: bool) -> io::Result<()> {
        let line = String::from_utf8_lossy(line);
        let mut safe = match self.shape {
            Shape::Text => sanitize_line(&line),
            Shape::Json => escape_json_text(&line).into_owned(),
        };
        if newline {
            safe.push('\n');
        }
        self.inner.write_all(safe.as_bytes())
    }
}

impl<W: Write> Write for SafeOutput<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let mut pending = std::mem::take(&mut self.pending);
        let scanned = pending.len();
        pending.extend_from_slice(buf);
        let mut start = 0;
        let mut written = Ok(buf.len());
        for (end, &byte) in pending.iter().enumerate().skip(scanned) {
            if byte == b'\n' {
                if let Err(e) = self.emit(&pending[start..end], true) {
                    written = Err(e);
                    break;
                }
                start = end + 1;
            }
        }
        pending.drain(..start);
        self.pending = pending;
        written
    }

    fn flush(&mut self) -> io::Result<()> {
        let complete = match std::str::from_utf8(&self.pending) {
            Err(e) if e.error_len().is_none() => e.valid_up_to(),
            _ => self.pending.len(),
        };
        if complete > 0 {
            let part: Vec<u8> = self.pending.drain(..complete).collect();
            self.emit(&part, false)?;
        }
        self.inner.flush()
    }
}

impl<W: Write> Drop for SafeOutput<W> {
    fn drop(&mut self) {
        let _ = self.flush();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn through(shape: Shape, chunks: &[&[u8]]) -> String {
        let mut bytes = Vec::new();
        {
            let mut out = SafeOutput::new(&mut bytes, shape);
            for chunk in chunks {
                out.write_all(chunk).unwrap();
            }
        }
        String::from_utf8(bytes).unwrap()
    }

    #[test]
    fn text_lines_show_escapes_as_marks() {
        let shown = through(
            Shape::Text,
            &[
                b"a.txt: a1: label \x1b]0;pwned\x07",
                b" \xc2\x9b2J\n",
                b"\x1b[2J\xe2\x80\xae\n",
            ],
        );
        assert_eq!(shown, "a.txt: a1: label ␛]0;pwned␇ ⍰2J\n␛[2J⇋\n");
    }

    #[test]
    fn json_lines_keep_their_meaning() {
        let json = serde_json::json!({"label": "x\u{9b}\u{202e}\u{1b}"}).to_string();
        let shown = through(Shape::Json, &[json.as_bytes(), b"\n"]);
        assert_eq!(shown, "{\"label\":\"x\\u009b\\u202e\\u001b\"}\n");
        let back: serde_json::Value = serde_json::from_str(shown.trim_end()).unwrap();
        assert_eq!(back["label"], "x\u{9b}\u{202e}\u{1b}");
    }

    #[test]
    fn a_partial_line_goes_out_on_flush_without_splitting_a_character() {
        let mut bytes = Vec::new();
        let mut out = SafeOutput::text(&mut bytes);
        out.write_all(b"Replay? \xe2\x80").unwrap();
        out.flush().unwrap();
        out.write_all(b"\xae [Y/n] ").unwrap();
        drop(out);
        assert_eq!(String::from_utf8(bytes).unwrap(), "Replay? ⇋ [Y/n] ");
    }

    #[test]
    fn bytes_that_are_not_utf8_are_replaced() {
        assert_eq!(through(Shape::Text, &[b"a\x9bb\n"]), "a\u{fffd}b\n");
    }
}
