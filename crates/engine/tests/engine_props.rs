//! Properties of the engine on arbitrary text: it never panics, and its suggestions always keep
//! the span invariants (sorted, disjoint, on content-token boundaries, inside the text, outside
//! zones, explained) — for random Unicode, for Arabic-heavy strings built from the characters
//! that trouble matchers (clitics, ى/ي, tatweel, harakat, quotes, ligatures), and for real
//! names glued together.

mod engine_support;

use std::sync::OnceLock;

use engine_support::check_invariants;
use proptest::prelude::*;
use raqim_engine::rules::{LearnedKind, LearnedRule};
use raqim_engine::Engine;

fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| {
        Engine::builder()
            .learned(&[
                LearnedRule {
                    pattern: "العراق".into(),
                    label: "GPE".into(),
                    kind: LearnedKind::Suppress,
                },
                LearnedRule {
                    pattern: "ـ«".into(),
                    label: "ORG".into(),
                    kind: LearnedKind::Entity,
                },
                LearnedRule {
                    pattern: "علي".into(),
                    label: "PER".into(),
                    kind: LearnedKind::Entity,
                },
            ])
            .build()
    })
}

/// Pieces that exercise the matchers: names, clitics, traps, marks, punctuation, odd spaces.
const PIECES: &[&str] = &[
    "العراق",
    "الولايات",
    "المتحدة",
    "حزب",
    "الله",
    "و",
    "ب",
    "ل",
    "لل",
    "لـ",
    "ـ",
    "«",
    "»",
    "\"",
    "على",
    "علي",
    "خامنئي",
    "ى",
    "َ",
    "ّ",
    "ﻻ",
    "ﷺ",
    "\u{200c}",
    "\u{200f}",
    " ",
    "\n",
    "\u{a0}",
    "فی",
    "ة",
    "2500",
    "٢٥",
    "-",
    "/",
    "(",
    ")",
    "🇮🇶",
    "e\u{301}",
    "أ",
    "إ",
    "آ",
    "ال",
    "بغداد",
];

fn arabicish() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..40).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn any_unicode(text in any::<String>()) {
        let s = engine().suggest(&text);
        prop_assert!(check_invariants(&text, &s, true).is_ok(), "{:?}", check_invariants(&text, &s, true));
    }

    #[test]
    fn arabic_pieces(text in arabicish()) {
        let s = engine().suggest(&text);
        prop_assert!(check_invariants(&text, &s, true).is_ok(), "{:?}", check_invariants(&text, &s, true));
    }

    #[test]
    fn arabic_pieces_default_engine(text in arabicish()) {
        static DEFAULT: OnceLock<Engine> = OnceLock::new();
        let s = DEFAULT.get_or_init(Engine::default).suggest(&text);
        prop_assert!(check_invariants(&text, &s, true).is_ok(), "{:?}", check_invariants(&text, &s, true));
    }
}
