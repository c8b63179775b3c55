//! Reading records that keep the fields this version does not know. `#[serde(flatten)]`
//! does that by buffering every field of every record as a generic value and reading the
//! record a second time from the buffer, which made loading a sidecar twice as slow as
//! reading its JSON. [`deserialize_keeping_unknown!`] reads a record in one pass
//! instead: the known fields straight into their types (keys borrowed from the input
//! when they can be), the others into the record's `extra` map, in file order.

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, Deserializer, Visitor};
use serde::Deserialize;

/// A field name, borrowed from the input when it holds no escapes.
pub(crate) struct FieldName<'de>(pub(crate) Cow<'de, str>);

impl<'de> Deserialize<'de> for FieldName<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Name;
        impl<'de> Visitor<'de> for Name {
            type Value = FieldName<'de>;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a field name")
            }

            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
                Ok(FieldName(Cow::Borrowed(v)))
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(FieldName(Cow::Owned(v.to_string())))
            }

            fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
                Ok(FieldName(Cow::Owned(v)))
            }
        }
        d.deserialize_str(Name)
    }
}

/// Implements `Deserialize` for a struct with an `extra: Map<String, Value>` field that
/// takes every field not listed. Each listed field is `name: "key"` (required: a
/// missing one is serde's "missing field" error) or `name: "key" = default` (the
/// expression is used when the field is absent). A field given twice is an error, as
/// with serde's derive.
macro_rules! deserialize_keeping_unknown {
    ($ty:ident, $expecting:literal, { $($field:ident : $key:literal $(= $default:expr)?),* $(,)? }) => {
        impl<'de> serde::Deserialize<'de> for $ty {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                struct Fields;
                impl<'de> serde::de::Visitor<'de> for Fields {
                    type Value = $ty;

                    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                        f.write_str($expecting)
                    }

                    fn visit_map<A: serde::de::MapAccess<'de>>(
                        self,
                        mut map: A,
                    ) -> Result<$ty, A::Error> {
                        $(let mut $field = None;)*
                        let mut extra = serde_json::Map::new();
                        while let Some(name) =
                            map.next_key::<$crate::domain::model::unknown_fields::FieldName<'de>>()?
                        {
                            match name.0.as_ref() {
                                $($key => {
                                    if $field.is_some() {
                                        return Err(serde::de::Error::duplicate_field($key));
                                    }
                                    $field = Some(map.next_value()?);
                                })*
                                _ => {
                                    let value: serde_json::Value = map.next_value()?;
                                    extra.insert(name.0.into_owned(), value);
                                }
                            }
                        }
                        Ok($ty {
                            $($field: deserialize_keeping_unknown!(@field $field, $key $(, $default)?),)*
                            extra: extra.into(),
                        })
                    }
                }
                d.deserialize_map(Fields)
            }
        }
    };
    (@field $field:ident, $key:literal) => {
        $field.ok_or_else(|| serde::de::Error::missing_field($key))?
    };
    (@field $field:ident, $key:literal, $default:expr) => {
        $field.unwrap_or_else(|| $default)
    };
}

pub(crate) use deserialize_keeping_unknown;
