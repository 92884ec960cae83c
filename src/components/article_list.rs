//! The document list: every article with its size, length and status.

use leptos::prelude::*;
use leptos::reactive::computed::Selector;
use raqim_engine::{ArticleId, Edit, Status};

use super::format_bytes;
use crate::i18n::I18n;
use crate::store::Store;

/// What a row shows; a row is rebuilt only when one of these changes.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Row {
    id: ArticleId,
    file: String,
    bytes: usize,
    chars: usize,
    status: Status,
}

/// The list of articles in the workspace.
#[component]
pub fn ArticleList() -> impl IntoView {
    let store = expect_context::<Store>();
    let i18n = expect_context::<I18n>();
    let query = RwSignal::new(String::new());
    // Articles whose text or file name contains the query (folded like the engine's matching,
    // so أ/ا, ى/ي and harakat do not matter).
    let matching = Memo::new(move |_| {
        let q = raqim_engine::text::fold(query.get().trim());
        (!q.is_empty()).then(|| store.workspace.with(|ws| store.engine.containing(ws, &[q])))
    });
    let rows = move || {
        let matching = matching.get();
        store.workspace.with(|ws| {
            ws.articles
                .iter()
                .filter(|a| matching.as_ref().is_none_or(|m| m.contains(&a.id)))
                .map(|a| Row {
                    id: a.id.clone(),
                    file: a.file.clone(),
                    bytes: a.bytes,
                    chars: a.chars,
                    status: a.status,
                })
                .collect::<Vec<_>>()
        })
    };
    // Opening another article re-renders two rows, and adding one re-renders none.
    let selected = Selector::new(move || store.workspace.with(|ws| ws.selected.clone()));
    let count = move || store.workspace.with(|ws| ws.articles.len());
    let done = move || {
        store.workspace.with(|ws| {
            ws.articles
                .iter()
                .filter(|a| a.status == Status::Done)
                .count()
        })
    };
    let in_progress = move || {
        store.workspace.with(|ws| {
            ws.articles
                .iter()
                .filter(|a| a.status == Status::InProgress)
                .count()
        })
    };
    view! {
        <aside class="article-list" data-testid="article-list">
            <h2>{move || i18n.t().articles} " " <span class="count" data-testid="article-count">{count}</span></h2>
            <div class="progress" data-testid="progress">
                <progress max=count value=done></progress>
                <span>
                    <span data-testid="done-count">{done}</span> "/" {count} " " {move || i18n.t().progress}
                    " · " {in_progress} " " {move || i18n.t().status_in_progress}
                </span>
            </div>
            <input
                type="search"
                class="search"
                dir="auto"
                data-testid="article-search"
                placeholder=move || i18n.t().search
                prop:value=move || query.get()
                on:input=move |ev| query.set(event_target_value(&ev))
            />
            <ul>
                <For each=rows key=|row| row.clone() let:row>
                    <ArticleRow row selected=selected.clone()/>
                </For>
            </ul>
        </aside>
    }
}

/// One article in the list: click to open, × to remove.
#[component]
fn ArticleRow(row: Row, selected: Selector<Option<ArticleId>>) -> impl IntoView {
    let store = expect_context::<Store>();
    let i18n = expect_context::<I18n>();
    let Row {
        id,
        file,
        bytes,
        chars,
        status,
    } = row;
    let selected = {
        let id = Some(id.clone());
        move || selected.selected(&id)
    };
    let select = {
        let id = id.clone();
        move |_| {
            let _ = store.dispatch(Edit::Select {
                id: Some(id.clone()),
            });
        }
    };
    let remove = {
        let id = id.clone();
        move |_| {
            let _ = store.dispatch(Edit::RemoveArticle { id: id.clone() });
        }
    };
    let status_text = move || match status {
        Status::New => i18n.t().status_new,
        Status::InProgress => i18n.t().status_in_progress,
        Status::Done => i18n.t().status_done,
    };
    let status_class = match status {
        Status::New => "status new",
        Status::InProgress => "status in-progress",
        Status::Done => "status done",
    };
    view! {
        <li class="article-row" class:selected=selected data-testid="article-row" data-id=id.0.clone()>
            <button class="open" on:click=select>
                <span class="file" data-testid="article-file" dir="auto">{file}</span>
                <span class="details">
                    <span>{format_bytes(bytes as f64)}</span>
                    " · "
                    <span data-testid="article-chars">{chars}</span> " " {move || i18n.t().chars}
                </span>
                <span class=status_class data-testid="article-status">{status_text}</span>
            </button>
            <button class="ghost small remove" data-testid="remove-article" aria-label=move || i18n.t().remove on:click=remove>
                "×"
            </button>
        </li>
    }
}
