//! Reading one doccano record straight into its document: the record's fields
//! deserialised into borrowed views (the text borrowed from the file, `meta` and the
//! other fields skipped, not built), for the common case of a record whose every span
//! has its offsets in order and a label, whose entity kinds are known and whose
//! relations join its entities. Anything else (a document label, a broken triple, a
//! relation to a missing entity) is left to the general reader in `doccano.rs`, which
//! reads the record's `Value` and reports each problem.

use std::collections::HashSet;
use std::fmt;

use serde::de::value::MapAccessDeserializer;
use serde::de::{self, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer};

use crate::domain::model::{Origin, Status};
use crate::formats::json_texts::{JsonId, JsonStr, RecordText, Typed};
use crate::formats::{
    kind_for_label, kind_named, Format, ImportedAnnotation, ImportedDoc, ImportedRelation,
    ImportedSpan, OffsetUnit,
};

/// Reads the record `record`.
pub(super) fn read<'a>(record: &RecordText<'a>, unit: OffsetUnit) -> Typed<'a> {
    let Ok(fields) = serde_json::from_str::<Record<'a>>(record.json) else {
        return Typed::Unusual;
    };
    let mut doc = ImportedDoc::new(Format::Doccano, unit);
    if read_record(&mut doc, &fields).is_none() {
        return Typed::Unusual;
    }
    match fields.text.or(fields.data) {
        Some(JsonStr(text)) => Typed::Read(text, Box::new(doc)),
        None => Typed::NoText,
    }
}

/// The fields of a record scholia reads; the others are skipped.
#[derive(Deserialize)]
struct Record<'a> {
    #[serde(default, borrow)]
    text: Option<JsonStr<'a>>,
    #[serde(default, borrow)]
    data: Option<JsonStr<'a>>,
    #[serde(default, borrow)]
    label: Option<Vec<Item<'a>>>,
    #[serde(default, borrow)]
    labels: Option<Vec<Item<'a>>>,
    #[serde(default, borrow)]
    entities: Option<Vec<Item<'a>>>,
    #[serde(default, borrow)]
    relations: Option<Vec<Relation<'a>>>,
}

/// A `[start, end, "TYPE"]` triple or an entity object.
enum Item<'a> {
    Triple(usize, usize, JsonStr<'a>),
    Entity(Entity<'a>),
}

/// An entity object.
#[derive(Deserialize)]
struct Entity<'a> {
    #[serde(default)]
    start_offset: Option<usize>,
    #[serde(default)]
    end_offset: Option<usize>,
    #[serde(default, borrow)]
    label: Option<JsonStr<'a>>,
    #[serde(default, borrow)]
    id: Option<JsonId<'a>>,
    #[serde(default, borrow)]
    kind: Option<JsonStr<'a>>,
}

impl<'de: 'a, 'a> Deserialize<'de> for Item<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ItemVisitor<'a>(std::marker::PhantomData<&'a ()>);
        impl<'de: 'a, 'a> Visitor<'de> for ItemVisitor<'a> {
            type Value = Item<'a>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a [start, end, \"TYPE\"] triple or an entity")
            }
            fn visit_seq<S: SeqAccess<'de>>(self, mut seq: S) -> Result<Item<'a>, S::Error> {
                let start = seq.next_element::<usize>()?;
                let end = seq.next_element::<usize>()?;
                let label = seq.next_element::<JsonStr<'de>>()?;
                let (Some(start), Some(end), Some(label)) = (start, end, label) else {
                    return Err(de::Error::custom("a list shorter than a triple"));
                };
                if seq.next_element::<IgnoredAny>()?.is_some() {
                    return Err(de::Error::custom("a list longer than a triple"));
                }
                Ok(Item::Triple(start, end, label))
            }
            fn visit_map<M: MapAccess<'de>>(self, map: M) -> Result<Item<'a>, M::Error> {
                Entity::deserialize(MapAccessDeserializer::new(map)).map(Item::Entity)
            }
        }
        deserializer.deserialize_any(ItemVisitor(std::marker::PhantomData))
    }
}

/// One relation of a record.
#[derive(Deserialize)]
struct Relation<'a> {
    #[serde(default, borrow)]
    id: Option<JsonId<'a>>,
    #[serde(default, borrow)]
    from_id: Option<JsonId<'a>>,
    #[serde(default, borrow)]
    to_id: Option<JsonId<'a>>,
    #[serde(default, borrow, rename = "type")]
    kind: Option<JsonStr<'a>>,
}

/// Reads the record's spans and relations into `doc` as the general reader does;
/// `None` when the record is left to it.
fn read_record(doc: &mut ImportedDoc, record: &Record<'_>) -> Option<()> {
    let lists = [
        ("label", &record.label),
        ("labels", &record.labels),
        ("entities", &record.entities),
    ];
    let count = lists
        .iter()
        .map(|(_, items)| items.as_ref().map_or(0, Vec::len))
        .sum();
    doc.annotations.reserve_exact(count);
    for (key, items) in lists {
        for (index, item) in items.iter().flatten().enumerate() {
            read_item(doc, item, key, index)?;
        }
    }
    let Some(relations) = &record.relations else {
        return Some(());
    };
    let ids: HashSet<&str> = doc
        .annotations
        .iter()
        .filter_map(|a| a.source_id.as_deref())
        .collect();
    let mut read = Vec::with_capacity(relations.len());
    for relation in relations {
        let (Some(from), Some(to), Some(kind)) =
            (&relation.from_id, &relation.to_id, &relation.kind)
        else {
            return None;
        };
        if !ids.contains(&*from.0) || !ids.contains(&*to.0) {
            return None;
        }
        read.push(ImportedRelation::new(
            relation.id.as_ref().map(|id| id.0.to_string()),
            kind.as_str(),
            from.0.to_string(),
            to.0.to_string(),
        ));
    }
    doc.relations.append(&mut read);
    Some(())
}

/// Reads item `index` of the list under `key`, named by its id, else by its place in
/// the list (`label[2]`); `None` when it would be a problem.
fn read_item(doc: &mut ImportedDoc, item: &Item<'_>, key: &str, index: usize) -> Option<()> {
    let (start, end, label, id, kind) = match item {
        Item::Triple(start, end, label) => (*start, *end, label.as_str(), None, None),
        Item::Entity(entity) => (
            entity.start_offset?,
            entity.end_offset?,
            entity.label.as_ref()?.as_str(),
            entity.id.as_ref(),
            entity.kind.as_ref(),
        ),
    };
    if start > end {
        return None;
    }
    let mut annotation = ImportedAnnotation::new(
        kind_for_label(label),
        label,
        Status::Accepted,
        Origin::tool(Format::Doccano.name()),
    );
    annotation.source_id =
        Some(id.map_or_else(|| format!("{key}[{index}]"), |id| id.0.to_string()));
    annotation.spans.push(ImportedSpan::new(start, end));
    if let Some(name) = kind {
        annotation.state_kind(kind_named(name.as_str())?);
    }
    doc.annotations.push(annotation);
    Some(())
}

#[cfg(test)]
mod tests {
    use crate::formats::doccano::parse;
    use crate::formats::ImportOptions;

    #[test]
    fn typed_records_read_as_the_general_reader_reads_them() {
        let input = concat!(
            "{\"text\": \"Google by \\\"Page\\\"\", \"entities\": [{\"id\": 7, \"start_offset\": 0, \"end_offset\": 6, \"label\": \"ORG\", \"kind\": \"source\"}, {\"id\": \"p\", \"start_offset\": 10, \"end_offset\": 16, \"label\": \"PERSON\"}, {\"start_offset\": 1, \"end_offset\": 2, \"label\": \"Z\"}], \"relations\": [{\"id\": 1, \"from_id\": 7, \"to_id\": \"p\", \"type\": \"foundedBy\"}, {\"from_id\": \"entities[2]\", \"to_id\": 7, \"type\": \"x\"}], \"meta\": {\"k\": [1]}}\n",
            "{\"text\": \"ab\", \"label\": [[0, 1, \"A\"]], \"labels\": [[1, 2, \"B\"]]}\n",
            "{\"text\": \"ab\", \"label\": [[0, 1, \"A\"], [2, 1, \"B\"], [0, \"x\", \"C\"], \"positive\", [0, 1, \"D\", 4]]}\n",
            "{\"text\": \"ab\", \"entities\": [{\"id\": 1, \"start_offset\": 0, \"end_offset\": 1, \"label\": \"A\", \"kind\": \"verb\"}], \"relations\": [{\"from_id\": 1, \"to_id\": 2, \"type\": \"x\"}]}\n",
            "{\"label\": [[0, 1, \"A\"]]}\n",
            "{\"text\": 3, \"data\": \"abc\", \"label\": null}\n",
        );
        let typed = parse(input, &ImportOptions::default()).unwrap();
        let general = ImportOptions {
            text_key: Some("text".to_string()),
            ..ImportOptions::default()
        };
        let mut expected = parse(input, &general).unwrap();
        // The general reader told to read `text` does not fall back to `data`.
        expected[5] = typed[5].clone();
        assert_eq!(typed, expected);
        assert_eq!(typed[0].annotations.len(), 3);
        assert_eq!(typed[0].relations.len(), 2);
        assert_eq!(typed[5].text.as_deref(), Some("abc"));
    }
}
