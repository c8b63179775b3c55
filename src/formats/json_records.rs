//! Reading the records of a JSON-based format, with the line each starts on.
//!
//! Accepts, after an optional byte-order mark: JSON Lines (one record a line), one or
//! more JSON values one after another (a pretty-printed object in a `.jsonl` file), and
//! top-level arrays, whose elements become the records. When the whole input is not
//! valid JSON but its first line is, the input is read as JSON Lines and each bad line
//! becomes an unreadable record; otherwise the input is rejected.

use serde_json::{Deserializer, Value};

use crate::formats::{strip_bom, Format, FormatError, ImportProblem, ImportedDoc, OffsetUnit};

/// One top-level record and the 1-based line it starts on.
pub(crate) struct JsonRecord {
    /// The line it starts on.
    pub line: usize,
    /// The record, or why its line is not JSON.
    pub value: Result<Value, String>,
}

/// Reads the records of `input`; an empty input gives no records.
pub(crate) fn read(format: Format, input: &str) -> Result<Vec<JsonRecord>, FormatError> {
    let text = strip_bom(input);
    let lines = LineIndex::new(text);
    let mut stream = Deserializer::from_str(text).into_iter::<Value>();
    let mut records = Vec::new();
    loop {
        let before = stream.byte_offset();
        match stream.next() {
            None => return Ok(records),
            Some(Ok(value)) => {
                let rest = &text[before..];
                let start = before + (rest.len() - rest.trim_start().len());
                push_flattened(&mut records, &lines, text, start, value);
            }
            Some(Err(error)) => {
                return read_lines(text).ok_or_else(|| FormatError::Json {
                    format,
                    line: error.line(),
                    column: error.column(),
                    reason: reason(&error),
                });
            }
        }
    }
}

/// The records of `text` one line each, when its first non-blank line is JSON.
fn read_lines(text: &str) -> Option<Vec<JsonRecord>> {
    let mut records = Vec::new();
    let mut first = true;
    for (index, line) in text.split('\n').enumerate() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let parsed = serde_json::from_str::<Value>(line);
        if first && parsed.is_err() {
            return None;
        }
        first = false;
        let number = index + 1;
        match parsed {
            Ok(Value::Array(items)) => records.extend(items.into_iter().map(|value| JsonRecord {
                line: number,
                value: Ok(value),
            })),
            Ok(value) => records.push(JsonRecord {
                line: number,
                value: Ok(value),
            }),
            Err(error) => records.push(JsonRecord {
                line: number,
                value: Err(reason(&error)),
            }),
        }
    }
    Some(records)
}

/// Adds `value` (starting at byte `start`) as one record, or its elements when it is an
/// array, each with its own line.
fn push_flattened(
    records: &mut Vec<JsonRecord>,
    lines: &LineIndex,
    text: &str,
    start: usize,
    value: Value,
) {
    match value {
        Value::Array(items) => {
            let starts = element_starts(&text[start..]);
            for (index, item) in items.into_iter().enumerate() {
                let offset = starts.get(index).map_or(start, |s| start + s);
                records.push(JsonRecord {
                    line: lines.line_of(offset),
                    value: Ok(item),
                });
            }
        }
        value => records.push(JsonRecord {
            line: lines.line_of(start),
            value: Ok(value),
        }),
    }
}

/// Byte offsets of the elements of the JSON array `text` starts with (valid JSON).
fn element_starts(text: &str) -> Vec<usize> {
    let mut starts = Vec::new();
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    let mut expecting = false;
    for (i, byte) in text.bytes().enumerate() {
        if in_string {
            if escaped {
                escaped = false;
            } else if byte == b'\\' {
                escaped = true;
            } else if byte == b'"' {
                in_string = false;
            }
            continue;
        }
        if byte.is_ascii_whitespace() {
            continue;
        }
        if depth == 1 && expecting && byte != b']' {
            starts.push(i);
            expecting = false;
        }
        match byte {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                if depth == 1 {
                    expecting = true;
                }
            }
            b']' | b'}' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    break;
                }
            }
            b',' if depth == 1 => expecting = true,
            _ => {}
        }
    }
    starts
}

/// What serde_json said, without its " at line L column C" tail.
fn reason(error: &serde_json::Error) -> String {
    let message = error.to_string();
    match message.rfind(" at line ") {
        Some(cut) => message[..cut].to_string(),
        None => message,
    }
}

/// Maps byte offsets to 1-based line numbers.
pub(crate) struct LineIndex {
    newlines: Vec<usize>,
}

impl LineIndex {
    /// The lines of `text`.
    pub(crate) fn new(text: &str) -> Self {
        LineIndex {
            newlines: text
                .bytes()
                .enumerate()
                .filter(|(_, b)| *b == b'\n')
                .map(|(i, _)| i)
                .collect(),
        }
    }

    /// The line holding byte `offset`.
    pub(crate) fn line_of(&self, offset: usize) -> usize {
        self.newlines.partition_point(|&n| n < offset) + 1
    }
}

/// How a many-record format finds the documents in its records.
pub(crate) struct RecordShape<'a> {
    /// The format being read.
    pub format: Format,
    /// The unit of its offsets.
    pub unit: OffsetUnit,
    /// Where the text is, as messages name it (`text`, `data.text`).
    pub text_name: &'a str,
    /// Whether to number the records even when the file holds only one.
    pub numbered: bool,
}

/// Turns the records of a file into documents: `read` fills in the document of each
/// record that has a text (found by `text_of`); a record that is not JSON or has no text
/// becomes a document with a problem. Fails when no record has a text at all.
pub(crate) fn docs_from_records<'v>(
    shape: &RecordShape<'_>,
    input: &str,
    records: &'v [JsonRecord],
    text_of: impl Fn(&'v Value) -> Option<&'v str>,
    mut read: impl FnMut(&mut ImportedDoc, &'v Value, usize),
) -> Result<Vec<ImportedDoc>, FormatError> {
    let RecordShape {
        format,
        unit,
        text_name,
        numbered,
    } = *shape;
    let number = numbered || records.len() > 1;
    let mut docs = Vec::new();
    for (index, record) in records.iter().enumerate() {
        let mut doc = match &record.value {
            Err(reason) => unreadable(
                format,
                unit,
                index,
                record.line,
                format!("this line is not valid JSON ({reason}); the record is skipped."),
            ),
            Ok(value) => match text_of(value) {
                None => unreadable(
                    format,
                    unit,
                    index,
                    record.line,
                    format!("the record has no \"{text_name}\" string; it is skipped."),
                ),
                Some(text) => {
                    let mut doc = ImportedDoc::new(format, unit);
                    doc.text = Some(text.to_string());
                    read(&mut doc, value, record.line);
                    doc
                }
            },
        };
        doc.record = number.then_some(index);
        docs.push(doc);
    }
    if !docs.is_empty() && docs.iter().all(|d| d.text.is_none()) {
        return Err(FormatError::Shape {
            format,
            reason: format!("no record has a \"{text_name}\" string"),
        });
    }
    Ok(docs_or_problem(format, unit, input, docs))
}

/// The documents a many-record importer returns: `docs`, or, when the input held no
/// record, one document saying so.
pub(crate) fn docs_or_problem(
    format: Format,
    unit: OffsetUnit,
    input: &str,
    docs: Vec<ImportedDoc>,
) -> Vec<ImportedDoc> {
    if !docs.is_empty() {
        return docs;
    }
    if strip_bom(input).trim().is_empty() {
        return vec![ImportedDoc::empty_file(format, unit)];
    }
    let mut doc = ImportedDoc::new(format, unit);
    doc.problems
        .push(ImportProblem::general("the file holds no records.").harmless());
    vec![doc]
}

/// The document standing for record `index` on `line` that could not be read.
pub(crate) fn unreadable(
    format: Format,
    unit: OffsetUnit,
    index: usize,
    line: usize,
    message: impl Into<String>,
) -> ImportedDoc {
    let mut doc = ImportedDoc::new(format, unit);
    doc.record = Some(index);
    doc.problems.push(ImportProblem::at(line, message));
    doc
}

/// A non-negative integer offset.
pub(crate) fn offset(value: Option<&Value>) -> Option<usize> {
    value
        .and_then(Value::as_u64)
        .and_then(|n| usize::try_from(n).ok())
}

/// A string field of an object.
pub(crate) fn str_field<'a>(value: &'a Value, key: &str) -> Option<&'a str> {
    value.get(key).and_then(Value::as_str)
}

/// An id as a string, whether the file wrote it as a string or a number.
pub(crate) fn id_string(value: Option<&Value>) -> Option<String> {
    match value? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// A short description of a JSON value for messages: its type, or its text if short.
pub(crate) fn describe(value: &Value) -> String {
    let text = value.to_string();
    if text.chars().count() <= 40 {
        text
    } else {
        let kind = match value {
            Value::Array(_) => "a list",
            Value::Object(_) => "an object",
            Value::String(_) => "a long string",
            _ => "a value",
        };
        kind.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines_and_values(input: &str) -> Vec<(usize, Result<Value, String>)> {
        read(Format::Doccano, input)
            .unwrap()
            .into_iter()
            .map(|r| (r.line, r.value))
            .collect()
    }

    #[test]
    fn json_lines_give_one_record_a_line() {
        let got = lines_and_values("{\"a\":1}\r\n\r\n{\"a\":2}\n");
        assert_eq!(got.len(), 2);
        assert_eq!(got[0].0, 1);
        assert_eq!(got[1].0, 3);
    }

    #[test]
    fn a_pretty_object_is_one_record() {
        let got = lines_and_values("\u{feff}{\n  \"a\": [1,\n 2]\n}\n");
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].0, 1);
    }

    #[test]
    fn array_elements_get_their_own_lines() {
        let got = lines_and_values("[\n  {\"t\": \"a,]}\\\"\"},\n  [1, 2],\n\n  3\n]");
        assert_eq!(got.iter().map(|r| r.0).collect::<Vec<_>>(), vec![2, 3, 5]);
    }

    #[test]
    fn a_bad_line_in_json_lines_is_one_unreadable_record() {
        let got = lines_and_values("{\"a\":1}\n{\"a\":\n{\"a\":3}\n");
        assert_eq!(got.len(), 3);
        assert!(got[1].1.is_err());
        assert_eq!(got[2].0, 3);
    }

    #[test]
    fn input_that_is_not_json_is_an_error_with_its_line() {
        let err = read(Format::Doccano, "{\n  \"a\": 1,\n  oops\n}")
            .err()
            .unwrap();
        let message = err.to_string();
        assert!(message.starts_with("line 3, column"), "{message}");
        assert!(!message.contains(" at line "), "{message}");
    }

    #[test]
    fn empty_input_has_no_records() {
        assert!(lines_and_values("  \n").is_empty());
        assert!(lines_and_values("").is_empty());
    }
}
