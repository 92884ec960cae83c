//! # raqim-engine
//!
//! Everything Raqim knows, with no knowledge of where it runs. The browser app and the `raqim`
//! command line are thin shells around this crate; it never does IO, never touches the DOM,
//! and never fails on input text — any string, however hostile, yields a (possibly empty)
//! result.
//!
//! Where to start reading:
//!
//! - [`decode`] turns the bytes of a dropped file into an article's text (encodings, BOM,
//!   CRLF). Every offset anywhere in Raqim indexes the text it returns, in Unicode code points.
//! - [`text`] is the text model: Arabic-aware tokens (proclitics are tokens of their own),
//!   normalization for matching with a map back to the original, and the one conversion
//!   between code points and the DOM's UTF-16 offsets.
//! - [`span`] holds the shared vocabulary: [`Span`], [`Label`], [`SpanState`].
//! - [`article`] and [`workspace`] are the annotation model; [`workspace::Edit`] values are the
//!   only way it changes, applied by the pure [`workspace::Workspace::apply`].
//! - [`export`] writes the JSONL that trains spaCy/Prodigy-style models.
//! - [`hash`] names articles by the SHA-256 of their bytes, so the same file is never added twice.

pub mod article;
pub mod decode;
pub mod export;
pub mod formats;
pub mod history;
pub mod persist;
pub mod stance;
pub mod workspace;

// The rule engine is its own crate so that the release profile can compile it for speed and
// everything else for size; its modules are part of this crate's API under the same paths.
pub use raqim_rules::{engine, hash, rules, span, text};

pub use article::{Article, ArticleId, Status};
pub use engine::{Engine, EngineBuilder, Suggestions};
pub use span::{Label, Name, Span, SpanState};
pub use workspace::{Edit, Workspace};
