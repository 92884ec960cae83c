//! The top bar: brand, file picker, export, clear, language, storage, save state.

mod storage_panel;

use leptos::prelude::*;
use leptos::task::spawn_local;
use raqim_engine::Edit;

use super::export_menu::ExportMenu;
use crate::browser;
use crate::i18n::{I18n, Lang};
use crate::imports::Imports;
use crate::intake;
use crate::store::{Notices, SaveState, Store};

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
                <ImportButton/>
                <Show when=has_articles>
                    <ExportMenu/>
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
                <storage_panel::StoragePanel/>
                <SaveIndicator/>
            </div>
        </header>
        <storage_panel::StorageAlerts/>
    }
}

/// "Open files…": articles from the file picker, into the workspace.
#[component]
fn FilePicker() -> impl IntoView {
    let store = expect_context::<Store>();
    let notices = expect_context::<Notices>();
    let i18n = expect_context::<I18n>();
    view! {
        <FileButton
            testid="open-files"
            input_id="file-input"
            class="button primary"
            accept=".txt,text/plain"
            label=Signal::derive(move || i18n.t().open_files)
            on_files=move |files| spawn_local(intake::add_files(store, notices, files))
        />
    }
}

/// "Import…": labelled data from Raqim, doccano or Label Studio, reviewed before it merges.
#[component]
fn ImportButton() -> impl IntoView {
    let notices = expect_context::<Notices>();
    let imports = expect_context::<Imports>();
    let i18n = expect_context::<I18n>();
    view! {
        <FileButton
            testid="import"
            input_id="import-input"
            class="button ghost"
            accept=".jsonl,.json,.ndjson,application/json,application/x-ndjson"
            label=Signal::derive(move || i18n.t().import)
            on_files=move |files| spawn_local(imports.stage(notices, files, i18n.t().import_empty))
        />
    }
}

/// A button-styled label for a hidden file input (`input_id`, also its test id): the files
/// picked go to `on_files`, and the input is emptied so the same files can be picked again.
#[component]
fn FileButton(
    testid: &'static str,
    input_id: &'static str,
    class: &'static str,
    accept: &'static str,
    #[prop(into)] label: Signal<&'static str>,
    on_files: impl Fn(Vec<web_sys::File>) + 'static,
) -> impl IntoView {
    view! {
        <label class=class for=input_id data-testid=testid>{move || label.get()}</label>
        <input
            id=input_id
            data-testid=input_id
            class="visually-hidden"
            type="file"
            multiple
            accept=accept
            on:change=move |ev| {
                let input: web_sys::HtmlInputElement = event_target(&ev);
                let files = browser::files(input.files());
                input.set_value("");
                on_files(files);
            }
        />
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

/// Shows whether the last edit is safely stored: *Saved* only once the storage transaction
/// holding it has completed.
#[component]
fn SaveIndicator() -> impl IntoView {
    let store = expect_context::<Store>();
    let i18n = expect_context::<I18n>();
    let state = move || {
        if !store.status.ready.get() {
            return "loading";
        }
        match store.save.get() {
            SaveState::Saved => "saved",
            SaveState::Saving => "saving",
            SaveState::Failed(_) => "failed",
        }
    };
    view! {
        <span
            class="save-state"
            data-testid="save-state"
            data-state=state
            role="status"
            title=move || match store.save.get() {
                SaveState::Failed(reason) => reason,
                _ => String::new(),
            }
            class:failed=move || state() == "failed"
            class:saving=move || matches!(state(), "saving" | "loading")
        >
            {move || match state() {
                "loading" => i18n.t().loading,
                "saved" => i18n.t().saved,
                "saving" => i18n.t().saving,
                _ => i18n.t().not_saved,
            }}
        </span>
    }
}
