//! Export: Raqim JSONL in one click, the other tools' formats from a menu.

use leptos::prelude::*;
use raqim_engine::article::Status;
use raqim_engine::formats::{merge, Export};

use crate::browser;
use crate::i18n::I18n;
use crate::store::{NoticeKind, Notices, Store};

/// The export button and its menu of formats.
#[component]
pub fn ExportMenu() -> impl IntoView {
    let store = expect_context::<Store>();
    let notices = expect_context::<Notices>();
    let i18n = expect_context::<I18n>();
    let done_only = RwSignal::new(false);
    let menu = NodeRef::<leptos::html::Details>::new();
    // Annotator layers are other people's work: the training export is the workspace's own
    // (adjudicated) articles.
    let export = move |format: Export| {
        let contents = store.workspace.with_untracked(|ws| {
            let articles = merge::primary(ws).filter(|a| !done_only.get_untracked() || a.status == Status::Done);
            store.engine.with(|e| format.write(articles, &ws.settings, e.tokenizer()))
        });
        let stem = if format == Export::Raqim { "export" } else { format.name() };
        let name = format!("raqim-{stem}-{}.{}", browser::today(), format.extension());
        if let Err(err) = browser::download(&name, format.mime(), &contents) {
            notices.push(NoticeKind::Error, Some(name), err);
        }
    };
    let label = move |format: Export| match format {
        Export::Raqim => i18n.t().format_raqim,
        Export::Doccano => i18n.t().format_doccano,
        Export::LabelStudio => i18n.t().format_label_studio,
        Export::LabelStudioConfig => i18n.t().format_label_studio_config,
        Export::Conll => i18n.t().format_conll,
    };
    view! {
        <div class="export">
            <button data-testid="export" on:click=move |_| export(Export::Raqim)>{move || i18n.t().export}</button>
            <details class="menu" data-testid="export-menu" node_ref=menu>
                <summary aria-label=move || i18n.t().export_as>"▾"</summary>
                <div class="menu-body">
                    {Export::ALL
                        .into_iter()
                        .map(|format| view! {
                            <button
                                class="ghost"
                                data-testid=format!("export-{}", format.name())
                                on:click=move |_| {
                                    export(format);
                                    if let Some(details) = menu.get() {
                                        details.set_open(false);
                                    }
                                }
                            >
                                {move || label(format)}
                            </button>
                        })
                        .collect_view()}
                    <label class="check">
                        <input type="checkbox" data-testid="export-done-only" prop:checked=move || done_only.get() on:change=move |_| done_only.update(|v| *v = !*v)/>
                        {move || i18n.t().done_only}
                    </label>
                </div>
            </details>
        </div>
    }
}
