//! The fixture the export tests share: an article in Cyrillic with emoji, a claim that
//! crosses a line break, overlapping spans, a pending and a rejected suggestion, a
//! claim attributed to a source whose entity has a reliability, a cites relation, a
//! note, and a claim that looks like a spreadsheet formula.

#![allow(dead_code)]

use std::path::Path;

use scholia::domain::anchor::quote_for;
use scholia::domain::document::Document;
use scholia::domain::model::{Annotation, Entity, Kind, Origin, Relation, Span, Status};
use scholia::domain::store::Store;

/// The article.
pub const TEXT: &str = "Министр Ахмед Садыков 👍🏽 заявил агентству «Азия-Пресс», что граница\n\
закрыта до весны (Азия-Пресс, 3 марта).\n\
Emoji 👩‍💻 test: the Embassy of Pakistan <b>refused</b> to comment.\n\
Note: =cmd|' /C calc'!A0 is not a formula.\n";

/// The byte span of the `nth` (0-based) occurrence of `needle`.
pub fn find(needle: &str, nth: usize) -> Span {
    let start = TEXT
        .match_indices(needle)
        .nth(nth)
        .unwrap_or_else(|| panic!("{needle:?} #{nth} not in the fixture"))
        .0;
    Span::new(start, start + needle.len())
}

fn annotation(doc: &Document, id: &str, kind: Kind, label: &str, span: Span) -> Annotation {
    let mut a = Annotation::new(id, kind, label, vec![span]);
    a.quote = quote_for(doc, &a.spans);
    a
}

/// The article as a document named `article.txt`.
pub fn document() -> Document {
    Document::from_text(Path::new("article.txt"), TEXT.to_string())
}

/// The annotations of the fixture on `doc`.
pub fn store(doc: &Document) -> Store {
    let mut a1 = annotation(doc, "a1", Kind::Entity, "PERSON", find("Ахмед Садыков", 0));
    a1.entity = Some("e1".into());
    let mut a2 = annotation(doc, "a2", Kind::Source, "person", find("Ахмед Садыков", 0));
    a2.entity = Some("e1".into());
    let claim_start = find("граница", 0).start;
    let claim_end = find("до весны", 0).end;
    let mut a3 = annotation(
        doc,
        "a3",
        Kind::Claim,
        "factual",
        Span::new(claim_start, claim_end),
    );
    a3.attrs.insert("stance".into(), "asserted".into());
    a3.attrs.insert("credibility".into(), "3".into());
    a3.note = Some("Проверить 👀, \"срочно\"".into());
    let a4 = annotation(
        doc,
        "a4",
        Kind::Source,
        "publication",
        find("Азия-Пресс", 1),
    );
    let mut a5 = annotation(doc, "a5", Kind::Entity, "ORG", find("Азия-Пресс", 0));
    a5.status = Status::Pending;
    a5.origin = Origin::tool("spacy").shared();
    a5.origin_mut().model = Some("xx_model".into());
    a5.origin_mut().score = Some(0.8);
    let mut a6 = annotation(
        doc,
        "a6",
        Kind::Entity,
        "ORG",
        find("Embassy of Pakistan", 0),
    );
    a6.status = Status::Rejected;
    let a7 = annotation(doc, "a7", Kind::Entity, "GPE", find("Pakistan", 0));
    let a8 = annotation(doc, "a8", Kind::Entity, "DATE", find("3 марта", 0));
    let a9 = annotation(doc, "a9", Kind::Entity, "PRODUCT", find("Emoji 👩‍💻", 0));
    let a10 = annotation(
        doc,
        "a10",
        Kind::Claim,
        "opinion",
        find("=cmd|' /C calc'!A0", 0),
    );
    let mut e1 = Entity::new("e1", "Ахмед Садыков", "PERSON");
    e1.attrs.insert("reliability".into(), "B".into());
    Store::from_parts(
        vec![a1, a2, a3, a4, a5, a6, a7, a8, a9, a10],
        vec![e1],
        vec![
            Relation::new("r1", "attributed_to", "a3", "a2"),
            Relation::new("r2", "cites", "a3", "a4"),
        ],
    )
}
