//! The shared vocabulary of annotation: a [`Span`] is a labelled slice of an article's text.
//!
//! Offsets are Unicode code-point indices into the article text, end exclusive — Python `str`
//! semantics, which is what spaCy, Prodigy and doccano read. The DOM's UTF-16 offsets are
//! converted in exactly one place ([`crate::text::offsets`]).

use std::borrow::Borrow;
use std::fmt;
use std::ops::Deref;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

/// An entity label such as `PER` or `GPE`. Labels are editable per workspace, so this is a name,
/// not a closed enum.
pub type Label = Name;

/// A short text that many spans repeat: a label, a rule id, an entity id, an explanation.
///
/// The engine suggests thousands of spans that share a handful of labels and rule ids, and
/// every hit of a gazetteer entry has the same explanation. As `String`s, every span copied
/// four of them, and those allocations were a tenth of the engine's time (and most of a loaded
/// workspace's small allocations). A `Name` is a
/// `&'static str` (the built-in labels, the patterns' rule ids) or an `Arc<str>` (read from a
/// rule pack, a file or the analyst), so cloning one never copies the text. It reads, compares,
/// hashes and serializes exactly as the string it holds.
#[derive(Clone)]
pub struct Name(Repr);

#[derive(Clone)]
enum Repr {
    Static(&'static str),
    Shared(Arc<str>),
}

impl Name {
    /// A name for a string literal; usable in `const` and `static` items.
    pub const fn from_static(text: &'static str) -> Name {
        Name(Repr::Static(text))
    }

    pub fn as_str(&self) -> &str {
        match &self.0 {
            Repr::Static(text) => text,
            Repr::Shared(text) => text,
        }
    }
}

/// Names that nearly every span repeats: the default labels and the rule ids of the default
/// pack. Read back from a file or a pack, they share these instead of allocating each time,
/// and cloning them costs nothing (not even an atomic increment).
const COMMON: [&str; 18] = [
    "PER",
    "ORG",
    "GPE",
    "LOC",
    "FAC",
    "DATE",
    "QUANTITY",
    "analyst",
    "learned",
    "O",
    "gaz:gpe-countries",
    "gaz:gpe-cities",
    "gaz:gpe-towns",
    "gaz:loc",
    "gaz:fac",
    "gaz:org",
    "gaz:per",
    "gaz:ambiguous",
];

impl From<&str> for Name {
    fn from(text: &str) -> Name {
        match COMMON.iter().find(|&&common| common == text) {
            Some(common) => Name::from_static(common),
            None => Name(Repr::Shared(Arc::from(text))),
        }
    }
}

impl From<String> for Name {
    fn from(text: String) -> Name {
        Name::from(text.as_str())
    }
}

impl From<Name> for String {
    fn from(name: Name) -> String {
        name.as_str().to_owned()
    }
}

impl Default for Name {
    fn default() -> Name {
        Name::from_static("")
    }
}

impl Deref for Name {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for Name {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl Borrow<str> for Name {
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

impl PartialEq for Name {
    fn eq(&self, other: &Name) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for Name {}

impl PartialOrd for Name {
    fn partial_cmp(&self, other: &Name) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Name {
    fn cmp(&self, other: &Name) -> std::cmp::Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl std::hash::Hash for Name {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

impl PartialEq<str> for Name {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Name {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<String> for Name {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<Name> for str {
    fn eq(&self, other: &Name) -> bool {
        self == other.as_str()
    }
}

impl PartialEq<Name> for &str {
    fn eq(&self, other: &Name) -> bool {
        *self == other.as_str()
    }
}

impl PartialEq<Name> for String {
    fn eq(&self, other: &Name) -> bool {
        self == other.as_str()
    }
}

impl fmt::Debug for Name {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for Name {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Name {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Name {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Name, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = Name;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_str<E>(self, text: &str) -> Result<Name, E> {
                Ok(Name::from(text))
            }
        }
        deserializer.deserialize_str(Visitor)
    }
}

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
    pub source: Name,
    #[serde(default)]
    pub state: SpanState,
    /// A canonical entity id from the rule pack, so spelling variants resolve to one entity.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<Name>,
    /// Why the engine suggested it, in words an analyst reads on hover.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub explanation: Option<Name>,
}

impl Span {
    /// A span drawn by the analyst.
    pub fn analyst(start: usize, end: usize, label: impl Into<Label>) -> Span {
        Span {
            start,
            end,
            label: label.into(),
            source: Name::from_static("analyst"),
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
    pub source: Name,
}

impl Zone {
    /// Whether `[start, end)` overlaps this zone.
    pub fn overlaps(&self, start: usize, end: usize) -> bool {
        self.start < end && start < self.end
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn a_name_behaves_as_the_string_it_holds() {
        let shared = Name::from(String::from("gaz:mypack"));
        let literal = Name::from_static("gaz:mypack");
        assert_eq!(shared, literal);
        assert_eq!(shared, "gaz:mypack");
        assert_eq!("gaz:mypack", shared);
        assert_eq!(shared.to_string(), "gaz:mypack");
        assert_eq!(format!("{shared:?}"), "\"gaz:mypack\"");
        let (gpe, per) = (Name::from("GPE"), Name::from_static("PER"));
        assert!(gpe < per);
        // Hashes as the string does, so a `HashSet<Name>` can be asked with a `&str`.
        let set: HashSet<Name> = [shared].into_iter().collect();
        assert!(set.contains("gaz:mypack"));
    }

    #[test]
    fn a_name_serializes_as_a_plain_string() {
        let span = Span {
            id: Some("Q796".into()),
            ..Span::analyst(0, 6, "GPE")
        };
        let json = serde_json::to_string(&span).unwrap();
        assert_eq!(
            json,
            r#"{"start":0,"end":6,"label":"GPE","source":"analyst","state":"analyst","id":"Q796"}"#
        );
        assert_eq!(serde_json::from_str::<Span>(&json).unwrap(), span);
        assert!(serde_json::from_str::<Name>("12").is_err());
    }

    #[test]
    fn common_names_read_back_without_allocating() {
        for text in COMMON {
            assert!(matches!(Name::from(text).0, Repr::Static(_)), "{text}");
        }
        for pack in crate::rules::RulePack::default_packs() {
            let rule = format!("gaz:{}", pack.name);
            assert!(COMMON.contains(&rule.as_str()), "{rule} is not in COMMON");
        }
        assert!(matches!(Name::from("NORP").0, Repr::Shared(_)));
    }
}
