//! What the adjudication view looks like: the Adjudication tab with its progress and
//! rows, the disputed words marked in the article, at a roomy and a cramped size.

mod adjudication_support;
mod ui_support;

use ratatui::style::{Color, Modifier};
use scholia::commands::adjudicate::{open, plan};
use scholia::ui::Theme;
use ui_support::{draw, keys, options, screen};

fn adjudicating(dir: &std::path::Path) -> scholia::app::session::Session {
    let (article, a, b) = adjudication_support::write_fixture(dir);
    let args = adjudication_support::args(&article, &[&a, &b], None);
    let start = plan(&args).unwrap();
    open(&args, start, &options()).unwrap()
}

#[test]
fn the_adjudication_view_at_two_sizes() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = adjudicating(dir.path());
    insta::assert_snapshot!("adjudication_120x40", screen(&mut s, 120, 40));
    insta::assert_snapshot!("adjudication_40x10", screen(&mut s, 40, 10));
    keys(&mut s, "<alt-1> <alt-1>");
    insta::assert_snapshot!("adjudication_two_decided_120x40", screen(&mut s, 120, 40));
}

#[test]
fn disputed_words_are_marked_and_agreed_ones_are_not() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = adjudicating(dir.path());
    type Marked = fn(&ratatui::buffer::Cell) -> bool;
    let on_red: Marked = |c| c.bg == Color::Red;
    let struck: Marked = |c| c.modifier.contains(Modifier::CROSSED_OUT);
    for (theme, disputed) in [(Theme::colored(), on_red), (Theme::plain(), struck)] {
        let terminal = draw(&mut s, 120, 40, &theme);
        let buf = terminal.backend().buffer();
        let cell_of = |words: &str| {
            let line = (0..40u16)
                .find(|&y| {
                    let row: String = (0..120u16)
                        .map(|x| buf[(x, y)].symbol().to_string())
                        .collect();
                    row.contains(words)
                })
                .unwrap_or_else(|| panic!("{words:?} on screen"));
            let row: Vec<String> = (0..120u16)
                .map(|x| buf[(x, line)].symbol().to_string())
                .collect();
            let first = words.chars().next().unwrap().to_string();
            let x = (0..120usize)
                .find(|&x| row[x] == first && row[x..].concat().starts_with(words))
                .unwrap();
            buf[(x as u16, line)].clone()
        };
        assert!(disputed(&cell_of("Петров")), "only in B: disputed");
        assert!(disputed(&cell_of("Министр")), "boundaries: disputed");
        assert!(!disputed(&cell_of("Эксперт")), "no annotation: plain");
    }
}
