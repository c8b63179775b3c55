//! Where the analyst left an article: the cursor, as a code-point offset, and the panel
//! tab, so that reopening the article comes back there. Kept in the user's state folder
//! (`$XDG_STATE_HOME/scholia/places`, `~/.local/state/scholia/places`), one small file
//! per article named after a hash of its absolute path, and never in the sidecar: moving
//! the cursor must not change a file kept in git.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use etcetera::BaseStrategy;
use serde::{Deserialize, Serialize};

use super::atomic::write_atomic;
use super::document::hex_sha256;
use super::regular_file::read_regular_text;

/// The largest place file read: a place is a few hundred bytes.
const MAX_PLACE_BYTES: u64 = 64 * 1024;

/// Where an article was left.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Place {
    /// The article's absolute path, as it was when the place was written.
    pub article: String,
    /// The cursor, in code points from the start of the article.
    pub cursor: usize,
    /// The panel tab shown, by its title ("Claims").
    pub tab: String,
}

/// The folder of place files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Places {
    dir: PathBuf,
}

impl Places {
    /// The place files in `dir` (created on the first write).
    pub fn at(dir: impl Into<PathBuf>) -> Places {
        Places { dir: dir.into() }
    }

    /// The place files in the user's state folder, if the system has one.
    pub fn in_state_dir() -> Option<Places> {
        let state = etcetera::choose_base_strategy().ok()?.state_dir()?;
        Some(Places::at(state.join("scholia").join("places")))
    }

    /// Where `article` was left, if this folder remembers it. A missing, unreadable or
    /// foreign file remembers nothing.
    pub fn recall(&self, article: &Path) -> Option<Place> {
        let (file, absolute) = self.file_for(article);
        let text = read_regular_text(&file, MAX_PLACE_BYTES).ok()?;
        let place: Place = serde_json::from_str(&text).ok()?;
        (place.article == absolute).then_some(place)
    }

    /// Remembers that `article` was left at code point `cursor` with `tab` shown.
    pub fn remember(&self, article: &Path, cursor: usize, tab: &str) -> io::Result<()> {
        let (file, absolute) = self.file_for(article);
        let place = Place {
            article: absolute,
            cursor,
            tab: tab.to_string(),
        };
        let json = serde_json::to_string_pretty(&place).map_err(io::Error::other)?;
        fs::create_dir_all(&self.dir)?;
        write_atomic(&file, format!("{json}\n").as_bytes(), false)
    }

    /// The place file of `article`, and the absolute path it is filed under.
    fn file_for(&self, article: &Path) -> (PathBuf, String) {
        let absolute = fs::canonicalize(article)
            .or_else(|_| std::path::absolute(article))
            .unwrap_or_else(|_| article.to_path_buf())
            .to_string_lossy()
            .into_owned();
        let name = hex_sha256(absolute.as_bytes());
        (self.dir.join(format!("{}.json", &name[..32])), absolute)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_place_is_recalled_for_the_same_article_only() {
        let dir = tempfile::tempdir().unwrap();
        let places = Places::at(dir.path().join("state/places"));
        let article = dir.path().join("a.txt");
        let other = dir.path().join("b.txt");
        fs::write(&article, "x").unwrap();
        fs::write(&other, "y").unwrap();
        assert_eq!(places.recall(&article), None);
        places.remember(&article, 7, "Sources").unwrap();
        let place = places.recall(&article).unwrap();
        assert_eq!((place.cursor, place.tab.as_str()), (7, "Sources"));
        assert_eq!(places.recall(&other), None);
        places.remember(&article, 9, "Claims").unwrap();
        assert_eq!(places.recall(&article).unwrap().cursor, 9, "replaced");
    }

    #[test]
    fn a_broken_place_file_remembers_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let places = Places::at(dir.path());
        let article = dir.path().join("a.txt");
        fs::write(&article, "x").unwrap();
        places.remember(&article, 1, "Claims").unwrap();
        let (file, _) = places.file_for(&article);
        fs::write(&file, "{not json").unwrap();
        assert_eq!(places.recall(&article), None);
    }
}
