//! Pieces shared between pages.

pub mod article_body;
pub mod article_list;
pub mod byline;
pub mod embed_action;
pub mod error_view;
pub mod metrics;
pub mod related;
pub mod save_action;
pub mod site;
pub mod skeleton;

use leptos::prelude::*;

/// Keeps `document.title` in step with the page ("标题 · 阅读").
pub fn set_document_title(title: &str) {
    if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
        let app = crate::i18n::t().app_name;
        doc.set_title(&if title.is_empty() { app.to_owned() } else { format!("{title} · {app}") });
    }
}

/// Points the page's oEmbed discovery `<link>` at article `id`'s oEmbed document (written by
/// `yuedu index --site <absolute URL>`), or removes it (`None`) on pages that are not articles.
pub fn set_oembed_link(id: Option<&str>) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return };
    let existing = doc.query_selector("link[type='application/json+oembed']").ok().flatten();
    match (id, existing) {
        (None, Some(link)) => link.remove(),
        (None, None) => {}
        (Some(id), existing) => {
            let Some(link) = existing.or_else(|| {
                let link = doc.create_element("link").ok()?;
                let _ = link.set_attribute("rel", "alternate");
                let _ = link.set_attribute("type", "application/json+oembed");
                doc.head()?.append_child(&link).ok()?;
                Some(link)
            }) else { return };
            // Resolved against <base href>: consumers need an absolute URL.
            let href = web_sys::Url::new_with_base(&format!("data/{}", yuedu_core::embed::oembed_path(id)), &doc.base_uri().ok().flatten().unwrap_or_default())
                .map(|u| u.href())
                .unwrap_or_default();
            let _ = link.set_attribute("href", &href);
        }
    }
}

/// The URL of a tag page under the app's base path; the name is percent-encoded.
pub fn tag_href(name: &str) -> String {
    crate::router::use_router().href(&yuedu_core::Route::tag(name))
}

/// The URL of an article page under the app's base path.
pub fn article_href(id: &str) -> String {
    crate::router::use_router().href(&yuedu_core::Route::Article(id.to_owned()))
}

/// Tag links, as a list.
#[component]
pub fn TagList(tags: Vec<String>) -> impl IntoView {
    view! {
        <ul class="tags" role="list">
            {tags
                .into_iter()
                .map(|tag| {
                    let href = tag_href(&tag);
                    view! { <li><a class="tag" href=href>{tag}</a></li> }
                })
                .collect_view()}
        </ul>
    }
}
