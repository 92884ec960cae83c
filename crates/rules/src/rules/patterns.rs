//! Contextual patterns: entities the gazetteer cannot list, found by the words around them.
//!
//! A gazetteer knows names; news also brings people, ministries, bases and, above all, dates
//! and quantities that no list can hold. These matchers recognize them from their shape in
//! Arabic news prose, each in its own module with the guidelines' reasons:
//!
//! - [`dates`] (`pat:date.*`): weekdays, months in both calendars, years, deictic dates, "ago".
//! - [`quantities`] (`pat:qty.count`): a number with the noun it counts.
//! - [`persons`] (`pat:per.title`, `pat:per.byline`, `pat:per.surname`): names after titles.
//! - [`organizations`] (`pat:org.*`): ministries, councils, armies, named bodies.
//! - [`facilities`] (`pat:fac.*`): bases, airports, prisons after their head noun.
//! - [`confirm`] (`pat:ctx.*`): ambiguous gazetteer names confirmed by a type noun.
//!
//! Word lists live in `data/patterns/` (one entry per line, sources in each header) and are
//! compiled by [`lexicon`] into one table of folded words, looked up once per token of a
//! document, so every matcher works on precomputed word classes: spelling variants, harakat and
//! tanween (`هجوماً`) never matter, and matching is linear in the text. [`Patterns::words`]
//! lists the words a tokenizer should know so that proclitics split off before them.
//!
//! Candidates carry [`PRIORITY_PATTERN`], below the gazetteer's: when a known name and a
//! pattern cover the same tokens, the known name (with its id) wins, but a longer pattern span
//! still beats a shorter name, as resolution is longest-first. Dates and quantities run first
//! and claim their tokens, so a weekday after a title never becomes part of a name.

mod confirm;
mod context;
mod dates;
mod facilities;
mod lexicon;
mod organizations;
mod persons;
mod quantities;

use super::candidate::{Found, NameRef, Why};
use super::{Candidate, Doc};
use context::Ctx;
use lexicon::Lexicon;

/// Priority of a pattern candidate: below [`super::candidate::PRIORITY_GAZETTEER`], so a known
/// name on the same tokens wins.
pub const PRIORITY_PATTERN: u8 = 40;

/// The contextual pattern matcher: word classes compiled once, applied to any number of
/// documents.
#[derive(Debug, Clone)]
pub struct Patterns {
    lexicon: Lexicon,
}

impl Default for Patterns {
    fn default() -> Patterns {
        Patterns::new()
    }
}

impl Patterns {
    /// Compiles the word lists (a few milliseconds).
    pub fn new() -> Patterns {
        Patterns {
            lexicon: Lexicon::new(),
        }
    }

    /// Number of distinct folded words in the compiled lists (entries, generated variants and
    /// the first words of multi-word entries).
    pub fn len(&self) -> usize {
        self.lexicon.len()
    }

    /// Whether no word list was compiled (never, for the built-in lists).
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Words the tokenizer should know (add them to its [`crate::text::Lexicon`]) so that a
    /// proclitic splits off before a date, number or head word: `ويوم الخميس` → و + `يوم
    /// الخميس`, `وثلاثة صواريخ` → و + `ثلاثة صواريخ`. Folded, three letters or more, without
    /// the article (the tokenizer's article rule covers those).
    pub fn words(&self) -> impl Iterator<Item = &str> {
        self.lexicon.words().iter().map(String::as_str)
    }

    /// Pushes the pattern candidates for `doc` to `out`. `gazetteer_hits` are the gazetteer's
    /// matches (confident and ambiguous): context for titles, facilities and confirmations.
    pub fn find(&self, doc: &Doc, gazetteer_hits: &[Candidate], out: &mut Vec<Candidate>) {
        let hits: Vec<Found> = gazetteer_hits.iter().map(Found::of).collect();
        let mut found = Vec::new();
        self.propose(doc, &hits, &mut found);
        out.extend(found.iter().map(|f| f.to_candidate(doc)));
    }

    /// [`Patterns::find`], as the engine runs it: on candidates whose strings are not written.
    pub(crate) fn propose<'f>(
        &self,
        doc: &Doc,
        gazetteer_hits: &[Found<'f>],
        out: &mut Vec<Found<'f>>,
    ) {
        let mut ctx = Ctx::new(&self.lexicon, doc, gazetteer_hits);
        dates::find(&mut ctx, out);
        quantities::find(&mut ctx, out);
        persons::find(&ctx, out);
        organizations::find(&ctx, out);
        facilities::find(&ctx, out);
        confirm::find(&ctx, out);
    }
}

/// A pattern candidate over tokens `first..=last`, to be explained as `what`, the tokens
/// `quote` in «» if any, and `: «text»`.
fn found<'f>(
    first: usize,
    last: usize,
    label: impl Into<NameRef<'f>>,
    rule: impl Into<NameRef<'f>>,
    id: Option<NameRef<'f>>,
    what: &'f str,
    quote: Option<(usize, usize)>,
) -> Found<'f> {
    Found {
        first,
        last,
        label: label.into(),
        rule: rule.into(),
        priority: PRIORITY_PATTERN,
        id,
        why: Why::Pattern { what, quote },
    }
}
