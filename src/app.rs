//! The root component: provides the narrow contexts and lays out the page.

use leptos::prelude::*;
use leptos::task::spawn_local;
use raqim_engine::Label;

use crate::browser;
use crate::components::{
    ArticleList, ArticleView, DropZone, Header, HelpOverlay, ImportDialog, NoticeList, OpenArticle,
    SidePanel,
};
use crate::i18n::I18n;
use crate::imports::{self, Imports};
use crate::intake;
use crate::keyboard::{self, Commands};
use crate::store::{Notices, Store};
use crate::ui::Ui;

/// The whole page. Files dropped anywhere on it are added to the workspace.
#[component]
pub fn App() -> impl IntoView {
    let notices = Notices::new();
    // The saved workspace is read asynchronously (IndexedDB): the page shows a loading state
    // until `Store::start` has read it.
    let store = Store::new(notices);
    provide_context(store);
    provide_context(notices);
    provide_context(I18n(store.lang));
    provide_context(store.engine);
    let imports = Imports::new();
    provide_context(imports);
    let first_label = store
        .workspace
        .with_untracked(|ws| ws.settings.labels.first().map(|l| l.name.clone()));
    let ui = Ui::new(first_label.unwrap_or_default());
    provide_context(ui);
    let open = StoredValue::new(None::<OpenArticle>);
    provide_context(open);
    let commands = Commands { store, ui, open };
    provide_context(commands);
    keyboard::install(commands);
    spawn_local(async move {
        store.start().await;
        // The active label follows the loaded workspace's label set.
        let labels = store.workspace.with_untracked(|ws| {
            ws.settings
                .labels
                .iter()
                .map(|l| l.name.clone())
                .collect::<Vec<Label>>()
        });
        if !labels.contains(&ui.active_label.get_untracked()) {
            if let Some(first) = labels.first() {
                ui.active_label.set(first.clone());
            }
        }
    });
    // A page being closed, reloaded or hidden starts writing what is pending at once (every
    // edit is already in the synchronous journal); a page restored from the back/forward cache
    // reads the storage again.
    let pagehide = window_event_listener(leptos::ev::pagehide, move |_| store.closing());
    let hidden = window_event_listener(
        leptos::ev::Custom::<web_sys::Event>::new("visibilitychange"),
        move |_| {
            if browser::hidden() {
                store.closing();
            }
        },
    );
    let pageshow = window_event_listener(leptos::ev::pageshow, move |ev| {
        if ev.persisted() {
            browser::reload();
        }
    });
    on_cleanup(move || {
        pagehide.remove();
        hidden.remove();
        pageshow.remove();
    });

    // <html lang/dir> follow the interface language (the article text is always RTL).
    Effect::new(move |_| {
        let lang = store.lang.get();
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("lang", lang.tag());
            let _ = root.set_attribute("dir", if lang.tag() == "ar" { "rtl" } else { "ltr" });
        }
    });

    let dragging = RwSignal::new(false);
    let empty = move || store.workspace.with(|ws| ws.articles.is_empty());

    view! {
        <div
            class="app"
            class:dragging=move || dragging.get()
            data-testid="drop-target"
            on:dragover=move |ev| {
                ev.prevent_default();
                dragging.set(true);
            }
            on:dragleave=move |_| dragging.set(false)
            on:drop=move |ev| {
                ev.prevent_default();
                dragging.set(false);
                let files = browser::files(ev.data_transfer().and_then(|dt| dt.files()));
                // Labelled data is imported (after review); anything else is an article.
                let (labelled, articles): (Vec<_>, Vec<_>) =
                    files.into_iter().partition(|f| imports::is_import(&f.name()));
                spawn_local(intake::add_files(store, notices, articles));
                spawn_local(imports.stage(notices, labelled, store.lang.get_untracked().strings().import_empty));
            }
        >
            <Header/>
            <NoticeList/>
            <Show when=move || store.status.ready.get() fallback=|| view! { <Loading/> }>
            <Show when=empty fallback=|| view! {
                <div class="workbench">
                    <ArticleList/>
                    <ArticleView/>
                    <SidePanel/>
                </div>
            }>
                <DropZone/>
            </Show>
            </Show>
            <HelpOverlay/>
            <ImportDialog/>
        </div>
    }
}

/// Shown while the saved workspace is being read.
#[component]
fn Loading() -> impl IntoView {
    let i18n = expect_context::<I18n>();
    view! {
        <section class="drop-zone loading" data-testid="loading" aria-busy="true">
            <p>{move || i18n.t().loading_workspace}</p>
            <progress></progress>
        </section>
    }
}
