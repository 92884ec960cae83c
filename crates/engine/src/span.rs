//! The shared vocabulary of annotation: a [`Span`] is a labelled slice of an article's text.
//!
//! Offsets are Unicode code-point indices into the article text, end exclusive — Python `str`
//! semantics, which is what spaCy, Prodigy and doccano read. The DOM's UTF-16 offsets are
//! converted in exactly one place ([`crate::text::offsets`]).

use serde::{Deserialize, Serialize};

/// An entity label such as `PER` or `GPE`. Labels are editable per workspace, so this is a name,
/// not a closed enum.
pub type Label = String;

/// The default label set and the order of the 1–9 keys.
pub const DEFAULT_LABELS: [&str; 7] = ["PER", "ORG", "GPE", "LOC", "FAC", "DATE", "QUANTITY"];

/// Where a span stands in the analyst's review.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum SpanState {
    /// Proposed by the rule engine, not yet reviewed.
    #[default]
    Suggested,
    /// A suggestion the analyst accepted.
    Accepted,
    /// A suggestion the analyst rejected (kept so it is not suggested again).
    Rejected,
    /// Drawn by the analyst.
    Analyst,
}

impl SpanState {
    /// Whether a span in this state is part of the labelled data (exported as an entity).
    pub fn is_entity(self) -> bool {
        matches!(
            self,
            SpanState::Accepted | SpanState::Analyst | SpanState::Suggested
        )
    }
}

/// A labelled slice `[start, end)` of an article's text, in code points.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    pub label: Label,
    /// The rule id that suggested it, or `"analyst"`.
    pub source: String,
    #[serde(default)]
    pub state: SpanState,
    /// A canonical entity id from the rule pack, so spelling variants resolve to one entity.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Why the engine suggested it, in words an analyst reads on hover.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub explanation: Option<String>,
}

impl Span {
    /// A span drawn by the analyst.
    pub fn analyst(start: usize, end: usize, label: impl Into<Label>) -> Span {
        Span {
            start,
            end,
            label: label.into(),
            source: "analyst".into(),
            state: SpanState::Analyst,
            id: None,
            explanation: None,
        }
    }

    /// Whether `[start, end)` overlaps this span.
    pub fn overlaps(&self, start: usize, end: usize) -> bool {
        self.start < end && start < self.end
    }

    /// The span's text, sliced by code points.
    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        crate::text::slice_chars(text, self.start, self.end)
    }
}

/// A stretch of the article that is not the article: related links, tag lines, footers,
/// comment forms. Whole lines; no suggestion falls inside one; exported as metadata.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Zone {
    pub start: usize,
    pub end: usize,
    /// The rule that found it, or `"analyst"`.
    pub source: String,
}

impl Zone {
    /// Whether `[start, end)` overlaps this zone.
    pub fn overlaps(&self, start: usize, end: usize) -> bool {
        self.start < end && start < self.end
    }
}
