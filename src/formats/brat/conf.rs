//! brat's `annotation.conf`: the type lists it declares, the argument types of its
//! relations and events and the values of its attributes.

use std::collections::{BTreeMap, HashMap};

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
    /// The argument types of each relation and event type, by role (`Arg1` →
    /// `[Person]`; `Org-Arg` for `Org-Arg+:Organization`), macros expanded. A role
    /// that takes anything (`<ANY>`, `<ENTITY>`, `<EVENT>`) is left out.
    pub arguments: BTreeMap<String, BTreeMap<String, Vec<String>>>,
    /// The values of each attribute declared with a `Value:` list.
    pub values: BTreeMap<String, Vec<String>>,
    /// Every role of each relation and event type, typed or not (`Source`, `Content`
    /// for `Attribution\tSource?:<ENTITY>, Content:<ANY>`), in file order.
    pub roles: BTreeMap<String, Vec<String>>,
}

/// Parses an `annotation.conf`: the first word of each line in `[entities]`,
/// `[relations]`, `[events]` and `[attributes]`. Comments (`#`), macros (`<POG>=…`),
/// special types (`<OVERLAP>`) and types marked `!` (hierarchy only, not for
/// annotation) are left out; hierarchy indentation is ignored.
pub fn parse_conf(input: &str) -> Result<BratConf, FormatError> {
    let mut conf = BratConf::default();
    let mut macros: HashMap<String, String> = HashMap::new();
    let mut declarations: Vec<(String, String)> = Vec::new();
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
        if let Some((macro_name, expansion)) = name.split_once('=') {
            macros.insert(macro_name.to_string(), expansion.to_string());
            continue;
        }
        if !name.starts_with(['<', '!']) {
            types.push(name.to_string());
            let rest = line[name.len()..].trim();
            if !rest.is_empty() {
                declarations.push((name.to_string(), rest.to_string()));
            }
        }
    }
    for (name, rest) in declarations {
        if conf.attributes.contains(&name) {
            if let Some(values) = rest
                .split(',')
                .find_map(|p| p.trim().strip_prefix("Value:"))
            {
                let values = values.split('|').map(|v| v.trim().to_string()).collect();
                conf.values.insert(name, values);
            }
        } else if !conf.entities.contains(&name) {
            let names: Vec<String> = rest.split(',').filter_map(role_of).collect();
            if !names.is_empty() {
                conf.roles.insert(name.clone(), names);
            }
            let roles = arguments(&rest, &macros);
            if !roles.is_empty() {
                conf.arguments.insert(name, roles);
            }
        }
    }
    Ok(conf)
}

/// The role of one argument declaration (`Org-Arg` of `Org-Arg{2}+:ORG`); `None` for a
/// special one (`<REL-TYPE>:symmetric`) or a part without `:`.
fn role_of(part: &str) -> Option<String> {
    let (role, _) = part.trim().split_once(':')?;
    if role.starts_with('<') {
        return None;
    }
    let role = role
        .split('{')
        .next()
        .unwrap_or_default()
        .trim_end_matches(['?', '*', '+']);
    Some(role.to_string()).filter(|r| !r.is_empty())
}

/// `Arg1:Person, Arg2:<POG>|Money, <REL-TYPE>:symmetric` as roles and their types.
fn arguments(rest: &str, macros: &HashMap<String, String>) -> BTreeMap<String, Vec<String>> {
    let mut roles = BTreeMap::new();
    for part in rest.split(',') {
        let (Some(role), Some((_, types))) = (role_of(part), part.split_once(':')) else {
            continue;
        };
        let mut expanded: Vec<String> = Vec::new();
        for t in types.split('|').map(str::trim).filter(|t| !t.is_empty()) {
            match macros.get(t) {
                Some(m) => expanded.extend(m.split('|').map(|t| t.trim().to_string())),
                None => expanded.push(t.to_string()),
            }
        }
        if expanded.is_empty()
            || expanded
                .iter()
                .any(|t| matches!(t.as_str(), "<ANY>" | "<ENTITY>" | "<EVENT>" | "<RELATION>"))
        {
            continue;
        }
        roles.insert(role, expanded);
    }
    roles
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
        assert_eq!(conf.arguments["Located"]["Arg2"], vec!["GPE"]);
        assert_eq!(conf.arguments["Be-born"]["Person-Arg"], vec!["Person"]);
    }

    #[test]
    fn conf_keeps_argument_types_and_values() {
        let conf = parse_conf(concat!(
            "[entities]\nПерсона\nOrg\n",
            "[relations]\nAlias\tArg1:Персона, Arg2:Персона, <REL-TYPE>:symmetric-transitive\n",
            "[events]\n<POG>=Персона|Org\nMerge  Org-Arg{2}:Org, Agent?:<POG>, Place*:<ANY>\n",
            "[attributes]\nConfidence\tArg:<EVENT>, Value:High|Low 👍\nNegation\tArg:<EVENT>\n",
        ))
        .unwrap();
        assert_eq!(conf.arguments["Alias"].len(), 2);
        assert_eq!(conf.arguments["Merge"]["Org-Arg"], vec!["Org"]);
        assert_eq!(conf.arguments["Merge"]["Agent"], vec!["Персона", "Org"]);
        assert!(!conf.arguments["Merge"].contains_key("Place"));
        assert_eq!(conf.values["Confidence"], vec!["High", "Low 👍"]);
        assert!(!conf.values.contains_key("Negation"));
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
