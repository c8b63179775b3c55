//! Cohen's κ (two raters, optionally weighted) and Fleiss' κ (any fixed number of
//! raters), computed as scikit-learn's `cohen_kappa_score` and statsmodels'
//! `fleiss_kappa` compute them. `None` where those return NaN (no variation to compare:
//! the expected disagreement is zero).

use std::collections::BTreeMap;

/// How a disagreement between two categories of an ordered scale is weighted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Weights {
    /// Every disagreement counts 1 (plain κ).
    Unweighted,
    /// A disagreement counts the distance between the two positions on the scale.
    Linear,
    /// A disagreement counts the square of that distance.
    Quadratic,
}

impl Weights {
    fn of(self, i: usize, j: usize) -> f64 {
        let d = i.abs_diff(j) as f64;
        match self {
            Weights::Unweighted => f64::from(u8::from(i != j)),
            Weights::Linear => d,
            Weights::Quadratic => d * d,
        }
    }
}

/// Cohen's κ of the paired ratings `pairs`. `scale` orders the categories (it matters
/// for weights only); without one the categories seen, sorted, are the scale. Pairs
/// holding a category outside `scale` are left out, as scikit-learn's `labels` does.
pub fn cohen_kappa(
    pairs: &[(&str, &str)],
    scale: Option<&[&str]>,
    weights: Weights,
) -> Option<f64> {
    let categories: Vec<&str> = match scale {
        Some(scale) => scale.to_vec(),
        None => {
            let mut seen: Vec<&str> = pairs.iter().flat_map(|&(a, b)| [a, b]).collect();
            seen.sort_unstable();
            seen.dedup();
            seen
        }
    };
    let index: BTreeMap<&str, usize> = categories
        .iter()
        .enumerate()
        .map(|(i, &c)| (c, i))
        .collect();
    let k = categories.len();
    let mut confusion = vec![vec![0f64; k]; k];
    for (a, b) in pairs {
        if let (Some(&i), Some(&j)) = (index.get(a), index.get(b)) {
            confusion[i][j] += 1.0;
        }
    }
    let rows: Vec<f64> = confusion.iter().map(|r| r.iter().sum()).collect();
    let cols: Vec<f64> = (0..k)
        .map(|j| confusion.iter().map(|r| r[j]).sum())
        .collect();
    let total: f64 = rows.iter().sum();
    if total == 0.0 {
        return None;
    }
    let (mut observed, mut expected) = (0.0, 0.0);
    for i in 0..k {
        for j in 0..k {
            let w = weights.of(i, j);
            observed += w * confusion[i][j];
            expected += w * rows[i] * cols[j] / total;
        }
    }
    (expected != 0.0).then(|| 1.0 - observed / expected)
}

/// Fleiss' κ of `items`, each the categories its raters gave (every item the same
/// number of raters, at least two).
pub fn fleiss_kappa(items: &[Vec<&str>]) -> Option<f64> {
    let raters = items.first()?.len();
    if raters < 2 || items.iter().any(|i| i.len() != raters) {
        return None;
    }
    let mut category_totals: BTreeMap<&str, f64> = BTreeMap::new();
    let mut agreement_sum = 0.0;
    let n = raters as f64;
    for item in items {
        let mut counts: BTreeMap<&str, f64> = BTreeMap::new();
        for &c in item {
            *counts.entry(c).or_default() += 1.0;
            *category_totals.entry(c).or_default() += 1.0;
        }
        let squares: f64 = counts.values().map(|c| c * c).sum();
        agreement_sum += (squares - n) / (n * (n - 1.0));
    }
    let observed = agreement_sum / items.len() as f64;
    let all = n * items.len() as f64;
    let expected: f64 = category_totals
        .values()
        .map(|t| (t / all) * (t / all))
        .sum();
    (expected != 1.0).then(|| (observed - expected) / (1.0 - expected))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn perfect_agreement_is_one_and_chance_is_zero() {
        let same = [("a", "a"), ("b", "b"), ("a", "a")];
        assert_eq!(cohen_kappa(&same, None, Weights::Unweighted), Some(1.0));
        let chance = [("x", "O"), ("O", "O")];
        assert_eq!(cohen_kappa(&chance, None, Weights::Unweighted), Some(0.0));
    }

    #[test]
    fn one_category_everywhere_is_undefined() {
        assert_eq!(
            cohen_kappa(&[("O", "O"), ("O", "O")], None, Weights::Linear),
            None
        );
        assert_eq!(
            fleiss_kappa(&[vec!["O", "O", "O"], vec!["O", "O", "O"]]),
            None
        );
        assert_eq!(cohen_kappa(&[], None, Weights::Unweighted), None);
    }

    #[test]
    fn weights_count_the_distance_on_the_scale() {
        let scale = ["1", "2", "3"];
        let pairs = [("1", "2"), ("2", "2"), ("3", "3"), ("1", "1")];
        let linear = cohen_kappa(&pairs, Some(&scale), Weights::Linear).unwrap();
        let quadratic = cohen_kappa(&pairs, Some(&scale), Weights::Quadratic).unwrap();
        assert!(quadratic > linear && linear < 1.0);
    }
}
