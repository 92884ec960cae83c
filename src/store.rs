//! The app's state and the single door through which it changes.
//!
//! [`Store::dispatch`] applies an engine [`Edit`] to the workspace signal at once, so the page
//! repaints in the same frame; saving what the edit touched, and re-suggesting the articles a
//! lesson concerns, run right after that frame ([`Store::flush`]). Components never mutate the
//! workspace themselves.
//!
//! # Saving
//!
//! Every applied edit is also kept, with this tab's sequence number, until a commit that
//! contains it has completed: `flush` takes the edits and what they touched as one batch and
//! hands it to [`storage::commit`] (one IndexedDB transaction). The indicator says *Saving…*
//! until that transaction's `complete` event, *Saved* after it. A commit that fails (the quota
//! is full, the disk is gone) leaves the batch in memory, says so — with an export button when
//! the quota is the problem — and is retried on the next edit and on a timer, so an edit is
//! never silently dropped. One commit runs at a time; edits made meanwhile form the next one.
//!
//! IndexedDB is asynchronous and a page can be closed, or the browser killed, before a
//! transaction completes: so every edit is also journaled in `localStorage` synchronously when
//! it is applied (one small key per edit), and the journal entry is removed once a commit
//! containing it has completed. The next start replays the journaled edits the stored workspace
//! does not have (per-tab sequence numbers say which). A page being closed (`pagehide`) or
//! hidden also starts its commit at once.
//!
//! # Other tabs
//!
//! After a commit the tab announces the records it wrote ([`sync::Message::Committed`]); the
//! other tabs read them back and replay their own not-yet-committed edits on them. Conflicts at
//! commit time are resolved inside the transaction (see `storage`); replacing an article or the
//! workspace-level state with what another tab committed is the one change that does not go
//! through `Workspace::apply` — it *is* the result of `apply` in the other tab.

mod sync;

use std::collections::HashSet;
use std::time::Duration;

use leptos::prelude::*;
use leptos::task::spawn_local;
use raqim_engine::persist::{self, BackupState, MetaRecord, Report, Rescue, Sequenced};
use raqim_engine::rules::LearnedRule;
use raqim_engine::workspace::{Refusal, Touched};
use raqim_engine::{Article, ArticleId, Edit, Workspace};

use crate::browser;
use crate::engine_host::EngineHost;
use crate::i18n::Lang;
use crate::storage::{self, Base, Batch, Committed, IdbError, Write};

use sync::Message;

/// Whether the last edit reached storage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveState {
    Saved,
    /// Edits are applied and waiting to be written.
    Saving,
    Failed(String),
}

/// What the start-up found in storage, for the recovery notice.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Recovery {
    pub report: Report,
    /// Articles migrated from the v1 layout.
    pub migrated: Option<usize>,
    /// Edits replayed from the journals of pages that closed before saving them.
    pub rescued: usize,
}

impl Recovery {
    /// Whether there is anything to tell the analyst.
    pub fn notable(&self) -> bool {
        !self.report.is_clean()
            || !self.report.text_only.is_empty()
            || self.migrated.is_some()
            || self.rescued > 0
    }
}

/// Files being read and added.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Progress {
    /// Files finished.
    pub done: usize,
    pub total: usize,
    /// The file being read (untrusted: render as text).
    pub current: String,
    /// How far into the current file (0–1), for large ones.
    pub part: f64,
}

/// The storage side of the page, for the indicator, the storage panel and the notices.
#[derive(Debug, Clone, Copy)]
pub struct StorageStatus {
    /// The saved workspace has been read (until then the page shows a loading state).
    pub ready: RwSignal<bool>,
    /// Bytes used and available (`navigator.storage.estimate()`).
    pub usage: RwSignal<Option<(f64, f64)>>,
    /// Whether the browser promised to keep the data (`navigator.storage.persist()`).
    pub persisted: RwSignal<Option<bool>>,
    /// The last commit failed because the storage is full.
    pub quota_full: RwSignal<bool>,
    /// The storage cannot be used at all (the page works in memory only).
    pub unavailable: RwSignal<Option<String>>,
    pub recovery: RwSignal<Option<Recovery>>,
    /// Raw values kept aside in the quarantine.
    pub quarantined: RwSignal<u32>,
    pub backup: RwSignal<BackupState>,
    pub intake: RwSignal<Option<Progress>>,
    /// Records received from other tabs (shown in the panel; tests read it).
    pub received: RwSignal<u32>,
}

impl StorageStatus {
    fn new() -> StorageStatus {
        StorageStatus {
            ready: RwSignal::new(false),
            usage: RwSignal::new(None),
            persisted: RwSignal::new(None),
            quota_full: RwSignal::new(false),
            unavailable: RwSignal::new(None),
            recovery: RwSignal::new(None),
            quarantined: RwSignal::new(0),
            backup: RwSignal::new(storage::backup_state()),
            intake: RwSignal::new(None),
            received: RwSignal::new(0),
        }
    }
}

/// Article texts larger than this (bytes) are not put in the edit journal (`localStorage` holds
/// about 5 MB per origin); the file is still on the analyst's disk.
const JOURNAL_TEXT_LIMIT: usize = 256 * 1024;

/// Commits start at least this far apart (ms), except when the page is closing: a burst of
/// edits (a hundred files dropped at once) is written in a few transactions rather than one per
/// edit, each of which rewrites the workspace record and waits for the disk.
const COMMIT_GAP_MS: f64 = 100.0;

/// Bookkeeping of what is saved (never rendered, so not reactive).
#[derive(Debug, Default)]
struct Journal {
    tab: String,
    seq: u64,
    /// The storage was read and can be written.
    open: bool,
    /// Applied edits not yet in a commit.
    pending: Vec<Sequenced>,
    /// The commit under way: what it touched and its edits.
    inflight: Option<(Vec<Touched>, Vec<Sequenced>)>,
    /// The stored revisions this tab's state is based on.
    base: Base,
    scheduled: bool,
    /// When the last commit started (`performance.now()`), and whether one waits for the gap.
    last_commit_ms: Option<f64>,
    gap_scheduled: bool,
    retry_scheduled: bool,
    retry_ms: u32,
    /// A failure notice is showing (one per run of failures).
    failure_told: bool,
    /// Records other tabs announced while a commit was under way.
    inbox: Vec<ArticleId>,
    inbox_meta: bool,
    /// Rescue journals (of other, closed tabs) replayed here, removed after the next commit.
    consumed: Vec<String>,
    /// Edits since the last flush that count for the backup reminder.
    work: u64,
    last_estimate_ms: f64,
}

/// The workspace, its save state and the interface language.
#[derive(Debug, Clone, Copy)]
pub struct Store {
    pub workspace: RwSignal<Workspace>,
    pub save: RwSignal<SaveState>,
    pub lang: RwSignal<Lang>,
    pub engine: EngineHost,
    pub status: StorageStatus,
    notices: Notices,
    /// What edits touched since the last write.
    dirty: StoredValue<Vec<Touched>>,
    /// What edits taught the engine, not yet applied to it.
    lessons: StoredValue<Vec<Lesson>>,
    journal: StoredValue<Journal>,
}

impl Store {
    /// An empty store in the saved language; [`Store::start`] reads the saved workspace.
    pub fn new(notices: Notices) -> Store {
        let lang = storage::lang()
            .as_deref()
            .map(Lang::from_tag)
            .unwrap_or_default();
        Store {
            engine: EngineHost::new(&Workspace::default()),
            workspace: RwSignal::new(Workspace::default()),
            save: RwSignal::new(SaveState::Saved),
            lang: RwSignal::new(lang),
            status: StorageStatus::new(),
            notices,
            dirty: StoredValue::new(Vec::new()),
            lessons: StoredValue::new(Vec::new()),
            journal: StoredValue::new(Journal {
                tab: sync::new_tab_id(),
                retry_ms: 1000,
                ..Journal::default()
            }),
        }
    }

    /// Reads the saved workspace (migrating, recovering and replaying rescued edits as
    /// needed), then listens to other tabs. The page shows a loading state until this ends.
    pub async fn start(self) {
        let store = self;
        sync::listen(move |message| store.on_message(message));
        let loaded = storage::load().await;
        let t = self.lang.get_untracked().strings();
        if let Some(err) = &loaded.error {
            self.status.unavailable.set(Some(err.to_string()));
            self.save.set(SaveState::Failed(err.to_string()));
            self.notices.push(
                NoticeKind::Error,
                None,
                format!("{}: {err}", t.storage_unavailable),
            );
        }
        let ws = loaded.workspace;
        if !ws.settings.packs.is_empty() {
            self.engine.repack(&ws);
        } else if !ws.learned.is_empty() {
            let rules = Workspace {
                learned: ws.learned.clone(),
                ..Workspace::default()
            };
            self.engine.relearn(&rules, &[]);
        }
        self.workspace.set(ws);
        self.journal.update_value(|j| {
            j.base = loaded.base;
            j.open = loaded.error.is_none() || loaded.write_all;
        });
        // Articles recovered from their text alone get fresh suggestions and a new record.
        for id in &loaded.report.text_only {
            self.resuggest(id.clone());
        }
        if loaded.write_all {
            self.mark_dirty(Touched::All);
        }
        // Edits of pages that closed before saving them (and are not open any more).
        let mut rescued = 0;
        if !loaded.rescues.is_empty() {
            let alive = self.alive(&loaded.rescues).await;
            let meta = self.journal.with_value(|j| j.base.meta.clone());
            for rescue in loaded.rescues.iter().filter(|r| !alive.contains(&r.tab)) {
                for edit in rescue.unapplied(meta.as_ref()) {
                    let work = !matches!(edit, Edit::Select { .. });
                    if self.dispatch(edit).is_ok() && work {
                        rescued += 1;
                    }
                }
                self.journal
                    .update_value(|j| j.consumed.push(rescue.tab.clone()));
            }
            // Journals with nothing left to replay are done with.
            if rescued == 0 {
                for tab in self
                    .journal
                    .try_update_value(|j| std::mem::take(&mut j.consumed))
                    .unwrap_or_default()
                {
                    storage::forget_tab(&tab);
                }
            }
        }
        let recovery = Recovery {
            report: loaded.report,
            migrated: loaded.migrated,
            rescued,
        };
        if recovery.notable() {
            self.status.recovery.set(Some(recovery));
        }
        self.status.quarantined.set(loaded.quarantined);
        // What other tabs announced while this one was reading is in what it read.
        self.journal.update_value(|j| {
            j.inbox.clear();
            j.inbox_meta = false;
        });
        self.status.ready.set(true);
        self.schedule();
        if self.status.unavailable.get_untracked().is_none() {
            self.status
                .persisted
                .set(storage::request_persistence().await);
            self.refresh_usage().await;
        }
    }

    /// Which of the tabs that left these journals are still open (asked on the channel).
    async fn alive(&self, rescues: &[Rescue]) -> HashSet<String> {
        let me = self.journal.with_value(|j| j.tab.clone());
        ALIVE.with(|a| a.borrow_mut().clear());
        for r in rescues {
            sync::send(&Message::Ping {
                tab: r.tab.clone(),
                from: me.clone(),
            });
        }
        browser::sleep(250).await;
        ALIVE.with(|a| a.borrow().clone())
    }

    /// Applies one edit now; saves it (and applies what it taught) right after the repaint.
    pub fn dispatch(&self, edit: Edit) -> Result<(), Refusal> {
        let learned_before = self.workspace.with_untracked(|ws| ws.learned.clone());
        let repack = matches!(
            edit,
            Edit::AddPack { .. } | Edit::RemovePack { .. } | Edit::RestoreSettings { .. }
        );
        let logged = edit.clone();
        let touched = self
            .workspace
            .try_update(|ws| ws.apply(edit))
            .unwrap_or(Ok(Touched::Meta))?;
        let learned_changed = self
            .workspace
            .with_untracked(|ws| ws.learned != learned_before);
        if repack {
            self.lessons.update_value(|l| l.push(Lesson::Packs));
        } else if learned_changed {
            self.lessons
                .update_value(|l| l.push(Lesson::Learned(learned_before)));
        }
        self.log(logged);
        self.mark_dirty(touched);
        Ok(())
    }

    /// Keeps an applied edit until a commit containing it completes, and journals it in
    /// `localStorage` at once: the analyst's own edits, not the engine's re-suggestions
    /// (replaying the edits recomputes those) nor the text of an article too large for
    /// `localStorage` ([`JOURNAL_TEXT_LIMIT`]).
    fn log(&self, edit: Edit) {
        let work = !matches!(edit, Edit::Select { .. } | Edit::Suggest { .. });
        let journaled = match &edit {
            Edit::Suggest { .. } => false,
            Edit::AddArticle { article } => article.text.len() <= JOURNAL_TEXT_LIMIT,
            _ => true,
        };
        self.journal.update_value(|j| {
            j.seq += 1;
            let entry = Sequenced { seq: j.seq, edit };
            if journaled && j.open {
                // Best effort: a full localStorage only loses the crash protection.
                let _ = storage::journal(&j.tab, &entry);
            }
            j.pending.push(entry);
            if work {
                j.work += 1;
            }
        });
    }

    fn mark_dirty(&self, touched: Touched) {
        self.dirty.update_value(|d| d.push(touched));
        if self.save.get_untracked() == SaveState::Saved {
            self.save.set(SaveState::Saving);
        }
        self.schedule();
    }

    /// Runs [`Store::flush`] after the current frame (once, however many edits come).
    fn schedule(&self) {
        let first = self
            .journal
            .try_update_value(|j| !std::mem::replace(&mut j.scheduled, true));
        if first == Some(true) {
            let store = *self;
            set_timeout(move || store.flush(), Duration::ZERO);
        }
    }

    /// Re-suggests the articles the pending lessons concern, then starts writing everything
    /// edits touched. Called after the repaint, and synchronously when the page is closing.
    pub fn flush(&self) {
        self.flush_now(false);
    }

    fn flush_now(&self, closing: bool) {
        self.journal.update_value(|j| j.scheduled = false);
        for lesson in self
            .lessons
            .try_update_value(std::mem::take)
            .unwrap_or_default()
        {
            let stale = self.workspace.with_untracked(|ws| match &lesson {
                Lesson::Learned(before) => self.engine.relearn(ws, before),
                Lesson::Packs => self.engine.repack(ws),
            });
            for article in stale {
                self.resuggest(article);
            }
        }
        let work = self
            .journal
            .try_update_value(|j| std::mem::take(&mut j.work))
            .unwrap_or(0);
        if work > 0 {
            let now = browser::now_ms();
            self.status.backup.update(|b| {
                for _ in 0..work {
                    b.edited(now);
                }
                storage::save_backup_state(b);
            });
        }
        self.commit_now(closing);
    }

    /// Fresh engine suggestions for one article (a `Suggest` edit, saved like any other).
    fn resuggest(&self, article: ArticleId) {
        let text = self
            .workspace
            .with_untracked(|ws| ws.article(&article).map(|a| a.text.clone()));
        let Some(text) = text else { return };
        let s = self.engine.with(|e| e.suggest(&text));
        let edit = Edit::Suggest {
            article,
            spans: s.spans,
            zones: s.zones,
        };
        let logged = edit.clone();
        if let Some(Ok(touched)) = self.workspace.try_update(|ws| ws.apply(edit)) {
            self.log(logged);
            self.dirty.update_value(|d| d.push(touched));
            if self.save.get_untracked() == SaveState::Saved {
                self.save.set(SaveState::Saving);
            }
        }
    }

    /// Starts a commit of everything pending, unless one is under way (then the next starts
    /// when it ends) or the last one started less than [`COMMIT_GAP_MS`] ago (then it starts
    /// when that much time has passed).
    fn commit(&self) {
        self.commit_now(false);
    }

    fn commit_now(&self, closing: bool) {
        let ready = self.journal.with_value(|j| j.open && j.inflight.is_none());
        if !ready {
            return;
        }
        let nothing = self.dirty.with_value(Vec::is_empty)
            && self.journal.with_value(|j| j.pending.is_empty());
        if nothing {
            if self.save.get_untracked() == SaveState::Saving {
                self.save.set(SaveState::Saved);
            }
            return;
        }
        let now = browser::clock_ms();
        let wait = self
            .journal
            .with_value(|j| j.last_commit_ms.map_or(0.0, |t| COMMIT_GAP_MS - (now - t)));
        if wait > 0.0 && !closing {
            let first = self
                .journal
                .try_update_value(|j| !std::mem::replace(&mut j.gap_scheduled, true));
            if first == Some(true) {
                let store = *self;
                set_timeout(
                    move || {
                        store.journal.update_value(|j| j.gap_scheduled = false);
                        store.commit();
                    },
                    Duration::from_millis(wait.ceil() as u64),
                );
            }
            return;
        }
        let mut dirty = self
            .dirty
            .try_update_value(std::mem::take)
            .unwrap_or_default();
        let pending = self
            .journal
            .try_update_value(|j| std::mem::take(&mut j.pending))
            .unwrap_or_default();
        dirty.dedup();
        let batch = self.batch(&dirty, &pending);
        let snapshot = batch.meta.clone();
        self.journal.update_value(|j| {
            j.inflight = Some((dirty, pending));
            j.last_commit_ms = Some(now);
        });
        let store = *self;
        spawn_local(async move {
            let result = storage::commit(batch).await;
            store.committed(result, snapshot).await;
        });
    }

    /// The records a batch of edits touched, as they are now.
    fn batch(&self, dirty: &[Touched], pending: &[Sequenced]) -> Batch {
        let (tab, base_revs, base_meta) = self
            .journal
            .with_value(|j| (j.tab.clone(), j.base.revs.clone(), j.base.meta.clone()));
        self.workspace.with_untracked(|ws| {
            let mut ids: Vec<ArticleId> = Vec::new();
            let mut removed: Vec<ArticleId> = Vec::new();
            for touched in dirty {
                match touched {
                    Touched::Article(id) => ids.push(id.clone()),
                    Touched::Removed(id) => removed.push(id.clone()),
                    Touched::All => {
                        ids.extend(ws.articles.iter().map(|a| a.id.clone()));
                        removed.extend(
                            base_revs
                                .keys()
                                .filter(|id| ws.article(id).is_none())
                                .cloned(),
                        );
                    }
                    Touched::Meta => {}
                }
            }
            let mut seen = HashSet::new();
            let mut writes = Vec::new();
            for id in ids {
                if !seen.insert(id.clone()) {
                    continue;
                }
                match ws.article(&id) {
                    Some(a) => writes.push(Write {
                        article: a.clone(),
                        base_rev: base_revs.get(&id).copied(),
                    }),
                    None => removed.push(id),
                }
            }
            let mut deleted = HashSet::new();
            removed.retain(|id| ws.article(id).is_none() && deleted.insert(id.clone()));
            Batch {
                tab,
                seq: pending.last().map_or(0, |s| s.seq),
                writes,
                deletes: removed,
                meta: MetaRecord::of(ws, 0, base_meta.as_ref()),
                base_meta,
                // Adding an article is never replayed on another tab's record (the record
                // exists, so it is a duplicate): leave the texts out of the batch.
                edits: pending
                    .iter()
                    .filter(|s| !matches!(s.edit, Edit::AddArticle { .. }))
                    .map(|s| s.edit.clone())
                    .collect(),
            }
        })
    }

    async fn committed(&self, result: Result<Committed, IdbError>, snapshot: MetaRecord) {
        let (touched, edits) = self
            .journal
            .try_update_value(|j| j.inflight.take())
            .flatten()
            .unwrap_or_default();
        match result {
            Ok(c) => {
                self.adopt_commit(&c, &snapshot);
                let (consumed, tab) = self
                    .journal
                    .try_update_value(|j| {
                        j.retry_ms = 1000;
                        j.failure_told = false;
                        (std::mem::take(&mut j.consumed), j.tab.clone())
                    })
                    .unwrap_or_default();
                storage::forget(&tab, edits.iter().map(|e| e.seq));
                for tab in consumed {
                    storage::forget_tab(&tab);
                }
                self.status.quota_full.set(false);
                sync::send(&Message::Committed {
                    tab,
                    articles: c.revs.clone(),
                    deleted: c.deleted.clone(),
                    meta: c.meta.rev,
                });
                let more = self.dirty.with_value(|d| !d.is_empty())
                    || self.journal.with_value(|j| !j.pending.is_empty());
                if more {
                    self.commit();
                } else {
                    self.save.set(SaveState::Saved);
                }
                self.drain_inbox().await;
                self.refresh_usage().await;
            }
            Err(err) => {
                // Nothing of the batch was kept: put it back in front of newer edits.
                self.dirty.update_value(|d| {
                    let newer = std::mem::take(d);
                    *d = touched;
                    d.extend(newer);
                });
                let (retry, tell) = self
                    .journal
                    .try_update_value(|j| {
                        let newer = std::mem::take(&mut j.pending);
                        j.pending = edits;
                        j.pending.extend(newer);
                        let tell = !std::mem::replace(&mut j.failure_told, true);
                        let retry = (!std::mem::replace(&mut j.retry_scheduled, true))
                            .then_some(j.retry_ms);
                        j.retry_ms = (j.retry_ms * 2).min(30_000);
                        (retry, tell)
                    })
                    .unwrap_or((None, false));
                self.save.set(SaveState::Failed(err.to_string()));
                if err.is_quota() {
                    self.status.quota_full.set(true);
                } else if tell {
                    let t = self.lang.get_untracked().strings();
                    self.notices.push(
                        NoticeKind::Error,
                        None,
                        format!("{}: {err}", t.storage_failed),
                    );
                }
                if let Some(ms) = retry {
                    let store = *self;
                    set_timeout(
                        move || {
                            store.journal.update_value(|j| j.retry_scheduled = false);
                            store.commit();
                        },
                        Duration::from_millis(u64::from(ms)),
                    );
                }
                self.refresh_usage().await;
            }
        }
    }

    /// Takes in what a commit found another tab had written.
    fn adopt_commit(&self, c: &Committed, snapshot: &MetaRecord) {
        let pending: Vec<Edit> = self
            .journal
            .with_value(|j| j.pending.iter().map(|s| s.edit.clone()).collect());
        self.journal.update_value(|j| {
            for (id, rev) in &c.revs {
                j.base.revs.insert(id.clone(), *rev);
            }
            for id in c.deleted.iter().chain(&c.gone) {
                j.base.revs.remove(id);
            }
            j.base.meta = Some(c.meta.clone());
        });
        if !c.rebased.is_empty() || !c.gone.is_empty() {
            self.workspace.update(|ws| {
                for theirs in &c.rebased {
                    replace_article(ws, theirs.clone(), &pending);
                }
                ws.articles.retain(|a| !c.gone.contains(&a.id));
            });
        }
        if c.meta_merged {
            let missing = self.adopt_meta(snapshot, &c.meta);
            if !missing.is_empty() {
                self.journal.update_value(|j| j.inbox.extend(missing));
            }
        }
    }

    /// Merges the workspace-level state another tab committed into this tab's; returns the
    /// articles it lists that this tab does not have yet.
    fn adopt_meta(&self, base: &MetaRecord, stored: &MetaRecord) -> Vec<ArticleId> {
        let (learned_before, packs_before) = self
            .workspace
            .with_untracked(|ws| (ws.learned.clone(), ws.settings.packs.clone()));
        let mut missing = Vec::new();
        self.workspace.update(|ws| {
            let local = MetaRecord::of(ws, 0, None);
            let merged = persist::merge_meta(base, &local, stored);
            let mut kept: Vec<Article> = Vec::with_capacity(ws.articles.len());
            let mut articles = std::mem::take(&mut ws.articles);
            for id in &merged.order {
                match articles.iter().position(|a| &a.id == id) {
                    Some(i) => kept.push(articles.swap_remove(i)),
                    None => missing.push(id.clone()),
                }
            }
            ws.articles = kept;
            ws.selected = merged
                .selected
                .filter(|id| ws.article(id).is_some())
                .or_else(|| ws.articles.first().map(|a| a.id.clone()));
            ws.settings = merged.settings;
            ws.learned = merged.learned;
        });
        self.workspace.with_untracked(|ws| {
            if ws.settings.packs != packs_before {
                self.engine.repack(ws);
            } else if ws.learned != learned_before {
                let rules = Workspace {
                    learned: ws.learned.clone(),
                    ..Workspace::default()
                };
                self.engine.relearn(&rules, &learned_before);
            }
        });
        missing
    }

    /// A message from another tab.
    fn on_message(&self, message: Message) {
        match message {
            Message::Ping { tab, .. } => {
                if self.journal.with_value(|j| j.tab == tab) {
                    sync::send(&Message::Pong { tab });
                }
            }
            Message::Pong { tab } => ALIVE.with(|a| {
                a.borrow_mut().insert(tab);
            }),
            Message::Committed {
                articles,
                deleted,
                meta,
                ..
            } => {
                let changed: Vec<ArticleId> = self.journal.with_value(|j| {
                    articles
                        .iter()
                        .filter(|(id, rev)| j.base.revs.get(id) != Some(rev))
                        .map(|(id, _)| id.clone())
                        .chain(
                            deleted
                                .iter()
                                .filter(|id| j.base.revs.contains_key(*id))
                                .cloned(),
                        )
                        .collect()
                });
                let meta_changed = self
                    .journal
                    .with_value(|j| j.base.meta.as_ref().map(|m| m.rev) != Some(meta));
                if changed.is_empty() && !meta_changed {
                    return;
                }
                self.journal.update_value(|j| {
                    j.inbox.extend(changed);
                    j.inbox_meta |= meta_changed;
                });
                let store = *self;
                spawn_local(async move { store.drain_inbox().await });
            }
        }
    }

    /// Reads back what other tabs wrote (unless a commit is under way: then after it).
    async fn drain_inbox(&self) {
        let ready =
            self.status.ready.get_untracked() && self.journal.with_value(|j| j.inflight.is_none());
        if !ready {
            return;
        }
        let (mut ids, meta) = self
            .journal
            .try_update_value(|j| {
                (
                    std::mem::take(&mut j.inbox),
                    std::mem::take(&mut j.inbox_meta),
                )
            })
            .unwrap_or_default();
        if ids.is_empty() && !meta {
            return;
        }
        raqim_engine::order::sort_by(&mut ids, Ord::cmp);
        ids.dedup();
        let with_text: Vec<ArticleId> = self.workspace.with_untracked(|ws| {
            ids.iter()
                .filter(|id| ws.article(id).is_none())
                .cloned()
                .collect()
        });
        let pulled = match storage::pull(&ids, &with_text).await {
            Ok(p) => p,
            Err(_) => return,
        };
        if self.journal.with_value(|j| j.inflight.is_some()) {
            // A commit started meanwhile: read again once it is done.
            self.journal.update_value(|j| {
                j.inbox.extend(ids);
                j.inbox_meta = true;
            });
            return;
        }
        let pending: Vec<Edit> = self
            .journal
            .with_value(|j| j.pending.iter().map(|s| s.edit.clone()).collect());
        let mut received = 0;
        let base_meta = self.journal.with_value(|j| j.base.meta.clone());
        self.workspace.update(|ws| {
            for (id, found) in pulled.articles {
                match found {
                    Some((mut article, rev)) => {
                        if article.text.is_empty() {
                            match ws.article(&id) {
                                Some(local) => article.text = local.text.clone(),
                                None => continue,
                            }
                        }
                        replace_article(ws, article, &pending);
                        self.journal.update_value(|j| {
                            let _ = j.base.revs.insert(id.clone(), rev);
                        });
                        received += 1;
                    }
                    None => {
                        let added_here = pending
                            .iter()
                            .any(|e| matches!(e, Edit::AddArticle { article } if article.id == id));
                        if !added_here {
                            ws.articles.retain(|a| a.id != id);
                            self.journal.update_value(|j| {
                                let _ = j.base.revs.remove(&id);
                            });
                            received += 1;
                        }
                    }
                }
            }
        });
        if let Some(stored) = pulled.meta {
            if base_meta.as_ref().map(|m| m.rev) != Some(stored.rev) {
                let base = base_meta.unwrap_or_else(|| MetaRecord {
                    settings: stored.settings.clone(),
                    ..MetaRecord::default()
                });
                let missing = self.adopt_meta(&base, &stored);
                self.journal.update_value(|j| {
                    j.base.meta = Some(stored);
                    j.inbox.extend(missing);
                });
            }
        }
        self.status.received.update(|n| *n += received);
        let again = self.journal.with_value(|j| !j.inbox.is_empty());
        if again {
            let store = *self;
            spawn_local(async move { Box::pin(store.drain_inbox()).await });
        }
    }

    /// The page is being closed or hidden: start writing what is pending now (the journal
    /// already holds every edit, synchronously).
    pub fn closing(&self) {
        self.flush_now(true);
    }

    /// Switches the interface language and remembers it.
    pub fn set_lang(&self, lang: Lang) {
        self.lang.set(lang);
        storage::save_lang(lang.tag());
    }

    /// Updates the storage used / available figures (at most every two seconds).
    pub async fn refresh_usage(&self) {
        let now = js_sys::Date::now();
        let due = self
            .journal
            .try_update_value(|j| {
                let due = now - j.last_estimate_ms > 2000.0;
                if due {
                    j.last_estimate_ms = now;
                }
                due
            })
            .unwrap_or(false);
        if due {
            if let Some(usage) = storage::estimate().await {
                self.status.usage.set(Some(usage));
            }
        }
    }

    /// Records that the analyst just downloaded a full backup.
    pub fn backed_up(&self) {
        let now = browser::now_ms();
        self.status.backup.update(|b| {
            b.backed_up(now);
            storage::save_backup_state(b);
        });
    }

    /// Hides the backup reminder for a while.
    pub fn snooze_backup(&self) {
        let now = browser::now_ms();
        self.status.backup.update(|b| {
            b.snoozed_ms = Some(now);
            storage::save_backup_state(b);
        });
    }
}

thread_local! {
    /// Tabs that answered a ping (see [`Store::alive`]).
    static ALIVE: std::cell::RefCell<HashSet<String>> = std::cell::RefCell::new(HashSet::new());
}

/// Puts another tab's version of an article in place of this tab's (or adds it), with this
/// tab's own not-yet-committed edits replayed on top.
fn replace_article(ws: &mut Workspace, mut theirs: Article, pending: &[Edit]) {
    if theirs.text.is_empty() {
        match ws.article(&theirs.id) {
            Some(local) => theirs.text = local.text.clone(),
            None => return,
        }
    }
    let id = theirs.id.clone();
    let rebased = persist::rebase_article(theirs, &ws.settings, &ws.learned, pending);
    match (ws.articles.iter().position(|a| a.id == id), rebased) {
        (Some(i), Some(a)) => ws.articles[i] = a,
        (Some(i), None) => {
            ws.articles.remove(i);
        }
        (None, Some(a)) => ws.articles.push(a),
        (None, None) => {}
    }
    if ws
        .selected
        .as_ref()
        .is_some_and(|s| ws.article(s).is_none())
    {
        ws.selected = ws.articles.first().map(|a| a.id.clone());
    }
}

/// Something an edit taught the engine.
#[derive(Debug, Clone)]
enum Lesson {
    /// The learned rules changed; these were the rules before.
    Learned(Vec<LearnedRule>),
    /// The imported packs changed.
    Packs,
}

/// How serious a notice is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoticeKind {
    Info,
    Warning,
    Error,
}

impl NoticeKind {
    /// The CSS class and test id suffix.
    pub fn class(self) -> &'static str {
        match self {
            NoticeKind::Info => "info",
            NoticeKind::Warning => "warning",
            NoticeKind::Error => "error",
        }
    }
}

/// A message for the analyst, optionally about one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub id: u64,
    pub kind: NoticeKind,
    /// The file it concerns (untrusted: rendered as text).
    pub file: Option<String>,
    pub text: String,
}

/// The list of notices shown above the workspace.
#[derive(Debug, Clone, Copy)]
pub struct Notices {
    list: RwSignal<Vec<Notice>>,
    next: StoredValue<u64>,
}

impl Notices {
    pub fn new() -> Notices {
        Notices {
            list: RwSignal::new(Vec::new()),
            next: StoredValue::new(0),
        }
    }

    /// Shows a notice.
    pub fn push(&self, kind: NoticeKind, file: Option<String>, text: String) {
        let id = self.next.get_value();
        self.next.set_value(id + 1);
        self.list.update(|list| {
            list.push(Notice {
                id,
                kind,
                file,
                text,
            })
        });
    }

    /// Hides one notice.
    pub fn dismiss(&self, id: u64) {
        self.list.update(|list| list.retain(|n| n.id != id));
    }

    /// The notices, oldest first.
    pub fn list(&self) -> Vec<Notice> {
        self.list.get()
    }
}
