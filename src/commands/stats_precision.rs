//! What became of a model's suggestions, per label: accepted as is, relabelled, resized,
//! rejected or still pending, and the precision that gives (as is / decided) — what an
//! NLP team needs to judge a model.

use std::collections::BTreeMap;

use serde_json::{json, Value};

use crate::domain::model::{Annotation, Status};

/// What became of one producer's suggestions of one label.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Outcomes {
    /// Accepted with the producer's label and boundaries.
    pub as_is: usize,
    /// Accepted with another label (whatever the boundaries).
    pub relabelled: usize,
    /// Accepted with the producer's label, other boundaries.
    pub resized: usize,
    /// Rejected.
    pub rejected: usize,
    /// Not reviewed yet.
    pub pending: usize,
}

impl Outcomes {
    /// How many the analyst decided on.
    pub fn decided(&self) -> usize {
        self.as_is + self.relabelled + self.resized + self.rejected
    }

    /// Accepted as is among the decided ones; none before any decision.
    pub fn precision(&self) -> Option<f64> {
        let decided = self.decided();
        (decided > 0).then(|| self.as_is as f64 / decided as f64)
    }
}

/// Who produced a suggestion and with which label: the tool (`spacy`), its model when
/// known, and the label it gave.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct ProducerLabel {
    /// The tool (`origin.by`).
    pub by: String,
    /// The model (`origin.model`), when known.
    pub model: Option<String>,
    /// The label the tool gave (`origin.label`, else the annotation's label).
    pub label: String,
}

/// The outcomes of every annotation a tool made (not by hand), by producer and label.
/// Orphans are left out: they are neither decided nor awaiting a decision.
pub fn outcomes(annotations: &[Annotation]) -> BTreeMap<ProducerLabel, Outcomes> {
    let mut all: BTreeMap<ProducerLabel, Outcomes> = BTreeMap::new();
    for a in annotations.iter().filter(|a| !a.origin.is_manual()) {
        let key = ProducerLabel {
            by: a.origin.by.clone(),
            model: a.origin.model.clone(),
            label: a.producer_label().to_string(),
        };
        let counts = all.entry(key).or_default();
        match a.status {
            Status::Accepted if a.label != a.producer_label() => counts.relabelled += 1,
            Status::Accepted if a.resized() => counts.resized += 1,
            Status::Accepted => counts.as_is += 1,
            Status::Rejected => counts.rejected += 1,
            Status::Pending => counts.pending += 1,
            Status::Orphaned => {}
        }
    }
    all.retain(|_, counts| *counts != Outcomes::default());
    all
}

/// The outcomes as JSON: one object per producer and label.
pub fn as_json(outcomes: &BTreeMap<ProducerLabel, Outcomes>) -> Value {
    outcomes
        .iter()
        .map(|(key, c)| {
            json!({
                "by": key.by,
                "model": key.model,
                "label": key.label,
                "as_is": c.as_is,
                "relabelled": c.relabelled,
                "resized": c.resized,
                "rejected": c.rejected,
                "pending": c.pending,
                "decided": c.decided(),
                "precision": c.precision(),
            })
        })
        .collect()
}

/// The outcomes as lines of text (not yet sanitised), one per producer and label.
pub fn as_lines(outcomes: &BTreeMap<ProducerLabel, Outcomes>) -> Vec<String> {
    outcomes
        .iter()
        .map(|(key, c)| {
            let producer = match &key.model {
                Some(model) => format!("{} {model}", key.by),
                None => key.by.clone(),
            };
            let precision = c.precision().map_or_else(
                || "precision – (nothing decided)".to_string(),
                |p| format!("precision {p:.2} ({} of {})", c.as_is, c.decided()),
            );
            format!(
                "{producer} {}: as is {}, relabelled {}, resized {}, rejected {}, pending {}; {precision}",
                key.label, c.as_is, c.relabelled, c.resized, c.rejected, c.pending
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::{Kind, Origin};

    fn suggestion(label: &str, status: Status) -> Annotation {
        let mut a = Annotation::new("a1", Kind::Entity, label, Vec::new());
        a.quote.exact = "the Kazakh".into();
        a.status = status;
        a.origin = Origin {
            model: Some("sm".into()),
            ..Origin::tool("spacy")
        }
        .shared();
        a
    }

    #[test]
    fn each_suggestion_counts_once_under_the_label_the_model_gave() {
        let as_is = suggestion("ORG", Status::Accepted);
        let mut relabelled = suggestion("ORG", Status::Accepted);
        relabelled.relabel("NORP");
        let mut resized = suggestion("ORG", Status::Accepted);
        resized.keep_producer_text();
        resized.quote.exact = "Kazakh".into();
        let mut both = suggestion("ORG", Status::Accepted);
        both.keep_producer_text();
        both.quote.exact = "Kazakh".into();
        both.relabel("NORP");
        let rejected = suggestion("ORG", Status::Rejected);
        let pending = suggestion("GPE", Status::Pending);
        let mut manual = suggestion("ORG", Status::Accepted);
        manual.origin = Origin::manual_shared();
        let all = outcomes(&[as_is, relabelled, resized, both, rejected, pending, manual]);
        let key = |label: &str| ProducerLabel {
            by: "spacy".into(),
            model: Some("sm".into()),
            label: label.into(),
        };
        let org = all[&key("ORG")];
        assert_eq!(
            org,
            Outcomes {
                as_is: 1,
                relabelled: 2,
                resized: 1,
                rejected: 1,
                pending: 0
            }
        );
        assert_eq!(org.precision(), Some(0.2));
        assert_eq!(all[&key("GPE")].precision(), None);
        assert_eq!(all.len(), 2, "nothing under NORP, nothing for manual");
    }
}
