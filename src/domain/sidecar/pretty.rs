//! The sidecar's pretty printer: the bytes of `serde_json`'s `PrettyFormatter` (two
//! spaces a level), made in fewer writes, and able to start at any depth, so that a
//! value inside the file (one annotation, say) is rendered alone exactly as it stands
//! in the whole file. It must never write other bytes than `PrettyFormatter` does.

use std::io::{self, Write};

use serde_json::ser::Formatter;

/// A comma, a line break and the indentation of 32 levels: every break between two
/// values is a slice of it, written at once (`PrettyFormatter` writes each level's two
/// spaces one by one).
const BREAK: &[u8; 66] = b",\n                                                                ";

/// The pretty printer, at its current depth.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Pretty {
    /// How many objects and arrays are open around what is written next.
    depth: usize,
    /// Whether the innermost open object or array has a value yet.
    has_value: bool,
}

impl Pretty {
    /// A printer for a value that stands `depth` levels deep in the file.
    pub(super) fn at_depth(depth: usize) -> Pretty {
        Pretty {
            depth,
            has_value: false,
        }
    }

    /// Opens an array or an object with `bracket`, one level deeper.
    #[inline]
    fn open<W: ?Sized + Write>(&mut self, out: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        out.write_all(bracket)
    }

    /// Closes an array or an object with `bracket`, on a line of its own after values.
    #[inline]
    fn close<W: ?Sized + Write>(&mut self, out: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.depth -= 1;
        if self.has_value {
            line_break(out, true, self.depth)?;
        }
        out.write_all(bracket)
    }
}

/// Writes a line break (after a comma unless `first`) and the indentation of `depth`
/// levels.
fn line_break<W: ?Sized + Write>(out: &mut W, first: bool, depth: usize) -> io::Result<()> {
    let from = usize::from(first);
    match BREAK.get(from..2 + 2 * depth) {
        Some(piece) => out.write_all(piece),
        None => {
            out.write_all(&BREAK[from..2])?;
            (0..depth).try_for_each(|_| out.write_all(b"  "))
        }
    }
}

/// [`line_break`] into a buffer.
pub(super) fn push_line_break(buf: &mut Vec<u8>, first: bool, depth: usize) {
    // Writing into a `Vec` cannot fail.
    let _ = line_break(buf, first, depth);
}

impl Formatter for Pretty {
    #[inline]
    fn begin_array<W: ?Sized + Write>(&mut self, out: &mut W) -> io::Result<()> {
        self.open(out, b"[")
    }

    #[inline]
    fn end_array<W: ?Sized + Write>(&mut self, out: &mut W) -> io::Result<()> {
        self.close(out, b"]")
    }

    #[inline]
    fn begin_array_value<W: ?Sized + Write>(&mut self, out: &mut W, first: bool) -> io::Result<()> {
        line_break(out, first, self.depth)
    }

    #[inline]
    fn end_array_value<W: ?Sized + Write>(&mut self, _out: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    #[inline]
    fn begin_object<W: ?Sized + Write>(&mut self, out: &mut W) -> io::Result<()> {
        self.open(out, b"{")
    }

    #[inline]
    fn end_object<W: ?Sized + Write>(&mut self, out: &mut W) -> io::Result<()> {
        self.close(out, b"}")
    }

    #[inline]
    fn begin_object_key<W: ?Sized + Write>(&mut self, out: &mut W, first: bool) -> io::Result<()> {
        line_break(out, first, self.depth)
    }

    #[inline]
    fn begin_object_value<W: ?Sized + Write>(&mut self, out: &mut W) -> io::Result<()> {
        out.write_all(b": ")
    }

    #[inline]
    fn end_object_value<W: ?Sized + Write>(&mut self, _out: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Serialize;
    use serde_json::json;

    #[test]
    fn writes_what_serde_json_pretty_prints_at_any_depth() {
        let mut deep = json!("bottom");
        for i in 0..40 {
            deep = json!({ "level": i, "list": [deep, [], {}], "empty": {} });
        }
        let mut ours = Vec::new();
        deep.serialize(&mut serde_json::Serializer::with_formatter(
            &mut ours,
            Pretty::default(),
        ))
        .unwrap();
        assert_eq!(
            String::from_utf8(ours).unwrap(),
            serde_json::to_string_pretty(&deep).unwrap()
        );
    }
}
