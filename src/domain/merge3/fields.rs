//! A three-way merge of JSON objects key by key, for the parts of a sidecar that have
//! no ids: an entity's fields, the unknown top-level fields.

use serde_json::{Map, Value};

/// Merges `ours` and `theirs`, both changed from `base`, key by key: a key only one
/// side changed (added, changed or removed) takes that side's value; a key both
/// changed differently keeps ours. The keys named in `deeper` hold objects merged the
/// same way one level down. Returns the merge and, for every key where theirs was not
/// taken, theirs' value (`null` where theirs removed it).
pub fn merge_fields(
    base: &Map<String, Value>,
    ours: &Map<String, Value>,
    theirs: &Map<String, Value>,
    deeper: &[&str],
) -> (Map<String, Value>, Map<String, Value>) {
    let mut merged = Map::new();
    let mut clashes = Map::new();
    let mut keys: Vec<&String> = ours
        .keys()
        .chain(theirs.keys())
        .chain(base.keys())
        .collect();
    keys.sort();
    keys.dedup();
    for key in keys {
        let (b, o, t) = (base.get(key), ours.get(key), theirs.get(key));
        let value = if o == t || t == b {
            o
        } else if o == b {
            t
        } else if let (true, Some(Value::Object(o)), Some(Value::Object(t))) =
            (deeper.contains(&key.as_str()), o, t)
        {
            let empty = Map::new();
            let b = match b {
                Some(Value::Object(b)) => b,
                _ => &empty,
            };
            let (inner, inner_clashes) = merge_fields(b, o, t, &[]);
            if !inner_clashes.is_empty() {
                clashes.insert(key.clone(), Value::Object(inner_clashes));
            }
            merged.insert(key.clone(), Value::Object(inner));
            continue;
        } else {
            clashes.insert(key.clone(), t.cloned().unwrap_or(Value::Null));
            o
        };
        if let Some(value) = value {
            merged.insert(key.clone(), value.clone());
        }
    }
    (merged, clashes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn map(v: Value) -> Map<String, Value> {
        match v {
            Value::Object(m) => m,
            _ => unreachable!("an object"),
        }
    }

    #[test]
    fn each_side_s_changes_are_taken_and_a_clash_keeps_ours_and_reports_theirs() {
        let base = map(json!({"name": "Sultan", "label": "PERSON", "note": "x",
                              "attrs": {"reliability": "B", "role": "spokesman"}}));
        let ours = map(json!({"name": "Shaukat Sultan", "label": "PERSON",
                              "attrs": {"reliability": "C", "role": "spokesman"}}));
        let theirs = map(
            json!({"name": "Sultan", "label": "ORG", "note": "x", "extra": 1,
                                "attrs": {"reliability": "D", "role": "general"}}),
        );
        let (merged, clashes) = merge_fields(&base, &ours, &theirs, &["attrs"]);
        assert_eq!(
            Value::Object(merged),
            json!({"name": "Shaukat Sultan", "label": "ORG", "extra": 1,
                   "attrs": {"reliability": "C", "role": "general"}})
        );
        assert_eq!(
            Value::Object(clashes),
            json!({"attrs": {"reliability": "D"}})
        );
    }

    #[test]
    fn a_key_removed_on_one_side_and_changed_on_the_other_keeps_ours() {
        let base = map(json!({"note": "x"}));
        let ours = map(json!({}));
        let theirs = map(json!({"note": "y"}));
        let (merged, clashes) = merge_fields(&base, &ours, &theirs, &[]);
        assert!(merged.is_empty());
        assert_eq!(Value::Object(clashes), json!({"note": "y"}));
        let (merged, clashes) = merge_fields(&base, &theirs, &ours, &[]);
        assert_eq!(Value::Object(merged), json!({"note": "y"}));
        assert_eq!(Value::Object(clashes), json!({"note": null}));
    }
}
