//! Token-level labels: each token of the article gets the label of the annotation
//! covering it, or `O`.
//!
//! A token takes the label of an annotation when one of its spans covers at least one
//! of the token's characters. Where several annotations cover a token, one wins, as in
//! the CoNLL export's order: entities before sources before claims, then the one
//! starting first, then the longer, then the smaller id. The label is written
//! `kind:label` (`entity:PERSON`, `claim:factual`), so one label name of two kinds
//! stays two labels.

use std::cmp::Reverse;
use std::ops::Range;

use crate::domain::model::{Annotation, Kind};

/// The label of a token no annotation covers.
pub const OUTSIDE: &str = "O";

/// A label as agreement reports it: `kind:label`.
pub fn label_key(a: &Annotation) -> String {
    format!("{}:{}", a.kind.as_str(), a.label)
}

/// The label of each of `tokens` (ranges in order, not overlapping) given the
/// `annotations` (spans in the same unit).
pub fn token_labels(tokens: &[Range<usize>], annotations: &[&Annotation]) -> Vec<String> {
    let mut labels = vec![OUTSIDE.to_string(); tokens.len()];
    let mut ordered: Vec<&Annotation> = annotations.to_vec();
    // Paint the weakest first, so the one that wins paints last.
    ordered.sort_by_key(|a| {
        let extent = a.extent();
        Reverse((
            kind_order(a.kind),
            extent.start,
            Reverse(extent.end),
            a.id.clone(),
        ))
    });
    for a in ordered {
        let key = label_key(a);
        for span in &a.spans {
            let first = tokens.partition_point(|t| t.end <= span.start);
            let last = tokens.partition_point(|t| t.start < span.end);
            for label in labels.iter_mut().take(last).skip(first) {
                label.clone_from(&key);
            }
        }
    }
    labels
}

fn kind_order(kind: Kind) -> u8 {
    match kind {
        Kind::Entity => 0,
        Kind::Source => 1,
        Kind::Claim => 2,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::Span;

    #[test]
    fn entities_win_over_claims_and_partial_cover_counts() {
        // "Алматы said ok": tokens by byte ranges.
        let text = "Алматы said ok";
        let tokens = vec![0..12, 13..17, 18..20];
        assert_eq!(&text[0..12], "Алматы");
        let claim = Annotation::new("a2", Kind::Claim, "factual", vec![Span::new(0, 20)]);
        let place = Annotation::new("a1", Kind::Entity, "GPE", vec![Span::new(2, 6)]);
        let labels = token_labels(&tokens, &[&claim, &place]);
        assert_eq!(labels, ["entity:GPE", "claim:factual", "claim:factual"]);
        assert_eq!(token_labels(&tokens, &[]), ["O", "O", "O"]);
    }
}
