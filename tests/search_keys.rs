//! The search prompt and every other prompt, driven by key scripts: `/` opens empty, Up
//! and Down walk the earlier patterns, the readline keys edit any prompt (by grapheme and
//! by word, on Cyrillic, CJK and emoji), the matches are counted once per search and
//! drawn in the article.

mod ui_support;

use std::fs;

use scholia::app::action::Action;
use scholia::app::session::Session;
use scholia::app::state::Overlay;
use scholia::ui::Theme;
use ui_support::{draw, keys, options};

const ARTICLE: &str = "Kazakh Nationals Killed\n\nCol. Shaukat Sultan, a Pakistani military official, told AFP that at least four of the dead were Kazakh citizens (Ekspress-K, July 19). Shaukat Sultan added that the embassy in Islamabad was told. Нартай Дутбаев said nothing. 東京大学 👨‍👩‍👧 Shaukat.\n";

/// A session on `text` in a temporary folder, laid out at 120×40.
fn session(text: &str) -> (tempfile::TempDir, Session) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("article.txt");
    fs::write(&path, text).unwrap();
    let mut session = Session::open(&path, &options()).unwrap();
    session.dispatch(Action::Resize(120, 40));
    (dir, session)
}

/// The text of the open prompt (search, filter, note or the picker's query).
fn prompt_text(s: &Session) -> String {
    match &s.app().overlay() {
        Some(Overlay::Search { input, .. }) | Some(Overlay::Filter { input }) => {
            input.text().to_string()
        }
        Some(Overlay::Note { input, .. }) => input.text().to_string(),
        Some(Overlay::Picker { picker, .. }) => picker.query().to_string(),
        other => panic!("no text prompt open: {other:?}"),
    }
}

fn pattern(s: &Session) -> String {
    s.app().search().map(|s| s.pattern.clone()).unwrap()
}

fn message(s: &Session) -> String {
    s.app()
        .message()
        .map(|m| m.text.clone())
        .unwrap_or_default()
}

#[test]
fn slash_opens_empty_so_a_second_search_does_not_append_to_the_first() {
    let (_dir, mut s) = session(ARTICLE);
    keys(&mut s, "/Shaukat <enter>");
    assert_eq!(pattern(&s), "Shaukat");
    keys(&mut s, "/");
    assert_eq!(prompt_text(&s), "");
    keys(&mut s, "at <space> least <enter>");
    assert_eq!(pattern(&s), "at least");
    assert_eq!(
        s.app().cursor(),
        ARTICLE.find("at least").unwrap(),
        "{}",
        message(&s)
    );
}

#[test]
fn up_and_down_walk_the_earlier_patterns_newest_first() {
    let (_dir, mut s) = session(ARTICLE);
    keys(
        &mut s,
        "/Shaukat <enter> /four <enter> /Sultan <enter> /Sultan <enter>",
    );
    keys(&mut s, "/ <up>");
    assert_eq!(
        prompt_text(&s),
        "Sultan",
        "Up on an empty prompt recalls the last"
    );
    keys(&mut s, "<up>");
    assert_eq!(prompt_text(&s), "four", "a repeated pattern is kept once");
    keys(&mut s, "<up> <up>");
    assert_eq!(prompt_text(&s), "Shaukat", "the oldest stays");
    keys(&mut s, "<down>");
    assert_eq!(prompt_text(&s), "four");
    keys(&mut s, "<down> <down>");
    assert_eq!(prompt_text(&s), "", "past the newest: what was typed");
    keys(&mut s, "emb <up> <down>");
    assert_eq!(prompt_text(&s), "emb", "what was typed comes back");
    keys(&mut s, "<up> <enter>");
    assert_eq!(pattern(&s), "Sultan");
}

#[test]
fn readline_keys_edit_the_search_prompt_by_word_and_grapheme() {
    let (_dir, mut s) = session(ARTICLE);
    keys(&mut s, "/Нартай <space> Дутбаев <ctrl-w>");
    assert_eq!(
        prompt_text(&s),
        "Нартай ",
        "Ctrl-W deletes the previous word"
    );
    keys(&mut s, "<ctrl-w>");
    assert_eq!(prompt_text(&s), "");
    keys(&mut s, "東京大学 <space> 👨‍👩‍👧 <space> é <ctrl-a> x");
    assert_eq!(
        prompt_text(&s),
        "x東京大学 👨‍👩‍👧 é",
        "Ctrl-A goes to the start"
    );
    keys(&mut s, "<ctrl-e> <backspace>");
    assert_eq!(prompt_text(&s), "x東京大学 👨‍👩‍👧 ", "Ctrl-E to the end");
    keys(&mut s, "<alt-b> <alt-b> y");
    assert_eq!(
        prompt_text(&s),
        "yx東京大学 👨‍👩‍👧 ",
        "Alt-B skips the emoji, then the CJK word"
    );
    keys(&mut s, "<alt-f> z");
    assert_eq!(
        prompt_text(&s),
        "yx東京大学z 👨‍👩‍👧 ",
        "Alt-F to the word's end"
    );
    keys(&mut s, "<left> <ctrl-u>");
    assert_eq!(prompt_text(&s), "z 👨‍👩‍👧 ", "Ctrl-U deletes to the start");
    keys(&mut s, "<alt-f> <alt-f> <ctrl-w>");
    assert_eq!(prompt_text(&s), "z ", "Alt-F past the last word: the end");
    keys(&mut s, "<ctrl-w>");
    assert_eq!(prompt_text(&s), "");
}

#[test]
fn readline_keys_work_in_the_filter_the_note_and_the_palette_too() {
    let (_dir, mut s) = session(ARTICLE);
    // Filter prompt of the panel.
    keys(&mut s, "<tab> / Нартай <space> Дутбаев <ctrl-w>");
    assert_eq!(prompt_text(&s), "Нартай ");
    assert_eq!(
        s.app().panel().filter(s.app().panel().tab),
        "Нартай ",
        "the filter follows the edit"
    );
    keys(&mut s, "<ctrl-u>");
    assert_eq!(s.app().panel().filter(s.app().panel().tab), "");
    keys(&mut s, "<esc> <tab>");
    // The palette's query.
    keys(&mut s, ": sav <ctrl-w>");
    assert_eq!(prompt_text(&s), "");
    keys(&mut s, "stats <ctrl-a> x <alt-f> <ctrl-u>");
    assert_eq!(prompt_text(&s), "");
    keys(&mut s, "<esc>");
    // The note editor, on a fresh claim; Ctrl-U deletes to the start of the line only.
    keys(&mut s, "V c i");
    keys(&mut s, "первая <enter> вторая <space> строка <ctrl-w>");
    assert_eq!(prompt_text(&s), "первая\nвторая ");
    keys(&mut s, "<ctrl-u>");
    assert_eq!(prompt_text(&s), "первая\n");
    keys(&mut s, "王 <ctrl-a> <alt-f> 小");
    assert_eq!(prompt_text(&s), "первая\n王小");
}

#[test]
fn the_prompt_keys_are_rebindable_and_the_hints_follow() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("article.txt");
    fs::write(&path, ARTICLE).unwrap();
    let project = dir.path().join(".scholia.toml");
    fs::write(
        &project,
        "[keys.search]\n\"ctrl-w\" = \"none\"\n\"ctrl-k\" = \"delete-word-before\"\n",
    )
    .unwrap();
    let mut opts = options();
    opts.config = Some(scholia::domain::config::ConfigSources {
        user: None,
        project: Some(project),
    });
    let mut s = Session::open(&path, &opts).unwrap();
    s.dispatch(Action::Resize(120, 40));
    keys(&mut s, "/at <space> least <ctrl-w>");
    assert_eq!(prompt_text(&s), "at least", "Ctrl-W is unbound");
    keys(&mut s, "<ctrl-k>");
    assert_eq!(prompt_text(&s), "at ");
    let shown = ui_support::text_of(draw(&mut s, 200, 40, &Theme::plain()).backend().buffer());
    assert!(shown.contains("Ctrl-k delete word"), "{shown}");
    assert!(!shown.contains("Ctrl-w"), "{shown}");
}

#[test]
fn the_status_line_counts_the_matches_after_slash_n_and_shift_n() {
    let (_dir, mut s) = session(ARTICLE);
    keys(&mut s, "/Shaukat <enter>");
    assert!(message(&s).contains("1/3"), "{}", message(&s));
    keys(&mut s, "n");
    assert!(message(&s).contains("2/3"), "{}", message(&s));
    keys(&mut s, "n n");
    assert!(message(&s).contains("1/3"), "wraps: {}", message(&s));
    keys(&mut s, "N");
    assert!(message(&s).contains("3/3"), "{}", message(&s));
    keys(&mut s, "/nobody-says-this <enter>");
    assert!(message(&s).contains("no match"), "{}", message(&s));
}

#[test]
fn the_matches_are_counted_once_per_search() {
    let (_dir, mut s) = session(ARTICLE);
    keys(&mut s, "/Shaukat <enter>");
    let search = s.app().search().unwrap();
    assert_eq!(search.matches().len(), 3);
    let first = search.matches().to_vec();
    keys(&mut s, "n n N");
    assert_eq!(s.app().search().unwrap().matches(), first.as_slice());
    // Non-ASCII: the match spans are byte ranges on character boundaries.
    keys(&mut s, "/дутбаев <enter>");
    let search = s.app().search().unwrap();
    let (start, end) = search.matches()[0];
    assert_eq!(&ARTICLE[start..end], "Дутбаев");
}

#[test]
fn every_visible_match_is_highlighted_apart_from_the_selection() {
    let (_dir, mut s) = session(ARTICLE);
    keys(&mut s, "/Shaukat <enter>");
    let terminal = draw(&mut s, 120, 40, &Theme::colored());
    let buf = terminal.backend().buffer();
    let theme = Theme::colored();
    let matched = theme.search_match(ratatui::style::Style::default());
    let selected = theme.selection(ratatui::style::Style::default());
    assert_ne!(matched, selected);
    // Find each "Shaukat" on screen and check its cells (all but the cursor's) carry
    // the match style's background.
    let area = buf.area;
    let mut found = 0;
    for y in 0..area.height - 1 {
        let row: String = (0..area.width).map(|x| buf[(x, y)].symbol()).collect();
        let mut from = 0;
        while let Some(i) = row[from..].find("Shaukat") {
            let x = row[..from + i].chars().count() as u16;
            let cell = &buf[(x + 1, y)];
            assert_eq!(cell.bg, matched.bg.unwrap(), "row {y}: {row}");
            found += 1;
            from += i + 1;
        }
    }
    assert!(found >= 3, "{found} matches drawn");
    let plain = ui_support::screen(&mut s, 120, 40);
    assert!(plain.contains("1/3"), "{plain}");
}

#[test]
fn a_search_in_visual_mode_extends_the_selection_to_the_match() {
    let (_dir, mut s) = session(ARTICLE);
    keys(&mut s, "/at <space> le <enter> v /Kazakh <enter> e");
    let text = s.app().doc().text();
    let range = s.app().selected_range().expect("still selecting");
    assert_eq!(
        &text[range], "at least four of the dead were Kazakh",
        "v, then / to the last word, then e"
    );
    keys(&mut s, "n");
    assert!(s.app().selected_range().is_some(), "n extends it too");
}
