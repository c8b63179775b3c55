//! Moving a byte position onto a character boundary of a text, for cutting windows and
//! slices out of it without splitting a character.

/// The largest character boundary of `text` at or below `byte` (the end of `text` for a
/// position past it).
pub fn floor_char_boundary(text: &str, byte: usize) -> usize {
    let mut byte = byte.min(text.len());
    while !text.is_char_boundary(byte) {
        byte -= 1;
    }
    byte
}

/// The smallest character boundary of `text` at or above `byte` (the end of `text` for a
/// position past it).
pub fn ceil_char_boundary(text: &str, byte: usize) -> usize {
    let mut byte = byte.min(text.len());
    while !text.is_char_boundary(byte) {
        byte += 1;
    }
    byte
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_inside_a_character_move_to_its_edges() {
        let text = "aé€😀";
        // a 0..1, é 1..3, € 3..6, 😀 6..10
        assert_eq!(floor_char_boundary(text, 2), 1);
        assert_eq!(ceil_char_boundary(text, 2), 3);
        assert_eq!(floor_char_boundary(text, 8), 6);
        assert_eq!(ceil_char_boundary(text, 8), 10);
        assert_eq!(floor_char_boundary(text, 3), 3);
        assert_eq!(ceil_char_boundary(text, 3), 3);
        assert_eq!(floor_char_boundary(text, 99), 10);
        assert_eq!(ceil_char_boundary(text, 99), 10);
        assert_eq!(floor_char_boundary("", 5), 0);
    }
}
