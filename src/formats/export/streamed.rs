//! Writing JSON straight into a buffer: a JSON array made from an iterator one element
//! at a time, so that an export never holds a `serde_json::Value` tree of the whole
//! file (for a long book, hundreds of thousands of tokens).

use std::cell::RefCell;

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

/// `value` as compact JSON and a line break.
pub(super) fn json_line(value: &impl Serialize) -> String {
    let mut out = Vec::new();
    if serde_json::to_writer(&mut out, value).is_err() {
        out.clear();
    }
    out.push(b'\n');
    String::from_utf8(out).unwrap_or_default()
}

/// `value` as indented JSON and a line break.
pub(super) fn pretty_json_line(value: &impl Serialize) -> String {
    let mut out = Vec::new();
    if serde_json::to_writer_pretty(&mut out, value).is_err() {
        out.clear();
    }
    out.push(b'\n');
    String::from_utf8(out).unwrap_or_default()
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
        assert_eq!(
            json_line(&streamed),
            format!("{}\n", serde_json::to_string(&collected).unwrap())
        );
        assert_eq!(json_line(&streamed), "\n", "written once");
    }
}
