//! Grapheme clusters (extended, UAX #29), fast for the text Raqim actually sees.
//!
//! Tokens and normalized matches must never cut a user-perceived character in half (an emoji
//! ZWJ sequence, a flag, a letter with its harakat). `unicode-segmentation` gets every case
//! right, but running it over every character costs more than the rest of tokenization. Almost
//! every character in an Arabic news article comes from a handful of blocks (ASCII, Latin-1,
//! Arabic, general punctuation, presentation forms) whose grapheme-break properties are few and
//! known, and between two such characters the UAX #29 rules need no further context. So the
//! boundary between two known characters is decided here from a small table, and anything else
//! (emoji, regional indicators, Hangul, Indic conjuncts, variation selectors…) is handed to
//! [`GraphemeCursor`], which sees the whole text and is always right. A property test checks the
//! result against `unicode-segmentation` on random hostile strings.

use unicode_segmentation::GraphemeCursor;

/// Grapheme-break property of a character, for the characters this module decides itself.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Gcb {
    Cr,
    Lf,
    Control,
    /// `Extend` and the two joiners (ZWJ only matters before an emoji, which is `Unknown`).
    Extend,
    Prepend,
    Other,
    /// Not in the table: let `unicode-segmentation` decide.
    Unknown,
}

/// Grapheme-break properties of the Arabic block, U+0600–U+06FF.
const ARABIC_BLOCK: [Gcb; 256] = {
    let mut table = [Gcb::Other; 256];
    let extend: [(usize, usize); 7] = [
        (0x10, 0x1A),
        (0x4B, 0x5F),
        (0x70, 0x70),
        (0xD6, 0xDC),
        (0xDF, 0xE4),
        (0xE7, 0xE8),
        (0xEA, 0xED),
    ];
    let mut r = 0;
    while r < extend.len() {
        let mut i = extend[r].0;
        while i <= extend[r].1 {
            table[i] = Gcb::Extend;
            i += 1;
        }
        r += 1;
    }
    let mut i = 0;
    while i <= 5 {
        table[i] = Gcb::Prepend;
        i += 1;
    }
    table[0xDD] = Gcb::Prepend;
    table[0x1C] = Gcb::Control;
    table
};

// Always: in WebAssembly, where the page is size-optimized, it was left a call per character.
#[inline(always)]
fn gcb(c: char) -> Gcb {
    match c {
        '\u{20}'..='\u{7E}' => Gcb::Other,
        '\u{600}'..='\u{6FF}' => ARABIC_BLOCK[c as usize - 0x600],
        '\r' => Gcb::Cr,
        '\n' => Gcb::Lf,
        '\0'..='\u{1F}' | '\u{7F}'..='\u{9F}' | '\u{AD}' => Gcb::Control,
        '\u{A9}' | '\u{AE}' => Gcb::Unknown, // © ® are emoji (Extended_Pictographic)
        '\u{A0}'..='\u{2FF}' | '\u{750}'..='\u{77F}' => Gcb::Other,
        '\u{300}'..='\u{36F}' | '\u{200C}' | '\u{200D}' => Gcb::Extend,
        '\u{200B}'
        | '\u{200E}'
        | '\u{200F}'
        | '\u{2028}'..='\u{202E}'
        | '\u{2060}'..='\u{206F}' => Gcb::Control,
        '\u{203C}' | '\u{2049}' => Gcb::Unknown, // ‼ ⁉ are emoji
        '\u{2000}'..='\u{206F}' | '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFE}' => Gcb::Other,
        '\u{FEFF}' => Gcb::Control,
        _ => Gcb::Unknown,
    }
}

/// Whether UAX #29 forbids a break between two known characters (rules GB3–GB9b; the rules
/// that need more context only involve `Unknown` characters).
fn joins(a: Gcb, b: Gcb) -> bool {
    match (a, b) {
        (Gcb::Cr, Gcb::Lf) => true,
        (Gcb::Cr | Gcb::Lf | Gcb::Control, _) | (_, Gcb::Cr | Gcb::Lf | Gcb::Control) => false,
        (_, Gcb::Extend) | (Gcb::Prepend, _) => true,
        _ => false,
    }
}

/// One grapheme cluster: `text[start..end]` (bytes), `chars` code points long.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Cluster {
    pub start: usize,
    pub end: usize,
    pub chars: usize,
    /// The character that decides what the cluster is: the first one that is not a prepended
    /// mark (U+0600 ARABIC NUMBER SIGN prepends to the digits it precedes). A cluster holding
    /// a space (with marks on it) has that space as its base.
    pub base: char,
}

/// The grapheme clusters of a text, in order. Cheap to copy, which gives look-ahead for free.
#[derive(Debug, Clone)]
pub(crate) struct Clusters<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> Clusters<'a> {
    pub fn new(text: &'a str) -> Self {
        Clusters { text, pos: 0 }
    }

    /// Byte offset of the next cluster.
    pub fn pos(&self) -> usize {
        self.pos
    }

    /// The plain Arabic letter that starts the next cluster, if it is one ([`plain_letter`]).
    pub fn peek_letter(&self) -> Option<char> {
        plain_letter(self.text.as_bytes().get(self.pos..)?)
    }

    /// Skips the clusters of plain Arabic letters that come next — a letter or tatweel of
    /// U+0620–U+064A, with any harakat (U+064B–U+065F, U+0670) on it — and returns how many
    /// characters they hold. This is the body of almost every word of an article, and two bytes
    /// per character are enough to see where its clusters end: each letter starts one. The skip
    /// stops on a cluster boundary: if what follows the last letter might still join it (a mark
    /// of another block, anything not in the table), that letter's cluster is left to
    /// [`Iterator::next`].
    pub fn skip_letters(&mut self) -> usize {
        let start = self.pos;
        let rest = &self.text.as_bytes()[start..];
        if plain_letter(rest).is_none() {
            return 0;
        }
        let mut chars = 0;
        // Two bytes at a time, as whole pairs: no bounds checks in the hottest loop of the
        // engine.
        for pair in rest.chunks_exact(2) {
            // U+0600–U+067F are the bytes D8 80 – D9 BF, which this turns into the offsets 0–127,
            // and nothing else does: a valid `str` has a continuation byte (80–BF) after any lead
            // byte, so one bounds check on `PLAIN` tells them apart.
            let offset = (usize::from(pair[0]) << 6)
                .wrapping_add(usize::from(pair[1]))
                .wrapping_sub(0xD8 << 6 | 0x80);
            let class = PLAIN.get(offset).copied().unwrap_or(0);
            if class & (LETTER | MARK) == 0 {
                break;
            }
            chars += 1;
        }
        if !starts_cluster(self.text, start + 2 * chars) {
            // Leave the last letter's cluster (the letter and its marks) to `next`.
            while chars > 0 {
                chars -= 1;
                if plain_letter(&rest[2 * chars..]).is_some() {
                    break;
                }
            }
        }
        self.pos = start + 2 * chars;
        chars
    }

    /// Skips a space or line break that is a cluster on its own (nothing after it joins it);
    /// returns whether it did.
    pub fn skip_space(&mut self) -> bool {
        let alone = match self.text.as_bytes().get(self.pos..) {
            Some([b'\n', ..]) => true,
            Some([b' ', rest @ ..]) => {
                rest.first().is_none_or(|&b| b < 0x80) || plain_letter(rest).is_some()
            }
            _ => false,
        };
        self.pos += usize::from(alone);
        alone
    }

    /// The cluster starting at `start`, according to `unicode-segmentation`.
    fn slow(&mut self, start: usize) -> Cluster {
        let mut cursor = GraphemeCursor::new(start, self.text.len(), true);
        let end = match cursor.next_boundary(self.text, 0) {
            Ok(Some(end)) => end,
            // Unreachable with the whole text as the chunk; never panic on input text.
            _ => start + self.text[start..].chars().next().map_or(1, char::len_utf8),
        };
        self.pos = end;
        let cluster = &self.text[start..end];
        let mut chars = cluster.chars();
        let first = chars.next().unwrap_or(' ');
        // A prepended mark of another script riding on a space leaves the cluster a space.
        let base = cluster
            .chars()
            .find(|&c| c.is_whitespace())
            .or_else(|| cluster.chars().find(|&c| gcb(c) != Gcb::Prepend))
            .unwrap_or(first);
        Cluster {
            start,
            end,
            chars: cluster.chars().count(),
            base,
        }
    }
}

/// [`Clusters::skip_letters`]' classes of U+0600–U+067F: a plain letter (U+0620–U+064A), or a
/// mark that rides on one (U+064B–U+065F, U+0670).
static PLAIN: [u8; 128] = {
    let mut table = [0; 128];
    let mut offset = 0;
    while offset < 128 {
        table[offset] = match offset {
            0x20..=0x4A => LETTER,
            0x4B..=0x5F | 0x70 => MARK,
            _ => 0,
        };
        offset += 1;
    }
    table
};
const LETTER: u8 = 1;
const MARK: u8 = 2;

/// The plain Arabic letter (U+0620–U+064A, tatweel included) that `bytes` start with, if any:
/// a grapheme-break `Other`, so it always starts a cluster.
pub(crate) fn plain_letter(bytes: &[u8]) -> Option<char> {
    match *bytes {
        [0xD8, low @ 0xA0..=0xBF, ..] | [0xD9, low @ 0x80..=0x8A, ..] => {
            let code = (u32::from(bytes[0] & 0x1F) << 6) | u32::from(low & 0x3F);
            char::from_u32(code)
        }
        _ => None,
    }
}

/// Whether a cluster starts at byte `i` of `text` if the character before it is a letter or a
/// mark on one: unless what is there joins (a mark, a joiner, or a character the table does not
/// know, for safety).
fn starts_cluster(text: &str, i: usize) -> bool {
    // Nothing ASCII joins a letter: the usual case, a space or punctuation, needs no table.
    if text.as_bytes().get(i).is_none_or(|&b| b < 0x80) {
        return true;
    }
    char_at(text, i).is_none_or(|(c, _)| {
        let next = gcb(c);
        next != Gcb::Unknown && !joins(Gcb::Other, next)
    })
}

/// The character at byte `i` of `text` and its length; one- and two-byte characters (ASCII,
/// Arabic) are decoded inline.
#[inline]
fn char_at(text: &str, i: usize) -> Option<(char, usize)> {
    let bytes = text.as_bytes();
    let b0 = *bytes.get(i)?;
    if b0 < 0x80 {
        return Some((char::from(b0), 1));
    }
    if b0 < 0xE0 {
        // A valid `str` has a continuation byte here.
        let b1 = *bytes.get(i + 1)?;
        let code = (u32::from(b0 & 0x1F) << 6) | u32::from(b1 & 0x3F);
        return char::from_u32(code).map(|c| (c, 2));
    }
    text.get(i..)?.chars().next().map(|c| (c, c.len_utf8()))
}

impl Iterator for Clusters<'_> {
    type Item = Cluster;

    #[inline]
    fn next(&mut self) -> Option<Cluster> {
        let start = self.pos;
        let (first, len) = char_at(self.text, start)?;
        let mut prev = gcb(first);
        if prev == Gcb::Unknown {
            return Some(self.slow(start));
        }
        let mut base = (prev != Gcb::Prepend).then_some(first);
        let mut end = start + len;
        let mut chars = 1;
        while let Some((c, len)) = char_at(self.text, end) {
            let next = gcb(c);
            if next == Gcb::Unknown {
                return Some(self.slow(start));
            }
            if !joins(prev, next) {
                break;
            }
            if base.is_none() && next != Gcb::Prepend {
                base = Some(c);
            }
            prev = next;
            end += len;
            chars += 1;
        }
        self.pos = end;
        Some(Cluster {
            start,
            end,
            chars,
            base: base.unwrap_or(first),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use unicode_segmentation::UnicodeSegmentation;

    fn ours(s: &str) -> Vec<(usize, usize)> {
        Clusters::new(s).map(|c| (c.start, c.end)).collect()
    }

    fn reference(s: &str) -> Vec<(usize, usize)> {
        s.grapheme_indices(true)
            .map(|(i, g)| (i, i + g.len()))
            .collect()
    }

    #[test]
    fn known_cases() {
        for s in [
            "",
            "a",
            "\r\n",
            "قالَ وزيرُ",
            "🇮🇶",
            "👍🏽x",
            "👩\u{200D}👩\u{200D}👧",
            "ب\u{200D}👍",
            "\u{0600}١٢",
            "é",
            "x\u{0301}",
            "\u{064E}ب",
            "©\u{FE0F}",
            "#\u{FE0F}\u{20E3}",
            "한국어",
        ] {
            assert_eq!(ours(s), reference(s), "{s:?}");
        }
    }

    #[test]
    fn counts_and_bases() {
        let cs: Vec<Cluster> = Clusters::new("\u{0600}١ بَ").collect();
        assert_eq!(cs[0].chars, 2);
        assert_eq!(cs[0].base, '١');
        assert_eq!(cs[2].base, 'ب');
        assert_eq!(cs[2].chars, 2);
    }

    fn hostile() -> impl Strategy<Value = String> {
        let atoms = prop_oneof![
            Just("ب"),
            Just("َ"),
            Just("ّ"),
            Just("ـ"),
            Just("\u{200D}"),
            Just("\u{200C}"),
            Just("\u{200F}"),
            Just("\u{FEFF}"),
            Just("\u{0600}"),
            Just("\u{06DD}"),
            Just("👍"),
            Just("🏽"),
            Just("🇮"),
            Just("🇶"),
            Just("©"),
            Just("\u{FE0F}"),
            Just("\r"),
            Just("\n"),
            Just(" "),
            Just("a"),
            Just("\u{0301}"),
            Just("٢"),
            Just("ﻻ"),
            Just("क"),
            Just("्"),
            Just("ᄀ"),
            Just("ᅡ"),
            Just("\u{0E33}"),
            Just("\u{0903}"),
            Just("\u{7F}"),
        ];
        proptest::collection::vec(atoms, 0..24).prop_map(|v| v.concat())
    }

    proptest! {
        #[test]
        fn matches_unicode_segmentation(s in hostile()) {
            prop_assert_eq!(ours(&s), reference(&s));
        }

        #[test]
        fn matches_unicode_segmentation_any(s in "\\PC{0,40}") {
            prop_assert_eq!(ours(&s), reference(&s));
        }
    }
}
