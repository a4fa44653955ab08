//! The "嵌入 / Embed" action under an article: the snippet a partner pastes into their page,
//! with a copy button.

use leptos::prelude::*;

/// A disclosure with the embed snippet for article `id` (an iframe and the parent script, both
/// from this site's origin and base path) and a button that copies it.
#[component]
pub fn EmbedAction(id: String, title: String) -> impl IntoView {
    let t = crate::i18n::t();
    let site = site_url();
    let snippet = yuedu_core::embed::snippet(&site, &id, &title);
    let status = RwSignal::new("");
    let code = NodeRef::<leptos::html::Textarea>::new();
    let copy = {
        let snippet = snippet.clone();
        move |_| {
            let Some(clipboard) = crate::dom::window().map(|w| w.navigator().clipboard()) else { return };
            let promise = clipboard.write_text(&snippet);
            // Without clipboard access (an old browser, a denied permission) the code is
            // selected, so the reader can copy it by hand.
            let select = move || {
                if let Some(el) = code.get_untracked() {
                    el.select();
                }
            };
            wasm_bindgen_futures::spawn_local(async move {
                match wasm_bindgen_futures::JsFuture::from(promise).await {
                    Ok(_) => status.set(t.copied),
                    Err(_) => {
                        select();
                        status.set(t.copy_failed);
                    }
                }
            });
        }
    };
    view! {
        <details class="embed-action">
            <summary class="button button-secondary">{t.embed}</summary>
            <div class="embed-panel">
                <p id="embed-help">{t.embed_help}</p>
                <textarea
                    node_ref=code
                    class="embed-code"
                    readonly
                    rows="6"
                    aria-describedby="embed-help"
                    aria-label=t.embed
                    prop:value=snippet
                ></textarea>
                <p class="actions">
                    <button type="button" class="button" on:click=copy>{t.copy}</button>
                    <span class="embed-status" role="status">{move || status.get()}</span>
                </p>
            </div>
        </details>
    }
}

/// The app's absolute base URL (`https://example.org/reader/`), from `<base href>`.
fn site_url() -> String {
    let doc = crate::dom::document();
    let base = doc.and_then(|d| d.base_uri().ok().flatten()).unwrap_or_default();
    web_sys::Url::new(&base).map(|u| format!("{}{}", u.origin(), u.pathname())).unwrap_or(base)
}
