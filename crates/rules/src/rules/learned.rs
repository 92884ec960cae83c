//! Rules the workspace learned from the analyst.
//!
//! Accepting, drawing or relabelling a span teaches the workspace its surface form, so the same
//! entity is suggested in every other article at once; rejecting a suggestion teaches it to stop
//! suggesting that form with that label. Learned rules are plain data in the workspace; the
//! engine turns them into a small matcher of their own, so adding one never rebuilds the default
//! pack.

use serde::{Deserialize, Serialize};

use super::candidate::{Candidate, Found, PRIORITY_LEARNED};
use super::doc::Doc;
use super::gazetteer::{GazetteerBuilder, Guards};
use super::Gazetteer;
use crate::fxhash::FxHashMap;
use crate::span::{Label, Name};
use crate::text::Tokenizer;

/// What a learned rule does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LearnedKind {
    /// Suggest this form with this label.
    Entity,
    /// Never suggest this form with this label.
    Suppress,
}

/// One learned rule: a surface form (as the analyst marked it) and a label.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct LearnedRule {
    pub pattern: String,
    pub label: Label,
    pub kind: LearnedKind,
}

/// Learned rules compiled for matching: a small gazetteer of the accepted forms, and the set of
/// suppressed (form, label) pairs. Built in well under a millisecond for hundreds of rules, so the
/// engine rebuilds it on every lesson instead of touching the default pack.
/// The rule id of every suggestion a learned rule makes.
const LEARNED: Name = Name::from_static("learned");

#[derive(Debug, Clone, Default)]
pub struct Learned {
    entities: Option<Gazetteer>,
    /// Folded tokens joined by [`Doc::SEP`] → the labels suppressed for that form.
    suppressed: FxHashMap<String, Vec<Label>>,
}

impl Learned {
    /// Compiles `rules`. Forms are tokenized with `tokenizer` (the one articles are tokenized
    /// with, the forms' words already in its lexicon); `guards` keep, as in the packs, a lone
    /// function word or common given name from being learned as a name everywhere.
    pub fn new(rules: &[LearnedRule], tokenizer: &Tokenizer, guards: &Guards) -> Learned {
        let mut builder = GazetteerBuilder::new(tokenizer, guards, PRIORITY_LEARNED);
        let mut suppressed: FxHashMap<String, Vec<Label>> = FxHashMap::default();
        let mut any_entity = false;
        for rule in rules {
            match rule.kind {
                LearnedKind::Entity => {
                    any_entity = true;
                    let what = format!(
                        "learned {} «{}» from your annotations",
                        rule.label, rule.pattern
                    );
                    builder.add(&rule.pattern, &rule.label, None, &LEARNED, what);
                }
                LearnedKind::Suppress => {
                    let form = key(tokenizer, &rule.pattern);
                    // Rejecting `العراق` also rejects the `لعراق` of `للعراق`.
                    let lam = form.strip_prefix("ال").map(|rest| format!("ل{rest}"));
                    for form in [Some(form), lam].into_iter().flatten() {
                        suppressed.entry(form).or_default().push(rule.label.clone());
                    }
                }
            }
        }
        Learned {
            entities: any_entity.then(|| builder.build()),
            suppressed,
        }
    }

    /// Pushes a candidate for every learned form in `doc`.
    pub fn find(&self, doc: &Doc, out: &mut Vec<Candidate>) {
        if let Some(g) = &self.entities {
            g.find(doc, out);
        }
    }

    /// [`Learned::find`], as the engine runs it: candidates with their strings unwritten.
    pub(crate) fn propose<'l>(&'l self, doc: &Doc, out: &mut Vec<Found<'l>>) {
        if let Some(g) = &self.entities {
            g.propose(doc, out);
        }
    }

    /// Whether the analyst rejected the form of tokens `first..=last` with `label`.
    pub fn suppresses(&self, doc: &Doc, first: usize, last: usize, label: &str) -> bool {
        if self.suppressed.is_empty() {
            return false;
        }
        let (from, _) = doc.stream_range(first);
        let (_, to) = doc.stream_range(last);
        self.suppressed
            .get(&doc.stream()[from..to])
            .is_some_and(|labels| labels.iter().any(|l| l == label))
    }
}

/// The folded token form of `pattern`, as it appears between a candidate's tokens in
/// [`Doc`]'s stream.
fn key(tokenizer: &Tokenizer, pattern: &str) -> String {
    let tokens = tokenizer.tokenize(pattern);
    let doc = Doc::new(pattern, &tokens, &[]);
    if doc.is_empty() {
        return String::new();
    }
    let (from, _) = doc.stream_range(0);
    let (_, to) = doc.stream_range(doc.len() - 1);
    doc.stream()[from..to].to_owned()
}

/// The analyst's entity lessons as a rule pack, so they can be exported as spaCy pattern JSONL
/// (suppressions have no spaCy equivalent and are left out).
pub fn learned_pack(rules: &[LearnedRule]) -> crate::rules::RulePack {
    let mut pack = crate::rules::RulePack::new("learned");
    pack.entries = rules
        .iter()
        .filter(|r| r.kind == LearnedKind::Entity)
        .map(|r| crate::rules::pack::PackEntry {
            label: r.label.clone(),
            pattern: crate::rules::pack::Pattern::Phrase(r.pattern.clone()),
            id: None,
        })
        .collect();
    pack
}
