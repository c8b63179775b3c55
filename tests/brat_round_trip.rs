//! A brat corpus goes through scholia and comes back as it was: `scholia import` into
//! the sidecar, `scholia export --format brat`, and the `.ann` differs from the original
//! only in its ids. The fixture (`tests/brat_corpus`, Cyrillic and emoji) holds
//! attribution events, an event with arguments and an attribute and a note on it, a
//! relation with a binary attribute and a note, an equivalence, normalisations with
//! names (one empty) and notes of another type than `AnnotatorNotes`. A second fixture
//! (`tests/brat_corpus/attribution`) is a news-attribution corpus: events typed
//! `Attribution` and `Attribution-no-source` whose trigger and `Cue` argument mark the
//! words that report the claim. A third (`tests/brat_corpus/attribution_events`) gives
//! attribution events a role besides Source, Cue and Content, and attributes and notes
//! of their own.

use std::collections::HashMap;
use std::fs;
use std::path::Path;
use std::process::{Command, Output};

use regex::Regex;

fn scholia(args: &[&str]) -> Output {
    let out = Command::new(env!("CARGO_BIN_EXE_scholia"))
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "scholia {args:?}: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// The `.ann` text with every id renumbered in order of first appearance, per type.
fn renumbered(ann: &str) -> String {
    let id = Regex::new(r"\b([TERANM])(\d+)\b|(?m)^#(\d+)").unwrap();
    let mut seen: HashMap<String, String> = HashMap::new();
    let mut counts: HashMap<String, usize> = HashMap::new();
    id.replace_all(ann, |c: &regex::Captures| {
        let (kind, whole) = match c.get(1) {
            Some(kind) => (kind.as_str().to_string(), c[0].to_string()),
            None => ("#".to_string(), c[0].to_string()),
        };
        seen.entry(whole)
            .or_insert_with(|| {
                let n = counts.entry(kind.clone()).or_default();
                *n += 1;
                format!("{kind}{n}")
            })
            .clone()
    })
    .into_owned()
}

fn fixture(dir: &Path) {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/brat_corpus");
    for name in ["vesti.txt", "vesti.ann", "annotation.conf"] {
        fs::copy(corpus.join(name), dir.join(name)).unwrap();
    }
}

#[test]
fn a_brat_corpus_round_trips_with_only_its_ids_renumbered() {
    let dir = tempfile::tempdir().unwrap();
    fixture(dir.path());
    let article = dir.path().join("vesti.txt");
    let original = fs::read_to_string(dir.path().join("vesti.ann")).unwrap();
    let said = scholia(&[
        "import",
        article.to_str().unwrap(),
        dir.path().join("vesti.ann").to_str().unwrap(),
    ]);
    let said = String::from_utf8_lossy(&said.stdout);
    assert!(
        said.contains("imported 7 annotations, 5 relations and 1 canonical entity"),
        "{said}"
    );
    assert!(
        said.trim_end().ends_with("0 problems in the file)"),
        "everything is declared in annotation.conf: {said}"
    );
    let out = dir.path().join("out");
    scholia(&[
        "export",
        article.to_str().unwrap(),
        "--format",
        "brat",
        "-o",
        out.to_str().unwrap(),
    ]);
    let exported = fs::read_to_string(out.join("vesti.ann")).unwrap();
    assert_ne!(exported, original, "the ids are renumbered");
    assert_eq!(renumbered(&exported), renumbered(&original));
    assert_eq!(
        fs::read(out.join("vesti.txt")).unwrap(),
        fs::read(&article).unwrap()
    );
    // The project's annotation.conf is kept line for line (argument types, values,
    // comments); scholia only adds what it lacks, and widens a value set.
    let project = fs::read_to_string(dir.path().join("annotation.conf")).unwrap();
    let conf = fs::read_to_string(out.join("annotation.conf")).unwrap();
    for line in project.lines().filter(|l| !l.trim().is_empty()) {
        let line = line.replace("hedged", "hedged|ncnd|refused");
        assert!(conf.lines().any(|l| l == line), "{line:?} in\n{conf}");
    }
    assert!(conf.starts_with("# A small news-analysis schema"), "{conf}");
}

#[test]
fn a_brat_export_without_a_project_conf_writes_its_own() {
    let dir = tempfile::tempdir().unwrap();
    fixture(dir.path());
    fs::remove_file(dir.path().join("annotation.conf")).unwrap();
    let article = dir.path().join("vesti.txt");
    scholia(&[
        "import",
        article.to_str().unwrap(),
        dir.path().join("vesti.ann").to_str().unwrap(),
    ]);
    let out = dir.path().join("out");
    scholia(&[
        "export",
        article.to_str().unwrap(),
        "--format",
        "brat",
        "-o",
        out.to_str().unwrap(),
    ]);
    let conf = fs::read_to_string(out.join("annotation.conf")).unwrap();
    for line in [
        "Merge-org\tOrg-Arg*:<ANY>",
        "Alias\tArg1:<ENTITY>, Arg2:<ENTITY>, <REL-TYPE>:symmetric-transitive",
        "Employment\tArg1:<ANY>, Arg2:<ANY>",
        "Confidence\tArg:<ANY>, Value:High",
    ] {
        assert!(conf.lines().any(|l| l == line), "{line:?} in\n{conf}");
    }
    let entities = conf
        .split("[entities]\n")
        .nth(1)
        .and_then(|s| s.split("\n[").next())
        .unwrap();
    assert!(
        !entities.lines().any(|l| l == "Merge-org"),
        "an event type is not an entity type:\n{entities}"
    );
}

/// The brat corpus `tests/brat_corpus/{corpus}` (`{stem}.txt`, `{stem}.ann` and its
/// `annotation.conf`) imported in a temporary folder and exported again into `out`.
struct RoundTrip {
    /// What `import` printed.
    said: String,
    /// The `.ann` file as the corpus has it.
    original: String,
    /// The `.ann` file scholia exported.
    exported: String,
    /// The folder exported into.
    out: std::path::PathBuf,
    _dir: tempfile::TempDir,
}

fn round_trip(corpus: &str, stem: &str) -> RoundTrip {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/brat_corpus")
        .join(corpus);
    let dir = tempfile::tempdir().unwrap();
    let (txt, ann) = (format!("{stem}.txt"), format!("{stem}.ann"));
    for name in [txt.as_str(), ann.as_str(), "annotation.conf"] {
        fs::copy(corpus.join(name), dir.path().join(name)).unwrap();
    }
    let article = dir.path().join(&txt);
    let original = fs::read_to_string(dir.path().join(&ann)).unwrap();
    let said = scholia(&[
        "import",
        article.to_str().unwrap(),
        dir.path().join(&ann).to_str().unwrap(),
    ]);
    let said = String::from_utf8_lossy(&said.stdout).into_owned();
    let out = dir.path().join("out");
    scholia(&[
        "export",
        article.to_str().unwrap(),
        "--format",
        "brat",
        "-o",
        out.to_str().unwrap(),
    ]);
    let exported = fs::read_to_string(out.join(&ann)).unwrap();
    RoundTrip {
        said,
        original,
        exported,
        out,
        _dir: dir,
    }
}

/// An attribution corpus keeps its events' own types and its cues where they were:
/// the trigger and the `Cue` annotation come back on the cue words, and the claim
/// without a source keeps its event.
#[test]
fn an_attribution_corpus_round_trips_with_only_its_ids_renumbered() {
    let trip = round_trip("attribution", "news");
    assert!(
        trip.said.contains("imported 6 annotations and 2 relations")
            && trip.said.trim_end().ends_with("0 problems in the file)"),
        "everything is declared in annotation.conf: {}",
        trip.said
    );
    assert_eq!(renumbered(&trip.exported), renumbered(&trip.original));
    let conf = fs::read_to_string(trip.out.join("annotation.conf")).unwrap();
    assert!(
        !conf.lines().any(|l| l.starts_with("Content\t")),
        "a claim that is its event's Content is not an event type:\n{conf}"
    );
}

/// An attribution event keeps what it had beside its Source, Cue and Content: another
/// role (`Addressee`) comes back as an argument of its `E` line, not as an `R` line, and
/// its own attributes and notes come back on the event, not on its claim's `T` line,
/// while the claim's own attribute and note stay on the claim.
#[test]
fn an_attribution_event_comes_back_with_its_roles_attributes_and_notes() {
    let trip = round_trip("attribution_events", "report");
    assert!(
        trip.said.contains("imported 4 annotations and 2 relations")
            && trip.said.trim_end().ends_with("0 problems in the file)"),
        "everything is declared in annotation.conf: {}",
        trip.said
    );
    assert_eq!(renumbered(&trip.exported), renumbered(&trip.original));
}

/// A claim without a source keeps its attribution event and its cue; a cue whose
/// recorded position no longer holds its words (the article changed, say) is not
/// written there: the event is left out and the export says so.
#[test]
fn a_cue_is_written_where_it_was_while_its_position_holds_its_words() {
    use scholia::domain::anchor::quote_for;
    use scholia::domain::document::Document;
    use scholia::domain::model::{Annotation, Kind, Span};
    use scholia::domain::schema::Schema;
    use scholia::domain::store::Store;
    use scholia::formats::export::{export, ExportFormat, ExportOptions, Part, StatusFilter};

    let text = "Говорят, что всё будет 👍.";
    let doc = Document::from_text(Path::new("a.txt"), text.to_string());
    let brat = |cue_at: &str| {
        let mut store = Store::new();
        let start = text.find("всё").unwrap();
        let mut claim = Annotation::new(
            "",
            Kind::Claim,
            "Content",
            vec![Span::new(start, text.len() - 1)],
        );
        claim.quote = quote_for(&doc, &claim.spans);
        for (key, value) in [
            ("cue", "Говорят"),
            ("cue_at", cue_at),
            ("cue_label", "Cue"),
            ("attribution", "Attribution-no-source"),
        ] {
            claim.attrs.insert(key.to_string(), value.to_string());
        }
        store.insert_annotation(claim);
        let options = ExportOptions {
            status: StatusFilter::Accepted,
            unit: None,
        };
        export(
            ExportFormat::Brat,
            &doc,
            &store,
            &Schema::default(),
            &options,
        )
    };
    let held = brat("0 7");
    assert!(held.dropped.is_empty(), "{:?}", held.dropped);
    assert_eq!(
        held.files[0].1,
        "T1\tAttribution-no-source 0 7\tГоворят\nT2\tCue 0 7\tГоворят\nT3\tContent 13 24\tвсё будет 👍\nE1\tAttribution-no-source:T1 Cue:T2 Content:T3\n"
    );
    let stale = brat("1 8");
    assert_eq!(
        stale.files[0].1,
        "T1\tContent 13 24\tвсё будет 👍\nA1\tcue T1 Говорят\n"
    );
    let reported: Vec<&str> = stale
        .dropped
        .iter()
        .filter(|d| d.parts == [Part::Attributes])
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(reported.len(), 1, "{:?}", stale.dropped);
    assert!(
        reported[0].contains("the recorded position (1 8) no longer holds its words"),
        "{reported:?}"
    );
}

#[test]
fn renumbering_keeps_the_structure() {
    assert_eq!(
        renumbered("T5\tX 0 1\ta\nT2\tY 1 2\tb\nR9\tR Arg1:T2 Arg2:T5\n#4\tAnnotatorNotes R9\tn\n"),
        "T1\tX 0 1\ta\nT2\tY 1 2\tb\nR1\tR Arg1:T2 Arg2:T1\n#1\tAnnotatorNotes R1\tn\n"
    );
}

#[test]
fn what_annotation_conf_does_not_declare_is_a_notice_of_the_import() {
    let dir = tempfile::tempdir().unwrap();
    fixture(dir.path());
    let conf = dir.path().join("annotation.conf");
    let text = fs::read_to_string(&conf).unwrap();
    fs::write(
        &conf,
        text.replace("\nORG\n", "\n")
            .replace("|denied", "")
            .replace("Value:asserted", "Value:denied"),
    )
    .unwrap();
    let article = dir.path().join("vesti.txt");
    let out = Command::new(env!("CARGO_BIN_EXE_scholia"))
        .args(["import", "--verbose"])
        .arg(&article)
        .arg(dir.path().join("vesti.ann"))
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "notices only: {said}");
    assert!(said.contains("0 problems in the file, 2 notices"), "{said}");
    assert!(
        said.contains("file notice: annotation.conf does not declare the type \"ORG\" (2 times, first T1); imported as it is."),
        "{said}"
    );
    assert!(
        said.contains("annotation.conf does not declare the value \"asserted\" of stance (T3)"),
        "{said}"
    );
}

/// A span that ends in a line break cannot keep it in a brat fragment: the export
/// says so instead of dropping it silently.
#[test]
fn a_span_ending_in_a_line_break_is_reported_by_the_brat_export() {
    use scholia::domain::anchor::quote_for;
    use scholia::domain::document::Document;
    use scholia::domain::model::{Annotation, Kind, Span};
    use scholia::domain::schema::Schema;
    use scholia::domain::store::Store;
    use scholia::formats::export::{export, ExportFormat, ExportOptions, Part, StatusFilter};

    let text = "Граница закрыта 🚧\nдо среды.\n";
    let doc = Document::from_text(Path::new("a.txt"), text.to_string());
    let mut store = Store::new();
    let line_end = text.find('\n').unwrap() + 1;
    for (label, span) in [
        ("factual", Span::new(0, line_end)),
        ("DATE", Span::new(line_end, text.len() - 2)),
    ] {
        let mut a = Annotation::new("", Kind::Entity, label, vec![span]);
        a.quote = quote_for(&doc, &a.spans);
        store.insert_annotation(a);
    }
    let options = ExportOptions {
        status: StatusFilter::Accepted,
        unit: None,
    };
    let exported = export(
        ExportFormat::Brat,
        &doc,
        &store,
        &Schema::default(),
        &options,
    );
    assert!(
        exported.files[0]
            .1
            .starts_with("T1\tfactual 0 17\tГраница закрыта 🚧\n"),
        "{}",
        exported.files[0].1
    );
    let reported: Vec<&str> = exported
        .dropped
        .iter()
        .filter(|d| d.parts.contains(&Part::Spans))
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(reported.len(), 1, "{:?}", exported.dropped);
    assert!(
        reported[0].contains("the line break at an end of its span is not written"),
        "{reported:?}"
    );
}

#[test]
fn a_cue_read_in_utf16_units_is_kept_in_code_points() {
    // "👍" is one code point and two UTF-16 units: every offset after it differs.
    let dir = tempfile::tempdir().unwrap();
    let text = "👍 Он сказал, что всё будет хорошо.\n";
    fs::write(dir.path().join("a.txt"), text).unwrap();
    // UTF-16 offsets: "Он" 3–5, "сказал" 6–12, "всё будет хорошо" 18–34.
    fs::write(
        dir.path().join("a.ann"),
        "T1\tSource 3 5\tОн\nT2\tCue 6 12\tсказал\nT3\tContent 18 34\tвсё будет хорошо\nE1\tAttribution:T2 Source:T1 Content:T3\n",
    )
    .unwrap();
    let article = dir.path().join("a.txt");
    let article = article.to_str().unwrap();
    let ann = dir.path().join("a.ann");
    scholia(&["import", article, ann.to_str().unwrap(), "--unit", "utf16"]);
    let sidecar: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(dir.path().join("a.txt.scholia.json")).unwrap())
            .unwrap();
    let claim = sidecar["annotations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["kind"] == "claim")
        .unwrap();
    assert_eq!(claim["attrs"]["cue"], "сказал");
    assert_eq!(
        claim["attrs"]["cue_at"], "5 11",
        "code points, as the sidecar counts"
    );
    let out = dir.path().join("out");
    scholia(&[
        "export",
        article,
        "--format",
        "brat",
        "--status",
        "all",
        "-o",
        out.to_str().unwrap(),
    ]);
    let written = fs::read_to_string(out.join("a.ann")).unwrap();
    assert!(
        written.contains("\tAttribution 5 11\tсказал\n"),
        "the event's trigger on the cue words, in code points: {written}"
    );
}
