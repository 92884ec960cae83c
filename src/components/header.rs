//! The top bar: brand, file picker, export, clear, language, save state.

use leptos::prelude::*;
use leptos::task::spawn_local;
use raqim_engine::Edit;

use crate::browser;
use crate::i18n::{I18n, Lang};
use crate::intake;
use crate::store::{NoticeKind, Notices, SaveState, Store};

/// The top bar.
#[component]
pub fn Header() -> impl IntoView {
    let store = expect_context::<Store>();
    let i18n = expect_context::<I18n>();
    let has_articles = move || store.workspace.with(|ws| !ws.articles.is_empty());
    view! {
        <header class="topbar">
            <div class="brand">
                <span class="logo" aria-hidden="true">"رقيم"</span>
                <span class="name">"Raqim"</span>
                <span class="tagline">{move || i18n.t().tagline}</span>
            </div>
            <div class="actions">
                <FilePicker/>
                <Show when=has_articles>
                    <ExportButton/>
                    <ClearButton/>
                </Show>
                <button
                    class="ghost"
                    data-testid="lang-toggle"
                    on:click=move |_| {
                        let next = if store.lang.get_untracked() == Lang::Ar { Lang::En } else { Lang::Ar };
                        store.set_lang(next);
                    }
                >
                    {move || i18n.t().switch_lang}
                </button>
                <SaveIndicator/>
            </div>
        </header>
    }
}

/// "Open files…": a label for the page's one hidden file input.
#[component]
fn FilePicker() -> impl IntoView {
    let store = expect_context::<Store>();
    let notices = expect_context::<Notices>();
    let i18n = expect_context::<I18n>();
    view! {
        <label class="button primary" for="file-input" data-testid="open-files">
            {move || i18n.t().open_files}
        </label>
        <input
            id="file-input"
            data-testid="file-input"
            class="visually-hidden"
            type="file"
            multiple
            accept=".txt,text/plain"
            on:change=move |ev| {
                let input: web_sys::HtmlInputElement = event_target(&ev);
                let files = browser::files(input.files());
                input.set_value("");
                spawn_local(intake::add_files(store, notices, files));
            }
        />
    }
}

/// "Export JSONL": downloads every article as one JSON line.
#[component]
fn ExportButton() -> impl IntoView {
    let store = expect_context::<Store>();
    let notices = expect_context::<Notices>();
    let i18n = expect_context::<I18n>();
    let export = move |_| {
        let jsonl = store.workspace.with_untracked(|ws| {
            store
                .engine
                .with(|e| raqim_engine::export::jsonl(&ws.articles, &ws.settings, e.tokenizer()))
        });
        let name = format!("raqim-export-{}.jsonl", browser::today());
        if let Err(err) = browser::download(&name, "application/x-ndjson", &jsonl) {
            notices.push(NoticeKind::Error, Some(name), err);
        }
    };
    view! {
        <button data-testid="export" on:click=export>{move || i18n.t().export}</button>
    }
}

/// "Clear workspace", with an in-page confirmation.
#[component]
fn ClearButton() -> impl IntoView {
    let store = expect_context::<Store>();
    let i18n = expect_context::<I18n>();
    let confirming = RwSignal::new(false);
    view! {
        <button class="danger ghost" data-testid="clear" on:click=move |_| confirming.set(true)>
            {move || i18n.t().clear}
        </button>
        <Show when=move || confirming.get()>
            <div class="confirm" role="alertdialog" data-testid="clear-confirm">
                <p>{move || i18n.t().clear_confirm}</p>
                <button
                    class="danger"
                    data-testid="clear-yes"
                    on:click=move |_| {
                        let _ = store.dispatch(Edit::Clear);
                        confirming.set(false);
                    }
                >
                    {move || i18n.t().clear_yes}
                </button>
                <button data-testid="clear-cancel" on:click=move |_| confirming.set(false)>
                    {move || i18n.t().cancel}
                </button>
            </div>
        </Show>
    }
}

/// Shows whether the last edit is safely stored.
#[component]
fn SaveIndicator() -> impl IntoView {
    let store = expect_context::<Store>();
    let i18n = expect_context::<I18n>();
    view! {
        <span
            class="save-state"
            data-testid="save-state"
            class:failed=move || matches!(store.save.get(), SaveState::Failed(_))
            class:saving=move || store.save.get() == SaveState::Saving
        >
            {move || match store.save.get() {
                SaveState::Saved => i18n.t().saved,
                SaveState::Saving => i18n.t().saving,
                SaveState::Failed(_) => i18n.t().not_saved,
            }}
        </span>
    }
}
