//! Collects the rules' suggestions, then assembles the result: resolves pronouns to
//! speakers, links claims to the publications cited after them, relabels names that
//! turned out to be publications, sorts by position and merges identical suggestions.

use std::cmp::Ordering;
use std::collections::HashSet;

use crate::domain::model::{relation_types, Kind, Span};

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
    items: Vec<Suggestion>,
    links: Vec<PendingLink>,
    cite_regions: Vec<(usize, Span)>,
    pronoun_refs: Vec<PronounRef>,
}

impl<'t> Collector<'t> {
    /// An empty collector for `text`.
    pub(crate) fn new(text: &'t str) -> Self {
        Collector {
            text,
            items: Vec::new(),
            links: Vec::new(),
            cite_regions: Vec::new(),
            pronoun_refs: Vec::new(),
        }
    }

    /// Adds a suggestion and returns its index (valid until [`Collector::finish`]).
    pub(crate) fn push(&mut self, suggestion: Suggestion) -> usize {
        self.items.push(suggestion);
        self.items.len() - 1
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
            .enumerate()
            .filter(|(_, s)| s.kind == Kind::Source && s.label != PUBLICATION)
            .map(|(i, s)| (s.extent().start, i))
            .collect();
        speakers.sort_unstable();
        for r in std::mem::take(&mut self.pronoun_refs) {
            let before = speakers.partition_point(|(start, _)| *start < r.at);
            let found = speakers[..before]
                .iter()
                .rev()
                .find(|(_, i)| r.pronoun == Pronoun::Any || self.items[*i].label == "person");
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
            .enumerate()
            .filter(|(_, s)| s.kind == Kind::Claim)
            .map(|(i, s)| (s.extent().start, i))
            .collect();
        claims.sort_unstable();
        for (publication, region) in std::mem::take(&mut self.cite_regions) {
            let first = claims.partition_point(|(start, _)| *start < region.start);
            for &(start, claim) in &claims[first..] {
                if start >= region.end {
                    break;
                }
                if self.items[claim].extent().end <= region.end {
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
            .filter(|s| s.kind == Kind::Source && s.label == PUBLICATION)
            .filter_map(|s| s.text(text))
            .collect();
        if names.is_empty() {
            return;
        }
        for item in &mut self.items {
            if item.rule == NAME_GUESS_RULE && item.text(text).is_some_and(|t| names.contains(t)) {
                item.label = "ORG".into();
            }
        }
    }
}

/// Orders suggestions by position, then kind, label and spans, best score first.
fn order(a: &Suggestion, b: &Suggestion) -> Ordering {
    a.extent()
        .start
        .cmp(&b.extent().start)
        .then_with(|| a.spans.cmp(&b.spans))
        .then_with(|| a.kind.cmp(&b.kind))
        .then_with(|| a.label.cmp(&b.label))
        .then_with(|| b.score.total_cmp(&a.score))
}

/// Sorts `items`, merges identical ones into the first (best-scored) of them and
/// attaches the links, renumbered. Each suggestion is moved once, in order, into a list
/// sized for the result: the rules' runs are read one after the other as they
/// interleave, and the result is written from front to back.
fn merge_sorted(items: Vec<Suggestion>, links: Vec<PendingLink>) -> Vec<Suggestion> {
    let mut order_of: Vec<(usize, usize, usize)> = items
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let extent = s.extent();
            (extent.start, extent.end, i)
        })
        .collect();
    // Each rule adds its suggestions in reading order, so the list is a few sorted runs,
    // which the stable sort merges.
    order_of.sort_by(|a, b| {
        (a.0, a.1)
            .cmp(&(b.0, b.1))
            .then_with(|| order(&items[a.2], &items[b.2]))
    });
    let distinct = order_of
        .windows(2)
        .filter(|w| !same_suggestion(&items[w[0].2], &items[w[1].2]))
        .count()
        + usize::from(!items.is_empty());
    // Slots to move the suggestions out of, one at a time (the same memory, in place).
    let mut slots: Vec<Option<Suggestion>> = items.into_iter().map(Some).collect();
    let mut new_index = vec![0; slots.len()];
    let mut merged: Vec<Suggestion> = Vec::with_capacity(distinct);
    for (_, _, old) in order_of {
        let Some(next) = slots[old].take() else {
            continue;
        };
        match merged.last_mut() {
            Some(last) if same_suggestion(last, &next) => {
                for (key, value) in next.attrs {
                    last.attrs.insert_if_absent(key, value);
                }
            }
            _ => merged.push(next),
        }
        new_index[old] = merged.len() - 1;
    }
    drop(slots);
    attach_links(&mut merged, links, &new_index);
    merged
}

/// Whether two suggestions are the same but for their score, rule and attributes.
fn same_suggestion(a: &Suggestion, b: &Suggestion) -> bool {
    a.kind == b.kind && a.label == b.label && a.spans == b.spans
}

/// Gives each merged suggestion its links, renumbered with `new_index`, sorted, without
/// repeats or links to itself.
fn attach_links(items: &mut [Suggestion], links: Vec<PendingLink>, new_index: &[usize]) {
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
    for link in links {
        items[link.from].links.push(SuggestedLink {
            kind: link.kind.into(),
            to: link.to,
        });
    }
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
