//! Undo and redo, per article, as data.
//!
//! Every annotation edit resolves to a [`Patch`]: the exact change it made to one article,
//! written so that it can be inverted. Undo applies the inverse of the last patch; redo applies
//! it again. Patches are plain serde values, so the history survives a reload with the article
//! it belongs to.

use serde::{Deserialize, Serialize};

use crate::article::{Article, Status};
use crate::span::{Span, Zone};
use crate::stance::{SpeakerStance, Stance};

/// How many steps of undo an article keeps.
pub const HISTORY_LIMIT: usize = 500;

/// One invertible change to one article.
///
/// Serialized externally tagged (`{"spans": {"remove": …, "add": …}}`), like [`crate::Edit`]
/// and for the same reason; stored histories of schema 1 and 2 are read too ([`crate::persist`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Patch {
    /// Spans removed and spans added (a resize is one of each).
    Spans { remove: Vec<Span>, add: Vec<Span> },
    /// Zones removed and zones added.
    Zones { remove: Vec<Zone>, add: Vec<Zone> },
    /// The document stance toward one target.
    Stance {
        target: String,
        before: Option<Stance>,
        after: Option<Stance>,
    },
    /// Speaker stances removed and added.
    Speakers {
        remove: Vec<SpeakerStance>,
        add: Vec<SpeakerStance>,
    },
    /// The article's status.
    Status { before: Status, after: Status },
    /// Several patches made by one analyst action, undone together.
    Batch { patches: Vec<Patch> },
}

impl Patch {
    /// The patch that undoes this one.
    pub fn inverse(&self) -> Patch {
        match self {
            Patch::Spans { remove, add } => Patch::Spans {
                remove: add.clone(),
                add: remove.clone(),
            },
            Patch::Zones { remove, add } => Patch::Zones {
                remove: add.clone(),
                add: remove.clone(),
            },
            Patch::Stance {
                target,
                before,
                after,
            } => Patch::Stance {
                target: target.clone(),
                before: *after,
                after: *before,
            },
            Patch::Speakers { remove, add } => Patch::Speakers {
                remove: add.clone(),
                add: remove.clone(),
            },
            Patch::Status { before, after } => Patch::Status {
                before: *after,
                after: *before,
            },
            Patch::Batch { patches } => Patch::Batch {
                patches: patches.iter().rev().map(Patch::inverse).collect(),
            },
        }
    }

    /// Whether applying this patch changes nothing.
    pub fn is_empty(&self) -> bool {
        match self {
            Patch::Spans { remove, add } => remove.is_empty() && add.is_empty(),
            Patch::Zones { remove, add } => remove.is_empty() && add.is_empty(),
            Patch::Stance { before, after, .. } => before == after,
            Patch::Speakers { remove, add } => remove.is_empty() && add.is_empty(),
            Patch::Status { before, after } => before == after,
            Patch::Batch { patches } => patches.iter().all(Patch::is_empty),
        }
    }

    /// Applies the patch to `article`, keeping spans and zones sorted.
    pub fn apply_to(&self, article: &mut Article) {
        match self {
            Patch::Spans { remove, add } => {
                article.spans.retain(|s| !remove.contains(s));
                article.spans.extend(add.iter().cloned());
                article.sort_spans();
            }
            Patch::Zones { remove, add } => {
                article.zones.retain(|z| !remove.contains(z));
                article.zones.extend(add.iter().cloned());
                article.sort_zones();
            }
            Patch::Stance { target, after, .. } => match after {
                Some(stance) => {
                    article.stances.insert(target.clone(), *stance);
                }
                None => {
                    article.stances.remove(target);
                }
            },
            Patch::Speakers { remove, add } => {
                article.speakers.retain(|s| !remove.contains(s));
                article.speakers.extend(add.iter().cloned());
                article.sort_speakers();
            }
            Patch::Status { after, .. } => article.status = *after,
            Patch::Batch { patches } => patches.iter().for_each(|p| p.apply_to(article)),
        }
    }
}

/// An article's undo and redo stacks.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct History {
    pub undo: Vec<Patch>,
    pub redo: Vec<Patch>,
}

impl History {
    /// Records a patch the analyst just made: it can be undone, and the redo stack is dropped.
    pub fn record(&mut self, patch: Patch) {
        self.undo.push(patch);
        if self.undo.len() > HISTORY_LIMIT {
            self.undo.remove(0);
        }
        self.redo.clear();
    }
}
