//! How much an article cites each registry entry: the entry is cited when one of the
//! article's entities points at it, and each claim linked `attributed_to` a source
//! whose entity points at it counts once.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::super::model::{relation_types::ATTRIBUTED_TO, Kind, Status};
use super::super::sidecar::SidecarFile;
use super::file::Registry;

/// Registry id (as the sidecar writes it) → the claims of the article attributed to a
/// source of that entry (rejected ones left out). An entry the article points at with
/// no such claim is there with 0.
pub fn cited(file: &SidecarFile) -> BTreeMap<String, usize> {
    let entry_of_entity: HashMap<&str, &str> = file
        .entities
        .iter()
        .filter_map(|e| Some((e.id.as_str(), e.registry.as_deref()?)))
        .collect();
    let mut claims: BTreeMap<String, BTreeSet<&str>> = entry_of_entity
        .values()
        .map(|id| (id.to_string(), BTreeSet::new()))
        .collect();
    let kept = |kind: Kind| {
        file.annotations
            .iter()
            .filter(move |a| a.kind == kind && a.status != Status::Rejected)
            .map(|a| (a.id.as_str(), a))
            .collect::<HashMap<_, _>>()
    };
    let (claim_ids, sources) = (kept(Kind::Claim), kept(Kind::Source));
    for r in file.relations.iter().filter(|r| r.kind == ATTRIBUTED_TO) {
        let entry = sources
            .get(r.to.as_str())
            .and_then(|s| s.entity.as_deref())
            .and_then(|e| entry_of_entity.get(e));
        if let (Some(entry), true) = (entry, claim_ids.contains_key(r.from.as_str())) {
            claims
                .entry(entry.to_string())
                .or_default()
                .insert(r.from.as_str());
        }
    }
    claims.into_iter().map(|(id, c)| (id, c.len())).collect()
}

/// Articles and claims citing each entry of a corpus, added up article by article and
/// counted on the entry a merged id redirects to.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Citations {
    /// Entry id → (articles, claims).
    pub by_entry: BTreeMap<String, (usize, usize)>,
}

impl Citations {
    /// Adds one article's citations (see [`cited`]), ids resolved in `registry`; an id
    /// the registry does not know is counted as it is.
    pub fn add(&mut self, registry: &Registry, article: &BTreeMap<String, usize>) {
        let mut resolved: BTreeMap<String, usize> = BTreeMap::new();
        for (id, claims) in article {
            let live = registry.resolve(id).map_or(id.as_str(), |e| e.id.as_str());
            *resolved.entry(live.to_string()).or_default() += claims;
        }
        for (id, claims) in resolved {
            let total = self.by_entry.entry(id).or_default();
            total.0 += 1;
            total.1 += claims;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::{Annotation, Entity, Relation, Span};
    use crate::domain::registry::EntryKind;

    #[test]
    fn claims_attributed_to_a_registry_source_count_once_per_entry_and_merges_resolve() {
        let mut file = SidecarFile::default();
        let mut e1 = Entity::new("e1", "Ekspress-K", "publication");
        e1.registry = Some("r2".into());
        file.entities.push(e1);
        let mut source = Annotation::new("a1", Kind::Source, "publication", vec![Span::new(0, 1)]);
        source.entity = Some("e1".into());
        let mut other = source.clone();
        other.id = "a2".into();
        file.annotations.push(source);
        file.annotations.push(other);
        for (id, status) in [("c1", Status::Accepted), ("c2", Status::Rejected)] {
            let mut claim = Annotation::new(id, Kind::Claim, "factual", vec![Span::new(2, 3)]);
            claim.status = status;
            file.annotations.push(claim);
        }
        file.relations = vec![
            Relation::new("r1", ATTRIBUTED_TO, "c1", "a1"),
            Relation::new("r2", ATTRIBUTED_TO, "c1", "a2"),
            Relation::new("r3", ATTRIBUTED_TO, "c2", "a1"),
        ];
        let article = cited(&file);
        assert_eq!(article, BTreeMap::from([("r2".to_string(), 1)]));
        let mut registry = Registry::new();
        registry
            .add("Ekspress-K", EntryKind::Source, "publication")
            .unwrap();
        registry
            .add("Express K", EntryKind::Source, "publication")
            .unwrap();
        registry.merge("r1", "r2", None).unwrap();
        let mut corpus = Citations::default();
        corpus.add(&registry, &article);
        corpus.add(&registry, &article);
        assert_eq!(corpus.by_entry["r1"], (2, 2));
    }
}
