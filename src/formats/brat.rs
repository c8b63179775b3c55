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
//! - `E1\tType:T2 Role:T1 Role:T3…`: an event. An *attribution event*, one with a
//!   `Content` role and a `Source` or `Cue` role (case-insensitive, a trailing number
//!   allowed, as in `Source2`) or a type starting with `Attribution`, makes its Content
//!   annotation a claim and its Source annotations sources, with the relation
//!   `attributed_to` claim → source, and one relation claim → argument, named by role,
//!   for any other role. Its cue words (the text of its `Cue` argument, or else of its
//!   trigger) become the claim's `cue` attribute, and the annotations that only marked
//!   them are left out; the event's type and where its trigger and `Cue` were are
//!   kept as the claim's `attribution`, `cue_at`, `cue_label` and `trigger_at`
//!   attributes, so the export writes them back. Its other roles' relations carry its
//!   id as `event`, and the attributes and notes it carries go on the claim, named in
//!   the claim's `attribution_attrs` and `attribution_notes` (a name the claim's own
//!   line gives it as well is reported, not mixed). Any other
//!   event keeps its trigger, whose `event` attribute lists the event ids, and gives one
//!   relation trigger → argument per argument, named by role and carrying the event id
//!   as `event` (see [`names`]). Event relations carry the event's id as `source_id`.
//!   Wherever an event is an argument or a target, it stands for its trigger (for an
//!   attribution event: its claim); a circle of events standing for each other is
//!   reported as one.
//! - `A1\tNegation E1` and `A2\tConfidence E1 High` (also `M`): the attribute
//!   `Negation` = `true` or `Confidence` = `High` on the target annotation or relation.
//! - `N1\tReference T1 Wikidata:Q42\tname`: the link `Wikidata:Q42` on the target, and
//!   the attribute `link_name:Wikidata:Q42` = `name`.
//! - `*\tAlias T3 T4 T5`: an [`ImportedEquivalence`]: one canonical entity.
//! - `#1\tAnnotatorNotes T1\tnote`: the note of the target annotation or relation;
//!   `#2\tLemma T1\tlemma`: its attribute `note:Lemma`.
//!
//! A line that does not start with an id and a tab right after a `T` line whose text is
//! shorter than its span is taken as the rest of that text (the span holds a line
//! break), joined with `\n`, and reported.
//!
//! The parts: `brat/sizes.rs` counts the lines first (the lists are made at their
//! size), `brat/read.rs` reads each line, `brat/link.rs` resolves the lines that
//! refer to others once all are read, `brat/fields.rs` parses ids, spans and roles,
//! `brat/conf.rs` reads `annotation.conf`, `brat/conf_check.rs` says what a file uses
//! beyond it and `brat/conf_schema.rs` what it adds to the article's schema; `brat/names.rs` names the attributes that keep what the model has no
//! field for.
//!
//! [`ImportProblem`]: crate::formats::ImportProblem
//! [`kind_for_label`]: crate::formats::kind_for_label
//! [`ImportedEquivalence`]: crate::formats::imported::ImportedEquivalence

use std::collections::{HashMap, HashSet};

use crate::formats::{strip_bom, Format, FormatError, ImportOptions, ImportedDoc};

use sizes::Sizes;

mod conf;
mod conf_check;
mod conf_schema;
mod fields;
mod link;
pub mod names;
mod read;
mod sizes;

pub use conf::{parse_conf, BratConf};
pub use conf_check::undeclared;

/// Parses a brat `.ann` file into one document.
pub fn parse(input: &str, options: &ImportOptions) -> Result<Vec<ImportedDoc>, FormatError> {
    let unit = options.unit_for(Format::Brat);
    if strip_bom(input).trim().is_empty() {
        return Ok(vec![ImportedDoc::empty_file(Format::Brat, unit)]);
    }
    let sizes = Sizes::of(strip_bom(input));
    let mut doc = ImportedDoc::new(Format::Brat, unit);
    doc.annotations.reserve_exact(sizes.text_bound);
    doc.relations.reserve_exact(sizes.relations);
    let mut reader = Reader {
        doc,
        annotations: HashMap::with_capacity(sizes.text_bound),
        skipped: HashSet::new(),
        events: HashMap::with_capacity(sizes.events),
        relations: HashMap::with_capacity(sizes.relation_lines),
        unfinished_text: None,
        cue_words: Vec::new(),
    };
    let mut later = Vec::with_capacity(sizes.later);
    for (index, raw) in strip_bom(input).split('\n').enumerate() {
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        if let Some(item) = reader.read_line(index + 1, line) {
            later.push(item);
        }
    }
    reader.mark_attributions();
    let referred = reader.referred_to(&later);
    let (links, targeted): (Vec<_>, Vec<_>) = later.into_iter().partition(Item::is_linking);
    for item in links {
        reader.link(item);
    }
    for item in targeted {
        reader.target(item);
    }
    reader.drop_cue_words(&referred);
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
        /// The text after the ids, the name the link is given; `None` without a tab.
        name: Option<String>,
    },
    Note {
        line: usize,
        id: String,
        /// `AnnotatorNotes`, or another type such as `Lemma`.
        note_type: String,
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
    /// The event's type (`Attribution`, `Merge-org`).
    kind: String,
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
    /// For each claim of an attribution event (its `T` id), the `T` ids that marked its
    /// cue words (its `Cue` argument or its trigger), now the claim's `cue` attributes.
    cue_words: Vec<(String, Vec<String>)>,
}

impl Reader {
    /// The ids the kept lines name, except as an attribution event's trigger or `Cue`.
    fn referred_to(&self, items: &[Item]) -> HashSet<String> {
        let mut ids = HashSet::new();
        for item in items {
            match item {
                Item::Relation { args, .. } => ids.extend(args.iter().map(|(_, id)| id.clone())),
                Item::Equiv { ids: members, .. } => ids.extend(members.iter().cloned()),
                Item::Attribute { target, .. }
                | Item::Link { target, .. }
                | Item::Note { target, .. } => {
                    ids.insert(target.clone());
                }
                Item::Event { id } => {
                    let Some(event) = self.events.get(id) else {
                        continue;
                    };
                    if !event.attribution {
                        ids.insert(event.trigger.clone());
                    }
                    for (role, target) in &event.args {
                        if !event.attribution || fields::role_name(role) != "cue" {
                            ids.insert(target.clone());
                        }
                    }
                }
            }
        }
        ids
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::{Kind, Status};
    use crate::formats::imported::ImportedEquivalence;
    use crate::formats::{ImportProblem, ImportedAnnotation, ImportedSpan, OffsetUnit};

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
        assert_eq!(doc.relations.len(), 1);
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
        assert_eq!(
            doc.equivalences,
            vec![ImportedEquivalence {
                kind: "Alias".to_string(),
                members: vec!["T1".to_string(), "T3".to_string()]
            }]
        );
    }

    #[test]
    fn normalisation_names_and_note_types_are_kept_apart() {
        let doc = one(concat!(
            "T1\tPerson 0 6\tСултан\n",
            "T2\tOrganization 10 13\tAFP\n",
            "R1\tEmployment Arg1:T1 Arg2:T2\n",
            "N1\tReference T1 Wikipedia:64488\tCarlos Salinas de Gortari\n",
            "N2\tReference T1 Wikidata:Q42\t\n",
            "N3\tReference T2 Wikidata:NULL\n",
            "#1\tLemma T1\tсултан\n",
            "#2\tLemma T1\tsultan 👍\n",
            "#3\tAnnotatorNotes T1\tCheck.\n",
            "#4\tSource R1\tBBC\n",
        ));
        assert!(doc.problems.is_empty(), "{:?}", doc.problems);
        let sultan = by_id(&doc, "T1");
        assert_eq!(sultan.links, vec!["Wikipedia:64488", "Wikidata:Q42"]);
        assert_eq!(
            sultan.attrs["link_name:Wikipedia:64488"],
            "Carlos Salinas de Gortari"
        );
        assert_eq!(sultan.attrs["link_name:Wikidata:Q42"], "");
        assert_eq!(sultan.attrs["note:Lemma"], "султан\nsultan 👍");
        assert_eq!(sultan.note.as_deref(), Some("Check."));
        let afp = by_id(&doc, "T2");
        assert_eq!(afp.links, vec!["Wikidata:NULL"]);
        assert!(!afp.attrs.keys().any(|k| k.starts_with("link_name:")));
        assert_eq!(doc.relations[0].attrs["note:Source"], "BBC");
        assert_eq!(doc.relations[0].note, None);
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
        let events: Vec<&str> = doc
            .relations
            .iter()
            .map(|r| r.attrs["event"].as_str())
            .collect();
        assert_eq!(events, vec!["E1", "E1", "E2"]);
        assert_eq!(by_id(&doc, "T4").attrs["event"], "E2");
        let trigger = by_id(&doc, "T2");
        assert_eq!(trigger.attrs["event"], "E1");
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
        assert_eq!(claim.attrs["attribution_attrs"], "Stance");
        assert_eq!(claim.attrs["attribution_notes"], "AnnotatorNotes");
        assert_eq!(claim.attrs["cue"], "told");
        let ends: Vec<(&str, &str, &str)> = doc
            .relations
            .iter()
            .map(|r| (r.kind.as_str(), r.from.as_str(), r.to.as_str()))
            .collect();
        assert_eq!(
            ends,
            vec![("attributed_to", "T3", "T1"), ("Addressee", "T3", "T4")]
        );
        let ids: Vec<&str> = doc
            .annotations
            .iter()
            .filter_map(|a| a.source_id.as_deref())
            .collect();
        assert_eq!(ids, vec!["T1", "T3", "T4"], "the cue word is no entity");
        assert!(doc
            .relations
            .iter()
            .all(|r| r.source_id.as_deref() == Some("E1")));
        assert_eq!(doc.relations[1].attrs["event"], "E1", "a role of the event");
        assert!(!doc.relations[0].attrs.contains_key("event"));
    }

    /// brat keeps a claim's own attributes and notes apart from its attribution event's;
    /// scholia has one claim for both, so the same name on both is a problem, not a mix.
    #[test]
    fn an_attribution_event_and_its_claim_keep_their_attributes_and_notes_apart() {
        let doc = one(concat!(
            "T1\tSource 0 4\tАлия\n",
            "T2\tContent 12 20\tвсё 👍\n",
            "E1\tAttribution:T2 Source:T1 Content:T2\n",
            "A1\tNegated E1\n",
            "A2\tNegated T2\n",
            "A3\tstance T2 asserted\n",
            "#1\tAnnotatorNotes T2\tСвоя.\n",
            "#2\tAnnotatorNotes E1\tСобытия.\n",
            "#3\tLemma E1\tсказать\n",
            "#4\tLemma E1\tговорить\n",
        ));
        let claim = by_id(&doc, "T2");
        assert_eq!(claim.attrs["Negated"], "true");
        assert_eq!(claim.attrs["stance"], "asserted");
        assert_eq!(claim.attrs["attribution_attrs"], "Negated");
        assert_eq!(claim.note.as_deref(), Some("Своя."));
        assert_eq!(claim.attrs["note:Lemma"], "сказать\nговорить");
        assert_eq!(claim.attrs["attribution_notes"], "Lemma");
        let problems: Vec<(Option<usize>, &str)> = doc
            .problems
            .iter()
            .map(|p| (p.line, p.message.as_str()))
            .collect();
        assert_eq!(
            problems,
            vec![
                (Some(5), "A2 gives T2 the attribute Negated, which the attribution event of T2 has too; scholia keeps one for both, so A2 is skipped."),
                (Some(8), "#2 gives E1 a note of type AnnotatorNotes, which its claim T2 has too; scholia keeps one for both, so #2 is skipped."),
            ]
        );
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
        assert_eq!(ends, vec![("attributed_to", "T1")]);
        let claim = by_id(&doc, "T3");
        assert_eq!(claim.attrs["cue"], "said");
        assert_eq!(claim.attrs["cue_at"], "4 8");
        assert_eq!(claim.attrs["trigger_at"], "0 12");
        assert_eq!(doc.annotations.len(), 2, "{:?}", doc.annotations);
    }

    /// The news-attribution style: a claim no one is named for, its cue marked twice
    /// (as the trigger and as the `Cue` argument).
    #[test]
    fn an_attribution_without_a_source_is_an_unattributed_claim_with_its_cue() {
        let doc = one(concat!(
            "T1\tAttribution-no-source 4 9\tсказал\n",
            "T2\tCue 4 9\tсказал\n",
            "T3\tContent 10 24\tвсё будет 👍\n",
            "T4\tPerson 0 3\tОн\n",
            "E1\tAttribution-no-source:T1 Cue:T2 Content:T3\n",
        ));
        assert!(doc.problems.is_empty(), "{:?}", doc.problems);
        let claim = by_id(&doc, "T3");
        assert_eq!((claim.kind, claim.label.as_str()), (Kind::Claim, "Content"));
        assert_eq!(claim.attrs["cue"], "сказал");
        assert_eq!(claim.attrs["attribution"], "Attribution-no-source");
        assert_eq!(claim.attrs["cue_at"], "4 9");
        assert_eq!(claim.attrs["cue_label"], "Cue");
        assert!(!claim.attrs.contains_key("trigger_at"));
        let kinds: Vec<(&str, Kind)> = doc
            .annotations
            .iter()
            .map(|a| (a.source_id.as_deref().unwrap(), a.kind))
            .collect();
        assert_eq!(kinds, vec![("T3", Kind::Claim), ("T4", Kind::Entity)]);
        assert!(doc.relations.is_empty(), "{:?}", doc.relations);
    }

    /// A cue word another line refers to stays an annotation.
    #[test]
    fn a_cue_word_that_other_lines_use_is_kept() {
        let doc = one(concat!(
            "T1\tCue 4 8\tsaid\n",
            "T2\tContent 9 12\tyes\n",
            "E1\tAttribution:T1 Cue:T1 Content:T2\n",
            "A1\tTense T1 past\n",
        ));
        assert_eq!(by_id(&doc, "T2").attrs["cue"], "said");
        assert!(
            !by_id(&doc, "T2").attrs.contains_key("cue_at"),
            "the kept cue annotation is written, not its position"
        );
        assert_eq!(by_id(&doc, "T1").attrs["Tense"], "past");
    }

    #[test]
    fn events_that_stand_for_each_other_are_reported_as_a_circle() {
        let doc = one(concat!(
            "T1\tPerson 0 3\tAnn\n",
            "E1\tMeet:E2 Person-Arg:T1\n",
            "E2\tMeet:E1 Person-Arg:T1\n",
            "R1\tKnows Arg1:T1 Arg2:E1\n",
        ));
        let messages: Vec<&str> = doc.problems.iter().map(|p| p.message.as_str()).collect();
        assert_eq!(messages.len(), 3, "{messages:?}");
        assert!(
            messages.iter().all(|m| !m.contains("not in the file")),
            "{messages:?}"
        );
        assert!(
            messages[2].contains(
                "R1 refers to E1, whose trigger leads back round a circle of events (E1 → E2 → E1)"
            ),
            "{messages:?}"
        );
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

    /// The length the text of fragments near the largest offset should have does not
    /// fit in a usize: counting it must not overflow (a panic in a debug build).
    #[test]
    fn fragments_near_the_largest_offset_do_not_overflow() {
        let max = usize::MAX;
        let doc = one(&format!("T1\tPerson 0 {max};0 {max}\tSmith\n"));
        assert_eq!(by_id(&doc, "T1").spans.len(), 2);
    }
}
