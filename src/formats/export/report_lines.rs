//! The article's lines in the HTML report: each line of the article is a block of its
//! own (`<div class="line" dir="auto">`), so each takes the direction of its own text,
//! and marks never cross a block: at a line break the open marks are closed, and opened
//! again where the next line has text for them.

/// The opening of a line.
const LINE: &str = "<div class=\"line\" dir=\"auto\">";

/// Writes the article's lines, keeping marks within a line: at a line break the open
/// marks are closed, and opened again when the next line has text for them; a mark
/// that ends right at a line break gets its tag at the end of its line.
pub(super) struct Lines<'h> {
    html: &'h mut String,
    /// Open marks, outermost first, with their opening tags.
    open: Vec<(usize, String)>,
    /// Marks closed at the last line break and not opened again yet, with where in
    /// `html` each one's `</mark>` ends.
    suspended: Vec<(usize, usize)>,
}

impl<'h> Lines<'h> {
    /// Starts the first line in `html`.
    pub(super) fn new(html: &'h mut String) -> Self {
        html.push_str(LINE);
        Lines {
            html,
            open: Vec::new(),
            suspended: Vec::new(),
        }
    }

    /// Opens again the marks closed at the line break, before anything is written in
    /// the new line.
    fn resume(&mut self) {
        if self.suspended.is_empty() {
            return;
        }
        self.suspended.clear();
        for (_, tag) in &self.open {
            self.html.push_str(tag);
        }
    }

    /// Opens mark `i`, whose opening tag is `tag`.
    pub(super) fn open(&mut self, i: usize, tag: String) {
        self.resume();
        self.html.push_str(&tag);
        self.open.push((i, tag));
    }

    /// Closes mark `i`, followed by `tag` (its label) when it ends here.
    pub(super) fn close(&mut self, i: usize, tag: Option<String>) {
        self.open.retain(|(m, _)| *m != i);
        let Some(at) = self.suspended.iter().position(|(m, _)| *m == i) else {
            self.html.push_str("</mark>");
            if let Some(tag) = tag {
                self.html.push_str(&tag);
            }
            return;
        };
        // Closed at the line break already: its tag goes where it was closed.
        let (_, end) = self.suspended.remove(at);
        if let Some(tag) = tag {
            self.html.insert_str(end, &tag);
            for (_, later) in &mut self.suspended {
                if *later >= end {
                    *later += tag.len();
                }
            }
        }
    }

    /// Writes escaped text that holds no line break.
    pub(super) fn text(&mut self, text: &str) {
        if text.is_empty() {
            return;
        }
        self.resume();
        self.html.push_str(text);
    }

    /// Ends the line and starts the next.
    pub(super) fn break_line(&mut self) {
        if self.suspended.is_empty() {
            for (i, _) in self.open.iter().rev() {
                self.html.push_str("</mark>");
                self.suspended.push((*i, self.html.len()));
            }
        }
        self.html.push_str(&format!("</div>\n{LINE}"));
    }

    /// Ends the last line; an empty one after the article's final line break is left
    /// out.
    pub(super) fn finish(self) {
        let after_break = format!("\n{LINE}");
        if self.html.ends_with(&after_break) {
            let end = self.html.len() - after_break.len();
            self.html.truncate(end);
        } else {
            self.html.push_str("</div>");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn open(lines: &mut Lines<'_>, i: usize) {
        lines.open(i, format!("<m{i}>"));
    }

    #[test]
    fn marks_close_at_a_line_break_and_open_again_on_the_next_line() {
        let mut html = String::new();
        let mut lines = Lines::new(&mut html);
        open(&mut lines, 0);
        lines.text("one");
        open(&mut lines, 1);
        lines.text("two");
        lines.break_line();
        lines.text("three");
        lines.close(1, Some("<t1>".into()));
        lines.close(0, Some("<t0>".into()));
        lines.finish();
        let line = LINE;
        assert_eq!(
            html,
            format!(
                "{line}<m0>one<m1>two</mark></mark></div>\n{line}<m0><m1>three</mark><t1></mark><t0></div>"
            )
        );
    }

    #[test]
    fn a_mark_ending_at_a_line_break_keeps_its_tag_on_its_line() {
        let mut html = String::new();
        let mut lines = Lines::new(&mut html);
        open(&mut lines, 0);
        open(&mut lines, 1);
        lines.text("name");
        lines.break_line();
        lines.break_line();
        lines.close(1, Some("<t1>".into()));
        lines.text("more");
        lines.close(0, None);
        lines.break_line();
        lines.finish();
        let line = LINE;
        assert_eq!(
            html,
            format!(
                "{line}<m0><m1>name</mark><t1></mark></div>\n{line}</div>\n{line}<m0>more</mark></div>"
            )
        );
    }
}
