//! The spans of a suggestion. Almost every suggestion covers one span, held inline so
//! that making it allocates nothing; a discontinuous claim (both sides of an "according
//! to") keeps its spans in a list of their own. Reads as a slice of spans.

use std::cmp::Ordering;
use std::ops::Deref;

use crate::domain::model::Span;

/// One span inline, or several in a list.
#[derive(Debug, Clone)]
pub struct Spans(Repr);

#[derive(Debug, Clone)]
enum Repr {
    One(Span),
    Many(Vec<Span>),
}

impl Spans {
    /// From the first span's start to the last span's end (empty at 0 when there is no
    /// span).
    pub fn extent(&self) -> Span {
        match &**self {
            [one] => *one,
            spans => {
                let start = spans.iter().map(|s| s.start).min().unwrap_or(0);
                let end = spans.iter().map(|s| s.end).max().unwrap_or(start);
                Span::new(start, end)
            }
        }
    }

    /// The spans moved `by` bytes on: the spans of a piece of a text, placed in the
    /// whole text.
    pub(crate) fn shifted(self, by: usize) -> Spans {
        let shift = |s: Span| Span::new(s.start + by, s.end + by);
        match self.0 {
            Repr::One(span) => Spans(Repr::One(shift(span))),
            Repr::Many(spans) => Spans(Repr::Many(spans.into_iter().map(shift).collect())),
        }
    }

    /// The spans as a list, for an annotation (which keeps a list of its own).
    pub fn into_vec(self) -> Vec<Span> {
        match self.0 {
            Repr::One(span) => vec![span],
            Repr::Many(spans) => spans,
        }
    }
}

impl Deref for Spans {
    type Target = [Span];

    fn deref(&self) -> &[Span] {
        match &self.0 {
            Repr::One(span) => std::slice::from_ref(span),
            Repr::Many(spans) => spans,
        }
    }
}

impl From<Span> for Spans {
    fn from(span: Span) -> Self {
        Spans(Repr::One(span))
    }
}

impl From<Vec<Span>> for Spans {
    /// A list of one span is held inline.
    fn from(spans: Vec<Span>) -> Self {
        match spans.as_slice() {
            [span] => Spans(Repr::One(*span)),
            _ => Spans(Repr::Many(spans)),
        }
    }
}

impl<'a> IntoIterator for &'a Spans {
    type Item = &'a Span;
    type IntoIter = std::slice::Iter<'a, Span>;

    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

impl PartialEq for Spans {
    fn eq(&self, other: &Self) -> bool {
        **self == **other
    }
}

impl Eq for Spans {}

impl PartialEq<[Span]> for Spans {
    fn eq(&self, other: &[Span]) -> bool {
        **self == *other
    }
}

impl<const N: usize> PartialEq<[Span; N]> for Spans {
    fn eq(&self, other: &[Span; N]) -> bool {
        **self == *other
    }
}

impl PartialOrd for Spans {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Spans {
    /// As the lists of spans compare.
    fn cmp(&self, other: &Self) -> Ordering {
        (**self).cmp(&**other)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_extent_runs_from_the_first_start_to_the_last_end() {
        assert_eq!(Spans::from(Span::new(4, 9)).extent(), Span::new(4, 9));
        let many = Spans::from(vec![Span::new(20, 25), Span::new(3, 8)]);
        assert_eq!(many.extent(), Span::new(3, 25));
        assert_eq!(Spans::from(Vec::new()).extent(), Span::new(0, 0));
    }

    #[test]
    fn one_span_or_many_read_as_a_list() {
        let one = Spans::from(Span::new(1, 2));
        assert_eq!(one, [Span::new(1, 2)]);
        assert_eq!(Spans::from(vec![Span::new(1, 2)]), one);
        let two = Spans::from(vec![Span::new(1, 2), Span::new(4, 5)]);
        assert_eq!(two.len(), 2);
        assert!(one < two);
        assert_eq!(two.clone().into_vec(), [Span::new(1, 2), Span::new(4, 5)]);
        assert_eq!(one.into_vec(), [Span::new(1, 2)]);
        assert_eq!(
            std::mem::size_of::<Spans>(),
            std::mem::size_of::<Vec<Span>>()
        );
    }
}
