//! Tests of the user rules: parsing the `[extract]` table, its errors, and matching.

use super::*;
use std::fs;

fn config(toml: &str) -> Result<UserConfig, ExtractError> {
    parse(
        &toml.parse::<Table>().expect("test TOML parses"),
        Path::new("."),
    )
}

fn run(rules: &UserRules, text: &str) -> Vec<(String, String, String)> {
    let mut c = Collector::new(text);
    rules.run(&mut c);
    c.finish()
        .into_iter()
        .map(|s| {
            (
                s.text(text).unwrap().to_string(),
                s.label.into(),
                s.rule.into(),
            )
        })
        .collect()
}

#[test]
fn gazetteer_folds_case_including_cyrillic() {
    let cfg = config(
        r#"
            [[extract.gazetteer]]
            name = "leaders"
            label = "PERSON"
            terms = ["Назарбаев", "Nursultan Nazarbayev"]
            "#,
    )
    .unwrap();
    let text = "НАЗАРБАЕВ и назарбаев, NURSULTAN NAZARBAYEV, Назарбаевы.";
    assert_eq!(
        run(&cfg.rules, text),
        [
            ("НАЗАРБАЕВ".into(), "PERSON".into(), "leaders".into()),
            ("назарбаев".into(), "PERSON".into(), "leaders".into()),
            (
                "NURSULTAN NAZARBAYEV".into(),
                "PERSON".into(),
                "leaders".into()
            ),
        ]
    );
}

#[test]
fn gazetteer_offsets_survive_length_changing_case() {
    // "İ" (2 bytes) lowercases to 3 bytes, the Kelvin sign (3 bytes) to 1 byte:
    // the match after them must still land on the original bytes.
    let cfg = config("[[extract.gazetteer]]\nlabel = \"GPE\"\nterms = [\"astana\"]").unwrap();
    let text = "\u{130}\u{212A}\u{130} ASTANA";
    let found = run(&cfg.rules, text);
    assert_eq!(found, [("ASTANA".into(), "GPE".into(), "gazetteer".into())]);
}

#[test]
fn gazetteer_reads_a_terms_file_relative_to_the_rules() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("outlets.txt"),
        "# outlets\nMarkaz-Press\n\nVremya Vostoka\n",
    )
    .unwrap();
    let table: Table =
        "[[extract.gazetteer]]\nlabel = \"publication\"\nkind = \"source\"\nfile = \"outlets.txt\""
            .parse()
            .unwrap();
    let cfg = parse(&table, dir.path()).unwrap();
    let found = run(&cfg.rules, "(Markaz-Press, March 3) and vremya vostoka");
    assert_eq!(found.len(), 2);
    assert_eq!(found[1].0, "vremya vostoka");
}

#[test]
fn regex_rules_with_groups() {
    let cfg = config(
        r#"
            [[extract.regex]]
            name = "case-number"
            pattern = 'Case No\. (?P<n>\d+)'
            label = "LAW"
            group = "n"
            "#,
    )
    .unwrap();
    assert_eq!(
        run(&cfg.rules, "See Case No. 1234."),
        [("1234".into(), "LAW".into(), "case-number".into())]
    );
}

#[test]
fn regex_limits_reject_huge_and_deeply_nested_patterns() {
    let long = "a".repeat(MAX_PATTERN_CHARS + 1);
    assert!(compile_user_regex(&long)
        .unwrap_err()
        .contains("limit is 1000"));
    let nested = format!("{}a{}", "(".repeat(40), ")".repeat(40));
    assert!(compile_user_regex(&nested)
        .unwrap_err()
        .contains("not a valid regex"));
    let big = r"\w{200}\w{200}\w{200}";
    assert!(compile_user_regex(big)
        .unwrap_err()
        .contains("compiles to more than"));
    let err = config(&format!(
        "[[extract.regex]]\nname = \"deep\"\nlabel = \"X\"\npattern = '{nested}'"
    ))
    .unwrap_err();
    let message = err.to_string();
    assert!(
        message.starts_with("extract rule `deep` (regex 1): "),
        "{message}"
    );
    assert!(!message.contains('\n'), "{message}");
}

#[test]
fn errors_name_the_rule_in_one_sentence() {
    let cases = [
        (
            "[[extract.gazetteer]]\nterms = [\"x\"]",
            "extract rule gazetteer 1: `label` is missing",
        ),
        (
            "[[extract.gazetteer]]\nname = \"g\"\nlabel = \"ORG\"",
            "extract rule `g` (gazetteer 1): has no terms",
        ),
        (
            "[[extract.gazetteer]]\nlabel = \"ORG\"\nterms = [\"x\"]\nkind = \"thing\"",
            "`kind` must be entity, claim or source",
        ),
        (
            "[[extract.gazetteer]]\nlabel = \"ORG\"\nfile = \"missing.txt\"",
            "cannot read terms file",
        ),
        (
            "[[extract.regex]]\npattern = \"x\"\nlabel = \"X\"",
            "extract rule regex 1: `name` is missing",
        ),
        (
            "[[extract.regex]]\nname = \"r\"\npattern = \"(x\"\nlabel = \"X\"",
            "extract rule `r` (regex 1): the pattern is not a valid regex: unclosed group",
        ),
        (
            "[[extract.regex]]\nname = \"r\"\npattern = \"x\"\nlabel = \"X\"\ngroup = 2",
            "`group` is 2, but the pattern has 0 groups",
        ),
        (
            "[[extract.regex]]\nname = \"r\"\npattern = \"x\"\nlabel = \"X\"\nscore = 2",
            "`score` is 2",
        ),
        (
            "[extract]\ndisable = [\"capitalised-name\"]",
            "extract.disable names `capitalised-name`",
        ),
        (
            "[extract]\ngazeteer = []",
            "in [extract], `gazeteer` is not a known key",
        ),
    ];
    for (toml, expected) in cases {
        let message = config(toml).unwrap_err().to_string();
        assert!(message.contains(expected), "{message}");
        assert!(!message.contains('\n'), "{message}");
    }
}

#[test]
fn disable_and_bare_extract_tables() {
    let table: Table = "disable = [\"capitalised-names\", \"places\"]"
        .parse()
        .unwrap();
    let cfg = parse(&table, Path::new(".")).unwrap();
    assert_eq!(
        cfg.disabled,
        [DefaultRule::CapitalisedNames, DefaultRule::Places]
    );
    assert!(cfg.rules.names().is_empty());
}
