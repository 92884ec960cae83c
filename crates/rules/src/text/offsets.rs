//! The one place where code points meet the DOM's UTF-16, and selections meet tokens.
//!
//! Raqim's offsets are code points; the browser's `Selection`/`Range` offsets count UTF-16 code
//! units, where every character outside the Basic Multilingual Plane (emoji, flags, some CJK)
//! takes two. Converting anywhere else invites off-by-one-per-emoji bugs, so the page converts
//! through [`Utf16Index`] only. Articles have tens of thousands of characters and very few
//! astral ones, so the index stores just the positions of those and answers by binary search.
//!
//! An analyst's drag rarely lands exactly on word edges, and in RTL text it often runs
//! backwards. [`snap_to_tokens`] turns whatever was selected into the span the guidelines
//! want: whole tokens, without surrounding whitespace, quotes, punctuation or attached
//! proclitics. [`token_at`] serves double-click.

use super::tokenize::Token;

/// Converts between code-point offsets and UTF-16 offsets of one text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Utf16Index {
    /// Code-point index of every character outside the BMP, ascending.
    astral: Vec<u32>,
    /// Length of the text in code points.
    chars: usize,
}

impl Utf16Index {
    /// Indexes `text` (one pass; memory proportional to its number of astral characters).
    pub fn new(text: &str) -> Utf16Index {
        let mut astral = Vec::new();
        let mut chars = 0;
        for (i, c) in text.chars().enumerate() {
            if c.len_utf16() == 2 {
                astral.push(i as u32);
            }
            chars = i + 1;
        }
        Utf16Index { astral, chars }
    }

    /// Length of the text in code points.
    pub fn len_chars(&self) -> usize {
        self.chars
    }

    /// Length of the text in UTF-16 code units.
    pub fn len_utf16(&self) -> usize {
        self.chars + self.astral.len()
    }

    /// The UTF-16 offset of code point `cp` (clamped to the end of the text).
    pub fn to_utf16(&self, cp: usize) -> usize {
        let cp = cp.min(self.chars);
        cp + self.astral.partition_point(|&a| (a as usize) < cp)
    }

    /// The code point at UTF-16 offset `unit` (clamped to the end of the text). An offset
    /// between the two halves of a surrogate pair maps to the start of that character.
    pub fn to_code_point(&self, unit: usize) -> usize {
        let unit = unit.min(self.len_utf16());
        // The k-th astral character starts at UTF-16 offset astral[k] + k: find how many
        // astral characters start before `unit`.
        let (mut lo, mut hi) = (0, self.astral.len());
        while lo < hi {
            let mid = (lo + hi) / 2;
            if (self.astral[mid] as usize) + mid < unit {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        let before = lo; // astral characters starting before `unit`
        match before.checked_sub(1) {
            // `unit` is the low surrogate of the last of them.
            Some(k) if self.astral[k] as usize + k + 1 == unit => self.astral[k] as usize,
            _ => unit - before,
        }
    }
}

/// Snaps a selected code-point range to tokens: `start` and `end` may come in either order (an
/// RTL drag); the range is widened to whole tokens, then whitespace and any punctuation,
/// quote, symbol or proclitic tokens at either edge are dropped. Returns `None` if no word,
/// number or Latin token is touched, or if the range is empty. `tokens` must be sorted, as
/// [`super::Tokenizer::tokenize`] returns them.
pub fn snap_to_tokens(tokens: &[Token], start: usize, end: usize) -> Option<(usize, usize)> {
    let (start, end) = (start.min(end), start.max(end));
    if start == end {
        return None;
    }
    let first = tokens.partition_point(|t| t.end <= start);
    let last = first + tokens[first..].partition_point(|t| t.start < end);
    let touched = &tokens[first..last];
    let a = touched.iter().position(|t| t.kind.is_content())?;
    let b = touched.iter().rposition(|t| t.kind.is_content())?;
    Some((touched[a].start, touched[b].end))
}

/// The index of the token containing code point `cp`, or `None` on whitespace or past the end.
pub fn token_at(tokens: &[Token], cp: usize) -> Option<usize> {
    let i = tokens.partition_point(|t| t.end <= cp);
    tokens.get(i).filter(|t| t.start <= cp).map(|_| i)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::{slice_chars, Tokenizer};

    #[test]
    fn utf16_round_trip_with_emoji() {
        let text = "أ🇮🇶 b👍🏽";
        let index = Utf16Index::new(text);
        let units: Vec<u16> = text.encode_utf16().collect();
        assert_eq!(index.len_utf16(), units.len());
        assert_eq!(index.len_chars(), text.chars().count());
        assert_eq!(index.to_utf16(0), 0);
        assert_eq!(index.to_utf16(1), 1);
        assert_eq!(index.to_utf16(2), 3);
        assert_eq!(index.to_utf16(3), 5);
        assert_eq!(index.to_code_point(5), 3);
        assert_eq!(index.to_code_point(2), 1); // inside 🇮
        assert_eq!(index.to_code_point(4), 2); // inside 🇶
        assert_eq!(index.to_code_point(99), index.len_chars());
        assert_eq!(index.to_utf16(99), units.len());
        for cp in 0..=index.len_chars() {
            assert_eq!(index.to_code_point(index.to_utf16(cp)), cp);
        }
    }

    #[test]
    fn empty_text() {
        let index = Utf16Index::new("");
        assert_eq!((index.to_utf16(3), index.to_code_point(3)), (0, 0));
    }

    #[test]
    fn snaps_and_trims() {
        let text = "قالت «وكالة الصحافة الفرنسية»، والولايات المتحدة!";
        let tokens = Tokenizer::default().tokenize(text);
        let snap = |s, e| snap_to_tokens(&tokens, s, e).map(|(s, e)| slice_chars(text, s, e));
        // Whole quoted name, quotes selected too, dragged right to left.
        assert_eq!(snap(30, 5), Some("وكالة الصحافة الفرنسية"));
        // Inside a word widens to the word.
        assert_eq!(snap(8, 9), Some("وكالة"));
        // The proclitic is dropped at the edge.
        assert_eq!(snap(31, 49), Some("الولايات المتحدة"));
        // Only punctuation and spaces.
        assert_eq!(snap(29, 31), None);
        assert_eq!(snap(12, 12), None);
        assert_eq!(snap(40, 400), Some("المتحدة"));
    }

    #[test]
    fn token_under_the_pointer() {
        let text = "في بغداد.";
        let tokens = Tokenizer::default().tokenize(text);
        assert_eq!(token_at(&tokens, 4).map(|i| tokens[i].start), Some(3));
        assert_eq!(token_at(&tokens, 2), None);
        assert_eq!(token_at(&tokens, 8).map(|i| tokens[i].end), Some(9));
        assert_eq!(token_at(&tokens, 9), None);
    }
}
