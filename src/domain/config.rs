//! scholia's TOML configuration: the annotator's name, the label schema (extending or
//! replacing the default one) and the raw `[keys]`, `[ui]`, `[extract]` and `[review]` tables other modules
//! read.
//!
//! Files are read in order, a later one overriding an earlier one: the user's
//! `config.toml` (in `scholia/` under the XDG config folder, or the file
//! `SCHOLIA_CONFIG` names), then the project's `.scholia.toml` nearest the article.
//! The format is documented in `docs/config.md`.

pub mod annotator;
mod error;
mod merge;
mod raw;
mod sources;

use std::path::{Path, PathBuf};

use serde::Deserialize;

use self::merge::FileMerge;
use self::raw::{RawConfig, TOP_LEVEL_KEYS};
use crate::domain::regular_file::{read_regular, ReadError};
use crate::domain::schema::Schema;

pub use error::{line_column, ConfigError};
pub use sources::{
    find_project_file, ConfigEnv, ConfigSources, APP_DIR_NAME, CONFIG_ENV_VAR,
    NO_USER_CONFIG_ENV_VAR, PROJECT_FILE_NAME, USER_FILE_NAME,
};

/// The largest config file accepted, in bytes.
pub const MAX_CONFIG_BYTES: u64 = 1024 * 1024;

/// The configuration in force: the defaults with every config file merged in.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    /// `annotator`: the name written on annotations and in the lock file, if a file
    /// gives one (see [`annotator::annotator_name`]).
    pub annotator: Option<String>,
    /// The label schema.
    pub schema: Schema,
    /// `[keys]`: the keymap, read by the workbench.
    pub keys: toml::Table,
    /// `[ui]`: display settings.
    pub ui: toml::Table,
    /// `[extract]`: pre-extraction settings (gazetteers, rules).
    pub extract: toml::Table,
    /// `[review]`: review settings.
    pub review: toml::Table,
    /// The files merged, in order.
    pub sources: Vec<PathBuf>,
}

impl Default for Config {
    /// The default schema, empty tables, no files.
    fn default() -> Self {
        Config {
            annotator: None,
            schema: Schema::default(),
            keys: toml::Table::new(),
            ui: toml::Table::new(),
            extract: toml::Table::new(),
            review: toml::Table::new(),
            sources: Vec::new(),
        }
    }
}

impl Config {
    /// The defaults with the files of `sources` merged in, in order. Every file named
    /// must exist.
    pub fn load(sources: &ConfigSources) -> Result<Config, ConfigError> {
        let mut config = Config::default();
        for file in sources.files() {
            config.merge_file(file)?;
        }
        Ok(config)
    }

    /// Reads the config file `path` and merges it into this configuration.
    pub fn merge_file(&mut self, path: &Path) -> Result<(), ConfigError> {
        let bytes = read_regular(path, MAX_CONFIG_BYTES).map_err(|e| match e {
            ReadError::TooLarge { size, limit } => ConfigError::TooLarge {
                path: path.to_path_buf(),
                size,
                limit,
            },
            ReadError::Io(source) => ConfigError::Read {
                path: path.to_path_buf(),
                source,
            },
            not_regular @ ReadError::NotRegular(_) => ConfigError::Read {
                path: path.to_path_buf(),
                source: std::io::Error::new(
                    std::io::ErrorKind::InvalidInput,
                    not_regular.to_string(),
                ),
            },
        })?;
        let text = match String::from_utf8(bytes) {
            Ok(text) => text,
            Err(e) => {
                let valid = e.utf8_error().valid_up_to();
                let prefix = String::from_utf8_lossy(&e.as_bytes()[..valid]);
                return Err(ConfigError::at(
                    path,
                    &prefix,
                    valid..valid,
                    "the file is not UTF-8 text".to_string(),
                ));
            }
        };
        self.merge_text(path, &text)
    }

    /// Merges the config text `text`, read from `path` (used in messages), into this
    /// configuration. On error the configuration is unchanged.
    pub fn merge_text(&mut self, path: &Path, text: &str) -> Result<(), ConfigError> {
        let table =
            toml::de::DeTable::parse(text).map_err(|e| ConfigError::from_toml(path, text, &e))?;
        let unknown = table
            .get_ref()
            .keys()
            .filter(|k| !TOP_LEVEL_KEYS.contains(&k.get_ref().as_ref()))
            .min_by_key(|k| k.span().start);
        if let Some(key) = unknown {
            return Err(ConfigError::at(
                path,
                text,
                key.span(),
                format!(
                    "unknown setting {:?} (a config file has only annotator, [labels], [[attributes]], [keys], [ui], [extract] and [review])",
                    key.get_ref()
                ),
            ));
        }
        let raw = RawConfig::deserialize(toml::de::Deserializer::from(table))
            .map_err(|e| ConfigError::from_toml(path, text, &e))?;

        let annotator = match raw.annotator {
            Some(name) if name.get_ref().trim().is_empty() => {
                return Err(ConfigError::at(
                    path,
                    text,
                    name.span(),
                    "annotator is empty: give a name, or leave the setting out".to_string(),
                ))
            }
            Some(name) => Some(name.into_inner().trim().to_string()),
            None => self.annotator.clone(),
        };
        let file = FileMerge { path, text };
        let mut schema = self.schema.clone();
        if let Some(labels) = raw.labels {
            file.apply_labels(&mut schema, labels)?;
        }
        if let Some(attributes) = raw.attributes {
            file.apply_attributes(&mut schema, attributes)?;
        }
        self.schema = schema;
        self.annotator = annotator;
        for (target, layer) in [
            (&mut self.keys, raw.keys),
            (&mut self.ui, raw.ui),
            (&mut self.extract, raw.extract),
            (&mut self.review, raw.review),
        ] {
            if let Some(layer) = layer {
                merge_tables(target, layer);
            }
        }
        self.sources.push(path.to_path_buf());
        Ok(())
    }
}

/// Merges `layer` into `base`: tables in both are merged key by key, any other value in
/// `layer` replaces the one in `base`.
fn merge_tables(base: &mut toml::Table, layer: toml::Table) {
    for (key, value) in layer {
        match (base.get_mut(&key), value) {
            (Some(toml::Value::Table(inner)), toml::Value::Table(layer_inner)) => {
                merge_tables(inner, layer_inner);
            }
            (_, value) => {
                base.insert(key, value);
            }
        }
    }
}

#[cfg(test)]
mod tests;
