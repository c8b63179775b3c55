//! CoNLL / IOB token files: one token a line, its tag in the last column (`EU B-ORG`,
//! CoNLL-2003's `EU NNP B-NP B-ORG`, tab- or space-separated), a blank line between
//! sentences, `-DOCSTART-` lines between documents; CRLF and a byte-order mark are fine.
//!
//! Tags are read in any of the usual schemes: IOB2 (`B-` starts every span), IOB1 (`I-`
//! starts a span unless the token before is inside one of the same type; `B-` only
//! separates two spans of one type that touch), BIOES/BILOU (`E-`/`L-` end a span,
//! `S-`/`U-` are one-token spans) and IO (a bare type is `I-` of it); `O` is outside. A
//! span never continues over a blank line or a document break.
//!
//! The file carries no text, only tokens, so each document gets [`ImportedDoc::tokens`]
//! and its spans count tokens; placing them on the article is done by aligning the
//! tokens to its text ([`crate::formats::token_alignment`]). Annotations are accepted,
//! made by `conll`, of the kind their type stands for ([`kind_for_label`]). A comment
//! line (`# …` whose last column is not a tag) is skipped.

use crate::domain::model::{Origin, Status};
use crate::formats::token_list::TokenList;
use crate::formats::{
    kind_for_label, strip_bom, Format, FormatError, ImportOptions, ImportProblem,
    ImportedAnnotation, ImportedDoc, ImportedSpan, OffsetUnit,
};

/// Parses a CoNLL / IOB file.
pub fn parse(input: &str, options: &ImportOptions) -> Result<Vec<ImportedDoc>, FormatError> {
    within_token_limit(input, Format::Conll)?;
    let unit = options.unit_for(Format::Conll);
    let mut reader = Reader::new(Format::Conll, unit);
    for (index, line) in strip_bom(input).split('\n').enumerate() {
        let line = line.trim_end_matches('\r');
        let columns: Vec<&str> = line.split_whitespace().collect();
        match columns.as_slice() {
            [] => reader.close(),
            [first, ..] if first.starts_with("-DOCSTART-") => reader.next_document(),
            [first, .., last] if first.starts_with('#') && Tag::read(last).is_none() => {}
            [token] => {
                reader.push(token, Tag::Outside);
                reader.doc.problems.push(ImportProblem::at(
                    index + 1,
                    format!("\"{token}\" has no tag column; it is read as outside every span."),
                ));
            }
            [token, .., tag] => match Tag::read(tag) {
                Some(tag) => reader.push(token, tag),
                None => {
                    reader.push(token, Tag::Outside);
                    reader.doc.problems.push(ImportProblem::at(
                        index + 1,
                        format!("\"{tag}\" is not a tag (O, B-TYPE, I-TYPE…); \"{token}\" is read as outside every span."),
                    ));
                }
            },
        }
    }
    Ok(reader.finish())
}

/// Refuses a token file larger than its tokens can be held ([`TokenList::MAX_TEXT`]).
pub(super) fn within_token_limit(input: &str, format: Format) -> Result<(), FormatError> {
    if input.len() <= TokenList::MAX_TEXT {
        return Ok(());
    }
    Err(FormatError::Shape {
        format,
        reason: format!(
            "it is {} bytes, over the {} bytes of tokens scholia reads from one file; split it",
            input.len(),
            TokenList::MAX_TEXT
        ),
    })
}

/// What a tag says about its token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Tag {
    /// `O`.
    Outside,
    /// `B-TYPE`: starts a span.
    Begin(String),
    /// `I-TYPE` or a bare `TYPE`: inside a span, starting one when the token before is
    /// not in one of the same type.
    Inside(String),
    /// `E-TYPE` / `L-TYPE`: the last token of a span.
    End(String),
    /// `S-TYPE` / `U-TYPE`: a span of one token.
    Single(String),
}

impl Tag {
    /// Reads a tag column; `None` when it cannot be one: an unknown one-letter scheme,
    /// or a type without a letter or digit.
    pub(super) fn read(text: &str) -> Option<Tag> {
        if text == "O" {
            return Some(Tag::Outside);
        }
        let (scheme, label) = match text.split_once('-') {
            Some((scheme, label)) if scheme.len() == 1 => (scheme, label),
            _ => ("", text),
        };
        if label.is_empty() || !label.chars().any(char::is_alphanumeric) {
            return None;
        }
        let label = label.to_string();
        Some(match scheme {
            "B" => Tag::Begin(label),
            "I" | "" => Tag::Inside(label),
            "E" | "L" => Tag::End(label),
            "S" | "U" => Tag::Single(label),
            _ => return None,
        })
    }
}

/// Reads tokens and tags into documents (of CoNLL, or of CoNLL-U, which shares it).
pub(super) struct Reader {
    format: Format,
    /// The document being read.
    pub(super) doc: ImportedDoc,
    tokens: TokenList,
    /// The span being read: its type and first token.
    open: Option<(String, usize)>,
    done: Vec<ImportedDoc>,
}

impl Reader {
    pub(super) fn new(format: Format, unit: OffsetUnit) -> Self {
        Reader {
            format,
            doc: ImportedDoc::new(format, unit),
            tokens: TokenList::new(),
            open: None,
            done: Vec::new(),
        }
    }

    /// Adds the next token of the document with its tag.
    pub(super) fn push(&mut self, token: &str, tag: Tag) {
        let here = self.tokens.len();
        let last_of_span = matches!(tag, Tag::End(_) | Tag::Single(_));
        match tag {
            Tag::Outside => self.close(),
            Tag::Begin(label) | Tag::Single(label) => {
                self.close();
                self.open = Some((label, here));
            }
            Tag::Inside(label) | Tag::End(label) => self.continue_or_open(label, here),
        }
        self.tokens.push(token);
        if last_of_span {
            self.close();
        }
    }

    fn continue_or_open(&mut self, label: String, here: usize) {
        if self.open.as_ref().is_some_and(|(open, _)| *open == label) {
            return;
        }
        self.close();
        self.open = Some((label, here));
    }

    /// Ends the open span, if any, after the last token pushed (a sentence ends).
    pub(super) fn close(&mut self) {
        let Some((label, first)) = self.open.take() else {
            return;
        };
        let mut annotation = ImportedAnnotation::new(
            kind_for_label(&label),
            label,
            Status::Accepted,
            Origin::tool(self.format.name()),
        );
        annotation.spans = vec![ImportedSpan::new(first, self.tokens.len())];
        self.doc.annotations.push(annotation);
    }

    /// Ends the document being read; the next token starts another.
    pub(super) fn next_document(&mut self) {
        self.close();
        if !self.tokens.is_empty() {
            let unit = self.doc.unit;
            let doc = std::mem::replace(&mut self.doc, ImportedDoc::new(self.format, unit));
            self.done
                .push(with_tokens(doc, std::mem::take(&mut self.tokens)));
        }
    }

    /// The documents read, numbered as records when there are several.
    pub(super) fn finish(self) -> Vec<ImportedDoc> {
        let mut docs = self.documents();
        let many = docs.len() > 1;
        for (n, doc) in docs.iter_mut().enumerate() {
            doc.record = many.then_some(n);
        }
        docs
    }

    fn documents(mut self) -> Vec<ImportedDoc> {
        self.close();
        if self.tokens.is_empty() && self.done.is_empty() {
            let mut doc = ImportedDoc::empty_file(self.format, self.doc.unit);
            doc.problems.extend(self.doc.problems);
            doc.tokens = Some(TokenList::new());
            return vec![doc];
        }
        if !self.tokens.is_empty() || !self.doc.problems.is_empty() {
            let doc = with_tokens(self.doc, self.tokens);
            self.done.push(doc);
        }
        self.done
    }
}

/// `doc` with its `tokens`, both holding no more room than they fill (they are kept
/// while the document is placed).
fn with_tokens(mut doc: ImportedDoc, mut tokens: TokenList) -> ImportedDoc {
    doc.annotations.shrink_to_fit();
    tokens.shrink_to_fit();
    doc.tokens = Some(tokens);
    doc
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(doc: &ImportedDoc) -> Vec<(String, usize, usize)> {
        doc.annotations
            .iter()
            .map(|a| (a.label.to_string(), a.spans[0].start, a.spans[0].end))
            .collect()
    }

    fn one(input: &str) -> ImportedDoc {
        let mut docs = parse(input, &ImportOptions::default()).unwrap();
        assert_eq!(docs.len(), 1);
        docs.remove(0)
    }

    #[test]
    fn iob2_with_docstart_crlf_and_sentences() {
        let doc = one("\u{feff}-DOCSTART- -X- O O\r\n\r\nEU NNP B-NP B-ORG\r\nrejects VBZ B-VP O\r\nPeter NNP B-NP B-PER\r\nBlackburn NNP I-NP I-PER\r\n\r\nBRUSSELS NNP B-NP B-LOC\r\n");
        assert_eq!(
            doc.tokens.as_ref().unwrap().iter().collect::<Vec<_>>(),
            ["EU", "rejects", "Peter", "Blackburn", "BRUSSELS"]
        );
        assert_eq!(
            spans(&doc),
            vec![
                ("ORG".to_string(), 0, 1),
                ("PER".to_string(), 2, 4),
                ("LOC".to_string(), 4, 5)
            ]
        );
        assert!(doc.problems.is_empty(), "{:?}", doc.problems);
        assert_eq!(doc.record, None);
    }

    #[test]
    fn iob1_starts_with_i_and_b_separates_touching_spans() {
        let doc = one("Peter I-PER\nPaul B-PER\nand O\nMary I-PER\nSmith I-PER\n");
        assert_eq!(
            spans(&doc),
            vec![
                ("PER".to_string(), 0, 1),
                ("PER".to_string(), 1, 2),
                ("PER".to_string(), 3, 5)
            ]
        );
    }

    #[test]
    fn a_span_stops_at_a_blank_line_and_bioes_tags_are_read() {
        let doc = one("New B-LOC\n\nYork I-LOC\nA S-ORG\nB B-ORG\nC E-ORG\nD I-ORG\n");
        assert_eq!(
            spans(&doc),
            vec![
                ("LOC".to_string(), 0, 1),
                ("LOC".to_string(), 1, 2),
                ("ORG".to_string(), 2, 3),
                ("ORG".to_string(), 3, 5),
                ("ORG".to_string(), 5, 6)
            ]
        );
    }

    #[test]
    fn docstart_separates_documents_and_bad_tags_are_problems() {
        let docs = parse(
            "-DOCSTART- O\n\nA B-X\nb ?!\n-DOCSTART- O\nC O\nlonely\n",
            &ImportOptions::default(),
        )
        .unwrap();
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].record, Some(0));
        assert_eq!(docs[0].problems.len(), 1, "{:?}", docs[0].problems);
        assert_eq!(docs[0].problems[0].line, Some(4));
        assert_eq!(
            docs[1].tokens.as_ref().unwrap().iter().collect::<Vec<_>>(),
            ["C", "lonely"]
        );
        assert_eq!(docs[1].problems[0].line, Some(7));
    }

    #[test]
    fn empty_input_is_a_notice() {
        let docs = parse("\n-DOCSTART- O\n\n", &ImportOptions::default()).unwrap();
        assert_eq!(docs.len(), 1);
        assert!(docs[0].problems[0].harmless);
    }
}
