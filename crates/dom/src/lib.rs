//! The browser window, where there is one. Every use of the DOM starts here: in the browser it
//! is `web_sys::window()`; natively — the same components rendered to static pages (`ssr`) —
//! there is none, and each caller already does nothing without a window. (Natively, any
//! wasm-bindgen import panics if called, so nothing else may reach for the window first.)
//!
//! A crate of its own because two wasm modules use it: the app and the reader
//! (`crates/reader`: 繁體 and 朗读), which is built apart so that a reader who never uses
//! them pays nothing for them in the app's module (README "Architecture").

/// The window, in the browser.
#[inline]
pub fn window() -> Option<web_sys::Window> {
    #[cfg(target_family = "wasm")]
    return web_sys::window();
    #[cfg(not(target_family = "wasm"))]
    return None;
}

/// The document, in the browser.
pub fn document() -> Option<web_sys::Document> {
    window()?.document()
}

/// `<html>`, where the reader's settings live as attributes (the app's `settings.rs`,
/// `public/boot.js`).
pub fn html() -> Option<web_sys::Element> {
    document()?.document_element()
}

/// Every element matching `selector` under `root`, in document order.
pub fn all(root: &web_sys::Element, selector: &str) -> Vec<web_sys::Element> {
    use wasm_bindgen::JsCast;
    let Ok(list) = root.query_selector_all(selector) else { return Vec::new() };
    (0..list.length()).filter_map(|i| list.item(i)?.dyn_into().ok()).collect()
}

/// Runs `f`, recorded as the performance measure `name` (from a mark `name:start` set before
/// it), which tests and benchmarks read with `performance.getEntriesByName(name)`.
pub fn timed<T>(name: &str, f: impl FnOnce() -> T) -> T {
    let performance = window().and_then(|w| w.performance());
    let start = format!("{name}:start");
    if let Some(p) = &performance {
        let _ = p.mark(&start);
    }
    let out = f();
    if let Some(p) = &performance {
        let _ = p.measure_with_start_mark(name, &start);
    }
    out
}

/// Says `text` in a status line at the top of the page's `<main>` (one line, replaced by the
/// next notice), or, with `None`, takes it away: for what went wrong outside any view, such
/// as a part of the app that could not be fetched (the app's `split.rs` and `reader.rs`).
pub fn notice(text: Option<&str>) {
    let Some(doc) = document() else { return };
    let old = doc.query_selector("main > .notice").ok().flatten();
    let Some(text) = text else {
        if let Some(old) = old {
            old.remove();
        }
        return;
    };
    if let Some(old) = old {
        old.set_text_content(Some(text));
        return;
    }
    let (Some(main), Ok(p)) = (doc.query_selector("main").ok().flatten(), doc.create_element("p")) else { return };
    p.set_class_name("notice");
    let _ = p.set_attribute("role", "status");
    p.set_text_content(Some(text));
    let _ = main.prepend_with_node_1(&p);
}

/// The 繁體 conversion is done or has failed: the page may be painted (`public/boot.js` kept it
/// from being, with `<html data-script-wait>`, so that a 繁體 reader does not see it in
/// Simplified first).
pub fn hant_settled() {
    if let Some(html) = html() {
        let _ = html.remove_attribute("data-script-wait");
    }
}

/// What the app asks of the reader module (`crates/reader`: 繁體 and 朗读, a wasm module of its
/// own). The app sets the request's attribute on `<html>` and, the first time, loads
/// [`ReaderRequest::MODULE`]; the module removes the attributes as it acts on them, and watches
/// for more. Through the page, not a JS interface, because the two modules share nothing else:
/// the reader acts on the rendered page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReaderRequest {
    /// Convert the page (and what the app renders later) to Traditional characters.
    Hant,
    /// Open the read-aloud bar and read from the paragraph in view.
    ReadAloud,
}

impl ReaderRequest {
    /// The reader module's script, relative to `<base href>` (written by scripts/reader.mjs).
    pub const MODULE: &'static str = "reader.js";
    /// Every request, in the order the module acts on them.
    pub const ALL: [ReaderRequest; 2] = [ReaderRequest::Hant, ReaderRequest::ReadAloud];

    /// The attribute of `<html>` that holds this request while it waits.
    pub fn attribute(self) -> &'static str {
        match self {
            ReaderRequest::Hant => "data-reader-hant",
            ReaderRequest::ReadAloud => "data-reader-read",
        }
    }

    /// Makes this request.
    pub fn send(self) {
        if let Some(html) = html() {
            let _ = html.set_attribute(self.attribute(), "");
        }
    }

    /// Takes this request if it was made: true if it was.
    pub fn take(self) -> bool {
        html().is_some_and(|html| html.has_attribute(self.attribute()) && html.remove_attribute(self.attribute()).is_ok())
    }
}
