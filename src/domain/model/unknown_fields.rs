//! Reading records that keep the fields this version does not know. `#[serde(flatten)]`
//! does that by buffering every field of every record as a generic value and reading the
//! record a second time from the buffer, which made loading a sidecar twice as slow as
//! reading its JSON. [`deserialize_keeping_unknown!`] reads a record in one pass
//! instead: the known fields straight into their types (keys borrowed from the input
//! when they can be, or copied into a small buffer when a reader gives them only for a
//! moment: no allocation per key), the others into the record's `extra` map, in file order.

use std::fmt;

use serde::de::{self, Deserializer, Visitor};
use serde::Deserialize;

/// A field name: borrowed from the input when it holds no escapes, copied without an
/// allocation when it is short (a reader gives every name only for a moment), owned
/// otherwise.
pub(crate) enum FieldName<'de> {
    /// Borrowed from the input.
    Borrowed(&'de str),
    /// Copied into a small buffer: the first `len` bytes.
    Short { len: usize, bytes: [u8; SHORT] },
    /// Too long for the buffer.
    Owned(String),
}

/// The longest name held without an allocation.
const SHORT: usize = 24;

impl FieldName<'_> {
    /// The name.
    pub(crate) fn as_str(&self) -> &str {
        match self {
            FieldName::Borrowed(name) => name,
            FieldName::Short { len, bytes } => std::str::from_utf8(&bytes[..*len]).unwrap_or(""),
            FieldName::Owned(name) => name,
        }
    }

    /// The name, owned.
    pub(crate) fn into_owned(self) -> String {
        match self {
            FieldName::Owned(name) => name,
            other => other.as_str().to_string(),
        }
    }
}

impl<'de> Deserialize<'de> for FieldName<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Name;
        impl<'de> Visitor<'de> for Name {
            type Value = FieldName<'de>;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a field name")
            }

            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Self::Value, E> {
                Ok(FieldName::Borrowed(v))
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
                if v.len() > SHORT {
                    return Ok(FieldName::Owned(v.to_string()));
                }
                let mut bytes = [0; SHORT];
                bytes[..v.len()].copy_from_slice(v.as_bytes());
                Ok(FieldName::Short {
                    len: v.len(),
                    bytes,
                })
            }

            fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
                Ok(FieldName::Owned(v))
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
                            match name.as_str() {
                                $($key => {
                                    if $field.is_some() {
                                        return Err(serde::de::Error::duplicate_field($key));
                                    }
                                    $field = Some(map.next_value()?);
                                })*
                                _ => {
                                    let value: serde_json::Value = map.next_value()?;
                                    extra.insert(name.into_owned(), value);
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

#[cfg(test)]
mod tests {
    use crate::domain::model::Quote;

    /// A reader gives each name only for a moment: short ones are copied without an
    /// allocation, long ones owned, and both kept as they were.
    #[test]
    fn names_from_a_reader_are_kept_short_or_long() {
        let json = r#"{"exact": "Ахмед", "seen": 1, "a_field_name_longer_than_the_buffer": 2}"#;
        let from_reader: Quote = serde_json::from_reader(json.as_bytes()).unwrap();
        let from_text: Quote = serde_json::from_str(json).unwrap();
        assert_eq!(from_reader, from_text);
        assert_eq!(from_reader.exact, "Ахмед");
        let names: Vec<&str> = from_reader.extra.keys().map(String::as_str).collect();
        assert_eq!(names, ["seen", "a_field_name_longer_than_the_buffer"]);
    }
}
