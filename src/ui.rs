//! View state that is not part of the workspace: what is selected, which label is active,
//! which panel is open. It is never saved and never exported.

use leptos::prelude::*;
use raqim_engine::Label;

use crate::view_model::Edge;

/// The side panel's tabs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Tab {
    #[default]
    Span,
    Stance,
    Labels,
    Rules,
    Team,
    Guidelines,
}

/// View state, shared through context.
#[derive(Debug, Clone, Copy)]
pub struct Ui {
    /// The selected span's bounds in the open article.
    pub selected: RwSignal<Option<(usize, usize)>>,
    /// The label a new selection gets.
    pub active_label: RwSignal<Label>,
    /// Whether the keyboard help is open.
    pub help: RwSignal<bool>,
    pub tab: RwSignal<Tab>,
    /// The span edge being dragged, if any.
    pub dragging: RwSignal<Option<Edge>>,
    /// Whether rejected suggestions are drawn (struck through).
    pub show_rejected: RwSignal<bool>,
}

impl Ui {
    pub fn new(first_label: Label) -> Ui {
        Ui {
            selected: RwSignal::new(None),
            active_label: RwSignal::new(first_label),
            help: RwSignal::new(false),
            tab: RwSignal::new(Tab::Span),
            dragging: RwSignal::new(None),
            show_rejected: RwSignal::new(false),
        }
    }
}
