//! The figures of a whole comparison, pooled over the articles.
//!
//! Span and domain figures are computed for each pair of analysts and averaged over the
//! pairs where they are defined (with two analysts, the one pair). Token figures use
//! every token of every article as a unit: Cohen's κ (two analysts) the tokens both
//! labelled, Fleiss' κ (three or more) the tokens all labelled, Krippendorff's α every
//! token, an analyst without the article being a missing value. A figure that is not
//! defined (nothing to compare, or one label everywhere) is `None`.

use std::collections::BTreeMap;

use serde::Serialize;

use super::alpha::krippendorff_alpha_nominal;
use super::analyst::{compare, link_count, DomainPairs};
use super::kappa::{cohen_kappa, fleiss_kappa, Weights};
use super::spans::{exact_matches, match_by_overlap};
use super::token_labels::{label_key, token_labels};
use super::{Analysis, ArticleWork, Scales};

/// Every figure of a comparison.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    /// How many analysts (named by the caller's output).
    #[serde(skip)]
    pub analysts: usize,
    /// How many pairs of analysts the pairwise figures average.
    pub pairs: usize,
    /// How many tokens (units of the token figures).
    pub tokens: usize,
    /// All labels together.
    pub overall: LabelFigures,
    /// Each label (`kind:label`), in order.
    pub labels: Vec<LabelFigures>,
    /// Claim → source links.
    pub links: LinkFigures,
    /// Stance of matched claims.
    pub stance: StanceFigures,
    /// Credibility of matched claims.
    pub credibility: GradeFigures,
    /// Reliability of matched sources.
    pub reliability: GradeFigures,
}

/// The figures of one label, or of all (`label` is then `*`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LabelFigures {
    /// `kind:label`, or `*` for all labels.
    pub label: String,
    /// How many annotations each analyst made.
    pub annotations: Vec<usize>,
    /// Span F1, same spans.
    pub exact_f1: Option<f64>,
    /// Span F1, overlapping spans.
    pub overlap_f1: Option<f64>,
    /// Cohen's κ on token labels (two analysts only; for one label, this label or not).
    pub cohen_kappa: Option<f64>,
    /// Fleiss' κ on token labels (three analysts or more).
    pub fleiss_kappa: Option<f64>,
    /// Krippendorff's α (nominal) on token labels.
    pub krippendorff_alpha: Option<f64>,
}

/// Agreement on claim → source (`attributed_to`) links.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LinkFigures {
    /// How many links each analyst made (between annotations that count).
    pub links: Vec<usize>,
    /// F1 of the links, a link matching when its claim and its source match.
    pub f1: Option<f64>,
}

/// Agreement on the stance of matched claims (a claim without one: `(none)`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StanceFigures {
    /// How many pairs of matched claims, over all pairs of analysts.
    pub compared: usize,
    /// Cohen's κ.
    pub kappa: Option<f64>,
    /// Share of pairs with the same stance.
    pub exact: Option<f64>,
}

/// Agreement on a grade, on matched pairs both graded with a value of the scale.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GradeFigures {
    /// How many pairs, over all pairs of analysts.
    pub compared: usize,
    /// Weighted κ, linear weights (the default shown).
    pub kappa_linear: Option<f64>,
    /// Weighted κ, quadratic weights.
    pub kappa_quadratic: Option<f64>,
    /// Share of pairs with the same grade.
    pub exact: Option<f64>,
    /// Share of pairs at most one step apart on the scale.
    pub within_one: Option<f64>,
}

/// Span counts of one label between two analysts.
#[derive(Debug, Clone, Copy, Default)]
struct SpanCounts {
    first: usize,
    second: usize,
    exact: usize,
    overlap: usize,
}

impl SpanCounts {
    fn add(&mut self, other: SpanCounts) {
        self.first += other.first;
        self.second += other.second;
        self.exact += other.exact;
        self.overlap += other.overlap;
    }

    fn f1(matched: usize, first: usize, second: usize) -> Option<f64> {
        (first + second > 0).then(|| 2.0 * matched as f64 / (first + second) as f64)
    }
}

/// What one pair of analysts gives, pooled over the articles.
#[derive(Default)]
struct PairTotals {
    spans: BTreeMap<String, SpanCounts>,
    domain: DomainPairs,
}

/// Compares `analysts` analysts over `articles`; see the module documentation.
pub fn agree(articles: &[ArticleWork], analysts: usize, scales: &Scales) -> Report {
    let pair_list: Vec<(usize, usize)> = (0..analysts)
        .flat_map(|i| (i + 1..analysts).map(move |j| (i, j)))
        .collect();
    let mut totals: Vec<PairTotals> = pair_list.iter().map(|_| PairTotals::default()).collect();
    let mut counts: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    let mut units: Vec<Vec<Option<String>>> = Vec::new();
    for article in articles {
        for (i, analysis) in article.analyses.iter().enumerate() {
            for a in analysis.iter().flat_map(|x| &x.annotations) {
                counts
                    .entry(label_key(a))
                    .or_insert_with(|| vec![0; analysts])[i] += 1;
            }
        }
        for (p, &(i, j)) in pair_list.iter().enumerate() {
            if let (Some(Some(x)), Some(Some(y))) =
                (article.analyses.get(i), article.analyses.get(j))
            {
                add_pair(&mut totals[p], x, y);
            }
        }
        let labelled: Vec<Option<Vec<String>>> = article
            .analyses
            .iter()
            .map(|x| {
                x.as_ref().map(|x| {
                    let refs: Vec<_> = x.annotations.iter().collect();
                    token_labels(&article.tokens, &refs)
                })
            })
            .collect();
        for t in 0..article.tokens.len() {
            units.push(
                labelled
                    .iter()
                    .map(|l| l.as_ref().map(|l| l[t].clone()))
                    .collect(),
            );
        }
    }
    let overall_spans = |p: &PairTotals| {
        let mut all = SpanCounts::default();
        p.spans.values().for_each(|c| all.add(*c));
        all
    };
    let mut overall = token_figures("*", &units, analysts, |v| v);
    overall.annotations = (0..analysts)
        .map(|i| counts.values().map(|c| c[i]).sum())
        .collect();
    overall.exact_f1 = mean(totals.iter().map(|p| {
        let c = overall_spans(p);
        SpanCounts::f1(c.exact, c.first, c.second)
    }));
    overall.overlap_f1 = mean(totals.iter().map(|p| {
        let c = overall_spans(p);
        SpanCounts::f1(c.overlap, c.first, c.second)
    }));
    let labels = counts
        .iter()
        .map(|(label, per_analyst)| {
            let mut figures = token_figures(label, &units, analysts, |v| {
                if v == label {
                    "yes"
                } else {
                    "no"
                }
            });
            figures.annotations = per_analyst.clone();
            let of = |p: &PairTotals| p.spans.get(label).copied().unwrap_or_default();
            figures.exact_f1 = mean(totals.iter().map(|p| {
                let c = of(p);
                SpanCounts::f1(c.exact, c.first, c.second)
            }));
            figures.overlap_f1 = mean(totals.iter().map(|p| {
                let c = of(p);
                SpanCounts::f1(c.overlap, c.first, c.second)
            }));
            figures
        })
        .collect();
    Report {
        analysts,
        pairs: pair_list.len(),
        tokens: units.len(),
        overall,
        labels,
        links: link_figures(articles, analysts, &totals),
        stance: stance_figures(&totals),
        credibility: grade_figures(&totals, &scales.credibility, |d| &d.credibility),
        reliability: grade_figures(&totals, &scales.reliability, |d| &d.reliability),
    }
}

/// Adds one article of one pair of analysts to its totals.
fn add_pair(totals: &mut PairTotals, x: &Analysis, y: &Analysis) {
    let mut by_label: BTreeMap<String, (Vec<_>, Vec<_>)> = BTreeMap::new();
    for a in &x.annotations {
        by_label.entry(label_key(a)).or_default().0.push(a);
    }
    for a in &y.annotations {
        by_label.entry(label_key(a)).or_default().1.push(a);
    }
    for (label, (xs, ys)) in by_label {
        totals.spans.entry(label).or_default().add(SpanCounts {
            first: xs.len(),
            second: ys.len(),
            exact: exact_matches(&xs, &ys),
            overlap: match_by_overlap(&xs, &ys).len(),
        });
    }
    let domain = compare(x, y);
    let d = &mut totals.domain;
    d.links.0 += domain.links.0;
    d.links.1 += domain.links.1;
    d.shared_links += domain.shared_links;
    d.stances.extend(domain.stances);
    d.credibility.extend(domain.credibility);
    d.reliability.extend(domain.reliability);
}

/// Cohen's κ, Fleiss' κ and α of the token labels, each value seen through `view`
/// (itself, or `yes`/`no` for one label), without copying the labels.
fn token_figures(
    label: &str,
    units: &[Vec<Option<String>>],
    analysts: usize,
    view: impl for<'a> Fn(&'a str) -> &'a str,
) -> LabelFigures {
    let viewed: Vec<Vec<Option<&str>>> = units
        .iter()
        .map(|u| u.iter().map(|v| v.as_deref().map(&view)).collect())
        .collect();
    let cohen = (analysts == 2).then(|| {
        let pairs: Vec<(&str, &str)> = viewed.iter().filter_map(|u| Some((u[0]?, u[1]?))).collect();
        cohen_kappa(&pairs, None, Weights::Unweighted)
    });
    let fleiss = (analysts > 2).then(|| {
        let complete: Vec<Vec<&str>> = viewed
            .iter()
            .filter_map(|u| u.iter().copied().collect::<Option<Vec<_>>>())
            .collect();
        fleiss_kappa(&complete)
    });
    let alpha_units = viewed;
    LabelFigures {
        label: label.to_string(),
        annotations: Vec::new(),
        exact_f1: None,
        overlap_f1: None,
        cohen_kappa: cohen.flatten(),
        fleiss_kappa: fleiss.flatten(),
        krippendorff_alpha: krippendorff_alpha_nominal(&alpha_units),
    }
}

fn link_figures(articles: &[ArticleWork], analysts: usize, totals: &[PairTotals]) -> LinkFigures {
    let links = (0..analysts)
        .map(|i| {
            articles
                .iter()
                .filter_map(|a| a.analyses.get(i)?.as_ref())
                .map(link_count)
                .sum()
        })
        .collect();
    let f1 = mean(totals.iter().map(|p| {
        let d = &p.domain;
        SpanCounts::f1(d.shared_links, d.links.0, d.links.1)
    }));
    LinkFigures { links, f1 }
}

fn stance_figures(totals: &[PairTotals]) -> StanceFigures {
    StanceFigures {
        compared: totals.iter().map(|p| p.domain.stances.len()).sum(),
        kappa: mean(
            totals
                .iter()
                .map(|p| cohen_kappa(&as_refs(&p.domain.stances), None, Weights::Unweighted)),
        ),
        exact: mean(
            totals
                .iter()
                .map(|p| share(&p.domain.stances, |a, b| a == b)),
        ),
    }
}

fn grade_figures(
    totals: &[PairTotals],
    scale: &[String],
    of: impl Fn(&DomainPairs) -> &Vec<(String, String)>,
) -> GradeFigures {
    let scale: Vec<&str> = scale.iter().map(String::as_str).collect();
    let position = |v: &str| scale.iter().position(|s| *s == v);
    let on_scale = |p: &PairTotals| -> Vec<(String, String)> {
        of(&p.domain)
            .iter()
            .filter(|(a, b)| position(a).is_some() && position(b).is_some())
            .cloned()
            .collect()
    };
    let kappa = |weights| {
        mean(
            totals
                .iter()
                .map(|p| cohen_kappa(&as_refs(&on_scale(p)), Some(&scale), weights)),
        )
    };
    GradeFigures {
        compared: totals.iter().map(|p| on_scale(p).len()).sum(),
        kappa_linear: kappa(Weights::Linear),
        kappa_quadratic: kappa(Weights::Quadratic),
        exact: mean(totals.iter().map(|p| share(&on_scale(p), |a, b| a == b))),
        within_one: mean(totals.iter().map(|p| {
            share(&on_scale(p), |a, b| {
                position(a)
                    .zip(position(b))
                    .is_some_and(|(i, j)| i.abs_diff(j) <= 1)
            })
        })),
    }
}

fn as_refs(pairs: &[(String, String)]) -> Vec<(&str, &str)> {
    pairs
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect()
}

/// The share of `pairs` that `agree`; `None` for no pairs.
fn share(pairs: &[(String, String)], agree: impl Fn(&str, &str) -> bool) -> Option<f64> {
    let n = pairs.iter().filter(|(a, b)| agree(a, b)).count();
    (!pairs.is_empty()).then(|| n as f64 / pairs.len() as f64)
}

/// The mean of the defined values; `None` when none is.
fn mean(values: impl Iterator<Item = Option<f64>>) -> Option<f64> {
    let defined: Vec<f64> = values.flatten().collect();
    (!defined.is_empty()).then(|| defined.iter().sum::<f64>() / defined.len() as f64)
}
