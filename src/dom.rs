//! The browser window, where there is one. Every use of the DOM starts here: in the browser it
//! is `web_sys::window()`; natively — the same components rendered to static pages (`ssr`) —
//! there is none, and each caller already does nothing without a window. (Natively, any
//! wasm-bindgen import panics if called, so nothing else may reach for the window first.)

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

/// `<html>`, where the reader's settings live as attributes (`settings.rs`, `public/boot.js`).
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
/// as a wasm chunk that could not be fetched (`split.rs`).
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
