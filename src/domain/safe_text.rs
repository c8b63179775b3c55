//! Safe display of untrusted text (DESIGN §7), for the workbench and the command line.
//!
//! Text from an article, a sidecar or an import must never reach the terminal raw: a
//! control character, an escape sequence or a bidi override could move the cursor,
//! retitle the window, write the clipboard, ring the bell or reorder what the screen
//! shows. Everything the UI draws from such text goes through [`display_grapheme`] (one
//! grapheme cluster at a time, for the article pane) or [`sanitize_line`] (for one-line
//! strings such as panel rows, notes and file names); every human-readable line the
//! command line prints goes through [`sanitize_line`] too, and its JSON output through
//! [`escape_json_text`].
//!
//! The rules, for one grapheme cluster:
//! - ordinary text is drawn as itself, as wide as `unicode-width` says for the whole
//!   cluster (so ZWJ emoji sequences, skin tones, flags and CJK count right);
//! - a C0 control becomes its Control Pictures symbol (U+2400 + code: `␛` for ESC, `␇`
//!   for BEL, `␍` for a bare CR, ...), DEL becomes `␡`, a line ending (LF or CRLF)
//!   becomes [`NEWLINE_MARK`] `⏎`; TAB is reported as [`GlyphKind::Tab`] for the caller
//!   to expand;
//! - a C1 control (U+0080–U+009F) becomes [`C1_MARK`] `⍰`;
//! - a bidi control (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C) becomes
//!   [`BIDI_MARK`] `⇋`, so it cannot reorder the screen;
//! - an invisible format character (ZWSP U+200B, a BOM U+FEFF inside the text, the soft
//!   hyphen U+00AD, word joiner and invisible operators U+2060–U+2064, the line and
//!   paragraph separators U+2028/U+2029, a lone ZWJ/ZWNJ, and a few rarer ones, see
//!   [`INVISIBLE_MARK`]) becomes `⁞`, so the cursor always has something to sit on;
//! - a cluster that is zero columns wide on its own (a combining mark with no base, at
//!   the start of a line or after a control) is drawn on a dotted circle `◌`
//!   ([`LONE_MARK_BASE`]), never as a zero-width cell;
//! - a cluster of more than [`MAX_DRAWN_CHARS`] characters (stacked "Zalgo" marks) is
//!   drawn with its first [`MAX_DRAWN_CHARS`] characters only.
//!
//! A BOM at byte 0 of a document is not shown at all: the layout skips it, and
//! [`sanitize_line`] drops a leading one. Every mark is one column wide on any terminal
//! (none is East Asian "ambiguous"), and every glyph is at least one column wide.

use std::borrow::Cow;

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// Drawn for a bidi control (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C).
pub const BIDI_MARK: char = '⇋';
/// Drawn for a C1 control (U+0080–U+009F) and for any cluster that mixes a control
/// with other characters (Unicode segmentation never produces one; this is a guard).
pub const C1_MARK: char = '⍰';
/// Drawn for an invisible format character: U+00AD, U+180E, U+200B, U+200C and U+200D
/// when alone, U+2028, U+2029, U+2060–U+2065, U+206A–U+206F, U+FEFF (not at byte 0),
/// U+FFF9–U+FFFB, U+1BCA0–U+1BCA3, U+1D173–U+1D17A, U+E0001.
pub const INVISIBLE_MARK: char = '⁞';
/// Drawn for a line ending (LF or CRLF) in a one-line string.
pub const NEWLINE_MARK: char = '⏎';
/// Drawn for DEL (U+007F).
pub const DEL_MARK: char = '␡';
/// The base a lone combining mark is drawn on.
pub const LONE_MARK_BASE: char = '◌';
/// Drawn, by the layout, for a glyph wider than the whole row (a CJK character in a
/// one-column pane).
pub const TOO_WIDE_MARK: char = '⋯';
/// At most this many characters of one grapheme cluster are drawn.
pub const MAX_DRAWN_CHARS: usize = 32;

/// How the UI should treat a glyph.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum GlyphKind {
    /// Text of the document, drawn as itself.
    Normal,
    /// A visible stand-in for something that must not or cannot be drawn raw; the UI
    /// should style it apart (dim, reversed) so it is not mistaken for text.
    Mark,
    /// A tab: the layout decides how many columns it covers and draws that many spaces.
    Tab,
}

/// What to draw for one grapheme cluster.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Glyph<'a> {
    /// The text to draw: safe to send to a terminal, `width` columns wide.
    pub text: Cow<'a, str>,
    /// Columns the text covers, at least 1 (for a tab: 1, the caller expands it).
    pub width: u16,
    /// How the UI should treat it.
    pub kind: GlyphKind,
}

impl Glyph<'static> {
    fn mark(mark: char) -> Self {
        Glyph {
            text: Cow::Owned(mark.to_string()),
            width: 1,
            kind: GlyphKind::Mark,
        }
    }
}

/// Decides what to draw, and how wide, for one grapheme cluster `g` of untrusted text.
///
/// `g` should be one extended grapheme cluster (as `unicode-segmentation` yields them);
/// anything else is still handled safely. See the module documentation for the rules.
pub fn display_grapheme(g: &str) -> Glyph<'_> {
    let mut chars = g.chars();
    let Some(first) = chars.next() else {
        return Glyph::mark(INVISIBLE_MARK);
    };
    if chars.next().is_none() {
        if first == '\t' {
            return Glyph {
                text: Cow::Borrowed(" "),
                width: 1,
                kind: GlyphKind::Tab,
            };
        }
        if let Some(mark) = mark_for_char(first).or_else(|| invisible_mark_for(first)) {
            return Glyph::mark(mark);
        }
    } else if g == "\r\n" {
        return Glyph::mark(NEWLINE_MARK);
    } else if g.chars().any(|c| c == '\t' || mark_for_char(c).is_some()) {
        return Glyph::mark(C1_MARK);
    }
    let drawn = match g.char_indices().nth(MAX_DRAWN_CHARS) {
        Some((cut, _)) => &g[..cut],
        None => g,
    };
    let width = drawn.width();
    if width > 0 {
        return Glyph {
            text: Cow::Borrowed(drawn),
            width: clamp_width(width),
            kind: GlyphKind::Normal,
        };
    }
    let mut based = String::with_capacity(drawn.len() + LONE_MARK_BASE.len_utf8());
    based.push(LONE_MARK_BASE);
    based.push_str(drawn);
    let width = based.width();
    if width == 0 {
        return Glyph::mark(INVISIBLE_MARK);
    }
    Glyph {
        text: Cow::Owned(based),
        width: clamp_width(width),
        kind: GlyphKind::Mark,
    }
}

/// Makes a one-line UI string (panel row, note, file name) safe to draw: the same rules
/// as [`display_grapheme`], with line endings shown as [`NEWLINE_MARK`] `⏎`, a tab as one
/// space, and a leading BOM dropped.
pub fn sanitize_line(s: &str) -> String {
    let s = s.strip_prefix('\u{feff}').unwrap_or(s);
    let mut out = String::with_capacity(s.len());
    for g in s.graphemes(true) {
        let glyph = display_grapheme(g);
        match glyph.kind {
            GlyphKind::Tab => out.push(' '),
            GlyphKind::Normal | GlyphKind::Mark => out.push_str(&glyph.text),
        }
    }
    out
}

/// Makes serialized JSON safe to print: every character that [`sanitize_line`] would
/// mark (a control, DEL, a C1 control, a bidi control, an invisible format character
/// other than ZWJ and ZWNJ, which join emoji and Indic letters) becomes a `\uXXXX`
/// escape, so the JSON means exactly the same and no terminal acts on it. serde_json
/// escapes only C0 controls; this covers the rest. JSON whitespace between values
/// (space, tab, line feed, carriage return) is left as it is; anywhere else serde_json
/// never writes these characters raw.
///
/// Only for what is printed: a sidecar keeps its text byte for byte.
pub fn escape_json_text(json: &str) -> Cow<'_, str> {
    if !json.chars().any(needs_json_escape) {
        return Cow::Borrowed(json);
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if needs_json_escape(c) {
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                out.push_str(&format!("\\u{unit:04x}"));
            }
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Whether printed JSON must carry `c` as a `\uXXXX` escape.
fn needs_json_escape(c: char) -> bool {
    if matches!(c, ' ' | '\t' | '\n' | '\r' | '\u{200c}' | '\u{200d}') {
        return false;
    }
    mark_for_char(c).is_some() || invisible_mark_for(c).is_some()
}

/// The mark for a character that must never be sent raw, wherever it appears: C0
/// controls other than TAB, DEL, C1 controls and bidi controls.
fn mark_for_char(c: char) -> Option<char> {
    let code = u32::from(c);
    match c {
        '\t' => None,
        '\n' => Some(NEWLINE_MARK),
        '\u{0}'..='\u{1f}' => char::from_u32(0x2400 + code),
        '\u{7f}' => Some(DEL_MARK),
        '\u{80}'..='\u{9f}' => Some(C1_MARK),
        '\u{202a}'..='\u{202e}'
        | '\u{2066}'..='\u{2069}'
        | '\u{200e}'
        | '\u{200f}'
        | '\u{061c}' => Some(BIDI_MARK),
        _ => None,
    }
}

/// The mark for an invisible format character standing alone as a cluster. ZWJ and
/// ZWNJ are only marked alone: inside a cluster they join emoji and Indic letters.
fn invisible_mark_for(c: char) -> Option<char> {
    matches!(
        c,
        '\u{ad}'
            | '\u{180e}'
            | '\u{200b}'..='\u{200d}'
            | '\u{2028}'
            | '\u{2029}'
            | '\u{2060}'..='\u{2065}'
            | '\u{206a}'..='\u{206f}'
            | '\u{feff}'
            | '\u{fff9}'..='\u{fffb}'
            | '\u{1bca0}'..='\u{1bca3}'
            | '\u{1d173}'..='\u{1d17a}'
            | '\u{e0001}'
    )
    .then_some(INVISIBLE_MARK)
}

fn clamp_width(width: usize) -> u16 {
    u16::try_from(width).unwrap_or(u16::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn shown(g: &str) -> (String, u16, GlyphKind) {
        let glyph = display_grapheme(g);
        (glyph.text.into_owned(), glyph.width, glyph.kind)
    }

    /// True when `s` holds nothing a terminal would act on or reorder by.
    fn is_inert(s: &str) -> bool {
        s.chars().all(|c| {
            mark_for_char(c).is_none()
                && c != '\t'
                && !matches!(
                    c,
                    '\u{200b}' | '\u{feff}' | '\u{ad}' | '\u{2028}' | '\u{2029}'
                )
        })
    }

    #[test]
    fn normal_text_is_itself_with_its_width() {
        assert_eq!(shown("a"), ("a".into(), 1, GlyphKind::Normal));
        assert_eq!(shown("Ж"), ("Ж".into(), 1, GlyphKind::Normal));
        assert_eq!(shown("ع"), ("ع".into(), 1, GlyphKind::Normal));
        assert_eq!(shown("中"), ("中".into(), 2, GlyphKind::Normal));
        assert_eq!(shown("e\u{301}"), ("e\u{301}".into(), 1, GlyphKind::Normal));
    }

    #[test]
    fn emoji_sequences_count_as_one_wide_glyph() {
        for g in ["👍🏽", "👨\u{200d}👩\u{200d}👧", "🇫🇷", "❤\u{fe0f}"] {
            assert_eq!(g.graphemes(true).count(), 1, "{g:?}");
            let (text, width, kind) = shown(g);
            assert_eq!((text.as_str(), width, kind), (g, 2, GlyphKind::Normal));
        }
    }

    #[test]
    fn c0_controls_become_control_pictures() {
        assert_eq!(shown("\x1b"), ("␛".into(), 1, GlyphKind::Mark));
        assert_eq!(shown("\x07"), ("␇".into(), 1, GlyphKind::Mark));
        assert_eq!(shown("\r"), ("␍".into(), 1, GlyphKind::Mark));
        assert_eq!(shown("\0"), ("␀".into(), 1, GlyphKind::Mark));
        assert_eq!(shown("\x1f"), ("␟".into(), 1, GlyphKind::Mark));
        assert_eq!(shown("\x7f"), ("␡".into(), 1, GlyphKind::Mark));
        assert_eq!(shown("\n"), ("⏎".into(), 1, GlyphKind::Mark));
        assert_eq!(shown("\r\n"), ("⏎".into(), 1, GlyphKind::Mark));
    }

    #[test]
    fn tab_is_left_to_the_caller() {
        assert_eq!(shown("\t"), (" ".into(), 1, GlyphKind::Tab));
    }

    #[test]
    fn c1_and_bidi_controls_become_marks() {
        for g in ["\u{80}", "\u{85}", "\u{9b}", "\u{9f}"] {
            assert_eq!(shown(g), ("⍰".into(), 1, GlyphKind::Mark), "{g:?}");
        }
        for g in [
            "\u{202a}", "\u{202b}", "\u{202c}", "\u{202d}", "\u{202e}", "\u{2066}", "\u{2067}",
            "\u{2068}", "\u{2069}", "\u{200e}", "\u{200f}", "\u{61c}",
        ] {
            assert_eq!(shown(g), ("⇋".into(), 1, GlyphKind::Mark), "{g:?}");
        }
    }

    #[test]
    fn invisible_format_characters_become_marks() {
        for g in [
            "\u{200b}", "\u{feff}", "\u{ad}", "\u{2060}", "\u{2028}", "\u{200d}",
        ] {
            assert_eq!(shown(g), ("⁞".into(), 1, GlyphKind::Mark), "{g:?}");
        }
    }

    #[test]
    fn lone_combining_mark_sits_on_a_dotted_circle() {
        assert_eq!(shown("\u{301}"), ("◌\u{301}".into(), 1, GlyphKind::Mark));
        assert_eq!(
            shown("\u{301}\u{302}"),
            ("◌\u{301}\u{302}".into(), 1, GlyphKind::Mark)
        );
    }

    #[test]
    fn overlong_cluster_is_cut_for_drawing() {
        let zalgo = format!("a{}", "\u{301}".repeat(500));
        let (text, width, kind) = shown(&zalgo);
        assert_eq!(text.chars().count(), MAX_DRAWN_CHARS);
        assert_eq!((width, kind), (1, GlyphKind::Normal));
    }

    #[test]
    fn every_mark_is_one_column_even_on_cjk_terminals() {
        for mark in [
            BIDI_MARK,
            C1_MARK,
            INVISIBLE_MARK,
            NEWLINE_MARK,
            DEL_MARK,
            LONE_MARK_BASE,
            TOO_WIDE_MARK,
            '␛',
            '␇',
            '␍',
        ] {
            let s = mark.to_string();
            assert_eq!((s.width(), s.width_cjk()), (1, 1), "{mark}");
        }
    }

    #[test]
    fn sanitize_line_shows_escape_sequences_and_newlines() {
        assert_eq!(sanitize_line("a\x1b[2Jb"), "a␛[2Jb");
        assert_eq!(sanitize_line("\x1b]0;x\x07"), "␛]0;x␇");
        assert_eq!(
            sanitize_line("one\r\ntwo\nthree\rfour"),
            "one⏎two⏎three␍four"
        );
        assert_eq!(sanitize_line("a\tb"), "a b");
        assert_eq!(sanitize_line("\u{feff}name\u{feff}"), "name⁞");
        assert_eq!(sanitize_line("abc\u{202e}fed"), "abc⇋fed");
        assert_eq!(sanitize_line("\u{301}x"), "◌\u{301}x");
        assert_eq!(sanitize_line(""), "");
    }

    #[test]
    fn printed_json_escapes_c1_bidi_and_invisible_characters() {
        let json =
            serde_json::to_string("t\u{9b}2J\u{202e}x\u{2066}\u{7f}\u{2028}\u{1d173}").unwrap();
        assert_eq!(
            escape_json_text(&json),
            r#""t\u009b2J\u202ex\u2066\u007f\u2028\ud834\udd73""#
        );
        let joined = serde_json::to_string("👨\u{200d}👩 می\u{200c}خواهم").unwrap();
        assert_eq!(escape_json_text(&joined), joined);
        assert_eq!(escape_json_text("{\n  \"a\": 1\n}"), "{\n  \"a\": 1\n}");
    }

    proptest! {
        #[test]
        fn sanitized_text_is_inert(s in any::<String>()) {
            prop_assert!(is_inert(&sanitize_line(&s)));
        }

        #[test]
        fn printed_json_is_inert_and_means_the_same(s in any::<String>()) {
            let json = serde_json::to_string(&serde_json::json!({"k": s, &s: [s.clone()]})).unwrap();
            let printed = escape_json_text(&json);
            prop_assert!(is_inert(&printed), "{:?}", printed);
            let back: serde_json::Value = serde_json::from_str(&printed).unwrap();
            let original: serde_json::Value = serde_json::from_str(&json).unwrap();
            prop_assert_eq!(back, original);
        }

        #[test]
        fn every_glyph_is_inert_and_as_wide_as_it_says(s in any::<String>()) {
            for g in s.graphemes(true) {
                let glyph = display_grapheme(g);
                prop_assert!(glyph.width >= 1);
                if glyph.kind != GlyphKind::Tab {
                    prop_assert!(is_inert(&glyph.text), "{:?} -> {:?}", g, glyph.text);
                    prop_assert_eq!(glyph.text.width(), usize::from(glyph.width));
                }
            }
        }
    }
}
