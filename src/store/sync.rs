//! Tab-to-tab messages on the `BroadcastChannel` "raqim".
//!
//! A tab that committed announces the records it wrote (ids and new revisions); the others read
//! those records back. A starting tab that finds a rescue journal asks whether the tab that wrote
//! it is still alive (`ping` / `pong`) before replaying it, so a live tab's edits are never
//! applied twice.

use std::cell::RefCell;

use raqim_engine::ArticleId;
use serde::{Deserialize, Serialize};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{BroadcastChannel, MessageEvent};

/// The channel's name (one per origin, like the database).
pub const CHANNEL: &str = "raqim";

/// What tabs tell each other.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Message {
    /// `tab` committed: these article records now have these revisions, these were deleted,
    /// and the meta record has revision `meta`.
    Committed {
        tab: String,
        articles: Vec<(ArticleId, u64)>,
        deleted: Vec<ArticleId>,
        meta: u64,
    },
    /// Is `tab` alive? (asked by `from`)
    Ping { tab: String, from: String },
    /// `tab` is alive.
    Pong { tab: String },
}

thread_local! {
    static CHANNEL_HANDLE: RefCell<Option<BroadcastChannel>> = const { RefCell::new(None) };
}

/// Opens the channel and calls `on_message` for every message another tab sends. Without
/// `BroadcastChannel` (very old browsers) tabs simply do not hear each other; commits stay
/// safe (see `storage`), only the other tab's view goes stale until it reloads.
pub fn listen(mut on_message: impl FnMut(Message) + 'static) {
    let Ok(channel) = BroadcastChannel::new(CHANNEL) else {
        return;
    };
    let handler = Closure::<dyn FnMut(MessageEvent)>::new(move |ev: MessageEvent| {
        let Some(text) = ev.data().as_string() else {
            return;
        };
        if let Ok(message) = serde_json::from_str::<Message>(&text) {
            on_message(message);
        }
    });
    channel.set_onmessage(Some(handler.as_ref().unchecked_ref()));
    handler.forget(); // lives as long as the page
    CHANNEL_HANDLE.with(|c| *c.borrow_mut() = Some(channel));
}

/// Tells the other tabs.
pub fn send(message: &Message) {
    let Ok(text) = serde_json::to_string(message) else {
        return;
    };
    CHANNEL_HANDLE.with(|c| {
        if let Some(channel) = c.borrow().as_ref() {
            let _ = channel.post_message(&text.into());
        }
    });
}

/// A new random id for this tab.
pub fn new_tab_id() -> String {
    let random = (js_sys::Math::random() * 4_294_967_296.0) as u64;
    format!("{:x}-{random:08x}", js_sys::Date::now() as u64)
}
