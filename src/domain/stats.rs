//! Counts of one article's annotations by kind, label and status: what `scholia stats`
//! prints and the workbench's `stats` command shows.

use std::collections::BTreeMap;

use super::model::{Annotation, Kind, Status};
use super::sidecar::SidecarFile;
use super::store::Store;

/// Counts of one article's annotations.
#[derive(Debug, Default, PartialEq)]
pub struct Counts {
    /// Number of annotations.
    pub annotations: usize,
    /// By kind.
    pub by_kind: BTreeMap<String, usize>,
    /// By kind and label, as `kind/label`.
    pub by_label: BTreeMap<String, usize>,
    /// By status.
    pub by_status: BTreeMap<String, usize>,
    /// Number of canonical entities.
    pub entities: usize,
    /// Number of relations.
    pub relations: usize,
}

/// Counts the annotations of a sidecar (none when there is no sidecar).
pub fn count(file: Option<SidecarFile>) -> Counts {
    match file {
        Some(file) => count_of(
            file.annotations.iter(),
            file.entities.len(),
            file.relations.len(),
        ),
        None => Counts::default(),
    }
}

/// Counts the annotations of a store, as its sidecar would hold them.
pub fn count_store(store: &Store) -> Counts {
    count_of(
        store.annotations().into_iter(),
        store.entities().len(),
        store.relations().len(),
    )
}

fn count_of<'a>(
    annotations: impl Iterator<Item = &'a Annotation>,
    entities: usize,
    relations: usize,
) -> Counts {
    let mut counts = Counts::default();
    for kind in Kind::ALL {
        counts.by_kind.insert(kind.to_string(), 0);
    }
    for status in Status::ALL {
        counts.by_status.insert(status.to_string(), 0);
    }
    for a in annotations {
        counts.annotations += 1;
        *counts.by_kind.entry(a.kind.to_string()).or_default() += 1;
        *counts
            .by_label
            .entry(format!("{}/{}", a.kind, a.label))
            .or_default() += 1;
        *counts.by_status.entry(a.status.to_string()).or_default() += 1;
    }
    counts.entities = entities;
    counts.relations = relations;
    counts
}

impl Counts {
    /// The first line of the report: `N annotations, N entities, N relations`.
    pub fn headline(&self) -> String {
        format!(
            "{} annotations, {} entities, {} relations",
            self.annotations, self.entities, self.relations
        )
    }

    /// The report `scholia stats` prints for the article `name`, one line each for the
    /// totals and, when there are annotations, the counts by kind, status and label.
    pub fn as_text(&self, name: &str) -> String {
        let mut text = format!("{name}: {}\n", self.headline());
        if self.annotations > 0 {
            text.push_str(&format!("  by kind:   {}\n", nonzero(&self.by_kind)));
            text.push_str(&format!("  by status: {}\n", nonzero(&self.by_status)));
            text.push_str(&format!("  by label:  {}\n", nonzero(&self.by_label)));
        }
        text
    }

    /// The report on one line (for the status line): totals, then by kind and status.
    pub fn one_line(&self) -> String {
        if self.annotations == 0 {
            return self.headline();
        }
        format!(
            "{}; {}; {}",
            self.headline(),
            nonzero(&self.by_kind),
            nonzero(&self.by_status)
        )
    }
}

/// The counts above zero, `key n` joined with commas.
fn nonzero(counts: &BTreeMap<String, usize>) -> String {
    counts
        .iter()
        .filter(|(_, n)| **n > 0)
        .map(|(k, n)| format!("{k} {n}"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::Span;

    #[test]
    fn a_store_is_counted_by_kind_label_and_status() {
        let mut store = Store::new();
        let mut a = Annotation::new("a1", Kind::Entity, "PERSON", vec![Span::new(0, 3)]);
        store.insert_annotation(a.clone());
        a.id = "a2".into();
        a.status = Status::Pending;
        store.insert_annotation(a);
        store.insert_annotation(Annotation::new(
            "a3",
            Kind::Claim,
            "factual",
            vec![Span::new(4, 9)],
        ));
        let counts = count_store(&store);
        assert_eq!(counts.annotations, 3);
        assert_eq!(counts.by_label["entity/PERSON"], 2);
        assert_eq!(
            counts.one_line(),
            "3 annotations, 0 entities, 0 relations; claim 1, entity 2; accepted 2, pending 1"
        );
        assert!(counts.as_text("a.txt").starts_with("a.txt: 3 annotations"));
        assert_eq!(
            count(None).one_line(),
            "0 annotations, 0 entities, 0 relations"
        );
    }
}
