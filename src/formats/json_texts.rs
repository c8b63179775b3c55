//! The records of a valid JSON file as slices of its text, for the typed readers: the
//! file is checked once the way `serde_json::Value` would read it (strings, escapes,
//! number ranges, nesting), building nothing, and cut into the same records as
//! `json_records::read` (one a top-level value, the elements of a top-level array),
//! each with the line it starts on. A typed reader then reads one record at a time,
//! borrowing its strings from the file, and falls back to the record's `Value` for a
//! shape it does not know. A file that is not valid JSON is left to `json_records`,
//! which reports it or reads it line by line.

use std::borrow::Cow;
use std::fmt;

use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};

use crate::formats::json_records::{docs_or_problem, unreadable, LineIndex, RecordShape};
use crate::formats::{strip_bom, FormatError, ImportedDoc};

/// One record of a valid JSON file.
pub(crate) struct RecordText<'a> {
    /// The line it starts on.
    pub line: usize,
    /// Its JSON text.
    pub json: &'a str,
}

/// The records of `input`, when the whole of it is valid JSON; `None` otherwise.
pub(crate) fn record_texts(input: &str) -> Option<Vec<RecordText<'_>>> {
    let text = strip_bom(input);
    let lines = LineIndex::new(text);
    let mut stream = serde_json::Deserializer::from_str(text).into_iter::<Checked>();
    let mut records = Vec::new();
    loop {
        let before = stream.byte_offset();
        match stream.next() {
            None => return Some(records),
            Some(Err(_)) => return None,
            Some(Ok(Checked)) => {
                let value = text[before..stream.byte_offset()].trim_start();
                let start = text.len() - text[before..].trim_start().len();
                if value.starts_with('[') {
                    records.extend(element_ranges(value).into_iter().map(|(s, e)| RecordText {
                        line: lines.line_of(start + s),
                        json: &value[s..e],
                    }));
                } else {
                    records.push(RecordText {
                        line: lines.line_of(start),
                        json: value,
                    });
                }
            }
        }
    }
}

/// The byte ranges of the elements of the valid JSON array `array`.
fn element_ranges(array: &str) -> Vec<(usize, usize)> {
    let mut ranges = Vec::new();
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    let mut start = None;
    let mut end = 0;
    for (i, byte) in array.bytes().enumerate() {
        if in_string {
            if escaped {
                escaped = false;
            } else if byte == b'\\' {
                escaped = true;
            } else if byte == b'"' {
                in_string = false;
                end = i + 1;
            }
            continue;
        }
        if byte.is_ascii_whitespace() {
            continue;
        }
        let ends_element = depth == 1 && matches!(byte, b',' | b']');
        if ends_element {
            if let Some(s) = start.take() {
                ranges.push((s, end));
            }
        } else if depth == 1 && start.is_none() {
            start = Some(i);
        }
        match byte {
            b'"' => in_string = true,
            b'[' | b'{' => depth += 1,
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
        end = i + 1;
        if depth == 0 {
            break;
        }
    }
    ranges
}

/// A JSON value read the way `serde_json::Value` reads it, and dropped as it is read.
struct Checked;

impl<'de> Deserialize<'de> for Checked {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(CheckedVisitor)
    }
}

struct CheckedVisitor;

impl<'de> Visitor<'de> for CheckedVisitor {
    type Value = Checked;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, _: bool) -> Result<Checked, E> {
        Ok(Checked)
    }

    fn visit_i64<E>(self, _: i64) -> Result<Checked, E> {
        Ok(Checked)
    }

    fn visit_u64<E>(self, _: u64) -> Result<Checked, E> {
        Ok(Checked)
    }

    fn visit_f64<E>(self, _: f64) -> Result<Checked, E> {
        Ok(Checked)
    }

    fn visit_str<E>(self, _: &str) -> Result<Checked, E> {
        Ok(Checked)
    }

    fn visit_unit<E>(self) -> Result<Checked, E> {
        Ok(Checked)
    }

    fn visit_none<E>(self) -> Result<Checked, E> {
        Ok(Checked)
    }

    fn visit_seq<S: SeqAccess<'de>>(self, mut seq: S) -> Result<Checked, S::Error> {
        while seq.next_element::<Checked>()?.is_some() {}
        Ok(Checked)
    }

    fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<Checked, M::Error> {
        while map.next_key::<Checked>()?.is_some() {
            map.next_value::<Checked>()?;
        }
        Ok(Checked)
    }
}

/// A JSON string, borrowed from the file unless it holds escapes (which also works
/// inside an `Option`, where serde's own `Cow` would always copy).
pub(crate) struct JsonStr<'a>(pub Cow<'a, str>);

impl<'de: 'a, 'a> Deserialize<'de> for JsonStr<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct StrVisitor;
        impl<'de> Visitor<'de> for StrVisitor {
            type Value = JsonStr<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E>(self, s: &'de str) -> Result<JsonStr<'de>, E> {
                Ok(JsonStr(Cow::Borrowed(s)))
            }
            fn visit_str<E>(self, s: &str) -> Result<JsonStr<'de>, E> {
                Ok(JsonStr(Cow::Owned(s.to_string())))
            }
        }
        deserializer.deserialize_str(StrVisitor)
    }
}

impl JsonStr<'_> {
    /// The string.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// An id the file wrote as a string or a whole number, as text (as
/// `json_records::id_string` reads it).
pub(crate) struct JsonId<'a>(pub Cow<'a, str>);

impl<'de: 'a, 'a> Deserialize<'de> for JsonId<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct IdVisitor;
        impl<'de> Visitor<'de> for IdVisitor {
            type Value = JsonId<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string or a whole number")
            }
            fn visit_borrowed_str<E>(self, s: &'de str) -> Result<JsonId<'de>, E> {
                Ok(JsonId(Cow::Borrowed(s)))
            }
            fn visit_str<E>(self, s: &str) -> Result<JsonId<'de>, E> {
                Ok(JsonId(Cow::Owned(s.to_string())))
            }
            fn visit_u64<E>(self, n: u64) -> Result<JsonId<'de>, E> {
                Ok(JsonId(Cow::Owned(n.to_string())))
            }
            fn visit_i64<E>(self, n: i64) -> Result<JsonId<'de>, E> {
                Ok(JsonId(Cow::Owned(n.to_string())))
            }
        }
        deserializer.deserialize_any(IdVisitor)
    }
}

/// What reading a record typed gave.
pub(crate) enum Typed<'a> {
    /// Its text and its document (without the text).
    Read(Cow<'a, str>, Box<ImportedDoc>),
    /// It has no text.
    NoText,
    /// Its shape is left to the general reader, which reads its `Value`.
    Unusual,
}

/// Turns the records into documents as `json_records::docs_from_records` does:
/// `read` gives a record's text and its document (without the text), or `None` when
/// the record has no text (it becomes a document with a problem); `keep` adds each
/// document, numbered, with its text, to the documents. Fails when no record has a
/// text at all.
pub(crate) fn docs_from_texts<'a>(
    shape: &RecordShape<'_>,
    input: &str,
    records: &[RecordText<'a>],
    mut read: impl FnMut(&RecordText<'a>) -> Option<(Cow<'a, str>, ImportedDoc)>,
    mut keep: impl FnMut(&mut Vec<ImportedDoc>, ImportedDoc, Option<Cow<'a, str>>),
) -> Result<Vec<ImportedDoc>, FormatError> {
    let RecordShape {
        format,
        unit,
        text_name,
        numbered,
    } = *shape;
    let number = numbered || records.len() > 1;
    let mut docs = Vec::new();
    let mut any_text = false;
    for (index, record) in records.iter().enumerate() {
        let (mut doc, text) = match read(record) {
            Some((text, doc)) => {
                any_text = true;
                (doc, Some(text))
            }
            None => (
                unreadable(
                    format,
                    unit,
                    index,
                    record.line,
                    format!("the record has no \"{text_name}\" string; it is skipped."),
                ),
                None,
            ),
        };
        doc.record = number.then_some(index);
        keep(&mut docs, doc, text);
    }
    if !records.is_empty() && !any_text {
        return Err(FormatError::Shape {
            format,
            reason: format!("no record has a \"{text_name}\" string"),
        });
    }
    Ok(docs_or_problem(format, unit, input, docs))
}

/// Adds `doc` with its own `text` (the `keep` of most formats).
pub(crate) fn keep_with_text(
    docs: &mut Vec<ImportedDoc>,
    mut doc: ImportedDoc,
    text: Option<Cow<'_, str>>,
) {
    doc.text = text.map(Cow::into_owned);
    docs.push(doc);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::json_records::read;
    use crate::formats::Format;

    /// The records as `json_records::read` gives them: line and value.
    fn general(input: &str) -> Vec<(usize, serde_json::Value)> {
        read(Format::Doccano, input)
            .unwrap()
            .into_iter()
            .map(|r| (r.line, r.value.unwrap()))
            .collect()
    }

    fn typed(input: &str) -> Vec<(usize, serde_json::Value)> {
        record_texts(input)
            .unwrap()
            .into_iter()
            .map(|r| (r.line, serde_json::from_str(r.json).unwrap()))
            .collect()
    }

    #[test]
    fn records_are_cut_as_the_general_reader_cuts_them() {
        for input in [
            "{\"a\":1}\r\n\r\n{\"a\":2}\n",
            "\u{feff}{\n  \"a\": [1,\n 2]\n}\n",
            "[\n  {\"t\": \"a,]}\\\"\"},\n  [1, 2],\n\n  3 , \"x\" ,null\n]",
            "[]\n[ ]\n[{\"a\": [[], {}]}]  {\"b\": \"\\\\\"}",
            "  \n",
            "",
        ] {
            assert_eq!(typed(input), general(input), "{input:?}");
        }
    }

    #[test]
    fn what_a_value_would_not_read_is_not_valid() {
        for input in [
            "{\"a\": 1e400}",
            "{\"a\": \"\\ud800\"}",
            "{\"a\": 1}\n{\"a\":",
            "[1, 2",
            "{\"a\": \"\u{1}\"}",
        ] {
            assert!(record_texts(input).is_none(), "{input:?}");
            assert!(serde_json::from_str::<serde_json::Value>(input).is_err());
        }
    }
}
