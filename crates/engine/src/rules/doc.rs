//! [`Doc`]: one article as every matcher sees it.
//!
//! Matchers compare *folded* token forms ([`crate::text::fold`]) so that every spelling of a name
//! meets its gazetteer key, but spans must land on exact code-point offsets of the original. A
//! `Doc` therefore keeps both views side by side, indexed by token: the original text and tokens,
//! and one folded string holding every token's folded form. Folding happens once per article,
//! into a single allocation — the hot path never allocates a `String` per token.
//!
//! The folded string doubles as the gazetteer's haystack: it is the folded tokens joined by
//! [`Doc::SEP`], with a separator before the first and after the last, so a multi-token key
//! (`SEP الولايات SEP المتحده`) can only match at token boundaries.

use crate::span::Zone;
use crate::text::{fold_char, Token, TokenKind};

/// One article, tokenized and folded, with the boilerplate zones found so far.
#[derive(Debug, Clone)]
pub struct Doc<'a> {
    /// The article text (offsets are code points into it).
    pub text: &'a str,
    /// Its tokens, as [`crate::text::Tokenizer::tokenize`] returns them.
    pub tokens: &'a [Token],
    zones: &'a [Zone],
    /// `SEP t0 SEP t1 … SEP`: every token folded.
    folded: String,
    /// Per token: byte range of its folded form in `folded`.
    folded_at: Vec<(u32, u32)>,
    /// Per token: byte range of its original text in `text`.
    text_at: Vec<(u32, u32)>,
    /// Per token: [`hash`] of its folded form, so matchers can rule tokens out cheaply.
    hashes: Vec<u32>,
}

/// Whether [`fold_char`] leaves `c` as it is: the common case (ASCII lowercase, digits, most
/// Arabic letters), tested first so folding an article is mostly copying.
fn folds_to_itself(c: char) -> bool {
    matches!(c,
        ' '..='@' | '['..='\u{7F}' | 'ء' | 'ؤ' | 'ئ'..='ب' | 'ت'..='غ' | 'ف'..='و' | 'ي')
}

/// [`fold_char`], with the frequent changes of Arabic news text (ة, hamzated alefs, ى) first.
fn fold_into(c: char, out: &mut String) {
    match c {
        'ة' => out.push('ه'),
        'أ' | 'إ' | 'آ' => out.push('ا'),
        'ى' => out.push('ي'),
        _ => fold_char(c).push_to(out),
    }
}

/// A fast hash of a folded token, computed for every token of every article so matchers can
/// rule tokens out with a lookup (the gazetteer skips the ~90 % of tokens that start no name).
/// Constant time: the length and the first and last eight bytes (four Arabic letters) are
/// enough to tell tokens apart for a filter, and hashing every byte costs more than all the
/// matching.
pub(crate) fn hash(folded: &[u8]) -> u32 {
    let n = folded.len();
    let word = |b: &[u8]| b.iter().rev().fold(0u64, |w, &x| w << 8 | u64::from(x));
    let (head, tail) = if n >= 8 {
        (word(&folded[..8]), word(&folded[n - 8..]))
    } else {
        (word(folded), 0)
    };
    let x = (head ^ (n as u64)).wrapping_mul(0x9E37_79B9_7F4A_7C15)
        ^ tail.rotate_left(29).wrapping_mul(0xC2B2_AE3D_27D4_EB4F);
    (x >> 32) as u32 ^ x as u32
}

impl<'a> Doc<'a> {
    /// The separator between folded tokens. Folded tokens never contain whitespace (whitespace is
    /// never inside a token), so a space is unambiguous.
    pub const SEP: char = ' ';

    /// Folds every token of `text` once. `tokens` must come from tokenizing `text`; `zones` are
    /// the boilerplate stretches matchers may skip.
    pub fn new(text: &'a str, tokens: &'a [Token], zones: &'a [Zone]) -> Doc<'a> {
        let mut folded = String::with_capacity(text.len() + tokens.len() + 1);
        let mut folded_at = Vec::with_capacity(tokens.len());
        let mut text_at = Vec::with_capacity(tokens.len());
        let mut hashes = Vec::with_capacity(tokens.len());
        folded.push(Self::SEP);
        // One walk over the text: skip the whitespace before each token, fold the token.
        let mut chars = text.chars();
        let mut cp = 0;
        let byte = |chars: &std::str::Chars| (text.len() - chars.as_str().len()) as u32;
        for t in tokens {
            while cp < t.start && chars.next().is_some() {
                cp += 1;
            }
            let b0 = byte(&chars);
            let f0 = folded.len();
            // Characters that fold to themselves are copied in runs, not one by one.
            let mut run = b0 as usize;
            while cp < t.end {
                let at = byte(&chars) as usize;
                let Some(c) = chars.next() else { break };
                cp += 1;
                if !folds_to_itself(c) {
                    folded.push_str(&text[run..at]);
                    fold_into(c, &mut folded);
                    run = at + c.len_utf8();
                }
            }
            let b1 = byte(&chars);
            folded.push_str(&text[run..b1 as usize]);
            text_at.push((b0, b1));
            folded_at.push((f0 as u32, folded.len() as u32));
            hashes.push(hash(&folded.as_bytes()[f0..]));
            folded.push(Self::SEP);
        }
        Doc {
            text,
            tokens,
            zones,
            folded,
            folded_at,
            text_at,
            hashes,
        }
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
    pub fn folded(&self, i: usize) -> &str {
        let (a, b) = self.folded_at[i];
        &self.folded[a as usize..b as usize]
    }

    /// The original text of token `i`.
    pub fn token_text(&self, i: usize) -> &'a str {
        let (a, b) = self.text_at[i];
        &self.text[a as usize..b as usize]
    }

    /// The kind of token `i`.
    pub fn kind(&self, i: usize) -> TokenKind {
        self.tokens[i].kind
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

    /// The folded haystack `SEP t0 SEP t1 … SEP`.
    pub(crate) fn stream(&self) -> &str {
        &self.folded
    }

    /// Byte range of token `i`'s folded form in [`Doc::stream`].
    pub(crate) fn stream_range(&self, i: usize) -> (usize, usize) {
        let (a, b) = self.folded_at[i];
        (a as usize, b as usize)
    }

    /// [`hash`] of token `i`'s folded form.
    pub(crate) fn folded_hash(&self, i: usize) -> u32 {
        self.hashes[i]
    }

    /// The token whose folded form ends at byte `at` of the stream, if any.
    pub(crate) fn token_ending_at(&self, at: usize) -> Option<usize> {
        let i = self.folded_at.partition_point(|&(_, b)| (b as usize) < at);
        (self.folded_at.get(i)?.1 as usize == at).then_some(i)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
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
        assert_eq!(doc.token_ending_at(b), Some(3));
        assert_eq!(doc.token_ending_at(b - 1), None);
        assert_eq!(doc.folded_hash(3), hash("الخارجيه".as_bytes()));
        assert_eq!(doc.slice(1, 3), "وزيرُ «الخارجيةِ");
        assert_eq!(doc.slice(3, 1), "");
    }

    #[test]
    fn the_fast_paths_agree_with_fold_char() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let (mut fast, mut slow) = (String::new(), String::new());
            fold_into(c, &mut fast);
            fold_char(c).push_to(&mut slow);
            assert_eq!(fast, slow, "U+{:04X}", c as u32);
            if folds_to_itself(c) {
                assert_eq!(slow, c.to_string(), "U+{:04X}", c as u32);
            }
        }
    }
}
