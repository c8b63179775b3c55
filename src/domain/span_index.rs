//! An index of annotation spans for "which annotations touch this byte range" queries,
//! fast enough to render every frame with 100k annotations.

use std::sync::Arc;

use super::model::Annotation;

/// Spans sorted by start, with the running maximum of their ends, so a query is a binary
/// search plus a walk over the spans that can still reach the range.
#[derive(Debug, Default)]
pub struct SpanIndex {
    /// (start, end, annotation), sorted by start, then end, then the annotation's id.
    /// The annotation is shared with the store (the id is not copied); it is the
    /// version indexed, whose id and spans are those of the store's as long as the
    /// index is kept.
    entries: Vec<(usize, usize, Arc<Annotation>)>,
    /// `max_end[i]` = the largest end among `entries[..=i]`.
    max_end: Vec<usize>,
}

impl SpanIndex {
    /// Builds the index over every span of every annotation.
    pub fn build<'a>(annotations: impl Iterator<Item = &'a Arc<Annotation>>) -> Self {
        let mut entries: Vec<(usize, usize, Arc<Annotation>)> =
            Vec::with_capacity(annotations.size_hint().0);
        for a in annotations {
            entries.extend(a.spans.iter().map(|s| (s.start, s.end, Arc::clone(a))));
        }
        entries.shrink_to_fit();
        entries.sort_unstable_by(|(s1, e1, a1), (s2, e2, a2)| {
            (s1, e1, a1.id.as_str()).cmp(&(s2, e2, a2.id.as_str()))
        });
        let mut max_end = Vec::with_capacity(entries.len());
        let mut running = 0;
        for &(_, end, _) in &entries {
            running = running.max(end);
            max_end.push(running);
        }
        SpanIndex { entries, max_end }
    }

    /// Ids of annotations with a span intersecting `start..end`, in order of span start,
    /// each id once.
    pub fn intersecting(&self, start: usize, end: usize) -> Vec<&str> {
        let hi = self.entries.partition_point(|e| e.0 < end.max(start + 1));
        let mut found: Vec<(usize, &str)> = Vec::new();
        let mut i = hi;
        while i > 0 {
            i -= 1;
            if self.max_end[i] <= start {
                break;
            }
            let (s, e, ref a) = self.entries[i];
            if e > start || (s == e && s == start) {
                found.push((s, a.id.as_str()));
            }
        }
        found.reverse();
        let mut seen = std::collections::HashSet::new();
        found
            .into_iter()
            .filter(|(_, id)| seen.insert(*id))
            .map(|(_, id)| id)
            .collect()
    }

    /// The first span starting strictly after `byte`: (start, id).
    pub fn next_start_after(&self, byte: usize) -> Option<(usize, &str)> {
        let i = self.entries.partition_point(|e| e.0 <= byte);
        self.entries.get(i).map(|e| (e.0, e.2.id.as_str()))
    }

    /// The spans starting exactly at `byte`: (end, id), shortest first.
    pub fn starting_at(&self, byte: usize) -> impl Iterator<Item = (usize, &str)> {
        let from = self.entries.partition_point(|e| e.0 < byte);
        self.entries[from..]
            .iter()
            .take_while(move |e| e.0 == byte)
            .map(|e| (e.1, e.2.id.as_str()))
    }

    /// The last span starting strictly before `byte`: (start, id).
    pub fn prev_start_before(&self, byte: usize) -> Option<(usize, &str)> {
        let i = self.entries.partition_point(|e| e.0 < byte);
        i.checked_sub(1)
            .map(|i| (self.entries[i].0, self.entries[i].2.id.as_str()))
    }

    /// Every annotation id in reading order (by first span start), each once.
    pub fn ids_in_order(&self) -> Vec<&str> {
        let mut seen = std::collections::HashSet::new();
        self.entries
            .iter()
            .filter(|e| seen.insert(e.2.id.as_str()))
            .map(|e| e.2.id.as_str())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::{Kind, Span};
    use proptest::prelude::*;

    fn ann(id: usize, spans: &[(usize, usize)]) -> Arc<Annotation> {
        Arc::new(Annotation::new(
            format!("a{id}"),
            Kind::Entity,
            "ORG",
            spans.iter().map(|&(s, e)| Span::new(s, e)).collect(),
        ))
    }

    #[test]
    fn finds_overlapping_nested_and_discontinuous_spans() {
        let anns = [
            ann(1, &[(0, 100)]),
            ann(2, &[(10, 20)]),
            ann(3, &[(30, 40), (60, 70)]),
            ann(4, &[(200, 210)]),
        ];
        let index = SpanIndex::build(anns.iter());
        assert_eq!(index.intersecting(15, 16), vec!["a1", "a2"]);
        assert_eq!(index.intersecting(45, 50), vec!["a1"]);
        assert_eq!(index.intersecting(65, 300), vec!["a1", "a3", "a4"]);
        assert_eq!(index.intersecting(100, 200), Vec::<&str>::new());
        assert_eq!(index.next_start_after(10), Some((30, "a3")));
        assert_eq!(index.prev_start_before(30), Some((10, "a2")));
        assert_eq!(index.starting_at(30).collect::<Vec<_>>(), vec![(40, "a3")]);
        assert_eq!(index.starting_at(31).count(), 0);
        assert_eq!(index.ids_in_order(), vec!["a1", "a2", "a3", "a4"]);
    }

    proptest! {
        #[test]
        fn agrees_with_a_linear_scan(
            spans in prop::collection::vec((0usize..500, 1usize..60), 0..80),
            q in (0usize..560, 1usize..80),
        ) {
            let anns: Vec<Arc<Annotation>> = spans
                .iter()
                .enumerate()
                .map(|(i, &(s, l))| ann(i, &[(s, s + l)]))
                .collect();
            let index = SpanIndex::build(anns.iter());
            let (qs, qe) = (q.0, q.0 + q.1);
            let mut got: Vec<&str> = index.intersecting(qs, qe);
            got.sort();
            let mut want: Vec<&str> = anns
                .iter()
                .filter(|a| a.intersects(qs, qe))
                .map(|a| a.id.as_str())
                .collect();
            want.sort();
            prop_assert_eq!(got, want);
        }
    }
}
