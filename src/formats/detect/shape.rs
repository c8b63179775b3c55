//! What format detection needs of a JSON record, read without building it: its
//! top-level keys, the annotation types its `type` names, and whether `tasks` is an
//! array and `task` and `data` are objects. Everything else is skipped as it is read,
//! so detection allocates almost nothing, and it stops after the records it looks at.

use std::fmt;

use serde::de::{Deserialize, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::Value;

/// The parts of one record that tell its format.
#[derive(Debug, Default, PartialEq, Eq)]
pub(super) struct Shape {
    /// Its top-level keys, in order.
    pub keys: Vec<String>,
    /// The strings its `type` holds (one, or those of an array).
    pub types: Vec<String>,
    /// `tasks` is an array.
    pub tasks_array: bool,
    /// `task` is an object.
    pub task_object: bool,
    /// `data` is an object.
    pub data_object: bool,
    /// `label` is an object whose values are all objects (CLUENER's type → name →
    /// spans).
    pub label_typed_names: bool,
}

impl Shape {
    /// Whether the record has `key`.
    pub fn has(&self, key: &str) -> bool {
        self.keys.iter().any(|k| k == key)
    }
}

/// The shapes of the first `limit` records of `text` (after a byte-order mark: JSON
/// values one after another, a top-level array's elements each a record), or `None`
/// when the text is not JSON values from the start.
pub(super) fn first_shapes(text: &str, limit: usize) -> Option<Vec<Shape>> {
    let mut shapes = Vec::new();
    for top in serde_json::Deserializer::from_str(text).into_iter::<Top>() {
        match top.ok()? {
            Top::One(shape) => shapes.push(shape),
            Top::Many(many) => shapes.extend(many),
        }
        if shapes.len() >= limit {
            break;
        }
    }
    shapes.truncate(limit);
    Some(shapes)
}

/// A top-level JSON value: one record, or an array of records (at most
/// [`ARRAY_LOOK_AT`] kept; the rest are skipped).
enum Top {
    One(Shape),
    Many(Vec<Shape>),
}

/// How many elements of a top-level array are kept.
const ARRAY_LOOK_AT: usize = 50;

impl<'de> Deserialize<'de> for Top {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(TopVisitor)
    }
}

struct TopVisitor;

impl<'de> Visitor<'de> for TopVisitor {
    type Value = Top;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Top, A::Error> {
        ShapeVisitor.visit_map(map).map(Top::One)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Top, A::Error> {
        let mut shapes = Vec::new();
        while shapes.len() < ARRAY_LOOK_AT {
            match seq.next_element::<Shape>()? {
                Some(shape) => shapes.push(shape),
                None => return Ok(Top::Many(shapes)),
            }
        }
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Top::Many(shapes))
    }

    fn visit_bool<E>(self, _: bool) -> Result<Top, E> {
        Ok(Top::One(Shape::default()))
    }
    fn visit_i64<E>(self, _: i64) -> Result<Top, E> {
        Ok(Top::One(Shape::default()))
    }
    fn visit_u64<E>(self, _: u64) -> Result<Top, E> {
        Ok(Top::One(Shape::default()))
    }
    fn visit_f64<E>(self, _: f64) -> Result<Top, E> {
        Ok(Top::One(Shape::default()))
    }
    fn visit_str<E>(self, _: &str) -> Result<Top, E> {
        Ok(Top::One(Shape::default()))
    }
    fn visit_unit<E>(self) -> Result<Top, E> {
        Ok(Top::One(Shape::default()))
    }
}

impl<'de> Deserialize<'de> for Shape {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(ShapeVisitor)
    }
}

struct ShapeVisitor;

impl<'de> Visitor<'de> for ShapeVisitor {
    type Value = Shape;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Shape, A::Error> {
        let mut shape = Shape::default();
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "type" => shape.types = map.next_value::<Types>()?.0,
                "tasks" => shape.tasks_array = map.next_value::<Kind>()? == Kind::Array,
                "task" => shape.task_object = map.next_value::<Kind>()? == Kind::Object,
                "data" => shape.data_object = map.next_value::<Kind>()? == Kind::Object,
                "label" => shape.label_typed_names = map.next_value::<TypedNames>()?.0,
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
            shape.keys.push(key);
        }
        Ok(shape)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Shape, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Shape::default())
    }

    fn visit_bool<E>(self, _: bool) -> Result<Shape, E> {
        Ok(Shape::default())
    }
    fn visit_i64<E>(self, _: i64) -> Result<Shape, E> {
        Ok(Shape::default())
    }
    fn visit_u64<E>(self, _: u64) -> Result<Shape, E> {
        Ok(Shape::default())
    }
    fn visit_f64<E>(self, _: f64) -> Result<Shape, E> {
        Ok(Shape::default())
    }
    fn visit_str<E>(self, _: &str) -> Result<Shape, E> {
        Ok(Shape::default())
    }
    fn visit_unit<E>(self) -> Result<Shape, E> {
        Ok(Shape::default())
    }
}

/// The strings of a `type` value (small: read whole).
struct Types(Vec<String>);

impl<'de> Deserialize<'de> for Types {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(Types(match Value::deserialize(d)? {
            Value::String(t) => vec![t],
            Value::Array(ts) => ts
                .into_iter()
                .filter_map(|t| t.as_str().map(str::to_string))
                .collect(),
            _ => Vec::new(),
        }))
    }
}

/// Whether a value is an object of objects, their content skipped.
struct TypedNames(bool);

impl<'de> Deserialize<'de> for TypedNames {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(TypedNamesVisitor)
    }
}

struct TypedNamesVisitor;

impl<'de> Visitor<'de> for TypedNamesVisitor {
    type Value = TypedNames;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<TypedNames, A::Error> {
        let mut all_objects = true;
        while let Some((_, kind)) = map.next_entry::<IgnoredAny, Kind>()? {
            all_objects &= kind == Kind::Object;
        }
        Ok(TypedNames(all_objects))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<TypedNames, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(TypedNames(false))
    }

    fn visit_bool<E>(self, _: bool) -> Result<TypedNames, E> {
        Ok(TypedNames(false))
    }
    fn visit_i64<E>(self, _: i64) -> Result<TypedNames, E> {
        Ok(TypedNames(false))
    }
    fn visit_u64<E>(self, _: u64) -> Result<TypedNames, E> {
        Ok(TypedNames(false))
    }
    fn visit_f64<E>(self, _: f64) -> Result<TypedNames, E> {
        Ok(TypedNames(false))
    }
    fn visit_str<E>(self, _: &str) -> Result<TypedNames, E> {
        Ok(TypedNames(false))
    }
    fn visit_unit<E>(self) -> Result<TypedNames, E> {
        Ok(TypedNames(false))
    }
}

/// Which kind of JSON value, its content skipped.
#[derive(PartialEq, Eq)]
enum Kind {
    Array,
    Object,
    Other,
}

impl<'de> Deserialize<'de> for Kind {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(KindVisitor)
    }
}

struct KindVisitor;

impl<'de> Visitor<'de> for KindVisitor {
    type Value = Kind;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Kind, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(Kind::Object)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Kind, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Kind::Array)
    }

    fn visit_bool<E>(self, _: bool) -> Result<Kind, E> {
        Ok(Kind::Other)
    }
    fn visit_i64<E>(self, _: i64) -> Result<Kind, E> {
        Ok(Kind::Other)
    }
    fn visit_u64<E>(self, _: u64) -> Result<Kind, E> {
        Ok(Kind::Other)
    }
    fn visit_f64<E>(self, _: f64) -> Result<Kind, E> {
        Ok(Kind::Other)
    }
    fn visit_str<E>(self, _: &str) -> Result<Kind, E> {
        Ok(Kind::Other)
    }
    fn visit_unit<E>(self) -> Result<Kind, E> {
        Ok(Kind::Other)
    }
}
