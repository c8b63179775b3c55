//! Comparing the text a file quotes with the article's text at the same offsets: whether
//! they differ only in white space, and where they first differ, for messages.

/// Whether `a` and `b` hold the same characters once every run of white space is
/// ignored (brat writes a span's line breaks as it likes; `first para.\n\nSecond`
/// and `first para. Second` are the same words).
pub fn same_but_whitespace(a: &str, b: &str) -> bool {
    let words = |s: &'_ str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    a != b && words(a) == words(b)
}

/// Where `article` and `file` first differ, as a short phrase for a message: the
/// position in characters and a few characters of each from there, escaped.
pub fn first_difference(article: &str, file: &str) -> String {
    let common = article
        .chars()
        .zip(file.chars())
        .take_while(|(a, b)| a == b)
        .count();
    let from = common.saturating_sub(8);
    let excerpt = |s: &str| {
        let mut out: String = s.chars().skip(from).take(24).collect();
        if s.chars().count() > from + 24 {
            out.push('…');
        }
        let lead = if from > 0 { "…" } else { "" };
        format!("\"{lead}{}\"", out.escape_debug())
    };
    format!(
        "they differ from character {common}: the article has {}, the file {}",
        excerpt(article),
        excerpt(file)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn white_space_alone_is_not_a_difference() {
        assert!(same_but_whitespace(
            "first para.\n\nSecond para.",
            "first para. Second para."
        ));
        assert!(same_but_whitespace("Алия\r\nБек", "Алия Бек"));
        assert!(!same_but_whitespace("Алия Бек", "Алия Бек"), "equal texts");
        assert!(!same_but_whitespace("Алия Бек", "Алия Бак"));
    }

    #[test]
    fn the_first_difference_is_shown_where_it_is_not_at_the_start() {
        let long = "The ministry of foreign affairs said on Monday that 王 was";
        let other = "The ministry of foreign affairs said on Tuesday that 王 was";
        let said = first_difference(long, other);
        assert!(said.starts_with("they differ from character 40"), "{said}");
        assert!(said.contains("\"…said on Monday"), "{said}");
        assert!(said.contains("\"…said on Tuesday"), "{said}");
    }
}
