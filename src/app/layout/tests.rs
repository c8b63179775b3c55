//! Tests of the layout: the wrapping rules of the module doc, bounded work on long
//! lines, and invariants over random text.

use super::wrapper::SCANNED;
use super::*;
use crate::app::display_text::{BIDI_MARK, INVISIBLE_MARK};
use proptest::prelude::*;
use unicode_width::UnicodeWidthStr;

fn scanned_during(f: impl FnOnce()) -> usize {
    SCANNED.with(|s| s.set(0));
    f();
    SCANNED.with(|s| s.get())
}

/// The rows of `text` at `width` as strings of their drawn cells.
fn drawn(text: &str, width: u16) -> Vec<String> {
    let index = LineIndex::new(text);
    rows_from(text, index.starts(), 0, Wrap::new(width), usize::MAX)
        .iter()
        .map(|row| row.cells.iter().map(|c| c.text.as_str()).collect())
        .collect()
}

/// Whether `s` holds nothing a terminal would act on or reorder by.
fn is_inert(s: &str) -> bool {
    s.chars().all(|c| {
        !c.is_control()
            && !matches!(
                c,
                '\u{202a}'..='\u{202e}'
                    | '\u{2066}'..='\u{2069}'
                    | '\u{200e}'
                    | '\u{200f}'
                    | '\u{61c}'
                    | '\u{feff}'
                    | '\u{200b}'
            )
    })
}

/// Checks every invariant of the layout of `text` at one geometry.
fn check_layout(text: &str, wrap: Wrap, checkpoint_bytes: usize) {
    let index = LineIndex::new(text);
    let w = Wrapper::with_checkpoints(text, index.starts(), wrap, checkpoint_bytes);
    let width = wrap.width.max(1);
    let rows = w.rows_from(0, usize::MAX);
    assert!(!rows.is_empty());

    let mut rebuilt = String::new();
    for (i, row) in rows.iter().enumerate() {
        rebuilt.push_str(&text[row.start..row.end]);
        assert_eq!(row.first_of_line, i == 0 || rows[i - 1].last_of_line);
        if let Some(next) = rows.get(i + 1) {
            if row.last_of_line {
                let ending = &text[row.end..next.start];
                assert!(ending == "\n" || ending == "\r\n", "ending {ending:?}");
                rebuilt.push_str(ending);
                assert_eq!(next.line, row.line + 1);
            } else {
                assert_eq!(next.start, row.end);
                assert!(row.end > row.start);
                assert_eq!(next.line, row.line);
            }
        }
        let mut at = row.start;
        if at == 0 && text.starts_with('\u{feff}') {
            at = 3;
        }
        for cell in &row.cells {
            assert_eq!(cell.byte, at);
            at += cell.len;
            assert!(cell.width >= 1);
            assert_eq!(cell.text.width(), usize::from(cell.width), "{cell:?}");
            assert!(is_inert(&cell.text), "{cell:?}");
        }
        assert_eq!(at.max(row.start), row.end);
        assert!(row.width() <= width, "{row:?} wider than {width}");
        if row.last_of_line {
            assert!(row.width() < width, "no room for the cursor: {row:?}");
        }
    }
    assert_eq!(rebuilt, text);
    let last = rows.last().unwrap();
    assert!(last.last_of_line);
    assert_eq!(last.end, text.len());

    let mut b = 0;
    while b <= text.len() {
        let expected = rows.iter().rev().find(|r| r.start <= b).unwrap();
        assert_eq!(w.locate(b).1, expected.start, "row start of byte {b}");
        assert_eq!(&w.row_at(b), expected);
        b += text[b..].chars().next().map_or(1, char::len_utf8);
    }

    for (i, row) in rows.iter().enumerate() {
        let prev = i.checked_sub(1).map(|p| rows[p].start);
        let next = rows.get(i + 1).map(|r| r.start);
        assert_eq!(w.prev_row_start(row.start), prev, "prev of row {i}");
        assert_eq!(w.next_row_start(row.start), next, "next of row {i}");
        for delta in [-7isize, -2, -1, 0, 1, 3, 9] {
            let target = (i as isize + delta).clamp(0, rows.len() as isize - 1) as usize;
            assert_eq!(w.offset(row.start, delta), rows[target].start);
        }
        for cell in &row.cells {
            assert_eq!(byte_at_column(row, column_of(row, cell.byte)), cell.byte);
        }
        for column in 0..=width {
            let byte = byte_at_column(row, column);
            assert!(column_of(row, byte) <= column);
        }
        if row.last_of_line {
            assert_eq!(byte_at_column(row, width), row.end);
        }
    }
    for i in (0..rows.len()).step_by(3) {
        let end = (i + 4).min(rows.len());
        assert_eq!(w.rows_from(rows[i].start, 4), rows[i..end]);
    }
}

#[test]
fn line_index_finds_line_starts() {
    assert_eq!(LineIndex::new("").starts(), &[0]);
    assert_eq!(LineIndex::new("a\nbc\r\nd\n").starts(), &[0, 2, 6, 8]);
}

#[test]
fn wraps_after_whitespace() {
    assert_eq!(
        drawn("the quick brown fox", 10),
        ["the quick ", "brown fox"]
    );
}

#[test]
fn breaks_a_word_longer_than_the_row() {
    assert_eq!(drawn("abcdefghij", 4), ["abcd", "efgh", "ij"]);
    assert_eq!(drawn("xy abcdefghij", 4), ["xy ", "abcd", "efgh", "ij"]);
}

#[test]
fn keeps_a_column_for_the_cursor_at_the_end_of_a_line() {
    assert_eq!(drawn("ab cd", 5), ["ab ", "cd"]);
    assert_eq!(drawn("abcd", 4), ["abcd", ""]);
    assert_eq!(drawn("abc", 4), ["abc"]);
}

#[test]
fn line_endings_end_rows_and_are_not_drawn() {
    let text = "ab\r\ncd\n\nx\ry\n";
    let index = LineIndex::new(text);
    let rows = rows_from(text, index.starts(), 0, Wrap::new(10), 99);
    let ranges: Vec<_> = rows.iter().map(|r| (r.start, r.end)).collect();
    assert_eq!(ranges, [(0, 2), (4, 6), (7, 7), (8, 11), (12, 12)]);
    assert_eq!(drawn(text, 10), ["ab", "cd", "", "x␍y", ""]);
    assert_eq!(row_start_of(text, index.starts(), 3, Wrap::new(10)), 0);
}

#[test]
fn wide_glyphs_never_straddle_the_edge() {
    assert_eq!(drawn("中文中文", 5), ["中文", "中文"]);
    assert_eq!(drawn("ab中文", 5), ["ab中", "文"]);
    assert_eq!(drawn("中", 1), ["⋯", ""]);
    assert_eq!(
        drawn("👨\u{200d}👩\u{200d}👧👍🏽", 4),
        ["👨\u{200d}👩\u{200d}👧", "👍🏽"]
    );
}

#[test]
fn tabs_expand_to_the_next_stop() {
    let text = "a\tbc\td";
    let index = LineIndex::new(text);
    let row = row_at(text, index.starts(), 0, Wrap::new(40));
    let widths: Vec<u16> = row.cells.iter().map(|c| c.width).collect();
    assert_eq!(widths, [1, 7, 1, 1, 6, 1]);
    assert_eq!(row.cells[1].kind, GlyphKind::Tab);
    assert_eq!(row.cells[1].text, " ".repeat(7));
    let narrow = row_at(text, index.starts(), 0, Wrap::new(5));
    assert_eq!(narrow.width(), 5);
    let four = Wrap {
        width: 40,
        tab_width: 4,
    };
    assert_eq!(row_at(text, index.starts(), 0, four).width(), 9);
}

#[test]
fn untrusted_controls_are_marks() {
    assert_eq!(drawn("\x1b[2Jx", 20), ["␛[2Jx"]);
    assert_eq!(drawn("\x1b]0;x\x07", 20), ["␛]0;x␇"]);
    assert_eq!(drawn("ab\u{202e}cd", 20), [format!("ab{BIDI_MARK}cd")]);
    assert_eq!(drawn("a\u{200b}b", 20), [format!("a{INVISIBLE_MARK}b")]);
    let text = "x\n\u{301}";
    let index = LineIndex::new(text);
    let row = row_at(text, index.starts(), 2, Wrap::new(20));
    assert_eq!(row.cells[0].text, "◌\u{301}");
    assert_eq!(row.cells[0].kind, GlyphKind::Mark);
}

#[test]
fn bom_at_the_start_is_not_drawn() {
    let text = "\u{feff}ab";
    assert_eq!(drawn(text, 10), ["ab"]);
    let index = LineIndex::new(text);
    let row = row_at(text, index.starts(), 0, Wrap::new(10));
    assert_eq!((row.start, row.end, row.cells[0].byte), (0, 5, 3));
    assert_eq!(column_of(&row, 0), 0);
    assert_eq!(byte_at_column(&row, 0), 3);
}

#[test]
fn degenerate_widths_do_not_panic_or_loop() {
    for width in [0, 1] {
        for text in ["", "a", "中\t👍🏽 x\r\n\u{301}", "\t\t"] {
            check_layout(
                text,
                Wrap {
                    width,
                    tab_width: 0,
                },
                CHECKPOINT_BYTES,
            );
        }
    }
}

#[test]
fn columns_follow_cells() {
    let text = "a中b";
    let index = LineIndex::new(text);
    let row = row_at(text, index.starts(), 0, Wrap::new(10));
    assert_eq!(column_of(&row, 0), 0);
    assert_eq!(column_of(&row, 1), 1);
    assert_eq!(column_of(&row, 2), 1);
    assert_eq!(column_of(&row, 4), 3);
    assert_eq!(column_of(&row, 5), 4);
    assert_eq!(byte_at_column(&row, 2), 1);
    assert_eq!(byte_at_column(&row, 3), 4);
    assert_eq!(byte_at_column(&row, 9), 5);
}

#[test]
fn checkpoints_restart_the_wrap_and_stay_on_grapheme_boundaries() {
    let text = "é".repeat(3000);
    let decomposed = "e\u{301}".repeat(3000);
    for text in [text, decomposed] {
        let index = LineIndex::new(&text);
        for row in rows_from(&text, index.starts(), 0, Wrap::new(70), usize::MAX) {
            assert!(row.cells.iter().all(|c| !c.text.starts_with('◌')));
        }
    }
}

#[test]
fn samples_of_many_scripts_lay_out_consistently() {
    let samples = [
        "The quick brown fox jumps over the lazy dog.\nSecond line\r\n\r\nend",
        "Съешь же ещё этих мягких французских булок, да выпей чаю.",
        "مرحبا بالعالم، هذا نص عربي للاختبار.\u{202e}abc\u{202c}",
        "日本語のテキストと中文文本，混合English words。",
        "family 👨\u{200d}👩\u{200d}👧 thumbs 👍🏽👍🏿 flags 🇫🇷🇩🇪 ❤\u{fe0f}",
        "Zalgo: z\u{301}\u{302}\u{303}a\u{304}\u{305} \u{301}lone",
        "col1\tcol2\t\tcol3\n\tindented",
        "esc \x1b[2J clear, title \x1b]0;x\x07 and \x7f del \u{85} nel",
        "\u{feff}bom then text\u{feff}inner \u{ad}soft\u{200b}zwsp",
        "",
        "\n",
        "\r\n\r\n",
    ];
    for text in samples {
        for width in [1, 2, 3, 5, 8, 13, 40, 200] {
            for checkpoint_bytes in [16, 64, CHECKPOINT_BYTES] {
                check_layout(text, Wrap::new(width), checkpoint_bytes);
            }
        }
    }
}

#[test]
fn work_per_call_is_bounded_on_a_ten_megabyte_line() {
    let prose = "lorem ipsum dolor sit amet, ".repeat(10 * 1024 * 1024 / 28);
    let cjk = "中文文本".repeat(10 * 1024 * 1024 / 12);
    let marks = format!("a{}", "\u{301}".repeat(5 * 1024 * 1024));
    let flags = "🇫🇷".repeat(10 * 1024 * 1024 / 8);
    // A few segments (the one holding the start, checkpoint look-ups) on top of the
    // text the rows themselves cover.
    let bound = 8 * CHECKPOINT_BYTES;
    for text in [prose, cjk, marks, flags] {
        let index = LineIndex::new(&text);
        let lines = index.starts();
        let wrap = Wrap::new(80);
        let middle = text.len() / 2;
        let mut covered = 0;
        let scanned = scanned_during(|| {
            let rows = rows_from(&text, lines, middle, wrap, 50);
            assert_eq!(rows.len(), 50);
            covered = rows[49].end - rows[0].start;
        });
        assert!(
            scanned < covered + bound,
            "rows_from scanned {scanned} bytes, covered {covered}, text {:?}",
            text.chars().take(3).collect::<String>()
        );
        let scanned = scanned_during(|| {
            let start = row_start_of(&text, lines, middle, wrap);
            assert!(start <= middle && middle - start < 2 * CHECKPOINT_BYTES);
            let next = next_row_start(&text, lines, start, wrap).unwrap();
            assert_eq!(prev_row_start(&text, lines, next, wrap), Some(start));
        });
        assert!(scanned < 2 * bound, "row motion scanned {scanned} bytes");
        let scanned = scanned_during(|| {
            let up = offset_row_start(&text, lines, middle, -100, wrap);
            let down = offset_row_start(&text, lines, up, 100, wrap);
            assert_eq!(down, row_start_of(&text, lines, middle, wrap));
            covered = middle - up;
        });
        assert!(
            scanned < 3 * covered + 2 * bound,
            "scrolling scanned {scanned} bytes"
        );
    }
}

const PIECES: &[&str] = &[
    "a",
    "word",
    "longerword",
    " ",
    "  ",
    "\t",
    "\n",
    "\r\n",
    "\r",
    "é",
    "e\u{301}",
    "\u{301}",
    "Привет",
    "مرحبا",
    "中文",
    "日本",
    "👍🏽",
    "👨\u{200d}👩\u{200d}👧",
    "🇫🇷",
    "\x1b[2J",
    "\x1b]0;x\x07",
    "\u{202e}",
    "\u{200b}",
    "\u{feff}",
    "\u{ad}",
    "\u{85}",
    "\x7f",
    "\u{a0}",
    "\u{200d}",
    ".",
    ",",
];

fn text_strategy() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => prop::collection::vec(prop::sample::select(PIECES), 0..80)
            .prop_map(|pieces| pieces.concat()),
        1 => any::<String>(),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn layout_invariants_hold(
        text in text_strategy(),
        width in 1u16..=200,
        tab_width in 1u16..=8,
        checkpoint_bytes in prop::sample::select(vec![16usize, 40, 64, 128, CHECKPOINT_BYTES]),
    ) {
        check_layout(&text, Wrap { width, tab_width }, checkpoint_bytes);
    }

    #[test]
    fn the_clamped_top_is_the_top_moved_up_only_as_far_as_the_end_asks(
        text in text_strategy(),
        width in 1u16..=40,
        height in 1usize..=12,
        tops in prop::collection::vec(any::<prop::sample::Index>(), 1..6),
    ) {
        let index = LineIndex::new(&text);
        let lines = index.starts();
        let wrap = Wrap::new(width);
        let back = isize::try_from(height).unwrap() - 1;
        let lowest = offset_row_start(&text, lines, text.len(), -back, wrap);
        for top in tops {
            let top = top.index(text.len() + 1);
            let by_layout = row_start_of(&text, lines, top, wrap).min(lowest);
            prop_assert_eq!(clamped_top(&text, lines, top, height, wrap), by_layout);
        }
    }

    #[test]
    fn a_line_index_that_does_not_match_never_panics_or_loops(
        text in text_strategy(),
        lines in prop::collection::vec(0usize..400, 0..12),
        width in 1u16..=12,
    ) {
        let wrap = Wrap::new(width);
        let rows = rows_from(&text, &lines, 0, wrap, text.len() + 10);
        prop_assert!(rows.len() <= text.len() + 1);
        for row in &rows {
            prop_assert!(row.start <= row.end && row.end <= text.len());
            prop_assert!(text.get(row.start..row.end).is_some());
        }
        for byte in (0..text.len() + 3).step_by(7) {
            let start = row_start_of(&text, &lines, byte, wrap);
            prop_assert!(text.get(start..).is_some());
            let _ = prev_row_start(&text, &lines, byte, wrap);
            let _ = next_row_start(&text, &lines, byte, wrap);
            let _ = offset_row_start(&text, &lines, byte, -3, wrap);
            let _ = offset_row_start(&text, &lines, byte, 3, wrap);
            let row = row_at(&text, &lines, byte, wrap);
            prop_assert!(row.width() <= width);
        }
    }

    #[test]
    fn narrow_layout_invariants_hold(
        text in text_strategy(),
        width in 1u16..=6,
    ) {
        check_layout(&text, Wrap::new(width), 16);
    }
}

#[test]
fn the_top_of_a_long_article_is_clamped_without_laying_out_its_end() {
    // A long last paragraph: finding the rows at its end means wrapping much of it.
    let text = format!("{}{}", "a short line\n".repeat(50), "word ".repeat(20_000));
    let index = LineIndex::new(&text);
    let wrap = Wrap::new(40);
    let at_the_end = scanned_during(|| {
        let lowest = offset_row_start(&text, index.starts(), text.len(), -9, wrap);
        assert!(lowest > 600);
    });
    let clamped = scanned_during(|| {
        assert_eq!(clamped_top(&text, index.starts(), 0, 10, wrap), 0);
    });
    assert!(
        clamped * 10 < at_the_end,
        "clamping scanned {clamped} bytes, the end alone {at_the_end}"
    );
}
