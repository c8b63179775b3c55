//! The built-in schema: spaCy's OntoNotes entity types with the nine most frequent in
//! news on the digit keys, claim and source kinds, relation types and the grading
//! attributes analysts use (stance, Admiralty credibility and reliability, ...).

use super::{AttrDef, AttrValue, LabelDef};

fn label(name: &str, key: Option<char>, color: &str, description: &str) -> LabelDef {
    LabelDef {
        name: name.to_string(),
        key,
        color: color.to_string(),
        description: description.to_string(),
    }
}

fn value(value: &str, key: char, description: &str) -> AttrValue {
    AttrValue {
        value: value.to_string(),
        key: Some(key),
        description: description.to_string(),
    }
}

fn attribute(name: &str, description: &str, values: Vec<AttrValue>) -> AttrDef {
    AttrDef {
        name: name.to_string(),
        description: description.to_string(),
        values,
    }
}

/// The 18 OntoNotes entity types spaCy's English models use. The nine keyed ones come
/// first, in key order, each with its own colour; the rarer ones share colours with
/// related types (TIME with DATE, the numeric types grey or white).
pub(super) fn entity_types() -> Vec<LabelDef> {
    vec![
        label("PERSON", Some('1'), "light-cyan", "People, real or fictional, named by name (\"Shaukat Sultan\", \"Sultan\")."),
        label("ORG", Some('2'), "light-green", "Organisations: agencies, companies, armed forces, parties, newspapers as institutions (\"AFP\", \"the Foreign Ministry\")."),
        label("GPE", Some('3'), "light-yellow", "Geopolitical entities: countries, cities, states, regions with a government (\"Kazakhstan\", \"Islamabad\")."),
        label("NORP", Some('4'), "light-magenta", "Nationalities, religious or political groups (\"Kazakh\", \"Pakistani\", \"Uzbek\")."),
        label("DATE", Some('5'), "cyan", "Absolute or relative dates and periods (\"July 19\", \"last week\", \"the 1990s\")."),
        label("LOC", Some('6'), "yellow", "Places that are not GPEs: regions, mountain ranges, bodies of water (\"Central Asia\", \"the Caspian\")."),
        label("FAC", Some('7'), "green", "Facilities: buildings, airports, roads, bridges, bases, camps (\"Manas air base\")."),
        label("EVENT", Some('8'), "light-red", "Named events: wars, battles, operations, elections, disasters, summits (\"Operation Zarb-e-Azb\")."),
        label("CARDINAL", Some('9'), "gray", "Numbers that are not another numeric type (\"four\", \"at least 30\")."),
        label("PRODUCT", None, "magenta", "Objects, vehicles, weapons, foods, software; not services (\"Kalashnikov\", \"Boeing 737\")."),
        label("WORK_OF_ART", None, "light-blue", "Titles of books, songs, films, reports, programmes (\"War and Peace\")."),
        label("LAW", None, "blue", "Named documents made into law: acts, treaties, resolutions (\"the Criminal Code\")."),
        label("LANGUAGE", None, "red", "Named languages (\"Russian\", \"Pashto\")."),
        label("TIME", None, "cyan", "Times shorter than a day (\"4 a.m.\", \"two hours\", \"that night\")."),
        label("PERCENT", None, "white", "Percentages, with the sign or word (\"12%\", \"half a percent\")."),
        label("MONEY", None, "white", "Monetary amounts with their unit (\"$5 million\", \"300 tenge\")."),
        label("QUANTITY", None, "gray", "Measurements such as weight or distance (\"40 kilometres\", \"3 tonnes\")."),
        label("ORDINAL", None, "gray", "Ordinal numbers (\"first\", \"third\")."),
    ]
}

/// What kind of assertion a claim is.
pub(super) fn claim_kinds() -> Vec<LabelDef> {
    vec![
        label("factual", Some('f'), "light-blue", "A checkable statement of fact: something happened, exists, or has a number (\"four of the killed were Kazakh citizens\")."),
        label("opinion", Some('o'), "magenta", "A judgement or assessment that cannot be true or false as such (\"the information is sketchy\")."),
        label("prediction", Some('p'), "cyan", "A statement about what will or may happen."),
        label("allegation", Some('a'), "light-red", "An accusation of wrongdoing that is not established."),
        label("quote", Some('q'), "green", "Words reported as someone's own, where the saying is the point; grade with quote_type."),
    ]
}

/// Who or what makes or carries a claim.
pub(super) fn source_kinds() -> Vec<LabelDef> {
    vec![
        label("person", Some('p'), "light-cyan", "A person speaking for themselves or an office (\"a Pakistani military official\")."),
        label("organisation", Some('o'), "light-green", "An organisation speaking as a body: ministry, agency, company, group."),
        label("publication", Some('u'), "yellow", "A newspaper, agency, broadcaster or site that reported the claim (\"Ekspress-K\", \"AFP\")."),
        label("document", Some('d'), "gray", "A document: report, statement, court filing, leaked file, dataset."),
        label("anonymous", Some('a'), "light-magenta", "An unnamed source (\"a source in the security services\")."),
    ]
}

/// How annotations relate to each other.
pub(super) fn relation_types() -> Vec<LabelDef> {
    vec![
        label(
            "attributed_to",
            Some('a'),
            "light-cyan",
            "Claim → source: who makes the claim.",
        ),
        label(
            "cites",
            Some('c'),
            "yellow",
            "Claim → publication or source: where the article says it found the claim.",
        ),
        label(
            "mentions",
            Some('m'),
            "gray",
            "Claim → entity: an entity the claim is about.",
        ),
        label(
            "supports",
            Some('s'),
            "light-green",
            "Claim → claim: this claim backs the other one.",
        ),
        label(
            "contradicts",
            Some('x'),
            "light-red",
            "Claim → claim: this claim is at odds with the other one.",
        ),
    ]
}

/// The grading attributes: stance and quote type of a claim, Admiralty credibility of
/// a claim and reliability of a source, anonymity of a source.
pub(super) fn attributes() -> Vec<AttrDef> {
    vec![
        attribute(
            "stance",
            "What the source does with the claim.",
            vec![
                value("asserted", 'a', "The source states it as true."),
                value("denied", 'd', "The source states it is false."),
                value("ncnd", 'n', "Neither confirmed nor denied."),
                value("refused", 'r', "The source refused to comment."),
                value(
                    "hedged",
                    'h',
                    "Stated with reservations (\"reportedly\", \"may have\", \"it is believed\").",
                ),
            ],
        ),
        attribute(
            "credibility",
            "Admiralty grade of the information: how likely the claim is true.",
            vec![
                value("1", '1', "Confirmed by other sources."),
                value("2", '2', "Probably true."),
                value("3", '3', "Possibly true."),
                value("4", '4', "Doubtful."),
                value("5", '5', "Improbable."),
                value("6", '6', "Truth cannot be judged."),
            ],
        ),
        attribute(
            "reliability",
            "Admiralty grade of the source: how far its past reporting can be trusted.",
            vec![
                value("A", 'a', "Completely reliable."),
                value("B", 'b', "Usually reliable."),
                value("C", 'c', "Fairly reliable."),
                value("D", 'd', "Not usually reliable."),
                value("E", 'e', "Unreliable."),
                value("F", 'f', "Reliability cannot be judged."),
            ],
        ),
        attribute(
            "quote_type",
            "How the claim reproduces the source's words.",
            vec![
                value(
                    "direct",
                    'd',
                    "The source's exact words, in quotation marks.",
                ),
                value("indirect", 'i', "Reported speech (\"he said that ...\")."),
                value(
                    "paraphrase",
                    'p',
                    "The article's summary of what the source said.",
                ),
            ],
        ),
        attribute(
            "anonymity",
            "How far the source is identified.",
            vec![
                value("named", 'n', "Identified by name."),
                value(
                    "anonymous",
                    'a',
                    "Not identified at all (\"a source said\").",
                ),
                value(
                    "partial",
                    'p',
                    "Described but not named (\"a Pakistani military official\").",
                ),
            ],
        ),
    ]
}
