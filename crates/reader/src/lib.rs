//! 繁體 and 朗读 (issue 19): the page in Traditional characters ([`hant`]) and the article read
//! aloud ([`speak`]). Both act on the rendered page (the DOM), not on the app's data, so they
//! work the same on a static page, an app-rendered page and inside an embed.
//!
//! A wasm module of its own, not a chunk of the app's: a chunk's browser calls are imports of
//! the app's main module, which every first view downloads. The page asks for them through
//! attributes of `<html>` ([`yuedu_dom::ReaderRequest`]), and `public/access.js` loads this module
//! (`reader.js`, built by scripts/reader.mjs) when the first request appears: on start, and
//! whenever one is set, the module takes the requests and acts on them.

pub mod hant;
pub mod speak;

use yuedu_dom::ReaderRequest;

// The app's allocator (talc, smaller than dlmalloc).
#[cfg(all(not(target_feature = "atomics"), target_family = "wasm"))]
#[global_allocator]
static TALC: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

/// Runs when the module is instantiated: acts on the requests made so far, then on each new one.
#[wasm_bindgen::prelude::wasm_bindgen(start)]
fn start() {
    use wasm_bindgen::prelude::*;
    let Some(html) = yuedu_dom::html() else { return };
    take_requests();
    let observer = Closure::<dyn Fn()>::new(take_requests);
    if let Ok(observer) = web_sys::MutationObserver::new(observer.as_ref().unchecked_ref()) {
        let options = web_sys::MutationObserverInit::new();
        options.set_attributes(true);
        let names: js_sys::Array = ReaderRequest::ALL.iter().map(|r| JsValue::from(r.attribute())).collect();
        options.set_attribute_filter(&names);
        let _ = observer.observe_with_options(&html, &options);
    }
    observer.forget(); // for the page's life
}

fn take_requests() {
    for request in ReaderRequest::ALL.into_iter().filter(|r| r.take()) {
        // The module is here: an earlier "could not be loaded" no longer holds.
        notice(None);
        match request {
            ReaderRequest::Hant => hant::start(),
            ReaderRequest::ReadAloud => speak::open(),
        }
    }
}

/// Says `text` in a status line at the top of the page's `<main>`, or, with `None`, takes it
/// away ([`yuedu_dom::notice`]): what went wrong outside any view of the app's. When the module
/// itself cannot be fetched, `public/access.js` writes the same line.
pub fn notice(text: Option<&str>) {
    if let Some(main) = yuedu_dom::document().and_then(|d| d.query_selector("main").ok().flatten()) {
        yuedu_dom::notice(&main, text);
    }
}

/// The interface's language (`<html lang>`, which the app and `public/boot.js` set).
fn lang() -> yuedu_core::i18n::Lang {
    yuedu_dom::html().and_then(|h| h.get_attribute("lang")).and_then(|l| yuedu_core::i18n::Lang::parse(&l)).unwrap_or_default()
}
