//! Property tests of the text model on hostile strings: Arabic letters (clitic letters and the
//! article especially), harakat, tatweel, presentation forms, emoji with skin tones, ZWJ
//! sequences, flags, invisible controls, Latin, digits of three scripts, separators, spaces and
//! line breaks.

use proptest::prelude::*;
use raqim_engine::text::{
    fold, slice_chars, snap_to_tokens, token_at, Normalized, Token, Tokenizer, Utf16Index,
};
use unicode_segmentation::UnicodeSegmentation;

fn atom() -> impl Strategy<Value = &'static str> {
    prop_oneof![
        4 => prop::sample::select(vec![
            "و", "ف", "ب", "ك", "ل", "ال", "لل", "ا", "أ", "إ", "آ", "ى", "ة", "ي", "ه", "ع", "ر",
            "اق", "بغداد", "لبنان", "وزارة", "الولايات", "کرکوک", "ی", "ﻻ", "ﷲ", "ﺑ",
        ]),
        2 => prop::sample::select(vec!["َ", "ُ", "ِ", "ّ", "ً", "ْ", "ٰ", "ـ", "ـــ"]),
        2 => prop::sample::select(vec![" ", " ", "\n", "\r\n", "\t", "\u{A0}", "\u{202F}"]),
        1 => prop::sample::select(vec![
            "👍", "🏽", "👍🏽", "🇮🇶", "🇮", "👩\u{200D}👩\u{200D}👧", "\u{200D}", "\u{200C}",
            "\u{200F}", "\u{200E}", "\u{61C}", "\u{FEFF}", "\u{FE0F}", "©", "\u{0600}",
        ]),
        2 => prop::sample::select(vec![
            "a", "Z", "é", "e\u{301}", "'", "RT", "0", "7", "٢", "٥", "۳", ".", ",", "٫", "/", ":",
            "-", "«", "»", "\"", "“", "(", ")", "،", "؟", "%", "٪", "!", "#",
        ]),
    ]
}

fn hostile() -> impl Strategy<Value = String> {
    prop::collection::vec(atom(), 0..40).prop_map(|v| v.concat())
}

/// For each char of `text`: whether it belongs to a whitespace grapheme cluster (a space, with
/// any marks riding on it), which no token covers.
fn in_space_cluster(text: &str) -> Vec<bool> {
    text.graphemes(true)
        .flat_map(|g| {
            let space = g.contains(char::is_whitespace);
            g.chars().map(move |_| space)
        })
        .collect()
}

/// Code-point offsets of the grapheme-cluster boundaries of `text` (including 0 and the end).
fn grapheme_boundaries(text: &str) -> Vec<usize> {
    let mut out = vec![0];
    let mut cp = 0;
    for g in text.graphemes(true) {
        cp += g.chars().count();
        out.push(cp);
    }
    out
}

fn check_tokens(text: &str, tokens: &[Token]) -> Result<(), TestCaseError> {
    let chars: Vec<char> = text.chars().collect();
    let boundaries = grapheme_boundaries(text);
    let spaces = in_space_cluster(text);
    let mut covered = vec![false; chars.len()];
    let mut prev_end = 0;
    for t in tokens {
        prop_assert!(
            t.start < t.end && t.start >= prev_end && t.end <= chars.len(),
            "{:?}",
            t
        );
        prop_assert!(
            boundaries.binary_search(&t.start).is_ok(),
            "start inside a grapheme: {:?}",
            t
        );
        prop_assert!(
            boundaries.binary_search(&t.end).is_ok(),
            "end inside a grapheme: {:?}",
            t
        );
        prop_assert_eq!(t.ws, spaces.get(t.end) == Some(&true), "{:?}", t);
        covered[t.start..t.end].iter_mut().for_each(|c| *c = true);
        prev_end = t.end;
    }
    for (i, &space) in spaces.iter().enumerate() {
        prop_assert!(
            covered[i] != space,
            "char {} {:?}: covered {}",
            i,
            chars[i],
            covered[i]
        );
    }
    Ok(())
}

/// Whether the original range is exactly the clusters that produced folded `[i, j)`.
fn aligned(n: &Normalized, i: usize, j: usize) -> bool {
    let starts_cluster =
        |k: usize| k == 0 || n.to_original(k - 1, k).0 != n.to_original(k, k + 1).0;
    starts_cluster(i) && (j == n.char_len() || starts_cluster(j))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn utf16_round_trip(text in hostile()) {
        let index = Utf16Index::new(&text);
        let mut unit = 0;
        for (cp, c) in text.chars().enumerate() {
            prop_assert_eq!(index.to_utf16(cp), unit);
            prop_assert_eq!(index.to_code_point(unit), cp);
            if c.len_utf16() == 2 {
                prop_assert_eq!(index.to_code_point(unit + 1), cp, "low surrogate of {}", cp);
            }
            unit += c.len_utf16();
        }
        prop_assert_eq!(index.to_utf16(index.len_chars()), unit);
        prop_assert_eq!(index.to_code_point(unit), index.len_chars());
        prop_assert_eq!(index.len_utf16(), text.encode_utf16().count());
    }

    #[test]
    fn tokens_are_sorted_grapheme_safe_and_cover(text in hostile()) {
        let tokens = Tokenizer::default().tokenize(&text);
        check_tokens(&text, &tokens)?;
    }

    #[test]
    fn any_string_tokenizes_cleanly(text in "\\PC{0,60}") {
        let tokens = Tokenizer::default().tokenize(&text);
        check_tokens(&text, &tokens)?;
    }

    #[test]
    fn normalized_ranges_are_grapheme_safe(text in hostile(), a in 0usize..80, b in 0usize..80) {
        let n = Normalized::new(&text);
        let boundaries = grapheme_boundaries(&text);
        let (i, j) = (a.min(b).min(n.char_len()), a.max(b).min(n.char_len()));
        let (s, e) = n.to_original(i, j);
        prop_assert!(s <= e);
        prop_assert!(boundaries.binary_search(&s).is_ok(), "start {} inside a grapheme", s);
        prop_assert!(boundaries.binary_search(&e).is_ok(), "end {} inside a grapheme", e);
        if i < j {
            let wanted: String = n.text.chars().skip(i).take(j - i).collect();
            let folded = fold(slice_chars(&text, s, e));
            prop_assert!(folded.contains(&wanted), "{:?} not in {:?}", wanted, folded);
            if aligned(&n, i, j) {
                prop_assert_eq!(&folded, &wanted);
            }
            // A range never starts on a removed mark, unless that mark has no letter to sit on.
            let first = text.chars().nth(s).unwrap();
            let after_break = s == 0
                || matches!(
                    text.chars().nth(s - 1),
                    Some('\n' | '\r' | '\t' | '\u{200E}' | '\u{200F}' | '\u{61C}' | '\u{FEFF}')
                );
            let mark = matches!(first, '\u{610}'..='\u{61A}' | '\u{64B}'..='\u{65F}' | '\u{670}');
            prop_assert!(!mark || after_break, "starts on {:?}", first);
        }
    }

    #[test]
    fn folded_matches_map_back(text in hostile(), start in 0usize..60, len in 1usize..8) {
        let n = Normalized::new(&text);
        let start = start % n.char_len().max(1);
        let needle: String = n.text.chars().skip(start).take(len).collect();
        for (at, m) in n.text.match_indices(needle.as_str()) {
            let (s, e) = n.to_original_bytes(at, at + m.len());
            let back = fold(slice_chars(&text, s, e));
            prop_assert!(back.contains(&needle), "{:?} → {:?}", needle, back);
        }
    }

    #[test]
    fn snapping_lands_on_content_tokens(text in hostile(), a in 0usize..90, b in 0usize..90) {
        let tokens = Tokenizer::default().tokenize(&text);
        let (lo, hi) = (a.min(b), a.max(b));
        match snap_to_tokens(&tokens, a, b) {
            Some((s, e)) => {
                prop_assert_eq!(Some((s, e)), snap_to_tokens(&tokens, b, a));
                let first = tokens.iter().find(|t| t.start == s);
                let last = tokens.iter().find(|t| t.end == e);
                prop_assert!(first.is_some_and(|t| t.kind.is_content()), "bad start {}", s);
                prop_assert!(last.is_some_and(|t| t.kind.is_content()), "bad end {}", e);
                prop_assert!(s < e && s < hi && e > lo);
            }
            None => {
                let touched = tokens.iter().filter(|t| t.start < hi && t.end > lo);
                prop_assert!(lo == hi || touched.clone().all(|t| !t.kind.is_content()));
            }
        }
    }

    #[test]
    fn token_at_finds_the_covering_token(text in hostile()) {
        let tokens = Tokenizer::default().tokenize(&text);
        for (cp, space) in in_space_cluster(&text).into_iter().enumerate() {
            match token_at(&tokens, cp) {
                Some(i) => prop_assert!(!space && tokens[i].start <= cp && cp < tokens[i].end),
                None => prop_assert!(space, "no token at {}", cp),
            }
        }
        prop_assert_eq!(token_at(&tokens, text.chars().count()), None);
    }
}
