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
//! - [`engine`] is the rule engine's facade, [`Engine`], and [`rules`] its parts.
//!
//! [`text`], [`span`], [`hash`], [`engine`] and [`rules`] live in the `raqim-rules` crate and are
//! re-exported here under the same paths. They are a crate of their own only so that the release
//! profile can build that hot path for speed and the rest of this crate for size.

pub mod article;
pub mod decode;
pub mod export;
pub mod formats;
pub mod history;
pub mod order;
pub mod persist;
pub mod stance;
pub mod workspace;

pub use raqim_rules::{engine, hash, rules, span, text};

pub use article::{Article, ArticleId, Status};
pub use engine::{Engine, EngineBuilder, Suggestions};
pub use span::{Label, Name, Span, SpanState};
pub use workspace::{Edit, Workspace};
