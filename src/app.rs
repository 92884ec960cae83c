//! The root component: provides the narrow contexts and lays out the page.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::browser;
use crate::components::{ArticleList, ArticleView, DropZone, Header, NoticeList};
use crate::i18n::I18n;
use crate::intake;
use crate::store::{Notices, Store};

/// The whole page. Files dropped anywhere on it are added to the workspace.
#[component]
pub fn App() -> impl IntoView {
    let notices = Notices::new();
    let store = Store::load(notices);
    provide_context(store);
    provide_context(notices);
    provide_context(I18n(store.lang));

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
                </div>
            }>
                <DropZone/>
            </Show>
        </div>
    }
}
