#![recursion_limit = "256"]
//! yuedu (阅读) web app: a Leptos client-side app that fetches article JSON and renders it.
//!
//! Layout: `routes/` has one file per page, `components/` the shared pieces, `api` is the only
//! module that touches the network, and all logic that does not need a browser lives in the
//! `yuedu-core` crate so it is tested natively.

pub mod api;
pub mod components;
pub mod dom;
pub mod embed;
pub mod error;
pub mod fresh;
pub mod i18n;
pub mod load;
pub mod offline;
pub mod router;
pub mod routes;
pub mod settings;
pub mod split;
#[cfg(feature = "ssr")]
pub mod ssr;

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use yuedu_core::Route;

use crate::components::site::{SiteFooter, SiteHeader};
use crate::routes::{article::ArticlePage, not_found::NotFound};

/// The whole app: site chrome around the routed page, or an embed (decided once: an embed
/// never navigates inside its frame).
#[component]
pub fn App() -> impl IntoView {
    // A static page is rendered with its router already in context (src/ssr.rs).
    let router = use_context::<router::Router>().unwrap_or_else(router::provide_router);
    if let Route::Embed { target, options } = router.route.get_untracked() {
        return split::embed(target, options).into_any();
    }
    // The language boot.js put on <html> from the reader's settings.
    i18n::provide_lang(page_lang().unwrap_or_default());
    let page = move || route_view(router.route.get());
    view! {
        <SiteHeader/>
        <main id="main" tabindex="-1">{page}</main>
        <SiteFooter/>
    }
    .into_any()
}

fn route_view(route: Route) -> impl IntoView {
    use leptos::either::EitherOf3;
    // An embed URL reached by in-app navigation is shown as the page it embeds.
    let route = if let Route::Embed { target, .. } = &route { Route::embedded(target) } else { route };
    match route {
        Route::Article(id) => EitherOf3::A(view! { <ArticlePage id=id/> }),
        Route::NotFound => EitherOf3::B(view! { <NotFound/> }),
        // Every other page is in the `pages` chunk.
        route => EitherOf3::C(split::page(route)),
    }
}

/// Mounts the app into `#app`, replacing the static loading skeleton from `index.html`.
pub fn start() {
    // Debug builds log panics readably; release builds never panic by design (every failure is
    // an AppError shown in the page), and the hook costs wasm size on every reader's phone.
    #[cfg(debug_assertions)]
    console_error_panic_hook::set_once();
    let Some(root) = crate::dom::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("app"))
        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
    else {
        // index.html always has #app; without it there is nowhere to render.
        leptos::logging::error!("yuedu: no #app element to mount into");
        return;
    };
    // An English page (the reader's setting, or an embed's `lang=en`: boot.js put it on
    // <html>) mounts once its strings have come from their chunk; without them, in Chinese.
    if page_lang() == Some(yuedu_core::i18n::Lang::En) {
        wasm_bindgen_futures::spawn_local(async move {
            match split::english().await {
                Ok(text) => i18n::set_english(text),
                Err(_) => set_page_lang(yuedu_core::i18n::Lang::ZhCn),
            }
            mount(root);
        });
    } else {
        mount(root);
    }
}

/// The language on `<html lang>`, when it is one the app speaks.
fn page_lang() -> Option<yuedu_core::i18n::Lang> {
    crate::dom::window()?.document()?.document_element()?.get_attribute("lang").and_then(|l| yuedu_core::i18n::Lang::parse(&l))
}

fn set_page_lang(lang: yuedu_core::i18n::Lang) {
    if let Some(html) = crate::dom::document().and_then(|d| d.document_element()) {
        let _ = html.set_attribute("lang", lang.tag());
    }
}

fn mount(root: web_sys::HtmlElement) {
    if root.has_attribute("data-static") {
        take_over(root);
        return;
    }
    root.set_inner_html("");
    root.set_attribute("data-ready", "").ok();
    leptos::mount::mount_to(root, App).forget();
}

/// A static page (written by `yuedu index --pages`) already shows the article: the app is
/// built beside it, hidden, and replaces it once its page has content or an error view, so the
/// reader never sees a skeleton or an empty page in between (a tag page's code comes from the
/// `pages` chunk first). Every page ends in one of those within the data timeout; the 20 s
/// bound only guards against one that never does — until then the static page works on its
/// own (its links are real links).
fn take_over(page: web_sys::HtmlElement) {
    let Some(doc) = page.owner_document() else { return };
    let Some(next) = doc.create_element("div").ok().and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) else { return };
    next.set_hidden(true);
    if page.after_with_node_1(&next).is_err() {
        return;
    }
    leptos::mount::mount_to(next.clone(), App).forget();
    fn poll(page: web_sys::HtmlElement, next: web_sys::HtmlElement, frames: u32) {
        let ready = next.query_selector("article[data-article-id], .article-list, .error-view").ok().flatten().is_some();
        if ready || frames == 0 {
            page.remove();
            next.set_id("app");
            next.set_hidden(false);
            let _ = next.set_attribute("data-ready", "");
            return;
        }
        let step = wasm_bindgen::closure::Closure::once_into_js(move || poll(page, next, frames - 1));
        if let Some(w) = crate::dom::window() {
            let _ = w.request_animation_frame(step.unchecked_ref());
        }
    }
    poll(page, next, 1200);
}
