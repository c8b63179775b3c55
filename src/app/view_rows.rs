//! The article's visible rows, laid out once per view: the check that keeps the cursor
//! in view after an action and the frame that draws it both need the rows on screen,
//! and a key that leaves the view where it was (`]` to an annotation on screen, a
//! decision) needs no new layout at all. The rows are kept for one view: the row at the
//! top, the geometry and the height, and the text by its address and length: an
//! `App`'s article changes once, when the whole of a large file replaces the first
//! piece the first screen was drawn from (`Action::ArticleRead`), and the rows of the
//! piece are then never reused for the whole.

use std::cell::RefCell;
use std::sync::Arc;

use super::layout::{self, Row, Wrap};

/// What the kept rows were laid out for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct View {
    text: (usize, usize),
    lines: usize,
    top: usize,
    wrap: Wrap,
    height: usize,
}

/// The rows of the last view laid out (see the module doc).
#[derive(Debug, Default)]
pub struct ViewRows {
    kept: RefCell<Option<(View, Arc<[Row]>)>>,
}

impl ViewRows {
    /// The `height` rows of `text` from the row holding `top`, laid out at `wrap`:
    /// the kept ones when they were laid out for the same view.
    pub fn rows(
        &self,
        text: &str,
        lines: &[usize],
        top: usize,
        wrap: Wrap,
        height: usize,
    ) -> Arc<[Row]> {
        let view = View {
            text: (text.as_ptr() as usize, text.len()),
            lines: lines.len(),
            top,
            wrap,
            height,
        };
        let mut kept = self.kept.borrow_mut();
        if let Some((kept_view, rows)) = kept.as_ref() {
            if *kept_view == view {
                return Arc::clone(rows);
            }
        }
        let rows: Arc<[Row]> = layout::rows_from(text, lines, top, wrap, height).into();
        *kept = Some((view, Arc::clone(&rows)));
        rows
    }
}
