//! Tests of the public segmentation functions.

use std::path::Path;
use std::time::{Duration, Instant};

use proptest::prelude::*;

use super::*;
use crate::domain::offsets::OffsetIndex;

/// The texts of `ranges` in `text`.
fn texts<'t>(text: &'t str, ranges: &[Range<usize>]) -> Vec<&'t str> {
    ranges.iter().map(|r| &text[r.clone()]).collect()
}

/// All the sentences of `text`.
fn sentences(text: &str) -> Vec<&str> {
    texts(text, &sentences_in(text, 0..text.len()))
}

/// The byte offset of the first occurrence of `needle`.
fn at(text: &str, needle: &str) -> usize {
    text.find(needle).expect("needle in text")
}

// Graphemes.

#[test]
fn graphemes_keep_clusters_whole() {
    let family = "👩‍👩‍👧";
    let thumb = "👍🏽";
    let flag = "🇰🇿";
    let accented = "e\u{301}\u{323}";
    let text = format!("a{family}{thumb}{flag}{accented}\r\nb");
    let mut boundaries = vec![0];
    let mut at = 0;
    while at < text.len() {
        at = next_grapheme(&text, at);
        boundaries.push(at);
    }
    let sizes: Vec<usize> = boundaries.windows(2).map(|w| w[1] - w[0]).collect();
    let expected = [
        1,
        family.len(),
        thumb.len(),
        flag.len(),
        accented.len(),
        2,
        1,
    ];
    assert_eq!(sizes, expected);
    let mut back = vec![text.len()];
    let mut at = text.len();
    while at > 0 {
        at = prev_grapheme(&text, at);
        back.push(at);
    }
    back.reverse();
    assert_eq!(back, boundaries);
}

#[test]
fn graphemes_at_the_edges_and_inside_characters() {
    let text = "Қаз";
    assert_eq!(next_grapheme(text, text.len()), text.len());
    assert_eq!(next_grapheme(text, 99), text.len());
    assert_eq!(prev_grapheme(text, 0), 0);
    assert_eq!(next_grapheme(text, 1), 2, "inside Қ reads as its start");
    assert_eq!(prev_grapheme(text, 3), 0, "inside а reads as its start");
    assert_eq!(next_grapheme("", 0), 0);
    assert_eq!(prev_grapheme("", 5), 0);
}

#[test]
fn grapheme_in_the_middle_of_a_cluster_moves_to_its_edges() {
    let text = "x👍🏽y";
    let skin_tone = 1 + "👍".len();
    assert_eq!(next_grapheme(text, skin_tone), 1 + "👍🏽".len());
    assert_eq!(prev_grapheme(text, skin_tone), 1);
}

// Words.

#[test]
fn word_at_finds_words_not_punctuation() {
    let text = "Kazakhstan’s security, (Ekspress-K, July19).";
    assert_eq!(word_at(text, 3).map(|r| &text[r]), Some("Kazakhstan’s"));
    assert_eq!(
        word_at(text, at(text, "rity")).map(|r| &text[r]),
        Some("security")
    );
    assert_eq!(word_at(text, at(text, ",")), None);
    assert_eq!(word_at(text, at(text, " ")), None);
    assert_eq!(word_at(text, at(text, "(")), None);
    assert_eq!(word_at(text, at(text, "K,")).map(|r| &text[r]), Some("K"));
    assert_eq!(
        word_at(text, at(text, "19")).map(|r| &text[r]),
        Some("July19")
    );
    assert_eq!(word_at(text, text.len()), None);
}

#[test]
fn words_in_other_scripts() {
    let text = "Министр сказал: «Нет». 哈萨克斯坦 وزارة الخارجية 👍🏽 e\u{301}te";
    let words = texts(text, &words_in(text, 0..text.len()));
    assert_eq!(
        words,
        [
            "Министр",
            "сказал",
            "Нет",
            "哈",
            "萨",
            "克",
            "斯",
            "坦",
            "وزارة",
            "الخارجية",
            "e\u{301}te"
        ]
    );
}

#[test]
fn word_motions_follow_vim() {
    let text = "Col. Smith said: no, a U.S. deal.";
    let col = 0;
    let smith = at(text, "Smith");
    let said = at(text, "said");
    let no = at(text, "no");
    let a = at(text, " a ") + 1;
    let us = at(text, "U.S");
    let deal = at(text, "deal");
    // w
    assert_eq!(next_word_start(text, col), smith);
    assert_eq!(next_word_start(text, smith + 2), said);
    assert_eq!(
        next_word_start(text, said + 4),
        no,
        "punctuation is skipped"
    );
    assert_eq!(next_word_start(text, no), a);
    assert_eq!(next_word_start(text, a), us);
    assert_eq!(next_word_start(text, deal), text.len());
    // b
    assert_eq!(prev_word_start(text, said + 2), said);
    assert_eq!(prev_word_start(text, said), smith);
    assert_eq!(prev_word_start(text, no), said);
    assert_eq!(prev_word_start(text, 2), col);
    assert_eq!(prev_word_start(text, 0), 0);
    // e
    assert_eq!(word_end(text, col), 3);
    assert_eq!(
        word_end(text, 2),
        smith + 5,
        "from the last character, the next word"
    );
    assert_eq!(word_end(text, smith), smith + 5);
    assert_eq!(word_end(text, no), no + 2);
    assert_eq!(
        word_end(text, a),
        us + 3,
        "a one-letter word is left at once"
    );
    assert_eq!(word_end(text, deal + 3), text.len());
    assert_eq!(word_end(text, text.len()), text.len());
}

#[test]
fn word_motions_cross_paragraphs() {
    let text = "First words.\n\n\n  ...\n\nNext one.";
    let next = at(text, "Next");
    assert_eq!(next_word_start(text, at(text, "words")), next);
    assert_eq!(prev_word_start(text, next), at(text, "words"));
    assert_eq!(word_end(text, at(text, "words") + 4), next + 4);
}

#[test]
fn words_in_returns_whole_words_overlapping_the_range() {
    let text = "security services have";
    let words = texts(text, &words_in(text, 3..12));
    assert_eq!(words, ["security", "services"]);
    assert!(words_in(text, 5..5).is_empty());
    assert!(words_in(text, 8..9).is_empty(), "a space overlaps no word");
    assert_eq!(texts(text, &words_in(text, 20..99)), ["have"]);
}

// Sentences.

#[test]
fn news_abbreviations_and_initials_do_not_end_sentences() {
    let text = "Col. Shaukat Sultan told the AFP that Gen. Musharraf met Lt. Gen. Ali. \
                Dr. Smith and Mrs. Jones of the U.S. Embassy, the U.N. mission and the \
                U.K. delegation saw J. R. Smith on Jan. 5 and Sen. Rep. Gov. Prof. Mr. Ms. \
                Brown at No. 10 St. James St. in the vs. match. Jr. and Sr. staff, e.g. \
                Kazakh officials, i.e. Embassy staff, agreed. They left the U.S. The \
                ministry said so.";
    assert_eq!(
        sentences(text),
        [
            "Col. Shaukat Sultan told the AFP that Gen. Musharraf met Lt. Gen. Ali.",
            "Dr. Smith and Mrs. Jones of the U.S. Embassy, the U.N. mission and the \
             U.K. delegation saw J. R. Smith on Jan. 5 and Sen. Rep. Gov. Prof. Mr. Ms. \
             Brown at No. 10 St. James St. in the vs. match.",
            "Jr. and Sr. staff, e.g. Kazakh officials, i.e. Embassy staff, agreed.",
            "They left the U.S.",
            "The ministry said so.",
        ]
    );
}

#[test]
fn question_or_exclamation_before_lower_case_does_not_end_a_sentence() {
    assert_eq!(
        sentences("\"Who is responsible?\" he asked. \"Nobody!\" Officials said."),
        [
            "\"Who is responsible?\" he asked.",
            "\"Nobody!\"",
            "Officials said."
        ]
    );
}

#[test]
fn etc_ends_a_sentence_unless_lower_case_follows() {
    assert_eq!(sentences("Arms, cash, etc. were seized.").len(), 1);
    assert_eq!(
        sentences("Arms, cash, etc. Police said so."),
        ["Arms, cash, etc.", "Police said so."]
    );
}

#[test]
fn ordinary_sentence_ends() {
    assert_eq!(
        sentences("He denied it. \"No comment,\" she said! Why? (Ekspress-K, July19)."),
        [
            "He denied it.",
            "\"No comment,\" she said!",
            "Why?",
            "(Ekspress-K, July19)."
        ]
    );
}

#[test]
fn blank_line_always_ends_a_sentence() {
    let text = "Placeholder canvas\n\nMILITANTS IN NORTHERN PAKISTAN\r\n\r\nIt said so";
    assert_eq!(
        sentences(text),
        [
            "Placeholder canvas",
            "MILITANTS IN NORTHERN PAKISTAN",
            "It said so"
        ]
    );
}

#[test]
fn title_lines_without_blank_lines() {
    let text = "Four extremists killed in Miranshah\r\nPublication: Eurasia Daily Monitor 144\r\n\
                Kazakhstan’s security services denied it. Officials agreed.";
    assert_eq!(
        sentences(text),
        [
            "Four extremists killed in Miranshah",
            "Publication: Eurasia Daily Monitor 144",
            "Kazakhstan’s security services denied it.",
            "Officials agreed."
        ]
    );
}

#[test]
fn cyrillic_sentences() {
    let text = "Посольство Казахстана отказалось от комментариев. МИД не подтвердил \
                и не опроверг это сообщение! «Почему?» спросил министр. Почему? Неизвестно, \
                т.е. неясно.";
    assert_eq!(
        sentences(text),
        [
            "Посольство Казахстана отказалось от комментариев.",
            "МИД не подтвердил и не опроверг это сообщение!",
            "«Почему?» спросил министр.",
            "Почему?",
            "Неизвестно, т.е. неясно."
        ]
    );
}

#[test]
fn cjk_full_stop_ends_a_sentence() {
    let text = "巴基斯坦军方称死者中有哈萨克斯坦公民。哈萨克斯坦外交部未置可否！为什么？";
    assert_eq!(
        sentences(text),
        [
            "巴基斯坦军方称死者中有哈萨克斯坦公民。",
            "哈萨克斯坦外交部未置可否！",
            "为什么？"
        ]
    );
}

#[test]
fn arabic_question_mark_ends_a_sentence() {
    let text = "هل كانوا مواطنين كازاخستانيين؟ رفضت السفارة التعليق. لم تؤكد الوزارة.";
    assert_eq!(
        sentences(text),
        [
            "هل كانوا مواطنين كازاخستانيين؟",
            "رفضت السفارة التعليق.",
            "لم تؤكد الوزارة."
        ]
    );
}

#[test]
fn sentence_at_and_its_whitespace() {
    let text = "  First one.  Second one.\n\n\nThird one.  ";
    let first = at(text, "First")..at(text, "one.") + 4;
    let second = at(text, "Second")..at(text, "Second") + "Second one.".len();
    let third = at(text, "Third")..text.trim_end().len();
    assert_eq!(
        sentence_at(text, 0),
        first,
        "leading whitespace: the first sentence"
    );
    assert_eq!(sentence_at(text, first.start + 3), first);
    assert_eq!(
        sentence_at(text, first.end),
        first,
        "trailing space: the one before"
    );
    assert_eq!(sentence_at(text, second.start), second);
    assert_eq!(
        sentence_at(text, second.end + 1),
        second,
        "blank lines: the one before"
    );
    assert_eq!(sentence_at(text, third.start), third);
    assert_eq!(sentence_at(text, text.len()), third);
    assert_eq!(sentence_at(text, 999), third);
    assert_eq!(sentence_at("   ", 1), 1..1);
    assert_eq!(sentence_at("", 0), 0..0);
}

#[test]
fn sentence_motions() {
    let text = "One. Two two.\n\nThree. Four";
    let two = at(text, "Two");
    let three = at(text, "Three");
    let four = at(text, "Four");
    assert_eq!(next_sentence_start(text, 0), two);
    assert_eq!(
        next_sentence_start(text, two),
        three,
        "across the blank line"
    );
    assert_eq!(next_sentence_start(text, two + 8), three);
    assert_eq!(next_sentence_start(text, three), four);
    assert_eq!(next_sentence_start(text, four), text.len());
    assert_eq!(prev_sentence_start(text, four + 2), four);
    assert_eq!(prev_sentence_start(text, four), three);
    assert_eq!(
        prev_sentence_start(text, three),
        two,
        "across the blank line"
    );
    assert_eq!(prev_sentence_start(text, two), 0);
    assert_eq!(prev_sentence_start(text, 0), 0);
}

#[test]
fn sentences_in_returns_whole_sentences_overlapping_the_range() {
    let text = "One. Two two.\n\nThree. Four";
    let found = texts(text, &sentences_in(text, 6..at(text, "Three") + 1));
    assert_eq!(found, ["Two two.", "Three."]);
    assert!(
        sentences_in(text, 4..5).is_empty(),
        "a space overlaps no sentence"
    );
    assert!(sentences_in(text, 3..3).is_empty());
}

// Paragraphs.

#[test]
fn paragraphs_with_lf_and_crlf() {
    for newline in ["\n", "\r\n"] {
        let text = ["  Title", "", "One line", "two lines.", " \t", "", "Last."].join(newline);
        let one = at(&text, "One");
        let last = at(&text, "Last");
        let second = one..at(&text, "lines.") + "lines.".len();
        assert_eq!(
            paragraph_at(&text, 0),
            2..7,
            "leading whitespace: the first one"
        );
        assert_eq!(paragraph_at(&text, one + 12), second);
        assert_eq!(
            paragraph_at(&text, second.end + 1),
            second,
            "blank lines: before"
        );
        assert_eq!(paragraph_at(&text, text.len()), last..text.len());
        assert_eq!(next_paragraph_start(&text, 0), 2, "from its indentation");
        assert_eq!(next_paragraph_start(&text, 2), one);
        assert_eq!(next_paragraph_start(&text, one + 3), last);
        assert_eq!(next_paragraph_start(&text, last), text.len());
        assert_eq!(prev_paragraph_start(&text, last + 1), last);
        assert_eq!(prev_paragraph_start(&text, last), one);
        assert_eq!(prev_paragraph_start(&text, one), 2);
        assert_eq!(prev_paragraph_start(&text, 2), 0);
    }
}

#[test]
fn paragraphs_of_blank_text() {
    assert_eq!(paragraph_at("\n\n  \n", 2), 2..2);
    assert_eq!(next_paragraph_start("\n\n", 0), 2);
    assert_eq!(prev_paragraph_start("\n\n", 2), 0);
}

// The reference article.

#[test]
fn reference_article_splits_where_a_reader_would() {
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/samples");
    let (Ok(text), Ok(spacy)) = (
        std::fs::read_to_string(samples.join("kazakh-nationals-miranshah.txt")),
        std::fs::read_to_string(samples.join("kazakh-nationals-miranshah.spacy.json")),
    ) else {
        eprintln!("skipped: the reference article is not in ../shared/samples");
        return;
    };
    let spacy: serde_json::Value = serde_json::from_str(&spacy).expect("valid spaCy JSON");
    let index = OffsetIndex::new(&text);
    let theirs: Vec<&str> = spacy["sents"]
        .as_array()
        .expect("sents")
        .iter()
        .map(|s| {
            let byte = |key: &str| {
                let ch = s[key].as_u64().expect("offset") as usize;
                index.char_to_byte(&text, ch).expect("offset in the text")
            };
            text[byte("start")..byte("end")].trim()
        })
        .collect();
    assert_eq!(theirs.len(), 28);
    let ours = sentences(&text);

    let only_theirs: Vec<&str> = theirs
        .iter()
        .filter(|s| !ours.contains(s))
        .copied()
        .collect();
    let only_ours: Vec<&str> = ours
        .iter()
        .filter(|s| !theirs.contains(s))
        .copied()
        .collect();
    for s in &only_theirs {
        eprintln!("spaCy only: {s:?}");
    }
    for s in &only_ours {
        eprintln!("ours only:  {s:?}");
    }
    // The article holds no abbreviation, initial or "U.S."-style period (those are covered
    // by `news_abbreviations_and_initials_do_not_end_sentences`), so every one of its
    // 26 other sentences, citations in parentheses included, must match spaCy's exactly.
    // Accepted differences, where spaCy's model is wrong and a reader agrees with us:
    // - spaCy runs the four heading lines (page title, headline, publication line,
    //   subheading), separated by blank lines, into the first sentence of the body; a
    //   blank line always ends a sentence, so we give each its own sentence.
    // - spaCy splits "... Kazakhstan Nartay | Dutbayev first identified ..." inside a
    //   person's name; there is no sentence end there.
    assert_eq!(only_theirs.len(), 3, "{only_theirs:#?}");
    assert!(only_theirs[0].starts_with("Placeholder canvas\n\nMILITANTS"));
    assert!(only_theirs[1].ends_with("Kazakhstan Nartay"));
    assert!(only_theirs[2].starts_with("Dutbayev first identified"));
    assert_eq!(
        only_ours,
        [
            "Placeholder canvas",
            "MILITANTS IN NORTHERN PAKISTAN ALLEGEDLY INCLUDE KAZAKH NATIONALS",
            "Publication: Eurasia Daily Monitor Volume: 2 Issue: 144",
            "Four extremists killed in Miranshah held Kazakh passports",
            "Kazakhstan’s security services have repeatedly resorted to the tactic of \
             denying offhand any possible connections between Kazakh nationals and \
             international extremist organizations.",
            "Deputy Chief of the National Security Committee of Kazakhstan Nartay Dutbayev \
             first identified this dangerous trend among Kazakh believers in September 2004.",
        ]
    );
    // The citations in parentheses stay with their sentence.
    for cited in [
        "(Ekspress-K, July19).",
        "(Zhas Alash, April 9).",
        "June 18).",
    ] {
        assert!(ours.iter().any(|s| s.ends_with(cited)), "{cited}");
    }
}

// Locality and robustness.

#[test]
fn ten_megabytes_are_answered_locally() {
    let paragraph = "Col. Shaukat Sultan told the AFP that at least four of the killed were \
                     Kazakh citizens (Ekspress-K, July19). The Embassy of Kazakhstan refused \
                     to comment. ";
    let paragraphs = format!("{}\n\n", paragraph.repeat(3)).repeat(10 * 1024 * 1024 / 600);
    let giant = paragraph.repeat(10 * 1024 * 1024 / paragraph.len());
    for text in [paragraphs, giant] {
        let started = Instant::now();
        for i in 1..=20 {
            let byte = floor_char_boundary(&text, text.len() * i / 21);
            let sentence = sentence_at(&text, byte);
            assert!(sentence.len() < 200, "{:?}", &text[sentence]);
            let word = next_word_start(&text, byte);
            assert!(word > byte && word - byte < 40);
            assert!(prev_sentence_start(&text, byte) < byte);
            assert!(next_sentence_start(&text, byte) > byte);
            assert!(word_end(&text, byte) > byte);
            assert!(prev_word_start(&text, byte) < byte);
            assert!(word_at(&text, word).is_some());
            let nearby = sentences_in(&text, byte..byte + 500);
            assert!((4..=9).contains(&nearby.len()), "{}", nearby.len());
            for s in nearby {
                let s = &text[s];
                assert!(s.starts_with("Col.") || s.starts_with("The Embassy"), "{s}");
            }
            assert!(next_grapheme(&text, byte) > byte);
        }
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "local questions must not segment the whole text"
        );
    }
}

/// Pieces of text that stress segmentation.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "[a-zA-Z]{1,8}",
        2 => prop::sample::select(vec![" ", ". ", "\n", "\r\n", "\n\n", "\r\n \r\n", "? "]).prop_map(String::from),
        1 => prop::sample::select(vec!["Col.", "U.S.", "J.", "e.g.", "No.", "etc."]).prop_map(String::from),
        1 => prop::sample::select(vec!["👩‍👩‍👧", "👍🏽", "e\u{301}", "漢字。", "Қаз", "؟", "’"]).prop_map(String::from),
        1 => any::<char>().prop_map(String::from),
    ]
}

proptest! {
    #[test]
    fn segmentation_is_consistent(pieces in prop::collection::vec(piece(), 0..40), pick in 0usize..400) {
        let text = pieces.concat();
        let byte = pick % (text.len() + 2);
        let at = floor_char_boundary(&text, byte);

        let next = next_grapheme(&text, byte);
        prop_assert!(text.is_char_boundary(next) && (next > at || at == text.len()));
        let previous = prev_grapheme(&text, byte);
        prop_assert!(text.is_char_boundary(previous) && (previous < at || at == 0));

        let words = words_in(&text, 0..text.len());
        let all_sentences = sentences_in(&text, 0..text.len());
        for list in [&words, &all_sentences] {
            prop_assert!(list.windows(2).all(|w| w[0].end <= w[1].start));
            prop_assert!(list.iter().all(|r| r.start < r.end && text.get(r.clone()).is_some()));
        }
        prop_assert_eq!(word_at(&text, at), words.iter().find(|w| w.contains(&at)).cloned());
        prop_assert_eq!(
            next_word_start(&text, byte),
            words.iter().map(|w| w.start).find(|&s| s > at).unwrap_or(text.len())
        );
        prop_assert_eq!(
            prev_word_start(&text, byte),
            words.iter().map(|w| w.start).rfind(|&s| s < at).unwrap_or(0)
        );
        prop_assert_eq!(
            next_sentence_start(&text, byte),
            all_sentences.iter().map(|s| s.start).find(|&s| s > at).unwrap_or(text.len())
        );
        prop_assert_eq!(
            prev_sentence_start(&text, byte),
            all_sentences.iter().map(|s| s.start).rfind(|&s| s < at).unwrap_or(0)
        );
        let sentence = sentence_at(&text, byte);
        prop_assert!(sentence.is_empty() || all_sentences.contains(&sentence));
        if text[at..].starts_with(|c: char| !c.is_whitespace()) {
            prop_assert!(sentence.contains(&at));
            prop_assert!(paragraph_at(&text, byte).contains(&at));
        }
        let paragraph = paragraph_at(&text, byte);
        prop_assert!(paragraph.start <= sentence.start && sentence.end <= paragraph.end);
        let next_paragraph = next_paragraph_start(&text, byte);
        prop_assert!(next_paragraph > at || at == text.len());
        prop_assert!(prev_paragraph_start(&text, byte) < at || at == 0);
    }
}
