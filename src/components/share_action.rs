//! "分享 / Share": the Web Share API where the browser has it (phones), else the link copied.

use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// A share button for the current page titled `title`.
#[component]
pub fn ShareAction(title: String) -> impl IntoView {
    let t = crate::i18n::t();
    let status = RwSignal::new("");
    let share = move |_| {
        let Some(window) = crate::dom::window() else { return };
        let url = window.location().href().unwrap_or_default();
        let navigator = window.navigator();
        // `navigator.share` through Reflect: it is missing on most desktops.
        let share_fn = js_sys::Reflect::get(&navigator, &"share".into()).ok().and_then(|f| f.dyn_into::<js_sys::Function>().ok());
        let promise = match share_fn {
            Some(f) => {
                let data = js_sys::Object::new();
                let _ = js_sys::Reflect::set(&data, &"title".into(), &JsValue::from_str(&title));
                let _ = js_sys::Reflect::set(&data, &"url".into(), &JsValue::from_str(&url));
                f.call1(&navigator, &data).ok().and_then(|p| p.dyn_into::<js_sys::Promise>().ok()).map(|p| (p, ""))
            }
            None => Some((navigator.clipboard().write_text(&url), t.link_copied)),
        };
        let Some((promise, done)) = promise else { return };
        wasm_bindgen_futures::spawn_local(async move {
            // A cancelled share sheet is not an error worth a message.
            if JsFuture::from(promise).await.is_ok() {
                status.set(done);
            }
        });
    };
    view! {
        <button type="button" class="button button-secondary" on:click=share>{t.share}</button>
        <span class="share-status" role="status">{move || status.get()}</span>
    }
}
