//! Thin wrappers over the raw web APIs the app needs: reading dropped files, downloading a
//! file the page made, and the clock. Nothing here knows about articles.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Milliseconds since the epoch.
pub fn now_ms() -> u64 {
    js_sys::Date::now() as u64
}

/// Today's date as `YYYY-MM-DD` in local time.
pub fn today() -> String {
    let d = js_sys::Date::new_0();
    format!(
        "{:04}-{:02}-{:02}",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date()
    )
}

/// The files of a `FileList` (from a drop or a file input).
pub fn files(list: Option<web_sys::FileList>) -> Vec<web_sys::File> {
    let Some(list) = list else { return Vec::new() };
    (0..list.length()).filter_map(|i| list.get(i)).collect()
}

/// Reads a file's bytes.
pub async fn read_bytes(file: &web_sys::File) -> Result<Vec<u8>, String> {
    start_read(file).await
}

/// Reads a file's bytes, starting now (not when first awaited): the browser reads the next file
/// while the page works on this one.
pub fn start_read(
    file: &web_sys::File,
) -> impl std::future::Future<Output = Result<Vec<u8>, String>> {
    let read = JsFuture::from(file.array_buffer());
    async move {
        let buffer = read.await.map_err(|e| format!("{e:?}"))?;
        Ok(js_sys::Uint8Array::new(&buffer).to_vec())
    }
}

/// Milliseconds on the page's monotonic clock (`performance.now()`), for budgeting work.
pub fn clock_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or_else(js_sys::Date::now, |p| p.now())
}

/// Offers `contents` to the user as a downloaded file called `name`.
pub fn download(name: &str, mime: &str, contents: &str) -> Result<(), String> {
    FileParts {
        parts: vec![blob(contents.as_bytes())?],
        text: String::new(),
    }
    .download(name, mime)
}

/// A `Blob` of `bytes` (copied out of the wasm memory: no string conversion).
fn blob(bytes: &[u8]) -> Result<web_sys::Blob, String> {
    let bytes = js_sys::Uint8Array::from(bytes);
    web_sys::Blob::new_with_u8_array_sequence(&js_sys::Array::of1(&bytes))
        .map_err(|e| format!("{e:?}"))
}

/// A file the page makes piece by piece: text is appended to [`FileParts::text`] and moved out
/// of the wasm memory into a `Blob` (kept by the browser, outside the page's heap) every
/// [`FileParts::PART_BYTES`], so neither the wasm memory nor the JS heap ever holds the whole
/// file, and no giant string is ever converted between Rust and JavaScript.
#[derive(Debug, Default)]
pub struct FileParts {
    parts: Vec<web_sys::Blob>,
    text: String,
}

impl FileParts {
    /// The size of the pieces moved to a `Blob`.
    pub const PART_BYTES: usize = 1 << 20;

    /// The text not moved to a `Blob` yet: append to it, then call [`FileParts::settle`].
    pub fn text(&mut self) -> &mut String {
        &mut self.text
    }

    /// Moves the text appended so far into a `Blob` once it is [`FileParts::PART_BYTES`] long.
    pub fn settle(&mut self) -> Result<(), String> {
        if self.text.len() >= Self::PART_BYTES {
            self.seal()?;
        }
        Ok(())
    }

    fn seal(&mut self) -> Result<(), String> {
        if !self.text.is_empty() {
            // The buffer is kept (cleared) for the next part.
            self.parts.push(blob(self.text.as_bytes())?);
            self.text.clear();
        }
        Ok(())
    }

    /// Offers the file to the user as a download called `name`.
    ///
    /// The anchor is in the document while it is clicked (Firefox ignores a detached one), and
    /// the blob's URL is revoked a minute later, not at once: the browser reads the URL after
    /// the click returns, and a URL revoked before that makes a failed or empty download.
    pub fn download(mut self, name: &str, mime: &str) -> Result<(), String> {
        self.seal()?;
        let parts: js_sys::Array = self.parts.iter().collect();
        let options = web_sys::BlobPropertyBag::new();
        options.set_type(mime);
        let blob = web_sys::Blob::new_with_blob_sequence_and_options(&parts, &options)
            .map_err(|e| format!("{e:?}"))?;
        let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(|e| format!("{e:?}"))?;
        let document = web_sys::window()
            .and_then(|w| w.document())
            .ok_or("no document")?;
        let anchor: web_sys::HtmlAnchorElement = document
            .create_element("a")
            .map_err(|e| format!("{e:?}"))?
            .unchecked_into();
        anchor.set_href(&url);
        anchor.set_download(name);
        let body = document.body().ok_or("no document body")?;
        body.append_child(&anchor).map_err(|e| format!("{e:?}"))?;
        anchor.click();
        anchor.remove();
        leptos::task::spawn_local(async move {
            sleep(REVOKE_AFTER_MS).await;
            let _ = web_sys::Url::revoke_object_url(&url);
        });
        Ok(())
    }
}

/// How long a download's blob URL stays valid after its click (FileSaver.js waits 40 s).
const REVOKE_AFTER_MS: i32 = 60_000;

/// Resolves after `ms` milliseconds (a timer task: the page repaints and handles input first).
pub async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        }
    });
    let _ = JsFuture::from(promise).await;
}

/// Lets the browser run other tasks (input, rendering) before continuing: long work is split
/// into steps joined by this, so no single task holds the main thread for long.
///
/// Not `setTimeout(0)`: a timer set from a timer's task is delayed to 4 ms after five in a
/// row, so a hundred files worked on in five steps each would wait about 2 s doing nothing. The
/// continuation is `scheduler.yield()` where the browser has it, else a `MessageChannel`
/// message (neither is throttled), else a timer.
pub async fn yield_now() {
    match yielded() {
        Some(promise) => {
            let _ = JsFuture::from(promise).await;
        }
        None => sleep(0).await,
    }
}

/// A promise that resolves in a later task: `scheduler.yield()`, or a message posted to itself.
fn yielded() -> Option<js_sys::Promise> {
    use js_sys::{Function, Promise, Reflect};
    let global = js_sys::global();
    let get = |target: &wasm_bindgen::JsValue, key: &str| Reflect::get(target, &key.into()).ok();
    if let Some(scheduler) = get(&global, "scheduler").filter(|s| s.is_object()) {
        if let Some(f) = get(&scheduler, "yield").and_then(|f| f.dyn_into::<Function>().ok()) {
            if let Some(promise) = f.call0(&scheduler).ok().and_then(|p| p.dyn_into().ok()) {
                return Some(promise);
            }
        }
    }
    let channel: Function = get(&global, "MessageChannel")?.dyn_into().ok()?;
    let channel = Reflect::construct(&channel, &js_sys::Array::new()).ok()?;
    let (receiver, sender) = (get(&channel, "port1")?, get(&channel, "port2")?);
    let post: Function = get(&sender, "postMessage")?.dyn_into().ok()?;
    let promise = Promise::new(&mut |resolve, _| {
        let _ = Reflect::set(&receiver, &"onmessage".into(), &resolve);
    });
    post.call1(&sender, &wasm_bindgen::JsValue::NULL).ok()?;
    Some(promise)
}

/// Reloads the page.
pub fn reload() {
    if let Some(window) = web_sys::window() {
        let _ = window.location().reload();
    }
}

/// Whether the page is hidden (another tab in front, minimized, being closed).
pub fn hidden() -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .is_some_and(|d| d.hidden())
}
