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
