//! The tokens of a file that gives tokens instead of text (CoNLL, CoNLL-U), held in one
//! string with the end of each: a book's hundreds of thousands of tokens take their
//! text and four bytes each, not a `String` (24 bytes and an allocation) each. A list
//! holds at most [`TokenList::MAX_TEXT`] bytes of text; the readers refuse larger files
//! before reading them.

use std::ops::Index;

/// Tokens in order, their text in one string.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TokenList {
    /// Every token's text, one after the other.
    text: String,
    /// Where each token ends in `text` (it starts where the one before ends).
    ends: Vec<u32>,
}

impl TokenList {
    /// The most text a list holds (4 GiB): a file holding more is not read.
    pub const MAX_TEXT: usize = u32::MAX as usize;

    /// No tokens.
    pub fn new() -> TokenList {
        TokenList::default()
    }

    /// Adds `token` after the others; past [`Self::MAX_TEXT`] it is dropped (the
    /// readers refuse such files first).
    pub fn push(&mut self, token: &str) {
        let Ok(end) = u32::try_from(self.text.len() + token.len()) else {
            return;
        };
        self.text.push_str(token);
        self.ends.push(end);
    }

    /// Gives back the room the tokens do not fill.
    pub fn shrink_to_fit(&mut self) {
        self.text.shrink_to_fit();
        self.ends.shrink_to_fit();
    }

    /// How many tokens there are.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// Token `index`, if there is one.
    pub fn get(&self, index: usize) -> Option<&str> {
        let end = *self.ends.get(index)? as usize;
        let start = index
            .checked_sub(1)
            .map_or(0, |before| self.ends[before] as usize);
        Some(&self.text[start..end])
    }

    /// The tokens in order.
    pub fn iter(&self) -> impl Iterator<Item = &str> + '_ {
        (0..self.len()).filter_map(|i| self.get(i))
    }
}

impl Index<usize> for TokenList {
    type Output = str;

    /// Token `index`; panics when there is none, as a slice does.
    fn index(&self, index: usize) -> &str {
        match self.get(index) {
            Some(token) => token,
            None => panic!("token {index} of {}", self.len()),
        }
    }
}

impl<'a> FromIterator<&'a str> for TokenList {
    fn from_iter<I: IntoIterator<Item = &'a str>>(tokens: I) -> TokenList {
        let mut list = TokenList::new();
        for token in tokens {
            list.push(token);
        }
        list
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_come_back_as_they_were_pushed() {
        let tokens: TokenList = ["Бек", "", "ушёл", "😀", "."].into_iter().collect();
        assert_eq!(tokens.len(), 5);
        assert_eq!(
            tokens.iter().collect::<Vec<_>>(),
            ["Бек", "", "ушёл", "😀", "."]
        );
        assert_eq!(&tokens[2], "ушёл");
        assert_eq!(tokens.get(5), None);
        assert!(TokenList::new().is_empty());
    }
}
