//! Above the text: the labels (1–9), and the article-wide actions.

use leptos::prelude::*;
use raqim_engine::article::Status;
use raqim_engine::span::SpanState;
use raqim_engine::workspace::LabelDef;
use raqim_engine::{ArticleId, Edit};

use crate::i18n::I18n;
use crate::store::Store;
use crate::ui::Ui;

/// The workspace's labels with their places (key `n + 1` picks label `n`), read tracked: for
/// keyed lists of labels.
pub(crate) fn numbered_labels(store: Store) -> Vec<(usize, LabelDef)> {
    store
        .workspace
        .with(|ws| ws.settings.labels.iter().cloned().enumerate().collect())
}

/// The label bar and the article's actions.
#[component]
pub fn ArticleToolbar(id: ArticleId) -> impl IntoView {
    let store = expect_context::<Store>();
    let ui = expect_context::<Ui>();
    let i18n = expect_context::<I18n>();
    let commands = expect_context::<crate::keyboard::Commands>();
    let labels = move || numbered_labels(store);
    let open_suggestions = {
        let id = id.clone();
        Memo::new(move |_| {
            store.workspace.with(|ws| {
                ws.article(&id).map_or(0, |a| {
                    a.spans
                        .iter()
                        .filter(|s| s.state == SpanState::Suggested)
                        .count()
                })
            })
        })
    };
    let status = {
        let id = id.clone();
        Memo::new(move |_| store.workspace.with(|ws| ws.article(&id).map(|a| a.status)))
    };
    let edit = {
        let id = id.clone();
        move |make: fn(ArticleId) -> Edit| {
            let _ = store.dispatch(make(id.clone()));
        }
    };
    let (undo, redo, accept_all) = (edit.clone(), edit.clone(), edit.clone());
    let toggle_done = {
        let id = id.clone();
        move |_| {
            let next = if status.get() == Some(Status::Done) {
                Status::InProgress
            } else {
                Status::Done
            };
            let _ = store.dispatch(Edit::SetStatus {
                article: id.clone(),
                status: next,
            });
        }
    };
    view! {
        <div class="toolbar">
            <div class="labels" role="toolbar" data-testid="label-bar">
                <For each=labels key=|(i, l)| (*i, l.name.clone(), l.color.clone()) let:((index, label))>
                    {
                        let name = label.name.clone();
                        let pick = name.clone();
                        view! {
                            <button
                                class="label-chip"
                                class:active=move || ui.active_label.get() == name
                                style:--c=label.color.clone()
                                data-testid="label-chip"
                                data-label=label.name.to_string()
                                on:click=move |_| commands.pick_label(&pick)
                            >
                                <kbd>{index + 1}</kbd>
                                {label.name.to_string()}
                            </button>
                        }
                    }
                </For>
            </div>
            <div class="article-actions">
                <button data-testid="accept-all" disabled=move || open_suggestions.get() == 0 on:click=move |_| accept_all(|article| Edit::AcceptAll { article })>
                    {move || i18n.t().accept_all} " (" {move || open_suggestions.get()} ")"
                </button>
                <button class="ghost" data-testid="undo" on:click=move |_| undo(|article| Edit::Undo { article })>{move || i18n.t().undo}</button>
                <button class="ghost" data-testid="redo" on:click=move |_| redo(|article| Edit::Redo { article })>{move || i18n.t().redo}</button>
                <label class="check">
                    <input type="checkbox" data-testid="show-rejected" prop:checked=move || ui.show_rejected.get() on:change=move |_| ui.show_rejected.update(|v| *v = !*v)/>
                    {move || i18n.t().show_rejected}
                </label>
                <button class="primary" data-testid="mark-done" on:click=toggle_done>
                    {move || if status.get() == Some(Status::Done) { i18n.t().reopen } else { i18n.t().mark_done }}
                </button>
                <button class="ghost help-button" data-testid="help-button" aria-label=move || i18n.t().shortcuts on:click=move |_| ui.help.set(true)>"?"</button>
            </div>
        </div>
    }
}
