//! Which annotations of two analysts are the same: exactly (same spans), or by overlap
//! (one to one, the pairs sharing the most characters first).

use std::collections::BTreeMap;

use crate::domain::model::{Annotation, Span};

/// How much of their spans `a` and `b` share, in the spans' unit.
pub fn shared_length(a: &Annotation, b: &Annotation) -> usize {
    let mut shared = 0;
    for x in &a.spans {
        for y in &b.spans {
            shared += x.end.min(y.end).saturating_sub(x.start.max(y.start));
        }
    }
    shared
}

/// Pairs `(i, j)` of `xs[i]` and `ys[j]` that overlap, one to one: the pairs sharing
/// the most first, then in reading order (greedy, not a maximum matching).
pub fn match_by_overlap(xs: &[&Annotation], ys: &[&Annotation]) -> Vec<(usize, usize)> {
    let mut candidates = Vec::new();
    for (i, x) in xs.iter().enumerate() {
        for (j, y) in ys.iter().enumerate() {
            let shared = shared_length(x, y);
            if shared > 0 {
                candidates.push((std::cmp::Reverse(shared), i, j));
            }
        }
    }
    candidates.sort_unstable();
    let (mut x_taken, mut y_taken) = (vec![false; xs.len()], vec![false; ys.len()]);
    let mut pairs = Vec::new();
    for (_, i, j) in candidates {
        if !x_taken[i] && !y_taken[j] {
            x_taken[i] = true;
            y_taken[j] = true;
            pairs.push((i, j));
        }
    }
    pairs.sort_unstable();
    pairs
}

/// How many of `xs` and `ys` have the very same spans, each counted once.
pub fn exact_matches(xs: &[&Annotation], ys: &[&Annotation]) -> usize {
    let mut spans: BTreeMap<&[Span], isize> = BTreeMap::new();
    for x in xs {
        *spans.entry(x.spans.as_slice()).or_default() += 1;
    }
    let mut matched = 0;
    for y in ys {
        if let Some(left) = spans.get_mut(y.spans.as_slice()).filter(|left| **left > 0) {
            *left -= 1;
            matched += 1;
        }
    }
    matched
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::Kind;

    fn a(id: &str, start: usize, end: usize) -> Annotation {
        Annotation::new(id, Kind::Entity, "ORG", vec![Span::new(start, end)])
    }

    #[test]
    fn the_largest_overlap_wins_and_each_annotation_matches_once() {
        let xs = [a("x1", 0, 10), a("x2", 12, 20)];
        let ys = [a("y1", 5, 15), a("y2", 0, 4)];
        let xs: Vec<&Annotation> = xs.iter().collect();
        let ys: Vec<&Annotation> = ys.iter().collect();
        assert_eq!(match_by_overlap(&xs, &ys), vec![(0, 0)]);
        assert_eq!(exact_matches(&xs, &ys), 0);
    }

    #[test]
    fn exact_matches_count_duplicates_once_each() {
        let xs = [a("x1", 0, 4), a("x2", 0, 4)];
        let ys = [a("y1", 0, 4)];
        let xs: Vec<&Annotation> = xs.iter().collect();
        let ys: Vec<&Annotation> = ys.iter().collect();
        assert_eq!(exact_matches(&xs, &ys), 1);
    }
}
