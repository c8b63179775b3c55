//! The panel's work does not grow with the number of annotations: with tens of
//! thousands of pending suggestions in the Review tab, a frame makes rows only for what
//! it shows, and keys that change nothing listed (moving in the list, `]` in the
//! article) work out no list or count again. A decision works them out once.

#[path = "../benches/support/review_book.rs"]
mod review_book;
mod support;

use ratatui::backend::TestBackend;
use ratatui::Terminal;

use scholia::app::action::Action;
use scholia::app::grouping;
use scholia::app::key::{Key, KeyCode};
use scholia::app::panel::{self, PanelWork};
use scholia::app::panel_lists::Counts;
use scholia::app::session::Session;
use scholia::app::state::Tab;
use scholia::ui::{draw, Theme};

/// Rows of a 40-line screen: no frame can show more list rows than that.
const SCREEN_ROWS: usize = 40;

/// A session on a book with `suggestions` pending suggestions, the Review tab focused,
/// one frame drawn.
fn reviewing(suggestions: usize) -> (tempfile::TempDir, Session, Terminal<TestBackend>) {
    let dir = tempfile::tempdir().unwrap();
    let path = review_book::write_book(dir.path(), suggestions * 32, suggestions, 0);
    let mut s = support::open(&path);
    let mut terminal = Terminal::new(TestBackend::new(120, SCREEN_ROWS as u16)).unwrap();
    support::keys(&mut s, "gr");
    frame(&s, &mut terminal);
    (dir, s, terminal)
}

fn frame(s: &Session, terminal: &mut Terminal<TestBackend>) {
    terminal
        .draw(|f| draw(f, s.app(), &Theme::colored()))
        .unwrap();
}

/// The work done by `press` then a frame, `times` over.
fn work_of(
    s: &mut Session,
    terminal: &mut Terminal<TestBackend>,
    times: usize,
    press: impl Fn(&mut Session),
) -> PanelWork {
    let before = panel::work();
    for _ in 0..times {
        press(s);
        frame(s, terminal);
    }
    let after = panel::work();
    PanelWork {
        rows_made: after.rows_made - before.rows_made,
        lists_made: after.lists_made - before.lists_made,
        counts_made: after.counts_made - before.counts_made,
        lists_copied: after.lists_copied - before.lists_copied,
    }
}

/// The targets the Review tab lists, in order, and the counts.
fn listed(s: &Session) -> (Vec<String>, Counts) {
    let list = panel::list(s.app(), Tab::Review);
    let targets = list.targets().map(str::to_string).collect();
    (targets, panel::counts(s.app()))
}

/// The Review tab's list and the counts worked out afresh (showing rejected
/// suggestions and hiding them again makes both anew), with the highlighted row put
/// back where it was.
fn listed_afresh(s: &mut Session) -> (Vec<String>, Counts) {
    let selected = s.app().panel().selected;
    support::keys(s, "RR");
    let fresh = listed(s);
    for _ in 0..selected {
        support::keys(s, "j");
    }
    fresh
}

/// The work in a review of 27k suggestions: moving in the list, stepping through the
/// article, deciding. (One session: making the book is the slow part.)
#[test]
fn the_panel_works_for_what_it_shows_whatever_the_suggestion_count() {
    let (_dir, mut s, mut terminal) = reviewing(27_000);
    assert_eq!(panel::list(s.app(), Tab::Review).len(), 27_000);

    let work = work_of(&mut s, &mut terminal, 30, |s| support::keys(s, "j"));
    assert!(
        work.rows_made <= 30 * SCREEN_ROWS,
        "30 frames after j made {} rows",
        work.rows_made
    );
    assert_eq!(work.lists_made, 0, "j worked a list out again");
    assert_eq!(work.counts_made, 0, "j counted the annotations again");
    assert_eq!(s.app().panel().selected, 30);

    let work = work_of(&mut s, &mut terminal, 1, |s| support::keys(s, "a"));
    assert_eq!(panel::list(s.app(), Tab::Review).len(), 26_999);
    assert!(
        work.rows_made <= 2 * SCREEN_ROWS,
        "a made {} rows",
        work.rows_made
    );
    assert_eq!(work.lists_made, 0, "a worked the review list out again");
    assert_eq!(work.counts_made, 0, "a counted every annotation again");
    assert_eq!(work.lists_copied, 0, "a copied the review list");

    s.dispatch(Action::Key(Key::plain(KeyCode::Tab)));
    frame(&s, &mut terminal);
    let cursor = s.app().cursor();
    let work = work_of(&mut s, &mut terminal, 20, |s| support::keys(s, "]"));
    assert!(s.app().cursor() > cursor, "] moved on");
    assert!(
        work.rows_made <= 20 * SCREEN_ROWS,
        "] made {} rows",
        work.rows_made
    );
    assert_eq!(work.lists_made, 0, "] worked a list out again");
    assert_eq!(work.counts_made, 0, "] counted the annotations again");
}

/// A decision changes one suggestion: the index of mentions the grouping proposal looks
/// among and the relations' links catch up with that edit instead of walking every
/// mention and relation again (that they then equal ones built afresh is tested in
/// `app::grouping` and `app::panel_lists`).
#[test]
fn a_decision_does_not_index_every_mention_or_link_again() {
    let (_dir, mut s, mut terminal) = reviewing(3_000);
    support::keys(&mut s, "a");
    frame(&s, &mut terminal);
    let before = grouping::indexes_built();
    assert!(before > 0, "the grouping proposal indexed the mentions");
    let work = work_of(&mut s, &mut terminal, 10, |s| support::keys(s, "a"));
    // The counts are worked out again; the links catch up with the edit.
    assert!(
        work.counts_made <= 10,
        "10 decisions counted or linked {} times",
        work.counts_made
    );
    assert_eq!(
        grouping::indexes_built(),
        before,
        "10 decisions indexed every mention again"
    );
}

/// Decisions (accept, reject, skip, their undoing, accept-all, in reading and in score
/// order) bring the Review tab's list and the counts up to date by the suggestions
/// they changed: nothing is worked out from every annotation again or copied, and the
/// list and counts are those worked out afresh.
#[test]
fn decisions_keep_the_review_list_and_the_counts_as_worked_out_afresh() {
    let (_dir, mut s, mut terminal) = reviewing(3_000);
    for (order, script) in [
        ("Reading", "a <space> x j j a <backspace> <space> x k a"),
        ("Score", "a x <space> j a <backspace> a j j <space> x"),
    ] {
        if order == "Score" {
            // The order changed: the list is worked out once for it.
            support::keys(&mut s, "o");
            frame(&s, &mut terminal);
        }
        assert_eq!(format!("{:?}", s.app().review().order), order);
        let work = work_of(&mut s, &mut terminal, 1, |s| {
            for key in script.split(' ') {
                support::keys(s, key);
            }
        });
        assert_eq!(work.lists_made, 0, "{order}: {script} worked a list out");
        assert_eq!(work.counts_made, 0, "{order}: {script} counted again");
        assert_eq!(work.lists_copied, 0, "{order}: {script} copied a list");
        let kept = listed(&s);
        assert!(kept.1.decided >= 4, "{order}: {:?}", kept.1);
        assert_eq!(kept, listed_afresh(&mut s), "{order}");
    }
    // Accept-all by score: thousands of suggestions leave the list at once.
    let pending = listed(&s).1.pending;
    support::keys(&mut s, "A");
    frame(&s, &mut terminal);
    let kept = listed(&s);
    assert!(kept.1.pending < pending, "{:?}", kept.1);
    assert_eq!(kept, listed_afresh(&mut s));
}

/// A decision changes the mentions of one name at most: the grouping proposals worked
/// out for other names are kept (each looks at every mention ending with the same
/// word), and an acceptance keeps even its own name's, since a suggestion accepted is
/// the same mention; a rejection takes a mention away, and its name's proposal is
/// worked out again, as a proposal worked out afresh says.
#[test]
fn a_decision_keeps_the_grouping_proposals_it_does_not_change() {
    let (_dir, mut s, mut terminal) = reviewing(3_000);
    // Every name of the first paragraphs has its proposal worked out.
    work_of(&mut s, &mut terminal, 24, |s| support::keys(s, "j"));
    work_of(&mut s, &mut terminal, 24, |s| support::keys(s, "k"));
    let before = grouping::proposals_made();
    work_of(&mut s, &mut terminal, 10, |s| support::keys(s, "a"));
    let made = grouping::proposals_made() - before;
    assert_eq!(made, 0, "10 acceptances worked out {made} proposals");
    let made = proposals_shown_by_moving(&mut s, &mut terminal);
    assert_eq!(
        made, 0,
        "after 10 acceptances, moving worked out {made} proposals"
    );

    // Rejections take mentions away: the proposals of their names are worked out
    // again when shown.
    work_of(&mut s, &mut terminal, 3, |s| support::keys(s, "x"));
    let made = proposals_shown_by_moving(&mut s, &mut terminal);
    assert!(
        (1..=3).contains(&made),
        "after 3 rejections, moving worked out {made} proposals"
    );
}

/// Moves through the next 24 suggestions (every name of two paragraphs), checking
/// that each proposal shown is the one worked out afresh; how many proposals the moves
/// worked out.
fn proposals_shown_by_moving(s: &mut Session, terminal: &mut Terminal<TestBackend>) -> usize {
    let mut made = 0;
    for _ in 0..24 {
        let before = grouping::proposals_made();
        work_of(s, terminal, 1, |s| support::keys(s, "j"));
        made += grouping::proposals_made() - before;
        assert_eq!(shown_proposal(s), proposal_afresh(s));
    }
    made
}

/// The grouping proposal shown for the annotation in focus.
fn shown_proposal(s: &Session) -> Option<grouping::Grouping> {
    let id = &s.app().focused_annotation()?.id;
    s.app().grouping_proposal_for(id).cloned()
}

/// The grouping proposal for the annotation in focus, worked out from the store.
fn proposal_afresh(s: &Session) -> Option<grouping::Grouping> {
    let id = s.app().focused_annotation()?.id.clone();
    grouping::propose(s.app().store(), &id)
}
