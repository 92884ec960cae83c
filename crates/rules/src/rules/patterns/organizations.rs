//! ORG: institutions named by a head noun and its complement, which the gazetteer cannot list
//! exhaustively (every country has a ministry of everything).
//!
//! The guidelines split head nouns in two. Heads that belong to an official name stay inside:
//! ministries with their domain and nationality adjective (`وزارة الخارجية العراقية`), councils
//! (`مجلس النواب العراقي`, `مجلس الأمن الدولي`), armies with their adjective (`الجيش العراقي`),
//! named bodies (`هيئة النزاهة`, `منظمة الصحة العالمية`, `وكالة الأنباء العراقية`,
//! `وكالة مهر للأنباء`), and a province's directorates (`دائرة صحة البصرة`). Generic type nouns
//! (`تنظيم`, `حركة`, `قناة`, `قوات`) stay outside and are handled where they confirm an
//! ambiguous name ([`super::confirm`]).
//!
//! Precision matters more than recall here: descriptive phrases (`القوات الأمريكية`,
//! `الحكومة العراقية`) match nothing because their heads are not listed, a bare ministry
//! (`الخارجية الأمريكية`) needs the feminine adjective that agrees with an implied وزارة and no
//! noun it could qualify (`السياسة الخارجية الأمريكية`), and nothing is proposed inside a
//! lexicalized title (`رئيس مجلس الوزراء`, `وكيل وزارة الخارجية`) — but after its `باسم`
//! (`المتحدث باسم وزارة الخارجية الأمريكية`) the institution is annotated.

use crate::rules::candidate::Found;
use crate::text::TokenKind;

use super::context::Ctx;
use super::lexicon::{
    Tags, ARMY, BARE_MINISTRY, CONNECTOR, COUNCIL, COUNCIL_DOMAIN, GENERIC_COMPLEMENT, MINISTER,
    MINISTRY, MINISTRY_DOMAIN, NAMED_HEAD, NAMED_HEAD_PLACE, NATIONALITY, NEWS_SUFFIX,
    ORG_ADJECTIVE, TITLE, TITLE_MODIFIER,
};

/// Title phrases are at most this many tokens long (in the pack's titles.txt).
const MAX_TITLE: usize = 8;

/// The head classes the shapes below start with: other tokens are passed over at once. A new
/// shape must add its class.
const STARTS: Tags = MINISTRY
    .or(BARE_MINISTRY)
    .or(ARMY)
    .or(COUNCIL)
    .or(NAMED_HEAD);

/// Pushes ORG candidates for head-noun organizations.
pub(super) fn find<'f>(c: &Ctx<'_, '_, 'f>, out: &mut Vec<Found<'f>>) {
    let mut i = 0;
    while let Some(at) = c.next_start(i, STARTS) {
        i = at;
        if !c.is(i, STARTS) {
            i += 1;
            continue;
        }
        let found = ministry(c, i)
            .or_else(|| bare_ministry(c, i))
            .or_else(|| army(c, i))
            .or_else(|| council(c, i))
            .or_else(|| named_head(c, i));
        match found {
            Some((last, rule, why)) if !inside_title(c, i) => {
                out.push(super::found(i, last, "ORG", rule, None, why, None));
                i = last + 1;
            }
            _ => i += 1,
        }
    }
}

/// An organization found at a token: its last token, rule id and explanation.
type Org = Option<(usize, &'static str, &'static str)>;

/// `وزارة الخارجية`, `وزارة الدفاع الأمريكية`.
fn ministry(c: &Ctx, i: usize) -> Org {
    if !c.is(i, MINISTRY) || c.definite(i) {
        return None;
    }
    let domain = c.phrase(i + 1, MINISTRY_DOMAIN)?;
    // Iraqi news tells the federal ministry from the Kurdistan Region's by its adjective:
    // `وزارة المالية الاتحادية` is the name, like a nationality adjective.
    let federal = c.folded(domain + 1) == "الاتحاديه";
    let last = if federal || feminine_nationality(c, domain + 1) {
        domain + 1
    } else {
        domain
    };
    Some((
        last,
        "pat:org.ministry",
        "organization: a ministry with its domain",
    ))
}

/// `قالت الخارجية العراقية`, `للخارجية الأمريكية`: a ministry named without وزارة.
fn bare_ministry(c: &Ctx, i: usize) -> Org {
    if !c.is(i, BARE_MINISTRY) || !c.definite(i) || !feminine_nationality(c, i + 1) {
        return None;
    }
    let qualifies_a_noun = i > 0
        && match c.kind(i - 1) {
            // After a proclitic the word cannot be an adjective of the word before.
            Some(TokenKind::Proclitic) => i > 1 && c.is(i - 2, MINISTER),
            _ => c.is(i - 1, MINISTER) || c.definite(i - 1),
        };
    (!qualifies_a_noun).then_some((
        i + 1,
        "pat:org.ministry",
        "organization: a ministry named by its domain and nationality",
    ))
}

/// `الجيش العراقي`, `للجيش الإسرائيلي` → `لجيش الإسرائيلي`.
fn army(c: &Ctx, i: usize) -> Org {
    // Masculine, agreeing with الجيش; a second one for "الجيش العربي السوري".
    let adjective = |k: usize| c.is(k, NATIONALITY) && !c.folded(k).ends_with('ه');
    if !c.is(i, ARMY) || !c.definite(i) || !adjective(i + 1) {
        return None;
    }
    let last = if adjective(i + 2) { i + 2 } else { i + 1 };
    Some((
        last,
        "pat:org.army",
        "organization: an army with its nationality adjective",
    ))
}

/// `مجلس النواب العراقي`, `مجلس الأمن الدولي`.
fn council(c: &Ctx, i: usize) -> Org {
    if !c.is(i, COUNCIL) || c.definite(i) {
        return None;
    }
    let domain = c.phrase(i + 1, COUNCIL_DOMAIN)?;
    Some((
        adjectives(c, domain),
        "pat:org.council",
        "organization: a council with its domain",
    ))
}

/// `هيئة النزاهة`, `لجنة الأمن والدفاع`, `منظمة الصحة العالمية`, `هيئة الحشد الشعبي`,
/// `وكالة مهر للأنباء`, `كتائب حزب الله العراقي`.
fn named_head(c: &Ctx, i: usize) -> Org {
    if !c.is(i, NAMED_HEAD) || c.definite(i) {
        return None;
    }
    if DIRECTORATES.contains(&c.folded(i)) {
        return directorate(c, i);
    }
    let why = "organization: a head noun with its name";
    // "وكالة مهر للأنباء": one or two name words, then the suffix.
    for n in 1..=2 {
        let words = (i + 1..=i + n)
            .all(|k| matches!(c.kind(k), Some(TokenKind::Word | TokenKind::Latin)) && !c.stop(k));
        if let Some(last) = c.phrase(i + n + 1, NEWS_SUFFIX).filter(|_| words) {
            return Some((last, "pat:org.head", why));
        }
    }
    let k = i + 1;
    let place = c.is(i, NAMED_HEAD_PLACE);
    // A named body inside the name: "كتائب حزب الله".
    let nested = c.is(k, NAMED_HEAD) && !c.definite(k);
    let mut last = match c.hit(k) {
        Some(h)
            if (h.label == "GPE" && place) || (h.label == "ORG" && (c.definite(k) || nested)) =>
        {
            h.last
        }
        Some(_) => return None,
        None if nested => return named_head(c, k),
        None => {
            let adjective = c.is(k, NATIONALITY.or(ORG_ADJECTIVE).or(TITLE_MODIFIER));
            let title = c.phrase(k, TITLE).is_some();
            let complement = c.definite(k) && !c.stop(k) && !c.taken(k) && !adjective && !title;
            complement.then_some(k)?
        }
    };
    // "لجنة الأمن والدفاع".
    if c.clitic(last + 1, "و") && c.definite(last + 2) && !c.stop(last + 2) {
        last += 2;
    }
    let named = adjectives(c, last);
    // A generic complement names nothing without an adjective: "لجنة التحقيق" is any inquiry.
    let generic = c.phrase(k, GENERIC_COMPLEMENT).is_some() && named == last;
    (!generic).then_some((named, "pat:org.head", why))
}

/// Heads of a province's directorates, folded. They name nothing otherwise (`دائرة الضوء`,
/// `دائرة انتخابية`), so they head only [`directorate`]s.
const DIRECTORATES: &[&str] = &["دائره", "مديريه"];

/// What a directorate runs, folded, as the word stands in its name (`دائرة صحة البصرة`).
const DIRECTORATE_DOMAINS: &[&str] = &[
    "صحه",
    "ماء",
    "مجاري",
    "كهرباء",
    "تربيه",
    "زراعه",
    "بلديه",
    "شرطه",
    "بيئه",
    "نفط",
    "اتصالات",
    "صناعه",
    "تجاره",
    "مرور",
    "جوازات",
    "اقامه",
    "عقارات",
    "اوقاف",
    "رعايه",
    "ضريبه",
    "جنسيه",
];

/// `دائرة صحة البصرة`, `مديرية تربية بابل`: an Iraqi province's directorate, its name ending
/// with the province, which is part of it.
fn directorate(c: &Ctx, i: usize) -> Org {
    let domain = i + 1;
    if !c.word(domain) || !DIRECTORATE_DOMAINS.contains(&c.folded(domain)) {
        return None;
    }
    let place = c.hit(domain + 1).filter(|h| h.label == "GPE")?;
    Some((
        place.last,
        "pat:org.directorate",
        "organization: a province's directorate",
    ))
}

/// The last token after up to two adjectives of a name (`العليا`, `الدولي`, `العراقية`).
fn adjectives(c: &Ctx, mut last: usize) -> usize {
    for _ in 0..2 {
        match c.phrase(last + 1, ORG_ADJECTIVE.or(NATIONALITY)) {
            Some(l) => last = l,
            None => break,
        }
    }
    last
}

/// A nationality adjective in the feminine (`العراقية`: ة folds to ه).
fn feminine_nationality(c: &Ctx, i: usize) -> bool {
    c.is(i, NATIONALITY) && c.folded(i).ends_with('ه')
}

/// Whether token `i` is inside a title phrase that names its institution as part of the role
/// (`رئيس مجلس الوزراء`), rather than after its `باسم` (`المتحدث باسم وزارة الخارجية`).
fn inside_title(c: &Ctx, i: usize) -> bool {
    (i.saturating_sub(MAX_TITLE)..i).any(|b| {
        c.phrase(b, TITLE).is_some_and(|last| last >= i) && !(b..i).any(|k| c.is(k, CONNECTOR))
    })
}
