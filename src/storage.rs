//! The one place that touches the browser's storage.
//!
//! Layout (schema version [`SCHEMA`]), all in `localStorage` under the `raqim/` prefix:
//! `raqim/schema` holds the version, `raqim/meta` the workspace-level state (article order,
//! selection, interface language), and `raqim/article/<id>` one record per article. Writing per
//! article keeps each autosave small: an edit rewrites only the record it touched.
//!
//! Loading never fails: a record that does not parse is set aside under `raqim/broken/…`
//! (nothing is deleted) and reported, and every readable record is recovered.

use gloo_storage::{errors::StorageError, LocalStorage, Storage};
use raqim_engine::workspace::Touched;
use raqim_engine::{Article, ArticleId, Workspace};
use serde::{Deserialize, Serialize};

/// The schema version this build writes.
pub const SCHEMA: u32 = 1;

const KEY_SCHEMA: &str = "raqim/schema";
const KEY_META: &str = "raqim/meta";
const ARTICLE_PREFIX: &str = "raqim/article/";
const BROKEN_PREFIX: &str = "raqim/broken/";

#[derive(Debug, Default, Serialize, Deserialize)]
struct Meta {
    order: Vec<ArticleId>,
    selected: Option<ArticleId>,
    #[serde(default)]
    lang: Option<String>,
}

/// What was found in storage at start-up.
#[derive(Debug, Default)]
pub struct Loaded {
    pub workspace: Workspace,
    pub lang: Option<String>,
    /// Human-readable descriptions of records that could not be read (kept aside, not lost).
    pub problems: Vec<String>,
}

fn article_key(id: &ArticleId) -> String {
    format!("{ARTICLE_PREFIX}{id}")
}

/// Reads the workspace saved in this browser.
pub fn load() -> Loaded {
    let mut loaded = Loaded::default();
    let meta: Meta = match LocalStorage::get::<Meta>(KEY_META) {
        Ok(meta) => meta,
        Err(StorageError::KeyNotFound(_)) => Meta::default(),
        Err(err) => {
            set_aside(KEY_META);
            loaded.problems.push(format!("workspace settings: {err}"));
            Meta::default()
        }
    };
    // Records not listed in the order (e.g. written just before a crash) are recovered too.
    let mut ids = meta.order.clone();
    for key in stored_keys() {
        if let Some(id) = key.strip_prefix(ARTICLE_PREFIX) {
            let id = ArticleId(id.to_owned());
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
    }
    for id in ids {
        match LocalStorage::get::<Article>(article_key(&id)) {
            Ok(article) => loaded.workspace.articles.push(article),
            Err(StorageError::KeyNotFound(_)) => {}
            Err(err) => {
                set_aside(&article_key(&id));
                loaded.problems.push(format!("article {id}: {err}"));
            }
        }
    }
    loaded.workspace.selected = meta
        .selected
        .filter(|id| loaded.workspace.article(id).is_some());
    loaded.lang = meta.lang;
    loaded
}

/// Writes what an applied edit touched. `lang` is saved with the workspace-level state.
pub fn persist(ws: &Workspace, touched: &Touched, lang: &str) -> Result<(), String> {
    match touched {
        Touched::Article(id) => {
            if let Some(article) = ws.article(id) {
                LocalStorage::set(article_key(id), article).map_err(describe)?;
            }
        }
        Touched::Removed(id) => LocalStorage::delete(article_key(id)),
        Touched::All => {
            for key in stored_keys() {
                if key.starts_with(ARTICLE_PREFIX) {
                    LocalStorage::delete(&key);
                }
            }
        }
        Touched::Meta => {}
    }
    save_meta(ws, lang)
}

/// Writes the workspace-level state (order, selection, language).
pub fn save_meta(ws: &Workspace, lang: &str) -> Result<(), String> {
    let meta = Meta {
        order: ws.articles.iter().map(|a| a.id.clone()).collect(),
        selected: ws.selected.clone(),
        lang: Some(lang.to_owned()),
    };
    LocalStorage::set(KEY_SCHEMA, SCHEMA).map_err(describe)?;
    LocalStorage::set(KEY_META, meta).map_err(describe)
}

fn stored_keys() -> Vec<String> {
    let storage = LocalStorage::raw();
    let len = storage.length().unwrap_or(0);
    (0..len)
        .filter_map(|i| storage.key(i).ok().flatten())
        .collect()
}

/// Moves an unreadable record out of the way, keeping its raw text.
fn set_aside(key: &str) {
    let storage = LocalStorage::raw();
    if let Ok(Some(raw)) = storage.get_item(key) {
        let _ = storage.set_item(&format!("{BROKEN_PREFIX}{key}"), &raw);
        let _ = storage.remove_item(key);
    }
}

fn describe(err: StorageError) -> String {
    match err {
        StorageError::JsError(js) if js.name == "QuotaExceededError" => {
            "the browser's storage for this page is full".to_owned()
        }
        other => other.to_string(),
    }
}
