//! Checks an annotation's byte spans against its article before it enters the store from
//! a file scholia did not just build itself (the recovery journal): every span must be
//! non-empty, in order, inside the text and on character boundaries, as import demands.

use super::document::Document;
use super::model::{Annotation, Status};

/// Why `annotation` cannot sit on `doc`, in one sentence; `None` when every span fits.
/// An annotation that is not an orphan needs at least one span.
pub fn misplaced(doc: &Document, annotation: &Annotation) -> Option<String> {
    let id = &annotation.id;
    if annotation.spans.is_empty() && annotation.status != Status::Orphaned {
        return Some(format!("annotation {id} has no span"));
    }
    let text = doc.text();
    let bytes = text.len();
    annotation.spans.iter().find_map(|s| {
        let (start, end) = (s.start, s.end);
        let why = if start > end {
            "ends before it starts".to_string()
        } else if start == end {
            "is empty".to_string()
        } else if end > bytes {
            format!("runs past the end of the article ({bytes} bytes)")
        } else if !text.is_char_boundary(start) || !text.is_char_boundary(end) {
            "starts or ends inside a character".to_string()
        } else {
            return None;
        };
        Some(format!("annotation {id}: span {start}–{end} (bytes) {why}"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::{Kind, Span};
    use std::path::Path;

    fn doc() -> Document {
        Document::from_text(Path::new("a.txt"), "Zoë met Ana.".to_string())
    }

    fn on(spans: Vec<Span>) -> Annotation {
        Annotation::new("a1", Kind::Entity, "PERSON", spans)
    }

    #[test]
    fn spans_on_the_text_fit() {
        assert_eq!(misplaced(&doc(), &on(vec![Span::new(0, 4)])), None);
        assert_eq!(
            misplaced(&doc(), &on(vec![Span::new(0, 4), Span::new(9, 12)])),
            None
        );
    }

    #[test]
    fn each_kind_of_bad_span_is_named() {
        let cases = [
            (Span::new(5, 2), "ends before it starts"),
            (Span::new(3, 3), "is empty"),
            (
                Span::new(9, 40),
                "runs past the end of the article (13 bytes)",
            ),
            (Span::new(0, 3), "inside a character"),
            (Span::new(3, 6), "inside a character"),
        ];
        for (span, expected) in cases {
            let why = misplaced(&doc(), &on(vec![Span::new(0, 4), span])).unwrap();
            assert!(why.contains(expected), "{span:?}: {why}");
            assert!(why.starts_with("annotation a1: span"), "{why}");
        }
    }

    #[test]
    fn only_an_orphan_may_have_no_span() {
        let mut a = on(Vec::new());
        assert!(misplaced(&doc(), &a).unwrap().contains("has no span"));
        a.status = Status::Orphaned;
        assert_eq!(misplaced(&doc(), &a), None);
    }
}
