//! The one place that touches the browser's storage.
//!
//! # Layout (schema 2 and 3: 3 changed only how undo patches and journaled edits are encoded)
//!
//! - **IndexedDB** database `raqim` (see [`raqim_engine::persist`] for the record formats):
//!   `texts` (id → article text, written once), `articles` (id → the article's annotation record
//!   with a revision number, rewritten by every edit of that article — a few KB, whatever the
//!   article's length), `meta` (the workspace-level record: order, selection, labels, targets,
//!   guidelines, packs, learned rules, the last edit committed per tab) and `quarantine`
//!   (whatever could not be read, raw, with the reason).
//! - **`localStorage`** (through gloo-storage) only for tiny state that must be read before the
//!   database opens, and for what must be written synchronously: the interface language, the
//!   backup reminder, and the edit journal (each edit, from the moment it is applied until a
//!   commit containing it has completed: `raqim/rescue/<tab>/<seq>`).
//!
//! # Durability
//!
//! [`commit`] writes what a batch of edits touched in **one** read-write transaction with
//! `durability: "strict"`, and returns only when the transaction's `complete` event has fired:
//! the page says *Saved* only then. If the transaction fails (a full disk, a quota), nothing of
//! it is kept and the caller keeps the edits in memory to retry.
//!
//! # Two tabs
//!
//! IndexedDB runs read-write transactions over the same stores one after another, across tabs,
//! so no lock is needed around a commit: inside its transaction a commit first reads the
//! revisions it is about to overwrite. A revision it did not expect means another tab wrote in
//! between: the other tab's record is kept and this tab's edits are replayed on it
//! ([`raqim_engine::persist::rebase_article`]); the workspace-level record is merged three ways
//! ([`raqim_engine::persist::merge_meta`]). After a commit the store announces the records it
//! wrote on a `BroadcastChannel`, and other tabs read them back ([`pull`]).
//!
//! # Reading back
//!
//! [`load`] migrates a v1 `localStorage` workspace the first time, reads every store, and
//! moves each value that cannot be read to `quarantine` (raw, never deleted) before anything
//! is written; the report says what was recovered and what was not, and [`quarantine_dump`]
//! hands the raw values to the analyst as a file.

mod idb;

use std::cell::RefCell;
use std::collections::HashMap;

use gloo_storage::{LocalStorage, Storage};
use js_sys::{Object, Reflect};
use raqim_engine::persist::{
    self, keys, stores, BackupState, Damage, Damaged, MetaRecord, Raw, RawStores, Report, Rescue,
    Sequenced,
};
use raqim_engine::{Article, ArticleId, Edit, Workspace};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::IdbDatabase;

pub use idb::IdbError;
use idb::{issued, request, Tx};

thread_local! {
    static DB: RefCell<Option<IdbDatabase>> = const { RefCell::new(None) };
}

fn db() -> Result<IdbDatabase, IdbError> {
    DB.with(|d| d.borrow().clone())
        .ok_or_else(|| IdbError::new("InvalidStateError", "the browser's storage is not open"))
}

// ---------------------------------------------------------------------------------------------
// Tiny state in localStorage

/// The interface language saved last (`None` when absent or unreadable).
pub fn lang() -> Option<String> {
    LocalStorage::get::<String>(keys::LANG).ok()
}

/// Remembers the interface language.
pub fn save_lang(tag: &str) {
    let _ = LocalStorage::set(keys::LANG, tag);
}

/// The backup reminder's state (a fresh one when absent or unreadable).
pub fn backup_state() -> BackupState {
    LocalStorage::get::<BackupState>(keys::BACKUP).unwrap_or_default()
}

pub fn save_backup_state(state: &BackupState) {
    let _ = LocalStorage::set(keys::BACKUP, state);
}

fn raw_local() -> web_sys::Storage {
    LocalStorage::raw()
}

fn local_keys() -> Vec<String> {
    let storage = raw_local();
    let len = storage.length().unwrap_or(0);
    (0..len)
        .filter_map(|i| storage.key(i).ok().flatten())
        .collect()
}

/// Journals one applied edit, synchronously (see `raqim_engine::persist`, "Edits that were not
/// written yet"). Fails when `localStorage` is full; the edit is still committed normally.
pub fn journal(tab: &str, entry: &Sequenced) -> Result<(), String> {
    raw_local()
        .set_item(
            &persist::journal_key(tab, entry.seq),
            &persist::encode_entry(entry),
        )
        .map_err(|e| IdbError::from_js(&e).to_string())
}

/// Forgets journaled edits once a commit containing them has completed.
pub fn forget(tab: &str, seqs: impl IntoIterator<Item = u64>) {
    let storage = raw_local();
    for seq in seqs {
        let _ = storage.remove_item(&persist::journal_key(tab, seq));
    }
}

/// Forgets every journaled edit of a tab (one that closed, once its edits were replayed here).
pub fn forget_tab(tab: &str) {
    let storage = raw_local();
    for key in local_keys() {
        if persist::parse_journal_key(&key).is_some_and(|(t, _)| t == tab) {
            let _ = storage.remove_item(&key);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Opening

/// Opens (creating or upgrading) the database; keeps the connection for the page's lifetime.
async fn open() -> Result<IdbDatabase, IdbError> {
    use wasm_bindgen::closure::Closure;
    let factory = web_sys::window()
        .and_then(|w| w.indexed_db().ok().flatten())
        .ok_or_else(|| IdbError::new("NotSupportedError", "this browser offers no IndexedDB"))?;
    let req = issued(
        factory
            .open_with_u32(stores::DATABASE, stores::DATABASE_VERSION)
            .map(Into::into),
    )?;
    let open_req: web_sys::IdbOpenDbRequest = req.clone().unchecked_into();
    let upgrade_req = req.clone();
    let upgrade = Closure::<dyn FnMut(web_sys::Event)>::new(move |_| {
        if let Ok(result) = upgrade_req.result() {
            let db: IdbDatabase = result.unchecked_into();
            create_stores(&db);
        }
    });
    open_req.set_onupgradeneeded(Some(upgrade.as_ref().unchecked_ref()));
    let opened = request(&req).await;
    open_req.set_onupgradeneeded(None);
    drop(upgrade);
    let db: IdbDatabase = match opened {
        Ok(db) => db.unchecked_into(),
        // A newer Raqim upgraded the database: open it as it is, and read what can be read.
        Err(e) if e.name == "VersionError" => {
            let req = issued(factory.open(stores::DATABASE).map(Into::into))?;
            request(&req).await?.unchecked_into()
        }
        Err(e) => return Err(e),
    };
    let names = db.object_store_names();
    if let Some(missing) = stores::ALL.iter().find(|s| !names.contains(s)) {
        return Err(IdbError::new(
            "VersionError",
            format!("the stored workspace has no “{missing}” store"),
        ));
    }
    // Another tab deleting or upgrading the database: let it, and stop writing here.
    let on_change = Closure::<dyn FnMut(web_sys::Event)>::new(move |_| {
        DB.with(|d| {
            if let Some(db) = d.borrow_mut().take() {
                db.close();
            }
        });
    });
    db.set_onversionchange(Some(on_change.as_ref().unchecked_ref()));
    on_change.forget(); // lives as long as the connection (the page)
    Ok(db)
}

fn create_stores(db: &IdbDatabase) {
    let names = db.object_store_names();
    for name in [stores::TEXTS, stores::ARTICLES, stores::META] {
        if !names.contains(name) {
            let _ = db.create_object_store(name);
        }
    }
    if !names.contains(stores::QUARANTINE) {
        let params = web_sys::IdbObjectStoreParameters::new();
        params.set_auto_increment(true);
        let _ = db.create_object_store_with_optional_parameters(stores::QUARANTINE, &params);
    }
}

// ---------------------------------------------------------------------------------------------
// Loading

/// The revisions this tab's in-memory state is based on.
#[derive(Debug, Clone, Default)]
pub struct Base {
    pub revs: HashMap<ArticleId, u64>,
    /// The meta record as last read or written (`None`: nothing stored yet).
    pub meta: Option<MetaRecord>,
}

/// What [`load`] found.
#[derive(Debug, Default)]
pub struct Loaded {
    pub workspace: Workspace,
    pub base: Base,
    /// What was recovered and what was set aside (including a v1 migration's).
    pub report: Report,
    /// Articles migrated from the v1 layout, when a migration ran.
    pub migrated: Option<usize>,
    /// Rescue journals left by pages that closed before their edits were committed.
    pub rescues: Vec<Rescue>,
    /// Raw values in the quarantine (from this start or earlier ones).
    pub quarantined: u32,
    /// Every record must be written again (a migration could not be saved).
    pub write_all: bool,
    /// The storage could not be used at all: the page works in memory only.
    pub error: Option<IdbError>,
}

/// A value as read, kept so that it can be moved to the quarantine as it was.
struct Found {
    key: JsValue,
    value: JsValue,
}

struct Snapshot {
    stores: RawStores,
    values: HashMap<(String, String), Found>,
}

fn key_string(key: &JsValue) -> String {
    key.as_string().unwrap_or_else(|| {
        js_sys::JSON::stringify(key)
            .map(String::from)
            .unwrap_or_else(|_| "?".into())
    })
}

/// What a value that is not a string is, in a few words.
fn describe(value: &JsValue) -> String {
    if value.is_undefined() {
        return "nothing".into();
    }
    if value.is_null() {
        return "null".into();
    }
    let kind = value.js_typeof().as_string().unwrap_or_default();
    let mut json = js_sys::JSON::stringify(value)
        .ok()
        .and_then(|s| s.as_string())
        .unwrap_or_default();
    if json.chars().count() > 60 {
        json = json.chars().take(60).collect::<String>() + "…";
    }
    format!("a value of type {kind} {json}")
}

fn raw_of(value: &JsValue) -> Raw {
    match value.as_string() {
        Some(s) => Raw::Text(s),
        None => Raw::Other(describe(value)),
    }
}

async fn read_all(db: &IdbDatabase) -> Result<Snapshot, IdbError> {
    let tx = Tx::new(db, &[stores::META, stores::ARTICLES, stores::TEXTS], false)?;
    let meta_store = tx.store(stores::META)?;
    // Every request at once: the database reads the next store while this page takes in the
    // answer to the previous one.
    let meta_value = idb::listen(issued(meta_store.get(&stores::META_KEY.into()))?);
    let articles = idb::entries(&tx.store(stores::ARTICLES)?)?;
    let texts = idb::entries(&tx.store(stores::TEXTS)?)?;
    let meta_value = meta_value.await?;
    let articles = articles.await?;
    let texts = texts.await?;
    tx.done().await?;
    let mut values = HashMap::new();
    let mut raw = RawStores::default();
    if !meta_value.is_undefined() {
        raw.meta = Some(raw_of(&meta_value));
        values.insert(
            (stores::META.to_owned(), stores::META_KEY.to_owned()),
            Found {
                key: stores::META_KEY.into(),
                value: meta_value,
            },
        );
    }
    for (store, list, out) in [
        (stores::ARTICLES, articles, &mut raw.articles),
        (stores::TEXTS, texts, &mut raw.texts),
    ] {
        for (key, value) in list {
            let k = key_string(&key);
            out.push((k.clone(), raw_of(&value)));
            values.insert((store.to_owned(), k), Found { key, value });
        }
    }
    Ok(Snapshot {
        stores: raw,
        values,
    })
}

/// Opens the storage and reads the workspace back: migrates a v1 workspace, recovers every
/// readable record, sets the rest aside. Never fails; see [`Loaded::error`].
pub async fn load() -> Loaded {
    let mut out = Loaded::default();
    let db = match open().await {
        Ok(db) => db,
        Err(e) => {
            out.error = Some(e);
            return out;
        }
    };
    DB.with(|d| *d.borrow_mut() = Some(db.clone()));
    if let Err(e) = load_from(&db, &mut out).await {
        out.error = Some(e);
    }
    out.quarantined = quarantine_count().await.unwrap_or(0);
    out
}

fn v1_entries() -> Vec<(String, String)> {
    let storage = raw_local();
    local_keys()
        .into_iter()
        .filter(|k| keys::is_v1_data(k))
        .filter_map(|k| storage.get_item(&k).ok().flatten().map(|v| (k, v)))
        .collect()
}

fn remove_v1_keys(entries: &[(String, String)]) {
    let storage = raw_local();
    for (key, _) in entries {
        let _ = storage.remove_item(key);
    }
    let _ = storage.set_item(keys::SCHEMA, &persist::SCHEMA.to_string());
}

async fn load_from(db: &IdbDatabase, out: &mut Loaded) -> Result<(), IdbError> {
    let mut snapshot = read_all(db).await?;
    let v1 = v1_entries();
    if !v1.is_empty() {
        let fresh = snapshot.stores.meta.is_none()
            && snapshot.stores.articles.is_empty()
            && snapshot.stores.texts.is_empty();
        if fresh {
            let migrated = persist::migrate_v1(&v1);
            if let Some(lang) = &migrated.lang {
                if lang_missing() {
                    save_lang(lang);
                }
            }
            match write_migration(db, &migrated, &v1).await {
                Ok(()) => {
                    remove_v1_keys(&v1);
                    out.migrated = Some(migrated.report.recovered);
                    out.report = migrated.report;
                    snapshot = read_all(db).await?;
                }
                Err(e) => {
                    // Keep the v1 keys; work from the migrated copy and write it all later.
                    out.migrated = Some(migrated.report.recovered);
                    out.report = migrated.report;
                    out.workspace = migrated.workspace;
                    out.write_all = true;
                    out.error = Some(e);
                    return Ok(());
                }
            }
        } else {
            let done = match &snapshot.stores.meta {
                Some(Raw::Text(raw)) => persist::decode_meta(raw)
                    .map(|m| m.migrated_from == Some(1))
                    .unwrap_or(false),
                _ => false,
            };
            if !done {
                let stale: Vec<Damaged> = v1
                    .iter()
                    .map(|(key, _)| Damaged {
                        store: "localStorage".into(),
                        key: key.clone(),
                        damage: Damage::StaleV1,
                    })
                    .collect();
                set_aside_local(db, &stale, &v1).await?;
                out.report.damaged.extend(stale);
            }
            remove_v1_keys(&v1);
        }
    }
    let recovered = persist::recover(snapshot.stores);
    let damaged = recovered.report.damaged.clone();
    if !damaged.is_empty() {
        set_aside(db, &damaged, &mut snapshot.values).await?;
    }
    out.report.recovered += recovered.report.recovered;
    out.report.text_only.extend(recovered.report.text_only);
    out.report.lost.extend(recovered.report.lost);
    out.report.meta_lost |= recovered.report.meta_lost;
    out.report.damaged.extend(damaged);
    out.workspace = recovered.workspace;
    out.base = Base {
        revs: recovered.revs,
        meta: recovered.meta,
    };
    // Journals of pages that closed (or were killed) with edits not yet committed.
    let storage = raw_local();
    let mut entries = Vec::new();
    let mut broken = Vec::new();
    for key in local_keys() {
        if !key.starts_with(keys::RESCUE_PREFIX) {
            continue;
        }
        let Some(raw) = storage.get_item(&key).ok().flatten() else {
            continue;
        };
        let entry = match persist::parse_journal_key(&key) {
            Some((tab, _)) => persist::decode_entry(&raw).map(|e| (tab.to_owned(), e)),
            None => Err(Damage::Invalid("not a journal key".into())),
        };
        match entry {
            Ok(entry) => entries.push(entry),
            Err(damage) => broken.push((
                Damaged {
                    store: "localStorage".into(),
                    key: key.clone(),
                    damage,
                },
                raw,
            )),
        }
    }
    out.rescues = Rescue::group(entries);
    if !broken.is_empty() {
        let (list, raws): (Vec<Damaged>, Vec<(String, String)>) = broken
            .into_iter()
            .map(|(d, raw)| (d.clone(), (d.key, raw)))
            .unzip();
        set_aside_local(db, &list, &raws).await?;
        for (key, _) in &raws {
            let _ = storage.remove_item(key);
        }
        out.report.damaged.extend(list);
    }
    Ok(())
}

fn lang_missing() -> bool {
    raw_local().get_item(keys::LANG).ok().flatten().is_none()
}

fn quarantine_entry(store: &str, key: &str, damage: &Damage, raw: &JsValue) -> Object {
    let entry = Object::new();
    let set = |k: &str, v: &JsValue| {
        let _ = Reflect::set(&entry, &k.into(), v);
    };
    set("store", &store.into());
    set("key", &key.into());
    set("kind", &damage.kind().into());
    set("reason", &damage.to_string().into());
    set("at", &js_sys::Date::now().into());
    set("raw", raw);
    entry
}

/// Moves unreadable values to the quarantine store, as they were, in one transaction.
async fn set_aside(
    db: &IdbDatabase,
    damaged: &[Damaged],
    values: &mut HashMap<(String, String), Found>,
) -> Result<(), IdbError> {
    let tx = Tx::new(db, &stores::ALL, true)?;
    let quarantine = tx.store(stores::QUARANTINE)?;
    for d in damaged {
        let Some(found) = values.remove(&(d.store.clone(), d.key.clone())) else {
            continue; // e.g. a text that is missing: nothing to move
        };
        let entry = quarantine_entry(&d.store, &d.key, &d.damage, &found.value);
        issued(quarantine.add(&entry))?;
        issued(tx.store(&d.store)?.delete(&found.key))?;
    }
    tx.done().await
}

/// Keeps `localStorage` values (v1 keys, broken journals) in the quarantine store.
async fn set_aside_local(
    db: &IdbDatabase,
    damaged: &[Damaged],
    raws: &[(String, String)],
) -> Result<(), IdbError> {
    let tx = Tx::new(db, &[stores::QUARANTINE], true)?;
    let quarantine = tx.store(stores::QUARANTINE)?;
    for d in damaged {
        if let Some((_, raw)) = raws.iter().find(|(k, _)| *k == d.key) {
            let entry = quarantine_entry(&d.store, &d.key, &d.damage, &raw.into());
            issued(quarantine.add(&entry))?;
        }
    }
    tx.done().await
}

/// Writes a migrated v1 workspace, and keeps what v1 could not read in the quarantine.
async fn write_migration(
    db: &IdbDatabase,
    migrated: &persist::Migrated,
    v1: &[(String, String)],
) -> Result<(), IdbError> {
    let tx = Tx::new(db, &stores::ALL, true)?;
    let texts = tx.store(stores::TEXTS)?;
    let articles = tx.store(stores::ARTICLES)?;
    for a in &migrated.workspace.articles {
        let key = JsValue::from_str(&a.id.0);
        issued(texts.put_with_key(&a.text.as_str().into(), &key))?;
        issued(articles.put_with_key(&persist::encode_article(a, 1).into(), &key))?;
    }
    let mut meta = migrated.meta.clone();
    meta.rev = 1;
    issued(tx.store(stores::META)?.put_with_key(
        &persist::encode_meta(&meta).into(),
        &stores::META_KEY.into(),
    ))?;
    let quarantine = tx.store(stores::QUARANTINE)?;
    for d in &migrated.report.damaged {
        if let Some((_, raw)) = v1.iter().find(|(k, _)| *k == d.key) {
            issued(quarantine.add(&quarantine_entry(&d.store, &d.key, &d.damage, &raw.into())))?;
        }
    }
    tx.done().await
}

// ---------------------------------------------------------------------------------------------
// Writing

/// One article to write: its state now, and the revision that state is based on.
#[derive(Debug, Clone)]
pub struct Write {
    pub article: Article,
    /// `None` for an article this tab has never seen stored.
    pub base_rev: Option<u64>,
}

/// Everything a batch of edits touched, as of the moment the batch was taken.
#[derive(Debug, Clone)]
pub struct Batch {
    pub tab: String,
    /// The sequence number of the batch's last edit.
    pub seq: u64,
    pub writes: Vec<Write>,
    pub deletes: Vec<ArticleId>,
    /// The workspace-level state now, and the stored one it is based on.
    pub meta: MetaRecord,
    pub base_meta: Option<MetaRecord>,
    /// The batch's edits, replayed on another tab's record if one was written meanwhile.
    pub edits: Vec<Edit>,
}

/// What a commit wrote.
#[derive(Debug, Clone, Default)]
pub struct Committed {
    /// New revision of each article written.
    pub revs: Vec<(ArticleId, u64)>,
    /// Records deleted.
    pub deleted: Vec<ArticleId>,
    /// Articles another tab had changed: the batch's edits were replayed on its version, and
    /// this is the result (without its text).
    pub rebased: Vec<Article>,
    /// Articles another tab removed meanwhile (not written).
    pub gone: Vec<ArticleId>,
    /// The meta record as written.
    pub meta: MetaRecord,
    /// Another tab had changed the workspace-level state: `meta` is the merge.
    pub meta_merged: bool,
}

/// Writes a batch in one transaction and waits until it is durable (see the module docs).
pub async fn commit(batch: Batch) -> Result<Committed, IdbError> {
    let db = db()?;
    let tx = Tx::new(&db, &[stores::TEXTS, stores::ARTICLES, stores::META], true)?;
    match write_batch(&tx, batch).await {
        Ok(committed) => {
            tx.done().await?;
            Ok(committed)
        }
        Err(e) => {
            tx.abort();
            // The abort's own outcome says nothing more than `e`.
            let _ = tx.done().await;
            Err(e)
        }
    }
}

async fn write_batch(tx: &Tx, batch: Batch) -> Result<Committed, IdbError> {
    let texts = tx.store(stores::TEXTS)?;
    let articles = tx.store(stores::ARTICLES)?;
    let meta_store = tx.store(stores::META)?;
    // Read first: the meta record and each record about to be overwritten.
    let meta_req = issued(meta_store.get(&stores::META_KEY.into()))?;
    let reqs = batch
        .writes
        .iter()
        .map(|w| issued(articles.get(&JsValue::from_str(&w.article.id.0))))
        .collect::<Result<Vec<_>, _>>()?;
    let stored_meta = request(&meta_req).await?;
    let mut stored = Vec::with_capacity(reqs.len());
    for req in &reqs {
        stored.push(request(req).await?);
    }
    // Decide, and write — still inside the transaction, so no other tab interleaves.
    let stored_meta = stored_meta
        .as_string()
        .and_then(|raw| persist::decode_meta(&raw).ok());
    let mut out = Committed::default();
    let (mut meta, merged) = match &stored_meta {
        Some(s) if Some(s.rev) != batch.base_meta.as_ref().map(|m| m.rev) => {
            let base = batch.base_meta.clone().unwrap_or_else(|| MetaRecord {
                settings: s.settings.clone(),
                ..MetaRecord::default()
            });
            (persist::merge_meta(&base, &batch.meta, s), true)
        }
        _ => (batch.meta.clone(), false),
    };
    for (mut w, raw) in batch.writes.into_iter().zip(stored) {
        // The text is written once, in its own store; the record is encoded without it.
        let text = std::mem::take(&mut w.article.text);
        let id = w.article.id.clone();
        let key = JsValue::from_str(&id.0);
        let raw = raw.as_string();
        let stored_rev = raw.as_deref().and_then(persist::article_rev);
        if raw.is_none() && w.base_rev.is_some() {
            // Removed by another tab since this tab read it: the removal stands.
            out.gone.push(id);
            continue;
        }
        let conflict = raw.is_some() && stored_rev.is_some() && stored_rev != w.base_rev;
        let rev = stored_rev.unwrap_or(0).max(w.base_rev.unwrap_or(0)) + 1;
        if conflict {
            let theirs = raw
                .as_deref()
                .and_then(|r| persist::decode_article(&id.0, r).ok())
                .and_then(|(a, _)| persist::attach_text(a, text.clone()).ok());
            if let Some(theirs) = theirs {
                match persist::rebase_article(theirs, &meta.settings, &meta.learned, &batch.edits) {
                    Some(mut rebased) => {
                        rebased.text = String::new();
                        issued(
                            articles
                                .put_with_key(&persist::encode_article(&rebased, rev).into(), &key),
                        )?;
                        out.revs.push((id, rev));
                        out.rebased.push(rebased);
                    }
                    None => {
                        issued(articles.delete(&key))?;
                        issued(texts.delete(&key))?;
                        out.deleted.push(id);
                    }
                }
                continue;
            }
        }
        if raw.is_none() || w.base_rev.is_none() {
            issued(texts.put_with_key(&text.as_str().into(), &key))?;
        }
        issued(articles.put_with_key(&persist::encode_article(&w.article, rev).into(), &key))?;
        out.revs.push((id, rev));
    }
    for id in &batch.deletes {
        let key = JsValue::from_str(&id.0);
        issued(articles.delete(&key))?;
        issued(texts.delete(&key))?;
        out.deleted.push(id.clone());
    }
    meta.rev = stored_meta
        .as_ref()
        .map_or(0, |m| m.rev)
        .max(batch.base_meta.as_ref().map_or(0, |m| m.rev))
        + 1;
    meta.order
        .retain(|id| !out.gone.contains(id) && !out.deleted.contains(id));
    meta.mark_applied(&batch.tab, batch.seq, js_sys::Date::now() as u64);
    issued(meta_store.put_with_key(
        &persist::encode_meta(&meta).into(),
        &stores::META_KEY.into(),
    ))?;
    out.meta = meta;
    out.meta_merged = merged;
    Ok(out)
}

/// Records another tab committed, read back.
#[derive(Debug, Clone, Default)]
pub struct Pulled {
    /// Each id asked for: the stored article (text only for ids in `with_text`, else empty)
    /// and its revision, or `None` when it is no longer stored.
    pub articles: Vec<(ArticleId, Option<(Article, u64)>)>,
    pub meta: Option<MetaRecord>,
}

/// Reads the given records (and their texts, for `with_text`) and the meta record.
pub async fn pull(ids: &[ArticleId], with_text: &[ArticleId]) -> Result<Pulled, IdbError> {
    let db = db()?;
    let tx = Tx::new(&db, &[stores::TEXTS, stores::ARTICLES, stores::META], false)?;
    let articles = tx.store(stores::ARTICLES)?;
    let texts = tx.store(stores::TEXTS)?;
    let meta_req = issued(tx.store(stores::META)?.get(&stores::META_KEY.into()))?;
    let mut reqs = Vec::new();
    for id in ids {
        let key = JsValue::from_str(&id.0);
        let record = issued(articles.get(&key))?;
        let text = if with_text.contains(id) {
            Some(issued(texts.get(&key))?)
        } else {
            None
        };
        reqs.push((id.clone(), record, text));
    }
    let meta = request(&meta_req)
        .await?
        .as_string()
        .and_then(|raw| persist::decode_meta(&raw).ok());
    let mut out = Pulled {
        meta,
        ..Pulled::default()
    };
    for (id, record, text) in reqs {
        let record = request(&record).await?.as_string();
        let text = match text {
            Some(req) => request(&req).await?.as_string(),
            None => None,
        };
        let found = record
            .and_then(|raw| persist::decode_article(&id.0, &raw).ok())
            .and_then(|(article, rev)| match text {
                Some(text) => persist::attach_text(article, text).ok().map(|a| (a, rev)),
                None => Some((article, rev)),
            });
        out.articles.push((id, found));
    }
    tx.done().await?;
    Ok(out)
}

// ---------------------------------------------------------------------------------------------
// Quarantine, quota, persistence, erasing

/// How many raw values the quarantine holds.
pub async fn quarantine_count() -> Result<u32, IdbError> {
    let db = db()?;
    let tx = Tx::new(&db, &[stores::QUARANTINE], false)?;
    let req = issued(tx.store(stores::QUARANTINE)?.count())?;
    let n = request(&req).await?.as_f64().unwrap_or(0.0) as u32;
    tx.done().await?;
    Ok(n)
}

/// The quarantine as JSON lines: `{"store", "key", "kind", "reason", "at", "raw"}`, `raw` being
/// the value exactly as found (a string, or the JSON of any other value).
pub async fn quarantine_dump() -> Result<String, IdbError> {
    let db = db()?;
    let tx = Tx::new(&db, &[stores::QUARANTINE], false)?;
    let entries = idb::entries(&tx.store(stores::QUARANTINE)?)?.await?;
    tx.done().await?;
    let mut out = String::new();
    for (_, entry) in entries {
        let line = js_sys::JSON::stringify(&entry)
            .ok()
            .and_then(|s| s.as_string())
            .unwrap_or_else(|| "{}".into());
        out.push_str(&line);
        out.push('\n');
    }
    Ok(out)
}

fn storage_manager() -> Option<web_sys::StorageManager> {
    let navigator = web_sys::window()?.navigator();
    // Absent in insecure contexts and some embedded browsers.
    let present = Reflect::has(&navigator, &"storage".into()).unwrap_or(false);
    present.then(|| navigator.storage())
}

/// Bytes used and available to this page (`navigator.storage.estimate()`).
pub async fn estimate() -> Option<(f64, f64)> {
    let promise = storage_manager()?.estimate().ok()?;
    let estimate: web_sys::StorageEstimate = JsFuture::from(promise).await.ok()?.unchecked_into();
    Some((estimate.get_usage()?, estimate.get_quota()?))
}

/// Asks the browser to keep this page's storage under storage pressure
/// (`navigator.storage.persist()`); whether it does.
pub async fn request_persistence() -> Option<bool> {
    let manager = storage_manager()?;
    let already = JsFuture::from(manager.persisted().ok()?)
        .await
        .ok()?
        .as_bool();
    if already == Some(true) {
        return Some(true);
    }
    JsFuture::from(manager.persist().ok()?)
        .await
        .ok()?
        .as_bool()
}

/// Deletes every trace of Raqim in this browser: the database and the `raqim/…` keys.
pub async fn erase_everything() -> Result<(), IdbError> {
    DB.with(|d| {
        if let Some(db) = d.borrow_mut().take() {
            db.close();
        }
    });
    let storage = raw_local();
    for key in local_keys() {
        if key.starts_with("raqim/") {
            let _ = storage.remove_item(&key);
        }
    }
    let factory = web_sys::window()
        .and_then(|w| w.indexed_db().ok().flatten())
        .ok_or_else(|| IdbError::new("NotSupportedError", "this browser offers no IndexedDB"))?;
    let req = issued(factory.delete_database(stores::DATABASE).map(Into::into))?;
    request(&req).await.map(|_| ())
}
