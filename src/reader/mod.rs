//! 繁體 and 朗读 (issue 19), in the `reader` wasm chunk (`src/split.rs`): both act on the
//! rendered page (the DOM), not on the app's data, so they work the same on a static page, an
//! app-rendered page and inside an embed. A reader who never turns them on never fetches this.

pub mod hant;
pub mod speak;

use wasm_bindgen::JsCast;

/// `<html>`.
fn root() -> Option<web_sys::Element> {
    crate::dom::document()?.document_element()
}

/// Every element matching `selector` under `root`, in document order.
fn all(root: &web_sys::Element, selector: &str) -> Vec<web_sys::Element> {
    let Ok(list) = root.query_selector_all(selector) else { return Vec::new() };
    (0..list.length()).filter_map(|i| list.item(i)?.dyn_into().ok()).collect()
}
