//! Analyst commands, and the keys that trigger them.
//!
//! Every command turns the current view state into an engine `Edit` (or a view change) — the
//! same path whether it came from a key, a button or a click. [`shortcut`] is the key map the
//! help overlay lists, so the overlay and the handler cannot drift apart.

use leptos::prelude::*;
use raqim_engine::article::Status;
use raqim_engine::span::SpanState;
use raqim_engine::stance::Stance;
use raqim_engine::{ArticleId, Edit, Label};

use crate::components::OpenArticle;
use crate::dom;
use crate::store::Store;
use crate::ui::Ui;
use crate::view_model::{neighbour_span, step_edge, Edge, Step};

/// Something the analyst can do with one key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Command {
    Label(usize),
    Accept,
    Reject,
    AcceptAll,
    NextSpan,
    PreviousSpan,
    Extend(Edge, Step),
    Delete,
    Undo,
    Redo,
    NextArticle,
    PreviousArticle,
    DoneAndNext,
    DocStance(Stance),
    SpeakerStance(Stance),
    Help,
    Escape,
}

/// A key press, as the handler sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key<'a> {
    pub key: &'a str,
    pub shift: bool,
    pub ctrl: bool,
}

/// The key map. Arrows are visual: the text runs right to left, so ← moves forward.
pub fn shortcut(k: Key<'_>) -> Option<Command> {
    use Command::*;
    let lower = k.key.to_ascii_lowercase();
    Some(match (lower.as_str(), k.shift, k.ctrl) {
        (d, false, false) if d.len() == 1 && ('1'..='9').contains(&d.chars().next()?) => {
            Label(d.parse::<usize>().ok()? - 1)
        }
        ("a", false, false) => Accept,
        ("a", true, false) => AcceptAll,
        ("x", false, false) => Reject,
        ("tab", false, false) => NextSpan,
        ("tab", true, false) => PreviousSpan,
        ("arrowleft", true, false) => Extend(Edge::End, Step::Forward),
        ("arrowright", true, false) => Extend(Edge::End, Step::Backward),
        ("arrowleft", true, true) => Extend(Edge::Start, Step::Forward),
        ("arrowright", true, true) => Extend(Edge::Start, Step::Backward),
        ("delete" | "backspace", _, false) => Delete,
        ("z", false, true) => Undo,
        ("z", true, true) | ("y", false, true) => Redo,
        ("j", false, false) => NextArticle,
        ("k", false, false) => PreviousArticle,
        ("enter", false, false) => DoneAndNext,
        ("f", false, false) => DocStance(Stance::Favor),
        ("d", false, false) => DocStance(Stance::Against),
        ("n", false, false) => DocStance(Stance::Neutral),
        ("u", false, false) => DocStance(Stance::Unrelated),
        ("f", true, false) => SpeakerStance(Stance::Favor),
        ("d", true, false) => SpeakerStance(Stance::Against),
        ("n", true, false) => SpeakerStance(Stance::Neutral),
        ("?", _, false) => Help,
        ("escape", _, _) => Escape,
        _ => return None,
    })
}

/// Carries out commands against the store and the view state.
#[derive(Debug, Clone, Copy)]
pub struct Commands {
    pub store: Store,
    pub ui: Ui,
    pub open: StoredValue<Option<OpenArticle>>,
}

impl Commands {
    fn article(&self) -> Option<ArticleId> {
        self.store
            .workspace
            .with_untracked(|ws| ws.selected.clone())
    }

    fn dispatch(&self, edit: Edit) -> bool {
        self.store.dispatch(edit).is_ok()
    }

    /// Runs one command.
    pub fn run(&self, command: Command) {
        let ui = self.ui;
        let selected = ui.selected.get_untracked();
        let Some(article) = self.article() else {
            return;
        };
        match command {
            Command::Label(index) => {
                let label = self
                    .store
                    .workspace
                    .with_untracked(|ws| ws.settings.labels.get(index).map(|l| l.name.clone()));
                if let Some(label) = label {
                    self.pick_label(&label);
                }
            }
            Command::Accept => {
                if let Some((start, end)) = selected {
                    self.dispatch(Edit::Accept {
                        article,
                        start,
                        end,
                    });
                }
            }
            Command::Reject => {
                if let Some((start, end)) = selected {
                    if self.dispatch(Edit::Reject {
                        article,
                        start,
                        end,
                    }) {
                        self.select_neighbour(Step::Forward);
                    }
                }
            }
            Command::AcceptAll => {
                self.dispatch(Edit::AcceptAll { article });
            }
            Command::NextSpan => self.select_neighbour(Step::Forward),
            Command::PreviousSpan => self.select_neighbour(Step::Backward),
            Command::Extend(edge, step) => {
                let (Some((start, end)), Some(open)) = (selected, self.open.get_value()) else {
                    return;
                };
                if let Some((new_start, new_end)) =
                    step_edge(&open.tokens, (start, end), edge, step)
                {
                    if self.dispatch(Edit::ResizeSpan {
                        article,
                        start,
                        end,
                        new_start,
                        new_end,
                    }) {
                        ui.selected.set(Some((new_start, new_end)));
                    }
                }
            }
            Command::Delete => {
                if let Some((start, end)) = selected {
                    if self.dispatch(Edit::RemoveSpan {
                        article,
                        start,
                        end,
                    }) {
                        ui.selected.set(None);
                    }
                }
            }
            Command::Undo => {
                self.dispatch(Edit::Undo { article });
            }
            Command::Redo => {
                self.dispatch(Edit::Redo { article });
            }
            Command::NextArticle => self.open_neighbour(1),
            Command::PreviousArticle => self.open_neighbour(-1),
            Command::DoneAndNext => {
                if self.dispatch(Edit::SetStatus {
                    article,
                    status: Status::Done,
                }) {
                    self.open_neighbour(1);
                }
            }
            Command::DocStance(stance) => {
                let Some(target) = self.first_target() else {
                    return;
                };
                let current = self.store.workspace.with_untracked(|ws| {
                    ws.article(&article)
                        .and_then(|a| a.stances.get(&target).copied())
                });
                // Pressing the current stance again clears it.
                let stance = (current != Some(stance)).then_some(stance);
                self.dispatch(Edit::SetStance {
                    article,
                    target,
                    stance,
                });
            }
            Command::SpeakerStance(stance) => {
                let (Some((start, end)), Some(target)) = (selected, self.first_target()) else {
                    return;
                };
                self.set_speaker(start, end, target, Some(stance));
            }
            Command::Help => ui.help.update(|open| *open = !*open),
            Command::Escape => {
                if ui.help.get_untracked() {
                    ui.help.set(false);
                } else {
                    ui.selected.set(None);
                }
            }
        }
    }

    /// Chooses a label: relabels the selected span, or makes it the label of the next selection.
    pub fn pick_label(&self, label: &str) {
        self.ui.active_label.set(Label::from(label));
        if let (Some((start, end)), Some(article)) =
            (self.ui.selected.get_untracked(), self.article())
        {
            self.dispatch(Edit::Relabel {
                article,
                start,
                end,
                label: Label::from(label),
            });
        }
    }

    /// Sets (or with `None` clears) the speaker stance of the mention `[start, end)`, with the
    /// sentence around it as evidence.
    pub fn set_speaker(&self, start: usize, end: usize, target: String, stance: Option<Stance>) {
        let Some(article) = self.article() else {
            return;
        };
        let evidence = self.store.workspace.with_untracked(|ws| {
            ws.article(&article)
                .map(|a| crate::view_model::sentence_around(&a.text, start, end))
        });
        self.dispatch(Edit::SetSpeakerStance {
            article,
            start,
            end,
            target,
            stance,
            evidence,
        });
    }

    fn first_target(&self) -> Option<String> {
        self.store
            .workspace
            .with_untracked(|ws| ws.settings.targets.first().map(|t| t.id.clone()))
    }

    fn select_neighbour(&self, step: Step) {
        let next = self.store.workspace.with_untracked(|ws| {
            ws.selected_article()
                .and_then(|a| neighbour_span(&a.spans, self.ui.selected.get_untracked(), step))
        });
        if let Some((start, end)) = next {
            self.ui.selected.set(Some((start, end)));
            dom::scroll_to_span(start);
        }
    }

    fn open_neighbour(&self, delta: isize) {
        let next = self.store.workspace.with_untracked(|ws| {
            let pos = ws
                .articles
                .iter()
                .position(|a| Some(&a.id) == ws.selected.as_ref())?;
            let next = pos.checked_add_signed(delta)?;
            ws.articles.get(next).map(|a| a.id.clone())
        });
        if let Some(id) = next {
            self.dispatch(Edit::Select { id: Some(id) });
        }
    }

    /// Whether the selected span can carry a speaker stance (a PER or ORG mention).
    pub fn selected_is_speaker(&self) -> bool {
        let Some((start, end)) = self.ui.selected.get_untracked() else {
            return false;
        };
        self.store.workspace.with_untracked(|ws| {
            ws.selected_article()
                .and_then(|a| a.span_at(start, end))
                .is_some_and(|s| {
                    s.state != SpanState::Rejected && matches!(s.label.as_str(), "PER" | "ORG")
                })
        })
    }
}

/// Installs the page-wide key handler.
pub fn install(commands: Commands) {
    let handle = window_event_listener(leptos::ev::keydown, move |ev| {
        let key = ev.key();
        if dom::typing_in_field() && key != "Escape" {
            return;
        }
        let Some(command) = shortcut(Key {
            key: &key,
            shift: ev.shift_key(),
            ctrl: ev.ctrl_key() || ev.meta_key(),
        }) else {
            return;
        };
        if matches!(command, Command::SpeakerStance(_)) && !commands.selected_is_speaker() {
            return;
        }
        ev.prevent_default();
        commands.run(command);
    });
    on_cleanup(move || handle.remove());
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(key: &str, shift: bool, ctrl: bool) -> Option<Command> {
        shortcut(Key { key, shift, ctrl })
    }

    #[test]
    fn the_key_map() {
        assert_eq!(key("3", false, false), Some(Command::Label(2)));
        assert_eq!(key("A", true, false), Some(Command::AcceptAll));
        assert_eq!(key("a", false, false), Some(Command::Accept));
        assert_eq!(key("Tab", true, false), Some(Command::PreviousSpan));
        assert_eq!(
            key("ArrowLeft", true, false),
            Some(Command::Extend(Edge::End, Step::Forward))
        );
        assert_eq!(
            key("ArrowRight", true, true),
            Some(Command::Extend(Edge::Start, Step::Backward))
        );
        assert_eq!(key("Z", true, true), Some(Command::Redo));
        assert_eq!(key("z", false, true), Some(Command::Undo));
        assert_eq!(
            key("F", true, false),
            Some(Command::SpeakerStance(Stance::Favor))
        );
        assert_eq!(key("0", false, false), None);
        assert_eq!(key("q", false, false), None);
    }
}
