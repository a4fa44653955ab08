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

/// What the app asks of the reader module (`crates/reader`: 繁體 and 朗读, a wasm module of its
/// own). A request is an attribute of `<html>`, `data-reader-…`: the app's settings panel sets
/// it, `public/boot.js` loads the module when the first one appears (and sets the 繁體 request
/// itself for a reader who chose 繁體 before), and the module removes each as it acts on it and
/// watches for more. If the module cannot be fetched, boot.js drops the requests and says so.
/// Through the page, not a JS interface, because the app and the module share nothing else:
/// the reader acts on the rendered page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReaderRequest {
    /// Convert the page (and what the app renders later) to Traditional characters.
    Hant,
    /// Open the read-aloud bar and read from the paragraph in view.
    ReadAloud,
}

impl ReaderRequest {
    /// Every request, in the order the module acts on them.
    pub const ALL: [ReaderRequest; 2] = [ReaderRequest::Hant, ReaderRequest::ReadAloud];

    /// The attribute of `<html>` that holds this request while it waits (boot.js knows them by
    /// their prefix, `data-reader-`, and names `data-reader-hant`).
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
