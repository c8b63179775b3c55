//! The source registry as CSV (`scholia registry export --format csv`), RFC 4180 as the
//! claims table: one row per entry, redirects included. Columns: `id, name, aliases,
//! kind, label, reliability, graded_by, graded_at, why, note, external, merged_into`;
//! several aliases or external ids are joined by `; `. Text cells are guarded against
//! formula injection.

use crate::domain::registry::Registry;

use super::csv::{guard, quote};

const HEADER: [&str; 12] = [
    "id",
    "name",
    "aliases",
    "kind",
    "label",
    "reliability",
    "graded_by",
    "graded_at",
    "why",
    "note",
    "external",
    "merged_into",
];

/// The registry's entries as a CSV table, CRLF line ends.
pub fn to_csv(registry: &Registry) -> String {
    let mut out = HEADER.join(",");
    out.push_str("\r\n");
    for e in &registry.entries {
        let grade = e.reliability.as_ref();
        let text = |s: Option<&str>| s.unwrap_or_default().to_string();
        let cells = [
            e.id.clone(),
            e.name.clone(),
            e.aliases.join("; "),
            e.kind.as_str().to_string(),
            e.label.clone(),
            text(grade.map(|g| g.grade.as_str())),
            text(grade.and_then(|g| g.by.as_deref())),
            text(grade.and_then(|g| g.at.as_deref())),
            text(grade.and_then(|g| g.why.as_deref())),
            text(e.note.as_deref()),
            e.external.join("; "),
            text(e.merged_into.as_deref()),
        ];
        let row: Vec<String> = cells.iter().map(|c| quote(&guard(c))).collect();
        out.push_str(&row.join(","));
        out.push_str("\r\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::registry::{EntryKind, Grade};

    #[test]
    fn one_row_per_entry_with_joined_lists_and_guarded_cells() {
        let mut r = Registry::new();
        r.add("Ekspress-K", EntryKind::Source, "publication")
            .unwrap();
        r.entries[0].aliases = vec!["Express K".into(), "Экспресс, К".into()];
        r.set_grade("r1", Some(Grade::new("B", "ann", "2026-12-01T00:00:00Z")))
            .unwrap();
        r.entries[0].note = Some("=1+1".into());
        let csv = to_csv(&r);
        let rows: Vec<&str> = csv.split("\r\n").collect();
        assert_eq!(rows[0], HEADER.join(","));
        assert_eq!(
            rows[1],
            "r1,Ekspress-K,\"Express K; Экспресс, К\",source,publication,B,ann,2026-12-01T00:00:00Z,,'=1+1,,"
        );
        assert_eq!(rows.len(), 3);
    }
}
