//! The rule engine's parts. [`crate::Engine`] is the facade that runs them in order:
//! tokenize → fold → gazetteer + patterns → resolve → spans with explanations.
//!
//! Every matcher reads a [`Doc`] and pushes [`Candidate`]s; [`resolve`] alone decides which
//! candidates become suggestions (longest first, then rule priority, never overlapping, never
//! inside a boilerplate zone).

pub mod learned;

pub use learned::{LearnedKind, LearnedRule};
