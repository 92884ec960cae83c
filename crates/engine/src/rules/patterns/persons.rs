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
//! Precision comes first: an unknown name needs at least two words (one word after a title is
//! as often a verbal noun: `أكد الوزير ضرورة …`), and a name never runs into a date or a
//! quantity. Once a full name is known — from the gazetteer or from a title — its surname alone
//! is a mention of the same person (`وأشار باتيل إلى …`).

use crate::rules::candidate::PRIORITY_AMBIGUOUS;
use crate::rules::Candidate;
use crate::text::TokenKind;

use super::context::Ctx;
use super::lexicon::{
    AL_NAME, CONNECTOR, INSTITUTION, JOINER, NATIONALITY, ORG_ADJECTIVE, TITLE, TITLE_MODIFIER,
};

/// Names longer than this (not counting name parts like عبد) are not names.
const MAX_NAME: usize = 3;
/// How many complement steps may separate a title from its name.
const MAX_COMPLEMENT: usize = 8;
/// Commas that set a name off after its title.
const COMMAS: &[char] = &['،', ','];

/// Pushes PER candidates: names after titles, bylines, then surnames of every full name known.
pub(super) fn find(c: &Ctx, out: &mut Vec<Candidate>) {
    let from = out.len();
    let mut i = 0;
    while i < c.len() {
        let Some(title_last) = c.phrase(i, TITLE) else {
            i += 1;
            continue;
        };
        match name_after_title(c, title_last + 1) {
            Some((first, last)) => {
                let why = format!(
                    "person: a name after the title «{}»",
                    c.doc.slice(i, title_last)
                );
                out.push(super::candidate(
                    c.doc,
                    first,
                    last,
                    "PER",
                    "pat:per.title",
                    None,
                    &why,
                ));
                i = last + 1;
            }
            None => i = title_last + 1,
        }
    }
    bylines(c, out);
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
            j += 1;
            // A connector's object the gazetteer does not know is one bare word: "لدى بغداد".
            let bare = c.hit(j).is_none() && !c.definite(j) && !c.is(j, INSTITUTION);
            if bare && c.word(j) && !c.stop(j) {
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

/// A name of two or more words starting at `first`: at most `max` words, one more for each
/// name part like عبد or أبو. A known person starting there is taken as the gazetteer has it.
fn name(c: &Ctx, first: usize, max: usize) -> Option<(usize, usize)> {
    if let Some(known) = c.hit(first).filter(|h| h.label == "PER") {
        return Some((first, known.last));
    }
    if !c.name_start(first) {
        return None;
    }
    let mut last = first;
    let mut room = max - 1;
    while room > 0 {
        let k = last + 1;
        let after_joiner = c.is(last, JOINER);
        let title = c.phrase(k, TITLE.or(TITLE_MODIFIER)).is_some();
        if !c.namelike(k) || c.line_break_before(k) || (title && !after_joiner) {
            break;
        }
        let definite = c.definite(k) && !after_joiner && !c.is(k, JOINER);
        // A word with the article ends a name as a nisba or family name (السوداني، الأسد), which
        // does not end in ة the way the nouns of news prose do (الجولة).
        if definite && c.folded(k).ends_with('ه') {
            break;
        }
        last = k;
        if definite {
            break;
        }
        if !after_joiner {
            room -= 1;
        }
    }
    while last > first && c.is(last, JOINER) {
        last -= 1;
    }
    (last > first).then_some((first, last))
}

/// A name in quotes after a title: `المتحدثة باسم البنتاغون "سابرينا سينغ"`.
fn quoted_name(c: &Ctx, open: usize) -> Option<(usize, usize)> {
    let (first, last) = name(c, open + 1, MAX_NAME)?;
    c.quote(last + 1).then_some((first, last))
}

/// Datelines with a byline: a line `<city> - <name>` (`واشنطن - محمد صالح`).
fn bylines(c: &Ctx, out: &mut Vec<Candidate>) {
    for hit in c.hits() {
        let confident = hit.priority != PRIORITY_AMBIGUOUS;
        if !confident || hit.label != "GPE" || !c.line_break_before(hit.first) {
            continue;
        }
        let dash = hit.last + 1;
        if !c.punct(dash, &['-', '–', '—']) {
            continue;
        }
        if let Some((first, last)) =
            name(c, dash + 1, 3).filter(|&(_, l)| c.line_break_before(l + 1))
        {
            let why = "person: the byline after a dateline";
            out.push(super::candidate(
                c.doc,
                first,
                last,
                "PER",
                "pat:per.byline",
                None,
                why,
            ));
        }
    }
}

/// Later mentions of a known full name by its surname alone: `وقال أوستن`, `وأشار باتيل إلى`.
fn surnames(c: &Ctx, from: usize, out: &mut Vec<Candidate>) {
    let known = c.hits().iter().filter(|h| h.priority != PRIORITY_AMBIGUOUS);
    let full: Vec<Candidate> = known
        .chain(&out[from..])
        .filter(|p| p.label == "PER" && p.width() >= 2)
        .filter(|p| {
            c.folded(p.last).chars().count() >= 3 && !c.stop(p.last) && !c.is(p.last, JOINER)
        })
        .cloned()
        .collect();
    for i in 0..c.len() {
        if !c.word(i) || c.taken(i) || full.iter().any(|p| p.first <= i && i <= p.last) {
            continue;
        }
        let Some(source) = full.iter().find(|p| c.folded(p.last) == c.folded(i)) else {
            continue;
        };
        if c.hit(i).is_some_and(|h| h.label != "PER") || !alone(c, i) {
            continue;
        }
        let why = format!(
            "person: the surname of «{}»",
            c.doc.slice(source.first, source.last)
        );
        let id = source.id.clone();
        out.push(super::candidate(
            c.doc,
            i,
            i,
            "PER",
            "pat:per.surname",
            id,
            &why,
        ));
    }
}

/// Whether the word at `i` stands alone as a name: the word before it is not a noun it could
/// be an adjective of (`الرئيس السوداني`) or another name it could end (`صدام حسين`), and the
/// word after it does not continue a name.
fn alone(c: &Ctx, i: usize) -> bool {
    let before = i.checked_sub(1);
    let free_before = before.is_none_or(|b| !c.word(b) || c.stop(b) || c.line_break_before(i));
    let next = i + 1;
    let free_after = !c.namelike(next) || c.definite(next) || c.phrase(next, TITLE).is_some();
    free_before && free_after
}
