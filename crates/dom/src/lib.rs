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

/// Says `text` in a status line (`<p class="notice" role="status">`) at the top of `parent`
/// (one line, replaced by the next), or, with `None`, takes it away: what went wrong outside
/// any view (the reader module's page-wide line in `main`, the settings panel's). Called from
/// a chunk of the app, its browser calls are still imports of the main module (that is
/// wasm-bindgen's way), so it makes few and plain ones.
pub fn notice(parent: &web_sys::Element, text: Option<&str>) {
    let Some(doc) = document() else { return };
    let old = parent.query_selector(":scope > .notice").ok().flatten();
    match (old, text) {
        (Some(old), None) => old.remove(),
        (Some(old), Some(text)) => old.set_text_content(Some(text)),
        (None, None) => {}
        (None, Some(text)) => {
            let Ok(p) = doc.create_element("p") else { return };
            let _ = p.set_attribute("class", "notice");
            let _ = p.set_attribute("role", "status");
            p.set_text_content(Some(text));
            let _ = parent.insert_before(&p, parent.first_child().as_ref());
        }
    }
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

/// `public/access.js`: what only the readers of 长辈模式, high contrast, 繁體 and 朗读 need (their
/// styles, the 繁體 wait, the reader module's loader), kept out of every other reader's page.
/// `public/boot.js` writes it into the page of a reader who chose one of them before; the
/// settings panel loads it ([`load_access`]) when one is chosen.
pub const ACCESS_SCRIPT: &str = "access.js";
/// The attribute of `<html>` that access.js sets when it has run (it runs once).
pub const ACCESS_RAN: &str = "data-access";

/// Loads [`ACCESS_SCRIPT`] unless it has run in this page; `failed` is called if it cannot be
/// fetched. Called from the settings panel (a chunk), it still costs the main module its error
/// listener's imports: 12–69 B brotli with [`notice`] (BENCHMARKS.md, issue 19).
pub fn load_access(mut failed: impl FnMut() + 'static) {
    use wasm_bindgen::{closure::Closure, JsCast};
    let (Some(document), Some(html)) = (document(), html()) else { return };
    if html.has_attribute(ACCESS_RAN) {
        return;
    }
    let (Ok(script), Some(body)) = (document.create_element("script"), document.body()) else { return };
    let _ = script.set_attribute("src", ACCESS_SCRIPT);
    let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |_| failed()).into_js_value();
    let _ = script.add_event_listener_with_callback("error", on_error.unchecked_ref());
    let _ = body.append_child(&script);
}

/// What the app asks of the reader module (`crates/reader`: 繁體 and 朗读, a wasm module of its
/// own). A request is an attribute of `<html>`, `data-reader-…`: the app's settings panel sets
/// it, [`ACCESS_SCRIPT`] loads the module when the first one appears (and sets the 繁體 request
/// itself for a reader who chose 繁體 before), and the module removes each as it acts on it and
/// watches for more. If the module cannot be fetched, access.js drops the requests and says so.
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

    /// The attribute of `<html>` that holds this request while it waits (access.js knows them
    /// by their prefix, `data-reader-`, and names `data-reader-hant`).
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
