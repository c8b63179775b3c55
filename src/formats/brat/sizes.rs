//! How many of each kind of line a `.ann` file holds, counted before it is read, so that
//! the document's lists and the reader's maps are made at their size once instead of
//! doubling (a list of thousands of annotations grown by doubling holds up to twice
//! their room, and three times while it moves).

use super::fields::{id_type, role_name};

/// The counts of a file's lines by what they become.
#[derive(Debug, Default, PartialEq, Eq)]
pub(super) struct Sizes {
    /// `T` lines: annotations.
    pub text_bound: usize,
    /// `E` lines.
    pub events: usize,
    /// `R` lines.
    pub relation_lines: usize,
    /// The relations the file gives: `R` lines and the arguments of `E` lines other than
    /// a `Content` or `Cue` (which an attribution event keeps on its claim).
    pub relations: usize,
    /// The lines kept to be read once every annotation is known (all but `T`).
    pub later: usize,
}

impl Sizes {
    /// Counts the lines of `input`.
    pub(super) fn of(input: &str) -> Sizes {
        let mut sizes = Sizes::default();
        for line in input.lines() {
            let Some((id, rest)) = line.split_once('\t') else {
                continue;
            };
            match id_type(id) {
                Some('T') => sizes.text_bound += 1,
                Some('E') => {
                    sizes.events += 1;
                    sizes.later += 1;
                    let head = rest.split('\t').next().unwrap_or_default();
                    sizes.relations += head
                        .split_whitespace()
                        .skip(1)
                        .filter(|arg| {
                            let role = arg.split(':').next().unwrap_or_default();
                            !matches!(role_name(role).as_str(), "content" | "cue")
                        })
                        .count();
                }
                Some('R') => {
                    sizes.relation_lines += 1;
                    sizes.relations += 1;
                    sizes.later += 1;
                }
                Some(_) => sizes.later += 1,
                None => {}
            }
        }
        sizes
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_counted_by_what_they_become() {
        let sizes = Sizes::of(concat!(
            "T1\tSource 0 4\tАлия\n",
            "T2\tContent 5 9\tвсё 👍\n",
            "continued text\n",
            "E1\tAttribution:T2 Source:T1 Content:T2 Addressee:T3\n",
            "R1\tKnows Arg1:T1 Arg2:T2\n",
            "A1\tNegated E1\n",
            "#1\tAnnotatorNotes T1\tnote\n",
        ));
        assert_eq!(
            sizes,
            Sizes {
                text_bound: 2,
                events: 1,
                relation_lines: 1,
                relations: 3,
                later: 4,
            }
        );
    }
}
