//! Export: Raqim JSONL in one click, the other tools' formats from a menu.

use leptos::prelude::*;
use leptos::task::spawn_local;
use raqim_engine::article::Status;
use raqim_engine::formats::{merge, Export};
use raqim_engine::ArticleId;

use crate::browser::{self, FileParts};
use crate::i18n::I18n;
use crate::store::{NoticeKind, Notices, Store};

/// How long one step of writing an export may hold the main thread (ms); the page paints and
/// handles input between steps.
const STEP_MS: f64 = 30.0;

/// Writes the workspace's articles in `format` (only those marked done, with `done_only`) and
/// offers the file as a download. The articles are written a few at a time, each step one short
/// task, straight into the file's parts ([`FileParts`]): a thousand articles never freeze the
/// page nor sit in memory as one string. Each article is written as it is when its step runs.
async fn write(store: Store, format: Export, done_only: bool, name: &str) -> Result<(), String> {
    // Annotator layers are other people's work: the training export is the workspace's own
    // (adjudicated) articles.
    let (ids, settings): (Vec<(usize, ArticleId)>, _) = store.workspace.with_untracked(|ws| {
        let ids = ws
            .articles
            .iter()
            .enumerate()
            .filter(|(_, a)| !merge::is_layer(a) && (!done_only || a.status == Status::Done))
            .map(|(at, a)| (at, a.id.clone()))
            .collect();
        (ids, ws.settings.clone())
    });
    let mut writer = format.writer();
    let mut file = FileParts::default();
    let mut next = ids.iter();
    loop {
        let started = browser::clock_ms();
        let more = store.workspace.with_untracked(|ws| {
            store.engine.with(|engine| {
                for (at, id) in next.by_ref() {
                    // Where it was, unless edits since moved it (or removed it).
                    let article = ws
                        .articles
                        .get(*at)
                        .filter(|a| a.id == *id)
                        .or_else(|| ws.article(id));
                    if let Some(article) = article {
                        writer.article(article, &settings, engine.tokenizer(), file.text());
                        file.settle()?;
                    }
                    if browser::clock_ms() - started > STEP_MS {
                        return Ok(true);
                    }
                }
                Ok::<_, String>(false)
            })
        })?;
        if !more {
            break;
        }
        browser::yield_now().await;
    }
    writer.finish(&settings, file.text());
    file.download(name, format.mime())
}

/// The export button and its menu of formats.
#[component]
pub fn ExportMenu() -> impl IntoView {
    let store = expect_context::<Store>();
    let notices = expect_context::<Notices>();
    let i18n = expect_context::<I18n>();
    let done_only = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let menu = NodeRef::<leptos::html::Details>::new();
    let export = move |format: Export| {
        if busy.get_untracked() {
            return; // one export at a time
        }
        busy.set(true);
        let stem = if format == Export::Raqim {
            "export"
        } else {
            format.name()
        };
        let name = format!("raqim-{stem}-{}.{}", browser::today(), format.extension());
        spawn_local(async move {
            if let Err(err) = write(store, format, done_only.get_untracked(), &name).await {
                notices.push(NoticeKind::Error, Some(name), err);
            }
            busy.set(false);
        });
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
            <button data-testid="export" aria-busy=move || busy.get().to_string() on:click=move |_| export(Export::Raqim)>{move || i18n.t().export}</button>
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
