//! Guessing the format of a file to import, by its content first, then its name. The
//! content is read for its shape only (keys, not values), so that the one full parse
//! is the importer's.

mod shape;

use crate::formats::{strip_bom, Format};
use shape::{first_shapes, Shape};

/// How many records or lines the content checks look at.
const LOOK_AT: usize = 50;

/// The format `input` (read from `file_name`) is in, if it can tell.
///
/// By content, on the first records of a JSON or JSON Lines file: `@context` or a
/// `type` of Annotation/AnnotationPage/AnnotationCollection (or a `target`) → W3C;
/// `ents` + `text` → spaCy; `data` with `predictions`/`annotations`/`completions`, or
/// an envelope with `tasks` or `task` → Label Studio; `spans` + `answer`/`text`, or
/// `answer` + `text` → Prodigy; `text` + a `label` object of objects → CLUENER;
/// `label`/`labels`/`entities` + `text` → doccano. A text file with lines like `T1\t…`
/// (or another brat line type) → brat; one of `#` comments and lines of ten
/// tab-separated columns starting with a word id (`1`, `2-3`, `4.1`) → CoNLL-U; one whose
/// lines are all `TOKEN … TAG` or `-DOCSTART-` → CoNLL. Otherwise by name: `.ann` →
/// brat, `.jsonld` → W3C, `.spacy.json` → spaCy, `.conll`/`.iob`/`.bio` → CoNLL,
/// `.conllu` → CoNLL-U.
pub fn detect(file_name: &str, input: &str) -> Option<Format> {
    by_content(input).or_else(|| by_name(file_name))
}

fn by_content(input: &str) -> Option<Format> {
    let text = strip_bom(input).trim_start();
    if text.starts_with(['{', '[']) {
        if let Some(shapes) = json_shapes(text) {
            return shapes.iter().find_map(by_keys).or_else(|| {
                shapes
                    .iter()
                    .any(|s| s.has("label"))
                    .then_some(Format::Doccano)
            });
        }
    }
    let lines: Vec<&str> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take(LOOK_AT)
        .collect();
    if lines.iter().any(|l| is_brat_line(l)) {
        Some(Format::Brat)
    } else if crate::formats::conllu::looks_like(&lines) {
        Some(Format::Conllu)
    } else if !lines.is_empty() && lines.iter().all(|l| is_conll_line(l)) {
        Some(Format::Conll)
    } else {
        None
    }
}

/// Whether `line` looks like a CoNLL / IOB line: `-DOCSTART-…`, or a token and more
/// columns, the last one a tag (`O`, `B-ORG`, `I-PER`, `S-LOC`…).
fn is_conll_line(line: &str) -> bool {
    let columns: Vec<&str> = line.split_whitespace().collect();
    match columns.as_slice() {
        [first, ..] if first.starts_with("-DOCSTART-") => true,
        [_, .., tag] => {
            *tag == "O"
                || tag.split_once('-').is_some_and(|(scheme, label)| {
                    matches!(scheme, "B" | "I" | "E" | "S" | "L" | "U") && !label.is_empty()
                })
        }
        _ => false,
    }
}

/// The shapes of the first records: of the JSON values from the start, or, when the
/// whole is not JSON but its first line is, of its lines (JSON Lines with bad lines).
fn json_shapes(text: &str) -> Option<Vec<Shape>> {
    first_shapes(text, LOOK_AT).or_else(|| {
        let mut lines = text.lines().filter(|l| !l.trim().is_empty()).take(LOOK_AT);
        let mut shapes = first_shapes(lines.next()?, LOOK_AT)?;
        shapes.extend(lines.filter_map(|l| first_shapes(l, LOOK_AT)).flatten());
        shapes.truncate(LOOK_AT);
        Some(shapes)
    })
}

fn by_keys(shape: &Shape) -> Option<Format> {
    let annotation_type = |t: &String| {
        matches!(
            t.as_str(),
            "Annotation" | "AnnotationPage" | "AnnotationCollection"
        )
    };
    let typed = shape.types.iter().any(annotation_type);
    let has = |key: &str| shape.has(key);
    let text = has("text");
    if has("@context") || typed || has("target") {
        Some(Format::W3c)
    } else if has("ents") && text {
        Some(Format::Spacy)
    } else if (has("data")
        && ["predictions", "annotations", "completions"]
            .iter()
            .any(|k| has(k)))
        || shape.tasks_array
        || shape.task_object
    {
        Some(Format::LabelStudio)
    } else if (has("spans") || has("answer")) && text {
        Some(Format::Prodigy)
    } else if shape.label_typed_names && text {
        Some(Format::Cluener)
    } else if ["label", "labels", "entities"].iter().any(|k| has(k)) && (text || has("data")) {
        Some(Format::Doccano)
    } else if shape.data_object {
        Some(Format::LabelStudio)
    } else {
        None
    }
}

/// Whether `line` starts like a brat annotation line (`T1\t`, `R2\t`, `#1\t`, `*\t`…).
fn is_brat_line(line: &str) -> bool {
    let Some((id, _)) = line.split_once('\t') else {
        return false;
    };
    let mut chars = id.chars();
    let digits = match chars.next() {
        Some('T' | 'R' | 'E' | 'A' | 'M' | 'N') => {
            let rest = chars.as_str();
            if rest.is_empty() {
                return false;
            }
            rest
        }
        Some('#' | '*') => chars.as_str(),
        _ => return false,
    };
    digits.chars().all(|c| c.is_ascii_digit())
}

fn by_name(file_name: &str) -> Option<Format> {
    let name = file_name.to_ascii_lowercase();
    if name.ends_with(".ann") {
        Some(Format::Brat)
    } else if name.ends_with(".jsonld") {
        Some(Format::W3c)
    } else if name.ends_with(".spacy.json") {
        Some(Format::Spacy)
    } else if [".conll", ".iob", ".bio"].iter().any(|e| name.ends_with(e)) {
        Some(Format::Conll)
    } else if name.ends_with(".conllu") {
        Some(Format::Conllu)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_shapes_tell_the_format() {
        let cases = [
            (r#"{"text": "a", "ents": [], "tokens": []}"#, Format::Spacy),
            (
                r#"{"@context": "http://www.w3.org/ns/anno.jsonld", "type": "Annotation"}"#,
                Format::W3c,
            ),
            (r#"[{"type": "Annotation", "target": "x"}]"#, Format::W3c),
            (
                r#"[{"data": {"text": "a"}, "predictions": []}]"#,
                Format::LabelStudio,
            ),
            (r#"{"data": {"text": "a"}}"#, Format::LabelStudio),
            (r#"{"tasks": []}"#, Format::LabelStudio),
            (
                "{\"text\": \"a\", \"spans\": [], \"answer\": \"accept\"}\n",
                Format::Prodigy,
            ),
            (
                "{\"text\": \"a\", \"label\": [[0, 1, \"X\"]]}\n{\"text\": \"b\", \"label\": []}",
                Format::Doccano,
            ),
            (
                "{\n  \"text\": \"a\",\n  \"entities\": [],\n  \"relations\": []\n}",
                Format::Doccano,
            ),
            ("{\"label\": [[0, 1, \"X\"]]}", Format::Doccano),
            (
                "{\"text\": \"浙商银行\", \"label\": {\"company\": {\"浙商银行\": [[0, 3]]}}}\n",
                Format::Cluener,
            ),
            ("{\"text\": \"a\", \"label\": {}}", Format::Cluener),
        ];
        for (input, format) in cases {
            assert_eq!(detect("upload.json", input), Some(format), "{input}");
        }
    }

    #[test]
    fn brat_lines_tell_brat_whatever_the_name() {
        assert_eq!(
            detect("x.txt", "\u{feff}T1\tPerson 0 4\tJohn\r\n"),
            Some(Format::Brat)
        );
        assert_eq!(
            detect("x", "#1\tAnnotatorNotes T1\tnote\n"),
            Some(Format::Brat)
        );
        assert_eq!(detect("x", "Tx\tPerson 0 4\tJohn\n"), None);
    }

    #[test]
    fn token_tag_lines_tell_conll() {
        assert_eq!(
            detect(
                "x.txt",
                "\u{feff}-DOCSTART- -X- O O\r\n\r\nEU NNP B-NP B-ORG\r\nrejects VBZ B-VP O\r\n"
            ),
            Some(Format::Conll)
        );
        assert_eq!(detect("x", "Peter\tI-PER\nsaid\tO\n"), Some(Format::Conll));
        assert_eq!(detect("x", "Peter said\nnothing at all\n"), None);
        assert_eq!(detect("train.iob", ""), Some(Format::Conll));
    }

    #[test]
    fn ten_tab_columns_with_word_ids_tell_conllu() {
        let input = "\u{feff}# sent_id = 1\r\n# text = Ак жол\r\n1\tАк\tак\tADJ\t_\t_\t2\tamod\t_\tNER=B-ORG\r\n1.1\tх\t_\t_\t_\t_\t_\t_\t_\t_\r\n2-3\tжол\t_\t_\t_\t_\t_\t_\t_\t_\r\n";
        assert_eq!(detect("x.txt", input), Some(Format::Conllu));
        assert_eq!(
            detect("x", "# global.columns = ID FORM NE\n1\tАк\tB-ORG\n"),
            Some(Format::Conllu)
        );
        assert_eq!(detect("x", "Peter\tI-PER\nsaid\tO\n"), Some(Format::Conll));
        assert_eq!(detect("ud.conllu", ""), Some(Format::Conllu));
    }

    #[test]
    fn names_decide_when_content_cannot() {
        assert_eq!(detect("999-complete.ann", ""), Some(Format::Brat));
        assert_eq!(detect("notes.JSONLD", "{}"), Some(Format::W3c));
        assert_eq!(detect("doc.spacy.json", "not json"), Some(Format::Spacy));
        assert_eq!(detect("data.jsonl", "{}"), None);
        assert_eq!(detect("empty.json", ""), None);
    }
}
