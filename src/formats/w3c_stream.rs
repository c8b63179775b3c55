//! Reading a W3C AnnotationCollection or AnnotationPage one annotation at a time: the
//! pages are walked twice as the file is read, first counting their annotations and
//! relations to make room for them, then reading them, each annotation of their `items`
//! a small `Value`, read and dropped before the next, so the file is never one tree. It
//! reads the pages in the order the general reader does (`items`, then `first`, then
//! `next`), so a page whose parts come in another order, an annotation at the top, or
//! any other shape is left to the general reader in `w3c.rs`; the document is then put
//! back as it was before the record.

use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use serde_json::Value;

use crate::formats::json_texts::{JsonStr, RecordText};
use crate::formats::w3c::{annotations_in, read_annotation};
use crate::formats::ImportedDoc;

/// Reads the annotations of the page or collection `record` into `doc`, counting them
/// in `found`; `None` (with `doc` and `found` as they were) when the record is left to
/// the general reader.
pub(super) fn read(
    doc: &mut ImportedDoc,
    record: &RecordText<'_>,
    found: &mut usize,
) -> Option<()> {
    let before = Before {
        annotations: doc.annotations.len(),
        relations: doc.relations.len(),
        problems: doc.problems.len(),
        had_source: doc.meta.contains_key("source"),
        found: *found,
    };
    let mut counts = Counts::default();
    let mut reader = serde_json::Deserializer::from_str(record.json);
    if reader
        .deserialize_map(PageSeed(&mut Pass::Count(&mut counts)))
        .is_err()
    {
        return None;
    }
    doc.annotations.reserve_exact(counts.annotations);
    doc.relations.reserve_exact(counts.links);
    let mut reader = serde_json::Deserializer::from_str(record.json);
    let mut pass = Pass::Read {
        doc: &mut *doc,
        line: record.line,
        found: &mut *found,
    };
    match reader.deserialize_map(PageSeed(&mut pass)) {
        Ok(()) => Some(()),
        Err(_) => {
            before.restore(doc, found);
            None
        }
    }
}

/// What the document held before a record.
struct Before {
    annotations: usize,
    relations: usize,
    problems: usize,
    had_source: bool,
    found: usize,
}

impl Before {
    /// Puts `doc` and `found` back as they were.
    fn restore(self, doc: &mut ImportedDoc, found: &mut usize) {
        doc.annotations.truncate(self.annotations);
        doc.relations.truncate(self.relations);
        doc.problems.truncate(self.problems);
        if !self.had_source {
            doc.meta.remove("source");
        }
        *found = self.found;
    }
}

/// What a reading of the pages does with their annotations.
enum Pass<'d> {
    /// Counts them, to make room for them first.
    Count(&'d mut Counts),
    /// Reads each into `doc` and drops it, counting them in `found`.
    Read {
        doc: &'d mut ImportedDoc,
        line: usize,
        found: &'d mut usize,
    },
}

/// How many annotations and `linking` annotations (relations) the pages hold.
#[derive(Default)]
struct Counts {
    annotations: usize,
    links: usize,
}

/// The one field of an annotation counting looks at.
#[derive(Deserialize)]
struct Motivated {
    #[serde(default)]
    motivation: Option<Value>,
}

/// A page or collection, whose annotations are read as they come.
struct PageSeed<'p, 'd>(&'p mut Pass<'d>);

impl<'de> DeserializeSeed<'de> for PageSeed<'_, '_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for PageSeed<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an annotation page or collection")
    }

    fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<(), M::Error> {
        // `items` before `first` before `next`, each once, as the general reader reads them.
        let mut read_up_to = 0;
        while let Some(key) = map.next_key::<JsonStr<'de>>()? {
            let place = match key.as_str() {
                "target" => return Err(de::Error::custom("an annotation, not a page")),
                "items" => 1,
                "first" => 2,
                "next" => 3,
                _ => {
                    map.next_value::<IgnoredAny>()?;
                    continue;
                }
            };
            if place <= read_up_to {
                return Err(de::Error::custom("page parts out of order"));
            }
            read_up_to = place;
            if place == 1 {
                map.next_value_seed(ItemsSeed(&mut *self.0))?;
            } else {
                map.next_value_seed(PageSeed(&mut *self.0))?;
            }
        }
        Ok(())
    }
}

/// The `items` of a page, each read and dropped.
struct ItemsSeed<'p, 'd>(&'p mut Pass<'d>);

impl<'de> DeserializeSeed<'de> for ItemsSeed<'_, '_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for ItemsSeed<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list of annotations")
    }

    fn visit_seq<S: SeqAccess<'de>>(self, mut seq: S) -> Result<(), S::Error> {
        match self.0 {
            Pass::Count(counts) => {
                while let Some(item) = seq.next_element::<Motivated>()? {
                    match item.motivation.as_ref().and_then(Value::as_str) {
                        Some("linking") => counts.links += 1,
                        _ => counts.annotations += 1,
                    }
                }
            }
            Pass::Read { doc, line, found } => {
                while let Some(item) = seq.next_element::<Value>()? {
                    for annotation in annotations_in(&item) {
                        **found += 1;
                        read_annotation(doc, annotation, *line);
                    }
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use crate::formats::w3c::parse;
    use crate::formats::ImportOptions;

    /// A collection whose first page holds `items` and is followed by a page of one
    /// relation, the first page's parts in the order given.
    fn collection(first_page_parts: [&str; 2]) -> String {
        let [a, b] = first_page_parts;
        format!("{{\"type\": \"AnnotationCollection\", \"id\": \"c\", \"first\": {{{a}, {b}}}}}")
    }

    #[test]
    fn pages_read_streamed_as_the_general_reader_reads_them() {
        let items = r#""items": [
            {"id": "a1", "body": {"purpose": "tagging", "value": "person"}, "target": {"source": "r.txt", "selector": {"type": "TextPositionSelector", "start": 0, "end": 6}}},
            {"id": "a2", "body": {"purpose": "tagging", "value": "factual"}, "target": {"source": "o.txt", "selector": {"type": "RangeSelector"}}},
            {"type": "AnnotationPage", "items": [{"id": "a3", "target": {"selector": {"type": "TextQuoteSelector", "exact": "x"}}}]}]"#;
        let next = r#""next": {"items": [{"id": "r1", "motivation": "linking", "target": "a2", "body": {"type": "SpecificResource", "source": "a1"}}]}"#;
        let streamed = parse(&collection([items, next]), &ImportOptions::default()).unwrap();
        // `next` before `items` is left to the general reader, which reads the same.
        let general = parse(&collection([next, items]), &ImportOptions::default()).unwrap();
        assert_eq!(streamed, general);
        assert_eq!(streamed[0].annotations.len(), 2);
        assert_eq!(streamed[0].relations.len(), 1);
        assert_eq!(streamed[0].problems.len(), 3, "{:?}", streamed[0].problems);
    }
}
