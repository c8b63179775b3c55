//! Collects the rules' suggestions, then assembles the result: resolves pronouns to
//! speakers, links claims to the publications cited after them, relabels names that
//! turned out to be publications, sorts by position and merges identical suggestions.

use std::cmp::Ordering;
use std::collections::HashSet;

use crate::domain::model::{relation_types, Kind, Span};

use super::held::{Held, HeldSuggestion};
use super::suggestion::{SuggestedLink, Suggestion};
use super::text::paragraph_break_between;

/// Which speakers a pronoun can stand for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Pronoun {
    /// "he", "she": a person.
    Person,
    /// "they", "it": any speaker.
    Any,
}

/// A claim whose speaker is a pronoun, to be linked to the latest speaker before it.
#[derive(Debug, Clone, Copy)]
struct PronounRef {
    claim: usize,
    at: usize,
    pronoun: Pronoun,
}

/// How far back (in bytes) a pronoun looks for the speaker it stands for.
const MAX_PRONOUN_DISTANCE: usize = 8192;

/// The source label of a publication.
pub(crate) const PUBLICATION: &str = "publication";

/// The rule whose entity guesses are relabelled ORG when they name a publication.
pub(crate) const NAME_GUESS_RULE: &str = "capitalised-names";

/// A link between two suggestions by their index in the collector, kept beside them
/// until the suggestions are sorted and merged, so that a suggestion holds no list of
/// its own while the rules run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct PendingLink {
    from: usize,
    kind: &'static str,
    to: usize,
}

/// The suggestions made so far, with the links still to resolve.
pub(crate) struct Collector<'t> {
    /// The text the rules read.
    pub text: &'t str,
    items: Held,
    links: Vec<PendingLink>,
    cite_regions: Vec<(usize, Span)>,
    pronoun_refs: Vec<PronounRef>,
}

impl<'t> Collector<'t> {
    /// An empty collector for `text`.
    pub(crate) fn new(text: &'t str) -> Self {
        Collector {
            text,
            items: Held::default(),
            links: Vec::new(),
            cite_regions: Vec::new(),
            pronoun_refs: Vec::new(),
        }
    }

    /// Adds a suggestion and returns its index (valid until [`Collector::finish`]).
    pub(crate) fn push(&mut self, suggestion: Suggestion) -> usize {
        self.items.push(suggestion)
    }

    /// Links suggestion `from` to suggestion `to` with a relation of type `kind`.
    pub(crate) fn link(&mut self, from: usize, kind: &'static str, to: usize) {
        if from < self.items.len() && to < self.items.len() {
            self.links.push(PendingLink { from, kind, to });
        }
    }

    /// Records that the publication suggestion `publication` is cited for the claims
    /// lying inside `region`.
    pub(crate) fn cite_region(&mut self, publication: usize, region: Span) {
        self.cite_regions.push((publication, region));
    }

    /// Records that the claim `claim` is attributed to a pronoun at `at`.
    pub(crate) fn pronoun(&mut self, claim: usize, at: usize, pronoun: Pronoun) {
        self.pronoun_refs.push(PronounRef { claim, at, pronoun });
    }

    /// This collector, of the piece of `whole` before `cut`, joined with `later`, of the
    /// piece from `cut` on: `later`'s suggestions come after these, and every span,
    /// index and position is placed in `whole`.
    pub(crate) fn joined(mut self, later: Collector<'_>, whole: &'t str, cut: usize) -> Self {
        let first = self.items.len();
        self.text = whole;
        self.items.append_shifted(later.items, cut);
        self.links
            .extend(later.links.into_iter().map(|link| PendingLink {
                from: link.from + first,
                kind: link.kind,
                to: link.to + first,
            }));
        self.cite_regions
            .extend(later.cite_regions.into_iter().map(|(publication, region)| {
                (
                    publication + first,
                    Span::new(region.start + cut, region.end + cut),
                )
            }));
        self.pronoun_refs
            .extend(later.pronoun_refs.into_iter().map(|r| PronounRef {
                claim: r.claim + first,
                at: r.at + cut,
                pronoun: r.pronoun,
            }));
        self
    }

    /// The suggestions, sorted by span start, identical ones (same kind, label and
    /// spans) merged keeping the higher score, links resolved and renumbered.
    pub(crate) fn finish(mut self) -> Vec<Suggestion> {
        self.resolve_pronouns();
        self.resolve_citations();
        self.relabel_publication_names();
        merge_sorted(self.items, self.links)
    }

    fn resolve_pronouns(&mut self) {
        if self.pronoun_refs.is_empty() {
            return;
        }
        let mut speakers: Vec<(usize, usize)> = self
            .items
            .iter()
            .filter(|(_, s)| s.kind == Kind::Source && s.label != PUBLICATION)
            .map(|(i, _)| (self.items.extent(i).0, i))
            .collect();
        speakers.sort_unstable();
        for r in std::mem::take(&mut self.pronoun_refs) {
            let before = speakers.partition_point(|(start, _)| *start < r.at);
            let found = speakers[..before].iter().rev().find(|(_, i)| {
                r.pronoun == Pronoun::Any || self.items.get(*i).is_some_and(|s| s.label == "person")
            });
            if let Some(&(start, speaker)) = found {
                if r.at - start <= MAX_PRONOUN_DISTANCE
                    && !paragraph_break_between(self.text, start, r.at)
                {
                    self.link(r.claim, relation_types::ATTRIBUTED_TO, speaker);
                }
            }
        }
    }

    fn resolve_citations(&mut self) {
        if self.cite_regions.is_empty() {
            return;
        }
        let mut claims: Vec<(usize, usize)> = self
            .items
            .iter()
            .filter(|(_, s)| s.kind == Kind::Claim)
            .map(|(i, _)| (self.items.extent(i).0, i))
            .collect();
        claims.sort_unstable();
        for (publication, region) in std::mem::take(&mut self.cite_regions) {
            let first = claims.partition_point(|(start, _)| *start < region.start);
            for &(start, claim) in &claims[first..] {
                if start >= region.end {
                    break;
                }
                if self.items.extent(claim).1 <= region.end {
                    self.link(claim, relation_types::CITES, publication);
                }
            }
        }
    }

    fn relabel_publication_names(&mut self) {
        let text = self.text;
        let names: HashSet<&str> = self
            .items
            .iter()
            .filter(|(_, s)| s.kind == Kind::Source && s.label == PUBLICATION)
            .filter_map(|(_, s)| s.text(text))
            .collect();
        if names.is_empty() {
            return;
        }
        let guesses: Vec<usize> = self
            .items
            .iter()
            .filter(|(_, s)| {
                s.rule == NAME_GUESS_RULE && s.text(text).is_some_and(|t| names.contains(t))
            })
            .map(|(i, _)| i)
            .collect();
        for i in guesses {
            self.items.relabel(i, "ORG".into());
        }
    }
}

/// Orders suggestions of the same extent by their spans, then kind and label, best
/// score first.
fn order(a: HeldSuggestion, b: HeldSuggestion) -> Ordering {
    a.spans
        .cmp(b.spans)
        .then_with(|| a.kind.cmp(&b.kind))
        .then_with(|| a.label.cmp(b.label))
        .then_with(|| b.score.total_cmp(&a.score))
}

/// Sorts `items`, merges identical ones into the first (best-scored) of them and
/// attaches the links, renumbered. Only indexes and extents are sorted; each
/// suggestion is then written once, in order and with its links, into a list sized
/// for the result.
fn merge_sorted(mut items: Held, links: Vec<PendingLink>) -> Vec<Suggestion> {
    let mut order_of: Vec<(usize, usize, usize)> = Vec::with_capacity(items.len());
    order_of.extend(
        items
            .extents()
            .enumerate()
            .map(|(i, (start, end))| (start, end, i)),
    );
    // Each rule adds its suggestions in reading order, so the list is a few sorted runs,
    // which the stable sort merges. Only suggestions with the same extent are read.
    order_of.sort_by(|a, b| {
        (a.0, a.1)
            .cmp(&(b.0, b.1))
            .then_with(|| match (items.get(a.2), items.get(b.2)) {
                (Some(x), Some(y)) => order(x, y),
                _ => Ordering::Equal,
            })
    });
    let mut new_index = vec![0; items.len()];
    let mut kept: Vec<usize> = Vec::with_capacity(order_of.len());
    let mut last: Option<(usize, usize, usize)> = None;
    for (start, end, old) in order_of {
        let Some(next) = items.get(old) else {
            continue;
        };
        match last {
            Some((last_start, last_end, first))
                if (last_start, last_end) == (start, end)
                    && items.get(first).is_some_and(|s| same_suggestion(s, next)) =>
            {
                let attrs = items.attrs(old).cloned().unwrap_or_default();
                if let Some(first) = items.attrs_mut(first) {
                    first.merge(&attrs);
                }
            }
            _ => {
                kept.push(old);
                last = Some((start, end, old));
            }
        }
        new_index[old] = kept.len() - 1;
    }
    let links = renumbered(links, &new_index);
    items.into_ordered(
        &kept,
        links.into_iter().map(|link| {
            let to = SuggestedLink {
                kind: link.kind.into(),
                to: link.to,
            };
            (link.from, to)
        }),
    )
}

/// Whether two suggestions are the same but for their score, rule and attributes.
fn same_suggestion(a: HeldSuggestion, b: HeldSuggestion) -> bool {
    a.kind == b.kind && a.label == b.label && a.spans == b.spans
}

/// The links renumbered with `new_index`, sorted, without repeats or links to itself.
fn renumbered(links: Vec<PendingLink>, new_index: &[usize]) -> Vec<PendingLink> {
    let mut links: Vec<PendingLink> = links
        .into_iter()
        .map(|link| PendingLink {
            from: new_index[link.from],
            kind: link.kind,
            to: new_index[link.to],
        })
        .filter(|link| link.from != link.to)
        .collect();
    links.sort_unstable();
    links.dedup();
    links
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entity(label: &'static str, start: usize, end: usize, score: f64) -> Suggestion {
        Suggestion::new(Kind::Entity, label, Span::new(start, end), "test", score)
    }

    #[test]
    fn identical_suggestions_merge_keeping_the_best_and_links_follow() {
        let mut c = Collector::new("Shaukat Sultan said it.");
        let low = c.push(entity("PERSON", 0, 14, 0.4).with_attr("guess", "yes"));
        let high = c.push(entity("PERSON", 0, 14, 0.9).with_attr("title", "official"));
        let claim = c.push(Suggestion::new(
            Kind::Claim,
            "factual",
            Span::new(20, 22),
            "test",
            0.5,
        ));
        c.link(claim, "attributed_to", low);
        c.link(claim, "attributed_to", high);
        let out = c.finish();
        assert_eq!(out.len(), 2);
        assert_eq!(out[0].score, 0.9);
        assert_eq!(out[0].attrs["title"], "official");
        assert_eq!(out[0].attrs["guess"], "yes");
        assert_eq!(
            out[1].links,
            [SuggestedLink {
                kind: "attributed_to".into(),
                to: 0
            }]
        );
    }

    #[test]
    fn different_labels_or_kinds_stay_apart() {
        let mut c = Collector::new("Ekspress-K");
        c.push(entity("ORG", 0, 10, 0.4));
        c.push(entity("PERSON", 0, 10, 0.4));
        c.push(Suggestion::new(
            Kind::Source,
            PUBLICATION,
            Span::new(0, 10),
            "test",
            0.9,
        ));
        assert_eq!(c.finish().len(), 3);
    }

    #[test]
    fn claims_inside_a_cite_region_cite_the_publication() {
        let text = "He said that it rained (Ekspress-K, July19).";
        let mut c = Collector::new(text);
        c.push(Suggestion::new(
            Kind::Claim,
            "factual",
            Span::new(13, 22),
            "test",
            0.5,
        ));
        let publication = c.push(Suggestion::new(
            Kind::Source,
            PUBLICATION,
            Span::new(24, 34),
            "test",
            0.9,
        ));
        c.cite_region(publication, Span::new(0, 23));
        let out = c.finish();
        assert_eq!(
            out[0].links,
            [SuggestedLink {
                kind: "cites".into(),
                to: 1
            }]
        );
    }
}
