//! CoNLL-U, the format of Universal Dependencies treebanks: one word a line in ten
//! tab-separated columns (`ID FORM LEMMA UPOS XPOS FEATS HEAD DEPREL DEPS MISC`), `#`
//! comment lines (`# sent_id = …`, `# text = …`, `# newdoc …`), a blank line after each
//! sentence; CRLF and a byte-order mark are fine.
//!
//! Entity tags, in any scheme CoNLL files use (IOB2, IOB1, BIOES, IO; see
//! [`crate::formats::conll`]), are read from a named-entity column when a CoNLL-U Plus
//! header names one (`# global.columns = ID FORM … NE`: a column called `NE`, `NER`,
//! `ENTITY` or ending in `:NE`, `:NER`), else from MISC: `NER=B-PER`, `NE=…` or
//! `Entity=…`. A value that is not a tag (CorefUD's `Entity=(e1-person-1` brackets) is
//! read as outside every span and counted in one problem.
//!
//! The words are aligned to the article like CoNLL tokens
//! ([`crate::formats::token_alignment`]). A multiword token (`1-2 del`, whose words
//! `de` and `el` are not written in the text) is aligned by its surface form, which
//! takes the tag of its first word in a span (or its own, when it has one); empty nodes
//! (`8.1`) are not in the text and are skipped. `SpaceAfter=No` needs nothing: the
//! alignment skips the white space that is there and needs none. `# newdoc` starts
//! another document (the one whose words are in the article is imported). Problems
//! name the sentence (`sent_id`) and the word.

use crate::formats::conll::{Reader, Tag};
use crate::formats::{strip_bom, Format, FormatError, ImportOptions, ImportProblem, ImportedDoc};

/// The columns of plain CoNLL-U.
const COLUMNS: [&str; 10] = [
    "ID", "FORM", "LEMMA", "UPOS", "XPOS", "FEATS", "HEAD", "DEPREL", "DEPS", "MISC",
];

/// The MISC keys that hold an entity tag, in order of preference.
const MISC_KEYS: [&str; 3] = ["NER", "NE", "Entity"];

/// Parses a CoNLL-U file.
pub fn parse(input: &str, options: &ImportOptions) -> Result<Vec<ImportedDoc>, FormatError> {
    super::conll::within_token_limit(input, Format::Conllu)?;
    let mut file = File {
        reader: Reader::new(Format::Conllu, options.unit_for(Format::Conllu)),
        layout: Layout::plain(),
        sent_id: None,
        multiword: None,
        not_tags: None,
        tagged: false,
    };
    for (index, raw) in strip_bom(input).split('\n').enumerate() {
        file.line(index + 1, raw.trim_end_matches('\r'));
    }
    file.end_sentence();
    if let Some((line, count, value)) = file.not_tags.take() {
        file.reader.doc.problems.push(ImportProblem::at(
            line,
            format!("\"{value}\" is not an entity tag (O, B-TYPE, I-TYPE…){}; such words are read as outside every span.", match count { 1 => String::new(), n => format!(", nor are {} more values", n - 1) }),
        ));
    }
    let tagged = file.tagged;
    let mut docs = file.reader.finish();
    let words = docs
        .iter()
        .any(|d| d.tokens.as_ref().is_some_and(|t| !t.is_empty()));
    if let (false, true, Some(doc)) = (tagged, words, docs.first_mut()) {
        doc.problems.push(
            ImportProblem::general(
                "no word has an entity tag (NER=, NE= or Entity= in MISC, or a named-entity column named in # global.columns); there is nothing to import.",
            )
            .harmless(),
        );
    }
    Ok(docs)
}

/// Where the columns scholia reads are.
struct Layout {
    /// How many columns a word line has.
    width: usize,
    form: usize,
    misc: Option<usize>,
    /// A named-entity column (CoNLL-U Plus).
    entity: Option<usize>,
}

impl Layout {
    fn plain() -> Layout {
        Layout::named(&COLUMNS)
    }

    /// The layout of `# global.columns = ID FORM …`.
    fn named(names: &[&str]) -> Layout {
        let at = |name: &str| names.iter().position(|n| n.eq_ignore_ascii_case(name));
        let entity = names.iter().position(|n| {
            let n = n.to_ascii_uppercase();
            matches!(n.as_str(), "NE" | "NER" | "ENTITY")
                || n.ends_with(":NE")
                || n.ends_with(":NER")
        });
        Layout {
            width: names.len(),
            form: at("FORM").unwrap_or(1),
            misc: at("MISC"),
            entity,
        }
    }
}

/// What the ID column says a line is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum WordId {
    /// A word (`3`).
    Word(u64),
    /// A multiword token (`2-3`), with its last word.
    Range(u64),
    /// An empty node (`8.1`).
    Empty,
}

impl WordId {
    fn read(id: &str) -> Option<WordId> {
        let number = |n: &str| n.parse::<u64>().ok();
        if let Some((first, last)) = id.split_once('-') {
            number(first)?;
            return number(last).map(WordId::Range);
        }
        if let Some((word, node)) = id.split_once('.') {
            number(word)?;
            number(node)?;
            return Some(WordId::Empty);
        }
        number(id).map(WordId::Word)
    }
}

/// A multiword token being read: its surface form, its tag, the last word it spans.
struct Multiword {
    form: String,
    tag: Option<Tag>,
    last: u64,
}

/// The reading of one file.
struct File {
    reader: Reader,
    layout: Layout,
    sent_id: Option<String>,
    multiword: Option<Multiword>,
    /// Values read as tags that are not: the first line, how many, the first value.
    not_tags: Option<(usize, usize, String)>,
    /// Whether any word has a tag.
    tagged: bool,
}

impl File {
    fn line(&mut self, number: usize, line: &str) {
        if line.trim().is_empty() {
            self.end_sentence();
            return;
        }
        if let Some(comment) = line.strip_prefix('#') {
            self.comment(comment.trim());
            return;
        }
        let columns: Vec<&str> = line.split('\t').collect();
        let id = columns[0].trim();
        let Some(word) = WordId::read(id) else {
            self.problem(
                number,
                format!("\"{id}\" is not a word id (1, 2-3, 4.1); the line is skipped."),
            );
            return;
        };
        if word == WordId::Empty {
            // An empty node (`8.1`): not in the text.
            return;
        }
        let form = columns
            .get(self.layout.form)
            .map(|f| f.trim())
            .filter(|f| !f.is_empty());
        let Some(form) = form else {
            self.problem(
                number,
                format!("word {id} has no FORM column; the line is skipped."),
            );
            return;
        };
        if columns.len() < self.layout.width {
            self.problem(
                number,
                format!(
                    "word {id} \"{form}\" has {} columns, not the {} of CoNLL-U (tab-separated).",
                    columns.len(),
                    self.layout.width
                ),
            );
        }
        let tag = self.tag(number, &columns);
        let word = match word {
            WordId::Range(last) => {
                self.flush_multiword();
                self.multiword = Some(Multiword {
                    form: form.to_string(),
                    tag,
                    last,
                });
                return;
            }
            WordId::Word(word) => word,
            WordId::Empty => return,
        };
        if let Some(multiword) = &mut self.multiword {
            if word <= multiword.last {
                if multiword.tag.as_ref().is_none_or(|t| *t == Tag::Outside) {
                    multiword.tag = tag.or(multiword.tag.take());
                }
                if word == multiword.last {
                    self.flush_multiword();
                }
                return;
            }
            self.flush_multiword();
        }
        self.reader.push(form, tag.unwrap_or(Tag::Outside));
    }

    /// The tag of a word line: its named-entity column's, else its MISC's.
    fn tag(&mut self, number: usize, columns: &[&str]) -> Option<Tag> {
        let value = match self.layout.entity {
            Some(at) => columns
                .get(at)
                .map(|v| v.trim())
                .filter(|v| !v.is_empty() && *v != "_"),
            None => self
                .layout
                .misc
                .and_then(|at| columns.get(at))
                .and_then(|misc| misc_tag(misc)),
        }?;
        match Tag::read(value) {
            Some(tag) if !value.contains(['(', ')']) => {
                self.tagged |= tag != Tag::Outside;
                Some(tag)
            }
            _ => {
                match &mut self.not_tags {
                    Some((_, count, _)) => *count += 1,
                    None => self.not_tags = Some((number, 1, value.to_string())),
                }
                Some(Tag::Outside)
            }
        }
    }

    fn comment(&mut self, comment: &str) {
        let (key, value) = match comment.split_once('=') {
            Some((key, value)) => (key.trim(), value.trim()),
            None => (comment, ""),
        };
        match key {
            "sent_id" => self.sent_id = Some(value.to_string()),
            "global.columns" => {
                let names: Vec<&str> = value.split_whitespace().collect();
                self.layout = Layout::named(&names);
            }
            _ if key == "newdoc" || key.starts_with("newdoc ") => {
                self.end_sentence();
                self.reader.next_document();
            }
            _ => {}
        }
    }

    fn flush_multiword(&mut self) {
        if let Some(multiword) = self.multiword.take() {
            self.reader
                .push(&multiword.form, multiword.tag.unwrap_or(Tag::Outside));
        }
    }

    fn end_sentence(&mut self) {
        self.flush_multiword();
        self.reader.close();
    }

    fn problem(&mut self, line: usize, message: String) {
        let message = match &self.sent_id {
            Some(id) => format!("sentence {id}: {message}"),
            None => message,
        };
        self.reader
            .doc
            .problems
            .push(ImportProblem::at(line, message));
    }
}

/// Whether `lines` (the first non-blank lines of a file) look like CoNLL-U: `#`
/// comments and word lines of tab-separated columns starting with a word id, at least
/// one of them, each of ten columns (or as many as `# global.columns` names).
pub(super) fn looks_like(lines: &[&str]) -> bool {
    let mut width = COLUMNS.len();
    let mut words = 0;
    for line in lines {
        if let Some(comment) = line.strip_prefix('#') {
            if let Some(names) = comment.trim().strip_prefix("global.columns") {
                let names = names.trim_start().trim_start_matches('=');
                width = names.split_whitespace().count();
            }
            continue;
        }
        let columns: Vec<&str> = line.trim_end_matches('\r').split('\t').collect();
        if columns.len() != width || width < 2 || WordId::read(columns[0].trim()).is_none() {
            return false;
        }
        words += 1;
    }
    words > 0
}

/// The entity tag in a MISC column (`SpaceAfter=No|NER=B-PER`), if it holds one.
fn misc_tag(misc: &str) -> Option<&str> {
    let pairs: Vec<(&str, &str)> = misc
        .trim()
        .split('|')
        .filter_map(|pair| pair.split_once('='))
        .collect();
    MISC_KEYS
        .iter()
        .find_map(|key| pairs.iter().find(|(k, _)| k == key).map(|(_, v)| *v))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(input: &str) -> ImportedDoc {
        let mut docs = parse(input, &ImportOptions::default()).unwrap();
        assert_eq!(docs.len(), 1);
        docs.remove(0)
    }

    fn spans(doc: &ImportedDoc) -> Vec<(String, usize, usize)> {
        doc.annotations
            .iter()
            .map(|a| (a.label.to_string(), a.spans[0].start, a.spans[0].end))
            .collect()
    }

    fn word(id: &str, form: &str, misc: &str) -> String {
        format!("{id}\t{form}\t_\t_\t_\t_\t_\t_\t_\t{misc}\n")
    }

    #[test]
    fn words_multiword_tokens_and_empty_nodes() {
        let input = [
            "\u{feff}# sent_id = es-1\r\n".to_string(),
            "# text = Vive del Banco de España.\r\n".to_string(),
            word("1", "Vive", "_"),
            word("2-3", "del", "_"),
            word("2", "de", "_"),
            word("3", "el", "NER=B-ORG"),
            word("3.1", "vive", "_"),
            word("4", "Banco", "NER=I-ORG"),
            word("5", "de", "NER=I-ORG"),
            word("6", "España", "NER=I-ORG|SpaceAfter=No"),
            word("7", ".", "_"),
            "\n".to_string(),
        ]
        .concat();
        let doc = one(&input);
        assert_eq!(
            doc.tokens.as_ref().unwrap().iter().collect::<Vec<_>>(),
            ["Vive", "del", "Banco", "de", "España", "."]
        );
        assert_eq!(spans(&doc), vec![("ORG".to_string(), 1, 5)]);
        assert!(doc.problems.is_empty(), "{:?}", doc.problems);
        assert_eq!(doc.annotations[0].origin.by, "conllu");
    }

    #[test]
    fn a_named_entity_column_of_conll_u_plus() {
        let input = "# global.columns = ID FORM UPOS PARSEME:NE\n1\tАлия\tPROPN\tB-PER\n2\tБек\tPROPN\tI-PER\n3\tушла\tVERB\t_\n";
        assert_eq!(spans(&one(input)), vec![("PER".to_string(), 0, 2)]);
    }

    #[test]
    fn newdoc_separates_documents_and_bad_lines_name_their_sentence() {
        let input = [
            "# newdoc id = a\n".to_string(),
            "# sent_id = a-1\n".to_string(),
            word("1", "Ак", "Entity=S-LOC"),
            "x\ty\n".to_string(),
            "\n# newdoc id = b\n".to_string(),
            word("1", "Бек", "Entity=(e1-person-1)"),
            word("2", "ушёл", "Entity=(e2"),
        ]
        .concat();
        let docs = parse(&input, &ImportOptions::default()).unwrap();
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].record, Some(0));
        assert_eq!(spans(&docs[0]), vec![("LOC".to_string(), 0, 1)]);
        assert!(
            docs[0].problems[0]
                .message
                .starts_with("sentence a-1: \"x\" is not a word id"),
            "{:?}",
            docs[0].problems
        );
        assert_eq!(
            docs[1].tokens.as_ref().unwrap().iter().collect::<Vec<_>>(),
            ["Бек", "ушёл"]
        );
        let problems: Vec<String> = docs
            .iter()
            .flat_map(|d| d.problems.iter().map(|p| p.message.clone()))
            .collect();
        assert!(
            problems
                .iter()
                .any(|p| p.contains("\"(e1-person-1)\" is not an entity tag")
                    && p.contains("nor are 1 more")),
            "{problems:?}"
        );
    }

    #[test]
    fn a_file_without_tags_says_so() {
        let doc = one(&word("1", "Ак", "SpaceAfter=No"));
        assert!(doc.annotations.is_empty());
        assert!(doc.problems[0]
            .message
            .contains("no word has an entity tag"));
    }
}
