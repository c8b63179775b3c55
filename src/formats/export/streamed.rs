//! Writing JSON straight into the file's writer: a JSON array made from an iterator one
//! element at a time, so that an export never holds a `serde_json::Value` tree of the
//! whole file (for a long book, hundreds of thousands of tokens), nor the file itself.

use std::cell::RefCell;
use std::io::{self, Write};

use serde::ser::Error;
use serde::{Serialize, Serializer};

/// A JSON array of the items of an iterator, each made and written in turn. It can be
/// written once.
pub(super) struct Streamed<I>(RefCell<Option<I>>);

impl<I> Streamed<I> {
    /// The array of what `items` yields.
    pub(super) fn new(items: I) -> Self {
        Streamed(RefCell::new(Some(items)))
    }
}

impl<I, T> Serialize for Streamed<I>
where
    I: Iterator<Item = T>,
    T: Serialize,
{
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let items = self
            .0
            .borrow_mut()
            .take()
            .ok_or_else(|| S::Error::custom("a streamed array is written once"))?;
        serializer.collect_seq(items)
    }
}

/// Writes `value` as compact JSON and a line break.
pub(super) fn write_json_line(out: &mut dyn Write, value: &impl Serialize) -> io::Result<()> {
    serde_json::to_writer(&mut *out, value)?;
    out.write_all(b"\n")
}

/// Writes `value` as indented JSON and a line break.
pub(super) fn write_pretty_json_line(
    out: &mut dyn Write,
    value: &impl Serialize,
) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value)?;
    out.write_all(b"\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_streamed_array_writes_like_a_vector() {
        let streamed = Streamed::new((1..4).map(|n| serde_json::json!({"n": n, "ё": "😀"})));
        let collected: Vec<_> = (1..4)
            .map(|n| serde_json::json!({"n": n, "ё": "😀"}))
            .collect();
        let mut out = Vec::new();
        write_json_line(&mut out, &streamed).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            format!("{}\n", serde_json::to_string(&collected).unwrap())
        );
        assert!(
            write_json_line(&mut Vec::new(), &streamed).is_err(),
            "written once"
        );
    }
}
