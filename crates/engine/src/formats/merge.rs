//! Imported articles into a workspace: what happens when an article is already there.
//!
//! Articles are matched by id, which is the SHA-256 of their text's file ([`ArticleId`]), so the
//! same article exported on another machine is recognised whatever its file was called. For an
//! article that is not in the workspace yet the import simply adds it. For one that is, the
//! analyst picks a [`Policy`]:
//!
//! - [`Policy::KeepMine`]: the workspace's annotation stays; theirs is dropped.
//! - [`Policy::KeepTheirs`]: theirs replaces mine (spans, zones, stances, speakers, status; the
//!   undo history goes with mine, since it no longer applies). The file name and the time it
//!   was added stay the workspace's.
//! - [`Policy::Both`]: theirs is kept **beside** mine as an *annotator layer*: a second article
//!   with the same text whose id is `<id>@<annotator>` (see [`layer_id`]) and whose file name
//!   ends in ` [annotator]`. The annotator is the one the file names ([`Imported::annotator`])
//!   or the caller's default (the file name, say). Layers are ordinary articles — they can be
//!   opened, edited, exported and imported again, and the `@annotator` in their id survives the
//!   round trip — and are what [`super::agreement`] and [`super::adjudicate`] compare. A
//!   training export normally leaves them out: [`primary`] is the workspace without them.
//!
//! In every policy an incoming annotation identical to the one already there changes nothing,
//! and an incoming article whose text differs from the workspace's under the same id (which
//! only a hand-edited file can produce) is refused. Incoming articles are merged one after the
//! other, so a Label Studio task with two annotators adds the first as the article and, under
//! [`Policy::Both`], the second as its layer. An incoming layer (`@` in its id) that is already
//! there is the same annotator's work again: `Both` replaces it like `KeepTheirs`.
//!
//! The result is a [`MergePlan`]: plain [`Edit`]s (`AddArticle`, `RemoveArticle`, `Select`),
//! to be dispatched once the analyst confirms, and an [`Outcome`] per incoming article to show
//! before that. [`merged`] applies a plan to a copy, for the command line and tests. A replaced
//! article moves to the end of the list (it is removed and added again); the selection is kept.

use crate::article::{Article, ArticleId};
use crate::workspace::{Edit, Workspace};

use super::Imported;

/// Separates an article id from the annotator of a layer.
pub const LAYER_SEP: char = '@';

/// What to do with an incoming article that is already in the workspace.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Policy {
    #[default]
    KeepMine,
    KeepTheirs,
    Both,
}

/// What happened to one incoming article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// New to the workspace: added under this id.
    Added(ArticleId),
    /// Already there with the same annotation.
    Unchanged(ArticleId),
    /// Already there; the workspace's annotation was kept and theirs dropped.
    KeptMine(ArticleId),
    /// Already there; theirs replaced the workspace's.
    Replaced(ArticleId),
    /// Already there; theirs was added beside it as this annotator layer.
    Layered(ArticleId),
    /// Not merged, and why.
    Refused { id: ArticleId, reason: String },
}

/// The edits that merge an import, and what they do, article by article.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct MergePlan {
    pub edits: Vec<Edit>,
    /// One per incoming article, in order.
    pub outcomes: Vec<Outcome>,
}

/// The article id without any `@annotator`.
pub fn base_of(id: &ArticleId) -> ArticleId {
    ArticleId(
        id.0.split_once(LAYER_SEP)
            .map_or(id.0.as_str(), |(base, _)| base)
            .to_owned(),
    )
}

/// The annotator of a layer id, `None` for an ordinary article.
pub fn annotator_of(id: &ArticleId) -> Option<&str> {
    id.0.split_once(LAYER_SEP).map(|(_, who)| who)
}

/// Whether the article is an annotator layer.
pub fn is_layer(article: &Article) -> bool {
    annotator_of(&article.id).is_some()
}

/// An annotator name fit for an id: letters (any script), digits and `. _ -`, other characters
/// as `-`, at most 40 characters; `theirs` if nothing is left.
pub fn clean_annotator(name: &str) -> String {
    let cleaned: String = name
        .trim()
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, '.' | '_' | '-') {
                c
            } else {
                '-'
            }
        })
        .take(40)
        .collect();
    let cleaned = cleaned.trim_matches('-').to_owned();
    if cleaned.is_empty() {
        "theirs".into()
    } else {
        cleaned
    }
}

/// The id of `annotator`'s layer of the article `base`.
pub fn layer_id(base: &ArticleId, annotator: &str) -> ArticleId {
    ArticleId(format!(
        "{}{LAYER_SEP}{}",
        base_of(base),
        clean_annotator(annotator)
    ))
}

/// The workspace's articles without the annotator layers (what a training export wants).
pub fn primary(ws: &Workspace) -> impl Iterator<Item = &Article> {
    ws.articles.iter().filter(|a| !is_layer(a))
}

/// Whether two versions of an article carry the same annotation.
pub fn same_annotation(a: &Article, b: &Article) -> bool {
    let spans = |x: &Article| -> Vec<_> {
        x.spans
            .iter()
            .map(|s| {
                (
                    s.start,
                    s.end,
                    s.label.clone(),
                    s.state,
                    s.source.clone(),
                    s.id.clone(),
                )
            })
            .collect()
    };
    a.text == b.text
        && a.status == b.status
        && a.zones == b.zones
        && a.stances == b.stances
        && a.speakers == b.speakers
        && spans(a) == spans(b)
}

/// The edits that put `article` in the place of the workspace's article with the same id
/// (or simply add it), keeping the selection.
pub fn replace(ws: &Workspace, article: Article) -> Vec<Edit> {
    let mut edits = Vec::new();
    if ws.article(&article.id).is_some() {
        edits.push(Edit::RemoveArticle {
            id: article.id.clone(),
        });
    }
    edits.push(Edit::AddArticle {
        article: Box::new(article),
    });
    if ws.selected.is_some() {
        edits.push(Edit::Select {
            id: ws.selected.clone(),
        });
    }
    edits
}

/// Works out how `incoming` merges into `ws` under `policy`. `default_annotator` names the
/// layers of articles whose file does not say who annotated them.
pub fn plan(
    ws: &Workspace,
    incoming: &[Imported],
    policy: Policy,
    default_annotator: &str,
) -> MergePlan {
    merged(ws, incoming, policy, default_annotator).1
}

/// The merge applied to a copy of `ws`, with its plan.
pub fn merged(
    ws: &Workspace,
    incoming: &[Imported],
    policy: Policy,
    default_annotator: &str,
) -> (Workspace, MergePlan) {
    let mut sim = ws.clone();
    let mut plan = MergePlan::default();
    let apply = |sim: &mut Workspace, plan: &mut MergePlan, edits: Vec<Edit>| {
        for edit in edits {
            // Every edit here names what the simulation just checked; none can be refused.
            if sim.apply(edit.clone()).is_ok() {
                plan.edits.push(edit);
            }
        }
    };
    for item in incoming {
        let mut theirs = item.article.clone();
        let outcome = match sim.article(&theirs.id).cloned() {
            None => {
                let id = theirs.id.clone();
                apply(
                    &mut sim,
                    &mut plan,
                    vec![Edit::AddArticle {
                        article: Box::new(theirs),
                    }],
                );
                Outcome::Added(id)
            }
            Some(mine) if mine.text != theirs.text => Outcome::Refused {
                id: mine.id,
                reason: "the same id names a different text here".into(),
            },
            Some(mine) if same_annotation(&mine, &theirs) => Outcome::Unchanged(mine.id),
            Some(mine) => match (policy, is_layer(&mine)) {
                (Policy::KeepMine, _) => Outcome::KeptMine(mine.id),
                (Policy::KeepTheirs, _) | (Policy::Both, true) => {
                    theirs.file = mine.file.clone();
                    theirs.added_ms = mine.added_ms;
                    let id = mine.id.clone();
                    let edits = replace(&sim, theirs);
                    apply(&mut sim, &mut plan, edits);
                    Outcome::Replaced(id)
                }
                (Policy::Both, false) => {
                    let who =
                        clean_annotator(item.annotator.as_deref().unwrap_or(default_annotator));
                    theirs.id = layer_id(&mine.id, &who);
                    theirs.file = format!("{} [{who}]", mine.file);
                    theirs.added_ms = mine.added_ms;
                    let id = theirs.id.clone();
                    match sim.article(&id) {
                        Some(layer) if same_annotation(layer, &theirs) => Outcome::Unchanged(id),
                        Some(_) => {
                            let edits = replace(&sim, theirs);
                            apply(&mut sim, &mut plan, edits);
                            Outcome::Replaced(id)
                        }
                        None => {
                            apply(
                                &mut sim,
                                &mut plan,
                                vec![Edit::AddArticle {
                                    article: Box::new(theirs),
                                }],
                            );
                            Outcome::Layered(id)
                        }
                    }
                }
            },
        };
        plan.outcomes.push(outcome);
    }
    (sim, plan)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::import::test_article as art;
    use crate::stance::Stance;

    fn item(a: Article, who: Option<&str>) -> Imported {
        Imported {
            article: a,
            line: 1,
            annotator: who.map(str::to_owned),
        }
    }

    fn workspace(articles: Vec<Article>) -> Workspace {
        let mut ws = Workspace::default();
        for a in articles {
            ws.apply(Edit::AddArticle {
                article: Box::new(a),
            })
            .unwrap();
        }
        ws
    }

    #[test]
    fn ids_of_layers() {
        let base = ArticleId("29e9128e34fa29fd".into());
        let layer = layer_id(&base, " Anna Smith <a@x> ");
        assert_eq!(layer.0, "29e9128e34fa29fd@Anna-Smith--a-x");
        assert_eq!(base_of(&layer), base);
        assert_eq!(annotator_of(&layer), Some("Anna-Smith--a-x"));
        assert_eq!(annotator_of(&base), None);
        assert_eq!(layer_id(&layer, "سارة").0, "29e9128e34fa29fd@سارة");
        assert_eq!(clean_annotator("  "), "theirs");
    }

    #[test]
    fn policies() {
        let text = "زار فؤاد حسين بغداد";
        let mine = art(text, &[(4, 13, "PER")]);
        let mut theirs = art(text, &[(4, 13, "PER"), (14, 19, "GPE")]);
        theirs.stances.insert("t".into(), Stance::Favor);
        let new = art("دمشق", &[(0, 4, "GPE")]);
        let ws = workspace(vec![mine.clone()]);
        let incoming = [item(theirs.clone(), None), item(new.clone(), None)];

        // (policy, outcome for the shared article, articles after, spans of the first)
        let cases = [
            (Policy::KeepMine, Outcome::KeptMine(mine.id.clone()), 2, 1),
            (Policy::KeepTheirs, Outcome::Replaced(mine.id.clone()), 2, 2),
            (
                Policy::Both,
                Outcome::Layered(layer_id(&mine.id, "bob")),
                3,
                1,
            ),
        ];
        for (policy, outcome, count, spans) in cases {
            let (after, plan) = merged(&ws, &incoming, policy, "bob");
            assert_eq!(
                plan.outcomes,
                [outcome, Outcome::Added(new.id.clone())],
                "{policy:?}"
            );
            assert_eq!(after.articles.len(), count, "{policy:?}");
            assert_eq!(
                after.article(&mine.id).unwrap().spans.len(),
                spans,
                "{policy:?}"
            );
            assert_eq!(after.selected, Some(mine.id.clone()), "{policy:?}");
            // The plan's edits give the same workspace.
            let mut replay = ws.clone();
            for e in plan.edits {
                replay.apply(e).unwrap();
            }
            assert_eq!(replay, after);
            // The workspace itself is untouched until the plan is applied.
            assert_eq!(ws.articles.len(), 1);
        }
        let (after, _) = merged(&ws, &incoming, Policy::Both, "bob");
        let layer = after.article(&layer_id(&mine.id, "bob")).unwrap();
        assert_eq!(layer.file, "a.txt [bob]");
        assert_eq!(layer.stances["t"], Stance::Favor);
        assert_eq!(primary(&after).count(), 2);

        // Importing the same again changes nothing, under every policy.
        for policy in [Policy::KeepMine, Policy::KeepTheirs, Policy::Both] {
            let again: Vec<Imported> = after
                .articles
                .iter()
                .cloned()
                .map(|a| item(a, None))
                .collect();
            let (same, plan) = merged(&after, &again, policy, "bob");
            assert!(plan.edits.is_empty(), "{policy:?}");
            assert_eq!(same, after);
        }
    }

    #[test]
    fn annotators_from_the_file_and_refusals() {
        let text = "زار فؤاد حسين بغداد";
        let anna = art(text, &[(4, 13, "PER")]);
        let bob = art(text, &[(4, 13, "ORG")]);
        let (ws, plan) = merged(
            &Workspace::default(),
            &[item(anna.clone(), Some("anna@x")), item(bob, Some("bob@x"))],
            Policy::Both,
            "file",
        );
        assert_eq!(
            plan.outcomes,
            [
                Outcome::Added(anna.id.clone()),
                Outcome::Layered(layer_id(&anna.id, "bob@x"))
            ]
        );
        assert_eq!(ws.articles[1].spans[0].label, "ORG");
        // A hand-edited file: same id, other text.
        let mut forged = art("نص آخر", &[]);
        forged.id = anna.id.clone();
        let (_, plan) = merged(&ws, &[item(forged, None)], Policy::KeepTheirs, "x");
        assert!(matches!(plan.outcomes[0], Outcome::Refused { .. }));
        assert!(plan.edits.is_empty());
    }
}
