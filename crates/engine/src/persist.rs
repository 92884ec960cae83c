//! What the page stores, how records are encoded, and how older or damaged storage is read back.
//!
//! The page's storage module does the IO (IndexedDB, `localStorage`); everything that decides
//! *what* is written and *what* a stored byte string means lives here, so it is tested natively
//! against fixtures of every schema version Raqim has ever written (`tests/data/persist/`).
//!
//! # Schema versions
//!
//! | version | where | layout |
//! |---|---|---|
//! | 1 | `localStorage` | `raqim/schema` = `1`; `raqim/meta` = `{order, selected, lang}`; `raqim/article/<id>` = the [`Article`] as JSON, text included; `raqim/broken/<key>` = a record v1 could not read, set aside. Labels, targets, guidelines and learned rules were not stored. |
//! | 2 | IndexedDB `raqim` | store `texts`: id → the article text (a string, written once); `articles`: id → [`ArticleRecord`] JSON (the article *without* its text, with a revision number); `meta`: `"workspace"` → [`MetaRecord`] JSON; `quarantine`: whatever could not be read, raw. `localStorage` keeps only tiny state (language, backup reminder) and the edit journal (one key per edit not yet committed, see [`Rescue`]). |
//! | 3 | as 2 | Undo patches (in article records) and journaled edits are externally tagged (`{"spans": {"remove": …}}`, not `{"patch": "spans", "remove": …}`): an internally tagged enum costs the page's wasm a second, buffered deserializer of everything inside it. Schema 1–2 values are rewritten as they are read (`untag`). The meta record did not change and is still written as 2 ([`META_SCHEMA`]). |
//!
//! [`migrate_v1`] turns a v1 `localStorage` dump into a v2 workspace.
//!
//! # Reading never fails
//!
//! [`recover`] takes whatever the stores hold and returns every article it can: a record that
//! is not JSON (hand-edited, truncated), has a schema version from the future, or does not match
//! its text is reported as [`Damaged`] so the caller moves its raw bytes to the quarantine — and
//! when only an article's *record* is damaged, its text is still recovered as an unannotated
//! article. Nothing is ever deleted.
//!
//! # Several tabs, no lost updates
//!
//! Every record carries a revision. A tab remembers the revision each of its records is based
//! on; when it commits and finds a different one (another tab wrote in between), it does not
//! overwrite: [`rebase_article`] replays the tab's own edits on the stored article, and
//! [`merge_meta`] merges the workspace-level state three ways. [`Workspace::apply`] is pure and
//! deterministic, which is what makes the replay sound.
//!
//! # Edits that were not written yet
//!
//! IndexedDB is asynchronous, and a page can be closed — or the browser killed — before a
//! transaction completes. So every edit is also written to `localStorage` the moment it is
//! applied, synchronously (a write-ahead journal: one key per edit, [`journal_key`]), and
//! removed once a commit containing it has completed. Edits carry a per-tab sequence number and
//! the meta record remembers the last one committed per tab ([`MetaRecord::applied`]), so on the
//! next start [`Rescue::unapplied`] replays exactly the journaled edits that did not make it.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::article::{Article, ArticleId};
use crate::order;
use crate::rules::LearnedRule;
use crate::workspace::{Edit, Settings, Workspace};

/// The schema version this build writes article records and journal entries in.
pub const SCHEMA: u32 = 3;

/// The schema version this build writes the meta record in. Its format did not change in
/// schema 3, so it is still written as 2: a tab of the previous version left open across an
/// update can then read it and merge into it, instead of writing over the labels, targets,
/// guidelines and learned rules this version's tabs set up. (Article records it cannot read,
/// it leaves alone: it drops them from its view until it is reloaded, and it is the new
/// version then.)
pub const META_SCHEMA: u32 = 2;

/// Every schema version this build can read (older ones are migrated).
pub const READABLE: [u32; 3] = [1, 2, 3];

/// The IndexedDB database and its object stores (schema 2 and later).
pub mod stores {
    /// The database name.
    pub const DATABASE: &str = "raqim";
    /// The IndexedDB version of the database layout (not the record schema).
    pub const DATABASE_VERSION: u32 = 1;
    /// id → article text (a string).
    pub const TEXTS: &str = "texts";
    /// id → [`super::ArticleRecord`] JSON.
    pub const ARTICLES: &str = "articles";
    /// [`META_KEY`] → [`super::MetaRecord`] JSON.
    pub const META: &str = "meta";
    /// Auto-numbered: whatever could not be read, as it was found.
    pub const QUARANTINE: &str = "quarantine";
    /// The meta store's one key.
    pub const META_KEY: &str = "workspace";
    /// Every store, in the order transactions name them.
    pub const ALL: [&str; 4] = [TEXTS, ARTICLES, META, QUARANTINE];
}

/// The `localStorage` keys.
pub mod keys {
    /// The interface language (`ar` / `en`).
    pub const LANG: &str = "raqim/lang";
    /// The schema marker: `1` in the v1 layout, [`super::SCHEMA`] once the data lives in
    /// IndexedDB.
    pub const SCHEMA: &str = "raqim/schema";
    /// [`super::BackupState`] JSON.
    pub const BACKUP: &str = "raqim/backup";
    /// `raqim/rescue/<tab>/<seq>`: one journaled edit (see [`super::journal_key`]).
    pub const RESCUE_PREFIX: &str = "raqim/rescue/";
    /// v1: the workspace-level state.
    pub const V1_META: &str = "raqim/meta";
    /// v1: one article per key.
    pub const V1_ARTICLE_PREFIX: &str = "raqim/article/";
    /// v1: records v1 could not read, set aside.
    pub const V1_BROKEN_PREFIX: &str = "raqim/broken/";

    /// Whether a `localStorage` key belongs to the v1 layout (the data, not the marker).
    pub fn is_v1_data(key: &str) -> bool {
        key == V1_META || key.starts_with(V1_ARTICLE_PREFIX) || key.starts_with(V1_BROKEN_PREFIX)
    }
}

/// One article as stored in the `articles` store: everything but the text, which lives in the
/// `texts` store and never changes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ArticleRecord {
    pub schema: u32,
    /// Incremented by every write; how a tab notices that another one wrote.
    pub rev: u64,
    /// The article, with an empty `text`.
    pub article: Article,
}

/// The last edit a tab committed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Applied {
    pub seq: u64,
    pub at_ms: u64,
}

/// How many tabs' last committed edits the meta record remembers.
pub const APPLIED_KEPT: usize = 32;

/// The workspace-level state (the `meta` store's one record).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MetaRecord {
    pub schema: u32,
    #[serde(default)]
    pub rev: u64,
    /// Article ids in list order.
    #[serde(default)]
    pub order: Vec<ArticleId>,
    #[serde(default)]
    pub selected: Option<ArticleId>,
    #[serde(default)]
    pub settings: Settings,
    #[serde(default)]
    pub learned: Vec<LearnedRule>,
    /// Per tab: the sequence number of the last edit committed (see [`Rescue`]).
    #[serde(default)]
    pub applied: BTreeMap<String, Applied>,
    /// The schema this workspace was migrated from, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub migrated_from: Option<u32>,
}

impl Default for MetaRecord {
    fn default() -> MetaRecord {
        MetaRecord {
            schema: META_SCHEMA,
            rev: 0,
            order: Vec::new(),
            selected: None,
            settings: Settings::default(),
            learned: Vec::new(),
            applied: BTreeMap::new(),
            migrated_from: None,
        }
    }
}

impl MetaRecord {
    /// The workspace-level state of `ws`, at revision `rev`, keeping `applied` from `base`.
    pub fn of(ws: &Workspace, rev: u64, base: Option<&MetaRecord>) -> MetaRecord {
        MetaRecord {
            schema: META_SCHEMA,
            rev,
            order: ws.articles.iter().map(|a| a.id.clone()).collect(),
            selected: ws.selected.clone(),
            settings: ws.settings.clone(),
            learned: ws.learned.clone(),
            applied: base.map(|b| b.applied.clone()).unwrap_or_default(),
            migrated_from: base.and_then(|b| b.migrated_from),
        }
    }

    /// Records that `tab` committed its edits up to `seq` (keeps the newest [`APPLIED_KEPT`]).
    pub fn mark_applied(&mut self, tab: &str, seq: u64, at_ms: u64) {
        let entry = self
            .applied
            .entry(tab.to_owned())
            .or_insert(Applied { seq, at_ms });
        entry.seq = entry.seq.max(seq);
        entry.at_ms = at_ms;
        while self.applied.len() > APPLIED_KEPT {
            let oldest = self
                .applied
                .iter()
                .min_by_key(|(_, a)| a.at_ms)
                .map(|(tab, _)| tab.clone());
            match oldest {
                Some(tab) => self.applied.remove(&tab),
                None => break,
            };
        }
    }
}

/// Why a stored value could not be used. Written for the analyst (in English; the page adds
/// a translation of the kind).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Damage {
    /// Not JSON at all (hand-edited, or cut off): the parser's message.
    NotJson(String),
    /// Written by a newer Raqim: the schema version found.
    FutureSchema(u64),
    /// No schema version, or not a number.
    NoSchema,
    /// JSON of the wrong shape: the parser's message.
    Invalid(String),
    /// Where a text belongs, something that is not a string.
    NotText(String),
    /// An article record whose text is missing.
    TextMissing,
    /// An article record whose text has another length than the record says (code points).
    TextMismatch { expected: usize, found: usize },
    /// A record stored under another article's key.
    WrongKey(String),
    /// Set aside as unreadable by Raqim v1.
    SetAsideByV1,
    /// A v1 copy found next to a v2 workspace it was not migrated into.
    StaleV1,
}

impl Damage {
    /// A short, stable name for the kind of damage (tests and translations key on it).
    pub fn kind(&self) -> &'static str {
        match self {
            Damage::NotJson(_) => "not-json",
            Damage::FutureSchema(_) => "future-schema",
            Damage::NoSchema => "no-schema",
            Damage::Invalid(_) => "invalid",
            Damage::NotText(_) => "not-text",
            Damage::TextMissing => "text-missing",
            Damage::TextMismatch { .. } => "text-mismatch",
            Damage::WrongKey(_) => "wrong-key",
            Damage::SetAsideByV1 => "set-aside-by-v1",
            Damage::StaleV1 => "stale-v1",
        }
    }
}

impl std::fmt::Display for Damage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Damage::NotJson(msg) => write!(f, "not readable as JSON ({msg})"),
            Damage::FutureSchema(v) => write!(
                f,
                "written by a newer version of Raqim (schema {v}; this version reads up to {SCHEMA})"
            ),
            Damage::NoSchema => write!(f, "no schema version"),
            Damage::Invalid(msg) => write!(f, "not a valid record ({msg})"),
            Damage::NotText(what) => write!(f, "not a text (found {what})"),
            Damage::TextMissing => write!(f, "its text is missing"),
            Damage::TextMismatch { expected, found } => write!(
                f,
                "its text has {found} characters where the record expects {expected}"
            ),
            Damage::WrongKey(id) => write!(f, "the record belongs to article {id}"),
            Damage::SetAsideByV1 => write!(f, "set aside as unreadable by an earlier version"),
            Damage::StaleV1 => write!(f, "an old copy found next to the current workspace"),
        }
    }
}

/// A stored value as the storage layer found it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Raw {
    /// A string (every value Raqim writes is one).
    Text(String),
    /// Anything else, described (e.g. `a number`, `an object`).
    Other(String),
}

/// One value that could not be used: where it is, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Damaged {
    /// The store (`articles`, `texts`, `meta`) or `localStorage`.
    pub store: String,
    pub key: String,
    pub damage: Damage,
}

/// What a load or migration found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    /// Articles recovered with their annotations.
    pub recovered: usize,
    /// Articles recovered from their text alone (their annotation record was damaged); they
    /// need fresh suggestions and a new record.
    pub text_only: Vec<ArticleId>,
    /// Articles that could not be recovered (keys as stored).
    pub lost: Vec<String>,
    /// Whether the workspace-level record (labels, targets, guidelines, learned rules, order)
    /// was damaged and replaced by defaults.
    pub meta_lost: bool,
    /// Every value set aside.
    pub damaged: Vec<Damaged>,
}

impl Report {
    /// Nothing was damaged.
    pub fn is_clean(&self) -> bool {
        self.damaged.is_empty()
    }
}

/// The contents of the v2 stores, as read.
#[derive(Debug, Clone, Default)]
pub struct RawStores {
    pub meta: Option<Raw>,
    pub articles: Vec<(String, Raw)>,
    pub texts: Vec<(String, Raw)>,
}

/// A workspace read back from storage.
#[derive(Debug, Clone, Default)]
pub struct Recovered {
    pub workspace: Workspace,
    /// The meta record as stored (the base of the next write), when it was readable.
    pub meta: Option<MetaRecord>,
    /// The stored revision of each recovered article record.
    pub revs: HashMap<ArticleId, u64>,
    pub report: Report,
}

/// The `articles` store's value for `article` at revision `rev` (the text is left out).
/// Cheapest for an article whose `text` was already taken out (the page does that).
pub fn encode_article(article: &Article, rev: u64) -> String {
    #[derive(Serialize)]
    struct Out<'a> {
        schema: u32,
        rev: u64,
        article: &'a Article,
    }
    let encode = |article: &Article| {
        serde_json::to_string(&Out {
            schema: SCHEMA,
            rev,
            article,
        })
        .unwrap_or_default()
    };
    if article.text.is_empty() {
        encode(article)
    } else {
        let mut copy = article.clone();
        copy.text = String::new();
        encode(&copy)
    }
}

/// The `meta` store's value.
pub fn encode_meta(meta: &MetaRecord) -> String {
    serde_json::to_string(meta).unwrap_or_default()
}

fn parse(raw: &str) -> Result<Value, Damage> {
    serde_json::from_str(raw).map_err(|e| Damage::NotJson(e.to_string()))
}

fn check_schema(value: &Value) -> Result<u64, Damage> {
    let schema = value
        .get("schema")
        .and_then(Value::as_u64)
        .ok_or(Damage::NoSchema)?;
    if schema > u64::from(SCHEMA) {
        return Err(Damage::FutureSchema(schema));
    }
    if !READABLE.contains(&(schema as u32)) {
        return Err(Damage::Invalid(format!("unknown schema {schema}")));
    }
    Ok(schema)
}

/// Reads an `articles` store value stored under `key`: the article (text still empty) and its
/// revision.
pub fn decode_article(key: &str, raw: &str) -> Result<(Article, u64), Damage> {
    let record = read_stored::<ArticleRecord>(
        raw,
        |record| READABLE.contains(&record.schema) && record.article.id.0 == key,
        Some(("article", untag::article)),
    )?;
    if record.article.id.0 != key {
        return Err(Damage::WrongKey(record.article.id.0));
    }
    Ok((record.article, record.rev))
}

/// The field of a stored record that schema 1–2 wrote differently, and its rewrite (`untag`).
type Migration = (&'static str, fn(&mut Value));

/// Reads a stored record from its text: in one pass in the common case, one `current` accepts
/// (a workspace of 1,000 articles is read at every start). Any other record is looked at again
/// as a `Value`: a schema 1–2 record that did not read is rewritten by its [`Migration`] and
/// read again; otherwise the damage is said precisely. Records are deserialized from text
/// only, never from a parsed `Value`: each way of deserializing a type is a copy of its
/// deserializer in the page's wasm.
fn read_stored<T: serde::de::DeserializeOwned>(
    raw: &str,
    current: impl FnOnce(&T) -> bool,
    migrate: Option<Migration>,
) -> Result<T, Damage> {
    let record = match serde_json::from_str::<T>(raw) {
        Ok(record) if current(&record) => return Ok(record),
        record => record,
    };
    let mut value = parse(raw)?;
    let schema = check_schema(&value)?;
    let record = match migrate.and_then(|(field, untag)| Some((value.get_mut(field)?, untag))) {
        Some((field, untag)) if schema <= 2 && record.is_err() => {
            untag(field);
            serde_json::from_str::<T>(&value.to_string())
        }
        _ => record,
    };
    record.map_err(|e| Damage::Invalid(e.to_string()))
}

/// Just the revision of an `articles` store value (`None` when unreadable).
pub fn article_rev(raw: &str) -> Option<u64> {
    #[derive(Deserialize)]
    struct Rev {
        rev: u64,
    }
    serde_json::from_str::<Rev>(raw).ok().map(|r| r.rev)
}

/// Puts an article's text back, checking it is the text the record was made for.
pub fn attach_text(mut article: Article, text: String) -> Result<Article, Damage> {
    let found = text.chars().count();
    if found != article.chars {
        return Err(Damage::TextMismatch {
            expected: article.chars,
            found,
        });
    }
    article.text = text;
    Ok(article)
}

/// Reads the `meta` store's value (unchanged since schema 2).
pub fn decode_meta(raw: &str) -> Result<MetaRecord, Damage> {
    read_stored(
        raw,
        |meta: &MetaRecord| READABLE.contains(&meta.schema),
        None,
    )
}

/// An article rebuilt from its text alone: no annotations, a file name that says so.
pub fn text_only_article(key: &str, text: String) -> Article {
    let sha256 = crate::hash::sha256_hex(text.as_bytes());
    Article {
        id: ArticleId(key.to_owned()),
        file: format!("recovered-{key}.txt"),
        sha256,
        encoding: "UTF-8".into(),
        bytes: text.len(),
        replaced: 0,
        chars: text.chars().count(),
        text,
        status: Default::default(),
        spans: Vec::new(),
        zones: Vec::new(),
        stances: BTreeMap::new(),
        speakers: Vec::new(),
        history: Default::default(),
        added_ms: 0,
    }
}

fn damaged(store: &str, key: &str, damage: Damage) -> Damaged {
    Damaged {
        store: store.to_owned(),
        key: key.to_owned(),
        damage,
    }
}

/// Reads the v2 stores back: every readable article (with its text), the workspace-level
/// state, and a report of everything that was not readable. Never fails.
pub fn recover(raw: RawStores) -> Recovered {
    let mut report = Report::default();
    let meta = match raw.meta {
        None => None,
        Some(Raw::Text(text)) => match decode_meta(&text) {
            Ok(meta) => Some(meta),
            Err(damage) => {
                report
                    .damaged
                    .push(damaged(stores::META, stores::META_KEY, damage));
                report.meta_lost = true;
                None
            }
        },
        Some(Raw::Other(what)) => {
            report.damaged.push(damaged(
                stores::META,
                stores::META_KEY,
                Damage::NotJson(format!("found {what}")),
            ));
            report.meta_lost = true;
            None
        }
    };
    let mut texts: BTreeMap<String, Result<String, Damage>> = BTreeMap::new();
    for (key, value) in raw.texts {
        let text = match value {
            Raw::Text(text) => Ok(text),
            Raw::Other(what) => Err(Damage::NotText(what)),
        };
        texts.insert(key, text);
    }
    let mut articles: Vec<Article> = Vec::new();
    let mut revs = HashMap::new();
    for (key, value) in raw.articles {
        let record = match value {
            Raw::Text(raw) => decode_article(&key, &raw),
            Raw::Other(what) => Err(Damage::NotJson(format!("found {what}"))),
        };
        let text = texts.remove(&key);
        match (record, text) {
            (Ok((article, rev)), Some(Ok(text))) => match attach_text(article, text.clone()) {
                Ok(article) => {
                    revs.insert(article.id.clone(), rev);
                    report.recovered += 1;
                    articles.push(article);
                }
                Err(damage) => {
                    report.damaged.push(damaged(stores::ARTICLES, &key, damage));
                    text_only(&key, text, &mut articles, &mut report);
                }
            },
            (Ok(_), Some(Err(damage))) => {
                report.damaged.push(damaged(stores::TEXTS, &key, damage));
                report
                    .damaged
                    .push(damaged(stores::ARTICLES, &key, Damage::TextMissing));
                report.lost.push(key);
            }
            (Ok(_), None) => {
                report
                    .damaged
                    .push(damaged(stores::ARTICLES, &key, Damage::TextMissing));
                report.lost.push(key);
            }
            (Err(damage), Some(Ok(text))) => {
                report.damaged.push(damaged(stores::ARTICLES, &key, damage));
                text_only(&key, text, &mut articles, &mut report);
            }
            (Err(damage), Some(Err(text_damage))) => {
                report.damaged.push(damaged(stores::ARTICLES, &key, damage));
                report
                    .damaged
                    .push(damaged(stores::TEXTS, &key, text_damage));
                report.lost.push(key);
            }
            (Err(damage), None) => {
                report.damaged.push(damaged(stores::ARTICLES, &key, damage));
                report.lost.push(key);
            }
        }
    }
    // Texts without a record (a record lost outside Raqim): the text alone is worth keeping.
    for (key, text) in texts {
        match text {
            Ok(text) => text_only(&key, text, &mut articles, &mut report),
            Err(damage) => {
                report.damaged.push(damaged(stores::TEXTS, &key, damage));
                report.lost.push(key);
            }
        }
    }
    let workspace = assemble(articles, meta.as_ref());
    Recovered {
        workspace,
        meta,
        revs,
        report,
    }
}

fn text_only(key: &str, text: String, articles: &mut Vec<Article>, report: &mut Report) {
    let article = text_only_article(key, text);
    report.text_only.push(article.id.clone());
    articles.push(article);
}

/// Orders articles as the meta record lists them (the rest after, oldest first) and restores
/// the workspace-level state.
fn assemble(mut articles: Vec<Article>, meta: Option<&MetaRecord>) -> Workspace {
    let listed: HashMap<&ArticleId, usize> = meta
        .map(|m| m.order.iter().enumerate().map(|(i, id)| (id, i)).collect())
        .unwrap_or_default();
    order::sort_by(&mut articles, |a, b| {
        let ka = (
            listed.get(&a.id).copied().unwrap_or(usize::MAX),
            a.added_ms,
            &a.id,
        );
        let kb = (
            listed.get(&b.id).copied().unwrap_or(usize::MAX),
            b.added_ms,
            &b.id,
        );
        ka.cmp(&kb)
    });
    articles.dedup_by(|a, b| a.id == b.id);
    let selected = meta
        .and_then(|m| m.selected.clone())
        .filter(|id| articles.iter().any(|a| &a.id == id))
        .or_else(|| articles.first().map(|a| a.id.clone()));
    Workspace {
        articles,
        selected,
        settings: meta.map(|m| m.settings.clone()).unwrap_or_default(),
        learned: meta.map(|m| m.learned.clone()).unwrap_or_default(),
    }
}

/// A v1 `localStorage` layout, migrated.
#[derive(Debug, Clone, Default)]
pub struct Migrated {
    pub workspace: Workspace,
    /// The interface language v1 kept with the workspace.
    pub lang: Option<String>,
    /// The meta record to write (`migrated_from` = 1).
    pub meta: MetaRecord,
    pub report: Report,
}

#[derive(Deserialize)]
struct V1Meta {
    #[serde(default)]
    order: Vec<ArticleId>,
    #[serde(default)]
    selected: Option<ArticleId>,
    #[serde(default)]
    lang: Option<String>,
}

/// Migrates a v1 `localStorage` layout (`(key, value)` pairs; other keys are ignored). Every
/// value it cannot use is in `report.damaged` with store `localStorage`.
pub fn migrate_v1(entries: &[(String, String)]) -> Migrated {
    const LS: &str = "localStorage";
    let mut report = Report::default();
    let mut meta = None;
    let mut articles = Vec::new();
    for (key, value) in entries {
        if key == keys::V1_META {
            match serde_json::from_str::<V1Meta>(value) {
                Ok(m) => meta = Some(m),
                Err(e) => {
                    let damage = match parse(value) {
                        Err(d) => d,
                        Ok(_) => Damage::Invalid(e.to_string()),
                    };
                    report.damaged.push(damaged(LS, key, damage));
                    report.meta_lost = true;
                }
            }
        } else if let Some(id) = key.strip_prefix(keys::V1_ARTICLE_PREFIX) {
            let article = parse(value).and_then(|mut v| {
                if let Some(schema) = v.get("schema").and_then(Value::as_u64) {
                    if schema > u64::from(SCHEMA) {
                        return Err(Damage::FutureSchema(schema));
                    }
                }
                untag::article(&mut v);
                serde_json::from_str::<Article>(&v.to_string())
                    .map_err(|e| Damage::Invalid(e.to_string()))
            });
            let article = article.and_then(|a| {
                if a.id.0 != id {
                    return Err(Damage::WrongKey(a.id.0));
                }
                let found = a.text.chars().count();
                if found != a.chars {
                    return Err(Damage::TextMismatch {
                        expected: a.chars,
                        found,
                    });
                }
                Ok(a)
            });
            match article {
                Ok(a) => {
                    report.recovered += 1;
                    articles.push(a);
                }
                Err(damage) => {
                    report.damaged.push(damaged(LS, key, damage));
                    report.lost.push(id.to_owned());
                }
            }
        } else if key.starts_with(keys::V1_BROKEN_PREFIX) {
            report.damaged.push(damaged(LS, key, Damage::SetAsideByV1));
        }
    }
    let mut record = MetaRecord {
        migrated_from: Some(1),
        ..MetaRecord::default()
    };
    if let Some(m) = &meta {
        record.order = m.order.clone();
        record.selected = m.selected.clone();
    }
    let workspace = assemble(articles, Some(&record));
    record.order = workspace.articles.iter().map(|a| a.id.clone()).collect();
    record.selected = workspace.selected.clone();
    Migrated {
        workspace,
        lang: meta.and_then(|m| m.lang),
        meta: record,
        report,
    }
}

/// What an edit concerns, for replaying one article's edits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    /// One article's record.
    Article(ArticleId),
    /// Every article's record (clearing, label set changes).
    Every,
    /// Only the workspace-level state.
    Workspace,
}

/// What `edit` concerns.
pub fn scope(edit: &Edit) -> Scope {
    if let Some(article) = edit.annotated_article() {
        return Scope::Article(article.clone());
    }
    match edit {
        Edit::AddArticle { article } => Scope::Article(article.id.clone()),
        Edit::RemoveArticle { id } => Scope::Article(id.clone()),
        Edit::Select { .. }
        | Edit::SetTargets { .. }
        | Edit::SetGuidelines { .. }
        | Edit::RemoveLearned { .. }
        | Edit::AddPack { .. }
        | Edit::RemovePack { .. }
        | Edit::RestoreSettings { .. }
        | Edit::AdoptVocabulary { .. } => Scope::Workspace,
        // Clearing, label set changes, and any edit kind added later: replaying it on every
        // article is always safe.
        _ => Scope::Every,
    }
}

/// Whether `edit` changes the record of article `id`.
pub fn concerns(edit: &Edit, id: &ArticleId) -> bool {
    match scope(edit) {
        Scope::Article(a) => &a == id,
        Scope::Every => true,
        Scope::Workspace => false,
    }
}

/// Replays the edits that concern `stored`'s article on it, in order, under the given
/// workspace-level settings and learned rules. Edits that no longer apply (the span they name
/// was removed meanwhile) are skipped. `None` when the edits remove the article.
pub fn rebase_article(
    stored: Article,
    settings: &Settings,
    learned: &[LearnedRule],
    edits: &[Edit],
) -> Option<Article> {
    let id = stored.id.clone();
    let mut ws = Workspace {
        articles: vec![stored],
        selected: None,
        settings: settings.clone(),
        learned: learned.to_vec(),
    };
    for edit in edits.iter().filter(|e| concerns(e, &id)) {
        let _ = ws.apply(edit.clone());
    }
    ws.articles.pop()
}

fn minus<T: PartialEq + Clone>(a: &[T], b: &[T]) -> Vec<T> {
    a.iter().filter(|x| !b.contains(x)).cloned().collect()
}

/// Three-way merge of the workspace-level state: `base` is what this tab last read, `local`
/// what it has now, `stored` what another tab committed meanwhile. Articles added or removed
/// here are added or removed there; settings changed here win, unchanged ones follow `stored`;
/// learned rules are merged as sets; the selection is this tab's. The result has `stored`'s
/// revision.
pub fn merge_meta(base: &MetaRecord, local: &MetaRecord, stored: &MetaRecord) -> MetaRecord {
    let removed: BTreeSet<&ArticleId> =
        order::set(base.order.iter().filter(|id| !local.order.contains(id)));
    let mut order: Vec<ArticleId> = stored
        .order
        .iter()
        .filter(|id| !removed.contains(id))
        .cloned()
        .collect();
    for id in &local.order {
        if !base.order.contains(id) && !order.contains(id) {
            order.push(id.clone());
        }
    }
    let settings = if local.settings != base.settings {
        local.settings.clone()
    } else {
        stored.settings.clone()
    };
    let forgotten = minus(&base.learned, &local.learned);
    let mut learned = minus(&stored.learned, &forgotten);
    for rule in minus(&local.learned, &base.learned) {
        learned.retain(|r| !(r.pattern == rule.pattern && r.label == rule.label));
        learned.push(rule);
    }
    let mut applied = stored.applied.clone();
    for (tab, a) in &local.applied {
        let entry = applied.entry(tab.clone()).or_insert(*a);
        if a.seq > entry.seq {
            *entry = *a;
        }
    }
    let selected = local
        .selected
        .clone()
        .filter(|id| order.contains(id))
        .or_else(|| stored.selected.clone().filter(|id| order.contains(id)))
        .or_else(|| order.first().cloned());
    MetaRecord {
        schema: META_SCHEMA,
        rev: stored.rev,
        order,
        selected,
        settings,
        learned,
        applied,
        migrated_from: stored.migrated_from.or(local.migrated_from),
    }
}

/// An edit with this tab's sequence number.
#[derive(Debug, Clone, PartialEq)]
pub struct Sequenced {
    pub seq: u64,
    pub edit: Edit,
}

/// The `localStorage` key of one journaled edit.
pub fn journal_key(tab: &str, seq: u64) -> String {
    format!("{}{tab}/{seq}", keys::RESCUE_PREFIX)
}

/// The tab and sequence number of a journal key (`None` for any other key).
pub fn parse_journal_key(key: &str) -> Option<(&str, u64)> {
    let rest = key.strip_prefix(keys::RESCUE_PREFIX)?;
    let (tab, seq) = rest.rsplit_once('/')?;
    Some((tab, seq.parse().ok()?))
}

/// One journaled edit as stored: `{"schema", "seq", "edit"}`.
pub fn encode_entry(entry: &Sequenced) -> String {
    #[derive(Serialize)]
    struct Out<'a> {
        schema: u32,
        seq: u64,
        edit: &'a Edit,
    }
    serde_json::to_string(&Out {
        schema: SCHEMA,
        seq: entry.seq,
        edit: &entry.edit,
    })
    .unwrap_or_default()
}

/// Reads one journaled edit.
pub fn decode_entry(raw: &str) -> Result<Sequenced, Damage> {
    #[derive(Deserialize)]
    struct Entry {
        schema: u32,
        seq: u64,
        edit: Edit,
    }
    let Entry { seq, edit, .. } = read_stored(
        raw,
        |entry: &Entry| entry.schema == SCHEMA,
        Some(("edit", untag::edit)),
    )?;
    Ok(Sequenced { seq, edit })
}

/// Rewrites the internally tagged patches and edits of schema 1 and 2
/// (`{"patch": "spans", "remove": …}`) in the externally tagged form schema 3 reads
/// (`{"spans": {"remove": …}}`), in place. A value of any other shape is left as it is, for
/// the deserializer to report.
mod untag {
    use serde_json::{Map, Value};

    /// `{tag: "name", …rest}` → `{"name": {…rest}}`, or `"name"` when nothing is left (a unit
    /// variant). Returns the variant's fields.
    fn untag<'v>(value: &'v mut Value, tag: &str) -> Option<&'v mut Value> {
        let Value::String(name) = value.get(tag)? else {
            return None;
        };
        let name = name.clone();
        // Rebuilt rather than `remove`d from: one less copy of the map's code in the page.
        let mut rest = Map::new();
        for (key, field) in std::mem::take(value.as_object_mut()?) {
            if key != tag {
                rest.insert(key, field);
            }
        }
        *value = if rest.is_empty() {
            Value::String(name)
        } else {
            let mut variant = Map::new();
            variant.insert(name, Value::Object(rest));
            Value::Object(variant)
        };
        value.as_object_mut()?.values_mut().next()
    }

    /// A patch, and the patches a batch holds.
    fn patch(value: &mut Value) {
        if let Some(Value::Array(patches)) =
            untag(value, "patch").and_then(|p| p.get_mut("patches"))
        {
            patches.iter_mut().for_each(patch);
        }
    }

    /// The undo and redo stacks of an article.
    pub(super) fn article(article: &mut Value) {
        for stack in ["undo", "redo"] {
            if let Some(Value::Array(patches)) =
                article.get_mut("history").and_then(|h| h.get_mut(stack))
            {
                patches.iter_mut().for_each(patch);
            }
        }
    }

    /// A journaled edit, and the article an `add_article` carries.
    pub(super) fn edit(value: &mut Value) {
        if let Some(article) = untag(value, "edit").and_then(|e| e.get_mut("article")) {
            self::article(article);
        }
    }
}

/// The journaled edits of one tab that closed (or was killed) before committing them.
#[derive(Debug, Clone, PartialEq)]
pub struct Rescue {
    pub tab: String,
    /// In sequence order.
    pub edits: Vec<Sequenced>,
}

impl Rescue {
    /// Groups journal entries (`(tab, entry)`, any order) by tab, each in sequence order.
    pub fn group(entries: Vec<(String, Sequenced)>) -> Vec<Rescue> {
        let mut by_tab: BTreeMap<String, Vec<Sequenced>> = BTreeMap::new();
        for (tab, entry) in entries {
            by_tab.entry(tab).or_default().push(entry);
        }
        by_tab
            .into_iter()
            .map(|(tab, mut edits)| {
                order::sort_by_key(&mut edits, |e| e.seq);
                edits.dedup_by_key(|e| e.seq);
                Rescue { tab, edits }
            })
            .collect()
    }

    /// The edits the stored workspace does not have yet: those after the last one `meta` says
    /// this tab committed.
    pub fn unapplied(&self, meta: Option<&MetaRecord>) -> Vec<Edit> {
        let done = meta
            .and_then(|m| m.applied.get(&self.tab))
            .map_or(0, |a| a.seq);
        self.edits
            .iter()
            .filter(|e| e.seq > done)
            .map(|e| e.edit.clone())
            .collect()
    }
}

/// When the analyst last made a full backup, and how much was edited since.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BackupState {
    /// When the last backup was downloaded (ms since the epoch).
    #[serde(default)]
    pub last_ms: Option<u64>,
    /// Edits since then.
    #[serde(default)]
    pub edits: u64,
    /// When the first edit since then was made.
    #[serde(default)]
    pub since_ms: Option<u64>,
    /// When the reminder was last dismissed.
    #[serde(default)]
    pub snoozed_ms: Option<u64>,
}

/// Edits after which a backup is suggested even within a day.
pub const BACKUP_AFTER_EDITS: u64 = 300;
/// How old unsaved-to-file work may get before a backup is suggested (24 h).
pub const BACKUP_AFTER_MS: u64 = 24 * 60 * 60 * 1000;
/// How long a dismissed reminder stays away (4 h).
pub const BACKUP_SNOOZE_MS: u64 = 4 * 60 * 60 * 1000;

impl BackupState {
    /// One more edit at `now_ms`.
    pub fn edited(&mut self, now_ms: u64) {
        self.edits += 1;
        self.since_ms.get_or_insert(now_ms);
    }

    /// A backup was made at `now_ms`.
    pub fn backed_up(&mut self, now_ms: u64) {
        *self = BackupState {
            last_ms: Some(now_ms),
            ..BackupState::default()
        };
    }

    /// Whether to remind the analyst to back up: there is work not in any backup, and it is
    /// either a lot of edits or older than a day — unless the reminder was just dismissed.
    pub fn due(&self, now_ms: u64) -> bool {
        if self.edits == 0 {
            return false;
        }
        if let Some(snoozed) = self.snoozed_ms {
            if now_ms.saturating_sub(snoozed) < BACKUP_SNOOZE_MS {
                return false;
            }
        }
        let since = self.since_ms.unwrap_or(now_ms);
        self.edits >= BACKUP_AFTER_EDITS || now_ms.saturating_sub(since) >= BACKUP_AFTER_MS
    }
}
