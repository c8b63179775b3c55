//! Offsets counted in another unit or with other ends than they are read stop the import
//! with the flags that read them right; read right, doccano, Label Studio, CLUENER,
//! CoNLL and CoNLL-U files with emoji, inclusive ends and CRLF land exactly.

mod cli_run;

use std::fs;
use std::path::Path;

use cli_run::scholia_in;
use scholia::domain::sidecar;

/// Emoji of two and five UTF-16 units, a flag, Cyrillic, CRLF and curly quotes.
const TEXT: &str =
    "Ахмед 👍🏽 met 👩‍💻 Dana in Алматы.\r\n“Fine,” said Lenakova (ret.) of 🇰🇿 Kazakhstan.";

const NAMES: [&str; 3] = ["Dana", "Lenakova", "Kazakhstan"];

/// `word`'s first place in `text` in code points.
fn code_points(text: &str, word: &str) -> (usize, usize) {
    let start = text[..text.find(word).unwrap()].chars().count();
    (start, start + word.chars().count())
}

/// `word`'s first place in `text` in UTF-16 units.
fn utf16(text: &str, word: &str) -> (usize, usize) {
    let start = text[..text.find(word).unwrap()].encode_utf16().count();
    (start, start + word.encode_utf16().count())
}

struct Imported {
    code: Option<i32>,
    stdout: String,
    /// The text of each annotation in the sidecar, with its label.
    placed: Vec<(String, String)>,
}

/// Imports `content` (saved as `file`) into a fresh article holding `text`.
fn import(text: &str, file: &str, content: &str, extra: &[&str]) -> Imported {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.txt"), text).unwrap();
    fs::write(dir.path().join(file), content).unwrap();
    let mut args = vec!["import", "a.txt", file];
    args.extend_from_slice(extra);
    let out = scholia_in(dir.path(), "", &args);
    let placed = sidecar::read(&sidecar::path_for(&dir.path().join("a.txt")))
        .unwrap()
        .map(|f| {
            f.annotations
                .iter()
                .map(|a| (a.label.to_string(), a.quote.exact.to_string()))
                .collect()
        })
        .unwrap_or_default();
    Imported {
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned()
            + &String::from_utf8_lossy(&out.stderr),
        placed,
    }
}

fn exacts(imported: &Imported) -> Vec<&str> {
    imported.placed.iter().map(|(_, t)| t.as_str()).collect()
}

fn assert_stopped(imported: &Imported, hint: &str) {
    assert_eq!(imported.code, Some(1), "{}", imported.stdout);
    assert!(imported.stdout.contains(hint), "{}", imported.stdout);
    assert!(imported.placed.is_empty(), "{:?}", imported.placed);
}

fn doccano(spans: &[(usize, usize)]) -> String {
    let label: Vec<_> = spans
        .iter()
        .map(|s| serde_json::json!([s.0, s.1, "PERSON"]))
        .collect();
    serde_json::json!({"text": TEXT, "label": label}).to_string() + "\n"
}

#[test]
fn a_code_point_doccano_file_read_as_utf16_stops_with_the_hint() {
    let spans: Vec<_> = NAMES.iter().map(|n| code_points(TEXT, n)).collect();
    let file = doccano(&spans);
    let read_as_utf16 = import(TEXT, "d.jsonl", &file, &[]);
    assert_stopped(
        &read_as_utf16,
        "these offsets look like code points; try `--unit codepoints`",
    );
    let read_right = import(TEXT, "d.jsonl", &file, &["--unit", "codepoints"]);
    assert_eq!(read_right.code, Some(0), "{}", read_right.stdout);
    assert_eq!(exacts(&read_right), NAMES);
}

#[test]
fn an_offset_inside_a_surrogate_pair_stops_the_record() {
    // As code points, 7..12 is "🏽 met"; as UTF-16 units, 7 is inside 👍.
    let span = code_points(TEXT, "👍🏽 met");
    assert_eq!(span, (6, 12));
    let file = doccano(&[(span.0 + 1, span.1)]);
    let read = import(TEXT, "d.jsonl", &file, &[]);
    assert_stopped(&read, "try `--unit codepoints`");
    assert!(
        read.stdout.contains("inside a character"),
        "{}",
        read.stdout
    );
}

fn label_studio(spans: &[(usize, usize)]) -> String {
    let results: Vec<_> = spans
        .iter()
        .zip(NAMES)
        .enumerate()
        .map(|(i, (s, name))| {
            serde_json::json!({"id": format!("r{i}"), "from_name": "label", "to_name": "text",
                "type": "labels", "value": {"start": s.0, "end": s.1, "text": name, "labels": ["PERSON"]}})
        })
        .collect();
    serde_json::json!([{"data": {"text": TEXT}, "annotations": [{"id": 1, "result": results}]}])
        .to_string()
}

#[test]
fn label_studio_offsets_in_the_other_unit_stop_with_the_hint_either_way() {
    let in_code_points: Vec<_> = NAMES.iter().map(|n| code_points(TEXT, n)).collect();
    let read = import(TEXT, "ls.json", &label_studio(&in_code_points), &[]);
    assert_stopped(&read, "try `--unit codepoints`");
    let in_utf16: Vec<_> = NAMES.iter().map(|n| utf16(TEXT, n)).collect();
    let file = label_studio(&in_utf16);
    let read = import(TEXT, "ls.json", &file, &["--unit", "codepoints"]);
    assert_stopped(
        &read,
        "these offsets look like UTF-16 units; try `--unit utf16`",
    );
    let read_right = import(TEXT, "ls.json", &file, &[]);
    assert_eq!(read_right.code, Some(0), "{}", read_right.stdout);
    assert_eq!(exacts(&read_right), NAMES);
}

#[test]
fn inclusive_ends_land_with_the_flag_and_stop_without_it() {
    let inclusive: Vec<_> = NAMES
        .iter()
        .map(|n| {
            let (start, end) = utf16(TEXT, n);
            (start, end - 1)
        })
        .collect();
    let file = doccano(&inclusive);
    let read = import(TEXT, "d.jsonl", &file, &[]);
    assert_stopped(&read, "try `--end inclusive`");
    let read_right = import(TEXT, "d.jsonl", &file, &["--end", "inclusive"]);
    assert_eq!(read_right.code, Some(0), "{}", read_right.stdout);
    assert_eq!(exacts(&read_right), NAMES);
    // An exclusive file read as inclusive: each span one character long of its text.
    let exclusive: Vec<_> = NAMES.iter().map(|n| utf16(TEXT, n)).collect();
    let read = import(
        TEXT,
        "ls.json",
        &label_studio(&exclusive),
        &["--end", "inclusive"],
    );
    assert_stopped(&read, "try `--end exclusive`");
}

const CLUENER_TEXT: &str = "浙商银行😀企业信贷部叶老桂博士则从另一个角度👩‍💻分析了北京的情况。";

fn cluener(shift_end: isize) -> String {
    let mut label = serde_json::Map::new();
    for (kind, name) in [
        ("company", "浙商银行"),
        ("name", "叶老桂"),
        ("address", "北京"),
    ] {
        let (start, end) = code_points(CLUENER_TEXT, name);
        let end = (end as isize - 1 + shift_end) as usize;
        label.insert(
            kind.to_string(),
            serde_json::json!({ name: [[start, end]] }),
        );
    }
    serde_json::json!({"text": CLUENER_TEXT, "label": label}).to_string() + "\n"
}

#[test]
fn cluener_is_detected_and_its_inclusive_ends_land_exactly() {
    let read = import(CLUENER_TEXT, "train.json", &cluener(0), &[]);
    assert_eq!(read.code, Some(0), "{}", read.stdout);
    let mut placed = read.placed.clone();
    placed.sort();
    assert_eq!(
        placed,
        vec![
            ("address".to_string(), "北京".to_string()),
            ("company".to_string(), "浙商银行".to_string()),
            ("name".to_string(), "叶老桂".to_string()),
        ]
    );
    let read_exclusive = import(
        CLUENER_TEXT,
        "train.json",
        &cluener(0),
        &["--end", "exclusive"],
    );
    assert_stopped(&read_exclusive, "try `--end inclusive`");
    let read_as_utf16 = import(
        CLUENER_TEXT,
        "train.json",
        &cluener(0),
        &["--unit", "utf16"],
    );
    assert_stopped(&read_as_utf16, "try `--unit codepoints`");
}

const CONLL_TEXT: &str =
    "\u{feff}EU rejects “German” call (Reuters) 👍🏽 — Peter Blackburn.\r\n\r\nBRUSSELS 1996-08-22";

const CONLL: &str = "-DOCSTART- -X- O O\r\n\r\nEU NNP I-NP I-ORG\r\nrejects VBZ I-VP O\r\n`` `` O O\r\nGerman JJ I-NP I-MISC\r\n'' '' O O\r\ncall NN I-NP O\r\n-LRB- ( O O\r\nReuters NNP I-NP I-ORG\r\n-RRB- ) O O\r\n👍🏽 SYM O O\r\n-- : O O\r\nPeter NNP I-NP I-PER\r\nBlackburn NNP I-NP I-PER\r\n. . O O\r\n\r\nBRUSSELS NNP I-NP I-LOC\r\n1996-08-22 CD I-NP O\r\n";

#[test]
fn conll_tokens_align_to_the_article_and_differences_are_reported() {
    let read = import(CONLL_TEXT, "a.conll", CONLL, &["--verbose"]);
    assert_eq!(read.code, Some(0), "{}", read.stdout);
    assert_eq!(
        read.placed,
        vec![
            ("ORG".to_string(), "EU".to_string()),
            ("MISC".to_string(), "German".to_string()),
            ("ORG".to_string(), "Reuters".to_string()),
            ("PER".to_string(), "Peter Blackburn".to_string()),
            ("LOC".to_string(), "BRUSSELS".to_string()),
        ]
    );
    assert!(
        read.stdout
            .contains("5 tokens differ from the article's text and were placed on it"),
        "{}",
        read.stdout
    );
    assert!(
        read.stdout.contains("\"-LRB-\" as \"(\""),
        "{}",
        read.stdout
    );
}

#[test]
fn a_conll_span_on_tokens_missing_from_the_article_is_rejected() {
    let text = "EU rejects the call.";
    let file = "EU B-ORG\nrejects O\nGerman B-MISC\nbeef I-MISC\ncall O\n";
    let read = import(text, "x.txt.iob", file, &[]);
    assert_eq!(read.code, Some(1), "{}", read.stdout);
    assert_eq!(exacts(&read), vec!["EU"]);
    assert!(read.stdout.contains("1 rejected"), "{}", read.stdout);
}

#[test]
fn the_fixtures_tell_the_units_apart() {
    for name in NAMES {
        assert_ne!(code_points(TEXT, name), utf16(TEXT, name), "{name}");
    }
    assert!(Path::new(env!("CARGO_BIN_EXE_scholia")).exists());
}

#[test]
fn of_several_conll_documents_the_one_of_this_article_is_imported() {
    let file = "-DOCSTART- O\n\nKabul B-LOC\ntalks O\n\n-DOCSTART- O\n\nEU B-ORG\nrejects O\nBrussels B-LOC\n";
    let read = import("EU rejects Brussels", "x.conll", file, &[]);
    assert_eq!(read.code, Some(0), "{}", read.stdout);
    assert_eq!(exacts(&read), vec!["EU", "Brussels"]);
}

/// A CoNLL-U file of our own (Cyrillic, emoji, CRLF, a multiword token, an empty node,
/// `SpaceAfter=No`, two documents), detected by its shape and aligned to its article.
/// The shared samples hold no CoNLL-U file.
#[test]
fn a_conllu_file_is_detected_and_its_words_align_to_the_article() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/conllu");
    let text = fs::read_to_string(fixtures.join("news.txt")).unwrap();
    let file = fs::read_to_string(fixtures.join("news.conllu")).unwrap();
    let read = import(&text, "news.txt.ud", &file, &["--verbose"]);
    assert_eq!(read.code, Some(0), "{}", read.stdout);
    assert_eq!(
        read.placed,
        vec![
            ("PER".to_string(), "Алия Бек".to_string()),
            ("ORG".to_string(), "МИД РК".to_string()),
            ("ORG".to_string(), "Banco de España".to_string()),
            ("PER".to_string(), "Ана".to_string()),
        ]
    );
    assert!(
        !read.stdout.contains("differ from the article"),
        "every word is the article's: {}",
        read.stdout
    );
}
