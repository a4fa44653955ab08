//! yuedu (阅读) web app: a Leptos client-side app that fetches article JSON and renders it.
//!
//! Layout: `routes/` has one file per page, `components/` the shared pieces, `api` is the only
//! module that touches the network, and all logic that does not need a browser lives in the
//! `yuedu-core` crate so it is tested natively.

pub mod api;
pub mod components;
pub mod embed;
pub mod error;
pub mod fresh;
pub mod i18n;
pub mod load;
pub mod offline;
pub mod router;
pub mod settings;
pub mod routes;

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use yuedu_core::Route;

use crate::components::site::{SiteFooter, SiteHeader};
use crate::routes::{article::ArticlePage, home::HomePage, not_found::NotFound, tag::TagPage, tags::TagsPage};

/// The whole app: site chrome around the routed page, or an embed (decided once: an embed
/// never navigates inside its frame).
#[component]
pub fn App() -> impl IntoView {
    let router = router::provide_router();
    if let Route::Embed { target, options } = router.route.get_untracked() {
        return view! { <embed::EmbedApp target=target options=options/> }.into_any();
    }
    // The language boot.js put on <html> from the reader's settings.
    let lang = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
        .and_then(|e| e.get_attribute("lang"))
        .and_then(|l| yuedu_core::i18n::Lang::parse(&l))
        .unwrap_or_default();
    i18n::provide_lang(lang);
    let page = move || route_view(router.route.get());
    view! {
        <SiteHeader/>
        <main id="main" tabindex="-1">{page}</main>
        <SiteFooter/>
    }
    .into_any()
}

fn route_view(route: Route) -> impl IntoView {
    use leptos::either::EitherOf8;
    match route {
        Route::Home { page } => EitherOf8::A(view! { <HomePage page=page/> }),
        Route::Tags => EitherOf8::B(view! { <TagsPage/> }),
        Route::Saved => EitherOf8::C(view! { <routes::saved::SavedPage/> }),
        Route::Search { q } => EitherOf8::D(view! { <routes::search::SearchPage q=q/> }),
        Route::Article(id) => EitherOf8::E(view! { <ArticlePage id=id/> }),
        Route::Tag { name, page } => EitherOf8::F(view! { <TagPage name=name page=page/> }),
        // An embed URL reached by in-app navigation is shown as the page it embeds.
        Route::Embed { target: yuedu_core::route::EmbedTarget::Article(id), .. } => EitherOf8::E(view! { <ArticlePage id=id/> }),
        Route::Embed { target: yuedu_core::route::EmbedTarget::Tag { name, page }, .. } => EitherOf8::G(view! { <TagPage name=name page=page/> }),
        Route::NotFound => EitherOf8::H(view! { <NotFound/> }),
    }
}

/// Mounts the app into `#app`, replacing the static loading skeleton from `index.html`.
pub fn start() {
    // Debug builds log panics readably; release builds never panic by design (every failure is
    // an AppError shown in the page), and the hook costs wasm size on every reader's phone.
    #[cfg(debug_assertions)]
    console_error_panic_hook::set_once();
    let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("app"))
        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
    else {
        // index.html always has #app; without it there is nowhere to render.
        leptos::logging::error!("yuedu: no #app element to mount into");
        return;
    };
    if root.has_attribute("data-static") {
        take_over(root);
        return;
    }
    root.set_inner_html("");
    root.set_attribute("data-ready", "").ok();
    leptos::mount::mount_to(root, App).forget();
}

/// A static page (written by `yuedu index --pages`) already shows the article: the app is
/// built beside it, hidden, and replaces it once its page has content (or after two seconds),
/// so the reader never sees a skeleton in between.
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
        if let Some(w) = web_sys::window() {
            let _ = w.request_animation_frame(step.unchecked_ref());
        }
    }
    poll(page, next, 120);
}
