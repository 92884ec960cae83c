//! The rule engine inside the page: built once at start, re-derived when the analyst teaches it.
//!
//! Learning is cheap by design (`Engine::with_learned` compiles only the learned rules), so
//! after an edit that changes the workspace's learned rules, the page rebuilds that part and
//! re-suggests the articles whose text contains a changed form — every other article is left
//! alone.

use std::collections::HashMap;

use leptos::prelude::*;
use raqim_engine::rules::{LearnedRule, PackError, RulePack};
use raqim_engine::text::{fold, Token};
use raqim_engine::workspace::UserPack;
use raqim_engine::{ArticleId, Engine, Workspace};

/// A handle on the page's engine (and a cache of each article's folded text, to find the
/// articles a lesson concerns without folding them again).
#[derive(Debug, Clone, Copy)]
pub struct EngineHost {
    engine: StoredValue<Engine>,
    folded: StoredValue<HashMap<ArticleId, String>>,
}

impl EngineHost {
    /// The default pack plus the workspace's imported packs and learned rules.
    pub fn new(ws: &Workspace) -> EngineHost {
        EngineHost {
            engine: StoredValue::new(build(ws)),
            folded: StoredValue::new(HashMap::new()),
        }
    }

    /// Rebuilds the engine after the imported packs changed; every article needs new suggestions.
    pub fn repack(&self, ws: &Workspace) -> Vec<ArticleId> {
        self.engine.set_value(build(ws));
        ws.articles.iter().map(|a| a.id.clone()).collect()
    }

    /// Runs `f` with the engine.
    pub fn with<T>(&self, f: impl FnOnce(&Engine) -> T) -> T {
        self.engine.with_value(f)
    }

    /// The article's tokens: what selections snap to.
    pub fn tokenize(&self, text: &str) -> Vec<Token> {
        self.with(|e| e.tokenize(text))
    }

    /// Adopts new learned rules and returns the articles that need fresh suggestions: those
    /// whose text contains a form that was added or removed.
    pub fn relearn(&self, ws: &Workspace, before: &[LearnedRule]) -> Vec<ArticleId> {
        let changed: Vec<String> = ws
            .learned
            .iter()
            .filter(|r| !before.contains(r))
            .chain(before.iter().filter(|r| !ws.learned.contains(r)))
            .map(|r| fold(&r.pattern))
            .filter(|p| !p.is_empty())
            .collect();
        if changed.is_empty() {
            return Vec::new();
        }
        self.engine
            .update_value(|e| *e = e.with_learned(&ws.learned));
        self.containing(ws, &changed)
    }

    /// The articles whose folded text (or file name) contains any of the folded `needles`.
    pub fn containing(&self, ws: &Workspace, needles: &[String]) -> Vec<ArticleId> {
        self.folded
            .try_update_value(|cache| {
                cache.retain(|id, _| ws.article(id).is_some());
                ws.articles
                    .iter()
                    .filter(|a| {
                        let text = cache.entry(a.id.clone()).or_insert_with(|| fold(&a.text));
                        let file = fold(&a.file);
                        needles
                            .iter()
                            .any(|p| text.contains(p.as_str()) || file.contains(p.as_str()))
                    })
                    .map(|a| a.id.clone())
                    .collect()
            })
            .unwrap_or_default()
    }
}

/// Reads an imported pack; malformed lines are reported by line number and the rest loads.
pub fn parse_pack(pack: &UserPack) -> (RulePack, Vec<PackError>) {
    RulePack::from_jsonl(pack.name.clone(), &pack.jsonl)
}

fn build(ws: &Workspace) -> Engine {
    ws.settings
        .packs
        .iter()
        .fold(Engine::builder(), |b, p| b.pack(parse_pack(p).0))
        .learned(&ws.learned)
        .build()
}
