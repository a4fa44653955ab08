//! 繁體 and 朗读, from the reader module (`crates/reader`): a wasm module of its own, loaded
//! the first time a reader turns one of them on (or opens a page with 繁體 chosen). Not a chunk
//! of this module: a chunk's browser calls (speech synthesis, `MutationObserver`, `TreeWalker`
//! …) would be imports of the main module, with their JS shims in its glue, downloaded by
//! every first view. The request goes through an attribute of `<html>` ([`ReaderRequest`]), which
//! the module reads when it starts and watches afterwards.
//!
//! If the module cannot be loaded (offline before it was ever cached, a network error), the
//! page stays as it is and a status line says so; asking again loads it again.

use std::cell::Cell;

use wasm_bindgen::prelude::*;
use yuedu_dom::ReaderRequest;

thread_local! {
    /// Whether the module's `<script>` is in the page: loading, or run (not after a failure).
    static LOADED: Cell<bool> = const { Cell::new(false) };
}

/// Converts the page to Traditional characters (choosing 繁體 again after a failure retries).
pub fn hant() {
    ask(ReaderRequest::Hant);
}

/// Opens the read-aloud bar, or starts reading again from the paragraph in view.
pub fn read_aloud() {
    ask(ReaderRequest::ReadAloud);
}

fn ask(request: ReaderRequest) {
    request.send();
    if LOADED.with(Cell::get) {
        return; // loading (it takes the request when it starts) or running (it sees it now)
    }
    let Some(doc) = crate::dom::document() else { return };
    let (Ok(script), Some(body)) = (doc.create_element("script"), doc.body()) else { return };
    // A classic script, not a module: a module that failed to load stays failed under its URL
    // for the page's life, and a retry would not fetch it again.
    let _ = script.set_attribute("src", ReaderRequest::MODULE);
    // Fired by the browser when the script cannot be fetched, and by the script itself when its
    // wasm cannot be (scripts/reader.mjs). The closure's type is the one Leptos's event
    // handlers have, so it adds no binding.
    let on_error = Closure::<dyn FnMut(web_sys::Event)>::new({
        let script = script.clone();
        move |_| failed(&script)
    });
    let _ = script.add_event_listener_with_callback("error", on_error.as_ref().unchecked_ref());
    on_error.forget(); // one per attempt
    if body.append_child(&script).is_ok() {
        LOADED.with(|l| l.set(true));
    }
}

/// The module could not be loaded: each request made says so, and the next one loads it again.
fn failed(script: &web_sys::Element) {
    script.remove();
    LOADED.with(|l| l.set(false));
    let text = crate::i18n::t();
    if ReaderRequest::Hant.take() {
        crate::dom::hant_settled();
        crate::dom::notice(Some(text.convert_failed));
    }
    if ReaderRequest::ReadAloud.take() {
        crate::dom::notice(Some(text.read_failed));
    }
}
