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
//! - **page chrome** lines (`آخر تحديث`, comment-form fields, `GMT` timestamps, a short line
//!   with only a date and a clock time): one line each.
//! - **credits**: a line with no Arabic letter (`Sputnik`, `AFP`, a site's Latin name).
//! - **site names**: a line of one or two words beside the page's menu above the article
//!   (the logo's text); a short line ending in a dash (`صوت الإمارات -`; one word only if it
//!   recurs, since `بغداد -` may be a dateline), and any line that starts with that name and
//!   dash (the site-branded headline).
//! - **related-story lists** labelled for screen readers (`list 1 of 3` … `end of list`): the
//!   labels and the headlines between them.
//! - **related headlines** inserted between paragraphs: a short `Speaker: claim` line with no
//!   final punctuation, between two paragraphs (`العراق: سنتعامل مع الضربات …`).
//!
//! Markers match folded text at the start of a line on a word boundary, and only short lines
//! (or a marker followed by a colon): a sentence that happens to begin with `شارك` is not a
//! share bar.
//!
//! Every line of every article is read here, and nearly all of them are article text, so a line
//! that is not boilerplate must cost little: its first eight folded bytes are compared with all
//! markers at once (a binary search over their first eight bytes), and its head is folded only if
//! they match; its words are counted by comparing pairs of bytes, a chunk at a time, up to the
//! most any rule needs; lines are kept as byte ranges, and only the zones' ends are counted in
//! code points.

use std::sync::OnceLock;

use crate::span::{Name, Zone};
use crate::text::{find_newline, fold, fold_into, has_char};

const BOILERPLATE: &str = include_str!("../../data/patterns/boilerplate.txt");

/// Paragraphs the article must have before a trailer marker ends it.
const MIN_PARAGRAPHS: usize = 2;
/// A body line with at least this many words is a paragraph.
const PARAGRAPH_WORDS: usize = 10;
/// Marker lines longer than this (without a colon after the marker) are sentences.
const MAX_MARKER_LINE_WORDS: usize = 8;
/// A line with a year and a clock time is a timestamp up to this long ([`dated_clock`]).
const DATED_CLOCK_WORDS: usize = 6;
/// Page-chrome lines are at most this long (timestamps carry dates and times).
const MAX_CHROME_WORDS: usize = 10;
/// A site's name above or below its menu has at most this many words ([`mark_mastheads`]).
const MASTHEAD_WORDS: usize = 2;
/// A site-name line has at most this many words before its dash.
const MAX_SITE_NAME_WORDS: usize = 4;
/// Inserted related headlines have this many words.
const HEADLINE_WORDS: std::ops::RangeInclusive<usize> = 4..=16;

/// The marker lists, folded, longest first.
#[derive(Debug, Default)]
struct Markers {
    trailer: Vec<Marker>,
    read_also: Vec<Marker>,
    line: Vec<Marker>,
    /// The first eight bytes of every marker: one look-up rules out a line that starts with none.
    starts: Starts,
}

/// A folded marker or site name, with its first eight bytes (four Arabic letters) as a number:
/// comparing those with a line's first eight rules out nearly every one without folding the
/// line's head or comparing strings.
#[derive(Debug)]
struct Marker {
    text: String,
    prefix: u64,
    /// The bits of `prefix` the marker fills (all of them unless it is shorter than 8 bytes).
    mask: u64,
}

impl Marker {
    fn new(text: String) -> Marker {
        let n = text.len().min(8);
        Marker {
            prefix: first_eight(text.as_bytes()),
            mask: if n == 8 { u64::MAX } else { (1 << (8 * n)) - 1 },
            text,
        }
    }

    /// Whether a line whose head starts with `head` ([`Line::head_start`]) may start with the
    /// marker.
    fn may_start(&self, head: u64) -> bool {
        head & self.mask == self.prefix
    }
}

/// The first eight bytes ([`Marker::prefix`]) of a set of markers, sorted, in one group per
/// [`Marker::mask`] (nearly all markers fill all eight bytes): whether a line may start with any
/// of them costs a binary search per group instead of a comparison per marker, and every line
/// of an article asks.
#[derive(Debug, Default)]
struct Starts(Vec<(u64, Vec<u64>)>);

impl Starts {
    fn new<'m>(markers: impl IntoIterator<Item = &'m Marker>) -> Starts {
        let mut groups: Vec<(u64, Vec<u64>)> = Vec::new();
        for marker in markers {
            match groups.iter_mut().find(|(mask, _)| *mask == marker.mask) {
                Some((_, prefixes)) => prefixes.push(marker.prefix),
                None => groups.push((marker.mask, vec![marker.prefix])),
            }
        }
        for (_, prefixes) in &mut groups {
            prefixes.sort_unstable();
            prefixes.dedup();
        }
        Starts(groups)
    }

    /// Whether a line whose head starts with `head` ([`Line::head_start`]) may start with one of
    /// the markers: [`Marker::may_start`] for any of them.
    fn may_start(&self, head: u64) -> bool {
        self.0
            .iter()
            .any(|(mask, prefixes)| prefixes.binary_search(&(head & mask)).is_ok())
    }
}

/// The first eight bytes of `bytes` (zero-padded) as a number.
fn first_eight(bytes: &[u8]) -> u64 {
    let mut word = [0; 8];
    let n = bytes.len().min(8);
    word[..n].copy_from_slice(&bytes[..n]);
    u64::from_le_bytes(word)
}

impl Markers {
    /// All the markers, in the order they are tried.
    fn all(&self) -> impl Iterator<Item = &Marker> {
        [&self.trailer, &self.read_also, &self.line]
            .into_iter()
            .flatten()
    }
}

fn markers() -> &'static Markers {
    static MARKERS: OnceLock<Markers> = OnceLock::new();
    MARKERS.get_or_init(|| {
        let mut m = Markers::default();
        let mut list: Option<&mut Vec<Marker>> = None;
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
                    .push(Marker::new(fold(line))),
            }
        }
        // Longest first: "قد يهمك أيضا" must not be read as "قد يهمك" + a headline.
        for list in [&mut m.trailer, &mut m.read_also, &mut m.line] {
            list.sort_by_key(|k| std::cmp::Reverse(k.text.len()));
        }
        m.starts = Starts::new(m.all());
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

impl Kind {
    /// Whether the line is a paragraph of the article: body text of [`PARAGRAPH_WORDS`] or more.
    fn is_paragraph(self) -> bool {
        matches!(self, Kind::Body(words) if words >= PARAGRAPH_WORDS)
    }
}

/// One line: byte range in the text (without the newline) and text.
struct Line<'t> {
    start: usize,
    end: usize,
    text: &'t str,
    /// The line from its first letter or digit.
    lead: &'t str,
    /// Its words, counted up to [`WORDS_COUNTED`].
    words: usize,
    /// The first eight bytes of [`Line::head`], as [`first_eight`]: what every marker and site
    /// name is compared with first, so it is folded once, when the line is read.
    head_start: u64,
}

impl<'t> Line<'t> {
    /// The line `text`, at byte `start` of the article.
    fn new(start: usize, text: &'t str, buf: &mut String) -> Line<'t> {
        let mut line = Line {
            start,
            end: start + text.len(),
            text,
            lead: text.trim_start_matches(|c: char| !(is_alphabetic(c) || c.is_numeric())),
            words: words_counted(text),
            head_start: 0,
        };
        line.head_start = line.fold_head_start(buf);
        line
    }

    /// The folded start of the line, from its first letter or digit: all that markers and site
    /// names are compared with. Folded into `buf` only when a marker may match
    /// ([`Line::head_start`]) or a site name is known: most lines never need it.
    fn head<'b>(&self, buf: &'b mut String) -> &'b str {
        // A lead of at most HEAD_CHARS bytes has no more characters than that.
        let end = if self.lead.len() <= HEAD_CHARS {
            self.lead.len()
        } else {
            self.lead
                .char_indices()
                .nth(HEAD_CHARS)
                .map_or(self.lead.len(), |(i, _)| i)
        };
        buf.clear();
        fold_into(&self.lead[..end], buf);
        buf
    }

    /// [`Line::head_start`]: folding the first eight bytes of the lead (to a character boundary)
    /// makes eight bytes unless folding removes some of them (harakat, tatweel) or the line is
    /// shorter; only then is the whole head folded.
    fn fold_head_start(&self, buf: &mut String) -> u64 {
        let lead = self.lead;
        let to = (8..=lead.len())
            .find(|&i| lead.is_char_boundary(i))
            .unwrap_or(lead.len());
        buf.clear();
        fold_into(&lead[..to], buf);
        if buf.len() < 8 && to < lead.len() {
            self.head(buf);
        }
        first_eight(buf.as_bytes())
    }
}

/// How much of a line [`Line::head`] folds: the longest marker, stretched with tatweel
/// (`قد يهمك أيضــــــــًا`), or a site name, fits.
const HEAD_CHARS: usize = 64;
/// Words are counted up to one past the longest line any rule measures (a related headline), so
/// a long paragraph costs no more than a short one.
const WORDS_COUNTED: usize = *HEADLINE_WORDS.end() + 1;

/// The boilerplate zones of `text`, sorted and disjoint.
pub fn find_zones(text: &str) -> Vec<Zone> {
    // One buffer for every line's folded head, with room for the longest: allocating, or
    // growing, one per line was a good share of the allocations of a suggestion.
    let mut head = String::with_capacity(4 * HEAD_CHARS);
    let lines = split_lines(text, &mut head);
    let mut kinds: Vec<Kind> = lines.iter().map(|l| classify(l, &mut head)).collect();
    mark_site_names(&lines, &mut kinds, &mut head);
    mark_mastheads(&lines, &mut kinds);
    mark_inserted_headlines(&lines, &mut kinds);
    mark_link_lists(&lines, &mut kinds);
    let trailer = trailer_start(&mut kinds);
    let mut zones: Vec<Zone> = Vec::new();
    let mut code_points = CodePoints::new(text);
    let mut close = |(start, end, rule): (usize, usize, &'static str)| Zone {
        start: code_points.at(start),
        end: code_points.at(end),
        source: Name::from_static(rule),
    };
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
            (None, _) => zones.extend(open.take().map(&mut close)),
        }
    }
    zones.extend(open.map(close));
    zones
}

/// Byte offsets of a text as code points, for offsets that never decrease: zones come in order,
/// so the characters are counted once, and only as far as the last zone, not line by line.
struct CodePoints<'t> {
    text: &'t str,
    byte: usize,
    code_point: usize,
}

impl<'t> CodePoints<'t> {
    fn new(text: &'t str) -> CodePoints<'t> {
        CodePoints {
            text,
            byte: 0,
            code_point: 0,
        }
    }

    /// The code-point offset of byte `byte` (a character boundary, not before the last asked).
    fn at(&mut self, byte: usize) -> usize {
        self.code_point += self.text[self.byte..byte].chars().count();
        self.byte = byte;
        self.code_point
    }
}

/// The lines of `text` (`head` is scratch space for their heads).
fn split_lines<'t>(text: &'t str, head: &mut String) -> Vec<Line<'t>> {
    // News lines average over a hundred bytes: room for lines of 64 is rarely outgrown.
    let mut lines = Vec::with_capacity(text.len() / 64 + 1);
    let mut start = 0;
    while let Some(end) = find_newline(&text[start..]) {
        lines.push(Line::new(start, &text[start..start + end], head));
        start += end + 1;
    }
    lines.push(Line::new(start, &text[start..], head));
    lines
}

/// `text.split_whitespace().take(WORDS_COUNTED).count()`: by pairs of bytes
/// ([`words_after_spaces`]), word by word ([`count_words`]) only if that cannot tell.
fn words_counted(text: &str) -> usize {
    words_after_spaces(text.as_bytes(), WORDS_COUNTED)
        .unwrap_or_else(|| count_words(text, WORDS_COUNTED))
}

/// The words of `bytes`, counted up to `limit`, if spaces tell them apart.
///
/// A word starts at the first byte, or after a space, at a byte above the space that cannot start
/// whitespace (not C2 or E1–E3, see [`MAY_START_SPACE`]): such a byte begins a character that is
/// not whitespace. Counting those gives a lower bound, so a count that reaches `limit` is the
/// answer, and so is the count of a whole line with no *unclear* byte: one that is neither the
/// space nor such a byte (ASCII controls, tabs, and the lead bytes of `«`, `–` and of the other
/// whitespace characters). Otherwise `None`.
///
/// Pairs of bytes are compared in chunks of [`SPACE_CHUNK`] with no branch per byte, which the
/// compiler turns into vector code; the count stops at the chunk that reaches `limit`, a couple of
/// hundred bytes into a paragraph. Most lines are settled here: paragraphs reach `limit`, and
/// short lines rarely hold an unclear byte.
fn words_after_spaces(bytes: &[u8], limit: usize) -> Option<usize> {
    if cfg!(target_arch = "wasm32") {
        words_after_spaces_swar(bytes, limit)
    } else {
        words_after_spaces_chunked(bytes, limit)
    }
}

/// [`words_after_spaces`] with the vector code the compiler makes of a branch-free loop: fast
/// natively, but the page is optimized for size, and then the loop stays scalar.
fn words_after_spaces_chunked(bytes: &[u8], limit: usize) -> Option<usize> {
    let starts_word = |b: u8| (b > b' ') & (b != 0xC2) & !(0xE1..=0xE3).contains(&b);
    let unclear = |b: u8| (b != b' ') & !starts_word(b);
    let mut words = usize::from(bytes.first().is_some_and(|&b| starts_word(b)));
    let mut clear = !bytes.first().is_some_and(|&b| unclear(b));
    let next = bytes.get(1..).unwrap_or_default();
    for (chunk, next) in bytes.chunks(SPACE_CHUNK).zip(next.chunks(SPACE_CHUNK)) {
        let (starts, any_unclear) =
            chunk
                .iter()
                .zip(next)
                .fold((0u8, false), |(starts, any_unclear), (&before, &b)| {
                    (
                        starts + u8::from((before == b' ') & starts_word(b)),
                        any_unclear | unclear(b),
                    )
                });
        words += usize::from(starts);
        clear &= !any_unclear;
        if words >= limit {
            return Some(limit);
        }
    }
    clear.then_some(words)
}

/// [`words_after_spaces`] eight bytes at a time in one `u64` ("SIMD within a register"), for
/// WebAssembly: there the page's size optimization leaves the chunked loop scalar, and this
/// function was 7 % of the engine's time in chromium. Each test below makes a mask with the
/// high bit of every byte that passes it, exactly (no carry crosses a byte).
fn words_after_spaces_swar(bytes: &[u8], limit: usize) -> Option<usize> {
    const LOW7: u64 = 0x7F7F_7F7F_7F7F_7F7F;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    const ONES: u64 = 0x0101_0101_0101_0101;
    // High bit of each byte of `v` that is zero.
    let zero = |v: u64| !(((v & LOW7) + LOW7) | v) & HIGH;
    let equal = |v: u64, b: u8| zero(v ^ (ONES * u64::from(b)));
    // Above the space: a byte ≥ 0x80, or one whose low seven bits reach 0x21.
    let above_space = |v: u64| (((v & LOW7) + ONES * 0x5F) | v) & HIGH;
    // E1–E3: E0 with one of the two low bits set.
    let e1_to_e3 = |v: u64| {
        let x = v ^ (ONES * 0xE0);
        zero(x & (ONES * 0xFC)) & (((x & (ONES * 0x03)) + LOW7) & HIGH)
    };
    let starts_word = |v: u64| above_space(v) & !equal(v, 0xC2) & !e1_to_e3(v);
    let word = |at: usize| u64::from_le_bytes(bytes[at..at + 8].try_into().unwrap_or_default());
    let scalar_starts_word = |b: u8| (b > b' ') & (b != 0xC2) & !(0xE1..=0xE3).contains(&b);
    let scalar_unclear = |b: u8| (b != b' ') & !scalar_starts_word(b);
    let Some(&first) = bytes.first() else {
        return Some(0);
    };
    let mut words = usize::from(scalar_starts_word(first));
    let mut clear = !scalar_unclear(first);
    let mut j = 1;
    while j + 8 <= bytes.len() {
        let (prev, cur) = (word(j - 1), word(j));
        let starts = starts_word(cur);
        words += (equal(prev, b' ') & starts).count_ones() as usize;
        clear &= (!equal(cur, b' ') & !starts & HIGH) == 0;
        if words >= limit {
            return Some(limit);
        }
        j += 8;
    }
    for k in j..bytes.len() {
        words += usize::from((bytes[k - 1] == b' ') & scalar_starts_word(bytes[k]));
        clear &= !scalar_unclear(bytes[k]);
    }
    if words >= limit {
        return Some(limit);
    }
    clear.then_some(words)
}

/// The bytes [`words_after_spaces`] compares at a time: a chunk's count of words fits a byte (a
/// vector lane), and a paragraph is settled after its first chunk or two.
const SPACE_CHUNK: usize = 128;

/// `text.split_whitespace().take(limit).count()`, without decoding the words: only ASCII
/// controls and spaces and the lead bytes C2 and E1–E3 can start a whitespace character, so a
/// word runs to the next such byte that does.
fn count_words(text: &str, limit: usize) -> usize {
    let bytes = text.as_bytes();
    let mut words = 0;
    let mut i = 0;
    loop {
        while let Some(len) = whitespace_at(text, i) {
            i += len;
        }
        if i >= bytes.len() || words == limit {
            return words;
        }
        words += 1;
        loop {
            i += bytes[i..]
                .iter()
                .position(|&b| MAY_START_SPACE[usize::from(b)])
                .unwrap_or(bytes.len() - i);
            if i >= bytes.len() || whitespace_at(text, i).is_some() {
                break;
            }
            // A character that only looks like whitespace from its lead byte («, ‘…).
            i += if bytes[i] == 0xC2 { 2 } else { 3 };
        }
    }
}

/// The bytes a whitespace character can start with, as a table: the scan for them is the
/// hottest loop of this module.
static MAY_START_SPACE: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = matches!(b as u8, b'\t'..=b'\r' | b' ' | 0xC2 | 0xE1..=0xE3);
        b += 1;
    }
    table
};

/// The length of the whitespace character at byte `i` of `text`, if there is one.
fn whitespace_at(text: &str, i: usize) -> Option<usize> {
    match text.as_bytes().get(i)? {
        b'\t'..=b'\r' | b' ' => Some(1),
        0xC2 | 0xE1..=0xE3 => text[i..]
            .chars()
            .next()
            .filter(|c| c.is_whitespace())
            .map(char::len_utf8),
        _ => None,
    }
}

/// [`char::is_alphabetic`], with the basic Arabic letters (all alphabetic) answered before the
/// Unicode table is consulted: most lines start with one.
fn is_alphabetic(c: char) -> bool {
    matches!(c, '\u{620}'..='\u{64A}') || c.is_alphabetic()
}

/// Classifies one line by its markers and shape (`head` is scratch space for its head).
fn classify(line: &Line, head: &mut String) -> Kind {
    let (text, words) = (line.text, line.words);
    if !text.chars().any(is_alphabetic) {
        // Digits alone may still date the page: "2024-07-14 13:15".
        return if dated_clock(line) {
            Kind::Chrome("zone:timestamp")
        } else {
            Kind::Blank
        };
    }
    if !text.chars().any(is_arabic_letter) {
        return Kind::Chrome("zone:credit");
    }
    if let Some(kind) = markers_of(line, markers(), head) {
        return kind;
    }
    // A copyright footer: any line that starts with ©, a short one that holds it anywhere.
    if text.trim_start().starts_with('©') || words <= MAX_CHROME_WORDS && has_char(text, '©') {
        return Kind::Trailer;
    }
    if words < WORDS_COUNTED && is_menu(text) {
        return Kind::Chrome("zone:menu");
    }
    if (words < WORDS_COUNTED && is_timestamp(text)) || dated_clock(line) {
        return Kind::Chrome("zone:timestamp");
    }
    Kind::Body(words)
}

/// Whether a short line holds a year and a clock time (`19 كانون أول 2025 14:05`, `الأحد 21
/// سبتمبر 2025 9:15`): with nothing else, the time a page was published. An article states a
/// time in a sentence, which is longer.
fn dated_clock(line: &Line) -> bool {
    if line.words > DATED_CLOCK_WORDS {
        return false;
    }
    let b = line.text.as_bytes();
    let digit = |i: usize| b.get(i).is_some_and(u8::is_ascii_digit);
    let clock = (1..b.len()).any(|i| b[i] == b':' && digit(i - 1) && digit(i + 1) && digit(i + 2));
    let year = (0..b.len()).any(|i| {
        (b[i..].starts_with(b"19") || b[i..].starts_with(b"20"))
            && (2..4).all(|k| digit(i + k))
            && !digit(i + 4)
            && (i == 0 || !digit(i - 1))
    });
    clock && year
}

/// Whether `text` is a publication timestamp in both calendars, as Gulf and Saudi-owned sites
/// print them under the headline (`الاثنين - 19 ذو القعدة 1446 هـ - 19 مايو 2025 مـ`, `نُشر:
/// 10:21-4 يوليو 2025 م ـ 09 مُحرَّم 1447 هـ`): a short line with a number and the Hijri era mark
/// هـ standing alone. Articles write Hijri dates inside sentences, which are longer.
fn is_timestamp(text: &str) -> bool {
    let era = |(i, _): (usize, &str)| {
        let before = text[..i].chars().next_back();
        let after = text[i + "هـ".len()..].chars().next();
        before.is_none_or(|c| c == ' ' || c.is_ascii_digit())
            && after.is_none_or(|c| !is_alphabetic(c))
    };
    // The tatweel is rare in text: a fast search for it rules most lines out.
    has_char(text, 'ـ')
        && text.bytes().any(|b| b.is_ascii_digit())
        && text.match_indices("هـ").any(era)
}

/// Separators of menu items and breadcrumbs, when they stand between spaces.
const MENU_SEPARATORS: [char; 5] = ['|', '>', '»', '›', '•'];
/// A menu item or breadcrumb step has at most this many words.
const MAX_MENU_ITEM_WORDS: usize = 3;

/// Whether `text` is a site menu or a breadcrumb: short items between separators that stand
/// alone (`الرئيسية | العالم العربي | الخليج`, `العالم العربي > المشرق العربي`). A separator glued
/// to a word is punctuation (`«حزب الله» يعلن`), not a menu; `/` is left out, since it stands
/// between spaces in dates too (`تشرين الأول / أكتوبر`).
fn is_menu(text: &str) -> bool {
    // Most lines have no separator at all: one pass over the bytes rules them out, looking for
    // the ASCII separators and the lead bytes of the others (C2 for `»`, E2 for `›` and `•`),
    // which Arabic letters never have. A search per separator took five passes.
    if !text
        .bytes()
        .fold(false, |any, b| any | matches!(b, b'|' | b'>' | 0xC2 | 0xE2))
    {
        return false;
    }
    let short = |item: &str| (1..=MAX_MENU_ITEM_WORDS).contains(&item.split_whitespace().count());
    let bytes = text.as_bytes();
    let mut separators = 0;
    let mut item_start = 0;
    for (i, c) in text.char_indices() {
        let end = i + c.len_utf8();
        let alone = i > 0 && bytes[i - 1] == b' ' && bytes.get(end) == Some(&b' ');
        if alone && MENU_SEPARATORS.contains(&c) {
            if !short(&text[item_start..i]) {
                return false;
            }
            separators += 1;
            item_start = end;
        }
    }
    separators > 0 && short(&text[item_start..])
}

/// The marker class of a line, if it starts with one.
fn markers_of<'m>(line: &Line, m: &'m Markers, buf: &mut String) -> Option<Kind> {
    let start = line.head_start;
    if !m.starts.may_start(start) {
        return None;
    }
    let (folded, words) = (line.head(buf), line.words);
    // The markers of a list that the line may start with: the others are ruled out without
    // comparing strings.
    let candidates = |list: &'m [Marker]| list.iter().filter(move |k| k.may_start(start));
    // The text after `marker` if the line starts with it on a word boundary.
    let after = |marker: &Marker| {
        let rest = folded.strip_prefix(marker.text.as_str())?;
        (!rest.starts_with(char::is_alphanumeric)).then(|| rest.trim_start_matches([' ', ':', '*']))
    };
    let colon = |marker: &Marker| {
        folded[marker.text.len()..]
            .trim_start()
            .starts_with([':', '*', '|', '-'])
    };
    for k in candidates(&m.trailer) {
        if after(k).is_some() && (words <= MAX_MARKER_LINE_WORDS || colon(k)) {
            return Some(Kind::Trailer);
        }
    }
    for k in candidates(&m.read_also) {
        match after(k) {
            Some(rest) if rest.chars().any(is_arabic_letter) => {
                return Some(Kind::Chrome("zone:read-also"))
            }
            Some(_) => return Some(Kind::ReadAlso),
            None => {}
        }
    }
    for k in candidates(&m.line) {
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
fn mark_site_names(lines: &[Line], kinds: &mut [Kind], head: &mut String) {
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
    let names: Vec<Marker> = candidates
        .iter()
        .filter(|(name, words)| {
            *words > 1 || candidates.iter().filter(|(n, _)| n == name).count() > 1
        })
        .map(|(name, _)| Marker::new(name.clone()))
        .collect();
    if names.is_empty() {
        return;
    }
    for (line, kind) in lines.iter().zip(kinds.iter_mut()) {
        if !matches!(kind, Kind::Body(_)) {
            continue;
        }
        if !names.iter().any(|n| n.may_start(line.head_start)) {
            continue;
        }
        let folded = line.head(head);
        let branded = names.iter().any(|n| {
            folded
                .strip_prefix(n.text.as_str())
                .is_some_and(|rest| rest.trim_start().starts_with(dash))
        });
        if branded {
            *kind = Kind::Chrome("zone:site-name");
        }
    }
}

/// Related headlines inserted between two paragraphs: `Speaker: claim`, short, unpunctuated.
fn mark_inserted_headlines(lines: &[Line], kinds: &mut [Kind]) {
    for i in 0..lines.len() {
        let Kind::Body(words) = kinds[i] else {
            continue;
        };
        if !HEADLINE_WORDS.contains(&words) {
            continue;
        }
        let text = lines[i].text.trim();
        let speaker =
            text.split_whitespace().take(3).any(|w| w.ends_with(':')) && !text.starts_with(':');
        let unpunctuated = !text.ends_with(['.', '!', '?', '؟', '…', ':', '"', '»', '”', ')']);
        if !speaker || !unpunctuated {
            continue;
        }
        let before = kinds[..i].iter().rev().find(|k| **k != Kind::Blank);
        let after = kinds[i + 1..].iter().find(|k| **k != Kind::Blank);
        if before.is_some_and(|k| k.is_paragraph()) && after.is_some_and(|k| k.is_paragraph()) {
            kinds[i] = Kind::Chrome("zone:related-headline");
        }
    }
}

/// The site's name as its logo pastes, a line of one or two words right above or below the
/// page's menu (`شفق نيوز` then `الرئيسية | سياسة | أمن`), before the article begins. A
/// headline is longer; an article's first line beside a menu is not the article.
fn mark_mastheads(lines: &[Line], kinds: &mut [Kind]) {
    let menu = |k: &Kind| matches!(k, Kind::Chrome("zone:menu" | "zone:page-chrome"));
    let Some(first_paragraph) = kinds.iter().position(|k| k.is_paragraph()) else {
        return;
    };
    for i in 0..first_paragraph {
        let Kind::Body(words) = kinds[i] else {
            continue;
        };
        let before = (0..i).rev().find(|&k| kinds[k] != Kind::Blank);
        let after = (i + 1..lines.len()).find(|&k| kinds[k] != Kind::Blank);
        let beside_menu = [before, after]
            .into_iter()
            .flatten()
            .any(|k| menu(&kinds[k]));
        let sentence = lines[i].text.trim_end().ends_with(['.', ':']);
        if words <= MASTHEAD_WORDS && beside_menu && !sentence {
            kinds[i] = Kind::Chrome("zone:site-name");
        }
    }
}

/// Related-story lists as they paste from pages that label them for screen readers (Al
/// Jazeera's): `list 1 of 3`, a headline, `list 2 of 3`, …, `end of list`. The labels have no
/// Arabic letter, so they are credits already; the headlines between them are the list too, up
/// to the end label, or without one up to the headline after the last label. A paragraph ends
/// the list.
fn mark_link_lists(lines: &[Line], kinds: &mut [Kind]) {
    let credit = |k: &Kind| *k == Kind::Chrome("zone:credit");
    if !kinds.iter().any(credit) {
        return;
    }
    let labels: Vec<Option<bool>> = lines
        .iter()
        .zip(kinds.iter())
        .map(|(line, kind)| {
            if credit(kind) {
                list_label(line.text)
            } else {
                None
            }
        })
        .collect();
    let mut i = 0;
    while i < lines.len() {
        if labels[i] != Some(false) {
            i += 1;
            continue;
        }
        let mut last = i;
        // After each `list N of M` comes its one headline.
        let mut awaiting_headline = true;
        for k in i + 1..lines.len() {
            match (labels[k], kinds[k]) {
                (Some(true), _) => {
                    last = k;
                    break;
                }
                (Some(false), _) => {
                    last = k;
                    awaiting_headline = true;
                }
                (_, Kind::Blank) => {}
                (_, Kind::Body(words)) if not_a_headline(&lines[k], words) => break,
                _ if awaiting_headline => {
                    last = k;
                    awaiting_headline = false;
                }
                _ => break,
            }
        }
        for kind in kinds[i..=last].iter_mut().filter(|k| **k != Kind::Blank) {
            *kind = Kind::Chrome("zone:related-list");
        }
        i = last + 1;
    }
}

/// Whether a body line cannot be a linked headline: longer than any headline, or a sentence of
/// a paragraph's length (headlines carry no final period).
fn not_a_headline(line: &Line, words: usize) -> bool {
    words > *HEADLINE_WORDS.end()
        || (words >= PARAGRAPH_WORDS && line.text.trim_end().ends_with('.'))
}

/// Whether `text` labels a list: `Some(false)` for `list N of M`, `Some(true)` for
/// `end of list`.
fn list_label(text: &str) -> Option<bool> {
    let words: Vec<&str> = text.split_ascii_whitespace().collect();
    let number = |w: &str| !w.is_empty() && w.bytes().all(|b| b.is_ascii_digit());
    match words[..] {
        [l, n, of, m] if l.eq_ignore_ascii_case("list") && of == "of" && number(n) && number(m) => {
            Some(false)
        }
        [e, of, l] if e.eq_ignore_ascii_case("end") && of == "of" && l == "list" => Some(true),
        _ => None,
    }
}

/// Where the page's trailer starts (line index and rule), resolving each marker: a trailer or
/// read-also marker above the article's second paragraph is one line of chrome; a read-also
/// marker with no boilerplate after it covers only itself and the headline it links.
fn trailer_start(kinds: &mut [Kind]) -> Option<(usize, &'static str)> {
    let mut paragraphs = 0;
    for i in 0..kinds.len() {
        match kinds[i] {
            kind if kind.is_paragraph() => paragraphs += 1,
            Kind::Trailer if paragraphs >= MIN_PARAGRAPHS => return Some((i, "zone:trailer")),
            Kind::ReadAlso if link_list(kinds, i) => {
                // A list of links in the middle of the article (Al Jazeera's `اقرأ أيضا` /
                // `list of 2 items` / headlines / `end of list`): the list is chrome, and the
                // article goes on after it.
                for k in &mut kinds[i..] {
                    match k {
                        k if k.is_paragraph() => break,
                        Kind::Blank => {}
                        _ => *k = Kind::Chrome("zone:read-also"),
                    }
                }
            }
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

/// Whether the read-also marker on line `i` heads a list of links: the short lines after it,
/// up to the next paragraph, are two or more, or one of them is chrome already (a line in
/// Latin letters such as `list of 2 items`). A marker followed by one headline and paragraphs
/// links a whole story instead.
fn link_list(kinds: &[Kind], i: usize) -> bool {
    let mut short = 0;
    for k in &kinds[i + 1..] {
        match k {
            k if k.is_paragraph() => break,
            Kind::Blank => {}
            Kind::Chrome(_) => return true,
            _ => short += 1,
        }
    }
    short >= 2
}

fn more_boilerplate(rest: &[Kind]) -> bool {
    rest.iter()
        .any(|k| matches!(k, Kind::Trailer | Kind::ReadAlso | Kind::Chrome(_)))
}

#[cfg(test)]
mod tests {
    use super::{words_after_spaces_chunked, words_after_spaces_swar};

    /// The two ways of counting agree on every line: bytes drawn from what decides a count
    /// (space, tab, letters, the lead bytes C2 and E0–E3, Arabic lead and continuation bytes),
    /// in lengths around the eight-byte steps and the 128-byte chunks, with limits hit or not.
    #[test]
    fn the_swar_count_agrees_with_the_chunked_one() {
        const ALPHABET: &[u8] = &[
            b' ', b' ', b' ', b'\t', b'a', b'Z', 0x21, 0x1F, 0xC2, 0xA0, 0xE0, 0xE1, 0xE2, 0xE3,
            0xE4, 0x80, 0xD8, 0xA7, 0xD9, 0x84, 0x7F, 0xFF,
        ];
        let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = || {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (seed >> 33) as usize
        };
        for _ in 0..20_000 {
            let len = next() % 300;
            let bytes: Vec<u8> = (0..len)
                .map(|_| ALPHABET[next() % ALPHABET.len()])
                .collect();
            for limit in [1, 3, 17, 200] {
                assert_eq!(
                    words_after_spaces_swar(&bytes, limit),
                    words_after_spaces_chunked(&bytes, limit),
                    "{bytes:?} {limit}"
                );
            }
        }
    }
}
