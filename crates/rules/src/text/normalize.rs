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
    #[inline]
    pub fn push_to(self, out: &mut String) {
        match self {
            Fold::Remove => {}
            Fold::Char(c) => out.push(c),
            Fold::Str(s) => out.push_str(s),
        }
    }
}

/// What each character of the Arabic block (U+0600–U+06FF) folds to, `'\0'` for removed: the
/// block's rows of the folding table, looked up by [`fold_char`] and, two bytes at a time, by
/// [`fold_into`]. Everything in the block folds to one character (or none).
static ARABIC_BLOCK: [char; 256] = arabic_block();

const fn arabic_block() -> [char; 256] {
    const fn set(table: &mut [char; 256], from: u32, to: u32, folded: char) {
        let mut c = from;
        while c <= to {
            table[(c - 0x600) as usize] = folded;
            c += 1;
        }
    }
    let mut table = ['\0'; 256];
    let mut c = 0x600;
    while c <= 0x6FF {
        table[(c - 0x600) as usize] = match char::from_u32(c) {
            Some(c) => c,
            None => '\0',
        };
        c += 1;
    }
    let t = &mut table;
    // Harakat, Quranic annotation marks, dagger alef, tatweel, the Arabic letter mark.
    set(t, 0x610, 0x61A, '\0');
    set(t, 0x64B, 0x65F, '\0');
    set(t, 0x670, 0x670, '\0');
    set(t, 0x6D6, 0x6ED, '\0');
    set(t, 0x640, 0x640, '\0');
    set(t, 0x61C, 0x61C, '\0');
    // آ أ إ ٱ and the wavy/high-hamza alefs.
    set(t, 0x622, 0x623, 'ا');
    set(t, 0x625, 0x625, 'ا');
    set(t, 0x671, 0x673, 'ا');
    set(t, 0x675, 0x675, 'ا');
    // ى and the Persian/Urdu yehs.
    set(t, 0x649, 0x649, 'ي');
    set(t, 0x6CC, 0x6CE, 'ي');
    set(t, 0x6D0, 0x6D2, 'ي');
    // ة and the Urdu heh forms (ۀ ہ ۂ ۃ ھ).
    set(t, 0x629, 0x629, 'ه');
    set(t, 0x6C0, 0x6C3, 'ه');
    set(t, 0x6BE, 0x6BE, 'ه');
    // Keheh, gaf and their variants; پ چ ژ ڤ.
    set(t, 0x6A9, 0x6B4, 'ك');
    set(t, 0x67E, 0x67E, 'ب');
    set(t, 0x686, 0x686, 'ج');
    set(t, 0x698, 0x698, 'ز');
    set(t, 0x6A4, 0x6A4, 'ف');
    // Arabic-Indic and Persian digits, Arabic punctuation.
    let mut d = 0;
    while d < 10 {
        let digit = (b'0' + d as u8) as char;
        set(t, 0x660 + d, 0x660 + d, digit);
        set(t, 0x6F0 + d, 0x6F0 + d, digit);
        d += 1;
    }
    set(t, 0x66A, 0x66A, '%');
    set(t, 0x66B, 0x66B, '.');
    set(t, 0x66C, 0x66C, ',');
    set(t, 0x60C, 0x60C, ',');
    set(t, 0x61B, 0x61B, ';');
    set(t, 0x61F, 0x61F, '?');
    table
}

/// [`ARABIC_BLOCK`] as a [`Fold`].
#[inline]
fn arabic_fold(offset: usize) -> Fold {
    match ARABIC_BLOCK[offset] {
        '\0' => Fold::Remove,
        f => Fold::Char(f),
    }
}

/// Folds one character of the original (see the module documentation for the table).
#[inline]
pub fn fold_char(c: char) -> Fold {
    let to = match c {
        'A'..='Z' => c.to_ascii_lowercase(),
        '\0'..='\u{7F}' => c,
        '\u{600}'..='\u{6FF}' => return arabic_fold(c as usize - 0x600),
        '\u{A0}' | '\u{202F}' => ' ',
        // Invisible controls.
        '\u{200C}'..='\u{200F}' | '\u{FEFF}' => return Fold::Remove,
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
    fold_into(s, &mut out);
    out
}

/// Appends [`fold`] of `s` to `out`. This is the hot path of every matcher (tokens, line heads,
/// lexicon keys), so it works on bytes: ASCII and the Arabic block (two-byte characters with
/// lead bytes D8–DB) are folded by table, and characters that fold to themselves — nearly all
/// of an article — are copied in runs rather than one by one. A changed character costs the
/// copy of the run before it and one `push`: most words that change at all change in one or
/// two letters (`ة`, `أ`, `ى`).
pub fn fold_into(s: &str, out: &mut String) {
    let bytes = s.as_bytes();
    // Start of the characters seen but not yet copied (they fold to themselves).
    let mut run = 0;
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let (len, folded) = match b {
            b'A'..=b'Z' => (1, Fold::Char(char::from(b.to_ascii_lowercase()))),
            0..=0x7F => {
                i += 1;
                continue;
            }
            0xD8..=0xDB => {
                // A valid `str` has the continuation byte.
                let offset = arabic_offset(b, bytes.get(i + 1).copied().unwrap_or_default());
                if keeps(offset) {
                    i += 2;
                    continue;
                }
                (2, arabic_fold(offset))
            }
            _ => {
                let Some(c) = s.get(i..).and_then(|rest| rest.chars().next()) else {
                    break;
                };
                let folded = fold_char(c);
                if folded == Fold::Char(c) {
                    i += c.len_utf8();
                    continue;
                }
                (c.len_utf8(), folded)
            }
        };
        if run < i {
            out.push_str(&s[run..i]);
        }
        folded.push_to(out);
        i += len;
        run = i;
    }
    if run < s.len() {
        out.push_str(&s[run..]);
    }
}

/// [`fold_into`] for text known to be two-byte characters of the Arabic block alone (what
/// [`super::cluster::Clusters::skip_letters`] skips: plain letters and their harakat): each
/// folds by table to one letter or none, pushed as it is read, which for a word costs less than
/// copying the runs between its changed letters.
pub(crate) fn fold_arabic_into(s: &str, out: &mut String) {
    for pair in s.as_bytes().chunks_exact(2) {
        if let Fold::Char(c) = arabic_fold(arabic_offset(pair[0], pair[1])) {
            out.push(c);
        }
    }
}

/// The offset in the Arabic block of the two-byte character `lead`, `low` (lead byte D8–DB).
#[inline]
fn arabic_offset(lead: u8, low: u8) -> usize {
    usize::from(lead & 0x03) << 6 | usize::from(low & 0x3F)
}

/// Whether the character at `offset` in the Arabic block (U+0600 + `offset`, below U+0700)
/// folds to itself.
#[inline]
pub(crate) const fn keeps(offset: usize) -> bool {
    KEEPS[offset / 64] >> (offset % 64) & 1 != 0
}

/// [`ARABIC_BLOCK`]'s characters that fold to themselves, as a bitmap: 32 bytes that stay in
/// cache, for the hottest test of folding.
static KEEPS: [u64; 4] = {
    let mut bits = [0; 4];
    let mut offset = 0;
    while offset < 256 {
        if ARABIC_BLOCK[offset] as usize == 0x600 + offset {
            bits[offset / 64] |= 1 << (offset % 64);
        }
        offset += 1;
    }
    bits
};

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

    /// Like [`Normalized::to_original`], for a byte range of [`Normalized::text`] such as a
    /// byte-level search's match. A byte offset inside a character widens to that whole
    /// character.
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

    /// The token stream ([`crate::text::FoldedTokens`]) separates folded tokens with a space, and
    /// only whitespace separates tokens: no other character may fold to whitespace.
    #[test]
    fn only_whitespace_folds_to_whitespace() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let mut folded = String::new();
            fold_char(c).push_to(&mut folded);
            assert!(
                c.is_whitespace() || !folded.contains(char::is_whitespace),
                "U+{:04X} folds to {folded:?}",
                u32::from(c)
            );
        }
    }

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
    fn fold_into_agrees_with_fold_char() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let text = format!("aB{c}ب{c}ة");
            let mut slow = String::from("x");
            text.chars().for_each(|c| fold_char(c).push_to(&mut slow));
            let mut fast = String::from("x");
            fold_into(&text, &mut fast);
            assert_eq!(fast, slow, "U+{:04X}", c as u32);
        }
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
