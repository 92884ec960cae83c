//! Stance: where an article, and each quoted speaker, stands toward a target.
//!
//! Labels follow SemEval-2016/Mawqif (favor / against / none) with `unrelated` from AraStance
//! for articles that do not discuss the target; speakers are favor / against / neutral. The
//! default target is the continued US / US-led coalition military presence in Iraq.

use serde::{Deserialize, Serialize};

/// A stance label.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Stance {
    Favor,
    Against,
    Neutral,
    Unrelated,
}

impl Stance {
    /// Every label, in the order of the stance buttons.
    pub const ALL: [Stance; 4] = [
        Stance::Favor,
        Stance::Against,
        Stance::Neutral,
        Stance::Unrelated,
    ];

    /// The label as exported (`favor`, `against`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            Stance::Favor => "favor",
            Stance::Against => "against",
            Stance::Neutral => "neutral",
            Stance::Unrelated => "unrelated",
        }
    }
}

/// A stance target: what stances are about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Target {
    /// A short stable id used in exports (`cats` keys).
    pub id: String,
    /// The target as the analyst reads it.
    pub name: String,
}

impl Target {
    /// The default target of a new workspace.
    pub fn default_target() -> Target {
        Target {
            id: "us_presence_iraq".into(),
            name: "الوجود العسكري الأمريكي في العراق".into(),
        }
    }
}

/// A speaker's stance, attached to the PER/ORG mention where it is expressed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SpeakerStance {
    /// The mention (code points), equal to an entity span's bounds.
    pub start: usize,
    pub end: usize,
    pub target: String,
    pub stance: Stance,
    /// The sentence that shows it, if the analyst recorded one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<String>,
}
