//! The suggestions a collector holds while the rules run, held small: what a rule
//! gives many suggestions alike (kind, label, rule name, score) is held once, as a
//! template, and each suggestion keeps its template's number, its spans and its
//! attributes. They are held in chunks of a fixed size, so that holding more never
//! copies those already held. The result is written once, in order, when it is
//! assembled.

use crate::domain::model::{Kind, Span};

use super::attrs::Attrs;
use super::links::{Links, SuggestedLink};
use super::name::Name;
use super::spans::Spans;
use super::suggestion::Suggestion;

/// How many suggestions a chunk holds (a power of two).
const CHUNK: usize = 4096;

/// How many of the latest templates a new suggestion is compared with before it gets
/// one of its own.
const RECENT_TEMPLATES: usize = 32;

/// What suggestions share: kind, label, rule name and score.
struct Template {
    kind: Kind,
    label: Name,
    rule: Name,
    score: f64,
}

impl Template {
    /// Whether `s` has this kind, label, rule and score.
    fn fits(&self, kind: Kind, label: &Name, rule: &Name, score: f64) -> bool {
        self.kind == kind
            && self.score.to_bits() == score.to_bits()
            && same_text(&self.label, label)
            && same_text(&self.rule, rule)
    }
}

/// Whether two names hold the same text; the rules' names are mostly the same string.
fn same_text(a: &Name, b: &Name) -> bool {
    let (a, b) = (a.as_str(), b.as_str());
    std::ptr::eq(a, b) || a == b
}

/// One suggestion as held: its template's number, spans and attributes.
struct Record {
    template: u32,
    spans: Spans,
    attrs: Attrs,
}

impl Record {
    /// From the first span's start to the last span's end.
    fn extent(&self) -> (usize, usize) {
        let extent = self.spans.extent();
        (extent.start, extent.end)
    }
}

/// A held suggestion, read.
#[derive(Clone, Copy)]
pub(crate) struct HeldSuggestion<'a> {
    /// Entity, claim or source.
    pub kind: Kind,
    /// Its label.
    pub label: &'a Name,
    /// The rule that made it.
    pub rule: &'a Name,
    /// The rule's score.
    pub score: f64,
    /// Its spans.
    pub spans: &'a Spans,
}

impl<'a> HeldSuggestion<'a> {
    /// The text it covers, from its first span's start to its last span's end.
    pub(crate) fn text<'t>(&self, text: &'t str) -> Option<&'t str> {
        if self.spans.is_empty() {
            return None;
        }
        let extent = self.spans.extent();
        text.get(extent.start..extent.end)
    }
}

/// Suggestions by index.
#[derive(Default)]
pub(crate) struct Held {
    templates: Vec<Template>,
    /// The template the latest suggestion took.
    latest: usize,
    chunks: Vec<Vec<Record>>,
    /// How many suggestions were pushed.
    len: usize,
}

impl Held {
    /// Holds `suggestion` and returns its index. Its links are not kept: the rules
    /// link suggestions through the collector.
    pub(crate) fn push(&mut self, suggestion: Suggestion) -> usize {
        let template = self.template_for(
            suggestion.kind,
            suggestion.label,
            suggestion.rule,
            suggestion.score,
        );
        self.hold(Record {
            template,
            spans: suggestion.spans,
            attrs: suggestion.attrs,
        })
    }

    /// Holds `record` after the others and returns its index.
    fn hold(&mut self, record: Record) -> usize {
        let index = self.len;
        self.len += 1;
        if index.is_multiple_of(CHUNK) {
            self.chunks.push(Vec::with_capacity(CHUNK));
        }
        if let Some(chunk) = self.chunks.last_mut() {
            chunk.push(record);
        }
        index
    }

    /// Holds the suggestions of `later`, found in a piece of the text that starts `by`
    /// bytes on, after these, in their order, their spans placed in the whole text.
    /// Suggestion `i` of `later` gets the index `self.len() + i`.
    pub(crate) fn append_shifted(&mut self, later: Held, by: usize) {
        let templates: Vec<u32> = later
            .templates
            .into_iter()
            .map(|t| self.template_for(t.kind, t.label, t.rule, t.score))
            .collect();
        for record in later.chunks.into_iter().flatten() {
            self.hold(Record {
                template: templates[record.template as usize],
                spans: record.spans.shifted(by),
                attrs: record.attrs,
            });
        }
    }

    /// The number of the template with this kind, label, rule and score: the latest
    /// one taken, one of the recent ones, or a new one.
    fn template_for(&mut self, kind: Kind, label: Name, rule: Name, score: f64) -> u32 {
        let fits = |t: &Template| t.fits(kind, &label, &rule, score);
        let found = if self.templates.get(self.latest).is_some_and(fits) {
            Some(self.latest)
        } else {
            let from = self.templates.len().saturating_sub(RECENT_TEMPLATES);
            self.templates[from..]
                .iter()
                .rposition(fits)
                .map(|k| from + k)
        };
        self.latest = found.unwrap_or_else(|| {
            self.templates.push(Template {
                kind,
                label,
                rule,
                score,
            });
            self.templates.len() - 1
        });
        // Fewer templates than suggestions, which an index of the text numbers.
        self.latest as u32
    }

    /// How many suggestions were pushed.
    pub(crate) fn len(&self) -> usize {
        self.len
    }

    /// The extent of suggestion `index` (start, end), or an empty one at 0 when there is
    /// no such suggestion.
    pub(crate) fn extent(&self, index: usize) -> (usize, usize) {
        self.record(index).map_or((0, 0), Record::extent)
    }

    /// Every extent, by index.
    pub(crate) fn extents(&self) -> impl Iterator<Item = (usize, usize)> + '_ {
        self.chunks.iter().flatten().map(Record::extent)
    }

    fn record(&self, index: usize) -> Option<&Record> {
        self.chunks.get(index / CHUNK)?.get(index % CHUNK)
    }

    fn read<'a>(&'a self, record: &'a Record) -> Option<HeldSuggestion<'a>> {
        let t = self.templates.get(record.template as usize)?;
        Some(HeldSuggestion {
            kind: t.kind,
            label: &t.label,
            rule: &t.rule,
            score: t.score,
            spans: &record.spans,
        })
    }

    /// Suggestion `index`.
    pub(crate) fn get(&self, index: usize) -> Option<HeldSuggestion<'_>> {
        self.read(self.record(index)?)
    }

    /// The attributes of suggestion `index`, to change.
    pub(crate) fn attrs_mut(&mut self, index: usize) -> Option<&mut Attrs> {
        let record = self.chunks.get_mut(index / CHUNK)?.get_mut(index % CHUNK)?;
        Some(&mut record.attrs)
    }

    /// The attributes of suggestion `index`.
    pub(crate) fn attrs(&self, index: usize) -> Option<&Attrs> {
        Some(&self.record(index)?.attrs)
    }

    /// Gives suggestion `index` the label `label`.
    pub(crate) fn relabel(&mut self, index: usize, label: Name) {
        let Some(t) = self
            .record(index)
            .and_then(|r| self.templates.get(r.template as usize))
        else {
            return;
        };
        let (kind, rule, score) = (t.kind, t.rule.clone(), t.score);
        let template = self.template_for(kind, label, rule, score);
        if let Some(record) = self
            .chunks
            .get_mut(index / CHUNK)
            .and_then(|c| c.get_mut(index % CHUNK))
        {
            record.template = template;
        }
    }

    /// The suggestions, with their indexes.
    pub(crate) fn iter(&self) -> impl Iterator<Item = (usize, HeldSuggestion<'_>)> {
        self.chunks.iter().enumerate().flat_map(move |(c, chunk)| {
            chunk
                .iter()
                .enumerate()
                .filter_map(move |(k, r)| Some((c * CHUNK + k, self.read(r)?)))
        })
    }

    /// The suggestions at the indexes of `order` (each index at most once), in that
    /// order, each written once into a list sized for them with its links: `links`
    /// holds each link with the place in `order` of the suggestion it is from, sorted
    /// by that place. The suggestions not in `order` are dropped.
    pub(crate) fn into_ordered(
        mut self,
        order: &[usize],
        links: impl IntoIterator<Item = (usize, SuggestedLink)>,
    ) -> Vec<Suggestion> {
        let mut links = links.into_iter().peekable();
        let mut out = Vec::with_capacity(order.len());
        for (place, &index) in order.iter().enumerate() {
            let mut own_links = Links::default();
            while let Some((_, link)) = links.next_if(|(from, _)| *from == place) {
                own_links.push(link);
            }
            let Some(record) = self
                .chunks
                .get_mut(index / CHUNK)
                .and_then(|c| c.get_mut(index % CHUNK))
            else {
                continue;
            };
            let Some(t) = self.templates.get(record.template as usize) else {
                continue;
            };
            out.push(Suggestion {
                kind: t.kind,
                label: t.label.clone(),
                spans: std::mem::replace(&mut record.spans, Span::new(0, 0).into()),
                rule: t.rule.clone(),
                score: t.score,
                attrs: std::mem::take(&mut record.attrs),
                links: own_links,
            });
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(start: usize, label: &'static str) -> Suggestion {
        Suggestion::new(
            Kind::Entity,
            label,
            Span::new(start, start + 1),
            "test",
            0.5,
        )
    }

    #[test]
    fn suggestions_share_templates_and_come_out_in_the_order_asked() {
        let mut held = Held::default();
        for i in 0..2 * CHUNK + 3 {
            let label = if i % 3 == 0 { "X" } else { "Y" };
            assert_eq!(held.push(at(i, label)), i);
        }
        assert_eq!(held.templates.len(), 2);
        assert_eq!(held.len(), 2 * CHUNK + 3);
        assert_eq!(held.extent(CHUNK + 1), (CHUNK + 1, CHUNK + 2));
        assert_eq!(held.get(3).map(|s| s.label.as_str()), Some("X"));
        held.relabel(3, "Z".into());
        assert_eq!(held.get(3).map(|s| s.label.as_str()), Some("Z"));
        assert_eq!(held.iter().nth(CHUNK).map(|(i, _)| i), Some(CHUNK));
        let order = [CHUNK + 2, 3, 0, 2 * CHUNK + 2];
        let out: Vec<(usize, String, usize)> = held
            .into_ordered(
                &order,
                [(
                    1,
                    SuggestedLink {
                        kind: "cites".into(),
                        to: 0,
                    },
                )],
            )
            .iter()
            .map(|s| (s.extent().start, s.label.to_string(), s.links.len()))
            .collect();
        assert_eq!(
            out,
            [
                (CHUNK + 2, "X".to_string(), 0),
                (3, "Z".to_string(), 1),
                (0, "X".to_string(), 0),
                (2 * CHUNK + 2, "Y".to_string(), 0)
            ]
        );
    }
}
