//! DATE: calendar dates, month and year expressions, weekdays, deictic dates and "ago".
//!
//! The guidelines want a date *with its own modifiers* (`مساء الثلاثاء`, `يوم الخميس الماضي`,
//! `17 أكتوبر/ تشرين الأول الماضي`) but never the preposition before it: `منذ` meaning "since"
//! stays out (`منذ 4 فبراير/شباط` → `4 فبراير/شباط`), while `قبل`/`منذ` + a span of time is the
//! date itself ("ago": `قبل يومين`). Brackets and quotes end a span, so a bracketed gloss
//! (`منتصف أكتوبر (تشرين الأول)`) is a second date. Durations (`خلال الأشهر الثلاثة الماضية`) and
//! vague adverbs (`في وقت سابق`) are not dates: plural periods and ordinals are not in the lists.
//!
//! Each position is tried against the shapes below, longest shape first within each; a match
//! claims its tokens, so a year inside a date is not also a quantity and a weekday after a title
//! does not become part of a name.

use crate::rules::candidate::Found;
use crate::text::TokenKind;

use super::context::Ctx;
use super::lexicon::{
    Tags, AGO, AMBIGUOUS, DAYPART, DAY_NOUN, DEICTIC, DEMONSTRATIVE, HIJRI_MONTH, MONTH,
    MONTH_NOUN, ORDINAL_DAY, PART_OF, PERIOD, PERSIAN_MONTH, RELATIVE, SEASON, SINCE, SOME, TODAY,
    TOMORROW, UNIT, UNIT_DUAL, WEEKDAY, WEEKDAY_CONTEXT, YEAR_AFTER, YEAR_NOUN,
};
use super::quantities::{counted, number};

/// Which shape matched: the rule id and the analyst's explanation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    Numeric,
    Ago,
    Weekday,
    Deictic,
    Month,
    Period,
    Year,
}

impl Shape {
    fn rule(self) -> &'static str {
        match self {
            Shape::Numeric => "pat:date.numeric",
            Shape::Ago => "pat:date.ago",
            Shape::Weekday => "pat:date.weekday",
            Shape::Deictic => "pat:date.deictic",
            Shape::Month => "pat:date.month",
            Shape::Period => "pat:date.period",
            Shape::Year => "pat:date.year",
        }
    }

    fn why(self) -> &'static str {
        match self {
            Shape::Numeric => "date: day, month and year in digits",
            Shape::Ago => "date: a span of time ago (قبل/منذ + days, weeks, months or years)",
            Shape::Weekday => "date: a weekday with its modifiers",
            Shape::Deictic => "date: a day named from the time of writing",
            Shape::Month => "date: a month name with its day, year or other-calendar name",
            Shape::Period => "date: a week, month or year named from the time of writing",
            Shape::Year => "date: a year",
        }
    }
}

/// Any month name, Gregorian, Syriac, Hijri or Persian.
const ANY_MONTH: Tags = MONTH.or(HIJRI_MONTH).or(PERSIAN_MONTH);

/// Pushes a DATE candidate for every date in the document and claims its tokens.
pub(super) fn find<'f>(c: &mut Ctx<'_, '_, 'f>, out: &mut Vec<Found<'f>>) {
    let mut i = 0;
    while let Some(at) = c.next_start_or_number(i, STARTS) {
        i = at;
        let Some((last, shape)) = date_at(c, i) else {
            i += 1;
            continue;
        };
        out.push(super::found(
            i,
            last,
            "DATE",
            shape.rule(),
            None,
            shape.why(),
            None,
        ));
        c.take(i, last);
        i = last + 1;
    }
}

/// What a date can start with besides a number: each shape below begins with a token or a
/// phrase of one of these classes. Most tokens have none, and are passed over without trying
/// the shapes one by one; a new shape must add its first class here.
const STARTS: Tags = AGO
    .or(DAYPART)
    .or(DEICTIC)
    .or(DAY_NOUN)
    .or(TOMORROW)
    .or(TODAY)
    .or(WEEKDAY)
    .or(PART_OF)
    .or(MONTH_NOUN)
    .or(ORDINAL_DAY)
    .or(ANY_MONTH)
    .or(PERIOD)
    .or(DEMONSTRATIVE)
    .or(YEAR_NOUN)
    .or(SEASON);

/// The date starting at token `i`, if any: its last token and shape.
fn date_at(c: &Ctx, i: usize) -> Option<(usize, Shape)> {
    if c.kind(i) != Some(TokenKind::Number) && !c.starts(i, STARTS) {
        return None;
    }
    numeric(c, i)
        .map(|l| (l, Shape::Numeric))
        .or_else(|| ago(c, i).map(|l| (l, Shape::Ago)))
        .or_else(|| day(c, i))
        .or_else(|| part_of(c, i).map(|l| (l, Shape::Month)))
        .or_else(|| month_led(c, i).map(|l| (l, Shape::Month)))
        .or_else(|| period(c, i).map(|l| (l, Shape::Period)))
        .or_else(|| year(c, i).map(|l| (l, Shape::Year)))
}

/// The digits of a Number token as an integer, if it is nothing but ASCII-folded digits.
fn integer(c: &Ctx, i: usize) -> Option<u32> {
    let f = c.folded(i);
    (c.kind(i) == Some(TokenKind::Number) && f.len() <= 4 && f.bytes().all(|b| b.is_ascii_digit()))
        .then(|| f.parse().ok())
        .flatten()
}

/// A plausible Gregorian year (four digits).
fn year_number(c: &Ctx, i: usize) -> bool {
    c.folded(i).len() == 4 && integer(c, i).is_some_and(|y| (1900..=2100).contains(&y))
}

/// A year in the Hijri era, which needs its `هـ` after it.
fn hijri_year(c: &Ctx, i: usize) -> bool {
    integer(c, i).is_some_and(|y| (1300..=1500).contains(&y)) && hijri_suffix(c, i + 1)
}

/// Whether token `i` is the `هـ` (folded `ه`) after a Hijri year: "1445 هـ".
fn hijri_suffix(c: &Ctx, i: usize) -> bool {
    c.word(i) && c.folded(i) == "ه"
}

/// A day of the month in digits.
fn day_number(c: &Ctx, i: usize) -> bool {
    c.folded(i).len() <= 2 && integer(c, i).is_some_and(|d| (1..=31).contains(&d))
}

/// Whether `(d, m, y)` or `(y, m, d)` is a calendar date.
fn valid_dmy(parts: [u32; 3]) -> bool {
    let ok = |d: u32, m: u32, y: u32| {
        (1..=31).contains(&d) && (1..=12).contains(&m) && (1900..=2100).contains(&y)
    };
    ok(parts[0], parts[1], parts[2]) || ok(parts[2], parts[1], parts[0])
}

/// `22/11/2023`, `2023.11.22` (one token) or `2023-11-22` (five tokens with no space).
fn numeric(c: &Ctx, i: usize) -> Option<usize> {
    if c.kind(i) != Some(TokenKind::Number) {
        return None;
    }
    let f = c.folded(i);
    if let Some(sep) = f.chars().find(|&ch| ch == '/' || ch == '.') {
        let mut parts = f.split(sep).map(|p| p.parse::<u32>().ok());
        let three = [parts.next()??, parts.next()??, parts.next()??];
        return (parts.next().is_none() && valid_dmy(three)).then_some(i);
    }
    let glued = (i..i + 4).all(|k| k + 1 < c.len() && !c.doc.tokens[k].ws);
    let dashes = c.punct(i + 1, &['-']) && c.punct(i + 3, &['-']);
    (glued && dashes && valid_dmy([integer(c, i)?, integer(c, i + 2)?, integer(c, i + 4)?]))
        .then_some(i + 4)
}

/// `قبل يومين`, `منذ أسبوعين`, `قبل 3 أيام`, `قبل عدة أشهر`, `قبل أيام` — unless measured from
/// an event (`قبل يومين من الانتخابات`) or followed by the year it counts to.
fn ago(c: &Ctx, i: usize) -> Option<usize> {
    if !c.is(i, AGO) {
        return None;
    }
    let j = i + 1;
    let last = if c.is(j, UNIT_DUAL) {
        j
    } else if c.is(j, SOME) && c.is(j + 1, UNIT) {
        j + 1
    } else if let Some(n) = number(c, j).filter(|&n| c.is(n + 1, UNIT)) {
        n + 1
    } else if c.is(j, UNIT) && !c.is(i, SINCE) {
        // A bare unit counts one (or some) only after قبل: "منذ سنوات" is a vague duration.
        j
    } else {
        return None;
    };
    let relative_to_event = matches!(c.folded(last + 1), "من" | "علي") || year_number(c, last + 1);
    (!relative_to_event).then_some(last)
}

/// Weekdays and deictic days with their day-part and day-noun prefixes: `الأربعاء`,
/// `مساء الثلاثاء`, `يوم الخميس الماضي`, `اليوم الأربعاء`, `صباح اليوم`, `يوم أمس`, `اليوم`.
fn day(c: &Ctx, i: usize) -> Option<(usize, Shape)> {
    let j = if c.is(i, DAYPART) { i + 1 } else { i };
    if let Some(last) = deictic(c, j) {
        return Some((last, Shape::Deictic));
    }
    if c.is(j, DAY_NOUN) {
        return weekday(c, j + 1)
            .map(|l| (l, Shape::Weekday))
            .or_else(|| deictic(c, j + 1).map(|l| (l, Shape::Deictic)))
            .or_else(|| {
                (j == i)
                    .then(|| day_month(c, j + 1))
                    .flatten()
                    .map(|l| (l, Shape::Month))
            });
    }
    if c.is(j, TOMORROW) {
        return weekday(c, j + 1).map(|l| (l, Shape::Deictic));
    }
    if c.is(j, TODAY) {
        return weekday(c, j + 1)
            .map(|l| (l, Shape::Weekday))
            .or_else(|| today_alone(c, j).then_some((j, Shape::Deictic)));
    }
    weekday(c, j).map(|l| (l, Shape::Weekday))
}

/// A weekday at `j` with a relative word and a day and month after it (`الأربعاء 22 نوفمبر`).
fn weekday(c: &Ctx, j: usize) -> Option<usize> {
    let prayer = j > 0 && c.is(j - 1, WEEKDAY_CONTEXT);
    // "الأحد عشر" is "the eleven".
    let eleven = matches!(c.folded(j + 1), "عشر" | "عشره");
    if !c.is(j, WEEKDAY) || prayer || eleven {
        return None;
    }
    let mut last = j;
    if c.is(last + 1, RELATIVE) {
        last += 1;
    }
    Some(day_month(c, last + 1).unwrap_or(last))
}

/// `أمس`, `غداً`, `يوم غد`, and with the weekday it names: `أمس الثلاثاء`.
fn deictic(c: &Ctx, j: usize) -> Option<usize> {
    let last = c.phrase(j, DEICTIC)?;
    Some(weekday(c, last + 1).unwrap_or(last))
}

/// Whether `اليوم` at `j` means "today": not when a noun phrase continues it (`اليوم التالي`,
/// `اليوم الأول`, `اليوم نفسه`) or a demonstrative points back to another day (`ذلك اليوم`).
fn today_alone(c: &Ctx, j: usize) -> bool {
    let next = j + 1;
    let that_day = j > 0 && matches!(c.folded(j - 1), "ذلك" | "تلك");
    !(that_day || c.definite(next) || matches!(c.folded(next), "نفسه" | "ذاته"))
}

/// `منتصف أكتوبر`, `أواخر عام 2023`, `مطلع العام الجاري`, `نهاية الشهر`, `أول أمس`,
/// `النصف الأول من العام`.
fn part_of(c: &Ctx, i: usize) -> Option<usize> {
    let part = c.phrase(i, PART_OF)?;
    let j = if c.is(part + 1, MONTH_NOUN) {
        part + 2
    } else {
        part + 1
    };
    month(c, j, true)
        .or_else(|| period_core(c, j))
        .or_else(|| (c.is(j, PERIOD) && c.definite(j)).then_some(j))
        .or_else(|| year(c, j))
        .or_else(|| (year_number(c, j) && !counted(c, j + 1)).then_some(j))
        .or_else(|| deictic(c, j))
}

/// A date led by a month noun, a day number or an ordinal day, or a bare month name:
/// `شهر رمضان`, `4 فبراير/شباط`, `السابع من أكتوبر`, `تشرين الأول/أكتوبر`, `يونيو ٢٠٢٥`.
fn month_led(c: &Ctx, i: usize) -> Option<usize> {
    if c.is(i, MONTH_NOUN) {
        return month(c, i + 1, true);
    }
    day_month(c, i).or_else(|| month(c, i, false))
}

/// A day (digits, or an ordinal + من) followed by a month.
fn day_month(c: &Ctx, j: usize) -> Option<usize> {
    // "4 فبراير", "5 من فبراير".
    if day_number(c, j) {
        let of = if c.folded(j + 1) == "من" {
            j + 2
        } else {
            j + 1
        };
        return month(c, of, true);
    }
    // "السابع من أكتوبر", "العاشر من الشهر الجاري".
    let ordinal = c.phrase(j, ORDINAL_DAY)?;
    let of = ordinal + 2;
    (c.folded(ordinal + 1) == "من")
        .then(|| month(c, of, true).or_else(|| period_core(c, of)))
        .flatten()
}

/// A month name at `j` and what follows it: the other calendar's name after a slash, a
/// relative word, a year (after an optional comma) and a Hijri era mark, or the year it is in
/// (`من العام الماضي`). `lead` says a day or
/// a month noun came before, which is what ambiguous names (مارس، آب) and Hijri and Persian
/// months need; the Gregorian ones may also be confirmed by what follows.
fn month(c: &Ctx, j: usize, lead: bool) -> Option<usize> {
    let (mut last, tags) = c.phrase_tags(j, ANY_MONTH)?;
    let mut confirmed = lead;
    // The other calendar's name, after a slash or directly: "مارس/آذار", "يناير كانون الثاني".
    let other = if c.punct(last + 1, &['/']) {
        last + 2
    } else {
        last + 1
    };
    if let Some(l) = c.phrase(other, ANY_MONTH) {
        last = l;
        confirmed = true;
    }
    if c.is(last + 1, RELATIVE) {
        last += 1;
        confirmed = true;
    }
    let year_at = if c.punct(last + 1, &[',', '،']) {
        last + 2
    } else {
        last + 1
    };
    if year_number(c, year_at) || hijri_year(c, year_at) {
        last = year_at;
        confirmed = true;
        if hijri_suffix(c, last + 1) {
            last += 1;
        }
    } else if c.folded(last + 1) == "من"
        && c.is(last + 2, YEAR_NOUN)
        && (c.is(last + 3, RELATIVE) || year_number(c, last + 3))
    {
        // The year the month is in: "أيلول/سبتمبر من العام الماضي", "مارس من عام 2014".
        last += 3;
        confirmed = true;
    }
    let gregorian = tags.has(MONTH) && !tags.has(AMBIGUOUS);
    let needs_lead = !tags.has(MONTH);
    (gregorian || (needs_lead && lead) || (!needs_lead && confirmed)).then_some(last)
}

/// `الأسبوع الماضي`, `العام الجاري`.
fn period_core(c: &Ctx, j: usize) -> Option<usize> {
    (c.is(j, PERIOD) && c.is(j + 1, RELATIVE)).then_some(j + 1)
}

/// A period with its relative word, or after a demonstrative: `هذا الأسبوع`.
fn period(c: &Ctx, i: usize) -> Option<usize> {
    period_core(c, i).or_else(|| (c.is(i, DEMONSTRATIVE) && c.is(i + 1, PERIOD)).then_some(i + 1))
}

/// `عام 2014`, `صيف 2014`, `عام 1445 هـ`, or a bare year after a preposition, which stays
/// outside (`منذ 2003` → `2003`) — unless a counted noun follows (`في 2000 هجوم`).
fn year(c: &Ctx, i: usize) -> Option<usize> {
    if c.is(i, YEAR_NOUN.or(SEASON)) {
        let y = i + 1;
        // The dual governs both years, which are one date: "عامي 2014 و2018".
        let both = c.folded(i) == "عامي" && c.clitic(y + 1, "و") && year_number(c, y + 2);
        if year_number(c, y) {
            return Some(if both { y + 2 } else { y });
        }
        return hijri_year(c, y).then_some(y + 1);
    }
    // A bare year after a preposition, or after و that follows a year: "عام 2020 و2021".
    let after_year = i > 1 && c.clitic(i - 1, "و") && c.taken(i - 2) && year_number(c, i - 2);
    let bare = i > 0
        && (c.is(i - 1, YEAR_AFTER) || after_year)
        && year_number(c, i)
        && number(c, i) == Some(i);
    (bare && !counted(c, i + 1)).then_some(i)
}
