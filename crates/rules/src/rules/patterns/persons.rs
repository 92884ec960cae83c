//! PER: names after a title, bylines, and later mentions by surname — names the gazetteer does
//! not know.
//!
//! Arabic news introduces a person with a title phrase: `وزير الدفاع الأمريكي لويد أوستن`,
//! `المتحدث باسم وزارة الخارجية الأمريكية ماثيو ميلر`, `السفيرة الأمريكية لدى بغداد ألينا
//! رومانوسكي`. The title is outside the span (guidelines). After the title come its complements
//! — nationality adjectives, `السابق`, an institution (a gazetteer hit, `باسم …`, `لدى …`,
//! definite nouns like `الأمن القومي`), even a second title (`نائب رئيس الوزراء وزير الخارجية`),
//! or a comma before a name set off by commas — and then the name: words that are not function
//! words, verbs or common nouns of news prose. A name has no article except a final nisba
//! surname (`محمد شياع السوداني`) or after a name part such as عبد or أبو (`عبد اللطيف`,
//! `أبو مهدي المهندس`).
//!
//! Journalists are named in bylines after a dateline (`بغداد - زيد سالم`) and in credit lines
//! (`كتب: …`, `بقلم …`, a wire story's closing `(تغطية صحفية … - إعداد … - تحرير …)`).
//!
//! Precision comes first: an unknown name needs at least two words (one word after a title is
//! as often a verbal noun: `أكد الوزير ضرورة …`), and a name never runs into a date or a
//! quantity. Once a full name is known — from the gazetteer or from a title — its surname alone
//! is a mention of the same person (`وأشار باتيل إلى …`).

use crate::rules::candidate::Found;
use crate::rules::candidate::PRIORITY_AMBIGUOUS;
use crate::text::words::HashFilter;
use crate::text::{has_char, TokenKind};

use super::context::Ctx;
use super::lexicon::{
    AL_NAME, CONNECTOR, CREDIT, INSTITUTION, JOINER, NATIONALITY, ORG_ADJECTIVE, THEOPHORIC, TITLE,
    TITLE_MODIFIER, VERB,
};

/// Names longer than this (not counting name parts like عبد) are not names.
const MAX_NAME: usize = 3;
/// How many complement steps may separate a title from its name.
const MAX_COMPLEMENT: usize = 8;
/// Commas that set a name off after its title.
const COMMAS: &[char] = &['،', ','];

/// Pushes PER candidates: names after titles, bylines, then surnames of every full name known.
pub(super) fn find<'f>(c: &Ctx<'_, '_, 'f>, out: &mut Vec<Found<'f>>) {
    let from = out.len();
    let mut i = 0;
    while let Some(at) = c.next_start(i, TITLE) {
        i = at;
        let Some(title_last) = c.phrase(i, TITLE) else {
            i += 1;
            continue;
        };
        match name_after_title(c, title_last + 1) {
            Some((first, last)) => {
                out.push(super::found(
                    first,
                    last,
                    "PER",
                    "pat:per.title",
                    None,
                    "person: a name after the title",
                    Some((i, title_last)),
                ));
                i = last + 1;
            }
            None => i = title_last + 1,
        }
    }
    bylines(c, out);
    credits(c, out);
    dynasties(c, out);
    surnames(c, from, out);
}

/// The name after a title whose complements start at token `j`.
fn name_after_title(c: &Ctx, mut j: usize) -> Option<(usize, usize)> {
    let mut comma = false;
    for _ in 0..MAX_COMPLEMENT {
        let modifiers = TITLE.or(NATIONALITY).or(TITLE_MODIFIER).or(ORG_ADJECTIVE);
        if let Some(last) = c.phrase(j, modifiers) {
            j = last + 1;
        } else if let Some(hit) = c
            .hit(j)
            .or_else(|| c.ambiguous(j))
            .filter(|h| h.label != "PER")
        {
            j = hit.last + 1;
        } else if c.kind(j) == Some(TokenKind::Proclitic)
            && (c.hit(j + 1).is_some() || c.definite(j + 1) || c.is(j + 1, INSTITUTION))
        {
            j += 1;
        } else if c.is(j, CONNECTOR) {
            // A connector needs its object: a known name, an institution, a definite noun, or
            // after لدى one bare word (the country of an ambassador the gazetteer lacks).
            j += 1;
            let object = c.hit(j).is_some() || c.definite(j) || c.is(j, INSTITUTION);
            if !object {
                let accredited = c.folded(j - 1) == "لدي" && c.word(j) && !c.stop(j);
                if !accredited {
                    return None;
                }
                j += 1;
            }
        } else if c.is(j, INSTITUTION)
            || (c.definite(j) && !c.is(j, AL_NAME) && !c.stop(j) && !c.taken(j))
        {
            j += 1;
        } else {
            if c.punct(j, COMMAS) {
                comma = true;
                j += 1;
            }
            break;
        }
    }
    let (first, last) = if c.quote(j) {
        quoted_name(c, j)?
    } else {
        name(c, j, MAX_NAME)?
    };
    // A name opened by a comma is closed by one (or ends its sentence or line).
    let closed = !comma || c.punct(last + 1, &['،', ',', '.']) || c.line_break_before(last + 1);
    closed.then_some((first, last))
}

/// A name of two to `max` words starting at `first` (name parts like عبد, أبو and the divine
/// name in `نصر الله` do not count). A known person starting there is taken as the gazetteer
/// has it. The third word and later ones are kept only before a clear boundary, since after a
/// title and a name the verb's object often follows (`التقى الرئيس … نتنياهو مبعوثاً`).
fn name(c: &Ctx, first: usize, max: usize) -> Option<(usize, usize)> {
    if let Some(known) = c.hit(first).filter(|h| h.label == "PER") {
        return Some((first, known.last));
    }
    if !c.name_start(first) {
        return None;
    }
    // A name opened by عبد or أبو counts its next word as the first: "عبد اللطيف جمال رشيد".
    let opened = usize::from(!c.is(first, JOINER));
    let (mut last, mut words, mut two_words) = (first, opened, None);
    loop {
        let k = last + 1;
        let after_joiner = c.is(last, JOINER);
        let title = c.phrase(k, TITLE.or(TITLE_MODIFIER)).is_some() && !after_joiner;
        if !c.namelike(k) || c.line_break_before(k) || accusative(c, k) || title {
            break;
        }
        // Name parts (بن، آل، عبد) and the divine name closing a compound (نصر الله, but not
        // عبد الله) do not count as words of their own.
        let free = c.is(k, JOINER) || (c.is(k, THEOPHORIC) && !after_joiner);
        let definite = c.definite(k) && !after_joiner && !free;
        // A word with the article ends a name as a nisba or a known family name (السوداني،
        // الصدر).
        let family = c.folded(k).ends_with('ي')
            || c.hit(k)
                .or_else(|| c.ambiguous(k))
                .is_some_and(|h| h.label == "PER");
        // Any other word with the article may end a two-word name before a clear boundary
        // (`محمد الصيهود إن`), unless it ends in ة like the nouns of news prose (الجولة).
        let surname = family || (!c.folded(k).ends_with('ه') && boundary(c, k + 1));
        // An indefinite accusative noun with its nisba adjective is the verb's object, not a
        // name: "وفداً برلمانياً" written without tanween.
        let object = c.folded(last).ends_with('ا') && c.folded(k).ends_with("يا");
        if (definite && !surname) || (!free && words == max) || object {
            break;
        }
        last = k;
        if !free {
            words += 1;
            if words == 2 {
                two_words = Some(k);
            }
        }
        if definite {
            break;
        }
    }
    while last > first && c.is(last, JOINER) {
        last -= 1;
    }
    if words > 2 && !c.definite(last) && !boundary(c, last + 1) {
        last = two_words?;
    }
    (words >= 2).then_some((first, last))
}

/// Whether a name may end before token `k`: punctuation, a line break, a function word or verb,
/// a noun with an attached pronoun (`دعمه`), a date or quantity, a title, or a known non-person
/// name.
fn boundary(c: &Ctx, k: usize) -> bool {
    !c.word(k)
        || c.stop(k)
        || c.pronoun_suffix(k, 4)
        || c.taken(k)
        || c.line_break_before(k)
        || c.phrase(k, TITLE).is_some()
        || c.hit(k).is_some_and(|h| h.label != "PER")
}

/// Whether the word at `k` carries the accusative tanween (`مبعوثاً`): a common noun, since
/// names are not written with it.
fn accusative(c: &Ctx, k: usize) -> bool {
    k < c.len() && has_char(c.doc.token_text(k), '\u{64B}')
}

/// A name in quotes after a title: `المتحدثة باسم البنتاغون "سابرينا سينغ"`.
fn quoted_name(c: &Ctx, open: usize) -> Option<(usize, usize)> {
    let (first, last) = name(c, open + 1, MAX_NAME)?;
    c.quote(last + 1).then_some((first, last))
}

/// Dashes between a dateline and a byline.
const DASHES: &[char] = &['-', '–', '—'];

/// Whether token `k` is a dash: a dash mark, or a run of tatweel, which Arabic sites print as
/// one (`بغداد ــ زيد سالم`).
fn dash(c: &Ctx, k: usize) -> bool {
    c.punct(k, DASHES) || (c.word(k) && c.folded(k).is_empty())
}

/// Whether token `k` starts a line or follows a dash: where a dateline or a credit may start.
fn after_break_or_dash(c: &Ctx, k: usize) -> bool {
    c.line_break_before(k) || dash(c, k - 1)
}

/// Datelines with a byline: a line `<city> - <name>` or `<city>: <name>` (`واشنطن - محمد صالح`,
/// `بغداد: فاضل النشمي`), several on one line (`واشنطن: علي بردى - بغداد: فاضل النشمي`), and
/// the agencies' `<city>/ <name>/ <agency>` (`بغداد/ علي جواد/ الأناضول`).
fn bylines<'f>(c: &Ctx<'_, '_, 'f>, out: &mut Vec<Found<'f>>) {
    let confident_gpe = |i: usize| c.hit(i).is_some_and(|h| h.label == "GPE");
    for hit in c.hits() {
        let confident = hit.priority != PRIORITY_AMBIGUOUS;
        if !confident || hit.label != "GPE" || !after_break_or_dash(c, hit.first) {
            continue;
        }
        let separator = hit.last + 1;
        if !(dash(c, separator) || c.punct(separator, &[':', '/'])) {
            continue;
        }
        // The name ends the line, or a colon does (`القاهرة - سجى عبدالله:`), or a dash and the
        // next dateline do, or a slash and the agency (`بغداد/ علي جواد/ الأناضول`).
        let line_end = |l: usize| {
            c.line_break_before(l + 1)
                || (c.punct(l + 1, &[':']) && c.line_break_before(l + 2))
                || (dash(c, l + 1) && confident_gpe(l + 2))
                || c.punct(l + 1, &['/'])
        };
        if let Some((first, last)) = name(c, separator + 1, 3).filter(|&(_, l)| line_end(l)) {
            out.push(super::found(
                first,
                last,
                "PER",
                "pat:per.byline",
                None,
                "person: the byline after a dateline",
                None,
            ));
        }
    }
}

/// Credit lines: a credit word at the start of a line, or after a bracket or dash, then an
/// optional colon and a name that ends there — at the end of the line, a bracket, a dash, a
/// colon or the wire's `للنشرة` (`إعداد محمد علي للنشرة العربية`). `تغطية صحفية` is the
/// two-word credit.
fn credits<'f>(c: &Ctx<'_, '_, 'f>, out: &mut Vec<Found<'f>>) {
    let opens = |k: usize| after_break_or_dash(c, k) || c.punct(k - 1, &['(']);
    let mut i = 0;
    while let Some(at) = c.next_start(i, CREDIT) {
        i = at + 1;
        let Some(word) = c.phrase(at, CREDIT).filter(|_| opens(at)) else {
            continue;
        };
        let first = word + 1 + usize::from(c.punct(word + 1, &[':']));
        let ends = |l: usize| {
            l + 1 >= c.len()
                || c.line_break_before(l + 1)
                || dash(c, l + 1)
                || c.punct(l + 1, &[')', ':'])
                || (c.clitic(l + 1, "ل") && c.folded(l + 2) == "لنشره")
        };
        if let Some((first, last)) = name(c, first, 3).filter(|&(_, l)| ends(l)) {
            out.push(super::found(
                first,
                last,
                "PER",
                "pat:per.credit",
                None,
                "person: the journalist a credit line names",
                None,
            ));
        }
    }
}

/// A known person followed by a ruling family's name: `عبدالله بن زايد آل نهيان`, `تميم بن حمد
/// آل ثاني`. The pack lists the person; `آل` + the family belongs to the name.
fn dynasties<'f>(c: &Ctx<'_, '_, 'f>, out: &mut Vec<Found<'f>>) {
    for hit in c.hits().iter().filter(|h| h.label == "PER") {
        let (family, name) = (hit.last + 1, hit.last + 2);
        let family_word = name < c.len() && c.doc.token_text(family) == "آل";
        if family_word && c.namelike(name) && !c.line_break_before(name) {
            out.push(super::found(
                hit.first,
                name,
                "PER",
                "pat:per.family",
                hit.id,
                "person: a known name with its family (آل …)",
                None,
            ));
        }
    }
}

/// Later mentions of a known full name by its surname alone: `وقال أوستن`, `وأشار باتيل إلى`.
fn surnames<'f>(c: &Ctx<'_, '_, 'f>, from: usize, out: &mut Vec<Found<'f>>) {
    let known = c.hits().iter().filter(|h| h.priority != PRIORITY_AMBIGUOUS);
    let full: Vec<Found> = known
        .chain(&out[from..])
        .filter(|p| p.label == "PER" && p.width() >= 2)
        .filter(|p| {
            c.folded(p.last).chars().count() >= 3 && !c.stop(p.last) && !c.is(p.last, JOINER)
        })
        .copied()
        .collect();
    if full.is_empty() {
        return;
    }
    // Only a token that folds like a surname can be one: its hash rules out the others.
    let hashes: Vec<u32> = full.iter().map(|p| c.hash(p.last)).collect();
    let surnames = HashFilter::of(&hashes);
    for i in 0..c.len() {
        if !surnames.may_contain(c.hash(i))
            || !c.word(i)
            || c.taken(i)
            || full.iter().any(|p| p.first <= i && i <= p.last)
        {
            continue;
        }
        let Some(source) = full.iter().find(|p| c.folded(p.last) == c.folded(i)) else {
            continue;
        };
        if c.hit(i).is_some_and(|h| h.label != "PER") || !alone(c, i) {
            continue;
        }
        out.push(super::found(
            i,
            i,
            "PER",
            "pat:per.surname",
            source.id,
            "person: the surname of",
            Some((source.first, source.last)),
        ));
    }
}

/// Whether the surname at `i` has the article and follows a word without it (`حكومة السوداني`,
/// `لمكتب السوداني`, `بحضور السوداني`, `لقائه السوداني`): an adjective agrees with its noun in
/// definiteness, so after an indefinite noun a word with ال is the noun's complement — here the
/// person — and not a nisba describing it (`الرئيس السوداني`, `الجيش السوداني` stay out).
fn construct(c: &Ctx, i: usize) -> bool {
    c.folded(i).starts_with("ال")
        && c.word(i - 1)
        && !c.definite(i - 1)
        && !c.is(i - 1, TITLE.or(NATIONALITY).or(JOINER))
        && c.hit(i - 1).is_none()
}

/// Prepositions, folded, after which a known surname is the person (`مع الشرع`, `من بري`,
/// `إلى أوستن`). Not على: it folds to the name علي.
const PREPOSITIONS: &[&str] = &[
    "مع", "من", "عن", "الي", "بين", "لدي", "عند", "ضد", "حول", "امام",
];

/// Whether the word at `i` stands alone as a name: a verb, a preposition, punctuation or a line
/// break before it (`وقال باتيل`, `مع الشرع`; not `الرئيس السوداني`, `صدام حسين` or `غير
/// صالح`), and no word after it that would continue a name.
fn alone(c: &Ctx, i: usize) -> bool {
    let free_before = i == 0
        || !c.word(i - 1)
        || c.is(i - 1, VERB)
        || PREPOSITIONS.contains(&c.folded(i - 1))
        || construct(c, i)
        || c.line_break_before(i);
    let next = i + 1;
    let free_after = !c.namelike(next) || c.definite(next) || c.phrase(next, TITLE).is_some();
    free_before && free_after
}
