//! Laying highlights over the article for the reports: the text cut into pieces with
//! properly nested marks around them. Annotations with the same span share one mark;
//! marks that cross (one starts inside another and ends after it) are closed and
//! reopened, so the output nests as HTML and Markdown need.

use std::cmp::Reverse;
use std::collections::BTreeSet;

use crate::domain::model::Annotation;

/// One highlighted range and the annotations on it.
#[derive(Debug)]
pub(super) struct Mark<'a> {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// The annotations with exactly this span (one piece of each).
    pub annotations: Vec<&'a Annotation>,
}

/// One step of the laid-out article.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Step {
    /// The text from `start` to `end` (bytes).
    Text(usize, usize),
    /// A mark opens (index into the marks).
    Open(usize),
    /// A mark closes; `true` when it ends here, `false` when it only closes to let a
    /// crossing mark close and opens again right after.
    Close(usize, bool),
}

/// The marks of `annotations`, one per distinct span piece, in order of start (the
/// longer first).
pub(super) fn marks<'a>(annotations: &[&'a Annotation]) -> Vec<Mark<'a>> {
    let mut marks: Vec<Mark<'a>> = Vec::new();
    let mut pieces: Vec<(usize, usize, &'a Annotation)> = annotations
        .iter()
        .flat_map(|a| a.spans.iter().map(move |s| (s.start, s.end, *a)))
        .filter(|(start, end, _)| start < end)
        .collect();
    pieces.sort_by_key(|(start, end, _)| (*start, Reverse(*end)));
    for (start, end, a) in pieces {
        match marks.last_mut() {
            Some(last) if last.start == start && last.end == end => last.annotations.push(a),
            _ => marks.push(Mark {
                start,
                end,
                annotations: vec![a],
            }),
        }
    }
    marks
}

/// The steps laying `marks` over a text of `len` bytes.
pub(super) fn lay_out(marks: &[Mark<'_>], len: usize) -> Vec<Step> {
    let mut bounds: BTreeSet<usize> = marks.iter().flat_map(|m| [m.start, m.end]).collect();
    bounds.insert(0);
    bounds.insert(len);
    let bounds: Vec<usize> = bounds.into_iter().filter(|b| *b <= len).collect();
    let mut steps = Vec::new();
    let mut open: Vec<usize> = Vec::new();
    let mut first_active = 0;
    for pair in bounds.windows(2) {
        let (from, to) = (pair[0], pair[1]);
        while first_active < marks.len() && marks[first_active].end <= from {
            first_active += 1;
        }
        let active: Vec<usize> = (first_active..marks.len())
            .take_while(|&i| marks[i].start <= from)
            .filter(|&i| marks[i].end > from)
            .collect();
        let common = open.iter().zip(&active).take_while(|(a, b)| a == b).count();
        for &i in open[common..].iter().rev() {
            steps.push(Step::Close(i, marks[i].end <= from));
        }
        for &i in &active[common..] {
            steps.push(Step::Open(i));
        }
        open = active;
        steps.push(Step::Text(from, to));
    }
    for &i in open.iter().rev() {
        steps.push(Step::Close(i, true));
    }
    steps
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::{Kind, Span};

    fn ann(id: &str, start: usize, end: usize) -> Annotation {
        Annotation::new(id, Kind::Entity, "X", vec![Span::new(start, end)])
    }

    #[test]
    fn nested_marks_open_and_close_in_order() {
        let (a, b, c) = (ann("a", 0, 10), ann("b", 2, 4), ann("c", 2, 4));
        let list = [&a, &b, &c];
        let marks = marks(&list);
        assert_eq!(marks.len(), 2);
        assert_eq!(marks[1].annotations.len(), 2);
        assert_eq!(
            lay_out(&marks, 12),
            vec![
                Step::Open(0),
                Step::Text(0, 2),
                Step::Open(1),
                Step::Text(2, 4),
                Step::Close(1, true),
                Step::Text(4, 10),
                Step::Close(0, true),
                Step::Text(10, 12),
            ]
        );
    }

    #[test]
    fn crossing_marks_close_and_reopen() {
        let (a, b) = (ann("a", 0, 4), ann("b", 2, 6));
        let list = [&a, &b];
        let steps = lay_out(&marks(&list), 6);
        assert_eq!(
            steps,
            vec![
                Step::Open(0),
                Step::Text(0, 2),
                Step::Open(1),
                Step::Text(2, 4),
                Step::Close(1, false),
                Step::Close(0, true),
                Step::Open(1),
                Step::Text(4, 6),
                Step::Close(1, true),
            ]
        );
    }
}
