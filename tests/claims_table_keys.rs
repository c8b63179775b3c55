//! The claims table by key script (issue 10, trap 7): every claim with its stance,
//! credibility, sources with reliability, cited publications and note; sortable; Enter
//! jumps to the claim.

mod ui_support;

use scholia::app::action::Action;
use scholia::app::claims_table::{self, ClaimsTable, Column};
use scholia::app::session::Session;
use scholia::app::state::{Focus, Overlay};
use ui_support::{keys, options, screen};

/// A session on `text` in a temporary folder, laid out on a 120×40 screen.
fn session(text: &str) -> (tempfile::TempDir, Session) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("article.txt");
    std::fs::write(&path, text).unwrap();
    let mut session = Session::open(&path, &options()).unwrap();
    session.dispatch(Action::Resize(120, 40));
    (dir, session)
}

/// Moves the cursor to the first occurrence of `needle`.
fn goto(s: &mut Session, needle: &str) {
    ui_support::goto(s, needle, 0);
}

/// An article in three scripts: a claim cited from a publication after it, one in
/// Cyrillic, one attributed to a name in Han characters.
pub const ARTICLE: &str = "Col. Shaukat Sultan, a Pakistani military official, told AFP that four of the dead were Kazakh citizens (Ekspress-K, July 19). Нурлан Ермекбаев сказал, что граница закрыта (Курсив, 20 июля). 王先生 denied that anyone had crossed.\n";

/// Selects exactly `needle` (its first occurrence) and types `tag`.
fn tag_text(s: &mut Session, needle: &str, tag: &str) {
    let text = s.app().doc().text().to_string();
    let at = text.find(needle).unwrap_or_else(|| panic!("{needle:?}"));
    let last = needle.char_indices().last().unwrap().0;
    s.dispatch(Action::GoTo(at));
    keys(s, "v");
    s.dispatch(Action::GoTo(at + last));
    keys(s, tag);
}

/// The article tagged: five sources, three claims linked, graded and one with a note
/// holding an escape sequence.
pub fn tagged() -> (tempfile::TempDir, Session) {
    let (dir, mut s) = session(ARTICLE);
    tag_text(&mut s, "Shaukat Sultan", "s = B");
    tag_text(&mut s, "Ekspress-K", "s r u");
    tag_text(&mut s, "Нурлан Ермекбаев", "s");
    tag_text(&mut s, "Курсив", "s r u");
    tag_text(&mut s, "王先生", "s");
    tag_text(&mut s, "four of the dead were Kazakh citizens", "c");
    keys(&mut s, "L <enter> L <enter> t a = 3 i");
    s.dispatch(Action::Paste("sketchy\u{1b}[31m, says the embassy".into()));
    keys(&mut s, "<esc>");
    tag_text(&mut s, "граница закрыта", "c");
    keys(&mut s, "L <enter> L <enter> t h = 4");
    tag_text(&mut s, "anyone had crossed", "c");
    keys(&mut s, "L <enter> t d = 2");
    (dir, s)
}

fn table(s: &Session) -> ClaimsTable {
    match &s.app().overlay() {
        Some(Overlay::Claims(table)) => table.clone(),
        other => panic!("no claims table: {other:?} {:?}", s.app().message()),
    }
}

/// The claim texts in the table's order.
fn order(s: &Session) -> Vec<String> {
    claims_table::rows(s.app(), &table(s))
        .into_iter()
        .map(|r| r.cells[0].clone())
        .collect()
}

/// The claim text of the highlighted row.
fn highlighted(s: &Session) -> String {
    let t = table(s);
    claims_table::rows(s.app(), &t)[t.selected].cells[0].clone()
}

#[test]
fn shift_c_shows_each_claim_with_its_grades_sources_publications_and_note() {
    let (_dir, mut s) = tagged();
    keys(&mut s, "C");
    let rows = claims_table::rows(s.app(), &table(&s));
    let cells: Vec<Vec<String>> = rows.iter().map(|r| r.cells.to_vec()).collect();
    assert_eq!(
        cells,
        vec![
            vec![
                "four of the dead were Kazakh citizens".to_string(),
                "asserted".into(),
                "3".into(),
                "Shaukat Sultan [B]".into(),
                "Ekspress-K".into(),
                "sketchy␛[31m, says the embassy".into(),
            ],
            vec![
                "граница закрыта".to_string(),
                "hedged".into(),
                "4".into(),
                "Нурлан Ермекбаев".into(),
                "Курсив".into(),
                String::new(),
            ],
            vec![
                "anyone had crossed".to_string(),
                "denied".into(),
                "2".into(),
                "王先生".into(),
                String::new(),
                String::new(),
            ],
        ]
    );
    assert_eq!(table(&s).sort, Column::Claim);
}

#[test]
fn s_cycles_the_sort_column_r_reverses_and_the_highlight_stays_on_its_claim() {
    let (_dir, mut s) = tagged();
    goto(&mut s, "граница");
    keys(&mut s, "C");
    assert_eq!(
        highlighted(&s),
        "граница закрыта",
        "opens on the claim under the cursor"
    );
    keys(&mut s, "s");
    assert_eq!(table(&s).sort, Column::Stance);
    assert_eq!(
        order(&s),
        [
            "four of the dead were Kazakh citizens",
            "anyone had crossed",
            "граница закрыта"
        ]
    );
    assert_eq!(highlighted(&s), "граница закрыта");
    keys(&mut s, "r");
    assert_eq!(
        order(&s),
        [
            "граница закрыта",
            "anyone had crossed",
            "four of the dead were Kazakh citizens"
        ]
    );
    keys(&mut s, "s");
    assert_eq!(table(&s).sort, Column::Credibility);
    assert!(!table(&s).descending, "a new column sorts ascending");
    assert_eq!(
        order(&s),
        [
            "anyone had crossed",
            "four of the dead were Kazakh citizens",
            "граница закрыта"
        ]
    );
    keys(&mut s, "s s");
    assert_eq!(table(&s).sort, Column::Cited);
    assert_eq!(
        order(&s),
        [
            "four of the dead were Kazakh citizens",
            "граница закрыта",
            "anyone had crossed"
        ]
    );
    keys(&mut s, "r");
    assert_eq!(
        order(&s),
        [
            "граница закрыта",
            "four of the dead were Kazakh citizens",
            "anyone had crossed"
        ],
        "a claim citing nothing stays last either way"
    );
}

#[test]
fn j_k_and_paging_move_enter_jumps_to_the_claim_esc_and_q_close() {
    let (_dir, mut s) = tagged();
    goto(&mut s, "Col.");
    keys(&mut s, "C");
    assert_eq!(table(&s).selected, 0);
    keys(&mut s, "j j j");
    assert_eq!(table(&s).selected, 2, "stops at the last row");
    keys(&mut s, "k <home>");
    assert_eq!(table(&s).selected, 0);
    keys(&mut s, "<pgdn>");
    assert_eq!(table(&s).selected, 2);
    keys(&mut s, "<esc>");
    assert!(s.app().overlay().is_none());
    keys(&mut s, "C q");
    assert!(
        s.app().overlay().is_none() && !s.app().quit(),
        "q closes the table, not scholia"
    );
    keys(&mut s, "<tab> C j <enter>");
    assert!(s.app().overlay().is_none());
    assert_eq!(s.app().focus(), Focus::Article);
    let at = s.app().doc().text().find("граница закрыта").unwrap();
    assert_eq!(
        s.app().cursor(),
        at,
        "the cursor on the claim's first character"
    );
}

#[test]
fn with_no_claims_it_says_how_to_make_one() {
    let (_dir, mut s) = session("Nothing tagged here.\n");
    keys(&mut s, "C");
    assert!(s.app().overlay().is_none());
    assert!(s.app().message().unwrap().text.contains("no claims"));
}

#[test]
fn the_table_draws_at_every_size_with_every_script_sanitised() {
    let (_dir, mut s) = tagged();
    keys(&mut s, "C s");
    let shown = screen(&mut s, 80, 20);
    insta::assert_snapshot!("claims_table_80x20", shown);
    let narrow = screen(&mut s, 40, 10);
    insta::assert_snapshot!("claims_table_40x10", narrow);
    for heading in ["claim", "stance", "sources"] {
        assert!(narrow.contains(heading), "{heading} at 40x10:\n{narrow}");
    }
    assert!(
        narrow.contains("Shaukat"),
        "the source shows at 40 columns:\n{narrow}"
    );
    let wide = screen(&mut s, 250, 70);
    for whole in [
        "four of the dead were Kazakh citizens",
        "Shaukat Sultan [B]",
        "Нурлан Ермекбаев",
        "王先生",
        "sketchy␛[31m, says the embassy",
        "stance ▲",
        "cites",
    ] {
        assert!(wide.contains(whole), "{whole} at 250x70:\n{wide}");
    }
}
