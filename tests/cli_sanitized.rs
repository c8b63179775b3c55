//! What the command line prints is as safe as what the workbench draws (DESIGN §7): a
//! label, id, relation end, note, file name or parser message that carries an escape
//! sequence, a C1 control or a bidi override never reaches stdout or stderr raw, in
//! `validate`, `stats`, `import`, `extract` and `export`, in their human and their JSON
//! Lines output, and on their error paths.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use scholia::domain::anchor::quote_for;
use scholia::domain::document::Document;
use scholia::domain::model::{Annotation, Entity, Kind, Relation, Span};
use scholia::domain::sidecar::{self, Kept};
use scholia::domain::store::Store;

/// Sets the terminal's title.
const TITLE: &str = "\u{1b}]0;pwned\u{7}";
/// Writes "pwned" to the clipboard (OSC 52).
const CLIPBOARD: &str = "\u{1b}]52;c;cHduZWQ=\u{7}";
/// Clears the screen.
const CLEAR: &str = "\u{1b}[2J";
/// Clears the screen with the one-character C1 CSI.
const C1_CLEAR: &str = "\u{9b}2J";
/// Right-to-left override: reorders what follows on the screen.
const RLO: &str = "\u{202e}";

/// `tag` followed by every hostile sequence.
fn hostile(tag: &str) -> String {
    format!("{tag}{TITLE}{CLIPBOARD}{CLEAR}{C1_CLEAR}{RLO}")
}

fn scholia(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_scholia"))
        .args(args)
        .env("SCHOLIA_NO_USER_CONFIG", "1")
        .output()
        .unwrap()
}

fn s(path: &Path) -> &str {
    path.to_str().unwrap()
}

/// A character a terminal would act on or reorder by.
fn is_unsafe(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(
            c,
            '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{61c}'
        )
}

/// Fails when `bytes` are not UTF-8 (a lone 0x9B byte is a CSI to some terminals) or
/// carry a control other than line feed and tab, or a bidi control; else returns them.
fn inert_stream(what: &str, stream: &str, bytes: &[u8]) -> String {
    let text = std::str::from_utf8(bytes)
        .unwrap_or_else(|e| panic!("{what}: {stream} is not UTF-8 ({e}): {bytes:?}"));
    if let Some(c) = text.chars().find(|&c| is_unsafe(c)) {
        panic!("{what}: {stream} carries {c:?} raw: {text:?}");
    }
    text.to_string()
}

/// Checks stdout and stderr with [`inert_stream`]; returns both, stdout first.
fn inert(what: &str, out: &Output) -> String {
    inert_stream(what, "stdout", &out.stdout) + &inert_stream(what, "stderr", &out.stderr)
}

/// Checks that `text` shows the hostile text, made visible.
fn with_marks(what: &str, text: &str) {
    assert!(
        text.contains("␛]0;pwned␇") && text.contains("⇋"),
        "{what}: the hostile text is shown with marks: {text}"
    );
}

/// Checks `out` is inert and shows the hostile text made visible.
fn shown_as_marks(what: &str, out: &Output) -> String {
    let both = inert(what, out);
    with_marks(what, &both);
    both
}

/// Checks `out` is inert and carries the hostile text as JSON escapes on stdout, each
/// line valid JSON.
fn escaped_in_json(what: &str, out: &Output) {
    inert(what, out);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("\\u001b]0;pwned\\u0007") && stdout.contains("\\u202e"),
        "{what}: the hostile text is escaped: {stdout}"
    );
    for line in stdout.lines() {
        let value: serde_json::Value =
            serde_json::from_str(line).unwrap_or_else(|e| panic!("{what}: not JSON ({e}): {line}"));
        assert!(value.is_object(), "{what}: {line}");
    }
}

/// An article whose file name, labels, ids, relation ends, entity name and note all
/// carry hostile text, with a sidecar that reads and validates.
fn hostile_article(dir: &Path) -> PathBuf {
    let path = dir.join(format!("{}.txt", hostile("report")));
    fs::write(&path, "Alpha said the talks failed.\n").unwrap();
    let doc = Document::load(&path, 1 << 20).unwrap();
    let mut store = Store::new();
    let entity = hostile("e1");
    let mut name = Entity::new(&entity, hostile("Alpha"), hostile("PERSON"));
    name.note = Some(hostile("note"));
    store.put_entity(name);
    let (source, claim) = (hostile("a1"), hostile("a2"));
    for (id, kind, label, needle) in [
        (&source, Kind::Source, hostile("person"), "Alpha"),
        (&claim, Kind::Claim, hostile("factual"), "the talks failed"),
    ] {
        let start = doc.text().find(needle).unwrap();
        let mut a = Annotation::new(
            id,
            kind,
            label,
            vec![Span::new(start, start + needle.len())],
        );
        a.quote = quote_for(&doc, &a.spans);
        if kind == Kind::Source {
            a.entity = Some(entity.clone());
        }
        store.insert_annotation(a);
    }
    store.put_relation(Relation::new(
        hostile("r1"),
        hostile("attributed to"),
        &claim,
        &source,
    ));
    sidecar::save(
        &doc,
        &store,
        &Kept::default(),
        &sidecar::path_for(&path),
        false,
    )
    .unwrap();
    path
}

/// Edits the sidecar of `article` as JSON.
fn edit_sidecar(article: &Path, edit: impl FnOnce(&mut serde_json::Value)) {
    let path = sidecar::path_for(article);
    let mut json: serde_json::Value = serde_json::from_slice(&fs::read(&path).unwrap()).unwrap();
    edit(&mut json);
    fs::write(&path, serde_json::to_vec_pretty(&json).unwrap()).unwrap();
}

/// Breaks the sidecar so every `validate` check names hostile text: a foreign article
/// name, a changed quote, a missing entity, a relation end that does not exist, an id
/// used twice.
fn break_sidecar(article: &Path) {
    edit_sidecar(article, |json| {
        json["document"]["file"] = hostile("other.txt").into();
        let first = &mut json["annotations"][0];
        first["quote"]["exact"] = hostile("Beta").into();
        first["entity"] = hostile("e9").into();
        json["relations"][0]["to"] = hostile("a9").into();
        let twin = json["annotations"][1].clone();
        json["annotations"].as_array_mut().unwrap().push(twin);
    });
}

/// Makes the sidecar unparseable with a serde message that quotes the bad value.
fn unparseable_sidecar(article: &Path) {
    edit_sidecar(article, |json| {
        json["annotations"][0]["status"] = hostile("accepted").into();
    });
}

#[test]
fn validate_shows_every_problem_with_marks() {
    let dir = tempfile::tempdir().unwrap();
    let article = hostile_article(dir.path());
    let clean = scholia(&["validate", s(&article)]);
    inert("validate, clean sidecar", &clean);
    assert_eq!(clean.status.code(), Some(0), "{clean:?}");

    break_sidecar(&article);
    let out = scholia(&["validate", s(&article)]);
    let text = shown_as_marks("validate", &out);
    assert_eq!(out.status.code(), Some(1));
    assert!(text.lines().count() >= 5, "one line per problem: {text}");
    escaped_in_json(
        "validate --jsonl",
        &scholia(&["validate", "--jsonl", s(&article)]),
    );
}

#[test]
fn validate_and_stats_show_a_serde_message_with_marks() {
    let dir = tempfile::tempdir().unwrap();
    let article = hostile_article(dir.path());
    unparseable_sidecar(&article);
    for args in [
        vec!["validate", s(&article)],
        vec!["stats", s(&article)],
        vec!["stats", "--jsonl", s(&article)],
    ] {
        let out = scholia(&args);
        let text = shown_as_marks(&args[..args.len() - 1].join(" "), &out);
        assert!(text.contains("unknown variant"), "{text}");
        assert_eq!(out.status.code(), Some(1), "{text}");
    }
    escaped_in_json(
        "validate --jsonl, unparseable",
        &scholia(&["validate", "--jsonl", s(&article)]),
    );
}

#[test]
fn stats_shows_labels_and_names_with_marks() {
    let dir = tempfile::tempdir().unwrap();
    let article = hostile_article(dir.path());
    let out = scholia(&["stats", s(&article)]);
    let text = shown_as_marks("stats", &out);
    assert!(text.contains("by label:"), "{text}");
    assert_eq!(out.status.code(), Some(0));
    escaped_in_json(
        "stats --jsonl",
        &scholia(&["stats", "--jsonl", s(&article)]),
    );
}

#[test]
fn a_missing_article_is_named_with_marks() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join(hostile("gone"));
    for command in ["stats", "validate", "import", "extract", "export"] {
        let mut args = vec![command, s(&missing)];
        match command {
            "import" => args.push(s(&missing)),
            "export" => args.extend(["-f", "brat"]),
            _ => {}
        }
        let out = scholia(&args);
        shown_as_marks(command, &out);
        assert_ne!(out.status.code(), Some(0));
    }
    let several = dir.path().join("ok.txt");
    fs::write(&several, "text").unwrap();
    let out = scholia(&["stats", s(&several), s(&missing)]);
    shown_as_marks("stats of several", &out);
}

#[test]
fn import_reports_and_parse_errors_show_marks() {
    let dir = tempfile::tempdir().unwrap();
    let article = hostile_article(dir.path());
    let ann = dir.path().join(format!("{}.ann", hostile("import")));
    let label = hostile("ORG").replace([' ', '\t'], "_");
    fs::write(
        &ann,
        format!("T1\t{label} 0 5\tOmega{TITLE}\nT2\tPERSON 0 5\tAlpha\n"),
    )
    .unwrap();
    let out = scholia(&["import", "--verbose", s(&article), s(&ann)]);
    shown_as_marks("import --verbose", &out);
    escaped_in_json(
        "import --jsonl",
        &scholia(&["import", "--jsonl", s(&article), s(&ann)]),
    );

    let json = dir.path().join(format!("{}.jsonl", hostile("doccano")));
    fs::write(
        &json,
        format!(
            "{}\n",
            serde_json::json!({"text": "Alpha said the talks failed.\n", "label": [[0, 5, 7]], "id": hostile("x")})
        ),
    )
    .unwrap();
    let out = scholia(&["import", "--format", "doccano", s(&article), s(&json)]);
    shown_as_marks("import of a malformed file", &out);
    assert_ne!(out.status.code(), Some(0));

    unparseable_sidecar(&article);
    let out = scholia(&["import", s(&article), s(&ann)]);
    let text = shown_as_marks("import into an unparseable sidecar", &out);
    assert!(text.contains("unknown variant"), "{text}");
}

#[test]
fn extract_reports_and_rule_errors_show_marks() {
    let dir = tempfile::tempdir().unwrap();
    let article = hostile_article(dir.path());
    let out = scholia(&["extract", "--dry-run", s(&article)]);
    shown_as_marks("extract", &out);
    escaped_in_json(
        "extract --jsonl",
        &scholia(&["extract", "--dry-run", "--jsonl", s(&article)]),
    );

    let rules = dir.path().join(hostile("rules.toml"));
    fs::write(&rules, format!("[[lexicon]]\nlabel = {}\n", hostile("x"))).unwrap();
    let out = scholia(&["extract", "--rules", s(&rules), s(&article)]);
    shown_as_marks("extract with a broken rules file", &out);
    assert_ne!(out.status.code(), Some(0));

    unparseable_sidecar(&article);
    let out = scholia(&["extract", s(&article)]);
    let text = shown_as_marks("extract into an unparseable sidecar", &out);
    assert!(text.contains("unknown variant"), "{text}");
}

#[test]
fn export_left_out_lines_and_refusals_show_marks() {
    let dir = tempfile::tempdir().unwrap();
    let article = hostile_article(dir.path());
    let folder = dir.path().join(hostile("out"));
    let out = scholia(&["export", "-f", "brat", "-o", s(&folder), s(&article)]);
    let text = shown_as_marks("export", &out);
    assert!(text.contains("wrote"), "{text}");
    assert_eq!(out.status.code(), Some(0), "{text}");

    let again = scholia(&["export", "-f", "brat", "-o", s(&folder), s(&article)]);
    inert("export again, same content", &again);
    let jsonl = dir.path().join(hostile("jsonl"));
    escaped_in_json(
        "export --jsonl",
        &scholia(&[
            "export",
            "-f",
            "brat",
            "--jsonl",
            "-o",
            s(&jsonl),
            s(&article),
        ]),
    );

    let csv = dir.path().join(hostile("claims.csv"));
    fs::write(&csv, "not ours").unwrap();
    let refused = scholia(&["export", "-f", "csv", "-o", s(&csv), s(&article)]);
    shown_as_marks("export onto an existing file", &refused);
    assert_eq!(refused.status.code(), Some(2));

    unparseable_sidecar(&article);
    let out = scholia(&["export", "-f", "brat", "-o", s(&folder), s(&article)]);
    let text = shown_as_marks("export of an unparseable sidecar", &out);
    assert!(text.contains("unknown variant"), "{text}");
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn the_sidecar_keeps_its_text_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    let article = hostile_article(dir.path());
    let before = fs::read(sidecar::path_for(&article)).unwrap();
    let out = scholia(&["validate", s(&article)]);
    inert("validate", &out);
    assert_eq!(fs::read(sidecar::path_for(&article)).unwrap(), before);
    let doc = Document::load(&article, 1 << 20).unwrap();
    let loaded = sidecar::load(&doc, &sidecar::path_for(&article))
        .unwrap()
        .unwrap();
    assert_eq!(
        loaded
            .store
            .annotation(&hostile("a1"))
            .map(|a| a.label.to_string()),
        Some(hostile("person"))
    );
}

#[test]
fn a_bad_command_line_is_quoted_with_marks() {
    let bad = hostile("x");
    let flag = format!("--x{C1_CLEAR}{RLO}");
    for args in [
        vec!["import", "--as", &bad, "a.txt", "b.ann"],
        vec!["stats", "--jobs", &bad, "a.txt"],
        vec![&flag, "a.txt"],
    ] {
        let out = scholia(&args);
        // The parser's own rendering drops ESC sequences; C1 and bidi are left to us.
        let text = inert(&format!("{:?}", &args[..2]), &out);
        assert!(
            text.starts_with("error:") && text.contains("x⍰2J⇋"),
            "{text}"
        );
        assert_eq!(out.status.code(), Some(2), "{text}");
    }
    let help = scholia(&["stats", "--help"]);
    assert_eq!(help.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&help.stdout).contains("--jsonl"));
}

/// Runs scholia in a pseudo-terminal to its end: its exit code, and all it wrote
/// (stdout and stderr are the one terminal), with the terminal's CR LF back to LF,
/// checked with [`inert_stream`].
#[cfg(unix)]
fn on_a_terminal(what: &str, args: &[&str]) -> (u32, String) {
    use portable_pty::{native_pty_system, CommandBuilder, PtySize};

    let pair = native_pty_system()
        .openpty(PtySize {
            rows: 40,
            cols: 120,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_scholia"));
    cmd.args(args);
    cmd.env("SCHOLIA_NO_USER_CONFIG", "1");
    let mut child = pair.slave.spawn_command(cmd).unwrap();
    drop(pair.slave);
    let mut reader = pair.master.try_clone_reader().unwrap();
    let mut seen = Vec::new();
    let mut buf = [0u8; 4096];
    // Reading ends with the child: EOF, or EIO once the terminal's last user is gone.
    while let Ok(n) = reader.read(&mut buf) {
        if n == 0 {
            break;
        }
        seen.extend_from_slice(&buf[..n]);
    }
    let code = child.wait().unwrap().exit_code();
    (code, inert_stream(what, "the terminal", &crlf_to_lf(&seen)))
}

fn crlf_to_lf(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len());
    for (i, &b) in bytes.iter().enumerate() {
        if !(b == b'\r' && bytes.get(i + 1) == Some(&b'\n')) {
            out.push(b);
        }
    }
    out
}

/// An export's own data passes byte for byte into a pipe, and with marks onto a
/// terminal.
#[cfg(unix)]
#[test]
fn an_export_on_standard_output_is_exact_in_a_pipe_and_marked_on_a_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("plain.txt");
    let text = format!("Alpha {} said the talks failed.\n", hostile("x"));
    fs::write(&article, &text).unwrap();
    let args = ["export", "-f", "conll", "-o", "-", s(&article)];

    let piped = scholia(&args);
    assert_eq!(piped.status.code(), Some(0), "{piped:?}");
    let data = String::from_utf8(piped.stdout).unwrap();
    assert!(
        ['\u{1b}', '\u{7}', '\u{9b}', '\u{202e}']
            .iter()
            .all(|&c| data.contains(c)),
        "the data is exact: {data:?}"
    );

    let (code, shown) = on_a_terminal("export -o - on a terminal", &args);
    assert_eq!(code, 0);
    assert!(
        ['␛', '␇', '⍰', '⇋'].iter().all(|&c| shown.contains(c)),
        "marks on the terminal: {shown}"
    );
}

/// The workbench's own failure sentence, on the terminal it was to open on.
#[cfg(unix)]
#[test]
fn the_workbench_names_a_missing_article_with_marks() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join(hostile("gone"));
    let (code, shown) = on_a_terminal("open a missing article", &[s(&missing)]);
    with_marks("open a missing article", &shown);
    assert_eq!(code, 3, "{shown}");
}
