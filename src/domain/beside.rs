//! The files scholia keeps next to an article (sidecar, journal, lock) are named by
//! adding a suffix to the article's own file name.

use std::path::{Path, PathBuf};

/// The path of the file kept next to `article` under `suffix`: `a.txt` + `.scholia.json`
/// is `a.txt.scholia.json`, in the article's folder.
pub fn beside(article: &Path, suffix: &str) -> PathBuf {
    let mut name = article.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_suffix_follows_the_whole_file_name() {
        let article = Path::new("notes").join("día 1.txt");
        assert_eq!(
            beside(&article, ".scholia.json"),
            Path::new("notes").join("día 1.txt.scholia.json")
        );
    }
}
