//! A small client-side router over the History API.
//!
//! Routes are parsed by the core ([`yuedu_core::Route`]). Same-origin link clicks inside the
//! app's base path become `pushState` navigations; back/forward arrive as `popstate`. Links stay
//! real `<a href>` elements, so "open in new tab" and no-JS readers get the same URLs. The base
//! path comes from `<base href>` (trunk's `--public-url`), so a sub-path deploy needs no code
//! change. Written instead of `leptos_router` because the app needs only this, and the general
//! router costs ~12 KB brotli of wasm on a phone.

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use yuedu_core::Route;

/// The current route, provided as context by [`provide_router`].
#[derive(Clone, Copy)]
pub struct Router {
    pub route: ReadSignal<Route>,
    set_route: WriteSignal<Route>,
    base: StoredValue<String>,
}

impl Router {
    /// An href for `route` under the app's base path.
    pub fn href(&self, route: &Route) -> String {
        href_with_base(&self.base.get_value(), route)
    }

    /// Navigates to `route` as if a link had been followed. The page being left keeps its
    /// scroll position in its history entry, for back/forward.
    pub fn navigate(&self, route: Route) {
        let href = self.href(&route);
        if let Some(window) = crate::dom::window() {
            if let Ok(history) = window.history() {
                let y = window.scroll_y().unwrap_or(0.0);
                let _ = history.replace_state(&JsValue::from_f64(y), "");
                let _ = history.push_state_with_url(&JsValue::NULL, "", Some(&href));
            }
        }
        mark_route_start();
        self.set_route.set(route);
        scroll_to_top();
        measure_route_paint();
    }
}

/// The router in context (panics only if `provide_router` was never called, a programming
/// error caught by every test that renders a page).
pub fn use_router() -> Router {
    expect_context::<Router>()
}

thread_local! {
    static CURRENT: std::cell::Cell<Option<Router>> = const { std::cell::Cell::new(None) };
}

/// The page's router, outside the app's reactive tree (for views mounted into an adopted
/// static page, which need it in their context).
pub fn current() -> Option<Router> {
    CURRENT.get()
}

fn href_with_base(base: &str, route: &Route) -> String {
    format!("{base}{}", route.path().unwrap_or_default())
}

/// The path of `<base href>` (always ending in `/`), `/` when there is none.
fn base_path() -> String {
    let base = crate::dom::window()
        .and_then(|w| w.document())
        .and_then(|d| d.base_uri().ok().flatten())
        .and_then(|uri| web_sys::Url::new(&uri).ok())
        .map(|u| u.pathname())
        .unwrap_or_else(|| "/".into());
    if base.ends_with('/') {
        base
    } else {
        format!("{base}/")
    }
}

fn current_route(base: &str) -> Route {
    let Some(location) = crate::dom::window().map(|w| w.location()) else { return Route::NotFound };
    let path = location.pathname().unwrap_or_default();
    let search = location.search().unwrap_or_default();
    match path.strip_prefix(base).or_else(|| (path.clone() + "/").strip_prefix(base).map(|_| "")) {
        Some(rest) => Route::parse(&format!("{rest}{search}")),
        None => Route::NotFound,
    }
}

fn mark_route_start() {
    if let Some(p) = crate::dom::window().and_then(|w| w.performance()) {
        let _ = p.mark("yuedu:route:start");
    }
}

/// Records `yuedu:route`: from the route change to the next animation frame, i.e. the work
/// done before the new page can be painted (the benchmark's "within one frame").
fn measure_route_paint() {
    let Some(window) = crate::dom::window() else { return };
    let cb = Closure::once_into_js(move || {
        if let Some(p) = crate::dom::window().and_then(|w| w.performance()) {
            let _ = p.measure_with_start_mark("yuedu:route", "yuedu:route:start");
        }
    });
    let _ = window.request_animation_frame(cb.unchecked_ref());
}

/// Scrolls to `y` as soon as the page is tall enough (content loads asynchronously), trying
/// every 50 ms for up to `attempts` times, then scrolling as far as it can.
fn restore_scroll(y: f64, attempts: u32) {
    let Some(window) = crate::dom::window() else { return };
    let height = window.document().and_then(|d| d.document_element()).map_or(0.0, |e| f64::from(e.scroll_height()));
    let view = window.inner_height().ok().and_then(|h| h.as_f64()).unwrap_or(0.0);
    if height >= y + view || attempts == 0 {
        window.scroll_to_with_x_and_y(0.0, y);
    } else {
        gloo_timers::callback::Timeout::new(50, move || restore_scroll(y, attempts - 1)).forget();
    }
}

fn scroll_to_top() {
    if let Some(w) = crate::dom::window() {
        w.scroll_to_with_x_and_y(0.0, 0.0);
    }
}

/// The router of a page rendered natively into a static page (src/ssr.rs): `route` under the
/// site's `base` path, and nothing to listen to.
pub fn provide_static_router(route: Route, base: &str) -> Router {
    let (route, set_route) = signal(route);
    let router = Router { route, set_route, base: StoredValue::new(base.to_owned()) };
    provide_context(router);
    router
}

/// Starts routing: reads the current URL and listens for link clicks and back/forward.
pub fn provide_router() -> Router {
    let base = base_path();
    let (route, set_route) = signal(current_route(&base));
    let router = Router { route, set_route, base: StoredValue::new(base.clone()) };
    provide_context(router);
    CURRENT.set(Some(router));

    let Some(window) = crate::dom::window() else { return router };
    // We restore scroll positions ourselves, once the page's content has arrived.
    if let Ok(history) = window.history() {
        let _ = history.set_scroll_restoration(web_sys::ScrollRestoration::Manual);
    }
    let popstate_base = base.clone();
    let on_popstate = Closure::<dyn Fn(web_sys::PopStateEvent)>::new(move |ev: web_sys::PopStateEvent| {
        mark_route_start();
        set_route.set(current_route(&popstate_base));
        measure_route_paint();
        restore_scroll(ev.state().as_f64().unwrap_or(0.0), 60);
    });
    let _ = window.add_event_listener_with_callback("popstate", on_popstate.as_ref().unchecked_ref());
    on_popstate.forget(); // lives as long as the page

    if matches!(route.get_untracked(), Route::Embed { .. }) {
        return router; // an embed's links leave the frame (its <base target>); no in-app navigation
    }
    let on_click = Closure::<dyn Fn(web_sys::MouseEvent)>::new(move |ev: web_sys::MouseEvent| {
        if jump_within_page(&ev) {
            return;
        }
        if let Some(route) = internal_link_target(&ev, &base) {
            ev.prevent_default();
            router.navigate(route);
        }
    });
    if let Some(doc) = window.document() {
        let _ = doc.add_event_listener_with_callback("click", on_click.as_ref().unchecked_ref());
    }
    on_click.forget();
    router
}

/// `href="#id"` links (the skip link, the table of contents, the highlights' cards): with
/// `<base href>` the browser would resolve them against the base and leave the page, so the jump
/// is done here: scroll to the target, focus it, and keep the fragment in the URL without a new
/// history entry. A metric's mark is brought to the middle of the screen and its sentence
/// flashes briefly, so the eye finds it.
fn jump_within_page(ev: &web_sys::MouseEvent) -> bool {
    if ev.default_prevented() || ev.button() != 0 || ev.meta_key() || ev.ctrl_key() || ev.shift_key() || ev.alt_key() {
        return false;
    }
    let Some(anchor) =
        ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()).and_then(|e| e.closest("a[href^='#']").ok().flatten())
    else {
        return false;
    };
    let id = anchor.get_attribute("href").unwrap_or_default();
    let Some(target) = crate::dom::document().and_then(|d| d.get_element_by_id(&id[1..])) else { return false };
    ev.prevent_default();
    let metric = target.matches("mark.metric").unwrap_or(false);
    if metric {
        let options = web_sys::ScrollIntoViewOptions::new();
        options.set_block(web_sys::ScrollLogicalPosition::Center);
        target.scroll_into_view_with_scroll_into_view_options(&options);
    } else {
        target.scroll_into_view();
    }
    if let Some(el) = target.dyn_ref::<web_sys::HtmlElement>() {
        let focus = web_sys::FocusOptions::new();
        focus.set_prevent_scroll(true);
        let _ = el.focus_with_options(&focus);
    }
    if metric {
        let sentence = target.parent_element().unwrap_or(target);
        let _ = sentence.class_list().remove_1("flash");
        let _ = sentence.class_list().add_1("flash");
        gloo_timers::callback::Timeout::new(2_000, move || {
            let _ = sentence.class_list().remove_1("flash");
        })
        .forget();
    }
    if let Some(w) = crate::dom::window() {
        let url = format!("{}{}{id}", w.location().pathname().unwrap_or_default(), w.location().search().unwrap_or_default());
        let _ = w.history().map(|h| h.replace_state_with_url(&JsValue::NULL, "", Some(&url)));
    }
    true
}

/// The route a click should navigate to in-app, or `None` to let the browser handle it
/// (modifier keys, other buttons, new-tab targets, downloads, other origins, same-page hashes,
/// and paths outside the app such as `data/…` files).
fn internal_link_target(ev: &web_sys::MouseEvent, base: &str) -> Option<Route> {
    if ev.default_prevented() || ev.button() != 0 || ev.meta_key() || ev.ctrl_key() || ev.shift_key() || ev.alt_key() {
        return None;
    }
    let anchor = ev.target()?.dyn_into::<web_sys::Element>().ok()?.closest("a[href]").ok()??;
    let anchor = anchor.dyn_into::<web_sys::HtmlAnchorElement>().ok()?;
    if !anchor.target().is_empty() && anchor.target() != "_self" || anchor.has_attribute("download") {
        return None;
    }
    let location = crate::dom::window()?.location();
    if anchor.origin() != location.origin().ok()? {
        return None;
    }
    let path = anchor.pathname();
    if path == location.pathname().ok()? && !anchor.hash().is_empty() {
        return None; // a jump within the page (skip link)
    }
    let rest = path.strip_prefix(base).or_else(|| (path.clone() + "/").strip_prefix(base).map(|_| ""))?;
    if rest.starts_with("data/") || rest.rsplit('/').next().is_some_and(|last| last.contains('.')) {
        return None; // a file, not a page
    }
    Some(Route::parse(&format!("{rest}{}", anchor.search())))
}
