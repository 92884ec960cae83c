//! The empty workspace: where to drop files, the file picker, and the sample articles.

use leptos::prelude::*;

use crate::i18n::I18n;
use crate::intake;
use crate::samples::SAMPLES;
use crate::store::{Notices, Store};

/// Shown while the workspace has no articles.
#[component]
pub fn DropZone() -> impl IntoView {
    let store = expect_context::<Store>();
    let notices = expect_context::<Notices>();
    let i18n = expect_context::<I18n>();
    let load_samples = move |_| {
        for (name, bytes) in SAMPLES {
            intake::add_file(&store, &notices, name, bytes);
        }
    };
    view! {
        <section class="drop-zone" data-testid="drop-zone">
            <div class="drop-icon" aria-hidden="true">"⇣"</div>
            <h1>{move || i18n.t().drop_title}</h1>
            <p class="hint">{move || i18n.t().drop_hint}</p>
            <div class="drop-actions">
                <label class="button primary" for="file-input">{move || i18n.t().open_files}</label>
                <button data-testid="try-samples" on:click=load_samples>{move || i18n.t().try_samples}</button>
            </div>
            <p class="privacy">{move || i18n.t().drop_privacy}</p>
        </section>
    }
}
