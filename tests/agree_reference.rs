//! `scholia agree` against the reference implementations on the fixtures of
//! tests/fixtures/agree (three analysts, two articles, Cyrillic words, a pending and a
//! rejected annotation, grades on entities and on annotations, one analyst without the
//! second article).
//!
//! RECORDED is the output of tests/fixtures/agree/reference.py (scikit-learn 1.9.1
//! `cohen_kappa_score`, statsmodels 0.15.0 `fleiss_kappa(aggregate_raters(..)[0])`,
//! krippendorff 0.9.0 `alpha(level_of_measurement="nominal")`, numpy 2.4.6, Python
//! 3.11), so the check runs without Python. When a Python with those packages is found
//! (`SCHOLIA_TEST_PYTHON`, else `python3`), the script is run too and must give the
//! same figures. Every figure must match to 1e-9.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

/// Output of `python3 tests/fixtures/agree/reference.py`.
const RECORDED: &str = r#"
{
 "by": {
  "credibility": {
   "exact": 0.4444444444444444,
   "kappa_linear": 0.5777777777777778,
   "kappa_quadratic": 0.7777777777777777,
   "within_one": 1.0
  },
  "labels": {
   "claim:factual": {
    "exact_f1": 0.5555555555555555,
    "fleiss_kappa": 0.41558441558441517,
    "krippendorff_alpha": 0.47259136212624586,
    "overlap_f1": 0.6666666666666666
   },
   "claim:rumour": {
    "exact_f1": 0.0,
    "fleiss_kappa": -0.04854368932038748,
    "krippendorff_alpha": -0.03252032520325199,
    "overlap_f1": 0.0
   },
   "entity:GPE": {
    "exact_f1": 0.7111111111111111,
    "fleiss_kappa": 0.6470588235294135,
    "krippendorff_alpha": 0.7354166666666666,
    "overlap_f1": 0.7111111111111111
   },
   "entity:LOC": {
    "exact_f1": 0.0,
    "fleiss_kappa": -0.00934579439251392,
    "krippendorff_alpha": 0.0,
    "overlap_f1": 0.0
   },
   "entity:NORP": {
    "exact_f1": 0.0,
    "fleiss_kappa": 0.22115384615384792,
    "krippendorff_alpha": 0.17398373983739845,
    "overlap_f1": 0.2222222222222222
   },
   "entity:ORG": {
    "exact_f1": 0.3333333333333333,
    "fleiss_kappa": 0.4905660377358463,
    "krippendorff_alpha": 0.49603174603174605,
    "overlap_f1": 0.3333333333333333
   },
   "source:ORG": {
    "exact_f1": 0.3333333333333333,
    "fleiss_kappa": 0.48076923076923456,
    "krippendorff_alpha": 0.4879032258064516,
    "overlap_f1": 0.3333333333333333
   },
   "source:PERSON": {
    "exact_f1": 1.0,
    "fleiss_kappa": 1.0,
    "krippendorff_alpha": 1.0,
    "overlap_f1": 1.0
   },
   "source:publication": {
    "exact_f1": 0.3333333333333333,
    "fleiss_kappa": 0.48076923076923145,
    "krippendorff_alpha": 0.4879032258064516,
    "overlap_f1": 0.3333333333333333
   }
  },
  "links": {
   "f1": 0.5555555555555555
  },
  "overall": {
   "exact_f1": 0.5040849673202614,
   "fleiss_kappa": 0.4596229927856643,
   "krippendorff_alpha": 0.5169878296146044,
   "overlap_f1": 0.559640522875817
  },
  "reliability": {
   "exact": 0.3333333333333333,
   "kappa_linear": 0.25,
   "kappa_quadratic": 0.5,
   "within_one": 1.0
  },
  "stance": {
   "exact": 0.8888888888888888,
   "kappa": 0.8333333333333334
  }
 },
 "pair": {
  "credibility": {
   "exact": 0.3333333333333333,
   "kappa_linear": 0.3999999999999999,
   "kappa_quadratic": 0.6666666666666666,
   "within_one": 1.0
  },
  "labels": {
   "claim:factual": {
    "cohen_kappa": 0.8333333333333334,
    "exact_f1": 0.6666666666666666,
    "krippendorff_alpha": 0.8355212355212355,
    "overlap_f1": 1.0
   },
   "entity:GPE": {
    "cohen_kappa": 0.4782608695652174,
    "exact_f1": 0.5,
    "krippendorff_alpha": 0.4779411764705882,
    "overlap_f1": 0.5
   },
   "entity:LOC": {
    "cohen_kappa": 0.0,
    "exact_f1": 0.0,
    "krippendorff_alpha": 0.0,
    "overlap_f1": 0.0
   },
   "entity:NORP": {
    "cohen_kappa": 0.6538461538461539,
    "exact_f1": 0.0,
    "krippendorff_alpha": 0.6570048309178744,
    "overlap_f1": 1.0
   },
   "entity:ORG": {
    "cohen_kappa": 1.0,
    "exact_f1": 1.0,
    "krippendorff_alpha": 1.0,
    "overlap_f1": 1.0
   },
   "source:ORG": {
    "cohen_kappa": 1.0,
    "exact_f1": 1.0,
    "krippendorff_alpha": 1.0,
    "overlap_f1": 1.0
   },
   "source:PERSON": {
    "cohen_kappa": 1.0,
    "exact_f1": 1.0,
    "krippendorff_alpha": 1.0,
    "overlap_f1": 1.0
   },
   "source:publication": {
    "cohen_kappa": 1.0,
    "exact_f1": 1.0,
    "krippendorff_alpha": 1.0,
    "overlap_f1": 1.0
   }
  },
  "links": {
   "f1": 0.6666666666666666
  },
  "overall": {
   "cohen_kappa": 0.8427947598253275,
   "exact_f1": 0.6666666666666666,
   "krippendorff_alpha": 0.8446389496717724,
   "overlap_f1": 0.8571428571428571
  },
  "reliability": {
   "exact": 0.3333333333333333,
   "kappa_linear": 0.25,
   "kappa_quadratic": 0.5,
   "within_one": 1.0
  },
  "stance": {
   "exact": 0.6666666666666666,
   "kappa": 0.5
  }
 }
}
"#;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/agree")
}

/// `scholia agree --json ARGS` run in the fixtures folder.
fn agree_json(args: &[&str]) -> Value {
    let output = Command::new(env!("CARGO_BIN_EXE_scholia"))
        .current_dir(fixtures())
        .arg("agree")
        .arg("--json")
        .args(args)
        .env("SCHOLIA_NO_USER_CONFIG", "1")
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap()
}

/// Checks every figure of `reference` against the same one in `scholia` (whose
/// `labels` is a list of rows named by `label`); returns how many were checked.
fn compare(reference: &Value, scholia: &Value, path: &str) -> usize {
    let mut checked = 0;
    for (key, want) in reference.as_object().unwrap() {
        let here = format!("{path}.{key}");
        let got = match (key.as_str(), scholia.get(key)) {
            ("labels", Some(Value::Array(rows))) => {
                let by_label = rows
                    .iter()
                    .map(|r| (r["label"].as_str().unwrap().to_string(), r.clone()))
                    .collect();
                Value::Object(by_label)
            }
            (_, Some(v)) => v.clone(),
            (_, None) => panic!("{here}: scholia reports no such figure"),
        };
        if want.is_object() {
            checked += compare(want, &got, &here);
            continue;
        }
        match (want.as_f64(), got.as_f64()) {
            (None, None) => assert!(want.is_null() && got.is_null(), "{here}: {want} vs {got}"),
            (Some(w), Some(g)) => {
                assert!((w - g).abs() <= 1e-9, "{here}: reference {w}, scholia {g}")
            }
            _ => panic!("{here}: reference {want}, scholia {got}"),
        }
        checked += 1;
    }
    checked
}

fn check_all(reference: &Value) {
    let pair = agree_json(&["alice/article.txt", "bob/article.txt"]);
    let by = agree_json(&["--by", "alice", "bob", "carol"]);
    let checked = compare(&reference["pair"], &pair, "pair") + compare(&reference["by"], &by, "by");
    assert!(checked >= 98, "only {checked} figures compared");
}

#[test]
fn figures_match_the_recorded_reference_values() {
    check_all(&serde_json::from_str(RECORDED).unwrap());
}

/// The interpreter to run the reference script with, when it has the packages.
fn python_with_packages() -> Option<String> {
    let python = std::env::var("SCHOLIA_TEST_PYTHON").unwrap_or_else(|_| "python3".into());
    let found = Command::new(&python)
        .args(["-c", "import sklearn, statsmodels, krippendorff"])
        .output()
        .is_ok_and(|o| o.status.success());
    found.then_some(python)
}

#[test]
fn figures_match_the_reference_implementations_run_now() {
    let Some(python) = python_with_packages() else {
        eprintln!("skipped: no Python with scikit-learn, statsmodels and krippendorff (set SCHOLIA_TEST_PYTHON to one)");
        return;
    };
    let output = Command::new(python)
        .arg(fixtures().join("reference.py"))
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let live: Value = serde_json::from_slice(&output.stdout).unwrap();
    check_all(&live);
    let recorded: Value = serde_json::from_str(RECORDED).unwrap();
    // The recorded values are those the script gives now.
    assert!(compare(&live, &recorded, "recorded") >= 98);
}
