//! The rule engine's parts. [`crate::Engine`] is the facade that runs them in order:
//! tokenize → zones → fold ([`Doc`]) → gazetteer + learned + patterns → resolve → spans with
//! explanations.
//!
//! Every matcher reads a [`Doc`] and pushes [`Candidate`]s; [`resolve`] alone decides which
//! candidates become suggestions (longest first, then rule priority, never overlapping, never
//! inside a boilerplate zone). Inside the engine the matchers push the same candidates with their
//! strings not yet written ([`candidate`]'s `Found`), and resolution writes them for the
//! winners only: most candidates lose.
//!
//! - [`pack`]: rule packs in spaCy's pattern JSONL, the default pack embedded.
//! - [`gazetteer`]: the pack compiled to one trie of folded tokens.
//! - [`patterns`]: contextual patterns (titles, dates, quantities…).
//! - [`zones`]: boilerplate zones (related links, tag lines, footers).
//! - [`learned`]: rules learned from the analyst.
//! - [`eval`]: precision, recall and F1 against gold annotations.

pub mod candidate;
pub mod doc;
pub mod eval;
pub mod gazetteer;
pub mod learned;
pub mod pack;
pub mod patterns;
pub mod resolve;
pub mod zones;

pub use candidate::Candidate;
pub use doc::Doc;
pub use gazetteer::{Gazetteer, GazetteerBuilder, Guards};
pub use learned::{Learned, LearnedKind, LearnedRule};
pub use pack::{NegativeLists, PackEntry, PackError, Pattern, RulePack};
