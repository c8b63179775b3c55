//! Every export format on one fixture: Cyrillic and emoji text, a claim crossing a line
//! break, overlapping spans, a pending and a rejected suggestion, a claim attributed to
//! a source whose entity has a reliability, a cites relation and a note.

mod export_support;

use export_support::{find, TEXT};
use scholia::domain::document::Document;
use scholia::domain::schema::Schema;
use scholia::domain::sidecar;
use scholia::formats::export::{export, ExportFormat, ExportOptions, Exported, Part, StatusFilter};
use scholia::formats::imported::OffsetUnit;
use serde_json::Value;

fn run(format: ExportFormat, status: StatusFilter, unit: Option<OffsetUnit>) -> Exported {
    let doc = export_support::document();
    let store = export_support::store(&doc);
    export(
        format,
        &doc,
        &store,
        &Schema::default(),
        &ExportOptions { status, unit },
    )
}

fn all(format: ExportFormat) -> Exported {
    run(format, StatusFilter::All, None)
}

/// The code-point offsets of the `nth` occurrence of `needle`.
fn chars(needle: &str, nth: usize) -> (usize, usize) {
    let span = find(needle, nth);
    (
        TEXT[..span.start].chars().count(),
        TEXT[..span.end].chars().count(),
    )
}

fn utf16(needle: &str, nth: usize) -> (usize, usize) {
    let span = find(needle, nth);
    (
        TEXT[..span.start].encode_utf16().count(),
        TEXT[..span.end].encode_utf16().count(),
    )
}

fn message_about(exported: &Exported, id: &str) -> String {
    exported
        .dropped
        .iter()
        .filter(|d| d.id == id)
        .map(|d| d.message.clone())
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn scholia_writes_a_normalised_sidecar_by_status() {
    let doc = export_support::document();
    for (status, count) in [(StatusFilter::Accepted, 8), (StatusFilter::All, 10)] {
        let exported = run(ExportFormat::Scholia, status, None);
        assert_eq!(exported.files[0].0, "article.scholia.json");
        assert!(exported.dropped.is_empty());
        let file = sidecar::parse(std::path::Path::new("x"), &exported.files[0].1).unwrap();
        assert_eq!(file.annotations.len(), count);
        assert_eq!(file.relations.len(), 2);
        assert_eq!(file.entities.len(), 1);
        let loaded = sidecar::place_on(&doc, file);
        assert!(loaded.report.summary().is_none(), "{:?}", loaded.report);
    }
}

#[test]
fn brat_splits_spans_at_line_breaks_and_writes_everything() {
    let exported = all(ExportFormat::Brat);
    let names: Vec<&str> = exported.files.iter().map(|f| f.0.as_str()).collect();
    assert_eq!(names, ["article.ann", "article.txt", "annotation.conf"]);
    assert_eq!(exported.files[1].1, TEXT);
    let ann = &exported.files[0].1;
    let (start, _) = chars("граница", 0);
    let (_, end) = chars("до весны", 0);
    let line = format!(
        "factual {start} {};{} {end}\tграница закрыта до весны",
        start + 7,
        start + 8
    );
    assert!(ann.contains(&line), "{ann}");
    let (s, e) = chars("Ахмед Садыков", 0);
    assert!(
        ann.contains(&format!("T1\tPERSON {s} {e}\tАхмед Садыков\n")),
        "{ann}"
    );
    assert!(
        ann.contains("E1\tfactual:T3 Source:T2 Content:T3\n"),
        "{ann}"
    );
    assert!(ann.contains("\tcites Arg1:T3 Arg2:T4\n"), "{ann}");
    assert!(ann.contains("\tstance T3 asserted\n"), "{ann}");
    assert!(ann.contains("\treliability T2 B\n"), "{ann}");
    assert!(
        ann.contains("\tReference T1 scholia:e1\tАхмед Садыков\n"),
        "{ann}"
    );
    assert!(
        ann.contains("\tAnnotatorNotes T3\tПроверить 👀, \"срочно\"\n"),
        "{ann}"
    );
    // No review status in brat: the pending and the rejected suggestions are not written.
    for id in ["a5", "a6"] {
        let message = message_about(&exported, id);
        assert!(
            message.contains("not written: brat cannot mark"),
            "{message}"
        );
        assert!(
            message.contains("does not write it as if accepted"),
            "{message}"
        );
    }
    // The cited publication is written, but not attributed: its kind follows its label.
    let publication = message_about(&exported, "a4");
    assert!(
        publication.starts_with("a4 (source publication): written, but brat cannot hold its kind"),
        "{publication}"
    );
    let conf = &exported.files[2].1;
    for line in [
        "[entities]\nPERSON\n",
        "[events]\nfactual\t",
        "\nstance\tArg:<ANY>, Value:asserted|",
        "<OVERLAP>",
    ] {
        assert!(conf.contains(line), "{line:?} in\n{conf}");
    }
}

#[test]
fn w3c_holds_selectors_bodies_statuses_and_relations() {
    let exported = all(ExportFormat::W3c);
    assert_eq!(exported.files[0].0, "article.w3c.jsonld");
    let value: Value = serde_json::from_str(&exported.files[0].1).unwrap();
    assert_eq!(value["type"], "AnnotationCollection");
    let items = value["first"]["items"].as_array().unwrap();
    assert_eq!(items.len(), 10);
    let person = &items[0];
    let (s, e) = chars("Ахмед Садыков", 0);
    let selectors = &person["target"]["selector"];
    assert_eq!(selectors[0]["type"], "TextPositionSelector");
    assert_eq!(
        (selectors[0]["start"].as_u64(), selectors[0]["end"].as_u64()),
        (Some(s as u64), Some(e as u64))
    );
    assert_eq!(selectors[1]["exact"], "Ахмед Садыков");
    assert_eq!(selectors[1]["prefix"], "Министр ");
    let claim = items
        .iter()
        .find(|i| i["id"].as_str().unwrap().ends_with(":a3"))
        .unwrap();
    let bodies = claim["body"].as_array().unwrap();
    let body = |purpose: &str| {
        bodies
            .iter()
            .find(|b| b["purpose"] == purpose)
            .map(|b| b["value"].clone())
    };
    assert_eq!(body("tagging"), Some("factual".into()));
    assert_eq!(body("scholia:kind"), Some("claim".into()));
    assert_eq!(body("scholia:stance"), Some("asserted".into()));
    assert_eq!(body("scholia:credibility"), Some("3".into()));
    assert_eq!(body("commenting"), Some("Проверить 👀, \"срочно\"".into()));
    let rejected = items
        .iter()
        .find(|i| i["id"].as_str().unwrap().ends_with(":a6"))
        .unwrap();
    assert!(rejected["body"]
        .as_array()
        .unwrap()
        .iter()
        .any(|b| b["value"] == "rejected"));
    let links = value["first"]["next"]["items"].as_array().unwrap();
    assert_eq!(links.len(), 2);
    assert_eq!(links[0]["motivation"], "linking");
    assert!(links[0]["target"].as_str().unwrap().ends_with(":a3"));
    assert!(links[0]["body"][1]["source"]
        .as_str()
        .unwrap()
        .ends_with(":a2"));
    assert!(
        exported.dropped.iter().all(|d| d.id == "e1"),
        "{:?}",
        exported.dropped
    );
}

#[test]
fn spacy_puts_overlaps_in_span_groups_and_reports_relations() {
    let exported = all(ExportFormat::Spacy);
    let value: Value = serde_json::from_str(&exported.files[0].1).unwrap();
    assert_eq!(value["text"], TEXT);
    let ents = value["ents"].as_array().unwrap();
    let labels: Vec<&str> = ents.iter().map(|e| e["label"].as_str().unwrap()).collect();
    assert_eq!(labels, ["PERSON", "DATE", "PRODUCT", "GPE"]);
    assert_eq!(value["spans"]["sources"].as_array().unwrap().len(), 2);
    assert_eq!(value["spans"]["claims"].as_array().unwrap().len(), 2);
    // Every entity boundary is a token boundary.
    let tokens = value["tokens"].as_array().unwrap();
    for ent in ents {
        assert!(tokens.iter().any(|t| t["start"] == ent["start"]));
        assert!(tokens.iter().any(|t| t["end"] == ent["end"]));
    }
    for id in ["r1", "r2"] {
        assert!(message_about(&exported, id).contains("spaCy cannot hold relations"));
    }
    for id in ["a5", "a6"] {
        assert!(message_about(&exported, id).contains("not written"));
    }
    let claim = message_about(&exported, "a3");
    assert!(
        claim.contains("written, but spaCy cannot hold") && claim.contains("its note"),
        "{claim}"
    );
}

#[test]
fn doccano_counts_utf16_by_default_and_code_points_on_request() {
    let utf = run(ExportFormat::Doccano, StatusFilter::Accepted, None);
    let cp = run(
        ExportFormat::Doccano,
        StatusFilter::Accepted,
        Some(OffsetUnit::CodePoints),
    );
    let entity = |exported: &Exported, label: &str| -> (u64, u64) {
        let value: Value = serde_json::from_str(exported.files[0].1.trim()).unwrap();
        let e = value["entities"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["label"] == label)
            .unwrap()
            .clone();
        (
            e["start_offset"].as_u64().unwrap(),
            e["end_offset"].as_u64().unwrap(),
        )
    };
    let (u, c) = (utf16("Pakistan", 0), chars("Pakistan", 0));
    assert_ne!(u, c, "the fixture must tell the units apart");
    assert_eq!(entity(&utf, "GPE"), (u.0 as u64, u.1 as u64));
    assert_eq!(entity(&cp, "GPE"), (c.0 as u64, c.1 as u64));
    let value: Value = serde_json::from_str(utf.files[0].1.trim()).unwrap();
    let relations = value["relations"].as_array().unwrap();
    assert_eq!(relations.len(), 2);
    assert_eq!(relations[0]["type"], "attributed_to");
    assert!(utf.files[0].1.ends_with("}\n") && utf.files[0].1.lines().count() == 1);
}

#[test]
fn label_studio_writes_predictions_for_pending_and_leaves_rejections_out() {
    let exported = all(ExportFormat::LabelStudio);
    let value: Value = serde_json::from_str(&exported.files[0].1).unwrap();
    let task = &value[0];
    assert_eq!(task["data"]["text"], TEXT);
    let prediction = &task["predictions"][0];
    assert_eq!(prediction["model_version"], "xx_model");
    assert_eq!(prediction["result"][0]["value"]["labels"][0], "ORG");
    assert_eq!(prediction["result"][0]["score"], 0.8);
    let result = task["annotations"][0]["result"].as_array().unwrap();
    assert_eq!(result.iter().filter(|r| r["type"] == "relation").count(), 2);
    let claim = result.iter().find(|r| r["id"] == "a3").unwrap();
    assert_eq!(claim["meta"]["text"][0], "Проверить 👀, \"срочно\"");
    assert_eq!(claim["value"]["text"], "граница\nзакрыта до весны");
    assert!(message_about(&exported, "a6").contains("rejected"));
}

/// The labeling config written beside the tasks parses as XML and names the tags the
/// tasks use, every label of their regions (one the schema lacks too) and every relation
/// type.
#[test]
fn label_studio_ships_a_labeling_config_that_names_every_label_and_relation() {
    let doc = export_support::document();
    let fixture = export_support::store(&doc);
    let mut annotations: Vec<_> = fixture.annotations().into_iter().cloned().collect();
    let weapon = scholia::domain::model::Annotation::new(
        "a11",
        scholia::domain::model::Kind::Entity,
        "WEAPON & <arms>",
        vec![find("calc", 0)],
    );
    annotations.push(weapon);
    let mut relations: Vec<_> = fixture.relations().into_iter().cloned().collect();
    relations.push(scholia::domain::model::Relation::new(
        "r3",
        "located_in",
        "a1",
        "a7",
    ));
    let entities = fixture.entities().into_iter().cloned().collect();
    let store = scholia::domain::store::Store::from_parts(annotations, entities, relations);
    let options = ExportOptions {
        status: StatusFilter::All,
        unit: None,
    };
    let exported = export(
        ExportFormat::LabelStudio,
        &doc,
        &store,
        &Schema::default(),
        &options,
    );
    let names: Vec<&str> = exported.files.iter().map(|f| f.0.as_str()).collect();
    assert_eq!(
        names,
        ["article.labelstudio.json", "article.label_config.xml"]
    );
    let config = &exported.files[1].1;
    let xml = roxmltree::Document::parse(config).unwrap_or_else(|e| panic!("{e}\n{config}"));
    let root = xml.root_element();
    assert_eq!(root.tag_name().name(), "View");
    let child = |name: &str| {
        root.children()
            .find(|n| n.tag_name().name() == name)
            .unwrap_or_else(|| panic!("<{name}> in {config}"))
    };
    let labels = child("Labels");
    let text = child("Text");
    let values = |node: roxmltree::Node<'_, '_>, tag: &str| -> Vec<String> {
        node.children()
            .filter(|n| n.tag_name().name() == tag)
            .map(|n| n.attribute("value").unwrap().to_string())
            .collect()
    };
    let label_values = values(labels, "Label");
    let relation_values = values(child("Relations"), "Relation");
    assert_eq!(text.attribute("value"), Some("$text"));
    assert_eq!(labels.attribute("toName"), text.attribute("name"));

    let tasks: Value = serde_json::from_str(&exported.files[0].1).unwrap();
    let task = &tasks[0];
    let mut used_labels = 0;
    let mut used_relations = 0;
    for entry in ["annotations", "predictions"] {
        for set in task[entry].as_array().unwrap() {
            for result in set["result"].as_array().unwrap() {
                let named = match result["type"].as_str() {
                    Some("relation") => &result["labels"],
                    _ => &result["value"]["labels"],
                };
                let label = named[0].as_str().unwrap().to_string();
                if result["type"] == "relation" {
                    assert!(relation_values.contains(&label), "{label} in {config}");
                    used_relations += 1;
                } else {
                    assert_eq!(result["from_name"].as_str(), labels.attribute("name"));
                    assert_eq!(result["to_name"].as_str(), text.attribute("name"));
                    assert!(label_values.contains(&label), "{label} in {config}");
                    used_labels += 1;
                }
            }
        }
    }
    assert!(label_values.contains(&"WEAPON & <arms>".to_string()));
    assert!(relation_values.contains(&"located_in".to_string()));
    assert!(
        used_labels >= 8 && used_relations == 3,
        "{used_labels} {used_relations}"
    );
    let data_key = format!(
        "${}",
        task["data"].as_object().unwrap().keys().next().unwrap()
    );
    assert_eq!(text.attribute("value"), Some(data_key.as_str()));
}

#[test]
fn prodigy_writes_one_task_per_status_with_inclusive_token_ends() {
    let exported = all(ExportFormat::Prodigy);
    let tasks: Vec<Value> = exported.files[0]
        .1
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let answers: Vec<Value> = tasks.iter().map(|t| t["answer"].clone()).collect();
    assert_eq!(
        answers,
        [Value::from("accept"), Value::Null, Value::from("reject")]
    );
    for task in &tasks {
        let tokens = task["tokens"].as_array().unwrap();
        for span in task["spans"].as_array().unwrap() {
            let first = &tokens[span["token_start"].as_u64().unwrap() as usize];
            let last = &tokens[span["token_end"].as_u64().unwrap() as usize];
            assert_eq!(first["start"], span["start"]);
            assert_eq!(last["end"], span["end"], "token_end is inclusive");
        }
    }
    let relations = tasks[0]["relations"].as_array().unwrap();
    assert_eq!(relations.len(), 2);
    assert_eq!(relations[0]["label"], "attributed_to");
    assert_eq!(tasks[1]["spans"][0]["score"], 0.8);
}

#[test]
fn conll_tags_tokens_and_reports_overlaps() {
    let exported = all(ExportFormat::Conll);
    let text = &exported.files[0].1;
    assert!(text.starts_with("-DOCSTART- O\n\n"), "{text}");
    for line in [
        "Ахмед B-PERSON\nСадыков I-PERSON\n",
        "граница B-factual\nзакрыта I-factual\n",
        "👩‍💻 I-PRODUCT\n",
        "< O\n",
    ] {
        assert!(text.contains(line), "{line:?} in\n{text}");
    }
    assert!(message_about(&exported, "a2").contains("overlaps a1"));
    assert!(message_about(&exported, "r1").contains("CoNLL cannot hold relations"));
    assert!(text
        .lines()
        .all(|l| l.is_empty() || l.split(' ').count() == 2));
}

#[test]
fn csv_is_the_claims_table_with_quoting_and_formula_guard() {
    let exported = run(ExportFormat::Csv, StatusFilter::Accepted, None);
    assert_eq!(exported.files[0].0, "article.claims.csv");
    let csv = &exported.files[0].1;
    let lines: Vec<&str> = csv.split("\r\n").collect();
    assert_eq!(
        lines[0],
        "claim_id,claim,stance,credibility,source_id,source,source_entity,reliability,cited_publication,claim_start,claim_end,note,status"
    );
    let (start, _) = chars("граница", 0);
    let (_, end) = chars("до весны", 0);
    assert_eq!(
        lines[1],
        format!("a3,\"граница\nзакрыта до весны\",asserted,3,a2,Ахмед Садыков,Ахмед Садыков,B,Азия-Пресс,{start},{end},\"Проверить 👀, \"\"срочно\"\"\",accepted")
    );
    let (s, e) = chars("=cmd|' /C calc'!A0", 0);
    assert_eq!(
        lines[2],
        format!("a10,'=cmd|' /C calc'!A0,,,,,,,,{s},{e},,accepted")
    );
    assert_eq!(lines[3], "");
    assert!(exported
        .dropped
        .iter()
        .any(|d| d.is_whole() && d.message.contains("neither a claim")));
}

#[test]
fn reports_mark_spans_escape_text_and_hold_the_claims_table() {
    let exported = all(ExportFormat::Report);
    let names: Vec<&str> = exported.files.iter().map(|f| f.0.as_str()).collect();
    assert_eq!(names, ["article.report.md", "article.report.html"]);
    assert!(exported.dropped.is_empty());
    let md = &exported.files[0].1;
    for part in [
        "[[Ахмед Садыков]]{PERSON; source a2: person}",
        "[[граница\\\nзакрыта до весны]]{claim a3: factual}",
        "[[Азия-Пресс]]{ORG (pending)}",
        "\\<b\\>refused\\</b\\>",
        "| a3 factual | граница<br>закрыта до весны | asserted | 3 | Ахмед Садыков \\[a2\\] (reliability B) | Азия-Пресс |",
    ] {
        assert!(md.contains(part), "{part:?} in\n{md}");
    }
    let html = &exported.files[1].1;
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(!html.contains("<script") && !html.contains("<b>"));
    assert!(html.contains("&lt;b&gt;refused&lt;/b&gt;"));
    // The colour class follows the kind and status classes (c0: the first label's colour).
    assert!(html.contains(
        "<mark class=\"entity source c0\" title=\"PERSON; source a2: person\">Ахмед Садыков</mark>"
    ));
    assert!(html.contains("<mark class=\"entity rejected c"));
    assert!(html.contains("<strong>Note:</strong> <bdi>Проверить 👀, &quot;срочно&quot;</bdi>"));
}

#[test]
fn orphans_are_left_out_and_said_so_except_by_the_sidecar() {
    let doc = export_support::document();
    let mut store = export_support::store(&doc);
    let mut orphan = store.annotation("a8").unwrap().clone();
    orphan.status = scholia::domain::model::Status::Orphaned;
    orphan.spans.clear();
    store.replace_annotation(orphan);
    let options = ExportOptions {
        status: StatusFilter::All,
        unit: None,
    };
    for format in ExportFormat::ALL {
        let exported = export(format, &doc, &store, &Schema::default(), &options);
        let about = message_about(&exported, "a8");
        match format {
            ExportFormat::Scholia
            | ExportFormat::Csv
            | ExportFormat::Report
            | ExportFormat::ReportHtml
            | ExportFormat::ReportMarkdown => {
                assert!(
                    !about.contains("no place in the article"),
                    "{format}: {about}"
                )
            }
            _ => assert!(
                about.contains("no place in the article"),
                "{format}: {about}"
            ),
        }
    }
}

#[test]
fn no_store_content_makes_an_exporter_panic() {
    let doc = Document::from_text(std::path::Path::new("x.txt"), "ab\r\ncd 😀".to_string());
    let mut store = scholia::domain::store::Store::new();
    use scholia::domain::model::{Annotation, Kind, Relation, Span};
    let spans = [
        vec![Span::new(0, 99)],
        vec![Span::new(5, 3)],
        vec![Span::new(1, 2), Span::new(4, 6)],
        vec![Span::new(2, 4)],
        vec![Span::new(8, 9)],
        vec![],
    ];
    for (i, s) in spans.into_iter().enumerate() {
        let mut a = Annotation::new(format!("a{i}"), Kind::ALL[i % 3], "la bel:x", s);
        a.attrs.insert("kind".into(), "x y".into());
        a.attrs.insert("links".into(), "Q1 Q2".into());
        a.note = Some("\nline\r\n".into());
        a.entity = Some("e9".into());
        store.insert_annotation(a);
    }
    store.put_relation(Relation::new("r1", "x y", "a2", "a3"));
    store.put_relation(Relation::new("r2", "cites", "a3", "nowhere"));
    for format in ExportFormat::ALL {
        for status in [StatusFilter::Accepted, StatusFilter::All] {
            let exported = export(
                format,
                &doc,
                &store,
                &Schema::default(),
                &ExportOptions { status, unit: None },
            );
            assert!(!exported.files.is_empty());
            for d in &exported.dropped {
                assert!(!d.parts.is_empty() && !d.message.is_empty());
                assert!(d.parts.len() == 1 || !d.parts.contains(&Part::Whole));
            }
        }
    }
}

#[test]
fn thousands_of_annotations_export_in_every_format() {
    use scholia::domain::model::{Annotation, Kind, Relation, Span};
    let sentence = "Министр Ахмед сказал агентству 👍, что граница закрыта.\n";
    let text = sentence.repeat(1500);
    let doc = Document::from_text(std::path::Path::new("big.txt"), text.clone());
    let mut annotations = Vec::new();
    let mut relations = Vec::new();
    for (i, (start, _)) in text.match_indices("Министр").enumerate() {
        let at = |needle: &str| start + sentence.find(needle).unwrap();
        let person = at("Ахмед");
        let claim = at("граница");
        annotations.push(Annotation::new(
            format!("a{}", 3 * i + 1),
            Kind::Entity,
            "PERSON",
            vec![Span::new(person, person + "Ахмед".len())],
        ));
        annotations.push(Annotation::new(
            format!("a{}", 3 * i + 2),
            Kind::Source,
            "person",
            vec![Span::new(person, person + "Ахмед".len())],
        ));
        annotations.push(Annotation::new(
            format!("a{}", 3 * i + 3),
            Kind::Claim,
            "factual",
            vec![Span::new(claim, at("закрыта") + "закрыта".len())],
        ));
        relations.push(Relation::new(
            format!("r{i}"),
            "attributed_to",
            format!("a{}", 3 * i + 3),
            format!("a{}", 3 * i + 2),
        ));
    }
    let store = scholia::domain::store::Store::from_parts(annotations, Vec::new(), relations);
    let started = std::time::Instant::now();
    for format in ExportFormat::ALL {
        let exported = export(
            format,
            &doc,
            &store,
            &Schema::default(),
            &ExportOptions::default(),
        );
        assert!(!exported.files[0].1.is_empty(), "{format}");
        eprintln!("{format}: {:?}", started.elapsed());
    }
    eprintln!("4500 annotations in every format: {:?}", started.elapsed());
}

/// Every format says apart what it did not write at all and what it wrote without
/// something it cannot say (kind, label, attributes, note, links): never "left out" for
/// an item that is in the file.
#[test]
fn every_format_says_not_written_apart_from_written_in_part() {
    for format in ExportFormat::ALL {
        let exported = all(format);
        for dropped in &exported.dropped {
            let message = &dropped.message;
            if dropped.is_whole() {
                assert!(message.contains(": not written: "), "{format}: {message}");
            } else {
                assert!(message.contains(": written, but "), "{format}: {message}");
                assert!(!message.contains("left out"), "{format}: {message}");
            }
        }
        assert_eq!(
            exported.not_written().count() + exported.written_in_part().count(),
            exported.dropped.len()
        );
    }
    // The claim a3 is in the spaCy file (in a span group) without its note; the
    // relations are not in it.
    let spacy = all(ExportFormat::Spacy);
    let in_part: Vec<&str> = spacy.written_in_part().map(|d| d.id.as_str()).collect();
    let not_written: Vec<&str> = spacy.not_written().map(|d| d.id.as_str()).collect();
    assert!(in_part.contains(&"a3"), "{in_part:?}");
    assert!(!not_written.contains(&"a3"), "{not_written:?}");
    assert!(
        not_written.contains(&"r1") && not_written.contains(&"a5"),
        "{not_written:?}"
    );
    assert!(spacy.files[0].1.contains("\"claims\""));
}
