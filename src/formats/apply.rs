//! Puts imported annotations onto an article (DESIGN §4): picks the record that matches
//! the article, converts each span from the file's unit, checks it against the text,
//! re-anchors what moved, reports what cannot be placed, and adds the rest to the store
//! as one undoable step. Nothing is dropped or shifted silently; importing the same file
//! twice adds nothing the second time. Labels, quoted text and times are interned while
//! a record is placed ([`intern::scope`]): one string for each, whatever the count.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use crate::domain::anchor::{find_quote, mark_moved, place, quote_for, Placement, Text};
use crate::domain::document::Document;
use crate::domain::history::StepKind;
use crate::domain::merge::{Batch, BatchRelation, Known};
use crate::domain::model::{intern, Annotation, Attrs, Entity, Kind, Origin, Quote, Span, Status};
use crate::domain::schema::Schema;
use crate::domain::sidecar::LoadReport;
use crate::domain::store::Store;

use super::brat::names::{fragments, CUE_AT_KEY, EQUIVALENCE_KEY, TRIGGER_AT_KEY};
use super::export::losses::counted;
use super::imported::{
    ImportProblem, ImportedAnnotation, ImportedDoc, ImportedRelation, OffsetUnit,
};
use super::offset_evidence::misreading;
use super::shift::Shift;
use super::text_difference::{first_difference, same_but_whitespace};
use super::token_alignment::{self, align, Alignment};
use super::token_list::TokenList;

/// What to do with what is imported.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ApplyOptions {
    /// Force every imported annotation to this status (`--as pending|accepted`).
    pub status: Option<Status>,
    /// The schema whose claim and source kinds give the kind of an annotation the file
    /// labels without saying its kind (`factual` → claim); `None`: the default schema.
    /// The workbench imports with its own schema.
    pub schema: Option<Schema>,
}

/// What an import did, for the one summary line and `--verbose`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportSummary {
    /// Annotations added.
    pub imported: usize,
    /// Annotations placed somewhere else than their offsets said, with why.
    pub reanchored: Vec<String>,
    /// Annotations placed on another occurrence of their words whose context agrees
    /// only in part, with why; they are marked for review.
    pub moved: Vec<String>,
    /// Annotations not imported, with why.
    pub rejected: Vec<String>,
    /// Why nothing of the record was imported: its offsets look counted in another unit
    /// or with other ends than they were read, and the flags that read them right.
    pub stopped: Option<String>,
    /// Annotations already in the sidecar (same kind, label and spans).
    pub duplicates: usize,
    /// Relations added.
    pub relations: usize,
    /// Canonical entities added (brat equivalences).
    pub entities: usize,
    /// Problems the parser reported that lost something of the file (malformed lines,
    /// unreadable records, items skipped).
    pub problems: Vec<String>,
    /// What the parser noted that lost nothing (an empty file, a value that fell back to
    /// its default).
    pub notices: Vec<String>,
    /// What loading the sidecar did to the annotations already in it (the article may
    /// have changed since it was written).
    pub sidecar: LoadReport,
}

impl ImportSummary {
    /// One line: `imported N annotations and M relations (R re-anchored, V moved to
    /// another occurrence, O orphaned, X rejected, D already present, P problems in the
    /// file[, N notices])`. The re-anchored, moved and orphaned counts cover the
    /// annotations already in the sidecar as well as the imported ones. Canonical
    /// entities made by the import are named when there are any: `imported N
    /// annotations, M relations and E canonical entities (…)`.
    pub fn line(&self) -> String {
        if let Some(why) = &self.stopped {
            return format!("imported nothing: {why}");
        }
        let notices = match self.notices.len() {
            0 => String::new(),
            1 => ", 1 notice".to_string(),
            n => format!(", {n} notices"),
        };
        let entities = match self.entities {
            0 => String::new(),
            1 => " and 1 canonical entity".to_string(),
            n => format!(" and {n} canonical entities"),
        };
        let and = if entities.is_empty() { " and" } else { "," };
        format!(
            "imported {}{and} {}{entities} ({} re-anchored, {} moved to another occurrence, {} orphaned, {} rejected, {} already present, {} in the file{notices})",
            counted(self.imported, "annotation", "annotations"),
            counted(self.relations, "relation", "relations"),
            self.reanchored.len() + self.sidecar.reanchored(),
            self.moved.len() + self.sidecar.moved.len(),
            self.sidecar.orphaned.len(),
            self.rejected.len(),
            self.duplicates,
            counted(self.problems.len(), "problem", "problems")
        )
    }

    /// Every detail line, for `--verbose`.
    pub fn details(&self) -> Vec<String> {
        let tag = |what: &str, items: &[String]| {
            items
                .iter()
                .map(|i| format!("{what}: {i}"))
                .collect::<Vec<_>>()
        };
        let mut lines = tag("in the sidecar", &self.sidecar.details());
        lines.extend(tag("re-anchored", &self.reanchored));
        lines.extend(tag("moved to another occurrence", &self.moved));
        lines.extend(tag("stopped", self.stopped.as_slice()));
        lines.extend(tag("rejected", &self.rejected));
        lines.extend(tag("file problem", &self.problems));
        lines.extend(tag("file notice", &self.notices));
        lines
    }
}

/// Why an import cannot start at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ApplyError {
    /// The file holds no document.
    #[error("the file holds no document to import")]
    NoDocument,
    /// Several records, none with the article's text.
    #[error("none of the {records} records in the file has this article's text; import from a file for this article, or one record only")]
    NoMatchingRecord {
        /// How many records the file holds.
        records: usize,
    },
}

/// Picks the record for `doc` among `docs`: the one whose text is the article's (BOM
/// and line endings aside), else the first one of tokens (CoNLL) that fits the article
/// ([`token_alignment::fits`]), or the only one.
pub fn pick_record<'a>(
    doc: &Document,
    docs: &'a [ImportedDoc],
) -> Result<&'a ImportedDoc, ApplyError> {
    // The article's very text is recognised without copying either text.
    let mut article = None;
    if let Some(found) = docs.iter().find(|d| {
        d.text.as_deref().is_some_and(|t| {
            t == doc.text() || normalise(t) == *article.get_or_insert_with(|| normalise(doc.text()))
        })
    }) {
        return Ok(found);
    }
    if docs.len() > 1 {
        if let Some(found) = docs.iter().find(|d| {
            d.tokens
                .as_ref()
                .is_some_and(|tokens| token_alignment::fits(doc.text(), tokens))
        }) {
            return Ok(found);
        }
    }
    match docs {
        [only] => Ok(only),
        [] => Err(ApplyError::NoDocument),
        _ => Err(ApplyError::NoMatchingRecord {
            records: docs.len(),
        }),
    }
}

fn normalise(text: &str) -> String {
    text.trim_start_matches('\u{feff}').replace("\r\n", "\n")
}

/// Adds the annotations and relations of `imported` to `store`, placed on `doc`.
pub fn apply(
    doc: &Document,
    store: &mut Store,
    imported: &ImportedDoc,
    options: &ApplyOptions,
) -> ImportSummary {
    intern::scope(|| place_record(doc, store, Record::Borrowed(imported), options))
}

/// Adds the annotations and relations of `imported` to `store`, placed on `doc`, as
/// [`apply`] does; each imported annotation and relation is given back as soon as it is
/// placed, so that the file's document and the store it fills are not held in full at
/// once (an import that holds its record alone, as the `import` command).
pub fn apply_owned(
    doc: &Document,
    store: &mut Store,
    imported: ImportedDoc,
    options: &ApplyOptions,
) -> ImportSummary {
    intern::scope(|| place_record(doc, store, Record::Owned(Box::new(imported)), options))
}

/// The record being placed, borrowed (its items copied one at a time as they are
/// placed) or owned (its items taken one at a time).
enum Record<'a> {
    Borrowed(&'a ImportedDoc),
    Owned(Box<ImportedDoc>),
}

impl Record<'_> {
    fn doc(&self) -> &ImportedDoc {
        match self {
            Record::Borrowed(doc) => doc,
            Record::Owned(doc) => doc,
        }
    }

    /// Its annotations, in order.
    fn annotations(&mut self) -> Box<dyn Iterator<Item = ImportedAnnotation> + '_> {
        match self {
            Record::Borrowed(doc) => Box::new(doc.annotations.iter().cloned()),
            Record::Owned(doc) => Box::new(Handed::new(std::mem::take(&mut doc.annotations))),
        }
    }

    /// Its relations, in order.
    fn relations(&mut self) -> Box<dyn Iterator<Item = ImportedRelation> + '_> {
        match self {
            Record::Borrowed(doc) => Box::new(doc.relations.iter().cloned()),
            Record::Owned(doc) => Box::new(Handed::new(std::mem::take(&mut doc.relations))),
        }
    }
}

/// The items of a list, first to last, the list giving back its room as it empties
/// (whenever a quarter of it is unused), so that what is taken from it and what is made
/// of that are not held in full at once.
struct Handed<T> {
    /// The items not yet taken, last first.
    reversed: Vec<T>,
}

impl<T> Handed<T> {
    fn new(mut items: Vec<T>) -> Self {
        items.reverse();
        Handed { reversed: items }
    }
}

impl<T> Iterator for Handed<T> {
    type Item = T;

    fn next(&mut self) -> Option<T> {
        let item = self.reversed.pop()?;
        if self.reversed.len() * 4 < self.reversed.capacity() * 3 {
            self.reversed.shrink_to_fit();
        }
        Some(item)
    }
}

/// Places `record` on `doc` and adds it to `store` (see [`apply`]).
fn place_record(
    doc: &Document,
    store: &mut Store,
    mut record: Record<'_>,
    options: &ApplyOptions,
) -> ImportSummary {
    let imported = record.doc();
    let (notices, problems): (Vec<_>, Vec<_>) = imported.problems.iter().partition(|p| p.harmless);
    let mut summary = ImportSummary {
        problems: problems.into_iter().map(ImportProblem::to_string).collect(),
        notices: notices.into_iter().map(ImportProblem::to_string).collect(),
        ..ImportSummary::default()
    };
    let own_text = imported
        .text
        .as_ref()
        .filter(|t| t.as_str() != doc.text())
        .map(|t| Document::from_text(doc.path(), t.clone()));
    let source = own_text.as_ref().unwrap_or(doc);
    if let Some(why) = misreading(source, imported) {
        summary.stopped = Some(why);
        return summary;
    }
    let tokens = imported.tokens.as_ref().map(|tokens| {
        let alignment = align(doc.text(), tokens, &ends_of_spans(imported));
        report_alignment(tokens, &alignment, &mut summary);
        alignment
    });
    let unit = imported.unit;
    let count = imported.annotations.len();
    // Only relations and equivalences look names up.
    let linked = !imported.relations.is_empty() || !imported.equivalences.is_empty();
    let default_schema;
    let schema = match &options.schema {
        Some(schema) => schema,
        None => {
            default_schema = Schema::default();
            &default_schema
        }
    };
    // Labels whose kind the schema gave, by kind, with how many.
    let mut resolved: BTreeMap<Kind, BTreeMap<String, usize>> = BTreeMap::new();
    // One pass over both texts: what lies outside the one place they differ is carried
    // over by a constant shift, not searched for quote by quote.
    let shift = own_text
        .as_ref()
        .map(|own| Shift::between(own.text(), doc.text()));
    let mut by_shift = 0;
    let mut batch = Batch::with_capacity(count);
    // Importing a file again: what the store holds already is not held twice.
    let known = Known::of(store);
    batch.relations.reserve_exact(imported.relations.len());
    // The origin the last annotation got (see below).
    let mut last_origin: Option<Arc<Origin>> = None;
    // Each name in the file, to the place in the batch of the annotation it names.
    let mut placed: HashMap<String, usize> = HashMap::with_capacity(if linked { count } else { 0 });
    for (n, item) in record.annotations().enumerate() {
        let located = {
            let name = item
                .source_id
                .as_deref()
                .map_or_else(|| Cow::Owned(format!("#{}", n + 1)), Cow::Borrowed);
            match &tokens {
                Some(alignment) => locate_tokens(alignment, &item, &name, &mut summary),
                None => locate(
                    (doc, source, shift.as_ref()),
                    unit,
                    &item,
                    &name,
                    &mut summary,
                ),
            }
        };
        let Some(Located {
            spans,
            moved,
            shifted,
        }) = located
        else {
            continue;
        };
        by_shift += usize::from(shifted);
        let ImportedAnnotation {
            source_id,
            kind: stated,
            kind_stated,
            label,
            status,
            origin,
            attrs,
            note,
            links,
            ..
        } = item;
        let kind = match schema.kind_of_label(&label) {
            Some(kind) if !kind_stated && kind != stated => {
                let labels = resolved.entry(kind).or_default();
                match labels.get_mut(label.as_str()) {
                    Some(n) => *n += 1,
                    None => {
                        labels.insert(label.to_string(), 1);
                    }
                }
                kind
            }
            _ => stated,
        };
        let mut a = Annotation::new("", kind, label, spans);
        a.quote = quote_for(doc, &a.spans);
        a.status = options.status.unwrap_or(status);
        // The origin the last annotation got, when it is the same: `Origin::shared`
        // alone would not share it, as `Annotation::new` shares the manual origin in
        // between (6,000 annotations held 6,000 copies of one origin).
        a.origin = match &last_origin {
            Some(last) if **last == *origin => Arc::clone(last),
            _ => Arc::clone(last_origin.insert(Arc::unwrap_or_clone(origin).shared())),
        };
        a.attrs = attrs;
        if unit != OffsetUnit::CodePoints {
            positions_in_code_points(source, unit, &mut a.attrs);
        }
        if !links.is_empty() {
            a.attrs.insert("links".to_string(), links.join(" "));
        }
        a.note = note;
        if moved {
            mark_moved(&mut a);
        }
        if linked {
            let name = source_id.unwrap_or_else(|| format!("#{}", n + 1));
            placed.insert(name, batch.annotations.len());
        }
        batch.annotations.push(known.share(a));
    }
    if !resolved.is_empty() {
        summary.notices.push(kinds_notice(&resolved));
    }
    if let (Some(shift), true) = (&shift, by_shift > 0) {
        summary
            .notices
            .push(shift_notice(doc, source, shift, by_shift));
    }
    for r in record.relations() {
        let (Some(&from), Some(&to)) = (placed.get(&r.from), placed.get(&r.to)) else {
            let id = r
                .source_id
                .as_deref()
                .map_or(String::new(), |id| format!("{id} "));
            summary.rejected.push(format!(
                "relation {id}{} → {}: one end was not imported",
                r.from, r.to
            ));
            continue;
        };
        let mut extra: serde_json::Map<String, serde_json::Value> =
            r.attrs.into_iter().map(|(k, v)| (k, v.into())).collect();
        if let Some(note) = r.note {
            extra.insert("note".to_string(), note.into());
        }
        batch.relations.push(BatchRelation {
            from,
            to,
            kind: r.kind,
            extra,
        });
    }
    let equivalences: Vec<(String, Vec<usize>)> = record
        .doc()
        .equivalences
        .iter()
        .filter_map(|e| {
            let members: Vec<usize> = e
                .members
                .iter()
                .filter_map(|m| placed.get(m).copied())
                .collect();
            if members.len() < 2 {
                summary.rejected.push(format!(
                    "equivalence {} of {}: fewer than two of its mentions were imported",
                    e.kind,
                    e.members.join(" ")
                ));
                return None;
            }
            Some((e.kind.clone(), members))
        })
        .collect();
    drop(placed);
    drop(record);
    // Before the merge, so that giving a present annotation its entity copies nothing.
    drop(known);
    let report = store.group_as(StepKind::Import, |store| {
        let report = store.merge(batch);
        for (kind, members) in &equivalences {
            let ids: Vec<&str> = members.iter().map(|m| report.ids[*m].as_str()).collect();
            summary.entities += usize::from(make_entity(store, kind, &ids));
        }
        report
    });
    summary.imported = report.added;
    summary.duplicates = report.present;
    summary.relations = report.relations;
    summary
}

/// The notice saying which labels the schema gave a kind: `the file gives only labels;
/// as the schema's claim and source kinds, "factual" (2) are claims, "person" (1)
/// sources`.
fn kinds_notice(resolved: &BTreeMap<Kind, BTreeMap<String, usize>>) -> String {
    let mut parts = Vec::new();
    for kind in [Kind::Claim, Kind::Source] {
        let labels: Vec<String> = resolved
            .get(&kind)
            .into_iter()
            .flatten()
            .map(|(label, n)| format!("\"{}\" ({n})", short(label)))
            .collect();
        if !labels.is_empty() {
            let plural = if kind == Kind::Claim {
                "claims"
            } else {
                "sources"
            };
            parts.push(format!("{} are {plural}", labels.join(", ")));
        }
    }
    format!(
        "the file gives only labels; as the schema's claim and source kinds, {}",
        parts.join(", and ")
    )
}

/// Makes the annotations `ids` the mentions of a new canonical entity named and typed
/// after the first, recording the equivalence type `kind`; whether it did (not when any
/// of them already belongs to an entity, as after importing the same file twice).
fn make_entity(store: &mut Store, kind: &str, ids: &[&str]) -> bool {
    let mentions: Vec<Annotation> = ids
        .iter()
        .filter_map(|id| store.annotation(id).cloned())
        .collect();
    if mentions.len() != ids.len() || mentions.iter().any(|a| a.entity.is_some()) {
        return false;
    }
    let first = &mentions[0];
    let mut entity = Entity::new(
        store.new_entity_id(),
        first.quote.exact.clone(),
        first.label.clone(),
    );
    entity
        .attrs
        .insert(EQUIVALENCE_KEY.to_string(), kind.to_string());
    let id = entity.id.clone();
    store.put_entity(entity);
    for mut mention in mentions {
        mention.entity = Some(id.clone());
        store.replace_annotation(mention);
    }
    true
}

/// Where an imported annotation lands on the article.
struct Located {
    /// Byte spans on the article.
    spans: Vec<Span>,
    /// Placed on another occurrence of its words whose context agrees only in part.
    moved: bool,
    /// Carried over from the file's own text by the constant shift between the texts.
    shifted: bool,
}

impl Located {
    fn at(spans: Vec<Span>) -> Option<Located> {
        Some(Located {
            spans,
            moved: false,
            shifted: false,
        })
    }
}

/// The one notice for every annotation carried over by the shift between the file's
/// text and the article's: where they differ, and by how many characters.
fn shift_notice(doc: &Document, source: &Document, shift: &Shift, count: usize) -> String {
    let changed = shift.changed_in_file();
    let characters = doc.char_len() as isize - source.char_len() as isize;
    let from = source.byte_to_char(changed.start).unwrap_or(0);
    let what = if source.slice(changed) == Some("\u{feff}") && characters == -1 {
        "a byte-order mark the article lacks".to_string()
    } else if changed.start == changed.end && characters == 1 && doc.text().starts_with('\u{feff}')
    {
        "no byte-order mark where the article has one".to_string()
    } else {
        format!(
            "{} characters from character {from}",
            source.slice(changed).map_or(0, |t| t.chars().count())
        )
    };
    format!(
        "the file's text differs from the article only in one place ({what}); {count} annotations placed by their offsets shifted by {characters} characters after it"
    )
}

/// Where one imported annotation lands on `doc`, or `None` (reported) when it cannot be
/// placed.
fn locate(
    (doc, source, shift): (&Document, &Document, Option<&Shift>),
    unit: OffsetUnit,
    item: &ImportedAnnotation,
    name: &str,
    summary: &mut ImportSummary,
) -> Option<Located> {
    let claimed = Quote {
        exact: item.text.as_deref().unwrap_or_default().into(),
        prefix: item.prefix.clone().unwrap_or_default(),
        suffix: item.suffix.clone().unwrap_or_default(),
        extra: Default::default(),
    };
    if item.spans.is_empty() {
        let found = find_quote(doc, &claimed, 0);
        return match found {
            Some(span) => Located::at(vec![span]),
            None => {
                summary.rejected.push(format!(
                    "{name}: its quoted text \"{}\" is not in the article",
                    short(&claimed.exact)
                ));
                None
            }
        };
    }
    let unit_name = match unit {
        OffsetUnit::CodePoints => "code points",
        OffsetUnit::Utf16 => "UTF-16 units",
    };
    let mut in_source = Vec::with_capacity(item.spans.len());
    for s in &item.spans {
        let convert = |u: usize| match unit {
            OffsetUnit::CodePoints => source.char_to_byte(u),
            OffsetUnit::Utf16 => source.utf16_to_byte(u),
        };
        match (convert(s.start), convert(s.end)) {
            (Some(a), Some(b)) if a < b => in_source.push(Span::new(a, b)),
            _ => {
                let length = match unit {
                    OffsetUnit::CodePoints => source.char_len(),
                    OffsetUnit::Utf16 => source.utf16_len(),
                };
                summary.rejected.push(format!(
                    "{name}: span {}–{} is empty, reversed, inside a character or past the end of the text ({length} {unit_name})",
                    s.start, s.end
                ));
                return None;
            }
        }
    }
    let extent = Span::new(
        in_source[0].start,
        in_source.iter().map(|s| s.end).max().unwrap_or(0),
    );
    let here = source.slice(extent).unwrap_or("");
    // Discontinuous spans: brat and others quote the fragments joined by a space. A
    // file that quotes nothing (spaCy) is compared without joining them: its empty
    // quote differs from the fragments only in white space when they hold nothing but.
    let fragments = || {
        in_source
            .iter()
            .filter_map(|s| source.slice(*s))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let whitespace_only = if claimed.exact.is_empty() {
        in_source.iter().all(|s| {
            source
                .slice(*s)
                .is_some_and(|fragment| fragment.chars().all(char::is_whitespace))
        })
    } else {
        same_but_whitespace(here, &claimed.exact)
            || same_but_whitespace(&fragments(), &claimed.exact)
    };
    if whitespace_only {
        summary.notices.push(format!(
            "{name}: the file's text differs from the article's only in white space; placed by its offsets"
        ));
    } else if !claimed.exact.is_empty() && here != claimed.exact && fragments() != claimed.exact {
        // The file says another text is there: trust the text, nearest occurrence.
        return match find_quote(doc, &claimed, extent.start) {
            Some(span) => {
                summary.reanchored.push(format!(
                    "{name}: the text at {}–{} is not the file's ({}); placed on the nearest \"{}\"",
                    item.spans[0].start,
                    item.spans[item.spans.len() - 1].end,
                    first_difference(here, &claimed.exact),
                    short(&claimed.exact)
                ));
                Located::at(vec![span])
            }
            None => {
                summary.rejected.push(format!(
                    "{name}: the text at {}–{} is not the file's, which is nowhere in the article ({})",
                    item.spans[0].start,
                    item.spans[item.spans.len() - 1].end,
                    first_difference(here, &claimed.exact),
                ));
                None
            }
        };
    }
    if std::ptr::eq(source, doc) {
        return Located::at(in_source);
    }
    if let Some(spans) = shift.and_then(|s| s.carry(&in_source)) {
        return Some(Located {
            spans,
            moved: false,
            shifted: true,
        });
    }
    // The file carries its own, different text: carry the spans over by their quote.
    let quote = quote_for(source, &in_source);
    let chars: Vec<Span> = in_source
        .iter()
        .filter_map(|s| source.span_to_chars(*s))
        .collect();
    match place(doc, &chars, &quote, Text::Changed) {
        Placement::InPlace(spans) => Located::at(spans),
        Placement::Shifted(spans) | Placement::Approximate(spans) => {
            summary.reanchored.push(format!(
                "{name}: the file's text differs from the article; \"{}\" placed by its quote",
                short(&quote.exact)
            ));
            Located::at(spans)
        }
        Placement::OtherOccurrence(spans) => {
            summary.moved.push(format!(
                "{name}: the file's text differs from the article; \"{}\" placed on another occurrence whose context agrees in part, marked for review",
                short(&quote.exact)
            ));
            Some(Located {
                spans,
                moved: true,
                shifted: false,
            })
        }
        Placement::Lost => {
            summary.rejected.push(format!(
                "{name}: the file's text differs from the article and \"{}\" could not be found in it",
                short(&quote.exact)
            ));
            None
        }
    }
}

/// Where an annotation counted in tokens lands, by the tokens' places in the article.
fn locate_tokens(
    alignment: &Alignment,
    item: &ImportedAnnotation,
    name: &str,
    summary: &mut ImportSummary,
) -> Option<Located> {
    let mut spans = Some(Vec::with_capacity(item.spans.len()));
    for s in &item.spans {
        match (alignment.span(s.start, s.end), &mut spans) {
            (Some(span), Some(placed)) => placed.push(span),
            _ => spans = None,
        }
    }
    match spans {
        Some(spans) if !spans.is_empty() => Located::at(spans),
        _ => {
            let (first, last) = match (item.spans.first(), item.spans.last()) {
                (Some(first), Some(last)) => (first.start + 1, last.end),
                _ => (0, 0),
            };
            summary.rejected.push(format!(
                "{name} ({}, tokens {first}–{last}): a token of it is not in the article",
                item.label
            ));
            None
        }
    }
}

/// Rewrites the positions a brat attribution event recorded on a claim (`cue_at`,
/// `trigger_at`: `start end;start end` as the file counted) in code points, as the
/// sidecar counts; a position that is not a place in the text is left as it was (the
/// export then says it no longer holds its words).
fn positions_in_code_points(source: &Document, unit: OffsetUnit, attrs: &mut Attrs) {
    let in_code_points = |n: &str| {
        let n = n.parse::<usize>().ok()?;
        let byte = match unit {
            OffsetUnit::CodePoints => source.char_to_byte(n),
            OffsetUnit::Utf16 => source.utf16_to_byte(n),
        }?;
        source.byte_to_char(byte)
    };
    for key in [CUE_AT_KEY, TRIGGER_AT_KEY] {
        let Some(at) = attrs.get_mut(key) else {
            continue;
        };
        let converted: Option<Vec<(usize, usize)>> = at
            .split(';')
            .map(
                |fragment| match fragment.split_whitespace().collect::<Vec<_>>()[..] {
                    [start, end] => Some((in_code_points(start)?, in_code_points(end)?)),
                    _ => None,
                },
            )
            .collect();
        if let Some(converted) = converted {
            *at = fragments(converted);
        }
    }
}

/// The first and last token of every span of `imported` (counted in tokens), in
/// order: the tokens whose places the alignment keeps.
fn ends_of_spans(imported: &ImportedDoc) -> Vec<usize> {
    let mut ends: Vec<usize> = imported
        .annotations
        .iter()
        .flat_map(|a| &a.spans)
        .filter(|s| s.start < s.end)
        .flat_map(|s| [s.start, s.end - 1])
        .collect();
    ends.sort_unstable();
    ends.dedup();
    ends
}

/// Notices for the tokens placed on text that differs from them and for the tokens not
/// in the article: a count and the first few of each (a large corpus may have
/// thousands).
fn report_alignment(tokens: &TokenList, alignment: &Alignment, summary: &mut ImportSummary) {
    const SHOWN: usize = 5;
    if !alignment.differing.is_empty() {
        let examples: Vec<String> = alignment
            .differing
            .iter()
            .take(SHOWN)
            .map(|(i, here)| {
                format!(
                    "token {} \"{}\" as \"{}\"",
                    i + 1,
                    short(&tokens[*i]),
                    short(here)
                )
            })
            .collect();
        let more = if alignment.differing.len() > SHOWN {
            ", …"
        } else {
            ""
        };
        summary.notices.push(format!(
            "{} tokens differ from the article's text and were placed on it: {}{more}",
            alignment.differing.len(),
            examples.join(", ")
        ));
    }
    let unplaced = &alignment.unplaced;
    if !unplaced.is_empty() {
        let examples: Vec<String> = unplaced
            .iter()
            .take(SHOWN)
            .map(|&i| format!("token {} \"{}\"", i + 1, short(&tokens[i])))
            .collect();
        let more = if unplaced.len() > SHOWN { ", …" } else { "" };
        summary.notices.push(format!(
            "{} tokens are not in the article: {}{more}",
            unplaced.len(),
            examples.join(", ")
        ));
    }
}

fn short(text: &str) -> String {
    let mut out: String = text.chars().take(40).collect();
    if text.chars().nth(40).is_some() {
        out.push('…');
    }
    out.escape_debug().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::{parse, Format, ImportOptions};
    use std::path::Path;

    /// Cyrillic, an emoji of two UTF-16 units, a flag of two code points, a tab.
    const TEXT: &str = "Ахмед 👍🏽 met Dana in Алматы.\t \n🇰🇿 Kazakhstan said «нет».";

    /// `word`'s place in `TEXT` in code points.
    fn code_points(word: &str) -> (usize, usize) {
        let start = TEXT[..TEXT.find(word).unwrap()].chars().count();
        (start, start + word.chars().count())
    }

    /// Imports a spaCy file of `TEXT` with these entities into a new store.
    fn import_spacy(ents: &[(usize, usize, &str)]) -> (Store, ImportSummary) {
        let doc = Document::from_text(Path::new("a.txt"), TEXT.to_string());
        let ents: Vec<serde_json::Value> = ents
            .iter()
            .map(|(start, end, label)| serde_json::json!({"start": start, "end": end, "label": label}))
            .collect();
        let file = serde_json::json!({"text": TEXT, "ents": ents}).to_string();
        let mut docs = parse(Format::Spacy, &file, &ImportOptions::default()).unwrap();
        let mut store = Store::new();
        let summary = apply_owned(&doc, &mut store, docs.remove(0), &ApplyOptions::default());
        (store, summary)
    }

    #[test]
    fn spacy_code_points_land_on_their_words_past_emoji_and_cyrillic() {
        let words = ["Ахмед", "Dana", "Алматы", "Kazakhstan", "нет"];
        let ents: Vec<(usize, usize, &str)> = words
            .iter()
            .map(|w| {
                let (start, end) = code_points(w);
                (start, end, "X")
            })
            .collect();
        let (store, summary) = import_spacy(&ents);
        assert_eq!(summary.imported, words.len());
        assert!(summary.notices.is_empty(), "{:?}", summary.notices);
        let exacts: Vec<&str> = store
            .annotations()
            .into_iter()
            .map(|a| a.quote.exact.as_str())
            .collect();
        assert_eq!(exacts, words);
    }

    #[test]
    fn a_span_of_white_space_alone_without_a_quote_is_placed_with_a_notice() {
        let (tab, _) = code_points("\t");
        let (store, summary) = import_spacy(&[(tab, tab + 3, "X"), (0, 5, "Y")]);
        assert_eq!(summary.imported, 2);
        assert_eq!(summary.notices.len(), 1, "{:?}", summary.notices);
        assert!(summary.notices[0].starts_with(
            "ents[0]: the file's text differs from the article's only in white space"
        ));
        assert_eq!(store.annotations()[1].quote.exact, "\t \n");
    }

    #[test]
    fn the_same_file_imported_twice_adds_nothing_the_second_time() {
        let doc = Document::from_text(Path::new("a.txt"), TEXT.to_string());
        let (dana, _) = code_points("Dana");
        let file = serde_json::json!({"text": TEXT, "ents": [{"start": dana, "end": dana + 4, "label": "PERSON"}]})
            .to_string();
        let mut store = Store::new();
        for (round, added) in [(1, 1), (2, 0)] {
            let docs = parse(Format::Spacy, &file, &ImportOptions::default()).unwrap();
            let summary = apply(&doc, &mut store, &docs[0], &ApplyOptions::default());
            assert_eq!(
                (summary.imported, summary.duplicates),
                (added, 1 - added),
                "round {round}"
            );
        }
        assert_eq!(store.annotation_count(), 1);
    }

    /// Two mentions of one name under one label: the annotations hold one label, one
    /// quoted name and one creation time between them; another import shares nothing
    /// with the first (no set of strings outlives an import).
    #[test]
    fn an_import_holds_each_label_quote_and_time_once() {
        let text = "Алматы 🇰🇿 and Алматы again.";
        let doc = Document::from_text(Path::new("a.txt"), text.to_string());
        let file = serde_json::json!({"text": text, "ents": [
            {"start": 0, "end": 6, "label": "ГОРОД 🏙"},
            {"start": 14, "end": 20, "label": "ГОРОД 🏙"}]})
        .to_string();
        let import = || {
            let mut docs = parse(Format::Spacy, &file, &ImportOptions::default()).unwrap();
            let mut store = Store::new();
            apply_owned(&doc, &mut store, docs.remove(0), &ApplyOptions::default());
            store
        };
        let (store, again) = (import(), import());
        let all = store.annotations();
        let [first, second] = all[..] else {
            panic!("two annotations")
        };
        assert_eq!((&*first.label, &*first.quote.exact), ("ГОРОД 🏙", "Алматы"));
        assert!(first.label.shares_with(&second.label));
        assert!(first.quote.exact.shares_with(&second.quote.exact));
        let created = |a: &Annotation| a.created.clone().unwrap();
        assert!(created(first).shares_with(&created(second)));
        let other = &again.annotations()[0];
        assert!(!first.label.shares_with(&other.label));
        assert!(!first.quote.exact.shares_with(&other.quote.exact));
    }
}
