//! Rule-based pre-extraction (DESIGN §4): dates, parenthesised citations, attribution
//! cues, quoted speech, titles before names, capitalised names, nationalities and
//! places, plus the user's gazetteers and regular expressions. The output is a list of
//! [`Suggestion`]s for the analyst to review; nothing here touches the store or the
//! terminal.
//!
//! ```
//! use scholia::extract::{extract, RuleSet};
//!
//! let text = "Shaukat Sultan told AFP that four were Kazakh citizens (Ekspress-K, July19).";
//! let suggestions = extract(text, &RuleSet::default_rules());
//! assert!(suggestions.iter().any(|s| s.label == "publication"));
//! ```

mod attrs;
mod collector;
mod error;
mod fold;
mod held;
mod lexicon;
mod links;
mod name;
pub mod registry_mentions;
mod rules;
mod spans;
mod suggestion;
mod text;
pub mod to_store;
mod user_rules;

use std::path::Path;
use std::thread;

pub use error::ExtractError;
pub use name::Name;
pub use rules::DefaultRule;
pub use spans::Spans;
pub use suggestion::{Attrs, Links, SuggestedLink, Suggestion};
pub use user_rules::{
    MAX_PATTERN_CHARS, MAX_TERMS_FILE_BYTES, MAX_TERM_CHARS, REGEX_NEST_LIMIT, REGEX_SIZE_LIMIT,
};

use collector::Collector;
use rules::BuiltinRules;
use user_rules::UserRules;

/// The rules to extract with: the default rules (all but those turned off) and the
/// user's own, compiled once.
#[derive(Debug, Clone)]
pub struct RuleSet {
    builtin: BuiltinRules,
    enabled: Vec<DefaultRule>,
    user: UserRules,
}

impl RuleSet {
    /// Every default rule and no user rule.
    pub fn default_rules() -> Self {
        RuleSet {
            builtin: BuiltinRules::new(),
            enabled: DefaultRule::ALL.to_vec(),
            user: UserRules::default(),
        }
    }

    /// The default rules less those in `disable`, plus the user's gazetteers and
    /// regexes. `table` is the `[extract]` table of the config, or a whole rules file
    /// holding an `[extract]` table; gazetteer `file`s are read relative to `base_dir`.
    pub fn from_config(table: &toml::Table, base_dir: &Path) -> Result<RuleSet, ExtractError> {
        let config = user_rules::parse(table, base_dir)?;
        let mut rules = RuleSet::default_rules();
        rules.enabled.retain(|rule| !config.disabled.contains(rule));
        rules.user = config.rules;
        Ok(rules)
    }

    /// Reads a rules file's contents (TOML with an `[extract]` table, or the table's
    /// keys at the top level); gazetteer `file`s are read relative to `base_dir`,
    /// usually the rules file's folder.
    pub fn from_toml_str(rules: &str, base_dir: &Path) -> Result<RuleSet, ExtractError> {
        let table: toml::Table = rules.parse().map_err(|e: toml::de::Error| {
            ExtractError::Toml(one_line(e.message(), e.span(), rules))
        })?;
        RuleSet::from_config(&table, base_dir)
    }

    /// The default rules that will run.
    pub fn enabled_default_rules(&self) -> &[DefaultRule] {
        &self.enabled
    }

    /// The names of the user's rules, gazetteers first.
    pub fn user_rule_names(&self) -> Vec<&str> {
        self.user.names()
    }
}

impl Default for RuleSet {
    fn default() -> Self {
        RuleSet::default_rules()
    }
}

/// A TOML error as one line: the message and where it is.
fn one_line(message: &str, span: Option<std::ops::Range<usize>>, source: &str) -> String {
    let message = message.split_whitespace().collect::<Vec<_>>().join(" ");
    match span {
        Some(span) => {
            let before = &source[..text::floor_char_boundary(source, span.start)];
            let line = before.matches('\n').count() + 1;
            let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            format!("{message} at line {line}, column {column}")
        }
        None => message,
    }
}

/// Runs `rules` over `text` and returns the suggestions, sorted by span start.
/// Suggestions from different rules may overlap; identical ones (same kind, label and
/// spans) are merged, keeping the higher score. Links point at indexes of the result.
///
/// The default rules read a long text in two pieces at once, on two threads, cut at a
/// paragraph break near the middle: none of them looks across a paragraph break, so
/// the result is the same as of one reading.
pub fn extract(text: &str, rules: &RuleSet) -> Vec<Suggestion> {
    let cut = if text.len() >= TWO_PIECES_FROM {
        text::paragraph_cut_after(text, text.len() / 2)
    } else {
        None
    };
    let mut collector = builtin_collected(text, cut, rules);
    rules.user.run(&mut collector);
    collector.finish()
}

/// The shortest text (in bytes) the default rules read in two pieces at once.
const TWO_PIECES_FROM: usize = 1 << 17;

/// What the default rules suggest in `text`; with a `cut`, the pieces before and from it
/// are read at once, on two threads, and joined.
fn builtin_collected<'t>(text: &'t str, cut: Option<usize>, rules: &RuleSet) -> Collector<'t> {
    let run = |piece: &'t str| {
        let mut collector = Collector::new(piece);
        rules.builtin.run(&rules.enabled, &mut collector);
        collector
    };
    let Some(cut) = cut else {
        return run(text);
    };
    let (first, later) = thread::scope(|scope| {
        let later = scope.spawn(|| run(&text[cut..]));
        (run(&text[..cut]), later.join())
    });
    match later {
        Ok(later) => first.joined(later, text, cut),
        Err(panic) => std::panic::resume_unwind(panic),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn disabled_rules_do_not_run() {
        let rules = RuleSet::from_toml_str(
            "[extract]\ndisable = [\"capitalised-names\", \"title-name\"]",
            Path::new("."),
        )
        .unwrap();
        assert!(!rules
            .enabled_default_rules()
            .contains(&DefaultRule::CapitalisedNames));
        let found = extract("Then Timur Saidov left.", &rules);
        assert!(found.is_empty(), "{found:?}");
        assert_eq!(
            extract("Then Timur Saidov left.", &RuleSet::default()).len(),
            1
        );
    }

    #[test]
    fn results_are_sorted_and_links_point_inside() {
        let text = "Deputy Interior Minister Bakhtiyor Nazarov told reporters that two \
                    Pakistani citizens were held (Markaz-Press, March 3).";
        let found = extract(text, &RuleSet::default_rules());
        assert!(found
            .windows(2)
            .all(|w| w[0].extent().start <= w[1].extent().start));
        for s in &found {
            for link in &s.links {
                assert!(link.to < found.len());
            }
        }
        let claim = found
            .iter()
            .find(|s| s.kind == crate::domain::model::Kind::Claim)
            .unwrap();
        let kinds: Vec<String> = claim.links.iter().map(|l| l.kind.to_string()).collect();
        assert_eq!(kinds, ["attributed_to", "cites"]);
    }

    #[test]
    fn bad_toml_is_one_sentence() {
        let err = RuleSet::from_toml_str("[extract\n", Path::new("."))
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("the extract rules are not valid TOML"),
            "{err}"
        );
        assert!(!err.contains('\n'), "{err}");
    }

    #[test]
    fn user_rules_run_after_the_defaults() {
        let rules = RuleSet::from_toml_str(
            "[[extract.gazetteer]]\nname = \"outlets\"\nlabel = \"ORG\"\nterms = [\"Markaz-Press\"]",
            Path::new("."),
        )
        .unwrap();
        assert_eq!(rules.user_rule_names(), ["outlets"]);
        let found = extract("(Markaz-Press, March 3)", &rules);
        assert!(found
            .iter()
            .any(|s| s.rule == "outlets" && s.label == "ORG"));
    }

    /// Pieces that make the rules fire, mixed at random.
    const PIECES: &[&str] = &[
        " ",
        ", ",
        ". ",
        "\n",
        "\n\n",
        "\"",
        "“",
        "”",
        "«",
        "»",
        "(",
        ")",
        "Col.",
        "said",
        "told",
        "that",
        "and that",
        "denied",
        "neither confirmed nor denied",
        "refused to comment",
        "according to",
        "Asked",
        "he",
        "Shaukat",
        "Sultan",
        "Ministry",
        "of",
        "the",
        "Kazakh",
        "Tashkent",
        "July19",
        "March 3",
        "Ekspress-K",
        "İ",
        "\u{212A}",
        "Назарбаев",
        "заявил",
        "что",
        "é",
        "a\u{301}",
        "👩‍💻",
        "’s",
        "-",
        "who asked not to be named",
    ];

    proptest::proptest! {
        #[test]
        fn any_mix_gives_valid_suggestions(picks in proptest::collection::vec(0..PIECES.len(), 0..60)) {
            let text: String = picks.iter().map(|&i| PIECES[i]).collect();
            let rules = RuleSet::from_toml_str(
                "[[extract.gazetteer]]\nlabel = \"PERSON\"\nterms = [\"назарбаев\", \"ki\", \"i\"]",
                Path::new("."),
            ).unwrap();
            let found = extract(&text, &rules);
            for (i, s) in found.iter().enumerate() {
                proptest::prop_assert!(!s.spans.is_empty());
                for span in &s.spans {
                    proptest::prop_assert!(span.start < span.end && text.get(span.start..span.end).is_some());
                }
                for link in &s.links {
                    proptest::prop_assert!(link.to < found.len() && link.to != i);
                }
            }
            proptest::prop_assert!(found.windows(2).all(|w| w[0].extent().start <= w[1].extent().start));
        }
    }

    /// More pieces, for texts of several paragraphs: breaks of other shapes, and words
    /// the dates, titles and pronouns take.
    const PARAGRAPH_PIECES: &[&str] = &[
        "\n \n",
        "\n\n\n",
        "\r\n\r\n",
        "Gen.",
        "Minister",
        "she",
        "they",
        "AFP",
        "March",
        "4",
        "2021",
        "May",
        "last",
        "week",
        "Jan.",
        "days",
        "ago",
        "the 1990s",
    ];

    /// Piece `i` of [`PIECES`] followed by [`PARAGRAPH_PIECES`].
    fn paragraph_piece(i: usize) -> &'static str {
        PIECES
            .get(i)
            .copied()
            .unwrap_or_else(|| PARAGRAPH_PIECES[i - PIECES.len()])
    }

    /// Every place a paragraph starts after a blank line, as [`text::paragraph_cut_after`]
    /// finds them.
    fn paragraph_cuts(text: &str) -> Vec<usize> {
        let mut cuts = Vec::new();
        let mut from = 0;
        while let Some(cut) = text::paragraph_cut_after(text, from) {
            cuts.push(cut);
            from = cut;
        }
        cuts
    }

    proptest::proptest! {
        #[test]
        fn reading_in_two_pieces_gives_what_one_reading_gives(
            picks in proptest::collection::vec(0..PIECES.len() + PARAGRAPH_PIECES.len(), 0..80)
        ) {
            let text: String = picks.iter().map(|&i| paragraph_piece(i)).collect();
            let rules = RuleSet::default_rules();
            let whole = builtin_collected(&text, None, &rules).finish();
            for cut in paragraph_cuts(&text) {
                let pieces = builtin_collected(&text, Some(cut), &rules).finish();
                proptest::prop_assert_eq!(&pieces, &whole, "cut at {} of {:?}", cut, text);
            }
        }
    }

    #[test]
    fn long_texts_are_cut_at_a_paragraph_break_near_the_middle() {
        let paragraph =
            "Col. Timur Saidov told AFP that the border was closed (Vremya Vostoka, March 4).\n\n";
        let text = paragraph.repeat(TWO_PIECES_FROM / paragraph.len() + 2);
        let cut = text::paragraph_cut_after(&text, text.len() / 2).unwrap();
        assert!(cut >= text.len() / 2 && cut - text.len() / 2 <= paragraph.len());
        assert!(text[..cut].ends_with("\n\n"));
        let rules = RuleSet::default_rules();
        let whole = builtin_collected(&text, None, &rules).finish();
        assert_eq!(extract(&text, &rules), whole);
        assert_eq!(whole.len() % (text.len() / paragraph.len()), 0);
        // No break after the middle: one reading.
        assert_eq!(text::paragraph_cut_after("One.\n\nTwo. Three.", 8), None);
    }

    #[test]
    fn odd_text_does_not_panic() {
        let rules = RuleSet::default_rules();
        for text in [
            "",
            "\"",
            "«",
            "(",
            "said",
            "according to",
            "Asked",
            "Col.",
            "\u{130}\u{212A} said that \"x y z",
            "a\u{301}\u{308} «said» „told that“ 🇰🇿 👩‍💻 Назарбаев заявил, что",
            "neither confirmed nor denied\n\n, and that",
        ] {
            let _ = extract(text, &rules);
        }
    }
}
