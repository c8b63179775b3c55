//! brat standoff: `<stem>.txt` (the article, exactly), `<stem>.ann` and an
//! `annotation.conf` declaring every type used. Offsets are code points.
//!
//! Conventions (read back by `formats::brat`):
//! - every annotation is a `T` line whose type is its label (whitespace and `:` become
//!   `_`); a span that crosses a line break is split into fragments at the break
//!   (`T3\tfactual 10 52;53 80\t…`), the text being the fragments joined by a space;
//! - a claim attributed to sources is the trigger of an attribution event whose type is
//!   the claim's label, with its sources as `Source`, `Source2`… and itself as `Content`
//!   (`E1\tfactual:T3 Source:T1 Content:T3`): that keeps both kinds and the
//!   `attributed_to` relations; other relations are `R` lines;
//! - an event read from brat (a trigger with an `event` attribute and role relations
//!   carrying the same event id) is an `E` line again; attributes and notes on its
//!   trigger are written on the event, and arguments naming its trigger name the event;
//! - an attribution event read from brat gets back its other roles (relations from the
//!   claim carrying its event id) after its `Content`, and the attributes and notes its
//!   claim's `attribution_attrs` and `attribution_notes` list are written on it;
//! - attributes are `A` lines (`A1\tstance T3 denied`; a value `true` is written as a
//!   binary attribute) on annotations and relations; a source's entity reliability goes
//!   on the source as `reliability`;
//! - links are `N` lines (`N1\tReference T1 Wikidata:Q42\t<name>`) with the name the
//!   link came with (else the mention's text);
//! - a canonical entity with two mentions or more is a `*` line of its `equivalence`
//!   type (else `Equiv`), and its id and name go in `N…\tReference T1 scholia:e1\t<name>`
//!   lines when the `*` line does not say them (one mention, or a name that is not the
//!   first mention's words);
//! - notes are `#` lines of their type (`AnnotatorNotes`, or `Lemma` from a `note:Lemma`
//!   attribute), one per line of the note.
//!
//! brat has no review status (only accepted annotations are written) and no canonical
//! entity records; an annotation's kind survives only for attributed claims and their
//! sources, otherwise it follows the label.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt::Write;
use std::io;

use crate::domain::document::Document;
use crate::domain::model::{relation_types, Annotation, Entity, Kind, Relation, Span, Status};
use crate::domain::schema::Schema;
use crate::domain::store::Store;
use crate::formats::brat::names::{
    link_name, lists, ANNOTATOR_NOTES, ATTRIBUTION_ATTRS_KEY, ATTRIBUTION_KEYS,
    ATTRIBUTION_NOTES_KEY, CUE_KEY, DEFAULT_EQUIVALENCE, EQUIVALENCE_KEY, EVENT_KEY,
    LINK_NAME_PREFIX, NOTE_TYPE_PREFIX,
};

use super::brat_cues::{recorded_cue, text_of, RecordedCue};
use super::selection::{describe_relation, Holds, Selection};
use super::{write_text, Dropped, ExportFormat, ExportOptions, ExportSink, Exported, Part};

/// The name of brat's configuration file.
pub(super) const CONF_FILE: &str = "annotation.conf";

const TITLE: &str = "brat";

/// Exports `<stem>.ann`, `<stem>.txt` and `annotation.conf`.
pub(super) fn export(
    doc: &Document,
    store: &Store,
    schema: &Schema,
    options: &ExportOptions,
    stem: &str,
    sink: &mut dyn ExportSink,
) -> io::Result<Exported> {
    let mut sel = Selection::new(doc, store, options, TITLE, &[Status::Accepted]);
    let mut fragments: HashMap<String, Vec<Span>> = HashMap::new();
    sel.leave_out_where(|a| {
        let pieces: Vec<Span> = a
            .spans
            .iter()
            .flat_map(|s| split_at_line_breaks(doc.text(), *s))
            .collect();
        if pieces.is_empty() {
            return Some("it covers only line breaks".to_string());
        }
        fragments.insert(a.id.clone(), pieces);
        None
    });
    let relations = sel.relations(|_, _, _| Ok(()));
    let cues = recorded_cues(doc, &mut sel);
    let t_lines = t_lines(&sel.annotations, &cues);
    let t_ids: HashMap<&str, String> = t_lines
        .iter()
        .enumerate()
        .filter_map(|(i, line)| match line {
            TLine::Annotation(a) => Some((a.id.as_str(), format!("T{}", i + 1))),
            _ => None,
        })
        .collect();
    let cue_ids: HashMap<(&str, bool), String> = t_lines
        .iter()
        .enumerate()
        .filter_map(|(i, line)| match line {
            TLine::Trigger(claim) => Some(((*claim, false), format!("T{}", i + 1))),
            TLine::Cue(claim) => Some(((*claim, true), format!("T{}", i + 1))),
            TLine::Annotation(_) => None,
        })
        .collect();
    let events = events(store, &sel.annotations, &relations, &cues);
    // What names each annotation in other lines: an event's trigger stands for its
    // (first) event, as brat attributes, notes and arguments name the event.
    let mut names: HashMap<&str, String> = t_ids.clone();
    for (n, event) in events.iter().enumerate() {
        if let EventLine::Roles { trigger, .. } = event {
            if names[trigger.id.as_str()].starts_with('T') {
                names.insert(trigger.id.as_str(), format!("E{}", n + 1));
            }
        }
    }
    // The attribution event of each claim written with one whose attributes or notes
    // the file gave the event: those name it.
    let attribution_ids: HashMap<&str, usize> = events
        .iter()
        .enumerate()
        .filter_map(|(n, e)| match e {
            EventLine::Attribution { claim, .. }
                if claim.attrs.contains_key(ATTRIBUTION_ATTRS_KEY)
                    || claim.attrs.contains_key(ATTRIBUTION_NOTES_KEY) =>
            {
                Some((claim.id.as_str(), n + 1))
            }
            _ => None,
        })
        .collect();
    let in_event: HashSet<&str> = events
        .iter()
        .flat_map(|e| e.relations().map(|r| r.id.as_str()))
        .collect();
    let kind_kept: HashSet<&str> = events
        .iter()
        .filter_map(|e| match e {
            EventLine::Attribution { claim, sources, .. } => Some((claim, sources)),
            EventLine::Roles { .. } => None,
        })
        .flat_map(|(claim, rs)| {
            std::iter::once(claim.id.as_str()).chain(rs.iter().map(|r| r.to.as_str()))
        })
        .collect();
    sel.report_details(
        Holds {
            all_attrs: true,
            note: true,
            links: true,
            ..Holds::default()
        },
        |a| match kind_kept.contains(a.id.as_str()) {
            true => a.kind,
            false => schema.kind_read_back(&a.label),
        },
    );

    let mentions = entity_mentions(&sel.annotations);
    let named = entities_named(store, &mentions);
    let mut ann = Ann::default();
    for (n, line) in t_lines.iter().enumerate() {
        let a = match line {
            TLine::Annotation(a) => *a,
            TLine::Trigger(claim) => {
                cue_t_line(&mut ann, doc, &cues[claim], n + 1, false);
                continue;
            }
            TLine::Cue(claim) => {
                cue_t_line(&mut ann, doc, &cues[claim], n + 1, true);
                continue;
            }
        };
        let (label, changed) = brat_name(&a.label);
        if changed {
            sel.report_part(
                a,
                Part::Label,
                &format!("types cannot hold whitespace or \":\"; its label is written \"{label}\""),
            );
        }
        if a.spans.iter().any(|s| ends_in_line_break(doc.text(), *s)) {
            sel.report_part(
                a,
                Part::Spans,
                "fragments cannot begin or end with a line break, so the line break at an end of its span is not written",
            );
        }
        let pieces = &fragments[&a.id];
        let offsets: Vec<String> = pieces
            .iter()
            .map(|s| format!("{} {}", chars(doc, s.start), chars(doc, s.end)))
            .collect();
        let text: Vec<&str> = pieces.iter().filter_map(|s| doc.slice(*s)).collect();
        let t = &t_ids[a.id.as_str()];
        let _ = writeln!(
            ann.t,
            "{t}\t{label} {}\t{}",
            offsets.join(";"),
            text.join(" ")
        );
        // A claim written as the Content of its recorded event is an entity type to
        // brat (the event's type is the event); others are typed by their kind.
        let declared = match cues.contains_key(a.id.as_str()) {
            true => {
                ann.contents.push(label.clone());
                Kind::Entity
            }
            false => a.kind,
        };
        ann.labels.push((declared, label));
        let event = attribution_ids.get(a.id.as_str()).map(|n| format!("E{n}"));
        let target = Target {
            t,
            named: &names[a.id.as_str()],
            event: event.as_deref(),
        };
        let entity = a
            .entity
            .as_deref()
            .and_then(|id| store.entity(id))
            .map(|e| (e, named.contains(e.id.as_str())));
        let cue_written = cues.contains_key(a.id.as_str());
        annotation_extras(&mut ann, &mut sel, a, entity, target, cue_written);
    }
    for (n, event) in events.iter().enumerate() {
        let e = format!("E{}", n + 1);
        match event {
            EventLine::Attribution {
                claim,
                sources,
                roles,
                cue,
            } => {
                let claim_t = &t_ids[claim.id.as_str()];
                let (trigger, event_type) = match cue {
                    Some(cue) => (
                        &cue_ids[&(claim.id.as_str(), false)],
                        cue.event_type.as_str(),
                    ),
                    None => (claim_t, claim.label.as_str()),
                };
                let cue_t = cue
                    .and_then(|c| c.cue.as_ref())
                    .map(|_| cue_ids[&(claim.id.as_str(), true)].as_str());
                let written = AttributionEvent {
                    id: &e,
                    event_type,
                    trigger,
                    cue: cue_t,
                    content: claim_t,
                };
                attribution_line(
                    &mut ann,
                    &mut sel,
                    &written,
                    (&t_ids, &names),
                    (sources, roles),
                )
            }
            EventLine::Roles { trigger, roles } => {
                let (label, _) = brat_name(&trigger.label);
                let mut line = format!("{e}\t{label}:{}", t_ids[trigger.id.as_str()]);
                for r in roles {
                    let (role, _) = brat_name(&r.kind);
                    let _ = write!(line, " {role}:{}", names[r.to.as_str()]);
                    ann.roles.push((label.clone(), role));
                }
                let _ = writeln!(ann.e, "{line}");
                ann.event_types.push(label);
            }
        }
    }
    let mut r_count = 0;
    for r in relations
        .iter()
        .filter(|r| !in_event.contains(r.id.as_str()))
    {
        r_count += 1;
        let id = format!("R{r_count}");
        let (kind, changed) = brat_name(&r.kind);
        if changed {
            sel.dropped.push(Dropped::written_in_part(
                &r.id,
                vec![Part::Label],
                &describe_relation(r),
                &format!(
                    "brat types cannot hold whitespace or \":\"; its type is written \"{kind}\""
                ),
            ));
        }
        let _ = writeln!(
            ann.r,
            "{id}\t{kind} Arg1:{} Arg2:{}",
            names[r.from.as_str()],
            names[r.to.as_str()]
        );
        ann.relation_types.push(kind);
        relation_extras(&mut ann, &mut sel, r, &id);
    }
    for (entity, members) in &mentions {
        let Some(entity) = store.entity(entity).filter(|_| members.len() >= 2) else {
            continue;
        };
        let kind = entity
            .attrs
            .get(EQUIVALENCE_KEY)
            .map_or(DEFAULT_EQUIVALENCE, String::as_str);
        let (kind, _) = brat_name(kind);
        let ids: Vec<&str> = members
            .iter()
            .map(|a| t_ids[a.id.as_str()].as_str())
            .collect();
        let _ = writeln!(ann.equiv, "*\t{kind} {}", ids.join(" "));
        ann.equivalences.push(kind);
    }
    sel.report_entities(
        "its mentions are written as one \"*\" equivalence, with its id and name in Reference (N) lines when its name is not the first mention's words",
    );

    let files = ExportFormat::Brat.file_names(stem);
    let conf = conf(schema, &ann);
    write_text(sink, &files[0], &ann.render())?;
    write_text(sink, &files[1], doc.text())?;
    write_text(sink, &files[2], &conf)?;
    Ok(Exported {
        annotations: sel.annotations.len(),
        relations: relations.len(),
        dropped: sel.dropped,
        files: Vec::new(),
    })
}

/// One `E` line to write.
enum EventLine<'a> {
    /// A claim attributed to sources, or whose attribution event the file had: the
    /// trigger of its own event, typed by its label, with its sources as `Source`,
    /// `Source2`… and itself as `Content`; or, with the event recorded, that event's
    /// type, trigger and `Cue`.
    Attribution {
        claim: &'a Annotation,
        sources: Vec<&'a Relation>,
        /// The event's other roles (`Addressee`), read from brat: relations from the
        /// claim carrying an event id that is not one of the events the claim triggers.
        roles: Vec<&'a Relation>,
        cue: Option<&'a RecordedCue>,
    },
    /// An event read from brat: its trigger annotation and its role relations.
    Roles {
        trigger: &'a Annotation,
        roles: Vec<&'a Relation>,
    },
}

impl<'a> EventLine<'a> {
    /// The relations the line writes.
    fn relations(&self) -> impl Iterator<Item = &&'a Relation> {
        let (first, second): (&[&'a Relation], &[&'a Relation]) = match self {
            EventLine::Attribution { sources, roles, .. } => (sources, roles),
            EventLine::Roles { roles, .. } => (roles, &[]),
        };
        first.iter().chain(second)
    }
}

/// The events to write, in the order of their claims and triggers: attributed claims,
/// and the events an annotation's `event` attribute lists with the role relations
/// that carry the same event id.
fn events<'a>(
    store: &Store,
    annotations: &[&'a Annotation],
    relations: &[&'a Relation],
    cues: &'a HashMap<&str, RecordedCue>,
) -> Vec<EventLine<'a>> {
    let mut attributions: HashMap<&str, Vec<&'a Relation>> = HashMap::new();
    // The role relations from each annotation, with their event ids, in order.
    let mut roles: HashMap<&str, Vec<(&str, &'a Relation)>> = HashMap::new();
    for r in relations {
        let to_source = store
            .annotation(&r.to)
            .is_some_and(|s| s.kind == Kind::Source);
        if r.kind == relation_types::ATTRIBUTED_TO && to_source {
            attributions.entry(r.from.as_str()).or_default().push(r);
        } else if let Some(event) = r.extra.get(EVENT_KEY).and_then(|v| v.as_str()) {
            roles.entry(r.from.as_str()).or_default().push((event, r));
        }
    }
    let mut lines = Vec::new();
    for a in annotations {
        let mut own = roles.remove(a.id.as_str()).unwrap_or_default();
        let triggered = a.attrs.get(EVENT_KEY);
        if a.kind == Kind::Claim {
            let sources = attributions.remove(a.id.as_str());
            let cue = cues.get(a.id.as_str());
            if sources.is_some() || cue.is_some() {
                let (other, kept): (Vec<_>, Vec<_>) = own
                    .into_iter()
                    .partition(|(event, _)| !lists(triggered, event));
                own = kept;
                lines.push(EventLine::Attribution {
                    claim: a,
                    sources: sources.unwrap_or_default(),
                    roles: other.into_iter().map(|(_, r)| r).collect(),
                    cue,
                });
            }
        }
        for event in triggered.into_iter().flat_map(|e| e.split_whitespace()) {
            lines.push(EventLine::Roles {
                trigger: a,
                roles: own
                    .iter()
                    .filter(|(e, _)| *e == event)
                    .map(|(_, r)| *r)
                    .collect(),
            });
        }
    }
    lines
}

/// The ids and type of an attribution event's line.
struct AttributionEvent<'e> {
    /// `E1`.
    id: &'e str,
    event_type: &'e str,
    /// The trigger's `T` id.
    trigger: &'e str,
    /// The `Cue` argument's `T` id, when it has one apart from its trigger.
    cue: Option<&'e str>,
    /// The claim's `T` id.
    content: &'e str,
}

/// Writes an attribution event: `E1\tType:T2 Source:T1 Cue:T3 Content:T4`, and its other
/// roles after its Content (`Addressee:T5`). `t_ids` are the annotations' `T` ids,
/// `names` what other lines name them by.
fn attribution_line(
    ann: &mut Ann,
    sel: &mut Selection<'_>,
    event: &AttributionEvent<'_>,
    (t_ids, names): (&HashMap<&str, String>, &HashMap<&str, String>),
    (sources, others): (&[&Relation], &[&Relation]),
) {
    let (label, _) = brat_name(event.event_type);
    let e = event.id;
    let mut line = format!("{e}\t{label}:{}", event.trigger);
    let mut roles = Vec::new();
    for (i, r) in sources.iter().enumerate() {
        let role = if i == 0 {
            "Source".to_string()
        } else {
            format!("Source{}", i + 1)
        };
        let _ = write!(line, " {role}:{}", t_ids[r.to.as_str()]);
        roles.push(role);
        if !r.extra.is_empty() {
            let keys: Vec<&str> = r.extra.keys().map(String::as_str).collect();
            sel.dropped.push(Dropped::written_in_part(
                &r.id,
                vec![Part::Attributes],
                &describe_relation(r),
                &format!(
                    "brat holds it in the attribution event {e}, which cannot carry its {}",
                    keys.join(", ")
                ),
            ));
        }
    }
    if let Some(cue) = event.cue {
        let _ = write!(line, " Cue:{cue}");
        roles.push("Cue".to_string());
    }
    let _ = write!(line, " Content:{}", event.content);
    let mut other_roles = Vec::new();
    for r in others {
        let (role, _) = brat_name(&r.kind);
        let _ = write!(line, " {role}:{}", names[r.to.as_str()]);
        other_roles.push(role);
    }
    let _ = writeln!(ann.e, "{line}");
    if event.trigger != event.content {
        // An event of the file's own type: the conf declares it with its roles.
        roles.push("Content".to_string());
        roles.extend(other_roles);
        ann.roles
            .extend(roles.into_iter().map(|role| (label.clone(), role)));
        ann.event_types.push(label);
    } else {
        // A claim kind: the conf declares its Source and Content, and these.
        ann.roles
            .extend(other_roles.into_iter().map(|role| (label.clone(), role)));
    }
}

/// The `T` lines of an export: the annotations, and the triggers and `Cue` arguments of
/// the attribution events recorded on claims.
#[derive(Clone, Copy)]
enum TLine<'a> {
    Annotation(&'a Annotation),
    /// The trigger of the recorded event of the claim with this id.
    Trigger(&'a str),
    /// The `Cue` argument of the recorded event of the claim with this id.
    Cue(&'a str),
}

/// Writes the `T` line `T{n}` of a recorded event's trigger, or with `is_cue` of its
/// `Cue` argument.
fn cue_t_line(ann: &mut Ann, doc: &Document, cue: &RecordedCue, n: usize, is_cue: bool) {
    let (label, spans) = match (&cue.cue, is_cue) {
        (Some((label, spans)), true) => (label.as_str(), spans),
        _ => (cue.event_type.as_str(), &cue.trigger),
    };
    let (label, _) = brat_name(label);
    let offsets: Vec<String> = spans
        .iter()
        .map(|s| format!("{} {}", chars(doc, s.start), chars(doc, s.end)))
        .collect();
    let _ = writeln!(
        ann.t,
        "T{n}\t{label} {}\t{}",
        offsets.join(";"),
        text_of(doc, spans)
    );
    if is_cue {
        ann.labels.push((Kind::Entity, label));
    }
}

/// The recorded attribution events of the written claims; a claim whose recorded cue
/// no longer holds its words is reported.
fn recorded_cues<'a>(doc: &Document, sel: &mut Selection<'a>) -> HashMap<&'a str, RecordedCue> {
    let mut cues = HashMap::new();
    for a in sel.annotations.clone() {
        if a.kind != Kind::Claim {
            continue;
        }
        match recorded_cue(doc, a) {
            Some(Ok(cue)) => {
                cues.insert(a.id.as_str(), cue);
            }
            Some(Err(why)) => sel.report_part(a, Part::Attributes, &why),
            None => {}
        }
    }
    cues
}

/// The `T` lines in order of position (first start, then last end), as the
/// annotations are; a trigger or cue comes after an annotation at the same place, and
/// a trigger before its cue.
fn t_lines<'a>(
    annotations: &[&'a Annotation],
    cues: &HashMap<&'a str, RecordedCue>,
) -> Vec<TLine<'a>> {
    let place = |spans: &[Span]| {
        (
            spans.first().map_or(0, |s| s.start),
            spans.last().map_or(0, |s| s.end),
        )
    };
    let mut lines: Vec<((usize, usize), TLine<'a>)> = annotations
        .iter()
        .map(|a| (place(&a.spans), TLine::Annotation(a)))
        .collect();
    for a in annotations {
        let Some((claim, cue)) = cues.get_key_value(a.id.as_str()) else {
            continue;
        };
        lines.push((place(&cue.trigger), TLine::Trigger(claim)));
        if let Some((_, spans)) = &cue.cue {
            lines.push((place(spans), TLine::Cue(claim)));
        }
    }
    lines.sort_by_key(|(at, _)| *at);
    lines.into_iter().map(|(_, line)| line).collect()
}

/// The written mentions of each canonical entity, by entity in the order of their first
/// mentions, each in reading order.
fn entity_mentions<'a>(annotations: &[&'a Annotation]) -> Vec<(&'a str, Vec<&'a Annotation>)> {
    let mut mentions: Vec<(&str, Vec<&Annotation>)> = Vec::new();
    for a in annotations {
        let Some(entity) = a.entity.as_deref() else {
            continue;
        };
        match mentions.iter_mut().find(|(e, _)| *e == entity) {
            Some((_, list)) => list.push(a),
            None => mentions.push((entity, vec![a])),
        }
    }
    mentions
}

/// The entities whose id and name go in Reference (`N`) lines: those a `*` line does
/// not say all of (one mention only, or a name that is not the first mention's words).
fn entities_named<'a>(store: &Store, mentions: &[(&'a str, Vec<&Annotation>)]) -> HashSet<&'a str> {
    mentions
        .iter()
        .filter(|(entity, members)| {
            members.len() < 2
                || store
                    .entity(entity)
                    .is_some_and(|e| e.name != members[0].quote.exact)
        })
        .map(|(entity, _)| *entity)
        .collect()
}

/// Whether `span` begins or ends with a line break (which brat fragments leave out).
fn ends_in_line_break(text: &str, span: Span) -> bool {
    text.get(span.start..span.end)
        .is_some_and(|t| t.starts_with(['\n', '\r']) || t.ends_with(['\n', '\r']))
}

/// The ids an annotation's lines name: its `T` id (for `N` lines) and the id other
/// lines name it by (its event's `E` id when it triggers one).
#[derive(Clone, Copy)]
struct Target<'a> {
    t: &'a str,
    named: &'a str,
    /// The id of the attribution event written for a claim: the attributes and notes its
    /// `attribution_attrs` and `attribution_notes` list are written on it.
    event: Option<&'a str>,
}

impl<'a> Target<'a> {
    /// What names the annotation's attribute or note `name`, listed or not in the
    /// claim attribute `list` of what its attribution event carried.
    fn naming(&self, a: &Annotation, list: &str, name: &str) -> &'a str {
        match self.event {
            Some(event) if lists(a.attrs.get(list), name) => event,
            _ => self.named,
        }
    }
}

/// The lines of an `.ann` file by type, and the names used (for the conf).
#[derive(Default)]
struct Ann {
    t: String,
    e: String,
    r: String,
    equiv: String,
    a: String,
    n: String,
    notes: String,
    a_count: usize,
    n_count: usize,
    note_count: usize,
    labels: Vec<(Kind, String)>,
    /// Types of the events read from brat (not claims).
    event_types: Vec<String>,
    /// Labels of claims written as the `Content` of their recorded attribution event:
    /// entity types to brat, not event types, whatever the schema says.
    contents: Vec<String>,
    /// (event type, role) pairs used.
    roles: Vec<(String, String)>,
    relation_types: Vec<String>,
    equivalences: Vec<String>,
    attributes: BTreeMap<String, Vec<String>>,
}

impl Ann {
    fn render(&self) -> String {
        [
            &self.t,
            &self.e,
            &self.r,
            &self.equiv,
            &self.a,
            &self.n,
            &self.notes,
        ]
        .iter()
        .map(|s| s.as_str())
        .collect()
    }

    /// An `A` line; a binary attribute (value `true`, as brat's `A1\tNegation E1` reads)
    /// is written without its value.
    fn attribute(&mut self, name: &str, target: &str, value: &str) {
        self.a_count += 1;
        if value == "true" {
            let _ = writeln!(self.a, "A{}\t{name} {target}", self.a_count);
        } else {
            let _ = writeln!(self.a, "A{}\t{name} {target} {value}", self.a_count);
        }
        let values = self.attributes.entry(name.to_string()).or_default();
        if !values.iter().any(|v| v == value) {
            values.push(value.to_string());
        }
    }

    /// One `#` line of type `note_type` per line of `note`.
    fn note(&mut self, note_type: &str, target: &str, note: &str) {
        for line in note.split("\r\n").flat_map(|l| l.split(['\n', '\r'])) {
            self.note_count += 1;
            let _ = writeln!(
                self.notes,
                "#{}\t{note_type} {target}\t{line}",
                self.note_count
            );
        }
    }

    fn link(&mut self, target: &str, link: &str, text: &str) {
        self.n_count += 1;
        let _ = writeln!(
            self.n,
            "N{}\tReference {target} {link}\t{}",
            self.n_count,
            one_line(text)
        );
    }
}

/// Attributes, links, the entity link and the notes of one annotation. `entity` is its
/// canonical entity and whether the entity's id and name are written.
fn annotation_extras(
    ann: &mut Ann,
    sel: &mut Selection<'_>,
    a: &Annotation,
    entity: Option<(&Entity, bool)>,
    target: Target<'_>,
    cue_written: bool,
) {
    let mut bad = Vec::new();
    let mut typed_notes = Vec::new();
    for (name, value) in &a.attrs {
        if name == "links" {
            for link in value.split_whitespace() {
                let text = link_name(&a.attrs, link).unwrap_or(&a.quote.exact);
                ann.link(target.t, link, text);
            }
        } else if let Some(note_type) = name.strip_prefix(NOTE_TYPE_PREFIX) {
            typed_notes.push((note_type, value));
        } else if name.starts_with(LINK_NAME_PREFIX)
            || name == EVENT_KEY
            || name == ATTRIBUTION_ATTRS_KEY
            || name == ATTRIBUTION_NOTES_KEY
            || ATTRIBUTION_KEYS.contains(&name.as_str())
            || (cue_written && name == CUE_KEY)
        {
            // Written with its link, or as the event itself (its trigger, cue, and where
            // its attributes and notes go).
        } else if is_word(name) && is_word(value) {
            let owner = target.naming(a, ATTRIBUTION_ATTRS_KEY, name);
            ann.attribute(name, owner, value);
        } else {
            bad.push(name.clone());
        }
    }
    if let Some((entity, named)) = entity {
        if named {
            ann.link(target.t, &format!("scholia:{}", entity.id), &entity.name);
        }
        let reliability = entity.attrs.get("reliability");
        if let (Kind::Source, Some(value), false) =
            (a.kind, reliability, a.attrs.contains_key("reliability"))
        {
            if is_word(value) {
                ann.attribute("reliability", target.named, value);
            }
        }
    }
    if let Some(note) = a.note.as_deref().filter(|n| !n.is_empty()) {
        let owner = target.naming(a, ATTRIBUTION_NOTES_KEY, ANNOTATOR_NOTES);
        ann.note(ANNOTATOR_NOTES, owner, note);
    }
    for (note_type, note) in typed_notes {
        if is_word(note_type) {
            let owner = target.naming(a, ATTRIBUTION_NOTES_KEY, note_type);
            ann.note(note_type, owner, note);
        } else {
            bad.push(format!("{NOTE_TYPE_PREFIX}{note_type}"));
        }
    }
    if !bad.is_empty() {
        sel.report_part(
            a,
            Part::Attributes,
            &format!(
                "attribute names and values are single words, so its attributes {} are not written",
                bad.join(", ")
            ),
        );
    }
}

/// Attributes and note of one relation written as an `R` line.
fn relation_extras(ann: &mut Ann, sel: &mut Selection<'_>, r: &Relation, id: &str) {
    let mut bad = Vec::new();
    for (key, value) in &r.extra {
        let note_type = key.strip_prefix(NOTE_TYPE_PREFIX).filter(|t| is_word(t));
        match (key.as_str(), value.as_str()) {
            ("note", Some(note)) => ann.note(ANNOTATOR_NOTES, id, note),
            (_, Some(note)) if note_type.is_some() => {
                ann.note(note_type.unwrap_or_default(), id, note)
            }
            (EVENT_KEY, _) => {}
            (_, Some(text)) if is_word(key) && is_word(text) => ann.attribute(key, id, text),
            _ => bad.push(key.clone()),
        }
    }
    if !bad.is_empty() {
        sel.dropped.push(Dropped::written_in_part(
            &r.id,
            vec![Part::Attributes],
            &describe_relation(r),
            &format!(
                "brat attribute names and values are single words, so its {} are not written",
                bad.join(", ")
            ),
        ));
    }
}

/// The pieces of `span` between line breaks (CR, LF, CRLF), empty pieces left out.
fn split_at_line_breaks(text: &str, span: Span) -> Vec<Span> {
    let Some(slice) = text.get(span.start..span.end) else {
        return Vec::new();
    };
    let mut pieces = Vec::new();
    let mut start = span.start;
    for (i, c) in slice.char_indices() {
        if c == '\n' || c == '\r' {
            let at = span.start + i;
            if at > start {
                pieces.push(Span::new(start, at));
            }
            start = at + 1;
        }
    }
    if span.end > start {
        pieces.push(Span::new(start, span.end));
    }
    pieces
}

fn chars(doc: &Document, byte: usize) -> usize {
    doc.byte_to_char(byte).unwrap_or(0)
}

/// A brat type name for `label`: whitespace and `:` become `_`, an empty label `_`;
/// whether it changed.
fn brat_name(label: &str) -> (String, bool) {
    let name: String = label
        .chars()
        .map(|c| {
            if c.is_whitespace() || c == ':' {
                '_'
            } else {
                c
            }
        })
        .collect();
    if name.is_empty() {
        ("_".to_string(), true)
    } else {
        let changed = name != label;
        (name, changed)
    }
}

/// Whether `text` can be one token of a brat line (and a value in the conf).
fn is_word(text: &str) -> bool {
    !text.is_empty() && !text.contains(|c: char| c.is_whitespace() || "|,:".contains(c))
}

fn one_line(text: &str) -> String {
    text.split(['\n', '\r']).collect::<Vec<_>>().join(" ")
}

/// `annotation.conf`: the schema's types plus every type used in the `.ann`.
fn conf(schema: &Schema, ann: &Ann) -> String {
    let names = |defs: &[crate::domain::schema::LabelDef]| -> Vec<String> {
        defs.iter().map(|d| brat_name(&d.name).0).collect()
    };
    let mut events = names(&schema.claim_kinds);
    events.retain(|e| !ann.contents.contains(e));
    let mut entities = names(&schema.entity_types);
    entities.extend(names(&schema.source_kinds));
    for (kind, label) in &ann.labels {
        let list = if *kind == Kind::Claim {
            &mut events
        } else {
            &mut entities
        };
        if !list.contains(label) {
            list.push(label.clone());
        }
    }
    entities.retain(|e| !events.contains(e) && !ann.event_types.contains(e));
    let mut relations = names(&schema.relation_types);
    for kind in &ann.relation_types {
        if !relations.contains(kind) {
            relations.push(kind.clone());
        }
    }
    let mut attributes: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for def in &schema.attributes {
        let values = def.values.iter().map(|v| v.value.clone()).collect();
        attributes.insert(brat_name(&def.name).0, values);
    }
    for (name, used) in &ann.attributes {
        let values = attributes.entry(name.clone()).or_default();
        for v in used {
            if !values.contains(v) {
                values.push(v.clone());
            }
        }
    }
    let mut text = String::from(
        "# brat configuration written by scholia. Claim kinds are event types: an attributed\n\
         # claim is the trigger of its own event, with its sources as Source arguments.\n",
    );
    text.push_str("[entities]\n");
    for e in &entities {
        let _ = writeln!(text, "{e}");
    }
    text.push_str("[relations]\n<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>\n");
    for r in &relations {
        let _ = writeln!(text, "{r}\tArg1:<ANY>, Arg2:<ANY>");
    }
    let mut equivalences: Vec<&String> = Vec::new();
    for kind in &ann.equivalences {
        if !equivalences.contains(&kind) && !relations.contains(kind) {
            equivalences.push(kind);
            let _ = writeln!(
                text,
                "{kind}\tArg1:<ENTITY>, Arg2:<ENTITY>, <REL-TYPE>:symmetric-transitive"
            );
        }
    }
    text.push_str("[events]\n");
    for e in &events {
        let _ = write!(text, "{e}\tSource*:<ENTITY>, Content?:<ANY>");
        let mut roles: Vec<&str> = Vec::new();
        for (_, role) in ann.roles.iter().filter(|(t, _)| t == e) {
            let role = role.trim_end_matches(|c: char| c.is_ascii_digit());
            if !roles.contains(&role) {
                roles.push(role);
                let _ = write!(text, ", {role}*:<ANY>");
            }
        }
        text.push('\n');
    }
    let mut event_types: Vec<&String> = Vec::new();
    for e in ann.event_types.iter().filter(|e| !events.contains(e)) {
        if event_types.contains(&e) {
            continue;
        }
        event_types.push(e);
        let mut roles: Vec<String> = Vec::new();
        for (_, role) in ann.roles.iter().filter(|(t, _)| t == e) {
            let role = role
                .trim_end_matches(|c: char| c.is_ascii_digit())
                .to_string();
            if !roles.contains(&role) {
                roles.push(role);
            }
        }
        let roles: Vec<String> = roles.iter().map(|r| format!("{r}*:<ANY>")).collect();
        let _ = writeln!(text, "{e}\t{}", roles.join(", "));
    }
    text.push_str("[attributes]\n");
    for (name, values) in &attributes {
        let values: Vec<&str> = values
            .iter()
            .map(String::as_str)
            .filter(|v| is_word(v))
            .collect();
        if values.is_empty() || values == ["true"] {
            let _ = writeln!(text, "{name}\tArg:<ANY>");
        } else {
            let _ = writeln!(text, "{name}\tArg:<ANY>, Value:{}", values.join("|"));
        }
    }
    text
}

/// Merges two `annotation.conf` texts (two articles exported to one folder, or the
/// project's own conf and the one scholia writes): every line of the first as it is
/// (comments, hierarchy, argument types), then every type of the second the first does
/// not declare; an attribute declared in both takes the values of both.
pub fn merge_conf(first: &str, second: &str) -> String {
    let (head, mut sections) = read_conf(first);
    let (_, more) = read_conf(second);
    for (name, lines) in more {
        let target = match sections.iter_mut().find(|(n, _)| *n == name) {
            Some((_, existing)) => existing,
            None => {
                sections.push((name, Vec::new()));
                &mut sections.last_mut().expect("just pushed").1
            }
        };
        for line in lines {
            merge_line(target, line);
        }
    }
    let mut text = head;
    for (name, lines) in sections {
        let _ = writeln!(text, "[{name}]");
        for line in lines {
            let _ = writeln!(text, "{line}");
        }
    }
    text
}

/// A conf's leading comment lines and its sections with their lines.
type ConfSections = (String, Vec<(String, Vec<String>)>);

fn read_conf(text: &str) -> ConfSections {
    let mut head = String::new();
    let mut sections: Vec<(String, Vec<String>)> = Vec::new();
    for line in text.lines() {
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            sections.push((name.to_string(), Vec::new()));
        } else if let Some((_, lines)) = sections.last_mut() {
            if !line.trim().is_empty() {
                lines.push(line.to_string());
            }
        } else {
            head.push_str(line);
            head.push('\n');
        }
    }
    (head, sections)
}

fn merge_line(lines: &mut Vec<String>, line: String) {
    // A type's name is its line's first word (a hand-written conf may indent it, or
    // separate it from its arguments by spaces).
    let name = |l: &str| l.split_whitespace().next().unwrap_or_default().to_string();
    let Some(existing) = lines.iter_mut().find(|l| name(l) == name(&line)) else {
        lines.push(line);
        return;
    };
    let values = |l: &str| -> Vec<String> {
        l.split_once("Value:")
            .map(|(_, v)| v.split('|').map(str::to_string).collect())
            .unwrap_or_default()
    };
    let mut merged = values(existing);
    let extra: Vec<String> = values(&line)
        .into_iter()
        .filter(|v| !merged.contains(v))
        .collect();
    if extra.is_empty() || merged.is_empty() {
        return;
    }
    merged.extend(extra);
    let head = existing
        .split_once("Value:")
        .map_or("", |(h, _)| h)
        .to_string();
    *existing = format!("{head}Value:{}", merged.join("|"));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_split_at_every_line_break() {
        let text = "ab\r\ncd\n\nef";
        let pieces = split_at_line_breaks(text, Span::new(0, text.len()));
        assert_eq!(
            pieces,
            vec![Span::new(0, 2), Span::new(4, 6), Span::new(8, 10)]
        );
        assert!(split_at_line_breaks(text, Span::new(2, 4)).is_empty());
    }

    #[test]
    fn names_lose_whitespace_and_colons() {
        assert_eq!(brat_name("WORK_OF_ART"), ("WORK_OF_ART".to_string(), false));
        assert_eq!(brat_name("a b:c"), ("a_b_c".to_string(), true));
        assert_eq!(brat_name(""), ("_".to_string(), true));
    }

    #[test]
    fn merged_confs_keep_every_type_and_value() {
        let a = "# head\n[entities]\nPERSON\n[attributes]\nx\tArg:<ANY>, Value:1|2\n";
        let b = "# head\n[entities]\nORG\nPERSON\n[attributes]\nx\tArg:<ANY>, Value:2|3\n[events]\nfactual\tSource*:<ENTITY>\n";
        assert_eq!(
            merge_conf(a, b),
            "# head\n[entities]\nPERSON\nORG\n[attributes]\nx\tArg:<ANY>, Value:1|2|3\n[events]\nfactual\tSource*:<ENTITY>\n"
        );
    }
}
