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
