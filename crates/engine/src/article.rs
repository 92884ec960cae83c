//! An [`Article`] is one news text under annotation, with everything the analyst decided about it.
//!
//! The article's identity is the SHA-256 of the file it came from ([`ArticleId`]), so the same
//! file dropped twice — or exported on one machine and imported on another — is recognised.
//! The text is stored exactly as decoded (BOM dropped, CRLF → LF) and never changes afterwards:
//! every span offset points into it.

use serde::{Deserialize, Serialize};

use std::collections::BTreeMap;

use crate::decode::Decoded;
use crate::history::History;
use crate::order;
use crate::span::{Span, Zone};
use crate::stance::{SpeakerStance, Stance};

/// An article's identity: the first 16 hex digits of the SHA-256 of its file bytes.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ArticleId(pub String);

impl ArticleId {
    /// The id for a file whose SHA-256 is `sha256` (hex).
    pub fn from_sha256(sha256: &str) -> ArticleId {
        ArticleId(sha256.chars().take(16).collect())
    }
}

impl std::fmt::Display for ArticleId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Where the analyst stands with an article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Not touched yet.
    #[default]
    New,
    /// At least one edit was made.
    InProgress,
    /// The analyst marked it done.
    Done,
}

/// One article under annotation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Article {
    pub id: ArticleId,
    /// The file name as dropped (untrusted text: render as text only).
    pub file: String,
    /// SHA-256 (hex) of the original file bytes.
    pub sha256: String,
    /// The encoding the bytes were decoded from.
    pub encoding: String,
    /// Size of the original file in bytes.
    pub bytes: usize,
    /// Malformed byte sequences replaced by U+FFFD while decoding.
    #[serde(default)]
    pub replaced: usize,
    /// The article text: what is shown, annotated and exported.
    pub text: String,
    /// Length of `text` in code points.
    pub chars: usize,
    #[serde(default)]
    pub status: Status,
    /// Spans in every state (rejected ones too, so they are not suggested again), sorted by
    /// start, never overlapping.
    #[serde(default)]
    pub spans: Vec<Span>,
    /// Boilerplate zones, sorted, never overlapping.
    #[serde(default)]
    pub zones: Vec<Zone>,
    /// Document stance per target id.
    #[serde(default)]
    pub stances: BTreeMap<String, Stance>,
    /// Speaker stances, each on an entity span's bounds.
    #[serde(default)]
    pub speakers: Vec<SpeakerStance>,
    /// Undo/redo of this article's annotation, kept across reloads.
    #[serde(default)]
    pub history: History,
    /// When the article was added (milliseconds since the epoch, as given by the caller).
    #[serde(default)]
    pub added_ms: u64,
}

impl Article {
    /// Builds an article from a decoded file. `bytes` are the original file bytes (hashed),
    /// `now_ms` the caller's clock (the engine has none).
    pub fn new(file: &str, bytes: &[u8], decoded: Decoded, now_ms: u64) -> Article {
        let sha256 = crate::hash::sha256_hex(bytes);
        Article {
            id: ArticleId::from_sha256(&sha256),
            file: file.to_owned(),
            sha256,
            encoding: decoded.encoding.to_owned(),
            bytes: bytes.len(),
            replaced: decoded.replaced,
            chars: decoded.text.chars().count(),
            text: decoded.text,
            status: Status::New,
            spans: Vec::new(),
            zones: Vec::new(),
            stances: BTreeMap::new(),
            speakers: Vec::new(),
            history: History::default(),
            added_ms: now_ms,
        }
    }

    /// The span at exactly `[start, end)`.
    pub fn span_at(&self, start: usize, end: usize) -> Option<&Span> {
        self.spans.iter().find(|s| s.start == start && s.end == end)
    }

    /// Spans overlapping `[start, end)`.
    pub fn overlapping(&self, start: usize, end: usize) -> impl Iterator<Item = &Span> {
        self.spans.iter().filter(move |s| s.overlaps(start, end))
    }

    /// Whether `[start, end)` touches a boilerplate zone.
    pub fn in_zone(&self, start: usize, end: usize) -> bool {
        self.zones.iter().any(|z| z.overlaps(start, end))
    }

    /// The speaker stance on the mention `[start, end)` toward `target`.
    pub fn speaker(&self, start: usize, end: usize, target: &str) -> Option<&SpeakerStance> {
        self.speakers
            .iter()
            .find(|s| s.start == start && s.end == end && s.target == target)
    }

    /// Puts spans back in document order (by start, then end), after a change that may have
    /// unsorted them.
    pub fn sort_spans(&mut self) {
        order::sort_by_key(&mut self.spans, |s| (s.start, s.end));
    }

    /// Puts zones back in document order, like [`Article::sort_spans`].
    pub fn sort_zones(&mut self) {
        order::sort_by_key(&mut self.zones, |z| (z.start, z.end));
    }

    /// Puts speaker stances in document order, then by target.
    pub fn sort_speakers(&mut self) {
        order::sort_by(&mut self.speakers, |a, b| {
            (a.start, a.end, &a.target).cmp(&(b.start, b.end, &b.target))
        });
    }

    /// The text split into paragraphs (lines), each with its starting code-point offset.
    /// Empty lines are kept so that offsets and layout match the file.
    pub fn paragraphs(&self) -> impl Iterator<Item = (usize, &str)> {
        let mut offset = 0;
        self.text.split('\n').map(move |line| {
            let start = offset;
            offset += line.chars().count() + 1;
            (start, line)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decode::decode;

    #[test]
    fn identity_is_content_hash() {
        let bytes = "بغداد\r\nالعراق".as_bytes();
        let a = Article::new("a.txt", bytes, decode(bytes).unwrap(), 1);
        let b = Article::new("copy of a.txt", bytes, decode(bytes).unwrap(), 2);
        assert_eq!(a.id, b.id);
        assert_eq!(a.id.0.len(), 16);
        assert_eq!(a.text, "بغداد\nالعراق");
        assert_eq!(a.chars, 12);
    }

    #[test]
    fn paragraphs_carry_code_point_offsets() {
        let bytes = "أ\n\nبـ🇮🇶\nج".as_bytes();
        let a = Article::new("p.txt", bytes, decode(bytes).unwrap(), 0);
        let paras: Vec<_> = a.paragraphs().collect();
        assert_eq!(paras, vec![(0, "أ"), (2, ""), (3, "بـ🇮🇶"), (8, "ج")]);
    }
}
