//! Ambiguous names confirmed by a type noun: `قناة الجزيرة` → ORG `الجزيرة`, `قضاء هيت` → GPE
//! `هيت`, `جبال قنديل` → LOC `قنديل`.
//!
//! The pack marks names that are also common words (`الجزيرة` "the island", `هيت`, `صور`
//! "pictures") as ambiguous: the gazetteer reports them but never suggests them alone. A
//! generic type noun right before one (optionally with a quote between: `قناة "الميادين"`) is
//! the context that settles it. The type noun itself stays outside, as the guidelines say for
//! generic heads; the candidate keeps the pack's id.
//!
//! A building that is also the name of its institution (`البيت الأبيض` announces things, and
//! meetings happen in it) is a facility after a locative preposition: `في البيت الأبيض`. That
//! reading must beat the institution's confident gazetteer entry on the same tokens, so it is
//! the one pattern with a priority above the gazetteer's.

use crate::rules::candidate::Found;

use super::context::Ctx;
use super::lexicon::{Tags, GENERIC_ORG, GPE_CONTEXT, JOINER, LOCATIVE, LOC_CONTEXT};

/// Priority of a facility confirmed by a locative preposition: above the gazetteer's.
const PRIORITY_LOCATIVE: u8 = crate::rules::candidate::PRIORITY_GAZETTEER + 5;

/// Which type nouns confirm which label: (class, label, rule, explanation).
const CONFIRMS: &[(Tags, &str, &str, &str)] = &[
    (
        GENERIC_ORG,
        "ORG",
        "pat:ctx.org",
        "ORG: confirmed by the type noun",
    ),
    (
        GPE_CONTEXT,
        "GPE",
        "pat:ctx.gpe",
        "GPE: confirmed by the type noun",
    ),
    (
        LOC_CONTEXT,
        "LOC",
        "pat:ctx.loc",
        "LOC: confirmed by the type noun",
    ),
];

/// Pushes a candidate for every ambiguous gazetteer name right after a matching type noun.
pub(super) fn find<'f>(c: &Ctx<'_, '_, 'f>, out: &mut Vec<Found<'f>>) {
    let nouns = CONFIRMS.iter().fold(LOCATIVE, |all, &(t, ..)| all.or(t));
    let mut from = 0;
    while let Some(i) = c.next_start(from, nouns) {
        from = i + 1;
        if let Some(hit) = c
            .ambiguous(i + 1)
            .filter(|h| h.label == "FAC" && c.is(i, LOCATIVE))
        {
            let mut fac = super::found(
                hit.first,
                hit.last,
                "FAC",
                "pat:ctx.fac",
                hit.id,
                "FAC: a place after",
                Some((i, i)),
            );
            fac.priority = PRIORITY_LOCATIVE;
            out.push(fac);
        }
        let Some(&(_, label, rule, why)) = CONFIRMS.iter().find(|(t, ..)| c.is(i, *t)) else {
            continue;
        };
        let k = if c.quote(i + 1) { i + 2 } else { i + 1 };
        let administrative = label == "GPE" && ADMINISTRATIVE.contains(&c.folded(i));
        if let Some(hit) = c.ambiguous(k).filter(|h| h.label == label) {
            // An administrative head is part of the name (the pack's own `قضاء سنجار`).
            let first = if administrative && k == i + 1 {
                i
            } else {
                hit.first
            };
            let mut confirmed =
                super::found(first, hit.last, label, rule, hit.id, why, Some((i, i)));
            confirmed.priority = PRIORITY_CONFIRMED;
            out.push(confirmed);
        } else if administrative && c.folded(i) == "قضاء" {
            if let Some(last) = district(c, k) {
                out.push(super::found(
                    i,
                    last,
                    "GPE",
                    "pat:ctx.district",
                    None,
                    "GPE: a district named after قضاء",
                    None,
                ));
            }
        }
    }
    quoted_media(c, out);
}

/// Administrative heads, folded, that belong to the place's name (guidelines: `محافظة الأنبار`),
/// unlike the generic ones (`مدينة`, `العاصمة`), which stay outside.
const ADMINISTRATIVE: &[&str] = &["قضاء", "ناحيه", "محافظه"];

/// The name of a district no list knows, after `قضاء` (a word every Iraqi and Lebanese district
/// is named with): one name-like word, two after a joiner (`قضاء بنت جبيل`).
fn district(c: &Ctx, k: usize) -> Option<usize> {
    let name_word = |w: usize| c.namelike(w) && c.hit(w).is_none() && !c.stop(w);
    if !name_word(k) || c.line_break_before(k) {
        return None;
    }
    Some(if c.is(k, JOINER) && name_word(k + 1) {
        k + 1
    } else {
        k
    })
}

/// Priority of a name confirmed by its type noun: `صحيفة الشرق الأوسط` is the paper even though
/// `الشرق الأوسط` is also a region in the main pack.
const PRIORITY_CONFIRMED: u8 = crate::rules::candidate::PRIORITY_GAZETTEER + 5;

/// An ambiguous organization quoted whole right after the proclitic ل: `قال لـ«الشرق الأوسط»`,
/// `صرح لـ"المدى"` — someone spoke *to* it, so it is the outlet, not the region or the word.
fn quoted_media<'f>(c: &Ctx<'_, '_, 'f>, out: &mut Vec<Found<'f>>) {
    for hit in c.hits().iter().filter(|h| h.label == "ORG") {
        let (first, last) = (hit.first, hit.last);
        let ambiguous = c.ambiguous(first).is_some_and(|a| std::ptr::eq(a, hit));
        let quoted = first >= 2 && c.quote(first - 1) && c.quote(last + 1);
        if ambiguous && quoted && c.clitic(first - 2, "ل") {
            let mut media = super::found(
                first,
                last,
                "ORG",
                "pat:ctx.org",
                hit.id,
                "ORG: quoted after ل (spoken to)",
                None,
            );
            media.priority = PRIORITY_CONFIRMED;
            out.push(media);
        }
    }
}
