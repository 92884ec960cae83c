//! FAC: bases, airports, camps, prisons and other named facilities after their head noun.
//!
//! The guidelines keep an attached head noun inside (`قاعدة عين الأسد`, `مطار بغداد`) and leave
//! adjectives after the name outside (`قاعدة عين الأسد الجوية` → `قاعدة عين الأسد`). When quotes
//! separate the head from the name, only the quoted name is the span (`قاعدة "عين الأسد"` →
//! `عين الأسد`). Generic mentions (`القاعدة العسكرية`, `قاعدة عسكرية`, `معسكر تدريب`) are not
//! facilities: the head must be indefinite, and an unlisted name must not look like an
//! adjective, a plural or a verbal noun.

use crate::rules::candidate::Found;
use crate::text::TokenKind;

use super::context::Ctx;
use super::lexicon::{
    CARDINAL, DUAL, FAC_HEAD, FAC_HEAD_OPEN, JOINER, NATIONALITY, NOUN, ORG_ADJECTIVE, UNIT,
};

/// Longest quoted or unlisted facility name, in tokens.
const MAX_NAME: usize = 4;

/// Pushes FAC candidates after facility head nouns.
pub(super) fn find<'f>(c: &Ctx<'_, '_, 'f>, out: &mut Vec<Found<'f>>) {
    let mut i = 0;
    while let Some(at) = c.next_start(i, FAC_HEAD) {
        i = at;
        if !c.is(i, FAC_HEAD) || c.definite(i) {
            i += 1;
            continue;
        }
        let found = quoted(c, i)
            .map(|(f, l)| {
                (
                    f,
                    l,
                    "pat:fac.quoted",
                    "facility: the quoted name after its head noun",
                )
            })
            .or_else(|| {
                place(c, i).map(|l| {
                    (
                        i,
                        l,
                        "pat:fac.place",
                        "facility: a head noun with a place name",
                    )
                })
            })
            .or_else(|| {
                open(c, i).map(|l| (i, l, "pat:fac.head", "facility: a head noun with its name"))
            });
        match found {
            Some((first, last, rule, why)) => {
                out.push(super::found(first, last, "FAC", rule, None, why, None));
                i = last + 1;
            }
            None => i += 1,
        }
    }
}

/// `قاعدة "عين الأسد"` → the tokens inside the quotes.
fn quoted(c: &Ctx, head: usize) -> Option<(usize, usize)> {
    if !c.quote(head + 1) {
        return None;
    }
    let first = head + 2;
    let inside = |k: usize| {
        matches!(
            c.kind(k),
            Some(TokenKind::Word | TokenKind::Latin | TokenKind::Number)
        )
    };
    let last = (first..first + MAX_NAME)
        .take_while(|&k| inside(k))
        .last()?;
    (c.quote(last + 1) && !c.stop(first)).then_some((first, last))
}

/// `مطار بغداد`, `قاعدة بلد`: the head with a known place name (ambiguous ones included: the
/// head is their context).
fn place(c: &Ctx, head: usize) -> Option<usize> {
    let k = head + 1;
    let hit = c.hit(k).or_else(|| c.ambiguous(k))?;
    matches!(hit.label.as_str(), "GPE" | "LOC").then_some(hit.last)
}

/// `قاعدة حرير`, `سجن أبو غريب`, `قاعدة عين الأسد الجوية`, `قاعدة فكتوريا المجاورة` → up to the
/// name's last word: a definite word in ة after it describes it (`المجاورة`, `الرئيسية`).
fn open(c: &Ctx, head: usize) -> Option<usize> {
    let first = head + 1;
    let counted = NOUN.or(DUAL).or(UNIT).or(CARDINAL).or(NATIONALITY);
    let plain = c.namelike(first) && c.hit(first).is_none() && !c.definite(first);
    let descriptive = c.is(first, counted)
        || adjective_like(c, first)
        || participle(c, first)
        || verbal_noun(c, first);
    if !c.is(head, FAC_HEAD_OPEN) || !plain || descriptive {
        return None;
    }
    let mut last = first;
    while last + 1 - first < MAX_NAME - 1 {
        let k = last + 1;
        let after_joiner = c.is(last, JOINER);
        let adjective = adjective_like(c, k)
            || c.is(k, ORG_ADJECTIVE.or(NATIONALITY))
            || (c.definite(k) && participle(c, k));
        if !c.namelike(k) || c.line_break_before(k) || (adjective && !after_joiner) {
            break;
        }
        last = k;
    }
    Some(last)
}

/// Nisba adjectives (`عسكرية`, `الجوية`, `دولي`) and sound feminine plurals (`بيانات`) by
/// their endings (folded ة is ه).
fn adjective_like(c: &Ctx, i: usize) -> bool {
    let f = c.folded(i);
    ["ي", "يه", "يين", "يون", "ات"]
        .iter()
        .any(|s| f.ends_with(s))
}

/// Words that describe rather than name: feminine adjectives in ة (`عريضة`, `متقدمة`) and
/// passive participles of the مفعول pattern (`مهجور`).
fn participle(c: &Ctx, i: usize) -> bool {
    let f = c.folded(i);
    let mut letters = f.chars();
    let maf3ul =
        f.chars().count() == 5 && letters.next() == Some('م') && letters.nth(2) == Some('و');
    f.ends_with('ه') || maf3ul
}

/// Verbal nouns of the تفعيل pattern (`تهديد`, `تجنيد`, `تدريب`): `قاعدة تجنيد` is a recruiting
/// base, not a base named تجنيد.
fn verbal_noun(c: &Ctx, i: usize) -> bool {
    let f = c.folded(i);
    f.chars().count() == 5 && f.starts_with('ت') && f.chars().nth(3) == Some('ي')
}
