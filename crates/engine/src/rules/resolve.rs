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

use std::cmp::Reverse;

use super::candidate::{Candidate, Found, NO_ENTITY};
use super::doc::Doc;
use crate::span::{Span, SpanState};

/// Turns candidates into non-overlapping suggestions, sorted by start. A candidate for which
/// `suppressed` says yes (after trimming) is dropped before it can take its region.
pub fn resolve(
    doc: &Doc,
    candidates: Vec<Candidate>,
    suppressed: impl Fn(&Candidate) -> bool,
) -> Vec<Span> {
    let kept: Vec<Candidate> = candidates
        .into_iter()
        .filter_map(|mut c| {
            (c.first, c.last) = trim(doc, &c.label, c.first, c.last)?;
            (!suppressed(&c)).then_some(c)
        })
        .collect();
    resolve_found(doc, kept.iter().map(Found::of).collect(), |_, _, _| false)
}

/// [`resolve`] as the engine runs it, on candidates whose strings are not written yet: they are
/// written for the winners only. `suppressed(first, last, label)` is asked after trimming.
pub(crate) fn resolve_found(
    doc: &Doc,
    candidates: Vec<Found>,
    suppressed: impl Fn(usize, usize, &str) -> bool,
) -> Vec<Span> {
    let tokens = doc.tokens;
    // Each candidate with its trimmed tokens (it keeps its own for its explanation).
    let ranked: Vec<((usize, usize), Found)> = candidates
        .into_iter()
        .filter_map(|c| Some((trim(doc, c.label, c.first, c.last)?, c)))
        .filter(|&((first, last), c)| !suppressed(first, last, c.label))
        .collect();
    // Longest first, then by priority, then leftmost, then in the order proposed: sorted as
    // small keys, not as candidates.
    let mut order: Vec<(Reverse<usize>, Reverse<u8>, usize, usize)> = ranked
        .iter()
        .enumerate()
        .map(|(k, &((first, last), c))| {
            let width = tokens[last].end - tokens[first].start;
            (Reverse(width), Reverse(c.priority), first, k)
        })
        .collect();
    order.sort_unstable();
    let mut taken = vec![false; tokens.len()];
    let mut spans = Vec::with_capacity(order.len());
    for &(.., k) in &order {
        let ((first, last), c) = ranked[k];
        let (start, end) = (tokens[first].start, tokens[last].end);
        if taken[first..=last].iter().any(|&t| t)
            || doc.zones().iter().any(|z| z.overlaps(start, end))
        {
            continue;
        }
        taken[first..=last].iter_mut().for_each(|t| *t = true);
        if c.label == NO_ENTITY {
            continue;
        }
        spans.push(Span {
            start,
            end,
            label: c.label.to_owned(),
            source: c.rule.to_owned(),
            state: SpanState::Suggested,
            id: c.id.map(str::to_owned),
            explanation: Some(c.explain(doc)),
        });
    }
    spans.sort_by_key(|s| s.start);
    spans
}

/// Tokens `first..=last` with punctuation, symbols and proclitics trimmed off both edges, or
/// `None` if nothing (or no label) is left or the tokens are out of range.
fn trim(doc: &Doc, label: &str, first: usize, last: usize) -> Option<(usize, usize)> {
    if label.is_empty() || first > last || last >= doc.len() {
        return None;
    }
    let content = |i: usize| doc.kind(i).is_content();
    let first = (first..=last).find(|&i| content(i))?;
    let last = (first..=last).rev().find(|&i| content(i))?;
    Some((first, last))
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
