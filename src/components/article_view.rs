//! The open article, paragraph by paragraph, rendered as text nodes only.

use leptos::prelude::*;

use super::format_bytes;
use crate::i18n::I18n;
use crate::store::Store;

/// The article selected in the list.
#[component]
pub fn ArticleView() -> impl IntoView {
    let store = expect_context::<Store>();
    let i18n = expect_context::<I18n>();
    let article = move || store.workspace.with(|ws| ws.selected_article().cloned());
    view! {
        <main class="article-view" data-testid="article-view">
            {move || article().map(|a| {
                let paragraphs: Vec<(usize, String)> =
                    a.paragraphs().map(|(start, line)| (start, line.to_owned())).collect();
                view! {
                    <header class="article-header">
                        <h2 dir="auto" data-testid="article-title">{a.file.clone()}</h2>
                        <p class="meta">
                            {format_bytes(a.bytes)} " · " {a.chars} " " {move || i18n.t().chars}
                            " · " {move || i18n.t().encoding} " " <span data-testid="article-encoding">{a.encoding.clone()}</span>
                        </p>
                    </header>
                    <article class="article-text" dir="rtl" lang="ar" data-testid="article-text">
                        {paragraphs.into_iter().map(|(start, line)| {
                            let blank = line.is_empty();
                            view! { <p class:blank=blank data-start=start>{line}</p> }
                        }).collect_view()}
                    </article>
                }
            })}
        </main>
    }
}
