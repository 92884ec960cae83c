//! The text model (placeholder until the tokenizer lands).

/// `text[start..end]` in code points (Python slicing); out-of-range bounds are clamped.
pub fn slice_chars(text: &str, start: usize, end: usize) -> &str {
    let mut idx = text.char_indices().map(|(i, _)| i).chain(std::iter::once(text.len()));
    let s = idx.by_ref().nth(start).unwrap_or(text.len());
    let e = if end > start { idx.nth(end - start - 1).unwrap_or(text.len()) } else { s };
    &text[s..e.max(s)]
}
