//! Boilerplate zones: the lines of a pasted news page that are not the article.
//!
//! Analysts paste whole pages: timestamps and site names above the story, photo credits and
//! related headlines between its paragraphs, and below it source and tag lines, "read also"
//! blocks (often with the full text of another story), share bars, comment forms and copyright
//! footers. Entities there would be suggestions about other stories, so the engine marks those
//! stretches as zones and suggests nothing inside them.
//!
//! A zone is whole lines (from the first character of its first line to the end of its last,
//! without the final newline); boilerplate lines with only blank lines between them form one
//! zone. The line classes, from `data/patterns/boilerplate.txt` and the shape of the line:
//!
//! - **trailer** markers (`المصدر:`, `كلمات دلالية`, `مقالات مشابهة`, `شارك`, `جميع الحقوق
//!   محفوظة`, `©`…): once the article has begun (two paragraphs above), everything from the
//!   marker to the end is boilerplate — a linked story below a tag line is not the article.
//!   Above the article they are single lines.
//! - **read-also** markers (`اقرأ أيضاً`, `قد يهمك`): with a headline on the same line, one line;
//!   alone on a line, a trailer if more boilerplate follows further down, otherwise the marker
//!   and the linked headline after it.
//! - **page chrome** lines (`آخر تحديث`, comment-form fields, `GMT` timestamps): one line each.
//! - **credits**: a line with no Arabic letter (`Sputnik`, `AFP`, a site's Latin name).
//! - **site names**: a short line ending in a dash (`صوت الإمارات -`; one word only if it
//!   recurs, since `بغداد -` may be a dateline), and any line that starts with that name and
//!   dash (the site-branded headline).
//! - **related headlines** inserted between paragraphs: a short `Speaker: claim` line with no
//!   final punctuation, between two paragraphs (`العراق: سنتعامل مع الضربات …`).
//!
//! Markers match folded text at the start of a line on a word boundary, and only short lines
//! (or a marker followed by a colon): a sentence that happens to begin with `شارك` is not a
//! share bar.

use std::sync::OnceLock;

use crate::span::Zone;
use crate::text::{fold, fold_char};

const BOILERPLATE: &str = include_str!("../../data/patterns/boilerplate.txt");

/// Paragraphs the article must have before a trailer marker ends it.
const MIN_PARAGRAPHS: usize = 2;
/// A body line with at least this many words is a paragraph.
const PARAGRAPH_WORDS: usize = 10;
/// Marker lines longer than this (without a colon after the marker) are sentences.
const MAX_MARKER_LINE_WORDS: usize = 8;
/// Page-chrome lines are at most this long (timestamps carry dates and times).
const MAX_CHROME_WORDS: usize = 10;
/// A site-name line has at most this many words before its dash.
const MAX_SITE_NAME_WORDS: usize = 4;
/// Inserted related headlines have this many words.
const HEADLINE_WORDS: std::ops::RangeInclusive<usize> = 4..=16;

/// The marker lists, folded.
#[derive(Debug, Default)]
struct Markers {
    trailer: Vec<String>,
    read_also: Vec<String>,
    line: Vec<String>,
}

fn markers() -> &'static Markers {
    static MARKERS: OnceLock<Markers> = OnceLock::new();
    MARKERS.get_or_init(|| {
        let mut m = Markers::default();
        let mut list: Option<&mut Vec<String>> = None;
        for line in BOILERPLATE
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
        {
            match line {
                "[trailer]" => list = Some(&mut m.trailer),
                "[read-also]" => list = Some(&mut m.read_also),
                "[line]" => list = Some(&mut m.line),
                _ if line.starts_with('[') => panic!("boilerplate.txt: unknown section {line}"),
                _ => list
                    .as_mut()
                    .expect("boilerplate.txt: entry before any section")
                    .push(fold(line)),
            }
        }
        // Longest first: "قد يهمك أيضا" must not be read as "قد يهمك" + a headline.
        for list in [&mut m.trailer, &mut m.read_also, &mut m.line] {
            list.sort_by_key(|k| std::cmp::Reverse(k.len()));
        }
        m
    })
}

/// What a line is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Blank,
    /// Article text (or anything not recognized), with its word count.
    Body(usize),
    /// One line of boilerplate, with the rule that found it.
    Chrome(&'static str),
    /// A trailer marker.
    Trailer,
    /// A read-also marker alone on its line.
    ReadAlso,
}

/// One line: code-point range (without the newline) and text.
struct Line<'t> {
    start: usize,
    end: usize,
    text: &'t str,
    /// The folded start of the line, from its first letter or digit: all that markers and site
    /// names are compared with.
    head: String,
}

/// How much of a line [`Line::head`] folds: the longest marker, stretched with tatweel
/// (`قد يهمك أيضــــــــًا`), or a site name, fits.
const HEAD_CHARS: usize = 64;

/// The boilerplate zones of `text`, sorted and disjoint.
pub fn find_zones(text: &str) -> Vec<Zone> {
    let lines = split_lines(text);
    let mut kinds: Vec<Kind> = lines.iter().map(classify).collect();
    mark_site_names(&lines, &mut kinds);
    mark_inserted_headlines(&lines, &mut kinds);
    let trailer = trailer_start(&mut kinds);
    let mut zones: Vec<Zone> = Vec::new();
    let mut open: Option<(usize, usize, &'static str)> = None;
    for (i, (line, kind)) in lines.iter().zip(&kinds).enumerate() {
        let rule = match (*kind, trailer) {
            (_, Some((from, rule))) if i >= from && *kind != Kind::Blank => Some(rule),
            (Kind::Chrome(rule), _) => Some(rule),
            (Kind::Trailer, _) => Some("zone:trailer"),
            (Kind::ReadAlso, _) => Some("zone:read-also"),
            (Kind::Blank, _) => continue,
            (Kind::Body(_), _) => None,
        };
        match (rule, open.as_mut()) {
            (Some(_), Some(zone)) => zone.1 = line.end,
            (Some(rule), None) => open = Some((line.start, line.end, rule)),
            (None, _) => {
                zones.extend(open.take().map(|(start, end, rule)| zone(start, end, rule)));
            }
        }
    }
    zones.extend(open.map(|(start, end, rule)| zone(start, end, rule)));
    zones
}

fn zone(start: usize, end: usize, rule: &str) -> Zone {
    Zone {
        start,
        end,
        source: rule.into(),
    }
}

fn split_lines(text: &str) -> Vec<Line<'_>> {
    let mut lines = Vec::new();
    let mut cp = 0;
    for text in text.split('\n') {
        let n = text.chars().count();
        let mut head = String::new();
        let from_letter = text.trim_start_matches(|c: char| !c.is_alphanumeric());
        for c in from_letter.chars().take(HEAD_CHARS) {
            fold_char(c).push_to(&mut head);
        }
        lines.push(Line {
            start: cp,
            end: cp + n,
            text,
            head,
        });
        cp += n + 1;
    }
    lines
}

/// Classifies one line by its markers and shape.
fn classify(line: &Line) -> Kind {
    let text = line.text;
    let words = text.split_whitespace().count();
    if !text.chars().any(char::is_alphabetic) {
        return Kind::Blank;
    }
    if !text.chars().any(is_arabic_letter) {
        return Kind::Chrome("zone:credit");
    }
    if let Some(kind) = markers_of(&line.head, words, markers()) {
        return kind;
    }
    if text.contains('©') && words <= MAX_CHROME_WORDS {
        return Kind::Trailer;
    }
    Kind::Body(words)
}

/// The marker class of a folded line, if it starts with one.
fn markers_of(folded: &str, words: usize, m: &Markers) -> Option<Kind> {
    // The text after `marker` if the line starts with it on a word boundary.
    let after = |marker: &str| {
        let rest = folded.strip_prefix(marker)?;
        (!rest.starts_with(char::is_alphanumeric)).then(|| rest.trim_start_matches([' ', ':', '*']))
    };
    let colon = |marker: &str| {
        folded[marker.len()..]
            .trim_start()
            .starts_with([':', '*', '|', '-'])
    };
    for k in &m.trailer {
        if after(k).is_some() && (words <= MAX_MARKER_LINE_WORDS || colon(k)) {
            return Some(Kind::Trailer);
        }
    }
    for k in &m.read_also {
        match after(k) {
            Some(rest) if rest.chars().any(is_arabic_letter) => {
                return Some(Kind::Chrome("zone:read-also"))
            }
            Some(_) => return Some(Kind::ReadAlso),
            None => {}
        }
    }
    for k in &m.line {
        if after(k).is_some() && (words <= MAX_CHROME_WORDS || colon(k)) {
            return Some(Kind::Chrome("zone:page-chrome"));
        }
    }
    None
}

fn is_arabic_letter(c: char) -> bool {
    matches!(c, '\u{620}'..='\u{64A}' | '\u{671}'..='\u{6D3}' | '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFC}')
}

/// Site-name lines (`صوت الإمارات -`) and the lines branded with the same name.
fn mark_site_names(lines: &[Line], kinds: &mut [Kind]) {
    let dash = |c: char| matches!(c, '-' | '–' | '—' | '|');
    let candidates: Vec<(String, usize)> = lines
        .iter()
        .zip(kinds.iter())
        .filter(|(_, k)| matches!(k, Kind::Body(_)))
        .filter_map(|(l, _)| {
            let name = l.text.trim().strip_suffix(dash)?.trim();
            let words = name.split_whitespace().count();
            (1..=MAX_SITE_NAME_WORDS)
                .contains(&words)
                .then(|| (fold(name), words))
        })
        .collect();
    // A one-word name before a dash may be a dateline city on its own line ("بغداد -"); it is
    // a site name only if it comes back.
    let names: Vec<&str> = candidates
        .iter()
        .filter(|(name, words)| {
            *words > 1 || candidates.iter().filter(|(n, _)| n == name).count() > 1
        })
        .map(|(name, _)| name.as_str())
        .collect();
    if names.is_empty() {
        return;
    }
    for (line, kind) in lines.iter().zip(kinds.iter_mut()) {
        if !matches!(kind, Kind::Body(_)) {
            continue;
        }
        let folded = &line.head;
        let branded = names.iter().any(|n| {
            folded
                .strip_prefix(n)
                .is_some_and(|rest| rest.trim_start().starts_with(dash))
        });
        if branded {
            *kind = Kind::Chrome("zone:site-name");
        }
    }
}

/// Related headlines inserted between two paragraphs: `Speaker: claim`, short, unpunctuated.
fn mark_inserted_headlines(lines: &[Line], kinds: &mut [Kind]) {
    let paragraph = |k: &Kind| matches!(k, Kind::Body(w) if *w >= PARAGRAPH_WORDS);
    for i in 0..lines.len() {
        let Kind::Body(words) = kinds[i] else {
            continue;
        };
        let text = lines[i].text.trim();
        let speaker =
            text.split_whitespace().take(3).any(|w| w.ends_with(':')) && !text.starts_with(':');
        let unpunctuated = !text.ends_with(['.', '!', '?', '؟', '…', ':', '"', '»', '”', ')']);
        if !HEADLINE_WORDS.contains(&words) || !speaker || !unpunctuated {
            continue;
        }
        let before = kinds[..i].iter().rev().find(|k| **k != Kind::Blank);
        let after = kinds[i + 1..].iter().find(|k| **k != Kind::Blank);
        if before.is_some_and(paragraph) && after.is_some_and(paragraph) {
            kinds[i] = Kind::Chrome("zone:related-headline");
        }
    }
}

/// Where the page's trailer starts (line index and rule), resolving each marker: a trailer or
/// read-also marker above the article's second paragraph is one line of chrome; a read-also
/// marker with no boilerplate after it covers only itself and the headline it links.
fn trailer_start(kinds: &mut [Kind]) -> Option<(usize, &'static str)> {
    let mut paragraphs = 0;
    for i in 0..kinds.len() {
        match kinds[i] {
            Kind::Body(words) if words >= PARAGRAPH_WORDS => paragraphs += 1,
            Kind::Trailer if paragraphs >= MIN_PARAGRAPHS => return Some((i, "zone:trailer")),
            Kind::ReadAlso if paragraphs >= MIN_PARAGRAPHS && more_boilerplate(&kinds[i + 1..]) => {
                return Some((i, "zone:read-also"));
            }
            Kind::ReadAlso => {
                kinds[i] = Kind::Chrome("zone:read-also");
                if let Some(next) = (i + 1..kinds.len()).find(|&k| kinds[k] != Kind::Blank) {
                    if matches!(kinds[next], Kind::Body(_)) {
                        kinds[next] = Kind::Chrome("zone:read-also");
                    }
                }
            }
            Kind::Trailer => kinds[i] = Kind::Chrome("zone:trailer"),
            _ => {}
        }
    }
    None
}

fn more_boilerplate(rest: &[Kind]) -> bool {
    rest.iter()
        .any(|k| matches!(k, Kind::Trailer | Kind::ReadAlso | Kind::Chrome(_)))
}
