//! yuedu (阅读) web app: a Leptos client-side app that fetches article JSON and renders it.
//!
//! Layout: `routes/` has one file per page, `components/` the shared pieces, `api` is the only
//! module that touches the network, and all logic that does not need a browser lives in the
//! `yuedu-core` crate so it is tested natively.

pub mod api;
pub mod components;
pub mod error;
pub mod routes;

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;
use wasm_bindgen::JsCast;

use crate::components::site::{SiteFooter, SiteHeader};
use crate::routes::{article::ArticlePage, home::HomePage, not_found::NotFound, tag::TagPage};

/// The whole app: site chrome around the routed page.
#[component]
pub fn App() -> impl IntoView {
    view! {
        <Router>
            <SiteHeader/>
            <main id="main" tabindex="-1">
                <Routes fallback=|| view! { <NotFound/> }>
                    <Route path=path!("/") view=HomePage/>
                    <Route path=path!("/article/:id") view=ArticlePage/>
                    <Route path=path!("/tag/:name") view=TagPage/>
                </Routes>
            </main>
            <SiteFooter/>
        </Router>
    }
}

/// Mounts the app into `#app`, replacing the static loading skeleton from `index.html`.
pub fn start() {
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
    root.set_inner_html("");
    root.set_attribute("data-ready", "").ok();
    leptos::mount::mount_to(root, App).forget();
}
