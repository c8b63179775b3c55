//! The short report of what an export left out: one line per kind of loss, with how many
//! items it befell and the first few of their ids, rather than one line per item (a
//! corpus of 27,000 suggestions would print 27,000 lines). The sentence of every item
//! stays in [`Exported::dropped`] for `--verbose` and `--jsonl`.

use std::collections::{HashMap, HashSet};

use super::{Dropped, Exported};

/// How many ids a summary line names before `…`.
pub const FIRST_IDS: usize = 3;

/// The items an export lost in the same way: all not written, or all written in part,
/// for the same [`Dropped::loss`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LossGroup<'a> {
    /// Whether the items are not written at all (rather than written in part).
    pub whole: bool,
    /// The kind of loss.
    pub loss: &'a str,
    /// Each item's sentence, in the order found, one per item.
    pub items: Vec<&'a Dropped>,
}

impl LossGroup<'_> {
    /// The report's line: the item's own sentence when it is alone, else
    /// `LOSS: 27,207 not written (a3, a7, a9, …); --verbose lists them`.
    pub fn line(&self) -> String {
        if let [one] = self.items.as_slice() {
            return one.message.clone();
        }
        let what = if self.whole {
            "not written"
        } else {
            "written in part"
        };
        let mut ids: Vec<&str> = self
            .items
            .iter()
            .take(FIRST_IDS)
            .map(|d| d.id.as_str())
            .collect();
        if self.items.len() > FIRST_IDS {
            ids.push("…");
        }
        format!(
            "{}: {} {what} ({}); --verbose lists them",
            self.loss,
            thousands(self.items.len()),
            ids.join(", ")
        )
    }
}

/// What `exported` lost, grouped by kind of loss: first what is not written, then what
/// is written in part, each kind in the order it was first found.
pub fn groups(exported: &Exported) -> Vec<LossGroup<'_>> {
    let mut groups: Vec<LossGroup<'_>> = Vec::new();
    let mut index: HashMap<(bool, &str), usize> = HashMap::new();
    let mut seen: HashSet<(bool, &str, &str)> = HashSet::new();
    for (whole, dropped) in exported
        .not_written()
        .map(|d| (true, d))
        .chain(exported.written_in_part().map(|d| (false, d)))
    {
        let loss = dropped.loss.as_str();
        if !seen.insert((whole, loss, dropped.id.as_str())) {
            continue;
        }
        match index.get(&(whole, loss)) {
            Some(&i) => groups[i].items.push(dropped),
            None => {
                index.insert((whole, loss), groups.len());
                groups.push(LossGroup {
                    whole,
                    loss,
                    items: vec![dropped],
                });
            }
        }
    }
    groups
}

/// `27,207` for 27207: a count as the messages print it.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

/// `1 annotation`, `27,207 annotations`: a count with its noun, as the messages print it.
pub fn counted(n: usize, one: &str, many: &str) -> String {
    format!("{} {}", thousands(n), if n == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_is_singular_and_every_other_count_plural() {
        assert_eq!(counted(1, "relation", "relations"), "1 relation");
        assert_eq!(counted(0, "relation", "relations"), "0 relations");
        assert_eq!(
            counted(27207, "annotation", "annotations"),
            "27,207 annotations"
        );
    }
    use crate::formats::export::Part;

    fn exported(dropped: Vec<Dropped>) -> Exported {
        Exported {
            dropped,
            ..Exported::default()
        }
    }

    #[test]
    fn thousands_are_separated() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(27207), "27,207");
        assert_eq!(thousands(1234567), "1,234,567");
    }

    #[test]
    fn one_line_per_kind_of_loss_with_the_first_ids() {
        let pending = |id: &str| {
            Dropped::not_written(id, &format!("{id} (pending entity ORG)"), "no status")
                .with_loss("pending annotations")
        };
        let mut dropped: Vec<Dropped> = (1..=5).map(|i| pending(&format!("a{i}"))).collect();
        dropped.push(Dropped::not_written(
            "r1",
            "r1 (cites a1 → a2)",
            "its end a1 is left out",
        ));
        dropped.push(Dropped::written_in_part(
            "a9",
            vec![Part::Note],
            "a9 (claim factual)",
            "it cannot hold its note",
        ));
        dropped.push(Dropped::written_in_part(
            "a8",
            vec![Part::Note],
            "a8 (claim factual)",
            "it cannot hold its note",
        ));
        let exported = exported(dropped);
        let lines: Vec<String> = groups(&exported).iter().map(LossGroup::line).collect();
        assert_eq!(
            lines,
            vec![
                "pending annotations: 5 not written (a1, a2, a3, …); --verbose lists them",
                "r1 (cites a1 → a2): not written: its end a1 is left out.",
                "it cannot hold its note: 2 written in part (a9, a8); --verbose lists them",
            ]
        );
    }

    #[test]
    fn an_item_not_written_is_not_also_written_in_part_and_counts_once() {
        let exported = exported(vec![
            Dropped::written_in_part("a1", vec![Part::Spans], "a1 (entity X)", "trimmed"),
            Dropped::written_in_part("a2", vec![Part::Kind], "a2 (source X)", "no kind"),
            Dropped::written_in_part("a2", vec![Part::Label], "a2 (source X)", "relabelled"),
            Dropped::not_written("a1", "a1 (entity X)", "it overlaps"),
        ]);
        assert_eq!(exported.not_written_count(), 1);
        assert_eq!(exported.written_in_part_count(), 1);
        let groups = groups(&exported);
        assert_eq!(groups.len(), 3, "{groups:?}");
        assert!(groups
            .iter()
            .all(|g| g.items.iter().all(|d| d.id != "a1") || g.whole));
    }
}
