//! Configuration errors: one sentence naming the file, the line and column, and what
//! is wrong.

use std::ops::Range;
use std::path::{Path, PathBuf};

use crate::domain::char_boundary::floor_char_boundary;

/// Why a configuration file could not be used.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The file could not be read (missing, unreadable, a directory, ...).
    #[error("cannot read config file {}: {source}", display_path(path))]
    Read {
        /// The file.
        path: PathBuf,
        /// What the operating system said.
        source: std::io::Error,
    },
    /// The file is larger than any sensible configuration.
    #[error(
        "config file {} is {size} bytes, more than the {limit}-byte limit for a config file",
        display_path(path)
    )]
    TooLarge {
        /// The file.
        path: PathBuf,
        /// Its size in bytes.
        size: u64,
        /// The largest size accepted.
        limit: u64,
    },
    /// The file is not valid TOML, or holds something scholia does not accept.
    #[error("{}:{line}:{column}: {message}", display_path(path))]
    Invalid {
        /// The file.
        path: PathBuf,
        /// Line of the problem, counted from 1.
        line: usize,
        /// Column of the problem in characters, counted from 1.
        column: usize,
        /// What is wrong, and where useful what to write instead.
        message: String,
    },
}

impl ConfigError {
    /// An [`ConfigError::Invalid`] at byte offset `span.start` of `text`, the content
    /// of `path`.
    pub(super) fn at(path: &Path, text: &str, span: Range<usize>, message: String) -> Self {
        let (line, column) = line_column(text, span.start);
        ConfigError::Invalid {
            path: path.to_path_buf(),
            line,
            column,
            message,
        }
    }

    /// A [`ConfigError::Invalid`] from a TOML parse or deserialisation error.
    pub(super) fn from_toml(path: &Path, text: &str, error: &toml::de::Error) -> Self {
        let span = error.span().unwrap_or(0..0);
        let message = error
            .message()
            .trim()
            .trim_end_matches('.')
            .replace('\n', " ")
            .replace("expected a sequence", "expected an array of tables")
            .replace("expected a map", "expected a table");
        ConfigError::at(path, text, span, message)
    }
}

/// The 1-based line and 1-based character column of byte `offset` in `text`. An offset
/// past the end or inside a character counts as the nearest character boundary before it.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..floor_char_boundary(text, offset)];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

/// `path` as shown in messages: the home folder written `~`.
fn display_path(path: &Path) -> String {
    match etcetera::home_dir() {
        Ok(home) => shorten_home(path, &home),
        Err(_) => path.display().to_string(),
    }
}

/// `path` with a leading `home` written `~`.
fn shorten_home(path: &Path, home: &Path) -> String {
    match path.strip_prefix(home) {
        Ok(rest) if !home.as_os_str().is_empty() && home != Path::new("/") => {
            Path::new("~").join(rest).display().to_string()
        }
        _ => path.display().to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_column_counts_lines_and_characters() {
        let text = "a = 1\nbé = \"x\"\n";
        assert_eq!(line_column(text, 0), (1, 1));
        assert_eq!(line_column(text, 6), (2, 1));
        // "bé = " is 6 bytes but 5 characters.
        assert_eq!(line_column(text, 12), (2, 6));
        assert_eq!(line_column(text, 8), (2, 2), "inside é: start of é");
        assert_eq!(line_column(text, 999), (3, 1));
    }

    #[test]
    fn home_is_shortened() {
        let home = Path::new("/home/ana");
        assert_eq!(
            shorten_home(Path::new("/home/ana/.config/scholia/config.toml"), home),
            "~/.config/scholia/config.toml"
        );
        assert_eq!(shorten_home(Path::new("/srv/x.toml"), home), "/srv/x.toml");
        assert_eq!(
            shorten_home(Path::new("/srv/x.toml"), Path::new("/")),
            "/srv/x.toml"
        );
    }
}
