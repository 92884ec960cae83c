//! QUANTITY: a number with the noun it counts.
//!
//! The span is the number (digits in any script, or number words with their case endings and
//! و-joined parts: `ستةٍ وستين`) plus its counted noun, from a domain list: people in conflict
//! and politics, attacks and weapons, sites, distances, money, members (`2500 عسكري`,
//! `150 هجوماً`, `ثلاث منشآت`, `ستين كيلومترا`). A range is one span (`سبعة إلى 11 صاروخاً`).
//! Approximators before the number (`نحو`, `أكثر من`) and adjectives after the noun stay out,
//! simply because the span starts at the number and ends at the noun — except the few words
//! that make a unit of it (`مليون متر مكعب`, `50 درجة مئوية`).
//!
//! Percentages are quantities too, the percent being the unit (`40%`, `12 في المئة`, `30
//! بالمئة`), and so is a number whose noun is understood from the sentence, which Arabic marks
//! with the accusative on the scale word (`أقل من 20 مليوناً`, `يقارب 64 تريليوناً`).
//!
//! Also quantities: duals that count on their own (`قتل شخصين`, `هجومين`), a number with the
//! noun elided (`18 آخرين`), and the number word after the noun (`منتسب أمني واحد`).
//! Not quantities: counts of sources (`أربعة مصادر` — the noun is deliberately not listed),
//! durations (calendar units are not counted nouns), vague amounts (`عدة`, `مئات`) and
//! ordinals (not number words), and numbers inside dates (dates claim their tokens first).

use crate::rules::candidate::Found;
use crate::text::TokenKind;

use super::context::Ctx;
use super::lexicon::{
    Tags, CARDINAL, CARDINAL_CONJ, DEFINITE_NUMBER, DUAL, ELIDED, NATIONALITY, NOUN, ONE_AFTER,
    RANGE, SCALE, TEEN_HEAD,
};

/// Pushes a QUANTITY candidate for every counted number not already claimed by a date.
pub(super) fn find<'f>(c: &mut Ctx<'_, '_, 'f>, out: &mut Vec<Found<'f>>) {
    let mut i = 0;
    while let Some(at) = c.next_start_or_number(i, STARTS) {
        i = at;
        match quantity_at(c, i) {
            Some((last, why)) => {
                out.push(super::found(
                    i,
                    last,
                    "QUANTITY",
                    "pat:qty.count",
                    None,
                    why,
                    None,
                ));
                c.take(i, last);
                i = last + 1;
            }
            None => i += 1,
        }
    }
}

/// What a quantity can start with besides a number: each case below begins with a token of one
/// of these classes, and other tokens are passed over at once. A new case must add its class.
const STARTS: Tags = CARDINAL.or(TEEN_HEAD).or(DUAL).or(NOUN);

/// The quantity starting at token `i`: its last token and why it is one.
fn quantity_at(c: &Ctx, i: usize) -> Option<(usize, &'static str)> {
    if c.kind(i) != Some(TokenKind::Number) && !c.is(i, STARTS) {
        return None;
    }
    // "الثلاثة عشر", "الأحد عشر": the rest of a definite number is not a count.
    if c.taken(i) || (i > 0 && c.is(i - 1, DEFINITE_NUMBER)) {
        return None;
    }
    if percentage(c, i) {
        return Some((i, "quantity: a percentage"));
    }
    if let Some(mut end) = number(c, i) {
        let mut why = "quantity: a number with the noun it counts";
        if measure(c, end + 1).is_none() && c.is(end + 1, RANGE) {
            // "بين 10 و15%": a range of percentages.
            if percentage(c, end + 2) {
                return Some((end + 2, "quantity: a range of percentages"));
            }
            if let Some(to) = number(c, end + 2).filter(|&to| measure(c, to + 1).is_some()) {
                end = to;
                why = "quantity: a range of numbers with the noun it counts";
            }
        }
        if let Some(last) = measure(c, end + 1) {
            return Some((last, why));
        }
        // "يقارب 64 تريليوناً", "أقل من 20 مليوناً": the accusative scale word is the count of
        // a noun understood from the sentence, like the elided `آخرين`.
        let elided = c.is(end, SCALE) && c.folded(end).ends_with('ا');
        return elided.then_some((end, "quantity: a number whose counted noun is understood"));
    }
    if c.is(i, DUAL) {
        let last = if c.is(i + 1, ONE_AFTER) { i + 1 } else { i };
        return Some((last, "quantity: a dual noun that counts two"));
    }
    if c.is(i, NOUN) {
        let adjective = c.word(i + 1) && !c.definite(i + 1) && !c.stop(i + 1);
        let last = if c.is(i + 1, ONE_AFTER) {
            i + 1
        } else if adjective && c.is(i + 2, ONE_AFTER) {
            i + 2
        } else {
            return None;
        };
        return Some((
            last,
            "quantity: a counted noun with its number word after it",
        ));
    }
    None
}

/// Whether a folded number is an amount: digits with `.` or `,` (not a date or a time, which
/// have `/` or `:`).
fn amount(folded: &str) -> bool {
    folded
        .bytes()
        .all(|b| b.is_ascii_digit() || b == b'.' || b == b',')
}

/// Whether token `k` is an amount with its percent sign (`40%`, `56.11%`: one token).
fn percentage(c: &Ctx, k: usize) -> bool {
    c.kind(k) == Some(TokenKind::Number)
        && c.folded(k)
            .strip_suffix('%')
            .is_some_and(|a| !a.is_empty() && amount(a))
}

/// What a number measures, starting at token `k`: its counted noun (with a word that makes a
/// unit of it) or a percentage written out (`في المئة`, `بالمئة`). Returns the last token. A
/// percent sign apart from its digits (`96 %`) is not one: a span never ends on a symbol, and
/// `96` alone would be a wrong edge.
fn measure(c: &Ctx, k: usize) -> Option<usize> {
    if counted(c, k) {
        return Some(with_unit_modifier(c, k));
    }
    let per = c.folded(k) == "في" || c.clitic(k, "ب");
    (per && PER_HUNDRED.contains(&c.folded(k + 1))).then_some(k + 1)
}

/// "المئة" in `في المئة` / `بالمئة` (both spellings), folded.
const PER_HUNDRED: &[&str] = &["المئه", "المائه"];

/// Words that make a unit of the counted noun before them (`متر مكعب`, `كيلومتر مربع`, `درجة
/// مئوية`, `قدم مكعبة`), folded: the span ends after them.
const UNIT_MODIFIERS: &[&str] = &["مكعب", "مكعبه", "مربع", "مربعه", "مئويه"];

/// `noun`, or the word after it if that word makes a unit of it.
fn with_unit_modifier(c: &Ctx, noun: usize) -> usize {
    if c.word(noun + 1) && UNIT_MODIFIERS.contains(&c.folded(noun + 1)) {
        noun + 1
    } else {
        noun
    }
}

/// Whether token `k` is a counted noun, the elided noun after a number (`آخرين`), or people
/// named by nationality: in the plural (`3 فلسطينيين`, `أربعة أمريكيين`), or in the singular
/// after a scale word, as Arabic counts past a thousand (`16 ألف عراقي`, `سبعة ملايين سوري`).
pub(super) fn counted(c: &Ctx, k: usize) -> bool {
    let people = || {
        let f = c.folded(k);
        let plural = ["ين", "ون"].iter().any(|s| f.ends_with(s));
        let after_scale = k > 0 && c.is(k - 1, SCALE) && f.ends_with('ي');
        !c.definite(k) && (plural || after_scale)
    };
    c.is(k, NOUN.or(ELIDED)) || (c.is(k, NATIONALITY) && people())
}

/// The last token of the number starting at `i`: digits (not a date or a time: no `/` or `:`
/// inside) with scale words after them (`2.5 مليون`, `25 ألف`), or number words, possibly
/// compound (`ستة وستين`, `ثلاثة آلاف`, `أحد عشر`); after a scale word the number may go on
/// with و (`6 مليارات و435 مليون`, `95 مليونا و940 ألفا و404`).
pub(super) fn number(c: &Ctx, i: usize) -> Option<usize> {
    let (mut last, words) = if c.kind(i) == Some(TokenKind::Number) {
        (amount(c.folded(i)).then_some(i)?, false)
    } else if c.is(i, CARDINAL) {
        (i, true)
    } else if c.is(i, TEEN_HEAD) && matches!(c.folded(i + 1), "عشر" | "عشره") {
        (i + 1, true)
    } else {
        return None;
    };
    loop {
        let k = last + 1;
        if c.is(k, SCALE) || (words && c.is(k, CARDINAL.or(CARDINAL_CONJ))) {
            last = k;
        } else if c.clitic(k, "و") && (words || c.is(last, SCALE)) {
            match number(c, k + 1) {
                Some(l) => last = l,
                None => return Some(last),
            }
        } else {
            return Some(last);
        }
    }
}
