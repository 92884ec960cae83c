//! Normalization for matching: one folded form per word, with a map back to the original.
//!
//! The same name reaches an article in many spellings: `الأمريكية` / `الامريكية`, `فی العراق`
//! pasted from a Persian keyboard, `أيضــــــًا` stretched with tatweel, `قالَ` with harakat,
//! `٢٥٠٠` next to `2500`, `ﻻ` from a PDF. Lexicon and gazetteer lookups compare folded forms, so each
//! family of spellings meets in one key. The folding table is the one in
//! `docs/arabic-text.md`: harakat, Quranic marks, tatweel and invisible controls are removed;
//! alef, yeh, teh marbuta, heh and kaf variants, Persian/Urdu letters, digits and Arabic
//! punctuation fold to one form each; presentation forms fold to the letters they draw; ASCII is
//! lowercased. Folding loses information on purpose (ة → ه, ى → ي, so `على` meets `علي`): it is
//! for finding candidates, and callers guard short function words themselves.
//!
//! The displayed and exported text is never changed. [`Normalized`] keeps, for every character
//! of the folded text, the grapheme cluster of the original it came from, so a match found in the
//! folded text maps back to an exact, grapheme-safe slice of the original: harakat after the last
//! matched letter stay inside, and a range never starts or ends inside a cluster.

use super::cluster::Clusters;
use super::presentation::PRESENTATION_FORMS;

/// What one character of the original becomes in the folded text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fold {
    /// Dropped: harakat, Quranic marks, tatweel, ZWJ/ZWNJ and direction marks, BOM.
    Remove,
    /// Replaced by (or kept as) one character.
    Char(char),
    /// Replaced by several characters: lam-alef and other ligatures (`ﻻ` → `لا`, `ﷲ` → `الله`).
    Str(&'static str),
}

impl Fold {
    /// Appends the folded form to `out`.
    pub fn push_to(self, out: &mut String) {
        match self {
            Fold::Remove => {}
            Fold::Char(c) => out.push(c),
            Fold::Str(s) => out.push_str(s),
        }
    }
}

/// Folds one character of the original (see the module documentation for the table).
#[inline]
pub fn fold_char(c: char) -> Fold {
    let to = match c {
        'A'..='Z' => c.to_ascii_lowercase(),
        '\0'..='\u{7F}' => c,
        '\u{A0}' | '\u{202F}' => ' ',
        // Harakat, Quranic annotation marks, dagger alef, tatweel, invisible controls.
        '\u{610}'..='\u{61A}'
        | '\u{64B}'..='\u{65F}'
        | '\u{670}'
        | '\u{6D6}'..='\u{6ED}'
        | '\u{640}'
        | '\u{200C}'..='\u{200F}'
        | '\u{61C}'
        | '\u{FEFF}' => return Fold::Remove,
        // آ أ إ ٱ and the wavy/high-hamza alefs.
        '\u{622}' | '\u{623}' | '\u{625}' | '\u{671}'..='\u{673}' | '\u{675}' => 'ا',
        // ى and the Persian/Urdu yehs.
        'ى' | '\u{6CC}'..='\u{6CE}' | '\u{6D0}'..='\u{6D2}' => 'ي',
        // ة and the Urdu heh forms (ۀ ہ ۂ ۃ ھ).
        'ة' | '\u{6C0}'..='\u{6C3}' | '\u{6BE}' => 'ه',
        // Keheh, gaf and their variants.
        '\u{6A9}'..='\u{6B4}' => 'ك',
        'پ' => 'ب',
        'چ' => 'ج',
        'ژ' => 'ز',
        'ڤ' => 'ف',
        '٠'..='٩' => char::from(b'0' + (c as u32 - 0x660) as u8),
        '۰'..='۹' => char::from(b'0' + (c as u32 - 0x6F0) as u8),
        '٪' => '%',
        '٫' => '.',
        '٬' | '،' => ',',
        '؛' => ';',
        '؟' => '?',
        '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFE}' => {
            return match PRESENTATION_FORMS.binary_search_by_key(&(c as u32), |&(k, _)| k.into()) {
                Ok(i) => match PRESENTATION_FORMS[i].1 {
                    "" => Fold::Remove,
                    s => Fold::Str(s),
                },
                Err(_) => Fold::Char(c),
            };
        }
        _ => c,
    };
    Fold::Char(to)
}

/// Folds a whole string: the key form for lexicon and gazetteer entries.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        fold_char(c).push_to(&mut out);
    }
    out
}

/// A folded copy of a text that remembers where each of its characters came from.
///
/// Offsets into [`Normalized::text`] are code points (or bytes, for automata that match bytes);
/// [`Normalized::to_original`] and [`Normalized::to_original_bytes`] turn a range of the folded
/// text into the code-point range of the original that produced it, widened to whole grapheme
/// clusters. Indices are stored as `u32`: an article is far below 4 G characters.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Normalized {
    /// The folded text.
    pub text: String,
    /// Per folded character: where its original grapheme cluster starts (code points).
    cluster_start: Vec<u32>,
    /// Per folded character: where its original grapheme cluster ends (code points, exclusive).
    cluster_end: Vec<u32>,
    /// Per folded character: its byte offset in `text`; then `text.len()`.
    byte_start: Vec<u32>,
    /// Length of the original in code points.
    original_len: usize,
}

impl Normalized {
    /// Folds `original`, recording the origin of every folded character.
    pub fn new(original: &str) -> Normalized {
        let mut n = Normalized {
            text: String::with_capacity(original.len()),
            cluster_start: Vec::with_capacity(original.len() / 2),
            cluster_end: Vec::with_capacity(original.len() / 2),
            byte_start: Vec::with_capacity(original.len() / 2 + 1),
            original_len: 0,
        };
        let mut cp = 0u32;
        for cluster in Clusters::new(original) {
            let end = cp + cluster.chars as u32;
            let mut push = |f: char| {
                n.byte_start.push(n.text.len() as u32);
                n.cluster_start.push(cp);
                n.cluster_end.push(end);
                n.text.push(f);
            };
            for c in original[cluster.start..cluster.end].chars() {
                match fold_char(c) {
                    Fold::Remove => {}
                    Fold::Char(f) => push(f),
                    Fold::Str(s) => s.chars().for_each(&mut push),
                }
            }
            cp = end;
        }
        n.byte_start.push(n.text.len() as u32);
        n.original_len = cp as usize;
        n
    }

    /// Number of characters (code points) in the folded text.
    pub fn char_len(&self) -> usize {
        self.cluster_start.len()
    }

    /// Maps the folded code-point range `[norm_start, norm_end)` to the original code-point range
    /// that produced it, widened to grapheme-cluster boundaries: harakat and joiners after the
    /// last letter are inside, and the start is always the start of a cluster (never a removed
    /// mark). An empty range maps to an empty range at the corresponding original position.
    /// Out-of-range offsets are clamped.
    pub fn to_original(&self, norm_start: usize, norm_end: usize) -> (usize, usize) {
        let len = self.char_len();
        let (start, end) = (norm_start.min(len), norm_end.min(len));
        if start >= end {
            let at = self
                .cluster_start
                .get(start)
                .map_or(self.original_len, |&s| s as usize);
            return (at, at);
        }
        (
            self.cluster_start[start] as usize,
            self.cluster_end[end - 1] as usize,
        )
    }

    /// Like [`Normalized::to_original`], for a byte range of [`Normalized::text`] such as an
    /// `aho-corasick` match. A byte offset inside a character widens to that whole character.
    pub fn to_original_bytes(&self, byte_start: usize, byte_end: usize) -> (usize, usize) {
        let start = self
            .byte_start
            .partition_point(|&b| b as usize <= byte_start)
            .saturating_sub(1);
        let end = self.byte_start[..self.char_len()].partition_point(|&b| (b as usize) < byte_end);
        self.to_original(start, end.max(start))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::slice_chars;

    #[test]
    fn folds_the_table() {
        assert_eq!(fold("الأمريكية"), "الامريكيه");
        assert_eq!(fold("إيران آلينا ٱلله"), "ايران الينا الله");
        assert_eq!(fold("أيضــــــًا"), "ايضا");
        assert_eq!(
            fold("قالَ وزيرُ الخارجيةِ العراقيُّ"),
            "قال وزير الخارجيه العراقي"
        );
        assert_eq!(fold("على"), "علي");
        assert_eq!(fold("فی کرکوک"), "في كركوك");
        assert_eq!(fold("گاز ہیئة ھذا"), "كاز هيئه هذا");
        assert_eq!(fold("ڤلاديمير پوتين چ ژ"), "فلاديمير بوتين ج ز");
        assert_eq!(fold("٢٥٠٠ و۲۵۰۰ و2500"), "2500 و2500 و2500");
        assert_eq!(fold("٪٫٬،؛؟"), "%.,,;?");
        assert_eq!(fold("a\u{A0}b\u{202F}c"), "a b c");
        assert_eq!(
            fold("ب\u{200C}\u{200D}\u{200E}\u{200F}\u{61C}\u{FEFF}غ"),
            "بغ"
        );
        assert_eq!(fold("Reuters RT"), "reuters rt");
        assert_eq!(fold("ﻻ ﻷ ﷲ ﺑﻐﺪاد"), "لا لا الله بغداد");
        assert_eq!(fold("\u{FE70}\u{FE71}\u{FC5E}"), "");
        assert_eq!(fold("ÉÀ 😀"), "ÉÀ 😀");
    }

    #[test]
    fn fold_char_kinds() {
        assert_eq!(fold_char('َ'), Fold::Remove);
        assert_eq!(fold_char('أ'), Fold::Char('ا'));
        assert_eq!(fold_char('ﻵ'), Fold::Str("لا"));
        assert_eq!(fold_char('\u{FDCF}'), Fold::Char('\u{FDCF}'));
    }

    #[test]
    fn presentation_table_is_sorted_and_folded() {
        assert!(PRESENTATION_FORMS.windows(2).all(|w| w[0].0 < w[1].0));
        for &(k, v) in PRESENTATION_FORMS {
            assert!((0xFB50..=0xFDFF).contains(&k) || (0xFE70..=0xFEFE).contains(&k));
            assert_eq!(fold(v), v, "entry {k:04X} is not folded");
        }
    }

    #[test]
    fn maps_back_with_marks_inside() {
        let original = "قالَ وزيرُ الخارجيةِ";
        let n = Normalized::new(original);
        assert_eq!(n.text, "قال وزير الخارجيه");
        let at = n.text.find("وزير").unwrap();
        let (s, e) = n.to_original_bytes(at, at + "وزير".len());
        assert_eq!(slice_chars(original, s, e), "وزيرُ");
        let (s, e) = n.to_original(9, 17);
        assert_eq!(slice_chars(original, s, e), "الخارجيةِ");
    }

    #[test]
    fn maps_back_over_tatweel_and_ligatures() {
        let original = "أيضــــــًا ﻻ";
        let n = Normalized::new(original);
        assert_eq!(n.text, "ايضا لا");
        assert_eq!(n.to_original(0, 4), (0, 11));
        assert_eq!(n.to_original(0, 3), (0, 3));
        // Half of a ligature widens to the whole ligature.
        assert_eq!(n.to_original(6, 7), (12, 13));
        assert_eq!(n.to_original(5, 7), (12, 13));
    }

    #[test]
    fn never_starts_on_a_removed_mark() {
        let original = "\u{64E}بَغداد";
        let n = Normalized::new(original);
        assert_eq!(n.text, "بغداد");
        assert_eq!(n.to_original(0, 5), (1, 7));
    }

    #[test]
    fn empty_and_out_of_range() {
        let n = Normalized::new("أبَ");
        assert_eq!(n.to_original(1, 1), (1, 1));
        assert_eq!(n.to_original(2, 1), (3, 3));
        assert_eq!(n.to_original(0, 99), (0, 3));
        assert_eq!(Normalized::new("").to_original(0, 3), (0, 0));
        assert_eq!(n.to_original_bytes(0, 99), (0, 3));
    }
}
