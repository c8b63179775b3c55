//! The small parsers of a line's fields: id types, span fragments, event roles.

use crate::formats::ImportedSpan;

/// The type letter of a brat id (`T` for `T12`, `#` for `#3`), if it is one.
pub(super) fn id_type(id: &str) -> Option<char> {
    let mut chars = id.chars();
    let first = chars.next()?;
    let digits = chars.as_str();
    let all_digits = digits.chars().all(|c| c.is_ascii_digit());
    match first {
        'T' | 'R' | 'E' | 'A' | 'M' | 'N' if !digits.is_empty() && all_digits => Some(first),
        '#' | '*' if all_digits => Some(first),
        _ => None,
    }
}

/// Whether `id` could be an id at all (one short word), to tell an unknown line type
/// from a stray line.
pub(super) fn is_id_like(id: &str) -> bool {
    !id.is_empty() && id.len() <= 16 && !id.contains(char::is_whitespace)
}

/// `0 5;9 12` as spans; `None` when any fragment is not two numbers in order.
pub(super) fn parse_fragments(offsets: &str) -> Option<Vec<ImportedSpan>> {
    // As many as there are, not the four a collected vector starts with: one annotation
    // in a file of thousands usually has one.
    let mut spans = Vec::with_capacity(offsets.matches(';').count() + 1);
    for fragment in offsets.split(';') {
        let mut numbers = fragment.split_whitespace().map(str::parse::<usize>);
        match (numbers.next(), numbers.next(), numbers.next()) {
            (Some(Ok(start)), Some(Ok(end)), None) if start <= end => {
                spans.push(ImportedSpan::new(start, end));
            }
            _ => return None,
        }
    }
    Some(spans)
}

/// A role without its trailing number, lowercase (`Source2` → `source`).
pub(super) fn role_name(role: &str) -> String {
    role.trim_end_matches(|c: char| c.is_ascii_digit())
        .to_ascii_lowercase()
}

pub(super) fn has_role(args: &[(String, String)], name: &str) -> bool {
    args.iter().any(|(role, _)| role_name(role) == name)
}
