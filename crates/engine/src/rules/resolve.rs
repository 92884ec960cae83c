//! Resolution: from overlapping candidates to one suggestion per region.
//!
//! Matchers propose freely — the gazetteer's `الولايات المتحدة`, a pattern's `وزير الخارجية
//! العراقي فؤاد حسين` person, a learned form — and this is the one place that decides. The policy
//! is the annotation guideline's "the longest meaningful entity wins": candidates are taken
//! longest first (in code points), then by rule priority, then leftmost, and a candidate is
//! dropped if it overlaps one already taken. Nothing inside a boilerplate zone survives. A
//! [`NO_ENTITY`] candidate takes its region like any other and yields no span.
//!
//! Spans never start or end on punctuation, quotes or a proclitic: those edge tokens are trimmed
//! here, whatever a matcher proposed, so `«حزب الله»` can only come out as `حزب الله`.

use super::candidate::{Candidate, NO_ENTITY};
use super::doc::Doc;
use crate::span::{Span, SpanState};

/// Turns candidates into non-overlapping suggestions, sorted by start. A candidate for which
/// `suppressed` says yes (after trimming) is dropped before it can take its region.
pub fn resolve(
    doc: &Doc,
    candidates: Vec<Candidate>,
    suppressed: impl Fn(&Candidate) -> bool,
) -> Vec<Span> {
    let tokens = doc.tokens;
    let mut ranked: Vec<Candidate> = candidates
        .into_iter()
        .filter_map(|c| trim(doc, c))
        .filter(|c| !suppressed(c))
        .collect();
    let width = |c: &Candidate| tokens[c.last].end - tokens[c.first].start;
    ranked.sort_by(|a, b| {
        width(b)
            .cmp(&width(a))
            .then(b.priority.cmp(&a.priority))
            .then(a.first.cmp(&b.first))
    });
    let mut taken = vec![false; tokens.len()];
    let mut spans = Vec::new();
    for c in ranked {
        let (start, end) = (tokens[c.first].start, tokens[c.last].end);
        if taken[c.first..=c.last].iter().any(|&t| t)
            || doc.zones().iter().any(|z| z.overlaps(start, end))
        {
            continue;
        }
        taken[c.first..=c.last].iter_mut().for_each(|t| *t = true);
        if c.label == NO_ENTITY {
            continue;
        }
        spans.push(Span {
            start,
            end,
            label: c.label,
            source: c.rule,
            state: SpanState::Suggested,
            id: c.id,
            explanation: Some(c.explanation),
        });
    }
    spans.sort_by_key(|s| s.start);
    spans
}

/// The candidate with punctuation, symbols and proclitics trimmed off both edges, or `None` if
/// nothing (or no label) is left or its tokens are out of range.
fn trim(doc: &Doc, mut c: Candidate) -> Option<Candidate> {
    if c.label.is_empty() || c.first > c.last || c.last >= doc.len() {
        return None;
    }
    let content = |i: usize| doc.kind(i).is_content();
    c.first = (c.first..=c.last).find(|&i| content(i))?;
    c.last = (c.first..=c.last).rev().find(|&i| content(i))?;
    Some(c)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::span::Zone;
    use crate::text::Tokenizer;

    fn cand(first: usize, last: usize, label: &str, priority: u8) -> Candidate {
        Candidate {
            first,
            last,
            label: label.into(),
            rule: format!("r{priority}"),
            priority,
            id: None,
            explanation: String::new(),
        }
    }

    #[test]
    fn longest_then_priority_never_overlapping_never_in_zones() {
        let text = "زار «حزب الله» بيروت والعراق";
        let tokens = Tokenizer::default().tokenize(text);
        // زار « حزب الله » بيروت و العراق
        assert_eq!(tokens.len(), 8);
        let zones = [Zone {
            start: 22,
            end: 26,
            source: "t".into(),
        }];
        let doc = Doc::new(text, &tokens, &zones);
        let spans = resolve(
            &doc,
            vec![
                cand(2, 2, "ORG", 90),
                cand(1, 4, "ORG", 10),
                cand(5, 5, "GPE", 10),
                cand(5, 5, "LOC", 20),
                cand(7, 7, "GPE", 50),
                cand(0, 0, "", 50),
                cand(3, 9, "X", 50),
                cand(0, 0, "PER", 50),
                cand(7, 7, NO_ENTITY, 60),
            ],
            |c| c.label == "PER",
        );
        let got: Vec<(&str, &str, &str)> = spans
            .iter()
            .map(|s| (s.text(text), s.label.as_str(), s.source.as_str()))
            .collect();
        assert_eq!(got, [("حزب الله", "ORG", "r10"), ("بيروت", "LOC", "r20")]);
        // Without the zone, the blocker still wins العراق from the GPE.
        let doc = Doc::new(text, &tokens, &[]);
        let spans = resolve(
            &doc,
            vec![cand(7, 7, "GPE", 50), cand(7, 7, NO_ENTITY, 60)],
            |_| false,
        );
        assert!(spans.is_empty());
    }
}
