//! Label colours on paper, for the HTML report and the Label Studio labeling config:
//! the schema's colour when it defines the label, else a colour picked from a fixed
//! palette by the label's name, so that the same label always gets the same colour.
//!
//! The schema names its colours for a terminal (`light-cyan`, `yellow`); on a white page
//! those would be too pale to read, so each of the 16 names stands for a darker colour
//! of the same family here, all 16 different. A `#rrggbb` colour is used as it is.

use std::fmt;

use crate::domain::model::Kind;
use crate::domain::schema::{AnsiColor, LabelColor, LabelKind, Schema};

/// A 24-bit colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// The colour mixed with white, `share` (0 to 1) of it kept: a light background
    /// that text stays readable on.
    pub fn tint(self, share: f32) -> Rgb {
        let mix = |c: u8| (255.0 - (255.0 - f32::from(c)) * share).round() as u8;
        Rgb(mix(self.0), mix(self.1), mix(self.2))
    }
}

impl fmt::Display for Rgb {
    /// `#rrggbb`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }
}

/// The colour of label `label` on an annotation of `kind`.
pub(super) fn annotation_color(schema: &Schema, kind: Kind, label: &str) -> Rgb {
    let list = match kind {
        Kind::Entity => LabelKind::Entity,
        Kind::Claim => LabelKind::Claim,
        Kind::Source => LabelKind::Source,
    };
    label_color(schema, list, label)
}

/// The colour of label `label` of the schema's list `kind`: the schema's own colour, or
/// one of [`PALETTE`] chosen by the label's name when the schema does not define it.
pub(super) fn label_color(schema: &Schema, kind: LabelKind, label: &str) -> Rgb {
    match schema.label_color(kind, label) {
        Some(LabelColor::Rgb(r, g, b)) => Rgb(r, g, b),
        Some(LabelColor::Ansi(ansi)) => on_paper(ansi),
        None => PALETTE[stable_hash(label) % PALETTE.len()],
    }
}

/// The colour a terminal colour name stands for on a white page.
fn on_paper(color: AnsiColor) -> Rgb {
    match color {
        AnsiColor::Black => Rgb(0x1f, 0x29, 0x37),
        AnsiColor::Red => Rgb(0xb9, 0x1c, 0x1c),
        AnsiColor::Green => Rgb(0x15, 0x80, 0x3d),
        AnsiColor::Yellow => Rgb(0xb4, 0x53, 0x09),
        AnsiColor::Blue => Rgb(0x1d, 0x4e, 0xd8),
        AnsiColor::Magenta => Rgb(0xa2, 0x1c, 0xaf),
        AnsiColor::Cyan => Rgb(0x0f, 0x76, 0x6e),
        AnsiColor::Gray => Rgb(0x64, 0x74, 0x8b),
        AnsiColor::DarkGray => Rgb(0x57, 0x53, 0x4e),
        AnsiColor::LightRed => Rgb(0xea, 0x58, 0x0c),
        AnsiColor::LightGreen => Rgb(0x65, 0xa3, 0x0d),
        AnsiColor::LightYellow => Rgb(0xca, 0x8a, 0x04),
        AnsiColor::LightBlue => Rgb(0x63, 0x66, 0xf1),
        AnsiColor::LightMagenta => Rgb(0xdb, 0x27, 0x77),
        AnsiColor::LightCyan => Rgb(0x02, 0x84, 0xc7),
        AnsiColor::White => Rgb(0x94, 0xa3, 0xb8),
    }
}

/// Colours for labels the schema does not define, distinct from one another.
const PALETTE: [Rgb; 10] = [
    Rgb(0x7c, 0x3a, 0xed),
    Rgb(0x0e, 0x74, 0x90),
    Rgb(0xbe, 0x12, 0x3c),
    Rgb(0x4d, 0x7c, 0x0f),
    Rgb(0xc2, 0x41, 0x0c),
    Rgb(0x43, 0x38, 0xca),
    Rgb(0x04, 0x78, 0x57),
    Rgb(0xa1, 0x62, 0x07),
    Rgb(0x86, 0x19, 0x8f),
    Rgb(0x33, 0x41, 0x55),
];

/// FNV-1a of `text`: the same on every run and every machine (unlike the standard
/// library's hasher).
fn stable_hash(text: &str) -> usize {
    let mut hash: u32 = 0x811c_9dc5;
    for byte in text.bytes() {
        hash ^= u32::from(byte);
        hash = hash.wrapping_mul(0x0100_0193);
    }
    hash as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schema_labels_get_their_own_colours() {
        let schema = Schema::default();
        let color = |label: &str| annotation_color(&schema, Kind::Entity, label);
        let keyed = [
            "PERSON", "ORG", "GPE", "NORP", "DATE", "LOC", "FAC", "EVENT",
        ];
        let colors: std::collections::HashSet<Rgb> = keyed.iter().map(|l| color(l)).collect();
        assert_eq!(colors.len(), keyed.len(), "{colors:?}");
        assert_eq!(color("PERSON"), on_paper(AnsiColor::LightCyan));
        let mut custom = Schema::default();
        custom.entity_types[0].color = "#123456".into();
        assert_eq!(
            annotation_color(&custom, Kind::Entity, "PERSON"),
            Rgb(0x12, 0x34, 0x56)
        );
    }

    #[test]
    fn every_terminal_colour_is_a_different_colour_on_paper() {
        let colors: std::collections::HashSet<Rgb> =
            AnsiColor::ALL.into_iter().map(on_paper).collect();
        assert_eq!(colors.len(), 16);
    }

    #[test]
    fn unknown_labels_get_a_stable_palette_colour() {
        let schema = Schema::default();
        let weapon = annotation_color(&schema, Kind::Entity, "WEAPON");
        assert_eq!(weapon, annotation_color(&schema, Kind::Entity, "WEAPON"));
        assert_eq!(weapon, PALETTE[stable_hash("WEAPON") % PALETTE.len()]);
        assert_eq!(stable_hash("a"), 0xe40c_292c);
        let drug = annotation_color(&schema, Kind::Entity, "DRUG");
        assert_ne!(weapon, drug);
    }

    #[test]
    fn tints_are_light_and_hex_is_css() {
        assert_eq!(Rgb(0, 0x80, 0xff).tint(0.2).to_string(), "#cce6ff");
        assert_eq!(Rgb(0x12, 0x34, 0x56).to_string(), "#123456");
    }
}
