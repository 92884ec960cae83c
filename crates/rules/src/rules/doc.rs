//! [`Doc`]: one article as every matcher sees it.
//!
//! Matchers compare *folded* token forms ([`crate::text::fold`]) so that every spelling of a name
//! meets its gazetteer key, but spans must land on exact code-point offsets of the original. A
//! `Doc` therefore keeps both views side by side, indexed by token: the original text and tokens,
//! and one folded string holding every token's folded form. Folding happens once per article,
//! into a single allocation — the hot path never allocates a `String` per token — and inside
//! the tokenizer, as it finds each token (`Tokenizer::tokenize_folded`).
//!
//! The folded string is the folded tokens joined by [`Doc::SEP`], with a separator before the
//! first and after the last, so any run of tokens has one folded form, a slice of it
//! (`الولايات SEP المتحده`): the key under which the analyst's rejected forms are looked up.

use crate::span::Zone;
use crate::text::tokenize::FoldedTokens;
use crate::text::{fold_into, Token, TokenKind};

/// One article, tokenized and folded, with the boilerplate zones found so far.
#[derive(Debug, Clone)]
pub struct Doc<'a> {
    /// The article text (offsets are code points into it).
    pub text: &'a str,
    /// Its tokens, as [`crate::text::Tokenizer::tokenize`] returns them.
    pub tokens: &'a [Token],
    zones: &'a [Zone],
    /// Every token folded, with the [`hash`](crate::text::words::hash) of each, so matchers can
    /// rule tokens out cheaply and look tokens up without hashing them again.
    folded: FoldedTokens,
    /// Per token: byte range of its original text in `text`.
    text_at: Vec<(u32, u32)>,
    /// Per token: its kind, a byte each. Matchers ask for kinds token after token, pass after
    /// pass, and in [`Token`]s (32 bytes each) the kinds of an article do not stay in cache.
    kinds: Vec<TokenKind>,
}

impl<'a> Doc<'a> {
    /// The separator between folded tokens.
    pub const SEP: char = FoldedTokens::SEP;

    /// Folds every token of `text` once. `tokens` must come from tokenizing `text`; `zones` are
    /// the boilerplate stretches matchers may skip.
    pub fn new(text: &'a str, tokens: &'a [Token], zones: &'a [Zone]) -> Doc<'a> {
        // One walk over the text finds every token's bytes.
        let mut chars = text.chars();
        let mut cp = 0;
        let mut byte_at = |target: usize| {
            while cp < target && chars.next().is_some() {
                cp += 1;
            }
            (text.len() - chars.as_str().len()) as u32
        };
        let text_at: Vec<(u32, u32)> = tokens
            .iter()
            .map(|t| (byte_at(t.start), byte_at(t.end)))
            .collect();
        let mut folded = FoldedTokens::with_capacity(text.len(), tokens.len());
        for &(from, to) in &text_at {
            folded.push_with(|out| fold_into(&text[from as usize..to as usize], out));
        }
        Doc::with_folded(text, tokens, text_at, folded, zones)
    }

    /// [`Doc::new`] for tokens that the tokenizer folded as it found them
    /// ([`crate::text::Tokenizer::tokenize_folded`]): their byte ranges in `text` and folded
    /// forms.
    pub(crate) fn with_folded(
        text: &'a str,
        tokens: &'a [Token],
        text_at: Vec<(u32, u32)>,
        folded: FoldedTokens,
        zones: &'a [Zone],
    ) -> Doc<'a> {
        Doc {
            text,
            tokens,
            zones,
            folded,
            text_at,
            kinds: tokens.iter().map(|t| t.kind).collect(),
        }
    }

    /// Per token, the byte range of its text in `text`: what the document knew, handed on when
    /// it is no longer needed.
    pub(crate) fn into_text_at(self) -> Vec<(u32, u32)> {
        self.text_at
    }

    /// Number of tokens.
    pub fn len(&self) -> usize {
        self.tokens.len()
    }

    /// Whether the article has no tokens.
    pub fn is_empty(&self) -> bool {
        self.tokens.is_empty()
    }

    /// The folded form of token `i` ([`crate::text::fold`] of its text).
    #[inline]
    pub fn folded(&self, i: usize) -> &str {
        let (a, b) = self.folded.at[i];
        &self.folded.stream[a as usize..b as usize]
    }

    /// The original text of token `i`.
    pub fn token_text(&self, i: usize) -> &'a str {
        let (a, b) = self.text_at[i];
        &self.text[a as usize..b as usize]
    }

    /// The kind of token `i`.
    #[inline]
    pub fn kind(&self, i: usize) -> TokenKind {
        self.kinds[i]
    }

    /// The boilerplate zones found so far.
    pub fn zones(&self) -> &[Zone] {
        self.zones
    }

    /// Whether token `i` lies in a boilerplate zone (matchers may skip it).
    pub fn in_zone(&self, i: usize) -> bool {
        let t = &self.tokens[i];
        self.zones.iter().any(|z| z.overlaps(t.start, t.end))
    }

    /// The original text of tokens `first..=last`, whitespace and all.
    /// Empty if `last < first`.
    pub fn slice(&self, first: usize, last: usize) -> &'a str {
        let (from, to) = (
            self.text_at[first].0 as usize,
            self.text_at[last].1 as usize,
        );
        &self.text[from..to.max(from)]
    }

    /// The folded tokens, `SEP t0 SEP t1 … SEP`.
    pub(crate) fn stream(&self) -> &str {
        &self.folded.stream
    }

    /// Byte range of token `i`'s folded form in [`Doc::stream`].
    pub(crate) fn stream_range(&self, i: usize) -> (usize, usize) {
        let (a, b) = self.folded.at[i];
        (a as usize, b as usize)
    }

    /// [`hash`](crate::text::words::hash) of token `i`'s folded form.
    pub(crate) fn folded_hash(&self, i: usize) -> u32 {
        self.folded.hashes[i]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::words::hash;
    use crate::text::Tokenizer;

    #[test]
    fn folds_once_and_maps_tokens() {
        let text = "قالَ وزيرُ «الخارجيةِ»";
        let tokens = Tokenizer::default().tokenize(text);
        let doc = Doc::new(text, &tokens, &[]);
        assert_eq!(doc.len(), 5);
        assert_eq!(doc.token_text(1), "وزيرُ");
        assert_eq!(doc.folded(1), "وزير");
        assert_eq!(doc.folded(3), "الخارجيه");
        assert_eq!(doc.stream(), " قال وزير « الخارجيه » ");
        let (a, b) = doc.stream_range(3);
        assert_eq!(&doc.stream()[a..b], "الخارجيه");
        assert_eq!(doc.folded_hash(3), hash("الخارجيه".as_bytes()));
        assert_eq!(doc.slice(1, 3), "وزيرُ «الخارجيةِ");
        assert_eq!(doc.slice(3, 1), "");
    }
}
