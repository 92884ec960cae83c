//! Messages about files and storage, each naming what it is about, until dismissed.

use leptos::prelude::*;

use crate::i18n::I18n;
use crate::store::Notices;

/// The stack of notices under the top bar.
#[component]
pub fn NoticeList() -> impl IntoView {
    let notices = expect_context::<Notices>();
    let i18n = expect_context::<I18n>();
    view! {
        <div class="notices" role="status" aria-live="polite" data-testid="notices">
            <For each=move || notices.list() key=|n| n.id let:notice>
                <div class=format!("notice {}", notice.kind.class()) data-testid="notice" data-kind=notice.kind.class()>
                    {notice.file.clone().map(|file| view! { <strong class="file">{file}</strong> })}
                    <span class="text">{notice.text.clone()}</span>
                    <button
                        class="ghost small"
                        aria-label=move || i18n.t().dismiss
                        on:click=move |_| notices.dismiss(notice.id)
                    >
                        "×"
                    </button>
                </div>
            </For>
        </div>
    }
}
