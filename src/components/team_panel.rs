//! Team work without a server: agreement between annotators, and adjudication.
//!
//! Other annotators' work arrives by importing their exports with "both as annotators", which
//! adds each of their articles as a layer (`<id>@<name>`). This tab compares any two annotators
//! and lets the analyst decide each conflict; the decision replaces the workspace's own article,
//! which is what every export writes.

use leptos::prelude::*;
use raqim_engine::formats::adjudicate::{adjudicate, resolve, Pick};
use raqim_engine::formats::agreement::{agreement, annotators};
use raqim_engine::formats::merge;
use raqim_engine::{order, ArticleId};

use crate::i18n::I18n;
use crate::store::{NoticeKind, Notices, Store};

/// The workspace's own articles, as an annotator.
const MINE: &str = "mine";

fn pct(x: f64) -> String {
    format!("{:.0} %", x * 100.0)
}

/// Agreement between two annotators, and adjudication of one article.
#[component]
pub fn TeamPanel() -> impl IntoView {
    let store = expect_context::<Store>();
    let i18n = expect_context::<I18n>();
    let names = Memo::new(move |_| {
        store
            .workspace
            .with(|ws| annotators(ws, MINE).into_keys().collect::<Vec<_>>())
    });
    let a = RwSignal::new(MINE.to_owned());
    let b = RwSignal::new(String::new());
    Effect::new(move |_| {
        // Default B: the first annotator other than A.
        let names = names.get();
        if !names.contains(&b.get_untracked()) || b.get_untracked() == a.get_untracked() {
            if let Some(other) = names.iter().find(|n| **n != a.get_untracked()) {
                b.set(other.clone());
            }
        }
    });
    let adjudicating = RwSignal::new(None::<ArticleId>);
    let report = Memo::new(move |_| {
        let (a, b) = (a.get(), b.get());
        store.workspace.with(|ws| {
            let by = annotators(ws, MINE);
            let (Some(xa), Some(xb)) = (by.get(&a), by.get(&b)) else {
                return None;
            };
            Some(agreement(xa.iter().copied(), xb.iter().copied()))
        })
    });
    let select = move |signal: RwSignal<String>, testid: &'static str| {
        view! {
            <select data-testid=testid prop:value=move || signal.get() on:change=move |ev| signal.set(event_target_value(&ev))>
                {move || names.get().into_iter().map(|n| view! { <option value=n.clone()>{n.clone()}</option> }).collect_view()}
            </select>
        }
    };
    view! {
        <section class="panel team-panel" data-testid="team-panel">
            <Show when=move || { names.with(|n| n.len() >= 2) } fallback=move || view! { <p class="hint">{move || i18n.t().team_hint}</p> }>
                <div class="row">{select(a, "annotator-a")} " ↔ " {select(b, "annotator-b")}</div>
                {move || report.get().map(|r| {
                    let kappa = r.stance_overall.kappa.map_or_else(|| "—".to_owned(), |k| format!("{k:.2}"));
                    view! {
                        <dl class="facts" data-testid="agreement">
                            <dt>{move || i18n.t().exact_f1}</dt><dd data-testid="exact-f1">{pct(r.exact.f1())}</dd>
                            <dt>{move || i18n.t().overlap_f1}</dt><dd data-testid="overlap-f1">{pct(r.overlap.f1())}</dd>
                            <dt>{move || i18n.t().stance_kappa}</dt><dd data-testid="kappa">{kappa} " (n=" {r.stance_overall.n} ")"</dd>
                        </dl>
                        <table class="agreement-table">
                            <tbody>
                                {r.articles.iter().map(|x| {
                                    let id = x.id.clone();
                                    view! {
                                        <tr data-testid="agreement-row">
                                            <td dir="auto">{x.file.clone()}</td>
                                            <td>{pct(x.exact.f1())}</td>
                                            <td><span data-testid="disagreement-count">{x.disagreements.len()}</span> " " {move || i18n.t().disagreements}</td>
                                            <td><button class="small" data-testid="adjudicate" on:click=move |_| adjudicating.set(Some(id.clone()))>{move || i18n.t().adjudicate}</button></td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    }
                })}
                {move || adjudicating.get().map(|id| view! { <Adjudication id a=a.get_untracked() b=b.get_untracked() done=adjudicating/> })}
            </Show>
        </section>
    }
}

/// One article's conflicts between annotators A and B, each decided by the analyst.
#[component]
fn Adjudication(
    id: ArticleId,
    a: String,
    b: String,
    done: RwSignal<Option<ArticleId>>,
) -> impl IntoView {
    let store = expect_context::<Store>();
    let notices = expect_context::<Notices>();
    let i18n = expect_context::<I18n>();
    let versions = store.workspace.with_untracked(|ws| {
        let by = annotators(ws, MINE);
        let find = |who: &str| {
            by.get(who)?
                .iter()
                .find(|x| merge::base_of(&x.id) == id)
                .map(|x| (*x).clone())
        };
        Some((find(&a)?, find(&b)?))
    });
    let Some((va, vb)) = versions else {
        return view! { <p class="hint">{move || i18n.t().nothing_to_adjudicate}</p> }.into_any();
    };
    let adj = adjudicate(&va, &vb);
    let (file, agreed) = (va.file.clone(), adj.agreed.len());
    let picks = RwSignal::new(vec![1u8; adj.conflicts.len()]); // 0 = A, 1 = B, 2 = neither
    let stance_picks = RwSignal::new(vec![0u8; adj.stance_conflicts.len()]);
    let text = va.text.clone();
    let show = move |spans: &[raqim_engine::Span]| -> String {
        if spans.is_empty() {
            return "—".to_owned();
        }
        spans
            .iter()
            .map(|s| format!("{} «{}»", s.label, s.text(&text)))
            .collect::<Vec<_>>()
            .join(" · ")
    };
    let conflicts: Vec<(usize, String, String)> = adj
        .conflicts
        .iter()
        .enumerate()
        .map(|(i, c)| (i, show(&c.a), show(&c.b)))
        .collect();
    let stance_conflicts: Vec<(usize, String, String, String)> = adj
        .stance_conflicts
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let name =
                |s: Option<raqim_engine::stance::Stance>| s.map_or("—", |s| s.as_str()).to_owned();
            (i, c.target.clone(), name(c.a), name(c.b))
        })
        .collect();
    let save = move |_| {
        let choices: Vec<Pick> = picks
            .get_untracked()
            .iter()
            .map(|p| match p {
                0 => Pick::A,
                1 => Pick::B,
                _ => Pick::Neither,
            })
            .collect();
        let stances = order::map(
            adj.stance_conflicts
                .iter()
                .zip(stance_picks.get_untracked())
                .map(|(c, p)| (c.target.clone(), if p == 0 { c.a } else { c.b })),
        );
        match resolve(&va, &vb, &adj, &choices, &stances) {
            Ok(mut article) => {
                article.id = merge::base_of(&article.id);
                let edits = store.workspace.with_untracked(|ws| {
                    if let Some(own) = ws.article(&article.id) {
                        article.file = own.file.clone();
                    }
                    merge::replace(ws, article)
                });
                for edit in edits {
                    let _ = store.dispatch(edit);
                }
                notices.push(NoticeKind::Info, None, i18n.t().adjudicated.to_owned());
                done.set(None);
            }
            Err(err) => notices.push(NoticeKind::Error, None, err),
        }
    };
    let choice =
        move |signal: RwSignal<Vec<u8>>, i: usize, value: u8, testid: String, text: String| {
            view! {
                <label class="check">
                    <input
                        type="radio"
                        name=format!("{testid}-{i}")
                        data-testid=format!("{testid}-{i}")
                        prop:checked=move || signal.with(|p| p[i] == value)
                        on:change=move |_| signal.update(|p| p[i] = value)
                    />
                    <span dir="auto">{text}</span>
                </label>
            }
        };
    view! {
        <div class="adjudication" data-testid="adjudication">
            <h3>{move || i18n.t().adjudicate} " " <span dir="auto">{file}</span></h3>
            <p class="hint"><span data-testid="agreed-count">{agreed}</span> " " {move || i18n.t().agreed_spans}</p>
            <ol class="conflicts">
                {conflicts.into_iter().map(|(i, sa, sb)| view! {
                    <li data-testid="conflict">
                        {choice(picks, i, 0, "pick-a".into(), format!("{a}: {sa}"))}
                        {choice(picks, i, 1, "pick-b".into(), format!("{b}: {sb}"))}
                        {choice(picks, i, 2, "pick-none".into(), i18n.t().neither.to_owned())}
                    </li>
                }).collect_view()}
                {stance_conflicts.into_iter().map(|(i, target, sa, sb)| view! {
                    <li data-testid="stance-conflict">
                        <span dir="auto">{target}</span>
                        {choice(stance_picks, i, 0, "stance-pick-a".into(), format!("{a}: {sa}"))}
                        {choice(stance_picks, i, 1, "stance-pick-b".into(), format!("{b}: {sb}"))}
                    </li>
                }).collect_view()}
            </ol>
            <div class="row">
                <button class="primary" data-testid="save-adjudication" on:click=save>{move || i18n.t().save_adjudication}</button>
                <button on:click=move |_| done.set(None)>{move || i18n.t().cancel}</button>
            </div>
        </div>
    }
    .into_any()
}
