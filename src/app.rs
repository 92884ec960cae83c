//! The root component: provides the narrow contexts and lays out the page.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::browser;
use crate::components::{
    ArticleList, ArticleView, DropZone, Header, HelpOverlay, NoticeList, OpenArticle, SidePanel,
};
use crate::i18n::I18n;
use crate::intake;
use crate::keyboard::{self, Commands};
use crate::store::{Notices, Store};
use crate::ui::Ui;

/// The whole page. Files dropped anywhere on it are added to the workspace.
#[component]
pub fn App() -> impl IntoView {
    let notices = Notices::new();
    let store = Store::load(notices);
    provide_context(store);
    provide_context(notices);
    provide_context(I18n(store.lang));
    provide_context(store.engine);
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
    // A page being closed or reloaded writes what is still pending, synchronously.
    let pagehide = window_event_listener(leptos::ev::pagehide, move |_| store.flush());
    on_cleanup(move || pagehide.remove());

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
                spawn_local(intake::add_files(store, notices, files));
            }
        >
            <Header/>
            <NoticeList/>
            <Show when=empty fallback=|| view! {
                <div class="workbench">
                    <ArticleList/>
                    <ArticleView/>
                    <SidePanel/>
                </div>
            }>
                <DropZone/>
            </Show>
            <HelpOverlay/>
        </div>
    }
}
