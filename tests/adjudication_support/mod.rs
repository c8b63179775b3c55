//! Two analysts' sidecars of one Cyrillic article that disagree in every way an
//! adjudication knows (only in A, only in B, label, boundaries, link, stance, grade) and
//! agree on two annotations, written as the workbench writes sidecars.

#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};

use scholia::cli::AdjudicateArgs;
use scholia::domain::anchor::quote_for;
use scholia::domain::document::{Document, DEFAULT_MAX_SIZE};
use scholia::domain::model::{Annotation, Kind, Relation, Span};
use scholia::domain::sidecar::{self, Kept};
use scholia::domain::store::Store;

/// The article.
pub const ARTICLE: &str = "Министр Иванов заявил, что граница закрыта. По словам агентства «Казинформ», переговоры в Астане продолжатся в марте. Эксперт Петров считает, что это временная мера.\n";

/// How many disagreements the fixture has.
pub const DISAGREEMENTS: usize = 7;

/// The article, A's sidecar and B's sidecar, written in `dir`.
pub fn write_fixture(dir: &Path) -> (PathBuf, PathBuf, PathBuf) {
    let article = dir.join("article.txt");
    fs::write(&article, ARTICLE).unwrap();
    let doc = Document::load(&article, DEFAULT_MAX_SIZE).unwrap();
    let a = dir.join("alice.scholia.json");
    let b = dir.join("bob.scholia.json");
    save(&doc, analyst_a(&doc), &a);
    save(&doc, analyst_b(&doc), &b);
    (article, a, b)
}

/// Arguments of `scholia adjudicate ARTICLE A B -o OUT`.
pub fn args(article: &Path, sidecars: &[&Path], out: Option<&Path>) -> AdjudicateArgs {
    AdjudicateArgs {
        article: article.to_path_buf(),
        sidecars: sidecars.iter().map(|p| p.to_path_buf()).collect(),
        output: out.map(Path::to_path_buf),
        confirm_agreements: false,
        max_size: DEFAULT_MAX_SIZE,
    }
}

/// An annotation on the `nth` (0-based) occurrence of `words`, its quote filled in.
pub fn on(doc: &Document, id: &str, kind: Kind, label: &str, words: &str) -> Annotation {
    let start = doc
        .text()
        .find(words)
        .unwrap_or_else(|| panic!("{words:?}"));
    let spans = vec![Span::new(start, start + words.len())];
    let mut a = Annotation::new(id, kind, label, spans);
    a.quote = quote_for(doc, &a.spans);
    a
}

fn with(mut a: Annotation, attr: &str, value: &str) -> Annotation {
    a.attrs.insert(attr.into(), value.into());
    a
}

fn analyst_a(doc: &Document) -> Store {
    Store::from_parts(
        vec![
            on(doc, "a1", Kind::Entity, "PERSON", "Министр Иванов"),
            on(doc, "a2", Kind::Source, "person", "Иванов"),
            on(doc, "a3", Kind::Claim, "factual", "граница закрыта"),
            on(doc, "a4", Kind::Entity, "ORG", "Казинформ"),
            with(
                on(
                    doc,
                    "a5",
                    Kind::Claim,
                    "factual",
                    "переговоры в Астане продолжатся в марте",
                ),
                "stance",
                "asserted",
            ),
            on(doc, "a6", Kind::Entity, "GPE", "Астане"),
            on(doc, "a7", Kind::Entity, "DATE", "марте"),
            with(
                on(doc, "a8", Kind::Claim, "opinion", "это временная мера"),
                "credibility",
                "2",
            ),
        ],
        Vec::new(),
        vec![Relation::new("r1", "attributed_to", "a3", "a2")],
    )
}

fn analyst_b(doc: &Document) -> Store {
    Store::from_parts(
        vec![
            on(doc, "a1", Kind::Entity, "PERSON", "Иванов"),
            on(doc, "a2", Kind::Source, "person", "Иванов"),
            on(doc, "a3", Kind::Claim, "factual", "граница закрыта"),
            on(doc, "a4", Kind::Entity, "GPE", "Казинформ"),
            with(
                on(
                    doc,
                    "a5",
                    Kind::Claim,
                    "factual",
                    "переговоры в Астане продолжатся в марте",
                ),
                "stance",
                "hedged",
            ),
            on(doc, "a6", Kind::Entity, "GPE", "Астане"),
            on(doc, "a9", Kind::Entity, "PERSON", "Петров"),
            with(
                on(doc, "a8", Kind::Claim, "opinion", "это временная мера"),
                "credibility",
                "4",
            ),
        ],
        Vec::new(),
        Vec::new(),
    )
}

fn save(doc: &Document, store: Store, path: &Path) {
    sidecar::save(doc, &store, &Kept::default(), path, false).unwrap();
}
