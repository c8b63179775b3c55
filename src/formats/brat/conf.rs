//! brat's `annotation.conf`: the type lists it declares.

use crate::formats::{strip_bom, FormatError};

/// The type lists of a brat `annotation.conf`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BratConf {
    /// Entity types that can be annotated, in file order.
    pub entities: Vec<String>,
    /// Relation types.
    pub relations: Vec<String>,
    /// Event types that can be annotated.
    pub events: Vec<String>,
    /// Attribute names.
    pub attributes: Vec<String>,
}

/// Parses an `annotation.conf`: the first word of each line in `[entities]`,
/// `[relations]`, `[events]` and `[attributes]`. Comments (`#`), macros (`<POG>=…`),
/// special types (`<OVERLAP>`) and types marked `!` (hierarchy only, not for
/// annotation) are left out; hierarchy indentation is ignored.
pub fn parse_conf(input: &str) -> Result<BratConf, FormatError> {
    let mut conf = BratConf::default();
    let mut section: Option<&mut Vec<String>> = None;
    for (index, raw) in strip_bom(input).split('\n').enumerate() {
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            section = Some(match name.trim() {
                "entities" => &mut conf.entities,
                "relations" => &mut conf.relations,
                "events" => &mut conf.events,
                "attributes" => &mut conf.attributes,
                other => {
                    return Err(FormatError::Conf {
                        line: index + 1,
                        message: format!("\"[{other}]\" is not a section of annotation.conf (entities, relations, events, attributes)"),
                    })
                }
            });
            continue;
        }
        let Some(types) = section.as_deref_mut() else {
            return Err(FormatError::Conf {
                line: index + 1,
                message: "a type comes before any [section] header".to_string(),
            });
        };
        let name = line.split_whitespace().next().unwrap_or_default();
        if !name.starts_with(['<', '!']) {
            types.push(name.to_string());
        }
    }
    Ok(conf)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conf_lists_the_types() {
        let conf = parse_conf(concat!(
            "# comment\n",
            "[entities]\n",
            "Person\n",
            "AWARD\t<NORM>:Wikidata\n",
            "[relations]\n",
            "Located  Arg1:Person, Arg2:GPE\n",
            "<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>\n",
            "[events]\n",
            "<POG>=Person|Organization\n",
            "!Life\n",
            "\tBe-born   Person-Arg:Person\n",
            "[attributes]\n",
            "Negation   Arg:<EVENT>\n",
        ))
        .unwrap();
        assert_eq!(conf.entities, vec!["Person", "AWARD"]);
        assert_eq!(conf.relations, vec!["Located"]);
        assert_eq!(conf.events, vec!["Be-born"]);
        assert_eq!(conf.attributes, vec!["Negation"]);
    }

    #[test]
    fn conf_errors_name_their_line() {
        let err = parse_conf("Person\n").unwrap_err().to_string();
        assert!(err.starts_with("line 1:"), "{err}");
        let err = parse_conf("[entities]\nPerson\n[labels]\n")
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("line 3:") && err.contains("[labels]"),
            "{err}"
        );
    }
}
