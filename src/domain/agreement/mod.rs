//! How far analysts agree on one article or a corpus (DESIGN §10): span F1 (exact and
//! overlapping), Cohen's κ (two analysts) and Fleiss' κ (more) on token labels,
//! Krippendorff's α on token labels (missing values allowed), and for the analyst's
//! domain, claim → source links (F1), stance (κ) and credibility and reliability grades
//! (weighted κ, exact and within-one agreement).
//!
//! Pure: the caller reads the sidecars, picks the annotations that count and tokenises
//! the article; figures are checked against scikit-learn, statsmodels and the
//! `krippendorff` package (tests/fixtures/agree/reference.py).

mod alpha;
mod analyst;
mod kappa;
mod report;
mod spans;
mod token_labels;

use std::ops::Range;

use crate::domain::model::{Annotation, Entity, Relation};

pub use alpha::krippendorff_alpha_nominal;
pub use kappa::{cohen_kappa, fleiss_kappa, Weights};
pub use report::{agree, GradeFigures, LabelFigures, LinkFigures, Report, StanceFigures};
pub use spans::{exact_matches, match_by_overlap};
pub use token_labels::{label_key, token_labels, OUTSIDE};

/// One analyst's work on one article: the annotations that count and the sidecar's
/// relations and entities. Spans and tokens share one unit (the command uses code
/// points, the sidecar's unit, so overlaps count characters).
#[derive(Debug, Clone, Default)]
pub struct Analysis {
    /// The annotations to compare.
    pub annotations: Vec<Annotation>,
    /// All relations; only those between the annotations above count.
    pub relations: Vec<Relation>,
    /// Canonical entities (a source's reliability is its entity's, when linked).
    pub entities: Vec<Entity>,
}

/// One article as every analyst annotated it.
#[derive(Debug, Clone, Default)]
pub struct ArticleWork {
    /// The article's tokens (ranges in the spans' unit, in order, not overlapping).
    pub tokens: Vec<Range<usize>>,
    /// Each analyst's work, in the order of the analysts; `None` when the analyst did
    /// not have the article (missing, not "annotated nothing").
    pub analyses: Vec<Option<Analysis>>,
}

/// The ordered values of the grades, best first (the schema's order).
#[derive(Debug, Clone, Default)]
pub struct Scales {
    /// A claim's credibility (`1`–`6` by default).
    pub credibility: Vec<String>,
    /// A source's reliability (`A`–`F` by default).
    pub reliability: Vec<String>,
}
