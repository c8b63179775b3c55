//! Checks one config file's label and attribute entries and merges them into a schema.

use std::collections::HashMap;
use std::ops::Range;
use std::path::Path;

use toml::Spanned;

use super::error::ConfigError;
use super::raw::{RawAttr, RawAttrValue, RawLabel, RawLabels};
use crate::domain::schema::{AttrDef, AttrValue, LabelColor, LabelDef, LabelKind, Schema};

/// The colour of a new label whose entry gives none.
pub(super) const DEFAULT_LABEL_COLOR: &str = "gray";

/// One config file being merged: where errors point.
pub(super) struct FileMerge<'a> {
    /// The file, for messages.
    pub path: &'a Path,
    /// Its text, to turn byte spans into lines and columns.
    pub text: &'a str,
}

impl FileMerge<'_> {
    fn error(&self, span: Range<usize>, message: String) -> ConfigError {
        ConfigError::at(self.path, self.text, span, message)
    }

    /// Merges `[labels]` into `schema`: per list, `replace` drops the list so far;
    /// an entry naming an existing label updates the fields it gives.
    pub fn apply_labels(
        &self,
        schema: &mut Schema,
        mut labels: RawLabels,
    ) -> Result<(), ConfigError> {
        for kind in LabelKind::ALL {
            if let Some(entries) = labels.take(kind) {
                let list = schema.labels_mut(kind);
                if labels.replace {
                    list.clear();
                }
                self.apply_label_list(list, kind, entries)?;
            }
        }
        Ok(())
    }

    fn apply_label_list(
        &self,
        list: &mut Vec<LabelDef>,
        kind: LabelKind,
        entries: Vec<RawLabel>,
    ) -> Result<(), ConfigError> {
        let noun = kind.noun();
        // Where each label this file touches is written: its key if given, else its name.
        let mut written: HashMap<String, Range<usize>> = HashMap::new();
        for entry in entries {
            let name = entry.name.get_ref().clone();
            self.check_name(&entry.name, noun)?;
            if written.contains_key(&name) {
                return Err(self.error(
                    entry.name.span(),
                    format!("{noun} {name} is defined twice in this file"),
                ));
            }
            let what = format!("{noun} {name}");
            let key = entry
                .key
                .as_ref()
                .map(|k| self.parse_key(k, &what))
                .transpose()?;
            let color = entry
                .color
                .as_ref()
                .map(|c| self.parse_color(c, &what))
                .transpose()?;
            match list.iter_mut().find(|l| l.name == name) {
                Some(existing) => {
                    if let Some(key) = key {
                        existing.key = key;
                    }
                    if let Some(color) = color {
                        existing.color = color;
                    }
                    if let Some(description) = entry.description {
                        existing.description = description;
                    }
                }
                None => list.push(LabelDef {
                    name: name.clone(),
                    key: key.flatten(),
                    color: color.unwrap_or_else(|| DEFAULT_LABEL_COLOR.to_string()),
                    description: entry.description.unwrap_or_default(),
                }),
            }
            let span = entry.key.as_ref().map_or(entry.name.span(), Spanned::span);
            written.insert(name, span);
        }
        let keyed = list.iter().map(|l| (l.name.as_str(), l.key));
        self.check_unique_keys(keyed, &written, noun)
    }

    /// Merges `[[attributes]]` into `schema`: an entry naming an existing attribute
    /// updates its description and, if given, replaces its values.
    pub fn apply_attributes(
        &self,
        schema: &mut Schema,
        entries: Vec<RawAttr>,
    ) -> Result<(), ConfigError> {
        let mut written: HashMap<String, Range<usize>> = HashMap::new();
        for entry in entries {
            let name = entry.name.get_ref().clone();
            self.check_name(&entry.name, "attribute")?;
            if written.contains_key(&name) {
                return Err(self.error(
                    entry.name.span(),
                    format!("attribute {name} is defined twice in this file"),
                ));
            }
            let values = entry
                .values
                .map(|v| self.attr_values(&name, v))
                .transpose()?;
            match schema.attributes.iter_mut().find(|a| a.name == name) {
                Some(existing) => {
                    if let Some(description) = entry.description {
                        existing.description = description;
                    }
                    if let Some(values) = values {
                        existing.values = values;
                    }
                }
                None => schema.attributes.push(AttrDef {
                    name: name.clone(),
                    description: entry.description.unwrap_or_default(),
                    values: values.unwrap_or_default(),
                }),
            }
            written.insert(name, entry.name.span());
        }
        Ok(())
    }

    fn attr_values(
        &self,
        attr: &str,
        raw: Vec<RawAttrValue>,
    ) -> Result<Vec<AttrValue>, ConfigError> {
        let noun = format!("{attr} value");
        let mut written: HashMap<String, Range<usize>> = HashMap::new();
        let mut values = Vec::with_capacity(raw.len());
        for entry in raw {
            let value = entry.value.get_ref().clone();
            self.check_name(&entry.value, &noun)?;
            if written.contains_key(&value) {
                return Err(self.error(
                    entry.value.span(),
                    format!("{noun} {value} is listed twice"),
                ));
            }
            let what = format!("{noun} {value}");
            let key = entry
                .key
                .as_ref()
                .map(|k| self.parse_key(k, &what))
                .transpose()?;
            let span = entry.key.as_ref().map_or(entry.value.span(), Spanned::span);
            written.insert(value.clone(), span);
            values.push(AttrValue {
                value,
                key: key.flatten(),
                description: entry.description.unwrap_or_default(),
            });
        }
        let keyed = values.iter().map(|v| (v.value.as_str(), v.key));
        self.check_unique_keys(keyed, &written, &noun)?;
        Ok(values)
    }

    /// A label, attribute or value name must be non-empty, with no spaces or control
    /// characters (brat and most NLP formats cannot hold them).
    fn check_name(&self, name: &Spanned<String>, noun: &str) -> Result<(), ConfigError> {
        let text = name.get_ref();
        let problem = if text.is_empty() {
            "is empty"
        } else if text.chars().any(char::is_whitespace) {
            "contains a space"
        } else if text.chars().any(char::is_control) {
            "contains a control character"
        } else {
            return Ok(());
        };
        Err(self.error(
            name.span(),
            format!("{noun} name {text:?} {problem}; names must be non-empty, without spaces or control characters"),
        ))
    }

    /// A key is a one-character string (`"1"`, `"p"`), a digit 0–9 written as a
    /// number, or `""` for no key (`Some(None)`).
    fn parse_key(
        &self,
        raw: &Spanned<toml::Value>,
        what: &str,
    ) -> Result<Option<char>, ConfigError> {
        match raw.get_ref() {
            toml::Value::String(s) if s.is_empty() => return Ok(None),
            toml::Value::String(s) => {
                let mut chars = s.chars();
                if let (Some(c), None) = (chars.next(), chars.next()) {
                    if !c.is_whitespace() && !c.is_control() {
                        return Ok(Some(c));
                    }
                }
            }
            toml::Value::Integer(i) => {
                if let Some(c) = u32::try_from(*i).ok().and_then(|d| char::from_digit(d, 10)) {
                    return Ok(Some(c));
                }
            }
            _ => {}
        }
        Err(self.error(
            raw.span(),
            format!(
                "key {} for {what} must be a single character such as \"1\" or \"p\" (or \"\" for no key)",
                raw.get_ref()
            ),
        ))
    }

    /// A colour name or `#rrggbb`, returned in its canonical spelling.
    fn parse_color(&self, raw: &Spanned<String>, what: &str) -> Result<String, ConfigError> {
        match LabelColor::parse(raw.get_ref()) {
            Some(color) => Ok(color.to_string()),
            None => Err(self.error(
                raw.span(),
                format!(
                    "unknown colour {:?} for {what} (use a name like \"blue\" or \"#rrggbb\")",
                    raw.get_ref()
                ),
            )),
        }
    }

    /// Fails on the first key two items share, pointing at the one this file wrote.
    fn check_unique_keys<'n>(
        &self,
        items: impl Iterator<Item = (&'n str, Option<char>)>,
        written: &HashMap<String, Range<usize>>,
        noun: &str,
    ) -> Result<(), ConfigError> {
        let mut owner: HashMap<char, &str> = HashMap::new();
        for (name, key) in items {
            let Some(key) = key else { continue };
            if let Some(first) = owner.get(&key).copied() {
                let (culprit, other) = if written.contains_key(name) {
                    (name, first)
                } else {
                    (first, name)
                };
                let span = written.get(culprit).cloned().unwrap_or(0..0);
                return Err(self.error(
                    span,
                    format!(
                        "key {:?} of {noun} {culprit} is already used by {noun} {other}",
                        key.to_string()
                    ),
                ));
            }
            owner.insert(key, name);
        }
        Ok(())
    }
}
