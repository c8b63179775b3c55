//! A guess at the encoding of an article that is not UTF-8, from its bytes alone, so
//! that the error can name a conversion that is likely right, say how sure it is, and
//! never advise one that would corrupt the text.

use std::path::Path;

/// What the bytes look like.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-16 with a byte-order mark (little or big endian).
    Utf16 {
        /// Little endian (`FF FE`) or big endian (`FE FF`).
        little_endian: bool,
    },
    /// Windows-1252: Western European letters and typographic quotes in 0x80–0x9F.
    Cp1252,
    /// ISO-8859-1: Western European letters, nothing in 0x80–0x9F.
    Latin1,
    /// Windows-1251: Cyrillic, lower case in 0xE0–0xFF.
    Cp1251,
    /// KOI8-R: Cyrillic, lower case in 0xC0–0xDF.
    Koi8R,
}

impl Encoding {
    /// The name `iconv -f` takes.
    pub fn iconv_name(self) -> &'static str {
        match self {
            Encoding::Utf16 {
                little_endian: true,
            } => "UTF-16LE",
            Encoding::Utf16 { .. } => "UTF-16BE",
            Encoding::Cp1252 => "CP1252",
            Encoding::Latin1 => "ISO-8859-1",
            Encoding::Cp1251 => "CP1251",
            Encoding::Koi8R => "KOI8-R",
        }
    }

    /// What it is, in a few words.
    fn described(self) -> &'static str {
        match self {
            Encoding::Utf16 { .. } => "UTF-16 (it starts with a UTF-16 byte-order mark)",
            Encoding::Cp1252 => "Windows-1252 (Western European letters and typographic quotes)",
            Encoding::Latin1 => "ISO-8859-1 (Western European letters)",
            Encoding::Cp1251 => "Windows-1251 (Cyrillic)",
            Encoding::Koi8R => "KOI8-R (Cyrillic)",
        }
    }
}

/// How sure the guess is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Confidence {
    /// A byte-order mark says so.
    Certain,
    /// The bytes follow the encoding's patterns throughout.
    Likely,
}

/// The guess: an encoding and how sure, or nothing when the bytes fit no pattern well.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Guess(pub Option<(Encoding, Confidence)>);

/// Looks at the bytes of a file that is not UTF-8.
pub fn guess(bytes: &[u8]) -> Guess {
    match bytes {
        [0xFF, 0xFE, ..] => {
            return Guess(Some((
                Encoding::Utf16 {
                    little_endian: true,
                },
                Confidence::Certain,
            )))
        }
        [0xFE, 0xFF, ..] => {
            return Guess(Some((
                Encoding::Utf16 {
                    little_endian: false,
                },
                Confidence::Certain,
            )))
        }
        _ => {}
    }
    let high: Vec<usize> = (0..bytes.len()).filter(|&i| bytes[i] >= 0x80).collect();
    if high.is_empty() {
        return Guess(None);
    }
    // In a Cyrillic text most letters are high bytes, so they come in runs (words);
    // in a Western European text an accented letter stands between ASCII letters.
    let in_runs = high
        .iter()
        .filter(|&&i| {
            (i > 0 && bytes[i - 1] >= 0x80) || bytes.get(i + 1).is_some_and(|&b| b >= 0x80)
        })
        .count();
    let letters = high.iter().filter(|&&i| bytes[i] >= 0xC0).count();
    let encoding = if in_runs * 10 >= high.len() * 6 && letters * 10 >= high.len() * 8 {
        // Lower case is the most frequent: 0xE0–0xFF in Windows-1251, 0xC0–0xDF in KOI8-R.
        let upper_half = high.iter().filter(|&&i| bytes[i] >= 0xE0).count();
        if upper_half * 2 >= letters {
            Encoding::Cp1251
        } else {
            Encoding::Koi8R
        }
    } else if in_runs * 10 <= high.len() * 4 {
        let c1 = high.iter().filter(|&&i| bytes[i] < 0xA0).count();
        // Windows-1252 puts quotes, dashes and the ellipsis in 0x80–0x9F; the five
        // positions it leaves empty never occur in its text.
        let undefined = high
            .iter()
            .any(|&i| matches!(bytes[i], 0x81 | 0x8D | 0x8F | 0x90 | 0x9D));
        match (c1, undefined) {
            (0, _) => Encoding::Latin1,
            (_, false) => Encoding::Cp1252,
            (_, true) => return Guess(None),
        }
    } else {
        return Guess(None);
    };
    Guess(Some((encoding, Confidence::Likely)))
}

impl Guess {
    /// The advice that follows "is not valid UTF-8": the likely encoding and the command
    /// that converts `path`, or, when the bytes fit no pattern, no command at all.
    pub fn advice(&self, path: &Path) -> String {
        let convert = |encoding: Encoding| {
            format!(
                "iconv -f {} -t UTF-8 {} > article.txt",
                encoding.iconv_name(),
                path.display()
            )
        };
        match self.0 {
            Some((encoding, Confidence::Certain)) => format!(
                "it is {}; convert it with `{}`",
                encoding.described(),
                convert(encoding)
            ),
            Some((encoding, Confidence::Likely)) => format!(
                "it is probably {}; convert it with `{}` and check the result",
                encoding.described(),
                convert(encoding)
            ),
            None => "its encoding is unclear from its bytes; convert it to UTF-8 with the program that made it, or find its encoding first (`file -i`)".to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn encoded(text: &str, table: fn(char) -> u8) -> Vec<u8> {
        text.chars()
            .map(|c| if c.is_ascii() { c as u8 } else { table(c) })
            .collect()
    }

    fn cp1252(c: char) -> u8 {
        match c {
            '“' => 0x93,
            '”' => 0x94,
            '—' => 0x97,
            'é' => 0xE9,
            'è' => 0xE8,
            'ü' => 0xFC,
            _ => b'?',
        }
    }

    fn cp1251(c: char) -> u8 {
        // А–я are 0xC0–0xFF in order.
        (0xC0 + (c as u32 - 'А' as u32)) as u8
    }

    fn koi8r_lower(c: char) -> u8 {
        // Enough of KOI8-R's lower case for a test: а б в г д е → C1 C2 D7 C7 C4 C5.
        match c {
            'а' => 0xC1,
            'б' => 0xC2,
            'в' => 0xD7,
            'г' => 0xC7,
            'д' => 0xC4,
            'е' => 0xC5,
            _ => 0xDF,
        }
    }

    #[test]
    fn western_text_with_typographic_quotes_is_windows_1252() {
        let bytes = encoded(
            "“Déjà vu,” said the chargé d’affaires — über die Brücke.",
            cp1252,
        );
        assert_eq!(
            guess(&bytes).0,
            Some((Encoding::Cp1252, Confidence::Likely))
        );
    }

    #[test]
    fn western_text_without_c1_bytes_is_latin_1() {
        let bytes = encoded("the chargé said the café was closed", cp1252);
        assert_eq!(
            guess(&bytes).0,
            Some((Encoding::Latin1, Confidence::Likely))
        );
    }

    #[test]
    fn cyrillic_runs_are_windows_1251_or_koi8_r() {
        let bytes = encoded("Министр заявил, что граница закрыта.", cp1251);
        assert_eq!(
            guess(&bytes).0,
            Some((Encoding::Cp1251, Confidence::Likely))
        );
        let bytes = encoded("абвгде где вед бег", koi8r_lower);
        assert_eq!(guess(&bytes).0, Some((Encoding::Koi8R, Confidence::Likely)));
    }

    #[test]
    fn a_utf_16_byte_order_mark_is_certain() {
        let mut bytes = vec![0xFF, 0xFE];
        bytes.extend("Hi".encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(
            guess(&bytes).0,
            Some((
                Encoding::Utf16 {
                    little_endian: true
                },
                Confidence::Certain
            ))
        );
    }

    #[test]
    fn bytes_that_fit_no_pattern_give_no_advice() {
        let said =
            guess(&[b'a', 0x81, b'b', 0x9D, 0xC3, 0xFF, b'c', 0x80]).advice(Path::new("a.txt"));
        assert!(said.contains("unclear"), "{said}");
        assert!(!said.contains("iconv"), "{said}");
    }
}
