//! [`Candidate`]: a matcher's proposal, before resolution.
//!
//! Matchers propose freely and may overlap one another; only [`super::resolve`] decides which
//! candidates become suggestions. Candidates count in tokens (not code points) because every
//! matcher works on tokens and because a token range can never cut a word or a grapheme.
//!
//! # Rule ids and priorities
//!
//! | rule id | from | priority |
//! |---|---|---|
//! | `gaz:<pack>` (`gaz:per`, `gaz:gpe-towns`, `gaz:mypack`) | a gazetteer pattern of that pack | [`PRIORITY_GAZETTEER`] |
//! | `gaz:ambiguous` | a pattern that is also a common word (`صور`, `القائم`, `الجزيرة`) | [`PRIORITY_AMBIGUOUS`] |
//! | `learned` | a surface form the analyst accepted or drew | [`PRIORITY_LEARNED`] |
//! | `pat:<name>` | a contextual pattern | the pattern's choice |
//!
//! Ambiguous gazetteer hits need context: the engine hands them to the patterns (with every
//! other gazetteer hit) but never resolves them on their own. A pattern that finds the context
//! (`مدينة صور`, `قناة الجزيرة`) emits a candidate of its own for them.

use super::doc::Doc;
use super::gazetteer::attached_clitic;
use crate::span::{Label, Name};

/// The label of a candidate that claims its region for *no* entity: a title that contains an
/// institution (`رئيس مجلس الوزراء`), a descriptive phrase (`القوات الأمريكية`). It competes in
/// resolution like any other candidate and, where it wins, nothing is suggested.
pub const NO_ENTITY: &str = "O";

/// Priority of a pattern from a rule pack.
pub const PRIORITY_GAZETTEER: u8 = 50;
/// Priority of an ambiguous pack pattern (never resolved without a pattern's confirmation).
pub const PRIORITY_AMBIGUOUS: u8 = 10;
/// Priority of a form learned from the analyst: the analyst knows best.
pub const PRIORITY_LEARNED: u8 = 90;

/// One proposed entity: tokens `first..=last` of a [`super::Doc`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    /// First token (inclusive).
    pub first: usize,
    /// Last token (inclusive).
    pub last: usize,
    pub label: Label,
    /// The rule id, e.g. `"gaz:per"`, `"pat:date.month"`, `"learned"`.
    pub rule: Name,
    /// Breaks ties between candidates of equal length: higher wins.
    pub priority: u8,
    /// A canonical entity id, so spelling variants resolve to one entity.
    pub id: Option<Name>,
    /// Why, in a sentence an analyst reads on hover.
    pub explanation: String,
}

impl Candidate {
    /// Number of tokens covered.
    pub fn width(&self) -> usize {
        self.last + 1 - self.first
    }
}

/// A candidate as the engine's matchers propose it: a [`Candidate`] that borrows its label, rule
/// and id (from the packs, the learned rules or the pattern tables) and has not written its
/// explanation yet.
///
/// Most candidates lose in resolution, and allocating and formatting their strings took a good
/// share of the engine's time, so inside the engine matchers push `Found`s and
/// [`super::resolve`] writes strings for the winning ones only ([`Found::explain`]). The public
/// matcher methods still hand out [`Candidate`]s ([`Found::to_candidate`]).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Found<'a> {
    /// First token (inclusive).
    pub first: usize,
    /// Last token (inclusive).
    pub last: usize,
    pub label: NameRef<'a>,
    pub rule: NameRef<'a>,
    pub priority: u8,
    pub id: Option<NameRef<'a>>,
    pub why: Why<'a>,
}

/// A [`Name`] as a matcher holds it: a literal of the patterns, or one a pack owns. Either way
/// the winning span gets its [`Name`] without copying the text.
#[derive(Debug, Clone, Copy)]
pub(crate) enum NameRef<'a> {
    Literal(&'static str),
    Owned(&'a Name),
}

impl NameRef<'_> {
    pub fn as_str(&self) -> &str {
        match self {
            NameRef::Literal(text) => text,
            NameRef::Owned(name) => name.as_str(),
        }
    }

    pub fn to_name(self) -> Name {
        match self {
            NameRef::Literal(text) => Name::from_static(text),
            NameRef::Owned(name) => name.clone(),
        }
    }
}

impl From<&'static str> for NameRef<'_> {
    fn from(text: &'static str) -> Self {
        NameRef::Literal(text)
    }
}

impl<'a> From<&'a Name> for NameRef<'a> {
    fn from(name: &'a Name) -> Self {
        NameRef::Owned(name)
    }
}

impl PartialEq<&str> for NameRef<'_> {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

/// What a [`Found`]'s explanation will say.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Why<'a> {
    /// Already written: a [`Candidate`] from outside.
    Written(&'a str),
    /// A gazetteer entry, described as `gazetteer PER «فؤاد حسين» (per)`; the explanation adds
    /// the proclitic removed before the name, if any, and whether the alef of ال was dropped
    /// after ل (`after_lam`).
    Gazetteer { what: &'a Name, after_lam: bool },
    /// A pattern: `what`, then the tokens `quote` in «» if any, then `: «the candidate's text»`.
    Pattern {
        what: &'a str,
        quote: Option<(usize, usize)>,
    },
}

impl<'a> Found<'a> {
    /// A [`Candidate`] made elsewhere, borrowed.
    pub fn of(c: &'a Candidate) -> Found<'a> {
        Found {
            first: c.first,
            last: c.last,
            label: NameRef::Owned(&c.label),
            rule: NameRef::Owned(&c.rule),
            priority: c.priority,
            id: c.id.as_ref().map(NameRef::Owned),
            why: Why::Written(&c.explanation),
        }
    }

    /// Number of tokens covered.
    pub fn width(&self) -> usize {
        self.last + 1 - self.first
    }

    /// The sentence an analyst reads on hover. A gazetteer hit without a clitic shares its
    /// entry's sentence; any other is written in `scratch` first, so it is allocated once.
    pub fn explain(&self, doc: &Doc, scratch: &mut String) -> Name {
        scratch.clear();
        match self.why {
            Why::Written(text) => return Name::from(text),
            Why::Gazetteer { what, after_lam } => {
                let Some(clitic) = attached_clitic(doc, self.first) else {
                    return what.clone();
                };
                scratch.push_str(what);
                scratch.push_str(", matched after removing ");
                scratch.push_str(doc.token_text(clitic));
                if after_lam {
                    scratch.push_str(" (ل + ال with the alef dropped)");
                }
            }
            Why::Pattern { what, quote } => {
                scratch.push_str(what);
                if let Some((first, last)) = quote {
                    scratch.push_str(" «");
                    scratch.push_str(doc.slice(first, last));
                    scratch.push('»');
                }
                scratch.push_str(": «");
                scratch.push_str(doc.slice(self.first, self.last));
                scratch.push('»');
            }
        }
        Name::from(scratch.as_str())
    }

    /// The [`Candidate`] with its strings written out.
    pub fn to_candidate(self, doc: &Doc) -> Candidate {
        Candidate {
            first: self.first,
            last: self.last,
            label: self.label.to_name(),
            rule: self.rule.to_name(),
            priority: self.priority,
            id: self.id.map(NameRef::to_name),
            explanation: self.explain(doc, &mut String::new()).into(),
        }
    }
}
