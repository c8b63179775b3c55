//! Which annotations the grades belong to: a source's reliability (Admiralty A–F, kept
//! on its entity when it has one) and a claim's credibility (1–6). Neither means
//! anything on another kind.

use super::model::Kind;

/// The attribute holding a source's reliability grade.
pub const RELIABILITY: &str = "reliability";

/// The attribute holding a claim's credibility grade.
pub const CREDIBILITY: &str = "credibility";

/// The only kind of annotation that may carry `attribute`, when it is a grade.
pub fn graded_kind(attribute: &str) -> Option<Kind> {
    match attribute {
        RELIABILITY => Some(Kind::Source),
        CREDIBILITY => Some(Kind::Claim),
        _ => None,
    }
}

/// Whether an annotation of `kind` may carry `attribute`.
pub fn allowed_on(attribute: &str, kind: Kind) -> bool {
    graded_kind(attribute).is_none_or(|k| k == kind)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reliability_is_for_sources_and_credibility_for_claims() {
        assert!(allowed_on(RELIABILITY, Kind::Source));
        assert!(!allowed_on(RELIABILITY, Kind::Entity));
        assert!(!allowed_on(RELIABILITY, Kind::Claim));
        assert!(allowed_on(CREDIBILITY, Kind::Claim));
        assert!(!allowed_on(CREDIBILITY, Kind::Source));
        assert!(allowed_on("stance", Kind::Claim));
        assert!(allowed_on("quote_type", Kind::Entity));
    }
}
