//! Text helpers the rules share: word boundaries, words, capitalised runs, sentence
//! bounds. Every position is a UTF-8 byte offset into the text.

use super::lexicon::{is_abbreviation, is_connector, TITLE_ABBREVIATIONS};

// The rules reach the core's one char-boundary helper through here.
pub(crate) use crate::domain::char_boundary::floor_char_boundary;

/// How far sentence scanning looks before giving up, in bytes.
const SENTENCE_WINDOW: usize = 4096;

/// Whether `c` can be part of a word: a letter or digit of any script. The letters of
/// the scripts news is mostly written in, and the punctuation it quotes with, are
/// answered from their blocks, without the general table search, which dominated
/// extraction on Cyrillic text.
pub(crate) fn is_word_char(c: char) -> bool {
    match c as u32 {
        0..=0x7F => c.is_ascii_alphanumeric(),
        // Latin-1 signs and punctuation (« » ° §…): only these are letters or digits.
        0x80..=0xBF => matches!(
            c as u32,
            0xAA | 0xB2 | 0xB3 | 0xB5 | 0xB9 | 0xBA | 0xBC..=0xBE
        ),
        // General punctuation (dashes, quotation marks, spaces): none.
        0x2000..=0x206F => false,
        // Latin-1 letters (not × and ÷), Latin Extended-A and -B.
        0xC0..=0xD6 | 0xD8..=0xF6 | 0xF8..=0x24F => true,
        // Cyrillic letters (U+0482..U+0489 are signs and combining marks).
        0x400..=0x481 | 0x48A..=0x52F => true,
        // CJK Unified Ideographs.
        0x4E00..=0x9FFF => true,
        // Hangul syllables.
        0xAC00..=0xD7A3 => true,
        _ => c.is_alphanumeric(),
    }
}

/// The character just before `pos`, if any.
pub(crate) fn char_before(text: &str, pos: usize) -> Option<char> {
    text.get(..pos).and_then(|head| head.chars().next_back())
}

/// The character starting at `pos`, if any.
pub(crate) fn char_at(text: &str, pos: usize) -> Option<char> {
    text.get(pos..).and_then(|tail| tail.chars().next())
}

/// Whether `start..end` is a whole word (or words): no word character touches it on
/// either side.
pub(crate) fn is_whole_word(text: &str, start: usize, end: usize) -> bool {
    !char_before(text, start).is_some_and(is_word_char)
        && !char_at(text, end).is_some_and(is_word_char)
}

/// Whether `word` starts with an uppercase letter.
pub(crate) fn is_capitalised(word: &str) -> bool {
    match word.as_bytes().first() {
        Some(b) if b.is_ascii() => b.is_ascii_uppercase(),
        _ => word.chars().next().is_some_and(char::is_uppercase),
    }
}

/// Whether `word` has two or more letters, all uppercase ("AFP", "KAZAKH").
pub(crate) fn is_all_caps(word: &str) -> bool {
    if word.is_ascii() {
        let bytes = word.as_bytes();
        return !bytes.iter().any(u8::is_ascii_lowercase)
            && bytes.iter().filter(|b| b.is_ascii_uppercase()).count() >= 2;
    }
    let mut letters = 0;
    for c in word.chars() {
        if c.is_lowercase() {
            return false;
        }
        if c.is_alphabetic() {
            letters += 1;
        }
    }
    letters >= 2
}

/// Whether `c` is an apostrophe.
fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

/// A word: letters and digits, joined by inner hyphens and apostrophes
/// ("Ak-Bulun", "d'affaires"). A possessive `'s` is not part of the word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Word {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Word {
    /// The word's text.
    pub(crate) fn text<'t>(&self, text: &'t str) -> &'t str {
        &text[self.start..self.end]
    }
}

/// The words of `text[from..to]`, in order.
pub(crate) struct Words<'t> {
    text: &'t str,
    pos: usize,
    to: usize,
}

impl<'t> Words<'t> {
    /// The words between `from` and `to` (both char boundaries of `text`).
    pub(crate) fn new(text: &'t str, from: usize, to: usize) -> Self {
        Words {
            text,
            pos: from,
            to: to.min(text.len()),
        }
    }
}

impl Words<'_> {
    /// Moves on to the next place where a capitalised word may start, skipping
    /// lowercase text quickly.
    pub(crate) fn skip_to_capital(&mut self) {
        let bytes = self.text.as_bytes();
        let mut i = self.pos;
        while i < self.to {
            let Some(k) = bytes[i..self.to]
                .iter()
                .position(|&b| b.is_ascii_uppercase() || b >= 0x80)
            else {
                break;
            };
            i += k;
            let c = match char_at(self.text, i) {
                Some(c) => c,
                None => break,
            };
            if c.is_uppercase() && !starts_inside_word(self.text, i) {
                self.pos = i;
                return;
            }
            i += c.len_utf8();
        }
        self.pos = self.to;
    }
}

/// Whether position `i` is inside a word: after a word character, or after a joining
/// hyphen or apostrophe that follows one.
fn starts_inside_word(text: &str, i: usize) -> bool {
    match char_before(text, i) {
        Some(c) if is_word_char(c) => true,
        Some(c) if c == '-' || is_apostrophe(c) => {
            char_before(text, i - c.len_utf8()).is_some_and(is_word_char)
        }
        _ => false,
    }
}

impl Iterator for Words<'_> {
    type Item = Word;

    fn next(&mut self) -> Option<Word> {
        let bytes = self.text.as_bytes();
        let to = self.to;
        // Skip to the next word character: ASCII byte by byte, other characters decoded.
        let mut i = self.pos;
        loop {
            if i >= to {
                self.pos = to;
                return None;
            }
            let b = bytes[i];
            if b < 0x80 {
                if b.is_ascii_alphanumeric() {
                    break;
                }
                i += 1;
                continue;
            }
            let c = char_at(self.text, i)?;
            if is_word_char(c) {
                break;
            }
            i += c.len_utf8();
        }
        let start = i;
        loop {
            // Consume word characters.
            while i < to {
                let b = bytes[i];
                if b < 0x80 {
                    if !b.is_ascii_alphanumeric() {
                        break;
                    }
                    i += 1;
                    continue;
                }
                match char_at(self.text, i) {
                    Some(c) if is_word_char(c) => i += c.len_utf8(),
                    _ => break,
                }
            }
            // An inner hyphen or apostrophe followed by a word character joins, except
            // a possessive 's.
            let (joiner_len, apostrophe) = match bytes.get(i..) {
                Some([b'-', ..]) => (1, false),
                Some([b'\'', ..]) => (1, true),
                Some([0xE2, 0x80, 0x99, ..]) => ('’'.len_utf8(), true),
                _ => break,
            };
            let after = i + joiner_len;
            if after >= to {
                break;
            }
            let Some(next) = char_at(self.text, after) else {
                break;
            };
            if !is_word_char(next) {
                break;
            }
            if apostrophe
                && (next == 's' || next == 'S')
                && !char_at(self.text, after + 1).is_some_and(is_word_char)
            {
                break;
            }
            i = after;
        }
        self.pos = i;
        Some(Word { start, end: i })
    }
}

/// The word that ends right before the single space at `space` ("official" in
/// "official Shaukat"), if `space` holds a space and a word ends there.
pub(crate) fn word_ending_at(text: &str, space: usize) -> Option<Word> {
    if text.as_bytes().get(space) != Some(&b' ') {
        return None;
    }
    word_before(text, space)
}

/// The word that ends exactly at `end`, if one does.
pub(crate) fn word_before(text: &str, end: usize) -> Option<Word> {
    let mut start = end;
    while let Some(c) = char_before(text, start) {
        let joins = (c == '-' || is_apostrophe(c))
            && start < end
            && char_before(text, start - c.len_utf8()).is_some_and(is_word_char);
        if !(is_word_char(c) || joins) {
            break;
        }
        start -= c.len_utf8();
    }
    (start < end).then_some(Word { start, end })
}

/// `pos` moved back over whitespace, not below `floor`.
pub(crate) fn skip_space_back(text: &str, floor: usize, pos: usize) -> usize {
    let head = &text[floor..pos];
    floor + head.trim_end().len()
}

/// `pos` moved on over whitespace, not beyond `limit`.
pub(crate) fn skip_space(text: &str, pos: usize, limit: usize) -> usize {
    let tail = &text[pos..limit.max(pos)];
    pos + (tail.len() - tail.trim_start().len())
}

/// The end of a possessive `'s` right after `pos`, if there is one.
pub(crate) fn possessive_end(text: &str, pos: usize) -> Option<usize> {
    let apostrophe = char_at(text, pos).filter(|c| is_apostrophe(*c))?;
    let s = pos + apostrophe.len_utf8();
    match char_at(text, s) {
        Some('s') | Some('S') if !char_at(text, s + 1).is_some_and(is_word_char) => Some(s + 1),
        _ => None,
    }
}

/// What a word is inside a capitalised run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Part {
    /// A capitalised word.
    Cap,
    /// A title abbreviation with its full stop ("Col.").
    Title,
    /// An initial with its full stop ("J.").
    Initial,
    /// A lowercase word joining capitalised ones ("of", "the").
    Connector,
}

/// One word of a capitalised run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct RunWord {
    /// The word itself (without a possessive 's or an abbreviation's stop).
    pub word: Word,
    /// What it is in the run.
    pub part: Part,
    /// Where it ends with its stop or possessive 's.
    pub outer_end: usize,
    /// Whether a possessive 's follows it.
    pub possessive: bool,
}

/// Calls `each` with every run of capitalised words in `text[from..to]`: capitalised
/// words, title abbreviations and initials separated by single spaces, with lowercase
/// connectors ("of", "the", "in"…) between them. A run never ends with a connector.
/// `buf` is reused between calls to avoid allocating.
pub(crate) fn for_each_cap_run(
    text: &str,
    from: usize,
    to: usize,
    buf: &mut Vec<RunWord>,
    mut each: impl FnMut(&[RunWord]),
) {
    buf.clear();
    let mut connectors_in_row = 0;
    let mut words = Words::new(text, from, to);
    loop {
        if buf.is_empty() {
            words.skip_to_capital();
        }
        let Some(word) = words.next() else { break };
        // The `s` of a possessive already belongs to the word before it.
        if buf.last().is_some_and(|prev| word.start < prev.outer_end) {
            continue;
        }
        let w = word.text(text);
        let joined = buf.last().is_some_and(|prev| {
            prev.outer_end <= word.start && is_single_space(&text[prev.outer_end..word.start])
        });
        if !joined {
            flush(buf, &mut each);
            connectors_in_row = 0;
        }
        if is_capitalised(w) {
            let stop = text.as_bytes().get(word.end) == Some(&b'.');
            let (part, outer_end) = if stop && TITLE_ABBREVIATIONS.contains(w) {
                (Part::Title, word.end + 1)
            } else if stop && is_one_char(w) {
                (Part::Initial, word.end + 1)
            } else {
                (Part::Cap, word.end)
            };
            let possessive = possessive_end(text, word.end);
            buf.push(RunWord {
                word,
                part,
                outer_end: possessive.unwrap_or(outer_end),
                possessive: possessive.is_some(),
            });
            connectors_in_row = 0;
        } else if joined && connectors_in_row < 2 && is_connector(w) {
            buf.push(RunWord {
                word,
                part: Part::Connector,
                outer_end: word.end,
                possessive: false,
            });
            connectors_in_row += 1;
        } else {
            flush(buf, &mut each);
            connectors_in_row = 0;
        }
    }
    flush(buf, &mut each);
}

/// Whether `word` is a single character.
fn is_one_char(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some() && chars.next().is_none()
}

/// Hands the run in `buf` (without trailing connectors) to `each` and empties `buf`.
fn flush(buf: &mut Vec<RunWord>, each: &mut impl FnMut(&[RunWord])) {
    while buf.last().is_some_and(|w| w.part == Part::Connector) {
        buf.pop();
    }
    if !buf.is_empty() {
        each(buf);
    }
    buf.clear();
}

/// Whether `gap` is exactly one space (or no-break space).
fn is_single_space(gap: &str) -> bool {
    gap == " " || gap == "\u{a0}"
}

/// Whether the character at `i` (`.`, `!`, `?` or `…`) ends a sentence: it is followed
/// (after closing quotes or brackets) by whitespace or the end of the text and then not
/// by a lowercase letter in the same paragraph, and a full stop does not close an
/// abbreviation or an initial.
pub(crate) fn ends_sentence(text: &str, i: usize) -> bool {
    let Some(c) = char_at(text, i) else {
        return false;
    };
    if !matches!(c, '.' | '!' | '?' | '…') {
        return false;
    }
    let mut j = i + c.len_utf8();
    while let Some(close) =
        char_at(text, j).filter(|c| matches!(c, '"' | '”' | '’' | '\'' | ')' | '»' | ']'))
    {
        j += close.len_utf8();
    }
    match char_at(text, j) {
        None => {}
        Some(next) if next.is_whitespace() => {
            let rest = text[j..].trim_start();
            let new_paragraph = paragraph_break_between(text, j, text.len() - rest.len());
            if !new_paragraph && rest.chars().next().is_some_and(char::is_lowercase) {
                return false;
            }
        }
        Some(_) => return false,
    }
    if c == '.' {
        let head = &text[..i];
        let word_start = head
            .char_indices()
            .rev()
            .take_while(|(_, c)| is_word_char(*c) || *c == '.')
            .last()
            .map_or(i, |(k, _)| k);
        let word = &text[word_start..i];
        if word.chars().count() == 1 && word.chars().all(char::is_uppercase) {
            return false;
        }
        if is_abbreviation(word) {
            return false;
        }
    }
    true
}

/// Whether a paragraph break (a line with nothing but spaces) starts at the newline `i`.
fn is_paragraph_break(text: &str, i: usize) -> bool {
    let rest = &text[i + 1..];
    let blank = rest.len() - rest.trim_start_matches([' ', '\t', '\r']).len();
    rest.as_bytes().get(blank) == Some(&b'\n')
}

/// Whether the newline `i` ends a blank line (a line with nothing but spaces), or ends
/// the first line of the text when that one is blank.
fn ends_blank_line(text: &str, i: usize) -> bool {
    let before = text[..i].trim_end_matches([' ', '\t', '\r']);
    before.is_empty() || before.ends_with('\n')
}

/// Whether `b` may start a sentence-ending character: `.`, `!`, `?`, a newline, or
/// the first byte of `…`.
fn may_end_sentence(b: u8) -> bool {
    matches!(b, b'.' | b'!' | b'?' | b'\n' | 0xE2)
}

/// Where the sentence holding `pos` starts: after the previous sentence end or
/// paragraph break, past any whitespace; at most [`SENTENCE_WINDOW`] bytes back.
pub(crate) fn sentence_start(text: &str, pos: usize) -> usize {
    sentence_start_after(text, pos, None)
}

/// As [`sentence_start`], told of a sentence end before `pos` already found by
/// [`sentence_end_found`] (a stop, never a newline): the search back stops there
/// instead of checking that stop again.
pub(crate) fn sentence_start_after(text: &str, pos: usize, known_end: Option<usize>) -> usize {
    let pos = floor_char_boundary(text, pos);
    let floor = floor_char_boundary(text, pos.saturating_sub(SENTENCE_WINDOW));
    let known_end = known_end.filter(|&end| floor <= end && end < pos);
    let bytes = text.as_bytes();
    let mut start = match known_end {
        Some(end) => end + char_at(text, end).map_or(1, char::len_utf8),
        None => floor,
    };
    let lowest = known_end.map_or(floor, |end| end + 1);
    let mut upto = pos;
    while let Some(i) = bytes[lowest..upto]
        .iter()
        .rposition(|&b| may_end_sentence(b))
        .map(|k| lowest + k)
    {
        upto = i;
        let boundary = match bytes[i] {
            b'\n' => ends_blank_line(text, i),
            0xE2 => text.is_char_boundary(i) && ends_sentence(text, i),
            _ => ends_sentence(text, i),
        };
        if boundary {
            start = i + char_at(text, i).map_or(1, char::len_utf8);
            break;
        }
    }
    let rest = &text[start..pos];
    let trimmed = rest.trim_start_matches(|c: char| {
        c.is_whitespace() || matches!(c, '"' | '”' | '’' | '\'' | ')' | '»' | ']')
    });
    start + (rest.len() - trimmed.len())
}

/// Where the sentence holding `pos` ends: at its closing `.`/`!`/`?` (exclusive), a
/// paragraph break, or the end of the text; at most [`SENTENCE_WINDOW`] bytes on.
pub(crate) fn sentence_end(text: &str, pos: usize) -> usize {
    sentence_end_found(text, pos).0
}

/// As [`sentence_end`], with the sentence-ending stop (`.`, `!`, `?`, `…`) found there,
/// if it ends at one rather than at a paragraph break or the window's edge.
pub(crate) fn sentence_end_found(text: &str, pos: usize) -> (usize, Option<usize>) {
    let pos = floor_char_boundary(text, pos);
    let limit = floor_char_boundary(text, pos.saturating_add(SENTENCE_WINDOW));
    let bytes = text.as_bytes();
    let mut from = pos;
    while let Some(i) = bytes[from..limit]
        .iter()
        .position(|&b| may_end_sentence(b))
        .map(|k| from + k)
    {
        let (end, stop) = match bytes[i] {
            b'\n' => (is_paragraph_break(text, i), false),
            0xE2 => (text.is_char_boundary(i) && ends_sentence(text, i), true),
            _ => (ends_sentence(text, i), true),
        };
        if end {
            return (i, stop.then_some(i));
        }
        from = i + 1;
    }
    (limit, None)
}

/// Where the first paragraph after `from` starts: just past the first blank line at or
/// after `from`, if one ends before the end of the text.
pub(crate) fn paragraph_cut_after(text: &str, from: usize) -> Option<usize> {
    let newline = next_paragraph_break(text, from)?;
    let cut = newline + 1 + text[newline + 1..].find('\n')? + 1;
    (cut < text.len()).then_some(cut)
}

/// The newline at or after `from` that starts a paragraph break (a line with nothing
/// but spaces follows it).
pub(crate) fn next_paragraph_break(text: &str, from: usize) -> Option<usize> {
    paragraph_break_within(text, from, text.len())
}

/// `limit`, or the newline that starts a paragraph break between `from` and `limit`:
/// where a look forward from `from` stops so as to stay in its paragraph.
pub(crate) fn paragraph_limit(text: &str, from: usize, limit: usize) -> usize {
    paragraph_break_within(text, from, limit).unwrap_or(limit)
}

/// The first newline between `from` and `limit` that starts a paragraph break.
fn paragraph_break_within(text: &str, from: usize, limit: usize) -> Option<usize> {
    let (from, limit) = (
        floor_char_boundary(text, from),
        floor_char_boundary(text, limit),
    );
    text[from..limit]
        .match_indices('\n')
        .map(|(k, _)| from + k)
        .find(|&i| is_paragraph_break(text, i))
}

/// `floor`, or where the paragraph holding `pos` starts when that is after `floor`:
/// where a look back from `pos` stops so as to stay in its paragraph.
pub(crate) fn paragraph_floor(text: &str, floor: usize, pos: usize) -> usize {
    text[floor..pos]
        .rmatch_indices('\n')
        .map(|(k, _)| floor + k)
        .find(|&i| ends_blank_line(text, i))
        .map_or(floor, |i| i + 1)
}

/// Whether a paragraph break lies between `a` and `b`.
pub(crate) fn paragraph_break_between(text: &str, a: usize, b: usize) -> bool {
    paragraph_break_within(text, a.min(b), a.max(b)).is_some()
}

/// The number of words in `s`.
pub(crate) fn word_count(s: &str) -> usize {
    Words::new(s, 0, s.len()).count()
}

/// `s` with its runs of whitespace turned into single spaces.
pub(crate) fn squeeze_spaces(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fast_word_test_agrees_with_the_unicode_tables_everywhere() {
        for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
            assert_eq!(is_word_char(c), c.is_alphanumeric(), "{c:?}");
        }
    }

    fn words(text: &str) -> Vec<&str> {
        Words::new(text, 0, text.len())
            .map(|w| w.text(text))
            .collect()
    }

    fn runs(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        let mut buf = Vec::new();
        for_each_cap_run(text, 0, text.len(), &mut buf, |run| {
            let start = run[0].word.start;
            let end = run[run.len() - 1].word.end;
            out.push(text[start..end].to_string());
        });
        out
    }

    #[test]
    fn words_join_hyphens_and_apostrophes_but_not_possessives() {
        assert_eq!(
            words("Ak-Bulun, chargé d'affaires; Nazarov's Kazakhstan’s -x"),
            [
                "Ak-Bulun",
                "chargé",
                "d'affaires",
                "Nazarov",
                "s",
                "Kazakhstan",
                "s",
                "x"
            ]
        );
        assert_eq!(words("Назарбаев заявил"), ["Назарбаев", "заявил"]);
    }

    #[test]
    fn cap_runs_take_connectors_titles_and_possessives() {
        assert_eq!(
            runs("the Embassy of Kazakhstan in Islamabad refused, Col. Daler Sharipov said"),
            ["Embassy of Kazakhstan in Islamabad", "Col. Daler Sharipov"]
        );
        assert_eq!(
            runs("the Interior Ministry's Department head"),
            ["Interior Ministry's Department"]
        );
        assert_eq!(
            runs("Uzbekistan, Kyrgyzstan and Tajikistan meet"),
            ["Uzbekistan", "Kyrgyzstan and Tajikistan"]
        );
        assert_eq!(runs("in  Two Spaces"), ["Two Spaces"]);
        assert_eq!(runs("in the"), Vec::<String>::new());
    }

    #[test]
    fn sentences_end_at_stops_but_not_after_abbreviations() {
        let text = "Col. Sharipov said so. The men left (Markaz-Press, March 3). Next";
        let second = text.find("The men").unwrap();
        assert_eq!(sentence_start(text, second + 5), second);
        assert_eq!(sentence_start(text, 10), 0);
        assert_eq!(sentence_end(text, 0), text.find(" The").unwrap() - 1);
        assert_eq!(&text[sentence_end(text, second)..][..2], ". ");
        assert!(!ends_sentence("approx. five", 6));
        assert!(ends_sentence("end.", 3));
    }

    #[test]
    fn a_stop_before_a_blank_line_ends_its_sentence() {
        assert!(!ends_sentence("He left Jan. then", 11));
        assert!(ends_sentence("He left Jan.\n\nthen", 11) == ends_sentence("He left Jan.", 11));
        assert!(!ends_sentence("He left. then", 7));
        assert!(ends_sentence("He left.\n\nthen", 7));
        assert!(ends_sentence("He left.\n \t\nthen", 7));
        assert!(!ends_sentence("He left.\nthen", 7));
    }

    #[test]
    fn paragraphs_break_on_blank_lines() {
        let text = "One line\nsame paragraph.\n\nNext one.";
        assert!(!paragraph_break_between(text, 0, 12));
        assert!(paragraph_break_between(text, 0, text.len()));
        assert_eq!(
            sentence_start(text, text.len() - 2),
            text.find("Next").unwrap()
        );
        assert_eq!(sentence_end(text, 0), text.find(".\n").unwrap());
    }

    #[test]
    fn whole_words_use_unicode_letters() {
        let text = "Назарбаевы и Назарбаев.";
        assert!(!is_whole_word(text, 0, "Назарбаев".len()));
        let at = text.rfind("Назарбаев").unwrap();
        assert!(is_whole_word(text, at, at + "Назарбаев".len()));
    }
}
