//! What the article list of folder mode shows about one article: words, annotations,
//! pending suggestions, claims, sources and how far the work has come. Read from the
//! article and its sidecar without placing the annotations (cheap enough for a folder
//! of thousands), or from an open store.

use std::path::Path;

use super::done::Progress;
use super::model::{Annotation, Kind, Status};
use super::regular_file::read_regular_text;
use super::sidecar::{self, SidecarFile};
use super::store::Store;

/// One article's counts and progress.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Summary {
    /// Words of the article (runs of non-blank characters).
    pub words: usize,
    /// Annotations of every kind and status.
    pub annotations: usize,
    /// Suggestions waiting for review.
    pub pending: usize,
    /// Claims.
    pub claims: usize,
    /// Sources.
    pub sources: usize,
    /// Untouched, in progress or done.
    pub progress: Progress,
}

impl Summary {
    /// Reads the article at `path` (at most `max_size` bytes) and its sidecar. The
    /// sentence says what could not be read.
    pub fn read(path: &Path, max_size: u64) -> Result<Summary, String> {
        let text = read_regular_text(path, max_size).map_err(|e| e.to_string())?;
        let file = sidecar::read(&sidecar::path_for(path)).map_err(|e| e.to_string())?;
        Ok(Summary::of_file(&text, file.as_ref()))
    }

    /// The summary of an article's text and its sidecar, if it has one.
    pub fn of_file(text: &str, file: Option<&SidecarFile>) -> Summary {
        match file {
            Some(file) => Summary::count(
                text,
                file.annotations.iter(),
                file.entities.len() + file.relations.len(),
                file.done.is_some(),
            ),
            None => Summary::count(text, std::iter::empty(), 0, false),
        }
    }

    /// The summary of an article's text and its open store.
    pub fn of_store(text: &str, store: &Store) -> Summary {
        Summary::count(
            text,
            store.iter_annotations(),
            store.entities().len() + store.relations().len(),
            store.done().is_some(),
        )
    }

    fn count<'a>(
        text: &str,
        annotations: impl Iterator<Item = &'a Annotation>,
        other_items: usize,
        done: bool,
    ) -> Summary {
        let mut summary = Summary {
            words: text.split_whitespace().count(),
            annotations: 0,
            pending: 0,
            claims: 0,
            sources: 0,
            progress: Progress::Untouched,
        };
        for a in annotations {
            summary.annotations += 1;
            summary.pending += usize::from(a.status == Status::Pending);
            summary.claims += usize::from(a.kind == Kind::Claim);
            summary.sources += usize::from(a.kind == Kind::Source);
        }
        summary.progress = Progress::of(summary.annotations + other_items, done);
        summary
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::done::DoneMark;
    use crate::domain::model::Span;

    #[test]
    fn counts_kinds_pending_and_the_done_mark() {
        let mut claim = Annotation::new("a1", Kind::Claim, "factual", vec![Span::new(0, 4)]);
        claim.status = Status::Pending;
        let source = Annotation::new("a2", Kind::Source, "official", vec![Span::new(5, 9)]);
        let mut file = SidecarFile {
            annotations: vec![claim, source],
            ..SidecarFile::default()
        };
        let summary = Summary::of_file("Сказал министр  вчера", Some(&file));
        assert_eq!(
            (summary.words, summary.annotations, summary.pending),
            (3, 2, 1)
        );
        assert_eq!((summary.claims, summary.sources), (1, 1));
        assert_eq!(summary.progress, Progress::InProgress);
        file.done = Some(DoneMark {
            by: "ana".into(),
            at: "2026-01-01T00:00:00Z".into(),
        });
        assert_eq!(Summary::of_file("x", Some(&file)).progress, Progress::Done);
        assert_eq!(Summary::of_file("x", None).progress, Progress::Untouched);
    }
}
