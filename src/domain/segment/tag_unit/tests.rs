//! Tests of the natural unit for tagging.

use proptest::prelude::*;

use super::*;

/// The unit's text with the cursor on the first occurrence of `needle` (plus `offset`
/// bytes into it).
fn unit<'t>(text: &'t str, needle: &str, offset: usize) -> Option<&'t str> {
    let at = text.find(needle).expect("needle in text") + offset;
    tag_unit_at(text, at).map(|r| &text[r])
}

/// The unit's text with the cursor at the start of `needle`.
fn unit_on<'t>(text: &'t str, needle: &str) -> &'t str {
    unit(text, needle, 0).expect("a unit")
}

const ARTICLE: &str = "Col. Shaukat Sultan, a Pakistani military official, told AFP that \
    four were Kazakh citizens (Ekspress-K, July 19). Sultan's office declined. \
    Deputy Interior Minister Bakhtiyor Nazarov spoke to Delovaya Nedelya on Monday.";

#[test]
fn a_capitalised_run_is_one_unit_from_any_of_its_words() {
    assert_eq!(unit_on(ARTICLE, "Shaukat"), "Shaukat Sultan");
    assert_eq!(unit_on(ARTICLE, "Sultan,"), "Shaukat Sultan");
    assert_eq!(unit_on(ARTICLE, "Nedelya"), "Delovaya Nedelya");
    assert_eq!(unit(ARTICLE, "Delovaya", 3), Some("Delovaya Nedelya"));
}

#[test]
fn hyphen_and_apostrophe_joined_tokens_are_one() {
    assert_eq!(unit_on(ARTICLE, "Ekspress"), "Ekspress-K");
    assert_eq!(unit_on(ARTICLE, "K, July"), "Ekspress-K");
    let text = "Then O'Brien met al-Assad and Ak-Bulun guards.";
    assert_eq!(unit_on(text, "O'Brien"), "O'Brien");
    assert_eq!(unit_on(text, "Brien"), "O'Brien");
    assert_eq!(unit_on(text, "al-Assad"), "al-Assad");
    assert_eq!(unit_on(text, "Bulun"), "Ak-Bulun");
    assert_eq!(unit_on("a well-known man", "known"), "well-known");
}

#[test]
fn a_trailing_possessive_is_left_out() {
    assert_eq!(unit_on(ARTICLE, "Sultan's"), "Sultan");
    let curly = "Then Shaukat Sultan\u{2019}s office declined.";
    assert_eq!(unit_on(curly, "Shaukat"), "Shaukat Sultan");
    assert_eq!(unit_on(curly, "Sultan"), "Shaukat Sultan");
    assert_eq!(unit_on("the ministry's view", "ministry"), "ministry");
    // On the possessive itself, the token as written contains the cursor.
    assert_eq!(unit(ARTICLE, "'s office", 1), Some("Sultan's"));
    // The run stops after a possessive: "office" is not part of the name anyway, but
    // a capitalised word after it is not either.
    assert_eq!(unit_on("Sultan's Office", "Sultan"), "Sultan");
    assert_eq!(unit_on("Sultan's Office", "Office"), "Office");
}

#[test]
fn openers_and_titles_left_of_the_cursor_are_left_out() {
    assert_eq!(unit_on(ARTICLE, "Nazarov"), "Bakhtiyor Nazarov");
    assert_eq!(unit_on(ARTICLE, "Bakhtiyor"), "Bakhtiyor Nazarov");
    assert_eq!(
        unit_on(ARTICLE, "Minister"),
        "Deputy Interior Minister Bakhtiyor Nazarov"
    );
    assert_eq!(
        unit_on("The Kazakh Embassy said", "Embassy"),
        "Kazakh Embassy"
    );
    assert_eq!(
        unit_on("The Kazakh Embassy said", "The"),
        "The Kazakh Embassy"
    );
}

#[test]
fn particles_join_only_between_capitalised_words() {
    let text = "He met Charles de Gaulle and the Ministry of Foreign Affairs in Paris.";
    assert_eq!(unit_on(text, "Charles"), "Charles de Gaulle");
    assert_eq!(unit_on(text, "de Gaulle"), "Charles de Gaulle");
    assert_eq!(unit_on(text, "Affairs"), "Ministry of Foreign Affairs");
    assert_eq!(unit_on(text, "Paris"), "Paris");
    assert_eq!(unit_on("a piece of cake", "of"), "of");
}

#[test]
fn a_run_stops_at_punctuation_line_breaks_and_lowercase_words() {
    assert_eq!(unit_on(ARTICLE, "AFP"), "AFP");
    assert_eq!(unit_on(ARTICLE, "Kazakh"), "Kazakh");
    assert_eq!(unit_on("Shaukat\nSultan spoke", "Shaukat"), "Shaukat");
    assert_eq!(unit_on("Shaukat\r\nSultan spoke", "Sultan"), "Sultan");
    assert_eq!(unit_on("in Tashkent. The next day", "Tashkent"), "Tashkent");
    assert_eq!(unit_on("told AFP news", "news"), "news");
}

#[test]
fn an_all_capitals_word_under_the_cursor_stands_alone_but_an_acronym_joins_a_run() {
    let headline = "GUNFIRE AT AK-BULUN: THREE CAPITALS";
    assert_eq!(unit_on(headline, "AK-BULUN"), "AK-BULUN");
    assert_eq!(unit_on(headline, "CAPITALS"), "CAPITALS");
    assert_eq!(
        unit_on("the UN Security Council met", "Security"),
        "UN Security Council"
    );
}

#[test]
fn a_run_holds_at_most_eight_tokens() {
    let text = "Alpha Bravo Charlie Delta Echo Foxtrot Golf Hotel India Juliett";
    let found = unit_on(text, "Delta");
    assert_eq!(found.split(' ').count(), MAX_RUN_TOKENS, "{found}");
    assert!(found.contains("Delta"));
}

#[test]
fn a_long_official_name_is_kept_whole_up_to_the_limit() {
    let text = "The Border Troops of the State Committee for National Security of Tajikistan said.";
    assert_eq!(
        unit_on(text, "Committee"),
        "State Committee for National Security of Tajikistan"
    );
}

#[test]
fn cyrillic_and_greek_runs_use_their_case() {
    let russian = "Министр Бахтиёр Назаров заявил, что газета Деловая Неделя ошиблась.";
    assert_eq!(unit_on(russian, "Назаров"), "Бахтиёр Назаров");
    assert_eq!(unit_on(russian, "Деловая"), "Деловая Неделя");
    assert_eq!(unit_on(russian, "газета"), "газета");
    let greek = "Ο Κυριάκος Μητσοτάκης δήλωσε ότι";
    assert_eq!(unit_on(greek, "Μητσοτάκης"), "Κυριάκος Μητσοτάκης");
    assert_eq!(unit_on(greek, "δήλωσε"), "δήλωσε");
}

#[test]
fn arabic_has_no_case_so_the_unit_is_the_word() {
    let arabic = "قال شوكت سلطان إن أربعة من القتلى";
    assert_eq!(unit_on(arabic, "شوكت"), "شوكت");
    assert_eq!(unit_on(arabic, "سلطان"), "سلطان");
    let hyphened = "وكالة إكسبرس-ك نقلت";
    assert_eq!(unit_on(hyphened, "إكسبرس"), "إكسبرس-ك");
}

#[test]
fn han_characters_give_up_to_three_from_the_cursor() {
    let chinese = "外交部长王毅表示，王小明在北京。";
    assert_eq!(unit_on(chinese, "王毅"), "王毅表");
    assert_eq!(unit_on(chinese, "王小明"), "王小明");
    assert_eq!(
        unit_on(chinese, "北京"),
        "北京",
        "the full stop ends the run"
    );
    assert_eq!(unit_on("说王。", "王"), "王");
    // Kana after kanji ends the run: トランプ is a word of its own.
    let japanese = "東京でトランプ氏が";
    assert_eq!(unit_on(japanese, "東京"), "東京");
    assert_eq!(unit_on(japanese, "トランプ"), "トランプ");
}

#[test]
fn on_a_very_long_line_the_unit_stays_whole_and_near_the_cursor() {
    let names = "Shaukat Sultan met ".repeat(500);
    let at = names.len() / 2;
    let found = tag_unit_at(&names, at).unwrap();
    assert!(found.contains(&at));
    assert!(found.len() < 40, "{:?}", &names[found]);
    // A single word longer than the look-around is taken whole, not cut.
    let word = "e\u{301}".repeat(3000);
    let found = tag_unit_at(&word, word.len() / 2).unwrap();
    assert_eq!(found, 0..word.len());
}

#[test]
fn off_a_word_there_is_no_unit() {
    assert_eq!(unit(ARTICLE, ", a Pakistani", 0), None);
    assert_eq!(unit(ARTICLE, " (Ekspress", 1), None);
    assert_eq!(tag_unit_at("", 0), None);
    assert_eq!(tag_unit_at("abc", 99), None);
}

/// Text made of name-like pieces in several scripts, with spaces, punctuation and line
/// breaks between them.
fn article() -> impl Strategy<Value = String> {
    let piece = prop::sample::select(vec![
        "Shaukat",
        "Sultan's",
        "Sultan\u{2019}s",
        "Ekspress-K",
        "O'Brien",
        "al-Assad",
        "de",
        "of",
        "the",
        "The",
        "Minister",
        "AFP",
        "said",
        "Назаров",
        "Деловая",
        "Κυριάκος",
        "شوكت",
        "王毅表示",
        "トランプ",
        "e\u{301}cole",
        "👩‍👩‍👧",
        "Ki\u{301}m",
        "K",
        "-",
        "'",
        "s",
        "40,000",
    ]);
    let gap = prop::sample::select(vec![" ", "  ", ", ", "\n", "\r\n", "", ". ", "-", "\u{a0}"]);
    prop::collection::vec((piece, gap), 0..24).prop_map(|parts| {
        parts
            .into_iter()
            .map(|(piece, gap)| format!("{piece}{gap}"))
            .collect()
    })
}

proptest! {
    #[test]
    fn the_unit_holds_the_cursor_on_grapheme_boundaries_within_a_line(
        text in article(),
        pick in any::<prop::sample::Index>(),
    ) {
        let boundaries: Vec<usize> = {
            let mut all = vec![0];
            let mut at = 0;
            while at < text.len() {
                at = super::super::next_grapheme(&text, at);
                all.push(at);
            }
            all
        };
        let at = boundaries[pick.index(boundaries.len())];
        if let Some(unit) = tag_unit_at(&text, at) {
            prop_assert!(unit.start <= at && at < unit.end, "{unit:?} misses {at} in {text:?}");
            prop_assert!(boundaries.contains(&unit.start), "{unit:?} in {text:?}");
            prop_assert!(boundaries.contains(&unit.end), "{unit:?} in {text:?}");
            let inside = &text[unit.clone()];
            prop_assert!(!inside.contains(['\n', '\r']), "{inside:?} crosses a line");
        }
    }
}
