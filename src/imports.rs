//! Files of labelled data coming in (Raqim, doccano, Label Studio exports): read and checked at
//! once, but merged only when the analyst confirms, so nothing stored changes before that.

use leptos::prelude::*;
use raqim_engine::formats::ImportReport;

use crate::browser;
use crate::store::{NoticeKind, Notices};

/// Whether a file is labelled data to import rather than an article to annotate.
pub fn is_import(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.ends_with(".jsonl") || lower.ends_with(".json") || lower.ends_with(".ndjson")
}

/// A file read and checked, waiting for the analyst's decision.
#[derive(Debug, Clone, PartialEq)]
pub struct PendingImport {
    pub file: String,
    pub report: ImportReport,
}

/// The imports waiting for confirmation, oldest first.
#[derive(Debug, Clone, Copy)]
pub struct Imports(pub RwSignal<Vec<PendingImport>>);

impl Imports {
    pub fn new() -> Imports {
        Imports(RwSignal::new(Vec::new()))
    }

    /// Reads `files` and queues their reports; a file with no loadable record is reported and
    /// not queued.
    pub async fn stage(
        self,
        notices: Notices,
        files: Vec<web_sys::File>,
        empty_message: &'static str,
    ) {
        for file in files {
            let name = file.name();
            let bytes = match browser::read_bytes(&file).await {
                Ok(bytes) => bytes,
                Err(err) => {
                    notices.push(NoticeKind::Error, Some(name), err);
                    continue;
                }
            };
            let text = String::from_utf8_lossy(&bytes);
            let report = raqim_engine::formats::import(text.trim_start_matches('\u{FEFF}'));
            if report.items.is_empty() && report.errors.is_empty() {
                notices.push(NoticeKind::Error, Some(name), empty_message.to_owned());
                continue;
            }
            self.0
                .update(|queue| queue.push(PendingImport { file: name, report }));
        }
    }
}
