//! The embed views (`/embed/article/<id>`, `/embed/tag/<name>`) for partner iframes: no site
//! chrome, the partner's choice of theme, language and parts, links that open the full page
//! outside the frame, and the auto-height messages of [`yuedu_core::embed`].

use leptos::either::Either;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use yuedu_core::embed::{EmbedOptions, HEIGHT_MESSAGE, HELLO_MESSAGE, PROTOCOL_VERSION};
use yuedu_core::route::EmbedTarget;
use yuedu_core::Route;

use crate::routes::article::{ArticlePage, ArticleParts};
use crate::routes::list::ListPage;

/// An embed: the article or tag list, and a link to the full page on the site.
#[component]
pub fn EmbedApp(target: EmbedTarget, options: EmbedOptions) -> impl IntoView {
    crate::i18n::provide_lang(options.lang);
    prepare_document(&options);
    report_height(options.frame.clone());
    let t = crate::i18n::t();
    let router = crate::router::use_router();
    let site = Route::embedded(&target);
    let (content, full) = match target {
        EmbedTarget::Article(id) => {
            let parts = ArticleParts { highlights: options.highlights, related: options.related, site: false };
            (Either::Left(view! { <ArticlePage id=id parts=parts/> }), (router.href(&site), t.read_on_site))
        }
        EmbedTarget::List { .. } => (Either::Right(view! { <ListPage route=site.clone() paged=false/> }), (router.href(&site), t.see_all)),
    };
    view! {
        <main id="main" class="embed">{content}</main>
        <footer class="embed-footer">
            <a class="embed-full" href=full.0>{full.1}</a>
            <span class="embed-brand">{t.app_name}" yuedu"</span>
        </footer>
    }
}

/// Theme, language and link target on the document. `public/boot.js` already set the theme
/// and `data-embed` before the first paint; this keeps them right if it did not run.
fn prepare_document(options: &EmbedOptions) {
    let Some(doc) = crate::dom::document() else { return };
    if let Some(html) = doc.document_element() {
        let _ = html.set_attribute("data-embed", "");
        let _ = html.set_attribute("data-theme", options.theme.as_str());
        let _ = html.set_attribute("lang", crate::i18n::use_lang().tag()); // Chinese if the English strings could not be had
    }
    // Every link opens outside the small frame: a new tab (works in a sandbox that allows
    // popups), never inside the embed.
    if let Some(base) = doc.query_selector("base").ok().flatten() {
        let _ = base.set_attribute("target", "_blank");
    }
}

/// Posts the content height to the parent whenever it changes, and again when the parent
/// says hello. Measures `#app`, whose height never depends on the frame's own height (the
/// embed has no `vh` sizes), so applying the height cannot feed back into a growth loop.
fn report_height(frame: Option<String>) {
    let Some(window) = crate::dom::window() else { return };
    let Ok(Some(parent)) = window.parent() else { return };
    if parent == window {
        return; // opened as a page, not in a frame
    }
    let Some(root) = window.document().and_then(|d| d.get_element_by_id("app")) else { return };
    let frame = frame.or_else(|| window.name().ok().filter(|n| !n.is_empty())).unwrap_or_default();
    let last = std::rc::Rc::new(std::cell::Cell::new(0u32));
    let post = {
        let parent = parent.clone();
        move |force: bool| {
            let height = root.get_bounding_client_rect().height().ceil().max(0.0) as u32;
            if height == 0 || (!force && height == last.get()) {
                return;
            }
            last.set(height);
            let message = js_sys::Object::new();
            let set = |k: &str, v: JsValue| js_sys::Reflect::set(&message, &k.into(), &v);
            let _ = set("type", HEIGHT_MESSAGE.into());
            let _ = set("version", PROTOCOL_VERSION.into());
            let _ = set("id", frame.as_str().into());
            let _ = set("height", height.into());
            // "*": the message holds only a height and the partner's own frame id, and the
            // embed cannot know which origin embeds it.
            let _ = parent.post_message(&message, "*");
        }
    };
    let post = std::rc::Rc::new(post);

    let on_resize = {
        let post = post.clone();
        Closure::<dyn Fn()>::new(move || post(false))
    };
    if let (Ok(observer), Some(root)) =
        (web_sys::ResizeObserver::new(on_resize.as_ref().unchecked_ref()), window.document().and_then(|d| d.get_element_by_id("app")))
    {
        observer.observe(&root);
    }
    on_resize.forget(); // observes for the life of the page

    let on_message = Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
        let from_parent = ev.source().is_some_and(|s| AsRef::<JsValue>::as_ref(&s) == AsRef::<JsValue>::as_ref(&parent));
        let data = ev.data();
        let field = |k: &str| js_sys::Reflect::get(&data, &k.into()).unwrap_or(JsValue::UNDEFINED);
        if from_parent
            && data.is_object()
            && field("type").as_string().as_deref() == Some(HELLO_MESSAGE)
            && field("version").as_f64() == Some(f64::from(PROTOCOL_VERSION))
        {
            post(true);
        }
    });
    let _ = window.add_event_listener_with_callback("message", on_message.as_ref().unchecked_ref());
    on_message.forget();
}
