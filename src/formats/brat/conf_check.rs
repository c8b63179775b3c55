//! What a `.ann` file uses that its `annotation.conf` does not declare: types, relation
//! and role argument types, attributes and their values. Each is a notice (the
//! annotations are imported as they are), one per kind of difference with a count and
//! the first id.

use std::collections::{BTreeMap, HashMap};

use crate::domain::model::Attrs;
use crate::formats::{ImportProblem, ImportedDoc};

use super::names::{
    ATTRIBUTION_ATTRS_KEY, ATTRIBUTION_KEYS, ATTRIBUTION_NOTES_KEY, CUE_KEY, EVENT_KEY,
    LINK_NAME_PREFIX, NOTE_TYPE_PREFIX,
};
use super::BratConf;

/// The notices for what `doc` uses beyond what `conf` declares.
pub fn undeclared(conf: &BratConf, doc: &ImportedDoc) -> Vec<ImportProblem> {
    let mut found = Findings::default();
    let labels: HashMap<&str, &str> = doc
        .annotations
        .iter()
        .filter_map(|a| Some((a.source_id.as_deref()?, a.label.as_str())))
        .collect();
    for a in &doc.annotations {
        let id = a.source_id.as_deref().unwrap_or("?");
        let listed = |types: &[String]| types.iter().any(|t| *t == a.label);
        if !listed(&conf.entities) && !listed(&conf.events) {
            found.add(format!("the type \"{}\"", a.label), id);
        }
        attributes(conf, &a.attrs, id, &mut found);
    }
    for r in &doc.relations {
        let id = r.source_id.as_deref().unwrap_or("?");
        let (declared, role) = match r.attrs.get(EVENT_KEY) {
            Some(_) => (
                labels.get(r.from.as_str()).copied().unwrap_or_default(),
                role_name_kept_case(&r.kind),
            ),
            None if id.starts_with('R') => {
                if !conf.relations.contains(&r.kind) {
                    found.add(format!("the relation type \"{}\"", r.kind), id);
                }
                attributes(conf, &r.attrs, id, &mut found);
                for (role, end) in [("Arg1", &r.from), ("Arg2", &r.to)] {
                    argument(
                        conf,
                        &r.kind,
                        role,
                        labels.get(end.as_str()),
                        id,
                        &mut found,
                    );
                }
                continue;
            }
            None => continue,
        };
        argument(
            conf,
            declared,
            &role,
            labels.get(r.to.as_str()),
            id,
            &mut found,
        );
    }
    found.notices()
}

/// `Org-Arg2` → `Org-Arg`: the role as the conf declares it, case kept.
fn role_name_kept_case(role: &str) -> String {
    role.trim_end_matches(|c: char| c.is_ascii_digit())
        .to_string()
}

fn argument(
    conf: &BratConf,
    owner: &str,
    role: &str,
    label: Option<&&str>,
    id: &str,
    found: &mut Findings,
) {
    let (Some(types), Some(label)) = (
        conf.arguments.get(owner).and_then(|roles| roles.get(role)),
        label,
    ) else {
        return;
    };
    if !types.iter().any(|t| t == label) {
        found.add(
            format!(
                "\"{label}\" as the {role} of {owner} (it declares {})",
                types.join("|")
            ),
            id,
        );
    }
}

fn attributes(conf: &BratConf, attrs: &Attrs, id: &str, found: &mut Findings) {
    for (name, value) in attrs {
        let kept = name == EVENT_KEY
            || name == CUE_KEY
            || ATTRIBUTION_KEYS.contains(&name.as_str())
            || name == ATTRIBUTION_ATTRS_KEY
            || name == ATTRIBUTION_NOTES_KEY
            || name == "links"
            || name.starts_with(LINK_NAME_PREFIX)
            || name.starts_with(NOTE_TYPE_PREFIX);
        if kept {
            continue;
        }
        if !conf.attributes.contains(name) {
            found.add(format!("the attribute \"{name}\""), id);
        } else if let Some(values) = conf.values.get(name) {
            if !values.contains(value) {
                found.add(format!("the value \"{value}\" of {name}"), id);
            }
        }
    }
}

/// Each kind of difference, with how many lines show it and the first one's id.
#[derive(Default)]
struct Findings {
    seen: BTreeMap<String, (usize, String)>,
    order: Vec<String>,
}

impl Findings {
    fn add(&mut self, what: String, id: &str) {
        match self.seen.get_mut(&what) {
            Some((count, _)) => *count += 1,
            None => {
                self.seen.insert(what.clone(), (1, id.to_string()));
                self.order.push(what);
            }
        }
    }

    fn notices(self) -> Vec<ImportProblem> {
        self.order
            .iter()
            .map(|what| {
                let (count, first) = &self.seen[what];
                let times = match count {
                    1 => first.clone(),
                    n => format!("{n} times, first {first}"),
                };
                ImportProblem::general(format!(
                    "annotation.conf does not declare {what} ({times}); imported as it is."
                ))
                .harmless()
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::brat::{parse, parse_conf};
    use crate::formats::ImportOptions;

    #[test]
    fn what_the_file_uses_beyond_its_conf_is_a_notice() {
        let conf = parse_conf(concat!(
            "[entities]\nPerson\nOrg\n",
            "[relations]\nEmployment\tArg1:Person, Arg2:Org\n",
            "[events]\nMerge-org\tOrg-Arg+:Org\n",
            "[attributes]\nConfidence\tArg:<EVENT>, Value:High|Low\n",
        ))
        .unwrap();
        let doc = parse(
            concat!(
                "T1\tPerson 0 4\tАлия\n",
                "T2\tOrg 5 8\tAFP\n",
                "T3\tМесто 9 14\tАлмат\n",
                "T4\tMerge-org 15 20\tmerge\n",
                "T5\tМесто 21 25\tКиев\n",
                "E1\tMerge-org:T4 Org-Arg:T2 Org-Arg2:T3\n",
                "R1\tEmployment Arg1:T2 Arg2:T1\n",
                "R2\tKnows Arg1:T1 Arg2:T2\n",
                "A1\tConfidence E1 Medium\n",
                "A2\tTense T1 past\n",
                "N1\tReference T1 Wikidata:Q1\tАлия 👍\n",
            ),
            &ImportOptions::default(),
        )
        .unwrap()
        .remove(0);
        let notices: Vec<String> = undeclared(&conf, &doc)
            .into_iter()
            .inspect(|p| assert!(p.harmless))
            .map(|p| p.message)
            .collect();
        assert_eq!(
            notices,
            vec![
                "annotation.conf does not declare the attribute \"Tense\" (T1); imported as it is.",
                "annotation.conf does not declare the type \"Место\" (2 times, first T3); imported as it is.",
                "annotation.conf does not declare the value \"Medium\" of Confidence (T4); imported as it is.",
                "annotation.conf does not declare \"Место\" as the Org-Arg of Merge-org (it declares Org) (E1); imported as it is.",
                "annotation.conf does not declare \"Org\" as the Arg1 of Employment (it declares Person) (R1); imported as it is.",
                "annotation.conf does not declare \"Person\" as the Arg2 of Employment (it declares Org) (R1); imported as it is.",
                "annotation.conf does not declare the relation type \"Knows\" (R2); imported as it is.",
            ]
        );
    }
}
