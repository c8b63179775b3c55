//! Reading a well-formed spaCy `Doc.to_json()` file straight into its document: the
//! file's fields deserialised into borrowed views (no `serde_json::Value` tree of the
//! whole file, no copy of each label, the tokens and sentences counted, not kept), for
//! the common case of one doc whose every entity and span has integer offsets in order
//! and string labels. Anything else (a list of docs, JSON Lines, a malformed entity) is
//! left to the general reader in `spacy.rs`, which reports each problem.

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer};

use crate::formats::spacy::{add_span, spacy_origin};
use crate::formats::{strip_bom, Format, ImportedDoc, OffsetUnit};

/// The document of `input` when it is one well-formed spaCy doc, else `None`.
pub(super) fn read(input: &str, unit: OffsetUnit) -> Option<ImportedDoc> {
    let text = strip_bom(input).trim();
    if !text.starts_with('{') {
        return None;
    }
    let file: SpacyFile<'_> = serde_json::from_str(text).ok()?;
    let in_order = |s: &TypedSpan<'_>| s.start <= s.end;
    let groups = file.spans.as_ref().map_or(&[][..], |g| &g.0[..]);
    let all_in_order = file.ents.iter().flatten().all(in_order)
        && groups.iter().flat_map(|(_, spans)| spans).all(in_order);
    if !all_in_order {
        return None;
    }
    let mut doc = ImportedDoc::new(Format::Spacy, unit);
    doc.text = Some(file.text.into_owned());
    let spans = file
        .ents
        .iter()
        .flatten()
        .enumerate()
        .map(|(i, s)| (s, None, i))
        .chain(groups.iter().flat_map(|(key, spans)| {
            spans
                .iter()
                .enumerate()
                .map(move |(i, s)| (s, Some(key.as_ref()), i))
        }));
    doc.annotations.reserve(spans.clone().count());
    let origin = spacy_origin();
    for (span, group, i) in spans {
        // Named by its place in the file, as the general reader names it.
        let name = match group {
            None => format!("ents[{i}]"),
            Some(key) => format!("spans.{key}[{i}]"),
        };
        add_span(
            &mut doc,
            (span.start, span.end),
            (span.label.as_deref().unwrap_or_default(), &origin),
            span.kb_id.as_deref(),
            (group, &name),
        );
    }
    for (key, count) in [("sents", file.sents), ("tokens", file.tokens)] {
        if let Some(Count(n)) = count {
            doc.meta.insert(key.to_string(), n.to_string());
        }
    }
    Some(doc)
}

/// The fields of a spaCy doc scholia reads; the others are skipped.
#[derive(Deserialize)]
struct SpacyFile<'a> {
    #[serde(borrow)]
    text: Cow<'a, str>,
    #[serde(default, borrow)]
    ents: Option<Vec<TypedSpan<'a>>>,
    #[serde(default, borrow)]
    spans: Option<Groups<'a>>,
    #[serde(default)]
    sents: Option<Count>,
    #[serde(default)]
    tokens: Option<Count>,
}

/// One entity or span-group span.
#[derive(Deserialize)]
struct TypedSpan<'a> {
    start: usize,
    end: usize,
    #[serde(default, borrow)]
    label: Option<Cow<'a, str>>,
    #[serde(default, borrow)]
    kb_id: Option<Cow<'a, str>>,
}

/// The span groups, in the file's order.
struct Groups<'a>(Vec<(Cow<'a, str>, Vec<TypedSpan<'a>>)>);

impl<'de: 'a, 'a> Deserialize<'de> for Groups<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct InOrder<'a>(std::marker::PhantomData<&'a ()>);
        impl<'de: 'a, 'a> Visitor<'de> for InOrder<'a> {
            type Value = Groups<'a>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("span groups")
            }
            fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<Groups<'a>, M::Error> {
                let mut groups = Vec::new();
                while let Some(key) = map.next_key::<Cow<'de, str>>()? {
                    let spans: Vec<TypedSpan<'de>> = map.next_value()?;
                    if groups.iter().any(|(k, _)| *k == key) {
                        return Err(de::Error::custom("a span group named twice"));
                    }
                    groups.push((key, spans));
                }
                Ok(Groups(groups))
            }
        }
        deserializer.deserialize_map(InOrder(std::marker::PhantomData))
    }
}

/// How many items a list holds, the items themselves skipped.
struct Count(usize);

impl<'de> Deserialize<'de> for Count {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Counting;
        impl<'de> Visitor<'de> for Counting {
            type Value = Count;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a list")
            }
            fn visit_seq<S: SeqAccess<'de>>(self, mut seq: S) -> Result<Count, S::Error> {
                let mut n = 0;
                while seq.next_element::<IgnoredAny>()?.is_some() {
                    n += 1;
                }
                Ok(Count(n))
            }
        }
        deserializer.deserialize_seq(Counting)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::ImportOptions;

    /// The general reader's document of `input`.
    fn general(input: &str) -> ImportedDoc {
        let records = format!("{input}\n{input}");
        let mut docs = crate::formats::spacy::parse(&records, &ImportOptions::default()).unwrap();
        let mut doc = docs.remove(0);
        doc.record = None;
        doc
    }

    #[test]
    fn a_well_formed_doc_reads_as_the_general_reader_reads_it() {
        let input = r#"{"text": "Kazakh 🇰🇿 \"Embassy\" said", "ents": [{"start": 0, "end": 6, "label": "NORP"},
            {"start": 9, "end": 16, "label": "ORG", "kb_id": "Q1"}, {"start": 1, "end": 2}],
            "spans": {"sources": [{"start": 0, "end": 6, "label": "PERSON"}], "sc": [{"start": 1, "end": 3, "label": "Claim", "kb_id": ""}]},
            "sents": [{"start": 0, "end": 16}], "tokens": [{"id": 0}, {"id": 1}], "user_data": {"a": [1]}}"#;
        let typed = read(input, OffsetUnit::CodePoints).expect("read typed");
        assert_eq!(typed, general(input));
        assert_eq!(typed.annotations.len(), 5);
    }

    #[test]
    fn anything_unusual_is_left_to_the_general_reader() {
        for input in [
            r#"{"text": "abc", "ents": [{"start": 2, "end": 1, "label": "X"}]}"#,
            r#"{"text": "abc", "ents": [{"start": -1, "end": 1}]}"#,
            r#"{"text": "abc", "ents": [{"start": 0, "end": 1, "label": 5}]}"#,
            r#"{"text": "abc", "ents": {}}"#,
            r#"[{"text": "abc"}]"#,
            "{\"text\": \"a\"}\n{\"text\": \"b\"}",
        ] {
            assert!(read(input, OffsetUnit::CodePoints).is_none(), "{input}");
        }
    }
}
