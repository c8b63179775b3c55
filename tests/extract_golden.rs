//! Extraction gives the same suggestions, and the same pending annotations and relations
//! in the store, as the golden files recorded before extraction was made faster: the
//! example articles and a generated news text, with the default rules and with a
//! gazetteer and a regex rule of the user's. Regenerate the golden files (only when the
//! output is meant to change) with `SCHOLIA_WRITE_GOLDEN=1 cargo test --test extract_golden`.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use scholia::domain::document::Document;
use scholia::domain::store::Store;
use scholia::extract::to_store::add_to_store;
use scholia::extract::{extract, RuleSet, Suggestion};

const USER_RULES: &str = r#"
[[extract.gazetteer]]
name = "outlets"
label = "ORG"
terms = ["AFP", "Vremya Vostoka", "Reuters", "Время Востока"]

[[extract.regex]]
name = "numbers"
label = "CARDINAL"
pattern = '\b[0-9]+\b'
"#;

/// Every field of every suggestion, one line each, in a form that does not depend on
/// how `Suggestion` stores them.
fn suggestion_lines(found: &[Suggestion]) -> String {
    let mut out = String::new();
    for (i, s) in found.iter().enumerate() {
        let spans: Vec<String> = s
            .spans
            .iter()
            .map(|span| format!("{}..{}", span.start, span.end))
            .collect();
        let attrs: Vec<String> = s.attrs.iter().map(|(k, v)| format!("{k}={v:?}")).collect();
        let links: Vec<String> = s
            .links
            .iter()
            .map(|l| format!("{}->{}", l.kind, l.to))
            .collect();
        writeln!(
            out,
            "{i} {:?} {:?} [{}] rule={:?} score={} attrs=[{}] links=[{}]",
            s.kind,
            &*s.label,
            spans.join(","),
            &*s.rule,
            s.score,
            attrs.join(","),
            links.join(",")
        )
        .unwrap();
    }
    out
}

/// The annotations (less their times) and relations `add_to_store` makes of `found`,
/// as JSON lines.
fn store_lines(doc: &Document, found: Vec<Suggestion>) -> String {
    let mut store = Store::new();
    add_to_store(doc, &mut store, found);
    let mut out = String::new();
    for a in store.annotations() {
        let mut value = serde_json::to_value(a).unwrap();
        let fields = value.as_object_mut().unwrap();
        fields.remove("created");
        fields.remove("modified");
        writeln!(out, "{value}").unwrap();
    }
    for r in store.relations() {
        writeln!(out, "{}", serde_json::to_string(r).unwrap()).unwrap();
    }
    out
}

fn golden_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/extract_golden")
}

/// Compares `actual` with the golden file `name`, or writes it when asked to.
fn check(name: &str, actual: &str) {
    let path = golden_dir().join(name);
    if std::env::var_os("SCHOLIA_WRITE_GOLDEN").is_some() {
        fs::write(&path, actual).unwrap();
        return;
    }
    let expected = fs::read_to_string(&path).unwrap();
    if expected != actual {
        let first = expected
            .lines()
            .zip(actual.lines())
            .position(|(e, a)| e != a)
            .unwrap_or(expected.lines().count().min(actual.lines().count()));
        panic!(
            "{name} differs from its golden file at line {}:\nexpected: {:?}\nactual:   {:?}",
            first + 1,
            expected.lines().nth(first),
            actual.lines().nth(first)
        );
    }
}

/// A news-like text mixing the cues the rules look for, non-ASCII included.
fn generated_news() -> String {
    let sentences = [
        "Deputy Interior Minister Bakhtiyor Nazarov told «Время Востока» on March 4 that the Uzbek border guards had not fired first. ",
        "According to AFP, 12 Kazakh citizens were held in Tashkent (Ekspress-K, July19). ",
        "\"We will not allow it,\" said Col. Timur Saidov, who asked not to be named.\n\n",
        "He denied that the post was closed, and that 3 guards had left. ",
        "Назарбаев заявил, что граница открыта (Reuters, 5 May 2024). ",
        "The Ministry of Foreign Affairs neither confirmed nor denied the report. ",
    ];
    let mut text = String::new();
    for round in 0..40 {
        for (i, s) in sentences.iter().enumerate() {
            if (round + i) % 3 != 0 {
                text.push_str(s);
            }
        }
    }
    text
}

/// A text mixing Cyrillic, Arabic, CJK and emoji with the English cues, quotation
/// marks of every kind, citations and pronouns, varied from round to round so that
/// suggestions of different rules meet on the same spans and links cross paragraphs.
fn generated_multilingual() -> String {
    let sentences = [
        "Назарбаев заявил, что граница открыта (Время Востока, 5 May 2024). ",
        "وقال المتحدث سامر الحداد إن الوفد وصل (الأفق اليومي، 13 نيسان). ",
        "Foreign Minister Wang Yi told 新华社 that 边境 was calm 🇨🇳 on Monday. ",
        "“The talks will go on,” said Ambassador Aigul Zhumabekova. 👩‍💻 ",
        "She denied that «Жер-Курылыс» had missed the deadline, and that 2 wells were dry.\n\n",
        "According to Reuters, 30 Kazakh and Uzbek traders left Tashkent last week. ",
        "\"We have nothing to hide,\" he said. 東京 officials declined to comment. ",
        "The Ministry of Foreign Affairs of Kazakhstan neither confirmed nor denied it (Reuters). ",
        "Reuters Bureau Chief Timur Saidov, a spokesman for the agency, said it rained. ",
        "Асанали Нурбеков сообщил: „Мы ничего не скрываем“ 😀 (Ekspress-K, July19).\n",
    ];
    let mut text = String::new();
    for round in 0..30 {
        for (i, s) in sentences.iter().enumerate() {
            if (round * 7 + i) % 4 != 0 {
                text.push_str(s);
            }
        }
        if round % 5 == 4 {
            text.push_str("\n\n");
        }
    }
    text
}

fn articles() -> Vec<(&'static str, String)> {
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    vec![
        (
            "border-incident",
            fs::read_to_string(examples.join("border-incident.txt")).unwrap(),
        ),
        (
            "multilingual-digest",
            fs::read_to_string(examples.join("multilingual-digest.txt")).unwrap(),
        ),
        ("generated-news", generated_news()),
        ("generated-multilingual", generated_multilingual()),
    ]
}

#[test]
fn extraction_matches_the_golden_files() {
    let user = RuleSet::from_toml_str(USER_RULES, Path::new(".")).unwrap();
    for (name, text) in articles() {
        for (rules_name, rules) in [
            ("default", RuleSet::default_rules()),
            ("user", user.clone()),
        ] {
            let found = extract(&text, &rules);
            assert!(!found.is_empty(), "{name}: no suggestions");
            check(
                &format!("{name}.{rules_name}.suggestions.txt"),
                &suggestion_lines(&found),
            );
            let doc = Document::from_text(Path::new("a.txt"), text.clone());
            check(
                &format!("{name}.{rules_name}.store.jsonl"),
                &store_lines(&doc, found),
            );
        }
    }
}
