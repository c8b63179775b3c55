use super::*;
use std::collections::HashSet;

const ONTONOTES: [&str; 18] = [
    "PERSON",
    "NORP",
    "FAC",
    "ORG",
    "GPE",
    "LOC",
    "PRODUCT",
    "EVENT",
    "WORK_OF_ART",
    "LAW",
    "LANGUAGE",
    "DATE",
    "TIME",
    "PERCENT",
    "MONEY",
    "QUANTITY",
    "ORDINAL",
    "CARDINAL",
];

#[test]
fn defaults_have_all_ontonotes_types_once() {
    let schema = Schema::default();
    assert_eq!(schema.entity_types.len(), 18);
    for name in ONTONOTES {
        assert!(schema.entity_type(name).is_some(), "{name} missing");
    }
    let names: HashSet<_> = schema.entity_types.iter().map(|l| &l.name).collect();
    assert_eq!(names.len(), 18);
}

#[test]
fn digit_keys_go_to_the_nine_most_common_types_in_order() {
    let schema = Schema::default();
    let expected = [
        "PERSON", "ORG", "GPE", "NORP", "DATE", "LOC", "FAC", "EVENT", "CARDINAL",
    ];
    for (i, name) in expected.iter().enumerate() {
        let key = char::from_digit(i as u32 + 1, 10).unwrap();
        assert_eq!(
            schema.entity_type_by_key(key).map(|l| l.name.as_str()),
            Some(*name)
        );
    }
    let keyed = schema
        .entity_types
        .iter()
        .filter(|l| l.key.is_some())
        .count();
    assert_eq!(keyed, 9);
    assert!(schema.entity_type_by_key('0').is_none());
}

#[test]
fn every_default_label_is_complete_with_unique_keys() {
    let schema = Schema::default();
    for kind in LabelKind::ALL {
        let labels = schema.labels(kind);
        assert!(!labels.is_empty(), "{kind:?}");
        let mut keys = HashSet::new();
        for label in labels {
            assert!(
                label.parsed_color().is_some(),
                "{} colour {}",
                label.name,
                label.color
            );
            assert!(
                !label.description.is_empty(),
                "{} has no description",
                label.name
            );
            if let Some(key) = label.key {
                assert!(keys.insert(key), "key {key} used twice in {kind:?}");
            }
        }
    }
}

#[test]
fn keyed_entity_types_have_distinct_readable_colours() {
    let schema = Schema::default();
    let colours: Vec<_> = schema
        .entity_types
        .iter()
        .filter(|l| l.key.is_some())
        .map(|l| l.parsed_color().unwrap())
        .collect();
    let distinct: HashSet<_> = colours.iter().collect();
    assert_eq!(distinct.len(), colours.len());
    for label in &schema.entity_types {
        let colour = label.parsed_color().unwrap();
        assert_ne!(colour, LabelColor::Ansi(AnsiColor::Black), "{}", label.name);
        assert_ne!(
            colour,
            LabelColor::Ansi(AnsiColor::DarkGray),
            "{}",
            label.name
        );
    }
}

#[test]
fn default_kinds_relations_and_attributes() {
    let schema = Schema::default();
    for name in ["factual", "opinion", "prediction", "quote"] {
        assert!(schema.claim_kind(name).is_some(), "{name}");
    }
    for name in [
        "person",
        "organisation",
        "publication",
        "document",
        "anonymous",
    ] {
        assert!(schema.source_kind(name).is_some(), "{name}");
    }
    for name in [
        "attributed_to",
        "cites",
        "mentions",
        "supports",
        "contradicts",
    ] {
        assert!(schema.relation_type(name).is_some(), "{name}");
    }
    let values = |name: &str| -> Vec<String> {
        schema
            .attribute(name)
            .unwrap()
            .values
            .iter()
            .map(|v| v.value.clone())
            .collect()
    };
    assert_eq!(
        values("stance"),
        ["asserted", "denied", "ncnd", "refused", "hedged"]
    );
    assert_eq!(values("credibility"), ["1", "2", "3", "4", "5", "6"]);
    assert_eq!(values("reliability"), ["A", "B", "C", "D", "E", "F"]);
    assert_eq!(values("quote_type"), ["direct", "indirect", "paraphrase"]);
    assert_eq!(values("anonymity"), ["named", "anonymous", "partial"]);
    for attr in &schema.attributes {
        let keys: HashSet<_> = attr.values.iter().filter_map(|v| v.key).collect();
        assert_eq!(keys.len(), attr.values.len(), "{}", attr.name);
        assert!(attr.values.iter().all(|v| !v.description.is_empty()));
    }
}

#[test]
fn lookups() {
    let schema = Schema::default();
    assert_eq!(
        schema.label(LabelKind::Claim, "factual").unwrap().key,
        Some('f')
    );
    assert!(
        schema.label(LabelKind::Claim, "FACTUAL").is_none(),
        "case-sensitive"
    );
    assert_eq!(
        schema.label_by_key(LabelKind::Source, 'u').unwrap().name,
        "publication"
    );
    assert!(schema.is_known_label(LabelKind::Entity, "GPE"));
    assert!(!schema.is_known_label(LabelKind::Entity, "publication"));
    assert!(schema.is_known_label(LabelKind::Source, "publication"));
    assert!(
        schema.is_known_label(LabelKind::Source, "PERSON"),
        "sources may carry entity types"
    );
    assert!(!schema.is_known_label(LabelKind::Claim, "PERSON"));
    assert!(schema.is_known_label(LabelKind::Relation, "attributed_to"));
    assert!(schema.is_known_attr_value("stance", "ncnd"));
    assert!(!schema.is_known_attr_value("stance", "maybe"));
    assert!(!schema.is_known_attr_value("colour", "red"));
    let reliability = schema.attribute("reliability").unwrap();
    assert_eq!(reliability.value_by_key('b').unwrap().value, "B");
    assert_eq!(
        schema.label_color(LabelKind::Entity, "PERSON"),
        Some(LabelColor::Ansi(AnsiColor::LightCyan))
    );
    let free = AttrDef {
        name: "topic".into(),
        description: String::new(),
        values: vec![],
    };
    assert!(free.accepts("anything"));
}

#[test]
fn label_kind_names_round_trip() {
    for kind in LabelKind::ALL {
        assert_eq!(LabelKind::from_name(kind.name()), Some(kind));
    }
    assert_eq!(LabelKind::from_name("entities"), None);
}

#[test]
fn colours_parse_by_name_and_hex() {
    let ansi = |c| Some(LabelColor::Ansi(c));
    assert_eq!(LabelColor::parse("light-blue"), ansi(AnsiColor::LightBlue));
    assert_eq!(LabelColor::parse("LightBlue"), ansi(AnsiColor::LightBlue));
    assert_eq!(LabelColor::parse("light_blue"), ansi(AnsiColor::LightBlue));
    assert_eq!(LabelColor::parse("bright blue"), ansi(AnsiColor::LightBlue));
    assert_eq!(LabelColor::parse("grey"), ansi(AnsiColor::Gray));
    assert_eq!(LabelColor::parse("dark-grey"), ansi(AnsiColor::DarkGray));
    assert_eq!(LabelColor::parse("bright-black"), ansi(AnsiColor::DarkGray));
    assert_eq!(
        LabelColor::parse("#1E90ff"),
        Some(LabelColor::Rgb(0x1e, 0x90, 0xff))
    );
    for bad in ["bleu", "", "#12345", "#12345g", "#1234567", "light", "#ééé"] {
        assert_eq!(LabelColor::parse(bad), None, "{bad}");
    }
    for colour in AnsiColor::ALL {
        assert_eq!(AnsiColor::from_name(colour.name()), Some(colour));
        assert_eq!(AnsiColor::ALL[colour.index() as usize], colour);
    }
    assert_eq!(LabelColor::Rgb(0x1e, 0x90, 0xff).to_string(), "#1e90ff");
}
