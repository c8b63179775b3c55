//! Importers of foreign annotation formats (DESIGN §4).
//!
//! Each importer parses one format faithfully into the format-neutral [`ImportedDoc`]
//! (spans in the file's own offset unit, the file's own ids); malformed parts become
//! [`ImportProblem`]s and the rest still imports. A [`FormatError`] means nothing could
//! be read at all. Anchoring the result onto an article is done elsewhere. A file is
//! parsed inside an [`intern::scope`]: its labels are one string each however many
//! annotations give them.

pub mod apply;
pub mod brat;
pub mod cluener;
pub mod conll;
pub mod conllu;
pub mod detect;
pub mod doccano;
mod doccano_typed;
pub mod export;
pub mod imported;
mod json_records;
mod json_texts;
pub mod labelstudio;
mod labelstudio_typed;
pub mod offset_evidence;
pub mod prodigy;
mod prodigy_typed;
pub mod shift;
pub mod spacy;
mod spacy_typed;
pub mod text_difference;
pub mod token_alignment;
pub mod token_list;
pub mod w3c;
mod w3c_stream;

use crate::domain::model::intern;

pub use detect::detect;
pub use imported::{
    kind_for_label, kind_named, Format, ImportOptions, ImportProblem, ImportedAnnotation,
    ImportedDoc, ImportedRelation, ImportedSpan, OffsetUnit, SpanEnd,
};

/// Why a file could not be read at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FormatError {
    /// The input is not JSON (or JSON Lines) at all.
    #[error("line {line}, column {column}: the {format} file is not valid JSON ({reason}).")]
    Json {
        /// The format being read.
        format: Format,
        /// 1-based line of the error.
        line: usize,
        /// 1-based column of the error.
        column: usize,
        /// What the JSON parser said.
        reason: String,
    },
    /// The input is JSON but not shaped like the format.
    #[error("this is not a {format} file: {reason}.")]
    Shape {
        /// The format being read.
        format: Format,
        /// What is missing or wrong.
        reason: String,
    },
    /// A brat `annotation.conf` line that cannot be read.
    #[error("line {line}: {message}.")]
    Conf {
        /// 1-based line.
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// A `--format` name scholia does not know.
    #[error(
        "unknown format \"{0}\" (known formats: spacy, brat, doccano, labelstudio, prodigy, w3c, cluener, conll, conllu)."
    )]
    UnknownFormat(String),
}

/// A `--format` value folded for lookup: trimmed, lowercase, without `-` and `_`
/// (`Label-Studio` and `label_studio` are both `labelstudio`).
pub fn format_key(name: &str) -> String {
    name.trim()
        .chars()
        .filter(|c| *c != '-' && *c != '_')
        .flat_map(char::to_lowercase)
        .collect()
}

/// Parses `input` as `format`; spans whose ends are inclusive (by the format's default
/// or `options.end`) come back end exclusive, with [`ImportedDoc::ends`] saying how they
/// were read.
pub fn parse(
    format: Format,
    input: &str,
    options: &ImportOptions,
) -> Result<Vec<ImportedDoc>, FormatError> {
    let mut docs = intern::scope(|| parse_as_written(format, input, options))?;
    if options.end_for(format) == SpanEnd::Inclusive {
        for doc in docs.iter_mut().filter(|d| d.tokens.is_none()) {
            doc.ends = SpanEnd::Inclusive;
            for span in doc.annotations.iter_mut().flat_map(|a| a.spans.iter_mut()) {
                span.end += 1;
            }
        }
    }
    Ok(docs)
}

fn parse_as_written(
    format: Format,
    input: &str,
    options: &ImportOptions,
) -> Result<Vec<ImportedDoc>, FormatError> {
    match format {
        Format::Spacy => spacy::parse(input, options),
        Format::Brat => brat::parse(input, options),
        Format::Doccano => doccano::parse(input, options),
        Format::LabelStudio => labelstudio::parse(input, options),
        Format::Prodigy => prodigy::parse(input, options),
        Format::W3c => w3c::parse(input, options),
        Format::Cluener => cluener::parse(input, options),
        Format::Conll => conll::parse(input, options),
        Format::Conllu => conllu::parse(input, options),
    }
}

/// The input without a leading byte-order mark.
pub(crate) fn strip_bom(input: &str) -> &str {
    input.strip_prefix('\u{feff}').unwrap_or(input)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Pieces of the formats' syntax, so random input reaches deep into the parsers.
    fn pieces() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            Just("T1\t".to_string()),
            Just("E1\tX:T1 Source:T2 Content:E1\n".to_string()),
            Just("R1\tR Arg1:T1 Arg2:E1\n".to_string()),
            Just("A1\tNeg E1\n".to_string()),
            Just("#1\tAnnotatorNotes R1\tn\n".to_string()),
            Just("*\tAlias T1 T2\n".to_string()),
            Just("Person 0 3;4 9\t".to_string()),
            Just("{\"text\": \"a😀\", ".to_string()),
            Just("\"ents\": [{\"start\": 0, \"end\": 9, \"label\": \"X\"}]".to_string()),
            Just("\"label\": [[0, 1, \"X\"], \"c\"], \"entities\": [{}]".to_string()),
            Just("\"data\": {\"text\": \"b\"}, \"predictions\": [{\"result\": [{\"type\": \"relation\"}]}]".to_string()),
            Just("\"spans\": [{\"token_start\": 5, \"token_end\": 0}], \"answer\": \"x\"".to_string()),
            Just("\"target\": {\"selector\": [{\"type\": \"FragmentSelector\", \"value\": \"char=9,1\"}]}".to_string()),
            Just("}".to_string()),
            Just("[".to_string()),
            Just("]".to_string()),
            Just(", ".to_string()),
            Just("\r\n".to_string()),
            Just("\u{feff}".to_string()),
            "[ -~\t\n😀]{0,8}",
        ];
        prop::collection::vec(piece, 0..12).prop_map(|p| p.concat())
    }

    proptest! {
        #[test]
        fn no_input_makes_a_parser_panic(input in pieces()) {
            let _ = detect("x.json", &input);
            for format in Format::ALL {
                if let Ok(docs) = parse(format, &input, &ImportOptions::default()) {
                    prop_assert!(!docs.is_empty());
                }
            }
            let _ = brat::parse_conf(&input);
        }
    }
}
