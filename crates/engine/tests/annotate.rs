//! The annotation model: every analyst action as an `Edit`, applied, undone and redone.

use raqim_engine::article::Status;
use raqim_engine::decode::decode;
use raqim_engine::stance::Stance;
use raqim_engine::workspace::Refusal;
use raqim_engine::{Article, ArticleId, Edit, Span, SpanState, Workspace};

const TEXT: &str =
    "قال وزير الخارجية العراقي فؤاد حسين إن القوات باقية في العراق والولايات المتحدة.";

fn workspace() -> (Workspace, ArticleId) {
    let mut ws = Workspace::default();
    let article = Article::new(
        "a.txt",
        TEXT.as_bytes(),
        decode(TEXT.as_bytes()).unwrap(),
        0,
    );
    let id = article.id.clone();
    ws.apply(Edit::AddArticle {
        article: Box::new(article),
    })
    .unwrap();
    (ws, id)
}

/// Code-point range of the n-th occurrence of `needle`.
fn find(needle: &str) -> (usize, usize) {
    let byte = TEXT.find(needle).unwrap();
    let start = TEXT[..byte].chars().count();
    (start, start + needle.chars().count())
}

fn suggestion(start: usize, end: usize, label: &str) -> Span {
    Span {
        start,
        end,
        label: label.into(),
        source: "test-rule".into(),
        state: SpanState::Suggested,
        id: None,
        explanation: None,
    }
}

/// Suggests «فؤاد حسين» (PER) and «العراق» (GPE, before والولايات), accepts the first and
/// rejects the second; returns the two suggestions.
fn suggest_accept_reject(ws: &mut Workspace, id: &ArticleId) -> Vec<Span> {
    let (s1, e1) = find("فؤاد حسين");
    let (s2, _) = find("العراق والولايات");
    let e2 = s2 + 6; // "العراق" alone
    let suggestions = vec![suggestion(s1, e1, "PER"), suggestion(s2, e2, "GPE")];
    let edits = [
        Edit::Suggest {
            article: id.clone(),
            spans: suggestions.clone(),
            zones: vec![],
        },
        Edit::Accept {
            article: id.clone(),
            start: s1,
            end: e1,
        },
        Edit::Reject {
            article: id.clone(),
            start: s2,
            end: e2,
        },
    ];
    for edit in edits {
        ws.apply(edit).unwrap();
    }
    suggestions
}

fn spans(ws: &Workspace, id: &ArticleId) -> Vec<(usize, usize, String, SpanState)> {
    ws.article(id)
        .unwrap()
        .spans
        .iter()
        .map(|s| (s.start, s.end, s.label.to_string(), s.state))
        .collect()
}

#[test]
fn add_undo_redo() {
    let (mut ws, id) = workspace();
    let (s, e) = find("فؤاد حسين");
    ws.apply(Edit::AddSpan {
        article: id.clone(),
        start: s,
        end: e,
        label: "PER".into(),
    })
    .unwrap();
    assert_eq!(
        spans(&ws, &id),
        vec![(s, e, "PER".into(), SpanState::Analyst)]
    );
    assert_eq!(ws.article(&id).unwrap().status, Status::InProgress);
    ws.apply(Edit::Undo {
        article: id.clone(),
    })
    .unwrap();
    assert!(spans(&ws, &id).is_empty());
    assert_eq!(
        ws.article(&id).unwrap().status,
        Status::New,
        "undo also undoes the status change"
    );
    ws.apply(Edit::Redo {
        article: id.clone(),
    })
    .unwrap();
    assert_eq!(spans(&ws, &id).len(), 1);
    assert_eq!(
        ws.apply(Edit::Redo {
            article: id.clone()
        }),
        Err(Refusal::NothingToUndo)
    );
}

#[test]
fn a_new_span_replaces_what_it_overlaps() {
    let (mut ws, id) = workspace();
    let (s, e) = find("الولايات المتحدة");
    ws.apply(Edit::Suggest {
        article: id.clone(),
        spans: vec![suggestion(s, s + 8, "GPE")],
        zones: vec![],
    })
    .unwrap();
    ws.apply(Edit::AddSpan {
        article: id.clone(),
        start: s,
        end: e,
        label: "GPE".into(),
    })
    .unwrap();
    assert_eq!(
        spans(&ws, &id),
        vec![(s, e, "GPE".into(), SpanState::Analyst)]
    );
    ws.apply(Edit::Undo {
        article: id.clone(),
    })
    .unwrap();
    assert_eq!(
        spans(&ws, &id),
        vec![(s, s + 8, "GPE".into(), SpanState::Suggested)]
    );
}

#[test]
fn accept_reject_and_resuggest() {
    let (mut ws, id) = workspace();
    let suggestions = suggest_accept_reject(&mut ws, &id);
    let [(s1, e1), (s2, e2)] = [0, 1].map(|k| (suggestions[k].start, suggestions[k].end));
    // A new engine run neither resurrects the rejected suggestion nor duplicates the accepted one.
    ws.apply(Edit::Suggest {
        article: id.clone(),
        spans: suggestions,
        zones: vec![],
    })
    .unwrap();
    assert_eq!(
        spans(&ws, &id),
        vec![
            (s1, e1, "PER".into(), SpanState::Accepted),
            (s2, e2, "GPE".into(), SpanState::Rejected)
        ]
    );
}

#[test]
fn accept_all_is_one_undo_step() {
    let (mut ws, id) = workspace();
    let (s1, e1) = find("فؤاد حسين");
    let (s2, _) = find("العراق والولايات");
    let all = vec![suggestion(s1, e1, "PER"), suggestion(s2, s2 + 6, "GPE")];
    ws.apply(Edit::Suggest {
        article: id.clone(),
        spans: all,
        zones: vec![],
    })
    .unwrap();
    ws.apply(Edit::AcceptAll {
        article: id.clone(),
    })
    .unwrap();
    assert!(spans(&ws, &id).iter().all(|s| s.3 == SpanState::Accepted));
    ws.apply(Edit::Undo {
        article: id.clone(),
    })
    .unwrap();
    assert!(spans(&ws, &id).iter().all(|s| s.3 == SpanState::Suggested));
}

#[test]
fn resize_and_relabel_carry_the_speaker_stance() {
    let (mut ws, id) = workspace();
    let (s, e) = find("فؤاد حسين");
    ws.apply(Edit::AddSpan {
        article: id.clone(),
        start: s,
        end: s + 4,
        label: "ORG".into(),
    })
    .unwrap();
    ws.apply(Edit::SetSpeakerStance {
        article: id.clone(),
        start: s,
        end: s + 4,
        target: "t".into(),
        stance: Some(Stance::Favor),
        evidence: None,
    })
    .unwrap();
    ws.apply(Edit::ResizeSpan {
        article: id.clone(),
        start: s,
        end: s + 4,
        new_start: s,
        new_end: e,
    })
    .unwrap();
    ws.apply(Edit::Relabel {
        article: id.clone(),
        start: s,
        end: e,
        label: "PER".into(),
    })
    .unwrap();
    let a = ws.article(&id).unwrap();
    assert_eq!(
        a.speaker(s, e, "t").map(|sp| sp.stance),
        Some(Stance::Favor)
    );
    assert_eq!(
        spans(&ws, &id),
        vec![(s, e, "PER".into(), SpanState::Analyst)]
    );
    ws.apply(Edit::RemoveSpan {
        article: id.clone(),
        start: s,
        end: e,
    })
    .unwrap();
    assert!(
        ws.article(&id).unwrap().speakers.is_empty(),
        "a removed mention takes its stance along"
    );
    for _ in 0..3 {
        ws.apply(Edit::Undo {
            article: id.clone(),
        })
        .unwrap();
    }
    assert_eq!(
        ws.article(&id)
            .unwrap()
            .speaker(s, s + 4, "t")
            .map(|sp| sp.stance),
        Some(Stance::Favor)
    );
}

#[test]
fn document_stance_and_status() {
    let (mut ws, id) = workspace();
    ws.apply(Edit::SetStance {
        article: id.clone(),
        target: "t".into(),
        stance: Some(Stance::Against),
    })
    .unwrap();
    ws.apply(Edit::SetStatus {
        article: id.clone(),
        status: Status::Done,
    })
    .unwrap();
    let a = ws.article(&id).unwrap();
    assert_eq!(a.stances.get("t"), Some(&Stance::Against));
    assert_eq!(a.status, Status::Done);
    ws.apply(Edit::Undo {
        article: id.clone(),
    })
    .unwrap();
    assert_eq!(ws.article(&id).unwrap().status, Status::InProgress);
}

#[test]
fn refusals_change_nothing() {
    let (mut ws, id) = workspace();
    let before = ws.clone();
    assert_eq!(
        ws.apply(Edit::AddSpan {
            article: id.clone(),
            start: 5,
            end: 5,
            label: "PER".into()
        }),
        Err(Refusal::BadRange { start: 5, end: 5 })
    );
    assert_eq!(
        ws.apply(Edit::AddSpan {
            article: id.clone(),
            start: 0,
            end: 3,
            label: "NOPE".into()
        }),
        Err(Refusal::UnknownLabel("NOPE".into()))
    );
    assert_eq!(
        ws.apply(Edit::RemoveSpan {
            article: id.clone(),
            start: 0,
            end: 3
        }),
        Err(Refusal::NoSpan { start: 0, end: 3 })
    );
    assert_eq!(
        ws.apply(Edit::Undo { article: id }),
        Err(Refusal::NothingToUndo)
    );
    assert_eq!(ws, before);
}

#[test]
fn zones_split_and_suppress_suggestions() {
    let (mut ws, id) = workspace();
    ws.apply(Edit::SetZone {
        article: id.clone(),
        start: 0,
        end: 20,
        boilerplate: true,
    })
    .unwrap();
    ws.apply(Edit::SetZone {
        article: id.clone(),
        start: 5,
        end: 10,
        boilerplate: false,
    })
    .unwrap();
    let zones: Vec<_> = ws
        .article(&id)
        .unwrap()
        .zones
        .iter()
        .map(|z| (z.start, z.end))
        .collect();
    assert_eq!(zones, vec![(0, 5), (10, 20)]);
    ws.apply(Edit::Suggest {
        article: id.clone(),
        spans: vec![suggestion(12, 15, "ORG")],
        zones: vec![],
    })
    .unwrap();
    assert!(spans(&ws, &id).is_empty(), "no suggestion inside a zone");
}

#[test]
fn removing_a_label_relabels_or_drops_its_spans() {
    let (mut ws, id) = workspace();
    ws.apply(Edit::AddSpan {
        article: id.clone(),
        start: 0,
        end: 3,
        label: "LOC".into(),
    })
    .unwrap();
    ws.apply(Edit::AddSpan {
        article: id.clone(),
        start: 4,
        end: 8,
        label: "FAC".into(),
    })
    .unwrap();
    let mut labels = ws.settings.labels.clone();
    labels.retain(|l| l.name != "LOC" && l.name != "FAC");
    labels.iter_mut().find(|l| l.name == "GPE").unwrap().name = "PLACE".into();
    ws.apply(Edit::SetLabels {
        labels,
        renamed: vec![("GPE".into(), "PLACE".into())],
        replace_with: Some("PLACE".into()),
    })
    .unwrap();
    assert_eq!(
        spans(&ws, &id)
            .iter()
            .map(|s| s.2.as_str())
            .collect::<Vec<_>>(),
        vec!["PLACE", "PLACE"]
    );
}

#[test]
fn history_survives_serialization() {
    let (mut ws, id) = workspace();
    ws.apply(Edit::AddSpan {
        article: id.clone(),
        start: 0,
        end: 3,
        label: "PER".into(),
    })
    .unwrap();
    let json = serde_json::to_string(&ws).unwrap();
    let mut back: Workspace = serde_json::from_str(&json).unwrap();
    assert_eq!(back, ws);
    back.apply(Edit::Undo {
        article: id.clone(),
    })
    .unwrap();
    assert!(back.article(&id).unwrap().spans.is_empty());
}

#[test]
fn the_workspace_learns_from_accepts_drawings_and_rejections() {
    use raqim_engine::rules::{LearnedKind, LearnedRule};
    let (mut ws, id) = workspace();
    suggest_accept_reject(&mut ws, &id);
    let (s3, e3) = find("الولايات المتحدة");
    ws.apply(Edit::AddSpan {
        article: id.clone(),
        start: s3,
        end: e3,
        label: "GPE".into(),
    })
    .unwrap();
    let rule = |p: &str, l: &str, kind| LearnedRule {
        pattern: p.into(),
        label: l.into(),
        kind,
    };
    assert_eq!(
        ws.learned,
        vec![
            rule("فؤاد حسين", "PER", LearnedKind::Entity),
            rule("العراق", "GPE", LearnedKind::Suppress),
            rule("الولايات المتحدة", "GPE", LearnedKind::Entity),
        ]
    );
    ws.apply(Edit::RemoveLearned {
        rule: rule("العراق", "GPE", LearnedKind::Suppress),
    })
    .unwrap();
    assert_eq!(ws.learned.len(), 2);
}
