//! The workspace and the only way it changes: [`Edit`] values applied by [`Workspace::apply`].
//!
//! Every analyst action is data. The page turns DOM events into edits; the same values feed the
//! autosave, undo/redo and tests. `apply` is pure — no clock, no IO, no tokenizer — so edits
//! carry final, already-snapped offsets, and a sequence of edits replayed on the same workspace
//! always gives the same result. Annotation edits resolve to an invertible
//! [`Patch`](crate::history::Patch) recorded in the article's history.

use serde::{Deserialize, Serialize};

use crate::article::{Article, ArticleId, Status};
use crate::history::Patch;
use crate::rules::{LearnedKind, LearnedRule};
use crate::span::{Label, Span, SpanState, Zone, DEFAULT_LABELS};
use crate::stance::{SpeakerStance, Stance, Target};

/// A label as the analyst configured it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LabelDef {
    pub name: Label,
    /// A CSS colour (`#rrggbb`).
    pub color: String,
}

/// The default palette: Okabe–Ito, readable by colour-blind analysts.
pub const PALETTE: [&str; 9] = [
    "#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#999999",
    "#88CCEE",
];

/// Workspace-wide choices: labels, stance targets, guidelines.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Settings {
    pub labels: Vec<LabelDef>,
    pub targets: Vec<Target>,
    /// The labelling conventions shown in the Guidelines panel (Markdown-ish plain text).
    pub guidelines: String,
    /// Rule packs the analyst imported (spaCy pattern JSONL), applied on top of the default pack.
    #[serde(default)]
    pub packs: Vec<UserPack>,
}

/// An imported rule pack, kept as the text it came in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserPack {
    /// The file name it was imported from.
    pub name: String,
    /// spaCy EntityRuler/SpanRuler pattern JSONL.
    pub jsonl: String,
}

impl Settings {
    /// A label named `name` in the next colour of the palette, for adding to [`Settings::labels`].
    pub fn new_label(&self, name: Label) -> LabelDef {
        LabelDef {
            name,
            color: PALETTE[self.labels.len() % PALETTE.len()].to_owned(),
        }
    }
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            labels: DEFAULT_LABELS
                .iter()
                .zip(PALETTE)
                .map(|(name, color)| LabelDef {
                    name: (*name).into(),
                    color: color.into(),
                })
                .collect(),
            targets: vec![Target::default_target()],
            guidelines: DEFAULT_GUIDELINES.into(),
            packs: Vec::new(),
        }
    }
}

/// The conventions a new workspace starts with.
pub const DEFAULT_GUIDELINES: &str = include_str!("../data/guidelines.md");

/// Everything an analyst has loaded and decided, in one place.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Workspace {
    /// Articles in the order they were added.
    pub articles: Vec<Article>,
    /// The article open in the annotation view.
    pub selected: Option<ArticleId>,
    #[serde(default)]
    pub settings: Settings,
    /// Rules learned from the analyst's accepts, drawings and rejections, oldest first.
    #[serde(default)]
    pub learned: Vec<LearnedRule>,
}

/// One analyst action.
///
/// Serialized externally tagged (`{"add_span": {"article": …}}`, `"clear"`), the form whose
/// deserializer is smallest in the page's wasm; the edit journal reads the internally tagged
/// form schema 2 wrote too ([`crate::persist`]).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Edit {
    /// Add a decoded article, possibly carrying suggestions (refused if already loaded).
    AddArticle { article: Box<Article> },
    /// Remove one article and everything annotated on it.
    RemoveArticle { id: ArticleId },
    /// Remove every article.
    Clear,
    /// Open an article in the annotation view.
    Select { id: Option<ArticleId> },
    /// Draw a span; spans it overlaps are replaced.
    AddSpan {
        article: ArticleId,
        start: usize,
        end: usize,
        label: Label,
    },
    /// Delete the span at exactly `[start, end)`.
    RemoveSpan {
        article: ArticleId,
        start: usize,
        end: usize,
    },
    /// Move the edges of a span; spans the new extent overlaps are replaced.
    ResizeSpan {
        article: ArticleId,
        start: usize,
        end: usize,
        new_start: usize,
        new_end: usize,
    },
    /// Give a span another label.
    Relabel {
        article: ArticleId,
        start: usize,
        end: usize,
        label: Label,
    },
    /// Accept a suggestion.
    Accept {
        article: ArticleId,
        start: usize,
        end: usize,
    },
    /// Reject a suggestion (it stays, marked, so it is not suggested again).
    Reject {
        article: ArticleId,
        start: usize,
        end: usize,
    },
    /// Accept every open suggestion of the article.
    AcceptAll { article: ArticleId },
    /// Replace the article's open suggestions and rule-found zones (a rule-engine run).
    /// Reviewed spans and analyst zones are kept; not recorded in the undo history.
    Suggest {
        article: ArticleId,
        spans: Vec<Span>,
        zones: Vec<Zone>,
    },
    /// Mark or unmark `[start, end)` (whole lines) as boilerplate.
    SetZone {
        article: ArticleId,
        start: usize,
        end: usize,
        boilerplate: bool,
    },
    /// Set or clear the document stance toward a target.
    SetStance {
        article: ArticleId,
        target: String,
        stance: Option<Stance>,
    },
    /// Set or clear a speaker's stance on the mention `[start, end)`.
    SetSpeakerStance {
        article: ArticleId,
        start: usize,
        end: usize,
        target: String,
        stance: Option<Stance>,
        evidence: Option<String>,
    },
    /// Change the article's status.
    SetStatus { article: ArticleId, status: Status },
    /// Undo the article's last annotation edit.
    Undo { article: ArticleId },
    /// Redo the last undone edit.
    Redo { article: ArticleId },
    /// Replace the label set. Spans whose label disappears are relabelled to `replace_with`,
    /// or removed when it is `None`.
    SetLabels {
        labels: Vec<LabelDef>,
        renamed: Vec<(Label, Label)>,
        replace_with: Option<Label>,
    },
    /// Replace the stance targets.
    SetTargets { targets: Vec<Target> },
    /// Replace the guidelines text.
    SetGuidelines { text: String },
    /// Forget a learned rule.
    RemoveLearned { rule: LearnedRule },
    /// Add (or replace, by name) an imported rule pack.
    AddPack { pack: UserPack },
    /// Remove an imported rule pack.
    RemovePack { name: String },
    /// Bring back a backup's workspace-wide state ([`crate::formats::raqim::WorkspaceLine`]),
    /// merged so nothing the analyst set up in this workspace is lost: labels, stance targets
    /// and guidelines still at their defaults take the backup's; otherwise the backup's labels
    /// (by name) and targets (by id) that are missing are added and the guidelines stay. Rule
    /// packs (by name) and learned rules the workspace lacks are added.
    RestoreSettings {
        settings: Settings,
        learned: Vec<LearnedRule>,
    },
    /// Make room for what an imported file uses: its labels the workspace lacks are added, each
    /// with the next palette colour, and its stance targets (by id) likewise. Nothing the
    /// analyst set up is changed or removed.
    AdoptVocabulary {
        labels: Vec<Label>,
        targets: Vec<Target>,
    },
}

/// Why an edit was not applied. Nothing changed when one is returned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// The same content is already loaded, under this file name.
    Duplicate { existing_file: String },
    /// The edit names an article that is not in the workspace.
    UnknownArticle(ArticleId),
    /// No span at those bounds.
    NoSpan { start: usize, end: usize },
    /// The bounds are empty or outside the text.
    BadRange { start: usize, end: usize },
    /// Nothing to undo or redo.
    NothingToUndo,
    /// The label is not in the workspace's label set.
    UnknownLabel(Label),
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Refusal::Duplicate { existing_file } => {
                write!(f, "the same text is already loaded as “{existing_file}”")
            }
            Refusal::UnknownArticle(id) => write!(f, "no article {id} in this workspace"),
            Refusal::NoSpan { start, end } => write!(f, "no span at {start}–{end}"),
            Refusal::BadRange { start, end } => {
                write!(f, "{start}–{end} is not a range of the text")
            }
            Refusal::NothingToUndo => write!(f, "nothing to undo"),
            Refusal::UnknownLabel(label) => write!(f, "no label {label} in this workspace"),
        }
    }
}

/// What an applied edit touched, so callers persist only that.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Touched {
    /// One article's record changed (or was added).
    Article(ArticleId),
    /// One article was removed.
    Removed(ArticleId),
    /// Every article record may have changed (clear, label set changes).
    All,
    /// Only workspace-level state (selection, settings) changed.
    Meta,
}

impl Edit {
    /// The article an annotation edit (a span, zone, stance or status change, a re-suggestion,
    /// an undo or redo) changes; `None` for workspace-level edits and adding or removing articles.
    pub fn annotated_article(&self) -> Option<&ArticleId> {
        match self {
            Edit::AddSpan { article, .. }
            | Edit::RemoveSpan { article, .. }
            | Edit::ResizeSpan { article, .. }
            | Edit::Relabel { article, .. }
            | Edit::Accept { article, .. }
            | Edit::Reject { article, .. }
            | Edit::AcceptAll { article }
            | Edit::Suggest { article, .. }
            | Edit::SetZone { article, .. }
            | Edit::SetStance { article, .. }
            | Edit::SetSpeakerStance { article, .. }
            | Edit::SetStatus { article, .. }
            | Edit::Undo { article }
            | Edit::Redo { article } => Some(article),
            _ => None,
        }
    }
}

/// `current` becomes `backup` while it is still `default`; otherwise the items of `backup` whose
/// `key` it lacks are added to it.
fn adopt<T: PartialEq, K: PartialEq + ?Sized>(
    current: &mut Vec<T>,
    default: &[T],
    backup: Vec<T>,
    key: impl Fn(&T) -> &K,
) {
    if current.as_slice() == default {
        *current = backup;
        return;
    }
    for item in backup {
        if !current.iter().any(|c| key(c) == key(&item)) {
            current.push(item);
        }
    }
}

impl Workspace {
    /// [`Edit::RestoreSettings`]: the backup's settings and lessons join the workspace's. Labels,
    /// targets and guidelines the workspace never changed from the defaults are replaced by the
    /// backup's (so a fresh workspace restores exactly); changed ones are kept, with what the
    /// backup has besides added.
    fn restore_settings(&mut self, backup: Settings, learned: Vec<LearnedRule>) {
        let defaults = Settings::default();
        let s = &mut self.settings;
        adopt(&mut s.labels, &defaults.labels, backup.labels, |l| &l.name);
        adopt(&mut s.targets, &defaults.targets, backup.targets, |t| &t.id);
        adopt(&mut s.packs, &defaults.packs, backup.packs, |p| &p.name);
        if s.guidelines == defaults.guidelines {
            s.guidelines = backup.guidelines;
        }
        adopt(&mut self.learned, &[], learned, |r| r);
    }

    /// Looks an article up by id.
    pub fn article(&self, id: &ArticleId) -> Option<&Article> {
        self.articles.iter().find(|a| &a.id == id)
    }

    fn article_mut(&mut self, id: &ArticleId) -> Result<&mut Article, Refusal> {
        self.articles
            .iter_mut()
            .find(|a| &a.id == id)
            .ok_or_else(|| Refusal::UnknownArticle(id.clone()))
    }

    /// The article open in the annotation view.
    pub fn selected_article(&self) -> Option<&Article> {
        self.selected.as_ref().and_then(|id| self.article(id))
    }

    /// Whether `label` is in the label set.
    pub fn has_label(&self, label: &str) -> bool {
        self.settings.labels.iter().any(|l| l.name == label)
    }

    /// Applies one edit. On refusal the workspace is unchanged.
    pub fn apply(&mut self, edit: Edit) -> Result<Touched, Refusal> {
        match edit {
            Edit::AddArticle { article } => {
                if let Some(existing) = self.article(&article.id) {
                    return Err(Refusal::Duplicate {
                        existing_file: existing.file.clone(),
                    });
                }
                let id = article.id.clone();
                self.articles.push(*article);
                if self.selected.is_none() {
                    self.selected = Some(id.clone());
                }
                Ok(Touched::Article(id))
            }
            Edit::RemoveArticle { id } => {
                let pos = self
                    .articles
                    .iter()
                    .position(|a| a.id == id)
                    .ok_or_else(|| Refusal::UnknownArticle(id.clone()))?;
                self.articles.remove(pos);
                if self.selected.as_ref() == Some(&id) {
                    let next = pos.min(self.articles.len().saturating_sub(1));
                    self.selected = self.articles.get(next).map(|a| a.id.clone());
                }
                Ok(Touched::Removed(id))
            }
            Edit::Clear => {
                self.articles.clear();
                self.selected = None;
                Ok(Touched::All)
            }
            Edit::Select { id } => {
                if let Some(id) = &id {
                    if self.article(id).is_none() {
                        return Err(Refusal::UnknownArticle(id.clone()));
                    }
                }
                self.selected = id;
                Ok(Touched::Meta)
            }
            Edit::Undo { article } => {
                let a = self.article_mut(&article)?;
                let patch = a.history.undo.pop().ok_or(Refusal::NothingToUndo)?;
                let inverse = patch.inverse();
                inverse.apply_to(a);
                a.history.redo.push(patch);
                Ok(Touched::Article(article))
            }
            Edit::Redo { article } => {
                let a = self.article_mut(&article)?;
                let patch = a.history.redo.pop().ok_or(Refusal::NothingToUndo)?;
                patch.apply_to(a);
                a.history.undo.push(patch);
                Ok(Touched::Article(article))
            }
            Edit::Suggest {
                article,
                spans,
                zones,
            } => {
                let a = self.article_mut(&article)?;
                resuggest(a, spans, zones);
                Ok(Touched::Article(article))
            }
            Edit::SetLabels {
                labels,
                renamed,
                replace_with,
            } => {
                self.set_labels(labels, &renamed, replace_with);
                Ok(Touched::All)
            }
            Edit::SetTargets { targets } => {
                self.settings.targets = targets;
                Ok(Touched::Meta)
            }
            Edit::SetGuidelines { text } => {
                self.settings.guidelines = text;
                Ok(Touched::Meta)
            }
            Edit::RemoveLearned { rule } => {
                self.learned.retain(|r| *r != rule);
                Ok(Touched::Meta)
            }
            Edit::AddPack { pack } => {
                self.settings.packs.retain(|p| p.name != pack.name);
                self.settings.packs.push(pack);
                Ok(Touched::Meta)
            }
            Edit::RemovePack { name } => {
                self.settings.packs.retain(|p| p.name != name);
                Ok(Touched::Meta)
            }
            Edit::RestoreSettings { settings, learned } => {
                self.restore_settings(settings, learned);
                Ok(Touched::Meta)
            }
            Edit::AdoptVocabulary { labels, targets } => {
                for name in labels {
                    if !self.has_label(&name) {
                        let label = self.settings.new_label(name);
                        self.settings.labels.push(label);
                    }
                }
                for target in targets {
                    if !self.settings.targets.iter().any(|t| t.id == target.id) {
                        self.settings.targets.push(target);
                    }
                }
                Ok(Touched::Meta)
            }
            annotation => self.annotate(annotation),
        }
    }

    /// Edits recorded in an article's history: resolve to a patch, apply, record.
    fn annotate(&mut self, edit: Edit) -> Result<Touched, Refusal> {
        if let Edit::AddSpan { label, .. } | Edit::Relabel { label, .. } = &edit {
            if !self.has_label(label) {
                return Err(Refusal::UnknownLabel(label.clone()));
            }
        }
        let id = edit
            .annotated_article()
            .cloned()
            .expect("only article annotation edits reach annotate");
        let a = self.article_mut(&id)?;
        let lesson = lesson(a, &edit);
        let mut patch = patch_for(a, edit)?;
        if patch.is_empty() {
            return Ok(Touched::Article(id));
        }
        // The first annotation moves a new article into progress (undone with it).
        if a.status == Status::New && !matches!(patch, Patch::Status { .. }) {
            patch = Patch::Batch {
                patches: vec![
                    patch,
                    Patch::Status {
                        before: Status::New,
                        after: Status::InProgress,
                    },
                ],
            };
        }
        patch.apply_to(a);
        a.history.record(patch);
        if let Some(rule) = lesson {
            self.learn(rule);
        }
        Ok(Touched::Article(id))
    }

    /// Adds a learned rule; an entity rule and a suppression of the same form and label cancel.
    fn learn(&mut self, rule: LearnedRule) {
        self.learned
            .retain(|r| !(r.pattern == rule.pattern && r.label == rule.label));
        self.learned.push(rule);
    }

    fn set_labels(
        &mut self,
        labels: Vec<LabelDef>,
        renamed: &[(Label, Label)],
        replace_with: Option<Label>,
    ) {
        let keep: Vec<Label> = labels.iter().map(|l| l.name.clone()).collect();
        for article in &mut self.articles {
            for span in &mut article.spans {
                if let Some((_, to)) = renamed.iter().find(|(from, _)| *from == span.label) {
                    span.label = to.clone();
                }
            }
            article.spans.retain_mut(|span| {
                if keep.contains(&span.label) {
                    return true;
                }
                match &replace_with {
                    Some(label) => {
                        span.label = label.clone();
                        true
                    }
                    None => false,
                }
            });
            let spans = &article.spans;
            article.speakers.retain(|s| {
                spans
                    .iter()
                    .any(|sp| sp.start == s.start && sp.end == s.end)
            });
        }
        self.settings.labels = labels;
    }
}

/// What an annotation edit teaches the workspace, if anything: the surface form of an accepted,
/// drawn or relabelled span, or a suppression for a rejected suggestion.
fn lesson(a: &Article, edit: &Edit) -> Option<LearnedRule> {
    let rule = |start: usize, end: usize, label: &str, kind| {
        let pattern = crate::text::slice_chars(&a.text, start, end)
            .trim()
            .to_owned();
        (!pattern.is_empty()).then(|| LearnedRule {
            pattern,
            label: label.into(),
            kind,
        })
    };
    match edit {
        Edit::AddSpan {
            start, end, label, ..
        } => rule(*start, *end, label, LearnedKind::Entity),
        Edit::Relabel {
            start, end, label, ..
        } => rule(*start, *end, label, LearnedKind::Entity),
        Edit::Accept { start, end, .. } => {
            let span = a.span_at(*start, *end)?;
            (span.state == SpanState::Suggested)
                .then(|| rule(*start, *end, &span.label, LearnedKind::Entity))?
        }
        Edit::Reject { start, end, .. } => {
            let span = a.span_at(*start, *end)?;
            (span.state == SpanState::Suggested)
                .then(|| rule(*start, *end, &span.label, LearnedKind::Suppress))?
        }
        _ => None,
    }
}

/// Works out the patch an annotation edit makes to `a`, without changing it.
fn patch_for(a: &Article, edit: Edit) -> Result<Patch, Refusal> {
    let find = |start: usize, end: usize| -> Result<Span, Refusal> {
        a.span_at(start, end)
            .cloned()
            .ok_or(Refusal::NoSpan { start, end })
    };
    let check = |start: usize, end: usize| -> Result<(), Refusal> {
        if start < end && end <= a.chars {
            Ok(())
        } else {
            Err(Refusal::BadRange { start, end })
        }
    };
    Ok(match edit {
        Edit::AddSpan {
            start, end, label, ..
        } => {
            check(start, end)?;
            replace_spans(a, &[], vec![Span::analyst(start, end, label)])
        }
        Edit::RemoveSpan { start, end, .. } => {
            let span = find(start, end)?;
            replace_spans(a, &[span], Vec::new())
        }
        Edit::ResizeSpan {
            start,
            end,
            new_start,
            new_end,
            ..
        } => {
            check(new_start, new_end)?;
            let old = find(start, end)?;
            let mut new = old.clone();
            new.start = new_start;
            new.end = new_end;
            if new.state == SpanState::Suggested {
                new.state = SpanState::Accepted;
            }
            replace_spans(a, &[old], vec![new])
        }
        Edit::Relabel {
            start, end, label, ..
        } => {
            let old = find(start, end)?;
            let mut new = old.clone();
            new.label = label;
            if matches!(new.state, SpanState::Suggested | SpanState::Rejected) {
                new.state = SpanState::Accepted;
            }
            replace_spans(a, &[old], vec![new])
        }
        Edit::Accept { start, end, .. } => {
            let old = find(start, end)?;
            let mut new = old.clone();
            new.state = if old.state == SpanState::Analyst {
                SpanState::Analyst
            } else {
                SpanState::Accepted
            };
            Patch::Spans {
                remove: vec![old],
                add: vec![new],
            }
        }
        Edit::Reject { start, end, .. } => {
            let old = find(start, end)?;
            if old.state == SpanState::Analyst {
                // An analyst's own span is deleted, not "rejected".
                replace_spans(a, &[old], Vec::new())
            } else {
                let mut new = old.clone();
                new.state = SpanState::Rejected;
                let speakers = attached_speakers(a, &old);
                Patch::Batch {
                    patches: vec![
                        Patch::Spans {
                            remove: vec![old],
                            add: vec![new],
                        },
                        Patch::Speakers {
                            remove: speakers,
                            add: Vec::new(),
                        },
                    ],
                }
            }
        }
        Edit::AcceptAll { .. } => {
            let open: Vec<Span> = a
                .spans
                .iter()
                .filter(|s| s.state == SpanState::Suggested)
                .cloned()
                .collect();
            let accepted = open
                .iter()
                .cloned()
                .map(|mut s| {
                    s.state = SpanState::Accepted;
                    s
                })
                .collect();
            Patch::Spans {
                remove: open,
                add: accepted,
            }
        }
        Edit::SetZone {
            start,
            end,
            boilerplate,
            ..
        } => {
            check(start, end)?;
            let remove: Vec<Zone> = a
                .zones
                .iter()
                .filter(|z| z.overlaps(start, end))
                .cloned()
                .collect();
            let mut add = Vec::new();
            // Parts of overlapping zones outside the range survive.
            for z in &remove {
                if z.start < start {
                    add.push(Zone {
                        start: z.start,
                        end: start,
                        source: z.source.clone(),
                    });
                }
                if z.end > end {
                    add.push(Zone {
                        start: end,
                        end: z.end,
                        source: z.source.clone(),
                    });
                }
            }
            if boilerplate {
                add.push(Zone {
                    start,
                    end,
                    source: "analyst".into(),
                });
            }
            Patch::Zones { remove, add }
        }
        Edit::SetStance { target, stance, .. } => Patch::Stance {
            before: a.stances.get(&target).copied(),
            after: stance,
            target,
        },
        Edit::SetSpeakerStance {
            start,
            end,
            target,
            stance,
            evidence,
            ..
        } => {
            let span = find(start, end)?;
            let remove: Vec<SpeakerStance> = a
                .speaker(span.start, span.end, &target)
                .cloned()
                .into_iter()
                .collect();
            let add = stance
                .map(|stance| SpeakerStance {
                    start,
                    end,
                    target,
                    stance,
                    evidence,
                })
                .into_iter()
                .collect();
            Patch::Speakers { remove, add }
        }
        Edit::SetStatus { status, .. } => Patch::Status {
            before: a.status,
            after: status,
        },
        _ => unreachable!("only annotation edits reach patch_for"),
    })
}

/// Removes `remove` and every span overlapping what is added, then adds; speaker stances on a
/// replaced span move to the span that replaces it, or go with it.
fn replace_spans(a: &Article, remove: &[Span], add: Vec<Span>) -> Patch {
    let mut removed: Vec<Span> = remove.to_vec();
    for new in &add {
        for old in a.overlapping(new.start, new.end) {
            if !removed.contains(old) {
                removed.push(old.clone());
            }
        }
    }
    let mut speakers_out = Vec::new();
    let mut speakers_in = Vec::new();
    for old in &removed {
        for s in attached_speakers(a, old) {
            if let Some(new) = add.iter().find(|n| n.overlaps(old.start, old.end)) {
                speakers_in.push(SpeakerStance {
                    start: new.start,
                    end: new.end,
                    ..s.clone()
                });
            }
            speakers_out.push(s);
        }
    }
    let spans = Patch::Spans {
        remove: removed,
        add,
    };
    if speakers_out.is_empty() {
        spans
    } else {
        Patch::Batch {
            patches: vec![
                spans,
                Patch::Speakers {
                    remove: speakers_out,
                    add: speakers_in,
                },
            ],
        }
    }
}

fn attached_speakers(a: &Article, span: &Span) -> Vec<SpeakerStance> {
    a.speakers
        .iter()
        .filter(|s| s.start == span.start && s.end == span.end)
        .cloned()
        .collect()
}

/// A rule-engine run: open suggestions and rule zones are replaced; everything the analyst
/// reviewed or drew stays, and new suggestions never overlap it.
fn resuggest(a: &mut Article, spans: Vec<Span>, zones: Vec<Zone>) {
    a.spans.retain(|s| s.state != SpanState::Suggested);
    a.zones.retain(|z| z.source == "analyst");
    for zone in zones {
        if !a.zones.iter().any(|z| z.overlaps(zone.start, zone.end)) {
            a.zones.push(zone);
        }
    }
    a.sort_zones();
    for span in spans {
        let free = !a.spans.iter().any(|s| s.overlaps(span.start, span.end));
        if free && !a.in_zone(span.start, span.end) && span.start < span.end && span.end <= a.chars
        {
            a.spans.push(span);
        }
    }
    a.sort_spans();
}
