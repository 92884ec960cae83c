//! Shared by the engine's integration tests: where the shared fixtures are, how a table of
//! cases reports, and what every engine test checks of any output. Each test crate uses part
//! of it.
#![allow(dead_code)]

use std::path::PathBuf;

use raqim_engine::{SpanState, Suggestions};

/// `$RAQIM_SHARED/fixtures` (default: `../shared/fixtures` beside the repository).
pub fn fixtures() -> PathBuf {
    std::env::var_os("RAQIM_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared"))
        .join("fixtures")
}

/// The rows of a table of cases: `(line number, line)` for every line that is not blank or a
/// `#` comment.
pub fn table_rows(table: &str) -> impl Iterator<Item = (usize, &str)> {
    table
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|(i, l)| (i + 1, l))
}

/// Fails with every failing row of a table of cases at once, and if the table has fewer than
/// `min_rows` rows (a table that silently lost its rows passes nothing).
pub fn assert_table(rows: usize, min_rows: usize, failures: &[String]) {
    assert!(
        rows >= min_rows,
        "the table lost rows ({rows} < {min_rows})"
    );
    assert!(
        failures.is_empty(),
        "{} failing rows:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// The invariants every suggestion set keeps, whatever the text. `explained`: whether its engine
/// writes explanations (then every span has one; else none has).
pub fn check_invariants(text: &str, s: &Suggestions, explained: bool) -> Result<(), String> {
    let len = text.chars().count();
    let mut prev_end = 0;
    for span in &s.spans {
        if span.start >= span.end || span.start < prev_end || span.end > len {
            return Err(format!(
                "span {}..{} out of order or range",
                span.start, span.end
            ));
        }
        prev_end = span.end;
        let starts = s
            .tokens
            .iter()
            .any(|t| t.start == span.start && t.kind.is_content());
        let ends = s
            .tokens
            .iter()
            .any(|t| t.end == span.end && t.kind.is_content());
        if !starts || !ends {
            return Err(format!(
                "span {}..{} is not on content-token boundaries",
                span.start, span.end
            ));
        }
        if span.state != SpanState::Suggested || span.source.is_empty() {
            return Err(format!(
                "span {}..{} has no rule or the wrong state",
                span.start, span.end
            ));
        }
        if explained == span.explanation.as_deref().is_none_or(str::is_empty) {
            return Err(format!(
                "span {}..{} is {}explained",
                span.start,
                span.end,
                if explained { "not " } else { "" }
            ));
        }
        if s.zones.iter().any(|z| z.overlaps(span.start, span.end)) {
            return Err(format!(
                "span {}..{} is inside a zone",
                span.start, span.end
            ));
        }
    }
    Ok(())
}
