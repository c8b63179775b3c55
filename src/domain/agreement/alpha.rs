//! Krippendorff's α for nominal values, as the `krippendorff` Python package computes
//! it: any number of raters, a rater may leave a unit out (a missing value).

use std::collections::BTreeMap;

/// α of `units`, each the values its raters gave (`None`: missing). Units with fewer
/// than two values are not pairable and count for nothing. `None` when fewer than two
/// distinct values occur in pairable units (the package refuses that case).
pub fn krippendorff_alpha_nominal(units: &[Vec<Option<&str>>]) -> Option<f64> {
    // Coincidences: o[c][k] summed over units, each pair of values weighted 1/(m - 1).
    let mut coincidences: BTreeMap<(&str, &str), f64> = BTreeMap::new();
    let mut totals: BTreeMap<&str, f64> = BTreeMap::new();
    for unit in units {
        let values: Vec<&str> = unit.iter().flatten().copied().collect();
        let m = values.len();
        if m < 2 {
            continue;
        }
        let mut counts: BTreeMap<&str, f64> = BTreeMap::new();
        for &v in &values {
            *counts.entry(v).or_default() += 1.0;
        }
        let weight = 1.0 / (m as f64 - 1.0);
        for (&c, &nc) in &counts {
            *totals.entry(c).or_default() += nc;
            for (&k, &nk) in &counts {
                let pairs = if c == k { nc * (nc - 1.0) } else { nc * nk };
                *coincidences.entry((c, k)).or_default() += pairs * weight;
            }
        }
    }
    if totals.len() < 2 {
        return None;
    }
    let n: f64 = totals.values().sum();
    let observed: f64 = coincidences
        .iter()
        .filter(|((c, k), _)| c != k)
        .map(|(_, o)| o)
        .sum();
    let mut expected = 0.0;
    for (c, nc) in &totals {
        for (k, nk) in &totals {
            if c != k {
                expected += nc * nk / (n - 1.0);
            }
        }
    }
    Some(1.0 - observed / expected)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn perfect_agreement_with_missing_values_is_one() {
        let units = vec![
            vec![Some("a"), Some("a"), None],
            vec![Some("b"), None, Some("b")],
            vec![Some("a"), None, None],
        ];
        assert_eq!(krippendorff_alpha_nominal(&units), Some(1.0));
    }

    #[test]
    fn one_value_everywhere_is_undefined() {
        let units = vec![vec![Some("O"), Some("O")], vec![Some("O"), Some("O")]];
        assert_eq!(krippendorff_alpha_nominal(&units), None);
    }
}
