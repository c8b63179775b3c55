//! Editable text for prompts (one line) and notes (several lines), moving by grapheme so
//! that emoji, combining marks and CJK edit as one character.

use unicode_segmentation::UnicodeSegmentation;

/// Text being typed, with a cursor (a byte offset on a grapheme boundary).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TextInput {
    text: String,
    cursor: usize,
    multiline: bool,
}

impl TextInput {
    /// A one-line input holding `text`, cursor at the end.
    pub fn line(text: &str) -> Self {
        TextInput {
            text: text.replace(['\n', '\r'], " "),
            cursor: text.len(),
            multiline: false,
        }
        .clamped()
    }

    /// A multi-line input holding `text`, cursor at the end.
    pub fn multiline(text: &str) -> Self {
        TextInput {
            text: text.to_string(),
            cursor: text.len(),
            multiline: true,
        }
    }

    fn clamped(mut self) -> Self {
        self.cursor = self.text.len();
        self
    }

    /// The text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The cursor's byte offset.
    pub fn cursor(&self) -> usize {
        self.cursor
    }

    /// Inserts a character at the cursor (a newline only in a multi-line input).
    pub fn insert(&mut self, c: char) {
        if (c == '\n' || c == '\r') && !self.multiline {
            return;
        }
        self.text.insert(self.cursor, c);
        self.cursor += c.len_utf8();
    }

    /// Inserts pasted text at the cursor.
    pub fn insert_str(&mut self, s: &str) {
        for c in s.chars() {
            self.insert(if c == '\r' { '\n' } else { c });
        }
    }

    /// Deletes the grapheme before the cursor.
    pub fn backspace(&mut self) {
        let start = self.prev_boundary();
        self.text.replace_range(start..self.cursor, "");
        self.cursor = start;
    }

    /// Deletes the grapheme after the cursor.
    pub fn delete(&mut self) {
        let end = self.next_boundary();
        self.text.replace_range(self.cursor..end, "");
    }

    /// Moves one grapheme left.
    pub fn left(&mut self) {
        self.cursor = self.prev_boundary();
    }

    /// Moves one grapheme right.
    pub fn right(&mut self) {
        self.cursor = self.next_boundary();
    }

    /// Moves to the start of the line.
    pub fn home(&mut self) {
        self.cursor = self.line_start();
    }

    /// Moves to the end of the line.
    pub fn end(&mut self) {
        self.cursor = self.text[self.cursor..]
            .find('\n')
            .map_or(self.text.len(), |i| self.cursor + i);
    }

    /// Moves one line up, keeping the grapheme column.
    pub fn up(&mut self) {
        let line_start = self.text[..self.cursor].rfind('\n').map_or(0, |i| i + 1);
        if line_start == 0 {
            self.cursor = 0;
            return;
        }
        let column = self.text[line_start..self.cursor].graphemes(true).count();
        let prev_start = self.text[..line_start - 1].rfind('\n').map_or(0, |i| i + 1);
        self.cursor = advance(&self.text, prev_start, line_start - 1, column);
    }

    /// Moves one line down, keeping the grapheme column.
    pub fn down(&mut self) {
        let line_start = self.text[..self.cursor].rfind('\n').map_or(0, |i| i + 1);
        let column = self.text[line_start..self.cursor].graphemes(true).count();
        let Some(nl) = self.text[self.cursor..].find('\n') else {
            self.cursor = self.text.len();
            return;
        };
        let next_start = self.cursor + nl + 1;
        let next_end = self.text[next_start..]
            .find('\n')
            .map_or(self.text.len(), |i| next_start + i);
        self.cursor = advance(&self.text, next_start, next_end, column);
    }

    /// Deletes from the start of the line to the cursor (readline's Ctrl-U).
    pub fn delete_to_line_start(&mut self) {
        let start = self.line_start();
        self.text.replace_range(start..self.cursor, "");
        self.cursor = start;
    }

    /// Deletes the word before the cursor and the blanks after it, up to the previous
    /// blank (readline's Ctrl-W: `Ekspress-K`, `東京大学` and `👨‍👩‍👧` are one word each).
    pub fn delete_word_before(&mut self) {
        let blank = |g: &str| g.chars().all(char::is_whitespace);
        let graphemes: Vec<(usize, &str)> =
            self.text[..self.cursor].grapheme_indices(true).collect();
        let mut i = graphemes.len();
        while i > 0 && blank(graphemes[i - 1].1) {
            i -= 1;
        }
        while i > 0 && !blank(graphemes[i - 1].1) {
            i -= 1;
        }
        let start = graphemes.get(i).map_or(self.cursor, |(at, _)| *at);
        self.text.replace_range(start..self.cursor, "");
        self.cursor = start;
    }

    /// Moves to the start of the word before the cursor (readline's Alt-B): a word is a
    /// run of letters and digits, whatever the script; emoji and punctuation are skipped.
    pub fn word_left(&mut self) {
        let graphemes: Vec<(usize, &str)> =
            self.text[..self.cursor].grapheme_indices(true).collect();
        let mut i = graphemes.len();
        while i > 0 && !is_word(graphemes[i - 1].1) {
            i -= 1;
        }
        while i > 0 && is_word(graphemes[i - 1].1) {
            i -= 1;
        }
        self.cursor = graphemes.get(i).map_or(self.cursor, |(at, _)| *at);
    }

    /// Moves to the end of the word after the cursor (readline's Alt-F).
    pub fn word_right(&mut self) {
        let mut at = self.cursor;
        let mut graphemes = self.text[self.cursor..].graphemes(true).peekable();
        while let Some(g) = graphemes.next_if(|g| !is_word(g)) {
            at += g.len();
        }
        while let Some(g) = graphemes.next_if(|g| is_word(g)) {
            at += g.len();
        }
        self.cursor = at;
    }

    /// Replaces the whole text (a recalled pattern), cursor at the end.
    pub fn set_text(&mut self, text: &str) {
        *self = if self.multiline {
            TextInput::multiline(text)
        } else {
            TextInput::line(text)
        };
    }

    fn line_start(&self) -> usize {
        self.text[..self.cursor].rfind('\n').map_or(0, |i| i + 1)
    }

    fn prev_boundary(&self) -> usize {
        self.text[..self.cursor]
            .grapheme_indices(true)
            .next_back()
            .map_or(0, |(i, _)| i)
    }

    fn next_boundary(&self) -> usize {
        self.text[self.cursor..]
            .graphemes(true)
            .next()
            .map_or(self.cursor, |g| self.cursor + g.len())
    }
}

/// Whether a grapheme is part of a word: it holds a letter or a digit (a base letter
/// with its combining marks, an ideograph).
fn is_word(grapheme: &str) -> bool {
    grapheme.chars().any(char::is_alphanumeric)
}

fn advance(text: &str, start: usize, end: usize, graphemes: usize) -> usize {
    text[start..end]
        .grapheme_indices(true)
        .nth(graphemes)
        .map_or(end, |(i, _)| start + i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_by_grapheme() {
        let mut t = TextInput::line("a👨‍👩‍👧é");
        t.backspace();
        assert_eq!(t.text(), "a👨‍👩‍👧");
        t.backspace();
        assert_eq!(t.text(), "a");
        t.insert('Ж');
        t.left();
        t.insert('x');
        assert_eq!(t.text(), "axЖ");
        t.insert('\n');
        assert_eq!(t.text(), "axЖ");
    }

    #[test]
    fn word_keys_on_cyrillic_cjk_emoji_and_combining_marks() {
        let mut t = TextInput::line("Нартай Дутбаев, 東京大学 👨‍👩‍👧 e\u{301}te");
        t.word_left();
        assert_eq!(
            &t.text()[t.cursor()..],
            "e\u{301}te",
            "a combining mark stays in its word"
        );
        t.word_left();
        assert_eq!(
            &t.text()[t.cursor()..],
            "東京大学 👨‍👩‍👧 e\u{301}te",
            "the emoji is skipped"
        );
        t.word_left();
        t.word_right();
        assert_eq!(&t.text()[..t.cursor()], "Нартай Дутбаев");
        t.word_right();
        assert_eq!(&t.text()[..t.cursor()], "Нартай Дутбаев, 東京大学");
        t.end();
        t.delete_word_before();
        assert_eq!(t.text(), "Нартай Дутбаев, 東京大学 👨‍👩‍👧 ");
        t.delete_word_before();
        assert_eq!(
            t.text(),
            "Нартай Дутбаев, 東京大学 ",
            "the emoji goes whole"
        );
        t.delete_word_before();
        t.delete_word_before();
        assert_eq!(
            t.text(),
            "Нартай ",
            "Ctrl-W stops at a blank, not at a comma"
        );
        t.delete_to_line_start();
        assert_eq!((t.text(), t.cursor()), ("", 0));
        t.delete_word_before();
        t.word_left();
        t.word_right();
        assert_eq!(t.cursor(), 0);
    }

    #[test]
    fn delete_to_line_start_keeps_the_lines_above() {
        let mut t = TextInput::multiline("первая\nвторая строка");
        t.left();
        t.delete_to_line_start();
        assert_eq!(t.text(), "первая\nа");
        t.set_text("王\n小");
        assert_eq!((t.text(), t.cursor()), ("王\n小", "王\n小".len()));
    }

    #[test]
    fn moves_between_lines() {
        let mut t = TextInput::multiline("первая\nвторая строка");
        t.up();
        assert_eq!(&t.text()[..t.cursor()], "первая");
        t.home();
        t.down();
        assert_eq!(t.cursor(), "первая\n".len());
        t.end();
        t.insert('!');
        assert_eq!(t.text(), "первая\nвторая строка!");
    }
}
