//! What every engine test checks of any output.

use raqim_engine::{SpanState, Suggestions};

/// The invariants every suggestion set keeps, whatever the text.
pub fn check_invariants(text: &str, s: &Suggestions) -> Result<(), String> {
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
        if span.explanation.as_deref().is_none_or(str::is_empty) {
            return Err(format!(
                "span {}..{} is not explained",
                span.start, span.end
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
