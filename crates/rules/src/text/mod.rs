//! The text model: tokens, normalization for matching, and offsets.
//!
//! # The offset model
//!
//! Every offset in Raqim — spans, tokens, zones, exports — is a Unicode **code-point** index
//! into the article text, end exclusive: Python `str` semantics, which is what spaCy, Prodigy and
//! doccano read and what the gold files use. Nothing else crosses a module boundary:
//!
//! - byte offsets stay inside the functions that need them (string slicing, byte-level matches
//!   on [`Normalized::text`], converted at once by [`Normalized::to_original_bytes`]);
//! - the DOM counts UTF-16 code units; the page converts its selections with [`Utf16Index`], in
//!   [`offsets`], and nowhere else;
//! - folded text has offsets of its own, which [`Normalized::to_original`] maps back.
//!
//! Ranges handed out by this module never cut a grapheme cluster (a letter with its harakat, an
//! emoji sequence, a flag), so a span can always be shown and exported whole.
//!
//! - [`tokenize`]: [`Tokenizer`], [`Token`], [`TokenKind`], [`Lexicon`]; proclitics are tokens.
//! - [`normalize`]: [`fold`], [`fold_into`], [`fold_char`], [`Normalized`].
//! - [`offsets`]: [`Utf16Index`], [`snap_to_tokens`], [`token_at`].
//! - [`slice_chars`] slices by code points once; [`CharIndex`] slices one text many times.

mod cluster;
pub mod normalize;
pub mod offsets;
mod presentation;
pub mod tokenize;
pub(crate) mod words;

pub use normalize::{fold, fold_char, fold_into, Fold, Normalized};
pub use offsets::{snap_to_tokens, token_at, Utf16Index};
pub use tokenize::{Lexicon, Token, TokenKind, Tokenizer};

/// The byte offset of every code point of a text, to slice it by code points in constant time:
/// for code that slices one text many times (an export cuts out every token; with
/// [`slice_chars`], which walks the text from its start, that was quadratic in its length).
#[derive(Debug, Clone)]
pub struct CharIndex<'a> {
    text: &'a str,
    /// `bytes[i]`: where code point `i` starts; one more entry, `text.len()`, at the end.
    bytes: Vec<usize>,
}

impl<'a> CharIndex<'a> {
    pub fn new(text: &'a str) -> CharIndex<'a> {
        let mut bytes: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        bytes.push(text.len());
        CharIndex { text, bytes }
    }

    /// Length of the text in code points.
    pub fn len(&self) -> usize {
        self.bytes.len() - 1
    }

    /// Whether the text is empty.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// `text[start..end]` in code points, clamped exactly as [`slice_chars`] is.
    pub fn slice(&self, start: usize, end: usize) -> &'a str {
        let s = self.bytes[start.min(self.len())];
        let e = if end > start {
            self.bytes[end.min(self.len())]
        } else {
            s
        };
        &self.text[s..e.max(s)]
    }
}

/// `text[start..end]` in code points (Python slicing); out-of-range bounds are clamped.
pub fn slice_chars(text: &str, start: usize, end: usize) -> &str {
    let mut idx = text
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(text.len()));
    let s = idx.by_ref().nth(start).unwrap_or(text.len());
    let e = if end > start {
        idx.nth(end - start - 1).unwrap_or(text.len())
    } else {
        s
    };
    &text[s..e.max(s)]
}

/// Whether `text` holds the character `c`: `str::contains` on x86-64, a plain scan for the
/// character's last byte elsewhere.
///
/// `str::contains` looks for a non-ASCII character as a string. On x86-64 that is a SIMD scan;
/// in WebAssembly it builds a Two-Way searcher on every call, and the engine asks this of tokens
/// and short lines thousands of times per article: the setup was 3 % of its time in the page,
/// where the plain scan is faster. Natively the SIMD scan is the faster of the two.
pub(crate) fn has_char(text: &str, c: char) -> bool {
    if cfg!(target_arch = "x86_64") {
        text.contains(c)
    } else {
        scan_for_char(text, c)
    }
}

/// [`has_char`] by a plain scan for the last byte of `c`, then a comparison of the rest.
fn scan_for_char(text: &str, c: char) -> bool {
    let mut buf = [0; 4];
    let needle = c.encode_utf8(&mut buf).as_bytes();
    let (last, n) = (needle[needle.len() - 1], needle.len());
    let bytes = text.as_bytes();
    (n - 1..bytes.len()).any(|i| bytes[i] == last && bytes[i + 1 - n..=i] == *needle)
}

/// The byte offset of the first line break in `text`: `str::find` natively, 16 bytes per step
/// in 64-bit words in WebAssembly.
///
/// `str::find` of an ASCII character is the standard library's word-at-a-time `memchr`, whose
/// words are `usize`: 8 bytes natively, 4 in WebAssembly, where the search for line breaks (the
/// zones split every article into lines) took twice its native share of the engine's time.
/// WebAssembly has 64-bit integers, so the same trick on `u64` halves the steps.
pub(crate) fn find_newline(text: &str) -> Option<usize> {
    if cfg!(target_arch = "wasm32") {
        find_byte_swar(text.as_bytes(), b'\n')
    } else {
        text.find('\n')
    }
}

/// [`find_newline`]'s scan, for any byte.
fn find_byte_swar(bytes: &[u8], byte: u8) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let spread = ONES * u64::from(byte);
    // High bit set in each byte of `w` equal to `byte` (and none below the first such byte).
    let hits = |w: u64| {
        let x = w ^ spread;
        x.wrapping_sub(ONES) & !x & HIGH
    };
    let word = |at: usize| u64::from_le_bytes(bytes[at..at + 8].try_into().unwrap_or_default());
    let mut at = 0;
    while at + 16 <= bytes.len() {
        let (low, high) = (hits(word(at)), hits(word(at + 8)));
        if low | high != 0 {
            let (w, from) = if low != 0 { (low, at) } else { (high, at + 8) };
            return Some(from + (w.trailing_zeros() / 8) as usize);
        }
        at += 16;
    }
    bytes[at..].iter().position(|&b| b == byte).map(|i| at + i)
}

#[cfg(test)]
mod tests {
    use super::{find_byte_swar, scan_for_char};

    #[test]
    fn the_word_scan_finds_the_first_line_break() {
        let mut text = "سطر أول فيه كلمات عربية\nوسطر ثان\n".repeat(3).into_bytes();
        text.extend_from_slice("\u{A}\u{80}\u{8A}".as_bytes()); // 0x0A only as a line break
        for from in 0..text.len() {
            for to in from..=text.len().min(from + 40) {
                let part = &text[from..to];
                let expected = part.iter().position(|&b| b == b'\n');
                assert_eq!(find_byte_swar(part, b'\n'), expected, "{from}..{to}");
            }
        }
        for byte in [0u8, 0x01, 0x7F, 0x80, 0xFF] {
            let bytes = [
                0x80, 0xFF, 0x7F, 0x01, 0x00, 0x80, 0xFF, 0x7F, 0x01, 0x00, 1, 2, 3, 4, 5, 6, 7, 8,
            ];
            let expected = bytes.iter().position(|&b| b == byte);
            assert_eq!(find_byte_swar(&bytes, byte), expected, "{byte:#x}");
        }
    }

    #[test]
    fn the_plain_scan_finds_exactly_what_contains_finds() {
        let texts = [
            "",
            "ى",
            "على",
            "علي",
            "a©b",
            "©",
            "قالَ",
            "أيضــًا",
            "ab",
            "ﻻ",
            "😀x",
        ];
        let chars = ['ى', '©', 'ـ', '\u{64B}', 'a', '»', '😀', 'ي'];
        for t in texts {
            for c in chars {
                assert_eq!(scan_for_char(t, c), t.contains(c), "{t:?} {c:?}");
            }
        }
    }
}
