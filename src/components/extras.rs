//! What an article shows below its text that needs the browser: the share, save-for-offline and
//! embed actions and the related articles. Their code is the `extras` wasm chunk, fetched when
//! the reader comes within a screen of the end of the article: a reader who reads only the top
//! on a slow network never downloads it. The same component serves an article the app renders
//! and a static page the app adopts (`lib.rs`), where it is mounted into the page.

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// The actions and the related list of article `id`, as wanted.
#[component]
pub fn ArticleExtras(id: String, #[prop(default = true)] actions: bool, #[prop(default = true)] related: bool) -> impl IntoView {
    let here = NodeRef::<leptos::html::Div>::new();
    let near = RwSignal::new(false);
    Effect::new(move |_| {
        if let Some(el) = here.get() {
            when_near(&el, move || near.set(true));
        }
    });
    view! { <div class="article-extras" node_ref=here>{crate::split::extras(id, actions, related, near.into())}</div> }
}

/// Calls `then` once `el` is within a screen's height of the viewport (at once where the browser
/// has no `IntersectionObserver`).
fn when_near(el: &web_sys::Element, then: impl Fn() + 'static) {
    let then = std::rc::Rc::new(then);
    let on_seen = {
        let then = then.clone();
        Closure::<dyn Fn(js_sys::Array, web_sys::IntersectionObserver)>::new(
            move |entries: js_sys::Array, observer: web_sys::IntersectionObserver| {
                if entries.iter().any(|e| e.unchecked_into::<web_sys::IntersectionObserverEntry>().is_intersecting()) {
                    observer.disconnect();
                    then();
                }
            },
        )
    };
    let init = web_sys::IntersectionObserverInit::new();
    init.set_root_margin("100% 0px");
    match web_sys::IntersectionObserver::new_with_options(on_seen.as_ref().unchecked_ref(), &init) {
        Ok(observer) => {
            observer.observe(el);
            on_seen.forget(); // lives until it has fired
        }
        Err(_) => then(),
    }
}
