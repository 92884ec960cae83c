//! Adjudication: from two annotators' versions of an article to one final version.
//!
//! [`adjudicate`] splits the work in what the annotators agree on — spans with the same bounds
//! and label, and the same document stance — and [`Conflict`]s to decide: each group of spans
//! that overlap one another across the two versions without matching exactly (a span only one
//! annotator drew is a group of its own), and each target whose stance differs. The adjudicator
//! gives a [`Pick`] per span conflict and a stance per stance conflict, and [`resolve`] builds
//! the final article: annotator A's article (text, identity, file, status, zones) with the agreed
//! spans plus the picked ones, A's rejected suggestions that do not collide with them, the
//! agreed and decided stances, and the speaker stances of either version that sit on a final
//! entity span (A's first). The undo history is cleared: it described another set of spans.
//!
//! The final article replaces A's in the workspace ([`super::merge::replace`]) and the layer can
//! then be removed; [`crate::export::jsonl`] of the final articles is the adjudicated set.

use std::collections::BTreeMap;

use crate::article::Article;
use crate::history::History;
use crate::order;
use crate::span::{Span, SpanState};
use crate::stance::Stance;

/// A group of overlapping spans the annotators drew differently.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    /// The code points the group covers.
    pub start: usize,
    pub end: usize,
    /// A's spans in the group (possibly none).
    pub a: Vec<Span>,
    /// B's spans in the group (possibly none).
    pub b: Vec<Span>,
}

/// A document stance the annotators set differently.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StanceConflict {
    pub target: String,
    pub a: Option<Stance>,
    pub b: Option<Stance>,
}

/// What is agreed and what is left to decide.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Adjudication {
    /// Entity spans both have (same bounds and label), as A has them.
    pub agreed: Vec<Span>,
    /// Span conflicts, by position.
    pub conflicts: Vec<Conflict>,
    /// Stances both set the same.
    pub agreed_stances: BTreeMap<String, Stance>,
    pub stance_conflicts: Vec<StanceConflict>,
}

/// The decision on one span conflict.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pick {
    /// A's spans of the group.
    A,
    /// B's spans of the group.
    B,
    /// No span there.
    Neither,
    /// Spans the adjudicator drew (within the text; they must not overlap the rest).
    Own(Vec<Span>),
}

/// Splits A's and B's versions of an article into agreement and conflicts.
pub fn adjudicate(a: &Article, b: &Article) -> Adjudication {
    let ea: Vec<&Span> = a.spans.iter().filter(|s| s.state.is_entity()).collect();
    let eb: Vec<&Span> = b.spans.iter().filter(|s| s.state.is_entity()).collect();
    let key = |s: &Span| (s.start, s.end, s.label.clone());
    let kb = order::set(eb.iter().map(|s| key(s)));
    let ka = order::set(ea.iter().map(|s| key(s)));
    let agreed: Vec<Span> = ea
        .iter()
        .filter(|s| kb.contains(&key(s)))
        .map(|s| (*s).clone())
        .collect();
    // The rest, from both sides, grouped into runs of transitively overlapping spans.
    let mut rest: Vec<(bool, &Span)> = ea
        .iter()
        .filter(|s| !kb.contains(&key(s)))
        .map(|s| (true, *s))
        .chain(
            eb.iter()
                .filter(|s| !ka.contains(&key(s)))
                .map(|s| (false, *s)),
        )
        .collect();
    order::sort_by_key(&mut rest, |(_, s)| (s.start, s.end));
    let mut conflicts: Vec<Conflict> = Vec::new();
    for (from_a, s) in rest {
        let open = conflicts.last_mut().filter(|c| s.start < c.end);
        let c = match open {
            Some(c) => c,
            None => {
                conflicts.push(Conflict {
                    start: s.start,
                    end: s.end,
                    a: Vec::new(),
                    b: Vec::new(),
                });
                conflicts.last_mut().expect("just pushed")
            }
        };
        c.end = c.end.max(s.end);
        if from_a {
            c.a.push(s.clone());
        } else {
            c.b.push(s.clone());
        }
    }
    let mut agreed_stances = BTreeMap::new();
    let mut stance_conflicts = Vec::new();
    let targets = order::set(a.stances.keys().chain(b.stances.keys()));
    for t in targets {
        match (a.stances.get(t), b.stances.get(t)) {
            (Some(x), Some(y)) if x == y => {
                agreed_stances.insert(t.clone(), *x);
            }
            (x, y) => stance_conflicts.push(StanceConflict {
                target: t.clone(),
                a: x.copied(),
                b: y.copied(),
            }),
        }
    }
    Adjudication {
        agreed,
        conflicts,
        agreed_stances,
        stance_conflicts,
    }
}

/// The final article: `picks` decides `adj.conflicts` (one each, in order) and `stances` the
/// `adj.stance_conflicts` (by target; `None` leaves the target unlabelled). `b` provides
/// speaker stances on B's picked spans.
pub fn resolve(
    a: &Article,
    b: &Article,
    adj: &Adjudication,
    picks: &[Pick],
    stances: &BTreeMap<String, Option<Stance>>,
) -> Result<Article, String> {
    if picks.len() != adj.conflicts.len() {
        return Err(format!(
            "{} of {} conflicts decided",
            picks.len(),
            adj.conflicts.len()
        ));
    }
    let mut spans = adj.agreed.clone();
    for (c, pick) in adj.conflicts.iter().zip(picks) {
        match pick {
            Pick::A => spans.extend(c.a.iter().cloned()),
            Pick::B => spans.extend(c.b.iter().cloned()),
            Pick::Neither => {}
            Pick::Own(own) => spans.extend(own.iter().cloned().map(|mut s| {
                if s.state == SpanState::Rejected {
                    s.state = SpanState::Analyst;
                }
                s
            })),
        }
    }
    let mut out = a.clone();
    out.history = History::default();
    // A's rejected suggestions stay unless a final span now covers them.
    let rejected = a
        .spans
        .iter()
        .filter(|r| r.state == SpanState::Rejected)
        .filter(|r| !spans.iter().any(|s| s.overlaps(r.start, r.end)))
        .cloned()
        .collect::<Vec<_>>();
    spans.extend(rejected);
    out.spans = spans;
    for sc in &adj.stance_conflicts {
        let Some(choice) = stances.get(&sc.target) else {
            return Err(format!("the stance toward {} is not decided", sc.target));
        };
        match choice {
            Some(s) => out.stances.insert(sc.target.clone(), *s),
            None => out.stances.remove(&sc.target),
        };
    }
    for (t, s) in &adj.agreed_stances {
        out.stances.insert(t.clone(), *s);
    }
    let on_entity = |sp: &crate::stance::SpeakerStance| {
        out.spans
            .iter()
            .any(|s| s.start == sp.start && s.end == sp.end && s.state.is_entity())
    };
    let mut speakers: Vec<_> = a
        .speakers
        .iter()
        .filter(|s| on_entity(s))
        .cloned()
        .collect();
    for s in b.speakers.iter().filter(|s| on_entity(s)) {
        if !speakers
            .iter()
            .any(|x| (x.start, x.end, &x.target) == (s.start, s.end, &s.target))
        {
            speakers.push(s.clone());
        }
    }
    out.speakers = speakers;
    super::import::settle(&mut out)?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::import::test_article as art;
    use crate::stance::SpeakerStance;

    #[test]
    fn agreed_conflicts_and_resolution() {
        let text = "زار فؤاد حسين والولايات المتحدة وبغداد ودمشق";
        let mut a = art(text, &[(4, 13, "PER"), (15, 31, "GPE"), (33, 38, "GPE")]);
        let mut b = art(
            text,
            &[
                (4, 8, "PER"),
                (15, 31, "GPE"),
                (33, 38, "ORG"),
                (40, 44, "LOC"),
            ],
        );
        a.stances.insert("t".into(), Stance::Favor);
        b.stances.insert("t".into(), Stance::Against);
        b.stances.insert("u".into(), Stance::Neutral);
        a.speakers.push(SpeakerStance {
            start: 4,
            end: 13,
            target: "t".into(),
            stance: Stance::Favor,
            evidence: None,
        });
        b.speakers.push(SpeakerStance {
            start: 4,
            end: 8,
            target: "t".into(),
            stance: Stance::Against,
            evidence: None,
        });
        let adj = adjudicate(&a, &b);
        assert_eq!(adj.agreed.len(), 1);
        let groups: Vec<(usize, usize, usize, usize)> = adj
            .conflicts
            .iter()
            .map(|c| (c.start, c.end, c.a.len(), c.b.len()))
            .collect();
        assert_eq!(groups, [(4, 13, 1, 1), (33, 38, 1, 1), (40, 44, 0, 1)]);
        assert_eq!(adj.stance_conflicts.len(), 2);

        let stances = BTreeMap::from([
            ("t".to_owned(), Some(Stance::Favor)),
            ("u".to_owned(), None),
        ]);
        let picks = [Pick::B, Pick::A, Pick::B];
        let done = resolve(&a, &b, &adj, &picks, &stances).unwrap();
        let got: Vec<(usize, usize, &str)> = done
            .spans
            .iter()
            .map(|s| (s.start, s.end, s.label.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                (4, 8, "PER"),
                (15, 31, "GPE"),
                (33, 38, "GPE"),
                (40, 44, "LOC")
            ]
        );
        assert_eq!(
            done.stances,
            BTreeMap::from([("t".to_owned(), Stance::Favor)])
        );
        // A's speaker stance was on A's span, which lost; B's is on the picked span.
        assert_eq!(done.speakers.len(), 1);
        assert_eq!(done.speakers[0].stance, Stance::Against);
        assert_eq!(done.id, a.id);

        assert!(resolve(&a, &b, &adj, &picks[..2], &stances).is_err());
        assert!(resolve(&a, &b, &adj, &picks, &BTreeMap::new()).is_err());
        // An adjudicator's own span may not collide with the agreed ones.
        let own = [
            Pick::Own(vec![Span::analyst(4, 20, "PER")]),
            Pick::Neither,
            Pick::Neither,
        ];
        assert!(resolve(&a, &b, &adj, &own, &stances)
            .unwrap_err()
            .contains("overlap"));
    }

    #[test]
    fn identical_versions_have_nothing_to_decide() {
        let a = art("زار فؤاد حسين بغداد", &[(4, 13, "PER"), (14, 19, "GPE")]);
        let adj = adjudicate(&a, &a);
        assert!(adj.conflicts.is_empty() && adj.stance_conflicts.is_empty());
        let done = resolve(&a, &a, &adj, &[], &BTreeMap::new()).unwrap();
        assert_eq!(done.spans, a.spans);
    }
}
