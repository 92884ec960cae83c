//! Turning files into articles: decode, add, and tell the analyst what happened to each file.
//!
//! A bad file produces a notice naming it and never disturbs what is already loaded.

use leptos::prelude::*;
use raqim_engine::decode::decode;
use raqim_engine::workspace::Refusal;
use raqim_engine::{Article, Edit};

use crate::browser;
use crate::store::{NoticeKind, Notices, Store};

/// Adds one file's bytes to the workspace, reporting the outcome.
pub fn add_file(store: &Store, notices: &Notices, name: &str, bytes: &[u8]) {
    let lang = store.lang.get_untracked();
    let t = lang.strings();
    match decode(bytes) {
        Err(err) => notices.push(
            NoticeKind::Error,
            Some(name.to_owned()),
            format!("{}: {}", t.refused, crate::i18n::decode_error(lang, &err)),
        ),
        Ok(decoded) => {
            let replaced = decoded.replaced;
            let mut article = Article::new(name, bytes, decoded, browser::now_ms());
            let suggestions = store.engine.with(|e| e.suggest(&article.text));
            article.spans = suggestions.spans;
            article.zones = suggestions.zones;
            match store.dispatch(Edit::AddArticle {
                article: Box::new(article),
            }) {
                Err(Refusal::Duplicate { existing_file }) => notices.push(
                    NoticeKind::Info,
                    Some(name.to_owned()),
                    format!("{}: “{existing_file}”", t.duplicate),
                ),
                Err(other) => {
                    notices.push(NoticeKind::Error, Some(name.to_owned()), other.to_string())
                }
                Ok(()) if replaced > 0 => notices.push(
                    NoticeKind::Warning,
                    Some(name.to_owned()),
                    format!("{} ({replaced})", t.replaced_warning),
                ),
                Ok(()) => {}
            }
        }
    }
}

/// Reads and adds dropped or picked files, one after another, in the order given.
pub async fn add_files(store: Store, notices: Notices, files: Vec<web_sys::File>) {
    for file in files {
        let name = file.name();
        match browser::read_bytes(&file).await {
            Ok(bytes) => add_file(&store, &notices, &name, &bytes),
            Err(err) => notices.push(NoticeKind::Error, Some(name), err),
        }
    }
}
