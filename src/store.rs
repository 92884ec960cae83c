//! The app's state and the single door through which it changes.
//!
//! [`Store::dispatch`] applies an engine [`Edit`] to the workspace signal at once, so the page
//! repaints in the same frame; saving what the edit touched, and re-suggesting the articles a
//! lesson concerns, run right after that frame. The save indicator says "saving" until the
//! write has succeeded, and a page that is being closed writes synchronously first.
//! Components never mutate the workspace themselves.

use std::time::Duration;

use leptos::prelude::*;
use raqim_engine::rules::LearnedRule;
use raqim_engine::workspace::{Refusal, Touched};
use raqim_engine::{Edit, Workspace};

use crate::engine_host::EngineHost;
use crate::i18n::Lang;
use crate::storage;

/// Whether the last edit reached storage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveState {
    Saved,
    /// Edits are applied and waiting to be written.
    Saving,
    Failed(String),
}

/// The workspace, its save state and the interface language.
#[derive(Debug, Clone, Copy)]
pub struct Store {
    pub workspace: RwSignal<Workspace>,
    pub save: RwSignal<SaveState>,
    pub lang: RwSignal<Lang>,
    pub engine: EngineHost,
    notices: Notices,
    /// What edits touched since the last write.
    dirty: StoredValue<Vec<Touched>>,
    /// What edits taught the engine, not yet applied to it.
    lessons: StoredValue<Vec<Lesson>>,
}

impl Store {
    /// Loads the saved workspace and reports anything that could not be read.
    pub fn load(notices: Notices) -> Store {
        let loaded = storage::load();
        let lang = loaded
            .lang
            .as_deref()
            .map(Lang::from_tag)
            .unwrap_or_default();
        for problem in loaded.problems {
            notices.push(
                NoticeKind::Error,
                None,
                format!("{}: {problem}", lang.strings().storage_recovered),
            );
        }
        let engine = EngineHost::new(&loaded.workspace);
        Store {
            engine,
            workspace: RwSignal::new(loaded.workspace),
            save: RwSignal::new(SaveState::Saved),
            lang: RwSignal::new(lang),
            notices,
            dirty: StoredValue::new(Vec::new()),
            lessons: StoredValue::new(Vec::new()),
        }
    }

    /// Applies one edit now; saves it (and applies what it taught) right after the repaint.
    pub fn dispatch(&self, edit: Edit) -> Result<(), Refusal> {
        let learned_before = self.workspace.with_untracked(|ws| ws.learned.clone());
        let repack = matches!(edit, Edit::AddPack { .. } | Edit::RemovePack { .. });
        let touched = self.workspace.try_update(|ws| ws.apply(edit)).unwrap_or(Ok(Touched::Meta))?;
        let learned_changed = self.workspace.with_untracked(|ws| ws.learned != learned_before);
        if repack {
            self.lessons.update_value(|l| l.push(Lesson::Packs));
        } else if learned_changed {
            self.lessons.update_value(|l| l.push(Lesson::Learned(learned_before)));
        }
        self.mark_dirty(touched);
        Ok(())
    }

    fn mark_dirty(&self, touched: Touched) {
        let first = self.dirty.try_update_value(|d| {
            d.push(touched);
            d.len() == 1
        });
        if first == Some(true) {
            self.save.set(SaveState::Saving);
            let store = *self;
            set_timeout(move || store.flush(), Duration::ZERO);
        }
    }

    /// Re-suggests the articles the pending lessons concern, then writes everything edits
    /// touched. Called after the repaint, and synchronously when the page is closing.
    pub fn flush(&self) {
        for lesson in self.lessons.try_update_value(std::mem::take).unwrap_or_default() {
            let stale = self.workspace.with_untracked(|ws| match &lesson {
                Lesson::Learned(before) => self.engine.relearn(ws, before),
                Lesson::Packs => self.engine.repack(ws),
            });
            for article in stale {
                let text = self.workspace.with_untracked(|ws| ws.article(&article).map(|a| a.text.clone()));
                let Some(text) = text else { continue };
                let s = self.engine.with(|e| e.suggest(&text));
                let edit = Edit::Suggest { article, spans: s.spans, zones: s.zones };
                if let Some(Ok(touched)) = self.workspace.try_update(|ws| ws.apply(edit)) {
                    self.dirty.update_value(|d| d.push(touched));
                }
            }
        }
        let mut dirty = self.dirty.try_update_value(std::mem::take).unwrap_or_default();
        if dirty.is_empty() {
            return;
        }
        dirty.dedup();
        let lang = self.lang.get_untracked().tag();
        let result = self
            .workspace
            .with_untracked(|ws| dirty.iter().try_for_each(|touched| storage::persist(ws, touched, lang)));
        self.record_save(result);
    }

    /// Switches the interface language and remembers it.
    pub fn set_lang(&self, lang: Lang) {
        self.lang.set(lang);
        let result = self
            .workspace
            .with_untracked(|ws| storage::save_meta(ws, lang.tag()));
        self.record_save(result);
    }

    fn record_save(&self, result: Result<(), String>) {
        match result {
            Ok(()) => self.save.set(SaveState::Saved),
            Err(err) => {
                let t = self.lang.get_untracked().strings();
                self.notices.push(
                    NoticeKind::Error,
                    None,
                    format!("{}: {err}", t.storage_failed),
                );
                self.save.set(SaveState::Failed(err));
            }
        }
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
