//! Rules the workspace learned from the analyst.
//!
//! Accepting, drawing or relabelling a span teaches the workspace its surface form, so the same
//! entity is suggested in every other article at once; rejecting a suggestion teaches it to stop
//! suggesting that form with that label. Learned rules are plain data in the workspace; the
//! engine turns them into a small matcher of their own, so adding one never rebuilds the default
//! pack.

use serde::{Deserialize, Serialize};

use crate::span::Label;

/// What a learned rule does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LearnedKind {
    /// Suggest this form with this label.
    Entity,
    /// Never suggest this form with this label.
    Suppress,
}

/// One learned rule: a surface form (as the analyst marked it) and a label.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct LearnedRule {
    pub pattern: String,
    pub label: Label,
    pub kind: LearnedKind,
}
