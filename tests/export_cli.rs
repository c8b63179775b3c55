//! `scholia export` run as the real binary: where files go, refusal to overwrite,
//! standard output, what stderr says and the exit codes.

mod export_support;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use scholia::domain::anchor::quote_for;
use scholia::domain::document::Document;
use scholia::domain::model::{Annotation, Kind, Relation, Span, Status};
use scholia::domain::sidecar::{self, Kept};
use scholia::domain::store::Store;

/// A folder holding the fixture article `article.txt` and its sidecar.
fn fixture() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("article.txt");
    fs::write(&article, export_support::TEXT).unwrap();
    let doc = scholia::domain::document::Document::load(&article, 1 << 20).unwrap();
    let store = export_support::store(&doc);
    sidecar::save(
        &doc,
        &store,
        &Kept::default(),
        &sidecar::path_for(&article),
        false,
    )
    .unwrap();
    (dir, article)
}

fn scholia(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_scholia"))
        .current_dir(dir)
        .arg("export")
        .args(args)
        .env("SCHOLIA_NO_USER_CONFIG", "1")
        .output()
        .unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn writes_next_to_the_article_and_refuses_to_overwrite_without_force() {
    let (dir, _) = fixture();
    let out = scholia(dir.path(), &["article.txt", "--format", "brat"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let ann = dir.path().join("article.ann");
    let written = fs::read_to_string(&ann).unwrap();
    assert!(fs::read_to_string(dir.path().join("annotation.conf"))
        .unwrap()
        .contains("[entities]"));
    assert_eq!(
        fs::read_to_string(dir.path().join("article.txt")).unwrap(),
        export_support::TEXT,
        "the article is never touched"
    );
    let last = stderr(&out).lines().last().unwrap().to_string();
    assert_eq!(
        last,
        "article.txt: wrote ./article.ann, ./article.txt, ./annotation.conf (8 annotations, 2 relations; 1 not written, 0 written in part)"
    );
    // The same content again is not an overwrite.
    let again = scholia(dir.path(), &["article.txt", "--format", "brat"]);
    assert_eq!(again.status.code(), Some(0), "{}", stderr(&again));
    // A changed file is not overwritten without --force, and nothing else is written.
    fs::write(&ann, "edited by hand\n").unwrap();
    let refused = scholia(dir.path(), &["article.txt", "--format", "brat"]);
    assert_eq!(refused.status.code(), Some(2));
    assert_eq!(
        stderr(&refused).trim(),
        "scholia: ./article.ann exists; scholia does not overwrite it without --force"
    );
    assert_eq!(fs::read_to_string(&ann).unwrap(), "edited by hand\n");
    // The files made for the refused export are gone too.
    let mut left: Vec<String> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".tmp"))
        .collect();
    left.sort();
    assert_eq!(left, Vec::<String>::new(), "no temporary file left");
    let forced = scholia(dir.path(), &["article.txt", "--format", "brat", "--force"]);
    assert_eq!(forced.status.code(), Some(0), "{}", stderr(&forced));
    assert_eq!(fs::read_to_string(&ann).unwrap(), written);
}

#[test]
fn standard_output_takes_single_file_formats() {
    let (dir, _) = fixture();
    let out = scholia(
        dir.path(),
        &["article.txt", "-f", "doccano", "-o", "-", "--status", "all"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let stdout = String::from_utf8(out.stdout.clone()).unwrap();
    let record: serde_json::Value = serde_json::from_str(stdout.trim()).unwrap();
    assert_eq!(record["text"], export_support::TEXT);
    let err = stderr(&out);
    let lines: Vec<&str> = err.lines().collect();
    // No file is written: the article names what the export could not hold.
    assert!(
        lines.iter().all(|l| l.starts_with("article.txt: ")),
        "{err}"
    );
    assert!(err.contains("article.txt: a5 (pending entity ORG): not written: doccano cannot mark an annotation pending"), "{err}");
    assert!(
        lines
            .last()
            .unwrap()
            .starts_with("article.txt: wrote standard output (8 annotations, 2 relations; "),
        "{err}"
    );
    assert!(
        fs::read_dir(dir.path()).unwrap().count() == 2,
        "nothing written to disk"
    );
    let multi = scholia(dir.path(), &["article.txt", "-f", "brat", "-o", "-"]);
    assert_eq!(multi.status.code(), Some(2));
    assert!(
        stderr(&multi).contains("give -o a folder"),
        "{}",
        stderr(&multi)
    );
}

#[test]
fn a_file_path_a_folder_and_several_articles() {
    let (dir, _) = fixture();
    let out = scholia(dir.path(), &["article.txt", "-f", "csv", "-o", "table.csv"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(fs::read_to_string(dir.path().join("table.csv"))
        .unwrap()
        .starts_with("claim_id,"));
    fs::copy(
        dir.path().join("article.txt"),
        dir.path().join("second.txt"),
    )
    .unwrap();
    fs::copy(
        dir.path().join("article.txt.scholia.json"),
        dir.path().join("second.txt.scholia.json"),
    )
    .unwrap();
    let out = scholia(
        dir.path(),
        &["article.txt", "second.txt", "-f", "brat", "-o", "out"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    for name in ["article.ann", "second.ann", "second.txt", "annotation.conf"] {
        assert!(dir.path().join("out").join(name).exists(), "{name}");
    }
}

#[test]
fn an_unreadable_sidecar_is_exit_1_and_the_others_are_still_exported() {
    let (dir, _) = fixture();
    fs::write(dir.path().join("broken.txt"), "Some text.").unwrap();
    fs::write(dir.path().join("broken.txt.scholia.json"), "{ not json").unwrap();
    let out = scholia(
        dir.path(),
        &["broken.txt", "article.txt", "-f", "w3c", "-o", "out"],
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("broken.txt.scholia.json:1:"), "{err}");
    assert!(dir.path().join("out/article.w3c.jsonld").exists());
    assert!(!dir.path().join("out/broken.w3c.jsonld").exists());
}

#[test]
fn the_own_sidecar_and_bad_usage_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("notes"), "Plain notes.").unwrap();
    fs::write(
        dir.path().join("notes.scholia.json"),
        "{\"format\": \"scholia/1\", \"document\": {\"file\": \"notes\", \"sha256\": \"\", \"bytes\": 0, \"chars\": 0}}",
    )
    .unwrap();
    let out = scholia(dir.path(), &["notes", "-f", "scholia"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("notes.scholia.json exists"),
        "{}",
        stderr(&out)
    );
    let out = scholia(dir.path(), &["notes", "-f", "xlsx"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("unknown export format \"xlsx\""));
    // A folder cannot be made under a file, not even by root.
    let out = scholia(dir.path(), &["notes", "-f", "spacy", "-o", "notes/x/"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("cannot create the output folder notes/x/"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn jsonl_lists_what_is_not_written_apart_from_what_is_written_in_part() {
    let (dir, _) = fixture();
    let out = scholia(
        dir.path(),
        &["article.txt", "-f", "doccano", "-o", "out", "--jsonl"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let line: serde_json::Value =
        serde_json::from_str(String::from_utf8_lossy(&out.stdout).trim()).unwrap();
    let sentences = |key: &str| -> Vec<String> {
        line[key]
            .as_array()
            .unwrap_or_else(|| panic!("{key} in {line}"))
            .iter()
            .map(|s| s.as_str().unwrap().to_string())
            .collect()
    };
    let not_written = sentences("not_written");
    let in_part = sentences("written_in_part");
    assert!(
        not_written.iter().any(|s| s.starts_with("e1 (")),
        "{not_written:?}"
    );
    assert!(
        in_part
            .iter()
            .any(|s| s.starts_with("a3 (claim factual): written, but")),
        "{in_part:?}"
    );
    assert!(line.get("left_out").is_none(), "{line}");
}

#[test]
fn label_studio_writes_its_labeling_config_beside_the_tasks() {
    let (dir, _) = fixture();
    let out = scholia(dir.path(), &["article.txt", "-f", "labelstudio"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let config = fs::read_to_string(dir.path().join("article.label_config.xml")).unwrap();
    assert!(config.starts_with("<View>"), "{config}");
    assert!(
        stderr(&out).lines().last().unwrap().starts_with(
            "article.txt: wrote ./article.labelstudio.json, ./article.label_config.xml ("
        ),
        "{}",
        stderr(&out)
    );
    // Standard output takes the tasks alone, and says where the config is not.
    let piped = scholia(dir.path(), &["article.txt", "-f", "labelstudio", "-o", "-"]);
    assert_eq!(piped.status.code(), Some(0), "{}", stderr(&piped));
    let tasks: serde_json::Value = serde_json::from_slice(&piped.stdout).unwrap();
    assert!(tasks.is_array());
    assert!(
        stderr(&piped).contains(
            "article.txt: article.label_config.xml is not written: standard output takes one file"
        ),
        "{}",
        stderr(&piped)
    );
}

/// A folder holding `name` with `text` and a sidecar of `annotations` (each: id, kind,
/// label, status, the text it marks, which occurrence) and `relations` (id, type, from,
/// to).
fn article_with(
    name: &str,
    text: &str,
    annotations: &[(&str, Kind, &str, Status, &str, usize)],
    relations: &[(&str, &str, &str, &str)],
) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join(name);
    fs::write(&article, text).unwrap();
    let doc = Document::load(&article, 1 << 20).unwrap();
    let annotations = annotations
        .iter()
        .map(|(id, kind, label, status, marked, nth)| {
            let start = text
                .match_indices(marked)
                .nth(*nth)
                .unwrap_or_else(|| panic!("{marked:?} #{nth}"))
                .0;
            let spans = vec![Span::new(start, start + marked.len())];
            let mut a = Annotation::new(*id, *kind, *label, spans);
            a.quote = quote_for(&doc, &a.spans);
            a.status = *status;
            a
        })
        .collect();
    let relations = relations
        .iter()
        .map(|(id, kind, from, to)| Relation::new(*id, *kind, *from, *to))
        .collect();
    let store = Store::from_parts(annotations, vec![], relations);
    sidecar::save(
        &doc,
        &store,
        &Kept::default(),
        &sidecar::path_for(&article),
        false,
    )
    .unwrap();
    dir
}

#[test]
fn what_is_lost_is_named_after_the_file_written() {
    let (dir, _) = fixture();
    // The file an analyst imported from sits beside the article under the export's
    // name; the messages must name the file written, not that one.
    fs::write(dir.path().join("article.spacy.json"), "{}").unwrap();
    let into_folder = scholia(
        dir.path(),
        &[
            "article.txt",
            "-f",
            "spacy",
            "-o",
            "out/",
            "--status",
            "all",
        ],
    );
    assert_eq!(
        into_folder.status.code(),
        Some(0),
        "{}",
        stderr(&into_folder)
    );
    let err = stderr(&into_folder);
    let lines: Vec<&str> = err.lines().collect();
    assert!(lines.len() > 1, "{err}");
    for line in &lines[..lines.len() - 1] {
        assert!(line.starts_with("out/article.spacy.json: "), "{err}");
    }
    let into_file = scholia(
        dir.path(),
        &[
            "article.txt",
            "-f",
            "spacy",
            "-o",
            "mine.json",
            "--status",
            "all",
        ],
    );
    assert_eq!(into_file.status.code(), Some(0), "{}", stderr(&into_file));
    let err = stderr(&into_file);
    let lines: Vec<&str> = err.lines().collect();
    for line in &lines[..lines.len() - 1] {
        assert!(line.starts_with("mine.json: "), "{err}");
    }
    assert_eq!(
        fs::read_to_string(dir.path().join("article.spacy.json")).unwrap(),
        "{}"
    );
}

#[test]
fn the_counts_are_items_each_counted_once() {
    // "Reuters" is a source whose kind CoNLL cannot say and whose label it rewrites: one
    // item written in part, not two. " border" is trimmed to a token, then left out
    // because it overlaps "the border": not written, and not also written in part.
    let text = "Reuters said the border is closed.\n";
    let dir = article_with(
        "news.txt",
        text,
        &[
            (
                "b1",
                Kind::Source,
                "news agency",
                Status::Accepted,
                "Reuters",
                0,
            ),
            ("b2", Kind::Entity, "LOC", Status::Accepted, " border", 0),
            ("b3", Kind::Entity, "LOC", Status::Accepted, "the border", 0),
        ],
        &[],
    );
    let out = scholia(dir.path(), &["news.txt", "-f", "conll", "-o", "out/"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let err = stderr(&out);
    assert_eq!(
        err.lines().last().unwrap(),
        "news.txt: wrote out/news.conll (2 annotations, 0 relations; 1 not written, 1 written in part)",
        "{err}"
    );
    assert!(
        !err.lines()
            .any(|l| l.contains("b2 (") && l.contains("written, but")),
        "b2 is not written, so it is not written in part either: {err}"
    );
    let jsonl = scholia(
        dir.path(),
        &["news.txt", "-f", "conll", "-o", "again/", "--jsonl"],
    );
    let line: serde_json::Value =
        serde_json::from_str(String::from_utf8_lossy(&jsonl.stdout).trim()).unwrap();
    assert_eq!(line["not_written_count"], 1, "{line}");
    assert_eq!(line["written_in_part_count"], 1, "{line}");
}

/// An article with one accepted entity and `n` pending suggestions, each on its own
/// word, each linked to the entity.
fn many_suggestions(n: usize) -> tempfile::TempDir {
    let text: String = (0..n).map(|i| format!("w{i} ")).collect::<String>() + "Moscow.\n";
    let words: Vec<String> = (0..n).map(|i| format!("w{i} ")).collect();
    let ids: Vec<String> = (0..n).map(|i| format!("p{i}")).collect();
    let rel_ids: Vec<String> = (0..n).map(|i| format!("r{i}")).collect();
    let mut annotations: Vec<(&str, Kind, &str, Status, &str, usize)> =
        vec![("a1", Kind::Entity, "GPE", Status::Accepted, "Moscow", 0)];
    for i in 0..n {
        annotations.push((
            &ids[i],
            Kind::Entity,
            "MISC",
            Status::Pending,
            &words[i][..],
            0,
        ));
    }
    let relations: Vec<(&str, &str, &str, &str)> = (0..n)
        .map(|i| (rel_ids[i].as_str(), "near", ids[i].as_str(), "a1"))
        .collect();
    article_with("big.txt", &text, &annotations, &relations)
}

#[test]
fn many_losses_of_one_kind_are_one_line_with_a_count_and_the_first_ids() {
    let dir = many_suggestions(1200);
    let out = scholia(
        dir.path(),
        &["big.txt", "-f", "spacy", "-o", "out/", "--status", "all"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let err = stderr(&out);
    assert_eq!(
        err.lines().collect::<Vec<_>>(),
        vec![
            "out/big.spacy.json: pending annotations, which spaCy cannot mark as such (and does not write as if accepted): 1,200 not written (p0, p1, p2, …); --verbose lists them",
            "out/big.spacy.json: relations, which spaCy cannot hold: 1,200 not written (r0, r1, r2, …); --verbose lists them",
            "big.txt: wrote out/big.spacy.json (1 annotation, 0 relations; 2,400 not written, 0 written in part)",
        ],
        "{err}"
    );
    // --verbose names every item; --jsonl keeps every sentence.
    let verbose = scholia(
        dir.path(),
        &[
            "big.txt",
            "-f",
            "spacy",
            "-o",
            "v/",
            "--status",
            "all",
            "--verbose",
        ],
    );
    let err = stderr(&verbose);
    assert_eq!(err.lines().count(), 2401, "{}", &err[..300]);
    assert!(err.contains(
        "v/big.spacy.json: p1199 (pending entity MISC): not written: spaCy cannot mark an annotation pending"
    ));
    let jsonl = scholia(
        dir.path(),
        &[
            "big.txt", "-f", "spacy", "-o", "j/", "--status", "all", "--jsonl",
        ],
    );
    assert_eq!(stderr(&jsonl), "");
    let line: serde_json::Value =
        serde_json::from_str(String::from_utf8_lossy(&jsonl.stdout).trim()).unwrap();
    assert_eq!(line["not_written"].as_array().unwrap().len(), 2400);
    assert_eq!(line["not_written_count"], 2400);
    // Prodigy writes the suggestions (each marked word trimmed of its space), but not
    // the relations from them to an accepted annotation, each with its own reason
    // naming both ends: still one line for each kind.
    let prodigy = scholia(
        dir.path(),
        &["big.txt", "-f", "prodigy", "-o", "p/", "--status", "all"],
    );
    assert_eq!(
        stderr(&prodigy).lines().collect::<Vec<_>>(),
        vec![
            "p/big.prodigy.jsonl: relations between annotations of different status, which Prodigy writes in different tasks: 1,200 not written (r0, r1, r2, …); --verbose lists them",
            "p/big.prodigy.jsonl: Prodigy cannot start or end a span on whitespace; its span is trimmed to the text inside: 1,200 written in part (p0, p1, p2, …); --verbose lists them",
            "big.txt: wrote p/big.prodigy.jsonl (1,201 annotations, 0 relations; 1,200 not written, 1,200 written in part)",
        ]
    );
}

#[test]
fn nothing_accepted_says_why_nothing_was_written_and_what_status_all_does() {
    let only_pending = [
        ("p1", Kind::Entity, "ORG", Status::Pending, "Reuters", 0),
        ("p2", Kind::Entity, "LOC", Status::Pending, "border", 0),
        ("p3", Kind::Entity, "LOC", Status::Rejected, "closed", 0),
    ];
    let text = "Reuters said the border is closed.\n";
    let dir = article_with("news.txt", text, &only_pending, &[]);
    // Prodigy marks suggestions and rejections: --status all writes them.
    let out = scholia(dir.path(), &["news.txt", "-f", "prodigy", "-o", "out/"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        stderr(&out).lines().collect::<Vec<_>>(),
        vec![
            "news.txt: no annotation written: none of its 3 annotations is accepted (2 pending, 1 rejected), and --status accepted, the default, exports accepted ones only; --status all writes them, marked with their status.",
            "news.txt: wrote out/news.prodigy.jsonl (0 annotations, 0 relations; 0 not written, 0 written in part)",
        ]
    );
    // spaCy cannot mark them: --status all would not help, and the notice says so.
    let out = scholia(dir.path(), &["news.txt", "-f", "spacy", "-o", "out/"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out).starts_with("news.txt: no annotation written: none of its 3 annotations is accepted (2 pending, 1 rejected), and --status accepted, the default, exports accepted ones only; spaCy cannot mark them as such and leaves them out even with --status all: review them first"),
        "{}",
        stderr(&out)
    );
    let jsonl = scholia(
        dir.path(),
        &["news.txt", "-f", "prodigy", "-o", "j/", "--jsonl"],
    );
    let line: serde_json::Value =
        serde_json::from_str(String::from_utf8_lossy(&jsonl.stdout).trim()).unwrap();
    assert_eq!(line["not_asked"], 3, "{line}");
    assert!(line["notice"]
        .as_str()
        .unwrap()
        .contains("--status all writes them"));
    // Asked for all, or with something accepted, there is nothing to explain.
    let all = scholia(
        dir.path(),
        &["news.txt", "-f", "prodigy", "-o", "all/", "--status", "all"],
    );
    assert!(
        !stderr(&all).contains("no annotation written"),
        "{}",
        stderr(&all)
    );
    let some = article_with(
        "news.txt",
        text,
        &[
            ("a1", Kind::Entity, "ORG", Status::Accepted, "Reuters", 0),
            only_pending[1],
        ],
        &[],
    );
    let out = scholia(some.path(), &["news.txt", "-f", "prodigy", "-o", "out/"]);
    assert_eq!(stderr(&out).lines().count(), 1, "{}", stderr(&out));
}
