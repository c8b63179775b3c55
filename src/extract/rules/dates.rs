//! Rule `dates`: calendar dates and relative dates in English news style — "July 19",
//! "July19" (no space, as in the reference article), "July 19, 2005", "19 July 2005",
//! "September 2004", "March", "2004", "the 1990s", "the night of March 1",
//! "late February", "last week", "last September", "earlier this year",
//! "a month ago", "Monday", "yesterday". Suggests DATE entities.

use regex::Regex;

use crate::domain::model::{Kind, Span};
use crate::extract::collector::Collector;
use crate::extract::lexicon::{MONTHS, WEEKDAYS};
use crate::extract::suggestion::Suggestion;

/// The rule's name.
pub(crate) const NAME: &str = "dates";
/// The rule's confidence.
pub(crate) const SCORE: f64 = 0.85;

const SHORT_MONTHS: &str = "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec";
const DAY: &str = r"(?:3[01]|[12][0-9]|0?[1-9])(?:st|nd|rd|th)?";
const YEAR: &str = r"(?:1[89][0-9]{2}|20[0-9]{2})";
/// An ASCII word boundary: cheap for the regex engine on any text.
const B: &str = r"(?-u:\b)";

/// A month name, full or abbreviated with a stop ("Sept.").
fn month() -> String {
    let months = MONTHS.as_str();
    format!(r"(?:{months}|(?:{SHORT_MONTHS})\.)")
}

/// The date forms a citation may carry after the publication's name: "July19",
/// "July 19, 2005", "19 July 2005", "July 2005", "2005".
pub(crate) fn citation_date_pattern() -> String {
    let m = month();
    format!(r"{m}\s?{DAY}(?:,?\s+{YEAR})?|{DAY}\s+{m}(?:,?\s+{YEAR})?|{m}\s+{YEAR}|{YEAR}")
}

/// The whole date pattern; alternatives are ordered so the longest form wins.
fn pattern() -> String {
    let m = month();
    let (months, weekdays) = (MONTHS.as_str(), WEEKDAYS.as_str());
    let bare_months = months.replace("|May|", "|");
    let part =
        r"(?:(?:the\s+)?(?:night|morning|evening|afternoon|end|beginning|start|middle)\s+of\s+)";
    let edge = r"(?:(?:early|late|mid)[\s-]?)";
    let relative = format!(
        r"(?:[Ll]ast|[Nn]ext|[Tt]his|[Ee]arlier\s+this|[Ll]ater\s+this)\s+(?:week|month|year|spring|summer|autumn|fall|winter|weekend|{months}|{weekdays})"
    );
    let ago = r"(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|a\s+few|[0-9]{1,3})\s+(?:days?|weeks?|months?|years?|decades?)\s+ago";
    format!(
        r"{B}(?:{part}?{edge}?{m}\s?{DAY}(?:,?\s+{YEAR})?{B}|{part}?{DAY}\s+(?:of\s+)?{m}(?:,?\s+{YEAR})?{B}|{edge}?{m}\s+(?:of\s+)?{YEAR}{B}|{relative}{B}|{ago}{B}|{edge}?(?:{bare_months}){B}|(?:{weekdays}){B}|(?:[Yy]esterday|[Tt]oday|[Tt]omorrow){B}|(?:the\s+)?(?:1[89]|20)[0-9]0s{B}|{YEAR}{B})"
    )
}

/// The compiled rule.
#[derive(Debug, Clone)]
pub(crate) struct DateRule {
    regex: Regex,
}

impl DateRule {
    /// Compiles the rule.
    pub(crate) fn new() -> Self {
        DateRule {
            regex: super::compile_builtin(&pattern()),
        }
    }

    /// Runs the rule over the whole text.
    pub(crate) fn run(&self, c: &mut Collector) {
        for m in self.regex.find_iter(c.text) {
            c.push(Suggestion::new(
                Kind::Entity,
                "DATE",
                Span::new(m.start(), m.end()),
                NAME,
                SCORE,
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dates(text: &str) -> Vec<&str> {
        let rule = DateRule::new();
        let mut c = Collector::new(text);
        rule.run(&mut c);
        c.finish()
            .iter()
            .map(|s| s.text(text).unwrap())
            .collect::<Vec<_>>()
    }

    #[test]
    fn finds_calendar_dates_in_every_spelling() {
        assert_eq!(
            dates("(Ekspress-K, July19) on July 19, 2005 or 19 July 2005, in September 2004, in March and April 2004, since 1999."),
            ["July19", "July 19, 2005", "19 July 2005", "September 2004", "March", "April 2004", "1999"]
        );
    }

    #[test]
    fn finds_relative_dates_and_weekdays() {
        assert_eq!(
            dates("last September, on the night of March 1, in late February, a month ago, earlier this year, last week, on Monday, yesterday, the 1990s"),
            ["last September", "the night of March 1", "late February", "a month ago", "earlier this year", "last week", "Monday", "yesterday", "the 1990s"]
        );
    }

    #[test]
    fn a_date_does_not_run_across_a_blank_line() {
        assert_eq!(dates("in March\n\n2021 was"), ["March", "2021"]);
        assert_eq!(dates("in March\n \n4 of them"), ["March"]);
        assert_eq!(dates("in March\n2021"), ["March\n2021"]);
    }

    #[test]
    fn skips_numbers_that_are_not_years_and_the_modal_may() {
        assert_eq!(
            dates("40,000 US dollars, 19 militants, Issue: 144, it may be, 12005"),
            Vec::<&str>::new()
        );
        assert_eq!(dates("May 5"), ["May 5"]);
    }
}
