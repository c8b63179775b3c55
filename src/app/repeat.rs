//! `*`: the other occurrences of a tagged span, offered as pending suggestions of the
//! same kind and label, as INCEpTION's string-matching recommender does.
//!
//! The words are matched whole and with the case the analyst tagged (see
//! `domain::occurrences`). A place that already holds an annotation of the same kind and
//! label is skipped, and so is every occurrence of words that the analyst rejected with
//! that kind and label: a rejected suggestion, kept for audit, is the record of it.

use std::ops::Range;

use crate::domain::anchor::quote_for;
use crate::domain::clock::now;
use crate::domain::model::{intern, Annotation, Kind, Origin, SharedStr, Span, Status};
use crate::domain::occurrences::{whole_word_occurrences, words_of};
use crate::domain::store::Store;

use super::command::Command;
use super::focus::NoTarget;
use super::review_ops::key_of;
use super::state::App;

/// The origin tool of the suggestions `*` makes; their `rule` is the id of the
/// annotation they repeat.
pub const ORIGIN: &str = "scholia-repeat";

/// What `*` would offer for one annotation.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Repeats {
    /// The places to suggest, in reading order.
    pub places: Vec<Range<usize>>,
    /// Other occurrences already holding an annotation of the same kind and label.
    pub covered: usize,
    /// The rejected suggestion of the same words, kind and label, when there is one:
    /// then no place is offered.
    pub rejected: Option<String>,
}

/// What `*` would offer for `source`: its words' other whole-word occurrences in `text`
/// that hold no annotation of its kind and label (orphans aside, whose places are no
/// longer theirs), unless those words were rejected with that kind and label.
pub fn repeats_of(text: &str, store: &Store, source: &Annotation) -> Repeats {
    let [span] = source.spans.as_slice() else {
        return Repeats::default();
    };
    let Some(words) = text.get(span.start..span.end).map(words_of) else {
        return Repeats::default();
    };
    let same = |a: &Annotation| a.kind == source.kind && a.label == source.label;
    let rejected = store
        .iter_annotations()
        .find(|a| a.status == Status::Rejected && same(a) && words_of(&a.quote.exact) == words)
        .map(|a| a.id.clone());
    let mut repeats = Repeats {
        rejected,
        ..Repeats::default()
    };
    for place in whole_word_occurrences(text, &words) {
        if span.intersects(place.start, place.end) {
            continue;
        }
        let taken = store
            .intersecting(place.start, place.end)
            .into_iter()
            .any(|a| same(a) && a.status != Status::Orphaned);
        if taken {
            repeats.covered += 1;
        } else if repeats.rejected.is_none() {
            repeats.places.push(place);
        }
    }
    repeats
}

/// The accepted annotation under the cursor to repeat, or a complaint.
fn source(app: &mut App) -> Option<Annotation> {
    let accepted_span = |a: &Annotation| a.status == Status::Accepted && a.spans.len() == 1;
    let why = match app.target_where(accepted_span) {
        Ok(a) => return Some(a.clone()),
        Err(NoTarget::None) => match app.focused_annotation() {
            Some(a) if a.spans.len() > 1 => {
                format!("{} has several spans: * repeats a span of one piece", a.id)
            }
            Some(a) => format!(
                "{} is {}: * repeats an accepted annotation ({} accepts it)",
                a.id,
                a.status,
                key_of(app, &Command::Accept)
            ),
            None => "* offers the other places of a tagged span: put the cursor on one".to_string(),
        },
        Err(NoTarget::Several(ids)) => format!(
            "*: {} are under the cursor ({}); {} chooses which",
            ids.len(),
            ids.join(", "),
            app.focus_key()
        ),
    };
    app.complain(why);
    None
}

/// `*`: adds the other occurrences of the accepted annotation under the cursor as
/// pending suggestions of its kind and label, and says how many.
pub fn offer_repeats(app: &mut App) {
    let Some(source) = source(app) else { return };
    let found = repeats_of(app.doc.text(), &app.store, &source);
    let what = format!(
        "{} {} \"{}\"",
        source.kind,
        source.label,
        shortened(&words_of(&source.quote.exact))
    );
    if let Some(rejected) = &found.rejected {
        return app.complain(format!(
            "no place offered: {what} was rejected before ({rejected}; {} lists rejected suggestions)",
            key_of(app, &Command::ToggleRejected)
        ));
    }
    let covered = match found.covered {
        0 => String::new(),
        1 => "; 1 other place already tagged".to_string(),
        n => format!("; {n} other places already tagged"),
    };
    if found.places.is_empty() {
        return app.say(format!("no other place of {what} to offer{covered}"));
    }
    let added = found.places.len();
    let created = SharedStr::from(now());
    let mut ids = app.store.annotation_ids();
    // The places quote the same words: one string for all of them.
    intern::scope(|| {
        for place in found.places {
            let spans = vec![Span::new(place.start, place.end)];
            let mut a = Annotation::new(ids.next_id(), source.kind, source.label.clone(), spans);
            a.quote = quote_for(&app.doc, &a.spans);
            a.status = Status::Pending;
            a.origin = Origin {
                rule: Some(source.id.clone()),
                ..Origin::tool(ORIGIN)
            }
            .shared();
            a.created = Some(created.clone());
            app.store.insert_annotation(a);
        }
    });
    let plural = if added == 1 { "" } else { "s" };
    app.say(format!(
        "{added} suggestion{plural} of {what} added{covered}; {} reviews them, {} undoes",
        key_of(app, &Command::Review),
        key_of(app, &Command::Undo)
    ));
}

/// The hint after tagging `id`: how many more places `*` would tag, if any.
pub fn hint_after_tagging(app: &App, id: &str) -> Option<String> {
    let a = app.store.annotation(id)?;
    if a.kind == Kind::Claim {
        return None;
    }
    let more = repeats_of(app.doc.text(), &app.store, a).places.len();
    (more > 0).then(|| format!("{} tags {more} more", key_of(app, &Command::Repeat)))
}

/// The most characters of the words a message quotes.
const QUOTED_CHARS: usize = 40;

/// `words` cut to [`QUOTED_CHARS`] characters, with `…` when cut.
fn shortened(words: &str) -> String {
    match words.char_indices().nth(QUOTED_CHARS) {
        Some((at, _)) => format!("{}…", &words[..at]),
        None => words.to_string(),
    }
}
