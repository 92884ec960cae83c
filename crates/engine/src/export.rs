//! Labelled data out: the Raqim/Prodigy JSONL record, one article per line.
//!
//! The shape follows Prodigy's `ner_manual` output so spaCy/Prodigy tooling reads it with no
//! conversion step: `text`, `meta`, `tokens` (`text`, `start`, `end`, `id`, `ws`) and `spans`
//! (`start`, `end`, `token_start`, `token_end` inclusive, `label`). All offsets are **code
//! points** into `text` (Python `str` indices). On top of that, Raqim writes what Prodigy has no
//! field for: boilerplate `zones` in `meta`, document stance as spaCy-style `cats` (one
//! `"<target>:<stance>"` key per stance, 1.0 for the chosen one, only for targets the analyst
//! labelled) and as an explicit `stance` list, `speakers` (speaker stances on PER/ORG mentions),
//! and `rejected` suggestions (useful negatives).
//!
//! Tokens come from the same clitic-aware tokenizer the page snaps to; tokens are additionally
//! split at every span edge, so `doc.char_span(start, end, alignment_mode="strict")` in spaCy
//! never fails, whatever the tokenizer's lexicon was when the span was drawn; and whitespace
//! other than a single space after a token (line breaks, double spaces) is a token of its own,
//! as in spaCy, so `Doc(words, spaces)` rebuilds `text` exactly.

use serde::{Deserialize, Serialize};

use crate::article::{Article, Status};
use crate::span::{Label, Name, SpanState, Zone};
use crate::stance::Stance;
use crate::text::{CharIndex, Token, Tokenizer};
use crate::workspace::Settings;

/// One exported article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Record {
    pub id: String,
    pub text: String,
    pub meta: Meta,
    pub tokens: Vec<TokenOut>,
    pub spans: Vec<SpanOut>,
    /// `"accept"` for articles marked done; absent otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answer: Option<String>,
    /// spaCy textcat-style document stance: `"<target>:<stance>"` → 1.0 / 0.0.
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub cats: std::collections::BTreeMap<String, f32>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub stance: Vec<StanceOut>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub speakers: Vec<SpeakerOut>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rejected: Vec<SpanOut>,
}

/// Where the text came from and what the analyst decided about it as a whole.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Meta {
    pub file: String,
    pub sha256: String,
    pub encoding: String,
    #[serde(default)]
    pub status: Status,
    #[serde(default)]
    pub zones: Vec<Zone>,
}

/// A token, Prodigy-style.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TokenOut {
    pub text: String,
    pub start: usize,
    pub end: usize,
    pub id: usize,
    pub ws: bool,
}

/// An entity span, Prodigy-style plus Raqim's provenance.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SpanOut {
    pub start: usize,
    pub end: usize,
    pub token_start: usize,
    /// Inclusive, as in Prodigy.
    pub token_end: usize,
    pub label: Label,
    pub text: String,
    pub source: Name,
    pub state: SpanState,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<Name>,
}

/// The document stance toward one target.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StanceOut {
    pub target: String,
    pub target_name: String,
    pub label: Stance,
}

/// A speaker's stance, on the mention where it is expressed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SpeakerOut {
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub target: String,
    pub label: Stance,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<String>,
}

/// Splits tokens so that every span edge is a token boundary.
fn align(tokens: Vec<Token>, edges: impl IntoIterator<Item = usize>) -> Vec<Token> {
    let mut edges: Vec<usize> = edges.into_iter().collect();
    edges.sort_unstable();
    edges.dedup();
    // One pass over tokens and sorted edges: linear, whatever the article's size.
    let mut out = Vec::with_capacity(tokens.len() + edges.len());
    let mut next = 0;
    for t in tokens {
        let mut start = t.start;
        while next < edges.len() && edges[next] <= start {
            next += 1;
        }
        while next < edges.len() && edges[next] < t.end {
            out.push(Token {
                start,
                end: edges[next],
                ws: false,
                ..t
            });
            start = edges[next];
            next += 1;
        }
        out.push(Token { start, ..t });
    }
    out
}

/// The export record of one article.
pub fn record(article: &Article, settings: &Settings, tokenizer: &Tokenizer) -> Record {
    let text = &article.text;
    let chars = CharIndex::new(text);
    let edges = article.spans.iter().flat_map(|s| [s.start, s.end]);
    let tokens = align(tokenizer.tokenize(text), edges);
    let token_index = |cp: usize| tokens.partition_point(|t| t.end <= cp);
    let span_out = |s: &crate::span::Span| SpanOut {
        start: s.start,
        end: s.end,
        token_start: token_index(s.start),
        token_end: token_index(s.end.saturating_sub(1)),
        label: s.label.clone(),
        text: chars.slice(s.start, s.end).to_owned(),
        source: s.source.clone(),
        state: s.state,
        id: s.id.clone(),
    };
    let target_name = |id: &str| {
        settings
            .targets
            .iter()
            .find(|t| t.id == id)
            .map_or_else(|| id.to_owned(), |t| t.name.clone())
    };
    let mut cats = std::collections::BTreeMap::new();
    for (target, chosen) in &article.stances {
        for stance in Stance::ALL {
            cats.insert(
                format!("{target}:{}", stance.as_str()),
                if stance == *chosen { 1.0 } else { 0.0 },
            );
        }
    }
    let record = Record {
        id: article.id.0.clone(),
        text: text.clone(),
        meta: Meta {
            file: article.file.clone(),
            sha256: article.sha256.clone(),
            encoding: article.encoding.clone(),
            status: article.status,
            zones: article.zones.clone(),
        },
        spans: article
            .spans
            .iter()
            .filter(|s| s.state.is_entity())
            .map(span_out)
            .collect(),
        rejected: article
            .spans
            .iter()
            .filter(|s| s.state == SpanState::Rejected)
            .map(span_out)
            .collect(),
        tokens: tokens
            .iter()
            .enumerate()
            .map(|(id, t)| TokenOut {
                text: chars.slice(t.start, t.end).to_owned(),
                start: t.start,
                end: t.end,
                id,
                ws: t.ws,
            })
            .collect(),
        answer: (article.status == Status::Done).then(|| "accept".to_owned()),
        cats,
        stance: article
            .stances
            .iter()
            .map(|(target, label)| StanceOut {
                target: target.clone(),
                target_name: target_name(target),
                label: *label,
            })
            .collect(),
        speakers: article
            .speakers
            .iter()
            .map(|s| SpeakerOut {
                start: s.start,
                end: s.end,
                text: chars.slice(s.start, s.end).to_owned(),
                target: s.target.clone(),
                label: s.stance,
                evidence: s.evidence.clone(),
            })
            .collect(),
    };
    // spaCy rebuilds a Doc from `words` + `spaces`: every whitespace run other than a single
    // space after a token must be a token of its own, or line breaks vanish and offsets drift.
    crate::formats::spacy::whitespace_tokens(record, &chars)
}

/// One JSONL line (without the trailing newline).
pub fn jsonl_line(article: &Article, settings: &Settings, tokenizer: &Tokenizer) -> String {
    serde_json::to_string(&record(article, settings, tokenizer)).unwrap_or_default()
}

/// The whole export: one line per article, each ending in `\n`.
pub fn jsonl<'a>(
    articles: impl IntoIterator<Item = &'a Article>,
    settings: &Settings,
    tokenizer: &Tokenizer,
) -> String {
    articles
        .into_iter()
        .map(|a| jsonl_line(a, settings, tokenizer) + "\n")
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decode::decode;
    use crate::span::Span;
    use crate::stance::SpeakerStance;

    fn article(text: &str) -> Article {
        Article::new(
            "x.txt",
            text.as_bytes(),
            decode(text.as_bytes()).unwrap(),
            0,
        )
    }

    #[test]
    fn code_point_offsets_tokens_and_stance() {
        let mut a = article("🇮🇶 قال فؤاد حسين والولايات المتحدة");
        a.spans.push(Span::analyst(7, 16, "PER"));
        a.spans.push(Span::analyst(18, 34, "GPE"));
        a.stances.insert("t".into(), Stance::Favor);
        a.speakers.push(SpeakerStance {
            start: 7,
            end: 16,
            target: "t".into(),
            stance: Stance::Favor,
            evidence: None,
        });
        let settings = Settings::default();
        let line = jsonl_line(&a, &settings, &Tokenizer::default());
        let v: serde_json::Value = serde_json::from_str(&line).unwrap();
        assert_eq!(v["spans"][0]["text"], "فؤاد حسين");
        assert_eq!(v["spans"][1]["text"], "الولايات المتحدة");
        let tokens = v["tokens"].as_array().unwrap();
        let t0 = v["spans"][1]["token_start"].as_u64().unwrap() as usize;
        assert_eq!(tokens[t0]["text"], "الولايات");
        assert_eq!(tokens[t0 - 1]["text"], "و");
        assert_eq!(v["cats"]["t:favor"], 1.0);
        assert_eq!(v["cats"]["t:against"], 0.0);
        assert_eq!(v["stance"][0]["label"], "favor");
        assert_eq!(v["speakers"][0]["text"], "فؤاد حسين");
        let back: Record = serde_json::from_str(&line).unwrap();
        assert_eq!(serde_json::to_string(&back).unwrap(), line);
    }

    #[test]
    fn tokens_split_at_span_edges_the_tokenizer_did_not_make() {
        let mut a = article("وليد بغداد");
        a.spans.push(Span::analyst(1, 4, "PER")); // "ليد": an odd, but allowed, analyst choice
        let r = record(&a, &Settings::default(), &Tokenizer::default());
        let texts: Vec<_> = r.tokens.iter().map(|t| t.text.as_str()).collect();
        assert_eq!(texts, vec!["و", "ليد", "بغداد"]);
        assert_eq!((r.spans[0].token_start, r.spans[0].token_end), (1, 1));
        assert!(!r.tokens[0].ws);
    }
}
