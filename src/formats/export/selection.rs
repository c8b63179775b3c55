//! Choosing what an exporter writes: the annotations asked for by the status filter that
//! the format can hold, the relations between them and the entities they point to, and
//! one [`Dropped`] sentence for everything left out.

use std::collections::{BTreeSet, HashMap, HashSet};

use crate::domain::document::Document;
use crate::domain::model::{Annotation, Kind, Relation, Span, Status};
use crate::domain::store::Store;
use crate::formats::imported::kind_for_label;

use super::{Dropped, ExportOptions, Part};

/// The annotations and relations one export writes, and what it leaves out.
pub(super) struct Selection<'a> {
    /// The article.
    pub doc: &'a Document,
    /// Its annotations.
    pub store: &'a Store,
    /// How messages name the format.
    pub title: &'static str,
    /// The annotations written, in reading order.
    pub annotations: Vec<&'a Annotation>,
    /// Ids not asked for (status filter): relations to them are skipped silently.
    unasked: HashSet<&'a str>,
    /// Ids left out by this format.
    left_out: HashSet<String>,
    /// What was left out, in the order found.
    pub dropped: Vec<Dropped>,
}

impl<'a> Selection<'a> {
    /// The annotations of `store` asked for by `options` that have a place in the
    /// article; those of a status outside `statuses` are left out and reported.
    pub fn new(
        doc: &'a Document,
        store: &'a Store,
        options: &ExportOptions,
        title: &'static str,
        statuses: &[Status],
    ) -> Self {
        let mut selection = Selection {
            doc,
            store,
            title,
            annotations: Vec::new(),
            unasked: HashSet::new(),
            left_out: HashSet::new(),
            dropped: Vec::new(),
        };
        for a in store.annotations() {
            if !options.status.admits(a.status) {
                selection.unasked.insert(&a.id);
            } else if a.status == Status::Orphaned || a.spans.is_empty() {
                selection.leave_out(a, "it has no place in the article (orphaned)");
            } else if !valid_spans(doc, &a.spans) {
                selection.leave_out(a, "its spans are not a valid range of the article");
            } else if !statuses.contains(&a.status) {
                let reason = format!(
                    "{title} cannot mark an annotation {} (and does not write it as if accepted)",
                    a.status
                );
                let loss = format!(
                    "{} annotations, which {title} cannot mark as such (and does not write as if accepted)",
                    a.status
                );
                selection.leave_out_as(vec![(a, reason)], Some(&loss));
            } else {
                selection.annotations.push(a);
            }
        }
        selection
    }

    /// Leaves `a` out with `reason`.
    pub fn leave_out(&mut self, a: &Annotation, reason: &str) {
        self.leave_out_all(vec![(a, reason.to_string())]);
    }

    /// Leaves out each annotation with its reason, in one pass over the rest.
    pub fn leave_out_all(&mut self, found: Vec<(&Annotation, String)>) {
        self.leave_out_as(found, None);
    }

    /// Leaves out each annotation with its reason, counted under `loss` when given (see
    /// [`Dropped::with_loss`]), in one pass over the rest.
    pub fn leave_out_as(&mut self, found: Vec<(&Annotation, String)>, loss: Option<&str>) {
        if found.is_empty() {
            return;
        }
        for (a, reason) in &found {
            self.left_out.insert(a.id.clone());
            let dropped = Dropped::not_written(&a.id, &describe(a), reason);
            self.dropped.push(match loss {
                Some(loss) => dropped.with_loss(loss),
                None => dropped,
            });
        }
        let left_out = &self.left_out;
        self.annotations.retain(|kept| !left_out.contains(&kept.id));
    }

    /// Leaves out every written annotation for which `reason` gives a reason.
    pub fn leave_out_where(&mut self, mut reason: impl FnMut(&Annotation) -> Option<String>) {
        let found: Vec<(&'a Annotation, String)> = self
            .annotations
            .iter()
            .filter_map(|a| reason(a).map(|r| (*a, r)))
            .collect();
        self.leave_out_all(found);
    }

    /// Leaves out discontinuous annotations, for formats whose spans are contiguous.
    pub fn leave_out_discontinuous(&mut self) {
        let title = self.title;
        let found: Vec<(&'a Annotation, String)> = self
            .annotations
            .iter()
            .filter(|a| a.spans.len() > 1)
            .map(|a| {
                let reason = format!(
                    "{title} spans are contiguous and it has {} pieces",
                    a.spans.len()
                );
                (*a, reason)
            })
            .collect();
        let loss = format!("discontinuous annotations, as {title} spans are contiguous");
        self.leave_out_as(found, Some(&loss));
    }

    /// Reports what each written annotation loses in a format that holds only what
    /// `holds` says, and whose kind is read back from the label unless `kind_held`
    /// says it is held for that annotation.
    pub fn report_details(&mut self, holds: Holds, kind_held: impl Fn(&Annotation) -> bool) {
        let mut found = Vec::new();
        for a in &self.annotations {
            let mut parts = Vec::new();
            let mut phrases = Vec::new();
            let mut losses = Vec::new();
            if !kind_held(a) && kind_for_label(&a.label) != a.kind {
                parts.push(Part::Kind);
                losses.push("their kind".to_string());
                phrases.push(if holds.label_only {
                    "its kind (only its label is written)".to_string()
                } else {
                    format!(
                        "its kind (a \"{}\" label reads back as {})",
                        a.label,
                        article_kind(kind_for_label(&a.label))
                    )
                });
            }
            let attrs: Vec<&str> = a
                .attrs
                .keys()
                .map(String::as_str)
                .filter(|k| *k != "links" && !holds.attrs.contains(k))
                .collect();
            if !attrs.is_empty() && !holds.all_attrs {
                parts.push(Part::Attributes);
                phrases.push(format!("its attributes ({})", attrs.join(", ")));
                losses.push("some attributes".to_string());
            }
            if a.note.as_deref().is_some_and(|n| !n.is_empty()) && !holds.note {
                parts.push(Part::Note);
                phrases.push("its note".to_string());
                losses.push("their note".to_string());
            }
            if a.attrs.contains_key("links") && !holds.links {
                parts.push(Part::Links);
                phrases.push("its links".to_string());
                losses.push("their links".to_string());
            }
            if !parts.is_empty() {
                let reason = format!("{} cannot hold {}", self.title, join_and(&phrases));
                let loss = format!(
                    "annotations without {}, which {} cannot hold",
                    join_and(&losses),
                    self.title
                );
                found.push(
                    Dropped::written_in_part(&a.id, parts, &describe(a), &reason).with_loss(loss),
                );
            }
        }
        self.dropped.extend(found);
    }

    /// Reports `a` as written without `part`, with `what` saying how (after the
    /// format's name: "types cannot hold whitespace; its label is written …").
    pub fn report_part(&mut self, a: &Annotation, part: Part, what: &str) {
        let reason = format!("{} {what}", self.title);
        self.dropped.push(Dropped::written_in_part(
            &a.id,
            vec![part],
            &describe(a),
            &reason,
        ));
    }

    /// The relations between written annotations; `hold` says whether the format can
    /// hold a relation (given its two ends) and, when not, why (for this relation, and
    /// as the kind of loss of every relation it befalls). Relations touching an
    /// annotation not asked for are skipped silently; the others not written are
    /// reported.
    pub fn relations(
        &mut self,
        mut hold: impl FnMut(&Relation, &Annotation, &Annotation) -> Result<(), (String, String)>,
    ) -> Vec<&'a Relation> {
        let mut kept = Vec::new();
        let written: HashMap<&str, &'a Annotation> = self
            .annotations
            .iter()
            .map(|a| (a.id.as_str(), *a))
            .collect();
        for r in self.store.relations() {
            if self.unasked.contains(r.from.as_str()) || self.unasked.contains(r.to.as_str()) {
                continue;
            }
            let subject = describe_relation(r);
            match self.ends(r, &written) {
                Err((reason, loss)) => self
                    .dropped
                    .push(Dropped::not_written(&r.id, &subject, &reason).with_loss(loss)),
                Ok((from, to)) => match hold(r, from, to) {
                    Err((reason, loss)) => self
                        .dropped
                        .push(Dropped::not_written(&r.id, &subject, &reason).with_loss(loss)),
                    Ok(()) => kept.push(r),
                },
            }
        }
        kept
    }

    /// Reports every relation asked for as left out: the format has none.
    pub fn no_relations(&mut self) {
        let title = self.title;
        for r in self.store.relations() {
            if self.unasked.contains(r.from.as_str()) || self.unasked.contains(r.to.as_str()) {
                continue;
            }
            self.dropped.push(
                Dropped::not_written(
                    &r.id,
                    &describe_relation(r),
                    &format!("{title} cannot hold relations"),
                )
                .with_loss(format!("relations, which {title} cannot hold")),
            );
        }
    }

    /// The two written annotations a relation joins, or why it joins something else
    /// (for this relation, and as the kind of loss of every relation so joined).
    fn ends(
        &self,
        r: &Relation,
        written: &HashMap<&str, &'a Annotation>,
    ) -> Result<(&'a Annotation, &'a Annotation), (String, String)> {
        let title = self.title;
        let end = |id: &str| -> Result<&'a Annotation, (String, String)> {
            if let Some(a) = written.get(id) {
                return Ok(*a);
            }
            if self.left_out.contains(id) {
                Err((
                    format!("its end {id} is left out"),
                    "relations whose end is left out".to_string(),
                ))
            } else if self.store.entity(id).is_some() {
                Err((
                    format!("{title} cannot hold a relation to the canonical entity {id}"),
                    format!("relations to a canonical entity, which {title} cannot hold"),
                ))
            } else {
                Err((
                    format!("{id} is not in the sidecar"),
                    "relations whose end is not in the sidecar".to_string(),
                ))
            }
        };
        Ok((end(&r.from)?, end(&r.to)?))
    }

    /// Reports every canonical entity as left out (with `how` saying what of it is still
    /// written, if anything), except those whose every mention was not asked for.
    pub fn report_entities(&mut self, how: &str) {
        let mut found = Vec::new();
        let mut referring: HashMap<&str, Vec<&str>> = HashMap::new();
        for a in self.store.annotations() {
            if let Some(e) = a.entity.as_deref() {
                referring.entry(e).or_default().push(&a.id);
            }
        }
        for r in self.store.relations() {
            referring.entry(&r.to).or_default().push(&r.from);
        }
        for e in self.store.entities() {
            let referring = referring.get(e.id.as_str()).map_or(&[][..], Vec::as_slice);
            if !referring.is_empty() && referring.iter().all(|id| self.unasked.contains(id)) {
                continue;
            }
            found.push(
                Dropped::not_written(
                    &e.id,
                    &format!("{} ({} {})", e.id, e.label, e.name),
                    &format!("{} has no canonical entities; {how}", self.title),
                )
                .with_loss(format!(
                    "canonical entities, which {} has no place for ({how})",
                    self.title
                )),
            );
        }
        self.dropped.extend(found);
    }

    /// The byte spans of `a` trimmed of surrounding whitespace (for formats made of
    /// tokens); reports the trim, and leaves `a` out when nothing is left.
    pub fn trim_for_tokens(&mut self) -> Vec<(&'a Annotation, Span)> {
        let mut trimmed = Vec::new();
        let mut empty = Vec::new();
        let mut changed = Vec::new();
        for a in &self.annotations {
            let span = a.spans[0];
            match trim(self.doc.text(), span) {
                Some(t) => {
                    if t != span {
                        changed.push(*a);
                    }
                    trimmed.push((*a, t));
                }
                None => empty.push(*a),
            }
        }
        self.leave_out_all(
            empty
                .into_iter()
                .map(|a| {
                    (
                        a,
                        "it covers only whitespace, which makes no token".to_string(),
                    )
                })
                .collect(),
        );
        for a in changed {
            self.report_part(
                a,
                Part::Spans,
                "cannot start or end a span on whitespace; its span is trimmed to the text inside",
            );
        }
        trimmed
    }
}

/// What a format holds of an annotation besides its spans and label.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Holds {
    /// Every attribute.
    pub all_attrs: bool,
    /// The attributes held when not all are.
    pub attrs: &'static [&'static str],
    /// The note.
    pub note: bool,
    /// Links to knowledge bases (`attrs["links"]`).
    pub links: bool,
    /// Whether scholia reads no kind back from the format at all (no importer), so the
    /// kind is simply not written.
    pub label_only: bool,
}

/// Whether every span is a non-empty range of the text on character boundaries.
fn valid_spans(doc: &Document, spans: &[Span]) -> bool {
    spans
        .iter()
        .all(|s| !s.is_empty() && doc.slice(*s).is_some())
}

/// `span` without the whitespace (and BOM) at its ends; `None` when nothing is left.
pub(super) fn trim(text: &str, span: Span) -> Option<Span> {
    let inner = text.get(span.start..span.end)?;
    let start = span.start + (inner.len() - inner.trim_start_matches(is_space).len());
    let end = span.start + inner.trim_end_matches(is_space).len();
    (start < end).then_some(Span::new(start, end))
}

/// Whitespace as Python sees it (and so spaCy), plus the byte-order mark.
pub(super) fn is_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c) || c == '\u{feff}'
}

/// `a7 (claim factual)`, `a9 (pending entity PERSON)`: an annotation in messages.
pub(super) fn describe(a: &Annotation) -> String {
    let status = match a.status {
        Status::Accepted => String::new(),
        other => format!("{other} "),
    };
    format!("{} ({status}{} {})", a.id, a.kind, a.label)
}

/// `r1 (attributed_to a11 → a10)`: a relation in messages.
pub(super) fn describe_relation(r: &Relation) -> String {
    format!("{} ({} {} → {})", r.id, r.kind, r.from, r.to)
}

fn article_kind(kind: Kind) -> &'static str {
    match kind {
        Kind::Entity => "an entity",
        Kind::Claim => "a claim",
        Kind::Source => "a source",
    }
}

/// `a`, `a and b`, `a, b and c`.
pub(super) fn join_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// The byte offsets where the written spans start and end, for splitting tokens.
pub(super) fn cuts(spans: &[(&Annotation, Span)]) -> BTreeSet<usize> {
    spans.iter().flat_map(|(_, s)| [s.start, s.end]).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trim_drops_whitespace_and_bom() {
        let text = "\u{feff} ab \n";
        assert_eq!(trim(text, Span::new(0, text.len())), Some(Span::new(4, 6)));
        assert_eq!(trim(text, Span::new(6, 8)), None);
    }

    #[test]
    fn join_and_reads_like_english() {
        let items = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(join_and(&items(&["a"])), "a");
        assert_eq!(join_and(&items(&["a", "b", "c"])), "a, b and c");
    }
}
