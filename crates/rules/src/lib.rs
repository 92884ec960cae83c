//! # raqim-rules
//!
//! The rule engine: what turns an article's text into suggested spans, and nothing else.
//! It is its own crate for one reason: it is the hot path, so the release profile compiles
//! it for speed (`opt-level = 3`) while the rest of the page is compiled for size. Everything
//! here is re-exported by `raqim-engine`, which is the crate the app and the command line
//! use; read that crate's docs first.
//!
//! Where to start reading:
//!
//! - [`engine`] is the facade: [`Engine`], built by [`EngineBuilder`], returns
//!   [`Suggestions`] for a text.
//! - [`text`] is the text model: Arabic-aware tokens (proclitics are tokens of their own),
//!   normalization for matching with a map back to the original, and the one conversion
//!   between code points and the DOM's UTF-16 offsets.
//! - [`rules`] holds the rule pack and the matchers the engine runs in order.
//! - [`span`] holds the shared vocabulary: [`Span`], [`Label`], [`SpanState`].
//! - [`hash`] names articles by the SHA-256 of their bytes.

pub mod engine;
mod fxhash;
pub mod hash;
pub mod rules;
pub mod span;
pub mod text;

pub use engine::{Engine, EngineBuilder, Suggestions};
pub use span::{Label, Name, Span, SpanState};
