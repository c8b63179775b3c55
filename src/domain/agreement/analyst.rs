//! The analyst's domain between two analysts: matched claims and sources, the links
//! between them, stance and grades.

use std::collections::{BTreeSet, HashMap};

use crate::domain::grades::{CREDIBILITY, RELIABILITY};
use crate::domain::model::{relation_types, Annotation, Kind};

use super::spans::match_by_overlap;
use super::Analysis;

/// Stance of a claim that has none.
pub const NO_STANCE: &str = "(none)";

/// What two analysts' work on one article gives for the domain figures.
#[derive(Debug, Default)]
pub struct DomainPairs {
    /// Links (claim → source) of the first analyst and of the second.
    pub links: (usize, usize),
    /// Links found on both sides, through matched claims and matched sources.
    pub shared_links: usize,
    /// The stance of each pair of matched claims.
    pub stances: Vec<(String, String)>,
    /// The credibility of each pair of matched claims both graded.
    pub credibility: Vec<(String, String)>,
    /// The reliability of each pair of matched sources both graded.
    pub reliability: Vec<(String, String)>,
}

/// Compares the claims, sources and links of `x` and `y`.
pub fn compare(x: &Analysis, y: &Analysis) -> DomainPairs {
    let (x_claims, y_claims) = (of_kind(x, Kind::Claim), of_kind(y, Kind::Claim));
    let (x_sources, y_sources) = (of_kind(x, Kind::Source), of_kind(y, Kind::Source));
    let claim_pairs = match_by_overlap(&x_claims, &y_claims);
    let source_pairs = match_by_overlap(&x_sources, &y_sources);
    let claim_of: HashMap<&str, &str> = ids(&claim_pairs, &x_claims, &y_claims);
    let source_of: HashMap<&str, &str> = ids(&source_pairs, &x_sources, &y_sources);
    let (x_links, y_links) = (
        links(x, &x_claims, &x_sources),
        links(y, &y_claims, &y_sources),
    );
    let shared_links = x_links
        .iter()
        .filter(|(c, s)| match (claim_of.get(c), source_of.get(s)) {
            (Some(c), Some(s)) => y_links.contains(&(*c, *s)),
            _ => false,
        })
        .count();
    let mut pairs = DomainPairs {
        links: (x_links.len(), y_links.len()),
        shared_links,
        ..DomainPairs::default()
    };
    for &(i, j) in &claim_pairs {
        let (a, b) = (x_claims[i], y_claims[j]);
        let stance = |c: &Annotation| c.attrs.get("stance").map_or(NO_STANCE, |s| s).to_string();
        pairs.stances.push((stance(a), stance(b)));
        if let (Some(p), Some(q)) = (a.attrs.get(CREDIBILITY), b.attrs.get(CREDIBILITY)) {
            pairs.credibility.push((p.clone(), q.clone()));
        }
    }
    for &(i, j) in &source_pairs {
        if let (Some(p), Some(q)) = (reliability(x, x_sources[i]), reliability(y, y_sources[j])) {
            pairs.reliability.push((p.to_string(), q.to_string()));
        }
    }
    pairs
}

/// How many claim → source links `analysis` has between the annotations that count.
pub fn link_count(analysis: &Analysis) -> usize {
    let (claims, sources) = (
        of_kind(analysis, Kind::Claim),
        of_kind(analysis, Kind::Source),
    );
    links(analysis, &claims, &sources).len()
}

fn of_kind(analysis: &Analysis, kind: Kind) -> Vec<&Annotation> {
    analysis
        .annotations
        .iter()
        .filter(|a| a.kind == kind)
        .collect()
}

fn ids<'a>(
    pairs: &[(usize, usize)],
    xs: &[&'a Annotation],
    ys: &[&'a Annotation],
) -> HashMap<&'a str, &'a str> {
    pairs
        .iter()
        .map(|&(i, j)| (xs[i].id.as_str(), ys[j].id.as_str()))
        .collect()
}

/// The `attributed_to` links from one of `claims` to one of `sources`, once each.
fn links<'a>(
    analysis: &'a Analysis,
    claims: &[&Annotation],
    sources: &[&Annotation],
) -> BTreeSet<(&'a str, &'a str)> {
    let claim_ids: BTreeSet<&str> = claims.iter().map(|a| a.id.as_str()).collect();
    let source_ids: BTreeSet<&str> = sources.iter().map(|a| a.id.as_str()).collect();
    analysis
        .relations
        .iter()
        .filter(|r| r.kind == relation_types::ATTRIBUTED_TO)
        .filter(|r| claim_ids.contains(r.from.as_str()) && source_ids.contains(r.to.as_str()))
        .map(|r| (r.from.as_str(), r.to.as_str()))
        .collect()
}

/// A source's reliability: its entity's when it is linked to one that has a grade, else
/// its own.
fn reliability<'a>(analysis: &'a Analysis, source: &'a Annotation) -> Option<&'a str> {
    let of_entity = source
        .entity
        .as_deref()
        .and_then(|id| analysis.entities.iter().find(|e| e.id == id))
        .and_then(|e| e.attrs.get(RELIABILITY));
    of_entity
        .or_else(|| source.attrs.get(RELIABILITY))
        .map(String::as_str)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::{Entity, Relation, Span};

    fn analysis(shift: usize, stance: &str, grade: &str) -> Analysis {
        let mut claim = Annotation::new(
            "a1",
            Kind::Claim,
            "factual",
            vec![Span::new(10 + shift, 30)],
        );
        claim.attrs.insert("stance".into(), stance.into());
        claim.attrs.insert(CREDIBILITY.into(), grade.into());
        let mut source = Annotation::new("a2", Kind::Source, "PERSON", vec![Span::new(0, 8)]);
        source.entity = Some("e1".into());
        let mut entity = Entity::new("e1", "Sultan", "PERSON");
        entity.attrs.insert(RELIABILITY.into(), "B".into());
        Analysis {
            annotations: vec![claim, source],
            relations: vec![Relation::new(
                "r1",
                relation_types::ATTRIBUTED_TO,
                "a1",
                "a2",
            )],
            entities: vec![entity],
        }
    }

    #[test]
    fn links_match_through_matched_claims_and_sources() {
        let pairs = compare(&analysis(0, "asserted", "2"), &analysis(3, "denied", "3"));
        assert_eq!((pairs.links, pairs.shared_links), ((1, 1), 1));
        assert_eq!(pairs.stances, [("asserted".into(), "denied".into())]);
        assert_eq!(pairs.credibility, [("2".into(), "3".into())]);
        assert_eq!(pairs.reliability, [("B".into(), "B".into())]);
    }
}
