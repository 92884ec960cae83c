//! Turning files into articles: decode, add, and tell the analyst what happened to each file.
//!
//! A bad file produces a notice naming it and never disturbs what is already loaded.
//!
//! Dropped and picked files are read one after another with a progress bar, and the work is cut
//! into steps that each leave the main thread to the browser in between (reading, decoding,
//! hashing, suggesting, adding): a hundred files, or one 5 MB article, never freeze the page.
//! A long text is suggested in pieces of whole lines ([`PIECE_CHARS`]), each its own step.
//! Files over [`MAX_FILE_BYTES`] are refused before they are read.

use leptos::prelude::*;
use raqim_engine::decode::{decode, DecodeError};
use raqim_engine::span::{Span, Zone};
use raqim_engine::workspace::Refusal;
use raqim_engine::{Article, Edit, Engine};

use crate::browser;
use crate::store::{NoticeKind, Notices, Progress, Store};

/// The largest file Raqim accepts (20 MB, the engine's limit): the page keeps every article in
/// memory and in the browser's storage, and a file that large is not one news article.
pub const MAX_FILE_BYTES: usize = raqim_engine::decode::MAX_FILE_BYTES;

/// A text longer than this (in code points) is suggested in pieces of whole lines.
pub const PIECE_CHARS: usize = 20_000;

/// Adds one file's bytes to the workspace at once, reporting the outcome (small files: the
/// sample articles).
pub fn add_file(store: &Store, notices: &Notices, name: &str, bytes: &[u8]) {
    match decode(bytes) {
        Err(err) => refuse(store, notices, name, &err),
        Ok(decoded) => {
            let replaced = decoded.replaced;
            let mut article = Article::new(name, bytes, decoded, browser::now_ms());
            let suggestions = store.engine.with(|e| e.suggest(&article.text));
            article.spans = suggestions.spans;
            article.zones = suggestions.zones;
            add(store, notices, name, article, replaced);
        }
    }
}

fn refuse(store: &Store, notices: &Notices, name: &str, err: &DecodeError) {
    let lang = store.lang.get_untracked();
    notices.push(
        NoticeKind::Error,
        Some(name.to_owned()),
        format!(
            "{}: {}",
            lang.strings().refused,
            crate::i18n::decode_error(lang, err)
        ),
    );
}

fn add(store: &Store, notices: &Notices, name: &str, article: Article, replaced: usize) {
    let t = store.lang.get_untracked().strings();
    match store.dispatch(Edit::AddArticle {
        article: Box::new(article),
    }) {
        Err(Refusal::Duplicate { existing_file }) => notices.push(
            NoticeKind::Info,
            Some(name.to_owned()),
            format!("{}: “{existing_file}”", t.duplicate),
        ),
        Err(other) => notices.push(NoticeKind::Error, Some(name.to_owned()), other.to_string()),
        Ok(()) if replaced > 0 => notices.push(
            NoticeKind::Warning,
            Some(name.to_owned()),
            format!("{} ({replaced})", t.replaced_warning),
        ),
        Ok(()) => {}
    }
}

/// Reads and adds dropped or picked files, one after another, in the order given, with a
/// progress bar; waits for the saved workspace to be read first.
pub async fn add_files(store: Store, notices: Notices, files: Vec<web_sys::File>) {
    while !store.status.ready.get_untracked() {
        browser::sleep(50).await;
    }
    if files.is_empty() {
        return;
    }
    let total = files.len();
    let progress = |done: usize, current: &str, part: f64| {
        store.status.intake.set(Some(Progress {
            done,
            total,
            current: current.to_owned(),
            part,
        }));
    };
    // The next file is read while this one is decoded and suggested.
    let read = |file: &web_sys::File| {
        let size = file.size() as usize;
        (size <= MAX_FILE_BYTES).then(|| Box::pin(browser::start_read(file)))
    };
    let mut next = files.first().map(read);
    for (done, file) in files.iter().enumerate() {
        let name = file.name();
        progress(done, &name, 0.0);
        let reading = next.take().flatten();
        next = files.get(done + 1).map(read);
        let Some(reading) = reading else {
            let size = file.size() as usize;
            refuse(&store, &notices, &name, &DecodeError::TooLarge(size));
            continue;
        };
        // Reading is asynchronous; the steps below are each one short task.
        let bytes = match reading.await {
            Ok(bytes) => bytes,
            Err(err) => {
                notices.push(NoticeKind::Error, Some(name), err);
                continue;
            }
        };
        browser::yield_now().await;
        let decoded = match decode(&bytes) {
            Ok(decoded) => decoded,
            Err(err) => {
                refuse(&store, &notices, &name, &err);
                continue;
            }
        };
        let replaced = decoded.replaced;
        browser::yield_now().await;
        let mut article = Article::new(&name, &bytes, decoded, browser::now_ms());
        drop(bytes);
        if store
            .workspace
            .with_untracked(|ws| ws.article(&article.id).is_none())
        {
            browser::yield_now().await;
            let (spans, zones) =
                suggest_in_pieces(&store, &article.text, |part| progress(done, &name, part)).await;
            article.spans = spans;
            article.zones = zones;
        }
        add(&store, &notices, &name, article, replaced);
        progress(done + 1, &name, 1.0);
        browser::yield_now().await;
    }
    store.status.intake.set(None);
}

/// The engine's suggestions for `text`: at once for an ordinary article, in pieces of whole
/// lines (a step each) for a long one.
async fn suggest_in_pieces(
    store: &Store,
    text: &str,
    mut progress: impl FnMut(f64),
) -> (Vec<Span>, Vec<Zone>) {
    let pieces = pieces(text, PIECE_CHARS);
    if pieces.len() == 1 {
        let s = store.engine.with(|e: &Engine| e.suggest(text));
        return (s.spans, s.zones);
    }
    let total = text.len().max(1) as f64;
    let (mut spans, mut zones) = (Vec::new(), Vec::new());
    for (byte_start, byte_end, char_start) in pieces {
        let piece = &text[byte_start..byte_end];
        let s = store.engine.with(|e| e.suggest(piece));
        spans.extend(s.spans.into_iter().map(|mut span| {
            span.start += char_start;
            span.end += char_start;
            span
        }));
        zones.extend(s.zones.into_iter().map(|mut zone| {
            zone.start += char_start;
            zone.end += char_start;
            zone
        }));
        progress(byte_end as f64 / total);
        browser::yield_now().await;
    }
    (spans, zones)
}

/// Cuts `text` after a line break every `max_chars` code points or so: `(byte start, byte
/// end, code-point start)` of each piece. A text without line breaks stays whole.
fn pieces(text: &str, max_chars: usize) -> Vec<(usize, usize, usize)> {
    let mut out = Vec::new();
    let (mut start, mut start_chars, mut chars) = (0, 0, 0);
    for (i, c) in text.char_indices() {
        chars += 1;
        if c == '\n' && chars - start_chars >= max_chars {
            out.push((start, i + 1, start_chars));
            start = i + 1;
            start_chars = chars;
        }
    }
    if start < text.len() || out.is_empty() {
        out.push((start, text.len(), start_chars));
    }
    out
}
