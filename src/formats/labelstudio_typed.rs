//! Reading one Label Studio task straight into its document, its strings borrowed from
//! the file and nothing of it built as a `Value`. The task is read twice: first its
//! outline (its id, the strings of `data`, each prediction's and annotation's own
//! fields, and the keys its results name), which gives the text key and whose each set
//! of results is; then the results themselves, one item at a time, the predictions
//! before the annotations before the completions as the general reader takes them,
//! whatever their order in the file. This is for the common case of a task whose result
//! items are `labels` regions with their offsets in order and a known `meta.kind`, and
//! `relation`s with both ends; anything else (another result type, a field of an odd
//! type, an envelope of tasks) is left to the general reader in `labelstudio.rs`, which
//! reads the task's `Value` and reports each problem.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;

use crate::domain::model::{Origin, Status};
use crate::formats::json_texts::{JsonId, JsonStr, RecordText, Typed};
use crate::formats::labelstudio::unique_id;
use crate::formats::{
    kind_for_label, kind_named, Format, ImportProblem, ImportedAnnotation, ImportedDoc,
    ImportedRelation, ImportedSpan, OffsetUnit,
};

/// Reads the task `record`, its text at `data.<chosen>` when `--text-key` names a key.
pub(super) fn read<'a>(
    record: &RecordText<'a>,
    unit: OffsetUnit,
    chosen: Option<&str>,
) -> Typed<'a> {
    let Ok(mut outline) = serde_json::from_str::<Outline<'a>>(record.json) else {
        return Typed::Unusual;
    };
    let Some(data) = outline.data.take() else {
        return Typed::Unusual;
    };
    let mut doc = ImportedDoc::new(Format::LabelStudio, unit);
    if let Some(id) = &outline.id {
        doc.meta.insert("id".to_string(), id.0.to_string());
    }
    let sets = result_sets(&mut doc, &outline, record.line);
    doc.annotations.reserve_exact(sets.regions);
    doc.relations.reserve_exact(sets.links);
    let mut used = HashSet::new();
    for group in GROUPS {
        let group_sets: Vec<&SetHead> = sets.heads.iter().filter(|s| s.group == group).collect();
        if group_sets.is_empty() {
            continue;
        }
        let mut reader = serde_json::Deserializer::from_str(record.json);
        let seed = TaskSeed {
            group,
            sets: &group_sets,
            doc: &mut doc,
            used: &mut used,
        };
        if reader.deserialize_map(seed).is_err() {
            return Typed::Unusual;
        }
    }
    match text_of(data.0, &sets.named, chosen) {
        Some(text) => Typed::Read(text, Box::new(doc)),
        None => Typed::NoText,
    }
}

/// The lists of result sets, in the order the general reader reads them.
const GROUPS: [&str; 3] = ["predictions", "annotations", "completions"];

/// What the first reading of a task keeps.
#[derive(Deserialize)]
struct Outline<'a> {
    #[serde(default, borrow)]
    id: Option<JsonId<'a>>,
    #[serde(default, borrow)]
    data: Option<Data<'a>>,
    #[serde(default, borrow)]
    predictions: Option<Vec<PredictionHead<'a>>>,
    #[serde(default, borrow)]
    annotations: Option<Vec<AnnotationHead<'a>>>,
    #[serde(default, borrow)]
    completions: Option<Vec<AnnotationHead<'a>>>,
}

/// The task's `data`: each key, with its value when it is a string, in file order.
struct Data<'a>(Vec<(JsonStr<'a>, Option<JsonStr<'a>>)>);

impl<'de: 'a, 'a> Deserialize<'de> for Data<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct DataVisitor<'a>(std::marker::PhantomData<&'a ()>);
        impl<'de: 'a, 'a> Visitor<'de> for DataVisitor<'a> {
            type Value = Data<'a>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<Data<'a>, M::Error> {
                let mut entries: Vec<(JsonStr<'a>, Option<JsonStr<'a>>)> = Vec::new();
                while let Some(key) = map.next_key::<JsonStr<'de>>()? {
                    if entries.iter().any(|(k, _)| k.as_str() == key.as_str()) {
                        return Err(de::Error::custom("a key given twice"));
                    }
                    let value = map.next_value::<StringOrOther<'de>>()?;
                    entries.push((key, value.0));
                }
                Ok(Data(entries))
            }
        }
        deserializer.deserialize_map(DataVisitor(std::marker::PhantomData))
    }
}

/// A value kept when it is a string, skipped otherwise.
struct StringOrOther<'a>(Option<JsonStr<'a>>);

impl<'de: 'a, 'a> Deserialize<'de> for StringOrOther<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct AnyVisitor<'a>(std::marker::PhantomData<&'a ()>);
        impl<'de: 'a, 'a> Visitor<'de> for AnyVisitor<'a> {
            type Value = StringOrOther<'a>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("any value")
            }
            fn visit_borrowed_str<E>(self, s: &'de str) -> Result<Self::Value, E> {
                Ok(StringOrOther(Some(JsonStr(Cow::Borrowed(s)))))
            }
            fn visit_str<E>(self, s: &str) -> Result<Self::Value, E> {
                Ok(StringOrOther(Some(JsonStr(Cow::Owned(s.to_string())))))
            }
            fn visit_bool<E>(self, _: bool) -> Result<Self::Value, E> {
                Ok(StringOrOther(None))
            }
            fn visit_i64<E>(self, _: i64) -> Result<Self::Value, E> {
                Ok(StringOrOther(None))
            }
            fn visit_u64<E>(self, _: u64) -> Result<Self::Value, E> {
                Ok(StringOrOther(None))
            }
            fn visit_f64<E>(self, _: f64) -> Result<Self::Value, E> {
                Ok(StringOrOther(None))
            }
            fn visit_unit<E>(self) -> Result<Self::Value, E> {
                Ok(StringOrOther(None))
            }
            fn visit_seq<S: SeqAccess<'de>>(self, mut seq: S) -> Result<Self::Value, S::Error> {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(StringOrOther(None))
            }
            fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<Self::Value, M::Error> {
                while map.next_key::<IgnoredAny>()?.is_some() {
                    map.next_value::<IgnoredAny>()?;
                }
                Ok(StringOrOther(None))
            }
        }
        deserializer.deserialize_any(AnyVisitor(std::marker::PhantomData))
    }
}

/// A prediction's own fields.
#[derive(Deserialize)]
struct PredictionHead<'a> {
    #[serde(default, borrow)]
    model_version: Option<JsonId<'a>>,
    #[serde(default)]
    score: Option<f64>,
    #[serde(default, borrow)]
    result: Option<ResultOutline<'a>>,
}

/// An annotation's (or completion's) own fields.
#[derive(Deserialize)]
struct AnnotationHead<'a> {
    #[serde(default, borrow)]
    id: Option<JsonId<'a>>,
    #[serde(default)]
    was_cancelled: Option<bool>,
    #[serde(default, borrow)]
    result: Option<ResultOutline<'a>>,
}

/// What the first reading keeps of a `result`: the keys its items name (`source`
/// without its `$`, then `to_name`, each once, in file order) and how many regions and
/// relations it holds.
#[derive(Default)]
struct ResultOutline<'a> {
    named: Vec<Cow<'a, str>>,
    regions: usize,
    links: usize,
}

/// The fields of a result item the first reading looks at.
#[derive(Deserialize)]
struct ItemOutline<'a> {
    #[serde(default, borrow, rename = "type")]
    kind: Option<JsonStr<'a>>,
    #[serde(default, borrow)]
    source: Option<JsonStr<'a>>,
    #[serde(default, borrow)]
    to_name: Option<JsonStr<'a>>,
}

impl<'de: 'a, 'a> Deserialize<'de> for ResultOutline<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct OutlineVisitor<'a>(std::marker::PhantomData<&'a ()>);
        impl<'de: 'a, 'a> Visitor<'de> for OutlineVisitor<'a> {
            type Value = ResultOutline<'a>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a list of result items")
            }
            fn visit_seq<S: SeqAccess<'de>>(self, mut seq: S) -> Result<Self::Value, S::Error> {
                let mut outline = ResultOutline::default();
                while let Some(item) = seq.next_element::<ItemOutline<'de>>()? {
                    let source = item.source.map(|JsonStr(s)| match s {
                        Cow::Borrowed(s) => Cow::Borrowed(s.trim_start_matches('$')),
                        Cow::Owned(s) => Cow::Owned(s.trim_start_matches('$').to_string()),
                    });
                    for name in [source, item.to_name.map(|n| n.0)].into_iter().flatten() {
                        if !outline.named.contains(&name) {
                            outline.named.push(name);
                        }
                    }
                    match item.kind.as_ref().map(JsonStr::as_str) {
                        Some("relation") => outline.links += 1,
                        _ => outline.regions += 1,
                    }
                }
                Ok(outline)
            }
        }
        deserializer.deserialize_seq(OutlineVisitor(std::marker::PhantomData))
    }
}

/// Whose results one set of results is, as the general reader names it.
struct SetHead {
    /// The list it is in (`predictions`, `annotations`, `completions`).
    group: &'static str,
    /// `prediction0`, `annotation1001`…, for ids that clash with an earlier set.
    name: String,
    status: Status,
    origin: Origin,
    /// A cancelled annotation, whose results are skipped.
    cancelled: bool,
}

/// The sets of a task, the keys their results name and how many items they hold.
struct Sets<'a> {
    heads: Vec<SetHead>,
    named: Vec<Cow<'a, str>>,
    regions: usize,
    links: usize,
}

/// The result sets of `outline`, reporting the cancelled annotations into `doc` as the
/// general reader does.
fn result_sets<'a>(doc: &mut ImportedDoc, outline: &Outline<'a>, line: usize) -> Sets<'a> {
    let mut sets = Sets {
        heads: Vec::new(),
        named: Vec::new(),
        regions: 0,
        links: 0,
    };
    let add_outline = |sets: &mut Sets<'a>, result: &Option<ResultOutline<'a>>| {
        let Some(result) = result else {
            return;
        };
        for name in &result.named {
            if !sets.named.contains(name) {
                sets.named.push(name.clone());
            }
        }
        sets.regions += result.regions;
        sets.links += result.links;
    };
    for (i, prediction) in outline.predictions.iter().flatten().enumerate() {
        add_outline(&mut sets, &prediction.result);
        let mut origin = Origin::tool(Format::LabelStudio.name());
        origin.model = prediction.model_version.as_ref().map(|m| m.0.to_string());
        origin.score = prediction.score;
        sets.heads.push(SetHead {
            group: GROUPS[0],
            name: format!("prediction{i}"),
            status: Status::Pending,
            origin,
            cancelled: false,
        });
    }
    for (group, list) in [
        (GROUPS[1], &outline.annotations),
        (GROUPS[2], &outline.completions),
    ] {
        for (i, annotation) in list.iter().flatten().enumerate() {
            add_outline(&mut sets, &annotation.result);
            let id = annotation
                .id
                .as_ref()
                .map_or_else(|| i.to_string(), |id| id.0.to_string());
            let cancelled = annotation.was_cancelled == Some(true);
            if cancelled {
                doc.problems.push(
                    ImportProblem::at(
                        line,
                        format!("annotation {id} was cancelled; it is skipped."),
                    )
                    .harmless(),
                );
            }
            sets.heads.push(SetHead {
                group,
                name: format!("annotation{id}"),
                status: Status::Accepted,
                origin: Origin::tool(Format::LabelStudio.name()),
                cancelled,
            });
        }
    }
    sets
}

/// The task's text: `data.<chosen>`, else the first key the results name that holds a
/// string, else `data.text`, else the only string, else the only one with white space.
fn text_of<'a>(
    mut data: Vec<(JsonStr<'a>, Option<JsonStr<'a>>)>,
    named: &[Cow<'_, str>],
    chosen: Option<&str>,
) -> Option<Cow<'a, str>> {
    let holding = |key: &str| {
        data.iter()
            .position(|(k, v)| k.as_str() == key && v.is_some())
    };
    let index = match chosen {
        Some(key) => holding(key),
        None => named
            .iter()
            .find_map(|key| holding(key))
            .or_else(|| holding("text"))
            .or_else(|| {
                let strings: Vec<(usize, &str)> = data
                    .iter()
                    .enumerate()
                    .filter_map(|(i, (_, v))| Some((i, v.as_ref()?.as_str())))
                    .collect();
                let spaced: Vec<usize> = strings
                    .iter()
                    .filter(|(_, text)| text.chars().any(char::is_whitespace))
                    .map(|(i, _)| *i)
                    .collect();
                match (strings.as_slice(), spaced.as_slice()) {
                    ([(i, _)], _) | (_, [i]) => Some(*i),
                    _ => None,
                }
            }),
    }?;
    data.swap_remove(index).1.map(|text| text.0)
}

/// The task read again for the sets of one list (`group`), their results read into
/// `doc` one item at a time.
struct TaskSeed<'s, 'h> {
    group: &'static str,
    sets: &'s [&'h SetHead],
    doc: &'s mut ImportedDoc,
    used: &'s mut HashSet<String>,
}

impl<'de> DeserializeSeed<'de> for TaskSeed<'_, '_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for TaskSeed<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a task")
    }

    fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<(), M::Error> {
        while let Some(key) = map.next_key::<JsonStr<'de>>()? {
            if key.as_str() != self.group {
                map.next_value::<IgnoredAny>()?;
                continue;
            }
            map.next_value_seed(GroupSeed {
                sets: self.sets,
                doc: &mut *self.doc,
                used: &mut *self.used,
            })?;
        }
        Ok(())
    }
}

/// The list of sets of one group.
struct GroupSeed<'s, 'h> {
    sets: &'s [&'h SetHead],
    doc: &'s mut ImportedDoc,
    used: &'s mut HashSet<String>,
}

impl<'de> DeserializeSeed<'de> for GroupSeed<'_, '_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for GroupSeed<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list of predictions or annotations")
    }

    fn visit_seq<S: SeqAccess<'de>>(self, mut seq: S) -> Result<(), S::Error> {
        for head in self.sets {
            let mut set = SetSeed {
                head,
                doc: &mut *self.doc,
                ids: HashMap::new(),
                used: &*self.used,
            };
            if seq.next_element_seed(&mut set)?.is_none() {
                return Err(de::Error::custom("fewer sets than at first"));
            }
            let ids = set.ids;
            self.used.extend(ids.into_values());
        }
        Ok(())
    }
}

/// One prediction or annotation, whose results are read into `doc`.
struct SetSeed<'s> {
    head: &'s SetHead,
    doc: &'s mut ImportedDoc,
    /// Its ids, each to the id it is given.
    ids: HashMap<String, String>,
    /// The ids given by the sets before it.
    used: &'s HashSet<String>,
}

impl<'de> DeserializeSeed<'de> for &mut SetSeed<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for &mut SetSeed<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a prediction or an annotation")
    }

    fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<(), M::Error> {
        while let Some(key) = map.next_key::<JsonStr<'de>>()? {
            if key.as_str() != "result" || self.head.cancelled {
                map.next_value::<IgnoredAny>()?;
                continue;
            }
            map.next_value_seed(ResultsSeed(&mut *self))?;
        }
        Ok(())
    }
}

/// The `result` of a set, read one item at a time.
struct ResultsSeed<'r, 's>(&'r mut SetSeed<'s>);

impl<'de> DeserializeSeed<'de> for ResultsSeed<'_, '_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_option(self)
    }
}

impl<'de> Visitor<'de> for ResultsSeed<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list of result items")
    }

    fn visit_none<E>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_unit<E>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_seq(self)
    }

    fn visit_seq<S: SeqAccess<'de>>(self, mut seq: S) -> Result<(), S::Error> {
        while let Some(item) = seq.next_element::<Item<'de>>()? {
            self.0
                .read(item)
                .ok_or_else(|| de::Error::custom("an item left to the general reader"))?;
        }
        Ok(())
    }
}

/// The fields of a result item scholia reads.
#[derive(Deserialize)]
struct Item<'a> {
    #[serde(default, borrow, rename = "type")]
    kind: Option<JsonStr<'a>>,
    #[serde(default, borrow)]
    id: Option<JsonId<'a>>,
    #[serde(default, borrow)]
    value: Option<Region<'a>>,
    #[serde(default)]
    score: Option<f64>,
    #[serde(default, borrow)]
    meta: Option<Meta<'a>>,
    #[serde(default, borrow)]
    from_id: Option<JsonId<'a>>,
    #[serde(default, borrow)]
    to_id: Option<JsonId<'a>>,
    #[serde(default, borrow)]
    direction: Option<JsonStr<'a>>,
    #[serde(default, borrow)]
    labels: Option<Vec<JsonStr<'a>>>,
}

/// A region's `value`.
#[derive(Deserialize)]
struct Region<'a> {
    #[serde(default)]
    start: Option<usize>,
    #[serde(default)]
    end: Option<usize>,
    #[serde(default, borrow)]
    text: Option<JsonStr<'a>>,
    #[serde(default, borrow)]
    labels: Option<Vec<JsonStr<'a>>>,
}

/// A region's `meta`.
#[derive(Deserialize)]
struct Meta<'a> {
    #[serde(default, borrow)]
    text: Option<Note<'a>>,
    #[serde(default, borrow)]
    kind: Option<JsonStr<'a>>,
}

/// A region's note: one string or a list of them.
struct Note<'a>(Vec<JsonStr<'a>>);

impl<'de: 'a, 'a> Deserialize<'de> for Note<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct NoteVisitor<'a>(std::marker::PhantomData<&'a ()>);
        impl<'de: 'a, 'a> Visitor<'de> for NoteVisitor<'a> {
            type Value = Note<'a>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string or a list of strings")
            }
            fn visit_borrowed_str<E>(self, s: &'de str) -> Result<Note<'a>, E> {
                Ok(Note(vec![JsonStr(Cow::Borrowed(s))]))
            }
            fn visit_str<E>(self, s: &str) -> Result<Note<'a>, E> {
                Ok(Note(vec![JsonStr(Cow::Owned(s.to_string()))]))
            }
            fn visit_seq<S: SeqAccess<'de>>(self, mut seq: S) -> Result<Note<'a>, S::Error> {
                let mut texts = Vec::new();
                while let Some(text) = seq.next_element::<JsonStr<'de>>()? {
                    texts.push(text);
                }
                Ok(Note(texts))
            }
        }
        deserializer.deserialize_any(NoteVisitor(std::marker::PhantomData))
    }
}

impl SetSeed<'_> {
    /// The id `id` is given in this set.
    fn unique(&mut self, id: &str) -> String {
        unique_id(&mut self.ids, self.used, &self.head.name, id)
    }

    /// Reads one result item into the document as the general reader does; `None`
    /// when it is left to it.
    fn read(&mut self, item: Item<'_>) -> Option<()> {
        match item.kind.as_ref().map(JsonStr::as_str) {
            Some("labels") => self.read_region(item),
            Some("relation") => self.read_relation(item),
            _ => None,
        }
    }

    fn read_region(&mut self, item: Item<'_>) -> Option<()> {
        let value = item.value?;
        let (start, end, labels) = (value.start?, value.end?, value.labels?);
        if start > end {
            return None;
        }
        let source_id = item.id.map(|id| self.unique(&id.0));
        let mut origin = self.head.origin.clone();
        if let Some(score) = item.score {
            origin.score = Some(score);
        }
        let kind = match item.meta.as_ref().and_then(|m| m.kind.as_ref()) {
            Some(name) => Some(kind_named(name.as_str())?),
            None => None,
        };
        let note = item.meta.as_ref().and_then(|m| m.text.as_ref());
        for label in labels {
            let label = label.as_str();
            let mut annotation = ImportedAnnotation::new(
                kind_for_label(label),
                label,
                self.head.status,
                origin.clone(),
            );
            annotation.source_id = source_id.clone();
            annotation.spans.push(ImportedSpan::new(start, end));
            annotation.text = value.text.as_ref().map(|t| t.as_str().to_string());
            for text in note.iter().flat_map(|n| &n.0) {
                if !text.as_str().is_empty() {
                    annotation.add_note(text.as_str());
                }
            }
            if let Some(kind) = kind {
                annotation.state_kind(kind);
            }
            self.doc.annotations.push(annotation);
        }
        Some(())
    }

    fn read_relation(&mut self, item: Item<'_>) -> Option<()> {
        let (from, to) = (item.from_id?, item.to_id?);
        let (mut from, mut to) = (self.unique(&from.0), self.unique(&to.0));
        let direction = item.direction.as_ref().map_or("right", JsonStr::as_str);
        if direction == "left" {
            std::mem::swap(&mut from, &mut to);
        }
        let labels = item.labels.unwrap_or_default();
        let labels: Vec<&str> = if labels.is_empty() {
            vec!["relation"]
        } else {
            labels.iter().map(JsonStr::as_str).collect()
        };
        for label in labels {
            let mut relation = ImportedRelation::new(None, label, from.clone(), to.clone());
            if direction == "bi" {
                relation
                    .attrs
                    .insert("direction".to_string(), direction.to_string());
            }
            self.doc.relations.push(relation);
        }
        Some(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::json_texts::record_texts;
    use crate::formats::labelstudio::{parse, parse_values};
    use crate::formats::ImportOptions;

    /// Tasks the typed reader reads (the first two) and tasks it leaves to the general
    /// reader, one a line.
    const TASKS: [&str; 11] = [
        r#"{"annotations": [{"id": 12, "result": [
            {"id": "a", "type": "labels", "to_name": "text", "value": {"start": 3, "end": 8, "text": "Sm\"ith", "labels": ["PER", "Source"]}, "meta": {"kind": "source", "text": ["Sketchy.", "", "Check \"it\"."]}},
            {"type": "relation", "from_id": "a", "to_id": "b", "direction": "left", "labels": ["attributed_to"]},
            {"id": "b", "type": "labels", "value": {"start": 9, "end": 13, "labels": ["Claim"]}, "meta": {"text": "One."}, "score": 0.25},
            {"type": "relation", "from_id": "a", "to_id": 7, "direction": "bi", "labels": []}]},
           {"id": 11, "was_cancelled": true, "result": [{"id": "z", "type": "choices"}]}],
          "id": 5, "data": {"text": "😀 Smith said \"so\"", "n": 3},
          "predictions": [{"result": [{"id": "a", "type": "labels", "value": {"start": 3, "end": 8, "labels": ["PER"]}, "score": 0.9}], "model_version": "m1", "score": 0.5}],
          "completions": [{"result": [{"id": "a", "type": "labels", "value": {"start": 0, "end": 1, "labels": ["X"]}}]}]}"#,
        r#"{"data": {"ner": "Smith said", "title": "a b"}, "annotations": [{"result": [{"id": 1, "from_name": "l", "to_name": "x", "source": "$ner", "type": "labels", "value": {"start": 0, "end": 5, "labels": ["PER"]}}]}]}"#,
        r#"{"data": {"text": "ab"}, "annotations": [{"result": [{"id": "c", "type": "choices", "value": {"choices": ["news"]}}]}]}"#,
        r#"{"data": {"text": "ab"}, "annotations": [{"result": [{"id": "c", "type": "labels", "value": {"start": 2, "end": 1, "labels": ["A"]}}]}]}"#,
        r#"{"data": {"text": "ab"}, "annotations": [{"result": [{"id": "c", "type": "labels", "value": {"start": 0, "end": 1, "labels": ["A"]}, "meta": {"kind": "number"}}]}]}"#,
        r#"{"data": {"html": ["a"], "n": 3}, "annotations": []}"#,
        r#"{"data": {"text": "ab"}, "predictions": [{"result": [{"id": "c", "type": "labels", "value": {"start": 0, "end": 1, "labels": [4, "A"]}}]}]}"#,
        r#"{"data": {"text": "ab"}, "annotations": [{"result": [{"type": "relation", "from_id": "c", "labels": ["r"]}]}]}"#,
        r#"{"data": null, "id": 1.5}"#,
        r#"{"data": {"text": "ab", "text": "cd"}, "annotations": [{"result": [{"id": "c", "type": "labels", "value": {"start": 0, "end": 1.0, "labels": ["A"]}}]}]}"#,
        "3",
    ];

    #[test]
    fn typed_tasks_read_as_the_general_reader_reads_them() {
        let input = format!("[\n{}\n]", TASKS.join(",\n"));
        let options = ImportOptions::default();
        let typed = parse(&input, &options).unwrap();
        assert_eq!(
            typed,
            parse_values(&input, &options, OffsetUnit::Utf16).unwrap()
        );
        assert_eq!(typed.len(), TASKS.len());
        assert_eq!(typed[0].annotations.len(), 5);
        assert_eq!(typed[0].relations.len(), 2);
        assert_eq!(typed[1].text.as_deref(), Some("Smith said"));
        let records = record_texts(&input).unwrap();
        for (n, record) in records.iter().enumerate() {
            let read = matches!(read(record, OffsetUnit::Utf16, None), Typed::Read(..));
            assert_eq!(read, n < 2, "task {n}");
        }
        let chosen = ImportOptions {
            text_key: Some("title".to_string()),
            unit: Some(OffsetUnit::CodePoints),
            ..ImportOptions::default()
        };
        assert_eq!(
            parse(&input, &chosen).unwrap(),
            parse_values(&input, &chosen, OffsetUnit::CodePoints).unwrap()
        );
    }

    #[test]
    fn envelopes_and_files_without_a_text_are_left_to_the_general_reader() {
        let options = ImportOptions::default();
        for input in [
            format!("{{\"tasks\": [{}, {}]}}", TASKS[0], TASKS[1]),
            format!("{}\n{{\"task\": {}}}", TASKS[1], TASKS[0]),
            TASKS[5].to_string(),
        ] {
            assert_eq!(
                parse(&input, &options),
                parse_values(&input, &options, OffsetUnit::Utf16),
                "{input}"
            );
        }
    }
}
