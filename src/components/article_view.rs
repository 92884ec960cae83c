//! The open article: lines of text with spans drawn over them, and the mouse gestures that make
//! and change spans. Selections become edits here; everything else about spans is the engine's.

use std::sync::Arc;

use leptos::prelude::*;
use leptos::reactive::computed::Selector;
use raqim_engine::span::SpanState;
use raqim_engine::text::{snap_to_tokens, Token};
use raqim_engine::{ArticleId, Edit};

use super::article_toolbar::ArticleToolbar;
use super::format_bytes;
use crate::dom;
use crate::engine_host::EngineHost;
use crate::i18n::I18n;
use crate::store::Store;
use crate::ui::Ui;
use crate::view_model::{self, Edge, LineView, Piece};

/// The article selected in the list, re-created when another article is opened.
#[component]
pub fn ArticleView() -> impl IntoView {
    let store = expect_context::<Store>();
    let selected = Memo::new(move |_| {
        store
            .workspace
            .with(|ws| ws.selected_article().map(|a| a.id.clone()))
    });
    view! {
        <main class="article-view" data-testid="article-view">
            {move || selected.get().map(|id| view! { <ArticlePane id/> })}
        </main>
    }
}

/// What the keyboard handler needs to know about the open article.
#[derive(Debug, Clone)]
pub struct OpenArticle {
    pub tokens: Arc<Vec<Token>>,
}

/// One article's text and spans.
#[component]
fn ArticlePane(id: ArticleId) -> impl IntoView {
    let store = expect_context::<Store>();
    let engine = expect_context::<EngineHost>();
    let ui = expect_context::<Ui>();
    let i18n = expect_context::<I18n>();
    let open = expect_context::<StoredValue<Option<OpenArticle>>>();

    // The text never changes after decoding: read it once.
    let (text, file, bytes, chars, encoding) = store.workspace.with_untracked(|ws| {
        let a = ws
            .article(&id)
            .expect("the pane opens only for an article in the workspace");
        (
            Arc::<str>::from(a.text.as_str()),
            a.file.clone(),
            a.bytes,
            a.chars,
            a.encoding.clone(),
        )
    });
    let tokens = Arc::new(engine.tokenize(&text));
    open.set_value(Some(OpenArticle {
        tokens: tokens.clone(),
    }));
    ui.selected.set(None);
    let lines = view_model::lines(&text);
    let chunks = view_model::chunks(&lines, FIRST_CHUNK, CHUNK);
    let chunk_count = chunks.len();
    // Selecting another span re-renders two marks, not every mark.
    let selection = Selector::new(move || ui.selected.get());
    // A long article shows its first screens at once and the rest right after, in chunks, so
    // opening it never blocks on building every line.
    let shown = RwSignal::new(chunk_count.min(1));
    reveal(shown, chunk_count);

    let layout = {
        let (id, lines) = (id.clone(), lines.clone());
        Memo::new(move |_| {
            let show_rejected = ui.show_rejected.get();
            store.workspace.with(|ws| {
                ws.article(&id)
                    .map(|a| {
                        view_model::layout(
                            &lines,
                            &a.spans,
                            &a.zones,
                            &ws.settings.labels,
                            show_rejected,
                        )
                    })
                    .unwrap_or_default()
            })
        })
    };

    let add_from_selection = {
        let (id, tokens) = (id.clone(), tokens.clone());
        move || {
            let Some((a, b)) = dom::selected_range() else {
                return;
            };
            dom::clear_selection();
            let Some((start, end)) = snap_to_tokens(&tokens, a, b) else {
                return;
            };
            let label = ui.active_label.get_untracked();
            if store
                .dispatch(Edit::AddSpan {
                    article: id.clone(),
                    start,
                    end,
                    label,
                })
                .is_ok()
            {
                ui.selected.set(Some((start, end)));
            }
        }
    };
    let finish_drag = {
        let (id, tokens) = (id.clone(), tokens.clone());
        move |x: f64, y: f64, edge: Edge| {
            ui.dragging.set(None);
            dom::clear_selection();
            let (Some((start, end)), Some(cp)) =
                (ui.selected.get_untracked(), dom::cp_at_point(x, y))
            else {
                return;
            };
            let (new_start, new_end) = match edge {
                Edge::Start => (cp, end),
                Edge::End => (start, cp),
            };
            let Some((new_start, new_end)) = snap_to_tokens(&tokens, new_start, new_end) else {
                return;
            };
            if (new_start, new_end) != (start, end)
                && store
                    .dispatch(Edit::ResizeSpan {
                        article: id.clone(),
                        start,
                        end,
                        new_start,
                        new_end,
                    })
                    .is_ok()
            {
                ui.selected.set(Some((new_start, new_end)));
            }
        }
    };

    view! {
        <header class="article-header">
            <h2 dir="auto" data-testid="article-title">{file}</h2>
            <p class="meta">
                {format_bytes(bytes as f64)} " · " {chars} " " {move || i18n.t().chars}
                " · " {move || i18n.t().encoding} " " <span data-testid="article-encoding">{encoding}</span>
            </p>
        </header>
        <ArticleToolbar id=id.clone()/>
        <article
            class="article-text"
            dir="rtl"
            lang="ar"
            data-testid="article-text"
            data-article=""
            data-chars=chars
            data-complete=move || (shown.get() >= chunk_count).to_string()
            on:mouseup=move |ev| match ui.dragging.get_untracked() {
                Some(edge) => finish_drag(f64::from(ev.client_x()), f64::from(ev.client_y()), edge),
                None => add_from_selection(),
            }
        >
            {chunks
                .into_iter()
                .enumerate()
                .map(|(k, std::ops::Range { start: from, end: to })| {
                    let (lines, text, id, selection) = (lines.clone(), text.clone(), id.clone(), selection.clone());
                    view! {
                        <Show when=move || { shown.get() > k }>
                            {lines[from..to]
                                .iter()
                                .enumerate()
                                .map(|(i, line)| {
                                    view! {
                                        <Line index=from + i start=line.start layout text=text.clone() article=id.clone() selection=selection.clone()/>
                                    }
                                })
                                .collect_view()}
                        </Show>
                    }
                })
                .collect_view()}
        </article>
    }
}

/// Characters drawn with the article, before the first repaint (a few screens).
const FIRST_CHUNK: usize = 8_000;
/// Characters added per step afterwards: small enough that a step stays a short task even
/// when lines are long.
const CHUNK: usize = 12_000;

/// Shows one more chunk after each repaint until all `total` are shown (stops if the article
/// was closed meanwhile).
fn reveal(shown: RwSignal<usize>, total: usize) {
    if shown.get_untracked() >= total {
        return;
    }
    set_timeout(
        move || {
            if shown.try_update(|n| *n += 1).is_some() {
                reveal(shown, total);
            }
        },
        std::time::Duration::ZERO,
    );
}

/// One line: re-rendered only when its own pieces change.
#[component]
fn Line(
    index: usize,
    start: usize,
    layout: Memo<Vec<LineView>>,
    text: Arc<str>,
    article: ArticleId,
    selection: Selector<Option<(usize, usize)>>,
) -> impl IntoView {
    let store = expect_context::<Store>();
    let i18n = expect_context::<I18n>();
    let line = Memo::new(move |_| layout.with(|l| l.get(index).cloned()));
    let zone = move || line.with(|l| l.as_ref().is_some_and(|l| l.zone));
    let toggle_zone = move |_| {
        let Some(view) = line.get_untracked() else {
            return;
        };
        let end = view.pieces.last().map_or(start, |p| p.end);
        if end > start {
            let _ = store.dispatch(Edit::SetZone {
                article: article.clone(),
                start,
                end,
                boilerplate: !view.zone,
            });
        }
    };
    view! {
        <div class="line" class:zone=zone data-s=start>
            <button
                class="zone-toggle"
                data-testid="zone-toggle"
                title=move || i18n.t().toggle_zone
                aria-label=move || i18n.t().toggle_zone
                on:mousedown=|ev| ev.prevent_default()
                on:click=toggle_zone
            ></button>
            <p>
                {move || {
                    let text = text.clone();
                    let selection = selection.clone();
                    line.get().map(|l| l.pieces.into_iter().map(move |p| piece(&text, p, &selection)).collect_view())
                }}
            </p>
        </div>
    }
}

/// A run of text: plain, or a piece of a span.
fn piece(text: &str, piece: Piece, selection: &Selector<Option<(usize, usize)>>) -> AnyView {
    let content = view_model::piece_text(text, &piece).to_owned();
    let Some(mark) = piece.mark else {
        return view! { <span data-s=piece.start>{content}</span> }.into_any();
    };
    let ui = expect_context::<Ui>();
    let bounds = (mark.span_start, mark.span_end);
    let state = match mark.state {
        SpanState::Suggested => "suggested",
        SpanState::Accepted => "accepted",
        SpanState::Rejected => "rejected",
        SpanState::Analyst => "analyst",
    };
    view! {
        <mark
            class=format!("span {state}")
            class:selected={
                let selection = selection.clone();
                move || selection.selected(&Some(bounds))
            }
            class:first=piece.start == mark.span_start
            class:last=piece.end == mark.span_end
            style:--c=mark.color
            data-s=piece.start
            data-span-start=mark.span_start
            data-span-end=mark.span_end
            data-label=mark.label.to_string()
            data-state=state
            data-testid="span"
            title=mark.title
            on:mousedown=move |ev| {
                // Grabbing the edge of the selected span starts a resize instead of a selection.
                if ui.selected.get_untracked() != Some(bounds) {
                    return;
                }
                let Some(el) = ev.current_target().and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok()) else { return };
                let rect = el.get_bounding_client_rect();
                let x = f64::from(ev.client_x());
                // Right-to-left: the span starts at its right edge.
                let edge = if x >= rect.right() - 6.0 {
                    Some(Edge::Start)
                } else if x <= rect.left() + 6.0 {
                    Some(Edge::End)
                } else {
                    None
                };
                if let Some(edge) = edge {
                    ev.prevent_default();
                    ui.dragging.set(Some(edge));
                }
            }
            on:click=move |_| {
                let store = expect_context::<Store>();
                let exists = store.workspace.with_untracked(|ws| {
                    ws.selected_article().is_some_and(|a| a.span_at(bounds.0, bounds.1).is_some())
                });
                if exists && dom::selected_range().is_none() {
                    ui.selected.set(Some(bounds));
                }
            }
        >
            {content}
        </mark>
    }
    .into_any()
}
