//! Raqim's page: a thin Leptos layer over `raqim-engine`.
//!
//! The app turns DOM events into engine [`raqim_engine::Edit`]s, hands them to the
//! [`store::Store`], and renders state. It holds no annotation logic of its own: what an edit
//! means is decided by the engine, where it is tested natively. Only [`storage`] touches the
//! browser's storage, and only [`browser`] wraps the raw web APIs (files, downloads, clock).

mod app;
mod browser;
mod components;
mod dom;
mod engine_host;
mod i18n;
mod imports;
mod intake;
mod keyboard;
mod samples;
mod storage;
mod store;
mod ui;
mod view_model;

/// Mounts the app on `<body>`; called by `main`.
pub fn start() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::App);
}
