//! Where analysts' sidecars of one article disagree (DESIGN §10): their annotations
//! grouped into what each analyst made of one place in the text, and each group's
//! differences — only some analysts have it, its boundaries, label, links, stance or
//! grade differ. A group without differences is an agreement.

use std::collections::{BTreeSet, HashMap};

use super::grades::{CREDIBILITY, RELIABILITY};
use super::model::{Annotation, Kind, Span};
use super::store::Store;

/// The attribute holding a claim's stance.
const STANCE: &str = "stance";

/// One way the versions of a group differ.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Difference {
    /// Some analysts did not mark it at all.
    Missing,
    /// The versions overlap but their spans differ.
    Boundaries,
    /// The labels differ.
    Label,
    /// The links starting at it differ.
    Link,
    /// The stance differs.
    Stance,
    /// The credibility or reliability grade differs.
    Grade,
}

impl Difference {
    /// A short name for lists (`only in`, `boundaries`…).
    pub fn as_str(self) -> &'static str {
        match self {
            Difference::Missing => "only in",
            Difference::Boundaries => "boundaries",
            Difference::Label => "label",
            Difference::Link => "link",
            Difference::Stance => "stance",
            Difference::Grade => "grade",
        }
    }
}

/// One analyst's annotation in a group: the analyst's place among the sidecars compared
/// and the annotation's id in that analyst's store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Version {
    /// Which analyst (0 for the first sidecar).
    pub analyst: usize,
    /// The annotation's id in that analyst's store.
    pub id: String,
}

/// What the analysts made of one place in the text: at most one version per analyst.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    /// The versions, by analyst.
    pub versions: Vec<Version>,
    /// How they differ (empty: an agreement).
    pub differences: Vec<Difference>,
}

impl Group {
    /// Whether every analyst has it identically.
    pub fn is_agreement(&self) -> bool {
        self.differences.is_empty()
    }
}

/// What is compared of one version: the annotation, its links (relation type and what
/// the target stands for, the same for every analyst's version of one target) and its
/// reliability grade when it lives on the linked entity.
#[derive(Debug, Clone)]
pub struct Compared<'a> {
    /// The annotation.
    pub annotation: &'a Annotation,
    /// (relation type, target) of every relation starting at it.
    pub links: BTreeSet<(String, String)>,
    /// The reliability of the entity it is a mention of, if any.
    pub entity_reliability: Option<&'a str>,
}

impl Compared<'_> {
    fn grades(&self) -> (Option<&str>, Option<&str>) {
        let attr = |name: &str| self.annotation.attrs.get(name).map(String::as_str);
        (
            attr(CREDIBILITY),
            attr(RELIABILITY).or(self.entity_reliability),
        )
    }
}

/// How `versions` (of `analysts` analysts in all) differ, in the order of
/// [`Difference`].
pub fn differences(versions: &[Compared], analysts: usize) -> Vec<Difference> {
    let mut found = Vec::new();
    let Some(first) = versions.first() else {
        return found;
    };
    let differs = |f: &dyn Fn(&Compared) -> bool| versions.iter().any(|v| !f(v));
    if versions.len() < analysts {
        found.push(Difference::Missing);
    }
    if differs(&|v| v.annotation.spans == first.annotation.spans) {
        found.push(Difference::Boundaries);
    }
    if differs(&|v| v.annotation.label == first.annotation.label) {
        found.push(Difference::Label);
    }
    if differs(&|v| v.links == first.links) {
        found.push(Difference::Link);
    }
    if differs(&|v| v.annotation.attrs.get(STANCE) == first.annotation.attrs.get(STANCE)) {
        found.push(Difference::Stance);
    }
    if differs(&|v| v.grades() == first.grades()) {
        found.push(Difference::Grade);
    }
    found
}

/// A group being built: its versions, kind and extent.
struct Forming {
    versions: Vec<Version>,
    kind: Kind,
    extent: Span,
}

impl Forming {
    fn has(&self, analyst: usize) -> bool {
        self.versions.iter().any(|v| v.analyst == analyst)
    }
}

/// Groups the annotations of every analyst's store (all on one article) and finds how
/// each group's versions differ. Versions with the same kind and spans are grouped
/// first; what is left incomplete joins an overlapping group of the same kind that the
/// analyst has no version in. Groups come in reading order.
pub fn compare(stores: &[&Store]) -> Vec<Group> {
    let mut forming: Vec<Forming> = Vec::new();
    let mut exact: HashMap<(Kind, Vec<Span>), Vec<usize>> = HashMap::new();
    for (analyst, store) in stores.iter().enumerate() {
        for a in store.annotations() {
            let key = (a.kind, a.spans.clone());
            let slots = exact.entry(key).or_default();
            let version = Version {
                analyst,
                id: a.id.clone(),
            };
            match slots.iter().find(|&&g| !forming[g].has(analyst)) {
                Some(&g) => forming[g].versions.push(version),
                None => {
                    slots.push(forming.len());
                    forming.push(Forming {
                        versions: vec![version],
                        kind: a.kind,
                        extent: a.extent(),
                    });
                }
            }
        }
    }
    forming.sort_by_key(|g| (g.extent.start, g.extent.end));
    join_overlapping(&mut forming, stores.len());
    let groups: Vec<Vec<Version>> = forming.into_iter().map(|g| g.versions).collect();
    let group_of: HashMap<(usize, &str), usize> = groups
        .iter()
        .enumerate()
        .flat_map(|(g, versions)| {
            versions
                .iter()
                .map(move |v| ((v.analyst, v.id.as_str()), g))
        })
        .collect();
    groups
        .iter()
        .map(|versions| {
            let compared: Vec<Compared> = versions
                .iter()
                .filter_map(|v| {
                    let store = stores[v.analyst];
                    let target = |to: &str| match group_of.get(&(v.analyst, to)) {
                        Some(g) => format!("group {g}"),
                        None => match store.entity(to) {
                            Some(e) => format!("entity {}/{}", e.label, e.name),
                            None => format!("id {to}"),
                        },
                    };
                    compared(store, &v.id, target)
                })
                .collect();
            Group {
                versions: versions.clone(),
                differences: differences(&compared, stores.len()),
            }
        })
        .collect()
}

/// What is compared of annotation `id` of `store`, its link targets named by `target`.
pub fn compared<'a>(
    store: &'a Store,
    id: &str,
    target: impl Fn(&str) -> String,
) -> Option<Compared<'a>> {
    let annotation = store.annotation(id)?;
    Some(Compared {
        annotation,
        links: store
            .relations_from(id)
            .into_iter()
            .map(|r| (r.kind.clone(), target(&r.to)))
            .collect(),
        entity_reliability: annotation
            .entity
            .as_deref()
            .and_then(|e| store.entity(e))
            .and_then(|e| e.attrs.get(RELIABILITY))
            .map(String::as_str),
    })
}

/// Joins each group that lacks some analyst with the overlapping groups after it (same
/// kind, no analyst in both), so that versions whose boundaries differ meet.
fn join_overlapping(forming: &mut Vec<Forming>, analysts: usize) {
    let mut i = 0;
    while i < forming.len() {
        let mut j = i + 1;
        while forming[i].versions.len() < analysts && j < forming.len() {
            if forming[j].extent.start >= forming[i].extent.end {
                break;
            }
            let joins = forming[j].kind == forming[i].kind
                && forming[j]
                    .versions
                    .iter()
                    .all(|v| !forming[i].has(v.analyst));
            if joins {
                let joined = forming.remove(j);
                let group = &mut forming[i];
                group.extent = Span::new(
                    group.extent.start.min(joined.extent.start),
                    group.extent.end.max(joined.extent.end),
                );
                group.versions.extend(joined.versions);
                group.versions.sort_by_key(|v| v.analyst);
            } else {
                j += 1;
            }
        }
        i += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::{Entity, Relation};

    fn ann(id: &str, kind: Kind, label: &str, start: usize, end: usize) -> Annotation {
        Annotation::new(id, kind, label, vec![Span::new(start, end)])
    }

    fn store(annotations: Vec<Annotation>, relations: Vec<Relation>) -> Store {
        Store::from_parts(annotations, Vec::new(), relations)
    }

    fn kinds(groups: &[Group]) -> Vec<Vec<Difference>> {
        groups.iter().map(|g| g.differences.clone()).collect()
    }

    #[test]
    fn identical_annotations_agree_whatever_their_ids() {
        let a = store(vec![ann("a1", Kind::Entity, "ORG", 0, 5)], vec![]);
        let b = store(vec![ann("a9", Kind::Entity, "ORG", 0, 5)], vec![]);
        let groups = compare(&[&a, &b]);
        assert_eq!(groups.len(), 1);
        assert!(groups[0].is_agreement());
        assert_eq!(groups[0].versions[1].id, "a9");
    }

    #[test]
    fn each_kind_of_difference_is_found() {
        let mut stance_a = ann("a4", Kind::Claim, "statement", 40, 60);
        stance_a.attrs.insert("stance".into(), "supports".into());
        let mut stance_b = stance_a.clone();
        stance_b.attrs.insert("stance".into(), "refutes".into());
        let mut grade_a = ann("a5", Kind::Claim, "statement", 70, 90);
        grade_a.attrs.insert("credibility".into(), "2".into());
        let mut grade_b = grade_a.clone();
        grade_b.attrs.insert("credibility".into(), "3".into());
        let a = store(
            vec![
                ann("a1", Kind::Entity, "ORG", 0, 5),
                ann("a2", Kind::Entity, "PERSON", 10, 15),
                ann("a3", Kind::Entity, "GPE", 20, 30),
                stance_a,
                grade_a,
                ann("a6", Kind::Claim, "statement", 100, 120),
                ann("a7", Kind::Source, "person", 130, 135),
            ],
            vec![Relation::new("r1", "attributed_to", "a6", "a7")],
        );
        let b = store(
            vec![
                ann("b2", Kind::Entity, "ORG", 10, 15),
                ann("b3", Kind::Entity, "GPE", 22, 30),
                stance_b,
                grade_b,
                ann("b6", Kind::Claim, "statement", 100, 120),
                ann("b7", Kind::Source, "person", 130, 135),
                ann("b8", Kind::Entity, "DATE", 140, 150),
            ],
            vec![],
        );
        assert_eq!(
            kinds(&compare(&[&a, &b])),
            vec![
                vec![Difference::Missing],
                vec![Difference::Label],
                vec![Difference::Boundaries],
                vec![Difference::Stance],
                vec![Difference::Grade],
                vec![Difference::Link],
                vec![],
                vec![Difference::Missing],
            ]
        );
    }

    #[test]
    fn links_to_versions_of_one_target_are_the_same_link() {
        let a = store(
            vec![
                ann("a1", Kind::Claim, "statement", 0, 20),
                ann("a2", Kind::Source, "person", 30, 36),
            ],
            vec![Relation::new("r1", "attributed_to", "a1", "a2")],
        );
        let b = store(
            vec![
                ann("x1", Kind::Claim, "statement", 0, 20),
                ann("x2", Kind::Source, "person", 28, 36),
            ],
            vec![Relation::new("r7", "attributed_to", "x1", "x2")],
        );
        let groups = compare(&[&a, &b]);
        assert_eq!(kinds(&groups), vec![vec![], vec![Difference::Boundaries]]);
    }

    #[test]
    fn a_source_s_reliability_on_its_entity_is_compared() {
        let with_entity = |grade: &str| {
            let mut source = ann("a1", Kind::Source, "person", 0, 5);
            source.entity = Some("e1".into());
            let mut entity = Entity::new("e1", "Ivanov", "PERSON");
            entity.attrs.insert("reliability".into(), grade.into());
            Store::from_parts(vec![source], vec![entity], vec![])
        };
        let (a, b) = (with_entity("B"), with_entity("D"));
        assert_eq!(kinds(&compare(&[&a, &b])), vec![vec![Difference::Grade]]);
    }

    #[test]
    fn overlaps_join_only_versions_of_analysts_not_yet_in_the_group() {
        let a = store(
            vec![
                ann("a1", Kind::Entity, "ORG", 0, 10),
                ann("a2", Kind::Entity, "ORG", 5, 15),
            ],
            vec![],
        );
        let b = store(vec![ann("b1", Kind::Entity, "ORG", 0, 10)], vec![]);
        let c = store(vec![ann("c1", Kind::Entity, "ORG", 6, 15)], vec![]);
        let groups = compare(&[&a, &b, &c]);
        assert_eq!(
            groups.iter().map(|g| g.versions.len()).collect::<Vec<_>>(),
            vec![3, 1],
            "b1 and a1 agree exactly; c1 joins them, a2 stays alone"
        );
        assert_eq!(
            kinds(&groups),
            vec![vec![Difference::Boundaries], vec![Difference::Missing]]
        );
    }

    #[test]
    fn a_claim_and_an_entity_on_one_span_never_join() {
        let a = store(vec![ann("a1", Kind::Claim, "statement", 0, 10)], vec![]);
        let b = store(vec![ann("b1", Kind::Entity, "ORG", 0, 10)], vec![]);
        assert_eq!(
            kinds(&compare(&[&a, &b])),
            vec![vec![Difference::Missing], vec![Difference::Missing]]
        );
    }
}
