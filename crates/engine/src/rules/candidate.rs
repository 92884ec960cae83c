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

use crate::span::Label;

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
    pub rule: String,
    /// Breaks ties between candidates of equal length: higher wins.
    pub priority: u8,
    /// A canonical entity id, so spelling variants resolve to one entity.
    pub id: Option<String>,
    /// Why, in a sentence an analyst reads on hover.
    pub explanation: String,
}

impl Candidate {
    /// Number of tokens covered.
    pub fn width(&self) -> usize {
        self.last + 1 - self.first
    }
}
