//! The attribution cues ("said", "denied", "declined to comment"…): the pattern that
//! finds them and the stance each gives.

/// What a cue does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Cue {
    Say,
    Suggest,
    Tell,
    Deny,
    Ncnd,
    Refuse,
    According,
    Participle,
}

impl Cue {
    /// The stance a claim reported with this cue takes.
    pub(super) fn stance(self) -> &'static str {
        match self {
            Cue::Say | Cue::Tell | Cue::According | Cue::Participle => "asserted",
            Cue::Suggest => "hedged",
            Cue::Deny => "denied",
            Cue::Ncnd => "ncnd",
            Cue::Refuse => "refused",
        }
    }

    /// The kind of the cue `matched` (a match of [`PATTERN`]).
    pub(super) fn of(matched: &str) -> Cue {
        let spaced = matched.contains(char::is_whitespace);
        if spaced && matched.contains("comment") {
            Cue::Refuse
        } else if spaced && matched.contains("confirm") {
            Cue::Ncnd
        } else if spaced && matched.get(1..).is_some_and(|m| m.starts_with("ccording")) {
            Cue::According
        } else {
            match matched {
                "told" | "tells" => Cue::Tell,
                "denied" | "denies" => Cue::Deny,
                "suggested" | "suggests" => Cue::Suggest,
                "saying" | "adding" => Cue::Participle,
                _ => Cue::Say,
            }
        }
    }
}

/// The cues; alternatives sharing a start are ordered longest first.
pub(super) const PATTERN: &str = concat!(
    r"(?:neither\s+(?:confirm(?:ed|s)?|den(?:ied|ies|y))\s+nor\s+(?:confirm(?:ed|s)?|den(?:ied|ies|y))",
    r"|(?:could|would|did|can|will)\s+not\s+confirm|(?:cannot|can't|couldn't|wouldn't|didn't)\s+confirm",
    r"|(?:declined|refused)\s+to\s+confirm)",
    r"|(?:(?:refused|declined|refuses|declines)\s+(?:to\s+)?comment|(?:would|could|did)\s+not\s+comment|had\s+no\s+comment)",
    r"|(?:[Aa]ccording\s+to)",
    r"|(?:told|tells)",
    r"|(?:denied|denies)",
    r"|(?:suggested|suggests)",
    r"|(?:saying|adding)",
    r"|(?:said|says|reported|stated|claimed|confirmed|confirms|announced|announces|admitted|admits",
    r"|added|adds|noted|stressed|insisted|insists|argued|argues|explained|warned|cautioned|alleged|asserted",
    r"|заявил[аио]?|сообщил[аио]?|отметил[аио]?|сказал[аио]?|подчеркнул[аио]?)",
);
