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

use super::candidate::{Candidate, Found, NameRef, NO_ENTITY};
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
    let found: Vec<Found> = kept.iter().map(Found::of).collect();
    resolve_found(doc, &found, true, |_, _, _| false)
}

/// [`resolve`] as the engine runs it, on candidates whose strings are not written yet: they are
/// written for the winners only. `suppressed(first, last, label)` is asked after trimming.
///
/// A [`Found`] is over a hundred bytes and about half of them lose, so neither ranking nor the
/// regions taken move them: both work on small keys that point back into `candidates`.
pub(crate) fn resolve_found(
    doc: &Doc,
    candidates: &[Found],
    explain: bool,
    suppressed: impl Fn(usize, usize, &str) -> bool,
) -> Vec<Span> {
    let tokens = doc.tokens;
    // A candidate in a zone can take nothing, so it is not ranked at all.
    let mut ranked: Vec<(Rank, usize)> = Vec::with_capacity(candidates.len());
    ranked.extend(candidates.iter().enumerate().filter_map(|(k, c)| {
        let (first, last) = trim(doc, c.label.as_str(), c.first, c.last)?;
        let (start, end) = (tokens[first].start, tokens[last].end);
        if suppressed(first, last, c.label.as_str())
            || doc.zones().iter().any(|z| z.overlaps(start, end))
        {
            return None;
        }
        Some((Rank::new(end - start, c.priority, first, k), last))
    }));
    ranked.sort_unstable();
    // The winners' trimmed regions and candidates `(first, last, k)`, sorted by `first` and so,
    // being disjoint, by `last` too: the one region a candidate can overlap is the last one that
    // starts at or before its end. Kept in order, they come out as spans sorted by start.
    let mut taken: Vec<(usize, usize, usize)> = Vec::with_capacity(ranked.len());
    for &(rank, last) in &ranked {
        let (first, k) = (rank.first(), rank.candidate());
        let at = taken.partition_point(|&(start, ..)| start <= last);
        if at == 0 || taken[at - 1].1 < first {
            taken.insert(at, (first, last, k));
        }
    }
    let mut spans = Vec::with_capacity(taken.len());
    let mut scratch = String::new();
    for &(first, last, k) in &taken {
        let c = &candidates[k];
        if c.label == NO_ENTITY {
            continue;
        }
        spans.push(Span {
            start: tokens[first].start,
            end: tokens[last].end,
            label: c.label.to_name(),
            source: c.rule.to_name(),
            state: SpanState::Suggested,
            id: c.id.map(NameRef::to_name),
            explanation: explain.then(|| c.explain(doc, &mut scratch)),
        });
    }
    spans
}

/// A candidate's place in resolution: ordered longest first (in code points), then by priority,
/// then leftmost, then in the order proposed, as one number (sorting compares it in one or two
/// instructions, where the fields took a branch each). `k` (its index among the candidates) is
/// unique, so the trimmed last token, carried beside it for the overlap test, never decides the
/// order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Rank(u128);

impl Rank {
    /// The rank of candidate `k`, `width` code points long, of `priority`, from token `first`.
    fn new(width: usize, priority: u8, first: usize, k: usize) -> Rank {
        let narrower = u32::MAX - u32::try_from(width).unwrap_or(u32::MAX);
        let lower = u8::MAX - priority;
        Rank(
            u128::from(narrower) << 72
                | u128::from(lower) << 64
                | u128::from(first as u32) << 32
                | u128::from(k as u32),
        )
    }

    /// The candidate's first token.
    fn first(self) -> usize {
        (self.0 >> 32) as u32 as usize
    }

    /// The candidate's index among the candidates.
    fn candidate(self) -> usize {
        self.0 as u32 as usize
    }
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
            rule: format!("r{priority}").into(),
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

    #[test]
    fn a_taken_region_blocks_every_candidate_touching_it_and_spans_come_out_by_start() {
        let text = "ت ث ج ح خ د ذ ر";
        let tokens = Tokenizer::default().tokenize(text);
        assert_eq!(tokens.len(), 8);
        let doc = Doc::new(text, &tokens, &[]);
        // All of width 3 but the single tokens: taken by priority, each against the regions
        // already on both sides of it.
        let spans = resolve(
            &doc,
            vec![
                cand(7, 7, "GPE", 10),
                cand(3, 4, "ORG", 50),
                cand(4, 5, "ORG", 60),
                cand(5, 6, "ORG", 80),
                cand(2, 3, "ORG", 70),
                cand(1, 2, "ORG", 90),
                cand(0, 0, "PER", 10),
            ],
            |_| false,
        );
        let got: Vec<(&str, &str)> = spans
            .iter()
            .map(|s| (s.text(text), s.source.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                ("ت", "r10"),
                ("ث ج", "r90"),
                ("ح خ", "r50"),
                ("د ذ", "r80"),
                ("ر", "r10")
            ]
        );
    }
}
