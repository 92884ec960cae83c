//! Where the DOM's offsets become code points: the one place the page converts.
//!
//! The browser reports selections and caret positions as (node, UTF-16 offset). The article view
//! marks every line (`<p>`) and every piece of a line with `data-s`, the code-point offset where
//! its text starts. A DOM point is resolved by measuring its UTF-16 distance from the start of
//! the nearest such element and converting with the engine's [`Utf16Index`].

use raqim_engine::text::Utf16Index;
use wasm_bindgen::JsCast;
use web_sys::{Element, Node};

/// The code-point offset of a DOM point inside the article view, if it is inside one.
pub fn point_to_cp(node: &Node, offset: u32) -> Option<usize> {
    let mut current = Some(node.clone());
    while let Some(n) = current {
        if let Some(el) = n.dyn_ref::<Element>() {
            if let Some(start) = el
                .get_attribute("data-s")
                .and_then(|s| s.parse::<usize>().ok())
            {
                let range = web_sys::window()?.document()?.create_range().ok()?;
                range.set_start(el, 0).ok()?;
                range.set_end(node, offset).ok()?;
                let units = range.to_string().length() as usize;
                let text = el.text_content().unwrap_or_default();
                return Some(start + Utf16Index::new(&text).to_code_point(units));
            }
            if el.has_attribute("data-article") {
                // A point between lines: the start of the line after it, or the end of the text.
                let children = el.children();
                return match children.item(offset) {
                    Some(line) => line.get_attribute("data-s")?.parse().ok(),
                    None => el.get_attribute("data-chars")?.parse().ok(),
                };
            }
        }
        current = n.parent_node();
    }
    None
}

/// The current text selection as a code-point range (in document order), if it is a non-empty
/// selection inside the article view.
pub fn selected_range() -> Option<(usize, usize)> {
    let selection = web_sys::window()?.get_selection().ok()??;
    if selection.is_collapsed() {
        return None;
    }
    let a = point_to_cp(&selection.anchor_node()?, selection.anchor_offset())?;
    let b = point_to_cp(&selection.focus_node()?, selection.focus_offset())?;
    (a != b).then(|| (a.min(b), a.max(b)))
}

/// Drops the browser's selection highlight once it has become a span.
pub fn clear_selection() {
    if let Some(Ok(Some(selection))) = web_sys::window().map(|w| w.get_selection()) {
        let _ = selection.remove_all_ranges();
    }
}

/// The code point under the pointer at viewport coordinates `(x, y)`.
pub fn cp_at_point(x: f64, y: f64) -> Option<usize> {
    let document = web_sys::window()?.document()?;
    let caret = document.caret_position_from_point(x as f32, y as f32)?;
    point_to_cp(&caret.offset_node()?, caret.offset())
}

/// Scrolls the span starting at `start` into view, if it is drawn.
pub fn scroll_to_span(start: usize) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if let Ok(Some(el)) = document.query_selector(&format!("mark[data-span-start=\"{start}\"]")) {
        let options = web_sys::ScrollIntoViewOptions::new();
        options.set_block(web_sys::ScrollLogicalPosition::Nearest);
        el.scroll_into_view_with_scroll_into_view_options(&options);
    }
}

/// Whether keyboard focus is in a field that takes typing (where shortcut keys must type
/// instead); checkboxes and buttons do not count.
pub fn typing_in_field() -> bool {
    let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.active_element())
    else {
        return false;
    };
    match el.tag_name().as_str() {
        "TEXTAREA" | "SELECT" => true,
        "INPUT" => !matches!(
            el.get_attribute("type").as_deref(),
            Some("checkbox" | "radio" | "button" | "submit" | "reset" | "file" | "color" | "range")
        ),
        _ => el.has_attribute("contenteditable"),
    }
}
