//! A small validator for exactly the JSON Schema keywords scholia's schemas use; it
//! fails on any other keyword, so it cannot silently skip one.

use serde_json::Value;

/// The errors of `value` against `schema`, one line each (empty when valid).
pub fn errors(schema: &Value, value: &Value) -> Vec<String> {
    let mut found = Vec::new();
    check(schema, schema, value, "", &mut found);
    found
}

fn check(root: &Value, schema: &Value, value: &Value, at: &str, found: &mut Vec<String>) {
    let rules = match schema {
        Value::Bool(true) => return,
        Value::Bool(false) => return found.push(format!("{at}: not allowed")),
        Value::Object(rules) => rules,
        other => panic!("{at}: a schema must be an object or a boolean, not {other}"),
    };
    for (keyword, rule) in rules {
        match keyword.as_str() {
            "$schema" | "title" | "description" | "examples" | "$defs" => {}
            "$ref" => {
                let target = rule.as_str().and_then(|r| r.strip_prefix('#')).unwrap();
                let sub = root.pointer(target).expect("a $ref inside the schema");
                check(root, sub, value, at, found);
            }
            "type" => {
                let allowed: Vec<&str> = match rule {
                    Value::String(one) => vec![one.as_str()],
                    Value::Array(many) => many.iter().filter_map(Value::as_str).collect(),
                    other => panic!("{at}: bad type {other}"),
                };
                if !allowed.iter().any(|t| has_type(value, t)) {
                    found.push(format!("{at}: {value} is not of type {allowed:?}"));
                }
            }
            "enum" => {
                if !rule.as_array().unwrap().contains(value) {
                    found.push(format!("{at}: {value} is not one of {rule}"));
                }
            }
            "const" => {
                if rule != value {
                    found.push(format!("{at}: {value} is not {rule}"));
                }
            }
            "minimum" => {
                if let (Some(n), Some(min)) = (value.as_f64(), rule.as_f64()) {
                    if n < min {
                        found.push(format!("{at}: {n} is below {min}"));
                    }
                }
            }
            "required" => {
                if let Some(object) = value.as_object() {
                    for key in rule.as_array().unwrap().iter().filter_map(Value::as_str) {
                        if !object.contains_key(key) {
                            found.push(format!("{at}: missing {key}"));
                        }
                    }
                }
            }
            "properties" => {
                if let Some(object) = value.as_object() {
                    for (key, sub) in rule.as_object().unwrap() {
                        if let Some(v) = object.get(key) {
                            check(root, sub, v, &format!("{at}/{key}"), found);
                        }
                    }
                }
            }
            "additionalProperties" => {
                let known = rules.get("properties").and_then(Value::as_object);
                if let Some(object) = value.as_object() {
                    for (key, v) in object {
                        if !known.is_some_and(|k| k.contains_key(key)) {
                            check(root, rule, v, &format!("{at}/{key}"), found);
                        }
                    }
                }
            }
            "items" => {
                if let Some(items) = value.as_array() {
                    for (i, v) in items.iter().enumerate() {
                        check(root, rule, v, &format!("{at}/{i}"), found);
                    }
                }
            }
            other => panic!("{at}: the test validator does not know the keyword {other}"),
        }
    }
}

fn has_type(value: &Value, name: &str) -> bool {
    match name {
        "object" => value.is_object(),
        "array" => value.is_array(),
        "string" => value.is_string(),
        "boolean" => value.is_boolean(),
        "null" => value.is_null(),
        "number" => value.is_number(),
        "integer" => value.is_u64() || value.is_i64(),
        other => panic!("unknown type {other}"),
    }
}
