//! brat standoff `.ann` files and their `annotation.conf`.
//!
//! Offsets count code points of the `.txt` beside the `.ann`; the caller supplies that
//! text, so [`ImportedDoc::text`] is `None`. Every line is read on its own: a malformed
//! line becomes an [`ImportProblem`] with its line number and the good lines still
//! import. What each line becomes:
//!
//! - `T1\tLabel 0 5;9 12\ttext`: an annotation with one span per `;`-separated
//!   fragment, `source_id` `T1`, accepted, made by `brat`. Its kind comes from its
//!   label ([`kind_for_label`]: `Claim`, `Quote`, `Quotation` → claim; `Source` →
//!   source; anything else → entity, case-insensitive), unless an attribution event
//!   says otherwise (below).
//! - `R1\tType Arg1:T1 Arg2:T2`: a relation from the first argument to the second.
//! - `E1\tType:T2 Role:T1 Role:T3…`: an event. An *attribution event*, one whose roles
//!   include `Source` and `Content` (case-insensitive, a trailing number allowed, as in
//!   `Source2`), makes its Content annotation a claim and its Source annotation a source,
//!   and gives the relation `attributed_to` claim → source, plus `cue` claim → the cue
//!   (its `Cue` argument, or else its trigger) and one relation claim → argument, named
//!   by role, for any other role. Any other event gives one relation trigger → argument
//!   per argument, named by role. Event relations carry the event's id as `source_id`.
//!   Wherever an event is an argument or a target, it stands for its trigger (for an
//!   attribution event: its claim).
//! - `A1\tNegation E1` and `A2\tConfidence E1 High` (also `M`): the attribute
//!   `Negation` = `true` or `Confidence` = `High` on the target annotation or relation.
//! - `N1\tReference T1 Wikidata:Q42\ttext`: the link `Wikidata:Q42` on the target.
//! - `*\tAlias T3 T4 T5`: relations of type `Alias` from the first id to each other one.
//! - `#1\tAnnotatorNotes T1\tnote`: the note of the target annotation or relation.
//!
//! A line that does not start with an id and a tab right after a `T` line whose text is
//! shorter than its span is taken as the rest of that text (the span holds a line
//! break), joined with `\n`, and reported.

use std::collections::{HashMap, HashSet};

use crate::domain::model::{Kind, Origin, Status};
use crate::formats::{
    kind_for_label, strip_bom, Format, FormatError, ImportOptions, ImportProblem,
    ImportedAnnotation, ImportedDoc, ImportedRelation, ImportedSpan,
};

/// Parses a brat `.ann` file into one document.
pub fn parse(input: &str, options: &ImportOptions) -> Result<Vec<ImportedDoc>, FormatError> {
    let unit = options.unit_for(Format::Brat);
    if strip_bom(input).trim().is_empty() {
        return Ok(vec![ImportedDoc::empty_file(Format::Brat, unit)]);
    }
    let mut reader = Reader {
        doc: ImportedDoc::new(Format::Brat, unit),
        annotations: HashMap::new(),
        skipped: HashSet::new(),
        events: HashMap::new(),
        relations: HashMap::new(),
        unfinished_text: None,
    };
    let mut later = Vec::new();
    for (index, raw) in strip_bom(input).split('\n').enumerate() {
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        if let Some(item) = reader.read_line(index + 1, line) {
            later.push(item);
        }
    }
    reader.mark_attributions();
    let (links, targeted): (Vec<_>, Vec<_>) = later.into_iter().partition(Item::is_linking);
    for item in links {
        reader.link(item);
    }
    for item in targeted {
        reader.target(item);
    }
    reader.doc.problems.sort_by_key(|p| p.line);
    Ok(vec![reader.doc])
}

/// A line kept for after every `T` and `E` line is known.
enum Item {
    Relation {
        line: usize,
        id: String,
        kind: String,
        args: Vec<(String, String)>,
    },
    Event {
        id: String,
    },
    Equiv {
        line: usize,
        kind: String,
        ids: Vec<String>,
    },
    Attribute {
        line: usize,
        id: String,
        name: String,
        target: String,
        value: String,
    },
    Link {
        line: usize,
        id: String,
        target: String,
        link: String,
    },
    Note {
        line: usize,
        id: String,
        target: String,
        note: String,
    },
}

impl Item {
    /// Relations, events and equivalences (they make relations); the rest attach to them.
    fn is_linking(&self) -> bool {
        matches!(
            self,
            Item::Relation { .. } | Item::Event { .. } | Item::Equiv { .. }
        )
    }
}

/// An `E` line.
struct Event {
    line: usize,
    trigger: String,
    args: Vec<(String, String)>,
    attribution: bool,
}

struct Reader {
    doc: ImportedDoc,
    /// `T` id → index in `doc.annotations`.
    annotations: HashMap<String, usize>,
    /// Ids of lines that were skipped as malformed.
    skipped: HashSet<String>,
    events: HashMap<String, Event>,
    /// `R` id → index in `doc.relations`.
    relations: HashMap<String, usize>,
    /// The last `T` annotation when its text is shorter than its span: index and span
    /// length in code points.
    unfinished_text: Option<(usize, usize)>,
}

impl Reader {
    fn problem(&mut self, line: usize, message: String) {
        self.doc.problems.push(ImportProblem::at(line, message));
    }

    /// Reads a line: `T` and `E` lines are recorded at once; the lines that link or
    /// attach to others (and `E`, to keep its relations in file order) are returned.
    fn read_line(&mut self, number: usize, line: &str) -> Option<Item> {
        if line.trim().is_empty() {
            return None;
        }
        let (id, rest) = line.split_once('\t').unwrap_or((line, ""));
        let Some(kind) = id_type(id).filter(|_| line.contains('\t')) else {
            if self.unfinished_text.is_some() || !is_id_like(id) || !line.contains('\t') {
                self.stray_line(number, line);
            } else {
                self.problem(
                    number,
                    format!("\"{id}\" is not a brat line type (T, R, E, A, M, N, *, #); the line is skipped."),
                );
            }
            return None;
        };
        self.unfinished_text = None;
        let (head, tail) = match rest.split_once('\t') {
            Some((head, tail)) => (head, Some(tail)),
            None => (rest, None),
        };
        let tokens: Vec<&str> = head.split_whitespace().collect();
        match kind {
            'T' => {
                self.text_bound(number, id, head, tail);
                None
            }
            'E' => self
                .event(number, id, &tokens)
                .then(|| Item::Event { id: id.to_string() }),
            'R' => self.relation(number, id, &tokens),
            '*' if tokens.len() >= 3 => Some(Item::Equiv {
                line: number,
                kind: tokens[0].to_string(),
                ids: tokens[1..].iter().map(|s| s.to_string()).collect(),
            }),
            'A' | 'M' if tokens.len() == 2 || tokens.len() == 3 => Some(Item::Attribute {
                line: number,
                id: id.to_string(),
                name: tokens[0].to_string(),
                target: tokens[1].to_string(),
                value: tokens.get(2).unwrap_or(&"true").to_string(),
            }),
            'N' if tokens.len() == 3 => Some(Item::Link {
                line: number,
                id: id.to_string(),
                target: tokens[1].to_string(),
                link: tokens[2].to_string(),
            }),
            '#' if tokens.len() == 2 => Some(Item::Note {
                line: number,
                id: id.to_string(),
                target: tokens[1].to_string(),
                note: tail.unwrap_or_default().to_string(),
            }),
            _ => {
                self.problem(
                    number,
                    format!(
                        "{id} is not shaped like a brat {kind} line (\"{head}\"); it is skipped."
                    ),
                );
                None
            }
        }
    }

    /// A line without an id: the rest of the last `T` line's text, or a stray line.
    fn stray_line(&mut self, number: usize, line: &str) {
        let fits = self.unfinished_text.filter(|(index, expected)| {
            let text = self.doc.annotations[*index].text.as_deref().unwrap_or("");
            text.chars().count() + 1 + line.chars().count() <= *expected
        });
        let Some((index, expected)) = fits else {
            self.unfinished_text = None;
            self.problem(
                number,
                "this line does not start with a brat id and a tab; it is skipped.".to_string(),
            );
            return;
        };
        let annotation = &mut self.doc.annotations[index];
        let text = annotation.text.get_or_insert_with(String::new);
        text.push('\n');
        text.push_str(line);
        if text.chars().count() >= expected {
            self.unfinished_text = None;
        }
        let id = annotation.source_id.clone().unwrap_or_default();
        self.problem(
            number,
            format!("this line continues the text of {id} (its span holds a line break); it is joined to that text."),
        );
    }

    fn known_id(&mut self, number: usize, id: &str) -> bool {
        let taken = self.annotations.contains_key(id)
            || self.events.contains_key(id)
            || self.relations.contains_key(id);
        if taken {
            self.problem(
                number,
                format!("{id} is defined a second time; this line is skipped."),
            );
        }
        taken
    }

    fn text_bound(&mut self, number: usize, id: &str, head: &str, text: Option<&str>) {
        if self.known_id(number, id) {
            return;
        }
        let (label, offsets) = head.trim().split_once([' ', '\t']).unwrap_or((head, ""));
        let Some(spans) = parse_fragments(offsets) else {
            self.skipped.insert(id.to_string());
            self.problem(
                number,
                format!("{id} has bad offsets \"{}\" (expected \"start end\" pairs separated by \";\", start not after end); it is skipped.", offsets.trim()),
            );
            return;
        };
        let mut annotation = ImportedAnnotation::new(
            kind_for_label(label),
            label,
            Status::Accepted,
            Origin::tool(Format::Brat.name()),
        );
        annotation.source_id = Some(id.to_string());
        // Fragments' lengths plus one space between two; saturating, as offsets are
        // the file's.
        let expected = spans
            .iter()
            .fold(spans.len() - 1, |n, s| n.saturating_add(s.end - s.start));
        annotation.spans = spans;
        annotation.text = text.map(str::to_string);
        let index = self.doc.annotations.len();
        if text.map_or(0, |t| t.chars().count()) < expected {
            self.unfinished_text = Some((index, expected));
        }
        self.doc.annotations.push(annotation);
        self.annotations.insert(id.to_string(), index);
    }

    /// Records an `E` line; whether it was good.
    fn event(&mut self, number: usize, id: &str, tokens: &[&str]) -> bool {
        if self.known_id(number, id) {
            return false;
        }
        let pairs: Option<Vec<(String, String)>> = tokens
            .iter()
            .map(|t| {
                t.split_once(':')
                    .filter(|(role, target)| !role.is_empty() && !target.is_empty())
                    .map(|(role, target)| (role.to_string(), target.to_string()))
            })
            .collect();
        let Some(mut pairs) = pairs.filter(|p| !p.is_empty()) else {
            self.skipped.insert(id.to_string());
            self.problem(
                number,
                format!("{id} is not \"Type:Trigger Role:Id…\"; the event is skipped."),
            );
            return false;
        };
        let trigger = pairs.remove(0).1;
        let attribution = has_role(&pairs, "source") && has_role(&pairs, "content");
        self.events.insert(
            id.to_string(),
            Event {
                line: number,
                trigger,
                args: pairs,
                attribution,
            },
        );
        true
    }

    fn relation(&mut self, number: usize, id: &str, tokens: &[&str]) -> Option<Item> {
        let args: Option<Vec<(String, String)>> = tokens
            .get(1..)
            .unwrap_or_default()
            .iter()
            .map(|t| {
                t.split_once(':')
                    .map(|(role, target)| (role.to_string(), target.to_string()))
            })
            .collect();
        match args.filter(|a| a.len() == 2) {
            Some(args) => Some(Item::Relation {
                line: number,
                id: id.to_string(),
                kind: tokens[0].to_string(),
                args,
            }),
            None => {
                self.skipped.insert(id.to_string());
                self.problem(
                    number,
                    format!("{id} is not \"Type Arg1:Id Arg2:Id\"; the relation is skipped."),
                );
                None
            }
        }
    }

    /// Gives the Source and Content annotations of attribution events their kinds.
    fn mark_attributions(&mut self) {
        let mut events: Vec<&Event> = self.events.values().filter(|e| e.attribution).collect();
        events.sort_by_key(|e| e.line);
        let mut kinds = Vec::new();
        for event in events {
            for (role, target) in &event.args {
                let kind = match role_name(role).as_str() {
                    "source" => Kind::Source,
                    "content" => Kind::Claim,
                    _ => continue,
                };
                kinds.push((target.clone(), kind));
            }
        }
        for (target, kind) in kinds {
            if let Some(index) = self
                .anchor(&target)
                .and_then(|id| self.annotations.get(&id))
            {
                self.doc.annotations[*index].kind = kind;
            }
        }
    }

    /// The `T` id an id stands for: itself for a `T`, the trigger (or for an attribution
    /// event the claim) for an `E`.
    fn anchor(&self, id: &str) -> Option<String> {
        let mut id = id.to_string();
        let mut seen = HashSet::new();
        while let Some(event) = self.events.get(&id) {
            if !seen.insert(id.clone()) {
                return None;
            }
            let next = if event.attribution {
                event
                    .args
                    .iter()
                    .find(|(role, _)| role_name(role) == "content")
                    .map(|(_, target)| target.clone())
            } else {
                Some(event.trigger.clone())
            };
            id = next?;
        }
        self.annotations.contains_key(&id).then_some(id)
    }

    /// The anchor of `id`, or a problem saying why there is none.
    fn resolve(&mut self, line: usize, owner: &str, id: &str) -> Option<String> {
        let found = self.anchor(id);
        if found.is_none() {
            let why = if self.skipped.contains(id) {
                "which was skipped"
            } else {
                "which is not in the file"
            };
            self.problem(
                line,
                format!("{owner} refers to {id}, {why}; {owner} is skipped."),
            );
        }
        found
    }

    fn push_relation(&mut self, source_id: &str, kind: &str, from: String, to: String) {
        self.doc.relations.push(ImportedRelation::new(
            Some(source_id.to_string()),
            kind,
            from,
            to,
        ));
    }

    /// Turns a relation, event or equivalence line into relations.
    fn link(&mut self, item: Item) {
        match item {
            Item::Relation {
                line,
                id,
                kind,
                args,
            } => {
                let from = self.resolve(line, &id, &args[0].1);
                let to = self.resolve(line, &id, &args[1].1);
                if let (Some(from), Some(to)) = (from, to) {
                    if self.known_id(line, &id) {
                        return;
                    }
                    self.relations.insert(id.clone(), self.doc.relations.len());
                    self.push_relation(&id, &kind, from, to);
                }
            }
            Item::Event { id } => self.event_relations(&id),
            Item::Equiv { line, kind, ids } => {
                let resolved: Vec<Option<String>> = ids
                    .iter()
                    .map(|id| self.resolve(line, "the equivalence", id))
                    .collect();
                if let Some(Some(first)) = resolved.first().cloned() {
                    for other in resolved.into_iter().skip(1).flatten() {
                        self.doc.relations.push(ImportedRelation::new(
                            None,
                            kind.clone(),
                            first.clone(),
                            other,
                        ));
                    }
                }
            }
            _ => {}
        }
    }

    /// Turns an `E` line into relations.
    fn event_relations(&mut self, id: &str) {
        let Some(event) = self.events.get(id) else {
            return;
        };
        let (line, attribution) = (event.line, event.attribution);
        let trigger = event.trigger.clone();
        let args = event.args.clone();
        let Some(trigger_anchor) = self.resolve(line, id, &trigger) else {
            return;
        };
        if !attribution {
            for (role, target) in args {
                if let Some(to) = self.resolve(line, id, &target) {
                    self.push_relation(id, &role, trigger_anchor.clone(), to);
                }
            }
            return;
        }
        let Some(claim) = self.anchor(id) else {
            self.problem(
                line,
                format!("{id} has a Content that is not in the file; the attribution is skipped."),
            );
            return;
        };
        let mut cue = None;
        for (role, target) in &args {
            let Some(to) = self.resolve(line, id, target) else {
                continue;
            };
            match role_name(role).as_str() {
                "content" => {}
                "source" => self.push_relation(id, "attributed_to", claim.clone(), to),
                "cue" => cue = Some(to),
                _ => self.push_relation(id, role, claim.clone(), to),
            }
        }
        let cue = cue.or((trigger_anchor != claim).then_some(trigger_anchor));
        if let Some(cue) = cue {
            self.push_relation(id, "cue", claim, cue);
        }
    }

    /// Attaches an attribute, link or note line to its target.
    fn target(&mut self, item: Item) {
        match item {
            Item::Attribute {
                line,
                id,
                name,
                target,
                value,
            } => {
                if let Some(relation) = self.relations.get(&target) {
                    self.doc.relations[*relation].attrs.insert(name, value);
                } else if let Some(index) = self.target_annotation(line, &id, &target) {
                    self.doc.annotations[index].attrs.insert(name, value);
                }
            }
            Item::Link {
                line,
                id,
                target,
                link,
            } => {
                if self.relations.contains_key(&target) {
                    self.problem(
                        line,
                        format!("{id} links the relation {target}, but only annotations take links; it is skipped."),
                    );
                } else if let Some(index) = self.target_annotation(line, &id, &target) {
                    self.doc.annotations[index].links.push(link);
                }
            }
            Item::Note {
                line,
                id,
                target,
                note,
            } => {
                if let Some(relation) = self.relations.get(&target) {
                    self.doc.relations[*relation].add_note(&note);
                } else if let Some(index) = self.target_annotation(line, &id, &target) {
                    self.doc.annotations[index].add_note(&note);
                }
            }
            _ => {}
        }
    }

    fn target_annotation(&mut self, line: usize, owner: &str, target: &str) -> Option<usize> {
        let anchor = self.resolve(line, owner, target)?;
        self.annotations.get(&anchor).copied()
    }
}

/// The type letter of a brat id (`T` for `T12`, `#` for `#3`), if it is one.
fn id_type(id: &str) -> Option<char> {
    let mut chars = id.chars();
    let first = chars.next()?;
    let digits = chars.as_str();
    let all_digits = digits.chars().all(|c| c.is_ascii_digit());
    match first {
        'T' | 'R' | 'E' | 'A' | 'M' | 'N' if !digits.is_empty() && all_digits => Some(first),
        '#' | '*' if all_digits => Some(first),
        _ => None,
    }
}

/// Whether `id` could be an id at all (one short word), to tell an unknown line type
/// from a stray line.
fn is_id_like(id: &str) -> bool {
    !id.is_empty() && id.len() <= 16 && !id.contains(char::is_whitespace)
}

/// `0 5;9 12` as spans; `None` when any fragment is not two numbers in order.
fn parse_fragments(offsets: &str) -> Option<Vec<ImportedSpan>> {
    offsets
        .split(';')
        .map(|fragment| {
            let mut numbers = fragment.split_whitespace().map(str::parse::<usize>);
            match (numbers.next(), numbers.next(), numbers.next()) {
                (Some(Ok(start)), Some(Ok(end)), None) if start <= end => {
                    Some(ImportedSpan::new(start, end))
                }
                _ => None,
            }
        })
        .collect()
}

/// A role without its trailing number, lowercase (`Source2` → `source`).
fn role_name(role: &str) -> String {
    role.trim_end_matches(|c: char| c.is_ascii_digit())
        .to_ascii_lowercase()
}

fn has_role(args: &[(String, String)], name: &str) -> bool {
    args.iter().any(|(role, _)| role_name(role) == name)
}

/// The type lists of a brat `annotation.conf`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BratConf {
    /// Entity types that can be annotated, in file order.
    pub entities: Vec<String>,
    /// Relation types.
    pub relations: Vec<String>,
    /// Event types that can be annotated.
    pub events: Vec<String>,
    /// Attribute names.
    pub attributes: Vec<String>,
}

/// Parses an `annotation.conf`: the first word of each line in `[entities]`,
/// `[relations]`, `[events]` and `[attributes]`. Comments (`#`), macros (`<POG>=…`),
/// special types (`<OVERLAP>`) and types marked `!` (hierarchy only, not for
/// annotation) are left out; hierarchy indentation is ignored.
pub fn parse_conf(input: &str) -> Result<BratConf, FormatError> {
    let mut conf = BratConf::default();
    let mut section: Option<&mut Vec<String>> = None;
    for (index, raw) in strip_bom(input).split('\n').enumerate() {
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            section = Some(match name.trim() {
                "entities" => &mut conf.entities,
                "relations" => &mut conf.relations,
                "events" => &mut conf.events,
                "attributes" => &mut conf.attributes,
                other => {
                    return Err(FormatError::Conf {
                        line: index + 1,
                        message: format!("\"[{other}]\" is not a section of annotation.conf (entities, relations, events, attributes)"),
                    })
                }
            });
            continue;
        }
        let Some(types) = section.as_deref_mut() else {
            return Err(FormatError::Conf {
                line: index + 1,
                message: "a type comes before any [section] header".to_string(),
            });
        };
        let name = line.split_whitespace().next().unwrap_or_default();
        if !name.starts_with(['<', '!']) {
            types.push(name.to_string());
        }
    }
    Ok(conf)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::OffsetUnit;

    fn one(input: &str) -> ImportedDoc {
        let mut docs = parse(input, &ImportOptions::default()).unwrap();
        assert_eq!(docs.len(), 1);
        docs.remove(0)
    }

    fn by_id<'d>(doc: &'d ImportedDoc, id: &str) -> &'d ImportedAnnotation {
        doc.annotations
            .iter()
            .find(|a| a.source_id.as_deref() == Some(id))
            .unwrap()
    }

    #[test]
    fn text_bound_lines_with_discontinuous_spans_and_kinds() {
        let doc = one(
            "\u{feff}T1\tPerson 0 5\tSmith\r\nT2\tQuote 10 14;20 25\tsaid 😀 it\r\nT3\tsource 30 33\tAFP\r\n",
        );
        assert_eq!(doc.text, None);
        assert_eq!(doc.unit, OffsetUnit::CodePoints);
        assert_eq!(doc.annotations.len(), 3);
        let quote = by_id(&doc, "T2");
        assert_eq!(quote.kind, Kind::Claim);
        assert_eq!(
            quote.spans,
            vec![ImportedSpan::new(10, 14), ImportedSpan::new(20, 25)]
        );
        assert_eq!(quote.text.as_deref(), Some("said 😀 it"));
        assert_eq!(
            (quote.status, quote.origin.by.as_str()),
            (Status::Accepted, "brat")
        );
        assert_eq!(by_id(&doc, "T1").kind, Kind::Entity);
        assert_eq!(by_id(&doc, "T3").kind, Kind::Source);
        assert!(doc.problems.is_empty(), "{:?}", doc.problems);
    }

    #[test]
    fn relations_attributes_links_notes_and_equivalences() {
        let doc = one(concat!(
            "A1\tNegation R1\n",
            "T1\tPerson 0 5\tSmith\n",
            "T2\tOrganization 10 13\tAFP\n",
            "T3\tPerson 20 25\tSmyth\n",
            "R1\tEmployment Arg1:T1 Arg2:T2\t\n",
            "A2\tConfidence T1 High\n",
            "M3\tIndividual T2\n",
            "N1\tReference T1 Wikidata:Q42\tSmith\n",
            "#1\tAnnotatorNotes T1\tCheck the spelling.\n",
            "#2\tAnnotatorNotes T1\tTwice.\n",
            "#3\tAnnotatorNotes R1\tImplied.\n",
            "*\tAlias T1 T3\n",
        ));
        assert!(doc.problems.is_empty(), "{:?}", doc.problems);
        let smith = by_id(&doc, "T1");
        assert_eq!(smith.attrs["Confidence"], "High");
        assert_eq!(smith.links, vec!["Wikidata:Q42".to_string()]);
        assert_eq!(smith.note.as_deref(), Some("Check the spelling.\nTwice."));
        assert_eq!(by_id(&doc, "T2").attrs["Individual"], "true");
        assert_eq!(doc.relations.len(), 2);
        let employment = &doc.relations[0];
        assert_eq!(
            (
                employment.kind.as_str(),
                employment.from.as_str(),
                employment.to.as_str()
            ),
            ("Employment", "T1", "T2")
        );
        assert_eq!(employment.source_id.as_deref(), Some("R1"));
        assert_eq!(employment.attrs["Negation"], "true");
        assert_eq!(employment.note.as_deref(), Some("Implied."));
        assert_eq!(doc.relations[1].kind, "Alias");
        assert_eq!(doc.relations[1].source_id, None);
    }

    #[test]
    fn events_become_relations_from_their_trigger() {
        let doc = one(concat!(
            "T1\tOrganization 0 7\tYouTube\n",
            "T2\tMerge-org 8 14\tmerged\n",
            "E1\tMerge-org:T2 Org-Arg:T1 Org-Arg2:T3\n",
            "T3\tOrganization 20 26\tGoogle\n",
            "T4\tReport 30 37\treports\n",
            "E2\tReport:T4 Event-Arg:E1\n",
            "A1\tConfidence E1 Low\n",
            "#1\tAnnotatorNotes E1\tOne event?\n",
        ));
        assert!(doc.problems.is_empty(), "{:?}", doc.problems);
        let ends: Vec<(&str, &str, &str)> = doc
            .relations
            .iter()
            .map(|r| (r.kind.as_str(), r.from.as_str(), r.to.as_str()))
            .collect();
        assert_eq!(
            ends,
            vec![
                ("Org-Arg", "T2", "T1"),
                ("Org-Arg2", "T2", "T3"),
                ("Event-Arg", "T4", "T2")
            ]
        );
        assert_eq!(doc.relations[0].source_id.as_deref(), Some("E1"));
        let trigger = by_id(&doc, "T2");
        assert_eq!(trigger.attrs["Confidence"], "Low");
        assert_eq!(trigger.note.as_deref(), Some("One event?"));
    }

    #[test]
    fn attribution_events_give_claims_sources_and_attributed_to() {
        let doc = one(concat!(
            "T1\tPerson 0 14\tShaukat Sultan\n",
            "T2\tAttribution 16 20\ttold\n",
            "T3\tContent 40 60\tfour were Kazakhs\n",
            "T4\tOrganization 21 24\tAFP\n",
            "E1\tAttribution:T2 Source:T1 Content:T3 Addressee:T4\n",
            "A1\tStance E1 asserted\n",
            "#1\tAnnotatorNotes E1\tSketchy.\n",
        ));
        assert!(doc.problems.is_empty(), "{:?}", doc.problems);
        assert_eq!(by_id(&doc, "T1").kind, Kind::Source);
        let claim = by_id(&doc, "T3");
        assert_eq!(claim.kind, Kind::Claim);
        assert_eq!(claim.label, "Content");
        assert_eq!(claim.attrs["Stance"], "asserted");
        assert_eq!(claim.note.as_deref(), Some("Sketchy."));
        assert_eq!(by_id(&doc, "T2").kind, Kind::Entity);
        let ends: Vec<(&str, &str, &str)> = doc
            .relations
            .iter()
            .map(|r| (r.kind.as_str(), r.from.as_str(), r.to.as_str()))
            .collect();
        assert_eq!(
            ends,
            vec![
                ("attributed_to", "T3", "T1"),
                ("Addressee", "T3", "T4"),
                ("cue", "T3", "T2")
            ]
        );
        assert!(doc
            .relations
            .iter()
            .all(|r| r.source_id.as_deref() == Some("E1")));
    }

    #[test]
    fn an_explicit_cue_role_is_the_cue() {
        let doc = one(concat!(
            "T1\tSource 0 3\tHe\n",
            "T2\tCue 4 8\tsaid\n",
            "T3\tClaim 9 12\tyes\n",
            "T4\tAttribution 0 12\tHe said yes\n",
            "E1\tAttribution:T4 source:T1 Cue:T2 CONTENT:T3\n",
        ));
        let ends: Vec<(&str, &str)> = doc
            .relations
            .iter()
            .map(|r| (r.kind.as_str(), r.to.as_str()))
            .collect();
        assert_eq!(ends, vec![("attributed_to", "T1"), ("cue", "T2")]);
    }

    #[test]
    fn malformed_lines_are_problems_and_good_lines_import() {
        let doc = one(concat!(
            "T1\tPerson 0 12\tfirst\n",
            "second\n",
            "T2\tPerson 20 10\tbackwards\n",
            "T3\tPerson x 5\tbad\n",
            "T4\tPerson 30 35\tgood\n",
            "stray text that is too long\n",
            "X1\tsomething\n",
            "R1\tLinks Arg1:T4\n",
            "R2\tLinks Arg1:T4 Arg2:T9\n",
            "A1\tNegation T2\n",
            "T4\tPerson 40 45\tagain\n",
            "N1\tReference T4\n",
        ));
        assert_eq!(doc.annotations.len(), 2);
        assert_eq!(by_id(&doc, "T1").text.as_deref(), Some("first\nsecond"));
        let lines: Vec<Option<usize>> = doc.problems.iter().map(|p| p.line).collect();
        assert_eq!(
            lines,
            [2, 3, 4, 6, 7, 8, 9, 10, 11, 12].map(Some).to_vec(),
            "{:#?}",
            doc.problems
        );
        assert!(doc.problems[0].message.contains("continues the text of T1"));
        assert!(doc.problems[1].message.contains("bad offsets"));
        assert!(doc.problems[3]
            .message
            .contains("does not start with a brat id"));
        assert!(doc.problems[4].message.contains("\"X1\""));
        assert!(doc.problems[6]
            .message
            .contains("T9, which is not in the file"));
        assert!(doc.problems[7].message.contains("T2, which was skipped"));
        assert!(doc.problems[8].message.contains("second time"));
        assert!(doc.relations.is_empty());
    }

    #[test]
    fn empty_files_are_a_problem_not_an_error() {
        for input in ["", "\u{feff}", "\r\n\n"] {
            let doc = one(input);
            assert!(doc.annotations.is_empty());
            assert_eq!(doc.problems, vec![ImportProblem::empty_file()]);
        }
    }

    #[test]
    fn conf_lists_the_types() {
        let conf = parse_conf(concat!(
            "# comment\n",
            "[entities]\n",
            "Person\n",
            "AWARD\t<NORM>:Wikidata\n",
            "[relations]\n",
            "Located  Arg1:Person, Arg2:GPE\n",
            "<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>\n",
            "[events]\n",
            "<POG>=Person|Organization\n",
            "!Life\n",
            "\tBe-born   Person-Arg:Person\n",
            "[attributes]\n",
            "Negation   Arg:<EVENT>\n",
        ))
        .unwrap();
        assert_eq!(conf.entities, vec!["Person", "AWARD"]);
        assert_eq!(conf.relations, vec!["Located"]);
        assert_eq!(conf.events, vec!["Be-born"]);
        assert_eq!(conf.attributes, vec!["Negation"]);
    }

    #[test]
    fn conf_errors_name_their_line() {
        let err = parse_conf("Person\n").unwrap_err().to_string();
        assert!(err.starts_with("line 1:"), "{err}");
        let err = parse_conf("[entities]\nPerson\n[labels]\n")
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("line 3:") && err.contains("[labels]"),
            "{err}"
        );
    }

    /// The length the text of fragments near the largest offset should have does not
    /// fit in a usize: counting it must not overflow (a panic in a debug build).
    #[test]
    fn fragments_near_the_largest_offset_do_not_overflow() {
        let max = usize::MAX;
        let doc = one(&format!("T1\tPerson 0 {max};0 {max}\tSmith\n"));
        assert_eq!(by_id(&doc, "T1").spans.len(), 2);
    }
}
