//! Reading the lines of a `.ann` file one by one: text-bound annotations at once, the
//! lines that refer to other ids kept as [`Item`]s for later, malformed lines as
//! problems.

use crate::domain::model::{Origin, Status};
use crate::formats::{kind_for_label, Format, ImportProblem, ImportedAnnotation};

use super::fields::{has_role, id_type, is_id_like, parse_fragments};
use super::{Event, Item, Reader};

impl Reader {
    pub(super) fn problem(&mut self, line: usize, message: String) {
        self.doc.problems.push(ImportProblem::at(line, message));
    }

    /// Reads a line: `T` and `E` lines are recorded at once; the lines that link or
    /// attach to others (and `E`, to keep its relations in file order) are returned.
    pub(super) fn read_line(&mut self, number: usize, line: &str) -> Option<Item> {
        if line.trim().is_empty() {
            // A blank line inside a span's text (brat writes the text field raw, so a
            // span over a paragraph break goes on over several lines).
            if self.unfinished_text.is_some() {
                self.stray_line(number, line);
            }
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
                name: tail.map(str::to_string),
            }),
            '#' if tokens.len() == 2 => Some(Item::Note {
                line: number,
                id: id.to_string(),
                note_type: tokens[0].to_string(),
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
        self.doc.problems.push(
            ImportProblem::at(
                number,
                format!("this line continues the text of {id} (its span holds a line break); it is joined to that text."),
            )
            .harmless(),
        );
    }

    pub(super) fn known_id(&mut self, number: usize, id: &str) -> bool {
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
        let (kind, trigger) = pairs.remove(0);
        // An event of a type named for attribution (`Attribution-no-source`) needs
        // only its Content: a claim no one is named for, reported by its trigger.
        let attribution = has_role(&pairs, "content")
            && (has_role(&pairs, "source")
                || has_role(&pairs, "cue")
                || kind.to_lowercase().starts_with("attribution"));
        self.events.insert(
            id.to_string(),
            Event {
                line: number,
                kind,
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
}
