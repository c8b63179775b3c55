//! One annotation of the sidecar's list, written straight into a buffer: the bytes
//! `serde_json` pretty-prints for [`WithSpans`] at that place in the file, with less work
//! per field. The keys and line breaks are written as they are, a string that needs no
//! escape is copied whole, and an origin shared by many annotations (a rule's) is
//! rendered once. Whatever is rare (unknown fields, attributes, a conflict) is rendered
//! by `serde_json` at its depth; an annotation whose spans carry unknown fields is
//! rendered whole by it. It must never write other bytes than [`WithSpans`] gives.

use std::sync::Arc;

use serde::Serialize;

use super::pretty::{push_line_break, Pretty};
use crate::domain::model::{Annotation, Origin, Quote, Span, WithSpans};

/// How deep an annotation of the list stands in the file (the file's object, then the
/// list). The line breaks written as literals below (`field!`, the spans, the quote)
/// are those of this depth.
const DEPTH: usize = 2;

/// The comma, line break, indentation and key that open a field of an annotation of
/// the list (its fields stand at depth 3, six spaces in); the first field's bytes are
/// these without the comma.
macro_rules! field {
    ($name:literal) => {
        concat!(",\n      \"", $name, "\": ").as_bytes()
    };
}

/// How many origins are kept rendered: a rule set has a handful.
const ORIGINS_KEPT: usize = 32;

/// Writes annotations, keeping the origins it rendered: the shared origin and its text.
#[derive(Default)]
pub(super) struct AnnotationWriter {
    origins: Vec<(Arc<Origin>, Vec<u8>)>,
}

impl AnnotationWriter {
    /// Writes `annotation` into `buf` with `spans` in place of its own, as it stands in
    /// the list.
    pub(super) fn write(
        &mut self,
        buf: &mut Vec<u8>,
        annotation: &Annotation,
        spans: &[Span],
    ) -> Result<(), serde_json::Error> {
        let a = annotation;
        if !a.span_extra.is_empty() {
            return render_at(buf, DEPTH, &WithSpans { annotation, spans });
        }
        buf.push(b'{');
        buf.extend_from_slice(&field!("id")[1..]);
        string(buf, &a.id)?;
        buf.extend_from_slice(field!("kind"));
        serde_json::to_writer(&mut *buf, &a.kind)?;
        buf.extend_from_slice(field!("label"));
        string(buf, &a.label)?;
        buf.extend_from_slice(field!("spans"));
        write_spans(buf, spans);
        buf.extend_from_slice(field!("quote"));
        write_quote(buf, &a.quote)?;
        buf.extend_from_slice(field!("status"));
        serde_json::to_writer(&mut *buf, &a.status)?;
        buf.extend_from_slice(field!("origin"));
        self.write_origin(buf, &a.origin)?;
        if !a.attrs.is_empty() {
            buf.extend_from_slice(field!("attrs"));
            render_at(buf, DEPTH + 1, &a.attrs)?;
        }
        optional_string(buf, field!("note"), a.note.as_deref())?;
        optional_string(buf, field!("entity"), a.entity.as_deref())?;
        optional_string(buf, field!("annotator"), a.annotator.as_deref())?;
        optional_string(buf, field!("created"), a.created.as_deref())?;
        optional_string(buf, field!("modified"), a.modified.as_deref())?;
        if let Some(conflict) = &a.conflict {
            buf.extend_from_slice(field!("conflict"));
            render_at(buf, DEPTH + 1, conflict)?;
        }
        for (name, value) in &a.extra {
            push_line_break(buf, false, DEPTH + 1);
            string(buf, name)?;
            buf.extend_from_slice(b": ");
            render_at(buf, DEPTH + 1, value)?;
        }
        buf.extend_from_slice(b"\n    }");
        Ok(())
    }

    /// Writes `origin`, rendered once for all the annotations that share it.
    fn write_origin(
        &mut self,
        buf: &mut Vec<u8>,
        origin: &Arc<Origin>,
    ) -> Result<(), serde_json::Error> {
        if let Some((_, text)) = self.origins.iter().find(|(o, _)| Arc::ptr_eq(o, origin)) {
            buf.extend_from_slice(text);
            return Ok(());
        }
        let from = buf.len();
        render_at(buf, DEPTH + 1, &**origin)?;
        if self.origins.len() < ORIGINS_KEPT {
            self.origins
                .push((Arc::clone(origin), buf[from..].to_vec()));
        }
        Ok(())
    }
}

/// Writes the field with the key `key` (its line break, indentation and name, from
/// [`field!`]) and the string `value` when there is one.
fn optional_string(
    buf: &mut Vec<u8>,
    key: &[u8],
    value: Option<&str>,
) -> Result<(), serde_json::Error> {
    match value {
        Some(value) => {
            buf.extend_from_slice(key);
            string(buf, value)
        }
        None => Ok(()),
    }
}

/// Writes `text` as a JSON string: copied whole when nothing in it is escaped,
/// otherwise as `serde_json` escapes it.
fn string(buf: &mut Vec<u8>, text: &str) -> Result<(), serde_json::Error> {
    if text.bytes().any(|b| b < 0x20 || b == b'"' || b == b'\\') {
        return serde_json::to_writer(&mut *buf, text);
    }
    buf.reserve(text.len() + 2);
    buf.push(b'"');
    buf.extend_from_slice(text.as_bytes());
    buf.push(b'"');
    Ok(())
}

/// Writes spans that carry no unknown fields.
fn write_spans(buf: &mut Vec<u8>, spans: &[Span]) {
    if spans.is_empty() {
        buf.extend_from_slice(b"[]");
        return;
    }
    buf.push(b'[');
    for (i, span) in spans.iter().enumerate() {
        let open: &[u8] = b",\n        {\n          \"start\": ";
        buf.extend_from_slice(if i == 0 { &open[1..] } else { open });
        push_number(buf, span.start);
        buf.extend_from_slice(b",\n          \"end\": ");
        push_number(buf, span.end);
        buf.extend_from_slice(b"\n        }");
    }
    buf.extend_from_slice(b"\n      ]");
}

/// Writes `n` in decimal.
fn push_number(buf: &mut Vec<u8>, mut n: usize) {
    let mut digits = [0u8; 20];
    let mut from = digits.len();
    loop {
        from -= 1;
        digits[from] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    buf.extend_from_slice(&digits[from..]);
}

/// Writes a quote; one with unknown fields as `serde_json` renders it.
fn write_quote(buf: &mut Vec<u8>, quote: &Quote) -> Result<(), serde_json::Error> {
    if !quote.extra.is_empty() {
        return render_at(buf, DEPTH + 1, quote);
    }
    buf.extend_from_slice(b"{\n        \"exact\": ");
    string(buf, &quote.exact)?;
    buf.extend_from_slice(b",\n        \"prefix\": ");
    string(buf, &quote.prefix)?;
    buf.extend_from_slice(b",\n        \"suffix\": ");
    string(buf, &quote.suffix)?;
    buf.extend_from_slice(b"\n      }");
    Ok(())
}

/// Renders `value` into `buf` as it stands `depth` levels deep in the file.
pub(super) fn render_at(
    buf: &mut Vec<u8>,
    depth: usize,
    value: &(impl Serialize + ?Sized),
) -> Result<(), serde_json::Error> {
    value.serialize(&mut serde_json::Serializer::with_formatter(
        buf,
        Pretty::at_depth(depth),
    ))
}
