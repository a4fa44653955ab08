#![recursion_limit = "256"]
//! yuedu (阅读) web app: a Leptos client-side app that fetches article JSON and renders it.
//!
//! Layout: `routes/` has one file per page, `components/` the shared pieces, `api` is the only
//! module that touches the network, and all logic that does not need a browser lives in the
//! `yuedu-core` crate so it is tested natively.

pub mod api;
pub mod components;
pub mod embed;
/// The DOM helpers the app shares with the reader module (`crates/dom`).
pub use yuedu_dom as dom;
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
use crate::routes::not_found::NotFound;

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
    // A static page's own content, kept as it is (see `adopt`), if it is this route's page: a
    // host serves the first page's file for `/?page=2`, and a host whose fallback is some other
    // page (the home page for a new article's URL) serves that.
    if let Some((content, _)) = ADOPTED.take().filter(|(_, page)| route.path().as_deref() == Some(page.as_str())) {
        return EitherOf3::A(view! { <div class="adopted" node_ref=content/> });
    }
    // An embed URL reached by in-app navigation is shown as the page it embeds.
    let route = if let Route::Embed { target, .. } = &route { Route::embedded(target) } else { route };
    match route {
        Route::NotFound => EitherOf3::B(view! { <NotFound/> }),
        // Every other page is in the `pages` chunk.
        route => EitherOf3::C(split::page(route)),
    }
}

thread_local! {
    /// Where the static page's content goes when the app adopts it, and the path of the route
    /// it is the page of (`data-static`): taken by the first `route_view`, so only the page the
    /// app starts on is adopted.
    static ADOPTED: std::cell::RefCell<Option<(NodeRef<leptos::html::Div>, String)>> = const { std::cell::RefCell::new(None) };
}

/// Mounts the app into `#app`: adopts a static page's content, or replaces the shell's loading
/// view.
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
        // Every page the build writes has #app; without it there is nowhere to render.
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
        // In a task of its own: the browser has just instantiated the wasm (and compiles each
        // function on its first call), and a reader's tap or scroll can be answered in between.
        later(move || mount(root));
    }
}

/// Runs `f` in a task of its own (a zero-delay timer), so that starting the app is a few
/// short tasks rather than one long one that keeps the page from answering the reader
/// (Lighthouse's Total Blocking Time, BENCHMARKS.md).
fn later(f: impl FnOnce() + 'static) {
    gloo_timers::callback::Timeout::new(0, f).forget();
}

/// The language on `<html lang>`, when it is one the app speaks.
fn page_lang() -> Option<yuedu_core::i18n::Lang> {
    crate::dom::html()?.get_attribute("lang").and_then(|l| yuedu_core::i18n::Lang::parse(&l))
}

fn set_page_lang(lang: yuedu_core::i18n::Lang) {
    if let Some(html) = crate::dom::html() {
        let _ = html.set_attribute("lang", lang.tag());
    }
}

fn mount(root: web_sys::HtmlElement) {
    // A static page is written in the default language: a reader who chose another gets the
    // app's own rendering of it, in theirs.
    if root.has_attribute("data-static") && page_lang().unwrap_or_default() == yuedu_core::i18n::Lang::default() {
        adopt(root);
        return;
    }
    root.set_inner_html("");
    let _ = root.remove_attribute("data-static");
    root.set_attribute("data-ready", "").ok();
    leptos::mount::mount_to(root, App).forget();
}

/// A static page (written by `yuedu index --pages`) already shows its page, rendered natively
/// by these same components (src/ssr.rs). The app adopts it rather than rendering it again: it
/// builds its chrome around the page's content, which is moved in as it is, so the reader's
/// first view costs no rendering, no metrics extraction and none of the `pages` chunk — the page
/// is the app's from the first frame, in one task with no paint in between. The app renders
/// pages itself from the first navigation on. An adopted article gets what only the browser
/// can add (actions, related articles) like any other.
fn adopt(root: web_sys::HtmlElement) {
    let content = root.query_selector("main").ok().flatten().and_then(|main| {
        let range = root.owner_document()?.create_range().ok()?;
        range.select_node_contents(&main).ok()?;
        range.extract_contents().ok()
    });
    let slot = NodeRef::<leptos::html::Div>::new();
    if content.is_some() {
        ADOPTED.set(Some((slot, root.get_attribute("data-static").unwrap_or_default())));
    }
    root.set_inner_html("");
    let _ = root.remove_attribute("data-static");
    leptos::mount::mount_to(root.clone(), App).forget();
    if let (Some(content), Some(slot)) = (content, slot.get_untracked()) {
        let _ = slot.append_child(&content);
    }
    let _ = root.set_attribute("data-ready", "");
    // An adopted article gets its actions and related list, as the app's own view has them
    // (in the next task, if the reader has not left the page by then).
    let Some(extras) = root.query_selector("article[data-article-id] > .article-extras").ok().flatten() else { return };
    later(move || {
        if extras.is_connected() {
            adopt_extras(extras);
        }
    });
}

/// Mounts an adopted article's actions and related list in place of the static page's
/// placeholder, `extras`.
fn adopt_extras(extras: web_sys::Element) {
    let (Some(article), Some(router)) = (extras.parent_element(), router::current()) else { return };
    let id = article.get_attribute("data-article-id").unwrap_or_default();
    extras.remove();
    leptos::mount::mount_to(article.unchecked_into(), move || {
        provide_context(router);
        view! { <components::extras::ArticleExtras id=id/> }
    })
    .forget();
}
